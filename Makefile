# tctt: `make` builds build/tcttd and build/tctt-dashboard; `make test` runs every
# test under ASan and UBSan; `make demo` runs the demo province; `make bench` measures.

PREFIX		?= /usr/local
DESTDIR		?=
SBINDIR		?= $(PREFIX)/sbin
MANDIR		?= $(PREFIX)/share/man
SYSCONFDIR	?= /etc
UNITDIR		?= /lib/systemd/system

CC		?= cc
PKGS		 = libcurl libxml-2.0 sqlite3 libevent inih libutf8proc libsystemd \
		   jansson libcrypt zlib libcrypto libzip xlsxwriter
WARN		 = -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
		   -Wshadow -Wpointer-arith -Wcast-qual -Wsign-compare -Wformat=2 \
		   -Wundef -Wvla -Wimplicit-fallthrough
BASE_CFLAGS	 = -std=c11 -D_GNU_SOURCE $(WARN) -Ilib -MMD -MP
OPT_CFLAGS	?= -O2 -g
SAN_CFLAGS	 = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		   -fno-sanitize-recover=all

LIB_SRC		 = $(wildcard lib/*.c)
DAEMON_SRC	 = $(filter-out daemon/main.c,$(wildcard daemon/*.c))
DASH_SRC	 = $(filter-out dashboard/main.c,$(wildcard dashboard/*.c))
TEST_SRC	 = $(wildcard tests/test_*.c) $(wildcard tests/support/*.c)
FIXSRV_SRC	 = $(wildcard tests/fixsrv/*.c)

# V=1 shows the commands
Q		 = $(if $(V),,@)

# Objects of a tree: $(call objs,TREE,SOURCES)
objs		 = $(patsubst %.c,$(1)/obj/%.o,$(2))

.PHONY: all deps binaries test test-deps test-build tsan tsan-build bench demo install clean check-config deb

all: deps
	@$(MAKE) --no-print-directory binaries

deps:
	@sh scripts/deps.sh build

binaries: build/tcttd build/tctt-dashboard build/fixsrv

ifneq ($(filter binaries test-build tsan-build build/%,$(MAKECMDGOALS)),)
PKG_CFLAGS	:= $(shell pkg-config --cflags $(PKGS))
PKG_LIBS	:= $(shell pkg-config --libs $(PKGS))
TEST_CFLAGS	:= $(shell pkg-config --cflags criterion 2>/dev/null)
TEST_LIBS	:= $(shell pkg-config --libs criterion 2>/dev/null)
ALLOC_LIBS	:= $(shell pkg-config --libs jemalloc)
endif

# Release tree
build/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo '  CC      $@')
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# The release daemon allocates with jemalloc (daemon/alloc.c says why)
build/tcttd: $(call objs,build,daemon/main.c $(DAEMON_SRC) $(LIB_SRC))
	$(CC) $(OPT_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(ALLOC_LIBS)

build/tctt-dashboard: $(call objs,build,dashboard/main.c $(DASH_SRC) $(LIB_SRC))
	$(CC) $(OPT_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/fixsrv: $(call objs,build,$(FIXSRV_SRC) $(LIB_SRC))
	$(CC) $(OPT_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The fetch benchmark of `make bench` (scripts/bench.sh): release flags
build/obj/tests/bench/%.o: CPPFLAGS += -Idaemon
build/fetchbench: $(call objs,build,tests/bench/fetchbench.c $(wildcard daemon/fetch*.c) daemon/robots.c daemon/netguard.c $(LIB_SRC))
	$(CC) $(OPT_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
# The document-reading benchmark (scripts/bench.sh)
build/docbench: $(call objs,build,tests/bench/docbench.c $(wildcard daemon/document*.c) $(wildcard daemon/extract*.c) daemon/stagecpu.c daemon/child.c $(LIB_SRC))
	$(CC) $(OPT_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The extraction benchmark and output check (tests/bench/extractbench.c)
build/extractbench: $(call objs,build,tests/bench/extractbench.c $(wildcard daemon/extract*.c) daemon/stagecpu.c $(LIB_SRC))
	$(CC) $(OPT_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Sanitizer tree: binaries the integration tests drive, and the test runner
build/asan/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo '  CC      $@')
	$(Q)$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) -Itests/support -Idaemon -Idashboard $(CPPFLAGS) -c $< -o $@

build/asan/tcttd: $(call objs,build/asan,daemon/main.c $(DAEMON_SRC) $(LIB_SRC))
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/tctt-dashboard: $(call objs,build/asan,dashboard/main.c $(DASH_SRC) $(LIB_SRC))
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/fixsrv: $(call objs,build/asan,$(FIXSRV_SRC) $(LIB_SRC))
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/run-tests: $(call objs,build/asan,$(TEST_SRC) $(DAEMON_SRC) $(DASH_SRC) $(LIB_SRC))
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

test-deps:
	@sh scripts/deps.sh test

# ThreadSanitizer tree: `make tsan` runs the suites that drive the worker
# thread (daemon/worker.h) on tcttd, fixsrv and the dashboard built for TSan
# (tests/tsan.sh); any report fails it. The runner is the ASan one: Criterion
# cannot start under TSan (its arena wants addresses TSan's shadow holds).
TSAN_CFLAGS	 = -O1 -g -fno-omit-frame-pointer -fsanitize=thread

build/tsan/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo '  CC      $@')
	$(Q)$(CC) $(BASE_CFLAGS) $(TSAN_CFLAGS) $(PKG_CFLAGS) -Idaemon $(CPPFLAGS) -c $< -o $@

build/tsan/tcttd: $(call objs,build/tsan,daemon/main.c $(DAEMON_SRC) $(LIB_SRC))
	$(CC) $(TSAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/tsan/tctt-dashboard: $(call objs,build/tsan,dashboard/main.c $(DASH_SRC) $(LIB_SRC))
	$(CC) $(TSAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/tsan/fixsrv: $(call objs,build/tsan,$(FIXSRV_SRC) $(LIB_SRC))
	$(CC) $(TSAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

tsan-build: build/tsan/tcttd build/tsan/tctt-dashboard build/tsan/fixsrv build/asan/run-tests

tsan: test-deps
	@$(MAKE) --no-print-directory tsan-build
	@sh tests/tsan.sh

# Each fuzz target with a plain main (tests/fuzz/standalone.c), for tests/test_fuzz_corpus.c
build/asan/libtctt.a: $(call objs,build/asan,$(LIB_SRC) $(DAEMON_SRC) $(DASH_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^

build/asan/fuzz_%: $(call objs,build/asan,tests/fuzz/fuzz_%.c tests/fuzz/standalone.c) build/asan/libtctt.a
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

test-build: build/asan/tcttd build/asan/tctt-dashboard build/asan/fixsrv build/asan/run-tests \
	$(patsubst tests/fuzz/fuzz_%.c,build/asan/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))

test: test-deps
	@$(MAKE) --no-print-directory test-build
	@sh tests/run.sh

bench: test-deps
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory binaries
	@sh scripts/bench.sh
	@sh scripts/bench-dashboard.sh
	@sh scripts/bench-archive.sh

demo: deps
	@$(MAKE) --no-print-directory binaries
	@sh scripts/demo.sh

# build/tctt_VERSION_ARCH.deb with debhelper (debian/), checked by lintian
deb:
	@sh scripts/deb.sh

check-config: all
	build/tcttd -c conf/tctt.conf --check
	build/tcttd -c conf/demo/tctt.conf --check

install: all
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(SYSCONFDIR)/tctt $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8
	install -m 755 build/tcttd build/tctt-dashboard $(DESTDIR)$(SBINDIR)
	for u in tcttd.service tctt-dashboard.service; do \
		sed -e 's|/usr/sbin/|$(SBINDIR)/|g' -e 's|/etc/tctt/|$(SYSCONFDIR)/tctt/|g' \
		    systemd/$$u >$(DESTDIR)$(UNITDIR)/$$u && chmod 644 $(DESTDIR)$(UNITDIR)/$$u; \
	done
	install -d $(DESTDIR)/usr/lib/sysusers.d
	install -m 644 systemd/tctt.sysusers $(DESTDIR)/usr/lib/sysusers.d/tctt.conf
	[ -n "$(DESTDIR)" ] || ! command -v systemd-sysusers >/dev/null || \
		systemd-sysusers /usr/lib/sysusers.d/tctt.conf
	[ -e $(DESTDIR)$(SYSCONFDIR)/tctt/tctt.conf ] || \
		install -m 644 conf/tctt.conf $(DESTDIR)$(SYSCONFDIR)/tctt/tctt.conf
	for m in doc/*.5; do [ -e "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man5; done; true
	for m in doc/*.8; do [ -e "$$m" ] && install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man8; done; true

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# Fuzzers (clang's libFuzzer): `make fuzz` builds build/fuzz/fuzz_* and runs each for
# FUZZ_RUNS executions on its kept corpus tests/fuzz/corpus-NAME (scripts/fuzz.sh prints
# executions and coverage). `make test` runs every target once over its kept corpus
# (tests/test_fuzz_corpus.c). By hand: build/fuzz/fuzz_mail -max_total_time=60 tests/fuzz/corpus-mail
FUZZ_RUNS	?= 1000000
FUZZ_NAMES	 = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS	 = -MMD -MP -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		   -fno-sanitize-recover=all -std=c11 -D_GNU_SOURCE -Ilib -Idaemon -Idashboard

.PHONY: fuzz fuzz-build
fuzz: deps
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@sh scripts/fuzz.sh $(FUZZ_RUNS) $(FUZZ_NAMES)

fuzz-build: $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_NAMES))

ifneq ($(filter fuzz-build build/fuzz/%,$(MAKECMDGOALS)),)
PKG_CFLAGS	:= $(shell pkg-config --cflags $(PKGS))
PKG_LIBS	:= $(shell pkg-config --libs $(PKGS))
endif

# The project's code, instrumented for coverage, in one archive: each fuzzer links
# only what it calls.
build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo '  CLANG   $@')
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c $< -o $@

build/fuzz/libtctt.a: $(call objs,build/fuzz,$(LIB_SRC) $(DAEMON_SRC) $(DASH_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libtctt.a
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

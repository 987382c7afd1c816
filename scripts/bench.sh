#!/bin/sh
# bench.sh: measure the fetch engine (build/fetchbench) against the curl command
# line on the same URL list: HOSTS simulated hosts x PAGES pages of SIZE bytes,
# served on loopback by nginx (or build/fixsrv with SERVER=fixsrv). Prints
# figures; it is not a test. Then the real daemon, `tcttd --once`, over the
# same hosts: one unit per host starting at its home page, full passes (crawl,
# extract, judge, store). Tunables (environment): HOSTS PAGES SIZE CONC
# PER_HOST SERVER BIG_SIZE TCTTD (the daemon binary, to compare builds) DOCS
# DOC_CONC. Then the cost of reading documents (build/docbench). Last, the
# many-hosts case (issue 15): MANY_HOSTS portals x MANY_PAGES pages on nginx,
# `curl --parallel --parallel-max MANY_PAR` and `tcttd --once` over the same
# hosts, a second pass (bytes moved), peak RSS at each count of MANY_RSS units;
# MANY_DOCS=1 makes those pages link 10 stub PDFs each, as the first cases do.
# CASES (default "fetch daemon docs many") picks the cases to run; BENCH_DIR
# (default build/bench) is where they run.
set -eu
cd "$(dirname "$0")/.."

HOSTS=${HOSTS:-200}
PAGES=${PAGES:-25}
SIZE=${SIZE:-16384}
CONC=${CONC:-32}
PER_HOST=${PER_HOST:-2}
SERVER=${SERVER:-nginx}
BIG_SIZE=${BIG_SIZE:-262144}
TCTTD=${TCTTD:-build/tcttd}
CASES=${CASES:-fetch daemon docs many}
MANY_HOSTS=${MANY_HOSTS:-1000}
MANY_PAGES=${MANY_PAGES:-25}
MANY_PAR=${MANY_PAR:-16}
MANY_RSS=${MANY_RSS:-100 1000 3000}
MANY_DOCS=${MANY_DOCS:-0}
PY=/usr/bin/python3
B=${BENCH_DIR:-$PWD/build/bench}

make --no-print-directory build/fetchbench build/docbench build/fixsrv build/tcttd >/dev/null

rm -rf "$B" && mkdir -p "$B/tmp"
srv_pid=""
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
	true
}
trap cleanup EXIT INT TERM

# gen DIR HOSTS PAGES SIZE [DOCS]: one host's pages in DIR/h0.bench, the others link to it;
# the URL list (host-major, as a crawl submits) in DIR/urls and a curl -K file in DIR/curl.cfg.
# DOCS 0: the pages link no documents.
gen() {
	"$PY" - "$@" <<'EOF'
import os, sys
d, hosts, pages, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
docs = int(sys.argv[5]) if len(sys.argv) > 5 else 1
h0 = os.path.join(d, "root", "h0.bench")
os.makedirs(h0, exist_ok=True)
# A portal page: a menu of links, a table of documents, then paragraphs of text.
text = ("Ủy ban nhân dân tỉnh công khai thông tin theo Luật Tiếp cận thông tin: "
        "kế hoạch, báo cáo, văn bản quy phạm pháp luật và thủ tục hành chính. ")
for p in range(pages):
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Trang %d</title></head><body>\n" % p,
             "<div class='menu'><ul>\n"]
    parts += ["<li><a href='/p%d.html'>Chuyên mục %d</a></li>\n" % ((p + i) % pages, i) for i in range(30)]
    parts.append("</ul></div>\n<table>\n")
    parts += ["<tr><td>%d</td><td><a href='/vb/%d.pdf'>Văn bản số %d/QĐ-UBND</a></td><td>01/09/2026</td></tr>\n"
              % (i, i, i) for i in range(10 if docs else 0)]
    parts.append("</table>\n")
    n = sum(len(x.encode()) for x in parts)
    while n < size - 30:
        para = "<p>" + text * 3 + "</p>\n"
        parts.append(para)
        n += len(para.encode())
    parts.append("</body></html>\n")
    with open(os.path.join(h0, "p%d.html" % p), "w") as f:
        f.write("".join(parts))
# The home page (where tcttd starts) links to every page; the documents pages link to exist.
home = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Trang chủ</title></head><body>\n<ul>\n"]
home += ["<li><a href='/p%d.html'>Chuyên mục %d</a></li>\n" % (p, p) for p in range(pages)]
home.append("</ul>\n<p>" + text + "</p>\n</body></html>\n")
with open(os.path.join(h0, "index.html"), "w") as f:
    f.write("".join(home))
os.makedirs(os.path.join(h0, "vb"), exist_ok=True)
for i in range(10):
    with open(os.path.join(h0, "vb", "%d.pdf" % i), "w") as f:
        f.write("%%PDF-1.4\n%% Văn bản số %d/QĐ-UBND\n%%%%EOF\n" % i)
for h in range(1, hosts):
    os.symlink("h0.bench", os.path.join(d, "root", "h%d.bench" % h))
with open(os.path.join(d, "urls"), "w") as u, open(os.path.join(d, "curl.cfg"), "w") as c:
    for h in range(hosts):
        for p in range(pages):
            url = "http://h%d.bench/p%d.html" % (h, p)
            u.write(url + "\n")
            c.write('url = "%s"\noutput = "/dev/null"\n' % url)
EOF
}

port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# serve ROOT: start the server on $port and wait until it answers.
serve() {
	cleanup
	if [ "$SERVER" = nginx ]; then
		cat >"$B/nginx.conf" <<EOF
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
worker_processes 1;
daemon off;
pid $B/nginx.pid;
error_log $B/nginx-error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	default_type text/html;
	keepalive_requests 100000;
	client_body_temp_path $B/tmp; proxy_temp_path $B/tmp; fastcgi_temp_path $B/tmp;
	uwsgi_temp_path $B/tmp; scgi_temp_path $B/tmp;
	server { listen 127.0.0.1:$port; root $1/\$host; }
}
EOF
		/usr/sbin/nginx -c "$B/nginx.conf" -p "$B" &
	else
		build/fixsrv --root "$1" --port "$port" >/dev/null &
	fi
	srv_pid=$!
	i=0
	until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "bench: server did not start" >&2; exit 1; }
		sleep 0.05
	done
}

# ours DIR [-x]: run fetchbench on DIR/urls (-x: without parsing); prints its two lines.
ours() {
	build/fetchbench -u "$1/urls" -n "$CONC" -p "$PER_HOST" -t "::127.0.0.1:$port" -r no ${2:-}
}

# theirs DIR [CFG PAR]: curl --parallel (PAR at once, default CONC) on the same
# list (CFG, default DIR/curl.cfg); prints "seconds N rss_kb N ok N cpu_s N".
theirs() {
	/usr/bin/time -f '%e %M %U %S' -o "$B/curl.time" \
	    curl -s -K "${2:-$1/curl.cfg}" --parallel --parallel-immediate --parallel-max "${3:-$CONC}" \
	    --connect-to "::127.0.0.1:$port" -A "tctt-bench" -w '%{http_code}\n' >"$B/curl.codes" 2>"$B/curl.err"
	ok=$(grep -c '^200$' "$B/curl.codes" || true)
	read -r secs rss usr sys <"$B/curl.time"
	echo "seconds $secs rss_kb $rss ok $ok cpu_s $(echo "$usr $sys" | awk '{ print $1 + $2 }')"
}

field() {	# field NAME TEXT: the value after NAME
	echo "$2" | tr ' ' '\n' | grep -A1 -x "$1" | tail -1
}

has() {	# has CASE: true when CASES names it
	case " $CASES " in *" $1 "*) return 0 ;; esac
	return 1
}
loadavg() {	# the 1-minute load average, to read beside a figure on a shared machine
	cut -d' ' -f1 /proc/loadavg
}

# The machine is shared: each contender runs twice, alternating, and keeps its faster run.
best() {	# best OLD NEW: the run with fewer seconds
	if [ -z "$1" ] || "$PY" -c 'import sys; sys.exit(not float(sys.argv[2]) < float(sys.argv[1]))' \
	    "$(field seconds "$1")" "$(field seconds "$2")"; then
		echo "$2"
	else
		echo "$1"
	fi
}

big_hosts=$((HOSTS / 10 > 0 ? HOSTS / 10 : 1))
if has fetch || has daemon; then
	echo "bench: $HOSTS hosts x $PAGES pages of $SIZE bytes, concurrency $CONC, per_host $PER_HOST, server $SERVER"
	gen "$B/small" "$HOSTS" "$PAGES" "$SIZE"
	gen "$B/big" "$big_hosts" 10 "$BIG_SIZE"
fi
if has fetch; then
serve "$B/small/root"
mine="" bare="" cu=""
for round in 1 2; do
	mine=$(best "$mine" "$(ours "$B/small")")
	bare=$(best "$bare" "$(ours "$B/small" -x)")
	cu=$(best "$cu" "$(theirs "$B/small")")
done
echo "$mine" | sed 's/^/  fetchbench (fetch + parse): /'
echo "$bare" | sed 's/^/  fetchbench (fetch only):    /'
echo "  curl --parallel:            $cu"
our_rss=$(field peak_rss_kb "$mine")
"$PY" - "$(field ok "$mine")" "$(field seconds "$mine")" "$(field ok "$bare")" \
    "$(field seconds "$bare")" "$(field ok "$cu")" "$(field seconds "$cu")" "$SIZE" <<'EOF'
import sys
op, os_, bp, bs, cp, cs, size = (float(x) for x in sys.argv[1:])
rate = lambda n, s: n / s if s > 0 else 0
ours, bare, curl = rate(op, os_), rate(bp, bs), rate(cp, cs)
print("  rate: fetchbench %.0f pages/s (%.1f MB/s) with parsing, %.0f pages/s (%.1f MB/s) without;"
      % (ours, ours * size / 1e6, bare, bare * size / 1e6))
print("        curl %.0f pages/s (%.1f MB/s)" % (curl, curl * size / 1e6))
print("  ratio to curl: %.2f with parsing, %.2f without (goal >= 0.5)"
      % (ours / curl if curl else 0, bare / curl if curl else 0))
EOF

# Peak RSS against page size: few hosts, big pages.
serve "$B/big/root"
big=$(ours "$B/big")
echo "$big" | sed 's/^/  fetchbench (big pages): /'
echo "  peak RSS: ${our_rss} KiB with $SIZE-byte pages ($((HOSTS * PAGES)) pages), $(field peak_rss_kb "$big") KiB with $BIG_SIZE-byte pages ($((big_hosts * 10)) pages)"
fi

# The real daemon over the same hosts: one unit per host, its home page as url.
tcttd_conf() {	# tcttd_conf DIR HOSTS: write DIR/tctt.conf
	{
		printf '[daemon]\ndatabase = %s/tctt.db\nconcurrency = %s\nper_host = %s\n' "$1" "$CONC" "$PER_HOST"
		printf 'max_pages = 1000\nmax_depth = 4\nrobots = no\ntimeout = 30s\nretries = 0\n'
		printf 'connect_to = ::127.0.0.1:%s\n' "$port"
		h=0
		while [ $h -lt "$2" ]; do
			printf '\n[unit:h%d]\nname = Đơn vị %d\nkind = commune\nurl = http://h%d.bench/\n' $h $h $h
			h=$((h + 1))
		done
	} >"$1/tctt.conf"
}
# tcttd_pass DIR N: run `tcttd --once` (pass N of each unit); prints
# "seconds S rss_kb R cpu_s C load L pages P errors E passes U bytes B
# requests Q connections K wire W": pages and body bytes from the pass table;
# requests, connections and wire bytes (headers and bodies received) from
# tcttd's last line, -1 when it prints none (an older build).
tcttd_pass() {
	load=$(loadavg)
	/usr/bin/time -f '%e %M %U %S' -o "$1/tcttd.time" "$TCTTD" -c "$1/tctt.conf" --once \
	    2>"$1/tcttd$2.log" || { echo "bench: tcttd failed, see $1/tcttd$2.log" >&2; exit 1; }
	read -r secs rss usr sys <"$1/tcttd.time"
	"$PY" - "$1/tctt.db" "$2" "$secs" "$rss" "$usr" "$sys" "$load" "$1/tcttd$2.log" <<'EOF'
import re, sqlite3, sys
db, n, secs, rss, usr, sys_, load, log = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
c = sqlite3.connect(db)
rows = c.execute("SELECT pages, errors, bytes FROM pass p WHERE (SELECT COUNT(*) FROM pass q "
                 "WHERE q.unit_id = p.unit_id AND q.id <= p.id) = ?", (n,)).fetchall()
m = re.search(r"(\d+) requests over (\d+) connections, (\d+) bytes received",
              open(log, errors="replace").read())
print("seconds %s rss_kb %s cpu_s %.2f load %s pages %d errors %d passes %d bytes %d"
      " requests %s connections %s wire %s" % (secs, rss, float(usr) + float(sys_), load,
      sum(r[0] for r in rows), sum(r[1] for r in rows), len(rows), sum(r[2] for r in rows),
      m.group(1) if m else -1, m.group(2) if m else -1, m.group(3) if m else -1))
EOF
}
# tcttd_bench DIR HOSTS LABEL: a first pass on a fresh database, then a second (304s).
tcttd_bench() {
	rm -f "$1/tctt.db" "$1/tctt.db-wal" "$1/tctt.db-shm"
	tcttd_conf "$1" "$2"
	first=$(tcttd_pass "$1" 1)
	second=$(tcttd_pass "$1" 2)
	"$PY" - "$3" "$first" "$second" <<'EOF'
import sys
label = sys.argv[1]
for name, line in (("first pass", sys.argv[2]), ("second pass, 304s", sys.argv[3])):
    f = line.split()
    d = dict(zip(f[::2], f[1::2]))
    s, pages = float(d["seconds"]), int(d["pages"])
    print("  tcttd --once, %s, %s: %d pages in %d passes, %d errors, %.2f s, %.0f pages/s, peak RSS %s KiB"
          % (label, name, pages, int(d["passes"]), int(d["errors"]), s, pages / s if s else 0, d["rss_kb"]))
EOF
}
# CPU per page by stage (daemon/stagecpu.h): each `tcttd --once` logs it at its end.
export TCTT_STAGE_CPU=1
stage_cpu() {	# stage_cpu LOG LABEL: that log's line
	sed -n "s/.*cpu us per page over \([0-9]*\) pages:/  tcttd --once, $2, CPU µs per page (\1 pages):/p" "$1"
}
if has daemon; then
	serve "$B/big/root"
	tcttd_bench "$B/big" "$big_hosts" "$BIG_SIZE-byte pages"
	serve "$B/small/root"
	tcttd_bench "$B/small" "$HOSTS" "$SIZE-byte pages"
	for d in big small; do
		for n in 1 2; do
			stage_cpu "$B/$d/tcttd$n.log" "$d pages, $( [ $n = 1 ] && echo first || echo second) pass"
		done
	done
fi

if has docs; then
# Reading documents (SPEC "Documents"): the generated fixtures of tests/documents
# through daemon/document.c as tcttd reads them, DOC_CONC at once. A PDF costs a
# pdftotext child; its peak RSS is the child's (wait4), not the daemon's.
DOCS=${DOCS:-40}
DOC_CONC=${DOC_CONC:-2}
d=tests/documents
pdfs="$d/docs.test/files/dm-dieu-kien.pdf $d/cache.test/files/dmck.pdf $d/docs.test/files/qc-scan.pdf"
docx="$d/docs.test/files/dm-cong-khai.docx"
# shellcheck disable=SC2086
pdf_line=$(build/docbench -n "$DOCS" -c "$DOC_CONC" $pdfs)
docx_line=$(build/docbench -n "$DOCS" -c "$DOC_CONC" $docx)
bomb_line=$(build/docbench -n 5 -c 1 "$d/hostile.test/files/dmdk.docx")
"$PY" - "$pdf_line" "$docx_line" "$bomb_line" <<'EOF2'
import sys
for name, line in zip(("PDF (pdftotext child)", "DOCX (libzip + libxml2)", "DOCX zip bomb (refused)"), sys.argv[1:]):
    f = line.split()
    d = dict(zip(f[::2], f[1::2]))
    rss = (", child peak RSS %s KiB, child CPU %s ms each" % (d["child_peak_rss_kb"], d["child_cpu_ms"])
           if int(d["children"]) else "")
    print("  documents, %s: %s in %s s, %s documents/s%s, %s unreadable"
          % (name, d["documents"], d["seconds"], d["docs_per_s"], rss, d["failed"]))
EOF2
fi

# The many-hosts case (issue 15): a national pass is thousands of small portals.
# MANY_HOSTS portals x MANY_PAGES pages (plus the home page) on nginx; curl
# fetches the same pages (home pages aside) MANY_PAR at once; tcttd --once
# crawls them (CONC transfers, PER_HOST per host) twice: the second pass
# revalidates (304s) and should move few bytes. Peak RSS for a first pass
# over each count of units in MANY_RSS (fresh database each time).
if has many; then
	# The stage timers read the thread's CPU clock, a system call, at each
	# stage switch (about 6% of tcttd's CPU here): off for the rates.
	unset TCTT_STAGE_CPU
	nmax=$MANY_HOSTS
	for n in $MANY_RSS; do [ "$n" -gt "$nmax" ] && nmax=$n; done
	docs_note="the pages link no documents"
	[ "$MANY_DOCS" = 0 ] || docs_note="each page links 10 stub PDFs"
	echo "bench, many hosts: $MANY_HOSTS hosts x $MANY_PAGES pages of $SIZE bytes on nginx ($docs_note);"
	echo "  curl --parallel-max $MANY_PAR; tcttd concurrency $CONC, per_host $PER_HOST"
	mkdir -p "$B/many"
	gen "$B/many" "$nmax" "$MANY_PAGES" "$SIZE" "$MANY_DOCS"
	head -n $((MANY_HOSTS * MANY_PAGES * 2)) "$B/many/curl.cfg" >"$B/many/curl-many.cfg"
	serve "$B/many/root"
	cload=$(loadavg)
	cu=$(theirs "$B/many" "$B/many/curl-many.cfg" "$MANY_PAR")
	tcttd_conf "$B/many" "$MANY_HOSTS"
	first=$(tcttd_pass "$B/many" 1)
	second=$(tcttd_pass "$B/many" 2)
	# curl again after tcttd, its faster run kept (the machine is shared).
	cload2=$(loadavg)
	cu2=$(theirs "$B/many" "$B/many/curl-many.cfg" "$MANY_PAR")
	if [ "$(best "$cu" "$cu2")" = "$cu2" ]; then cu=$cu2; cload=$cload2; fi
	rss_lines=""
	for n in $MANY_RSS; do
		if [ "$n" -eq "$MANY_HOSTS" ]; then
			line=$first
		else
			mkdir -p "$B/many-$n"
			rm -f "$B/many-$n/tctt.db"*
			tcttd_conf "$B/many-$n" "$n"
			line=$(tcttd_pass "$B/many-$n" 1)
		fi
		rss_lines="$rss_lines$n $line
"
	done
	"$PY" - "$cu" "$cload" "$first" "$second" "$MANY_HOSTS" "$rss_lines" <<'EOF'
import sys
cu, cload, first, second, hosts, rss_lines = sys.argv[1:]
kv = lambda line: dict(zip(line.split()[::2], line.split()[1::2]))
c, a, b = kv(cu), kv(first), kv(second)
curl_rate = int(c["ok"]) / float(c["seconds"])
curl_cpu = float(c["cpu_s"]) * 1e6 / int(c["ok"]) if int(c["ok"]) else 0
print("  curl --parallel: %s pages in %s s, %.0f pages/s, %.0f CPU us/page, peak RSS %s KiB (load %s)"
      % (c["ok"], c["seconds"], curl_rate, curl_cpu, c["rss_kb"], cload))
for name, d in (("first pass", a), ("second pass (304s)", b)):
    s, pages, units = float(d["seconds"]), int(d["pages"]), int(d["passes"])
    rate = pages / s if s else 0
    conns = ("; %s requests over %s connections" % (d["requests"], d["connections"])
             if d["connections"] != "-1" else "")
    print("  tcttd --once, %s: %d pages of %d units in %.2f s: %.0f pages/s, %.1f units/s, "
          "%.0f CPU us/page, %d errors, peak RSS %s KiB%s (load %s)"
          % (name, pages, units, s, rate, units / s if s else 0,
             float(d["cpu_s"]) * 1e6 / pages if pages else 0, int(d["errors"]), d["rss_kb"],
             conns, d["load"]))
    if name == "first pass":
        cpu = float(d["cpu_s"]) * 1e6 / pages if pages else 0
        print("  ratio to curl: %.2f (done >= 0.45, goal 0.5); CPU per page %.1fx curl's"
              % (rate / curl_rate if curl_rate else 0, cpu / curl_cpu if curl_cpu else 0))
ratio = int(b["bytes"]) / int(a["bytes"]) if int(a["bytes"]) else 0
wire = ""
if a["wire"] != "-1" and int(a["wire"]) > 0:
    wire = "; %.1f%% of the bytes received with headers (%s of %s)" % (
        100.0 * int(b["wire"]) / int(a["wire"]), b["wire"], a["wire"])
print("  second pass moved %.1f%% of the first's body bytes (%s of %s)%s (must stay < 10%%)"
      % (100 * ratio, b["bytes"], a["bytes"], wire))
for row in rss_lines.strip().splitlines():
    n, line = row.split(" ", 1)
    d = kv(line)
    print("  peak RSS, tcttd --once first pass over %5s units: %6s KiB (%s pages, %.1f s, "
          "%.0f CPU us/page, load %s)" % (n, d["rss_kb"], d["pages"], float(d["seconds"]),
          float(d["cpu_s"]) * 1e6 / int(d["pages"]) if int(d["pages"]) else 0, d["load"]))
EOF
fi

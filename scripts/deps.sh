#!/bin/sh
# deps.sh [build|test|bench|browser|deb|fuzz]: check what the build needs, from Debian's
# packages; as root install exactly what is missing, otherwise print the command.
set -eu

what=${1:-build}
missing=""

need_pc() {	# need_pc PKG-CONFIG-MODULE DEBIAN-PACKAGE
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_cmd() {	# need_cmd COMMAND DEBIAN-PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_file() {	# need_file PATH DEBIAN-PACKAGE
	[ -e "$1" ] || missing="$missing $2"
}

need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	need_pc libcurl libcurl4-openssl-dev
	need_pc libxml-2.0 libxml2-dev
	need_pc sqlite3 libsqlite3-dev
	need_pc libevent libevent-dev
	need_pc inih libinih-dev
	need_pc libutf8proc libutf8proc-dev
	need_pc libsystemd libsystemd-dev
	need_pc jansson libjansson-dev
	need_pc libcrypt libcrypt-dev
	need_pc zlib zlib1g-dev
	need_pc openssl libssl-dev
	need_pc libzip libzip-dev
	need_pc xlsxwriter libxlsxwriter-dev
	need_pc jemalloc libjemalloc-dev	# the release tcttd's allocator (daemon/alloc.c)
else
	missing="$missing libcurl4-openssl-dev libxml2-dev libsqlite3-dev libevent-dev \
libinih-dev libutf8proc-dev libsystemd-dev libjansson-dev libcrypt-dev zlib1g-dev libssl-dev \
libzip-dev libxlsxwriter-dev libjemalloc-dev"
fi
# tcttd reads PDFs (poppler-utils' pdftotext) and Word 97-2003 files (catdoc) in child processes
need_file /usr/bin/pdftotext poppler-utils
need_file /usr/bin/catdoc catdoc
need_file /usr/share/zoneinfo/Asia/Ho_Chi_Minh tzdata
need_file /etc/ssl/certs/ca-certificates.crt ca-certificates
need_cmd openssl openssl	# make demo hashes the demo editor's password

case "$what" in
test|bench|browser)
	command -v pkg-config >/dev/null 2>&1 && need_pc criterion libcriterion-dev
	/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing="$missing python3-aiosmtpd"
	need_cmd sqlite3 sqlite3
	need_cmd curl curl
	# tests/test_units.c: systemd-analyze verify on the unit files
	need_cmd systemd-analyze systemd
	# The reports' tests: read each .docx, convert it to PDF, read the PDF's text.
	/usr/bin/python3 -c 'import docx' >/dev/null 2>&1 || missing="$missing python3-docx"
	need_cmd soffice libreoffice-writer-nogui
	need_cmd pdftotext poppler-utils
	need_file /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf fonts-liberation
	/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing="$missing python3-openpyxl"
	;;
esac
case "$what" in
test|deb)
	# make deb, and the test that builds, installs and purges the package
	need_cmd dpkg-buildpackage dpkg-dev
	need_file /usr/share/build-essential/essential-packages-list build-essential
	need_cmd dh debhelper
	need_cmd lintian lintian
	;;
esac
case "$what" in
bench)
	need_cmd wrk wrk
	need_file /usr/sbin/nginx nginx-light
	need_cmd /usr/bin/time time
	;;
browser)
	need_cmd chromium chromium
	need_file /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
	need_cmd node nodejs
	need_cmd npm npm
	;;
esac
case "$what" in
fuzz)
	# make fuzz: clang's libFuzzer (its runtime is only recommended by clang)
	need_cmd clang clang
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
		missing="$missing libclang-rt-14-dev"
	;;
esac

[ -z "$missing" ] && exit 0
# shellcheck disable=SC2086
set -- $missing
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages; run as root:" >&2
	echo "  apt-get install -y $*" >&2
	exit 1
fi
echo "deps: installing $*" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1; then
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends "$@" >/dev/null
fi

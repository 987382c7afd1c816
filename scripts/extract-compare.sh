#!/bin/sh
# extract-compare.sh [BASE [FILE...]]: does this tree's extract_page give, byte for byte,
# the blobs (extract_serialize) that revision BASE (default main) gives? Builds
# tests/bench/extractbench.c against both trees' extract*.c and lib/, runs both on
# every fixture page (tests/*/*.test, the extract fuzz corpus) and the FILEs given,
# prints the files whose blobs differ and exits 1 if any does. For changes meant to
# keep the output (speed); a change of output bumps EXTRACT_VERSION instead.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
base=${1:-main}
[ $# -gt 0 ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pkgs="libcurl libxml-2.0 sqlite3 libevent inih libutf8proc libsystemd jansson libcrypt zlib libcrypto libzip xlsxwriter"

# build DIR OUT: extractbench from DIR's sources (this tree's bench program)
build() {
	(cd "$1" && ${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Ilib -Idaemon $(pkg-config --cflags $pkgs) \
	    "$root/tests/bench/extractbench.c" daemon/extract*.c daemon/stagecpu.c lib/*.c \
	    -o "$2" $(pkg-config --libs $pkgs))
}
mkdir "$tmp/base"
git archive "$base" | tar -x -C "$tmp/base"
build "$tmp/base" "$tmp/extract.base"
build "$PWD" "$tmp/extract.new"
find tests -path '*.test/*' -type f ! -name _rules | sort >"$tmp/files"
find tests/fuzz/corpus-extract -type f | sort >>"$tmp/files"
for f in "$@"; do echo "$f"; done >>"$tmp/files"
xargs -d "\n" "$tmp/extract.base" <"$tmp/files" >"$tmp/out.base"
xargs -d "\n" "$tmp/extract.new" <"$tmp/files" >"$tmp/out.new"
if cmp -s "$tmp/out.base" "$tmp/out.new"; then
	echo "extract-compare: $(wc -l <"$tmp/files") files, the same blobs as $base"
else
	diff "$tmp/out.base" "$tmp/out.new" | sed -n 's/^> [0-9a-f]* [0-9]* /differs: /p'
	exit 1
fi

#!/bin/sh
# bench-archive.sh: what the evidence archive costs. The demo province's
# portals (conf/demo/portals, unchanged between passes) are checked PASSES
# times with `tcttd --once`; the archive's compressed bytes after the first
# pass, and what each further pass adds, give the bytes stored per unit per
# year at one check a day. Deduplication by SHA-256 should make that ~0.
set -eu
cd "$(dirname "$0")/.."

PASSES=${PASSES:-4}
B=$PWD/build/bench-archive
TCTTD=${TCTTD:-build/tcttd}

make --no-print-directory build/fixsrv build/tcttd >/dev/null
rm -rf "$B" && mkdir -p "$B/outbox"
srv_pid=""
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
	exec 3<&- 2>/dev/null
	true
}
trap cleanup EXIT INT TERM

mkfifo "$B/port"
build/fixsrv --root conf/demo/portals --port 0 >"$B/port" 2>"$B/fixsrv.log" &
srv_pid=$!
exec 3<"$B/port"
read -r port <&3
# The demo configuration, on this port and this database; no users_file needed.
sed -e "s|127.0.0.1:18080|127.0.0.1:$port|" -e "s|build/demo/tctt.db|$B/tctt.db|" \
    -e "s|build/demo/outbox|$B/outbox|" -e '/^users_file/d' conf/demo/tctt.conf >"$B/tctt.conf"
units=$(grep -c '^\[unit:' "$B/tctt.conf")

archive_bytes() {
	sqlite3 "$B/tctt.db" "SELECT COALESCE(SUM(LENGTH(body)), 0) || ' ' || COUNT(*) ||
	    ' ' || COALESCE(SUM(size), 0) FROM evidence_archive"
}

export TCTT_NOW=2026-11-29T08:00:00+07:00 TZ=Asia/Ho_Chi_Minh
"$TCTTD" -c "$B/tctt.conf" --once 2>>"$B/tcttd.log" || true
set -- $(archive_bytes)
first=$1
echo "evidence archive: first pass over $units units: $2 bodies, $3 bytes seen, $1 bytes stored compressed ($(( $1 / units )) per unit)"
i=2
while [ "$i" -le "$PASSES" ]; do
	"$TCTTD" -c "$B/tctt.conf" --once 2>>"$B/tcttd.log" || true
	i=$((i + 1))
done
set -- $(archive_bytes)
growth=$(( $1 - first ))
per_pass=$(( growth / (PASSES - 1) ))
echo "evidence archive: $((PASSES - 1)) more passes, portals unchanged: +$growth bytes in all;" \
    "per unit per year at one check a day: $(( per_pass * 365 / units )) bytes"

#!/bin/sh
# demo.sh: the demo province, end to end (run by `make demo` after `make binaries`).
# Serves the fixture portals of conf/demo/portals on 127.0.0.1:18080 with build/fixsrv, runs one full
# pass of tcttd over the nineteen units of conf/demo/tctt.conf with "today" fixed at 29/11/2026 (so the
# results match conf/demo/EXPECTED.md), then serves the dashboard until Ctrl-C.
# DEMO_NO_SERVE=1: stop after the pass, print the JSON export and exit (0 only if both worked), for CI.
set -u
cd "$(dirname "$0")/.." || exit 1

CONF=conf/demo/tctt.conf
ROOT=conf/demo/portals
PORT=18080
URL=http://127.0.0.1:8080/
export TCTT_NOW=2026-11-29T08:00:00+07:00
export TZ=Asia/Ho_Chi_Minh
# Everything stays on loopback.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy

for b in build/fixsrv build/tcttd build/tctt-dashboard; do
	if [ ! -x "$b" ]; then
		echo "demo: $b is missing; run 'make demo' (or 'make' first)" >&2
		exit 1
	fi
done

fixsrv_pid=""
dash_pid=""
tmp=""

# Stop what we started, in reverse order, and wait for it.
cleanup() {
	for pid in $dash_pid $fixsrv_pid; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in $dash_pid $fixsrv_pid; do
		wait "$pid" 2>/dev/null
	done
	dash_pid=""
	fixsrv_pid=""
	exec 3<&- 2>/dev/null
	[ -n "$tmp" ] && rm -rf "$tmp"
	tmp=""
}
# shellcheck disable=SC2317 # called from the traps below
on_signal() {	# on_signal EXIT-STATUS
	echo
	echo "demo: stopping" >&2
	cleanup
	exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap cleanup EXIT

# A fresh database and outbox every run.
rm -rf build/demo
mkdir -p build/demo/outbox

# The fixture server prints its port once it listens: read that line from a FIFO (kept open on fd 3).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tctt-demo.XXXXXX") || exit 1
mkfifo "$tmp/port" || exit 1
build/fixsrv --root "$ROOT" --port "$PORT" >"$tmp/port" 2>build/demo/fixsrv.log &
fixsrv_pid=$!
exec 3<"$tmp/port"
if ! read -r got <&3 || [ "$got" != "$PORT" ]; then
	echo "demo: the fixture server did not start (is port $PORT in use?); see build/demo/fixsrv.log:" >&2
	cat build/demo/fixsrv.log >&2
	exit 1
fi
echo "demo: the demo province's portals are served on 127.0.0.1:$PORT (log: build/demo/fixsrv.log)"

# An editor account to try the secretariat's actions with: a fresh password each run.
demo_pw=$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')
if ! demo_hash=$(printf '%s\n' "$demo_pw" | openssl passwd -6 -stdin); then
	echo "demo: cannot hash the demo password (openssl)" >&2
	exit 1
fi
printf 'demo:%s:editor\n' "$demo_hash" >build/demo/users

echo "demo: checking the 19 units (tcttd --once, today = 29/11/2026)..."
pass_ok=1
if build/tcttd -c "$CONF" --once; then
	echo "demo: pass done; the expected results are in conf/demo/EXPECTED.md"
else
	rc=$?
	pass_ok=0
	echo "demo: the pass failed (tcttd exited with status $rc); going on with what was stored" >&2
fi

if [ "${DEMO_NO_SERVE:-}" = 1 ]; then
	echo "demo: editor account: demo / $demo_pw (in build/demo/users)"
	export_ok=1
	build/tctt-dashboard -c "$CONF" --export json || export_ok=0
	cleanup
	[ "$pass_ok" = 1 ] && [ "$export_ok" = 1 ] && exit 0
	exit 1
fi

build/tctt-dashboard -c "$CONF" &
dash_pid=$!
echo "Bảng điều khiển: $URL (Ctrl-C to stop)"
echo "Tài khoản biên tập thử (editor): tên demo, mật khẩu $demo_pw"
wait "$dash_pid"
rc=$?
dash_pid=""
echo "demo: the dashboard exited with status $rc" >&2
cleanup
exit 1

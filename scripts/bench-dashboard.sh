#!/bin/sh
# bench-dashboard.sh: overview requests/s of build/tctt-dashboard over 1,000 units,
# beside nginx serving a static file of the same size (wrk, loopback, short runs).
set -eu
cd "$(dirname "$0")/.."
UNITS=${UNITS:-1000}
DURATION=${DURATION:-5s}
CONNS=${CONNS:-16}
DASHBOARD=${DASHBOARD:-build/tctt-dashboard}	# the binary, to compare builds
dir=build/bench-dashboard
rm -rf "$dir" && mkdir -p "$dir/www" "$dir/nginx"
dir=$(cd "$dir" && pwd)

# The database, built through the store API by a small helper.
# shellcheck disable=SC2046
pkgs=$(awk '/^PKGS/ { f = 1; sub(/^PKGS[^=]*=/, "") }
	f { c = sub(/\\$/, ""); printf "%s ", $0; if (!c) exit }' Makefile)
cc -std=c11 -D_GNU_SOURCE -O2 -Ilib -o "$dir/dashdb" tests/bench/dashdb.c lib/*.c \
	$(pkg-config --cflags --libs $pkgs)
"$dir/dashdb" "$dir/tctt.db" "$dir/tctt.conf" "$UNITS"

free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The dashboard; its "listening on" line gives the port.
mkfifo "$dir/err"
TZ=Asia/Ho_Chi_Minh "$DASHBOARD" -c "$dir/tctt.conf" --listen 127.0.0.1:0 2>"$dir/err" &
dash=$!
exec 3<"$dir/err"
port=""
while read -r line <&3; do
	case "$line" in *"listening on 127.0.0.1:"*) port=${line##*:}; break ;; esac
done
[ -n "$port" ] || { echo "bench-dashboard: the dashboard did not start" >&2; exit 1; }
# Keep draining its stderr so it never blocks.
cat <&3 >/dev/null &
drain=$!

curl -s -o "$dir/www/overview.html" "http://127.0.0.1:$port/"
size=$(wc -c <"$dir/www/overview.html")

nport=$(free_port)
cat >"$dir/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $dir/nginx;
	proxy_temp_path $dir/nginx;
	fastcgi_temp_path $dir/nginx;
	uwsgi_temp_path $dir/nginx;
	scgi_temp_path $dir/nginx;
	server {
		listen 127.0.0.1:$nport;
		root $dir/www;
		default_type text/html;
	}
}
NGINX
/usr/sbin/nginx -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" &
ngx=$!
# Wait for nginx's socket (connect attempts, no sleeps).
until curl -s -o /dev/null "http://127.0.0.1:$nport/overview.html"; do :; done

cleanup() {
	kill "$dash" "$ngx" 2>/dev/null || true
	wait "$dash" "$ngx" 2>/dev/null || true
	kill "$drain" 2>/dev/null || true
}
trap cleanup EXIT

rps() {	# rps URL [HEADER]: wrk's requests/s
	wrk -t2 -c"$CONNS" -d"$DURATION" ${2:+-H "$2"} "$1" | awk '/^Requests\/sec:/ { print $2 }'
}
d=$(rps "http://127.0.0.1:$port/")
n=$(rps "http://127.0.0.1:$nport/overview.html")
# The same page gzipped (the dashboard only; nginx above serves it as is).
zsize=$(curl -s -H 'Accept-Encoding: gzip' -o - "http://127.0.0.1:$port/" | wc -c)
z=$(rps "http://127.0.0.1:$port/" "Accept-Encoding: gzip")
echo "bench-dashboard: overview of $UNITS units, $size bytes, wrk -t2 -c$CONNS -d$DURATION"
echo "  tctt-dashboard  $d requests/s"
echo "  nginx (static)  $n requests/s"
echo "  tctt-dashboard  $z requests/s with Accept-Encoding: gzip ($zsize bytes)"
awk -v d="$d" -v n="$n" 'BEGIN { printf "  ratio           %.4f (dashboard / nginx)\n", d / n }'

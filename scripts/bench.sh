#!/bin/sh
# bench.sh: measure the fetch engine (build/fetchbench) against the curl command
# line on the same URL list: HOSTS simulated hosts x PAGES pages of SIZE bytes,
# served on loopback by nginx (or build/fixsrv with SERVER=fixsrv). Prints
# figures; it is not a test. Tunables (environment): HOSTS PAGES SIZE CONC
# PER_HOST SERVER BIG_SIZE.
set -eu
cd "$(dirname "$0")/.."

HOSTS=${HOSTS:-200}
PAGES=${PAGES:-25}
SIZE=${SIZE:-16384}
CONC=${CONC:-32}
PER_HOST=${PER_HOST:-2}
SERVER=${SERVER:-nginx}
BIG_SIZE=${BIG_SIZE:-262144}
PY=/usr/bin/python3
B=$PWD/build/bench

make --no-print-directory build/fetchbench build/fixsrv >/dev/null

rm -rf "$B" && mkdir -p "$B/tmp"
srv_pid=""
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
	true
}
trap cleanup EXIT INT TERM

# gen DIR HOSTS PAGES SIZE: one host's pages in DIR/h0.bench, the others link to it;
# the URL list (host-major, as a crawl submits) in DIR/urls and a curl -K file in DIR/curl.cfg.
gen() {
	"$PY" - "$@" <<'EOF'
import os, sys
d, hosts, pages, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
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
              % (i, i, i) for i in range(10)]
    parts.append("</table>\n")
    n = sum(len(x.encode()) for x in parts)
    while n < size - 30:
        para = "<p>" + text * 3 + "</p>\n"
        parts.append(para)
        n += len(para.encode())
    parts.append("</body></html>\n")
    with open(os.path.join(h0, "p%d.html" % p), "w") as f:
        f.write("".join(parts))
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

# theirs DIR: curl --parallel on the same list; prints "seconds N rss_kb N ok N".
theirs() {
	/usr/bin/time -f '%e %M' -o "$B/curl.time" \
	    curl -s -K "$1/curl.cfg" --parallel --parallel-immediate --parallel-max "$CONC" \
	    --connect-to "::127.0.0.1:$port" -A "tctt-bench" -w '%{http_code}\n' >"$B/curl.codes" 2>"$B/curl.err"
	ok=$(grep -c '^200$' "$B/curl.codes" || true)
	read -r secs rss <"$B/curl.time"
	echo "seconds $secs rss_kb $rss ok $ok"
}

field() {	# field NAME TEXT: the value after NAME
	echo "$2" | tr ' ' '\n' | grep -A1 -x "$1" | tail -1
}

echo "bench: $HOSTS hosts x $PAGES pages of $SIZE bytes, concurrency $CONC, per_host $PER_HOST, server $SERVER"
gen "$B/small" "$HOSTS" "$PAGES" "$SIZE"
serve "$B/small/root"
# The machine is shared: each contender runs twice, alternating, and keeps its faster run.
best() {	# best OLD NEW: the run with fewer seconds
	if [ -z "$1" ] || "$PY" -c 'import sys; sys.exit(not float(sys.argv[2]) < float(sys.argv[1]))' \
	    "$(field seconds "$1")" "$(field seconds "$2")"; then
		echo "$2"
	else
		echo "$1"
	fi
}
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
big_hosts=$((HOSTS / 10 > 0 ? HOSTS / 10 : 1))
gen "$B/big" "$big_hosts" 10 "$BIG_SIZE"
serve "$B/big/root"
big=$(ours "$B/big")
echo "$big" | sed 's/^/  fetchbench (big pages): /'
echo "  peak RSS: ${our_rss} KiB with $SIZE-byte pages ($((HOSTS * PAGES)) pages), $(field peak_rss_kb "$big") KiB with $BIG_SIZE-byte pages ($((big_hosts * 10)) pages)"

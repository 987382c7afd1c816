#!/bin/sh
# bench.sh: measure the fetch engine (build/fetchbench) against the curl command
# line on the same URL list: HOSTS simulated hosts x PAGES pages of SIZE bytes,
# served on loopback by nginx (or build/fixsrv with SERVER=fixsrv). Prints
# figures; it is not a test. Then the real daemon, `tcttd --once`, over the
# same hosts: one unit per host starting at its home page, full passes (crawl,
# extract, judge, store). Tunables (environment): HOSTS PAGES SIZE CONC
# PER_HOST SERVER BIG_SIZE TCTTD (the daemon binary, to compare builds) DOCS
# DOC_CONC. Last, the cost of reading documents (build/docbench).
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
PY=/usr/bin/python3
B=$PWD/build/bench

make --no-print-directory build/fetchbench build/docbench build/fixsrv build/tcttd >/dev/null

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
# "seconds S rss_kb R pages P errors E passes U", pages from the pass table.
tcttd_pass() {
	/usr/bin/time -f '%e %M' -o "$1/tcttd.time" "$TCTTD" -c "$1/tctt.conf" --once \
	    2>"$1/tcttd$2.log" || { echo "bench: tcttd failed, see $1/tcttd$2.log" >&2; exit 1; }
	read -r secs rss <"$1/tcttd.time"
	"$PY" - "$1/tctt.db" "$2" "$secs" "$rss" <<'EOF'
import sqlite3, sys
db, n, secs, rss = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
c = sqlite3.connect(db)
rows = c.execute("SELECT pages, errors FROM pass p WHERE (SELECT COUNT(*) FROM pass q "
                 "WHERE q.unit_id = p.unit_id AND q.id <= p.id) = ?", (n,)).fetchall()
print("seconds %s rss_kb %s pages %d errors %d passes %d" % (secs, rss,
      sum(r[0] for r in rows), sum(r[1] for r in rows), len(rows)))
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
tcttd_bench "$B/big" "$big_hosts" "$BIG_SIZE-byte pages"
serve "$B/small/root"
tcttd_bench "$B/small" "$HOSTS" "$SIZE-byte pages"
for d in big small; do
	for n in 1 2; do
		stage_cpu "$B/$d/tcttd$n.log" "$d pages, $( [ $n = 1 ] && echo first || echo second) pass"
	done
done

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

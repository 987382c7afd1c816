#!/bin/bash
# make-nv.sh: regenerates the NukeViet fixture portals of tests/realcms/ from a
# real NukeViet eGovernment 4.4 (theme egov, its sample data kept), with
# Debian 12's mariadb-server and php-cli (PHP 8.2): a MariaDB of our own (no
# networking, its own socket), the web installer driven step by step with
# curl, one portal per host written by nv-fill.php into the news and menu
# tables (the database restored between portals), served by PHP's built-in
# server (router-nv.php) and mirrored by mirror.py. The CMS never runs in
# `make test`.
# Usage: bash tests/realcms/make-nv.sh SRC
#   SRC: NukeViet eGovernment's tree, e.g. the `fetch` tool's snapshot of
#   github:nukeviet/eGovernment unpacked with `git archive HEAD | tar -x -C SRC`
#   (it is patched in place for PHP 8.2: the installer's version bound and the
#   database layer's PDO signatures).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$1" && pwd)
WORK=${WORK:-/tmp/tctt-realcms-nv}
PORT=${PORT:-18392}
DEST=$(cd "${DEST:-$HERE}" && pwd)
SITES=${SITES:-"ok:nv-ok.test stale:nv-stale.test paged:nv-paged.test"}
# The sample site has hundreds of pages: the mirror keeps those within this many requests of
# the home page, breadth first (a crawl that strays further meets 404s, as on a broken site).
MAXREQ=${MAXREQ:-150}

sed -i "s/\$sys_info\['php_allowed_max'\] = '7.4.99';/\$sys_info['php_allowed_max'] = '8.9.99';/" "$SRC/install/ini.php"
/usr/bin/python3 - "$SRC/vendor/vinades/nukeviet/Core/Database.php" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('''    public function query($statement)
    {
        if ($this->debug) {
            $this->sqls[] = $statement;
        }
        return parent::query($statement);
    }''', '''    public function query($statement, $mode = null, ...$args): \\PDOStatement|false
    {
        if ($this->debug) {
            $this->sqls[] = $statement;
        }
        return $mode === null ? parent::query($statement) : parent::query($statement, $mode, ...$args);
    }''')
s = s.replace('''    public function exec($statement)
    {''', '''    public function exec($statement): int|false
    {''')
s = s.replace('''    public function execute($args = null)
    {''', '''    public function execute($args = null): bool
    {''')
open(p, 'w').write(s)
PY
rm -f "$SRC/config.php" "$SRC"/data/config/config_ini.*.php
chmod -R a+rwX "$SRC"

rm -rf "$WORK"
mkdir -p "$WORK"
mariadb-install-db --datadir="$WORK/db" --auth-root-authentication-method=normal >"$WORK/install-db.log" 2>&1
mariadbd --no-defaults --datadir="$WORK/db" --socket="$WORK/db.sock" --skip-networking \
    --user=root --pid-file="$WORK/db.pid" >"$WORK/db.log" 2>&1 &
DBPID=$!
PHPPID=
cleanup() {
	[ -n "$PHPPID" ] && kill "$PHPPID" 2>/dev/null || true
	kill "$DBPID" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap cleanup EXIT
i=0
until mariadb --socket="$WORK/db.sock" -uroot -e 'select 1' >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 300 ] || { echo "mariadbd did not start" >&2; exit 1; }
	sleep 0.1
done
mariadb --socket="$WORK/db.sock" -uroot -e "CREATE DATABASE nv CHARACTER SET utf8mb4;"

cd "$SRC"
php -d pdo_mysql.default_socket="$WORK/db.sock" -S "127.0.0.1:$PORT" "$HERE/router-nv.php" >"$WORK/php.log" 2>&1 &
PHPPID=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/robots.txt"; do
	i=$((i + 1)); [ $i -lt 300 ] || { echo "php -S did not start" >&2; exit 1; }
	sleep 0.1
done

# The installer's steps, as a browser would take them (its request filter wants a same-site Referer).
INST="http://127.0.0.1:$PORT/install/index.php?language=vi"
C="curl -s -o /dev/null -b $WORK/cookies -c $WORK/cookies -H Host:nv.test"
for st in 1 2 3 4 5; do $C "$INST&step=$st"; done
post() { $C -e "http://nv.test/install/index.php?language=vi&step=$1" -H "Origin: http://nv.test" "$@" ; }
post 5 --data "dbtype=mysql&dbhost=localhost&dbport=&dbname=nv&dbuname=root&dbpass=&prefix=nv4&db_detete=1" "$INST&step=5"
$C "$INST&step=6"
post 6 --data-urlencode "site_name=UBND xã" --data "nv_login=admin&nv_email=admin@nv.test&nv_password=Fixture.Pass2026&re_password=Fixture.Pass2026&question=abc&answer_question=abc" "$INST&step=6"
$C "$INST&step=7"
post 7 --data "package=egovernment&submit=1" "$INST&step=7"
$C "$INST&step=8"
[ -f "$SRC/config.php" ] || { echo "the NukeViet installer did not finish; see $WORK/php.log" >&2; exit 1; }
hosts=$(for site in $SITES; do printf '%s,' "${site#*:}"; done)
mariadb --socket="$WORK/db.sock" -uroot nv -e "UPDATE nv4_config SET config_value = '${hosts}nv.test' WHERE config_name = 'my_domains'"
# NukeViet answers only its own domains, read from its cached configuration.
sed -i "s/^\$global_config\['my_domains'\]='nv.test';/\$global_config['my_domains']='${hosts}nv.test';/" "$SRC/data/config/config_global.php"
grep -q "my_domains'\]='${hosts}" "$SRC/data/config/config_global.php" || { echo "my_domains not set" >&2; exit 1; }
mariadb-dump --socket="$WORK/db.sock" -uroot nv >"$WORK/installed.sql"

for site in $SITES; do
	v=${site%%:*} host=${site#*:}
	mariadb --socket="$WORK/db.sock" -uroot -e "DROP DATABASE nv; CREATE DATABASE nv CHARACTER SET utf8mb4;"
	mariadb --socket="$WORK/db.sock" -uroot nv <"$WORK/installed.sql"
	php "$HERE/nv-fill.php" "$WORK/db.sock" "$SRC" "$v"
	find "$SRC/data/cache" -mindepth 2 -type f ! -name index.html -delete
	rm -rf "${DEST:?}/$host"
	# NukeViet sends Last-Modified (now minus a day) for every page: mirror.py records it.
	MIRROR_SEEDS="/index.php/tiep-can-thong-tin/page-2/ /index.php/tiep-can-thong-tin/page-3/" \
	    /usr/bin/python3 "$HERE/mirror.py" "$PORT" "$host" "$DEST" "$MAXREQ" </dev/null
done

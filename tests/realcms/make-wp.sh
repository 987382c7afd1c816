#!/bin/sh
# make-wp.sh: regenerates the WordPress fixture portals of tests/realcms/ from a
# real WordPress (Debian 12's wordpress, wordpress-l10n and
# wordpress-theme-twentytwentyone packages, with mariadb-server and php-cli):
# one MariaDB of our own (no networking, its own socket), one site per host
# (its own table prefix), filled by wp-fill.php through WordPress's API,
# served by PHP's built-in server and mirrored by mirror.py. Needs root (it
# writes /etc/wordpress/config-HOST.php). The CMS never runs in `make test`.
# Usage: sh tests/realcms/make-wp.sh    (from anywhere)
#   DEST=DIR SITES="variant:host ..." choose where and which (the demo's real-CMS
#   units: DEST=conf/demo/portals SITES="ok:xatamduong.laichau.demo ...", see
#   conf/demo/EXPECTED.md).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/tctt-realcms-wp}
PORT=${PORT:-18391}
DEST=$(cd "${DEST:-$HERE}" && pwd)
SITES=${SITES:-"ok:wp-ok.test stale:wp-stale.test nosection:wp-nosection.test workrules:wp-workrules.test submenu:wp-submenu.test banner:wp-banner.test footerfocal:wp-footerfocal.test paged:wp-paged.test"}

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
mariadb --socket="$WORK/db.sock" -uroot -e "CREATE DATABASE wp CHARACTER SET utf8mb4;"
rm -rf /var/lib/wordpress/wp-content/uploads/20[0-9][0-9]

for site in $SITES; do
	v=${site%%:*} host=${site#*:}
	cat >"/etc/wordpress/config-$host.php" <<PHP
<?php
define('DB_NAME', 'wp');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:$WORK/db.sock');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('WP_HOME', 'http://$host');
define('WP_SITEURL', 'http://$host');
\$table_prefix = 'wp_$(echo "$host" | tr -cd a-z | cut -c1-24)_';
PHP
	php -d error_reporting=0 "$HERE/wp-fill.php" "$host" "$v"
done

cd /usr/share/wordpress
php -S "127.0.0.1:$PORT" "$HERE/router.php" >"$WORK/php.log" 2>&1 &
PHPPID=$!
i=0
until (echo >/dev/tcp/127.0.0.1/$PORT) 2>/dev/null || curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do
	i=$((i + 1)); [ $i -lt 300 ] || { echo "php -S did not start" >&2; exit 1; }
	sleep 0.1
done
for site in $SITES; do
	v=${site%%:*} host=${site#*:}
	rm -rf "${DEST:?}/$host"
	extra=
	# WordPress sends no Last-Modified for its pages; the stale variant replays NukeViet's habit
	# (every dynamic page "modified" yesterday) to check that a text date wins over it.
	[ "$v" = stale ] && extra='* last-modified Sat, 28 Nov 2026 02:00:00 GMT'
	echo "$extra" | /usr/bin/python3 "$HERE/mirror.py" "$PORT" "$host" "$DEST"
	rm -f "/etc/wordpress/config-$host.php"
done

#!/bin/sh
# deb-test.sh: the Debian package from end to end, on this machine, as root (CI's machine is
# a throwaway): make deb (lintian must pass), install it with apt, check what it put where,
# run tcttd --check on its own configuration (as root and as the tctt user), purge, and check
# that nothing is left. Prints one "ok:" line per check; exits 1 at the first failure.
set -eu
cd "$(dirname "$0")/.."

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
# Other package operations may hold the dpkg lock for a while.
apt="apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends"

if dpkg-query -W -f='${Status}' tctt 2>/dev/null | grep -q "install ok"; then
	fail "a tctt package is installed on this machine already: not touching it"
fi
# Purge removes these: never someone else's.
for p in /etc/tctt /var/lib/tctt /var/lib/private/tctt; do
	[ -e "$p" ] && fail "$p exists (not from a package): not touching it"
done
getent passwd tctt >/dev/null && fail "a tctt user exists (not from a package): not touching it"
make --no-print-directory deb >build/deb-test-make.log 2>&1 || {
	tail -30 build/deb-test-make.log >&2
	fail "make deb"
}
version=$(sed -n 's/^#define TCTT_VERSION "\(.*\)"$/\1/p' lib/version.h)
deb=build/tctt_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).deb
[ -f "$deb" ] || fail "$deb missing"
grep -q "^E:" build/deb/lintian.log && fail "lintian errors"
ok "make deb: $deb, lintian without errors ($(grep -c '^W:' build/deb/lintian.log) warnings)"
[ -f "build/tctt-dbgsym_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).deb" ] || fail "no -dbgsym package"
ok "debug symbols in tctt-dbgsym"

export DEBIAN_FRONTEND=noninteractive
$apt install "./$deb" >build/deb-test-install.log 2>&1 || {
	cat build/deb-test-install.log >&2
	fail "apt-get install"
}
trap '$apt purge tctt >/dev/null 2>&1 || true' EXIT
dpkg-query -W -f='${Status}\n' tctt | grep -q "install ok installed" || fail "not installed"
ok "installed"

for b in /usr/sbin/tcttd /usr/sbin/tctt-dashboard; do
	readelf -d "$b" | grep -q "BIND_NOW" || fail "$b: not linked with -z now"
	readelf -lW "$b" | grep -q "GNU_RELRO" || fail "$b: no RELRO"
	nm -D "$b" | grep -q "__stack_chk_fail" || fail "$b: no stack protector"
	nm -D "$b" | grep -q "_chk@" || fail "$b: not fortified"
	readelf -S "$b" | grep -q "\.debug_info" && fail "$b: not stripped"
done
ok "hardened (bind now, relro, stack protector, fortify) and stripped"
"/usr/sbin/tcttd" -V | grep -q "$version" || fail "tcttd -V"
dpkg-query -W -f='${Conffiles}\n' tctt | grep -q "/etc/tctt/tctt.conf" || fail "tctt.conf is not a conffile"
ok "/etc/tctt/tctt.conf is a conffile"
for m in man8/tcttd.8.gz man8/tctt-dashboard.8.gz man5/tctt.conf.5.gz; do
	[ -f "/usr/share/man/$m" ] || fail "/usr/share/man/$m missing"
done
ok "man pages compressed"
for u in tcttd.service tctt-dashboard.service; do
	[ -f "/lib/systemd/system/$u" ] || fail "$u missing"
	[ -L "/etc/systemd/system/multi-user.target.wants/$u" ] || fail "$u not enabled"
done
ok "systemd units installed and enabled"
getent passwd tctt >/dev/null || fail "no tctt user"
[ "$(stat -c %U:%a /var/lib/tctt)" = "tctt:750" ] || fail "/var/lib/tctt: $(stat -c %U:%a /var/lib/tctt)"
ok "tctt system user, /var/lib/tctt (tctt, 0750)"
/usr/sbin/tcttd -c /etc/tctt/tctt.conf --check || fail "tcttd --check (root)"
runuser -u tctt -- /usr/sbin/tcttd -c /etc/tctt/tctt.conf --check || fail "tcttd --check (tctt)"
ok "tcttd --check on /etc/tctt/tctt.conf, as root and as tctt"

# What a running daemon leaves, which purge must remove too.
runuser -u tctt -- sh -c 'echo x >/var/lib/tctt/tctt.db'
echo "admin:x" >/etc/tctt/users
$apt purge tctt >build/deb-test-purge.log 2>&1 || {
	cat build/deb-test-purge.log >&2
	fail "apt-get purge"
}
trap - EXIT
dpkg-query -W -f='${Status}\n' tctt 2>/dev/null | grep -q "installed" && fail "still installed"
for p in /etc/tctt /var/lib/tctt /usr/sbin/tcttd /lib/systemd/system/tcttd.service \
    /etc/systemd/system/multi-user.target.wants/tcttd.service; do
	[ -e "$p" ] || [ -L "$p" ] && fail "$p left after purge"
done
getent passwd tctt >/dev/null && fail "tctt user left after purge"
getent group tctt >/dev/null && fail "tctt group left after purge"
ok "purged: no configuration, state, units or user left"

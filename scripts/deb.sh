#!/bin/sh
# deb.sh: `make deb`: build build/tctt_VERSION_ARCH.deb (and its -dbgsym) with debhelper from
# debian/, in a copy of the source tree under build/deb so the tree stays clean; then lintian,
# which must report no errors.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh deb

version=$(sed -n 's/^#define TCTT_VERSION "\(.*\)"$/\1/p' lib/version.h)
changelog=$(dpkg-parsechangelog -S Version)
if [ "$version" != "$changelog" ]; then
	echo "deb: lib/version.h says $version but debian/changelog $changelog" >&2
	exit 1
fi
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
work=build/deb
src=$work/tctt-$version
rm -rf "$work"
mkdir -p "$src"
tar --exclude=./build --exclude=./.git -cf - . | tar -C "$src" -xf -
(cd "$src" && dpkg-buildpackage -b -us -uc --jobs=auto >../build.log 2>&1) || {
	tail -40 "$work/build.log" >&2
	echo "deb: dpkg-buildpackage failed; the whole log is $work/build.log" >&2
	exit 1
}
cp "$work/tctt_${version}_$arch.deb" "$work/tctt-dbgsym_${version}_$arch.deb" build/
# Errors fail the build; warnings and the rest are listed (see the README on each).
lintian --info --display-info "$work/tctt_${version}_${arch}.changes" >"$work/lintian.log" 2>&1 || {
	cat "$work/lintian.log" >&2
	echo "deb: lintian found errors" >&2
	exit 1
}
cat "$work/lintian.log"
echo "deb: build/tctt_${version}_$arch.deb"

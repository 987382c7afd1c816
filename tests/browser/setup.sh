#!/bin/sh
# setup.sh: what the browser test needs: Debian's chromium, node and npm (scripts/deps.sh
# browser), then puppeteer-core and axe-core from the npm registry into build/browser.
set -eu
cd "$(dirname "$0")/../.."
sh scripts/deps.sh browser
dir=build/browser
if [ ! -f "$dir/node_modules/.tctt-ok" ] || ! cmp -s tests/browser/package.json "$dir/package.json"; then
	mkdir -p "$dir"
	cp tests/browser/package.json "$dir/package.json"
	(cd "$dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
	touch "$dir/node_modules/.tctt-ok"
fi

#!/bin/sh
# run.sh: run the whole suite (unit and integration tests) under ASan and UBSan.
set -eu
cd "$(dirname "$0")/.."
export TCTT_BUILD="$PWD/build/asan" TCTT_TESTS="$PWD/tests"
export TCTT_TEST_TMP="$PWD/build/test-tmp"
rm -rf "$TCTT_TEST_TMP" && mkdir -p "$TCTT_TEST_TMP"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TZ=Asia/Ho_Chi_Minh
# The browser test (test_dashboard_browser.c) needs chromium, puppeteer-core and
# axe-core: installed first, while the registry is still reachable.
sh tests/browser/setup.sh
# Nothing here may reach beyond loopback.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
rc=0
"$TCTT_BUILD/run-tests" --jobs "${TEST_JOBS:-4}" "$@" || rc=$?
# Criterion also fails the run when a test logged with cr_log_error, even if
# every test passed: say so, since the synthesis line alone looks green.
[ "$rc" -eq 0 ] || echo "run-tests exited $rc (a failed or crashed test, a sanitizer report, or a cr_log_error line above)" >&2
exit "$rc"

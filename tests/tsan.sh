#!/bin/sh
# tsan.sh: the suites that drive the worker thread (daemon/worker.h), with
# tcttd, fixsrv and the dashboard built for ThreadSanitizer (`make tsan`).
# Any report, from any of those processes, fails the run. The runner itself
# is the ASan one (Criterion cannot start under TSan), so the in-process
# tests of those suites run under ASan as in `make test`.
set -eu
cd "$(dirname "$0")/.."
export TCTT_BUILD="$PWD/build/tsan" TCTT_TESTS="$PWD/tests"
export TCTT_TEST_TMP="$PWD/build/tsan/test-tmp"
reports="$PWD/build/tsan/reports"
rm -rf "$TCTT_TEST_TMP" "$reports" && mkdir -p "$TCTT_TEST_TMP" "$reports"
# Reports are written to files: a process whose exit status no test reads still counts.
export TSAN_OPTIONS="log_path=$reports/tsan exitcode=66 second_deadlock_stack=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TZ=Asia/Ho_Chi_Minh
# Nothing here may reach beyond loopback.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
rc=0
"$PWD/build/asan/run-tests" --jobs "${TEST_JOBS:-4}" \
    --filter "${TSAN_FILTER:-@(worker|pass|crawl|daemon_loop|tcttd_bin|document|province|province_http)/*}" \
    "$@" || rc=$?
if [ -n "$(ls "$reports")" ]; then
	cat "$reports"/* >&2
	echo "ThreadSanitizer reported (above; files in $reports)" >&2
	rc=1
fi
[ "$rc" -eq 0 ] || echo "tsan.sh: failed (exit $rc)" >&2
exit "$rc"

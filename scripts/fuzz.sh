#!/bin/sh
# fuzz.sh RUNS NAME...: run build/fuzz/fuzz_NAME for RUNS executions each, starting from the
# kept corpus tests/fuzz/corpus-NAME (read only: new inputs go to build/fuzz/work-NAME, crashes
# to build/fuzz/crash-NAME/), then print executions, time and coverage per fuzzer; fails if
# any crashed. FUZZ_OUT puts the work, crash and log files elsewhere than build/fuzz,
# FUZZ_TABLE the summary ($FUZZ_OUT/summary.txt); FUZZ_FLAGS adds libFuzzer options.
set -eu
cd "$(dirname "$0")/.."
runs=$1
shift
# A small quarantine and short malloc stacks: the targets allocate much, and
# page faults and stack unwinding took half the time (perf).
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:quarantine_size_mb=16:malloc_context_size=5"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TZ=Asia/Ho_Chi_Minh
out=${FUZZ_OUT:-build/fuzz}
table=${FUZZ_TABLE:-$out/summary.txt}
mkdir -p "$out"
failed=""
printf '%-10s %10s %8s %8s %8s %7s %8s  %s\n' fuzzer executions seconds exec/s cov ft corpus result >"$table"
for n in "$@"; do
	corpus=tests/fuzz/corpus-$n work=$out/work-$n crash=$out/crash-$n
	log=$out/$n.log
	rm -rf "$work" "$crash" && mkdir -p "$work" "$crash" "$corpus"
	# Small inputs for the slow targets: 1 KiB pages still reach every branch of the
	# extractor, a 2 KiB zip holds a whole minimal DOCX, 4 KiB a province's settings.
	case $n in
	extract) len=-max_len=1024 ;;
	document) len=-max_len=2048 ;;
	config) len=-max_len=4096 ;;
	*) len= ;;
	esac
	start=$(date +%s)
	rc=0
	# -close_fd_mask=1: the code under test may log to stdout; libFuzzer reports on stderr.
	build/fuzz/fuzz_"$n" -runs="$runs" -print_final_stats=1 -close_fd_mask=1 \
		-artifact_prefix="$crash/" $len ${FUZZ_FLAGS:-} "$work" "$corpus" >"$log" 2>&1 || rc=$?
	secs=$(( $(date +%s) - start ))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	# The last status line ("#N DONE cov: C ft: F corp: ...", or the last "pulse"/"NEW").
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
	result=ok
	# slow-unit-* files are inputs that took over 10 s of a busy machine, not failures.
	found=$(ls "$crash" | grep -vc '^slow-unit-' || true)
	slow=$(ls "$crash" | grep -c '^slow-unit-' || true)
	[ "$slow" -eq 0 ] || result="ok ($slow slow input(s) in $crash)"
	if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ] && grep -q 'run interrupted' "$log"; then
		result="interrupted"	# SIGINT: libFuzzer prints its stats and stops
	elif [ "$rc" -ne 0 ]; then
		result="CRASH ($found input(s) in $crash, see $log)"
		failed="$failed $n"
	fi
	printf '%-10s %10s %8s %8s %8s %7s %8s  %s\n' "$n" "${execs:-?}" "$secs" \
		"$(( ${execs:-0} / (secs > 0 ? secs : 1) ))" "${cov:-?}" "${ft:-?}" \
		"$(ls "$corpus" | wc -l)" "$result" | tee -a "$table" >/dev/null
	tail -n 1 "$table"
done
echo
cat "$table"
[ -z "$failed" ] || { echo "fuzz: crashes in:$failed" >&2; exit 1; }

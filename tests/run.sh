#!/usr/bin/env bash
# run.sh - kpic's test suite.
#
# Usage: tests/run.sh KPIC [KPIC_ASAN]
#        tests/run.sh --update KPIC     rewrite the golden files (review the diff!)
#
# Runs every tests/t-*.sh with KPIC, then again with the sanitizer build if
# given (every kpic run there must also produce no AddressSanitizer, LeakSanitizer
# or UBSan report).  Each script prints "ok NAME" or "not ok NAME" lines; this
# driver counts them and ends with the line "N passed, M failed".
set -u
cd "$(dirname "$0")/.."

update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
kpic=${1:?usage: tests/run.sh KPIC [KPIC_ASAN]}
asan=${2:-}

pass=0 fail=0
run_suite() {
	local bin=$1 label=$2 out
	for t in tests/t-*.sh; do
		out=$(KPIC=$bin UPDATE=$update LABEL=$label bash "$t" 2>&1)
		while IFS= read -r line; do
			case $line in
			"ok "*) pass=$((pass + 1)) ;;
			"not ok "*) fail=$((fail + 1)); echo "$label: $line" ;;
			*) [ -n "$line" ] && echo "$label: $line" ;;
			esac
		done <<<"$out"
	done
}

for u in build/unit/test_*; do
	[ -x "$u" ] || continue
	if summary=$("$u" 2>&1 | tail -n 1) && [[ $summary == *" 0 failed" ]]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "unit: not ok $u: $summary"
	fi
done

run_suite "$kpic" plain
if [ -n "$asan" ] && [ $update = 0 ]; then
	run_suite "$asan" asan
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]

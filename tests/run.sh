#!/usr/bin/env bash
# run.sh - kpic's test suite.
#
# Usage: tests/run.sh KPIC [KPIC_ASAN]
#        tests/run.sh --update KPIC     rewrite the golden files (review the diff!)
#        TESTS="tests/t-update.sh ..." tests/run.sh KPIC   only those scripts
#
# Runs every tests/t-*.sh with KPIC, then again with the sanitizer build if
# given (every kpic run there must also produce no AddressSanitizer, LeakSanitizer
# or UBSan report).  Each script prints "ok NAME" or "not ok NAME" lines and
# ends with done_testing; this driver counts the lines, counts a script that
# did not finish as one more failure, names it, and ends with the line
# "N passed, M failed".
set -u
cd "$(dirname "$0")/.."

update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
kpic=${1:?usage: tests/run.sh KPIC [KPIC_ASAN]}
asan=${2:-}

pass=0 fail=0 broken=""
# run_script BIN LABEL SCRIPT: counts its "ok"/"not ok" lines; the script
# itself is one more failure if it exits non-zero, dies, or never prints the
# "# done testing" line of done_testing (tests/lib.sh) -- so a syntax error or
# an early exit cannot pass for a short, green script.
run_script() {
	local bin=$1 label=$2 t=$3 out rc done=0
	out=$(KPIC=$bin UPDATE=$update LABEL=$label bash "$t" 2>&1)
	rc=$?
	while IFS= read -r line; do
		case $line in
		"ok "*) pass=$((pass + 1)) ;;
		"not ok "*) fail=$((fail + 1)); echo "$label: $line" ;;
		"# done testing"*) done=1 ;;
		*) [ -n "$line" ] && echo "$label: $line" ;;
		esac
	done <<<"$out"
	local why=""
	if [ "$rc" -gt 128 ]; then why="killed by signal $((rc - 128))"
	elif [ "$rc" != 0 ]; then why="exit status $rc"
	elif [ "$done" = 0 ]; then why="ended before its last test (no \"# done testing\" line)"
	fi
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "$label: not ok $t: $why"
		broken="$broken
  $label $t: $why"
	fi
}

run_suite() {
	local t
	for t in ${TESTS:-tests/t-*.sh}; do
		run_script "$1" "$2" "$t"
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
[ -z "$broken" ] || printf 'scripts that did not finish:%s\n' "$broken"
echo "$pass passed, $fail failed"
[ $fail = 0 ]

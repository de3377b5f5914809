#!/usr/bin/env bash
# run.sh - kpic's test suite.
#
# Usage: tests/run.sh KPIC [KPIC_ASAN]
#        tests/run.sh --update KPIC     rewrite the golden files (review the diff!)
#        TESTS="tests/t-update.sh ..." tests/run.sh KPIC   only those scripts
#        JOBS=2 SKIP="tests/t-browser.sh" tests/run.sh KPIC   two at a time, one left out
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
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# JOBS=N runs N scripts of a pass at once (make test does; make check runs one
# at a time); SKIP="tests/t-x.sh ..." leaves scripts out.
jobs=${JOBS:-1}

# start_script BIN LABEL SCRIPT N: runs it into $work/N.{out,rc}.
start_script() {
	# (the braces keep bash's note on a killed script off the report: tally
	# names it)
	{ KPIC=$1 UPDATE=$update LABEL=$2 bash "$3" >"$work/$4.out" 2>&1; } 2>/dev/null
	echo $? >"$work/$4.rc"
}

# tally LABEL SCRIPT N: counts its "ok"/"not ok" lines; the script itself is
# one more failure if it exits non-zero, dies, or never prints the
# "# done testing" line of done_testing (tests/lib.sh) -- so a syntax error or
# an early exit cannot pass for a short, green script.
tally() {
	local label=$1 t=$2 rc done=0 line
	rc=$(cat "$work/$3.rc" 2>/dev/null || echo 255)
	while IFS= read -r line; do
		case $line in
		"ok "*) pass=$((pass + 1)) ;;
		"not ok "*) fail=$((fail + 1)); echo "$label: $line" ;;
		"# done testing"*) done=1 ;;
		*) [ -n "$line" ] && echo "$label: $line" ;;
		esac
	done <"$work/$3.out"
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

# run_suite BIN LABEL: every script, at most $jobs at once, each reported in
# order as soon as it and those before it have finished.
run_suite() {
	local t n=0 next=0 running=0 scripts=()
	for t in ${TESTS:-tests/t-*.sh}; do
		case " ${SKIP:-} " in *" $t "*) continue ;; esac
		scripts+=("$t")
	done
	for t in "${scripts[@]}"; do
		if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
		start_script "$1" "$2" "$t" "$2-$n" &
		running=$((running + 1)) n=$((n + 1))
		while [ "$next" -lt "$n" ] && [ -e "$work/$2-$next.rc" ]; do
			tally "$2" "${scripts[$next]}" "$2-$next"
			next=$((next + 1))
		done
	done
	wait
	while [ "$next" -lt "$n" ]; do
		tally "$2" "${scripts[$next]}" "$2-$next"
		next=$((next + 1))
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

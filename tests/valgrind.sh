#!/bin/sh
# valgrind.sh - the full build of every bundled source under valgrind's
# memcheck: any memory error or definitely lost byte fails it, and so does an
# output that differs from the build's (build/NAME/, made without valgrind).
#
# Usage: tests/valgrind.sh KPIC [OUTDIR]     (make valgrind; OUTDIR: build/valgrind)
#
# Each run's valgrind log is OUTDIR/NAME/STEP.log.  Prints one line per run
# and ends with "N passed, M failed".  Libraries' own still-reachable memory
# (libxml2's and libxslt's globals) is not an error; possibly lost blocks
# are shown in the log but do not fail.
set -u
cd "$(dirname "$0")/.."
kpic=${1:?usage: tests/valgrind.sh KPIC [OUTDIR]}
out=${2:-build/valgrind}
export LC_ALL=C.UTF-8
unset KPIC_TEMPLATES

pass=0 fail=0
# run NAME STEP EXPECTED STATUS ARGS...: kpic ARGS under memcheck, which
# must exit with STATUS; EXPECTED is the file the build made that the run's
# output (OUTDIR/NAME/STEP.out) must equal, or - when there is none.
run() {
	name=$1 step=$2 expected=$3 want=$4
	shift 4
	log=$out/$name/$step.log
	start=$(date +%s.%N)
	valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite,possible \
		--log-file="$log" "$kpic" "$@" >"$out/$name/$step.stdout" 2>"$out/$name/$step.stderr"
	rc=$?
	secs=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }')
	why=""
	[ "$rc" = 99 ] && why="memcheck errors (see $log)"
	[ "$rc" != 99 ] && [ "$rc" != "$want" ] && why="exit $rc, not $want (see $out/$name/$step.stderr)"
	[ -s "$log" ] && [ -z "$why" ] && why="valgrind said something (see $log)"
	if [ -z "$why" ] && [ "$expected" != - ] && ! cmp -s "$expected" "$out/$name/$step.out"; then
		why="output differs from $expected"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1)); echo "ok valgrind: $name $step (${secs} s)"
	else
		fail=$((fail + 1)); echo "not ok valgrind: $name $step: $why"
		head -30 "$log" 2>/dev/null | sed 's/^/    /'
	fi
}

for src in sources/*/strategy.xml; do
	name=$(basename "$(dirname "$src")")
	b=build/$name
	mkdir -p "$out/$name"
	rm -f "$out/$name"/*
	run "$name" check - 0 check "$src"
	run "$name" eval-text "$b/eval.txt" 0 eval -o "$out/$name/eval-text.out" "$src"
	run "$name" eval-json "$b/eval.json" 0 eval --format=json -o "$out/$name/eval-json.out" "$src"
	run "$name" eval-xml "$b/enriched.xml" 0 eval --format=xml -o "$out/$name/eval-xml.out" "$src"
	run "$name" html "$b/kensho.html" 0 html -o "$out/$name/html.out" "$src"
	# Hooks for the outputs to come, each one line like those above:
	#   run "$name" pdf "$b/kensho.pdf" 0 pdf -o "$out/$name/pdf.out" "$src"
	#   run "$name" draft ... draft ...          (kpic draft)
	#   run "$name" diff ... diff OLD "$src"     (kpic diff, against a second edition)
done

# Every error path the rule fixtures take, in one run.
mkdir -p "$out/rules"
rm -f "$out/rules"/*
# (exit 1: the fixtures have errors, which is what they are for)
run rules check - 1 check tests/rules/*.xml

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

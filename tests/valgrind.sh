#!/bin/sh
# valgrind.sh - the full build of every bundled source under valgrind's
# memcheck: any memory error or definitely lost byte fails it, and so does an
# output that differs from the build's (build/NAME/, made without valgrind).
#
# Usage: tests/valgrind.sh [--quick] KPIC [OUTDIR]
#        (make valgrind; OUTDIR: build/valgrind)
#
# Every run: check, eval (text, JSON, XML), html, pdf, draft, the draft's html
# and pdf, and diff of the source against its draft with both 新旧対照表
# (--html, --pdf); kpic import and update (the yearly cycle); then kpic check
# of every rule fixture.  --quick (make
# check's tests/t-valgrind.sh) leaves out the three PDFs of each source,
# which take 20-40 s each under memcheck, and makes the PDF of
# tests/fixtures/minimal.xml instead (about 10 s), so that the layout engine,
# pango and cairo's PDF writing still run once.
#
# The build's PDFs carry the time they were made, so each PDF (and the
# outputs the build does not make: the diff and its tables) is compared with
# a run of the same KPIC without valgrind, both with SOURCE_DATE_EPOCH=0.
#
# Each run's valgrind log is OUTDIR/NAME/STEP.log.  Prints one line per run
# and ends with "N passed, M failed".  Libraries' own still-reachable memory
# (libxml2's and libxslt's globals) is not an error; possibly lost blocks
# are shown in the log but do not fail.  What the libraries lose for good
# (fontconfig's configuration, pango's per-process tables) is suppressed by
# tests/valgrind.supp, which never names a kpic function.
set -u
cd "$(dirname "$0")/.."
quick=0
if [ "${1:-}" = --quick ]; then quick=1; shift; fi
kpic=${1:?usage: tests/valgrind.sh [--quick] KPIC [OUTDIR]}
out=${2:-build/valgrind}
export LC_ALL=C.UTF-8
unset KPIC_TEMPLATES
# Only the PDFs carry a date; one fixed date makes them comparable.
export SOURCE_DATE_EPOCH=0

pass=0 fail=0
result() {
	if [ -z "$2" ]; then
		pass=$((pass + 1)); echo "ok valgrind: $1"
	else
		fail=$((fail + 1)); echo "not ok valgrind: $1: $2"
	fi
}

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
		--num-callers=40 --suppressions=tests/valgrind.supp \
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
	result "$name $step (${secs} s)" "$why"
	[ -z "$why" ] || head -30 "$log" 2>/dev/null | sed 's/^/    /'
}

# same NAME WHAT EXPECTED ACTUAL: a second output of the last run.
same() {
	if cmp -s "$3" "$4"; then result "$1 $2" ""; else result "$1 $2" "$4 differs from $3"; fi
}

# ref OUT ARGS...: the reference output OUT, by KPIC ARGS without valgrind.
ref() {
	r=$1; shift
	"$kpic" "$@" >/dev/null 2>&1
	[ -s "$r" ] || result "reference $r" "kpic $* made nothing"
}

for src in sources/*/strategy.xml; do
	name=$(basename "$(dirname "$src")")
	b=build/$name
	o=$out/$name
	mkdir -p "$o"
	rm -f "$o"/*
	run "$name" check - 0 check "$src"
	run "$name" eval-text "$b/eval.txt" 0 eval -o "$o/eval-text.out" "$src"
	run "$name" eval-json "$b/eval.json" 0 eval --format=json -o "$o/eval-json.out" "$src"
	run "$name" eval-xml "$b/enriched.xml" 0 eval --format=xml -o "$o/eval-xml.out" "$src"
	run "$name" html "$b/kensho.html" 0 html -o "$o/html.out" "$src"
	run "$name" draft "$b/draft.xml" 0 draft -o "$o/draft.out" "$src"
	run "$name" draft-html "$b/draft.html" 0 html -Wno-draft-placeholder -o "$o/draft-html.out" "$b/draft.xml"
	if [ $quick = 0 ]; then
		ref "$o/ref-pdf.pdf" pdf -o "$o/ref-pdf.pdf" "$src"
		run "$name" pdf "$o/ref-pdf.pdf" 0 pdf -o "$o/pdf.out" "$src"
		ref "$o/ref-draft.pdf" pdf -Wno-draft-placeholder -o "$o/ref-draft.pdf" "$b/draft.xml"
		run "$name" draft-pdf "$o/ref-draft.pdf" 0 pdf -Wno-draft-placeholder \
			-o "$o/draft-pdf.out" "$b/draft.xml"
	fi
	# kpic diff exits 1 when there are differences, as diff(1) does.
	if [ $quick = 0 ]; then
		tables="--html $o/diff-html.out --pdf $o/diff-pdf.out"
		reftables="--html $o/ref-diff.html --pdf $o/ref-diff.pdf"
	else
		tables="--html $o/diff-html.out" reftables="--html $o/ref-diff.html"
	fi
	# shellcheck disable=SC2086
	ref "$o/ref-diff.txt" diff -Wno-draft-placeholder -o "$o/ref-diff.txt" $reftables "$src" "$b/draft.xml"
	# shellcheck disable=SC2086
	run "$name" diff "$o/ref-diff.txt" 1 diff -Wno-draft-placeholder \
		-o "$o/diff.out" $tables "$src" "$b/draft.xml"
	same "$name" "diff --html" "$o/ref-diff.html" "$o/diff-html.out"
	[ $quick = 1 ] || same "$name" "diff --pdf" "$o/ref-diff.pdf" "$o/diff-pdf.out"
done

# The yearly cycle: kpic import of the goal-1 table as TSV, .xlsx and .ods,
# of kpic export's CSV, and kpic update from an .xlsx of actuals (the sheet
# reader's CSV and zip paths, and import's mapping, under memcheck).
mkdir -p "$out/cycle"
rm -f "$out/cycle"/*
for f in tests/import/goal1.tsv tests/import/goal1.xlsx tests/import/goal1.ods; do
	step=import-${f##*.}
	ref "$out/cycle/ref-$step.xml" import -o "$out/cycle/ref-$step.xml" "$f"
	run cycle "$step" "$out/cycle/ref-$step.xml" 0 import -o "$out/cycle/$step.out" "$f"
done
"$kpic" export -o "$out/cycle/export.csv" sources/abashiri/strategy.xml
ref "$out/cycle/ref-import-csv.xml" import -o "$out/cycle/ref-import-csv.xml" "$out/cycle/export.csv"
run cycle import-export-csv "$out/cycle/ref-import-csv.xml" 0 import -o "$out/cycle/import-export-csv.out" "$out/cycle/export.csv"
ref "$out/cycle/ref-update.xml" update --year 2019 --actuals tests/update/fy2019.xlsx -o "$out/cycle/ref-update.xml" sources/abashiri/strategy.xml
run cycle update-xlsx "$out/cycle/ref-update.xml" 0 update --year 2019 --actuals tests/update/fy2019.xlsx \
	-o "$out/cycle/update-xlsx.out" sources/abashiri/strategy.xml

# Every error path the rule fixtures take, in one run (and the quick PDF).
mkdir -p "$out/rules"
rm -f "$out/rules"/*
if [ $quick = 1 ]; then
	ref "$out/rules/ref-minimal.pdf" pdf -o "$out/rules/ref-minimal.pdf" tests/fixtures/minimal.xml
	run rules minimal-pdf "$out/rules/ref-minimal.pdf" 0 pdf -o "$out/rules/minimal-pdf.out" \
		tests/fixtures/minimal.xml
fi
# (exit 1: the fixtures have errors, which is what they are for)
run rules check - 1 check tests/rules/*.xml

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

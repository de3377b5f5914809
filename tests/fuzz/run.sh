#!/bin/sh
# run.sh - runs one libFuzzer harness of tests/fuzz/ for a while.
#
# Usage: tests/fuzz/run.sh [--smoke] NAME SECONDS OUTDIR
#
# The harness is build/fuzz/fuzz_NAME (make fuzz-build).  Its working corpus,
# OUTDIR/corpus/NAME, starts from the seeds below and keeps every input in
# which libFuzzer found new coverage, so a later run goes on from there.  A
# crash, leak or hang is saved as OUTDIR/NAME-crash-*, -leak-* or -timeout-*;
# the output is OUTDIR/NAME.log, whose last lines (stat::...) give the count
# of inputs run and the speed.  The exit status is libFuzzer's: 0 when
# nothing was found.
#
# Seeds: tests/fuzz/corpus/NAME/ (committed, small); without --smoke, also
# tests/fuzz/regress/NAME/ (every input that once found a bug) and the inputs
# of the tree that fit the harness (the bundled sources, the rule, schema and
# hostile fixtures).  --smoke starts from an empty working corpus each time,
# and leaves the regression inputs out: tests/t-fuzz.sh replays them on their
# own, and one slow one (a 2,000,000-cell grid, seconds under the sanitizers)
# would take the whole few seconds of the smoke.
set -eu
cd "$(dirname "$0")/../.."

smoke=0
if [ "${1:-}" = --smoke ]; then smoke=1; shift; fi
name=${1:?usage: tests/fuzz/run.sh [--smoke] NAME SECONDS OUTDIR}
secs=${2:?seconds}
out=${3:?output directory}
bin=build/fuzz/fuzz_$name
[ -x "$bin" ] || { echo "run.sh: $bin is not built (make fuzz-build)" >&2; exit 2; }

# Options of each harness: the dictionary, and a size limit where an input
# costs much more than parsing (fuzz_html renders every page it can,
# fuzz_layout sets every document with pango, fuzz_diff compiles two) or
# where the seeds are large (fuzz_sheet's spreadsheets, up to 55 KiB).
case $name in
compile) opts="-dict=tests/fuzz/kpic.dict" ;;
html) opts="-dict=tests/fuzz/kpic.dict -max_len=16384" ;;
diff) opts="-dict=tests/fuzz/kpic.dict -max_len=65536" ;;
layout) opts="-dict=tests/fuzz/layout.dict -max_len=8192" ;;
sheet) opts="-dict=tests/fuzz/sheet.dict -max_len=65536" ;;
update) opts="-max_len=4096" ;;
xslt) opts="-dict=tests/fuzz/xslt.dict -max_len=8192" ;;
*) opts="" ;;
esac

# fontconfig keeps its caches for the life of the process (tools/layout.h):
# the harnesses that lay out pages run with kpic's LeakSanitizer suppressions.
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export LSAN_OPTIONS

corpus=$out/corpus/$name
seeds=$out/seeds/$name
[ $smoke = 1 ] && rm -rf "$corpus"
rm -rf "$seeds"
mkdir -p "$corpus" "$seeds"
rm -f "$out/$name"-crash-* "$out/$name"-leak-* "$out/$name"-timeout-* "$out/$name"-oom-*

# seed PREFIX FILE...: copies files into the seed directory as PREFIX-NAME.
seed() {
	p=$1; shift
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$seeds/$p-$(basename "$f")"
	done
	return 0
}
seed corpus tests/fuzz/corpus/"$name"/*
if [ $smoke = 0 ]; then
	seed regress tests/fuzz/regress/"$name"/*
	case $name in
	compile)
		for s in sources/*/strategy.xml; do seed "source-$(basename "$(dirname "$s")")" "$s"; done
		seed rules tests/rules/*.xml
		seed schema tests/schema/*.xml
		seed hostile tests/hostile/*.xml
		seed fixture tests/fixtures/*.xml tests/html/*.xml ;;
	html)
		seed rules tests/rules/*.xml
		seed fixture tests/fixtures/*.xml tests/html/*.xml ;;
	layout)
		seed layout tests/layout/*.xml ;;
	xslt)
		seed html tests/html/*.xsl ;;
	esac
fi

# -timeout: one input running longer than that is a hang, a bug of its own.
# shellcheck disable=SC2086
"$bin" $opts -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$out/$name-" "$corpus" "$seeds" >"$out/$name.log" 2>&1

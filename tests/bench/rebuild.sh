#!/usr/bin/env bash
# rebuild.sh - the rebuild times of kpic watch and serve beside the cold
# times: one value of the Abashiri source edited, as an editor saves it,
# BENCH_RUNS times (default 5); the median of what kpic watch reports (from
# reading the change to the HTML, and to the PDF, made in that order: the
# PDF's time includes the HTML's), and of whole `kpic html` and `kpic pdf`
# processes.  The budgets (HTML ≤ 100 ms, PDF ≤ 400 ms) are printed, not
# asserted.  Run by tests/bench/run.sh; usage: tests/bench/rebuild.sh [KPIC]
set -eu
cd "$(dirname "$0")/../.."
KPIC=${1:-build/kpic}
RUNS=${BENCH_RUNS:-5}
W=build/bench/rebuild
SRC=sources/abashiri/strategy.xml
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1554076800
rm -rf "$W"
mkdir -p "$W/abashiri"
src=$W/abashiri/strategy.xml
cp "$SRC" "$src"

ms_now() { echo $(($(date +%s%N) / 1000000)); }
med() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }
# rebuilt N: waits (at most 60 s) until kpic watch has said "rebuilt" N times.
rebuilt() {
	local i=0
	while [ "$(grep -c ': rebuilt: ' "$W/watch.err")" -lt "$1" ]; do
		i=$((i + 1)); [ $i -lt 600 ] || { echo "rebuild.sh: no rebuild" >&2; return 1; }
		sleep 0.1
	done
}

"$KPIC" watch "$src" -d "$W/out" 2>"$W/watch.err" &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
rebuilt 1
# the 2015 value of 観光入込客数
line=$(grep -n '<value year="2015">1532000</value>' "$src" | cut -d: -f1)
for i in $(seq 1 "$RUNS"); do
	sed "${line}s|>[0-9]*<|>$((1532000 + i * 1000))<|" "$src" >"$src.new"
	mv "$src.new" "$src"
	rebuilt $((i + 1))
done
grep ': rebuilt: ' "$W/watch.err" | tail -n "$RUNS" |
	sed 's/.*HTML in \([0-9]*\) ms, PDF in \([0-9]*\) ms/\1 \2/' >"$W/times"
html_ms=$(cut -d ' ' -f 1 "$W/times" | med)
pdf_ms=$(cut -d ' ' -f 2 "$W/times" | med)

for i in $(seq 1 "$RUNS"); do
	t=$(ms_now); "$KPIC" html -o "$W/cold.html" "$SRC" 2>/dev/null; echo $(($(ms_now) - t)) >>"$W/cold-html"
	t=$(ms_now); "$KPIC" pdf -o "$W/cold.pdf" "$SRC" 2>/dev/null; echo $(($(ms_now) - t)) >>"$W/cold-pdf"
done

echo "Rebuild after a one-value edit (kpic watch/serve; median of $RUNS edits) and cold (one process)"
printf '%-8s %12s %10s %11s\n' "output" "rebuild ms" "cold ms" "budget ms"
printf '%-8s %12s %10s %11s\n' "HTML" "$html_ms" "$(med <"$W/cold-html")" 100
printf '%-8s %12s %10s %11s\n' "PDF" "$pdf_ms" "$(med <"$W/cold-pdf")" 400

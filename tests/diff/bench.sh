#!/usr/bin/env bash
# bench.sh - times `kpic diff` on synthetic sources (see benchmark.md).
#
# Usage: tests/diff/bench.sh [KPIC] [N...]     default: build/kpic 10000 100000
#
# For each N, writes two sources of N KPIs with synth.awk and times, three
# times each, `kpic check OLD NEW` (what compiling both costs) and
# `kpic diff --format=json OLD NEW` (the same plus the comparison), printing
# the median wall and CPU (user + system) seconds and the peak memory.
set -eu
cd "$(dirname "$0")/../.."
kpic=${1:-build/kpic}
shift || true
sizes=${*:-10000 100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# run LABEL CMD...: three runs, medians of wall, cpu, max RSS
run() {
	local label=$1; shift
	: >"$tmp/times"
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$tmp/t" >>"$tmp/times"   # after any "exited with status" line
	done
	local wall cpu rss
	wall=$(awk '{ print $1 }' "$tmp/times" | median)
	cpu=$(awk '{ printf "%.2f\n", $2 + $3 }' "$tmp/times" | median)
	rss=$(awk '{ printf "%d\n", $4 / 1024 }' "$tmp/times" | median)
	printf '%-28s wall %6ss  cpu %6ss  max RSS %5s MiB\n' "$label" "$wall" "$cpu" "$rss"
}

for n in $sizes; do
	awk -v n="$n" -v side=old -f tests/diff/synth.awk >"$tmp/old.xml"
	awk -v n="$n" -v side=new -f tests/diff/synth.awk >"$tmp/new.xml"
	echo "$n KPIs a side ($(( $(stat -c %s "$tmp/old.xml") / 1048576 )) MiB a file):"
	run "  kpic check OLD NEW" "$kpic" check "$tmp/old.xml" "$tmp/new.xml"
	run "  kpic diff OLD NEW" "$kpic" diff --format=json "$tmp/old.xml" "$tmp/new.xml"
done

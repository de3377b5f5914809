#!/usr/bin/env bash
# run.sh - `make bench`: kpic against the peer pipelines and the bare
# pango + cairo floor, the rebuild times of kpic watch and serve beside the
# cold ones, kpic's cost per KPI up to 100,000 KPIs, and strategies
# with thousands of departments or goals.
#
# Usage: tests/bench/run.sh [KPIC]     (make bench builds kpic and installs the peers first)
# Environment: BENCH_RUNS (default 5) runs per measurement of the Abashiri
# document, of which the median is shown; BENCH_SIZES (default
# "100 1000 10000 100000") the synthetic sizes; BENCH_LIMIT (default 60) the
# seconds after which one synthetic run is stopped and shown as such;
# BENCH_BATCH (default 1741, Japan's municipalities) how many synthetic
# municipal sources of 60-100 KPIs kpic build compiles in one process.
#
# Every figure is whole-process wall time and peak RSS from /usr/bin/time
# (for Chromium, of its largest process).  The table goes to standard output
# and to build/bench.txt; the working files stay in build/bench/.
set -eu
cd "$(dirname "$0")/../.."
KPIC=${1:-build/kpic}
RUNS=${BENCH_RUNS:-5}
SIZES=${BENCH_SIZES:-"100 1000 10000 100000"}
LIMIT=${BENCH_LIMIT:-60}
BATCH=${BENCH_BATCH:-1741}
W=build/bench
SRC=sources/abashiri/strategy.xml
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1554076800
rm -rf "$W"
mkdir -p "$W"
exec > >(tee build/bench.txt)

# measure OUT CMD...: runs CMD once under /usr/bin/time; "SECONDS KIB" to
# OUT, or "stopped" when it ran longer than $limit seconds; CMD's output is
# discarded.
limit=600
measure() {
	local out=$1; shift
	if /usr/bin/time -f '%e %M' -o "$out" timeout "$limit" "$@" >/dev/null 2>"$W/last.err"; then
		return 0
	fi
	if grep -q 'exited with non-zero status 124' "$out"; then
		echo stopped >"$out"
	else
		echo "bench: failed: $*" >&2
		sed 's/^/    /' "$W/last.err" >&2
		echo failed >"$out"
	fi
}

# figure AWK [N]: the last measurement ($W/m) as the awk statement AWK prints
# it, with its seconds in s, its peak KiB in m and N in n; or "stopped" /
# "failed" as measure() left it.
figure() {
	local s m
	read -r s m <"$W/m" || true
	case $s in
	stopped | failed) echo "$s" ;;
	*) awk -v s="$s" -v m="$m" -v n="${2:-1}" "BEGIN { $1 }" ;;
	esac
}

# median N CMD...: runs CMD N times; prints "SECONDS MIB" of the median run
# by time (its peak RSS is the largest of the runs).
median() {
	local n=$1; shift
	local i
	: >"$W/runs"
	for ((i = 0; i < n; i++)); do
		measure "$W/one" "$@"
		tail -n 1 "$W/one" >>"$W/runs"
	done
	if grep -qvE '^[0-9.]+ [0-9]+$' "$W/runs"; then
		echo "failed failed"
		return
	fi
	sort -n "$W/runs" | awk -v n="$n" '{ t[NR] = $1; if ($2 > m) m = $2 } END { printf "%.3f %.1f\n", t[int((n + 1) / 2)], m / 1024 }'
}

# kpic build: the HTML and the PDF in one process, as `make` and a user
# get them; kpic_two: kpic html, then kpic pdf, each process starting cold.
kpic_build() {
	rm -rf "$W/k"
	"$KPIC" build -d "$W/k" "$SRC"
}
kpic_two() {
	rm -rf "$W/k2"
	mkdir -p "$W/k2"
	"$KPIC" html -o "$W/k2/kensho.html" "$SRC" && "$KPIC" pdf -o "$W/k2/kensho.pdf" "$SRC"
}

chromium_pdf() {
	local udd
	udd=$(mktemp -d "$PWD/$W/chromium.XXXXXX")
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --disable-breakpad \
		--user-data-dir="$udd" --no-pdf-header-footer --print-to-pdf="$W/chromium.pdf" \
		"file://$PWD/$W/kensho.html" || return 1
	# Chromium may leave helper processes behind (crashpad): end those of this run.
	local pids
	pids=$(pgrep -f -- "$udd" || true)
	[ -z "$pids" ] || kill $pids 2>/dev/null || true
	rm -rf "$udd"
}

# --- the Abashiri document against the peers ---------------------------------
"$KPIC" html -o "$W/kensho.html" "$SRC"
"$KPIC" pdf -o "$W/kensho.pdf" "$SRC"
"$KPIC" pdf --format=xml -o "$W/layout.xml" "$SRC"
python3 tests/bench/flatten.py "$W/layout.xml" >"$W/flat.txt"
cc -std=c11 -O2 -Wall -Wextra -Werror -pedantic -D_POSIX_C_SOURCE=200809L \
	$(pkg-config --cflags pangocairo cairo-pdf) tests/bench/ref.c -o "$W/ref" \
	$(pkg-config --libs pangocairo cairo-pdf)
export -f kpic_build kpic_two chromium_pdf
export KPIC SRC W

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
kb() { if [ -f "$1" ]; then echo $((($(stat -c %s "$1") + 512) / 1024)); else echo -; fi; }

read -r k_s k_m < <(median "$RUNS" bash -c kpic_build)
read -r k2_s k2_m < <(median "$RUNS" bash -c kpic_two)
read -r r_s r_m < <(median "$RUNS" "$W/ref" "$W/flat.txt" "$W/ref.pdf")
read -r c_s c_m < <(median "$RUNS" bash -c chromium_pdf)
read -r w_s w_m < <(median "$RUNS" weasyprint "$W/kensho.html" "$W/weasyprint.pdf")
read -r h_s h_m < <(median "$RUNS" env QT_QPA_PLATFORM=offscreen wkhtmltopdf -q --page-size A4 \
	"$W/kensho.html" "$W/wkhtmltopdf.pdf")

echo "kpic bench, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); median of $RUNS runs, whole process"
echo
echo "Abashiri verification document ($(pages "$W/kensho.pdf") pages in kpic's PDF)"
printf '%-44s %9s %9s %10s %6s %9s\n' "pipeline" "wall s" "peak MiB" "× kpic" "pages" "PDF KiB"
row() {
	printf '%-44s %9s %9s %10s %6s %9s\n' "$1" "$2" "$3" \
		"$(awk -v a="$2" -v b="$k_s" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }')" "$4" "$5"
}
kpdf=$W/k/abashiri/kensho.pdf
row "kpic build: HTML + PDF, clean output dir" "$k_s" "$k_m" "$(pages "$kpdf")" "$(kb "$kpdf")"
row "kpic html, then kpic pdf (two processes)" "$k2_s" "$k2_m" "$(pages "$W/k2/kensho.pdf")" "$(kb "$W/k2/kensho.pdf")"
row "bare pango + cairo (tests/bench/ref.c)" "$r_s" "$r_m" "$(pages "$W/ref.pdf")" "$(kb "$W/ref.pdf")"
row "Chromium --print-to-pdf of kpic's HTML" "$c_s" "$c_m" "$(pages "$W/chromium.pdf")" "$(kb "$W/chromium.pdf")"
row "WeasyPrint of kpic's HTML" "$w_s" "$w_m" "$(pages "$W/weasyprint.pdf")" "$(kb "$W/weasyprint.pdf")"
row "wkhtmltopdf of kpic's HTML" "$h_s" "$h_m" "$(pages "$W/wkhtmltopdf.pdf")" "$(kb "$W/wkhtmltopdf.pdf")"
echo
echo "Targets: kpic ≥ 10× faster than Chromium: $(awk -v c="$c_s" -v k="$k_s" 'BEGIN { printf "%.1f×", c / k }');" \
	"≤ 1.5× the bare floor: $(awk -v r="$r_s" -v k="$k_s" 'BEGIN { printf "%.2f×", k / r }');" \
	"peak ≤ 100 MiB: $k_m MiB; PDF ≤ WeasyPrint's: $(kb "$kpdf") vs $(kb "$W/weasyprint.pdf") KiB"

# The rebuild of kpic watch and serve after a one-value edit, beside the cold
# times (tests/bench/rebuild.sh; its files in build/bench/rebuild/).
echo
BENCH_RUNS=$RUNS tests/bench/rebuild.sh "$KPIC"

# Wall time on a shared machine varies by half from one minute to the next;
# instructions do not.  callgrind counts them (all threads) for kpic build
# and for the floor, once each.
irefs() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/I +refs:/ { gsub(/,/, "", $NF); print $NF }'
}
if command -v valgrind >/dev/null 2>&1; then
	ki=$(rm -rf "$W/ki" && irefs "$KPIC" build -d "$W/ki" "$SRC")
	ri=$(irefs "$W/ref" "$W/flat.txt" "$W/ref-i.pdf")
	echo "Instructions (callgrind, all threads): kpic build $(awk -v n="$ki" 'BEGIN { printf "%.3f G", n / 1e9 }')," \
		"the floor $(awk -v n="$ri" 'BEGIN { printf "%.3f G", n / 1e9 }'): $(awk -v k="$ki" -v r="$ri" 'BEGIN { if (r > 0) printf "%.2f×", k / r }') the floor"
fi

# --- where kpic's time goes ------------------------------------------------------
echo
echo "kpic --time-report (one run each; seconds)"
"$KPIC" --time-report html -o "$W/t.html" "$SRC" 2>"$W/time-html.txt"
"$KPIC" --time-report pdf -o "$W/t.pdf" "$SRC" 2>"$W/time-pdf.txt"
printf '%-16s %9s %9s\n' "stage" "html" "pdf"
# The report's rows are "  NAME(16) SECONDS(10) PERCENT(6)", the same in both.
stages() { awk '/^  / && !/^  stage|peak RSS/ { n = substr($0, 3, 16); sub(/ +$/, "", n); v = substr($0, 20, 10); gsub(/ /, "", v); print n "|" v }' "$1"; }
paste -d '|' <(stages "$W/time-html.txt") <(stages "$W/time-pdf.txt" | cut -d '|' -f 2) |
	awk -F'|' '{ printf "%-16s %9s %9s\n", $1, $2, $3 }'
printf '%-16s %9s %9s\n' "peak RSS MiB" "$(awk '/peak RSS/ { print $3 }' "$W/time-html.txt")" \
	"$(awk '/peak RSS/ { print $3 }' "$W/time-pdf.txt")"

# --- linear cost: synthetic strategies ---------------------------------------------
limit=$LIMIT
# kpic diff exits 1 when the versions differ, as they do here.
diff_ok() { "$@"; [ $? -le 1 ]; }
export -f diff_ok
echo
echo "Synthetic strategies (tests/bench/synth.awk): one run each, µs per KPI and peak MiB;"
echo "a run longer than ${LIMIT} s is stopped and shown as 'stopped'"
printf '%-8s' "KPIs"
for op in check eval html pdf diff; do printf ' %17s' "$op µs/KPI (MiB)"; done
echo
for n in $SIZES; do
	awk -v n="$n" -f tests/bench/synth.awk >"$W/s$n.xml"
	awk -v n="$n" -v revise=1 -f tests/bench/synth.awk >"$W/s$n-new.xml"
	printf '%-8s' "$n"
	for op in check eval html pdf diff; do
		case $op in
		check) measure "$W/m" "$KPIC" check "$W/s$n.xml" ;;
		eval) measure "$W/m" "$KPIC" eval --format=json -o "$W/o.json" "$W/s$n.xml" ;;
		html) measure "$W/m" "$KPIC" html -o "$W/o.html" "$W/s$n.xml" ;;
		pdf) measure "$W/m" "$KPIC" pdf -o "$W/o.pdf" "$W/s$n.xml" ;;
		diff) measure "$W/m" bash -c 'diff_ok "$@"' - "$KPIC" diff -o "$W/o.diff" "$W/s$n.xml" "$W/s$n-new.xml" ;;
		esac
		printf ' %17s' "$(figure 'printf "%.1f (%.0f)", s * 1e6 / n, m / 1024' "$n")"
	done
	echo
	rm -f "$W/s$n.xml" "$W/s$n-new.xml"
done

# --- hostile input: bounded, whatever it asks for (tests/t-hostile.sh asserts the
# diagnostics; the times are here) ------------------------------------------------
limit=$LIMIT
# refused CMD...: CMD must exit 1 (kpic import, check) or 2 (kpic update).
refused() { "$@"; local rc=$?; [ $rc = 1 ] || [ $rc = 2 ]; }
export -f refused
hostile_row() {
	local what=$1; shift
	measure "$W/m" "$@"
	printf '%-64s %9s %9s\n' "$what" "$(figure 'printf "%s", s')" "$(figure 'printf "%.1f", m / 1024')"
}
# hostile_para N: the fixture's narrative paragraph made N characters
hostile_para() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n / 10; i++) printf "経済センサスによる調" }' >"$W/para.txt"
	awk -v f="$W/para.txt" 'BEGIN { getline m <f } { sub(/<p>全<count\/>件<\/p>/, "<p>" m "</p>"); print }' \
		tests/fixtures/minimal.xml >"$W/para.xml"
}
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	printf "<strategy xmlns=\"urn:x-kpic:strategy:1\""; for (i = 0; i < 100000; i++) printf " a%d=\"x\"", i; print "/>"
}' >"$W/attrs.xml"
echo
echo "Hostile input (one run each; refused ones are refused at once, see kpic-source(5), LIMITS)"
printf '%-64s %9s %9s\n' "" "wall s" "peak MiB"
hostile_row "check: one tag of 10^5 attributes (libxml2 alone: 16 s)" bash -c 'refused "$@"' - "$KPIC" check "$W/attrs.xml"
hostile_row "import: textbomb.ods, 626 bytes asking for 64 GiB of text" bash -c 'refused "$@"' - "$KPIC" import -o "$W/o.xml" tests/import/textbomb.ods
hostile_row "import: textbomb.xlsx, one shared string in 20,000 cells" bash -c 'refused "$@"' - "$KPIC" import -o "$W/o.xml" tests/import/textbomb.xlsx
hostile_row "import: attrbomb.ods, one tag of 20,000 attributes" bash -c 'refused "$@"' - "$KPIC" import -o "$W/o.xml" tests/import/attrbomb.ods
for n in 25000 50000 100000; do
	hostile_para "$n"
	hostile_row "pdf: a narrative paragraph of $n characters" "$KPIC" pdf -o "$W/o.pdf" "$W/para.xml"
done
rm -f "$W/attrs.xml" "$W/para.txt" "$W/para.xml"
# --- wide strategies: many 担当課, many goals -----------------------------------------
# The appendices look a 担当課's KPIs and a goal's counts up (xsl:key); a scan per
# department or per goal took 27 s for 5,000 departments and minutes for 20,000 goals.
echo
echo "Wide strategies (tests/bench/synth.awk depts=, goals=): one run each, seconds (peak MiB)"
printf '%-36s %14s %14s\n' "source" "html s (MiB)" "pdf s (MiB)"
for shape in "2000 5000 5" "20000 6 20000"; do
	read -r n d g <<<"$shape"
	awk -v n="$n" -v depts="$d" -v goals="$g" -f tests/bench/synth.awk >"$W/w.xml"
	printf '%-36s' "$n KPIs, $d departments, $g goals"
	for op in html pdf; do
		measure "$W/m" "$KPIC" "$op" -o "$W/w.$op" "$W/w.xml"
		printf ' %14s' "$(figure 'printf "%.2f (%.0f)", s, m / 1024')"
	done
	echo
	rm -f "$W/w.xml"
done

# --- many documents: kpic build against one process per document -----------------
limit=3600
echo
mkdir -p "$W/many"
for ((i = 1; i <= BATCH; i++)); do
	mkdir -p "$W/many/m$i"
	awk -v n=$((60 + i * 7 % 41)) -v seed="$i" -v city="合成市$i" -f tests/bench/synth.awk >"$W/many/m$i/strategy.xml"
done
single=$((BATCH < 20 ? BATCH : 20))
one_by_one() {
	local i
	for ((i = 1; i <= $1; i++)); do
		"$KPIC" html -o "$W/one.html" "$W/many/m$i/strategy.xml" && "$KPIC" pdf -o "$W/one.pdf" "$W/many/m$i/strategy.xml" || return 1
	done
}
export -f one_by_one
# docs_row LABEL N: the last measurement of N documents, its label naming its
# peak (PEAK in LABEL)
docs_row() {
	printf '%-48s %9s %9s %10s %9s\n' "${1/PEAK/$(figure 'printf "%.0f", m / 1024')}" "$2" "$(figure 'printf "%s", s')" \
		"$(figure 'printf "%.3f", s / n' "$2")" "$(figure 'printf "%.1f", n / s' "$2")"
}
jobs=$(nproc)
echo "Many municipal documents (synthetic, 60-100 KPIs each, HTML + PDF)"
printf '%-48s %9s %9s %10s %9s\n' "" "docs" "wall s" "s per doc" "docs/s"
measure "$W/m" bash -c "one_by_one $single"
docs_row "kpic html + kpic pdf, one process each" "$single"
measure "$W/m" "$KPIC" build -d "$W/many-out" $(for ((i = 1; i <= BATCH; i++)); do echo "$W/many/m$i/strategy.xml"; done)
docs_row "kpic build, one process (peak PEAK MiB)" "$BATCH"
rm -rf "$W/many-out"
measure "$W/m" "$KPIC" build -j "$jobs" -d "$W/many-out" $(for ((i = 1; i <= BATCH; i++)); do echo "$W/many/m$i/strategy.xml"; done)
docs_row "kpic build -j $jobs, $jobs processes (peak PEAK MiB each)" "$BATCH"
rm -rf "$W/many" "$W/many-out"

# t-pdf.sh - `kpic pdf`: the verification document as an A4 PDF.
#
# Everything is read back from the PDF with poppler-utils and qpdf, or from
# the layout engine's own boxes: the text a reader can search, the fonts, the
# structure, the pages, determinism.  The layout engine alone is tested in
# t-layout.sh; here the whole pipeline on the Abashiri source.
. tests/lib.sh
src=sources/abashiri/strategy.xml
pdf=$TMP/kensho.pdf
export SOURCE_DATE_EPOCH=1554076800     # 2019-04-01, the seed's as-of date

run_kpic pdf --boxes="$TMP/boxes.jsonl" -o "$pdf" "$src"
check "pdf: exit 0, no diagnostics" test "$RC" = 0 -a -z "$ERR"
[ -n "$ERR" ] && sed 's/^/    /' <<<"$ERR" | head -20
check "pdf: a PDF" test "$(head -c 5 "$pdf")" = "%PDF-"

# Text as a reader searches it: line breaks inside table cells do not count,
# so the comparison drops every blank and newline on both sides.
pdftotext -layout "$pdf" "$TMP/layout.txt"
tr -d ' \n\t\f' <"$TMP/layout.txt" >"$TMP/flat.txt"
flat() { printf '%s' "$1" | tr -d ' \n\t\f'; }
run_kpic eval --format=json "$src"
printf '%s' "$OUT" >"$TMP/eval.json"
missing=0
while IFS= read -r name; do
	grep -qF -- "$(flat "$name")" "$TMP/flat.txt" || { missing=$((missing + 1)); echo "    not in the PDF: $name"; }
done < <(jq -r '.kpis[].name' "$TMP/eval.json")
check "pdf: every KPI name in the text" test "$missing" = 0
# The charts' axes write large amounts as the document does (1億, 8,000万):
# no tick label of eight digits or more, and the 海外輸出量 その他農産物
# axis up to 1億.
pdftotext "$pdf" "$TMP/plain.txt"
check "pdf: no axis label written as 100,000,000 or 50,000,000" \
	bash -c '! grep -qE "^((20|40|50|60|80|100|150),000,000|1,[05]00,000,000)$" "$0"' "$TMP/plain.txt"
check "pdf: the 万 ticks of the 海外輸出量 その他農産物 axis are there" \
	test "$(grep -cxE "(2|4|6|8),000万" "$TMP/plain.txt")" -ge 4
while IFS= read -r reason; do
	check "pdf: the override's reason in the text" grep -qF -- "$(flat "$reason")" "$TMP/flat.txt"
done < <(jq -r '.kpis[] | select(.override != null) | .override.reason' "$TMP/eval.json")
check "pdf: a KPI table continued on the next page has its caption marked （続き）" \
	grep -qF '基本目標1のKPI（続き）' "$TMP/flat.txt"
check "pdf: 総数が64件 … 8件 … 56件" grep -qF "$(flat 総数が64件あり、このうち5つの基本目標に係るKPIが8件、その下の各施策に係るものが56件)" "$TMP/flat.txt"
check "pdf: 8本すべてが達成率80%以上" grep -qF 'KPIは8本すべてが達成率80%以上' "$TMP/flat.txt"
check "pdf: 56本中33本が達成率80%以上" grep -qF 'KPIは56本中33本が達成率80%以上' "$TMP/flat.txt"
sed 's|<p>全<count/>件</p>|<p>達成率<threshold/>以上、従業員<value kpi="k1" year="2015"/>で、<value kpi="k1" year="2015"/>人。達成率<threshold/>%。</p>|' \
	tests/fixtures/minimal.xml >"$TMP/inline.xml"
run_kpic pdf -o "$TMP/inline.pdf" "$TMP/inline.xml"
check "pdf: <threshold/> prints 80%, <value/> its unit, neither twice" \
	bash -c 'pdftotext "$0" - | tr -d " \n" | grep -qF "達成率80%以上、従業員90人で、90人。達成率80%。"' "$TMP/inline.pdf"
run_kpic pdf -o "$TMP/nogrants.pdf" tests/fixtures/minimal.xml
check "pdf: without grant tables the 担当課 appendix is 付録2 (no 付録3)" \
	bash -c 'pdftotext "$0" - | tr -d " " >"$0.txt"; grep -q "付録2担当課別の達成状況" "$0.txt" && ! grep -q "付録3" "$0.txt"' "$TMP/nogrants.pdf"
check "pdf: a value covering several years printed with its span, as the seed: (H20-24) 1.51" \
	bash -c 'grep -qF "合計特殊出生率(H20-24)1.51(1.64)(1.48)1.601.51(1.65)" "$0" && ! grep -qF "H241.51" "$0"' "$TMP/flat.txt"
check "pdf: a chart of several series has each series' target (健康寿命)" \
	bash -c 'grep -qF "目標（男性）79.34歳" "$0" && grep -qF "目標（女性）84.19歳" "$0"' "$TMP/flat.txt"
check "pdf: a provisional value's footnote says 未確定 once" \
	bash -c 'grep -qF "※1公共施設等の総面積の縮小：H30未確定(313千㎡)" "$0" && ! grep -qF "(313千㎡)（未確定）" "$0"' "$TMP/flat.txt"
for want in "1 10 1 9 8 0 8" "2 4 1 3 3 0 3" "3 6 1 5 1 0 1" "4 6 2 4 6 0 6" "5 15 3 12 5 0 5"; do
	g=${want%% *}
	got=$(awk -v g="〈基本目標$g." 'index($0, g) { n = 1; next }
		n && $1 ~ /^80%(以上|未満)$/ { out = out " " $2 " " $3 " " $4; if (++n > 2) exit }
		END { print substr(out, 2) }' "$TMP/layout.txt")
	check "pdf: goal $g count table reads as published" test "$g $got" = "$want"
done
check "pdf: no kanji extracted as Kangxi radicals" bash -c '! grep -qP "[\x{2F00}-\x{2FDF}]" "$0"' "$TMP/layout.txt"
check "pdf: era years and 万/億 as the seed writes them" grep -qF '141万5千人' "$TMP/flat.txt"

# The KPI rows appear in source order: each row's boxes carry the line of its
# <kpi> (src), so the first box of each KPI, in source order, must come later
# on the pages (page, then top to bottom) than the one before.
lines=$(grep -n '<kpi id=' "$src" | cut -d: -f1 | tr '\n' ' ')
check "pdf: 64 KPIs in the source" test "$(wc -w <<<"$lines")" = 64
unordered=$(jq -s --arg lines "$lines" '
	($lines | split(" ") | map(select(. != "") | tonumber)) as $ls
	| [ $ls[] as $l | [.[] | select(.src == $l)] | min_by([.page, .y]) | [.page, .y] ] as $pos
	| [range(1; $pos | length) | select($pos[.] < $pos[. - 1])] | length' "$TMP/boxes.jsonl")
check "pdf: the 64 KPI rows in source order" test "$unordered" = 0
for g in 1 2 3 4 5; do
	check "pdf: goal $g's table caption" grep -qF "基本目標${g}のKPI" "$TMP/flat.txt"
done

# A proper PDF.
pdfinfo "$pdf" >"$TMP/info.txt"
check "pdf: title" grep -q '^Title: *第1期「網走市まち・ひと・しごと創生総合戦略」検証$' "$TMP/info.txt"
check "pdf: author is the municipality" grep -q '^Author: *網走市$' "$TMP/info.txt"
check "pdf: creator is kpic and its version" grep -q "^Creator: *kpic $(build/kpic --version | awk '{print $2}')" "$TMP/info.txt"
check "pdf: creation date from SOURCE_DATE_EPOCH" grep -q '^CreationDate: *Mon Apr  1 00:00:00 2019' "$TMP/info.txt"
check "pdf: tagged" grep -q '^Tagged: *yes' "$TMP/info.txt"
pages=$(awk '/^Pages:/ {print $2}' "$TMP/info.txt")
check "pdf: more than 15 pages" test "${pages:-0}" -gt 15
pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ {print $4, $6}' >"$TMP/sizes.txt"
check "pdf: every page A4 (portrait or landscape)" \
	test "$(grep -cvE '^(595.276 841.89|841.89 595.276)$' "$TMP/sizes.txt")" = 0
check "pdf: the narrative portrait, the KPI appendix landscape" \
	test "$(head -1 "$TMP/sizes.txt")/$(tail -1 "$TMP/sizes.txt")" = "595.276 841.89/841.89 595.276"
pdffonts "$pdf" | tail -n +3 >"$TMP/fonts.txt"
check "pdf: fonts listed" test -s "$TMP/fonts.txt"
check "pdf: every font embedded and subset" \
	test "$(awk '$(NF-4) != "yes" || $(NF-3) != "yes"' "$TMP/fonts.txt" | wc -l)" = 0
check "pdf: qpdf --check finds no error" qpdf --check "$pdf"
qpdf --json --json-key=outlines "$pdf" >"$TMP/outlines.json" 2>/dev/null
check "pdf: the outline has the sections and each goal" \
	test "$(jq '[.. | objects | select(has("title")) | .title | select(test("^基本目標[1-5]$"))] | length' "$TMP/outlines.json")" = 5
check "pdf: the outline has 1 趣旨" \
	test "$(jq '[.. | objects | select(has("title")) | .title | select(startswith("1　趣旨"))] | length' "$TMP/outlines.json")" = 1

# Two builds with the same SOURCE_DATE_EPOCH are byte-identical.
run_kpic pdf -o "$TMP/again.pdf" "$src"
check "pdf: two builds are byte-identical" cmp -s "$pdf" "$TMP/again.pdf"

# No text outside the page margins, from the engine's own boxes.
check "pdf: the engine placed boxes on every page" \
	test "$(jq -s 'map(.page) | unique | length' "$TMP/boxes.jsonl")" = "$pages"
outside=$(jq -s '[.[] | select(.kind == "text" or .kind == "figure")
	| select(.x < .margin_left - 0.01 or .y < .margin_top - 0.01
	         or .x + .w > .page_w - .margin_right + 0.01 or .y + .h > .page_h - .margin_bottom + 0.01)] | length' \
	"$TMP/boxes.jsonl" 2>/dev/null)
check "pdf: no text or figure outside the margins" test "$outside" = 0

# Each chart draws its grid (grey #d9d9d9) as one stroke: per page, as many
# strokes in the grid's grey as figures.
pdf_ops "$pdf" | awk '
	$2 == "RG" { grid = $3 == "0.85098" && $4 == "0.85098" && $5 == "0.85098" }
	$2 == "S" && grid { c[$1]++ }
	END { for (p in c) print p, c[p] }' | sort -n >"$TMP/grids"
jq -r 'select(.kind == "figure") | .page' "$TMP/boxes.jsonl" | sort -n | uniq -c | awk '{ print $2, $1 }' >"$TMP/figures"
check "pdf: a chart's grid is one stroke ($(wc -l <"$TMP/figures") pages with charts)" \
	test -s "$TMP/figures" -a "$(cat "$TMP/grids")" = "$(cat "$TMP/figures")"

# Pages as images for a person to review.
if [ "${LABEL:-}" = plain ]; then
	rm -rf build/abashiri/pages && mkdir -p build/abashiri/pages
	pdftoppm -r 50 -png "$pdf" build/abashiri/pages/page
	check "pdf: every page rendered to build/abashiri/pages" test "$(ls build/abashiri/pages | wc -l)" = "$pages"
fi

# --format=xml gives the layout document, valid in the layout vocabulary.
run_kpic pdf --format=xml -o "$TMP/layout.xml" "$src"
check "pdf --format=xml: the layout document" bash -c 'xmllint --noout --relaxng templates/layout.rng "$0" 2>/dev/null' "$TMP/layout.xml"

# A failed run writes nothing and keeps the previous output.
printf 'previous\n' >"$TMP/keep.pdf"
sed 's|<value year="2015">90</value>|<value year="2015">9O</value>|' tests/fixtures/minimal.xml >"$TMP/bad.xml"
run_kpic pdf -o "$TMP/keep.pdf" "$TMP/bad.xml"
check "pdf: bad source: exit 1, previous output kept" test "$RC" = 1 -a "$(cat "$TMP/keep.pdf")" = previous
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl" && cp tests/html/passwd.xsl "$TMP/tpl/kensho-layout.xsl"
run_kpic pdf --templates="$TMP/tpl" -o "$TMP/keep.pdf" tests/fixtures/minimal.xml
check "pdf: hostile layout stylesheet: exit 2, refused, nothing written" \
	test "$RC" = 2 -a "$(cat "$TMP/keep.pdf")" = previous -a -n "$(grep "tried to read '/etc/passwd'" "$TMP/err")"
SOURCE_DATE_EPOCH=yesterday run_kpic pdf -o "$TMP/keep.pdf" tests/fixtures/minimal.xml
check "pdf: a bad SOURCE_DATE_EPOCH is a usage error" test "$RC" = 2 -a "$(cat "$TMP/keep.pdf")" = previous
done_testing

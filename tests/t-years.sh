# t-years.sh - the era fiscal years are written in (kpic-source(5), period
# era=): tests/fixtures/era.xml (FY2017-2021, across 2019-05-01) under each
# policy, its years read from the HTML and from the PDF's text.
. tests/lib.sh

# render ERA ASOF: $TMP/y.html and $TMP/y.txt (the PDF's text, no spaces).
render() {
	sed "s/ERA/$1/; s/ASOF/$2/" tests/fixtures/era.xml >"$TMP/y.xml"
	run_kpic html -o "$TMP/y.html" "$TMP/y.xml"
	check "$1 ($2): html" test "$RC" = 0
	run_kpic pdf -o "$TMP/y.pdf" "$TMP/y.xml"
	check "$1 ($2): pdf" test "$RC" = 0
	pdftotext "$TMP/y.pdf" - | tr -d ' \n' >"$TMP/y.txt"
}
# has ERA WHAT TEXT: TEXT is in both the HTML and the PDF's text.
has() {
	check "$1: html has $2" grep -qF "$3" "$TMP/y.html"
	check "$1: pdf has $2" grep -qF "$3" "$TMP/y.txt"
}
# lacks ERA WHAT TEXT: TEXT is in neither.
lacks() {
	check "$1: html lacks $2" sh -c '! grep -qF "$0" "$1"' "$3" "$TMP/y.html"
	check "$1: pdf lacks $2" sh -c '! grep -qF "$0" "$1"' "$3" "$TMP/y.txt"
}

# The default, as Abashiri: FY2019 by the era of its April 1.
render fiscal-year-start 2020-09-01
has start "narrative FY2019" "本書は平成31年度の実績"
has start "column FY2019" "H31年(度)"
has start "target FY2021" "目標値(R3)"
lacks start "R1" "R1年(度)"
sed 's/ era="ERA"//' tests/fixtures/era.xml | sed 's/ASOF/2020-09-01/' >"$TMP/d.xml"
run_kpic html -o "$TMP/d.html" "$TMP/d.xml"
check "no era= is fiscal-year-start" cmp -s "$TMP/d.html" "$TMP/y.html"

render fiscal-year-end 2020-09-01
has end "narrative FY2019" "本書は令和元年度の実績"
has end "column FY2019" "R1年(度)"
has end "FY2018 stays 平成" "H30年(度)"
lacks end "H31" "H31"

render as-of 2020-09-01
has "as-of 2020" "narrative FY2019" "本書は令和元年度の実績"
has "as-of 2020" "column FY2019" "R1年(度)"
has "as-of 2020" "FY2018 stays 平成" "H30年(度)"

# Written on 2019-04-01, before 令和: every year in 平成, the target H33.
render as-of 2019-04-01
has "as-of 2019" "column FY2019" "H31年(度)"
has "as-of 2019" "column FY2020" "H32年(度)"
has "as-of 2019" "target FY2021" "目標値(H33)"
lacks "as-of 2019" "令和" "R2"

render western 2020-09-01
has western "narrative FY2019" "本書は2019年度の実績"
has western "column FY2019" "2019年(度)"
has western "baseline" "基準値(2016)"
lacks western "era letters" "H30"

# kpic eval's text names the period under the policy too.
run_kpic eval "$TMP/y.xml"
check "western: eval's period" grep -qF "期間 2017–2021" "$TMP/out"

# Several evaluation years: sources/soyokaze evaluated as of each year its
# data covers (kpic eval --year), and its 前年度評価 column (show-previous).
soy=sources/soyokaze/strategy.xml
counts() {
	run_kpic eval --year="$1" --format=json "$soy"
	check "soyokaze --year=$1: exit 0" test "$RC" = 0
	check "soyokaze --year=$1: year, A/B/C and 「-」 counts" test \
		"$(jq -c '[.year, .totals.all.grades.a, .totals.all.grades.b, .totals.all.grades.c, .totals.all.states.unpublished]' "$TMP/out")" = "$2"
}
counts 2020 '[2020,3,3,2,2]'
counts R3 '[2021,2,4,2,2]'
counts 令和4年度 '[2022,3,3,2,2]'
run_kpic eval --year=2021 --format=json "$soy"
check "soyokaze 2021: g1-workers against its 2021 目安値" test \
	"$(jq -r '.kpis[] | select(.id == "g1-workers") | "\(.series[0].latest.year) \(.grade)"' "$TMP/out")" = "2021 b"
run_kpic eval --format=json "$soy"
check "soyokaze without --year: no year, the latest actuals" test \
	"$(jq -r '"\(.year) " + (.kpis[] | select(.id == "g1-workers") | "\(.series[0].latest.year) \(.grade)")' "$TMP/out")" = "null 2022 a"
run_kpic eval --year=2015x "$soy"
check "--year=2015x: a usage error" test "$RC" = 2
run_kpic eval --format=xml "$soy"
check "enriched XML: a KPI's previous grade and its mark" grep -q '<r:previous r:year="2021" r:grade="b" r:symbol="B"/>' "$TMP/out"
run_kpic html -o "$TMP/s.html" "$soy"
check "soyokaze html: the column 前年度評価" grep -q '<th scope="col">前年度評価</th>' "$TMP/s.html"
check "soyokaze html: g1-workers B in 2021, A now" grep -q '<td class="mark previous" data-label="前年度評価">B</td><td class="mark met" data-label="判定">A</td>' "$TMP/s.html"
run_kpic pdf -o "$TMP/s.pdf" "$soy"
pdftotext -layout "$TMP/s.pdf" - >"$TMP/s.txt"
check "soyokaze pdf: the column 前年度評価" grep -q "達成率 *前年度評価 *判定" "$TMP/s.txt"
pdftotext "$TMP/s.pdf" - | tr -d ' \n' >"$TMP/s.flat"
check "soyokaze pdf: g1-workers B in 2021, A now" grep -qE "5,300人（R4年度目標 5,240人） +100\.2% +B +A" "$TMP/s.txt"
check "soyokaze pdf: g1-seminar C both years" grep -qE "69\.2% +C +C" "$TMP/s.txt"
# a later document (era="as-of", written 2023-09-01) calls FY2019 令和元年度:
# the baseline is R1 in the tables and the text report, never H31
check "soyokaze html: the baseline column is R1" grep -q '<th scope="col" class="extra">基準値(R1)</th>' "$TMP/s.html"
check "soyokaze html: no H31 or 平成31" bash -c '! grep -q "H31\|平成31" "$0"' "$TMP/s.html"
check "soyokaze pdf: the baseline column is R1" grep -q "基準値(R1)" "$TMP/s.flat"
check "soyokaze pdf: no H31 or 平成31" bash -c '! grep -q "H31\|平成31" "$0"' "$TMP/s.flat"
run_kpic eval "$soy"
check "soyokaze text: the baseline R1" grep -q '^期間 R2–R6（2020–2024年度）、基準値 R1、' "$TMP/out"
# <year-counts>: a column group per year, each year's counts as --year's.
check "soyokaze html: year-counts heads R2 R3 R4" grep -q '<th scope="colgroup" colspan="4">R2年度</th><th scope="colgroup" colspan="4">R3年度</th><th scope="colgroup" colspan="4">R4年度</th>' "$TMP/s.html"
check "soyokaze html: year-counts totals of 2020, 2021, 2022" grep -q '<tr class="total"><th scope="row">合計</th><td>3</td><td>3</td><td>2</td><td>2</td><td>2</td><td>4</td><td>2</td><td>2</td><td>3</td><td>3</td><td>2</td><td>2</td></tr>' "$TMP/s.html"
check "soyokaze pdf: year-counts heads" grep -q "R2年度 *R3年度 *R4年度" "$TMP/s.txt"
check "soyokaze pdf: year-counts totals" grep -qE "合計 +3 +3 +2 +2 +2 +4 +2 +2 +3 +3 +2 +2$" "$TMP/s.txt"
check "soyokaze pdf: goal 2 across the years" grep -qE "基本目標2 +1 +2 +1 +1 +1 +3 +0 +1 +1 +2 +1 +1$" "$TMP/s.txt"
# from= and to= choose the years: 2021 alone, its counts those of 2021
sed 's|<year-counts>|<year-counts from="2021" to="2021">|' "$soy" >"$TMP/yc.xml"
run_kpic html -o "$TMP/yc.html" "$TMP/yc.xml"
check "year-counts from=2021 to=2021: one column group" grep -q '<th scope="col" rowspan="2">基本目標</th><th scope="colgroup" colspan="4">R3年度</th></tr>' "$TMP/yc.html"
check "year-counts from=2021 to=2021: 2021's totals" grep -q '<tr class="total"><th scope="row">合計</th><td>2</td><td>4</td><td>2</td><td>2</td></tr>' "$TMP/yc.html"
sed 's|<year-counts>|<year-counts from="2021" to="2030">|' "$soy" >"$TMP/yc2.xml"
run_kpic check "$TMP/yc2.xml"
check "year-counts to= after the period: year-counts-outside-period" grep -q 'to="2030"> is outside the period 2020–2024.*\[year-counts-outside-period\]' "$TMP/err"
# Free-text columns (meta text-columns, a KPI's <text column=>): JSON, HTML
# as secondary columns in the declared order, the PDF's KPI table.
run_kpic eval --format=json "$soy"
check "soyokaze json: g1-workers' texts" test "$(jq -r '.kpis[] | select(.id == "g1-workers") | .texts | "\(.factors)|\(.next)"' "$TMP/out")" = \
	"町内企業の増設により就業者が増えた。|若年層の町内就職を企業と連携して促す。"
check "soyokaze json: a KPI without texts" test "$(jq -c '.kpis[] | select(.id == "g1-product") | .texts' "$TMP/out")" = "{}"
check "soyokaze html: the columns' heads, in order, secondary" grep -q '<th scope="col" class="extra">担当課</th><th scope="col" class="extra">要因分析</th><th scope="col" class="extra">今後の取組</th>' "$TMP/s.html"
check "soyokaze html: g1-workers' 要因分析" grep -q '<td class="text extra" data-label="要因分析">町内企業の増設により就業者が増えた。</td><td class="text extra" data-label="今後の取組">若年層の町内就職を企業と連携して促す。</td>' "$TMP/s.html"
pdftotext "$TMP/s.pdf" - | tr -d ' \n' >"$TMP/s.flat"
check "soyokaze pdf: the columns' heads" grep -q "担当課要因分析今後の取組" "$TMP/s.flat"
check "soyokaze pdf: g1-workers' 今後の取組" grep -q "若年層の町内就職を企業と連携して促す。" "$TMP/s.flat"
run_kpic eval --format=json sources/abashiri/strategy.xml
check "abashiri json: no texts" sh -c '! grep -q "\"texts\"" "$0"' "$TMP/out"
run_kpic html -o "$TMP/a.html" sources/abashiri/strategy.xml
check "abashiri html: no 前年度評価" sh -c '! grep -q 前年度評価 "$0"' "$TMP/a.html"

done_testing

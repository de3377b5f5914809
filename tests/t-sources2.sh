# t-sources2.sh - two bundled sources of fictitious municipalities on two
# schemes of the survey: sources/hibarino (A–D at 120/100/70 % against the
# target due by the evaluated year, 再掲, 事業終了 and 調査中 kept out of the
# counts) and sources/soyokaze (A/B/C against each year's 目安値, 「-」 for
# statistics not yet published, a 2nd period R2–R6).  Every expected count
# below was computed by hand from the sources' figures.
. tests/lib.sh

# json FILE JQ: a value of an eval JSON
json() { jq -r "$2" "$1"; }

# edit SRC KPI YEAR VALUE OUT: SRC with one value of KPI changed
edit() {
	awk -v k="$2" -v y="$3" -v v="$4" '
		index($0, "<kpi id=\"" k "\"") { in_k = 1 }
		in_k && index($0, "<value year=\"" y "\"") { sub(/>[^<]*</, ">" v "<") }
		in_k && index($0, "</kpi>") { in_k = 0 }
		{ print }' "$1" >"$5"
}

# common NAME: check, HTML, PDF and draft of sources/NAME
common() {
	src=sources/$1/strategy.xml
	run_kpic check "$src"
	check "$1: check is clean (its published counts per grade hold)" test "$RC" = 0 -a -z "$ERR"
	run_kpic html -o "$TMP/$1.html" "$src"
	check "$1 html: written" test "$RC" = 0 -a -s "$TMP/$1.html"
	sed 's/<[^>]*>/ /g' "$TMP/$1.html" | tr -s ' \n' ' ' >"$TMP/$1.html.txt"
	run_kpic pdf -o "$TMP/$1.pdf" "$src"
	check "$1 pdf: written" test "$RC" = 0 -a -s "$TMP/$1.pdf"
	pdftotext "$TMP/$1.pdf" - | tr -d ' \n' >"$TMP/$1.pdf.txt"
	run_kpic draft -o "$TMP/$1-draft.xml" "$src"
	check "$1 draft: written" test "$RC" = 0 -a -s "$TMP/$1-draft.xml"
	run_kpic check -Wno-draft-placeholder "$TMP/$1-draft.xml"
	check "$1 draft: checks ($ERR)" test "$RC" = 0
	run_kpic eval --format=json "$src"
	cp "$TMP/out" "$TMP/$1.json"
}
has() { grep -qF -- "$2" "$1"; }

# ------------------------------------------------ sources/hibarino (A–D)
# rate-against="year": the latest actual (2023) against the target due by
# 2023, the <yearly-target> where declared, else pro-rated over 2020–2025:
#   g1-jobs:     21000 + (22000 - 21000) x 3/5 = 21600; 21550 / 21600 = 99.8% → C
#   g1-startups: declared 16 for 2023; 20 / 16 = 125.0% → A
#   g2-waiting (lower): 20 + (0 - 20) x 3/5 = 8; 8 / 6 = 133.3% → A
#   g3-vacant:   declared 11 for 2023; 7 / 11 = 63.6% → D
# g1-festival is 事業終了 (state="ended"), g2-satisfaction has no actual
# (調査中): neither counts; the two 再掲 rows of goal 3 are not counted again.
common hibarino
j=$TMP/hibarino.json
counts() { json "$j" "$1 | \"\(.grades.a) \(.grades.b) \(.grades.c) \(.grades.d) \(.states.ended) \(.states.survey) \(.total)\""; }
# where: A B C D 事業終了 調査中 total
while read -r where a b c d ended survey total; do
	check "hibarino: $where: A$a B$b C$c D$d 事業終了$ended 調査中$survey, total $total" \
		test "$(counts "$where")" = "$a $b $c $d $ended $survey $total"
done <<'TABLE'
.totals.all 3 3 3 2 1 1 11
.totals.goal 0 1 2 0 0 0 3
.totals.measure 3 2 1 2 1 1 8
.goals[0].counts.all 1 1 2 0 1 0 4
.goals[0].counts.goal 0 0 1 0 0 0 1
.goals[0].counts.measure 1 1 1 0 1 0 3
.goals[1].counts.all 1 1 1 0 0 1 3
.goals[1].counts.goal 0 0 1 0 0 0 1
.goals[1].counts.measure 1 1 0 0 0 1 2
.goals[2].counts.all 1 1 0 2 0 0 4
.goals[2].counts.goal 0 1 0 0 0 0 1
.goals[2].counts.measure 1 0 0 2 0 0 3
TABLE
check "hibarino: met is A and B (achieved)" test "$(json "$j" '"\(.totals.all.met)/\(.totals.all.not_met)"')" = 6/5
check "hibarino: rates and grades against the year's target" test "$(json "$j" \
	'[.kpis[] | select(.id == ("g1-jobs", "g1-startups", "g2-waiting", "g3-vacant")) | "\(.id)=\(.rate):\(.grade)"] | join(" ")')" = \
	"g1-jobs=99.7685:c g1-startups=125:a g2-waiting=133.3333:a g3-vacant=63.6364:d"
check "hibarino: 事業終了 and 調査中 have no grade" test "$(json "$j" \
	'[.kpis[] | select(.state != null) | "\(.id)=\(.state):\(.grade)"] | join(" ")')" = \
	"g1-festival=ended:null g2-satisfaction=survey:null"
h=$TMP/hibarino.html.txt
check "hibarino html: the legend of each grade and state" has "$h" \
	"達成率が120%以上のものを「A」、達成率が100%以上120%未満のものを「B」、達成率が70%以上100%未満のものを「C」、達成率が70%未満のものを「D」とする。事業終了のものは「事業終了」とし、件数に含めない。調査中のものは「調査中」とし、件数に含めない。"
check "hibarino html: grade symbols in the KPI table" has "$h" "21,550人 （R5） 22,000人（R5年度目標 21,600人） 99.8% C"
check "hibarino html: the A and D marks" bash -c 'grep -qF "125.0% A" "$0" && grep -qF "63.6% D" "$0" && grep -qF "87.1% 事業終了" "$0"' "$h"
check "hibarino html: the narrative counts" has "$h" "評価したKPI11件のうち、「A」は3件、「B」は3件、「C」は3件、「D」は2件であった。このほか事業終了が1件、調査中が1件ある。"
# the trend chart of a KPI out of the scale says its state, not 未達
check "hibarino html: the 事業終了 KPI's chart text says 事業終了" has "$h" \
	"ひばり野まつり補助事業の参加者数の推移。基準値 500人（R2）、最新値 540人（R4）、目標値 800人（R7）。達成率 87.1%、事業終了。"
check "hibarino html: met is 100%以上, where B (a cut at 100) ends it" has "$h" \
	"達成率100%以上のものは6件（基本目標1/3件、各施策5/8件）"
check "hibarino html: the 再掲 rows" test "$(grep -o '（再掲）' "$TMP/hibarino.html" | wc -l)" -ge 2
check "hibarino pdf: the count table" has "$TMP/hibarino.pdf.txt" \
	"基本目標全KPI120%以上100%以上120%未満70%以上100%未満70%未満事業終了調査中"
check "hibarino pdf: the totals row" has "$TMP/hibarino.pdf.txt" "合計113332111／35／8"

# kpic diff: 新規就農者数 2023 6 → 5: 5 / 6 (pro-rated 3 + 5 x 3/5) = 83.3%,
# B → C, and B is achieved, C is not: achievement-flipped
edit sources/hibarino/strategy.xml g1-farmers 2023 5 "$TMP/farmers.xml"
sed -i 's|<count grade="b">3</count>|<count grade="b">2</count>|; s|<count grade="c">3</count>|<count grade="c">4</count>|' "$TMP/farmers.xml"
run_kpic diff --format=json sources/hibarino/strategy.xml "$TMP/farmers.xml"
check "hibarino diff: exit 1 (changes)" test "$RC" = 1
check "hibarino diff: B → C on 新規就農者数 flips the achievement" test "$(printf '%s' "$OUT" | jq -r \
	'[.changes[] | select(.kind == "achievement-flipped" or .kind == "grade-changed") | "\(.kind) \(.id) \(.name)"] | join(";")')" = \
	"achievement-flipped g1-farmers 新規就農者数"
run_kpic diff sources/hibarino/strategy.xml "$TMP/farmers.xml"
check "hibarino diff: counts per grade before → after" has "$TMP/out" "評価別  A 3、B 3 → 2、C 3 → 4、D 2"

# ------------------------------------------------ sources/soyokaze (A/B/C)
# every KPI has a 目安値 for each year; the latest actual (2022) against
# 2022's 目安値:
#   g1-workers: 5250 / 5240 = 100.2% → A
#   g2-waiting (lower): 目安値 2 / actual 3 = 66.7% → C
# g1-product and g2-tfr have only unpublished values: 「-」, not counted;
# the 再掲 row in goal 2 is not counted again.
common soyokaze
j=$TMP/soyokaze.json
counts() { json "$j" "$1 | \"\(.grades.a) \(.grades.b) \(.grades.c) \(.states.unpublished) \(.total)\""; }
# where: A B C - total
while read -r where a b c dash total; do
	check "soyokaze: $where: A$a B$b C$c -$dash, total $total" test "$(counts "$where")" = "$a $b $c $dash $total"
done <<'TABLE'
.totals.all 3 3 2 2 8
.totals.goal 1 1 0 2 2
.totals.measure 2 2 2 0 6
.goals[0].counts.all 2 1 1 1 4
.goals[0].counts.goal 1 0 0 1 1
.goals[0].counts.measure 1 1 1 0 3
.goals[1].counts.all 1 2 1 1 4
.goals[1].counts.goal 0 1 0 1 1
.goals[1].counts.measure 1 1 1 0 3
TABLE
check "soyokaze: rates against 2022's 目安値" test "$(json "$j" \
	'[.kpis[] | select(.id == ("g1-workers", "g2-waiting")) | "\(.id)=\(.rate):\(.grade)"] | join(" ")')" = \
	"g1-workers=100.1908:a g2-waiting=66.6667:c"
check "soyokaze: unpublished statistics are 「-」 without a grade" test "$(json "$j" \
	'[.kpis[] | select(.state != null) | "\(.id)=\(.state):\(.grade)"] | join(" ")')" = \
	"g1-product=unpublished:null g2-tfr=unpublished:null"
s=$TMP/soyokaze.html.txt
check "soyokaze html: the legend of each grade and of 「-」" has "$s" \
	"当該年度の目安値を達成したものを「A」、目安値の80%以上100%未満のものを「B」、目安値の80%未満のものを「C」とする。統計未公表のものは「-」とし、件数に含めない。"
check "soyokaze html: grade symbols in the KPI table" has "$s" "5,250人 （R4） 5,300人（R4年度目標 5,240人） 100.2% B A"
check "soyokaze html: 「-」 in the 判定 column" has "$s" "820億円 — — — — 870億円 - "
check "soyokaze html: the period in 令和" has "$s" "令和2年度から令和6年度までを期間とする第2期総合戦略"
check "soyokaze html: the narrative counts" has "$s" "評価したKPI8件のうち、「A」は3件、「B」は3件、「C」は2件であった。統計が未公表の「-」は2件である。"
check "soyokaze html: the 再掲 row" has "$s" "ふるさと納税の寄附件数 （再掲） 基本目標1に掲載"
check "soyokaze pdf: the count table" has "$TMP/soyokaze.pdf.txt" \
	"基本目標全KPI目安値以上目安値の80%以上目安値の80%未満統計未公表うち基本目標のKPI（目安値以上／計）うち各施策のKPI（目安値以上／計）基本目標1421111／11／3基本目標2412110／11／3合計833221／22／6"

# kpic diff: 地域サロンの参加者数 2022 730 → 650: 650 / 860 = 75.6%, B → C,
# both not achieved: grade-changed
edit sources/soyokaze/strategy.xml g2-salon 2022 650 "$TMP/salon.xml"
sed -i 's|<count grade="b">3</count>|<count grade="b">2</count>|; s|<count grade="c">2</count>|<count grade="c">3</count>|' "$TMP/salon.xml"
run_kpic diff --format=json sources/soyokaze/strategy.xml "$TMP/salon.xml"
check "soyokaze diff: exit 1 (changes)" test "$RC" = 1
check "soyokaze diff: B → C on 地域サロンの参加者数 is grade-changed" test "$(printf '%s' "$OUT" | jq -r \
	'[.changes[] | select(.kind == "achievement-flipped" or .kind == "grade-changed") | "\(.kind) \(.id) \(.before.text) \(.after.text)"] | join(";")')" = \
	"grade-changed g2-salon B（84.9%） C（75.6%）"

done_testing

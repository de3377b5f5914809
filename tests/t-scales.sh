# t-scales.sh - grade scales declared in the source (<evaluation><scale>):
# the grade each rule gives, the threshold= shorthand, given grades, states,
# what the rate is computed against, and the counts per grade.
. tests/lib.sh
fx=tests/scales

# grades of the enriched XML: "kpi-id:grade" per KPI, then scale:grade pairs
like_err() { printf '%s' "$ERR" | grep -qF -- "$1"; }

grades() {
	xmllint --xpath '//*[local-name()="kpi"]/*[local-name()="result"]' "$1" 2>/dev/null |
		sed 's/<r:result /\n&/g' | sed -n 's/.*r:n="\([0-9]*\)".*r:grade="\([^"]*\)".*/\1:\2/p' | tr '\n' ' '
}

run_kpic check "$fx/grades.xml"
check "grades: the source checks" test "$RC" = 0 -a -z "$ERR"
run_kpic eval --format=xml -o "$TMP/grades.xml" "$fx/grades.xml"
# 100% ◎ (at or above 100), 96 and 95 ○ (within 5 of 100), 94 and 51 △
# (above 50), 50 × (not above 50), 58 △
is_grades=$(grades "$TMP/grades.xml")
check "grades: cuts, equal band, otherwise ($is_grades)" test "$is_grades" = "1:a 2:b 3:b 4:c 5:c 6:d 7:c "
other=$(xmllint --xpath '//*[local-name()="result"]/*[local-name()="grade"]/@*[local-name()="ref"]' "$TMP/grades.xml" | tr -d ' \n')
check "grades: baseline within 5% is same, given grade is the latest year's ($other)" \
	test "$other" = 'r:ref="up"r:ref="up"r:ref="up"r:ref="up"r:ref="down"r:ref="down"r:ref="same"r:ref="fair"'
check "grades: ○ counts as met by achieved=yes" test "$(grep -c 'r:met="yes"' "$TMP/grades.xml")" -ge 3

run_kpic html -o "$TMP/grades.html" "$fx/grades.xml"
check "grades html: the other scales' grades beside the mark" \
	bash -c 'sed "s/<[^>]*>/ /g" "$0" | tr -s " \n" " " | grep -qF "58.0% △（基準値との比較：→）（委員会の意見：B）"' "$TMP/grades.html"

# threshold="80" is the two-grade scale: Abashiri's explicit scale gives the
# same outputs as the shorthand
sed 's|<evaluation primary="achieve" combine="best" provisional="no">|<evaluation threshold="80" combine="best" provisional="no">|; /<scale id="achieve"/,/<\/scale>/d' \
	sources/abashiri/strategy.xml >"$TMP/short.xml"
check "threshold shorthand: the copy has no scale" test "$(grep -c '<scale' "$TMP/short.xml")" = 0
run_kpic eval --format=json sources/abashiri/strategy.xml; cp "$TMP/out" "$TMP/explicit.json"
run_kpic eval --format=json "$TMP/short.xml"; cp "$TMP/out" "$TMP/short.json"
# the same but for the scale's id and its labels' source
nosc='del(.scales, .primary_scale) | .kpis[].grades = null'
check "threshold shorthand: same JSON as the explicit two-grade scale" \
	test "$(jq -c "$nosc" "$TMP/explicit.json")" = "$(jq -c "$nosc" "$TMP/short.json")"
check "threshold shorthand: grade ids met / not-met" \
	test "$(jq -c '.totals.all.grades' "$TMP/short.json")" = '{"met":41,"not-met":23}'
run_kpic html -o "$TMP/short.html" "$TMP/short.xml"
run_kpic html -o "$TMP/explicit.html" sources/abashiri/strategy.xml
check "threshold shorthand: same HTML as the explicit scale" cmp -s "$TMP/short.html" "$TMP/explicit.html"
check "threshold shorthand: threshold 80" test "$(jq .threshold "$TMP/short.json")" = 80
run_kpic eval "$TMP/short.xml"; cp "$TMP/out" "$TMP/short.txt"
run_kpic eval sources/abashiri/strategy.xml
check "threshold shorthand: same text report" test "$OUT" = "$(cat "$TMP/short.txt")"

# rate-against: final 80/100; the year's target pro-rated 60 + 40 x 3/5 = 84
# (80/84); declared 90 for 2017 (80/90); progress (80-60)/(100-60); lower:
# (70-100)/(50-100) = 60%, and pro-rated 100 - 50 x 3/5 = 70 against 70.
run_kpic eval --format=json "$fx/against.xml"
rates=$(printf '%s' "$OUT" | jq -r '[.kpis[] | "\(.id)=\(.rate)"] | join(" ")')
check "rate-against: final, year (pro-rated, declared), progress ($rates)" test "$rates" = \
	"final=80 prorated=95.2381 declared=88.8889 progress=50 progress-lower=60 prorated-lower=100 progress-flat=null"
check "rate-against: a target equal to the baseline has no progress" \
	like_err "equals its baseline, so progress (actual - baseline) / (target - baseline) is undefined"
check "rate-against: a flat target reached is met" \
	test "$(printf '%s' "$OUT" | jq -r '.kpis[] | select(.id == "progress-flat") | .met')" = true

# the year's target a rate was measured against, from the evaluation (the
# enriched XML), printed beside the final target in the HTML and the PDF;
# none for a rate against the final target or progress
run_kpic eval --format=xml "$fx/against.xml"
yt=$(printf '%s' "$OUT" | xmllint --xpath '//*[local-name()="target"][@*[local-name()="year-target-text"]]' - 2>/dev/null |
	sed 's/.*r:year-target-text="\([^"]*\)" r:year-target-era="\([^"]*\)" r:year-target-year="[0-9]*" r:year-target-kind="\([a-z-]*\)".*/\1 \2 \3/' | tr '\n' ,)
check "year target: enriched, declared and pro-rated ($yt)" test "$yt" = "84人 H29 pro-rated,90人 H29 declared,70人 H29 pro-rated,"
run_kpic html -o "$TMP/against.html" "$fx/against.xml"
check "year target html: pro-rated beside the final target" grep -qF '>100人（H29年度目標 84人）</td>' "$TMP/against.html"
check "year target html: declared" grep -qF '>100人（H29年度目標 90人）</td>' "$TMP/against.html"
check "year target html: lower, pro-rated" grep -qF '>50人（H29年度目標 70人）</td>' "$TMP/against.html"
check "year target html: three in all (not for final or progress)" test "$(grep -o '年度目標 ' "$TMP/against.html" | wc -l)" = 3
run_kpic pdf -o "$TMP/against.pdf" "$fx/against.xml"
pdftotext "$TMP/against.pdf" - | tr -d ' \n' >"$TMP/against.txt"
check "year target pdf: pro-rated and declared" \
	bash -c 'grep -qF "100人（H29年度目標84人）" "$0" && grep -qF "100人（H29年度目標90人）" "$0" && grep -qF "50人（H29年度目標70人）" "$0"' "$TMP/against.txt"

# ---------------------------------------------- sources/mirai (fictitious)
# ◎ 目標値以上, ○ within 5 points of 100% (95% exactly included), △ 50%以上,
# × 50%未満, 評価なし for the KPI without a target, kept out of the counts.
src=sources/mirai/strategy.xml
run_kpic check "$src"
check "mirai: check is clean (its published counts per grade hold)" test "$RC" = 0 -a -z "$ERR"
run_kpic eval --format=json "$src"; cp "$TMP/out" "$TMP/mirai.json"
mq() { jq -r "$1" "$TMP/mirai.json"; }
counts() { mq "$1 | \"\(.grades.a) \(.grades.b) \(.grades.c) \(.grades.d) \(.states.none) \(.total)\""; }
# where: a b c d 評価なし total
while read -r where a b c d none total; do
	check "mirai: $where: ◎$a ○$b △$c ×$d 評価なし$none, total $total" test "$(counts "$where")" = "$a $b $c $d $none $total"
done <<'TABLE'
.totals.all 3 2 1 1 1 7
.totals.goal 1 1 0 0 0 2
.totals.measure 2 1 1 1 1 5
.goals[0].counts.all 2 0 1 1 1 4
.goals[0].counts.goal 1 0 0 0 0 1
.goals[0].counts.measure 1 0 1 1 1 3
.goals[1].counts.all 1 2 0 0 0 3
.goals[1].counts.goal 0 1 0 0 0 1
.goals[1].counts.measure 1 1 0 0 0 2
TABLE
check "mirai: met counts ◎ and ○ (achieved)" test "$(mq .totals.all.met)/$(mq .totals.all.not_met)" = 5/2
check "mirai: 95% exactly is ○" test "$(mq '.kpis[] | select(.id == "g2-checkup") | "\(.rate) \(.grade)"')" = "95 b"
check "mirai: 50% boundary: 48.3% is ×" test "$(mq '.kpis[] | select(.id == "g1-sales") | .grade')" = d
check "mirai: no target is 評価なし, without a grade" \
	test "$(mq '.kpis[] | select(.id == "g1-startups") | "\(.state) \(.grade)"')" = "none null"
run_kpic eval "$src"
check "mirai: text report marks ○ and 評価なし" bash -c 'grep -q "95.0%  ○" "$0" && grep -q "—  評価なし" "$0"' "$TMP/out"

# the document renders: counts tables and legends from the scale
run_kpic html -o "$TMP/mirai.html" "$src"
check "mirai html: written" test "$RC" = 0 -a -s "$TMP/mirai.html"
txt=$(sed 's/<[^>]*>/ /g' "$TMP/mirai.html" | tr -s ' \n' ' ')
check "mirai html: the goal table has a row per grade and 評価なし" \
	bash -c 'printf "%s" "$0" | grep -qF "目標値以上 2 1 1 目標値と同等 0 0 0 50%以上 1 0 1 50%未満 1 0 1 合計 4 1 3 評価なし 1 0 1"' "$txt"
check "mirai html: the legend sentence says each grade's legend and symbol" \
	bash -c 'printf "%s" "$0" | grep -qF "目標値を達成したものを「◎」、目標値にほぼ達したもの（達成率95%以上）を「○」"' "$txt"
check "mirai html: the narrative counts by grade" \
	bash -c 'printf "%s" "$0" | grep -qF "「◎」は3件、「○」は2件、「△」は1件、「×」は1件であった。評価なしは1件"' "$txt"
check "mirai html: the met KPIs named by their grades, met ending at no cut" \
	bash -c 'printf "%s" "$0" | grep -qF "評価が「目標値以上」「目標値と同等」のものは5件（基本目標2/2件、各施策3/5件）"' "$txt"
check "mirai html: FY2019 is R1 (era=as-of, a document of 2024), never H31" \
	bash -c 'grep -qF "基準値(R1)" "$0" && ! grep -q "H31\|平成31" "$0"' "$TMP/mirai.html"
check "mirai html: no template wrote 80" bash -c '! grep -q "80%" "$0"' "$TMP/mirai.html"
if [ -x build/browser/node_modules/.bin/html-validate ]; then
	tests/browser/validate.sh "$TMP/mirai.html" >"$TMP/hv.txt" 2>&1
	check "mirai html: passes html-validate" test $? = 0
fi
run_kpic pdf -o "$TMP/mirai.pdf" "$src"
check "mirai pdf: written" test "$RC" = 0 -a -s "$TMP/mirai.pdf"
pdftotext "$TMP/mirai.pdf" - | tr -d ' \n' >"$TMP/mirai.txt"
check "mirai pdf: the goal summary has a column per grade and 評価なし" \
	grep -qF "目標値以上目標値と同等50%以上50%未満評価なし" "$TMP/mirai.txt"
check "mirai pdf: the marks ◎ ○ △ × 評価なし" bash -c 'for m in ◎ ○ △ × 評価なし; do grep -qF "$m" "$0" || exit 1; done' "$TMP/mirai.txt"

# kpic draft carries the scale and the states into the next period
run_kpic draft -o "$TMP/mirai-draft.xml" "$src"
check "mirai draft: carries the scale" test "$(grep -c '<grade id=' "$TMP/mirai-draft.xml")" = 4
run_kpic check -Wno-draft-placeholder "$TMP/mirai-draft.xml"
check "mirai draft: checks" test "$RC" = 0

# kpic diff: a copy with one changed value reports the grade change and the
# counts per grade before and after
edit() {   # edit KPI YEAR VALUE OUT: the source with one value changed
	awk -v k="$1" -v y="$2" -v v="$3" '
		index($0, "<kpi id=\"" k "\"") { in_k = 1 }
		in_k && index($0, "<value year=\"" y "\"") { sub(/>[^<]*</, ">" v "<") }
		in_k && index($0, "</kpi>") { in_k = 0 }
		{ print }' "$src" >"$4"
}
# ○ 96% → △ 90%: met flips; the published counts follow
edit g2-births 2023 45 "$TMP/births.xml"
sed -i 's|<count grade="b">2</count>|<count grade="b">1</count>|; s|<count grade="c">1</count>|<count grade="c">2</count>|' "$TMP/births.xml"
run_kpic diff "$src" "$TMP/births.xml"
check "mirai diff: exit 1 (changes)" test "$RC" = 1
check "mirai diff: ○ → △ with the rates" bash -c 'grep -qF "達成状況の変化  ○（96.0%） → △（90.0%）" "$0"' "$TMP/out"
check "mirai diff: counts per grade before → after" bash -c 'grep -qF "評価別  ◎ 3、○ 2 → 1、△ 1 → 2、× 1" "$0"' "$TMP/out"
check "mirai diff: met counts by the achieved grades' labels" \
	bash -c 'grep -qF "KPI 7件、目標値以上・目標値と同等 5件 → 4件" "$0"' "$TMP/out"
# ◎ 104.4% → ○ 97.8%: still met, a grade-changed
edit g1-visitors 2023 440 "$TMP/visitors.xml"
sed -i 's|<count grade="a">3</count>|<count grade="a">2</count>|; s|<count grade="b">2</count>|<count grade="b">3</count>|' "$TMP/visitors.xml"
run_kpic diff --format=json "$src" "$TMP/visitors.xml"
check "mirai diff: ◎ → ○ is grade-changed, not achievement-flipped" \
	test "$(printf '%s' "$OUT" | jq -c '.kinds')" = '{"actual-revised":1,"grade-changed":1}'
check "mirai diff: grade-changed raw grade ids and marks" \
	test "$(printf '%s' "$OUT" | jq -r '.changes[] | select(.kind == "grade-changed") | "\(.before.raw) \(.after.raw) \(.before.text) \(.after.text)"')" = "a b ◎（104.4%） ○（97.8%）"

done_testing

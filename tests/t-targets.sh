# t-targets.sh - targets beyond a number: cumulative (累計) KPIs, relative
# targets (以上, 維持, 延伸, 前年を上回る, 全国平均を上回る), targets revised
# during the period, and sources/kusunoki, the fictitious 2nd-period town that
# uses them all.  Every expected figure below was computed by hand.
. tests/lib.sh

json() { jq -r "$2" "$1"; }
has() { grep -qF -- "$2" "$1"; }

# ------------------------------------------------ cumulative KPIs
# tests/targets/cumulative.xml: 創業件数 summed over 2015–2019, 4 + 5 + 6 = 15
# by 2017 against 25: 60%; 移住相談件数 12 by 2015 against 60: 20%.
f=tests/targets/cumulative.xml
run_kpic eval --format=json "$f"
cp "$TMP/out" "$TMP/cum.json"
check "cumulative: check is clean" test "$RC" = 0
check "cumulative: the actual is the sum over the span" \
	test "$(json "$TMP/cum.json" '.kpis[0].series[0].cumulative.value')" = 15
check "cumulative: the latest is the year's own value" \
	test "$(json "$TMP/cum.json" '.kpis[0].series[0].latest.value')" = 6
check "cumulative: the rate is on the cumulative actual" \
	test "$(json "$TMP/cum.json" '.kpis[0].rate') $(json "$TMP/cum.json" '.kpis[1].rate')" = "60 20"
check "cumulative: a KPI that is not cumulative has no cumulative value" \
	test "$(jq '[.kpis[].series[] | has("cumulative")] | all' "$TMP/cum.json")" = true
run_kpic html -o "$TMP/cum.html" "$f"
check "cumulative html: written" test "$RC" = 0
check "cumulative html: 累計 X（うち当該年度 Y）per year" has "$TMP/cum.html" "累計 9件（うち当該年度 5件）"
check "cumulative html: the latest cell too" test "$(grep -o '累計 15件（うち当該年度 6件）' "$TMP/cum.html" | wc -l)" -ge 2
run_kpic pdf -o "$TMP/cum.pdf" "$f"
check "cumulative pdf: written" test "$RC" = 0
pdftotext "$TMP/cum.pdf" - | tr -d ' \n' >"$TMP/cum.pdf.txt"
check "cumulative pdf: 累計 X（うち当該年度 Y）" has "$TMP/cum.pdf.txt" "累計15件（うち当該年度6件）"
# against the year's target: the line runs from nothing in 2014 to 25 in
# 2019, so 15 is due by 2017 (25 x 3/5) and 12 by 2015 (60 x 1/5): both 100%,
# not the 92.6% and 60% of a line from the baselines 3 and 10; progress from
# nothing too: 15/25 and 12/60.
for ra in "year 100 100" "progress 60 20"; do
	set -- $ra
	sed "s/cumulative=\"yes\"/cumulative=\"yes\" rate-against=\"$1\"/" "$f" >"$TMP/cum-$1.xml"
	run_kpic eval --format=json "$TMP/cum-$1.xml"
	check "cumulative: rate-against=$1 starts from nothing, not the baseline" \
		test "$(jq -r '[.kpis[].rate] | join(" ")' "$TMP/out")" = "$2 $3"
done
# and the year's target printed beside the final one is that line's: 15 and 12
sed 's/cumulative="yes"/cumulative="yes" rate-against="year"/' "$f" >"$TMP/cum-yt.xml"
run_kpic eval --format=xml "$TMP/cum-yt.xml"
check "cumulative: the year's target from nothing, as the rate has it" \
	test "$(printf '%s' "$OUT" | grep -o 'r:year-target-text="[^"]*" r:year-target-era="[^"]*"' | tr '\n' ' ')" = \
	'r:year-target-text="15件" r:year-target-era="H29" r:year-target-text="12件" r:year-target-era="H27" '

# the rule: a span missing, outside the period, or on a KPI that is not cumulative
sed 's/ cumulative="yes"//' "$f" >"$TMP/not-cum.xml"
run_kpic check "$TMP/not-cum.xml"
check "cumulative: a span on a KPI that is not cumulative is an error" \
	test "$RC" = 1 -a "$(grep -c '\[kpi-cumulative-span\]' "$TMP/err")" = 2

# ------------------------------------------------ relative targets
# tests/targets/relative.xml, threshold 80 (met / not-met), judged, not rated:
#   以上 980 of 1000: not met (its rate 98% would pass 80%); 以下 890 ≤ 900: met;
#   維持 30000 = 30000: met; 延伸 79.5 = 79.5: not met; 前年 510 < 520: not met;
#   全国平均 1.45 > 1.42 (2018): met.
f=tests/targets/relative.xml
run_kpic eval --format=json "$f"
cp "$TMP/out" "$TMP/rel.json"
check "relative: check is clean" test "$RC" = 0
check "relative: judged met / not met" \
	test "$(jq -r '[.kpis[] | .grades.threshold] | join(" ")' "$TMP/rel.json")" = \
	"not-met met met not-met not-met met"
check "relative: 以上 and 以下 keep a rate, the others have none" \
	test "$(jq -r '[.kpis[] | .rate // "-"] | join(" ")' "$TMP/rel.json")" = "98 101.1236 - - - -"
check "relative: totals" test "$(json "$TMP/rel.json" '.totals.all | "\(.met) \(.total)"')" = "3 6"
check "relative: the targets' words" \
	test "$(jq -r '[.kpis[] | .series[0].target.text] | join(" ")' "$TMP/rel.json")" = \
	"1,000人以上 900g以下 維持 延伸 前年を上回る 全国平均を上回る"
run_kpic html -o "$TMP/rel.html" "$f"
check "relative html: 全国平均を上回る in the table" has "$TMP/rel.html" "全国平均を上回る"
run_kpic pdf -o "$TMP/rel.pdf" "$f"
pdftotext "$TMP/rel.pdf" - | tr -d ' \n' >"$TMP/rel.pdf.txt"
check "relative pdf: 前年を上回る in the table" has "$TMP/rel.pdf.txt" "前年を上回る"
# a lower KPI is better below its reference
sed 's/<kpi id="g1-tfr" direction="higher">/<kpi id="g1-tfr" direction="lower">/' "$f" >"$TMP/rel-lower.xml"
run_kpic eval --format=json "$TMP/rel-lower.xml"
check "relative: lower than 全国平均 is better for a lower KPI" \
	test "$(jq -r '.kpis[5] | "\(.grades.threshold) \(.series[0].target.text)"' "$TMP/out")" = "not-met 全国平均を下回る"

# ------------------------------------------------ a target revised during the period
# tests/targets/revised.xml: 当初 90, revised in 2017 to 100; 80 of 100 is 80%
# (of the initial 90 it would be 88.9%).
f=tests/targets/revised.xml
run_kpic eval --format=json "$f"
cp "$TMP/out" "$TMP/rev.json"
check "revised: check is clean" test "$RC" = 0
check "revised: the rate is against the revised target" test "$(json "$TMP/rev.json" '.kpis[0].rate')" = 80
check "revised: the initial target and the year of the revision" \
	test "$(json "$TMP/rev.json" '.kpis[0].series[0] | "\(.target.value) \(.initial_target.value) \(.revised_in)"')" = "100 90 2017"
run_kpic html -o "$TMP/rev.html" "$f"
check "revised html: old and new together" has "$TMP/rev.html" "100人（当初 90人）"
run_kpic pdf -o "$TMP/rev.pdf" "$f"
pdftotext "$TMP/rev.pdf" - | tr -d ' \n' >"$TMP/rev.pdf.txt"
check "revised pdf: old and new together" has "$TMP/rev.pdf.txt" "100人（当初90人）"

# ------------------------------------------------ sources/aobane (2nd period, R2–R6)
# Evaluated on the 2023 (R5) actuals; ◎ 100%以上 / ○ 80%以上 / △, a relative
# target ◎ when achieved and △ when not:
#   g1-startups 累計 4+6+7+8 = 25 of 30: 83.3% ○   g1-jobs 累計 10+15+5+20 = 50
#   of 80 (当初 60): 62.5% △   g1-visitors 440 > 380 (前年): ◎
#   g2-tfr 1.28 > 1.20 (全国平均 R5): ◎   g2-births 112 < 120 (維持): △
#   g2-center 3300 / 3500: 94.3% ○   g2-movein 505 ≥ 500 (以上): ◎
#   g3-life 80.1 > 79.6 (延伸): ◎   g3-crime 104 > 100 (以下): △
#   g3-bus 9000 / 10000 (当初 12,000): 90.0% ○
# and against the baseline (1% band): 横ばい g3-life (+0.6%), 悪化 g2-tfr and
# g2-births, 改善 the seven others.
src=sources/aobane/strategy.xml
run_kpic check "$src"
check "aobane: check is clean (its published counts per grade hold)" test "$RC" = 0 -a -z "$ERR"
run_kpic eval --format=json "$src"
cp "$TMP/out" "$TMP/aobane.json"
j=$TMP/aobane.json
counts() { json "$j" "$1 | \"\(.grades.s) \(.grades.g) \(.grades.t) \(.total)\""; }
# where: ◎ ○ △ total
while read -r where s g t total; do
	check "aobane: $where: ◎$s ○$g △$t, total $total" test "$(counts "$where")" = "$s $g $t $total"
done <<'TABLE'
.totals.all 4 3 3 10
.totals.goal 2 1 1 4
.totals.measure 2 2 2 6
.goals[0].counts.all 1 1 1 3
.goals[0].counts.goal 0 1 0 1
.goals[0].counts.measure 1 0 1 2
.goals[1].counts.all 2 1 1 4
.goals[1].counts.goal 1 0 1 2
.goals[1].counts.measure 1 1 0 2
.goals[2].counts.all 1 1 1 3
.goals[2].counts.goal 1 0 0 1
.goals[2].counts.measure 0 1 1 2
TABLE
check "aobane: each KPI on the primary scale" \
	test "$(jq -r '[.kpis[] | .grades.mark] | join(" ")' "$j")" = "g t s s t g s s t g"
check "aobane: each KPI on the second scale" \
	test "$(jq -r '[.kpis[] | .grades.trend] | join(" ")' "$j")" = "up up up down down up up flat up up"
check "aobane: the rates (none for the relative targets but 以上 and 以下)" \
	test "$(jq -r '[.kpis[] | .rate // "-"] | join(" ")' "$j")" = "83.3333 62.5 - - - 94.2857 101 - 96.1538 90"
check "aobane: the cumulative actuals" \
	test "$(jq -r '[.kpis[0,1] | .series[0].cumulative.value] | join(" ")' "$j")" = "25 50"
check "aobane: the revised targets" \
	test "$(jq -r '[.kpis[] | .series[0] | select(.initial_target) | "\(.target.value)/\(.initial_target.value)/\(.revised_in)"] | join(" ")' "$j")" = \
	"80/60/2022 10000/12000/2021"
check "aobane: the KPIs counted by calendar year" \
	test "$(jq -r '[.kpis[] | select(.year_basis == "calendar") | .id] | join(" ")' "$j")" = "g1-visitors g2-births g3-crime"
check "aobane: a fiscal-year KPI carries no year_basis" \
	test "$(jq -r '[.kpis[] | select(has("year_basis") | not)] | length' "$j")" = 7

run_kpic html -o "$TMP/aobane.html" "$src"
check "aobane html: written" test "$RC" = 0 -a -s "$TMP/aobane.html"
sed 's/<[^>]*>/ /g' "$TMP/aobane.html" | tr -s ' \n' ' ' >"$TMP/aobane.html.txt"
for t in "累計 25件（うち当該年度 8件）" "累計 50人（うち当該年度 20人）" "80人（当初 60人）" \
	"10,000人（当初 12,000人）" "全国平均を上回る" "前年を上回る" "500人以上" "100件以下" "維持" "延伸" \
	"○（基準値との比較：改善）" "観光入込客数（暦年）" "出生数（暦年）" "刑法犯認知件数（暦年）"; do
	check "aobane html: $t" has "$TMP/aobane.html.txt" "$t"
done
check "aobane html: FY2019 is R1 (era=fiscal-year-end), never H31" \
	bash -c 'grep -qF "基準値(R1)" "$0" && ! grep -q "H31\|平成31" "$0"' "$TMP/aobane.html"
check "aobane html: only the calendar-year KPIs are marked 暦年" \
	test "$(grep -o '（暦年）' "$TMP/aobane.html" | wc -l)" = 3
run_kpic pdf -o "$TMP/aobane.pdf" "$src"
check "aobane pdf: written, no layout warning" test "$RC" = 0 -a -s "$TMP/aobane.pdf" -a -z "$ERR"
pdftotext -raw "$TMP/aobane.pdf" - | tr -d ' \n' >"$TMP/aobane.pdf.txt"
for t in "累計25件（うち当該年度8件）" "累計50人（うち当該年度20人）" "80人（当初60人）" \
	"10,000人（当初12,000人）" "全国平均を上回る" "観光入込客数（暦年）" "刑法犯認知件数（暦年）"; do
	check "aobane pdf: $t" has "$TMP/aobane.pdf.txt" "$t"
done

run_kpic draft -o "$TMP/aobane-draft.xml" "$src"
check "aobane draft: written" test "$RC" = 0 -a -s "$TMP/aobane-draft.xml"
check "aobane draft: the cumulative span moves to the next period" \
	test "$(grep -c '<span from="2025" to="2029"/>' "$TMP/aobane-draft.xml")" = 2
check "aobane draft: the calendar-year KPIs stay so" test "$(grep -c 'year-basis="calendar"' "$TMP/aobane-draft.xml")" = 3
check "aobane draft: the relative targets stand" has "$TMP/aobane-draft.xml" 'relation="reference" reference="national"'
run_kpic check -Wno-draft-placeholder "$TMP/aobane-draft.xml"
check "aobane draft: checks clean ($ERR)" test "$RC" = 0 -a -z "$ERR"

# kpic diff: 創業件数 2023 8 → 14: 累計 31 of 30, ○ → ◎ (○ is not achieved, ◎ is)
sed '/<kpi id="g1-startups"/,/<\/kpi>/s|<value year="2023">8</value>|<value year="2023">14</value>|' "$src" |
	sed 's|<count grade="s">4</count>|<count grade="s">5</count>|; s|<count grade="g">3</count>|<count grade="g">2</count>|' \
	>"$TMP/startups.xml"
run_kpic diff --format=json "$src" "$TMP/startups.xml"
check "aobane diff: exit 1 (changes)" test "$RC" = 1
check "aobane diff: ○ → ◎ on the cumulative 創業件数" test "$(printf '%s' "$OUT" | jq -r \
	'[.changes[] | select(.kind == "achievement-flipped" or .kind == "grade-changed") | "\(.kind) \(.id) \(.before.text) \(.after.text)"] | join(";")')" = \
	"achievement-flipped g1-startups ○（83.3%） ◎（103.3%）"
run_kpic diff "$src" "$TMP/startups.xml"
check "aobane diff: counts per grade before → after" has "$TMP/out" "評価別  ◎ 4 → 5、○ 3 → 2、△ 3"

# the rules, on the source: a span removed, a reference value removed
sed '/<kpi id="g1-jobs"/,/<\/kpi>/{/<span /d}' "$src" >"$TMP/nospan.xml"
run_kpic check "$TMP/nospan.xml"
check "aobane: a cumulative KPI without its span [kpi-cumulative-span]" \
	test "$RC" = 1 -a "$(grep -c '企業誘致による新規雇用者数（累計）.*\[kpi-cumulative-span\]' "$TMP/err")" = 1
sed '/<value year="2023">1.20<\/value>/d' "$src" >"$TMP/noref.xml"
run_kpic check "$TMP/noref.xml"
check "aobane: 全国平均 without a 2023 figure [relative-target-reference]" \
	has "$TMP/err" "reference series 'national' has no figure for 2023, the year KPI '合計特殊出生率' is evaluated in"
done_testing

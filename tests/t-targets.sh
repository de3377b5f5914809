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
done_testing

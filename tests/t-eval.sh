# t-eval.sh - how KPIs are judged (kpic-source(5), EVALUATION): the cases
# at the edges, each a one-KPI source made here, judged by kpic eval's JSON.
. tests/lib.sh

# src DIR COMBINE SERIES...: a source whose one KPI has direction DIR,
# combine COMBINE and one series per "actual:target" argument.
src() {
	local dir=$1 comb=$2; shift 2
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<strategy xmlns="urn:x-kpic:strategy:1" xml:lang="ja"><meta><municipality>試験市</municipality><title>t</title><edition>1</edition>'
		printf '<period start="2015" end="2019" baseline="2014"/><as-of>2019-04-01</as-of><evaluation threshold="80" combine="best"/></meta>'
		printf '<departments><department id="d">企画調整課</department></departments><goals><goal id="g1" number="1"><title>t</title>'
		printf '<kpi id="k" direction="%s" combine="%s"><name>n</name><unit>点</unit>' "$dir" "$comb"
		local i=0
		for s in "$@"; do
			printf '<series key="s%d"><baseline year="2014">1</baseline><value year="2016">%s</value><target year="2019">%s</target></series>' \
				$i "${s%%:*}" "${s#*:}"
			i=$((i + 1))
		done
		printf '<responsible department="d"/></kpi></goal></goals></strategy>\n'
	} >"$TMP/k.xml"
}
# judged WHAT MET RATE: the KPI of $TMP/k.xml is met (true/false) with rate RATE (null: none).
judged() {
	run_kpic eval --format=json "$TMP/k.xml"
	check "$1: met $2, rate $3" jq -e ".kpis[0].met == $2 and .kpis[0].rate == $3" "$TMP/out"
}

# A zero divisor: no rate; met when the actual reached the target.
src higher best 5:0;   judged "higher, target 0, actual 5" true null
src higher best 0:0;   judged "higher, 0 of 0" true null
src higher best -1:0;  judged "higher, target 0, actual -1" false null
src maintain best 0:0; judged "maintain, 0 of 0" true null
src lower best 0:0;    judged "lower, 0 of 0" true null
src lower best 0:3;    judged "lower, actual 0, target 3" true null
src lower best -1:3;   judged "lower, actual -1" false null
# ... and combined: a series without a rate still counts for worst and sum
src higher worst 1:0 2:0;  judged "worst of two met series without a rate" true null
src higher worst 1:0 -1:0; judged "worst, one series not met" false null
src higher sum 1:0 0:0;    judged "sum, the targets sum to 0" true null
src higher sum 3:0 1:5;    judged "sum, a series without a rate of its own counts" true 80
# the ordinary case, for comparison
src higher best 4:5;   judged "higher, 4 of 5" true 80
src higher best 3:5;   judged "higher, 3 of 5" false 60

# Rates are exact decimals end to end: no double's noise in a huge one.
src higher best 999999999999999:0.000000001
run_kpic eval "$TMP/k.xml"
check "a huge rate: exact in the text" grep -q " 99,999,999,999,999,900,000,000,000.0% " "$TMP/out"
run_kpic eval --format=json "$TMP/k.xml"
check "a huge rate: exact in the JSON" grep -q '"rate": 99999999999999900000000000.0000,' "$TMP/out"
run_kpic html -o "$TMP/k.html" "$TMP/k.xml"
check "a huge rate: exact in the HTML" grep -q "99,999,999,999,999,900,000,000,000.0%" "$TMP/k.html"
run_kpic export --format=json -o "$TMP/k.json" "$TMP/k.xml"
check "a huge rate: exact in the export" jq -e '.[0].rate == 99999999999999900000000000' "$TMP/k.json"
# a half: the printed percent to the even digit (as before), the 4 decimals up
src higher best 9:16
run_kpic eval "$TMP/k.xml"
check "9 of 16 (56.25%) prints 56.2%" grep -q " 56.2% " "$TMP/out"
src higher best 15757:16000
run_kpic eval --format=json "$TMP/k.xml"
check "98.48125% is 98.4813 in the JSON" grep -q '"rate": 98.4813,' "$TMP/out"
# the mean of rates is exact too: 1/3 and 2/3 of 100% average 50%
src higher mean 1:3 2:3
run_kpic eval --format=json "$TMP/k.xml"
check "the mean of 33.3…% and 66.6…%" jq -e '.kpis[0].rate == 50' "$TMP/out"
# The text report: one column per grade of the primary scale and one per
# state, in each of 全KPI and the two levels; the levels by their names.
run_kpic eval sources/soyokaze/strategy.xml
check "soyokaze text: the columns A B C -" grep -qE '^基本目標 +(A +B +C +- +){2}A +B +C +-$' "$TMP/out"
check "soyokaze text: the total row, per grade and state" grep -qE '^合計 +3 +3 +2 +2 +1 +1 +0 +2 +2 +2 +2 +0$' "$TMP/out"
check "soyokaze text: a 担当課 row" grep -qE '^企画課 +2 +0 +2 +0 +1$' "$TMP/out"
check "soyokaze text: the scale as the criterion" grep -q '達成の基準: 目安値に対する評価（A 目安値以上、B 目安値の80%以上、C 目安値の80%未満）$' "$TMP/out"
check "soyokaze text: no 達成/未達 columns" sh -c '! grep -q "達成 *未達\|未達 *達成" "$1"' - "$TMP/out"
run_kpic eval sources/aobane/strategy.xml
check "aobane text: the columns ◎ ○ △" grep -qE '^基本目標 +(◎ +○ +△ +){2}◎ +○ +△$' "$TMP/out"
check "aobane text: goal 2 row" grep -qE '^2 結婚・出産.* 2 +1 +1 +1 +0 +1 +1 +1 +0$' "$TMP/out"
check "aobane text: the total row" grep -qE '^合計 +4 +3 +3 +2 +1 +1 +2 +2 +2$' "$TMP/out"
check "aobane text: the 担当課 head" grep -qE '^担当課 +KPI +◎ +○ +△$' "$TMP/out"
run_kpic eval tests/levels/levels.xml
check "levels text: the counts line by the declared names" grep -qx 'KPI 3件: 政策パッケージに係るKPI 1件、各取組に係るKPI 2件' "$TMP/out"
check "levels text: the table head by the declared names" grep -qE '^ +全KPI +政策パッケージ +各取組のKPI$' "$TMP/out"
check "levels text: the goal headings by the declared name" grep -qx '政策パッケージ1 しごとをつくる' "$TMP/out"
check "levels text: the legend by the declared name" grep -q '^◎ 政策パッケージに係るKPI ' "$TMP/out"
check "levels text: no 基本目標 left" sh -c '! grep -q 基本目標 "$1"' - "$TMP/out"
done_testing

# t-rateonly.sh - a rate-only source (an <evaluation> without a scale, as 4
# of the 23 surveyed documents are): tests/scales/rate-only.xml, a fictitious
# town.  Its rates and counts, its page and PDF without a judgement, its
# draft and its diff.
. tests/lib.sh
src=tests/scales/rate-only.xml

run_kpic check "$src"
check "rate-only: the source checks (its published counts hold)" test "$RC" = 0 -a -z "$ERR"

# --------------------------------------------------------------- JSON
run_kpic eval --format=json "$src"; cp "$TMP/out" "$TMP/ro.json"
jq_() { jq -r "$1" "$TMP/ro.json"; }
rates=$(jq_ '[.kpis[] | "\(.id)=\(.rate)"] | join(" ")')
check "json: each KPI's rate ($rates)" test "$rates" = \
	"g1-jobs=97.3529 g1-farmers=125 g1-startups=null g2-births=90 g2-waiting=50"
check "json: no KPI has a grade or a judgement" \
	test "$(jq_ '[.kpis[] | [.grade, .computed_grade, .met, .computed_met] | map(select(. != null)) | length] | add')" = 0
check "json: a series has no judgement either" test "$(jq_ '[.kpis[].series[].met | select(. != null)] | length')" = 0
check "json: the KPI without a target is 評価なし" test "$(jq_ '.kpis[] | select(.id == "g1-startups") | .state')" = none
check "json: no scale" test "$(jq_ '"\(.primary_scale) \(.scales | length) \(.threshold)"')" = "null 0 null"
# where: total 評価なし met grades
while read -r where total none; do
	got=$(jq_ "$where | \"\(.total) \(.states.none) \(.met) \(.not_met) \(.grades | length)\"")
	check "json: $where: $total KPIs, 評価なし $none, no met, no grades ($got)" test "$got" = "$total $none null null 0"
done <<'TABLE'
.totals.all 4 1
.totals.goal 2 0
.totals.measure 2 1
.goals[0].counts.all 2 1
.goals[0].counts.measure 1 1
.goals[1].counts.all 2 0
.departments[0].counts.all 2 1
.departments[1].counts.all 2 0
TABLE

# --------------------------------------------------------------- text
run_kpic eval "$src"
check "text: the criterion says rate only" grep -qF "評価区分なし（達成率のみ）" "$TMP/out"
check "text: the goal table counts KPIs and 評価なし" grep -qE "^合計 +4 +1 +2 +0 +2 +1$" "$TMP/out"
check "text: rates without a judgement, the state where there is one" \
	bash -c 'grep -qE "97\.4%$" "$0" && grep -qE "—  評価なし$" "$0"' "$TMP/out"
check "text: no 達成 / 未達 and no override lines" bash -c '! grep -q "達成 \|未達\|上書き" "$0"' "$TMP/out"

# --------------------------------------------------------------- enriched XML
run_kpic eval --format=xml "$src"
check "xml: no r:met, r:not-met, r:grade" bash -c '! grep -q "r:met=\|r:not-met=\|r:grade=\|r:computed-met=" "$0"' "$TMP/out"
check "xml: the rates" test "$(grep -o 'r:result [^>]*r:rate-text="[^"]*"' "$TMP/out" | sed 's/.*r:rate-text="//; s/"//' | tr '\n' ' ')" = "97.4% 125.0% 90.0% 50.0% "

# --------------------------------------------------------------- HTML
run_kpic html -o "$TMP/ro.html" "$src"
check "html: written" test "$RC" = 0 -a -s "$TMP/ro.html"
txt=$(sed 's/<style.*<\/style>//; s/<[^>]*>/ /g' "$TMP/ro.html" | tr -s ' \n' ' ')
for r in 97.4% 125.0% 90.0% 50.0%; do
	check "html: rate $r in the KPI table" grep -qF ">$r</td>" "$TMP/ro.html"
done
check "html: the appendix says how the rate is computed, no grade legend" \
	bash -c 'printf "%s" "$0" | grep -qF "各施策に係るもの2件）。達成率は最新の実績値の目標値に対する割合とする。評価なしのものは「評価なし」とし、件数に含めない。"' "$txt"
check "html: no met sentence, no legend of grades" bash -c '! printf "%s" "$0" | grep -q "評価が\|のものは0件\|を「"' "$txt"
check "html: no goal-counts chart" bash -c '! grep -q "id=\"goal-counts\"" "$0"' "$TMP/ro.html"
check "html: the goal summary counts KPIs per level and 評価なし" \
	bash -c 'printf "%s" "$0" | grep -qF "基本目標 全KPI 評価なし うち基本目標のKPI うち各施策のKPI 基本目標1 2 1 1 1 基本目標2 2 0 1 1 合計 4 1 2 2"' "$txt"
check "html: 判定 column kept for the state" grep -qF ">判定</th>" "$TMP/ro.html"
check "html: the only 判定 given is 評価なし" \
	test "$(grep -o 'data-label="判定">[^<]*<' "$TMP/ro.html" | sort -u | tr -d '\n')" = 'data-label="判定"><data-label="判定">評価なし<'
check "html: no 達成 / 未達 anywhere" bash -c '! printf "%s" "$0" | grep -q "未達\|達成 [0-9]"' "$txt"
check "html: the 担当課 list gives the rates" bash -c 'printf "%s" "$0" | grep -qF "町内事業所の従業者数 （97.4%）"' "$txt"
check "html: a KPI chart's text says its rate alone" grep -qF "達成率 97.4%。" "$TMP/ro.html"
if [ -x build/browser/node_modules/.bin/html-validate ]; then
	tests/browser/validate.sh "$TMP/ro.html" >"$TMP/hv.txt" 2>&1
	check "html: passes html-validate" test $? = 0
fi

# without a state, no 判定 column at all
sed '/<state id="none"/d; s/ status="not-surveyed"\/>/>9<\/target>/; /<published>/,/<\/published>/d; s/、評価なしは<count state="none"\/>件である/である/' \
	"$src" >"$TMP/nostate.xml"
run_kpic check "$TMP/nostate.xml"
check "no states: checks" test "$RC" = 0 -a -z "$ERR"
run_kpic html -o "$TMP/nostate.html" "$TMP/nostate.xml"
check "no states: no 判定 column, no empty cell for it" bash -c '! grep -q "判定</th>\|data-label=\"判定\"" "$0"' "$TMP/nostate.html"
check "no states: the goal line has no dangling colon" grep -qF ">KPI 3件</p>" "$TMP/nostate.html"
if [ -x build/browser/node_modules/.bin/html-validate ]; then
	tests/browser/validate.sh "$TMP/nostate.html" >"$TMP/hv2.txt" 2>&1
	check "no states: passes html-validate" test $? = 0
fi
run_kpic pdf -o "$TMP/nostate.pdf" "$TMP/nostate.xml"
check "no states: pdf written without warnings" test "$RC" = 0 -a -z "$ERR"

# --------------------------------------------------------------- PDF
run_kpic pdf -o "$TMP/ro.pdf" "$src"
check "pdf: written without warnings" test "$RC" = 0 -a -z "$ERR"
pdftotext "$TMP/ro.pdf" - | tr -d ' \n' >"$TMP/ro.txt"
check "pdf: the rates" bash -c 'for r in 97.4% 125.0% 90.0% 50.0%; do grep -qF "$r" "$0" || exit 1; done' "$TMP/ro.txt"
check "pdf: the goal summary without met／total" grep -qF "基本目標全KPI評価なしうち基本目標のKPIうち各施策のKPI基本目標12111" "$TMP/ro.txt"
check "pdf: no 達成 / 未達" bash -c '! grep -q "未達" "$0"' "$TMP/ro.txt"

# --------------------------------------------------------------- draft
run_kpic draft -o "$TMP/draft.xml" "$src"
check "draft: written" test "$RC" = 0
run_kpic check -Wno-draft-placeholder "$TMP/draft.xml"
check "draft: checks" test "$RC" = 0 -a -z "$ERR"
check "draft: keeps the evaluation without a scale" bash -c 'grep -q "<evaluation combine=\"best\" provisional=\"no\">" "$0" && ! grep -q "<scale" "$0"' "$TMP/draft.xml"
check "draft: history with the rate and no met=" grep -qF '<history edition="2" rate="97.4"/>' "$TMP/draft.xml"

# --------------------------------------------------------------- diff
awk '/<kpi id="g2-births"/ { k = 1 } k && /<value year="2023"/ { sub(/>45</, ">48<"); k = 0 } { print }' "$src" >"$TMP/new.xml"
run_kpic diff "$src" "$TMP/new.xml"
check "diff: the value change" grep -qF "実績値の修正  R5: 45人 → 48人" "$TMP/out"
check "diff: the rate change" grep -qF "達成率の変化  90.0% → 96.0%" "$TMP/out"
check "diff: KPI count without 達成" grep -qxF "KPI 4件" "$TMP/out"
run_kpic diff --format=json "$src" "$TMP/new.xml"
check "diff json: rate-changed 90.0% → 96.0%" \
	test "$(jq -r '.changes[] | select(.kind == "rate-changed") | "\(.id) \(.before.text) \(.after.text)"' "$TMP/out")" = "g2-births 90.0% 96.0%"

# --------------------------------------------------------------- export, import
run_kpic export -o "$TMP/ro.csv" "$src"
check "export: written" test "$RC" = 0
check "export: met and kpi_met empty on every row, not no" \
	test "$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(len(r), sorted({x["met"] + "/" + x["kpi_met"] for x in r}))' "$TMP/ro.csv")" = "5 ['/']"
run_kpic export --format=json -o "$TMP/ro-export.json" "$src"
check "export json: met null" test "$(jq -r '[.[] | .met, .kpi_met] | unique | map(tostring) | join(",")' "$TMP/ro-export.json")" = "null"
run_kpic import -o "$TMP/ro-rt.xml" "$TMP/ro.csv"
check "import of the export: exit 0" test "$RC" = 0
run_kpic export -o "$TMP/ro-rt.csv" "$TMP/ro-rt.xml"
check "export → import → export: the same sheet" cmp -s "$TMP/ro.csv" "$TMP/ro-rt.csv"

done_testing

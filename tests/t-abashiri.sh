# t-abashiri.sh - acceptance on the real source: kpic computes the figures
# Abashiri City published, the transcription is complete against the seed,
# and published-count-mismatch guards them.
. tests/lib.sh
src=sources/abashiri/strategy.xml

run_kpic check "$src"
check "abashiri: check is clean" test "$RC" = 0 -a -z "$ERR"

run_kpic eval --format=json "$src"
cp "$TMP/out" "$TMP/eval.json"
q() { jq -r "$1" "$TMP/eval.json"; }
check "64 KPIs" test "$(q .totals.all.total)" = 64
check "8 goal-level KPIs" test "$(q .totals.goal.total)" = 8
check "56 measure KPIs" test "$(q .totals.measure.total)" = 56
check "goal-level: 8 of 8 at 80% or more" test "$(q .totals.goal.met)" = 8
check "measures: 33 of 56 at 80% or more" test "$(q .totals.measure.met)" = 33
# the five per-goal tables: goal  all-met all-not  goal-met goal-not  measure-met measure-not
while read -r g am an gm gn mm mn; do
	got=$(q ".goals[] | select(.id == \"$g\") | .counts | \"\(.all.met) \(.all.not_met) \(.goal.met) \(.goal.not_met) \(.measure.met) \(.measure.not_met)\"")
	check "goal $g: $am/$an ($gm/$gn, $mm/$mn)" test "$got" = "$am $an $gm $gn $mm $mn"
done <<'TABLE'
g1 10 8 1 0 9 8
g2 4 3 1 0 3 3
g3 6 1 1 0 5 1
g4 6 6 2 0 4 6
g5 15 5 3 0 12 5
TABLE
check "one override, with its reason" test "$(q '[.kpis[] | select(.override != null and .override.reason != "")] | length')" = 1
check "achievement at exactly 80% counts as met (HACCP 4/5)" \
	test "$(q '.kpis[] | select(.name | startswith("HACCP")) | "\(.met) \(.rate)"')" = "true 80"

# completeness: counts per goal from the seed text, compared with kpic's view
tail -n +2 tests/abashiri/seed-counts.tsv | while IFS=$'\t' read -r g gk mk rp se nu em; do
	got=$(q ".goals[] | select(.id == \"$g\") | \"\(.counts.goal.total) \(.counts.measure.total) \(.transcription.reposts) \(.transcription.series) \(.transcription.numbers) \(.transcription.empty)\"")
	check "transcription of $g: KPIs, reposts, series, values" test "$got" = "$gk $mk $rp $se $nu $em"
done

# the narrative's figures are computed: the enriched XML carries them
run_kpic eval --format=xml "$src"
cp "$TMP/out" "$TMP/enriched.xml"
x() { xmllint --xpath "$1" "$TMP/enriched.xml" 2>/dev/null; }
para='//*[local-name()="section"][@id="s3-2-2"]'
check "narrative: 総数が64件" test "$(x "string($para/*[local-name()='p'][1]/*[local-name()='count'][1]/@*[local-name()='value'])")" = 64
check "narrative: 56本中33本" test "$(x "string($para/*[local-name()='list'][1]/*[local-name()='item'][2]/*/*[local-name()='count'][2]/@*[local-name()='value'])")" = 33
check "narrative: threshold 80" test "$(x "string($para//*[local-name()='threshold'][1]/@*[local-name()='value'])")" = 80
check "count table of goal 5: 15 / 5" test "$(x "string(//*[local-name()='count-table'][@goal='g5']/*[local-name()='counts']/*[local-name()='all']/@*[local-name()='met'])")/$(x "string(//*[local-name()='count-table'][@goal='g5']/*[local-name()='counts']/*[local-name()='all']/@*[local-name()='not-met'])")" = "15/5"
check "narrative quotes H30 合計特殊出生率 1.51" test "$(x "string(//*[local-name()='value'][@kpi='g3-tfr'][@year='2018']/@*[local-name()='text'])")" = 1.51
check "values carry their formatted text (141万5千人)" test "$(x "string(//*[local-name()='kpi'][@id='g2-visitors']//*[local-name()='baseline']/@*[local-name()='text'])")" = "141万5千人"
check "no count is typed into the narrative" bash -c '! xmllint --xpath "//*[local-name()=\"document\"]//*[local-name()=\"count\"]/text()" "$0" >/dev/null 2>&1' "$TMP/enriched.xml"

# published-count-mismatch fires when the data no longer yields the figures:
# HACCP ホタテ 4 → 3 in H30 drops it below 80%
sed '/<kpi id="g1-haccp"/,/<\/kpi>/ s|<value year="2018">4</value>|<value year="2018">3</value>|' "$src" >"$TMP/changed.xml"
check "the copy differs in one value" test "$(diff "$src" "$TMP/changed.xml" | grep -c '^>')" = 1
run_kpic check "$TMP/changed.xml"
check "changed copy: exit 1" test "$RC" = 1
check "changed copy: 33 measure KPIs no longer" grep -q "publishes 33 as the number of measure-level KPIs at or above the threshold, but the data yields 32 \[published-count-mismatch\]" "$TMP/err"
check "changed copy: goal 1 no longer 10" grep -q "publishes 10 as the number of KPIs of goal g1 at or above the threshold, but the data yields 9" "$TMP/err"
check "changed copy: nothing else" test "$(grep -c '^\S*: error:' "$TMP/err")" = "$(grep -c 'published-count-mismatch\]' "$TMP/err")"

# the terminal report
run_kpic eval "$src"
check "eval text: totals line" grep -q "^KPI 64件: 基本目標に係るKPI 8件、各施策に係るKPI 56件$" "$TMP/out"
check "eval text: goal 5 row" grep -qE "^5 支え合い.* 15 +5 +3 +0 +12 +5$" "$TMP/out"
check "eval text: lists the override" grep -q "^判定の上書き: 1件$" "$TMP/out"
check "eval text: the title with its period" test "$(head -n 1 "$TMP/out")" = "網走市まち・ひと・しごと創生総合戦略（第1期）の評価"
for t in 第1期 第１期; do
	sed "s|<title>網走市まち・ひと・しごと創生総合戦略</title>|<title>${t}網走市まち・ひと・しごと創生総合戦略</title>|" "$src" >"$TMP/ed.xml"
	run_kpic eval "$TMP/ed.xml"
	check "eval text: a title that says $t gets no （第1期）" test "$(head -n 1 "$TMP/out")" = "${t}網走市まち・ひと・しごと創生総合戦略の評価"
done

# deterministic
"$KPIC" eval --format=xml "$src" >"$TMP/a.xml" 2>/dev/null
"$KPIC" eval --format=xml "$src" >"$TMP/b.xml" 2>/dev/null
check "enriched XML is byte-identical across runs" cmp -s "$TMP/a.xml" "$TMP/b.xml"
done_testing

# t-draft.sh - next-period drafts: the source format's draft elements and how
# the rules treat them.
. tests/lib.sh
fx=tests/rules/draft-placeholder.xml

# The rules relax only what a fresh draft cannot have yet.
run_kpic check -Werror "$fx"
check "draft fixture: -Werror fails on the placeholders" test "$RC" = 1
check "draft fixture: -Werror reports them as errors" \
	test "$(grep -c 'error: still to be written or decided: .*\[draft-placeholder\]' "$TMP/err")" = 3
run_kpic check -Wno-draft-placeholder "$fx"
check "draft fixture: nothing else to report" test "$RC" = 0 -a -z "$ERR"
sed 's|<status>draft</status>||' "$fx" >"$TMP/not-draft.xml"
run_kpic check -Wno-draft-placeholder "$TMP/not-draft.xml"
check "without <status>draft</status>, a KPI without values has no actual" \
	test "$(grep -c '\[no-actual-since-baseline\]' "$TMP/err")" = 2
sed 's|<baseline year="2016" note="第1期の最新実績">15757</baseline>|&<value year="2020" status="not-surveyed"/>|' "$fx" >"$TMP/value.xml"
run_kpic check -Wno-draft-placeholder "$TMP/value.xml"
check "a draft KPI with a value but no actual: no-actual-since-baseline" \
	grep -q "KPI '市内事業所の従業員数' has no measured value.*\[no-actual-since-baseline\]" "$TMP/err"
sed '/<placeholder for="target">/d' "$fx" >"$TMP/no-placeholder.xml"
run_kpic check "$TMP/no-placeholder.xml"
check "an empty target without its placeholder: missing-target, twice" \
	test "$RC" = 1 -a "$(grep -c '\[missing-target\]' "$TMP/err")" = 2
sed 's|<placeholder for="target">|<placeholder for="text">|' "$fx" >"$TMP/other-placeholder.xml"
run_kpic check "$TMP/other-placeholder.xml"
check "a placeholder for something else does not excuse an empty target" \
	test "$(grep -c '\[missing-target\]' "$TMP/err")" = 2
sed 's|goals="g1"|goals="g1 g9"|' "$fx" >"$TMP/priority.xml"
run_kpic check "$TMP/priority.xml"
check "a goal's <priority> names goals that exist" grep -q 'goals="g9"> refers to no goal.*\[unknown-reference\]' "$TMP/err"
run_kpic eval --format=xml -Wno-draft-placeholder "$fx"
check "<count review=\"yes\"/> counts the KPIs marked 要見直し" \
	grep -q '<count review="yes" r:value="1"/>' "$TMP/out"

# ---------------------------------------------------------------- kpic draft
# The Abashiri draft: a source that kpic accepts with only placeholders left.
src=sources/abashiri/strategy.xml
draft=$TMP/draft.xml
run_kpic draft -o "$draft" "$src"
check "draft: exit 0, nothing on stderr" test "$RC" = 0 -a -z "$ERR"
check "draft: valid against kpic.rng" bash -c 'xmllint --noout --relaxng "$0" "$1" 2>/dev/null' templates/kpic.rng "$draft"
run_kpic check "$draft"
check "draft: check exits 0" test "$RC" = 0
check "draft: every diagnostic is a draft-placeholder warning" \
	test "$(grep -c ': warning: .*\[draft-placeholder\]$' "$TMP/err")" -gt 0 -a \
	     "$(grep -cE '^[^ ].*: (warning|error|note):' "$TMP/err")" = "$(grep -c '\[draft-placeholder\]$' "$TMP/err")"
placeholders=$(grep -c '\[draft-placeholder\]$' "$TMP/err")
check "draft: one warning per <placeholder>" \
	test "$placeholders" = "$(xmllint --xpath 'count(//*[local-name()="placeholder"])' "$draft")"
run_kpic check -Werror "$draft"
check "draft: -Werror fails" test "$RC" = 1 -a "$(grep -c 'error: .*\[draft-placeholder\]$' "$TMP/err")" = "$placeholders"

# XPath on a copy without the default namespace.
sed 's| xmlns="urn:x-kpic:strategy:1"||' "$draft" >"$TMP/d.xml"
sed 's| xmlns="urn:x-kpic:strategy:1"||' "$src" >"$TMP/s.xml"
d() { xmllint --xpath "$1" "$TMP/d.xml" 2>/dev/null; }
s() { xmllint --xpath "$1" "$TMP/s.xml" 2>/dev/null; }
check "draft: edition 2, period 2020-2024, baseline year 2018, status draft" \
	test "$(d 'concat(//meta/edition, " ", //meta/period/@start, "-", //meta/period/@end, " ", //meta/period/@baseline, " ", //meta/status)')" = "2 2020-2024 2018 draft"
check "draft: the document is 第2期網走市まち・ひと・しごと創生総合戦略（素案）" \
	test "$(d 'string(/strategy/document/title)')" = "第2期網走市まち・ひと・しごと創生総合戦略（素案）"
check "draft: no published figures, no grants, no yearly values" \
	test "$(d 'count(//published | //grants | //kpi//value)')" = 0
check "draft: the same goals, titles and headings" \
	test "$(d 'count(//goal)') $(d 'count(//policy | //direction | //measure[not(placeholder)])') $(d 'count(//repost)')" = \
	     "$(s 'count(//goal)') $(s 'count(//policy | //direction | //measure)') $(s 'count(//repost)')"

# Every KPI, with its latest actual as the new baseline (per series; a series
# without actual keeps its old baseline).
run_kpic eval --format=json "$src"
cp "$TMP/out" "$TMP/old.json"
run_kpic eval --format=json -Wno-draft-placeholder "$draft"
check "eval works on the draft" test "$RC" = 0 -a -z "$ERR"
cp "$TMP/out" "$TMP/new.json"
check "draft: the 64 KPIs, same ids in the same order" \
	test "$(jq -c '[.kpis[].id]' "$TMP/old.json")" = "$(jq -c '[.kpis[].id]' "$TMP/new.json")" -a "$(jq '.kpis | length' "$TMP/new.json")" = 64
check "draft: name, unit, direction, 担当課 and series carried" \
	test "$(jq -c '[.kpis[] | [.id, .name, .goal, .level, .direction, .combine, .departments, [.series[] | [.key, .label, .unit]]]]' "$TMP/old.json")" = \
	     "$(jq -c '[.kpis[] | [.id, .name, .goal, .level, .direction, .combine, .departments, [.series[] | [.key, .label, .unit]]]]' "$TMP/new.json")"
check "draft: survey, publication and method carried" \
	test "$(s 'count(//kpi[survey][publication][method])')" = "$(d 'count(//kpi[survey][publication][method])')" -a \
	     "$(s 'string(//kpi[@id="g5-lifestyle-disease"]/method)')" = "$(d 'string(//kpi[@id="g5-lifestyle-disease"]/method)')"
old_base=$(jq -c '[.kpis[] | [.id, [.series[] | (.latest // .baseline) | [.year, .value, .text]]]]' "$TMP/old.json")
new_base=$(jq -c '[.kpis[] | [.id, [.series[] | .baseline | [.year, .value, .text]]]]' "$TMP/new.json")
check "draft: each series' baseline is its latest actual (year, figure, text)" test "$old_base" = "$new_base"
check "draft: 市内事業所の従業員数 starts from H28 15,757人" \
	test "$(jq -r '.kpis[] | select(.id == "g1-employees") | .series[0].baseline | "\(.year) \(.text)"' "$TMP/new.json")" = "2016 15,757人"
check "draft: a series without actual keeps its baseline, with a placeholder" \
	test "$(d 'string(//kpi[@id="g5-holiday-emergency"]/series[@key="nurses"]/baseline/@year)')/$(d 'count(//kpi[@id="g5-holiday-emergency"]/placeholder[@for="baseline"])')" = 2014/1

# Targets: met KPIs keep the old target if it is better than the latest
# actual, else the latest actual; the others are 要見直し with no target yet.
bad_targets=$(jq -n --slurpfile o "$TMP/old.json" --slurpfile n "$TMP/new.json" '
	[range(0; $o[0].kpis | length) as $i | $o[0].kpis[$i] as $k | $n[0].kpis[$i] as $d
	 | range(0; $k.series | length) as $j | $k.series[$j] as $s | $d.series[$j].target.value as $t
	 | select(if ($k.met | not) then $t != null
	          elif $s.latest == null then $t != $s.target.value
	          elif $k.direction == "lower" then $t != ([$s.target.value, $s.latest.value] | min)
	          else $t != ([$s.target.value, $s.latest.value] | max) end)
	 | "\($k.id)/\($s.key)"] | join(" ")')
check "draft: every target follows the stated rule" test "$bad_targets" = '""'
check "draft: targets for the new period's last year" test "$(d 'count(//target[@year != "2024"])')" = 0
check "draft: 人口の維持 (maintain) is proposed at its latest actual 39,077人" \
	test "$(jq -r '.kpis[] | select(.id == "g5-population") | .series[0].target.text' "$TMP/new.json")" = "39,077人"
check "draft: 救急搬送疾病程度軽傷割合 (lower) at its latest 31.60%" \
	test "$(jq -r '.kpis[] | select(.id == "g5-minor-injury-share") | .series[0].target.text' "$TMP/new.json")" = "31.60%"
check "draft: a kept target keeps its label (全国平均)" \
	test "$(d 'string(//kpi[@id="g4-academic"]/series[@key="junior"]/target/@label)')" = 全国平均

# 要見直し: exactly the KPIs below the threshold in the 1st period.
not_met=$(jq -r '[.kpis[] | select(.met | not) | .id] | join(" ")' "$TMP/old.json")
reviewed=$(d '//kpi[review]/@id' | sed 's/.*id="\([^"]*\)".*/\1/' | paste -sd ' ')
check "draft: 要見直し = the KPIs under 80% in the 1st period" test "$reviewed" = "$not_met"
check "draft: 23 measure KPIs to review, no goal-level one" \
	test "$(d 'count(//kpi[review][ancestor::policy or ancestor::direction or ancestor::measure])')/$(d 'count(/strategy/goals/goal/kpi[review])')" = "23/0"
check "draft: each has an empty target and a placeholder for it" \
	test "$(d 'count(//kpi[review][placeholder[@for="target"]][not(.//target[normalize-space()])])')" = 23
check "draft: 要見直し says the 1st-period rate (中心市街地通行者数(平日) 11.2%)" \
	test "$(d 'string(//kpi[@id="g1-pedestrians-weekday"]/review)')" = "要見直し（第1期達成率 11.2%）"
check "draft: history keeps every KPI's rate and judgement" \
	test "$(jq -c '[.kpis[] | [.id, .met]]' "$TMP/old.json")" = \
	     "$(d '//kpi' >/dev/null; for id in $(jq -r '.kpis[].id' "$TMP/old.json"); do printf '%s %s\n' "$id" "$(d "string(//kpi[@id='$id']/history[@edition='1']/@met)")"; done | jq -Rsc 'split("\n")[:-1] | map(split(" ") | [.[0], .[1] == "yes"])')"
check "draft: history rate as printed (HACCP 80.0, the override noted)" \
	test "$(d 'string(//kpi[@id="g1-haccp"]/history/@rate)') $(d 'string(//kpi[@id="g3-sick-child-care"]/history/@override)')" = "80.0 yes"

# The narrative counts, never typed.
run_kpic eval --format=xml -Wno-draft-placeholder "$draft"
check "draft narrative: 要見直し counted 23 (0 goal-level, 23 measure)" \
	grep -q '<count review="yes" r:value="23"/>件（基本目標に係るもの<count review="yes" level="goal" r:value="0"/>件、各施策に係るもの<count review="yes" level="measure" r:value="23"/>件）' "$TMP/out"
check "draft narrative: no count typed" test "$(d 'count(//document//count[normalize-space()])')" = 0
check "draft narrative: the review list has one row per KPI to review" \
	test "$(d 'count(//table[@id="draft-review-list"]/row[not(@header)])')" = 23

# Viewpoints and 重点課題: each in the draft source, under its goals, and in the HTML.
run_kpic html -Wno-draft-placeholder -o "$TMP/draft.html" "$draft"
check "html works on the draft" test "$RC" = 0 -a -z "$ERR"
xmllint --html --xpath 'string(/html/body)' "$TMP/draft.html" >"$TMP/draft.txt" 2>/dev/null
n=$(s 'count(//priority)')
check "the source has the seven 重点課題" test "$n" = 7
for i in $(seq 1 "$n"); do
	text=$(s "normalize-space(//priority[$i])")
	goals=$(s "normalize-space(//priority[$i]/@goals)")
	under=0
	for g in $goals; do
		[ "$(d "count(//goal[@id='$g']/priority[normalize-space()='$text'][@goals='$goals'])")" = 1 ] && under=$((under + 1))
	done
	check "重点課題$i under its goals ($goals)" test "$under" = "$(echo $goals | wc -w)"
	check "重点課題$i in the draft's HTML" grep -qF "$text" "$TMP/draft.txt"
done
for g in $(s '//viewpoint/@goal' | sed 's/.*goal="\([^"]*\)".*/\1/'); do
	text=$(s "normalize-space(//viewpoint[@goal='$g']/add)")
	check "viewpoint of $g in the draft, with a measure to write" \
		test "$(d "count(//goal[@id='$g']/viewpoint[normalize-space()='$text'])")/$(d "count(//goal[@id='$g']/measure[contains(title, '$text')]/placeholder[@for='measure'])")" = 1/1
	check "viewpoint of $g in the draft's HTML" grep -qF "$text" "$TMP/draft.txt"
done
# The same in the PDF: its text, compared without blanks as t-pdf.sh does, in
# reading order (a table cell's lines stay together, not interleaved with the
# other columns' as pdftotext -layout puts them).
export SOURCE_DATE_EPOCH=1554076800
run_kpic pdf -Wno-draft-placeholder -o "$TMP/draft.pdf" "$draft"
check "pdf works on the draft" test "$RC" = 0 -a -z "$ERR"
[ -n "$ERR" ] && sed 's/^/    /' <<<"$ERR" | head -20
check "draft PDF: qpdf --check" qpdf --check "$TMP/draft.pdf"
pdftotext "$TMP/draft.pdf" "$TMP/draft-pdf.txt"
tr -d ' \n\t\f' <"$TMP/draft-pdf.txt" >"$TMP/draft-flat.txt"
flat() { printf '%s' "$1" | tr -d ' \n\t\f'; }
for i in $(seq 1 "$n"); do
	check "重点課題$i in the draft's PDF" grep -qF -- "$(flat "$(s "normalize-space(//priority[$i])")")" "$TMP/draft-flat.txt"
done
for g in $(s '//viewpoint/@goal' | sed 's/.*goal="\([^"]*\)".*/\1/'); do
	text=$(s "normalize-space(//viewpoint[@goal='$g']/add)")
	check "viewpoint of $g in the draft's PDF, under its goal" \
		grep -qF -- "$(flat "新たな視点：$text")" "$TMP/draft-flat.txt"
done
check "draft PDF: 要見直し with the 1st-period rate under 23 KPIs" \
	test "$(grep -o '要見直し（第1期達成率[0-9.]*%）' "$TMP/draft-flat.txt" | wc -l)" = 23
missing=0
for id in $not_met; do
	name=$(d "normalize-space(//kpi[@id='$id']/name)")
	rate=$(d "normalize-space(//kpi[@id='$id']/review)")
	grep -qF -- "$(flat "$name")" "$TMP/draft-flat.txt" && grep -qF -- "$(flat "$rate")" "$TMP/draft-flat.txt" ||
		{ missing=$((missing + 1)); echo "    not in the PDF: $name $rate"; }
done
check "draft PDF: each KPI to review, with its 1st-period rate" test "$missing" = 0
check "draft PDF: the review list's caption" \
	grep -qF -- "$(flat "$(d 'normalize-space(//table[@id="draft-review-list"]/caption)')")" "$TMP/draft-flat.txt"
check "draft PDF: placeholders shown as 要記入" \
	test "$(grep -o '要記入：' "$TMP/draft-flat.txt" | wc -l)" = "$placeholders"
run_kpic pdf -Wno-draft-placeholder --format=xml -o "$TMP/draft-layout.xml" "$draft"
sed 's| xmlns="urn:x-kpic:layout:1"||' "$TMP/draft-layout.xml" >"$TMP/dl.xml"
check "draft PDF: 判定 — for each of the 64 KPIs" \
	test "$(xmllint --xpath 'count(//row[starts-with(@id, "kpi-")]/cell[normalize-space()="—"])' "$TMP/dl.xml")" = 64
check "draft PDF: no achievement counts, no 付録3" \
	test "$(xmllint --xpath 'count(//*[@id="goal-summary" or @id="goal-counts" or @id="appendix-departments"])' "$TMP/dl.xml")" = 0 -a \
	     "$(grep -c '付録3' "$TMP/draft-pdf.txt")" = 0
check "draft PDF: the layout is valid against layout.rng" \
	bash -c 'xmllint --noout --relaxng templates/layout.rng "$0" 2>/dev/null' "$TMP/draft-layout.xml"
check "draft HTML: placeholders shown as 要記入" \
	test "$(xmllint --html --xpath 'count(//*[@class="placeholder"])' "$TMP/draft.html" 2>/dev/null)" = "$placeholders"
check "draft HTML: no achievement judged before any value (判定 —)" \
	test "$(xmllint --html --xpath 'count(//td[contains(@class,"mark")][normalize-space()="—"])' "$TMP/draft.html" 2>/dev/null)" = 64

# kpic diff from the source to its draft: the period change, the new baselines
# and targets, the viewpoints and 重点課題 added, each KPI's history and
# 要見直し, what the draft does not carry; each once, and nothing else.
run_kpic diff -Wno-draft-placeholder --format=json "$src" "$draft"
check "diff source → draft: exit 1 (differences), no diagnostics" test "$RC" = 1 -a -z "$ERR"
cp "$TMP/out" "$TMP/diff.json"
kinds() { jq -c --arg k "$1" '[.changes[] | select(.kind == $k)] | length' "$TMP/diff.json"; }
check "diff: the period change (edition, period, status, title) in meta-changed" \
	test "$(jq -c '[.changes[] | select(.kind == "meta-changed") | .field]' "$TMP/diff.json")" = '["edition","period","status","document-title"]'
changed_series() {   # series whose baseline or target differs between the two evaluations
	jq -n --arg f "$1" --slurpfile o "$TMP/old.json" --slurpfile n "$TMP/new.json" '
		[range(0; $o[0].kpis | length) as $i | range(0; $o[0].kpis[$i].series | length) as $j
		 | $o[0].kpis[$i].series[$j][$f] as $a | $n[0].kpis[$i].series[$j][$f] as $b
		 | select([$a.year, $a.text, $a.status] != [$b.year, $b.text, $b.status])] | length'
}
nb=$(changed_series baseline)
check "diff: one baseline-changed per series whose baseline changed ($nb)" test "$(kinds baseline-changed)" = "$nb" -a "$nb" -ge 64
nt=$(changed_series target)
check "diff: one target-changed per series whose target changed ($nt)" test "$(kinds target-changed)" = "$nt"
check "diff: the 5 viewpoints, each under its goal" \
	test "$(jq -c '[.changes[] | select(.kind == "viewpoint-added") | [.id, .after.text]]' "$TMP/diff.json")" = \
	     "$(for g in $(s '//viewpoint/@goal' | sed 's/.*goal="\([^"]*\)".*/\1/'); do s "normalize-space(//viewpoint[@goal='$g']/add)" | jq -R --arg g "$g" '[$g, .]'; done | jq -sc .)"
check "diff: a measure to write per viewpoint (5 measure-added)" test "$(kinds measure-added)" = 5
check "diff: each 重点課題 once under each goal it serves" \
	test "$(kinds priority-added)" = "$(s '//priorities/priority/@goals' | sed 's/.*goals="\([^"]*\)".*/\1/' | wc -w)"
check "diff: the yearly actuals, one actuals-closed per KPI (64), none per year" \
	test "$(kinds actuals-closed)/$(kinds actual-removed)/$(kinds status-changed)" = 64/0/0
check "diff: g1-pedestrians-weekday's 4 actuals H27–H30" \
	test "$(jq -r '.changes[] | select(.kind == "actuals-closed" and .id == "g1-pedestrians-weekday") | .before.text' "$TMP/diff.json")" = "実績値 4件（H27–H30）"
check "diff: no achievement-flipped (a draft judges nothing yet)" test "$(kinds achievement-flipped)" = 0
check "diff: the 1st-period result as history (64) and 要見直し (23)" \
	test "$(kinds history-changed)/$(kinds review-changed)" = 64/23
check "diff: what the draft does not carry (the override, 6 grants)" \
	test "$(kinds override-removed)/$(kinds grant-removed)" = 1/6
expected='["actuals-closed","baseline-changed","grant-removed","history-changed","measure-added","meta-changed","override-removed","priority-added","review-changed","section-added","section-removed","target-changed","viewpoint-added"]'
check "diff: no other kind of change" test "$(jq -c '.kinds | keys' "$TMP/diff.json")" = "$expected"
check "diff: nothing reported twice" \
	jq -e '[.changes[] | [.kind, .id, .series, .field, .before.text, .after.text]] | length == (unique | length)' "$TMP/diff.json"
run_kpic diff -Wno-draft-placeholder --no-color --html "$TMP/shinkyu.html" --pdf "$TMP/shinkyu.pdf" "$src" "$draft"
check "diff: the draft's counts at the threshold read — in the terminal" \
	bash -c 'grep -qx "KPI 64件、達成率80%以上 41件 → —（素案：実績値なし）" "$0" &&
	         grep -qx "  達成率80%以上/未満  全KPI 10/8 → —、基本目標 1/0 → —、各施策 9/8 → —" "$0"' "$TMP/out"
check "diff: the 新旧対照表 of the draft, in HTML and PDF" \
	bash -c 'test "$(grep -o "<tr class=\"change " "$0" | wc -l)" = "$(jq .total "$1")" && qpdf --check "$2"' \
	"$TMP/shinkyu.html" "$TMP/diff.json" "$TMP/shinkyu.pdf"

# Deterministic: the same source gives the same bytes.
run_kpic draft -o "$TMP/again.xml" "$src"
check "draft: two runs give byte-identical XML" cmp -s "$draft" "$TMP/again.xml"
run_kpic html -Wno-draft-placeholder -o "$TMP/again.html" "$TMP/again.xml"
check "draft: two runs give byte-identical HTML" cmp -s "$TMP/draft.html" "$TMP/again.html"
run_kpic pdf -Wno-draft-placeholder -o "$TMP/again.pdf" "$TMP/again.xml"
check "draft: two runs give byte-identical PDF (same SOURCE_DATE_EPOCH)" cmp -s "$TMP/draft.pdf" "$TMP/again.pdf"
if [ "${LABEL:-}" = plain ] && [ -f build/abashiri/draft.xml ]; then
	check "make: build/abashiri/draft.xml is this draft" cmp -s build/abashiri/draft.xml "$draft"
	check "make: build/abashiri/draft.html is its page" test -s build/abashiri/draft.html
	check "make: build/abashiri/draft.pdf is its PDF" qpdf --check build/abashiri/draft.pdf
fi

# Options.
run_kpic draft --period=2021-2023 "$src"
check "--period=2021-2023: the period and the targets' year" \
	test "$RC" = 0 -a "$(grep -c '<period start="2021" end="2023" baseline="2018"/>' "$TMP/out")" = 1 -a \
	     "$(grep -c '<target year="2023"' "$TMP/out")" = "$(grep -c '<target ' "$TMP/out")"
for bad in 2019-2023 2024-2020 2020 20x0-2024 2020-2024x; do
	run_kpic draft --period=$bad -o "$TMP/bad.xml" "$src"
	check "--period=$bad: exit 2, says why, writes nothing" test "$RC" = 2 -a -n "$ERR" -a ! -e "$TMP/bad.xml"
done
run_kpic draft --template=nosuch.xsl "$src"
check "--template=nosuch.xsl: exit 2" test "$RC" = 2 -a -n "$ERR"
run_kpic draft --template=../templates/draft.xsl "$src"
check "--template outside the templates directory: usage error" test "$RC" = 2
mkdir -p "$TMP/tpl" && cp templates/* "$TMP/tpl/" && sed 's|（素案）|（素案・別案）|' templates/draft.xsl >"$TMP/tpl/alt.xsl"
run_kpic draft --templates="$TMP/tpl" --template=alt.xsl "$src"
check "--template=NAME: another template of the templates directory" grep -q '（素案・別案）</title>' "$TMP/out"
run_kpic draft --diagnostics-format=json tests/fixtures/minimal.xml
check "draft to stdout with JSON diagnostics: stdout is the draft alone" \
	bash -c 'xmllint --noout "$0" 2>/dev/null && jq -e ".warnings == 1" "$1" >/dev/null' "$TMP/out" "$TMP/err"
run_kpic draft "$src" extra.xml
check "draft: exactly one input" test "$RC" = 2
cp "$src" "$TMP/src.xml"
run_kpic draft -o "$TMP/src.xml" "$TMP/src.xml"
check "draft: refuses to overwrite its input" test "$RC" = 2 && cmp -s "$src" "$TMP/src.xml"
printf 'previous\n' >"$TMP/keep.xml"
sed 's|<value year="2015">90</value>|<value year="2015">9O</value>|' tests/fixtures/minimal.xml >"$TMP/bad-src.xml"
run_kpic draft -o "$TMP/keep.xml" "$TMP/bad-src.xml"
check "draft of a bad source: exit 1, previous output kept" test "$RC" = 1 -a "$(cat "$TMP/keep.xml")" = previous

# Any source: the title is built from the municipality, and a source without
# viewpoints or 重点課題 gets placeholders for them.
run_kpic draft -o "$TMP/min.xml" tests/fixtures/minimal.xml
check "minimal source: drafted" test "$RC" = 0
check "minimal source: 第2期テスト市まち・ひと・しごと創生総合戦略（素案）" \
	grep -q '<title>第2期テスト市まち・ひと・しごと創生総合戦略（素案）</title>' "$TMP/min.xml"
run_kpic check "$TMP/min.xml"
check "minimal source: only placeholders left, viewpoints and 重点課題 among them" \
	test "$RC" = 0 -a "$(grep -cE ': (warning|error):' "$TMP/err")" = "$(grep -c '\[draft-placeholder\]$' "$TMP/err")" -a \
	     "$(grep -c 'warning: still to be written or decided: \(各基本目標に加える観点を書く\|重点課題を書く\) ' "$TMP/err")" = 2
# A draft of the draft (after its period): nothing measured, so everything is reviewed.
run_kpic draft -o "$TMP/third.xml" "$draft"
check "a draft of the draft: drafted" test "$RC" = 0
run_kpic check "$TMP/third.xml"
check "a draft of the draft: only placeholders left" \
	test "$RC" = 0 -a "$(grep -cE ': (warning|error):' "$TMP/err")" = "$(grep -c '\[draft-placeholder\]$' "$TMP/err")"
check "a draft of the draft: the viewpoints and 重点課題 are not added twice" \
	test "$(grep -c '<viewpoint>' "$TMP/third.xml")/$(grep -c '<priority number' "$TMP/third.xml")/$(grep -c '<measure id="g[0-9]-vp' "$TMP/third.xml")" = \
	     "$(grep -c '<viewpoint>' "$draft")/$(grep -c '<priority number' "$draft")/$(grep -c '<measure id="g[0-9]-vp' "$draft")"
check "a draft of the draft: both periods' history" \
	test "$(grep -c '<history edition="1"' "$TMP/third.xml")/$(grep -c '<history edition="2" met="no"/>' "$TMP/third.xml")" = "64/64"

# the declared scale goes on: the drafts of the sources with a scale check
# clean and keep the scale, the states and rate-against; where met is not one
# cut (mirai's ○ is an equal band), the draft names the grades, not <threshold/>
evalof() { xmllint --xpath '//*[local-name()="evaluation"]' "$1" 2>/dev/null | tr -d '\n' | sed 's/>[[:space:]]*</></g'; }
for s in hibarino soyokaze mirai; do
	run_kpic draft -o "$TMP/$s-draft.xml" "sources/$s/strategy.xml"
	check "$s draft: written" test "$RC" = 0 -a -s "$TMP/$s-draft.xml"
	run_kpic check -Wno-draft-placeholder "$TMP/$s-draft.xml"
	check "$s draft: checks clean" test "$RC" = 0 -a -z "$ERR"
	check "$s draft: the same <evaluation> (scale, states, rate-against)" \
		test "$(evalof "$TMP/$s-draft.xml")" = "$(evalof "sources/$s/strategy.xml")"
done
check "hibarino draft: a KPI's declared state goes on" grep -qF '<kpi id="g1-festival" direction="higher" state="ended">' "$TMP/hibarino-draft.xml"
check "mirai draft: met by the achieved grades' labels" \
	bash -c 'grep -qF "第2期に「目標値以上・目標値と同等」だったKPI" "$0" && grep -qF "<p>「50%以上・50%未満」だったKPI" "$0" && ! grep -qF "<threshold/>" "$0"' "$TMP/mirai-draft.xml"
check "hibarino draft: 達成率<threshold/>%以上 where met is a cut" grep -qF '第2期に達成率<threshold/>%以上だったKPI' "$TMP/hibarino-draft.xml"
done_testing

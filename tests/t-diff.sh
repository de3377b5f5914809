# t-diff.sh - `kpic diff`: a source against itself, a fixture pair with one
# change of every kind (exact terminal, JSON and XML output), a revised value
# that flips a KPI, changes that do not matter, sources with errors, colour,
# output files, and two synthetic sources of 100,000 KPIs.
. tests/lib.sh
src=sources/abashiri/strategy.xml

# Output with the temporary directory taken out of the paths it names.
rel() { printf '%s' "${OUT//$TMP\//}"; }

# --------------------------------------------------------- the same source
run_kpic diff "$src" "$src"
check "abashiri vs itself: exit 0" test "$RC" = 0
check "abashiri vs itself: no output at all" test -z "$OUT" -a -z "$ERR"
run_kpic diff --format=json "$src" "$src"
check "abashiri vs itself: JSON with no change" jq -e '.total == 0 and .changes == [] and .kinds == {}' "$TMP/out"
check "abashiri vs itself: exit 0 with JSON too" test "$RC" = 0

# --------------------------------------------------------- one change of every kind
if tests/diff/mkpair.sh "$src" "$TMP/pair" 2>"$TMP/mkpair.err"; then ok "fixture pair generated"
else not_ok "fixture pair generated"; sed 's/^/    /' "$TMP/mkpair.err"; fi
run_kpic check "$TMP/pair/old.xml" "$TMP/pair/new.xml"
check "pair: both sources pass kpic check" test "$RC" = 0 -a -z "$ERR"

run_kpic diff --no-color "$TMP/pair/old.xml" "$TMP/pair/new.xml"
check "pair: exit 1" test "$RC" = 1
check "pair: nothing on stderr" test -z "$ERR"
golden "pair: terminal output" tests/diff/pair.txt "$(rel)"
check "pair: no colour when not a terminal" bash -c '! grep -q $'"'"'\033'"'"' "$0"' "$TMP/out"

run_kpic diff --format=json "$TMP/pair/old.xml" "$TMP/pair/new.xml"
check "pair: JSON exit 1" test "$RC" = 1
golden "pair: JSON" tests/diff/pair.json "$(rel)"
cp "$TMP/out" "$TMP/pair.json"
# actuals-closed needs a draft as the new side: t-draft.sh exercises it;
# grade-changed a scale of more than two grades: t-scales.sh does; the
# project-* kinds a fifth level (<project>): t-levels.sh does;
# text-changed a source with text columns: soyokaze below; rate-changed a
# source without a scale: t-rateonly.sh does.
nkinds=$(grep '^	X(DK_' tools/diff.h | grep -vc '"actuals-closed"\|"grade-changed"\|"project-\|"text-changed"\|"rate-changed"')
check "pair: every one of the $nkinds kinds of change of two sources is exercised" \
	jq -e ".kinds | length == $nkinds and (has(\"actuals-closed\") | not) and (has(\"grade-changed\") | not) and (has(\"text-changed\") | not)" "$TMP/pair.json"
check "pair: JSON total = sum of the kinds = number of changes" \
	jq -e '.total == ([.kinds[]] | add) and .total == (.changes | length)' "$TMP/pair.json"
check "pair: a KPI whose id changed is paired, not removed and added" \
	jq -e '([.changes[] | select(.kind == "kpi-renamed") | [.previous_id, .id]] == [["g1-pedestrians-holiday", "g1-pedestrians-weekend"]]) and ([.changes[] | select(.id == "g1-pedestrians-weekend" or .id == "g1-pedestrians-holiday")] | all(.kind != "kpi-added" and .kind != "kpi-removed"))' "$TMP/pair.json"
check "pair: an added KPI's values are not also reported as new actuals" \
	jq -e '[.changes[] | select(.id == "g9-e-forms") | .kind] == ["kpi-added"]' "$TMP/pair.json"
check "pair: a moved measure's KPIs have not moved" \
	jq -e '[.changes[] | select(.kind == "kpi-moved") | .id] == ["g1-pedestrians-weekday"]' "$TMP/pair.json"
check "pair: one KPI reordered among three (the longest run stays)" \
	jq -e '[.changes[] | select(.kind == "kpi-reordered") | .id] == ["g1-export-other"]' "$TMP/pair.json"

run_kpic diff --format=xml "$TMP/pair/old.xml" "$TMP/pair/new.xml"
check "pair: XML exit 1" test "$RC" = 1
golden "pair: XML" tests/diff/pair.xml "$(rel | sed 's/generator="kpic [^"]*"/generator="kpic"/')"
cp "$TMP/out" "$TMP/pair.xml"
check "pair: XML is well-formed" xmllint --noout "$TMP/pair.xml"
x() { xmllint --xpath "$1" "$TMP/pair.xml" 2>/dev/null; }
check "pair: XML in its namespace, one <change> per change" \
	test "$(x "count(/*[local-name()='diff' and namespace-uri()='urn:x-kpic:diff:1']/*/*[local-name()='change'])")" = "$(jq .total "$TMP/pair.json")"
check "pair: XML marks the changed words of a paragraph" \
	test "$(x "string(//*[local-name()='block'][@op='changed']/*[local-name()='after']/*[local-name()='ins'])")" = "、毎年度KPIの検証を行っ"
check "pair: XML gives old and new values raw and formatted" \
	test "$(x "string(//*[local-name()='change'][@kind='actual-revised'][@id='g1-port-value']/*[local-name()='after']/@text)")" = "11億5千万円"

"$KPIC" diff --format=json "$TMP/pair/old.xml" "$TMP/pair/new.xml" >"$TMP/a.json" 2>/dev/null
"$KPIC" diff --format=json "$TMP/pair/old.xml" "$TMP/pair/new.xml" >"$TMP/b.json" 2>/dev/null
check "pair: output is byte-identical across runs" cmp -s "$TMP/a.json" "$TMP/b.json"

# --------------------------------------------------------- the pair reversed
# The matcher pairs from the new side: the other way round, every addition
# is a removal, the id change and the move go back, and the longest run of
# the three reordered KPIs still leaves one out.
run_kpic diff --format=json "$TMP/pair/new.xml" "$TMP/pair/old.xml"
check "reversed: exit 1" test "$RC" = 1
cp "$TMP/out" "$TMP/rev.json"
check "reversed: each -added now as many -removed, and the other way round" \
	jq -e --slurpfile f "$TMP/pair.json" '. as $r | [$f[0].kinds | to_entries[] | select(.key | test("-(added|removed)$"))] |
	  length == 28 and all(.value == $r.kinds[.key | if endswith("-added") then sub("-added$"; "-removed") else sub("-removed$"; "-added") end])' \
	"$TMP/rev.json"
check "reversed: the KPI whose id changed is paired, the ids the other way" \
	jq -e '[.changes[] | select(.kind == "kpi-renamed" or .kind == "kpi-added" or .kind == "kpi-removed") | [.kind, .previous_id, .id]] ==
	  [["kpi-renamed", "g1-pedestrians-weekend", "g1-pedestrians-holiday"], ["kpi-added", null, "g6-jobs"],
	   ["kpi-removed", null, "g9-online"], ["kpi-removed", null, "g9-e-forms"]]' "$TMP/rev.json"
check "reversed: the moved KPI moves back, and only it" \
	jq -e --slurpfile f "$TMP/pair.json" '[.changes[] | select(.kind == "kpi-moved") | [.id, .before.raw, .after.raw]] ==
	  [$f[0].changes[] | select(.kind == "kpi-moved") | [.id, .after.raw, .before.raw]]' "$TMP/rev.json"
check "reversed: one KPI of the three reordered, with its ranks" \
	jq -e '[.changes[] | select(.kind == "kpi-reordered") | [.id, .before.text, .after.text]] == [["g1-export-nagaimo", "3番目", "2番目"]]' "$TMP/rev.json"

# --------------------------------------------------------- an id that changes kind
# A direction's id given to a measure: another element, not the direction
# renamed and moved (ids are matched within a kind of heading).
sed -e 's|<direction id="g7-p2-d1"><title>|<direction id="g7-p2-d2"><title>|' \
    -e 's|<measure id="g7-p1-d1-m2">|<measure id="g7-p2-d1">|' "$TMP/pair/new.xml" >"$TMP/kind.xml"
run_kpic diff --format=json "$TMP/pair/new.xml" "$TMP/kind.xml"
check "kind: exit 1, no diagnostics" test "$RC" = 1 -a -z "$ERR"
check "kind: removed and added as a direction and as a measure, nothing else" \
	jq -e '[.changes[] | [.kind, .id]] == [["direction-removed", "g7-p2-d1"], ["direction-added", "g7-p2-d2"],
	  ["measure-removed", "g7-p1-d1-m2"], ["measure-added", "g7-p2-d1"]]' "$TMP/out"

# --------------------------------------------------------- a revised value that flips a KPI
# HACCP ホタテ H30 4 → 3: 4/5 = 80% no longer; the published counts follow.
sed -e '/<kpi id="g1-haccp"/,/<\/kpi>/ s|<value year="2018">4</value>|<value year="2018">3</value>|' \
    -e 's|<count level="measure" met="yes">33</count>|<count level="measure" met="yes">32</count>|' \
    -e 's|<count goal="g1" met="yes">10</count>|<count goal="g1" met="yes">9</count>|' \
    -e 's|<count goal="g1" met="no">8</count>|<count goal="g1" met="no">9</count>|' \
    -e 's|<count goal="g1" level="measure" met="yes">9</count>|<count goal="g1" level="measure" met="yes">8</count>|' \
    -e 's|<count goal="g1" level="measure" met="no">8</count>|<count goal="g1" level="measure" met="no">9</count>|' \
    "$src" >"$TMP/flip.xml"
run_kpic check "$TMP/flip.xml"
check "flip: the revised source passes kpic check" test "$RC" = 0
run_kpic diff --no-color "$src" "$TMP/flip.xml"
check "flip: exit 1" test "$RC" = 1
check "flip: two changes" grep -qx '変更 2件' "$TMP/out"
check "flip: the revised value, as the document writes it" grep -qx '    実績値の修正  ホタテ製品 H30: 4社 → 3社' "$TMP/out"
check "flip: 達成 → 未達 with the rates" grep -qx '    達成状況の変化  達成（80.0%） → 未達（75.0%）' "$TMP/out"
check "flip: goal 1's counts before and after" \
	grep -qx '  達成率80%以上/未満  全KPI 10/8 → 9/9、基本目標 1/0、各施策 9/8 → 8/9' "$TMP/out"
check "flip: the totals before and after" grep -qx 'KPI 64件、達成率80%以上 41件 → 40件' "$TMP/out"
check "flip: no other goal shown" test "$(grep -c '^基本目標' "$TMP/out")" = 1
run_kpic diff --format=json "$src" "$TMP/flip.xml"
check "flip: JSON counts of goal 1 before and after" \
	jq -e '.goals[0] | .id == "g1" and .counts_changed and (.before.all | {met, not_met}) == {"met": 10, "not_met": 8} and (.after.all | {met, not_met}) == {"met": 9, "not_met": 9}' "$TMP/out"
check "flip: JSON, the other goals unchanged" jq -e '[.goals[1:][] | .counts_changed] == [false, false, false, false]' "$TMP/out"

# --------------------------------------------------------- what does not matter
# Attributes in another order, other indentation, comments between elements
# and inside text: the same strategy.
sed -e 's|<kpi id="\([^"]*\)" direction="\([^"]*\)"|<kpi direction="\2"  id="\1"|' \
    -e 's|<value year="\([0-9]*\)" status="\([a-z-]*\)"|<value status="\2" year="\1"|' \
    -e 's|<count goal="\([^"]*\)" met="\([a-z]*\)">|<count met="\2" goal="\1">|' \
    -e 's|^\( \+\)<|\1\1\t<|' \
    -e 's|<title>|<!-- 題 --><title>|' \
    -e 's|<name>市内事業所の従業員数</name>|<name>市内<!-- 注 -->事業所の従業員数</name>|' \
    -e 's|<p>網走市では総合戦略|<p>網走市では<!-- 注 -->総合戦略|' \
    -e 's|</section>|</section>\n\n<!-- 節の終わり -->\n|' \
    "$src" >"$TMP/noise.xml"
check "noise: the copy differs in text" bash -c '! cmp -s "$0" "$1"' "$src" "$TMP/noise.xml"
run_kpic diff "$src" "$TMP/noise.xml"
check "noise: attribute order, whitespace and comments: exit 0" test "$RC" = 0
check "noise: no output" test -z "$OUT"

# --------------------------------------------------------- trouble: exit 2
run_kpic diff "$src" tests/rules/duplicate-id.xml
check "a source with errors: exit 2" test "$RC" = 2
check "a source with errors: its diagnostics" grep -q '\[duplicate-id\]' "$TMP/err"
check "a source with errors: no diff output" test -z "$OUT"
run_kpic diff "$src" "$TMP/missing.xml"
check "an unreadable file: exit 2" test "$RC" = 2
check "an unreadable file: said so" grep -q 'missing.xml' "$TMP/err"
run_kpic diff "$src"
check "one file only: exit 2" test "$RC" = 2
run_kpic diff --diagnostics-format=json "$src" tests/rules/duplicate-id.xml
check "errors as JSON diagnostics on stdout" jq -e '.errors == 1' "$TMP/out"

# --------------------------------------------------------- output files, colour
run_kpic diff --no-color -o "$TMP/d.txt" "$TMP/pair/old.xml" "$TMP/pair/new.xml"
check "-o: exit 1, nothing on stdout" test "$RC" = 1 -a -z "$OUT"
check "-o: the file holds the output" test "$(sed "s|$TMP/||g" "$TMP/d.txt")" = "$(cat tests/diff/pair.txt)"
cp "$TMP/pair/new.xml" "$TMP/new-copy.xml"
run_kpic diff -o "$TMP/new-copy.xml" "$TMP/pair/old.xml" "$TMP/new-copy.xml"
check "-o onto an input: refused, exit 2" test "$RC" = 2
check "-o onto an input: the input is intact" cmp -s "$TMP/pair/new.xml" "$TMP/new-copy.xml"
if command -v script >/dev/null; then
	# script(1) gives kpic a terminal
	tty_run() { script -qec "$*" /dev/null </dev/null; }
	esc=$'\033['
	out=$(tty_run "$KPIC" diff "$src" "$TMP/flip.xml")
	check "terminal: colour" test "${out#*"$esc"}" != "$out"
	out=$(tty_run "$KPIC" diff --no-color "$src" "$TMP/flip.xml")
	check "terminal: --no-color" test "${out#*"$esc"}" = "$out"
	out=$(NO_COLOR=1 tty_run "$KPIC" diff "$src" "$TMP/flip.xml")
	check "terminal: NO_COLOR" test "${out#*"$esc"}" = "$out"
fi

# --------------------------------------------------------- 100,000 KPIs
# Matched by id, never pairwise: see tests/diff/benchmark.md for the times.
awk -v n=100000 -v side=old -f tests/diff/synth.awk >"$TMP/big-old.xml"
awk -v n=100000 -v side=new -f tests/diff/synth.awk >"$TMP/big-new.xml"
run_kpic diff --format=json "$TMP/big-old.xml" "$TMP/big-new.xml"
check "100,000 KPIs: exit 1" test "$RC" = 1
check "100,000 KPIs: every change found, nothing else" \
	jq -e '.kinds == {"kpi-added": 100, "kpi-removed": 100, "kpi-renamed": 200, "actual-revised": 1000, "achievement-flipped": 1000} and .total == 2400' "$TMP/out"
check "100,000 KPIs: the counts before and after" \
	jq -e '(.totals.before.all | {met, not_met}) == {"met": 100000, "not_met": 0} and (.totals.after.all | {met, not_met}) == {"met": 99000, "not_met": 1000}' "$TMP/out"
rm -f "$TMP/big-old.xml" "$TMP/big-new.xml"
# --------------------------------------------------------- a grade scale (sources/hibarino)
# A–D against the year's target: 新規就農者数 R5 6 → 5 人 is 100% → 83.3% of
# the year's target, B → C, so met flips too; the published counts follow.
hsrc=sources/hibarino/strategy.xml
awk 'index($0, "<kpi id=\"g1-farmers\"") { k = 1 }
	k && index($0, "<value year=\"2023\"") { sub(/>[^<]*</, ">5<") }
	k && index($0, "</kpi>") { k = 0 } { print }' "$hsrc" |
	sed 's|<count grade="b">3</count>|<count grade="b">2</count>|; s|<count grade="c">3</count>|<count grade="c">4</count>|' >"$TMP/hib.xml"
run_kpic check "$TMP/hib.xml"
check "hibarino copy: checks with its counts" test "$RC" = 0 -a -z "$ERR"
run_kpic diff --no-color "$hsrc" "$TMP/hib.xml"
check "hibarino: exit 1" test "$RC" = 1
check "hibarino: B → C with the rates" grep -qF '達成状況の変化  B（100.0%） → C（83.3%）' "$TMP/out"
check "hibarino: counts per grade before → after" grep -qxF '  評価別  A 3、B 3 → 2、C 3 → 4、D 2' "$TMP/out"
run_kpic diff --format=json "$hsrc" "$TMP/hib.xml"
check "hibarino JSON: the KPI's grade ids b → c" \
	test "$(jq -r '.changes[] | select(.kind == "achievement-flipped") | "\(.id) \(.before.grade) \(.after.grade)"' "$TMP/out")" = "g1-farmers b c"
check "hibarino JSON: per-grade and per-state totals before and after" \
	test "$(jq -c '[.totals.before.all.grades, .totals.after.all.grades, .totals.after.all.states]' "$TMP/out")" = \
	'[{"a":3,"b":3,"c":3,"d":2},{"a":3,"b":2,"c":4,"d":2},{"ended":1,"survey":1}]'
check "hibarino JSON: goal 1's grades before and after" \
	test "$(jq -c '.goals[0] | [.before.all.grades, .after.all.grades]' "$TMP/out")" = '[{"a":1,"b":1,"c":2,"d":0},{"a":1,"b":0,"c":3,"d":0}]'
check "hibarino JSON: the primary scale of each side" \
	test "$(jq -r '.after.scale | "\(.id) \([.grades[].symbol] | join(""))"' "$TMP/out")" = "abcd ABCD"
run_kpic diff --format=xml "$hsrc" "$TMP/hib.xml"
gx() { xmllint --xpath "$1" "$TMP/out" 2>/dev/null; }
check "hibarino XML: the scale's grades and states" \
	test "$(gx 'count(//*[local-name()="counts"]/*[local-name()="scale"]/*[local-name()="grade"])')" = 4
check "hibarino XML: total grade c 3 → 4" \
	test "$(gx 'concat(//*[local-name()="total"]/*[local-name()="before"]/*[@ref="c"]/@all, " ", //*[local-name()="total"]/*[local-name()="after"]/*[@ref="c"]/@all)')" = "3 4"
check "hibarino XML: the change's grades" \
	test "$(gx 'concat(//*[@kind="achievement-flipped"]/*[local-name()="before"]/@grade, //*[@kind="achievement-flipped"]/*[local-name()="after"]/@grade)')" = "bc"
run_kpic diff --no-color --html "$TMP/hib.html" --pdf "$TMP/hib.pdf" "$hsrc" "$TMP/hib.xml"
check "hibarino 新旧対照表: the criterion from the scale" \
	bash -c 'sed "s/<[^>]*>/ /g" "$0" | tr -s " \n" " " | grep -qF "達成率100%以上のKPI（旧 → 新）"' "$TMP/hib.html"
check "hibarino 新旧対照表: counts per grade and state, 旧 → 新" \
	bash -c 'sed "s/<[^>]*>/ /g" "$0" | tr -s " \n" " " | grep -qF "進捗評価別のKPI件数（旧 → 新） 基本目標 A B C D 事業終了 調査中 基本目標1 1 1 → 0 2 → 3 0 1 0 基本目標2 1 1 1 0 0 1 基本目標3 1 1 0 2 0 0 合計 3 3 → 2 3 → 4 2 1 1"' "$TMP/hib.html"
check "hibarino 新旧対照表 PDF: the per-grade table" \
	bash -c 'pdftotext "$0" - | tr -d " \n" | grep -qF "進捗評価別のKPI件数（旧→新）基本目標ABCD事業終了調査中基本目標1（変更）11→02→3010"' "$TMP/hib.pdf"
# --------------------------------------------------------- relative and revised targets, reference series (sources/aobane)
# A copy with one changed reference value (全国平均 R5 1.20 → 1.30: 合計特殊出生率
# 1.28 no longer above it, ◎ → △), one changed relation (出生数 維持 → 延伸)
# and one changed initial target; <published> left out of both
asrc=sources/aobane/strategy.xml
sed '/<published>/,/<\/published>/d' "$asrc" >"$TMP/ao1.xml"
sed -e 's|<value year="2023">1.20</value>|<value year="2023">1.30</value>|' \
    -e 's|<target year="2024" relation="keep"/>|<target year="2024" relation="extend"/>|' \
    -e 's|initial="60" revised-in="2022"|initial="70" revised-in="2022"|' "$TMP/ao1.xml" >"$TMP/ao2.xml"
run_kpic check "$TMP/ao1.xml" "$TMP/ao2.xml"
check "aobane copies: both check" test "$RC" = 0 -a -z "$ERR"
run_kpic diff --no-color "$TMP/ao1.xml" "$TMP/ao2.xml"
check "aobane: exit 1, four changes" test "$RC" = 1 -a -n "$(grep -xF '変更 4件' "$TMP/out")"
check "aobane: the reference series' values" \
	grep -qxF '  基本情報の変更  参照する系列: 全国平均 R2 1.33、R3 1.30、R4 1.26、R5 1.20 → 全国平均 R2 1.33、R3 1.30、R4 1.26、R5 1.30' "$TMP/out"
check "aobane: the relation of a target (維持 → 延伸)" grep -qxF '    目標値の変更  R6: 維持 → 延伸' "$TMP/out"
check "aobane: the initial target of a revised one" \
	grep -qxF '    目標値の変更  R6: 80人（当初 60人、R4改定） → 80人（当初 70人、R4改定）' "$TMP/out"
check "aobane: the grade change it causes (合計特殊出生率 ◎ → △) and the counts per grade" \
	bash -c 'grep -qxF "    達成状況の変化  ◎（—） → △（—）" "$0" && grep -qxF "  評価別  ◎ 4 → 3、○ 3、△ 3 → 4" "$0"' "$TMP/out"
run_kpic diff --format=json "$TMP/ao1.xml" "$TMP/ao2.xml"
check "aobane JSON: target-changed raw sides (relation, initial=)" \
	test "$(jq -c '[.changes[] | select(.kind == "target-changed") | [.id, .before.raw, .after.raw]]' "$TMP/out")" = \
	     '[["g1-jobs","80 initial=60 revised-in=2022","80 initial=70 revised-in=2022"],["g2-births","relation=keep","relation=extend"]]'
check "aobane JSON: the reference series by its id" \
	test "$(jq -r '.changes[] | select(.kind == "meta-changed") | "\(.field) \(.id) \(.after.raw)"' "$TMP/out")" = "reference national 2020=1.33 2021=1.30 2022=1.26 2023=1.30"
# --------------------------------------------------------- declared level names and tags (tests/levels/levels.xml)
lsrc=tests/levels/levels.xml
sed 's#<value year="2018">3</value>#<value year="2018">12</value>#; s/tags="priority cross"/tags="priority"/' "$lsrc" >"$TMP/lv.xml"
run_kpic diff --no-color "$lsrc" "$TMP/lv.xml"
check "levels: the goal level's own name in the group and the counts (政策パッケージ, 各取組)" \
	bash -c 'grep -qxF "政策パッケージ1 しごとをつくる" "$0" && grep -qxF "  達成率80%以上/未満  全KPI 1/1 → 2/0、政策パッケージ 1/0、各取組 0/1 → 1/0" "$0"' "$TMP/out"
check "levels: a KPI's tags, by their labels" grep -qxF '    KPIの定義の変更  タグ: 重点戦略、横断的目標 → 重点戦略' "$TMP/out"
check "levels: no fixed level name left" bash -c '! grep -q "基本目標\|各施策" "$0"' "$TMP/out"
sed 's/name="政策パッケージ"/name="政策分野"/' "$lsrc" >"$TMP/lv2.xml"
run_kpic diff --no-color "$lsrc" "$TMP/lv2.xml"
check "levels: a renamed level is a meta change" \
	grep -qxF '  基本情報の変更  階層の名称: 政策パッケージ › 主な取組（取組） → 政策分野 › 主な取組（取組）' "$TMP/out"
run_kpic diff --no-color --html "$TMP/lv.html" --pdf "$TMP/lv.pdf" "$lsrc" "$TMP/lv.xml"
check "levels 新旧対照表: the level names in the count table's heads and rows" \
	bash -c 'sed "s/<[^>]*>/ /g" "$0" | tr -s " \n" " " | grep -qF "政策パッケージ 全KPI 旧 全KPI 新 各取組のKPI 旧 各取組のKPI 新 政策パッケージ1"' "$TMP/lv.html"
check "levels 新旧対照表: no fixed level name in the page" bash -c '! grep -q "基本目標\|各施策" "$0"' "$TMP/lv.html"
tests/browser/validate.sh "$TMP/lv.html" >"$TMP/lv-hv.txt" 2>&1
check "levels 新旧対照表: passes html-validate" test "$?" = 0
check "levels 新旧対照表 PDF: the level names" \
	bash -c 'pdftotext "$0" - | tr -d " \n" | grep -qF "政策パッケージ1（変更）" && ! pdftotext "$0" - | grep -q "基本目標"' "$TMP/lv.pdf"
# --------------------------------------------------------- free-text columns (sources/soyokaze)
ssrc=sources/soyokaze/strategy.xml
sed 's#<text column="next">若年層の町内就職を企業と連携して促す。</text>#<text column="next">若年層の町内就職を進める。</text>#' "$ssrc" >"$TMP/so.xml"
run_kpic diff --no-color "$ssrc" "$TMP/so.xml"
check "soyokaze: a text column's text, under the column's name" \
	grep -qxF '    記述欄の変更  今後の取組: 若年層の町内就職を企業と連携して促す。 → 若年層の町内就職を進める。' "$TMP/out"
run_kpic diff --format=json "$ssrc" "$TMP/so.xml"
check "soyokaze JSON: text-changed of field next" \
	test "$(jq -c '[.kinds, (.changes[0] | [.id, .field])]' "$TMP/out")" = '[{"text-changed":1},["g1-workers","next"]]'
done_testing

# t-levels.sh - the hierarchy's level names declared in the source
# (<meta><levels>): printed by every heading, table head, count table and
# legend of the HTML and the PDF, carried into the draft; kpic's names where
# none is declared; the level-* rules.
. tests/lib.sh
fx=tests/levels/levels.xml
like_err() { printf '%s' "$ERR" | grep -qF -- "$1"; }
# the page's text, tags out, blanks folded
page_text() { sed 's/<[^>]*>/ /g' "$1" | tr -s ' \n' ' '; }

run_kpic check "$fx"
check "levels: the fixture checks" test "$RC" = 0 -a -z "$ERR"

run_kpic html -o "$TMP/l.html" "$fx"
check "levels html: renders" test "$RC" = 0
page_text "$TMP/l.html" >"$TMP/l.txt"
has() { grep -qF -- "$2" "$1"; }
check "levels html: goal heading by its declared name" has "$TMP/l.txt" '政策パッケージ1　しごとをつくる'
check "levels html: count table head" has "$TMP/l.txt" '全KPI 政策パッケージ 各取組のKPI'
check "levels html: a count table without <caption> is named by its goal" \
	grep -qF '<caption id="count-g1-cap">政策パッケージ1のKPI達成状況</caption>' "$TMP/l.html"
if [ -x build/browser/node_modules/.bin/html-validate ]; then
	tests/browser/validate.sh "$TMP/l.html" >"$TMP/hvl.txt" 2>&1
	check "levels html: passes html-validate (every table region named)" test $? = 0
fi
check "levels html: summary table head" has "$TMP/l.txt" 'うち政策パッケージのKPI（80%以上／計）'
check "levels html: summary table head, below goals" has "$TMP/l.txt" 'うち各取組のKPI（80%以上／計）'
check "levels html: KPI table head, measure column" \
	grep -qF '<th scope="col" class="level level-3">主な取組</th>' "$TMP/l.html"
check "levels html: goal-level KPIs' heading" has "$TMP/l.txt" '政策パッケージの数値目標'
check "levels html: totals legend" has "$TMP/l.txt" '政策パッケージに係るもの1件、各取組に係るもの2件'
check "levels html: chart's categories" grep -qF '政策パッケージ2：80%以上 1件' "$TMP/l.html"
check "levels html: no 基本目標 in the document's text" \
	bash -c '! sed -n "/<body/,/<script/p" "$0" | sed "s/<[^>]*>/ /g" | grep -q "基本目標\|具体的な施策\|各施策"' "$TMP/l.html"

run_kpic pdf -o "$TMP/l.pdf" "$fx"
check "levels pdf: renders" test "$RC" = 0
pdftotext "$TMP/l.pdf" - | tr -d ' \n' >"$TMP/lp.txt"
check "levels pdf: goal heading" has "$TMP/lp.txt" '政策パッケージ1しごとをつくる'
check "levels pdf: KPI table caption" has "$TMP/lp.txt" '政策パッケージ2のKPI'
check "levels pdf: measure column head" has "$TMP/lp.txt" '主な取組'
check "levels pdf: summary head" has "$TMP/lp.txt" 'うち各取組のKPI（80%以上／計）'
check "levels pdf: no 基本目標" bash -c '! grep -q "基本目標\|各施策\|具体的な施策" "$0"' "$TMP/lp.txt"
check "levels pdf: outline entry" bash -c 'qpdf --qdf --object-streams=disable "$0" - | grep -a -c "/Title" >/dev/null' "$TMP/l.pdf"

# without <levels>, kpic's names (Abashiri's stay byte-identical: golden-outputs.sh)
sed '/<levels>/,/<\/levels>/d' "$fx" >"$TMP/plain.xml"
run_kpic html -o "$TMP/p.html" "$TMP/plain.xml"
page_text "$TMP/p.html" >"$TMP/p.txt"
check "no levels: 基本目標1" has "$TMP/p.txt" '基本目標1　しごとをつくる'
check "no levels: 各施策のKPI" has "$TMP/p.txt" '全KPI 基本目標 各施策のKPI'
check "no levels: 具体的な施策" grep -qF 'class="level level-3">具体的な施策</th>' "$TMP/p.html"

# the KPI finder names the goal level as the page says (data-level-goal)
check "levels html: the appendix names the goal level for the finder" \
	grep -qF '<section id="appendix-kpi" class="appendix" aria-labelledby="appendix-kpi-h" data-level-goal="政策パッケージ">' "$TMP/l.html"
check "no levels: the appendix names kpic's goal level" grep -qF 'data-level-goal="基本目標">' "$TMP/p.html"
check "the finder's script holds no level name" bash -c '! grep -q "基本目標\|政策パッケージ" "$0"' templates/kensho.js
node tests/browser/finder.mjs "$TMP/l.html" >"$TMP/finder.json" 2>"$TMP/finder.err"
check "levels finder: the goal filter by the declared name" \
	test "$(jq -r '"\(.labels | join(" ")) / \(.goalAll)"' "$TMP/finder.json")" = "判定 担当課 政策パッケージ KPI名で検索 並べ替え / すべての政策パッケージ"
node tests/browser/finder.mjs "$TMP/p.html" >"$TMP/finder.json" 2>"$TMP/finder.err"
check "no levels finder: the goal filter by kpic's name" test "$(jq -r '.goalAll' "$TMP/finder.json")" = "すべての基本目標"

# the draft carries the names into the next period
run_kpic draft -o "$TMP/d.xml" "$fx"
check "draft: written" test "$RC" = 0
check "draft: keeps the tags" grep -qF '<tag id="priority" label="重点戦略"/>' "$TMP/d.xml"
check "draft: keeps <levels>" grep -qF '<level of="measure" name="主な取組" short="取組" rollup="worst"/>' "$TMP/d.xml"
run_kpic html -Wno-draft-placeholder -o "$TMP/d.html" "$TMP/d.xml"
check "draft html: declared name" grep -qF '政策パッケージ1' "$TMP/d.html"

# the rules
sed 's|<level of="measure" name="主な取組" short="取組" rollup="worst"/>|&<level of="goal" name="重複"/><level of="policy" name="政策"/>|' "$fx" >"$TMP/bad.xml"
run_kpic check "$TMP/bad.xml"
check "level-duplicate: exit 1" test "$RC" = 1
check "level-duplicate: names the first" like_err 'the goal level is already named on line 16: keep one <level of="goal"> [level-duplicate]'
check "level-unused: the policy level" like_err "the source has no <policy>, so the name '政策' is never printed: remove this <level> [level-unused]"
sed 's|<level of="measure" name="主な取組" short="取組" rollup="worst"/>||' "$fx" >"$TMP/un.xml"
run_kpic check "$TMP/un.xml"
check "level-unnamed: the measure level" like_err "<levels> does not name the measure level, so it prints as '具体的な施策'"
check "level-unnamed: reported once" test "$(printf '%s' "$ERR" | grep -c '\[level-unnamed\]')" = 1

# 「うち」 counts: KPIs carrying a declared tag, per goal and in total
run_kpic eval --format=json "$fx"
j() { jq -r "$1" "$TMP/out"; }
check "うち total: priority 1 met of 2" test "$(j '.totals.tags.priority | "\(.met)/\(.total) \(.grades.met) \(.grades["not-met"])"')" = "1/2 1 1"
check "うち total: cross 1 met of 2" test "$(j '.totals.tags.cross | "\(.met)/\(.total)"')" = "1/2"
check "うち goal 1: priority 1 of 2, cross 0 of 1" \
	test "$(j '.goals[0].counts.tags | "\(.priority.met)/\(.priority.total) \(.cross.met)/\(.cross.total)"')" = "1/2 0/1"
check "うち goal 2: cross 1 of 1, priority none" \
	test "$(j '.goals[1].counts.tags | "\(.cross.met)/\(.cross.total) \(.priority.total)"')" = "1/1 0"
# and in the count table of the HTML and the PDF: a 「うち」 column per tag
check "うち html: columns and counts per grade" \
	has "$TMP/l.txt" '全KPI 政策パッケージ 各取組のKPI うち重点戦略 うち横断的目標 80%以上 1 1 0 1 0 80%未満 1 0 1 1 1 合計 2 1 1 2 1'
pdftotext -layout "$TMP/l.pdf" - | tr -s ' ' >"$TMP/lpl.txt"
check "うち pdf: heads" grep -qF ' 全KPI 政策パッケージ 各取組のKPI うち重点戦略 うち横断的目標' "$TMP/lpl.txt"
check "うち pdf: 80%未満 row" grep -qF ' 80%未満 1 0 1 1 1' "$TMP/lpl.txt"
check "うち pdf: 合計 row" grep -qF ' 合計 2 1 1 2 1' "$TMP/lpl.txt"
# and in the goal summary: a 「うち」 column per tag, per goal and in 合計
check "うち summary html: heads" has "$TMP/l.txt" 'うち各取組のKPI（80%以上／計） うち重点戦略（80%以上／計） うち横断的目標（80%以上／計） 政策パッケージ1'
check "うち summary html: goal rows" has "$TMP/l.txt" '政策パッケージ1 2 1 1 1／1 0／1 1／2 0／1 政策パッケージ2 1 1 0 0／0 1／1 0／0 1／1 合計'
check "うち summary html: 合計 row" has "$TMP/l.txt" '合計 3 2 1 1／1 1／2 1／2 1／2'
check "うち summary pdf: heads" has "$TMP/lp.txt" 'うち各取組のKPI（80%以上／計）うち重点戦略（80%以上／計）うち横断的目標（80%以上／計）政策パッケージ1'
check "うち summary pdf: goal rows and 合計" has "$TMP/lp.txt" '政策パッケージ12111／10／11／20／1政策パッケージ21100／01／10／01／1合計3211／11／21／21／2'
sed '/<tag /d; s/ tags="[a-z ]*"//' "$fx" >"$TMP/notags.xml"
run_kpic html -o "$TMP/nt.html" "$TMP/notags.xml"
check "no tags declared: no 「うち」 tag column in the summary" \
	bash -c '! sed "s/<[^>]*>/ /g" "$0" | grep -q "うち重点戦略\|うち横断的目標"' "$TMP/nt.html"
run_kpic eval --format=json "$TMP/notags.xml"
check "no tags declared: no tags in the JSON" test "$(j '.totals | has("tags")')" = false
sed 's|tags="cross">|tags="cross jyuten">|' "$fx" >"$TMP/tag.xml"
run_kpic check "$TMP/tag.xml"
check "unknown-tag: exit 1" test "$RC" = 1
check "unknown-tag: names the tag" like_err "KPI '移住相談件数' carries the tag 'jyuten' that no <tag> of <meta> declares: declare it or correct the id [unknown-tag]"

# roll-ups: share of met KPIs per goal (政策パッケージ), worst grade per 取組
run_kpic eval --format=json "$fx"
check "rollup goal 1: share 50.0" test "$(j '.goals[0].rollup | "\(.method) \(.share)"')" = "share 50.0"
check "rollup goal 2: share 100.0" test "$(j '.goals[1].rollup.share')" = "100.0"
check "rollup 取組: worst grade" test "$(j '[.headings[] | "\(.id)=\(.rollup.grade)"] | join(" ")')" = "g1-m1=not-met g2-m1=met"
sed 's| rollup="[a-z]*"||g' "$fx" >"$TMP/norollup.xml"
run_kpic eval --format=json "$TMP/norollup.xml"
check "no rollup declared: no rollup on a goal or a heading" \
	test "$(j '"\(.goals[0] | has("rollup")) \(.headings[0] | has("rollup"))"')" = "false false"
sed '/<levels>/,/<\/levels>/d' "$fx" >"$TMP/nolevels.xml"
run_kpic eval --format=json "$TMP/nolevels.xml"
check "no levels declared: no headings in the JSON" test "$(j 'has("headings")')" = false
# shown on each goal's line of the HTML and the PDF
check "rollup html: share on goal 1's line" has "$TMP/l.txt" 'KPI 2件：80%以上 1件、80%未満 1件（達成の割合 50.0%）'
check "rollup pdf: share on goal 2's line" bash -c 'pdftotext "$0" - | tr -d " \n" | grep -qF "KPI1件：80%以上1件、80%未満0件（達成の割合100.0%）"' "$TMP/l.pdf"
sed 's|name="政策パッケージ" rollup="share"|name="政策パッケージ" rollup="worst"|' "$fx" >"$TMP/worst.xml"
run_kpic html -o "$TMP/w.html" "$TMP/worst.xml"
check "rollup html: worst grade on goal 1's line" bash -c 'sed "s/<[^>]*>/ /g" "$0" | tr -s " \n" " " | grep -qF "80%未満 1件（最も低い判定 未達）"' "$TMP/w.html"
run_kpic eval --format=json "$TMP/worst.xml"
check "rollup worst: goal grades" test "$(j '[.goals[].rollup.grade] | join(" ")')" = "not-met met"
# the 取組 g2-m1 left without KPI: its KPI moves to a new g2-m2
sed 's|<title>移住の相談</title>|&</measure><measure id="g2-m2"><title>空</title>|' "$fx" >"$TMP/empty.xml"
run_kpic check "$TMP/empty.xml"
check "rollup-without-kpis: the empty 取組" like_err "主な取組 'g2-m1' has no graded KPI, so its measure roll-up (rollup=\"worst\") has no result"
# ------------------------------------------------------------------------
# Five levels (基本目標 / 施策 / 基本的な方向 / 具体的な施策 / 事業), KPIs at
# several of them, A/B/C rolled up by points (95/80/35): tests/levels/five.xml.
f5=tests/levels/five.xml
run_kpic check "$f5"
check "five: the fixture checks" test "$RC" = 0 -a -z "$ERR"
run_kpic eval --format=json "$f5"
cp "$TMP/out" "$TMP/five.json"
j5() { jq -r "$1" "$TMP/five.json"; }
check "five: counts of goal 1 (all, goal level, measure level, 評価なし apart)" \
	test "$(j5 '.goals[0].counts | "\(.all.total) \(.goal.total) \(.measure.total) \(.measure.uncounted)"')" = "5 1 4 1"
check "five: grades of goal 1" test "$(j5 '.goals[0].counts.all.grades | "\(.a) \(.b) \(.c)"')" = "2 2 1"
check "five: counts of goal 2 (project KPIs are measure-level)" \
	test "$(j5 '.goals[1].counts | "\(.all.total) \(.goal.total) \(.measure.total)"')" = "2 0 2"
check "five: totals" test "$(j5 '.totals | "\(.all.total) \(.goal.total) \(.measure.total) \(.all.uncounted)"')" = "7 1 6 1"
check "five: the heading tree, 4 levels below the goals" \
	test "$(j5 '[.headings[] | "\(.level):\(.id)<\(.parent // .goal)"] | join(" ")')" = \
	"policy:g1-p1<g1 direction:g1-p1-d1<g1-p1 measure:g1-p1-d1-m1<g1-p1-d1 project:g1-p1-d1-m1-j1<g1-p1-d1-m1 project:g1-p1-d1-m1-j2<g1-p1-d1-m1 policy:g2-p1<g2 measure:g2-p1-m1<g2-p1 project:g2-p1-m1-j1<g2-p1-m1"
check "five: each KPI in its place" \
	test "$(j5 '[.headings[] | select(.level == "project") | "\(.id)=\(.counts.total)+\(.counts.uncounted)"] | join(" ")')" = \
	"g1-p1-d1-m1-j1=1+1 g1-p1-d1-m1-j2=1+0 g2-p1-m1-j1=2+0"
check "five: points per goal (評価なし left out) and the grade reached" \
	test "$(j5 '[.goals[].rollup | "\(.method) \(.points) \(.grade)"] | join(", ")')" = "points 77.0 c, points 87.5 b"
check "five: points per 施策" \
	test "$(j5 '[.headings[] | select(.level == "policy") | "\(.id) \(.rollup.points) \(.rollup.symbol)"] | join(", ")')" = "g1-p1 72.5 C, g2-p1 87.5 B"
check "five: the worst grade per 事業" \
	test "$(j5 '[.headings[] | select(.level == "project") | .rollup.grade] | join(" ")')" = "a c b"
check "five: no roll-up where the level declares none" \
	test "$(j5 '[.headings[] | select(.level == "direction" or .level == "measure") | has("rollup")] | unique | join(" ")')" = false
# a half rounds up, and the average reaches the best grade whose points are at or below it
sed 's|<value year="2018">50</value>|<value year="2018">95</value>|' "$f5" >"$TMP/five-b.xml"
run_kpic eval --format=json "$TMP/five-b.xml"
check "five: 83.75 points print as 83.8, grade B" \
	test "$(j '.headings[0].rollup | "\(.points) \(.grade)"')" = "83.8 b"
sed 's|<value year="2018">80</value>|<value year="2018">100</value>|' "$f5" >"$TMP/five-c.xml"
run_kpic eval --format=json "$TMP/five-c.xml"
check "five: exactly A's points reach A" \
	test "$(j '[.goals[1].rollup.points, .goals[1].rollup.grade] | join(" ")')" = "95.0 a"
sed 's|points="95"|points="80.5"|' "$f5" >"$TMP/five-r.xml"
run_kpic eval --format=json "$TMP/five-r.xml"
check "five: 80.25 points round half up to 80.3, below A's 80.5: B" \
	test "$(j '[.goals[1].rollup.points, .goals[1].rollup.grade] | join(" ")')" = "80.3 b"

run_kpic html -o "$TMP/five.html" "$f5"
check "five html: renders" test "$RC" = 0
page_text "$TMP/five.html" >"$TMP/five.txt"
check "five html: four heading columns, named" \
	grep -qF '<th scope="col" class="level level-3">具体的な施策</th><th scope="col" class="level level-4">事業</th>' "$TMP/five.html"
check "five html: the 施策 column" grep -qF '<th scope="col" class="level level-1">施策</th><th scope="col" class="level level-2">基本的な方向</th>' "$TMP/five.html"
check "five html: a project's cell, with its worst grade" grep -qF \
	'id="h-g1-p1-d1-m1-j2" class="heading level-4">農地あっせん事業<span class="rollup">（最も低い判定 C）</span></th>' "$TMP/five.html"
check "five html: each 施策 with its average points" has "$TMP/five.txt" '地場産業の振興 （平均 72.5点、判定 C）'
check "five html: each 事業 with its worst grade" bash -c \
	'grep -qF "就農研修事業 （最も低い判定 A）" "$0" && grep -qF "移住相談窓口事業 （最も低い判定 B）" "$0"' "$TMP/five.txt"
check "five html: levels without a roll-up show none" \
	test "$(grep -o 'class="rollup"' "$TMP/five.html" | wc -l)" = 5
check "five html: goal-level KPIs span the four heading columns" \
	grep -qF 'colspan="4" rowspan="1" class="heading goal-heading">基本目標の数値目標</th>' "$TMP/five.html"
check "five html: the points roll-up on goal 1's line" has "$TMP/five.txt" '評価なし 1件（平均 77.0点、判定 C）'
check "five html: the points roll-up on goal 2's line" has "$TMP/five.txt" '（平均 87.5点、判定 B）'
check "five html: count table, project KPIs with the measures" has "$TMP/five.txt" '全KPI 基本目標 各施策のKPI'
if [ -x build/browser/node_modules/.bin/html-validate ]; then
	tests/browser/validate.sh "$TMP/five.html" >"$TMP/hv5.txt" 2>&1
	check "five html: passes html-validate" test $? = 0
fi
if tests/browser/vnu.sh --version >/dev/null 2>&1; then
	tests/browser/vnu.sh "$TMP/five.html" >"$TMP/vnu5.txt" 2>&1
	check "five html: passes the Nu HTML Checker" test $? = 0
fi

run_kpic pdf -o "$TMP/five.pdf" "$f5"
check "five pdf: renders" test "$RC" = 0
pdftotext "$TMP/five.pdf" - | tr -d ' \n' >"$TMP/five-p.txt"
check "five pdf: the project column and cells" bash -c 'for t in 事業 就農研修事業 農地あっせん事業 移住相談窓口事業 基本的な方向; do grep -qF "$t" "$0" || exit 1; done' "$TMP/five-p.txt"
check "five pdf: the points roll-up" has "$TMP/five-p.txt" '評価なし1件（平均77.0点、判定C）'
check "five pdf: the 施策's and the 事業's roll-ups in their cells" bash -c \
	'grep -qF "移住の促進（平均87.5点、判定B）" "$0" && grep -qF "農地あっせん事業（最も低い判定C）" "$0"' "$TMP/five-p.txt"
pdftotext -layout "$TMP/five.pdf" - >"$TMP/five-pl.txt"
check "five pdf: a project KPI's row" grep -qE '移住者数 +50人 +80人 +100人 +80\.0% +B' "$TMP/five-pl.txt"

run_kpic draft -o "$TMP/five-d.xml" "$f5"
check "five draft: written" test "$RC" = 0
check "five draft: keeps the projects" test "$(grep -c '<project id=' "$TMP/five-d.xml")" = 3
check "five draft: keeps the project level and the points" \
	bash -c 'grep -qF "<level of=\"project\" name=\"事業\" rollup=\"worst\"/>" "$0" && grep -qF "points=\"35\"" "$0"' "$TMP/five-d.xml"
run_kpic check "$TMP/five-d.xml"
check "five draft: kpic check accepts it" test "$RC" = 0
check "five draft: no error" bash -c '! printf "%s" "$0" | grep -q " error: "' "$ERR"
run_kpic eval --format=json "$TMP/five-d.xml"
check "five draft: the projects in the heading tree" \
	test "$(j '[.headings[] | select(.level == "project") | .id] | join(" ")')" = "g1-p1-d1-m1-j1 g1-p1-d1-m1-j2 g2-p1-m1-j1"

# kpic diff knows the fifth level: a project renamed, added, removed, reordered
sed 's|<title>就農研修事業</title>|<title>就農研修支援事業</title>|; s|<title>移住の相談</title>|&<project id="g2-p1-m1-j0"><title>移住体験事業</title></project>|' "$f5" |
	perl -0pe 's|(<project id="g1-p1-d1-m1-j1">.*?</project>)(\s*)(<project id="g1-p1-d1-m1-j2">.*?</project>)|$3$2$1|s' >"$TMP/five-new.xml"
run_kpic diff --format=json "$f5" "$TMP/five-new.xml"
check "five diff: exit 1" test "$RC" = 1
check "five diff: the project kinds" \
	test "$(j '[.changes[] | "\(.kind) \(.id)"] | join(", ")')" = \
	"project-reordered g1-p1-d1-m1-j2, project-renamed g1-p1-d1-m1-j1, project-added g2-p1-m1-j0"
check "five diff: where the project was added" test "$(j '[.changes[2].path[].id] | join(" ")')" = "g2 g2-p1 g2-p1-m1"
run_kpic diff --format=json "$TMP/five-new.xml" "$f5"
check "five diff: and removed" test "$(j '[.changes[] | select(.kind == "project-removed") | .id] | join(" ")')" = "g2-p1-m1-j0"
run_kpic diff --no-color "$f5" "$TMP/five-new.xml"
check "five diff: its label" grep -qF '事業の追加  [g2-p1-m1-j0] 移住体験事業（移住の促進 › 移住の相談）' "$TMP/out"

# the rules of the points roll-up
sed 's| points="80"||; s|points="35"|points="96"|' "$f5" >"$TMP/five-bad.xml"
run_kpic check "$TMP/five-bad.xml"
check "points rules: exit 1" test "$RC" = 1
check "rollup-without-points: per level" test "$(printf '%s' "$ERR" | grep -c '\[rollup-without-points\]')" = 2
check "rollup-without-points: names the grade" like_err "the policy level rolls up by points, but grade 'b' of scale 'abc' has no points="
check "points-unordered: names both grades" like_err "grade 'c' has points=\"96\", more than the 95 of grade 'a' before it"
check "points rules: no rollup-without-kpis beside them" bash -c '! printf "%s" "$0" | grep -q rollup-without-kpis' "$ERR"
sed 's|points="80"|points="8O"|' "$f5" >"$TMP/five-nan.xml"
run_kpic check "$TMP/five-nan.xml"
check "invalid-number: points" like_err "points '8O' is not a decimal number"
done_testing

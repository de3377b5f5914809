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
sed '/<tag /d; s/ tags="[a-z ]*"//' "$fx" >"$TMP/notags.xml"
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
done_testing

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

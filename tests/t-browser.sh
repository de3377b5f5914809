# t-browser.sh - the validators and browser checks of the HTML document
# (tests/browser/): first proven able to fail, on fixture pages that each have
# exactly one defect, then run on every build/NAME/kensho.html there is (and
# the draft's build/NAME/draft.html and a 新旧対照表 of kpic diff).  The
# validators are html-validate and the Nu HTML Checker (vnu.sh: no error and
# no warning); check.mjs is the console, network, overflow and axe check (any
# impact) at 1280 and 375 px; kpi.mjs the KPI tables (fit at 1280 px, the
# finder driven, script disabled, cards at 375 px, print).
. tests/lib.sh
# kpic itself does not run here: once, in the plain pass, is enough.
[ "${LABEL:-}" = plain ] || done_testing "plain pass only"

fx=tests/browser/fixtures
out=build/browser/out
mkdir -p "$out"
# Every browser process of these runs carries this mark in its environment,
# so that none left alive afterwards goes unnoticed.
mark=kpic-t-browser-$$

# browser PAGE OUTDIR: runs check.mjs; sets RC and keeps its summary in OUT.
browser() {
	OUT=$(KPIC_BROWSER_RUN=$mark node tests/browser/check.mjs "$1" "$2" 2>&1)
	RC=$?
}
# The fixture pages are checked two at a time (a browser each) before any
# result is read: checked_page NAME then sets RC and OUT from NAME's run.
pages=$(cd "$fx" && ls *.html)
n=0
for p in $pages; do
	d=$out/${p%.html}
	rm -rf "$d"; mkdir -p "$d"
	(browser "$fx/$p" "$d"; printf '%s\n' "$OUT" >"$d/summary.txt"; echo "$RC" >"$d/rc") &
	n=$((n + 1)); [ $((n % 2)) = 0 ] && wait
done
wait
checked_page() {
	dir=$out/$1
	RC=$(cat "$dir/rc"); OUT=$(cat "$dir/summary.txt")
}
# show WANT: prints check.mjs's summary when its exit status was not WANT
show() { [ "$RC" = "$1" ] || sed 's/^/    /' <<<"$OUT" | head -20; }
alive() { # processes still alive with the mark (zombies have no environment)
	grep -ls "KPIC_BROWSER_RUN=$mark" /proc/[0-9]*/environ | wc -l
}
png_width() { # FILE: the width of a PNG file; fails if it is not a PNG
	[ "$(head -c 16 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a0000000d49484452 ] || return 1
	od -An -j16 -N4 -tu1 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'
}
j() { jq -r "$1" "$dir/browser.json"; }

# --- the validator: every fixture but one is valid ---------------------------
tests/browser/validate.sh --formatter=json "$fx"/*.html >"$TMP/hv.json"
check "html-validate ran on the fixtures" test "$(jq -r type "$TMP/hv.json" 2>/dev/null)" = array
hv() { jq -r --arg f "$1" "[.[] | select(.filePath | endswith(\"/\" + \$f)) | .messages[] | select(.severity == 2) | .ruleId] | join(\" \")" "$TMP/hv.json"; }
for f in "$fx"/*.html; do
	f=${f##*/}
	case $f in
	bad-validator.html) check "validator: $f fails, on its deprecated attribute only" test "$(hv "$f")" = no-deprecated-attr ;;
	*) check "validator: $f is valid" test -z "$(hv "$f")" ;;
	esac
done

# --- the Nu HTML Checker: the good page has no error and no warning, the
# validator's page fails on its obsolete attribute only ----------------------
tests/browser/vnu.sh --format json "$fx/good.html" "$fx/bad-validator.html" >"$TMP/vnu.json" 2>"$TMP/vnu.err"
check "vnu: ran on the fixtures, exit 1 (one page has a warning)" test $? = 1 -a "$(jq -r '.messages | type' "$TMP/vnu.json" 2>/dev/null)" = array
sed 's/^/    /' "$TMP/vnu.err" | head -5
vnu_of() { jq -r --arg f "$1" '[.messages[] | select(.url | endswith("/" + $f)) | select(.type == "error" or .subType == "warning") | .message] | join(" | ")' "$TMP/vnu.json"; }
check "vnu: good.html has no error and no warning" test -z "$(vnu_of good.html)"
check "vnu: bad-validator.html is warned of its obsolete align only" \
	test "$(vnu_of bad-validator.html)" = "The “align” attribute on the “td” element is obsolete. Use CSS instead."

# --- the good page passes every check ---------------------------------------
checked_page good
check "good page: every browser check passes" test "$RC" = 0; show 0
for c in console network overflow axe; do
	check "good page: $c passes" test "$(j ".checks.$c")" = pass
done
check "good page: not one request besides itself" test "$(j '.requests | length')" = 0
check "good page: not one axe violation, whatever its impact" test "$(j '.axe | length')" = 0
check "good page: no wider than the phone" test "$(j .overflowPx)" = 0 -a "$(j .overflow.scrollWidth)" -le 375
check "desktop screenshot: a PNG 1280 wide" test "$(png_width "$dir/desktop.png")" = 1280
check "phone screenshot: a PNG 375 wide" test "$(png_width "$dir/phone.png")" = 375
check "text.txt: a KPI name of the table" grep -q "HACCP認定施設保有企業数（ホタテ製品）" "$dir/text.txt"
check "text.txt: the counts of the narrative" grep -q "56本中33本であった。" "$dir/text.txt"
check "text.txt: the table's cells, tab-separated" grep -q "^観光入込客数"$'\t'"人"$'\t'"141万5千"$'\t' "$dir/text.txt"
check "no browser process left alive" test "$(alive)" = 0

# --- each bad page fails exactly the check it targets -----------------------
# page, the one check that fails (- for none: the validator's page), and a jq
# test of the evidence in browser.json
while read -r page fails evidence; do
	checked_page "${page%.html}"
	if [ "$fails" = - ]; then
		check "$page: passes every browser check" test "$RC" = 0 -a "$(j '.failed | length')" = 0; show 0
	else
		check "$page: exit 1" test "$RC" = 1; show 1
		check "$page: fails $fails, and only $fails" test "$(j '.failed | join(",")')" = "$fails"
	fi
	check "$page: $evidence" test "$(j "$evidence")" = true
done <<'PAGES'
bad-console.html console .consoleErrors | length == 2 and all(.text == "KPIの集計に失敗しました")
bad-pageerror.html console [.pageErrors[].message] | length == 2 and all(test("null"))
bad-request-http.html network [.requests[] | select(.url == "http://example.invalid/logo.png" and .type == "image" and .aborted)] | length == 2
bad-request-file.html network [.requests[] | select((.url | endswith("/fixtures/kensho.css")) and .aborted)] | length == 2
bad-overflow.html overflow .overflowPx > 100 and .overflow.culprits[0].element == "table" and .overflow.layoutWidth == 375
bad-axe-contrast.html axe [.axe[] | select(.id == "color-contrast" and .impact == "serious")] | length == 1
bad-axe-link.html axe [.axe[] | select(.id == "link-in-text-block" and .impact == "serious" and .nodes == ["#fnref-1"])] | length == 1
bad-axe-scroll.html axe .axe | map(.id + " " + .impact + " " + (.passes | join(","))) == ["scrollable-region-focusable serious phone"]
bad-axe-region.html axe .axe | map(.id + " " + .impact + " " + (.nodes | join(","))) == ["region moderate .note"]
bad-validator.html - .checks | all(. == "pass")
PAGES
# A failure says which rule, which elements and which Chromium, from the log
# alone: an upgrade of Debian's Chromium or axe that fails a page is found so.
checked_page bad-axe-link
check "a failing axe rule is named with its elements and the Chromium version" \
	grep -qE '^.*bad-axe-link\.html: FAILED axe \(Chromium [0-9]+\.[0-9.]+, [0-9]+ ms\)$' <<<"$OUT"
check "the axe line names the rule, its impact and the element" \
	grep -qF 'axe       FAIL  link-in-text-block (serious, 1: #fnref-1)' <<<"$OUT"
check "blocked loads are not counted as console errors" test "$(jq '.consoleErrors | length' "$out/bad-request-http/browser.json")" = 0
check "no browser process left alive after the bad pages" test "$(alive)" = 0

# --- trouble is not failure ---------------------------------------------------
browser "$TMP/no-such-page.html" "$TMP/x"
check "a missing page: exit 2" test "$RC" = 2
CHROMIUM=/nonexistent/chromium browser "$fx/good.html" "$TMP/x"
check "no Chromium: exit 2, saying so" test "$RC" = 2 -a -n "$(grep 'Chromium not found' <<<"$OUT")"

# vnu NAME PAGE: the Nu HTML Checker finds no error and no warning.
vnu() {
	tests/browser/vnu.sh --format gnu "$2" >"$TMP/vnu.txt" 2>&1
	local rc=$?
	check "$1 passes the Nu HTML Checker, no error, no warning" test $rc = 0
	[ $rc = 0 ] || sed 's/^/    /' "$TMP/vnu.txt" | head -20
}

# kpi_tables NAME PAGE OUTDIR: kpi.mjs on a verification document, its
# findings held against kpic's own evaluation (eval.json).
kpi_tables() {
	local name=$1 page=$2 d=$3
	KPIC_BROWSER_RUN=$mark node tests/browser/kpi.mjs "$page" "$d" >"$TMP/kpi.txt" 2>&1
	local rc=$?
	check "$name: the KPI table checks pass (fit, finder, no script, cards, print)" test $rc = 0
	[ $rc = 0 ] || sed 's/^/    /' "$TMP/kpi.txt" | head -20
	k() { jq -r "$1" "$d/kpi.json"; }
	local ev=build/$name/eval.json
	check "$name: at 1280 px the name, 最新値, 目標値, 達成率 and 判定 of every KPI row are in sight" \
		test "$(k '.fit.rows')" = "$(jq '.kpis | length' "$ev")" -a "$(k '.fit.nbad')" = 0 -a "$(k '.fit.cells')" = "$(( $(jq '.kpis | length' "$ev") * 5 ))"
	check "$name: no script: every KPI of the evaluation is shown" \
		test "$(k '.noscript.ids | map(sub("^kpi-"; "")) | sort | join(" ")')" = "$(jq -r '[.kpis[].id] | sort | join(" ")' "$ev")"
	check "$name: the 判定 filter offers the grades of the page and shows as many as the evaluation counts" \
		test "$(k '[.grades[] | "\(.value)=\(.shown)"] | sort | join(" ")')" = "$(jq -r '[.kpis[] | if .state then "state-\(.state)" elif .grade then "grade-\(.grade)" elif .met then "met" else "unmet" end] | group_by(.) | map("\(.[0])=\(length)") | join(" ")' "$ev")"
	check "$name: the 担当課 and 基本目標 filters, the search and the sort" \
		test "$(k '[.dept.only, .goal.only, .goal.otherSections == 0, .search.only, .search.shown > 0, .sort.desc.ordered, .sort.asc.ordered, .restored.order] | all')" = true
	check "$name: the header row and the KPI name stay in view" test "$(k '.sticky.header and .sticky.name')" = true
	check "$name: at 375 px every KPI is a card, and the page does not scroll sideways" \
		test "$(k '.cards.nbad == 0 and .phoneScrollWidth <= 375')" = true
	check "$name: printed, the full table" test "$(k '.print.hiddenExtra == 0 and .print.extra > 0')" = true
	check "$name: the page's own policy lets its style and script run, nothing else" test "$(k '.checks.csp')" = true
	[ -f "$d/finder.png" ] && cp "$d/finder.png" "build/$name/kensho-finder.png"
}

# dom_content NAME TEXT: what the browser shows holds every KPI name and every
# override's reason of the evaluation (read from kpic's JSON, not from the
# stylesheet), and for Abashiri every figure the city published.
dom_content() {
	local name=$1 text=$2 missing=0 n=0 kpi
	while IFS= read -r kpi; do
		n=$((n + 1))
		grep -qF -- "$kpi" "$text" || { missing=$((missing + 1)); echo "    not in the page: $kpi"; }
	done < <(jq -r '.kpis[].name' "build/$name/eval.json")
	check "$name: the page shows all $n KPI names" test "$n" -gt 0 -a "$missing" = 0
	missing=0
	while IFS= read -r reason; do
		grep -qF -- "$reason" "$text" || missing=$((missing + 1))
	done < <(jq -r '.kpis[] | select(.override != null) | .override.reason' "build/$name/eval.json")
	check "$name: the page shows every override's reason" test "$missing" = 0
	[ "$name" = abashiri ] || return 0
	check "abashiri page: 総数が64件, 8 goal-level, 56 measure" \
		grep -q '総数が64件あり、このうち5つの基本目標に係るKPIが8件、その下の各施策に係るものが56件' "$text"
	check "abashiri page: 8本すべてが達成率80%以上" grep -q 'KPIは8本すべてが達成率80%以上' "$text"
	check "abashiri page: 56本中33本が達成率80%以上" grep -q 'KPIは56本中33本が達成率80%以上' "$text"
	local g want got
	for want in "1 10 1 9 8 0 8" "2 4 1 3 3 0 3" "3 6 1 5 1 0 1" "4 6 2 4 6 0 6" "5 15 3 12 5 0 5"; do
		g=${want%% *}
		got=$(awk -v g="〈基本目標$g." 'index($0, g) == 1 { n = 1; next }
			n && /^80%(以上|未満)/ { sub(/^80%(以上|未満)\t/, ""); gsub(/\t/, " "); out = out " " $0; if (++n > 2) exit }
			END { print g2 substr(out, 2) }' g2="$g " "$text")
		check "abashiri page: goal $g table reads ≥80% / <80% as published" test "$got" = "$want"
	done
}

# --- the real documents --------------------------------------------------------
for src in sources/*/strategy.xml; do
	name=${src#sources/}; name=${name%/strategy.xml}
	page=build/$name/kensho.html
	if [ ! -f "$page" ]; then
		echo "SKIP (not counted) $page does not exist yet: its validator and browser acceptance did not run"
		continue
	fi
	tests/browser/validate.sh "$page" >"$TMP/hv.txt" 2>&1; rc=$?
	check "$name: kensho.html passes html-validate" test $rc = 0
	[ $rc = 0 ] || sed 's/^/    /' "$TMP/hv.txt" | head -30
	vnu "$name: kensho.html" "$page"
	kpi_tables "$name" "$page" "build/$name/browser-kpi"
	dir=build/$name/browser
	browser "$page" "$dir"
	check "$name: kensho.html passes the browser checks" test "$RC" = 0; show 0
	for c in console network overflow axe; do
		check "$name: kensho.html: $c" test "$(j ".checks.$c")" = pass
	done
	cp "$dir/desktop.png" "build/$name/kensho-desktop.png"
	cp "$dir/phone.png" "build/$name/kensho-phone.png"
	cp "$dir/text.txt" "build/$name/kensho.txt"
	check "$name: kensho-desktop.png 1280 wide" test "$(png_width "build/$name/kensho-desktop.png")" = 1280
	check "$name: kensho-phone.png 375 wide" test "$(png_width "build/$name/kensho-phone.png")" = 375
	check "$name: kensho.txt has the document's text" grep -q "総合戦略" "build/$name/kensho.txt"
	dom_content "$name" "build/$name/kensho.txt"
	# The next period's draft (kpic draft), rendered by the same stylesheet.
	page=build/$name/draft.html
	[ -f "$page" ] || continue
	tests/browser/validate.sh "$page" >"$TMP/hv.txt" 2>&1; rc=$?
	check "$name: draft.html passes html-validate" test $rc = 0
	[ $rc = 0 ] || sed 's/^/    /' "$TMP/hv.txt" | head -30
	vnu "$name: draft.html" "$page"
	browser "$page" "build/$name/browser-draft"
	check "$name: draft.html passes the browser checks (axe of any impact at 1280 and 375 px)" test "$RC" = 0; show 0
	dir=build/$name/browser-draft
	check "$name: draft.html: not one axe violation" test "$(j '.axe | length')" = 0
	cp "$dir/desktop.png" "build/$name/draft-desktop.png"
	cp "$dir/phone.png" "build/$name/draft-phone.png"
	check "$name: draft-desktop.png 1280 wide, draft-phone.png 375 wide" \
		test "$(png_width "build/$name/draft-desktop.png")/$(png_width "build/$name/draft-phone.png")" = 1280/375
	check "$name: draft.html shows the draft's title" grep -q "まち・ひと・しごと創生総合戦略（素案）" "build/$name/browser-draft/text.txt"
done
# --- the KPI table checks can fail: each page has one defect ------------------
# kpi_fails NAME FAILS: kpi.mjs on $TMP/NAME.html exits 1 and fails FAILS only.
kpi_fails() {
	KPIC_BROWSER_RUN=$mark node tests/browser/kpi.mjs "$TMP/$1.html" "$TMP/kpi-$1" >"$TMP/kpi.txt" 2>&1
	local rc=$?
	check "kpi.mjs on $1: exit 1, fails $2 only" test $rc = 1 -a "$(jq -r '.failed | join(",")' "$TMP/kpi-$1/kpi.json")" = "$2"
	[ $rc = 1 ] || sed 's/^/    /' "$TMP/kpi.txt" | head -10
}
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl"
# the table as wide as before (96rem): 達成率 and 判定 off the screen
printf '@media (min-width: 41rem) { .kpi-table { min-width: 96rem; } }\n' >>"$TMP/tpl/kensho.css"
"$KPIC" html --templates="$TMP/tpl" -o "$TMP/wide.html" sources/abashiri/strategy.xml 2>/dev/null
kpi_fails wide fit
check "kpi.mjs on the wide table: names the cells out of sight" \
	test "$(jq '[.fit.bad[] | select(.cell == "td.rate" or .cell == "td.mark")] | length > 0' "$TMP/kpi-wide/kpi.json")" = true
# no finder: nothing to filter, search or sort; without script all is shown
cp templates/kensho.css "$TMP/tpl/kensho.css" && rm "$TMP/tpl/kensho.js"
"$KPIC" html --templates="$TMP/tpl" -o "$TMP/nojs.html" sources/abashiri/strategy.xml 2>/dev/null
kpi_fails nojs filter,search,sort
# a script changed after kpic hashed it: the policy refuses to run it
sed 's/'"'"'use strict'"'"';/'"'"'use strict'"'"'; void 0;/' build/abashiri/kensho.html >"$TMP/tampered.html"
kpi_fails tampered csp,filter,search,sort
check "kpi.mjs on the changed script: the console says the policy refused it" \
	test "$(jq '[.console[] | select(test("Content Security Policy"))] | length > 0' "$TMP/kpi-tampered/kpi.json")" = true

# --- the 新旧対照表 (kpic diff --html) -------------------------------------------
if tests/diff/mkpair.sh sources/abashiri/strategy.xml "$TMP/pair" 2>/dev/null &&
	{ "$KPIC" diff --no-color "$TMP/pair/old.xml" "$TMP/pair/new.xml" --html "$TMP/shinkyu.html" >/dev/null 2>&1; [ -s "$TMP/shinkyu.html" ]; }; then
	tests/browser/validate.sh "$TMP/shinkyu.html" >"$TMP/hv.txt" 2>&1
	check "shinkyu.html passes html-validate" test $? = 0
	vnu "shinkyu.html" "$TMP/shinkyu.html"
	dir=build/abashiri/browser-shinkyu
	browser "$TMP/shinkyu.html" "$dir"
	check "shinkyu.html passes the browser checks" test "$RC" = 0; show 0
	check "shinkyu.html: not one axe violation at either width" test "$(j '.axe | length')" = 0
	cp "$dir/desktop.png" build/abashiri/shinkyu-desktop.png
	cp "$dir/phone.png" build/abashiri/shinkyu-phone.png
	check "shinkyu-desktop.png 1280 wide, shinkyu-phone.png 375 wide" \
		test "$(png_width build/abashiri/shinkyu-desktop.png)/$(png_width build/abashiri/shinkyu-phone.png)" = 1280/375
else
	not_ok "shinkyu: kpic diff --html of the fixture pair"
fi

# The XSS probe: the browser shows the hostile names as text and runs nothing.
if "$KPIC" html -o "$TMP/xss.html" tests/html/xss.xml 2>/dev/null; then
	dir=$TMP/xss
	browser "$TMP/xss.html" "$dir"
	check "xss page: passes the browser checks (no console error, no request)" test "$RC" = 0; show 0
	check "xss page: the KPI name is shown as text" grep -qF '<script>alert(1)</script> & "引用"' "$dir/text.txt"
	check "xss page: the goal title is shown as text" grep -qF '<img src=x onerror=alert(2)>' "$dir/text.txt"
else
	not_ok "xss page: kpic html failed on tests/html/xss.xml"
fi
check "no browser process left alive at the end" test "$(alive)" = 0
done_testing

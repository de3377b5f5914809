# t-html.sh - `kpic html`: the verification document as one HTML page.
#
# What a browser sees (DOM text, validator, accessibility) is checked in
# t-browser.sh; here: the page's structure and figures as kpic writes them,
# escaping, determinism, locked-down stylesheets, and that a failed run
# writes nothing.
. tests/lib.sh
src=sources/abashiri/strategy.xml
page=$TMP/kensho.html

run_kpic html -o "$page" "$src"
check "html: exit 0, no diagnostics" test "$RC" = 0 -a -z "$ERR"
check "html: starts with the HTML5 doctype" test "$(head -n 1 "$page")" = "<!DOCTYPE html>"
check "html: lang=ja" grep -q '<html lang="ja">' "$page"
check "html: UTF-8 declared once" test "$(grep -o '<meta charset="utf-8">' "$page" | wc -l)" = 1
check "html: kanji written as UTF-8, not as character references" bash -c '! grep -q "&#[0-9]" "$0"' "$page"
h() { xmllint --html --xpath "$1" "$page" 2>/dev/null; }
check "html: CSS inlined" grep -q '<style>/\*' "$page"
check "html: no external resource (src/href to a URL, @import, url())" \
	bash -c '! grep -qiE "(src|href)=\"(https?:)?//|@import|url\(" "$0"' "$page"
check "html: one script, the KPI finder of templates/kensho.js, inlined" \
	test "$(grep -o '<script' "$page" | wc -l)" = 1 -a "$(grep -c 'kensho.js - the KPI finder' "$page")" = 1
check "html: the script asks for nothing (no fetch, XHR, src, import)" \
	bash -c '! grep -qE "fetch\(|XMLHttpRequest|\.src *=|import\(|WebSocket|sendBeacon" "$0"' templates/kensho.js
check "html: the script is a few kilobytes" test "$(wc -c <templates/kensho.js)" -lt 8192
# The Content-Security-Policy: the page's own style and script by hash, and
# nothing else from anywhere; declared before either of them.
python3 tests/html/csp-check.py "$page" >"$TMP/csp.txt"
csp=$(sed -n 1p "$TMP/csp.txt")
style_hash=$(sed -n 's/^style //p' "$TMP/csp.txt")
script_hash=$(sed -n 's/^script //p' "$TMP/csp.txt")
check "html: CSP allows nothing by default, styles and scripts only by their hashes" \
	test "$csp" = "default-src 'none'; style-src '$style_hash'; script-src '$script_hash'; base-uri 'none'; form-action 'none'"
check "html: the CSP meta comes before the style and the script" \
	test "$(sed -n 2p "$TMP/csp.txt")" = "meta meta meta meta style script" -a "$(grep -c 'http-equiv="Content-Security-Policy"' "$page")" = 1
check "html: CSP meta right after the charset" \
	test "$(h 'local-name(//head/*[2])'):$(h 'string(//head/*[2]/@http-equiv)')" = "meta:Content-Security-Policy"

# Structure through an HTML parser (xmllint --html), not by grepping text.
h() { xmllint --html --xpath "$1" "$page" 2>/dev/null; }
run_kpic eval --format=json "$src"
ids=$(printf '%s' "$OUT" | jq -r '.kpis[].id')
missing=0
for id in $ids; do
	[ "$(h "count(//tr[@id='kpi-$id'])")" = 1 ] || { missing=$((missing + 1)); echo "    no row #kpi-$id"; }
done
check "html: a row #kpi-ID for each of the 64 KPIs" test "$(printf '%s\n' $ids | wc -l)" = 64 -a "$missing" = 0
check "html: a trend chart for each KPI" test "$(h 'count(//figure[@class="trend"]/*[local-name()="svg"])')" = 64
check "html: every chart has a title and a description" \
	test "$(h 'count(//*[local-name()="svg"][*[local-name()="title"]][*[local-name()="desc"]])')" = "$(h 'count(//*[local-name()="svg"])')"
check "html: ids are unique" test "$(h '//@id' | sed 's/^ *id="\(.*\)"$/\1/' | sort | uniq -d | wc -l)" = 0
check "html: five goal sections in the appendix" test "$(h 'count(//section[starts-with(@id,"goal-")])')" = 5
check "html: 64 達成/未達 marks, 41 達成" \
	test "$(h 'count(//td[contains(@class,"mark")])')/$(h 'count(//td[contains(@class,"mark")][starts-with(normalize-space(.),"達成")])')" = "64/41"
check "html: count table of goal 1 reads 10 / 8 / 18" \
	test "$(h 'string(//table[@id="count-g1"]/tbody/tr[1]/td[1])')/$(h 'string(//table[@id="count-g1"]/tbody/tr[2]/td[1])')/$(h 'string(//table[@id="count-g1"]/tbody/tr[3]/td[1])')" = "10/8/18"
check "html: narrative computes 総数が64件" grep -q '総数が64件あり' "$page"
check "html: narrative computes 56本中33本" grep -q '56本中33本が達成率80%以上' "$page"
check "html: yearly columns H26 … H31 from the evaluation" \
	test "$(h 'string(//table[@id="goal-g1-table"]/thead/tr[1])')" = "基本方針基本的な方向性具体的な施策KPI基準値(H26)H27年(度)H28年(度)H29年(度)H30年(度)最新値目標値(H31)達成率判定基準日(調査日)結果公表日(確認時期)確認方法担当課"
# The columns a reader came for are shown at once; the others are .extra,
# unfolded by the table's column toggle (and always in print).
check "html: the header cells beside the KPI, 最新値 and 目標値, 達成率 and 判定 are extra" \
	test "$(h 'count(//table[@id="goal-g1-table"]/thead/tr/th[contains(@class,"extra")])')" = 9
check "html: every KPI row has the same 9 extra cells" \
	test "$(h 'count(//tr[contains(@class," kpi") or @class="kpi"][count(td[contains(concat(" ",@class," ")," extra ")]) != 9])')" = 0
check "html: every goal's table has its column toggle, labelled" \
	test "$(h 'count(//div[@class="kpi-block"]/p[@class="col-toggle"]/input[@type="checkbox"][@id = ../label/@for])')" = 5
check "html: 最新値 reads the latest value with its year" \
	test "$(h 'string(//tr[@id="kpi-g1-employees"]/td[contains(@class,"latest")])')" = "15,757人（H28）"
check "html: a KPI row carries its grade, 達成率, goal and 担当課 for the finder" \
	test "$(h 'concat(//tr[@id="kpi-g1-pedestrians-weekday"]/@data-grade, "|", //tr[@id="kpi-g1-pedestrians-weekday"]/@data-grade-label, "|", //tr[@id="kpi-g1-pedestrians-weekday"]/@data-rate, "|", //tr[@id="kpi-g1-pedestrians-weekday"]/@data-goal, "|", //tr[@id="kpi-g1-pedestrians-weekday"]/@data-dept)')" = "grade-not-met|未達|11.1778|g1|shoko"
check "html: 64 KPI rows with a grade, 41 met" \
	test "$(h 'count(//tr[@data-grade])')/$(h 'count(//tr[@data-grade="grade-met"])')" = "64/41"
check "html: 141万5千人 as the seed writes it" grep -q '141万5千人' "$page"
# Axis labels as the document writes the KPI's numbers: 万/億 where its
# values are so written, plain digits where they are plain.
ticks() { h "//figure[@id='trend-$1']//*[local-name()='text'][@text-anchor='end'][@class='kc-label']" | sed 's/<[^>]*>/ /g' | tr '\n' ' ' | tr -s ' ' | sed 's/^ //; s/ $//'; }
check "html: the axis of 海外輸出量 その他農産物 reads 1億, not 100,000,000" \
	test "$(ticks g1-export-other)" = "0 2,000万 4,000万 6,000万 8,000万 1億"
check "html: the axis of 網走港からの移・輸出入貨物取扱量 reads 万" \
	test "$(ticks g1-port-volume)" = "37万 38万 39万 40万 41万"
check "html: a plain KPI's axis stays plain (市内事業所の従業員数)" \
	test "$(ticks g1-employees)" = "15,600 15,800 16,000 16,200 16,400 16,600"
check "html: the override's reason is a footnote" \
	test "$(h 'count(//ol[@class="footnotes"]/li[contains(.,"判定を「達成」とした理由")][contains(.,"検証書は本KPIを達成率80%以上に数えている")])')" = 1
fns="fn-g1-1 fn-g1-2 fn-g1-3 fn-g2-1 fn-g3-1 fn-g3-2 fn-g3-3 fn-g3-4 fn-g3-5 fn-g3-6 fn-g3-7 fn-g3-8 fn-g5-1"
check "html: footnotes numbered from 1 in each goal, in document order (k:footnote)" \
	test "$(h '//ol[@class="footnotes"]/li/@id' | sed 's/^ *id="\(.*\)"$/\1/' | tr '\n' ' ')" = "$fns "
check "html: each footnote's reference carries its number" \
	test "$(h '//a[@class="fnref"]/@id' | sed 's/^ *id="fnref-\(.*\)"$/fn-\1/' | tr '\n' ' ')" = "$fns "
check "html: the override is note 6 of goal 3, after its KPI's own notes" \
	test "$(h 'count(//li[@id="fn-g3-6"][contains(.,"判定を「達成」とした理由")])')" = 1
check "html: a value covering several years printed with its span, as the seed: (H20-24) 1.51" \
	test "$(h 'string(//tr[@id="kpi-g3-tfr"]/td[1])')/$(h 'count(//ol[@class="footnotes"]/li[contains(.,"H24 1.51")])')" = "(H20-24) 1.51/0"
check "html: a provisional value's footnote says 未確定 once" \
	test "$(h 'string(//li[@id="fn-g5-1"])')" = "※1公共施設等の総面積の縮小：H30 未確定 (313千㎡) ↩"
check "html: heading cells span their rows (policy 14, direction 4, measure 2, once each)" \
	test "$(h 'string(//th[@id="h-g1-p1"]/@rowspan)')/$(h 'string(//th[@id="h-g1-p1-d1"]/@rowspan)')/$(h 'string(//th[@id="h-g1-p1-d1-m3"]/@rowspan)')/$(h 'count(//th[starts-with(@id,"h-g1-p1")])')" = "14/4/2/12"
check "html: every chart placeholder was replaced" bash -c '! grep -q "$(printf "\001")" "$0"' "$page"
check "html: reposts link to the original row" \
	test "$(h 'count(//tr[@class="repost"]//a[@href="#kpi-g3-tfr"])')" -ge 1
check "html: grant amounts formatted (331,527,094)" test "$(h 'count(//table[@class="grants"]//td[.="331,527,094"])')" = 1
check "html: a table per 担当課 with 商工労働課 12 KPIs" \
	test "$(h 'string(//table[@class="departments"]//tr[th="商工労働課"]/td[1])')" = 12
check "html: table of contents links to every top-level section" \
	test "$(h 'count(//nav//a)')" -ge 12
check "html: wide tables scroll in a focusable, labelled region" \
	test "$(h 'count(//div[@role="region"][@class="table-scroll kpi-scroll"][@tabindex="0"][@aria-labelledby])')" = 5

# Determinism: the same source gives the same bytes.
run_kpic html -o "$TMP/again.html" "$src"
check "html: two builds are byte-identical" cmp -s "$page" "$TMP/again.html"

# Text from the source is escaped, never markup.
run_kpic html -o "$TMP/xss.html" tests/html/xss.xml
check "xss: renders (exit 0)" test "$RC" = 0
check "xss: no script element but the page's own (the KPI finder)" \
	test "$(grep -oi '<script' "$TMP/xss.html" | wc -l)" = 1 -a "$(grep -c 'kensho.js - the KPI finder' "$TMP/xss.html")" = 1
check "xss: no img element" bash -c '! grep -qi "<img" "$0"' "$TMP/xss.html"
check "xss: the KPI name is text" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "引用"' "$TMP/xss.html"
check "xss: the name is escaped inside the chart's SVG too" \
	test "$(xmllint --html --xpath 'string(//figure[@id="trend-k1"]//*[local-name()="title"])' "$TMP/xss.html" 2>/dev/null)" = "<script>alert(1)</script> & \"引用\" '単'"

# A narrative <date> is written in era form.
sed 's|<p>全<count/>件</p>|<p>全<count/>件、<date value="2015-06-12"/>現在</p>|' tests/fixtures/minimal.xml >"$TMP/date.xml"
run_kpic html -o "$TMP/date.html" "$TMP/date.xml"
check "a narrative <date> reads H27. 6. 12" grep -q '全2件、H27. 6. 12現在' "$TMP/date.html"

# A failed run writes nothing and keeps the previous output.
printf 'previous\n' >"$TMP/keep.html"
sed 's|<value year="2015">90</value>|<value year="2015">9O</value>|' tests/fixtures/minimal.xml >"$TMP/bad.xml"
run_kpic html -o "$TMP/keep.html" "$TMP/bad.xml"
check "bad source: exit 1 with a diagnostic" test "$RC" = 1 -a -n "$ERR"
check "bad source: previous output kept" test "$(cat "$TMP/keep.html")" = previous
check "bad source: no temporary file left" test "$(ls "$TMP" | grep -c '^\.keep\|keep.html.')" = 0

before=$(sha256sum <"$src")
run_kpic html -o "$src" "$src"
check "html: refuses to overwrite its input" test "$RC" = 2
check "html: the input is untouched" test "$(sha256sum <"$src")" = "$before"

# Stylesheets are locked down: no reading outside the templates and source
# directories, no network, no writing; a broken stylesheet is reported.
hostile() {
	local name=$1 xsl=$2 want=$3
	rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl" && cp "$xsl" "$TMP/tpl/kensho.xsl"
	printf 'previous\n' >"$TMP/h.html"
	run_kpic html --templates="$TMP/tpl" -o "$TMP/h.html" tests/fixtures/minimal.xml
	check "$name: exit 2" test "$RC" = 2
	check "$name: says why" grep -q "$want" "$TMP/err"
	check "$name: nothing written" test "$(cat "$TMP/h.html")" = previous
}
hostile "template reads /etc/passwd" tests/html/passwd.xsl "tried to read '/etc/passwd'"
hostile "template fetches http://" tests/html/network.xsl "network"
rm -f /tmp/kpic-exsl-probe.txt
hostile "template writes with exsl:document" tests/html/write.xsl "kensho.xsl"
check "template writes with exsl:document: no file created" test ! -e /tmp/kpic-exsl-probe.txt
hostile "broken template" tests/html/broken.xsl "kensho.xsl:5: error: .*could not compile select expression"
# every line of a stylesheet's errors names the stylesheet (libxslt writes
# some as a bare "error" line, libxml2 some as a bare message)
hostile "broken pattern and include" tests/html/broken-pattern.xsl "kensho.xsl:6: error: .*failed to compile '(('"
check "broken pattern and include: every line names the stylesheet" \
	bash -c '! sed "1,/nothing was written:\$/d" "$0" | grep -v "^$1/kensho.xsl:"' "$TMP/err" "$TMP/tpl"
check "broken pattern and include: no bare error line" bash -c '! grep -qx "error" "$0"' "$TMP/err"
# and at the line of the instruction they are about (the next placed message)
check "broken pattern and include: the unplaced message, at its line" \
	grep -q "kensho.xsl:6: error: xsltCompileLocationPathPattern : Name expected" "$TMP/err"
check "broken pattern and include: the refused read, at the include's line" \
	grep -q "kensho.xsl:5: error: xsltLoadStyleDocument: read rights for .*missing.xsl denied" "$TMP/err"
check "broken pattern and include: no line without one" \
	bash -c '! sed "1,/nothing was written:\$/d" "$0" | grep -v "^$1/kensho.xsl:[0-9][0-9]*: \|the stylesheet has errors"' "$TMP/err" "$TMP/tpl"
# an instruction XSLT does not have: libxslt warns and leaves it out of the
# page, which kpic used to write (exit 0)
hostile "unknown XSLT instruction" tests/html/unknown-instruction.xsl "kensho.xsl:6: error: .*unknown xsl:value-of-all"
hostile "broken template: the XPath message" tests/html/broken.xsl "kensho.xsl:5: error: Invalid expression"
# a stylesheet that is not well-formed: libxml2's "F:N: parser error : M" in kpic's form
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/" <\n' >"$TMP/notwf.xsl"
hostile "stylesheet not well-formed" "$TMP/notwf.xsl" "kensho.xsl:2: error: error parsing attribute name"
check "stylesheet not well-formed: no 'parser error :' line" bash -c '! grep -q "parser error :" "$0"' "$TMP/err"

# The read check looks at the file that is opened: a URI whose encoded
# separator (a%2Fb) names one file to the check and another to the opener is
# refused, for document() and for xsl:include alike.
encoded() {
	local name=$1 xsl=$2
	rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl"
	sed "s|@TPL@|$TMP/tpl|" "$xsl" >"$TMP/tpl/kensho.xsl"
	mkdir -p "$TMP/tpl/a%2Fb" "$TMP/tpl/a/b"
	local x='<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
	x="$x"'<xsl:template match="/"><html><body><p>%s</p></body></html></xsl:template></xsl:stylesheet>\n'
	printf '<x>decoy</x>\n' >"$TMP/tpl/secret.xml" && printf "$x" decoy >"$TMP/tpl/secret.xsl"
	printf '<x>LEAKED</x>\n' >"$TMP/secret.xml" && printf "$x" LEAKED >"$TMP/secret.xsl"
	printf 'previous\n' >"$TMP/h.html"
	run_kpic html --templates="$TMP/tpl" -o "$TMP/h.html" tests/fixtures/minimal.xml
	check "$name: exit 2" test "$RC" = 2
	check "$name: says why" grep -qF "tried to read 'file://$TMP/tpl/a%2Fb/../../secret.x" "$TMP/err"
	check "$name: nothing written" test "$(cat "$TMP/h.html")" = previous
	check "$name: the outside file's text appears nowhere" bash -c '! grep -q LEAKED "$0" "$1"' "$TMP/err" "$TMP/out"
}
encoded "document() through an encoded separator" tests/html/encoded.xsl
encoded "xsl:include through an encoded separator" tests/html/encoded-include.xsl

# The stylesheet of a templates directory is inlined into the page: one that
# links to a file elsewhere is not read.
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl" && ln -sf /etc/passwd "$TMP/tpl/kensho.css"
printf 'previous\n' >"$TMP/h.html"
run_kpic html --templates="$TMP/tpl" -o "$TMP/h.html" tests/fixtures/minimal.xml
check "kensho.css linked outside: exit 2" test "$RC" = 2
check "kensho.css linked outside: says why" grep -q "kensho.css: a link to a file outside the templates directory" "$TMP/err"
check "kensho.css linked outside: nothing written" test "$(cat "$TMP/h.html")" = previous
check "kensho.css linked outside: no line of the file appears" bash -c '! grep -q "^root:" "$0" "$1"' "$TMP/err" "$TMP/out"
ln -sf kensho.xsl "$TMP/tpl/kensho.css" && cp templates/kensho.css "$TMP/tpl/real.css" && ln -sf real.css "$TMP/tpl/kensho.css"
run_kpic html --templates="$TMP/tpl" -o "$TMP/h.html" tests/fixtures/minimal.xml
check "kensho.css linked inside the directory: read" test "$RC" = 0
# kensho.js the same; a templates directory without it gives a page without
# script, and a policy that allows none.
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl" && ln -sf /etc/passwd "$TMP/tpl/kensho.js"
printf 'previous\n' >"$TMP/h.html"
run_kpic html --templates="$TMP/tpl" -o "$TMP/h.html" tests/fixtures/minimal.xml
check "kensho.js linked outside: exit 2, says why, nothing written" \
	test "$RC" = 2 -a "$(grep -c "kensho.js: a link to a file outside the templates directory" "$TMP/err")" = 1 -a "$(cat "$TMP/h.html")" = previous
rm "$TMP/tpl/kensho.js"
run_kpic html --templates="$TMP/tpl" -o "$TMP/h.html" tests/fixtures/minimal.xml
check "no kensho.js: exit 0, a page without script" test "$RC" = 0 -a "$(grep -c '<script' "$TMP/h.html")" = 0
python3 tests/html/csp-check.py "$TMP/h.html" >"$TMP/csp.txt"
check "no kensho.js: the policy allows no script" \
	grep -qx "default-src 'none'; style-src 'sha256-[^']*'; base-uri 'none'; form-action 'none'" "$TMP/csp.txt"
printf '\r\n/* CR LF */\r\n' >>"$TMP/tpl/kensho.css"
run_kpic html --templates="$TMP/tpl" -o "$TMP/h.html" tests/fixtures/minimal.xml
python3 tests/html/csp-check.py "$TMP/h.html" >"$TMP/csp.txt"
check "a CSS with CR LF: the hash is that of the text the browser reads" \
	grep -qF "style-src '$(sed -n 's/^style //p' "$TMP/csp.txt")'" "$TMP/csp.txt"
# The document stylesheets share templates/common.xsl (xsl:include): each named
# template is defined once, and the included file is the templates directory's
# own, read under the same lock as the stylesheet that includes it.
dups=$(cat templates/*.xsl | sed -n 's/.*<xsl:template name="\([^"]*\)".*/\1/p' | sort | uniq -d | tr '\n' ' ')
check "templates: no named template defined in two stylesheets (${dups:-none twice})" test -z "$dups"
for xsl in kensho.xsl kensho-layout.xsl shinkyu.xsl shinkyu-layout.xsl draft.xsl; do
	check "templates: $xsl includes common.xsl" grep -q '<xsl:include href="common.xsl"/>' "templates/$xsl"
done
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl"
sed -i 's|　担当課別の達成状況</xsl:template>|　担当課別（共通）</xsl:template>|' "$TMP/tpl/common.xsl"
run_kpic html --templates="$TMP/tpl" -o "$TMP/c.html" tests/fixtures/minimal.xml
check "common.xsl of --templates: the page's appendix and its table of contents say what it says" \
	test "$RC" = 0 -a "$(grep -o '付録2　担当課別（共通）' "$TMP/c.html" | wc -l)" = 2
run_kpic pdf --templates="$TMP/tpl" --format=xml -o "$TMP/c.xml" tests/fixtures/minimal.xml
check "common.xsl of --templates: the layout document's appendix too" \
	grep -q '<heading level="2" id="appendix-departments">付録2　担当課別（共通）</heading>' "$TMP/c.xml"
mkdir -p "$TMP/elsewhere" && cp templates/common.xsl "$TMP/elsewhere/" && ln -sf "$TMP/elsewhere/common.xsl" "$TMP/tpl/common.xsl"
for cmd in html pdf draft; do
	printf 'previous\n' >"$TMP/c.out"
	run_kpic $cmd --templates="$TMP/tpl" -o "$TMP/c.out" tests/fixtures/minimal.xml
	check "common.xsl linked outside the templates directory: kpic $cmd refuses, exit 2, nothing written" \
		test "$RC" = 2 -a "$(cat "$TMP/c.out")" = previous
	check "common.xsl linked outside: kpic $cmd says why and where" \
		bash -c 'grep -qF "tried to read '"'$TMP/tpl/common.xsl'"', outside the templates and source directories" "$0" &&
			grep -q "\.xsl:[0-9]*: error: xsl:include" "$0"' "$TMP/err"
done
rm -f "$TMP/tpl/common.xsl"
printf 'previous\n' >"$TMP/c.out"
run_kpic html --templates="$TMP/tpl" -o "$TMP/c.out" tests/fixtures/minimal.xml
check "common.xsl missing: exit 2, the including line named, nothing written" \
	test "$RC" = 2 -a "$(cat "$TMP/c.out")" = previous -a -n "$(grep 'tpl/kensho.xsl:[0-9]*: error: xsl:include' "$TMP/err")"
# <threshold/> and a narrative <value/> print their % and unit; one the
# source writes right after them is not repeated.
sed 's|<p>全<count/>件</p>|<p>達成率<threshold/>以上、従業員<value kpi="k1" year="2015"/>で、<value kpi="k1" year="2015"/>人。達成率<threshold/>%。</p>|' \
	tests/fixtures/minimal.xml >"$TMP/inline.xml"
run_kpic html -o "$TMP/inline.html" "$TMP/inline.xml"
check "html: <threshold/> prints 80%, <value/> its unit, neither twice" \
	test "$(xmllint --html --xpath 'string(//section[@id="s1"]/p)' "$TMP/inline.html" 2>/dev/null)" = "達成率80%以上、従業員90人で、90人。達成率80%。"
run_kpic diff --no-color tests/fixtures/minimal.xml "$TMP/inline.xml"
check "diff: the narrative's <threshold/> and <value/> as the document prints them" \
	grep -qF '{+達成率80%以上、従業員90人で、90人。達成率80%。+}' "$TMP/out"

check "html: the contents list each 基本目標 with its title, as the PDF's do" \
	test "$(h 'string(//nav[@class="toc"]//a[@href="#goal-g1"])')/$(h 'count(//nav[@class="toc"]//a[starts-with(@href,"#goal-")][contains(.,"　")])')" = "基本目標1　若い世代を中心として、安心して働くための産業振興と雇用の場の創出/5"
# A span within one era and across two: (H22-26), (H30-R2).
sed -e 's|end="2019" baseline="2014"|end="2021" baseline="2014"|' \
	-e 's|<baseline year="2014">100</baseline>|<baseline year="2014" from="2010">100</baseline>|' \
	-e 's|<value year="2015">90</value>|<value year="2015">90</value><value year="2020" from="2018">95</value>|' \
	tests/fixtures/minimal.xml >"$TMP/span.xml"
run_kpic html -o "$TMP/span.html" "$TMP/span.xml"
check "html: spans (H22-26) 100人 and (H30-R2) 95人 in the KPI table" \
	test "$(xmllint --html --xpath 'concat(string(//tr[@id="kpi-k1"]/td[1]), "/", string(//tr[@id="kpi-k1"]/td[7]))' "$TMP/span.html" 2>/dev/null)" = "(H22-26) 100人/(H30-R2) 95人"

# Trend charts of KPIs with several series draw their targets too: one line
# per series where the targets differ, one where the series share it.
tl() { h "count(//figure[@id='trend-$1']//*[local-name()='line'][@class='kc-target'])"; }
check "html: 健康寿命 (男性, 女性) has a target line per series, each labelled" \
	test "$(tl g5-healthy-life)/$(h 'string(//figure[@id="trend-g5-healthy-life"]//*[local-name()="text"][@class="kc-target"][1])')/$(h 'string(//figure[@id="trend-g5-healthy-life"]//*[local-name()="text"][@class="kc-target"][2])')" = "2/目標（男性） 79.34歳/目標（女性） 84.19歳"
check "html: 橋梁補強・浸水対策 (one target for both series) has one target line" \
	test "$(tl g5-infrastructure)/$(h 'string(//figure[@id="trend-g5-infrastructure"]//*[local-name()="text"][@class="kc-target"])')" = "1/目標 100%"
check "html: every KPI chart whose series are drawn has a target line" \
	test "$(h 'count(//figure[@class="trend"][not(.//*[local-name()="line"][@class="kc-target"])])')" = 0

# A from= that is not before its year is bad input: a diagnostic, no page.
sed 's|<baseline year="2014">100</baseline>|<baseline year="2014" from="2014">100</baseline>|' \
	tests/fixtures/minimal.xml >"$TMP/badfrom.xml"
rm -f "$TMP/badfrom.html"
run_kpic html -o "$TMP/badfrom.html" "$TMP/badfrom.xml"
check "html: from= not before year= is an error at its line, exit 1, nothing written" \
	test "$RC" = 1 -a ! -e "$TMP/badfrom.html" -a "$(grep -c 'badfrom.xml:20:31: error: from="2014" is not before year="2014": .* \[invalid-year\]' "$TMP/err")" = 1

# Appendices are numbered by what is present: without grants, 付録1 and 付録2.
run_kpic html -o "$TMP/nogrants.html" tests/fixtures/minimal.xml
check "html: without grant tables the 担当課 appendix is 付録2, in the text and the contents" \
	test "$(xmllint --html --xpath 'string(//h2[@id="appendix-departments-h"])' "$TMP/nogrants.html" 2>/dev/null)/$(xmllint --html --xpath 'string(//nav//a[@href="#appendix-departments"])' "$TMP/nogrants.html" 2>/dev/null)" = "付録2　担当課別の達成状況/付録2　担当課別の達成状況"
check "html: with grant tables it is 付録3" \
	test "$(h 'string(//h2[@id="appendix-departments-h"])')" = "付録3　担当課別の達成状況"

# Machine-readable diagnostics never mix with a page written to standard output.
run_kpic html --diagnostics-format=json tests/fixtures/minimal.xml
check "html to stdout: the page alone on stdout, diagnostics on stderr" \
	test "$(head -n 1 "$TMP/out")" = "<!DOCTYPE html>" -a "$(jq -r '.diagnostics | length' "$TMP/err")" -ge 1
done_testing

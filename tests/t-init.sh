# t-init.sh - kpic init DIR: a new city's source and its actuals sheet, that
# check clean apart from their placeholders and build at once; the refusals;
# the line a terminal gets (html, pdf, build, init, import, update) and -q;
# the <?xml-model?> association of the sources init, import and draft write,
# which changes no output.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1554076800
muni='テスト町'
title='テスト町まち・ひと・しごと創生総合戦略'
city=$TMP/city

# ---------------------------------------------------------------- a new city
run_kpic init --municipality="$muni" --title="$title" --period=R2-R6 "$city" </dev/null
check "init: exit 0, nothing on stdout or stderr (not a terminal)" test "$RC" = 0 -a -z "$OUT" -a -z "$ERR"
check "init: strategy.xml and actuals.csv written" test -s "$city/strategy.xml" -a -s "$city/actuals.csv"
check "init: nothing else in DIR" test "$(ls "$city" | tr '\n' ' ')" = "actuals.csv strategy.xml "
src=$city/strategy.xml
check "init: the municipality and the title" \
	test "$(grep -c -e "<municipality>$muni</municipality>" -e "<title>$title</title>" "$src")" = 2
check "init: R2-R6 is the period 2020-2024, baselines in 2019" \
	grep -qF '<period start="2020" end="2024" baseline="2019"/>' "$src"
check "init: Abashiri's scheme by default" \
	grep -qF '<evaluation threshold="80" combine="best" provisional="no"/>' "$src"
check "init: no @FIELD@ left" test "$(grep -c '@[A-Z_]*@' "$src")" = 0
href=$(sed -n '2s/^<?xml-model href="\([^"]*\)" type="application\/xml" schematypens="http:\/\/relaxng.org\/ns\/structure\/1.0"?>$/\1/p' "$src")
check "init: line 2 is the <?xml-model?> of kpic.rng" test -n "$href"
check "init: its href is the templates' kpic.rng" cmp -s "$href" templates/kpic.rng
if command -v xmllint >/dev/null; then
	check "init: xmllint --relaxng accepts it" bash -c 'xmllint --noout --relaxng "$0" "$1" 2>/dev/null' templates/kpic.rng "$src"
fi

# kpic check: exactly one draft-placeholder warning per <placeholder>, nothing else
run_kpic check "$src"
check "check: exit 0" test "$RC" = 0
diags=$(grep -E '^[^ ].*: (warning|error|note):' "$TMP/err")
check "check: every diagnostic is a draft-placeholder warning" \
	test "$(grep -c ': warning: still to be written or decided: .*\[draft-placeholder\]$' <<<"$diags")" = "$(wc -l <<<"$diags")"
check "check: at the line of each <placeholder>, and only there" \
	test "$(sed 's/^[^:]*:\([0-9]*\):.*/\1/' <<<"$diags" | tr '\n' ' ')" = "$(grep -n '^ *<placeholder[ >]' "$src" | cut -d: -f1 | tr '\n' ' ')"
check "check: 8 placeholders" test "$(wc -l <<<"$diags")" = 8
run_kpic check -Wno-draft-placeholder "$src"
check "check -Wno-draft-placeholder: clean" test "$RC" = 0 -a -z "$ERR"
run_kpic check -Werror "$src"
check "check -Werror: fails until the placeholders are resolved" test "$RC" = 1
run_kpic eval --format=json "$src"
check "eval: 3 KPIs over 2 goals" \
	test "$(jq -c '[(.kpis | length), (.goals | length), [.kpis[].id]]' "$TMP/out")" = '[3,2,["g1-employees","g1-startups","g2-waiting"]]'

# HTML and PDF at once
run_kpic html -o "$city/kensho.html" "$src"
check "html: exit 0" test "$RC" = 0
check "html: the municipality and the title" grep -qF "「${title}」検証" "$city/kensho.html"
run_kpic pdf -o "$city/kensho.pdf" "$src"
check "pdf: exit 0" test "$RC" = 0
if command -v pdftotext >/dev/null; then
	pdftotext "$city/kensho.pdf" "$TMP/pdf.txt"
	check "pdf: the municipality on the title page" test "$(head -n 1 "$TMP/pdf.txt")" = "$muni"
	check "pdf: the example KPIs in 付録1" grep -qF '（例）保育所の待機児童数' "$TMP/pdf.txt"
fi

# the actuals sheet: one row per KPI, the year in the value column's header
sheet=$city/actuals.csv
check "actuals.csv: the header names the year after the examples' figures" \
	test "$(grep -v '^#' "$sheet" | head -n 1)" = 'kpi,series,令和3年度,status'
check "actuals.csv: one empty row per KPI" \
	test "$(grep -v '^#' "$sheet" | sed 1d | tr '\n' ' ')" = 'g1-employees,,, g1-startups,,, g2-waiting,,, '
sed -i 's/^g1-employees,,,$/g1-employees,,10100,/; s/^g1-startups,,,$/g1-startups,,7,/; s/^g2-waiting,,,$/g2-waiting,,8,/' "$sheet"
run_kpic update --actuals "$sheet" "$src"
check "update of the filled sheet: exit 0, 3 added for 令和3年度" \
	test "$RC" = 0 -a "$OUT" = "kpic: $src: 令和3年度 (FY2021): 3 added, 0 replaced, 0 revised, 0 unchanged; the previous version is $src~"
run_kpic eval --format=json "$src"
check "update: the new figures are the latest" \
	test "$(jq -c '[.kpis[].series[0].latest.value]' "$TMP/out")" = '[10100,7,8]'

# text is escaped as XML; an installed-looking period too
odd=$TMP/odd
run_kpic init --municipality='A&B<町>' --title='"A&B" 戦略' --period=2019-2021 "$odd"
check "escaping: exit 0" test "$RC" = 0
check "escaping: & < > and quotes written as XML" \
	grep -qF '<municipality>A&amp;B&lt;町&gt;</municipality>' "$odd/strategy.xml"
run_kpic check -Wno-draft-placeholder "$odd/strategy.xml"
check "escaping: checks clean" test "$RC" = 0 -a -z "$ERR"
check "a period from 2019: the sheet is for 2020, 令和2年度" \
	grep -qx 'kpi,series,令和2年度,status' "$odd/actuals.csv"

# ---------------------------------------------------------------- refusals
cp "$src" "$TMP/before.xml"
cp "$sheet" "$TMP/before.csv"
run_kpic init --municipality=X --title=Y --period=2020-2024 "$city"
check "a DIR with strategy.xml: exit 2" test "$RC" = 2
check "a DIR with strategy.xml: said" test "$ERR" = "kpic: $city/strategy.xml exists already; kpic init writes nothing over it (choose a new directory)"
check "a DIR with strategy.xml: nothing overwritten" cmp -s "$src" "$TMP/before.xml"
check "a DIR with strategy.xml: the sheet neither" cmp -s "$sheet" "$TMP/before.csv"
mkdir "$TMP/half"
echo 'kpi,value' >"$TMP/half/actuals.csv"
run_kpic init --municipality=X --title=Y --period=2020-2024 "$TMP/half"
check "a DIR with actuals.csv: exit 2, no strategy.xml" test "$RC" = 2 -a ! -e "$TMP/half/strategy.xml"
check "a DIR with actuals.csv: the sheet kept" test "$(cat "$TMP/half/actuals.csv")" = 'kpi,value'
run_kpic init "$TMP/none" </dev/null
check "no options, not a terminal: exit 2" test "$RC" = 2
check "no options, not a terminal: names what is missing" \
	test "$(head -n 1 "$TMP/err")" = "kpic: init: give --municipality, --title, --period (standard input is not a terminal, so kpic does not ask)"
check "no options: no directory made" test ! -e "$TMP/none"
run_kpic init --municipality=X --period=2020-2024 "$TMP/none" </dev/null
check "no --title: exit 2, only --title named" \
	test "$RC" = 2 -a "$(head -n 1 "$TMP/err")" = "kpic: init: give --title (standard input is not a terminal, so kpic does not ask)"
run_kpic init --municipality='　' --title=Y --period=2020-2024 "$TMP/none"
check "a blank municipality: exit 2" test "$RC" = 2 -a ! -e "$TMP/none"
run_kpic init --municipality=X --title=Y --period=2024-2020 "$TMP/none"
check "a period that ends before it starts: exit 2, named" \
	test "$RC" = 2 -a -n "$(grep -F "init: --period='2024-2020': the first and last fiscal years" "$TMP/err")"
run_kpic init --municipality=X --title=Y --period=1868-1870 "$TMP/none"
check "a period whose baseline year would be before 1868: exit 2" test "$RC" = 2 -a ! -e "$TMP/none"
run_kpic init --municipality=X --title=Y --period=2020-2024 --scheme=grades5 "$TMP/none"
check "an unknown scheme: exit 2, named" \
	test "$RC" = 2 -a -n "$(grep -F "unknown --scheme 'grades5'" "$TMP/err")" -a ! -e "$TMP/none"
run_kpic init --list-schemes
check "--list-schemes: ratio80, the default" test "$RC" = 0 -a "$(head -n 1 "$TMP/out")" = "ratio80 (default)"

# Every scheme of --list-schemes: a source that checks clean apart from its
# placeholders, whose counts follow the scheme's grades and whose page and PDF
# print them.  The grade ids, symbols and counts are those of the three
# example KPIs under each scheme's rule.
check "--list-schemes: four schemes" test "$(grep -c '^[a-z]' "$TMP/out")" = 4
while read -r scheme symbols counts; do
	d=$TMP/scheme-$scheme
	run_kpic init --municipality="$muni" --title="$title" --period=R2-R6 --scheme="$scheme" "$d" </dev/null
	check "--scheme=$scheme: exit 0" test "$RC" = 0
	run_kpic check -Wno-draft-placeholder "$d/strategy.xml"
	check "--scheme=$scheme: checks clean apart from the placeholders" test "$RC" = 0 -a -z "$ERR"
	run_kpic eval --format=json "$d/strategy.xml"
	got=$(jq -r '.totals.all.grades | to_entries | map("\(.key)=\(.value)") | join(",")' <<<"$OUT")
	check "--scheme=$scheme: the counts per grade ($counts)" test "$got" = "$counts"
	run_kpic html -Wno-draft-placeholder -o "$d/kensho.html" "$d/strategy.xml"
	ok_html=1
	for sym in ${symbols//,/ }; do grep -qF "$sym" "$d/kensho.html" || ok_html=0; done
	check "--scheme=$scheme: the page prints the grades $symbols" test "$RC" = 0 -a "$ok_html" = 1
	run_kpic pdf -Wno-draft-placeholder -o "$d/kensho.pdf" "$d/strategy.xml"
	check "--scheme=$scheme: the PDF" test "$RC" = 0 -a -s "$d/kensho.pdf"
done <<'SCHEMES'
ratio80 80%以上,80%未満 met=1,not-met=2
marks ◎,○,△,× a=0,b=1,c=1,d=1
abcd A,B,C,D a=0,b=1,c=2,d=0
abc A,B,C a=1,b=2,c=0
SCHEMES
run_kpic init --municipality=X --title=Y --period=2020-2024 "$TMP/nodir/sub"
check "a DIR whose parent is missing: exit 2, nothing made" test "$RC" = 2 -a ! -e "$TMP/nodir"
run_kpic init --municipality=X --title=Y --period=2020-2024 "$TMP/a" "$TMP/b"
check "two DIRs: a usage error" test "$RC" = 2 -a ! -e "$TMP/a" -a ! -e "$TMP/b"

# ---------------------------------------------------------------- import and draft
run_kpic import -o "$TMP/imp.xml" tests/import/goal1.tsv
check "import: the same frame, with the <?xml-model?>" \
	test "$(sed -n 2p "$TMP/imp.xml")" = "$(sed -n 2p "$src")"
check "import: the document's sections" test "$(grep -c '<section id=' "$TMP/imp.xml")" = 6
run_kpic check "$TMP/imp.xml"
check "import: check gives only the unnamed municipality and title, and the placeholders" \
	test "$(grep -E '^[^ ].*: (warning|error|note):' "$TMP/err" | sed 's/.*\[\(.*\)\]$/\1/' | sort | uniq -c | tr -s ' ' | tr '\n' ';')" = " 5 draft-placeholder; 2 unnamed-strategy;"
run_kpic draft -o "$TMP/draft.xml" sources/abashiri/strategy.xml
check "draft: the <?xml-model?> after the declaration" \
	test "$(sed -n 2p "$TMP/draft.xml")" = "$(sed -n 2p "$src")"

# a source with the instruction gives the same outputs as without
fx=tests/rules/clean.xml
sed '1a <?xml-model href="../../templates/kpic.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>' "$fx" >"$TMP/pi.xml"
check "the instruction is there" test "$(grep -c '<?xml-model' "$TMP/pi.xml")" = 1
cp "$fx" "$TMP/nopi.xml"
for f in pi nopi; do
	"$KPIC" html -o "$TMP/$f.html" "$TMP/$f.xml" 2>/dev/null
	"$KPIC" pdf -o "$TMP/$f.pdf" "$TMP/$f.xml" 2>/dev/null
	"$KPIC" eval --format=json "$TMP/$f.xml" >"$TMP/$f.json" 2>/dev/null
	"$KPIC" export "$TMP/$f.xml" >"$TMP/$f.csv" 2>/dev/null
done
run_kpic check "$TMP/pi.xml"
check "<?xml-model?>: check clean" test "$RC" = 0 -a -z "$ERR"
check "<?xml-model?>: the same HTML, byte for byte" cmp -s "$TMP/pi.html" "$TMP/nopi.html"
check "<?xml-model?>: the same PDF, byte for byte" cmp -s "$TMP/pi.pdf" "$TMP/nopi.pdf"
check "<?xml-model?>: the same evaluation" cmp "$TMP/pi.json" "$TMP/nopi.json"
check "<?xml-model?>: an evaluation at all" test -s "$TMP/pi.json"
check "<?xml-model?>: the same export" cmp -s "$TMP/pi.csv" "$TMP/nopi.csv"
run_kpic diff "$TMP/nopi.xml" "$TMP/pi.xml"
check "<?xml-model?>: no difference for kpic diff" test "$RC" = 0 -a -z "$OUT"

# ---------------------------------------------------------------- on a terminal
# script(1) gives kpic a terminal; its output has CRLF line ends.
if ! command -v script >/dev/null; then
	done_testing "no script(1): the terminal cases are not run"
fi
on_tty() { script -qec "$1" /dev/null </dev/null | tr -d '\r'; }
t=$TMP/tty
said=$(on_tty "$KPIC init --municipality=$muni --title=$title --period=2020-2024 $t")
check "tty init: the line saying what was written" \
	test "$said" = "kpic: wrote $t/strategy.xml, $t/actuals.csv (3 KPIs, no warnings, 8 placeholders to fill in)"
said=$(printf '%s\n' "$muni" "$title" R2-R6 | script -qec "$KPIC init $TMP/asked" /dev/null | tr -d '\r')
check "tty init: asks for what the options do not give" \
	test "$(grep -c -e "<municipality>$muni</municipality>" -e "<title>$title</title>" -e '<period start="2020" end="2024"' "$TMP/asked/strategy.xml")" = 3
check "tty init: the prompts, then the line" grep -qF "Municipality (自治体名, e.g. 網走市): " <<<"$said"
said=$(on_tty "$KPIC init -q --municipality=$muni --title=$title --period=2020-2024 $TMP/quiet")
check "tty init -q: silent" test -z "$said" -a -s "$TMP/quiet/strategy.xml"
said=$(on_tty "$KPIC html -Wno-draft-placeholder -o $t/k.html $t/strategy.xml")
check "tty html: file, KPIs, warnings" test "$said" = "kpic: wrote $t/k.html (3 KPIs, no warnings)"
"$KPIC" html -Wno-draft-placeholder -o "$t/k2.html" "$t/strategy.xml"
check "tty html: the same page as without a terminal" cmp -s "$t/k.html" "$t/k2.html"
said=$(on_tty "$KPIC pdf -o $t/k.pdf $t/strategy.xml" | grep '^kpic:')
pages=$(pdfinfo "$t/k.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "tty pdf: file, pages, KPIs, warnings" test "$said" = "kpic: wrote $t/k.pdf (${pages:-?} pages, 3 KPIs, 8 warnings)"
"$KPIC" pdf -o "$t/k2.pdf" "$t/strategy.xml" 2>/dev/null
check "tty pdf: the same PDF as without a terminal" cmp -s "$t/k.pdf" "$t/k2.pdf"
said=$(on_tty "$KPIC pdf -q -o $t/k.pdf -Wno-draft-placeholder $t/strategy.xml")
check "tty pdf -q: silent" test -z "$said"
said=$(on_tty "$KPIC build -Wno-draft-placeholder -d $t/out $t/strategy.xml")
check "tty build: one line per document" \
	test "$said" = "kpic: wrote $t/out/tty/kensho.html, kensho.pdf (${pages:-?} pages, 3 KPIs, no warnings)"
said=$(on_tty "$KPIC import -o $t/imp.xml tests/import/goal1.tsv" | grep '^kpic:')
check "tty import: file, KPIs, warnings, placeholders" \
	test "$said" = "kpic: wrote $t/imp.xml (18 KPIs, 2 warnings, 5 placeholders to fill in)"
cmp -s "$t/imp.xml" "$TMP/imp.xml"
check "tty import: the same source as without a terminal" test $? = 0
said=$(on_tty "$KPIC import -q -o $t/imp.xml tests/import/goal1.tsv" | grep '^kpic:')
check "tty import -q: silent" test -z "$said"
printf 'kpi,R4\ng1-employees,10200\ng1-startups,8\ng2-waiting,6\n' >"$t/r4.csv"
said=$(on_tty "$KPIC update -q --actuals $t/r4.csv $t/strategy.xml")
check "update -q: silent, and updated" test -z "$said" -a -n "$(grep -F '<value year="2022">10200</value>' "$t/strategy.xml")"
done_testing

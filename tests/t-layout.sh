# t-layout.sh - the PDF layout engine, through build/layout-run: A4 portrait
# and landscape pages, a long table broken across pages with its head
# repeated, cells spanning rows across page breaks, a row taller than a page,
# text that extracts to the right characters, embedded subset fonts, tags,
# the outline and the table of contents' links, reproducible output, the
# layout warnings, and every box inside the page margins.
#
# With LABEL=asan the sanitizer build lays out every fixture and must stay
# silent; the PDF itself is checked once, with the plain build.
. tests/lib.sh
fx=tests/layout
# fontconfig's caches live until exit (see tools/layout.h)
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export SOURCE_DATE_EPOCH=1554076800   # 2019-04-01T00:00:00Z

run=build/layout-run
[ "${LABEL:-}" = asan ] && run=build/layout-run-asan

# layout NAME: lays out $fx/NAME.xml into $TMP/NAME.pdf and $TMP/NAME.jsonl;
# sets RC and ERR.
layout() {
	"$run" "$fx/$1.xml" "$TMP/$1.pdf" "$TMP/$1.jsonl" 2>"$TMP/$1.err"
	RC=$?
	ERR=$(cat "$TMP/$1.err")
	if grep -qE 'Sanitizer|runtime error:' "$TMP/$1.err"; then
		not_ok "sanitizer report from layout-run $1"
		sed 's/^/    /' "$TMP/$1.err" | head -40
	fi
}

if [ "${LABEL:-}" = asan ]; then
	for f in long overflow spans rowsplit keep warnings avoid; do
		layout $f
		check "asan: $f lays out" test "$RC" = 0
		check "asan: $f is a sound PDF" qpdf --check "$TMP/$f.pdf"
	done
	for f in not-layout bad-block; do
		layout $f
		check "asan: $f is refused" test "$RC" = 1
	done
	done_testing "asan: the PDF itself is checked in the plain pass"
fi

npages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# the size of every page, one "W x H" line each
sizes() { pdfinfo -f 1 -l "$(npages "$1")" "$1" | sed -n 's/^Page *[0-9]* size: *\([0-9.]* x [0-9.]*\) pts.*/\1/p'; }
page_text() { pdftotext -f "$2" -l "$2" "$1" -; }
PORTRAIT="595.276 x 841.89"
LANDSCAPE="841.89 x 595.276"

# Every text and figure box inside the margins, headers and footers inside
# the page, and no two text boxes of a page overlapping.
check_boxes() {
	local name=$1 jsonl=$TMP/$1.jsonl
	check "$name: boxes were written" test -s "$jsonl"
	check "$name: every text box inside the margins" jq -se '
		map(select(.kind == "text" or .kind == "figure")
		    | select(.x < .margin_left - 0.01 or .x + .w > .page_w - .margin_right + 0.01
		             or .y < .margin_top - 0.01 or .y + .h > .page_h - .margin_bottom + 0.01))
		| length == 0' "$jsonl"
	check "$name: headers and footers inside the page" jq -se '
		map(select(.kind == "header" or .kind == "footer")
		    | select(.x < 0 or .y < 0 or .x + .w > .page_w or .y + .h > .page_h)) | length == 0' "$jsonl"
	check "$name: no text drawn over other text" jq -se '
		map(select(.kind == "text")) | group_by(.page)
		| map(. as $b | [range(0; length) as $i | range($i + 1; length) as $j | [$b[$i], $b[$j]]
		      | select(.[0].x < .[1].x + .[1].w - 0.01 and .[1].x < .[0].x + .[0].w - 0.01
		               and .[0].y < .[1].y + .[1].h - 0.01 and .[1].y < .[0].y + .[0].h - 0.01)])
		| flatten | length == 0' "$jsonl"
}

# --- a long document: narrative, figures, an 80-row table in landscape -------
layout long
pdf=$TMP/long.pdf
check "long: exit 0" test "$RC" = 0
check "long: no warnings" test -z "$ERR"
n=$(npages "$pdf")
check "long: several pages" test "$n" -ge 6
check "long: the boxes cover every page" test "$(jq -s 'map(.page) | max' "$TMP/long.jsonl")" = "$n"
mapfile -t size < <(sizes "$pdf")
check "long: one size per page" test "${#size[@]}" = "$n"
check "long: the first page is A4 portrait" test "${size[0]}" = "$PORTRAIT"
check "long: the last page is A4 portrait" test "${size[n - 1]}" = "$PORTRAIT"
# the table's pages: those with KPI rows
mapfile -t tpages < <(jq -r 'select(.text | test("^指標[0-9]{3}")) | .page' "$TMP/long.jsonl" | sort -nu)
check "long: the table takes several pages" test "${#tpages[@]}" -ge 2
bad=""
for p in $(seq 1 "$n"); do
	want=$PORTRAIT
	[[ " ${tpages[*]} " == *" $p "* ]] && want=$LANDSCAPE
	[ "${size[p - 1]}" = "$want" ] || bad="$bad $p"
done
check "long: the table's pages are A4 landscape, the others portrait" test -z "$bad"
bad=""
for p in "${tpages[@]}"; do
	t=$(page_text "$pdf" "$p")
	for h in 番号 KPI 単位 実績値 目標値 達成率 担当課; do
		grep -q "$h" <<<"$t" || bad="$bad $p:$h"
	done
done
check "long: the head row on every page of the table" test -z "$bad"
# the caption on the table's first page, and marked （続き） on each later one
cap=重要業績評価指標（KPI）の達成状況      # (pdftotext may read 表1 apart from it)
bad=""
for p in "${tpages[@]}"; do
	t=$(page_text "$pdf" "$p" | tr -d ' \n\t\f' | sed 's/　//g')
	if [ "$p" = "${tpages[0]}" ]; then
		grep -qF "$cap" <<<"$t" && ! grep -qF "$cap（続き）" <<<"$t" || bad="$bad $p:caption"
	else
		grep -qF "$cap（続き）" <<<"$t" || bad="$bad $p:continued"
	fi
done
check "long: the caption on the table's first page, （続き） on the others" test -z "$bad"
check "long: the rows in order, each once" test "$(pdftotext -raw "$pdf" - | grep -o '指標[0-9]\{3\}')" = "$(seq -f '指標%03g' 1 80)"
text=$(pdftotext "$pdf" - | tr -d '\n')
check "long: Japanese text extracts as written" grep -qF "本市の人口は、平成27年国勢調査で39,077人となり" <<<"$text"
check "long: no Kangxi or CJK radicals in the text" bash -c '! grep -qP "[\x{2E80}-\x{2FDF}]" <<<"$0"' "$text"
fonts=$(pdffonts "$pdf" | tail -n +3)
check "long: fonts listed" test -n "$fonts"
check "long: every font embedded and subset" test -z "$(awk '$(NF-4) != "yes" || $(NF-3) != "yes"' <<<"$fonts")"
check "long: qpdf --check" qpdf --check "$pdf"
info=$(pdfinfo -isodates "$pdf")
check "long: tagged" grep -qx "Tagged: *yes" <<<"$info"
check "long: the title" grep -qx "Title: *網走市まち・ひと・しごと創生総合戦略 検証書" <<<"$info"
check "long: the author" grep -qx "Author: *網走市" <<<"$info"
check "long: the creator" grep -qx "Creator: *kpic [0-9.]*" <<<"$info"
check "long: the creation date from SOURCE_DATE_EPOCH" grep -qx "CreationDate: *2019-04-01T00:00:00Z" <<<"$info"

# the structure tree: each table row once, though its head is drawn on every page
pdfinfo -struct "$pdf" | sed 's/ (.*//; s/^ *//' >"$TMP/struct"
count() { grep -cx "$1" "$TMP/struct"; }
check "long: structure: one Document, one Table with THead and TBody" test "$(count Document)$(count Table)$(count THead)$(count TBody)" = 1111
check "long: structure: a TR per row, head rows once" test "$(count TR)" = 82
check "long: structure: a TH per head cell" test "$(count TH)" = 14
check "long: structure: headings, figures, lists" test "$(count H1) $(count H2) $(count Figure) $(count L)" = "1 5 3 6"

# the outline: every heading of levels 2-4, nested
qpdf --json --json-key=outlines "$pdf" >"$TMP/outline.json"
check "long: an outline entry per heading of levels 2-4" test \
	"$(jq '[.outlines[] | recurse(.kids[])] | length' "$TMP/outline.json")" = "$(grep -c '<heading level="[234]"' $fx/long.xml)"
check "long: the outline nests sections under chapters" jq -e \
	'.outlines[0].title == "第1章　検証の趣旨" and .outlines[0].kids[0].title == "1-1　概要"' "$TMP/outline.json"
# the table of contents: each heading's page, and links that go there
jq -r '.outlines[] | recurse(.kids[]) | "\(.title | gsub("[ 　]"; ""))\(.destpageposfrom1)"' "$TMP/outline.json" >"$TMP/toc.want"
pdftotext -layout -f 1 -l 1 "$pdf" - | sed 's/[[:space:]　]//g' >"$TMP/toc.have"
check "long: the table of contents gives each heading's page" test -z "$(grep -vxFf "$TMP/toc.have" "$TMP/toc.want")"
qpdf --json "$pdf" | jq -r '
	.qpdf[1] as $o | [.pages[].object] as $pages
	| [$o | to_entries[] | select(.value.value["/Type"]? == "/Catalog")][0].value.value["/Names"] as $n
	| $o["obj:" + $o["obj:" + $n].value["/Dests"]].value["/Names"] as $names
	| ([range(0; $names | length; 2) | {key: $names[.], value: $names[. + 1][0]}] | from_entries) as $dest
	| $o["obj:" + $pages[0]].value["/Annots"][] | $o["obj:" + .].value["/Dest"] as $d
	| ($pages | index($dest[$d])) + 1' >"$TMP/links"
check "long: the table of contents links to its headings' pages" test \
	"$(cat "$TMP/links")" = "$(jq -r '.outlines[] | recurse(.kids[]) | .destpageposfrom1' "$TMP/outline.json")"
# The leaders: a dotted line each, drawn as one stroke dashed [0 3] with
# round caps (a 1 pt dot every 3 pt), not as a circle per dot.
pdf_ops "$pdf" | awk '$1 == 1 {
	if ($2 == "d") dots = $3 " " $4 " " $5 " " $6 == "[ 0 3] 0" || $3 " " $4 " " $5 == "[0 3] 0"
	else if ($2 == "S" && dots) n++
	else if ($2 == "c") curves++
	else if ($2 == "Q") dots = 0
} END { print n + 0, curves + 0 }' >"$TMP/leaders"
check "long: the table of contents draws a dotted leader per entry ($(wc -l <"$TMP/toc.want")), one stroke each" \
	test "$(cut -d ' ' -f 1 "$TMP/leaders")" = "$(wc -l <"$TMP/toc.want")"
check "long: ... and no curve on its page" test "$(cut -d ' ' -f 2 "$TMP/leaders")" = 0
check "long: the running header on the second page" grep -q "網走市まち・ひと・しごと創生総合戦略 検証書" <<<"$(page_text "$pdf" 2)"
check "long: page numbers at the foot" grep -qx -- "- *2 *-" <<<"$(page_text "$pdf" 2)"
check_boxes long
"$run" $fx/long.xml "$TMP/again.pdf" 2>/dev/null
check "long: two runs give the same bytes" cmp -s "$pdf" "$TMP/again.pdf"

# pages to look at
mkdir -p build/layout
rm -f build/layout/*.png
pdftoppm -r 50 -png "$pdf" build/layout/long
check "long: every page rendered to build/layout/" test "$(ls build/layout/long-*.png | wc -l)" = "$n"

# --- text kept whole: note marks, nowrap="avoid" ---------------------------------
layout avoid
check "avoid: exit 0, no warning" test "$RC" = 0 -a -z "$ERR"
# each ※7※8 has a character of normal size just before it on its line
alone=$(pdftotext -bbox "$TMP/avoid.pdf" - | python3 -c '
import re, sys
w = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in re.findall(
    r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)</word>", sys.stdin.read())]
marks = [m for m in w if m[4].startswith("※")]
print(len(marks), sum(1 for m in marks if not any(abs(o[2] - m[0]) < 1 and o[3] > m[1] and o[1] < m[3]
                                                  and not o[4].startswith("※") for o in w)))')
check "avoid: a note mark never starts a line alone (8 marks, 0 alone)" test "$alone" = "8 0"
t=$(pdftotext -layout "$TMP/avoid.pdf" -)
check "avoid: department names in a narrow column kept whole" \
	test "$(grep -c '健康推進課' <<<"$t")" = 1 -a "$(grep -c '企画調整課' <<<"$t")" = 1
check "avoid: where nothing fits, wrapped silently" test "$(grep -c 'まちづく' <<<"$t")" -ge 1

# --- column widths and the overflow warning -----------------------------------
layout overflow
check "overflow: exit 0" test "$RC" = 0
check "overflow: one warning" test "$(wc -l <<<"$ERR")" = 1
check "overflow: layout-overflow at the cell's source line" grep -qE \
	"^$fx/overflow.xml:12: warning: the unbreakable text 'ABCDEF[A-Z]*' needs [0-9.]+ pt but its column can get only [0-9.]+ pt; it is wrapped \[layout-overflow\]$" <<<"$ERR"
t=$(pdftotext -layout "$TMP/overflow.pdf" -)
check "overflow: a nowrap figure widens its column instead of breaking" grep -q "16,474人" <<<"$t"
check "overflow: H30年度 unbroken" grep -q "H30年度" <<<"$t"
for w in Sustainable Development Goals, annual report; do
	check "overflow: the Latin word '$w' in a narrow column is not split" grep -qw -- "$w" <<<"$t"
done
check_boxes overflow
pdftoppm -r 50 -png "$TMP/overflow.pdf" build/layout/overflow

# --- cells spanning rows across page breaks -----------------------------------
layout spans
check "spans: exit 0, no warnings" test "$RC" = 0 -a -z "$ERR"
n=$(npages "$TMP/spans.pdf")
check "spans: three landscape pages" test "$(sizes "$TMP/spans.pdf" | sort -u)" = "$LANDSCAPE" -a "$n" = 3
check "spans: the head on every page" test "$(for p in 1 2 3; do page_text "$TMP/spans.pdf" $p | grep -c '^分類$'; done | sort -u)" = 1
check "spans: the spanning cell drawn again on the page it continues on" grep -q "区分A" <<<"$(page_text "$TMP/spans.pdf" 2)"
p3=$(page_text "$TMP/spans.pdf" 3 | tr -d '\n')
check "spans: a span too tall for the foot of page 2 moves whole to page 3" grep -q "区分B.*（終）" <<<"$p3"
check "spans: ... with all its rows" test "$(grep -o '項目[0-9]\{3\}' <<<"$p3" | sort | tr '\n' ' ')" = "項目065 項目066 項目067 項目068 項目069 項目070 "
check "spans: rows in order" test "$(pdftotext -raw "$TMP/spans.pdf" - | grep -o '項目[0-9]\{3\}')" = "$(seq -f '項目%03g' 1 70)"
check_boxes spans

# The border rules of page $2 of PDF $1 (the table grey, 0x7f7f7f): one
# "x0 y0 x1 y1" line per segment, and "S" where a stroke ends a path.
rules() {
	pdf_ops "$1" | awk -v p="$2" '$1 == p {
		if ($2 == "RG") grey = $3 == "0.498039" && $4 == "0.498039" && $5 == "0.498039"
		else if ($2 == "m") { x = $3; y = $4 }
		else if ($2 == "l" && grey) print x, y, $3, $4
		else if ($2 == "S" && grey) print "S"
	}'
}
rules "$TMP/spans.pdf" 1 >"$TMP/spans.rules"
body=$(jq -s '[.[] | select(.page == 1 and (.text | test("^項目[0-9]")))] | length' "$TMP/spans.jsonl")
check "spans: page 1 strokes its borders twice, the head's and the body's" test "$(grep -c '^S$' "$TMP/spans.rules")" = 2
check "spans: the head's borders are 2 rules across and 4 down" \
	test "$(sed -n '1,/^S$/p' "$TMP/spans.rules" | grep -vc '^S$')" = 6
check "spans: the body's are one rule across per row boundary ($body rows) and 4 down" \
	test "$(sed '1,/^S$/d' "$TMP/spans.rules" | grep -vc '^S$')" = $((body + 1 + 4))
check "spans: within a stroke, no border drawn twice or in pieces (no two segments meet on a line)" awk '
	$0 == "S" { path++; next }
	{ k = path (($1 == $3) ? "v" $1 : "h" $2); a = ($1 == $3) ? $2 : $1; b = ($1 == $3) ? $4 : $3
	  for (j = 0; j < cnt[k]; j++) if (a <= B[k, j] && b >= A[k, j]) bad = 1
	  A[k, cnt[k]] = a; B[k, cnt[k]++] = b }
	END { exit bad }' "$TMP/spans.rules"
check "spans: the inner rules of the body stop at the spanning column" \
	test "$(sed '1,/^S$/d' "$TMP/spans.rules" | awk 'NF == 4 && $2 == $4 { print $1 }' | sort -u | wc -l)" = 2
pdftoppm -r 50 -png "$TMP/spans.pdf" build/layout/spans

# --- a row taller than a page ----------------------------------------------------
layout rowsplit
check "rowsplit: exit 0" test "$RC" = 0
check "rowsplit: layout-row-split at the row's source line" grep -qx \
	"$fx/rowsplit.xml:9: warning: a table row is taller than a page; it is split across pages \[layout-row-split\]" <<<"$ERR"
n=$(npages "$TMP/rowsplit.pdf")
check "rowsplit: more than one page" test "$n" -ge 2
check "rowsplit: every line of the row, in order" test "$(pdftotext -raw "$TMP/rowsplit.pdf" - | grep -o '第[0-9]*行' | tr -d '第行')" = "$(seq 1 70)"
bad=""
for p in $(seq 1 "$n"); do page_text "$TMP/rowsplit.pdf" "$p" | grep -q "内容" || bad="$bad $p"; done
check "rowsplit: the head on every page" test -z "$bad"
check "rowsplit: the next row after the split" grep -q "分割の後に続く行" <<<"$(page_text "$TMP/rowsplit.pdf" "$n")"
check_boxes rowsplit
pdftoppm -r 50 -png "$TMP/rowsplit.pdf" build/layout/rowsplit

# --- a heading goes with what follows it ----------------------------------------
layout keep
check "keep: exit 0, no warnings" test "$RC" = 0 -a -z "$ERR"
page_of() { jq -r --arg t "$1" 'select(.text == $t) | .page' "$TMP/keep.jsonl"; }
fig=$(jq -r 'select(.kind == "figure") | .page' "$TMP/keep.jsonl")
check "keep: a heading moves to the next page with its figure" test "$(page_of 見出しと図)" = "$fig" -a "$fig" = 2
check "keep: a heading moves to the next page with its table" test "$(page_of 見出しと表)" = "$(page_of 表　見出しの後の表)"
check "keep: the moved heading's bookmark points at its new page" jq -e \
	'.outlines[0].title == "見出しと図" and .outlines[0].destpageposfrom1 == 2' <(qpdf --json --json-key=outlines "$TMP/keep.pdf")
check_boxes keep

# --- warnings and errors -------------------------------------------------------------
layout warnings
check "warnings: exit 0" test "$RC" = 0
check "warnings: a link to no id" grep -qx "$fx/warnings.xml:5: warning: link to 'nowhere', which no block of the document has as its id; drawn as plain text \[layout-dangling-link\]" <<<"$ERR"
check "warnings: a figure without a chart" grep -q "^$fx/warnings.xml:7: warning: no chart for figure kind 'unknown' .*\[layout-figure-missing\]$" <<<"$ERR"
check "warnings: a duplicate id" grep -q "id 'a' is on more than one block.*\[layout-duplicate-id\]$" <<<"$ERR"
check "warnings: the figure's text alternative is shown" grep -q "図の代替テキスト" <<<"$(pdftotext "$TMP/warnings.pdf" -)"
check_boxes warnings
layout not-layout
check "not a layout document: exit 1" test "$RC" = 1
check "not a layout document: said so" grep -q "error: not a layout document" <<<"$ERR"
check "not a layout document: no PDF" test ! -e "$TMP/not-layout.pdf"
layout bad-block
check "an unknown block: exit 1, with its line" test "$RC" = 1 -a -n "$(grep 'layout document line 5: <para> is not a block' <<<"$ERR")"
done_testing

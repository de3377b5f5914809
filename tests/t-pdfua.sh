# t-pdfua.sh - every PDF kpic makes is PDF/UA-1 as far as its objects show:
# tests/pdfua-check.py on the verification document of every bundled source,
# its draft and the 新旧対照表, then the points of tools/pdf_ua.c one by one,
# and the checker itself on PDFs with one of them taken out again.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1554076800
checker=tests/pdfua-check.py

# is NAME GOT WANT; like NAME GOT ERE
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1"
		diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | head -10 | sed 's/^/    /'
	fi
}
like() {
	if grep -qE -- "$3" <<<"$2"; then ok "$1"; else
		not_ok "$1"
		printf '%s\n' "$2" | head -5 | sed 's/^/    got: /'
	fi
}

# pdfua NAME PDF: the checker finds nothing.
pdfua() {
	python3 "$checker" "$2" >"$TMP/check.out" 2>&1
	local rc=$?
	if [ "$rc" = 0 ] && grep -q ': 0 problems (' "$TMP/check.out"; then
		ok "pdfua: $1 passes the checker"
	else
		not_ok "pdfua: $1 passes the checker (exit $rc)"
		sed 's/^/    /' "$TMP/check.out" | head -20
	fi
}

pdfs=""
for src in sources/*/strategy.xml; do
	name=$(basename "$(dirname "$src")")
	run_kpic pdf -o "$TMP/$name.pdf" "$src"
	check "pdfua: $name kensho.pdf written" test "$RC" = 0 -a -s "$TMP/$name.pdf"
	pdfua "$name kensho.pdf" "$TMP/$name.pdf"
	run_kpic draft -o "$TMP/$name-draft.xml" "$src"
	run_kpic pdf -Wno-draft-placeholder -o "$TMP/$name-draft.pdf" "$TMP/$name-draft.xml"
	check "pdfua: $name draft.pdf written" test "$RC" = 0 -a -s "$TMP/$name-draft.pdf"
	pdfua "$name draft.pdf" "$TMP/$name-draft.pdf"
	pdfs="$pdfs $TMP/$name.pdf $TMP/$name-draft.pdf"
done
if tests/diff/mkpair.sh sources/abashiri/strategy.xml "$TMP/pair" 2>"$TMP/mk.err"; then
	run_kpic diff "$TMP/pair/old.xml" "$TMP/pair/new.xml" --pdf "$TMP/shinkyu.pdf"
	check "pdfua: 新旧対照表 written" test "$RC" = 1 -a -s "$TMP/shinkyu.pdf"
	pdfua "新旧対照表" "$TMP/shinkyu.pdf"
	pdfs="$pdfs $TMP/shinkyu.pdf"
else
	not_ok "pdfua: the 新旧対照表's fixture pair generated"
fi

# The points one by one, on the Abashiri document.
pdf=$TMP/abashiri.pdf
qpdf --json=2 --json-key=qpdf "$pdf" >"$TMP/k.json"
# jq: the value of object REF (or the stream's dictionary).
obj() { jq -c --arg r "obj:$1" '.qpdf[1][$r] | .value // .stream.dict' "$TMP/k.json"; }
root=$(jq -r '.qpdf[1].trailer.value["/Root"]' "$TMP/k.json")
catalog=$(obj "$root")
is "pdfua: the catalog's /Lang is ja" "$(jq -r '.["/Lang"]' <<<"$catalog")" "u:ja"
is "pdfua: /ViewerPreferences /DisplayDocTitle true" \
	"$(jq -c '.["/ViewerPreferences"]' <<<"$catalog")" '{"/DisplayDocTitle":true}'
is "pdfua: /MarkInfo /Marked true" "$(jq -c '.["/MarkInfo"]' <<<"$catalog")" '{"/Marked":true}'
meta=$(jq -r '.["/Metadata"]' <<<"$catalog")
qpdf --show-object="${meta%% *}" --filtered-stream-data "$pdf" >"$TMP/xmp.xml"
check "pdfua: the XMP metadata is well-formed XML" xmllint --noout "$TMP/xmp.xml"
like "pdfua: XMP dc:title is the document's title" "$(cat "$TMP/xmp.xml")" \
	'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">第1期「網走市まち・ひと・しごと創生総合戦略」検証</rdf:li>'
like "pdfua: XMP dc:language ja" "$(cat "$TMP/xmp.xml")" '<dc:language><rdf:Bag><rdf:li>ja</rdf:li>'
like "pdfua: XMP pdfuaid:part 1" "$(cat "$TMP/xmp.xml")" '<pdfuaid:part>1</pdfuaid:part>'

# The alternative texts are the layout's, figure by figure, in order; the
# scopes follow the head rows; the links' texts are the headings they go to.
run_kpic pdf --format=xml -o "$TMP/layout.xml" sources/abashiri/strategy.xml
xmllint --xpath '//*[local-name()="figure"]/@alt' "$TMP/layout.xml" | sed 's/^ *alt="\(.*\)"$/\1/' >"$TMP/alt.want"
python3 - "$checker" "$pdf" >"$TMP/tags.txt" <<'EOF'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("c", sys.argv[1])
c = importlib.util.module_from_spec(spec)
spec.loader.exec_module(c)
p = c.Pdf(sys.argv[2])
for _, e, parent in c.struct_elems(p):
    s = e.get("/S")
    if s == "/Figure":
        print("alt", c.text(p.get(e.get("/Alt"))))
    elif s == "/TH":
        print("scope", p.get((p.get(e.get("/A")) or {}).get("/Scope")))
    elif s == "/Reference" and parent is not None and parent.get("/S") == "/TOCI":
        print("tocref", sum(1 for k in c.kids(p, e) if isinstance(k, int)))
    elif s == "/Link":
        for k in c.kids(p, e):
            d = p.get(k)
            if isinstance(d, dict) and d.get("/Type") == "/OBJR":
                a = p.get(d.get("/Obj"))
                print("link", c.text(p.get(a.get("/Contents"))), "->", c.text(p.get(a.get("/Dest"))))
EOF
is "pdfua: every Figure's /Alt is its layout alt, in order" \
	"$(sed -n 's/^alt //p' "$TMP/tags.txt")" "$(cat "$TMP/alt.want")"
is "pdfua: 67 figures" "$(grep -c '^alt ' "$TMP/tags.txt")" 67
is "pdfua: the first figure's /Alt" "$(grep -m1 '^alt ' "$TMP/tags.txt")" "alt 図1-1 人口の将来展望（ 国勢調査ベース）"
check "pdfua: head-row TH are /Column, body-row TH /Row" \
	test "$(grep -c '^scope /Column$' "$TMP/tags.txt")" -gt 0 -a "$(grep -c '^scope /Row$' "$TMP/tags.txt")" -gt 0
is "pdfua: every TH has a scope" "$(grep -c '^scope /\(Row\|Column\)$' "$TMP/tags.txt")" \
	"$(grep -c '^scope' "$TMP/tags.txt")"
is "pdfua: the table of contents' first link says where it goes" \
	"$(grep -m1 '^link ' "$TMP/tags.txt")" "link 1　趣旨 -> kpic-heading-1"
is "pdfua: 18 links, each with its text" "$(grep -c '^link [^ ]' "$TMP/tags.txt")" 18
# cairo marks only childless elements' content: a TOCI's text is in a
# Reference beside its Link, or it would be neither tagged nor an artifact.
is "pdfua: each table of contents entry's text is a marked Reference" \
	"$(grep -c '^tocref [1-9]' "$TMP/tags.txt")" 18
tabs=$(jq -r '[.qpdf[1][] | .value? | objects | select(.["/Type"] == "/Page" and has("/Annots")) | .["/Tabs"]] | unique | join(",")' "$TMP/k.json")
is "pdfua: every page with annotations has /Tabs /S" "$tabs" "/S"

# What is not content is an artifact, drawn from a form XObject by content
# streams of their own around cairo's: under it the cell fills (/Layout),
# over it the table rules (/Layout), then the running header, its rule, the
# page number and a table's repeated head (/Pagination); never inside
# tagged content.
qpdf --qdf --object-streams=disable "$pdf" "$TMP/k.qdf"
# page_streams: "PAGE<TAB>line" for every line of every page content stream
awk '/^%% Contents for page [0-9]+$/ { p = $5; on = 0; next }
     p && /^stream$/ { on = 1; next }
     on && /^endstream$/ { on = 0; p = 0 }
     on { print p "\t" $0 }' "$TMP/k.qdf" >"$TMP/streams.txt"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
is "pdfua: every page ends with its pagination form" \
	"$(grep -c $'\t/Kpic''Pagination[0-9]* Do$' "$TMP/streams.txt")" "$pages"
is "pdfua: page 2's last stream: its rules and its pagination, as artifacts" \
	"$(awk -F'\t' '$1 == 2' "$TMP/streams.txt" | tail -11 | cut -f2 | tr '\n' '|')" \
	"Q|/Artifact <</Type /Layout>> BDC|q|/KpicRules2 Do|Q|EMC|/Artifact <</Type /Pagination>> BDC|q|/KpicPagination2 Do|Q|EMC|"
is "pdfua: page 2's first stream: its cell fills as an artifact, then q" \
	"$(awk -F'\t' '$1 == 2' "$TMP/streams.txt" | head -6 | cut -f2 | tr '\n' '|')" \
	"/Artifact <</Type /Layout>> BDC|q|/KpicUnder2 Do|Q|EMC|q|"
check "pdfua: the checker finds nothing painted outside tagged content and artifacts" \
	bash -c '! grep -q "outside tagged content" "$0"' <(python3 "$checker" "$pdf")
check "pdfua: no page number in the pages' own (tagged) streams" \
	bash -c '! grep -qF "(- 2 -)Tj" "$0"' "$TMP/streams.txt"
check "pdfua: the page number in a form" grep -qaF "(- 2 -)Tj" "$TMP/k.qdf"
pdftotext -f 2 -l 2 -layout "$pdf" "$TMP/p2.txt"
like "pdfua: page 2 still shows the running header" "$(head -1 "$TMP/p2.txt")" '第1期「網走市まち・ひと・しごと創生総合戦略」検証'
like "pdfua: page 2 still shows its number" "$(grep -v '^[[:space:]]*$' "$TMP/p2.txt" | tail -1)" '^ +- ?2 ?-$'

# Dates as ISO 32000 writes them (cairo 1.16 leaves out the D:).
info=$(jq -r '.qpdf[1].trailer.value["/Info"]' "$TMP/k.json")
is "pdfua: /CreationDate is D:20190401000000Z" "$(obj "$info" | jq -r '.["/CreationDate"]')" "u:D:20190401000000Z"
is "pdfua: /ModDate is D:20190401000000Z" "$(obj "$info" | jq -r '.["/ModDate"]')" "u:D:20190401000000Z"

# Object streams, a content-derived /ID, the same bytes twice.
check "pdfua: written with object streams" grep -q '"/Type": "/ObjStm"' <(qpdf --json=2 --json-key=qpdf --json-stream-data=none "$pdf")
like "pdfua: the trailer has an /ID" "$(jq -c '.qpdf[1].trailer.value["/ID"]' "$TMP/k.json")" '^\["b:[0-9a-f]{32}","b:[0-9a-f]{32}"\]$'
size=$(stat -c %s "$pdf")
check "pdfua: kensho.pdf under 500 KB ($size bytes)" test "$size" -lt 500000
run_kpic pdf -o "$TMP/again.pdf" sources/abashiri/strategy.xml
check "pdfua: byte-identical under the same SOURCE_DATE_EPOCH" cmp -s "$pdf" "$TMP/again.pdf"
check "pdfua: qpdf --check finds no error" qpdf --check "$pdf"

# The checker fails where a point is missing: each of these PDFs is the
# Abashiri document with one thing taken out through qpdf's JSON update
# (of a copy without object streams: qpdf 11.3 does not update an object
# read from one).
qpdf --object-streams=disable "$pdf" "$TMP/flat.pdf"
check "pdfua: the copy without object streams passes too" python3 "$checker" "$TMP/flat.pdf"
qpdf --json=2 --json-key=qpdf "$TMP/flat.pdf" >"$TMP/flat.json"
root=$(jq -r '.qpdf[1].trailer.value["/Root"]' "$TMP/flat.json")
# strip NAME JQ-EXPR-ON-OBJECTS: writes $TMP/NAME.pdf.
strip() {
	jq --argjson r "\"obj:$root\"" "{qpdf: [(.qpdf[0] | {jsonversion, pushedinheritedpageresources, calledgetallpages, maxobjectid}),
		(.qpdf[1] | with_entries(select(.key | startswith(\"obj:\"))) | $2)]}" "$TMP/flat.json" >"$TMP/$1.json"
	qpdf "$TMP/flat.pdf" --update-from-json="$TMP/$1.json" "$TMP/$1.pdf" 2>"$TMP/$1.err"
}
# fails NAME MESSAGE: the checker exits 1 on $TMP/NAME.pdf and says MESSAGE.
fails() {
	python3 "$checker" "$TMP/$1.pdf" >"$TMP/$1.out" 2>&1
	local rc=$?
	if [ "$rc" = 1 ] && grep -qF -- "$2" "$TMP/$1.out"; then
		ok "pdfua-check: fails without $1 ($2)"
	else
		not_ok "pdfua-check: fails without $1 ($2) (exit $rc)"
		head -5 "$TMP/$1.out" | sed 's/^/    /'
	fi
}
strip lang 'with_entries(select(.key == $r) | .value.value |= del(.["/Lang"]))'
fails lang "the catalog has no /Lang"
strip display 'with_entries(select(.key == $r) | .value.value |= del(.["/ViewerPreferences"]))'
fails display "no /ViewerPreferences <</DisplayDocTitle true>>"
strip metadata 'with_entries(select(.key == $r) | .value.value |= del(.["/Metadata"]))'
fails metadata "the catalog has no XMP /Metadata"
strip alt '[to_entries[] | select(.value.value?["/S"]? == "/Figure")][0:1] | map(.value.value |= del(.["/Alt"])) | from_entries'
fails alt "has no /Alt"
strip scope '[to_entries[] | select(.value.value?["/S"]? == "/TH")][0:1] | map(.value.value |= del(.["/A"])) | from_entries'
fails scope "has no /Scope"
strip contents '[to_entries[] | select(.value.value?["/Subtype"]? == "/Link")][0:1] | map(.value.value |= del(.["/Contents"])) | from_entries'
fails contents "has no /Contents"
strip tabs '[to_entries[] | select(.value.value?["/Tabs"]? == "/S")] | map(.value.value |= del(.["/Tabs"])) | from_entries'
fails tabs "has annotations but no /Tabs /S"
strip heading '[to_entries[] | select(.value.value?["/S"]? == "/H2")][0:1] | map(.value.value["/S"] = "/H3") | from_entries'
fails heading "H3 after H1: a level is skipped"
strip tounicode '[to_entries[] | select(.value.value?["/Type"]? == "/Font" and (.value.value | has("/ToUnicode")))][0:1] | map(.value.value |= del(.["/ToUnicode"])) | from_entries'
fails tounicode "has no /ToUnicode"
# page 2's last stream (the artifacts over it) with its markings taken out
post=$(qpdf --show-pages "$TMP/flat.pdf" | awk '/^page 2:/ { on = 1; next } /^page 3:/ { on = 0 }
	on && /^ *[0-9]+ 0 R$/ { r = $1 } END { print r }')
strip unmarked "with_entries(select(.key == \"obj:$post 0 R\") | .value.stream |=
	{dict: (.dict | del(.[\"/Filter\", \"/DecodeParms\", \"/Length\"])), data: (\"Q\\nq\\n/KpicRules2 Do\\nQ\\n\" | @base64)})"
fails unmarked "page 2 paints 1 times outside tagged content and artifacts"
strip embedded '[to_entries[] | select(.value.value?["/Type"]? == "/FontDescriptor")][0:1] | map(.value.value |= del(.["/FontFile", "/FontFile2", "/FontFile3"])) | from_entries'
fails embedded "is not embedded"
done_testing

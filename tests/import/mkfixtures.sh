#!/bin/sh
# mkfixtures.sh - regenerates the spreadsheet fixtures of tests/t-import.sh
# from goal1.tsv (the seed's goal-1 KPI table) with LibreOffice Calc:
#   goal1.xlsx, goal1.ods            the TSV as Calc imports it (standard
#                                    number detection: 19.50% becomes a
#                                    percentage, 1 a number)
#   goal1-merged.xlsx, .ods          the same table with merged cells: the
#                                    header, each heading over the rows it
#                                    heads, 基準日/公表日/確認方法 shared by two
#                                    rows (written as a flat ODS first)
#   bad-cell.xlsx                    goal1.tsv with one unreadable figure
#                                    (6,5x2人 at R6C6), as Calc saves it
#   bomb.xlsx                        a zip bomb: a 70 MiB sheet in 70 KiB
#   huge.ods                         a non-empty cell repeated over 10^5
#                                    columns and 10^3 rows (a few hundred bytes)
# Needs soffice (Debian: libreoffice-calc-nogui); CI uses the committed files.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work"
python3 - goal1.tsv "$work/goal1-merged.fods" <<'PY'
import sys
from xml.sax.saxutils import escape
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
n, m = len(rows), len(rows[0])
span = {}                      # (r, c) -> (rows, cols) of a merged range's origin
covered = set()
def merge(r, c, nr, nc):
    span[(r, c)] = (nr, nc)
    for i in range(r, r + nr):
        for j in range(c, c + nc):
            if (i, j) != (r, c):
                covered.add((i, j))
for c in list(range(4)) + [11, 12, 13, 14, 15]:
    merge(0, c, 2, 1)          # one-row headers over both header rows
merge(0, 4, 1, 7)              # KPI over 項目 … 目標値
# a heading spans down while its own and the higher headings' cells are blank
for c in range(4):
    for r in range(2, n):
        if not rows[r][c]:
            continue
        e = r + 1
        while e < n and all(not rows[e][k] for k in range(c + 1)):
            e += 1
        if e - r > 1:
            merge(r, c, e - r, 1)
# 基準日/公表日/確認方法 printed once for two rows (blank in the TSV)
for r in range(3, n):
    for c in (11, 12, 13):
        if not rows[r][c] and rows[r - 1][c] and rows[r][4] and (r - 1, c) not in covered:
            merge(r - 1, c, 2, 1)
out = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
       ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
       ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
       ' office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
       '<office:body><office:spreadsheet><table:table table:name="KPI">']
for r in range(n):
    out.append('<table:table-row>')
    for c in range(m):
        if (r, c) in covered:
            out.append('<table:covered-table-cell/>')
            continue
        a = ''
        if (r, c) in span:
            a = ' table:number-rows-spanned="%d" table:number-columns-spanned="%d"' % span[(r, c)]
        t = rows[r][c]
        out.append('<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>' % (a, escape(t))
                   if t else '<table:table-cell%s/>' % a)
    out.append('</table:table-row>')
out.append('</table:table></office:spreadsheet></office:body></office:document>')
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
sed 's/\t中心市街地通行者数(平日)\t6,592人/\t中心市街地通行者数(平日)\t6,5x2人/' goal1.tsv >"$work/bad-cell.tsv"
grep -q '6,5x2人' "$work/bad-cell.tsv"
soffice --headless --infilter="CSV:9,34,76,1" --convert-to xlsx --outdir "$work" "$work/bad-cell.tsv" >/dev/null
cp "$work/bad-cell.xlsx" .
python3 - <<'PY'
import zipfile
ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
      ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="KPI" sheetId="1" r:id="rId1"/></sheets></workbook>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
        ' Target="worksheets/sheet1.xml"/></Relationships>')
with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", ct)
    z.writestr("xl/workbook.xml", wb)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (70 << 20) + b"</worksheet>")
content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content'
           ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
           ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
           ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
           '<table:table table:name="KPI"><table:table-row table:number-rows-repeated="1000">'
           '<table:table-cell table:number-columns-repeated="100000" office:value-type="string"><text:p>x</text:p>'
           '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
with zipfile.ZipFile("huge.ods", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", content)
PY
for fmt in xlsx ods; do
	soffice --headless --infilter="CSV:9,34,76,1" --convert-to "$fmt" --outdir "$work" goal1.tsv >/dev/null
	soffice --headless --convert-to "$fmt" --outdir "$work" "$work/goal1-merged.fods" >/dev/null
	cp "$work/goal1.$fmt" "$work/goal1-merged.$fmt" .
done

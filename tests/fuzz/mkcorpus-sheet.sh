#!/bin/sh
# mkcorpus-sheet.sh - regenerates tests/fuzz/corpus/sheet/, the seeds of
# fuzz_sheet, from the sheets of tests/import/ and tests/update/.  Each seed
# is the harness's mode byte (see tests/fuzz/fuzz_sheet.c) and a payload:
#   csv-*, tsv-*     the TSV fixtures as they are, read as .csv and as .tsv
#   raw-*            the .xlsx and .ods fixtures as they are (not bomb.xlsx:
#                    70 KiB, and its member's declared size is all it tests;
#                    not the text and attribute bombs, regression inputs)
#   parts-*          their members, split at NUL bytes, for the harness to zip
#                    (not when over the harness's 64 KiB: the text bombs)
#   formula-*        cells whose value the file does not hold: an .xlsx
#                    formula without <v>, a shared-string index out of
#                    range, an .ods formula without a value type
#   repeat-*, shared-*  text times its repeats: an .ods cell of 1 KiB over
#                    300 x 300 cells (90 MiB, past SHEET_MAX_TEXT), one of
#                    256 bytes over 20 x 20; an .xlsx shared string of 1 KiB
#                    in 200 cells
# Needs python3.
set -eu
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus/sheet
rm -rf "$out"
mkdir -p "$out"
python3 - "$out" tests/import/*.tsv tests/import/*.xlsx tests/import/*.ods \
	tests/update/*.tsv tests/update/*.xlsx tests/update/*.ods <<'PY'
import os, sys, zipfile
out, files = sys.argv[1], sys.argv[2:]
XLSX = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml", "xl/styles.xml"]
ODS = ["content.xml", "mimetype"]
def seed(name, mode, payload):
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes([mode]) + payload)
for path in files:
    base = os.path.basename(path)
    data = open(path, "rb").read()
    where = os.path.basename(os.path.dirname(path))
    if base.endswith(".tsv"):
        seed("csv-%s-%s" % (where, base), 0, data)
        seed("tsv-%s-%s" % (where, base), 1, data)
        continue
    if base == "bomb.xlsx" or base.startswith(("textbomb", "attrbomb")):
        continue   # (the bombs are regression inputs: tests/fuzz/regress/sheet/)
    xlsx = base.endswith(".xlsx")
    seed("raw-%s-%s" % (where, base), 2 if xlsx else 3, data)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = [z.read(n) if n in names else b"" for n in (XLSX if xlsx else ODS)]
    # deflated (bit 5), and the merged tables by their sheet name KPI (bits 3-4)
    mode = (4 if xlsx else 5) | 32 | (8 if "merged" in base else 0)
    if sum(len(p) + 1 for p in parts) < 65536:
        seed("parts-%s-%s" % (where, base), mode, b"\0".join(parts))
def ods(text, cols, rows):
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-content'
            ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
            ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
            '<table:table table:name="KPI"><table:table-row table:number-rows-repeated="%d">'
            '<table:table-cell table:number-columns-repeated="%d" office:value-type="string"><text:p>%s'
            '</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>'
            '</office:body></office:document-content>' % (rows, cols, text)).encode()
seed("repeat-text-over.ods", 5 | 32, ods("x" * 1024, 300, 300) + b"\0")
seed("repeat-text-under.ods", 5 | 32, ods("x" * 256, 20, 20) + b"\0")
M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
wb = ('<workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="KPI" sheetId="1" r:id="rId1"/></sheets></workbook>' % M)
ws = '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (
    M, "".join('<row>%s</row>' % ('<c t="s"><v>0</v></c>' * 20) for r in range(10)))
sst = '<sst %s><si><t>%s</t></si></sst>' % (M, "y" * 1024)
seed("shared-text.xlsx", 4 | 32, b"\0".join(x.encode() for x in (wb, "", ws, sst, "")))
head = '<row><c t="inlineStr"><is><t>kpi</t></is></c><c t="inlineStr"><is><t>value</t></is></c></row>'
for name, cell in (("formula-no-value.xlsx", '<c r="B2"><f>SUM(A1:A2)</f></c>'),
                   ("formula-sst-range.xlsx", '<c r="B2" t="s"><v>7</v></c>')):
    ws = '<worksheet %s><sheetData>%s<row><c t="inlineStr"><is><t>g1</t></is></c>%s</row></sheetData></worksheet>' % (M, head, cell)
    seed(name, 4 | 32, b"\0".join(x.encode() for x in (wb, "", ws, sst, "")))
fo = ods("kpi", 1, 1).replace(b'</table:table-row>', b'</table:table-row><table:table-row><table:table-cell'
                              b' table:formula="of:=SUM([.A1])"/></table:table-row>')
seed("formula-no-value.ods", 5 | 32, fo + b"\0")
# repeat counts times text size, on both sides of SHEET_MAX_TEXT as the fuzz
# build lowers it (4 MiB): long text over few cells, short text over many
for size, cols, rows in ((4096, 64, 16), (4096, 64, 17), (16, 1024, 300), (65536, 8, 8)):
    seed("repeat-%d-x-%dx%d.ods" % (size, cols, rows), 5 | 32, ods("r" * size, cols, rows) + b"\0")
# formula cells: with and without a cached value, an error value, a
# shared-string index out of range (each a diagnostic, never an empty cell)
F = "".join((
    '<row r="1"><c r="A1" t="str"><f>B1&amp;""</f></c><c r="B1"><f>1+1</f><v>2</v></c>',
    '<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1"><f>SUM(A2:A3)</f></c></row>',
    '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="str"><f>"x"</f><v>x</v></c></row>'))
seed("formula.xlsx", 4 | 32, b"\0".join(x.encode() for x in (
    wb, "", '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (M, F),
    '<sst %s><si><t>KPI</t></si></sst>' % M, "")))
O = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content'
     ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
     ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
     ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
     '<table:table table:name="KPI"><table:table-row>'
     '<table:table-cell table:formula="of:=1+1" office:value-type="float"/>'
     '<table:table-cell table:formula="of:=1+1" office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell>'
     '<table:table-cell table:formula="of:=[.A1]&amp;&quot;&quot;" office:value-type="string"/>'
     '<table:table-cell table:formula="of:=1/0" table:number-columns-repeated="50"><text:p>#DIV/0!</text:p></table:table-cell>'
     '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
seed("formula.ods", 5 | 32, O.encode() + b"\0")
PY
ls "$out" | wc -l

#!/bin/sh
# mkbombs.sh - regenerates the bombs of tests/t-import.sh and
# tests/t-update.sh.  Two text bombs, sheets of a few hundred bytes whose
# cells expand to far more text than SHEET_MAX_TEXT (tools/sheet.h), within
# every other limit:
#   textbomb.ods    one 64 KiB string in a cell repeated over 1,000 columns
#                   and 1,000 rows (10^6 cells, 64 GiB of text)
#   textbomb.xlsx   one 64 KiB shared string referenced by 20,000 cells
#                   (1.25 GiB of text)
# and an attribute bomb, past LIMIT_ATTRS (tools/srclimits.h):
#   attrbomb.ods    a <table:table> start tag of 20,000 attributes on line 3
#                   of content.xml (libxml2 compares them pairwise)
# Needs python3 (CI uses the committed files).
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
import zipfile
big = "x" * 65536
def write(name, members):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, data in members:
            info = zipfile.ZipInfo(n, date_time=(2026, 12, 6, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if n == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
ods = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content'
       ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
       ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
       ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
       '<table:table table:name="KPI"><table:table-row table:number-rows-repeated="1000">'
       '<table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>'
       + big + '</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>'
       '</office:body></office:document-content>')
write("textbomb.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", ods)])
M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
wb = '<?xml version="1.0" encoding="UTF-8"?><workbook %s %s><sheets><sheet name="KPI" sheetId="1" r:id="rId1"/></sheets></workbook>' % (M, R)
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>')
rows = "".join('<row r="%d">%s</row>' % (r + 1, '<c t="s"><v>0</v></c>' * 100) for r in range(200))
ws = '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (M, rows)
sst = '<?xml version="1.0" encoding="UTF-8"?><sst %s count="20000" uniqueCount="1"><si><t>%s</t></si></sst>' % (M, big)
many = "".join(' a%d="x"' % i for i in range(20000))
write("attrbomb.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                       ("content.xml", ods.replace("><office:body><office:spreadsheet>", "><office:body><office:spreadsheet>\n", 1)
                        .replace('<table:table table:name="KPI">', '\n<table:table table:name="KPI"%s>' % many, 1))])
write("textbomb.xlsx", [("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels),
                        ("xl/worksheets/sheet1.xml", ws), ("xl/sharedStrings.xml", sst)])
PY
ls -l textbomb.ods textbomb.xlsx attrbomb.ods

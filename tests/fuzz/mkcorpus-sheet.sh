#!/bin/sh
# mkcorpus-sheet.sh - regenerates tests/fuzz/corpus/sheet/, the seeds of
# fuzz_sheet, from the sheets of tests/import/ and tests/update/.  Each seed
# is the harness's mode byte (see tests/fuzz/fuzz_sheet.c) and a payload:
#   csv-*, tsv-*     the TSV fixtures as they are, read as .csv and as .tsv
#   raw-*            the .xlsx and .ods fixtures as they are (not bomb.xlsx:
#                    70 KiB, and its member's declared size is all it tests)
#   parts-*          their members, split at NUL bytes, for the harness to zip
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
    if base == "bomb.xlsx":
        continue
    xlsx = base.endswith(".xlsx")
    seed("raw-%s-%s" % (where, base), 2 if xlsx else 3, data)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = [z.read(n) if n in names else b"" for n in (XLSX if xlsx else ODS)]
    # deflated (bit 5), and the merged tables by their sheet name KPI (bits 3-4)
    mode = (4 if xlsx else 5) | 32 | (8 if "merged" in base else 0)
    seed("parts-%s-%s" % (where, base), mode, b"\0".join(parts))
PY
ls "$out" | wc -l

#!/bin/sh
# mkfixtures.sh - regenerates the spreadsheet fixtures of tests/t-update.sh
# from fy2019.tsv (the FY2019 actuals) with LibreOffice Calc:
#   fy2019.xlsx, fy2019.ods   the TSV as Calc imports it (tab-separated,
#                             UTF-8, standard number detection: 1100 becomes
#                             a number, the comment line a text cell in A1)
#   bad-cell.xlsx             the same with 1,1OO (letters O) for 1100 at R3C3
# Needs soffice (Debian: libreoffice-calc-nogui); CI uses the committed files.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work"
sed 's/^g1-pedestrians-weekday\t\t1100$/g1-pedestrians-weekday\t\t1,1OO/' fy2019.tsv >"$work/bad-cell.tsv"
grep -q '1,1OO' "$work/bad-cell.tsv"
soffice --headless --infilter="CSV:9,34,76,1" --convert-to xlsx --outdir "$work" "$work/bad-cell.tsv" >/dev/null
cp "$work/bad-cell.xlsx" .
for fmt in xlsx ods; do
	soffice --headless --infilter="CSV:9,34,76,1" --convert-to "$fmt" --outdir "$work" fy2019.tsv >/dev/null
	cp "$work/fy2019.$fmt" .
done

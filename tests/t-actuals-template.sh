# t-actuals-template.sh - the departments' sheets: kpic export
# --actuals-template writes them, a script fills them in as a 担当課 would,
# kpic update reads them back, kpic eval sees the figures (.xlsx, .ods, CSV).
. tests/lib.sh
src=sources/abashiri/strategy.xml

# the CSV of all KPIs: title row, header, one row per series, the year's column empty
run_kpic export "$src" --actuals-template --year=2019 -o "$TMP/all.csv"
check "csv: exit 0" test "$RC" = 0
check "csv: the title names the year as the document does" \
	test "$(head -n 1 "$TMP/all.csv" | tr -d '\r')" = "$(printf '\357\273\277')平成31年度 実績,,,,,,,"
check "csv: the header: id, name, 担当課, series, unit, last figure and its year, the year's column" \
	test "$(sed -n 2p "$TMP/all.csv" | tr -d '\r')" = 'KPI,KPI名,担当課,系列,単位,前回の実績,前回の年度,平成31年度'
check "csv: a KPI's row: the last figure before the year and its year, the column empty" \
	grep -qx 'g1-pedestrians-weekday,中心市街地通行者数(平日),商工労働課,,人,1006,平成30年度,' <(tr -d '\r' <"$TMP/all.csv")
check "csv: a series by its label" grep -q '^g1-haccp,.*,水産漁港課,ホタテ製品,' "$TMP/all.csv"
run_kpic update "$src" --actuals "$TMP/all.csv" -o "$TMP/none.xml"
check "an empty template changes nothing (its rows are not filled in, not 未調査)" \
	test "$RC" = 0 -a -n "$(grep -F 'nothing filled in (' "$TMP/out")" -a ! -e "$TMP/none.xml"

# fill SHEET-CSV ID VALUE...: the year's column of the KPIs' rows
fill_csv() {
	local f=$1; shift
	awk -F, -v OFS=, -v kv="$*" 'BEGIN { n = split(kv, a, " "); for (i = 1; i < n; i += 2) v[a[i]] = a[i + 1] }
		NR > 2 && ($1 in v) { $8 = v[$1] } { print }' "$f" >"$f.filled"
}

# by department: one CSV per 担当課, two of them filled and given back together
run_kpic export "$src" --actuals-template --year=2019 --by-department -o "$TMP/depts"
check "csv by department: one file per 担当課 (18)" test "$RC" = 0 -a "$(ls "$TMP/depts" | wc -l)" = 18
check "csv by department: the title names the 担当課" \
	test "$(head -n 1 "$TMP/depts/shoko.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" = '平成31年度 実績（商工労働課）,,,,,,,'
fill_csv "$TMP/depts/shoko.csv" g1-employees 16100 g1-pedestrians-weekday 1100
fill_csv "$TMP/depts/kanko.csv" g2-visitors 14700000
cp "$src" "$TMP/s.xml"
run_kpic update "$TMP/s.xml" --actuals "$TMP/depts/shoko.csv.filled" "$TMP/depts/kanko.csv.filled"
check "csv round trip: exit 0, each sheet's count, the total" \
	test "$RC" = 0 -a -n "$(grep -F 'shoko.csv.filled: 平成31年度 (FY2019): 2 added' "$TMP/out")" -a -n "$(grep -F "kpic: $TMP/s.xml: 平成31年度 (FY2019): 3 added, 0 replaced, 0 revised, 0 unchanged" "$TMP/out")"
check "csv round trip: which departments' KPIs are still missing" \
	grep -qF 'kpic: 平成31年度 (FY2019): still no figure from 観光課 for 3 KPIs: g2-overnight, g2-tentozan, g2-foreign-overnight' "$TMP/out"
check "csv round trip: a department with all of its KPIs missing too" \
	grep -qF 'still no figure from 水産漁港課 for 1 KPI: g1-haccp' "$TMP/out"
run_kpic eval --format=json "$TMP/s.xml"
check "csv round trip: eval sees the figures" \
	test "$(jq -c '[.kpis[] | select(.id == "g1-employees" or .id == "g2-visitors" or .id == "g1-pedestrians-weekday") | .series[0].latest | [.year, .value]] | sort' "$TMP/out")" = '[[2019,1100],[2019,16100],[2019,14700000]]'

# a 担当課 id is a token: one holding ../ or a slash still names a file in -o DIR
sed 's|"shoko"|"../sh/oko"|g; s|"kanko"|".kanko"|g' "$src" >"$TMP/ids.xml"
run_kpic export "$TMP/ids.xml" --actuals-template --year=2019 --by-department -o "$TMP/ids"
check "odd 担当課 ids: exit 0, the files inside -o DIR, named safely" \
	test "$RC" = 0 -a -f "$TMP/ids/_._sh_oko.csv" -a -f "$TMP/ids/_kanko.csv" -a ! -e "$TMP/sh" -a "$(ls "$TMP/ids" | wc -l)" = 18

# fill_zip FILE FORMAT ID VALUE...: the year's column filled in an .xlsx or .ods
fill_zip() {
	python3 - "$@" <<'PY'
import sys, zipfile, re
path, fmt, kv = sys.argv[1], sys.argv[2], sys.argv[3:]
vals = dict(zip(kv[::2], kv[1::2]))
zin = zipfile.ZipFile(path)
items = [(i, zin.read(i.filename)) for i in zin.infolist()]
out = zipfile.ZipFile(path + '.filled.' + fmt, 'w')
for info, data in items:
    t = data.decode('utf-8')
    if fmt == 'xlsx' and info.filename.startswith('xl/worksheets/'):
        def row(m):
            r = m.group(0)
            k = re.search(r'<c r="A(\d+)" t="inlineStr"><is><t xml:space="preserve">([^<]*)</t>', r)
            if k and k.group(2) in vals:
                r = r.replace('</row>', '<c r="H%s"><v>%s</v></c></row>' % (k.group(1), vals[k.group(2)]))
            return r
        t = re.sub(r'<row r="\d+">.*?</row>', row, t)
    if fmt == 'ods' and info.filename == 'content.xml':
        def row(m):
            r = m.group(0)
            k = re.match(r'<table:table-row><table:table-cell office:value-type="string"><text:p>([^<]*)</text:p>', r)
            if k and k.group(1) in vals and r.endswith('<table:table-cell/></table:table-row>'):
                v = vals[k.group(1)]
                r = r[:-len('<table:table-cell/></table:table-row>')] + '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell></table:table-row>' % (v, v)
            return r
        t = re.sub(r'<table:table-row>.*?</table:table-row>', row, t)
    out.writestr(info, t.encode('utf-8'), compress_type=info.compress_type)
out.close()
PY
}

for fmt in xlsx ods; do
	run_kpic export "$src" --actuals-template --year=2019 --format=$fmt -o "$TMP/all.$fmt"
	check "$fmt: exit 0, a $fmt file" test "$RC" = 0 -a -s "$TMP/all.$fmt"
	fill_zip "$TMP/all.$fmt" $fmt g1-employees 16100 g1-pedestrians-weekday 1100
	run_kpic update "$src" --actuals "$TMP/all.$fmt.filled.$fmt" -o "$TMP/from-$fmt.xml"
	check "$fmt round trip: the year from the sheet, 2 added" \
		test "$RC" = 0 -a -n "$(grep -F "平成31年度 (FY2019): 2 added, 0 replaced, 0 revised, 0 unchanged" "$TMP/out")"
	run_kpic eval --format=json "$TMP/from-$fmt.xml"
	check "$fmt round trip: eval sees the figures" \
		test "$(jq -c '[.kpis[] | select(.id == "g1-employees" or .id == "g1-pedestrians-weekday") | .series[0].latest | [.year, .value]] | sort' "$TMP/out")" = '[[2019,1100],[2019,16100]]'
	run_kpic export "$src" --actuals-template --year=2019 --format=$fmt --by-department -o "$TMP/depts.$fmt"
	fill_zip "$TMP/depts.$fmt" $fmt g1-employees 16100
	run_kpic update "$src" --actuals "$TMP/depts.$fmt.filled.$fmt" --sheet=商工労働課 -o "$TMP/dept-$fmt.xml"
	check "$fmt by department: one sheet per 担当課, read by its name" \
		test "$RC" = 0 -a -n "$(grep -F '1 added' "$TMP/out")"
	fill_zip "$TMP/depts.$fmt" $fmt g1-employees 16100 g2-visitors 14700000
	run_kpic update "$src" --actuals "$TMP/depts.$fmt.filled.$fmt" -o "$TMP/dept-all-$fmt.xml"
	check "$fmt by department: without --sheet every sheet is applied, each said" \
		test "$RC" = 0 -a -n "$(grep -F "depts.$fmt.filled.$fmt:商工労働課: 平成31年度 (FY2019): 1 added" "$TMP/out")" -a -n "$(grep -F "depts.$fmt.filled.$fmt:観光課: 平成31年度 (FY2019): 1 added" "$TMP/out")"
	check "$fmt by department: a sheet left empty is said so" \
		grep -qF "depts.$fmt.filled.$fmt:港湾課: 平成31年度 (FY2019): nothing filled in (2 rows left empty)" "$TMP/out"
	check "$fmt by department: the total, and the 担当課 still missing" \
		test -n "$(grep -F "dept-all-$fmt.xml: 平成31年度 (FY2019): 2 added" "$TMP/out")" -a -n "$(grep -F 'still no figure from 港湾課 for 2 KPIs: g1-port-volume, g1-port-value' "$TMP/out")"
done

# what the options need
run_kpic export "$src" --actuals-template -o "$TMP/none.csv"
check "no --year: a usage error, exit 2" test "$RC" = 2 -a -n "$(grep -F 'needs the year the sheets collect: give --year=Y' "$TMP/err")"
run_kpic export "$src" --format=xlsx -o "$TMP/none.xlsx"
check "--format=xlsx without --actuals-template: a usage error" test "$RC" = 2 -a ! -e "$TMP/none.xlsx"
run_kpic export "$src" --actuals-template --year=2019 --format=json
check "--actuals-template --format=json: a usage error" test "$RC" = 2
done_testing

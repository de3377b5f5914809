# t-import.sh - kpic import: the seed's goal-1 KPI table as TSV, .xlsx and
# .ods (plain and with merged cells, made by LibreOffice Calc with
# tests/import/mkfixtures.sh) and kpic export's CSV back into sources that
# evaluate as the bundled source does; unreadable cells, headers and
# archives refused with their sheet positions, and nothing written.
. tests/lib.sh
src=sources/abashiri/strategy.xml
dir=tests/import
run_kpic eval --format=json "$src"
cp "$TMP/out" "$TMP/orig.json"
# goal 1's counts, and each KPI's name, level, rate and judgement in order
goal1() { jq -c '.goals[0].counts' "$1"; jq -c '.kpis[] | select(.goal == "g1") | [.name, .level, .rate, .met]' "$1"; }
goal1 "$TMP/orig.json" >"$TMP/orig.g1"
check "the bundled goal 1: 18 KPIs, 10 of them met" \
	test "$(head -n 1 "$TMP/orig.g1" | jq -c '.all | [.total, .met]')" = '[18,10]'

for f in goal1.tsv goal1.xlsx goal1.ods goal1-merged.xlsx goal1-merged.ods; do
	rm -f "$TMP/$f.xml"
	run_kpic import -o "$TMP/$f.xml" "$dir/$f"
	check "$f: exit 0" test "$RC" = 0
	# the sheet names no municipality: the gap left, and the title naming it, are the only diagnostics
	check "$f: only the municipality and the title naming it are warned [unnamed-strategy]" \
		test "$(grep -E '^[^ ].*: (warning|error|note):' "$TMP/err" | sed 's/^[^:]*:\([0-9]*\):[0-9]*: warning: .*\[\(.*\)\]$/\1 \2/' | tr '\n' ' ')" = "16 unnamed-strategy 17 unnamed-strategy "
	run_kpic eval --format=json "$TMP/$f.xml"
	check "$f: the imported source passes kpic check" test "$RC" = 0
	printf '%s\n' "$OUT" >"$TMP/$f.json"
	goal1 "$TMP/$f.json" >"$TMP/$f.g1"
	check "$f: goal 1's counts and every KPI's rate and judgement as the bundled source's" \
		cmp -s "$TMP/orig.g1" "$TMP/$f.g1"
done
x=$TMP/goal1.tsv.xml
check "tsv: no municipality column: a visible gap, not a blank name" \
	grep -qF '<municipality>（自治体名）</municipality>' "$x"
check "tsv: the seed's notation read: 141万-style amounts in base units, man notation" \
	grep -qF '<value year="2015">120000000</value>' "$x"
check "tsv: two series in one cell, labels from the name (・ホタテ製品 ・サケ製品)" \
	grep -qF '<series key="s2" label="サケ製品">' "$x"
check "tsv: a blank cell is not-surveyed" grep -qF '<value year="2015" status="not-surveyed"/>' "$x"
check "tsv: the 方向 column says maintain" grep -qF '<kpi id="g1-k1" direction="maintain">' "$x"
check "tsv: 38.1万t is man-decimal" grep -qF '<notation>man-decimal</notation>' "$x"
check "xlsx: the sheet's name is in the comment" grep -qF 'goal1.xlsx, sheet goal1' "$TMP/goal1.xlsx.xml"
check "merged: a covered 基準日 cell takes its origin's text (休日 row: 10月)" \
	test "$(grep -A12 '中心市街地通行者数(休日)' "$TMP/goal1-merged.ods.xml" | grep -c '<survey>10月</survey>')" = 1
check "merged: xlsx and ods give the same source" \
	test "$(sed 1,4d "$TMP/goal1-merged.xlsx.xml")" = "$(sed 1,4d "$TMP/goal1-merged.ods.xml")"

# the export round trip: the whole source, through kpic export's CSV
run_kpic export -o "$TMP/all.csv" "$src"
run_kpic import -o "$TMP/rt.xml" "$TMP/all.csv"
check "round trip: import of kpic export's CSV, exit 0" test "$RC" = 0
run_kpic eval --format=json "$TMP/rt.xml"
printf '%s\n' "$OUT" >"$TMP/rt.json"
check "round trip: the same counts per goal and level" \
	test "$(jq -c '[.goals[] | [.number, .counts]]' "$TMP/rt.json")" = "$(jq -c '[.goals[] | [.number, .counts]]' "$TMP/orig.json")"
check "round trip: the same totals (64 KPIs, 8 of 8 and 33 of 56 met)" \
	test "$(jq -c '.totals | [.goal.met, .goal.total, .measure.met, .measure.total]' "$TMP/rt.json")" = '[8,8,33,56]'
check "round trip: every KPI's id, rate and judgement, and the 担当課 counts" \
	test "$(jq -c '[.kpis[] | [.id, .rate, .met]], .departments' "$TMP/rt.json")" = "$(jq -c '[.kpis[] | [.id, .rate, .met]], .departments' "$TMP/orig.json")"
check "round trip: the override and its reason survive" grep -qF '<override met="yes">' "$TMP/rt.xml"

# the round trip of the declared scales: yearly targets, given grades, declared
# states and rate-against come back, and the evaluation with them; every
# bundled source's export imports to a source that checks (errors none)
for s in hibarino soyokaze mirai abashiri; do
	run_kpic export -o "$TMP/$s.csv" "sources/$s/strategy.xml"
	run_kpic import -o "$TMP/$s-rt.xml" "$TMP/$s.csv"
	check "$s: export imports, exit 0" test "$RC" = 0
	run_kpic check -Wno-draft-placeholder "$TMP/$s-rt.xml"
	check "$s: the import checks clean" test "$RC" = 0 -a -z "$ERR"
	run_kpic export -o "$TMP/$s-2.csv" "$TMP/$s-rt.xml"
	[ "$s" = abashiri ] ||   # (abashiri's made-up heading ids differ)
		check "$s: export → import → export is the same CSV" cmp -s "$TMP/$s.csv" "$TMP/$s-2.csv"
done
# soyokaze and hibarino: their 再掲 rows come back in the same heading after
# the same KPI, and the imported source evaluates to the same counts
reposts_of() {
	python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{urn:x-kpic:strategy:1}"
def walk(e, heading):
    prev = None
    for c in e:
        tag = c.tag.replace(ns, "")
        if tag == "repost":
            print("%s|%s|%s|%s|%s" % (heading, prev, c.get("id"), c.get("kpi"), c.get("label")))
            continue
        prev = c.get("id") if tag == "kpi" else None
        walk(c, c.get("id") or heading)
walk(ET.parse(sys.argv[1]).getroot(), None)
PY
}
for s in soyokaze hibarino; do
	reposts_of "sources/$s/strategy.xml" >"$TMP/$s-rp-a.txt"
	reposts_of "$TMP/$s-rt.xml" >"$TMP/$s-rp-b.txt"
	check "$s round trip: the 再掲 rows in their heading after their KPI" \
		test -s "$TMP/$s-rp-a.txt" -a "$(cat "$TMP/$s-rp-a.txt")" = "$(cat "$TMP/$s-rp-b.txt")"
	run_kpic eval --format=json "sources/$s/strategy.xml"
	printf '%s\n' "$OUT" | jq -c '.totals, [.goals[] | .counts], [.kpis[] | [.id, .rate, .grades, .state]], .departments' >"$TMP/$s-a.json"
	run_kpic eval --format=json "$TMP/$s-rt.xml"
	printf '%s\n' "$OUT" | jq -c '.totals, [.goals[] | .counts], [.kpis[] | [.id, .rate, .grades, .state]], .departments' >"$TMP/$s-b.json"
	check "$s round trip: the same counts, rates, grades and 担当課 counts" cmp -s "$TMP/$s-a.json" "$TMP/$s-b.json"
done
check "soyokaze round trip: the counts (a3 b3 c2, 2 unpublished)" \
	test "$(head -1 "$TMP/soyokaze-b.json" | jq -c '[.all.total, .all.grades, .all.states]')" = '[8,{"a":3,"b":3,"c":2},{"unpublished":2}]'
check "hibarino round trip: the counts (a3 b3 c3 d2)" \
	test "$(head -1 "$TMP/hibarino-b.json" | jq -c '[.all.total, .all.grades]')" = '[11,{"a":3,"b":3,"c":3,"d":2}]'
# a reposts_after cell of anything but <repost> elements: at its cell, nothing written
python3 - "$TMP/hibarino.csv" "$TMP/rp-bad.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
rows[2][-1] = '<repost kpi="g1-jobs"/><kpi id="x"/>'
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
rm -f "$TMP/rp-bad.xml"
run_kpic import -o "$TMP/rp-bad.xml" "$TMP/rp-bad.csv"
check "reposts_after holding another element: exit 1 at its cell [import-cell], nothing written" \
	test "$RC" = 1 -a ! -e "$TMP/rp-bad.xml" -a \
	     -n "$(grep -F "rp-bad.csv:3:$(head -1 "$TMP/hibarino.csv" | tr ',' '\n' | wc -l): error: column reposts_after does not hold <repost> elements only" "$TMP/err")"
# aobane (relative, revised and cumulative targets, the reference series) and
# the levels fixture (declared level names, tags): the same CSV after the
# round trip, and the imported source evaluates to the same counts
for s in sources/aobane/strategy.xml tests/levels/levels.xml; do
	n=$(basename "$(dirname "$s")")
	run_kpic export -o "$TMP/$n.csv" "$s"
	run_kpic import -o "$TMP/$n-rt.xml" "$TMP/$n.csv"
	check "$n: export imports, exit 0" test "$RC" = 0
	run_kpic check -Wno-draft-placeholder "$TMP/$n-rt.xml"
	check "$n: the import checks clean" test "$RC" = 0 -a -z "$ERR"
	run_kpic export -o "$TMP/$n-2.csv" "$TMP/$n-rt.xml"
	check "$n: export → import → export is the same CSV" cmp -s "$TMP/$n.csv" "$TMP/$n-2.csv"
	run_kpic eval --format=json "$s"
	printf '%s\n' "$OUT" | jq -c '.totals, [.goals[] | .counts], [.kpis[] | [.id, .rate, .grades, .state]]' >"$TMP/$n-a.json"
	run_kpic eval --format=json "$TMP/$n-rt.xml"
	printf '%s\n' "$OUT" | jq -c '.totals, [.goals[] | .counts], [.kpis[] | [.id, .rate, .grades, .state]]' >"$TMP/$n-b.json"
	check "$n: the imported source has the same counts, rates and grades" cmp -s "$TMP/$n-a.json" "$TMP/$n-b.json"
done
# the five-level fixture: its 事業 (project) level comes back from the
# project_id and project_title columns, the last two of the export
s=tests/levels/five.xml
run_kpic export -o "$TMP/five.csv" "$s"
check "five: project_id and project_title are the last columns but reposts_after" \
	test "$(head -1 "$TMP/five.csv" | tr -d '\r' | tr ',' '\n' | tail -3 | tr '\n' ' ')" = "project_id project_title reposts_after "
check "five: a project's KPI has its project's id and title, its measure's id; a measure's KPI none" \
	test "$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding="utf-8-sig",newline="")))
print(" ".join("%s:%s:%s:%s" % (x["kpi_id"], x["measure_id"], x["project_id"], x["project_title"]) for x in r if x["kpi_id"] in ("k3","k5","k7")))' "$TMP/five.csv")" = \
	"k3:g1-p1-d1-m1:: k5:g1-p1-d1-m1:g1-p1-d1-m1-j1:就農研修事業 k7:g2-p1-m1:g2-p1-m1-j1:移住相談窓口事業"
run_kpic import -o "$TMP/five-rt.xml" "$TMP/five.csv"
check "five: export imports, exit 0" test "$RC" = 0
check "five: the projects rebuilt inside their measures, with their ids" \
	test "$(grep -oE '<(measure|project) id="[^"]*"' "$TMP/five-rt.xml" | tr '\n' ' ')" = \
	'<measure id="g1-p1-d1-m1" <project id="g1-p1-d1-m1-j1" <project id="g1-p1-d1-m1-j2" <measure id="g2-p1-m1" <project id="g2-p1-m1-j1" '
run_kpic check -Wno-draft-placeholder "$TMP/five-rt.xml"
check "five: the import checks clean" test "$RC" = 0 -a -z "$ERR"
run_kpic export -o "$TMP/five-2.csv" "$TMP/five-rt.xml"
check "five: export → import → export is the same CSV" cmp -s "$TMP/five.csv" "$TMP/five-2.csv"
five_tree() { jq -c '.headings, .totals, [.goals[] | .counts, .rollup], [.kpis[] | [.id, .level, .rate, .grades, .state]]' "$1"; }
run_kpic eval --format=json "$s"
printf '%s\n' "$OUT" >"$TMP/five-a.json"
run_kpic eval --format=json "$TMP/five-rt.xml"
printf '%s\n' "$OUT" >"$TMP/five-b.json"
check "five: the original has 3 projects among its headings" \
	test "$(jq '[.headings[] | select(.level == "project")] | length' "$TMP/five-a.json")" = 3
check "five: the imported source has the same heading tree, counts per goal and level, and grades" \
	cmp -s <(five_tree "$TMP/five-a.json") <(five_tree "$TMP/five-b.json")
# without project_id the projects get ids made as the other headings' are
python3 - "$TMP/five.csv" "$TMP/five-noid.csv" "$TMP/five-old.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
j = rows[0].index("project_id")
noid = [r[:j] + [""] + r[j + 1:] if i else r for i, r in enumerate(rows)]
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(noid)
csv.writer(open(sys.argv[3], "w", encoding="utf-8", newline="")).writerows([r[:j] + r[j + 2:] for r in rows])
PY
run_kpic import -o "$TMP/five-noid.xml" "$TMP/five-noid.csv"
check "five: without project_id the projects' ids are made from their measure's (-j1, -j2)" \
	test "$RC" = 0 -a "$(grep -oE '<project id="[^"]*"' "$TMP/five-noid.xml" | tr '\n' ' ')" = \
	'<project id="g1-p1-d1-m1-j1" <project id="g1-p1-d1-m1-j2" <project id="g2-p1-m1-j1" '
# an older export (no project columns): no projects, the KPIs in their measures
run_kpic import -o "$TMP/five-old.xml" "$TMP/five-old.csv"
run_kpic eval --format=json "$TMP/five-old.xml"
check "five, older export without the project columns: no project, the measures' counts take in their KPIs" \
	test "$RC" = 0 -a -z "$(grep '<project' "$TMP/five-old.xml")" -a \
	"$(printf '%s\n' "$OUT" | jq -c '[.headings[] | [.id, .level, .counts.total]]')" = \
	'[["g1-p1","policy",4],["g1-p1-d1","direction",3],["g1-p1-d1-m1","measure",3],["g2-p1","policy",2],["g2-p1-m1","measure",2]]'
# abashiri (no project): its export ends in the two empty project columns
# and reposts_after, and an export without those three imports to the same
# source but for the 再掲 row they carry
run_kpic export -o "$TMP/ab.csv" sources/abashiri/strategy.xml
n=$(head -1 "$TMP/ab.csv" | tr -d '\r' | tr ',' '\n' | grep -nx references | cut -d: -f1)
check "abashiri export: project_id, project_title, reposts_after right after the old last column (references, column $n)" \
	test "$(head -1 "$TMP/ab.csv" | tr -d '\r' | cut -d, -f$((n + 1))-)" = "project_id,project_title,reposts_after"
python3 - "$TMP/ab.csv" "$TMP/ab-old.csv" "$TMP/ab-cols.txt" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
j = rows[0].index("project_id")
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows([r[:j] for r in rows])
with open(sys.argv[3], "w", encoding="utf-8") as f:
    f.write("".join("%s|%s|%s|%s\n" % (r[6], r[j], r[j + 1], r[j + 2]) for r in rows[1:] if any(r[j:])))
PY
check "abashiri export: every row's project columns empty; one KPI followed by a 再掲 row" \
	test "$(cat "$TMP/ab-cols.txt")" = 'g5-health-checkup|||<repost kpi="g5-lifestyle-disease" label="生活習慣病罹患率"/>'
run_kpic import -o "$TMP/ab-new.xml" "$TMP/ab.csv"
run_kpic import -o "$TMP/ab-old.xml" "$TMP/ab-old.csv"
check "abashiri: an export without those columns imports to the same source but for the 再掲 row" \
	cmp -s <(grep -v 'Imported by kpic import\|<repost kpi="g5-lifestyle-disease"' "$TMP/ab-new.xml") <(grep -v 'Imported by kpic import' "$TMP/ab-old.xml")
check "abashiri: ... which the export's import has after its KPI, the older one not" \
	test "$(grep -A1 '</kpi>' "$TMP/ab-new.xml" | grep -c '<repost kpi="g5-lifestyle-disease" label="生活習慣病罹患率"/>')" = 1 -a \
	     -z "$(grep '<repost' "$TMP/ab-old.xml")"
check "aobane round trip: the counts per grade (◎4 ○3 △3)" \
	test "$(head -1 "$TMP/aobane-b.json" | jq -c '.all.grades')" = '{"s":4,"g":3,"t":3}'
check "aobane round trip: relation=, reference=, initial= and revised-in= of the targets" \
	bash -c 'grep -qF "<target year=\"2024\" relation=\"reference\" reference=\"national\"/>" "$0" &&
	         grep -qF "<target year=\"2024\" initial=\"60\" revised-in=\"2022\">80</target>" "$0" &&
	         grep -qF "<target year=\"2024\" relation=\"at-most\">100</target>" "$0"' "$TMP/aobane-rt.xml"
check "aobane round trip: the cumulative KPI and its span, the reference series" \
	bash -c 'grep -qF "cumulative=\"yes\"" "$0" && grep -qF "<span from=\"2020\" to=\"2024\"/>" "$0" &&
	         grep -qF "<reference id=\"national\" label=\"全国平均\"><value year=\"2020\">1.33</value>" "$0"' "$TMP/aobane-rt.xml"
check "levels round trip: the declared level names and the tags" \
	bash -c 'grep -qF "<level of=\"goal\" name=\"政策パッケージ\" rollup=\"share\"/>" "$0" &&
	         grep -qF "<tag id=\"cross\" label=\"横断的目標\"/>" "$0" && grep -qF "tags=\"priority cross\"" "$0"' "$TMP/levels-rt.xml"
check "levels round trip: the 「うち」 counts of the tags" \
	test "$(head -1 "$TMP/levels-b.json" | jq -c '[.tags.priority.total, .tags.cross.met]')" = '[2,1]'
check "soyokaze round trip: the text columns and each KPI's texts" \
	bash -c 'grep -qF "<column id=\"factors\">要因分析</column>" "$0" &&
	         grep -qF "<text column=\"next\">若年層の町内就職を企業と連携して促す。</text>" "$0"' "$TMP/soyokaze-rt.xml"
# a levels cell that is not one <levels> element: at its cell, nothing written
python3 - "$TMP/levels.csv" "$TMP/lv.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
h = rows[0]
for r in rows[1:]: r[h.index("levels")] = '<level of="goal" name="x"/>'
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
lcol=$(head -1 "$TMP/levels.csv" | tr ',' '\n' | grep -nx 'levels' | cut -d: -f1)
rm -f "$TMP/lv.xml"
run_kpic import -o "$TMP/lv.xml" "$TMP/lv.csv"
check "levels: a cell without one <levels> element at its cell [import-cell], exit 1, nothing written" \
	test "$RC" = 1 -a ! -e "$TMP/lv.xml" -a -n "$(grep -F "lv.csv:2:$lcol: error: column levels does not hold one <levels> element" "$TMP/err")"
check "mirai round trip: met by the achieved grades' labels, not <threshold/>" \
	grep -qF '「目標値以上・目標値と同等」のKPIは<count met="yes"/>件である。' "$TMP/mirai-rt.xml"
check "hibarino round trip: 達成率<threshold/>%以上 where met is a cut" \
	grep -qF '達成率<threshold/>%以上のKPIは<count met="yes"/>件である。' "$TMP/hibarino-rt.xml"
check "hibarino round trip: the scale and its states" \
	test "$(grep -o '<grade id=\|<state id=' "$TMP/hibarino-rt.xml" | wc -l)" = 6
check "hibarino round trip: yearly targets and the declared state" \
	bash -c 'grep -qF "<yearly-target year=\"2023\">16</yearly-target>" "$0" && grep -qF "state=\"ended\"" "$0"' "$TMP/hibarino-rt.xml"
run_kpic export -o "$TMP/grades.csv" tests/scales/grades.xml
run_kpic import -o "$TMP/grades-rt.xml" "$TMP/grades.csv"
check "given grades: read back" bash -c 'grep -qF "<grade scale=\"opinion\" ref=\"good\" year=\"2017\"/>" "$0"' "$TMP/grades-rt.xml"
run_kpic export --format=json -o "$TMP/g1.json" tests/scales/grades.xml
run_kpic export --format=json -o "$TMP/g2.json" "$TMP/grades-rt.xml"
check "given grades: the same export after the round trip" cmp -s "$TMP/g1.json" "$TMP/g2.json"
python3 - "$TMP/hibarino.csv" "$TMP/gg.csv" "$TMP/ev.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
h = rows[0]
gg = [r[:] for r in rows]; gg[1][h.index("given_grades")] = "nocolon"
ev = [r[:] for r in rows]
for r in ev[1:]: r[h.index("evaluation")] = '<evaluation threshold="80"/></meta><meta>'
for name, t in ((sys.argv[2], gg), (sys.argv[3], ev)):
    csv.writer(open(name, "w", encoding="utf-8", newline="")).writerows(t)
PY
gcol=$(head -1 "$TMP/hibarino.csv" | tr ',' '\n' | grep -nx 'given_grades' | cut -d: -f1)
run_kpic import -o "$TMP/gg.xml" "$TMP/gg.csv"
check "given_grades: a bad word at its cell [import-cell], exit 1" \
	test "$RC" = 1 -a -n "$(grep -F "gg.csv:2:$gcol: error: not a given grade: 'nocolon'" "$TMP/err")"
run_kpic import -o "$TMP/ev.xml" "$TMP/ev.csv"
check "evaluation: more than one element is refused [import-cell], exit 1, nothing written" \
	test "$RC" = 1 -a ! -e "$TMP/ev.xml" -a -n "$(grep -F "error: column evaluation does not hold one <evaluation> element" "$TMP/err")"

# a status the vocabulary does not know is refused at its cell, not read as measured
sed '2s/,15757,measured,/,15757,bogus,/' "$TMP/all.csv" >"$TMP/st.csv"
rm -f "$TMP/st.xml"
run_kpic import -o "$TMP/st.xml" "$TMP/st.csv"
check "export CSV: an unknown status at its cell (line 2, field 20) [import-cell], exit 1, nothing written" \
	test "$RC" = 1 -a ! -e "$TMP/st.xml" -a -n "$(grep -F "st.csv:2:20: error: unknown status 'bogus' in column fy2016_status" "$TMP/err")"
# ... and the document's words for statuses are read as the source's names
sed '2s/,15757,measured,/,15757,未確定,/' "$TMP/all.csv" >"$TMP/st.csv"
run_kpic import -o "$TMP/st.xml" "$TMP/st.csv"
check "export CSV: 未確定 in a status column is provisional" \
	test "$RC" = 0 -a -n "$(grep -F '<value year="2016" status="provisional">15757</value>' "$TMP/st.xml")"

# bad cells: the diagnostic at the cell, and nothing written
bad() {  # NAME: copies goal1.tsv to $TMP/NAME.tsv through sed ARGS
	local name=$1; shift
	sed "$@" "$dir/goal1.tsv" >"$TMP/$name.tsv"
	rm -f "$TMP/$name.xml"
	run_kpic import -o "$TMP/$name.xml" "$TMP/$name.tsv"
}
bad num 's/\t6,592人\t/\t6,5x2人\t/'
check "unreadable figure: exit 1, at line 6 field 6" \
	grep -qF "num.tsv:6:6: error: '6,5x2人' is not a figure kpic can read" "$TMP/err"
check "unreadable figure: [import-cell], nothing written" test "$RC" = 1 -a ! -e "$TMP/num.xml" -a -n "$(grep -F '[import-cell]' "$TMP/err")"
bad era 's/\tH27年(度)\t/\tX27年(度)\t/'
check "unknown era year header: at the header cell (line 2, field 7) [import-header]" \
	grep -qF "era.tsv:2:7: error: unknown column 'X27年(度)'" "$TMP/err"
check "unknown era year header: exit 1, nothing written" test "$RC" = 1 -a ! -e "$TMP/era.xml"
bad era2 's/\tH30年(度)\t/\tH32年(度)\t/'
check "an era year the era did not have (H32)" grep -qF "era2.tsv:2:10: error: unknown column 'H32年(度)'" "$TMP/err"
bad noname 's/\t輸出相手国数\t/\t\t/'
check "missing KPI name: at the name cell [import-row], nothing written" \
	test -n "$(grep -F 'noname.tsv:11:5: error: this row has figures but no KPI name (KPI 項目) [import-row]' "$TMP/err")" -a ! -e "$TMP/noname.xml"
bad series 's/\t4社 3社\t5社 4社\t/\t4社 3社\t5社\t/'
check "one figure where the row has two series [import-cell]" \
	grep -qF "series.tsv:8:11: error: figures in this cell: 1; in the row's other cells: 2" "$TMP/err"
bad unit 's/\t1,006人\t/\t1,006件\t/'
check "a unit that differs from the row's [import-cell]" grep -qF "unit.tsv:6:10: error: unit '件' differs from '人'" "$TMP/err"
bad notarget 's/\t2カ国\t7カ国\t/\t2カ国\t\t/'
check "no target [import-row]" grep -qF "notarget.tsv:11:11: error: KPI '輸出相手国数' has no 目標値 (target) [import-row]" "$TMP/err"
bad guess 's/\t維持$/\t/'
check "target below baseline without 方向: imported as lower, with a warning" \
	test "$RC" = 0 -a -n "$(grep -F 'guess.tsv:3:11: warning: the target is below the baseline' "$TMP/err")" -a -n "$(grep -F 'direction="lower"' "$TMP/guess.xml")"
bad pct 's/\t23.20%\t/\t123.20%\t/'
check "a sheet that yields an invalid source: its check diagnostics, exit 1, nothing written" \
	test "$RC" = 1 -a -n "$(grep -F '[percent-out-of-range]' "$TMP/err")" -a ! -e "$TMP/pct.xml"
check "... and the message says so" grep -qF 'the imported source would not pass kpic check; nothing was written' "$TMP/err"

# more of the seed's notation: 参考値, 未確定, △, a 5-year baseline, 再掲
{
	cat "$dir/goal1.tsv"
	printf '<基本目標3> 結婚・出産・子育て\t\t\t\t合計特殊出生率\t(H20-24) 1.51\t(1.64)\t(1.48)\t1.60\t1.51\t(1.65)\t\t\t\t健康推進課\t\n'
	printf '\t子育て\t\t若者の就労促進(再掲)\t高校卒業者市内就職率(再掲)\t\t\t\t\t\t\t\t\t\t\t\n'
	printf '\t\t\t\t総面積\t350千㎡\t—\t△3千㎡\t－\t未確定 (313千㎡)\t300千㎡\t\t\t\t建築課\t減\n'
} >"$TMP/more.tsv"
run_kpic import -o "$TMP/more.xml" "$TMP/more.tsv"
check "notation: exit 0" test "$RC" = 0
check "notation: (H20-24) 1.51 is a 2008–2012 baseline" grep -qF '<baseline year="2012" from="2008">1.51</baseline>' "$TMP/more.xml"
sed 's/(H20-24) 1.51/(平成20-24) 1.51/' "$TMP/more.tsv" >"$TMP/long.tsv"
run_kpic import -o "$TMP/long.xml" "$TMP/long.tsv"
check "notation: (平成20-24) 1.51, the span in the long era form, is a 2008–2012 baseline" \
	grep -qF '<baseline year="2012" from="2008">1.51</baseline>' "$TMP/long.xml"
check "notation: (1.64) is a reference value" grep -qF '<value year="2015" status="reference">1.64</value>' "$TMP/more.xml"
check "notation: 未確定 (313千㎡) is provisional, 千㎡ its unit" \
	test -n "$(grep -F '<value year="2018" status="provisional">313</value>' "$TMP/more.xml")" -a -n "$(grep -F '<unit>千㎡</unit>' "$TMP/more.xml")"
check "notation: △3 is -3, — and － are not-available" \
	test -n "$(grep -F '<value year="2016">-3</value>' "$TMP/more.xml")" -a "$(grep -c 'status="not-available"' "$TMP/more.xml")" = 2
check "notation: a (再掲) measure and KPI point at the originals" \
	test -n "$(grep -F 'repost-of="g1-p2-d1-m1"' "$TMP/more.xml")" -a -n "$(grep -F '<repost kpi="g1-k14" label="高校卒業者市内就職率"/>' "$TMP/more.xml")"
sed 's/高校卒業者市内就職率(再掲)/高校卒業就職者市内就職率(再掲)/' "$TMP/more.tsv" >"$TMP/repost.tsv"
run_kpic import -o "$TMP/repost.xml" "$TMP/repost.tsv"
check "a 再掲 row naming no KPI [import-repost]" \
	test "$RC" = 1 -a -n "$(grep -F "repost.tsv:24:5: error: '高校卒業就職者市内就職率(再掲)' is marked 再掲 but no KPI" "$TMP/err")"

# spreadsheets: positions as FILE:SHEET:R<row>C<col>; archives refused
run_kpic import -o "$TMP/b.xml" "$dir/bad-cell.xlsx"
check "xlsx: an unreadable figure at bad-cell.xlsx:bad-cell:R6C6 [import-cell]" \
	grep -qF "bad-cell.xlsx:bad-cell:R6C6: error: '6,5x2人' is not a figure" "$TMP/err"
check "xlsx: exit 1, nothing written" test "$RC" = 1 -a ! -e "$TMP/b.xml"
run_kpic import --sheet=nothing -o "$TMP/b.xml" "$dir/goal1.ods"
check "--sheet: an unknown sheet [import-unreadable-sheet]" \
	grep -qF "goal1.ods: error: there is no sheet named 'nothing' [import-unreadable-sheet]" "$TMP/err"
run_kpic import --sheet=goal1 -o "$TMP/s.xml" "$dir/goal1.xlsx"
check "--sheet: the named sheet" test "$RC" = 0 -a -s "$TMP/s.xml"
head -c 3000 "$dir/goal1.xlsx" >"$TMP/trunc.xlsx"
run_kpic import -o "$TMP/b.xml" "$TMP/trunc.xlsx"
check "a corrupt (truncated) zip: refused [import-unreadable-sheet], exit 2" \
	test "$RC" = 2 -a -n "$(grep -F 'not a readable .xlsx file (a zip archive)' "$TMP/err")" -a ! -e "$TMP/b.xml"
run_kpic import -o "$TMP/b.xml" "$dir/bomb.xlsx"
check "a zip bomb (70 MiB in 70 KiB): refused [import-too-large], exit 2" \
	test "$RC" = 2 -a -n "$(grep -F 'unzips to 73400343 bytes: refused' "$TMP/err")" -a ! -e "$TMP/b.xml"
run_kpic import -o "$TMP/b.xml" "$dir/huge.ods"
check "a cell repeated over 10^5 columns: refused [import-too-large], exit 2" \
	test "$RC" = 2 -a -n "$(grep -F 'is beyond what kpic reads' "$TMP/err")" -a ! -e "$TMP/b.xml"

# a sheet that cannot be read at all exits 2, as kpic update does for the same
run_kpic import -o "$TMP/b.xml" "$TMP/missing.tsv"
check "a missing sheet: exit 2 [unreadable], nothing written" \
	test "$RC" = 2 -a ! -e "$TMP/b.xml" -a -n "$(grep -F 'missing.tsv: error: cannot read' "$TMP/err")"
printf '\x8a\xee\x96\x7b\x96\xda\x95\x57\n' >"$TMP/sjis.csv"
run_kpic import -o "$TMP/b.xml" "$TMP/sjis.csv"
check "a Shift_JIS sheet: exit 2 [encoding], nothing written" \
	test "$RC" = 2 -a ! -e "$TMP/b.xml" -a -n "$(grep -F 'sjis.csv: error: the sheet is not UTF-8 text' "$TMP/err")"
run_kpic update "$src" --year 2019 --actuals "$TMP/sjis.csv" -o "$TMP/b.xml"
check "... and kpic update: exit 2 too" test "$RC" = 2 -a ! -e "$TMP/b.xml"
run_kpic import --sheet=nothing -o "$TMP/b.xml" "$dir/goal1.ods"
check "--sheet: an unknown sheet, exit 2 as for kpic update" test "$RC" = 2

# text bombs (tests/import/mkbombs.sh): a few hundred bytes whose cells
# expand to gigabytes; refused by the text bound, not by running out of
# memory (ulimit -v only without AddressSanitizer, which reserves terabytes)
textbomb() {
	case "$KPIC" in
	*asan*) run_cmd timeout 60 "$KPIC" "$@" ;;
	*) (ulimit -v 1048576 && run_cmd timeout 60 "$KPIC" "$@"; echo "$RC" >"$TMP/rc")
	   RC=$(cat "$TMP/rc"); ERR=$(cat "$TMP/err") ;;
	esac
}
for f in textbomb.ods textbomb.xlsx; do
	textbomb import -o "$TMP/b.xml" "$dir/$f"
	check "$f: a repeated 64 KiB text, gigabytes expanded: exit 2, nothing written" test "$RC" = 2 -a ! -e "$TMP/b.xml"
	check "$f: names the file and the text limit [import-too-large]" \
		grep -qF "$dir/$f: error: the sheet's cells hold more than 64 MiB of text, kpic's limit" "$TMP/err"
	check "$f: ... and says what to do" grep -qF 'delete what lies outside the KPI table, or save the table alone as CSV UTF-8 [import-too-large]' "$TMP/err"
done
textbomb import -o "$TMP/b.xml" "$dir/attrbomb.ods"
check "attrbomb.ods: 20,000 attributes on one tag: refused before parsing, at its line [import-too-large]" \
	test "$RC" = 2 -a ! -e "$TMP/b.xml" -a -n "$(grep -F "attrbomb.ods: error: content.xml, line 3: this element has more than 256 attributes, kpic's limit per element" "$TMP/err")"

# never over the input
cp "$dir/goal1.tsv" "$TMP/self.tsv"
run_kpic import -o "$TMP/self.tsv" "$TMP/self.tsv"
check "-o the sheet itself: refused, the sheet unchanged" test "$RC" = 2 && cmp -s "$dir/goal1.tsv" "$TMP/self.tsv" && ok "-o the sheet itself: unchanged" || not_ok "-o the sheet itself: unchanged"
done_testing

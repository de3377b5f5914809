# t-export.sh - kpic export: the KPIs as open data, CSV (RFC 4180, UTF-8 with a
# BOM) and JSON with the same columns, agreeing with kpic eval.
. tests/lib.sh
src=sources/abashiri/strategy.xml

run_kpic export "$src"
check "export: exit 0, no diagnostics" test "$RC" = 0 -a -z "$ERR"
cp "$TMP/out" "$TMP/a.csv"
check "export: CSV starts with the UTF-8 BOM" test "$(head -c 3 "$TMP/a.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "export: CSV lines end with CRLF" test "$(grep -c $'\r$' "$TMP/a.csv")" = "$(wc -l <"$TMP/a.csv")"
run_kpic export -o "$TMP/b.csv" "$src"
check "export: deterministic (and -o writes the same)" cmp -s "$TMP/a.csv" "$TMP/b.csv"

run_kpic eval --format=json "$src"
cp "$TMP/out" "$TMP/eval.json"
run_kpic export --format=json "$src"
cp "$TMP/out" "$TMP/a.json"
check "export json: exit 0" test "$RC" = 0
series=$(jq '[.kpis[].series | length] | add' "$TMP/eval.json")
check "export json: one row per KPI series ($series)" test "$(jq length "$TMP/a.json")" = "$series"
check "export json: the 64 KPIs" test "$(jq '[.[].kpi_id] | unique | length' "$TMP/a.json")" = 64
# data rows of the CSV (one record per line: no field of this source holds a line break)
check "export csv: header + one line per series" test "$(wc -l <"$TMP/a.csv")" = $((series + 1))

# the same values, rates and judgements as kpic eval --format=json
jq -c '.kpis[] as $k | $k.series[] | [$k.id, .key, .rate, .met, (.latest.value), (.latest.year),
       (.target.value), (.baseline.value), $k.rate, $k.met]' "$TMP/eval.json" >"$TMP/from-eval"
jq -c '.[] | [.kpi_id, .series_key, .rate, .met, .latest_value, .latest_year,
       .target_value, .baseline_value, .kpi_rate, .kpi_met]' "$TMP/a.json" >"$TMP/from-export"
check "export json: values, rates and met equal kpic eval's" cmp -s "$TMP/from-eval" "$TMP/from-export"
check "export json: yearly columns hold the values (g1-pedestrians-weekday FY2018 = 1006)" \
	test "$(jq '.[] | select(.kpi_id == "g1-pedestrians-weekday") | .fy2018' "$TMP/a.json")" = 1006
check "export json: a blank year is null with its status" \
	test "$(jq -c '.[] | select(.kpi_id == "g1-employees") | [.fy2015, .fy2015_status]' "$TMP/a.json")" = '[null,"not-surveyed"]'

# the CSV parses as CSV and says what the JSON says (python3 may be absent)
if command -v python3 >/dev/null 2>&1; then
	check "export csv: parses (python3 csv) and equals the JSON, field by field" python3 - "$TMP/a.csv" "$TMP/a.json" <<'PY'
import csv, json, sys
raw = open(sys.argv[1], encoding="utf-8", newline="").read()
assert raw.startswith("\ufeff")
rows = list(csv.DictReader(raw[1:].splitlines(True), strict=True))
js = json.load(open(sys.argv[2], encoding="utf-8"))
assert len(rows) == len(js), (len(rows), len(js))
for r, j in zip(rows, js):
    assert list(r) == list(j), "columns differ"
    for k, v in j.items():
        want = "" if v is None else ("yes" if v is True else "no" if v is False else str(v))
        if isinstance(v, float):
            want = r[k] if float(r[k]) == v else want
        assert r[k] == want, (k, r[k], want)
PY
else
	fields=$(head -n 1 "$TMP/a.csv" | tr -cd , | wc -c)
	check "export csv: every unquoted line has the header's field count (no python3)" \
		test -z "$(grep -v '"' "$TMP/a.csv" | awk -F, -v n=$((fields + 1)) 'NF != n')"
fi

# quoting (RFC 4180): a name with a comma and a double quote
sed 's|<name>市内事業所の従業員数</name>|<name>従業員数, "市内"</name>|' tests/rules/clean.xml >"$TMP/quote.xml"
run_kpic export "$TMP/quote.xml"
check "export csv: a field with a comma and a quote is quoted, the quote doubled" \
	grep -qF ',"従業員数, ""市内""",' "$TMP/out"
run_kpic export --format=json "$TMP/quote.xml"
check "export json: the same name, escaped" test "$(jq -r '.[0].kpi_name' "$TMP/out")" = '従業員数, "市内"'

# usage and bad sources
run_kpic export --format=xml "$src"
check "export --format=xml: usage error" test "$RC" = 2
run_kpic eval --format=csv "$src"
check "eval --format=csv: usage error" test "$RC" = 2
run_kpic export tests/rules/duplicate-id.xml
check "export of a bad source: its diagnostics, exit 1, no output" test "$RC" = 1 -a -z "$OUT"
# Text that a spreadsheet would run as a formula is written with an
# apostrophe before it (OWASP); numbers stay numbers; kpic import of the CSV
# gives the same text back.
sed -e 's|<name>従業員数</name>|<name>=HYPERLINK("http://example.invalid/","x")</name>|' \
	-e "s|<name>率</name>|<name>@SUM(1+1)</name>|" tests/fixtures/minimal.xml >"$TMP/formula.xml"
run_kpic export -o "$TMP/formula.csv" "$TMP/formula.xml"
cat >"$TMP/formula.pat" <<'PAT'
,"'=HYPERLINK(""http://example.invalid/"",""x"")",
,'@SUM(1+1),
PAT
check "export: formula-like names are neutralised with an apostrophe" \
	test "$(grep -oF -f "$TMP/formula.pat" "$TMP/formula.csv" | sort -u | wc -l)" = 2
check "export: no field begins with = + @ (only numbers may begin with -)" \
	python3 -c 'import csv,sys,re
for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig")):
    for f in row:
        if f[:1] in "=+@\t\r" and f or (f[:1] == "-" and not re.fullmatch(r"-[0-9.]+", f)): sys.exit(1)' "$TMP/formula.csv"
run_kpic import -o "$TMP/back.xml" "$TMP/formula.csv"
check "import of the CSV: the names come back without the apostrophe" \
	test "$RC" = 0 -a "$(grep -c -F -e '<name>=HYPERLINK(&quot;http://example.invalid/&quot;,&quot;x&quot;)</name>' -e '<name>@SUM(1+1)</name>' "$TMP/back.xml")" = 2

# the judgement by the declared scale: computed grade (id, symbol), state
# (computed and declared), rate-against, given grades, yearly targets
run_kpic export --format=json sources/hibarino/strategy.xml
hq() { printf '%s' "$OUT" | jq -r "$1"; }
check "export: computed grades of hibarino's primary scale" \
	test "$(hq '[.[] | "\(.kpi_id)=\(.grade)\(.grade_symbol)"] | .[0:3] | join(" ")')" = "g1-jobs=cC g1-startups=aA g1-farmers=bB"
check "export: the declared state and the computed one (事業終了, 調査中)" \
	test "$(hq '[.[] | select(.state != "") | "\(.kpi_id):\(.state):\(.state_declared)"] | join(" ")')" = "g1-festival:ended:ended g2-satisfaction:survey:"
check "export: rate against the year's target, from the document" \
	test "$(hq '[.[] | .rate_against] | unique | join(",")'):$(hq '[.[] | .rate_against_declared] | unique | join(",")')" = "year:"
check "export: yearly targets, one column per year (創業件数 FY2021-2024 12 14 16 18)" \
	test "$(hq '.[1] | "\(.target_fy2021) \(.target_fy2022) \(.target_fy2023) \(.target_fy2024) \(.target_fy2025)"')" = "12 14 16 18 null"
check "export: the evaluation element on one line" \
	test "$(hq '.[0].evaluation' | grep -o '<grade id=' | wc -l)" = 4
run_kpic export --format=json tests/scales/grades.xml
check "export: given grades scale:grade@year" \
	test "$(hq '.[] | select(.kpi_id == "given") | .given_grades')" = "opinion:good@2017 opinion:fair@2018"
# relative and revised targets, cumulative KPIs, tags, free texts and the
# strategy's level names, tags and reference series
run_kpic export --format=json sources/aobane/strategy.xml
check "export: relation= and reference= of the targets (aobane)" \
	test "$(hq '[.[] | select(.target_relation != "") | "\(.kpi_id):\(.target_relation):\(.target_reference)"] | join(" ")')" = \
	     "g1-visitors:previous: g2-tfr:reference:national g2-births:keep: g2-movein:at-least: g3-life:extend: g3-crime:at-most:"
check "export: initial= and revised-in= of a revised target (60 → 80 in 2022)" \
	test "$(hq '.[] | select(.kpi_id == "g1-jobs") | "\(.target_initial) \(.target_revised_in) \(.target_value) \(.cumulative) \(.span_from)-\(.span_to)"')" = "60 2022 80 yes 2020-2024"
check "export: the reference series on every row" \
	test "$(hq '[.[] | .references | test("<reference id=\"national\" label=\"全国平均\"><value year=\"2020\">1.33</value>")] | all')" = true
run_kpic export --format=json tests/levels/levels.xml
check "export: tags= of the KPIs and the declared tags and levels" \
	test "$(hq '[.[] | .tags] | join("|")'):$(hq '.[0].tag_declarations' | grep -o '<tag id=' | wc -l):$(hq '.[0].levels' | grep -o 'name="[^"]*"' | tr '\n' ' ')" = \
	     'priority|priority cross|cross:2:name="政策パッケージ" name="主な取組" '
run_kpic export --format=json sources/soyokaze/strategy.xml
check "export: one text_ID column per declared text column" \
	test "$(hq '.[0] | "\(.text_factors)|\(.text_next)"')" = "町内企業の増設により就業者が増えた。|若年層の町内就職を企業と連携して促す。"
# 再掲 rows: the <repost>s that follow a KPI in its heading, on that KPI's
# rows, in the last column (so every column before keeps its place)
check "export: soyokaze's 再掲 row after g2-salon, nowhere else" \
	test "$(hq '[.[] | select(.reposts_after != "") | "\(.kpi_id)=\(.reposts_after)"] | join(" ")')" = \
	     'g2-salon=<repost kpi="g1-furusato" label="ふるさと納税の寄附件数"/>'
run_kpic export --format=json sources/hibarino/strategy.xml
check "export: hibarino's two 再掲 rows after g3-settlers, in order" \
	test "$(hq '[.[] | select(.reposts_after != "") | "\(.kpi_id)=\(.reposts_after)"] | join(" ")')" = \
	     'g3-settlers=<repost kpi="g2-births" label="出生数"/><repost kpi="g1-jobs" label="市内事業所の従業者数"/>'
run_kpic export sources/hibarino/strategy.xml
check "export CSV: reposts_after is the last column" \
	test "$(printf '%s' "$OUT" | head -1 | tr -d '\r' | tr ',' '\n' | tail -1)" = reposts_after
done_testing

# t-cli.sh - the command line: help, version, options, exit status, output
# formats of the diagnostics, atomic output.
. tests/lib.sh
fx=tests/rules

run_kpic --help
check "--help: usage" grep -q "^usage: kpic <command>" "$TMP/out"
check "--help: exit 0" test "$RC" = 0
for cmd in check eval html pdf diff draft rules; do
	check "--help lists $cmd" grep -q "^  $cmd" "$TMP/out"
done
run_kpic --version
check "--version" grep -qE "^kpic [0-9]+\.[0-9]+\.[0-9]+ " "$TMP/out"
run_kpic
check "no command: exit 2" test "$RC" = 2
run_kpic frobnicate x.xml
check "unknown command: exit 2" test "$RC" = 2
run_kpic check --bogus $fx/clean.xml
check "unknown option: exit 2" test "$RC" = 2
run_kpic check -Wno-nonsense $fx/clean.xml
check "unknown rule: exit 2" grep -q "unknown rule 'nonsense'" "$TMP/err"
run_kpic check -Wno-duplicate-id $fx/clean.xml
check "errors cannot be silenced" test "$RC" = 2

run_kpic rules
check "rules: exit 0, nothing on stderr" test "$RC" = 0 -a -z "$ERR"
check "rules: one line per rule" test "$(echo "$OUT" | wc -l)" = "$(grep -c '^RULE(' tools/rules.def)"
check "rules: names duplicate-id as an error" grep -qE "^duplicate-id +error" "$TMP/out"

# warnings: exit 0; -Werror makes them errors; -Wno-RULE silences them
run_kpic check $fx/unused-department.xml
check "warning: exit 0" test "$RC" = 0
run_kpic check -Werror $fx/unused-department.xml
check "-Werror: exit 1" test "$RC" = 1
check "-Werror: reported as error" grep -q "error: department 'kenchiku'" "$TMP/err"
run_kpic check -Werror=unused-department $fx/unused-department.xml
check "-Werror=RULE: exit 1" test "$RC" = 1
run_kpic check -Wno-unused-department $fx/unused-department.xml
check "-Wno-RULE: silent" test "$RC" = 0 -a -z "$ERR"
run_kpic check -W no-unused-department $fx/unused-department.xml
check "-W no-RULE: silent" test "$RC" = 0 -a -z "$ERR"

# several files: diagnostics for each, the worst status
run_kpic check $fx/clean.xml $fx/duplicate-id.xml $fx/unused-department.xml
check "several files: exit 1" test "$RC" = 1
check "several files: both reported" test "$(grep -c '^tests/rules/' "$TMP/err")" -ge 3
run_kpic check $fx/clean.xml "$TMP/missing.xml"
check "unreadable among several: exit 2" test "$RC" = 2

# machine-readable diagnostics
run_kpic check --diagnostics-format=json $fx/duplicate-id.xml
golden "json diagnostics" tests/cli/duplicate-id.json "$OUT"
check "json: valid" jq -e '.errors == 1 and .diagnostics[0].rule == "duplicate-id" and .diagnostics[0].notes[0].line == 30' "$TMP/out"
run_kpic check --diagnostics-format=sarif $fx/duplicate-id.xml
golden "sarif diagnostics" tests/cli/duplicate-id.sarif "$OUT"
check "sarif: valid JSON with the result" jq -e '.version == "2.1.0" and .runs[0].results[0].ruleId == "duplicate-id" and .runs[0].results[0].locations[0].physicalLocation.region.startLine == 49' "$TMP/out"
check "sarif: every rule described" jq -e "(.runs[0].tool.driver.rules | length) == $(grep -c '^RULE(' tools/rules.def)" "$TMP/out"
run_kpic check --diagnostics-format=json $fx/clean.xml
check "json for a clean file" jq -e '.errors == 0 and (.diagnostics | length) == 0' "$TMP/out"

# output files
run_kpic eval --format=json -o "$TMP/e.json" $fx/clean.xml
check "eval -o writes the file" jq -e '.totals.all.total == 2' "$TMP/e.json"
cp $fx/clean.xml "$TMP/src.xml"
run_kpic eval --format=xml -o "$TMP/src.xml" "$TMP/src.xml"
check "-o onto the input is refused" test "$RC" = 2
check "-o onto the input: the input is intact" cmp -s $fx/clean.xml "$TMP/src.xml"
run_kpic eval -o "$TMP/no/such/dir/out.txt" $fx/clean.xml
check "-o into a missing directory: exit 2" test "$RC" = 2
done_testing

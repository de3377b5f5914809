# t-update.sh - kpic update: a year of actuals merged into a copy of the
# Abashiri source in place, changing only the value elements it should.
. tests/lib.sh
src=sources/abashiri/strategy.xml
# (Line numbers below are those of the Abashiri source, whose <evaluation>
# declares its two-grade scale on 7 lines.)
cp "$src" "$TMP/s.xml"

# tests/update/fy2019.tsv: 4 new FY2019 values (one KPI named by its name, two
# series of one KPI) and a reference (参考値) 2019 figure confirmed as measured
run_kpic update "$TMP/s.xml" --year 2019 --actuals tests/update/fy2019.tsv
check "update: exit 0" test "$RC" = 0
check "update: says what it did, the year named as the document names it" \
	grep -qF "kpic: $TMP/s.xml: 平成31年度 (FY2019): 4 added, 1 replaced, 0 revised, 0 unchanged; the previous version is $TMP/s.xml~" "$TMP/out"
check "update: the previous version is kept as SRC~" cmp -s "$src" "$TMP/s.xml~"
diff "$src" "$TMP/s.xml" >"$TMP/d"
check "update: 5 lines added or changed, 1 line replaced" \
	test "$(grep -c '^>' "$TMP/d")/$(grep -c '^<' "$TMP/d")" = 5/1
check "update: a new value after the previous year's, same indentation" \
	grep -qx '              <value year="2018">1006</value>' <(sed -n '122p' "$TMP/s.xml")
check "update: ... and the new one right after it" \
	test "$(sed -n 123p "$TMP/s.xml")" = '              <value year="2019">1100</value>'
check "update: a series' value (deeper indentation)" grep -qx '                <value year="2019">5</value>' "$TMP/s.xml"
check "update: the reference figure is now measured, its note kept" \
	grep -qF '<value year="2019" note="表の見出しにない列の数値">2</value>' "$TMP/s.xml"
check "update: comments survive" test "$(grep -c '<!--' "$TMP/s.xml")" = "$(grep -c '<!--' "$src")"
run_kpic check "$TMP/s.xml"
check "update: the updated source passes kpic check" test "$RC" = 0
run_kpic eval --format=json "$TMP/s.xml"
check "update: the new actual counts (pedestrians weekday latest FY2019 1100)" \
	test "$(jq -c '.kpis[] | select(.id == "g1-pedestrians-weekday") | .series[0].latest | [.year, .value]' "$TMP/out")" = '[2019,1100]'

# the same sheet again: refused as applied already, nothing written
cp "$TMP/s.xml" "$TMP/after.xml"
rm -f "$TMP/s.xml~"
run_kpic update "$TMP/s.xml" --year=2019 --actuals tests/update/fy2019.tsv
check "update again: refused, exit 2, says it was applied" \
	test "$RC" = 2 -a -n "$(grep -F 'kpic: tests/update/fy2019.tsv: its 5 figures are the source'"'"'s for 平成31年度 (FY2019) already: the sheet has been applied; nothing was written (pass --again if the figures really are the same again)' "$TMP/err")"
check "update again: the file is as it was, no backup" test "$(cmp "$TMP/s.xml" "$TMP/after.xml" && echo same)" = same -a ! -e "$TMP/s.xml~"

# the year is never guessed: without --year and a sheet that does not name
# it, the run is refused and nothing written (twice, not FY2019 then FY2020)
cp "$src" "$TMP/ny.xml"
for run in 1 2; do
	run_kpic update "$TMP/ny.xml" --actuals tests/update/fy2019.tsv
	check "no year ($run): refused, exit 2, says how to give it" \
		test "$RC" = 2 -a -n "$(grep -F 'fy2019.tsv: the sheet does not say which fiscal year its figures are for, and kpic does not guess: give --year=2023, or name the year in the sheet (a 年度 column' "$TMP/err")"
	check "no year ($run): the source as it was, no backup" test "$(cmp "$src" "$TMP/ny.xml" && echo same)" = same -a ! -e "$TMP/ny.xml~"
done
# the year from the value column's header (令和元年度 is FY2019), or a 年度 column
sed 's/^kpi\tseries\tvalue\tstatus$/kpi\tseries\t令和元年度\tstatus/' tests/update/fy2019.tsv >"$TMP/hdr.tsv"
run_kpic update "$src" --actuals "$TMP/hdr.tsv" -o "$TMP/hdr.xml"
check "year from the header (令和元年度): exit 0, the same update as --year 2019" \
	test "$RC" = 0 -a -n "$(grep -F '4 added, 1 replaced' "$TMP/out")" -a "$(cmp "$TMP/hdr.xml" "$TMP/after.xml" && echo same)" = same
for h in R1 FY2019 2019 '実績(H31)' '令和元年度実績'; do
	sed "s/^kpi\tseries\tvalue\tstatus\$/kpi\tseries\t$h\tstatus/" tests/update/fy2019.tsv >"$TMP/hdr.tsv"
	run_kpic update "$src" --actuals "$TMP/hdr.tsv" -o "$TMP/hdr2.xml"
	check "year from the header '$h'" test "$RC" = 0 -a "$(cmp "$TMP/hdr2.xml" "$TMP/after.xml" && echo same)" = same
done
awk 'BEGIN { FS = OFS = "\t" } /^#/ { print; next } { print $1, $2, $3, $4, (NR == 2 ? "年度" : NR == 3 ? "R1" : NR == 4 ? "2019" : "FY2019") }' \
	tests/update/fy2019.tsv >"$TMP/ycol.tsv"
run_kpic update "$src" --actuals "$TMP/ycol.tsv" -o "$TMP/ycol.xml"
check "a 年度 column (R1, 2019, FY2019): exit 0, the same update" \
	test "$RC" = 0 -a "$(cmp "$TMP/ycol.xml" "$TMP/after.xml" && echo same)" = same
sed '5s/FY2019$/H30/' "$TMP/ycol.tsv" >"$TMP/ymix.tsv"
run_kpic update "$src" --actuals "$TMP/ymix.tsv" -o "$TMP/none.xml"
check "a 年度 column naming two years: refused at the cell, exit 2, a note at the first" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "ymix.tsv:5:5: error: this is 平成30年度 (FY2018), but the sheet says 平成31年度 (FY2019): one sheet holds the figures of one year" "$TMP/err")" -a -n "$(grep -F 'ymix.tsv:3:5: note: the year named first' "$TMP/err")"
sed '4s/2019$/X5/' "$TMP/ycol.tsv" >"$TMP/ybad.tsv"
run_kpic update "$src" --actuals "$TMP/ybad.tsv" -o "$TMP/none.xml"
check "a 年度 cell that is no year: refused at it, exit 2" \
	test "$RC" = 2 -a -n "$(grep -F "ybad.tsv:4:5: error: 'X5' is not a fiscal year: write 令和5年度, R5, FY2023 or 2023 [actuals-syntax]" "$TMP/err")"
run_kpic update "$src" --year 2018 --actuals "$TMP/ycol.tsv" -o "$TMP/none.xml"
check "--year and the sheet disagree: refused, exit 2, nothing written" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "ycol.tsv:3:5: error: this is 平成31年度 (FY2019), but --year says 平成30年度 (FY2018)" "$TMP/err")"

# a title row above the header names the year (A1 令和元年度 実績, the header in row 2)
{ printf '令和元年度 実績\n'; grep -v '^#' tests/update/fy2019.tsv; } >"$TMP/title.tsv"
run_kpic update "$src" --actuals "$TMP/title.tsv" -o "$TMP/title.xml"
check "a title row naming the year: exit 0, the same update as --year 2019" \
	test "$RC" = 0 -a -n "$(grep -F '平成31年度 (FY2019): 4 added, 1 replaced' "$TMP/out")" -a "$(cmp "$TMP/title.xml" "$TMP/after.xml" && echo same)" = same
{ printf 'FY2019 KPI実績報告（企画課）\n'; grep -v '^#' tests/update/fy2019.tsv | tr '\t' ,; } >"$TMP/title.csv"
run_kpic update "$src" --actuals "$TMP/title.csv" -o "$TMP/title2.xml"
check "a title row (FY2019 …) over a CSV: the year read, the same update" \
	test "$RC" = 0 -a "$(cmp "$TMP/title2.xml" "$TMP/after.xml" && echo same)" = same
{ printf 'KPI実績報告\n'; grep -v '^#' tests/update/fy2019.tsv; } >"$TMP/title-none.tsv"
run_kpic update "$src" --actuals "$TMP/title-none.tsv" -o "$TMP/none.xml"
check "a title row naming no year: still refused (never guessed)" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F 'does not say which fiscal year' "$TMP/err")"
sed '1s/.*/平成30年度 実績/' "$TMP/title.tsv" >"$TMP/title-bad.tsv"
run_kpic update "$src" --actuals "$TMP/title-bad.tsv" --year 2019 -o "$TMP/none.xml"
check "a title naming another year than --year: refused at the title" \
	test "$RC" = 2 -a -n "$(grep -F 'title-bad.tsv:1:1: error: this is 平成30年度 (FY2018), but --year says 平成31年度 (FY2019)' "$TMP/err")"

# the issue's case: one sheet naming its year, run twice: the source as after
# the first run, and the second refused; and a sheet given again as the next year
sed 's/^kpi\tseries\tvalue\tstatus$/kpi\tseries\t令和元年度\tstatus/' tests/update/fy2019.tsv >"$TMP/twice.tsv"
cp "$src" "$TMP/twice.xml"
run_kpic update "$TMP/twice.xml" --actuals "$TMP/twice.tsv"
cp "$TMP/twice.xml" "$TMP/twice1.xml"
check "twice: the first run applies the sheet" test "$RC" = 0 -a "$(cmp "$TMP/twice.xml" "$TMP/after.xml" && echo same)" = same
run_kpic update "$TMP/twice.xml" --actuals "$TMP/twice.tsv"
check "twice: the second is refused (exit 2, a message), the source as after the first" \
	test "$RC" = 2 -a -n "$(grep -F 'the sheet has been applied' "$TMP/err")" -a "$(cmp "$TMP/twice.xml" "$TMP/twice1.xml" && echo same)" = same
printf 'kpi\tvalue\ng1-employees\t16100\ng1-haccp\t\n' | sed 's/g1-haccp\t$/g1-food-value-added\t—/' >"$TMP/next.tsv"
run_kpic update "$src" --year 2018 --actuals "$TMP/next.tsv" -o "$TMP/next.xml"
check "next year: FY2018 applied" test "$RC" = 0 -a -n "$(grep -F '2 replaced' "$TMP/out")"
run_kpic update "$TMP/next.xml" --year 2019 --actuals "$TMP/next.tsv" -o "$TMP/none.xml"
check "next year: the same sheet as FY2019 refused: its figures are the source's for FY2018" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F 'its 2 figures are the source'"'"'s for 平成30年度 (FY2018) already' "$TMP/err")"

# --again: the user says the figures really repeat
run_kpic update "$TMP/next.xml" --again --year 2019 --actuals "$TMP/next.tsv" -o "$TMP/again.xml"
check "--again: the repeated figures applied as FY2019" \
	test "$RC" = 0 -a -n "$(grep -F 'again.xml: 平成31年度 (FY2019): 2 added, 0 replaced' "$TMP/out")" -a "$(grep -c '<value year="2019">16100</value>' "$TMP/again.xml")" = 1
run_kpic update "$TMP/twice.xml" --again --actuals "$TMP/twice.tsv"
check "--again, the same year: nothing to change, exit 0, the year named" \
	test "$RC" = 0 -a -n "$(grep -F "twice.xml: 平成31年度 (FY2019): nothing to change (5 rows already there)" "$TMP/out")" -a "$(cmp "$TMP/twice.xml" "$TMP/twice1.xml" && echo same)" = same
# --year in the era forms too
run_kpic update "$src" --year=令和元年度 --actuals tests/update/fy2019.tsv -o "$TMP/era.xml"
check "--year=令和元年度 is FY2019" test "$RC" = 0 -a "$(cmp "$TMP/era.xml" "$TMP/after.xml" && echo same)" = same
run_kpic update "$src" --year=R99x --actuals tests/update/fy2019.tsv -o "$TMP/none.xml"
check "--year=R99x: a usage error, exit 2" \
	test "$RC" = 2 -a -n "$(grep -F "kpic update: --year 'R99x': a fiscal year such as 2023, R5 or 令和5年度" "$TMP/err")"
check "--year=R99x: points at the command's help" test -n "$(grep -Fx "Try 'kpic update --help'." "$TMP/err")"

# refused rows: diagnostics at sheet:row:column, and the file byte-identical
printf 'kpi\tseries\tvalue\ng1-pedestrians-weekday\t\t1200\ng9-nothing\t\t1\n' >"$TMP/bad.tsv"
rm -f "$TMP/s.xml~"
run_kpic update "$TMP/s.xml" --year 2019 --actuals "$TMP/bad.tsv"
check "refused: exit 1" test "$RC" = 1
check "refused: an unflagged revision, at row 2 column 3" \
	grep -qF "bad.tsv:2:3: error: KPI 'g1-pedestrians-weekday' already has 1100 for FY2019; this row says 1200" "$TMP/err"
check "refused: ... with a note at the source's value" grep -qF 's.xml:123:15: note: the value in the source' "$TMP/err"
check "refused: an unknown KPI, at row 3 column 1" \
	grep -qF "bad.tsv:3:1: error: no KPI has the id or name 'g9-nothing' [actuals-unknown-kpi]" "$TMP/err"
check "refused: the source is byte-identical" cmp -s "$TMP/s.xml" "$TMP/after.xml"
check "refused: no backup written" test ! -e "$TMP/s.xml~"

# --revise records the revision
printf 'g1-pedestrians-weekday,,1200\n' >"$TMP/rev.csv"
run_kpic update --revise "$TMP/s.xml" --year 2019 --actuals "$TMP/rev.csv"
check "revise: exit 0, one revised" test "$RC" = 0 -a -n "$(grep '1 revised' "$TMP/out")"
check "revise: the old figure kept as revised=" \
	test "$(sed -n 123p "$TMP/s.xml")" = '              <value year="2019" revised="1100">1200</value>'
check "revise: one line changed" test "$(diff "$TMP/after.xml" "$TMP/s.xml" | grep -c '^[<>]')" = 2
check "revise: the backup is the version before" cmp -s "$TMP/s.xml~" "$TMP/after.xml"
run_kpic check "$TMP/s.xml"
check "revise: the revised source passes kpic check" test "$RC" = 0

# an empty not-surveyed element is replaced (FY2018 of g1-employees)
cp "$src" "$TMP/e.xml"
printf 'g1-employees\t\t16100\n' >"$TMP/emp.tsv"
run_kpic update "$TMP/e.xml" --year 2018 --actuals "$TMP/emp.tsv" -o "$TMP/e2.xml"
check "not-surveyed: replaced in place" \
	test "$(diff "$TMP/e.xml" "$TMP/e2.xml" | grep '^[<>]')" = '<         <value year="2018" status="not-surveyed"/>
>         <value year="2018">16100</value>'
check "-o: the source itself is untouched, no backup" test ! -e "$TMP/e.xml~" -a "$(cmp "$src" "$TMP/e.xml" && echo same)" = same

# a result that would not pass kpic check is not written (a percentage of 150)
printf 'g1-food-value-added\t\t150\n' >"$TMP/pct.tsv"
run_kpic update "$TMP/e.xml" --year 2019 --actuals "$TMP/pct.tsv"
check "a value kpic check would refuse: exit 1, its diagnostic, nothing written" \
	test "$RC" = 1 -a -n "$(grep '\[percent-out-of-range\]' "$TMP/err")" -a "$(cmp "$src" "$TMP/e.xml" && echo same)" = same
run_kpic update "$TMP/e.xml" --year 2030 --actuals "$TMP/emp.tsv"
check "a year outside the period: exit 2" test "$RC" = 2
run_kpic update "$TMP/e.xml"
check "no --actuals: usage error" test "$RC" = 2

# the same actuals as Calc saved them (tests/update/mkfixtures.sh): the same
# updated source, byte for byte, from the .xlsx and the .ods
run_kpic update "$src" --year 2019 --actuals tests/update/fy2019.tsv -o "$TMP/from-tsv.xml"
for fmt in xlsx ods; do
	run_kpic update "$src" --year 2019 --actuals tests/update/fy2019.$fmt -o "$TMP/from-$fmt.xml"
	check "$fmt: exit 0, 4 added, 1 replaced" \
		test "$RC" = 0 -a -n "$(grep -F '平成31年度 (FY2019): 4 added, 1 replaced, 0 revised, 0 unchanged' "$TMP/out")"
	check "$fmt: the updated source is the TSV's, byte for byte" cmp -s "$TMP/from-tsv.xml" "$TMP/from-$fmt.xml"
done
check "the TSV's update is the one checked above" cmp -s "$TMP/from-tsv.xml" "$TMP/after.xml"
run_kpic update "$src" --year 2019 --actuals tests/update/fy2019.xlsx --sheet=fy2019 -o "$TMP/named.xml"
check "xlsx --sheet: the sheet by its name" test "$RC" = 0 -a "$(cmp "$TMP/from-tsv.xml" "$TMP/named.xml" && echo same)" = same
run_kpic update "$src" --year 2019 --actuals tests/update/fy2019.ods --sheet=nothing -o "$TMP/none.xml"
check "ods --sheet: no such sheet, exit 2, nothing written" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "fy2019.ods: error: there is no sheet named 'nothing' [import-unreadable-sheet]" "$TMP/err")"
run_kpic update "$src" --year 2019 --actuals tests/update/fy2019.tsv --sheet=x -o "$TMP/none.xml"
check "tsv --sheet: refused (one sheet), exit 2" test "$RC" = 2 -a ! -e "$TMP/none.xml"

# a bad cell in an .xlsx (1,1OO with letters O at R3C3): at its sheet, row and column
run_kpic update "$src" --year 2019 --actuals tests/update/bad-cell.xlsx -o "$TMP/bad.xml"
check "xlsx: a bad cell at FILE:SHEET:R3C3, exit 1, nothing written" \
	test "$RC" = 1 -a ! -e "$TMP/bad.xml" -a -n "$(grep -F "tests/update/bad-cell.xlsx:bad-cell:R3C3: error: '1,1OO' is not a figure kpic can read" "$TMP/err")"
check "xlsx: ... its row shown, the caret under the cell" \
	grep -qx '      |                                 ^' "$TMP/err"

# the sheet's figures read as kpic import reads a table: units, separators, △/▲,
# fullwidth digits, the dashes, 未確定 and 参考値, and series by their labels
cat >"$TMP/words.tsv" <<'SHEET'
kpi	series	value
g1-pedestrians-weekday		1,100人
g1-food-value-added		23.10%
全国学力調査の全国平均正答率との差	小学生	△2.1
g4-academic	中学生	▲0.5
g1-employees		－
g1-haccp	ホタテ製品	５社
g1-haccp	サケ製品	未確定 (3社)
g3-obstetrics		(2)
SHEET
run_kpic update "$src" --year 2019 --actuals "$TMP/words.tsv" -o "$TMP/words.xml"
check "words: exit 0, 7 added, 1 unchanged" \
	test "$RC" = 0 -a -n "$(grep -F '平成31年度 (FY2019): 7 added, 0 replaced, 0 revised, 1 unchanged' "$TMP/out")"
diff "$src" "$TMP/words.xml" | grep '^>' | sed 's/^> *//' >"$TMP/words.d"
check "words: 1,100人 is 1100, 23.10% is 23.10" \
	test -n "$(grep -x '<value year="2019">1100</value>' "$TMP/words.d")" -a -n "$(grep -x '<value year="2019">23.10</value>' "$TMP/words.d")"
check "words: △2.1 and ▲0.5 are negative, the series named by their labels (小学生, 中学生)" \
	test "$(sed -n '/<series key="elementary"/,/<\/series>/p' "$TMP/words.xml" | grep -c '<value year="2019">-2.1</value>')/$(sed -n '/<series key="junior"/,/<\/series>/p' "$TMP/words.xml" | grep -c '<value year="2019">-0.5</value>')" = 1/1
check "words: － (U+FF0D) is not-available" grep -qx '<value year="2019" status="not-available"/>' "$TMP/words.d"
check "words: ５社 (fullwidth) is 5, 未確定 (3社) provisional" \
	test "$(sed -n '/<series key="hotate"/,/<\/series>/p' "$TMP/words.xml" | grep -c '<value year="2019">5</value>')" = 1 -a -n "$(grep -x '<value year="2019" status="provisional">3</value>' "$TMP/words.d")"
check "words: (2) is a reference figure, as the source already has it: unchanged" \
	test "$(grep -c 'year="2019" status="reference" note="表の見出しにない列の数値">2<' "$TMP/words.xml")" = 1
run_kpic check "$TMP/words.xml"
check "words: the result passes kpic check" test "$RC" = 0
printf 'kpi\tvalue\ng1-pedestrians-weekday\t1,100件\ng4-academic\t1\ng1-employees\t16,100人\tprovisional\n' >"$TMP/unit.tsv"
run_kpic update "$src" --year 2019 --actuals "$TMP/unit.tsv" -o "$TMP/none.xml"
check "a unit that is not the KPI's: refused at its cell" \
	test "$RC" = 1 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "unit.tsv:2:2: error: '1,100件': the unit is '件', but KPI 'g1-pedestrians-weekday' counts in '人' [actuals-syntax]" "$TMP/err")"
check "a KPI of two series named without one: its series listed with their labels" \
	grep -qF "unit.tsv:3:1: error: KPI 'g4-academic' has 2 series (elementary (小学生), junior (中学生)): name one in the series column" "$TMP/err"

# a sheet that cannot be read at all: exit 2, its diagnostic
run_kpic update "$src" --year 2019 --actuals "$TMP/missing.tsv" -o "$TMP/none.xml"
check "a missing sheet: exit 2, [unreadable]" test "$RC" = 2 -a -n "$(grep -F 'missing.tsv: error: cannot read' "$TMP/err")"
printf 'kpi\tvalue\n"g1-employees\t16100\n' >"$TMP/quote.tsv"
run_kpic update "$src" --year 2018 --actuals "$TMP/quote.tsv" -o "$TMP/none.xml"
check "an unclosed quote: at its line and field [actuals-syntax]" \
	grep -qF 'quote.tsv:2:1: error: a quoted cell is not closed' "$TMP/err"

# blank lines and comments anywhere, a CSV opening with a comment; a row too short
printf '# FY2018\n\n  # more\ng1-employees,,16100\n\ng1-haccp,hotate\n' >"$TMP/short.csv"
run_kpic update "$src" --year 2018 --actuals "$TMP/short.csv" -o "$TMP/none.xml"
check "a comment first, then CSV: only the short row refused, at line 6" \
	test "$RC" = 1 -a "$(grep -c 'error:' "$TMP/err")" = 1 -a -n "$(grep -F 'short.csv:6:1: error: this row has 2 columns' "$TMP/err")"

# a quote inside an unquoted field is a character: the fields after it keep their numbers
printf 'kpi\tse"ries\tvalue\tbogus\ng1-employees\t\t16100\n' >"$TMP/stray.tsv"
run_kpic update "$src" --year 2018 --actuals "$TMP/stray.tsv" -o "$TMP/none.xml"
check "a stray quote: the unknown columns at fields 2 and 4" \
	test -n "$(grep -F "stray.tsv:1:2: error: unknown column 'se\"ries'" "$TMP/err")" -a -n "$(grep -F "stray.tsv:1:4: error: unknown column 'bogus'" "$TMP/err")"

# a sheet whose cells expand to gigabytes of text (tests/import/mkbombs.sh):
# the same bound as kpic import, exit 2 (unreadable), nothing written
for f in textbomb.ods textbomb.xlsx; do
	case "$KPIC" in
	*asan*) run_cmd timeout 60 "$KPIC" update "$src" --year 2019 --actuals "tests/import/$f" -o "$TMP/none.xml" ;;
	*) (ulimit -v 1048576 && run_cmd timeout 60 "$KPIC" update "$src" --year 2019 --actuals "tests/import/$f" -o "$TMP/none.xml"; echo "$RC" >"$TMP/rc")
	   RC=$(cat "$TMP/rc") ;;
	esac
	check "$f: the text bound: exit 2, nothing written [import-too-large]" \
		test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "tests/import/$f: error: the sheet's cells hold more than 64 MiB of text" "$TMP/err")"
done

# a control character cannot go into a source: refused where it is
printf 'kpi\tvalue\ng1-em\002ployees\t16100\n' >"$TMP/ctrl.tsv"
run_kpic update "$src" --year 2018 --actuals "$TMP/ctrl.tsv" -o "$TMP/none.xml"
check "a control character: exit 2, at line 2 field 1 [actuals-syntax]" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F 'ctrl.tsv:2:1: error: a control character (U+0002) in the sheet' "$TMP/err")"

# --targets: yearly targets (年度別目標値) and given grades from a sheet, merged
# like actuals: in place, atomically, the old target kept as revised=
sed '/<published>/,/<\/published>/d' sources/hibarino/strategy.xml >"$TMP/h.xml"
cp "$TMP/h.xml" "$TMP/h0.xml"
printf 'kpi,series,year,target\ng1-startups,,2023,25\ng1-startups,,2025,22\n' >"$TMP/targets.csv"
run_kpic update "$TMP/h.xml" --targets "$TMP/targets.csv"
check "targets: a different yearly target without --revise: exit 1 at its cell [actuals-revision], nothing written" \
	test "$RC" = 1 -a -n "$(grep -F "targets.csv:2:4: error: the yearly target is '16' in the source; this row says '25'" "$TMP/err")" -a \
	     -n "$(grep -F '[actuals-revision]' "$TMP/err")" -a ! -e "$TMP/h.xml~"
check "targets: ... the source untouched" cmp -s "$TMP/h.xml" "$TMP/h0.xml"
run_kpic update "$TMP/h.xml" --targets "$TMP/targets.csv" --revise
check "targets: exit 0, says what it did" \
	test "$RC" = 0 -a -n "$(grep -F "kpic: $TMP/h.xml: yearly targets and given grades: 1 added, 0 replaced, 1 revised, 0 unchanged; the previous version is $TMP/h.xml~" "$TMP/out")"
check "targets: the previous version is kept as SRC~" cmp -s "$TMP/h0.xml" "$TMP/h.xml~"
check "targets: the revised target keeps the old one, the new one after FY2024's, same indentation" \
	test "$(grep -F 'yearly-target year="202' "$TMP/h.xml" | sed -n '3,5p' | tr -s ' ')" = \
	     "$(printf ' <yearly-target year="2023" revised="16">25</yearly-target>\n <yearly-target year="2024">18</yearly-target>\n <yearly-target year="2025">22</yearly-target>')"
check "targets: only those two lines changed" test "$(diff "$TMP/h0.xml" "$TMP/h.xml" | grep -c '^[<>]')" = 3
run_kpic eval --format=json "$TMP/h.xml"
check "targets: the rate is against the new FY2023 target (20 of 25 = 80%, grade c)" \
	test "$(printf '%s' "$OUT" | jq -c '.kpis[] | select(.id == "g1-startups") | [.rate, .grade]')" = '[80,"c"]'
run_kpic eval --format=json "$TMP/h0.xml"
check "targets: ... where it was 125%, grade a" \
	test "$(printf '%s' "$OUT" | jq -c '.kpis[] | select(.id == "g1-startups") | [.rate, .grade]')" = '[125,"a"]'
run_kpic update "$TMP/h.xml" --targets "$TMP/targets.csv" --revise
check "targets: applied again, nothing to change" \
	test "$RC" = 0 -a -n "$(grep -F 'nothing to change (2 rows already there)' "$TMP/out")"
# given grades: by id or symbol, the scale left out when there is one given scale
cp tests/scales/grades.xml "$TMP/g.xml"
printf 'kpi,year,grade\nr50,2018,B\ngiven,2018,good\n' >"$TMP/grades.csv"
run_kpic update "$TMP/g.xml" --targets "$TMP/grades.csv" --revise
check "grades: exit 0, 1 added and 1 revised" \
	test "$RC" = 0 -a -n "$(grep -F '1 added, 0 replaced, 1 revised, 0 unchanged' "$TMP/out")"
run_kpic eval --format=json "$TMP/g.xml"
check "grades: the given grades as kpic eval reads them (r50 fair, given good)" \
	test "$(printf '%s' "$OUT" | jq -c '[.kpis[] | select(.id == "r50" or .id == "given") | [.id, .grades.opinion]]')" = '[["r50","fair"],["given","good"]]'
# bad rows: each at its cell, nothing written
printf 'kpi,series,year,target,scale,grade\ng1-startupz,,2023,25,,\ng1-startups,,2031,22,,\ng1-startups,,2024,x,,\ng1-jobs,,2024,,opinion,A\n' >"$TMP/bad-targets.csv"
cp "$TMP/h.xml" "$TMP/h1.xml"
run_kpic update "$TMP/h.xml" --targets "$TMP/bad-targets.csv" -o "$TMP/none.xml"
check "targets: bad rows, exit 1, nothing written" test "$RC" = 1 -a ! -e "$TMP/none.xml"
check "targets: ... the source untouched" cmp -s "$TMP/h.xml" "$TMP/h1.xml"
check "targets: an unknown KPI at line 2 field 1, with did you mean [actuals-unknown-kpi]" \
	bash -c 'grep -qF "bad-targets.csv:2:1: error: no KPI has the id or name '"'g1-startupz'"' [actuals-unknown-kpi]" "$0" && grep -qF "did you mean '"'g1-startups'"'?" "$0"' "$TMP/err"
check "targets: a year outside the period at its cell" \
	grep -qF "bad-targets.csv:3:3: error: 令和13年度 (FY2031) is outside the strategy's period 2021–2025" "$TMP/err"
check "targets: a figure that is none at its cell" grep -qF "bad-targets.csv:4:4: error: 'x' is not a target kpic can read" "$TMP/err"
check "targets: a scale that is not a given one" grep -qF "bad-targets.csv:5:5: error: the source has no given scale 'opinion'" "$TMP/err"
printf 'g1-startups,,2023,25\n' >"$TMP/nohead.csv"
run_kpic update "$TMP/h.xml" --targets "$TMP/nohead.csv"
check "targets: a sheet without its header row at line 1 [actuals-syntax]" \
	test "$RC" = 1 -a -n "$(grep -F "nohead.csv:1:1: error: a sheet of targets begins with a header row" "$TMP/err")"
run_kpic update "$TMP/h.xml" --targets "$TMP/targets.csv" --actuals tests/update/fy2019.tsv
check "targets and actuals at once: usage error, exit 2" test "$RC" = 2
# --year and --again mean nothing to a sheet of targets (each row names its
# year; applied again it changes nothing): refused, not ignored
cp "$TMP/h.xml" "$TMP/h2.xml"
run_kpic update "$TMP/h.xml" --year=2023 --targets "$TMP/targets.csv" --revise
check "targets with --year: usage error, exit 2, the year column named" \
	test "$RC" = 2 -a "$(head -1 "$TMP/err")" = "kpic update: --year does not apply to --targets: the sheet's year column names each row's year" \
	     -a "$(sed -n 2p "$TMP/err")" = "Try 'kpic update --help'."
check "targets with --year: ... the source untouched, no backup" test -z "$(cmp "$TMP/h.xml" "$TMP/h2.xml")" -a ! -e "$TMP/h.xml.lock"
cp "$TMP/h.xml" "$TMP/h.xml~"; cp "$TMP/h.xml" "$TMP/h3.xml"
printf 'kpi,series,year,target\ng1-startups,,2023,30\n' >"$TMP/targets2.csv"
run_kpic update "$TMP/h.xml" --targets "$TMP/targets2.csv" --revise --again
check "targets with --again: usage error, exit 2" \
	test "$RC" = 2 -a "$(head -1 "$TMP/err")" = "kpic update: --again does not apply to --targets: a sheet applied again changes nothing"
check "targets with --again: ... the source untouched though the row would revise it" cmp -s "$TMP/h.xml" "$TMP/h3.xml"
LANG=ja_JP.UTF-8 LC_ALL= run_kpic update "$TMP/h.xml" --year=R5 --targets "$TMP/targets.csv"
check "targets with --year, in Japanese: exit 2, the message translated" \
	test "$RC" = 2 -a "$(head -1 "$TMP/err")" = "kpic update: --year は --targets と併用できません: 年度は行ごとにシートの year 列が示します"
done_testing

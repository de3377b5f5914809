# t-timing.sh - kpic --time-report: a table of the stages on stderr, and the
# command's own output unchanged byte for byte.
. tests/lib.sh
src=sources/abashiri/strategy.xml
export SOURCE_DATE_EPOCH=1554076800

# What kpic wrote to stderr before the report (without the newline ending it).
before_report() {
	local p=${ERR%%kpic: time report*}
	printf '%s' "${p%$'\n'}"
}

run_kpic pdf -o "$TMP/plain.pdf" "$src"
plain_err=$ERR
run_kpic --time-report pdf -o "$TMP/timed.pdf" "$src"
check "pdf --time-report: exit status 0" test "$RC" = 0
check "pdf --time-report: the PDF is byte-identical" cmp -s "$TMP/plain.pdf" "$TMP/timed.pdf"
check "pdf --time-report: the report follows the command's own messages" \
	test "$(before_report)" = "$plain_err"
for stage in load schema model+evaluate rules enrich XSLT layout 'PDF drawing' 'PDF pages' 'PDF fonts' 'PDF/UA' other total; do
	check "pdf --time-report: '$stage' has a number of seconds" \
		grep -qE "^  ${stage//+/\\+} +[0-9]+\.[0-9]{4} +[0-9]+\.[0-9]$" "$TMP/err"
done
check "pdf --time-report: the peak RSS in MiB" grep -qE '^  peak RSS +[0-9]+\.[0-9] MiB$' "$TMP/err"

for cmd in "html" "eval --format=json" "eval --format=xml" "draft"; do
	# shellcheck disable=SC2086
	run_kpic $cmd "$src"
	plain_out=$OUT plain_rc=$RC plain_err=$ERR
	# shellcheck disable=SC2086
	run_kpic $cmd --time-report "$src"
	check "$cmd --time-report: standard output unchanged" test "$OUT" = "$plain_out" -a "$RC" = "$plain_rc"
	check "$cmd --time-report: stderr is the same plus the report" test "$(before_report)" = "$plain_err"
	check "$cmd --time-report: a total" grep -qE '^  total +[0-9]' "$TMP/err"
done
run_kpic html --time-report "$src"
check "html --time-report: no layout stage ran" grep -qE '^  layout +- +-$' "$TMP/err"

# A source with errors: the same diagnostics and status, then the report.
run_kpic check tests/schema/bad-enum-value.xml
plain_err=$ERR plain_rc=$RC
run_kpic check --time-report tests/schema/bad-enum-value.xml
check "check --time-report on a bad source: same status" test "$RC" = "$plain_rc" -a "$RC" != 0
check "check --time-report on a bad source: same diagnostics first" test "$(before_report)" = "$plain_err"

run_kpic --help
check "--help mentions --time-report" grep -q -- '--time-report' "$TMP/out"
done_testing

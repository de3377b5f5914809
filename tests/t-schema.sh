# t-schema.sh - sources the schema rejects: one problem each, reported once,
# in kpic's words (tests/schema/NAME.xml with NAME.expected).
. tests/lib.sh
for src in tests/schema/*.xml; do
	name=$(basename "$src" .xml)
	run_kpic check "$src"
	golden "schema/$name" "tests/schema/$name.expected" "$ERR
exit=$RC"
	check "schema/$name: one [schema] error" test "$(grep -c '\[schema\]' "$TMP/err")" = 1
	check "schema/$name: no libxml2 wording" bash -c '! grep -qE "Expecting|Did not expect|failed to validate" "$0/err"' "$TMP"
done
done_testing

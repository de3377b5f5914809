# t-rules.sh - every diagnostic rule has a minimal bad source under
# tests/rules/NAME.xml and its exact expected diagnostics and exit status in
# NAME.expected, compared byte for byte (the mandoc regress idea).
. tests/lib.sh
# A fixture whose rule fires in a renderer names the command in NAME.cmd
# (e.g. "pdf": the layout rules); the output goes to a scratch file.
for src in tests/rules/*.xml; do
	name=$(basename "$src" .xml)
	if [ -f "tests/rules/$name.cmd" ]; then
		run_kpic $(cat "tests/rules/$name.cmd") -o "$TMP/rule.out" "$src"
	else
		run_kpic check "$src"
	fi
	golden "rules/$name" "tests/rules/$name.expected" "$ERR
exit=$RC"
	# the fixture must actually exercise its rule
	if [ "$name" != clean ]; then
		check "rules/$name fires [$name]" grep -q "\[$name\]" "$TMP/err"
	else
		check "rules/clean is clean" test "$RC" = 0 -a -z "$ERR"
	fi
done
# every rule in rules.def has a fixture (input rules live in tests/hostile)
for rule in $(sed -n 's/^RULE([A-Z_]*, *"\([a-z-]*\)".*/\1/p' tools/rules.def); do
	case $rule in unreadable|empty-file|file-too-large|encoding|doctype|xml-syntax|schema) continue ;; esac
	# what only a faulty stylesheet or a missing font can cause: tests/t-layout.sh
	case $rule in layout-dangling-link|layout-duplicate-id|layout-font|layout-table-shape) continue ;; esac
	# what only a spreadsheet can cause: tests/t-import.sh
	case $rule in import-*) continue ;; esac
	check "rule $rule has a fixture" test -f "tests/rules/$rule.xml"
done
done_testing

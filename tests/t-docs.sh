# t-docs.sh - the README, the manual page and --help stay true: every rule
# and every command is documented, and make install puts everything in place.
. tests/lib.sh
for rule in $(sed -n 's/^RULE([A-Z_]*, *"\([a-z-]*\)".*/\1/p' tools/rules.def); do
	check "README documents rule $rule" grep -q "^| \`$rule\` |" README.md
	check "kpic(1) documents rule $rule" grep -qx ".B $rule" tools/kpic.1
done
for cmd in check eval html pdf diff draft export update import build rules; do
	check "README shows kpic $cmd" grep -q "^    kpic $cmd" README.md
	check "kpic(1) documents $cmd" grep -qx ".B $cmd" tools/kpic.1
done
# every option a command's --help lists is on its line of the README's usage and
# in its synopsis in kpic(1); the options every source command takes, in both
shared="--diagnostics-format --templates --time-report -Werror -h"
for cmd in check eval html pdf diff draft export update import build rules; do
	readme_line=$(grep "^    kpic $cmd " README.md; grep -x "    kpic $cmd" README.md)
	man_synopsis=$(sed -n "/^\.B kpic $cmd\$/,/^\.br/p" tools/kpic.1 | sed 's/\\-/-/g')
	for opt in $("$KPIC" "$cmd" --help | grep -oE '^  --?[A-Za-z][A-Za-z-]*' | sed 's/^  //'); do
		case " $shared " in
		*" $opt "*) continue ;;
		esac
		check "README: kpic $cmd shows $opt" grep -qE -- "\[?$opt([ =]|\]|$)" <<<"$readme_line"
		check "kpic(1): kpic $cmd shows $opt" grep -qE -- "$opt([ =]|$)" <<<"$man_synopsis"
	done
done
for opt in -Werror --diagnostics-format --templates --time-report --help --version; do
	check "README documents $opt" grep -qF -- "$opt" README.md
	check "kpic(1) documents $opt" grep -qF -- "${opt//-/\\-}" tools/kpic.1
done
for kind in $(sed -n 's/^	X(DK_[A-Z_]*, *"\([a-z-]*\)".*/\1/p' tools/diff.h); do
	check "README documents diff kind $kind" grep -q "\`$kind\`" README.md
	check "kpic(1) documents diff kind $kind" grep -qF "${kind//-/\\-}" tools/kpic.1
done
for f in templates/*; do
	check "README lists $f" grep -q "^| .*\`${f#templates/}\`.* |" README.md
done
# README's Limits names every limit of tools/*.h by its macro, and each row of
# its table of a source's limits the diagnostic rule that refuses it.
limits=$(sed -n '/^## Limits$/,/^## /p' README.md)
for m in $(sed -n 's/^#define \(LIMIT_[A-Z_]*\|SHEET_MAX_[A-Z_]*\|KDEC_MAX_[A-Z_]*\) .*/\1/p' tools/*.h tools/decimal.c | sort -u); do
	check "README Limits names $m" grep -qF "\`$m\`" <<<"$limits"
done
rules=" $(sed -n 's/^RULE([A-Z_]*, *"\([a-z-]*\)".*/\1/p' tools/rules.def | tr '\n' ' ') "
while IFS= read -r row; do
	rule=$(sed 's/.*| *`\([a-z-]*\)`[^|]*| *$/\1/' <<<"$row")
	check "README Limits: '${row:0:40}…' names a rule ($rule)" test "${rules#* $rule }" != "$rules"
done < <(sed -n '/^| limit | value | rule |$/,/^$/p' <<<"$limits" | grep '^| ' | sed '1,2d')
check "README Limits: the spreadsheet limits name their rule" grep -q "import-too-large" <<<"$limits"
if [ "${LABEL:-}" = plain ]; then
	make -s install DESTDIR="$TMP/root" PREFIX=/usr >/dev/null 2>&1
	check "make install: the binary" test -x "$TMP/root/usr/bin/kpic"
	check "make install: the schema" test -f "$TMP/root/usr/share/kpic/templates/kpic.rng"
	for f in templates/*; do
		check "make install: $f" cmp -s "$f" "$TMP/root/usr/share/kpic/$f"
	done
	check "make install: kpic(1)" test -f "$TMP/root/usr/share/man/man1/kpic.1"
	# an installed kpic finds its schema relative to itself
	out=$("$TMP/root/usr/bin/kpic" check tests/rules/clean.xml 2>&1); rc=$?
	check "installed kpic checks a source" test "$rc" = 0 -a -z "$out"
fi
done_testing

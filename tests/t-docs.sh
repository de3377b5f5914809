# t-docs.sh - the documentation stays true: kpic(1) documents every rule,
# command and option, kpic-source(5) every element and attribute of the
# schema, HACKING.md every source file, the README's walkthroughs run as
# written, both manual pages pass mandoc -Tlint, and make install puts
# everything in place.
. tests/lib.sh
ROOT=$PWD
KPIC_ABS=$(realpath "$KPIC")

# kpic(1) as text: a wide page, so that each synopsis stays on one line
man1=$(mandoc -Tutf8 -O width=250 man/kpic.1 2>/dev/null | col -b)
check "kpic(1) renders" test -n "$man1"

# --- the rules: kpic(1)'s RULES against `kpic rules`, both ways -------------
# A rule is one entry in tools/rules.def; `kpic rules` lists the table.  The
# manual's list must hold the same names with the same severities: a rule
# added without its entry, or an entry left for a rule that is gone, fails.
sed -n '/^\.Sh RULES$/,/^\.Sh /p' man/kpic.1 |
	sed -n 's/^\.It Cm \([a-z0-9-]*\) Pq \([a-z]*\)$/\1 \2/p' | sort >"$TMP/rules.man"
run_kpic rules
check "kpic rules runs" test "$RC" = 0
printf '%s\n' "$OUT" | awk 'NF { print $1, $2 }' | sort >"$TMP/rules.kpic"
sed -n 's/^RULE([A-Z_]*, *"\([a-z0-9-]*\)", *SEV_\([A-Z]*\),.*/\1 \2/p' tools/rules.def |
	tr 'A-Z' 'a-z' | sort >"$TMP/rules.def"
check "kpic rules lists every rule of rules.def" cmp -s "$TMP/rules.def" "$TMP/rules.kpic"
check "kpic(1) lists rules" test -s "$TMP/rules.man"
while read -r rule sev; do
	check "kpic(1) documents rule $rule ($sev)" grep -qx "$rule $sev" "$TMP/rules.man"
done <"$TMP/rules.kpic"
while read -r rule sev; do
	check "kpic(1)'s rule $rule ($sev) is a rule of kpic rules" grep -qx "$rule $sev" "$TMP/rules.kpic"
done <"$TMP/rules.man"
# the comparison itself can fail: a rule missing from a copy of the list
sed '1d' "$TMP/rules.man" >"$TMP/rules.short"
check "a rule missing from the list is noticed" test -n "$(comm -23 "$TMP/rules.kpic" "$TMP/rules.short")"

# --- commands and options: kpic(1) against tools/commands.def and --help ----
cmds=$(sed -n 's/^COMMAND(\([a-z]*\),.*/\1/p' tools/commands.def)
check "commands.def lists the commands" test "$(wc -w <<<"$cmds")" -ge 11
synopsis=$(sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' <<<"$man1")
# every option a command's --help lists is in its synopsis line of kpic(1);
# the options every source command takes, in OPTIONS
shared="--diagnostics-format --templates --time-report -Werror -h"
for cmd in $cmds; do
	check "kpic(1) documents command $cmd" grep -qE "^\.It Cm $cmd( |$)" man/kpic.1
	line=$(grep -E "^ +kpic $cmd( |$)" <<<"$synopsis")
	check "kpic(1) synopsis: kpic $cmd" test -n "$line"
	for opt in $("$KPIC" "$cmd" --help | grep -oE '^  --?[A-Za-z][A-Za-z-]*' | sed 's/^  //'); do
		case " $shared " in
		*" $opt "*) continue ;;
		esac
		check "kpic(1): kpic $cmd shows $opt" grep -qE -- "\[?$opt([ =]|\]|$)" <<<"$line"
	done
done
options=$(sed -n '/^OPTIONS/,/^ENVIRONMENT/p' <<<"$man1")
for opt in -Werror -Wno- --diagnostics-format --templates --time-report --help --version; do
	check "kpic(1) OPTIONS documents $opt" grep -qF -- "$opt" <<<"$options"
done
for kind in $(sed -n 's/^	X(DK_[A-Z_]*, *"\([a-z-]*\)".*/\1/p' tools/diff.h); do
	check "kpic(1) documents diff kind $kind" grep -qE "(^|[ ,])$kind(,|$)" <<<"$man1"
done
files=$(sed -n '/^FILES/,/^EXIT STATUS/p' <<<"$man1")
for f in templates/*; do
	check "kpic(1) FILES lists ${f#templates/}" grep -qE "(^|[ ,])${f#templates/}(,|$)" <<<"$files"
done
check "kpic(1) says how to read SARIF in an editor" grep -q 'SARIF Viewer' <<<"$man1"

# --- the manual pages are mdoc(7) that mandoc accepts without a warning ----
for page in man/kpic.1 man/kpic-source.5; do
	check "$page is mdoc(7)" grep -q '^\.Dd ' "$page"
	lint=$(mandoc -Tlint -W warning "$page" 2>&1); rc=$?
	check "mandoc -Tlint: $page" test "$rc" = 0 -a -z "$lint"
	[ -z "$lint" ] || printf '    %s\n' "$lint" | head -10
done
# kpic-source(5) names every element and attribute of the schema
for el in $(sed -n 's/.*<element name="\([a-z-]*\)".*/\1/p' templates/kpic.rng | sort -u); do
	check "kpic-source(5) documents <$el>" grep -qE "(Ic |Li <)$el( |>|$)" man/kpic-source.5
done
for at in $(sed -n 's/.*<attribute name="\([a-z-]*\)".*/\1/p' templates/kpic.rng | sort -u); do
	check "kpic-source(5) documents attribute $at" grep -qE "Cm $at( |$)" man/kpic-source.5
done

# --- HACKING.md's code layout table names every source file ------------------
layout=$(sed -n '/^## Code layout/,/^## /p' HACKING.md | grep '^| ')
for f in tools/*.c; do
	check "HACKING.md's code layout lists $f" grep -qF "\`$f\`" <<<"$layout"
done

# --- README: the first screen, and its walkthroughs run as written ----------
check "README: make" grep -qE '^    make +#' README.md
check "README: make check" grep -qE '^    make check +#' README.md
for ref in man/kpic.1 man/kpic-source.5 HACKING.md; do
	check "README links $ref" grep -qF "]($ref)" README.md
	check "$ref exists" test -f "$ref"
done
# walkthrough NAME: the commands of the sh block after its marker, one a line
walkthrough() {
	awk -v name="$1" '
		$0 == "<!-- t-docs: walkthrough " name " -->" { want = 1; next }
		want && /^```sh$/ { on = 1; next }
		on && /^```$/ { exit }
		on { sub(/  +#.*/, ""); print }' README.md
}
# run_walkthrough NAME: each command in a scratch directory where build/kpic
# is the kpic under test and tests/, sources/ are the tree's; every command
# succeeds (kpic diff: 1 means it found changes)
run_walkthrough() {
	local name=$1 n=0 cmd
	while IFS= read -r cmd; do
		[ -n "$cmd" ] || continue
		n=$((n + 1))
		(cd "$TMP/walk" && eval "$cmd") >"$TMP/walk.out" 2>"$TMP/walk.err"
		rc=$?
		case $cmd in
		"build/kpic diff "*) [ "$rc" = 1 ] && rc=0 ;;
		esac
		check "README $name: $cmd" test "$rc" = 0
		[ "$rc" = 0 ] || sed 's/^/    /' "$TMP/walk.err" | head -5
		if grep -qE 'Sanitizer|runtime error:' "$TMP/walk.err"; then
			not_ok "README $name: sanitizer report from $cmd"
		fi
	done < <(walkthrough "$name")
	check "README $name has commands" test "$n" -ge 3
}
rm -rf "$TMP/walk"
mkdir -p "$TMP/walk/build"
ln -s "$ROOT/tests" "$TMP/walk/tests"
ln -s "$ROOT/sources" "$TMP/walk/sources"
ln -s "$KPIC_ABS" "$TMP/walk/build/kpic"
run_walkthrough bundled
check "bundled: the page" grep -q '網走市' "$TMP/walk/out/abashiri/kensho.html"
check "bundled: the PDF" grep -q '^%PDF-' "$TMP/walk/out/abashiri/kensho.pdf"
run_walkthrough new-city
check "new-city: the page" grep -q 'テスト市' "$TMP/walk/out/mycity/kensho.html"
check "new-city: the actuals sheet to fill in" test -s "$TMP/walk/mycity/actuals.csv"
check "new-city: the PDF" grep -q '^%PDF-' "$TMP/walk/out/mycity/kensho.pdf"
run_walkthrough update
check "update: the sheet's figures are in the source" grep -q '<value year="2019">1100</value>' "$TMP/walk/abashiri.xml"
check "update: the previous version is kept" cmp -s sources/abashiri/strategy.xml "$TMP/walk/abashiri.xml~"
check "update: export lists the KPI ids" grep -q 'g1-haccp' "$TMP/walk/kpi.csv"
run_kpic eval --format=json "$TMP/walk/abashiri.xml"
check "update: the updated source evaluates" test "$RC" = 0
run_walkthrough scales
check "scales: init wrote the A–D scale" grep -qF '<scale id="abcd" name="進捗評価">' "$TMP/walk/town/strategy.xml"
check "scales: the page prints the legend of grade A" grep -qF '達成率が120%以上のもの' "$TMP/walk/hibarino.html"

# HACKING.md's Limits names every limit of tools/*.h by its macro, and each row
# of kpic-source(5)'s LIMITS table the diagnostic rule that refuses it.
hlimits=$(sed -n '/^## Limits$/,/^## /p' HACKING.md)
for m in $(sed -n 's/^#define \(LIMIT_[A-Z_]*\|SHEET_MAX_[A-Z_]*\|KDEC_MAX_[A-Z_]*\) .*/\1/p' tools/*.h tools/decimal.c | sort -u); do
	check "HACKING.md Limits names $m" grep -qF "\`$m\`" <<<"$hlimits"
done
rules=" $(sed -n 's/^RULE([A-Z_]*, *"\([a-z-]*\)".*/\1/p' tools/rules.def | tr '\n' ' ') "
while IFS= read -r row; do
	rule=${row##* Ta Cm }
	check "kpic-source(5) LIMITS: '${row:4:36}…' names a rule ($rule)" test "${rules#* $rule }" != "$rules"
done < <(sed -n '/^\.Sh LIMITS/,/^\.Sh /p' man/kpic-source.5 | grep '^\.It ' | grep -v '^\.It Sy ')
check "kpic(1): the spreadsheet limits name their rule" grep -q "import-too-large" man/kpic.1
if [ "${LABEL:-}" = plain ]; then
	make -s install DESTDIR="$TMP/root" PREFIX=/usr >/dev/null 2>&1
	check "make install: the binary" test -x "$TMP/root/usr/bin/kpic"
	check "make install: the schema" test -f "$TMP/root/usr/share/kpic/templates/kpic.rng"
	for f in templates/*; do
		check "make install: $f" cmp -s "$f" "$TMP/root/usr/share/kpic/$f"
	done
	check "make install: kpic(1)" cmp -s man/kpic.1 "$TMP/root/usr/share/man/man1/kpic.1"
	check "make install: kpic-source(5)" cmp -s man/kpic-source.5 "$TMP/root/usr/share/man/man5/kpic-source.5"
	# an installed kpic finds its schema relative to itself
	out=$("$TMP/root/usr/bin/kpic" check tests/rules/clean.xml 2>&1); rc=$?
	check "installed kpic checks a source" test "$rc" = 0 -a -z "$out"
	# the sources it writes name the installed schema, which is there
	"$TMP/root/usr/bin/kpic" init --municipality=X --title=Y --period=2020-2024 "$TMP/inst" </dev/null
	href=$(sed -n '2s/^<?xml-model href="\([^"]*\)".*/\1/p' "$TMP/inst/strategy.xml")
	check "installed kpic init: the <?xml-model?> names the installed kpic.rng" \
		test "$href" = "$(realpath "$TMP/root/usr/share/kpic/templates/kpic.rng")"
	check "installed kpic init: that href finds the schema" cmp -s "$href" templates/kpic.rng
fi
done_testing

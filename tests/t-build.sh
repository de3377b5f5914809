# t-build.sh - kpic build: many sources in one process, each into
# OUTDIR/NAME/{kensho.html,kensho.pdf}, the same bytes as kpic html and pdf.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1554076800
src=sources/abashiri/strategy.xml
mkdir -p "$TMP/src/b"
awk -v n=100 -f tests/bench/synth.awk >"$TMP/src/b/strategy.xml"
awk -v n=60 -v seed=7 -v city=模擬町 -f tests/bench/synth.awk >"$TMP/src/moshi.xml"

run_kpic build -d "$TMP/built" "$src" "$TMP/src/b/strategy.xml" "$TMP/src/moshi.xml"
check "build: exit status 0, nothing said" test "$RC" = 0 -a -z "$ERR"
for name in abashiri b moshi; do
	check "build: $name/kensho.html and kensho.pdf written" \
		test -s "$TMP/built/$name/kensho.html" -a -s "$TMP/built/$name/kensho.pdf"
done
for pair in "abashiri $src" "b $TMP/src/b/strategy.xml" "moshi $TMP/src/moshi.xml"; do
	set -- $pair
	"$KPIC" html -o "$TMP/one.html" "$2" 2>/dev/null
	"$KPIC" pdf -o "$TMP/one.pdf" "$2" 2>/dev/null
	check "build: $1's HTML is what kpic html writes" cmp -s "$TMP/one.html" "$TMP/built/$1/kensho.html"
	check "build: $1's PDF is what kpic pdf writes" cmp -s "$TMP/one.pdf" "$TMP/built/$1/kensho.pdf"
done

# A source with errors: its diagnostics, status 1, the others still built.
run_kpic build -d "$TMP/built2" tests/schema/bad-enum-value.xml "$TMP/src/moshi.xml"
check "build with a bad source: exit status 1" test "$RC" = 1
check "build with a bad source: its diagnostics" grep -q 'bad-enum-value.xml:[0-9]*:[0-9]*: error' "$TMP/err"
check "build with a bad source: nothing written for it" test ! -e "$TMP/built2/bad-enum-value"
check "build with a bad source: the others are built" test -s "$TMP/built2/moshi/kensho.pdf"

run_kpic build "$src"
check "build without -d: a usage error" test "$RC" = 2 -a -n "$ERR"
run_kpic build -d "$TMP/built3" "$src" "$src"
check "build: two sources to one directory is a usage error" test "$RC" = 2 -a ! -e "$TMP/built3"
run_kpic build -d "$TMP/built4" "$TMP/missing.xml" "$TMP/src/moshi.xml"
check "build: an unreadable source gives status 2, the others are built" \
	test "$RC" = 2 -a -s "$TMP/built4/moshi/kensho.html"

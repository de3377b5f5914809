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

# -j N: worker processes.  The same files as one process, the worst status,
# each document's diagnostics in one piece.
run_kpic build -j 2 -d "$TMP/builtj" "$src" "$TMP/src/b/strategy.xml" "$TMP/src/moshi.xml"
check "build -j 2: exit status 0, nothing said" test "$RC" = 0 -a -z "$ERR"
check "build -j 2: the same files as one process" diff -r "$TMP/built" "$TMP/builtj"
cp tests/schema/bad-enum-value.xml "$TMP/bad1.xml"
cp tests/schema/bad-enum-value.xml "$TMP/bad2.xml"
run_kpic build -j3 -d "$TMP/builtj2" "$TMP/bad1.xml" "$TMP/src/moshi.xml" "$TMP/bad2.xml" "$TMP/missing.xml"
check "build -j3: the worst status of the workers (2: an unreadable source)" test "$RC" = 2
check "build -j3: the good source is built" test -s "$TMP/builtj2/moshi/kensho.pdf"
check "build -j3: nothing for the bad ones" test ! -e "$TMP/builtj2/bad1" -a ! -e "$TMP/builtj2/bad2"
# each bad source's report: its error line, then its excerpt and caret, then its summary
for b in bad1 bad2; do
	check "build -j3: $b's diagnostics in one piece" \
		test "$(grep -A3 "^$TMP/$b.xml:19:28: error" "$TMP/err" | sed -n 4p)" = "1 error generated."
done
run_kpic build -j 9 -d "$TMP/builtj3" "$TMP/src/moshi.xml"
check "build -j 9 with one source: built, status 0" test "$RC" = 0 -a -s "$TMP/builtj3/moshi/kensho.html"
for bad in 0 -1 x 257 ''; do
	run_kpic build -j "$bad" -d "$TMP/builtj4" "$TMP/src/moshi.xml"
	check "build -j '$bad': a usage error, nothing built" test "$RC" = 2 -a ! -e "$TMP/builtj4"
done
run_kpic --time-report build -j 2 -d "$TMP/builtj5" "$TMP/src/moshi.xml"
check "build -j 2 --time-report: a usage error" grep -q "time-report measures one process" "$TMP/err"
done_testing

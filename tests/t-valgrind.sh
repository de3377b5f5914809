# t-valgrind.sh - make valgrind inside make check: the build of every bundled
# source under valgrind's memcheck (tests/valgrind.sh --quick: all but the
# PDFs of the source, its draft and the 新旧対照表, which make valgrind runs;
# one small PDF instead), zero errors and zero definitely lost bytes, each
# output the same as the build's.  About 45 s on the Abashiri source.
. tests/lib.sh
# One pass is enough, and valgrind cannot run the AddressSanitizer build.
[ "${LABEL:-}" = plain ] || done_testing "plain pass only"

# The suppressions are for the libraries only: no frame names a function
# kpic defines.
funs=$(sed -n 's/^[[:space:]]*fun:\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' tests/valgrind.supp | sort -u)
check "valgrind.supp has suppressions" test -n "$funs"
own=""
for f in $funs; do
	grep -qE "^[a-z].*[ *]$f\(" tools/*.c && own="$own $f"
done
check "valgrind.supp names no kpic function${own:+ (names$own)}" test -z "$own"

tests/valgrind.sh --quick "$KPIC" "$TMP/valgrind" | grep -v '^[0-9]* passed, [0-9]* failed$'
done_testing

# t-valgrind.sh - make valgrind inside make check: the full build of every
# bundled source under valgrind's memcheck (tests/valgrind.sh), zero errors
# and zero definitely lost bytes, each output the same as the build's.
# About 12 s on the Abashiri source, hence in make check.
. tests/lib.sh
# One pass is enough, and valgrind cannot run the AddressSanitizer build.
[ "${LABEL:-}" = plain ] || exit 0
tests/valgrind.sh "$KPIC" "$TMP/valgrind" | grep -v '^[0-9]* passed, [0-9]* failed$'

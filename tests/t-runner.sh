# t-runner.sh - tests/run.sh itself: a script that exits early, has a syntax
# error, is killed or never reaches done_testing fails the suite, by name,
# whatever its "ok" lines said.  Runs the real run.sh on a tree of its own.
. tests/lib.sh
[ "${LABEL:-}" = plain ] || done_testing "plain pass only"

tree=$TMP/tree
mkdir -p "$tree/tests"
cp tests/run.sh tests/lib.sh "$tree/tests/"
t=$tree/tests
printf '. tests/lib.sh\nok "good one"\nok "good two"\ndone_testing\n' >"$t/t-good.sh"
printf '. tests/lib.sh\nok "before the exit"\nexit 3\nok "never"\ndone_testing\n' >"$t/t-exit.sh"
printf '. tests/lib.sh\nok "before the error"\nif then fi\ndone_testing\n' >"$t/t-syntax.sh"
printf '. tests/lib.sh\nok "before the kill"\nkill -KILL $$\ndone_testing\n' >"$t/t-kill.sh"
printf '. tests/lib.sh\nok "all that ran"\n' >"$t/t-noend.sh"

TESTS= bash "$t/run.sh" /bin/false >"$TMP/run.out" 2>&1
rc=$?
check "runner: broken scripts make it exit 1" test "$rc" = 1
check "runner: 6 oks counted, 4 scripts failed" grep -qx '6 passed, 4 failed' "$TMP/run.out"
check "runner: an early exit is named with its status" grep -qF 'plain tests/t-exit.sh: exit status 3' "$TMP/run.out"
check "runner: a syntax error is named" grep -qF 'plain tests/t-syntax.sh: exit status 2' "$TMP/run.out"
check "runner: a killed script is named with its signal" grep -qF 'plain tests/t-kill.sh: killed by signal 9' "$TMP/run.out"
check "runner: a script without done_testing is named" grep -qF 'plain tests/t-noend.sh: ended before its last test' "$TMP/run.out"
check "runner: the good script is not named" test -z "$(grep -F 't-good.sh' "$TMP/run.out")"
[ "$rc" = 1 ] || sed 's/^/    /' "$TMP/run.out"

# JOBS: the same counts and names, reported in the scripts' order
TESTS= JOBS=3 bash "$t/run.sh" /bin/false >"$TMP/runj.out" 2>&1
check "runner JOBS=3: exit 1, the same summary" test "$?" = 1 -a "$(tail -n 1 "$TMP/runj.out")" = "6 passed, 4 failed"
check "runner JOBS=3: the same report, in the same order" cmp -s "$TMP/run.out" "$TMP/runj.out"
# SKIP: the scripts named are not run
TESTS= SKIP="tests/t-exit.sh tests/t-kill.sh" bash "$t/run.sh" /bin/false >"$TMP/runs.out" 2>&1
check "runner SKIP: the skipped scripts are not run" test "$(tail -n 1 "$TMP/runs.out")" = "4 passed, 2 failed" \
	-a -z "$(grep -e t-exit -e t-kill "$TMP/runs.out")"

rm "$t"/t-exit.sh "$t"/t-syntax.sh "$t"/t-kill.sh "$t"/t-noend.sh
TESTS= bash "$t/run.sh" /bin/false >"$TMP/run.out" 2>&1
check "runner: only finished scripts: exit 0, '2 passed, 0 failed'" test "$?" = 0 -a "$(tail -n 1 "$TMP/run.out")" = "2 passed, 0 failed"
done_testing

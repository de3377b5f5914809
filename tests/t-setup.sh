# t-setup.sh - the build: incremental, and clear about missing packages.
. tests/lib.sh
[ "${LABEL:-}" = plain ] || done_testing "plain pass only"

check "make: a second run has nothing to do" make -q all
out=$(make -n -W sources/abashiri/strategy.xml all 2>&1)
check "a changed source rebuilds its outputs" grep -q "build/kpic eval --format=xml -o build/abashiri/enriched.xml" <<<"$out"
check "a changed source does not rebuild kpic" bash -c '! grep -q -- "-c tools/" <<<"$0"' "$out"
out=$(make -n -W tools/eval.c all 2>&1)
check "a changed C file recompiles only itself" test "$(grep -c -- ' -c tools/' <<<"$out")" = 1
check "... and recompiles the documents" grep -q "build/abashiri/eval.json" <<<"$out"
# a changed header recompiles the objects that include it, and only those
# (the compiler's dependency files, build/obj/*.d, say which they are)
users=$(grep -l 'tools/jfmt\.h' build/obj/*.d 2>/dev/null | wc -l)
out=$(make -n -W tools/jfmt.h build/kpic 2>&1)
check "a changed header recompiles only the objects that include it" \
	test "$users" -gt 0 -a "$(grep -c -- ' -c tools/' <<<"$out")" = "$users" -a "$users" -lt "$(ls tools/*.c | wc -l)"
out=$(make -n -W tools/eval.c all 2>&1)
check "... and links kpic again" grep -q -- "-o build/kpic " <<<"$out"
out=$(make -n -W templates/kpic.rng all 2>&1)
nsrc=$(ls sources/*/strategy.xml | wc -l)
check "a changed template rebuilds every bundled document ($nsrc), not kpic" \
	test "$(grep -c 'build/kpic eval' <<<"$out")" = $((3 * nsrc)) -a "$(grep -c -- ' -c tools/' <<<"$out")" = 0

# without root, the dependency step says exactly what to run, and fails
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	out=$(KPIC_DEPS_EXTRA="kpic-test-missing:pc=kpic-test-missing" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		sh tools/deps.sh build 2>&1); rc=$?
	check "deps.sh as a user: fails" test "$rc" = 1
	check "deps.sh as a user: prints the sudo line" grep -qx "  sudo apt-get install -y kpic-test-missing" <<<"$out"
fi
out=$(sh tools/deps.sh check 2>&1); rc=$?
check "deps.sh: nothing missing after make" test "$rc" = 0 -a -z "$out"
done_testing

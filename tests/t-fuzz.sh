# t-fuzz.sh - the fuzz harnesses (tests/fuzz/): every input that once found
# a bug still passes, the dictionary is the schema's, and each harness fuzzes
# for a few seconds (FUZZ_SMOKE seconds, default 4) without a finding.
# `make fuzz` runs them for longer.
. tests/lib.sh
# The harnesses carry their own sanitizers: once, in the plain pass, is enough.
[ "${LABEL:-}" = plain ] || done_testing "plain pass only"
smoke=${FUZZ_SMOKE:-4}
out=build/fuzz/smoke
mkdir -p "$out"

for v in kpic layout; do
	sh tests/fuzz/mkdict.sh templates/$v.rng >"$TMP/$v.dict"
	check "fuzz: $v.dict is what mkdict.sh writes from $v.rng" cmp -s tests/fuzz/$v.dict "$TMP/$v.dict"
done

for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	bin=build/fuzz/fuzz_$name
	if [ ! -x "$bin" ]; then
		not_ok "fuzz/$name: $bin is built (make fuzz-build)"
		continue
	fi
	set -- tests/fuzz/regress/"$name"/*
	if [ -f "$1" ]; then
		"$bin" "$@" >"$out/$name-regress.log" 2>&1
		rc=$?
		check "fuzz/$name: each of the $# regression inputs passes" test "$rc" = 0
		[ "$rc" = 0 ] || grep -aE 'ERROR|invariant|SUMMARY|Running' "$out/$name-regress.log" | tail -5 | sed 's/^/    /'
	fi
	tests/fuzz/run.sh --smoke "$name" "$smoke" "$out"
	rc=$?
	check "fuzz/$name: ${smoke} s of fuzzing find nothing" test "$rc" = 0
	if [ "$rc" != 0 ]; then
		grep -aE 'ERROR|invariant|SUMMARY|Test unit written' "$out/$name.log" | head -8 | sed 's/^/    /'
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$name.log")
	echo "# fuzz/$name: ${runs:-?} inputs in ${smoke} s (${speed:-?}/s); log $out/$name.log"
done
done_testing

# t-hostile.sh - broken and hostile input: each gives its diagnostic and
# exit 1 or 2, never a crash or a hang, and no output file is written or
# changed.
. tests/lib.sh

# Committed inputs, with golden diagnostics.
for src in tests/hostile/*.xml; do
	name=$(basename "$src" .xml)
	run_kpic check "$src"
	golden "hostile/$name" "tests/hostile/$name.expected" "$ERR
exit=$RC"
	# nothing written, and yesterday's output survives
	printf 'previous output\n' >"$TMP/prev.xml"
	run_kpic eval --format=xml -o "$TMP/new.xml" "$src"
	check "hostile/$name writes nothing" test ! -e "$TMP/new.xml" -a "$RC" != 0
	run_kpic eval --format=xml -o "$TMP/prev.xml" "$src"
	check "hostile/$name keeps the previous output" test "$(cat "$TMP/prev.xml")" = "previous output"
	check "hostile/$name leaves no temporary file" test -z "$(ls "$TMP" | grep tmp-)"
	# machine-readable diagnostics stay valid JSON, in UTF-8, whatever the input
	for f in json sarif; do
		run_kpic check --diagnostics-format=$f "$src"
		check "hostile/$name: $f diagnostics are valid JSON in UTF-8" \
			bash -c 'iconv -f UTF-8 -t UTF-8 "$0" >/dev/null 2>&1 && jq -e . "$0" >/dev/null' "$TMP/out"
	done
done

run_kpic eval tests/hostile/xxe.xml
check "xxe: no local file leaks" bash -c '! grep -q "root:" "$0/out" "$0/err"' "$TMP"

# Generated inputs (too big or too random to commit).
python3 - "$TMP/deep.xml" <<'PY' 2>/dev/null || awk 'BEGIN{for(i=0;i<10000;i++)printf "<a>"; print ""}' >"$TMP/deep.xml"
import sys; open(sys.argv[1], "w").write("<a>" * 10000 + "\n")
PY
run_kpic check "$TMP/deep.xml"
check "10,000 nested elements: diagnosed" test "$RC" = 1
check "10,000 nested elements: names the depth" grep -q "nested more than 256 levels deep.*\[xml-syntax\]" "$TMP/err"
check "10,000 nested elements: the excerpt is clipped" test "$(wc -c <"$TMP/err")" -lt 2000

head -c 10485760 /dev/urandom >"$TMP/junk.bin"
run_kpic check "$TMP/junk.bin"
check "10 MB of random bytes: exit 1" test "$RC" = 1
check "10 MB of random bytes: [encoding] or [xml-syntax]" grep -qE "\[(encoding|xml-syntax)\]" "$TMP/err"
check "10 MB of random bytes: short report" test "$(wc -c <"$TMP/err")" -lt 4000

yes '網走市の人口は減少している。' | head -n 250000 >"$TMP/junk.txt"  # about 10 MB
run_kpic check "$TMP/junk.txt"
check "10 MB of text: not XML" grep -q "1:1: error: this is not an XML document" "$TMP/err"

truncate -s 70M "$TMP/huge.xml"
run_kpic check "$TMP/huge.xml"
check "a 70 MB file is refused" grep -q "larger than 64 MiB.*\[file-too-large\]" "$TMP/err"
check "a 70 MB file: exit 1" test "$RC" = 1

run_kpic check "$TMP/does-not-exist.xml"
check "a missing file: exit 2" test "$RC" = 2
check "a missing file: [unreadable]" grep -q "No such file or directory \[unreadable\]" "$TMP/err"
run_kpic check "$TMP"
check "a directory: exit 2" test "$RC" = 2

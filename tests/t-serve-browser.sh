# t-serve-browser.sh - kpic serve in Chromium (tests/browser/serve.mjs,
# through the Playwright set-up of the browser checks): the open page follows
# an edit of the source without the test reloading it, keeps its scroll
# position, and shows the diagnostics over the last good document after a
# broken edit.  serve.mjs prints its own "ok"/"not ok" lines.  Needs
# `make browser-tools`; left out of `make test` as t-browser.sh is.
. tests/lib.sh
# kpic itself is not what is tested here: once, in the plain pass, is enough.
[ "${LABEL:-}" = plain ] || done_testing "plain pass only"
export SOURCE_DATE_EPOCH=1554076800

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds.
wait_for() {
	local n=$(($1 * 10)); shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1; n=$((n - 1))
	done
	return 1
}

mkdir -p "$TMP/b"
cp sources/abashiri/strategy.xml "$TMP/b/strategy.xml"
"$KPIC" serve --port=0 "$TMP/b/strategy.xml" >"$TMP/b.out" 2>"$TMP/b.err" &
pid=$!
wait_for 30 grep -q 'http://127\.0\.0\.1:[0-9]*/' "$TMP/b.out"
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/b.out")
node tests/browser/serve.mjs "http://127.0.0.1:$port/" "$TMP/b/strategy.xml" >"$TMP/b.node" 2>&1
rc=$?
grep -E '^(not )?ok ' "$TMP/b.node"
check "browser: serve.mjs ran every check (exit status 0)" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/    /' "$TMP/b.node" | grep -vE '^    (not )?ok ' | head -10
kill -INT "$pid"
wait_for 20 sh -c "! kill -0 $pid" || kill -KILL "$pid"
wait "$pid"; rc=$?
check "browser: the server stops with status 0 after" test "$rc" = 0
done_testing

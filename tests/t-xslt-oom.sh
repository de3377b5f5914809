# t-xslt-oom.sh - a stylesheet whose allocations fail writes no page: the
# run says "out of memory" and exits 2, and -o is not created.
# tests/xslt-oom/kensho.xsl doubles a string 40 times (16 TiB); under a 1.5 GB
# address-space limit its allocations fail.  The sanitizers reserve more than
# that limit at start, so the ASan build skips this.
. tests/lib.sh
case "$KPIC" in
*asan*) done_testing "skipped: the ASan build cannot run under ulimit -v" ;;
esac
cp -r templates "$TMP/tpl"
cp tests/xslt-oom/kensho.xsl "$TMP/tpl/kensho.xsl"
(ulimit -v 1500000 && run_kpic html sources/abashiri/strategy.xml --templates "$TMP/tpl" -o "$TMP/page.html"; echo "$RC" >"$TMP/rc")
check "stylesheet out of memory: exit 2" test "$(cat "$TMP/rc")" = 2
check "stylesheet out of memory: says so" grep -qx 'kpic: out of memory' "$TMP/err"
check "stylesheet out of memory: no page written" test ! -e "$TMP/page.html"
done_testing

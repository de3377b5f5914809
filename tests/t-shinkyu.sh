# t-shinkyu.sh - `kpic diff OLD NEW --html OUT --pdf OUT`: the 新旧対照表, through
# the same renderers as the verification document.
. tests/lib.sh
# The validator needs the browser checks' npm packages: once, in the plain pass.
[ "${LABEL:-}" = plain ] || done_testing "plain pass only"
export SOURCE_DATE_EPOCH=1554076800
if ! tests/diff/mkpair.sh sources/abashiri/strategy.xml "$TMP/pair" 2>"$TMP/mk.err"; then
	not_ok "shinkyu: fixture pair generated"; sed 's/^/    /' "$TMP/mk.err"; exit 0
fi
run_kpic diff --no-color "$TMP/pair/old.xml" "$TMP/pair/new.xml" --html "$TMP/sk.html" --pdf "$TMP/sk.pdf"
check "shinkyu: exit 1 (differences), both tables written" test "$RC" = 1 -a -s "$TMP/sk.html" -a -s "$TMP/sk.pdf"
check "shinkyu: the terminal output is still printed" grep -q '基本目標' "$TMP/out"
tests/browser/validate.sh "$TMP/sk.html" >"$TMP/hv.txt" 2>&1; rc=$?
check "shinkyu html: passes html-validate" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/    /' "$TMP/hv.txt" | head -20
h() { xmllint --html --xpath "$1" "$TMP/sk.html" 2>/dev/null; }
changes=$(jq -r '.changes | length' <("$KPIC" diff --format=json "$TMP/pair/old.xml" "$TMP/pair/new.xml"))
check "shinkyu html: one row per change ($changes)" test "$(h 'count(//table[@class="shinkyu"]/tbody/tr)')" = "$changes"
check "shinkyu html: a revised actual, old struck and new inserted" \
	test "$(h 'count(//tr[contains(@class,"actual-added")][td[@class="new"]//ins[.="16,100人"]])')" = 1
check "shinkyu html: changed words of the narrative marked" test "$(h 'count(//td[@class="new"]//ins)')" -ge 1
check "shinkyu html: each version by its title and as-of date in 和暦, not its file" \
	test "$(h 'string(//p[@class="as-of"])')" = "旧：網走市まち・ひと・しごと創生総合戦略（平成31年4月1日現在）　新：網走市まち・ひと・しごと創生総合戦略（令和元年5月1日現在）"
check "shinkyu pdf: qpdf --check" qpdf --check "$TMP/sk.pdf"
pdftotext -layout "$TMP/sk.pdf" - | tr -d ' \n' >"$TMP/sk.txt"
check "shinkyu pdf: titled 新旧対照表" grep -q '新旧対照表' "$TMP/sk.txt"
check "shinkyu pdf: holds the new actual 16,100人" grep -q '16,100人' "$TMP/sk.txt"
check "shinkyu pdf: each version by its title and as-of date in 和暦, not its file" \
	bash -c 'grep -qF "旧：網走市まち・ひと・しごと創生総合戦略（平成31年4月1日現在）新：網走市まち・ひと・しごと創生総合戦略（令和元年5月1日現在）" "$0" && ! grep -qF "old.xml" "$0"' "$TMP/sk.txt"
check "shinkyu pdf: tagged, A4" bash -c 'pdfinfo "$0" | grep -q "^Tagged: *yes" && pdfinfo "$0" | grep -q "(A4)"' "$TMP/sk.pdf"
# A provisional value's text says 未確定 itself: no （未確定） after it.
sed 's|status="provisional" note="未確定">313<|status="provisional" note="未確定">314<|' \
	sources/abashiri/strategy.xml >"$TMP/prov.xml"
run_kpic diff sources/abashiri/strategy.xml "$TMP/prov.xml" --html "$TMP/prov.html" --pdf "$TMP/prov.pdf"
check "shinkyu html: a provisional value says 未確定 once" \
	test "$(xmllint --html --xpath 'string(//tr[contains(@class,"actual-revised")]/td[@class="new"])' "$TMP/prov.html" 2>/dev/null)" = "H30 未確定 (314千㎡)"
check "shinkyu pdf: a provisional value says 未確定 once" \
	bash -c 'pdftotext -layout "$0" - | tr -d " \n" | grep -q "H30未確定(314千㎡)" && ! pdftotext "$0" - | grep -q "（未確定）"' "$TMP/prov.pdf"
run_kpic diff "$TMP/pair/old.xml" "$TMP/pair/new.xml" --pdf "$TMP/sk2.pdf"
check "shinkyu pdf: byte-identical with the same SOURCE_DATE_EPOCH" cmp -s "$TMP/sk.pdf" "$TMP/sk2.pdf"
printf 'previous\n' >"$TMP/keep.html"
run_kpic diff "$TMP/pair/old.xml" "$TMP/pair/old.xml" --html "$TMP/same.html"
check "shinkyu: no differences still exit 0" test "$RC" = 0
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl" && cp tests/html/broken.xsl "$TMP/tpl/shinkyu.xsl"
run_kpic diff --templates="$TMP/tpl" "$TMP/pair/old.xml" "$TMP/pair/new.xml" --html "$TMP/keep.html"
check "shinkyu: a broken template: exit 2, previous file kept" test "$RC" = 2 -a "$(cat "$TMP/keep.html")" = previous
done_testing

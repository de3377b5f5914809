# t-i18n.sh - Japanese messages: the catalogue po/ja.po is complete, kpic
# speaks Japanese when the locale says so and English otherwise, with the
# same rule names, positions and exit status; LANGUAGE, LC_ALL, LC_MESSAGES
# and LANG take precedence as gettext documents.
. tests/lib.sh
fx=tests/rules

# --- (a) the catalogue: every message of the sources translated -----------------
# untranslated PO POT: the messages of POT that PO does not translate (what a
# maintainer translates after `make update-po`).
untranslated() {
	msgmerge --quiet --no-fuzzy-matching --no-wrap -o - "$1" "$2" | msgattrib --untranslated --no-obsolete --no-wrap
}
po/xgettext.sh "$TMP/kpic.pot"
n=$(grep -c '^msgid "' "$TMP/kpic.pot")
check "xgettext finds the messages ($n)" test "$n" -gt 200
check "po/ja.po translates every message of the sources (msgcmp)" msgcmp po/ja.po "$TMP/kpic.pot"
check "po/ja.po translates every message of the sources (msgmerge)" test -z "$(untranslated po/ja.po "$TMP/kpic.pot")"
untranslated po/ja.po "$TMP/kpic.pot" | grep '^msgid' | head -20 | sed 's/^/    untranslated: /'
check "po/ja.po: no untranslated entry" test -z "$(msgattrib --untranslated --no-obsolete po/ja.po)"
check "po/ja.po: no fuzzy entry" test -z "$(msgattrib --only-fuzzy --no-obsolete po/ja.po)"
stats=$(msgfmt --check --statistics -o /dev/null po/ja.po 2>&1); rc=$?
check "msgfmt --check: formats agree ($stats)" test "$rc" = 0
check "msgfmt: only translated messages" grep -qx "[0-9]* translated messages\." <<<"$stats"
check "the compiled catalogue is there" test -f build/locale/ja/LC_MESSAGES/kpic.mo

# The check can fail: a new diagnostic without a translation is caught, by name.
mkdir -p "$TMP/src"
cp -r tools "$TMP/src/"
cat >>"$TMP/src/tools/rules.c" <<'C'
static void rule_new_one(const struct ck *c)
{
	diag_report(c->d, R_NO_KPI, c->src, 0, "a brand-new message about goal %d", 1);
}
C
printf 'RULE(R_NEW,  "brand-new-rule",  SEV_WARNING, "a brand-new rule summary")\n' >>"$TMP/src/tools/rules.def"
po/xgettext.sh "$TMP/new.pot" "$TMP/src"
msgcmp po/ja.po "$TMP/new.pot" >/dev/null 2>&1; rc=$?
check "an untranslated new diagnostic fails the check" test "$rc" != 0
out=$(untranslated po/ja.po "$TMP/new.pot")
check "... naming the message" grep -q "a brand-new message about goal %d" <<<"$out"
check "... and the new rule's summary" grep -q "a brand-new rule summary" <<<"$out"

# --- (b) the same diagnostics in Japanese and in English --------------------------
# kl ENV... -- ARGS: kpic in a clean locale environment; sets OUT, ERR, RC.
kl() {
	local envs=()
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	run_cmd env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u LANG -u LC_CTYPE "${envs[@]}" "$KPIC" "$@"
}
ja_dup="tests/rules/duplicate-id.xml:49:18: error: id 'g1-m1' は既に <measure> で使われています。id はソース全体で一意にしてください [duplicate-id]"
kl LANG=ja_JP.UTF-8 -- check $fx/duplicate-id.xml
check "ja: the message in Japanese, the rule name and position as in English" grep -qxF "$ja_dup" "$TMP/err"
check "ja: the note in Japanese" grep -qxF "tests/rules/duplicate-id.xml:30:18: note: 'g1-m1' の最初の定義はここです" "$TMP/err"
check "ja: the summary in Japanese" grep -qxF "エラー 1 件が出ました。" "$TMP/err"
check "ja: exit 1" test "$RC" = 1
kl LANG=C -- check $fx/duplicate-id.xml
check "LANG=C: English" grep -qF "error: id 'g1-m1' is already used by a <measure>; ids must be unique in the whole source [duplicate-id]" "$TMP/err"
check "LANG=C: exit 1" test "$RC" = 1

# Every rule fixture: the same rules at the same places with the same exit
# status, but other words (the layout of a line is kept: tools parse it).
shape() { sed -n 's/^\([^ ]*:[0-9]*:[0-9]*: [a-z]*:\).*\(\[[a-z-]*\]\)$/\1 \2/p' "$1"; }
same=0 differ=0 translated=0 total=0
for src in $fx/*.xml; do
	name=$(basename "$src" .xml)
	[ "$name" = clean ] && continue
	args=(check)
	[ -f "$fx/$name.cmd" ] && args=($(cat "$fx/$name.cmd") -o "$TMP/rule.out")
	kl LANG=C -- "${args[@]}" "$src"; cp "$TMP/err" "$TMP/en"; rc_en=$RC
	kl LANG=ja_JP.UTF-8 -- "${args[@]}" "$src"; cp "$TMP/err" "$TMP/ja"; rc_ja=$RC
	total=$((total + 1))
	if [ "$rc_en" = "$rc_ja" ] && [ "$(shape "$TMP/en")" = "$(shape "$TMP/ja")" ] && [ -n "$(shape "$TMP/en")" ]; then
		same=$((same + 1))
	else
		differ=$((differ + 1)); echo "    $name: en exit $rc_en, ja exit $rc_ja"; diff <(shape "$TMP/en") <(shape "$TMP/ja") | head -5
	fi
	# every diagnostic line of the fixture is translated (none is left as in English)
	grep "\[$name\]" "$TMP/en" >"$TMP/en.lines"
	grep "\[$name\]" "$TMP/ja" >"$TMP/ja.lines"
	if [ -s "$TMP/en.lines" ] && [ "$(wc -l <"$TMP/en.lines")" = "$(wc -l <"$TMP/ja.lines")" ] &&
	   [ -z "$(paste -d '\n' "$TMP/en.lines" "$TMP/ja.lines" | uniq -d)" ]; then
		translated=$((translated + 1))
	else
		echo "    $name: not every [$name] line is in Japanese"; grep "\[$name\]" "$TMP/ja" | head -3
	fi
done
check "rule fixtures: same rules, places and exit status in both languages ($same of $total)" test "$differ" = 0 -a "$same" -gt 30
check "rule fixtures: every diagnostic in Japanese ($translated of $total)" test "$translated" = "$total"

# JSON and SARIF: keys, rule names and levels as in English, messages translated.
kl LANG=ja_JP.UTF-8 -- check --diagnostics-format=json $fx/duplicate-id.xml
check "ja json: rule and severity untranslated" test "$(jq -r '.diagnostics[0] | .rule + " " + .severity' <<<"$OUT")" = "duplicate-id error"
check "ja json: message in Japanese" grep -q 'は既に <measure> で使われています' <<<"$(jq -r '.diagnostics[0].message' <<<"$OUT")"
kl LANG=ja_JP.UTF-8 -- check --diagnostics-format=sarif $fx/duplicate-id.xml
check "ja sarif: run.language is ja" test "$(jq -r '.runs[0].language' <<<"$OUT")" = ja
check "ja sarif: ruleId and level untranslated" test "$(jq -r '.runs[0].results[0] | .ruleId + " " + .level' <<<"$OUT")" = "duplicate-id error"
check "ja sarif: rule descriptions in Japanese" grep -q '2 つの要素が同じ id を持つ' <<<"$OUT"
kl LANG=C -- check --diagnostics-format=sarif $fx/duplicate-id.xml
check "English sarif: no run.language (SARIF's default en-US)" test "$(jq -r '.runs[0].language' <<<"$OUT")" = null

# kpic rules: the same names and severities, summaries translated.
kl LANG=C -- rules; en_rules=$(awk '{print $1, $2}' "$TMP/out"); en_out=$OUT
kl LANG=ja_JP.UTF-8 -- rules
check "ja rules: same names and severities" test "$(awk '{print $1, $2}' "$TMP/out")" = "$en_rules"
check "ja rules: summaries in Japanese" grep -qE '^duplicate-id +error +2 つの要素が同じ id を持つ$' "$TMP/out"
check "ja rules: differ from English" test "$OUT" != "$en_out"

# --help: Japanese text, every option and command of the English one.
opts() { grep -oE -- '(^| |\(|\[)--?[A-Za-z][A-Za-z-]*(=[A-Z-]+)?' "$1" | sed 's/^[ ([]//' | sort -u; }
kl LANG=C -- --help; cp "$TMP/out" "$TMP/help-en"
kl LANG=ja_JP.UTF-8 -- --help; cp "$TMP/out" "$TMP/help-ja"
check "ja --help: Japanese" grep -q '^使い方: kpic <コマンド>' "$TMP/help-ja"
check "ja --help: exit 0" test "$RC" = 0
check "ja --help: the same options as English ($(opts "$TMP/help-en" | wc -l))" test "$(opts "$TMP/help-en")" = "$(opts "$TMP/help-ja")"
diff <(opts "$TMP/help-en") <(opts "$TMP/help-ja") | sed 's/^/    /'
for cmd in check eval html pdf diff draft export update build rules; do
	check "ja --help lists $cmd" grep -q "^  $cmd" "$TMP/help-ja"
done
check "ja --help: the data directory filled in" grep -q '/templates)$' "$TMP/help-ja"
kl LANG=ja_JP.UTF-8 -- check -Wno-nonsense $fx/clean.xml
check "ja usage error: Japanese, exit 2" test "$RC" = 2 -a "$ERR" = "kpic check: 不明なルール 'nonsense' です (kpic rules で一覧を表示できます)
'kpic check --help' で使い方を確認してください。"
kl LANG=ja_JP.UTF-8 -- check --revise $fx/clean.xml
check "ja foreign option: Japanese, exit 2" test "$RC" = 2 -a "$ERR" = "kpic check: オプション '--revise' は update 専用です
'kpic check --help' で使い方を確認してください。"
kl LANG=ja_JP.UTF-8 -- eval --help
check "ja eval --help: Japanese" grep -q '^使い方: kpic eval \[オプション\] FILE$' "$TMP/out"
check "ja eval --help: the options described in Japanese" grep -q '^  -o FILE  *出力を標準出力ではなく FILE に' "$TMP/out"

# --- (c) which variable decides, as gettext documents -------------------------------
# lang ENV...: "ja" or "en", by the summary line of a failing check.
lang() {
	kl "$@" -- check $fx/duplicate-id.xml
	case $(tail -n 1 "$TMP/err") in
	"エラー 1 件が出ました。") echo ja ;;
	"1 error generated.") echo en ;;
	*) echo "? $(tail -n 1 "$TMP/err")" ;;
	esac
}
expect_lang() {
	local want=$1; shift
	local got; got=$(lang "$@")
	check "locale $* -> $want" test "$got" = "$want"
}
expect_lang ja LANG=ja_JP.UTF-8
expect_lang en LANG=C.UTF-8
expect_lang en
expect_lang ja LC_MESSAGES=ja_JP.UTF-8 LANG=C.UTF-8
expect_lang ja LC_ALL=ja_JP.UTF-8 LANG=C.UTF-8
expect_lang en LC_ALL=C.UTF-8 LANG=ja_JP.UTF-8
expect_lang en LC_ALL=C LC_MESSAGES=ja_JP.UTF-8
expect_lang en LC_MESSAGES=C.UTF-8 LANG=ja_JP.UTF-8
# LANGUAGE comes first, except in the C locale, where gettext ignores it
expect_lang ja LANGUAGE=ja LANG=C.UTF-8
expect_lang ja LANGUAGE=fr:ja LANG=C.UTF-8
expect_lang en LANGUAGE=en LANG=ja_JP.UTF-8
expect_lang en LANGUAGE=ja LANG=C
expect_lang en LANGUAGE=ja LC_ALL=POSIX
# a locale this machine has not generated (LOCPATH: an empty locale directory
# hides every generated one): still Japanese, through C.UTF-8
mkdir -p "$TMP/nolocales"
expect_lang ja LOCPATH="$TMP/nolocales" LANG=ja_JP.UTF-8
expect_lang en LOCPATH="$TMP/nolocales" LANG=fr_FR.UTF-8
expect_lang ja LANG=ja_JP.eucJP
kl LOCPATH="$TMP/nolocales" LANG=ja_JP.UTF-8 -- check $fx/duplicate-id.xml
check "not generated: still UTF-8 and the same diagnostic" grep -qxF "$ja_dup" "$TMP/err"
# the catalogue is looked up like the templates
expect_lang en KPIC_LOCALEDIR="$TMP/nowhere" LANG=ja_JP.UTF-8
expect_lang ja KPIC_LOCALEDIR="$PWD/build/locale" LANG=ja_JP.UTF-8

# Numbers stay C whatever the locale: the evaluation is byte for byte the same.
kl LANG=C -- eval --format=json sources/abashiri/strategy.xml; en_eval=$OUT
kl LANG=ja_JP.UTF-8 LC_NUMERIC=de_DE.UTF-8 -- eval --format=json sources/abashiri/strategy.xml
check "eval --format=json: the same in Japanese" test "$OUT" = "$en_eval" -a "$RC" = 0

# In a Japanese locale fontconfig names IPAexGothic "IPAexゴシック": still the
# font asked for, so no layout-font warning, and the same PDF.
export SOURCE_DATE_EPOCH=1700000000
kl LANG=C -- pdf -o "$TMP/en.pdf" sources/abashiri/strategy.xml
kl LANG=ja_JP.UTF-8 -- pdf -o "$TMP/ja.pdf" sources/abashiri/strategy.xml
check "ja pdf: no layout-font warning" test "$RC" = 0 -a -z "$ERR"
check "ja pdf: byte for byte the English locale's" cmp -s "$TMP/en.pdf" "$TMP/ja.pdf"
unset SOURCE_DATE_EPOCH

# An installed kpic finds its catalogue relative to itself.
if [ "${LABEL:-}" = plain ]; then
	make -s install DESTDIR="$TMP/root" PREFIX=/usr >/dev/null 2>&1
	check "make install: the ja catalogue" test -f "$TMP/root/usr/share/locale/ja/LC_MESSAGES/kpic.mo"
	KPIC=$TMP/root/usr/bin/kpic expect_lang ja LANG=ja_JP.UTF-8
fi
done_testing

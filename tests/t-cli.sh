# t-cli.sh - the command line: help, version, options, exit status, output
# formats of the diagnostics, atomic output.
. tests/lib.sh
fx=tests/rules

run_kpic --help
check "--help: usage" grep -q "^usage: kpic <command>" "$TMP/out"
check "--help: exit 0" test "$RC" = 0
for cmd in check eval html pdf diff draft rules; do
	check "--help lists $cmd" grep -q "^  $cmd" "$TMP/out"
done
run_kpic --version
check "--version" grep -qE "^kpic [0-9]+\.[0-9]+\.[0-9]+ " "$TMP/out"
run_kpic
check "no command: exit 2" test "$RC" = 2
run_kpic frobnicate x.xml
check "unknown command: exit 2" test "$RC" = 2
run_kpic check --bogus $fx/clean.xml
check "unknown option: exit 2" test "$RC" = 2
run_kpic check -Wno-nonsense $fx/clean.xml
check "unknown rule: exit 2" grep -q "unknown rule 'nonsense'" "$TMP/err"
run_kpic check -Wno-duplicate-id $fx/clean.xml
check "errors cannot be silenced" test "$RC" = 2

run_kpic rules
check "rules: exit 0, nothing on stderr" test "$RC" = 0 -a -z "$ERR"
check "rules: one line per rule" test "$(echo "$OUT" | wc -l)" = "$(grep -c '^RULE(' tools/rules.def)"
check "rules: names duplicate-id as an error" grep -qE "^duplicate-id +error" "$TMP/out"

# warnings: exit 0; -Werror makes them errors; -Wno-RULE silences them
run_kpic check $fx/unused-department.xml
check "warning: exit 0" test "$RC" = 0
run_kpic check -Werror $fx/unused-department.xml
check "-Werror: exit 1" test "$RC" = 1
check "-Werror: reported as error" grep -q "error: department 'kenchiku'" "$TMP/err"
run_kpic check -Werror=unused-department $fx/unused-department.xml
check "-Werror=RULE: exit 1" test "$RC" = 1
run_kpic check -Wno-unused-department $fx/unused-department.xml
check "-Wno-RULE: silent" test "$RC" = 0 -a -z "$ERR"
run_kpic check -W no-unused-department $fx/unused-department.xml
check "-W no-RULE: silent" test "$RC" = 0 -a -z "$ERR"

# several files: diagnostics for each, the worst status
run_kpic check $fx/clean.xml $fx/duplicate-id.xml $fx/unused-department.xml
check "several files: exit 1" test "$RC" = 1
check "several files: both reported" test "$(grep -c '^tests/rules/' "$TMP/err")" -ge 3
run_kpic check $fx/clean.xml "$TMP/missing.xml"
check "unreadable among several: exit 2" test "$RC" = 2

# machine-readable diagnostics
run_kpic check --diagnostics-format=json $fx/duplicate-id.xml
golden "json diagnostics" tests/cli/duplicate-id.json "$OUT"
check "json: valid" jq -e '.errors == 1 and .diagnostics[0].rule == "duplicate-id" and .diagnostics[0].notes[0].line == 30' "$TMP/out"
run_kpic check --diagnostics-format=sarif $fx/duplicate-id.xml
golden "sarif diagnostics" tests/cli/duplicate-id.sarif "$OUT"
check "sarif: valid JSON with the result" jq -e '.version == "2.1.0" and .runs[0].results[0].ruleId == "duplicate-id" and .runs[0].results[0].locations[0].physicalLocation.region.startLine == 49' "$TMP/out"
check "sarif: every rule described" jq -e "(.runs[0].tool.driver.rules | length) == $(grep -c '^RULE(' tools/rules.def)" "$TMP/out"
run_kpic check --diagnostics-format=json $fx/clean.xml
check "json for a clean file" jq -e '.errors == 0 and (.diagnostics | length) == 0' "$TMP/out"

# output files
run_kpic eval --format=json -o "$TMP/e.json" $fx/clean.xml
check "eval -o writes the file" jq -e '.totals.all.total == 2' "$TMP/e.json"
cp $fx/clean.xml "$TMP/src.xml"
run_kpic eval --format=xml -o "$TMP/src.xml" "$TMP/src.xml"
check "-o onto the input is refused" test "$RC" = 2
check "-o onto the input: the input is intact" cmp -s $fx/clean.xml "$TMP/src.xml"
run_kpic eval -o "$TMP/no/such/dir/out.txt" $fx/clean.xml
check "-o into a missing directory: exit 2" test "$RC" = 2
# --- each command takes its own options (tools/cmd_NAME.c) -------------------
# COMMAND OPTION... | the commands the message names
foreign() {
	local cmd=$1 opt=$2 takers=$3; shift 3
	run_kpic "$cmd" "$@" $fx/clean.xml
	check "$cmd ${*}: exit 2" test "$RC" = 2
	check "$cmd ${*}: nothing on stdout" test -z "$OUT"
	case $takers in
	*,*) msg="kpic $cmd: option '$opt' is for these commands only: $takers" ;;
	*) msg="kpic $cmd: option '$opt' is for $takers only" ;;
	esac
	check "$cmd ${*}: names the option and the command" test "$ERR" = "$msg
Try 'kpic $cmd --help'."
}
foreign check --revise update --revise
foreign eval --boxes pdf --boxes="$TMP/boxes.jsonl"
foreign html --format "eval, diff, pdf, export" --format=json
foreign diff --sheet "update, import" --sheet=1
foreign pdf --no-color diff --no-color
foreign draft -j build -j 2
foreign export --period "init, draft" --period=2020-2024
foreign update --template draft --template=draft.xsl
foreign import --actuals update --actuals "$TMP/a.tsv"
foreign build -o "eval, html, diff, pdf, draft, export, update, import" -o "$TMP/out.html"
foreign rules --templates "init, check, eval, html, diff, pdf, draft, export, update, import, build, watch, serve" --templates=templates
check "a refused option writes nothing" test ! -e "$TMP/boxes.jsonl" -a ! -e "$TMP/out.html"
run_kpic eval -o "$TMP/e.txt" --html "$TMP/e.html" $fx/clean.xml
check "eval --html: exit 2, no output at all" test "$RC" = 2 -a ! -e "$TMP/e.txt" -a ! -e "$TMP/e.html"
run_kpic check --bogus $fx/clean.xml
check "unknown option: named with the command" test "$ERR" = "kpic check: unknown option '--bogus'
Try 'kpic check --help'."
run_kpic check --diagnostic-format=json $fx/clean.xml
check "a misspelt option: did you mean, the command's help" test "$RC" = 2 -a "$ERR" = "kpic check: unknown option '--diagnostic-format'; did you mean '--diagnostics-format'?
Try 'kpic check --help'."
run_kpic biuld -d "$TMP/b" $fx/clean.xml
check "a misspelt command: did you mean" test "$RC" = 2 -a "$(head -n 1 "$TMP/err")" = "kpic: unknown command 'biuld'; did you mean 'build'?"
run_kpic help chekc
check "help for a misspelt command: did you mean" test "$RC" = 2 -a "$(head -n 1 "$TMP/err")" = "kpic: unknown command 'chekc'; did you mean 'check'?"
run_kpic check
check "a command's usage error points at its help" test "$RC" = 2 -a "$ERR" = "kpic check: no input file
Try 'kpic check --help'."
run_kpic build -j 0 -d "$TMP/b" $fx/clean.xml
check "a bad option value points at the command's help" test "$RC" = 2 -a "$ERR" = "kpic build: -j: '0' is not a number of jobs from 1 to 256
Try 'kpic build --help'."
run_kpic eval $fx/clean.xml -o
check "-o without its file: exit 2" test "$RC" = 2
check "-o without its file: said" grep -qx "kpic eval: option '-o' requires an argument (FILE)" "$TMP/err"
run_kpic diff --no-color=yes $fx/clean.xml $fx/clean.xml
check "--no-color=yes: exit 2" test "$RC" = 2
check "--no-color=yes: takes no argument" grep -qx "kpic diff: option '--no-color' takes no argument" "$TMP/err"
run_kpic eval --format=csv $fx/clean.xml
check "eval --format=csv: exit 2" test "$RC" = 2
check "eval --format=csv: the values eval takes" grep -qx "kpic eval: unknown --format 'csv' (one of text|json|xml)" "$TMP/err"
run_kpic eval "--format=text|json" $fx/clean.xml
check "eval --format=text|json: not a value" test "$RC" = 2
run_kpic export --format=xml $fx/clean.xml
check "export --format=xml: the values export takes" grep -qx "kpic export: unknown --format 'xml' (one of csv|json|xlsx|ods)" "$TMP/err"
run_kpic pdf --format=json -o "$TMP/p.pdf" $fx/clean.xml
check "pdf --format=json: exit 2, nothing written" test "$RC" = 2 -a ! -e "$TMP/p.pdf"
run_kpic check --diagnostics-format=xml $fx/clean.xml
check "--diagnostics-format=xml: refused" grep -qx "kpic check: unknown --diagnostics-format 'xml' (one of text|json|sarif)" "$TMP/err"

# options before the command are the command's
run_kpic -Werror check $fx/unused-department.xml
check "-Werror before the command: exit 1" test "$RC" = 1
run_kpic --revise check $fx/clean.xml
check "a foreign option before the command: refused" test "$RC" = 2 -a "$(head -n 1 "$TMP/err")" = "kpic check: option '--revise' is for update only"
run_kpic -- check $fx/clean.xml
check "-- before the command" test "$RC" = 0
run_kpic check -- $fx/clean.xml
check "-- before the files" test "$RC" = 0

# kpic COMMAND --help: its own options and the shared ones, no others
shared="--diagnostics-format --templates --time-report -Werror -h"
for spec in "init:--municipality --title --period --scheme --list-schemes -q" \
            "check:" "eval:-o --format --year" "html:-o -q" "diff:-o --format --no-color --html --pdf" \
            "pdf:-o --format --boxes -q" "draft:-o --period --template" \
            "export:-o --format --actuals-template --year --by-department" \
            "update:--actuals --targets --year --revise --again --sheet -o -q" "import:-o --sheet -q" "build:-d -j -q" \
            "rules:"; do
	cmd=${spec%%:*} own=${spec#*:}
	want=$(printf '%s\n' $own $([ "$cmd" = rules ] && echo -h || echo $shared) | sort -u)
	run_kpic "$cmd" --help
	check "$cmd --help: exit 0, nothing on stderr" test "$RC" = 0 -a -z "$ERR"
	check "$cmd --help: its usage" grep -q "^usage: kpic $cmd " "$TMP/out"
	got=$(grep -oE '^  --?[A-Za-z][A-Za-z-]*' "$TMP/out" | sed 's/^  //' | sort -u)
	check "$cmd --help: its options and no others" test "$got" = "$want"
	[ "$got" = "$want" ] || diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
	help_out=$OUT
	run_kpic help "$cmd"
	check "kpic help $cmd = kpic $cmd --help" test "$RC" = 0 -a "$OUT" = "$help_out"
done
run_kpic eval $fx/clean.xml --help
check "--help after the file: the command's help" test "$RC" = 0 -a "$(head -n 1 "$TMP/out")" = "usage: kpic eval [options] FILE"
run_kpic --help
check "--help: build's own options" grep -A5 "^  build " "$TMP/out" | grep -qx " *options: \[-d DIR\] \[-j N\] \[-q, --quiet\]"
check "--help: update's own options" test "$(grep -A8 "^  update " "$TMP/out" | grep -A2 'options:' | tr -s ' ')" = " options: [--actuals=SHEET] [--targets=SHEET] [--year=Y]
 [--revise] [--again] [--sheet=NAME] [-o FILE]
 [-q, --quiet]"
check "--help: no options line for check" test "$(sed -n '/^  check /{n;p}' "$TMP/out" | grep -c 'options:')" = 0
check "--help: one options line per command with options" test "$(grep -c 'options: \[' "$TMP/out")" = 12

# kpic pdf: binary is not written to a terminal (like gzip)
# on_tty COMMAND...: runs it with standard output a terminal, read as it is
# written; what reached the terminal on stdout, its stderr, its exit status.
on_tty() {
	python3 -c '
import os, subprocess, sys
m, s = os.openpty()
p = subprocess.Popen(sys.argv[1:], stdout=s)
os.close(s)
data = b""
while True:
    try:
        d = os.read(m, 65536)
    except OSError:
        break
    if not d:
        break
    data += d
sys.stdout.buffer.write(data)
sys.exit(p.wait())' "$@"
}
run_cmd on_tty "$KPIC" pdf $fx/clean.xml
check "pdf to a terminal: exit 2" test "$RC" = 2
check "pdf to a terminal: nothing written there" test -z "$OUT"
check "pdf to a terminal: use -o FILE or redirect" test "$(head -n 1 "$TMP/err")" = "kpic pdf: a PDF is binary and is not written to a terminal; use -o FILE or redirect standard output (> FILE)"
run_cmd on_tty "$KPIC" pdf -o - $fx/clean.xml
check "pdf -o - to a terminal: exit 2" test "$RC" = 2 -a -z "$OUT"
run_cmd on_tty "$KPIC" pdf --format=xml $fx/clean.xml
check "pdf --format=xml to a terminal: text, written" test "$RC" = 0 -a "${OUT:0:5}" = "<?xml"
run_cmd on_tty "$KPIC" pdf -o "$TMP/tty.pdf" $fx/clean.xml
check "pdf -o FILE from a terminal: written" test "$RC" = 0 -a "$(head -c 5 "$TMP/tty.pdf")" = "%PDF-"
"$KPIC" pdf $fx/clean.xml >"$TMP/redirected.pdf" 2>"$TMP/err"
check "pdf redirected to a file: written" test $? = 0 -a "$(head -c 5 "$TMP/redirected.pdf")" = "%PDF-" -a ! -s "$TMP/err"
# Text from a source is shown, never obeyed: a name holding a newline cannot
# forge a diagnostic line, and a line separator or a bidirectional override cannot
# reorder or break what the terminal shows; each is
# written <U+XXXX>, in check, eval and diff alike.
sed 's|<name>率</name>|<name>率\&#10;/etc/passwd:1:1: error: forged [xml-syntax]\&#x2028;2J\&#x202E;</name>|' \
	tests/fixtures/minimal.xml >"$TMP/forge.xml"
run_kpic check "$TMP/forge.xml"
check "check: a newline in a name forges no diagnostic line" bash -c '! grep -q "^/etc/passwd" "$0"' "$TMP/err"
check "check: the newline, the line separator and the override are shown as <U+XXXX>" \
	grep -qF "率<U+000A>/etc/passwd:1:1: error: forged [xml-syntax]<U+2028>2J<U+202E>" "$TMP/err"
run_kpic eval "$TMP/forge.xml"
check "eval: no line of the report is forged" bash -c '! grep -q "^/etc/passwd" "$0"' "$TMP/out"
check "eval: the name shown with <U+000A> (and clipped to its column)" grep -qF "率<U+000A>/etc/passwd:1:1: …" "$TMP/out"
sed 's|<name>率</name>|<name>率\&#x2028;2J\&#x202E;</name>|' tests/fixtures/minimal.xml >"$TMP/csi.xml"
run_kpic eval "$TMP/csi.xml"
check "eval: a line separator and an override shown as <U+2028> and <U+202E>" grep -qF "率<U+2028>2J<U+202E>" "$TMP/out"
check "eval: no line separator or override in the output" bash -c '! grep -qP "\\x{2028}|\\x{202E}" "$0"' "$TMP/out"
run_kpic diff --no-color tests/fixtures/minimal.xml "$TMP/forge.xml"
check "diff: no line of the report is forged" bash -c '! grep -q "^/etc/passwd" "$0"' "$TMP/out"
check "diff: the new name shown with <U+000A>" grep -qF "率<U+000A>/etc/passwd:1:1" "$TMP/out"
check "diff: no line separator or override in the output" bash -c '! grep -qP "\\x{2028}|\\x{202E}" "$0"' "$TMP/out"
# Two outputs of one run never share a file: one would silently replace the
# other.
printf 'previous\n' >"$TMP/same.out"
run_kpic pdf -o "$TMP/same.out" --boxes="$TMP/same.out" $fx/clean.xml
check "pdf -o X --boxes=X: refused, exit 2, naming the file" test "$RC" = 2 -a -n "$(grep -F "name the same file, '$TMP/same.out'" "$TMP/err")"
check "pdf -o X --boxes=X: nothing written" test "$(cat "$TMP/same.out")" = previous
mkdir -p "$TMP/sub"
run_kpic diff --html "$TMP/same.out" --pdf "$TMP/sub/../same.out" $fx/clean.xml $fx/clean.xml
check "diff --html X --pdf X (another spelling): refused, exit 2" test "$RC" = 2 -a -n "$(grep -F "two outputs name the same file" "$TMP/err")"
check "diff --html X --pdf X: nothing written" test "$(cat "$TMP/same.out")" = previous
run_kpic diff -o "$TMP/d.txt" --html "$TMP/d.html" $fx/clean.xml $fx/clean.xml
check "diff -o, --html to different files: both written" test "$RC" = 0 -a -f "$TMP/d.txt" -a -s "$TMP/d.html"
done_testing

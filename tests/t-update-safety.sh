# t-update-safety.sh - kpic update loses nothing and invents nothing: a lock
# against a second update, the source checked byte for byte before it is
# replaced (an editor's save is kept), SRC~ from the file on disk, links and
# read-only sources, from=/label= kept, and cells whose value a spreadsheet
# file does not hold.
#
# The sheet is a FIFO where a run must be held half-way: kpic reads the
# source, then opens the sheet, and blocks there until the test writes it, so
# the test acts between kpic's read and its rename without any hook in kpic.
. tests/lib.sh
src=sources/abashiri/strategy.xml
sheet=tests/update/fy2019.tsv

# start_held SRC ARGS...: kpic update SRC --actuals FIFO ARGS... in the
# background ($held_pid), with the source read once held_open has returned
start_held() {
	local s=$1; shift
	rm -f "$TMP/fifo.tsv"
	mkfifo "$TMP/fifo.tsv"
	"$KPIC" update "$s" --actuals "$TMP/fifo.tsv" "$@" >"$TMP/held.out" 2>"$TMP/held.err" &
	held_pid=$!
	# the FIFO opens for writing once kpic opens it for reading, which it
	# does after reading the source (bounded, should kpic end before)
	exec 3<>"$TMP/fifo.tsv"
}
# feed_held SHEET: the sheet written, kpic's exit status in held_rc
feed_held() {
	cat "$1" >&3
	exec 3>&-
	wait "$held_pid"
	held_rc=$?
}
wait_open() {
	# until kpic has the FIFO open (it then holds the lock and has read the source)
	for _ in $(seq 200); do
		[ -n "$(find /proc/"$held_pid"/fd -lname "$TMP/fifo.tsv" 2>/dev/null)" ] && return 0
		sleep 0.05
	done
	return 1
}

# --- two updates at once: the second refused, saying who holds the lock;
# both sheets' figures end in the source
cp "$src" "$TMP/s.xml"
printf 'kpi\tvalue\ng1-employees\t16100\n' >"$TMP/emp.tsv"
start_held "$TMP/s.xml" --year 2019
check "concurrent: the first update is under way (holds the sheet open)" wait_open
run_kpic update "$TMP/s.xml" --year 2019 --actuals "$TMP/emp.tsv"
check "concurrent: the second update is refused, exit 2" test "$RC" = 2
check "concurrent: ... saying which process holds the lock, and its command" \
	grep -qF "kpic: $TMP/s.xml: process $held_pid ($KPIC update $TMP/s.xml --actuals $TMP/fifo.tsv --year 2019) is updating this source (lock $TMP/s.xml.lock); wait until it ends and run kpic update again; nothing was written" "$TMP/err"
check "concurrent: ... and wrote nothing" cmp -s "$src" "$TMP/s.xml"
feed_held "$sheet"
check "concurrent: the first one completes" test "$held_rc" = 0
check "concurrent: the lock file is gone after it" test ! -e "$TMP/s.xml.lock"
run_kpic update "$TMP/s.xml" --year 2019 --actuals "$TMP/emp.tsv"
check "concurrent: the second one, run again, completes" test "$RC" = 0
run_kpic eval --format=json "$TMP/s.xml"
check "concurrent: both sheets' figures are in the source" \
	test "$(jq -c '[.kpis[] | select(.id == "g1-pedestrians-weekday" or .id == "g1-employees") | .series[0].latest | [.year, .value]] | sort' "$TMP/out")" = '[[2019,1100],[2019,16100]]'

# the same, unheld: pairs of updates started together, as two clerks would;
# each either applies its sheet or is refused with exit 2, and no figure of
# an update that said it applied its sheet is lost
printf 'kpi\tvalue\ng1-food-value-added\t23.10\n' >"$TMP/food.tsv"
lost=0 refused=0
for i in 1 2 3 4 5 6; do
	cp "$src" "$TMP/r.xml"
	"$KPIC" update "$TMP/r.xml" --year 2019 --actuals "$TMP/emp.tsv" >"$TMP/r1.out" 2>"$TMP/r1.err" & p1=$!
	"$KPIC" update "$TMP/r.xml" --year 2019 --actuals "$TMP/food.tsv" >"$TMP/r2.out" 2>"$TMP/r2.err" & p2=$!
	wait "$p1"; r1=$?
	wait "$p2"; r2=$?
	for r in "$r1:emp:<value year=\"2019\">16100</value>" "$r2:food:<value year=\"2019\">23.10</value>"; do
		case $r in
		0:*) grep -qF "${r#*:*:}" "$TMP/r.xml" || lost=$((lost + 1)) ;;
		2:*) refused=$((refused + 1)) ;;
		*) lost=$((lost + 100)) ;;
		esac
	done
	grep -qE 'is updating this source|was changed while kpic update ran' "$TMP/r1.err" "$TMP/r2.err" ||
		[ "$r1$r2" = 00 ] || lost=$((lost + 1000))
done
check "two updates at once (6 races, $refused refused): none lost a figure it said it applied" test "$lost" = 0

# a lock held by another tool (flock(1)): refused, naming its process
cp "$src" "$TMP/f.xml"
rm -f "$TMP/ready"
flock -o "$TMP/f.xml.lock" -c "touch $TMP/ready; while [ ! -e $TMP/stop ]; do sleep 0.05; done" &
flock_pid=$!
for _ in $(seq 200); do [ -e "$TMP/ready" ] && break; sleep 0.05; done
run_kpic update "$TMP/f.xml" --year 2019 --actuals "$sheet"
check "flock(1) holds the lock: refused, exit 2, nothing written" \
	test "$RC" = 2 -a "$(cmp "$src" "$TMP/f.xml" && echo same)" = same -a ! -e "$TMP/f.xml~"
check "flock(1) holds the lock: its process named" \
	grep -qE "f.xml: process $flock_pid \\(flock -o .*f.xml.lock -c .*\\) is updating this source" "$TMP/err"
touch "$TMP/stop"
wait "$flock_pid"
run_kpic update "$TMP/f.xml" --year 2019 --actuals "$sheet"
check "the lock released: the update runs" test "$RC" = 0

# a lock file left by a killed run (no process holds it) is taken over
cp "$src" "$TMP/k.xml"
printf '999999 kpic update k.xml --actuals gone.tsv\n' >"$TMP/k.xml.lock"
run_kpic update "$TMP/k.xml" --year 2019 --actuals "$sheet"
check "a stale lock file: the update runs, and removes it" test "$RC" = 0 -a ! -e "$TMP/k.xml.lock"

# --- an edit saved while the update runs: nothing written, the edit kept
cp "$src" "$TMP/e.xml"
start_held "$TMP/e.xml" --year 2019
wait_open
printf '<!-- saved by an editor meanwhile -->\n' >>"$TMP/e.xml"
cp "$TMP/e.xml" "$TMP/edited.xml"
feed_held "$sheet"
check "edit during update: exit 2" test "$held_rc" = 2
check "edit during update: says the source changed, nothing written" \
	grep -qF "kpic: $TMP/e.xml: the source was changed while kpic update ran (saved by an editor?); nothing was written and the change is kept: run kpic update again" "$TMP/held.err"
check "edit during update: the edit is kept" cmp -s "$TMP/e.xml" "$TMP/edited.xml"
check "edit during update: no backup" test ! -e "$TMP/e.xml~"
run_kpic update "$TMP/e.xml" --year 2019 --actuals "$sheet"
check "edit during update: run again, the update applies over the edit" \
	test "$RC" = 0 -a "$(tail -n 1 "$TMP/e.xml")" = '<!-- saved by an editor meanwhile -->'
check "edit during update: SRC~ is the file as it was on disk (with the edit)" cmp -s "$TMP/e.xml~" "$TMP/edited.xml"

# --- a symbolic link: its target updated, the link stays a link
mkdir -p "$TMP/2019"
cp "$src" "$TMP/2019/strategy.xml"
ln -s 2019/strategy.xml "$TMP/current.xml"
run_kpic update "$TMP/current.xml" --year 2019 --actuals "$sheet"
check "link: exit 0" test "$RC" = 0
check "link: the link is still a link to the same file" test -L "$TMP/current.xml" -a "$(readlink "$TMP/current.xml")" = 2019/strategy.xml
check "link: the target is updated" grep -qF '<value year="2019">1100</value>' "$TMP/2019/strategy.xml"
check "link: the previous version beside the target" cmp -s "$src" "$TMP/2019/strategy.xml~"
check "link: ... and said so" grep -qF "the previous version is $(realpath "$TMP/2019")/strategy.xml~" "$TMP/out"

# --- a read-only source is refused, even in a writable directory (and as root)
cp "$src" "$TMP/ro.xml"
chmod 0444 "$TMP/ro.xml"
run_kpic update "$TMP/ro.xml" --year 2019 --actuals "$sheet"
check "read-only: refused, exit 2, a message saying what to do" \
	test "$RC" = 2 -a -n "$(grep -F "kpic: $TMP/ro.xml: the source is read-only, and kpic update does not replace it: make it writable (chmod u+w), or write the result elsewhere with -o; nothing was written" "$TMP/err")"
check "read-only: the file unchanged, still read-only, no backup" \
	test "$(cmp "$src" "$TMP/ro.xml" && echo same)" = same -a "$(stat -c %a "$TMP/ro.xml")" = 444 -a ! -e "$TMP/ro.xml~"
run_kpic update "$TMP/ro.xml" --year 2019 --actuals "$sheet" -o "$TMP/ro-out.xml"
check "read-only: -o still writes elsewhere" test "$RC" = 0 -a -s "$TMP/ro-out.xml"

# --- confirming or revising a value keeps its from= and label=
# the value's line in the source (found, not assumed: the source changes)
vl=$(grep -n '<value year="2018">1006</value>' "$src" | cut -d: -f1)
sed "${vl}s|<value year=\"2018\">1006</value>|<value year=\"2018\" from=\"2017\" status=\"provisional\" label=\"H29-30\">1006</value>|" \
	"$src" >"$TMP/fl.xml"
grep -qF 'label="H29-30"' "$TMP/fl.xml" || not_ok "fixture: the value with from= and label="
printf 'kpi\tvalue\ng1-pedestrians-weekday\t1006\n' >"$TMP/confirm.tsv"
run_kpic update "$TMP/fl.xml" --year 2018 --actuals "$TMP/confirm.tsv"
check "confirm: exit 0, 1 replaced" test "$RC" = 0 -a -n "$(grep -F '1 replaced' "$TMP/out")"
check "confirm: the provisional value is measured, from= and label= kept" \
	test "$(sed -n "${vl}p" "$TMP/fl.xml")" = '              <value year="2018" from="2017" label="H29-30">1006</value>'
printf 'kpi\tvalue\ng1-pedestrians-weekday\t1010\n' >"$TMP/revise.tsv"
run_kpic update "$TMP/fl.xml" --revise --year 2018 --actuals "$TMP/revise.tsv"
check "revise: from= and label= kept beside revised=" \
	test "$(sed -n "${vl}p" "$TMP/fl.xml")" = '              <value year="2018" from="2017" revised="1006" label="H29-30">1010</value>'

# --- cells whose value the file does not hold: a diagnostic, never a value
mkdir -p "$TMP/x" "$TMP/o"
(cd "$TMP/x" && unzip -q "$OLDPWD/tests/update/fy2019.xlsx")
(cd "$TMP/o" && unzip -q "$OLDPWD/tests/update/fy2019.ods")
# rezip DIR OUT PYTHON-REPLACE: a member of the unzipped fixture edited, zipped again
rezip() {
	python3 - "$@" <<'PY'
import sys, zipfile, os
d, out, member, old, new = sys.argv[1:6]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            name = os.path.relpath(p, d)
            data = open(p, 'rb').read()
            if name == member:
                assert old.encode() in data, 'fixture text not found'
                data = data.replace(old.encode(), new.encode())
            z.writestr(name, data)
PY
}
rezip "$TMP/x" "$TMP/formula.xlsx" xl/worksheets/sheet1.xml '<c r="C4" s="0" t="n"><v>950</v></c>' '<c r="C4" s="0"><f>SUM(C3:C3)</f></c>'
run_kpic update "$src" --year 2019 --actuals "$TMP/formula.xlsx" -o "$TMP/none.xml"
check "xlsx formula without its value: exit 2, nothing written" test "$RC" = 2 -a ! -e "$TMP/none.xml"
check "xlsx formula without its value: the file, the cell (C4), what to do" \
	grep -qF "formula.xlsx: error: sheet 'fy2019', cell C4: a formula whose value is not stored in the file (written by a program that does not compute formulas?); kpic reads the values a spreadsheet stores, so open and save the sheet in a spreadsheet so that the value is stored" "$TMP/err"
rezip "$TMP/x" "$TMP/sst.xlsx" xl/worksheets/sheet1.xml '<c r="B5" s="0" t="s"><v>8</v></c>' '<c r="B5" s="0" t="s"><v>999</v></c>'
run_kpic update "$src" --year 2019 --actuals "$TMP/sst.xlsx" -o "$TMP/none.xml"
check "xlsx shared string out of range: exit 2, at B5, nothing written" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "sst.xlsx: error: sheet 'fy2019', cell B5: it refers to a shared string the workbook does not have (a damaged file)" "$TMP/err")"
rezip "$TMP/o" "$TMP/formula.ods" content.xml \
	'<table:table-cell office:value-type="float" office:value="950" calcext:value-type="float"><text:p>950</text:p></table:table-cell>' \
	'<table:table-cell table:formula="of:=SUM([.C3])"/>'
run_kpic update "$src" --year 2019 --actuals "$TMP/formula.ods" -o "$TMP/none.xml"
check "ods formula without its value: exit 2, at C4, nothing written, no not-surveyed" \
	test "$RC" = 2 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "formula.ods: error: sheet 'fy2019', cell C4: a formula whose value is not stored in the file" "$TMP/err")"
run_kpic import "$TMP/formula.xlsx" -o "$TMP/none.xml"
check "import reads the same cells the same way: exit 2 at C4" \
	test "$RC" != 0 -a ! -e "$TMP/none.xml" -a -n "$(grep -F "cell C4: a formula whose value is not stored" "$TMP/err")"
done_testing

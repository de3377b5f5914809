# t-atomic.sh - output files are atomic and lossless: a run that fails or is
# interrupted (a source error, a template error, a failing write, a full
# disk, SIGINT/SIGTERM/SIGHUP) leaves the previous output byte for byte and
# no temporary file, and kpic never writes over its own input.
. tests/lib.sh
D=$TMP/dir
mkdir -p "$D"

# The previous output: a real page from an earlier run.
run_kpic html -o "$TMP/prev.html" tests/rules/clean.xml
check "a previous page to keep" test "$RC" = 0 -a -s "$TMP/prev.html"
reset() { rm -rf "$D"; mkdir -p "$D"; cp "$TMP/prev.html" "$D/kensho.html"; }
# kept NAME: the previous output is there, byte for byte, and nothing else
kept() {
	check "$1: the previous output is byte-identical" cmp -s "$TMP/prev.html" "$D/kensho.html"
	check "$1: no temporary file left" test "$(ls -A "$D")" = kensho.html
}

# --- failures ------------------------------------------------------------------
reset
sed 's|<value year="2015">90</value>|<value year="2015">9O</value>|' tests/fixtures/minimal.xml >"$TMP/bad.xml"
run_kpic html -o "$D/kensho.html" "$TMP/bad.xml"
check "source error: exit 1" test "$RC" = 1
kept "source error"

reset
run_kpic html -o "$D/kensho.html" "$TMP/missing.xml"
check "unreadable source: exit 2" test "$RC" = 2
kept "unreadable source"

# template errors: a stylesheet that does not compile, one that fails while
# running, a templates directory without the CSS
for t in broken passwd nocss; do
	reset
	rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl"
	case $t in
	nocss) rm "$TMP/tpl/kensho.css" ;;
	*) cp "tests/html/$t.xsl" "$TMP/tpl/kensho.xsl" ;;
	esac
	run_kpic html --templates="$TMP/tpl" -o "$D/kensho.html" tests/rules/clean.xml
	check "template error ($t): exit 2 with a reason" test "$RC" = 2 -a -n "$ERR"
	kept "template error ($t)"
done

# A failing write: a file-size limit (8 KiB) below the page's size.  SIGXFSZ
# would kill kpic mid-write; kpic ignores it, so write() fails with EFBIG.
reset
{ (ulimit -f 8; exec "$KPIC" html -o "$D/kensho.html" tests/rules/clean.xml) >"$TMP/out" 2>"$TMP/err"; RC=$?; } 2>/dev/null
check "file-size limit: exit 2, not killed by SIGXFSZ" test "$RC" = 2
check "file-size limit: says why" grep -q "cannot write: File too large (the previous file, if any, is unchanged)" "$TMP/err"
kept "file-size limit"

# A full disk: a 64 KiB tmpfs (in a mount namespace of its own, so nothing
# stays mounted) that holds the previous page but not the new one as well.
reset
size=$(( ($(wc -c <"$TMP/prev.html") / 1024 + 16) ))k
cat >"$TMP/full.sh" <<'EOF'
dir=$1 prev=$2 kpic=$3 res=$4 size=$5
mount -t tmpfs -o "size=$size" tmpfs "$dir" || exit 3
cp "$prev" "$dir/kensho.html"
"$kpic" html -o "$dir/kensho.html" tests/rules/clean.xml 2>"$res.err"
echo $? >"$res.rc"
cmp -s "$prev" "$dir/kensho.html"; echo $? >"$res.cmp"
ls -A "$dir" >"$res.ls"
EOF
mkdir -p "$TMP/small"
if unshare -m sh "$TMP/full.sh" "$TMP/small" "$TMP/prev.html" "$KPIC" "$TMP/full" "$size" 2>/dev/null ||
	unshare -rm sh "$TMP/full.sh" "$TMP/small" "$TMP/prev.html" "$KPIC" "$TMP/full" "$size" 2>/dev/null; then
	check "full disk: exit 2" test "$(cat "$TMP/full.rc")" = 2
	check "full disk: says why" grep -q "cannot write: No space left on device" "$TMP/full.err"
	check "full disk: the previous output is byte-identical" test "$(cat "$TMP/full.cmp")" = 0
	check "full disk: no temporary file left" test "$(cat "$TMP/full.ls")" = kensho.html
else
	echo "# full disk: SKIP (not counted): no tmpfs can be mounted here; the file-size limit covers a failing write"
fi

# --- signals -------------------------------------------------------------------
# Interrupted while computing: kpic html on 20,000 KPIs, generated here, runs
# for seconds; it gets the signal as soon as it is running.  env restores the
# default action of SIGINT, which a shell's background job starts with
# ignored (and kpic keeps ignored signals ignored).
awk -v n=20000 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\"><meta><municipality>試験市</municipality>"
	print "<title>試験市総合戦略</title><edition>1</edition><period start=\"2015\" end=\"2019\" baseline=\"2014\"/>"
	print "<as-of>2019-04-01</as-of><evaluation threshold=\"80\" combine=\"best\"/></meta>"
	print "<departments><department id=\"kikaku\">企画調整課</department></departments><goals>"
	for (g = 1; g <= 20; g++) {
		printf "<goal id=\"g%d\" number=\"%d\"><title>目標%d</title><policy id=\"p%d\"><title>方針</title><measure id=\"m%d\"><title>施策</title>\n", g, g, g, g, g
		for (i = 1; i <= n / 20; i++)
			printf "<kpi id=\"k%d-%d\" direction=\"higher\"><name>指標%d</name><unit>人</unit><baseline year=\"2014\">100</baseline><value year=\"2015\">%d</value><value year=\"2016\">%d</value><target year=\"2019\">120</target><responsible department=\"kikaku\"/></kpi>\n", g, i, i, 90 + i % 40, 95 + i % 30
		print "</measure></policy></goal>"
	}
	print "</goals></strategy>"
}' >"$TMP/big.xml"
# running_kpic PID: waits until PID is kpic itself, not env before its exec:
# only then is SIGINT back to its default action and the signal is kpic's.
running_kpic() {
	local bin i=0
	bin=$(readlink -f "$KPIC")
	while [ "$(readlink "/proc/$1/exe" 2>/dev/null)" != "$bin" ] && [ "$i" -lt 3000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}
# ended_or_killed PID: waits up to 60 s for kpic (PID) to end, then kills it,
# in case the signal did not end it.  Only builtins in the loop: once bash
# has reaped kpic, a process this shell forked could get its PID, and bash
# would then forget kpic's status (wait answers 127); and a PID that is no
# longer kpic's is left alone.  (No watchdog subshell: one signalled before
# it has reset the script's traps ran its EXIT trap, which removed $TMP.)
exec {pause}<> <(:)
ended_or_killed() {
	local i=0 s
	while [ "$i" -lt 6000 ]; do
		s=
		read -r s 2>/dev/null <"/proc/$1/stat" || return 0
		case $s in "$1 (kpic"*) ;; *) return 0 ;; esac
		case $s in *") Z "*) return 0 ;; esac
		read -r -t 0.01 -u "$pause" s
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
}
# (The braces send bash's notes on killed jobs to /dev/null.)
{ for sig in INT TERM; do
	reset
	env --default-signal=INT,TERM "$KPIC" html -o "$D/kensho.html" "$TMP/big.xml" >/dev/null 2>"$TMP/err" &
	pid=$!
	running_kpic "$pid"
	kill -"$sig" "$pid"
	ended_or_killed "$pid"
	wait "$pid"
	RC=$?
	check "SIG$sig while computing 20,000 KPIs: kpic ends by the signal" test "$RC" = $((128 + $(kill -l "$sig")))
	kept "SIG$sig while computing"
done; } 2>/dev/null

# Interrupted while the new file is written: strace delivers the signal at
# the exact system call, after fchmod() (the file is created and empty) or
# after the first write() (the page is in it; clean.xml gives no diagnostic,
# so that write is the page's).  The file has no name until it is complete
# (O_TMPFILE), so nothing is left even after SIGKILL; where the system cannot
# make a nameless file (the O_TMPFILE openat fails, injected here), the named
# temporary file that replaces it is removed by kpic's signal handler.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	{ reset
	strace -f -o "$TMP/trace" -e trace=openat env --default-signal=INT,TERM,HUP "$KPIC" html -o "$D/kensho.html" \
		tests/rules/clean.xml >/dev/null 2>&1
	check "the new file is opened without a name (O_TMPFILE)" grep -q "openat(.*\"$D\", .*O_TMPFILE" "$TMP/trace"
	# (which openat() is the O_TMPFILE one, to make it fail below)
	nth=$(grep -n 'openat(' "$TMP/trace" | grep -m 1 O_TMPFILE | cut -d: -f1)
	nth=$(head -n "${nth:-1}" "$TMP/trace" | grep -c 'openat(')
	for at in "INT fchmod" "TERM write" "HUP fchmod" "KILL write" "KILL fsync"; do
		set -- $at
		reset
		strace -f -o "$TMP/trace" -e trace=openat,fchmod,write,fsync,unlink,rename -e inject="$2:signal=SIG$1:when=1" \
			env --default-signal=INT,TERM,HUP "$KPIC" html -o "$D/kensho.html" tests/rules/clean.xml >/dev/null 2>&1
		RC=$?
		check "SIG$1 after $2(): kpic ends by the signal" test "$RC" = $((128 + $(kill -l "$1")))
		kept "SIG$1 after $2() on a nameless file"
	done
	for at in "INT fchmod" "TERM write" "HUP fchmod"; do
		set -- $at
		reset
		strace -f -o "$TMP/trace" -e trace=openat,fchmod,write,unlink,rename -e inject="$2:signal=SIG$1:when=1" \
			-e inject="openat:error=EOPNOTSUPP:when=$nth" \
			env --default-signal=INT,TERM,HUP "$KPIC" html -o "$D/kensho.html" tests/rules/clean.xml >/dev/null 2>&1
		RC=$?
		tmpname=$(sed -n 's/.*openat([^"]*"\([^"]*\.tmp-[^"]*\)".*O_CREAT.*/\1/p' "$TMP/trace" | head -n 1)
		check "no O_TMPFILE, SIG$1 after $2(): a named temporary file existed" test -n "$tmpname"
		check "no O_TMPFILE, SIG$1 after $2(): kpic ends by the signal" test "$RC" = $((128 + $(kill -l "$1")))
		check "no O_TMPFILE, SIG$1 after $2(): its handler removed the file" grep -q "unlink(\"$tmpname\") = 0" "$TMP/trace"
		kept "no O_TMPFILE, SIG$1 after $2()"
	done
	reset
	# (LeakSanitizer cannot work under ptrace: leaks are checked elsewhere)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -o "$TMP/trace" -e trace=openat,rename -e inject="openat:error=EOPNOTSUPP:when=$nth" \
		env --default-signal=INT,TERM,HUP "$KPIC" html -o "$D/kensho.html" tests/rules/clean.xml >/dev/null 2>&1
	RC=$?
	check "no O_TMPFILE: the run completes" test "$RC" = 0
	check "no O_TMPFILE: the page is written through a named file" grep -q 'rename(".*kensho.html.tmp-' "$TMP/trace"
	check "no O_TMPFILE: the page is whole and alone" test "$(ls -A "$D")" = kensho.html -a -s "$D/kensho.html"
	reset
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -o "$TMP/trace" -e trace=fsync,rename "$KPIC" html -o "$D/kensho.html" tests/rules/clean.xml >/dev/null 2>&1
	check "the page is on disk before it is renamed (fsync, then rename)" \
		test "$(sed -n 's/^[0-9]* *\(fsync\|rename\)(.*/\1/p' "$TMP/trace" | head -n 2 | tr '\n' ' ')" = "fsync rename "
	} 2>/dev/null
	# A SIGINT that kpic was started with ignored stays ignored: the run
	# completes and writes the whole page.
	rm -rf "$D" && mkdir -p "$D"
	# (LeakSanitizer cannot work under ptrace: leaks are checked elsewhere)
	(trap '' INT; ASAN_OPTIONS=detect_leaks=0 exec strace -f -o "$TMP/trace" -e trace=fchmod -e inject=fchmod:signal=SIGINT:when=1 \
		"$KPIC" html -o "$D/kensho.html" tests/rules/clean.xml >/dev/null 2>&1)
	RC=$?
	check "ignored SIGINT: the run completes" test "$RC" = 0
	check "ignored SIGINT: the page is whole" cmp -s "$TMP/prev.html" "$D/kensho.html"
else
	echo "# signals at a system call: SKIP (not counted): strace cannot trace here"
fi

# --- never over its own input ----------------------------------------------------
mkdir -p "$TMP/in/sub"
cp tests/fixtures/minimal.xml "$TMP/in/src.xml"
ln "$TMP/in/src.xml" "$TMP/in/hard.xml"
ln -s src.xml "$TMP/in/soft.xml"
sum=$(cksum <"$TMP/in/src.xml")
for o in src.xml hard.xml soft.xml sub/../src.xml; do
	for cmd in "eval --format=xml" html; do
		# shellcheck disable=SC2086
		run_kpic $cmd -o "$TMP/in/$o" "$TMP/in/src.xml"
		check "-o $o ($cmd): refused, exit 2" test "$RC" = 2
		check "-o $o ($cmd): says it is the input" grep -q "refusing to overwrite the input" "$TMP/err"
		check "-o $o ($cmd): the source is intact" test "$(cksum <"$TMP/in/src.xml")" = "$sum"
	done
done
check "-o onto the input: the links are still links" test -h "$TMP/in/soft.xml" -a "$(stat -c %h "$TMP/in/src.xml")" = 2
check "-o onto the input: no temporary file left" test "$(ls -A "$TMP/in" | tr '\n' ' ')" = "hard.xml soft.xml src.xml sub "

# --- a device or a pipe is written in place, never replaced ------------------------
mkfifo "$TMP/fifo"
timeout 20 cat "$TMP/fifo" >"$TMP/from-fifo" &
reader=$!
run_kpic eval --format=json -o "$TMP/fifo" tests/fixtures/minimal.xml
# (a kpic that replaced the FIFO would leave the reader waiting: timeout)
wait "$reader"
run_kpic eval --format=json tests/fixtures/minimal.xml
check "-o FIFO: the output went through the pipe" test "$(cat "$TMP/from-fifo")" = "$OUT"
check "-o FIFO: it is still a FIFO" test -p "$TMP/fifo"
if mknod "$TMP/null" c 1 3 2>/dev/null; then
	run_kpic eval -o "$TMP/null" tests/fixtures/minimal.xml
	check "-o a character device: exit 0" test "$RC" = 0
	check "-o a character device: still the device" test -c "$TMP/null"
fi

# --- never over a template, a templates directory's file or the actuals sheet -------
# (by device and inode: a link to a template is refused too)
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl"
ln "$TMP/tpl/kensho.css" "$TMP/css-link"
tsum=$(cat "$TMP/tpl"/* | cksum)
# refused_tpl NAME ARGS...: kpic ARGS is refused and the templates are intact
refused_tpl() {
	local name=$1; shift
	run_kpic "$@"
	check "$name: refused, exit 2" test "$RC" = 2
	check "$name: names the templates directory" grep -q "refusing to overwrite an input: it is a file of $TMP/tpl, which this run reads" "$TMP/err"
	check "$name: the templates are intact" test "$(cat "$TMP/tpl"/* | cksum)" = "$tsum"
	check "$name: no temporary file left" test -z "$(ls "$TMP/tpl" | grep tmp-)"
}
T="--templates=$TMP/tpl"
refused_tpl "html -o kensho.xsl" html "$T" -o "$TMP/tpl/kensho.xsl" tests/fixtures/minimal.xml
refused_tpl "html -o a link to kensho.css" html "$T" -o "$TMP/css-link" tests/fixtures/minimal.xml
refused_tpl "eval -o kpic.rng" eval "$T" -o "$TMP/tpl/kpic.rng" tests/fixtures/minimal.xml
refused_tpl "pdf -o kensho-layout.xsl" pdf "$T" -o "$TMP/tpl/kensho-layout.xsl" tests/fixtures/minimal.xml
refused_tpl "pdf --boxes layout.rng" pdf "$T" -o "$TMP/ok.pdf" --boxes="$TMP/tpl/layout.rng" tests/fixtures/minimal.xml
# (a stylesheet may include one from a subdirectory: its files are inputs too)
mkdir -p "$TMP/tpl/parts" && cp templates/kensho.css "$TMP/tpl/parts/part.xsl"
psum=$(cksum <"$TMP/tpl/parts/part.xsl")
run_kpic html "$T" -o "$TMP/tpl/parts/part.xsl" tests/fixtures/minimal.xml
check "html -o a file in a subdirectory of the templates: refused, exit 2" test "$RC" = 2
check "html -o a file in a subdirectory of the templates: names the directory" grep -q "it is a file of $TMP/tpl, which this run reads" "$TMP/err"
check "html -o a file in a subdirectory of the templates: intact" test "$(cksum <"$TMP/tpl/parts/part.xsl")" = "$psum"
rm -rf "$TMP/tpl/parts"
refused_tpl "draft -o draft.xsl" draft "$T" -o "$TMP/tpl/draft.xsl" tests/fixtures/minimal.xml
refused_tpl "export -o kensho.css" export "$T" -o "$TMP/tpl/kensho.css" tests/fixtures/minimal.xml
refused_tpl "diff --html shinkyu.xsl" diff "$T" --html "$TMP/tpl/shinkyu.xsl" tests/fixtures/minimal.xml tests/rules/clean.xml
# the templates found by default (next to the binary): the repository's own
cp templates/kensho.xsl "$TMP/kensho.xsl.before"
run_kpic html -o templates/kensho.xsl tests/fixtures/minimal.xml
check "html -o templates/kensho.xsl (default templates): refused, exit 2" test "$RC" = 2
check "html -o templates/kensho.xsl (default templates): intact" cmp -s templates/kensho.xsl "$TMP/kensho.xsl.before"
# a new file in the templates directory is no input: written
run_kpic html "$T" -o "$TMP/tpl/new.html" tests/fixtures/minimal.xml
check "html -o a new file beside the templates: written" test "$RC" = 0 -a -s "$TMP/tpl/new.html"
rm -f "$TMP/tpl/new.html"
# kpic update: neither -o nor the source's backup may be the sheet
cp sources/abashiri/strategy.xml "$TMP/u.xml"
cp tests/update/fy2019.tsv "$TMP/sheet.tsv"
ssum=$(cksum <"$TMP/sheet.tsv")
run_kpic update --year 2019 --actuals "$TMP/sheet.tsv" -o "$TMP/sheet.tsv" "$TMP/u.xml"
check "update -o SHEET: refused, exit 2" test "$RC" = 2
check "update -o SHEET: says so" grep -q "refusing to overwrite the input $TMP/sheet.tsv" "$TMP/err"
check "update -o SHEET: the sheet is intact" test "$(cksum <"$TMP/sheet.tsv")" = "$ssum"
run_kpic update --year 2019 --actuals "$TMP/sheet.tsv" "$T" -o "$TMP/tpl/kpic.rng" "$TMP/u.xml"
check "update -o a template: refused, exit 2" test "$RC" = 2
check "update -o a template: the templates are intact" test "$(cat "$TMP/tpl"/* | cksum)" = "$tsum"

# --- a replaced file keeps its mode (and, as root, its owner and group) -----------
# mode_of FILE: "0640 owner:group"
mode_of() { stat -c '%a %U:%G' "$1"; }
owner=$(id -un):$(id -gn)
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	owner=nobody:$(id -gn nobody)
fi
printf 'previous\n' >"$TMP/m.html"
chmod 0640 "$TMP/m.html"
[ "$(id -u)" = 0 ] && chown "$owner" "$TMP/m.html"
run_kpic html -o "$TMP/m.html" tests/fixtures/minimal.xml
check "html over a 0640 file: written" test "$RC" = 0 -a "$(head -c 15 "$TMP/m.html")" = "<!DOCTYPE html>"
check "html over a 0640 file: still 0640 $owner" test "$(mode_of "$TMP/m.html")" = "640 $owner"
(umask 022 && "$KPIC" eval -o "$TMP/new.txt" tests/fixtures/minimal.xml 2>/dev/null)
check "a new file: 0666 less the umask (0644)" test "$(stat -c %a "$TMP/new.txt")" = 644
chmod 0600 "$TMP/new.txt"
run_kpic eval --format=json -o "$TMP/new.txt" tests/fixtures/minimal.xml
check "eval over a 0600 file: still 0600" test "$(stat -c %a "$TMP/new.txt")" = 600
chmod 4755 "$TMP/new.txt"
run_kpic eval -o "$TMP/new.txt" tests/fixtures/minimal.xml
check "eval over a setuid file: 0755, not setuid" test "$(stat -c %a "$TMP/new.txt")" = 755
cp sources/abashiri/strategy.xml "$TMP/u.xml"
chmod 0640 "$TMP/u.xml"
[ "$(id -u)" = 0 ] && chown "$owner" "$TMP/u.xml"
printf 'an older backup\n' >"$TMP/u.xml~"
chmod 0644 "$TMP/u.xml~"
run_kpic update --year 2019 --actuals tests/update/fy2019.tsv "$TMP/u.xml"
check "update: the source was rewritten" test "$RC" = 0 -a -f "$TMP/u.xml~" && ! cmp -s "$TMP/u.xml" "$TMP/u.xml~"
check "update: the source keeps 0640 $owner" test "$(mode_of "$TMP/u.xml")" = "640 $owner"
check "update: the backup SRC~, replacing a 0644 one, is as private as the source (0640 $owner)" test "$(mode_of "$TMP/u.xml~")" = "640 $owner"
done_testing

# lib.sh - helpers shared by the tests/t-*.sh scripts.
#
# kpic runs through run_kpic, which keeps stdout, stderr and the exit status
# apart and fails the test if a sanitizer said anything.
export ASAN_OPTIONS=detect_leaks=1:exitcode=99
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=99
# fontconfig's process-lifetime caches (see tools/layout.h), nothing of kpic's
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
# English messages whatever the tester's locale: LC_ALL overrides LANG and
# LC_MESSAGES, and LANGUAGE (which glibc honours in C.UTF-8) must go too.
export LC_ALL=C.UTF-8
unset LANGUAGE KPIC_LOCALEDIR
unset KPIC_TEMPLATES

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok $*"; }
# done_testing [REASON]: the last thing every t-*.sh does, also where it skips
# the rest on purpose.  tests/run.sh counts a script that exits non-zero, dies
# or ends without this line as failed, whatever its "ok" lines said.
done_testing() { echo "# done testing${1:+ ($1)}"; exit 0; }
not_ok() { echo "not ok $*"; }

# run_kpic ARGS...: sets OUT, ERR, RC.
run_kpic() {
	run_cmd "$KPIC" "$@"
}

# run_cmd COMMAND ARGS...: runs kpic through a wrapper (env, timeout) like
# run_kpic; sets OUT, ERR, RC, and fails on a sanitizer report.
run_cmd() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
	OUT=$(cat "$TMP/out")
	ERR=$(cat "$TMP/err")
	if grep -qE 'Sanitizer|runtime error:' "$TMP/err"; then
		not_ok "sanitizer report from kpic $*"
		sed 's/^/    /' "$TMP/err" | head -40
	fi
}

# expect NAME CONDITION-STATUS [detail]
check() {
	local name=$1; shift
	if "$@" >/dev/null; then ok "$name"; else not_ok "$name"; fi
}

# golden NAME FILE ACTUAL: compares byte for byte (or rewrites under --update).
golden() {
	local name=$1 file=$2 actual=$3
	if [ "${UPDATE:-0}" = 1 ]; then
		printf '%s' "$actual" >"$file"
		ok "$name (updated)"
	elif [ -f "$file" ] && [ "$actual" = "$(cat "$file")" ]; then
		ok "$name"
	else
		not_ok "$name"
		diff -u "$file" <(printf '%s\n' "$actual") | head -30 | sed 's/^/    /'
	fi
}

# pdf_ops PDF: the operators of every page's content stream, one a line:
# "PAGE OPERATOR OPERANDS..." (numbers, names and dash arrays, in order),
# read from qpdf's uncompressed form.  Strings are not parsed: a string's
# words come out as operators of their own, which no test looks for.
pdf_ops() {
	qpdf --qdf --object-streams=disable "$1" "$TMP/pdf_ops.pdf" || return 1
	awk '/^%% Contents for page [0-9]+$/ { p = $5; on = 1; next }
	     on && /^endstream/ { on = 0 }
	     on { print p "\t" $0 }' "$TMP/pdf_ops.pdf" |
		awk -F'\t' '{
			n = split($2, t, " ")
			for (i = 1; i <= n; i++) {
				if (t[i] ~ /^-?[0-9.]+$/ || t[i] ~ /^\[/ || t[i] ~ /\]$/ || t[i] ~ /^\//) {
					args = args " " t[i]
					continue
				}
				print $1 " " t[i] args
				args = ""
			}
		}'
}

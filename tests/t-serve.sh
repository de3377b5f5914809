# t-serve.sh - kpic serve and kpic watch: the document rebuilt on every save,
# the last good one kept when a save does not check, the server on 127.0.0.1
# refusing what it does not serve, and SIGINT ending both with status 0.
# The page in a browser: t-serve-browser.sh.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1554076800
mkdir -p "$TMP/w"
src=$TMP/w/strategy.xml
cp sources/abashiri/strategy.xml "$src"

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds.
wait_for() {
	local n=$(($1 * 10)); shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1; n=$((n - 1))
	done
	return 1
}
# set_value YEAR OLD NEW: one value of 観光入込客数 edited, as an editor saves
# (a new file renamed over the old).
set_value() {
	sed "s|<value year=\"$1\">$2</value>|<value year=\"$1\">$3</value>|" "$src" >"$src.new" && mv "$src.new" "$src"
}
# stop_kpic PID: SIGINT, then its exit status in RC (bounded: killed after 20 s).
stop_kpic() {
	kill -INT "$1"
	wait_for 20 sh -c "! kill -0 $1" || kill -KILL "$1"
	wait "$1"; RC=$?
}
# reload_hash PAGE: the base64 SHA-256 of the reload script's text in PAGE.
reload_hash() {
	python3 -c 'import base64, hashlib, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<script data-good=\"[0-9]+\">(.*?)</script>", t, re.S)
print(base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode())' "$1"
}
no_sanitizer() { ! grep -qE 'Sanitizer|runtime error:' "$1"; }

# --- kpic serve ---------------------------------------------------------------
"$KPIC" serve --port=0 "$src" >"$TMP/serve.out" 2>"$TMP/serve.err" &
pid=$!
wait_for 30 grep -q 'http://127\.0\.0\.1:[0-9]*/' "$TMP/serve.out"
port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.out")
check "serve: prints the port it serves at" test -n "$port" -a "${port:-0}" -gt 0
url=http://127.0.0.1:$port
get() { curl -s --max-time 40 "$@"; }
code() { curl -s --path-as-is --max-time 10 -o /dev/null -w '%{http_code}' "$@"; }
events() { get "$url/events?after=$1" >"$TMP/ev.json"; }
ev() { jq -r "$1" "$TMP/ev.json"; }

get "$url/" >"$TMP/page1.html"
check "serve: the page shows the source's value" grep -q '153万2千' "$TMP/page1.html"
check "serve: the page carries the reload script" grep -q "fetch('/events?after='" "$TMP/page1.html"
check "serve: the script is in the body" grep -q '</script></body>' "$TMP/page1.html"
# The page's own policy (kpic html's <meta>) allows the reload script by its
# hash, and /events; the page's own script and style stay allowed.
hash=$(reload_hash "$TMP/page1.html")
csp=$(grep -o '<meta http-equiv="Content-Security-Policy" content="[^"]*"' "$TMP/page1.html")
own=$("$KPIC" html "$src" 2>/dev/null | grep -o '<meta http-equiv="Content-Security-Policy" content="[^"]*"')
check "serve: the page's policy allows the reload script by its hash" grep -qE "script-src [^;]*'sha256-$hash'" <<<"$csp"
check "serve: ... and /events" grep -qF "connect-src 'self'" <<<"$csp"
check "serve: ... and still the page's own script and style" \
	test -n "$own" -a "$(grep -oE "'sha256-[^']*'" <<<"$own" | grep -cvF -f <(grep -oE "'sha256-[^']*'" <<<"$csp"))" = 0
check "serve: ... and nothing by default" grep -qF "default-src 'none'" <<<"$csp"
check "serve: one policy only (no header besides the page's own)" test -z "$(curl -s -D - -o /dev/null "$url/" | grep -i '^Content-Security-Policy')"
events 0
check "serve: /events: the first build, good" test "$(ev .attempt) $(ev .good) $(ev .ok)" = "1 1 true"
check "serve: the PDF is served" test "$(get "$url/kensho.pdf" | head -c 5)" = "%PDF-"

set_value 2015 1532000 1539000
events 1
check "serve: an edit is rebuilt (the long poll answers)" test "$(ev .attempt) $(ev .good) $(ev .ok)" = "2 2 true"
get "$url/" >"$TMP/page2.html"
check "serve: the page shows the new value" grep -q '153万9千' "$TMP/page2.html"
check "serve: ... and not the old one" test "$(grep -c '153万2千' "$TMP/page2.html")" = 0
get "$url/kensho.pdf" >"$TMP/p2.pdf"
check "serve: the PDF has the new value" sh -c "pdftotext '$TMP/p2.pdf' - | grep -q '153万9千'"
check "serve: the terminal says what was rebuilt" grep -q 'strategy.xml: rebuilt: HTML in [0-9]* ms, PDF in [0-9]* ms' "$TMP/serve.err"

# A save that does not check: the diagnostics, and the last good document.
line=$(grep -n '<value year="2016">1530000</value>' "$src" | cut -d: -f1)
set_value 2016 1530000 百五十万
events 2
check "serve: a broken edit: /events says it does not check" test "$(ev .attempt) $(ev .good) $(ev .ok)" = "3 2 false"
check "serve: a broken edit: /events has the diagnostic, file and line" \
	grep -q "strategy.xml:$line:[0-9]*: error" <<<"$(ev .diagnostics)"
check "serve: a broken edit: the terminal has it in the usual form" grep -q "strategy.xml:$line:[0-9]*: error" "$TMP/serve.err"
check "serve: a broken edit: the terminal says the last good one is kept" grep -q 'not rebuilt; the last good document is kept' "$TMP/serve.err"
get "$url/" >"$TMP/page3.html"
check "serve: a broken edit: the page is still the last good document" grep -q '153万9千' "$TMP/page3.html"
check "serve: a broken edit: the PDF too" cmp -s "$TMP/p2.pdf" <(get "$url/kensho.pdf")

# Clients that go away: one in the middle of a request, one in a long poll.
python3 - "$port" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /kensho.pdf HTTP/1.1\r\nHost: 127.0.0.1:" + sys.argv[1].encode() + b"\r\n")
s.close()
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /events?after=99 HTTP/1.1\r\nHost: 127.0.0.1:" + sys.argv[1].encode() + b"\r\n\r\n")
s.close()
PY
curl -s --max-time 1 "$url/events?after=3" >/dev/null
set_value 2016 百五十万 1530000
events 3
check "serve: fixed again after clients went away: rebuilt and good" test "$(ev .attempt) $(ev .good) $(ev .ok)" = "4 4 true"
check "serve: ... and the page is served" grep -q '153万9千' <(get "$url/")
# Saved again with the same bytes: nothing to redo.
n=$(grep -c ': rebuilt: ' "$TMP/serve.err")
cp "$src" "$src.same" && mv "$src.same" "$src"
sleep 0.5
events 0
check "serve: the same bytes saved again: no new attempt" test "$(ev .attempt)" = 4
check "serve: the same bytes saved again: nothing rebuilt" test "$(grep -c ': rebuilt: ' "$TMP/serve.err")" = "$n"

# What is not served.
check "serve: ../ refused" test "$(code "$url/../../etc/passwd")" = 403
check "serve: an encoded ../ refused" test "$(code "$url/%2e%2e%2f%2e%2e%2fetc%2fpasswd")" = 403
check "serve: a doubly encoded ../ refused" test "$(code "$url/%252e%252e%252fetc")" = 403
check "serve: an absolute path refused" test "$(code "$url//etc/passwd")" = 403
check "serve: a path not served: 404" test "$(code "$url/etc/passwd")" = 404
check "serve: the source itself is not served" test "$(code "$url/strategy.xml")" = 404
check "serve: another Host refused" test "$(code -H 'Host: example.com' "$url/")" = 403
check "serve: POST refused" test "$(code -X POST "$url/")" = 405
check "serve: /events?after=x refused" test "$(code "$url/events?after=x")" = 400

run_kpic serve --port="$port" "$src"
check "serve: a port in use: exit 2" test "$RC" = 2
check "serve: a port in use: said so, and what to do" grep -q "cannot serve at 127.0.0.1:$port: .*--port" "$TMP/err"

# A page waiting for the next rebuild when the server stops.
events 0
curl -s --max-time 20 "$url/events?after=$(ev .attempt)" >"$TMP/last.json" &
cpid=$!
sleep 1
stop_kpic "$pid"
check "serve: SIGINT stops it with status 0" test "$RC" = 0
wait "$cpid"
check "serve: a long poll open at SIGINT is answered" test "$(jq -r .attempt "$TMP/last.json" 2>/dev/null)" = 4
check "serve: no sanitizer report" no_sanitizer "$TMP/serve.err"
check "serve: the port is closed after" test "$(code "$url/")" = 000

"$KPIC" serve --port=0 "$src" >"$TMP/serve2.out" 2>"$TMP/serve2.err" &
pid=$!
wait_for 30 grep -q 'http://127' "$TMP/serve2.out"
kill -TERM "$pid"; wait "$pid"; RC=$?
check "serve: SIGTERM stops it with status 0" test "$RC" = 0
run_kpic serve --port=65536 "$src"
check "serve: a bad --port is a usage error" test "$RC" = 2
check "serve: ... said so" grep -q "port from 0 to 65535" "$TMP/err"

# A source that does not check from the start: a page that shows why.
mkdir -p "$TMP/bad"
sed 's|<value year="2016">1530000</value>|<value year="2016">百五十万</value>|' sources/abashiri/strategy.xml >"$TMP/bad/strategy.xml"
"$KPIC" serve --port=0 "$TMP/bad/strategy.xml" >"$TMP/bad.out" 2>"$TMP/bad.err" &
pid=$!
wait_for 30 grep -q 'http://127\.0\.0\.1:[0-9]*/' "$TMP/bad.out"
url=http://127.0.0.1:$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/bad.out")
events 0
check "serve, broken from the start: /events has the diagnostic" grep -q "strategy.xml:$line:[0-9]*: error" <<<"$(ev .diagnostics)"
check "serve, broken from the start: no good document" test "$(ev .good) $(ev .ok)" = "0 false"
get "$url/" >"$TMP/bad.html"
check "serve, broken from the start: a page with the reload script" grep -q "fetch('/events?after='" "$TMP/bad.html"
hash=$(reload_hash "$TMP/bad.html")
check "serve, broken from the start: the server's policy allows the script by its hash" \
	grep -qiF "Content-Security-Policy: default-src 'none'; script-src 'sha256-$hash'" <(curl -s -D - -o /dev/null "$url/")
check "serve, broken from the start: no document in it" test "$(grep -c '観光入込客数' "$TMP/bad.html")" = 0
check "serve, broken from the start: no PDF yet (503)" test "$(code "$url/kensho.pdf")" = 503
sed -i 's|<value year="2016">百五十万</value>|<value year="2016">1530000</value>|' "$TMP/bad/strategy.xml"
events 1
check "serve, broken from the start: fixed, good" test "$(ev .good) $(ev .ok)" = "2 true"
check "serve, broken from the start: fixed, the document" grep -q '観光入込客数' <(get "$url/")
stop_kpic "$pid"
check "serve, broken from the start: SIGINT, status 0" test "$RC" = 0

# --- kpic watch ---------------------------------------------------------------
cp sources/abashiri/strategy.xml "$src"
"$KPIC" watch "$src" -d "$TMP/built" >"$TMP/watch.out" 2>"$TMP/watch.err" &
pid=$!
html=$TMP/built/w/kensho.html pdf=$TMP/built/w/kensho.pdf
wait_for 30 test -s "$pdf"
"$KPIC" html -o "$TMP/one.html" "$src" 2>/dev/null
"$KPIC" pdf -o "$TMP/one.pdf" "$src" 2>/dev/null
check "watch: writes DIR/NAME/kensho.html as kpic html does" cmp -s "$TMP/one.html" "$html"
check "watch: writes DIR/NAME/kensho.pdf as kpic pdf does" cmp -s "$TMP/one.pdf" "$pdf"
set_value 2015 1532000 1539000
check "watch: an edit is rebuilt" wait_for 30 grep -q '153万9千' "$html"
check "watch: ... the PDF too" wait_for 30 sh -c "pdftotext '$pdf' - | grep -q '153万9千'"
"$KPIC" html -o "$TMP/two.html" "$src" 2>/dev/null
check "watch: the rebuilt HTML is what kpic html writes" cmp -s "$TMP/two.html" "$html"
cp "$html" "$TMP/good.html"
set_value 2016 1530000 百五十万
check "watch: a broken edit: the diagnostic" wait_for 30 grep -q "strategy.xml:$line:[0-9]*: error" "$TMP/watch.err"
check "watch: a broken edit: the outputs kept" cmp -s "$TMP/good.html" "$html"
touch "$TMP/w/.strategy.xml.swp" "$TMP/w/notes.txt"
sleep 0.3
check "watch: other files beside the source do not rebuild" test "$(grep -c 'not rebuilt' "$TMP/watch.err")" = 1
stop_kpic "$pid"
check "watch: SIGINT stops it with status 0" test "$RC" = 0
check "watch: no sanitizer report" no_sanitizer "$TMP/watch.err"
# -q: no line after a good rebuild; a failed one is still said, with its diagnostic
cp sources/abashiri/strategy.xml "$src"
"$KPIC" watch -q "$src" -d "$TMP/builtq" 2>"$TMP/watchq.err" &
pid=$!
wait_for 30 test -s "$TMP/builtq/w/kensho.pdf"
set_value 2015 1532000 1539000
wait_for 30 grep -q '153万9千' "$TMP/builtq/w/kensho.html"
sleep 0.3
check "watch -q: no line after a good rebuild" test "$(grep -c ': rebuilt: ' "$TMP/watchq.err")" = 0
set_value 2016 1530000 百五十万
check "watch -q: a broken edit: the diagnostic" wait_for 30 grep -q "strategy.xml:$line:[0-9]*: error" "$TMP/watchq.err"
check "watch -q: a broken edit: the last good one kept is said" grep -q 'not rebuilt; the last good document is kept' "$TMP/watchq.err"
stop_kpic "$pid"
check "watch -q: SIGINT stops it with status 0" test "$RC" = 0
run_kpic watch "$src"
check "watch: -d is required" test "$RC" = 2
run_kpic serve "$src" "$src"
check "serve: one source only" test "$RC" = 2 -a -n "$(grep 'expects exactly one input file' "$TMP/err")"
run_kpic watch --diagnostics-format=json -d "$TMP/x" "$src"
check "watch: diagnostics as text only" test "$RC" = 2 -a ! -e "$TMP/x"

# A template changed: the document is rebuilt with it, and only the output it
# is for (the PDF stays the same file: not written again is not asked here,
# only that it is the same bytes).
cp -r templates "$TMP/tpl"
cp sources/abashiri/strategy.xml "$src"
"$KPIC" watch --templates="$TMP/tpl" "$src" -d "$TMP/built3" 2>"$TMP/watch3.err" &
pid=$!
html=$TMP/built3/w/kensho.html pdf=$TMP/built3/w/kensho.pdf
wait_for 30 test -s "$pdf"
cp "$pdf" "$TMP/pdf-before"
printf '/* t-serve: a rule of the edited stylesheet */\n' >>"$TMP/tpl/kensho.css"
check "watch: a template edited: the HTML has it" wait_for 30 grep -q 't-serve: a rule of the edited stylesheet' "$html"
check "watch: a template edited: the PDF the same" cmp -s "$TMP/pdf-before" "$pdf"
stop_kpic "$pid"
check "watch --templates: SIGINT stops it with status 0" test "$RC" = 0
check "watch --templates: no sanitizer report" no_sanitizer "$TMP/watch3.err"
done_testing

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

# --- limits (tools/srclimits.h): each named in its diagnostic, refused in bounded
# time and memory, nothing written.  The sources are generated here.
# AddressSanitizer reserves terabytes of address space: ulimit -v only without it.
sanitized=0
case "$KPIC" in *asan*) sanitized=1 ;; esac
[ "${LABEL:-}" = asan ] && sanitized=1
# bounded SECONDS MIB ARGS...: run_kpic ARGS within SECONDS of wall time and
# MIB of address space; RC 124 when it took longer.
bounded() {
	local secs=$1 mib=$2; shift 2
	if [ $sanitized = 1 ]; then
		run_kpic_timeout "$secs" "$@"
	else
		(ulimit -v $((mib * 1024)) && run_kpic_timeout "$secs" "$@"; echo "$RC" >"$TMP/rc")
		RC=$(cat "$TMP/rc"); OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
	fi
}
run_kpic_timeout() {
	local secs=$1; shift
	run_cmd timeout "$secs" "$KPIC" "$@"
}
# gen KIND N [ARG]: a source with one goal whose body is KIND (awk, so that no
# more than the base system is needed):
#   kpis N      N KPIs             series N   one KPI with N series
#   values N    one series, N values (all for 2015)
#   name N      a KPI whose name is N characters    label N   a series label of N
#   number 0 X  a baseline written X                year 0 Y  a value for year Y
gen() {
	awk -v kind="$1" -v n="$2" -v arg="${3:-}" '
	function rep(s, k,   r) { r = ""; while (k-- > 0) r = r s; return r }
	function kpi(i, name, body) {
		if (body == "") body = "<baseline year=\"2014\">1</baseline><value year=\"2015\">1</value><target year=\"2019\">1</target>"
		printf "<kpi id=\"k%d\" direction=\"higher\"><name>%s</name><unit>人</unit>%s<responsible department=\"d\"/></kpi>\n", i, name, body
	}
	BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\"><meta><municipality>テスト市</municipality><title>t</title><edition>1</edition><period start=\"2015\" end=\"2019\" baseline=\"2014\"/><as-of>2019-04-01</as-of><evaluation threshold=\"80\" combine=\"best\"/></meta>"
		print "<departments><department id=\"d\">企画調整課</department></departments><goals><goal id=\"g1\" number=\"1\"><title>t</title>"
		sv = "<baseline year=\"2014\">1</baseline><value year=\"2015\">1</value><target year=\"2019\">1</target>"
		if (kind == "kpis") for (i = 0; i < n; i++) kpi(i, "n", "")
		else if (kind == "name") kpi(0, rep("名", n), "")
		else if (kind == "number") kpi(0, "n", "<baseline year=\"2014\">" arg "</baseline><value year=\"2015\">1</value><target year=\"2019\">1</target>")
		else if (kind == "year") kpi(0, "n", "<baseline year=\"2014\">1</baseline><value year=\"" arg "\">1</value><target year=\"2019\">1</target>")
		else if (kind == "series" || kind == "label") {
			printf "<kpi id=\"k0\" direction=\"higher\"><name>n</name><unit>人</unit>"
			if (kind == "label") printf "<series key=\"s\" label=\"%s\">%s</series>", rep("ラ", n), sv
			else for (i = 0; i < n; i++) printf "<series key=\"s%d\">%s</series>\n", i, sv
			print "<responsible department=\"d\"/></kpi>"
		} else if (kind == "values") {
			printf "<kpi id=\"k0\" direction=\"higher\"><name>n</name><unit>人</unit><baseline year=\"2014\">1</baseline>"
			for (i = 0; i < n; i++) print "<value year=\"2015\">1</value>"
			print "<target year=\"2019\">1</target><responsible department=\"d\"/></kpi>"
		}
		print "</goal></goals></strategy>"
	}'
}
# limit NAME SECONDS MIB PATTERN: the source $TMP/lim.xml is refused by kpic
# check and kpic html -o within the bounds, with PATTERN in the diagnostic.
limit() {
	local name=$1 secs=$2 mib=$3 pattern=$4
	bounded "$secs" "$mib" check "$TMP/lim.xml"
	check "$name: exit 1" test "$RC" = 1
	check "$name: names the limit" grep -q -- "$pattern" "$TMP/err"
	check "$name: one diagnostic, a short report" test "$(grep -c ': error: ' "$TMP/err")" = 1 -a "$(wc -c <"$TMP/err")" -lt 2000
	bounded "$secs" "$mib" html -o "$TMP/lim.html" "$TMP/lim.xml"
	check "$name: html refused in bounded time and memory, nothing written" test "$RC" = 1 -a ! -e "$TMP/lim.html"
}

gen kpis 100001 >"$TMP/lim.xml"
limit "100,001 KPIs" 60 1500 "error: more than 100,000 KPIs in one source, kpic's limit: .*\[limit-exceeded\]"
check "100,001 KPIs: at the 100,001st" grep -q "lim.xml:100004:1: error" "$TMP/err"
# A million KPIs cannot be written in 64 MiB (each takes more than 67 bytes):
# refused while reading, before any parsing.
# (Through a pipe, so as not to write 170 MB: kpic stops reading at 64 MiB.)
rm -f "$TMP/lim.xml" && mkfifo "$TMP/lim.xml"
gen kpis 1000000 >"$TMP/lim.xml" 2>/dev/null &
writer=$!
bounded 20 200 check "$TMP/lim.xml"
kill "$writer" 2>/dev/null   # (a writer still waiting for a reader)
wait "$writer" 2>/dev/null
check "1,000,000 KPIs: exit 1" test "$RC" = 1
check "1,000,000 KPIs: names the limit" grep -q "larger than 64 MiB.*\[file-too-large\]" "$TMP/err"
rm -f "$TMP/lim.xml"
gen series 10000 >"$TMP/lim.xml"
limit "10,000 series in one KPI" 20 500 "error: this KPI has more than 100 series, kpic's limit per KPI: .*\[limit-exceeded\]"
gen values 100000 >"$TMP/lim.xml"
limit "100,000 values in one series" 20 500 "error: this series has more than 400 values, kpic's limit per series .*\[limit-exceeded\]"
gen name 50000 >"$TMP/lim.xml"
limit "a 50,000-character KPI name" 20 500 "4:33: error: this name or title is longer than 1,000 characters, kpic's limit: .*\[limit-exceeded\]"
bounded 20 500 pdf -o "$TMP/lim.pdf" "$TMP/lim.xml"
check "a 50,000-character KPI name: pdf refused at once, nothing written" test "$RC" = 1 -a ! -e "$TMP/lim.pdf"
gen label 5000 >"$TMP/lim.xml"
limit "a 5,000-character series label" 20 500 "error: this series' label is longer than 1,000 characters, kpic's limit for names: .*\[limit-exceeded\]"
# attributes: libxml2 compares each attribute of a tag with every other
# (10^5 attributes took 16 s, 2 x 10^5 106 s), so the bytes are scanned for
# them before libxml2 sees the tag.  attrs N [BEFORE]: a source whose <goal>
# has N attributes, BEFORE written on the line before it.
attrs() {
	awk -v n="$1" -v before="${2:-}" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\"><meta><municipality>テスト市</municipality><title>t</title><edition>1</edition><period start=\"2015\" end=\"2019\" baseline=\"2014\"/><as-of>2019-04-01</as-of><evaluation threshold=\"80\" combine=\"best\"/></meta>"
		print "<departments><department id=\"d\">企画調整課</department></departments><goals>" before
		printf "<goal id=\"g1\" number=\"1\""; for (i = 2; i < n; i++) printf " a%d=\"x=y\"", i; print ">"
		print "<title>t</title></goal></goals></strategy>"
	}'
}
attrs 100000 >"$TMP/lim.xml"
limit "100,000 attributes on one element" 20 500 "lim.xml:4:1: error: this element has more than 256 attributes, kpic's limit per element .*\[limit-exceeded\]"
check "100,000 attributes: says what to do" grep -qF "(kpic's elements have a few): check the program that wrote the file" "$TMP/err"
attrs 100000 '<a>&bogus</a>' >"$TMP/lim.xml"
run_kpic check "$TMP/lim.xml"
check "100,000 attributes after a syntax error: the syntax error is reported, not the limit" \
	test "$RC" = 1 -a -n "$(grep -F '[xml-syntax]' "$TMP/err")" -a -z "$(grep -F '[limit-exceeded]' "$TMP/err")"
attrs 100000 '<!-- <x '"$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "b%d="1" ", i }')"'> -->' >"$TMP/lim.xml"
run_kpic check "$TMP/lim.xml"
check "a comment holding a tag of 300 attributes is not a tag: the goal's line is named" \
	grep -q "lim.xml:4:1: error: this element has more than 256 attributes" "$TMP/err"
# the limits themselves are allowed
attrs 256 >"$TMP/lim.xml"
run_kpic check "$TMP/lim.xml"
check "256 attributes: not past the limit (the schema's error instead)" \
	test "$RC" = 1 -a -z "$(grep -F '[limit-exceeded]' "$TMP/err")" -a -n "$(grep -F '[schema]' "$TMP/err")"
gen name 1000 >"$TMP/lim.xml"
run_kpic check "$TMP/lim.xml"
check "a 1,000-character name: accepted" test "$RC" = 0
gen series 100 >"$TMP/lim.xml"
run_kpic check "$TMP/lim.xml"
check "100 series in one KPI: no limit-exceeded" test "$RC" = 0

# Numbers and years out of range, each named.
for v in NaN Inf -Inf 1e400 0x10; do
	gen number 0 "$v" >"$TMP/lim.xml"
	run_kpic eval -o "$TMP/lim.txt" "$TMP/lim.xml"
	check "number $v: not a decimal, exit 1, nothing written" test "$RC" = 1 -a ! -e "$TMP/lim.txt"
	check "number $v: [invalid-number]" grep -q "baseline '$v' is not a decimal number: .*\[invalid-number\]" "$TMP/err"
done
# full-width figures are named as such, with the half-width form to write
for v in １２:12 1，234:1234 －３．５:-3.5; do
	gen number 0 "${v%%:*}" >"$TMP/lim.xml"
	run_kpic eval -o "$TMP/lim.txt" "$TMP/lim.xml"
	check "number ${v%%:*}: exit 1, nothing written" test "$RC" = 1 -a ! -e "$TMP/lim.txt"
	check "number ${v%%:*}: full-width, write ${v#*:}" grep -q "baseline '${v%%:*}' .*full-width.*as ${v#*:} \[invalid-number\]" "$TMP/err"
done
# the message's bound is the bound: 15 digits before the point, 9 after, 18 in all
for v in 99999999999999999999 1000000000000000 -1000000000000000 0.0000000001 \
         9999999999.999999999 1234567890.123456789 123456789012345.1230; do
	gen number 0 "$v" >"$TMP/lim.xml"
	run_kpic check "$TMP/lim.xml"
	check "number $v: beyond the limits, exit 1" test "$RC" = 1
	check "number $v: names the limits" grep -q "baseline '$v' is beyond kpic's limits for a number: at most 15 digits before the decimal point, 9 after it and 18 in all \[invalid-number\]" "$TMP/err"
done
for v in 999999999999999.5 999999999.999999999 123456789012345.123 000123456789.123456789; do
	gen number 0 "$v" >"$TMP/lim.xml"
	run_kpic check "$TMP/lim.xml"
	check "number $v: within the limits, accepted" test -z "$(grep invalid-number "$TMP/err")"
done
for y in 1867 2201 -5 99999999999999999999; do
	gen year 0 "$y" >"$TMP/lim.xml"
	run_kpic check "$TMP/lim.xml"
	check "year $y: exit 1" test "$RC" = 1
	check "year $y: names 1868 and 2200" grep -q "year=\"$y\" is not a year between 1868 and 2200: .*\[invalid-year\]" "$TMP/err"
done

# A cycle of 再掲 references (two rows naming each other, a row naming itself,
# two measures 再掲 of each other): each row is one repost-of-repost, at once.
sed 's|<repost kpi="k1"/>|<repost id="r1" kpi="r2"/><repost id="r2" kpi="r1"/><repost id="r3" kpi="r3"/></measure><measure id="m2" repost-of="m3"><title>t</title></measure><measure id="m3" repost-of="m2"><title>t</title>|' \
	tests/fixtures/minimal.xml >"$TMP/cycle.xml"
bounded 10 500 check "$TMP/cycle.xml"
check "再掲 cycle: exit 1" test "$RC" = 1
check "再掲 cycle: five repost-of-repost errors" test "$(grep -c 'error: .*\[repost-of-repost\]' "$TMP/err")" = 5
check "再掲 cycle: a row naming itself" grep -q "再掲 row refers to 'r3', itself a 再掲 row" "$TMP/err"
check "再掲 cycle: measures 再掲 of each other" grep -q "measure is marked 再掲 of 'm2', itself a 再掲 of 'm3'" "$TMP/err"

# Out of memory (ulimit -v, so not under AddressSanitizer): kpic's allocations
# and libxml2's (through xmlMemSetup, tools/buf.c) end kpic with one line and
# status 2, never abort (134), crash, or an [xml-syntax] error of a file that
# is well-formed.  50,000 KPIs take some 300 MiB to check; 100 MiB is past
# what kpic needs to start.
if [ $sanitized = 0 ]; then
	gen kpis 50000 >"$TMP/big.xml"
	for cmd in check "eval --format=json -o $TMP/big.json" "pdf -o $TMP/big.pdf"; do
		(ulimit -v $((100 * 1024)) && run_kpic_timeout 60 $cmd "$TMP/big.xml"; echo "$RC" >"$TMP/rc")
		RC=$(cat "$TMP/rc")
		check "out of memory (${cmd%% *}): exit 2" test "$RC" = 2
		check "out of memory (${cmd%% *}): 'kpic: out of memory', and nothing else" \
			test "$(cat "$TMP/err")" = "kpic: out of memory"
	done
	check "out of memory: no output file, no temporary file" \
		test -z "$(ls "$TMP" | grep -E '^big\.(json|pdf)')"
	run_kpic check "$TMP/big.xml"
	check "the same 50,000 KPIs with memory enough: accepted" test "$RC" = 0
	# Where pango and fontconfig fail (their threads, their configuration:
	# glib ends kpic, 133 or 139), which kpic cannot catch, the previous PDF
	# stays and no temporary file is left, at every limit from too little to
	# start to enough.
	for mib in 80 100 120 140 160 180 200 220 260 400; do
		printf 'previous\n' >"$TMP/prev.pdf"
		(ulimit -v $((mib * 1024)) && run_kpic_timeout 60 pdf -o "$TMP/prev.pdf" sources/abashiri/strategy.xml; echo "$RC" >"$TMP/rc")
		RC=$(cat "$TMP/rc")
		if [ "$RC" = 0 ]; then
			check "pdf in $mib MiB: made whole" test "$(head -c 5 "$TMP/prev.pdf")" = %PDF- -a "$(tail -c 6 "$TMP/prev.pdf" | tr -d '\n')" = %%EOF
		else
			check "pdf in $mib MiB: failed ($RC), the previous file kept" test "$(cat "$TMP/prev.pdf")" = previous
		fi
		check "pdf in $mib MiB: no temporary file" test -z "$(ls -a "$TMP" | grep '^\.\?prev\.pdf.')"
	done
	check "pdf in 400 MiB: made" test "$RC" = 0
fi

# XInclude is not supported: an xi:include is a schema error, never expanded
# (the parser runs without XML_PARSE_XINCLUDE), wherever it is.
xi='<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>'
sed "s|<repost kpi=\"k1\"/>|$xi|" tests/fixtures/minimal.xml >"$TMP/xi1.xml"
sed "s|<p>全|<p>$xi全|" tests/fixtures/minimal.xml >"$TMP/xi2.xml"
sed "s|<repost kpi=\"k1\"/>|<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"xi1.xml\"/>|" tests/fixtures/minimal.xml >"$TMP/xi3.xml"
for x in xi1 xi2 xi3; do
	run_kpic eval --format=xml -o "$TMP/$x.out" "$TMP/$x.xml"
	check "xi:include ($x): exit 1, nothing written" test "$RC" = 1 -a ! -e "$TMP/$x.out"
	check "xi:include ($x): [schema] says XInclude is not supported" \
		grep -q "error: <include> is an XInclude, which kpic does not support: .*\[schema\]" "$TMP/err"
	check "xi:include ($x): nothing included" bash -c '! grep -q "root:" "$0/err" "$0/out"' "$TMP"
done

# Long text that is not a name (確認方法, notes, the narrative) is limited only
# per block, at 100,000 characters: a 50,000-character 確認方法 makes a table
# row 150 pages tall, split across pages.  Finding each page's cut once walked every line for every line
# (cubic: 10,000 characters took 4 s, 50,000 several minutes); now a few
# seconds, and every character is in the PDF.
awk 'BEGIN { printf "<method>"; for (i = 0; i < 5000; i++) printf "経済センサスによる調査"; print "</method>" }' >"$TMP/method.txt"
awk -v f="$TMP/method.txt" 'BEGIN { getline m <f } /<responsible department="kikaku"\/>/ && !done { print m; done = 1 } { print }' \
	tests/fixtures/minimal.xml >"$TMP/longmethod.xml"
bounded 60 1024 pdf -o "$TMP/longmethod.pdf" "$TMP/longmethod.xml"
check "a 50,000-character 確認方法: PDF made in bounded time" test "$RC" = 0 -a -s "$TMP/longmethod.pdf"
check "a 50,000-character 確認方法: the row is split across pages [layout-row-split]" \
	grep -q "warning: a table row is taller than a page; it is split across pages \[layout-row-split\]" "$TMP/err"
check "a 50,000-character 確認方法: every character is in the PDF" \
	test "$(pdftotext "$TMP/longmethod.pdf" - 2>/dev/null | grep -o '済' | wc -l)" = 5000

# One block of text is at most 100,000 characters (LIMIT_TEXT_CHARS): the PDF
# places a block page by page and each page walks the block's whole layout, so
# a paragraph of 1 MB took 1.3 s and of 8 MB 79 s.  para N [SPLIT]: the
# fixture's narrative paragraph made N repetitions of an 11-character phrase
# plus 0123456789; SPLIT puts the second half inside <em>.
para() {
	awk -v n="$1" -v sp="${2:-}" 'BEGIN {
		for (i = 0; i < n; i++) { if (sp && i == int(n / 2)) printf "<em>"; printf "経済センサスによる調査" }
		printf "0123456789"; if (sp) printf "</em>"
	}' >"$TMP/para.txt"
	awk -v f="$TMP/para.txt" 'BEGIN { getline m <f } { sub(/<p>全<count\/>件<\/p>/, "<p>" m "</p>"); print }' \
		tests/fixtures/minimal.xml >"$TMP/lim.xml"
}
para 50000
limit "a narrative paragraph of 550,010 characters (1.6 MB)" 20 500 \
	"lim.xml:42:74: error: this paragraph, cell or note is longer than 100,000 characters, kpic's limit for one block of text (a printed page holds about 1,500): split it into several \[limit-exceeded\]"
bounded 20 500 pdf -o "$TMP/lim.pdf" "$TMP/lim.xml"
check "a paragraph of 550,010 characters: pdf refused at once, nothing written" test "$RC" = 1 -a ! -e "$TMP/lim.pdf"
para 9091 split
run_kpic check "$TMP/lim.xml"
check "a paragraph of 100,011 characters, half of it in <em>: counted as one [limit-exceeded]" \
	grep -q "lim.xml:42:74: error: this paragraph, cell or note is longer than 100,000 characters" "$TMP/err"
para 9090
bounded 60 1024 pdf -o "$TMP/para.pdf" "$TMP/lim.xml"
check "a paragraph of exactly 100,000 characters: the PDF is made (60 pages)" \
	test "$RC" = 0 -a -s "$TMP/para.pdf" -a "$(pdfinfo "$TMP/para.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = 60
check "a paragraph of exactly 100,000 characters: every character is in the PDF" \
	test "$(pdftotext "$TMP/para.pdf" - 2>/dev/null | grep -o '済' | wc -l)" = 9090

# Many diagnostics on one long line (a generator's source of one line): each
# column and excerpt used to walk the line from its start, so 50,000 unused
# 担当課 on a line of 2.3 MB took minutes; now each costs a few KiB.  (Under
# AddressSanitizer the bound is loose: its allocator spends tens of seconds
# in the kernel on these sizes, whatever kpic does.)
awk -v n=50000 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\"><meta><municipality>テスト市</municipality><title>t</title><edition>1</edition><period start=\"2015\" end=\"2019\" baseline=\"2014\"/><as-of>2019-04-01</as-of><evaluation threshold=\"80\" combine=\"best\"/></meta>"
	printf "<departments><department id=\"d\">企画調整課</department>"
	for (i = 0; i < n; i++) printf "<department id=\"u%d\">第%d課</department>", i, i
	print "</departments><goals><goal id=\"g1\" number=\"1\"><title>t</title>"
	print "<kpi id=\"k0\" direction=\"higher\"><name>n</name><unit>人</unit><baseline year=\"2014\">1</baseline><value year=\"2015\">1</value><target year=\"2019\">1</target><responsible department=\"d\"/></kpi>"
	print "</goal></goals></strategy>"
}' >"$TMP/wide.xml"
bounded $((sanitized ? 300 : 30)) 1024 check "$TMP/wide.xml"
check "50,000 warnings on one line of 2.3 MB: in bounded time" test "$RC" = 0
check "50,000 warnings on one line: all reported" grep -q "^50000 warnings generated" "$TMP/err"
check "50,000 warnings on one line: the last one's column" \
	grep -q "wide.xml:3:2177787: warning: department 'u49999' (第49999課) is responsible for no KPI \[unused-department\]" "$TMP/err"
# 50,000 KPIs each under its own 担当課: the unused-department rule looked each
# department up among all the KPIs (20 s); now each KPI marks its own.
awk -v n=50000 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\"><meta><municipality>テスト市</municipality><title>t</title><edition>1</edition><period start=\"2015\" end=\"2019\" baseline=\"2014\"/><as-of>2019-04-01</as-of><evaluation threshold=\"80\" combine=\"best\"/></meta>"
	print "<departments>"
	for (i = 0; i < n; i++) printf "<department id=\"d%d\">第%d課</department>\n", i, i
	print "<department id=\"spare\">予備課</department></departments><goals><goal id=\"g1\" number=\"1\"><title>t</title>"
	for (i = 0; i < n; i++) printf "<kpi id=\"k%d\" direction=\"higher\"><name>n</name><unit>人</unit><baseline year=\"2014\">1</baseline><value year=\"2015\">1</value><target year=\"2019\">1</target><responsible department=\"d%d\"/></kpi>\n", i, i
	print "</goal></goals></strategy>"
}' >"$TMP/depts.xml"
bounded $((sanitized ? 300 : 10)) 1024 check "$TMP/depts.xml"
check "50,000 KPIs under 50,000 担当課: checked in bounded time" test "$RC" = 0
check "50,000 担当課: the one no KPI names is the one warning" \
	test "$(grep -c ': warning: ' "$TMP/err")" = 1 -a "$(grep -c "department 'spare' (予備課) is responsible for no KPI" "$TMP/err")" = 1
rm -f "$TMP/depts.xml" "$TMP/wide.xml"
done_testing

#!/usr/bin/env bash
# golden-outputs.sh - every output the bundled stylesheets give, recorded once
# and compared later, for a change to templates/ that must not change a byte
# (a refactoring of the stylesheets, a faster lookup).
#
# Usage: tests/golden-outputs.sh record DIR    writes every output into DIR
#        tests/golden-outputs.sh compare DIR   writes them again into a
#                                              temporary directory and compares
#                                              with DIR (exit 1 and the files
#                                              that differ when any does)
#
# KPIC (default build/kpic) is the binary; KPIC_TEMPLATES is left to the caller
# (by default the build tree's templates/).  Not a test of tests/run.sh: it
# takes a minute and answers only "the same as before?".
#
# Inputs: every sources/*/strategy.xml, tests/fixtures/*.xml, and every other
# XML file under tests/ that `kpic check` accepts (the fuzz corpora, the diff
# pair...).  For each: `kpic eval` (text, json, xml), `kpic html`, `kpic pdf`
# (the PDF, its layout XML from --format=xml and its placed boxes from
# --boxes), `kpic draft` and the draft's page and PDF; each run's exit code and
# standard error too.  Then the 新旧対照表 of the pairs tests/t-shinkyu.sh
# uses (`kpic diff --html --pdf`).  SOURCE_DATE_EPOCH is fixed, so PDFs are
# byte-identical between two runs of the same kpic and stylesheets.
set -u
mode=${1:-}
dir=${2:-}
case $mode in record|compare) ;; *) echo "usage: $0 record|compare DIR" >&2; exit 2 ;; esac
[ -n "$dir" ] || { echo "usage: $0 record|compare DIR" >&2; exit 2; }
KPIC=${KPIC:-build/kpic}
export SOURCE_DATE_EPOCH=1554076800 LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE

# Runs kpic with its standard error and exit code recorded as NAME.err, NAME.rc.
run() {
	local name=$1; shift
	"$KPIC" "$@" 2>"$out/$name.err"
	echo $? >"$out/$name.rc"
}

# All outputs of one source FILE, named NAME.*.
one() {
	local name=$1 file=$2
	run "$name.eval" eval -o "$out/$name.eval.txt" "$file"
	run "$name.json" eval --format=json -o "$out/$name.eval.json" "$file"
	run "$name.xml" eval --format=xml -o "$out/$name.enriched.xml" "$file"
	run "$name.html" html -o "$out/$name.html" "$file"
	run "$name.pdf" pdf --boxes="$out/$name.boxes" -o "$out/$name.pdf" "$file"
	run "$name.layout" pdf --format=xml -o "$out/$name.layout.xml" "$file"
	run "$name.draft" draft -o "$out/$name.draft.xml" "$file"
	if [ -s "$out/$name.draft.xml" ]; then
		run "$name.draft.html" html -Wno-draft-placeholder -o "$out/$name.draft.html" "$out/$name.draft.xml"
		run "$name.draft.pdf" pdf -Wno-draft-placeholder --boxes="$out/$name.draft.boxes" \
			-o "$out/$name.draft.pdf" "$out/$name.draft.xml"
		run "$name.draft.layout" pdf -Wno-draft-placeholder --format=xml \
			-o "$out/$name.draft.layout.xml" "$out/$name.draft.xml"
	fi
}

record() {
	out=$1
	mkdir -p "$out" || exit 2
	local tmp f name
	tmp=$(mktemp -d) || exit 2
	for f in sources/*/strategy.xml; do
		name=${f#sources/}; one "src-${name%%/*}" "$f"
	done
	for f in tests/fixtures/*.xml $(find tests -name '*.xml' ! -path 'tests/fixtures/*' | LC_ALL=C sort); do
		case $f in tests/fixtures/*) ;; *) "$KPIC" check "$f" >/dev/null 2>&1 || continue ;; esac
		name=${f#tests/}; name=${name%.xml}; one "t-${name//\//_}" "$f"
	done
	# The 新旧対照表: the pairs of tests/t-shinkyu.sh.
	tests/diff/mkpair.sh sources/abashiri/strategy.xml "$tmp/pair" || exit 2
	sed 's|status="provisional" note="未確定">313<|status="provisional" note="未確定">314<|' \
		sources/abashiri/strategy.xml >"$tmp/prov.xml"
	run shinkyu-pair diff --no-color --html "$out/shinkyu-pair.html" --pdf "$out/shinkyu-pair.pdf" \
		"$tmp/pair/old.xml" "$tmp/pair/new.xml" >"$out/shinkyu-pair.txt"
	run shinkyu-prov diff --no-color --html "$out/shinkyu-prov.html" --pdf "$out/shinkyu-prov.pdf" \
		sources/abashiri/strategy.xml "$tmp/prov.xml" >"$out/shinkyu-prov.txt"
	run shinkyu-same diff --no-color --html "$out/shinkyu-same.html" --pdf "$out/shinkyu-same.pdf" \
		"$tmp/pair/old.xml" "$tmp/pair/old.xml" >"$out/shinkyu-same.txt"
	sed -i -e "s|$tmp|TMP|g" -e "s|$out|OUT|g" "$out"/*.err "$out"/*.txt
	rm -rf "$tmp"
}

case $KPIC in /*) ;; *) KPIC=$PWD/$KPIC ;; esac
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac
if [ "$mode" = record ]; then
	record "$dir"
	echo "golden-outputs: $(ls "$dir" | wc -l) files in $dir"
	exit 0
fi
new=$(mktemp -d) || exit 2
record "$new"
if diff -r -q "$dir" "$new"; then
	echo "golden-outputs: all $(ls "$dir" | wc -l) files the same"
	rm -rf "$new"
	exit 0
fi
echo "golden-outputs: the outputs above differ; the new ones are in $new"
exit 1

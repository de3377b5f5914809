#!/bin/sh
# mkdict.sh - writes the libFuzzer dictionary of an XML vocabulary from its
# RELAX NG schema, so that mutations insert whole element and attribute names
# and allowed values rather than stray bytes: tests/fuzz/kpic.dict from
# templates/kpic.rng (the source format), tests/fuzz/layout.dict from
# templates/layout.rng (the layout vocabulary).
#
# Usage: tests/fuzz/mkdict.sh [templates/kpic.rng] >tests/fuzz/kpic.dict
#        tests/fuzz/mkdict.sh templates/layout.rng >tests/fuzz/layout.dict
# tests/t-fuzz.sh checks that the committed dictionaries are what this writes.
set -eu
rng=${1:-templates/kpic.rng}
export LC_ALL=C
name=$(basename "$rng" .rng)
ns=$(sed -n 's/^ *ns="\([^"]*\)".*/\1/p' "$rng" | head -1)
case $name in
kpic) what="the kpic source format" ;;
*) what="the $name vocabulary" ;;
esac

echo "# $name.dict - libFuzzer dictionary of $what."
echo "# Written by tests/fuzz/mkdict.sh from $rng: do not edit, run the script."
echo
echo "# XML syntax and the namespace"
printf '"<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>"\n"xmlns=\\"%s\\""\n"%s"\n' "$ns" "$ns"
cat <<'EOF'
"<!--"
"-->"
"<![CDATA["
"]]>"
"<!DOCTYPE"
"&amp;"
"&#"
"/>"
EOF
echo
if [ "$name" = kpic ]; then
echo "# figures at the edges of what the rules accept"
for v in 0 -1 80 100 100.0 0.5 19.50 1867 1868 2019 2200 2201 \
	2019-04-30 2019-05-01 2020-02-29 2019-02-29 999999999999999 1000000000000000 \
	0.000000001 0.0000000001 9223372036854775807; do
	printf '"%s"\n' "$v"
done
echo
fi
echo "# elements"
sed -n 's/.*<element name="\([^"]*\)".*/\1/p' "$rng" | sort -u | while read -r e; do
	printf '"<%s"\n"</%s>"\n' "$e" "$e"
done
echo
echo "# attributes"
sed -n 's/.*<attribute name="\([^"]*\)".*/\1/p' "$rng" | sort -u | while read -r a; do
	printf '" %s=\\""\n' "$a"
done
echo
echo "# attribute values"
grep -o '<value>[^<]*</value>' "$rng" | sed 's/<value>\(.*\)<\/value>/\1/' | sort -u | while read -r v; do
	printf '"\\"%s\\""\n' "$v"
done

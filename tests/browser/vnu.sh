#!/bin/sh
# vnu.sh - the Nu HTML Checker (the npm package vnu-jar) on Debian's Java,
# with every warning counted as a failure (--Werror).
#
# Usage: tests/browser/vnu.sh [vnu options] FILE...
#   e.g. tests/browser/vnu.sh build/abashiri/kensho.html
#        tests/browser/vnu.sh --format json build/*/kensho.html
# Exit status: the checker's (0 no error and no warning, 1 some); 2 when it
# or Java is missing (make browser-tools installs the jar into build/browser/,
# tools/deps.sh check the Debian package default-jre-headless).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${KPIC_BROWSER_DIR:-$top/build/browser}
jar=$dir/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$jar" ]; then
	echo "vnu.sh: the Nu HTML Checker is not installed in $dir (run: make browser-tools)" >&2
	exit 2
fi
if ! command -v java >/dev/null 2>&1; then
	echo "vnu.sh: java not found (Debian package default-jre-headless; run: tools/deps.sh check)" >&2
	exit 2
fi
exec java -Xss4m -jar "$jar" --Werror --stdout "$@"

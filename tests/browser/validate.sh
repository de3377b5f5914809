#!/bin/sh
# validate.sh - html-validate with kpic's configuration (htmlvalidate.json).
#
# Usage: tests/browser/validate.sh [html-validate options] FILE...
#   e.g. tests/browser/validate.sh build/abashiri/kensho.html
#        tests/browser/validate.sh --formatter=json build/abashiri/kensho.html
# Exit status: html-validate's (0 no error, 1 errors found); 2 when it is not
# installed (make browser-tools installs it into build/browser/).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${KPIC_BROWSER_DIR:-$top/build/browser}
bin=$dir/node_modules/.bin/html-validate
if [ ! -x "$bin" ]; then
	echo "validate.sh: html-validate is not installed in $dir (run: make browser-tools)" >&2
	exit 2
fi
exec "$bin" --config "$top/tests/browser/htmlvalidate.json" "$@"

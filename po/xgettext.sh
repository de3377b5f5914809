#!/bin/sh
# xgettext.sh - extracts kpic's translatable messages into a .pot file.
#
# Usage: po/xgettext.sh OUT.pot [TOPDIR]
#
# The one list of what is translatable, used by `make update-po` and by the
# completeness test (tests/t-i18n.sh): _() and N_() anywhere, the format of
# diag_report, diag_note, layout_warn, layout_fail, cmd_usage_error and option_error (which translate it
# themselves, so that their call sites stay plain), and the fourth field of
# every RULE() line in tools/rules.def, the rule's summary.
set -eu
out=${1:?usage: po/xgettext.sh OUT.pot [TOPDIR]}
top=${2:-.}
case $out in /*) ;; *) out=$PWD/$out ;; esac
version=$(sed -n 's/^#define KPIC_VERSION "\(.*\)"/\1/p' "$top/tools/version.h")
cd "$top"
# shellcheck disable=SC2046
xgettext --language=C --from-code=UTF-8 --package-name=kpic --package-version="$version" \
	--msgid-bugs-address="see README.md" --add-comments=TRANSLATORS: --no-wrap \
	--keyword=_ --keyword=N_ --keyword=RULE:4 \
	--keyword=diag_report:5 --flag=diag_report:5:c-format \
	--keyword=diag_note:4 --flag=diag_note:4:c-format \
	--keyword=layout_warn:4 --flag=layout_warn:4:c-format \
	--keyword=layout_fail:3 --flag=layout_fail:3:c-format \
	--keyword=cmd_usage_error:1 --flag=cmd_usage_error:1:c-format \
	--keyword=cmd_usage:2 --flag=cmd_usage:2:c-format \
	--keyword=import_report:5 --flag=import_report:5:c-format \
	--keyword=exceed:4 --flag=exceed:4:c-format \
	-o - $(ls tools/*.c tools/*.h tools/*.def | LC_ALL=C sort) >"$out.tmp"
mv "$out.tmp" "$out"

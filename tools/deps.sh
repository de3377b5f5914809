#!/bin/sh
# deps.sh - installs the Debian packages kpic needs, and only those missing.
#
# Usage: tools/deps.sh [build|check|bench]
#   build: what compiling kpic and the bundled sources needs
#   check: that, plus what the test suite uses
#   bench: that, plus the peers and tools `make bench` measures
# As root it runs apt-get for what is missing; otherwise it prints the exact
# sudo line and fails, so that the build stops here with a clear message
# instead of later with a compiler error about a missing header.
set -eu

what=${1:-build}

# package:probe pairs; a probe is a pkg-config module (pc=), a file (file=),
# a font language (font=ja: fontconfig knows a font that covers Japanese) or a
# command name.  The browser checks (tests/browser/) need Chromium, a Japanese
# font for real screenshots and text metrics, and Node.js with npm; a machine
# that already has node and npm on PATH (from any source) keeps them.
build_pkgs="gcc:cc make:make pkg-config:pkg-config libxml2-dev:pc=libxml-2.0 libxslt1-dev:pc=libxslt
	libcairo2-dev:pc=cairo libpango1.0-dev:pc=pangocairo
	fonts-ipaexfont:file=/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
bench_pkgs="weasyprint:weasyprint wkhtmltopdf:wkhtmltopdf time:file=/usr/bin/time"
check_pkgs="jq:jq xmllint:xmllint poppler-utils:pdfinfo qpdf:qpdf chromium:chromium fontconfig:fc-list fonts-noto-cjk:font=ja nodejs:node npm:npm"

missing=""
have() {
	case $1 in
	pc=*) pkg-config --exists "${1#pc=}" 2>/dev/null ;;
	font=*) [ -n "$(fc-list ":lang=${1#font=}" family 2>/dev/null)" ] ;;
	file=*) test -e "${1#file=}" ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}
pkgname() {
	case $1 in xmllint) echo libxml2-utils ;; *) echo "$1" ;; esac
}

list=$build_pkgs
[ "$what" = check ] && list="$build_pkgs $check_pkgs"
[ "$what" = bench ] && list="$build_pkgs $check_pkgs $bench_pkgs"
# KPIC_DEPS_EXTRA adds package:probe pairs; the tests use it to see what a
# user without root is told.
list="$list ${KPIC_DEPS_EXTRA:-}"
for pair in $list; do
	pkg=$(pkgname "${pair%%:*}")
	probe=${pair#*:}
	have "$probe" || missing="$missing $pkg"
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "kpic needs these Debian packages:$missing" >&2
	echo "Install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null

#!/bin/sh
# deps.sh - installs the Debian packages kpic needs, and only those missing.
#
# Usage: tools/deps.sh [build|check|fuzz|valgrind|bench]
#   build: what compiling kpic and the bundled sources needs
#   check: that, plus what the test suite uses (including the fuzz smoke
#          and valgrind)
#   fuzz: build, plus clang and its libFuzzer runtime (make fuzz)
#   valgrind: build, plus valgrind (make valgrind)
#   bench: check, plus the peers and tools `make bench` measures
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
	libcairo2-dev:pc=cairo libpango1.0-dev:pc=pangocairo libzip-dev:pc=libzip libqpdf-dev:pc=libqpdf
	libmicrohttpd-dev:pc=libmicrohttpd
	fonts-ipaexfont:file=/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf gettext:msgfmt"
bench_pkgs="weasyprint:weasyprint wkhtmltopdf:wkhtmltopdf time:file=/usr/bin/time"
check_pkgs="jq:jq xmllint:xmllint poppler-utils:pdfinfo qpdf:qpdf chromium:chromium fontconfig:fc-list fonts-noto-cjk:font=ja nodejs:node npm:npm"
# The fuzz harnesses (tests/fuzz/) need clang and a libFuzzer runtime that
# links (probe libfuzzer); Debian ships that runtime apart from clang.
fuzz_pkgs="clang:clang libclang-rt-dev:libfuzzer"
valgrind_pkgs="valgrind:valgrind"
# The Nu HTML Checker (vnu-jar, tests/browser/) runs on Debian's Java.
check_pkgs="$check_pkgs default-jre-headless:java"
# t-atomic.sh signals kpic at a chosen system call with strace.
check_pkgs="$check_pkgs strace:strace"
# t-i18n.sh runs kpic in Japanese: glibc translates only in a locale that
# exists, and a fresh Debian has just C, C.UTF-8 and POSIX; locales has the
# definitions from which ja_JP.UTF-8 is generated below.
check_pkgs="$check_pkgs locales:file=/usr/share/i18n/locales/ja_JP"
# t-docs.sh checks the manual pages (man/) with mandoc -Tlint.
check_pkgs="$check_pkgs mandoc:mandoc"

missing=""
have() {
	case $1 in
	pc=*) pkg-config --exists "${1#pc=}" 2>/dev/null ;;
	font=*) [ -n "$(fc-list ":lang=${1#font=}" family 2>/dev/null)" ] ;;
	file=*) test -e "${1#file=}" ;;
	libfuzzer) fuzzer_links ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}
# A harness with AddressSanitizer and UBSan links against libFuzzer.
fuzzer_links() {
	command -v clang >/dev/null 2>&1 || return 1
	t=$(mktemp -d) || return 1
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$t/f.c"
	clang -fsanitize=fuzzer,address,undefined -o "$t/f" "$t/f.c" >/dev/null 2>&1
	r=$?
	rm -rf "$t"
	return $r
}
# The runtime package of the clang there is, or of Debian 12's clang (14)
# when clang is installed in the same step.
clang_major() {
	v=$(clang --version 2>/dev/null | sed -n '1s/.*clang version \([0-9][0-9]*\).*/\1/p')
	echo "${v:-14}"
}
pkgname() {
	case $1 in
	xmllint) echo libxml2-utils ;;
	libclang-rt-dev) echo "libclang-rt-$(clang_major)-dev" ;;
	*) echo "$1" ;;
	esac
}

case $what in
check) list="$build_pkgs $check_pkgs $fuzz_pkgs $valgrind_pkgs" ;;
fuzz) list="$build_pkgs $fuzz_pkgs" ;;
valgrind) list="$build_pkgs $valgrind_pkgs" ;;
bench) list="$build_pkgs $check_pkgs $fuzz_pkgs $valgrind_pkgs $bench_pkgs" ;;
*) list=$build_pkgs ;;
esac
# KPIC_DEPS_EXTRA adds package:probe pairs; the tests use it to see what a
# user without root is told.
list="$list ${KPIC_DEPS_EXTRA:-}"
for pair in $list; do
	pkg=$(pkgname "${pair%%:*}")
	probe=${pair#*:}
	have "$probe" || missing="$missing $pkg"
done

ja_locale=""
case $what in
check|bench) locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\{0,1\}8' || ja_locale="ja_JP.UTF-8" ;;
esac
[ -z "$missing$ja_locale" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	if [ -n "$missing" ]; then
		echo "kpic needs these Debian packages:$missing" >&2
		echo "Install them with:" >&2
		echo "  sudo apt-get install -y$missing" >&2
	fi
	if [ -n "$ja_locale" ]; then
		echo "kpic's tests need the locale $ja_locale; generate it with:" >&2
		echo "  sudo localedef -i ja_JP -f UTF-8 ja_JP.UTF-8" >&2
	fi
	exit 1
fi
if [ -z "$missing" ]; then
	echo "deps.sh: generating the locale $ja_locale" >&2
	localedef -i ja_JP -f UTF-8 ja_JP.UTF-8
	exit 0
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
if [ -n "$ja_locale" ]; then
	echo "deps.sh: generating the locale $ja_locale" >&2
	localedef -i ja_JP -f UTF-8 ja_JP.UTF-8
fi

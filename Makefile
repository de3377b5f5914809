# kpic - a compiler of まち・ひと・しごと創生総合戦略 verification documents.
#
#   make            install missing Debian packages, build kpic, compile sources/ into build/
#   make test       the quick tests: the plain pass only, no sanitizers, browser,
#                   fuzzing or valgrind
#   make WERROR=1   any of these with warnings as errors (CI builds so)
#   make check      run every test (also under AddressSanitizer + UBSan), and
#                   the validator and browser checks of the HTML document
#   make install    install kpic, its templates, its message catalogues, kpic(1)
#                   and kpic-source(5)
#                   under $(DESTDIR)$(PREFIX)
#   make update-po  po/kpic.pot from the sources, merged into po/*.po (HACKING.md
#                   "Japanese messages")
#   make fuzz       run every libFuzzer harness (tests/fuzz/) for FUZZ_TIME seconds
#   make valgrind   build every bundled source under valgrind's memcheck
#   make bench      kpic against Chromium, WeasyPrint, wkhtmltopdf and a bare
#                   pango + cairo program, the rebuild times of kpic watch and
#                   serve beside the cold ones, and its cost per KPI up to 10^5 KPIs
#                   (tests/bench/run.sh; the table also goes to build/bench.txt)
#
# Every source sources/NAME/strategy.xml compiles into build/NAME/.

PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/kpic
MANDIR  ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes -Wno-format-truncation
# make WERROR=1 (as .ci/run does) turns warnings into errors; a user's newer
# compiler with a new warning still builds kpic.
ifeq ($(WERROR),1)
WARN    += -Werror
endif
# Each object's header dependencies, written by the compiler as it builds it.
DEPFLAGS = -MMD -MP
PKGS     = libxml-2.0 libxslt cairo pangocairo pangoft2 fontconfig libzip libqpdf libmicrohttpd
DEPS_OK  = build/.deps-build

# pkg-config runs only once the dependency step made sure it is there.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -DKPIC_DATADIR='"$(DATADIR)"' -DKPIC_LOCALEDIR='"$(LOCALEDIR)"' $(PKG_CFLAGS)

SRCS = $(notdir $(wildcard tools/*.c))
OBJS = $(SRCS:%.c=build/obj/%.o)
ASAN_OBJS = $(SRCS:%.c=build/asan/%.o)
HDRS = $(wildcard tools/*.h tools/*.def)
# The command line (tools/kpic.c, cli.c, pool.c, cmd_*.c, and watch.c and
# serve.c of kpic watch and serve), left out of the programs that link the
# compiler without it: build/layout-run, the fuzzers.
CLI_OBJS = kpic.o cli.o pool.o cmd_%.o watch.o serve.o

SOURCES = $(wildcard sources/*/strategy.xml)
NAMES   = $(patsubst sources/%/strategy.xml,%,$(SOURCES))
OUTPUTS = $(foreach n,$(NAMES),build/$(n)/enriched.xml build/$(n)/eval.json build/$(n)/eval.txt build/$(n)/kensho.html \
            build/$(n)/kensho.pdf build/$(n)/draft.xml build/$(n)/draft.html build/$(n)/draft.pdf)
TEMPLATES = $(wildcard templates/*)

# The message catalogues (po/LANG.po), found by kpic in build/locale/ next to it.
MOS = $(patsubst po/%.po,build/locale/%/LC_MESSAGES/kpic.mo,$(wildcard po/*.po))

.PHONY: all test check bench install uninstall clean deps unit asan browser-tools fuzz fuzz-build valgrind update-po
.DELETE_ON_ERROR:

all: build/kpic build/layout-run $(MOS) $(OUTPUTS)

$(DEPS_OK): tools/deps.sh
	@mkdir -p build
	@tools/deps.sh build
	@touch $@

build/.deps-check: tools/deps.sh $(DEPS_OK)
	@tools/deps.sh check
	@touch $@

build/obj/%.o: tools/%.c | $(DEPS_OK)
	@mkdir -p build/obj
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

build/kpic: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(PKG_LIBS) -lm

# The same program with AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
build/asan/%.o: tools/%.c | $(DEPS_OK)
	@mkdir -p build/asan
	$(CC) $(WARN) $(ASAN_FLAGS) $(DEPFLAGS) -D_POSIX_C_SOURCE=200809L -DKPIC_DATADIR='"$(DATADIR)"' -DKPIC_LOCALEDIR='"$(LOCALEDIR)"' $(PKG_CFLAGS) -c $< -o $@

build/kpic-asan: $(ASAN_OBJS)
	$(CC) $(ASAN_FLAGS) -o $@ $(ASAN_OBJS) $(PKG_LIBS) -lm

asan: build/kpic-asan

# The layout engine alone (tools/dev/layout_run.c), for development and
# tests/t-layout.sh; deliberately not named test_*, which tests/run.sh runs
# as unit tests.
build/obj/dev_%.o: tools/dev/%.c | $(DEPS_OK)
	@mkdir -p build/obj
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Itools -c $< -o $@

build/asan/dev_%.o: tools/dev/%.c | $(DEPS_OK)
	@mkdir -p build/asan
	$(CC) $(WARN) $(ASAN_FLAGS) $(DEPFLAGS) -D_POSIX_C_SOURCE=200809L $(PKG_CFLAGS) -Itools -c $< -o $@

build/layout-run: build/obj/dev_layout_run.o $(filter-out $(CLI_OBJS:%=build/obj/%),$(OBJS))
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

build/layout-run-asan: build/asan/dev_layout_run.o $(filter-out $(CLI_OBJS:%=build/asan/%),$(ASAN_OBJS))
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(PKG_LIBS) -lm

# --- messages (po/; HACKING.md "Japanese messages") -------------------------------
build/locale/%/LC_MESSAGES/kpic.mo: po/%.po | $(DEPS_OK)
	@mkdir -p $(@D)
	msgfmt --check --statistics -o $@ $<

# For maintainers: po/kpic.pot from the sources, merged into every po/LANG.po;
# then translate what msgmerge left empty or fuzzy (tests/t-i18n.sh lists it).
update-po: | $(DEPS_OK)
	po/xgettext.sh po/kpic.pot
	@for po in po/*.po; do msgmerge --quiet --update --backup=none --no-wrap $$po po/kpic.pot || exit 1; done

# --- the bundled sources -------------------------------------------------
build/%/enriched.xml: sources/%/strategy.xml build/kpic $(TEMPLATES)
	@mkdir -p $(@D)
	build/kpic eval --format=xml -o $@ $<

build/%/eval.json: sources/%/strategy.xml build/kpic $(TEMPLATES)
	@mkdir -p $(@D)
	build/kpic eval --format=json -o $@ $<

build/%/eval.txt: sources/%/strategy.xml build/kpic $(TEMPLATES)
	@mkdir -p $(@D)
	build/kpic eval -o $@ $<

build/%/kensho.html: sources/%/strategy.xml build/kpic $(TEMPLATES)
	@mkdir -p $(@D)
	build/kpic html -o $@ $<

build/%/kensho.pdf: sources/%/strategy.xml build/kpic $(TEMPLATES)
	@mkdir -p $(@D)
	build/kpic pdf -o $@ $<

# The next period's draft (素案), its page and its PDF.  A draft's placeholders are
# expected there: only other warnings are shown.
build/%/draft.xml: sources/%/strategy.xml build/kpic $(TEMPLATES)
	@mkdir -p $(@D)
	build/kpic draft -o $@ $<

build/%/draft.html: build/%/draft.xml build/kpic $(TEMPLATES)
	build/kpic html -Wno-draft-placeholder -o $@ $<

build/%/draft.pdf: build/%/draft.xml build/kpic $(TEMPLATES)
	build/kpic pdf -Wno-draft-placeholder -o $@ $<

# --- tests -----------------------------------------------------------------
UNIT_TESTS = decimal jfmt chart suggest srcmap
build/unit/test_%: tests/unit/test_%.c tools/decimal.c tools/jfmt.c tools/*.h tests/unit/check.h | $(DEPS_OK)
	@mkdir -p build/unit
	$(CC) $(WARN) $(ASAN_FLAGS) $(UNIT_CFLAGS) -Itools -o $@ $(filter %.c,$^) $(UNIT_LIBS)

# The chart test also links the chart module, and libxml2 to parse its SVG.
build/unit/test_chart: tools/buf.c tools/chart.c tools/chart_svg.c
build/unit/test_chart: UNIT_CFLAGS = $(PKG_CFLAGS)
build/unit/test_chart: UNIT_LIBS = $(PKG_LIBS) -lm
build/unit/test_suggest: tools/suggest.c
build/unit/test_srcmap: tools/srcmap.c tools/buf.c
build/unit/test_srcmap: UNIT_CFLAGS = $(PKG_CFLAGS)
build/unit/test_srcmap: UNIT_LIBS = $(PKG_LIBS) -lm

unit: $(UNIT_TESTS:%=build/unit/test_%)

# The browser checks' npm packages (tests/browser/package-lock.json) install
# into build/browser/, never into the source tree; again only when the lock
# or package.json changes.
BROWSER_STAMP = build/browser/.npm-ci
$(BROWSER_STAMP): tests/browser/package.json tests/browser/package-lock.json | build/.deps-check
	@mkdir -p build/browser
	cp tests/browser/package.json tests/browser/package-lock.json build/browser/
	cd build/browser && npm ci --engine-strict --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

browser-tools: $(BROWSER_STAMP)

# --- fuzzing (tests/fuzz/) ---------------------------------------------------
# Each tests/fuzz/fuzz_NAME.c is a libFuzzer harness, built with clang,
# AddressSanitizer and UBSan against an archive of the tools/ objects, so that
# it links only what it calls; a harness that needs more libraries adds them
# with a target-specific FUZZ_LIBS.  make check runs a short smoke of each
# (tests/t-fuzz.sh); make fuzz runs each for FUZZ_TIME seconds into build/fuzz/.
FUZZ_CC     = clang
FUZZ_TIME  ?= 60
FUZZ_FLAGS  = $(filter-out -Wno-format-truncation,$(WARN)) -O1 -g -fno-omit-frame-pointer \
              -fsanitize=address,undefined -fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L $(PKG_CFLAGS)
# A sheet's text bound (tools/sheet.h) at 4 MiB instead of 64: a sheet near
# 64 MiB is half a second of kpic's work but minutes of the instrumented
# harness's (fuzz_sheet checks every cell), past its 10 s per input.
FUZZ_FLAGS += -DSHEET_MAX_TEXT=4194304u
FUZZ_NAMES  = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS   = $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
FUZZ_OBJS   = $(filter-out $(CLI_OBJS:%=build/fuzz/obj/%),$(SRCS:%.c=build/fuzz/obj/%.o))
FUZZ_LIBS   = $(PKG_LIBS) -lm

build/.deps-fuzz: tools/deps.sh $(DEPS_OK)
	@tools/deps.sh fuzz
	@touch $@

build/fuzz/obj/%.o: tools/%.c | build/.deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(DEPFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/libkpic.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libkpic.a $(HDRS)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -Itools \
		-o $@ $< build/fuzz/libkpic.a $(FUZZ_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@for h in $(FUZZ_NAMES); do tests/fuzz/run.sh $$h $(FUZZ_TIME) build/fuzz || exit 1; done

# --- valgrind ----------------------------------------------------------------
build/.deps-valgrind: tools/deps.sh $(DEPS_OK)
	@tools/deps.sh valgrind
	@touch $@

valgrind: all build/.deps-valgrind
	@tests/valgrind.sh build/kpic

check: build/.deps-check $(BROWSER_STAMP) all build/kpic-asan build/layout-run-asan unit fuzz-build
	@tests/run.sh build/kpic build/kpic-asan

# Not part of check: it installs the peers (tools/deps.sh bench) and takes minutes.
build/.deps-bench: tools/deps.sh build/.deps-check
	@tools/deps.sh bench
	@touch $@

bench: build/.deps-bench build/kpic
	@tests/bench/run.sh build/kpic

# The edit-compile-test loop: the plain pass only, JOBS scripts at a time (the test
# tools and the validator installed first, as for make check), without
# the sanitizer pass, the browser, the fuzz smoke and valgrind (make check runs them all).
QUICK_SKIP = tests/t-browser.sh tests/t-serve-browser.sh tests/t-fuzz.sh tests/t-valgrind.sh
test: build/.deps-check $(BROWSER_STAMP) all unit
	@JOBS=$${JOBS:-$$(nproc)} SKIP="$(QUICK_SKIP)" tests/run.sh build/kpic

# --- installation ----------------------------------------------------------
install: build/kpic $(MOS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 build/kpic $(DESTDIR)$(PREFIX)/bin/kpic
	install -m 644 $(TEMPLATES) $(DESTDIR)$(DATADIR)/templates/
	install -m 644 man/kpic.1 $(DESTDIR)$(MANDIR)/man1/kpic.1
	install -m 644 man/kpic-source.5 $(DESTDIR)$(MANDIR)/man5/kpic-source.5
	@for mo in $(MOS); do l=$${mo#build/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/kpic.mo || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kpic $(DESTDIR)$(MANDIR)/man1/kpic.1 $(DESTDIR)$(MANDIR)/man5/kpic-source.5
	rm -f $(patsubst build/locale/%,$(DESTDIR)$(LOCALEDIR)/%,$(MOS))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(wildcard build/obj/*.d build/asan/*.d build/fuzz/obj/*.d)

/*
 * fuzz_layout.c - libFuzzer harness: any bytes parsed as XML (no network, no
 * entity substitution) and, when they parse, laid out and drawn as a PDF by
 * layout_pdf(), the engine of the layout vocabulary (templates/layout.rng).
 * Every <figure> gets a small bar chart (chart_bars()), so that figures are
 * measured and drawn; warnings are counted, not printed.
 *
 * Invariants, besides no crash, leak, hang or sanitizer report:
 *   - layout_pdf() returns 0 or -1, nothing else;
 *   - 0: the output is a PDF (it starts "%PDF-") and err is empty;
 *   - -1: err holds a message and no PDF was appended;
 *   - every warning has a rule and a message in UTF-8.
 * The font map is kept from one input to the next, as kpic build keeps it;
 * fontconfig's caches and a loss inside cairo are LeakSanitizer
 * suppressions (tests/lsan.supp, passed by run.sh and tests/lib.sh).  Inputs are capped (-max_len in run.sh): a long
 * document takes pango long to set, which is speed, not a bug.
 */
#include "buf.h"
#include "chart.h"
#include "layout.h"

#include <libxml/parser.h>

#include "fuzz.h"

static struct layout_fonts *fonts;
static size_t nwarnings;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);

/* cairo is built without frame pointers: the fast unwinder stops in it, and
 * the suppression of cairo's own loss in tests/lsan.supp, which names
 * cairo_surface_finish, would never match.  Here, not in run.sh, so that a
 * replay (build/fuzz/fuzz_layout FILE, tests/t-fuzz.sh) unwinds the same. */
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	fonts = layout_fonts_new();
	if (fonts == NULL) {
		fprintf(stderr, "fuzz_layout: no font map\n");
		exit(1);
	}
	return 0;
}

static struct chart *figure(void *ud, const char *kind, const char *ref)
{
	(void)ud;
	static const struct chart_bar_cat cats[] = { {"基本目標1", {3, 5}}, {"基本目標2", {4, 0}} };
	static const struct chart_bar_segment segs[] = { { "80%以上", 1 }, { "80%未満", 0 } };
	struct chart_bars_spec s = {
		.title = "達成状況", .desc = "基本目標ごとの達成状況。",
		.segs = segs, .nsegs = 2, .unit = "指標数",
		.cats = cats, .ncats = sizeof cats / sizeof cats[0],
	};
	/* A NULL chart is allowed too (the engine draws the alt text): some
	 * kinds get none, so that path is fuzzed as well. */
	if (kind != NULL && strcmp(kind, "none") == 0)
		return NULL;
	(void)ref;
	return chart_bars(&s);
}

static void warn(void *ud, int src_line, const char *rule, const char *message)
{
	(void)src_line;
	FUZZ_ASSERT(rule != NULL && message != NULL, "a warning without rule or message");
	FUZZ_ASSERT(fuzz_utf8(message, strlen(message)), "a warning not in UTF-8: %s", message);
	(*(size_t *)ud)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > INT_MAX)
		return 0;
	xmlDoc *doc = xmlReadMemory((const char *)data, (int)size, "layout.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return 0;
	struct layout_host host = { figure, warn, &nwarnings };
	struct layout_opts opts = { NULL, "kpic fuzz", 0, NULL, fonts, NULL };
	struct buf pdf = BUF_INIT, err = BUF_INIT;
	int rc = layout_pdf(doc, &host, &opts, &pdf, NULL, &err);
	FUZZ_ASSERT(rc == 0 || rc == -1, "layout_pdf returned %d", rc);
	if (rc == 0) {
		FUZZ_ASSERT(pdf.len > 5 && !memcmp(buf_str(&pdf), "%PDF-", 5), "the PDF starts %.16s",
		            buf_str(&pdf));
		FUZZ_ASSERT(err.len == 0, "a PDF, and an error: %s", buf_str(&err));
	} else {
		FUZZ_ASSERT(err.len > 0, "an error without a message");
		FUZZ_ASSERT(pdf.len == 0, "an error, and %zu bytes of PDF", pdf.len);
	}
	buf_free(&pdf);
	buf_free(&err);
	xmlFreeDoc(doc);
	return 0;
}

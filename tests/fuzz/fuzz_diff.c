/*
 * fuzz_diff.c - libFuzzer harness: any bytes as two sources, before and
 * after, compiled (compile_text()) and, when both compile, compared by
 * diff_run() and written by every `kpic diff` output.
 *
 * The input is split at the first "\n====\n" (the seeds are pairs of
 * sources joined so); without it, in two halves.
 *
 * Invariants, besides no crash, leak, hang or sanitizer report:
 *   - the change counts per kind add up to the number of changes;
 *   - the text output is UTF-8, and empty exactly when nothing changed;
 *   - the JSON output is valid JSON (hence UTF-8);
 *   - the XML output is well-formed, and its root carries changes="N";
 *   - a source compared with itself has no changes.
 */
#include "compile.h"
#include "diff.h"
#include "diff_out.h"

#include <libxml/parser.h>

#include "fuzz.h"

static struct schema *schema;

#define SEPARATOR "\n====\n"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	schema = fuzz_schema("fuzz_diff");
	return 0;
}

/* Compiles data[0..len) as the source NAME; 1 if it compiled. */
static int compile_part(const char *name, const uint8_t *data, size_t len, struct diag_ctx *d,
                        struct unit *u)
{
	char *text = malloc(len + 1);
	FUZZ_ASSERT(text != NULL, "malloc");
	memcpy(text, data, len);
	text[len] = '\0';
	enum compile_result r = compile_text(name, text, len, schema, d, u);
	FUZZ_ASSERT(r == COMPILE_OK || r == COMPILE_ERRORS, "result %d", (int)r);
	return r == COMPILE_OK;
}

static void check_outputs(const struct diff *df)
{
	size_t total = 0;
	for (int k = 0; k < DK__COUNT; k++)
		total += df->count[k];
	FUZZ_ASSERT(total == df->nchanges, "%zu changes counted, %zu listed", total, df->nchanges);

	struct buf b = BUF_INIT;
	diff_text(df, (int)(df->nchanges % 2), &b);
	FUZZ_ASSERT(fuzz_utf8(buf_str(&b), b.len), "the diff text is not UTF-8");
	FUZZ_ASSERT((b.len == 0) == (df->nchanges == 0), "%zu bytes of text for %zu changes", b.len,
	            df->nchanges);
	buf_reset(&b);

	diff_json(df, &b);
	FUZZ_ASSERT(fuzz_json_ok(buf_str(&b), b.len), "the diff JSON is not valid:\n%s", buf_str(&b));
	buf_reset(&b);

	diff_xml(df, &b);
	xmlDoc *doc = xmlReadMemory(buf_str(&b), (int)b.len, "diff.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	FUZZ_ASSERT(doc != NULL, "the diff XML is not well-formed:\n%s", buf_str(&b));
	xmlChar *n = xmlGetProp(xmlDocGetRootElement(doc), (const xmlChar *)"changes");
	FUZZ_ASSERT(n != NULL && strtoull((const char *)n, NULL, 10) == df->nchanges,
	            "changes=\"%s\" for %zu changes", n ? (const char *)n : "(none)", df->nchanges);
	xmlFree(n);
	xmlFreeDoc(doc);
	buf_free(&b);
}

/* The first SEPARATOR in data (memmem() is not POSIX). */
static const uint8_t *find_separator(const uint8_t *data, size_t size)
{
	size_t n = strlen(SEPARATOR);
	for (size_t i = 0; i + n <= size; i++)
		if (data[i] == '\n' && !memcmp(data + i, SEPARATOR, n))
			return data + i;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = find_separator(data, size);
	size_t len0 = sep ? (size_t)(sep - data) : size / 2;
	size_t start1 = sep ? len0 + strlen(SEPARATOR) : len0;

	struct diag_ctx d;
	diag_init(&d);
	struct unit u[2];
	int ok = compile_part("before.xml", data, len0, &d, &u[0]);
	ok = compile_part("after.xml", data + start1, size - start1, &d, &u[1]) && ok;
	diag_free(&d);
	if (ok) {
		struct diff df;
		diff_run(&df, &u[0], &u[1]);
		check_outputs(&df);
		diff_free(&df);
		diff_run(&df, &u[1], &u[1]);
		FUZZ_ASSERT(df.nchanges == 0, "a source differs from itself: %zu changes, the first %s",
		            df.nchanges, diff_kind_name(df.changes[0].kind));
		check_outputs(&df);
		diff_free(&df);
	}
	compile_unit_free(&u[0]);
	compile_unit_free(&u[1]);
	return 0;
}

/*
 * fuzz_compile.c - libFuzzer harness: any bytes as a source, through the
 * whole front end (load, schema, model, evaluate, rules: compile_source())
 * and, when the source compiles, through every `kpic eval` output.
 *
 * Invariants, besides no crash, leak, hang or sanitizer report:
 *   - a source is never "unreadable" (the file is there);
 *   - the result agrees with the diagnostics: COMPILE_OK exactly when no
 *     error was reported;
 *   - the diagnostics in JSON and SARIF are valid JSON (hence UTF-8); in
 *     text, valid UTF-8 whenever the source is;
 *   - a compiled source gives valid JSON from report_json, UTF-8 text from
 *     report_text, and enriched XML that is well-formed.
 * The diagnostics format and -Werror are taken from the input's length, so
 * that every input runs one of them and the corpus covers all.
 */
#include "compile.h"
#include "enrich.h"
#include "report.h"

#include <libxml/parser.h>

#include "fuzz.h"

static struct schema *schema;
static const char *input;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	schema = fuzz_schema("fuzz_compile");
	input = fuzz_input_file("strategy.xml");
	return 0;
}

/* The flushed diagnostics, as a string the caller frees. */
static char *flush_to_string(struct diag_ctx *d, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	FUZZ_ASSERT(f != NULL, "open_memstream");
	diag_flush(d, f);
	fclose(f);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write_input(data, size);
	struct diag_ctx d;
	diag_init(&d);
	d.format = (enum diag_format)(size % 3);
	d.werror = (size / 3) % 2;

	struct unit u;
	enum compile_result r = compile_source(input, schema, &d, &u, NULL);
	FUZZ_ASSERT(r == COMPILE_OK || r == COMPILE_ERRORS, "result %d", (int)r);
	FUZZ_ASSERT((r == COMPILE_OK) == (d.nerrors == 0), "result %d with %zu errors", (int)r,
	            d.nerrors);

	size_t dlen;
	char *diags = flush_to_string(&d, &dlen);
	if (d.format != DIAG_TEXT)
		FUZZ_ASSERT(fuzz_json_ok(diags, dlen), "diagnostics are not valid JSON:\n%s", diags);
	else if (fuzz_utf8((const char *)data, size))
		FUZZ_ASSERT(fuzz_utf8(diags, dlen), "diagnostics are not UTF-8:\n%s", diags);
	free(diags);

	if (r == COMPILE_OK) {
		struct buf b = BUF_INIT;
		report_text(&u.model, &u.eval, &b);
		FUZZ_ASSERT(fuzz_utf8(buf_str(&b), b.len), "eval text is not UTF-8");
		buf_reset(&b);
		report_json(&u.model, &u.eval, &b);
		FUZZ_ASSERT(fuzz_json_ok(buf_str(&b), b.len), "eval JSON is not valid:\n%s", buf_str(&b));
		buf_reset(&b);
		enrich_xml(&u.model, &u.eval, u.src.doc, &b);
		xmlDoc *doc = xmlReadMemory(buf_str(&b), (int)b.len, "enriched.xml", NULL,
		                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		FUZZ_ASSERT(doc != NULL, "the enriched XML is not well-formed:\n%s", buf_str(&b));
		xmlFreeDoc(doc);
		buf_free(&b);
	}
	compile_unit_free(&u);
	diag_free(&d);
	return 0;
}

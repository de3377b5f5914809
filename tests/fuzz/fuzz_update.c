/*
 * fuzz_update.c - libFuzzer harness: any bytes as the CSV sheet of
 * `kpic update`, merged into a bundled source by update_apply() (--actuals)
 * or update_targets_apply() (--targets), which write no file.
 *
 * The sources are compiled once: sources/hibarino (yearly targets, a
 * period of 2021-2025) and tests/scales/grades.xml (a given scale).  The
 * first byte says how the rest is applied:
 *   bit 0     --targets (else --actuals)
 *   bit 1     --revise
 *   bit 2     --again (actuals only: cmd_update refuses it with --targets)
 *   bits 3-4  --year (actuals only): none, the period's first year, its
 *             last, a year outside it
 *   bit 5     diagnostics as JSON (else text)
 *   bit 6     the source: tests/scales/grades.xml (else hibarino)
 *
 * Invariants, besides no crash, leak, hang or sanitizer report:
 *   - the result is 0, 1 or 2: 0 exactly when no error was reported, 1
 *     with errors reported, 2 with a message or an error reported;
 *   - the diagnostics are UTF-8 text, or valid JSON;
 *   - on 0, the year applied is the one asked for, inside the period (0 for
 *     targets); a result that changes something differs from the source,
 *     is UTF-8 and well-formed XML;
 *   - applied again, with --again, to its own result when that compiles, the
 *     same sheet changes nothing (every row is already there).
 */
#include "update.h"

#include <libxml/parser.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The harness's sources and schema, compiled once, kept for the run. */
static struct schema *schema;
static struct unit units[2];

static void compile_once(struct unit *u, const char *rel)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/../%s", fuzz_templates(), rel);
	struct diag_ctx d;
	diag_init(&d);
	if (compile_source(path, schema, &d, u, NULL) != COMPILE_OK) {
		diag_flush(&d, stderr);
		fprintf(stderr, "fuzz_update: %s does not compile\n", path);
		exit(1);
	}
	diag_free(&d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	schema = fuzz_schema("fuzz_update");
	compile_once(&units[0], "sources/hibarino/strategy.xml");
	compile_once(&units[1], "tests/scales/grades.xml");
	fuzz_input_file("sheet.csv");
	return 0;
}

static char *flush_to_string(struct diag_ctx *d, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	FUZZ_ASSERT(f != NULL, "open_memstream");
	diag_flush(d, f);
	fclose(f);
	return text;
}

/* One run of the sheet on u: its invariants checked; returns its result,
 * res kept for the caller (update_result_free() it). */
static int apply(const struct unit *u, const struct update_request *rq, int targets, enum diag_format fmt,
                 struct update_result *res)
{
	struct diag_ctx d;
	diag_init(&d);
	d.format = fmt;
	struct sheet sh;
	struct buf err = BUF_INIT;
	int rc = targets ? update_targets_apply(u, rq, &d, &sh, res, &err) : update_apply(u, rq, &d, &sh, res, &err);
	size_t len, nerrors = d.nerrors;
	char *text = flush_to_string(&d, &len);
	FUZZ_ASSERT(rc >= 0 && rc <= 2, "returned %d", rc);
	FUZZ_ASSERT((rc == 0) == (nerrors == 0) || (rc == 2 && err.len > 0), "returned %d with %zu errors:\n%s%s",
	            rc, nerrors, text, buf_str(&err));
	FUZZ_ASSERT(rc != 2 || err.len > 0 || nerrors > 0, "returned 2 without saying why");
	if (fmt == DIAG_JSON)
		FUZZ_ASSERT(fuzz_json_ok(text, len), "diagnostics are not valid JSON:\n%s", text);
	else
		FUZZ_ASSERT(fuzz_utf8(text, len), "diagnostics are not UTF-8:\n%s", text);
	FUZZ_ASSERT(fuzz_utf8(buf_str(&err), err.len), "the message is not UTF-8: %s", buf_str(&err));
	free(text);
	buf_free(&err);
	sheet_free(&sh);
	diag_free(&d);
	return rc;
}

/* What a successful run must hold: the year, and a changed text that is
 * still a well-formed XML document. */
static void check_result(const struct unit *u, const struct update_request *rq, int targets,
                         struct update_result *res)
{
	const struct model *m = &u->model;
	if (targets)
		FUZZ_ASSERT(res->year == 0, "targets applied for year %d", res->year);
	else
		FUZZ_ASSERT(res->year >= m->start.y && res->year <= m->end.y && (!rq->year || res->year == rq->year),
		            "year %d applied (--year %d, period %d-%d)", res->year, rq->year, m->start.y, m->end.y);
	if (res->added + res->replaced + res->revised == 0)
		return;
	const struct srcfile *src = &u->src.src;
	FUZZ_ASSERT(res->text.len != src->len || memcmp(res->text.data, src->text, src->len),
	            "%zu added, %zu replaced, %zu revised, and the text is the same", res->added, res->replaced,
	            res->revised);
	FUZZ_ASSERT(fuzz_utf8(buf_str(&res->text), res->text.len), "the updated source is not UTF-8");
	xmlDoc *doc = xmlReadMemory(buf_str(&res->text), (int)res->text.len, "updated.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	FUZZ_ASSERT(doc != NULL, "the updated source is not well-formed:\n%s", buf_str(&res->text));
	xmlFreeDoc(doc);
}

/* The sheet applied again to the result (when it compiles, as kpic update
 * requires before writing it): nothing left to change. */
static void check_again(const struct unit *u, struct update_request rq, int targets, enum diag_format fmt,
                        const struct update_result *res)
{
	struct diag_ctx d;
	diag_init(&d);
	struct unit next;
	const struct buf *t = &res->text;
	int ok = compile_text(u->src.src.path, xstrndup(t->data, t->len), t->len, schema, &d, &next) == COMPILE_OK;
	diag_free(&d);
	if (ok) {
		struct update_result again;
		rq.again = 1;
		if (!targets)
			rq.year = res->year;
		int rc = apply(&next, &rq, targets, fmt, &again);
		FUZZ_ASSERT(rc == 0 && again.added + again.replaced + again.revised == 0,
		            "applied again: returned %d, %zu added, %zu replaced, %zu revised", rc, again.added,
		            again.replaced, again.revised);
		update_result_free(&again);
	}
	compile_unit_free(&next);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	unsigned mode = data[0];
	fuzz_write_input(data + 1, size - 1);
	const struct unit *u = &units[(mode >> 6) & 1];
	int targets = mode & 1;
	const int years[] = { 0, u->model.start.y, u->model.end.y, u->model.end.y + 3 };
	struct update_request rq = { fuzz_path, NULL, targets ? 0 : years[(mode >> 3) & 3], (mode >> 1) & 1,
	                             targets ? 0 : (mode >> 2) & 1 };
	enum diag_format fmt = mode & 32 ? DIAG_JSON : DIAG_TEXT;
	struct update_result res;
	if (apply(u, &rq, targets, fmt, &res) == 0) {
		check_result(u, &rq, targets, &res);
		if (res.added + res.replaced + res.revised > 0)
			check_again(u, rq, targets, fmt, &res);
	}
	update_result_free(&res);
	return 0;
}

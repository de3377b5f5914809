/*
 * fuzz_sheet.c - libFuzzer harness: any bytes as a spreadsheet, through the
 * sheet reader (sheet.h: CSV, TSV, .xlsx, .ods) and then kpic import's
 * mapping of the grid to a source (import_sheet(), which writes no file).
 *
 * The first byte says how the rest is read:
 *   bits 0-2  0 CSV, 1 TSV (the file's extension; the reader picks the
 *             separator from the text), 2 an .xlsx and 3 an .ods as they are
 *             (a real archive: mutations mostly break it, which the reader
 *             must refuse cleanly), 4 an .xlsx and 5 an .ods the harness
 *             zips from the rest split at NUL bytes, so that mutations reach
 *             the XML: xl/workbook.xml, xl/_rels/workbook.xml.rels,
 *             xl/worksheets/sheet1.xml, xl/sharedStrings.xml, xl/styles.xml;
 *             content.xml, mimetype (an empty part: no such member); 6 and
 *             7 CSV again
 *   bits 3-4  --sheet: none, KPI, Sheet1, goal1
 *   bit 5     the zipped members deflated (else stored)
 *   bit 6     diagnostics as JSON (else text)
 *
 * Invariants, besides no crash, leak, hang or sanitizer report:
 *   - the reader fails exactly when it reported an error;
 *   - a grid within the limits, its cells' texts SHEET_MAX_TEXT bytes at most
 *     in all (however the sheet repeats them), every cell UTF-8, every merge
 *     origin at or before its cell;
 *   - every cell's position names its cell: R<row>C<col> of a spreadsheet's
 *     row and column, and for CSV/TSV a field on or after its row's line
 *     (the same field number when the row is one line);
 *   - the diagnostics are UTF-8 text, or valid JSON;
 *   - import succeeds exactly when it reported no error, and then its source
 *     is UTF-8 and well-formed XML.
 */
#include "import.h"
#include "sheet.h"

#include <libxml/parser.h>
#include <zip.h>

#include "fuzz.h"

/* How many cells of a spreadsheet grid have their printed position checked. */
#define POS_CHECKS 4096
/* and of a CSV/TSV row. */
#define POS_CHECKS_ROW 256

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	fuzz_input_file("sheet.csv");
	return 0;
}

static const char *const XLSX_MEMBERS[] = {
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
	"xl/sharedStrings.xml", "xl/styles.xml", NULL,
};
static const char *const ODS_MEMBERS[] = { "content.xml", "mimetype", NULL };

/* Zips the parts of data (split at NUL bytes) as the named members; an
 * empty part leaves its member out. */
static void write_zip(const uint8_t *data, size_t size, const char *const *names, int deflate)
{
	int err;
	zip_t *za = zip_open(fuzz_path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	FUZZ_ASSERT(za != NULL, "zip_open: %d", err);
	size_t at = 0;
	for (int i = 0; names[i] && at <= size; i++) {
		const uint8_t *nul = at < size ? memchr(data + at, 0, size - at) : NULL;
		size_t end = nul ? (size_t)(nul - data) : size;
		if (end == at) {
			at = end + 1;        /* an empty part: no such member */
			continue;
		}
		zip_source_t *src = zip_source_buffer(za, data + at, end - at, 0);
		FUZZ_ASSERT(src != NULL, "zip_source_buffer");
		zip_int64_t idx = zip_file_add(za, names[i], src, ZIP_FL_OVERWRITE);
		FUZZ_ASSERT(idx >= 0, "zip_file_add %s", names[i]);
		zip_set_file_compression(za, (zip_uint64_t)idx, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 1);
		at = end + 1;
	}
	FUZZ_ASSERT(zip_close(za) == 0, "zip_close: %s", zip_strerror(za));
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

/* The diagnostics, flushed and checked; rc is what the call returned, which
 * must be 0 exactly when it reported no error. */
static void check_diagnostics(struct diag_ctx *d, int rc, const char *what)
{
	size_t len, nerrors = d->nerrors;
	char *text = flush_to_string(d, &len);
	FUZZ_ASSERT((rc == 0) == (nerrors == 0), "%s returned %d with %zu errors:\n%s", what, rc, nerrors, text);
	if (d->format == DIAG_JSON)
		FUZZ_ASSERT(fuzz_json_ok(text, len), "diagnostics are not valid JSON:\n%s", text);
	else
		FUZZ_ASSERT(fuzz_utf8(text, len), "diagnostics are not UTF-8:\n%s", text);
	free(text);
}

/* Where a CSV/TSV cell points: on or after its row's first line, and in the
 * cell's own field when the row is one line. */
static void check_csv_positions(const struct sheet *sh, unsigned r)
{
	unsigned n = sheet_row_cells(sh, r), line0, col0;
	srcmap_linecol(&sh->src, sheet_pos(sh, r, 0), &line0, &col0);
	FUZZ_ASSERT(line0 > 0 && col0 == 1, "R%uC1 at %u:%u", r + 1, line0, col0);
	int one_line = 1;
	if (n > POS_CHECKS_ROW)
		n = POS_CHECKS_ROW;   /* each check scans the row's line: see check_grid */
	for (unsigned c = 1; c < n; c++) {
		unsigned line, col;
		srcmap_linecol(&sh->src, sheet_pos(sh, r, c), &line, &col);
		FUZZ_ASSERT(line >= line0, "R%uC%u at line %u, before its row's line %u", r + 1, c + 1, line, line0);
		one_line &= line == line0;
		if (one_line)
			FUZZ_ASSERT(col == c + 1, "R%uC%u (%s) at field %u of line %u", r + 1, c + 1,
			            sheet_cell(sh, r, c), col, line);
	}
}

static void check_grid(const struct sheet *sh)
{
	size_t n = (size_t)sh->nrows * sh->ncols;
	FUZZ_ASSERT(sh->nrows <= SHEET_MAX_ROWS && sh->ncols <= SHEET_MAX_COLS && n <= SHEET_MAX_CELLS,
	            "%u x %u", sh->nrows, sh->ncols);
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += strlen(sh->text[i] ? sh->text[i] : "");
	FUZZ_ASSERT(bytes <= SHEET_MAX_TEXT, "%zu bytes of cell text", bytes);
	for (unsigned r = 0; r < sh->nrows; r++) {
		for (unsigned c = 0; c < sh->ncols; c++) {
			size_t i = (size_t)r * sh->ncols + c;
			const char *t = sheet_cell(sh, r, c);
			FUZZ_ASSERT(fuzz_utf8(t, strlen(t)), "R%uC%u is not UTF-8", r + 1, c + 1);
			FUZZ_ASSERT(sh->origin[i] <= i, "R%uC%u merged from a later cell", r + 1, c + 1);
			/* srcmap_linecol() scans a row's line from its start, so
			 * checking every cell of a sheet of 2,000,000 cells would
			 * be quadratic in a row's length (a 627-byte .ods with
			 * repeated columns took 41 s): the first POS_CHECKS cells
			 * and every row's last one are checked. */
			if (sh->src.sheet && (i < POS_CHECKS || c + 1 == sh->ncols)) {
				unsigned line, col;
				srcmap_linecol(&sh->src, sheet_pos(sh, r, c), &line, &col);
				FUZZ_ASSERT(line == r + 1 && col == c + 1, "R%uC%u printed as R%uC%u", r + 1, c + 1,
				            line, col);
			}
		}
		if (!sh->src.sheet)
			check_csv_positions(sh, r);
	}
}

static void run_reader(const char *name, enum diag_format fmt)
{
	struct diag_ctx d;
	diag_init(&d);
	d.format = fmt;
	struct sheet sh;
	int rc = sheet_read(fuzz_path, name, R_IMPORT_CELL, &d, &sh);
	FUZZ_ASSERT(rc == 0 || rc == 1, "sheet_read returned %d", rc);
	check_diagnostics(&d, rc, "sheet_read");
	if (rc == 0)
		check_grid(&sh);
	sheet_free(&sh);
	diag_free(&d);
}

/* A frame with every field templates/skeleton.xml has, as kpic import
 * fills them. */
static const char frame_text[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-model href=\"@SCHEMA@\"?>\n<!--\n@HEADER@\n-->\n"
	"<strategy xmlns=\"urn:x-kpic:strategy:1\"><meta><municipality>@MUNICIPALITY@</municipality>"
	"<title>@TITLE@</title><period start=\"@START@\" end=\"@END@\" baseline=\"@BASELINE@\"/>"
	"<as-of>@AS_OF@</as-of><!-- @SCHEME@ -->@EVALUATION@</meta>\n@BODY@"
	"<document><title>@TITLE@</title></document></strategy>\n";

static void run_import(const char *name, enum diag_format fmt)
{
	const struct import_frame fr = { frame_text, "/usr/share/kpic/templates/kpic.rng" };
	struct buf err = BUF_INIT;
	struct diag_ctx d;
	diag_init(&d);
	d.format = fmt;
	struct sheet sh;
	struct buf xml = BUF_INIT;
	int rc = import_sheet(fuzz_path, name, &fr, &d, &sh, &xml, &err);
	FUZZ_ASSERT(err.len == 0, "the frame was refused: %s", buf_str(&err));
	check_diagnostics(&d, rc, "import_sheet");
	if (rc == 0) {
		FUZZ_ASSERT(xml.len > 0 && fuzz_utf8(buf_str(&xml), xml.len), "the source is empty or not UTF-8");
		xmlDoc *doc = xmlReadMemory(buf_str(&xml), (int)xml.len, "imported.xml", NULL,
		                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		FUZZ_ASSERT(doc != NULL, "the imported source is not well-formed:\n%s", buf_str(&xml));
		xmlFreeDoc(doc);
	}
	buf_free(&xml);
	buf_free(&err);
	sheet_free(&sh);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const exts[] = { "csv", "tsv", "xlsx", "ods", "xlsx", "ods", "csv", "csv" };
	static const char *const names[] = { NULL, "KPI", "Sheet1", "goal1" };
	if (size == 0)
		return 0;
	unsigned mode = data[0];
	data++;
	size--;
	unsigned kind = mode & 7;
	snprintf(fuzz_path, sizeof fuzz_path, "%s/sheet.%s", fuzz_dir, exts[kind]);
	if (kind == 4 || kind == 5)
		write_zip(data, size, kind == 4 ? XLSX_MEMBERS : ODS_MEMBERS, mode & 32);
	else
		fuzz_write_input(data, size);
	const char *name = names[(mode >> 3) & 3];
	enum diag_format fmt = mode & 64 ? DIAG_JSON : DIAG_TEXT;
	run_reader(name, fmt);
	run_import(name, fmt);
	unlink(fuzz_path);
	return 0;
}

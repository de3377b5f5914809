/*
 * sheet.c - the grid every sheet reader ends in, and the CSV/TSV reader
 * (see sheet.h).
 */
#include "sheet.h"
#include "jfmt.h"
#include "load.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Merged ranges may not cover more cells in all than the grid may hold:
 * overlapping ranges would otherwise make marking them quadratic. */
#define SHEET_MAX_MERGES 65536u

int sheet_add(struct sheet_builder *b, unsigned row, unsigned col, char *text, size_t off)
{
	if (row >= SHEET_MAX_ROWS || col >= SHEET_MAX_COLS || b->n >= SHEET_MAX_CELLS) {
		free(text);
		return -1;
	}
	size_t len = strlen(text);
	if (len > SHEET_MAX_TEXT - b->bytes) {
		free(text);
		return SHEET_TOO_MUCH_TEXT;
	}
	b->bytes += len;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->items = xrealloc(b->items, b->cap * sizeof *b->items);
	}
	b->items[b->n++] = (struct sheet_item){ row, col, text, off };
	return 0;
}

void sheet_text_limit(struct diag_ctx *d, struct srcfile *src, size_t at)
{
	diag_report(d, R_IMPORT_LIMIT, src, at,
	            "the sheet's cells hold more than %u MiB of text, kpic's limit (a KPI table holds a few hundred KiB; "
	            "a repeated cell counts once for each cell it fills): delete what lies outside the KPI table, "
	            "or save the table alone as CSV UTF-8",
	            SHEET_MAX_TEXT / (1024u * 1024u));
}

void sheet_add_merge(struct sheet_builder *b, unsigned r0, unsigned c0, unsigned r1, unsigned c1)
{
	if (r1 < r0 || c1 < c0 || b->nmerges >= SHEET_MAX_MERGES)
		return;
	if (b->nmerges == b->mcap) {
		b->mcap = b->mcap ? b->mcap * 2 : 16;
		b->merges = xrealloc(b->merges, b->mcap * sizeof *b->merges);
	}
	b->merges[b->nmerges++] = (struct sheet_merge){ r0, c0, r1, c1 };
}

void sheet_builder_free(struct sheet_builder *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->items[i].text);
	free(b->items);
	free(b->merges);
	memset(b, 0, sizeof *b);
}

void sheet_free(struct sheet *sh)
{
	size_t n = (size_t)sh->nrows * sh->ncols;
	for (size_t i = 0; sh->text && i < n; i++)
		free(sh->text[i]);
	free(sh->text);
	free(sh->off);
	free(sh->origin);
	srcmap_free(&sh->src);
	memset(sh, 0, sizeof *sh);
}

const char *sheet_cell(const struct sheet *sh, unsigned row, unsigned col)
{
	if (row >= sh->nrows || col >= sh->ncols)
		return "";
	const char *t = sh->text[(size_t)row * sh->ncols + col];
	return t ? t : "";
}

size_t sheet_pos(const struct sheet *sh, unsigned row, unsigned col)
{
	if (row >= sh->nrows || col >= sh->ncols)
		return SRC_NOWHERE;
	return sh->off[(size_t)row * sh->ncols + col];
}

int sheet_covered(const struct sheet *sh, unsigned row, unsigned col)
{
	if (row >= sh->nrows || col >= sh->ncols)
		return 0;
	size_t i = (size_t)row * sh->ncols + col;
	return sh->origin[i] != i;
}

/* Marks the cells of the merged ranges with their origin; -1 when the ranges
 * cover more cells than a grid may have. */
static int mark_merges(struct sheet *sh, const struct sheet_builder *b)
{
	size_t budget = SHEET_MAX_CELLS;
	for (size_t m = 0; m < b->nmerges; m++) {
		const struct sheet_merge *g = &b->merges[m];
		if (g->r0 >= sh->nrows || g->c0 >= sh->ncols)
			continue;
		unsigned r1 = g->r1 < sh->nrows ? g->r1 : sh->nrows - 1;
		unsigned c1 = g->c1 < sh->ncols ? g->c1 : sh->ncols - 1;
		size_t o = (size_t)g->r0 * sh->ncols + g->c0;
		for (unsigned r = g->r0; r <= r1; r++)
			for (unsigned c = g->c0; c <= c1; c++) {
				if (budget-- == 0)
					return -1;
				sh->origin[(size_t)r * sh->ncols + c] = (unsigned)o;
			}
	}
	return 0;
}

/* The grid from the collected cells; 0, or 1 after a diagnostic. */
static int build_grid(struct sheet_builder *b, struct diag_ctx *d, struct sheet *sh)
{
	unsigned nr = 0, nc = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (b->items[i].row + 1 > nr)
			nr = b->items[i].row + 1;
		if (b->items[i].col + 1 > nc)
			nc = b->items[i].col + 1;
	}
	if ((size_t)nr * nc > SHEET_MAX_CELLS) {
		diag_report(d, R_IMPORT_LIMIT, &sh->src, SRC_NOWHERE,
		            "the sheet's used range is %u rows by %u columns, more than the %u cells kpic reads; delete what lies outside the KPI table",
		            nr, nc, SHEET_MAX_CELLS);
		return 1;
	}
	size_t n = (size_t)nr * nc;
	sh->nrows = nr;
	sh->ncols = nc;
	sh->text = xcalloc(n + 1, sizeof *sh->text);
	sh->off = xcalloc(n + 1, sizeof *sh->off);
	sh->origin = xcalloc(n + 1, sizeof *sh->origin);
	for (size_t i = 0; i < n; i++) {
		sh->origin[i] = (unsigned)i;
		sh->off[i] = SRC_NOWHERE;
	}
	for (size_t i = 0; i < b->n; i++) {
		size_t k = (size_t)b->items[i].row * nc + b->items[i].col;
		free(sh->text[k]);
		sh->text[k] = b->items[i].text;
		sh->off[k] = b->items[i].off;
		b->items[i].text = NULL;
	}
	if (mark_merges(sh, b) < 0) {
		diag_report(d, R_IMPORT_LIMIT, &sh->src, SRC_NOWHERE,
		            "the sheet's merged ranges cover more than %u cells; unmerge what lies outside the KPI table",
		            SHEET_MAX_CELLS);
		return 1;
	}
	return 0;
}

/* The rows as lines of tab-separated cells: the text diagnostics of a zipped
 * sheet point into (line = row, field = column). */
static void synthesize_text(struct sheet *sh, char *sheet_name)
{
	struct buf t = BUF_INIT;
	for (unsigned r = 0; r < sh->nrows; r++) {
		for (unsigned c = 0; c < sh->ncols; c++) {
			if (c)
				buf_putc(&t, '\t');
			sh->off[(size_t)r * sh->ncols + c] = t.len;
			/* by spans: a sheet may hold SHEET_MAX_TEXT bytes */
			for (const char *p = sheet_cell(sh, r, c); *p;) {
				size_t n = strcspn(p, "\t\n\r\"");
				buf_put(&t, p, n);
				p += n;
				if (*p) {
					buf_putc(&t, ' ');
					p++;
				}
			}
		}
		buf_putc(&t, '\n');
	}
	size_t len = t.len;
	char *text = t.data ? t.data : xcalloc(1, 1);
	char *path = xstrdup(sh->src.path);
	srcmap_free(&sh->src);
	srcmap_init(&sh->src, path, text, len);
	free(path);
	srcmap_fields(&sh->src, '\t');
	sh->src.sheet = sheet_name;
}

/* CSV cells without an offset (past a short row's end) point at the row's
 * last cell, so that every diagnostic has a line. */
static void fill_offsets(struct sheet *sh)
{
	for (unsigned r = 0; r < sh->nrows; r++) {
		size_t last = SRC_NOWHERE;
		for (unsigned c = 0; c < sh->ncols; c++) {
			size_t *o = &sh->off[(size_t)r * sh->ncols + c];
			if (*o == SRC_NOWHERE)
				*o = last;
			else
				last = *o;
		}
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\r' || c == '\t';
}

/* One field of a CSV/TSV record starting at *pos; RFC 4180 quotes, which may
 * hold line breaks.  Leaves *pos at the separator, line end or end. */
static int read_field(const char *t, size_t len, size_t *pos, char sep, struct buf *f)
{
	size_t i = *pos;
	while (i < len && t[i] == ' ')
		i++;
	if (i < len && t[i] == '"') {
		for (i++;; i++) {
			if (i >= len)
				return -1;
			if (t[i] == '"' && i + 1 < len && t[i + 1] == '"')
				buf_putc(f, t[i++]);
			else if (t[i] == '"')
				break;
			else
				buf_putc(f, t[i]);
		}
		for (i++; i < len && (t[i] == ' ' || t[i] == '\r'); i++)
			;
		*pos = i;
		return i < len && t[i] != sep && t[i] != '\n' ? -1 : 0;
	}
	size_t s = i;
	while (i < len && t[i] != sep && t[i] != '\n')
		i++;
	size_t e = i;
	while (e > s && is_space(t[e - 1]))
		e--;
	buf_put(f, t + s, e - s);
	*pos = i;
	return 0;
}

/* TSV when the first line with content has a tab, else CSV.  Blank lines,
 * lines starting with '#' and lines of one cell (neither a tab nor a comma)
 * do not count: a sheet of actuals may open with a comment saying what it
 * holds, or a title (令和5年度 実績). */
static char separator(const char *t, size_t len, size_t pos)
{
	while (pos < len) {
		const char *nl = memchr(t + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - t) : len, f = pos;
		while (f < end && is_space(t[f]))
			f++;
		if (f < end && t[f] != '#' && memchr(t + pos, '\t', end - pos))
			return '\t';
		if (f < end && t[f] != '#' && memchr(t + pos, ',', end - pos))
			return ',';
		pos = end + 1;
	}
	return '\t';
}

static int read_delimited(struct sheet *sh, struct sheet_builder *b, enum rule syntax, struct diag_ctx *d)
{
	const char *t = sh->src.text;
	size_t len = sh->src.len, pos = len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0;
	char sep = separator(t, len, pos);
	srcmap_fields(&sh->src, sep);
	/* a control character could not go into the XML kpic makes of a cell */
	for (size_t i = pos; i < len; i++)
		if ((unsigned char)t[i] < 0x20 && t[i] != '\t' && t[i] != '\n' && t[i] != '\r') {
			diag_report(d, syntax, &sh->src, i,
			            "a control character (U+%04X) in the sheet; delete it (a cell holds text, tabs and line breaks only)",
			            (unsigned)t[i]);
			return 1;
		}
	for (unsigned row = 0; pos < len; row++) {
		for (unsigned col = 0;; col++) {
			struct buf f = BUF_INIT;
			size_t start = pos;
			if (read_field(t, len, &pos, sep, &f) < 0) {
				buf_free(&f);
				diag_report(d, syntax, &sh->src, start,
				            "a quoted cell is not closed, or is followed by more text before the next separator");
				return 1;
			}
			int added = sheet_add(b, row, col, f.data ? f.data : xstrdup(""), start);
			if (added == SHEET_TOO_MUCH_TEXT) {
				sheet_text_limit(d, &sh->src, start);
				return 1;
			}
			if (added < 0) {
				diag_report(d, R_IMPORT_LIMIT, &sh->src, start,
				            "the sheet has more than %u rows, %u columns or %u cells, more than kpic reads",
				            SHEET_MAX_ROWS, SHEET_MAX_COLS, SHEET_MAX_CELLS);
				return 1;
			}
			if (pos >= len || t[pos] == '\n') {
				pos++;
				break;
			}
			pos++;   /* the separator */
		}
	}
	return 0;
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && strcasecmp(path + n - e, ext) == 0;
}

static int read_csv(const char *path, enum rule syntax, struct diag_ctx *d, struct sheet *sh,
                    struct sheet_builder *b)
{
	size_t len = 0, bad;
	int err, too_large;
	char *text = load_read_all(path, &len, &err, &too_large);
	srcmap_init(&sh->src, path, text ? text : xcalloc(1, 1), text ? len : 0);
	if (text == NULL) {
		diag_report(d, too_large ? R_FILE_TOO_LARGE : R_UNREADABLE, &sh->src, SRC_NOWHERE,
		            too_large ? "the sheet is larger than 64 MiB; a KPI table is a few hundred KiB: is this the right file?"
		                      : "cannot read: %s", strerror(err));
		return 1;
	}
	if (len == 0) {
		diag_report(d, R_EMPTY_FILE, &sh->src, SRC_NOWHERE, "the sheet is empty; expected a KPI table");
		return 1;
	}
	if (!jfmt_utf8_valid(text, len, &bad) || strlen(text) != len) {
		diag_report(d, R_ENCODING, &sh->src, SRC_NOWHERE,
		            "the sheet is not UTF-8 text; save it as CSV UTF-8 or UTF-8 TSV (or give kpic the .xlsx/.ods itself)");
		return 1;
	}
	return read_delimited(sh, b, syntax, d);
}

int sheet_read(const char *path, const char *name, enum rule syntax, struct diag_ctx *d, struct sheet *sh)
{
	memset(sh, 0, sizeof *sh);
	struct sheet_builder b = { 0 };
	char *sheet_name = NULL;
	int zipped = has_ext(path, ".xlsx") || has_ext(path, ".ods"), rc;
	if (zipped) {
		srcmap_init(&sh->src, path, xcalloc(1, 1), 0);
		rc = has_ext(path, ".xlsx") ? sheet_read_xlsx(path, name, d, sh, &b, &sheet_name)
		                            : sheet_read_ods(path, name, d, sh, &b, &sheet_name);
	} else {
		rc = read_csv(path, syntax, d, sh, &b);
		if (rc == 0 && name)
			diag_report(d, R_IMPORT_SHEET, &sh->src, SRC_NOWHERE,
			            "--sheet=%s: a CSV or TSV file has one sheet; --sheet is for .xlsx and .ods", name);
		rc = rc || name;
	}
	if (rc == 0)
		rc = build_grid(&b, d, sh);
	if (rc == 0 && zipped)
		synthesize_text(sh, sheet_name);
	else if (rc == 0)
		fill_offsets(sh);
	if (rc || !zipped)
		free(sheet_name);
	sheet_builder_free(&b);
	return rc;
}

unsigned sheet_row_cells(const struct sheet *sh, unsigned row)
{
	if (row >= sh->nrows)
		return 0;
	if (sh->src.sheet)
		return sh->ncols;
	/* fill_offsets gave the cells past a CSV row's end their last cell's
	 * offset; a real cell starts past its predecessor's separator */
	unsigned n = 1;
	while (n < sh->ncols && sheet_pos(sh, row, n) != sheet_pos(sh, row, n - 1))
		n++;
	return n;
}

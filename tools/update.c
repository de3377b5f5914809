/*
 * update.c - `kpic update` (see update.h).
 *
 * Three steps: read the sheet through sheet.h's reader (TSV, CSV, .xlsx or
 * .ods: one grid whose cells know their positions, for diagnostics), resolve
 * each row to a KPI series and a decision
 * (unchanged, add, replace, revise) against the checked model, then turn the
 * decisions into text edits at the offsets srcmap.h knows and apply them in
 * one pass.  The caller checks the result as a source before writing it.
 */
#include "update.h"
#include "update_impl.h"
#include "suggest.h"
#include "i18n.h"
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct plan {
	unsigned row;                /* the sheet's row */
	int kpi, series;
	int has_num;
	kdec numv;                   /* the figure, when has_num */
	char num[64];                /* ... as the source writes it */
	enum vstatus status;
};

enum { COL_KPI, COL_SERIES, COL_VALUE, COL_STATUS, COL_YEAR, NCOLS };

/* A cell's text; a cell covered by a merged range reads as its origin (a
 * KPI's name merged over the rows of its series names each row's KPI). */
const char *update_cell_text(const struct sheet *sh, unsigned r, unsigned c)
{
	if (sheet_covered(sh, r, c)) {
		unsigned o = sh->origin[(size_t)r * sh->ncols + c];
		return sheet_cell(sh, o / sh->ncols, o % sh->ncols);
	}
	return sheet_cell(sh, r, c);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\r' || c == '\t';
}

/* Blank rows, and rows whose first non-blank cell starts with '#', say
 * nothing (a comment saying what the sheet holds). */
int update_skipped_row(const struct sheet *sh, unsigned r)
{
	for (unsigned c = 0; c < sh->ncols; c++) {
		const char *t = update_cell_text(sh, r, c);
		if (*t)
			return *t == '#';
	}
	return 1;
}

/* Columns a sheet may carry for the person filling it in, which update
 * reads past: those kpic export --actuals-template writes beside the KPI,
 * series and value columns. */
static int info_column(const char *name)
{
	static const char *const names[] = {
		"KPI名", "担当課", "単位", "前回の実績", "前回の年度", "kpi_name", "department", "unit", "last_value", "last_year",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

/* Header names of each column (a header row is recognised by its first cell). */
static int column_of(const char *name)
{
	static const char *const names[NCOLS][6] = {
		{ "kpi", "id", "kpi_id", "name", "KPI", "KPI項目" },
		{ "series", "series_key", "key", "系列", NULL, NULL },
		{ "value", "actual", "値", "実績", "実績値", NULL },
		{ "status", "状態", NULL, NULL, NULL, NULL },
		{ "year", "fiscal_year", "fy", "FY", "年度", "年" },
	};
	for (int c = 0; c < NCOLS; c++)
		for (int k = 0; k < 6 && names[c][k]; k++)
			if (!strcmp(name, names[c][k]))
				return c;
	return -1;
}

/* The element's end: just past its end tag, or past "/>". */
size_t update_element_end(const char *t, size_t len, size_t start)
{
	size_t i = start + 1;
	char q = 0;
	for (; i < len; i++) {
		if (q) {
			if (t[i] == q)
				q = 0;
		} else if (t[i] == '"' || t[i] == '\'') {
			q = t[i];
		} else if (t[i] == '>') {
			break;
		}
	}
	if (i >= len)
		return len;
	if (t[i - 1] == '/')
		return i + 1;
	for (i++; i < len; i++) {
		if (t[i] != '<')
			continue;
		const char *close = !strncmp(t + i, "<!--", 4) ? "-->" : !strncmp(t + i, "<![CDATA[", 9) ? "]]>" : NULL;
		if (close) {
			const char *p = strstr(t + i, close);
			if (p == NULL)
				return len;
			i = (size_t)(p - t) + strlen(close) - 1;
		} else if (i + 1 < len && t[i + 1] == '/') {
			const char *p = memchr(t + i, '>', len - i);
			return p ? (size_t)(p - t) + 1 : len;
		}
	}
	return len;
}

/* The namespace prefix of the element at start, with its colon ("" if none). */
void update_prefix_at(const char *t, size_t len, size_t start, struct buf *out)
{
	size_t i = start + 1, colon = 0;
	while (i < len && !is_blank(t[i]) && t[i] != '\n' && t[i] != '/' && t[i] != '>') {
		if (t[i] == ':')
			colon = i;
		i++;
	}
	if (colon)
		buf_put(out, t + start + 1, colon - start);
}

/* An attribute of the value replaced, written again as it was (with its
 * leading space), or nothing. */
static void keep_attr(struct buf *b, const xmlNode *old, const char *name)
{
	xmlChar *v = old ? xmlGetProp(old, (const xmlChar *)name) : NULL;
	if (v) {
		buf_printf(b, " %s=\"", name);
		buf_xml_str(b, (const char *)v);
		buf_putc(b, '"');
	}
	xmlFree(v);
}

/* The new <value>; old, the value it replaces (NULL when added), keeps its
 * from= (a span of years), label= and note=. */
static void value_element(struct buf *b, const char *prefix, int year, const struct plan *p,
                          const char *revised, const xmlNode *old)
{
	buf_printf(b, "<%svalue year=\"%d\"", prefix, year);
	keep_attr(b, old, "from");
	if (p->status != VS_MEASURED)
		buf_printf(b, " status=\"%s\"", vocab_status_name(p->status));
	if (revised) {
		buf_puts(b, " revised=\"");
		buf_xml_str(b, revised);
		buf_putc(b, '"');
	}
	keep_attr(b, old, "label");
	keep_attr(b, old, "note");
	if (p->has_num)
		buf_printf(b, ">%s</%svalue>", p->num, prefix);
	else
		buf_puts(b, "/>");
}

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

int update_find_kpi(const struct model *m, const char *s, int *count)
{
	int k = model_find_kpi(m, s);
	*count = k >= 0;
	if (k >= 0)
		return k;
	for (size_t i = 0; i < m->nkpis; i++)
		if (m->kpis[i].name && !strcmp(m->kpis[i].name, s)) {
			if (*count == 0)
				k = (int)i;
			++*count;
		}
	return k;
}

void update_series_keys(const struct kpi *k, struct buf *b)
{
	for (size_t j = 0; j < k->nseries; j++) {
		buf_printf(b, "%s%s", j ? ", " : "", k->series[j].key ? k->series[j].key : "");
		if (k->series[j].label)
			buf_printf(b, " (%s)", k->series[j].label);
	}
}

/* The series a row names: by its key, else by its label (男性, as the
 * document prints it); an empty name for a KPI of one series.  -1 if none. */
int update_find_series(const struct kpi *k, const char *name)
{
	if (!*name)
		return k->nseries == 1 ? 0 : -1;
	for (size_t j = 0; j < k->nseries; j++)
		if (k->series[j].key && !strcmp(k->series[j].key, name))
			return (int)j;
	for (size_t j = 0; j < k->nseries; j++)
		if (k->series[j].label && !strcmp(k->series[j].label, name))
			return (int)j;
	return -1;
}

/* A "unit" that is the rest of a number the reader stopped in (１，２:
 * a comma, or a digit, half- or full-width): the cell is no figure. */
int update_cut_number(const char *unit)
{
	const unsigned char *u = (const unsigned char *)unit;
	return u[0] == ',' || (u[0] >= '0' && u[0] <= '9') ||
	       (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8C || (u[2] >= 0x90 && u[2] <= 0x99)));
}

/* The row's figure and status, read as kpic import reads a table's cells:
 * 3,240人, 36.8%, △3.3, — or － (no figure), (1.64) (参考値), 未確定 (313千㎡);
 * a unit must be the series' own.  0, or -1 after a diagnostic. */
static int read_figure(const struct kpi *k, const struct sheet *sh, const char *const *cells, const size_t *offs,
                       struct diag_ctx *d, struct plan *p)
{
	const struct series *s = &k->series[p->series];
	const char *v = cells[COL_VALUE];
	struct figure f;
	if (vocab_figure_cell(v, &f) < 0 || update_cut_number(f.unit)) {
		diag_report(d, R_ACTUALS_SYNTAX, &sh->src, offs[COL_VALUE],
		            "'%s' is not a figure kpic can read: write 16474, 3,240人, 19.50%%, 141万5千人, △3.3, — (no figure), (1.64) (参考値) or 未確定 (313千㎡)",
		            v);
		return -1;
	}
	if (f.unit[0] && (s->unit == NULL || strcmp(s->unit, f.unit))) {
		diag_report(d, R_ACTUALS_SYNTAX, &sh->src, offs[COL_VALUE],
		            s->unit ? N_("'%s': the unit is '%s', but KPI '%s' counts in '%s'")
		                    /* xgettext:c-format */ : N_("'%s': the unit is '%s', but KPI '%s' has no unit%s"),
		            v, f.unit, k->id, s->unit ? s->unit : "");
		return -1;
	}
	p->has_num = f.has_num;
	p->numv = f.num;
	if (f.has_num)
		kdec_format(f.num, p->num, sizeof p->num);
	p->status = f.st;
	const char *st = cells[COL_STATUS];
	if (st && *st) {
		enum vstatus named;
		if (vocab_status_parse(st, &named) < 0) {
			diag_report(d, R_ACTUALS_SYNTAX, &sh->src, offs[COL_STATUS],
			            "unknown status '%s' (measured/実績, provisional/未確定, reference/参考値, not-surveyed/未調査, not-available/—)",
			            st);
			return -1;
		}
		if (f.has_num && f.st != VS_MEASURED && named != f.st) {
			diag_report(d, R_ACTUALS_SYNTAX, &sh->src, offs[COL_STATUS],
			            "the figure '%s' is written as %s, but the status column says %s: keep one of them", v,
			            vocab_status_name(f.st), vocab_status_name(named));
			return -1;
		}
		p->status = named;
	}
	int no_figure = p->status == VS_NOT_SURVEYED || p->status == VS_NOT_AVAILABLE;
	if (p->has_num == no_figure) {
		diag_report(d, R_ACTUALS_SYNTAX, &sh->src, offs[p->has_num ? COL_STATUS : COL_VALUE],
		            p->has_num ? "status '%s' means there is no figure, but the row has one"
		                       : "status '%s' needs a figure, but the row has none",
		            vocab_status_name(p->status));
		return -1;
	}
	return 0;
}

/* "did you mean …?" for a KPI id or name the source lacks, at the KPI. */
void update_suggest_kpi(const struct model *m, const struct srcfile *src, struct diag_ctx *d, const char *what)
{
	struct suggest sg;
	suggest_init(&sg, what);
	for (size_t i = 0; i < m->nkpis; i++) {
		suggest_offer(&sg, m->kpis[i].id, srcmap_attr(src, m->kpis[i].node, "id"));
		suggest_offer(&sg, m->kpis[i].name, srcmap_node(src, m->kpis[i].node));
	}
	size_t where;
	const char *best = suggest_best(&sg, &where);
	if (best)
		diag_note(d, src, where, "did you mean '%s'?", best);
}

/* Resolves one row into a plan; 0, or -1 after a diagnostic. */
static int resolve(const struct model *m, const struct srcfile *src, const struct sheet *sh, unsigned r,
                   const int *col, struct diag_ctx *d, struct plan *p)
{
	const char *cells[NCOLS] = { NULL, NULL, NULL, NULL, NULL };
	size_t row_off = sheet_pos(sh, r, 0), offs[NCOLS] = { row_off, row_off, row_off, row_off, row_off };
	unsigned n = sheet_row_cells(sh, r);
	const struct srcfile *sheet = &sh->src;
	for (int c = 0; c < NCOLS; c++)
		if (col[c] >= 0 && (unsigned)col[c] < n) {
			cells[c] = update_cell_text(sh, r, (unsigned)col[c]);
			offs[c] = sheet_pos(sh, r, (unsigned)col[c]);
		}
	memset(p, 0, sizeof *p);
	p->row = r;
	if (cells[COL_KPI] == NULL || cells[COL_VALUE] == NULL) {
		diag_report(d, R_ACTUALS_SYNTAX, sheet, row_off,
		            /* xgettext:c-format */ n == 1 ? N_("this row has %zu column; expected KPI, series, value and optionally status")
		            /* xgettext:c-format */ : N_("this row has %zu columns; expected KPI, series, value and optionally status"),
		            (size_t)n);
		return -1;
	}
	if (!*cells[COL_KPI]) {
		diag_report(d, R_ACTUALS_SYNTAX, sheet, offs[COL_KPI], "no KPI id or name in this row");
		return -1;
	}
	int count;
	p->kpi = update_find_kpi(m, cells[COL_KPI], &count);
	if (count != 1) {
		if (count == 0) {
			diag_report(d, R_ACTUALS_UNKNOWN, sheet, offs[COL_KPI], "no KPI has the id or name '%s'",
			            cells[COL_KPI]);
			update_suggest_kpi(m, src, d, cells[COL_KPI]);
		} else
			diag_report(d, R_ACTUALS_UNKNOWN, sheet, offs[COL_KPI],
			            "%d KPIs are named '%s'; give the KPI's id instead", count, cells[COL_KPI]);
		return -1;
	}
	const struct kpi *k = &m->kpis[p->kpi];
	const char *key = cells[COL_SERIES] ? cells[COL_SERIES] : "";
	p->series = update_find_series(k, key);
	if (p->series < 0) {
		struct buf keys = BUF_INIT;
		update_series_keys(k, &keys);
		if (*key)
			diag_report(d, R_ACTUALS_UNKNOWN, sheet, offs[COL_SERIES],
			            k->nseries > 1 ? N_("KPI '%s' has no series '%s' (its series: %s)")
			                            /* xgettext:c-format */ : N_("KPI '%s' has no series '%s'%s"),
			            k->id, key, k->nseries > 1 ? buf_str(&keys) : "");
		else
			diag_report(d, R_ACTUALS_UNKNOWN, sheet, offs[COL_SERIES],
			            "KPI '%s' has %zu series (%s): name one in the series column", k->id, k->nseries,
			            buf_str(&keys));
		buf_free(&keys);
		return -1;
	}
	return read_figure(k, sh, cells, offs, d, p);
}
/* What the rows share while they are turned into edits. */
struct run {
	const struct model *m;
	const struct srcfile *src;   /* the source's text */
	const struct sheet *sh;
	const struct update_request *rq;
	struct diag_ctx *d;
	struct update_result *res;
	int col[NCOLS];
	int header_year;             /* the value column's header names the year (令和5年度), else 0 */
	size_t header_year_pos;
	int title_year;              /* a title row above the header names the year, else 0 */
	size_t title_year_pos;
	struct plan *plans;
	size_t nplans;
	struct edit *edits;
	size_t nedits;
	size_t errors;
};

/* The fiscal year a value column's header names: "令和5年度", "R5", "FY2023",
 * "2023", alone or with the value's word ("令和5年度実績", "実績(R5)",
 * "実績値（FY2023）"); 0 if none. */
static int value_header_year(const char *name)
{
	static const char *const words[] = { "実績値", "実績", "value", "actual" };
	char t[128];
	size_t n = strlen(name);
	if (n >= sizeof t)
		return 0;
	memcpy(t, name, n + 1);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t k = strlen(words[i]);
		if (n > k && !strncmp(t, words[i], k)) {
			memmove(t, t + k, n - k + 1);
			n -= k;
		} else if (n > k && !strcmp(t + n - k, words[i])) {
			t[n -= k] = '\0';
		}
	}
	const char *b = t + vocab_value_blank(t);
	size_t len = strlen(b);
	while (len && b[len - 1] == ' ')
		len--;
	static const char *const parens[][2] = { { "(", ")" }, { "（", "）" } };
	for (size_t i = 0; i < 2; i++) {
		size_t o = strlen(parens[i][0]), c = strlen(parens[i][1]);
		if (len > o + c && !strncmp(b, parens[i][0], o) && !strncmp(b + len - c, parens[i][1], c)) {
			b += o;
			len -= o + c;
			break;
		}
	}
	int y = vocab_fiscal_year_parse(b, len);
	return y > 0 ? y : 0;
}

/* A title's words: split at spaces (also U+3000) and brackets. */
static int title_sep(const char *p, size_t *len)
{
	static const char *const seps[] = { " ", "\t", "　", "(", ")", "（", "）", "【", "】", "「", "」", "・", "、", ":", "：" };
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		size_t n = strlen(seps[i]);
		if (!strncmp(p, seps[i], n)) {
			*len = n;
			return 1;
		}
	}
	return 0;
}

/* The fiscal year a title names ("令和5年度 実績", "FY2023 KPI実績報告",
 * "R5年度実績（企画課）"): the first word naming one that says it is a year
 * (年度, FY or an era), else 0. */
static int title_year(const char *t)
{
	while (*t) {
		size_t n = 0, sep;
		while (t[n] && !title_sep(t + n, &sep))
			n++;
		char w[128];
		if (n > 0 && n < sizeof w) {
			memcpy(w, t, n);
			w[n] = '\0';
			char *nendo = strstr(w, "年度");
			if (nendo)
				nendo[strlen("年度")] = '\0';
			int yearish = nendo || strstr(w, "FY") || !strncmp(w, "令和", 6) || !strncmp(w, "平成", 6) ||
			              ((w[0] == 'R' || w[0] == 'H') && w[1] >= '0' && w[1] <= '9');
			int y = yearish ? value_header_year(w) : 0;
			if (y > 0)
				return y;
		}
		t += n;
		if (*t && title_sep(t, &sep))
			t += sep;
	}
	return 0;
}

/* A title row above the header: the first row says one thing, the next row
 * that says something is the header.  The row of the header, or r. */
static unsigned title_row(struct run *x, unsigned r)
{
	const struct sheet *sh = x->sh;
	unsigned said = 0, at = 0;
	for (unsigned c = 0; c < sheet_row_cells(sh, r); c++)
		if (*update_cell_text(sh, r, c) && !sheet_covered(sh, r, c)) {
			said++;
			at = c;
		}
	unsigned h = r + 1;
	while (h < sh->nrows && update_skipped_row(sh, h))
		h++;
	if (said != 1 || h >= sh->nrows || column_of(update_cell_text(sh, h, 0)) != COL_KPI)
		return r;
	int y = title_year(update_cell_text(sh, r, at));
	if (y > 0) {
		x->title_year = y;
		x->title_year_pos = sheet_pos(sh, r, at);
	}
	return h;
}

/* The header row, if the first row that says something is one (its first
 * cell names the KPI column), perhaps under a title row: the columns by
 * name.  Returns the first row of data. */
static unsigned header(struct run *x)
{
	const struct sheet *sh = x->sh;
	unsigned r = 0;
	while (r < sh->nrows && update_skipped_row(sh, r))
		r++;
	for (int c = 0; c < NCOLS; c++)
		x->col[c] = c < COL_YEAR ? c : -1;
	if (r < sh->nrows && column_of(update_cell_text(sh, r, 0)) != COL_KPI)
		r = title_row(x, r);
	if (r >= sh->nrows || column_of(update_cell_text(sh, r, 0)) != COL_KPI)
		return 0;
	for (int c = 0; c < NCOLS; c++)
		x->col[c] = -1;
	for (unsigned j = 0, n = sheet_row_cells(sh, r); j < n; j++) {
		const char *name = update_cell_text(sh, r, j);
		int c = column_of(name), y = c < 0 ? value_header_year(name) : 0;
		if ((!*name && sh->src.sheet) || info_column(name))
			continue;            /* a spreadsheet's blank cells right of the table, a column to read past */
		if (y > 0 && x->col[COL_VALUE] < 0) {
			x->header_year = y;
			x->header_year_pos = sheet_pos(sh, r, j);
			c = COL_VALUE;
		}
		if (c < 0 || x->col[c] >= 0) {
			diag_report(x->d, R_ACTUALS_SYNTAX, &sh->src, sheet_pos(sh, r, j),
			            c < 0 ? "unknown column '%s' (kpi, series, value or a fiscal year such as 令和5年度, status, 年度)"
			                  : "column '%s' is named twice",
			            name);
			x->errors++;
		} else {
			x->col[c] = (int)j;
		}
	}
	if (x->col[COL_VALUE] < 0) {
		diag_report(x->d, R_ACTUALS_SYNTAX, &sh->src, sheet_pos(sh, r, 0), "the header names no value column");
		x->errors++;
	}
	return r + 1;
}

/* What names the year: "--year", the value column's header, or a row's 年度 cell. */
struct year_from {
	int year;
	const struct srcfile *where;  /* NULL: --year */
	size_t pos;
};

static void year_says(const struct year_from *f, struct buf *b)
{
	char name[64];
	vocab_fiscal_year_name(f->year, name, sizeof name);
	if (f->where)
		buf_printf(b, _("the sheet says %s"), name);
	else
		buf_printf(b, _("--year says %s"), name);
}

/* Another place naming the year: the same one, or a diagnostic at it. */
static void year_agrees(struct run *x, struct year_from *seen, int y, size_t pos)
{
	if (seen->year == 0) {
		*seen = (struct year_from){ y, &x->sh->src, pos };
		return;
	}
	if (seen->year == y)
		return;
	char name[64];
	struct buf b = BUF_INIT;
	vocab_fiscal_year_name(y, name, sizeof name);
	year_says(seen, &b);
	diag_report(x->d, R_ACTUALS_SYNTAX, &x->sh->src, pos,
	            "this is %s, but %s: one sheet holds the figures of one year; correct it, or split the sheet", name,
	            buf_str(&b));
	if (seen->where)
		diag_note(x->d, seen->where, seen->pos, "the year named first");
	buf_free(&b);
	x->errors++;
}

/* The sheet's fiscal year from --year, the value column's header and the
 * 年度 column, which must agree: never a guess.  0, or 2 after diagnostics
 * or with the message in err. */
static int sheet_year(struct run *x, unsigned first, struct buf *err)
{
	struct year_from seen = { x->rq->year, NULL, 0 };
	if (x->title_year)
		year_agrees(x, &seen, x->title_year, x->title_year_pos);
	if (x->header_year)
		year_agrees(x, &seen, x->header_year, x->header_year_pos);
	for (unsigned r = first; x->col[COL_YEAR] >= 0 && r < x->sh->nrows; r++) {
		if (update_skipped_row(x->sh, r))
			continue;
		const char *t = update_cell_text(x->sh, r, (unsigned)x->col[COL_YEAR]);
		size_t pos = sheet_pos(x->sh, r, (unsigned)x->col[COL_YEAR]);
		int y = vocab_fiscal_year_parse(t, strlen(t));
		if (y < 0) {
			diag_report(x->d, R_ACTUALS_SYNTAX, &x->sh->src, pos,
			            "'%s' is not a fiscal year: write 令和5年度, R5, FY2023 or 2023", t);
			x->errors++;
		} else {
			year_agrees(x, &seen, y, pos);
		}
	}
	if (x->errors) {
		buf_printf(err, _("%s: the sheet's fiscal year is not clear; nothing was written"), x->rq->actuals);
		return 2;
	}
	if (seen.year == 0) {
		buf_printf(err,
		           _("%s: the sheet does not say which fiscal year its figures are for, and kpic does not guess: "
		             "give --year=2023, or name the year in the sheet (a 年度 column, or the value column's header: "
		             "令和5年度, R5, FY2023 or 2023); nothing was written"),
		           x->rq->actuals);
		return 2;
	}
	x->res->year = seen.year;
	return 0;
}

/* The row's figure for a year that already has a value: unchanged, replaced
 * or revised (refused without --revise). */
static void change_value(struct run *x, const struct plan *p, const struct value *v)
{
	const struct kpi *k = &x->m->kpis[p->kpi];
	const char *skey = k->series[p->series].key ? k->series[p->series].key : "";
	int same_num = v->has_num && p->has_num && v->num_ok && kdec_cmp(v->num, p->numv) == 0;
	if ((same_num || (!v->has_num && !p->has_num)) && v->status == p->status) {
		x->res->unchanged++;
		return;
	}
	int revision = v->has_num && !same_num;
	if (revision && !x->rq->revise) {
		struct buf now = BUF_INIT;
		buf_puts(&now, p->has_num ? p->num : _("no figure"));
		diag_report(x->d, R_ACTUALS_REVISION, &x->sh->src, sheet_pos(x->sh, p->row, (unsigned)x->col[COL_VALUE]),
		            *skey ? N_("KPI '%s' (series '%s') already has %s for FY%d; this row says %s: pass --revise to replace it (the old figure is kept as revised=\"…\")")
		                  /* xgettext:c-format */
		                  : N_("KPI '%s'%s already has %s for FY%d; this row says %s: pass --revise to replace it (the old figure is kept as revised=\"…\")"),
		            k->id, skey, v->text ? v->text : "", x->res->year, buf_str(&now));
		diag_note(x->d, x->src, srcmap_node(x->src, v->node), "the value in the source");
		buf_free(&now);
		x->errors++;
		return;
	}
	struct edit *e = &x->edits[x->nedits++];
	e->start = srcmap_node(x->src, v->node);
	e->end = update_element_end(x->src->text, x->src->len, e->start);
	struct buf prefix = BUF_INIT;
	update_prefix_at(x->src->text, x->src->len, e->start, &prefix);
	value_element(&e->text, buf_str(&prefix), x->res->year, p, revision ? v->text : NULL, v->node);
	buf_free(&prefix);
	if (revision)
		x->res->revised++;
	else
		x->res->replaced++;
}

void update_insert_after(const struct srcfile *src, size_t ps, struct edit *e, struct buf *prefix)
{
	e->start = e->end = update_element_end(src->text, src->len, ps);
	size_t ls = ps;
	while (ls > 0 && src->text[ls - 1] != '\n')
		ls--;
	size_t f = ls;
	while (f < ps && (src->text[f] == ' ' || src->text[f] == '\t'))
		f++;
	if (f == ps) {
		buf_puts(&e->text, ls >= 2 && src->text[ls - 2] == '\r' ? "\r\n" : "\n");
		buf_put(&e->text, src->text + ls, ps - ls);
	}
	update_prefix_at(src->text, src->len, ps, prefix);
}

/* No value for the year: a new one after the previous year's, or the
 * baseline, on its own line with the same indentation. */
static void add_value(struct run *x, const struct plan *p)
{
	const struct srcfile *src = x->src;
	const struct kpi *k = &x->m->kpis[p->kpi];
	const struct series *s = &k->series[p->series];
	const xmlNode *prev = s->baseline ? s->baseline->node : NULL;
	int prev_year = -1;
	for (size_t j = 0; j < s->nvalues; j++)
		if (s->values[j].year.ok && s->values[j].year.y < x->res->year && s->values[j].year.y > prev_year) {
			prev = s->values[j].node;
			prev_year = s->values[j].year.y;
		}
	size_t ps = prev ? srcmap_node(src, prev) : SRC_NOWHERE;
	if (ps == SRC_NOWHERE) {
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, sheet_pos(x->sh, p->row, 0),
		            "KPI '%s' has no baseline to add a value after", k->id);
		x->errors++;
		return;
	}
	struct edit *e = &x->edits[x->nedits++];
	struct buf prefix = BUF_INIT;
	update_insert_after(src, ps, e, &prefix);
	value_element(&e->text, buf_str(&prefix), x->res->year, p, NULL, NULL);
	buf_free(&prefix);
	x->res->added++;
}

/* A row whose value and status cells are both blank has not been filled in
 * (a 担当課 left it open): it says nothing, and its KPI stays without a
 * figure for the year.  "Not surveyed" is said with 未調査. */
static int not_filled_in(const struct run *x, unsigned r)
{
	unsigned n = sheet_row_cells(x->sh, r);
	int v = x->col[COL_VALUE], s = x->col[COL_STATUS];
	if (v < 0 || (unsigned)v >= n)
		return 0;            /* a row too short: resolve() says so */
	const char *vt = update_cell_text(x->sh, r, (unsigned)v);
	const char *st = s >= 0 && (unsigned)s < n ? update_cell_text(x->sh, r, (unsigned)s) : "";
	return vt[vocab_value_blank(vt)] == '\0' && st[vocab_value_blank(st)] == '\0';
}

/* One row of data: resolved, checked against the rows before, then an edit. */
static void one_row(struct run *x, unsigned r)
{
	if (not_filled_in(x, r)) {
		x->res->open++;
		return;
	}
	struct plan p;
	if (resolve(x->m, x->src, x->sh, r, x->col, x->d, &p) < 0) {
		x->errors++;
		return;
	}
	size_t dup = 0;
	while (dup < x->nplans && (x->plans[dup].kpi != p.kpi || x->plans[dup].series != p.series))
		dup++;
	const struct kpi *k = &x->m->kpis[p.kpi];
	const struct series *s = &k->series[p.series];
	const char *skey = s->key ? s->key : "";
	if (dup < x->nplans) {
		diag_report(x->d, R_ACTUALS_DUPLICATE, &x->sh->src, sheet_pos(x->sh, r, 0),
		            *skey ? N_("a second row for KPI '%s' (series '%s')")
		                  /* xgettext:c-format */ : N_("a second row for KPI '%s'%s"), k->id, skey);
		diag_note(x->d, &x->sh->src, sheet_pos(x->sh, x->plans[dup].row, 0), "first row for it here");
		x->errors++;
		return;
	}
	x->plans[x->nplans++] = p;
	const struct value *v = model_series_value(s, x->res->year);
	if (v)
		change_value(x, &p, v);
	else
		add_value(x, &p);
}

/* The series' latest value up to the sheet's year, NULL if none. */
static const struct value *latest_value(const struct series *s, int year)
{
	const struct value *v = NULL;
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct value *c = &s->values[i];
		if (c->year.ok && c->year.y <= year && (v == NULL || c->year.y > v->year.y))
			v = c;
	}
	return v;
}

/* Whether the row says what the series' latest value already says. */
static int repeats(const struct plan *p, const struct value *v)
{
	if (v == NULL || v->status != p->status || v->has_num != p->has_num)
		return 0;
	return !p->has_num || (v->num_ok && kdec_cmp(v->num, p->numv) == 0);
}

/* A sheet whose every row repeats its KPI's latest value has been applied
 * already (run twice, or given again for the next year): 1 with the
 * message in err, else 0. */
static int applied_already(const struct run *x, struct buf *err)
{
	int year = 0, one_year = 1;
	for (size_t i = 0; i < x->nplans; i++) {
		const struct plan *p = &x->plans[i];
		const struct value *v = latest_value(&x->m->kpis[p->kpi].series[p->series], x->res->year);
		if (!repeats(p, v))
			return 0;
		one_year &= year == 0 || year == v->year.y;
		year = v->year.y;
	}
	if (x->nplans == 0)
		return 0;
	char name[64];
	vocab_fiscal_year_name(year, name, sizeof name);
	if (one_year)
		buf_printf(err,
		           ngettext("%s: its %zu figure is the source's for %s already: the sheet has been applied; nothing was written (pass --again if the figures really are the same again)",
		                    "%s: its %zu figures are the source's for %s already: the sheet has been applied; nothing was written (pass --again if the figures really are the same again)",
		                    x->nplans),
		           x->rq->actuals, x->nplans, name);
	else
		buf_printf(err,
		           ngettext("%s: its %zu figure is its KPI's latest in the source already: the sheet has been applied; nothing was written (pass --again if the figures really are the same again)",
		                    "%s: its %zu figures are each KPI's latest in the source already: the sheet has been applied; nothing was written (pass --again if the figures really are the same again)",
		                    x->nplans),
		           x->rq->actuals, x->nplans);
	return 1;
}

void update_apply_edits(const struct srcfile *src, struct edit *edits, size_t n, struct buf *out)
{
	qsort(edits, n, sizeof *edits, cmp_edit);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		buf_put(out, src->text + at, edits[i].start - at);
		buf_put(out, buf_str(&edits[i].text), edits[i].text.len);
		at = edits[i].end;
	}
	buf_put(out, src->text + at, src->len - at);
}

int update_apply(const struct unit *u, const struct update_request *rq, struct diag_ctx *d,
                 struct sheet *sheet, struct update_result *res, struct buf *err)
{
	const struct model *m = &u->model;
	memset(res, 0, sizeof *res);
	memset(sheet, 0, sizeof *sheet);
	/* a sheet that cannot be read at all is unreadable input (its
	 * diagnostics say why), not a row refused */
	if (sheet_read(rq->actuals, rq->sheet, R_ACTUALS_SYNTAX, d, sheet)) {
		buf_printf(err, _("%s: the sheet of actuals cannot be read; nothing was written"), rq->actuals);
		return 2;
	}
	struct run x = { .m = m, .src = &u->src.src, .sh = sheet, .rq = rq, .d = d, .res = res };
	unsigned first = header(&x);
	if (x.errors)
		return 1;
	int rc = sheet_year(&x, first, err);
	if (rc)
		return rc;
	if (!m->start.ok || !m->end.ok || res->year < m->start.y || res->year > m->end.y) {
		char name[64];
		vocab_fiscal_year_name(res->year, name, sizeof name);
		buf_printf(err, _("%s is outside the strategy's period %d–%d: check the sheet's year or --year; nothing was written"),
		           name, m->start.y, m->end.y);
		return 2;
	}
	x.plans = xcalloc((size_t)sheet->nrows + 1, sizeof *x.plans);
	x.edits = xcalloc((size_t)sheet->nrows + 1, sizeof *x.edits);
	for (unsigned r = first; r < sheet->nrows; r++)
		if (!update_skipped_row(sheet, r))
			one_row(&x, r);
	if (x.errors == 0 && !rq->again && applied_already(&x, err))
		rc = 2;
	else if (x.errors == 0)
		update_apply_edits(x.src, x.edits, x.nedits, &res->text);
	for (size_t i = 0; i < x.nedits; i++)
		buf_free(&x.edits[i].text);
	free(x.edits);
	free(x.plans);
	return rc ? rc : x.errors ? 1 : 0;
}

void update_result_free(struct update_result *res)
{
	buf_free(&res->text);
	memset(res, 0, sizeof *res);
}

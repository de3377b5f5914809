/*
 * update.c - `kpic update` (see update.h).
 *
 * Three steps: read the sheet into rows of cells that remember their byte
 * offsets (for diagnostics), resolve each row to a KPI series and a decision
 * (unchanged, add, replace, revise) against the checked model, then turn the
 * decisions into text edits at the offsets srcmap.h knows and apply them in
 * one pass.  The caller checks the result as a source before writing it.
 */
#include "update.h"
#include "i18n.h"
#include "load.h"

#include <libxml/xmlstring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cell {
	size_t off;                  /* first byte of the field in the sheet */
	char *text;                  /* unquoted and trimmed */
};

struct srow {
	size_t off;                  /* start of the line */
	struct cell *c;
	size_t n;
};

struct plan {
	size_t row;                  /* index into the rows */
	int kpi, series;
	int has_num;
	const char *num;             /* as written in the sheet */
	enum vstatus status;
};

struct edit {
	size_t start, end;           /* the bytes replaced ([start, end), empty to insert) */
	struct buf text;
};

enum { COL_KPI, COL_SERIES, COL_VALUE, COL_STATUS, NCOLS };

static void rows_free(struct srow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < rows[i].n; j++)
			free(rows[i].c[j].text);
		free(rows[i].c);
	}
	free(rows);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\r' || c == '\t';
}

/* Splits text[from, to) into cells at sep, RFC 4180 quotes allowed.  Returns
 * -1 with *bad at the offending byte when a quoted field is not closed or is
 * followed by something other than the separator. */
static int split_line(const char *t, size_t from, size_t to, char sep, struct srow *r, size_t *bad)
{
	size_t i = from;
	for (;;) {
		struct buf b = BUF_INIT;
		size_t start = i;
		while (i < to && t[i] == ' ')
			i++;
		if (i < to && t[i] == '"') {
			size_t q = i++;
			for (;;) {
				if (i >= to) {
					buf_free(&b);
					*bad = q;
					return -1;
				}
				if (t[i] == '"' && i + 1 < to && t[i + 1] == '"') {
					buf_putc(&b, '"');
					i += 2;
				} else if (t[i] == '"') {
					i++;
					break;
				} else {
					buf_putc(&b, t[i++]);
				}
			}
			while (i < to && t[i] == ' ')
				i++;
			if (i < to && t[i] != sep) {
				buf_free(&b);
				*bad = i;
				return -1;
			}
		} else {
			size_t s = i;
			while (i < to && t[i] != sep)
				i++;
			size_t e = i;
			while (e > s && is_blank(t[e - 1]))
				e--;
			buf_put(&b, t + s, e - s);
		}
		r->c = xrealloc(r->c, (r->n + 1) * sizeof *r->c);
		r->c[r->n].off = start;
		r->c[r->n].text = b.data ? b.data : xstrdup("");
		r->n++;
		if (i >= to)
			return 0;
		i++;                 /* the separator */
	}
}

/* Header names of each column (a header row is recognised by its first cell). */
static int column_of(const char *name)
{
	static const char *const names[NCOLS][6] = {
		{ "kpi", "id", "kpi_id", "name", "KPI", "KPI項目" },
		{ "series", "series_key", "key", "系列", NULL, NULL },
		{ "value", "actual", "値", "実績", "実績値", NULL },
		{ "status", "状態", NULL, NULL, NULL, NULL },
	};
	for (int c = 0; c < NCOLS; c++)
		for (int k = 0; k < 6 && names[c][k]; k++)
			if (!strcmp(name, names[c][k]))
				return c;
	return -1;
}

static int status_of_name(const char *s, enum vstatus *st)
{
	static const struct { const char *name; enum vstatus st; } names[] = {
		{ "measured", VS_MEASURED }, { "provisional", VS_PROVISIONAL }, { "reference", VS_REFERENCE },
		{ "not-surveyed", VS_NOT_SURVEYED }, { "not-available", VS_NOT_AVAILABLE },
		{ "実績", VS_MEASURED }, { "未確定", VS_PROVISIONAL }, { "参考値", VS_REFERENCE },
		{ "未調査", VS_NOT_SURVEYED }, { "—", VS_NOT_AVAILABLE },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i].name)) {
			*st = names[i].st;
			return 0;
		}
	return -1;
}

/* The element's end: just past its end tag, or past "/>". */
static size_t element_end(const char *t, size_t len, size_t start)
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
static void prefix_at(const char *t, size_t len, size_t start, struct buf *out)
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

static void value_element(struct buf *b, const char *prefix, int year, const struct plan *p,
                          const char *revised, const char *note)
{
	buf_printf(b, "<%svalue year=\"%d\"", prefix, year);
	if (p->status != VS_MEASURED)
		buf_printf(b, " status=\"%s\"", vstatus_name(p->status));
	if (revised) {
		buf_puts(b, " revised=\"");
		buf_xml_str(b, revised);
		buf_putc(b, '"');
	}
	if (note) {
		buf_puts(b, " note=\"");
		buf_xml_str(b, note);
		buf_putc(b, '"');
	}
	if (p->has_num)
		buf_printf(b, ">%s</%svalue>", p->num, prefix);
	else
		buf_puts(b, "/>");
}

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The year after the latest measured or provisional figure of any KPI
 * (reference values, 参考値, do not count). */
static int default_year(const struct model *m)
{
	int y = m->baseline.ok ? m->baseline.y : 0;
	for (size_t i = 0; i < m->nkpis; i++)
		for (size_t j = 0; j < m->kpis[i].nseries; j++)
			for (size_t v = 0; v < m->kpis[i].series[j].nvalues; v++) {
				const struct value *x = &m->kpis[i].series[j].values[v];
				if (x->has_num && x->year.ok && x->year.y > y &&
				    (x->status == VS_MEASURED || x->status == VS_PROVISIONAL))
					y = x->year.y;
			}
	return y + 1;
}

static int find_kpi(const struct model *m, const char *s, int *count)
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

static void series_keys(const struct kpi *k, struct buf *b)
{
	for (size_t j = 0; j < k->nseries; j++)
		buf_printf(b, "%s%s", j ? ", " : "", k->series[j].key ? k->series[j].key : "");
}

/* Resolves one row into a plan; 0, or -1 after a diagnostic. */
static int resolve(const struct model *m, const struct srow *r, size_t ri, const int *col,
                   struct srcfile *sheet, struct diag_ctx *d, struct plan *p)
{
	const char *cells[NCOLS] = { NULL, NULL, NULL, NULL };
	size_t offs[NCOLS] = { r->off, r->off, r->off, r->off };
	for (int c = 0; c < NCOLS; c++)
		if (col[c] >= 0 && (size_t)col[c] < r->n) {
			cells[c] = r->c[col[c]].text;
			offs[c] = r->c[col[c]].off;
		}
	memset(p, 0, sizeof *p);
	p->row = ri;
	if (cells[COL_KPI] == NULL || cells[COL_VALUE] == NULL) {
		diag_report(d, R_ACTUALS_SYNTAX, sheet, r->off,
		            /* xgettext:c-format */ r->n == 1 ? N_("this row has %zu column; expected KPI, series, value and optionally status")
		            /* xgettext:c-format */ : N_("this row has %zu columns; expected KPI, series, value and optionally status"),
		            r->n);
		return -1;
	}
	if (!*cells[COL_KPI]) {
		diag_report(d, R_ACTUALS_SYNTAX, sheet, offs[COL_KPI], "no KPI id or name in this row");
		return -1;
	}
	int count;
	p->kpi = find_kpi(m, cells[COL_KPI], &count);
	if (count != 1) {
		if (count == 0)
			diag_report(d, R_ACTUALS_UNKNOWN, sheet, offs[COL_KPI], "no KPI has the id or name '%s'",
			            cells[COL_KPI]);
		else
			diag_report(d, R_ACTUALS_UNKNOWN, sheet, offs[COL_KPI],
			            "%d KPIs are named '%s'; give the KPI's id instead", count, cells[COL_KPI]);
		return -1;
	}
	const struct kpi *k = &m->kpis[p->kpi];
	const char *key = cells[COL_SERIES] ? cells[COL_SERIES] : "";
	p->series = -1;
	for (size_t j = 0; j < k->nseries; j++)
		if ((*key && k->series[j].key && !strcmp(k->series[j].key, key)) || (!*key && k->nseries == 1))
			p->series = (int)j;
	if (p->series < 0) {
		struct buf keys = BUF_INIT;
		series_keys(k, &keys);
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
	const char *v = cells[COL_VALUE];
	int dash = !strcmp(v, "—") || !strcmp(v, "-") || !strcmp(v, "―");
	p->has_num = *v && !dash;
	p->num = v;
	if (cells[COL_STATUS] && *cells[COL_STATUS]) {
		if (status_of_name(cells[COL_STATUS], &p->status) < 0) {
			diag_report(d, R_ACTUALS_SYNTAX, sheet, offs[COL_STATUS],
			            "unknown status '%s' (measured, provisional, reference, not-surveyed, not-available)",
			            cells[COL_STATUS]);
			return -1;
		}
	} else {
		p->status = p->has_num ? VS_MEASURED : dash ? VS_NOT_AVAILABLE : VS_NOT_SURVEYED;
	}
	kdec num;
	if (p->has_num && kdec_parse(v, strlen(v), &num) != KDEC_OK) {
		diag_report(d, R_ACTUALS_SYNTAX, sheet, offs[COL_VALUE],
		            "'%s' is not a decimal number (write 16474 or 19.50: no separators, units or 万)", v);
		return -1;
	}
	int no_figure = p->status == VS_NOT_SURVEYED || p->status == VS_NOT_AVAILABLE;
	if (p->has_num == no_figure) {
		diag_report(d, R_ACTUALS_SYNTAX, sheet, offs[p->has_num ? COL_STATUS : COL_VALUE],
		            p->has_num ? "status '%s' means there is no figure, but the row has one"
		                       : "status '%s' needs a figure, but the row has none",
		            vstatus_name(p->status));
		return -1;
	}
	return 0;
}

int update_apply(const struct unit *u, const struct update_request *rq, struct diag_ctx *d,
                 struct srcfile *sheet, struct update_result *res, struct buf *err)
{
	const struct model *m = &u->model;
	const struct srcfile *src = &u->src.src;
	memset(res, 0, sizeof *res);
	memset(sheet, 0, sizeof *sheet);
	size_t len = 0;
	int rerr, too_large;
	char *text = load_read_all(rq->actuals, &len, &rerr, &too_large);
	if (text == NULL) {
		buf_printf(err, "%s: %s", rq->actuals, too_large ? _("the sheet is larger than 64 MiB") : strerror(rerr));
		return 2;
	}
	srcmap_init(sheet, rq->actuals, text, len);
	res->year = rq->year ? rq->year : default_year(m);
	if (!m->start.ok || !m->end.ok || res->year < m->start.y || res->year > m->end.y) {
		buf_printf(err, _("FY%d is outside the strategy's period %d–%d; give the year with --year"), res->year,
		           m->start.y, m->end.y);
		return 2;
	}
	if (!xmlCheckUTF8((const xmlChar *)text) || strlen(text) != len) {
		diag_report(d, R_ENCODING, sheet, SRC_NOWHERE, "the sheet is not UTF-8 text; save it as UTF-8 (CSV UTF-8 or TSV)");
		return 1;
	}

	/* rows */
	struct srow *rows = NULL;
	size_t nrows = 0, errors = 0;
	size_t pos = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
	char sep = 0;
	for (size_t ls = pos; ls < len;) {
		const char *nl = memchr(text + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - text) : len, next = nl ? le + 1 : len;
		size_t e = le;
		while (e > ls && text[e - 1] == '\r')
			e--;
		size_t f = ls;
		while (f < e && (text[f] == ' ' || text[f] == '\t'))
			f++;
		if (f < e && text[f] != '#') {
			if (sep == 0)
				sep = memchr(text + ls, '\t', e - ls) ? '\t' : ',';
			struct srow r = { ls, NULL, 0 };
			size_t bad;
			if (split_line(text, ls, e, sep, &r, &bad) < 0) {
				diag_report(d, R_ACTUALS_SYNTAX, sheet, bad, "a quoted field is not closed before the end of the line, or is followed by more text");
				errors++;
			}
			rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
			rows[nrows++] = r;
		}
		ls = next;
	}
	sheet->fieldsep = sep ? sep : '\t';

	int col[NCOLS] = { 0, 1, 2, 3 };
	size_t first = 0;
	if (nrows && rows[0].n && column_of(rows[0].c[0].text) == COL_KPI) {
		for (int c = 0; c < NCOLS; c++)
			col[c] = -1;
		for (size_t j = 0; j < rows[0].n; j++) {
			int c = column_of(rows[0].c[j].text);
			if (c < 0 || col[c] >= 0) {
				diag_report(d, R_ACTUALS_SYNTAX, sheet, rows[0].c[j].off,
				            c < 0 ? "unknown column '%s' (kpi, series, value, status)" : "column '%s' is named twice",
				            rows[0].c[j].text);
				errors++;
			} else {
				col[c] = (int)j;
			}
		}
		if (col[COL_VALUE] < 0) {
			diag_report(d, R_ACTUALS_SYNTAX, sheet, rows[0].off, "the header names no value column");
			errors++;
		}
		first = 1;
	}

	struct plan *plans = xcalloc(nrows + 1, sizeof *plans);
	size_t nplans = 0;
	struct edit *edits = xcalloc(nrows + 1, sizeof *edits);
	size_t nedits = 0;
	for (size_t ri = first; ri < nrows; ri++) {
		struct plan p;
		if (resolve(m, &rows[ri], ri, col, sheet, d, &p) < 0) {
			errors++;
			continue;
		}
		size_t dup = 0;
		while (dup < nplans && (plans[dup].kpi != p.kpi || plans[dup].series != p.series))
			dup++;
		const struct kpi *k = &m->kpis[p.kpi];
		const struct series *s = &k->series[p.series];
		const char *skey = s->key ? s->key : "";
		if (dup < nplans) {
			diag_report(d, R_ACTUALS_DUPLICATE, sheet, rows[ri].off,
			            *skey ? N_("a second row for KPI '%s' (series '%s')")
			                  /* xgettext:c-format */ : N_("a second row for KPI '%s'%s"), k->id, skey);
			diag_note(d, sheet, rows[plans[dup].row].off, "first row for it here");
			errors++;
			continue;
		}
		plans[nplans++] = p;
		const struct value *v = series_value(s, res->year);
		size_t value_off = rows[ri].c[col[COL_VALUE]].off;
		if (v) {
			kdec num;
			int same_num = v->has_num && p.has_num && v->num_ok &&
			               kdec_parse(p.num, strlen(p.num), &num) == KDEC_OK && kdec_cmp(v->num, num) == 0;
			if ((same_num || (!v->has_num && !p.has_num)) && v->status == p.status) {
				res->unchanged++;
				continue;
			}
			int revision = v->has_num && !same_num;
			if (revision && !rq->revise) {
				struct buf now = BUF_INIT;
				buf_puts(&now, p.has_num ? p.num : _("no figure"));
				diag_report(d, R_ACTUALS_REVISION, sheet, value_off,
				            *skey ? N_("KPI '%s' (series '%s') already has %s for FY%d; this row says %s: pass --revise to replace it (the old figure is kept as revised=\"…\")")
				                  /* xgettext:c-format */
				                  : N_("KPI '%s'%s already has %s for FY%d; this row says %s: pass --revise to replace it (the old figure is kept as revised=\"…\")"),
				            k->id, skey, v->text ? v->text : "", res->year, buf_str(&now));
				diag_note(d, src, srcmap_node(src, v->node), "the value in the source");
				buf_free(&now);
				errors++;
				continue;
			}
			struct edit *e = &edits[nedits++];
			e->start = srcmap_node(src, v->node);
			e->end = element_end(src->text, src->len, e->start);
			struct buf prefix = BUF_INIT;
			prefix_at(src->text, src->len, e->start, &prefix);
			xmlChar *note = xmlGetProp(v->node, (const xmlChar *)"note");
			value_element(&e->text, buf_str(&prefix), res->year, &p, revision ? v->text : NULL,
			              (const char *)note);
			xmlFree(note);
			buf_free(&prefix);
			if (revision)
				res->revised++;
			else
				res->replaced++;
			continue;
		}
		/* no value for the year: after the previous year's, or the baseline */
		const xmlNode *prev = s->baseline ? s->baseline->node : NULL;
		int prev_year = -1;
		for (size_t j = 0; j < s->nvalues; j++)
			if (s->values[j].year.ok && s->values[j].year.y < res->year && s->values[j].year.y > prev_year) {
				prev = s->values[j].node;
				prev_year = s->values[j].year.y;
			}
		size_t ps = prev ? srcmap_node(src, prev) : SRC_NOWHERE;
		if (ps == SRC_NOWHERE) {
			diag_report(d, R_ACTUALS_UNKNOWN, sheet, rows[ri].off, "KPI '%s' has no baseline to add a value after", k->id);
			errors++;
			continue;
		}
		struct edit *e = &edits[nedits++];
		e->start = e->end = element_end(src->text, src->len, ps);
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
		struct buf prefix = BUF_INIT;
		prefix_at(src->text, src->len, ps, &prefix);
		value_element(&e->text, buf_str(&prefix), res->year, &p, NULL, NULL);
		buf_free(&prefix);
		res->added++;
	}

	if (errors == 0) {
		qsort(edits, nedits, sizeof *edits, cmp_edit);
		size_t at = 0;
		for (size_t i = 0; i < nedits; i++) {
			buf_put(&res->text, src->text + at, edits[i].start - at);
			buf_put(&res->text, buf_str(&edits[i].text), edits[i].text.len);
			at = edits[i].end;
		}
		buf_put(&res->text, src->text + at, src->len - at);
	}
	for (size_t i = 0; i < nedits; i++)
		buf_free(&edits[i].text);
	free(edits);
	free(plans);
	rows_free(rows, nrows);
	return errors ? 1 : 0;
}

void update_result_free(struct update_result *res)
{
	buf_free(&res->text);
	memset(res, 0, sizeof *res);
}

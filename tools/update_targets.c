/*
 * update_targets.c - `kpic update --targets`: yearly targets (年度別目標値,
 * 目安値) and given grades (a committee's opinion) from a sheet, merged into
 * a source in place (see update.h).
 *
 * The sheet has a header row naming its columns: kpi (id or exact name),
 * series (may be empty), year, target and/or grade, scale (may be left out
 * when the source has one given scale).  A row with a target sets the
 * series' <yearly-target> for the year; a row with a grade sets the KPI's
 * <grade scale= ref= year=/>.  As for actuals, the text is edited at the
 * elements concerned, a different figure or grade already there is
 * replaced only with --revise, and every row that cannot be applied is a
 * diagnostic at its cell, after which nothing is written.
 */
#include "update.h"
#include "update_impl.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TC_KPI, TC_SERIES, TC_YEAR, TC_TARGET, TC_SCALE, TC_GRADE, TC_N };

/* What a row asks for: a yearly target of a series, or a given grade. */
struct tplan {
	int kpi, series, year;       /* series -1 for a grade */
	int scale;                   /* -1 for a target */
};

struct trun {
	const struct model *m;
	const struct srcfile *src;
	const struct sheet *sh;
	const struct update_request *rq;
	struct diag_ctx *d;
	struct update_result *res;
	int col[TC_N];
	struct tplan *plans;
	unsigned *plan_rows;
	size_t nplans;
	struct edit *edits;
	size_t nedits;
	size_t errors;
};

static int tcolumn_of(const char *name)
{
	static const char *const names[TC_N][5] = {
		{ "kpi", "kpi_id", "id", "KPI", "KPI項目" },
		{ "series", "series_key", "key", "系列", NULL },
		{ "year", "fiscal_year", "fy", "年度", NULL },
		{ "target", "yearly_target", "目標値", "年度別目標値", "目安値" },
		{ "scale", "尺度", NULL, NULL, NULL },
		{ "grade", "given_grade", "評価", NULL, NULL },
	};
	for (int c = 0; c < TC_N; c++)
		for (int k = 0; k < 5 && names[c][k]; k++)
			if (!strcmp(name, names[c][k]))
				return c;
	return -1;
}

/* Columns for the person filling the sheet in, read past. */
static int info_column(const char *name)
{
	static const char *const names[] = { "KPI名", "担当課", "単位", "kpi_name", "department", "unit", "" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

static size_t pos(const struct trun *x, unsigned r, int c)
{
	return sheet_pos(x->sh, r, c < 0 ? 0 : (unsigned)c);
}

static void refuse(struct trun *x)
{
	x->errors++;
}

/* The header row: the first row that says something.  The first row of
 * data, or 0 after a diagnostic. */
static unsigned theader(struct trun *x)
{
	const struct sheet *sh = x->sh;
	unsigned r = 0;
	while (r < sh->nrows && update_skipped_row(sh, r))
		r++;
	for (int c = 0; c < TC_N; c++)
		x->col[c] = -1;
	if (r >= sh->nrows || tcolumn_of(update_cell_text(sh, r, 0)) != TC_KPI) {
		diag_report(x->d, R_ACTUALS_SYNTAX, &sh->src, pos(x, r < sh->nrows ? r : 0, 0),
		            "a sheet of targets begins with a header row: kpi, series, year, target, scale, grade");
		refuse(x);
		return 0;
	}
	for (unsigned j = 0, n = sheet_row_cells(sh, r); j < n; j++) {
		const char *name = update_cell_text(sh, r, j);
		int c = tcolumn_of(name);
		if (c < 0 && info_column(name))
			continue;
		if (c < 0 || x->col[c] >= 0) {
			diag_report(x->d, R_ACTUALS_SYNTAX, &sh->src, sheet_pos(sh, r, j),
			            c < 0 ? N_("unknown column '%s' (kpi, series, year, target, scale, grade)")
			                  : N_("column '%s' is named twice"),
			            name);
			refuse(x);
		} else {
			x->col[c] = (int)j;
		}
	}
	if (x->errors == 0 && (x->col[TC_YEAR] < 0 || (x->col[TC_TARGET] < 0 && x->col[TC_GRADE] < 0))) {
		diag_report(x->d, R_ACTUALS_SYNTAX, &sh->src, pos(x, r, 0),
		            "the header names no year column, or neither a target nor a grade column");
		refuse(x);
	}
	return x->errors ? 0 : r + 1;
}

static const char *cell(const struct trun *x, unsigned r, int c)
{
	if (c < 0 || (unsigned)c >= sheet_row_cells(x->sh, r))
		return "";
	return update_cell_text(x->sh, r, (unsigned)c);
}

/* The row's KPI, or -1 after a diagnostic. */
static int row_kpi(struct trun *x, unsigned r)
{
	const char *s = cell(x, r, x->col[TC_KPI]);
	int count, k = *s ? update_find_kpi(x->m, s, &count) : -1;
	if (!*s)
		diag_report(x->d, R_ACTUALS_SYNTAX, &x->sh->src, pos(x, r, x->col[TC_KPI]), "no KPI id or name in this row");
	else if (count == 0) {
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, pos(x, r, x->col[TC_KPI]), "no KPI has the id or name '%s'", s);
		update_suggest_kpi(x->m, x->src, x->d, s);
	} else if (count > 1)
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, pos(x, r, x->col[TC_KPI]),
		            "%d KPIs are named '%s'; give the KPI's id instead", count, s);
	return *s && count == 1 ? k : -1;
}

/* The row's fiscal year, inside the period, or 0 after a diagnostic. */
static int row_year(struct trun *x, unsigned r)
{
	const char *t = cell(x, r, x->col[TC_YEAR]);
	int y = vocab_fiscal_year_parse(t, strlen(t));
	if (y <= 0) {
		diag_report(x->d, R_ACTUALS_SYNTAX, &x->sh->src, pos(x, r, x->col[TC_YEAR]),
		            "'%s' is not a fiscal year: write 令和5年度, R5, FY2023 or 2023", t);
		return 0;
	}
	if (!x->m->start.ok || !x->m->end.ok || y < x->m->start.y || y > x->m->end.y) {
		char name[64];
		vocab_fiscal_year_name(y, name, sizeof name);
		diag_report(x->d, R_ACTUALS_SYNTAX, &x->sh->src, pos(x, r, x->col[TC_YEAR]),
		            "%s is outside the strategy's period %d–%d: a target or grade is for a year of the period",
		            name, x->m->start.y, x->m->end.y);
		return 0;
	}
	return y;
}

/* A second row for the same series' year, or the same scale's year. */
static int duplicate(struct trun *x, unsigned r, const struct tplan *p)
{
	for (size_t i = 0; i < x->nplans; i++) {
		const struct tplan *q = &x->plans[i];
		if (q->kpi != p->kpi || q->series != p->series || q->scale != p->scale || q->year != p->year)
			continue;
		diag_report(x->d, R_ACTUALS_DUPLICATE, &x->sh->src, pos(x, r, 0),
		            "a second row for KPI '%s' and FY%d", x->m->kpis[p->kpi].id, p->year);
		diag_note(x->d, &x->sh->src, pos(x, x->plan_rows[i], 0), "first row for it here");
		return 1;
	}
	x->plans[x->nplans] = *p;
	x->plan_rows[x->nplans++] = r;
	return 0;
}

/* A new element in place of old, counted as revised, or after the element
 * after, counted as added; order sorts insertions at one place (by year). */
static struct edit *new_edit(struct trun *x, const xmlNode *after, const xmlNode *old, int order, struct buf *prefix)
{
	struct edit *e = &x->edits[x->nedits++];
	e->order = order;
	if (old) {
		e->start = srcmap_node(x->src, old);
		e->end = update_element_end(x->src->text, x->src->len, e->start);
		update_prefix_at(x->src->text, x->src->len, e->start, prefix);
		x->res->revised++;
	} else {
		update_insert_after(x->src, srcmap_node(x->src, after), e, prefix);
		x->res->added++;
	}
	return e;
}

/* A different figure or grade already there: refused without --revise. */
static int may_revise(struct trun *x, unsigned r, int c, const char *what, const char *had, const xmlNode *old)
{
	if (x->rq->revise)
		return 1;
	diag_report(x->d, R_ACTUALS_REVISION, &x->sh->src, pos(x, r, c),
	            "%s is '%s' in the source; this row says '%s': pass --revise to replace it", what, had,
	            cell(x, r, c));
	diag_note(x->d, x->src, srcmap_node(x->src, old), "the element in the source");
	return 0;
}

/* Where a new yearly target goes: after the one of the latest year before
 * it, else after the series' last value or its baseline. */
static const xmlNode *target_after(const struct series *s, int year)
{
	const xmlNode *after = s->nvalues ? s->values[s->nvalues - 1].node : s->baseline ? s->baseline->node : NULL;
	int best = -1;
	for (size_t i = 0; i < s->nyearly; i++)
		if (s->yearly[i].year.ok && s->yearly[i].year.y < year && s->yearly[i].year.y > best) {
			best = s->yearly[i].year.y;
			after = s->yearly[i].node;
		}
	return after;
}

/* The row's figure for the series, as a plain decimal in num; -1 after a
 * diagnostic. */
static int target_figure(struct trun *x, unsigned r, const struct series *s, const struct kpi *k, struct figure *f)
{
	const char *v = cell(x, r, x->col[TC_TARGET]);
	if (vocab_figure_cell(v, f) < 0 || update_cut_number(f->unit) || !f->has_num || f->st != VS_MEASURED) {
		diag_report(x->d, R_ACTUALS_SYNTAX, &x->sh->src, pos(x, r, x->col[TC_TARGET]),
		            "'%s' is not a target kpic can read: write a figure such as 16474, 3,240人 or 19.50%%", v);
		return -1;
	}
	if (f->unit[0] && (s->unit == NULL || strcmp(s->unit, f->unit))) {
		diag_report(x->d, R_ACTUALS_SYNTAX, &x->sh->src, pos(x, r, x->col[TC_TARGET]),
		            "'%s': the unit is '%s', but KPI '%s' counts in '%s'", v, f->unit, k->id, s->unit ? s->unit : "");
		return -1;
	}
	return 0;
}

/* A row's yearly target: unchanged, added, or replacing another. */
static int one_target(struct trun *x, unsigned r, int ki, int year)
{
	const struct kpi *k = &x->m->kpis[ki];
	const char *key = cell(x, r, x->col[TC_SERIES]);
	int si = update_find_series(k, key);
	if (si < 0) {
		struct buf keys = BUF_INIT;
		update_series_keys(k, &keys);
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, pos(x, r, x->col[TC_SERIES]),
		            "KPI '%s' has no series '%s' (its series: %s)", k->id, key, buf_str(&keys));
		buf_free(&keys);
		return -1;
	}
	const struct series *s = &k->series[si];
	struct figure f;
	struct tplan p = { ki, si, year, -1 };
	if (target_figure(x, r, s, k, &f) < 0 || duplicate(x, r, &p))
		return -1;
	const struct value *old = NULL;
	for (size_t i = 0; i < s->nyearly; i++)
		if (s->yearly[i].year.ok && s->yearly[i].year.y == year)
			old = &s->yearly[i];
	if (old && old->num_ok && kdec_cmp(old->num, f.num) == 0) {
		x->res->unchanged++;
		return 0;
	}
	if (old && !may_revise(x, r, x->col[TC_TARGET], _("the yearly target"), old->text ? old->text : "", old->node))
		return -1;
	const xmlNode *after = target_after(s, year);
	if (!old && !after)
		return -1;
	char num[64];
	kdec_format(f.num, num, sizeof num);
	struct buf prefix = BUF_INIT;
	struct edit *e = new_edit(x, after, old ? old->node : NULL, year, &prefix);
	const char *pf = buf_str(&prefix);
	buf_printf(&e->text, "<%syearly-target year=\"%d\"", pf, year);
	if (old && old->text) {
		buf_puts(&e->text, " revised=\"");
		buf_xml_str(&e->text, old->text);
		buf_putc(&e->text, '"');
	}
	buf_printf(&e->text, ">%s</%syearly-target>", num, pf);
	buf_free(&prefix);
	return 0;
}

/* The scale a grade row names, or the source's only given scale; -1
 * after a diagnostic. */
static int row_scale(struct trun *x, unsigned r)
{
	const char *name = cell(x, r, x->col[TC_SCALE]);
	int found = -1, given = 0;
	for (size_t i = 0; i < x->m->nscales; i++) {
		const struct scale *sc = &x->m->scales[i];
		if (!sc->given)
			continue;
		given++;
		if (*name ? (sc->id && !strcmp(sc->id, name)) || (sc->name && !strcmp(sc->name, name)) : found < 0)
			found = (int)i;
	}
	if (found >= 0 && (*name || given == 1))
		return found;
	if (*name)
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, pos(x, r, x->col[TC_SCALE]),
		            "the source has no given scale '%s' (a <scale given=\"yes\">)", name);
	else if (given == 0)
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, pos(x, r, x->col[TC_GRADE]),
		            "the source has no given scale (<scale given=\"yes\">) for this grade: declare one in the evaluation");
	else
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, pos(x, r, x->col[TC_GRADE]),
		            "the source has %d given scales: name one in the scale column", given);
	return -1;
}

/* The grade of sc a cell names by id, symbol or label; -1 if none. */
static int grade_of(const struct scale *sc, const char *s)
{
	for (size_t g = 0; g < sc->ngrades; g++) {
		const struct grade *gr = &sc->grades[g];
		if ((gr->id && !strcmp(gr->id, s)) || (gr->symbol && !strcmp(gr->symbol, s)) ||
		    (gr->label && !strcmp(gr->label, s)))
			return (int)g;
	}
	return -1;
}

/* Where a new given grade goes: after the KPI's last child that may come
 * before a <grade> (its other grades, override, notes, 担当課, texts…). */
static const xmlNode *grade_after(const struct kpi *k)
{
	static const char *const later[] = { "history", "review", "placeholder", "decision" };
	const xmlNode *after = NULL;
	for (const xmlNode *c = k->node ? k->node->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int is_later = 0;
		for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
			is_later |= !strcmp((const char *)c->name, later[i]);
		if (!is_later)
			after = c;
	}
	return after;
}

/* A row's given grade: unchanged, added, or replacing another. */
static int one_grade(struct trun *x, unsigned r, int ki, int year)
{
	const struct kpi *k = &x->m->kpis[ki];
	int si = row_scale(x, r);
	if (si < 0)
		return -1;
	const struct scale *sc = &x->m->scales[si];
	const char *gs = cell(x, r, x->col[TC_GRADE]);
	int gi = grade_of(sc, gs);
	if (gi < 0) {
		diag_report(x->d, R_ACTUALS_UNKNOWN, &x->sh->src, pos(x, r, x->col[TC_GRADE]),
		            "scale '%s' has no grade '%s': write one of its grades' ids, symbols or labels", sc->id, gs);
		return -1;
	}
	struct tplan p = { ki, -1, year, si };
	if (duplicate(x, r, &p))
		return -1;
	const struct given_grade *old = NULL;
	for (size_t i = 0; i < k->ngiven; i++)
		if (k->given[i].scale && !strcmp(k->given[i].scale, sc->id) && k->given[i].year.ok && k->given[i].year.y == year)
			old = &k->given[i];
	const char *id = sc->grades[gi].id;
	if (old && old->id && !strcmp(old->id, id)) {
		x->res->unchanged++;
		return 0;
	}
	if (old && !may_revise(x, r, x->col[TC_GRADE], _("the given grade"), old->id ? old->id : "", old->node))
		return -1;
	const xmlNode *after = grade_after(k);
	if (!old && !after)
		return -1;
	struct buf prefix = BUF_INIT;
	struct edit *e = new_edit(x, after, old ? old->node : NULL, year, &prefix);
	buf_printf(&e->text, "<%sgrade scale=\"", buf_str(&prefix));
	buf_xml_str(&e->text, sc->id);
	buf_puts(&e->text, "\" ref=\"");
	buf_xml_str(&e->text, id);
	buf_printf(&e->text, "\" year=\"%d\"/>", year);
	buf_free(&prefix);
	return 0;
}

static int blank(const char *s)
{
	return s[vocab_value_blank(s)] == '\0';
}

/* One row of data: its KPI and year, then its target and its grade. */
static void one_row(struct trun *x, unsigned r)
{
	int has_t = !blank(cell(x, r, x->col[TC_TARGET])), has_g = !blank(cell(x, r, x->col[TC_GRADE]));
	if (!has_t && !has_g) {
		x->res->open++;
		return;
	}
	int k = row_kpi(x, r), year = k >= 0 ? row_year(x, r) : 0;
	if (k < 0 || year == 0 || (has_t && one_target(x, r, k, year) < 0) || (has_g && one_grade(x, r, k, year) < 0))
		refuse(x);
}

int update_targets_apply(const struct unit *u, const struct update_request *rq, struct diag_ctx *d,
                         struct sheet *sheet, struct update_result *res, struct buf *err)
{
	memset(res, 0, sizeof *res);
	memset(sheet, 0, sizeof *sheet);
	if (sheet_read(rq->actuals, rq->sheet, R_ACTUALS_SYNTAX, d, sheet)) {
		buf_printf(err, _("%s: the sheet of targets cannot be read; nothing was written"), rq->actuals);
		return 2;
	}
	struct trun x = { .m = &u->model, .src = &u->src.src, .sh = sheet, .rq = rq, .d = d, .res = res };
	unsigned first = theader(&x);
	if (x.errors)
		return 1;
	size_t n = 2 * (size_t)sheet->nrows + 1;   /* a row may set a target and a grade */
	x.plans = xcalloc(n, sizeof *x.plans);
	x.plan_rows = xcalloc(n, sizeof *x.plan_rows);
	x.edits = xcalloc(n, sizeof *x.edits);
	for (unsigned r = first; r < sheet->nrows; r++)
		if (!update_skipped_row(sheet, r))
			one_row(&x, r);
	if (x.errors == 0)
		update_apply_edits(x.src, x.edits, x.nedits, &res->text);
	for (size_t i = 0; i < x.nedits; i++)
		buf_free(&x.edits[i].text);
	free(x.edits);
	free(x.plans);
	free(x.plan_rows);
	return x.errors ? 1 : 0;
}

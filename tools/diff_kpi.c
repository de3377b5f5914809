/*
 * diff_kpi.c - comparing KPIs and 再掲 rows (see diff.h).
 *
 * KPIs are paired by id through the models' hash indexes, then what is
 * left unpaired by name and place; each pair is compared field by field,
 * series by key and values by year.  A change's sort key is its KPI's
 * merged position, so a KPI's changes print together under its path.
 */
#include "diff_impl.h"
#include "jfmt.h"
#include "report.h"
#include "valtext.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* What every change about one KPI shares. */
struct kctx {
	struct dctx *x;
	size_t ib, ia;               /* indices on each side (one may be unused) */
	const struct kpi *kb, *ka;   /* NULL if absent on that side */
	int goal;                    /* merged goal index */
	long pos;
	int rank_b, rank_a;          /* 1-based rank among its place's KPIs */
	int closed;                  /* a draft's KPI without the old yearly values */
};

static struct diff_change *kpi_change(struct kctx *k, enum diff_kind kind)
{
	const struct kpi *p = k->ka ? k->ka : k->kb;
	const struct model *m = k->ka ? k->x->ma : k->x->mb;
	struct diff_change *c = diff_emit(k->x->d, kind, DS_KPI);
	c->area = DA_GOAL;
	c->goal = k->goal;
	c->order[0] = 1 + k->goal;
	c->order[1] = 2;
	c->order[2] = k->pos;
	c->id = p->id;
	c->name = p->name;
	if (k->ka && k->kb && !diff_same(k->kb->id, k->ka->id))
		c->prev_id = k->kb->id;
	diff_path(k->x->d, c, m, p->goal, p->heading);
	return c;
}

static struct diff_change *kpi_field(struct kctx *k, enum diff_kind kind, const char *field,
                                     const char *before, const char *after)
{
	struct diff_change *c = kpi_change(k, kind);
	c->field = field;
	diff_set(k->x->d, c, before, after);
	return c;
}

static void compare_str(struct kctx *k, enum diff_kind kind, const char *field, const char *b, const char *a)
{
	if (!diff_same(b, a))
		kpi_field(k, kind, field, b, a);
}

/* The text of a child element (survey, method…), whitespace collapsed. */
static const char *child_text(struct dctx *x, const struct unit *u, const xmlNode *n, const char *name)
{
	xmlNode *c = diff_child(n, name);
	return c ? diff_render(x->d, u, c) : NULL;
}

/* Every <note> of an element: canonical (to compare) or printed (to show). */
static const char *notes_of(struct dctx *x, const struct unit *u, const xmlNode *n, int canonical)
{
	struct buf b = BUF_INIT;
	int any = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!diff_is_el(c, "note"))
			continue;
		buf_puts(&b, any++ ? " ／ " : "");
		buf_puts(&b, canonical ? diff_canon(x->d, c) : diff_render(x->d, u, c));
	}
	const char *s = any ? diff_str(x->d, buf_str(&b)) : NULL;
	buf_free(&b);
	return s;
}

static const char *direction_text(enum direction d)
{
	return d == DIR_LOWER ? "低いほど良い" : d == DIR_MAINTAIN ? "目標値以上を維持" : "高いほど良い";
}

static void compare_definition(struct kctx *k)
{
	struct dctx *x = k->x;
	const struct kpi *b = k->kb, *a = k->ka;
	if (b->dir != a->dir) {
		struct diff_change *c = kpi_field(k, DK_KPI_DEFINITION, "direction", model_direction_name(b->dir),
		                                  model_direction_name(a->dir));
		c->before.text = direction_text(b->dir);
		c->after.text = direction_text(a->dir);
	}
	compare_str(k, DK_KPI_DEFINITION, "combine", diff_attr(x->d, b->node, "combine"),
	            diff_attr(x->d, a->node, "combine"));
	compare_str(k, DK_KPI_DEFINITION, "rate-base", b->rate_base_text, a->rate_base_text);
	compare_str(k, DK_KPI_DEFINITION, "unit", child_text(x, x->ub, b->node, "unit"),
	            child_text(x, x->ua, a->node, "unit"));
	compare_str(k, DK_KPI_DEFINITION, "notation", child_text(x, x->ub, b->node, "notation"),
	            child_text(x, x->ua, a->node, "notation"));
	if (!diff_same(notes_of(x, x->ub, b->node, 1), notes_of(x, x->ua, a->node, 1)))
		kpi_field(k, DK_KPI_DEFINITION, "note", notes_of(x, x->ub, b->node, 0),
		          notes_of(x, x->ua, a->node, 0));
}

/* ---- values */

static int has_figure(const struct value *v)
{
	return v && v->has_num;
}

static int same_value(const struct value *b, const struct value *a)
{
	enum vstatus sb = b ? b->status : VS_NOT_SURVEYED, sa = a ? a->status : VS_NOT_SURVEYED;
	if (sb != sa || has_figure(b) != has_figure(a))
		return 0;
	if (!has_figure(b))
		return 1;   /* two blank cells of one status */
	return b->year.y == a->year.y && diff_same(b->text, a->text) && diff_same(b->label, a->label) &&
	       b->from.ok == a->from.ok && (!b->from.ok || b->from.y == a->from.y);
}

static void value_side(struct diff *d, const struct series *s, const struct value *v, struct diff_val *out)
{
	if (v == NULL)
		return;
	struct buf b = BUF_INIT;
	valtext_value(s, v, &b);
	out->raw = has_figure(v) ? diff_str(d, v->text) : NULL;
	out->text = diff_str(d, buf_str(&b));
	out->status = vocab_status_name(v->status);
	out->year = v->year.y;
	buf_free(&b);
}

static struct diff_change *value_change(struct kctx *k, enum diff_kind kind, const struct series *sb,
                                        const struct value *vb, const struct series *sa,
                                        const struct value *va)
{
	struct diff_change *c = kpi_change(k, kind);
	const struct series *s = sa ? sa : sb;
	if (s->label || (s->key && *s->key)) {
		c->series = s->key;
		c->series_label = s->label;
	}
	value_side(k->x->d, sb, vb, &c->before);
	value_side(k->x->d, sa, va, &c->after);
	return c;
}

/* A yearly cell: a new actual, a revised one, one taken back, or a status. */
static void compare_cell(struct kctx *k, const struct series *sb, const struct value *vb,
                         const struct series *sa, const struct value *va)
{
	if (same_value(vb, va))
		return;
	enum diff_kind kind;
	if (!has_figure(vb) && has_figure(va))
		kind = DK_ACTUAL_ADDED;
	else if (has_figure(vb) && !has_figure(va))
		kind = DK_ACTUAL_REMOVED;
	else if ((vb ? vb->status : VS_NOT_SURVEYED) != (va ? va->status : VS_NOT_SURVEYED))
		kind = DK_STATUS_CHANGED;
	else
		kind = DK_ACTUAL_REVISED;
	struct diff_change *c = value_change(k, kind, sb, vb, sa, va);
	c->before.year = c->after.year = vb ? vb->year.y : va->year.y;
}

static int same_fixed(const struct value *b, const struct value *a)
{
	if (b == NULL || a == NULL)
		return b == a;
	return b->year.y == a->year.y && b->status == a->status && diff_same(b->text, a->text) &&
	       diff_same(b->label, a->label) && b->from.ok == a->from.ok && (!b->from.ok || b->from.y == a->from.y);
}

/* The same relative form (relation=, reference=) and revision (initial=,
 * revised-in=) of two targets. */
static int same_target_form(const struct value *b, const struct value *a)
{
	if (b == NULL || a == NULL)
		return b == a;
	return b->rel == a->rel && diff_same(b->ref, a->ref) && diff_same(b->initial_text, a->initial_text) &&
	       b->revised_in.ok == a->revised_in.ok && (!b->revised_in.ok || b->revised_in.y == a->revised_in.y);
}

/* A target's side: raw with its relation= and reference= (relation=keep),
 * and for a revised one text and raw with the initial target and the year
 * of the revision (80人（当初 60人、R4改定）). */
static void revision_text(struct diff *d, const struct model *m, const struct series *s, const struct value *t,
                          struct diff_val *out)
{
	if (t && t->rel != REL_NONE) {
		xmlChar *rel = xmlGetProp(t->node, (const xmlChar *)"relation");
		out->raw = diff_printf(d, "%s%srelation=%s%s%s", out->raw ? out->raw : "", out->raw ? " " : "",
		                       rel ? (const char *)rel : "", t->ref ? " reference=" : "", t->ref ? t->ref : "");
		xmlFree(rel);
	}
	if (t == NULL || t->initial_text == NULL)
		return;
	char e[32] = "";
	if (t->revised_in.ok)
		jfmt_fy(&m->era, t->revised_in.y, JFMT_ERA_SHORT, e, sizeof e);
	out->text = diff_printf(d, "%s（当初 %s%s%s%s）", out->text ? out->text : "", t->initial_text,
	                        s->unit ? s->unit : "", *e ? "、" : "", *e ? diff_printf(d, "%s改定", e) : "");
	out->raw = diff_printf(d, "%s initial=%s%s%s", out->raw ? out->raw : "", t->initial_text,
	                       t->revised_in.ok ? " revised-in=" : "",
	                       t->revised_in.ok ? diff_printf(d, "%d", t->revised_in.y) : "");
}

static void compare_series_values(struct kctx *k, const struct series *sb, const struct series *sa)
{
	if (!same_fixed(sb->baseline, sa->baseline))
		value_change(k, DK_BASELINE_CHANGED, sb, sb->baseline, sa, sa->baseline);
	for (size_t i = 0; !k->closed && i < sa->nvalues; i++) {
		const struct value *va = &sa->values[i];
		compare_cell(k, sb, model_series_value(sb, va->year.y), sa, va);
	}
	for (size_t j = 0; !k->closed && j < sb->nvalues; j++) {
		const struct value *vb = &sb->values[j];
		if (model_series_value(sa, vb->year.y) == NULL)
			compare_cell(k, sb, vb, sa, NULL);
	}
	if (!same_fixed(sb->target, sa->target) || !same_target_form(sb->target, sa->target)) {
		struct diff_change *c = value_change(k, DK_TARGET_CHANGED, sb, sb->target, sa, sa->target);
		revision_text(k->x->d, k->x->mb, sb, sb->target, &c->before);
		revision_text(k->x->d, k->x->ma, sa, sa->target, &c->after);
	}
}

static const struct series *find_series(const struct kpi *k, const char *key)
{
	for (size_t i = 0; i < k->nseries; i++)
		if (diff_same(k->series[i].key, key))
			return &k->series[i];
	return NULL;
}

static const char *series_name(const struct series *s)
{
	return s->label ? s->label : s->key && *s->key ? s->key : "（単一の系列）";
}

/* Own <unit>, <notation> and label of an explicit series. */
static void compare_series_definition(struct kctx *k, const struct series *sb, const struct series *sa)
{
	struct dctx *x = k->x;
	const char *f[] = { "series-label", "unit", "notation" };
	const char *vb[] = { sb->label, NULL, NULL }, *va[] = { sa->label, NULL, NULL };
	if (diff_is_el(sb->node, "series") && diff_is_el(sa->node, "series")) {
		vb[1] = child_text(x, x->ub, sb->node, "unit");
		va[1] = child_text(x, x->ua, sa->node, "unit");
		vb[2] = child_text(x, x->ub, sb->node, "notation");
		va[2] = child_text(x, x->ua, sa->node, "notation");
	}
	for (int i = 0; i < 3; i++) {
		if (diff_same(vb[i], va[i]))
			continue;
		struct diff_change *c = kpi_field(k, DK_KPI_DEFINITION, f[i], vb[i], va[i]);
		c->series = sa->key;
		c->series_label = i ? sa->label : NULL;   /* a renamed series goes by its key */
	}
}

static void compare_series(struct kctx *k)
{
	const struct kpi *b = k->kb, *a = k->ka;
	for (size_t i = 0; i < a->nseries; i++) {
		const struct series *sa = &a->series[i], *sb = find_series(b, sa->key);
		if (sb == NULL) {
			struct diff_change *c = kpi_field(k, DK_SERIES_ADDED, NULL, NULL, series_name(sa));
			c->series = sa->key;
			c->series_label = sa->label;
			continue;
		}
		compare_series_definition(k, sb, sa);
		compare_series_values(k, sb, sa);
	}
	for (size_t j = 0; j < b->nseries; j++) {
		const struct series *sb = &b->series[j];
		if (find_series(a, sb->key))
			continue;
		struct diff_change *c = kpi_field(k, DK_SERIES_REMOVED, NULL, series_name(sb), NULL);
		c->series = sb->key;
		c->series_label = sb->label;
	}
}

/* ---- a draft of the next period */

static size_t nvalues(const struct kpi *k)
{
	size_t n = 0;
	for (size_t i = 0; i < k->nseries; i++)
		n += k->series[i].nvalues;
	return n;
}

/* A KPI with yearly values on the old side and none at all in a draft of
 * the next period: one change (how many actuals, which years), not one per
 * year.  Set before the series are compared, which then skip the years. */
static void compare_closed(struct kctx *k)
{
	struct diff *d = k->x->d;
	k->closed = k->x->ma->draft && nvalues(k->ka) == 0 && nvalues(k->kb) > 0;
	if (!k->closed)
		return;
	size_t n = 0;
	int first = 0, last = 0;
	for (size_t i = 0; i < k->kb->nseries; i++)
		for (size_t j = 0; j < k->kb->series[i].nvalues; j++) {
			const struct value *v = &k->kb->series[i].values[j];
			if (!has_figure(v))
				continue;
			n++;
			if (!first || v->year.y < first)
				first = v->year.y;
			if (v->year.y > last)
				last = v->year.y;
		}
	struct diff_change *c = kpi_change(k, DK_ACTUALS_CLOSED);
	char e1[32] = "", e2[32] = "";
	if (n) {
		jfmt_fy(&k->x->ma->era, first, JFMT_ERA_SHORT, e1, sizeof e1);
		jfmt_fy(&k->x->ma->era, last, JFMT_ERA_SHORT, e2, sizeof e2);
	}
	c->before.raw = diff_printf(d, "%zu", n);
	c->before.text = n == 0 ? "実績値なし（空欄のみ）"
	               : first == last ? diff_printf(d, "実績値 %zu件（%s）", n, e1)
	               : diff_printf(d, "実績値 %zu件（%s–%s）", n, e1, e2);
	c->after.raw = "0";
	c->after.text = "素案のため実績値なし";
}

/* The KPI's results in earlier periods (<history>), as one text. */
static const char *history_text(struct diff *d, const xmlNode *kpi, int canonical)
{
	struct buf b = BUF_INIT;
	for (const xmlNode *c = kpi->children; c; c = c->next) {
		if (!diff_is_el(c, "history"))
			continue;
		if (canonical) {
			buf_puts(&b, diff_canon(d, c));
			continue;
		}
		const char *ed = diff_attr(d, c, "edition"), *rate = diff_attr(d, c, "rate");
		const char *met = diff_attr(d, c, "met"), *ov = diff_attr(d, c, "override");
		buf_printf(&b, "%s第%s期 %s%s%s%s", b.len ? "、" : "", ed ? ed : "?",
		           !met ? "達成率" : !strcmp(met, "yes") ? "達成" : "未達",   /* no met=: rate only */
		           rate ? "（" : "", rate ? rate : "", rate ? "%）" : "");
		if (ov && !strcmp(ov, "yes"))
			buf_puts(&b, "（判定の上書きによる）");
	}
	const char *s = b.len ? diff_str(d, buf_str(&b)) : NULL;
	buf_free(&b);
	return s;
}

static void compare_history(struct kctx *k)
{
	struct diff *d = k->x->d;
	if (diff_same(history_text(d, k->kb->node, 1), history_text(d, k->ka->node, 1)))
		return;
	struct diff_change *c = kpi_change(k, DK_HISTORY_CHANGED);
	c->before.text = history_text(d, k->kb->node, 0);
	c->after.text = history_text(d, k->ka->node, 0);
	c->before.raw = history_text(d, k->kb->node, 1);
	c->after.raw = history_text(d, k->ka->node, 1);
}

/* ---- judgement, 担当課, timing, overrides */

/* The KPI's mark and rate: 達成（96.0%）, ○（96.0%）, 評価なし（—）. */
static const char *judgement_text(struct diff *d, const struct model *m, const struct kpi_result *r)
{
	char rate[32] = "—";
	if (r->rate_ok)
		jfmt_rate(r->rate, 1, rate, sizeof rate);
	return diff_printf(d, "%s（%s）", valtext_mark(m, r->grade, r->state, r->met), rate);
}

/* The grade's id in the primary scale, or the state's; "" without either. */
static const char *grade_raw(const struct model *m, const struct kpi_result *r)
{
	if (r->state >= 0)
		return m->states[r->state].id ? m->states[r->state].id : "";
	if (m->primary >= 0 && r->grade >= 0)
		return m->scales[m->primary].grades[r->grade].id ? m->scales[m->primary].grades[r->grade].id : "";
	return "";
}

/* A rate-only source's result: the rate, 90.0% → 96.0% (— without one). */
static void compare_rate(struct kctx *k, const struct kpi_result *rb, const struct kpi_result *ra)
{
	char b[32] = "—", a[32] = "—";
	if (rb->rate_ok)
		jfmt_rate(rb->rate, 1, b, sizeof b);
	if (ra->rate_ok)
		jfmt_rate(ra->rate, 1, a, sizeof a);
	if (!strcmp(a, b))
		return;
	struct diff_change *c = kpi_change(k, DK_RATE_CHANGED);
	c->before.text = c->before.raw = diff_str(k->x->d, b);
	c->after.text = c->after.raw = diff_str(k->x->d, a);
}

/* Met or not changed: achievement-flipped; else the grade (◎ → ○) or
 * the state changed: grade-changed.  Both show the marks and carry each
 * side's grade (or state) id, so that A → C is told even when it flips. */
static void compare_judgement(struct kctx *k)
{
	const struct kpi_result *rb = &k->x->eb->kpis[k->ib], *ra = &k->x->ea->kpis[k->ia];
	if (k->closed)   /* a draft judges nothing yet */
		return;
	const char *gb = grade_raw(k->x->mb, rb), *ga = grade_raw(k->x->ma, ra);
	struct diff_change *c;
	if (model_rate_only(k->x->mb) && model_rate_only(k->x->ma) && !strcmp(gb, ga)) {
		compare_rate(k, rb, ra);   /* nothing judged: the rate is the result */
		return;
	}
	if (rb->met != ra->met) {
		c = kpi_change(k, DK_ACHIEVEMENT_FLIPPED);
		c->before.raw = rb->met ? "met" : "not-met";
		c->after.raw = ra->met ? "met" : "not-met";
	} else if (strcmp(gb, ga)) {
		c = kpi_change(k, DK_GRADE_CHANGED);
		c->before.raw = gb;
		c->after.raw = ga;
	} else {
		return;
	}
	c->before.text = judgement_text(k->x->d, k->x->mb, rb);
	c->after.text = judgement_text(k->x->d, k->x->ma, ra);
	c->before.grade = *gb ? gb : NULL;
	c->after.grade = *ga ? ga : NULL;
}

static const char *depts_raw(struct diff *d, const struct kpi *k)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < k->ndepts; i++)
		buf_printf(&b, "%s%s", i ? " " : "", k->depts[i] ? k->depts[i] : "");
	const char *s = diff_str(d, buf_str(&b));
	buf_free(&b);
	return s;
}

static const char *depts_text(struct diff *d, const struct model *m, const struct kpi *k)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < k->ndepts; i++) {
		int di = model_find_dept(m, k->depts[i]);
		buf_printf(&b, "%s%s", i ? "、" : "", di >= 0 && m->depts[di].name ? m->depts[di].name : k->depts[i]);
	}
	const char *s = diff_str(d, buf_str(&b));
	buf_free(&b);
	return s;
}

static void compare_responsible(struct kctx *k)
{
	struct diff *d = k->x->d;
	const char *rb = depts_raw(d, k->kb), *ra = depts_raw(d, k->ka);
	if (diff_same(rb, ra))
		return;
	struct diff_change *c = kpi_change(k, DK_RESPONSIBLE_CHANGED);
	c->before.raw = rb;
	c->after.raw = ra;
	c->before.text = depts_text(d, k->x->mb, k->kb);
	c->after.text = depts_text(d, k->x->ma, k->ka);
}

static const char *override_text(struct diff *d, const struct kpi *k)
{
	if (!k->has_override)
		return NULL;
	return diff_printf(d, "%s（%s）", k->override_met ? "達成" : "未達",
	                   k->override_reason ? k->override_reason : "");
}

static void compare_override(struct kctx *k)
{
	const struct kpi *b = k->kb, *a = k->ka;
	if (!b->has_override && !a->has_override)
		return;
	if (b->has_override && a->has_override && b->override_met == a->override_met &&
	    diff_same(b->override_reason, a->override_reason))
		return;
	enum diff_kind kind = !b->has_override ? DK_OVERRIDE_ADDED
	                    : !a->has_override ? DK_OVERRIDE_REMOVED : DK_OVERRIDE_CHANGED;
	struct diff_change *c = kpi_change(k, kind);
	c->before.raw = b->has_override ? (b->override_met ? "yes" : "no") : NULL;
	c->after.raw = a->has_override ? (a->override_met ? "yes" : "no") : NULL;
	c->before.text = override_text(k->x->d, b);
	c->after.text = override_text(k->x->d, a);
}

/* ---- tags and free texts */

/* A KPI's tags= printed with the tags' labels (重点戦略、横断的目標). */
static const char *tags_text(struct diff *d, const struct model *m, const struct kpi *k)
{
	if (k->tags == NULL)
		return NULL;
	struct buf b = BUF_INIT;
	for (const char *t = k->tags; *t;) {
		t += strspn(t, " \t\r\n");
		size_t n = strcspn(t, " \t\r\n");
		if (n == 0)
			break;
		int i = model_find_tag(m, t, n);
		buf_puts(&b, b.len ? "、" : "");
		if (i >= 0 && m->tags[i].label)
			buf_puts(&b, m->tags[i].label);
		else
			buf_put(&b, t, n);
		t += n;
	}
	const char *s = diff_str(d, buf_str(&b));
	buf_free(&b);
	return s;
}

static void compare_tags(struct kctx *k)
{
	struct diff *d = k->x->d;
	if (diff_same(k->kb->tags, k->ka->tags))
		return;
	struct diff_change *c = kpi_change(k, DK_KPI_DEFINITION);
	c->field = "tags";
	c->before.raw = k->kb->tags;
	c->after.raw = k->ka->tags;
	c->before.text = tags_text(d, k->x->mb, k->kb);
	c->after.text = tags_text(d, k->x->ma, k->ka);
}

/* The KPI's <text column=col>, printed; NULL if none. */
static const char *column_text(struct dctx *x, const struct unit *u, const xmlNode *kpi, const char *col)
{
	for (xmlNode *c = kpi->children; c; c = c->next) {
		if (!diff_is_el(c, "text"))
			continue;
		const char *id = diff_attr(x->d, c, "column");
		if (id && !strcmp(id, col))
			return diff_render(x->d, u, c);
	}
	return NULL;
}

/* The name of a text column (要因分析) as a side declares it, else its id. */
static const char *column_name(struct dctx *x, const struct unit *u, const char *col)
{
	xmlNode *root = xmlDocGetRootElement(u->src.doc);
	xmlNode *tc = diff_child(diff_child(root, "meta"), "text-columns");
	for (xmlNode *c = tc ? tc->children : NULL; c; c = c->next) {
		const char *id = diff_is_el(c, "column") ? diff_attr(x->d, c, "id") : NULL;
		if (id && !strcmp(id, col))
			return diff_render(x->d, u, c);
	}
	return NULL;
}

/* One text-changed per column whose text differs: the after side's
 * columns, then the before side's the after side no longer has. */
static void compare_texts(struct kctx *k)
{
	struct dctx *x = k->x;
	const struct unit *us[2] = { x->ua, x->ub };
	const struct kpi *ks[2] = { k->ka, k->kb };
	for (int side = 0; side < 2; side++)
		for (xmlNode *c = ks[side]->node->children; c; c = c->next) {
			const char *col = diff_is_el(c, "text") ? diff_attr(x->d, c, "column") : NULL;
			if (col == NULL || (side == 1 && column_text(x, x->ua, k->ka->node, col)))
				continue;
			const char *tb = column_text(x, x->ub, k->kb->node, col), *ta = column_text(x, x->ua, k->ka->node, col);
			if (diff_same(tb, ta))
				continue;
			struct diff_change *ch = kpi_field(k, DK_TEXT_CHANGED, col, tb, ta);
			ch->field_label = column_name(x, us[side], col);
		}
}

/* ---- one KPI, paired or not */

static void compare_kpi(struct kctx *k, enum match_move move)
{
	struct dctx *x = k->x;
	const struct kpi *b = k->kb, *a = k->ka;
	if (!diff_same(b->id, a->id)) {
		struct diff_change *c = kpi_field(k, DK_KPI_RENAMED, NULL, b->id, a->id);
		c->note = "idが異なるが、名称と位置（施策）が同じため同じKPIとして対応付けた";
	}
	compare_str(k, DK_KPI_NAME_CHANGED, NULL, b->name, a->name);
	if (move == MM_MOVED) {
		struct diff_change *c = kpi_change(k, DK_KPI_MOVED);
		c->before.raw = diff_place_id(x->mb, b->goal, b->heading);
		c->after.raw = diff_place_id(x->ma, a->goal, a->heading);
		c->before.text = diff_place_text(x->d, x->mb, b->goal, b->heading);
		c->after.text = diff_place_text(x->d, x->ma, a->goal, a->heading);
	} else if (move == MM_REORDERED) {
		struct diff_change *c = kpi_change(k, DK_KPI_REORDERED);
		c->before.text = diff_printf(x->d, "%d番目", k->rank_b);
		c->after.text = diff_printf(x->d, "%d番目", k->rank_a);
	}
	compare_definition(k);
	compare_closed(k);
	compare_series(k);
	compare_judgement(k);
	compare_responsible(k);
	compare_str(k, DK_SURVEY_CHANGED, NULL, child_text(x, x->ub, b->node, "survey"),
	            child_text(x, x->ua, a->node, "survey"));
	compare_str(k, DK_PUBLICATION_CHANGED, NULL, child_text(x, x->ub, b->node, "publication"),
	            child_text(x, x->ua, a->node, "publication"));
	compare_str(k, DK_METHOD_CHANGED, NULL, child_text(x, x->ub, b->node, "method"),
	            child_text(x, x->ua, a->node, "method"));
	compare_tags(k);
	compare_texts(k);
	compare_override(k);
	compare_history(k);
	compare_str(k, DK_REVIEW_CHANGED, NULL, child_text(x, x->ub, b->node, "review"),
	            child_text(x, x->ua, a->node, "review"));
}

/* An added or removed KPI: its name, where it sits, its target. */
static void kpi_presence(struct dctx *x, enum diff_kind kind, const struct kpi *p, long pos)
{
	int added = kind == DK_KPI_ADDED;
	struct kctx k = { .x = x, .kb = added ? NULL : p, .ka = added ? p : NULL,
	                  .goal = (added ? x->ga : x->gb)[p->goal], .pos = pos };
	const char *t = diff_place_text(x->d, added ? x->ma : x->mb, p->goal, p->heading);
	diff_set(x->d, kpi_change(&k, kind), added ? NULL : t, added ? t : NULL);
}

/* Pairs what the ids left unpaired when name and place agree. */
static const char *name_place(struct diff *d, const struct model *m, const struct kpi *k)
{
	return diff_printf(d, "%s\x1f%s", diff_place_id(m, k->goal, k->heading), k->name ? k->name : "");
}

static void pair_renamed(struct dctx *x, int *a2b, int *b2a)
{
	const struct model *b = x->mb, *a = x->ma;
	size_t n = 0;
	for (size_t j = 0; j < b->nkpis; j++)
		n += b2a[j] < 0;
	struct strmap t;
	strmap_init(&t, n);
	for (size_t j = 0; j < b->nkpis; j++)
		if (b2a[j] < 0)
			strmap_put(&t, name_place(x->d, b, &b->kpis[j]), (int)j);
	for (size_t i = 0; n > 0 && i < a->nkpis; i++) {
		if (a2b[i] >= 0)
			continue;
		int j = strmap_get(&t, name_place(x->d, a, &a->kpis[i]));
		if (j >= 0 && b2a[j] < 0) {
			a2b[i] = j;
			b2a[j] = (int)i;
		}
	}
	strmap_free(&t);
}

static int kpi_find(const struct model *b, const struct model *a, size_t i)
{
	return model_find_kpi(b, a->kpis[i].id);
}

static struct place kpi_place(const struct model *m, size_t i)
{
	return (struct place){ m->kpis[i].goal, m->kpis[i].heading };
}

static void kpi_added(struct dctx *x, size_t i)
{
	kpi_presence(x, DK_KPI_ADDED, &x->ma->kpis[i], 2L * (long)i);
}

static void kpi_paired(struct dctx *x, const struct match_pair *p)
{
	struct kctx k = { .x = x, .ib = p->before, .ia = p->after, .kb = &x->mb->kpis[p->before],
	                  .ka = &x->ma->kpis[p->after], .goal = x->ga[x->ma->kpis[p->after].goal],
	                  .pos = 2L * (long)p->after, .rank_b = p->rank_before, .rank_a = p->rank_after };
	compare_kpi(&k, p->move);
}

static void kpi_removed(struct dctx *x, size_t j, long pos)
{
	kpi_presence(x, DK_KPI_REMOVED, &x->mb->kpis[j], pos);
}

void diff_kpis(struct dctx *x)
{
	static const struct match_ops ops = { kpi_find, kpi_place, pair_renamed, kpi_added, kpi_paired,
	                                      kpi_removed };
	diff_match(x, &ops, x->mb->nkpis, x->ma->nkpis);
}

/* ------------------------------------------------------------ reposts */

static const char *repost_key(struct diff *d, const struct model *m, const struct repost *r)
{
	return diff_printf(d, "%s\x1f%s", diff_place_id(m, r->goal, r->heading), r->kpi ? r->kpi : "");
}

static void repost_change(struct dctx *x, enum diff_kind kind, const struct model *m, const struct repost *r,
                          int merged_goal, long pos)
{
	struct diff_change *c = diff_emit(x->d, kind, DS_REPOST);
	c->area = DA_GOAL;
	c->goal = merged_goal;
	c->order[0] = 1 + merged_goal;
	c->order[1] = 3;
	c->order[2] = pos;
	c->id = r->kpi;
	int ki = model_find_kpi(m, r->kpi);
	c->name = ki >= 0 ? m->kpis[ki].name : NULL;
	diff_path(x->d, c, m, r->goal, r->heading);
	const char *t = diff_place_text(x->d, m, r->goal, r->heading);
	diff_set(x->d, c, kind == DK_REPOST_REMOVED ? t : NULL, kind == DK_REPOST_ADDED ? t : NULL);
}

void diff_reposts(struct dctx *x)
{
	const struct model *b = x->mb, *a = x->ma;
	struct strmap tb, ta;
	strmap_init(&tb, b->nreposts);
	strmap_init(&ta, a->nreposts);
	for (size_t j = 0; j < b->nreposts; j++)
		strmap_put(&tb, repost_key(x->d, b, &b->reposts[j]), (int)j);
	for (size_t i = 0; i < a->nreposts; i++)
		strmap_put(&ta, repost_key(x->d, a, &a->reposts[i]), (int)i);
	for (size_t i = 0; i < a->nreposts; i++)
		if (strmap_get(&tb, repost_key(x->d, a, &a->reposts[i])) < 0)
			repost_change(x, DK_REPOST_ADDED, a, &a->reposts[i], x->ga[a->reposts[i].goal], 2L * (long)i);
	for (size_t j = 0; j < b->nreposts; j++)
		if (strmap_get(&ta, repost_key(x->d, b, &b->reposts[j])) < 0)
			repost_change(x, DK_REPOST_REMOVED, b, &b->reposts[j], x->gb[b->reposts[j].goal], LONG_MAX);
	strmap_free(&tb);
	strmap_free(&ta);
}


/*
 * figures.c - KPIs, goals and the population vision as chart specs
 * (see figures.h).
 */
#include "figures.h"
#include "chart_svg.h"
#include "jfmt.h"
#include "report.h"
#include "valtext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A KPI chart spans at most this many years: beyond it the source is wrong
 * (rules.c reports years out of range) and the chart would be unreadable. */
#define MAX_YEARS 40

struct labels {
	char (*s)[128];
	const char **p;
	size_t n;
};

static void labels_init(struct labels *l, size_t n)
{
	l->s = xcalloc(n ? n : 1, sizeof *l->s);
	l->p = xcalloc(n ? n : 1, sizeof *l->p);
	l->n = n;
	for (size_t i = 0; i < n; i++)
		l->p[i] = l->s[i];
}

static void labels_free(struct labels *l)
{
	free(l->s);
	free(l->p);
}

/* What one part of a goal's bar counts: a grade of the primary scale, a
 * counted state (by index), or, without a scale, met or not met. */
struct goal_part {
	enum { PART_GRADE, PART_STATE, PART_MET, PART_NOT_MET } kind;
	size_t i;
};

/* The parts of a goal's bar: each grade of the primary scale, best at the
 * bottom, then each state counted with the KPIs not met; without a scale,
 * met and not met.  The number of parts, which both the segments and every
 * goal's counts take in this one order. */
static size_t goal_parts(const struct model *m, struct goal_part parts[CHART_MAX_SEGMENTS])
{
	size_t n = 0;
	const struct scale *sc = m->primary >= 0 ? &m->scales[m->primary] : NULL;
	for (size_t g = 0; sc && g < sc->ngrades && n < CHART_MAX_SEGMENTS; g++)
		parts[n++] = (struct goal_part){ PART_GRADE, g };
	for (size_t i = 0; n > 0 && i < m->nstates && n < CHART_MAX_SEGMENTS; i++)
		if (m->states[i].counted)
			parts[n++] = (struct goal_part){ PART_STATE, i };
	if (n > 0)
		return n;
	parts[0] = (struct goal_part){ PART_MET, 0 };
	parts[1] = (struct goal_part){ PART_NOT_MET, 0 };
	return 2;
}

/* A part's legend entry; met and unmet hold valtext's words for the last two. */
static struct chart_bar_segment part_segment(const struct model *m, struct goal_part p,
                                             struct buf *met, struct buf *unmet)
{
	const char *label;
	switch (p.kind) {
	case PART_GRADE: {
		const struct grade *g = &m->scales[m->primary].grades[p.i];
		return (struct chart_bar_segment){ g->label ? g->label : "", g->achieved };
	}
	case PART_STATE:
		label = m->states[p.i].label;
		return (struct chart_bar_segment){ label ? label : "", 0 };
	case PART_MET:
		return (struct chart_bar_segment){ buf_str(met), 1 };
	case PART_NOT_MET:
		break;
	}
	return (struct chart_bar_segment){ buf_str(unmet), 0 };
}

/* How many of a goal's KPIs a part counts. */
static int part_count(const struct tally *t, struct goal_part p)
{
	switch (p.kind) {
	case PART_GRADE:
		return p.i < KPIC_MAX_GRADES ? t->grade[p.i] : 0;
	case PART_STATE:
		return p.i < KPIC_MAX_STATES ? t->state[p.i] : 0;
	case PART_MET:
		return t->met;
	case PART_NOT_MET:
		break;
	}
	return t->not_met;
}

static struct chart *goal_counts(const struct model *m, const struct eval *e)
{
	struct buf mb = BUF_INIT, ub = BUF_INIT;
	struct goal_part parts[CHART_MAX_SEGMENTS];
	struct chart_bar_segment segs[CHART_MAX_SEGMENTS];
	struct labels l;
	if (m->ngoals == 0)
		return NULL;
	size_t nsegs = goal_parts(m, parts);
	valtext_met_labels(m, &mb, &ub);
	for (size_t k = 0; k < nsegs; k++)
		segs[k] = part_segment(m, parts[k], &mb, &ub);
	labels_init(&l, m->ngoals);
	struct chart_bar_cat *cats = xcalloc(m->ngoals, sizeof *cats);
	struct buf desc = BUF_INIT;
	buf_printf(&desc, "%sごとのKPIの達成状況。", m->level_names[LO_GOAL]);
	for (size_t g = 0; g < m->ngoals; g++) {
		snprintf(l.s[g], sizeof l.s[g], "%s%d", m->level_names[LO_GOAL], m->goals[g].number);
		cats[g].label = l.s[g];
		buf_printf(&desc, "%s：", cats[g].label);
		for (size_t k = 0; k < nsegs; k++) {
			cats[g].counts[k] = part_count(&e->goals[g].all, parts[k]);
			buf_printf(&desc, "%s%s %d件", k ? "、" : "", segs[k].label, cats[g].counts[k]);
		}
		buf_puts(&desc, "。");
	}
	struct buf title = BUF_INIT;
	buf_printf(&title, "%s別のKPI達成状況", m->level_names[LO_GOAL]);
	struct chart_bars_spec spec = { buf_str(&title), buf_str(&desc), segs, nsegs, cats, m->ngoals, "KPI数" };
	struct chart *c = chart_bars(&spec);
	buf_free(&desc);
	buf_free(&title);
	buf_free(&mb);
	buf_free(&ub);
	free(cats);
	labels_free(&l);
	return c;
}

/* One series' points over the years base..base+n-1. */
static void series_points(const struct series *s, int base, size_t n, struct chart_point *pts,
                          struct buf *texts)
{
	for (size_t i = 0; i < n; i++) {
		int y = base + (int)i;
		const struct value *v = s->baseline && s->baseline->year.ok && s->baseline->year.y == y
		                                ? s->baseline
		                                : model_series_value(s, y);
		pts[i].present = v && v->num_ok && v->status != VS_NOT_SURVEYED &&
		                 v->status != VS_NOT_AVAILABLE;
		if (!pts[i].present)
			continue;
		pts[i].v = kdec_to_double(v->num);
		pts[i].hollow = v->status == VS_PROVISIONAL || v->status == VS_REFERENCE;
		buf_reset(&texts[i]);
		valtext_value(s, v, &texts[i]);
		pts[i].text = buf_str(&texts[i]);
	}
}

/* The text alternative: each series' baseline, latest actual and target, each
 * with its year (a value covering several years says its span itself), then
 * the rate and the judgement, or the state (事業終了) of a KPI out of the scale. */
static void kpi_desc(const struct model *m, const struct kpi *k, const struct kpi_result *r, struct buf *out)
{
	char era[16];
	buf_printf(out, "%sの推移。", k->name ? k->name : "");
	for (size_t i = 0; i < k->nseries; i++) {
		const struct series *s = &k->series[i];
		const struct value *vals[3] = { s->baseline, r->series[i].latest, s->target };
		static const char *what[3] = { "基準値", "最新値", "目標値" };
		if (s->label)
			buf_printf(out, "%s：", s->label);
		for (int j = 0; j < 3; j++) {
			if (vals[j] == NULL || !vals[j]->num_ok)
				continue;
			buf_printf(out, "%s ", what[j]);
			valtext_value(s, vals[j], out);
			if (vals[j]->year.ok && !(vals[j]->from.ok && vals[j]->from.y < vals[j]->year.y) &&
			    jfmt_fy(&s->years, vals[j]->year.y, JFMT_ERA_SHORT, era, sizeof era) >= 0)
				buf_printf(out, "（%s）", era);
			buf_puts(out, j < 2 ? "、" : "。");
		}
	}
	if (r->rate_ok) {
		char rate[32];
		jfmt_rate(r->rate, 1, rate, sizeof rate);
		const char *state = r->state >= 0 ? m->states[r->state].label : NULL;
		if (!state && model_rate_only(m))      /* a rate, no judgement */
			buf_printf(out, "達成率 %s。", rate);
		else
			buf_printf(out, "達成率 %s、%s。", rate, state ? state : r->met ? "達成" : "未達");
	}
}

static int kpi_years(const struct model *m, const struct kpi *k, int *base, size_t *n)
{
	const struct series *s = &k->series[0];
	int b = s->baseline && s->baseline->year.ok ? s->baseline->year.y : m->baseline.y;
	int t = s->target && s->target->year.ok ? s->target->year.y : m->end.y;
	if ((!m->baseline.ok && !(s->baseline && s->baseline->year.ok)) || t < b || t - b >= MAX_YEARS)
		return -1;
	*base = b;
	*n = (size_t)(t - b + 1);
	return 0;
}

static int same_unit(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && !strcmp(a, b));
}

/* Whether the KPI writes its values with 万/億 (notation man or
 * man-decimal): its axis then writes its ticks so too. */
static int kpi_man(const struct kpi *k)
{
	for (size_t i = 0; i < k->nseries; i++) {
		const char *n = k->series[i].notation;
		if (n && (!strcmp(n, "man") || !strcmp(n, "man-decimal")))
			return 1;
	}
	return 0;
}

/* The most decimals any figure of the KPI is written with, so that the
 * axis of a count never gets a tick at 0.5. */
static int kpi_decimals(const struct kpi *k)
{
	int d = 0;
	for (size_t i = 0; i < k->nseries; i++) {
		const struct series *s = &k->series[i];
		const struct value *ends[2] = { s->baseline, s->target };
		for (int j = 0; j < 2; j++)
			if (ends[j] && ends[j]->num_ok && ends[j]->num.scale > d)
				d = ends[j]->num.scale;
		for (size_t v = 0; v < s->nvalues; v++)
			if (s->values[v].num_ok && s->values[v].num.scale > d)
				d = s->values[v].num.scale;
	}
	return d > 9 ? 9 : d;
}

/* A series' target, if the chart can draw it: a figure in one of its years. */
static const struct value *drawable_target(const struct series *s, int base, size_t n)
{
	const struct value *tv = s->target;
	if (tv == NULL || !tv->num_ok || !tv->year.ok || tv->year.y < base || tv->year.y - base >= (int)n)
		return NULL;
	return tv;
}

/* 1 if every drawn series has the same target (value and year) as the first. */
static int one_target(const struct series *const *ss, size_t n, int base, size_t ncats)
{
	const struct value *t0 = drawable_target(ss[0], base, ncats);
	for (size_t i = 1; i < n; i++) {
		const struct value *t = drawable_target(ss[i], base, ncats);
		if (t0 == NULL || t == NULL || t->year.y != t0->year.y || kdec_cmp(t->num, t0->num) != 0)
			return 0;
	}
	return t0 != NULL;
}

/* The targets of the drawn series ss (ser, labels in texts): one line, 目標
 * 16,000人, where they share it; else one per series, 目標（男性） 8,000人. */
static void chart_targets(const struct series *const *ss, size_t n, int base, size_t ncats,
                          struct chart_lines_spec *spec, struct chart_line_series *ser, struct buf *texts)
{
	if (n > 0 && one_target(ss, n, base, ncats)) {
		const struct value *tv = drawable_target(ss[0], base, ncats);
		buf_puts(&texts[0], "目標 ");
		valtext_value(ss[0], tv, &texts[0]);
		spec->has_target = 1;
		spec->target_v = kdec_to_double(tv->num);
		spec->target_cat = (size_t)(tv->year.y - base);
		spec->target_label = buf_str(&texts[0]);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct value *tv = drawable_target(ss[i], base, ncats);
		if (tv == NULL)
			continue;
		if (ss[i]->label)
			buf_printf(&texts[i], "目標（%s） ", ss[i]->label);
		else
			buf_puts(&texts[i], "目標 ");
		valtext_value(ss[i], tv, &texts[i]);
		ser[i].has_target = 1;
		ser[i].target_v = kdec_to_double(tv->num);
		ser[i].target_cat = (size_t)(tv->year.y - base);
		ser[i].target_label = buf_str(&texts[i]);
	}
}

static struct chart *kpi_chart(const struct model *m, const struct eval *e, const char *id)
{
	int k = model_find_kpi(m, id), base;
	size_t n;
	if (k < 0 || m->kpis[k].nseries == 0 || kpi_years(m, &m->kpis[k], &base, &n))
		return NULL;
	const struct kpi *kp = &m->kpis[k];
	struct labels l;
	labels_init(&l, n);
	for (size_t i = 0; i < n; i++)
		jfmt_fy(&m->era, base + (int)i, JFMT_ERA_SHORT, l.s[i], sizeof l.s[i]);
	struct chart_line_series *ser = xcalloc(kp->nseries, sizeof *ser);
	struct chart_point *pts = xcalloc(kp->nseries * n, sizeof *pts);
	struct buf *texts = xcalloc(kp->nseries * n, sizeof *texts);
	/* One axis, one unit: series in another unit than the first (海外輸出量
	 * in t and in 円) would be drawn flat against it, so they are left to
	 * the table; the description still gives all of them. */
	const struct series **used_s = xcalloc(kp->nseries, sizeof *used_s);
	size_t used = 0;
	for (size_t i = 0; i < kp->nseries; i++) {
		if (!same_unit(kp->series[i].unit, kp->series[0].unit))
			continue;
		series_points(&kp->series[i], base, n, pts + i * n, texts + i * n);
		used_s[used] = &kp->series[i];
		ser[used].label = kp->series[i].label;
		ser[used++].pts = pts + i * n;
	}
	if (used == 1)
		ser[0].label = NULL;
	struct buf desc = BUF_INIT, *target = xcalloc(used, sizeof *target);
	kpi_desc(m, kp, &e->kpis[k], &desc);
	struct chart_lines_spec spec = { kp->name, buf_str(&desc), kp->series[0].unit, l.p, n, ser,
	                                 used, 0, 0, 0, NULL, kpi_decimals(kp), kpi_man(kp) };
	chart_targets(used_s, used, base, n, &spec, ser, target);
	struct chart *c = chart_lines(&spec);
	for (size_t i = 0; i < kp->nseries * n; i++)
		buf_free(&texts[i]);
	for (size_t i = 0; i < used; i++)
		buf_free(&target[i]);
	buf_free(&desc);
	free(target);
	free(used_s);
	free(texts);
	free(pts);
	free(ser);
	labels_free(&l);
	return c;
}

/* The <vision> populations, as read from the source tree. */
struct pop {
	int year;
	int kind;                    /* 0 census, 1 estimate, 2 target */
	double v;
	char text[48];
};

static size_t read_vision(const xmlNode *vision, struct pop *out, size_t max)
{
	static const char *kinds[] = { "census", "estimate", "target" };
	size_t n = 0;
	for (const xmlNode *c = vision ? vision->children : NULL; c && n < max; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "population"))
			continue;
		xmlChar *y = xmlGetProp(c, (const xmlChar *)"year");
		xmlChar *k = xmlGetProp(c, (const xmlChar *)"kind");
		xmlChar *t = xmlNodeGetContent(c);
		kdec d;
		int kind = -1;
		for (int i = 0; i < 3; i++)
			if (k && !strcmp((const char *)k, kinds[i]))
				kind = i;
		if (y && t && kind >= 0 && kdec_parse((const char *)t, strlen((const char *)t), &d) == KDEC_OK) {
			out[n].year = atoi((const char *)y);
			out[n].kind = kind;
			out[n].v = kdec_to_double(d);
			jfmt_number(d, JFMT_PLAIN, out[n].text, sizeof out[n].text - 4);
			strcat(out[n].text, "人");
			n++;
		}
		xmlFree(y);
		xmlFree(k);
		xmlFree(t);
	}
	return n;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The distinct years of the populations, in order. */
static size_t vision_years(const struct pop *p, size_t n, int *years)
{
	size_t ny = 0;
	for (size_t i = 0; i < n; i++)
		years[ny++] = p[i].year;
	qsort(years, ny, sizeof *years, cmp_int);
	size_t u = 0;
	for (size_t i = 0; i < ny; i++)
		if (u == 0 || years[u - 1] != years[i])
			years[u++] = years[i];
	return u;
}

static struct chart *population_vision(const struct model *m)
{
	struct pop p[64];
	int years[64];
	size_t n = read_vision(m->vision, p, 64), ny = vision_years(p, n, years);
	if (ny == 0)
		return NULL;
	struct labels l;
	labels_init(&l, ny);
	struct chart_point *pts = xcalloc(2 * ny, sizeof *pts);
	struct chart_line_series ser[2] = { { .label = "実績（国勢調査）", .pts = pts }, { .label = "推計", .pts = pts + ny } };
	struct chart_lines_spec spec = { "人口の将来展望", NULL, "人", l.p, ny, ser, 2, 0, 0, 0, NULL, 0, 0 };
	struct buf desc = BUF_INIT, target = BUF_INIT;
	buf_puts(&desc, "人口の推移と将来展望。");
	for (size_t y = 0; y < ny; y++)
		snprintf(l.s[y], sizeof l.s[y], "%d年", years[y]);
	for (size_t i = 0; i < n; i++) {
		size_t y = 0;
		while (years[y] != p[i].year)
			y++;
		if (p[i].kind < 2) {
			struct chart_point *pt = &pts[(size_t)p[i].kind * ny + y];
			pt->present = 1;
			pt->v = p[i].v;
			pt->text = p[i].text;
		} else if (!spec.has_target) {
			buf_printf(&target, "目標 %s", p[i].text);
			spec.has_target = 1;
			spec.target_v = p[i].v;
			spec.target_cat = y;
		}
		buf_printf(&desc, "%d年 %s%s。", p[i].year, p[i].kind == 2 ? "目標 " : p[i].kind ? "推計 " : "",
		           p[i].text);
	}
	/* A kind with no population (the seed has no estimates) gets no line and
	 * no legend entry. */
	size_t used = 0;
	for (size_t k = 0; k < 2; k++) {
		int any = 0;
		for (size_t y = 0; y < ny; y++)
			any |= ser[k].pts[y].present;
		if (any)
			ser[used++] = ser[k];
	}
	spec.nseries = used;
	spec.target_label = buf_str(&target);
	spec.desc = buf_str(&desc);
	struct chart *c = chart_lines(&spec);
	buf_free(&desc);
	buf_free(&target);
	free(pts);
	labels_free(&l);
	return c;
}

struct chart *figures_chart(const struct model *m, const struct eval *e, const char *kind,
                            const char *ref)
{
	if (kind == NULL)
		return NULL;
	if (!strcmp(kind, "goal-counts"))
		return goal_counts(m, e);
	if (!strcmp(kind, "population-vision"))
		return population_vision(m);
	if (!strcmp(kind, "kpi") && ref)
		return kpi_chart(m, e, ref);
	return NULL;
}

int figures_svg(const struct model *m, const struct eval *e, const char *kind, const char *ref,
                const char *id, struct buf *out)
{
	struct chart *c = figures_chart(m, e, kind, ref);
	if (c == NULL)
		return -1;
	chart_svg(c, id, out);
	chart_free(c);
	return 0;
}

/*
 * enrich.c - adds the evaluation to a copy of the source (see enrich.h).
 *
 * The copy is walked in document order; KPIs, narrative counts and value
 * references are met in the same order the model recorded them, so the k-th
 * <kpi> element is model.kpis[k].
 */
#include "enrich.h"
#include "jfmt.h"
#include "report.h"
#include "valtext.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct walk {
	const struct model *m;
	const struct eval *e;
	const struct eval *prev;     /* the year before's (show-previous), or NULL */
	int prev_year;
	xmlNs *ns;
	size_t kpi, count;
};

static int is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, KPIC_NS) &&
	       !strcmp((const char *)n->name, name);
}

static void set(xmlNode *n, xmlNs *ns, const char *name, const char *value)
{
	xmlSetNsProp(n, ns, (const xmlChar *)name, (const xmlChar *)value);
}

static void set_int(xmlNode *n, xmlNs *ns, const char *name, long v)
{
	char s[32];
	snprintf(s, sizeof s, "%ld", v);
	set(n, ns, name, s);
}

static void set_rate(xmlNode *n, xmlNs *ns, int ok, krate rate)
{
	char s[64];
	if (!ok)
		return;
	krate_format(rate, 4, KRATE_HALF_UP, s, sizeof s);
	set(n, ns, "rate", s);
	jfmt_rate(rate, 1, s, sizeof s);
	set(n, ns, "rate-text", s);
}

/* r:text and r:era on a <baseline>, <value> or <target> of the copy. */
static void annotate_value(struct walk *w, xmlNode *n, const struct series *s, const struct value *v)
{
	struct buf b = BUF_INIT;
	char era[32];
	valtext_value(s, v, &b);
	set(n, w->ns, "text", buf_str(&b));
	if (v->year.ok && jfmt_fy(&w->m->era, v->year.y, JFMT_ERA_SHORT, era, sizeof era) >= 0)
		set(n, w->ns, "era", era);
	buf_free(&b);
}

/* r:cumulative-text of a cumulative KPI's yearly value in its span: the sum
 * of the actuals from the span's first year to the value's. */
static void annotate_cumulative(struct walk *w, xmlNode *n, const struct kpi *k, const struct series *s,
                                const struct value *v)
{
	if (!k->cumulative || !k->span_from.ok || !k->span_to.ok || !v->num_ok || !v->year.ok ||
	    v->year.y < k->span_from.y || v->year.y > k->span_to.y)
		return;
	struct value cum = *v;
	cum.num = kdec_from_int(0);
	cum.from.ok = 0;
	cum.label = NULL;
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct value *x = &s->values[i];
		int counts = x->status == VS_MEASURED || (x->status == VS_PROVISIONAL && w->m->use_provisional);
		if (counts && x->num_ok && x->year.ok && x->year.y >= k->span_from.y &&
		    x->year.y <= v->year.y && kdec_add(cum.num, x->num, &cum.num) < 0)
			return;
	}
	struct buf b = BUF_INIT;
	valtext_value(s, &cum, &b);
	set(n, w->ns, "cumulative-text", buf_str(&b));
	buf_free(&b);
}

/* r:initial-text of a revised target: the target first set (当初). */
static void annotate_initial(struct walk *w, xmlNode *n, const struct series *s, const struct value *t)
{
	if (!t->initial_ok)
		return;
	struct value v = *t;
	v.num = t->initial;
	v.num_ok = 1;
	v.has_num = 1;
	v.label = NULL;
	struct buf b = BUF_INIT;
	valtext_value(s, &v, &b);
	set(n, w->ns, "initial-text", buf_str(&b));
	buf_free(&b);
}

/* r:year-target-text, -era, -kind of a rate-against="year" series' final
 * target: the target of the latest actual's year its rate was measured
 * against (a declared yearly target or the pro-rated line). */
static void annotate_year_target(struct walk *w, xmlNode *n, const struct kpi *k, const struct series *s,
                                 const struct series_result *sr)
{
	struct value v;
	int declared = 0;
	char era[32];
	if (!sr || eval_year_target(k, s, sr->latest, &v, &declared) != 1)
		return;
	struct buf b = BUF_INIT;
	valtext_value(s, &v, &b);
	set(n, w->ns, "year-target-text", buf_str(&b));
	if (jfmt_fy(&w->m->era, v.year.y, JFMT_ERA_SHORT, era, sizeof era) >= 0)
		set(n, w->ns, "year-target-era", era);
	set_int(n, w->ns, "year-target-year", v.year.y);
	set(n, w->ns, "year-target-kind", declared ? "declared" : "pro-rated");
	buf_free(&b);
}

static void annotate_series_values(struct walk *w, xmlNode *parent, const struct kpi *k, const struct series *s,
                                   const struct series_result *sr)
{
	size_t vi = 0;
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (is_el(c, "baseline") && s->baseline)
			annotate_value(w, c, s, s->baseline);
		else if (is_el(c, "target") && s->target) {
			annotate_value(w, c, s, s->target);
			annotate_initial(w, c, s, s->target);
			annotate_year_target(w, c, k, s, sr);
		}
		else if (is_el(c, "value") && vi < s->nvalues) {
			annotate_cumulative(w, c, k, s, &s->values[vi]);
			annotate_value(w, c, s, &s->values[vi++]);
		}
	}
}

/* The mark the tables print for a result: its state's symbol, else its
 * grade's in the primary scale; NULL where it has neither. */
static const char *mark_symbol(const struct model *m, const struct kpi_result *r)
{
	if (r->state >= 0 && m->states[r->state].id)
		return m->states[r->state].symbol;
	if (m->primary >= 0 && r->grade >= 0)
		return m->scales[m->primary].grades[r->grade].symbol;
	return NULL;
}

/* r:symbol, the mark: the stylesheets print it without looking it up. */
static void annotate_symbol(struct walk *w, xmlNode *n, const struct kpi_result *r)
{
	const char *sym = mark_symbol(w->m, r);
	if (sym)
		set(n, w->ns, "symbol", sym);
}

/* r:grade (primary scale) or r:state, r:symbol, and an r:grade child per scale. */
static void annotate_grades(struct walk *w, xmlNode *res, const struct kpi *k, const struct kpi_result *r)
{
	const struct model *m = w->m;
	(void)k;
	if (r->state >= 0 && m->states[r->state].id)
		set(res, w->ns, "state", m->states[r->state].id);
	if (m->primary >= 0 && r->grade >= 0)
		set(res, w->ns, "grade", m->scales[m->primary].grades[r->grade].id);
	if (m->primary >= 0 && r->computed_grade >= 0)
		set(res, w->ns, "computed-grade", m->scales[m->primary].grades[r->computed_grade].id);
	annotate_symbol(w, res, r);
	for (size_t s = 0; s < m->nscales; s++) {
		if (r->grades[s] < 0 || (int)s == m->primary)
			continue;
		xmlNode *g = xmlNewChild(res, w->ns, (const xmlChar *)"grade", NULL);
		set(g, w->ns, "scale", m->scales[s].id ? m->scales[s].id : "");
		set(g, w->ns, "ref", m->scales[s].grades[r->grades[s]].id);
	}
}

/* <r:previous grade= | state=/>: the KPI's grade the year before (show-previous). */
static void annotate_previous(struct walk *w, xmlNode *res, const struct kpi_result *r)
{
	const struct model *m = w->m;
	xmlNode *p = xmlNewChild(res, w->ns, (const xmlChar *)"previous", NULL);
	set_int(p, w->ns, "year", w->prev_year);
	if (r->state >= 0 && m->states[r->state].id)
		set(p, w->ns, "state", m->states[r->state].id);
	if (m->primary >= 0 && r->grade >= 0)
		set(p, w->ns, "grade", m->scales[m->primary].grades[r->grade].id);
	annotate_symbol(w, p, r);
}

static void annotate_kpi(struct walk *w, xmlNode *n)
{
	if (w->kpi >= w->m->nkpis)
		return;
	const struct kpi *k = &w->m->kpis[w->kpi];
	const struct kpi_result *r = &w->e->kpis[w->kpi++];
	size_t si = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "series") || si >= k->nseries)
			continue;
		annotate_series_values(w, c, k, &k->series[si], r->series ? &r->series[si] : NULL);
		si++;
	}
	if (si == 0 && k->nseries == 1)
		annotate_series_values(w, n, k, &k->series[0], r->series ? &r->series[0] : NULL);
	xmlNode *res = xmlNewChild(n, w->ns, (const xmlChar *)"result", NULL);
	set(res, w->ns, "level", model_level_name(k->level));
	/* The KPI's ordinal (1-based, document order), so that a stylesheet can
	 * number things per KPI without counting preceding nodes, which is
	 * quadratic in XSLT 1.0. */
	set_int(res, w->ns, "n", (long)(k - w->m->kpis) + 1);
	set_rate(res, w->ns, r->rate_ok, r->rate);
	if (!model_rate_only(w->m)) {      /* rate-only: nothing is judged */
		set(res, w->ns, "met", r->met ? "yes" : "no");
		set(res, w->ns, "computed-met", r->computed_met ? "yes" : "no");
	}
	set(res, w->ns, "trend", eval_trend_name(r->trend));
	annotate_grades(w, res, k, r);
	if (w->prev)
		annotate_previous(w, res, &w->prev->kpis[w->kpi - 1]);
	if (r->chosen >= 0 && k->series[r->chosen].key)
		set(res, w->ns, "series", k->series[r->chosen].key);
	for (size_t j = 0; j < k->nseries; j++) {
		const struct series_result *sr = &r->series[j];
		xmlNode *s = xmlNewChild(res, w->ns, (const xmlChar *)"series", NULL);
		set(s, w->ns, "key", k->series[j].key ? k->series[j].key : "");
		if (sr->latest) {
			set_int(s, w->ns, "latest-year", sr->latest->year.y);
			struct buf b = BUF_INIT;
			valtext_value(&k->series[j], sr->latest, &b);
			set(s, w->ns, "latest-text", buf_str(&b));
			if (sr->cumulative) {
				buf_reset(&b);
				valtext_value(&k->series[j], &sr->cum, &b);
				set(s, w->ns, "cumulative-text", buf_str(&b));
			}
			buf_free(&b);
		}
		set_rate(s, w->ns, sr->rate_ok, sr->rate);
		if (!model_rate_only(w->m))
			set(s, w->ns, "met", sr->met ? "yes" : "no");
		set(s, w->ns, "trend", eval_trend_name(sr->trend));
	}
}

static void annotate_era(struct walk *w, xmlNode *n)
{
	xmlChar *y = xmlGetNoNsProp(n, (const xmlChar *)"year");
	xmlChar *f = xmlGetNoNsProp(n, (const xmlChar *)"form");
	char s[64];
	int form = f && !strcmp((const char *)f, "long") ? JFMT_ERA_LONG : JFMT_ERA_SHORT;
	if (y && jfmt_fy(&w->m->era, atoi((const char *)y), (enum jfmt_era_form)form, s, sizeof s) >= 0)
		set(n, w->ns, "text", s);
	xmlFree(y);
	xmlFree(f);
}

/* The date in attribute attr, formatted into the result attribute out. */
static void annotate_date(struct walk *w, xmlNode *n, const char *attr, const char *out)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
	int y, mo, d;
	char s[64];
	if (v && sscanf((const char *)v, "%d-%d-%d", &y, &mo, &d) == 3 &&
	    jfmt_era_date(y, mo, d, JFMT_ERA_SHORT, s, sizeof s) >= 0)
		set(n, w->ns, out, s);
	xmlFree(v);
}

/* r:text of a narrative <value kpi=…/> or <threshold/> (report.h). */
static void annotate_inline(struct walk *w, xmlNode *n,
                            void (*text)(const struct model *, const xmlNode *, struct buf *))
{
	struct buf b = BUF_INIT;
	text(w->m, n, &b);
	if (b.len)
		set(n, w->ns, "text", buf_str(&b));
	buf_free(&b);
}

/* A count per grade of the primary scale and per state: r:grade and r:state
 * children with r:ref and r:count, in the scale's order. */
static void tally_grades(xmlNode *n, xmlNs *ns, const struct model *m, const struct tally *t)
{
	if (m->primary >= 0) {
		const struct scale *sc = &m->scales[m->primary];
		for (size_t g = 0; g < sc->ngrades && g < KPIC_MAX_GRADES; g++) {
			xmlNode *c = xmlNewChild(n, ns, (const xmlChar *)"grade", NULL);
			set(c, ns, "ref", sc->grades[g].id ? sc->grades[g].id : "");
			set_int(c, ns, "count", t->grade[g]);
		}
	}
	for (size_t i = 0; i < m->nstates && i < KPIC_MAX_STATES; i++) {
		xmlNode *c = xmlNewChild(n, ns, (const xmlChar *)"state", NULL);
		set(c, ns, "ref", m->states[i].id ? m->states[i].id : "");
		set_int(c, ns, "count", t->state[i]);
	}
}

static void tally_node(xmlNode *parent, xmlNs *ns, const struct model *m, const char *name, const struct tally *t)
{
	xmlNode *n = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
	if (!model_rate_only(m)) {
		set_int(n, ns, "met", t->met);
		set_int(n, ns, "not-met", t->not_met);
	}
	set_int(n, ns, "total", t->met + t->not_met);
	if (t->uncounted)
		set_int(n, ns, "uncounted", t->uncounted);
	tally_grades(n, ns, m, t);
}

static void tally3_node(xmlNode *parent, xmlNs *ns, const struct model *m, const struct tally3 *t)
{
	tally_node(parent, ns, m, "all", &t->all);
	tally_node(parent, ns, m, "goal-level", &t->level[LEVEL_GOAL]);
	tally_node(parent, ns, m, "measure-level", &t->level[LEVEL_MEASURE]);
	/* 「うち」: an r:tag per declared tag, r:ref its id */
	for (size_t g = 0; g < m->ntags && g < KPIC_MAX_TAGS; g++) {
		tally_node(parent, ns, m, "tag", &t->tag[g]);
		set(parent->last, ns, "ref", m->tags[g].id ? m->tags[g].id : "");
	}
}

static void set_opt(xmlNode *n, xmlNs *ns, const char *name, const char *v)
{
	if (v)
		set(n, ns, name, v);
}

/* The scales and states as the templates print them: the shorthand
 * threshold= included, so that no stylesheet builds a label itself. */
static void scales_node(struct walk *w, xmlNode *s)
{
	const struct model *m = w->m;
	for (size_t i = 0; i < m->nscales; i++) {
		const struct scale *sc = &m->scales[i];
		xmlNode *n = xmlNewChild(s, w->ns, (const xmlChar *)"scale", NULL);
		set_opt(n, w->ns, "id", sc->id);
		set_opt(n, w->ns, "name", sc->name);
		set(n, w->ns, "primary", (int)i == m->primary ? "yes" : "no");
		set(n, w->ns, "given", sc->given ? "yes" : "no");
		struct buf met = BUF_INIT;
		for (size_t g = 0; g < sc->ngrades; g++)
			if (sc->grades[g].achieved && sc->grades[g].label)
				buf_printf(&met, "%s%s", met.len ? "・" : "", sc->grades[g].label);
		set(n, w->ns, "met-label", buf_str(&met));
		buf_free(&met);
		if ((int)i == m->primary && m->threshold_ok)
			set(n, w->ns, "threshold", m->threshold_text);
		for (size_t g = 0; g < sc->ngrades; g++) {
			const struct grade *gr = &sc->grades[g];
			xmlNode *c = xmlNewChild(n, w->ns, (const xmlChar *)"grade", NULL);
			set_opt(c, w->ns, "id", gr->id);
			set_opt(c, w->ns, "symbol", gr->symbol);
			set_opt(c, w->ns, "label", gr->label);
			set_opt(c, w->ns, "legend", gr->legend ? gr->legend : gr->label);
			set(c, w->ns, "achieved", gr->achieved ? "yes" : "no");
		}
	}
	for (size_t i = 0; i < m->nstates; i++) {
		const struct kstate *st = &m->states[i];
		xmlNode *c = xmlNewChild(s, w->ns, (const xmlChar *)"state", NULL);
		set_opt(c, w->ns, "id", st->id);
		set_opt(c, w->ns, "symbol", st->symbol);
		set_opt(c, w->ns, "label", st->label);
		set(c, w->ns, "counted", st->counted ? "yes" : "no");
	}
}

static void annotate_count_table(struct walk *w, xmlNode *n)
{
	xmlChar *g = xmlGetNoNsProp(n, (const xmlChar *)"goal");
	int gi = model_find_goal(w->m, (const char *)g);
	xmlFree(g);
	if (gi < 0)
		return;
	xmlNode *c = xmlNewChild(n, w->ns, (const xmlChar *)"counts", NULL);
	tally3_node(c, w->ns, w->m, &w->e->goals[gi]);
}

static void year_column(struct walk *w, xmlNode *parent, const char *role, int year)
{
	char era[32];
	xmlNode *y = xmlNewChild(parent, w->ns, (const xmlChar *)"year", NULL);
	set(y, w->ns, "role", role);
	set_int(y, w->ns, "value", year);
	if (jfmt_fy(&w->m->era, year, JFMT_ERA_SHORT, era, sizeof era) >= 0)
		set(y, w->ns, "era", era);
}

/* <year-counts>: an <r:year> per fiscal year from from= (the period's
 * first) to to= (the evaluation year, which it cannot pass), with its
 * counts per goal and in total. */
static void annotate_year_counts(struct walk *w, xmlNode *n)
{
	const struct model *m = w->m;
	xmlChar *f = xmlGetNoNsProp(n, (const xmlChar *)"from"), *t = xmlGetNoNsProp(n, (const xmlChar *)"to");
	int from = f ? atoi((const char *)f) : m->start.ok ? m->start.y : 0;
	int last = w->e->year ? w->e->year : eval_latest_year(w->e, m);
	if (t && atoi((const char *)t) < last)
		last = atoi((const char *)t);
	xmlFree(f);
	xmlFree(t);
	for (int y = from > 0 ? from : last; y <= last && y > 0; y++) {
		struct eval e;
		eval_run_year(&e, m, y);
		year_column(w, n, "evaluation", y);
		xmlNode *yn = xmlGetLastChild(n);
		for (size_t g = 0; g < m->ngoals; g++) {
			xmlNode *gn = xmlNewChild(yn, w->ns, (const xmlChar *)"goal", NULL);
			set(gn, w->ns, "ref", m->goals[g].id ? m->goals[g].id : "");
			tally3_node(gn, w->ns, m, &e.goals[g]);
		}
		tally3_node(xmlNewChild(yn, w->ns, (const xmlChar *)"totals", NULL), w->ns, m, &e.total);
		eval_free(&e);
	}
}

static void annotate_heading(struct walk *w, xmlNode *n);

static int is_heading(const xmlNode *n)
{
	return is_el(n, "policy") || is_el(n, "direction") || is_el(n, "measure") || is_el(n, "project");
}

static void walk(struct walk *w, xmlNode *n, int in_published)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns == NULL || strcmp((const char *)n->ns->href, KPIC_NS))
			continue;
		if (is_el(n, "kpi"))
			annotate_kpi(w, n);
		else if (is_el(n, "count") && !in_published && w->count < w->m->ncounts)
			set_int(n, w->ns, "value", eval_count(w->e, w->m, &w->m->counts[w->count++]));
		else if (is_el(n, "threshold") && w->m->threshold_ok) {
			char s[32];
			kdec_format(w->m->threshold, s, sizeof s);
			set(n, w->ns, "value", s);
			annotate_inline(w, n, valtext_threshold);
		} else if (is_el(n, "value") && xmlHasProp(n, (const xmlChar *)"kpi"))
			annotate_inline(w, n, valtext_ref);
		else if (is_el(n, "era"))
			annotate_era(w, n);
		else if (is_el(n, "date"))
			annotate_date(w, n, "value", "text");
		else if (is_el(n, "meeting"))
			annotate_date(w, n, "date", "date-text");
		else if (is_el(n, "committee"))
			annotate_date(w, n, "as-of", "date-text");
		else if (is_el(n, "count-table"))
			annotate_count_table(w, n);
		else if (is_el(n, "year-counts"))
			annotate_year_counts(w, n);
		else if (is_heading(n))
			annotate_heading(w, n);
		if (!is_el(n, "kpi"))
			walk(w, n->children, in_published || is_el(n, "published"));
	}
}


/* The year columns of the KPI tables: the baseline, every year from the
 * period's start to the last year a table cell was recorded for (capped at
 * the period's end), and the target year.  Reference values (printed in
 * parentheses beside the table, as the seed's "(2施設)") do not open a
 * column of their own; the templates show them with the KPI's notes.  Computed here so that a stylesheet
 * never has to find a maximum in XSLT 1.0. */
static void columns(struct walk *w, xmlNode *s)
{
	const struct model *m = w->m;
	int last = m->start.ok ? m->start.y - 1 : 0;
	for (size_t k = 0; k < m->nkpis; k++)
		for (size_t i = 0; i < m->kpis[k].nseries; i++)
			for (size_t v = 0; v < m->kpis[k].series[i].nvalues; v++) {
				const struct value *val = &m->kpis[k].series[i].values[v];
				const struct year *y = &val->year;
				if (val->status != VS_REFERENCE && y->ok && y->y > last && (!m->end.ok || y->y <= m->end.y))
					last = y->y;
			}
	xmlNode *c = xmlNewChild(s, w->ns, (const xmlChar *)"columns", NULL);
	if (m->baseline.ok)
		year_column(w, c, "baseline", m->baseline.y);
	for (int y = m->start.ok ? m->start.y : last + 1; y <= last; y++)
		year_column(w, c, "actual", y);
	if (m->end.ok)
		year_column(w, c, "target", m->end.y);
}

/* A goal's or heading's roll-up (<level rollup=…>): r:rollup (worst, share,
 * points), r:rollup-grade and r:rollup-symbol (and r:rollup-points, 85.0),
 * or r:rollup-share (50.0). */
static void rollup_attrs(xmlNode *n, xmlNs *ns, const struct model *m, enum rollup ru,
                         const struct tally *t)
{
	if (ru == RU_NONE)
		return;
	struct rollup_result rr = eval_rollup(m, ru, t);
	set(n, ns, "rollup", eval_rollup_name(ru));
	if (!rr.ok)
		return;
	if (ru == RU_SHARE) {
		char s[32];
		snprintf(s, sizeof s, "%d.%d", rr.share_tenths / 10, rr.share_tenths % 10);
		set(n, ns, "rollup-share", s);
	} else {
		char pt[64];
		if (ru == RU_POINTS && krate_format(rr.points, 1, KRATE_HALF_UP, pt, sizeof pt) > 0)
			set(n, ns, "rollup-points", pt);
		const struct grade *g = &m->scales[m->primary].grades[rr.grade];
		set(n, ns, "rollup-grade", g->id ? g->id : "");
		set(n, ns, "rollup-symbol", g->symbol ? g->symbol : "");
	}
}

/* A heading's roll-up, where its level declares one: the attributes of
 * rollup_attrs over the KPIs below it. */
static void annotate_heading(struct walk *w, xmlNode *n)
{
	xmlChar *id = xmlGetNoNsProp(n, (const xmlChar *)"id");
	int h = id ? model_find_heading(w->m, (const char *)id) : -1;
	xmlFree(id);
	if (h >= 0)
		rollup_attrs(n, w->ns, w->m, w->m->level_rollup[w->m->headings[h].kind + 1], &w->e->headings[h]);
}

static void summary(struct walk *w, xmlNode *root)
{
	xmlNode *s = xmlNewChild(root, w->ns, (const xmlChar *)"summary", NULL);
	set(s, w->ns, "generator", "kpic " KPIC_VERSION);
	columns(w, s);
	xmlNode *t = xmlNewChild(s, w->ns, (const xmlChar *)"totals", NULL);
	tally3_node(t, w->ns, w->m, &w->e->total);
	set_int(t, w->ns, "goals", (long)w->m->ngoals);
	set_int(t, w->ns, "overrides", (long)w->e->noverrides);
	for (size_t g = 0; g < w->m->ngoals; g++) {
		xmlNode *gn = xmlNewChild(s, w->ns, (const xmlChar *)"goal", NULL);
		set(gn, w->ns, "ref", w->m->goals[g].id ? w->m->goals[g].id : "");
		tally3_node(gn, w->ns, w->m, &w->e->goals[g]);
		rollup_attrs(gn, w->ns, w->m, w->m->level_rollup[LO_GOAL], &w->e->goals[g].all);
	}
	for (size_t d = 0; d < w->m->ndepts; d++) {
		xmlNode *dn = xmlNewChild(s, w->ns, (const xmlChar *)"department", NULL);
		set(dn, w->ns, "ref", w->m->depts[d].id ? w->m->depts[d].id : "");
		tally3_node(dn, w->ns, w->m, &w->e->depts[d]);
	}
	scales_node(w, s);
	if (w->prev) {
		xmlNode *p = xmlNewChild(s, w->ns, (const xmlChar *)"previous", NULL);
		year_column(w, p, "previous", w->prev_year);
		tally3_node(p, w->ns, w->m, &w->prev->total);
	}
}

xmlDoc *enrich_doc(const struct model *m, const struct eval *e, xmlDoc *doc)
{
	xmlDoc *copy = xmlCopyDoc(doc, 1);
	xmlNode *root = xmlDocGetRootElement(copy);
	struct walk w = { m, e, NULL, 0, xmlNewNs(root, (const xmlChar *)KPIC_RESULT_NS, (const xmlChar *)"r"), 0, 0 };
	struct eval prev;
	if (m->show_previous) {
		w.prev_year = (e->year ? e->year : eval_latest_year(e, m)) - 1;
		eval_run_year(&prev, m, w.prev_year);
		w.prev = &prev;
	}
	walk(&w, root, 0);
	summary(&w, root);
	if (w.prev)
		eval_free(&prev);
	return copy;
}

void enrich_xml(const struct model *m, const struct eval *e, xmlDoc *doc, struct buf *out)
{
	xmlDoc *copy = enrich_doc(m, e, doc);
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(copy, &mem, &len, "UTF-8", 1);
	buf_put(out, (const char *)mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(copy);
}

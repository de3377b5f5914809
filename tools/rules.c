/*
 * rules.c - the semantic rules of `kpic check` (see rules.h).
 *
 * One function per rule, in the order of rules.def, registered in the table
 * at the end.  A rule reads the model (and, for the few that judge results,
 * the evaluation) and reports; it never changes anything, so rules are
 * independent and their order does not matter (diagnostics are sorted by
 * position when printed).
 */
#include "rules.h"
#include "i18n.h"
#include "jfmt.h"
#include "fontcover.h"
#include "layout.h"
#include "buf.h"
#include "srclimits.h"
#include "suggest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct idnode { const char *id; xmlNode *node; size_t off; };

struct ck {
	const struct model *m;
	const struct eval *e;
	const struct srcfile *src;
	struct diag_ctx *d;
	struct idnode *ids;          /* every id attribute, sorted by id, then position */
	size_t nids;
};

#define MIN_YEAR LIMIT_MIN_YEAR
#define MAX_YEAR LIMIT_MAX_YEAR

static size_t at(const struct ck *c, const xmlNode *n) { return srcmap_node(c->src, n); }
static size_t at_attr(const struct ck *c, const xmlNode *n, const char *a) { return srcmap_attr(c->src, n, a); }
static size_t at_text(const struct ck *c, const xmlNode *n) { return srcmap_content(c->src, n); }

static const char *kname(const struct kpi *k)
{
	return k->name && *k->name ? k->name : k->id ? k->id : "?";
}

/* "KPI 'name'" or "KPI 'name' (series label)" for messages. */
static const char *series_desc(const struct kpi *k, const struct series *s, struct buf *b)
{
	buf_reset(b);
	buf_printf(b, _("KPI '%s'"), kname(k));
	if (s->label && *s->label)
		buf_printf(b, " (%s)", s->label);
	else if (s->key && *s->key)
		buf_printf(b, " (%s)", s->key);
	return buf_str(b);
}

static const char *vkind_word(enum vkind k)
{
	return k == VK_BASELINE ? _("baseline") : k == VK_TARGET ? _("target") : _("value");
}

/* Calls fn for every value (baseline, values, target) of every series. */
typedef void value_fn(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v);

static void each_value(const struct ck *c, value_fn *fn)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		for (size_t j = 0; j < k->nseries; j++) {
			const struct series *s = &k->series[j];
			if (s->baseline)
				fn(c, k, s, s->baseline);
			for (size_t v = 0; v < s->nvalues; v++)
				fn(c, k, s, &s->values[v]);
			if (s->target)
				fn(c, k, s, s->target);
		}
	}
}

/* ------------------------------------------------------------ ids */

static void collect_ids(const struct ck *c, xmlNode *n, struct idnode **v, size_t *nv)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* A grade's id is its scale's own (each scale may have an "a"). */
		int scoped = !strcmp((const char *)n->name, "grade");
		xmlChar *id = scoped ? NULL : xmlGetNoNsProp(n, (const xmlChar *)"id");
		if (id) {
			if ((*nv & (*nv - 1)) == 0)   /* doubles at powers of two */
				*v = xrealloc(*v, (*nv ? 2 * *nv : 1) * sizeof **v);
			(*v)[*nv].id = (const char *)id;
			(*v)[*nv].node = n;
			(*v)[*nv].off = at(c, n);
			(*nv)++;
		}
		collect_ids(c, n->children, v, nv);
	}
}

static int cmp_idnode(const void *pa, const void *pb)
{
	const struct idnode *a = pa, *b = pb;
	int r = strcmp(a->id, b->id);
	return r ? r : a->off < b->off ? -1 : a->off > b->off;
}

static xmlNode *root_of(const struct ck *c)
{
	return c->m->goals && c->m->ngoals ? xmlDocGetRootElement(c->m->goals[0].node->doc) : NULL;
}

static void rule_duplicate_id(const struct ck *c)
{
	const struct idnode *v = c->ids;
	size_t nv = c->nids;
	for (size_t i = 1; i < nv; i++) {
		size_t first = i - 1;
		while (first > 0 && !strcmp(v[first - 1].id, v[i].id))
			first--;
		if (strcmp(v[first].id, v[i].id))
			continue;
		diag_report(c->d, R_DUPLICATE_ID, c->src, at_attr(c, v[i].node, "id"),
		            "id '%s' is already used by a <%s>; ids must be unique in the whole source",
		            v[i].id, (const char *)v[first].node->name);
		diag_note(c->d, c->src, at_attr(c, v[first].node, "id"), "'%s' first defined here", v[i].id);
	}
}

/* Is id any element's id in the source?  (c->ids is sorted by id.) */
static int id_exists(const struct ck *c, const char *id)
{
	struct idnode key = { id, NULL, 0 };
	size_t lo = 0, hi = c->nids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->ids[mid].id, key.id);
		if (r == 0)
			return 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ------------------------------------------------- suggestions */

/* A note "did you mean …?" when one candidate offered to s is close.
 * Returns 1 if it made one. */
static int note_suggestion(const struct ck *c, const struct suggest *s)
{
	size_t where;
	const char *best = suggest_best(s, &where);
	if (best)
		diag_note(c->d, c->src, where, "did you mean '%s'?", best);
	return best != NULL;
}

static void offer_kpis(const struct ck *c, struct suggest *s)
{
	for (size_t i = 0; i < c->m->nkpis; i++)
		suggest_offer(s, c->m->kpis[i].id, at_attr(c, c->m->kpis[i].node, "id"));
}

static void offer_depts(const struct ck *c, struct suggest *s)
{
	for (size_t i = 0; i < c->m->ndepts; i++)
		suggest_offer(s, c->m->depts[i].id, at_attr(c, c->m->depts[i].node, "id"));
}

static void offer_goals(const struct ck *c, struct suggest *s)
{
	for (size_t i = 0; i < c->m->ngoals; i++)
		suggest_offer(s, c->m->goals[i].id, at_attr(c, c->m->goals[i].node, "id"));
}

static void offer_measures(const struct ck *c, struct suggest *s)
{
	for (size_t i = 0; i < c->m->nheadings; i++)
		if (c->m->headings[i].kind == HK_MEASURE)
			suggest_offer(s, c->m->headings[i].id, at_attr(c, c->m->headings[i].node, "id"));
}

static void offer_all_ids(const struct ck *c, struct suggest *s)
{
	for (size_t i = 0; i < c->nids; i++)
		suggest_offer(s, c->ids[i].id, at_attr(c, c->ids[i].node, "id"));
}

/* ---------------------------------------------------- departments */

/* department="企画調整課": the name of a declared department where its id
 * belongs.  Notes the id to write; returns 1 if it did. */
static int dept_by_name(const struct ck *c, const char *name)
{
	for (size_t i = 0; name && i < c->m->ndepts; i++) {
		const struct department *dp = &c->m->depts[i];
		if (dp->name && dp->id && !strcmp(dp->name, name)) {
			diag_note(c->d, c->src, at_attr(c, dp->node, "id"),
			          "'%s' is the name of department '%s': department=\"…\" takes the id, write department=\"%s\"",
			          name, dp->id, dp->id);
			return 1;
		}
	}
	return 0;
}

static void rule_unknown_department(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		for (size_t d = 0; d < k->ndepts; d++) {
			if (model_find_dept(c->m, k->depts[d]) >= 0)
				continue;
			diag_report(c->d, R_UNKNOWN_DEPT, c->src, at_attr(c, k->dept_nodes[d], "department"),
			            "KPI '%s' names department '%s', which is not declared", kname(k), k->depts[d]);
			if (dept_by_name(c, k->depts[d]))
				continue;
			struct suggest sg;
			suggest_init(&sg, k->depts[d]);
			offer_depts(c, &sg);
			/* a likely typo: declaring it would make a second department */
			if (!note_suggestion(c, &sg) && c->m->ndepts)
				diag_note(c->d, c->src, at(c, c->m->depts[0].node->parent),
				          "declare it here as <department id=\"%s\">課名</department>", k->depts[d]);
		}
	}
}

static int rules_is_kpic(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, KPIC_NS) &&
	       !strcmp((const char *)n->name, name);
}

/* Whether the meta's <text-columns> declares a column id. */
static int column_declared(const struct ck *c, const xmlChar *id)
{
	const xmlNode *meta = c->m->eval_node ? c->m->eval_node->parent : NULL;
	for (const xmlNode *t = meta ? meta->children : NULL; t; t = t->next)
		if (rules_is_kpic(t, "text-columns"))
			for (const xmlNode *col = t->children; col; col = col->next)
				if (rules_is_kpic(col, "column")) {
					xmlChar *cid = xmlGetNoNsProp(col, (const xmlChar *)"id");
					int same = xmlStrEqual(cid, id);
					xmlFree(cid);
					if (same)
						return 1;
				}
	return 0;
}

static void rule_unknown_text_column(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++)
		for (const xmlNode *t = c->m->kpis[i].node->children; t; t = t->next) {
			if (!rules_is_kpic(t, "text"))
				continue;
			xmlChar *col = xmlGetNoNsProp(t, (const xmlChar *)"column");
			if (col && !column_declared(c, col))
				diag_report(c->d, R_UNKNOWN_COLUMN, c->src, at_attr(c, t, "column"),
				            "KPI '%s' gives a text for column '%s', which <text-columns> does not declare: "
				            "declare it there as <column id=\"%s\">見出し</column>",
				            kname(&c->m->kpis[i]), (const char *)col, (const char *)col);
			xmlFree(col);
		}
}

/* Each KPI marks the department its id names (the first of that id, as the
 * index resolves it), so that the rule is linear: looking every department
 * up among all KPIs took seconds for 20,000 of each. */
static void rule_unused_department(const struct ck *c)
{
	char *used = xcalloc(c->m->ndepts + 1, 1);
	for (size_t i = 0; i < c->m->nkpis; i++)
		for (size_t j = 0; j < c->m->kpis[i].ndepts; j++) {
			int d = model_find_dept(c->m, c->m->kpis[i].depts[j]);
			if (d >= 0)
				used[d] = 1;
		}
	for (size_t d = 0; d < c->m->ndepts; d++) {
		int first = c->m->depts[d].id ? model_find_dept(c->m, c->m->depts[d].id) : -1;
		if (first < 0 || !used[first])
			diag_report(c->d, R_UNUSED_DEPT, c->src, at(c, c->m->depts[d].node),
			            "department '%s' (%s) is responsible for no KPI", c->m->depts[d].id,
			            c->m->depts[d].name ? c->m->depts[d].name : "");
	}
	free(used);
}

static void rule_missing_department(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++)
		if (c->m->kpis[i].ndepts == 0)
			diag_report(c->d, R_MISSING_DEPT, c->src, at(c, c->m->kpis[i].node),
			            "KPI '%s' has no 担当課: add <responsible department=\"…\"/>", kname(&c->m->kpis[i]));
}

/* -------------------------------------------------------- reposts */

static void rule_dangling_repost(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nreposts; i++) {
		const struct repost *r = &c->m->reposts[i];
		if (model_find_kpi(c->m, r->kpi) >= 0 || model_find_repost(c->m, r->kpi) >= 0)
			continue;
		diag_report(c->d, R_DANGLING_REPOST, c->src, at_attr(c, r->node, "kpi"),
		            "再掲 row refers to KPI '%s', which is not defined anywhere", r->kpi ? r->kpi : "");
		struct suggest sg;
		suggest_init(&sg, r->kpi);
		offer_kpis(c, &sg);
		note_suggestion(c, &sg);
	}
	for (size_t i = 0; i < c->m->nheadings; i++) {
		const struct heading *h = &c->m->headings[i];
		if (h->repost_of == NULL)
			continue;
		int t = model_find_heading(c->m, h->repost_of);
		if (t >= 0 && c->m->headings[t].kind == HK_MEASURE)
			continue;
		diag_report(c->d, R_DANGLING_REPOST, c->src, at_attr(c, h->node, "repost-of"),
		            "measure '%s' is marked 再掲 of '%s', which is not a measure defined anywhere",
		            h->title ? h->title : "", h->repost_of);
		struct suggest sg;
		suggest_init(&sg, h->repost_of);
		offer_measures(c, &sg);
		note_suggestion(c, &sg);
	}
}

static void rule_repost_of_repost(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nreposts; i++) {
		const struct repost *r = &c->m->reposts[i];
		int t = model_find_repost(c->m, r->kpi);
		if (t < 0 || model_find_kpi(c->m, r->kpi) >= 0)
			continue;
		diag_report(c->d, R_REPOST_OF_REPOST, c->src, at_attr(c, r->node, "kpi"),
		            "再掲 row refers to '%s', itself a 再掲 row: refer to the KPI it repeats ('%s')",
		            r->kpi, c->m->reposts[t].kpi ? c->m->reposts[t].kpi : "?");
		diag_note(c->d, c->src, at(c, c->m->reposts[t].node), "'%s' is the 再掲 row here", r->kpi);
	}
	for (size_t i = 0; i < c->m->nheadings; i++) {
		const struct heading *h = &c->m->headings[i];
		int t = h->repost_of ? model_find_heading(c->m, h->repost_of) : -1;
		if (t < 0 || c->m->headings[t].repost_of == NULL)
			continue;
		diag_report(c->d, R_REPOST_OF_REPOST, c->src, at_attr(c, h->node, "repost-of"),
		            "measure is marked 再掲 of '%s', itself a 再掲 of '%s': refer to the original",
		            h->repost_of, c->m->headings[t].repost_of);
		diag_note(c->d, c->src, at(c, c->m->headings[t].node), "'%s' is defined here", h->repost_of);
	}
}

/* ----------------------------------------------- numbers and years */

/* A number typed in full-width ("１２３", "1，234"): says so, with the
 * half-width form to write, if that form is a number.  Returns 1 if it did. */
static int fullwidth_number(const struct ck *c, size_t off, const char *what, const char *text)
{
	char half[64];
	kdec v;
	int kinds = text ? kdec_halfwidth(text, strlen(text), half, sizeof half) : 0;
	if (kinds == 0 || kdec_parse(half, strlen(half), &v) != KDEC_OK)
		return 0;
	if (kinds & KDEC_FW_DIGIT)
		diag_report(c->d, R_INVALID_NUMBER, c->src, off,
		            "%s '%s' is written in full-width digits: write it in half-width digits, without separators, as %s",
		            what, text, half);
	else
		diag_report(c->d, R_INVALID_NUMBER, c->src, off,
		            "%s '%s' has a full-width comma, sign or point: write it half-width and without separators, as %s",
		            what, text, half);
	return 1;
}

static void bad_number(const struct ck *c, const xmlNode *n, size_t off, const char *what, const char *text)
{
	kdec v;
	(void)n;
	if (fullwidth_number(c, off, what, text))
		return;
	if (text && kdec_parse(text, strlen(text), &v) == KDEC_RANGE) {
		diag_report(c->d, R_INVALID_NUMBER, c->src, off,
		            "%s '%s' is beyond kpic's limits for a number: at most 15 digits before the decimal point, %d after it and 18 in all",
		            what, text, KDEC_MAX_SCALE);
		return;
	}
	diag_report(c->d, R_INVALID_NUMBER, c->src, off,
	            "%s '%s' is not a decimal number: write digits with an optional '-' and '.', without separators, units or era labels (e.g. 16474, 19.50, -3.3)",
	            what, text);
}

static void number_of_value(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v)
{
	(void)k;
	(void)s;
	if (v->has_num && !v->num_ok)
		bad_number(c, v->node, at_text(c, v->node), vkind_word(v->kind), v->text);
}

static void rule_invalid_number(const struct ck *c)
{
	const struct model *m = c->m;
	each_value(c, number_of_value);
	if (m->eval_node && m->threshold_attr && !m->threshold_ok)
		bad_number(c, m->eval_node, at_attr(c, m->eval_node, "threshold"), _("threshold"),
		           m->threshold_text ? m->threshold_text : "");
	for (size_t i = 0; i < m->nscales; i++)
		for (size_t g = 0; g < m->scales[i].ngrades; g++) {
			const struct grade *gr = &m->scales[i].grades[g];
			const char *attr = gr->rule == GR_CUT ? "rate" : "band";
			if (gr->rule_node && gr->num_text && !gr->num_ok)
				bad_number(c, gr->rule_node, at_attr(c, gr->rule_node, attr),
				           gr->rule == GR_CUT ? _("cut rate") : _("band"), gr->num_text);
			if (gr->points_text && !gr->points_ok)
				bad_number(c, gr->node, at_attr(c, gr->node, "points"), _("points"), gr->points_text);
		}
	for (size_t i = 0; i < m->nkpis; i++)
		if (m->kpis[i].has_rate_base && !m->kpis[i].rate_base_ok)
			bad_number(c, m->kpis[i].node, at_attr(c, m->kpis[i].node, "rate-base"), _("rate-base"),
			           m->kpis[i].rate_base_text);
	/* Grant amounts and populations are printed through k:number(), which
	 * fails on anything else: a source kpic check accepted then could not
	 * be rendered (found by fuzzing kpic html). */
	for (size_t i = 0; i < m->namounts; i++) {
		const xmlNode *n = m->amounts[i];
		xmlChar *t = xmlNodeGetContent(n);
		kdec d;
		if (t == NULL || kdec_parse((const char *)t, strlen((const char *)t), &d) != KDEC_OK)
			bad_number(c, n, at_text(c, n), strcmp((const char *)n->name, "population") ? _("grant amount") : _("population"),
			           t ? (const char *)t : "");
		xmlFree(t);
	}
	for (size_t i = 0; i < m->npublished; i++) {
		if (m->published[i].num_ok)
			continue;
		xmlNode *n = m->published[i].sel.node;
		xmlChar *t = xmlNodeGetContent(n);
		if (!fullwidth_number(c, at_text(c, n), _("published count"), t ? (const char *)t : NULL))
			diag_report(c->d, R_INVALID_NUMBER, c->src, at_text(c, n),
			            "a published count must be a whole number of KPIs (e.g. 64)");
		xmlFree(t);
	}
}

/* A year attribute that is present must be a plain year in range. */
static void check_year(const struct ck *c, const struct year *y)
{
	if (y->node == NULL || !xmlHasProp(y->node, (const xmlChar *)y->attr))
		return;
	if (y->ok && y->y >= MIN_YEAR && y->y <= MAX_YEAR)
		return;
	xmlChar *t = xmlGetNoNsProp(y->node, (const xmlChar *)y->attr);
	const char *text = t ? (const char *)t : "";
	char half[32];
	int kinds = kdec_halfwidth(text, strlen(text), half, sizeof half);
	int year = kinds & KDEC_FW_DIGIT ? atoi(half) : 0;
	if (year >= MIN_YEAR && year <= MAX_YEAR && strspn(half, "0123456789") == strlen(half))
		diag_report(c->d, R_INVALID_YEAR, c->src, at_attr(c, y->node, y->attr),
		            "%s=\"%s\" is written in full-width digits: write it in half-width digits, as %s=\"%s\"",
		            y->attr, text, y->attr, half);
	else
		diag_report(c->d, R_INVALID_YEAR, c->src, at_attr(c, y->node, y->attr),
		            "%s=\"%s\" is not a year between %d and %d: write the Gregorian fiscal year (H30 = 2018, R1 = 2019)",
		            y->attr, text, MIN_YEAR, MAX_YEAR);
	xmlFree(t);
}

static void year_of_value(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v)
{
	(void)k;
	(void)s;
	check_year(c, &v->year);
	check_year(c, &v->from);
	if (v->from.ok && v->year.ok && v->from.y >= v->year.y)
		diag_report(c->d, R_INVALID_YEAR, c->src, at_attr(c, v->from.node, v->from.attr),
		            "from=\"%d\" is not before year=\"%d\": from is the first year of a value that covers several years (from=\"2008\" year=\"2012\" is H20-24); remove it for a value of one year",
		            v->from.y, v->year.y);
}

static void rule_invalid_year(const struct ck *c)
{
	check_year(c, &c->m->start);
	check_year(c, &c->m->end);
	check_year(c, &c->m->baseline);
	each_value(c, year_of_value);
	for (size_t i = 0; i < c->m->nyears; i++)
		check_year(c, &c->m->years[i]);
}

static int valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, n = 0;
	if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return 0;
	if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(mo == 2 && d == 29 && !leap);
}

/* The document writes every date in 和暦, whose first era kpic knows, 明治,
 * begins on 1868-01-25 (jfmt.c): a date before it could not be written. */
static int before_meiji(const char *s)
{
	int y, mo, d;
	char era[64];
	return sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) == 3 &&
	       jfmt_era_date(y, mo, d, JFMT_ERA_LONG, era, sizeof era) < 0;
}

static void check_date(const struct ck *c, xmlNode *n, const char *attr, const char *text)
{
	size_t off = attr ? at_attr(c, n, attr) : at_text(c, n);
	if (valid_date(text) && before_meiji(text)) {
		diag_report(c->d, R_INVALID_DATE, c->src, off,
		            "'%s' is before 1868-01-25, the first day of 明治: kpic writes dates in 和暦 and cannot write it; write a date from 1868-01-25 on",
		            text);
		return;
	}
	if (valid_date(text))
		return;
	diag_report(c->d, R_INVALID_DATE, c->src, off,
	            "'%s' is not a date: write YYYY-MM-DD in the Gregorian calendar (H31.4.1 = 2019-04-01)",
	            text ? text : "");
}

static void rule_invalid_date(const struct ck *c)
{
	if (c->m->as_of_node)
		check_date(c, c->m->as_of_node, NULL, c->m->as_of);
	for (size_t i = 0; i < c->m->ndates; i++) {
		xmlNode *n = c->m->dates[i];
		const char *attr = !strcmp((const char *)n->name, "committee") ? "as-of" :
		                   !strcmp((const char *)n->name, "meeting") ? "date" : "value";
		xmlChar *t = xmlGetNoNsProp(n, (const xmlChar *)attr);
		check_date(c, n, attr, (const char *)t);
		xmlFree(t);
	}
}

static void rule_period(const struct ck *c)
{
	const struct model *m = c->m;
	if (m->start.ok && m->end.ok && m->start.y > m->end.y)
		diag_report(c->d, R_PERIOD, c->src, at_attr(c, m->period_node, "end"),
		            "the period ends (%d) before it starts (%d)", m->end.y, m->start.y);
	if (m->start.ok && m->baseline.ok && m->baseline.y > m->start.y)
		diag_report(c->d, R_PERIOD, c->src, at_attr(c, m->period_node, "baseline"),
		            "the baseline year %d is after the period's first year %d; the baseline is the year before the strategy (基準値)",
		            m->baseline.y, m->start.y);
}

static void rule_threshold(const struct ck *c)
{
	const struct model *m = c->m;
	if (!m->threshold_ok || !m->threshold_attr)
		return;
	if (kdec_sign(m->threshold) <= 0 || kdec_cmp(m->threshold, kdec_from_int(100)) > 0)
		diag_report(c->d, R_THRESHOLD, c->src, at_attr(c, m->eval_node, "threshold"),
		            "threshold %s is not a percentage above 0 and at most 100 (the usual threshold is 80)",
		            m->threshold_text);
}

/* ------------------------------------------------------------ scales */

static void rule_primary_scale(const struct ck *c)
{
	const struct model *m = c->m;
	if (m->primary >= 0 || m->nscales == 0)
		return;
	if (!m->primary_text) {
		diag_report(c->d, R_PRIMARY_SCALE, c->src, at(c, m->eval_node),
		            "the first scale '%s' is a given scale: name the scale the count tables use with primary=",
		            m->scales[0].id ? m->scales[0].id : "?");
		return;
	}
	int i = model_find_scale(m, m->primary_text);
	if (i >= 0)
		diag_report(c->d, R_PRIMARY_SCALE, c->src, at_attr(c, m->eval_node, "primary"),
		            "primary scale '%s' is a given scale: the count tables need a scale kpic computes", m->primary_text);
	else
		diag_report(c->d, R_PRIMARY_SCALE, c->src, at_attr(c, m->eval_node, "primary"),
		            "primary scale '%s' is not declared: name one of the <scale id=…> of <evaluation>", m->primary_text);
}

/* Every <threshold/> under n, reported: the document has no one rate from
 * which a KPI is met. */
static void threshold_refs(const struct ck *c, const xmlNode *n, const char *why)
{
	for (const xmlNode *x = n->children; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		if (x->ns && !strcmp((const char *)x->ns->href, KPIC_NS) && !strcmp((const char *)x->name, "threshold"))
			diag_report(c->d, R_THRESHOLD_CUT, c->src, at(c, x),
			            "<threshold/> prints the rate from which a KPI is met, but %s: write the grades that count as met instead (達成率<threshold/>%%以上 only fits a scale whose last achieved grade is a cut at or above a rate)",
			            why);
		else
			threshold_refs(c, x, why);
	}
}

/* <threshold/> (達成率T%以上) needs T: threshold=, or a primary scale whose
 * last achieved grade is a cut at or above a rate (derive_threshold). */
static void rule_threshold_cut(const struct ck *c)
{
	const struct model *m = c->m;
	xmlNode *root = root_of(c);
	if (m->threshold_ok || root == NULL || m->primary < 0)
		return;
	const struct scale *sc = &m->scales[m->primary];
	const struct grade *last = model_last_achieved(sc);
	char why[256];
	if (last == NULL)
		snprintf(why, sizeof why, _("no grade of the primary scale '%s' counts as met"), sc->id ? sc->id : "?");
	else
		snprintf(why, sizeof why, _("the primary scale '%s' counts as met down to grade '%s', which is not a cut at or above a rate"),
		         sc->id ? sc->id : "?", last->id ? last->id : "?");
	threshold_refs(c, root, why);
}

/* A rate-only source: what in the narrative asks for grades (count tables,
 * <year-counts>, the goal-counts figure, <threshold/>), every element
 * under n. */
static void rate_only_blocks(const struct ck *c, const xmlNode *n)
{
	for (const xmlNode *x = n->children; x; x = x->next) {
		if (x->type != XML_ELEMENT_NODE)
			continue;
		const char *what = rules_is_kpic(x, "count-table") ? _("<count-table> (a table of the counts per grade)") :
		                   rules_is_kpic(x, "year-counts") ? _("<year-counts> (the counts per grade of several years)") :
		                   rules_is_kpic(x, "threshold") ? _("<threshold/> (the rate from which a KPI is met)") : NULL;
		xmlChar *kind = rules_is_kpic(x, "figure") ? xmlGetNoNsProp(x, (const xmlChar *)"kind") : NULL;
		if (kind && !strcmp((const char *)kind, "goal-counts"))
			what = _("the goal-counts figure (the KPIs met and not met per goal)");
		xmlFree(kind);
		if (what)
			diag_report(c->d, R_GRADE_NO_SCALE, c->src, at(c, x),
			            "%s needs a grade scale, but the evaluation declares none (rate only): declare a <scale> in <evaluation>, or remove it",
			            what);
		else
			rate_only_blocks(c, x);
	}
}

/* A count by met= or grade= in a rate-only source: nothing is graded. */
static void rate_only_count(const struct ck *c, const struct selector *s)
{
	if (s->met >= 0 || s->grade)
		diag_report(c->d, R_GRADE_NO_SCALE, c->src, at_attr(c, s->node, s->grade ? "grade" : "met"),
		            "this count selects KPIs by %s, but the evaluation declares no grade scale (rate only): count all KPIs, a level, a goal or a state, or declare a <scale>",
		            s->grade ? "grade=" : "met=");
}

static void rule_grade_without_scale(const struct ck *c)
{
	const struct model *m = c->m;
	xmlNode *root = root_of(c);
	if (!model_rate_only(m) || root == NULL)
		return;
	if (m->show_previous)
		diag_report(c->d, R_GRADE_NO_SCALE, c->src, at_attr(c, m->eval_node, "show-previous"),
		            "show-previous=\"yes\" prints last year's grade, but the evaluation declares no grade scale (rate only): remove it or declare a <scale>");
	for (size_t i = 0; i < m->nlevels; i++)
		if (m->levels[i].node && xmlHasProp(m->levels[i].node, (const xmlChar *)"rollup"))
			diag_report(c->d, R_GRADE_NO_SCALE, c->src, at_attr(c, m->levels[i].node, "rollup"),
			            "the %s level rolls up its KPIs' grades, but the evaluation declares no grade scale (rate only): remove rollup= or declare a <scale>",
			            model_level_of_name(m->levels[i].of));
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		for (size_t g = 0; g < k->ngiven; g++)
			diag_report(c->d, R_GRADE_NO_SCALE, c->src, at_attr(c, k->given[g].node, "scale"),
			            "KPI '%s' is given a grade of scale '%s', but the evaluation declares no scale (rate only): declare it as <scale id=\"%s\" given=\"yes\">",
			            kname(k), k->given[g].scale ? k->given[g].scale : "", k->given[g].scale ? k->given[g].scale : "");
		if (k->has_override)
			diag_report(c->d, R_GRADE_NO_SCALE, c->src, at(c, k->override_node),
			            "KPI '%s' overrides its judgement, but a rate-only source judges no KPI: remove the <override> or declare a <scale>",
			            kname(k));
	}
	for (size_t i = 0; i < m->ncounts; i++)
		rate_only_count(c, &m->counts[i]);
	for (size_t i = 0; i < m->npublished; i++)
		rate_only_count(c, &m->published[i].sel);
	rate_only_blocks(c, root);
}

/* Cuts are tried in order: each must be below the one before (or the same
 * rate, at-or-above after above), or the later grade takes no KPI. */
static void scale_cuts(const struct ck *c, const struct scale *sc)
{
	const struct grade *prev = NULL;
	for (size_t g = 0; g < sc->ngrades; g++) {
		const struct grade *gr = &sc->grades[g];
		if (gr->rule != GR_CUT || !gr->num_ok)
			continue;
		int cmp = prev ? kdec_cmp(gr->num, prev->num) : -1;
		const char *id = gr->id ? gr->id : "?", *pid = prev && prev->id ? prev->id : "?";
		if (prev && cmp > 0)
			diag_report(c->d, R_SCALE_CUTS, c->src, at_attr(c, gr->rule_node, "rate"),
			            "the cut %s%% of grade '%s' is above the cut %s%% of grade '%s' before it: grades are tried in order, so order the cuts from the highest down",
			            gr->num_text, id, prev->num_text, pid);
		else if (prev && cmp == 0 && (gr->above || !prev->above))
			diag_report(c->d, R_SCALE_CUTS, c->src, at_attr(c, gr->rule_node, "rate"),
			            "the cut %s%% of grade '%s' overlaps the cut %s%% of grade '%s' before it: no KPI can get this grade",
			            gr->num_text, id, prev->num_text, pid);
		prev = gr;
	}
}

static void scale_rules(const struct ck *c, const struct scale *sc)
{
	for (size_t g = 0; g < sc->ngrades; g++) {
		const struct grade *gr = &sc->grades[g];
		const char *id = gr->id ? gr->id : "?";
		if (sc->given) {
			if (gr->rule != GR_NONE)
				diag_report(c->d, R_SCALE_OTHERWISE, c->src, at(c, gr->rule_node),
				            "grade '%s' of the given scale '%s' has a rule: a given scale's grades come from the KPIs' <grade>; remove the rule or given=\"yes\"",
				            id, sc->id ? sc->id : "?");
		} else if (g + 1 == sc->ngrades && gr->rule != GR_OTHERWISE) {
			diag_report(c->d, R_SCALE_OTHERWISE, c->src, at(c, gr->node),
			            "the last grade '%s' of scale '%s' is not <otherwise/>: a KPI that no rule fits would get it anyway; write <otherwise/> in it",
			            id, sc->id ? sc->id : "?");
		} else if (g + 1 < sc->ngrades && gr->rule == GR_NONE) {
			diag_report(c->d, R_SCALE_OTHERWISE, c->src, at(c, gr->node),
			            "grade '%s' of scale '%s' has no rule: give it <cut>, <equal>, <baseline> or <previous>",
			            id, sc->id ? sc->id : "?");
		} else if (g + 1 < sc->ngrades && gr->rule == GR_OTHERWISE) {
			diag_report(c->d, R_SCALE_OTHERWISE, c->src, at(c, gr->node),
			            "grade '%s' of scale '%s' is <otherwise/> but not the last: the grades after it can never be given",
			            id, sc->id ? sc->id : "?");
		}
		for (size_t p = 0; p < g; p++)
			if (gr->id && sc->grades[p].id && !strcmp(gr->id, sc->grades[p].id))
				diag_report(c->d, R_GRADE_UNKNOWN, c->src, at_attr(c, gr->node, "id"),
				            "grade '%s' is declared twice in scale '%s'", id, sc->id ? sc->id : "?");
	}
}

static void rule_scales(const struct ck *c)
{
	const struct model *m = c->m;
	for (size_t i = 0; i < m->nscales; i++) {
		const struct scale *sc = &m->scales[i];
		if (sc->node == m->eval_node)
			continue;              /* threshold=: nothing written to check */
		if (sc->ngrades > KPIC_MAX_GRADES)
			diag_report(c->d, R_SCALE_SIZE, c->src, at(c, sc->node),
			            "scale '%s' has %zu grades; kpic counts at most %d", sc->id ? sc->id : "?", sc->ngrades,
			            KPIC_MAX_GRADES);
		scale_cuts(c, sc);
		scale_rules(c, sc);
	}
	if (m->nstates > KPIC_MAX_STATES)
		diag_report(c->d, R_SCALE_SIZE, c->src, at(c, m->states[KPIC_MAX_STATES].node),
		            "the evaluation declares %zu states; kpic counts at most %d", m->nstates, KPIC_MAX_STATES);
}

static void given_grade(const struct ck *c, const struct kpi *k, const struct given_grade *g)
{
	const struct model *m = c->m;
	if (g->scale_i < 0)
		diag_report(c->d, R_GRADE_UNKNOWN, c->src, at_attr(c, g->node, "scale"),
		            "KPI '%s' is given a grade of scale '%s', which is not declared", kname(k), g->scale ? g->scale : "");
	else if (!m->scales[g->scale_i].given)
		diag_report(c->d, R_GRADE_UNKNOWN, c->src, at_attr(c, g->node, "scale"),
		            "KPI '%s' is given a grade of scale '%s', which kpic computes: only a given=\"yes\" scale takes grades from the KPIs",
		            kname(k), g->scale);
	else if (g->grade_i < 0)
		diag_report(c->d, R_GRADE_UNKNOWN, c->src, at_attr(c, g->node, "ref"),
		            "KPI '%s' is given grade '%s', which is not a grade of scale '%s'", kname(k), g->id ? g->id : "",
		            g->scale);
}

static void selector_grade(const struct ck *c, const struct selector *s)
{
	const struct model *m = c->m;
	if (s->grade && !model_rate_only(m) && (m->primary < 0 || model_find_grade(&m->scales[m->primary], s->grade) < 0))
		diag_report(c->d, R_GRADE_UNKNOWN, c->src, at_attr(c, s->node, "grade"),
		            "the count's grade '%s' is not a grade of the primary scale", s->grade);
	if (s->state && model_find_state(m, s->state) < 0)
		diag_report(c->d, R_UNKNOWN_STATE, c->src, at_attr(c, s->node, "state"),
		            "the count's state '%s' is not a declared <state>", s->state);
}

static void rule_grades(const struct ck *c)
{
	const struct model *m = c->m;
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		/* rate-only: grade-without-scale says what a grade needs */
		for (size_t g = 0; g < k->ngiven && !model_rate_only(m); g++)
			given_grade(c, k, &k->given[g]);
		if (k->state && k->state_i < 0)
			diag_report(c->d, R_UNKNOWN_STATE, c->src, at_attr(c, k->node, "state"),
			            "KPI '%s' is in state '%s', which is not a declared <state> of the evaluation", kname(k), k->state);
	}
	for (size_t i = 0; i < m->ncounts; i++)
		selector_grade(c, &m->counts[i]);
	for (size_t i = 0; i < m->npublished; i++)
		selector_grade(c, &m->published[i].sel);
}

static void rule_yearly_target(const struct ck *c)
{
	const struct model *m = c->m;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < m->nkpis; i++)
		for (size_t j = 0; j < m->kpis[i].nseries; j++) {
			const struct series *s = &m->kpis[i].series[j];
			for (size_t y = 0; y < s->nyearly; y++) {
				const struct value *v = &s->yearly[y];
				if (!v->year.ok || !m->start.ok || !m->end.ok ||
				    (v->year.y >= m->start.y && v->year.y <= m->end.y))
					continue;
				diag_report(c->d, R_YEARLY_TARGET_YEAR, c->src, at_attr(c, v->node, "year"),
				            "the yearly target of %s is for %d, outside the period %d–%d",
				            series_desc(&m->kpis[i], s, &b), v->year.y, m->start.y, m->end.y);
			}
		}
	buf_free(&b);
}

/* <year-counts from=… to=…>: years of the period, from= not after to=. */
static void year_counts_year(const struct ck *c, const struct year *y)
{
	const struct model *m = c->m;
	if (!y->ok || y->y < MIN_YEAR || y->y > MAX_YEAR || !m->start.ok || !m->end.ok ||
	    (y->y >= m->start.y && y->y <= m->end.y))
		return;
	diag_report(c->d, R_YEAR_COUNTS_YEAR, c->src, at_attr(c, y->node, y->attr),
	            "<year-counts %s=\"%d\"> is outside the period %d–%d: name a year of the period",
	            y->attr, y->y, m->start.y, m->end.y);
}

static void rule_year_counts(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nyear_counts; i++) {
		const struct year_counts *yc = &c->m->year_counts[i];
		year_counts_year(c, &yc->from);
		year_counts_year(c, &yc->to);
		if (yc->from.ok && yc->to.ok && yc->from.y > yc->to.y)
			diag_report(c->d, R_YEAR_COUNTS_YEAR, c->src, at_attr(c, yc->node, "to"),
			            "<year-counts> runs from %d to %d, an earlier year: write the first year in from= and the last in to=",
			            yc->from.y, yc->to.y);
	}
}

/* A cumulative KPI's <span>: there, in order, inside the period; and only
 * on a cumulative KPI. */
static void cumulative_span(const struct ck *c, const struct kpi *k)
{
	const struct model *m = c->m;
	if (!k->cumulative && k->span_node) {
		diag_report(c->d, R_CUMULATIVE_SPAN, c->src, at(c, k->span_node),
		            "KPI '%s' has a <span> but is not cumulative: add cumulative=\"yes\" to the <kpi> or remove the <span>",
		            kname(k));
	} else if (k->cumulative && !k->span_node) {
		diag_report(c->d, R_CUMULATIVE_SPAN, c->src, at_attr(c, k->node, "cumulative"),
		            "cumulative KPI '%s' has no span: add <span from=\"YEAR\" to=\"YEAR\"/> after its name and unit, the years its yearly values are summed over",
		            kname(k));
	} else if (k->cumulative && k->span_from.ok && k->span_to.ok && m->start.ok && m->end.ok &&
	           (k->span_from.y > k->span_to.y || k->span_from.y < m->start.y || k->span_to.y > m->end.y)) {
		diag_report(c->d, R_CUMULATIVE_SPAN, c->src, at(c, k->span_node),
		            "the span %d–%d of cumulative KPI '%s' is not a span of years inside the period %d–%d",
		            k->span_from.y, k->span_to.y, kname(k), m->start.y, m->end.y);
	}
}

static void rule_cumulative_span(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++)
		cumulative_span(c, &c->m->kpis[i]);
}

/* ---------------------------------------------- series and values */

static void target_year(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v)
{
	const struct model *m = c->m;
	struct buf b = BUF_INIT;
	if (v->kind == VK_TARGET && v->year.ok && m->start.ok && m->end.ok &&
	    (v->year.y < m->start.y || v->year.y > m->end.y))
		diag_report(c->d, R_TARGET_YEAR, c->src, at_attr(c, v->node, "year"),
		            "target year %d of %s is outside the strategy's period %d–%d",
		            v->year.y, series_desc(k, s, &b), m->start.y, m->end.y);
	buf_free(&b);
}

static void rule_target_year(const struct ck *c)
{
	each_value(c, target_year);
}

static void value_year(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v)
{
	const struct model *m = c->m;
	struct buf b = BUF_INIT;
	if (v->kind == VK_VALUE && v->year.ok && m->baseline.ok && m->end.ok &&
	    (v->year.y < m->baseline.y || v->year.y > m->end.y))
		diag_report(c->d, R_VALUE_YEAR, c->src, at_attr(c, v->node, "year"),
		            "value for %d of %s is outside the years the strategy reports on (%d–%d)",
		            v->year.y, series_desc(k, s, &b), m->baseline.y, m->end.y);
	buf_free(&b);
}

static void rule_value_year(const struct ck *c)
{
	each_value(c, value_year);
}

/* Applies fn to each series. */
typedef void series_fn(const struct ck *c, const struct kpi *k, const struct series *s);

static void each_series(const struct ck *c, series_fn *fn)
{
	for (size_t i = 0; i < c->m->nkpis; i++)
		for (size_t j = 0; j < c->m->kpis[i].nseries; j++)
			fn(c, &c->m->kpis[i], &c->m->kpis[i].series[j]);
}

static void baseline_after(const struct ck *c, const struct kpi *k, const struct series *s)
{
	if (s->baseline == NULL || !s->baseline->year.ok)
		return;
	const struct value *first = NULL;
	for (size_t i = 0; i < s->nvalues; i++)
		if (s->values[i].year.ok && (first == NULL || s->values[i].year.y < first->year.y))
			first = &s->values[i];
	if (first == NULL || first->year.y > s->baseline->year.y)
		return;
	struct buf b = BUF_INIT;
	diag_report(c->d, R_BASELINE_AFTER, c->src, at_attr(c, s->baseline->node, "year"),
	            "the baseline of %s is for %d, not before its first yearly value (%d)",
	            series_desc(k, s, &b), s->baseline->year.y, first->year.y);
	diag_note(c->d, c->src, at_attr(c, first->node, "year"), "first yearly value here");
	buf_free(&b);
}

static void rule_baseline_after(const struct ck *c)
{
	each_series(c, baseline_after);
}

static void duplicate_year(const struct ck *c, const struct kpi *k, const struct series *s)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < s->nvalues; i++) {
		for (size_t j = 0; j < i; j++) {
			if (!s->values[i].year.ok || !s->values[j].year.ok || s->values[i].year.y != s->values[j].year.y)
				continue;
			diag_report(c->d, R_DUPLICATE_YEAR, c->src, at_attr(c, s->values[i].node, "year"),
			            "%s has a second value for %d", series_desc(k, s, &b), s->values[i].year.y);
			diag_note(c->d, c->src, at_attr(c, s->values[j].node, "year"), "first value for %d here",
			          s->values[j].year.y);
			break;
		}
	}
	buf_free(&b);
}

static void rule_duplicate_year(const struct ck *c)
{
	each_series(c, duplicate_year);
}

static void year_order(const struct ck *c, const struct kpi *k, const struct series *s)
{
	struct buf b = BUF_INIT;
	for (size_t i = 1; i < s->nvalues; i++) {
		const struct value *p = &s->values[i - 1], *v = &s->values[i];
		if (p->year.ok && v->year.ok && v->year.y < p->year.y) {
			diag_report(c->d, R_YEAR_ORDER, c->src, at_attr(c, v->node, "year"),
			            "%s lists %d after %d: keep values in increasing year order",
			            series_desc(k, s, &b), v->year.y, p->year.y);
			break;
		}
	}
	buf_free(&b);
}

static void rule_year_order(const struct ck *c)
{
	each_series(c, year_order);
}

/* Does the KPI carry a <placeholder for="WHAT">? */
static int has_placeholder(const struct kpi *k, const char *what)
{
	for (xmlNode *n = k->node->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "placeholder"))
			continue;
		xmlChar *f = xmlGetNoNsProp(n, (const xmlChar *)"for");
		int match = f && !strcmp((const char *)f, what);
		xmlFree(f);
		if (match)
			return 1;
	}
	return 0;
}

/* A target left to decide in a draft is a <placeholder for="target">,
 * reported by draft-placeholder instead. */
static void missing_target(const struct ck *c, const struct kpi *k, const struct series *s)
{
	if ((s->target == NULL || !s->target->has_num) && has_placeholder(k, "target"))
		return;
	/* 評価なし: a declared state covers a KPI without a target. */
	int st = c->e->kpis[k - c->m->kpis].state;
	if (st >= 0 && c->m->states[st].when == SW_NO_TARGET)
		return;
	if (s->target && RELATION_WITHOUT_FIGURE(s->target->rel))
		return;
	struct buf b = BUF_INIT;
	if (s->target == NULL)
		diag_report(c->d, R_MISSING_TARGET, c->src, at(c, s->node),
		            "%s has no target: add <target year=\"…\">…</target>", series_desc(k, s, &b));
	else if (!s->target->has_num)
		diag_report(c->d, R_MISSING_TARGET, c->src, at(c, s->target->node),
		            "the target of %s has no figure", series_desc(k, s, &b));
	buf_free(&b);
}

/* A relative target against a reference series: reference= names a
 * declared <reference> holding a figure for the evaluated year. */
static void relative_reference(const struct ck *c, const struct kpi *k, const struct series *s)
{
	const struct model *m = c->m;
	const struct value *t = s->target;
	const struct series_result *sr = &c->e->kpis[k - m->kpis].series[s - k->series];
	struct buf b = BUF_INIT;
	if (!t || (t->rel != REL_REFERENCE && !t->ref)) {
		buf_free(&b);
		return;
	}
	if (t->rel != REL_REFERENCE)
		diag_report(c->d, R_RELATIVE_REFERENCE, c->src, at_attr(c, t->node, "reference"),
		            "the target of %s names a reference series but is not relation=\"reference\": add that relation or remove reference=",
		            series_desc(k, s, &b));
	else if (!t->ref)
		diag_report(c->d, R_RELATIVE_REFERENCE, c->src, at_attr(c, t->node, "relation"),
		            "the target of %s is better than a reference series but names none: add reference=\"ID\" of a <reference> in <references>",
		            series_desc(k, s, &b));
	else if (t->ref_i < 0)
		diag_report(c->d, R_RELATIVE_REFERENCE, c->src, at_attr(c, t->node, "reference"),
		            "the target of %s names reference series '%s', which is not declared: add <reference id=\"%s\"> to <references>",
		            series_desc(k, s, &b), t->ref, t->ref);
	else if (sr->latest && !model_refseries_value(&m->refseries[t->ref_i], sr->latest->year.y))
		diag_report(c->d, R_RELATIVE_REFERENCE, c->src, at_attr(c, t->node, "reference"),
		            "reference series '%s' has no figure for %d, the year %s is evaluated in: add <value year=\"%d\"> to it",
		            t->ref, sr->latest->year.y, series_desc(k, s, &b), sr->latest->year.y);
	buf_free(&b);
}

static void rule_relative_reference(const struct ck *c)
{
	each_series(c, relative_reference);
}

/* A revised target: initial= a decimal, revised-in= inside the period and
 * only beside an initial=. */
static void target_revision(const struct ck *c, const struct kpi *k, const struct series *s)
{
	const struct model *m = c->m;
	const struct value *t = s->target;
	struct buf b = BUF_INIT;
	if (t && t->initial_text && !t->initial_ok)
		diag_report(c->d, R_TARGET_REVISION, c->src, at_attr(c, t->node, "initial"),
		            "the initial target '%s' of %s is not a decimal number: write the figure first set, without separators or unit",
		            t->initial_text, series_desc(k, s, &b));
	else if (t && t->revised_in.ok && !t->initial_text)
		diag_report(c->d, R_TARGET_REVISION, c->src, at_attr(c, t->node, "revised-in"),
		            "the target of %s was revised but gives no initial target: add initial=\"…\", the figure first set",
		            series_desc(k, s, &b));
	else if (t && t->revised_in.ok && m->start.ok && m->end.ok &&
	         (t->revised_in.y < m->start.y || t->revised_in.y > m->end.y))
		diag_report(c->d, R_TARGET_REVISION, c->src, at_attr(c, t->node, "revised-in"),
		            "the target of %s was revised in %d, outside the period %d–%d",
		            series_desc(k, s, &b), t->revised_in.y, m->start.y, m->end.y);
	buf_free(&b);
}

static void rule_target_revision(const struct ck *c)
{
	each_series(c, target_revision);
}

static void rule_missing_target(const struct ck *c)
{
	each_series(c, missing_target);
}

static void status_value(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v)
{
	struct buf b = BUF_INIT;
	int empty_status = v->status == VS_NOT_SURVEYED || v->status == VS_NOT_AVAILABLE;
	if (v->has_num && empty_status)
		diag_report(c->d, R_STATUS_VALUE, c->src, at_attr(c, v->node, "status"),
		            "the %s of %s for %d has a figure but status \"%s\": remove the figure or the status",
		            vkind_word(v->kind), series_desc(k, s, &b), v->year.y, vocab_status_name(v->status));
	else if (!v->has_num && !empty_status && v->kind != VK_TARGET)
		diag_report(c->d, R_STATUS_VALUE, c->src, at(c, v->node),
		            "the %s of %s for %d has no figure: write it, or say why with status=\"not-surveyed\" (blank) or status=\"not-available\" (—)",
		            vkind_word(v->kind), series_desc(k, s, &b), v->year.y);
	buf_free(&b);
}

static void rule_status_value(const struct ck *c)
{
	each_value(c, status_value);
}

static int unit_is(const char *unit, const char *const *list)
{
	for (; unit && *list; list++)
		if (!strcmp(unit, *list))
			return 1;
	return 0;
}

static void percent_range(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v)
{
	static const char *const pct[] = { "%", "％", NULL };
	struct buf b = BUF_INIT;
	if (v->num_ok && unit_is(s->unit, pct) &&
	    (kdec_sign(v->num) < 0 || kdec_cmp(v->num, kdec_from_int(100)) > 0))
		diag_report(c->d, R_PERCENT_RANGE, c->src, at_text(c, v->node),
		            "%s %s%% of %s is not a percentage between 0 and 100", vkind_word(v->kind), v->text,
		            series_desc(k, s, &b));
	buf_free(&b);
}

static void rule_percent_range(const struct ck *c)
{
	each_value(c, percent_range);
}

/* Counter words (助数詞): a quantity in these units cannot be negative. */
static const char *const counters[] = {
	"人", "名", "件", "社", "施設", "カ所", "ヵ所", "箇所", "所", "カ国", "回", "戸", "路線",
	"自治体", "日", "校", "団体", "本", "台", "世帯", "店", "頭", "隻", "棟", NULL
};

static void negative_count(const struct ck *c, const struct kpi *k, const struct series *s, const struct value *v)
{
	struct buf b = BUF_INIT;
	if (v->num_ok && kdec_sign(v->num) < 0 && unit_is(s->unit, counters))
		diag_report(c->d, R_NEGATIVE_COUNT, c->src, at_text(c, v->node),
		            "%s %s%s of %s is negative, but %s counts things", vkind_word(v->kind), v->text,
		            s->unit, series_desc(k, s, &b), s->unit);
	buf_free(&b);
}

static void rule_negative_count(const struct ck *c)
{
	each_value(c, negative_count);
}

static void target_direction(const struct ck *c, const struct kpi *k, const struct series *s)
{
	if (k->dir == DIR_MAINTAIN || s->baseline == NULL || s->target == NULL ||
	    !s->baseline->num_ok || !s->target->num_ok)
		return;
	int cmp = kdec_cmp(s->target->num, s->baseline->num);
	if ((k->dir == DIR_HIGHER && cmp >= 0) || (k->dir == DIR_LOWER && cmp <= 0))
		return;
	struct buf b = BUF_INIT;
	diag_report(c->d, R_TARGET_DIRECTION, c->src, at_text(c, s->target->node),
	            "target %s of %s is %s than its baseline %s, but the KPI is declared direction=\"%s\"",
	            s->target->text, series_desc(k, s, &b), cmp < 0 ? _("lower") : _("higher"),
	            s->baseline->text, model_direction_name(k->dir));
	diag_note(c->d, c->src, at_attr(c, k->node, "direction"), "direction declared here");
	buf_free(&b);
}

static void rule_target_direction(const struct ck *c)
{
	each_series(c, target_direction);
}

static void rule_series_unit(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		if (k->comb != COMB_SUM)
			continue;
		for (size_t j = 1; j < k->nseries; j++) {
			const char *u0 = k->series[0].unit ? k->series[0].unit : "";
			const char *uj = k->series[j].unit ? k->series[j].unit : "";
			if (strcmp(u0, uj) == 0)
				continue;
			diag_report(c->d, R_SERIES_UNIT, c->src, at(c, k->series[j].node),
			            "KPI '%s' adds its series (combine=\"sum\"), but this one is in '%s' and the first in '%s'; use combine=\"best\", \"worst\" or \"mean\", which compare rates",
			            kname(k), uj, u0);
			diag_note(c->d, c->src, at(c, k->series[0].node), "first series here");
			break;
		}
	}
}

static int has_own_unit(const struct series *s)
{
	for (const xmlNode *n = s->node ? s->node->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "unit"))
			return 1;
	return 0;
}

/* The unit a KPI's series are expected to share: the KPI's own <unit> (as
 * a series that does not name its own inherits it), else a unit at least
 * two of its series have.  NULL when each series has a unit of its own
 * (Abashiri's 海外輸出量 in t and in 円: two measures of one KPI). */
static const char *shared_unit(const struct kpi *k, size_t *first)
{
	for (size_t j = 0; j < k->nseries; j++)
		if (k->series[j].unit && !has_own_unit(&k->series[j])) {
			*first = j;
			return k->series[j].unit;
		}
	for (size_t j = 0; j < k->nseries; j++)
		for (size_t i = j + 1; k->series[j].unit && i < k->nseries; i++)
			if (k->series[i].unit && !strcmp(k->series[i].unit, k->series[j].unit)) {
				*first = j;
				return k->series[j].unit;
			}
	return NULL;
}

/* A series whose unit is not the one its KPI's other series share, when
 * they are not added (that is series-unit-mismatch): the rates can still
 * be compared, but one unit is most likely a slip (件 for 社).  Series
 * without a unit are missing-unit's. */
static void rule_mixed_units(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		size_t first = 0;
		const char *u = k->comb == COMB_SUM || k->nseries < 2 ? NULL : shared_unit(k, &first);
		for (size_t j = 0; u && j < k->nseries; j++) {
			const char *uj = k->series[j].unit;
			if (uj == NULL || strcmp(u, uj) == 0)
				continue;
			diag_report(c->d, R_MIXED_UNITS, c->src, at(c, k->series[j].node),
			            "KPI '%s' counts this series in '%s' but its other series in '%s': check the unit (combine=\"%s\" compares the series' rates, so nothing else shows the slip)",
			            kname(k), uj, u, model_combine_name(k->comb));
			diag_note(c->d, c->src, at(c, k->series[first].node), "a series in '%s' here", u);
			break;
		}
	}
}

static void missing_unit(const struct ck *c, const struct kpi *k, const struct series *s)
{
	struct buf b = BUF_INIT;
	if (s->unit == NULL)
		diag_report(c->d, R_MISSING_UNIT, c->src, at(c, s->node),
		            "%s has no unit: add <unit>…</unit> (an empty <unit/> declares a number without unit)",
		            series_desc(k, s, &b));
	buf_free(&b);
}

static void rule_missing_unit(const struct ck *c)
{
	each_series(c, missing_unit);
}

static void rule_duplicate_series(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		for (size_t j = 1; j < k->nseries; j++)
			for (size_t p = 0; p < j; p++) {
				if (!k->series[j].key || !k->series[p].key || strcmp(k->series[j].key, k->series[p].key))
					continue;
				diag_report(c->d, R_DUPLICATE_SERIES, c->src, at_attr(c, k->series[j].node, "key"),
				            "KPI '%s' has two series with key '%s'", kname(k), k->series[j].key);
				diag_note(c->d, c->src, at_attr(c, k->series[p].node, "key"), "first one here");
				break;
			}
	}
}

/* ------------------------------------------------------- results */

/* A draft's KPI with no yearly value at all has not been measured yet: the
 * period has not begun.  Once a value is written, the rule applies. */
static void rule_no_actual(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		int any = 0, values = 0;
		for (size_t j = 0; j < k->nseries; j++) {
			any |= c->e->kpis[i].series[j].latest != NULL;
			values += k->series[j].nvalues > 0;
		}
		if (!any && !(c->m->draft && values == 0) && c->e->kpis[i].state < 0)
			diag_report(c->d, R_NO_ACTUAL, c->src, at(c, k->node),
			            "KPI '%s' has no measured value after its baseline, so it cannot be judged and counts as below the threshold",
			            kname(k));
	}
}

static void rule_rate_undefined(const struct ck *c)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		for (size_t j = 0; j < k->nseries; j++) {
			const struct series_result *r = &c->e->kpis[i].series[j];
			if (!r->undefined)
				continue;
			const struct series *s = &k->series[j];
			if (k->against == RA_PROGRESS)
				diag_report(c->d, R_RATE_UNDEFINED, c->src, at_text(c, s->target->node),
				            "the target of %s equals its baseline, so progress (actual - baseline) / (target - baseline) is undefined; judge it against the target with rate-against=\"final\"",
				            series_desc(k, s, &b));
			else if (k->dir == DIR_LOWER)
				diag_report(c->d, R_RATE_UNDEFINED, c->src, at_text(c, r->latest->node),
				            "the latest actual of %s is zero or less, so target/actual is undefined", series_desc(k, s, &b));
			else
				diag_report(c->d, R_RATE_UNDEFINED, c->src, at_text(c, s->target->node),
				            "the target of %s is zero or less, so actual/target is undefined; for a difference from a reference (全国平均 = 0) declare rate-base=\"100\" on the KPI",
				            series_desc(k, s, &b));
		}
	}
	buf_free(&b);
}

static void rule_override_reason(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		if (k->has_override && k->override_reason == NULL)
			diag_report(c->d, R_OVERRIDE_REASON, c->src, at(c, k->override_node),
			            "the override of KPI '%s' has no reason: add <reason>…</reason> saying why the official judgement differs from the rule",
			            kname(k));
	}
}

static void rule_override_unneeded(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++) {
		const struct kpi *k = &c->m->kpis[i];
		if (k->has_override && k->override_met == c->e->kpis[i].computed_met && !model_rate_only(c->m))
			diag_report(c->d, R_OVERRIDE_UNNEEDED, c->src, at_attr(c, k->override_node, "met"),
			            "the override of KPI '%s' says met=\"%s\", which the rules compute anyway: remove it",
			            kname(k), k->override_met ? "yes" : "no");
	}
}

/* ---------------------------------------------------- references */

static int is_grant_target(const struct model *m, const char *id)
{
	return model_find_goal(m, id) >= 0 || model_find_kpi(m, id) >= 0 ||
	       model_find_heading(m, id) >= 0 || model_find_repost(m, id) >= 0;
}

static void rule_grant_link(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nrefs; i++) {
		const struct idref *r = &c->m->refs[i];
		if (r->want != REF_GRANT_TARGET || (r->id && is_grant_target(c->m, r->id)))
			continue;
		diag_report(c->d, R_GRANT_LINK, c->src, at_attr(c, r->node, r->attr),
		            "grant project serves '%s', which is not a goal, policy, direction, measure, project or KPI id",
		            r->id ? r->id : "");
		struct suggest sg;
		suggest_init(&sg, r->id);
		offer_goals(c, &sg);
		offer_kpis(c, &sg);
		for (size_t h = 0; h < c->m->nheadings; h++)
			suggest_offer(&sg, c->m->headings[h].id, at_attr(c, c->m->headings[h].node, "id"));
		note_suggestion(c, &sg);
	}
}

static void value_ref(const struct ck *c, xmlNode *n)
{
	xmlChar *kid = xmlGetNoNsProp(n, (const xmlChar *)"kpi");
	xmlChar *key = xmlGetNoNsProp(n, (const xmlChar *)"series");
	xmlChar *yr = xmlGetNoNsProp(n, (const xmlChar *)"year");
	int ki = model_find_kpi(c->m, (const char *)kid);
	if (ki >= 0 && yr) {
		const struct kpi *k = &c->m->kpis[ki];
		const struct series *s = NULL;
		for (size_t j = 0; j < k->nseries && s == NULL; j++)
			if (key ? !strcmp(k->series[j].key, (const char *)key) : k->nseries == 1)
				s = &k->series[j];
		const struct value *v = s ? model_series_value(s, atoi((const char *)yr)) : NULL;
		if (s && s->baseline && s->baseline->year.ok && s->baseline->year.y == atoi((const char *)yr))
			v = s->baseline;
		if (s == NULL) {
			diag_report(c->d, R_UNKNOWN_REF, c->src, at_attr(c, n, key ? "series" : "kpi"),
			            key ? "KPI '%s' has no series '%s'" : "KPI '%s' has several series: name one with series=\"…\"%s",
			            (const char *)kid, key ? (const char *)key : "");
			struct suggest sg;
			suggest_init(&sg, (const char *)key);
			for (size_t j = 0; j < k->nseries; j++)
				suggest_offer(&sg, k->series[j].key, at_attr(c, k->series[j].node, "key"));
			note_suggestion(c, &sg);
		} else if (v == NULL || !v->num_ok)
			diag_report(c->d, R_UNKNOWN_REF, c->src, at_attr(c, n, "year"),
			            "KPI '%s' has no figure for %s to quote", (const char *)kid, (const char *)yr);
	}
	xmlFree(kid);
	xmlFree(key);
	xmlFree(yr);
}

static void rule_unknown_reference(const struct ck *c)
{
	static const char *want_word[] = { N_("element"), N_("goal"), N_("KPI"), "" };
	for (size_t i = 0; i < c->m->nrefs; i++) {
		const struct idref *r = &c->m->refs[i];
		int ok = r->want == REF_GOAL ? model_find_goal(c->m, r->id) >= 0 :
		         r->want == REF_KPI ? model_find_kpi(c->m, r->id) >= 0 :
		         r->want == REF_ANY ? r->id && id_exists(c, r->id) : 1;
		if (ok)
			continue;
		diag_report(c->d, R_UNKNOWN_REF, c->src, at_attr(c, r->node, r->attr),
		            "<%s %s=\"%s\"> refers to no %s with that id", (const char *)r->node->name,
		            r->attr, r->id ? r->id : "", *want_word[r->want] ? _(want_word[r->want]) : "");
		struct suggest sg;
		suggest_init(&sg, r->id);
		if (r->want == REF_GOAL)
			offer_goals(c, &sg);
		else if (r->want == REF_KPI)
			offer_kpis(c, &sg);
		else
			offer_all_ids(c, &sg);
		note_suggestion(c, &sg);
	}
	for (size_t i = 0; i < c->m->nvalue_refs; i++)
		value_ref(c, c->m->value_refs[i]);
	for (size_t i = 0; i < c->m->ncounts + c->m->npublished; i++) {
		const struct selector *s = i < c->m->ncounts ? &c->m->counts[i] : &c->m->published[i - c->m->ncounts].sel;
		if (s->dept == NULL || model_find_dept(c->m, s->dept) >= 0)
			continue;
		diag_report(c->d, R_UNKNOWN_REF, c->src, at_attr(c, s->node, "department"),
		            "count refers to department '%s', which is not declared", s->dept);
		struct suggest sg;
		suggest_init(&sg, s->dept);
		offer_depts(c, &sg);
		note_suggestion(c, &sg);
	}
}

/* The selector in words, for notes: "measure-level KPIs of goal g2 at or above
 * the threshold".  The parts are put together by one format, so that a
 * translation can put them in its own order. */
static void describe(const struct selector *s, struct buf *b)
{
	buf_reset(b);
	if (s->goals) {
		buf_puts(b, _("goals"));
		return;
	}
	struct buf goal = BUF_INIT, dept = BUF_INIT;
	if (s->goal)
		buf_printf(&goal, _(" of goal %s"), s->goal);
	if (s->dept)
		buf_printf(&dept, _(" of department %s"), s->dept);
	const char *level = s->level == LEVEL_GOAL ? _("goal-level KPIs") :
	                    s->level == LEVEL_MEASURE ? _("measure-level KPIs") : _("KPIs");
	struct buf met = BUF_INIT;
	buf_puts(&met, s->met == 1 ? _(" at or above the threshold") : s->met == 0 ? _(" below the threshold") : "");
	if (s->grade)
		buf_printf(&met, _(" with grade %s"), s->grade);
	if (s->state)
		buf_printf(&met, _(" in state %s"), s->state);
	const char *review = s->review == 1 ? _(" marked 要見直し") : s->review == 0 ? _(" not marked 要見直し") : "";
	/* TRANSLATORS: the KPIs counted: 1 their level ("measure-level KPIs"),
	   2 " of goal G", 3 " of department D", 4 " at or above the threshold",
	   5 " marked 要見直し"; 2 to 5 may be empty.  Reorder them with
	   %2$s and the like. */
	buf_printf(b, _("%s%s%s%s%s"), level, buf_str(&goal), buf_str(&dept), buf_str(&met), review);
	buf_free(&met);
	buf_free(&goal);
	buf_free(&dept);
}

static void rule_published_count(const struct ck *c)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < c->m->npublished; i++) {
		const struct published *p = &c->m->published[i];
		long n = eval_count(c->e, c->m, &p->sel);
		if (!p->num_ok || n < 0 || n == p->value || (model_rate_only(c->m) && (p->sel.met >= 0 || p->sel.grade)))
			continue;              /* rate-only: grade-without-scale reports it */
		describe(&p->sel, &b);
		diag_report(c->d, R_PUBLISHED_COUNT, c->src, at_text(c, p->sel.node),
		            "the document publishes %lld as the number of %s, but the data yields %ld", p->value, buf_str(&b), n);
		diag_note(c->d, c->src, SRC_NOWHERE,
		          "a value, target, status or override changed since publication: run `kpic eval` to see each KPI's judgement");
	}
	buf_free(&b);
}

/* ---------------------------------------------------------- names */

/* 1 if s holds nothing but white space: ASCII, no-break and ideographic
 * spaces (U+3000, what a Japanese keyboard types), the other Unicode spaces. */
static int blank(const char *s)
{
	static const char *const spaces[] = {
		"\u3000", "\u00A0", "\u2002", "\u2003", "\u2009", "\u200A", "\u200B", "\u202F",
		"\u205F", "\uFEFF", NULL
	};
	while (*s) {
		size_t n = strspn(s, " \t\r\n");
		for (size_t i = 0; n == 0 && spaces[i]; i++)
			if (strncmp(s, spaces[i], strlen(spaces[i])) == 0)
				n = strlen(spaces[i]);
		if (n == 0)
			return 0;
		s += n;
	}
	return 1;
}

static int named(const xmlNode *n, const char *name, const char *parent)
{
	return !strcmp((const char *)n->name, name) && n->parent && n->parent->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->parent->name, parent);
}

static void blank_name(const struct ck *c, xmlNode *n)
{
	/* which kind first: the content of every element would be the text of
	 * its whole subtree, the document's for the root */
	const char *what =
	    named(n, "name", "kpi") ? N_("this KPI's name is empty or only spaces: write the name the document shows") :
	    named(n, "title", "goal") ? N_("this goal's title is empty or only spaces: write the title the document shows") :
	    named(n, "name", "grant") ? N_("this grant project's name is empty or only spaces: write the project's name") :
	    named(n, "department", "departments") ? N_("this department's name is empty or only spaces: write the 担当課's name") :
	    named(n, "municipality", "meta") ? N_("the municipality's name is empty or only spaces: write it as the document's title shows it") :
	    NULL;
	if (what == NULL)
		return;
	xmlChar *t = xmlNodeGetContent(n);
	int empty = t == NULL || blank((const char *)t);
	xmlFree(t);
	if (empty)
		diag_report(c->d, R_BLANK_NAME, c->src, at(c, n), "%s", _(what));
}

static void blank_names(const struct ck *c, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		blank_name(c, n);
		blank_names(c, n->children);
	}
}

static void rule_blank_name(const struct ck *c)
{
	xmlNode *root = root_of(c);
	if (root)
		blank_names(c, root);
}

/* The <meta> child named name, or NULL. */
static xmlNode *meta_child(xmlNode *root, const char *name)
{
	for (xmlNode *m = root ? root->children : NULL; m; m = m->next)
		if (m->type == XML_ELEMENT_NODE && !strcmp((const char *)m->name, "meta"))
			for (xmlNode *n = m->children; n; n = n->next)
				if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
					return n;
	return NULL;
}

/* A title left empty, or what kpic import writes where its sheet names no
 * municipality (an empty municipality is blank-name's). */
static void rule_unnamed(const struct ck *c)
{
	xmlNode *root = root_of(c), *mu = meta_child(root, "municipality"), *ti = meta_child(root, "title");
	const char *m = c->m->municipality ? c->m->municipality : "", *t = c->m->title ? c->m->title : "";
	if (mu && strstr(m, KPIC_NO_MUNICIPALITY))
		diag_report(c->d, R_UNNAMED, c->src, at(c, mu),
		            "the municipality is still %s, the gap kpic import leaves when its sheet names none: write the municipality's name",
		            KPIC_NO_MUNICIPALITY);
	if (ti && blank(t))
		diag_report(c->d, R_UNNAMED, c->src, at(c, ti),
		            "the strategy's title is empty: write it as the document's title page shows it");
	else if (ti && strstr(t, KPIC_NO_MUNICIPALITY))
		diag_report(c->d, R_UNNAMED, c->src, at(c, ti),
		            "the strategy's title still names %s, the gap kpic import leaves: write the strategy's title",
		            KPIC_NO_MUNICIPALITY);
}

/* ---------------------------------------------------------- glyphs */

/* More marks on one character than the Unicode stream-safe limit (UAX #15):
 * no font places them, and pango spreads them over hundreds of points. */
#define MAX_MARKS 30

/* Characters drawn as nothing: controls (refused when loading, but for
 * tab and line ends), and the default-ignorable ones pango never draws
 * (ZWSP, ZWJ, bidi controls, variation selectors, the BOM, tags). */
static int drawn(uint32_t cp)
{
	return cp >= 0x20 && !(cp >= 0x200B && cp <= 0x200F) && !(cp >= 0x202A && cp <= 0x202E) &&
	       !(cp >= 0x2060 && cp <= 0x206F) && !(cp >= 0xFE00 && cp <= 0xFE0F) && cp != 0xFEFF &&
	       !(cp >= 0xE0000 && cp <= 0xE0FFF) && cp != 0x00AD;
}

struct glyph_scan {
	const struct fontcover *fc;
	uint32_t missing;            /* the first character no font has, or 0 */
	size_t nmissing;
	size_t marks;                /* the most marks on one character */
};

static void scan_glyphs(const char *s, struct glyph_scan *g)
{
	size_t run = 0, n;
	for (uint32_t cp; (cp = jfmt_utf8_next(s, &n)) != 0; s += n) {
		run = jfmt_zero_width(cp) ? run + 1 : 0;
		if (run > g->marks)
			g->marks = run;
		if (drawn(cp) && !fontcover_has(g->fc, cp)) {
			if (g->nmissing++ == 0)
				g->missing = cp;
		}
	}
}

static void glyph_report(const struct ck *c, size_t off, const char *text, const struct glyph_scan *g)
{
	if (g->nmissing) {
		size_t n;
		char ch[8] = "";
		for (const char *p = text; *p; p += n)
			if (jfmt_utf8_next(p, &n) == g->missing) {
				snprintf(ch, sizeof ch, "%.*s", (int)n, p);
				break;
			}
		if (g->nmissing == 1)
			diag_report(c->d, R_LAYOUT_GLYPH, c->src, off,
			            "no installed font has U+%04X ('%s'): the PDF would draw a box in its place and leave it out of the text; install a font that has it, or write it otherwise",
			            (unsigned)g->missing, ch);
		else
			diag_report(c->d, R_LAYOUT_GLYPH, c->src, off,
			            "no installed font has %zu of the characters here, the first U+%04X ('%s'): the PDF would draw boxes in their place and leave them out of the text; install a font that has them, or write them otherwise",
			            g->nmissing, (unsigned)g->missing, ch);
	}
	if (g->marks > MAX_MARKS)
		diag_report(c->d, R_LAYOUT_MARKS, c->src, off,
		            "a character here carries %zu combining marks, more than %d: the PDF cannot place them (they would spread far across the page); remove the surplus marks",
		            g->marks, MAX_MARKS);
}

static void glyphs_of(const struct ck *c, const struct fontcover *fc, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttr *a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			struct glyph_scan g = { fc, 0, 0, 0 };
			if (v) {
				scan_glyphs((const char *)v, &g);
				glyph_report(c, at_attr(c, n, (const char *)a->name), (const char *)v, &g);
			}
			xmlFree(v);
		}
		for (xmlNode *t = n->children; t; t = t->next) {
			if (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE)
				continue;
			struct glyph_scan g = { fc, 0, 0, 0 };
			scan_glyphs((const char *)t->content, &g);
			glyph_report(c, at_text(c, n), (const char *)t->content, &g);
		}
		glyphs_of(c, fc, n->children);
	}
}

static void rule_layout_glyphs(const struct ck *c)
{
	xmlNode *root = root_of(c);
	if (root == NULL)
		return;
	struct fontcover *fc = fontcover_new(LAYOUT_FONT_FAMILY);
	glyphs_of(c, fc, root);
	fontcover_free(fc);
}

/* ---------------------------------------------------------- goals */

static void rule_empty_goal(const struct ck *c)
{
	for (size_t g = 0; g < c->m->ngoals; g++) {
		int any = 0;
		for (size_t i = 0; i < c->m->nkpis && !any; i++)
			any = c->m->kpis[i].goal == g;
		if (!any)
			diag_report(c->d, R_EMPTY_GOAL, c->src, at(c, c->m->goals[g].node),
			            "goal %d has no KPI, so nothing can verify it", c->m->goals[g].number);
	}
}

static void rule_goal_number(const struct ck *c)
{
	for (size_t g = 0; g < c->m->ngoals; g++) {
		if (c->m->goals[g].number == (int)g + 1)
			continue;
		diag_report(c->d, R_GOAL_NUMBER, c->src, at_attr(c, c->m->goals[g].node, "number"),
		            "goal number %d is the goal #%zu in document order", c->m->goals[g].number, g + 1);
		break;
	}
}

/* ------------------------------------------------------- levels */

static int level_used(const struct model *m, enum level_of l)
{
	if (l == LO_GOAL)
		return m->ngoals > 0;
	for (size_t i = 0; i < m->nheadings; i++)
		if ((int)m->headings[i].kind == (int)l - 1)
			return 1;
	return 0;
}

static int is_blank(const char *s)
{
	return !s || !*s;
}

static void rule_level_declared(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nlevels; i++) {
		const struct level_decl *d = &c->m->levels[i];
		const char *of = model_level_of_name(d->of);
		size_t first = 0;
		while (c->m->levels[first].of != d->of)
			first++;
		if (first < i) {
			unsigned line, col;
			srcmap_linecol(c->src, at(c, c->m->levels[first].node), &line, &col);
			diag_report(c->d, R_LEVEL_DUPLICATE, c->src, at_attr(c, d->node, "of"),
			            "the %s level is already named on line %u: keep one <level of=\"%s\">",
			            of, line, of);
		} else if (!level_used(c->m, d->of))
			diag_report(c->d, R_LEVEL_UNUSED, c->src, at(c, d->node),
			            "the source has no <%s>, so the name '%s' is never printed: remove this <level>",
			            of, d->name ? d->name : "");
		if (first == i && is_blank(d->name))
			diag_report(c->d, R_LEVEL_UNNAMED, c->src, at_attr(c, d->node, "name"),
			            "the %s level has a blank name: write the name the document prints", of);
	}
}

static void rule_level_unnamed(const struct ck *c)
{
	if (c->m->nlevels == 0)
		return;
	for (int l = LO_POLICY; l < LO_COUNT; l++) {
		int named = 0;
		for (size_t i = 0; i < c->m->nlevels && !named; i++)
			named = c->m->levels[i].of == (enum level_of)l;
		for (size_t i = 0; i < c->m->nheadings && !named; i++) {
			if ((int)c->m->headings[i].kind != l - 1)
				continue;
			diag_report(c->d, R_LEVEL_UNNAMED, c->src, at(c, c->m->headings[i].node),
			            "<levels> does not name the %s level, so it prints as '%s': add <level of=\"%s\" name=\"…\"/>",
			            model_level_of_name((enum level_of)l), c->m->level_names[l], model_level_of_name((enum level_of)l));
			named = 1;
		}
	}
}

static void rollup_empty(const struct ck *c, xmlNode *n, enum level_of l, const char *id,
                         const struct tally *t)
{
	if (c->m->level_rollup[l] == RU_NONE || model_rate_only(c->m) || eval_rollup(c->m, c->m->level_rollup[l], t).ok)
		return;
	/* graded, but without points: rollup-without-points says so */
	for (size_t g = 0; c->m->level_rollup[l] == RU_POINTS && g < KPIC_MAX_GRADES; g++)
		if (t->grade[g] > 0)
			return;
	diag_report(c->d, R_ROLLUP_EMPTY, c->src, at(c, n),
	            "%s '%s' has no graded KPI, so its %s roll-up (rollup=\"%s\") has no result: add a KPI or remove the roll-up",
	            c->m->level_names[l], id ? id : "", model_level_of_name(l), eval_rollup_name(c->m->level_rollup[l]));
}

static void rule_rollup_empty(const struct ck *c)
{
	for (size_t g = 0; g < c->m->ngoals; g++)
		rollup_empty(c, c->m->goals[g].node, LO_GOAL, c->m->goals[g].id, &c->e->goals[g].all);
	for (size_t h = 0; h < c->m->nheadings; h++)
		rollup_empty(c, c->m->headings[h].node, (enum level_of)(c->m->headings[h].kind + 1),
		             c->m->headings[h].id, &c->e->headings[h]);
}

/* rollup="points" needs every grade of the primary scale to have points=. */
static void rule_rollup_points(const struct ck *c)
{
	const struct model *m = c->m;
	unsigned reported = 0;
	for (size_t i = 0; i < m->nlevels; i++) {
		const struct level_decl *d = &m->levels[i];
		xmlChar *ru = xmlGetNoNsProp(d->node, (const xmlChar *)"rollup");
		int points = ru && !strcmp((const char *)ru, "points");
		xmlFree(ru);
		if (!points || m->level_rollup[d->of] != RU_POINTS || (reported >> d->of & 1u) || model_rate_only(m))
			continue;
		reported |= 1u << d->of;
		const struct scale *sc = m->primary >= 0 ? &m->scales[m->primary] : NULL;
		size_t g = 0;
		while (sc && g < sc->ngrades && sc->grades[g].points_ok)
			g++;
		if (sc && g == sc->ngrades)
			continue;
		if (sc)
			diag_report(c->d, R_ROLLUP_POINTS, c->src, at_attr(c, d->node, "rollup"),
			            "the %s level rolls up by points, but grade '%s' of scale '%s' has no points=: give every grade of the scale its points (points=\"95\")",
			            model_level_of_name(d->of), sc->grades[g].id ? sc->grades[g].id : "", sc->id ? sc->id : "");
		else
			diag_report(c->d, R_ROLLUP_POINTS, c->src, at_attr(c, d->node, "rollup"),
			            "the %s level rolls up by points, but the evaluation has no primary scale whose grades have points: declare one",
			            model_level_of_name(d->of));
	}
}

/* Grades are best first: a grade's points are at most the points before it. */
static void rule_points_unordered(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nscales; i++) {
		const struct scale *sc = &c->m->scales[i];
		const struct grade *prev = NULL;
		for (size_t g = 0; g < sc->ngrades; g++) {
			const struct grade *gr = &sc->grades[g];
			if (!gr->points_ok)
				continue;
			if (prev && kdec_cmp(gr->points, prev->points) > 0)
				diag_report(c->d, R_POINTS_UNORDERED, c->src, at_attr(c, gr->node, "points"),
				            "grade '%s' has points=\"%s\", more than the %s of grade '%s' before it: grades are best first, so give it at most %s points or reorder the grades",
				            gr->id ? gr->id : "", gr->points_text, prev->points_text, prev->id ? prev->id : "",
				            prev->points_text);
			prev = gr;
		}
	}
}

/* --------------------------------------------------------- tags */

static void kpi_unknown_tags(const struct ck *c, const struct kpi *k)
{
	for (const char *s = k->tags; s && *s;) {
		s += strspn(s, " \t\n\r");
		size_t len = strcspn(s, " \t\n\r");
		if (len && model_find_tag(c->m, s, len) < 0)
			diag_report(c->d, R_TAG_UNKNOWN, c->src, at_attr(c, k->node, "tags"),
			            "KPI '%s' carries the tag '%.*s' that no <tag> of <meta> declares: declare it or correct the id",
			            k->name ? k->name : "", (int)len, s);
		s += len;
	}
}

static void rule_unknown_tag(const struct ck *c)
{
	for (size_t i = 0; i < c->m->nkpis; i++)
		kpi_unknown_tags(c, &c->m->kpis[i]);
	if (c->m->ntags > KPIC_MAX_TAGS)
		diag_report(c->d, R_TAG_UNKNOWN, c->src, at(c, c->m->tags[KPIC_MAX_TAGS].node),
		            "kpic counts at most %d tags: this one and those after it are not counted",
		            KPIC_MAX_TAGS);
}

/* ---------------------------------------------------------- drafts */

static void placeholders(const struct ck *c, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && !strcmp((const char *)n->ns->href, KPIC_NS) &&
		    !strcmp((const char *)n->name, "placeholder")) {
			xmlChar *t = xmlNodeGetContent(n);
			struct buf b = BUF_INIT;
			int space = 0;
			for (const char *p = t ? (const char *)t : ""; *p; p++) {
				int ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
				if (!ws && space && b.len)
					buf_putc(&b, ' ');
				if (!ws)
					buf_putc(&b, *p);
				space = ws;
			}
			diag_report(c->d, R_DRAFT_PLACEHOLDER, c->src, at(c, n),
			            "still to be written or decided: %s", b.len ? buf_str(&b) : _("(placeholder without text)"));
			buf_free(&b);
			xmlFree(t);
			continue;
		}
		placeholders(c, n->children);
	}
}

static void rule_draft_placeholder(const struct ck *c)
{
	xmlNode *root = root_of(c);
	if (root)
		placeholders(c, root->children);
}

/* ---------------------------------------------------------- table */

static void (*const rule_table[])(const struct ck *) = {
	rule_duplicate_id,
	rule_unknown_department,
	rule_unknown_text_column,
	rule_unused_department,
	rule_missing_department,
	rule_dangling_repost,
	rule_repost_of_repost,
	rule_invalid_number,
	rule_invalid_year,
	rule_invalid_date,
	rule_period,
	rule_threshold,
	rule_primary_scale,
	rule_threshold_cut,
	rule_grade_without_scale,
	rule_scales,
	rule_grades,
	rule_yearly_target,
	rule_year_counts,
	rule_cumulative_span,
	rule_relative_reference,
	rule_target_revision,
	rule_target_year,
	rule_value_year,
	rule_baseline_after,
	rule_duplicate_year,
	rule_year_order,
	rule_missing_target,
	rule_status_value,
	rule_percent_range,
	rule_negative_count,
	rule_target_direction,
	rule_series_unit,
	rule_mixed_units,
	rule_missing_unit,
	rule_duplicate_series,
	rule_no_actual,
	rule_rate_undefined,
	rule_override_reason,
	rule_override_unneeded,
	rule_grant_link,
	rule_unknown_reference,
	rule_published_count,
	rule_empty_goal,
	rule_goal_number,
	rule_level_declared,
	rule_level_unnamed,
	rule_unknown_tag,
	rule_rollup_empty,
	rule_rollup_points,
	rule_points_unordered,
	rule_blank_name,
	rule_unnamed,
	rule_layout_glyphs,
	rule_draft_placeholder,
};

void rules_run(const struct model *m, const struct eval *e, const struct srcfile *src,
               struct diag_ctx *d)
{
	struct ck c = { m, e, src, d, NULL, 0 };
	collect_ids(&c, root_of(&c), &c.ids, &c.nids);
	qsort(c.ids, c.nids, sizeof *c.ids, cmp_idnode);
	for (size_t i = 0; i < sizeof rule_table / sizeof rule_table[0]; i++)
		rule_table[i](&c);
	for (size_t i = 0; i < c.nids; i++)
		xmlFree((xmlChar *)c.ids[i].id);
	free(c.ids);
}

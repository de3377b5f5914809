/*
 * model.c - from the validated tree to struct model (see model.h).
 *
 * One walk over the goals builds goals, headings, KPIs and reposts; one walk
 * over grants, published figures and the narrative collects everything that
 * refers to them.  Strings live in an arena freed with the model.
 */
#include "model.h"
#include "arena.h"
#include "buf.h"
#include "strmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *arena_str(struct model *m, const char *s, size_t n)
{
	return arena_strndup(&m->arena, s, n);
}

static void build_index(struct model *m);
static void free_index(struct idindex *x);

/* Grows a model array by one zeroed element and returns it.  The capacity is
 * implicit: the array doubles whenever its length reaches a power of two, so
 * that n elements cost O(n) copies even where realloc always moves the block
 * (AddressSanitizer's does, which made 100,000 KPIs take minutes). */
#define GROWS(n) (((n) & ((n) - 1)) == 0)
#define PUSH(arr, n) ((GROWS(n) ? (arr = xrealloc(arr, ((n) ? 2 * (n) : 1) * sizeof *(arr))) : (arr)), \
                      memset(&(arr)[n], 0, sizeof *(arr)), &(arr)[(n)++])

static int is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, KPIC_NS) == 0 &&
	       (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static xmlNode *child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *trimmed(struct model *m, const xmlChar *x)
{
	if (x == NULL)
		return NULL;
	const char *s = (const char *)x;
	size_t b = 0, e = strlen(s);
	while (b < e && is_space(s[b]))
		b++;
	while (e > b && is_space(s[e - 1]))
		e--;
	return arena_str(m, s + b, e - b);
}

static const char *prop(struct model *m, const xmlNode *n, const char *name)
{
	if (n == NULL)
		return NULL;
	xmlChar *x = xmlGetNoNsProp(n, (const xmlChar *)name);
	const char *s = trimmed(m, x);
	xmlFree(x);
	return s;
}

static const char *text_of(struct model *m, const xmlNode *n)
{
	if (n == NULL)
		return NULL;
	xmlChar *x = xmlNodeGetContent(n);
	const char *s = trimmed(m, x);
	xmlFree(x);
	return s;
}

static struct year year_attr(struct model *m, xmlNode *n, const char *attr)
{
	struct year y = { 0, 0, n, attr };
	const char *s = prop(m, n, attr);
	if (s == NULL || *s == '\0' || strlen(s) > 6)
		return y;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return y;
	y.ok = 1;
	y.y = atoi(s);
	return y;
}

static enum combine combine_of(const char *s, enum combine dflt)
{
	static const char *names[] = { "best", "worst", "mean", "sum", "first" };
	for (int i = 0; s && i < 5; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum combine)i;
	return dflt;
}

/* ------------------------------------------------------------ scales */

static size_t count_children(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		k += is_el(c, name);
	return k;
}

static enum change change_of(const char *s)
{
	return s && !strcmp(s, "same") ? CH_SAME : s && !strcmp(s, "worse") ? CH_WORSE : CH_IMPROVED;
}

static void read_grade_rule(struct model *m, xmlNode *gn, struct grade *g)
{
	static const char *rules[] = { "cut", "equal", "baseline", "previous", "otherwise" };
	for (xmlNode *c = gn->children; c && g->rule == GR_NONE; c = c->next)
		for (int r = 0; r < 5; r++)
			if (is_el(c, rules[r])) {
				g->rule = (enum grade_rule)(r + 1);
				g->rule_node = c;
			}
	if (g->rule_node == NULL)
		return;
	const char *attr = g->rule == GR_CUT ? "rate" : "band";
	g->num_text = prop(m, g->rule_node, attr);
	if (g->num_text == NULL && g->rule != GR_CUT)
		g->num_text = "0";
	g->num_ok = g->num_text && kdec_parse(g->num_text, strlen(g->num_text), &g->num) == KDEC_OK;
	const char *from = prop(m, g->rule_node, "from");
	g->above = from && !strcmp(from, "above");
	g->change = change_of(prop(m, g->rule_node, "change"));
}

static void read_scale(struct model *m, xmlNode *n, struct scale *sc)
{
	sc->node = n;
	sc->id = prop(m, n, "id");
	sc->name = prop(m, n, "name");
	const char *given = prop(m, n, "given");
	sc->given = given && !strcmp(given, "yes");
	sc->ngrades = count_children(n, "grade");
	sc->grades = arena_alloc(&m->arena, (sc->ngrades ? sc->ngrades : 1) * sizeof *sc->grades);
	size_t i = 0, declared = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "grade"))
			continue;
		struct grade *g = &sc->grades[i];
		g->node = c;
		g->id = prop(m, c, "id");
		g->symbol = prop(m, c, "symbol");
		g->label = prop(m, c, "label");
		g->legend = prop(m, c, "legend");
		const char *a = prop(m, c, "achieved");
		declared |= a != NULL;
		g->achieved = a ? !strcmp(a, "yes") : i == 0;
		read_grade_rule(m, c, g);
		g->points_text = prop(m, c, "points");
		g->points_ok = g->points_text &&
		               kdec_parse(g->points_text, strlen(g->points_text), &g->points) == KDEC_OK;
		i++;
	}
	/* Without any achieved=, the first grade alone counts as met. */
	for (size_t j = 1; !declared && j < sc->ngrades; j++)
		sc->grades[j].achieved = 0;
}

/* threshold="T": the two-grade scale T%以上 (達成) / T%未満 (未達). */
static void threshold_scale(struct model *m, xmlNode *ev)
{
	struct scale *sc = m->scales = arena_alloc(&m->arena, sizeof *m->scales);
	m->nscales = 1;
	m->primary = 0;
	sc->node = ev;
	sc->id = "threshold";
	sc->name = "達成状況";
	sc->ngrades = 2;
	sc->grades = arena_alloc(&m->arena, 2 * sizeof *sc->grades);
	const char *t = m->threshold_text;
	struct grade *g = sc->grades;
	g[0] = (struct grade){ .node = ev, .id = "met", .symbol = "達成", .achieved = 1, .rule = GR_CUT,
	                       .num_text = t, .num_ok = m->threshold_ok, .num = m->threshold };
	g[1] = (struct grade){ .node = ev, .id = "not-met", .symbol = "未達", .rule = GR_OTHERWISE };
	char *l = arena_alloc(&m->arena, strlen(t) + 16);
	strcpy(l, t);
	strcat(l, "%以上");
	g[0].label = g[0].legend = l;
	l = arena_alloc(&m->arena, strlen(t) + 16);
	strcpy(l, t);
	strcat(l, "%未満");
	g[1].label = g[1].legend = l;
}

static enum state_when when_of(const char *s)
{
	static const char *names[] = { "no-actual", "unpublished", "no-target", "ended", "excluded" };
	for (int i = 0; s && i < 5; i++)
		if (!strcmp(s, names[i]))
			return (enum state_when)(i + 1);
	return SW_NONE;
}

static enum rate_against against_of(const char *s, enum rate_against dflt)
{
	return !s ? dflt : !strcmp(s, "year") ? RA_YEAR : !strcmp(s, "progress") ? RA_PROGRESS :
	       !strcmp(s, "final") ? RA_FINAL : dflt;
}

const struct grade *model_last_achieved(const struct scale *sc)
{
	const struct grade *last = NULL;
	for (size_t i = 0; i < sc->ngrades; i++)
		if (sc->grades[i].achieved)
			last = &sc->grades[i];
	return last;
}

/* The threshold the rest of kpic prints (達成率T%以上): the cut of the
 * primary scale's last achieved grade. */
static void derive_threshold(struct model *m)
{
	if (m->primary < 0)
		return;
	const struct grade *last = model_last_achieved(&m->scales[m->primary]);
	if (last && last->rule == GR_CUT && last->num_ok && !last->above) {
		m->threshold_ok = 1;
		m->threshold = last->num;
		m->threshold_text = last->num_text;
	}
}

static void read_evaluation(struct model *m, xmlNode *ev)
{
	m->primary = -1;
	const char *th = m->threshold_text = prop(m, ev, "threshold");
	m->threshold_attr = th != NULL;
	m->threshold_ok = th && kdec_parse(th, strlen(th), &m->threshold) == KDEC_OK;
	m->against_text = prop(m, ev, "rate-against");
	m->against = against_of(m->against_text, RA_FINAL);
	size_t ns = count_children(ev, "scale");
	if (th && ns == 0)
		threshold_scale(m, ev);
	else if (ns) {
		m->scales = arena_alloc(&m->arena, ns * sizeof *m->scales);
		for (xmlNode *c = ev->children; c; c = c->next)
			if (is_el(c, "scale"))
				read_scale(m, c, &m->scales[m->nscales++]);
		m->primary_text = prop(m, ev, "primary");
		m->primary = m->primary_text ? model_find_scale(m, m->primary_text) : 0;
		if (m->primary >= 0 && m->scales[m->primary].given)
			m->primary = -1;
		if (!th)
			derive_threshold(m);
	}
	m->nstates = count_children(ev, "state");
	m->states = arena_alloc(&m->arena, (m->nstates ? m->nstates : 1) * sizeof *m->states);
	size_t i = 0;
	for (xmlNode *c = ev ? ev->children : NULL; c; c = c->next) {
		if (!is_el(c, "state"))
			continue;
		struct kstate *st = &m->states[i++];
		st->node = c;
		st->id = prop(m, c, "id");
		st->symbol = prop(m, c, "symbol");
		st->label = prop(m, c, "label");
		const char *counted = prop(m, c, "counted");
		st->counted = counted && !strcmp(counted, "yes");
		st->when = when_of(prop(m, c, "when"));
	}
}

int model_find_scale(const struct model *m, const char *id)
{
	for (size_t i = 0; id && i < m->nscales; i++)
		if (m->scales[i].id && !strcmp(m->scales[i].id, id))
			return (int)i;
	return -1;
}

int model_find_grade(const struct scale *s, const char *id)
{
	for (size_t i = 0; id && i < s->ngrades; i++)
		if (s->grades[i].id && !strcmp(s->grades[i].id, id))
			return (int)i;
	return -1;
}

int model_rate_only(const struct model *m)
{
	return m->nscales == 0;
}

int model_find_state(const struct model *m, const char *id)
{
	for (size_t i = 0; id && i < m->nstates; i++)
		if (m->states[i].id && !strcmp(m->states[i].id, id))
			return (int)i;
	return -1;
}

int model_find_tag(const struct model *m, const char *id, size_t len)
{
	for (size_t i = 0; id && i < m->ntags; i++)
		if (m->tags[i].id && strlen(m->tags[i].id) == len && !strncmp(m->tags[i].id, id, len))
			return (int)i;
	return -1;
}

/* tags="a b": the mask of the declared tags among them (rules.c reports the rest). */
static unsigned tag_mask_of(const struct model *m, const char *s)
{
	unsigned mask = 0;
	while (s && *s) {
		size_t sp = strspn(s, " \t\n\r"), len;
		s += sp;
		len = strcspn(s, " \t\n\r");
		int t = len ? model_find_tag(m, s, len) : -1;
		if (t >= 0 && t < KPIC_MAX_TAGS)
			mask |= 1u << t;
		s += len;
	}
	return mask;
}

static void read_given(struct model *m, xmlNode *n, struct kpi *k)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "grade"))
			continue;
		struct given_grade *g = PUSH(k->given, k->ngiven);
		g->node = c;
		g->scale = prop(m, c, "scale");
		g->id = prop(m, c, "ref");
		g->year = year_attr(m, c, "year");
		g->scale_i = model_find_scale(m, g->scale);
		g->grade_i = g->scale_i >= 0 ? model_find_grade(&m->scales[g->scale_i], g->id) : -1;
	}
}

static enum vstatus cmd_status_of(const char *s)
{
	enum vstatus st = VS_MEASURED;
	vocab_status_parse(s, &st);
	return st;
}

static void read_value(struct model *m, xmlNode *n, enum vkind kind, struct value *v)
{
	memset(v, 0, sizeof *v);
	v->ref_i = -1;
	v->node = n;
	v->kind = kind;
	v->year = year_attr(m, n, "year");
	v->from = year_attr(m, n, "from");
	v->status = cmd_status_of(prop(m, n, "status"));
	v->label = prop(m, n, "label");
	v->text = text_of(m, n);
	v->has_num = v->text && *v->text;
	v->num_ok = v->has_num && kdec_parse(v->text, strlen(v->text), &v->num) == KDEC_OK;
}

static void read_values(struct model *m, xmlNode *parent, struct series *s)
{
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (is_el(c, "baseline") && s->baseline == NULL) {
			s->baseline = arena_alloc(&m->arena, sizeof *s->baseline);
			read_value(m, c, VK_BASELINE, s->baseline);
		} else if (is_el(c, "value")) {
			PUSH(s->values, s->nvalues);
			read_value(m, c, VK_VALUE, &s->values[s->nvalues - 1]);
		} else if (is_el(c, "yearly-target")) {
			PUSH(s->yearly, s->nyearly);
			read_value(m, c, VK_TARGET, &s->yearly[s->nyearly - 1]);
		} else if (is_el(c, "target") && s->target == NULL) {
			s->target = arena_alloc(&m->arena, sizeof *s->target);
			read_value(m, c, VK_TARGET, s->target);
		}
	}
}

static void read_series(struct model *m, xmlNode *kn, struct kpi *k)
{
	const char *unit = text_of(m, child(kn, "unit"));
	const char *notation = text_of(m, child(kn, "notation"));
	int explicit = 0;
	for (xmlNode *c = kn->children; c; c = c->next) {
		if (!is_el(c, "series"))
			continue;
		explicit = 1;
		struct series *s = PUSH(k->series, k->nseries);
		s->node = c;
		s->key = prop(m, c, "key");
		s->label = prop(m, c, "label");
		s->unit = text_of(m, child(c, "unit"));
		s->notation = text_of(m, child(c, "notation"));
		if (s->unit == NULL)
			s->unit = unit;
		if (s->notation == NULL)
			s->notation = notation;
		read_values(m, c, s);
	}
	if (!explicit) {
		struct series *s = PUSH(k->series, k->nseries);
		s->node = kn;
		s->key = "";
		s->unit = unit;
		s->notation = notation;
		read_values(m, kn, s);
	}
	for (size_t i = 0; i < k->nseries; i++) {
		if (k->series[i].notation == NULL)
			k->series[i].notation = "plain";
		k->series[i].years = m->era;
	}
}

static void add_year(struct model *m, xmlNode *n, const char *attr);

static enum relation relation_of(const char *s)
{
	static const char *const names[] = { "", "at-least", "at-most", "keep", "extend", "previous", "reference" };
	for (size_t i = 1; s && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i]))
			return (enum relation)i;
	return REL_NONE;
}

int model_find_refseries(const struct model *m, const char *id)
{
	for (size_t i = 0; id && i < m->nrefseries; i++)
		if (m->refseries[i].id && !strcmp(m->refseries[i].id, id))
			return (int)i;
	return -1;
}

const struct value *model_refseries_value(const struct refseries *r, int year)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (r->values[i].year.ok && r->values[i].year.y == year && r->values[i].num_ok)
			return &r->values[i];
	return NULL;
}

/* A target's relation= and reference=, and its words in the tables. */
static void read_relation(struct model *m, const struct kpi *k, struct value *t)
{
	int lower = k->dir == DIR_LOWER;
	t->rel = relation_of(prop(m, t->node, "relation"));
	t->ref = prop(m, t->node, "reference");
	t->ref_i = model_find_refseries(m, t->ref);
	t->initial_text = prop(m, t->node, "initial");
	t->initial_ok = t->initial_text && kdec_parse(t->initial_text, strlen(t->initial_text), &t->initial) == KDEC_OK;
	t->revised_in = year_attr(m, t->node, "revised-in");
	switch (t->rel) {
	case REL_AT_LEAST: t->rel_word = "以上"; break;
	case REL_AT_MOST: t->rel_word = "以下"; break;
	case REL_KEEP: t->rel_word = "維持"; break;
	case REL_EXTEND: t->rel_word = "延伸"; break;
	case REL_PREVIOUS: t->rel_word = lower ? "前年を下回る" : "前年を上回る"; break;
	case REL_REFERENCE: {
		const char *label = t->ref_i >= 0 && m->refseries[t->ref_i].label ? m->refseries[t->ref_i].label
		                    : t->ref ? t->ref : "";
		size_t n = strlen(label);
		char *w = arena_alloc(&m->arena, n + sizeof "を上回る");
		memcpy(w, label, n);
		memcpy(w + n, lower ? "を下回る" : "を上回る", sizeof "を上回る");
		t->rel_word = w;
		break;
	}
	case REL_NONE: break;
	}
}

static void read_references(struct model *m, xmlNode *refs)
{
	for (xmlNode *c = child(refs, NULL); c; c = c->next) {
		if (!is_el(c, "reference"))
			continue;
		struct refseries *r = PUSH(m->refseries, m->nrefseries);
		memset(r, 0, sizeof *r);
		r->node = c;
		r->id = prop(m, c, "id");
		r->label = prop(m, c, "label");
		for (xmlNode *v = c->children; v; v = v->next)
			if (is_el(v, "value")) {
				PUSH(r->values, r->nvalues);
				read_value(m, v, VK_VALUE, &r->values[r->nvalues - 1]);
			}
	}
}

static void read_kpi(struct model *m, xmlNode *n, size_t goal, int heading)
{
	struct kpi *k = PUSH(m->kpis, m->nkpis);
	k->node = n;
	k->id = prop(m, n, "id");
	k->name = text_of(m, child(n, "name"));
	const char *dir = prop(m, n, "direction");
	k->dir = dir && !strcmp(dir, "lower") ? DIR_LOWER : dir && !strcmp(dir, "maintain") ? DIR_MAINTAIN : DIR_HIGHER;
	k->comb = combine_of(prop(m, n, "combine"), m->comb);
	const char *rb = k->rate_base_text = prop(m, n, "rate-base");
	k->has_rate_base = rb != NULL;
	k->rate_base_ok = rb && kdec_parse(rb, strlen(rb), &k->rate_base) == KDEC_OK;
	k->level = heading < 0 ? LEVEL_GOAL : LEVEL_MEASURE;
	k->goal = goal;
	k->tags = prop(m, n, "tags");
	k->tag_mask = tag_mask_of(m, k->tags);
	k->heading = heading;
	read_series(m, n, k);
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!is_el(c, "responsible"))
			continue;
		if (GROWS(k->ndepts)) {
			size_t cap = k->ndepts ? 2 * k->ndepts : 1;
			k->depts = xrealloc(k->depts, cap * sizeof *k->depts);
			k->dept_nodes = xrealloc(k->dept_nodes, cap * sizeof *k->dept_nodes);
		}
		k->depts[k->ndepts] = prop(m, c, "department");
		k->dept_nodes[k->ndepts++] = c;
	}
	xmlNode *ov = child(n, "override");
	if (ov) {
		const char *met = prop(m, ov, "met");
		k->has_override = 1;
		k->override_met = met && !strcmp(met, "yes");
		k->override_node = ov;
		k->override_reason = text_of(m, child(ov, "reason"));
		if (k->override_reason && *k->override_reason == '\0')
			k->override_reason = NULL;
	}
	k->review = child(n, "review") != NULL;
	k->against_text = prop(m, n, "rate-against");
	k->against = against_of(k->against_text, m->against);
	k->state = prop(m, n, "state");
	k->state_i = model_find_state(m, k->state);
	read_given(m, n, k);
	for (size_t i = 0; i < k->nseries; i++)
		if (k->series[i].target)
			read_relation(m, k, k->series[i].target);
	const char *basis = prop(m, n, "year-basis");
	k->calendar = basis && !strcmp(basis, "calendar");
	const char *cum = prop(m, n, "cumulative");
	k->cumulative = cum && !strcmp(cum, "yes");
	k->span_node = child(n, "span");
	if (k->span_node) {
		k->span_from = year_attr(m, k->span_node, "from");
		k->span_to = year_attr(m, k->span_node, "to");
		add_year(m, k->span_node, "from");
		add_year(m, k->span_node, "to");
	}
}

static void read_repost(struct model *m, xmlNode *n, size_t goal, int heading)
{
	struct repost *r = PUSH(m->reposts, m->nreposts);
	r->node = n;
	r->id = prop(m, n, "id");
	r->kpi = prop(m, n, "kpi");
	r->goal = goal;
	r->heading = heading;
}

static void read_level(struct model *m, xmlNode *parent, size_t goal, int heading)
{
	static const char *kinds[HK_COUNT] = { "policy", "direction", "measure", "project" };
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (is_el(c, "kpi")) {
			read_kpi(m, c, goal, heading);
		} else if (is_el(c, "repost")) {
			read_repost(m, c, goal, heading);
		} else {
			for (int k = 0; k < HK_COUNT; k++) {
				if (!is_el(c, kinds[k]))
					continue;
				struct heading *h = PUSH(m->headings, m->nheadings);
				h->node = c;
				h->kind = (enum heading_kind)k;
				h->id = prop(m, c, "id");
				h->title = text_of(m, child(c, "title"));
				h->repost_of = prop(m, c, "repost-of");
				h->goal = goal;
				h->parent = heading;
				read_level(m, c, goal, (int)m->nheadings - 1);
			}
		}
	}
}

/* period era= and, for era="as-of", the as-of date (an unreadable date
 * leaves as-of writing years as fiscal-year-start; rules.c reports it). */
static void read_era_policy(struct model *m)
{
	int used = 0;
	if (jfmt_fy_policy_parse(prop(m, m->period_node, "era"), &m->era.policy) < 0)
		m->era.policy = JFMT_FY_START;
	if (m->as_of && sscanf(m->as_of, "%4d-%2d-%2d%n", &m->era.as_of_y, &m->era.as_of_m,
	                       &m->era.as_of_d, &used) == 3 && m->as_of[used] == '\0')
		return;
	m->era.as_of_y = m->era.as_of_m = m->era.as_of_d = 0;
}

static const char *const level_elements[LO_COUNT] = { "goal", "policy", "direction", "measure", "project" };

const char *model_level_of_name(enum level_of l)
{
	return level_elements[l];
}

/* <levels>: each declared name, and the name every level prints. */
static void read_levels(struct model *m, xmlNode *levels)
{
	static const char *const dflt[LO_COUNT] = { "基本目標", "基本方針", "基本的な方向性", "具体的な施策", "事業" };
	for (int l = 0; l < LO_COUNT; l++)
		m->level_names[l] = dflt[l];
	for (xmlNode *c = levels ? levels->children : NULL; c; c = c->next) {
		if (!is_el(c, "level"))
			continue;
		const char *of = prop(m, c, "of");
		for (int l = 0; of && l < LO_COUNT; l++) {
			if (strcmp(of, level_elements[l]))
				continue;
			struct level_decl *d = PUSH(m->levels, m->nlevels);
			d->node = c;
			d->of = (enum level_of)l;
			d->name = prop(m, c, "name");
			d->short_name = prop(m, c, "short");
			if (d->name && *d->name && m->level_names[l] == dflt[l])
				m->level_names[l] = d->name;
			const char *ru = prop(m, c, "rollup");
			if (ru && m->level_rollup[l] == RU_NONE)
				m->level_rollup[l] = !strcmp(ru, "worst") ? RU_WORST
				                   : !strcmp(ru, "points") ? RU_POINTS : RU_SHARE;
		}
	}
}

static void read_tags(struct model *m, xmlNode *meta)
{
	for (xmlNode *c = meta->children; c; c = c->next) {
		if (!is_el(c, "tag"))
			continue;
		struct ktag *t = PUSH(m->tags, m->ntags);
		t->node = c;
		t->id = prop(m, c, "id");
		t->label = prop(m, c, "label");
	}
}

static void read_meta(struct model *m, xmlNode *meta)
{
	read_levels(m, child(meta, "levels"));
	read_tags(m, meta);
	m->municipality = text_of(m, child(meta, "municipality"));
	m->title = text_of(m, child(meta, "title"));
	const char *ed = text_of(m, child(meta, "edition"));
	m->edition = ed ? atoi(ed) : 0;
	m->period_node = child(meta, "period");
	m->start = year_attr(m, m->period_node, "start");
	m->end = year_attr(m, m->period_node, "end");
	m->baseline = year_attr(m, m->period_node, "baseline");
	m->as_of_node = child(meta, "as-of");
	m->as_of = text_of(m, m->as_of_node);
	read_era_policy(m);
	m->eval_node = child(meta, "evaluation");
	read_evaluation(m, m->eval_node);
	m->comb = combine_of(prop(m, m->eval_node, "combine"), COMB_BEST);
	const char *pv = prop(m, m->eval_node, "provisional");
	m->use_provisional = pv && !strcmp(pv, "yes");
	const char *sp = prop(m, m->eval_node, "show-previous");
	m->show_previous = sp && !strcmp(sp, "yes");
	const char *st = text_of(m, child(meta, "status"));
	m->draft = st && !strcmp(st, "draft");
}

static void add_ref(struct model *m, xmlNode *n, const char *attr, const char *id, int want)
{
	struct idref *r = PUSH(m->refs, m->nrefs);
	r->node = n;
	r->attr = attr;
	r->id = id;
	r->want = want;
}

static void read_selector(struct model *m, xmlNode *n, struct selector *s)
{
	const char *what = prop(m, n, "what");
	const char *level = prop(m, n, "level");
	const char *met = prop(m, n, "met");
	const char *review = prop(m, n, "review");
	s->node = n;
	s->goals = what && !strcmp(what, "goals");
	s->goal = prop(m, n, "goal");
	s->level = level == NULL ? -1 : !strcmp(level, "goal") ? LEVEL_GOAL : LEVEL_MEASURE;
	s->met = met == NULL ? -1 : !strcmp(met, "yes");
	s->dept = prop(m, n, "department");
	s->review = review == NULL ? -1 : !strcmp(review, "yes");
	s->grade = prop(m, n, "grade");
	s->state = prop(m, n, "state");
	if (s->goal)
		add_ref(m, n, "goal", s->goal, REF_GOAL);
}

static void add_year(struct model *m, xmlNode *n, const char *attr)
{
	struct year *y = PUSH(m->years, m->nyears);
	*y = year_attr(m, n, attr);
	y->node = n;
	y->attr = attr;
}

/* A <year-counts>: its years, range-checked and kept for its rule. */
static void read_year_counts(struct model *m, xmlNode *n)
{
	struct year_counts *yc = PUSH(m->year_counts, m->nyear_counts);
	yc->node = n;
	yc->from = year_attr(m, n, "from");
	yc->to = year_attr(m, n, "to");
	add_year(m, n, "from");
	add_year(m, n, "to");
}

static void add_node(xmlNode ***arr, size_t *n, xmlNode *x)
{
	if (GROWS(*n))
		*arr = xrealloc(*arr, (*n ? 2 * *n : 1) * sizeof **arr);
	(*arr)[(*n)++] = x;
}

/* The goal ids of a <priority goals="g1 g2">. */
static void read_priority_refs(struct model *m, xmlNode *c)
{
	const char *gs = prop(m, c, "goals");
	for (const char *p = gs; p && *p;) {
		size_t len = strcspn(p, " \t\n");
		if (len)
			add_ref(m, c, "goals", arena_str(m, p, len), REF_GOAL);
		p += len;
		p += strspn(p, " \t\n");
	}
}

/* Collects, anywhere below n, every element that refers to something. */
static void read_refs(struct model *m, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !is_el(c, NULL))
			continue;
		const char *name = (const char *)c->name;
		if (!strcmp(name, "count") && n && !is_el(n, "published")) {
			read_selector(m, c, PUSH(m->counts, m->ncounts));
		} else if (!strcmp(name, "value")) {
			add_node(&m->value_refs, &m->nvalue_refs, c);
			add_ref(m, c, "kpi", prop(m, c, "kpi"), REF_KPI);
			add_year(m, c, "year");
		} else if (!strcmp(name, "era")) {
			add_year(m, c, "year");
		} else if (!strcmp(name, "year-counts")) {
			read_year_counts(m, c);
		} else if (!strcmp(name, "date") || !strcmp(name, "meeting") || !strcmp(name, "committee")) {
			add_node(&m->dates, &m->ndates, c);
		} else if (!strcmp(name, "ref")) {
			add_ref(m, c, "to", prop(m, c, "to"), REF_ANY);
		} else if (!strcmp(name, "figure") && prop(m, c, "kpi")) {
			add_ref(m, c, "kpi", prop(m, c, "kpi"), REF_KPI);
		} else if (!strcmp(name, "count-table") || !strcmp(name, "viewpoint")) {
			add_ref(m, c, "goal", prop(m, c, "goal"), REF_GOAL);
		} else if (!strcmp(name, "serves")) {
			add_ref(m, c, "ref", prop(m, c, "ref"), REF_GRANT_TARGET);
		} else if (!strcmp(name, "priority")) {
			read_priority_refs(m, c);
		} else if (!strcmp(name, "population")) {
			add_year(m, c, "year");
			add_node(&m->amounts, &m->namounts, c);
		} else if (!strcmp(name, "expenditure") || !strcmp(name, "subsidy")) {
			add_node(&m->amounts, &m->namounts, c);
		}
		read_refs(m, c);
	}
}

static void read_published(struct model *m, xmlNode *pub)
{
	for (xmlNode *c = pub ? pub->children : NULL; c; c = c->next) {
		if (!is_el(c, "count"))
			continue;
		struct published *p = PUSH(m->published, m->npublished);
		read_selector(m, c, &p->sel);
		const char *v = text_of(m, c);
		char *end = NULL;
		p->value = v ? strtoll(v, &end, 10) : 0;
		p->num_ok = v && *v && end && *end == '\0' && p->value >= 0;
	}
}

void model_build(struct model *m, xmlDoc *doc)
{
	memset(m, 0, sizeof *m);
	xmlNode *root = xmlDocGetRootElement(doc);
	read_meta(m, child(root, "meta"));
	for (xmlNode *c = child(child(root, "departments"), NULL); c; c = c->next) {
		if (!is_el(c, "department"))
			continue;
		struct department *d = PUSH(m->depts, m->ndepts);
		d->node = c;
		d->id = prop(m, c, "id");
		d->name = text_of(m, c);
	}
	read_references(m, child(root, "references"));
	for (xmlNode *c = child(child(root, "goals"), NULL); c; c = c->next) {
		if (!is_el(c, "goal"))
			continue;
		struct goal *g = PUSH(m->goals, m->ngoals);
		g->node = c;
		g->id = prop(m, c, "id");
		const char *num = prop(m, c, "number");
		g->number = num ? atoi(num) : 0;
		g->title = text_of(m, child(c, "title"));
		read_level(m, c, m->ngoals - 1, -1);
		for (xmlNode *p = c->children; p; p = p->next)
			if (is_el(p, "priority"))     /* 重点課題 placed under a goal (drafts) */
				read_priority_refs(m, p);
	}
	read_published(m, child(root, "published"));
	for (xmlNode *c = root->children; c; c = c->next)
		if (is_el(c, "vision") || is_el(c, "grants") || is_el(c, "document"))
			read_refs(m, c);
	m->vision = child(root, "vision");
	build_index(m);
}

void model_free(struct model *m)
{
	for (size_t i = 0; i < m->nkpis; i++) {
		for (size_t j = 0; j < m->kpis[i].nseries; j++) {
			free(m->kpis[i].series[j].values);
			free(m->kpis[i].series[j].yearly);
		}
		free(m->kpis[i].given);
		free(m->kpis[i].series);
		free(m->kpis[i].depts);
		free(m->kpis[i].dept_nodes);
	}
	for (size_t i = 0; i < m->nrefseries; i++)
		free(m->refseries[i].values);
	free(m->refseries);
	free(m->depts);
	free(m->goals);
	free(m->headings);
	free(m->levels);
	free(m->tags);
	free(m->kpis);
	free(m->reposts);
	free(m->published);
	free(m->counts);
	free(m->refs);
	free(m->value_refs);
	free(m->dates);
	free(m->amounts);
	free(m->years);
	free(m->year_counts);
	free_index(m->index);
	arena_free(&m->arena);
	memset(m, 0, sizeof *m);
}

/* One open-addressing table per kind of id: kinds share the id space in
 * the source, but each lookup wants one kind. */
enum id_kind { IK_KPI, IK_GOAL, IK_DEPT, IK_HEADING, IK_REPOST, IK__COUNT };

struct idindex {
	struct strmap t[IK__COUNT];
};

static void build_index(struct model *m)
{
	struct idindex *x = xcalloc(1, sizeof *x);
	strmap_init(&x->t[IK_KPI], m->nkpis);
	strmap_init(&x->t[IK_GOAL], m->ngoals);
	strmap_init(&x->t[IK_DEPT], m->ndepts);
	strmap_init(&x->t[IK_HEADING], m->nheadings);
	strmap_init(&x->t[IK_REPOST], m->nreposts);
	for (size_t i = 0; i < m->nkpis; i++)
		strmap_put(&x->t[IK_KPI], m->kpis[i].id, (int)i);
	for (size_t i = 0; i < m->ngoals; i++)
		strmap_put(&x->t[IK_GOAL], m->goals[i].id, (int)i);
	for (size_t i = 0; i < m->ndepts; i++)
		strmap_put(&x->t[IK_DEPT], m->depts[i].id, (int)i);
	for (size_t i = 0; i < m->nheadings; i++)
		strmap_put(&x->t[IK_HEADING], m->headings[i].id, (int)i);
	for (size_t i = 0; i < m->nreposts; i++)
		strmap_put(&x->t[IK_REPOST], m->reposts[i].id, (int)i);
	m->index = x;
}

static void free_index(struct idindex *x)
{
	for (int k = 0; x && k < IK__COUNT; k++) {
		strmap_free(&x->t[k]);
	}
	free(x);
}

int model_find_kpi(const struct model *m, const char *id) { return strmap_get(&m->index->t[IK_KPI], id); }
int model_find_goal(const struct model *m, const char *id) { return strmap_get(&m->index->t[IK_GOAL], id); }
int model_find_dept(const struct model *m, const char *id) { return strmap_get(&m->index->t[IK_DEPT], id); }
int model_find_heading(const struct model *m, const char *id) { return strmap_get(&m->index->t[IK_HEADING], id); }
int model_find_repost(const struct model *m, const char *id) { return strmap_get(&m->index->t[IK_REPOST], id); }

const struct value *model_series_value(const struct series *s, int year)
{
	for (size_t i = 0; i < s->nvalues; i++)
		if (s->values[i].year.ok && s->values[i].year.y == year)
			return &s->values[i];
	return NULL;
}

const char *model_direction_name(enum direction d)
{
	return d == DIR_LOWER ? "lower" : d == DIR_MAINTAIN ? "maintain" : "higher";
}

const char *model_combine_name(enum combine c)
{
	static const char *names[] = { "best", "worst", "mean", "sum", "first" };
	return names[c];
}

const char *model_level_name(enum level l)
{
	return l == LEVEL_GOAL ? "goal" : "measure";
}

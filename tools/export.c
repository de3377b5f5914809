/*
 * export.c - `kpic export` as CSV and JSON (see export.h).
 *
 * Both formats are made from the same rows of typed fields, so that they
 * cannot disagree: a field is text, a number (written as JSON writes it, or
 * left empty/null) or a yes/no.
 */
#include "export.h"

#include <stdio.h>
#include <string.h>

enum ftype { F_TEXT, F_NUM, F_BOOL };

struct field {
	char *name;
	enum ftype type;
	char *text;                 /* NULL: empty (CSV) / null (JSON) */
};

struct row {
	struct field *f;
	size_t n, cap;
};

static void put(struct row *r, const char *name, enum ftype t, const char *text)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->f = xrealloc(r->f, r->cap * sizeof *r->f);
	}
	r->f[r->n].name = xstrdup(name);
	r->f[r->n].type = t;
	r->f[r->n].text = text ? xstrdup(text) : NULL;
	r->n++;
}

static void put_int(struct row *r, const char *name, int ok, int v)
{
	char s[32];
	snprintf(s, sizeof s, "%d", v);
	put(r, name, F_NUM, ok ? s : NULL);
}

static void row_free(struct row *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->f[i].name);
		free(r->f[i].text);
	}
	free(r->f);
	memset(r, 0, sizeof *r);
}

/* The figure of a value as a plain decimal ("19.50", "-3.3"), NULL if none. */
static const char *plain(const struct value *v, char *s, size_t size)
{
	if (v == NULL || !v->has_num)
		return NULL;
	if (!v->num_ok)
		return NULL;
	kdec_format(v->num, s, size);
	return s;
}

static const char *rate_str(int ok, krate rate, char *s, size_t size)
{
	if (!ok || krate_format(rate, 4, KRATE_HALF_UP, s, size) < 0)
		return NULL;
	return s;
}

/* The trimmed text of a KPI's child element (survey, publication, method). */
static char *child_text(const xmlNode *k, const char *name)
{
	for (xmlNode *c = k ? k->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !c->ns || strcmp((const char *)c->ns->href, KPIC_NS) ||
		    strcmp((const char *)c->name, name))
			continue;
		xmlChar *x = xmlNodeGetContent(c);
		const char *s = x ? (const char *)x : "";
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		size_t len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		char *out = xstrndup(s, len);
		xmlFree(x);
		return out;
	}
	return NULL;
}

/* The fiscal years that get a column: from the earliest yearly value (or the
 * period's start) to the period's end. */
static void year_range(const struct model *m, int *from, int *to)
{
	*from = m->start.ok ? m->start.y : 0;
	*to = m->end.ok ? m->end.y : 0;
	for (size_t i = 0; i < m->nkpis; i++)
		for (size_t j = 0; j < m->kpis[i].nseries; j++)
			for (size_t v = 0; v < m->kpis[i].series[j].nvalues; v++) {
				const struct value *x = &m->kpis[i].series[j].values[v];
				if (!x->year.ok)
					continue;
				if (*from == 0 || x->year.y < *from)
					*from = x->year.y;
				if (x->year.y > *to)
					*to = x->year.y;
			}
	if (*to < *from)
		*to = *from;
}

/* The columns appended after `method` so that `kpic import` can rebuild the
 * source from the export: the ids of the KPI's place, its 担当課 ids, how its
 * figures are written and judged, and the strategy's own settings (repeated
 * on every row, so that each row stands alone). */
static void put_source_fields(const struct model *m, const struct kpi *k, const struct series *s,
                              struct row *r)
{
	const char *ids[HK_COUNT] = { NULL };   /* a project's KPI: its measure's ids (project_id at the end) */
	char n[64];
	for (int h = k->heading; h >= 0; h = m->headings[h].parent)
		if (!ids[m->headings[h].kind])
			ids[m->headings[h].kind] = m->headings[h].id;
	put(r, "goal_id", F_TEXT, m->goals[k->goal].id ? m->goals[k->goal].id : "");
	put(r, "policy_id", F_TEXT, ids[HK_POLICY] ? ids[HK_POLICY] : "");
	put(r, "direction_id", F_TEXT, ids[HK_DIRECTION] ? ids[HK_DIRECTION] : "");
	put(r, "measure_id", F_TEXT, ids[HK_MEASURE] ? ids[HK_MEASURE] : "");
	struct buf d = BUF_INIT;
	for (size_t i = 0; i < k->ndepts; i++)
		buf_printf(&d, "%s%s", i ? " " : "", k->depts[i] ? k->depts[i] : "");
	put(r, "department_ids", F_TEXT, buf_str(&d));
	buf_free(&d);
	put(r, "notation", F_TEXT, s->notation ? s->notation : "plain");
	put(r, "rate_base", F_NUM, k->has_rate_base && k->rate_base_ok ? (kdec_format(k->rate_base, n, sizeof n), n) : NULL);
	put(r, "override_reason", F_TEXT, k->override_reason ? k->override_reason : "");
	put_int(r, "baseline_from", s->baseline && s->baseline->from.ok, s->baseline ? s->baseline->from.y : 0);
	put(r, "municipality", F_TEXT, m->municipality ? m->municipality : "");
	put_int(r, "period_start", m->start.ok, m->start.y);
	put_int(r, "period_end", m->end.ok, m->end.y);
	put_int(r, "period_baseline", m->baseline.ok, m->baseline.y);
	put(r, "as_of", F_TEXT, m->as_of ? m->as_of : "");
	put(r, "threshold", F_NUM, m->threshold_ok ? (kdec_format(m->threshold, n, sizeof n), n) : NULL);
	put(r, "provisional", F_BOOL, m->use_provisional ? "yes" : "no");
}

static const char *against_name(enum rate_against a)
{
	return a == RA_YEAR ? "year" : a == RA_PROGRESS ? "progress" : "final";
}

/* An element as XML text on one line, appended to b (the blanks between
 * its tags left out; the serializer writes every > of an attribute as
 * &gt;). */
static void one_line(xmlNode *n, struct buf *b)
{
	xmlBufferPtr x = xmlBufferCreate();
	if (x && n)
		xmlNodeDump(x, n->doc, n, 0, 0);
	const char *s = x ? (const char *)xmlBufferContent(x) : "";
	for (size_t i = 0; s[i]; i++) {
		buf_putc(b, s[i]);
		size_t j = i + 1;
		while (s[i] == '>' && strchr(" \t\r\n", s[j]) && s[j])
			j++;
		if (s[i] == '>' && s[j] == '<')
			i = j - 1;
	}
	xmlBufferFree(x);
}

static int is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, KPIC_NS) &&
	       !strcmp((const char *)n->name, name);
}

/* The source's <evaluation> on one line: the scales, states and
 * rate-against that kpic import writes back. */
static void put_evaluation(const struct model *m, struct row *r)
{
	struct buf b = BUF_INIT;
	one_line(m->eval_node, &b);
	put(r, "evaluation", F_TEXT, buf_str(&b));
	buf_free(&b);
}

/* The children named name of parent, each on one line, one after another. */
static void put_elements(const xmlNode *parent, const char *name, const char *col, struct row *r)
{
	struct buf b = BUF_INIT;
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (is_el(c, name))
			one_line(c, &b);
	put(r, col, F_TEXT, buf_str(&b));
	buf_free(&b);
}

static xmlNode *child_el(const xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* An attribute as written, "" when absent. */
static void put_attr(struct row *r, const char *col, const xmlNode *n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	put(r, col, F_TEXT, v ? (const char *)v : "");
	xmlFree(v);
}

/* The KPI's text in each declared free-text column (text_ID), in the
 * order of the meta's <text-columns>. */
static void put_texts(const xmlNode *meta, const struct kpi *k, struct row *r)
{
	for (xmlNode *c = child_el(child_el(meta, "text-columns"), "column"); c; c = c->next) {
		if (!is_el(c, "column"))
			continue;
		xmlChar *id = xmlGetProp(c, (const xmlChar *)"id");
		struct buf name = BUF_INIT;
		buf_printf(&name, "text_%s", id ? (const char *)id : "");
		xmlChar *t = NULL;
		for (xmlNode *x = k->node ? k->node->children : NULL; x && !t; x = x->next) {
			xmlChar *col = is_el(x, "text") ? xmlGetProp(x, (const xmlChar *)"column") : NULL;
			if (col && id && !xmlStrcmp(col, id))
				t = xmlNodeGetContent(x);
			xmlFree(col);
		}
		put(r, buf_str(&name), F_TEXT, t ? (const char *)t : "");
		xmlFree(t);
		xmlFree(id);
		buf_free(&name);
	}
}

/* The columns of the features after the scales: the target's relation=,
 * reference=, initial= and revised-in=, the KPI's tags=, cumulative= and
 * span, its free texts, and the strategy's <text-columns>, <levels>, <tag>s
 * and <references>, each on one line (repeated on every row). */
static void put_more_fields(const struct kpi *k, const struct series *s, struct row *r)
{
	const xmlNode *t = s->target ? s->target->node : NULL;
	put_attr(r, "target_relation", t, "relation");
	put_attr(r, "target_reference", t, "reference");
	const struct value *tv = s->target;
	char n[64];
	put(r, "target_initial", F_NUM, tv && tv->initial_text && tv->initial_ok ? (kdec_format(tv->initial, n, sizeof n), n) : NULL);
	put_int(r, "target_revised_in", tv && tv->revised_in.ok, tv ? tv->revised_in.y : 0);
	put(r, "tags", F_TEXT, k->tags ? k->tags : "");
	put_attr(r, "cumulative", k->node, "cumulative");
	put_int(r, "span_from", k->span_node && k->span_from.ok, k->span_from.y);
	put_int(r, "span_to", k->span_node && k->span_to.ok, k->span_to.y);
	const xmlNode *root = k->node ? xmlDocGetRootElement(k->node->doc) : NULL;
	const xmlNode *meta = child_el(root, "meta");
	put_texts(meta, k, r);
	put_elements(meta, "text-columns", "text_columns", r);
	put_elements(meta, "levels", "levels", r);
	put_elements(meta, "tag", "tag_declarations", r);
	put_elements(root, "references", "references", r);
}

/* The 事業 (project) a KPI is in, its id and title, empty for one that is
 * in none: the last columns, so that those before keep their positions. */
static void put_project_fields(const struct model *m, const struct kpi *k, struct row *r)
{
	const struct heading *p = NULL;
	for (int h = k->heading; h >= 0 && !p; h = m->headings[h].parent)
		if (m->headings[h].kind == HK_PROJECT)
			p = &m->headings[h];
	put(r, "project_id", F_TEXT, p && p->id ? p->id : "");
	put(r, "project_title", F_TEXT, p && p->title ? p->title : "");
}

/* The 再掲 rows (<repost>) that follow the KPI in its heading, up to the
 * next KPI or heading, each on one line: the very last column, so that
 * every column before it keeps its position and an older sheet without it
 * still imports. */
static void put_reposts(const struct kpi *k, struct row *r)
{
	struct buf b = BUF_INIT;
	for (xmlNode *c = k->node ? k->node->next : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_el(c, "repost"))
			break;
		one_line(c, &b);
	}
	put(r, "reposts_after", F_TEXT, buf_str(&b));
	buf_free(&b);
}

/* The columns of the judgement by the declared scale: the computed grade of
 * the primary scale (id, symbol), the state (computed, and as declared by
 * state=), what the rate is against (in force, and as the KPI declares
 * it), the given grades (scale:grade@year, space-separated), the series'
 * yearly targets (target_fy2023…) and the evaluation itself. */
static void put_scale_fields(const struct model *m, const struct kpi_result *kr, const struct kpi *k,
                             const struct series *s, int y0, int y1, struct row *r)
{
	const struct scale *sc = m->primary >= 0 ? &m->scales[m->primary] : NULL;
	const struct grade *g = sc && kr->computed_grade >= 0 ? &sc->grades[kr->computed_grade] : NULL;
	put(r, "grade", F_TEXT, g && g->id ? g->id : "");
	put(r, "grade_symbol", F_TEXT, g && g->symbol ? g->symbol : "");
	put(r, "state", F_TEXT, kr->state >= 0 && m->states[kr->state].id ? m->states[kr->state].id : "");
	put(r, "state_declared", F_TEXT, k->state ? k->state : "");
	put(r, "rate_against", F_TEXT, against_name(k->against));
	put(r, "rate_against_declared", F_TEXT, k->against_text ? k->against_text : "");
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < k->ngiven; i++) {
		const struct given_grade *gg = &k->given[i];
		buf_printf(&b, "%s%s:%s", i ? " " : "", gg->scale ? gg->scale : "", gg->id ? gg->id : "");
		if (gg->year.ok)
			buf_printf(&b, "@%d", gg->year.y);
	}
	put(r, "given_grades", F_TEXT, buf_str(&b));
	buf_free(&b);
	char n[64], name[32];
	for (int y = y0; y <= y1; y++) {
		const struct value *v = NULL;
		for (size_t i = 0; i < s->nyearly; i++)
			if (s->yearly[i].year.ok && s->yearly[i].year.y == y)
				v = &s->yearly[i];
		snprintf(name, sizeof name, "target_fy%d", y);
		put(r, name, F_NUM, plain(v, n, sizeof n));
	}
	put_evaluation(m, r);
}

static void make_row(const struct model *m, const struct eval *e, size_t ki, size_t si, int y0, int y1,
                     struct row *r)
{
	const struct kpi *k = &m->kpis[ki];
	const struct kpi_result *kr = &e->kpis[ki];
	const struct series *s = &k->series[si];
	const struct series_result *sr = &kr->series[si];
	const struct goal *g = &m->goals[k->goal];
	const char *titles[HK_COUNT] = { NULL };   /* policy, direction, measure, project */
	char n[64], name[32];
	for (int h = k->heading; h >= 0; h = m->headings[h].parent)
		if (!titles[m->headings[h].kind])
			titles[m->headings[h].kind] = m->headings[h].title ? m->headings[h].title : "";

	put_int(r, "goal", 1, g->number);
	put(r, "goal_title", F_TEXT, g->title ? g->title : "");
	put(r, "level", F_TEXT, model_level_name(k->level));
	put(r, "policy_title", F_TEXT, titles[HK_POLICY] ? titles[HK_POLICY] : "");
	put(r, "direction_title", F_TEXT, titles[HK_DIRECTION] ? titles[HK_DIRECTION] : "");
	put(r, "measure_title", F_TEXT, titles[HK_MEASURE] ? titles[HK_MEASURE] : "");
	put(r, "kpi_id", F_TEXT, k->id ? k->id : "");
	put(r, "kpi_name", F_TEXT, k->name ? k->name : "");
	put(r, "series_key", F_TEXT, s->key ? s->key : "");
	put(r, "series_label", F_TEXT, s->label ? s->label : "");
	put(r, "unit", F_TEXT, s->unit ? s->unit : "");
	put(r, "direction", F_TEXT, model_direction_name(k->dir));
	put(r, "combine", F_TEXT, model_combine_name(k->comb));
	put_int(r, "baseline_year", s->baseline && s->baseline->year.ok, s->baseline ? s->baseline->year.y : 0);
	put(r, "baseline_value", F_NUM, plain(s->baseline, n, sizeof n));
	put(r, "baseline_status", F_TEXT, s->baseline ? vocab_status_name(s->baseline->status) : "");
	for (int y = y0; y <= y1; y++) {
		const struct value *v = model_series_value(s, y);
		snprintf(name, sizeof name, "fy%d", y);
		put(r, name, F_NUM, plain(v, n, sizeof n));
		snprintf(name, sizeof name, "fy%d_status", y);
		put(r, name, F_TEXT, v ? vocab_status_name(v->status) : "");
	}
	put_int(r, "target_year", s->target && s->target->year.ok, s->target ? s->target->year.y : 0);
	put(r, "target_value", F_NUM, plain(s->target, n, sizeof n));
	put_int(r, "latest_year", sr->latest != NULL, sr->latest ? sr->latest->year.y : 0);
	put(r, "latest_value", F_NUM, plain(sr->latest, n, sizeof n));
	put(r, "latest_status", F_TEXT, sr->latest ? vocab_status_name(sr->latest->status) : "");
	put(r, "rate", F_NUM, rate_str(sr->rate_ok, sr->rate, n, sizeof n));
	/* a rate-only source judges nothing: met is empty (JSON null), not "no" */
	int judged = !model_rate_only(m);
	put(r, "met", F_BOOL, judged ? (sr->met ? "yes" : "no") : NULL);
	put(r, "kpi_rate", F_NUM, rate_str(kr->rate_ok, kr->rate, n, sizeof n));
	put(r, "kpi_met", F_BOOL, judged ? (kr->met ? "yes" : "no") : NULL);
	put(r, "override", F_BOOL, k->has_override ? "yes" : "no");

	struct buf d = BUF_INIT;
	for (size_t i = 0; i < k->ndepts; i++) {
		int di = k->depts[i] ? model_find_dept(m, k->depts[i]) : -1;
		const char *dn = di >= 0 && m->depts[di].name ? m->depts[di].name : k->depts[i];
		if (i)
			buf_puts(&d, "、");
		buf_puts(&d, dn ? dn : "");
	}
	put(r, "departments", F_TEXT, buf_str(&d));
	buf_free(&d);
	static const char *const texts[] = { "survey", "publication", "method" };
	for (size_t i = 0; i < 3; i++) {
		char *t = child_text(k->node, texts[i]);
		put(r, texts[i], F_TEXT, t ? t : "");
		free(t);
	}
	put_source_fields(m, k, s, r);
	put_scale_fields(m, kr, k, s, y0, y1, r);
	put_more_fields(k, s, r);
	put_project_fields(m, k, r);
	put_reposts(k, r);
}

/* Calls fn on every row, in document order of KPIs and series. */
static void each_row(const struct model *m, const struct eval *e,
                     void (*fn)(const struct row *r, size_t i, struct buf *out), struct buf *out)
{
	int y0, y1;
	size_t i = 0;
	year_range(m, &y0, &y1);
	for (size_t k = 0; k < m->nkpis; k++)
		for (size_t s = 0; s < m->kpis[k].nseries; s++) {
			struct row r = { 0 };
			make_row(m, e, k, s, y0, y1, &r);
			fn(&r, i++, out);
			row_free(&r);
		}
}

/* A text a spreadsheet program would run as a formula (=, +, -, @, a tab
 * or a carriage return first, as OWASP lists them), or one beginning with
 * the apostrophe that neutralises them: written with an apostrophe before
 * it, which spreadsheets show as text and kpic import takes off again. */
static int needs_apostrophe(const char *s)
{
	return s[0] && strchr("=+-@\t\r'", s[0]) != NULL;
}

/* RFC 4180: quoted only when it holds a comma, a quote or a line break;
 * text that could run as a formula is neutralised (numbers stay numbers). */
static void csv_field(struct buf *b, const char *s, enum ftype t)
{
	if (s == NULL)
		return;
	if (t == F_TEXT && needs_apostrophe(s)) {
		struct buf q = BUF_INIT;
		buf_putc(&q, '\'');
		buf_puts(&q, s);
		csv_field(b, buf_str(&q), F_NUM);
		buf_free(&q);
		return;
	}
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void csv_row(const struct row *r, size_t i, struct buf *b)
{
	if (i == 0) {
		for (size_t f = 0; f < r->n; f++) {
			if (f)
				buf_putc(b, ',');
			csv_field(b, r->f[f].name, F_TEXT);
		}
		buf_puts(b, "\r\n");
	}
	for (size_t f = 0; f < r->n; f++) {
		if (f)
			buf_putc(b, ',');
		csv_field(b, r->f[f].text, r->f[f].type);
	}
	buf_puts(b, "\r\n");
}

void export_csv(const struct model *m, const struct eval *e, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	each_row(m, e, csv_row, out);
}

static void json_row(const struct row *r, size_t i, struct buf *b)
{
	buf_puts(b, i ? ",\n  {" : "\n  {");
	for (size_t f = 0; f < r->n; f++) {
		const struct field *x = &r->f[f];
		buf_puts(b, f ? ", " : "");
		buf_json_str(b, x->name);
		buf_puts(b, ": ");
		if (x->text == NULL)
			buf_puts(b, "null");
		else if (x->type == F_NUM)
			buf_puts(b, x->text);
		else if (x->type == F_BOOL)
			buf_puts(b, strcmp(x->text, "yes") ? "false" : "true");
		else
			buf_json_str(b, x->text);
	}
	buf_puts(b, "}");
}

void export_json(const struct model *m, const struct eval *e, struct buf *out)
{
	buf_puts(out, "[");
	each_row(m, e, json_row, out);
	buf_puts(out, m->nkpis ? "\n]\n" : "]\n");
}

/*
 * import_export_csv.c - kpic export's CSV back into a source (see import.h).
 *
 * One row per KPI series, in the source's order: consecutive rows with the
 * same kpi_id are one KPI.  Columns are found by their header names, so the
 * reader keeps working when export appends columns; those it needs and an
 * older export lacks (the heading ids, the 担当課 ids, the strategy's
 * settings) fall back to the titles and to defaults; one without the
 * project columns has no projects.
 */
#include "import_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

struct ecsv {
	const struct sheet *sh;
	struct diag_ctx *d;
	size_t errors;
	int ncols;
	int years[128], ycol[128], nyears;
	int tyears[128], tycol[128], ntyears;   /* target_fyYYYY: yearly targets */
	struct buf met;              /* what met is, when the evaluation's scale has no single cut */
	int rate_only;               /* the evaluation has neither threshold= nor a <scale> */
	struct buf more;             /* the meta's elements after the evaluation */
};

static int col_of(const struct ecsv *e, const char *name)
{
	for (unsigned c = 0; c < e->sh->ncols; c++)
		if (!strcmp(sheet_cell(e->sh, 0, c), name))
			return (int)c;
	return -1;
}

/* A cell's text; kpic export writes an apostrophe before text a
 * spreadsheet would run as a formula (or that begins with one), taken off
 * here. */
static const char *get(const struct ecsv *e, unsigned r, const char *name)
{
	int c = col_of(e, name);
	const char *s = c < 0 ? "" : sheet_cell(e->sh, r, (unsigned)c);
	return s[0] == '\'' ? s + 1 : s;
}

int import_is_export(const struct sheet *sh)
{
	struct ecsv e = { .sh = sh };
	return sh->nrows > 0 && !strcmp(sheet_cell(sh, 0, 0), "goal") && col_of(&e, "kpi_id") >= 0 &&
	       col_of(&e, "baseline_value") >= 0;
}

/* The status in column col of row r (measured when blank); an unknown one
 * is a diagnostic at its cell. */
static enum vstatus cmd_status_of(struct ecsv *e, unsigned r, const char *col)
{
	const char *s = get(e, r, col);
	enum vstatus st = VS_MEASURED;
	if (*s && vocab_status_parse(s, &st) < 0) {
		int c = col_of(e, col);
		diag_report(e->d, R_IMPORT_CELL, &e->sh->src, sheet_pos(e->sh, r, c < 0 ? 0 : (unsigned)c),
		            "unknown status '%s' in column %s (measured, provisional, reference, not-surveyed, not-available)",
		            s, col);
		e->errors++;
	}
	return st;
}

static int year_of(const char *s)
{
	char *end;
	long y = strtol(s, &end, 10);
	return *s && !*end && y > 0 && y < 10000 ? (int)y : 0;
}

static void bad_year(struct ecsv *e, unsigned r, const char *col)
{
	int c = col_of(e, col);
	diag_report(e->d, R_IMPORT_CELL, &e->sh->src, sheet_pos(e->sh, r, c < 0 ? 0 : (unsigned)c),
	            "not a year: '%s' in column %s", c < 0 ? "" : sheet_cell(e->sh, r, (unsigned)c), col);
	e->errors++;
}

static void series_values(struct ecsv *e, struct xw *w, unsigned r)
{
	int by = year_of(get(e, r, "baseline_year"));
	if (by == 0)
		bad_year(e, r, "baseline_year");
	import_xml_value(w, "baseline", by, year_of(get(e, r, "baseline_from")), cmd_status_of(e, r, "baseline_status"),
	         get(e, r, "baseline_value"));
	for (int y = 0; y < e->nyears; y++) {
		char st[32];
		snprintf(st, sizeof st, "fy%d_status", e->years[y]);
		if (*get(e, r, st))
			import_xml_value(w, "value", e->years[y], 0, cmd_status_of(e, r, st), sheet_cell(e->sh, r, (unsigned)e->ycol[y]));
	}
	for (int y = 0; y < e->ntyears; y++) {
		const char *t = sheet_cell(e->sh, r, (unsigned)e->tycol[y]);
		if (*t)
			import_xml_value(w, "yearly-target", e->tyears[y], 0, VS_MEASURED, t);
	}
	const struct target_more t = { get(e, r, "target_relation"), get(e, r, "target_reference"),
	                               get(e, r, "target_initial"), get(e, r, "target_revised_in") };
	if (*get(e, r, "target_value") || *get(e, r, "target_year"))
		import_xml_target(w, year_of(get(e, r, "target_year")), get(e, r, "target_value"), &t);
}

/* A cumulative KPI's span, where the row gives one. */
static void span(struct ecsv *e, struct xw *w, unsigned r)
{
	int from = year_of(get(e, r, "span_from")), to = year_of(get(e, r, "span_to"));
	if (*get(e, r, "span_from") && !from)
		bad_year(e, r, "span_from");
	else if (*get(e, r, "span_to") && !to)
		bad_year(e, r, "span_to");
	else if (from && to)
		import_xml_span(w, from, to);
}

/* The KPI's free texts: one column text_ID per declared text column. */
static void texts(struct ecsv *e, struct xw *w, unsigned r)
{
	for (unsigned c = 0; c < e->sh->ncols; c++) {
		const char *h = sheet_cell(e->sh, 0, c);
		if (strncmp(h, "text_", 5) || !strcmp(h, "text_columns") || !h[5])
			continue;
		const char *t = sheet_cell(e->sh, r, c);
		if (*t)
			import_xml_text(w, h + 5, t[0] == '\'' ? t + 1 : t);
	}
}

/* The headings of row r opened as needed: by id where export gives them.
 * A project (事業) keeps its exported id; an older export has no project
 * columns and no project. */
static void place(struct ecsv *e, struct xw *w, unsigned r, char open[5][128])
{
	static const char *const idc[] = { "goal_id", "policy_id", "direction_id", "measure_id", "project_id" };
	static const char *const tc[] = { "goal_title", "policy_title", "direction_title", "measure_title", "project_title" };
	char want[5][128];
	for (int l = 0; l < 5; l++) {
		const char *id = get(e, r, idc[l]);
		snprintf(want[l], sizeof want[l], "%s|%s", *id ? id : "", get(e, r, tc[l]));
		if (l == 0)
			snprintf(want[0], sizeof want[0], "%s|%s", get(e, r, "goal"), get(e, r, tc[0]));
	}
	int from = 5;
	for (int l = 4; l >= 0; l--)
		if (strcmp(want[l], open[l]))
			from = l;
	for (int l = from; l < 5; l++) {
		snprintf(open[l], sizeof open[l], "%s", want[l]);
		const char *title = strchr(want[l], '|') + 1;
		if (l == 0)
			import_xml_goal(w, atoi(get(e, r, "goal")), title);
		else if (l == 4 && (*title || *get(e, r, idc[l])))
			import_xml_heading_id(w, HK_PROJECT, get(e, r, idc[l]), title);
		else if (l == 4)
			import_xml_heading_close(w, HK_PROJECT);   /* the measure's own KPI after a project */
		else if (*title || *get(e, r, idc[l]))
			import_xml_heading(w, l - 1, title, NULL);
	}
}

/* given_grades: "scale:grade@year …" as kpic export writes them; a word
 * of another form is a diagnostic at its cell. */
static void given_grades(struct ecsv *e, struct xw *w, unsigned r)
{
	const char *s = get(e, r, "given_grades");
	while (*s) {
		size_t len = strcspn(s, " ");
		char word[256], *colon, *at;
		snprintf(word, sizeof word, "%.*s", (int)len, s);
		colon = strchr(word, ':');
		at = colon ? strchr(colon, '@') : NULL;
		if (at)
			*at++ = '\0';
		if (colon && colon > word && colon[1] && (at == NULL || year_of(at))) {
			*colon = '\0';
			import_xml_given_grade(w, word, colon + 1, at ? year_of(at) : 0);
		} else if (len) {
			int c = col_of(e, "given_grades");
			diag_report(e->d, R_IMPORT_CELL, &e->sh->src, sheet_pos(e->sh, r, c < 0 ? 0 : (unsigned)c),
			            "not a given grade: '%.*s' in column given_grades (scale:grade or scale:grade@year)",
			            (int)len, s);
			e->errors++;
		}
		s += len;
		s += strspn(s, " ");
	}
}

static int is_kpic_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The primary scale's grades that count as met (achieved="yes"; without
 * achieved=, the first only): 「label・label」 in e->met, unless threshold= or the last
 * of them is a cut at or above a rate, when <threshold/> can say it. */
static void met_phrase(struct ecsv *e, xmlNode *ev)
{
	xmlChar *primary = xmlGetProp(ev, (const xmlChar *)"primary");
	xmlNode *sc = NULL;
	for (xmlNode *c = xmlHasProp(ev, (const xmlChar *)"threshold") ? NULL : ev->children; c; c = c->next) {
		xmlChar *id = is_kpic_el(c, "scale") ? xmlGetProp(c, (const xmlChar *)"id") : NULL;
		if (id && !sc && (!primary || !xmlStrcmp(id, primary)))
			sc = c;
		xmlFree(id);
	}
	xmlFree(primary);
	e->rate_only = !xmlHasProp(ev, (const xmlChar *)"threshold");
	for (xmlNode *c = ev->children; c && e->rate_only; c = c->next)
		e->rate_only = !is_kpic_el(c, "scale");
	int cut = 0, first = 1;
	struct buf labels = BUF_INIT;
	for (xmlNode *g = sc ? sc->children : NULL; g; g = g->next) {
		if (!is_kpic_el(g, "grade"))
			continue;
		xmlChar *a = xmlGetProp(g, (const xmlChar *)"achieved"), *l = xmlGetProp(g, (const xmlChar *)"label");
		if (a ? !xmlStrcmp(a, (const xmlChar *)"yes") : first) {   /* as model.c reads it */
			cut = 0;
			for (xmlNode *r = g->children; r; r = r->next)
				if (is_kpic_el(r, "cut")) {
					xmlChar *from = xmlGetProp(r, (const xmlChar *)"from");
					cut = !from || xmlStrcmp(from, (const xmlChar *)"above");
					xmlFree(from);
				}
			buf_puts(&labels, labels.len ? "・" : "");
			buf_xml_str(&labels, l ? (const char *)l : "");
		}
		first = 0;
		xmlFree(a);
		xmlFree(l);
	}
	if (sc && labels.len && !cut)
		buf_printf(&e->met, "「%s」", buf_str(&labels));
	buf_free(&labels);
}

/* A column of XML elements in row r: elements named el of kpic's
 * namespace and nothing else (no other element, no entity, no DTD), one
 * of them or, with many, any number; parsed, or NULL for an empty cell or
 * after a diagnostic. */
static xmlDoc *xml_cell_doc(struct ecsv *e, unsigned r, const char *col, const char *el, int many)
{
	const char *x = get(e, r, col);
	if (!*x)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "<w xmlns=\"%s\">%s</w>", KPIC_NS, x);
	xmlDoc *doc = xmlReadMemory(b.data, (int)b.len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	buf_free(&b);
	int n = 0, ok = doc != NULL;
	for (xmlNode *c = doc ? xmlDocGetRootElement(doc)->children : NULL; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			ok &= (many || n == 0) && !strcmp((const char *)c->name, el);
			n++;
		} else if (c->type != XML_TEXT_NODE || !xmlIsBlankNode(c))
			ok = 0;
	}
	if (ok && n >= 1)
		return doc;
	xmlFreeDoc(doc);
	int c = col_of(e, col);
	size_t at = sheet_pos(e->sh, r, c < 0 ? 0 : (unsigned)c);
	if (many)
		diag_report(e->d, R_IMPORT_CELL, &e->sh->src, at,
		            "column %s does not hold <%s> elements only: write them as kpic export does, or empty the cell",
		            col, el);
	else
		diag_report(e->d, R_IMPORT_CELL, &e->sh->src, at,
		            "column %s does not hold one <%s> element: write the element as kpic export does, or empty the cell",
		            col, el);
	e->errors++;
	return NULL;
}

/* The same on the first row, as text; fn, if given, is called on its
 * first element. */
static const char *xml_cell(struct ecsv *e, const char *col, const char *el, int many,
                            void (*fn)(struct ecsv *e, xmlNode *n))
{
	xmlDoc *doc = xml_cell_doc(e, 1, col, el, many);
	xmlNode *first = doc ? xmlDocGetRootElement(doc)->children : NULL;
	while (first && first->type != XML_ELEMENT_NODE)
		first = first->next;
	if (first && fn)
		fn(e, first);
	const char *x = doc ? get(e, 1, col) : NULL;
	xmlFreeDoc(doc);
	return x;
}

/* The 再掲 rows that follow the KPI of row r (column reposts_after), each
 * written again from its attributes. */
static void reposts(struct ecsv *e, struct xw *w, unsigned r)
{
	xmlDoc *doc = xml_cell_doc(e, r, "reposts_after", "repost", 1);
	for (xmlNode *c = doc ? xmlDocGetRootElement(doc)->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(c, (const xmlChar *)"id"), *k = xmlGetProp(c, (const xmlChar *)"kpi"),
		        *l = xmlGetProp(c, (const xmlChar *)"label");
		import_xml_repost(w, (const char *)id, k ? (const char *)k : "", (const char *)l);
		xmlFree(id);
		xmlFree(k);
		xmlFree(l);
	}
	xmlFreeDoc(doc);
}

/* The strategy's <text-columns>, <levels> and <tag>s, one after another
 * (in e->more), and its <references>. */
static void meta_more(struct ecsv *e, struct meta_in *m)
{
	static const struct { const char *col, *el; int many; } cols[] = {
		{ "text_columns", "text-columns", 0 }, { "levels", "levels", 0 }, { "tag_declarations", "tag", 1 },
	};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		const char *x = xml_cell(e, cols[i].col, cols[i].el, cols[i].many, NULL);
		if (x)
			buf_printf(&e->more, "%s%s", e->more.len ? "\n    " : "", x);
	}
	m->meta_more = e->more.len ? buf_str(&e->more) : NULL;
	m->references = xml_cell(e, "references", "references", 0, NULL);
}

static void kpi(struct ecsv *e, struct xw *w, unsigned r, unsigned n)
{
	const char *rb = get(e, r, "rate_base");
	const struct kpi_more more = { get(e, r, "tags"), get(e, r, "cumulative") };
	import_xml_kpi_open(w, get(e, r, "kpi_id"), get(e, r, "direction"), get(e, r, "combine"), rb,
	            get(e, r, "rate_against_declared"), get(e, r, "state_declared"), &more, get(e, r, "kpi_name"));
	if (n == 1 && !*get(e, r, "series_key")) {
		import_xml_unit(w, get(e, r, "unit"), get(e, r, "notation"));
		span(e, w, r);
		series_values(e, w, r);
	} else {
		span(e, w, r);
		for (unsigned i = r; i < r + n; i++) {
			import_xml_series_open(w, get(e, i, "series_key"), *get(e, i, "series_label") ? get(e, i, "series_label") : NULL);
			import_xml_unit(w, get(e, i, "unit"), get(e, i, "notation"));
			series_values(e, w, i);
			import_xml_series_close(w);
		}
	}
	import_xml_kpi_texts(w, get(e, r, "survey"), get(e, r, "publication"), get(e, r, "method"));
	texts(e, w, r);
	const char *names = get(e, r, "departments"), *ids = get(e, r, "department_ids");
	if (*ids) {
		for (const char *id = ids; *id;) {
			const char *sp = strchr(id, ' '), *nx = strstr(names, "、");
			char one[128], nm[256];
			snprintf(one, sizeof one, "%.*s", (int)(sp ? (size_t)(sp - id) : strlen(id)), id);
			snprintf(nm, sizeof nm, "%.*s", (int)(nx ? (size_t)(nx - names) : strlen(names)), names);
			import_xml_department(w, one, *nm ? nm : one);
			id = sp ? sp + 1 : id + strlen(id);
			names = nx ? nx + strlen("、") : names + strlen(names);
		}
	} else {
		import_xml_departments(w, names);
	}
	if (!strcmp(get(e, r, "override"), "yes"))
		import_xml_override(w, !strcmp(get(e, r, "kpi_met"), "yes"), get(e, r, "override_reason"));
	given_grades(e, w, r);
	import_xml_kpi_close(w);
}

static void meta(struct ecsv *e, struct meta_in *m)
{
	memset(m, 0, sizeof *m);
	for (unsigned r = 1; r < e->sh->nrows; r++) {
		int by = year_of(get(e, r, "baseline_year")), ty = year_of(get(e, r, "target_year"));
		if (by && (m->baseline == 0 || by > m->baseline))
			m->baseline = by;
		if (ty > m->end)
			m->end = ty;
	}
	m->start = e->nyears ? e->years[0] : m->baseline + 1;
	if (e->sh->nrows > 1) {
		int s = year_of(get(e, 1, "period_start")), en = year_of(get(e, 1, "period_end"));
		int b = year_of(get(e, 1, "period_baseline"));
		m->start = s ? s : m->start;
		m->end = en ? en : m->end;
		m->baseline = b ? b : m->baseline;
		m->municipality = *get(e, 1, "municipality") ? get(e, 1, "municipality") : NULL;
		m->as_of = *get(e, 1, "as_of") ? get(e, 1, "as_of") : NULL;
		m->threshold = *get(e, 1, "threshold") ? get(e, 1, "threshold") : "80";
		m->provisional = !strcmp(get(e, 1, "provisional"), "yes");
		m->evaluation = xml_cell(e, "evaluation", "evaluation", 0, met_phrase);
		meta_more(e, m);
		m->met = e->met.len ? buf_str(&e->met) : NULL;
		m->rate_only = e->rate_only;
	}
}

int import_export_csv(const struct sheet *sh, const struct import_frame *fr, struct diag_ctx *d, struct buf *out,
                      struct buf *err)
{
	struct ecsv e = { .sh = sh, .d = d };
	for (unsigned c = 0; c < sh->ncols && e.nyears < 128; c++) {
		const char *h = sheet_cell(sh, 0, c);
		int y;
		char tail[8];
		if (sscanf(h, "fy%d%7s", &y, tail) == 1) {
			e.years[e.nyears] = y;
			e.ycol[e.nyears++] = (int)c;
		} else if (sscanf(h, "target_fy%d%7s", &y, tail) == 1 && e.ntyears < 128) {
			e.tyears[e.ntyears] = y;
			e.tycol[e.ntyears++] = (int)c;
		}
	}
	struct xw w;
	import_xml_init(&w);
	char open[5][128] = { "", "", "", "", "" };
	for (unsigned r = 1; r < sh->nrows;) {
		const char *id = get(&e, r, "kpi_id");
		unsigned n = 1;
		while (r + n < sh->nrows && !strcmp(get(&e, r + n, "kpi_id"), id))
			n++;
		if (*id) {
			place(&e, &w, r, open);
			kpi(&e, &w, r, n);
			reposts(&e, &w, r);
		}
		r += n;
	}
	import_xml_close_all(&w);
	struct meta_in m;
	meta(&e, &m);
	char asof[16];
	if (m.as_of == NULL) {
		snprintf(asof, sizeof asof, "%04d-04-01", m.end);
		m.as_of = asof;
	}
	int rc = e.errors ? 1 : import_xml_document(&w, &m, sh->src.path, NULL, fr, out, err) < 0 ? 2 : 0;
	import_xml_free(&w);
	buf_free(&e.met);
	buf_free(&e.more);
	return rc;
}

/*
 * import_xml.c - writing the imported source (see import_impl.h).
 *
 * Written as text with two-space indentation like the bundled sources, so
 * that staff can read and edit the result; every text goes through
 * buf_xml_str.
 */
#include "import_impl.h"
#include "skeleton.h"

#include <stdlib.h>
#include <string.h>

void import_names_add(struct names *ns, const char *name, const char *id)
{
	ns->name = xrealloc(ns->name, (ns->n + 1) * sizeof *ns->name);
	ns->id = xrealloc(ns->id, (ns->n + 1) * sizeof *ns->id);
	ns->name[ns->n] = xstrdup(name);
	ns->id[ns->n++] = xstrdup(id);
}

const char *import_names_find(const struct names *ns, const char *name)
{
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->name[i], name))
			return ns->id[i];
	return NULL;
}

void import_names_free(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		free(ns->name[i]);
		free(ns->id[i]);
	}
	free(ns->name);
	free(ns->id);
	memset(ns, 0, sizeof *ns);
}

void import_xml_init(struct xw *w)
{
	memset(w, 0, sizeof *w);
}

void import_xml_free(struct xw *w)
{
	buf_free(&w->body);
	import_names_free(&w->depts);
}

static void indent(struct xw *w, int extra)
{
	for (int i = 0; i < 2 + w->nlv + extra; i++)
		buf_puts(&w->body, "  ");
}

static const char *const tags[] = { "policy", "direction", "measure", "project" };

/* Closes the open elements down to n of them. */
static void close_to(struct xw *w, int n)
{
	while (w->nlv > n) {
		w->nlv--;
		indent(w, 0);
		buf_printf(&w->body, "</%s>\n", w->nlv == 0 ? "goal" : tags[w->lv[w->nlv].kind]);
	}
}

void import_xml_close_all(struct xw *w)
{
	close_to(w, 0);
}

static void text_el(struct xw *w, int extra, const char *el, const char *text)
{
	indent(w, extra);
	buf_printf(&w->body, "<%s>", el);
	buf_xml_str(&w->body, text);
	buf_printf(&w->body, "</%s>\n", el);
}

void import_xml_goal(struct xw *w, int number, const char *title)
{
	close_to(w, 0);
	indent(w, 0);
	buf_printf(&w->body, "<goal id=\"g%d\" number=\"%d\">\n", number, number);
	memset(&w->lv[0], 0, sizeof w->lv[0]);
	w->lv[0].kind = -1;
	snprintf(w->lv[0].id, sizeof w->lv[0].id, "g%d", number);
	w->nlv = 1;
	text_el(w, 0, "title", title);
}

static const char *open_heading(struct xw *w, int kind, const char *id, const char *title, const char *repost_of)
{
	while (w->nlv > 1 && w->lv[w->nlv - 1].kind >= kind)
		close_to(w, w->nlv - 1);
	struct xw_level *p = &w->lv[w->nlv - 1], *l = &w->lv[w->nlv];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	char parent[96];
	memcpy(parent, p->id, sizeof parent);
	++p->n[kind];
	if (id && *id)
		snprintf(l->id, sizeof l->id, "%.95s", id);
	else
		snprintf(l->id, sizeof l->id, "%.80s-%c%d", parent, "pdmj"[kind], p->n[kind]);
	indent(w, 0);
	buf_printf(&w->body, "<%s id=\"", tags[kind]);
	buf_xml_str(&w->body, l->id);
	buf_putc(&w->body, '"');
	if (repost_of) {
		buf_puts(&w->body, " repost-of=\"");
		buf_xml_str(&w->body, repost_of);
		buf_putc(&w->body, '"');
	}
	buf_puts(&w->body, ">\n");
	w->nlv++;
	text_el(w, 0, "title", title);
	snprintf(w->heading_id, sizeof w->heading_id, "%s", l->id);
	return w->heading_id;
}

const char *import_xml_heading(struct xw *w, int kind, const char *title, const char *repost_of)
{
	return open_heading(w, kind, NULL, title, repost_of);
}

const char *import_xml_heading_id(struct xw *w, int kind, const char *id, const char *title)
{
	return open_heading(w, kind, id, title, NULL);
}

void import_xml_heading_close(struct xw *w, int kind)
{
	for (int i = 1; i < w->nlv; i++)
		if (w->lv[i].kind == kind) {
			close_to(w, i);
			return;
		}
}

static void attr(struct xw *w, const char *name, const char *v)
{
	if (v == NULL || !*v)
		return;
	buf_printf(&w->body, " %s=\"", name);
	buf_xml_str(&w->body, v);
	buf_putc(&w->body, '"');
}

void import_xml_kpi_open(struct xw *w, const char *id, const char *dir, const char *combine, const char *rate_base,
                 const char *against, const char *state, const struct kpi_more *more, const char *name)
{
	indent(w, 0);
	buf_puts(&w->body, "<kpi");
	attr(w, "id", id);
	attr(w, "direction", dir);
	attr(w, "combine", combine);
	attr(w, "rate-base", rate_base);
	attr(w, "rate-against", against);
	attr(w, "state", state);
	attr(w, "tags", more ? more->tags : NULL);
	attr(w, "cumulative", more ? more->cumulative : NULL);
	buf_puts(&w->body, ">\n");
	text_el(w, 1, "name", name);
}

void import_xml_unit(struct xw *w, const char *unit, const char *notation)
{
	int extra = 1 + w->in_series;
	if (unit && *unit) {
		text_el(w, extra, "unit", unit);
	} else if (unit) {            /* declared: a number without unit */
		indent(w, extra);
		buf_puts(&w->body, "<unit/>\n");
	}
	if (notation && *notation && strcmp(notation, "plain"))
		text_el(w, extra, "notation", notation);
}

void import_xml_series_open(struct xw *w, const char *key, const char *label)
{
	indent(w, 1);
	buf_puts(&w->body, "<series");
	attr(w, "key", key);
	attr(w, "label", label);
	buf_puts(&w->body, ">\n");
	w->in_series = 1;
}

void import_xml_series_close(struct xw *w)
{
	indent(w, 1);
	buf_puts(&w->body, "</series>\n");
	w->in_series = 0;
}

void import_xml_value(struct xw *w, const char *el, int year, int from, enum vstatus st, const char *num)
{
	indent(w, 1 + w->in_series);
	buf_printf(&w->body, "<%s year=\"%d\"", el, year);
	if (from)
		buf_printf(&w->body, " from=\"%d\"", from);
	if (st != VS_MEASURED)
		buf_printf(&w->body, " status=\"%s\"", vocab_status_name(st));
	if (num && *num)
		buf_printf(&w->body, ">%s</%s>\n", num, el);
	else
		buf_puts(&w->body, "/>\n");
}

void import_xml_target(struct xw *w, int year, const char *num, const struct target_more *t)
{
	indent(w, 1 + w->in_series);
	buf_printf(&w->body, "<target year=\"%d\"", year);
	attr(w, "relation", t->relation);
	attr(w, "reference", t->reference);
	attr(w, "initial", t->initial);
	attr(w, "revised-in", t->revised_in);
	if (num && *num) {
		buf_putc(&w->body, '>');
		buf_xml_str(&w->body, num);
		buf_puts(&w->body, "</target>\n");
	} else {
		buf_puts(&w->body, "/>\n");
	}
}

void import_xml_span(struct xw *w, int from, int to)
{
	indent(w, 1);
	buf_printf(&w->body, "<span from=\"%d\" to=\"%d\"/>\n", from, to);
}

void import_xml_text(struct xw *w, const char *column, const char *text)
{
	indent(w, 1);
	buf_puts(&w->body, "<text");
	attr(w, "column", column);
	buf_putc(&w->body, '>');
	buf_xml_str(&w->body, text);
	buf_puts(&w->body, "</text>\n");
}

void import_xml_kpi_texts(struct xw *w, const char *survey, const char *publication, const char *method)
{
	const char *const el[] = { "survey", "publication", "method" }, *const v[] = { survey, publication, method };
	for (int i = 0; i < 3; i++)
		if (v[i] && *v[i])
			text_el(w, 1, el[i], v[i]);
}

void import_xml_department(struct xw *w, const char *id, const char *name)
{
	const char *known = import_names_find(&w->depts, name);
	char made[32];
	if (known == NULL && (id == NULL || !*id)) {
		snprintf(made, sizeof made, "dept%zu", w->depts.n + 1);
		id = made;
	}
	if (known == NULL)
		import_names_add(&w->depts, name, id);
	indent(w, 1);
	buf_puts(&w->body, "<responsible");
	attr(w, "department", known ? known : id);
	buf_puts(&w->body, "/>\n");
}

void import_xml_departments(struct xw *w, const char *names)
{
	while (names && *names) {
		const char *e = strstr(names, "、");
		size_t n = e ? (size_t)(e - names) : strlen(names);
		char one[256];
		snprintf(one, sizeof one, "%.*s", (int)n, names);
		if (*one)
			import_xml_department(w, NULL, one);
		names = e ? e + strlen("、") : NULL;
	}
}

void import_xml_override(struct xw *w, int met, const char *reason)
{
	indent(w, 1);
	buf_printf(&w->body, "<override met=\"%s\">\n", met ? "yes" : "no");
	text_el(w, 2, "reason", reason ? reason : "");
	indent(w, 1);
	buf_puts(&w->body, "</override>\n");
}

void import_xml_given_grade(struct xw *w, const char *scale, const char *ref, int year)
{
	indent(w, 1);
	buf_puts(&w->body, "<grade");
	attr(w, "scale", scale);
	attr(w, "ref", ref);
	if (year)
		buf_printf(&w->body, " year=\"%d\"", year);
	buf_puts(&w->body, "/>\n");
}

void import_xml_kpi_close(struct xw *w)
{
	indent(w, 0);
	buf_puts(&w->body, "</kpi>\n");
}

void import_xml_repost(struct xw *w, const char *id, const char *kpi, const char *label)
{
	indent(w, 0);
	buf_puts(&w->body, "<repost");
	attr(w, "id", id);
	attr(w, "kpi", kpi);
	attr(w, "label", label);
	buf_puts(&w->body, "/>\n");
}

/* The comment that heads the source: where it came from, what to check. */
static void header(const char *path, const char *sheet, struct buf *out)
{
	buf_puts(out, "  Imported by kpic import from ");
	skeleton_comment_text(out, path);
	if (sheet) {
		buf_puts(out, ", sheet ");
		skeleton_comment_text(out, sheet);
	}
	buf_puts(out, ".\n  Check the municipality, title, edition, as-of date and evaluation settings:\n"
	              "  the sheet does not state them.");
}

static void body(const struct xw *w, const char *references, struct buf *out)
{
	buf_puts(out, "  <departments>\n");
	for (size_t i = 0; i < w->depts.n; i++) {
		buf_puts(out, "    <department id=\"");
		buf_xml_str(out, w->depts.id[i]);
		buf_puts(out, "\">");
		buf_xml_str(out, w->depts.name[i]);
		buf_puts(out, "</department>\n");
	}
	buf_puts(out, "  </departments>\n");
	if (references && *references)
		buf_printf(out, "  %s\n", references);
	buf_puts(out, "  <goals>\n");
	buf_put(out, w->body.data ? w->body.data : "", w->body.len);
	buf_puts(out, "  </goals>\n");
}

int import_xml_document(struct xw *w, const struct meta_in *m, const char *path, const char *sheet,
                const struct import_frame *fr, struct buf *out, struct buf *err)
{
	struct buf head = BUF_INIT, eval = BUF_INIT, title = BUF_INIT, goals = BUF_INIT, met = BUF_INIT;
	char start[16], end[16], baseline[16];
	const char *threshold = m->threshold ? m->threshold : "80";
	const char *municipality = m->municipality ? m->municipality : KPIC_NO_MUNICIPALITY;
	header(path, sheet, &head);
	if (m->evaluation) {
		buf_puts(&eval, m->evaluation);
	} else {
		buf_puts(&eval, "<evaluation threshold=\"");
		buf_xml_str(&eval, threshold);
		buf_printf(&eval, "\" combine=\"best\" provisional=\"%s\"/>", m->provisional ? "yes" : "no");
	}
	if (m->meta_more && *m->meta_more)
		buf_printf(&eval, "\n    %s", m->meta_more);
	buf_printf(&title, "%sまち・ひと・しごと創生総合戦略", municipality);
	body(w, m->references, &goals);
	skeleton_met_sentence(&met, m->rate_only ? NULL : m->met ? m->met : "達成率<threshold/>%以上");
	snprintf(start, sizeof start, "%d", m->start);
	snprintf(end, sizeof end, "%d", m->end);
	snprintf(baseline, sizeof baseline, "%d", m->baseline);
	const struct skel_field f[] = {
		{ "SCHEMA", fr->schema_href, 1 }, { "HEADER", buf_str(&head), 1 },
		{ "MUNICIPALITY", municipality, 0 }, { "TITLE", buf_str(&title), 0 },
		{ "START", start, 0 }, { "END", end, 0 }, { "BASELINE", baseline, 0 },
		{ "AS_OF", m->as_of ? m->as_of : "", 0 },
		{ "SCHEME", !m->evaluation && !strcmp(threshold, "80") && !m->provisional ? "ratio80" : "as the sheet says", 0 },
		{ "EVALUATION", buf_str(&eval), 1 }, { "MET", buf_str(&met), 1 },
		{ "BODY", buf_str(&goals), 1 },
	};
	int rc = skeleton_fill(fr->skeleton, "skeleton.xml", f, sizeof f / sizeof f[0], out, err);
	buf_free(&head);
	buf_free(&eval);
	buf_free(&title);
	buf_free(&goals);
	buf_free(&met);
	return rc;
}

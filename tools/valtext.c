/*
 * valtext.c - values as the document writes them (see valtext.h).
 */
#include "valtext.h"
#include "jfmt.h"

#include <stdlib.h>
#include <string.h>

static enum jfmt_notation notation_of(const char *s)
{
	if (s && !strcmp(s, "man")) return JFMT_MAN;
	if (s && !strcmp(s, "man-decimal")) return JFMT_MAN_DECIMAL;
	if (s && !strcmp(s, "signed")) return JFMT_SIGNED;
	return JFMT_PLAIN;
}

/* The years a value covers, before it, as the seed writes them: "(H20-24) "
 * for from=2008 year=2012, "(H29-R3) " across eras; nothing for one year. */
static void year_span(const struct series *s, const struct value *v, struct buf *out)
{
	char a[32], b[32];
	if (!v->from.ok || !v->year.ok || v->from.y >= v->year.y ||
	    jfmt_fy(&s->years, v->from.y, JFMT_ERA_SHORT, a, sizeof a) < 0 ||
	    jfmt_fy(&s->years, v->year.y, JFMT_ERA_SHORT, b, sizeof b) < 0)
		return;
	size_t ea = strcspn(a, "0123456789"), eb = strcspn(b, "0123456789");
	int same_era = ea == eb && !strncmp(a, b, ea);
	buf_printf(out, "(%s-%s) ", a, same_era ? b + eb : b);
}

void valtext_value(const struct series *s, const struct value *v, struct buf *out)
{
	char num[128];
	if (v == NULL || v->status == VS_NOT_SURVEYED) {
		return;
	}
	if (v->status == VS_NOT_AVAILABLE) {
		buf_puts(out, "—");
		return;
	}
	if (v->label && *v->label) {
		buf_puts(out, v->label);
		return;
	}
	if (RELATION_WITHOUT_FIGURE(v->rel) && v->rel_word) {
		buf_puts(out, v->rel_word);
		return;
	}
	year_span(s, v, out);
	if (!v->num_ok) {
		buf_puts(out, v->text ? v->text : "");
		return;
	}
	jfmt_number(v->num, notation_of(s->notation), num, sizeof num);
	if (v->status == VS_PROVISIONAL)
		buf_puts(out, "未確定 (");
	else if (v->status == VS_REFERENCE)
		buf_puts(out, "(");
	buf_puts(out, num);
	buf_puts(out, s->unit ? s->unit : "");
	if (v->status == VS_PROVISIONAL || v->status == VS_REFERENCE)
		buf_puts(out, ")");
	if (v->rel_word)
		buf_puts(out, v->rel_word);
}

/* 1 if the text right after n starts with s (or with its fullwidth form fw). */
static int written_after(const xmlNode *n, const char *s, const char *fw)
{
	const xmlNode *t = n->next;
	if (s == NULL || *s == '\0' || t == NULL || (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) ||
	    t->content == NULL)
		return 0;
	const char *c = (const char *)t->content;
	return !strncmp(c, s, strlen(s)) || (fw && !strncmp(c, fw, strlen(fw)));
}

void valtext_threshold(const struct model *m, const xmlNode *n, struct buf *out)
{
	char s[64];
	if (!m->threshold_ok || kdec_format(m->threshold, s, sizeof s) < 0)
		return;
	buf_puts(out, s);
	if (!written_after(n, "%", "％"))
		buf_puts(out, "%");
}

/* The value a <value kpi= series= year=/> names: a yearly value, or the baseline. */
static const struct value *ref_value(const struct model *m, const xmlNode *n, const struct series **sp)
{
	xmlChar *kid = xmlGetNoNsProp(n, (const xmlChar *)"kpi");
	xmlChar *key = xmlGetNoNsProp(n, (const xmlChar *)"series");
	xmlChar *yr = xmlGetNoNsProp(n, (const xmlChar *)"year");
	int ki = kid ? model_find_kpi(m, (const char *)kid) : -1;
	const struct value *v = NULL;
	for (size_t j = 0; ki >= 0 && yr && v == NULL && j < m->kpis[ki].nseries; j++) {
		const struct series *s = &m->kpis[ki].series[j];
		if (key ? strcmp(s->key ? s->key : "", (const char *)key) : j > 0)
			continue;
		v = model_series_value(s, atoi((const char *)yr));
		if (v == NULL && s->baseline && s->baseline->year.y == atoi((const char *)yr))
			v = s->baseline;
		*sp = s;
	}
	xmlFree(kid);
	xmlFree(key);
	xmlFree(yr);
	return v;
}

void valtext_ref(const struct model *m, const xmlNode *n, struct buf *out)
{
	const struct series *s = NULL;
	const struct value *v = ref_value(m, n, &s);
	char num[128];
	if (v == NULL || !v->num_ok)
		return;
	if (written_after(n, s->unit, NULL)) {
		jfmt_number(v->num, notation_of(s->notation), num, sizeof num);
		buf_puts(out, num);
	} else {
		valtext_value(s, v, out);
	}
}

void valtext_met_labels(const struct model *m, struct buf *met, struct buf *unmet)
{
	const struct scale *sc = m->primary >= 0 ? &m->scales[m->primary] : NULL;
	size_t m0 = met->len, u0 = unmet->len;
	for (size_t g = 0; sc && g < sc->ngrades; g++) {
		struct buf *x = sc->grades[g].achieved ? met : unmet;
		size_t x0 = sc->grades[g].achieved ? m0 : u0;
		if (sc->grades[g].label)
			buf_printf(x, "%s%s", x->len > x0 ? "・" : "", sc->grades[g].label);
	}
	if (met->len == m0)
		buf_puts(met, "達成");
	if (unmet->len == u0)
		buf_puts(unmet, "未達");
}

const char *valtext_mark(const struct model *m, int grade, int state, int met)
{
	if (state >= 0 && m->states[state].symbol)
		return m->states[state].symbol;
	if (m->primary >= 0 && grade >= 0 && m->scales[m->primary].grades[grade].symbol)
		return m->scales[m->primary].grades[grade].symbol;
	return met ? "達成" : "未達";
}

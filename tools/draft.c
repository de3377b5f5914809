/*
 * draft.c - renders the next period's draft (see draft.h).
 */
#include "draft.h"
#include "i18n.h"
#include "skeleton.h"
#include "enrich.h"
#include "srclimits.h"
#include "xslt.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define MIN_YEAR LIMIT_MIN_YEAR
#define MAX_YEAR LIMIT_MAX_YEAR

/* "2020-2024": two plain years; anything else is refused. */
static int parse_years(const char *s, int *a, int *b)
{
	int n = 0;
	if (s == NULL || strlen(s) != 9 || sscanf(s, "%4d-%4d%n", a, b, &n) != 2 || n != 9)
		return -1;
	for (int i = 0; i < 9; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	return 0;
}

int draft_period(const struct unit *u, const char *spec, struct draft_period *p, struct buf *err)
{
	const struct model *m = &u->model;
	if (!m->start.ok || !m->end.ok) {
		buf_printf(err, _("the source's period has no valid start and end years\n"));
		return -1;
	}
	if (spec == NULL) {
		p->start = m->end.y + 1;
		p->end = p->start + (m->end.y - m->start.y);
	} else if (parse_years(spec, &p->start, &p->end) < 0) {
		buf_printf(err, _("--period=%s: write the first and last fiscal years, e.g. --period=%d-%d\n"), spec,
		           m->end.y + 1, m->end.y + 1 + (m->end.y - m->start.y));
		return -1;
	}
	if (p->start > p->end || p->start < MIN_YEAR || p->end > MAX_YEAR) {
		buf_printf(err, _("period %d-%d: the first year must not be after the last, both between %d and %d\n"),
		           p->start, p->end, MIN_YEAR, MAX_YEAR);
		return -1;
	}
	if (p->start <= m->end.y) {
		buf_printf(err, _("period %d-%d: the next period must start after the source's period (%d-%d)\n"),
		           p->start, p->end, m->start.y, m->end.y);
		return -1;
	}
	p->baseline = 0;
	for (size_t i = 0; i < u->eval.nkpis; i++)
		for (size_t j = 0; j < m->kpis[i].nseries; j++) {
			const struct value *v = u->eval.kpis[i].series[j].latest;
			if (v && v->year.y > p->baseline)
				p->baseline = v->year.y;
		}
	if (p->baseline == 0)
		p->baseline = p->start - 1;
	return 0;
}

int draft_render(const struct unit *u, const char *source_path, const char *templates_dir,
                 const char *stylesheet, const struct draft_period *p, struct buf *out,
                 struct buf *err)
{
	char source_dir[PATH_MAX], edition[16], start[16], end[16], baseline[16];
	xslt_source_dir(source_path, source_dir, sizeof source_dir);
	snprintf(edition, sizeof edition, "%d", u->model.edition + 1);
	snprintf(start, sizeof start, "%d", p->start);
	snprintf(end, sizeof end, "%d", p->end);
	snprintf(baseline, sizeof baseline, "%d", p->baseline);
	struct xslt_env env = { templates_dir, source_dir, &u->model, &u->eval, NULL, NULL };
	struct buf href = BUF_INIT;
	skeleton_schema_href(templates_dir, &href);
	struct xslt_param params[] = {
		{ "edition", edition }, { "start", start }, { "end", end }, { "baseline", baseline },
		{ "schema", buf_str(&href) },
	};
	xmlDoc *enriched = enrich_doc(&u->model, &u->eval, u->src.doc);
	xmlDoc *result = NULL;
	int rc = xslt_apply(&env, stylesheet, enriched, params, sizeof params / sizeof params[0], &result, err);
	xmlNode *root = result ? xmlDocGetRootElement(result) : NULL;
	if (rc == 0 && (root == NULL || root->ns == NULL || strcmp((const char *)root->ns->href, KPIC_NS) ||
	                strcmp((const char *)root->name, "strategy"))) {
		buf_printf(err, _("%s/%s: the draft template did not produce a <strategy> in %s\n"), templates_dir,
		           stylesheet, KPIC_NS);
		rc = -1;
	}
	if (rc == 0) {
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(result, &mem, &len, "UTF-8", 1);
		buf_put(out, (const char *)mem, (size_t)len);
		xmlFree(mem);
	}
	xmlFreeDoc(result);
	xmlFreeDoc(enriched);
	buf_free(&href);
	return rc;
}

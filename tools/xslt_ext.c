/*
 * xslt_ext.c - kpic's formatting and charts as XSLT extension functions.
 *
 * Declared in stylesheets as xmlns:k="urn:x-kpic:fn":
 *   k:era(year [, 'long'])          2019 -> "H31", 'long' -> "平成31": a
 *                                   fiscal year under the document's era
 *                                   policy (period era=)
 *   k:date(iso [, 'long'])          "2019-04-01" -> "H31. 4. 1"
 *   k:number(text [, notation])     "5545000000", 'man' -> "55億4,500万"
 *                                   notation: plain (default), signed, man,
 *                                   man-decimal; "" stays ""
 *   k:compare(a, b)                 -1, 0 or 1: the decimals a and b compared
 *                                   exactly ("19.50" = "19.5"), for rules such
 *                                   as the draft's proposed targets
 *   k:line(node-set)                the source line of the first node (0 if
 *                                   none), for layout diagnostics
 *   k:footnote(node-set)            the number of the first node, a footnote
 *                                   (a KPI's <note>, a value's note, an
 *                                   <override>), among its goal's footnotes:
 *                                   what <xsl:number level="any" from="s:goal">
 *                                   gives, without counting the goal again
 *                                   for every footnote
 *   k:chart(kind, ref, id)          a node-set holding one inline <svg>:
 *                                   kind 'kpi' (ref = KPI id), 'goal-counts',
 *                                   'population-vision'; id prefixes its ids;
 *                                   empty when the source has nothing to
 *                                   draw for a goal-counts or vision figure.
 *                                   For an HTML page (xslt_env.charts) the
 *                                   node-set holds a placeholder instead,
 *                                   which the page's serializer replaces
 *                                   with the <svg>: copy it with xsl:copy-of
 * A function given something it cannot format returns "" and reports an
 * error through libxslt, which fails the transformation: a document must
 * never go out with a silently wrong figure.
 */
#include "xslt.h"
#include "figures.h"
#include "jfmt.h"

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A footnote and its number in its goal. */
struct fnum {
	const xmlNode *node;
	int n;
};

/* What the functions keep during one transformation (ctxt->_private). */
struct xslt_run {
	const struct xslt_env *env;
	const xmlDoc *fdoc;    /* the document the footnotes were numbered in */
	struct fnum *fn;       /* sorted by node */
	size_t nfn, capfn;
};

/* Pops the optional trailing string argument; NULL if absent. */
static xmlChar *opt_string(xmlXPathParserContextPtr ctxt, int nargs, int max)
{
	return nargs == max ? xmlXPathPopString(ctxt) : NULL;
}

static void fail(xmlXPathParserContextPtr ctxt, const char *fn, const char *what)
{
	xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
	xsltTransformError(t, NULL, t ? t->inst : NULL, "k:%s(): %s\n", fn, what);
	if (t)
		t->state = XSLT_STATE_STOPPED;
	valuePush(ctxt, xmlXPathNewCString(""));
}

static int is_long(const xmlChar *form)
{
	return form && !strcmp((const char *)form, "long");
}

/* The era policy of the document being transformed (NULL: the default). */
static const struct jfmt_years *era_policy(xmlXPathParserContextPtr ctxt)
{
	xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
	const struct xslt_run *run = t ? t->_private : NULL;
	return run && run->env && run->env->model ? &run->env->model->era : NULL;
}

static void fn_era(xmlXPathParserContextPtr ctxt, int nargs)
{
	char s[64];
	if (nargs < 1 || nargs > 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *form = opt_string(ctxt, nargs, 2);
	double y = xmlXPathPopNumber(ctxt);
	int ok = y == (int)y && jfmt_fy(era_policy(ctxt), (int)y, is_long(form) ? JFMT_ERA_LONG : JFMT_ERA_SHORT, s,
	                                   sizeof s) >= 0;
	xmlFree(form);
	if (!ok)
		fail(ctxt, "era", "not a year kpic can write in an era");
	else
		valuePush(ctxt, xmlXPathNewCString(s));
}

static void fn_date(xmlXPathParserContextPtr ctxt, int nargs)
{
	char s[64];
	int y, m, d, used = 0;
	if (nargs < 1 || nargs > 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *form = opt_string(ctxt, nargs, 2);
	xmlChar *iso = xmlXPathPopString(ctxt);
	int ok = iso && sscanf((const char *)iso, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
	         iso[used] == '\0' &&
	         jfmt_era_date(y, m, d, is_long(form) ? JFMT_ERA_LONG : JFMT_ERA_SHORT, s, sizeof s) >= 0;
	xmlFree(form);
	xmlFree(iso);
	if (!ok)
		fail(ctxt, "date", "not a date (YYYY-MM-DD) kpic can write in an era");
	else
		valuePush(ctxt, xmlXPathNewCString(s));
}

static int notation(const xmlChar *name, enum jfmt_notation *n)
{
	static const struct { const char *name; enum jfmt_notation n; } table[] = {
		{ "plain", JFMT_PLAIN }, { "signed", JFMT_SIGNED },
		{ "man", JFMT_MAN }, { "man-decimal", JFMT_MAN_DECIMAL },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (name == NULL || !strcmp((const char *)name, table[i].name)) {
			*n = name ? table[i].n : JFMT_PLAIN;
			return 0;
		}
	return -1;
}

static void fn_number(xmlXPathParserContextPtr ctxt, int nargs)
{
	char s[128];
	kdec v;
	enum jfmt_notation n = JFMT_PLAIN;
	if (nargs < 1 || nargs > 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *form = opt_string(ctxt, nargs, 2);
	xmlChar *text = xmlXPathPopString(ctxt);
	size_t len = text ? strlen((const char *)text) : 0;
	enum kdec_status st = kdec_parse((const char *)text, len, &v);
	int ok = notation(form, &n) == 0 &&
	         (st == KDEC_EMPTY || (st == KDEC_OK && jfmt_number(v, n, s, sizeof s) >= 0));
	xmlFree(form);
	xmlFree(text);
	if (!ok)
		fail(ctxt, "number", "not a decimal number, or an unknown notation");
	else
		valuePush(ctxt, xmlXPathNewCString(st == KDEC_EMPTY ? "" : s));
}

static void fn_compare(xmlXPathParserContextPtr ctxt, int nargs)
{
	kdec a, b;
	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *tb = xmlXPathPopString(ctxt);
	xmlChar *ta = xmlXPathPopString(ctxt);
	int ok = ta && tb && kdec_parse((const char *)ta, strlen((const char *)ta), &a) == KDEC_OK &&
	         kdec_parse((const char *)tb, strlen((const char *)tb), &b) == KDEC_OK;
	xmlFree(ta);
	xmlFree(tb);
	if (!ok)
		fail(ctxt, "compare", "not two decimal numbers");
	else
		valuePush(ctxt, xmlXPathNewFloat((double)kdec_cmp(a, b)));
}

/* Parses kpic's own SVG markup into the transformation's result tree
 * fragment, so that the stylesheet can copy it into the page. */
static xmlXPathObjectPtr svg_fragment(xsltTransformContextPtr t, const struct buf *svg)
{
	xmlDocPtr tmp = xmlReadMemory(svg->data, (int)svg->len, NULL, "UTF-8", XML_PARSE_NONET);
	xmlDocPtr rvt = xsltCreateRVT(t);
	if (tmp == NULL || rvt == NULL) {
		xmlFreeDoc(tmp);
		return NULL;
	}
	xsltRegisterLocalRVT(t, rvt);
	xmlNodePtr copy = xmlDocCopyNode(xmlDocGetRootElement(tmp), rvt, 1);
	xmlAddChild((xmlNodePtr)rvt, copy);
	xmlFreeDoc(tmp);
	return xmlXPathNewNodeSet(copy);
}

/* The placeholder of a deferred chart (see struct xslt_charts in xslt.h):
 * a comment that xslt_html() replaces with the chart. */
static xmlXPathObjectPtr chart_placeholder(xsltTransformContextPtr t, struct xslt_charts *charts,
                                           const struct buf *svg)
{
	char mark[64];
	xmlDocPtr rvt = xsltCreateRVT(t);
	if (rvt == NULL)
		return NULL;
	xsltRegisterLocalRVT(t, rvt);
	xslt_chart_mark(xslt_charts_add(charts, svg->data, svg->len), mark, sizeof mark);
	xmlNodePtr c = xmlNewDocComment(rvt, (const xmlChar *)mark);
	xmlAddChild((xmlNodePtr)rvt, c);
	return xmlXPathNewNodeSet(c);
}

static void fn_chart(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
	if (nargs != 3) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlChar *id = xmlXPathPopString(ctxt);
	xmlChar *ref = xmlXPathPopString(ctxt);
	xmlChar *kind = xmlXPathPopString(ctxt);
	const struct xslt_run *run = t ? t->_private : NULL;
	const struct xslt_env *env = run ? run->env : NULL;
	struct buf svg = BUF_INIT;
	xmlXPathObjectPtr res = NULL;
	if (env && figures_svg(env->model, env->eval, (const char *)kind, (const char *)ref,
	                       (const char *)id, &svg) == 0)
		res = env->charts ? chart_placeholder(t, env->charts, &svg) : svg_fragment(t, &svg);
	buf_free(&svg);
	if (res)
		valuePush(ctxt, res);
	else if (kind && (!strcmp((const char *)kind, "population-vision") ||
	                  !strcmp((const char *)kind, "goal-counts")))
		/* A figure with nothing to draw (a source without <vision>): the
		 * page keeps its caption; the PDF reports layout-figure-missing. */
		valuePush(ctxt, xmlXPathNewNodeSet(NULL));
	else {
		char what[256];
		snprintf(what, sizeof what, "no chart of kind '%s' for '%s'", (const char *)kind,
		         (const char *)ref);
		fail(ctxt, "chart", what);
	}
	xmlFree(id);
	xmlFree(ref);
	xmlFree(kind);
}

/* The enriched tree is a copy of the source tree, and copies keep their
 * line numbers, so this is the line the user wrote the element on. */
static void fn_line(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlNodeSetPtr ns = xmlXPathPopNodeSet(ctxt);
	long line = ns && ns->nodeNr > 0 ? xmlGetLineNo(ns->nodeTab[0]) : 0;
	xmlXPathFreeNodeSet(ns);
	valuePush(ctxt, xmlXPathNewFloat(line > 0 ? (double)line : 0));
}

/* --- k:footnote ------------------------------------------------------------ */

static int is_s(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, KPIC_NS) &&
	       !strcmp((const char *)n->name, name);
}

/* The footnote pattern of the stylesheets: s:kpi//s:note, s:kpi//s:baseline[@note]
 * (also value and target), s:kpi/s:override. */
static int is_footnote(const xmlNode *n, int in_kpi)
{
	if (!in_kpi || n->type != XML_ELEMENT_NODE)
		return 0;
	if (is_s(n, "note"))
		return 1;
	if (is_s(n, "override"))
		return n->parent && is_s(n->parent, "kpi");
	return (is_s(n, "baseline") || is_s(n, "value") || is_s(n, "target")) &&
	       xmlHasNsProp(n, (const xmlChar *)"note", NULL) != NULL;
}

/* Numbers the footnotes in document order, from 1 again at every goal. */
static void number_footnotes(struct xslt_run *r, const xmlNode *n, int in_kpi, int *count)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_s(n, "goal"))
			*count = 0;
		if (is_footnote(n, in_kpi)) {
			if (r->nfn == r->capfn) {
				r->capfn = r->capfn ? 2 * r->capfn : 64;
				r->fn = xrealloc(r->fn, r->capfn * sizeof *r->fn);
			}
			r->fn[r->nfn++] = (struct fnum){ n, ++*count };
		}
		number_footnotes(r, n->children, in_kpi || is_s(n, "kpi"), count);
	}
}

static int by_node(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct fnum *)a)->node;
	uintptr_t y = (uintptr_t)((const struct fnum *)b)->node;
	return (x > y) - (x < y);
}

/* The footnote's number, numbering the node's document on first use. */
static int footnote_number(struct xslt_run *r, const xmlNode *n)
{
	if (r->fdoc != n->doc) {
		int count = 0;
		r->nfn = 0;
		r->fdoc = n->doc;
		number_footnotes(r, n->doc ? n->doc->children : n, 0, &count);
		qsort(r->fn, r->nfn, sizeof *r->fn, by_node);
	}
	struct fnum key = { n, 0 };
	const struct fnum *f = r->nfn ? bsearch(&key, r->fn, r->nfn, sizeof *r->fn, by_node) : NULL;
	return f ? f->n : 0;
}

static void fn_footnote(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xmlNodeSetPtr ns = xmlXPathPopNodeSet(ctxt);
	struct xslt_run *run = t ? t->_private : NULL;
	int n = run && ns && ns->nodeNr > 0 ? footnote_number(run, ns->nodeTab[0]) : 0;
	xmlXPathFreeNodeSet(ns);
	if (n == 0)
		fail(ctxt, "footnote", "not a footnote of a KPI (a note, a value's note, an override)");
	else
		valuePush(ctxt, xmlXPathNewFloat(n));
}

struct xslt_run *xslt_ext_register(struct _xsltTransformContext *ctxt, const struct xslt_env *env)
{
	const xmlChar *ns = (const xmlChar *)KPIC_FN_NS;
	struct xslt_run *run = xcalloc(1, sizeof *run);
	run->env = env;
	ctxt->_private = run;
	xsltRegisterExtFunction(ctxt, (const xmlChar *)"era", ns, fn_era);
	xsltRegisterExtFunction(ctxt, (const xmlChar *)"date", ns, fn_date);
	xsltRegisterExtFunction(ctxt, (const xmlChar *)"number", ns, fn_number);
	xsltRegisterExtFunction(ctxt, (const xmlChar *)"compare", ns, fn_compare);
	xsltRegisterExtFunction(ctxt, (const xmlChar *)"chart", ns, fn_chart);
	xsltRegisterExtFunction(ctxt, (const xmlChar *)"line", ns, fn_line);
	xsltRegisterExtFunction(ctxt, (const xmlChar *)"footnote", ns, fn_footnote);
	return run;
}

void xslt_ext_done(struct xslt_run *run)
{
	if (run != NULL)
		free(run->fn);
	free(run);
}

/*
 * pdf.c - renders the PDF verification document (see pdf.h).
 *
 * The engine gets the charts through a callback into figures.c, so that it
 * never learns what a KPI is, and reports what does not fit through a
 * callback that turns it into an ordinary diagnostic at the source line.
 */
#include "pdf.h"
#include "i18n.h"
#include "enrich.h"
#include "figures.h"
#include "layout.h"
#include "pdf_ua.h"
#include "version.h"
#include "xslt.h"

#include <libxml/relaxng.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct host {
	const struct unit *u;
	struct diag_ctx *d;
};

static struct chart *host_figure(void *ud, const char *kind, const char *ref)
{
	const struct host *h = ud;
	return figures_chart(&h->u->model, &h->u->eval, kind, ref);
}

/* The offset of the first non-blank character of a 1-based line. */
static size_t line_offset(const struct srcfile *s, int line)
{
	if (line <= 0)
		return SRC_NOWHERE;
	size_t off = srcmap_offset(s, (unsigned)line, 1);
	while (off < s->len && (s->text[off] == ' ' || s->text[off] == '\t'))
		off++;
	return off;
}

static void host_warn(void *ud, int line, const char *rule, const char *message)
{
	const struct host *h = ud;
	int r = diag_rule_by_name(rule);
	if (r < 0)      /* an engine rule rules.def does not know yet: still shown */
		r = R_LAYOUT_TABLE;
	diag_report(h->d, (enum rule)r, &h->u->src.src, line_offset(&h->u->src.src, line), "%s", message);
}

static void collect(void *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(ctx, fmt, ap);
	va_end(ap);
}

/* The stylesheet's output must be in the layout vocabulary: a template
 * error must show up here, named, not as a strange page. */
static int check_layout(const char *templates_dir, xmlDoc *doc, struct buf *err)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/layout.rng", templates_dir);
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
	xmlRelaxNGValidCtxtPtr vc = rng ? xmlRelaxNGNewValidCtxt(rng) : NULL;
	int rc = -1;
	if (vc) {
		xmlRelaxNGSetValidErrors(vc, collect, collect, err);
		rc = xmlRelaxNGValidateDoc(vc, doc) == 0 ? 0 : -1;
		if (rc)
			buf_printf(err, _("the layout the stylesheet made is not valid against %s\n"), path);
	} else {
		buf_printf(err, _("%s: cannot load the layout schema\n"), path);
	}
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(rng);
	xmlRelaxNGFreeParserCtxt(pc);
	return rc;
}

/* The layout drawn by the engine, then finished as PDF/UA (pdf_ua.h): the
 * document's language is Japanese, as the engine lays it out. */
static int draw(xmlDoc *layout, const struct unit *u, const struct pdf_request *rq, struct diag_ctx *d,
                const struct pdf_output *out, struct buf *err)
{
	struct buf pdf = BUF_INIT;
	struct layout_tags tags = { 0 };
	struct host h = { u, d };
	struct layout_host lh = { host_figure, host_warn, &h };
	struct layout_opts lo = { NULL, "kpic " KPIC_VERSION, rq->creation_time, rq->timing, rq->fonts, &tags };
	int rc = layout_pdf(layout, &lh, &lo, &pdf, out->boxes, err);
	if (rc == 0 && out->pdf != NULL) {
		double t0 = timing_now();
		rc = pdf_ua_finish(&pdf, &tags, "ja", err);
		timing_add(rq->timing, T_PDF_UA, t0);
		if (rc == 0)
			buf_put(out->pdf, pdf.data ? pdf.data : "", pdf.len);
	}
	if (rc == 0 && out->pages)
		*out->pages = tags.nlayers;
	layout_tags_free(&tags);
	buf_free(&pdf);
	return rc;
}

int pdf_render_doc(xmlDoc *in, const struct unit *u, const struct pdf_request *rq,
                   struct diag_ctx *d, const struct pdf_output *out, struct buf *err)
{
	char source_dir[PATH_MAX];
	xslt_source_dir(rq->source_path, source_dir, sizeof source_dir);
	struct xslt_env env = { rq->templates_dir, source_dir, &u->model, &u->eval, rq->xslt_cache, NULL };
	struct xslt_param params[] = { { "css", "" } };
	xmlDoc *layout = NULL;
	double t0 = timing_now();
	int rc = xslt_apply(&env, rq->stylesheet, in, params, 1, &layout, err);
	if (rc == 0)
		rc = check_layout(rq->templates_dir, layout, err);
	timing_add(rq->timing, T_XSLT, t0);
	if (rc == 0 && out->layout_xml) {
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(layout, &mem, &len, "UTF-8", 1);
		buf_put(out->layout_xml, (const char *)mem, (size_t)len);
		xmlFree(mem);
	}
	if (rc == 0 && (out->pdf || out->boxes))
		rc = draw(layout, u, rq, d, out, err);
	xmlFreeDoc(layout);
	return rc;
}

int pdf_render(const struct unit *u, const struct pdf_request *rq, struct diag_ctx *d,
               const struct pdf_output *out, struct buf *err)
{
	double t0 = timing_now();
	xmlDoc *enriched = enrich_doc(&u->model, &u->eval, u->src.doc);
	timing_add(rq->timing, T_ENRICH, t0);
	int rc = pdf_render_doc(enriched, u, rq, d, out, err);
	xmlFreeDoc(enriched);
	return rc;
}

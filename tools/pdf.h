/*
 * pdf.h - the verification document as an A4 PDF.
 *
 * enriched XML -> templates/kensho-layout.xsl -> layout XML (checked against
 * templates/layout.rng) -> the layout engine (layout.h) -> PDF bytes.
 * Whatever does not fit where the stylesheet put it is reported as a
 * warning at the source line the block came from.
 */
#ifndef KPIC_PDF_H
#define KPIC_PDF_H

#include "buf.h"
#include "compile.h"
#include "diag.h"
#include "layout.h"
#include "timing.h"
#include "xslt.h"

struct pdf_request {
	const char *source_path;
	const char *templates_dir;
	const char *stylesheet;        /* e.g. "kensho-layout.xsl" */
	long long creation_time;       /* SOURCE_DATE_EPOCH, or -1 */
	struct timing *timing;         /* NULL, or where each stage adds its time */
	struct xslt_cache *xslt_cache; /* NULL, or stylesheets kept across documents */
	struct layout_fonts *fonts;    /* NULL, or a font map kept across documents */
};

/* What pdf_render() writes; any member may be NULL. */
struct pdf_output {
	struct buf *pdf;               /* the PDF */
	struct buf *layout_xml;        /* the layout document the stylesheet made */
	struct buf *boxes;             /* the engine's placed boxes, one JSON object per line */
	size_t *pages;                 /* NULL, or receives the PDF's number of pages */
};

/* Renders u.  Returns 0 with the outputs asked for, or -1 with the reasons
 * in err.  Layout warnings go to d, at the source line of their block. */
int pdf_render(const struct unit *u, const struct pdf_request *rq, struct diag_ctx *d,
               const struct pdf_output *out, struct buf *err);

/* The same for another input document (the 新旧対照表 reads kpic diff's XML);
 * u gives the figures their data and the warnings their source. */
int pdf_render_doc(xmlDoc *in, const struct unit *u, const struct pdf_request *rq,
                   struct diag_ctx *d, const struct pdf_output *out, struct buf *err);

#endif

/*
 * html.h - the verification document as one self-contained HTML page.
 *
 * enriched XML -> templates/kensho.xsl (with templates/kensho.css inlined)
 * -> HTML5.  The stylesheet decides what the page says and in which order;
 * every figure in it comes from the evaluation, through the enriched XML and
 * the k: extension functions (xslt.h).
 */
#ifndef KPIC_HTML_H
#define KPIC_HTML_H

#include "buf.h"
#include "compile.h"
#include "timing.h"
#include "xslt.h"

/* Renders the compiled unit u (read from source_path) with the stylesheet
 * `stylesheet` in templates_dir.  Returns 0 and the page in out, or -1 with
 * the reasons in err.  t, if not NULL, receives the time of the enrich and
 * XSLT stages. */
int html_render(const struct unit *u, const char *source_path, const char *templates_dir,
                const char *stylesheet, struct buf *out, struct buf *err, struct timing *t);

/* The same, with the stylesheet kept in cache across documents (kpic build). */
int html_render_cached(const struct unit *u, const char *source_path, const char *templates_dir,
                       const char *stylesheet, struct xslt_cache *cache, struct buf *out,
                       struct buf *err, struct timing *t);

/* The same for another input document (the 新旧対照表 reads kpic diff's XML);
 * u gives the extension functions their data. */
int html_render_doc(xmlDoc *in, const struct unit *u, const char *source_path,
                    const char *templates_dir, const char *stylesheet, struct buf *out,
                    struct buf *err);

#endif

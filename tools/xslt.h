/*
 * xslt.h - running kpic's stylesheets through libxslt, locked down.
 *
 * Stylesheets decide what a document says; C decides every number in it.
 * This stage applies a stylesheet from the templates directory to the
 * enriched XML with:
 *   - security preferences that forbid writing files, creating directories
 *     and any network access, and allow reading only below the templates
 *     directory and the source's own directory;
 *   - a document loader that never expands entities or loads DTDs;
 *   - kpic's Japanese formatting and chart code as extension functions in the
 *     namespace urn:x-kpic:fn (see xslt_ext.c), so that templates never
 *     re-implement era years, 万/億 numerals or chart geometry.
 * Errors from libxslt are collected and returned as text, never printed
 * half-way by the library.
 */
#ifndef KPIC_XSLT_H
#define KPIC_XSLT_H

#include <libxml/tree.h>

#include "buf.h"
#include "eval.h"
#include "model.h"

#define KPIC_FN_NS "urn:x-kpic:fn"

struct xslt_env {
	const char *templates_dir;     /* stylesheets and what they read */
	const char *source_dir;        /* the source's directory, also readable */
	const struct model *model;     /* for the extension functions */
	const struct eval *eval;
	struct xslt_cache *cache;      /* NULL, or stylesheets kept across documents */
	struct xslt_charts *charts;    /* NULL, or k:chart() defers its SVG to xslt_html() */
};

/*
 * The charts of an HTML page.  A page has a chart per KPI, each some forty
 * elements and two hundred attributes: as trees they were copied twice
 * (into a result tree fragment, then into the page) and made most of the
 * memory and time of `kpic html`.  With charts in the environment, k:chart()
 * keeps the chart's SVG as text and returns a placeholder (a comment whose
 * text no document can hold), and xslt_html() writes the chart where the
 * placeholder is, through the same serializer, so the page is the same.
 */
struct xslt_charts;
struct xslt_charts *xslt_charts_new(void);
void xslt_charts_free(struct xslt_charts *c);
/* Keeps svg (len bytes); returns the chart's number for its placeholder. */
size_t xslt_charts_add(struct xslt_charts *c, const char *svg, size_t len);
/* The placeholder's text for chart number n (a comment's content). */
void xslt_chart_mark(size_t n, char *out, size_t size);

/* Parsed stylesheets kept from one document to the next (kpic build): each
 * is read and compiled once, when first applied. */
struct xslt_cache;
struct xslt_cache *xslt_cache_new(void);
void xslt_cache_free(struct xslt_cache *c);

/* A stylesheet parameter, passed as a string (never evaluated as XPath). */
struct xslt_param {
	const char *name;
	const char *value;
};

/*
 * Applies templates_dir/name to doc.  On success returns 0 and the result
 * document in *result (the caller frees it).  On failure returns -1, sets
 * *result to NULL, and appends the reasons to err, one per line.  Messages
 * the library gave on success (warnings) are appended to err as well.
 */
int xslt_apply(const struct xslt_env *env, const char *name, xmlDoc *doc,
               const struct xslt_param *params, size_t nparams, xmlDoc **result, struct buf *err);

/* The directory of a source file ("." for a bare name), which a stylesheet
 * may read from: every renderer fills xslt_env.source_dir with it. */
void xslt_source_dir(const char *source_path, char *out, size_t size);

/* The file name of the templates directory, canonical, in real[PATH_MAX]:
 * 0, or -1 if it cannot be resolved, or 1 if it resolves outside the
 * directory (a symlink elsewhere), which kpic does not read. */
int xslt_template_file(const char *templates_dir, const char *name, char *real);
/* What a nonzero xslt_template_file (where) means, as "DIR/NAME: why\n" into
 * err, with errno as that call left it. */
void xslt_template_error(const char *templates_dir, const char *name, int where, struct buf *err);

/* Serializes an HTML result as "<!DOCTYPE html>" and the root element, UTF-8,
 * with the charts (NULL: none deferred) in place of their placeholders. */
void xslt_html(xmlDoc *result, const struct xslt_charts *charts, struct buf *out);

/* Registers the extension functions on a transform context (xslt_ext.c);
 * what they keep during the transformation is freed by xslt_ext_done(). */
struct _xsltTransformContext;
struct xslt_run;
struct xslt_run *xslt_ext_register(struct _xsltTransformContext *ctxt, const struct xslt_env *env);
void xslt_ext_done(struct xslt_run *run);

#endif

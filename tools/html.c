/*
 * html.c - renders the HTML verification document (see html.h).
 */
#include "html.h"
#include "csp.h"
#include "i18n.h"
#include "enrich.h"
#include "xslt.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Reads a whole (small) template file such as the CSS. */
static int read_file(const char *path, struct buf *out, struct buf *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	if (f == NULL) {
		buf_printf(err, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		buf_printf(err, _("%s: read error\n"), path);
	return bad ? -1 : 0;
}

/* Reads the template file NAME (kensho.css, kensho.js) into out.  A file
 * that may be missing (optional) gives an empty out; one that is a link out
 * of the templates directory is never read. */
static int read_template(const char *templates_dir, const char *name, int optional,
                         struct buf *out, struct buf *err)
{
	char path[PATH_MAX];
	int where = xslt_template_file(templates_dir, name, path);
	if (where < 0 && optional && errno == ENOENT)
		return 0;
	if (where != 0) {
		xslt_template_error(templates_dir, name, where, err);
		return -1;
	}
	return read_file(path, out, err);
}

/* A template text without the blank space at its ends: an inline style or
 * script is hashed for the page's policy, and the Nu HTML Checker hashes
 * it without that space (browsers with it), so it has none. */
static const char *trimmed(struct buf *b)
{
	if (b->data == NULL)
		return "";
	const char *t = b->data;
	size_t n = b->len;
	while (n > 0 && strchr(" \t\r\n", t[n - 1]) != NULL)
		n--;
	b->data[n] = '\0';
	b->len = n;
	while (*t != '\0' && strchr(" \t\r\n", *t) != NULL)
		t++;
	return t;
}

static int render_doc(xmlDoc *in, const struct unit *u, const char *source_path,
                      const char *templates_dir, const char *stylesheet, struct xslt_cache *cache,
                      struct buf *out, struct buf *err)
{
	char source_dir[PATH_MAX];
	struct buf css = BUF_INIT, js = BUF_INIT;
	if (read_template(templates_dir, "kensho.css", 0, &css, err) < 0 ||
	    read_template(templates_dir, "kensho.js", 1, &js, err) < 0) {
		buf_free(&css);
		buf_free(&js);
		return -1;
	}
	xslt_source_dir(source_path, source_dir, sizeof source_dir);
	struct xslt_charts *charts = xslt_charts_new();
	struct xslt_env env = { templates_dir, source_dir, &u->model, &u->eval, cache, charts };
	struct xslt_param params[] = { { "css", trimmed(&css) }, { "js", trimmed(&js) } };
	xmlDoc *result = NULL;
	int rc = xslt_apply(&env, stylesheet, in, params, 2, &result, err);
	if (rc == 0) {
		/* The policy hashes the page's own style and script: set after
		 * the transform, from the text that will be written. */
		csp_declare(result);
		xslt_html(result, charts, out);
	}
	xmlFreeDoc(result);
	xslt_charts_free(charts);
	buf_free(&css);
	buf_free(&js);
	return rc;
}

int html_render_doc(xmlDoc *in, const struct unit *u, const char *source_path,
                    const char *templates_dir, const char *stylesheet, struct buf *out,
                    struct buf *err)
{
	return render_doc(in, u, source_path, templates_dir, stylesheet, NULL, out, err);
}

int html_render(const struct unit *u, const char *source_path, const char *templates_dir,
                const char *stylesheet, struct buf *out, struct buf *err, struct timing *t)
{
	return html_render_cached(u, source_path, templates_dir, stylesheet, NULL, out, err, t);
}

int html_render_cached(const struct unit *u, const char *source_path, const char *templates_dir,
                       const char *stylesheet, struct xslt_cache *cache, struct buf *out,
                       struct buf *err, struct timing *t)
{
	double t0 = timing_now();
	xmlDoc *enriched = enrich_doc(&u->model, &u->eval, u->src.doc);
	timing_add(t, T_ENRICH, t0);
	t0 = timing_now();
	int rc = render_doc(enriched, u, source_path, templates_dir, stylesheet, cache, out, err);
	timing_add(t, T_XSLT, t0);
	xmlFreeDoc(enriched);
	return rc;
}

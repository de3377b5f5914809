/*
 * xslt.c - applies a stylesheet under kpic's security rules (see xslt.h).
 *
 * libxslt's defaults are unsafe for documents from many hands: its loader
 * expands external entities and loads DTDs, and its security preferences
 * allow everything.  Here every document a stylesheet reads (document(),
 * xsl:import, xsl:include) goes through one loader that parses with
 * XML_PARSE_NONET only and refuses DTDs with internal subsets, and one read
 * check that allows only the templates directory and the source's directory.
 *
 * libxslt reports import-time reads and loads through process-wide hooks
 * that carry no user pointer, so the directories being allowed are kept in
 * `active` for the duration of one xslt_apply().  kpic is single-threaded,
 * and the hooks are restored before returning.
 */
/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700

#include "xslt.h"
#include "i18n.h"

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the process-wide hooks need during one xslt_apply(). */
struct active {
	char templates[PATH_MAX];
	char source[PATH_MAX];
	struct buf *err;
	int refused;          /* a read was refused: the run fails */
};

static struct active *active;          /* see the header comment */
static xsltDocLoaderFunc default_loader;

static void collect_error(void *ctx, const char *fmt, ...)
{
	struct buf *err = ctx;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
}

/* dir/ is a prefix of path (both canonical). */
static int under(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	return n > 0 && strncmp(dir, path, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static int allowed(const char *real)
{
	return under(active->templates, real) || (active->source[0] && under(active->source, real));
}

/* Allows a read only below the templates or the source directory. */
static int allow_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec;
	(void)ctxt;
	char real[PATH_MAX];
	const char *path = value;
	if (active == NULL || value == NULL)
		return 0;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strstr(path, "://") != NULL || realpath(path, real) == NULL)
		return 0;
	if (allowed(real))
		return 1;
	buf_printf(active->err, "stylesheet tried to read '%s', outside the templates and source directories\n",
	           value);
	return 0;
}

static int forbid(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec;
	(void)ctxt;
	if (active)
		buf_printf(active->err, "stylesheet tried to write or use the network: '%s' (forbidden)\n",
		           value ? value : "");
	return 0;
}

/* An escape that decodes to a path separator or NUL ("%2F", "%5c", "%00"). */
static int encoded_separator(const char *s)
{
	for (; (s = strchr(s, '%')) != NULL; s++)
		if ((s[1] == '2' && (s[2] == 'F' || s[2] == 'f')) || (s[1] == '5' && (s[2] == 'C' || s[2] == 'c')) ||
		    (s[1] == '0' && s[2] == '0'))
			return 1;
	return 0;
}

/* A ".." segment: resolved URIs have none, so one here was smuggled in. */
static int dot_dot(const char *path)
{
	for (const char *s = path; (s = strstr(s, "..")) != NULL; s += 2)
		if ((s == path || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
			return 1;
	return 0;
}

/*
 * The local file a URI names, canonical, in real[PATH_MAX]; 0 if the URI is
 * not a plain local path.  libxml2 opens the URI's path as written and only
 * then decoded, while libxslt's read check sees it decoded: a name such as
 * "a%2Fb/../x" is one file to the check and another to the opener.  So such
 * names are refused, and what is opened is the canonical path checked here.
 */
static int local_file(const char *uri, char *real)
{
	const char *p = uri;
	if (strncmp(p, "file://", 7) == 0)
		p += 7;
	else if (strncmp(p, "file:/", 6) == 0)
		p += 5;
	if (p[0] != '/' || encoded_separator(p))
		return 0;
	char *path = xmlURIUnescapeString(p, 0, NULL);
	int ok = path && !dot_dot(path) && realpath(path, real) != NULL;
	xmlFree(path);
	return ok;
}

/* Every document libxslt loads (xsl:include, xsl:import, document()): only
 * below the allowed directories, and then no entities, DTD or network. */
static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                             xsltLoadType type)
{
	char real[PATH_MAX];
	if (active == NULL)
		return NULL;
	if (uri == NULL || !local_file((const char *)uri, real) || !allowed(real)) {
		active->refused = 1;
		buf_printf(active->err, "stylesheet tried to read '%s', outside the templates and source directories\n",
		           uri ? (const char *)uri : "");
		return NULL;
	}
	options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_XINCLUDE |
	             XML_PARSE_HUGE);
	options |= XML_PARSE_NONET;
	xmlDocPtr doc = default_loader((const xmlChar *)real, dict, options, ctxt, type);
	if (doc && doc->intSubset) {
		buf_printf(active->err, "%s: a document with a DOCTYPE is not read by kpic\n", (const char *)uri);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static xsltSecurityPrefsPtr make_prefs(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, allow_read);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, forbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, forbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, forbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, forbid);
	return sec;
}

static int canonical(const char *dir, char *out)
{
	out[0] = '\0';
	return dir == NULL || realpath(dir, out) != NULL;
}

static xsltStylesheetPtr load_stylesheet(const char *path, struct buf *err)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc == NULL) {
		buf_printf(err, _("%s: cannot read or parse the stylesheet\n"), path);
		return NULL;
	}
	if (doc->intSubset) {
		buf_printf(err, _("%s: a stylesheet with a DOCTYPE is not read by kpic\n"), path);
		xmlFreeDoc(doc);
		return NULL;
	}
	xsltStylesheetPtr st = xsltParseStylesheetDoc(doc);
	if (st == NULL) {
		buf_printf(err, _("%s: the stylesheet has errors\n"), path);
		xmlFreeDoc(doc);    /* not taken over on failure */
	} else if (st->errors || st->warnings) {
		/* libxslt counts an unknown xsl: instruction as a warning and
		 * then leaves it out of every page: kpic says error, and stops */
		buf_printf(err, _("%s: the stylesheet has errors\n"), path);
		xsltFreeStylesheet(st);
		st = NULL;
	}
	return st;
}

static xmlDoc *transform(const struct xslt_env *env, xsltStylesheetPtr st, xmlDoc *doc,
                         xsltSecurityPrefsPtr sec, const struct xslt_param *params, size_t n,
                         struct buf *err)
{
	const char **pv = xcalloc(2 * n + 1, sizeof *pv);
	for (size_t i = 0; i < n; i++) {
		pv[2 * i] = params[i].name;
		pv[2 * i + 1] = params[i].value;
	}
	xsltTransformContextPtr ctxt = xsltNewTransformContext(st, doc);
	xmlDoc *res = NULL;
	if (ctxt) {
		xsltSetCtxtSecurityPrefs(sec, ctxt);
		xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET);
		xsltSetTransformErrorFunc(ctxt, err, collect_error);
		struct xslt_run *run = xslt_ext_register(ctxt, env);
		/* an allocation that failed inside libxml2 is reported through
		 * its last error, not always through ctxt->state: either one means
		 * the page may be missing parts, and nothing is written */
		xmlResetLastError();
		if (xsltQuoteUserParams(ctxt, pv) == 0)
			res = xsltApplyStylesheetUser(st, doc, NULL, NULL, NULL, ctxt);
		const xmlError *last = xmlGetLastError();
		int oom = last != NULL && last->code == XML_ERR_NO_MEMORY;
		if (oom)
			buf_printf(err, _("out of memory while applying the stylesheet; nothing was written\n"));
		if (res && (oom || ctxt->state != XSLT_STATE_OK)) {
			xmlFreeDoc(res);
			res = NULL;
		}
		xsltFreeTransformContext(ctxt);
		xslt_ext_done(run);
	}
	free(pv);
	return res;
}

/* libxslt's kinds of message ("runtime error", "compilation warning"...),
 * written alone on a line when it knows no file, before the message. */
static int bare_kind(const char *l)
{
	static const char *const kinds[] = {
		"error", "warning", "compilation error", "compilation warning", "runtime error", "runtime warning", NULL
	};
	for (size_t i = 0; kinds[i]; i++)
		if (strcmp(l, kinds[i]) == 0)
			return 1;
	return 0;
}

/* A line that already says where: "F:N: ...", "F: ..." for the stylesheet
 * or any file named by a path, or an excerpt (indented) under such a line. */
static int placed(const char *l, const char *path)
{
	size_t n = strlen(path), colon = strcspn(l, ": ");
	return l[0] == ' ' || l[0] == '\t' || (strncmp(l, path, n) == 0 && l[n] == ':') ||
	       (l[colon] == ':' && memchr(l, '/', colon) != NULL);
}

/* The next line of *raw (advancing past it), NULL at the end. */
static char *next_line(const char **raw)
{
	if (**raw == '\0')
		return NULL;
	size_t len = strcspn(*raw, "\n");
	char *l = xstrndup(*raw, len);
	*raw += len + ((*raw)[len] == '\n');
	return l;
}

/* Messages without a line ("Invalid expression", "read rights denied"),
 * waiting for the next message that has one: libxml2 and libxslt write them
 * just before the message of the instruction they are about, or (at run
 * time) just after it, so each takes the nearest place that follows, else
 * the last one before it, else only the stylesheet's name. */
struct unplaced {
	struct buf msgs;        /* "error: MESSAGE\n"..., not yet written */
	char where[PATH_MAX + 16];  /* "F:N" of the last placed message, or "" */
};

static void flush_unplaced(struct unplaced *u, const char *where, struct buf *out)
{
	const char *s = u->msgs.data ? u->msgs.data : "";
	for (const char *nl; *s && (nl = strchr(s, '\n')) != NULL; s = nl + 1)
		buf_printf(out, "%s: %.*s\n", where, (int)(nl - s), s);
	buf_reset(&u->msgs);
}

/* Writes a message that says where it is ("F:N: ..."), the waiting ones first. */
static void put_placed(struct unplaced *u, const char *file, int line, const char *rest, struct buf *out)
{
	snprintf(u->where, sizeof u->where, "%s:%d", file, line);
	flush_unplaced(u, u->where, out);
	buf_printf(out, "%s: %s\n", u->where, rest);
}

/* "F:N: parser error : M" (libxml2's form for a stylesheet that is not
 * well-formed): its place, and its kind and message in kpic's form. */
static int libxml_form(const char *l, char *file, int *line, struct buf *rest)
{
	int end = 0;
	if (sscanf(l, "%4095[^:]:%d: %n", file, line, &end) != 2 || end == 0)
		return 0;
	const char *m = strstr(l + end, " : ");
	if (m == NULL)
		return 0;
	buf_printf(rest, "%s: %s", strstr(l + end, "warning") && strstr(l + end, "warning") < m ? "warning" : "error",
	           m + 3);
	return 1;
}

/* libxslt writes "runtime error: file F line N element E" and the message on
 * the next line, or only "error" before it when it knows no place, and
 * libxml2 some bare messages ("Invalid expression"); kpic's users read
 * "F:N: error: MESSAGE (in xsl:E)", the form every other diagnostic of kpic
 * has, with the place of the instruction for the messages that had none, and
 * "STYLESHEET: error: MESSAGE" only where no line is known at all. */
static void reformat(const char *raw, const char *path, struct buf *out)
{
	char file[PATH_MAX], elem[64];
	int line;
	char *l;
	struct unplaced u = { 0 };
	while ((l = next_line(&raw)) != NULL) {
		const char *at = strstr(l, " error: file ");
		struct buf rest = { 0 };
		if (at && sscanf(at, " error: file %4095s line %d element %63s", file, &line, elem) == 3) {
			char *m = next_line(&raw);
			buf_printf(&rest, "error: %s (in xsl:%s)", m ? m : "", elem);
			put_placed(&u, file, line, buf_str(&rest), out);
			free(m);
		} else if (at && sscanf(at, " error: file %4095s", file) == 1) {
			char *m = next_line(&raw);
			buf_printf(&u.msgs, "error: %s\n", m ? m : "");
			free(m);
		} else if (bare_kind(l)) {
			char *m = next_line(&raw);
			if (m && *m)
				buf_printf(&u.msgs, "%s: %s\n", strstr(l, "warning") ? "warning" : "error", m);
			free(m);
		} else if (libxml_form(l, file, &line, &rest)) {
			put_placed(&u, file, line, buf_str(&rest), out);
		} else if (*l && placed(l, path)) {
			if (l[0] != ' ' && l[0] != '\t')
				flush_unplaced(&u, u.where[0] ? u.where : path, out);
			buf_printf(out, "%s\n", l);
		} else if (*l) {
			buf_printf(&u.msgs, "error: %s\n", l);
		}
		buf_free(&rest);
		free(l);
	}
	flush_unplaced(&u, u.where[0] ? u.where : path, out);
	buf_free(&u.msgs);
}

#define CACHE_MAX 8

struct xslt_cache {
	size_t n;
	char *path[CACHE_MAX];
	xsltStylesheetPtr st[CACHE_MAX];
};

struct xslt_cache *xslt_cache_new(void)
{
	return xcalloc(1, sizeof(struct xslt_cache));
}

void xslt_cache_free(struct xslt_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->path[i]);
		xsltFreeStylesheet(c->st[i]);
	}
	free(c);
}

/* The stylesheet at path: from the cache when there is one (loaded into it
 * on first use), else freshly loaded; *owned says whether the caller frees it. */
static xsltStylesheetPtr get_stylesheet(struct xslt_cache *c, const char *path, struct buf *err, int *owned)
{
	*owned = 0;
	for (size_t i = 0; c && i < c->n; i++)
		if (strcmp(c->path[i], path) == 0)
			return c->st[i];
	xsltStylesheetPtr st = load_stylesheet(path, err);
	if (st && c && c->n < CACHE_MAX) {
		c->path[c->n] = xstrdup(path);
		c->st[c->n++] = st;
	} else {
		*owned = st != NULL;
	}
	return st;
}

int xslt_apply(const struct xslt_env *env, const char *name, xmlDoc *doc,
               const struct xslt_param *params, size_t nparams, xmlDoc **result, struct buf *err)
{
	struct active a;
	char path[PATH_MAX];
	*result = NULL;
	a.err = err;
	a.refused = 0;
	if (!canonical(env->templates_dir, a.templates) || !canonical(env->source_dir, a.source)) {
		buf_printf(err, _("cannot resolve the templates or source directory\n"));
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s", a.templates, name);

	size_t before = err->len;
	active = &a;
	default_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(safe_loader);
	xsltSecurityPrefsPtr sec = make_prefs();
	xsltSecurityPrefsPtr saved_sec = xsltGetDefaultSecurityPrefs();
	xsltSetDefaultSecurityPrefs(sec);       /* import-time reads */
	xsltSetGenericErrorFunc(err, collect_error);
	xmlSetGenericErrorFunc(err, collect_error);

	int owned;
	xsltStylesheetPtr st = get_stylesheet(env->cache, path, err, &owned);
	if (st) {
		*result = transform(env, st, doc, sec, params, nparams, err);
		if (a.refused) {
			xmlFreeDoc(*result);
			*result = NULL;
		}
		if (owned)
			xsltFreeStylesheet(st);
	}

	xmlSetGenericErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	xsltSetDefaultSecurityPrefs(saved_sec);
	xsltFreeSecurityPrefs(sec);
	xsltSetLoaderFunc(NULL);
	active = NULL;
	if (*result == NULL && err->len == before)
		buf_printf(err, _("%s: the transformation failed\n"), path);
	char *raw = xstrdup(err->data ? err->data + before : "");
	err->len = before;
	if (err->data)
		err->data[before] = '\0';
	reformat(raw, path, err);
	free(raw);
	return *result ? 0 : -1;
}

struct xslt_charts {
	struct buf svg;       /* every chart's SVG, one after the other */
	size_t *at;           /* chart i is svg.data[at[i] .. at[i + 1]) */
	size_t n, cap;
};

struct xslt_charts *xslt_charts_new(void)
{
	struct xslt_charts *c = xcalloc(1, sizeof *c);
	c->at = xcalloc(1, sizeof *c->at);
	return c;
}

void xslt_charts_free(struct xslt_charts *c)
{
	if (c == NULL)
		return;
	buf_free(&c->svg);
	free(c->at);
	free(c);
}

size_t xslt_charts_add(struct xslt_charts *c, const char *svg, size_t len)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->at = xrealloc(c->at, (c->cap + 1) * sizeof *c->at);
	}
	buf_put(&c->svg, svg, len);
	c->at[c->n + 1] = c->svg.len;
	return c->n++;
}

/* \001 cannot occur in an XML document, so no source or stylesheet can
 * make a comment that reads like a placeholder. */
#define MARK_OPEN "<!--\001kpic-chart "
#define MARK_CLOSE "\001-->"

void xslt_chart_mark(size_t n, char *out, size_t size)
{
	snprintf(out, size, "\001kpic-chart %zu\001", n);
}

/* Chart i as the serializer writes it in the page: its SVG parsed as
 * k:chart() used to parse it, and written with the page's document, whose
 * type (HTML) decides how text is escaped. */
static void put_chart(const struct xslt_charts *c, size_t i, xmlParserCtxtPtr pc, xmlDoc *page,
                      xmlOutputBufferPtr ob)
{
	const char *svg = c->svg.data + c->at[i];
	xmlDocPtr d = xmlCtxtReadMemory(pc, svg, (int)(c->at[i + 1] - c->at[i]), NULL, NULL,
	                                XML_PARSE_NONET | XML_PARSE_COMPACT);
	xmlNode *root = d ? xmlDocGetRootElement(d) : NULL;
	if (root)
		htmlNodeDumpFormatOutput(ob, page, root, "UTF-8", 0);
	xmlFreeDoc(d);
}

/*
 * The plain form of chart SVG, which the page's serializer writes back as it
 * is but for empty elements (<line …/> becomes <line …></line>), so that
 * most charts need not be parsed and written again:
 *   - tags <NAME ATTRS>, <NAME ATTRS/> and </NAME>, where ATTRS is any
 *     number of ' ANAME="VALUE"', and names are of ASCII letters, digits,
 *     '-', '_' and ':';
 *   - VALUE and text without '&' (no reference or escape), '<' or '>', and
 *     no control character but a newline (and a tab in text): the HTML
 *     serializer escapes exactly &, < and > and keeps UTF-8 as it is;
 *   - one root element, nothing after it but the newline chart_svg() ends with.
 * chart_svg() writes this form unless a text needs escaping; anything else
 * takes the parser.  Returns the length of the tag at s written to out
 * (0: not plain); *depth follows the nesting.
 */
static int name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '_' || ch == ':';
}

static size_t name_len(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && name_char(s[k]))
		k++;
	return k;
}

static int plain_char(unsigned char ch, int text)
{
	return ch != '&' && ch != '<' && ch != '>' && (ch >= 0x20 || ch == '\n' || (text && ch == '\t'));
}

static size_t plain_tag(const char *s, size_t n, int *depth, struct buf *out)
{
	int end = n > 1 && s[1] == '/';
	size_t k = 1 + (size_t)end, name = name_len(s + k, n - k), nk = k;
	if (name == 0)
		return 0;
	k += name;
	while (!end && k + 1 < n && s[k] == ' ') {         /* ANAME="VALUE" */
		size_t a = name_len(s + k + 1, n - k - 1);
		if (a == 0 || k + a + 3 > n || s[k + 1 + a] != '=' || s[k + 2 + a] != '"')
			return 0;
		k += a + 3;
		while (k < n && s[k] != '"' && plain_char((unsigned char)s[k], 0) && s[k] != '\n')
			k++;
		if (k >= n || s[k] != '"')
			return 0;
		k++;
	}
	if (k < n && s[k] == '>') {
		*depth += end ? -1 : 1;
		buf_put(out, s, k + 1);
		return k + 1;
	}
	if (end || k + 1 >= n || s[k] != '/' || s[k + 1] != '>')
		return 0;
	buf_put(out, s, k);                                /* an empty element */
	buf_puts(out, "></");
	buf_put(out, s + nk, name);
	buf_putc(out, '>');
	return k + 2;
}

/* Writes chart SVG s (n bytes) to out if it is plain; 0, writing nothing, if not. */
static int put_plain_svg(const char *s, size_t n, struct buf *out)
{
	size_t start = out->len, i = 0;
	int depth = 0, ok = n > 0 && s[0] == '<';
	if (ok && s[n - 1] == '\n')
		n--;                                       /* after the root: dropped */
	while (ok && i < n) {
		if (s[i] == '<') {
			size_t k = plain_tag(s + i, n - i, &depth, out);
			ok = k > 0 && (depth > 0 || i + k == n);
			i += k;
		} else {
			ok = plain_char((unsigned char)s[i], 1);
			buf_putc(out, s[i++]);
		}
	}
	if (!ok) {
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
	}
	return ok;
}

static int to_buf(void *ctx, const char *data, int len)
{
	buf_put(ctx, data, (size_t)len);
	return len;
}

/* Whether the \001 at m (in [text, end)) is inside a placeholder of one of
 * the n charts: then *i is its number and *next the first byte after it. */
static int placeholder(const char *text, const char *end, const char *m, size_t n, size_t *i,
                       const char **next)
{
	const size_t open = sizeof MARK_OPEN - 1, close = sizeof MARK_CLOSE - 1;
	const char *start = m - 4;   /* the mark's "<!--" */
	char *after;
	if (m - text < 4 || (size_t)(end - start) < open + close || memcmp(start, MARK_OPEN, open) != 0)
		return 0;
	*i = strtoul(start + open, &after, 10);
	if (*i >= n || (size_t)(end - after) < close || memcmp(after, MARK_CLOSE, close) != 0)
		return 0;
	*next = after + close;
	return 1;
}

/* The page as serialized (text, len bytes, NUL-terminated) with each
 * placeholder replaced by its chart. */
static void put_with_charts(const char *text, size_t len, const struct xslt_charts *c, xmlDoc *page,
                            struct buf *out)
{
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(to_buf, NULL, out, NULL);
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *m = memchr(p, '\001', (size_t)(end - p)), *next;
		size_t i;
		if (m == NULL || !placeholder(text, end, m, c->n, &i, &next)) {
			size_t n = m ? (size_t)(m + 1 - p) : (size_t)(end - p);
			buf_put(out, p, n);
			p += n;
			continue;
		}
		buf_put(out, p, (size_t)(m - 4 - p));
		if (!put_plain_svg(c->svg.data + c->at[i], c->at[i + 1] - c->at[i], out)) {
			put_chart(c, i, pc, page, ob);
			xmlOutputBufferFlush(ob);   /* before the text that follows */
		}
		p = next;
	}
	xmlOutputBufferClose(ob);
	xmlFreeParserCtxt(pc);
}

void xslt_html(xmlDoc *result, const struct xslt_charts *charts, struct buf *out)
{
	xmlNode *root = xmlDocGetRootElement(result);
	/* No encoder: the tree is UTF-8 already, and an HTML encoder would turn
	 * every kanji into a character reference. */
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	buf_puts(out, "<!DOCTYPE html>\n");
	if (root)
		htmlNodeDumpFormatOutput(ob, result, root, "UTF-8", 0);
	xmlOutputBufferFlush(ob);
	const char *text = (const char *)xmlOutputBufferGetContent(ob);
	size_t len = xmlOutputBufferGetSize(ob);
	if (charts && charts->n > 0)
		put_with_charts(text, len, charts, result, out);
	else
		buf_put(out, text, len);
	buf_putc(out, '\n');
	xmlOutputBufferClose(ob);
}

void xslt_source_dir(const char *source_path, char *out, size_t size)
{
	const char *slash = strrchr(source_path, '/');
	if (slash == NULL)
		snprintf(out, size, ".");
	else if (slash == source_path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - source_path), source_path);
}

int xslt_template_file(const char *templates_dir, const char *name, char *real)
{
	char dir[PATH_MAX], path[PATH_MAX];
	if (realpath(templates_dir, dir) == NULL)
		return -1;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return -1;
	if (realpath(path, real) == NULL)
		return -1;
	return under(dir, real) ? 0 : 1;
}

void xslt_template_error(const char *templates_dir, const char *name, int where, struct buf *err)
{
	if (where < 0)
		buf_printf(err, "%s/%s: %s\n", templates_dir, name, strerror(errno));
	else
		buf_printf(err, _("%s/%s: a link to a file outside the templates directory, "
		                  "which kpic does not read\n"), templates_dir, name);
}

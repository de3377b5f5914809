/*
 * csp.c - the Content-Security-Policy of kpic's HTML pages (see csp.h).
 */
#include "csp.h"

#include <glib.h>
#include <string.h>

enum { KIND_STYLE, KIND_SCRIPT, KIND_IMG, NKINDS };

static int kind_of(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || n->ns != NULL)
		return -1;
	const char *name = (const char *)n->name;
	if (g_ascii_strcasecmp(name, "style") == 0)
		return KIND_STYLE;
	if (g_ascii_strcasecmp(name, "script") == 0)
		return KIND_SCRIPT;
	if (g_ascii_strcasecmp(name, "img") == 0)
		return KIND_IMG;
	return -1;
}

/* The text a browser hashes: the element's content as HTML parsing gives it
 * back, with every CR LF and lone CR read as LF.  The tree is changed to the
 * same text, so that the serialised page and its hash agree. */
static void hash_element(xmlNode *n, struct buf *srcs)
{
	xmlChar *text = xmlNodeGetContent(n);
	const char *t = text ? (const char *)text : "";
	if (strchr(t, '\r') != NULL) {
		GString *lf = g_string_new(NULL);
		for (const char *p = t; *p; p++) {
			if (*p == '\r' && p[1] == '\n')
				continue;
			g_string_append_c(lf, *p == '\r' ? '\n' : *p);
		}
		xmlNodeSetContentLen(n, NULL, 0);
		xmlNodeAddContentLen(n, (const xmlChar *)lf->str, (int)lf->len);
		xmlFree(text);
		text = xmlNodeGetContent(n);
		t = text ? (const char *)text : "";
		g_string_free(lf, TRUE);
	}
	guint8 digest[32];
	gsize len = sizeof digest;
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(sum, (const guchar *)t, (gssize)strlen(t));
	g_checksum_get_digest(sum, digest, &len);
	g_checksum_free(sum);
	gchar *b64 = g_base64_encode(digest, len);
	buf_printf(srcs, " 'sha256-%s'", b64);
	g_free(b64);
	xmlFree(text);
}

static void walk(xmlNode *n, struct buf srcs[NKINDS])
{
	for (; n != NULL; n = n->next) {
		int kind = kind_of(n);
		if (kind == KIND_STYLE || kind == KIND_SCRIPT)
			hash_element(n, &srcs[kind]);
		else if (kind == KIND_IMG && srcs[KIND_IMG].len == 0)
			buf_puts(&srcs[KIND_IMG], " data:");
		if (n->type == XML_ELEMENT_NODE)
			walk(n->children, srcs);
	}
}

void csp_policy(xmlDoc *doc, struct buf *out)
{
	static const char *const directive[NKINDS] = { "style-src", "script-src", "img-src" };
	struct buf srcs[NKINDS] = { BUF_INIT, BUF_INIT, BUF_INIT };
	walk(xmlDocGetRootElement(doc), srcs);
	buf_puts(out, "default-src 'none'");
	for (int k = 0; k < NKINDS; k++) {
		if (srcs[k].len > 0)
			buf_printf(out, "; %s%s", directive[k], buf_str(&srcs[k]));
		buf_free(&srcs[k]);
	}
	buf_puts(out, "; base-uri 'none'; form-action 'none'");
}

static xmlNode *child_named(xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && g_ascii_strcasecmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

int csp_declare(xmlDoc *doc)
{
	xmlNode *head = child_named(xmlDocGetRootElement(doc), "head");
	if (head == NULL)
		return -1;
	struct buf policy = BUF_INIT;
	csp_policy(doc, &policy);
	xmlNode *meta = xmlNewDocNode(doc, NULL, (const xmlChar *)"meta", NULL);
	xmlNewProp(meta, (const xmlChar *)"http-equiv", (const xmlChar *)"Content-Security-Policy");
	xmlNewProp(meta, (const xmlChar *)"content", (const xmlChar *)buf_str(&policy));
	buf_free(&policy);
	xmlNode *charset = child_named(head, "meta");
	if (charset != NULL && xmlHasProp(charset, (const xmlChar *)"charset"))
		xmlAddNextSibling(charset, meta);
	else if (head->children != NULL)
		xmlAddPrevSibling(head->children, meta);
	else
		xmlAddChild(head, meta);
	return 0;
}

/*
 * schema.c - RELAX NG validation with kpic's own messages (see schema.h).
 *
 * libxml2 reports one structural problem several times: once where it is and
 * again as "failed to validate content" on every ancestor.  We keep only the
 * most specific report for each element and drop ancestors of an element that
 * already has one.
 */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

struct schema {
	xmlRelaxNGPtr rng;
};

struct rng_error {
	xmlNode *node;
	char *msg;
};

struct collect {
	struct rng_error *list;
	size_t n, cap;
};

static void ignore_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

struct schema *schema_load(const char *path)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	if (pc == NULL)
		return NULL;
	xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rng == NULL) {
		fprintf(stderr, "kpic: cannot load the schema %s\n", path);
		return NULL;
	}
	struct schema *s = xcalloc(1, sizeof *s);
	s->rng = rng;
	return s;
}

void schema_free(struct schema *s)
{
	if (s == NULL)
		return;
	xmlRelaxNGFree(s->rng);
	free(s);
}

static void on_rng_error(void *ctx, xmlErrorPtr e)
{
	struct collect *c = ctx;
	if (e == NULL || e->message == NULL)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->list = xrealloc(c->list, c->cap * sizeof *c->list);
	}
	c->list[c->n].node = e->node;
	c->list[c->n].msg = xstrdup(e->message);
	size_t l = strlen(c->list[c->n].msg);
	while (l && (c->list[c->n].msg[l - 1] == '\n' || c->list[c->n].msg[l - 1] == ' '))
		c->list[c->n].msg[--l] = '\0';
	c->n++;
}

/* Is a a proper ancestor of b? */
static int is_ancestor(const xmlNode *a, const xmlNode *b)
{
	for (b = b ? b->parent : NULL; b; b = b->parent)
		if (a == b)
			return 1;
	return 0;
}

static int is_generic(const char *msg)
{
	return strstr(msg, "failed to validate content") || strstr(msg, "has extra content") ||
	       strstr(msg, "Invalid sequence in interleave") || strstr(msg, "Extra element") ||
	       strstr(msg, "Error validating value");
}

/* Pulls the quoted or word argument after `key` out of a libxml2 message. */
static int word_after(const char *msg, const char *key, char *out, size_t size)
{
	const char *p = strstr(msg, key);
	if (p == NULL)
		return 0;
	p += strlen(key);
	size_t n = strcspn(p, " ,:\n");
	if (n == 0 || n >= size)
		return 0;
	memcpy(out, p, n);
	out[n] = '\0';
	return 1;
}

static void report(struct diag_ctx *d, struct source *s, xmlNode *node, const char *msg)
{
	char a[128], b[128];
	const char *el = node && node->name ? (const char *)node->name : "?";
	size_t off = node ? srcmap_node(&s->src, node) : SRC_NOWHERE;
	if (word_after(msg, "Expecting element ", a, sizeof a) && word_after(msg, ", got ", b, sizeof b))
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> is not allowed here: expected <%s>", b, a);
	else if (word_after(msg, "Expecting an element ", a, sizeof a))
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> lacks a required <%s> element", el, a);
	else if (word_after(msg, "Did not expect element ", a, sizeof a))
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> is not allowed here (check its place and the order of elements in <%s>)", a,
		            node && node->parent ? (const char *)node->parent->name : "?");
	else if (word_after(msg, "Invalid attribute ", a, sizeof a))
		diag_report(d, R_SCHEMA, &s->src, node ? srcmap_attr(&s->src, node, a) : off,
		            "<%s> has no attribute '%s' in the source format", el, a);
	else if (word_after(msg, "Element ", a, sizeof a) && strstr(msg, "failed to validate attributes"))
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> lacks a required attribute, or one of its attributes has a value the format does not allow", a);
	else if (strstr(msg, "has wrong namespace") || strstr(msg, "Expecting a namespace"))
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> is not in the kpic namespace: the root must be <strategy xmlns=\"urn:x-kpic:strategy:1\">", el);
	else if (strstr(msg, "Expecting element strategy") || (node && node->parent && node->parent->type == XML_DOCUMENT_NODE && strcmp(el, "strategy")))
		diag_report(d, R_SCHEMA, &s->src, off, "the root element must be <strategy>, not <%s>", el);
	else if (strstr(msg, "Error validating datatype") || strstr(msg, "Value doesn't match") ||
	         strstr(msg, "failed to validate content") || strstr(msg, "Error validating value"))
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> has content the format does not allow here (%s)", el, msg);
	else
		diag_report(d, R_SCHEMA, &s->src, off, "%s", msg);
}

int schema_validate(struct schema *sc, struct source *s, struct diag_ctx *d)
{
	struct collect c = { 0 };
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(sc->rng);
	xmlRelaxNGSetValidStructuredErrors(vc, on_rng_error, &c);
	xmlSetStructuredErrorFunc(NULL, ignore_error);
	int rc = xmlRelaxNGValidateDoc(vc, s->doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeValidCtxt(vc);
	int reported = 0;
	for (size_t i = 0; i < c.n; i++) {
		int drop = 0;
		for (size_t j = 0; j < c.n && !drop; j++) {
			if (i == j)
				continue;
			/* an ancestor's summary of a problem reported inside it */
			if (is_ancestor(c.list[i].node, c.list[j].node) && is_generic(c.list[i].msg))
				drop = 1;
			/* the same element reported twice: keep the first */
			if (j < i && c.list[j].node == c.list[i].node)
				drop = 1;
		}
		if (!drop) {
			report(d, s, c.list[i].node, c.list[i].msg);
			reported++;
		}
	}
	if (rc != 0 && reported == 0) {
		diag_report(d, R_SCHEMA, &s->src, 0, "the document does not match the kpic source format");
		reported++;
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.list[i].msg);
	free(c.list);
	return reported;
}

/*
 * schema.c - RELAX NG validation with kpic's own messages (see schema.h).
 *
 * libxml2 reports one structural problem several times: once where it is and
 * again as "failed to validate content" on every ancestor.  We keep only the
 * most specific report for each element and drop ancestors of an element that
 * already has one.
 */
#include "schema.h"
#include "i18n.h"
#include "decimal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

/* An attribute whose values the schema enumerates, for precise messages.
 * element is NULL when the attribute is declared in a shared <define>. */
struct enum_attr {
	char *element, *attr;
	char **values;
	size_t nvalues;
};

/* The attributes an element must have, from the schema's own text. */
struct required {
	char *element;
	char **attrs;
	size_t nattrs;
	char **elems;            /* required child elements */
	size_t nelems;
};

struct schema {
	xmlRelaxNGPtr rng;
	struct enum_attr *enums;
	size_t nenums;
	struct required *reqs;
	size_t nreqs;
};

/* One report of the validator: its code (xmlRelaxNGValidErr) and the names
 * the code's message would quote (str1, str2: element, attribute, type or
 * value), kept apart from libxml2's English, which is shown only for a code
 * kpic has no words for. */
struct rng_error {
	xmlNode *node;
	int code;
	char *str1, *str2;
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

static int rng_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static void collect_values(xmlNode *n, struct enum_attr *e)
{
	for (; n; n = n->next) {
		if (rng_el(n, "value")) {
			xmlChar *v = xmlNodeGetContent(n);
			e->values = xrealloc(e->values, (e->nvalues + 1) * sizeof *e->values);
			e->values[e->nvalues++] = xstrdup((const char *)v);
			xmlFree(v);
		} else if (rng_el(n, "choice")) {
			collect_values(n->children, e);
		}
	}
}

/* Finds <attribute name=…><choice><value>… in the schema's own text, so
 * that the messages list exactly what the schema allows. */
static void collect_enums(struct schema *s, xmlNode *n, const char *element)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *name = xmlGetNoNsProp(n, (const xmlChar *)"name");
		if (rng_el(n, "attribute") && name) {
			struct enum_attr e = { element ? xstrdup(element) : NULL, xstrdup((const char *)name), NULL, 0 };
			collect_values(n->children, &e);
			if (e.nvalues) {
				s->enums = xrealloc(s->enums, (s->nenums + 1) * sizeof *s->enums);
				s->enums[s->nenums++] = e;
			} else {
				free(e.element);
				free(e.attr);
			}
		} else {
			collect_enums(s, n->children, rng_el(n, "element") ? (const char *)name :
			                              rng_el(n, "define") ? NULL : element);
		}
		xmlFree(name);
	}
}

static xmlNode *find_define(xmlNode *root, const char *name)
{
	for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
		if (!rng_el(n, "define"))
			continue;
		xmlChar *dn = xmlGetNoNsProp(n, (const xmlChar *)"name");
		int match = dn && !strcmp((const char *)dn, name);
		xmlFree(dn);
		if (match)
			return n;
	}
	return NULL;
}

/* Adds the attributes that n's content requires: <attribute> not under
 * <optional>/<zeroOrMore>/<choice>, following <ref>s into their <define>. */
static void required_of(xmlNode *root, xmlNode *n, struct required *r, int depth)
{
	for (; n && depth < 16; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || rng_el(n, "optional") || rng_el(n, "zeroOrMore") ||
		    rng_el(n, "choice"))
			continue;
		xmlChar *name = xmlGetNoNsProp(n, (const xmlChar *)"name");
		if (rng_el(n, "element") && name) {
			r->elems = xrealloc(r->elems, (r->nelems + 1) * sizeof *r->elems);
			r->elems[r->nelems++] = xstrdup((const char *)name);
		} else if (rng_el(n, "element")) {
			/* an element without a name attribute: nothing to require */
		} else if (rng_el(n, "attribute") && name) {
			r->attrs = xrealloc(r->attrs, (r->nattrs + 1) * sizeof *r->attrs);
			r->attrs[r->nattrs++] = xstrdup((const char *)name);
		} else if (rng_el(n, "ref") && name) {
			xmlNode *d = find_define(root, (const char *)name);
			if (d)
				required_of(root, d->children, r, depth + 1);
		} else {
			required_of(root, n->children, r, depth + 1);
		}
		xmlFree(name);
	}
}

static void collect_required(struct schema *s, xmlNode *root, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *name = xmlGetNoNsProp(n, (const xmlChar *)"name");
		if (rng_el(n, "element") && name) {
			struct required r = { xstrdup((const char *)name), NULL, 0, NULL, 0 };
			required_of(root, n->children, &r, 0);
			s->reqs = xrealloc(s->reqs, (s->nreqs + 1) * sizeof *s->reqs);
			s->reqs[s->nreqs++] = r;
		}
		xmlFree(name);
		collect_required(s, root, n->children);
	}
}

struct schema *schema_load(const char *path)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	if (pc == NULL)
		return NULL;
	xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rng == NULL) {
		fprintf(stderr, _("kpic: cannot load the schema %s\n"), path);
		return NULL;
	}
	struct schema *s = xcalloc(1, sizeof *s);
	s->rng = rng;
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (doc) {
		collect_enums(s, xmlDocGetRootElement(doc), NULL);
		collect_required(s, xmlDocGetRootElement(doc), xmlDocGetRootElement(doc));
	}
	xmlFreeDoc(doc);
	return s;
}

void schema_free(struct schema *s)
{
	if (s == NULL)
		return;
	xmlRelaxNGFree(s->rng);
	for (size_t i = 0; i < s->nenums; i++) {
		for (size_t j = 0; j < s->enums[i].nvalues; j++)
			free(s->enums[i].values[j]);
		free(s->enums[i].values);
		free(s->enums[i].element);
		free(s->enums[i].attr);
	}
	free(s->enums);
	for (size_t i = 0; i < s->nreqs; i++) {
		for (size_t j = 0; j < s->reqs[i].nattrs; j++)
			free(s->reqs[i].attrs[j]);
		free(s->reqs[i].attrs);
		for (size_t j = 0; j < s->reqs[i].nelems; j++)
			free(s->reqs[i].elems[j]);
		free(s->reqs[i].elems);
		free(s->reqs[i].element);
	}
	free(s->reqs);
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
	c->list[c->n].code = e->code;
	c->list[c->n].str1 = xstrdup(e->str1 ? e->str1 : "");
	c->list[c->n].str2 = xstrdup(e->str2 ? e->str2 : "");
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

/* The summaries libxml2 repeats on the ancestors of a problem. */
static int is_generic(int code)
{
	return code == XML_RELAXNG_ERR_CONTENTVALID || code == XML_RELAXNG_ERR_EXTRACONTENT ||
	       code == XML_RELAXNG_ERR_INTERSEQ || code == XML_RELAXNG_ERR_INTEREXTRA ||
	       code == XML_RELAXNG_ERR_VALUE;
}

/* Reports the first attribute of node whose value the schema's enumeration
 * for it does not contain.  Returns 1 if it found one. */
static int report_enum(const struct schema *sc, struct diag_ctx *d, struct source *s, xmlNode *node)
{
	for (xmlAttr *a = node ? node->properties : NULL; a; a = a->next) {
		const struct enum_attr *match = NULL;
		int ok = 0;
		for (size_t i = 0; i < sc->nenums && !ok; i++) {
			const struct enum_attr *e = &sc->enums[i];
			if (strcmp(e->attr, (const char *)a->name) ||
			    (e->element && strcmp(e->element, (const char *)node->name)))
				continue;
			if (match == NULL || (e->element && !match->element))
				match = e;
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			for (size_t j = 0; j < e->nvalues && !ok; j++)
				ok = !strcmp(e->values[j], (const char *)v);
			xmlFree(v);
		}
		if (match == NULL || ok)
			continue;
		struct buf list = BUF_INIT;
		for (size_t j = 0; j < match->nvalues; j++)
			buf_printf(&list, "%s\"%s\"", j ? (j + 1 == match->nvalues ? " or " : ", ") : "", match->values[j]);
		xmlChar *v = xmlNodeGetContent((xmlNode *)a);
		diag_report(d, R_SCHEMA, &s->src, srcmap_attr(&s->src, node, (const char *)a->name),
		            "%s=\"%s\" is not allowed on <%s>: use %s", (const char *)a->name, (const char *)v,
		            (const char *)node->name, buf_str(&list));
		xmlFree(v);
		buf_free(&list);
		return 1;
	}
	return 0;
}

/* Reports a required attribute that node lacks.  An element name may be
 * declared more than once (<title> everywhere): only a requirement common to
 * every declaration is reported.  Returns 1 if it found one. */
static int report_required(const struct schema *sc, struct diag_ctx *d, struct source *s, xmlNode *node)
{
	if (node == NULL)
		return 0;
	const struct required *first = NULL;
	/* libxml2 reports some attribute errors without a node (found by
	 * fuzzing: an unknown attribute on a <series>) */
	if (node == NULL)
		return 0;
	for (size_t i = 0; i < sc->nreqs && !first; i++)
		if (!strcmp(sc->reqs[i].element, (const char *)node->name))
			first = &sc->reqs[i];
	for (size_t j = 0; first && j < first->nattrs; j++) {
		const char *a = first->attrs[j];
		int everywhere = 1;
		for (size_t i = 0; i < sc->nreqs; i++) {
			if (strcmp(sc->reqs[i].element, (const char *)node->name))
				continue;
			int has = 0;
			for (size_t k = 0; k < sc->reqs[i].nattrs; k++)
				has |= !strcmp(sc->reqs[i].attrs[k], a);
			everywhere &= has;
		}
		if (!everywhere || xmlHasProp(node, (const xmlChar *)a))
			continue;
		diag_report(d, R_SCHEMA, &s->src, srcmap_node(&s->src, node),
		            "<%s> lacks the required attribute '%s'", (const char *)node->name, a);
		return 1;
	}
	return 0;
}

static int has_child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return 1;
	return 0;
}

/* For an element the validator did not expect: if its parent lacks a child
 * every declaration of the parent requires, that is the real problem. */
static int report_missing_child(const struct schema *sc, struct diag_ctx *d, struct source *s, xmlNode *node)
{
	xmlNode *p = node ? node->parent : NULL;
	if (p == NULL || p->type != XML_ELEMENT_NODE)
		return 0;
	const struct required *first = NULL;
	for (size_t i = 0; i < sc->nreqs && !first; i++)
		if (!strcmp(sc->reqs[i].element, (const char *)p->name))
			first = &sc->reqs[i];
	for (size_t j = 0; first && j < first->nelems; j++) {
		const char *e = first->elems[j];
		int everywhere = 1;
		for (size_t i = 0; i < sc->nreqs; i++) {
			if (strcmp(sc->reqs[i].element, (const char *)p->name))
				continue;
			int has = 0;
			for (size_t k = 0; k < sc->reqs[i].nelems; k++)
				has |= !strcmp(sc->reqs[i].elems[k], e);
			everywhere &= has;
		}
		if (!everywhere || has_child(p, e))
			continue;
		diag_report(d, R_SCHEMA, &s->src, srcmap_node(&s->src, node),
		            "<%s> lacks its required <%s> element, expected before <%s>",
		            (const char *)p->name, e, (const char *)node->name);
		return 1;
	}
	return 0;
}

/* libxml2 sometimes reports "Element E failed to validate attributes" with
 * no node (an element inside a zeroOrMore it gave up matching).  The first
 * element E whose attributes kpic can fault is the one meant. */
static int report_attributes_of(const struct schema *sc, struct diag_ctx *d, struct source *s,
                                xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)n->name, name) &&
		    (report_enum(sc, d, s, n) || report_required(sc, d, s, n)))
			return 1;
		if (report_attributes_of(sc, d, s, n->children, name))
			return 1;
	}
	return 0;
}

static const char *type_words(const char *type)
{
	if (!strcmp(type, "positiveInteger")) return _("a whole number above 0");
	if (!strcmp(type, "token")) return _("a single word");
	return type;
}

/* An XInclude element: the loader never expands one (no XML_PARSE_XINCLUDE),
 * so to the schema it is just an unknown element; say what it is instead. */
static int is_xinclude(const xmlNode *node)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
	       (!strcmp((const char *)node->ns->href, "http://www.w3.org/2001/XInclude") ||
	        !strcmp((const char *)node->ns->href, "http://www.w3.org/2003/XInclude"));
}

/* An element the validator did not expect where it is. */
static void report_unexpected(const struct schema *sc, struct diag_ctx *d, struct source *s, xmlNode *node,
                              const char *name, size_t off)
{
	if (report_missing_child(sc, d, s, node))
		return;
	diag_report(d, R_SCHEMA, &s->src, off, "<%s> is not allowed here (check its place and the order of elements in <%s>)", name,
	            node && node->parent ? (const char *)node->parent->name : "?");
}

/* Problems with an element's attributes. */
static int report_attribute(const struct schema *sc, struct diag_ctx *d, struct source *s, xmlNode *node,
                            const struct rng_error *e, const char *el, size_t off)
{
	if (e->code != XML_RELAXNG_ERR_ATTRVALID && e->code != XML_RELAXNG_ERR_INVALIDATTR)
		return 0;
	if (report_enum(sc, d, s, node) || report_required(sc, d, s, node))
		return 1;
	if (node == NULL && e->code == XML_RELAXNG_ERR_ATTRVALID && *e->str1 &&
	    report_attributes_of(sc, d, s, xmlDocGetRootElement(s->doc), e->str1))
		return 1;
	if (e->code == XML_RELAXNG_ERR_INVALIDATTR && *e->str1)
		diag_report(d, R_SCHEMA, &s->src, node ? srcmap_attr(&s->src, node, e->str1) : off,
		            "<%s> has no attribute '%s' in the source format", el, e->str1);
	else
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> lacks a required attribute, or one of its attributes has a value the format does not allow",
		            *e->str1 ? e->str1 : el);
	return 1;
}

/* Problems with an element's place, name or namespace. */
static int report_element(const struct schema *sc, struct diag_ctx *d, struct source *s, xmlNode *node,
                          const struct rng_error *e, const char *el, size_t off)
{
	switch (e->code) {
	case XML_RELAXNG_ERR_ELEMNAME:
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> is not allowed here: expected <%s>", e->str2, e->str1);
		return 1;
	case XML_RELAXNG_ERR_NOELEM:
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> lacks a required <%s> element", el, e->str1);
		return 1;
	case XML_RELAXNG_ERR_ELEMWRONG:
	case XML_RELAXNG_ERR_INTEREXTRA:
		report_unexpected(sc, d, s, node, *e->str1 ? e->str1 : el, off);
		return 1;
	case XML_RELAXNG_ERR_ELEMWRONGNS:
	case XML_RELAXNG_ERR_ELEMNONS:
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> is not in the kpic namespace: the root must be <strategy xmlns=\"urn:x-kpic:strategy:1\">", el);
		return 1;
	default:
		break;
	}
	if (node && node->parent && node->parent->type == XML_DOCUMENT_NODE && strcmp(el, "strategy")) {
		diag_report(d, R_SCHEMA, &s->src, off, "the root element must be <strategy>, not <%s>", el);
		return 1;
	}
	return 0;
}

/* Problems with what an element holds. */
static int report_content(struct diag_ctx *d, struct source *s, const struct rng_error *e, const char *el, size_t off)
{
	char half[64];
	switch (e->code) {
	case XML_RELAXNG_ERR_TYPEVAL:
		if (kdec_halfwidth(e->str2, strlen(e->str2), half, sizeof half) & KDEC_FW_DIGIT)
			diag_report(d, R_SCHEMA, &s->src, off, "<%s> must be %s, not '%s', which is in full-width digits: write %s",
			            el, type_words(e->str1), e->str2, half);
		else
			diag_report(d, R_SCHEMA, &s->src, off, "<%s> must be %s, not '%s'", el, type_words(e->str1), e->str2);
		return 1;
	case XML_RELAXNG_ERR_DATATYPE:
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> must be %s", el, type_words(e->str1));
		return 1;
	case XML_RELAXNG_ERR_TEXTWRONG:
	case XML_RELAXNG_ERR_NOTELEM:
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> holds text where the format allows only elements: remove the text, or move it into the element it belongs to", el);
		return 1;
	case XML_RELAXNG_ERR_ELEMNOTEMPTY:
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> must be empty here", el);
		return 1;
	case XML_RELAXNG_ERR_VALUE:
	case XML_RELAXNG_ERR_CONTENTVALID:
	case XML_RELAXNG_ERR_EXTRACONTENT:
	case XML_RELAXNG_ERR_INTERSEQ:
	case XML_RELAXNG_ERR_LACKDATA:
		diag_report(d, R_SCHEMA, &s->src, off, "<%s> has content the format does not allow here", el);
		return 1;
	default:
		return 0;
	}
}

/* Reports one validator error, recognised by its code. */
static void report(const struct schema *sc, struct diag_ctx *d, struct source *s, const struct rng_error *e)
{
	xmlNode *node = e->node;
	const char *el = node && node->name ? (const char *)node->name : "?";
	size_t off = node ? srcmap_node(&s->src, node) : SRC_NOWHERE;
	if (is_xinclude(node)) {
		diag_report(d, R_SCHEMA, &s->src, off,
		            "<%s> is an XInclude, which kpic does not support: a source is read as one file and never "
		            "includes another; put the content here", el);
		return;
	}
	if (report_attribute(sc, d, s, node, e, el, off) || report_element(sc, d, s, node, e, el, off) ||
	    report_content(d, s, e, el, off))
		return;
	/* TRANSLATORS: %s is libxml2's English for a validation error kpic has
	   no words of its own for. */
	diag_report(d, R_SCHEMA, &s->src, off, "the document does not match the kpic source format here (%s)", e->msg);
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
			if (is_ancestor(c.list[i].node, c.list[j].node) && is_generic(c.list[i].code))
				drop = 1;
			/* the same element reported twice: keep the first */
			if (j < i && c.list[j].node == c.list[i].node)
				drop = 1;
			/* a report without a node (libxml2 gives "Element series failed
			 * to validate attributes" so) when another one has the place */
			if (c.list[i].node == NULL && c.list[j].node != NULL)
				drop = 1;
		}
		if (!drop) {
			report(sc, d, s, &c.list[i]);
			reported++;
		}
	}
	if (rc != 0 && reported == 0) {
		diag_report(d, R_SCHEMA, &s->src, 0, "the document does not match the kpic source format");
		reported++;
	}
	for (size_t i = 0; i < c.n; i++) {
		free(c.list[i].msg);
		free(c.list[i].str1);
		free(c.list[i].str2);
	}
	free(c.list);
	return reported;
}

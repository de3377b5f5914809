/*
 * fuzz_html.c - libFuzzer harness: any bytes as a source, compiled, and when
 * it compiles, rendered as the HTML verification document (enrich +
 * templates/kensho.xsl through html_render()).
 *
 * Invariants, besides no crash, leak, hang or sanitizer report:
 *   - every source that compiles renders: a stylesheet failure on a source
 *     kpic check accepts is a bug in the rules or in the templates;
 *   - the stylesheet says nothing (no error or warning text);
 *   - the page is UTF-8, starts with the HTML5 doctype, and, parsed as HTML,
 *     has no script but the templates' own KPI finder (an attribute-less
 *     <script> whose text is kensho.js), no event-handler attribute and no
 *     link or resource that leaves the page (only "#fragment" hrefs and data:
 *     images): whatever text the source holds stays text.
 * Much slower than fuzz_compile (the stylesheet is compiled for each page),
 * so it runs only what compiles that far.
 */
#include "compile.h"
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxslt/xslt.h>

#include "fuzz.h"

static struct schema *schema;
static const char *input;
static struct buf finder = BUF_INIT;   /* templates/kensho.js, its ends trimmed */

/* kensho.js as the page inlines it: without blank space at its ends. */
static void read_finder(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/kensho.js", fuzz_templates());
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&finder, chunk, n);
	fclose(f);
	size_t a = 0, z = finder.len;
	while (a < z && strchr(" \t\r\n", finder.data[a]))
		a++;
	while (z > a && strchr(" \t\r\n", finder.data[z - 1]))
		z--;
	memmove(finder.data, finder.data + a, z - a);
	finder.len = z - a;
	finder.data[finder.len] = '\0';
}

/* The page's own finder: <script> with no attribute and kensho.js as its text. */
static int is_finder(const xmlNode *n)
{
	if (xmlStrcasecmp(n->name, (const xmlChar *)"script") || n->properties || finder.len == 0)
		return 0;
	xmlChar *t = xmlNodeGetContent(n);
	int same = t && strcmp((const char *)t, buf_str(&finder)) == 0;
	xmlFree(t);
	return same;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xsltInit();
	schema = fuzz_schema("fuzz_html");
	input = fuzz_input_file("strategy.xml");
	read_finder();
	return 0;
}

static int starts(const xmlChar *s, const char *prefix)
{
	return s && !xmlStrncasecmp(s, (const xmlChar *)prefix, (int)strlen(prefix));
}

/* Nothing active and nothing outside the page, anywhere in the tree. */
static void check_tree(const xmlNode *n, const char *page)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || is_finder(n))
			continue;
		FUZZ_ASSERT(xmlStrcasecmp(n->name, (const xmlChar *)"script") &&
		            xmlStrcasecmp(n->name, (const xmlChar *)"iframe") &&
		            xmlStrcasecmp(n->name, (const xmlChar *)"object") &&
		            xmlStrcasecmp(n->name, (const xmlChar *)"embed"),
		            "a <%s> element in the page:\n%s", (const char *)n->name, page);
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
			FUZZ_ASSERT(!starts(a->name, "on"), "an event handler %s=\"%s\"", (const char *)a->name,
			            (const char *)v);
			if (!xmlStrcasecmp(a->name, (const xmlChar *)"href") ||
			    !xmlStrcasecmp(a->name, (const xmlChar *)"xlink:href"))
				FUZZ_ASSERT(starts(v, "#"), "a link out of the page: href=\"%s\"", (const char *)v);
			if (!xmlStrcasecmp(a->name, (const xmlChar *)"src"))
				FUZZ_ASSERT(starts(v, "data:image/"), "a resource: src=\"%s\"", (const char *)v);
			xmlFree(v);
		}
		check_tree(n->children, page);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write_input(data, size);
	struct diag_ctx d;
	diag_init(&d);
	struct unit u;
	enum compile_result r = compile_source(input, schema, &d, &u, NULL);
	diag_free(&d);
	if (r == COMPILE_OK) {
		struct buf page = BUF_INIT, err = BUF_INIT;
		int rc = html_render(&u, input, fuzz_templates(), "kensho.xsl", &page, &err, NULL);
		FUZZ_ASSERT(rc == 0, "a source that compiles does not render:\n%s", buf_str(&err));
		FUZZ_ASSERT(err.len == 0, "the stylesheet said:\n%s", buf_str(&err));
		FUZZ_ASSERT(fuzz_utf8(buf_str(&page), page.len), "the page is not UTF-8");
		FUZZ_ASSERT(!strncmp(buf_str(&page), "<!DOCTYPE html>\n<html", 21), "the page starts %.40s",
		            buf_str(&page));
		htmlDocPtr h = htmlReadMemory(buf_str(&page), (int)page.len, "kensho.html", "UTF-8",
		                              HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		FUZZ_ASSERT(h != NULL, "the page does not parse as HTML");
		check_tree(xmlDocGetRootElement(h), buf_str(&page));
		xmlFreeDoc(h);
		buf_free(&page);
		buf_free(&err);
	}
	compile_unit_free(&u);
	return 0;
}

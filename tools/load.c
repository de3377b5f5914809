/*
 * load.c - the first pass: bytes to tree (see load.h).
 */
#include "load.h"
#include "jfmt.h"
#include "srcbytes.h"
#include "xmlerr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* The parser options: no network, big line numbers, nothing else.  Notably
 * not NOENT (substitutes entities: reads files), DTDLOAD, XINCLUDE or HUGE
 * (lifts the depth and size limits). */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING)

char *load_read_all(const char *path, size_t *len, int *err, int *too_large)
{
	*too_large = 0;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		*err = errno;
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		*err = EISDIR;
		return NULL;
	}
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > LOAD_MAX_BYTES) {
			*too_large = 1;
			break;
		}
		buf_put(&b, chunk, n);
	}
	*err = ferror(f) ? errno : 0;
	fclose(f);
	if (*err || *too_large) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.data ? b.data : xcalloc(1, 1);
}

/* libxml2 reports a failed allocation as an error of the document, which
 * kpic would print as a syntax error of the source. */
static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	if (e != NULL && e->code == XML_ERR_NO_MEMORY)
		xoom();
	xmlerr_capture(ctx, e);
}

static int check_encoding(struct diag_ctx *d, struct srcfile *src)
{
	size_t bad;
	if (jfmt_utf8_valid(src->text, src->len, &bad))
		return 0;
	diag_report(d, R_ENCODING, src, bad,
	            "invalid UTF-8 (byte 0x%02X); kpic reads UTF-8 only: convert the file, e.g. with iconv -f SHIFT_JIS -t UTF-8",
	            (unsigned char)src->text[bad]);
	return -1;
}

/* Offset of a DOCTYPE before the root element, or SRC_NOWHERE.  Checked
 * before parsing too, since libxml2 may fail inside a hostile internal subset
 * (an entity loop) and report that instead of the real problem. */
static size_t find_doctype(const struct srcfile *src)
{
	const char *at = strstr(src->text, "<!DOCTYPE");
	if (at == NULL)
		return SRC_NOWHERE;
	for (const char *p = src->text; p < at; p++)
		if (p[0] == '<' && p[1] != '?' && p[1] != '!')
			return SRC_NOWHERE;   /* after the root's start tag: text, not a DOCTYPE */
	return (size_t)(at - src->text);
}

static int check_doctype(struct diag_ctx *d, struct srcfile *src, xmlDoc *doc)
{
	size_t at = find_doctype(src);
	if (at == SRC_NOWHERE && (doc == NULL || (doc->intSubset == NULL && doc->extSubset == NULL)))
		return 0;
	diag_report(d, R_DOCTYPE, src, at == SRC_NOWHERE ? 0 : at,
	            "DOCTYPE declarations are not allowed in kpic sources: entities could read local files or expand without limit; remove it");
	return -1;
}

/* Whether the error libxml2 reported once told that the text ends (the
 * cut text of refuse_attrs) is the text's ending: its elements still open,
 * nothing after its root. */
static int at_the_end(const struct xml_error *pe)
{
	return pe->code == XML_ERR_DOCUMENT_END || pe->code == XML_ERR_TAG_NOT_FINISHED ||
	       pe->code == XML_ERR_DOCUMENT_EMPTY;
}

/* A start tag at `at` has more attributes than kpic reads (srclimits_attrs):
 * libxml2 parses only what precedes it, so that a well-formedness error
 * there, or another limit passed, is reported as the whole file's would be;
 * otherwise the limit is, at the tag.  libxml2 holds back what it cannot
 * finish yet (a '&' waiting for its ';'), so the cut text is then ended:
 * an error that only says it ended with its elements open is not the
 * file's.  Always NULL. */
static xmlDoc *refuse_attrs(struct diag_ctx *d, struct srcfile *src, size_t at, const char *msg)
{
	struct xml_error pe = { 0 };
	xmlParserCtxt *ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, src->path);
	if (ctxt == NULL)
		xoom();
	xmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
	struct limits_scan ls;
	srclimits_watch(ctxt, &ls, src->text, at);
	xmlSetStructuredErrorFunc(&pe, on_xml_error);
	xmlParseChunk(ctxt, src->text, (int)at, 0);
	if (!pe.seen && !ls.exceeded) {
		xmlParseChunk(ctxt, NULL, 0, 1);
		if (pe.seen && at_the_end(&pe))
			pe.seen = 0;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ctxt->errNo == XML_ERR_NO_MEMORY)
		xoom();
	xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	if (ls.exceeded)
		diag_report(d, R_LIMIT, src, ls.at, "%s", ls.msg);
	else if (pe.seen)
		xmlerr_report(d, src, &pe);
	else
		diag_report(d, R_LIMIT, src, at, "%s", msg);
	return NULL;
}

static xmlDoc *parse(struct diag_ctx *d, struct srcfile *src)
{
	size_t many_at;
	char many[256];
	if (srclimits_attrs(src->text, src->len, &many_at, many, sizeof many))
		return refuse_attrs(d, src, many_at, many);
	struct xml_error pe = { 0 };
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		xoom();
	struct limits_scan ls;
	srclimits_watch(ctxt, &ls, src->text, src->len);
	xmlSetStructuredErrorFunc(&pe, on_xml_error);
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, src->text, (int)src->len, src->path, "UTF-8", PARSE_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ctxt->errNo == XML_ERR_NO_MEMORY)
		xoom();
	int wellformed = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	if (ls.exceeded) {
		/* the parser was stopped there: what it says after is not news */
		diag_report(d, R_LIMIT, src, ls.at, "%s", ls.msg);
		xmlFreeDoc(doc);
		return NULL;
	}
	if (doc && wellformed && !pe.seen)
		return doc;
	xmlerr_report(d, src, &pe);
	xmlFreeDoc(doc);
	return NULL;
}

enum load_result load_source(const char *path, struct diag_ctx *d, struct source *s)
{
	memset(s, 0, sizeof *s);
	size_t len = 0;
	int err, too_large;
	char *text = load_read_all(path, &len, &err, &too_large);
	if (text != NULL)
		return load_source_text(path, text, len, d, s);
	srcmap_init(&s->src, path, text, len);
	if (too_large)
		diag_report(d, R_FILE_TOO_LARGE, &s->src, SRC_NOWHERE,
		            "the file is larger than 64 MiB; a strategy source is a few hundred KiB: is this the right file?");
	else
		diag_report(d, R_UNREADABLE, &s->src, SRC_NOWHERE, "cannot read: %s", strerror(err));
	return too_large ? LOAD_BAD : LOAD_UNREADABLE;
}

enum load_result load_source_text(const char *path, char *text, size_t len, struct diag_ctx *d,
                                  struct source *s)
{
	memset(s, 0, sizeof *s);
	srcmap_init(&s->src, path, text, len);
	if (len == 0) {
		diag_report(d, R_EMPTY_FILE, &s->src, SRC_NOWHERE, "the file is empty; expected a <strategy> document");
		return LOAD_BAD;
	}
	if (srcbytes_check(d, &s->src) < 0 || check_encoding(d, &s->src) < 0 ||
	    check_doctype(d, &s->src, NULL) < 0)
		return LOAD_BAD;
	xmlDoc *doc = parse(d, &s->src);
	if (doc == NULL)
		return LOAD_BAD;
	if (check_doctype(d, &s->src, doc) < 0) {
		xmlFreeDoc(doc);
		return LOAD_BAD;
	}
	if (srcmap_bind(&s->src, doc) < 0) {
		diag_report(d, R_XML_SYNTAX, &s->src, SRC_NOWHERE,
		            "internal error: kpic could not index the file's tags; please report this file");
		xmlFreeDoc(doc);
		return LOAD_BAD;
	}
	s->doc = doc;
	return LOAD_OK;
}

void load_source_free(struct source *s)
{
	xmlFreeDoc(s->doc);
	srcmap_free(&s->src);
}

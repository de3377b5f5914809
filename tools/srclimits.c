/*
 * srclimits.c - counting what a source holds while it is parsed (see srclimits.h).
 *
 * The counts are taken from the SAX events that build the tree, not from the
 * tree afterwards: a source of a million KPIs is stopped at the first KPI past
 * the limit, before the rest of it costs memory and time.  The tree builder's
 * own callbacks are called on unchanged.
 */
#include "srclimits.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

enum kind { K_OTHER, K_KPI, K_SERIES, K_NAME, K_TEXT };

static struct limits_scan *scan_of(void *ctx)
{
	return ((xmlParserCtxt *)ctx)->_private;
}

/* Offset of the '<' of the start tag being parsed: libxml2 is past (or
 * inside) it, and a tag holds no other '<' (not even in its attributes). */
static size_t tag_offset(xmlParserCtxt *ctxt, const struct limits_scan *ls)
{
	const xmlParserInput *in = ctxt->input;
	size_t off = in ? (size_t)in->consumed + (size_t)(in->cur - in->base) : 0;
	if (off > ls->len)
		off = ls->len;
	while (off > 0 && ls->text[off] != '<')
		off--;
	return off;
}

/* "100000" as "100,000". */
static const char *grouped(long n, char *buf, size_t size)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%ld", n), o = 0;
	for (int i = 0; i < len && (size_t)o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* fmt is translated here: po/xgettext.sh knows exceed(). */
static void exceed(xmlParserCtxt *ctxt, struct limits_scan *ls, size_t at, const char *fmt, long limit)
{
	char n[32];
	if (ls->exceeded)
		return;
	ls->exceeded = 1;
	ls->at = at;
	snprintf(ls->msg, sizeof ls->msg, _(fmt), grouped(limit, n, sizeof n));
	(void)ctxt;
}

/* Stops the parser once the event that passed a limit has been handed on:
 * stopping frees the input, which that event's strings point into. */
static void stop_if_exceeded(xmlParserCtxt *ctxt, struct limits_scan *ls)
{
	if (ls->exceeded && !ls->stopped) {
		ls->stopped = 1;
		xmlStopParser(ctxt);
	}
}

/* After a well-formedness error libxml2 parses on (and hands text on, even
 * with its SAX disabled), but what it sees is no longer the source's
 * structure: a stray '&' or a missing </name> would make the rest of the file
 * one long name.  Nothing is counted then, so the syntax error is reported. */
static int broken(void *ctx)
{
	return !((xmlParserCtxt *)ctx)->wellFormed;
}

static enum kind kind_of(const xmlChar *name)
{
	const char *n = (const char *)name;
	if (strcmp(n, "kpi") == 0)
		return K_KPI;
	if (strcmp(n, "series") == 0)
		return K_SERIES;
	if (strcmp(n, "name") == 0 || strcmp(n, "title") == 0 || strcmp(n, "department") == 0)
		return K_NAME;
	/* the blocks of text the PDF lays out as one (LIMIT_TEXT_CHARS) */
	if (strcmp(n, "p") == 0 || strcmp(n, "item") == 0 || strcmp(n, "cell") == 0 ||
	    strcmp(n, "caption") == 0 || strcmp(n, "note") == 0 || strcmp(n, "method") == 0)
		return K_TEXT;
	return K_OTHER;
}

static size_t utf8_chars(const xmlChar *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += (s[i] & 0xC0) != 0x80;
	return n;
}

/* The series' label= is a name too. */
static void check_label(xmlParserCtxt *ctxt, struct limits_scan *ls, int nattr, const xmlChar **attrs)
{
	for (int i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + 5 * i;   /* localname, prefix, URI, value, end */
		if (strcmp((const char *)a[0], "label") == 0 &&
		    utf8_chars(a[3], (size_t)(a[4] - a[3])) > LIMIT_NAME_CHARS)
			exceed(ctxt, ls, tag_offset(ctxt, ls),
			       "this series' label is longer than %s characters, kpic's limit for names: shorten it and put the detail in a <note>",
			       LIMIT_NAME_CHARS);
	}
}

/* Counts the element that starts; the element it is in is parent[depth - 1]. */
static void count(xmlParserCtxt *ctxt, struct limits_scan *ls, enum kind k, const xmlChar *name,
                  int nattr, const xmlChar **attrs)
{
	enum kind up = ls->depth > 0 && ls->depth <= sizeof ls->parent ? (enum kind)ls->parent[ls->depth - 1] : K_OTHER;
	if (k == K_KPI) {
		ls->series = ls->values = 0;
		if (++ls->kpis > LIMIT_KPIS)
			exceed(ctxt, ls, tag_offset(ctxt, ls),
			       "more than %s KPIs in one source, kpic's limit: a strategy has tens or hundreds; split the source, or check the program that wrote it",
			       LIMIT_KPIS);
	} else if (k == K_SERIES && up == K_KPI) {
		ls->values = 0;
		check_label(ctxt, ls, nattr, attrs);
		if (++ls->series > LIMIT_SERIES_PER_KPI)
			exceed(ctxt, ls, tag_offset(ctxt, ls),
			       "this KPI has more than %s series, kpic's limit per KPI: make several KPIs of it",
			       LIMIT_SERIES_PER_KPI);
	} else if (strcmp((const char *)name, "value") == 0 && (up == K_KPI || up == K_SERIES)) {
		if (++ls->values > LIMIT_VALUES_PER_SERIES)
			exceed(ctxt, ls, tag_offset(ctxt, ls),
			       "this series has more than %s values, kpic's limit per series (one a year from 1868 to 2200 is 333): remove the repeated years",
			       LIMIT_VALUES_PER_SERIES);
	} else if (k == K_NAME && ls->name_depth == 0) {
		ls->name_depth = ls->depth + 1;
		ls->name_chars = 0;
		ls->name_at = tag_offset(ctxt, ls);
	} else if (k == K_TEXT && ls->text_depth == 0) {
		ls->text_depth = ls->depth + 1;
		ls->text_chars = 0;
		ls->text_at = tag_offset(ctxt, ls);
	}
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattr, int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxt *ctxt = ctx;
	struct limits_scan *ls = scan_of(ctx);
	enum kind k = kind_of(name);
	if (!broken(ctx))
		count(ctxt, ls, k, name, nattr, attrs);
	if (ls->depth < sizeof ls->parent)
		ls->parent[ls->depth] = (unsigned char)k;
	ls->depth++;
	if (ls->saved.startElementNs)
		ls->saved.startElementNs(ctx, name, prefix, uri, nns, ns, nattr, ndefaulted, attrs);
	stop_if_exceeded(ctxt, ls);
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	struct limits_scan *ls = scan_of(ctx);
	if (ls->name_depth == ls->depth)
		ls->name_depth = 0;
	if (ls->text_depth == ls->depth)
		ls->text_depth = 0;
	if (ls->depth > 0)
		ls->depth--;
	if (ls->saved.endElementNs)
		ls->saved.endElementNs(ctx, name, prefix, uri);
}

/* Text inside a name, title or department, or inside a block of text, with
 * everything it contains (<em> and the like). */
static void count_text(void *ctx, const xmlChar *s, int len)
{
	struct limits_scan *ls = scan_of(ctx);
	if ((ls->name_depth == 0 && ls->text_depth == 0) || len <= 0 || broken(ctx))
		return;
	size_t n = utf8_chars(s, (size_t)len);
	if (ls->name_depth) {
		ls->name_chars += n;
		if (ls->name_chars > LIMIT_NAME_CHARS)
			exceed(ctx, ls, ls->name_at,
			       "this name or title is longer than %s characters, kpic's limit: shorten it and put the detail in a <note> or the narrative",
			       LIMIT_NAME_CHARS);
	}
	if (ls->text_depth) {
		ls->text_chars += n;
		if (ls->text_chars > LIMIT_TEXT_CHARS)
			exceed(ctx, ls, ls->text_at,
			       "this paragraph, cell or note is longer than %s characters, kpic's limit for one block of text (a printed page holds about 1,500): split it into several",
			       LIMIT_TEXT_CHARS);
	}
}

static void on_characters(void *ctx, const xmlChar *s, int len)
{
	struct limits_scan *ls = scan_of(ctx);
	count_text(ctx, s, len);
	if (ls->saved.characters)
		ls->saved.characters(ctx, s, len);
	stop_if_exceeded(ctx, ls);
}

static void on_cdata(void *ctx, const xmlChar *s, int len)
{
	struct limits_scan *ls = scan_of(ctx);
	count_text(ctx, s, len);
	if (ls->saved.cdataBlock)
		ls->saved.cdataBlock(ctx, s, len);
	stop_if_exceeded(ctx, ls);
}

void srclimits_watch(xmlParserCtxt *ctxt, struct limits_scan *ls, const char *text, size_t len)
{
	memset(ls, 0, sizeof *ls);
	ls->text = text;
	ls->len = len;
	ls->saved = *ctxt->sax;
	ctxt->_private = ls;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	ctxt->sax->characters = on_characters;
	ctxt->sax->cdataBlock = on_cdata;
}

/* ------------------------------------------------------ attributes, pre-read */

/* The offset just past `end` from i, or len. */
static size_t skip_past(const char *t, size_t len, size_t i, const char *end)
{
	size_t n = strlen(end);
	for (; i + n <= len; i++)
		if (t[i] == end[0] && memcmp(t + i, end, n) == 0)
			return i + n;
	return len;
}

/* The attributes of the start tag at t[i] == '<': its '=' outside quoted
 * values (each attribute has one), up to its '>' (or a '<': the tag is
 * malformed, libxml2 says so).  *next receives where the scan goes on. */
static size_t tag_attrs(const char *t, size_t len, size_t i, size_t *next)
{
	size_t n = 0;
	char quote = 0;
	for (i++; i < len; i++) {
		char c = t[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '=') {
			n++;
		} else if (c == '>' || c == '<') {
			break;
		}
	}
	*next = i < len && t[i] == '>' ? i + 1 : i;
	return n;
}

int srclimits_attrs(const char *text, size_t len, size_t *at, char *msg, size_t size)
{
	size_t i = 0;
	while (i < len) {
		const char *lt = memchr(text + i, '<', len - i);
		if (lt == NULL)
			break;
		i = (size_t)(lt - text);
		const char *r = text + i + 1;
		size_t left = len - i - 1;
		if (left >= 3 && memcmp(r, "!--", 3) == 0)
			i = skip_past(text, len, i + 4, "-->");
		else if (left >= 8 && memcmp(r, "![CDATA[", 8) == 0)
			i = skip_past(text, len, i + 9, "]]>");
		else if (left >= 1 && r[0] == '?')
			i = skip_past(text, len, i + 2, "?>");
		else if (left >= 1 && (r[0] == '!' || r[0] == '/'))
			i = skip_past(text, len, i + 2, ">");
		else if (tag_attrs(text, len, i, &i) > LIMIT_ATTRS) {
			char n[32];
			*at = (size_t)(lt - text);
			snprintf(msg, size,
			         _("this element has more than %s attributes, kpic's limit per element (kpic's elements have a few): check the program that wrote the file"),
			         grouped(LIMIT_ATTRS, n, sizeof n));
			return 1;
		}
	}
	return 0;
}

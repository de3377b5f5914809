/*
 * xmlerr.c - libxml2's well-formedness errors in kpic's words (see xmlerr.h).
 */
#include "xmlerr.h"
#include "jfmt.h"

#include <string.h>

/* Copies libxml2's text into out as one line of valid UTF-8.  Some
 * messages quote the input cut at a byte count ("Comment not terminated
 * \n<!-- %.50s"), which can split a kanji in two and put a newline in the
 * middle: invalid UTF-8 would make the JSON and SARIF diagnostics invalid,
 * and the newline would break the one-line form.  Found by fuzzing. */
static void clean_copy(const char *msg, char *out, size_t size)
{
	size_t len = strlen(msg), o = 0, bad;
	while (len > 0 && o + 1 < size) {
		size_t run = jfmt_utf8_valid(msg, len, &bad) ? len : bad;
		size_t n = run < size - 1 - o ? run : size - 1 - o;
		memcpy(out + o, msg, n);
		o += n;
		if (run == len)
			break;
		msg += run + 1;   /* drop the invalid byte */
		len -= run + 1;
	}
	if (!jfmt_utf8_valid(out, o, &bad))
		o = bad;          /* the last character did not fit whole */
	out[o] = '\0';
	for (size_t i = 0; i < o; i++)
		if (out[i] == '\n' || out[i] == '\r' || out[i] == '\t')
			out[i] = ' ';
	while (o > 0 && out[o - 1] == ' ')
		out[--o] = '\0';
}

void xmlerr_capture(struct xml_error *xe, const xmlError *e)
{
	if (xe->seen || e == NULL || e->level < XML_ERR_ERROR)
		return;
	xe->seen = 1;
	xe->code = e->code;
	xe->line = e->line;
	xe->col = e->int2;
	xe->int1 = e->int1;
	clean_copy(e->str1 ? e->str1 : "", xe->str1, sizeof xe->str1);
	clean_copy(e->str2 ? e->str2 : "", xe->str2, sizeof xe->str2);
	clean_copy(e->message ? e->message : "malformed XML", xe->msg, sizeof xe->msg);
}

/* The offset of the start of off's line. */
static size_t line_start(const struct srcfile *src, size_t off)
{
	while (off > 0 && src->text[off - 1] != '\n')
		off--;
	return off;
}

/* The last c before off on off's line, or off itself when there is none. */
static size_t back_to_char(const struct srcfile *src, size_t off, char c)
{
	if (off == SRC_NOWHERE || off > src->len)
		return off;
	for (size_t i = off, from = line_start(src, off); i > from; i--)
		if (src->text[i - 1] == c)
			return i - 1;
	return off;
}

/* The last occurrence of s that starts before off, anywhere before it. */
static size_t back_to_str(const struct srcfile *src, size_t off, const char *s)
{
	size_t n = strlen(s);
	if (off == SRC_NOWHERE || off > src->len)
		return off;
	for (size_t i = off; i > 0; i--)
		if (i - 1 + n <= src->len && memcmp(src->text + i - 1, s, n) == 0)
			return i - 1;
	return off;
}

static int ends_name(char c)
{
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

/* The '<' of the last start tag <name on a 1-based line, or SRC_NOWHERE. */
static size_t start_tag(const struct srcfile *src, int line, const char *name)
{
	if (line <= 0 || (size_t)line > src->nlines || *name == '\0')
		return SRC_NOWHERE;
	size_t from = src->lines[line - 1], n = strlen(name), found = SRC_NOWHERE;
	for (size_t i = from; i < src->len && src->text[i] != '\n'; i++)
		if (src->text[i] == '<' && i + 1 + n <= src->len &&
		    memcmp(src->text + i + 1, name, n) == 0 && ends_name(src->text[i + 1 + n]))
			found = i;
	return found;
}

static unsigned line_of(const struct srcfile *src, size_t off)
{
	unsigned line, col;
	srcmap_linecol(src, off, &line, &col);
	return line;
}

/* An end tag that does not close the element open there (<a><b></a>, or
 * <title>…</titel>): the element left open is the mistake to show. */
static void report_mismatch(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe, size_t off)
{
	size_t end = back_to_str(src, off, "</");
	size_t open = start_tag(src, xe->int1, xe->str1);
	if (open == SRC_NOWHERE) {
		diag_report(d, R_XML_SYNTAX, src, end,
		            "</%s> ends an element while <%s> (line %d) is still open: add </%s> where <%s> ends, or correct this end tag",
		            xe->str2, xe->str1, xe->int1, xe->str1, xe->str1);
		return;
	}
	diag_report(d, R_XML_SYNTAX, src, open,
	            "<%s> is never closed: add </%s> where it ends (kpic found </%s> on line %u while <%s> was still open)",
	            xe->str1, xe->str1, xe->str2, line_of(src, end), xe->str1);
	diag_note(d, src, end, "</%s> is here: if it is a misspelt </%s>, correct it", xe->str2, xe->str1);
}

static void report_unfinished(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe, size_t off)
{
	size_t open = start_tag(src, xe->int1, xe->str1);
	diag_report(d, R_XML_SYNTAX, src, open != SRC_NOWHERE ? open : off,
	            "<%s> is never closed: the file ends before its </%s>; the file may be truncated, or the end tag left out",
	            xe->str1, xe->str1);
}

/* Errors about '&': libxml2 stands past the name after it. */
static int report_ampersand(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe, size_t off)
{
	if (xe->code == XML_ERR_ENTITYREF_SEMICOL_MISSING ||
	    (xe->code == XML_ERR_NAME_REQUIRED && off != SRC_NOWHERE && off > 0 && src->text[off - 1] == '&')) {
		diag_report(d, R_XML_SYNTAX, src, back_to_char(src, off, '&'),
		            "a '&' on its own is not allowed in XML: write it as &amp;");
		return 1;
	}
	if (xe->code == XML_ERR_UNDECLARED_ENTITY) {
		diag_report(d, R_XML_SYNTAX, src, back_to_char(src, off, '&'),
		            "'&%s;' is not a character kpic knows: write the character itself (&amp;, &lt;, &gt;, &quot; and &apos; are the only names XML has)",
		            xe->str1);
		return 1;
	}
	return 0;
}

/* The second name="…" of a start tag that gives it twice (libxml2 stands at
 * the tag's end), when the tag is on one line; else off. */
static size_t second_attribute(const struct srcfile *src, size_t off, const char *name)
{
	size_t tag = back_to_char(src, off, '<'), n = strlen(name);
	if (tag == off || off == SRC_NOWHERE)
		return off;
	for (size_t i = off; i > tag + 1; i--) {
		size_t at = i - 1;
		char before = src->text[at - 1];
		if (at + n < src->len && (before == ' ' || before == '\t') &&
		    memcmp(src->text + at, name, n) == 0 && (src->text[at + n] == '=' || src->text[at + n] == ' '))
			return at;
	}
	return off;
}

/* Characters XML does not allow: control characters, mostly, which come
 * with text pasted from a spreadsheet or another program. */
static int report_char(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe, size_t off)
{
	if (xe->code == XML_ERR_INVALID_CHAR && xe->int1 > 0) {
		/* &#1;: libxml2 stands just past the ';' */
		size_t ref = back_to_str(src, off, "&#");
		int is_ref = ref != off && off != SRC_NOWHERE && off > 0 && src->text[off - 1] == ';' &&
		             strcspn(src->text + ref, ";") == off - 1 - ref;
		diag_report(d, R_XML_SYNTAX, src, is_ref ? ref : off,
		            "the character U+%04X is not allowed in XML: remove it (control characters often come with text pasted from a spreadsheet or another program)",
		            (unsigned)xe->int1);
		return 1;
	}
	if (xe->code == XML_ERR_INVALID_CHAR) {
		diag_report(d, R_XML_SYNTAX, src, off,
		            "a character XML does not allow is here, most likely a control character pasted with the text: remove it");
		return 1;
	}
	if (xe->code == XML_ERR_MISPLACED_CDATA_END) {
		diag_report(d, R_XML_SYNTAX, src, off, "']]>' is not allowed in text: write it as ]]&gt;");
		return 1;
	}
	return 0;
}

/* Errors inside a start tag: its attributes. */
static int report_tag(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe, size_t off)
{
	switch (xe->code) {
	case XML_ERR_LT_IN_ATTRIBUTE:
		diag_report(d, R_XML_SYNTAX, src, off, "a '<' is not allowed in an attribute's value: write it as &lt;");
		return 1;
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		diag_report(d, R_XML_SYNTAX, src, off, "an attribute's value must be in quotes: write name=\"value\"");
		return 1;
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
		diag_report(d, R_XML_SYNTAX, src, off, "an attribute's value has no closing quote: end it with the quote it starts with");
		return 1;
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		diag_report(d, R_XML_SYNTAX, src, off, "an attribute has no value: write name=\"value\"");
		return 1;
	case XML_ERR_ATTRIBUTE_REDEFINED:
		diag_report(d, R_XML_SYNTAX, src, second_attribute(src, off, xe->str1),
		            "the attribute '%s' is given twice on this element: keep one", xe->str1);
		return 1;
	case XML_ERR_SPACE_REQUIRED:
		diag_report(d, R_XML_SYNTAX, src, off,
		            "this tag's attributes cannot be read: write each as name=\"value\", with both quotes, separated by spaces");
		return 1;
	case XML_ERR_GT_REQUIRED:
		if (*xe->str1)
			diag_report(d, R_XML_SYNTAX, src, off, "the start tag <%s> is not finished: check its attributes and the closing '>'", xe->str1);
		else
			diag_report(d, R_XML_SYNTAX, src, back_to_str(src, off, "</"),
			            "this end tag is not finished (a '>' is missing): the file may be truncated");
		return 1;
	case XML_ERR_NAME_REQUIRED:
		if (off != SRC_NOWHERE && off > 0 && src->text[off - 1] == '<')
			off--;   /* "a < b": libxml2 stands past the '<' */
		diag_report(d, R_XML_SYNTAX, src, off, "a tag or an attribute has no proper name here: a '<' in text must be written &lt;");
		return 1;
	case XML_NS_ERR_UNDEFINED_NAMESPACE:
		diag_report(d, R_XML_SYNTAX, src, off, "the prefix '%s:' of <%s:%s> is not declared: remove it, or declare it with xmlns:%s=\"…\"",
		            xe->str1, xe->str1, xe->str2, xe->str1);
		return 1;
	default:
		return 0;
	}
}

/* Errors about the document as a whole. */
static int report_document(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe, size_t off)
{
	switch (xe->code) {
	case XML_ERR_INTERNAL_ERROR:
		if (xe->int1 <= 0)
			return 0;
		/* libxml2's depth limit, never lifted (its message says to use XML_PARSE_HUGE) */
		diag_report(d, R_XML_SYNTAX, src, off,
		            "elements are nested more than 256 levels deep; a strategy needs far fewer, check for unclosed or generated markup");
		return 1;
	case XML_ERR_DOCUMENT_EMPTY:
		diag_report(d, R_XML_SYNTAX, src, off, "this is not an XML document (no root element found)");
		return 1;
	case XML_ERR_DOCUMENT_END:
		diag_report(d, R_XML_SYNTAX, src, off,
		            "there is more after the end of the document's root element: remove it, or look for an element closed too early");
		return 1;
	case XML_ERR_COMMENT_NOT_FINISHED:
		diag_report(d, R_XML_SYNTAX, src, back_to_str(src, off, "<!--"),
		            "this comment is never closed: end it with -->");
		return 1;
	case XML_ERR_CDATA_NOT_FINISHED:
		diag_report(d, R_XML_SYNTAX, src, back_to_str(src, off, "<![CDATA["),
		            "this CDATA section is never closed: end it with ]]>");
		return 1;
	case XML_ERR_RESERVED_XML_NAME:
		diag_report(d, R_XML_SYNTAX, src, back_to_str(src, off, "<?xml"),
		            "an XML declaration <?xml …?> may only be the very first thing in the file: remove this one (were two files pasted together?)");
		return 1;
	case XML_ERR_NOT_WELL_BALANCED:
		diag_report(d, R_XML_SYNTAX, src, off, "the elements are not properly nested here: the file may be truncated or an element left unclosed");
		return 1;
	default:
		return 0;
	}
}

void xmlerr_report(struct diag_ctx *d, const struct srcfile *src, const struct xml_error *xe)
{
	if (!xe->seen) {
		diag_report(d, R_XML_SYNTAX, src, srcmap_offset(src, 1, 1), "the file is not well-formed XML");
		return;
	}
	size_t off = srcmap_offset(src, (unsigned)xe->line, xe->col > 0 ? (unsigned)xe->col : 1);
	if (xe->code == XML_ERR_TAG_NAME_MISMATCH && off != SRC_NOWHERE)
		report_mismatch(d, src, xe, off);
	else if (xe->code == XML_ERR_TAG_NOT_FINISHED)
		report_unfinished(d, src, xe, off);
	else if (report_ampersand(d, src, xe, off) || report_char(d, src, xe, off) || report_tag(d, src, xe, off) ||
	         report_document(d, src, xe, off))
		return;
	else
		/* TRANSLATORS: %s is libxml2's English description of an XML error
		   kpic has no words of its own for. */
		diag_report(d, R_XML_SYNTAX, src, off, "the file is not well-formed XML here (%s)", xe->msg);
}

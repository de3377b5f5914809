/*
 * srcmap.c - line and start-tag index of a source file (see srcmap.h).
 */
#include "srcmap.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void srcmap_init(struct srcfile *s, const char *path, char *text, size_t len)
{
	memset(s, 0, sizeof *s);
	s->path = xstrdup(path);
	s->text = text;
	s->len = len;
	size_t cap = 64;
	s->lines = xmalloc(cap * sizeof *s->lines);
	s->lines[s->nlines++] = 0;
	for (const char *p = text, *end = text + len;
	     p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
		if (s->nlines == cap) {
			cap *= 2;
			s->lines = xrealloc(s->lines, cap * sizeof *s->lines);
		}
		s->lines[s->nlines++] = (size_t)(p - text) + 1;
	}
	/* chars[k]: the characters before byte k * SRC_CHARS_STEP, for every
	 * such offset up to len itself */
	s->chars = xmalloc((len / SRC_CHARS_STEP + 1) * sizeof *s->chars);
	size_t c = 0;
	for (size_t k = 0; k <= len / SRC_CHARS_STEP; k++) {
		s->chars[k] = c;
		size_t end = len - k * SRC_CHARS_STEP > SRC_CHARS_STEP ? (k + 1) * SRC_CHARS_STEP : len;
		for (size_t i = k * SRC_CHARS_STEP; i < end; i++)
			c += ((unsigned char)text[i] & 0xC0) != 0x80;
	}
}

void srcmap_free(struct srcfile *s)
{
	free(s->path);
	free(s->text);
	free(s->lines);
	free(s->chars);
	free(s->fields);
	free(s->tags);
	free(s->sheet);
	memset(s, 0, sizeof *s);
}

/* Skips from text+i (at '<') past the construct that starts there and
 * reports whether it was a start tag. */
static size_t skip_markup(const char *t, size_t len, size_t i, int *is_start)
{
	static const struct { const char *open, *close; } kinds[] = {
		{ "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?", "?>" },
	};
	*is_start = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t ol = strlen(kinds[k].open);
		if (len - i >= ol && memcmp(t + i, kinds[k].open, ol) == 0) {
			const char *end = strstr(t + i + ol, kinds[k].close);
			return end ? (size_t)(end - t) + strlen(kinds[k].close) : len;
		}
	}
	if (i + 1 < len && (t[i + 1] == '/' || t[i + 1] == '!')) {
		const char *end = memchr(t + i, '>', len - i);
		return end ? (size_t)(end - t) + 1 : len;
	}
	/* A start tag: '>' may occur inside quoted attribute values. */
	*is_start = 1;
	char quote = 0;
	for (size_t j = i + 1; j < len; j++) {
		if (quote) {
			if (t[j] == quote)
				quote = 0;
		} else if (t[j] == '"' || t[j] == '\'') {
			quote = t[j];
		} else if (t[j] == '>') {
			return j + 1;
		}
	}
	return len;
}

static void bind_walk(xmlNode *n, const struct srcfile *s, size_t *k, int *ok)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (*k >= s->ntags) {
			*ok = 0;
			return;
		}
		n->_private = (void *)(uintptr_t)(++*k);
		bind_walk(n->children, s, k, ok);
	}
}

int srcmap_bind(struct srcfile *s, xmlDoc *doc)
{
	size_t cap = 256;
	s->tags = xmalloc(cap * sizeof *s->tags);
	s->ntags = 0;
	for (size_t i = 0; i < s->len;) {
		const char *lt = memchr(s->text + i, '<', s->len - i);
		if (lt == NULL)
			break;
		size_t at = (size_t)(lt - s->text);
		int is_start;
		size_t next = skip_markup(s->text, s->len, at, &is_start);
		if (is_start) {
			if (s->ntags == cap) {
				cap *= 2;
				s->tags = xrealloc(s->tags, cap * sizeof *s->tags);
			}
			s->tags[s->ntags++] = at;
		}
		i = next > at ? next : at + 1;
	}
	size_t k = 0;
	int ok = 1;
	bind_walk(xmlDocGetRootElement(doc), s, &k, &ok);
	return ok && k == s->ntags ? 0 : -1;
}

static size_t line_index(const struct srcfile *s, size_t off)
{
	size_t lo = 0, hi = s->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* One step of the field count (RFC 4180 quotes: see field_of) at text[i];
 * returns the next offset (past a doubled quote inside quotes). */
static size_t field_step(const struct srcfile *s, size_t i, struct srcmap_fieldmark *m)
{
	char ch = s->text[i];
	if (m->quoted) {
		if (ch == '"' && i + 1 < s->len && s->text[i + 1] == '"')
			i++;
		else if (ch == '"')
			m->quoted = 0;
	} else if (ch == s->fieldsep) {
		m->field++;
		m->at_start = 1;
	} else if (ch == '"' && m->at_start) {
		m->quoted = 1;
		m->at_start = 0;
	} else if (ch != ' ') {
		m->at_start = 0;
	}
	return i + 1;
}

void srcmap_fields(struct srcfile *s, char sep)
{
	s->fieldsep = sep;
	size_t n = s->len / SRC_CHARS_STEP + 1, k = 0;
	s->fields = xrealloc(s->fields, n * sizeof *s->fields);
	struct srcmap_fieldmark m = { 0, 1, 0, 1 };
	for (size_t i = 0; i < s->len;) {
		if (i > 0 && s->text[i - 1] == '\n')
			m = (struct srcmap_fieldmark){ i, 1, 0, 1 };   /* each line counts from 1 */
		for (; k < n && k * SRC_CHARS_STEP <= i; k++) {
			s->fields[k] = m;
			s->fields[k].at = i;
		}
		i = field_step(s, i, &m);
	}
	for (; k < n; k++) {
		s->fields[k] = m;
		s->fields[k].at = s->len;
	}
}

/* The 1-based field of a sheet's line that off is in.  Quotes count as the
 * sheet reader reads them (RFC 4180): only a quote that opens a field (after
 * spaces) starts a quoted field, where "" is a quote and separators do not
 * count; a quote inside an unquoted field (6,592"人) is just a character.
 * The count resumes from the mark before off when it lies in off's line. */
static unsigned field_of(const struct srcfile *s, size_t from, size_t off)
{
	struct srcmap_fieldmark m = { from, 1, 0, 1 };
	if (s->fields) {
		size_t k = off / SRC_CHARS_STEP;
		if (k > 0 && s->fields[k].at > off)
			k--;
		if (s->fields[k].at > from && s->fields[k].at <= off)
			m = s->fields[k];
	}
	for (size_t i = m.at; i < off;)
		i = field_step(s, i, &m);
	return m.field;
}

/* The characters (UTF-8 lead bytes) in text[0 .. off). */
static size_t chars_before(const struct srcfile *s, size_t off)
{
	size_t c = s->chars[off / SRC_CHARS_STEP];
	for (size_t i = off - off % SRC_CHARS_STEP; i < off; i++)
		c += ((unsigned char)s->text[i] & 0xC0) != 0x80;
	return c;
}

void srcmap_linecol(const struct srcfile *s, size_t off, unsigned *line, unsigned *col)
{
	if (off == SRC_NOWHERE || off > s->len) {
		*line = *col = 0;
		return;
	}
	size_t li = line_index(s, off);
	*line = (unsigned)li + 1;
	if (s->fieldsep) {
		*col = field_of(s, s->lines[li], off);
		return;
	}
	*col = (unsigned)(chars_before(s, off) - chars_before(s, s->lines[li]) + 1);
}

size_t srcmap_offset(const struct srcfile *s, unsigned line, unsigned col)
{
	if (line == 0 || line > s->nlines)
		return SRC_NOWHERE;
	size_t off = s->lines[line - 1];
	size_t end = line < s->nlines ? s->lines[line] : s->len;
	for (unsigned c = 1; c < col && off < end && s->text[off] != '\n'; c++) {
		off++;
		while (off < end && ((unsigned char)s->text[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

size_t srcmap_node(const struct srcfile *s, const xmlNode *n)
{
	uintptr_t k = n ? (uintptr_t)n->_private : 0;
	if (n && n->type == XML_ATTRIBUTE_NODE)
		return srcmap_attr(s, n->parent, (const char *)n->name);
	if (n && n->type != XML_ELEMENT_NODE)
		return n->parent ? srcmap_node(s, n->parent) : SRC_NOWHERE;
	if (k == 0 || k > s->ntags)
		return SRC_NOWHERE;
	return s->tags[k - 1];
}

static int is_name_char(char c)
{
	return c == '-' || c == '_' || c == ':' || c == '.' ||
	       (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t srcmap_attr(const struct srcfile *s, const xmlNode *n, const char *attr)
{
	size_t at = srcmap_node(s, n);
	if (at == SRC_NOWHERE)
		return at;
	int is_start;
	size_t end = skip_markup(s->text, s->len, at, &is_start);
	size_t alen = strlen(attr);
	char quote = 0;
	for (size_t i = at + 1; i + alen < end; i++) {
		char c = s->text[i];
		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			continue;
		}
		if (!is_name_char(s->text[i - 1]) && memcmp(s->text + i, attr, alen) == 0 &&
		    !is_name_char(s->text[i + alen]))
			return i;
	}
	return at;
}

size_t srcmap_content(const struct srcfile *s, const xmlNode *n)
{
	size_t at = srcmap_node(s, n);
	if (at == SRC_NOWHERE)
		return at;
	int is_start;
	size_t i = skip_markup(s->text, s->len, at, &is_start);
	if (i >= 2 && s->text[i - 2] == '/')
		return at;      /* an empty element: point at it */
	while (i < s->len && (s->text[i] == ' ' || s->text[i] == '\t' ||
	                      s->text[i] == '\n' || s->text[i] == '\r'))
		i++;
	return i < s->len ? i : at;
}

void srcmap_line_text(const struct srcfile *s, size_t off, const char **start, size_t *len)
{
	size_t li = line_index(s, off);
	size_t b = s->lines[li];
	size_t e = li + 1 < s->nlines ? s->lines[li + 1] : s->len;
	while (e > b && (s->text[e - 1] == '\n' || s->text[e - 1] == '\r'))
		e--;
	*start = s->text + b;
	*len = e - b;
}

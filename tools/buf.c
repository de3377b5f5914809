/*
 * buf.c - the growable byte buffer (see buf.h).
 */
#include "buf.h"
#include "jfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlmemory.h>

_Noreturn void xoom(void)
{
	static const char msg[] = "kpic: out of memory\n";
	/* write(2), not stdio: stderr's stream may itself need memory */
	ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)w;
	_exit(2);
}

/* libxml2 and libxslt allocate through these, so that a failure there ends
 * kpic like one of kpic's own instead of returning NULL into code that
 * reports it as a malformed file, or never checks.  Installed before main()
 * (libxml2 requires it before its first allocation); libxml2's functions
 * are its own state, not kpic's. */
static void *xml_malloc(size_t n)
{
	return xmalloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
	return xrealloc(p, n);
}

static char *xml_strdup(const char *s)
{
	return xstrdup(s);
}

__attribute__((constructor)) static void xml_alloc_init(void)
{
	xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		xoom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		xoom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		xoom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static void grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_put(struct buf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

void buf_xml_str(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_putc(b, *s);
		}
	}
}

void buf_pad(struct buf *b, const char *s, size_t width, int right_align)
{
	size_t w = jfmt_width(s);
	size_t pad = w < width ? width - w : 0;
	if (!right_align)
		buf_puts(b, s);
	for (size_t i = 0; i < pad; i++)
		buf_putc(b, ' ');
	if (right_align)
		buf_puts(b, s);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *buf_str(struct buf *b)
{
	return b->data ? b->data : "";
}

/* Integer arithmetic only, so that no locale (LC_NUMERIC) ever turns the
 * point into a comma in SVG coordinates, PDF link targets or JSON. */
void buf_num(struct buf *b, double v)
{
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	long long h = llround(v * 100);
	if (h < 0) {
		buf_putc(b, '-');
		h = -h;
	}
	/* the integer part's digits, last first (a chart writes thousands of
	 * numbers, and printf's cost was most of an SVG's) */
	char d[24];
	int n = 0;
	long long q = h / 100;
	do {
		d[n++] = (char)('0' + q % 10);
		q /= 10;
	} while (q > 0);
	while (n > 0)
		buf_putc(b, d[--n]);
	if (h % 100 != 0) {
		buf_putc(b, '.');
		buf_putc(b, (char)('0' + h % 100 / 10));
		if (h % 10 != 0)
			buf_putc(b, (char)('0' + h % 10));
	}
}

/* The code point of a character buf_put_visible() escapes at s[0..n), with
 * its length in *len; -1 for one it keeps. */
static long invisible(const unsigned char *s, size_t n, int keep_newline, size_t *len)
{
	*len = 1;
	if (s[0] < 0x20 || s[0] == 0x7F)
		return s[0] == '\n' && keep_newline ? -1 : s[0];
	if (s[0] == 0xC2 && n >= 2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		*len = 2;
		return s[1];
	}
	if (s[0] == 0xE2 && n >= 3 && ((s[1] == 0x80 && s[2] >= 0xA8 && s[2] <= 0xAE) ||
	                               (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9))) {
		*len = 3;
		return 0x2000 + ((long)(s[1] - 0x80) << 6) + (s[2] - 0x80);
	}
	return -1;
}

size_t buf_put_visible(struct buf *b, const char *s, size_t n, int keep_newline)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t from = 0, escaped = 0, len;
	for (size_t i = 0; i < n; i += len) {
		long cp = invisible(u + i, n - i, keep_newline, &len);
		if (cp < 0)
			continue;
		buf_put(b, s + from, i - from);
		buf_printf(b, "<U+%04lX>", cp);
		from = i + len;
		escaped++;
	}
	buf_put(b, s + from, n - from);
	return escaped;
}

/*
 * srcbytes.c - a source's bytes, before parsing (see srcbytes.h).
 */
#include "srcbytes.h"
#include "jfmt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The iconv name of a UTF-16 or UTF-32 text ("UTF-16" when a byte order
 * mark says the order), or NULL.  Without a mark, markup starts with an
 * ASCII '<' (or a space), which they write with NUL bytes around it. */
static const char *wide_encoding(const unsigned char *u, size_t len)
{
	static const unsigned char z[4] = { 0, 0, 0, 0 };
	if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !memcmp(u + 2, z, 2)) ||
	                 (!memcmp(u, z, 2) && u[2] == 0xFE && u[3] == 0xFF)))
		return "UTF-32";
	if (len >= 4 && u[0] != 0 && u[0] < 0x80 && !memcmp(u + 1, z, 3))
		return "UTF-32LE";
	if (len >= 4 && !memcmp(u, z, 3) && u[3] != 0 && u[3] < 0x80)
		return "UTF-32BE";
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return "UTF-16";
	if (len >= 2 && u[0] != 0 && u[0] < 0x80 && u[1] == 0)
		return "UTF-16LE";
	if (len >= 2 && u[0] == 0 && u[1] != 0 && u[1] < 0x80)
		return "UTF-16BE";
	return NULL;
}

static int check_utf16(struct diag_ctx *d, const struct srcfile *src)
{
	const char *enc = wide_encoding((const unsigned char *)src->text, src->len);
	if (enc == NULL)
		return 0;
	diag_report(d, R_ENCODING, src, 0,
	            "the file is in %.6s; kpic reads UTF-8 only: convert it, e.g. with iconv -f %s -t UTF-8",
	            enc, enc);
	return -1;
}

static int check_nul(struct diag_ctx *d, const struct srcfile *src)
{
	const char *nul = memchr(src->text, '\0', src->len);
	if (nul == NULL)
		return 0;
	diag_report(d, R_ENCODING, src, (size_t)(nul - src->text),
	            "a NUL byte (0x00) is here, which no text file holds: the file is damaged or not text; save it again as UTF-8 text");
	return -1;
}

/* The value of the XML declaration's encoding="…", or NULL; its offset in *at. */
static char *declared_encoding(const struct srcfile *src, size_t *at)
{
	const char *t = src->text;
	if (strncmp(t, "\xEF\xBB\xBF", 3) == 0)
		t += 3;
	if (strncmp(t, "<?xml", 5) != 0)
		return NULL;
	const char *end = strstr(t, "?>"), *e = strstr(t, "encoding");
	if (end == NULL || e == NULL || e > end)
		return NULL;
	e += strlen("encoding");
	e += strspn(e, " \t\r\n");
	if (*e++ != '=')
		return NULL;
	e += strspn(e, " \t\r\n");
	char quote = *e++;
	const char *close = quote == '"' || quote == '\'' ? memchr(e, quote, (size_t)(end - e)) : NULL;
	if (close == NULL)
		return NULL;
	*at = (size_t)(e - src->text);
	return strndup(e, (size_t)(close - e));
}

static int check_declaration(struct diag_ctx *d, const struct srcfile *src)
{
	size_t at = 0;
	char *enc = declared_encoding(src, &at);
	int bad = enc && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0;
	if (bad)
		diag_report(d, R_ENCODING, src, at,
		            "the XML declaration says encoding=\"%s\", but the file is UTF-8, the only encoding kpic reads: other XML tools would read it as %s or refuse it; declare encoding=\"UTF-8\"",
		            enc, enc);
	free(enc);
	return bad ? -1 : 0;
}

/* One code point of valid UTF-8 at u[0..len): its length, the point in *cp. */
static size_t decode(const unsigned char *u, size_t len, uint32_t *cp)
{
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	if (n > len)
		n = len;
	static const unsigned char lead_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	*cp = u[0] & lead_mask[n];
	for (size_t i = 1; i < n; i++)
		*cp = *cp << 6 | (u[i] & 0x3F);
	return n;
}

/* A character reference &#N; or &#xN; at u (after "&#"): its code point, or 0. */
static uint32_t reference(const char *s)
{
	int hex = *s == 'x';
	char *end;
	unsigned long v = strtoul(s + hex, &end, hex ? 16 : 10);
	return *end == ';' && end > s + hex && v <= 0x10FFFF ? (uint32_t)v : 0;
}

static int noncharacter(uint32_t c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static int control(uint32_t c)
{
	return c >= 0x7F && c <= 0x9F;
}

static void report_char(struct diag_ctx *d, const struct srcfile *src, size_t at, uint32_t c)
{
	if (control(c))
		diag_report(d, R_XML_SYNTAX, src, at,
		            "the control character U+%04X is not allowed in a kpic source (an HTML page cannot hold it): remove it (control characters often come with text pasted from a spreadsheet or another program)",
		            (unsigned)c);
	else
		diag_report(d, R_XML_SYNTAX, src, at,
		            "U+%04X is a Unicode noncharacter, not text, and cannot be drawn in the PDF: remove it",
		            (unsigned)c);
}

static int check_chars(struct diag_ctx *d, const struct srcfile *src)
{
	const unsigned char *u = (const unsigned char *)src->text;
	for (size_t i = 0; i < src->len;) {
		uint32_t c;
		size_t n = decode(u + i, src->len - i, &c);
		if (c == '&' && u[i + 1] == '#')
			c = reference(src->text + i + 2);
		if (control(c) || noncharacter(c)) {
			report_char(d, src, i, c);
			return -1;
		}
		i += n;
	}
	return 0;
}

/* Bytes that are not UTF-8 under a declaration of their encoding: the hint
 * converts from that one (load.c's, without a declaration, from Shift_JIS). */
static int check_declared_other(struct diag_ctx *d, const struct srcfile *src, size_t bad)
{
	size_t at = 0;
	char *enc = declared_encoding(src, &at);
	int other = enc && *enc && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0 &&
	            strspn(enc, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") == strlen(enc);
	if (other)
		diag_report(d, R_ENCODING, src, bad,
		            "invalid UTF-8 (byte 0x%02X): the file is in %s, as its XML declaration says, and kpic reads UTF-8 only: convert it, e.g. with iconv -f %s -t UTF-8, and declare encoding=\"UTF-8\"",
		            (unsigned char)src->text[bad], enc, enc);
	free(enc);
	return other ? -1 : 0;
}

int srcbytes_check(struct diag_ctx *d, const struct srcfile *src)
{
	size_t bad;
	if (check_utf16(d, src) < 0 || check_nul(d, src) < 0)
		return -1;
	if (!jfmt_utf8_valid(src->text, src->len, &bad))
		return check_declared_other(d, src, bad);
	return check_declaration(d, src) < 0 || check_chars(d, src) < 0 ? -1 : 0;
}

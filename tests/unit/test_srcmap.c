/*
 * test_srcmap.c - unit tests for tools/srcmap.c: the columns and the sheet
 * fields it gives from its checkpoints (every SRC_CHARS_STEP bytes) agree
 * with a scan of the line from its start, on generated texts of long lines
 * (UTF-8 of one to three bytes; separators, quotes and doubled quotes),
 * including texts whose length is a multiple of the step.
 */
#include "check.h"
#include "srcmap.h"
#include "buf.h"

#include <stdlib.h>

/* A small generator of its own, so that every run tests the same texts. */
static unsigned next(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static unsigned column_by_scan(const struct srcfile *s, size_t from, size_t off)
{
	unsigned c = 1;
	for (size_t i = from; i < off; i++)
		c += ((unsigned char)s->text[i] & 0xC0) != 0x80;
	return c;
}

/* The field as field_of() counted it before the checkpoints. */
static unsigned field_by_scan(const struct srcfile *s, size_t from, size_t off)
{
	unsigned c = 1;
	int quoted = 0, at_start = 1;
	for (size_t i = from; i < off; i++) {
		char ch = s->text[i];
		if (quoted) {
			if (ch == '"' && i + 1 < s->len && s->text[i + 1] == '"')
				i++;
			else if (ch == '"')
				quoted = 0;
		} else if (ch == s->fieldsep) {
			c++;
			at_start = 1;
		} else if (ch == '"' && at_start) {
			quoted = 1;
			at_start = 0;
		} else if (ch != ' ') {
			at_start = 0;
		}
	}
	return c;
}

static char *text_of(unsigned *seed, size_t want, int sheet, size_t *len)
{
	static const char *const pieces[] = { "a", "a", "a", "\xc3\xa9", "\xe6\x97\xa5", " ", ",", "\"", "\"\"" };
	char *t = xmalloc(want + 4);
	size_t n = 0;
	while (n < want) {
		const char *p = next(seed) % 400 == 0 ? "\n" : pieces[next(seed) % (sheet ? 9 : 5)];
		size_t k = strlen(p);
		if (n + k > want)
			p = "a", k = 1;
		memcpy(t + n, p, k);
		n += k;
	}
	t[n] = '\0';
	*len = n;
	return t;
}

static void compare(struct check *ck, unsigned *seed, size_t want, int sheet)
{
	size_t len;
	char *text = text_of(seed, want, sheet, &len);
	struct srcfile s;
	srcmap_init(&s, "t", text, len);
	if (sheet)
		srcmap_fields(&s, ',');
	int same = 1;
	for (int q = 0; q < 300 && same; q++) {
		size_t off = q == 0 ? len : (size_t)next(seed) * 7919u % (len + 1);
		unsigned line, col;
		srcmap_linecol(&s, off, &line, &col);
		size_t from = s.lines[line - 1];
		unsigned want_col = sheet ? field_by_scan(&s, from, off) : column_by_scan(&s, from, off);
		if (col != want_col) {
			fprintf(stderr, "text of %zu bytes, offset %zu: %s %u, a scan gives %u\n", len, off,
			        sheet ? "field" : "column", col, want_col);
			same = 0;
		}
	}
	CHECK_INT(1, same);
	srcmap_free(&s);
}

int main(void)
{
	struct check c = {0, 0}, *ck = &c;
	unsigned seed = 19;
	for (int sheet = 0; sheet <= 1; sheet++) {
		for (size_t k = 1; k <= 4; k++)
			compare(ck, &seed, k * SRC_CHARS_STEP, sheet);    /* ends on a checkpoint */
		for (int t = 0; t < 40; t++)
			compare(ck, &seed, next(&seed) % 40000, sheet);
	}
	return check_done(ck);
}

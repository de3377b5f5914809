/*
 * suggest.c - the closest candidate by edit distance (see suggest.h).
 */
#include "suggest.h"

#include <string.h>

/* Decodes UTF-8 into code points; returns the count, or 0 if too long. */
static size_t decode(const char *s, unsigned *out)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
		if (n == SUGGEST_MAX_CHARS)
			return 0;
		unsigned c = *p++;
		int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		if (more)
			c &= 0x3Fu >> more;
		for (; more > 0 && (*p & 0xC0) == 0x80; more--)
			c = (c << 6) | (*p++ & 0x3Fu);
		out[n] = c;
	}
	return n;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

/* Optimal string alignment distance between a and b. */
static int distance(const unsigned *a, size_t la, const unsigned *b, size_t lb)
{
	int d[SUGGEST_MAX_CHARS + 1][SUGGEST_MAX_CHARS + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[la][lb];
}

/* Edits allowed for a word of len characters: none below 3 ("g9" is
 * not a typo of "g1" more than of "g2"). */
static int allowed(size_t len)
{
	return len < 3 ? 0 : len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

void suggest_init(struct suggest *s, const char *word)
{
	memset(s, 0, sizeof *s);
	s->len = word ? decode(word, s->word) : 0;
	s->best = allowed(s->len) + 1;
}

void suggest_offer(struct suggest *s, const char *cand, size_t where)
{
	unsigned c[SUGGEST_MAX_CHARS];
	size_t lc = cand ? decode(cand, c) : 0;
	if (s->len == 0 || lc == 0)
		return;
	size_t diff = lc > s->len ? lc - s->len : s->len - lc;
	if (diff >= (size_t)s->best + 1)
		return;
	int e = distance(s->word, s->len, c, lc);
	if (e == 0)
		return;   /* the word itself: not a suggestion */
	if (e < s->best) {
		s->best = e;
		s->tie = 0;
		s->cand = cand;
		s->where = where;
	} else if (e == s->best && s->cand && strcmp(cand, s->cand) != 0) {
		s->tie = 1;
	}
}

const char *suggest_best(const struct suggest *s, size_t *where)
{
	if (s->cand == NULL || s->tie)
		return NULL;
	if (where)
		*where = s->where;
	return s->cand;
}

/*
 * jfmt.c - Japanese formatting for kpic (see jfmt.h).
 *
 * Everything here builds its text through a small bounded writer (struct
 * out) that counts the full length like snprintf while copying only what
 * fits, then cuts a truncated result back to a character boundary.  Numbers
 * come in as exact kdec values and are turned into digit strings with
 * integer arithmetic only, so no figure is ever rounded on the way to the
 * page.  Era boundaries and the width tables are constant data; nothing is
 * allocated and nothing mutable is shared.
 */
#include "jfmt.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- bounded output ---------------------------------------------------- */

struct out {
	char *buf;
	size_t size;
	size_t len; /* full length so far, may exceed size */
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + 1 < o->size) {
		size_t room = o->size - 1 - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_char(struct out *o, char c)
{
	put(o, &c, 1);
}

/* Bytes in the UTF-8 sequence a lead byte starts (1 for stray bytes). */
static size_t seq_len(unsigned char lead)
{
	if (lead >= 0xF0)
		return 4;
	if (lead >= 0xE0)
		return 3;
	if (lead >= 0xC0)
		return 2;
	return 1;
}

/*
 * The largest prefix of b[0..end) that does not end inside a character.
 * A half-written "万" would make the whole buffer invalid UTF-8 for the
 * next consumer, which is worse than losing the whole character.
 */
static size_t utf8_cut(const char *b, size_t end)
{
	size_t p = end;

	while (p > 0 && end - p < 3 && ((unsigned char)b[p - 1] & 0xC0) == 0x80)
		p--;
	if (p == 0)
		return end;
	if (p - 1 + seq_len((unsigned char)b[p - 1]) > end)
		return p - 1;
	return end;
}

static int finish(struct out *o)
{
	if (o->size > 0) {
		size_t end = o->len < o->size ? o->len : o->size - 1;

		if (end < o->len)
			end = utf8_cut(o->buf, end);
		o->buf[end] = '\0';
	}
	return o->len > INT_MAX ? -1 : (int)o->len;
}

static int fail(struct out *o)
{
	if (o->size > 0)
		o->buf[0] = '\0';
	return -1;
}

static void put_long(struct out *o, long v)
{
	char t[24];
	int n = snprintf(t, sizeof t, "%ld", v);

	put(o, t, (size_t)n);
}

/* ---- era years ---------------------------------------------------------- */

struct era {
	const char *letter;
	const char *name;
	int y, m, d; /* first day, Gregorian */
};

/* Meiji's start is the usual convention: 1868-01-01 in the old calendar. */
static const struct era ERAS[] = {
	{"M", "明治", 1868, 1, 25},
	{"T", "大正", 1912, 7, 30},
	{"S", "昭和", 1926, 12, 25},
	{"H", "平成", 1989, 1, 8},
	{"R", "令和", 2019, 5, 1},
};

#define N_ERAS (sizeof ERAS / sizeof ERAS[0])

static long day_key(int y, int m, int d)
{
	return (long)y * 10000 + m * 100 + d;
}

/* The era in force on a valid date, or NULL before Meiji. */
static const struct era *era_at(int y, int m, int d)
{
	size_t i = N_ERAS;

	while (i > 0) {
		const struct era *e = &ERAS[--i];

		if (day_key(y, m, d) >= day_key(e->y, e->m, e->d))
			return e;
	}
	return NULL;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int date_ok(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30,
								  31, 31, 30, 31, 30, 31};

	if (y < JFMT_YEAR_MIN || y > JFMT_YEAR_MAX || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

static int form_ok(enum jfmt_era_form form)
{
	return form == JFMT_ERA_SHORT || form == JFMT_ERA_LONG;
}

/* "H31" or "平成31".  Documents write year 1 as 元 in prose, "R1" in tables. */
static void put_era_year(struct out *o, const struct era *e, int y,
						 enum jfmt_era_form form)
{
	int ey = y - e->y + 1;

	if (form == JFMT_ERA_SHORT) {
		put_str(o, e->letter);
		put_long(o, ey);
		return;
	}
	put_str(o, e->name);
	if (ey == 1)
		put_str(o, "元");
	else
		put_long(o, ey);
}


/* The era a fiscal year is written in under policy p (not WESTERN). */
static const struct era *fy_era(const struct jfmt_years *p, int fy)
{
	const struct era *e = NULL;

	if (p && p->policy == JFMT_FY_END)
		e = era_at(fy, 12, 31);
	else if (p && p->policy == JFMT_FY_AS_OF &&
			 date_ok(p->as_of_y, p->as_of_m, p->as_of_d))
		e = era_at(p->as_of_y, p->as_of_m, p->as_of_d);
	if (e && e->y <= fy)
		return e;
	return era_at(fy, 4, 1);
}

int jfmt_fy(const struct jfmt_years *p, int fiscal_year,
			enum jfmt_era_form form, char *buf, size_t size)
{
	struct out o = {buf, size, 0};

	if (!form_ok(form) || fiscal_year < JFMT_YEAR_MIN ||
		fiscal_year > JFMT_YEAR_MAX)
		return fail(&o);
	if (p && p->policy == JFMT_FY_WESTERN)
		put_long(&o, fiscal_year);
	else
		put_era_year(&o, fy_era(p, fiscal_year), fiscal_year, form);
	return finish(&o);
}

int jfmt_era_fy(int fiscal_year, enum jfmt_era_form form, char *buf,
				size_t size)
{
	return jfmt_fy(NULL, fiscal_year, form, buf, size);
}

int jfmt_fy_policy_parse(const char *name, enum jfmt_fy_policy *out)
{
	static const struct { const char *name; enum jfmt_fy_policy p; } t[] = {
		{"fiscal-year-start", JFMT_FY_START}, {"fiscal-year-end", JFMT_FY_END},
		{"as-of", JFMT_FY_AS_OF}, {"western", JFMT_FY_WESTERN},
	};

	*out = JFMT_FY_START;
	if (name == NULL)
		return 0;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(name, t[i].name)) {
			*out = t[i].p;
			return 0;
		}
	return -1;
}

int jfmt_era_date(int y, int m, int d, enum jfmt_era_form form, char *buf,
				  size_t size)
{
	struct out o = {buf, size, 0};
	const struct era *e;

	if (!form_ok(form) || !date_ok(y, m, d) || !(e = era_at(y, m, d)))
		return fail(&o);
	put_era_year(&o, e, y, form);
	/* Short form as the seed document writes it: "H27. 6. 12". */
	put_str(&o, form == JFMT_ERA_SHORT ? ". " : "年");
	put_long(&o, m);
	put_str(&o, form == JFMT_ERA_SHORT ? ". " : "月");
	put_long(&o, d);
	if (form == JFMT_ERA_LONG)
		put_str(&o, "日");
	return finish(&o);
}

/* ---- numbers ------------------------------------------------------------ */

static const uint64_t P10[] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL,
};

#define MAN 10000ULL /* 万: Japanese groups digits by four for units */

/* |mant| as unsigned, so INT64_MIN needs no special case. */
static uint64_t magnitude(kdec v)
{
	return v.mant < 0 ? 0 - (uint64_t)v.mant : (uint64_t)v.mant;
}

/* Decimal digits of v, most significant first, no NUL; returns 1..20. */
static size_t u64_digits(uint64_t v, char d[20])
{
	char rev[20];
	size_t n = 0, i;

	do {
		rev[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (i = 0; i < n; i++)
		d[i] = rev[n - 1 - i];
	return n;
}

/* Digits with a comma every three places from the right ("5,031,030"). */
static void put_grouped(struct out *o, const char *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			put_char(o, ',');
		put_char(o, d[i]);
	}
}

static void put_u64_grouped(struct out *o, uint64_t v)
{
	char d[20];

	put_grouped(o, d, u64_digits(v, d));
}

/* "." and the fraction padded to the written scale: 5 at scale 2 is ".05". */
static void put_fraction(struct out *o, uint64_t frac, int scale)
{
	char d[20];
	size_t n = u64_digits(frac, d), i;

	put_char(o, '.');
	for (i = n; i < (size_t)scale; i++)
		put_char(o, '0');
	put(o, d, n);
}

static void put_plain(struct out *o, uint64_t mag, int scale)
{
	put_u64_grouped(o, mag / P10[scale]);
	if (scale > 0)
		put_fraction(o, mag % P10[scale], scale);
}

/* One 兆/億/万/ones part; a round thousand reads "5千" in documents. */
static void put_man_part(struct out *o, uint64_t part, const char *unit)
{
	if (part == 0)
		return;
	if (part < MAN && part % 1000 == 0) {
		put_char(o, (char)('0' + part / 1000));
		put_str(o, "千");
	} else {
		put_u64_grouped(o, part);
	}
	put_str(o, unit);
}

/*
 * "141万5千".  A nonzero fraction belongs to the ones part, which is then
 * written in full: "5千.5" would be nonsense, and "141万0.5" keeps the
 * fraction next to the unit it is a fraction of.
 */
static void put_man(struct out *o, uint64_t mag, int scale)
{
	uint64_t ip = mag / P10[scale], frac = mag % P10[scale];

	if (ip < MAN) {
		put_plain(o, mag, scale);
		return;
	}
	put_man_part(o, ip / P10[12], "兆");
	put_man_part(o, ip / P10[8] % MAN, "億");
	put_man_part(o, ip / P10[4] % MAN, "万");
	if (frac == 0) {
		put_man_part(o, ip % MAN, "");
	} else {
		put_u64_grouped(o, ip % MAN);
		put_fraction(o, frac, scale);
	}
}

/*
 * "38.1万": the digits of the value with the decimal point moved by the
 * unit's exponent, so the result is exact; only trailing zeros go.
 */
static void put_man_decimal(struct out *o, uint64_t mag, int scale)
{
	static const struct { int exp; const char *unit; } units[] = {
		{12, "兆"}, {8, "億"}, {4, "万"},
	};
	uint64_t ip = mag / P10[scale];
	char d[20];
	size_t i, n, point, end;

	for (i = 0; i < 3 && ip < P10[units[i].exp]; i++)
		;
	if (i == 3) {
		put_plain(o, mag, scale);
		return;
	}
	/* ip >= 10^exp, so there are more than scale + exp digits. */
	n = u64_digits(mag, d);
	point = n - (size_t)(scale + units[i].exp);
	for (end = n; end > point && d[end - 1] == '0'; end--)
		;
	put_grouped(o, d, point);
	if (end > point) {
		put_char(o, '.');
		put(o, d + point, end - point);
	}
	put_str(o, units[i].unit);
}

int jfmt_number(kdec v, enum jfmt_notation n, char *buf, size_t size)
{
	struct out o = {buf, size, 0};
	uint64_t mag = magnitude(v);

	if (v.scale < 0 || v.scale > KDEC_MAX_SCALE)
		return fail(&o);
	if (v.mant < 0)
		put_str(&o, "△"); /* the documents' minus sign */
	else if (n == JFMT_SIGNED && v.mant > 0)
		put_char(&o, '+');
	switch (n) {
	case JFMT_PLAIN:
	case JFMT_SIGNED:
		put_plain(&o, mag, v.scale);
		break;
	case JFMT_MAN:
		put_man(&o, mag, v.scale);
		break;
	case JFMT_MAN_DECIMAL:
		put_man_decimal(&o, mag, v.scale);
		break;
	default:
		return fail(&o);
	}
	return finish(&o);
}

static int all_zero(const char *s)
{
	return s[strspn(s, "0.")] == '\0';
}

int jfmt_percent(double rate, int decimals, char *buf, size_t size)
{
	struct out o = {buf, size, 0};
	char t[400]; /* DBL_MAX has 309 integer digits */
	int n;
	size_t ipn;

	if (!isfinite(rate) || decimals < 0 || decimals > 3)
		return fail(&o);
	/* signbit, not rate < 0: -0.0 would otherwise print as "-0.0". */
	n = snprintf(t, sizeof t, "%.*f", decimals, signbit(rate) ? -rate : rate);
	if (n < 0 || (size_t)n >= sizeof t)
		return fail(&o);
	/* "△0.0%" would claim a decline the rounded figure cannot show. */
	if (rate < 0 && !all_zero(t))
		put_str(&o, "△");
	ipn = strcspn(t, ".");
	put_grouped(&o, t, ipn);
	put_str(&o, t + ipn);
	put_char(&o, '%');
	return finish(&o);
}

int jfmt_rate(krate rate, int decimals, char *buf, size_t size)
{
	struct out o = {buf, size, 0};
	char t[64];
	size_t ipn;

	if (decimals < 0 || decimals > 3 || krate_format(rate, decimals, KRATE_HALF_EVEN, t, sizeof t) < 0)
		return fail(&o);
	/* krate_format writes no minus for a rate that rounds to zero */
	if (t[0] == '-')
		put_str(&o, "△");
	const char *d = t + (t[0] == '-');
	ipn = strcspn(d, ".");
	put_grouped(&o, d, ipn);
	put_str(&o, d + ipn);
	put_char(&o, '%');
	return finish(&o);
}

/* ---- UTF-8 and terminal width ------------------------------------------ */

/*
 * Length of the valid sequence a lead byte starts and the allowed range of
 * the byte after it (Unicode Table 3-7); 0 for bytes that cannot lead.  The
 * narrowed second-byte ranges are what exclude overlong forms (E0, F0),
 * surrogates (ED) and code points above U+10FFFF (F4).
 */
static size_t lead_info(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF) {
		if (c == 0xE0)
			*lo = 0xA0;
		if (c == 0xED)
			*hi = 0x9F;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (c == 0xF0)
			*lo = 0x90;
		if (c == 0xF4)
			*hi = 0x8F;
		return 4;
	}
	return 0;
}

/* Length (1..4) of the valid sequence at s[0..n) and its code point, or 0. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char lo, hi;
	size_t len = lead_info(s[0], &lo, &hi), i;
	uint32_t v;

	if (len == 0 || len > n)
		return 0;
	if (len == 1) {
		*cp = s[0];
		return 1;
	}
	if (s[1] < lo || s[1] > hi)
		return 0;
	v = s[0] & (0x7F >> len); /* payload bits of the lead byte */
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

int jfmt_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = utf8_decode(u + i, len - i, &cp);
		if (k == 0) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

struct range {
	uint32_t lo, hi;
};

/*
 * Generated from Unicode 14.0 (Python 3.11 unicodedata), adjacent ranges
 * merged across unassigned code points:
 *   ZERO_WIDTH: general category Mn, Me or Cf (format characters such as
 *               ZWSP, ZWJ, bidi controls, BOM), except the Cf characters
 *               that are drawn (U+00AD, 0600..0605, 06DD, 070F, 0890, 0891,
 *               08E2, 110BD, 110CD); plus the Hangul medial vowels and final
 *               consonants (1160..11FF, D7B0..D7FF), which join the leading
 *               consonant before them into one wide syllable.
 *   WIDE:       East_Asian_Width W or F, assigned and not in ZERO_WIDTH,
 *               plus the unassigned ideograph planes and blocks the standard
 *               defaults to W (3400..4DBF, 4E00..9FFF, F900..FAFF,
 *               20000..2FFFD, 30000..3FFFD).
 * ZERO_WIDTH is long because marks are scattered over many scripts; a
 * binary search keeps the lookup at about nine comparisons regardless.
 */
static const struct range ZERO_WIDTH[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},
	{0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A},
	{0x061C, 0x061C}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC},
	{0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0711, 0x0711},
	{0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3}, {0x07FD, 0x07FD},
	{0x0816, 0x0819}, {0x081B, 0x0823}, {0x0825, 0x0827}, {0x0829, 0x082D},
	{0x0859, 0x085B}, {0x0898, 0x089F}, {0x08CA, 0x08E1}, {0x08E3, 0x0902},
	{0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D},
	{0x0951, 0x0957}, {0x0962, 0x0963}, {0x0981, 0x0981}, {0x09BC, 0x09BC},
	{0x09C1, 0x09C4}, {0x09CD, 0x09CD}, {0x09E2, 0x09E3}, {0x09FE, 0x0A02},
	{0x0A3C, 0x0A3C}, {0x0A41, 0x0A51}, {0x0A70, 0x0A71}, {0x0A75, 0x0A75},
	{0x0A81, 0x0A82}, {0x0ABC, 0x0ABC}, {0x0AC1, 0x0AC8}, {0x0ACD, 0x0ACD},
	{0x0AE2, 0x0AE3}, {0x0AFA, 0x0B01}, {0x0B3C, 0x0B3C}, {0x0B3F, 0x0B3F},
	{0x0B41, 0x0B44}, {0x0B4D, 0x0B56}, {0x0B62, 0x0B63}, {0x0B82, 0x0B82},
	{0x0BC0, 0x0BC0}, {0x0BCD, 0x0BCD}, {0x0C00, 0x0C00}, {0x0C04, 0x0C04},
	{0x0C3C, 0x0C3C}, {0x0C3E, 0x0C40}, {0x0C46, 0x0C56}, {0x0C62, 0x0C63},
	{0x0C81, 0x0C81}, {0x0CBC, 0x0CBC}, {0x0CBF, 0x0CBF}, {0x0CC6, 0x0CC6},
	{0x0CCC, 0x0CCD}, {0x0CE2, 0x0CE3}, {0x0D00, 0x0D01}, {0x0D3B, 0x0D3C},
	{0x0D41, 0x0D44}, {0x0D4D, 0x0D4D}, {0x0D62, 0x0D63}, {0x0D81, 0x0D81},
	{0x0DCA, 0x0DCA}, {0x0DD2, 0x0DD6}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
	{0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1}, {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD},
	{0x0F18, 0x0F19}, {0x0F35, 0x0F35}, {0x0F37, 0x0F37}, {0x0F39, 0x0F39},
	{0x0F71, 0x0F7E}, {0x0F80, 0x0F84}, {0x0F86, 0x0F87}, {0x0F8D, 0x0FBC},
	{0x0FC6, 0x0FC6}, {0x102D, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103A},
	{0x103D, 0x103E}, {0x1058, 0x1059}, {0x105E, 0x1060}, {0x1071, 0x1074},
	{0x1082, 0x1082}, {0x1085, 0x1086}, {0x108D, 0x108D}, {0x109D, 0x109D},
	{0x1160, 0x11FF}, {0x135D, 0x135F}, {0x1712, 0x1714}, {0x1732, 0x1733},
	{0x1752, 0x1753}, {0x1772, 0x1773}, {0x17B4, 0x17B5}, {0x17B7, 0x17BD},
	{0x17C6, 0x17C6}, {0x17C9, 0x17D3}, {0x17DD, 0x17DD}, {0x180B, 0x180F},
	{0x1885, 0x1886}, {0x18A9, 0x18A9}, {0x1920, 0x1922}, {0x1927, 0x1928},
	{0x1932, 0x1932}, {0x1939, 0x193B}, {0x1A17, 0x1A18}, {0x1A1B, 0x1A1B},
	{0x1A56, 0x1A56}, {0x1A58, 0x1A60}, {0x1A62, 0x1A62}, {0x1A65, 0x1A6C},
	{0x1A73, 0x1A7F}, {0x1AB0, 0x1B03}, {0x1B34, 0x1B34}, {0x1B36, 0x1B3A},
	{0x1B3C, 0x1B3C}, {0x1B42, 0x1B42}, {0x1B6B, 0x1B73}, {0x1B80, 0x1B81},
	{0x1BA2, 0x1BA5}, {0x1BA8, 0x1BA9}, {0x1BAB, 0x1BAD}, {0x1BE6, 0x1BE6},
	{0x1BE8, 0x1BE9}, {0x1BED, 0x1BED}, {0x1BEF, 0x1BF1}, {0x1C2C, 0x1C33},
	{0x1C36, 0x1C37}, {0x1CD0, 0x1CD2}, {0x1CD4, 0x1CE0}, {0x1CE2, 0x1CE8},
	{0x1CED, 0x1CED}, {0x1CF4, 0x1CF4}, {0x1CF8, 0x1CF9}, {0x1DC0, 0x1DFF},
	{0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x20D0, 0x20F0},
	{0x2CEF, 0x2CF1}, {0x2D7F, 0x2D7F}, {0x2DE0, 0x2DFF}, {0x302A, 0x302D},
	{0x3099, 0x309A}, {0xA66F, 0xA672}, {0xA674, 0xA67D}, {0xA69E, 0xA69F},
	{0xA6F0, 0xA6F1}, {0xA802, 0xA802}, {0xA806, 0xA806}, {0xA80B, 0xA80B},
	{0xA825, 0xA826}, {0xA82C, 0xA82C}, {0xA8C4, 0xA8C5}, {0xA8E0, 0xA8F1},
	{0xA8FF, 0xA8FF}, {0xA926, 0xA92D}, {0xA947, 0xA951}, {0xA980, 0xA982},
	{0xA9B3, 0xA9B3}, {0xA9B6, 0xA9B9}, {0xA9BC, 0xA9BD}, {0xA9E5, 0xA9E5},
	{0xAA29, 0xAA2E}, {0xAA31, 0xAA32}, {0xAA35, 0xAA36}, {0xAA43, 0xAA43},
	{0xAA4C, 0xAA4C}, {0xAA7C, 0xAA7C}, {0xAAB0, 0xAAB0}, {0xAAB2, 0xAAB4},
	{0xAAB7, 0xAAB8}, {0xAABE, 0xAABF}, {0xAAC1, 0xAAC1}, {0xAAEC, 0xAAED},
	{0xAAF6, 0xAAF6}, {0xABE5, 0xABE5}, {0xABE8, 0xABE8}, {0xABED, 0xABED},
	{0xD7B0, 0xD7FF}, {0xFB1E, 0xFB1E}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
	{0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x101FD, 0x101FD}, {0x102E0, 0x102E0},
	{0x10376, 0x1037A}, {0x10A01, 0x10A0F}, {0x10A38, 0x10A3F},
	{0x10AE5, 0x10AE6}, {0x10D24, 0x10D27}, {0x10EAB, 0x10EAC},
	{0x10F46, 0x10F50}, {0x10F82, 0x10F85}, {0x11001, 0x11001},
	{0x11038, 0x11046}, {0x11070, 0x11070}, {0x11073, 0x11074},
	{0x1107F, 0x11081}, {0x110B3, 0x110B6}, {0x110B9, 0x110BA},
	{0x110C2, 0x110C2}, {0x11100, 0x11102}, {0x11127, 0x1112B},
	{0x1112D, 0x11134}, {0x11173, 0x11173}, {0x11180, 0x11181},
	{0x111B6, 0x111BE}, {0x111C9, 0x111CC}, {0x111CF, 0x111CF},
	{0x1122F, 0x11231}, {0x11234, 0x11234}, {0x11236, 0x11237},
	{0x1123E, 0x1123E}, {0x112DF, 0x112DF}, {0x112E3, 0x112EA},
	{0x11300, 0x11301}, {0x1133B, 0x1133C}, {0x11340, 0x11340},
	{0x11366, 0x11374}, {0x11438, 0x1143F}, {0x11442, 0x11444},
	{0x11446, 0x11446}, {0x1145E, 0x1145E}, {0x114B3, 0x114B8},
	{0x114BA, 0x114BA}, {0x114BF, 0x114C0}, {0x114C2, 0x114C3},
	{0x115B2, 0x115B5}, {0x115BC, 0x115BD}, {0x115BF, 0x115C0},
	{0x115DC, 0x115DD}, {0x11633, 0x1163A}, {0x1163D, 0x1163D},
	{0x1163F, 0x11640}, {0x116AB, 0x116AB}, {0x116AD, 0x116AD},
	{0x116B0, 0x116B5}, {0x116B7, 0x116B7}, {0x1171D, 0x1171F},
	{0x11722, 0x11725}, {0x11727, 0x1172B}, {0x1182F, 0x11837},
	{0x11839, 0x1183A}, {0x1193B, 0x1193C}, {0x1193E, 0x1193E},
	{0x11943, 0x11943}, {0x119D4, 0x119DB}, {0x119E0, 0x119E0},
	{0x11A01, 0x11A0A}, {0x11A33, 0x11A38}, {0x11A3B, 0x11A3E},
	{0x11A47, 0x11A47}, {0x11A51, 0x11A56}, {0x11A59, 0x11A5B},
	{0x11A8A, 0x11A96}, {0x11A98, 0x11A99}, {0x11C30, 0x11C3D},
	{0x11C3F, 0x11C3F}, {0x11C92, 0x11CA7}, {0x11CAA, 0x11CB0},
	{0x11CB2, 0x11CB3}, {0x11CB5, 0x11CB6}, {0x11D31, 0x11D45},
	{0x11D47, 0x11D47}, {0x11D90, 0x11D91}, {0x11D95, 0x11D95},
	{0x11D97, 0x11D97}, {0x11EF3, 0x11EF4}, {0x13430, 0x13438},
	{0x16AF0, 0x16AF4}, {0x16B30, 0x16B36}, {0x16F4F, 0x16F4F},
	{0x16F8F, 0x16F92}, {0x16FE4, 0x16FE4}, {0x1BC9D, 0x1BC9E},
	{0x1BCA0, 0x1CF46}, {0x1D167, 0x1D169}, {0x1D173, 0x1D182},
	{0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD}, {0x1D242, 0x1D244},
	{0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C}, {0x1DA75, 0x1DA75},
	{0x1DA84, 0x1DA84}, {0x1DA9B, 0x1DAAF}, {0x1E000, 0x1E02A},
	{0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF},
	{0x1E8D0, 0x1E8D6}, {0x1E944, 0x1E94A}, {0xE0001, 0xE01EF},
};

static const struct range WIDE[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
	{0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
	{0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x3029},
	{0x302E, 0x303E}, {0x3041, 0x3096}, {0x309B, 0x3247}, {0x3250, 0x4DBF},
	{0x4E00, 0xA4C6}, {0xA960, 0xA97C}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
	{0xFE10, 0xFE19}, {0xFE30, 0xFE6B}, {0xFF01, 0xFF60}, {0xFFE0, 0xFFE6},
	{0x16FE0, 0x16FE3}, {0x16FF0, 0x1B2FB}, {0x1F004, 0x1F004},
	{0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
	{0x1F200, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
	{0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
	{0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
	{0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
	{0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
	{0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
	{0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
	{0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
	{0x1F7E0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
	{0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAF6}, {0x20000, 0x3FFFD},
};

static int in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static size_t char_width(uint32_t cp)
{
	if (cp < 0x300) /* Latin and controls: nothing below is wide or zero */
		return 1;
	if (in_table(cp, ZERO_WIDTH, sizeof ZERO_WIDTH / sizeof ZERO_WIDTH[0]))
		return 0;
	if (in_table(cp, WIDE, sizeof WIDE / sizeof WIDE[0]))
		return 2;
	return 1;
}

int jfmt_zero_width(uint32_t cp)
{
	return char_width(cp) == 0;
}

uint32_t jfmt_utf8_next(const char *s, size_t *len)
{
	uint32_t cp;
	size_t n = 0;

	while (n < 4 && s[n])
		n++;

	*len = n ? utf8_decode((const unsigned char *)s, n, &cp) : 0;
	if (*len == 0) {
		*len = n ? 1 : 0;
		return n ? 0xFFFD : 0;
	}
	return cp;
}

size_t jfmt_width(const char *utf8)
{
	const unsigned char *u = (const unsigned char *)utf8;
	size_t len = utf8 ? strlen(utf8) : 0, i = 0, w = 0, k;
	uint32_t cp;

	while (i < len) {
		k = utf8_decode(u + i, len - i, &cp);
		if (k == 0) {
			w += 1; /* a stray byte still occupies a replacement cell */
			i += 1;
		} else {
			w += char_width(cp);
			i += k;
		}
	}
	return w;
}

/* ---- reading what tables write ---------------------------------------- */

/* The byte length of prefix at s (s has n bytes), or 0. */
static size_t starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0 ? k : 0;
}

/* An ASCII or fullwidth digit at s: its value, with *k its length; else -1. */
static int digit_at(const char *s, size_t n, size_t *k)
{
	if (n >= 1 && s[0] >= '0' && s[0] <= '9') {
		*k = 1;
		return s[0] - '0';
	}
	/* U+FF10..U+FF19 are EF BC 90..99 */
	if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
		(unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
		*k = 3;
		return (unsigned char)s[2] - 0x90;
	}
	return -1;
}

/* One era year ("H27", "平成元", "2019") at s: the Gregorian year and the
 * bytes read, or -1. */
static int era_year_at(const char *s, size_t n, size_t *used)
{
	static const struct { const char *w; size_t era; } names[] = {
		{"H", 3}, {"h", 3}, {"Ｈ", 3}, {"平成", 3}, {"R", 4}, {"r", 4}, {"Ｒ", 4}, {"令和", 4},
		{"S", 2}, {"s", 2}, {"Ｓ", 2}, {"昭和", 2},
	};
	size_t i = 0, k = 0, e = N_ERAS;
	for (size_t j = 0; j < sizeof names / sizeof names[0] && e == N_ERAS; j++)
		if ((k = starts(s, n, names[j].w)) > 0) {
			e = names[j].era;
			i = k;
		}
	long v = 0;
	int nd = 0, d;
	if (e != N_ERAS && (k = starts(s + i, n - i, "元")) > 0) {
		v = 1;
		nd = 1;
		i += k;
	} else {
		while (nd < 4 && (d = digit_at(s + i, n - i, &k)) >= 0) {
			v = v * 10 + d;
			nd++;
			i += k;
		}
	}
	if (nd == 0)
		return -1;
	*used = i;
	if (e == N_ERAS)
		return nd == 4 && v >= JFMT_YEAR_MIN && v <= JFMT_YEAR_MAX ? (int)v : -1;
	int last = e + 1 < N_ERAS ? ERAS[e + 1].y : JFMT_YEAR_MAX;
	long y = ERAS[e].y + v - 1;
	return v >= 1 && y <= last ? (int)y : -1;
}

int jfmt_parse_era_fy(const char *s, size_t len)
{
	size_t used;
	int y = era_year_at(s, len, &used);
	if (y < 0)
		return -1;
	s += used;
	len -= used;
	size_t k = starts(s, len, "/");
	if (k == 0)
		k = starts(s, len, "／");
	if (k > 0) {
		if (era_year_at(s + k, len - k, &used) != y)
			return -1;
		s += k + used;
		len -= k + used;
	}
	static const char *const tails[] = {"年（度）", "年(度)", "年度", "年", "(度)", "（度）", "度"};
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
		if ((k = starts(s, len, tails[i])) > 0) {
			s += k;
			len -= k;
			break;
		}
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	return len == 0 ? y : -1;
}

/* Whether s starts with exactly three ASCII digits: a group after a
 * thousands comma ("1,1OO" is 1 and more text, not 11). */
static int thousands_at(const char *s, size_t n)
{
	for (size_t i = 0; i < 3; i++)
		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
	return n == 3 || s[3] < '0' || s[3] > '9';
}

/* Digits with thousands commas (each followed by three digits) and decimals
 * at s: the value and bytes read (0 when there is no digit). */
static size_t plain_at(const char *s, size_t n, kdec *out)
{
	char d[40];
	size_t i = 0, nd = 0, k;
	int v, dot = 0;
	for (;;) {
		if ((v = digit_at(s + i, n - i, &k)) >= 0) {
			if (nd + 1 >= sizeof d)
				return 0;
			d[nd++] = (char)('0' + v);
			i += k;
		} else if (i > 0 && !dot && s[i] == ',' && thousands_at(s + i + 1, n - i - 1)) {
			i++;
		} else if (i > 0 && !dot && s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
			if (nd + 1 >= sizeof d)
				return 0;
			d[nd++] = '.';
			dot = 1;
			i++;
		} else {
			break;
		}
	}
	if (nd == 0 || kdec_parse(d, nd, out) != KDEC_OK)
		return 0;
	return i;
}

/* v * 10^k exactly, trailing zero decimals dropped; -1 on overflow. */
static int times_pow10(kdec v, int k, kdec *out)
{
	while (k > 0 && v.scale > 0) {
		v.scale--;
		k--;
	}
	for (; k > 0; k--) {
		if (v.mant > INT64_MAX / 10 || v.mant < INT64_MIN / 10)
			return -1;
		v.mant *= 10;
	}
	while (v.scale > 0 && v.mant % 10 == 0) {
		v.mant /= 10;
		v.scale--;
	}
	*out = v;
	return 0;
}

/* A group before 億/万 or the last one: "5,450", "2千", "5千" (千 only when
 * the figure uses 億/万), with its bytes read. */
static size_t group_at(const char *s, size_t n, int in_man, kdec *g, int *decimals)
{
	size_t i = plain_at(s, n, g), k, j;
	if (i == 0)
		return 0;
	*decimals = g->scale > 0;
	if ((k = starts(s + i, n - i, "千")) == 0)
		return i;
	kdec rest = kdec_from_int(0), th;
	j = plain_at(s + i + k, n - i - k, &rest);
	int man_follows = starts(s + i + k + j, n - i - k - j, "万") || starts(s + i + k + j, n - i - k - j, "億");
	if (!in_man && !man_follows)
		return i;
	if (times_pow10(*g, 3, &th) < 0 || kdec_add(th, rest, g) < 0)
		return 0;
	return i + k + j;
}

int jfmt_parse_number(const char *s, size_t len, kdec *out, int *man)
{
	size_t i = 0, k;
	int neg = 0;
	static const char *const minus[] = {"△", "▲", "−", "-"};
	for (size_t m = 0; m < sizeof minus / sizeof minus[0] && !neg; m++)
		if ((k = starts(s, len, minus[m])) > 0) {
			neg = 1;
			i = k;
		}
	kdec total = kdec_from_int(0), g;
	int groups = 0;
	*man = 0;
	for (;;) {
		int decimals = 0;
		size_t gl = group_at(s + i, len - i, *man != 0, &g, &decimals);
		if (gl == 0)
			break;
		groups++;
		i += gl;
		int p = (k = starts(s + i, len - i, "億")) > 0 ? 8 : (k = starts(s + i, len - i, "万")) > 0 ? 4 : 0;
		if ((p && times_pow10(g, p, &g) < 0) || kdec_add(total, g, &total) < 0)
			return -1;
		if (p == 0)
			break;
		i += k;
		*man = decimals ? 2 : *man ? *man : 1;
	}
	if (groups == 0)
		return 0;
	total.mant = neg ? -total.mant : total.mant;
	*out = total;
	return (int)i;
}

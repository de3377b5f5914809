/*
 * fuzz_jfmt.c - libFuzzer harness: the Japanese formatting functions
 * (jfmt.h) and the exact decimals (decimal.h), against their contracts and
 * against small independent reference implementations.
 *
 * The first input byte chooses the function; the rest are its arguments
 * (numbers from raw bytes, or text to parse).  For every formatter, at every
 * buffer size from 0 to the full length + 1:
 *   - the return value is the full length (or -1 for invalid arguments, with
 *     "" in the buffer), whatever the size;
 *   - the buffer is NUL-terminated within size and nothing past it is touched;
 *   - the text is a prefix of the full text, valid UTF-8, cut at a character
 *     boundary and no shorter than that requires.
 * Then what the text says is checked: era years name the era in force and
 * count from its first year; numbers read back to the exact value in every
 * notation; kdec_parse accepts exactly the grammar of decimal.h and
 * kdec_format round-trips; sums and comparisons agree with 128-bit
 * arithmetic; jfmt_utf8_valid agrees with a decoder written another way.
 */
#include "decimal.h"
#include "jfmt.h"

#include <math.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

__extension__ typedef __int128 i128;

/* ---- the input ---------------------------------------------------------- */

struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned take_u8(struct input *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

static uint64_t take_u64(struct input *in, int bytes)
{
	uint64_t v = 0;
	for (int i = 0; i < bytes; i++)
		v = v << 8 | take_u8(in);
	return v;
}

/* Mostly a year near the eras, sometimes any int. */
static int take_year(struct input *in)
{
	unsigned how = take_u8(in);
	if (how % 8 == 0)
		return (int)(int32_t)(uint32_t)take_u64(in, 4);
	return 1800 + (int)(take_u64(in, 2) % 500);
}

/* ---- one formatter call, for the generic checks -------------------------- */

enum op { OP_ERA_FY, OP_ERA_DATE, OP_NUMBER, OP_PERCENT, OP_WIDTH, OP_UTF8, OP_KDEC, OP__N };

struct call {
	enum op op;
	int y, m, d, form;
	kdec v;
	int notation;
	double rate;
	int decimals;
};

static int run(const struct call *c, char *buf, size_t size)
{
	switch (c->op) {
	case OP_ERA_FY: return jfmt_era_fy(c->y, (enum jfmt_era_form)c->form, buf, size);
	case OP_ERA_DATE: return jfmt_era_date(c->y, c->m, c->d, (enum jfmt_era_form)c->form, buf, size);
	case OP_NUMBER: return jfmt_number(c->v, (enum jfmt_notation)c->notation, buf, size);
	case OP_PERCENT: return jfmt_percent(c->rate, c->decimals, buf, size);
	case OP_KDEC: return kdec_format(c->v, buf, size);
	default: abort();
	}
}

/* Length of the UTF-8 sequence a lead byte starts (1 for ASCII). */
static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

#define FULL 1024

/* The snprintf-like contract at every size.  Returns the full length (or -1)
 * and the full text in full[FULL]. */
static int check_contract(const struct call *c, char *full)
{
	char b[FULL + 16];
	int n = run(c, NULL, 0);
	memset(full, 'x', FULL);
	int m = run(c, full, FULL);
	FUZZ_ASSERT(n == m, "measured %d, wrote %d", n, m);
	if (n < 0) {
		FUZZ_ASSERT(full[0] == '\0', "-1 leaves \"\", not \"%.20s\"", full);
		memset(b, 'x', sizeof b);
		FUZZ_ASSERT(run(c, b, 1) == -1 && b[0] == '\0' && b[1] == 'x', "-1 with a 1-byte buffer");
		return n;
	}
	FUZZ_ASSERT(n < FULL, "%d bytes", n);
	FUZZ_ASSERT(strlen(full) == (size_t)n, "length %zu, returned %d", strlen(full), n);
	FUZZ_ASSERT(fuzz_utf8(full, (size_t)n), "not UTF-8: %s", full);
	/* size 0 with a buffer: nothing is written */
	b[0] = 'x';
	FUZZ_ASSERT(run(c, b, 0) == n && b[0] == 'x', "size 0 wrote into the buffer");
	for (size_t sz = 1; sz <= (size_t)n + 1; sz++) {
		memset(b, 'x', sizeof b);
		FUZZ_ASSERT(run(c, b, sz) == n, "size %zu: return value changed", sz);
		const char *nul = memchr(b, '\0', sz);
		FUZZ_ASSERT(nul != NULL, "size %zu: not NUL-terminated", sz);
		size_t k = (size_t)(nul - b);
		for (size_t i = sz; i < sizeof b; i++)
			FUZZ_ASSERT(b[i] == 'x', "size %zu: wrote byte %zu", sz, i);
		FUZZ_ASSERT(memcmp(b, full, k) == 0, "size %zu: \"%s\" is not a prefix of \"%s\"", sz, b, full);
		FUZZ_ASSERT(fuzz_utf8(b, k), "size %zu: cut inside a character: \"%s\"", sz, b);
		/* kdec_format is ASCII, cut anywhere; the others cut as late as
		 * a character boundary allows */
		if (k < (size_t)n)
			FUZZ_ASSERT(k == sz - 1 || k + seq_len((unsigned char)full[k]) > sz - 1,
			            "size %zu: cut at %zu, too early in \"%s\"", sz, k, full);
		else
			FUZZ_ASSERT(sz == (size_t)n + 1, "size %zu: the whole text", sz);
	}
	return n;
}

/* ---- era years ------------------------------------------------------------ */

static const struct { const char *letter, *name; int y, m, d; } ERAS[] = {
	{ "M", "明治", 1868, 1, 25 }, { "T", "大正", 1912, 7, 30 }, { "S", "昭和", 1926, 12, 25 },
	{ "H", "平成", 1989, 1, 8 }, { "R", "令和", 2019, 5, 1 },
};
#define N_ERAS 5

static long key(int y, int m, int d) { return (long)y * 10000 + m * 100 + d; }

/* Which era a text starts with, and the era year after it. */
static int read_era(const char *s, int form, int *era, int *ey, const char **rest)
{
	for (int i = 0; i < N_ERAS; i++) {
		const char *w = form == JFMT_ERA_SHORT ? ERAS[i].letter : ERAS[i].name;
		size_t l = strlen(w);
		if (strncmp(s, w, l))
			continue;
		*era = i;
		s += l;
		if (form == JFMT_ERA_LONG && !strncmp(s, "元", strlen("元"))) {
			*ey = 1;
			*rest = s + strlen("元");
			return 1;
		}
		char *end;
		long v = strtol(s, &end, 10);
		FUZZ_ASSERT(end > s && ((v >= 2 && v < 1000) || (v == 1 && form == JFMT_ERA_SHORT)),
		            "era year in \"%s\"", s);
		*ey = (int)v;
		*rest = end;
		return 1;
	}
	return 0;
}

/* The era of (y, m, d) is the last one begun by then, and the year counts from 1. */
static void check_era(int i, int ey, int y, int m, int d)
{
	FUZZ_ASSERT(key(ERAS[i].y, ERAS[i].m, ERAS[i].d) <= key(y, m, d), "era %s begins after %d-%d-%d", ERAS[i].letter, y, m, d);
	FUZZ_ASSERT(i == N_ERAS - 1 || key(ERAS[i + 1].y, ERAS[i + 1].m, ERAS[i + 1].d) > key(y, m, d),
	            "era %s was over by %d-%d-%d", ERAS[i].letter, y, m, d);
	FUZZ_ASSERT(ERAS[i].y + ey - 1 == y, "%s%d is not %d", ERAS[i].letter, ey, y);
}

static int valid_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < JFMT_YEAR_MIN || y > JFMT_YEAR_MAX || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return d <= days[m - 1] + (m == 2 && leap) && key(y, m, d) >= key(1868, 1, 25);
}

static void fuzz_era(struct input *in, int date)
{
	struct call c = { .op = date ? OP_ERA_DATE : OP_ERA_FY };
	char full[FULL];
	c.y = take_year(in);
	c.m = (int)(take_u8(in) % 14);
	c.d = (int)(take_u8(in) % 33);
	c.form = (int)(take_u8(in) % 3);   /* 2 is no form: -1 */
	int n = check_contract(&c, full);
	int ok = c.form < 2 && (date ? valid_date(c.y, c.m, c.d) : c.y >= JFMT_YEAR_MIN && c.y <= JFMT_YEAR_MAX);
	FUZZ_ASSERT((n >= 0) == ok, "%d-%d-%d form %d: returned %d", c.y, c.m, c.d, c.form, n);
	if (n < 0)
		return;
	int era, ey;
	const char *rest;
	FUZZ_ASSERT(read_era(full, c.form, &era, &ey, &rest), "no era in \"%s\"", full);
	if (!date) {
		FUZZ_ASSERT(*rest == '\0', "\"%s\" after the year", rest);
		check_era(era, ey, c.y, 4, 1);
		return;
	}
	check_era(era, ey, c.y, c.m, c.d);
	char want[64];
	if (c.form == JFMT_ERA_SHORT)
		snprintf(want, sizeof want, ". %d. %d", c.m, c.d);
	else
		snprintf(want, sizeof want, "年%d月%d日", c.m, c.d);
	FUZZ_ASSERT(!strcmp(rest, want), "\"%s\" ends \"%s\", not \"%s\"", full, rest, want);
}

/* ---- decimals --------------------------------------------------------------- */

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* decimal.h's grammar and limits, written out again: the status, and the
 * value (as mant, scale) when it is KDEC_OK. */
static enum kdec_status ref_parse(const char *s, size_t len, kdec *out)
{
	size_t i = 0, e = len;
	while (i < e && space(s[i]))
		i++;
	while (e > i && space(s[e - 1]))
		e--;
	if (i == e)
		return KDEC_EMPTY;
	int neg = 0;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	size_t ip = i;
	while (i < e && s[i] >= '0' && s[i] <= '9')
		i++;
	size_t ipn = i - ip, fp = i, fpn = 0;
	if (i < e && s[i] == '.') {
		fp = ++i;
		while (i < e && s[i] >= '0' && s[i] <= '9')
			i++;
		fpn = i - fp;
		if (fpn == 0)
			return KDEC_SYNTAX;
	}
	if (ipn == 0 || i != e)
		return KDEC_SYNTAX;
	if (fpn > KDEC_MAX_SCALE)
		return KDEC_RANGE;
	size_t lead = 0;   /* at most 18 digits in all, leading zeros not counted */
	while (lead < ipn && s[ip + lead] == '0')
		lead++;
	if (ipn - lead + fpn > 18)
		return KDEC_RANGE;
	i128 v = 0;
	for (size_t k = 0; k < ipn; k++) {
		v = v * 10 + (s[ip + k] - '0');
		if (v >= (i128)1000000000000000)
			return KDEC_RANGE;
	}
	for (size_t k = 0; k < fpn; k++)
		v = v * 10 + (s[fp + k] - '0');
	if (v > INT64_MAX)
		return KDEC_RANGE;
	out->mant = neg ? -(int64_t)v : (int64_t)v;
	out->scale = (int)fpn;
	return KDEC_OK;
}

/* The exact value of a kdec at scale 9, or of a number read back from text. */
static i128 at9(kdec v)
{
	i128 r = v.mant;
	for (int s = v.scale; s < 9; s++)
		r *= 10;
	return r;
}

/* A decimal value as mant * 10^exp with no trailing zero in mant (0 is 0e0),
 * so that equal values compare equal whatever their written scale. */
struct dec {
	i128 mant;
	int exp;
};

static struct dec norm(i128 mant, int exp)
{
	struct dec d = { mant, mant ? exp : 0 };
	while (d.mant != 0 && d.mant % 10 == 0) {
		d.mant /= 10;
		d.exp++;
	}
	return d;
}

/* Reads a formatted number back: △ or + or -, then parts of digits with
 * commas and an optional fraction, each optionally followed by 千 and by one
 * of 兆 億 万 ("1億2,345万6,789", "4億7千万", "38.1万", "141万0.5").
 * Returns 1 with the value in *out. */
static int read_back(const char *s, struct dec *out)
{
	static const struct { const char *w; int exp; } units[] = { { "兆", 12 }, { "億", 8 }, { "万", 4 } };
	struct { i128 p; int e; } parts[8];
	int np = 0, neg = 0;
	if (!strncmp(s, "△", strlen("△"))) {
		neg = 1;
		s += strlen("△");
	} else if (*s == '+' || *s == '-') {
		neg = *s++ == '-';
	}
	if (*s == '\0')
		return 0;
	while (*s) {
		i128 part = 0;
		int digits = 0, frac = -1, exp = 0;
		for (; (*s >= '0' && *s <= '9') || *s == ',' || *s == '.'; s++) {
			if (*s == ',')
				continue;
			if (*s == '.') {
				if (frac >= 0)
					return 0;
				frac = 0;
				continue;
			}
			part = part * 10 + (*s - '0');
			if (++digits > 30)
				return 0;
			if (frac >= 0)
				frac++;
		}
		if (digits == 0 || np == 8)
			return 0;
		if (!strncmp(s, "千", strlen("千"))) {
			exp += 3;
			s += strlen("千");
		}
		for (int u = 0; u < 3; u++)
			if (!strncmp(s, units[u].w, strlen(units[u].w))) {
				exp += units[u].exp;
				s += strlen(units[u].w);
				break;
			}
		parts[np].p = part;
		parts[np++].e = exp - (frac < 0 ? 0 : frac);
		if (exp == 0 && *s)
			return 0;
	}
	/* several parts only in the 万 notation, whose fraction has at most 9
	 * digits: their sum at the smallest exponent fits in 128 bits */
	int emin = parts[0].e;
	for (int i = 1; i < np; i++)
		emin = parts[i].e < emin ? parts[i].e : emin;
	i128 total = 0;
	for (int i = 0; i < np; i++) {
		i128 p = parts[i].p;
		for (int k = emin; k < parts[i].e; k++)
			p *= 10;
		total += p;
	}
	*out = norm(neg ? -total : total, emin);
	return 1;
}

static void check_number(kdec v)
{
	char full[FULL], kf[64];
	for (int nt = 0; nt <= 4; nt++) {
		struct call c = { .op = OP_NUMBER, .v = v, .notation = nt };
		int n = check_contract(&c, full);
		int ok = v.scale >= 0 && v.scale <= KDEC_MAX_SCALE && nt < 4;
		FUZZ_ASSERT((n >= 0) == ok, "notation %d scale %d: returned %d", nt, v.scale, n);
		if (n < 0)
			continue;
		struct dec back, want = norm(v.mant, -v.scale);
		FUZZ_ASSERT(read_back(full, &back), "notation %d: cannot read \"%s\" back", nt, full);
		FUZZ_ASSERT(back.mant == want.mant && back.exp == want.exp, "notation %d: \"%s\" is not %lld/10^%d", nt, full,
		            (long long)v.mant, v.scale);
		FUZZ_ASSERT((v.mant < 0) == !strncmp(full, "△", strlen("△")), "notation %d: sign of \"%s\"", nt, full);
		if (nt == JFMT_SIGNED)
			FUZZ_ASSERT((v.mant > 0) == (full[0] == '+'), "signed: \"%s\"", full);
		if (nt == JFMT_PLAIN || nt == JFMT_SIGNED) {
			/* the plain text is kdec_format's, with commas and △ */
			char plain[FULL];
			size_t o = 0;
			for (const char *p = full; *p; p++) {
				if (!strncmp(p, "△", strlen("△"))) {
					plain[o++] = '-';
					p += strlen("△") - 1;
				} else if (*p != ',' && *p != '+') {
					plain[o++] = *p;
				}
			}
			plain[o] = '\0';
			kdec_format(v, kf, sizeof kf);
			FUZZ_ASSERT(!strcmp(plain, kf), "\"%s\" is not \"%s\" with separators", full, kf);
		}
	}
}

static void fuzz_number(struct input *in)
{
	unsigned how = take_u8(in);
	kdec v;
	if (how % 4 == 0) {
		/* any mantissa, even INT64_MIN, and any scale */
		v.mant = (int64_t)take_u64(in, 8);
		v.scale = (int)(take_u8(in) % 12) - 1;
	} else {
		if (ref_parse((const char *)in->p, in->n, &v) != KDEC_OK)
			return;
	}
	check_number(v);
}

static void fuzz_kdec(struct input *in)
{
	/* two numbers as text, split at the first ';' */
	const char *s = (const char *)in->p;
	const char *semi = memchr(s, ';', in->n);
	size_t la = semi ? (size_t)(semi - s) : in->n;
	const char *t = semi ? semi + 1 : s + in->n;
	size_t lb = semi ? in->n - la - 1 : 0;
	kdec a = { 7, 3 }, b = { 7, 3 }, ra = a, r;

	enum kdec_status sa = kdec_parse(s, la, &a), want = ref_parse(s, la, &ra);
	FUZZ_ASSERT(sa == want, "kdec_parse(\"%.*s\") = %d, not %d", (int)la, s, (int)sa, (int)want);
	if (sa != KDEC_OK) {
		FUZZ_ASSERT(a.mant == 7 && a.scale == 3, "*out written on failure");
		return;
	}
	FUZZ_ASSERT(a.mant == ra.mant && a.scale == ra.scale, "\"%.*s\" parsed as %lld/10^%d", (int)la, s,
	            (long long)a.mant, a.scale);
	/* kdec_format round-trips exactly, scale included */
	char full[FULL];
	struct call c = { .op = OP_KDEC, .v = a };
	int n = check_contract(&c, full);
	kdec back;
	FUZZ_ASSERT(n > 0 && kdec_parse(full, (size_t)n, &back) == KDEC_OK && back.mant == a.mant &&
	            back.scale == a.scale, "\"%s\" does not read back", full);
	check_number(a);

	if (kdec_parse(t, lb, &b) != KDEC_OK)
		return;
	i128 x = at9(a), y = at9(b);
	int sc = a.scale > b.scale ? a.scale : b.scale;
	FUZZ_ASSERT(kdec_cmp(a, b) == (x > y) - (x < y), "cmp");
	FUZZ_ASSERT(kdec_sign(a) == (a.mant > 0) - (a.mant < 0), "sign");
	for (int sub = 0; sub < 2; sub++) {
		i128 want_v = sub ? x - y : x + y;
		/* the result's mantissa at scale s must fit in int64 */
		i128 m = want_v;
		for (int k = sc; k < 9; k++)
			m /= 10;
		int fits = m >= INT64_MIN && m <= INT64_MAX;
		r.mant = 99;
		r.scale = 99;
		int rc = sub ? kdec_sub(a, b, &r) : kdec_add(a, b, &r);
		FUZZ_ASSERT((rc == 0) == fits, "%s: rc %d", sub ? "sub" : "add", rc);
		if (rc == 0)
			FUZZ_ASSERT(r.scale == sc && at9(r) == want_v, "%s: wrong result", sub ? "sub" : "add");
		else
			FUZZ_ASSERT(r.mant == 99 && r.scale == 99, "*out written on overflow");
	}
	/* a*b against b*a, and against a*1 vs 1*b... compared exactly where
	 * 128 bits can hold both sides at one scale */
	i128 p = (i128)a.mant * b.mant, q = (i128)b.mant * a.mant, l, rr;
	FUZZ_ASSERT(p == q && kdec_cmp_prod(a, b, b, a) == 0, "a*b != b*a");
	kdec one = { 1, 0 };
	int sp = a.scale + b.scale, sq = b.scale;
	i128 mul = 1;
	for (int k = sq; k < sp; k++)
		mul *= 10;
	if (!__builtin_mul_overflow((i128)b.mant, mul, &rr)) {
		l = p;
		int want_c = (l > rr) - (l < rr);
		FUZZ_ASSERT(kdec_cmp_prod(a, b, one, b) == want_c, "cmp_prod(a, b, 1, b)");
	}
}

static void fuzz_percent(struct input *in)
{
	struct call c = { .op = OP_PERCENT };
	unsigned how = take_u8(in);
	c.decimals = (int)(take_u8(in) % 6) - 1;
	if (how % 2) {
		uint64_t bits = take_u64(in, 8);
		memcpy(&c.rate, &bits, sizeof c.rate);
	} else {
		char text[64];
		size_t n = in->n < sizeof text - 1 ? in->n : sizeof text - 1;
		memcpy(text, in->p, n);
		text[n] = '\0';
		c.rate = strtod(text, NULL);
	}
	char full[FULL];
	int n = check_contract(&c, full);
	int ok = isfinite(c.rate) && c.decimals >= 0 && c.decimals <= 3;
	FUZZ_ASSERT((n >= 0) == ok, "%g with %d decimals: returned %d", c.rate, c.decimals, n);
	if (n < 0)
		return;
	char want[400], got[FULL];
	snprintf(want, sizeof want, "%.*f%%", c.decimals, fabs(c.rate));
	size_t o = 0;
	for (const char *p = full; *p; p++) {
		if (!strncmp(p, "△", strlen("△")))
			p += strlen("△") - 1;
		else if (*p != ',')
			got[o++] = *p;
	}
	got[o] = '\0';
	FUZZ_ASSERT(!strcmp(got, want), "\"%s\" is not %s", full, want);
	int zero = strspn(want, "0.") == strlen(want) - 1;
	FUZZ_ASSERT(!strncmp(full, "△", strlen("△")) == (c.rate < 0 && !zero), "sign of \"%s\" for %g", full, c.rate);
}

/* ---- UTF-8 and widths ----------------------------------------------------------- */

/* A decoder written from the bit patterns rather than Table 3-7: the length
 * from the lead byte, then overlong, surrogate and range checks on the code
 * point.  Returns the length of the valid sequence at s, or 0. */
static size_t ref_decode(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t cp;
	if (s[0] < 0x80)
		return 1;
	else if ((s[0] & 0xE0) == 0xC0)
		len = 2, cp = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		len = 3, cp = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (i >= n || (s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < min[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

static void fuzz_utf8_width(struct input *in)
{
	const unsigned char *s = in->p;
	size_t n = in->n, i = 0, k = 0, bad = 12345;
	while (i < n && (k = ref_decode(s + i, n - i)) > 0)
		i += k;
	int valid = jfmt_utf8_valid((const char *)s, n, &bad);
	FUZZ_ASSERT(valid == (i == n), "valid %d, the reference says %d", valid, i == n);
	FUZZ_ASSERT(valid ? bad == 12345 : bad == i, "bad offset %zu, the reference says %zu", bad, i);

	/* width: each character 0, 1 or 2, each invalid byte 1, ASCII 1 */
	char *z = malloc(n + 1);
	memcpy(z, s, n);
	z[n] = '\0';
	size_t w = jfmt_width(z), len = strlen(z), chars = 0, ascii = 1;
	for (i = 0; i < len; i += k ? k : 1) {
		k = ref_decode((const unsigned char *)z + i, len - i);
		chars++;
		ascii &= (unsigned char)z[i] < 0x80;
	}
	FUZZ_ASSERT(w <= 2 * chars, "width %zu for %zu characters", w, chars);
	if (ascii)
		FUZZ_ASSERT(w == len, "ASCII width %zu for %zu bytes", w, len);
	FUZZ_ASSERT(jfmt_width(NULL) == 0, "NULL");
	free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	switch ((enum op)(take_u8(&in) % OP__N)) {
	case OP_ERA_FY: fuzz_era(&in, 0); break;
	case OP_ERA_DATE: fuzz_era(&in, 1); break;
	case OP_NUMBER: fuzz_number(&in); break;
	case OP_PERCENT: fuzz_percent(&in); break;
	case OP_WIDTH:
	case OP_UTF8: fuzz_utf8_width(&in); break;
	case OP_KDEC: fuzz_kdec(&in); break;
	default: break;
	}
	return 0;
}

/*
 * decimal.c - exact decimal numbers for kpic (see decimal.h).
 *
 * A kdec is a 64-bit mantissa with a decimal scale of 0..9.  Sums are done
 * in 128 bits and narrowed back with an overflow check; comparisons never
 * narrow at all, so they are exact for every representable value.  The
 * parser is deliberately strict: a figure that is not plainly a decimal
 * number is reported rather than guessed, because a misread source value
 * silently changes a KPI judgement.
 */
#include "decimal.h"

#include <assert.h>
#include <string.h>

/* -pedantic rejects the type name itself; __extension__ states the intent. */
__extension__ typedef __int128 i128;

/*
 * Integer parts from 1e15 up are refused: such values no longer convert to
 * double exactly (2^53 is about 9e15), and no municipal figure comes close.
 */
#define KDEC_INT_LIMIT 1000000000000000ULL
/*
 * And at most 18 digits in all (leading zeros not counted, written decimals
 * all counted): every such mantissa fits in int64, so the bound is the one
 * the message states, not the mantissa's (which took 1234567890.123456789
 * but not 9999999999.999999999).
 */
#define KDEC_MAX_DIGITS 18

/* Up to 10^18: the largest scale difference cmp_prod can meet (18 - 0). */
static const int64_t POW10[19] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
	1000000000000000000LL,
};

static int scale_ok(int scale)
{
	return scale >= 0 && scale <= KDEC_MAX_SCALE;
}

/* Not isspace(): that one depends on the process locale. */
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
		   c == '\f';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The spans of a syntactically valid number, before any range check. */
struct numtext {
	int neg;
	const char *ip; /* integer digits */
	size_t ipn;
	const char *fp; /* fraction digits */
	size_t fpn;
};

static size_t digit_run(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_digit(s[n]))
		n++;
	return n;
}

/* Syntax first, range later: "1.0000000000x" is a typo, not a big number. */
static enum kdec_status split_number(const char *s, size_t len,
									 struct numtext *t)
{
	size_t i = 0;

	t->neg = s[0] == '-';
	if (s[0] == '+' || s[0] == '-')
		i = 1;
	t->ip = s + i;
	t->ipn = digit_run(s + i, len - i);
	i += t->ipn;
	t->fp = s + i;
	t->fpn = 0;
	if (i < len && s[i] == '.') {
		i++;
		t->fp = s + i;
		t->fpn = digit_run(s + i, len - i);
		i += t->fpn;
		if (t->fpn == 0)
			return KDEC_SYNTAX; /* "1." */
	}
	if (t->ipn == 0 || i != len)
		return KDEC_SYNTAX; /* ".5", "-", "1,000", "1e3", ... */
	return KDEC_OK;
}

static enum kdec_status build(const struct numtext *t, kdec *out)
{
	uint64_t v = 0;
	size_t i;

	if (t->fpn > KDEC_MAX_SCALE)
		return KDEC_RANGE;
	size_t lead = 0;
	while (lead < t->ipn && t->ip[lead] == '0')
		lead++;
	if (t->ipn - lead + t->fpn > KDEC_MAX_DIGITS)
		return KDEC_RANGE;
	for (i = 0; i < t->ipn; i++) {
		/* v < 1e15 before each step, so v * 10 + 9 cannot wrap. */
		v = v * 10 + (uint64_t)(t->ip[i] - '0');
		if (v >= KDEC_INT_LIMIT)
			return KDEC_RANGE;
	}
	for (i = 0; i < t->fpn; i++) {
		uint64_t d = (uint64_t)(t->fp[i] - '0');

		/* INT64_MAX, not its negative twin, so negating is always safe. */
		if (v > ((uint64_t)INT64_MAX - d) / 10)
			return KDEC_RANGE;
		v = v * 10 + d;
	}
	out->mant = t->neg ? -(int64_t)v : (int64_t)v;
	out->scale = (int)t->fpn;
	return KDEC_OK;
}

/* The half-width form of the full-width character at s (3 bytes), or 0:
 * U+FF10-FF19 digits, U+FF0C comma (dropped: ','), U+FF0B plus, U+FF0D and
 * U+2212 minus, U+FF0E point. */
static char halfwidth_of(const unsigned char *s, size_t left)
{
	if (left < 3)
		return 0;
	if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)
		return '-';
	if (s[0] != 0xEF || s[1] != 0xBC)
		return 0;
	if (s[2] >= 0x90 && s[2] <= 0x99)
		return (char)('0' + (s[2] - 0x90));
	return s[2] == 0x8C ? ',' : s[2] == 0x8B ? '+' : s[2] == 0x8D ? '-' : s[2] == 0x8E ? '.' : 0;
}

int kdec_halfwidth(const char *s, size_t len, char *out, size_t size)
{
	int kinds = 0;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char h = halfwidth_of((const unsigned char *)s + i, len - i);
		char c = h ? h : s[i];
		if (h)
			kinds |= h >= '0' && h <= '9' ? KDEC_FW_DIGIT : h == ',' ? KDEC_FW_COMMA : KDEC_FW_OTHER;
		if (h)
			i += 2;
		if (c == ',')
			continue;
		if (o + 1 >= size)
			return 0;
		out[o++] = c;
	}
	if (size == 0)
		return 0;
	out[o] = '\0';
	return kinds;
}

enum kdec_status kdec_parse(const char *s, size_t len, kdec *out)
{
	struct numtext t;
	kdec v;
	enum kdec_status st;

	if (s == NULL)
		return KDEC_EMPTY;
	while (len > 0 && is_space(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	if (len == 0)
		return KDEC_EMPTY;
	st = split_number(s, len, &t);
	if (st == KDEC_OK)
		st = build(&t, &v);
	if (st == KDEC_OK)
		*out = v;
	return st;
}

kdec kdec_from_int(int64_t v)
{
	kdec d;

	d.mant = v;
	d.scale = 0;
	return d;
}

int kdec_sign(kdec a)
{
	return (a.mant > 0) - (a.mant < 0);
}

/*
 * Sign of p/10^sp - q/10^sq.  Bringing both to one scale could overflow
 * even 128 bits for products (2^126 * 10^18), so the side with the larger
 * scale is divided instead, keeping the remainder to break the tie.
 */
static int cmp_scaled(i128 p, int sp, i128 q, int sq)
{
	i128 t, quo, rem;

	if (sp > sq)
		return -cmp_scaled(q, sq, p, sp);
	/* Compare p * t with q = quo * t + rem, 0 <= rem < t (floor division). */
	t = POW10[sq - sp];
	quo = q / t;
	rem = q % t;
	if (rem < 0) {
		rem += t;
		quo -= 1;
	}
	if (p != quo)
		return p > quo ? 1 : -1;
	return rem == 0 ? 0 : -1;
}

int kdec_cmp(kdec a, kdec b)
{
	assert(scale_ok(a.scale) && scale_ok(b.scale));
	return cmp_scaled(a.mant, a.scale, b.mant, b.scale);
}

int kdec_cmp_prod(kdec a, kdec b, kdec c, kdec d)
{
	/* |mant * mant| <= 2^126, which a signed 128-bit integer holds. */
	i128 p = (i128)a.mant * b.mant;
	i128 q = (i128)c.mant * d.mant;

	assert(scale_ok(a.scale) && scale_ok(b.scale));
	assert(scale_ok(c.scale) && scale_ok(d.scale));
	return cmp_scaled(p, a.scale + b.scale, q, c.scale + d.scale);
}

/* a's mantissa at a larger scale; at most 2^63 * 10^9, far inside 128 bits. */
static i128 widen(kdec a, int scale)
{
	return (i128)a.mant * POW10[scale - a.scale];
}

static int narrow(i128 v, int scale, kdec *out)
{
	if (v < INT64_MIN || v > INT64_MAX)
		return -1;
	out->mant = (int64_t)v;
	out->scale = scale;
	return 0;
}

int kdec_add(kdec a, kdec b, kdec *out)
{
	int s = a.scale > b.scale ? a.scale : b.scale;

	if (!scale_ok(a.scale) || !scale_ok(b.scale))
		return -1;
	return narrow(widen(a, s) + widen(b, s), s, out);
}

/* Not add(a, -b): negating INT64_MIN would overflow. */
int kdec_sub(kdec a, kdec b, kdec *out)
{
	int s = a.scale > b.scale ? a.scale : b.scale;

	if (!scale_ok(a.scale) || !scale_ok(b.scale))
		return -1;
	return narrow(widen(a, s) - widen(b, s), s, out);
}

int kdec_mul_int(kdec a, int64_t k, kdec *out)
{
	if (!scale_ok(a.scale))
		return -1;
	return narrow((i128)a.mant * k, a.scale, out);
}

double kdec_to_double(kdec a)
{
	/* 10^scale <= 1e9 is exact in a double, so this is one rounding. */
	assert(scale_ok(a.scale));
	return (double)a.mant / (double)POW10[a.scale];
}

/* Writes a without NUL into out (>= 23 bytes), returns the length. */
static size_t render(kdec a, char *out)
{
	uint64_t mag = a.mant < 0 ? 0 - (uint64_t)a.mant : (uint64_t)a.mant;
	char rev[24];
	int nd = 0;
	size_t n = 0;

	/* At least scale + 1 digits, so 0.05 keeps its leading "0.0". */
	do {
		rev[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0 || nd <= a.scale);
	if (a.mant < 0)
		out[n++] = '-';
	while (nd > 0) {
		out[n++] = rev[--nd];
		if (nd == a.scale && nd > 0)
			out[n++] = '.';
	}
	return n;
}

int kdec_format(kdec a, char *buf, size_t size)
{
	char tmp[32];
	size_t n, m;

	if (!scale_ok(a.scale)) {
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	n = render(a, tmp);
	if (size > 0) {
		m = n < size ? n : size - 1;
		memcpy(buf, tmp, m);
		buf[m] = '\0';
	}
	return (int)n;
}

/* ---- rates --------------------------------------------------------------- */

__extension__ typedef unsigned __int128 u128;

static const krate_int KRATE_MAX = (krate_int)(((u128)1 << 127) - 1);

static krate_int pow10_wide(int n)
{
	krate_int p = 1;
	while (n-- > 0)
		p *= 10;
	return p;
}

int krate_of(kdec num, kdec den, krate *out)
{
	if (!scale_ok(num.scale) || !scale_ok(den.scale) || den.mant <= 0)
		return -1;
	/* 100 * 10^9 * (num.mant / 10^ns) / (den.mant / 10^ds) */
	int e = den.scale + 2 + KRATE_SCALE - num.scale;   /* 2..20 */
	krate_int p = pow10_wide(e), n = num.mant;
	if ((n < 0 ? -n : n) > KRATE_MAX / p)
		return -1;
	out->v = n * p / den.mant;
	return 0;
}

krate krate_from_kdec(kdec percent)
{
	krate r;
	assert(scale_ok(percent.scale));
	r.v = (krate_int)percent.mant * pow10_wide(KRATE_SCALE - percent.scale);
	return r;
}

int krate_cmp(krate a, krate b)
{
	return (a.v > b.v) - (a.v < b.v);
}

double krate_to_double(krate r)
{
	return (double)r.v / 1e9;
}

int krate_format(krate r, int decimals, enum krate_round how, char *buf, size_t size)
{
	char rev[64], tmp[72];
	size_t n = 0;
	int nd = 0;

	if (decimals < 0 || decimals > KRATE_SCALE) {
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	u128 mag = r.v < 0 ? -(u128)r.v : (u128)r.v;
	u128 unit = (u128)pow10_wide(KRATE_SCALE - decimals);
	u128 q = mag / unit;
	u128 rem2 = (mag % unit) * 2;
	if (rem2 > unit || (rem2 == unit && (how == KRATE_HALF_UP || q % 2 == 1)))
		q++;
	do {
		rev[nd++] = (char)('0' + (int)(q % 10));
		q /= 10;
	} while (q > 0 || nd <= decimals);
	int nonzero = 0;
	for (int i = 0; i < nd; i++)
		nonzero |= rev[i] != '0';
	if (r.v < 0 && nonzero)
		tmp[n++] = '-';
	while (nd > 0) {
		tmp[n++] = rev[--nd];
		if (nd == decimals && nd > 0)
			tmp[n++] = '.';
	}
	tmp[n] = '\0';
	if (size > 0) {
		size_t m = n < size ? n : size - 1;
		memcpy(buf, tmp, m);
		buf[m] = '\0';
	}
	return (int)n;
}

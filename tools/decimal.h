/*
 * decimal.h - exact decimal numbers for kpic.
 *
 * Source documents write their figures as decimals ("19.50", "-3.3",
 * "1415000", "0.8"), and achievement tests often sit exactly on a boundary
 * (4 of 5 is exactly 80%).  A binary double cannot say "exactly 80%", so kpic
 * keeps every source value as a scaled integer and judges only with these
 * exact operations; kdec_to_double exists for display and statistics only.
 * A kdec also remembers the scale it was written with, because "19.50" and
 * "19.5" must be rendered back the way the author wrote them.
 *
 * The module allocates nothing and holds no state; callers pass buffers.
 * Comparisons use the compiler's 128-bit integer (gcc, clang).
 */
#ifndef KPIC_DECIMAL_H
#define KPIC_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

/* value = mant / 10^scale.  Invariant: 0 <= scale <= KDEC_MAX_SCALE. */
typedef struct {
	int64_t mant;
	int scale;
} kdec;

#define KDEC_MAX_SCALE 9

enum kdec_status {
	KDEC_OK = 0,
	KDEC_EMPTY,  /* nothing but ASCII whitespace */
	KDEC_SYNTAX, /* not [+-]digits[.digits] */
	KDEC_RANGE   /* > 9 decimals, integer part >= 1e15, or > 18 digits in all */
};

/*
 * Parses s[0..len): optional ASCII whitespace, an optional sign (+ or -),
 * one or more digits, optionally '.' followed by one or more digits, optional
 * ASCII whitespace.  Nothing else: no separators, exponent, unit, "NaN",
 * "Inf", or fullwidth characters.  "1." and ".5" are KDEC_SYNTAX: official
 * tables always write "1" and "0.5", so a bare dot is far more likely a typo
 * (a lost digit) than an intended value.
 * The written scale is kept: "19.50" -> {1950, 2}.  Leading zeros are allowed
 * and do not count towards the range limit.  s may be NULL only if len == 0.
 * *out is written only when KDEC_OK is returned.
 */
enum kdec_status kdec_parse(const char *s, size_t len, kdec *out);

/*
 * Figures typed with a Japanese input method: full-width digits ("１２３"),
 * a full-width comma ("1，234"), sign or point ("－３．３").  Writes s[0..len)
 * to out (size bytes, NUL-terminated) with those made half-width and every
 * comma, of either width, dropped, and returns which kinds it changed
 * (KDEC_FW_*); 0 when there was nothing full-width, or out was too small.
 */
#define KDEC_FW_DIGIT 1
#define KDEC_FW_COMMA 2
#define KDEC_FW_OTHER 4  /* sign or decimal point */
int kdec_halfwidth(const char *s, size_t len, char *out, size_t size);

kdec kdec_from_int(int64_t v);

/* -1, 0 or 1. */
int kdec_sign(kdec a);

/* Exact -1/0/1 regardless of scale: "1.50" and "1.5" compare equal. */
int kdec_cmp(kdec a, kdec b);

/*
 * a + b and a - b exactly, at the larger of the two scales ("19.50" + "0.5"
 * is "20.00").  Return 0 on success, -1 on overflow of int64 or an invalid
 * scale; *out is untouched on failure.
 */
int kdec_add(kdec a, kdec b, kdec *out);
int kdec_sub(kdec a, kdec b, kdec *out);
/* a * k exactly, at a's scale; 0, or -1 on overflow (*out untouched). */
int kdec_mul_int(kdec a, int64_t k, kdec *out);

/*
 * Exact comparison of the products a*b and c*d: -1, 0 or 1.  This is how
 * rates are judged without dividing: "value/target >= 80%" becomes
 * cmp_prod(value, 100, target, 80) >= 0.
 */
int kdec_cmp_prod(kdec a, kdec b, kdec c, kdec d);

/* Nearest double; exact when |mant| < 2^53.  For display, never for judging. */
double kdec_to_double(kdec a);

/*
 * Writes the plain decimal with its own scale and an ASCII minus ("19.50",
 * "-3.3", "1415000", "0.000001").  Returns like snprintf: the length of the
 * full text, always NUL-terminating when size > 0; -1 for an invalid scale.
 */
int kdec_format(kdec a, char *buf, size_t size);

/*
 * An achievement rate in percent, exact to KRATE_SCALE decimals (the
 * quotient truncated toward zero): the rate is v / 10^9 %.  A rate is a
 * quotient of two kdec values, which 128 bits hold (below 10^28 % for the
 * parser's bounds, also for sums of many), so that 10^20 / 10^-9 prints as
 * the figure it is and not as a double's noise.  A rate rounded to fewer
 * decimals than 9 is rounded from the exact quotient's first 9 decimals:
 * truncating never carries a value across a half, so it rounds right.
 */
__extension__ typedef __int128 krate_int;
typedef struct {
	krate_int v;
} krate;

#define KRATE_SCALE 9

/* 100 * num / den in *out; -1 (out untouched) if den is not positive or
 * the rate does not fit. */
int krate_of(kdec num, kdec den, krate *out);

/* A percentage written as a decimal (a threshold: "80" is 80%). */
krate krate_from_kdec(kdec percent);

/* -1, 0 or 1. */
int krate_cmp(krate a, krate b);

/* Nearest double, for statistics and drawing, never for judging. */
double krate_to_double(krate r);

/*
 * The plain decimal rounded to `decimals` (0..9), with an ASCII minus unless
 * it rounds to zero: "92.6882", "-5.0", "0.0".  A half goes to the even
 * digit (KRATE_HALF_EVEN, JIS Z 8401 rule A, as printf rounded the percent
 * kpic prints: 56.25 -> "56.2") or away from zero (KRATE_HALF_UP, as the
 * machine-readable rates with 4 decimals were: 98.48125 -> "98.4813").
 * Returns like snprintf; -1 for decimals out of range.
 */
enum krate_round { KRATE_HALF_EVEN, KRATE_HALF_UP };
int krate_format(krate r, int decimals, enum krate_round how, char *buf, size_t size);

#endif

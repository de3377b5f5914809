/*
 * test_decimal.c - unit tests for tools/decimal.c.
 *
 * kpic's KPI judgements rest on these operations being exact, so the tests
 * dwell on the edges: the parser's refusals (a misread figure would change
 * a judgement silently), int64 overflow in sums, the 1e15 and 9-decimal
 * limits, and products that sit exactly on an achievement boundary.
 */
#include <stdint.h>

#include "check.h"
#include "decimal.h"

static kdec kd(int64_t mant, int scale)
{
    kdec d;

    d.mant = mant;
    d.scale = scale;
    return d;
}

/* The whole of s must parse to {mant, scale}. */
#define PARSE_OK(s, m, sc)                                  \
    do {                                                    \
        kdec v_ = kd(-42, 7);                               \
        CHECK_INT(KDEC_OK, kdec_parse((s), strlen(s), &v_)); \
        CHECK_INT((m), v_.mant);                            \
        CHECK_INT((sc), v_.scale);                          \
    } while (0)

/* s must be refused with status st, leaving the output untouched. */
#define PARSE_BAD(s, st)                                    \
    do {                                                    \
        kdec v_ = kd(-42, 7);                               \
        CHECK_INT((st), kdec_parse((s), strlen(s), &v_));    \
        CHECK_INT(-42, v_.mant);                            \
    } while (0)

static void test_parse_ok(struct check *ck)
{
    kdec v = kd(0, 0);

    PARSE_OK("19.50", 1950, 2);
    PARSE_OK("-3.3", -33, 1);
    PARSE_OK("1415000", 1415000, 0);
    PARSE_OK("0.8", 8, 1);
    PARSE_OK("+7", 7, 0);
    PARSE_OK("  42 \t\r\n", 42, 0);
    PARSE_OK("\v\f-1.0\f", -10, 1);
    PARSE_OK("007", 7, 0);
    PARSE_OK("-0", 0, 0);
    PARSE_OK("-0.00", 0, 2);
    PARSE_OK("0.000000001", 1, 9);
    PARSE_OK("999999999999999", 999999999999999LL, 0);
    PARSE_OK("-999999999999999.5", -9999999999999995LL, 1);
    PARSE_OK("0000000000000000000001", 1, 0); /* zeros don't count */
    PARSE_OK("999999999.999999999", 999999999999999999LL, 9);
    PARSE_OK("-999999999.999999999", -999999999999999999LL, 9);
    PARSE_OK("123456789012345.123", 123456789012345123LL, 3); /* 18 digits */
    PARSE_OK("000123456789.123456789", 123456789123456789LL, 9);
    /* len, not the NUL, ends the text. */
    CHECK_INT(KDEC_OK, kdec_parse("123abc", 3, &v));
    CHECK_INT(123, v.mant);
}

static void test_parse_bad(struct check *ck)
{
    kdec v = kd(-42, 7);

    PARSE_BAD("", KDEC_EMPTY);
    PARSE_BAD(" ", KDEC_EMPTY);
    PARSE_BAD(" \t\n ", KDEC_EMPTY);
    CHECK_INT(KDEC_EMPTY, kdec_parse(NULL, 0, &v));
    PARSE_BAD("1,000", KDEC_SYNTAX);
    PARSE_BAD("1e3", KDEC_SYNTAX);
    PARSE_BAD("NaN", KDEC_SYNTAX);
    PARSE_BAD("Inf", KDEC_SYNTAX);
    PARSE_BAD("-inf", KDEC_SYNTAX);
    PARSE_BAD("--1", KDEC_SYNTAX);
    PARSE_BAD("+-1", KDEC_SYNTAX);
    PARSE_BAD("1.", KDEC_SYNTAX);  /* decided: a lost digit, not 1 */
    PARSE_BAD(".5", KDEC_SYNTAX);  /* decided: documents write 0.5 */
    PARSE_BAD("-.5", KDEC_SYNTAX);
    PARSE_BAD("-", KDEC_SYNTAX);
    PARSE_BAD("+", KDEC_SYNTAX);
    PARSE_BAD(".", KDEC_SYNTAX);
    PARSE_BAD("- 1", KDEC_SYNTAX);
    PARSE_BAD("1 000", KDEC_SYNTAX);
    PARSE_BAD("1.2.3", KDEC_SYNTAX);
    PARSE_BAD("0x10", KDEC_SYNTAX);
    PARSE_BAD("12%", KDEC_SYNTAX);
    PARSE_BAD("1千", KDEC_SYNTAX);
    PARSE_BAD("\xef\xbc\x91", KDEC_SYNTAX);        /* fullwidth 1 */
    PARSE_BAD("\xe3\x80\x80" "1", KDEC_SYNTAX);    /* U+3000 is not ASCII */
    PARSE_BAD("\xe2\x96\xb3" "3", KDEC_SYNTAX);    /* △ is output only */
    PARSE_BAD("1.0000000000x", KDEC_SYNTAX);       /* syntax beats range */
    CHECK_INT(KDEC_SYNTAX, kdec_parse("1\0", 2, &v));
    CHECK_INT(-42, v.mant);
}

static void test_parse_range(struct check *ck)
{
    PARSE_BAD("1.0000000000", KDEC_RANGE); /* 10 decimals */
    PARSE_BAD("0.0000000001", KDEC_RANGE);
    PARSE_BAD("1000000000000000", KDEC_RANGE);
    PARSE_BAD("-1000000000000000", KDEC_RANGE);
    PARSE_BAD("0001000000000000000", KDEC_RANGE);
    PARSE_BAD("99999999999999999999999999", KDEC_RANGE);
    PARSE_BAD("9999999999.999999999", KDEC_RANGE); /* 19 digits */
    PARSE_BAD("1234567890.123456789", KDEC_RANGE); /* 19 digits, though the mantissa fits */
    PARSE_BAD("123456789012345.1230", KDEC_RANGE); /* written decimals count */
    PARSE_BAD("9223372036.854775807", KDEC_RANGE);
    PARSE_BAD("9223372036.854775808", KDEC_RANGE);
    PARSE_BAD("-9223372036.854775808", KDEC_RANGE);
}

static void test_cmp(struct check *ck)
{
    CHECK_INT(0, kdec_cmp(kd(150, 2), kd(15, 1)));
    CHECK_INT(-1, kdec_cmp(kd(149, 2), kd(15, 1)));
    CHECK_INT(1, kdec_cmp(kd(151, 2), kd(15, 1)));
    CHECK_INT(0, kdec_cmp(kd(-330, 2), kd(-33, 1)));
    CHECK_INT(-1, kdec_cmp(kd(-331, 2), kd(-33, 1)));
    CHECK_INT(1, kdec_cmp(kd(-15, 1), kd(-2, 0)));
    CHECK_INT(0, kdec_cmp(kd(-20, 1), kd(-2, 0)));
    CHECK_INT(0, kdec_cmp(kd(0, 0), kd(0, 9)));
    CHECK_INT(1, kdec_cmp(kd(1, 9), kd(0, 0)));
    CHECK_INT(-1, kdec_cmp(kd(-1, 9), kd(0, 0)));
    CHECK_INT(1, kdec_cmp(kd(INT64_MAX, 0), kd(INT64_MAX, 9)));
    CHECK_INT(-1, kdec_cmp(kd(INT64_MIN, 0), kd(INT64_MIN, 9)));
    CHECK_INT(-1, kdec_cmp(kd(INT64_MIN, 0), kd(INT64_MAX, 0)));
    CHECK_INT(0, kdec_cmp(kd(INT64_MIN, 3), kd(INT64_MIN, 3)));
    CHECK_INT(-1, kdec_sign(kd(-1, 9)));
    CHECK_INT(0, kdec_sign(kd(0, 3)));
    CHECK_INT(1, kdec_sign(kd(INT64_MAX, 0)));
    CHECK_INT(-1, kdec_sign(kd(INT64_MIN, 0)));
    CHECK_INT(0, kdec_cmp(kdec_from_int(80), kd(8000, 2)));
    CHECK_INT(0, kdec_from_int(-5).scale);
}

/* a op b must give {mant, scale}. */
#define ARITH_OK(fn, a, b, m, sc)                  \
    do {                                           \
        kdec r_ = kd(-42, 7);                      \
        CHECK_INT(0, fn((a), (b), &r_));           \
        CHECK_INT((m), r_.mant);                   \
        CHECK_INT((sc), r_.scale);                 \
    } while (0)

#define ARITH_OVERFLOW(fn, a, b)                   \
    do {                                           \
        kdec r_ = kd(-42, 7);                      \
        CHECK_INT(-1, fn((a), (b), &r_));          \
        CHECK_INT(-42, r_.mant);                   \
        CHECK_INT(7, r_.scale);                    \
    } while (0)

static void test_add_sub(struct check *ck)
{
    ARITH_OK(kdec_add, kd(1950, 2), kd(5, 1), 2000, 2);
    ARITH_OK(kdec_add, kd(-33, 1), kd(33, 1), 0, 1);
    ARITH_OK(kdec_add, kd(INT64_MAX - 1, 0), kd(1, 0), INT64_MAX, 0);
    ARITH_OK(kdec_add, kd(INT64_MIN, 0), kd(0, 0), INT64_MIN, 0);
    ARITH_OK(kdec_add, kd(INT64_MAX, 0), kd(INT64_MIN, 0), -1, 0);
    ARITH_OK(kdec_sub, kd(1, 0), kd(1, 3), 999, 3);
    ARITH_OK(kdec_sub, kd(0, 0), kd(INT64_MAX, 0), -INT64_MAX, 0);
    ARITH_OK(kdec_sub, kd(-1, 0), kd(INT64_MAX, 0), INT64_MIN, 0);
    ARITH_OK(kdec_sub, kd(554500000, 0), kd(99500000, 0), 455000000, 0);
    ARITH_OVERFLOW(kdec_add, kd(INT64_MAX, 0), kd(1, 0));
    ARITH_OVERFLOW(kdec_add, kd(INT64_MIN, 0), kd(-1, 0));
    ARITH_OVERFLOW(kdec_add, kd(INT64_MAX / 10 + 1, 0), kd(0, 1));
    ARITH_OVERFLOW(kdec_sub, kd(INT64_MIN, 0), kd(1, 0));
    ARITH_OVERFLOW(kdec_sub, kd(0, 0), kd(INT64_MIN, 0));
    ARITH_OVERFLOW(kdec_add, kd(1, 10), kd(1, 0)); /* invalid scale */
    ARITH_OVERFLOW(kdec_sub, kd(1, 0), kd(1, -1));
}

/* "num / den >= rate%" is judged as num * 100 vs rate * den. */
static void test_cmp_prod(struct check *ck)
{
    kdec hundred = kdec_from_int(100), eighty = kdec_from_int(80);

    CHECK_INT(0, kdec_cmp_prod(kd(4, 0), hundred, eighty, kd(5, 0)));
    CHECK_INT(-1, kdec_cmp_prod(kd(3, 0), hundred, eighty, kd(5, 0)));
    CHECK_INT(1, kdec_cmp_prod(kd(2240, 2), hundred, eighty, kd(2320, 2)));
    CHECK_INT(0, kdec_cmp_prod(kd(1856, 2), hundred, eighty, kd(2320, 2)));
    CHECK_INT(-1, kdec_cmp_prod(kd(18559, 3), hundred, eighty, kd(232, 1)));
    /* 億-sized amounts: 554,500,000 is exactly 80% of 693,125,000. */
    CHECK_INT(0, kdec_cmp_prod(kd(554500000, 0), hundred, eighty,
                               kd(693125000, 0)));
    CHECK_INT(-1, kdec_cmp_prod(kd(554499999, 0), hundred, eighty,
                                kd(693125000, 0)));
    CHECK_INT(1, kdec_cmp_prod(kd(554500000, 0), hundred, eighty,
                               kd(693124999, 0)));
    CHECK_INT(0, kdec_cmp_prod(kd(999999999999999LL, 0), kd(8, 1),
                               kd(7999999999999992LL, 1), kd(1, 0)));
    /* Extremes: products near 2^126 and scale differences of 18. */
    CHECK_INT(-1, kdec_cmp_prod(kd(INT64_MAX, 0), kd(INT64_MAX, 0),
                                kd(INT64_MIN, 0), kd(INT64_MIN, 0)));
    CHECK_INT(1, kdec_cmp_prod(kd(INT64_MAX, 9), kd(INT64_MAX, 9),
                               kd(INT64_MAX, 0), kd(1, 0)));
    CHECK_INT(0, kdec_cmp_prod(kd(1000000000, 9), kd(1000000000, 9),
                               kd(1, 0), kd(1, 0)));
    CHECK_INT(1, kdec_cmp_prod(kd(1, 9), kd(1, 9), kd(0, 0), kd(5, 0)));
    CHECK_INT(-1, kdec_cmp_prod(kd(-1, 9), kd(1, 9), kd(0, 0), kd(5, 0)));
    /* Negative products exercise the floor-division tie break. */
    CHECK_INT(1, kdec_cmp_prod(kd(-1, 0), kd(1, 0), kd(-15, 1), kd(1, 0)));
    CHECK_INT(-1, kdec_cmp_prod(kd(-15, 1), kd(1, 0), kd(-1, 0), kd(1, 0)));
    CHECK_INT(0, kdec_cmp_prod(kd(-15, 1), kd(-2, 0), kd(3, 0), kd(1, 0)));
}

static void test_to_double(struct check *ck)
{
    CHECK_INT(1, kdec_to_double(kd(1950, 2)) == 19.5);
    CHECK_INT(1, kdec_to_double(kd(-33, 1)) == -3.3);
    CHECK_INT(1, kdec_to_double(kd(8, 1)) == 0.8);
    CHECK_INT(1, kdec_to_double(kd(1415000, 0)) == 1415000.0);
    CHECK_INT(1, kdec_to_double(kd(1, 9)) == 1e-9);
}

/* kdec_format must print s and return its length. */
#define FORMAT_IS(v, s)                                      \
    do {                                                     \
        char b_[40];                                         \
        CHECK_INT(strlen(s), kdec_format((v), b_, sizeof b_)); \
        CHECK_STR((s), b_);                                  \
    } while (0)

static void test_format(struct check *ck)
{
    char b[8] = "xxxxxxx";

    FORMAT_IS(kd(1950, 2), "19.50");
    FORMAT_IS(kd(-33, 1), "-3.3");
    FORMAT_IS(kd(1415000, 0), "1415000");
    FORMAT_IS(kd(8, 1), "0.8");
    FORMAT_IS(kd(1, 6), "0.000001");
    FORMAT_IS(kd(0, 0), "0");
    FORMAT_IS(kd(0, 2), "0.00");
    FORMAT_IS(kd(-5, 2), "-0.05");
    FORMAT_IS(kd(INT64_MIN, 0), "-9223372036854775808");
    FORMAT_IS(kd(INT64_MIN, 9), "-9223372036.854775808");
    FORMAT_IS(kd(INT64_MAX, 9), "9223372036.854775807");
    CHECK_INT(5, kdec_format(kd(1950, 2), NULL, 0));
    CHECK_INT(5, kdec_format(kd(1950, 2), b, 3));
    CHECK_STR("19", b);
    CHECK_INT(5, kdec_format(kd(1950, 2), b, 1));
    CHECK_STR("", b);
    CHECK_INT(5, kdec_format(kd(1950, 2), b, 5));
    CHECK_STR("19.5", b);
    CHECK_INT(5, kdec_format(kd(1950, 2), b, 6));
    CHECK_STR("19.50", b);
    CHECK_INT(-1, kdec_format(kd(1, 10), b, sizeof b));
    CHECK_STR("", b);
}

/* Parsing then formatting gives back the written text. */
static void test_round_trip(struct check *ck)
{
    static const char *const texts[] = {
        "19.50", "-3.3", "1415000", "0.8", "0.000000001",
        "-999999999999999.5", "100.0",
    };
    size_t i;

    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        kdec v = kd(0, 0);
        char b[40];

        CHECK_INT(KDEC_OK, kdec_parse(texts[i], strlen(texts[i]), &v));
        kdec_format(v, b, sizeof b);
        CHECK_STR(texts[i], b);
    }
}

/* Figures typed with a Japanese input method, made half-width. */
static void test_halfwidth(struct check *ck)
{
    char b[16];

    CHECK_INT(KDEC_FW_DIGIT, kdec_halfwidth("１２３", strlen("１２３"), b, sizeof b));
    CHECK_STR("123", b);
    CHECK_INT(KDEC_FW_COMMA, kdec_halfwidth("1，234", strlen("1，234"), b, sizeof b));
    CHECK_STR("1234", b);
    CHECK_INT(KDEC_FW_DIGIT | KDEC_FW_COMMA | KDEC_FW_OTHER,
              kdec_halfwidth("－１，２３４．５", strlen("－１，２３４．５"), b, sizeof b));
    CHECK_STR("-1234.5", b);
    CHECK_INT(KDEC_FW_OTHER, kdec_halfwidth("\xe2\x88\x92" "3.3", 6, b, sizeof b));   /* U+2212 minus */
    CHECK_STR("-3.3", b);
    /* nothing full-width: 0, whatever else the text holds */
    CHECK_INT(0, kdec_halfwidth("15,757人", strlen("15,757人"), b, sizeof b));
    CHECK_INT(0, kdec_halfwidth("", 0, b, sizeof b));
    /* too small a buffer: 0, never a cut figure */
    CHECK_INT(0, kdec_halfwidth("１２３４５", strlen("１２３４５"), b, 3));
}

/* 100 * num / den, formatted with `dec` decimals. */
#define RATE_IS(num, den, dec, how, s)                                   \
    do {                                                                 \
        krate r_;                                                        \
        char b_[64];                                                     \
        CHECK_INT(0, krate_of((num), (den), &r_));                       \
        CHECK_INT(strlen(s), krate_format(r_, (dec), (how), b_, sizeof b_)); \
        CHECK_STR((s), b_);                                              \
    } while (0)

static void test_rate(struct check *ck)
{
    krate r;
    char b[8];

    RATE_IS(kd(4, 0), kd(5, 0), 1, KRATE_HALF_EVEN, "80.0");
    RATE_IS(kd(15757, 0), kd(17000, 0), 4, KRATE_HALF_UP, "92.6882");
    RATE_IS(kd(9, 0), kd(16, 0), 1, KRATE_HALF_EVEN, "56.2");   /* 56.25: to even */
    RATE_IS(kd(9, 0), kd(16, 0), 1, KRATE_HALF_UP, "56.3");
    RATE_IS(kd(15757, 0), kd(16000, 0), 4, KRATE_HALF_UP, "98.4813"); /* 98.48125 */
    RATE_IS(kd(15757, 0), kd(16000, 0), 4, KRATE_HALF_EVEN, "98.4812");
    RATE_IS(kd(1, 0), kd(3, 0), 9, KRATE_HALF_EVEN, "33.333333333");
    RATE_IS(kd(2, 0), kd(3, 0), 1, KRATE_HALF_EVEN, "66.7");
    RATE_IS(kd(-5, 0), kd(100, 0), 1, KRATE_HALF_EVEN, "-5.0");
    RATE_IS(kd(-4, 2), kd(100, 0), 1, KRATE_HALF_EVEN, "0.0");  /* -0.04%: no minus */
    /* the largest: no double noise, every digit exact */
    RATE_IS(kd(999999999999999, 0), kd(1, 9), 1, KRATE_HALF_EVEN,
            "99999999999999900000000000.0");
    RATE_IS(kd(123456789012345678, 3), kd(7, 9), 2, KRATE_HALF_EVEN,
            "1763668414462081114285714.29");
    CHECK_INT(-1, krate_of(kd(1, 0), kd(0, 0), &r));
    CHECK_INT(-1, krate_of(kd(1, 0), kd(-1, 0), &r));
    CHECK_INT(0, krate_cmp(krate_from_kdec(kd(80, 0)), krate_from_kdec(kd(8000, 2))));
    CHECK_INT(1, krate_cmp(krate_from_kdec(kd(801, 1)), krate_from_kdec(kd(80, 0))));
    CHECK_INT(0, krate_of(kd(1, 0), kd(3, 0), &r));
    CHECK_INT(-1, krate_format(r, 10, KRATE_HALF_EVEN, b, sizeof b));
    CHECK_INT(12, krate_format(r, 9, KRATE_HALF_EVEN, b, sizeof b)); /* truncated, NUL-ended */
    CHECK_STR("33.3333", b);
}

int main(void)
{
    struct check c = {0, 0}, *ck = &c;

    test_parse_ok(ck);
    test_parse_bad(ck);
    test_parse_range(ck);
    test_cmp(ck);
    test_add_sub(ck);
    test_cmp_prod(ck);
    test_to_double(ck);
    test_format(ck);
    test_round_trip(ck);
    test_halfwidth(ck);
    test_rate(ck);
    return check_done(ck);
}

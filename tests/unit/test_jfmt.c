/*
 * test_jfmt.c - unit tests for tools/jfmt.c.
 *
 * The expected strings are the forms the seed document prints ("H27. 6. 12",
 * "141万5千", "△444,085"), so a failure here means a rendered document would
 * differ from the official one.  Era tests sit on both sides of every era
 * change; truncation tests check that a short buffer still holds valid,
 * NUL-terminated UTF-8 and that the full length is reported.
 */
#include <math.h>
#include <stdint.h>

#include "check.h"
#include "jfmt.h"

/* A formatter's text and return value, returned by value: no shared buffer. */
struct res {
    int n;
    char s[160];
};

static kdec kd(int64_t mant, int scale)
{
    kdec d;

    d.mant = mant;
    d.scale = scale;
    return d;
}

static struct res num(int64_t mant, int scale, enum jfmt_notation n)
{
    struct res r;

    r.n = jfmt_number(kd(mant, scale), n, r.s, sizeof r.s);
    return r;
}

static struct res fy(int year, enum jfmt_era_form form)
{
    struct res r;

    r.n = jfmt_era_fy(year, form, r.s, sizeof r.s);
    return r;
}

static struct res date(int y, int m, int d, enum jfmt_era_form form)
{
    struct res r;

    r.n = jfmt_era_date(y, m, d, form, r.s, sizeof r.s);
    return r;
}

static struct res pct(double rate, int decimals)
{
    struct res r;

    r.n = jfmt_percent(rate, decimals, r.s, sizeof r.s);
    return r;
}

/* The text is `expected` and the return value its length in bytes. */
#define CHECK_RES(expected, call)               \
    do {                                        \
        struct res r_ = (call);                 \
        CHECK_STR((expected), r_.s);            \
        CHECK_INT(strlen(expected), r_.n);      \
    } while (0)

/* Invalid input: -1 and an empty buffer. */
#define CHECK_FAIL(call)                        \
    do {                                        \
        struct res r_ = (call);                 \
        CHECK_INT(-1, r_.n);                    \
        CHECK_STR("", r_.s);                    \
    } while (0)

#define S JFMT_ERA_SHORT
#define L JFMT_ERA_LONG

static void test_era_fy(struct check *ck)
{
    CHECK_RES("H26", fy(2014, S));
    CHECK_RES("平成26", fy(2014, L));
    CHECK_RES("H30", fy(2018, S));
    CHECK_RES("H31", fy(2019, S)); /* April 1 2019 was still Heisei */
    CHECK_RES("平成31", fy(2019, L));
    CHECK_RES("R2", fy(2020, S));
    CHECK_RES("令和2", fy(2020, L));
    CHECK_RES("S63", fy(1988, S));
    CHECK_RES("H1", fy(1989, S)); /* Heisei began in January 1989 */
    CHECK_RES("平成元", fy(1989, L));
    CHECK_RES("S2", fy(1927, S));
    CHECK_RES("T15", fy(1926, S));
    CHECK_RES("T2", fy(1913, S));
    CHECK_RES("大正2", fy(1913, L));
    CHECK_RES("M45", fy(1912, S)); /* Taisho began in July 1912 */
    CHECK_RES("M1", fy(1868, S));
    CHECK_RES("明治元", fy(1868, L));
    CHECK_RES("R182", fy(2200, S));
    CHECK_RES("令和182", fy(2200, L));
    CHECK_FAIL(fy(1867, S));
    CHECK_FAIL(fy(2201, S));
    CHECK_FAIL(fy(2201, L));
    CHECK_FAIL(fy(-2019, S));
    CHECK_FAIL(fy(2019, (enum jfmt_era_form)7));
}

static void test_era_date(struct check *ck)
{
    CHECK_RES("H27. 6. 12", date(2015, 6, 12, S));
    CHECK_RES("平成27年6月12日", date(2015, 6, 12, L));
    CHECK_RES("H31. 4. 30", date(2019, 4, 30, S));
    CHECK_RES("平成31年4月30日", date(2019, 4, 30, L));
    CHECK_RES("R1. 5. 1", date(2019, 5, 1, S));
    CHECK_RES("令和元年5月1日", date(2019, 5, 1, L));
    CHECK_RES("S64. 1. 7", date(1989, 1, 7, S));
    CHECK_RES("昭和64年1月7日", date(1989, 1, 7, L));
    CHECK_RES("H1. 1. 8", date(1989, 1, 8, S));
    CHECK_RES("平成元年1月8日", date(1989, 1, 8, L));
    CHECK_RES("T15. 12. 24", date(1926, 12, 24, S));
    CHECK_RES("S1. 12. 25", date(1926, 12, 25, S));
    CHECK_RES("昭和元年12月25日", date(1926, 12, 25, L));
    CHECK_RES("M45. 7. 29", date(1912, 7, 29, S));
    CHECK_RES("T1. 7. 30", date(1912, 7, 30, S));
    CHECK_RES("大正元年7月30日", date(1912, 7, 30, L));
    CHECK_RES("M1. 1. 25", date(1868, 1, 25, S));
    CHECK_RES("明治元年1月25日", date(1868, 1, 25, L));
    CHECK_FAIL(date(1868, 1, 24, S));
    CHECK_FAIL(date(1867, 12, 31, L));
    CHECK_RES("R182. 12. 31", date(2200, 12, 31, S));
    CHECK_FAIL(date(2201, 1, 1, S));
    CHECK_FAIL(date(2019, 5, 1, (enum jfmt_era_form)-1));
}

static void test_date_validity(struct check *ck)
{
    CHECK_RES("R2. 2. 29", date(2020, 2, 29, S));
    CHECK_RES("H12. 2. 29", date(2000, 2, 29, S)); /* divisible by 400 */
    CHECK_RES("R182. 2. 28", date(2200, 2, 28, S));
    CHECK_FAIL(date(2019, 2, 29, S));
    CHECK_FAIL(date(1900, 2, 29, S)); /* divisible by 100 */
    CHECK_FAIL(date(2200, 2, 29, S));
    CHECK_FAIL(date(2020, 2, 30, S));
    CHECK_FAIL(date(2019, 4, 31, S));
    CHECK_RES("R1. 12. 31", date(2019, 12, 31, S));
    CHECK_FAIL(date(2019, 12, 32, S));
    CHECK_FAIL(date(2019, 0, 1, S));
    CHECK_FAIL(date(2019, 13, 1, S));
    CHECK_FAIL(date(2019, 1, 0, S));
    CHECK_FAIL(date(2019, 1, -1, S));
}

static void test_plain(struct check *ck)
{
    CHECK_RES("16,474", num(16474, 0, JFMT_PLAIN));
    CHECK_RES("5,031,030", num(5031030, 0, JFMT_PLAIN));
    CHECK_RES("19.50", num(1950, 2, JFMT_PLAIN));
    CHECK_RES("0", num(0, 0, JFMT_PLAIN));
    CHECK_RES("0.00", num(0, 2, JFMT_PLAIN));
    CHECK_RES("△3.3", num(-33, 1, JFMT_PLAIN));
    CHECK_RES("△444,085", num(-444085, 0, JFMT_PLAIN));
    CHECK_RES("△0.05", num(-5, 2, JFMT_PLAIN));
    CHECK_RES("999", num(999, 0, JFMT_PLAIN));
    CHECK_RES("1,000", num(1000, 0, JFMT_PLAIN));
    CHECK_RES("100,000", num(100000, 0, JFMT_PLAIN));
    CHECK_RES("1,234,567.891", num(1234567891, 3, JFMT_PLAIN));
    CHECK_RES("△9,223,372,036,854,775,808", num(INT64_MIN, 0, JFMT_PLAIN));
    CHECK_RES("9,223,372,036.854775807", num(INT64_MAX, 9, JFMT_PLAIN));
}

static void test_signed(struct check *ck)
{
    CHECK_RES("+0.3", num(3, 1, JFMT_SIGNED));
    CHECK_RES("△2.71", num(-271, 2, JFMT_SIGNED));
    CHECK_RES("0", num(0, 0, JFMT_SIGNED));
    CHECK_RES("0.0", num(0, 1, JFMT_SIGNED));
    CHECK_RES("+1,234", num(1234, 0, JFMT_SIGNED));
}

static void test_man(struct check *ck)
{
    CHECK_RES("141万5千", num(1415000, 0, JFMT_MAN));
    CHECK_RES("153万2千", num(1532000, 0, JFMT_MAN));
    CHECK_RES("3万1千", num(31000, 0, JFMT_MAN));
    CHECK_RES("35万9千", num(359000, 0, JFMT_MAN));
    CHECK_RES("5億5,450万", num(554500000, 0, JFMT_MAN));
    CHECK_RES("4億7千万", num(470000000, 0, JFMT_MAN));
    CHECK_RES("1億2千万", num(120000000, 0, JFMT_MAN));
    CHECK_RES("9,950万", num(99500000, 0, JFMT_MAN));
    CHECK_RES("5,136万", num(51360000, 0, JFMT_MAN));
    CHECK_RES("5億", num(500000000, 0, JFMT_MAN));
    CHECK_RES("7億858万", num(708580000, 0, JFMT_MAN));
    CHECK_RES("8万", num(80000, 0, JFMT_MAN));
    CHECK_RES("31万", num(310000, 0, JFMT_MAN));
    CHECK_RES("141万5,300", num(1415300, 0, JFMT_MAN));
    CHECK_RES("1億2,345万6,789", num(123456789, 0, JFMT_MAN));
    CHECK_RES("1億1", num(100000001, 0, JFMT_MAN));
    CHECK_RES("1億1千", num(100001000, 0, JFMT_MAN));
    CHECK_RES("1万", num(10000, 0, JFMT_MAN));
    CHECK_RES("1兆", num(1000000000000LL, 0, JFMT_MAN));
    CHECK_RES("1兆2,345億", num(1234500000000LL, 0, JFMT_MAN));
    CHECK_RES("1兆2千億", num(1200000000000LL, 0, JFMT_MAN));
    CHECK_RES("9,223,372兆368億5,477万5,807", num(INT64_MAX, 0, JFMT_MAN));
    CHECK_RES("△141万5千", num(-1415000, 0, JFMT_MAN));
    CHECK_RES("△4億7千万", num(-470000000, 0, JFMT_MAN));
    /* Below 10,000: plain, so no "5千". */
    CHECK_RES("5,000", num(5000, 0, JFMT_MAN));
    CHECK_RES("9,999", num(9999, 0, JFMT_MAN));
    CHECK_RES("0", num(0, 0, JFMT_MAN));
    CHECK_RES("△5,000", num(-5000, 0, JFMT_MAN));
}

/* The chosen rule for decimals in 万 notation (see jfmt.h). */
static void test_man_fraction(struct check *ck)
{
    CHECK_RES("141万5千", num(14150000, 1, JFMT_MAN));      /* 1415000.0 */
    CHECK_RES("141万5,000.50", num(141500050, 2, JFMT_MAN)); /* .50 kept */
    CHECK_RES("141万0.5", num(14100005, 1, JFMT_MAN));
    CHECK_RES("1億2千万0.25", num(12000000025LL, 2, JFMT_MAN));
    CHECK_RES("△3万1,000.5", num(-310005, 1, JFMT_MAN));
    CHECK_RES("1,234.5", num(12345, 1, JFMT_MAN)); /* below 1万: plain */
    CHECK_RES("5,000.0", num(50000, 1, JFMT_MAN));
    CHECK_RES("9,999.999999999", num(9999999999999LL, 9, JFMT_MAN));
}

static void test_man_decimal(struct check *ck)
{
    CHECK_RES("38.1万", num(381000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("37万", num(370000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("40.5万", num(405000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("39.5万", num(395000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("1万", num(10000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("9,950万", num(99500000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("123.4567万", num(1234567, 0, JFMT_MAN_DECIMAL)); /* exact */
    CHECK_RES("1.2億", num(120000000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("1億", num(100000000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("5.545億", num(554500000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("1.23456789億", num(123456789, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("1.5兆", num(1500000000000LL, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("△38.1万", num(-381000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("38.1万", num(3810000, 1, JFMT_MAN_DECIMAL));
    CHECK_RES("1.23456万", num(123456, 1, JFMT_MAN_DECIMAL));
    CHECK_RES("5,000", num(5000, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("9,999.50", num(999950, 2, JFMT_MAN_DECIMAL));
    CHECK_RES("0", num(0, 0, JFMT_MAN_DECIMAL));
    CHECK_RES("9,223,372.036854775807兆", num(INT64_MAX, 0,
                                              JFMT_MAN_DECIMAL));
}

static void test_number_invalid(struct check *ck)
{
    CHECK_FAIL(num(1, 10, JFMT_PLAIN));
    CHECK_FAIL(num(1, -1, JFMT_MAN));
    CHECK_FAIL(num(1, 0, (enum jfmt_notation)99));
    CHECK_FAIL(num(-1, 0, (enum jfmt_notation)99)); /* no stray △ left */
}

static struct res rate(int64_t num, int64_t den, int decimals)
{
    struct res r;
    krate k;
    kdec n = {num, 0}, d = {den, 0};

    if (krate_of(n, d, &k) < 0)
        k.v = 0;
    r.n = jfmt_rate(k, decimals, r.s, sizeof r.s);
    return r;
}

static void test_rate(struct check *ck)
{
    CHECK_RES("80.0%", rate(4, 5, 1));
    CHECK_RES("56.2%", rate(9, 16, 1));           /* 56.25, as jfmt_percent */
    CHECK_RES("92.7%", rate(15757, 17000, 1));
    CHECK_RES("△5.0%", rate(-5, 100, 1));
    CHECK_RES("0.0%", rate(-4, 10000, 1));        /* rounds to zero: no △ */
    CHECK_RES("1,234.5%", rate(12345, 1000, 1));
    CHECK_RES("99,999,999,999,999,900.0%", rate(999999999999999, 1, 1));
    CHECK_RES("33%", rate(1, 3, 0));
}

static void test_percent(struct check *ck)
{
    CHECK_RES("96.6%", pct(96.6, 1));
    CHECK_RES("100.0%", pct(100.0, 1));
    CHECK_RES("80%", pct(80.0, 0));
    CHECK_RES("33.333%", pct(100.0 / 3.0, 3));
    CHECK_RES("66.67%", pct(200.0 / 3.0, 2));
    CHECK_RES("△5.0%", pct(-5.0, 1));
    CHECK_RES("0.0%", pct(-0.04, 1)); /* rounds to zero: no △ */
    CHECK_RES("0.0%", pct(-0.0, 1));
    CHECK_RES("0%", pct(0.0, 0));
    CHECK_RES("1,234.5%", pct(1234.5, 1));
    CHECK_RES("△1,234.500%", pct(-1234.5, 3));
    CHECK_FAIL(pct(NAN, 1));
    CHECK_FAIL(pct(INFINITY, 1));
    CHECK_FAIL(pct(-INFINITY, 1));
    CHECK_FAIL(pct(50.0, -1));
    CHECK_FAIL(pct(50.0, 4));
    CHECK_INT(416, pct(1.7976931348623157e308, 3).n); /* DBL_MAX: 309 digits */
}

/* Every buffer size must give a NUL-terminated, valid prefix and full len. */
static void check_truncation(struct check *ck, const char *full, int which)
{
    size_t len = strlen(full), size;

    for (size = 1; size <= len + 1; size++) {
        char b[64];
        int n = -2;

        memset(b, 'x', sizeof b);
        if (which == 0)
            n = jfmt_number(kd(1415000, 0), JFMT_MAN, b, size);
        else if (which == 1)
            n = jfmt_era_date(2019, 5, 1, L, b, size);
        else
            n = jfmt_number(kd(-33, 1), JFMT_PLAIN, b, size);
        CHECK_INT(len, n);
        CHECK_INT(1, strlen(b) < size && strncmp(b, full, strlen(b)) == 0);
        CHECK_INT(1, jfmt_utf8_valid(b, strlen(b), NULL));
        /* Only a partial character may be dropped, never a whole one. */
        CHECK_INT(1, size - 1 - strlen(b) < 3);
    }
}

static void test_truncation(struct check *ck)
{
    char b[8];

    CHECK_INT(10, jfmt_number(kd(1415000, 0), JFMT_MAN, NULL, 0));
    CHECK_INT(9, jfmt_era_fy(1989, L, NULL, 0));
    CHECK_INT(9, jfmt_era_fy(1989, L, b, 4));
    CHECK_STR("平", b);
    CHECK_INT(9, jfmt_era_fy(1989, L, b, 3));
    CHECK_STR("", b); /* half a 平 is not written */
    CHECK_INT(5, jfmt_percent(96.6, 1, b, 3));
    CHECK_STR("96", b);
    CHECK_INT(6, jfmt_number(kd(-33, 1), JFMT_PLAIN, b, 3));
    CHECK_STR("", b);
    CHECK_INT(-1, jfmt_era_fy(2201, S, NULL, 0));
    check_truncation(ck, "141万5千", 0);
    check_truncation(ck, "令和元年5月1日", 1);
    check_truncation(ck, "△3.3", 2);
}

static void test_width(struct check *ck)
{
    CHECK_INT(3, jfmt_width("abc"));
    CHECK_INT(0, jfmt_width(""));
    CHECK_INT(0, jfmt_width(NULL));
    CHECK_INT(8, jfmt_width("テスト市"));
    CHECK_INT(8, jfmt_width("141万5千"));
    CHECK_INT(6, jfmt_width("△3.3人"));        /* △ ambiguous: 1 */
    CHECK_INT(2, jfmt_width("㎡"));
    CHECK_INT(12, jfmt_width("〈〉「」（）"));
    CHECK_INT(2, jfmt_width("\xe3\x80\x80"));   /* U+3000 */
    CHECK_INT(1, jfmt_width("\xe3\x80\xbf"));   /* U+303F is narrow */
    CHECK_INT(2, jfmt_width("Ａ"));             /* fullwidth A */
    CHECK_INT(1, jfmt_width("ｱ"));              /* halfwidth katakana */
    CHECK_INT(1, jfmt_width("①"));
    CHECK_INT(1, jfmt_width("e\xcc\x81"));      /* e + U+0301 */
    CHECK_INT(2, jfmt_width("か\xe3\x82\x99"));  /* か + U+3099 */
    CHECK_INT(0, jfmt_width("\xe2\x80\x8b"));   /* U+200B */
    CHECK_INT(0, jfmt_width("\xef\xb8\x8f"));   /* U+FE0F */
    CHECK_INT(1, jfmt_width("\xc3\xa9"));       /* é */
    CHECK_INT(2, jfmt_width("\xf0\x9f\x98\x80")); /* U+1F600 */
    CHECK_INT(2, jfmt_width("\xf0\xa0\x80\x80")); /* U+20000 */
    CHECK_INT(2, jfmt_width("\xea\xb0\x80"));   /* U+AC00 Hangul */
    CHECK_INT(2, jfmt_width("\xff\xfe"));       /* invalid: 1 each */
    CHECK_INT(3, jfmt_width("\xe3\x81" "A"));   /* truncated then A */
    CHECK_INT(2, jfmt_width("\xc0\xaf"));       /* overlong */
    CHECK_INT(3, jfmt_width("\xed\xa0\x80"));   /* surrogate */
}

#define VALID(s) jfmt_utf8_valid((s), sizeof(s) - 1, &off)

static void test_utf8_valid(struct check *ck)
{
    size_t off = 99;

    CHECK_INT(1, VALID("abc"));
    CHECK_INT(1, VALID(""));
    CHECK_INT(1, jfmt_utf8_valid(NULL, 0, &off));
    CHECK_INT(1, VALID("テスト市の△"));
    CHECK_INT(1, VALID("a\0b"));
    CHECK_INT(1, VALID("\xc2\x80"));          /* U+0080 */
    CHECK_INT(1, VALID("\xed\x9f\xbf"));      /* U+D7FF */
    CHECK_INT(1, VALID("\xee\x80\x80"));      /* U+E000 */
    CHECK_INT(1, VALID("\xef\xbf\xbf"));      /* U+FFFF */
    CHECK_INT(1, VALID("\xf0\x90\x80\x80"));  /* U+10000 */
    CHECK_INT(1, VALID("\xf4\x8f\xbf\xbf"));  /* U+10FFFF */
    CHECK_INT(99, off); /* untouched on success */
    CHECK_INT(0, VALID("\xc0\xaf"));          /* overlong '/' */
    CHECK_INT(0, off);
    CHECK_INT(0, VALID("\xc1\xbf"));
    CHECK_INT(0, VALID("a\xe0\x80\x80"));     /* overlong 3-byte */
    CHECK_INT(1, off);
    CHECK_INT(0, VALID("a\xe0\x9f\xbf"));
    CHECK_INT(0, VALID("ab\xf0\x8f\xbf\xbf")); /* overlong 4-byte */
    CHECK_INT(2, off);
    CHECK_INT(0, VALID("ab\xed\xa0\x80"));    /* surrogate D800 */
    CHECK_INT(2, off);
    CHECK_INT(0, VALID("\xed\xbf\xbf"));      /* surrogate DFFF */
    CHECK_INT(0, VALID("\xf4\x90\x80\x80"));  /* U+110000 */
    CHECK_INT(0, off);
    CHECK_INT(0, VALID("\xf5\x80\x80\x80"));
    CHECK_INT(0, VALID("x\xe3\x81"));         /* truncated at the end */
    CHECK_INT(1, off);
    CHECK_INT(0, VALID("\xe3\x81" "A"));      /* truncated in the middle */
    CHECK_INT(0, off);
    CHECK_INT(0, VALID("テ\x80"));            /* stray continuation */
    CHECK_INT(3, off);
    CHECK_INT(0, VALID("\xfe"));
    CHECK_INT(0, VALID("\xff"));
    CHECK_INT(0, jfmt_utf8_valid("\xff", 1, NULL));
    /* len bounds the scan: a sequence cut by len is invalid. */
    CHECK_INT(0, jfmt_utf8_valid("テ", 2, &off));
    CHECK_INT(0, off);
}

/* What kpic import reads: era headers and figures as tables write them. */
static void test_parse_era(struct check *ck)
{
    static const struct { const char *s; int y; } cases[] = {
        {"H26", 2014}, {"H27年(度)", 2015}, {"平成27年度", 2015}, {"R1", 2019}, {"令和元年", 2019},
        {"H31/R1", 2019}, {"R2", 2020}, {"2019", 2019}, {"2019年度", 2019}, {"Ｈ３０", 2018},
        {"S64", 1989}, {"H32", -1}, {"R0", -1}, {"X27", -1}, {"H31/R2", -1}, {"H27x", -1}, {"", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_INT(cases[i].y, jfmt_parse_era_fy(cases[i].s, strlen(cases[i].s)));
}

static void test_parse_number(struct check *ck)
{
    static const struct { const char *s; const char *v; int used, man; } cases[] = {
        {"16,474人", "16474", 6, 0}, {"19.50%", "19.50", 5, 0}, {"141万5千人", "1415000", 10, 1},
        {"5億5,450万円", "554500000", 12, 1}, {"4億7千万円", "470000000", 11, 1}, {"38.1万t", "381000", 7, 2},
        {"△3.3", "-3.3", 6, 0}, {"313千㎡", "313", 3, 0}, {"1億円", "100000000", 4, 1}, {"人", "", 0, 0},
        {"1,234,567", "1234567", 9, 0}, {"1,1OO", "1", 1, 0}, {"1,23", "1", 1, 0}, {"1,2345", "1", 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kdec v = {0, 0};
        int man = -1;
        char got[64] = "";
        int n = jfmt_parse_number(cases[i].s, strlen(cases[i].s), &v, &man);
        CHECK_INT(cases[i].used, n);
        if (n > 0) {
            kdec_format(v, got, sizeof got);
            CHECK_STR(cases[i].v, got);
            CHECK_INT(cases[i].man, man);
        }
    }
}

int main(void)
{
    struct check c = {0, 0}, *ck = &c;

    test_era_fy(ck);
    test_era_date(ck);
    test_date_validity(ck);
    test_plain(ck);
    test_signed(ck);
    test_man(ck);
    test_man_fraction(ck);
    test_man_decimal(ck);
    test_number_invalid(ck);
    test_percent(ck);
    test_rate(ck);
    test_truncation(ck);
    test_width(ck);
    test_utf8_valid(ck);
    test_parse_era(ck);
    test_parse_number(ck);
    return check_done(ck);
}

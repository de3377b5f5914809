/*
 * jfmt.h - Japanese formatting for kpic: numbers, years and terminal widths
 * the way an official municipal document writes them.
 *
 * Japanese municipal documents write years in the imperial era ("H26",
 * "令和元年"), negative figures with a triangle ("△3.3") rather than a minus,
 * and large amounts with 万/億 ("141万5千").  The renderers need those forms
 * byte for byte, and the terminal renderer needs to know how many columns
 * such text occupies, which wcwidth() answers only under the right locale.
 *
 * Every formatter writes UTF-8 into a caller buffer and returns like
 * snprintf: the length in bytes of the full text (excluding the NUL), or -1
 * on invalid input.  When size > 0 the buffer is always NUL-terminated; a
 * truncated result is cut at a character boundary, so it stays valid UTF-8;
 * on -1 the buffer holds "".  buf may be NULL when size is 0 (to measure).
 * Nothing is allocated and no state is kept.
 */
#ifndef KPIC_JFMT_H
#define KPIC_JFMT_H

#include <stddef.h>
#include <stdint.h>

#include "decimal.h"

enum jfmt_era_form {
	JFMT_ERA_SHORT, /* "H26", "R2"; dates "H27. 6. 12" */
	JFMT_ERA_LONG   /* "平成26", "令和元"; dates "令和元年5月1日" */
};

/* The first and last Gregorian years the era functions accept. */
#define JFMT_YEAR_MIN 1868
#define JFMT_YEAR_MAX 2200

/*
 * A fiscal year (April to March) in the era in force on April 1 of that
 * year: FY2019 -> "H31" / "平成31", FY2020 -> "R2" / "令和2",
 * FY1989 -> "H1" / "平成元".  The long form writes year 1 as "元".
 * Fiscal years outside 1868..2200 -> -1.
 */
int jfmt_era_fy(int fiscal_year, enum jfmt_era_form form, char *buf,
				size_t size);

/*
 * Which era a fiscal year is written in: the document's policy (the era=
 * of the source's <period>).  A fiscal year that straddles a change of era
 * (FY2019: 平成 until April 30, 令和 from May 1) has two names, and a
 * document chooses one:
 *   JFMT_FY_START    the era in force on April 1 of the fiscal year, as
 *                    jfmt_era_fy: FY2019 is 平成31 (the default)
 *   JFMT_FY_END      the last era to begin in the fiscal year's first
 *                    calendar year: FY2019 is 令和元 (FY1988 stays 昭和63,
 *                    平成 having no year 0)
 *   JFMT_FY_AS_OF    the era in force on the document's as-of date, for
 *                    every fiscal year from that era's first on, earlier
 *                    ones as JFMT_FY_START: written on 2023-09-01, FY2019
 *                    is 令和元; written on 2019-04-01, FY2020 is 平成32
 *   JFMT_FY_WESTERN  the Western year, both forms: "2019"
 */
enum jfmt_fy_policy { JFMT_FY_START, JFMT_FY_END, JFMT_FY_AS_OF, JFMT_FY_WESTERN };

struct jfmt_years {
	enum jfmt_fy_policy policy;
	int as_of_y, as_of_m, as_of_d; /* JFMT_FY_AS_OF: a valid date, else START */
};

/*
 * A fiscal year under a policy (NULL: JFMT_FY_START), returning like
 * jfmt_era_fy.  Every fiscal year a document prints goes through here.
 */
int jfmt_fy(const struct jfmt_years *p, int fiscal_year,
			enum jfmt_era_form form, char *buf, size_t size);

/* The policy named by an era= value ("fiscal-year-start", "fiscal-year-end",
 * "as-of", "western"; NULL is the default): 0, or -1 for another name. */
int jfmt_fy_policy_parse(const char *name, enum jfmt_fy_policy *out);

/*
 * A calendar date in the era of that exact day: 2019-04-30 -> "H31. 4. 30",
 * 2019-05-01 -> "R1. 5. 1" / "令和元年5月1日".  Invalid dates, dates
 * before 1868-01-25 (the conventional start of Meiji) and years after 2200
 * -> -1.  Dates are proleptic Gregorian throughout, matching the convention
 * that Meiji began on Gregorian 1868-01-25.
 */
int jfmt_era_date(int y, int m, int d, enum jfmt_era_form form, char *buf,
				  size_t size);

enum jfmt_notation {
	/* "16,474", "19.50", "△3.3": separators, the value's own decimals. */
	JFMT_PLAIN,
	/* As plain, with "+" on positive values: "+0.3", "△2.71", "0". */
	JFMT_SIGNED,
	/*
	 * 兆/億/万 parts, each part that is a whole multiple of 1,000 as "N千":
	 * "141万5千", "4億7千万", "1億2,345万6,789".  Below 10,000: as plain.
	 * Decimals: a zero fraction is dropped ("1415000.00" -> "141万5千");
	 * a nonzero one goes on the last part, which is then written out in
	 * full with the value's own scale ("1415000.50" -> "141万5,000.50",
	 * "1410000.5" -> "141万0.5").
	 */
	JFMT_MAN,
	/*
	 * One unit (万, 億 or 兆, the largest that fits) with an exact decimal
	 * fraction, trailing zeros dropped: "38.1万", "37万", "1.2億",
	 * "123.4567万".  Nothing is rounded; round the value first if needed.
	 * Below 10,000: as plain.
	 */
	JFMT_MAN_DECIMAL
};

/* Negative values in every notation are written with △ (U+25B3). */
int jfmt_number(kdec v, enum jfmt_notation n, char *buf, size_t size);

/*
 * A rate given in percent (96.6 means 96.6%) with 0..3 decimals, rounded
 * by printf: "96.6%", "100.0%", "△5.0%", "1,234.5%".  A negative rate that
 * rounds to zero is written without △.  NaN, infinities or decimals out of
 * range -> -1.
 */
int jfmt_percent(double rate, int decimals, char *buf, size_t size);

/*
 * The same for an exact rate (decimal.h), rounded from its exact decimals
 * (a half to even, as krate_format): "92.7%", "56.2%" (56.25), "△5.0%",
 * "100,000,000,000,000,000,000,000,000.0%".  Decimals out of 0..3 -> -1.
 */
int jfmt_rate(krate rate, int decimals, char *buf, size_t size);

/*
 * Terminal columns of a NUL-terminated UTF-8 string: East Asian Wide and
 * Fullwidth characters 2 (CJK ideographs, kana, fullwidth forms, ㎡, 「」,
 * U+3000, ...); combining marks, invisible format characters (ZWSP, ZWJ,
 * bidi controls, BOM) and conjoining Hangul vowels/finals 0; everything
 * else 1, including East Asian Ambiguous characters such as △ and ①, which
 * terminals outside legacy CJK settings draw narrow, and control
 * characters.  Each byte of invalid UTF-8 counts 1.  Unicode 14.0 data,
 * independent of the process locale.  NULL counts 0.
 */
size_t jfmt_width(const char *utf8);

/* 1 for what jfmt_width counts 0: combining marks, format characters,
 * conjoining Hangul vowels and finals; they draw on the character before. */
int jfmt_zero_width(uint32_t cp);

/* The code point at the start of NUL-terminated UTF-8 s, its length in *len:
 * U+FFFD and 1 for a byte that starts no valid sequence, 0 and 0 at the end. */
uint32_t jfmt_utf8_next(const char *s, size_t *len);

/*
 * 1 if s[0..len) is valid UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF, no truncated sequence); otherwise 0, with the offset of
 * the first byte of the first invalid sequence in *bad_offset (if not
 * NULL).  *bad_offset is untouched on success.  s may be NULL if len == 0.
 */
int jfmt_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/*
 * The reverse of jfmt_era_fy, for the column headers of a sheet: a fiscal
 * year written "H26", "H27年(度)", "平成27年度", "R1", "令和元年", "S64",
 * "H31/R1" (both must name the same year), "2019" or "2019年度"; ASCII or
 * fullwidth letters and digits.  The Gregorian year, or -1 when s[0..len)
 * is anything else or an era year that era did not have (H32, R0).
 */
int jfmt_parse_era_fy(const char *s, size_t len);

/*
 * Reads the figure at the start of s[0..len) as Japanese tables write it:
 * an optional sign (△ or ▲ for negative, also - or −), digits with optional
 * thousands commas and decimals, and 億/万 groups ("5億5,450万", "141万5千",
 * "38.1万", "4億7千万").  千 multiplies only inside a 億/万 figure: in
 * "313千㎡" it is part of the unit, so the figure is 313.  Returns the bytes
 * read (0: s does not start with a figure) with the value in *out; *man is
 * 0 for a plain figure, 1 for one written with 億/万, 2 when a group with
 * decimals stands before 億/万 (38.1万).  -1 when the value is out of kdec's
 * range.  Values multiplied out drop trailing zero decimals ("38.1万" is
 * 381000, scale 0).
 */
int jfmt_parse_number(const char *s, size_t len, kdec *out, int *man);

#endif

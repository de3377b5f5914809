/*
 * vocab.c - the one vocabulary of values (see model.h): the status names,
 * the "no figure" dashes, figures as tables write them, and fiscal years as
 * sheets name them.  The loader, kpic import, kpic update and kpic export
 * all read and write values through it.
 */
#include "model.h"
#include "jfmt.h"

#include <stdio.h>
#include <string.h>

/* Each status by its name in the source and as the document prints it. */
static const struct {
	enum vstatus st;
	const char *name, *label;
} statuses[] = {
	{ VS_MEASURED, "measured", "実績" },
	{ VS_PROVISIONAL, "provisional", "未確定" },
	{ VS_REFERENCE, "reference", "参考値" },
	{ VS_NOT_SURVEYED, "not-surveyed", "未調査" },
	{ VS_NOT_AVAILABLE, "not-available", "—" },
};

#define NSTATUSES (sizeof statuses / sizeof statuses[0])

const char *vocab_status_name(enum vstatus s)
{
	return (size_t)s < NSTATUSES ? statuses[s].name : statuses[0].name;
}

const char *vocab_status_label(enum vstatus s)
{
	return (size_t)s < NSTATUSES ? statuses[s].label : statuses[0].label;
}

int vocab_status_parse(const char *s, enum vstatus *st)
{
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < NSTATUSES; i++)
		if (!strcmp(s, statuses[i].name) || !strcmp(s, statuses[i].label)) {
			*st = statuses[i].st;
			return 0;
		}
	if (vocab_value_is_dash(s)) {
		*st = VS_NOT_AVAILABLE;
		return 0;
	}
	return -1;
}

int vocab_value_is_dash(const char *s)
{
	/* em dash, fullwidth hyphen-minus (U+FF0D), hyphen-minus, horizontal
	 * bar, hyphen, en dash, the long vowel mark people type for a dash */
	static const char *const dashes[] = { "—", "－", "-", "―", "‐", "–", "ー" };
	for (size_t i = 0; s && i < sizeof dashes / sizeof dashes[0]; i++)
		if (!strcmp(s, dashes[i]))
			return 1;
	return 0;
}

static size_t starts(const char *s, const char *p)
{
	size_t n = strlen(p);
	return strncmp(s, p, n) ? 0 : n;
}

size_t vocab_value_blank(const char *s)
{
	size_t i = 0;
	for (;;) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			i++;
		else if (starts(s + i, "\xE3\x80\x80"))
			i += 3;
		else
			return i;
	}
}

static size_t open_paren(const char *s)
{
	size_t k = starts(s, "(");
	return k ? k : starts(s, "（");
}

static size_t close_paren(const char *s)
{
	size_t k = starts(s, ")");
	return k ? k : starts(s, "）");
}

size_t vocab_figure_read(const char *s, struct figure *f)
{
	size_t i = 0, k;
	memset(f, 0, sizeof *f);
	f->st = VS_MEASURED;
	size_t ref = open_paren(s);
	if (ref) {
		f->st = VS_REFERENCE;
		i = ref;
	}
	int n = jfmt_parse_number(s + i, strlen(s + i), &f->num, &f->man);
	if (n <= 0)
		return 0;
	f->has_num = 1;
	i += (size_t)n;
	size_t u = i;
	while (s[i] && !vocab_value_blank(s + i) && !close_paren(s + i))
		i++;
	if (i - u >= sizeof f->unit)
		return 0;
	memcpy(f->unit, s + u, i - u);
	for (const char *p = f->unit; *p; p++)
		if ((*p >= '0' && *p <= '9') || *p == '(' || *p == ')')
			return 0;
	if (ref) {
		if ((k = close_paren(s + i)) == 0)
			return 0;
		i += k;
	}
	return i;
}

int vocab_figure_cell(const char *s, struct figure *f)
{
	memset(f, 0, sizeof *f);
	s += vocab_value_blank(s);
	if (*s == '\0') {
		f->st = VS_NOT_SURVEYED;
		return 0;
	}
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char one[256];
	if (n >= sizeof one)
		return -1;
	memcpy(one, s, n);
	one[n] = '\0';
	if (vocab_value_is_dash(one)) {
		f->st = VS_NOT_AVAILABLE;
		return 0;
	}
	size_t k = starts(one, statuses[VS_PROVISIONAL].label);
	const char *p = one + k;
	p += vocab_value_blank(p);
	size_t used = vocab_figure_read(p, f);
	if (used == 0 || p[used + vocab_value_blank(p + used)] != '\0')
		return -1;
	if (k)
		f->st = VS_PROVISIONAL;
	return 0;
}

int vocab_fiscal_year_parse(const char *s, size_t len)
{
	static const char *const fy[] = { "FY", "fy", "ＦＹ" };
	for (size_t i = 0; i < sizeof fy / sizeof fy[0]; i++) {
		size_t k = strlen(fy[i]);
		if (len > k && !strncmp(s, fy[i], k)) {
			s += k, len -= k;
			while (len > 0 && *s == ' ')
				s++, len--;
			break;
		}
	}
	return jfmt_parse_era_fy(s, len);
}

int vocab_fiscal_year_name(int fy, char *buf, size_t size)
{
	char era[32];
	if (jfmt_era_fy(fy, JFMT_ERA_LONG, era, sizeof era) < 0)
		return snprintf(buf, size, "FY%d", fy);
	return snprintf(buf, size, "%s年度 (FY%d)", era, fy);
}

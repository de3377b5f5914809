/*
 * actuals_template.c - the sheets the 担当課 fill in with a year's actuals
 * (kpic export --actuals-template, see export.h), read back by kpic update.
 *
 * A title row naming the year (令和5年度 実績（企画課）), a header row, then
 * one row per KPI series: the KPI's id and name, its 担当課, the series (its
 * label as the document prints it), the unit, the last figure known before
 * the year and that figure's year, and an empty column headed with the year
 * as the document writes it, which kpic update reads the year from.
 */
#include "export.h"
#include "jfmt.h"
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_KPI, T_NAME, T_DEPT, T_SERIES, T_UNIT, T_LAST, T_LAST_YEAR, T_VALUE, T_NCOLS };

/* 令和5年度 (FY2030 beyond the eras kpic knows). */
static void era_year(int year, char *buf, size_t size)
{
	char era[32];
	if (jfmt_era_fy(year, JFMT_ERA_LONG, era, sizeof era) < 0)
		snprintf(buf, size, "FY%d", year);
	else
		snprintf(buf, size, "%s年度", era);
}

/* The KPI's department (its first 担当課): index into m->depts, or -1. */
static int kpi_dept(const struct model *m, const struct kpi *k)
{
	for (size_t i = 0; k->ndepts && i < m->ndepts; i++)
		if (m->depts[i].id && !strcmp(m->depts[i].id, k->depts[0]))
			return (int)i;
	return -1;
}

/* The series' last figure before year: its latest value with one, else the baseline. */
static const struct value *last_figure(const struct series *s, int year)
{
	const struct value *v = NULL;
	for (size_t i = 0; i < s->nvalues; i++) {
		const struct value *c = &s->values[i];
		if (c->has_num && c->year.ok && c->year.y < year && (v == NULL || c->year.y > v->year.y))
			v = c;
	}
	if (v == NULL && s->baseline && s->baseline->has_num && s->baseline->year.ok)
		v = s->baseline;
	return v;
}

/* What the series column says: the label as printed, or the key where the
 * label would read as a formula; nothing for a KPI of one unnamed series. */
static const char *series_name(const struct kpi *k, const struct series *s)
{
	const char *l = s->label;
	if (l && *l && strchr("=+-@\t\r'", l[0]) == NULL)
		return l;
	if (k->nseries == 1 && s->label == NULL)
		return NULL;
	return s->key;
}

static void kpi_rows(const struct model *m, const struct kpi *k, int year, struct wsheet *sh)
{
	int d = kpi_dept(m, k);
	const char *dept = d >= 0 ? (m->depts[d].name ? m->depts[d].name : m->depts[d].id) : NULL;
	for (size_t j = 0; j < k->nseries; j++) {
		const struct series *s = &k->series[j];
		const struct value *v = last_figure(s, year);
		char vy[48] = "";
		if (v)
			era_year(v->year.y, vy, sizeof vy);
		const char *row[T_NCOLS] = { k->id, k->name, dept, series_name(k, s), s->unit, v ? v->text : NULL, vy, NULL };
		sheet_write_row(sh, row);
	}
}

static void sheet_head(struct wsheet *sh, const char *name, int year, const char *dept)
{
	char y[48], title[512];
	era_year(year, y, sizeof y);
	if (dept)
		snprintf(title, sizeof title, "%s 実績（%s）", y, dept);
	else
		snprintf(title, sizeof title, "%s 実績", y);
	sheet_write_init(sh, name, T_NCOLS);
	sh->wide[T_NAME] = 1;
	const char *t[T_NCOLS] = { title };
	sheet_write_row(sh, t);
	const char *h[T_NCOLS] = { "KPI", "KPI名", "担当課", "系列", "単位", "前回の実績", "前回の年度", y };
	sheet_write_row(sh, h);
}

static int taken_has(char **taken, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(taken[i], s))
			return 1;
	return 0;
}

/* A file stem from a 担当課 id (a token: it may hold '/' or start with a
 * dot): what a file name cannot hold, or should not start with, becomes
 * '_', and a stem already taken gets -2, -3... */
static char *file_stem(const char *id, char **taken, size_t ntaken)
{
	struct buf b = BUF_INIT;
	for (const char *p = id; *p; p++) {
		unsigned char c = (unsigned char)*p;
		int ok = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		         c == '-' || c == '_' || (c == '.' && p != id);
		buf_putc(&b, ok ? (char)c : '_');
	}
	char *base = b.data ? b.data : xstrdup("_"), *stem = xstrdup(base);
	for (unsigned n = 2; taken_has(taken, ntaken, stem); n++) {
		struct buf t = BUF_INIT;
		buf_printf(&t, "%s-%u", base, n);
		free(stem);
		stem = t.data;
	}
	free(base);
	return stem;
}

size_t actuals_template(const struct model *m, int year, int by_dept, struct wsheet **out, char ***stems)
{
	size_t n = by_dept ? m->ndepts + 1 : 1, k = 0;
	struct wsheet *sh = xcalloc(n, sizeof *sh);
	char **st = xcalloc(n, sizeof *st);
	for (size_t i = 0; i < n; i++) {
		int d = by_dept && i < m->ndepts ? (int)i : -1;
		if (by_dept) {
			size_t count = 0;
			for (size_t j = 0; j < m->nkpis; j++)
				count += kpi_dept(m, &m->kpis[j]) == d;
			if (count == 0)
				continue;
		}
		const char *dname = d >= 0 ? (m->depts[d].name ? m->depts[d].name : m->depts[d].id) : NULL;
		sheet_head(&sh[k], dname ? dname : by_dept ? "担当課なし" : "実績", year, dname);
		st[k] = file_stem(d >= 0 && m->depts[d].id ? m->depts[d].id : by_dept ? "no-department" : "actuals", st, k);
		for (size_t j = 0; j < m->nkpis; j++)
			if (!by_dept || kpi_dept(m, &m->kpis[j]) == d)
				kpi_rows(m, &m->kpis[j], year, &sh[k]);
		k++;
	}
	*out = sh;
	*stems = st;
	return k;
}

/*
 * import.c - `kpic import`: the seed's KPI table to a source (see import.h).
 *
 * The rows are walked twice: the first walk only learns every KPI's and
 * measure's name and id (a 再掲 row may name a KPI printed further down), the
 * second reports and writes.  The hierarchy is a stack of open elements: a
 * cell in a hierarchy column closes that level and everything under it and
 * opens a new one; a blank (or merged) cell continues the one above.
 */
#include "import.h"
#include "import_impl.h"
#include "i18n.h"
#include "jfmt.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col {
	C_GOAL, C_POLICY, C_DIRECTION, C_MEASURE, C_NAME, C_BASELINE, C_TARGET, C_SURVEY, C_PUBLICATION,
	C_METHOD, C_DEPT, C_KDIR, NCOL
};

#define MAX_YEARS 64
#define MAX_SERIES 8

struct cellfigs {                /* a figure cell: n figures, or none */
	int n;                       /* 0: blank or dash */
	int dash;
	struct figure f[MAX_SERIES];
};

struct table {
	const struct sheet *sh;
	struct diag_ctx *d;
	int report;                  /* the second walk */
	int col[NCOL];
	int ycol[MAX_YEARS], yyear[MAX_YEARS];
	int nyears, byear, tyear;
	unsigned first;              /* the first data row */
	struct names kpis, measures;
	struct xw *w;
	size_t errors;
	int goal_kpis;               /* KPIs of the current goal, for ids */
	int goal_no;
};

static int import_report(struct table *t, enum rule r, unsigned row, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Reports on the second walk only (the first only learns names); -1.  The
 * format is translated here (po/xgettext.sh knows import_report), since
 * diag_report only sees the finished text. */
static int import_report(struct table *t, enum rule r, unsigned row, unsigned col, const char *fmt, ...)
{
	if (!t->report)
		return -1;
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, _(fmt), ap);
	va_end(ap);
	diag_report(t->d, r, &t->sh->src, sheet_pos(t->sh, row, col), "%s", buf_str(&b));
	buf_free(&b);
	if (diag_rule_severity(r) == SEV_ERROR)
		t->errors++;
	return -1;
}

/* ---------------------------------------------------------------- header */

static int contains(const char *s, const char *w)
{
	return strstr(s, w) != NULL;
}

/* The year in parentheses of "基準値(H26)" / "目標値（R6）"; 0 if none, -1 if unreadable. */
static int paren_year(const char *h)
{
	const char *o = strstr(h, "(");
	size_t ol = 1;
	if (o == NULL && (o = strstr(h, "（")) != NULL)
		ol = strlen("（");
	if (o == NULL)
		return 0;
	const char *c = strstr(o, ")");
	if (c == NULL)
		c = strstr(o, "）");
	if (c == NULL)
		return -1;
	return jfmt_parse_era_fy(o + ol, (size_t)(c - o - (ptrdiff_t)ol));
}

/* A header cell's text without blanks (ASCII and U+3000). */
static void squeeze(const char *s, struct buf *b)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if (!strncmp(s, "\xE3\x80\x80", 3)) {
			s += 2;
			continue;
		}
		buf_putc(b, *s);
	}
}

static int classify(struct table *t, const char *h, unsigned row, unsigned c)
{
	static const struct { const char *word; enum col col; } words[] = {
		{ "基本目標", C_GOAL }, { "基本方針", C_POLICY }, { "方向性", C_DIRECTION }, { "施策", C_MEASURE },
		{ "基準日", C_SURVEY }, { "調査日", C_SURVEY }, { "公表", C_PUBLICATION }, { "確認時期", C_PUBLICATION },
		{ "確認方法", C_METHOD }, { "担当", C_DEPT }, { "KPI", C_NAME }, { "項目", C_NAME }, { "指標", C_NAME },
	};
	int k = -1, y;
	if (!strncmp(h, "基準値", strlen("基準値")) || !strncmp(h, "目標値", strlen("目標値"))) {
		k = !strncmp(h, "基準値", strlen("基準値")) ? C_BASELINE : C_TARGET;
		if ((y = paren_year(h)) <= 0)
			return import_report(t, R_IMPORT_HEADER, row, c,
			              "'%s': the %s column needs its fiscal year, e.g. 基準値(H26) or 目標値(R6)", h,
			              k == C_BASELINE ? "基準値" : "目標値");
		*(k == C_BASELINE ? &t->byear : &t->tyear) = y;
	} else if (!strcmp(h, "方向") || !strcmp(h, "direction") || !strcmp(h, "達成の方向")) {
		k = C_KDIR;
	} else if ((y = jfmt_parse_era_fy(h, strlen(h))) > 0) {
		if (t->nyears == MAX_YEARS)
			return import_report(t, R_IMPORT_HEADER, row, c, "'%s': more than 64 year columns", h);
		t->ycol[t->nyears] = (int)c;
		t->yyear[t->nyears++] = y;
		return 0;
	}
	for (size_t i = 0; k < 0 && i < sizeof words / sizeof words[0]; i++)
		if (contains(h, words[i].word))
			k = (int)words[i].col;
	if (k < 0)
		return import_report(t, R_IMPORT_HEADER, row, c,
		              "unknown column '%s': neither a column kpic knows (基本目標, 基本方針, 基本的な方向性, 具体的な施策, KPI 項目, 基準値(H26), 目標値(H31), 基準日, 結果公表日, 確認方法, 担当課, 方向) nor a fiscal year (H27, H27年(度), R1, 2019)",
		              h);
	if (t->col[k] >= 0)
		return import_report(t, R_IMPORT_HEADER, row, c, "'%s': a second column for the same thing", h);
	t->col[k] = (int)c;
	return 0;
}

/* Whether the row is a second header row (項目, 基準値(H26), H27…). */
static int header_row2(const struct sheet *sh, unsigned r)
{
	for (unsigned c = 0; c < sh->ncols; c++) {
		const char *s = sheet_cell(sh, r, c);
		if (!strncmp(s, "基準値", strlen("基準値")) || !strncmp(s, "目標値", strlen("目標値")) || !strcmp(s, "項目"))
			return 1;
	}
	return 0;
}

static int read_header(struct table *t, unsigned hr)
{
	int two = hr + 1 < t->sh->nrows && header_row2(t->sh, hr + 1);
	for (int k = 0; k < NCOL; k++)
		t->col[k] = -1;
	for (unsigned c = 0; c < t->sh->ncols; c++) {
		struct buf h = BUF_INIT;
		squeeze(sheet_cell(t->sh, hr, c), &h);
		if (two)
			squeeze(sheet_cell(t->sh, hr + 1, c), &h);
		if (h.len)
			classify(t, buf_str(&h), hr + (two && *sheet_cell(t->sh, hr + 1, c)), c);
		buf_free(&h);
	}
	t->first = hr + 1 + (unsigned)two;
	static const struct { enum col c; const char *what; } need[] = {
		{ C_GOAL, "基本目標" }, { C_NAME, "KPI 項目" }, { C_BASELINE, "基準値(H26)" }, { C_TARGET, "目標値(H31)" },
	};
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		if (t->col[need[i].c] < 0)
			import_report(t, R_IMPORT_HEADER, hr, 0, "the header row has no %s column", need[i].what);
	return t->errors ? -1 : 0;
}

/* ----------------------------------------------------------------- cells */

static size_t starts(const char *s, const char *p)
{
	size_t n = strlen(p);
	return strncmp(s, p, n) ? 0 : n;
}

static size_t open_paren(const char *s)
{
	size_t k = starts(s, "(");
	return k ? k : starts(s, "（");
}

/* "(H20-24) 1.51": a figure covering fiscal years (first and last), the bytes read. */
static size_t year_span(const char *s, int *from, int *to)
{
	size_t o = open_paren(s);
	const char *dash = o ? strchr(s + o, '-') : NULL;
	const char *c = dash ? strpbrk(dash, ")") : NULL;
	if (!o || !dash || !c || c - s > 40)
		return 0;
	*from = jfmt_parse_era_fy(s + o, (size_t)(dash - s - (ptrdiff_t)o));
	/* The last year in the first's era (H20-24), or in its own (H30-R2). */
	size_t era = strcspn(s + o, "0123456789");
	int own = !(dash[1] >= '0' && dash[1] <= '9');
	char y[48];
	snprintf(y, sizeof y, "%.*s%.*s", own || era > 8 ? 0 : (int)era, s + o, (int)(c - dash - 1), dash + 1);
	*to = jfmt_parse_era_fy(y, strlen(y));
	return *from > 0 && *to >= *from ? (size_t)(c - s) + 1 : 0;
}

/* Reads a figure cell; -1 with the offending text in bad. */
static int read_figs(const char *s, int spans, struct cellfigs *cf, const char **bad)
{
	memset(cf, 0, sizeof *cf);
	s += vocab_value_blank(s);
	*bad = s;
	if (*s == '\0')
		return 0;
	if (vocab_value_is_dash(s)) {
		cf->dash = 1;
		return 0;
	}
	int from = 0, to = 0;
	size_t span = spans ? year_span(s, &from, &to) : 0;
	if (span || starts(s, vocab_status_label(VS_PROVISIONAL))) {
		if (vocab_figure_cell(s + span, &cf->f[0]) < 0 || !cf->f[0].has_num)
			return -1;
		cf->f[0].from = from;
		cf->f[0].year = to;
		cf->n = 1;
		return 0;
	}
	while (*s) {
		*bad = s;
		if (cf->n == MAX_SERIES)
			return -1;
		size_t n = vocab_figure_read(s, &cf->f[cf->n]);
		if (n == 0)
			return -1;
		cf->n++;
		s += n;
		size_t b = vocab_value_blank(s);
		if (b == 0 && *s)
			return -1;
		s += b;
	}
	return 0;
}

/* --------------------------------------------------------------- the KPI */

struct krow {
	unsigned row;
	const char *name;
	struct cellfigs base, target, years[MAX_YEARS];
	int nseries;
	char units[MAX_SERIES][64];
	int man[MAX_SERIES];
	enum direction dir;
};

/* The cell's text: a covered cell of a merged range shows its origin's. */
static const char *cell(const struct table *t, unsigned r, int c)
{
	if (c < 0)
		return "";
	const struct sheet *sh = t->sh;
	if (sheet_covered(sh, r, (unsigned)c)) {
		unsigned o = sh->origin[(size_t)r * sh->ncols + (unsigned)c];
		return sheet_cell(sh, o / sh->ncols, o % sh->ncols);
	}
	return sheet_cell(sh, r, (unsigned)c);
}

/* The cell's own text: a hierarchy cell covered by a merge continues the
 * heading above, exactly like a blank one. */
static const char *own(const struct table *t, unsigned r, int c)
{
	return c < 0 ? "" : sheet_cell(t->sh, r, (unsigned)c);
}

static int figs_at(struct table *t, unsigned r, int c, int spans, struct cellfigs *cf)
{
	const char *bad;
	if (read_figs(cell(t, r, c), spans, cf, &bad) == 0)
		return 0;
	return import_report(t, R_IMPORT_CELL, r, (unsigned)c,
	              "'%s' is not a figure kpic can read: write 16,474人, 19.50%%, 141万5千人, △3.3, — (no figure), (1.64) (参考値) or 未確定 (313千㎡)",
	              bad);
}

/* Every figure cell has the same number of figures (one per series), and a
 * series one unit. */
static int agree(struct table *t, struct krow *k)
{
	struct { struct cellfigs *cf; int col; } all[MAX_YEARS + 2];
	int n = 0;
	all[n].cf = &k->base, all[n++].col = t->col[C_BASELINE];
	for (int y = 0; y < t->nyears; y++)
		all[n].cf = &k->years[y], all[n++].col = t->ycol[y];
	all[n].cf = &k->target, all[n++].col = t->col[C_TARGET];
	k->nseries = 0;
	for (int i = 0; i < n; i++)
		if (all[i].cf->n > k->nseries)
			k->nseries = all[i].cf->n;
	memset(k->units, 0, sizeof k->units);
	memset(k->man, 0, sizeof k->man);
	for (int i = 0; i < n; i++) {
		struct cellfigs *cf = all[i].cf;
		if (cf->n && cf->n != k->nseries)
			return import_report(t, R_IMPORT_CELL, k->row, (unsigned)all[i].col,
			              "figures in this cell: %d; in the row's other cells: %d (one per series): write one figure per series, separated by a space",
			              cf->n, k->nseries);
		for (int s = 0; s < cf->n; s++) {
			if (cf->f[s].man > k->man[s])
				k->man[s] = cf->f[s].man;
			if (!cf->f[s].unit[0])
				continue;
			if (k->units[s][0] && strcmp(k->units[s], cf->f[s].unit))
				return import_report(t, R_IMPORT_CELL, k->row, (unsigned)all[i].col,
				              "unit '%s' differs from '%s' in another cell of this row's series", cf->f[s].unit,
				              k->units[s]);
			snprintf(k->units[s], sizeof k->units[s], "%s", cf->f[s].unit);
		}
	}
	return 0;
}

static int kpi_direction(struct table *t, struct krow *k)
{
	const char *d = cell(t, k->row, t->col[C_KDIR]);
	static const struct { const char *w; enum direction d; } words[] = {
		{ "higher", DIR_HIGHER }, { "増", DIR_HIGHER }, { "増加", DIR_HIGHER }, { "上昇", DIR_HIGHER }, { "↑", DIR_HIGHER },
		{ "lower", DIR_LOWER }, { "減", DIR_LOWER }, { "減少", DIR_LOWER }, { "低下", DIR_LOWER }, { "↓", DIR_LOWER },
		{ "maintain", DIR_MAINTAIN }, { "維持", DIR_MAINTAIN },
	};
	for (size_t i = 0; *d && i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(d, words[i].w)) {
			k->dir = words[i].d;
			return 0;
		}
	if (*d)
		return import_report(t, R_IMPORT_CELL, k->row, (unsigned)t->col[C_KDIR],
		              "unknown direction '%s': write higher (増), lower (減) or maintain (維持)", d);
	k->dir = DIR_HIGHER;
	if (k->base.n && k->target.n && k->base.f[0].has_num && k->target.f[0].has_num &&
	    kdec_cmp(k->target.f[0].num, k->base.f[0].num) < 0) {
		k->dir = DIR_LOWER;
		import_report(t, R_IMPORT_DIRECTION, k->row, (unsigned)t->col[C_TARGET],
		       "the target is below the baseline, so the KPI is imported as lower-is-better; if it must only stay at or above the target, add a 方向 column saying maintain (維持)");
	}
	return 0;
}

static int read_kpi(struct table *t, unsigned r, struct krow *k)
{
	memset(k, 0, sizeof *k);
	k->row = r;
	k->name = cell(t, r, t->col[C_NAME]);
	int bad = figs_at(t, r, t->col[C_BASELINE], 1, &k->base) | figs_at(t, r, t->col[C_TARGET], 0, &k->target);
	for (int y = 0; y < t->nyears; y++)
		bad |= figs_at(t, r, t->ycol[y], 0, &k->years[y]);
	if (bad)
		return -1;
	if (k->base.n == 0 && !k->base.dash)
		return import_report(t, R_IMPORT_ROW, r, (unsigned)t->col[C_BASELINE],
		              "KPI '%s' has no 基準値 (baseline): write the figure, or — when there is none", k->name);
	if (k->target.n == 0)
		return import_report(t, R_IMPORT_ROW, r, (unsigned)t->col[C_TARGET], "KPI '%s' has no 目標値 (target)", k->name);
	return agree(t, k) < 0 || kpi_direction(t, k) < 0 ? -1 : 0;
}

/* ------------------------------------------------------------ writing */

static void put_fig(struct xw *w, const char *el, int year, const struct cellfigs *cf, int s)
{
	const struct figure *f = s < cf->n ? &cf->f[s] : NULL;
	enum vstatus st = f ? f->st : cf->dash ? VS_NOT_AVAILABLE : VS_NOT_SURVEYED;
	char num[64] = "";
	if (f && f->has_num)
		kdec_format(f->num, num, sizeof num);
	import_xml_value(w, el, f && f->year ? f->year : year, f ? f->from : 0, st, num);
}

static void put_series_values(struct table *t, const struct krow *k, int s)
{
	put_fig(t->w, "baseline", t->byear, &k->base, s);
	for (int y = 0; y < t->nyears; y++)
		put_fig(t->w, "value", t->yyear[y], &k->years[y], s);
	put_fig(t->w, "target", t->tyear, &k->target, s);
}

static const char *notation_of(int man)
{
	return man == 2 ? "man-decimal" : man == 1 ? "man" : NULL;
}

/* "HACCP認定施設保有企業数 ・ホタテ製品 ・サケ製品": the name and, when there is one
 * per series, the series' labels. */
static int split_labels(const char *name, int nseries, char *base, size_t size, char labels[][64])
{
	const char *p = strstr(name, "・");
	const char *cut = p;
	for (;;) {
		if (cut && cut > name && cut[-1] == ' ')
			cut--;
		else if (cut && cut - name >= 3 && !strncmp(cut - 3, "\xE3\x80\x80", 3))
			cut -= 3;
		else
			break;
	}
	if (p == NULL || cut == p || nseries < 2) {
		snprintf(base, size, "%s", name);
		return 0;
	}
	int n = 0;
	for (const char *q = p; q && n <= nseries;) {
		q += strlen("・");
		const char *e = strstr(q, "・");
		size_t len = e ? (size_t)(e - q) : strlen(q);
		while (len && (q[len - 1] == ' '))
			len--;
		if (n < nseries)
			snprintf(labels[n], 64, "%.*s", (int)len, q);
		n++;
		q = e;
	}
	if (n != nseries) {
		snprintf(base, size, "%s", name);
		return 0;
	}
	snprintf(base, size, "%.*s", (int)(cut - name), name);
	return 1;
}

static void write_kpi(struct table *t, const struct krow *k, const char *id, unsigned r)
{
	struct xw *w = t->w;
	char name[512], labels[MAX_SERIES][64];
	int labelled = split_labels(k->name, k->nseries, name, sizeof name, labels);
	int same = 1;
	for (int s = 1; s < k->nseries; s++)
		same &= !strcmp(k->units[s], k->units[0]) && k->man[s] == k->man[0];
	import_xml_kpi_open(w, id, model_direction_name(k->dir), NULL, NULL, NULL, NULL, NULL, name);
	if (k->nseries <= 1 || same) {
		import_xml_unit(w, k->units[0][0] ? k->units[0] : NULL, notation_of(k->man[0]));
		if (k->nseries <= 1)
			put_series_values(t, k, 0);
	}
	for (int s = 0; k->nseries > 1 && s < k->nseries; s++) {
		char key[16];
		snprintf(key, sizeof key, "s%d", s + 1);
		import_xml_series_open(w, key, labelled ? labels[s] : NULL);
		if (!same)
			import_xml_unit(w, k->units[s][0] ? k->units[s] : NULL, notation_of(k->man[s]));
		put_series_values(t, k, s);
		import_xml_series_close(w);
	}
	import_xml_kpi_texts(w, cell(t, r, t->col[C_SURVEY]), cell(t, r, t->col[C_PUBLICATION]), cell(t, r, t->col[C_METHOD]));
	import_xml_departments(w, cell(t, r, t->col[C_DEPT]));
	import_xml_kpi_close(w);
}

/* ------------------------------------------------------------- the walk */

/* "(再掲)" at the end of s: the length without it (and blanks), else 0. */
static size_t repost_mark(const char *s)
{
	static const char *const marks[] = { "(再掲)", "（再掲）" };
	size_t n = strlen(s);
	for (size_t i = 0; i < 2; i++) {
		size_t m = strlen(marks[i]);
		if (n > m && !strcmp(s + n - m, marks[i])) {
			n -= m;
			while (n && s[n - 1] == ' ')
				n--;
			return n;
		}
	}
	return 0;
}

/* "<基本目標1> TITLE", "基本目標1 TITLE", "1 TITLE" or "1": the number, the title. */
static int goal_cell(const char *s, const char **title)
{
	size_t k = starts(s, "<");
	k = k ? k : starts(s, "＜");
	k += starts(s + k, "基本目標");
	char *end;
	long n = strtol(s + k, &end, 10);
	if (end == s + k || n < 1 || n > 999)
		return -1;
	size_t c = starts(end, ">");
	c = c ? c : starts(end, "＞");
	*title = end + c + vocab_value_blank(end + c);
	return (int)n;
}

static int open_goal(struct table *t, unsigned r, const char *s)
{
	const char *title;
	int n = goal_cell(s, &title);
	if (n < 0)
		return import_report(t, R_IMPORT_ROW, r, (unsigned)t->col[C_GOAL],
		              "'%s' is not a goal: write <基本目標1> TITLE (or 1 TITLE)", s);
	for (int c = C_POLICY; !*title && c <= C_MEASURE; c++) {
		const char *h = own(t, r, t->col[c]);
		if (goal_cell(h, &title) == n && (starts(h, "<") || starts(h, "＜")))
			break;
		title = "";
	}
	if (!*title)
		return import_report(t, R_IMPORT_ROW, r, (unsigned)t->col[C_GOAL],
		              "goal '%s' has no title: write it in the cell, as <基本目標1> TITLE", s);
	t->goal_no = n;
	t->goal_kpis = 0;
	import_xml_goal(t->w, n, title);
	return 0;
}

static void open_heading(struct table *t, int level, const char *s)
{
	size_t n = level == HK_MEASURE ? repost_mark(s) : 0;
	char title[512];
	snprintf(title, sizeof title, "%.*s", (int)(n ? n : strlen(s)), s);
	const char *of = n ? import_names_find(&t->measures, title) : NULL;
	const char *id = import_xml_heading(t->w, level, title, of);
	if (level == HK_MEASURE && !n && !t->report)
		import_names_add(&t->measures, title, id);
}

static void kpi_row(struct table *t, unsigned r, const char *name)
{
	size_t n = repost_mark(name);
	char id[64];
	if (n) {
		char base[512];
		snprintf(base, sizeof base, "%.*s", (int)n, name);
		const char *of = import_names_find(&t->kpis, base);
		if (of)
			import_xml_repost(t->w, NULL, of, base);
		else
			import_report(t, R_IMPORT_REPOST, r, (unsigned)t->col[C_NAME],
			       "'%s' is marked 再掲 but no KPI of the sheet has the name '%s'", name, base);
		return;
	}
	snprintf(id, sizeof id, "g%d-k%d", t->goal_no, ++t->goal_kpis);
	struct krow *k = xcalloc(1, sizeof *k);
	if (read_kpi(t, r, k) == 0 && t->report)
		write_kpi(t, k, id, r);
	if (!t->report)
		import_names_add(&t->kpis, k->name, id);
	free(k);
}

static int row_blank(const struct table *t, unsigned r)
{
	for (unsigned c = 0; c < t->sh->ncols; c++)
		if (*sheet_cell(t->sh, r, c) && !sheet_covered(t->sh, r, c))
			return 0;
	return 1;
}

static int any_figure(const struct table *t, unsigned r)
{
	if (*cell(t, r, t->col[C_BASELINE]) || *cell(t, r, t->col[C_TARGET]))
		return 1;
	for (int y = 0; y < t->nyears; y++)
		if (*cell(t, r, t->ycol[y]))
			return 1;
	return 0;
}

static void walk_row(struct table *t, unsigned r)
{
	const char *g = own(t, r, t->col[C_GOAL]);
	if (*g && open_goal(t, r, g) < 0)
		return;
	static const int levels[] = { C_POLICY, C_DIRECTION, C_MEASURE };
	for (int l = 0; l < 3; l++) {
		const char *h = own(t, r, t->col[levels[l]]), *title;
		if (*h && !((starts(h, "<") || starts(h, "＜")) && goal_cell(h, &title) > 0)) {
			if (t->goal_no == 0) {
				import_report(t, R_IMPORT_ROW, r, (unsigned)t->col[levels[l]],
				       "'%s' comes before any 基本目標: the first row needs the goal", h);
				return;
			}
			open_heading(t, l, h);
		}
	}
	const char *name = cell(t, r, t->col[C_NAME]);
	if (!*name) {
		if (any_figure(t, r))
			import_report(t, R_IMPORT_ROW, r, (unsigned)t->col[C_NAME],
			       "this row has figures but no KPI name (KPI 項目)");
		return;
	}
	if (t->goal_no == 0) {
		import_report(t, R_IMPORT_ROW, r, (unsigned)t->col[C_NAME],
		       "KPI '%s' comes before any 基本目標: the first row needs the goal", name);
		return;
	}
	kpi_row(t, r, name);
}

static void walk(struct table *t, struct xw *w)
{
	t->w = w;
	t->goal_no = 0;
	for (unsigned r = t->first; r < t->sh->nrows; r++)
		if (!row_blank(t, r))
			walk_row(t, r);
	import_xml_close_all(w);
}

/* The header row: the first that names 基本目標 in some cell. */
static int find_header(const struct sheet *sh, unsigned *hr)
{
	for (unsigned r = 0; r < sh->nrows && r < 50; r++)
		for (unsigned c = 0; c < sh->ncols; c++)
			if (starts(sheet_cell(sh, r, c), "基本目標") && !strchr(sheet_cell(sh, r, c), '>') &&
			    !strstr(sheet_cell(sh, r, c), "＞")) {
				*hr = r;
				return 0;
			}
	return -1;
}

static int import_table(const struct sheet *sh, const struct import_frame *fr, struct diag_ctx *d, struct buf *out,
                        struct buf *err)
{
	struct table t;
	memset(&t, 0, sizeof t);
	t.sh = sh;
	t.d = d;
	unsigned hr;
	if (find_header(sh, &hr) < 0) {
		diag_report(d, R_IMPORT_HEADER, &sh->src, sh->nrows ? sheet_pos(sh, 0, 0) : SRC_NOWHERE,
		            "no header row: kpic import reads the KPI table (a row naming 基本目標, 基本方針, 基本的な方向性, 具体的な施策, KPI 項目, 基準値(H26), H27…, 目標値(H31), …) or the CSV of kpic export");
		return 1;
	}
	t.report = 1;
	if (read_header(&t, hr) < 0)
		return 1;
	struct xw w1, w2;
	import_xml_init(&w1);
	t.report = 0;
	walk(&t, &w1);
	import_xml_free(&w1);
	import_xml_init(&w2);
	t.report = 1;
	walk(&t, &w2);
	int last = t.nyears ? t.yyear[t.nyears - 1] : t.byear;
	struct meta_in m = { NULL, t.nyears ? t.yyear[0] : t.byear + 1, t.tyear, t.byear, NULL, "80", 0, NULL, NULL, NULL, NULL, 0 };
	char asof[16];
	snprintf(asof, sizeof asof, "%04d-04-01", last + 1);
	m.as_of = asof;
	int rc = t.errors ? 1 : import_xml_document(&w2, &m, sh->src.path, sh->src.sheet, fr, out, err) < 0 ? 2 : 0;
	import_xml_free(&w2);
	import_names_free(&t.kpis);
	import_names_free(&t.measures);
	return rc;
}

int import_sheet(const char *path, const char *name, const struct import_frame *fr, struct diag_ctx *d,
                 struct sheet *sh, struct buf *out, struct buf *err)
{
	if (sheet_read(path, name, R_IMPORT_CELL, d, sh))
		return 2;
	if (import_is_export(sh))
		return import_export_csv(sh, fr, d, out, err);
	return import_table(sh, fr, d, out, err);
}

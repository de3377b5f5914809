/*
 * report.c - `kpic eval` output (see report.h).
 */
#include "report.h"
#include "valtext.h"
#include "jfmt.h"

#include <stdlib.h>
#include <string.h>

/* Cuts s to at most width columns, ending with … when cut. */
/* s as one line of the report: its newlines and controls as <U+XXXX>, in
 * *b, which the result points into. */
static const char *one_line(const char *s, struct buf *b)
{
	buf_reset(b);
	buf_put_visible(b, s ? s : "", s ? strlen(s) : 0, 0);
	return buf_str(b);
}

static void clip(const char *raw, size_t width, struct buf *out)
{
	struct buf line = BUF_INIT;
	const char *s = one_line(raw, &line);
	buf_reset(out);
	if (jfmt_width(s) <= width) {
		buf_puts(out, s);
		buf_free(&line);
		return;
	}
	for (const char *p = s; *p;) {
		size_t n = 1;
		while (p[n] && ((unsigned char)p[n] & 0xC0) == 0x80)
			n++;
		struct buf t = BUF_INIT;
		buf_puts(&t, buf_str(out));
		buf_put(&t, p, n);
		int fits = jfmt_width(buf_str(&t)) + 1 <= width;
		buf_free(&t);
		if (!fits)
			break;
		buf_put(out, p, n);
		p += n;
	}
	buf_puts(out, "…");
	buf_free(&line);
}

static void era_range(const struct model *m, struct buf *out)
{
	char a[32] = "", b[32] = "", c[32] = "";
	if (m->start.ok) jfmt_fy(&m->era, m->start.y, JFMT_ERA_SHORT, a, sizeof a);
	if (m->end.ok) jfmt_fy(&m->era, m->end.y, JFMT_ERA_SHORT, b, sizeof b);
	if (m->baseline.ok) jfmt_fy(&m->era, m->baseline.y, JFMT_ERA_SHORT, c, sizeof c);
	buf_printf(out, "期間 %s–%s（%d–%d年度）、基準値 %s", a, b, m->start.y, m->end.y, c);
}

static void tally_cells(const struct tally3 *t, struct buf *out)
{
	char s[32];
	const struct tally *cols[] = { &t->all, &t->level[LEVEL_GOAL], &t->level[LEVEL_MEASURE] };
	for (int i = 0; i < 3; i++) {
		snprintf(s, sizeof s, "%d", cols[i]->met);
		buf_pad(out, s, 9, 1);
		snprintf(s, sizeof s, "%d", cols[i]->not_met);
		buf_pad(out, s, 8, 1);
	}
	buf_putc(out, '\n');
}

static void column_labels(const struct model *m, struct buf *met, struct buf *unmet);

/* The columns of the text tables.  A scale of two grades without states
 * has two: its achieved grades and the others (80%以上 / 80%未満).  Any
 * other has one per grade of the primary scale and one per state, headed
 * by its symbol (else its label, else its id).  A rate-only source has
 * none of grades: its goal table has the KPIs and one column per state,
 * its 担当課 table the states. */
#define REPORT_MAX_COLS (KPIC_MAX_GRADES + KPIC_MAX_STATES)
struct report_cols {
	size_t n;
	int state[REPORT_MAX_COLS];    /* 1: a state's column, 0: a grade's, 2: the KPIs' */
	int index[REPORT_MAX_COLS];
	const char *head[REPORT_MAX_COLS];
	size_t width[REPORT_MAX_COLS];
	size_t total;                  /* the sum of the widths */
};

static int report_per_grade(const struct model *m)
{
	return model_rate_only(m) || (m->primary >= 0 && (m->scales[m->primary].ngrades > 2 || m->nstates > 0));
}

static const char *report_head(const char *symbol, const char *label, const char *id)
{
	return symbol && *symbol ? symbol : label && *label ? label : id ? id : "";
}

static void report_col(struct report_cols *c, int state, int index, const char *head)
{
	size_t w = jfmt_width(head) + 2;
	c->state[c->n] = state;
	c->index[c->n] = index;
	c->head[c->n] = head;
	c->width[c->n] = w < 6 ? 6 : w;
	c->total += c->width[c->n];
	c->n++;
}

/* with_kpis: a rate-only source's KPI column first (its goal table). */
static void report_cols_of(const struct model *m, struct report_cols *c, int with_kpis)
{
	memset(c, 0, sizeof *c);
	if (model_rate_only(m) && with_kpis)
		report_col(c, 2, 0, "KPI");
	const struct scale *sc = m->primary >= 0 ? &m->scales[m->primary] : NULL;
	for (size_t g = 0; sc && g < sc->ngrades && g < KPIC_MAX_GRADES; g++)
		report_col(c, 0, (int)g, report_head(sc->grades[g].symbol, sc->grades[g].label, sc->grades[g].id));
	for (size_t i = 0; i < m->nstates && i < KPIC_MAX_STATES; i++)
		report_col(c, 1, (int)i, report_head(m->states[i].symbol, m->states[i].label, m->states[i].id));
}

static void report_col_cells(const struct report_cols *c, const struct tally *t, struct buf *out)
{
	char s[32];
	for (size_t i = 0; i < c->n; i++) {
		snprintf(s, sizeof s, "%d", c->state[i] == 2 ? t->met + t->not_met :
		         c->state[i] ? t->state[c->index[i]] : t->grade[c->index[i]]);
		buf_pad(out, s, c->width[i], 1);
	}
}

static void report_col_heads(const struct report_cols *c, struct buf *out)
{
	for (size_t i = 0; i < c->n; i++)
		buf_pad(out, c->head[i], c->width[i], 1);
}

/* 施策: the measure level's short name, else its name (kpic's 施策 when
 * the source declares none), as in 各施策のKPI. */
static const char *report_measure_short(const struct model *m)
{
	for (size_t i = 0; i < m->nlevels; i++)
		if (m->levels[i].of == LO_MEASURE)
			return m->levels[i].short_name ? m->levels[i].short_name
			     : m->levels[i].name ? m->levels[i].name : "施策";
	return "施策";
}

static void tally3_cells(const struct report_cols *c, const struct tally3 *t, struct buf *out)
{
	if (!c) {
		tally_cells(t, out);
		return;
	}
	const struct tally *cols[] = { &t->all, &t->level[LEVEL_GOAL], &t->level[LEVEL_MEASURE] };
	for (int i = 0; i < 3; i++)
		report_col_cells(c, cols[i], out);
	buf_putc(out, '\n');
}

/* The two head lines of the goal table: 全KPI, the goal level's KPIs, the
 * measures' KPIs over their columns; then the columns. */
static void goal_table_head(const struct model *m, const struct report_cols *c, struct buf *out)
{
	struct buf met = BUF_INIT, unmet = BUF_INIT, h = BUF_INIT;
	size_t w = c ? c->total : 17;
	buf_pad(out, "", 34, 0);
	buf_pad(out, "全KPI", w, 1);
	buf_pad(out, one_line(m->level_names[LO_GOAL], &h), w, 1);
	buf_reset(&met);
	buf_printf(&met, "各%sのKPI", report_measure_short(m));
	buf_pad(out, one_line(buf_str(&met), &h), w, 1);
	buf_putc(out, '\n');
	buf_pad(out, one_line(m->level_names[LO_GOAL], &h), 34, 0);
	buf_reset(&met);
	if (!c)
		column_labels(m, &met, &unmet);
	for (int i = 0; i < 3; i++) {
		if (c) {
			report_col_heads(c, out);
			continue;
		}
		buf_pad(out, buf_str(&met), 9, 1);
		buf_pad(out, buf_str(&unmet), 8, 1);
	}
	buf_putc(out, '\n');
	buf_free(&met);
	buf_free(&unmet);
	buf_free(&h);
}

static void goal_table(const struct model *m, const struct eval *e, const struct report_cols *c, struct buf *out)
{
	struct buf t = BUF_INIT, cell = BUF_INIT;
	goal_table_head(m, c, out);
	for (size_t g = 0; g < m->ngoals; g++) {
		buf_reset(&cell);
		buf_printf(&cell, "%d ", m->goals[g].number);
		clip(m->goals[g].title ? m->goals[g].title : "", 31, &t);
		buf_puts(&cell, buf_str(&t));
		buf_pad(out, buf_str(&cell), 34, 0);
		tally3_cells(c, &e->goals[g], out);
	}
	buf_pad(out, "合計", 34, 0);
	tally3_cells(c, &e->total, out);
	buf_free(&t);
	buf_free(&cell);
}

static void dept_cells(const struct report_cols *c, const struct tally *t, struct buf *out)
{
	char s[64];
	snprintf(s, sizeof s, "%d", t->met + t->not_met);
	buf_pad(out, s, 6, 1);
	if (c) {
		report_col_cells(c, t, out);
		return;
	}
	snprintf(s, sizeof s, "%d", t->met);
	buf_pad(out, s, 9, 1);
	snprintf(s, sizeof s, "%d", t->not_met);
	buf_pad(out, s, 9, 1);
}

static void dept_table(const struct model *m, const struct eval *e, struct buf *out)
{
	struct buf line = BUF_INIT, met = BUF_INIT, unmet = BUF_INIT;
	struct report_cols cols;
	const struct report_cols *c = NULL;
	if (report_per_grade(m)) {
		report_cols_of(m, &cols, 0);
		c = &cols;
	}
	buf_pad(out, "担当課", 20, 0);
	buf_pad(out, "KPI", 6, 1);
	if (c) {
		report_col_heads(c, out);
	} else {
		column_labels(m, &met, &unmet);
		buf_pad(out, buf_str(&met), 9, 1);
		buf_pad(out, buf_str(&unmet), 9, 1);
	}
	buf_putc(out, '\n');
	for (size_t d = 0; d < m->ndepts; d++) {
		buf_pad(out, one_line(m->depts[d].name ? m->depts[d].name : m->depts[d].id, &line), 20, 0);
		dept_cells(c, &e->depts[d].all, out);
		buf_putc(out, '\n');
	}
	buf_free(&line);
	buf_free(&met);
	buf_free(&unmet);
}

static void rate_text(const struct kpi_result *r, char *s, size_t size)
{
	if (!r->rate_ok)
		snprintf(s, size, "—");
	else
		jfmt_rate(r->rate, 1, s, size);
}

/* One line per KPI: id, name, latest actual, target, rate, judgement. */
static void kpi_lines(const struct model *m, const struct eval *e, size_t g, struct buf *out)
{
	struct buf t = BUF_INIT, v = BUF_INIT;
	char s[64];
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		const struct kpi_result *r = &e->kpis[i];
		if (k->goal != g)
			continue;
		int si = r->chosen >= 0 ? r->chosen : 0;
		const struct series *ser = &k->series[si];
		buf_puts(out, k->level == LEVEL_GOAL ? "  ◎ " : "    ");
		clip(k->name ? k->name : "", 28, &t);
		buf_pad(out, buf_str(&t), 29, 0);
		buf_reset(&v);
		if (r->series[si].latest) {
			jfmt_fy(&m->era, r->series[si].latest->year.y, JFMT_ERA_SHORT, s, sizeof s);
			buf_printf(&v, "%s ", s);
			valtext_value(ser, r->series[si].latest, &v);
		}
		buf_pad(out, buf_str(&v), 22, 1);
		buf_reset(&v);
		valtext_value(ser, ser->target, &v);
		buf_puts(out, " → ");
		buf_pad(out, buf_str(&v), 14, 0);
		rate_text(r, s, sizeof s);
		buf_pad(out, s, 8, 1);
		if (!model_rate_only(m) || r->state >= 0)   /* rate-only: only a state */
			buf_printf(out, "  %s", valtext_mark(m, r->grade, r->state, r->met));
		if (k->has_override)
			buf_puts(out, " *");
		buf_putc(out, '\n');
	}
	buf_free(&t);
	buf_free(&v);
}

/* 1 if the title already says which period it is: 第2期 (or 第２期). */
static int title_names_edition(const char *title, int edition)
{
	char digits[16], ascii[32], wide[64] = "第";
	snprintf(digits, sizeof digits, "%d", edition);
	snprintf(ascii, sizeof ascii, "第%s期", digits);
	for (const char *d = digits; *d >= '0' && *d <= '9'; d++) {
		const char w[4] = { (char)0xEF, (char)0xBC, (char)(0x90 + (*d - '0')), 0 };   /* U+FF10 + digit */
		strcat(wide, w);
	}
	strcat(wide, "期");
	return title && (strstr(title, ascii) || strstr(title, wide));
}

/* The two columns of the text tables: 80%以上 / 80%未満, or, for a scale
 * without one threshold, 達成 / 未達 (its achieved grades and the others;
 * the criterion line says which). */
static void column_labels(const struct model *m, struct buf *met, struct buf *unmet)
{
	if (m->threshold_ok) {
		valtext_met_labels(m, met, unmet);
	} else {
		buf_puts(met, "達成");
		buf_puts(unmet, "未達");
	}
}

/* 達成率80%以上, or the primary scale's grades: 達成状況（◎ 目標値以上、…）. */
static void criterion(const struct model *m, const char *th, struct buf *out)
{
	const struct scale *sc = m->primary >= 0 ? &m->scales[m->primary] : NULL;
	if (model_rate_only(m)) {
		buf_puts(out, "評価区分なし（達成率のみ）\n\n");
		return;
	}
	if ((m->threshold_ok && !report_per_grade(m)) || !sc) {
		buf_printf(out, "達成率%s%%以上\n\n", th);
		return;
	}
	buf_printf(out, "%s（", sc->name ? sc->name : sc->id ? sc->id : "");
	for (size_t g = 0; g < sc->ngrades; g++)
		buf_printf(out, "%s%s %s", g ? "、" : "", sc->grades[g].symbol ? sc->grades[g].symbol : "",
		           sc->grades[g].label ? sc->grades[g].label : "");
	buf_puts(out, "）\n\n");
}

static void text_report(const struct model *m, const struct eval *e, struct buf *out)
{
	char th[32] = "?";
	struct buf line = BUF_INIT, name = BUF_INIT;
	if (m->threshold_ok)
		kdec_format(m->threshold, th, sizeof th);
	buf_puts(out, one_line(m->title, &line));
	if (!title_names_edition(m->title, m->edition))
		buf_printf(out, "（第%d期）", m->edition);
	buf_puts(out, "の評価\n");
	era_range(m, out);
	buf_printf(out, "、%s 現在、達成の基準: ", one_line(m->as_of, &line));
	criterion(m, th, out);
	const char *goal_name = m->level_names[LO_GOAL];
	buf_printf(out, "KPI %d件: %sに係るKPI %d件、各%sに係るKPI %d件\n\n",
	           e->total.all.met + e->total.all.not_met, goal_name,
	           e->total.level[LEVEL_GOAL].met + e->total.level[LEVEL_GOAL].not_met, report_measure_short(m),
	           e->total.level[LEVEL_MEASURE].met + e->total.level[LEVEL_MEASURE].not_met);
	struct report_cols cols;
	const struct report_cols *c = NULL;
	if (report_per_grade(m)) {
		report_cols_of(m, &cols, 1);
		c = &cols;
	}
	goal_table(m, e, c, out);
	buf_putc(out, '\n');
	dept_table(m, e, out);
	for (size_t g = 0; g < m->ngoals; g++) {
		buf_printf(out, "\n%s%d %s\n", goal_name, m->goals[g].number, one_line(m->goals[g].title, &line));
		kpi_lines(m, e, g, out);
	}
	if (model_rate_only(m)) {          /* nothing judged, nothing overridden */
		buf_printf(out, "\n◎ %sに係るKPI\n", goal_name);
		buf_free(&line);
		buf_free(&name);
		return;
	}
	buf_printf(out, "\n◎ %sに係るKPI   * 判定の上書き (override)\n", goal_name);
	buf_printf(out, "\n判定の上書き: %zu件\n", e->noverrides);
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		if (!k->has_override)
			continue;
		buf_printf(out, "  %s %s: %s（規則による判定: %s）\n", k->id, one_line(k->name, &name),
		           k->override_met ? "達成" : "未達", e->kpis[i].computed_met ? "達成" : "未達");
		buf_printf(out, "    理由: %s\n", one_line(k->override_reason, &line));
	}
	buf_free(&line);
	buf_free(&name);
}

/* What a source holds is shown, never obeyed: a name with a newline or an
 * escape sequence cannot forge a line of the report or drive the terminal. */
void report_text(const struct model *m, const struct eval *e, struct buf *out)
{
	struct buf raw = BUF_INIT;
	text_report(m, e, &raw);
	buf_put_visible(out, raw.data ? raw.data : "", raw.len, 1);
	buf_free(&raw);
}

/* ------------------------------------------------------------ JSON */

static void json_rate(struct buf *b, int ok, krate rate)
{
	char s[64];
	if (ok && krate_format(rate, 4, KRATE_HALF_UP, s, sizeof s) >= 0)
		buf_puts(b, s);
	else
		buf_puts(b, "null");
}

static void json_value(struct buf *b, const struct series *s, const struct value *v)
{
	char num[64];
	if (v == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_printf(b, "{\"year\": %d, \"status\": \"%s\", \"value\": ", v->year.y, vocab_status_name(v->status));
	if (v->num_ok) {
		kdec_format(v->num, num, sizeof num);
		buf_puts(b, num);
	} else {
		buf_puts(b, "null");
	}
	struct buf t = BUF_INIT;
	valtext_value(s, v, &t);
	buf_puts(b, ", \"text\": ");
	buf_json_str(b, buf_str(&t));
	buf_puts(b, "}");
	buf_free(&t);
}

/* "grades": {"a": 3, …} for the primary scale, "states": {…}, "uncounted". */
static void json_grade_counts(struct buf *b, const struct model *m, const struct tally *t)
{
	buf_puts(b, ", \"grades\": {");
	if (m->primary >= 0) {
		const struct scale *sc = &m->scales[m->primary];
		for (size_t g = 0; g < sc->ngrades && g < KPIC_MAX_GRADES; g++) {
			buf_puts(b, g ? ", " : "");
			buf_json_str(b, sc->grades[g].id ? sc->grades[g].id : "");
			buf_printf(b, ": %d", t->grade[g]);
		}
	}
	buf_puts(b, "}, \"states\": {");
	for (size_t i = 0; i < m->nstates && i < KPIC_MAX_STATES; i++) {
		buf_puts(b, i ? ", " : "");
		buf_json_str(b, m->states[i].id ? m->states[i].id : "");
		buf_printf(b, ": %d", t->state[i]);
	}
	buf_printf(b, "}, \"uncounted\": %d", t->uncounted);
}

/* A judgement as JSON: null in a rate-only source, which judges nothing. */
static const char *json_met(const struct model *m, int met)
{
	return model_rate_only(m) ? "null" : met ? "true" : "false";
}

static void json_tally(struct buf *b, const struct model *m, const struct tally *t)
{
	if (model_rate_only(m))
		buf_printf(b, "{\"met\": null, \"not_met\": null, \"total\": %d", t->met + t->not_met);
	else
		buf_printf(b, "{\"met\": %d, \"not_met\": %d, \"total\": %d", t->met, t->not_met, t->met + t->not_met);
	json_grade_counts(b, m, t);
	buf_puts(b, "}");
}

void report_json_tally3(struct buf *b, const struct model *m, const struct tally3 *t)
{
	buf_puts(b, "{\"all\": ");
	json_tally(b, m, &t->all);
	buf_puts(b, ", \"goal\": ");
	json_tally(b, m, &t->level[LEVEL_GOAL]);
	buf_puts(b, ", \"measure\": ");
	json_tally(b, m, &t->level[LEVEL_MEASURE]);
	/* 「うち」: only in a source that declares tags (others' JSON unchanged) */
	if (m->ntags) {
		buf_puts(b, ", \"tags\": {");
		for (size_t g = 0; g < m->ntags && g < KPIC_MAX_TAGS; g++) {
			buf_puts(b, g ? ", " : "");
			buf_json_str(b, m->tags[g].id ? m->tags[g].id : "");
			buf_puts(b, ": ");
			json_tally(b, m, &t->tag[g]);
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "}");
}

/* ", \"rollup\": {…}" of a goal or heading whose level declares one;
 * null grade or share when it has no KPI to roll up. */
static void json_rollup(struct buf *b, const struct model *m, enum rollup ru, const struct tally *t)
{
	struct rollup_result rr = eval_rollup(m, ru, t);
	buf_printf(b, ", \"rollup\": {\"method\": \"%s\"", eval_rollup_name(ru));
	if (ru == RU_SHARE) {
		if (rr.ok)
			buf_printf(b, ", \"share\": \"%d.%d\"", rr.share_tenths / 10, rr.share_tenths % 10);
		else
			buf_puts(b, ", \"share\": null");
		buf_puts(b, "}");
		return;
	}
	if (ru == RU_POINTS && rr.ok) {
		char pt[64];
		krate_format(rr.points, 1, KRATE_HALF_UP, pt, sizeof pt);
		buf_printf(b, ", \"points\": \"%s\"", pt);
	} else if (ru == RU_POINTS)
		buf_puts(b, ", \"points\": null");
	if (rr.ok) {
		const struct grade *g = &m->scales[m->primary].grades[rr.grade];
		buf_puts(b, ", \"grade\": ");
		buf_json_str(b, g->id ? g->id : "");
		buf_puts(b, ", \"symbol\": ");
		buf_json_str(b, g->symbol ? g->symbol : "");
	} else
		buf_puts(b, ", \"grade\": null");
	buf_puts(b, "}");
}

/* One heading of "headings": its place in the tree, the KPIs below it and
 * its level's roll-up. */
static void json_heading(struct buf *b, const struct model *m, const struct eval *e, size_t h)
{
	const struct heading *hd = &m->headings[h];
	enum rollup ru = m->level_rollup[hd->kind + 1];
	buf_json_str(b, hd->id ? hd->id : "");
	buf_printf(b, ", \"level\": \"%s\"", model_level_of_name((enum level_of)(hd->kind + 1)));
	buf_puts(b, ", \"goal\": ");
	buf_json_str(b, m->goals[hd->goal].id ? m->goals[hd->goal].id : "");
	buf_puts(b, ", \"parent\": ");
	if (hd->parent >= 0)
		buf_json_str(b, m->headings[hd->parent].id ? m->headings[hd->parent].id : "");
	else
		buf_puts(b, "null");
	buf_puts(b, ", \"title\": ");
	buf_json_str(b, hd->title ? hd->title : "");
	buf_puts(b, ", \"counts\": ");
	json_tally(b, m, &e->headings[h]);
	if (ru != RU_NONE)
		json_rollup(b, m, ru, &e->headings[h]);
}

/* "headings": in a source that names its levels (<levels>), every heading
 * (other sources' JSON unchanged). */
static void json_headings(struct buf *b, const struct model *m, const struct eval *e)
{
	if (m->nlevels == 0)
		return;
	buf_puts(b, ",\n  \"headings\": [");
	for (size_t h = 0; h < m->nheadings; h++) {
		buf_puts(b, h ? ",\n    {\"id\": " : "\n    {\"id\": ");
		json_heading(b, m, e, h);
		buf_puts(b, "}");
	}
	buf_puts(b, "\n  ]");
}

static void json_str_or_null(struct buf *b, const char *s)
{
	if (s)
		buf_json_str(b, s);
	else
		buf_puts(b, "null");
}

/* The KPI's grade in the primary scale (or its state), and in every scale. */
static void json_kpi_grades(struct buf *b, const struct model *m, const struct kpi_result *r)
{
	const struct scale *p = m->primary >= 0 ? &m->scales[m->primary] : NULL;
	buf_puts(b, ",\n      \"grade\": ");
	json_str_or_null(b, p && r->grade >= 0 ? p->grades[r->grade].id : NULL);
	buf_puts(b, ", \"computed_grade\": ");
	json_str_or_null(b, p && r->computed_grade >= 0 ? p->grades[r->computed_grade].id : NULL);
	buf_puts(b, ", \"state\": ");
	json_str_or_null(b, r->state >= 0 ? m->states[r->state].id : NULL);
	buf_puts(b, ", \"grades\": {");
	for (size_t s = 0, n = 0; s < m->nscales; s++) {
		if (r->grades[s] < 0)
			continue;
		buf_puts(b, n++ ? ", " : "");
		buf_json_str(b, m->scales[s].id ? m->scales[s].id : "");
		buf_puts(b, ": ");
		buf_json_str(b, m->scales[s].grades[r->grades[s]].id ? m->scales[s].grades[r->grades[s]].id : "");
	}
	buf_puts(b, "}");
}

static void json_grade(struct buf *b, const struct grade *g)
{
	buf_puts(b, "{\"id\": ");
	buf_json_str(b, g->id ? g->id : "");
	buf_puts(b, ", \"symbol\": ");
	json_str_or_null(b, g->symbol);
	buf_puts(b, ", \"label\": ");
	json_str_or_null(b, g->label);
	buf_printf(b, ", \"achieved\": %s}", g->achieved ? "true" : "false");
}

static void json_state(struct buf *b, const struct kstate *st)
{
	buf_puts(b, "{\"id\": ");
	buf_json_str(b, st->id ? st->id : "");
	buf_puts(b, ", \"symbol\": ");
	json_str_or_null(b, st->symbol);
	buf_puts(b, ", \"label\": ");
	json_str_or_null(b, st->label);
	buf_printf(b, ", \"counted\": %s}", st->counted ? "true" : "false");
}

void report_json_grades(struct buf *b, const struct scale *sc)
{
	buf_putc(b, '[');
	for (size_t g = 0; g < sc->ngrades; g++) {
		buf_puts(b, g ? ", " : "");
		json_grade(b, &sc->grades[g]);
	}
	buf_putc(b, ']');
}

void report_json_states(struct buf *b, const struct model *m)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < m->nstates; i++) {
		buf_puts(b, i ? ", " : "");
		json_state(b, &m->states[i]);
	}
	buf_putc(b, ']');
}

/* The scales as declared (threshold= as its two grades), and the states. */
static void json_scales(struct buf *b, const struct model *m)
{
	buf_puts(b, ",\n  \"primary_scale\": ");
	json_str_or_null(b, m->primary >= 0 ? m->scales[m->primary].id : NULL);
	buf_puts(b, ",\n  \"scales\": [");
	for (size_t i = 0; i < m->nscales; i++) {
		const struct scale *sc = &m->scales[i];
		buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
		buf_json_str(b, sc->id ? sc->id : "");
		buf_puts(b, ", \"name\": ");
		json_str_or_null(b, sc->name);
		buf_printf(b, ", \"given\": %s, \"grades\": ", sc->given ? "true" : "false");
		report_json_grades(b, sc);
		buf_putc(b, '}');
	}
	buf_puts(b, "\n  ],\n  \"states\": ");
	report_json_states(b, m);
}

static void json_series(struct buf *b, const struct model *m, const struct kpi *k, const struct kpi_result *r)
{
	buf_puts(b, "[");
	for (size_t j = 0; j < k->nseries; j++) {
		const struct series *s = &k->series[j];
		const struct series_result *sr = &r->series[j];
		buf_puts(b, j ? ",\n        {\"key\": " : "\n        {\"key\": ");
		buf_json_str(b, s->key ? s->key : "");
		buf_puts(b, ", \"label\": ");
		if (s->label) buf_json_str(b, s->label); else buf_puts(b, "null");
		buf_puts(b, ", \"unit\": ");
		buf_json_str(b, s->unit ? s->unit : "");
		buf_puts(b, ", \"baseline\": ");
		json_value(b, s, s->baseline);
		buf_puts(b, ", \"latest\": ");
		json_value(b, s, sr->latest);
		if (sr->cumulative) {
			buf_puts(b, ", \"cumulative\": ");
			json_value(b, s, &sr->cum);
		}
		buf_puts(b, ", \"target\": ");
		json_value(b, s, s->target);
		if (s->target && s->target->initial_ok) {
			struct value v = *s->target;
			v.num = s->target->initial;
			v.num_ok = v.has_num = 1;
			v.label = NULL;
			buf_puts(b, ", \"initial_target\": ");
			json_value(b, s, &v);
			if (s->target->revised_in.ok)
				buf_printf(b, ", \"revised_in\": %d", s->target->revised_in.y);
		}
		buf_puts(b, ", \"rate\": ");
		json_rate(b, sr->rate_ok, sr->rate);
		buf_printf(b, ", \"met\": %s, \"trend\": \"%s\", \"values\": %zu}",
		           json_met(m, sr->met), eval_trend_name(sr->trend), s->nvalues);
	}
	buf_puts(b, "]");
}

static int report_is_kpic(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, KPIC_NS) &&
	       !strcmp((const char *)n->name, name);
}

/* ", "texts": {"factors": "…"}": the KPI's free-text columns (<text
 * column=>), only in a document that declares <text-columns>. */
static void json_kpi_texts(struct buf *b, const struct model *m, const struct kpi *k)
{
	const xmlNode *meta = m->eval_node ? m->eval_node->parent : NULL, *tc = NULL;
	for (const xmlNode *c = meta ? meta->children : NULL; c && !tc; c = c->next)
		if (report_is_kpic(c, "text-columns"))
			tc = c;
	if (tc == NULL)
		return;
	const char *sep = "";
	buf_puts(b, ",\n      \"texts\": {");
	for (const xmlNode *t = k->node->children; t; t = t->next) {
		if (!report_is_kpic(t, "text"))
			continue;
		xmlChar *col = xmlGetNoNsProp(t, (const xmlChar *)"column");
		xmlChar *txt = xmlNodeGetContent(t);
		buf_puts(b, sep);
		buf_json_str(b, col ? (const char *)col : "");
		buf_puts(b, ": ");
		buf_json_str(b, txt ? (const char *)txt : "");
		sep = ", ";
		xmlFree(col);
		xmlFree(txt);
	}
	buf_puts(b, "}");
}

static void json_kpi(struct buf *b, const struct model *m, const struct kpi *k, const struct kpi_result *r)
{
	buf_puts(b, "{\"id\": ");
	buf_json_str(b, k->id ? k->id : "");
	buf_puts(b, ", \"name\": ");
	buf_json_str(b, k->name ? k->name : "");
	buf_puts(b, ", \"goal\": ");
	buf_json_str(b, m->goals[k->goal].id ? m->goals[k->goal].id : "");
	buf_printf(b, ", \"level\": \"%s\", \"direction\": \"%s\", \"combine\": \"%s\", \"departments\": [",
	           model_level_name(k->level), model_direction_name(k->dir), model_combine_name(k->comb));
	for (size_t d = 0; d < k->ndepts; d++) {
		buf_puts(b, d ? ", " : "");
		buf_json_str(b, k->depts[d] ? k->depts[d] : "");
	}
	buf_puts(b, "],\n      \"rate\": ");
	json_rate(b, r->rate_ok, r->rate);
	buf_printf(b, ", \"met\": %s, \"computed_met\": %s, \"trend\": \"%s\", \"override\": ",
	           json_met(m, r->met), json_met(m, r->computed_met), eval_trend_name(r->trend));
	if (k->has_override) {
		buf_printf(b, "{\"met\": %s, \"reason\": ", k->override_met ? "true" : "false");
		buf_json_str(b, k->override_reason ? k->override_reason : "");
		buf_puts(b, "}");
	} else {
		buf_puts(b, "null");
	}
	if (k->calendar)
		buf_puts(b, ", \"year_basis\": \"calendar\"");
	json_kpi_grades(b, m, r);
	json_kpi_texts(b, m, k);
	buf_puts(b, ",\n      \"series\": ");
	json_series(b, m, k, r);
	buf_puts(b, "}");
}

/* Transcription statistics per goal: what the completeness test compares
 * with the counts taken from the published document. */
static void json_goal_stats(struct buf *b, const struct model *m, size_t g)
{
	size_t series = 0, numbers = 0, empty = 0, reposts = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		const struct kpi *k = &m->kpis[i];
		if (k->goal != g)
			continue;
		series += k->nseries;
		for (size_t j = 0; j < k->nseries; j++) {
			const struct series *s = &k->series[j];
			numbers += (s->baseline && s->baseline->has_num) + (s->target && s->target->has_num);
			for (size_t v = 0; v < s->nvalues; v++) {
				numbers += s->values[v].has_num;
				empty += !s->values[v].has_num;
			}
		}
	}
	for (size_t i = 0; i < m->nreposts; i++)
		reposts += m->reposts[i].goal == g;
	for (size_t i = 0; i < m->nheadings; i++)
		reposts += m->headings[i].goal == g && m->headings[i].repost_of != NULL;
	buf_printf(b, "{\"series\": %zu, \"numbers\": %zu, \"empty\": %zu, \"reposts\": %zu}",
	           series, numbers, empty, reposts);
}

void report_json(const struct model *m, const struct eval *e, struct buf *b)
{
	char th[32] = "null";
	if (m->threshold_ok)
		kdec_format(m->threshold, th, sizeof th);
	buf_puts(b, "{\n  \"municipality\": ");
	buf_json_str(b, m->municipality ? m->municipality : "");
	buf_puts(b, ",\n  \"title\": ");
	buf_json_str(b, m->title ? m->title : "");
	buf_printf(b, ",\n  \"edition\": %d,\n  \"period\": {\"start\": %d, \"end\": %d, \"baseline\": %d},\n",
	           m->edition, m->start.y, m->end.y, m->baseline.y);
	buf_puts(b, "  \"as_of\": ");
	buf_json_str(b, m->as_of ? m->as_of : "");
	if (e->year) /* kpic eval --year */
		buf_printf(b, ",\n  \"year\": %d", e->year);
	buf_printf(b, ",\n  \"threshold\": %s,\n  \"totals\": ", th);
	report_json_tally3(b, m, &e->total);
	buf_puts(b, ",\n  \"goals\": [");
	for (size_t g = 0; g < m->ngoals; g++) {
		buf_puts(b, g ? ",\n    {\"id\": " : "\n    {\"id\": ");
		buf_json_str(b, m->goals[g].id ? m->goals[g].id : "");
		buf_printf(b, ", \"number\": %d, \"title\": ", m->goals[g].number);
		buf_json_str(b, m->goals[g].title ? m->goals[g].title : "");
		buf_puts(b, ",\n      \"counts\": ");
		report_json_tally3(b, m, &e->goals[g]);
		if (m->level_rollup[LO_GOAL] != RU_NONE)
			json_rollup(b, m, m->level_rollup[LO_GOAL], &e->goals[g].all);
		buf_puts(b, ",\n      \"transcription\": ");
		json_goal_stats(b, m, g);
		buf_puts(b, "}");
	}
	buf_puts(b, "\n  ]");
	json_headings(b, m, e);
	buf_puts(b, ",\n  \"departments\": [");
	for (size_t d = 0; d < m->ndepts; d++) {
		buf_puts(b, d ? ",\n    {\"id\": " : "\n    {\"id\": ");
		buf_json_str(b, m->depts[d].id ? m->depts[d].id : "");
		buf_puts(b, ", \"name\": ");
		buf_json_str(b, m->depts[d].name ? m->depts[d].name : "");
		buf_puts(b, ", \"counts\": ");
		report_json_tally3(b, m, &e->depts[d]);
		buf_puts(b, "}");
	}
	buf_puts(b, "\n  ],\n  \"kpis\": [");
	for (size_t i = 0; i < m->nkpis; i++) {
		buf_puts(b, i ? ",\n    " : "\n    ");
		json_kpi(b, m, &m->kpis[i], &e->kpis[i]);
	}
	buf_printf(b, "\n  ],\n  \"overrides\": %zu", e->noverrides);
	json_scales(b, m);
	buf_puts(b, "\n}\n");
}

/*
 * diff_out.c - the renderers of `kpic diff` (see diff_out.h): terminal,
 * JSON, XML.  One walk of the sorted changes, by group (strategy, then goals
 * in merged order, grants, narrative), serves the three: each is a struct
 * emitter.
 */
#include "diff_out.h"
#include "jfmt.h"
#include "report.h"
#include "valtext.h"
#include "version.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------ shared */

/* The goal a merged index stands for: the after side's if it has one. */
static const struct goal *goal_of(const struct diff *d, size_t k)
{
	const struct diff_goal *g = &d->goals[k];
	return g->after >= 0 ? &d->after->model.goals[g->after] : &d->before->model.goals[g->before];
}

static const struct tally3 *tally_before(const struct diff *d, size_t k)
{
	return d->goals[k].before >= 0 ? &d->before->eval.goals[d->goals[k].before] : NULL;
}

static const struct tally3 *tally_after(const struct diff *d, size_t k)
{
	return d->goals[k].after >= 0 ? &d->after->eval.goals[d->goals[k].after] : NULL;
}

/* Also the counts per grade and state (which follow met for two grades). */
static int same_tally(const struct tally *a, const struct tally *b)
{
	return a->met == b->met && a->not_met == b->not_met && !memcmp(a->grade, b->grade, sizeof a->grade) &&
	       !memcmp(a->state, b->state, sizeof a->state);
}

static int counts_changed(const struct diff *d, size_t k)
{
	const struct tally3 *b = tally_before(d, k), *a = tally_after(d, k);
	if (b == NULL || a == NULL)
		return 1;
	return !same_tally(&b->all, &a->all) || !same_tally(&b->level[0], &a->level[0]) ||
	       !same_tally(&b->level[1], &a->level[1]);
}

static int has_side(const struct diff_val *v)
{
	return v->raw || v->text;
}

static const char *threshold_of(const struct unit *u)
{
	return u->model.threshold_text ? u->model.threshold_text : "?";
}

/* What met means: 達成率80%以上, or the achieved grades' labels. */
static void met_criterion(const struct unit *u, struct buf *b)
{
	if (u->model.threshold_ok) {
		buf_printf(b, "達成率%s%%以上", threshold_of(u));
		return;
	}
	struct buf unmet = BUF_INIT;
	valtext_met_labels(&u->model, b, &unmet);
	buf_free(&unmet);
}

/* A tally's count of the after side's grade g (by id) on either side. */
static int grade_count(const struct unit *u, const struct tally *t, const char *id)
{
	const struct model *m = &u->model;
	int i = m->primary >= 0 ? model_find_grade(&m->scales[m->primary], id) : -1;
	return i >= 0 && i < KPIC_MAX_GRADES ? t->grade[i] : 0;
}

static const char *area_name(enum diff_area a)
{
	static const char *const names[] = { "strategy", "goal", "grants", "document" };
	return names[a];
}

/* The after side's name of a level (基本目標, or the source's own). */
static const char *level_name(const struct diff *d, enum level_of l)
{
	return d->after->model.level_names[l];
}

/* The name after 各 for every KPI below a goal (各施策): the measure level's
 * short= or name, else 施策. */
static const char *measure_short(const struct diff *d)
{
	const struct model *m = &d->after->model;
	for (size_t i = 0; i < m->nlevels; i++)
		if (m->levels[i].of == LO_MEASURE)
			return m->levels[i].short_name ? m->levels[i].short_name : m->levels[i].name ? m->levels[i].name : "施策";
	return "施策";
}

/* A kind's label with the after side's level names (s holds it when it differs). */
static const char *kind_label(const struct diff *d, enum diff_kind k, char *s, size_t size)
{
	return diff_kind_label_in(&d->after->model, k, s, size);
}

/* ------------------------------------------------------------ the walk */

/* What every renderer writes to.  color: the terminal's only. */
struct out {
	const struct diff *d;
	int color;
	struct buf *b;
};

/* A renderer's part of the walk: begin and end of a group (goal: its merged
 * index, -1 outside DA_GOAL; either may be NULL) and each change with the
 * one before it in its group (NULL for the first).  The changes are the
 * diff's, borrowed for the call. */
struct emitter {
	void (*begin)(struct out *o, enum diff_area area, int goal);
	void (*change)(struct out *o, const struct diff_change *c, const struct diff_change *prev);
	void (*end)(struct out *o);
};

static int in_group(const struct diff_change *c, enum diff_area area, int goal)
{
	return c->area == area && (area != DA_GOAL || c->goal == goal);
}

/* The changes of one group from *i on; a goal's group also when only its
 * counts changed. */
static void walk_group(struct out *o, const struct emitter *e, size_t *i, enum diff_area area, int goal)
{
	const struct diff *d = o->d;
	size_t lo = *i, hi = lo;
	while (hi < d->nchanges && in_group(&d->changes[hi], area, goal))
		hi++;
	if (hi == lo && (area != DA_GOAL || !counts_changed(d, (size_t)goal)))
		return;
	if (e->begin)
		e->begin(o, area, goal);
	for (size_t k = lo; k < hi; k++)
		e->change(o, &d->changes[k], k > lo ? &d->changes[k - 1] : NULL);
	if (e->end)
		e->end(o);
	*i = hi;
}

/* The groups in the order of the sorted changes (see diff.h): strategy,
 * each goal in merged order, grants, narrative; every change once. */
static void walk(struct out *o, const struct emitter *e)
{
	size_t i = 0;
	walk_group(o, e, &i, DA_STRATEGY, -1);
	for (size_t k = 0; k < o->d->ngoals; k++)
		walk_group(o, e, &i, DA_GOAL, (int)k);
	walk_group(o, e, &i, DA_GRANTS, -1);
	walk_group(o, e, &i, DA_DOCUMENT, -1);
}

/* ------------------------------------------------------------ text */

#define RED "31"
#define GREEN "32"
#define BOLD "1"

/* Text from the sources, shown and never obeyed: a newline or an escape
 * sequence in a name cannot forge a line of the report or drive the
 * terminal (paint() is the one writer of escape sequences). */
static void put_text(struct out *t, const char *s)
{
	buf_put_visible(t->b, s, strlen(s), 0);
}

/* "[id] name" of a change's subject. */
static void put_id_name(struct out *t, const struct diff_change *c, int with_name)
{
	buf_putc(t->b, '[');
	put_text(t, c->id ? c->id : "");
	buf_puts(t->b, "] ");
	if (with_name)
		put_text(t, c->name ? c->name : "");
}

static void paint(struct out *t, const char *code, const char *s)
{
	if (t->color)
		buf_printf(t->b, "\033[%sm", code);
	put_text(t, s);
	if (t->color)
		buf_puts(t->b, "\033[0m");
}

static const char *side_str(const struct diff_val *v)
{
	if (v->text)
		return *v->text ? v->text : "（空欄）";
	return v->raw;
}

/* A year as the newer document writes years (its era policy). */
static void era(const struct diff *d, int year, char *s, size_t size)
{
	if (year == 0 || jfmt_fy(&d->after->model.era, year, JFMT_ERA_SHORT, s, size) < 0)
		*s = '\0';
}

/* Kinds that have one side only: something added or removed. */
static int one_sided(enum diff_kind k)
{
	switch (k) {
	case DK_DEPT_ADDED: case DK_DEPT_REMOVED: case DK_GOAL_ADDED: case DK_GOAL_REMOVED:
	case DK_POLICY_ADDED: case DK_POLICY_REMOVED: case DK_DIRECTION_ADDED: case DK_DIRECTION_REMOVED:
	case DK_MEASURE_ADDED: case DK_MEASURE_REMOVED: case DK_PROJECT_ADDED: case DK_PROJECT_REMOVED:
	case DK_KPI_ADDED: case DK_KPI_REMOVED:
	case DK_SERIES_ADDED: case DK_SERIES_REMOVED: case DK_REPOST_ADDED: case DK_REPOST_REMOVED:
	case DK_OVERRIDE_ADDED: case DK_OVERRIDE_REMOVED: case DK_GRANT_ADDED: case DK_GRANT_REMOVED:
	case DK_SECTION_ADDED: case DK_SECTION_REMOVED:
	case DK_VIEWPOINT_ADDED: case DK_VIEWPOINT_REMOVED: case DK_PRIORITY_ADDED: case DK_PRIORITY_REMOVED:
		return 1;
	default:
		return 0;
	}
}

/* "old → new", each side in its colour, each with its year if they differ;
 * a property that one side does not have is（なし）there. */
static void text_sides(struct out *t, const struct diff_change *c)
{
	static const struct diff_val none = { NULL, "（なし）", NULL, 0, NULL };
	int each = c->before.year && c->after.year && c->before.year != c->after.year;
	const struct diff_val *v[2] = { &c->before, &c->after };
	const char *code[2] = { RED, GREEN };
	int any = 0;
	for (int i = 0; i < 2; i++) {
		if (!has_side(v[i]) && !one_sided(c->kind))
			v[i] = &none;
		if (!has_side(v[i]))
			continue;
		if (any++)
			buf_puts(t->b, " → ");
		struct buf s = BUF_INIT;
		if (each) {
			char e[32];
			era(t->d, v[i]->year, e, sizeof e);
			buf_printf(&s, "%s ", e);
		}
		buf_puts(&s, side_str(v[i]));
		paint(t, code[i], buf_str(&s));
		buf_free(&s);
	}
}

/* "単位（サケ製品）H30: " — what the sides are about. */
static void text_what(struct out *t, const struct diff_change *c)
{
	struct buf w = BUF_INIT;
	if (c->field)
		buf_puts(&w, c->field_label ? c->field_label : diff_field_label(c->field));
	if (c->series)
		buf_printf(&w, "%s%s", w.len ? " " : "", c->series_label ? c->series_label : c->series);
	int year = c->before.year && c->after.year ? (c->before.year == c->after.year ? c->after.year : 0)
	         : c->before.year ? c->before.year : c->after.year;
	if (year) {
		char e[32];
		era(t->d, year, e, sizeof e);
		buf_printf(&w, "%s%s", w.len ? " " : "", e);
	}
	if (w.len) {
		put_text(t, buf_str(&w));
		buf_puts(t->b, ": ");
	}
	buf_free(&w);
}

static void text_path(struct out *t, const struct diff_change *c, size_t from)
{
	for (size_t i = from; i < c->npath; i++) {
		buf_puts(t->b, i > from ? " › " : "");
		put_text(t, c->path[i].title ? c->path[i].title : "");
	}
}

static void text_note(struct out *t, const struct diff_change *c)
{
	if (c->note) {
		buf_puts(t->b, "（");
		put_text(t, c->note);
		buf_puts(t->b, "）");
	}
}

/* ---- narrative blocks */

static const char *block_name(const char *kind)
{
	static const struct { const char *k, *name; } names[] = {
		{ "p", "段落" }, { "list", "箇条書き" }, { "note", "注記" }, { "table", "表" }, { "figure", "図" },
		{ "committee", "委員名簿" }, { "meetings", "開催状況" }, { "count-table", "件数表" },
		{ "viewpoints", "観点" }, { "priorities", "重点課題" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].k, kind))
			return names[i].name;
	return kind;
}

/* Offset of the start of the last n characters of s[0..len). */
static size_t last_chars(const char *s, size_t len, size_t n)
{
	size_t i = len;
	while (i > 0 && n > 0) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n--;
	}
	return i;
}

/* Length of the first n characters of s[0..len). */
static size_t first_chars(const char *s, size_t len, size_t n)
{
	size_t i = 0;
	while (i < len && n > 0) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n--;
	}
	return i;
}

#define CONTEXT_CHARS 12
#define MIDDLE_CHARS 50

/* s[0..len) cut to n characters, with … where cut; raw, for put_text() or
 * paint() to show. */
static void put_clipped(struct buf *b, const char *s, size_t len, size_t n)
{
	size_t k = first_chars(s, len, n);
	buf_put(b, s, k);
	if (k < len)
		buf_puts(b, "…");
}

/* …context[-old-]{+new+}context…, like git's --word-diff. */
static void text_excerpt(struct out *t, const struct diff_block *k)
{
	size_t lb = strlen(k->before), la = strlen(k->after);
	size_t from = last_chars(k->before, k->prefix, CONTEXT_CHARS);
	struct buf s = BUF_INIT;
	buf_puts(t->b, from > 0 ? "…" : "");
	buf_put_visible(t->b, k->before + from, k->prefix - from, 0);
	if (lb - k->suffix > k->prefix) {
		buf_puts(&s, "[-");
		put_clipped(&s, k->before + k->prefix, lb - k->suffix - k->prefix, MIDDLE_CHARS);
		buf_puts(&s, "-]");
		paint(t, RED, buf_str(&s));
		buf_reset(&s);
	}
	if (la - k->suffix > k->prefix) {
		buf_puts(&s, "{+");
		put_clipped(&s, k->after + k->prefix, la - k->suffix - k->prefix, MIDDLE_CHARS);
		buf_puts(&s, "+}");
		paint(t, GREEN, buf_str(&s));
	}
	buf_reset(&s);
	put_clipped(&s, k->before + lb - k->suffix, k->suffix, CONTEXT_CHARS);
	put_text(t, buf_str(&s));
	buf_free(&s);
}

static void text_blocks(struct out *t, const struct diff_change *c)
{
	static const char *const ops[] = { "変更", "追加", "削除" };
	for (size_t i = 0; i < c->nblocks; i++) {
		const struct diff_block *k = &c->blocks[i];
		buf_printf(t->b, "    %s %s %d: ", ops[k->op], block_name(k->kind),
		           k->op == DB_REMOVED ? k->pos_before : k->pos_after);
		if (k->op == DB_CHANGED) {
			text_excerpt(t, k);
		} else {
			struct buf s = BUF_INIT;
			const char *x = k->op == DB_ADDED ? k->after : k->before;
			put_clipped(&s, x, strlen(x), MIDDLE_CHARS + 2 * CONTEXT_CHARS);
			paint(t, k->op == DB_ADDED ? GREEN : RED, buf_str(&s));
			buf_free(&s);
		}
		buf_putc(t->b, '\n');
	}
}

static void text_section(struct out *t, const struct diff_change *c)
{
	static const char *const ops[] = { "変更", "追加", "削除" };
	size_t n[3] = { 0, 0, 0 };
	for (size_t i = 0; i < c->nblocks; i++)
		n[c->blocks[i].op]++;
	const char *sep = "  段落 ";
	for (int op = 0; op < 3; op++) {
		if (!n[op])
			continue;
		buf_printf(t->b, "%s%zu件%s", sep, n[op], ops[op]);
		sep = "、";
	}
	if (c->field) {
		buf_puts(t->b, "\n    見出し: ");
		text_sides(t, c);
	}
}

/* ---- one change */

static void text_body(struct out *t, const struct diff_change *c)
{
	switch (c->subject) {
	case DS_STRATEGY:
	case DS_GOAL:
		text_what(t, c);
		text_sides(t, c);
		break;
	case DS_DEPARTMENT:
	case DS_HEADING:
		put_id_name(t, c, 0);
		text_sides(t, c);
		if (c->subject == DS_HEADING && c->npath > 1 &&
		    (c->kind - DK_POLICY_ADDED) % 4 < 2) {   /* added or removed: where */
			buf_puts(t->b, "（");
			text_path(t, c, 1);
			buf_puts(t->b, "）");
		}
		break;
	case DS_KPI:
		if (c->kind == DK_KPI_ADDED || c->kind == DK_KPI_REMOVED)
			break;   /* the KPI's header says it all */
		if (c->kind != DK_SERIES_ADDED && c->kind != DK_SERIES_REMOVED)
			text_what(t, c);   /* (a series' name is the side itself) */
		text_sides(t, c);
		break;
	case DS_REPOST:
		put_id_name(t, c, 1);
		buf_puts(t->b, "（");
		text_path(t, c, 1);
		buf_puts(t->b, "）");
		break;
	case DS_PROGRAM:
		put_id_name(t, c, 0);
		text_what(t, c);
		text_sides(t, c);
		break;
	case DS_GRANT:
		put_id_name(t, c, 1);
		if (c->field) {
			buf_puts(t->b, "  ");
			text_what(t, c);
			text_sides(t, c);
		}
		break;
	case DS_SECTION:
		put_id_name(t, c, 1);
		if (c->kind == DK_SECTION_CHANGED) {
			text_section(t, c);
		} else if (c->kind == DK_SECTION_REORDERED) {
			buf_puts(t->b, "  ");
			text_sides(t, c);
		}
		break;
	}
	text_note(t, c);
}

/* "  [g1-haccp] HACCP認定施設保有企業数（産業振興策の構築 › …）" */
static void text_kpi_header(struct out *t, const struct diff_change *c)
{
	buf_puts(t->b, "  ");
	put_id_name(t, c, 1);
	buf_puts(t->b, "（");
	if (c->npath > 1)
		text_path(t, c, 1);
	else
		buf_printf(t->b, "%sに係るKPI", level_name(t->d, LO_GOAL));
	buf_puts(t->b, "）");
	if (c->kind == DK_KPI_ADDED || c->kind == DK_KPI_REMOVED)
		buf_printf(t->b, "  %s", diff_kind_label(c->kind));
	buf_putc(t->b, '\n');
}

static int same_kpi(const struct diff_change *a, const struct diff_change *b)
{
	return a->subject == DS_KPI && b->subject == DS_KPI && a->order[2] == b->order[2] &&
	       a->id && b->id && !strcmp(a->id, b->id);
}

static void text_change(struct out *t, const struct diff_change *c, const struct diff_change *prev)
{
	if (c->subject == DS_KPI) {
		if (prev == NULL || !same_kpi(prev, c))
			text_kpi_header(t, c);
		if (c->kind == DK_KPI_ADDED || c->kind == DK_KPI_REMOVED)
			return;
	}
	char label[128];
	buf_printf(t->b, "%s%s", c->subject == DS_KPI ? "    " : "  ", kind_label(t->d, c->kind, label, sizeof label));
	struct buf body = BUF_INIT, *line = t->b;
	t->b = &body;
	text_body(t, c);
	t->b = line;
	if (body.len)
		buf_printf(t->b, "  %s", buf_str(&body));
	buf_free(&body);
	buf_putc(t->b, '\n');
	if (c->kind == DK_SECTION_CHANGED)
		text_blocks(t, c);
}

/* "全KPI 10/8 → 9/9" */
static void text_tally(struct out *t, const char *what, const struct tally *b, const struct tally *a)
{
	buf_printf(t->b, "%s ", what);
	if (b)
		buf_printf(t->b, "%d/%d", b->met, b->not_met);
	else
		buf_puts(t->b, "—");
	if (b == NULL || a == NULL || b->met != a->met || b->not_met != a->not_met) {
		buf_puts(t->b, " → ");
		if (a)
			buf_printf(t->b, "%d/%d", a->met, a->not_met);
		else
			buf_puts(t->b, "—");
	}
}

/* 「◎ 1、○ 2 → 1、△ 0 → 1、× 0」 when a count per grade changed (scales of
 * more than two grades only: two grades are met / not met already). */
static void text_grade_counts(struct out *t, const struct tally *b, const struct tally *a)
{
	const struct model *m = &t->d->after->model;
	if (m->primary < 0 || m->scales[m->primary].ngrades <= 2 || b == NULL || a == NULL)
		return;
	const struct scale *sc = &m->scales[m->primary];
	int changed = 0;
	for (size_t g = 0; g < sc->ngrades; g++)
		changed |= grade_count(t->d->before, b, sc->grades[g].id) != grade_count(t->d->after, a, sc->grades[g].id);
	if (!changed)
		return;
	buf_puts(t->b, "  評価別  ");
	for (size_t g = 0; g < sc->ngrades; g++) {
		int nb = grade_count(t->d->before, b, sc->grades[g].id), na = grade_count(t->d->after, a, sc->grades[g].id);
		buf_printf(t->b, "%s%s %d", g ? "、" : "", sc->grades[g].symbol ? sc->grades[g].symbol : "", nb);
		if (nb != na)
			buf_printf(t->b, " → %d", na);
	}
	buf_putc(t->b, '\n');
}

static void text_goal_counts(struct out *t, size_t k)
{
	/* A draft judges nothing yet: its side reads — (JSON and XML keep the counts). */
	const struct tally3 *b = tally_before(t->d, k),
	                    *a = t->d->after->model.draft ? NULL : tally_after(t->d, k);
	if (t->d->after->model.threshold_ok) {
		buf_printf(t->b, "  達成率%s%%以上/未満  ", threshold_of(t->d->after));
	} else {
		struct buf met = BUF_INIT, unmet = BUF_INIT;
		valtext_met_labels(&t->d->after->model, &met, &unmet);
		buf_printf(t->b, "  %s/%s  ", buf_str(&met), buf_str(&unmet));
		buf_free(&met);
		buf_free(&unmet);
	}
	text_tally(t, "全KPI", b ? &b->all : NULL, a ? &a->all : NULL);
	buf_puts(t->b, "、");
	text_tally(t, level_name(t->d, LO_GOAL), b ? &b->level[LEVEL_GOAL] : NULL, a ? &a->level[LEVEL_GOAL] : NULL);
	buf_puts(t->b, "、");
	char each[128];
	snprintf(each, sizeof each, "各%s", measure_short(t->d));
	text_tally(t, each, b ? &b->level[LEVEL_MEASURE] : NULL, a ? &a->level[LEVEL_MEASURE] : NULL);
	buf_putc(t->b, '\n');
	text_grade_counts(t, b ? &b->all : NULL, a ? &a->all : NULL);
}

static void text_group_header(struct out *t, const char *title)
{
	buf_putc(t->b, '\n');
	paint(t, BOLD, title);
	buf_putc(t->b, '\n');
}

static void text_group(struct out *t, enum diff_area area, int goal)
{
	static const char *const titles[] = { "全体", NULL, "交付金事業", "本文" };
	if (area != DA_GOAL) {
		text_group_header(t, titles[area]);
		return;
	}
	const struct goal *g = goal_of(t->d, (size_t)goal);
	const struct diff_goal *dg = &t->d->goals[goal];
	struct buf h = BUF_INIT;
	buf_printf(&h, "%s%d %s%s", level_name(t->d, LO_GOAL), g->number, g->title ? g->title : "",
	           dg->before < 0 ? "（追加）" : dg->after < 0 ? "（削除）" : "");
	text_group_header(t, buf_str(&h));
	buf_free(&h);
	if (counts_changed(t->d, (size_t)goal))
		text_goal_counts(t, (size_t)goal);
}

static void text_summary(struct out *t)
{
	const struct diff *d = t->d;
	buf_puts(t->b, "--- ");
	put_text(t, d->before->src.src.path);
	buf_puts(t->b, "\n+++ ");
	put_text(t, d->after->src.src.path);
	buf_printf(t->b, "\n\n変更 %zu件\n", d->nchanges);
	for (int k = 0; k < DK__COUNT; k++) {
		if (!d->count[k])
			continue;
		char n[32];
		snprintf(n, sizeof n, "%zu", d->count[k]);
		buf_puts(t->b, "  ");
		char label[128];
		buf_pad(t->b, kind_label(d, (enum diff_kind)k, label, sizeof label), 26, 0);
		buf_pad(t->b, n, 5, 1);
		buf_printf(t->b, "  %s\n", diff_kind_name((enum diff_kind)k));
	}
	const struct tally *b = &d->before->eval.total.all, *a = &d->after->eval.total.all;
	buf_printf(t->b, "KPI %d件", b->met + b->not_met);
	if (b->met + b->not_met != a->met + a->not_met)
		buf_printf(t->b, " → %d件", a->met + a->not_met);
	if (model_rate_only(&d->before->model) && model_rate_only(&d->after->model)) {
		buf_putc(t->b, '\n');     /* nothing judged, nothing counted as met */
		return;
	}
	struct buf crit = BUF_INIT;
	met_criterion(d->after, &crit);
	buf_printf(t->b, "、%s %d件", buf_str(&crit), b->met);
	buf_free(&crit);
	if (d->after->model.draft && !d->before->model.draft)
		buf_puts(t->b, " → —（素案：実績値なし）");
	else if (b->met != a->met)
		buf_printf(t->b, " → %d件", a->met);
	buf_putc(t->b, '\n');
	if (!d->after->model.draft)
		text_grade_counts(t, b, a);
}

void diff_text(const struct diff *d, int color, struct buf *out)
{
	static const struct emitter text = { text_group, text_change, NULL };
	struct out t = { d, color, out };
	if (d->nchanges == 0)
		return;
	text_summary(&t);
	walk(&t, &text);
}

/* ------------------------------------------------------------ JSON */

static void json_key_str(struct buf *b, const char *key, const char *v)
{
	if (v == NULL)
		return;
	buf_printf(b, ", \"%s\": ", key);
	buf_json_str(b, v);
}

/* A side's counts as kpic eval --format=json writes them: met, not met,
 * total, per grade of that side's primary scale and per state; null when
 * the goal is not on that side. */
static void json_tally3(struct buf *b, const struct unit *u, const struct tally3 *t)
{
	if (t == NULL)
		buf_puts(b, "null");
	else
		report_json_tally3(b, &u->model, t);
}

static void json_val(const struct diff *d, struct buf *b, const char *key, const struct diff_val *v)
{
	if (!has_side(v) && !v->status)
		return;
	buf_printf(b, ", \"%s\": {", key);
	const char *sep = "";
	if (v->raw) {
		buf_puts(b, "\"raw\": ");
		buf_json_str(b, v->raw);
		sep = ", ";
	}
	if (v->text) {
		buf_printf(b, "%s\"text\": ", sep);
		buf_json_str(b, v->text);
		sep = ", ";
	}
	if (v->status) {
		buf_printf(b, "%s\"status\": \"%s\"", sep, v->status);
		sep = ", ";
	}
	if (v->grade) {
		buf_printf(b, "%s\"grade\": ", sep);
		buf_json_str(b, v->grade);
		sep = ", ";
	}
	if (v->year) {
		char e[32];
		era(d, v->year, e, sizeof e);
		buf_printf(b, "%s\"year\": %d, \"era\": ", sep, v->year);
		buf_json_str(b, e);
	}
	buf_putc(b, '}');
}

static void json_path(struct buf *b, const struct diff_change *c)
{
	buf_puts(b, ", \"path\": [");
	for (size_t i = 0; i < c->npath; i++) {
		buf_printf(b, "%s{\"kind\": \"%s\"", i ? ", " : "", c->path[i].kind);
		json_key_str(b, "id", c->path[i].id);
		json_key_str(b, "title", c->path[i].title);
		if (c->path[i].number)
			buf_printf(b, ", \"number\": %d", c->path[i].number);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void json_blocks(struct buf *b, const struct diff_change *c)
{
	static const char *const ops[] = { "changed", "added", "removed" };
	if (c->kind != DK_SECTION_CHANGED)
		return;
	buf_puts(b, ", \"blocks\": [");
	for (size_t i = 0; i < c->nblocks; i++) {
		const struct diff_block *k = &c->blocks[i];
		buf_printf(b, "%s{\"op\": \"%s\", \"kind\": \"%s\"", i ? ", " : "", ops[k->op], k->kind);
		if (k->pos_before)
			buf_printf(b, ", \"before_position\": %d", k->pos_before);
		if (k->pos_after)
			buf_printf(b, ", \"after_position\": %d", k->pos_after);
		json_key_str(b, "before", k->before);
		json_key_str(b, "after", k->after);
		if (k->op == DB_CHANGED)
			buf_printf(b, ", \"prefix\": %zu, \"suffix\": %zu", k->prefix, k->suffix);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void json_change(struct out *o, const struct diff_change *c, const struct diff_change *prev)
{
	const struct diff *d = o->d;
	struct buf *b = o->b;
	(void)prev;
	buf_puts(b, c == d->changes ? "\n    " : ",\n    ");
	buf_printf(b, "{\"kind\": \"%s\", \"area\": \"%s\"", diff_kind_name(c->kind), area_name(c->area));
	if (c->area == DA_GOAL)
		json_key_str(b, "goal", goal_of(d, (size_t)c->goal)->id);
	buf_printf(b, ", \"subject\": \"%s\"", diff_subject_name(c->subject));
	json_key_str(b, "id", c->id);
	json_key_str(b, "previous_id", c->prev_id);
	json_key_str(b, "name", c->name);
	if (c->number)
		buf_printf(b, ", \"number\": %d", c->number);
	if (c->npath)
		json_path(b, c);
	json_key_str(b, "field", c->field);
	json_key_str(b, "series", c->series);
	json_key_str(b, "series_label", c->series_label);
	json_val(d, b, "before", &c->before);
	json_val(d, b, "after", &c->after);
	json_key_str(b, "note", c->note);
	json_blocks(b, c);
	buf_putc(b, '}');
}

/* "scale": the primary scale's id, name and grades in order; "states". */
static void json_scale(struct buf *b, const struct model *m)
{
	if (m->primary >= 0) {
		const struct scale *sc = &m->scales[m->primary];
		buf_puts(b, ", \"scale\": {\"id\": ");
		buf_json_str(b, sc->id ? sc->id : "");
		json_key_str(b, "name", sc->name);
		buf_puts(b, ", \"grades\": ");
		report_json_grades(b, sc);
		buf_putc(b, '}');
	}
	buf_puts(b, ", \"states\": ");
	report_json_states(b, m);
}

static void json_source(struct buf *b, const char *key, const struct unit *u)
{
	buf_printf(b, "  \"%s\": {\"path\": ", key);
	buf_json_str(b, u->src.src.path);
	json_key_str(b, "title", u->model.title);
	json_key_str(b, "as_of", u->model.as_of);
	json_key_str(b, "threshold", u->model.threshold_text);
	json_scale(b, &u->model);
	buf_puts(b, "},\n");
}

void diff_json(const struct diff *d, struct buf *b)
{
	buf_puts(b, "{\n");
	json_source(b, "before", d->before);
	json_source(b, "after", d->after);
	buf_printf(b, "  \"total\": %zu,\n  \"kinds\": {", d->nchanges);
	const char *sep = "";
	for (int k = 0; k < DK__COUNT; k++) {
		if (!d->count[k])
			continue;
		buf_printf(b, "%s\"%s\": %zu", sep, diff_kind_name((enum diff_kind)k), d->count[k]);
		sep = ", ";
	}
	buf_puts(b, "},\n  \"totals\": {\"before\": ");
	json_tally3(b, d->before, &d->before->eval.total);
	buf_puts(b, ", \"after\": ");
	json_tally3(b, d->after, &d->after->eval.total);
	buf_puts(b, "},\n  \"goals\": [");
	for (size_t k = 0; k < d->ngoals; k++) {
		const struct goal *g = goal_of(d, k);
		buf_puts(b, k ? ",\n    {\"id\": " : "\n    {\"id\": ");
		buf_json_str(b, g->id ? g->id : "");
		buf_printf(b, ", \"number\": %d", g->number);
		json_key_str(b, "title", g->title);
		buf_printf(b, ", \"counts_changed\": %s, \"before\": ", counts_changed(d, k) ? "true" : "false");
		json_tally3(b, d->before, tally_before(d, k));
		buf_puts(b, ", \"after\": ");
		json_tally3(b, d->after, tally_after(d, k));
		buf_putc(b, '}');
	}
	buf_puts(b, d->ngoals ? "\n  ],\n  \"changes\": [" : "],\n  \"changes\": [");
	static const struct emitter json = { NULL, json_change, NULL };
	walk(&(struct out){ d, 0, b }, &json);
	buf_puts(b, d->nchanges ? "\n  ]\n}\n" : "]\n}\n");
}

/* ------------------------------------------------------------ XML */

/* Text for an attribute value or element content: every character that
 * could change meaning is a reference, line ends included. */
static void xml_esc(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\n': buf_puts(b, "&#10;"); break;
		case '\r': buf_puts(b, "&#13;"); break;
		case '\t': buf_puts(b, "&#9;"); break;
		default: buf_putc(b, s[i]);
		}
	}
}

static void xattr(struct buf *b, const char *name, const char *v)
{
	if (v == NULL)
		return;
	buf_printf(b, " %s=\"", name);
	xml_esc(b, v, strlen(v));
	buf_putc(b, '"');
}

static void xattr_int(struct buf *b, const char *name, long v)
{
	buf_printf(b, " %s=\"%ld\"", name, v);
}

/* <grade ref="a" all="3" goal="0" measure="3"/>, one per grade of the
 * side's primary scale, then one <state> per declared state. */
static void xml_grade_counts(struct buf *b, const struct model *m, const struct tally3 *t, const char *indent)
{
	const struct scale *sc = m->primary >= 0 ? &m->scales[m->primary] : NULL;
	for (size_t g = 0; sc && g < sc->ngrades && g < KPIC_MAX_GRADES; g++) {
		buf_printf(b, "%s  <grade", indent);
		xattr(b, "ref", sc->grades[g].id);
		xattr_int(b, "all", t->all.grade[g]);
		xattr_int(b, "goal", t->level[LEVEL_GOAL].grade[g]);
		xattr_int(b, "measure", t->level[LEVEL_MEASURE].grade[g]);
		buf_puts(b, "/>\n");
	}
	for (size_t i = 0; i < m->nstates && i < KPIC_MAX_STATES; i++) {
		buf_printf(b, "%s  <state", indent);
		xattr(b, "ref", m->states[i].id);
		xattr_int(b, "all", t->all.state[i]);
		xattr_int(b, "goal", t->level[LEVEL_GOAL].state[i]);
		xattr_int(b, "measure", t->level[LEVEL_MEASURE].state[i]);
		buf_puts(b, "/>\n");
	}
}

static void xml_tally3(struct buf *b, const char *name, const struct unit *u, const struct tally3 *t,
                       const char *indent)
{
	if (t == NULL)
		return;
	buf_printf(b, "%s<%s", indent, name);
	xattr_int(b, "all-met", t->all.met);
	xattr_int(b, "all-not-met", t->all.not_met);
	xattr_int(b, "goal-met", t->level[LEVEL_GOAL].met);
	xattr_int(b, "goal-not-met", t->level[LEVEL_GOAL].not_met);
	xattr_int(b, "measure-met", t->level[LEVEL_MEASURE].met);
	xattr_int(b, "measure-not-met", t->level[LEVEL_MEASURE].not_met);
	buf_puts(b, ">\n");
	xml_grade_counts(b, &u->model, t, indent);
	buf_printf(b, "%s</%s>\n", indent, name);
}

static void xml_val(const struct diff *d, struct buf *b, const char *name, const struct diff_val *v)
{
	if (!has_side(v) && !v->status)
		return;
	buf_printf(b, "      <%s", name);
	xattr(b, "raw", v->raw);
	xattr(b, "text", v->text);
	xattr(b, "status", v->status);
	xattr(b, "grade", v->grade);
	if (v->year) {
		char e[32];
		era(d, v->year, e, sizeof e);
		xattr_int(b, "year", v->year);
		xattr(b, "era", e);
	}
	buf_puts(b, "/>\n");
}

static void xml_path(struct buf *b, const struct diff_change *c)
{
	if (c->npath == 0)
		return;
	buf_puts(b, "      <path>\n");
	for (size_t i = 0; i < c->npath; i++) {
		buf_puts(b, "        <step");
		xattr(b, "kind", c->path[i].kind);
		xattr(b, "id", c->path[i].id);
		xattr(b, "title", c->path[i].title);
		if (c->path[i].number)
			xattr_int(b, "number", c->path[i].number);
		buf_puts(b, "/>\n");
	}
	buf_puts(b, "      </path>\n");
}

/* <same>prefix</same><del|ins>middle</…><same>suffix</same> */
static void xml_marked(struct buf *b, const char *side, const char *mark, const char *s, const struct diff_block *k)
{
	size_t len = strlen(s), mid = len - k->suffix;
	buf_printf(b, "        <%s>", side);
	if (k->op != DB_CHANGED) {
		xml_esc(b, s, len);
	} else {
		if (k->prefix) {
			buf_puts(b, "<same>");
			xml_esc(b, s, k->prefix);
			buf_puts(b, "</same>");
		}
		if (mid > k->prefix) {
			buf_printf(b, "<%s>", mark);
			xml_esc(b, s + k->prefix, mid - k->prefix);
			buf_printf(b, "</%s>", mark);
		}
		if (k->suffix) {
			buf_puts(b, "<same>");
			xml_esc(b, s + mid, k->suffix);
			buf_puts(b, "</same>");
		}
	}
	buf_printf(b, "</%s>\n", side);
}

static void xml_blocks(struct buf *b, const struct diff_change *c)
{
	static const char *const ops[] = { "changed", "added", "removed" };
	for (size_t i = 0; i < c->nblocks; i++) {
		const struct diff_block *k = &c->blocks[i];
		buf_printf(b, "      <block op=\"%s\"", ops[k->op]);
		xattr(b, "kind", k->kind);
		if (k->pos_before)
			xattr_int(b, "before-position", k->pos_before);
		if (k->pos_after)
			xattr_int(b, "after-position", k->pos_after);
		buf_puts(b, ">\n");
		if (k->before)
			xml_marked(b, "before", "del", k->before, k);
		if (k->after)
			xml_marked(b, "after", "ins", k->after, k);
		buf_puts(b, "      </block>\n");
	}
}

static void xml_change(struct out *o, const struct diff_change *c, const struct diff_change *prev)
{
	struct buf *b = o->b;
	(void)prev;
	buf_puts(b, "    <change");
	xattr(b, "kind", diff_kind_name(c->kind));
	char label[128];
	xattr(b, "label", kind_label(o->d, c->kind, label, sizeof label));
	xattr(b, "subject", diff_subject_name(c->subject));
	xattr(b, "id", c->id);
	xattr(b, "previous-id", c->prev_id);
	xattr(b, "name", c->name);
	if (c->number)
		xattr_int(b, "number", c->number);
	if (c->field) {
		xattr(b, "field", c->field);
		xattr(b, "field-label", c->field_label ? c->field_label : diff_field_label(c->field));
	}
	xattr(b, "series", c->series);
	xattr(b, "series-label", c->series_label);
	buf_puts(b, ">\n");
	xml_path(b, c);
	xml_val(o->d, b, "before", &c->before);
	xml_val(o->d, b, "after", &c->after);
	if (c->note) {
		buf_puts(b, "      <note>");
		xml_esc(b, c->note, strlen(c->note));
		buf_puts(b, "</note>\n");
	}
	xml_blocks(b, c);
	buf_puts(b, "    </change>\n");
}

static void xml_source(struct buf *b, const char *side, const struct unit *u)
{
	buf_puts(b, "  <source");
	xattr(b, "side", side);
	xattr(b, "path", u->src.src.path);
	xattr(b, "title", u->model.title);
	xattr(b, "as-of", u->model.as_of);
	xattr(b, "threshold", u->model.threshold_text);
	if (u->model.nlevels == 0) {
		buf_puts(b, "/>\n");
		return;
	}
	buf_puts(b, ">\n");
	for (size_t i = 0; i < u->model.nlevels; i++) {
		const struct level_decl *l = &u->model.levels[i];
		buf_puts(b, "    <level");
		xattr(b, "of", model_level_of_name(l->of));
		xattr(b, "name", l->name);
		xattr(b, "short", l->short_name);
		buf_puts(b, "/>\n");
	}
	buf_puts(b, "  </source>\n");
}

/* The after side's primary scale and states, in order: what the count
 * columns are (the before side's counts are looked up by the same ids). */
static void xml_scale(struct buf *b, const struct model *m)
{
	if (m->primary >= 0) {
		const struct scale *sc = &m->scales[m->primary];
		buf_puts(b, "    <scale");
		xattr(b, "id", sc->id);
		xattr(b, "name", sc->name);
		buf_puts(b, ">\n");
		for (size_t g = 0; g < sc->ngrades; g++) {
			buf_puts(b, "      <grade");
			xattr(b, "id", sc->grades[g].id);
			xattr(b, "symbol", sc->grades[g].symbol);
			xattr(b, "label", sc->grades[g].label);
			xattr(b, "achieved", sc->grades[g].achieved ? "yes" : "no");
			buf_puts(b, "/>\n");
		}
		buf_puts(b, "    </scale>\n");
	}
	for (size_t i = 0; i < m->nstates; i++) {
		buf_puts(b, "    <state");
		xattr(b, "id", m->states[i].id);
		xattr(b, "symbol", m->states[i].symbol);
		xattr(b, "label", m->states[i].label);
		xattr(b, "counted", m->states[i].counted ? "yes" : "no");
		buf_puts(b, "/>\n");
	}
}

static void xml_counts(const struct diff *d, struct buf *b)
{
	struct buf crit = BUF_INIT;
	met_criterion(d->after, &crit);
	buf_puts(b, "  <counts");
	xattr(b, "threshold-before", d->before->model.threshold_text);
	xattr(b, "threshold-after", d->after->model.threshold_text);
	xattr(b, "criterion-after", buf_str(&crit));
	buf_free(&crit);
	buf_puts(b, ">\n");
	xml_scale(b, &d->after->model);
	buf_puts(b, "    <total>\n");
	xml_tally3(b, "before", d->before, &d->before->eval.total, "      ");
	xml_tally3(b, "after", d->after, &d->after->eval.total, "      ");
	buf_puts(b, "    </total>\n");
	for (size_t k = 0; k < d->ngoals; k++) {
		const struct goal *g = goal_of(d, k);
		buf_puts(b, "    <goal");
		xattr(b, "id", g->id);
		xattr_int(b, "number", g->number);
		xattr(b, "title", g->title);
		xattr(b, "changed", counts_changed(d, k) ? "yes" : "no");
		buf_puts(b, ">\n");
		xml_tally3(b, "before", d->before, tally_before(d, k), "      ");
		xml_tally3(b, "after", d->after, tally_after(d, k), "      ");
		buf_puts(b, "    </goal>\n");
	}
	buf_puts(b, "  </counts>\n");
}

static void xml_group(struct out *o, enum diff_area area, int goal)
{
	buf_puts(o->b, "  <group");
	xattr(o->b, "area", area_name(area));
	if (goal >= 0) {
		const struct goal *g = goal_of(o->d, (size_t)goal);
		xattr(o->b, "goal", g->id);
		xattr_int(o->b, "number", g->number);
		xattr(o->b, "title", g->title);
	}
	buf_puts(o->b, ">\n");
}

static void xml_group_end(struct out *o)
{
	buf_puts(o->b, "  </group>\n");
}

void diff_xml(const struct diff *d, struct buf *b)
{
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<diff xmlns=\"%s\" generator=\"kpic %s\" changes=\"%zu\">\n",
	           KPIC_DIFF_NS, KPIC_VERSION, d->nchanges);
	xml_source(b, "before", d->before);
	xml_source(b, "after", d->after);
	buf_puts(b, "  <summary>\n");
	for (int k = 0; k < DK__COUNT; k++) {
		if (!d->count[k])
			continue;
		buf_puts(b, "    <kind");
		xattr(b, "name", diff_kind_name((enum diff_kind)k));
		char label[128];
		xattr(b, "label", kind_label(d, (enum diff_kind)k, label, sizeof label));
		xattr_int(b, "count", (long)d->count[k]);
		buf_puts(b, "/>\n");
	}
	buf_puts(b, "  </summary>\n");
	xml_counts(d, b);
	static const struct emitter xml = { xml_group, xml_change, xml_group_end };
	walk(&(struct out){ d, 0, b }, &xml);
	buf_puts(b, "</diff>\n");
}

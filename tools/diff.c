/*
 * diff.c - comparing two strategies (see diff.h): the change list and its
 * order, and the passes over meta, 担当課, goals and headings.  KPIs are
 * compared in diff_kpi.c, grants and the narrative in diff_doc.c.
 *
 * Each pass matches one kind of element by id through the models' hash
 * indexes and emits a change for what differs.  Changes carry a sort key
 * (area and goal, category, merged document position) so that the passes
 * can run in any order and the output still reads goal by goal.
 */
#include "diff_impl.h"
#include "arena.h"
#include "jfmt.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ tables */

static const char *const kind_names[] = {
#define X(id, name, label) name,
	DIFF_KINDS(X)
#undef X
};

static const char *const kind_labels[] = {
#define X(id, name, label) label,
	DIFF_KINDS(X)
#undef X
};

const char *diff_kind_name(enum diff_kind k) { return kind_names[k]; }
const char *diff_kind_label(enum diff_kind k) { return kind_labels[k]; }

/* A heading kind's label with the model's name of its level (政策パッケージの追加
 * where the source calls its goals so); any other kind's as it is. */
const char *diff_kind_label_in(const struct model *m, enum diff_kind k, char *s, size_t size)
{
	static const char *const dflt[LO_COUNT] = { "基本目標の", "基本方針の", "基本的な方向性の", "具体的な施策の", "事業の" };
	const char *l = kind_labels[k];
	for (int i = 0; m && i < LO_COUNT && dflt[i]; i++) {
		size_t n = strlen(dflt[i]);
		if (!strncmp(l, dflt[i], n)) {
			snprintf(s, size, "%s%s", m->level_names[i], l + n - strlen("の"));
			return s;
		}
	}
	return l;
}

const char *diff_subject_name(enum diff_subject s)
{
	static const char *const names[] = { "strategy", "department", "goal", "heading", "kpi",
	                                     "repost", "program", "grant", "section" };
	return names[s];
}

/* Properties that one kind of change covers several of. */
static const struct { const char *name, *label; } fields[] = {
	{ "municipality", "自治体名" }, { "title", "名称" }, { "edition", "期" },
	{ "period", "期間" }, { "as-of", "時点" }, { "threshold", "達成の基準" },
	{ "combine", "系列の扱い" }, { "provisional", "未確定値の扱い" },
	{ "document-title", "検証書の題" }, { "vision", "人口ビジョン" }, { "status", "状態" },
	{ "direction", "方向" }, { "rate-base", "達成率の基準値" }, { "unit", "単位" },
	{ "notation", "表記" }, { "note", "注記" }, { "series-label", "系列名" },
	{ "number", "番号" }, { "name", "事業名" }, { "activity", "事業内容" },
	{ "expenditure", "決算額" }, { "subsidy", "交付金額" }, { "serves", "総合戦略との関連" },
	{ "program", "交付金" }, { "reference", "参照する系列" }, { "levels", "階層の名称" },
	{ "tags", "タグ" },
};

const char *diff_field_label(const char *field)
{
	for (size_t i = 0; field && i < sizeof fields / sizeof fields[0]; i++)
		if (!strcmp(fields[i].name, field))
			return fields[i].label;
	return field;
}

/* ------------------------------------------------------------ pool */

void *diff_alloc(struct diff *d, size_t n)
{
	return arena_alloc(&d->pool, n);
}

const char *diff_str(struct diff *d, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(&d->pool, s, strlen(s));
}

const char *diff_printf(struct diff *d, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	const char *s = diff_str(d, buf_str(&b));
	buf_free(&b);
	return s;
}

/* ------------------------------------------------------------ changes */

struct diff_change *diff_emit(struct diff *d, enum diff_kind k, enum diff_subject s)
{
	/* capacity implicit: doubles at powers of two */
	if ((d->nchanges & (d->nchanges - 1)) == 0)
		d->changes = xrealloc(d->changes, (d->nchanges ? 2 * d->nchanges : 1) * sizeof *d->changes);
	struct diff_change *c = &d->changes[d->nchanges];
	memset(c, 0, sizeof *c);
	c->kind = k;
	c->subject = s;
	c->seq = d->nchanges++;
	d->count[k]++;
	return c;
}

void diff_set(struct diff *d, struct diff_change *c, const char *before, const char *after)
{
	c->before.raw = c->before.text = diff_str(d, before);
	c->after.raw = c->after.text = diff_str(d, after);
}

static int cmp_change(const void *pa, const void *pb)
{
	const struct diff_change *a = pa, *b = pb;
	for (int i = 0; i < 3; i++)
		if (a->order[i] != b->order[i])
			return a->order[i] < b->order[i] ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* ------------------------------------------------------------ tree */

int diff_is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, KPIC_NS) &&
	       (name == NULL || !strcmp((const char *)n->name, name));
}

xmlNode *diff_child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (diff_is_el(c, name))
			return c;
	return NULL;
}

const char *diff_attr(struct diff *d, const xmlNode *n, const char *name)
{
	xmlChar *v = n ? xmlGetNoNsProp(n, (const xmlChar *)name) : NULL;
	const char *s = diff_str(d, (const char *)v);
	xmlFree(v);
	return s;
}

/* ------------------------------------------------------------ paths */

static const char *const heading_kinds[HK_COUNT] = { "policy", "direction", "measure", "project" };

/* goal, then the headings down to h (included), outermost first. */
void diff_path(struct diff *d, struct diff_change *c, const struct model *m, size_t goal, int h)
{
	int chain[16], n = 0;
	for (int i = h; i >= 0 && n < 16; i = m->headings[i].parent)
		chain[n++] = i;
	struct diff_step *p = diff_alloc(d, (size_t)(n + 1) * sizeof *p);
	p[0].kind = "goal";
	p[0].id = m->goals[goal].id;
	p[0].title = m->goals[goal].title;
	p[0].number = m->goals[goal].number;
	for (int k = 0; k < n; k++) {
		const struct heading *hd = &m->headings[chain[n - 1 - k]];
		p[k + 1].kind = heading_kinds[hd->kind];
		p[k + 1].id = hd->id;
		p[k + 1].title = hd->title;
	}
	c->path = p;
	c->npath = (size_t)n + 1;
}

/* "基本目標1 › 産業振興策の構築 › …": where a KPI or heading sits. */
const char *diff_place_text(struct diff *d, const struct model *m, size_t goal, int h)
{
	struct buf b = BUF_INIT;
	int chain[16], n = 0;
	for (int i = h; i >= 0 && n < 16; i = m->headings[i].parent)
		chain[n++] = i;
	buf_printf(&b, "%s%d", m->level_names[LO_GOAL], m->goals[goal].number);
	while (n > 0)
		buf_printf(&b, " › %s", m->headings[chain[--n]].title ? m->headings[chain[n]].title : "");
	const char *s = diff_str(d, buf_str(&b));
	buf_free(&b);
	return s;
}

const char *diff_place_id(const struct model *m, size_t goal, int h)
{
	return h >= 0 ? m->headings[h].id : m->goals[goal].id;
}

long diff_place_key(size_t goal, int h)
{
	return h >= 0 ? h : -1 - (long)goal;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Strings are trimmed by the model; inside, a run of whitespace equals any
 * other (a title reflowed over two lines has not changed). */
int diff_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	while (*a && *b) {
		if (is_blank(*a) && is_blank(*b)) {
			while (is_blank(*a))
				a++;
			while (is_blank(*b))
				b++;
		} else if (*a++ != *b++) {
			return 0;
		}
	}
	return *a == *b;
}

/* ------------------------------------------------------------ meta */

static void meta_change(struct dctx *x, const char *field, const char *br, const char *bt,
                        const char *ar, const char *at)
{
	if (diff_same(br, ar))
		return;
	struct diff_change *c = diff_emit(x->d, DK_META_CHANGED, DS_STRATEGY);
	c->area = DA_STRATEGY;
	c->field = field;
	c->before.raw = diff_str(x->d, br);
	c->before.text = diff_str(x->d, bt);
	c->after.raw = diff_str(x->d, ar);
	c->after.text = diff_str(x->d, at);
}

static void meta_plain(struct dctx *x, const char *field, const char *b, const char *a)
{
	meta_change(x, field, b, b, a, a);
}

static const char *period_raw(struct diff *d, const struct model *m)
{
	return diff_printf(d, "%d-%d (%d)", m->start.y, m->end.y, m->baseline.y);
}

static const char *period_text(struct diff *d, const struct model *m)
{
	char a[32] = "", b[32] = "", c[32] = "";
	jfmt_fy(&m->era, m->start.y, JFMT_ERA_SHORT, a, sizeof a);
	jfmt_fy(&m->era, m->end.y, JFMT_ERA_SHORT, b, sizeof b);
	jfmt_fy(&m->era, m->baseline.y, JFMT_ERA_SHORT, c, sizeof c);
	return diff_printf(d, "%s–%s（基準値 %s）", a, b, c);
}

static const char *date_text(struct diff *d, const char *iso)
{
	int y, mo, dd;
	char s[64];
	if (iso && sscanf(iso, "%d-%d-%d", &y, &mo, &dd) == 3 &&
	    jfmt_era_date(y, mo, dd, JFMT_ERA_SHORT, s, sizeof s) >= 0)
		return diff_str(d, s);
	return iso;
}

/* A reference series (全国平均) as one text: raw "2020=1.33 …", printed
 * "R2 1.33、R3 1.30…"; NULL for a series the side does not have. */
static const char *refseries_text(struct diff *d, const struct model *m, const char *id, int printed)
{
	int i = model_find_refseries(m, id);
	if (i < 0)
		return NULL;
	const struct refseries *r = &m->refseries[i];
	struct buf b = BUF_INIT;
	if (printed)
		buf_printf(&b, "%s ", r->label ? r->label : r->id);
	for (size_t v = 0; v < r->nvalues; v++) {
		char e[32] = "";
		if (printed)
			jfmt_fy(&m->era, r->values[v].year.y, JFMT_ERA_SHORT, e, sizeof e);
		else
			snprintf(e, sizeof e, "%d", r->values[v].year.y);
		buf_printf(&b, "%s%s%s%s", v ? (printed ? "、" : " ") : "", e, printed ? " " : "=",
		           r->values[v].text ? r->values[v].text : "");
	}
	const char *t = diff_str(d, buf_str(&b));
	buf_free(&b);
	return t;
}

/* Each reference series whose values (or label) changed, was added or
 * removed: one meta-changed of field reference, named by its label. */
static void diff_references(struct dctx *x)
{
	struct diff *d = x->d;
	for (int side = 0; side < 2; side++) {
		const struct model *self = side ? x->mb : x->ma, *other = side ? x->ma : x->mb;
		for (size_t i = 0; i < self->nrefseries; i++) {
			const char *id = self->refseries[i].id;
			if (side && model_find_refseries(other, id) >= 0)
				continue;            /* compared from the after side already */
			size_t n = d->nchanges;
			meta_change(x, "reference", refseries_text(d, x->mb, id, 0), refseries_text(d, x->mb, id, 1),
			            refseries_text(d, x->ma, id, 0), refseries_text(d, x->ma, id, 1));
			if (d->nchanges > n) {
				d->changes[n].id = id;
				d->changes[n].name = self->refseries[i].label;
			}
		}
	}
}

/* The declared level names, raw (goal=政策パッケージ …) or printed
 * (政策パッケージ › 主な取組（取組）); NULL when none is declared. */
static const char *levels_text(struct diff *d, const struct model *m, int printed)
{
	if (m->nlevels == 0)
		return NULL;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < m->nlevels; i++) {
		const struct level_decl *l = &m->levels[i];
		if (printed)
			buf_printf(&b, "%s%s", i ? " › " : "", l->name ? l->name : "");
		else
			buf_printf(&b, "%s%s=%s", i ? " " : "", model_level_of_name(l->of), l->name ? l->name : "");
		if (l->short_name)
			buf_printf(&b, printed ? "（%s）" : "/%s", l->short_name);
	}
	const char *t = diff_str(d, buf_str(&b));
	buf_free(&b);
	return t;
}

/* The declared tags, raw (priority=重点戦略 …) or printed (重点戦略、…). */
static const char *tags_text(struct diff *d, const struct model *m, int printed)
{
	if (m->ntags == 0)
		return NULL;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < m->ntags; i++)
		if (printed)
			buf_printf(&b, "%s%s", i ? "、" : "", m->tags[i].label ? m->tags[i].label : "");
		else
			buf_printf(&b, "%s%s=%s", i ? " " : "", m->tags[i].id ? m->tags[i].id : "",
			           m->tags[i].label ? m->tags[i].label : "");
	const char *t = diff_str(d, buf_str(&b));
	buf_free(&b);
	return t;
}

static void diff_meta(struct dctx *x)
{
	struct diff *d = x->d;
	const struct model *b = x->mb, *a = x->ma;
	meta_plain(x, "municipality", b->municipality, a->municipality);
	meta_plain(x, "title", b->title, a->title);
	meta_change(x, "edition", diff_printf(d, "%d", b->edition), diff_printf(d, "第%d期", b->edition),
	            diff_printf(d, "%d", a->edition), diff_printf(d, "第%d期", a->edition));
	meta_change(x, "period", period_raw(d, b), period_text(d, b), period_raw(d, a), period_text(d, a));
	meta_change(x, "as-of", b->as_of, date_text(d, b->as_of), a->as_of, date_text(d, a->as_of));
	meta_change(x, "threshold", b->threshold_text, diff_printf(d, "達成率%s%%以上", b->threshold_text),
	            a->threshold_text, diff_printf(d, "達成率%s%%以上", a->threshold_text));
	meta_plain(x, "combine", model_combine_name(b->comb), model_combine_name(a->comb));
	meta_change(x, "provisional", b->use_provisional ? "yes" : "no",
	            b->use_provisional ? "未確定値を実績に含める" : "未確定値を実績に含めない",
	            a->use_provisional ? "yes" : "no",
	            a->use_provisional ? "未確定値を実績に含める" : "未確定値を実績に含めない");
	meta_change(x, "status", b->draft ? "draft" : NULL, b->draft ? "素案" : NULL,
	            a->draft ? "draft" : NULL, a->draft ? "素案" : NULL);
	xmlNode *rb = xmlDocGetRootElement(x->ub->src.doc), *ra = xmlDocGetRootElement(x->ua->src.doc);
	xmlNode *tb = diff_child(diff_child(rb, "document"), "title");
	xmlNode *ta = diff_child(diff_child(ra, "document"), "title");
	if (!diff_same(tb ? diff_canon(d, tb) : NULL, ta ? diff_canon(d, ta) : NULL))
		meta_plain(x, "document-title", tb ? diff_render(d, x->ub, tb) : NULL,
		           ta ? diff_render(d, x->ua, ta) : NULL);
	xmlNode *vb = diff_child(rb, "vision"), *va = diff_child(ra, "vision");
	if (!diff_same(vb ? diff_canon(d, vb) : NULL, va ? diff_canon(d, va) : NULL))
		meta_plain(x, "vision", vb ? diff_render(d, x->ub, vb) : NULL, va ? diff_render(d, x->ua, va) : NULL);
	meta_change(x, "levels", levels_text(d, b, 0), levels_text(d, b, 1), levels_text(d, a, 0), levels_text(d, a, 1));
	meta_change(x, "tags", tags_text(d, b, 0), tags_text(d, b, 1), tags_text(d, a, 0), tags_text(d, a, 1));
	diff_references(x);
}

static void diff_depts(struct dctx *x)
{
	const struct model *b = x->mb, *a = x->ma;
	for (size_t i = 0; i < a->ndepts; i++) {
		int j = model_find_dept(b, a->depts[i].id);
		if (j >= 0 && diff_same(b->depts[j].name, a->depts[i].name))
			continue;
		struct diff_change *c = diff_emit(x->d, j < 0 ? DK_DEPT_ADDED : DK_DEPT_RENAMED, DS_DEPARTMENT);
		c->area = DA_STRATEGY;
		c->order[1] = 1;
		c->order[2] = 2L * (long)i;
		c->id = a->depts[i].id;
		c->name = a->depts[i].name;
		diff_set(x->d, c, j < 0 ? NULL : b->depts[j].name, a->depts[i].name);
	}
	for (size_t j = 0; j < b->ndepts; j++) {
		if (model_find_dept(a, b->depts[j].id) >= 0)
			continue;
		struct diff_change *c = diff_emit(x->d, DK_DEPT_REMOVED, DS_DEPARTMENT);
		c->area = DA_STRATEGY;
		c->order[1] = 1;
		c->order[2] = LONG_MAX;
		c->id = b->depts[j].id;
		c->name = b->depts[j].name;
		diff_set(x->d, c, b->depts[j].name, NULL);
	}
}

/* ------------------------------------------------------------ goals */

struct mgoal { long pos; int before, after; };

static int cmp_mgoal(const void *pa, const void *pb)
{
	const struct mgoal *a = pa, *b = pb;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->before < b->before ? -1 : a->before > b->before;
}

/* diff.goals: the goals of both sides in one order, and the maps to it. */
static void merge_goals(struct dctx *x)
{
	const struct model *b = x->mb, *a = x->ma;
	int *b2a = xmalloc((b->ngoals + 1) * sizeof *b2a);
	long *posb = xmalloc((b->ngoals + 1) * sizeof *posb);
	for (size_t j = 0; j < b->ngoals; j++)
		b2a[j] = model_find_goal(a, b->goals[j].id);
	diff_match_merge(b->ngoals, b2a, posb);
	struct mgoal *g = xmalloc((a->ngoals + b->ngoals + 1) * sizeof *g);
	size_t n = 0;
	for (size_t i = 0; i < a->ngoals; i++)
		g[n++] = (struct mgoal){ 2L * (long)i, model_find_goal(b, a->goals[i].id), (int)i };
	for (size_t j = 0; j < b->ngoals; j++)
		if (b2a[j] < 0)
			g[n++] = (struct mgoal){ posb[j], (int)j, -1 };
	qsort(g, n, sizeof *g, cmp_mgoal);
	x->d->goals = xmalloc((n + 1) * sizeof *x->d->goals);
	x->d->ngoals = n;
	x->ga = xmalloc((a->ngoals + 1) * sizeof *x->ga);
	x->gb = xmalloc((b->ngoals + 1) * sizeof *x->gb);
	for (size_t k = 0; k < n; k++) {
		x->d->goals[k] = (struct diff_goal){ g[k].before, g[k].after };
		if (g[k].after >= 0)
			x->ga[g[k].after] = (int)k;
		if (g[k].before >= 0)
			x->gb[g[k].before] = (int)k;
	}
	free(g);
	free(b2a);
	free(posb);
}

static struct diff_change *goal_change(struct dctx *x, enum diff_kind k, const struct model *m, size_t g,
                                       int merged)
{
	struct diff_change *c = diff_emit(x->d, k, DS_GOAL);
	c->area = DA_GOAL;
	c->goal = merged;
	c->order[0] = 1 + merged;
	c->id = m->goals[g].id;
	c->name = m->goals[g].title;
	c->number = m->goals[g].number;
	return c;
}

static const char *goal_label(struct diff *d, const struct model *m, const struct goal *g)
{
	return diff_printf(d, "%s%d", m->level_names[LO_GOAL], g->number);
}

/* A goal's viewpoints (<viewpoint>) or 重点課題 (<priority>): those of one
 * side whose canonical form the other side's goal does not have. */
static void goal_additions(struct dctx *x, const char *name, size_t gb, size_t ga, int merged)
{
	struct diff *d = x->d;
	const xmlNode *nb = x->mb->goals[gb].node, *na = x->ma->goals[ga].node;
	int viewpoint = !strcmp(name, "viewpoint");
	for (int side = 0; side < 2; side++) {
		const xmlNode *self = side ? nb : na, *other = side ? na : nb;
		size_t n = 0;
		for (const xmlNode *c = other->children; c; c = c->next)
			n += diff_is_el(c, name);
		struct strmap seen;
		strmap_init(&seen, n);
		for (const xmlNode *c = other->children; c; c = c->next)
			if (diff_is_el(c, name))
				strmap_put(&seen, diff_canon(d, c), 1);
		for (const xmlNode *c = self->children; c; c = c->next) {
			if (!diff_is_el(c, name) || strmap_get(&seen, diff_canon(d, c)) >= 0)
				continue;
			enum diff_kind k = viewpoint ? (side ? DK_VIEWPOINT_REMOVED : DK_VIEWPOINT_ADDED)
			                             : (side ? DK_PRIORITY_REMOVED : DK_PRIORITY_ADDED);
			struct diff_change *ch = goal_change(x, k, side ? x->mb : x->ma, side ? gb : ga, merged);
			const struct unit *u = side ? x->ub : x->ua;
			const char *t = diff_render(d, u, c);
			if (!viewpoint) {
				const char *goals = diff_attr(d, c, "goals"), *num = diff_attr(d, c, "number");
				ch->note = diff_printf(d, "関連する%s: %s", x->ma->level_names[LO_GOAL], goals ? goals : "");
				t = diff_printf(d, "重点課題%s：%s", num ? num : "", t ? t : "");
			}
			diff_set(d, ch, side ? t : NULL, side ? NULL : t);
		}
		strmap_free(&seen);
	}
}

static void diff_goals(struct dctx *x)
{
	struct diff *d = x->d;
	const struct model *b = x->mb, *a = x->ma;
	struct sib *s = xmalloc((a->ngoals + 1) * sizeof *s);
	unsigned char *moved = xcalloc(a->ngoals + 1, 1);
	size_t ns = 0;
	for (size_t k = 0; k < d->ngoals; k++)
		if (d->goals[k].before >= 0 && d->goals[k].after >= 0)
			s[ns++] = (struct sib){ 0, d->goals[k].after, d->goals[k].before };
	diff_match_reordered(s, ns, moved);
	for (size_t k = 0; k < d->ngoals; k++) {
		int gb = d->goals[k].before, ga = d->goals[k].after;
		if (gb < 0 || ga < 0) {
			const struct model *m = ga >= 0 ? a : b;
			int g = ga >= 0 ? ga : gb;
			struct diff_change *c = goal_change(x, ga >= 0 ? DK_GOAL_ADDED : DK_GOAL_REMOVED, m, (size_t)g, (int)k);
			const char *t = diff_printf(d, "%s%d %s", m->level_names[LO_GOAL], m->goals[g].number, m->goals[g].title);
			diff_set(d, c, ga >= 0 ? NULL : t, ga >= 0 ? t : NULL);
			continue;
		}
		const struct goal *ob = &b->goals[gb], *oa = &a->goals[ga];
		if (!diff_same(ob->title, oa->title))
			diff_set(d, goal_change(x, DK_GOAL_RENAMED, a, (size_t)ga, (int)k), ob->title, oa->title);
		if (ob->number != oa->number || moved[ga]) {
			struct diff_change *c = goal_change(x, DK_GOAL_REORDERED, a, (size_t)ga, (int)k);
			c->before.raw = diff_printf(d, "%d", ob->number);
			c->before.text = goal_label(d, b, ob);
			c->after.raw = diff_printf(d, "%d", oa->number);
			c->after.text = goal_label(d, a, oa);
			if (moved[ga])
				c->note = diff_printf(d, "並び順 %d番目 → %d番目", gb + 1, ga + 1);
		}
		goal_additions(x, "viewpoint", (size_t)gb, (size_t)ga, (int)k);
		goal_additions(x, "priority", (size_t)gb, (size_t)ga, (int)k);
	}
	free(s);
	free(moved);
}

/* ------------------------------------------------------------ headings */

static struct diff_change *heading_change(struct dctx *x, int what, const struct model *m, size_t i,
                                          int merged_goal, long pos)
{
	const struct heading *h = &m->headings[i];
	struct diff_change *c = diff_emit(x->d, (enum diff_kind)(DK_POLICY_ADDED + 4 * (int)h->kind + what),
	                                  DS_HEADING);
	c->area = DA_GOAL;
	c->goal = merged_goal;
	c->order[0] = 1 + merged_goal;
	c->order[1] = 1;
	c->order[2] = pos;
	c->id = h->id;
	c->name = h->title;
	diff_path(x->d, c, m, h->goal, h->parent);
	return c;
}

enum { H_ADDED, H_REMOVED, H_RENAMED, H_REORDERED };

static int heading_find(const struct model *b, const struct model *a, size_t i)
{
	int j = model_find_heading(b, a->headings[i].id);
	/* a policy become a measure is another element */
	return j >= 0 && b->headings[j].kind == a->headings[i].kind ? j : -1;
}

static struct place heading_place(const struct model *m, size_t i)
{
	return (struct place){ m->headings[i].goal, m->headings[i].parent };
}

static void heading_added(struct dctx *x, size_t i)
{
	const struct heading *h = &x->ma->headings[i];
	diff_set(x->d, heading_change(x, H_ADDED, x->ma, i, x->ga[h->goal], 2L * (long)i), NULL, h->title);
}

static void heading_removed(struct dctx *x, size_t j, long pos)
{
	const struct heading *h = &x->mb->headings[j];
	diff_set(x->d, heading_change(x, H_REMOVED, x->mb, j, x->gb[h->goal], pos), h->title, NULL);
}

static void heading_paired(struct dctx *x, const struct match_pair *p)
{
	const struct heading *hb = &x->mb->headings[p->before], *ha = &x->ma->headings[p->after];
	long pos = 2L * (long)p->after;
	if (!diff_same(hb->title, ha->title))
		diff_set(x->d, heading_change(x, H_RENAMED, x->ma, p->after, x->ga[ha->goal], pos), hb->title,
		         ha->title);
	if (p->move == MM_STAYED)
		return;
	struct diff_change *c = heading_change(x, H_REORDERED, x->ma, p->after, x->ga[ha->goal], pos);
	const char *tb = diff_place_text(x->d, x->mb, hb->goal, hb->parent);
	const char *ta = diff_place_text(x->d, x->ma, ha->goal, ha->parent);
	c->before.raw = diff_place_id(x->mb, hb->goal, hb->parent);
	c->after.raw = diff_place_id(x->ma, ha->goal, ha->parent);
	c->before.text = diff_printf(x->d, "%s の%d番目", tb, p->rank_before);
	c->after.text = diff_printf(x->d, "%s の%d番目", ta, p->rank_after);
}

static void diff_headings(struct dctx *x)
{
	static const struct match_ops ops = { heading_find, heading_place, NULL, heading_added, heading_paired,
	                                      heading_removed };
	diff_match(x, &ops, x->mb->nheadings, x->ma->nheadings);
}

/* ------------------------------------------------------------ entry */

void diff_run(struct diff *d, const struct unit *before, const struct unit *after)
{
	memset(d, 0, sizeof *d);
	d->before = before;
	d->after = after;
	struct dctx x = { d, before, after, &before->model, &after->model, &before->eval, &after->eval, NULL, NULL };
	merge_goals(&x);
	diff_meta(&x);
	diff_depts(&x);
	diff_goals(&x);
	diff_headings(&x);
	diff_kpis(&x);
	diff_reposts(&x);
	diff_grants(&x);
	diff_sections(&x);
	if (d->nchanges > 0)   /* changes is NULL then, which qsort may not get */
		qsort(d->changes, d->nchanges, sizeof *d->changes, cmp_change);
	free(x.ga);
	free(x.gb);
}

void diff_free(struct diff *d)
{
	free(d->changes);
	free(d->goals);
	arena_free(&d->pool);
	memset(d, 0, sizeof *d);
}

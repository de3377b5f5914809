/*
 * diff_doc.c - comparing what the model does not hold: grant projects and
 * the narrative, read from the tree (see diff.h).  Also the two views of a
 * tree node the diff needs: its canonical form, to decide whether two nodes
 * mean the same, and its printed text, to show what changed.
 */
#include "diff_impl.h"
#include "decimal.h"
#include "jfmt.h"
#include "report.h"
#include "valtext.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ text */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Appends s with each run of whitespace as one space. */
static void put_collapsed(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (!is_space(*s)) {
			buf_putc(b, *s);
			continue;
		}
		while (is_space(s[1]))
			s++;
		buf_putc(b, ' ');
	}
}

/* Appends s collapsed, without whitespace at either end. */
static void put_trimmed(struct buf *b, const char *s)
{
	size_t start = b->len;
	while (is_space(*s))
		s++;
	put_collapsed(b, s);
	while (b->len > start && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
}

/* ------------------------------------------------------------ canonical form */

struct attr { const char *name, *value; };

static int cmp_attr(const void *pa, const void *pb)
{
	return strcmp(((const struct attr *)pa)->name, ((const struct attr *)pb)->name);
}

static void canon_attrs(struct buf *b, const xmlNode *n)
{
	size_t na = 0;
	for (xmlAttr *a = n->properties; a; a = a->next)
		na++;
	struct attr *v = xmalloc((na + 1) * sizeof *v);
	xmlChar **vals = xmalloc((na + 1) * sizeof *vals);
	size_t i = 0;
	for (xmlAttr *a = n->properties; a; a = a->next, i++) {
		vals[i] = xmlNodeListGetString(n->doc, a->children, 1);
		v[i].name = (const char *)a->name;
		v[i].value = vals[i] ? (const char *)vals[i] : "";
	}
	qsort(v, na, sizeof *v, cmp_attr);
	struct buf t = BUF_INIT;
	for (i = 0; i < na; i++) {
		buf_reset(&t);
		put_collapsed(&t, v[i].value);
		buf_printf(b, " %s=\"", v[i].name);
		buf_xml_str(b, buf_str(&t));
		buf_putc(b, '"');
	}
	buf_free(&t);
	for (i = 0; i < na; i++)
		xmlFree(vals[i]);
	free(vals);
	free(v);
}

static void canon(struct buf *b, const xmlNode *n)
{
	buf_printf(b, "<%s", (const char *)n->name);
	canon_attrs(b, n);
	buf_putc(b, '>');
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			struct buf t = BUF_INIT;
			put_trimmed(&t, c->content ? (const char *)c->content : "");
			buf_xml_str(b, buf_str(&t));
			buf_free(&t);
		} else if (c->type == XML_ELEMENT_NODE && !diff_is_el(c, "decision")) {
			canon(b, c);
		}
	}
	buf_printf(b, "</%s>", (const char *)n->name);
}

const char *diff_canon(struct diff *d, const xmlNode *n)
{
	struct buf b = BUF_INIT;
	canon(&b, n);
	const char *s = diff_str(d, buf_str(&b));
	buf_free(&b);
	return s;
}

/* ------------------------------------------------------------ printed text */

struct rctx {
	struct diff *d;
	const struct unit *u;
};

static void render(struct rctx *r, struct buf *b, const xmlNode *n);

static char *attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

static void render_count(struct rctx *r, struct buf *b, const xmlNode *n)
{
	const struct model *m = &r->u->model;
	for (size_t i = 0; i < m->ncounts; i++)
		if (m->counts[i].node == n)
			buf_printf(b, "%ld", eval_count(&r->u->eval, m, &m->counts[i]));
}

static void render_era(const struct model *m, struct buf *b, const xmlNode *n)
{
	char *y = attr(n, "year"), *f = attr(n, "form");
	char s[64];
	int form = f && !strcmp(f, "long") ? JFMT_ERA_LONG : JFMT_ERA_SHORT;
	if (y && jfmt_fy(&m->era, atoi(y), (enum jfmt_era_form)form, s, sizeof s) >= 0)
		buf_puts(b, s);
	xmlFree(y);
	xmlFree(f);
}

static void render_date(struct buf *b, const xmlNode *n, const char *name)
{
	char *v = attr(n, name);
	int y, mo, dd;
	char s[64];
	if (v && sscanf(v, "%d-%d-%d", &y, &mo, &dd) == 3 && jfmt_era_date(y, mo, dd, JFMT_ERA_SHORT, s, sizeof s) >= 0)
		buf_puts(b, s);
	xmlFree(v);
}

static void render_attrs(struct buf *b, const xmlNode *n, const char *const *names)
{
	for (int i = 0; names[i]; i++) {
		char *v = attr(n, names[i]);
		if (v && *v)
			buf_printf(b, "%s%s", i ? " " : "", v);
		xmlFree(v);
	}
}

/* Elements whose children are separate items, printed with ／ between them. */
static int is_container(const xmlNode *n)
{
	static const char *const names[] = { "list", "table", "row", "committee", "meetings", "viewpoints",
	                                     "viewpoint", "priorities", "vision", NULL };
	if (diff_is_el(n, "viewpoint") && n->parent && diff_is_el(n->parent, "goal"))
		return 0;   /* a draft's viewpoint of a goal is inline text */
	for (int i = 0; names[i]; i++)
		if (diff_is_el(n, names[i]))
			return 1;
	return 0;
}

static void render_children(struct rctx *r, struct buf *b, const xmlNode *n)
{
	int container = is_container(n), items = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !container)
			buf_puts(b, c->content ? (const char *)c->content : "");
		else if (c->type == XML_ELEMENT_NODE && !diff_is_el(c, "decision")) {
			if (container && items++)
				buf_puts(b, " ／ ");
			render(r, b, c);
		}
	}
}

static void render(struct rctx *r, struct buf *b, const xmlNode *n)
{
	static const char *const member[] = { "organization", "role", "name", NULL };
	static const char *const ref[] = { "to", NULL };
	if (diff_is_el(n, "count")) {
		render_count(r, b, n);
	} else if (diff_is_el(n, "threshold")) {
		valtext_threshold(&r->u->model, n, b);
	} else if (diff_is_el(n, "value") && xmlHasProp(n, (const xmlChar *)"kpi")) {
		valtext_ref(&r->u->model, n, b);
	} else if (diff_is_el(n, "era")) {
		render_era(&r->u->model, b, n);
	} else if (diff_is_el(n, "date")) {
		render_date(b, n, "value");
	} else if (diff_is_el(n, "ref")) {
		render_attrs(b, n, ref);
	} else if (diff_is_el(n, "member")) {
		render_attrs(b, n, member);
	} else if (diff_is_el(n, "meeting")) {
		render_date(b, n, "date");
		buf_putc(b, ' ');
		render_children(r, b, n);
	} else if (diff_is_el(n, "population")) {
		char *y = attr(n, "year");
		buf_printf(b, "%s年 ", y ? y : "");
		xmlFree(y);
		render_children(r, b, n);
	} else {
		render_children(r, b, n);
	}
}

const char *diff_render(struct diff *d, const struct unit *u, const xmlNode *n)
{
	struct rctx r = { d, u };
	struct buf b = BUF_INIT, t = BUF_INIT;
	render(&r, &b, n);
	put_trimmed(&t, buf_str(&b));
	const char *s = diff_str(d, buf_str(&t));
	buf_free(&b);
	buf_free(&t);
	return s;
}

/* ------------------------------------------------------------ grants */

struct gitem { xmlNode *grant, *program; };

static size_t collect_grants(const struct unit *u, struct gitem **out)
{
	xmlNode *grants = diff_child(xmlDocGetRootElement(u->src.doc), "grants");
	size_t n = 0;
	*out = NULL;
	for (xmlNode *p = grants ? grants->children : NULL; p; p = p->next) {
		for (xmlNode *g = diff_is_el(p, "program") ? p->children : NULL; g; g = g->next) {
			if (!diff_is_el(g, "grant"))
				continue;
			if ((n & (n - 1)) == 0)
				*out = xrealloc(*out, (n ? 2 * n : 1) * sizeof **out);
			(*out)[n++] = (struct gitem){ g, p };
		}
	}
	return n;
}

/* Every child named `name`, canonical or printed, joined with ／. */
static const char *children_of(struct diff *d, const struct unit *u, const xmlNode *n, const char *name,
                               int canonical)
{
	struct buf b = BUF_INIT;
	int any = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!diff_is_el(c, name))
			continue;
		buf_puts(&b, any++ ? " ／ " : "");
		buf_puts(&b, canonical ? diff_canon(d, c) : diff_render(d, u, c));
	}
	const char *s = any ? diff_str(d, buf_str(&b)) : NULL;
	buf_free(&b);
	return s;
}

static const char *yen_text(struct diff *d, const char *raw)
{
	kdec v;
	char num[64];
	if (raw && kdec_parse(raw, strlen(raw), &v) == KDEC_OK && jfmt_number(v, JFMT_PLAIN, num, sizeof num) >= 0)
		return diff_printf(d, "%s円", num);
	return raw;
}

/* 総合戦略との関連: ids as raw, ids with their printed labels as text. */
static const char *serves_of(struct diff *d, const xmlNode *g, int with_labels)
{
	struct buf b = BUF_INIT;
	int any = 0;
	for (xmlNode *c = g->children; c; c = c->next) {
		if (!diff_is_el(c, "serves"))
			continue;
		const char *ref = diff_attr(d, c, "ref"), *label = diff_attr(d, c, "label");
		buf_printf(&b, "%s%s", any++ ? (with_labels ? "、" : " ") : "", ref ? ref : "");
		if (label)
			buf_printf(&b, with_labels ? "（%s）" : "=\"%s\"", label);
	}
	const char *s = diff_str(d, buf_str(&b));
	buf_free(&b);
	return s;
}

struct gpair {
	struct dctx *x;
	const struct gitem *b, *a;
	long pos;
};

static struct diff_change *grant_change(struct dctx *x, enum diff_kind k, const struct unit *u,
                                        const struct gitem *g, long pos)
{
	struct diff_change *c = diff_emit(x->d, k, DS_GRANT);
	c->area = DA_GRANTS;
	c->order[0] = LONG_MAX - 1;
	c->order[1] = 1;
	c->order[2] = pos;
	c->id = diff_attr(x->d, g->grant, "id");
	c->name = diff_render(x->d, u, diff_child(g->grant, "name"));
	const char *num = diff_attr(x->d, g->grant, "number");
	c->number = num ? atoi(num) : 0;
	struct diff_step *p = diff_alloc(x->d, sizeof *p);
	p->kind = "program";
	p->id = diff_attr(x->d, g->program, "id");
	p->title = diff_render(x->d, u, diff_child(g->program, "title"));
	c->path = p;
	c->npath = 1;
	return c;
}

static void grant_field(struct gpair *p, const char *field, const char *cb, const char *ca, const char *rb,
                        const char *ra, const char *tb, const char *ta)
{
	if (diff_same(cb, ca))
		return;
	struct diff_change *c = grant_change(p->x, DK_GRANT_CHANGED, p->x->ua, p->a, p->pos);
	c->field = field;
	c->before.raw = rb;
	c->after.raw = ra;
	c->before.text = tb;
	c->after.text = ta;
}

static void grant_multi(struct gpair *p, const char *field)
{
	struct dctx *x = p->x;
	const char *rb = children_of(x->d, x->ub, p->b->grant, field, 0);
	const char *ra = children_of(x->d, x->ua, p->a->grant, field, 0);
	grant_field(p, field, children_of(x->d, x->ub, p->b->grant, field, 1),
	            children_of(x->d, x->ua, p->a->grant, field, 1), rb, ra, rb, ra);
}

static void grant_amount(struct gpair *p, const char *field)
{
	struct diff *d = p->x->d;
	const char *rb = diff_render(d, p->x->ub, diff_child(p->b->grant, field));
	const char *ra = diff_render(d, p->x->ua, diff_child(p->a->grant, field));
	grant_field(p, field, rb, ra, rb, ra, yen_text(d, rb), yen_text(d, ra));
}

static void compare_grant(struct gpair *p)
{
	struct dctx *x = p->x;
	struct diff *d = x->d;
	const char *nb = diff_attr(d, p->b->grant, "number"), *na = diff_attr(d, p->a->grant, "number");
	grant_field(p, "number", nb, na, nb, na, nb, na);
	grant_multi(p, "name");
	grant_multi(p, "activity");
	grant_multi(p, "note");
	grant_amount(p, "expenditure");
	grant_amount(p, "subsidy");
	const char *sb = serves_of(d, p->b->grant, 0), *sa = serves_of(d, p->a->grant, 0);
	grant_field(p, "serves", sb, sa, sb, sa, serves_of(d, p->b->grant, 1), serves_of(d, p->a->grant, 1));
	const char *pb = diff_attr(d, p->b->program, "id"), *pa = diff_attr(d, p->a->program, "id");
	grant_field(p, "program", pb, pa, pb, pa, diff_render(d, x->ub, diff_child(p->b->program, "title")),
	            diff_render(d, x->ua, diff_child(p->a->program, "title")));
}

/* A program's title, once per program (not once per grant). */
static void compare_programs(struct dctx *x, const struct gitem *gb, size_t nb, const struct gitem *ga, size_t na)
{
	struct diff *d = x->d;
	struct strmap t;
	strmap_init(&t, nb);
	for (size_t j = 0; j < nb; j++)
		strmap_put(&t, diff_attr(d, gb[j].program, "id"), (int)j);
	for (size_t i = 0; i < na; i++) {
		if (i > 0 && ga[i].program == ga[i - 1].program)
			continue;
		int j = strmap_get(&t, diff_attr(d, ga[i].program, "id"));
		if (j < 0)
			continue;
		xmlNode *tb = diff_child(gb[j].program, "title"), *ta = diff_child(ga[i].program, "title");
		if (!strcmp(diff_canon(d, tb), diff_canon(d, ta)))
			continue;
		struct diff_change *c = diff_emit(d, DK_GRANT_CHANGED, DS_PROGRAM);
		c->area = DA_GRANTS;
		c->order[0] = LONG_MAX - 1;
		c->order[2] = 2L * (long)i;
		c->id = diff_attr(d, ga[i].program, "id");
		c->field = "title";
		c->name = diff_render(d, x->ua, ta);
		diff_set(d, c, diff_render(d, x->ub, tb), c->name);
	}
	strmap_free(&t);
}

void diff_grants(struct dctx *x)
{
	struct diff *d = x->d;
	struct gitem *gb, *ga;
	size_t nb = collect_grants(x->ub, &gb), na = collect_grants(x->ua, &ga);
	struct strmap t;
	strmap_init(&t, nb);
	for (size_t j = 0; j < nb; j++)
		strmap_put(&t, diff_attr(d, gb[j].grant, "id"), (int)j);
	int *b2a = xmalloc((nb + 1) * sizeof *b2a);
	long *posb = xmalloc((nb + 1) * sizeof *posb);
	for (size_t j = 0; j < nb; j++)
		b2a[j] = -1;
	for (size_t i = 0; i < na; i++) {
		int j = strmap_get(&t, diff_attr(d, ga[i].grant, "id"));
		if (j >= 0)
			b2a[j] = (int)i;
		if (j < 0) {
			struct diff_change *c = grant_change(x, DK_GRANT_ADDED, x->ua, &ga[i], 2L * (long)i);
			diff_set(d, c, NULL, c->name);
			continue;
		}
		struct gpair p = { x, &gb[j], &ga[i], 2L * (long)i };
		compare_grant(&p);
	}
	diff_match_merge(nb, b2a, posb);
	for (size_t j = 0; j < nb; j++) {
		if (b2a[j] >= 0)
			continue;
		struct diff_change *c = grant_change(x, DK_GRANT_REMOVED, x->ub, &gb[j], posb[j]);
		diff_set(d, c, c->name, NULL);
	}
	compare_programs(x, gb, nb, ga, na);
	strmap_free(&t);
	free(b2a);
	free(posb);
	free(gb);
	free(ga);
}

/* ------------------------------------------------------------ sections */

struct sec {
	xmlNode *n;
	int parent;                  /* index, -1 at the top */
	int rank;                    /* 1-based among its siblings */
	const char *id;
};

static void collect_sections(struct diff *d, xmlNode *parent, int pi, struct sec **v, size_t *n)
{
	int rank = 0;
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next) {
		if (!diff_is_el(c, "section"))
			continue;
		if ((*n & (*n - 1)) == 0)
			*v = xrealloc(*v, (*n ? 2 * *n : 1) * sizeof **v);
		size_t me = (*n)++;
		(*v)[me] = (struct sec){ c, pi, ++rank, diff_attr(d, c, "id") };
		collect_sections(d, c, (int)me, v, n);
	}
}

/* "3 検証内容": a section's label and title as printed. */
static const char *section_heading(struct diff *d, const struct unit *u, const xmlNode *n)
{
	const char *label = diff_attr(d, n, "label");
	const char *title = diff_render(d, u, diff_child(n, "title"));
	return label && *label ? diff_printf(d, "%s %s", label, title) : title;
}

/* The blocks of a section: its children but its title and subsections. */
static size_t blocks_of(const xmlNode *n, const xmlNode ***out)
{
	size_t k = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		k += c->type == XML_ELEMENT_NODE && !diff_is_el(c, "title") && !diff_is_el(c, "section") &&
		     !diff_is_el(c, "decision");
	*out = xmalloc((k + 1) * sizeof **out);
	k = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !diff_is_el(c, "title") && !diff_is_el(c, "section") &&
		    !diff_is_el(c, "decision"))
			(*out)[k++] = c;
	return k;
}

/* Longest common subsequence of the blocks that differ in the middle;
 * match[i] is the after block paired with before block i, or -1.  Sections
 * hold tens of blocks: the quadratic table is bounded, and beyond the bound
 * the middles are simply not matched (reported as changed). */
#define LCS_MAX_CELLS (1u << 20)

static void align_blocks(const char **cb, size_t nb, const char **ca, size_t na, int *match)
{
	size_t p = 0, s = 0;
	for (size_t i = 0; i < nb; i++)
		match[i] = -1;
	while (p < nb && p < na && !strcmp(cb[p], ca[p])) {
		match[p] = (int)p;
		p++;
	}
	while (s < nb - p && s < na - p && !strcmp(cb[nb - 1 - s], ca[na - 1 - s])) {
		match[nb - 1 - s] = (int)(na - 1 - s);
		s++;
	}
	size_t n = nb - p - s, m = na - p - s;
	if (n == 0 || m == 0 || (n + 1) * (m + 1) > LCS_MAX_CELLS)
		return;
	unsigned *t = xcalloc((n + 1) * (m + 1), sizeof *t);
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			T(i, j) = !strcmp(cb[p + i], ca[p + j]) ? T(i + 1, j + 1) + 1
			        : T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	for (size_t i = 0, j = 0; i < n && j < m;) {
		if (!strcmp(cb[p + i], ca[p + j])) {
			match[p + i] = (int)(p + j);
			i++, j++;
		} else if (T(i + 1, j) >= T(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
#undef T
	free(t);
}

/* Bytes two texts share at either end, cut at character boundaries. */
static void common_ends(const char *a, const char *b, size_t *prefix, size_t *suffix)
{
	size_t la = strlen(a), lb = strlen(b), p = 0, s = 0;
	while (p < la && p < lb && a[p] == b[p])
		p++;
	while (p > 0 && ((unsigned char)a[p] & 0xC0) == 0x80)
		p--;
	while (s < la - p && s < lb - p && a[la - 1 - s] == b[lb - 1 - s])
		s++;
	while (s > 0 && ((unsigned char)a[la - s] & 0xC0) == 0x80)
		s--;
	*prefix = p;
	*suffix = s;
}

struct spair {
	struct dctx *x;
	const xmlNode **bb, **ba;
	size_t nb, na;
	struct diff_block *out;
	size_t nout;
};

static void add_block(struct spair *sp, enum diff_block_op op, int ib, int ia)
{
	struct diff *d = sp->x->d;
	struct diff_block *o = &sp->out[sp->nout++];
	o->op = op;
	o->kind = (const char *)(ia >= 0 ? sp->ba[ia] : sp->bb[ib])->name;
	o->pos_before = ib + 1;
	o->pos_after = ia + 1;
	o->before = ib >= 0 ? diff_render(d, sp->x->ub, sp->bb[ib]) : NULL;
	o->after = ia >= 0 ? diff_render(d, sp->x->ua, sp->ba[ia]) : NULL;
	if (o->before && o->after)
		common_ends(o->before, o->after, &o->prefix, &o->suffix);
}

/* The unmatched run between two matches: pairs first, then the rest. */
static void add_gap(struct spair *sp, size_t i0, size_t i1, size_t j0, size_t j1)
{
	while (i0 < i1 && j0 < j1)
		add_block(sp, DB_CHANGED, (int)i0++, (int)j0++);
	while (i0 < i1)
		add_block(sp, DB_REMOVED, (int)i0++, -1);
	while (j0 < j1)
		add_block(sp, DB_ADDED, -1, (int)j0++);
}

static void diff_blocks(struct spair *sp)
{
	struct diff *d = sp->x->d;
	const char **cb = xmalloc((sp->nb + 1) * sizeof *cb), **ca = xmalloc((sp->na + 1) * sizeof *ca);
	int *match = xmalloc((sp->nb + 1) * sizeof *match);
	for (size_t i = 0; i < sp->nb; i++)
		cb[i] = diff_canon(d, sp->bb[i]);
	for (size_t j = 0; j < sp->na; j++)
		ca[j] = diff_canon(d, sp->ba[j]);
	align_blocks(cb, sp->nb, ca, sp->na, match);
	sp->out = diff_alloc(d, (sp->nb + sp->na + 1) * sizeof *sp->out);
	size_t i = 0, j = 0;
	while (i < sp->nb || j < sp->na) {
		size_t ri = i;
		while (ri < sp->nb && match[ri] < 0)
			ri++;
		size_t rj = ri < sp->nb ? (size_t)match[ri] : sp->na;
		add_gap(sp, i, ri, j, rj);
		i = ri < sp->nb ? ri + 1 : sp->nb;
		j = ri < sp->nb ? rj + 1 : sp->na;
	}
	free(cb);
	free(ca);
	free(match);
}

static struct diff_change *section_change(struct dctx *x, enum diff_kind k, const struct unit *u,
                                          const struct sec *v, size_t i, long pos)
{
	struct diff *d = x->d;
	struct diff_change *c = diff_emit(d, k, DS_SECTION);
	c->area = DA_DOCUMENT;
	c->order[0] = LONG_MAX;
	c->order[2] = pos;
	c->id = v[i].id;
	c->name = section_heading(d, u, v[i].n);
	size_t depth = 0;
	for (int p = v[i].parent; p >= 0; p = v[p].parent)
		depth++;
	struct diff_step *path = diff_alloc(d, (depth + 1) * sizeof *path);
	size_t k2 = depth;
	for (int p = v[i].parent; p >= 0; p = v[p].parent) {
		path[--k2].kind = "section";
		path[k2].id = v[p].id;
		path[k2].title = section_heading(d, u, v[p].n);
	}
	c->path = path;
	c->npath = depth;
	return c;
}

static void compare_section(struct dctx *x, const struct sec *vb, size_t j, const struct sec *va, size_t i)
{
	struct diff *d = x->d;
	struct spair sp = { x, NULL, NULL, 0, 0, NULL, 0 };
	sp.nb = blocks_of(vb[j].n, &sp.bb);
	sp.na = blocks_of(va[i].n, &sp.ba);
	diff_blocks(&sp);
	const char *lb = diff_attr(d, vb[j].n, "label"), *la = diff_attr(d, va[i].n, "label");
	int retitled = !((lb == la || (lb && la && !strcmp(lb, la))) &&
	                 !strcmp(diff_canon(d, diff_child(vb[j].n, "title")), diff_canon(d, diff_child(va[i].n, "title"))));
	if (sp.nout > 0 || retitled) {
		struct diff_change *c = section_change(x, DK_SECTION_CHANGED, x->ua, va, i, 2L * (long)i);
		c->blocks = sp.out;
		c->nblocks = sp.nout;
		if (retitled) {
			c->field = "title";
			diff_set(d, c, section_heading(d, x->ub, vb[j].n), c->name);
		}
	}
	free(sp.bb);
	free(sp.ba);
}

/* "② 総合戦略の検証 の2番目": where a section sits. */
static const char *section_place(struct diff *d, const struct unit *u, const struct sec *v, size_t i)
{
	if (v[i].parent < 0)
		return diff_printf(d, "検証書 の%d番目", v[i].rank);
	return diff_printf(d, "%s の%d番目", section_heading(d, u, v[v[i].parent].n), v[i].rank);
}

static void section_moves(struct dctx *x, const struct sec *vb, const struct sec *va, size_t na, const int *a2b)
{
	int *v = xmalloc((na + 1) * sizeof *v);
	size_t *at = xmalloc((na + 1) * sizeof *at);
	unsigned char *keep = xmalloc(na + 1);
	size_t n = 0;
	for (size_t i = 0; i < na; i++)
		if (a2b[i] >= 0) {
			at[n] = i;
			v[n++] = a2b[i];
		}
	diff_match_lis(v, n, keep);
	for (size_t k = 0; k < n; k++) {
		size_t i = at[k];
		int j = a2b[i];
		const char *pb = vb[j].parent >= 0 ? vb[vb[j].parent].id : "";
		const char *pa = va[i].parent >= 0 ? va[va[i].parent].id : "";
		if (keep[k] && !strcmp(pb, pa))
			continue;
		struct diff_change *c = section_change(x, DK_SECTION_REORDERED, x->ua, va, i, 2L * (long)i);
		c->before.raw = pb;
		c->after.raw = pa;
		c->before.text = section_place(x->d, x->ub, vb, (size_t)j);
		c->after.text = section_place(x->d, x->ua, va, i);
	}
	free(v);
	free(at);
	free(keep);
}

void diff_sections(struct dctx *x)
{
	struct diff *d = x->d;
	struct sec *vb = NULL, *va = NULL;
	size_t nb = 0, na = 0;
	collect_sections(d, diff_child(xmlDocGetRootElement(x->ub->src.doc), "document"), -1, &vb, &nb);
	collect_sections(d, diff_child(xmlDocGetRootElement(x->ua->src.doc), "document"), -1, &va, &na);
	struct strmap t;
	strmap_init(&t, nb);
	for (size_t j = 0; j < nb; j++)
		strmap_put(&t, vb[j].id, (int)j);
	int *a2b = xmalloc((na + 1) * sizeof *a2b), *b2a = xmalloc((nb + 1) * sizeof *b2a);
	long *posb = xmalloc((nb + 1) * sizeof *posb);
	for (size_t j = 0; j < nb; j++)
		b2a[j] = -1;
	for (size_t i = 0; i < na; i++) {
		int j = a2b[i] = strmap_get(&t, va[i].id);
		if (j >= 0)
			b2a[j] = (int)i;
	}
	diff_match_merge(nb, b2a, posb);
	section_moves(x, vb, va, na, a2b);
	for (size_t i = 0; i < na; i++) {
		if (a2b[i] >= 0) {
			compare_section(x, vb, (size_t)a2b[i], va, i);
			continue;
		}
		struct diff_change *c = section_change(x, DK_SECTION_ADDED, x->ua, va, i, 2L * (long)i);
		diff_set(d, c, NULL, c->name);
	}
	for (size_t j = 0; j < nb; j++) {
		if (b2a[j] >= 0)
			continue;
		struct diff_change *c = section_change(x, DK_SECTION_REMOVED, x->ub, vb, j, posb[j]);
		diff_set(d, c, c->name, NULL);
	}
	strmap_free(&t);
	free(a2b);
	free(b2a);
	free(posb);
	free(vb);
	free(va);
}

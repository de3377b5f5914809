/*
 * layout.c - the layout engine's document walk (see layout.h, layout_int.h).
 *
 * One pass over the layout document places every block on pages: a block
 * is measured with pango at the width it gets, then its lines (or a
 * table's rows, see layout_table.c) go onto the current page until the
 * page is full.  What depends on the finished pages (the page numbers of
 * the table of contents, the running header and the "- N -" footers) is
 * filled in afterwards by resolve() and decorate(); their size does not
 * depend on the numbers, so one pass suffices.  layout_draw.c then draws.
 *
 * The font.  Measured on this machine (pango 1.50, cairo 1.16) with the same
 * Japanese text, 12 paragraphs a page, a quarter of them bold; the time is
 * the whole process's:
 *                       1 page     15 pages    60 pages   time (15 pages)
 *   Noto Sans CJK JP    1.81 MB    1.98 MB     2.13 MB    0.28 s
 *   IPAexGothic         0.11 MB    0.33 MB     0.47 MB    0.18 s
 * Noto's CFF faces are subset, but cairo keeps their whole local-subroutine
 * tables (about 0.9 MB per face), so even a one-page document weighs 1.8 MB;
 * IPAex is TrueType and subsets to the glyphs used, and loads faster.  IPAex
 * has no bold face: cairo emboldens the outlines and embeds them as a
 * subset Type 1 font (CairoFont-0-0), which pdffonts lists as embedded and
 * subset, and whose text extracts correctly.  So the default is IPAexGothic
 * (fonts-ipaexfont); another family can be named in layout_opts.
 */
#include "i18n.h"
#include "layout_int.h"

#include <pango/pangofc-font.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A4_SHORT 595.276
#define A4_LONG 841.89
#define MM (72 / 25.4)
#define MARGIN (20 * MM)
#define EPS 0.01

/* --- messages ------------------------------------------------------------------ */

void layout_warn(struct engine *e, int src, const char *rule, const char *fmt, ...)
{
	if (e->host == NULL || e->host->warn == NULL)
		return;
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, gettext(fmt), ap);   /* xgettext --keyword=layout_warn:4 */
	va_end(ap);
	e->host->warn(e->host->ud, src, rule, buf_str(&msg));
	buf_free(&msg);
}

/* A document outside the vocabulary is the stylesheet's bug: an error with
 * the line of the layout document, not of the source. */
void layout_fail(struct engine *e, xmlNode *n, const char *fmt, ...)
{
	va_list ap;
	buf_printf(e->err, _("layout document line %ld: "), n ? xmlGetLineNo(n) : 0L);
	va_start(ap, fmt);
	buf_vprintf(e->err, gettext(fmt), ap);   /* xgettext --keyword=layout_fail:3 */
	va_end(ap);
	buf_putc(e->err, '\n');
	e->failed = 1;
}

/* --- pages and items --------------------------------------------------------- */

static struct page *cur_page(struct engine *e)
{
	return &e->pages.pg[e->pages.n - 1];
}

static int is_geometry(enum item_kind k)
{
	return k == IT_TEXT || k == IT_FILL || k == IT_STROKE || k == IT_RULES || k == IT_DOTS ||
	       k == IT_CHART || k == IT_TOCREF;
}

static struct item *page_add(struct page *p, enum item_kind kind)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->items = xrealloc(p->items, p->cap * sizeof *p->items);
	}
	struct item *it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->ref = -1;
	return it;
}

/* An item on the current page, valid until the next layout_add_item. */
struct item *layout_add_item(struct engine *e, enum item_kind kind)
{
	if (is_geometry(kind))
		e->keep = 0;   /* something follows the kept heading on its page */
	return page_add(cur_page(e), kind);
}

static void start_page(struct engine *e)
{
	struct pages *ps = &e->pages;
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 16;
		ps->pg = xrealloc(ps->pg, ps->cap * sizeof *ps->pg);
	}
	struct page *p = &ps->pg[ps->n++];
	memset(p, 0, sizeof *p);
	p->w = e->landscape ? A4_LONG : A4_SHORT;
	p->h = e->landscape ? A4_SHORT : A4_LONG;
	p->ml = p->mr = p->mt = p->mb = MARGIN;
	e->left = p->ml;
	e->right = p->w - p->mr;
	e->top = p->mt;
	e->bottom = p->h - p->mb;
	e->y = e->top;
}

static void shift_item(struct item *it, double dy)
{
	it->y += dy;
	it->oy += dy;
	for (size_t i = 0; i < it->nrects; i++)
		it->rects[4 * i + 1] += dy;
	for (size_t i = 0; i < it->nsegs; i++) {
		it->segs[4 * i + 1] += dy;
		it->segs[4 * i + 3] += dy;
	}
}

/*
 * A new page of the current orientation.  If a heading was the last thing
 * placed on the page being left (e->keep), its items move to the top of the
 * new page with it: a heading never ends a page.  Moving the tail of one page
 * to the head of the next keeps the items in reading order.
 */
void layout_new_page(struct engine *e)
{
	size_t from = e->pages.n - 1;
	int move = e->keep && e->keep_page == from && e->keep_y > e->top + EPS;
	double old_y = e->y, ky = e->keep_y;
	e->keep = 0;
	start_page(e);
	if (!move)
		return;
	struct page *src = &e->pages.pg[from];
	double dy = e->top - ky;
	for (size_t i = e->keep_item; i < src->n; i++) {
		struct item *it = page_add(cur_page(e), IT_TAG_END);
		src = &e->pages.pg[from];
		*it = src->items[i];
		shift_item(it, dy);
	}
	src->n = e->keep_item;
	e->y = old_y + dy;
	/* still kept (a following heading chains on), but now at the top */
	e->keep = 1;
	e->keep_page = e->pages.n - 1;
	e->keep_item = 0;
	e->keep_y = e->top;
}

/* Starts a new page unless h points fit below e->y (or the page is empty). */
void layout_ensure_room(struct engine *e, double h)
{
	if (e->y + h > e->bottom + EPS && e->y > e->top + EPS)
		layout_new_page(e);
}

/* Vertical space between blocks, dropped at the top of a page. */
static void vspace(struct engine *e, double h)
{
	if (e->y > e->top + EPS)
		e->y += h;
}

void layout_add_tag(struct engine *e, enum item_kind kind, const char *type)
{
	struct item *it = layout_add_item(e, kind);
	it->str = xstrdup(type);
}

void layout_add_tag_text(struct engine *e, const char *type, const char *text)
{
	struct item *it = layout_add_item(e, IT_TAG_BEGIN);
	it->str = xstrdup(type);
	it->text = xstrdup(text ? text : "");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static long id_index(const struct engine *e, const char *id)
{
	if (e->nids == 0)
		return -1;
	char *const *p = bsearch(&id, e->ids, e->nids, sizeof *e->ids, cmp_str);
	return p ? (long)(p - e->ids) : -1;
}

int layout_has_id(const struct engine *e, const char *id)
{
	return id_index(e, id) >= 0;
}

/* A named destination for the block's id, the first time the id is seen
 * (a second block with the same id was reported by prescan). */
void layout_add_dest(struct engine *e, xmlNode *n, double x, double y)
{
	const char *id = layout_attr(n, "id");
	long k = id ? id_index(e, id) : -1;
	if (k < 0 || e->id_done[k])
		return;
	e->id_done[k] = 1;
	struct item *it = layout_add_item(e, IT_DEST);
	it->str = xstrdup(id);
	it->x = x;
	it->y = y;
}

/* Lines [line0, line1) of l on page p, the layout's top-left corner at
 * (ox, oy).  The item's box is the union of the lines' logical extents:
 * what was drawn, not the room it was given. */
static struct item *page_text(struct page *p, PangoLayout *l, int line0, int line1,
                              double ox, double oy)
{
	double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;
	do {
		if (i >= line0) {
			PangoRectangle log;
			int t, b;
			pango_layout_iter_get_line_extents(it, NULL, &log);
			pango_layout_iter_get_line_yrange(it, &t, &b);
			x0 = fmin(x0, (double)log.x / PANGO_SCALE);
			x1 = fmax(x1, (double)(log.x + log.width) / PANGO_SCALE);
			y0 = fmin(y0, (double)t / PANGO_SCALE);
			y1 = fmax(y1, (double)b / PANGO_SCALE);
		}
		i++;
	} while (i < line1 && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	struct item *t = page_add(p, IT_TEXT);
	t->box = BOX_TEXT;
	t->layout = g_object_ref(l);
	t->line0 = line0;
	t->line1 = line1;
	t->ox = ox;
	t->oy = oy;
	t->x = ox + (x1 < x0 ? 0 : x0);
	t->y = oy + (y1 < y0 ? 0 : y0);
	t->w = x1 < x0 ? 0 : x1 - x0;
	t->h = y1 < y0 ? 0 : y1 - y0;
	return t;
}

void layout_add_text(struct engine *e, PangoLayout *l, int line0, int line1, double ox, double oy, int src)
{
	e->keep = 0;
	struct item *it = page_text(cur_page(e), l, line0, line1, ox, oy);
	it->src = src;
	it->artifact = e->artifact;
}

void layout_add_rule(struct engine *e, double x, double y, double w, double h, double lw, unsigned rgb)
{
	struct item *it = layout_add_item(e, IT_STROKE);
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->lw = lw;
	it->rgb = rgb;
}

/* A segment of layout_add_rules(): on the line `c` (a y for a horizontal
 * segment, an x for a vertical one) from a to b, a <= b.  key is c on a
 * grid of 1/1024 pt, so that two borders computed by different sums of the
 * same widths fall on one line. */
struct seg {
	int vertical;
	long long key;
	double c, a, b;
};

static int seg_cmp(const void *pa, const void *pb)
{
	const struct seg *p = pa, *q = pb;
	if (p->vertical != q->vertical)
		return p->vertical - q->vertical;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return p->a < q->a ? -1 : p->a > q->a;
}

/* Segments that overlap or touch on one line become one. */
static size_t merge_segs(struct seg *v, size_t n)
{
	size_t out = 0;
	for (size_t i = 0; i < n; i++) {
		if (out > 0 && v[out - 1].vertical == v[i].vertical && v[out - 1].key == v[i].key &&
		    v[i].a <= v[out - 1].b + 1e-6) {
			v[out - 1].b = fmax(v[out - 1].b, v[i].b);
			continue;
		}
		v[out++] = v[i];
	}
	return out;
}

/*
 * Axis-parallel segments (x0, y0, x1, y1 each) drawn as one path with one
 * stroke: a table's borders on a page.  Each cell's box gives its four
 * sides, so every inner border comes twice; here it is drawn once, and the
 * borders along one line join into one segment.  cairo's PDF surface does
 * work for every drawing operation that grows with the operations already
 * on the page, so a page of ruled table costs far less this way, and
 * the rules no longer darken where they were stroked twice.
 */
void layout_add_rules(struct engine *e, const double *segs, size_t n, double lw, unsigned rgb)
{
	struct seg *v = xmalloc((n ? n : 1) * sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		const double *s = segs + 4 * i;
		int vert = fabs(s[0] - s[2]) < 1e-9;
		double a = vert ? fmin(s[1], s[3]) : fmin(s[0], s[2]);
		double b = vert ? fmax(s[1], s[3]) : fmax(s[0], s[2]);
		if (b - a < 1e-9 || (!vert && fabs(s[1] - s[3]) >= 1e-9))
			continue;   /* a point draws nothing; a slanted line is not a rule */
		double c = vert ? s[0] : s[1];
		v[m++] = (struct seg){ vert, llround(c * 1024), c, a, b };
	}
	qsort(v, m, sizeof *v, seg_cmp);
	m = merge_segs(v, m);
	if (m > 0) {
		struct item *it = layout_add_item(e, IT_RULES);
		it->artifact = ART_OVER;   /* table rules: layout, not content */
		it->segs = xmalloc(4 * m * sizeof *it->segs);
		it->nsegs = m;
		it->lw = lw;
		it->rgb = rgb;
		for (size_t i = 0; i < m; i++) {
			double *d = it->segs + 4 * i;
			d[0] = v[i].vertical ? v[i].c : v[i].a;
			d[1] = v[i].vertical ? v[i].a : v[i].c;
			d[2] = v[i].vertical ? v[i].c : v[i].b;
			d[3] = v[i].vertical ? v[i].b : v[i].c;
		}
	}
	free(v);
}

void layout_add_fill(struct engine *e, double x, double y, double w, double h, unsigned rgb)
{
	struct item *it = layout_add_item(e, IT_FILL);
	it->artifact = ART_UNDER;   /* a cell's or a frame's background */
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->rgb = rgb;
}

/* cairo's attribute strings quote with ' and escape with a backslash. */
static void put_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

static void push_rect(struct item *it, double x, double y, double w, double h)
{
	it->rects = xrealloc(it->rects, (it->nrects + 1) * 4 * sizeof *it->rects);
	double *r = it->rects + 4 * it->nrects++;
	r[0] = x;
	r[1] = y;
	r[2] = w;
	r[3] = h;
}

/* Where a line of a layout is: its bytes [a, b), and its extents in pango
 * units. */
struct line_geom {
	PangoLayoutLine *line;
	int a, b;
	int x, top, bottom;
};

/* Lines [line0, line1) of l in one walk; their number, the array in *out
 * (the caller frees it). */
static int line_geoms(PangoLayout *l, int line0, int line1, struct line_geom **out)
{
	struct line_geom *g = xmalloc((size_t)(line1 > line0 ? line1 - line0 : 1) * sizeof *g);
	int n = 0, i = 0;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		if (i >= line0) {
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			PangoRectangle log;
			pango_layout_iter_get_line_extents(it, NULL, &log);
			g[n].line = line;
			g[n].a = line->start_index;
			g[n].b = line->start_index + line->length;
			g[n].x = log.x;
			pango_layout_iter_get_line_yrange(it, &g[n].top, &g[n].bottom);
			n++;
		}
		i++;
	} while (i < line1 && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	*out = g;
	return n;
}

/* The first of the n lines g that ends after byte `at`, or n. */
static int line_after(const struct line_geom *g, int n, int at)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (g[mid].b > at)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* One link item per <link> in the drawn lines, with one rectangle per line
 * the link's text is on.  The lines are measured once and each link finds
 * its first line by bisection, so a paragraph of many links across many
 * pages costs its lines plus its links, not their product. */
void layout_add_links(struct engine *e, const struct rich *r, PangoLayout *l, int line0, int line1,
                      double ox, double oy)
{
	if (r->nlinks == 0)
		return;
	struct line_geom *g;
	int n = line_geoms(l, line0, line1, &g);
	for (size_t k = 0; k < r->nlinks; k++) {
		const struct lspan *s = &r->links[k];
		struct item tmp = { .kind = IT_LINK };
		for (int i = line_after(g, n, (int)s->start); i < n && g[i].a < (int)s->end; i++) {
			int from = (int)s->start > g[i].a ? (int)s->start : g[i].a;
			int to = (int)s->end < g[i].b ? (int)s->end : g[i].b;
			int x0, x1;
			if (from >= to)
				continue;
			pango_layout_line_index_to_x(g[i].line, from, 0, &x0);
			pango_layout_line_index_to_x(g[i].line, to, 0, &x1);
			push_rect(&tmp, ox + (double)(g[i].x + x0) / PANGO_SCALE, oy + (double)g[i].top / PANGO_SCALE,
			          (double)(x1 - x0) / PANGO_SCALE, (double)(g[i].bottom - g[i].top) / PANGO_SCALE);
		}
		if (tmp.nrects == 0)
			continue;
		struct buf a = BUF_INIT;
		buf_puts(&a, "dest=");
		put_quoted(&a, s->to);
		struct item *li = layout_add_item(e, IT_LINK);
		*li = tmp;
		li->ref = -1;
		li->str = xstrdup(buf_str(&a));
		li->text = xstrndup(r->text.data + s->start, s->end - s->start);
		buf_free(&a);
	}
	free(g);
}

/* --- lines of text ------------------------------------------------------------ */

/* Starts a new page unless the first lines of l fit: two lines, or all of a
 * paragraph of three or fewer (no orphan is left at the foot of a page). */
static void ensure_first_lines(struct engine *e, PangoLayout *l)
{
	int n = layout_lines(l);
	if (n == 0)
		return;
	double t, b, base;
	layout_line_range(l, n <= 3 ? n - 1 : 1, &t, &b, &base);
	layout_ensure_room(e, b);
}

/*
 * Places the lines of l at x, from e->y on, continuing on new pages as
 * needed.  A page break leaves at least two lines on each side where the
 * paragraph has four or more (no orphans, no widows).
 */
static void place_lines(struct engine *e, PangoLayout *l, const struct rich *r, double x, int src)
{
	int n = layout_lines(l);
	double *top = xmalloc((size_t)n * sizeof *top), *bot = xmalloc((size_t)n * sizeof *bot);
	if (n > 0)
		layout_line_ranges(l, top, bot);
	int i = 0;
	while (i < n) {
		int j = i;
		while (j < n && e->y + bot[j] - top[i] <= e->bottom + EPS)
			j++;
		if (j < n && n - j < 2 && j - i > 2)
			j = n - 2;                        /* no widow */
		int orphan = i == 0 && j < n && j < 2 && n > 1;
		if ((j == i || orphan) && e->y > e->top + EPS) {
			layout_new_page(e);
			continue;
		}
		if (j == i)
			j = i + 1;                        /* a line taller than a page */
		layout_add_text(e, l, i, j, x, e->y - top[i], src);
		if (r != NULL)
			layout_add_links(e, r, l, i, j, x, e->y - top[i]);
		e->y += bot[j - 1] - top[i];
		i = j;
		if (i < n)
			layout_new_page(e);
	}
	free(top);
	free(bot);
}

static double text_width(const struct engine *e)
{
	return e->right - e->left;
}

/* --- blocks ---------------------------------------------------------------------- */

static int heading_level(xmlNode *n)
{
	const char *l = layout_attr(n, "level");
	int v = l ? atoi(l) : 2;
	return v < 1 ? 1 : v > 4 ? 4 : v;
}

static int in_outline(xmlNode *n)
{
	const char *o = layout_attr(n, "outline");
	int level = heading_level(n);
	return level >= 2 && (o == NULL || strcmp(o, "no") != 0);
}

static void flow_heading(struct engine *e, xmlNode *n)
{
	static const char *const tags[] = { "H1", "H2", "H3", "H4" };
	int level = heading_level(n);
	enum lstyle st = (enum lstyle)(LS_H1 + level - 1);
	struct rich r;
	layout_rich_init(&r);
	layout_rich_inline(e, n, &r);
	PangoLayout *l = layout_rich(e, &r, st, text_width(e),
	                             level == 1 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, 0, 0);
	vspace(e, layout_styles[st].before);
	/* the heading and two lines of what follows, or a new page */
	layout_ensure_room(e, layout_height(l) + 2 * layout_styles[LS_BODY].leading * layout_styles[LS_BODY].size);
	int chain = e->keep && e->keep_page == e->pages.n - 1;
	size_t kitem = chain ? e->keep_item : cur_page(e)->n;
	double ky = chain ? e->keep_y : e->y;

	layout_add_tag(e, IT_TAG_BEGIN, tags[level - 1]);
	layout_add_dest(e, n, e->left, e->y);
	if (level >= 2 && in_outline(n) && e->next_head < e->nheads) {
		struct item *o = layout_add_item(e, IT_OUTLINE);
		o->num = level;
		o->ref = (int)e->next_head++;
		o->str = xstrdup(e->heads[o->ref].bookmark);
		o->x = e->left;
		o->y = e->y;
		struct item *d = layout_add_item(e, IT_DEST);
		d->str = xstrdup(e->heads[o->ref].dest);
		d->x = e->left;
		d->y = e->y;
	}
	place_lines(e, l, &r, e->left, layout_src_of(n));
	if (level == 2)   /* a hairline under the chapter headings */
		layout_add_rule(e, e->left, e->y + 2, text_width(e), 0, 0.6, 0x1f4e79);
	layout_add_tag(e, IT_TAG_END, tags[level - 1]);
	e->y += layout_styles[st].after;
	e->keep = 1;
	e->keep_page = e->pages.n - 1;
	e->keep_item = kitem;
	e->keep_y = ky;
	g_object_unref(l);
	layout_rich_free(&r);
}

static enum lstyle para_style(xmlNode *n, PangoAlignment *align)
{
	const char *s = layout_attr(n, "style");
	*align = PANGO_ALIGN_LEFT;
	if (s == NULL || strcmp(s, "body") == 0)
		return LS_BODY;
	if (strcmp(s, "note") == 0)
		return LS_NOTE;
	if (strcmp(s, "small") == 0)
		return LS_SMALL;
	*align = strcmp(s, "right") == 0 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER;
	if (strcmp(s, "title") == 0)
		return LS_TITLE;
	if (strcmp(s, "subtitle") == 0)
		return LS_SUBTITLE;
	return LS_BODY;   /* center, right */
}

static void flow_p(struct engine *e, xmlNode *n)
{
	PangoAlignment align;
	enum lstyle st = para_style(n, &align);
	struct rich r;
	layout_rich_init(&r);
	layout_rich_inline(e, n, &r);
	PangoLayout *l = layout_rich(e, &r, st, text_width(e), align, 0, 0);
	vspace(e, layout_styles[st].before);
	ensure_first_lines(e, l);
	layout_add_tag(e, IT_TAG_BEGIN, "P");
	layout_add_dest(e, n, e->left, e->y);
	place_lines(e, l, &r, e->left, layout_src_of(n));
	layout_add_tag(e, IT_TAG_END, "P");
	e->y += layout_styles[st].after;
	g_object_unref(l);
	layout_rich_free(&r);
}

/* The marker of item number k (1-based): its label, or the list's. */
static void item_marker(xmlNode *list, xmlNode *item, int k, struct buf *out)
{
	const char *label = layout_attr(item, "label");
	const char *m = layout_attr(list, "marker");
	if (label != NULL)
		buf_puts(out, label);
	else if (m != NULL && strcmp(m, "decimal") == 0)
		buf_printf(out, "%d.", k);
	else if (m == NULL || strcmp(m, "bullet") == 0)
		buf_puts(out, "・");
}

/* The width of the marker column: the widest marker and a half-em gap. */
static double marker_column(struct engine *e, xmlNode *list, enum lstyle st)
{
	double w = 0;
	int k = 0;
	for (xmlNode *c = list->children; c != NULL; c = c->next) {
		if (!layout_is_el(c, "item"))
			continue;
		struct buf m = BUF_INIT;
		item_marker(list, c, ++k, &m);
		if (m.len > 0) {
			PangoLayout *l = layout_plain(e, buf_str(&m), st, 0, PANGO_ALIGN_LEFT);
			w = fmax(w, layout_width(l) + layout_styles[st].size * 0.5);
			g_object_unref(l);
		}
		buf_free(&m);
	}
	return w;
}

static void flow_item(struct engine *e, xmlNode *list, xmlNode *item, int k, enum lstyle st,
                      double indent)
{
	struct rich r;
	layout_rich_init(&r);
	layout_rich_inline(e, item, &r);
	PangoLayout *l = layout_rich(e, &r, st, text_width(e) - indent, PANGO_ALIGN_LEFT, 0, 0);
	ensure_first_lines(e, l);
	layout_add_tag(e, IT_TAG_BEGIN, "LI");
	layout_add_dest(e, item, e->left, e->y);
	struct buf m = BUF_INIT;
	item_marker(list, item, k, &m);
	if (m.len > 0 && layout_lines(l) > 0) {
		PangoLayout *ml = layout_plain(e, buf_str(&m), st, 0, PANGO_ALIGN_LEFT);
		double t, b, base_text, base_mark;
		layout_line_range(l, 0, &t, &b, &base_text);
		layout_line_range(ml, 0, &t, &b, &base_mark);
		layout_add_tag(e, IT_TAG_BEGIN, "Lbl");
		layout_add_text(e, ml, 0, 1, e->left, e->y + base_text - base_mark, layout_src_of(item));
		layout_add_tag(e, IT_TAG_END, "Lbl");
		g_object_unref(ml);
	}
	buf_free(&m);
	layout_add_tag(e, IT_TAG_BEGIN, "LBody");
	place_lines(e, l, &r, e->left + indent, layout_src_of(item));
	layout_add_tag(e, IT_TAG_END, "LBody");
	layout_add_tag(e, IT_TAG_END, "LI");
	e->y += layout_styles[st].after / 2;
	g_object_unref(l);
	layout_rich_free(&r);
}

static void flow_list(struct engine *e, xmlNode *n)
{
	PangoAlignment align;
	enum lstyle st = para_style(n, &align);
	double indent = marker_column(e, n, st);
	int k = 0;
	vspace(e, layout_styles[st].before);
	layout_add_tag(e, IT_TAG_BEGIN, "L");
	layout_add_dest(e, n, e->left, e->y);
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (layout_is_el(c, "item"))
			flow_item(e, n, c, ++k, st, indent);
		else if (c->type == XML_ELEMENT_NODE)
			layout_fail(e, c, "<list> holds only <item> elements, not <%s>", (const char *)c->name);
	}
	layout_add_tag(e, IT_TAG_END, "L");
	e->y += layout_styles[st].after / 2;
}

/* --- figures ---------------------------------------------------------------------- */

struct fig {
	struct chart *chart;   /* NULL: the host has none; a framed alt text instead */
	double w, h;           /* the drawing, points */
	double scale;
	struct rich cap;
	PangoLayout *capl;     /* the caption, or NULL */
	double caph;
};

static xmlNode *child_el(xmlNode *n, const char *name)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (layout_is_el(c, name))
			return c;
	return NULL;
}

/* Asks the host for the chart and scales it into avail x maxh points
 * (caption included), never wider than the column, never taller than a page. */
static void measure_figure(struct engine *e, xmlNode *n, double avail, double maxh, struct fig *f)
{
	const char *kind = layout_attr(n, "kind"), *ref = layout_attr(n, "ref");
	memset(f, 0, sizeof *f);
	layout_rich_init(&f->cap);
	xmlNode *cap = child_el(n, "caption");
	if (cap != NULL) {
		layout_rich_inline(e, cap, &f->cap);
		f->capl = layout_rich(e, &f->cap, LS_CAPTION, avail, PANGO_ALIGN_CENTER, 0, 0);
		f->caph = layout_height(f->capl) + layout_styles[LS_CAPTION].before;
	}
	if (e->host != NULL && e->host->figure != NULL && kind != NULL)
		f->chart = e->host->figure(e->host->ud, kind, ref);
	if (f->chart != NULL && f->chart->width > 0 && f->chart->height > 0) {
		f->scale = fmin(avail / f->chart->width, (maxh - f->caph) / f->chart->height);
		f->w = f->chart->width * f->scale;
		f->h = f->chart->height * f->scale;
		return;
	}
	if (f->chart != NULL)
		chart_free(f->chart);
	f->chart = NULL;
	layout_warn(e, layout_src_of(n), "layout-figure-missing",
	            /* xgettext:c-format */ ref ? N_("no chart for figure kind '%s' (ref '%s'); its text alternative is shown instead")
	      /* xgettext:c-format */ : N_("no chart for figure kind '%s'%s; its text alternative is shown instead"),
	      kind ? kind : "", ref ? ref : "");
	f->w = avail;
	f->h = 4 * layout_styles[LS_BODY].size;
}

static void fig_free(struct fig *f)
{
	if (f->chart != NULL)
		chart_free(f->chart);
	if (f->capl != NULL)
		g_object_unref(f->capl);
	layout_rich_free(&f->cap);
}

/* Draws a measured figure centred in a column [x, x + colw) at e->y; the
 * chart's ownership passes to the page. */
static void place_figure(struct engine *e, xmlNode *n, struct fig *f, double x, double colw)
{
	double fx = x + (colw - f->w) / 2, y = e->y;
	layout_add_tag_text(e, "Figure", layout_attr(n, "alt"));
	layout_add_dest(e, n, x, y);
	if (f->chart != NULL) {
		struct item *it = layout_add_item(e, IT_CHART);
		it->box = BOX_FIGURE;
		it->chart = f->chart;
		it->scale = f->scale;
		it->x = fx;
		it->y = y;
		it->w = f->w;
		it->h = f->h;
		it->src = layout_src_of(n);
		f->chart = NULL;
	} else {
		const char *alt = layout_attr(n, "alt");
		PangoLayout *l = layout_plain(e, alt ? alt : "", LS_SMALL, f->w - 12, PANGO_ALIGN_CENTER);
		layout_add_fill(e, fx, y, f->w, f->h, 0xf2f2f2);
		layout_add_text(e, l, 0, layout_lines(l), fx + 6, y + (f->h - layout_height(l)) / 2, layout_src_of(n));
		g_object_unref(l);
	}
	layout_add_tag(e, IT_TAG_END, "Figure");
	if (f->capl != NULL) {
		layout_add_tag(e, IT_TAG_BEGIN, "Caption");
		double capw = (double)pango_layout_get_width(f->capl) / PANGO_SCALE;
		layout_add_text(e, f->capl, 0, layout_lines(f->capl), x + (colw - capw) / 2,
		                y + f->h + layout_styles[LS_CAPTION].before, layout_src_of(n));
		layout_add_tag(e, IT_TAG_END, "Caption");
	}
}

static double page_room(const struct engine *e)
{
	return e->bottom - e->top;
}

static void flow_figure(struct engine *e, xmlNode *n)
{
	const char *pct = layout_attr(n, "width");
	double share = pct ? atof(pct) / 100 : 1;
	if (share <= 0 || share > 1)
		share = 1;
	struct fig f;
	measure_figure(e, n, text_width(e) * share, page_room(e), &f);
	vspace(e, layout_styles[LS_BODY].size);
	layout_ensure_room(e, f.h + f.caph);
	place_figure(e, n, &f, e->left, text_width(e));
	e->y += f.h + f.caph + layout_styles[LS_BODY].size;
	fig_free(&f);
}

/* Figures side by side, `columns` to a row; a row never breaks. */
static void flow_grid(struct engine *e, xmlNode *n)
{
	const char *c = layout_attr(n, "columns");
	int cols = c ? atoi(c) : 1;
	cols = cols < 1 ? 1 : cols > 64 ? 64 : cols;
	double gap = 12, colw = (text_width(e) - gap * (cols - 1)) / cols;
	xmlNode *figs[64];
	int first = 1;
	vspace(e, layout_styles[LS_BODY].size);
	xmlNode *next = n->children;
	for (;;) {
		int k = 0;
		for (; next != NULL && k < cols; next = next->next)
			if (layout_is_el(next, "figure"))
				figs[k++] = next;
		if (k == 0)
			break;
		struct fig f[64];
		double rowh = 0;
		for (int i = 0; i < k; i++) {
			measure_figure(e, figs[i], colw, page_room(e), &f[i]);
			rowh = fmax(rowh, f[i].h + f[i].caph);
		}
		layout_ensure_room(e, rowh);
		if (first)
			layout_add_dest(e, n, e->left, e->y);
		first = 0;
		for (int i = 0; i < k; i++) {
			place_figure(e, figs[i], &f[i], e->left + i * (colw + gap), colw);
			fig_free(&f[i]);
		}
		e->y += rowh + gap;
	}
}

/* --- the table of contents ------------------------------------------------------ */

/*
 * One entry per outline heading: its title, a dotted leader and the page
 * number, all of it a link to the heading.  The number, the leader and the
 * link's target are placeholders (IT_TOCREF, IT_DOTS, IT_LINK without a
 * target) until resolve() knows the pages; the number column has a fixed
 * width, so nothing moves when they are filled in.
 */
static void toc_entry(struct engine *e, size_t k, double numcol)
{
	const struct lheading *h = &e->heads[k];
	double indent = (h->level - 2) * 1.5 * layout_styles[LS_BODY].size;
	double width = text_width(e) - indent - numcol;
	struct rich r;
	layout_rich_init(&r);
	layout_rich_text(&r, h->title);
	PangoLayout *l = layout_rich(e, &r, LS_BODY, width, PANGO_ALIGN_LEFT, 0, h->level == 2);
	ensure_first_lines(e, l);
	layout_add_tag(e, IT_TAG_BEGIN, "TOCI");
	/* the text in an element of its own: cairo marks only the content of
	 * elements without children, and the TOCI holds the Link too */
	layout_add_tag(e, IT_TAG_BEGIN, "Reference");
	double y0 = e->y;
	place_lines(e, l, NULL, e->left + indent, 0);
	int n = layout_lines(l);
	double t, b, base;
	layout_line_range(l, n - 1, &t, &b, &base);
	PangoLayoutLine *last = pango_layout_get_line_readonly(l, n - 1);
	PangoRectangle log;
	pango_layout_line_get_extents(last, NULL, &log);
	struct item *ref = layout_add_item(e, IT_TOCREF);
	ref->ref = (int)k;
	ref->x = e->left + indent + (double)(log.x + log.width) / PANGO_SCALE;   /* the title's end */
	ref->y = e->y - (b - base);                                              /* its baseline */
	ref->num = h->level;
	struct item *dots = layout_add_item(e, IT_DOTS);
	dots->ref = (int)k;
	dots->rgb = 0x404040;
	layout_add_tag(e, IT_TAG_END, "Reference");
	struct item *link = layout_add_item(e, IT_LINK);
	link->ref = (int)k;
	link->text = xstrdup(h->title);
	if (e->y < y0)   /* the entry went on over a page break: its last page */
		y0 = e->top;
	push_rect(link, e->left + indent, y0, text_width(e) - indent, e->y - y0);
	layout_add_tag(e, IT_TAG_END, "TOCI");
	e->y += layout_styles[LS_BODY].size * 0.35;
	g_object_unref(l);
	layout_rich_free(&r);
}

static void flow_toc(struct engine *e, xmlNode *n)
{
	const char *title = layout_attr(n, "title");
	PangoLayout *l = layout_plain(e, title ? title : "目次", LS_H2, text_width(e), PANGO_ALIGN_LEFT);
	PangoLayout *num = layout_plain(e, "0000", LS_BODY, 0, PANGO_ALIGN_LEFT);
	double numcol = layout_width(num) + layout_styles[LS_BODY].size;
	vspace(e, layout_styles[LS_H2].before);
	ensure_first_lines(e, l);
	layout_add_tag(e, IT_TAG_BEGIN, "TOC");
	layout_add_dest(e, n, e->left, e->y);
	layout_add_tag(e, IT_TAG_BEGIN, "Caption");
	place_lines(e, l, NULL, e->left, layout_src_of(n));
	layout_add_tag(e, IT_TAG_END, "Caption");
	e->y += layout_styles[LS_H2].after;
	for (size_t k = 0; k < e->nheads; k++)
		toc_entry(e, k, numcol);
	layout_add_tag(e, IT_TAG_END, "TOC");
	e->y += layout_styles[LS_BODY].after;
	g_object_unref(num);
	g_object_unref(l);
}

/* --- the document ---------------------------------------------------------------- */

static int is_blank(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE)
		return n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE;
	for (const xmlChar *p = n->content; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

static void flow_block(struct engine *e, xmlNode *n)
{
	if (layout_is_el(n, "heading")) {
		flow_heading(e, n);
	} else if (layout_is_el(n, "p")) {
		flow_p(e, n);
	} else if (layout_is_el(n, "list")) {
		flow_list(e, n);
	} else if (layout_is_el(n, "table")) {
		layout_flow_table(e, n);
	} else if (layout_is_el(n, "figure")) {
		flow_figure(e, n);
	} else if (layout_is_el(n, "figure-grid")) {
		flow_grid(e, n);
	} else if (layout_is_el(n, "toc")) {
		flow_toc(e, n);
	} else if (layout_is_el(n, "page-break")) {
		e->keep = 0;   /* the stylesheet asked for the break here */
		if (e->y > e->top + EPS)
			layout_new_page(e);
	} else if (layout_is_el(n, "space")) {
		const char *l = layout_attr(n, "lines");
		vspace(e, (l ? atof(l) : 1) * layout_styles[LS_BODY].leading * layout_styles[LS_BODY].size);
	} else if (n->type == XML_ELEMENT_NODE) {
		layout_fail(e, n, "<%s> is not a block of the layout vocabulary", (const char *)n->name);
	} else if (!is_blank(n)) {
		layout_fail(e, n, "text outside a block");
	}
}

static void flow_sequence(struct engine *e, xmlNode *n)
{
	const char *o = layout_attr(n, "orientation");
	e->landscape = o != NULL && strcmp(o, "landscape") == 0;
	e->keep = 0;
	start_page(e);
	for (xmlNode *c = n->children; c != NULL && !e->failed; c = c->next)
		flow_block(e, c);
}

/* A heading's plain text for the table of contents and the outline. */
static void flatten(const xmlNode *n, struct rich *r)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			layout_rich_text(r, (const char *)c->content);
		else if (layout_is_el(c, "br"))
			layout_rich_text(r, " ");
		else if (c->type == XML_ELEMENT_NODE)
			flatten(c, r);
	}
}

static void push_heading(struct engine *e, xmlNode *n)
{
	struct rich r;
	layout_rich_init(&r);
	flatten(n, &r);
	e->heads = xrealloc(e->heads, (e->nheads + 1) * sizeof *e->heads);
	struct lheading *h = &e->heads[e->nheads++];
	memset(h, 0, sizeof *h);
	h->level = heading_level(n);
	h->title = xstrdup(buf_str(&r.text));
	const char *bm = layout_attr(n, "outline-title");
	h->bookmark = xstrdup(bm ? bm : h->title);
	layout_rich_free(&r);
}

/* Before layout: every id (links are checked against them) and every
 * outline heading (the table of contents lists them before they are placed). */
static void prescan(struct engine *e, xmlNode *n, size_t *cap)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *id = layout_attr(c, "id");
		if (id != NULL) {
			if (e->nids == *cap) {
				*cap = *cap ? 2 * *cap : 64;
				e->ids = xrealloc(e->ids, *cap * sizeof *e->ids);
			}
			e->ids[e->nids++] = xstrdup(id);
		}
		if (layout_is_el(c, "heading") && in_outline(c))
			push_heading(e, c);
		prescan(e, c, cap);
	}
}

static void sort_ids(struct engine *e)
{
	if (e->nids > 1)
		qsort(e->ids, e->nids, sizeof *e->ids, cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < e->nids; i++) {
		if (k > 0 && strcmp(e->ids[k - 1], e->ids[i]) == 0) {
			layout_warn(e, 0, "layout-duplicate-id", "id '%s' is on more than one block; links go to the first",
			            e->ids[i]);
			free(e->ids[i]);
			continue;
		}
		e->ids[k++] = e->ids[i];
	}
	e->nids = k;
	e->id_done = xcalloc(k ? k : 1, 1);
}

/*
 * Every outline heading gets a named destination of its own for the table
 * of contents: cairo 1.16 writes a link to "page=N" without any target when
 * the page comes after the link's own page, as the table of contents'
 * links do, while named destinations are resolved at the end.  The names
 * avoid the document's ids.
 */
static void name_heading_dests(struct engine *e)
{
	for (size_t i = 0; i < e->nheads; i++) {
		struct buf name = BUF_INIT;
		buf_printf(&name, "kpic-heading-%zu", i + 1);
		while (layout_has_id(e, buf_str(&name)))
			buf_putc(&name, '_');
		e->heads[i].dest = xstrdup(buf_str(&name));
		buf_free(&name);
	}
}

/* --- after the pages are made ----------------------------------------------------- */

/* Where every outline heading landed. */
static void find_headings(struct engine *e)
{
	for (size_t p = 0; p < e->pages.n; p++) {
		const struct page *pg = &e->pages.pg[p];
		for (size_t i = 0; i < pg->n; i++) {
			const struct item *it = &pg->items[i];
			if (it->kind == IT_OUTLINE && it->ref >= 0) {
				e->heads[it->ref].page = (int)p + 1;
				e->heads[it->ref].x = it->x;
				e->heads[it->ref].y = it->y;
			}
		}
	}
}

/*
 * Fills in the table of contents entry whose placeholder is item i of page
 * pg: the page number (a text item in the placeholder's place, right-aligned
 * on the title's last baseline), the leader between title and number (item
 * i + 1) and the link's target (item i + 3, after the end of the Reference).
 */
static void fill_toc_entry(struct engine *e, struct page *pg, size_t i)
{
	const struct item *ref = &pg->items[i];
	const struct lheading *h = &e->heads[ref->ref];
	double title_end = ref->x, baseline = ref->y, right = pg->w - pg->mr, t, b, base;
	int src = ref->src;
	char num[32];
	snprintf(num, sizeof num, "%d", h->page);
	struct rich r;
	layout_rich_init(&r);
	layout_rich_text(&r, num);
	PangoLayout *l = layout_rich(e, &r, LS_BODY, 0, PANGO_ALIGN_LEFT, 0, ref->num == 2);
	layout_line_range(l, 0, &t, &b, &base);
	double nw = layout_width(l);
	struct item *num_it = page_text(pg, l, 0, 1, right - nw, baseline - base);
	num_it->src = src;
	pg->items[i] = *num_it;   /* the placeholder owns nothing */
	pg->n--;
	struct item *dots = &pg->items[i + 1], *link = &pg->items[i + 3];
	dots->x = title_end + 4;
	dots->y = baseline;
	dots->w = fmax(0, right - nw - 4 - dots->x);
	if (h->page > 0) {
		struct buf a = BUF_INIT;
		buf_puts(&a, "dest=");
		put_quoted(&a, h->dest);
		link->str = xstrdup(buf_str(&a));
		buf_free(&a);
	}
	g_object_unref(l);
	layout_rich_free(&r);
}

/* What needed the finished pages: the table of contents. */
static void resolve(struct engine *e)
{
	find_headings(e);
	for (size_t p = 0; p < e->pages.n; p++) {
		struct page *pg = &e->pages.pg[p];
		for (size_t i = 0; i + 3 < pg->n; i++)
			if (pg->items[i].kind == IT_TOCREF)
				fill_toc_entry(e, pg, i);
	}
}

/* The running header (every page but the first) and the page number
 * "- N -" centred at the foot of every page, in the margins. */
static void decorate(struct engine *e)
{
	for (size_t p = 0; p < e->pages.n; p++) {
		struct page *pg = &e->pages.pg[p];
		double t, b, base;
		char num[32];
		snprintf(num, sizeof num, "- %zu -", p + 1);
		PangoLayout *f = layout_plain(e, num, LS_FOOTER, 0, PANGO_ALIGN_LEFT);
		layout_line_range(f, 0, &t, &b, &base);
		struct item *it = page_text(pg, f, 0, 1, (pg->w - layout_width(f)) / 2,
		                            pg->h - pg->mb / 2 - base);
		it->box = BOX_FOOTER;
		it->rgb = 0x404040;
		it->artifact = ART_PAGINATION;
		g_object_unref(f);
		if (p == 0 || e->running_header == NULL || *e->running_header == '\0')
			continue;
		double width = pg->w - pg->ml - pg->mr;
		PangoLayout *h = layout_plain(e, e->running_header, LS_HEADER, width, PANGO_ALIGN_RIGHT);
		int n = layout_lines(h);
		layout_line_range(h, n - 1, &t, &b, &base);
		it = page_text(pg, h, 0, n, pg->ml, pg->mt - 10 - base);
		it->box = BOX_HEADER;
		it->rgb = 0x595959;
		it->artifact = ART_PAGINATION;
		struct item *rule = page_add(pg, IT_STROKE);
		rule->artifact = ART_PAGINATION;
		rule->x = pg->ml;
		rule->y = pg->mt - 6;
		rule->w = width;
		rule->lw = 0.4;
		rule->rgb = 0x808080;
		g_object_unref(h);
	}
}

static const char *box_name(enum box_kind k)
{
	switch (k) {
	case BOX_TEXT: return "text";
	case BOX_FIGURE: return "figure";
	case BOX_HEADER: return "header";
	case BOX_FOOTER: return "footer";
	default: return "none";
	}
}

/* The text an item draws, for the boxes JSON. */
static void item_text(const struct item *it, struct buf *out)
{
	if (it->layout == NULL)
		return;
	const char *text = pango_layout_get_text(it->layout);
	for (int i = it->line0; i < it->line1; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(it->layout, i);
		if (line != NULL)
			buf_put(out, text + line->start_index, (size_t)line->length);
	}
}

static void json_field(struct buf *b, const char *name, double v)
{
	buf_printf(b, ",\"%s\":", name);
	buf_num(b, v);
}

static void boxes_json(const struct pages *ps, struct buf *out)
{
	for (size_t p = 0; p < ps->n; p++) {
		const struct page *pg = &ps->pg[p];
		for (size_t i = 0; i < pg->n; i++) {
			const struct item *it = &pg->items[i];
			if (it->box == BOX_NONE)
				continue;
			buf_printf(out, "{\"page\":%zu,\"kind\":\"%s\",\"src\":%d", p + 1, box_name(it->box), it->src);
			json_field(out, "x", it->x);
			json_field(out, "y", it->y);
			json_field(out, "w", it->w);
			json_field(out, "h", it->h);
			json_field(out, "page_w", pg->w);
			json_field(out, "page_h", pg->h);
			json_field(out, "margin_top", pg->mt);
			json_field(out, "margin_right", pg->mr);
			json_field(out, "margin_bottom", pg->mb);
			json_field(out, "margin_left", pg->ml);
			struct buf t = BUF_INIT;
			item_text(it, &t);
			buf_puts(out, ",\"text\":");
			buf_json_str(out, buf_str(&t));
			buf_free(&t);
			buf_puts(out, "}\n");
		}
	}
}

/* --- the engine's life --------------------------------------------------------------- */

struct layout_fonts {
	PangoFontMap *map;
};

static void fontmap_finalized(gpointer data, GObject *map)
{
	(void)map;
	g_atomic_int_set((gint *)data, 1);
}

/*
 * Drops the last reference kpic holds to map, and waits until pango's own
 * are gone too.  pango 1.50 matches and sorts fontconfig's fonts for every
 * new font description on two threads it never joins, each holding a
 * reference to the map; one still running when kpic exits leaves its
 * memory behind (valgrind then reports it, as a matter of timing).  They
 * take milliseconds; after 5 s kpic stops waiting, and the flag is left to
 * the thread that will still set it.
 */
static void release_fontmap(PangoFontMap *map)
{
	gint *gone = g_new0(gint, 1);
	g_object_weak_ref(G_OBJECT(map), fontmap_finalized, gone);
	g_object_unref(map);
	for (int i = 0; i < 10000 && !g_atomic_int_get(gone); i++)
		g_usleep(500);
	if (g_atomic_int_get(gone))
		g_free(gone);
}

/* fontconfig reads its configuration, and pango matches and sorts its fonts,
 * on first use, in threads of their own, and neither survives a failed
 * allocation or thread (glib ends the process).  Asking for the metrics of
 * the default family does all of it now: kpic build does so before it writes
 * its first document, so such a failure leaves no document of the run
 * written. */
static void warm_fonts(PangoFontMap *map)
{
	PangoContext *c = pango_font_map_create_context(map);
	PangoFontDescription *d = pango_font_description_from_string(LAYOUT_FONT_FAMILY " 10");
	PangoFontMetrics *m = pango_context_get_metrics(c, d, pango_language_from_string("ja"));
	pango_font_metrics_unref(m);
	pango_font_description_free(d);
	g_object_unref(c);
}

struct layout_fonts *layout_fonts_new(void)
{
	struct layout_fonts *f = xcalloc(1, sizeof *f);
	f->map = pango_cairo_font_map_new();
	warm_fonts(f->map);
	return f;
}

void layout_fonts_free(struct layout_fonts *f)
{
	if (f != NULL)
		release_fontmap(f->map);
	free(f);
}

/* pango measures at 72 dpi (so a point is a unit), with unrounded glyph
 * positions and no hinted metrics: the PDF is vector, and rounding would
 * make widths depend on the size.  The language and an explicit family
 * keep fontconfig from choosing by the process's locale.  A private font
 * map keeps the engine free of global state. */
static void engine_init(struct engine *e, const struct layout_host *h, const struct layout_opts *o,
                        struct buf *err)
{
	memset(e, 0, sizeof *e);
	e->host = h;
	e->err = err;
	e->family = o && o->font_family ? o->font_family : LAYOUT_FONT_FAMILY;
	e->own_fontmap = !(o && o->fonts);
	e->fontmap = e->own_fontmap ? pango_cairo_font_map_new() : g_object_ref(o->fonts->map);
	e->pctx = pango_font_map_create_context(e->fontmap);
	pango_cairo_context_set_resolution(e->pctx, 72);
	pango_context_set_round_glyph_positions(e->pctx, FALSE);
	pango_context_set_language(e->pctx, pango_language_from_string("ja"));
	pango_context_set_base_dir(e->pctx, PANGO_DIRECTION_LTR);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(e->pctx, fo);
	cairo_font_options_destroy(fo);
	layout_init_styles(e);
}

/* Whether any of the font's family names is `family`: pango describes a font
 * by the name in the user's language (IPAexゴシック when LANG is Japanese),
 * fontconfig keeps every name the font has. */
static int has_family(PangoFont *f, const char *family)
{
	FcPattern *p = PANGO_IS_FC_FONT(f) ? pango_fc_font_get_pattern(PANGO_FC_FONT(f)) : NULL;
	FcChar8 *name;
	for (int i = 0; p && FcPatternGetString(p, FC_FAMILY, i, &name) == FcResultMatch; i++)
		if (g_ascii_strcasecmp((const char *)name, family) == 0)
			return 1;
	return 0;
}

/* fontconfig substitutes a missing family without a word: say so. */
static void check_font(struct engine *e)
{
	PangoFontDescription *d = pango_font_description_new();
	pango_font_description_set_family(d, e->family);
	pango_font_description_set_size(d, 10 * PANGO_SCALE);
	PangoFont *f = pango_font_map_load_font(e->fontmap, e->pctx, d);
	if (f != NULL) {
		PangoFontDescription *got = pango_font_describe(f);
		const char *fam = pango_font_description_get_family(got);
		if (fam == NULL || (g_ascii_strcasecmp(fam, e->family) != 0 && !has_family(f, e->family)))
			layout_warn(e, 0, "layout-font", "the font family '%s' is not installed; fontconfig substitutes '%s'",
			            e->family, fam ? fam : "?");
		pango_font_description_free(got);
		g_object_unref(f);
	}
	pango_font_description_free(d);
}

static void item_free(struct item *it)
{
	if (it->layout != NULL)
		g_object_unref(it->layout);
	if (it->chart != NULL)
		chart_free(it->chart);
	free(it->str);
	free(it->text);
	free(it->rects);
	free(it->segs);
}

static void strs_free(struct layout_strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

void layout_tags_free(struct layout_tags *t)
{
	if (t == NULL)
		return;
	strs_free(&t->alt);
	strs_free(&t->scope);
	strs_free(&t->link);
	buf_free(&t->artifacts);
	free(t->layers);
	t->layers = NULL;
	t->nlayers = 0;
	free(t->title);
	free(t->author);
	t->title = t->author = NULL;
}

static void engine_free(struct engine *e)
{
	for (size_t p = 0; p < e->pages.n; p++) {
		for (size_t i = 0; i < e->pages.pg[p].n; i++)
			item_free(&e->pages.pg[p].items[i]);
		free(e->pages.pg[p].items);
	}
	free(e->pages.pg);
	for (size_t i = 0; i < e->nheads; i++) {
		free(e->heads[i].title);
		free(e->heads[i].bookmark);
		free(e->heads[i].dest);
	}
	free(e->heads);
	for (size_t i = 0; i < e->nids; i++)
		free(e->ids[i]);
	free(e->ids);
	free(e->id_done);
	g_object_unref(e->pctx);
	if (e->own_fontmap)
		release_fontmap(e->fontmap);
	else
		g_object_unref(e->fontmap);   /* the caller's (kpic build's), released there */
}

static void flow_document(struct engine *e, xmlNode *root)
{
	size_t cap = 0;
	prescan(e, root, &cap);
	sort_ids(e);
	name_heading_dests(e);
	check_font(e);
	e->running_header = layout_attr(root, "running-header");
	for (xmlNode *c = root->children; c != NULL && !e->failed; c = c->next) {
		if (layout_is_el(c, "sequence"))
			flow_sequence(e, c);
		else if (c->type == XML_ELEMENT_NODE)
			layout_fail(e, c, "<document> holds <sequence> elements, not <%s>", (const char *)c->name);
		else if (!is_blank(c))
			layout_fail(e, c, "text outside a block");
	}
	if (!e->failed && e->pages.n == 0)
		layout_fail(e, root, "the document has no <sequence>, so no pages");
}

int layout_pdf(xmlDoc *doc, const struct layout_host *h, const struct layout_opts *o,
               struct buf *out, struct buf *boxes, struct buf *err)
{
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!layout_is_el(root, "document")) {
		buf_printf(err, _("not a layout document: the root element must be <document> in the namespace %s\n"),
		           LAYOUT_NS);
		return -1;
	}
	struct timing *t = o ? o->timing : NULL;
	double t0 = timing_now();
	struct engine e;
	engine_init(&e, h, o, err);
	flow_document(&e, root);
	int rc = -1;
	if (!e.failed) {
		resolve(&e);
		decorate(&e);
		timing_add(t, T_LAYOUT, t0);
		struct pdf_meta m = {
			layout_attr(root, "title"), layout_attr(root, "author"),
			layout_attr(root, "subject"), layout_attr(root, "keywords"),
			o ? o->creator : NULL, o ? o->creation_time : -1,
		};
		struct layout_tags *tags = o ? o->tags : NULL;
		if (tags != NULL) {
			tags->title = m.title ? xstrdup(m.title) : NULL;
			tags->author = m.author ? xstrdup(m.author) : NULL;
		}
		rc = layout_draw_pdf(&e.pages, &m, e.pctx, e.family, t, tags, out, err);
		if (rc == 0 && boxes != NULL)
			boxes_json(&e.pages, boxes);
	}
	engine_free(&e);
	return rc;
}

/*
 * layout_table.c - tables: column widths, row heights, breaking across pages.
 *
 * Widths.  Every cell is measured twice by pango: its natural width (all on
 * one line) and its narrowest (the widest unbreakable run; for a nowrap cell,
 * the whole text; for a nowrap="avoid" cell, such as a department's name,
 * its widest line, though such a cell wraps silently when even the minimums
 * do not fit).  A column's widths are its cells' plus padding; a cell
 * spanning columns widens them evenly if they are too narrow for it.  `auto`
 * columns get their natural width if the weighted columns keep their
 * minimum, and the weighted columns share the rest in proportion to their
 * weights, none below its minimum.  When even the minimums do not fit, the
 * breakable columns give up their minimum first (their words then break
 * between letters); a nowrap text that still does not fit is reported
 * (layout-overflow) and wrapped, never drawn over its neighbour.
 *
 * Pages.  Rows go onto a page while they fit; the head rows are drawn again
 * at the top of every page.  A cell spanning rows makes its last row as tall
 * as its text needs; where such a cell continues onto the next page, the
 * page break moves up to the cell's first row (or, if the cell began at the
 * top of the page, its part on the page grows to hold the text), and the
 * cell is drawn again on the next page, so no row there loses its heading.
 * Only a row taller than a page is split, between lines of text
 * (layout-row-split).
 */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAD_X 3.0
#define PAD_Y 2.0
#define EPS 0.01
#define BORDER_RGB 0x7f7f7f
#define HEAD_RGB 0xe4eaf1

struct tcell {
	xmlNode *node;
	int row, col, colspan, rowspan;
	int header, nowrap;
	int keep;              /* nowrap="avoid": lines unbroken while the table has room */
	PangoAlignment align;
	struct rich text;
	PangoLayout *l;
	double minw, maxw;     /* content widths, padding excluded */
	double h;              /* text height at the final width */
	double *ltop, *lbot;   /* each line's top and bottom, once a row with it is split */
};

struct trow {
	xmlNode *node;
	double h;              /* the tallest of its one-row cells, padding included */
};

struct table {
	xmlNode *node;
	enum lstyle st;
	int src;
	int ncols, nrows, nhead;
	double *weight;        /* 0: auto */
	double *hard, *minw, *maxw, *w, *x;
	unsigned char *rigid;  /* the column holds a nowrap text wider than a character */
	struct trow *rows;
	struct tcell *cells;   /* in row order, as place_cells reads them */
	size_t ncells;
	/* Indexes, so that the work per row does not grow with the table (a
	 * goal's KPI table has thousands of rows): row r's own cells are
	 * cells[row_first[r] .. row_first[r + 1]); cover[r * ncols + c] is the
	 * cell over row r, column c (-1: none), which gives the few cells that
	 * reach row r from above; ends[end_first[r] .. end_first[r + 1]) are the
	 * cells spanning rows that end on row r. */
	size_t *row_first, *end_first, *ends;
	long *cover;
	size_t *above;         /* from_above()'s answer, ncols long */
	double *ypos, *hgt;    /* the rows on the page being made */
	struct rich cap, cont;       /* the caption, and as continued: "…（続き）" */
	PangoLayout *capl, *contl;
};

static int cell_end(const struct tcell *c)
{
	return c->row + c->rowspan - 1;
}

/* --- reading the table --------------------------------------------------------- */

static void read_cols(struct engine *e, struct table *t)
{
	for (xmlNode *c = t->node->children; c != NULL; c = c->next)
		if (layout_is_el(c, "col"))
			t->ncols++;
	t->weight = xcalloc((size_t)t->ncols, sizeof *t->weight);
	int i = 0;
	for (xmlNode *c = t->node->children; c != NULL; c = c->next) {
		if (!layout_is_el(c, "col"))
			continue;
		const char *w = layout_attr(c, "width");
		if (w == NULL || strcmp(w, "auto") == 0) {
			t->weight[i++] = 0;
			continue;
		}
		char *end;
		double v = strtod(w, &end);
		if (*end != '\0' || !(v > 0)) {
			layout_warn(e, t->src, "layout-table-shape", "column width '%s' is neither a positive weight nor 'auto'; taken as 1", w);
			v = 1;
		}
		t->weight[i++] = v;
	}
}

static void read_rows_of(xmlNode *section, xmlNode ***rows, int *n, int *cap)
{
	if (section == NULL)
		return;
	for (xmlNode *r = section->children; r != NULL; r = r->next) {
		if (!layout_is_el(r, "row"))
			continue;
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 32;
			*rows = xrealloc(*rows, (size_t)*cap * sizeof **rows);
		}
		(*rows)[(*n)++] = r;
	}
}

static PangoAlignment cell_align(xmlNode *c, int header)
{
	const char *a = layout_attr(c, "align");
	if (a == NULL)
		return header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
	return strcmp(a, "right") == 0 ? PANGO_ALIGN_RIGHT :
	       strcmp(a, "center") == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
}

static int is_value(xmlNode *c, const char *name, const char *value)
{
	const char *v = layout_attr(c, name);
	return v != NULL && strcmp(v, value) == 0;
}

static int flag(xmlNode *c, const char *name)
{
	return is_value(c, name, "yes");
}

static int posint(xmlNode *c, const char *name)
{
	const char *v = layout_attr(c, name);
	int n = v ? atoi(v) : 1;
	return n < 1 ? 1 : n;
}

/* Places the cells on the grid, HTML-style: a cell takes the next column
 * not covered by a rowspan from above.  Spans stay inside their section
 * (head or body) and inside the columns. */
static void place_cells(struct engine *e, struct table *t, xmlNode **rows)
{
	long *occ = xmalloc(((size_t)t->nrows * (size_t)t->ncols + 1) * sizeof *occ);
	for (size_t i = 0; i < (size_t)t->nrows * (size_t)t->ncols; i++)
		occ[i] = -1;
	size_t cap = 0;
	for (int r = 0; r < t->nrows; r++) {
		int c = 0, section_end = r < t->nhead ? t->nhead : t->nrows;
		t->rows[r].node = rows[r];
		for (xmlNode *x = rows[r]->children; x != NULL; x = x->next) {
			if (!layout_is_el(x, "cell"))
				continue;
			while (c < t->ncols && occ[r * t->ncols + c] >= 0)
				c++;
			if (c >= t->ncols) {
				layout_warn(e, layout_src_of(x), "layout-table-shape",
				            "a row has more cells than the table has columns (%d); the extra cells are left out", t->ncols);
				break;
			}
			if (t->ncells == cap) {
				cap = cap ? 2 * cap : 64;
				t->cells = xrealloc(t->cells, cap * sizeof *t->cells);
			}
			struct tcell *cell = &t->cells[t->ncells++];
			memset(cell, 0, sizeof *cell);
			cell->node = x;
			cell->row = r;
			cell->col = c;
			cell->colspan = posint(x, "colspan");
			cell->rowspan = posint(x, "rowspan");
			if (cell->colspan > t->ncols - c)
				cell->colspan = t->ncols - c;
			if (cell->rowspan > section_end - r)
				cell->rowspan = section_end - r;
			cell->header = flag(x, "header") || r < t->nhead;
			cell->nowrap = flag(x, "nowrap");
			cell->keep = is_value(x, "nowrap", "avoid");
			cell->align = cell_align(x, cell->header);
			for (int i = r; i < r + cell->rowspan; i++)
				for (int j = c; j < c + cell->colspan; j++)
					occ[i * t->ncols + j] = (long)(t->ncells - 1);
			c += cell->colspan;
		}
	}
	t->cover = occ;
}

/* row_first and the cells ending on each row (see struct table). */
static void index_rows(struct table *t)
{
	size_t nr = (size_t)t->nrows;
	t->row_first = xcalloc(nr + 1, sizeof *t->row_first);
	t->end_first = xcalloc(nr + 1, sizeof *t->end_first);
	t->ends = xmalloc((t->ncells ? t->ncells : 1) * sizeof *t->ends);
	t->above = xmalloc((size_t)t->ncols * sizeof *t->above);
	for (size_t i = 0; i < t->ncells; i++) {
		t->row_first[t->cells[i].row + 1]++;
		if (t->cells[i].rowspan > 1)
			t->end_first[cell_end(&t->cells[i]) + 1]++;
	}
	for (size_t r = 0; r < nr; r++) {
		t->row_first[r + 1] += t->row_first[r];
		t->end_first[r + 1] += t->end_first[r];
	}
	size_t *fill = xmalloc((nr + 1) * sizeof *fill);
	memcpy(fill, t->end_first, (nr + 1) * sizeof *fill);
	for (size_t i = 0; i < t->ncells; i++)
		if (t->cells[i].rowspan > 1)
			t->ends[fill[cell_end(&t->cells[i])]++] = i;
	free(fill);
}

/* The cells that reach row r from a row above, in the order of t->cells
 * (at most one per column); returns how many, written to out. */
static size_t from_above(const struct table *t, int r, size_t *out)
{
	size_t n = 0;
	for (int c = 0; c < t->ncols; c++) {
		long i = t->cover[(size_t)r * (size_t)t->ncols + (size_t)c];
		if (i < 0 || t->cells[i].row >= r || t->cells[i].col != c)
			continue;
		size_t k = n++;
		for (; k > 0 && out[k - 1] > (size_t)i; k--)
			out[k] = out[k - 1];
		out[k] = (size_t)i;
	}
	return n;
}

static int read_table(struct engine *e, struct table *t)
{
	read_cols(e, t);
	if (t->ncols == 0) {
		layout_fail(e, t->node, "a <table> needs at least one <col>");
		return -1;
	}
	xmlNode **rows = NULL;
	int n = 0, cap = 0;
	for (xmlNode *c = t->node->children; c != NULL; c = c->next)
		if (layout_is_el(c, "head"))
			read_rows_of(c, &rows, &n, &cap);
	t->nhead = n;
	for (xmlNode *c = t->node->children; c != NULL; c = c->next)
		if (layout_is_el(c, "body"))
			read_rows_of(c, &rows, &n, &cap);
	t->nrows = n;
	t->rows = xcalloc((size_t)n, sizeof *t->rows);
	t->ypos = xcalloc((size_t)n, sizeof *t->ypos);
	t->hgt = xcalloc((size_t)n, sizeof *t->hgt);
	place_cells(e, t, rows);
	index_rows(t);
	free(rows);
	return 0;
}

/* --- widths ------------------------------------------------------------------------ */

struct runs {
	int start;      /* the character the current run starts at */
	int w;          /* its width so far, pango units */
	int last_ch;    /* the character of its last glyph, and that glyph's width */
	int last_w;
	int widest;
};

/* Ends the current run; one ended by wrapping loses a final white space's
 * width, as pango zeroes it on a wrapped line. */
static void end_run(struct runs *s, const PangoLogAttr *la, int at, int wrapped)
{
	int w = s->w;
	if (wrapped && s->last_ch == at - 1 && la[at - 1].is_white)
		w -= s->last_w;
	if (w > s->widest)
		s->widest = w;
	s->start = at;
	s->w = 0;
	s->last_ch = -1;
}

/* The character index of byte pointer to, walking on from the last one
 * asked: runs and clusters come in text order (kpic sets left-to-right
 * text only), so a long cell is walked once, not once per glyph. */
struct cursor {
	const char *text, *p;
	int ch;
};

static int char_at(struct cursor *k, const char *to)
{
	if (to < k->p) {
		k->p = k->text;
		k->ch = 0;
	}
	for (; k->p < to; k->ch++)
		k->p = g_utf8_next_char(k->p);
	return k->ch;
}

/*
 * The widest unbreakable run, from the natural layout's glyphs.  It is the
 * width the layout would have laid out 1/1024 pt wide, breaking at word
 * boundaries only, where every run overflows on a line of its own; but
 * that layout has a line per character of a Japanese text, and costed 6%
 * of `kpic pdf`.  The break opportunities are the natural layout's (they
 * do not depend on the width), and each run's glyphs are those it has on a
 * line of its own.
 */
static double widest_run(PangoLayout *l)
{
	int n;
	const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &n);
	struct cursor k = { pango_layout_get_text(l), pango_layout_get_text(l), 0 };
	struct runs s = { 0, 0, -1, 0, 0 };
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (run == NULL) {
			end_run(&s, la, s.start, 0);   /* a paragraph's end */
			continue;
		}
		const char *base = k.text + run->item->offset;
		PangoGlyphString *g = run->glyphs;
		for (int i = 0; i < g->num_glyphs; i++) {
			int ch = char_at(&k, base + g->log_clusters[i]);
			if (ch > s.start && la[ch].is_line_break)
				end_run(&s, la, ch, 1);
			s.w += g->glyphs[i].geometry.width;
			s.last_ch = ch;
			s.last_w = g->glyphs[i].geometry.width;
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	end_run(&s, la, s.start, 0);
	return (double)s.widest / PANGO_SCALE;
}

static void measure_cell(struct engine *e, struct table *t, struct tcell *c)
{
	layout_rich_init(&c->text);
	layout_rich_inline(e, c->node, &c->text);
	c->l = layout_rich(e, &c->text, t->st, 0, c->align, c->nowrap, c->header);
	c->maxw = layout_width(c->l);
	if (c->nowrap) {
		c->minw = c->maxw;
		return;
	}
	c->minw = c->keep ? c->maxw : widest_run(c->l);
}

static double span_sum(const double *v, int from, int n)
{
	double s = 0;
	for (int i = from; i < from + n; i++)
		s += v[i];
	return s;
}

/* Widens columns [from, from + n) evenly until together they reach need. */
static void widen(double *v, int from, int n, double need)
{
	double have = span_sum(v, from, n);
	if (need > have)
		for (int i = from; i < from + n; i++)
			v[i] += (need - have) / n;
}

static int by_colspan(const void *a, const void *b)
{
	const struct tcell *x = *(const struct tcell *const *)a, *y = *(const struct tcell *const *)b;
	return (x->colspan > y->colspan) - (x->colspan < y->colspan);
}

/* Each column's hard minimum (nowrap text, or one character), minimum and
 * natural width, padding included; spanning cells last, narrowest first. */
static void column_widths(struct table *t)
{
	int nc = t->ncols;
	double one = layout_styles[t->st].size + 2 * PAD_X;
	t->hard = xcalloc((size_t)nc, sizeof *t->hard);
	t->minw = xcalloc((size_t)nc, sizeof *t->minw);
	t->maxw = xcalloc((size_t)nc, sizeof *t->maxw);
	t->rigid = xcalloc((size_t)nc, 1);
	for (int i = 0; i < nc; i++)
		t->hard[i] = t->minw[i] = t->maxw[i] = 2 * PAD_X;
	struct tcell **order = xmalloc((t->ncells ? t->ncells : 1) * sizeof *order);
	for (size_t i = 0; i < t->ncells; i++)
		order[i] = &t->cells[i];
	qsort(order, t->ncells, sizeof *order, by_colspan);
	for (size_t i = 0; i < t->ncells; i++) {
		const struct tcell *c = order[i];
		double hard = c->nowrap ? c->maxw + 2 * PAD_X : fmin(one, c->minw + 2 * PAD_X);
		widen(t->hard, c->col, c->colspan, hard);
		for (int k = c->col; c->nowrap && hard > one && k < c->col + c->colspan; k++)
			t->rigid[k] = 1;
		widen(t->minw, c->col, c->colspan, fmax(hard, c->minw + 2 * PAD_X));
		widen(t->maxw, c->col, c->colspan, c->maxw + 2 * PAD_X);
	}
	for (int i = 0; i < nc; i++) {
		t->minw[i] = fmax(t->minw[i], t->hard[i]);
		t->maxw[i] = fmax(t->maxw[i], t->minw[i]);
	}
	free(order);
}

/* The weighted columns share `room`, in proportion to their weights, each
 * at least its minimum: columns below it are fixed there and the rest
 * share what is left, until none is below. */
static void share_weighted(struct table *t, double room)
{
	unsigned char *fixed = xcalloc((size_t)t->ncols, 1);
	for (int changed = 1; changed;) {
		double weights = 0, avail = room;
		changed = 0;
		for (int i = 0; i < t->ncols; i++) {
			if (t->weight[i] == 0)
				continue;
			if (fixed[i])
				avail -= t->w[i];
			else
				weights += t->weight[i];
		}
		for (int i = 0; i < t->ncols && weights > 0; i++) {
			if (t->weight[i] == 0 || fixed[i])
				continue;
			t->w[i] = avail * t->weight[i] / weights;
			if (t->w[i] < t->minw[i] - EPS) {
				t->w[i] = t->minw[i];
				fixed[i] = 1;
				changed = 1;
			}
		}
	}
	free(fixed);
}

/*
 * When even the minimums do not fit.  If the unbreakable (nowrap) texts
 * fit, the breakable columns give up part of their minimum (their words
 * then break between letters).  If not, the breakable columns keep their
 * minimum and the columns with nowrap text share the rest, in proportion
 * to their texts' widths; those texts are then reported and wrapped.
 */
static void squeeze(struct table *t, double width)
{
	double sum_hard = span_sum(t->hard, 0, t->ncols), sum_min = span_sum(t->minw, 0, t->ncols);
	double one = layout_styles[t->st].size + 2 * PAD_X, soft = 0, rigid = 0;
	int nrigid = 0;
	for (int i = 0; i < t->ncols; i++) {
		if (t->rigid[i]) {
			rigid += t->hard[i];
			nrigid++;
		} else {
			soft += t->minw[i];
		}
	}
	for (int i = 0; i < t->ncols; i++) {
		if (sum_hard <= width)
			t->w[i] = t->hard[i] + (t->minw[i] - t->hard[i]) * (width - sum_hard) / (sum_min - sum_hard);
		else if (width - soft >= nrigid * one)
			t->w[i] = t->rigid[i] ? t->hard[i] * (width - soft) / rigid : t->minw[i];
		else
			t->w[i] = t->hard[i] * width / sum_hard;
	}
}

static void allocate(struct table *t, double width)
{
	int nc = t->ncols;
	t->w = xcalloc((size_t)nc, sizeof *t->w);
	t->x = xcalloc((size_t)nc + 1, sizeof *t->x);
	double sum_min = span_sum(t->minw, 0, nc);
	if (sum_min > width) {
		squeeze(t, width);
	} else {
		double extra = width - sum_min, want = 0, weights = 0;
		for (int i = 0; i < nc; i++) {
			want += t->weight[i] == 0 ? t->maxw[i] - t->minw[i] : 0;
			weights += t->weight[i];
		}
		double auto_w = 0;
		for (int i = 0; i < nc; i++) {
			if (t->weight[i] != 0)
				continue;
			double grow = t->maxw[i] - t->minw[i];
			t->w[i] = t->minw[i] + (want <= extra || want == 0 ? grow : grow * extra / want);
			auto_w += t->w[i];
		}
		if (weights > 0)
			share_weighted(t, width - auto_w);
	}
	for (int i = 0; i < nc; i++)
		t->x[i + 1] = t->x[i] + t->w[i];
}

static double cell_room(const struct table *t, const struct tcell *c)
{
	return span_sum(t->w, c->col, c->colspan) - 2 * PAD_X;
}

/* Sets every cell's final width; a nowrap text wider than its column can
 * get is reported and wrapped instead of overflowing into its neighbour. */
static void fit_cells(struct engine *e, struct table *t)
{
	for (size_t i = 0; i < t->ncells; i++) {
		struct tcell *c = &t->cells[i];
		double room = cell_room(t, c);
		if (c->nowrap && c->maxw > room + EPS) {
			layout_warn(e, layout_src_of(c->node), "layout-overflow",
			            "the unbreakable text '%s' needs %.1f pt but its column can get only %.1f pt; it is wrapped",
			      buf_str(&c->text.text), c->maxw, room);
			g_object_unref(c->l);
			c->l = layout_rich(e, &c->text, t->st, 0, c->align, 0, c->header);
		}
		/* A left-aligned text whose natural lines fit keeps them as
		 * they are: with a width set, pango would shape it all again
		 * only to break and place every line where it already is. */
		if (c->align != PANGO_ALIGN_LEFT || c->maxw > room - EPS)
			pango_layout_set_width(c->l, (int)(fmax(room, 1) * PANGO_SCALE));
		c->h = layout_height(c->l);
	}
	double line = layout_styles[t->st].size * layout_styles[t->st].leading + 2 * PAD_Y;
	for (int r = 0; r < t->nrows; r++)
		t->rows[r].h = line;
	for (size_t i = 0; i < t->ncells; i++)
		if (t->cells[i].rowspan == 1)
			t->rows[t->cells[i].row].h = fmax(t->rows[t->cells[i].row].h, t->cells[i].h + 2 * PAD_Y);
}

/* --- drawing rows --------------------------------------------------------------- */

/* The part of cell c on the page that holds rows [k, m). */
static void cell_box(const struct table *t, const struct tcell *c, int k, int m, double left,
                     double *x, double *y, double *w, double *h)
{
	int first = c->row > k ? c->row : k, last = cell_end(c) < m - 1 ? cell_end(c) : m - 1;
	*x = left + t->x[c->col];
	*w = span_sum(t->w, c->col, c->colspan);
	*y = t->ypos[first];
	*h = t->ypos[last] + t->hgt[last] - *y;
}

/* The cells on the page that holds rows [k, m), in the order of t->cells:
 * those reaching row k from above (t->above, filled by from_above), then
 * the cells of rows [k, m).  j counts from 0 to on_page_count(). */
static size_t on_page_count(const struct table *t, size_t na, int k, int m)
{
	return na + (t->row_first[m] - t->row_first[k]);
}

static const struct tcell *on_page_cell(const struct table *t, size_t na, int k, size_t j)
{
	return &t->cells[j < na ? t->above[j] : t->row_first[k] + (j - na)];
}

/* The cell's text, centred vertically in its box; lines that do not fit the
 * box (a spanning cell taller than a page) are left out, with a warning. */
static void cell_text(struct engine *e, const struct tcell *c, double x, double y, double h)
{
	int n = layout_lines(c->l), fit = n;
	double room = h - 2 * PAD_Y, th = c->h;
	if (th > room + EPS) {
		double t;
		fit = layout_line_below(c->l, room + EPS, &t);
		if (fit < 0)
			fit = n;
		layout_warn(e, layout_src_of(c->node), "layout-row-split",
		            "a cell spanning rows is taller than a page; only %d of its %d lines are shown", fit, n);
		th = room;
	}
	if (fit > 0)
		layout_add_text(e, c->l, 0, fit, x + PAD_X, y + PAD_Y + (room - th) / 2, layout_src_of(c->node));
}

static void draw_fills(struct engine *e, const struct table *t, int k, int m)
{
	size_t na = from_above(t, k, t->above);
	for (size_t j = 0; j < on_page_count(t, na, k, m); j++) {
		const struct tcell *c = on_page_cell(t, na, k, j);
		double x, y, w, h;
		if (!c->header)
			continue;
		cell_box(t, c, k, m, e->left, &x, &y, &w, &h);
		layout_add_fill(e, x, y, w, h, HEAD_RGB);
	}
}

/* The four sides of every cell on the page, as one set of rules. */
static void draw_borders(struct engine *e, const struct table *t, int k, int m)
{
	size_t na = from_above(t, k, t->above), n = on_page_count(t, na, k, m);
	double *segs = xmalloc((n ? 16 * n : 1) * sizeof *segs);
	for (size_t j = 0; j < n; j++) {
		const struct tcell *c = on_page_cell(t, na, k, j);
		double x, y, w, h;
		cell_box(t, c, k, m, e->left, &x, &y, &w, &h);
		const double sides[16] = {
			x, y, x + w, y,   x, y + h, x + w, y + h,
			x, y, x, y + h,   x + w, y, x + w, y + h,
		};
		memcpy(segs + 16 * j, sides, sizeof sides);
	}
	layout_add_rules(e, segs, 4 * n, 0.5, BORDER_RGB);
	free(segs);
}

/*
 * Rows [k, m) at the positions in t->ypos / t->hgt.  tagged: as TR with TH
 * and TD cells and their destinations; repeated head rows and the parts of
 * spanning cells continued from the page before are drawn untagged, so the
 * structure holds each cell once.
 */
static void draw_rows(struct engine *e, const struct table *t, int k, int m, int tagged)
{
	draw_fills(e, t, k, m);
	size_t na = from_above(t, k, t->above);
	enum art_layer was = e->artifact;
	e->artifact = ART_PAGINATION;   /* a spanning cell's text, again on this page */
	for (size_t j = 0; j < na; j++) {
		const struct tcell *c = &t->cells[t->above[j]];
		double x, y, w, h;
		cell_box(t, c, k, m, e->left, &x, &y, &w, &h);
		cell_text(e, c, x, y, h);
	}
	e->artifact = was;
	for (int r = k; r < m; r++) {
		if (tagged) {
			layout_add_tag(e, IT_TAG_BEGIN, "TR");
			layout_add_dest(e, t->rows[r].node, e->left, t->ypos[r]);
		}
		for (size_t i = t->row_first[r]; i < t->row_first[r + 1]; i++) {
			const struct tcell *c = &t->cells[i];
			double x, y, w, h;
			cell_box(t, c, k, m, e->left, &x, &y, &w, &h);
			if (tagged) {
				if (c->header)   /* a head row's cells head columns, others their row */
					layout_add_tag_text(e, "TH", r < t->nhead ? "Column" : "Row");
				else
					layout_add_tag(e, IT_TAG_BEGIN, "TD");
				layout_add_dest(e, c->node, x, y);
			}
			cell_text(e, c, x, y, h);
			if (tagged)
				layout_add_tag(e, IT_TAG_END, c->header ? "TH" : "TD");
		}
		if (tagged)
			layout_add_tag(e, IT_TAG_END, "TR");
	}
	draw_borders(e, t, k, m);
}

static void draw_head(struct engine *e, struct table *t, int tagged)
{
	if (t->nhead == 0)
		return;
	double y = e->y;
	for (int r = 0; r < t->nhead; r++) {
		t->ypos[r] = y;
		t->hgt[r] = t->rows[r].h;
		y += t->rows[r].h;
	}
	/* spanning head cells: the last spanned row grows to hold them */
	for (size_t i = 0; i < t->row_first[t->nhead]; i++) {
		const struct tcell *c = &t->cells[i];
		int last = cell_end(c);
		if (c->rowspan == 1)
			continue;
		double have = t->ypos[last] + t->hgt[last] - t->ypos[c->row];
		if (c->h + 2 * PAD_Y > have) {
			t->hgt[last] += c->h + 2 * PAD_Y - have;
			for (int r = last + 1; r < t->nhead; r++)
				t->ypos[r] = t->ypos[r - 1] + t->hgt[r - 1];
		}
	}
	if (tagged)
		layout_add_tag(e, IT_TAG_BEGIN, "THead");
	draw_rows(e, t, 0, t->nhead, tagged);
	if (tagged)
		layout_add_tag(e, IT_TAG_END, "THead");
	e->y = t->ypos[t->nhead - 1] + t->hgt[t->nhead - 1];
}

static double head_height(const struct table *t)
{
	double h = 0;
	for (int r = 0; r < t->nhead; r++)
		h += t->rows[r].h;
	return h;
}

/* A new page for the rest of the table: its caption marked （続き）, then its
 * head again.  Both are repeats, so they are drawn outside the structure tags
 * (the tagged caption and head are the first page's). */
static void continue_table(struct engine *e, struct table *t)
{
	layout_new_page(e);
	enum art_layer was = e->artifact;
	e->artifact = ART_PAGINATION;   /* repeated, so not content again */
	if (t->contl != NULL) {
		layout_add_text(e, t->contl, 0, layout_lines(t->contl), e->left, e->y, t->src);
		e->y += layout_height(t->contl) + layout_styles[LS_CAPTION].after;
	}
	draw_head(e, t, 0);
	e->artifact = was;
}

/* --- breaking into pages --------------------------------------------------------- */

/* Row j's height on a page whose first table row is k: at least its own
 * cells', and enough for every spanning cell that ends on it to hold its
 * text in its part on this page. */
static double row_height(const struct table *t, int j, int k, double yj)
{
	double h = t->rows[j].h;
	for (size_t i = t->end_first[j]; i < t->end_first[j + 1]; i++) {
		const struct tcell *c = &t->cells[t->ends[i]];
		if (c->row < t->nhead)
			continue;
		/* The part's first row on this page: row j itself has no position
		 * yet (it is being placed), the rows above it have theirs. */
		int first = c->row > k ? c->row : k;
		double top = first == j ? yj : t->ypos[first];
		h = fmax(h, c->h + 2 * PAD_Y - (yj - top));
	}
	return h;
}

/* A spanning cell cut by a break before row m must show its text in its part
 * above the break: returns the first row of a span to break before instead,
 * or -1 after growing the last row (when the span's part starts at the top
 * of the page there is no earlier break to take). */
static int fix_open_spans(const struct engine *e, struct table *t, int k, int m)
{
	size_t na = from_above(t, m, t->above);
	for (size_t j = 0; j < na; j++) {
		const struct tcell *c = &t->cells[t->above[j]];
		int first = c->row > k ? c->row : k;
		double have = t->ypos[m - 1] + t->hgt[m - 1] - t->ypos[first], need = c->h + 2 * PAD_Y;
		if (have >= need - EPS)
			continue;
		if (first > k)
			return first;
		t->hgt[m - 1] = fmin(t->hgt[m - 1] + need - have, e->bottom - t->ypos[m - 1]);
	}
	return -1;
}

/* Rows [k, m) that fit from e->y down, with their positions; returns m. */
static int fit_rows(const struct engine *e, struct table *t, int k)
{
	int m = k;
	double y = e->y;
	while (m < t->nrows) {
		double h = row_height(t, m, k, y);
		if (y + h > e->bottom + EPS)
			break;
		t->ypos[m] = y;
		t->hgt[m] = h;
		y += h;
		m++;
	}
	if (m < t->nrows && m > k) {
		int earlier;
		while ((earlier = fix_open_spans(e, t, k, m)) >= 0 && earlier < m)
			m = earlier;
	}
	return m;
}

/* Every line's top and bottom in one walk of the layout: a row taller than
 * a page holds a text of many lines, looked at again on every page. */
static void cell_lines(struct tcell *c)
{
	int n = layout_lines(c->l);
	free(c->ltop);
	free(c->lbot);
	c->ltop = xmalloc(((size_t)n + 1) * sizeof *c->ltop);
	c->lbot = xmalloc(((size_t)n + 1) * sizeof *c->lbot);
	if (n > 0)
		layout_line_ranges(c->l, c->ltop, c->lbot);
}

/* The top of the first line of cell c that reaches below cut, or cut. */
static double line_cut(const struct tcell *c, double off, double cut)
{
	int n = layout_lines(c->l);
	for (int i = 0; i < n; i++) {
		double t = c->ltop[i], b = c->lbot[i];
		if (b > cut + EPS)
			return t > off + EPS ? t : cut;
	}
	return cut;
}

/* The lines of cell c between off and cut, top-aligned at y. */
static void slice_text(struct engine *e, const struct tcell *c, double x, double y, double off, double cut)
{
	int n = layout_lines(c->l), first = -1, last = -1;
	for (int i = 0; i < n; i++) {
		double t = c->ltop[i], b = c->lbot[i];
		if (t >= off - EPS && b <= cut + EPS) {
			if (first < 0)
				first = i;
			last = i;
		}
	}
	if (first >= 0)
		layout_add_text(e, c->l, first, last + 1, x + PAD_X, y + PAD_Y - off, layout_src_of(c->node));
}

/* Row k is taller than a page: its cells' lines are dealt out over pages,
 * each page cut between lines of every cell. */
static void split_row(struct engine *e, struct table *t, int k)
{
	layout_warn(e, layout_src_of(t->rows[k].node), "layout-row-split",
	            "a table row is taller than a page; it is split across pages");
	double off = 0, total = t->rows[k].h - 2 * PAD_Y;
	for (size_t i = t->row_first[k]; i < t->row_first[k + 1]; i++)
		cell_lines(&t->cells[i]);
	layout_add_tag(e, IT_TAG_BEGIN, "TR");
	/* at least a few lines per page, even under a head taller than a page */
	double least = 3 * layout_styles[t->st].size * layout_styles[t->st].leading;
	while (off < total - EPS) {
		double room = fmax(e->bottom - e->y - 2 * PAD_Y, least);
		double cut = off + room;
		for (double prev = -1; prev != cut;) {
			prev = cut;
			for (size_t i = t->row_first[k]; i < t->row_first[k + 1]; i++)
				cut = fmin(cut, line_cut(&t->cells[i], off, cut));
		}
		if (cut <= off + EPS)
			cut = off + room;
		t->ypos[k] = e->y;
		t->hgt[k] = fmin(cut, total) - off + 2 * PAD_Y;
		draw_fills(e, t, k, k + 1);
		for (size_t i = t->row_first[k]; i < t->row_first[k + 1]; i++) {
			const struct tcell *c = &t->cells[i];
			double x, y, w, h;
			cell_box(t, c, k, k + 1, e->left, &x, &y, &w, &h);
			slice_text(e, c, x, y, off, cut);
		}
		draw_borders(e, t, k, k + 1);
		e->y += t->hgt[k];
		off = cut;
		if (off < total - EPS)
			continue_table(e, t);
	}
	layout_add_tag(e, IT_TAG_END, "TR");
}

/* fresh: the table's rows start at the top of this page (after its head),
 * so a row that does not fit here fits on no page and must be split. */
static void paginate(struct engine *e, struct table *t, int fresh)
{
	int k = t->nhead;
	while (k < t->nrows) {
		int m = fit_rows(e, t, k);
		if (m == k && !fresh) {
			continue_table(e, t);
			fresh = 1;
			continue;
		}
		if (m == k) {
			split_row(e, t, k++);
			fresh = 0;
			continue;
		}
		draw_rows(e, t, k, m, 1);
		e->y = t->ypos[m - 1] + t->hgt[m - 1];
		k = m;
		fresh = 0;
		if (k < t->nrows) {
			continue_table(e, t);
			fresh = 1;
		}
	}
}

/* --- the table block --------------------------------------------------------------- */

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->ncells; i++) {
		if (t->cells[i].l != NULL)
			g_object_unref(t->cells[i].l);
		layout_rich_free(&t->cells[i].text);
		free(t->cells[i].ltop);
		free(t->cells[i].lbot);
	}
	free(t->cells);
	free(t->rows);
	free(t->row_first);
	free(t->end_first);
	free(t->ends);
	free(t->cover);
	free(t->above);
	free(t->weight);
	free(t->hard);
	free(t->rigid);
	free(t->minw);
	free(t->maxw);
	free(t->w);
	free(t->x);
	free(t->ypos);
	free(t->hgt);
	if (t->capl != NULL)
		g_object_unref(t->capl);
	if (t->contl != NULL)
		g_object_unref(t->contl);
	layout_rich_free(&t->cap);
	layout_rich_free(&t->cont);
}

/* The caption, and its continued form for the pages the table runs on to, so
 * that a reader who opens a page in the middle knows which table it is. */
static void table_caption(struct engine *e, struct table *t, double width)
{
	layout_rich_init(&t->cap);
	layout_rich_init(&t->cont);
	for (xmlNode *c = t->node->children; c != NULL; c = c->next) {
		if (layout_is_el(c, "caption") && t->capl == NULL) {
			layout_rich_inline(e, c, &t->cap);
			t->capl = layout_rich(e, &t->cap, LS_CAPTION, width, PANGO_ALIGN_LEFT, 0, 1);
			layout_rich_inline(e, c, &t->cont);
			layout_rich_text(&t->cont, "（続き）");
			t->contl = layout_rich(e, &t->cont, LS_CAPTION, width, PANGO_ALIGN_LEFT, 0, 1);
		}
	}
}

void layout_flow_table(struct engine *e, xmlNode *n)
{
	struct table t;
	memset(&t, 0, sizeof t);
	t.node = n;
	t.src = layout_src_of(n);
	const char *size = layout_attr(n, "size");
	t.st = size && strcmp(size, "small") == 0 ? LS_CELL_SMALL : LS_CELL;
	if (read_table(e, &t) == 0) {
		double width = e->right - e->left;
		for (size_t i = 0; i < t.ncells; i++)
			measure_cell(e, &t, &t.cells[i]);
		column_widths(&t);
		allocate(&t, width);
		fit_cells(e, &t);
		table_caption(e, &t, width);
		double caph = t.capl ? layout_height(t.capl) + layout_styles[LS_CAPTION].after : 0;
		double first = t.nrows > t.nhead ? t.rows[t.nhead].h : 0;
		e->y += e->y > e->top + 0.01 ? layout_styles[LS_BODY].size * 0.5 : 0;
		layout_ensure_room(e, caph + head_height(&t) + first);
		int fresh = e->y <= e->top + 0.01;
		layout_add_tag(e, IT_TAG_BEGIN, "Table");
		layout_add_dest(e, n, e->left, e->y);
		if (t.capl != NULL) {
			layout_add_tag(e, IT_TAG_BEGIN, "Caption");
			layout_add_text(e, t.capl, 0, layout_lines(t.capl), e->left, e->y, t.src);
			layout_add_tag(e, IT_TAG_END, "Caption");
			e->y += caph;
		}
		draw_head(e, &t, 1);
		layout_add_tag(e, IT_TAG_BEGIN, "TBody");
		paginate(e, &t, fresh);
		layout_add_tag(e, IT_TAG_END, "TBody");
		layout_add_tag(e, IT_TAG_END, "Table");
		e->y += layout_styles[LS_BODY].size;
	}
	table_free(&t);
}

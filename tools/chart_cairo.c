/*
 * chart_cairo.c - a laid-out chart drawn with cairo (see chart_cairo.h).
 *
 * The colours are chart_colour()'s, and the stroke widths and dashes those
 * of chart_svg.c's presentation attributes, so the printed chart matches
 * the screen's.
 */
#include "chart_cairo.h"

#include <math.h>

#define NROLES ((size_t)CR_VALUE_INVERSE + 1)

static enum chart_role role_of(const struct chart_item *it)
{
	return (size_t)it->role < NROLES ? it->role : CR_AXIS;
}

static void set_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static void set_colour(cairo_t *cr, const struct chart_item *it)
{
	set_rgb(cr, chart_colour(it));
}

static void set_stroke(cairo_t *cr, const struct chart_item *it)
{
	static const double dash[] = { 5, 3 };
	enum chart_role r = role_of(it);
	set_colour(cr, it);
	cairo_set_line_width(cr, r == CR_SERIES ? 2 : r == CR_TARGET ? 1.5 : 1);
	cairo_set_dash(cr, dash, it->dashed ? 2 : 0, 0);
}

/*
 * Items that follow one another with the same look are drawn as one path
 * with one fill or stroke: a chart's grid lines, its bars of one colour,
 * the markers of a series.  cairo's PDF surface works per operation, and
 * a document has a chart per KPI.  A run is [i, j) of c->items; nothing
 * that overlaps differently is merged (hollow markers are drawn one by
 * one, since each hides the one before).
 */
static int same_look(const struct chart_item *a, const struct chart_item *b)
{
	return a->kind == b->kind && role_of(a) == role_of(b) && a->series == b->series &&
	       a->dashed == b->dashed && a->marker == b->marker;
}

static size_t run_end(const struct chart *c, size_t i)
{
	size_t j = i + 1;
	while (j < c->nitems && same_look(&c->items[i], &c->items[j]))
		j++;
	return j;
}

static void draw_rects(cairo_t *cr, const struct chart_item *it, size_t n)
{
	int any = 0;
	for (size_t k = 0; k < n; k++) {
		if (it[k].w <= 0 || it[k].h <= 0)
			continue;
		cairo_rectangle(cr, it[k].x, it[k].y, it[k].w, it[k].h);
		any = 1;
	}
	if (any) {
		set_colour(cr, it);
		cairo_fill(cr);
	}
}

static void draw_lines(cairo_t *cr, const struct chart_item *it, size_t n)
{
	set_stroke(cr, it);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (size_t k = 0; k < n; k++) {
		cairo_move_to(cr, it[k].x, it[k].y);
		cairo_line_to(cr, it[k].w, it[k].h);
	}
	cairo_stroke(cr);
}

static void draw_polyline(cairo_t *cr, const struct chart_item *it)
{
	if (it->npts < 2 || it->pts == NULL)
		return;
	set_stroke(cr, it);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_move_to(cr, it->pts[0], it->pts[1]);
	for (size_t i = 1; i < it->npts; i++)
		cairo_line_to(cr, it->pts[2 * i], it->pts[2 * i + 1]);
	cairo_stroke(cr);
}

static void marker_path(cairo_t *cr, const struct chart_item *it)
{
	double x = it->x, y = it->y, r = it->w;
	if (it->marker == CM_DIAMOND) {
		cairo_move_to(cr, x, y - r);
		cairo_line_to(cr, x + r, y);
		cairo_line_to(cr, x, y + r);
		cairo_line_to(cr, x - r, y);
		cairo_close_path(cr);
		return;
	}
	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * 3.14159265358979323846);
}

static void draw_markers(cairo_t *cr, const struct chart_item *it, size_t n)
{
	if (it->marker == CM_HOLLOW_CIRCLE) {
		for (size_t k = 0; k < n; k++) {
			marker_path(cr, &it[k]);
			set_rgb(cr, 0xffffff);
			cairo_fill_preserve(cr);
			set_colour(cr, &it[k]);
			cairo_set_dash(cr, NULL, 0, 0);
			cairo_set_line_width(cr, 1.5);
			cairo_stroke(cr);
		}
		return;
	}
	for (size_t k = 0; k < n; k++)
		marker_path(cr, &it[k]);
	set_colour(cr, it);
	cairo_fill(cr);
}

/* The most layouts a struct chart_text keeps: every year, tick and unit a
 * document's charts share fits many times over, and a document with a
 * chart per KPI cannot fill memory with its one-off value labels. */
#define CHART_TEXT_KEEP 4096

void chart_text_init(struct chart_text *ct, PangoContext *pctx, const char *family)
{
	ct->pctx = pctx;
	ct->family = family;
	ct->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
}

void chart_text_free(struct chart_text *ct)
{
	if (ct->layouts != NULL)
		g_hash_table_destroy(ct->layouts);
	ct->layouts = NULL;
}

static PangoLayout *new_text_layout(const struct chart_text *ct, const char *text, double size)
{
	PangoLayout *l = pango_layout_new(ct->pctx);
	PangoFontDescription *d = pango_font_description_new();
	pango_font_description_set_family(d, ct->family);
	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	pango_layout_set_font_description(l, d);
	pango_font_description_free(d);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* text's layout at size, with a reference for the caller. */
static PangoLayout *text_layout(struct chart_text *ct, const char *text, double size)
{
	char *key = g_strdup_printf("%a %s", size, text);
	PangoLayout *l = g_hash_table_lookup(ct->layouts, key);
	if (l != NULL) {
		g_free(key);
		return g_object_ref(l);
	}
	l = new_text_layout(ct, text, size);
	if (g_hash_table_size(ct->layouts) < CHART_TEXT_KEEP)
		g_hash_table_insert(ct->layouts, key, g_object_ref(l));
	else
		g_free(key);
	return l;
}

/* Text at its anchor on the baseline, measured by pango (not the chart's
 * approximation), so that middle and end anchors are exact. */
static void draw_text(cairo_t *cr, const struct chart_item *it, struct chart_text *ct)
{
	if (it->text == NULL || *it->text == '\0' || it->h <= 0)
		return;
	PangoLayout *l = text_layout(ct, it->text, it->h);
	PangoRectangle log;
	pango_layout_get_extents(l, NULL, &log);
	double w = (double)log.width / PANGO_SCALE;
	double dx = it->anchor == CA_MIDDLE ? -w / 2 : it->anchor == CA_END ? -w : 0;
	double base = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
	set_colour(cr, it);
	cairo_move_to(cr, it->x + dx, it->y - base);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

void chart_cairo(cairo_t *cr, const struct chart *c, struct chart_text *ct)
{
	cairo_save(cr);
	for (size_t i = 0, j; i < c->nitems; i = j) {
		const struct chart_item *it = &c->items[i];
		j = run_end(c, i);
		switch (it->kind) {
		case CI_RECT: draw_rects(cr, it, j - i); break;
		case CI_LINE: draw_lines(cr, it, j - i); break;
		case CI_MARKER: draw_markers(cr, it, j - i); break;
		case CI_POLYLINE:
			for (size_t k = i; k < j; k++)
				draw_polyline(cr, &c->items[k]);
			break;
		case CI_TEXT:
			for (size_t k = i; k < j; k++)
				draw_text(cr, &c->items[k], ct);
			break;
		}
	}
	cairo_restore(cr);
}

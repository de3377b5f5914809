/*
 * chart_svg.c - a laid-out chart as inline SVG markup (see chart_svg.h).
 *
 * The markup must be byte-identical across runs and locales, because
 * generated documents are compared and archived: numbers are written from
 * integers of hundredths by our own code, never with printf's %f or %g,
 * whose decimal point follows LC_NUMERIC.  Colours are those of an
 * official document (dark blue, a light warm grey, a muted red for
 * targets); every item also carries kc-* classes so the page's CSS can
 * restyle it, the attributes being only the fallback.
 */
#include "chart_svg.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>

#define FONT "'Noto Sans CJK JP','IPAexGothic',sans-serif"

/* Indexed by enum chart_role. */
static const char *const ROLE_CLASS[] = {
	"kc-frame", "kc-axis", "kc-grid", "kc-bar-met", "kc-bar-unmet",
	"kc-series", "kc-target", "kc-label", "kc-value", "kc-legend",
	"kc-title", "kc-value-inverse",
};

#define NROLES (sizeof ROLE_CLASS / sizeof ROLE_CLASS[0])

static enum chart_role role_of(const struct chart_item *it)
{
	return (size_t)it->role < NROLES ? it->role : CR_AXIS;
}

static size_t series_of(const struct chart_item *it)
{
	return it->series < 0 ? 0 : (size_t)it->series;
}

/* The item's colour (chart_colour) as #rrggbb; valid until the next call
 * on the same buffer. */
static const char *colour(const struct chart_item *it, char rgb[8])
{
	static const char hex[] = "0123456789abcdef";
	unsigned c = chart_colour(it);
	rgb[0] = '#';
	for (int i = 6; i >= 1; i--, c >>= 4)
		rgb[i] = hex[c & 0xfu];
	rgb[7] = '\0';
	return rgb;
}

static void put_attr(struct buf *b, const char *name, double v)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
	buf_num(b, v);
	buf_putc(b, '"');
}

/* A string attribute whose value needs no escaping (a colour, a keyword). */
static void put_str_attr(struct buf *b, const char *name, const char *v)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
	buf_puts(b, v);
	buf_putc(b, '"');
}

/* A point after a separator: " x,y" in polylines, "Lx,y" in paths. */
static void put_pt(struct buf *b, const char *sep, double x, double y)
{
	buf_puts(b, sep);
	buf_num(b, x);
	buf_putc(b, ',');
	buf_num(b, y);
}

static void put_class(struct buf *b, const struct chart_item *it)
{
	buf_putc(b, '<');
	buf_puts(b, it->kind == CI_RECT ? "rect" :
		    it->kind == CI_LINE ? "line" :
		    it->kind == CI_POLYLINE ? "polyline" :
		    it->kind == CI_TEXT ? "text" :
		    it->marker == CM_DIAMOND ? "path" : "circle");
	buf_puts(b, " class=\"");
	buf_puts(b, ROLE_CLASS[role_of(it)]);
	if (role_of(it) == CR_SERIES)
		buf_printf(b, " kc-series-%zu", series_of(it) % CHART_SERIES_COLOURS);
	else if ((role_of(it) == CR_BAR_MET || role_of(it) == CR_BAR_UNMET) && series_of(it) > 0)
		buf_printf(b, " kc-shade-%zu", series_of(it));
	if (it->kind == CI_MARKER && it->marker == CM_HOLLOW_CIRCLE)
		buf_puts(b, " kc-hollow");
	buf_putc(b, '"');
}

static double stroke_width(const struct chart_item *it)
{
	switch (role_of(it)) {
	case CR_SERIES: return 2;
	case CR_TARGET: return 1.5;
	default: return 1;
	}
}

static void put_stroke(struct buf *b, const struct chart_item *it)
{
	char rgb[8];
	put_str_attr(b, "stroke", colour(it, rgb));
	put_attr(b, "stroke-width", stroke_width(it));
	if (it->dashed)
		buf_puts(b, " stroke-dasharray=\"5 3\"");
}

static void svg_rect(struct buf *b, const struct chart_item *it)
{
	char rgb[8];
	put_class(b, it);
	put_attr(b, "x", it->x);
	put_attr(b, "y", it->y);
	put_attr(b, "width", it->w > 0 ? it->w : 0);
	put_attr(b, "height", it->h > 0 ? it->h : 0);
	put_str_attr(b, "fill", colour(it, rgb));
	buf_puts(b, " shape-rendering=\"crispEdges\"/>\n");
}

static void svg_line(struct buf *b, const struct chart_item *it)
{
	put_class(b, it);
	put_attr(b, "x1", it->x);
	put_attr(b, "y1", it->y);
	put_attr(b, "x2", it->w);
	put_attr(b, "y2", it->h);
	put_stroke(b, it);
	/* Straight rules stay sharp; slanted ones would turn jagged. */
	if (it->x == it->w || it->y == it->h)
		buf_puts(b, " shape-rendering=\"crispEdges\"");
	buf_puts(b, "/>\n");
}

static void svg_polyline(struct buf *b, const struct chart_item *it)
{
	put_class(b, it);
	buf_puts(b, " points=\"");
	for (size_t i = 0; i < it->npts; i++)
		put_pt(b, i > 0 ? " " : "", it->pts[2 * i], it->pts[2 * i + 1]);
	buf_puts(b, "\" fill=\"none\"");
	put_stroke(b, it);
	buf_puts(b, " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
}

static void svg_marker(struct buf *b, const struct chart_item *it)
{
	double x = it->x, y = it->y, r = it->w;
	char rgb[8];

	put_class(b, it);
	if (it->marker == CM_DIAMOND) {
		put_pt(b, " d=\"M", x, y - r);
		put_pt(b, "L", x + r, y);
		put_pt(b, "L", x, y + r);
		put_pt(b, "L", x - r, y);
		buf_puts(b, "Z\"");
		put_str_attr(b, "fill", colour(it, rgb));
		buf_puts(b, "/>\n");
		return;
	}
	put_attr(b, "cx", x);
	put_attr(b, "cy", y);
	put_attr(b, "r", r);
	if (it->marker == CM_HOLLOW_CIRCLE)
		buf_puts(b, " fill=\"#ffffff\"");
	put_str_attr(b, it->marker == CM_HOLLOW_CIRCLE ? "stroke" : "fill", colour(it, rgb));
	buf_puts(b, it->marker == CM_HOLLOW_CIRCLE ? " stroke-width=\"1.5\"/>\n" : "/>\n");
}

static void svg_text(struct buf *b, const struct chart_item *it)
{
	char rgb[8];
	static const char *const anchor[] = {"start", "middle", "end"};

	put_class(b, it);
	put_attr(b, "x", it->x);
	put_attr(b, "y", it->y);
	put_attr(b, "font-size", it->h);
	put_str_attr(b, "text-anchor", anchor[(size_t)it->anchor < 3 ? it->anchor : 0]);
	put_str_attr(b, "fill", colour(it, rgb));
	buf_putc(b, '>');
	buf_xml_str(b, it->text ? it->text : "");
	buf_puts(b, "</text>\n");
}

/* The id prefix with anything outside [A-Za-z0-9_-] replaced, so that a
 * careless caller still gets well-formed markup and valid ids. */
static void put_id(struct buf *b, const char *id, const char *suffix)
{
	if (id == NULL || *id == '\0')
		id = "chart";
	for (; *id; id++) {
		char ch = *id;
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			 (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
		buf_putc(b, ok ? ch : '_');
	}
	buf_puts(b, suffix);
}

static void svg_open(const struct chart *c, const char *id, struct buf *b)
{
	buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"");
	put_id(b, id, "\"");
	buf_puts(b, " class=\"kc-chart\" viewBox=\"0 0 ");
	buf_num(b, c->width);
	buf_putc(b, ' ');
	buf_num(b, c->height);
	buf_putc(b, '"');
	put_attr(b, "width", c->width);
	put_attr(b, "height", c->height);
	buf_puts(b, " role=\"img\" aria-labelledby=\"");
	put_id(b, id, "-title ");
	put_id(b, id, "-desc\"");
	buf_puts(b, " font-family=\"" FONT "\">\n<title id=\"");
	put_id(b, id, "-title\">");
	buf_xml_str(b, c->title ? c->title : "");
	buf_puts(b, "</title>\n<desc id=\"");
	put_id(b, id, "-desc\">");
	buf_xml_str(b, c->desc ? c->desc : "");
	buf_puts(b, "</desc>\n");
}

void chart_svg(const struct chart *c, const char *id, struct buf *out)
{
	svg_open(c, id, out);
	for (size_t i = 0; i < c->nitems; i++) {
		const struct chart_item *it = &c->items[i];

		switch (it->kind) {
		case CI_RECT: svg_rect(out, it); break;
		case CI_LINE: svg_line(out, it); break;
		case CI_POLYLINE: svg_polyline(out, it); break;
		case CI_MARKER: svg_marker(out, it); break;
		case CI_TEXT: svg_text(out, it); break;
		}
	}
	buf_puts(out, "</svg>\n");
}

/*
 * chart_cairo.h - a laid-out chart drawn on a cairo context (for the PDF).
 *
 * The same display list as the HTML's SVG (chart_svg.h), in the same
 * colours; text goes through pango in the document's font, so it is real,
 * selectable text in the PDF.
 */
#ifndef KPIC_CHART_CAIRO_H
#define KPIC_CHART_CAIRO_H

#include "chart.h"

#include <cairo.h>
#include <pango/pangocairo.h>

/* How chart text is set: laid out with pctx (which should have a
 * resolution of 72 dpi) in `family`.  A document's charts repeat the same
 * labels (years, ticks, units) thousands of times, so the layouts are kept
 * by text and size, up to a bound, for as long as the struct lives. */
struct chart_text {
	PangoContext *pctx;
	const char *family;
	GHashTable *layouts;         /* "size text" -> PangoLayout (owned) */
};

void chart_text_init(struct chart_text *ct, PangoContext *pctx, const char *family);
void chart_text_free(struct chart_text *ct);

/* Draws c with its top-left corner at the user-space origin, one chart unit
 * being one user unit (the caller translates and scales). */
void chart_cairo(cairo_t *cr, const struct chart *c, struct chart_text *ct);

#endif

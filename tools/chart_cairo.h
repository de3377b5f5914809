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

/* Draws c with its top-left corner at the user-space origin, one chart unit
 * being one user unit (the caller translates and scales).  Text is laid out
 * with pctx (which should have a resolution of 72 dpi) in `family`. */
void chart_cairo(cairo_t *cr, const struct chart *c, PangoContext *pctx, const char *family);

#endif

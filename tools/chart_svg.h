/*
 * chart_svg.h - a laid-out chart as inline SVG markup for the HTML document.
 *
 * Text stays text (<text> elements, selectable and read by screen readers),
 * and every id the markup defines starts with the caller's prefix, so any
 * number of charts can be inlined in one page without collisions.
 */
#ifndef KPIC_CHART_SVG_H
#define KPIC_CHART_SVG_H

#include "buf.h"
#include "chart.h"

/* Appends one <svg> element (no XML declaration) to out.  id is a prefix made
 * of [A-Za-z0-9_-] that the element and its parts use for their ids; the
 * <svg> has role="img" and aria-labelledby pointing at its <title> and
 * <desc>.  Colours come from classes (kc-…) that the page's CSS styles,
 * with presentation attributes as fallbacks so the SVG also reads alone. */
void chart_svg(const struct chart *c, const char *id, struct buf *out);

#endif

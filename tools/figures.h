/*
 * figures.h - the document's charts, from the evaluated strategy.
 *
 * This is where KPIs become chart specs: the chart module (chart.h) lays out
 * geometry and knows nothing of KPIs; this module knows which values go in
 * which chart and how they are labelled, and nothing of geometry.  The HTML
 * renderer (through the k:chart() extension function) and the PDF renderer
 * get the same chart for the same figure.
 */
#ifndef KPIC_FIGURES_H
#define KPIC_FIGURES_H

#include "buf.h"
#include "chart.h"
#include "eval.h"
#include "model.h"

/*
 * The chart of one figure:
 *   "kpi"               ref = a KPI id: baseline, yearly actuals, target
 *   "goal-counts"       KPIs at or above / below the threshold per goal
 *   "population-vision" the <vision> populations (census, estimate, target)
 * NULL for an unknown kind or id, or nothing to draw.  Free with chart_free.
 */
struct chart *figures_chart(const struct model *m, const struct eval *e, const char *kind,
                            const char *ref);

/* The same chart as inline SVG whose ids start with id; -1 if none. */
int figures_svg(const struct model *m, const struct eval *e, const char *kind, const char *ref,
                const char *id, struct buf *out);

#endif

/*
 * chart.h - charts as geometry, computed once and drawn by any backend.
 *
 * A chart is laid out here into a display list of primitives (rectangles,
 * lines, polylines, markers, text) in abstract units (1 unit = 1 CSS px =
 * 0.75 pt).  The HTML renderer writes the list as SVG markup with real
 * <text> (chart_svg.h); the PDF renderer draws the same list with cairo.
 * Both therefore show the same chart, and neither knows how it was laid out.
 *
 * The module knows nothing of KPIs: callers (figures.c) turn evaluated data
 * into the specs below.  Text is measured approximately (a character from
 * U+1100 up - CJK, kana, fullwidth forms, and symbols such as △ that
 * Japanese fonts draw full width - is one em wide, halfwidth forms and
 * everything below half an em, combining marks nothing), which is all the
 * placement of axis labels and legends needs.
 */
#ifndef KPIC_CHART_H
#define KPIC_CHART_H

#include <stddef.h>

/* What an item draws; backends map a role to colour, dash and weight. */
enum chart_role {
	CR_FRAME,       /* plot area background / border */
	CR_AXIS,        /* axis lines and ticks */
	CR_GRID,        /* horizontal grid lines */
	CR_BAR_MET,     /* a strong part of a bar (the shade in item.series) */
	CR_BAR_UNMET,   /* a light part of a bar (the shade in item.series) */
	CR_SERIES,      /* a data series (index in item.series) */
	CR_TARGET,      /* the target line and marker */
	CR_LABEL,       /* tick labels, category labels */
	CR_VALUE,       /* data labels on bars or points */
	CR_LEGEND,      /* legend text; a swatch takes the role (and series)
	                   of what it stands for, so it gets the same colour */
	CR_TITLE,       /* axis titles (unit) */
	CR_VALUE_INVERSE /* data labels inside a dark bar: drawn light */
};

enum chart_item_kind { CI_RECT, CI_LINE, CI_POLYLINE, CI_MARKER, CI_TEXT };

enum chart_anchor { CA_START, CA_MIDDLE, CA_END };

enum chart_marker { CM_CIRCLE, CM_HOLLOW_CIRCLE, CM_DIAMOND };

struct chart_item {
	enum chart_item_kind kind;
	enum chart_role role;
	int series;                  /* CR_SERIES: which series; CR_BAR_*: which
	                                shade of the tone; else 0 */
	int dashed;                  /* lines: draw dashed */
	double x, y, w, h;           /* CI_RECT: box; CI_LINE: (x,y)-(w,h) are the two
	                                end points x1=x y1=y x2=w y2=h; CI_MARKER: centre
	                                (x,y) and radius w; CI_TEXT: anchor point (x,y) on
	                                the baseline, font size h, approximate
	                                width w (chart_text_width) */
	double *pts;                 /* CI_POLYLINE: x0,y0,x1,y1,... (owned by the chart) */
	size_t npts;                 /* number of points (pts holds 2*npts doubles) */
	enum chart_marker marker;    /* CI_MARKER */
	enum chart_anchor anchor;    /* CI_TEXT */
	char *text;                  /* CI_TEXT: UTF-8 (owned by the chart) */
};

struct chart {
	double width, height;        /* the whole drawing */
	char *title;                 /* short name (SVG <title>, PDF alt text) */
	char *desc;                  /* one-sentence text alternative */
	struct chart_item *items;    /* in drawing order */
	size_t nitems, cap;
};

/* --- input: a bar chart of stacked counts per category ------------------- */
/* The parts of a bar, bottom first, as many as a grade scale has grades. */
#define CHART_MAX_SEGMENTS 24

struct chart_bar_segment {
	const char *label;           /* legend, e.g. "80%以上" */
	int strong;                  /* drawn in the strong tone (dark blue, the
	                                parts that count as met), else in the
	                                light one; each tone's later parts lighter
	                                or darker shades of it */
};

struct chart_bar_cat {
	const char *label;           /* e.g. "基本目標1" */
	int counts[CHART_MAX_SEGMENTS];  /* per segment, non-negative */
};

struct chart_bars_spec {
	const char *title, *desc;
	const struct chart_bar_segment *segs;  /* 1..CHART_MAX_SEGMENTS */
	size_t nsegs;
	const struct chart_bar_cat *cats;
	size_t ncats;
	const char *unit;            /* y axis title, e.g. "指標数", or NULL */
};

/* --- input: a line chart over categories (years) --------------------------- */
struct chart_point {
	int present;                 /* 0: no value in this category (gap) */
	double v;
	int hollow;                  /* provisional / reference value: hollow marker */
	const char *text;            /* data label as the document writes it, or NULL */
};

struct chart_line_series {
	const char *label;           /* legend text; NULL for a single unnamed series */
	const struct chart_point *pts;   /* ncats points */
	/* The series' own target, where series have different ones: drawn as
	 * the chart's target is (a dashed line, a diamond, its label), after it. */
	int has_target;
	double target_v;
	size_t target_cat;
	const char *target_label;    /* e.g. "目標（男性） 16,000人" */
};

struct chart_lines_spec {
	const char *title, *desc;
	const char *unit;            /* y axis title, or NULL */
	const char *const *cats;     /* x category labels, e.g. "H26" … "H31" */
	size_t ncats;
	const struct chart_line_series *series;
	size_t nseries;
	int has_target;              /* draw the target: dashed line at target_v */
	double target_v;
	size_t target_cat;           /* and a diamond marker in that category */
	const char *target_label;    /* e.g. "目標 16,000人" */
	int decimals;                /* the values' decimals (kdec scale, 0..9):
	                                no tick step is finer, so counts never
	                                get a tick at 0.5 */
	int man;                     /* tick labels with 万/億 as the document
	                                writes large amounts ("5,000万", "1億"),
	                                not "50,000,000" */
};

/* How many colours the series of a line chart cycle through. */
#define CHART_SERIES_COLOURS 6

/* The colour an item is drawn in, 0xRRGGBB: one palette for every backend
 * (colours of an official document: dark blue, a light warm grey, a muted
 * red for targets). */
unsigned chart_colour(const struct chart_item *it);

/* Lays a chart out.  Returns NULL only for an unusable spec: no categories,
 * a NULL array, a negative count, a value or target that is NaN, infinite
 * or of magnitude 1e15 or more (the range of a kdec), or a target category
 * out of range (the chart's or a series'), or a bar chart of no segment or
 * more than CHART_MAX_SEGMENTS.  The result is freed with chart_free(). */
struct chart *chart_bars(const struct chart_bars_spec *spec);
struct chart *chart_lines(const struct chart_lines_spec *spec);
void chart_free(struct chart *c);

/* The approximate width of UTF-8 text at a font size, in chart units. */
double chart_text_width(const char *s, double size);

#endif

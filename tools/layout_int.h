/*
 * layout_int.h - what the files of the layout engine share (not for callers).
 *
 *   layout.c        the document walk: pages, headings, paragraphs, lists,
 *                   figures, the table of contents; layout_pdf() itself
 *   layout_text.c   inline content to pango text, the named text styles
 *   layout_table.c  tables: column widths, rows, breaking across pages
 *   layout_draw.c      placed pages drawn on cairo's PDF surface
 *
 * The first three produce a list of pages, each a list of items with their
 * final positions; layout_draw.c draws the items in order and decides nothing.
 * The order of the items is the reading order, and structure tags are items
 * too, so the tag tree follows the document even across pages.
 *
 * Units are PDF points (1/72 in), from the top-left corner of the page.
 */
#ifndef KPIC_LAYOUT_INT_H
#define KPIC_LAYOUT_INT_H

#include "buf.h"
#include "chart.h"
#include "layout.h"

#include <libxml/tree.h>
#include <pango/pangocairo.h>

#define LAYOUT_NS "urn:x-kpic:layout:1"

/* --- text styles (layout_text.c) ------------------------------------------ */

enum lstyle {
	LS_BODY, LS_NOTE, LS_SMALL, LS_TITLE, LS_SUBTITLE,
	LS_H1, LS_H2, LS_H3, LS_H4,
	LS_CELL, LS_CELL_SMALL, LS_CAPTION, LS_HEADER, LS_FOOTER,
	LS_COUNT
};

struct lstyle_def {
	double size;      /* points */
	int bold;
	double leading;   /* baseline to baseline, in multiples of size */
	double before;    /* space above the block, points */
	double after;     /* space below the block, points */
};

extern const struct lstyle_def layout_styles[LS_COUNT];

/* An internal link inside a block's text: bytes [start, end) go to `to`. */
struct lspan {
	unsigned start, end;
	char *to;
};

/* A block's inline content as pango wants it: UTF-8 text plus attributes. */
struct rich {
	struct buf text;
	PangoAttrList *attrs;
	struct lspan *links;
	size_t nlinks, cap;
	int pending;      /* whitespace seen and not yet written: 1 space, 2 with a newline */
};

/* --- placed pages ----------------------------------------------------------- */

enum item_kind {
	IT_TEXT,        /* lines [line0, line1) of a pango layout */
	IT_FILL,        /* a filled rectangle x, y, w, h */
	IT_STROKE,      /* a line from (x, y) to (x + w, y + h) */
	IT_RULES,       /* axis-parallel segments in segs, stroked as one path */
	IT_DOTS,        /* a dotted leader from x to x + w on baseline y */
	IT_CHART,       /* a chart, its top-left at (x, y), scaled by `scale` */
	IT_TAG_BEGIN,   /* a structure tag opens: str is its type */
	IT_TAG_END,
	IT_DEST,        /* a named destination `str` at (x, y) */
	IT_LINK,        /* a link over the rectangles in rects; str is cairo's target
	                   ("dest='…'" or "page=N pos=[x y]") */
	IT_OUTLINE,     /* a bookmark: level in num, title in str, target (x, y) */
	IT_TOCREF       /* placeholder filled once pages are known: heading num */
};

/*
 * What is not content, in three layers: with a PDF/UA pass to follow, they
 * are drawn apart from the page (layout_tags.artifacts), one page each, and
 * laid back as artifacts: under the page's content (cell fills), over it
 * (table rules), and over it as pagination (running headers, footers, page
 * numbers, the heads and captions a table repeats on its next pages).
 */
enum art_layer { ART_NONE, ART_UNDER, ART_OVER, ART_PAGINATION };
#define ART_LAYERS LAYOUT_ART_LAYERS

/* What a box is, for the boxes JSON. */
enum box_kind { BOX_NONE, BOX_TEXT, BOX_FIGURE, BOX_HEADER, BOX_FOOTER };

struct item {
	enum item_kind kind;
	enum box_kind box;
	double x, y, w, h;        /* the box on the page */
	PangoLayout *layout;      /* IT_TEXT: one reference, released with the pages */
	int line0, line1;
	double ox, oy;            /* IT_TEXT: the layout's top-left corner on the page */
	struct chart *chart;      /* IT_CHART: owned by the pages */
	double scale;
	char *str;
	char *text;               /* IT_TAG_BEGIN: a Figure's alt, a TH's scope;
	                             IT_LINK: the link's text (see layout_tags) */
	double *rects;            /* IT_LINK: x, y, w, h quadruples */
	size_t nrects;
	int num;                  /* IT_OUTLINE: level */
	int ref;                  /* IT_OUTLINE, IT_TOCREF: index in engine.heads, else -1 */
	double *segs;             /* IT_RULES: x0, y0, x1, y1 quadruples */
	size_t nsegs;
	unsigned rgb;             /* IT_FILL, IT_STROKE, IT_RULES, IT_DOTS: 0xRRGGBB */
	double lw;                /* IT_STROKE, IT_RULES: width */
	int src;
	enum art_layer artifact;  /* not content: the layer it is drawn in */
};

struct page {
	double w, h;
	double ml, mr, mt, mb;    /* margins */
	struct item *items;
	size_t n, cap;
};

struct pages {
	struct page *pg;
	size_t n, cap;
};

/* --- the engine --------------------------------------------------------------- */

/* An outline heading (levels 2-4 unless outline="no"), found before layout so
 * the table of contents knows its lines before the pages are made. */
struct lheading {
	int level;
	char *title;          /* the heading's text, for the table of contents */
	char *bookmark;       /* outline-title, or the title */
	char *dest;           /* the named destination the table of contents links to */
	int page;             /* 1-based, once placed */
	double x, y;
};

struct engine {
	PangoFontMap *fontmap;
	int own_fontmap;             /* 0: the caller's (struct layout_fonts) */
	PangoContext *pctx;
	const char *family;
	double fitfactor[LS_COUNT];  /* pango line spacing giving each style's leading */
	const struct layout_host *host;
	struct pages pages;
	struct buf *err;
	int failed;

	/* the page being filled: its content box and the next free y */
	int landscape;
	double left, right, top, bottom, y;

	/* keep-with-next: the items of a heading that move with what follows it
	 * when that starts a new page (see layout_new_page) */
	int keep;
	size_t keep_page, keep_item;
	double keep_y;

	struct lheading *heads;
	size_t nheads, next_head;
	char **ids;           /* every id, sorted, for checking links */
	unsigned char *id_done;  /* its destination was placed */
	size_t nids;
	const char *running_header;
	enum art_layer artifact;     /* the layer layout_add_text() puts text in (repeated heads) */
};

/* layout.c */
struct item *layout_add_item(struct engine *e, enum item_kind kind);
void layout_new_page(struct engine *e);
void layout_ensure_room(struct engine *e, double h);
void layout_add_tag(struct engine *e, enum item_kind kind, const char *type);
/* A structure tag opening with its text for layout_tags (may be NULL: ""). */
void layout_add_tag_text(struct engine *e, const char *type, const char *text);
void layout_add_dest(struct engine *e, xmlNode *n, double x, double y);
void layout_add_text(struct engine *e, PangoLayout *l, int line0, int line1, double ox, double oy, int src);
void layout_add_rule(struct engine *e, double x, double y, double w, double h, double lw, unsigned rgb);
void layout_add_rules(struct engine *e, const double *segs, size_t n, double lw, unsigned rgb);
void layout_add_fill(struct engine *e, double x, double y, double w, double h, unsigned rgb);
void layout_add_links(struct engine *e, const struct rich *r, PangoLayout *l, int line0, int line1,
                      double ox, double oy);
void layout_warn(struct engine *e, int src, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void layout_fail(struct engine *e, xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int layout_has_id(const struct engine *e, const char *id);

/* layout_text.c */
int layout_is_el(const xmlNode *n, const char *name);
const char *layout_attr(const xmlNode *n, const char *name);
int layout_src_of(const xmlNode *n);
void layout_rich_init(struct rich *r);
void layout_rich_free(struct rich *r);
void layout_rich_text(struct rich *r, const char *s);
void layout_rich_inline(struct engine *e, const xmlNode *parent, struct rich *r);
PangoLayout *layout_rich(struct engine *e, const struct rich *r, enum lstyle st, double width,
                         PangoAlignment align, int nowrap, int bold);
PangoLayout *layout_plain(struct engine *e, const char *text, enum lstyle st, double width,
                          PangoAlignment align);
double layout_width(PangoLayout *l);
double layout_height(PangoLayout *l);
int layout_lines(PangoLayout *l);
void layout_line_range(PangoLayout *l, int i, double *top, double *bottom, double *baseline);
/* All lines at once (top, bottom: layout_lines(l) entries each), and the first
 * line whose bottom is below y (its top in *top; -1 if none). */
void layout_line_ranges(PangoLayout *l, double *top, double *bottom);
int layout_line_below(PangoLayout *l, double y, double *top);
void layout_init_styles(struct engine *e);

/* layout_table.c */
void layout_flow_table(struct engine *e, xmlNode *n);

/* layout_draw.c */
struct pdf_meta {
	const char *title, *author, *subject, *keywords, *creator;
	long long creation_time;
};
/* t (or NULL) receives three times: kpic's drawing calls, cairo's writing
 * of the pages, and cairo's embedding of the fonts when the surface ends. */
/* tags (or NULL) receives the items' texts in the order they are drawn. */
int layout_draw_pdf(const struct pages *p, const struct pdf_meta *m, PangoContext *pctx,
                    const char *family, struct timing *t, struct layout_tags *tags, struct buf *out,
             struct buf *err);

#endif

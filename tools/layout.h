/*
 * layout.h - the PDF layout engine: "XSLT decides what, C decides where".
 *
 * A stylesheet turns the enriched XML into the layout vocabulary of
 * templates/layout.rng (namespace urn:x-kpic:layout:1): sequences of pages,
 * headings, paragraphs, lists, tables, figures, a table of contents.  This
 * engine measures that tree with pango, breaks it into A4 pages (tables
 * between rows, with their head rows repeated) and draws the pages on
 * cairo's PDF surface, tagged, with an outline, internal links and
 * metadata.  It knows nothing of KPIs; the stylesheet knows nothing of
 * points and pages.
 *
 * Whatever cannot fit where the stylesheet put it (an unbreakable figure
 * wider than its column, a table row taller than a page) is reported
 * through host->warn with the block's src line, never clipped in silence.
 */
#ifndef KPIC_LAYOUT_H
#define KPIC_LAYOUT_H

#include "buf.h"
#include "timing.h"

#include <libxml/tree.h>

struct chart;

/* What the engine asks of its caller.  Every member may be NULL. */
struct layout_host {
	/* The chart for <figure kind= ref=> (ref may be NULL), or NULL if there
	 * is none (the engine then draws the figure's alt text in a frame and
	 * warns).  The engine frees it with chart_free(). */
	struct chart *(*figure)(void *ud, const char *kind, const char *ref);
	/* A layout warning: src_line is the block's src (0 if it has none),
	 * rule a short name such as "layout-overflow". */
	void (*warn)(void *ud, int src_line, const char *rule, const char *message);
	void *ud;
};

/*
 * What the drawn structure says that cairo 1.16 cannot write into the PDF,
 * for tools/pdf_ua.c: one entry per structure element of a kind, in the
 * order the engine opened them (which is the order of cairo's structure
 * tree, depth first).  The strings are the engine's own, freed by
 * layout_tags_free().
 */
struct layout_strs {
	char **v;
	size_t n, cap;
};

struct layout_tags {
	struct layout_strs alt;      /* every Figure: its text alternative */
	struct layout_strs scope;    /* every TH: "Column" (a head row's) or "Row" */
	struct layout_strs link;     /* every Link: the text it is drawn over */
	char *title, *author;        /* the document's, or NULL */
	/* A PDF holding only what is not content, LAYOUT_ART_LAYERS pages per
	 * page of the document: what lies under the page's content (cell
	 * fills), over it (table rules), and over it as pagination (running
	 * headers, footers, page numbers, a table's repeated heads).  They are
	 * drawn here and not in the PDF, where cairo 1.16 cannot mark them as
	 * artifacts; pdf_ua.c lays each layer on its page as an /Artifact.
	 * layers[i], for page i, has bit L set when layer L (1-3) is not empty. */
	struct buf artifacts;
	unsigned char *layers;
	size_t nlayers;
};

#define LAYOUT_ART_LAYERS 3

void layout_tags_free(struct layout_tags *t);

struct layout_opts {
	const char *font_family;   /* NULL: LAYOUT_FONT_FAMILY */
	const char *creator;       /* PDF Creator, e.g. "kpic 0.1.0"; NULL: none */
	long long creation_time;   /* seconds since the epoch (SOURCE_DATE_EPOCH),
	                              or -1: cairo writes the current time */
	struct timing *timing;     /* NULL, or receives the layout and PDF times */
	struct layout_fonts *fonts; /* NULL: a font map of the call's own */
	struct layout_tags *tags;  /* NULL, or receives what pdf_ua.c adds (empty
	                              on entry; the caller frees it) */
};

/* A pango font map kept from one document to the next (kpic build), so that
 * the fonts are found and loaded once. */
struct layout_fonts;
struct layout_fonts *layout_fonts_new(void);
void layout_fonts_free(struct layout_fonts *f);

/* IPAexGothic (fonts-ipaexfont): see the measurements in layout.c. */
#define LAYOUT_FONT_FAMILY "IPAexGothic"

/*
 * Lays out and draws doc (a layout document) as a PDF appended to out.
 * boxes, if not NULL, receives one JSON object per line for every placed
 * text or figure box (page, kind, x, y, w, h, the page's size and margins),
 * for tests.  Returns 0, or -1 with the reasons in err (a document that is
 * not in the layout vocabulary, a cairo failure); warnings do not fail.
 */
int layout_pdf(xmlDoc *doc, const struct layout_host *h, const struct layout_opts *o,
               struct buf *out, struct buf *boxes, struct buf *err);

/*
 * Memory: the engine frees all it allocates, and keeps no global state (its
 * pango font map is its own).  fontconfig, however, keeps its configuration
 * and caches for the life of the process, and LeakSanitizer reports about
 * 300 bytes of them at exit; tests/lsan.supp suppresses exactly that.
 * FcFini() would free them, but with pango 1.50, which loads fontconfig's
 * configuration in a thread of its own, it fails an assertion now and then
 * (fcCacheChains[i] == NULL), so it is not called.
 */

#endif

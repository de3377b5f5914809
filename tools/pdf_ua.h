/*
 * pdf_ua.h - finishes the PDF cairo wrote as PDF/UA-1 (ISO 14289-1), with
 * libqpdf.
 *
 * cairo 1.16 writes the structure tree, the link annotations tied to their
 * Link elements (OBJR, /StructParent) and /MarkInfo, but nothing of what
 * follows, which this pass adds:
 *   - the catalog's /Lang, /ViewerPreferences <</DisplayDocTitle true>>
 *     and an XMP metadata stream (dc:title, dc:creator, dc:language,
 *     pdfuaid:part 1);
 *   - /Alt on every Figure, /Scope on every TH (through an attribute
 *     object /O /Table), /Contents on every link annotation, from the
 *     texts the layout engine kept (struct layout_tags, in the order of
 *     the structure tree);
 *   - /Tabs /S on every page with annotations;
 *   - what is not content as artifacts: the running headers, footers, page
 *     numbers and a table's repeated heads (/Pagination), the table rules
 *     and cell fills (/Layout).  cairo 1.16 has no "Artifact" tag
 *     (cairo_tag_begin refuses the name), leaves what is drawn in an
 *     element with children unmarked, and marks whatever is drawn while a
 *     paragraph crossing the page is open as that paragraph's content, so
 *     the engine draws them into a PDF of their own (layout_tags.artifacts,
 *     a page per layer); each layer becomes a form XObject drawn by a
 *     content stream before (fills) or after cairo's, inside
 *     /Artifact <</Type ...>> BDC ... EMC.  No content stream is parsed.
 * The texts are matched to the elements by their order; if the counts
 * differ, the PDF is not what the engine drew and the pass fails rather
 * than put a text on the wrong element.
 *
 * The file is written again with object streams (smaller) and an /ID
 * computed from its contents, so the same input gives the same bytes.
 */
#ifndef KPIC_PDF_UA_H
#define KPIC_PDF_UA_H

#include "buf.h"
#include "layout.h"

/* Rewrites the PDF in pdf in place.  lang is a BCP 47 tag ("ja").  Returns
 * 0, or -1 with the reason in err and pdf unchanged. */
int pdf_ua_finish(struct buf *pdf, const struct layout_tags *tags, const char *lang, struct buf *err);

#endif

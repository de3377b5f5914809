/*
 * srclimits.h - every limit kpic puts on a source, in one place.
 *
 * Sources come from many hands and from generators, and kpic must answer
 * every one in bounded time and memory with a diagnostic that names the
 * limit.  The limits are far above any real strategy (Abashiri's has 64
 * KPIs, at most 2 series a KPI, 6 values a series and 60-character names)
 * and below what makes a stage slow: the PDF of one KPI whose name is 50,000
 * characters takes minutes (a table row many pages tall), one of 1,000
 * characters a tenth of a second.
 *
 * Where each is enforced (the counting stops at the first well-formedness
 * error, which is reported instead: see broken() in srclimits.c):
 *   LIMIT_FILE_BYTES       load.c, while reading (file-too-large)
 *   XML depth 256          libxml2's own limit, never lifted (xml-syntax)
 *   LIMIT_KPIS, LIMIT_SERIES_PER_KPI, LIMIT_VALUES_PER_SERIES,
 *   LIMIT_NAME_CHARS       srclimits.c, while parsing: the parser stops at the
 *                          first element past a limit, so that a huge source
 *                          never becomes a huge tree (limit-exceeded)
 *   LIMIT_TEXT_CHARS       srclimits.c, while parsing, like names: the PDF
 *                          layout places a block's lines page by page, and
 *                          each page walks the block's whole pango layout
 *                          (layout.c, layout_draw.c), so one block's cost grows
 *                          with its length times its pages: 1 MB took 1.3 s,
 *                          8 MB 79 s; 100,000 characters are some 65 pages
 *                          and a tenth of a second (limit-exceeded)
 *   LIMIT_ATTRS            srclimits.c, before parsing (srclimits_attrs): libxml2
 *                          compares each attribute of a start tag with every
 *                          other one (10^5 attributes take 16 s, 2 x 10^5
 *                          106 s) before any callback could count them, so the
 *                          bytes are scanned first; load.c then parses only
 *                          what precedes that tag, so that an earlier
 *                          well-formedness error or limit is reported instead
 *                          (limit-exceeded).  sheet_zip.c scans a
 *                          spreadsheet's XML members the same way
 *                          (import-too-large).
 *   LIMIT_MIN_YEAR, LIMIT_MAX_YEAR   rules.c (invalid-year, invalid-date), draft.c, cmd_init.c (--period)
 *   numbers                decimal.h: |integer part| < 10^15 and at most
 *                          KDEC_MAX_SCALE decimals (invalid-number)
 */
#ifndef KPIC_SRCLIMITS_H
#define KPIC_SRCLIMITS_H

#include <libxml/parser.h>

#define LIMIT_FILE_BYTES        (64u * 1024u * 1024u)
#define LIMIT_KPIS              100000   /* KPIs in one source (the benchmarks' largest) */
#define LIMIT_SERIES_PER_KPI    100      /* <series> in one <kpi> */
#define LIMIT_VALUES_PER_SERIES 400      /* <value> in one series: 1868-2200 is 333 years */
#define LIMIT_NAME_CHARS        1000     /* characters of a name, title or series label */
#define LIMIT_ATTRS             256      /* attributes (namespace declarations included) of one element */
#define LIMIT_TEXT_CHARS        100000   /* characters of one paragraph, list item, cell, caption, note or 確認方法 */
#define LIMIT_MIN_YEAR          1868     /* Meiji 1: the first year of the eras kpic writes */
#define LIMIT_MAX_YEAR          2200

/* What srclimits_watch() saw: the first limit passed, if any. */
struct limits_scan {
	const char *text;            /* the bytes being parsed, for positions */
	size_t len;
	size_t kpis;
	size_t series, values;       /* of the current KPI, and its current series */
	size_t name_chars;           /* of the name being read */
	size_t name_at;              /* offset of its start tag */
	unsigned depth;              /* of the element being read */
	unsigned name_depth;         /* depth of that name element, 0 outside */
	size_t text_chars, text_at;  /* the same for the paragraph, cell or note being read */
	unsigned text_depth;
	unsigned char parent[260];   /* per depth: what kind of element it is */
	xmlSAXHandler saved;         /* the tree builder's callbacks, called on */
	int exceeded, stopped;
	size_t at;                   /* offset of the element past the limit */
	char msg[256];               /* which limit, and what to do */
};

/* Makes ctxt count what it parses from text[0..len) into *ls and stop at the
 * first element past a limit (then ls->exceeded is set).  ctxt must build a
 * tree with libxml2's SAX2 handlers (xmlNewParserCtxt); *ls must outlive the
 * parse. */
void srclimits_watch(xmlParserCtxt *ctxt, struct limits_scan *ls, const char *text, size_t len);

/* Scans text[0..len) for the first start tag with more than LIMIT_ATTRS
 * attributes, in linear time and without parsing (comments, CDATA sections,
 * processing instructions and declarations are skipped).  Returns 1 and its
 * '<' offset in *at, with the diagnostic's message (translated) in msg; 0
 * when there is none. */
int srclimits_attrs(const char *text, size_t len, size_t *at, char *msg, size_t size);

#endif

/*
 * update_impl.h - what the parts of kpic update share: the sheet's cells,
 * the KPIs and series rows name, and text edits at the source's offsets
 * (update.c for actuals, update_targets.c for yearly targets and given
 * grades).
 */
#ifndef KPIC_UPDATE_IMPL_H
#define KPIC_UPDATE_IMPL_H

#include "buf.h"
#include "diag.h"
#include "model.h"
#include "sheet.h"
#include "srcmap.h"

struct edit {
	size_t start, end;           /* the bytes replaced ([start, end), empty to insert) */
	int order;                   /* among insertions at one offset: ascending */
	struct buf text;
};

/* A cell's text (a covered cell reads as its merged range's origin). */
const char *update_cell_text(const struct sheet *sh, unsigned r, unsigned c);
/* Blank rows and rows whose first cell that says something begins with '#'. */
int update_skipped_row(const struct sheet *sh, unsigned r);
/* Just past the end of the element that begins at start. */
size_t update_element_end(const char *t, size_t len, size_t start);
/* The namespace prefix of the element at start, with its colon, into out. */
void update_prefix_at(const char *t, size_t len, size_t start, struct buf *out);
/* A KPI by id, else by exact name (count: how many have it). */
int update_find_kpi(const struct model *m, const char *s, int *count);
/* A series by key, else label; "" for a KPI of one series.  -1 if none. */
int update_find_series(const struct kpi *k, const char *name);
void update_series_keys(const struct kpi *k, struct buf *b);
/* Whether a figure's "unit" is the rest of a number the reader stopped in. */
int update_cut_number(const char *unit);
/* "did you mean …?" for a KPI id or name the source lacks. */
void update_suggest_kpi(const struct model *m, const struct srcfile *src, struct diag_ctx *d, const char *what);
/* e becomes an insertion after the element at ps, on its own line with the
 * same indentation (its text begun); prefix gets the element's namespace
 * prefix for the element the caller appends. */
void update_insert_after(const struct srcfile *src, size_t ps, struct edit *e, struct buf *prefix);
/* The source's text with the edits applied in order of offset, into out. */
void update_apply_edits(const struct srcfile *src, struct edit *edits, size_t n, struct buf *out);

#endif

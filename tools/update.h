/*
 * update.h - `kpic update`: one year of actuals from a sheet, merged into a
 * source in place.
 *
 * The source's text is edited at the byte offsets of the <value> elements
 * (srcmap.h), never re-serialized, so that everything else (comments, order,
 * indentation, attribute quoting) survives byte for byte.  The sheet is read
 * by sheet.h's reader (TSV, CSV, or a sheet of an .xlsx or .ods file): KPI id
 * or exact name, series key (may be empty), value, status (optional); a
 * header row may name the columns.  Every row that cannot be applied is a
 * diagnostic at the sheet's row and column (FILE:LINE:FIELD for TSV/CSV,
 * FILE:SHEET:R<row>C<col> for a spreadsheet), and then nothing is written.
 * The fiscal year comes from --year, the value column's header (令和5年度,
 * FY2023) or a 年度 column, which must agree; it is never guessed.
 */
#ifndef KPIC_UPDATE_H
#define KPIC_UPDATE_H

#include "buf.h"
#include "compile.h"
#include "diag.h"
#include "sheet.h"

struct update_request {
	const char *actuals;         /* the sheet's path */
	const char *sheet;           /* --sheet: an .xlsx or .ods file's sheet (NULL: the first) */
	int year;                    /* --year; 0: the sheet must name it (never guessed) */
	int revise;                  /* --revise: a different figure may replace one */
	int again;                   /* --again: a sheet that repeats the latest figures is applied */
};

struct update_result {
	struct buf text;             /* the updated source */
	int year;                    /* the year applied */
	size_t added, replaced, revised, unchanged;
	size_t open;                 /* rows not filled in (value and status blank) */
};

/* Reads the sheet and computes the updated text of u's source.  Returns 0,
 * 1 when rows were refused (diagnosed through d: the sheet must stay alive
 * until they are flushed, so it is kept in *sheet: sheet_free() it), or 2
 * when the sheet cannot be read (diagnosed too), its year is not named,
 * not clear or outside the period, or every row repeats its KPI's latest
 * value, as when the sheet was applied already (unless again; message in
 * err). */
int update_apply(const struct unit *u, const struct update_request *rq, struct diag_ctx *d,
                 struct sheet *sheet, struct update_result *res, struct buf *err);
/* The same for a sheet of yearly targets and given grades (kpic update
 * --targets, update_targets.c): rq->actuals is the sheet, rq->year and
 * rq->again unused (cmd_update refuses them); res->year is 0. */
int update_targets_apply(const struct unit *u, const struct update_request *rq, struct diag_ctx *d,
                         struct sheet *sheet, struct update_result *res, struct buf *err);
void update_result_free(struct update_result *res);

#endif

/*
 * sheet_write.h - writing sheets of text cells as .xlsx, .ods or CSV.
 *
 * The writing side of sheet.h, for the sheets kpic hands out to be filled
 * in (kpic export --actuals-template).  Every cell is text (an .xlsx inline
 * string, an .ods string cell), so that what kpic writes reads back the same
 * through sheet.h, and nothing a spreadsheet would run as a formula is
 * written as one; the CSV is UTF-8 with a BOM and CRLF, like kpic export's,
 * its text cells neutralised the same way (a leading apostrophe before =, +,
 * -, @, a tab or a CR).  The archives are made in memory with libzip.
 */
#ifndef KPIC_SHEET_WRITE_H
#define KPIC_SHEET_WRITE_H

#include <stddef.h>

#include "buf.h"

struct wsheet {
	char *name;                  /* the sheet's name (made valid for .xlsx when written) */
	size_t nrows, ncols;
	char **cells;                /* nrows * ncols, NULL or "" for an empty cell */
	size_t cap;
	unsigned char *wide;         /* per column: a wide column (names), for the widths */
};

/* A new sheet of ncols columns; rows are appended with sheet_write_row(). */
void sheet_write_init(struct wsheet *s, const char *name, size_t ncols);
/* Appends a row of s->ncols cells (copied; NULL for empty). */
void sheet_write_row(struct wsheet *s, const char *const *cells);
void sheet_write_free(struct wsheet *s);

/* The workbook of n sheets into out.  0, or -1 with a message in err. */
int sheet_write_xlsx(const struct wsheet *sh, size_t n, struct buf *out, char *err, size_t errsz);
int sheet_write_ods(const struct wsheet *sh, size_t n, struct buf *out, char *err, size_t errsz);
/* One sheet as CSV. */
void sheet_write_csv(const struct wsheet *sh, struct buf *out);

#endif

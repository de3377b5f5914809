/*
 * sheet.h - one sheet of a spreadsheet as a grid of cell texts.
 *
 * kpic import reads the KPI tables staff keep in spreadsheets: CSV or TSV
 * (UTF-8, a BOM allowed), and the first sheet (or a named one) of an .xlsx or
 * .ods file (sheet_zip.c).  Every reader ends in the same grid: the cells'
 * texts as the sheet shows them, where each merged range's covered cells
 * remember their origin, and a srcfile for diagnostics.  For CSV/TSV that is
 * the file itself (positions print as FILE:LINE:FIELD, like kpic update);
 * for a zipped sheet it is the rows written as lines of tab-separated cells,
 * so that line = row and field = column, printed as FILE:SHEET:R12C7.
 *
 * Spreadsheets come from many hands, so the readers bound everything: the
 * file and each unzipped member (64 MiB, and a member may not be more than
 * 1000 times its compressed size), rows, columns, cells, and the text of
 * all the cells as the sheet expands (SHEET_MAX_TEXT).
 */
#ifndef KPIC_SHEET_H
#define KPIC_SHEET_H

#include <stddef.h>

#include "diag.h"
#include "srcmap.h"

#define SHEET_MAX_ROWS  100000u
#define SHEET_MAX_COLS  1024u
#define SHEET_MAX_CELLS 2000000u     /* rows x columns of the used range */
/* Bytes of text in all the cells together, as the sheet expands: a cell
 * repeated by an .ods repeat count, or a shared string of an .xlsx, is one
 * copy per cell it fills, so a few hundred zipped bytes could ask for
 * gigabytes.  As much as a CSV file may hold. */
#ifndef SHEET_MAX_TEXT              /* the fuzz build lowers it: see the Makefile */
#define SHEET_MAX_TEXT  (64u * 1024u * 1024u)
/* The names of an .xlsx or .ods file's sheets, in order: 0 (free each and
 * the array), or -1 for any other file or one that cannot be read (the
 * reader says why when the sheet is read). */
int sheet_names(const char *path, char ***names, size_t *n);

#endif

struct sheet {
	struct srcfile src;          /* where diagnostics point */
	unsigned nrows, ncols;
	char **text;                 /* nrows * ncols cell texts, "" when empty */
	size_t *off;                 /* each cell's offset in src.text */
	unsigned *origin;            /* each cell's merge origin (its own index if none) */
};

/* Collects the cells a reader finds, in any order, before the grid's size is known. */
struct sheet_item { unsigned row, col; char *text; size_t off; };
struct sheet_merge { unsigned r0, c0, r1, c1; };
struct sheet_builder {
	struct sheet_item *items;
	size_t n, cap;
	struct sheet_merge *merges;
	size_t nmerges, mcap;
	size_t bytes;                /* of the cells' texts so far */
};

/* Reads path (by its extension: .xlsx, .ods, else CSV/TSV) into *sh.  name
 * selects a sheet by name (NULL: the first).  syntax is the caller's rule for
 * a CSV/TSV quote that is not closed (kpic import and kpic update report it
 * each under its own).  Returns 0, or 1 after diagnostics (keep sh until
 * they are flushed, then sheet_free it). */
int sheet_read(const char *path, const char *name, enum rule syntax, struct diag_ctx *d, struct sheet *sh);
void sheet_free(struct sheet *sh);

/* 0-based; "" and SRC_NOWHERE outside the grid. */
const char *sheet_cell(const struct sheet *sh, unsigned row, unsigned col);
size_t sheet_pos(const struct sheet *sh, unsigned row, unsigned col);
/* How many cells the row has: for CSV/TSV the fields of its line, for a
 * spreadsheet the grid's width (a blank cell is a cell). */
unsigned sheet_row_cells(const struct sheet *sh, unsigned row);
/* Whether the cell is covered by a merged range that starts elsewhere. */
int sheet_covered(const struct sheet *sh, unsigned row, unsigned col);

/* For the readers: a cell (row, col 0-based; takes text; off: its offset in
 * a CSV file, else 0); -1 (text freed) beyond the rows, columns or cells,
 * SHEET_TOO_MUCH_TEXT (text freed) past SHEET_MAX_TEXT.  A merged range. */
#define SHEET_TOO_MUCH_TEXT (-2)
int sheet_add(struct sheet_builder *b, unsigned row, unsigned col, char *text, size_t off);
/* The diagnostic for SHEET_TOO_MUCH_TEXT, at offset `at` of src. */
void sheet_text_limit(struct diag_ctx *d, struct srcfile *src, size_t at);
void sheet_add_merge(struct sheet_builder *b, unsigned r0, unsigned c0, unsigned r1, unsigned c1);
void sheet_builder_free(struct sheet_builder *b);

/* sheet_zip.c: the xlsx and ods readers.  0, or 1 after a diagnostic at
 * sh->src (the file as a whole); *sheet_name receives the sheet's name. */
int sheet_read_xlsx(const char *path, const char *name, struct diag_ctx *d, struct sheet *sh,
                    struct sheet_builder *b, char **sheet_name);
int sheet_read_ods(const char *path, const char *name, struct diag_ctx *d, struct sheet *sh,
                   struct sheet_builder *b, char **sheet_name);

/* The names of an .xlsx or .ods file's sheets, in order: 0 (free each and
 * the array), or -1 for any other file or one that cannot be read (the
 * reader says why when the sheet is read). */
int sheet_names(const char *path, char ***names, size_t *n);

#endif

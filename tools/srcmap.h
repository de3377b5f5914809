/*
 * srcmap.h - positions in a source file.
 *
 * libxml2 gives each node a line number but no column, and the line it gives
 * for an element is where its start tag ends.  Diagnostics point at the exact
 * character, so kpic keeps the file's text and indexes it itself: the start of
 * every line, and the offset of every start tag in document order.  Because a
 * well-formed document's start tags appear in the text in the same order as
 * its elements in the tree, the k-th element of a depth-first walk is the k-th
 * start tag; srcmap_bind() records k in each node's _private field.
 */
#ifndef KPIC_SRCMAP_H
#define KPIC_SRCMAP_H

#include <stddef.h>
#include <libxml/tree.h>

#define SRC_NOWHERE ((size_t)-1)
#define SRC_CHARS_STEP 4096u

/* The state of the field count of a sheet's line where the scan resumes
 * (srcmap_fields). */
struct srcmap_fieldmark {
	size_t at;               /* the offset the state is before */
	unsigned field;          /* 1-based, in its line */
	unsigned char quoted, at_start;
};

struct srcfile {
	char *path;              /* as given on the command line */
	char *text;              /* the file's bytes, NUL-terminated */
	size_t len;
	size_t *lines;           /* offset of the first byte of each line */
	size_t nlines;
	size_t *chars;           /* characters in text[0 .. i * SRC_CHARS_STEP), so
	                            that a column costs at most two steps, however
	                            long its line (a file of one line) */
	size_t *tags;            /* offset of each start tag's '<', in order */
	size_t ntags;
	char fieldsep;           /* a sheet (kpic update): columns count fields
	                            separated by this ('\t' or ','), not characters */
	struct srcmap_fieldmark *fields;  /* with fieldsep: the state at every
	                            SRC_CHARS_STEP bytes, so that a field costs
	                            at most a step however long its row */
	char *sheet;             /* a spreadsheet's sheet (kpic import): text holds
	                            its rows as lines of tab-separated cells, and
	                            positions print as PATH:SHEET:R<row>C<col> */
};

/* Takes ownership of text (len bytes + NUL). */
void srcmap_init(struct srcfile *s, const char *path, char *text, size_t len);
void srcmap_free(struct srcfile *s);

/* Makes s a sheet whose columns count fields separated by sep. */
void srcmap_fields(struct srcfile *s, char sep);

/* Indexes start tags and binds them to the tree's elements.  Returns 0, or -1
 * when the counts disagree (which would be a kpic bug). */
int srcmap_bind(struct srcfile *s, xmlDoc *doc);

/* 1-based line and column (in characters; in fields for a sheet) of an offset. */
void srcmap_linecol(const struct srcfile *s, size_t off, unsigned *line, unsigned *col);
/* Offset of a 1-based line and character column (clamped to the line). */
size_t srcmap_offset(const struct srcfile *s, unsigned line, unsigned col);

/* Offsets of an element's '<', of one of its attributes' name (falls back to
 * the element), and of its first non-blank content character. */
size_t srcmap_node(const struct srcfile *s, const xmlNode *n);
size_t srcmap_attr(const struct srcfile *s, const xmlNode *n, const char *attr);
size_t srcmap_content(const struct srcfile *s, const xmlNode *n);

/* The line containing off, without its newline: start and length. */
void srcmap_line_text(const struct srcfile *s, size_t off, const char **start, size_t *len);

#endif

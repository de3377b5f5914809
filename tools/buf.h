/*
 * buf.h - a growable byte buffer, the one string builder kpic uses.
 *
 * Every text kpic produces (diagnostics, JSON, terminal tables) is built here
 * first and written out in one piece, so that a failure half-way never leaves
 * a partial file or a half-printed report behind.  Allocation failure ends
 * kpic (xoom): it cannot do anything useful without memory, and checking
 * every append would bury the logic of the callers.
 */
#ifndef KPIC_BUF_H
#define KPIC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;   /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends s as the contents of a JSON string literal, quotes included. */
void buf_json_str(struct buf *b, const char *s);
/* Appends s with <, >, & and " escaped for XML. */
void buf_xml_str(struct buf *b, const char *s);
/* Appends s[0..n) as text for a terminal: control characters (C0, DEL,
 * C1; the newline too unless keep_newline), line and paragraph separators
 * and the bidirectional controls that reorder what a terminal shows are
 * written as <U+XXXX>, so that text from a source cannot forge a line of
 * output, move the cursor or colour the screen.  Returns how many were. */
size_t buf_put_visible(struct buf *b, const char *s, size_t n, int keep_newline);
/* Appends s padded with spaces to `width` terminal columns (CJK = 2). */
void buf_pad(struct buf *b, const char *s, size_t width, int right_align);
/* Appends v rounded to hundredths, trailing zeros dropped ("12", "12.5",
 * "-0.25"), the same in every locale; non-finite or huge values as 0. */
void buf_num(struct buf *b, double v);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Returns a NUL-terminated string even for an empty buffer. */
const char *buf_str(struct buf *b);

/* Out of memory: prints "kpic: out of memory" and ends kpic at once with
 * status 2, as for any input it cannot process, writing nothing more (stdio
 * is not flushed; no output file is being written, since output_write()
 * allocates nothing while its temporary file exists).  Also for libxml2's
 * allocation failures (load.c, sheet_zip.c), which would otherwise read as
 * a syntax error of the file. */
_Noreturn void xoom(void);

/* Allocation helpers that end kpic on failure (xoom, see above). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif

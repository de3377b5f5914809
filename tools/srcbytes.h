/*
 * srcbytes.h - what load.c checks in a source's bytes before parsing them.
 *
 * libxml2 reads some files kpic cannot go on with: text in UTF-16 (its NUL
 * bytes reach the parser as broken markup), NUL bytes, an XML declaration
 * naming another encoding than the UTF-8 kpic reads (other XML tools would
 * decode the same bytes differently), and characters XML 1.0 allows but the
 * outputs cannot hold: C1 controls and U+007F (a parse error in HTML) and
 * Unicode noncharacters (U+FDD0..U+FDEF, U+xFFFE and U+xFFFF: not text, and
 * pango refuses to draw them).  Each is reported here, in kpic's words.
 */
#ifndef KPIC_SRCBYTES_H
#define KPIC_SRCBYTES_H

#include "diag.h"
#include "srcmap.h"

/* Reports the first such problem of src (rules encoding and xml-syntax) and
 * returns -1; 0 when there is none.  Invalid UTF-8 is left to the caller,
 * but where the declaration names the encoding the bytes are in. */
int srcbytes_check(struct diag_ctx *d, const struct srcfile *src);

#endif

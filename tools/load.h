/*
 * load.h - reading a source file into a libxml2 tree, safely.
 *
 * Sources come from many hands, so the loader trusts nothing: it refuses
 * files that are empty, too large or not UTF-8, parses with no network, no
 * DTD loading and no entity substitution, and refuses any DOCTYPE (entity
 * declarations are the way to read local files or to blow up memory).  Depth
 * is bounded by libxml2's default limit, since XML_PARSE_HUGE is never set,
 * and what the source holds by srclimits.h, counted while parsing.
 */
#ifndef KPIC_LOAD_H
#define KPIC_LOAD_H

#include <libxml/tree.h>

#include "diag.h"
#include "srclimits.h"
#include "srcmap.h"

#define LOAD_MAX_BYTES LIMIT_FILE_BYTES

struct source {
	struct srcfile src;
	xmlDoc *doc;
};

enum load_result {
	LOAD_OK = 0,
	LOAD_BAD = 1,         /* read, but not a usable XML document: diagnosed */
	LOAD_UNREADABLE = 2,  /* could not be read at all: diagnosed */
};

/* Loads path into *s.  Whatever the result, diagnostics may point into *s:
 * keep it until they are flushed, then load_source_free() it. */
enum load_result load_source(const char *path, struct diag_ctx *d, struct source *s);
/* The same for a text already in memory (kpic update checks the source it is
 * about to write): takes ownership of text (len bytes + NUL), named path. */
enum load_result load_source_text(const char *path, char *text, size_t len, struct diag_ctx *d,
                                  struct source *s);
void load_source_free(struct source *s);

/* A file's bytes, NUL-terminated, at most LOAD_MAX_BYTES (else NULL with
 * *too_large set); NULL with *err = errno when it cannot be read. */
char *load_read_all(const char *path, size_t *len, int *err, int *too_large);

#endif

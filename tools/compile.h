/*
 * compile.h - the front end: load -> schema -> model -> evaluate -> rules.
 *
 * Every subcommand that reads a source goes through compile_source(), so
 * that `kpic eval` and the renderers never work on a source `kpic check`
 * would reject.
 */
#ifndef KPIC_COMPILE_H
#define KPIC_COMPILE_H

#include "diag.h"
#include "eval.h"
#include "load.h"
#include "model.h"
#include "schema.h"
#include "timing.h"

struct unit {
	struct source src;
	struct model model;
	struct eval eval;
	int have_model;
};

enum compile_result {
	COMPILE_OK = 0,          /* no errors (warnings possible) */
	COMPILE_ERRORS = 1,      /* diagnosed errors */
	COMPILE_UNREADABLE = 2,  /* could not read the file */
};

/* Compiles path into *u.  Whatever the result, u must be kept until the
 * diagnostics are flushed and then released with compile_unit_free().  t, if not
 * NULL, receives the time of each pass (load, schema, evaluate, rules). */
enum compile_result compile_source(const char *path, struct schema *sc, struct diag_ctx *d,
                                   struct unit *u, struct timing *t);
/* The same for a text in memory, named path (takes ownership of text). */
enum compile_result compile_text(const char *path, char *text, size_t len, struct schema *sc,
                                 struct diag_ctx *d, struct unit *u);
void compile_unit_free(struct unit *u);

#endif

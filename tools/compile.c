/*
 * compile.c - runs the passes in order and stops at the first that fails
 * (see compile.h).  A document the schema rejects is not modelled: the rules
 * assume the shape the schema guarantees.
 */
#include "compile.h"
#include "rules.h"

#include <string.h>

static enum compile_result compile_loaded(enum load_result lr, struct schema *sc, struct diag_ctx *d,
                                          struct unit *u, size_t errors_before);

enum compile_result compile_source(const char *path, struct schema *sc, struct diag_ctx *d,
                                   struct unit *u)
{
	memset(u, 0, sizeof *u);
	size_t errors_before = d->nerrors;
	return compile_loaded(load_source(path, d, &u->src), sc, d, u, errors_before);
}

enum compile_result compile_text(const char *path, char *text, size_t len, struct schema *sc,
                                 struct diag_ctx *d, struct unit *u)
{
	memset(u, 0, sizeof *u);
	size_t errors_before = d->nerrors;
	return compile_loaded(load_source_text(path, text, len, d, &u->src), sc, d, u, errors_before);
}

static enum compile_result compile_loaded(enum load_result lr, struct schema *sc, struct diag_ctx *d,
                                          struct unit *u, size_t errors_before)
{
	if (lr == LOAD_UNREADABLE)
		return COMPILE_UNREADABLE;
	if (lr != LOAD_OK)
		return COMPILE_ERRORS;
	if (schema_validate(sc, &u->src, d) > 0)
		return COMPILE_ERRORS;
	model_build(&u->model, u->src.doc);
	eval_run(&u->eval, &u->model);
	u->have_model = 1;
	rules_run(&u->model, &u->eval, &u->src.src, d);
	return d->nerrors > errors_before ? COMPILE_ERRORS : COMPILE_OK;
}

void unit_free(struct unit *u)
{
	if (u->have_model) {
		eval_free(&u->eval);
		model_free(&u->model);
	}
	source_free(&u->src);
	memset(u, 0, sizeof *u);
}

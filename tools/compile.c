/*
 * compile.c - runs the passes in order and stops at the first that fails
 * (see compile.h).  A document the schema rejects is not modelled: the rules
 * assume the shape the schema guarantees.
 */
#include "compile.h"
#include "rules.h"

#include <string.h>

static enum compile_result compile_loaded(enum load_result lr, struct schema *sc, struct diag_ctx *d,
                                          struct unit *u, size_t errors_before, struct timing *t);

enum compile_result compile_source(const char *path, struct schema *sc, struct diag_ctx *d,
                                   struct unit *u, struct timing *t)
{
	memset(u, 0, sizeof *u);
	size_t errors_before = d->nerrors;
	double t0 = timing_now();
	enum load_result lr = load_source(path, d, &u->src);
	timing_add(t, T_LOAD, t0);
	return compile_loaded(lr, sc, d, u, errors_before, t);
}

enum compile_result compile_text(const char *path, char *text, size_t len, struct schema *sc,
                                 struct diag_ctx *d, struct unit *u)
{
	memset(u, 0, sizeof *u);
	size_t errors_before = d->nerrors;
	return compile_loaded(load_source_text(path, text, len, d, &u->src), sc, d, u, errors_before,
	                      NULL);
}

static enum compile_result compile_loaded(enum load_result lr, struct schema *sc, struct diag_ctx *d,
                                          struct unit *u, size_t errors_before, struct timing *t)
{
	if (lr == LOAD_UNREADABLE)
		return COMPILE_UNREADABLE;
	if (lr != LOAD_OK)
		return COMPILE_ERRORS;
	double t0 = timing_now();
	int invalid = schema_validate(sc, &u->src, d) > 0;
	timing_add(t, T_SCHEMA, t0);
	if (invalid)
		return COMPILE_ERRORS;
	t0 = timing_now();
	model_build(&u->model, u->src.doc);
	eval_run(&u->eval, &u->model);
	u->have_model = 1;
	timing_add(t, T_EVAL, t0);
	t0 = timing_now();
	rules_run(&u->model, &u->eval, &u->src.src, d);
	timing_add(t, T_RULES, t0);
	return d->nerrors > errors_before ? COMPILE_ERRORS : COMPILE_OK;
}

void compile_unit_free(struct unit *u)
{
	if (u->have_model) {
		eval_free(&u->eval);
		model_free(&u->model);
	}
	load_source_free(&u->src);
	memset(u, 0, sizeof *u);
}

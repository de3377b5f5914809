/*
 * rules.h - the semantic rules of `kpic check`.
 *
 * Each rule is one function in rules.c, registered in one table; each reports
 * through diag.h with its stable name from rules.def.  The rules run on the
 * model and its evaluation, after the schema has accepted the document.
 */
#ifndef KPIC_RULES_H
#define KPIC_RULES_H

#include "diag.h"
#include "eval.h"
#include "model.h"
#include "srcmap.h"

void rules_run(const struct model *m, const struct eval *e, const struct srcfile *src,
               struct diag_ctx *d);

#endif

/*
 * schema.h - validation against the source format's RELAX NG schema.
 *
 * The schema (templates/kpic.rng) says what may appear where; libxml2's
 * validator checks it, and this pass rewords its messages ("Expecting an
 * element X, got nothing") into kpic's own, one per problem.
 */
#ifndef KPIC_SCHEMA_H
#define KPIC_SCHEMA_H

#include "diag.h"
#include "load.h"

struct schema;

/* Loads the schema file; NULL (with a message on stderr) if it cannot. */
struct schema *schema_load(const char *path);
void schema_free(struct schema *s);

/* Returns the number of schema errors reported. */
int schema_validate(struct schema *sc, struct source *s, struct diag_ctx *d);

#endif

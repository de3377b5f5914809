/*
 * diff_impl.h - what the parts of the diff share: diff.c holds the change
 * list and compares meta, 担当課, goals and headings; diff_kpi.c compares
 * KPIs (headings and KPIs through diff_match.h's matcher); diff_doc.c the
 * parts that live only in the tree (grants, the narrative) and renders tree
 * text.
 * Not for renderers: they read diff.h only.
 */
#ifndef KPIC_DIFF_IMPL_H
#define KPIC_DIFF_IMPL_H

#include "buf.h"
#include "diff.h"
#include "diff_match.h"
#include "strmap.h"

/* Everything a comparison pass needs.  gb/ga map each side's goal index to
 * its index in diff.goals (merged order). */
struct dctx {
	struct diff *d;
	const struct unit *ub, *ua;
	const struct model *mb, *ma;
	const struct eval *eb, *ea;
	int *gb, *ga;
};

/* Strings and arrays live in the diff's pool, freed with it. */
void *diff_alloc(struct diff *d, size_t n);
const char *diff_str(struct diff *d, const char *s);          /* NULL stays NULL */
const char *diff_printf(struct diff *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A new change, zeroed but for its kind, subject and sequence number. */
struct diff_change *diff_emit(struct diff *d, enum diff_kind k, enum diff_subject s);
/* Sets a change's side from plain text (raw and text alike). */
void diff_set(struct diff *d, struct diff_change *c, const char *before, const char *after);

/* Where an element of the model sits: goal and heading h (-1 at goal
 * level).  diff_path sets a change's path (goal, then headings down to h);
 * diff_place_text is the same as one line (基本目標1 › … › …); place_id
 * the id of h or of the goal, place_key a number for it. */
void diff_path(struct diff *d, struct diff_change *c, const struct model *m, size_t goal, int h);
const char *diff_place_text(struct diff *d, const struct model *m, size_t goal, int h);
const char *diff_place_id(const struct model *m, size_t goal, int h);
long diff_place_key(size_t goal, int h);
/* Equal strings (whitespace runs alike), or both NULL. */
int diff_same(const char *a, const char *b);

/* Tree helpers for kpic's namespace. */
int diff_is_el(const xmlNode *n, const char *name);
xmlNode *diff_child(const xmlNode *n, const char *name);
const char *diff_attr(struct diff *d, const xmlNode *n, const char *name);
/* A node's canonical form: elements with sorted attributes, text with
 * whitespace collapsed, comments and <decision> left out.  Two nodes mean
 * the same iff their canonical forms are equal. */
const char *diff_canon(struct diff *d, const xmlNode *n);
/* A node's text as the document prints it: computed counts, values and
 * era years filled in, whitespace collapsed. */
const char *diff_render(struct diff *d, const struct unit *u, const xmlNode *n);

/* The passes of diff_kpi.c and diff_doc.c. */
void diff_kpis(struct dctx *x);
void diff_reposts(struct dctx *x);
void diff_grants(struct dctx *x);
void diff_sections(struct dctx *x);

#endif

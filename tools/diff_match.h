/*
 * diff_match.h - the one matching algorithm of the diff: two ordered lists
 * of items that sit in a strategy's tree (headings, KPIs) paired by id, and
 * what was added, removed, moved to another place or reordered among its
 * siblings.  What differs between the kinds of item (how to find one by id,
 * where it sits, what to emit) comes through struct match_ops.
 * Not for renderers: diff_impl.h includes it for the comparison passes.
 */
#ifndef KPIC_DIFF_MATCH_H
#define KPIC_DIFF_MATCH_H

#include <stddef.h>

#include "model.h"

struct dctx;

/* Order helpers.  diff_match_merge: items of the after side sit at 2i; an
 * unmatched item of the before side (b2a[j] < 0) right after the nearest
 * preceding matched one, at 2k+1.  diff_match_lis: marks the elements of v[0..n)
 * that form a longest strictly increasing subsequence (what did not move).
 * Both write into the caller's arrays and keep nothing. */
void diff_match_merge(size_t nb, const int *b2a, long *posb);
void diff_match_lis(const int *v, size_t n, unsigned char *keep);
/* Sibling entries (group: the after side's parent; after, before: indices
 * on each side): sorts s in place and marks in moved[after] those outside
 * their group's longest increasing run of before indices. */
struct sib { long group; int after, before; };
void diff_match_reordered(struct sib *s, size_t n, unsigned char *moved);

/* Where an item sits: its goal, and the heading above it (-1 at goal level). */
struct place { size_t goal; int heading; };

/* A paired item: its indices and 1-based ranks among the items of its
 * place on each side, and whether it stayed, changed place, or kept its
 * place but not its order among its siblings (outside their longest run). */
enum match_move { MM_STAYED = 0, MM_REORDERED = 1, MM_MOVED };   /* 0 and 1: diff_match_reordered's */
struct match_pair {
	size_t before, after;
	int rank_before, rank_after;
	enum match_move move;
};

/* What the matcher asks of a kind of item; every model pointer is the
 * context's (x->mb or x->ma) and every pointer passed is borrowed for the
 * call only. */
struct match_ops {
	/* The index in b of the item with the id of a's item i, or -1. */
	int (*find)(const struct model *b, const struct model *a, size_t i);
	struct place (*place)(const struct model *m, size_t i);
	/* Optional: pairs more of what the ids left unpaired (-1 in a2b[i] and
	 * b2a[j]); it must set both sides of each new pair. */
	void (*pair_more)(struct dctx *x, int *a2b, int *b2a);
	/* Called in this order: for each item i of the after side, added or
	 * paired; then removed for each unpaired item j of the before side,
	 * with pos its merged position (see diff_match_merge). */
	void (*added)(struct dctx *x, size_t i);
	void (*paired)(struct dctx *x, const struct match_pair *p);
	void (*removed)(struct dctx *x, size_t j, long pos);
};

/* Matches the nb items of the before side with the na of the after side
 * and reports them through ops.  Everything it allocates is freed before
 * it returns. */
void diff_match(struct dctx *x, const struct match_ops *ops, size_t nb, size_t na);

#endif

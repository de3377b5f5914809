/*
 * diff_match.c - pairing two ordered lists by id and finding what moved
 * (see diff_match.h): the order helpers, and the matcher the heading and
 * KPI passes share.
 */
#include "diff_impl.h"

#include <stdlib.h>

/* ------------------------------------------------------------ order */

void diff_match_merge(size_t nb, const int *b2a, long *posb)
{
	long last = -1;
	for (size_t j = 0; j < nb; j++) {
		if (b2a[j] >= 0)
			last = b2a[j];
		posb[j] = b2a[j] >= 0 ? 2L * b2a[j] : 2 * last + 1;
	}
}

/* Patience sorting with back links: O(n log n). */
void diff_match_lis(const int *v, size_t n, unsigned char *keep)
{
	size_t *tail = xmalloc((n + 1) * sizeof *tail);   /* index of the smallest tail per length */
	size_t *prev = xmalloc((n + 1) * sizeof *prev);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (v[tail[mid]] < v[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : (size_t)-1;
		tail[lo] = i;
		if (lo == len)
			len++;
		keep[i] = 0;
	}
	for (size_t i = len ? tail[len - 1] : (size_t)-1; i != (size_t)-1; i = prev[i])
		keep[i] = 1;
	free(tail);
	free(prev);
}

static int cmp_sib(const void *pa, const void *pb)
{
	const struct sib *a = pa, *b = pb;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->after < b->after ? -1 : a->after > b->after;
}

void diff_match_reordered(struct sib *s, size_t n, unsigned char *moved /* by after index */)
{
	qsort(s, n, sizeof *s, cmp_sib);
	int *v = xmalloc((n + 1) * sizeof *v);
	unsigned char *keep = xmalloc(n + 1);
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && s[e].group == s[i].group)
			e++;
		for (size_t k = i; k < e; k++)
			v[k - i] = s[k].before;
		diff_match_lis(v, e - i, keep);
		for (size_t k = i; k < e; k++)
			moved[s[k].after] = !keep[k - i];
		i = e;
	}
	free(v);
	free(keep);
}

/* ------------------------------------------------------------ matcher */

/* 1-based rank of each item among the items of its place. */
static int *place_ranks(const struct model *m, const struct match_ops *ops, size_t n)
{
	int *rank = xmalloc((n + 1) * sizeof *rank);
	int *next = xcalloc(m->nheadings + m->ngoals + 1, sizeof *next);
	for (size_t i = 0; i < n; i++) {
		struct place p = ops->place(m, i);
		rank[i] = ++next[p.heading >= 0 ? (size_t)p.heading : m->nheadings + p.goal];
	}
	free(next);
	return rank;
}

/* For each paired item of the after side: moved to another place, or
 * outside its siblings' longest run of before indices. */
static unsigned char *find_moves(struct dctx *x, const struct match_ops *ops, const int *a2b, size_t na)
{
	const struct model *b = x->mb, *a = x->ma;
	size_t ns = 0;
	struct sib *s = xmalloc((na + 1) * sizeof *s);
	unsigned char *move = xcalloc(na + 1, 1);
	for (size_t i = 0; i < na; i++) {
		if (a2b[i] < 0)
			continue;
		struct place pa = ops->place(a, i), pb = ops->place(b, (size_t)a2b[i]);
		if (diff_same(diff_place_id(b, pb.goal, pb.heading), diff_place_id(a, pa.goal, pa.heading)))
			s[ns++] = (struct sib){ diff_place_key(pa.goal, pa.heading), (int)i, a2b[i] };
		else
			move[i] = MM_MOVED;
	}
	diff_match_reordered(s, ns, move);   /* 1 = MM_REORDERED, to those with a sibling entry */
	free(s);
	return move;
}

void diff_match(struct dctx *x, const struct match_ops *ops, size_t nb, size_t na)
{
	const struct model *b = x->mb, *a = x->ma;
	int *a2b = xmalloc((na + 1) * sizeof *a2b);
	int *b2a = xmalloc((nb + 1) * sizeof *b2a);
	long *posb = xmalloc((nb + 1) * sizeof *posb);
	for (size_t j = 0; j < nb; j++)
		b2a[j] = -1;
	for (size_t i = 0; i < na; i++) {
		a2b[i] = ops->find(b, a, i);
		if (a2b[i] >= 0)
			b2a[a2b[i]] = (int)i;
	}
	if (ops->pair_more)
		ops->pair_more(x, a2b, b2a);
	diff_match_merge(nb, b2a, posb);
	unsigned char *move = find_moves(x, ops, a2b, na);
	int *rank_b = place_ranks(b, ops, nb), *rank_a = place_ranks(a, ops, na);
	for (size_t i = 0; i < na; i++) {
		int j = a2b[i];
		if (j < 0) {
			ops->added(x, i);
			continue;
		}
		struct match_pair p = { (size_t)j, i, rank_b[j], rank_a[i], (enum match_move)move[i] };
		ops->paired(x, &p);
	}
	for (size_t j = 0; j < nb; j++)
		if (b2a[j] < 0)
			ops->removed(x, j, posb[j]);
	free(a2b);
	free(b2a);
	free(posb);
	free(move);
	free(rank_b);
	free(rank_a);
}

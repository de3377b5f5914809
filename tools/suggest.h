/*
 * suggest.h - "did you mean …?" for a name that matches nothing.
 *
 * An unknown KPI id, 再掲 target, series key or 担当課 id is most often a
 * typo of one that exists.  The caller offers every candidate; the closest
 * by edit distance (insertions, deletions, substitutions and swaps of two
 * neighbours, counted in characters) is kept if it is close enough to be a
 * likely misspelling: none for a word of 1 or 2 characters, at most 1
 * edit for one of up to 4 characters, 2 up to 8, 3 beyond.  When two
 * candidates are equally close there is no suggestion: a guess between them
 * would mislead as often as it helps.
 */
#ifndef KPIC_SUGGEST_H
#define KPIC_SUGGEST_H

#include <stddef.h>

#define SUGGEST_MAX_CHARS 64     /* longer words and candidates are not compared */

struct suggest {
	unsigned word[SUGGEST_MAX_CHARS];
	size_t len;                  /* in characters; 0: nothing to suggest for */
	int best;                    /* edits of the closest candidate so far */
	int tie;                     /* another candidate is as close */
	const char *cand;            /* the closest candidate, or NULL */
	size_t where;                /* what the caller gave with it (a position) */
};

void suggest_init(struct suggest *s, const char *word);
void suggest_offer(struct suggest *s, const char *cand, size_t where);
/* The suggestion, or NULL; *where (if not NULL) gets its position. */
const char *suggest_best(const struct suggest *s, size_t *where);

#endif

/*
 * strmap.h - a hash map from strings to ints, for ids and other keys.
 *
 * Open addressing with linear probing, sized once for a known number of
 * entries (it never grows: every user knows its count up front).  The map
 * does not copy keys, which must outlive it.  The first value put for a key
 * wins, so that a duplicate id resolves to its first definition, the one
 * the duplicate-id diagnostic points at.
 */
#ifndef KPIC_STRMAP_H
#define KPIC_STRMAP_H

#include <stddef.h>

struct strmap {
	const char **keys;
	int *vals;
	size_t cap;                  /* a power of two, more than twice the entries */
};

/* Room for n entries. */
void strmap_init(struct strmap *t, size_t n);
/* A NULL key is ignored. */
void strmap_put(struct strmap *t, const char *key, int val);
/* -1 if absent, or if key is NULL, or if t was never initialised (zeroed). */
int strmap_get(const struct strmap *t, const char *key);
void strmap_free(struct strmap *t);

#endif

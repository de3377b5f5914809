/*
 * arena.h - many small allocations freed together.
 *
 * The model's strings and the diff's changes live as long as their owner
 * and are never freed one by one, so they come from 64 KiB blocks chained
 * in a list that arena_free() releases at once.
 */
#ifndef KPIC_ARENA_H
#define KPIC_ARENA_H

#include <stddef.h>

struct arena;

/* n zeroed bytes, 16-aligned, owned by *a (NULL starts an empty arena). */
void *arena_alloc(struct arena **a, size_t n);
/* A NUL-terminated copy of s[0..n). */
char *arena_strndup(struct arena **a, const char *s, size_t n);
/* Frees every block and sets *a to NULL. */
void arena_free(struct arena **a);

#endif

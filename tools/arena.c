/*
 * arena.c - block allocation for the model and the diff (see arena.h).
 */
#include "arena.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536

struct arena {
	struct arena *next;
	size_t used, cap;
	char data[];
};

void *arena_alloc(struct arena **a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct arena *b = *a;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena *c = xmalloc(sizeof *c + cap);
		c->next = b;
		c->used = 0;
		c->cap = cap;
		*a = b = c;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena **a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	return p;
}

void arena_free(struct arena **a)
{
	while (*a) {
		struct arena *next = (*a)->next;
		free(*a);
		*a = next;
	}
}

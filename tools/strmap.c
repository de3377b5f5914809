/*
 * strmap.c - string → int hash map (see strmap.h).
 */
#include "strmap.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;  /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void strmap_init(struct strmap *t, size_t n)
{
	/* Twice the entries keeps probe runs short; at least one slot stays
	 * empty, which ends every lookup. */
	t->cap = 16;
	while (t->cap < 2 * n + 1)
		t->cap *= 2;
	t->keys = xcalloc(t->cap, sizeof *t->keys);
	t->vals = xcalloc(t->cap, sizeof *t->vals);
}

void strmap_put(struct strmap *t, const char *key, int val)
{
	if (key == NULL)
		return;
	for (size_t i = hash_str(key) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if (t->keys[i] == NULL) {
			t->keys[i] = key;
			t->vals[i] = val;
			return;
		}
		if (!strcmp(t->keys[i], key))
			return;      /* keep the first */
	}
}

int strmap_get(const struct strmap *t, const char *key)
{
	if (key == NULL || t->cap == 0)
		return -1;
	for (size_t i = hash_str(key) & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
		if (!strcmp(t->keys[i], key))
			return t->vals[i];
	return -1;
}

void strmap_free(struct strmap *t)
{
	free(t->keys);
	free(t->vals);
	t->keys = NULL;
	t->vals = NULL;
	t->cap = 0;
}

/*
 * srclock.h - kpic update's hold on the source it rewrites.
 *
 * An update reads the source, computes the new text and renames it over the
 * source.  Two things could lose data meanwhile: a second kpic update (its
 * rename would drop the first one's figures) and an editor saving the file
 * (its edit would be renamed away).  The first is excluded by a lock, an
 * flock(2) on SRC.lock beside the source, which names its holder (pid and
 * command line) for whoever finds it taken; the second is caught by reading
 * the source again just before the rename: if its bytes are not those the
 * update read, nothing is written.
 */
#ifndef KPIC_SRCLOCK_H
#define KPIC_SRCLOCK_H

#include <stddef.h>

struct srclock {
	int fd;                      /* -1: not held */
	char *path;                  /* SRC.lock */
};

/* Takes the lock of the source path (its target when it is a link), without
 * waiting.  Returns 0, or -1 with a message in err (held by another process:
 * which one; or the lock file cannot be made). */
int srclock_take(struct srclock *l, const char *path, char *err, size_t errsz);
/* Releases the lock and removes its file (nothing when not held). */
void srclock_release(struct srclock *l);

/* Whether path can be replaced: a regular file with a write permission bit
 * that this process may write (root included: 0444 is read-only for
 * kpic).  0, or -1 with a message in err. */
int srclock_writable(const char *path, char *err, size_t errsz);

/* Whether the file path still holds exactly data: 1 (and *now, when not
 * NULL, its bytes, to free), 0 when it differs or cannot be read (message
 * in err). */
int srclock_unchanged(const char *path, const char *data, size_t len, char **now, char *err, size_t errsz);

#endif

/*
 * pool.h - the worker processes of `kpic build -j N`.
 *
 * A job of n items is cut into shares: share k of jobs takes items k,
 * k + jobs, k + 2 jobs, ...  Each share runs in a worker process of its own;
 * the exit status of the pool is the worst of the shares'.
 */
#ifndef KPIC_POOL_H
#define KPIC_POOL_H

#include <stddef.h>

/* The most worker processes a pool starts. */
#define POOL_MAX_JOBS 256

/* One share: items first, first + step, ...; returns an exit status. */
typedef int pool_share_fn(void *ctx, size_t first, size_t step);

/*
 * Runs share(ctx, k, jobs) for k = 0 .. jobs - 1 (at most POOL_MAX_JOBS),
 * each in a worker process forked before the share loads anything
 * (fontconfig and pango start threads, which fork() does not carry over);
 * what the caller loaded before, such as the schema, the workers share.  The
 * shares of workers that cannot be started run in this process.  Each
 * worker's standard error is buffered and flushed when its share flushes it,
 * so that what the share prints between flushes arrives in one piece.  The
 * result is the worst exit status of the shares, 2 for a worker killed.
 */
int pool_run(int jobs, pool_share_fn *share, void *ctx);

#endif

/*
 * pool.c - the worker processes of `kpic build -j N` (see pool.h).
 */
#include "pool.h"
#include "i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* One worker process: its share.  Its standard error is buffered, so that
 * each item's diagnostics reach the terminal in one piece among the other
 * workers'. */
static void pool_worker(pool_share_fn *share, void *ctx, int k, int jobs)
{
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGTERM);    /* kpic killed: its workers stop too */
#endif
	char *errbuf = malloc(1 << 16);
	if (errbuf)
		setvbuf(stderr, errbuf, _IOFBF, 1 << 16);
	int status = share(ctx, (size_t)k, (size_t)jobs);
	fflush(stderr);
	_exit(status);   /* not exit(): the parent's atexit work is the parent's */
}

/* The exit status of worker pid, 2 when it was killed or is lost. */
static int pool_wait(pid_t pid)
{
	int ws = 0, s = 2;
	pid_t r;
	while ((r = waitpid(pid, &ws, 0)) < 0 && errno == EINTR)
		;
	if (r > 0 && WIFEXITED(ws))
		s = WEXITSTATUS(ws);
	else if (r > 0 && WIFSIGNALED(ws))
		fprintf(stderr, _("kpic: build: a worker process was killed (signal %d)\n"), WTERMSIG(ws));
	return s;
}

int pool_run(int jobs, pool_share_fn *share, void *ctx)
{
	pid_t pids[POOL_MAX_JOBS];
	int started = 0, status = 0;
	if (jobs > POOL_MAX_JOBS)
		jobs = POOL_MAX_JOBS;
	fflush(stdout);
	fflush(stderr);
	for (; started < jobs; started++) {
		pids[started] = fork();
		if (pids[started] == 0)
			pool_worker(share, ctx, started, jobs);
		if (pids[started] < 0) {
			fprintf(stderr, _("kpic: build: cannot start a worker process (%s); this one builds the rest\n"),
			        strerror(errno));
			break;
		}
	}
	for (int k = started; k < jobs; k++) {   /* the shares of workers not started */
		int s = share(ctx, (size_t)k, (size_t)jobs);
		status = s > status ? s : status;
	}
	for (int k = 0; k < started; k++) {
		int s = pool_wait(pids[k]);
		status = s > status ? s : status;
	}
	return status;
}

/*
 * cmd_serve.c - kpic serve SRC: the document on 127.0.0.1, rebuilt on every
 * change, the open page reloading itself (tools/serve.h).
 */
#include "cmd_common.h"
#include "serve.h"
#include "watch.h"

/* The options kpic serve takes (tools/options.def). */
const enum opt_id cmd_serve_options[] = {
	OPT_PORT, OPT_QUIET_WATCH, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* The port kpic serve takes without --port. */
#define SERVE_DEFAULT_PORT 8000

int cmd_serve(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX];
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (d->format != DIAG_TEXT)
		return cmd_usage(o->command, N_("diagnostics are written as text only"));
	if (cmd_find_templates(o->templates, dir, sizeof dir) < 0)
		return 2;
	long long epoch;
	if (cmd_source_date_epoch(&epoch))
		return 2;
	sigset_t old;
	struct watch w;
	int sigfd = watch_signals(&old);
	if (sigfd < 0)
		return 2;
	if (watch_open(&w, o->files[0], dir) < 0) {
		watch_signals_done(sigfd, &old);
		return 2;
	}
	struct rebuild r;
	watch_rebuild_init(&r, o, sc, dir);
	r.rq.creation_time = epoch;
	int status = serve_run(&r, &w, d, sigfd, o->port_given ? o->port : SERVE_DEFAULT_PORT);
	watch_rebuild_free(&r);
	watch_close(&w);
	watch_signals_done(sigfd, &old);
	return status;
}

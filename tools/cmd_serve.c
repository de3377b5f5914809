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
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (d->format != DIAG_TEXT)
		return cmd_usage(o->command, N_("diagnostics are written as text only"));
	struct watch_session s;
	if (watch_session_open(&s, o, sc) != 0)
		return 2;
	int status = serve_run(&s.r, &s.w, d, s.sigfd, o->port_given ? o->port : SERVE_DEFAULT_PORT);
	watch_session_close(&s);
	return status;
}

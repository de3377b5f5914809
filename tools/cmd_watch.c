/*
 * cmd_watch.c - kpic watch SRC -d DIR: DIR/NAME/kensho.html and kensho.pdf,
 * rebuilt whenever the source, a sheet beside it or a template changes.
 */
#include "cmd_common.h"
#include "watch.h"

/* The options kpic watch takes (tools/options.def). */
const enum opt_id cmd_watch_options[] = {
	OPT_OUTDIR_WATCH, OPT_QUIET_WATCH, OPTS_SOURCE, OPT_HELP, OPT_END
};

int cmd_watch(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char name[PATH_MAX / 2];
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (o->outdir == NULL)
		return cmd_usage(o->command, N_("-d OUTDIR is required"));
	if (d->format != DIAG_TEXT)
		return cmd_usage(o->command, N_("diagnostics are written as text only"));
	if (cmd_build_name(o->files[0], name, sizeof name) < 0)
		return cmd_usage(o->command, N_("no output name for '%s'"), o->files[0]);
	struct watch_session s;
	if (watch_session_open(&s, o, sc) != 0)
		return 2;
	fprintf(stderr, _("kpic: watching %s; writing %s/%s/; Ctrl-C stops\n"), o->files[0], o->outdir, name);
	int status = watch_loop(&s.w, &s.r, d, s.sigfd, o->outdir);
	watch_session_close(&s);
	return status;
}

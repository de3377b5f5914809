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
	char dir[PATH_MAX], name[PATH_MAX / 2];
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (o->outdir == NULL)
		return cmd_usage(o->command, N_("-d OUTDIR is required"));
	if (d->format != DIAG_TEXT)
		return cmd_usage(o->command, N_("diagnostics are written as text only"));
	if (cmd_build_name(o->files[0], name, sizeof name) < 0)
		return cmd_usage(o->command, N_("no output name for '%s'"), o->files[0]);
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
	fprintf(stderr, _("kpic: watching %s; writing %s/%s/; Ctrl-C stops\n"), o->files[0], o->outdir, name);
	int status = watch_loop(&w, &r, d, sigfd, o->outdir);
	watch_rebuild_free(&r);
	watch_close(&w);
	watch_signals_done(sigfd, &old);
	return status;
}

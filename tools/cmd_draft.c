/*
 * cmd_draft.c - kpic draft FROM: the next period's strategy draft (素案) as a new source.
 */
#include "cmd_common.h"
#include "draft.h"

#include <limits.h>
#include <string.h>

/* The options kpic draft takes (tools/options.def). */
const enum opt_id cmd_draft_options[] = {
	OPT_OUTPUT, OPT_PERIOD, OPT_TEMPLATE, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* The draft's stylesheet run, timed as one XSLT stage. */
static int draft_rendered(const struct opts *o, const struct unit *u, const char *dir, const char *name,
                          const struct draft_period *p, struct buf *src, struct buf *err)
{
	double t0 = timing_now();
	int rc = draft_render(u, o->files[0], dir, name, p, src, err);
	timing_add(o->timing, T_XSLT, t0);
	return rc;
}

int cmd_draft(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX];
	const char *name = o->template_name ? o->template_name : "draft.xsl";
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (!*name || strchr(name, '/') || name[0] == '.')
		return cmd_usage(o->command, N_("--template=%s: name a stylesheet in the templates directory (no '/')"), name);
	if (cmd_find_templates(o->templates, dir, sizeof dir) < 0)
		return 2;
	struct unit u;
	int status = cmd_compile_for_result(o, sc, d, &u);
	if (status == 0) {
		struct buf src = BUF_INIT, err = BUF_INIT;
		struct draft_period p;
		if (draft_period(&u, o->period, &p, &err) < 0) {
			fprintf(stderr, "kpic: %s: %s", o->files[0], buf_str(&err));
			status = 2;
		} else {
			status = cmd_finish_render(o, draft_rendered(o, &u, dir, name, &p, &src, &err), N_("draft"),
			                       &src, &err);
		}
		buf_free(&src);
		buf_free(&err);
	}
	compile_unit_free(&u);
	return status;
}

/*
 * cmd_html.c - kpic html FILE: the verification document as one HTML page.
 */
#include "cmd_common.h"
#include "html.h"

#include <limits.h>

/* The options kpic html takes (tools/options.def). */
const enum opt_id cmd_html_options[] = {
	OPT_OUTPUT, OPT_QUIET, OPTS_SOURCE, OPT_HELP, OPT_END
};

int cmd_html(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX];
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (cmd_find_templates(o->templates, dir, sizeof dir) < 0)
		return 2;
	struct unit u;
	int status = cmd_compile_one(o, sc, d, &u);
	diag_flush(d, cmd_diag_stream(o, d, status));
	if (status == 0) {
		struct buf page = BUF_INIT, err = BUF_INIT;
		status = cmd_finish_render(o, html_render(&u, o->files[0], dir, "kensho.xsl", &page, &err, o->timing),
		                       N_("HTML document"), &page, &err);
		if (status == 0) {
			struct buf said = BUF_INIT;
			cmd_say_counts(&said, u.model.nkpis, d->nwarnings);
			cmd_say_wrote(o, o->output, &said);
			buf_free(&said);
		}
		buf_free(&page);
		buf_free(&err);
	}
	compile_unit_free(&u);
	return status;
}

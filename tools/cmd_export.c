/*
 * cmd_export.c - kpic export FILE: the KPIs as open data (CSV or JSON).
 */
#include "cmd_common.h"
#include "export.h"

/* The options kpic export takes (tools/options.def). */
const enum opt_id cmd_export_options[] = {
	OPT_OUTPUT, OPT_FORMAT_EXPORT, OPTS_SOURCE, OPT_HELP, OPT_END
};

int cmd_export(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	struct unit u;
	int status = compile_one(o, sc, d, &u);
	diag_flush(d, d->format == DIAG_TEXT || status == 0 ? stderr : stdout);
	if (status == 0) {
		struct buf b = BUF_INIT;
		if (o->format == OUT_JSON)
			export_json(&u.model, &u.eval, &b);
		else
			export_csv(&u.model, &u.eval, &b);
		status = write_result(o, &b);
		buf_free(&b);
	}
	unit_free(&u);
	return status;
}

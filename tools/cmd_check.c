/*
 * cmd_check.c - kpic check FILE...: validates sources, prints the diagnostics.
 */
#include "cmd_common.h"

#include <stdlib.h>

/* The options kpic check takes (tools/options.def). */
const enum opt_id cmd_check_options[] = {
	OPTS_SOURCE, OPT_HELP, OPT_END
};

int cmd_check(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles == 0)
		return cmd_usage(o->command, N_("no input file"));
	struct unit *units = calloc(o->nfiles, sizeof *units);
	int status = 0;
	for (size_t i = 0; i < o->nfiles; i++)
		status = cmd_status_of(compile_source(o->files[i], sc, d, &units[i], o->timing), status);
	diag_flush(d, cmd_diag_file(d));
	if (status == 0 && d->nerrors)
		status = 1;
	for (size_t i = 0; i < o->nfiles; i++)
		compile_unit_free(&units[i]);
	free(units);
	return status;
}

/*
 * cmd_import.c - kpic import SHEET: a source from a KPI table.
 */
#include "cmd_common.h"
#include "import.h"

#include <string.h>

/* The options kpic import takes (tools/options.def). */
const enum opt_id cmd_import_options[] = {
	OPT_OUTPUT, OPT_SHEET, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* kpic import: the sheet's KPI table as a source.  The text is compiled like
 * any source before it is written, so that a sheet that yields an invalid
 * source writes nothing; its diagnostics then point into the text under the
 * output's name. */
int cmd_import(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one sheet (.xlsx, .ods, .csv or .tsv)"));
	const char *path = o->files[0];
	FILE *diag_out = diag_file(d);
	struct sheet sh;
	struct buf xml = BUF_INIT;
	/* 2 for a sheet that cannot be read at all, as for kpic update */
	int status = import_sheet(path, o->sheet, d, &sh, &xml);
	struct unit u;
	int compiled = 0;
	if (status == 0) {
		const char *name = o->output && strcmp(o->output, "-") ? o->output : "(imported source)";
		compiled = 1;
		if (compile_text(name, xstrndup(xml.data, xml.len), xml.len, sc, d, &u) != COMPILE_OK)
			status = 1;
	}
	diag_flush(d, diag_out);
	if (status)
		fprintf(stderr, compiled ? _("kpic: %s: the imported source would not pass kpic check; nothing was written\n")
		                         : _("kpic: %s: the sheet cannot be imported; nothing was written\n"), path);
	else
		status = write_result(o, &xml);
	if (compiled)
		unit_free(&u);
	buf_free(&xml);
	sheet_free(&sh);
	return status;
}

/*
 * cmd_import.c - kpic import SHEET: a source from a KPI table.
 */
#include "cmd_common.h"
#include "import.h"
#include "skeleton.h"

#include <limits.h>
#include <string.h>

/* The options kpic import takes (tools/options.def). */
const enum opt_id cmd_import_options[] = {
	OPT_OUTPUT, OPT_SHEET, OPT_QUIET, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* On a terminal: what was written. */
static void say_imported(const struct opts *o, const struct unit *u, const struct diag_ctx *d)
{
	struct buf said = BUF_INIT;
	size_t ph = skeleton_placeholders(xmlDocGetRootElement(u->src.doc));
	cmd_say_counts(&said, u->model.nkpis, d->nwarnings);
	cmd_say_part(&said, ngettext("%zu placeholder to fill in", "%zu placeholders to fill in", ph), ph);
	cmd_say_wrote(o, o->output, &said);
	buf_free(&said);
}

/* kpic import: the sheet's KPI table as a source.  The text is compiled like
 * any source before it is written, so that a sheet that yields an invalid
 * source writes nothing; its diagnostics then point into the text under the
 * output's name. */
int cmd_import(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one sheet (.xlsx, .ods, .csv or .tsv)"));
	const char *path = o->files[0];
	char tdir[PATH_MAX];
	struct buf frame = BUF_INIT, href = BUF_INIT, err = BUF_INIT;
	if (cmd_find_templates(o->templates, tdir, sizeof tdir) < 0)
		return 2;
	if (skeleton_read(tdir, "skeleton.xml", &frame, &err) < 0) {
		fprintf(stderr, "kpic: %s", buf_str(&err));
		buf_free(&frame);
		buf_free(&err);
		return 2;
	}
	skeleton_schema_href(tdir, &href);
	const struct import_frame fr = { buf_str(&frame), buf_str(&href) };
	FILE *diag_out = cmd_diag_file(d);
	struct sheet sh;
	struct buf xml = BUF_INIT;
	/* 2 for a sheet that cannot be read at all, as for kpic update */
	int status = import_sheet(path, o->sheet, &fr, d, &sh, &xml, &err);
	struct unit u;
	int compiled = 0;
	if (status == 0) {
		const char *name = o->output && strcmp(o->output, "-") ? o->output : "(imported source)";
		compiled = 1;
		d->disabled[R_DRAFT_PLACEHOLDER] = 1;    /* the frame's, there by design: counted instead */
		if (compile_text(name, xstrndup(xml.data, xml.len), xml.len, sc, d, &u) != COMPILE_OK)
			status = 1;
	}
	diag_flush(d, diag_out);
	if (err.len)
		fprintf(stderr, "kpic: %s", buf_str(&err));
	if (status)
		fprintf(stderr, compiled ? _("kpic: %s: the imported source would not pass kpic check; nothing was written\n")
		                         : _("kpic: %s: the sheet cannot be imported; nothing was written\n"), path);
	else if ((status = cmd_write_result(o, &xml)) == 0)
		say_imported(o, &u, d);
	if (compiled)
		compile_unit_free(&u);
	buf_free(&xml);
	buf_free(&frame);
	buf_free(&href);
	buf_free(&err);
	sheet_free(&sh);
	return status;
}

/*
 * cmd_update.c - kpic update SRC --actuals SHEET: one year of actuals merged into a source.
 */
#include "cmd_common.h"
#include "output.h"
#include "model.h"
#include "update.h"

#include <limits.h>

/* The options kpic update takes (tools/options.def). */
const enum opt_id cmd_update_options[] = {
	OPT_ACTUALS, OPT_YEAR, OPT_REVISE, OPT_AGAIN, OPT_SHEET, OPT_OUTPUT, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* kpic update: the sheet's rows merged into the source's text, the result
 * checked as a source, then written atomically with the old version as SRC~
 * (or to -o OUT, leaving the source alone). */
int cmd_update(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1 || o->actuals == NULL)
		return cmd_usage(o->command, N_("expects one source and --actuals SHEET"));
	const char *path = o->files[0];
	struct unit u;
	/* the source's own warnings are kpic check's business: shown only with its errors */
	struct diag_ctx ds = *d;
	ds.list = NULL;
	ds.n = ds.cap = ds.nerrors = ds.nwarnings = 0;
	int status = status_of(compile_source(path, sc, &ds, &u, o->timing), 0);
	if (status) {
		diag_flush(&ds, diag_file(d));
		diag_free(&ds);
		fprintf(stderr, _("kpic: %s: the source has errors; fix them before updating it\n"), path);
		unit_free(&u);
		return status;
	}
	diag_free(&ds);
	struct update_request rq = { o->actuals, o->sheet, o->year, o->revise, o->again };
	struct update_result res;
	struct sheet sheet;
	struct buf err = BUF_INIT;
	int rc = update_apply(&u, &rq, d, &sheet, &res, &err);
	char year[64];               /* as the document names it: 令和5年度 (FY2023) */
	fiscal_year_name(res.year, year, sizeof year);
	diag_flush(d, diag_file(d));
	if (rc == 2) {
		fprintf(stderr, "kpic: %s\n", buf_str(&err));
		status = 2;
	} else if (rc == 1) {
		fprintf(stderr, _("kpic: %s: rows of %s were refused; nothing was written\n"), path, o->actuals);
		status = 1;
	} else if (res.added + res.replaced + res.revised == 0) {
		printf(ngettext("kpic: %s: %s: nothing to change (%zu row already there)\n",
		                "kpic: %s: %s: nothing to change (%zu rows already there)\n", res.unchanged),
		       path, year, res.unchanged);
	} else {
		/* the updated text must pass kpic check as a source */
		struct diag_ctx dv;
		struct unit v;
		diag_init(&dv);
		dv.format = d->format;
		if (compile_text(path, xstrndup(res.text.data, res.text.len), res.text.len, sc, &dv, &v) != COMPILE_OK) {
			diag_flush(&dv, diag_file(d));
			fprintf(stderr, _("kpic: %s: the updated source would not pass kpic check; nothing was written\n"),
			        path);
			status = 1;
		}
		unit_free(&v);
		diag_free(&dv);
		char e[512], dir[PATH_MAX];
		char backup[PATH_MAX];
		const char *tdir = templates_input(o, dir, sizeof dir);
		const char *in_sheet[] = { o->actuals, tdir, NULL };
		const char *in_both[] = { path, o->actuals, tdir, NULL };
		snprintf(backup, sizeof backup, "%s~", path);
		if (status == 0 && o->output) {
			if (output_write(o->output, res.text.data, res.text.len, in_both, e, sizeof e) < 0)
				status = 2;
		} else if (status == 0) {
			/* the backup is as private as the source it keeps */
			if (output_write_like(backup, u.src.src.text, u.src.src.len, in_sheet, path, e, sizeof e) < 0 ||
			    output_write(path, res.text.data, res.text.len, in_sheet, e, sizeof e) < 0)
				status = 2;
		}
		if (status == 2)
			fprintf(stderr, "kpic: %s\n", e);
		else if (status == 0)
			printf(o->output ? _("kpic: %s: %s: %zu added, %zu replaced, %zu revised, %zu unchanged\n")
			                 : _("kpic: %s: %s: %zu added, %zu replaced, %zu revised, %zu unchanged; "
			                     "the previous version is %s\n"),
			       o->output ? o->output : path, year, res.added, res.replaced, res.revised, res.unchanged,
			       backup);
	}
	update_result_free(&res);
	buf_free(&err);
	unit_free(&u);
	sheet_free(&sheet);
	return status;
}

/*
 * cmd_export.c - kpic export FILE: the KPIs as open data (CSV or JSON), or
 * the sheets of actuals the 担当課 fill in (--actuals-template).
 */
#include "cmd_common.h"
#include "export.h"
#include "output.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The options kpic export takes (tools/options.def). */
const enum opt_id cmd_export_options[] = {
	OPT_OUTPUT, OPT_FORMAT_EXPORT, OPT_ACTUALS_TEMPLATE, OPT_YEAR, OPT_BY_DEPARTMENT, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* One CSV file per 担当課 in the directory out (made if missing).  0 or 2. */
static int write_csv_dir(const struct opts *o, const struct wsheet *sh, char **stems, size_t n)
{
	if (mkdir(o->output, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, _("kpic: %s: cannot make the directory: %s\n"), o->output, strerror(errno));
		return 2;
	}
	int status = 0;
	for (size_t i = 0; status == 0 && i < n; i++) {
		char path[PATH_MAX];
		struct buf b = BUF_INIT;
		snprintf(path, sizeof path, "%s/%s.csv", o->output, stems[i]);
		sheet_write_csv(&sh[i], &b);
		status = cmd_write_extra(o, path, &b);
		buf_free(&b);
	}
	return status;
}

/* The template's sheets in the chosen format.  0 or 2. */
static int write_template(const struct opts *o, const struct wsheet *sh, char **stems, size_t n)
{
	struct buf b = BUF_INIT;
	char err[512] = "";
	int status = 0;
	if (o->format == OUT_XLSX || o->format == OUT_ODS) {
		if (o->output == NULL)
			return cmd_usage(o->command, N_("an .xlsx or .ods sheet is written to a file: give -o FILE"));
		int rc = o->format == OUT_XLSX ? sheet_write_xlsx(sh, n, &b, err, sizeof err)
		                               : sheet_write_ods(sh, n, &b, err, sizeof err);
		if (rc < 0) {
			fprintf(stderr, "kpic: %s: %s\n", o->output, err);
			status = 2;
		} else {
			status = cmd_write_result(o, &b);
		}
	} else if (o->by_department) {
		if (o->output == NULL)
			return cmd_usage(o->command, N_("--by-department writes one CSV file per 担当課: give -o DIR"));
		status = write_csv_dir(o, sh, stems, n);
	} else {
		sheet_write_csv(&sh[0], &b);
		status = cmd_write_result(o, &b);
	}
	buf_free(&b);
	return status;
}

static int actuals_sheets(const struct opts *o, const struct model *m)
{
	if (o->year == 0)
		return cmd_usage(o->command, N_("--actuals-template needs the year the sheets collect: give --year=Y"));
	if (o->format == OUT_JSON)
		return cmd_usage(o->command, N_("--actuals-template writes csv, xlsx or ods, not json"));
	struct wsheet *sh;
	char **stems;
	size_t n = actuals_template(m, o->year, o->by_department, &sh, &stems);
	int status = write_template(o, sh, stems, n);
	for (size_t i = 0; i < n; i++) {
		sheet_write_free(&sh[i]);
		free(stems[i]);
	}
	free(sh);
	free(stems);
	return status;
}

int cmd_export(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (!o->actuals_template && (o->format == OUT_XLSX || o->format == OUT_ODS || o->by_department || o->year))
		return cmd_usage(o->command, N_("--format=xlsx or ods, --by-department and --year go with --actuals-template"));
	struct unit u;
	int status = cmd_compile_for_result(o, sc, d, &u);
	if (status == 0 && o->actuals_template) {
		status = actuals_sheets(o, &u.model);
	} else if (status == 0) {
		struct buf b = BUF_INIT;
		if (o->format == OUT_JSON)
			export_json(&u.model, &u.eval, &b);
		else
			export_csv(&u.model, &u.eval, &b);
		status = cmd_write_result(o, &b);
		buf_free(&b);
	}
	compile_unit_free(&u);
	return status;
}

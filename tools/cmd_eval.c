/*
 * cmd_eval.c - kpic eval FILE: the evaluation as text, JSON or the enriched XML.
 */
#include "cmd_common.h"
#include "enrich.h"
#include "report.h"

/* The options kpic eval takes (tools/options.def). */
const enum opt_id cmd_eval_options[] = {
	OPT_OUTPUT, OPT_FORMAT, OPT_YEAR_EVAL, OPTS_SOURCE, OPT_HELP, OPT_END
};

int cmd_eval(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	struct unit u;
	int status = cmd_compile_for_result(o, sc, d, &u);
	if (status == 0 && o->year) {
		/* --year: the evaluation as it stood after that fiscal year. */
		eval_free(&u.eval);
		eval_run_year(&u.eval, &u.model, o->year);
	}
	if (status == 0) {
		struct buf b = BUF_INIT;
		if (o->format == OUT_JSON)
			report_json(&u.model, &u.eval, &b);
		else if (o->format == OUT_XML) {
			double t0 = timing_now();
			enrich_xml(&u.model, &u.eval, u.src.doc, &b);
			timing_add(o->timing, T_ENRICH, t0);
		} else
			report_text(&u.model, &u.eval, &b);
		status = cmd_write_result(o, &b);
		buf_free(&b);
	}
	compile_unit_free(&u);
	return status;
}

/*
 * cmd_pdf.c - kpic pdf FILE: the verification document as an A4 PDF, or its layout document.
 */
#include "cmd_common.h"
#include "output.h"
#include "pdf.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

/* The options kpic pdf takes (tools/options.def). */
const enum opt_id cmd_pdf_options[] = {
	OPT_OUTPUT, OPT_FORMAT_PDF, OPT_BOXES, OPT_QUIET, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* Whether the PDF would go to a terminal (-o - is standard output too):
 * like gzip, kpic does not write binary data there. */
static int to_terminal(const struct opts *o)
{
	int to_stdout = o->output == NULL || strcmp(o->output, "-") == 0;
	return to_stdout && o->format != OUT_XML && isatty(STDOUT_FILENO);
}

/* On a terminal: what was written, with its pages. */
static void say_pdf(const struct opts *o, const struct unit *u, size_t pages, const struct diag_ctx *d)
{
	struct buf said = BUF_INIT;
	if (o->format != OUT_XML)
		cmd_say_part(&said, ngettext("%zu page", "%zu pages", pages), pages);
	cmd_say_counts(&said, u->model.nkpis, d->nwarnings);
	cmd_say_wrote(o, o->output, &said);
	buf_free(&said);
}

static int render_pdf(const struct opts *o, const struct unit *u, const struct pdf_request *rq,
                      struct diag_ctx *d)
{
	struct buf pdf = BUF_INIT, xml = BUF_INIT, boxes = BUF_INIT, err = BUF_INIT;
	size_t pages = 0;
	struct pdf_output out = { o->format == OUT_XML ? NULL : &pdf, o->format == OUT_XML ? &xml : NULL,
	                          o->boxes ? &boxes : NULL, &pages };
	int status = 0;
	if (pdf_render(u, rq, d, &out, &err) < 0) {
		diag_flush(d, stderr);
		fprintf(stderr, _("kpic: %s: the PDF document could not be made; nothing was written:\n%s"),
		        o->files[0], buf_str(&err));
		status = 2;
	} else {
		diag_flush(d, cmd_diag_stream(o, d, 0));
		if (err.len)
			fprintf(stderr, _("kpic: %s: the stylesheet said:\n%s"), o->files[0], buf_str(&err));
		status = d->nerrors ? 1 : cmd_write_result(o, o->format == OUT_XML ? &xml : &pdf);
		if (status == 0 && o->boxes)
			status = cmd_write_extra(o, o->boxes, &boxes);
		if (status == 0)
			say_pdf(o, u, pages, d);
	}
	buf_free(&pdf);
	buf_free(&xml);
	buf_free(&boxes);
	buf_free(&err);
	return status;
}

int cmd_pdf(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX];
	struct pdf_request rq = { NULL, dir, "kensho-layout.xsl", -1, o->timing, NULL, NULL };
	if (o->nfiles != 1)
		return cmd_usage(o->command, N_("expects exactly one input file"));
	if (to_terminal(o))
		return cmd_usage(o->command, N_("a PDF is binary and is not written to a terminal; use -o FILE or "
		                                  "redirect standard output (> FILE)"));
	if (output_same_file(o->output ? o->output : "-", o->boxes))
		return cmd_usage(o->command, N_("-o and --boxes name the same file, '%s': give each output its own"), o->boxes);
	if (cmd_source_date_epoch(&rq.creation_time) || cmd_find_templates(o->templates, dir, sizeof dir) < 0)
		return 2;
	rq.source_path = o->files[0];
	struct unit u;
	int status = cmd_compile_one(o, sc, d, &u);
	if (status == 0)
		status = render_pdf(o, &u, &rq, d);
	else
		diag_flush(d, cmd_diag_file(d));
	compile_unit_free(&u);
	return status;
}

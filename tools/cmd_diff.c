/*
 * cmd_diff.c - kpic diff OLD NEW: the changes between two versions of a source, and the 新旧対照表.
 */
#include "cmd_common.h"
#include "output.h"
#include "diff.h"
#include "diff_out.h"
#include "html.h"
#include "pdf.h"

#include <libxml/parser.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

/* The options kpic diff takes (tools/options.def). */
const enum opt_id cmd_diff_options[] = {
	OPT_OUTPUT, OPT_FORMAT_DIFF, OPT_NO_COLOR, OPT_HTML, OPT_PDF, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* Colour only for a person at a terminal who did not refuse it
 * (https://no-color.org: NO_COLOR set and not empty). */
static int use_color(const struct opts *o)
{
	const char *nc = getenv("NO_COLOR");
	return !o->no_color && !(nc && *nc) && o->output == NULL && isatty(STDOUT_FILENO);
}

/* Writes buf to path atomically, never over one of the diff's inputs. */
static int write_diff_file(const struct opts *o, const char *path, const struct buf *b)
{
	char dir[PATH_MAX];
	const char *inputs[] = { o->files[0], o->files[1], cmd_templates_input(o, dir, sizeof dir), NULL };
	return cmd_write_output(path, b, inputs) ? -1 : 0;
}

/* The 新旧対照表 (--html, --pdf): kpic diff's XML through templates/shinkyu.xsl
 * or shinkyu-layout.xsl; the new version gives the figures their data. */
static int diff_tables(const struct opts *o, const struct diff *df, const struct unit *nu,
                       struct diag_ctx *d)
{
	char dir[PATH_MAX];
	struct buf xml = BUF_INIT, page = BUF_INIT, pdf = BUF_INIT, err = BUF_INIT;
	int rc = cmd_find_templates(o->templates, dir, sizeof dir) < 0 ? -1 : 0;
	long long when = -1;
	if (rc == 0 && cmd_source_date_epoch(&when))
		rc = -1;
	diff_xml(df, &xml);
	xmlDoc *in = rc == 0 ? xmlReadMemory(xml.data, (int)xml.len, NULL, "UTF-8", XML_PARSE_NONET) : NULL;
	if (in && o->html_out)
		rc = html_render_doc(in, nu, o->files[1], dir, "shinkyu.xsl", &page, &err);
	if (in && rc == 0 && o->pdf_out) {
		struct pdf_request rq = { o->files[1], dir, "shinkyu-layout.xsl", when, o->timing, NULL, NULL };
		struct pdf_output out = { &pdf, NULL, NULL, NULL };
		rc = pdf_render_doc(in, nu, &rq, d, &out, &err);
		diag_flush(d, stderr);
	}
	if (in == NULL || rc != 0)
		fprintf(stderr, _("kpic: the 新旧対照表 could not be made; nothing was written:\n%s"), buf_str(&err));
	else if ((o->html_out && write_diff_file(o, o->html_out, &page)) ||
	         (o->pdf_out && write_diff_file(o, o->pdf_out, &pdf)))
		rc = -1;
	xmlFreeDoc(in);
	buf_free(&xml);
	buf_free(&page);
	buf_free(&pdf);
	buf_free(&err);
	return in && rc == 0 ? 0 : -1;
}

int cmd_diff(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 2)
		return cmd_usage(o->command, N_("expects two input files, OLD and NEW"));
	const char *outs[] = { o->output ? o->output : "-", o->html_out, o->pdf_out };
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++)
			if (output_same_file(outs[i], outs[j]))
				return cmd_usage(o->command, N_("two outputs name the same file, '%s': give each output its own"),
				                   outs[j]);
	struct unit u[2];
	int ok = compile_source(o->files[0], sc, d, &u[0], o->timing) == COMPILE_OK;
	ok = compile_source(o->files[1], sc, d, &u[1], o->timing) == COMPILE_OK && ok;
	diag_flush(d, d->format == DIAG_TEXT || ok ? stderr : stdout);
	int status = 2;
	if (ok) {
		struct diff df;
		struct buf b = BUF_INIT;
		diff_run(&df, &u[0], &u[1]);
		if (o->format == OUT_JSON)
			diff_json(&df, &b);
		else if (o->format == OUT_XML)
			diff_xml(&df, &b);
		else
			diff_text(&df, use_color(o), &b);
		status = df.nchanges > 0;
		const char *inputs[] = { o->files[0], o->files[1], NULL };
		if ((o->html_out || o->pdf_out) && diff_tables(o, &df, &u[1], d) != 0)
			status = 2;
		else if (cmd_write_output(o->output ? o->output : "-", &b, inputs))
			status = 2;
		buf_free(&b);
		diff_free(&df);
	}
	compile_unit_free(&u[0]);
	compile_unit_free(&u[1]);
	return status;
}

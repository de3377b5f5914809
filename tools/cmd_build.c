/*
 * cmd_build.c - kpic build SRC... -d DIR: every source's HTML and PDF in one process.
 */
#include "cmd_common.h"
#include "html.h"
#include "pdf.h"
#include "pool.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

/* The options kpic build takes (tools/options.def). */
const enum opt_id cmd_build_options[] = {
	OPT_OUTDIR, OPT_JOBS, OPT_QUIET, OPTS_SOURCE, OPT_HELP, OPT_END
};

int cmd_build_name(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strcmp(base, "strategy.xml") == 0 && base > path) {
		const char *end = base - 1, *start = end;
		while (start > path && start[-1] != '/')
			start--;
		snprintf(out, size, "%.*s", (int)(end - start), start);
	} else {
		size_t n = strlen(base);
		if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
			n -= 4;
		snprintf(out, size, "%.*s", (int)n, base);
	}
	return out[0] && strcmp(out, ".") && strcmp(out, "..") ? 0 : -1;
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, _("kpic: cannot create the directory %s: %s\n"), path, strerror(errno));
	return -1;
}

/* One source of kpic build into outdir/NAME/: 0, 1 (errors in the source) or 2. */
static int build_one(const struct opts *o, const char *file, const char *outdir, struct schema *sc,
                     struct diag_ctx *d, struct pdf_request *rq)
{
	char name[PATH_MAX / 2], path[PATH_MAX];
	struct unit u;
	size_t errors_before = d->nerrors, warnings_before = d->nwarnings, pages = 0;
	int status = cmd_status_of(compile_source(file, sc, d, &u, o->timing), 0);
	struct buf page = BUF_INIT, pdf = BUF_INIT, msg = BUF_INIT;
	if (status == 0) {
		struct pdf_output out = { &pdf, NULL, NULL, &pages };
		rq->source_path = file;
		if (html_render_cached(&u, file, rq->templates_dir, "kensho.xsl", rq->xslt_cache, &page, &msg,
		                       o->timing) < 0 ||
		    pdf_render(&u, rq, d, &out, &msg) < 0) {
			fprintf(stderr, _("kpic: %s: the document could not be made; nothing was written:\n%s"), file,
			        buf_str(&msg));
			status = 2;
		} else if (msg.len) {
			fprintf(stderr, _("kpic: %s: the stylesheet said:\n%s"), file, buf_str(&msg));
		}
	}
	diag_flush(d, stderr);
	if (status == 0 && d->nerrors > errors_before)
		status = 1;
	const char *inputs[] = { file, rq->templates_dir, NULL };
	cmd_build_name(file, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	if (status == 0 && make_dir(path) < 0)
		status = 2;
	if (status == 0) {
		snprintf(path, sizeof path, "%s/%s/kensho.html", outdir, name);
		status = cmd_write_output(path, &page, inputs);
	}
	if (status == 0) {
		snprintf(path, sizeof path, "%s/%s/kensho.pdf", outdir, name);
		status = cmd_write_output(path, &pdf, inputs);
	}
	if (status == 0) {
		struct buf said = BUF_INIT;
		cmd_say_part(&said, ngettext("%zu page", "%zu pages", pages), pages);
		cmd_say_counts(&said, u.model.nkpis, d->nwarnings - warnings_before);
		snprintf(path, sizeof path, "%s/%s/kensho.html, kensho.pdf", outdir, name);
		cmd_say_wrote(o, path, &said);
		buf_free(&said);
	}
	buf_free(&page);
	buf_free(&pdf);
	buf_free(&msg);
	compile_unit_free(&u);
	return status;
}

/* What every share of kpic build works with. */
struct build_job {
	const struct opts *o;
	struct schema *sc;
	struct diag_ctx *d;
	const char *dir;             /* the templates directory */
};

/* Sources first, first+step, … of o->files: the stylesheets and fonts are
 * loaded once for all of them.  The worst status of all. */
static int build_share(void *ctx, size_t first, size_t step)
{
	const struct build_job *job = ctx;
	const struct opts *o = job->o;
	struct pdf_request rq = { NULL, job->dir, "kensho-layout.xsl", -1, o->timing, xslt_cache_new(),
	                          layout_fonts_new() };
	int bad_epoch = cmd_source_date_epoch(&rq.creation_time);
	int status = bad_epoch ? 2 : 0;
	for (size_t i = first; i < o->nfiles && !bad_epoch; i += step) {
		int s = build_one(o, o->files[i], o->outdir, job->sc, job->d, &rq);
		fflush(stderr);
		status = s > status ? s : status;
	}
	xslt_cache_free(rq.xslt_cache);
	layout_fonts_free(rq.fonts);
	return status;
}

/* kpic build SRC... -d OUTDIR: every source in one process, the stylesheets
 * compiled and the fonts loaded once; with -j N, in N worker processes
 * (tools/pool.c), each taking every Nth source, with the same bytes out. */
int cmd_build(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX], name[PATH_MAX / 2], other[PATH_MAX / 2];
	if (o->nfiles == 0)
		return cmd_usage(o->command, N_("no input file"));
	if (o->outdir == NULL)
		return cmd_usage(o->command, N_("-d OUTDIR is required"));
	if (d->format != DIAG_TEXT)
		return cmd_usage(o->command, N_("diagnostics are written as text only"));
	for (size_t i = 0; i < o->nfiles; i++) {
		if (cmd_build_name(o->files[i], name, sizeof name) < 0)
			return cmd_usage(o->command, N_("no output name for '%s'"), o->files[i]);
		for (size_t j = 0; j < i; j++)
			if (cmd_build_name(o->files[j], other, sizeof other) == 0 && strcmp(name, other) == 0)
				return cmd_usage(o->command, N_("two sources would write to the same directory '%s'"), name);
	}
	if (o->jobs > 1 && o->timing)
		return cmd_usage(o->command, N_("--time-report measures one process; leave out -j"));
	if (cmd_find_templates(o->templates, dir, sizeof dir) < 0 || make_dir(o->outdir) < 0)
		return 2;
	struct build_job job = { o, sc, d, dir };
	if (o->jobs <= 1)
		return build_share(&job, 0, 1);
	return pool_run((size_t)o->jobs > o->nfiles ? (int)o->nfiles : o->jobs, build_share, &job);
}

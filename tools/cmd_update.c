/*
 * cmd_update.c - kpic update SRC --actuals SHEET [SHEET...]: actuals merged into a source;
 * with --targets SHEET instead, yearly targets and given grades.
 *
 * The source is replaced only under its lock (srclock.h), only when it is
 * still byte for byte what was read, and never when it is read-only; a
 * source that is a symbolic link has its target updated, the link left a
 * link.  Several sheets (one per 担当課) are applied one after the other,
 * each to the result of the ones before; the run then says which
 * departments' KPIs still have no figure for the year (with one sheet it
 * does not: one department's sheet leaves the others' KPIs open).
 */
/* realpath() */
#define _XOPEN_SOURCE 700

#include "cmd_common.h"
#include "output.h"
#include "model.h"
#include "srclock.h"
#include "update.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The options kpic update takes (tools/options.def). */
const enum opt_id cmd_update_options[] = {
	OPT_ACTUALS, OPT_TARGETS, OPT_YEAR, OPT_REVISE, OPT_AGAIN, OPT_SHEET, OPT_OUTPUT, OPT_QUIET, OPTS_SOURCE, OPT_HELP, OPT_END
};

/* One sheet to apply: a file, and the sheet of a workbook (NULL: its only
 * or first one, or a CSV/TSV file). */
struct input {
	const char *file;
	char *sheet;
};

/* The first sheet: --actuals or --targets. */
static const char *first_sheet(const struct opts *o)
{
	return o->actuals ? o->actuals : o->targets;
}

/* The sheets to apply, in order: each file's --sheet, or every sheet of a
 * workbook of several (one per 担当課), else the file.  Returns how many. */
static size_t inputs_of(const struct opts *o, struct input **out)
{
	struct input *in = NULL;
	size_t n = 0;
	for (size_t i = 0; i < o->nfiles; i++) {
		const char *file = i == 0 ? first_sheet(o) : o->files[i];
		char **names;
		size_t k = 0;
		if (o->sheet == NULL && sheet_names(file, &names, &k) == 0 && k > 1) {
			in = xrealloc(in, (n + k) * sizeof *in);
			for (size_t j = 0; j < k; j++)
				in[n++] = (struct input){ file, names[j] };
			free(names);
			continue;
		}
		for (size_t j = 0; j < k; j++)
			free(names[j]);
		if (k)
			free(names);
		in = xrealloc(in, (n + 1) * sizeof *in);
		in[n++] = (struct input){ file, o->sheet ? xstrdup(o->sheet) : NULL };
	}
	*out = in;
	return n;
}

/* What the sheets did together. */
struct totals {
	size_t added, replaced, revised, unchanged, changed_sheets;
	int year;
};

/* The file to replace: path, or the target of the link path is (the link
 * stays a link), writable and locked.  0, or 2 after saying why. */
static int take_source(const char *path, char *target, size_t size, struct srclock *lk)
{
	char e[1024];
	struct stat st;
	lk->fd = -1;
	lk->path = NULL;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *real = realpath(path, NULL);
		if (real == NULL || strlen(real) >= size) {
			fprintf(stderr, _("kpic: %s: cannot follow the link: %s\n"), path, strerror(real ? ENAMETOOLONG : errno));
			free(real);
			return 2;
		}
		snprintf(target, size, "%s", real);
		free(real);
	} else {
		snprintf(target, size, "%s", path);
	}
	if (srclock_writable(target, e, sizeof e) < 0 || srclock_take(lk, target, e, sizeof e) < 0) {
		fprintf(stderr, "kpic: %s\n", e);
		return 2;
	}
	return 0;
}

/* Whether text passes kpic check as a source: 0 (and *next is it
 * compiled), or 1 after its diagnostics. */
static int check_result(const char *path, const struct buf *text, struct schema *sc, const struct diag_ctx *d,
                        struct unit *next)
{
	struct diag_ctx dv;
	diag_init(&dv);
	dv.format = d->format;
	int ok = compile_text(path, xstrndup(text->data, text->len), text->len, sc, &dv, next) == COMPILE_OK;
	if (!ok) {
		diag_flush(&dv, cmd_diag_file(d));
		fprintf(stderr, _("kpic: %s: the updated source would not pass kpic check; nothing was written\n"), path);
		compile_unit_free(next);
	}
	diag_free(&dv);
	return ok ? 0 : 1;
}

/* What a run merges, as its lines name it: the year (令和5年度 (FY2023)),
 * or the targets and grades. */
static void cmd_update_what(const struct opts *o, int year, char *s, size_t size)
{
	if (o->targets)
		snprintf(s, size, "%s", _("yearly targets and given grades"));
	else
		vocab_fiscal_year_name(year, s, size);
}

/* One sheet applied to *cur (replaced by the result when it changes
 * anything).  0, 1 or 2 as kpic update exits. */
static int one_sheet(const struct opts *o, const struct input *in, int many, struct schema *sc, struct diag_ctx *d,
                     struct unit *cur, struct totals *t)
{
	const char *path = o->files[0], *actuals = in->file;
	struct update_request rq = { actuals, in->sheet, o->year, o->revise, o->again };
	char label[PATH_MAX + 256];  /* the sheet, in the lines of a run of several */
	if (in->sheet)
		snprintf(label, sizeof label, "%s:%s", actuals, in->sheet);
	else
		snprintf(label, sizeof label, "%s", actuals);
	struct update_result res;
	struct sheet sheet;
	struct buf err = BUF_INIT;
	int rc = o->targets ? update_targets_apply(cur, &rq, d, &sheet, &res, &err)
	                    : update_apply(cur, &rq, d, &sheet, &res, &err);
	char year[64];               /* as the document names it: 令和5年度 (FY2023) */
	cmd_update_what(o, res.year, year, sizeof year);
	diag_flush(d, cmd_diag_file(d));
	int status = 0;
	struct unit next;
	if (rc == 2) {
		fprintf(stderr, "kpic: %s\n", buf_str(&err));
		status = 2;
	} else if (rc == 1) {
		fprintf(stderr, _("kpic: %s: rows of %s were refused; nothing was written\n"), path, actuals);
		status = 1;
	} else if (res.added + res.replaced + res.revised + res.unchanged == 0 && res.open > 0) {
		if (!o->quiet)
			printf(ngettext("kpic: %s: %s: nothing filled in (%zu row left empty)\n",
		                "kpic: %s: %s: nothing filled in (%zu rows left empty)\n", res.open),
		       many ? label : path, year, res.open);
	} else if (res.added + res.replaced + res.revised == 0) {
		if (!o->quiet)
			printf(ngettext("kpic: %s: %s: nothing to change (%zu row already there)\n",
		                "kpic: %s: %s: nothing to change (%zu rows already there)\n", res.unchanged),
		       many ? label : path, year, res.unchanged);
	} else if ((status = check_result(path, &res.text, sc, d, &next)) == 0) {
		if (many && !o->quiet)
			printf(_("kpic: %s: %s: %zu added, %zu replaced, %zu revised, %zu unchanged\n"), label, year,
			       res.added, res.replaced, res.revised, res.unchanged);
		compile_unit_free(cur);
		*cur = next;
		t->changed_sheets++;
	}
	if (status == 0) {
		t->added += res.added;
		t->replaced += res.replaced;
		t->revised += res.revised;
		t->unchanged += res.unchanged;
		t->year = res.year;
	}
	update_result_free(&res);
	buf_free(&err);
	sheet_free(&sheet);
	return status;
}

/* The department a KPI reports under: its first 担当課's name, or its id. */
static const char *dept_name(const struct model *m, const struct kpi *k)
{
	if (k->ndepts == 0)
		return NULL;
	for (size_t i = 0; i < m->ndepts; i++)
		if (m->depts[i].id && !strcmp(m->depts[i].id, k->depts[0]))
			return m->depts[i].name ? m->depts[i].name : m->depts[i].id;
	return k->depts[0];
}

/* Whether one of the KPI's series has no value for the year. */
static int kpi_missing(const struct kpi *k, int year)
{
	for (size_t j = 0; j < k->nseries; j++)
		if (model_series_value(&k->series[j], year) == NULL)
			return 1;
	return 0;
}

/* One line per department whose KPIs still have no figure for the year. */
static void report_missing(const struct model *m, int year)
{
	char name[64];
	vocab_fiscal_year_name(year, name, sizeof name);
	unsigned char *done = xcalloc(m->nkpis + 1, 1);
	for (size_t i = 0; i < m->nkpis; i++) {
		if (done[i] || !kpi_missing(&m->kpis[i], year))
			continue;
		const char *dept = dept_name(m, &m->kpis[i]);
		struct buf ids = BUF_INIT;
		size_t n = 0;
		for (size_t j = i; j < m->nkpis; j++) {
			const char *dj = dept_name(m, &m->kpis[j]);
			if (done[j] || !kpi_missing(&m->kpis[j], year) || (dept ? !dj || strcmp(dept, dj) : dj != NULL))
				continue;
			done[j] = 1;
			buf_printf(&ids, "%s%s", n++ ? ", " : "", m->kpis[j].id);
		}
		printf(ngettext("kpic: %s: still no figure from %s for %zu KPI: %s\n",
		                "kpic: %s: still no figure from %s for %zu KPIs: %s\n", n),
		       name, dept ? dept : _("(no 担当課)"), n, buf_str(&ids));
		buf_free(&ids);
	}
	free(done);
}

/* The updated text written: to -o, or over the source (target) after
 * checking that it is still the bytes read, with the version on disk kept
 * as TARGET~.  0, or 2 after saying why. */
static int write_back(const struct opts *o, const char *target, const char *read, size_t rlen,
                      const struct unit *cur, char *backup, size_t bsize)
{
	char e[1024], dir[PATH_MAX];
	const char *tdir = cmd_templates_input(o, dir, sizeof dir);
	/* never over an input: the source (with -o), the sheets, the templates */
	const char **in = xcalloc(o->nfiles + 3, sizeof *in);
	size_t n = 0;
	if (o->output)
		in[n++] = o->files[0];
	in[n++] = first_sheet(o);
	for (size_t i = 1; i < o->nfiles; i++)
		in[n++] = o->files[i];
	in[n] = tdir;
	const struct srcfile *nt = &cur->src.src;
	snprintf(backup, bsize, "%s~", target);
	char *disk = NULL;
	int ok;
	if (o->output)
		ok = output_write(o->output, nt->text, nt->len, in, e, sizeof e) == 0;
	else
		ok = srclock_unchanged(target, read, rlen, &disk, e, sizeof e) &&
		     output_write_like(backup, disk, rlen, in, target, e, sizeof e) == 0 &&
		     srclock_unchanged(target, read, rlen, NULL, e, sizeof e) &&
		     output_write(target, nt->text, nt->len, in, e, sizeof e) == 0;
	free(disk);
	free(in);
	if (ok)
		return 0;
	fprintf(stderr, "kpic: %s\n", e);
	return 2;
}

/* The source compiled; its own warnings are kpic check's business, shown
 * only with its errors.  0, or the exit status. */
static int read_source(const struct opts *o, struct schema *sc, struct diag_ctx *d, struct unit *u)
{
	const char *path = o->files[0];
	struct diag_ctx ds = *d;
	ds.list = NULL;
	ds.n = ds.cap = ds.nerrors = ds.nwarnings = 0;
	int status = cmd_status_of(compile_source(path, sc, &ds, u, o->timing), 0);
	if (status) {
		diag_flush(&ds, cmd_diag_file(d));
		fprintf(stderr, _("kpic: %s: the source has errors; fix them before updating it\n"), path);
	}
	diag_free(&ds);
	return status;
}

/* kpic update: each sheet's rows merged into the source's text, each result
 * checked as a source, then written atomically with the old version as SRC~
 * (or to -o OUT, leaving the source alone). */
int cmd_update(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles < 1 || (o->actuals == NULL) == (o->targets == NULL))
		return cmd_usage(o->command, N_("expects one source and --actuals SHEET [SHEET...] or --targets SHEET [SHEET...]"));
	/* a sheet of targets names each row's year, and applying it again
	 * changes nothing: --year and --again would be ignored, so refused */
	if (o->targets && o->year)
		return cmd_usage(o->command, N_("--year does not apply to --targets: the sheet's year column names each row's year"));
	if (o->targets && o->again)
		return cmd_usage(o->command, N_("--again does not apply to --targets: a sheet applied again changes nothing"));
	const char *path = o->files[0];
	char target[PATH_MAX], backup[PATH_MAX + 1];
	struct srclock lk = { -1, NULL };
	snprintf(target, sizeof target, "%s", path);
	if (o->output == NULL && take_source(path, target, sizeof target, &lk))
		return 2;
	struct unit cur;
	int status = read_source(o, sc, d, &cur);
	if (status) {
		compile_unit_free(&cur);
		srclock_release(&lk);
		return status;
	}
	/* the bytes read, for the check before the rename */
	size_t rlen = cur.src.src.len;
	char *read = xstrndup(cur.src.src.text, rlen);
	struct totals t = { 0 };
	struct input *in;
	size_t nsheets = inputs_of(o, &in);  /* --actuals, then the files after the source */
	for (size_t i = 0; status == 0 && i < nsheets; i++)
		status = one_sheet(o, &in[i], nsheets > 1, sc, d, &cur, &t);
	for (size_t i = 0; i < nsheets; i++)
		free(in[i].sheet);
	free(in);
	if (status == 0 && t.changed_sheets > 0)
		status = write_back(o, target, read, rlen, &cur, backup, sizeof backup);
	char year[64];
	cmd_update_what(o, t.year, year, sizeof year);
	/* -q: the line saying what was merged; what is still missing is still said */
	if (status == 0 && t.changed_sheets > 0 && !o->quiet)
		printf(o->output ? _("kpic: %s: %s: %zu added, %zu replaced, %zu revised, %zu unchanged\n")
		                 : _("kpic: %s: %s: %zu added, %zu replaced, %zu revised, %zu unchanged; "
		                     "the previous version is %s\n"),
		       o->output ? o->output : path, year, t.added, t.replaced, t.revised, t.unchanged, backup);
	if (status == 0 && nsheets > 1 && !o->targets)
		report_missing(&cur.model, t.year);
	compile_unit_free(&cur);
	free(read);
	srclock_release(&lk);
	return status;
}

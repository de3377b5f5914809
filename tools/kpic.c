/*
 * kpic.c - the command line: subcommands, options, exit status.
 *
 * Exit status, for every subcommand: 0 success, 1 errors in the sources
 * (diagnosed), 2 usage errors or unreadable input.  `kpic diff` follows
 * diff(1) instead: 0 no differences, 1 differences, 2 trouble.
 */
#include "buf.h"
#include "compile.h"
#include "diff.h"
#include "diff_out.h"
#include "draft.h"
#include "exedir.h"
#include "enrich.h"
#include "export.h"
#include "html.h"
#include "i18n.h"
#include "pdf.h"
#include "output.h"
#include "report.h"
#include "update.h"
#include "import.h"
#include "timing.h"
#include "version.h"

#include <libxml/parser.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#ifndef KPIC_DATADIR
#define KPIC_DATADIR "/usr/local/share/kpic"
#endif

/* Translated when printed (po/ja.po); each literal stays under the 4095 bytes C
 * promises. */
static const char usage_text[] = N_(
	"usage: kpic <command> [options] FILE...\n"
	"\n"
	"kpic compiles a まち・ひと・しごと創生総合戦略 source (XML) into its verification\n"
	"document: it checks the source, computes every KPI's achievement and the counts\n"
	"the document publishes, and writes the results.\n"
	"\n"
	"Commands:\n"
	"  check FILE...        validate sources; print diagnostics\n"
	"  eval FILE            print the evaluation: counts per goal and level, per 担当課,\n"
	"                       the overrides; --format=json for every KPI's result,\n"
	"                       --format=xml for the enriched XML the templates read\n"
	"  html FILE            write the verification document as one self-contained\n"
	"                       HTML page (-o FILE; default: standard output)\n"
	"  diff OLD NEW         what changed between two versions of a source: goals,\n"
	"                       headings, KPIs, values, judgements, grants, narrative;\n"
	"                       --format=json or xml; --html OUT and --pdf OUT write\n"
	"                       the 新旧対照表 (old/new comparison table)\n"
	"  pdf FILE             write the verification document as an A4 PDF (-o FILE);\n"
	"                       --format=xml writes the layout document instead,\n"
	"                       --boxes=FILE the placed boxes (JSON lines); the creation\n"
	"                       date comes from SOURCE_DATE_EPOCH when it is set\n"
	"  draft FROM           write the next period's strategy draft (素案) as a new\n"
	"                       source: --period=START-END, --template=NAME; html, pdf\n"
	"                       and diff FROM DRAFT work on it (-Wno-draft-placeholder\n"
	"                       silences its placeholders)\n"
	"  export FILE          the KPIs as open data, one row per KPI series: yearly\n"
	"                       values, target, latest actual, rate and judgement;\n"
	"                       --format=csv (default; UTF-8 with a BOM) or json\n"
	"  update SRC --actuals SHEET\n"
	"                       merge one year of actuals (.xlsx, .ods, TSV or CSV: KPI\n"
	"                       id or name, series, value, status) into SRC in place,\n"
	"                       changing nothing else; the previous version is kept as\n"
	"                       SRC~\n"
	"  import SHEET         a source from a KPI table (.xlsx, .ods, CSV or TSV laid\n"
	"                       out like the document's: 基本目標 … 担当課), or from the\n"
	"                       CSV of kpic export; checked before it is written (-o)\n"
	"  build SRC... -d DIR  compile each source into DIR/NAME/kensho.html and\n"
	"                       kensho.pdf in one process (NAME: the source's directory\n"
	"                       for .../NAME/strategy.xml, else its file name without\n"
	"                       .xml); the stylesheets and fonts are loaded once\n"
	"  rules                list the diagnostic rules with their default severity\n"
	"\n");

/* Split in two: C99 promises string literals of 4095 bytes only.  A format:
 * %s is the configured data directory. */
static const char usage_options[] = N_(
	"Options:\n"
	"  -o FILE              write the output to FILE (atomically) instead of stdout\n"
	"  --format=FMT         eval and diff output: text (default), json, xml;\n"
	"                       export: csv (default) or json\n"
	"  --actuals=SHEET      update: the sheet of actuals to merge\n"
	"  --year=Y             update: the fiscal year of the actuals (2023, R5,\n"
	"                       令和5年度); without it the sheet must name it (a 年度\n"
	"                       column, or the value column's header): never guessed\n"
	"  --revise             update: a row may replace a different figure already\n"
	"                       in the source (kept as revised=\"OLD\")\n"
	"  --again              update: apply a sheet whose figures all repeat the\n"
	"                       source's latest (refused otherwise, as applied already)\n"
	"  --sheet=NAME         import, update: the sheet of an .xlsx or .ods (default:\n"
	"                       the first)\n"
	"  -j N                 build: N worker processes (e.g. -j $(nproc)), each\n"
	"                       loading the stylesheets and fonts once; default 1\n"
	"  --no-color           diff: no colour even on a terminal (also: NO_COLOR set)\n"
	"  --diagnostics-format=FMT   text (default, to stderr), json or sarif (to stdout)\n"
	"  -Werror              treat warnings as errors\n"
	"  -Werror=RULE         treat one rule's warnings as errors\n"
	"  -Wno-RULE, -W no-RULE   silence a warning rule\n"
	"  --period=START-END   draft: the new period (default: the year after the old\n"
	"                       period, same length), e.g. --period=2020-2024\n"
	"  --template=NAME      draft: the stylesheet in the templates directory\n"
	"                       (default draft.xsl)\n"
	"  --time-report        after the command, print to stderr the wall time of each\n"
	"                       stage and the peak memory (RSS)\n"
	"  --templates=DIR      where kpic.rng and the stylesheets are\n"
	"                       (default: $KPIC_TEMPLATES, next to the binary, or %s/templates)\n"
	"  -h, --help           this help\n"
	"  --version            print kpic's version\n"
	"\n"
	"Exit status: 0 success, 1 errors in a source, 2 usage error or unreadable input;\n"
	"for diff: 0 no differences, 1 differences, 2 trouble (unreadable file, errors).\n");

enum out_format { OUT_TEXT, OUT_JSON, OUT_XML, OUT_CSV };

struct opts {
	const char *command;
	const char *output;
	const char *templates;
	const char *period;          /* draft */
	const char *template_name;   /* draft */
	enum out_format format;
	int format_given;
	int no_color;
	int time_report;             /* --time-report */
	const char *boxes;           /* pdf: where to write the engine's boxes */
	const char *html_out;        /* diff: the 新旧対照表 as HTML */
	const char *pdf_out;         /* diff: the 新旧対照表 as PDF */
	const char *actuals;         /* update: the sheet */
	int year;                    /* update: --year, 0 if not given */
	int revise;                  /* update: --revise */
	int again;                   /* update: --again */
	const char *sheet;           /* import: --sheet */
	const char *outdir;          /* build: -d OUTDIR */
	int jobs;                    /* build: -j N, worker processes (0: not given) */
	const char **files;
	size_t nfiles;
	struct timing *timing;       /* --time-report: where the stages add their times */
};

static int usage_fail(const char *msg)
{
	fprintf(stderr, "kpic: %s\n", msg);
	fprintf(stderr, _("Try '%s'.\n"), "kpic --help");
	return 2;
}

/* fmt is translated here (xgettext --keyword=usage_error:1); arg is not. */
static int usage_error(const char *fmt, const char *arg)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, gettext(fmt), arg);
	int rc = usage_fail(buf_str(&b));
	buf_free(&b);
	return rc;
}

static int warning_option(struct diag_ctx *d, const char *w)
{
	if (strcmp(w, "error") == 0) {
		d->werror = 1;
		return 0;
	}
	int as_error = strncmp(w, "error=", 6) == 0;
	int disable = strncmp(w, "no-", 3) == 0;
	const char *name = as_error ? w + 6 : disable ? w + 3 : w;
	int r = rule_by_name(name);
	if (r < 0)
		return usage_error("unknown rule '%s' (kpic rules lists them)", name);
	if (rule_severity((enum rule)r) == SEV_ERROR && disable)
		return usage_error("rule '%s' reports errors, which cannot be silenced", name);
	if (disable)
		d->disabled[r] = 1;
	else if (as_error)
		d->as_error[r] = 1;
	else
		d->disabled[r] = 0;
	return 0;
}

/* -j N: 1 to BUILD_MAX_JOBS worker processes. */
#define BUILD_MAX_JOBS 256
static int jobs_option(const char *s, struct opts *o)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 1 || n > BUILD_MAX_JOBS)
		return usage_error("-j: '%s' is not a number of jobs from 1 to 256", s);
	o->jobs = (int)n;
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o, struct diag_ctx *d)
{
	o->files = calloc((size_t)argc, sizeof *o->files);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-o") == 0 && i + 1 < argc)
			o->output = argv[++i];
		else if (strcmp(a, "-d") == 0 && i + 1 < argc)
			o->outdir = argv[++i];
		else if ((strcmp(a, "-j") == 0 && i + 1 < argc) || (strncmp(a, "-j", 2) == 0 && a[2])) {
			if (jobs_option(a[2] ? a + 2 : argv[++i], o))
				return 2;
		}
		else if (strcmp(a, "-W") == 0 && i + 1 < argc) {
			if (warning_option(d, argv[++i]))
				return 2;
		} else if (strncmp(a, "-W", 2) == 0 && a[2]) {
			if (warning_option(d, a + 2))
				return 2;
		} else if (strncmp(a, "--format=", 9) == 0) {
			const char *f = a + 9;
			if (!strcmp(f, "text")) o->format = OUT_TEXT;
			else if (!strcmp(f, "json")) o->format = OUT_JSON;
			else if (!strcmp(f, "xml")) o->format = OUT_XML;
			else if (!strcmp(f, "csv")) o->format = OUT_CSV;
			else return usage_error("unknown --format '%s' (text, json, xml or csv)", f);
			o->format_given = 1;
		} else if (strncmp(a, "--diagnostics-format=", 21) == 0) {
			const char *f = a + 21;
			if (!strcmp(f, "text")) d->format = DIAG_TEXT;
			else if (!strcmp(f, "json")) d->format = DIAG_JSON;
			else if (!strcmp(f, "sarif")) d->format = DIAG_SARIF;
			else return usage_error("unknown --diagnostics-format '%s' (text, json or sarif)", f);
		} else if (strcmp(a, "--time-report") == 0) {
			o->time_report = 1;
		} else if (strcmp(a, "--no-color") == 0) {
			o->no_color = 1;
		} else if ((!strcmp(a, "--html") || !strcmp(a, "--pdf")) && i + 1 < argc) {
			*(a[2] == 'h' ? &o->html_out : &o->pdf_out) = argv[++i];
		} else if (strncmp(a, "--html=", 7) == 0) {
			o->html_out = a + 7;
		} else if (strncmp(a, "--pdf=", 6) == 0) {
			o->pdf_out = a + 6;
		} else if (strncmp(a, "--boxes=", 8) == 0) {
			o->boxes = a + 8;
		} else if (strncmp(a, "--templates=", 12) == 0) {
			o->templates = a + 12;
		} else if (strncmp(a, "--period=", 9) == 0) {
			o->period = a + 9;
		} else if (!strcmp(a, "--actuals") && i + 1 < argc) {
			o->actuals = argv[++i];
		} else if (strncmp(a, "--actuals=", 10) == 0) {
			o->actuals = a + 10;
		} else if ((!strcmp(a, "--year") && i + 1 < argc) || !strncmp(a, "--year=", 7)) {
			const char *y = a[6] == '=' ? a + 7 : argv[++i];
			int v = fiscal_year_parse(y, strlen(y));
			if (v < 0)
				return usage_error("--year '%s': a fiscal year such as 2023, R5 or 令和5年度", y);
			o->year = v;
		} else if (!strcmp(a, "--sheet") && i + 1 < argc) {
			o->sheet = argv[++i];
		} else if (strncmp(a, "--sheet=", 8) == 0) {
			o->sheet = a + 8;
		} else if (strcmp(a, "--revise") == 0) {
			o->revise = 1;
		} else if (strcmp(a, "--again") == 0) {
			o->again = 1;
		} else if (strncmp(a, "--template=", 11) == 0) {
			o->template_name = a + 11;
		} else if (strcmp(a, "-") != 0 && a[0] == '-') {
			return usage_error("unknown option '%s'", a);
		} else if (o->command == NULL) {
			o->command = a;
		} else {
			o->files[o->nfiles++] = a;
		}
	}
	return 0;
}

static int file_exists(const char *dir, const char *name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, R_OK) == 0;
}

/* The templates directory: --templates, $KPIC_TEMPLATES, templates/ next to
 * the binary (a build tree), ../share/kpic/templates from the binary (an
 * installation moved elsewhere), then the configured data directory. */
static int find_templates(const char *given, char *out, size_t size)
{
	const char *env = getenv("KPIC_TEMPLATES");
	if (given || (env && *env)) {
		snprintf(out, size, "%s", given ? given : env);
		return file_exists(out, "kpic.rng") ? 0 : -1;
	}
	char exe[PATH_MAX];
	if (exe_dir(exe, sizeof exe) == 0) {
		snprintf(out, size, "%s/templates", exe);
		if (file_exists(out, "kpic.rng"))
			return 0;
		snprintf(out, size, "%s/../templates", exe);
		if (file_exists(out, "kpic.rng"))
			return 0;
		snprintf(out, size, "%s/../share/kpic/templates", exe);
		if (file_exists(out, "kpic.rng"))
			return 0;
	}
	snprintf(out, size, "%s/templates", KPIC_DATADIR);
	return file_exists(out, "kpic.rng") ? 0 : -1;
}

/* The templates directory this run reads (kpic.rng, the stylesheets, the
 * CSS), which an output must never replace; NULL when there is none, which
 * ends the list of inputs it is put last in. */
static const char *templates_input(const struct opts *o, char *dir, size_t size)
{
	return find_templates(o->templates, dir, size) == 0 ? dir : NULL;
}

static struct schema *open_schema(const struct opts *o)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	if (find_templates(o->templates, dir, sizeof dir) < 0) {
		fprintf(stderr, "kpic: %s\n",
		        _("cannot find the templates directory (kpic.rng); use --templates=DIR or set KPIC_TEMPLATES"));
		return NULL;
	}
	snprintf(path, sizeof path, "%s/kpic.rng", dir);
	return schema_load(path);
}

static int cmd_rules(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	(void)o;
	(void)sc;
	(void)d;
	struct buf b = BUF_INIT;
	for (int r = 0; r < R__COUNT; r++) {
		buf_pad(&b, rule_name((enum rule)r), 30, 0);
		buf_pad(&b, rule_severity((enum rule)r) == SEV_ERROR ? "error" : "warning", 9, 0);
		buf_printf(&b, "%s\n", rule_summary((enum rule)r));   /* translated; name and severity never */
	}
	fputs(buf_str(&b), stdout);
	buf_free(&b);
	return 0;
}

static int status_of(enum compile_result r, int prev)
{
	int s = r == COMPILE_UNREADABLE ? 2 : r == COMPILE_ERRORS ? 1 : 0;
	return s > prev ? s : prev;
}

/* Where diagnostics go when the command writes nothing else to standard
 * output: text to standard error, JSON or SARIF to standard output. */
static FILE *diag_file(const struct diag_ctx *d)
{
	return d->format == DIAG_TEXT ? stderr : stdout;
}

static int cmd_check(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles == 0)
		return usage_error("%s: no input file", "check");
	struct unit *units = calloc(o->nfiles, sizeof *units);
	int status = 0;
	for (size_t i = 0; i < o->nfiles; i++)
		status = status_of(compile_source(o->files[i], sc, d, &units[i], o->timing), status);
	diag_flush(d, diag_file(d));
	if (status == 0 && d->nerrors)
		status = 1;
	for (size_t i = 0; i < o->nfiles; i++)
		unit_free(&units[i]);
	free(units);
	return status;
}

/* Writes a command's result to -o (atomically) or standard output. */
static int write_result(const struct opts *o, const struct buf *b)
{
	char err[512], dir[PATH_MAX];
	const char *inputs[] = { o->files[0], templates_input(o, dir, sizeof dir), NULL };
	if (output_write(o->output ? o->output : "-", b->data ? b->data : "", b->len, inputs, err,
	                 sizeof err) < 0) {
		fprintf(stderr, "kpic: %s\n", err);
		return 2;
	}
	return 0;
}

static int cmd_eval(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return usage_error("%s: expects exactly one input file", "eval");
	struct unit u;
	int status = status_of(compile_source(o->files[0], sc, d, &u, o->timing), 0);
	/* Machine-readable diagnostics go to stdout, which the result would share. */
	diag_flush(d, d->format == DIAG_TEXT || status == 0 ? stderr : stdout);
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
		status = write_result(o, &b);
		buf_free(&b);
	}
	unit_free(&u);
	return status;
}

/* Where diagnostics go: text always to standard error; JSON or SARIF to
 * standard output, unless the command's own result goes there too. */
static FILE *diag_stream(const struct opts *o, const struct diag_ctx *d, int status)
{
	if (d->format == DIAG_TEXT || (status == 0 && o->output == NULL))
		return stderr;
	return stdout;
}

/* The end of a rendering command: on failure (rc < 0) say why and write
 * nothing; else pass on what the stylesheet said and write the result. */
static int finish_render(const struct opts *o, int rc, const char *what, const struct buf *result,
                         const struct buf *err)
{
	const char *msg = err->data ? err->data : "";
	if (rc < 0) {
		fprintf(stderr, _("kpic: %s: the %s could not be made; nothing was written:\n%s"), o->files[0],
		        gettext(what), msg);
		return 2;
	}
	if (err->len)
		fprintf(stderr, _("kpic: %s: the stylesheet said:\n%s"), o->files[0], msg);
	return write_result(o, result);
}

static int cmd_html(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX];
	if (o->nfiles != 1)
		return usage_error("%s: expects exactly one input file", "html");
	if (find_templates(o->templates, dir, sizeof dir) < 0)
		return 2;
	struct unit u;
	int status = status_of(compile_source(o->files[0], sc, d, &u, o->timing), 0);
	diag_flush(d, diag_stream(o, d, status));
	if (status == 0) {
		struct buf page = BUF_INIT, err = BUF_INIT;
		status = finish_render(o, html_render(&u, o->files[0], dir, "kensho.xsl", &page, &err, o->timing),
		                       N_("HTML document"), &page, &err);
		buf_free(&page);
		buf_free(&err);
	}
	unit_free(&u);
	return status;
}

/* Colour only for a person at a terminal who did not refuse it
 * (https://no-color.org: NO_COLOR set and not empty). */
static int use_color(const struct opts *o)
{
	const char *nc = getenv("NO_COLOR");
	return !o->no_color && !(nc && *nc) && o->output == NULL && isatty(STDOUT_FILENO);
}

/* SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/):
 * the creation date of the PDF, so that two builds are byte-identical; -1
 * when unset, and a usage error when set but not a non-negative integer. */
static int source_date_epoch(long long *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	*t = -1;
	if (s == NULL || *s == '\0')
		return 0;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0' || v < 0 || v > 253402300799LL)   /* up to 9999-12-31 */
		return usage_error("SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970", s);
	*t = v;
	return 0;
}

/* Writes buf to path atomically, never over one of the diff's inputs. */
static int write_diff_file(const struct opts *o, const char *path, const struct buf *b)
{
	char err[512], dir[PATH_MAX];
	const char *inputs[] = { o->files[0], o->files[1], templates_input(o, dir, sizeof dir), NULL };
	if (output_write(path, b->data ? b->data : "", b->len, inputs, err, sizeof err) < 0) {
		fprintf(stderr, "kpic: %s\n", err);
		return -1;
	}
	return 0;
}

/* The 新旧対照表 (--html, --pdf): kpic diff's XML through templates/shinkyu.xsl
 * or shinkyu-layout.xsl; the new version gives the figures their data. */
static int diff_tables(const struct opts *o, const struct diff *df, const struct unit *nu,
                       struct diag_ctx *d)
{
	char dir[PATH_MAX];
	struct buf xml = BUF_INIT, page = BUF_INIT, pdf = BUF_INIT, err = BUF_INIT;
	int rc = find_templates(o->templates, dir, sizeof dir) < 0 ? -1 : 0;
	long long when = -1;
	if (rc == 0 && source_date_epoch(&when))
		rc = -1;
	diff_xml(df, &xml);
	xmlDoc *in = rc == 0 ? xmlReadMemory(xml.data, (int)xml.len, NULL, "UTF-8", XML_PARSE_NONET) : NULL;
	if (in && o->html_out)
		rc = html_render_doc(in, nu, o->files[1], dir, "shinkyu.xsl", &page, &err);
	if (in && rc == 0 && o->pdf_out) {
		struct pdf_request rq = { o->files[1], dir, "shinkyu-layout.xsl", when, o->timing, NULL, NULL };
		struct pdf_output out = { &pdf, NULL, NULL };
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

static int cmd_diff(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 2)
		return usage_error("%s: expects two input files, OLD and NEW", "diff");
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
		char err[512];
		const char *inputs[] = { o->files[0], o->files[1], NULL };
		if ((o->html_out || o->pdf_out) && diff_tables(o, &df, &u[1], d) != 0)
			status = 2;
		else if (output_write(o->output ? o->output : "-", buf_str(&b), b.len, inputs, err, sizeof err) < 0) {
			fprintf(stderr, "kpic: %s\n", err);
			status = 2;
		}
		buf_free(&b);
		diff_free(&df);
	}
	unit_free(&u[0]);
	unit_free(&u[1]);
	return status;
}

/* Writes buf to path atomically (for --boxes); 0 or 2. */
static int write_extra(const struct opts *o, const char *path, const struct buf *b)
{
	char err[512], dir[PATH_MAX];
	const char *inputs[] = { o->files[0], templates_input(o, dir, sizeof dir), NULL };
	if (output_write(path, b->data ? b->data : "", b->len, inputs, err, sizeof err) < 0) {
		fprintf(stderr, "kpic: %s\n", err);
		return 2;
	}
	return 0;
}

static int render_pdf(const struct opts *o, const struct unit *u, const struct pdf_request *rq,
                      struct diag_ctx *d)
{
	struct buf pdf = BUF_INIT, xml = BUF_INIT, boxes = BUF_INIT, err = BUF_INIT;
	struct pdf_output out = { o->format == OUT_XML ? NULL : &pdf, o->format == OUT_XML ? &xml : NULL,
	                          o->boxes ? &boxes : NULL };
	int status = 0;
	if (pdf_render(u, rq, d, &out, &err) < 0) {
		diag_flush(d, stderr);
		fprintf(stderr, _("kpic: %s: the PDF document could not be made; nothing was written:\n%s"),
		        o->files[0], buf_str(&err));
		status = 2;
	} else {
		diag_flush(d, diag_stream(o, d, 0));
		if (err.len)
			fprintf(stderr, _("kpic: %s: the stylesheet said:\n%s"), o->files[0], buf_str(&err));
		status = d->nerrors ? 1 : write_result(o, o->format == OUT_XML ? &xml : &pdf);
		if (status == 0 && o->boxes)
			status = write_extra(o, o->boxes, &boxes);
	}
	buf_free(&pdf);
	buf_free(&xml);
	buf_free(&boxes);
	buf_free(&err);
	return status;
}

static int cmd_pdf(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX];
	struct pdf_request rq = { NULL, dir, "kensho-layout.xsl", -1, o->timing, NULL, NULL };
	if (o->nfiles != 1)
		return usage_error("%s: expects exactly one input file", "pdf");
	if (o->output == NULL && o->format != OUT_XML && isatty(STDOUT_FILENO))
		return usage_error("%s: a PDF is not written to a terminal; use -o FILE", "pdf");
	if (source_date_epoch(&rq.creation_time) || find_templates(o->templates, dir, sizeof dir) < 0)
		return 2;
	rq.source_path = o->files[0];
	struct unit u;
	int status = status_of(compile_source(o->files[0], sc, d, &u, o->timing), 0);
	if (status == 0)
		status = render_pdf(o, &u, &rq, d);
	else
		diag_flush(d, diag_file(d));
	unit_free(&u);
	return status;
}

/* The draft's stylesheet run, timed as one XSLT stage. */
static int draft_rendered(const struct opts *o, const struct unit *u, const char *dir, const char *name,
                          const struct draft_period *p, struct buf *src, struct buf *err)
{
	double t0 = timing_now();
	int rc = draft_render(u, o->files[0], dir, name, p, src, err);
	timing_add(o->timing, T_XSLT, t0);
	return rc;
}

static int cmd_draft(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX];
	const char *name = o->template_name ? o->template_name : "draft.xsl";
	if (o->nfiles != 1)
		return usage_error("%s: expects exactly one input file", "draft");
	if (!*name || strchr(name, '/') || name[0] == '.')
		return usage_error("--template=%s: name a stylesheet in the templates directory (no '/')", name);
	if (find_templates(o->templates, dir, sizeof dir) < 0)
		return 2;
	struct unit u;
	int status = status_of(compile_source(o->files[0], sc, d, &u, o->timing), 0);
	/* Machine-readable diagnostics go to stdout, which the draft would share. */
	diag_flush(d, d->format == DIAG_TEXT || status == 0 ? stderr : stdout);
	if (status == 0) {
		struct buf src = BUF_INIT, err = BUF_INIT;
		struct draft_period p;
		if (draft_period(&u, o->period, &p, &err) < 0) {
			fprintf(stderr, "kpic: %s: %s", o->files[0], buf_str(&err));
			status = 2;
		} else {
			status = finish_render(o, draft_rendered(o, &u, dir, name, &p, &src, &err), N_("draft"),
			                       &src, &err);
		}
		buf_free(&src);
		buf_free(&err);
	}
	unit_free(&u);
	return status;
}

static int cmd_export(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return usage_error("%s: expects exactly one input file", "export");
	if (o->format_given && o->format != OUT_CSV && o->format != OUT_JSON)
		return usage_error("%s: --format is csv or json", "export");
	struct unit u;
	int status = status_of(compile_source(o->files[0], sc, d, &u, o->timing), 0);
	diag_flush(d, d->format == DIAG_TEXT || status == 0 ? stderr : stdout);
	if (status == 0) {
		struct buf b = BUF_INIT;
		if (o->format == OUT_JSON)
			export_json(&u.model, &u.eval, &b);
		else
			export_csv(&u.model, &u.eval, &b);
		status = write_result(o, &b);
		buf_free(&b);
	}
	unit_free(&u);
	return status;
}

/* kpic update: the sheet's rows merged into the source's text, the result
 * checked as a source, then written atomically with the old version as SRC~
 * (or to -o OUT, leaving the source alone). */
static int cmd_update(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1 || o->actuals == NULL)
		return usage_error("%s: expects one source and --actuals SHEET", "update");
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

/* kpic import: the sheet's KPI table as a source.  The text is compiled like
 * any source before it is written, so that a sheet that yields an invalid
 * source writes nothing; its diagnostics then point into the text under the
 * output's name. */
static int cmd_import(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->nfiles != 1)
		return usage_error("%s: expects exactly one sheet (.xlsx, .ods, .csv or .tsv)", "import");
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

/* kpic build: NAME for a source, the directory of .../NAME/strategy.xml or
 * the file's name without .xml; -1 when there is none to use. */
static int build_name(const char *path, char *out, size_t size)
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
	char name[PATH_MAX / 2], path[PATH_MAX], err[512];
	struct unit u;
	size_t errors_before = d->nerrors;
	int status = status_of(compile_source(file, sc, d, &u, o->timing), 0);
	struct buf page = BUF_INIT, pdf = BUF_INIT, msg = BUF_INIT;
	if (status == 0) {
		struct pdf_output out = { &pdf, NULL, NULL };
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
	build_name(file, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	if (status == 0 && make_dir(path) < 0)
		status = 2;
	if (status == 0) {
		snprintf(path, sizeof path, "%s/%s/kensho.html", outdir, name);
		int bad = output_write(path, buf_str(&page), page.len, inputs, err, sizeof err) < 0;
		snprintf(path, sizeof path, "%s/%s/kensho.pdf", outdir, name);
		if (!bad)
			bad = output_write(path, pdf.data ? pdf.data : "", pdf.len, inputs, err, sizeof err) < 0;
		if (bad) {
			fprintf(stderr, "kpic: %s\n", err);
			status = 2;
		}
	}
	buf_free(&page);
	buf_free(&pdf);
	buf_free(&msg);
	unit_free(&u);
	return status;
}

/* kpic build SRC... -d OUTDIR: every source in one process, the stylesheets
 * compiled and the fonts loaded once.  The worst status of all. */
/* Sources first, first+step, … of o->files: the stylesheets and fonts are
 * loaded once for all of them. */
static int build_share(const struct opts *o, struct schema *sc, struct diag_ctx *d, const char *dir,
                       size_t first, size_t step)
{
	struct pdf_request rq = { NULL, dir, "kensho-layout.xsl", -1, o->timing, xslt_cache_new(),
	                          layout_fonts_new() };
	int bad_epoch = source_date_epoch(&rq.creation_time);
	int status = bad_epoch ? 2 : 0;
	for (size_t i = first; i < o->nfiles && !bad_epoch; i += step) {
		int s = build_one(o, o->files[i], o->outdir, sc, d, &rq);
		fflush(stderr);
		status = s > status ? s : status;
	}
	xslt_cache_free(rq.xslt_cache);
	layout_fonts_free(rq.fonts);
	return status;
}

/* One worker process: its share of the sources.  Its standard error is
 * buffered and flushed after each source, so that each document's
 * diagnostics reach the terminal in one piece among the other workers'. */
static void build_worker(const struct opts *o, struct schema *sc, struct diag_ctx *d, const char *dir,
                         int k, int jobs)
{
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGTERM);    /* kpic killed: its workers stop too */
#endif
	char *errbuf = malloc(1 << 16);
	if (errbuf)
		setvbuf(stderr, errbuf, _IOFBF, 1 << 16);
	int status = build_share(o, sc, d, dir, (size_t)k, (size_t)jobs);
	fflush(stderr);
	_exit(status);   /* not exit(): the parent's atexit work is the parent's */
}

/*
 * kpic build -j N: N worker processes, each taking every Nth source.  They
 * are forked before any font or stylesheet is loaded (fontconfig and pango
 * start threads, which fork() does not carry over), so each pays that
 * loading once; the schema, plain libxml2 data, is shared.  The outputs are
 * the same bytes as with one process; the exit status is the worst of the
 * workers'.
 */
static int build_parallel(const struct opts *o, struct schema *sc, struct diag_ctx *d, const char *dir,
                          int jobs)
{
	pid_t pids[BUILD_MAX_JOBS];
	int started = 0, status = 0;
	fflush(stdout);
	fflush(stderr);
	for (; started < jobs; started++) {
		pids[started] = fork();
		if (pids[started] == 0)
			build_worker(o, sc, d, dir, started, jobs);
		if (pids[started] < 0) {
			fprintf(stderr, _("kpic: build: cannot start a worker process (%s); this one builds the rest\n"),
			        strerror(errno));
			break;
		}
	}
	for (int k = started; k < jobs; k++) {   /* the shares of workers not started */
		int s = build_share(o, sc, d, dir, (size_t)k, (size_t)jobs);
		status = s > status ? s : status;
	}
	for (int k = 0; k < started; k++) {
		int ws = 0, s = 2;
		pid_t r;
		while ((r = waitpid(pids[k], &ws, 0)) < 0 && errno == EINTR)
			;
		if (r > 0 && WIFEXITED(ws))
			s = WEXITSTATUS(ws);
		else if (r > 0 && WIFSIGNALED(ws))
			fprintf(stderr, _("kpic: build: a worker process was killed (signal %d)\n"), WTERMSIG(ws));
		status = s > status ? s : status;
	}
	return status;
}

static int cmd_build(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	char dir[PATH_MAX], name[PATH_MAX / 2], other[PATH_MAX / 2];
	if (o->nfiles == 0)
		return usage_error("%s: no input file", "build");
	if (o->outdir == NULL)
		return usage_error("%s: -d OUTDIR is required", "build");
	if (d->format != DIAG_TEXT)
		return usage_error("%s: diagnostics are written as text only", "build");
	for (size_t i = 0; i < o->nfiles; i++) {
		if (build_name(o->files[i], name, sizeof name) < 0)
			return usage_error("build: no output name for '%s'", o->files[i]);
		for (size_t j = 0; j < i; j++)
			if (build_name(o->files[j], other, sizeof other) == 0 && strcmp(name, other) == 0)
				return usage_error("build: two sources would write to the same directory '%s'", name);
	}
	if (o->jobs > 1 && o->timing)
		return usage_error("%s: --time-report measures one process; leave out -j", "build");
	if (find_templates(o->templates, dir, sizeof dir) < 0 || make_dir(o->outdir) < 0)
		return 2;
	if (o->jobs > 1 && (size_t)o->jobs > o->nfiles)
		return build_parallel(o, sc, d, dir, (int)o->nfiles);
	return o->jobs > 1 ? build_parallel(o, sc, d, dir, o->jobs) : build_share(o, sc, d, dir, 0, 1);
}

/* The subcommands.  needs_schema: the command compiles sources. */
static const struct command {
	const char *name;
	int needs_schema;
	int (*run)(const struct opts *o, struct schema *sc, struct diag_ctx *d);
} commands[] = {
	{ "check", 1, cmd_check },
	{ "eval", 1, cmd_eval },
	{ "diff", 1, cmd_diff },
	{ "html", 1, cmd_html },
	{ "pdf", 1, cmd_pdf },
	{ "draft", 1, cmd_draft },
	{ "export", 1, cmd_export },
	{ "update", 1, cmd_update },
	{ "import", 1, cmd_import },
	{ "build", 1, cmd_build },
	{ "rules", 0, cmd_rules },
};

static int dispatch(const struct opts *o, struct diag_ctx *d)
{
	if (o->command == NULL)
		return usage_fail(_("no command given"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(o->command, commands[i].name))
			continue;
		if (o->format == OUT_CSV && strcmp(o->command, "export"))
			return usage_error("%s: --format=csv is for export only", o->command);
		double t0 = timing_now();
		struct schema *sc = commands[i].needs_schema ? open_schema(o) : NULL;
		if (sc)
			timing_add(o->timing, T_SCHEMA, t0);
		if (commands[i].needs_schema && sc == NULL)
			return 2;
		int status = commands[i].run(o, sc, d);
		schema_free(sc);
		return status;
	}
	return usage_error("unknown command '%s'", o->command);
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct diag_ctx d;
	struct timing tm;
	i18n_init();
	timing_init(&tm);
	diag_init(&d);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") || !strcmp(argv[i], "help")) {
			fputs(_(usage_text), stdout);
			printf(_(usage_options), KPIC_DATADIR);
			return 0;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("kpic %s (libxml2 %s)\n", KPIC_VERSION, xmlParserVersion);
			return 0;
		}
	}
	int status = parse_args(argc, argv, &o, &d);
	if (o.time_report)
		o.timing = &tm;
	if (status == 0)
		status = dispatch(&o, &d);
	if (o.timing)
		timing_report(o.timing, stderr);
	free(o.files);
	diag_free(&d);
	xmlCleanupParser();
	return status;
}

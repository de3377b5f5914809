/*
 * cmd_init.c - kpic init DIR: a new city's source, DIR/strategy.xml, and
 * the sheet of actuals to fill in, DIR/actuals.csv.
 *
 * The source is templates/skeleton.xml around templates/init-goals.xml (two
 * example goals and KPIs), with the municipality, the title, the period and
 * the evaluation scheme (tools/schemes.def) filled in.  It is compiled like
 * any source before anything is written: it must check clean apart from its
 * placeholders.  Nothing already in DIR is ever replaced.
 */
#include "cmd_common.h"
#include "jfmt.h"
#include "model.h"
#include "skeleton.h"
#include "srclimits.h"
#include "version.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The options kpic init takes (tools/options.def). */
const enum opt_id cmd_init_options[] = {
	OPT_MUNICIPALITY, OPT_TITLE, OPT_PERIOD_INIT, OPT_SCHEME, OPT_LIST_SCHEMES, OPT_QUIET,
	OPTS_SOURCE, OPT_HELP, OPT_END
};

struct scheme {
	const char *name;
	const char *summary;         /* translated when printed */
	const char *evaluation;      /* the <evaluation> element */
	const char *met;             /* the met KPIs in the narrative */
};

static const struct scheme schemes[] = {
#define SCHEME(name, summary, evaluation, met) { name, summary, evaluation, met },
#include "schemes.def"
#undef SCHEME
};

#define NSCHEMES (sizeof schemes / sizeof schemes[0])

static void list_schemes(FILE *f)
{
	for (size_t i = 0; i < NSCHEMES; i++) {
		fprintf(f, "%s%s\n    ", schemes[i].name, i == 0 ? _(" (default)") : "");
		for (const char *p = gettext(schemes[i].summary); *p; p++)
			if (*p == '\n')
				fputs("\n    ", f);
			else
				fputc(*p, f);
		fputc('\n', f);
	}
}

static const struct scheme *scheme_find(const char *name)
{
	if (name == NULL)
		return &schemes[0];
	for (size_t i = 0; i < NSCHEMES; i++)
		if (!strcmp(schemes[i].name, name))
			return &schemes[i];
	return NULL;
}

/* What the new source says: given as options, or asked for. */
struct answers {
	char *municipality, *title, *period;
	int start, end;
};

static void answers_free(struct answers *a)
{
	free(a->municipality);
	free(a->title);
	free(a->period);
}

/* Whether s is empty or only spaces (ASCII or the ideographic space). */
static int blank(const char *s)
{
	size_t ideo = strlen("　");
	while (*s == ' ' || *s == '\t' || !strncmp(s, "　", ideo))
		s += *s == ' ' || *s == '\t' ? 1 : ideo;
	return *s == '\0';
}

/* One line from the terminal, after prompt on stderr; NULL at the end of
 * the input. */
static char *ask(const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	fprintf(stderr, "%s", prompt);
	fflush(stderr);
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/* The period "2020-2024" or "R2-R6" (any fiscal year kpic update reads). */
static int parse_period(const char *s, int *start, int *end)
{
	const char *dash = strchr(s, '-');
	if (dash == NULL)
		return -1;
	*start = vocab_fiscal_year_parse(s, (size_t)(dash - s));
	*end = vocab_fiscal_year_parse(dash + 1, strlen(dash + 1));
	/* the baseline year, the one before the start, must be a year too */
	return *start > LIMIT_MIN_YEAR && *end <= LIMIT_MAX_YEAR && *start <= *end ? 0 : -1;
}

/* Fills a from the options and, on a terminal, asks for what they lack:
 * 0, or 2 after a usage error naming what is missing. */
static int get_answers(const struct opts *o, struct answers *a)
{
	const char *given[3] = { o->municipality, o->title, o->period };
	static const char *const option[3] = { "--municipality", "--title", "--period" };
	const char *prompt[3] = { _("Municipality (自治体名, e.g. 網走市): "),
	                          _("Title (e.g. 網走市まち・ひと・しごと創生総合戦略): "),
	                          _("Period (first-last fiscal year, e.g. 2020-2024 or R2-R6): ") };
	char **field[3] = { &a->municipality, &a->title, &a->period };
	int tty = isatty(STDIN_FILENO);
	struct buf missing = BUF_INIT;
	for (int i = 0; i < 3; i++) {
		if (given[i])
			*field[i] = xstrdup(given[i]);
		else if (tty)
			*field[i] = ask(prompt[i]);
		if (*field[i] == NULL)
			buf_printf(&missing, "%s%s", missing.len ? ", " : "", option[i]);
	}
	int rc = 0;
	if (missing.len && tty)
		rc = cmd_usage_error("init: %s not given", buf_str(&missing));
	else if (missing.len)
		rc = cmd_usage_error("init: give %s (standard input is not a terminal, so kpic does not ask)",
		                 buf_str(&missing));
	else if (blank(a->municipality))
		rc = cmd_usage_error("init: --municipality='%s': the municipality's name is empty", a->municipality);
	else if (blank(a->title))
		rc = cmd_usage_error("init: --title='%s': the title is empty", a->title);
	else if (parse_period(a->period, &a->start, &a->end) < 0)
		rc = cmd_usage_error("init: --period='%s': the first and last fiscal years, e.g. 2020-2024 or R2-R6",
		                 a->period);
	buf_free(&missing);
	return rc;
}

/* The source's text: the skeleton around the example goals. */
static int make_source(const char *tdir, const struct answers *a, const struct scheme *s, struct buf *out,
                       struct buf *err)
{
	struct buf skel = BUF_INIT, goals = BUF_INIT, body = BUF_INIT, href = BUF_INIT, header = BUF_INIT;
	struct buf met = BUF_INIT;
	char start[16], end[16], baseline[16], asof[16];
	snprintf(start, sizeof start, "%d", a->start);
	snprintf(end, sizeof end, "%d", a->end);
	snprintf(baseline, sizeof baseline, "%d", a->start - 1);
	snprintf(asof, sizeof asof, "%04d-04-01", a->start + 1);
	skeleton_schema_href(tdir, &href);
	skeleton_met_sentence(&met, s->met);
	buf_puts(&header, "  Made by kpic init (kpic " KPIC_VERSION "): a new strategy source with two example\n"
	                  "  goals and KPIs to replace.  kpic update merges each year's figures from\n"
	                  "  actuals.csv; kpic html and kpic pdf write the verification document.");
	const struct skel_field f[] = {
		{ "SCHEMA", buf_str(&href), 1 }, { "HEADER", buf_str(&header), 1 },
		{ "MUNICIPALITY", a->municipality, 0 }, { "TITLE", a->title, 0 },
		{ "START", start, 0 }, { "END", end, 0 }, { "BASELINE", baseline, 0 }, { "AS_OF", asof, 0 },
		{ "SCHEME", s->name, 0 }, { "EVALUATION", s->evaluation, 1 },
		{ "MET", buf_str(&met), 1 },
		{ "BODY", "", 1 },
	};
	size_t nf = sizeof f / sizeof f[0];
	int rc = skeleton_read(tdir, "init-goals.xml", &goals, err);
	if (rc == 0)
		rc = skeleton_fill(buf_str(&goals), "init-goals.xml", f, nf - 1, &body, err);
	if (rc == 0)
		rc = skeleton_read(tdir, "skeleton.xml", &skel, err);
	struct skel_field g[sizeof f / sizeof f[0]];
	memcpy(g, f, sizeof g);
	g[nf - 1].value = buf_str(&body);
	if (rc == 0)
		rc = skeleton_fill(buf_str(&skel), "skeleton.xml", g, nf, out, err);
	buf_free(&skel);
	buf_free(&goals);
	buf_free(&body);
	buf_free(&href);
	buf_free(&header);
	buf_free(&met);
	return rc;
}

/* A CSV field, quoted when it must be (RFC 4180). */
static void csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++)
		buf_put(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
	buf_putc(b, '"');
}

/* The year the sheet is for: the first after the examples' figures. */
static int sheet_year(const struct answers *a)
{
	return a->start < a->end ? a->start + 1 : a->start;
}

/* DIR/actuals.csv: one row per KPI series, the value column headed by the
 * year, which kpic update reads from it. */
static void make_actuals(const struct unit *u, int year, struct buf *b)
{
	char era[32];
	if (jfmt_era_fy(year, JFMT_ERA_LONG, era, sizeof era) < 0)
		snprintf(era, sizeof era, "%d", year);
	buf_printf(b, _("# The figures of %s年度 (FY%d): write each KPI's in its row, then run\n"
	                "#   kpic update --actuals actuals.csv strategy.xml\n"
	                "# (an empty value: not surveyed; - : not available; a status column may say 未確定).\n"),
	           era, year);
	buf_printf(b, "kpi,series,%s年度,status\n", era);
	for (size_t i = 0; i < u->model.nkpis; i++) {
		const struct kpi *k = &u->model.kpis[i];
		for (size_t j = 0; j < k->nseries; j++) {
			const struct series *s = &k->series[j];
			struct buf c = BUF_INIT;
			buf_printf(&c, "# %s%s%s%s%s", k->name, s->label ? " ・" : "", s->label ? s->label : "",
			           s->unit ? " / " : "", s->unit ? s->unit : "");
			csv_field(b, buf_str(&c));
			buf_puts(b, "\n");
			csv_field(b, k->id);
			buf_putc(b, ',');
			csv_field(b, s->key ? s->key : "");     /* "" for a KPI's one implicit series */
			buf_puts(b, ",,\n");
			buf_free(&c);
		}
	}
}

/* Whether DIR/name exists already (or cannot be told), said why. */
static int exists(const char *dir, const char *name)
{
	char path[PATH_MAX];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (lstat(path, &st) == 0) {
		fprintf(stderr, _("kpic: %s exists already; kpic init writes nothing over it (choose a new directory)\n"),
		        path);
		return 1;
	}
	return 0;
}

/* Writes the two files into dir (made if it does not exist), the source
 * last: 0, or 2 with nothing left behind. */
static int write_files(const char *dir, const char *tdir, const struct buf *src, const struct buf *sheet)
{
	char spath[PATH_MAX], apath[PATH_MAX];
	struct stat st;
	int made = 0;
	if (stat(dir, &st) < 0) {
		if (errno != ENOENT || mkdir(dir, 0777) < 0) {
			fprintf(stderr, "kpic: %s: %s\n", dir, strerror(errno));
			return 2;
		}
		made = 1;
	} else if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("kpic: %s: not a directory\n"), dir);
		return 2;
	}
	snprintf(spath, sizeof spath, "%s/strategy.xml", dir);
	snprintf(apath, sizeof apath, "%s/actuals.csv", dir);
	const char *inputs[] = { tdir, NULL };
	int rc = cmd_write_output(apath, sheet, inputs);
	if (rc == 0 && (rc = cmd_write_output(spath, src, inputs)) != 0)
		unlink(apath);
	if (rc && made)
		rmdir(dir);
	return rc;
}

/* The line a terminal gets: what was written. */
static void say_written(const struct opts *o, const char *dir, const struct unit *u, const struct diag_ctx *d)
{
	struct buf said = BUF_INIT;
	char paths[2 * PATH_MAX];
	size_t ph = skeleton_placeholders(xmlDocGetRootElement(u->src.doc));
	cmd_say_counts(&said, u->model.nkpis, d->nwarnings);
	cmd_say_part(&said, ngettext("%zu placeholder to fill in", "%zu placeholders to fill in", ph), ph);
	snprintf(paths, sizeof paths, "%s/strategy.xml, %s/actuals.csv", dir, dir);
	cmd_say_wrote(o, paths, &said);
	buf_free(&said);
}

static int init_dir(const struct opts *o, struct diag_ctx *d, struct schema *sc, const char *tdir,
                    const struct answers *a, const struct scheme *s)
{
	const char *dir = o->files[0];
	char spath[PATH_MAX];
	struct buf src = BUF_INIT, err = BUF_INIT, sheet = BUF_INIT;
	snprintf(spath, sizeof spath, "%s/strategy.xml", dir);
	if (make_source(tdir, a, s, &src, &err) < 0) {
		fprintf(stderr, _("kpic: the new source could not be made; nothing was written:\n%s"), buf_str(&err));
		buf_free(&src);
		buf_free(&err);
		return 2;
	}
	struct unit u;
	d->disabled[R_DRAFT_PLACEHOLDER] = 1;    /* there by design: counted instead */
	int status = compile_text(spath, xstrndup(src.data, src.len), src.len, sc, d, &u) == COMPILE_OK ? 0 : 1;
	if (status) {
		diag_flush(d, cmd_diag_file(d));
		fprintf(stderr, _("kpic: %s: the new source would not pass kpic check; nothing was written\n"), spath);
	} else {
		make_actuals(&u, sheet_year(a), &sheet);
		status = write_files(dir, tdir, &src, &sheet);
		if (status == 0)
			say_written(o, dir, &u, d);
	}
	compile_unit_free(&u);
	buf_free(&src);
	buf_free(&err);
	buf_free(&sheet);
	return status;
}

int cmd_init(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	if (o->list_schemes) {
		if (o->nfiles)
			return cmd_usage_error("%s: --list-schemes takes no directory", "init");
		list_schemes(stdout);
		return 0;
	}
	if (o->nfiles != 1)
		return cmd_usage_error("%s: expects exactly one directory, where strategy.xml and actuals.csv are written",
		                   "init");
	const struct scheme *s = scheme_find(o->scheme);
	if (s == NULL)
		return cmd_usage_error("init: unknown --scheme '%s' (kpic init --list-schemes lists them)", o->scheme);
	char tdir[PATH_MAX];
	if (cmd_find_templates(o->templates, tdir, sizeof tdir) < 0)
		return 2;
	if (exists(o->files[0], "strategy.xml") || exists(o->files[0], "actuals.csv"))
		return 2;
	struct answers a = { 0 };
	int status = get_answers(o, &a);
	if (status == 0)
		status = init_dir(o, d, sc, tdir, &a, s);
	answers_free(&a);
	return status;
}

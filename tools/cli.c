/*
 * cli.c - kpic's command line: the options of each command, parsed from its
 * own table (see cli.h), and the help made from the same tables.
 */
#include "cli.h"
#include "jfmt.h"
#include "model.h"
#include "pool.h"
#include "suggest.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#ifndef KPIC_DATADIR
#define KPIC_DATADIR "/usr/local/share/kpic"
#endif

struct optdef {
	char short_name;         /* 0: none */
	const char *long_name;   /* NULL: none */
	const char *arg;         /* NULL: takes no argument */
	const char *values;      /* '|'-separated, or NULL */
	const char *shown;       /* NULL: made from the names */
	const char *help;        /* translated when printed */
};

static const struct optdef optdefs[] = {
#define OPTION(id, s, l, arg, values, shown, help) [id] = { s, l, arg, values, shown, help },
#include "options.def"
#undef OPTION
};

/* The options every command that reads sources takes, and --help. */
static const enum opt_id shared_options[] = { OPTS_SOURCE, OPT_HELP, OPT_END };

/* The column where the descriptions in --help start. */
#define HELP_COLUMN 23

static int has_option(const enum opt_id *list, enum opt_id id)
{
	for (; *list != OPT_END; list++)
		if (*list == id)
			return 1;
	return 0;
}

/* Whether option id is named by the letter s or the long name l of n bytes. */
static int named(enum opt_id id, char s, const char *l, size_t n)
{
	const struct optdef *od = &optdefs[id];
	if (l == NULL)
		return s && od->short_name == s;
	return od->long_name && strlen(od->long_name) == n && strncmp(od->long_name, l, n) == 0;
}

/* The option of list so named; OPT_END when none. */
static enum opt_id find_option(const enum opt_id *list, char s, const char *l, size_t n)
{
	for (; *list != OPT_END; list++)
		if (named(*list, s, l, n))
			return *list;
	return OPT_END;
}

/* Whether some option named by argument a (no '=', no attached value) takes
 * the next argument as its value. */
static int takes_next(const char *a)
{
	int is_long = a[1] == '-';
	if (is_long ? strchr(a, '=') != NULL : a[2] != '\0')
		return 0;
	for (size_t id = 0; id < OPT_END; id++)
		if (optdefs[id].arg && named((enum opt_id)id, a[1], is_long ? a + 2 : NULL, strlen(a + 2)))
			return 1;
	return 0;
}

int cli_command_index(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return i + 1 < argc ? i + 1 : 0;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		if (takes_next(a))
			i++;
	}
	return 0;
}

/* The long option of c that the unknown --l (n bytes) most likely
 * misspells, or NULL. */
static const char *option_near(const struct command *c, const char *l, size_t n)
{
	char word[SUGGEST_MAX_CHARS + 1];
	if (n > SUGGEST_MAX_CHARS)
		return NULL;
	memcpy(word, l, n);
	word[n] = '\0';
	struct suggest sg;
	suggest_init(&sg, word);
	for (const enum opt_id *id = c->options; *id != OPT_END; id++)
		if (optdefs[*id].long_name)
			suggest_offer(&sg, optdefs[*id].long_name, 0);
	return suggest_best(&sg, NULL);
}

/* An option c does not take, named shown: which commands take it, if any. */
static int foreign_option(const struct command *c, char s, const char *l, size_t n, const char *shown)
{
	struct buf takers = BUF_INIT;
	size_t count = 0;
	for (const struct command *k = cmd_table; k->name; k++) {
		if (find_option(k->options, s, l, n) == OPT_END)
			continue;
		buf_printf(&takers, "%s%s", count++ ? ", " : "", k->name);
	}
	const char *near = l && count == 0 ? option_near(c, l, n) : NULL;
	int rc = near ? cmd_usage(c, N_("unknown option '%s'; did you mean '--%s'?"), shown, near)
	       : count == 0 ? cmd_usage(c, N_("unknown option '%s'"), shown)
	       : count == 1 ? cmd_usage(c, N_("option '%s' is for %s only"), shown, buf_str(&takers))
	       : cmd_usage(c, N_("option '%s' is for these commands only: %s"), shown, buf_str(&takers));
	buf_free(&takers);
	return rc;
}

/* --format and --diagnostics-format: v must be one of the option's values. */
static int value_option(const struct command *c, enum opt_id id, const char *v)
{
	const char *list = optdefs[id].values;
	size_t n = strlen(v);
	for (const char *p = list; n && !strchr(v, '|') && (p = strstr(p, v)) != NULL; p += n)
		if ((p == list || p[-1] == '|') && (p[n] == '|' || p[n] == '\0'))
			return 0;
	return cmd_usage(c, N_("unknown --%s '%s' (one of %s)"), optdefs[id].long_name, v, list);
}

static int diag_format_option(const struct command *c, const char *v, struct diag_ctx *d)
{
	if (value_option(c, OPT_DIAG_FORMAT, v))
		return 2;
	d->format = strcmp(v, "text") == 0 ? DIAG_TEXT : strcmp(v, "json") == 0 ? DIAG_JSON : DIAG_SARIF;
	return 0;
}

static int warning_option(const struct command *c, struct diag_ctx *d, const char *w)
{
	if (strcmp(w, "error") == 0) {
		d->werror = 1;
		return 0;
	}
	int as_error = strncmp(w, "error=", 6) == 0;
	int disable = strncmp(w, "no-", 3) == 0;
	const char *name = as_error ? w + 6 : disable ? w + 3 : w;
	int r = diag_rule_by_name(name);
	if (r < 0)
		return cmd_usage(c, N_("unknown rule '%s' (kpic rules lists them)"), name);
	if (diag_rule_severity((enum rule)r) == SEV_ERROR && disable)
		return cmd_usage(c, N_("rule '%s' reports errors, which cannot be silenced"), name);
	if (disable)
		d->disabled[r] = 1;
	else if (as_error)
		d->as_error[r] = 1;
	else
		d->disabled[r] = 0;
	return 0;
}

/* -j N: 1 to POOL_MAX_JOBS worker processes. */
static int jobs_option(const struct command *c, const char *s, struct opts *o)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 1 || n > POOL_MAX_JOBS)
		return cmd_usage(c, N_("-j: '%s' is not a number of jobs from 1 to 256"), s);
	o->jobs = (int)n;
	return 0;
}

/* --port=N: 0 (any free port) to 65535. */
static int port_option(const struct command *c, const char *s, struct opts *o)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 0 || n > 65535)
		return cmd_usage(c, N_("--port: '%s' is not a port from 0 to 65535"), s);
	o->port = (int)n;
	o->port_given = 1;
	return 0;
}

static int year_option(const struct command *c, const char *y, struct opts *o)
{
	int v = vocab_fiscal_year_parse(y, strlen(y));
	if (v < 0)
		return cmd_usage(c, N_("--year '%s': a fiscal year such as 2023, R5 or 令和5年度"), y);
	o->year = v;
	return 0;
}

static int format_option(const struct command *c, enum opt_id id, const char *v, struct opts *o)
{
	static const char *const names[] = { "text", "json", "xml", "csv", "pdf", "xlsx", "ods" };
	static const enum out_format formats[] = { OUT_TEXT, OUT_JSON, OUT_XML, OUT_CSV, OUT_PDF, OUT_XLSX, OUT_ODS };
	if (value_option(c, id, v))
		return 2;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strcmp(names[k], v) == 0)
			o->format = formats[k];
	o->format_given = 1;
	return 0;
}

/* Sets option id of c to v (NULL for an option without an argument): 0, 1
 * for --help, or 2 after a usage error. */
static int set_option(const struct command *c, enum opt_id id, const char *v, struct opts *o,
                      struct diag_ctx *d)
{
	switch (id) {
	case OPT_OUTPUT: o->output = v; break;
	case OPT_FORMAT: case OPT_FORMAT_DIFF: case OPT_FORMAT_PDF: case OPT_FORMAT_EXPORT: return format_option(c, id, v, o);
	case OPT_BOXES: o->boxes = v; break;
	case OPT_HTML: o->html_out = v; break;
	case OPT_PDF: o->pdf_out = v; break;
	case OPT_NO_COLOR: o->no_color = 1; break;
	case OPT_PERIOD: case OPT_PERIOD_INIT: o->period = v; break;
	case OPT_MUNICIPALITY: o->municipality = v; break;
	case OPT_TITLE: o->title = v; break;
	case OPT_SCHEME: o->scheme = v; break;
	case OPT_LIST_SCHEMES: o->list_schemes = 1; break;
	case OPT_QUIET:
	case OPT_QUIET_WATCH: o->quiet = 1; break;
	case OPT_TEMPLATE: o->template_name = v; break;
	case OPT_ACTUALS: o->actuals = v; break;
	case OPT_TARGETS: o->targets = v; break;
	case OPT_YEAR: case OPT_YEAR_EVAL: return year_option(c, v, o);
	case OPT_REVISE: o->revise = 1; break;
	case OPT_AGAIN: o->again = 1; break;
	case OPT_ACTUALS_TEMPLATE: o->actuals_template = 1; break;
	case OPT_BY_DEPARTMENT: o->by_department = 1; break;
	case OPT_SHEET: o->sheet = v; break;
	case OPT_OUTDIR:
	case OPT_OUTDIR_WATCH: o->outdir = v; break;
	case OPT_JOBS: return jobs_option(c, v, o);
	case OPT_PORT: return port_option(c, v, o);
	case OPT_WARNING: return warning_option(c, d, v) ? 2 : 0;
	case OPT_DIAG_FORMAT: return diag_format_option(c, v, d);
	case OPT_TEMPLATES: o->templates = v; break;
	case OPT_TIME_REPORT: o->time_report = 1; break;
	case OPT_HELP: return 1;
	case OPT_END: break;
	}
	return 0;
}

/* The option argv[*i] (which starts with '-'), and its value from the same
 * or the next argument: 0, 1 for --help, or 2. */
static int one_option(const struct command *c, int argc, char **argv, int *i, struct opts *o,
                      struct diag_ctx *d)
{
	const char *a = argv[*i];
	int is_long = a[1] == '-';
	const char *l = is_long ? a + 2 : NULL;
	size_t n = is_long ? strcspn(l, "=") : 1;
	const char *v = is_long ? (l[n] == '=' ? l + n + 1 : NULL) : (a[2] ? a + 2 : NULL);
	char shown[64];
	snprintf(shown, sizeof shown, "%.*s", (int)(is_long ? n + 2 : 2), a);
	enum opt_id id = find_option(c->options, a[1], l, n);
	if (id == OPT_END)
		return foreign_option(c, a[1], l, n, shown);
	if (optdefs[id].arg == NULL && v)
		return is_long ? cmd_usage(c, N_("option '%s' takes no argument"), shown)
		               : cmd_usage(c, N_("unknown option '%s'"), a);
	if (optdefs[id].arg && v == NULL) {
		if (*i + 1 >= argc)
			return cmd_usage(c, N_("option '%s' requires an argument (%s)"), shown, optdefs[id].arg);
		v = argv[++*i];
	}
	return set_option(c, id, v, o, d);
}

int cli_parse(const struct command *c, int argc, char **argv, int ci, struct opts *o, struct diag_ctx *d)
{
	int only_files = 0;
	o->command = c;
	o->files = calloc((size_t)argc, sizeof *o->files);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (i == ci)
			continue;
		if (only_files || a[0] != '-' || a[1] == '\0') {
			o->files[o->nfiles++] = a;
		} else if (strcmp(a, "--") == 0) {
			only_files = 1;
		} else {
			int rc = one_option(c, argc, argv, &i, o, d);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* --- help ------------------------------------------------------------------ */

/* How --help shows option id: "-X ARG", "--NAME=ARG" or its own way. */
static void option_shown(enum opt_id id, struct buf *b)
{
	const struct optdef *od = &optdefs[id];
	if (od->shown)
		buf_puts(b, od->shown);
	else if (od->short_name)
		buf_printf(b, "-%c%s%s", od->short_name, od->arg ? " " : "", od->arg ? od->arg : "");
	else
		buf_printf(b, "--%s%s%s", od->long_name, od->arg ? "=" : "", od->arg ? od->arg : "");
}

/* "  LEFT" padded to the help column, then text (lines after the first
 * indented to the column); LEFT too wide: text from the next line. */
static void help_entry(struct buf *b, const char *left, const char *text)
{
	size_t w = strlen(left) + 2;
	buf_printf(b, "  %s", left);
	if (w >= HELP_COLUMN - 1)
		buf_printf(b, "\n%*s", HELP_COLUMN, "");
	else
		buf_printf(b, "%*s", (int)(HELP_COLUMN - w), "");
	for (const char *p = text; *p; p++) {
		buf_putc(b, *p);
		if (*p == '\n' && p[1])
			buf_printf(b, "%*s", HELP_COLUMN, "");
	}
	buf_putc(b, '\n');
}

static void help_option(struct buf *b, enum opt_id id)
{
	struct buf left = BUF_INIT, text = BUF_INIT;
	option_shown(id, &left);
	buf_printf(&text, gettext(optdefs[id].help), KPIC_DATADIR);
	help_entry(b, buf_str(&left), buf_str(&text));
	buf_free(&left);
	buf_free(&text);
}

/* The options of c that not every command reading sources takes, as
 * "[-o FILE] [--format=FMT]", wrapped under the help column. */
static void own_options(struct buf *b, const struct command *c)
{
	const char *label = _("options:");
	size_t indent = HELP_COLUMN + jfmt_width(label), col = 0;
	for (const enum opt_id *p = c->options; *p != OPT_END; p++) {
		if (has_option(shared_options, *p))
			continue;
		struct buf one = BUF_INIT;
		option_shown(*p, &one);
		if (col == 0)
			buf_printf(b, "%*s%s", HELP_COLUMN, "", label);
		else if (col + one.len + 3 > 79)
			buf_printf(b, "\n%*s", (int)indent, "");
		col = col == 0 || col + one.len + 3 > 79 ? indent : col;
		buf_printf(b, " [%s]", buf_str(&one));
		col += one.len + 3;
		buf_free(&one);
	}
	if (col)
		buf_putc(b, '\n');
}

void cli_help(FILE *f)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, _("usage: kpic <command> [options] FILE...\n"
	               "\n"
	               "kpic compiles a まち・ひと・しごと創生総合戦略 source (XML) into its verification\n"
	               "document: it checks the source, computes every KPI's achievement and the counts\n"
	               "the document publishes, and writes the results.\n"
	               "\n"
	               "Commands:\n"));
	for (const struct command *c = cmd_table; c->name; c++) {
		struct buf left = BUF_INIT;
		buf_printf(&left, "%s%s%s", c->name, *c->synopsis ? " " : "", c->synopsis);
		help_entry(&b, buf_str(&left), gettext(c->summary));
		own_options(&b, c);
		buf_free(&left);
	}
	buf_puts(&b, _("\nOptions of every command that reads sources (all but rules):\n"));
	for (const enum opt_id *p = shared_options; *p != OPT_END; p++)
		help_option(&b, *p);
	buf_puts(&b, _("  --version            print kpic's version\n"
	               "\n"
	               "'kpic COMMAND --help' describes the options of one command.\n"
	               "\n"
	               "Exit status: 0 success, 1 errors in a source, 2 usage error or unreadable input;\n"
	               "for diff: 0 no differences, 1 differences, 2 trouble (unreadable file, errors).\n"));
	fputs(buf_str(&b), f);
	buf_free(&b);
}

void cli_help_command(const struct command *c, FILE *f)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, _("usage: kpic %s [options] %s\n"), c->name, c->synopsis);
	buf_printf(&b, "\n%s\n\n", gettext(c->summary));
	buf_puts(&b, _("Options:\n"));
	for (const enum opt_id *p = c->options; *p != OPT_END; p++)
		help_option(&b, *p);
	fputs(buf_str(&b), f);
	buf_free(&b);
}

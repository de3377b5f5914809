/*
 * cmd_common.h - what kpic's commands (tools/cmd_NAME.c) share: the parsed
 * command line, the table of commands, usage errors, where diagnostics go,
 * the templates directory and the writing of results.
 *
 * Exit status, for every command: 0 success, 1 errors in the sources
 * (diagnosed), 2 usage errors or unreadable input.  `kpic diff` follows
 * diff(1) instead: 0 no differences, 1 differences, 2 trouble.
 */
#ifndef KPIC_CMD_COMMON_H
#define KPIC_CMD_COMMON_H

#include "buf.h"
#include "compile.h"
#include "diag.h"
#include "i18n.h"
#include "schema.h"
#include "timing.h"

#include <stdio.h>

/* Every option of every command (tools/options.def). */
enum opt_id {
#define OPTION(id, s, l, arg, values, shown, help) id,
#include "options.def"
#undef OPTION
	OPT_END     /* ends a command's table of options */
};

/* The options of every command that compiles sources. */
#define OPTS_SOURCE OPT_WARNING, OPT_DIAG_FORMAT, OPT_TEMPLATES, OPT_TIME_REPORT

enum out_format { OUT_TEXT, OUT_JSON, OUT_XML, OUT_CSV, OUT_PDF, OUT_XLSX, OUT_ODS };

/* The command line, parsed (tools/cli.c); each command reads the fields of
 * the options its table names. */
struct opts {
	const char *output;
	const char *templates;
	const char *period;          /* draft, init */
	const char *municipality;    /* init */
	const char *title;           /* init */
	const char *scheme;          /* init: --scheme */
	int list_schemes;            /* init: --list-schemes */
	int quiet;                   /* -q: no line saying what was written */
	const char *template_name;   /* draft */
	enum out_format format;
	int format_given;
	int no_color;
	int time_report;             /* --time-report */
	const char *boxes;           /* pdf: where to write the engine's boxes */
	const char *html_out;        /* diff: the 新旧対照表 as HTML */
	const char *pdf_out;         /* diff: the 新旧対照表 as PDF */
	const char *actuals;         /* update: the sheet */
	const char *targets;         /* update: --targets, the sheet of yearly targets and given grades */
	int year;                    /* update, eval: --year, 0 if not given */
	int revise;                  /* update: --revise */
	int again;                   /* update: --again */
	int actuals_template;        /* export: --actuals-template */
	int by_department;           /* export: --by-department */
	const char *sheet;           /* import: --sheet */
	const char *outdir;          /* build: -d OUTDIR */
	int jobs;                    /* build: -j N, worker processes (0: not given) */
	int port;                    /* serve: --port=N (0: any free port) */
	int port_given;
	const char **files;
	size_t nfiles;
	struct timing *timing;       /* --time-report: where the stages add their times */
	const struct command *command; /* the command being run (set by cli_parse) */
};

typedef int command_fn(const struct opts *o, struct schema *sc, struct diag_ctx *d);

struct command {
	const char *name;
	const char *synopsis;
	const char *summary;         /* translated when printed */
	int needs_schema;            /* the command compiles sources */
	command_fn *run;
	const enum opt_id *options;  /* ends with OPT_END */
};

#define COMMAND(name, synopsis, summary, needs_schema) \
	command_fn cmd_##name; \
	extern const enum opt_id cmd_##name##_options[];
#include "commands.def"
#undef COMMAND

/* The table of commands (tools/commands.def), ended by a NULL name. */
extern const struct command cmd_table[];
const struct command *cmd_find(const char *name);

/* "kpic: MSG" and "Try 'kpic --help'." on stderr; 2. */
int cmd_usage_fail(const char *msg);
/* The same for fmt (translated here; xgettext --keyword=cmd_usage_error:1) with
 * one argument. */
int cmd_usage_error(const char *fmt, const char *arg);
/* The command that name most likely misspells ("biuld": build), or NULL. */
const char *cmd_near(const char *name);
/* "kpic CMD: MSG" and "Try 'kpic CMD --help'." on stderr; 2.  fmt is
 * translated here (xgettext --keyword=cmd_usage:2). */
int cmd_usage(const struct command *c, const char *fmt, ...);

/* The worse of two exit statuses, r being a compilation's result. */
int cmd_status_of(enum compile_result r, int prev);
/* Where diagnostics go when the command writes nothing else to standard
 * output: text to standard error, JSON or SARIF to standard output. */
FILE *cmd_diag_file(const struct diag_ctx *d);
/* Where diagnostics go: text always to standard error; JSON or SARIF to
 * standard output, unless the command's own result goes there too. */
FILE *cmd_diag_stream(const struct opts *o, const struct diag_ctx *d, int status);

/* The templates directory: --templates, $KPIC_TEMPLATES, next to the binary
 * or the configured data directory; -1 when none has kpic.rng. */
int cmd_find_templates(const char *given, char *out, size_t size);
/* The templates directory this run reads, which an output must never
 * replace; NULL when there is none, which ends the list of inputs it is put
 * last in. */
const char *cmd_templates_input(const struct opts *o, char *dir, size_t size);
/* The schema of the templates directory; NULL (said why) when unreadable. */
struct schema *cmd_open_schema(const struct opts *o);

/* Compiles the command's one source, o->files[0], into *u (which must then
 * be freed with compile_unit_free()): 0, 1 (errors in it) or 2 (unreadable). */
int cmd_compile_one(const struct opts *o, struct schema *sc, struct diag_ctx *d, struct unit *u);
/* The same for a command whose result may go to standard output (eval,
 * export, draft), and its diagnostics flushed: text ones to stderr, JSON
 * and SARIF ones to stdout only when no result follows there. */
int cmd_compile_for_result(const struct opts *o, struct schema *sc, struct diag_ctx *d, struct unit *u);

/* kpic build: NAME for a source, the directory of .../NAME/strategy.xml or
 * the file's name without .xml; -1 when there is none to use. */
int cmd_build_name(const char *path, char *out, size_t size);

/* Writes b to path ("-": standard output) atomically, never over one of
 * inputs (NULL-terminated); 0, or 2 after saying why. */
int cmd_write_output(const char *path, const struct buf *b, const char *const inputs[]);
/* Writes a command's result to -o (atomically) or standard output; 0 or 2. */
int cmd_write_result(const struct opts *o, const struct buf *b);
/* Writes b to path atomically, never over the source or the templates; 0 or 2. */
int cmd_write_extra(const struct opts *o, const char *path, const struct buf *b);
/* The end of a rendering command: on failure (rc < 0) say why and write
 * nothing; else pass on what the stylesheet said and write the result. */
int cmd_finish_render(const struct opts *o, int rc, const char *what, const struct buf *result,
                  const struct buf *err);
/* Whether the command ends with a line on standard error saying what it
 * wrote: only on a terminal, and not with -q. */
int cmd_says_what_happened(const struct opts *o);
/* Appends ", " (unless b is empty) and fmt with n: one part of that line's
 * details, fmt coming from ngettext ("%zu KPI", "%zu KPIs"). */
void cmd_say_part(struct buf *b, const char *fmt, size_t n);
/* The parts every such line has: the KPIs and the warnings. */
void cmd_say_counts(struct buf *b, size_t kpis, size_t warnings);
/* When cmd_says_what_happened: "kpic: wrote PATH (DETAILS)" on standard error;
 * PATH NULL or "-" is standard output. */
void cmd_say_wrote(const struct opts *o, const char *path, const struct buf *details);
/* SOURCE_DATE_EPOCH: the creation date of a PDF; *t = -1 when unset; a
 * usage error (2) when set but not a number of seconds. */
int cmd_source_date_epoch(long long *t);

#endif

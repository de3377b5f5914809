/*
 * kpic.c - the command line's entry: help, version, and the dispatch to the
 * commands of tools/commands.def (each in tools/cmd_NAME.c; their options
 * are parsed by tools/cli.c).
 *
 * Exit status, for every command: 0 success, 1 errors in the sources
 * (diagnosed), 2 usage errors or unreadable input.  `kpic diff` follows
 * diff(1) instead: 0 no differences, 1 differences, 2 trouble.
 */
#include "cli.h"
#include "version.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

/* Runs command c with options o: the schema first if it compiles sources. */
static int dispatch(const struct command *c, const struct opts *o, struct diag_ctx *d)
{
	double t0 = timing_now();
	struct schema *sc = c->needs_schema ? cmd_open_schema(o) : NULL;
	if (sc)
		timing_add(o->timing, T_SCHEMA, t0);
	if (c->needs_schema && sc == NULL)
		return 2;
	int status = c->run(o, sc, d);
	schema_free(sc);
	return status;
}

/* kpic COMMAND ARGS..., the command being argv[ci]. */
static int run(const struct command *c, int argc, char **argv, int ci)
{
	struct opts o = { 0 };
	struct diag_ctx d;
	struct timing tm;
	timing_init(&tm);
	diag_init(&d);
	int status = cli_parse(c, argc, argv, ci, &o, &d);
	if (status == 1) {
		cli_help_command(c, stdout);
		status = 0;
	} else {
		if (o.time_report)
			o.timing = &tm;
		if (status == 0)
			status = dispatch(c, &o, &d);
		if (o.timing)
			timing_report(o.timing, stderr);
	}
	free(o.files);
	diag_free(&d);
	xmlCleanupParser();
	return status;
}

/* "unknown command", with the command it most likely misspells. */
static int unknown_command(const char *name)
{
	const char *near = cmd_near(name);
	if (near == NULL)
		return cmd_usage_error("unknown command '%s'", name);
	struct buf b = BUF_INIT;
	buf_printf(&b, _("unknown command '%s'; did you mean '%s'?"), name, near);
	int rc = cmd_usage_fail(buf_str(&b));
	buf_free(&b);
	return rc;
}

/* kpic help [COMMAND] */
static int help(const char *name)
{
	const struct command *c = name ? cmd_find(name) : NULL;
	if (name && c == NULL)
		return unknown_command(name);
	if (c)
		cli_help_command(c, stdout);
	else
		cli_help(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	i18n_init();
	int ci = cli_command_index(argc, argv);
	for (int i = 1; i < (ci ? ci : argc); i++) {   /* kpic's own options, before any command */
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return help(NULL);
		if (!strcmp(argv[i], "--version")) {
			printf("kpic %s (libxml2 %s)\n", KPIC_VERSION, xmlParserVersion);
			return 0;
		}
	}
	if (ci == 0)
		return cmd_usage_fail(_("no command given"));
	if (strcmp(argv[ci], "help") == 0)
		return help(ci + 1 < argc ? argv[ci + 1] : NULL);
	const struct command *c = cmd_find(argv[ci]);
	if (c == NULL)
		return unknown_command(argv[ci]);
	return run(c, argc, argv, ci);
}

/*
 * cmd_common.c - what kpic's commands share: the table of commands, usage
 * errors, where diagnostics go, the templates directory, writing results.
 */
/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700

#include "cmd_common.h"
#include "exedir.h"
#include "output.h"
#include "suggest.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef KPIC_DATADIR
#define KPIC_DATADIR "/usr/local/share/kpic"
#endif

const struct command cmd_table[] = {
#define COMMAND(name, synopsis, summary, needs_schema) \
	{ #name, synopsis, summary, needs_schema, cmd_##name, cmd_##name##_options },
#include "commands.def"
#undef COMMAND
	{ NULL, NULL, NULL, 0, NULL, NULL },
};

const struct command *cmd_find(const char *name)
{
	for (const struct command *c = cmd_table; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const char *cmd_near(const char *name)
{
	struct suggest sg;
	suggest_init(&sg, name);
	for (const struct command *c = cmd_table; c->name; c++)
		suggest_offer(&sg, c->name, 0);
	return suggest_best(&sg, NULL);
}

int cmd_usage_fail(const char *msg)
{
	fprintf(stderr, "kpic: %s\n", msg);
	fprintf(stderr, _("Try '%s'.\n"), "kpic --help");
	return 2;
}

int cmd_usage_error(const char *fmt, const char *arg)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, gettext(fmt), arg);
	int rc = cmd_usage_fail(buf_str(&b));
	buf_free(&b);
	return rc;
}

int cmd_usage(const struct command *c, const char *fmt, ...)
{
	struct buf msg = BUF_INIT, try = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, gettext(fmt), ap);
	va_end(ap);
	buf_printf(&try, "kpic %s --help", c->name);
	fprintf(stderr, "kpic %s: %s\n", c->name, buf_str(&msg));
	fprintf(stderr, _("Try '%s'.\n"), buf_str(&try));
	buf_free(&msg);
	buf_free(&try);
	return 2;
}

int cmd_status_of(enum compile_result r, int prev)
{
	int s = r == COMPILE_UNREADABLE ? 2 : r == COMPILE_ERRORS ? 1 : 0;
	return s > prev ? s : prev;
}

FILE *cmd_diag_file(const struct diag_ctx *d)
{
	return d->format == DIAG_TEXT ? stderr : stdout;
}

FILE *cmd_diag_stream(const struct opts *o, const struct diag_ctx *d, int status)
{
	if (d->format == DIAG_TEXT || (status == 0 && o->output == NULL))
		return stderr;
	return stdout;
}

static int file_exists(const char *dir, const char *name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, R_OK) == 0;
}

/* --templates, $KPIC_TEMPLATES, templates/ next to the binary (a build
 * tree), ../share/kpic/templates from the binary (an installation moved
 * elsewhere), then the configured data directory. */
int cmd_find_templates(const char *given, char *out, size_t size)
{
	const char *env = getenv("KPIC_TEMPLATES");
	if (given || (env && *env)) {
		snprintf(out, size, "%s", given ? given : env);
		return file_exists(out, "kpic.rng") ? 0 : -1;
	}
	char exe[PATH_MAX];
	if (exedir_path(exe, sizeof exe) == 0) {
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

const char *cmd_templates_input(const struct opts *o, char *dir, size_t size)
{
	return cmd_find_templates(o->templates, dir, size) == 0 ? dir : NULL;
}

struct schema *cmd_open_schema(const struct opts *o)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	if (cmd_find_templates(o->templates, dir, sizeof dir) < 0) {
		fprintf(stderr, "kpic: %s\n",
		        _("cannot find the templates directory (kpic.rng); use --templates=DIR or set KPIC_TEMPLATES"));
		return NULL;
	}
	snprintf(path, sizeof path, "%s/kpic.rng", dir);
	return schema_load(path);
}

int cmd_compile_one(const struct opts *o, struct schema *sc, struct diag_ctx *d, struct unit *u)
{
	return cmd_status_of(compile_source(o->files[0], sc, d, u, o->timing), 0);
}

int cmd_compile_for_result(const struct opts *o, struct schema *sc, struct diag_ctx *d, struct unit *u)
{
	int status = cmd_compile_one(o, sc, d, u);
	diag_flush(d, d->format == DIAG_TEXT || status == 0 ? stderr : stdout);
	return status;
}

int cmd_write_output(const char *path, const struct buf *b, const char *const inputs[])
{
	char err[512];
	if (output_write(path, b->data ? b->data : "", b->len, inputs, err, sizeof err) < 0) {
		fprintf(stderr, "kpic: %s\n", err);
		return 2;
	}
	return 0;
}

int cmd_write_extra(const struct opts *o, const char *path, const struct buf *b)
{
	char dir[PATH_MAX];
	const char *inputs[] = { o->files[0], cmd_templates_input(o, dir, sizeof dir), NULL };
	return cmd_write_output(path, b, inputs);
}

int cmd_write_result(const struct opts *o, const struct buf *b)
{
	return cmd_write_extra(o, o->output ? o->output : "-", b);
}

int cmd_finish_render(const struct opts *o, int rc, const char *what, const struct buf *result,
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
	return cmd_write_result(o, result);
}

int cmd_says_what_happened(const struct opts *o)
{
	return !o->quiet && isatty(STDERR_FILENO);
}

void cmd_say_part(struct buf *b, const char *fmt, size_t n)
{
	if (b->len)
		buf_puts(b, ", ");
	buf_printf(b, fmt, n);
}

void cmd_say_counts(struct buf *b, size_t kpis, size_t warnings)
{
	cmd_say_part(b, ngettext("%zu KPI", "%zu KPIs", kpis), kpis);
	if (warnings)
		cmd_say_part(b, ngettext("%zu warning", "%zu warnings", warnings), warnings);
	else if (b->len)
		buf_printf(b, ", %s", _("no warnings"));
}

void cmd_say_wrote(const struct opts *o, const char *path, const struct buf *details)
{
	if (!cmd_says_what_happened(o))
		return;
	if (path == NULL || !strcmp(path, "-"))
		fprintf(stderr, _("kpic: wrote standard output (%s)\n"), details->data ? details->data : "");
	else
		fprintf(stderr, _("kpic: wrote %s (%s)\n"), path, details->data ? details->data : "");
}

/* https://reproducible-builds.org/specs/source-date-epoch/: so that two
 * builds are byte-identical. */
int cmd_source_date_epoch(long long *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	*t = -1;
	if (s == NULL || *s == '\0')
		return 0;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0' || v < 0 || v > 253402300799LL)   /* up to 9999-12-31 */
		return cmd_usage_error("SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970", s);
	*t = v;
	return 0;
}

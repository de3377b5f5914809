/*
 * watch.c - what changed (inotify) and the rebuild (see watch.h).
 */
#include "watch.h"
#include "html.h"
#include "load.h"
#include "timing.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long after the first event of a save its others are waited for. */
#define SETTLE_MS 30

/* A file written, or renamed into place (as most editors save).  A file
 * removed or renamed away is no document to build: the last good one stays
 * (an editor that first renames the old file away is not caught half-way). */
#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO)

static void dir_and_name(const char *path, char *dir, size_t dsize, char *name, size_t nsize)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL) {
		snprintf(dir, dsize, ".");
		snprintf(name, nsize, "%s", path);
	} else {
		snprintf(dir, dsize, "%.*s", slash == path ? 1 : (int)(slash - path), path);
		snprintf(name, nsize, "%s", slash + 1);
	}
}

static void watch_close(struct watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}

/* Watches the directories of source and templates_dir: 0, or -1 (said why). */
static int watch_open(struct watch *w, const char *source, const char *templates_dir)
{
	char dir[PATH_MAX];
	memset(w, 0, sizeof *w);
	dir_and_name(source, dir, sizeof dir, w->source_name, sizeof w->source_name);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		fprintf(stderr, _("kpic: cannot watch for changes: %s\n"), strerror(errno));
		return -1;
	}
	w->source_wd = inotify_add_watch(w->fd, dir, WATCH_EVENTS);
	w->templates_wd = inotify_add_watch(w->fd, templates_dir, WATCH_EVENTS);
	const char *bad = w->source_wd < 0 ? dir : w->templates_wd < 0 ? templates_dir : NULL;
	if (bad) {
		fprintf(stderr, _("kpic: cannot watch the directory %s: %s\n"), bad, strerror(errno));
		watch_close(w);
		return -1;
	}
	return 0;
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

/* An editor's file of its own: a swap or backup file, vim's probe "4913". */
static int editor_file(const char *name)
{
	return name[0] == '.' || name[0] == '#' || ends_with(name, "~") || strcmp(name, "4913") == 0;
}

/* What a change of the file name in the source's directory touches. */
static unsigned source_change(const struct watch *w, const char *name)
{
	static const char *const sheets[] = { ".xlsx", ".ods", ".csv", ".tsv" };
	if (strcmp(name, w->source_name) == 0)
		return CH_SOURCE | CH_HTML | CH_PDF;
	for (size_t i = 0; i < sizeof sheets / sizeof *sheets; i++)
		if (ends_with(name, sheets[i]) && !editor_file(name))
			return CH_SOURCE | CH_HTML | CH_PDF | CH_OTHER;
	return 0;
}

/* The outputs a change of the file name in the templates directory touches. */
static unsigned template_output(const char *name)
{
	if (editor_file(name))
		return 0;
	if (strcmp(name, "kensho.css") == 0)
		return CH_HTML;
	if (strcmp(name, "kensho.xsl") == 0)
		return CH_HTML | CH_XSLT;
	if (strcmp(name, "kensho-layout.xsl") == 0)
		return CH_PDF | CH_XSLT;
	if (strcmp(name, "layout.rng") == 0)
		return CH_PDF;
	if (strcmp(name, "kpic.rng") == 0)
		return CH_SCHEMA | CH_HTML | CH_PDF;
	if (ends_with(name, ".xsl"))
		return CH_HTML | CH_PDF | CH_XSLT;
	return 0;
}

/* What a change of the file name in the templates directory touches. */
static unsigned template_change(const char *name)
{
	unsigned c = template_output(name);
	return c ? c | CH_OTHER : 0;
}

/* The changes of the events waiting now. */
static unsigned read_events(struct watch *w)
{
	char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	unsigned changes = 0;
	ssize_t n;
	while ((n = read(w->fd, ev, sizeof ev)) > 0) {
		for (char *p = ev; p < ev + n;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			if (e->len && e->wd == w->source_wd)
				changes |= source_change(w, e->name);
			if (e->len && e->wd == w->templates_wd)
				changes |= template_change(e->name);
			p += sizeof *e + e->len;
		}
	}
	return changes;
}

unsigned watch_read(struct watch *w)
{
	unsigned changes = read_events(w);
	struct pollfd p = { w->fd, POLLIN, 0 };
	while (changes && poll(&p, 1, SETTLE_MS) > 0)
		changes |= read_events(w);
	return changes;
}

static void watch_rebuild_init(struct rebuild *r, const struct opts *o, struct schema *sc, const char *templates_dir)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->source = o->files[0];
	r->templates_dir = templates_dir;
	r->sc = sc;
	r->rq = (struct pdf_request){ o->files[0], templates_dir, "kensho-layout.xsl", -1, o->timing,
	                              xslt_cache_new(), layout_fonts_new() };
}

static void watch_rebuild_free(struct rebuild *r)
{
	xslt_cache_free(r->rq.xslt_cache);
	layout_fonts_free(r->rq.fonts);
	schema_free(r->own_sc);
	buf_free(&r->html);
	buf_free(&r->pdf);
	buf_free(&r->report);
	free(r->text);
}

/* Whether the source has the bytes the last attempt read, which are kept
 * for the next time. */
static int same_source(struct rebuild *r)
{
	size_t len = 0;
	int err, too_large;
	char *text = load_read_all(r->source, &len, &err, &too_large);
	int same = text && r->text && len == r->text_len && memcmp(text, r->text, len) == 0;
	free(r->text);
	r->text = text;
	r->text_len = text ? len : 0;
	return same;
}

/* kpic.rng again, after it changed; the schema before kept if it does not load. */
static void reload_schema(struct rebuild *r)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/kpic.rng", r->templates_dir);
	struct schema *sc = schema_load(path);
	if (sc == NULL)
		return;
	schema_free(r->own_sc);
	r->own_sc = r->sc = sc;
}

static double ms_since(double t0)
{
	return (timing_now() - t0) * 1000.0;
}

/* Renders what changes touch into html and pdf: 0, or 2 with the reasons in msg. */
static int render(struct rebuild *r, const struct unit *u, struct diag_ctx *d, unsigned changes,
                  struct buf *html, struct buf *pdf, struct buf *msg, double t0)
{
	if ((changes & CH_HTML) &&
	    html_render_cached(u, r->source, r->templates_dir, "kensho.xsl", r->rq.xslt_cache, html, msg,
	                       r->o->timing) < 0)
		return 2;
	r->html_ms = ms_since(t0);
	struct pdf_output out = { pdf, NULL, NULL, NULL };
	if ((changes & CH_PDF) && pdf_render(u, &r->rq, d, &out, msg) < 0)
		return 2;
	r->pdf_ms = ms_since(t0);
	return 0;
}

/* Prints the diagnostics and what the stylesheets said, kept in r->report too. */
static void report(struct rebuild *r, struct diag_ctx *d, int status, const struct buf *msg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (f == NULL) {
		diag_flush(d, stderr);
		return;
	}
	diag_flush(d, f);
	if (status == 2 && msg->len)
		fprintf(f, _("kpic: %s: the document could not be made; the last good one is kept:\n%s"),
		        r->source, msg->data ? msg->data : "");
	else if (msg->len)
		fprintf(f, _("kpic: %s: the stylesheet said:\n%s"), r->source, msg->data);
	fclose(f);
	buf_reset(&r->report);
	buf_put(&r->report, text, len);
	fputs(buf_str(&r->report), stderr);
	fflush(stderr);
	free(text);
}

int watch_rebuild_run(struct rebuild *r, struct diag_ctx *d, unsigned changes)
{
	struct buf html = BUF_INIT, pdf = BUF_INIT, msg = BUF_INIT;
	struct unit u;
	double t0 = timing_now();
	if (same_source(r) && r->attempt && !(changes & CH_OTHER))
		return -1;
	if (!r->ok || r->good == 0 || (changes & CH_SOURCE))
		changes |= CH_HTML | CH_PDF;
	if (changes & CH_XSLT) {
		xslt_cache_free(r->rq.xslt_cache);
		r->rq.xslt_cache = xslt_cache_new();
	}
	if (changes & CH_SCHEMA)
		reload_schema(r);
	r->attempt++;
	d->nerrors = d->nwarnings = 0;
	int status = cmd_status_of(compile_source(r->source, r->sc, d, &u, r->o->timing), 0);
	if (status == 0)
		status = render(r, &u, d, changes, &html, &pdf, &msg, t0);
	if (status == 0 && d->nerrors)
		status = 1;
	report(r, d, status, &msg);
	compile_unit_free(&u);
	r->ok = status == 0;
	if (r->ok) {
		r->good = r->attempt;
		if (changes & CH_HTML) {
			buf_free(&r->html);
			r->html = html;
			html = (struct buf)BUF_INIT;
		}
		if (changes & CH_PDF) {
			buf_free(&r->pdf);
			r->pdf = pdf;
			pdf = (struct buf)BUF_INIT;
		}
	}
	buf_free(&html);
	buf_free(&pdf);
	buf_free(&msg);
	return status;
}

/* Blocks SIGINT and SIGTERM (the old mask in *old) and returns a signalfd
 * that reads them; -1 (said why) on failure. */
static int watch_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, old) < 0)
		return -1;
	int fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, _("kpic: cannot wait for signals: %s\n"), strerror(errno));
		sigprocmask(SIG_SETMASK, old, NULL);
	}
	return fd;
}

/* Undoes watch_signals(). */
static void watch_signals_done(int fd, const sigset_t *old)
{
	struct signalfd_siginfo si;
	while (read(fd, &si, sizeof si) == (ssize_t)sizeof si)
		;
	close(fd);
	sigprocmask(SIG_SETMASK, old, NULL);
}

int watch_session_open(struct watch_session *s, const struct opts *o, struct schema *sc)
{
	long long epoch;
	if (cmd_find_templates(o->templates, s->templates_dir, sizeof s->templates_dir) < 0 ||
	    cmd_source_date_epoch(&epoch))
		return 2;
	s->sigfd = watch_signals(&s->old);
	if (s->sigfd < 0)
		return 2;
	if (watch_open(&s->w, o->files[0], s->templates_dir) < 0) {
		watch_signals_done(s->sigfd, &s->old);
		return 2;
	}
	watch_rebuild_init(&s->r, o, sc, s->templates_dir);
	s->r.rq.creation_time = epoch;
	return 0;
}

void watch_session_close(struct watch_session *s)
{
	watch_rebuild_free(&s->r);
	watch_close(&s->w);
	watch_signals_done(s->sigfd, &s->old);
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, _("kpic: cannot create the directory %s: %s\n"), path, strerror(errno));
	return -1;
}

/* Writes the last good document into outdir/NAME/: 0 or 2. */
static int write_outputs(const struct rebuild *r, const char *outdir)
{
	char name[PATH_MAX / 2], path[PATH_MAX];
	const char *inputs[] = { r->source, r->templates_dir, NULL };
	if (cmd_build_name(r->source, name, sizeof name) < 0)
		return 2;
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	if (make_dir(outdir) < 0 || make_dir(path) < 0)
		return 2;
	snprintf(path, sizeof path, "%s/%s/kensho.html", outdir, name);
	int status = cmd_write_output(path, &r->html, inputs);
	snprintf(path, sizeof path, "%s/%s/kensho.pdf", outdir, name);
	return status ? status : cmd_write_output(path, &r->pdf, inputs);
}

/* After an attempt: the time it took (unless -q), or that the last good
 * document stays. */
void watch_rebuild_say(const struct rebuild *r, int status)
{
	if (status == 0 && r->o->quiet)
		return;
	if (status == 0)
		fprintf(stderr, _("kpic: %s: rebuilt: HTML in %.0f ms, PDF in %.0f ms\n"), r->source, r->html_ms,
		        r->pdf_ms);
	else
		fprintf(stderr, _("kpic: %s: not rebuilt; the last good document is kept\n"), r->source);
	fflush(stderr);
}

/* One rebuild of kpic watch, written when good. */
static void watch_step(struct rebuild *r, struct diag_ctx *d, unsigned changes, const char *outdir)
{
	int status = watch_rebuild_run(r, d, changes);
	if (status == 0)
		status = write_outputs(r, outdir);
	if (status >= 0)
		watch_rebuild_say(r, status);
}

int watch_loop(struct watch *w, struct rebuild *r, struct diag_ctx *d, int sigfd, const char *outdir)
{
	struct pollfd p[2] = { { w->fd, POLLIN, 0 }, { sigfd, POLLIN, 0 } };
	watch_step(r, d, CH_ALL, outdir);
	for (;;) {
		if (poll(p, 2, -1) < 0 && errno != EINTR) {
			fprintf(stderr, _("kpic: cannot wait for changes: %s\n"), strerror(errno));
			return 2;
		}
		if (p[1].revents)
			return 0;
		unsigned changes = p[0].revents ? watch_read(w) : 0;
		if (changes)
			watch_step(r, d, changes, outdir);
	}
}

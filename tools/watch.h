/*
 * watch.h - kpic watch and kpic serve: what changed, and the rebuild.
 *
 * The source's directory and the templates directory are watched with
 * inotify (Linux); a change of the source, of a sheet beside it or of a
 * template is read as the outputs it touches.  The rebuild keeps the
 * compiled stylesheets and the font map from one rebuild to the next, redoes
 * only the outputs a change touches, and keeps the last good document when a
 * save does not check: the diagnostics of the last attempt are printed in
 * the usual form and kept as text for the server's overlay.
 */
#ifndef KPIC_WATCH_H
#define KPIC_WATCH_H

#include "buf.h"
#include "cmd_common.h"
#include "pdf.h"

#include <limits.h>
#include <signal.h>

/* What a change touches. */
enum watch_change {
	CH_SOURCE = 1,     /* the source or a sheet beside it: everything */
	CH_HTML = 2,       /* kensho.xsl, kensho.css */
	CH_PDF = 4,        /* kensho-layout.xsl, layout.rng */
	CH_SCHEMA = 8,     /* kpic.rng */
	CH_XSLT = 16,      /* a stylesheet: compile the stylesheets again */
	CH_OTHER = 32,     /* a sheet or a template: even the same source is built again */
	CH_ALL = 63,
};

struct watch {
	int fd;                      /* the inotify descriptor */
	int source_wd, templates_wd;
	char source_name[NAME_MAX + 1];
};

/* The changes of the events waiting on w->fd, and of those that follow in
 * the next few milliseconds (one save is often several events). */
unsigned watch_read(struct watch *w);

/* The last good document and the state of the last attempt. */
struct rebuild {
	const struct opts *o;
	const char *source;
	const char *templates_dir;
	struct schema *sc;           /* the schema of the command, or own_sc */
	struct schema *own_sc;       /* kpic.rng loaded again after it changed */
	struct pdf_request rq;       /* with the stylesheets and fonts kept */
	struct buf html, pdf;        /* the last good document; empty before one */
	struct buf report;           /* the diagnostics of the last attempt, as text */
	char *text;                  /* the source as the last attempt read it */
	size_t text_len;
	unsigned long attempt;       /* attempts so far */
	unsigned long good;          /* the attempt that made html and pdf; 0: none */
	int ok;                      /* whether the last attempt checked */
	double html_ms, pdf_ms;      /* the last rebuild: HTML ready, PDF ready */
};

/* Rebuilds what changes touch: 0 (a new good document), 1 (errors in the
 * source: the last good one kept) or 2; -1 when nothing is to be done (the
 * source saved again with the same bytes, nothing else changed). */
int watch_rebuild_run(struct rebuild *r, struct diag_ctx *d, unsigned changes);

/* After an attempt, on standard error: the time it took (not with -q), or
 * that the last good document stays. */
void watch_rebuild_say(const struct rebuild *r, int status);


/* What kpic watch and kpic serve hold while they run: the watched
 * directories (the source's and the templates'), the rebuild, and a
 * signalfd reading SIGINT and SIGTERM, which stay blocked until the close. */
struct watch_session {
	char templates_dir[PATH_MAX];
	struct watch w;
	struct rebuild r;
	sigset_t old;                /* the signal mask before */
	int sigfd;
};

/* Finds the templates, reads SOURCE_DATE_EPOCH and starts watching
 * o->files[0]: 0, or 2 (said why). */
int watch_session_open(struct watch_session *s, const struct opts *o, struct schema *sc);
void watch_session_close(struct watch_session *s);

/* kpic watch: builds, then rebuilds on every change, writing DIR/NAME/kensho.html and
 * kensho.pdf after each good one, until a signal arrives on sigfd: 0. */
int watch_loop(struct watch *w, struct rebuild *r, struct diag_ctx *d, int sigfd, const char *outdir);

#endif

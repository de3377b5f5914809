/*
 * serve.h - kpic serve's HTTP server (libmicrohttpd), on 127.0.0.1 only.
 *
 * One thread: the server's sockets, the watch of the sources (watch.h) and
 * the signals are waited for in one poll(), so the document the server
 * hands out is only ever replaced between requests.  It serves, from
 * memory and never from the file system:
 *   /, /kensho.html  the last good HTML document, with a reload script that
 *                    its Content-Security-Policy allows by hash: the page's
 *                    own policy extended for it and for /events, or the
 *                    server's for a page without one
 *   /kensho.pdf      the last good PDF
 *   /events?after=N  long poll: the state of the latest rebuild, as JSON
 *                    ({"attempt", "good", "ok", "diagnostics"}), as soon as
 *                    there was an attempt after N (at the latest after
 *                    SERVE_POLL_SECONDS, with the state as it is)
 * Any other path is refused: 403 for one that tries to leave what is
 * served ("..", "//", a backslash or a percent sign left after decoding),
 * 404 for the rest; so is a request whose Host is not the server itself.
 */
#ifndef KPIC_SERVE_H
#define KPIC_SERVE_H

#include "watch.h"

#define SERVE_POLL_SECONDS 25

/* What a request's path asks for. */
enum serve_route { ROUTE_PAGE, ROUTE_PDF, ROUTE_EVENTS, ROUTE_FORBIDDEN, ROUTE_NOT_FOUND };
enum serve_route serve_route(const char *path);

/* Serves r's document at 127.0.0.1:port (0: any free port), printing the
 * address on standard output, then builds it, and again on every change w reports, until
 * a signal arrives on sigfd: 0, or 2 when the server cannot start. */
int serve_run(struct rebuild *r, struct watch *w, struct diag_ctx *d, int sigfd, int port);

#endif

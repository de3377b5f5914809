/*
 * serve.c - kpic serve's HTTP server (see serve.h).
 */
#include "serve.h"
#include "timing.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>

/*
 * The script put into the served page: it asks /events for the next
 * rebuild, reloads the page after a good one (keeping the scroll position)
 * and shows the diagnostics over the page after one that does not check.
 * Its text is the same for every page (the attempt that made the page is in
 * the element's data-good), so that the page's Content-Security-Policy can
 * allow it by its hash and nothing else.
 */
static const char reload_script[] =
	"(function(){var good=+document.currentScript.dataset.good,after=0,key='kpic-serve-scroll',box=null;"
	"var y=sessionStorage.getItem(key);if(y!==null){sessionStorage.removeItem(key);"
	"var go=function(){window.scrollTo(0,+y);};go();window.addEventListener('load',go);}"
	"function show(t){if(!box){box=document.createElement('pre');box.id='kpic-diagnostics';"
	"box.setAttribute('role','alert');var c=box.style;c.position='fixed';c.left=c.right=c.top='0';"
	"c.maxHeight='60vh';c.overflow='auto';c.margin='0';c.padding='1em';c.background='#fff4f4';"
	"c.color='#700';c.borderBottom='3px solid #c00';c.zIndex='2147483647';c.whiteSpace='pre-wrap';"
	"c.font='13px/1.4 monospace';document.body.appendChild(box);}box.textContent=t;}"
	"function hide(){if(box){box.remove();box=null;}}"
	"function poll(){fetch('/events?after='+after,{cache:'no-store'}).then(function(r){"
	"if(!r.ok)throw r.status;return r.json();}).then(function(e){after=e.attempt;"
	"if(e.ok&&e.good!==good){sessionStorage.setItem(key,String(window.scrollY));"
	"location.reload();return;}if(e.ok)hide();else show(e.diagnostics);poll();},"
	"function(){setTimeout(poll,1000);});}poll();})();";

/* The policy of a served page that has none of its own (the page before a
 * good document): the reload script (%s: its hash) and /events, nothing else. */
static const char page_policy[] =
	"default-src 'none'; script-src '%s'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
	"frame-ancestors 'none'";

/* The CSP source of the reload script, "sha256-BASE64", in out. */
static void script_hash(char *out, size_t size)
{
	guint8 digest[32];
	gsize len = sizeof digest;
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(sum, (const guchar *)reload_script, (gssize)(sizeof reload_script - 1));
	g_checksum_get_digest(sum, digest, &len);
	g_checksum_free(sum);
	gchar *b64 = g_base64_encode(digest, len);
	snprintf(out, size, "sha256-%s", b64);
	g_free(b64);
}

/* The page's own policy (its <meta http-equiv="Content-Security-Policy">,
 * text to len) with the reload script's hash in its script-src and the
 * server itself in its connect-src, each directive added when missing. */
static void extend_policy(const char *text, size_t len, const char *hash, struct buf *out)
{
	int script = 0, connect = 0;
	for (size_t i = 0; i < len;) {
		size_t n = 0;
		while (i < len && text[i] == ' ')
			i++;
		while (i + n < len && text[i + n] != ';')
			n++;
		int is_script = n >= 10 && strncmp(text + i, "script-src", 10) == 0;
		int is_connect = n >= 11 && strncmp(text + i, "connect-src", 11) == 0;
		if (n && out->len)
			buf_puts(out, "; ");
		buf_put(out, text + i, n);
		if (is_script)
			buf_printf(out, " '%s'", hash);
		if (is_connect)
			buf_puts(out, " 'self'");
		script |= is_script;
		connect |= is_connect;
		i += n + 1;
	}
	if (!script)
		buf_printf(out, "%sscript-src '%s'", out->len ? "; " : "", hash);
	if (!connect)
		buf_printf(out, "%sconnect-src 'self'", out->len ? "; " : "");
}

/* A long poll waiting for the next rebuild (its connection suspended). */
struct waiter {
	struct MHD_Connection *conn;
	double deadline;             /* timing_now() when it is answered anyway */
	int waiting;                 /* in the server's list */
	struct waiter *next;
};

struct server {
	struct rebuild *r;
	struct MHD_Daemon *daemon;
	unsigned port;
	struct waiter *waiters;
	int stopping;
	char hash[64];                          /* the reload script's, for the CSP */
	char policy[sizeof page_policy + 64];   /* the policy of a page without one */
};

static int has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

enum serve_route serve_route(const char *path)
{
	if (path[0] != '/' || has(path, "..") || has(path, "//") || has(path, "\\") || has(path, "%"))
		return ROUTE_FORBIDDEN;
	if (strcmp(path, "/") == 0 || strcmp(path, "/kensho.html") == 0)
		return ROUTE_PAGE;
	if (strcmp(path, "/kensho.pdf") == 0)
		return ROUTE_PDF;
	if (strcmp(path, "/events") == 0)
		return ROUTE_EVENTS;
	return ROUTE_NOT_FOUND;
}

/* Whether the request names this server as its host, so that no other site
 * a browser has open can read the document through a name of its own. */
static int host_ok(const struct server *s, struct MHD_Connection *conn)
{
	const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	char a[32], b[32];
	snprintf(a, sizeof a, "127.0.0.1:%u", s->port);
	snprintf(b, sizeof b, "localhost:%u", s->port);
	return host && (strcmp(host, a) == 0 || strcmp(host, b) == 0);
}

static enum MHD_Result respond_with(struct MHD_Connection *conn, unsigned status, const char *type,
                                    const char *data, size_t len, const char *policy)
{
	struct MHD_Response *res = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (res == NULL)
		return MHD_NO;
	MHD_add_response_header(res, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(res, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
	if (policy)
		MHD_add_response_header(res, "Content-Security-Policy", policy);
	enum MHD_Result ok = MHD_queue_response(conn, status, res);
	MHD_destroy_response(res);
	return ok;
}

static enum MHD_Result respond(struct MHD_Connection *conn, unsigned status, const char *type,
                               const char *data, size_t len)
{
	return respond_with(conn, status, type, data, len, NULL);
}

static enum MHD_Result respond_text(struct MHD_Connection *conn, unsigned status, const char *text)
{
	return respond(conn, status, "text/plain; charset=utf-8", text, strlen(text));
}

/* The page doc (len bytes) into out, with its own policy, if it has one,
 * extended for the reload script: whether it has one. */
static int page_policy_extended(const struct server *s, const char *doc, size_t len, struct buf *out)
{
	static const char meta[] = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
	const char *head_end = strstr(doc, "</head>");
	const char *p = strstr(doc, meta);
	const char *q = p ? strchr(p + sizeof meta - 1, '"') : NULL;
	if (q == NULL || head_end == NULL || p > head_end) {
		buf_put(out, doc, len);
		return 0;
	}
	buf_put(out, doc, (size_t)(p - doc) + sizeof meta - 1);
	extend_policy(p + sizeof meta - 1, (size_t)(q - p) - (sizeof meta - 1), s->hash, out);
	buf_put(out, q, len - (size_t)(q - doc));
	return 1;
}

/* The page: the last good document (or, before one, an empty page for the
 * diagnostics) with the reload script before its </body>, which its policy
 * allows: the page's own, extended, or (a page without one) the server's. */
static enum MHD_Result respond_page(struct server *s, struct MHD_Connection *conn)
{
	static const char empty[] = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
	                            "<title>kpic serve</title></head><body></body></html>";
	const struct buf *html = &s->r->html;
	struct buf doc = BUF_INIT, page = BUF_INIT;
	int own = page_policy_extended(s, html->len ? html->data : empty, html->len ? html->len : strlen(empty),
	                               &doc);
	const char *end = NULL;
	for (const char *p = doc.data; (p = strstr(p, "</body>")) != NULL; p++)
		end = p;
	size_t at = end ? (size_t)(end - doc.data) : doc.len;
	buf_put(&page, doc.data, at);
	buf_printf(&page, "<script data-good=\"%lu\">%s</script>", s->r->good, reload_script);
	buf_put(&page, doc.data + at, doc.len - at);
	enum MHD_Result ok = respond_with(conn, MHD_HTTP_OK, "text/html; charset=utf-8", page.data, page.len,
	                                  own ? NULL : s->policy);
	buf_free(&doc);
	buf_free(&page);
	return ok;
}

static enum MHD_Result respond_pdf(struct server *s, struct MHD_Connection *conn)
{
	if (s->r->pdf.len == 0)
		return respond_text(conn, MHD_HTTP_SERVICE_UNAVAILABLE, _("No good document yet: see the diagnostics.\n"));
	return respond(conn, MHD_HTTP_OK, "application/pdf", s->r->pdf.data, s->r->pdf.len);
}

static enum MHD_Result respond_events(struct server *s, struct MHD_Connection *conn)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "{\"attempt\": %lu, \"good\": %lu, \"ok\": %s, \"diagnostics\": ", s->r->attempt, s->r->good,
	           s->r->ok ? "true" : "false");
	buf_json_str(&b, buf_str(&s->r->report));
	buf_puts(&b, "}\n");
	enum MHD_Result ok = respond(conn, MHD_HTTP_OK, "application/json", b.data, b.len);
	buf_free(&b);
	return ok;
}

/* /events?after=N: once there was an attempt after N; at once if the client
 * knows another attempt than the latest (from before the server started again). */
static enum MHD_Result events(struct server *s, struct MHD_Connection *conn, void **req_cls)
{
	const char *after = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "after");
	char *end = NULL;
	unsigned long n = after ? strtoul(after, &end, 10) : 0;
	if (after && (*after == '\0' || *end != '\0'))
		return respond_text(conn, MHD_HTTP_BAD_REQUEST, _("after: not a number of rebuilds\n"));
	if (s->stopping || s->r->attempt != n)
		return respond_events(s, conn);
	struct waiter *w = xcalloc(1, sizeof *w);
	w->conn = conn;
	w->deadline = timing_now() + SERVE_POLL_SECONDS;
	w->waiting = 1;
	w->next = s->waiters;
	s->waiters = w;
	*req_cls = w;
	MHD_suspend_connection(conn);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	struct server *s = cls;
	(void)version;
	(void)upload;
	(void)upload_size;
	if (*req_cls)   /* a long poll, resumed */
		return respond_events(s, conn);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return respond_text(conn, MHD_HTTP_METHOD_NOT_ALLOWED, _("Only GET and HEAD.\n"));
	if (!host_ok(s, conn))
		return respond_text(conn, MHD_HTTP_FORBIDDEN, _("Not this server's name.\n"));
	switch (serve_route(url)) {
	case ROUTE_PAGE: return respond_page(s, conn);
	case ROUTE_PDF: return respond_pdf(s, conn);
	case ROUTE_EVENTS: return events(s, conn, req_cls);
	case ROUTE_FORBIDDEN: return respond_text(conn, MHD_HTTP_FORBIDDEN, _("Outside what is served.\n"));
	case ROUTE_NOT_FOUND: break;
	}
	return respond_text(conn, MHD_HTTP_NOT_FOUND, _("Not found: kpic serve has /, /kensho.pdf and /events.\n"));
}

/* Takes w out of the server's list of waiters. */
static void unlist(struct server *s, struct waiter *w)
{
	for (struct waiter **p = &s->waiters; *p; p = &(*p)->next)
		if (*p == w) {
			*p = w->next;
			break;
		}
	w->waiting = 0;
}

/* A request done (answered, or its client gone): its waiter freed. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode why)
{
	struct waiter *w = *req_cls;
	(void)conn;
	(void)why;
	if (w == NULL)
		return;
	if (w->waiting)
		unlist(cls, w);
	free(w);
	*req_cls = NULL;
}

/* Answers the waiters whose time is up (all of them, with all = 1). */
static void wake(struct server *s, int all)
{
	double now = timing_now();
	struct waiter **p = &s->waiters;
	while (*p) {
		struct waiter *w = *p;
		if (all || w->deadline <= now) {
			*p = w->next;
			w->waiting = 0;
			MHD_resume_connection(w->conn);
		} else {
			p = &w->next;
		}
	}
}

/* How long poll() may wait: until the server's timeout or the next waiter's. */
static int poll_timeout(const struct server *s)
{
	MHD_UNSIGNED_LONG_LONG mhd;
	double ms = -1, now = timing_now();
	if (MHD_get_timeout(s->daemon, &mhd) == MHD_YES)
		ms = (double)mhd;
	for (const struct waiter *w = s->waiters; w; w = w->next) {
		double left = (w->deadline - now) * 1000.0 + 1;
		if (ms < 0 || left < ms)
			ms = left < 0 ? 0 : left;
	}
	return ms < 0 ? -1 : ms > INT_MAX ? INT_MAX : (int)ms;
}

static int start(struct server *s, int port)
{
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->daemon = MHD_start_daemon(MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME, (uint16_t)port, NULL, NULL,
	                             on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	                             MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(SERVE_POLL_SECONDS * 2),
	                             MHD_OPTION_END);
	if (s->daemon == NULL) {
		fprintf(stderr, _("kpic: cannot serve at 127.0.0.1:%d: %s; try another --port (0: any free one)\n"),
		        port, strerror(errno ? errno : EADDRINUSE));
		return -1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : (unsigned)port;
	printf(_("kpic: serving %s at http://127.0.0.1:%u/ (the PDF at /kensho.pdf); Ctrl-C stops\n"), s->r->source,
	       s->port);
	fflush(stdout);
	return 0;
}

static void stop(struct server *s)
{
	s->stopping = 1;
	wake(s, 1);
	MHD_run(s->daemon);
	MHD_stop_daemon(s->daemon);
	while (s->waiters) {   /* none left, unless the library dropped one unsaid */
		struct waiter *w = s->waiters;
		s->waiters = w->next;
		free(w);
	}
}

int serve_run(struct rebuild *r, struct watch *w, struct diag_ctx *d, int sigfd, int port)
{
	struct server s = { r, NULL, 0, NULL, 0, "", "" };
	script_hash(s.hash, sizeof s.hash);
	snprintf(s.policy, sizeof s.policy, page_policy, s.hash);
	if (start(&s, port) < 0)
		return 2;
	watch_rebuild_say(r, watch_rebuild_run(r, d, CH_ALL));
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s.daemon, MHD_DAEMON_INFO_EPOLL_FD);
	struct pollfd p[3] = { { info ? info->epoll_fd : -1, POLLIN, 0 }, { w->fd, POLLIN, 0 },
	                       { sigfd, POLLIN, 0 } };
	int status = 0;
	for (;;) {
		if (poll(p, 3, poll_timeout(&s)) < 0 && errno != EINTR) {
			fprintf(stderr, _("kpic: cannot wait for changes: %s\n"), strerror(errno));
			status = 2;
			break;
		}
		if (p[2].revents)
			break;
		unsigned changes = p[1].revents ? watch_read(w) : 0;
		int built = changes ? watch_rebuild_run(r, d, changes) : -1;
		if (built >= 0)
			watch_rebuild_say(r, built);
		wake(&s, built >= 0);
		MHD_run(s.daemon);
	}
	stop(&s);
	return status;
}

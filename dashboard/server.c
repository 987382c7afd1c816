/* server.c: the evhttp server: binding, signals, security headers, methods, authentication. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <syslog.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>

#include "clock.h"
#include "config.h"
#include "dashboard.h"
#include "front.h"
#include "log.h"
#include "url.h"


/* Bytes one write(2) may take from a reply. */
#define DASH_MAX_WRITE	(1024 * 1024)

struct store *
dash_store(struct dash *d)
{
	char *cause;
	int64_t now;

	if (d->store != NULL)
		return d->store;
	if (store_open(d->cfg->database, STORE_READONLY, &d->store, &cause) == 0) {
		log_info("database %s opened read-only", d->cfg->database);
		d->open_failed_at = 0;
		free(d->open_error);
		d->open_error = NULL;
		return d->store;
	}
	/* A file that is there but cannot be read is an error, not "no data yet". */
	free(d->open_error);
	d->open_error = access(d->cfg->database, F_OK) == 0 ? xstrdup(cause) : NULL;
	/* Say it once a minute at most: requests keep trying. */
	now = clock_now();
	if (d->open_failed_at == 0 || now - d->open_failed_at >= 60) {
		log_warnx("%s: %s", d->open_error != NULL ? "cannot read the database" :
		    "no data yet", cause);
		d->open_failed_at = now;
	}
	free(cause);
	return NULL;
}

const char *
dash_param(struct dash_req *r, const char *name)
{
	return r->query == NULL ? NULL : evhttp_find_header(r->query, name);
}

/* Headers every reply carries. */
static void
add_common_headers(struct evkeyvalq *h, const char *csp)
{
	for (size_t i = 0; dash_security_headers[i] != NULL; i += 2) {
		const char *v = dash_security_headers[i + 1];

		if (csp != NULL && strcmp(dash_security_headers[i], "Content-Security-Policy") == 0)
			v = csp;
		evhttp_add_header(h, dash_security_headers[i], v);
	}
}

/* libevent is done with a reply body: free it. */
static void
body_free_cb(const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	free(arg);
}

/*
 * True for HEAD, after giving the length a GET would have: libevent 2.1 sends
 * a HEAD reply's body, which breaks the connection's next reply.
 */
static bool
head_only(struct evhttp_request *req, size_t len)
{
	char n[32];

	if (evhttp_request_get_command(req) != EVHTTP_REQ_HEAD)
		return false;
	snprintf(n, sizeof n, "%zu", len);
	evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Length", n);
	return true;
}

/* Send a reply built in r; the body moves to libevent without a copy. vary: a cached route. */
static void
send_reply(struct evhttp_request *req, struct dash_req *r, bool vary)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);
	struct evbuffer *out = evbuffer_new();
	size_t len = r->body.len, zlen;
	char *body;

	if (out == NULL)
		fatalx("evbuffer_new");
	add_common_headers(h, r->csp);
	evhttp_add_header(h, "Content-Type", r->ctype);
	evhttp_add_header(h, "Cache-Control", r->cache != NULL ? r->cache : "no-store");
	if (r->location != NULL)
		evhttp_add_header(h, "Location", r->location);
	if (r->disposition != NULL)
		evhttp_add_header(h, "Content-Disposition", r->disposition);
	if (r->filename[0] != '\0') {
		char *cd = xasprintf("attachment; filename=\"%s\"", r->filename);

		evhttp_add_header(h, "Content-Disposition", cd);
		free(cd);
	}
	if (vary)
		evhttp_add_header(h, "Vary", "Accept-Encoding");
	body = buf_steal(&r->body);
	if (r->gzip && !vary && r->code == 200 && len > 0 && dash_accepts_gzip(evhttp_find_header(
	    evhttp_request_get_input_headers(req), "Accept-Encoding"))) {
		char *z = dash_gzip(body, len, &zlen);

		if (z != NULL) {
			evhttp_add_header(h, "Content-Encoding", "gzip");
			free(body);
			body = z;
			len = zlen;
		}
	}
	if (head_only(req, len)) {
		free(body);
		body = NULL;
	} else if (len > 0 && evbuffer_add_reference(out, body, len, body_free_cb, body) == 0)
		body = NULL;
	free(body);
	evhttp_send_reply(req, r->code, NULL, out);
	evbuffer_free(out);
}

/* libevent is done with a cached body: drop the reply's reference. */
static void
blob_unref_cb(const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	cache_blob_unref(arg);
}

/* Send a cached reply, gzipped when the client accepts it; the same headers as send_reply. */
static void
send_cached(struct evhttp_request *req, struct dash *d, struct cache_entry *e)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);
	struct evbuffer *out = evbuffer_new();
	struct cache_blob *b = NULL;

	if (out == NULL)
		fatalx("evbuffer_new");
	add_common_headers(h, NULL);
	evhttp_add_header(h, "Content-Type", e->ctype);
	evhttp_add_header(h, "Cache-Control", e->cache != NULL ? e->cache : "no-store");
	evhttp_add_header(h, "Vary", "Accept-Encoding");
	if (dash_accepts_gzip(evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Accept-Encoding")) && (b = dash_cache_gzip(d, e)) != NULL)
		evhttp_add_header(h, "Content-Encoding", "gzip");
	else
		b = e->body;
	if (!head_only(req, b->len) && b->len > 0) {
		b->refs++;
		if (evbuffer_add_reference(out, b->data, b->len, blob_unref_cb, b) == -1) {
			b->refs--;
			if (evbuffer_add(out, b->data, b->len) == -1)
				fatalx("evbuffer_add");
		}
	}
	evhttp_send_reply(req, e->code, NULL, out);
	evbuffer_free(out);
}

/* The method's name, for the request log. */
static const char *
method_name(enum evhttp_cmd_type cmd)
{
	switch (cmd) {
	case EVHTTP_REQ_GET: return "GET";
	case EVHTTP_REQ_HEAD: return "HEAD";
	case EVHTTP_REQ_POST: return "POST";
	case EVHTTP_REQ_PUT: return "PUT";
	case EVHTTP_REQ_DELETE: return "DELETE";
	case EVHTTP_REQ_OPTIONS: return "OPTIONS";
	case EVHTTP_REQ_TRACE: return "TRACE";
	case EVHTTP_REQ_CONNECT: return "CONNECT";
	case EVHTTP_REQ_PATCH: return "PATCH";
	}
	return "?";
}

/* The client's address, for the logs and the audit; returns buf. */
static const char *
peer_address(struct evhttp_request *req, char *buf, size_t size)
{
	/* evhttp's peer is the front's socket pair; the front says who the client is. */
	const char *addr = evhttp_find_header(evhttp_request_get_input_headers(req),
	    FRONT_CLIENT_HEADER);

	snprintf(buf, size, "%s", addr != NULL ? addr : "?");
	return buf;
}

/* Every request: method, authentication, then the route. */
static void
request_cb(struct evhttp_request *req, void *arg)
{
	struct dash *d = arg;
	struct dash_req r = { .d = d, .code = 200,
	    .ctype = "text/html; charset=utf-8" };
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
	struct evkeyvalq query;
	const char *rawpath, *rawquery;
	struct cache_entry *e = NULL;
	bool hit = false, post;
	char *path = NULL, *key = NULL, client[64];
	size_t plen = 0;
	int64_t wait = 0;
	int login;

	TAILQ_INIT(&query);
	r.now = clock_now();
	r.req = req;
	r.client = peer_address(req, client, sizeof client);
	rawpath = uri != NULL ? evhttp_uri_get_path(uri) : NULL;
	rawquery = uri != NULL ? evhttp_uri_get_query(uri) : NULL;
	/* POST only to the actions, and only where users_file gives editors. */
	post = cmd == EVHTTP_REQ_POST && d->users != NULL && rawpath != NULL &&
	    action_route(rawpath);
	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD && !post) {
		evhttp_add_header(evhttp_request_get_output_headers(req), "Allow",
		    "GET, HEAD");
		page_error(&r, 405, "Phương thức không được phép.");
	} else if (rawpath == NULL || *rawpath != '/' ||
	    (path = evhttp_uridecode(rawpath, 0, &plen)) == NULL ||
	    strlen(path) != plen ||
	    (rawquery != NULL && evhttp_parse_query_str(rawquery, &query) == -1)) {
		page_error(&r, 400, "Yêu cầu không hợp lệ.");
	} else if (d->users != NULL && strcmp(path, "/healthz") != 0 &&
	    (login = users_login(d->users, evhttp_find_header(
	    evhttp_request_get_input_headers(req), "Authorization"), r.client,
	    r.now, &r.user, &r.editor, &wait)) != 0) {
		if (login == -1) {
			char secs[24];

			snprintf(secs, sizeof secs, "%lld", (long long)wait);
			evhttp_add_header(evhttp_request_get_output_headers(req),
			    "Retry-After", secs);
			page_error(&r, 429, "Đăng nhập sai quá nhiều lần từ địa chỉ này; "
			    "xin thử lại sau.");
		} else {
			evhttp_add_header(evhttp_request_get_output_headers(req),
			    "WWW-Authenticate", "Basic realm=\"tctt\", charset=\"UTF-8\"");
			page_error(&r, 401, "Cần đăng nhập.");
		}
	} else if (post) {
		r.path = path;
		r.query = &query;
		dash_action(&r);
	} else {
		r.path = path;
		r.query = &query;
		/* After authentication: pages are the same for every user but an editor's forms. */
		if ((key = dash_route_key(&r)) != NULL &&
		    !(hit = (e = dash_cache_get(d, key)) != NULL)) {
			dash_route(&r);
			e = dash_cache_put(d, key, &r);
		} else if (key == NULL)
			dash_route(&r);
	}
	if (e != NULL)
		r.code = e->code;
	log_debug("%s %s %d%s", method_name(cmd), evhttp_request_get_uri(req), r.code,
	    hit ? " (from cache)" : "");
	if (e != NULL)
		send_cached(req, d, e);
	else
		send_reply(req, &r, key != NULL);
	buf_free(&r.body);
	evhttp_clear_headers(&query);
	free(r.extra);
	free(path);
	free(key);
}

/*
 * A connection's bufferevent, allowed to write a whole page per call: the
 * default of 16 KiB per write costs a system call and a loop turn per 16 KiB.
 */
static struct bufferevent *
bev_cb(struct event_base *base, void *arg)
{
	struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);

	(void)arg;
	if (bev == NULL)
		fatalx("bufferevent_socket_new");
	bufferevent_set_max_single_write(bev, DASH_MAX_WRITE);
	return bev;
}

/* The pause after accept() failed: listen again. */
static void
accept_resume_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	evconnlistener_enable(arg);
}

/*
 * accept() failed (out of descriptors, most likely): libevent would retry at
 * once, in a loop that logs each failure. Say it, stop accepting for a second.
 */
static void
accept_error_cb(struct evconnlistener *l, void *arg)
{
	struct timeval tv = { 1, 0 };
	int err = EVUTIL_SOCKET_ERROR();

	(void)arg;
	log_warnx("cannot accept a connection: %s; pausing for a second",
	    evutil_socket_error_to_string(err));
	evconnlistener_disable(l);
	if (event_base_once(evconnlistener_get_base(l), -1, EV_TIMEOUT,
	    accept_resume_cb, l, &tv) == -1)
		fatalx("event_base_once");
}

/* SIGTERM or SIGINT: leave the loop; main exits 0. */
static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	(void)what;
	log_info("signal %d: exiting", (int)sig);
	event_base_loopbreak(arg);
}

/* Log the address actually bound (port 0 picks one): tests read this line. */
static void
log_bound(struct evconnlistener *l)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	char addr[INET6_ADDRSTRLEN] = "?";
	int port = 0;

	if (getsockname(evconnlistener_get_fd(l), (struct sockaddr *)&ss,
	    &len) == -1)
		fatal("getsockname");
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &sin->sin_addr, addr, sizeof addr);
		port = ntohs(sin->sin_port);
		log_info("listening on %s:%d", addr, port);
	} else if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &sin6->sin6_addr, addr, sizeof addr);
		port = ntohs(sin6->sin6_port);
		log_info("listening on [%s]:%d", addr, port);
	}
}

int
dashboard_serve(const struct config *cfg, const char *listen)
{
	struct dash d = { .cfg = cfg };
	struct event_base *base;
	struct evhttp *http;
	struct front *fr;
	struct event *sigterm, *sigint;
	char *host, *cause;
	int port;

	if (url_split_hostport(listen, &host, &port) == -1) {
		log_errx("bad listen address '%s' (want ADDR:PORT, or [V6]:PORT)", listen);
		return 2;
	}
	if (cfg->users_file != NULL &&
	    users_load(cfg->users_file, &d.users, &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		free(host);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((base = event_base_new()) == NULL || (http = evhttp_new(base)) == NULL)
		fatalx("cannot set up libevent");
	/* Every method reaches request_cb, which answers 405 with our headers. */
	evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD |
	    EVHTTP_REQ_POST | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
	    EVHTTP_REQ_OPTIONS | EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT |
	    EVHTTP_REQ_PATCH);
	/* front.c enforces SPEC's limits before evhttp sees a request; these are a backstop. */
	evhttp_set_max_headers_size(http, FRONT_MAX_HEAD + 1024);
	evhttp_set_max_body_size(http, FRONT_MAX_BODY);
	evhttp_set_timeout(http, 30);
	evhttp_set_gencb(http, request_cb, &d);
	evhttp_set_bevcb(http, bev_cb, NULL);
	if ((fr = front_new(base, http, host, port, &cause)) == NULL) {
		log_errx("cannot listen on %s: %s", listen, cause);
		free(cause);
		evhttp_free(http);
		event_base_free(base);
		users_free(d.users);
		free(host);
		return 1;
	}
	free(host);
	evconnlistener_set_error_cb(front_listener(fr), accept_error_cb);
	log_bound(front_listener(fr));
	sigterm = evsignal_new(base, SIGTERM, signal_cb, base);
	sigint = evsignal_new(base, SIGINT, signal_cb, base);
	if (sigterm == NULL || sigint == NULL || evsignal_add(sigterm, NULL) == -1 ||
	    evsignal_add(sigint, NULL) == -1)
		fatalx("cannot set up signal events");
	dash_store(&d);
	event_base_dispatch(base);
	event_free(sigterm);
	event_free(sigint);
	front_free(fr);
	evhttp_free(http);
	event_base_free(base);
	dash_cache_free(&d);
	dash_data_free(&d);
	actions_free(&d);
	store_close(d.store);
	free(d.open_error);
	users_free(d.users);
	return 0;
}

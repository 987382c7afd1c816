/*
 * fixsrv.c: fixture portals for tests and the demo. Serves ROOT/HOST/PATH for
 * the request's Host header on a loopback port, and misbehaves on request as
 * ROOT/HOST/_rules (or ROOT/_rules for every host) says, one rule a line:
 *
 *   PATTERN DIRECTIVE [ARGS]      PATTERN is an fnmatch(3) glob on the path
 *
 *   delay MS             wait before answering
 *   hang                 never answer
 *   hold                 answer once GET /_fixsrv/release says so
 *   status CODE          answer CODE (body: the file if any, else a short text)
 *   retry-after VALUE    add a Retry-After header
 *   fail N CODE|reset    the first N requests to the path answer CODE, or are reset
 *   redirect CODE URL    answer a redirect to URL
 *   last-modified DATE   send it; honour If-Modified-Since
 *   etag TAG             send it (quoted as given); honour If-None-Match
 *   charset NAME         Content-Type: text/html; charset=NAME
 *   content-type TYPE    Content-Type as given
 *   body-size N          a generated HTML body of N bytes
 *   endless              a body that never ends
 *   slow MS              send the body 1 KiB every MS milliseconds
 *   cut N                close the connection after N bytes of the body
 *   announce N           say Content-Length: N, send the body, close (a lying length)
 *   gzip                 send the body gzip-encoded
 *   gzip-bomb N          a gzip body that inflates to N bytes of zeros
 *
 * Control: GET /_fixsrv/stats (per host: requests, in flight now, most in
 * flight at once), GET /_fixsrv/log (one line a request), GET /_fixsrv/reset,
 * GET /_fixsrv/held (how many requests are held), GET /_fixsrv/release (answer them).
 * On start it prints its port on stdout and flushes, so the starter can wait
 * for that line instead of sleeping.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <curl/curl.h>
#include <zlib.h>

#include "xmalloc.h"

#define MAX_HOSTS	4096
#define MAX_FILE	(64 * 1024 * 1024)
#define CHUNK		1024

struct host_stats {
	char	*host;
	long	 requests;
	int	 inflight;
	int	 max_inflight;
};

struct path_count {
	char	*key;		/* host + path */
	long	 n;
	struct path_count *next;
};

struct server {
	struct event_base	*base;
	struct evhttp		*http;
	char			*root;
	struct host_stats	 hosts[MAX_HOSTS];
	int			 nhosts;
	struct path_count	*counts;
	struct buf		 log;
	struct pending		*held;		/* requests a hold rule keeps */
};

/* What the rules say for one request. */
struct rules {
	int	 delay_ms;
	int	 hang;
	int	 hold;
	int	 status;
	char	 retry_after[2100];
	int	 fail_n, fail_status;	/* fail_status 0: reset */
	int	 redirect_status;
	char	 redirect[2100];
	char	 last_modified[2100];
	char	 etag[2100];
	char	 content_type[2100];
	long	 body_size;
	int	 endless;
	int	 slow_ms;
	long	 cut;
	char	 announce[32];
	int	 gzip;
	long	 gzip_bomb;
};

/* One request being answered; freed when it completes or its connection closes. */
struct pending {
	struct server		*srv;
	struct evhttp_request	*req;
	struct evhttp_connection *evcon;
	struct host_stats	*hs;
	struct event		*timer;
	struct rules		 r;
	struct evbuffer		*body;	/* what is left to send, for slow/cut */
	long			 sent;
	int			 started;	/* reply_start done */
	int			 closing;
	struct pending		*held_next;	/* in srv->held */
};

static void pending_free(struct pending *);
static void respond(struct pending *);

static struct host_stats *
host_stats(struct server *srv, const char *host)
{
	for (int i = 0; i < srv->nhosts; i++)
		if (strcmp(srv->hosts[i].host, host) == 0)
			return &srv->hosts[i];
	if (srv->nhosts == MAX_HOSTS)
		return &srv->hosts[MAX_HOSTS - 1];
	srv->hosts[srv->nhosts].host = xstrdup(host);
	return &srv->hosts[srv->nhosts++];
}

/* How many requests host+path has had, this one included. */
static long
count_request(struct server *srv, const char *host, const char *path)
{
	char *key = xasprintf("%s%s", host, path);
	struct path_count *c;

	for (c = srv->counts; c != NULL; c = c->next) {
		if (strcmp(c->key, key) == 0) {
			free(key);
			return ++c->n;
		}
	}
	c = xcalloc(1, sizeof *c);
	c->key = key;
	c->n = 1;
	c->next = srv->counts;
	srv->counts = c;
	return 1;
}

/* Apply the rules of one file to path. */
static void
read_rules(const char *file, const char *path, struct rules *r)
{
	char line[2048], pat[1024], dir[64], arg[1024], arg2[1024];
	FILE *f = fopen(file, "r");

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		int n;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		arg[0] = arg2[0] = '\0';
		n = sscanf(line, "%1023s %63s %1023s %1023[^\n]", pat, dir, arg, arg2);
		if (n < 2 || fnmatch(pat, path, 0) != 0)
			continue;
		if (strcmp(dir, "delay") == 0)
			r->delay_ms = atoi(arg);
		else if (strcmp(dir, "hang") == 0)
			r->hang = 1;
		else if (strcmp(dir, "hold") == 0)
			r->hold = 1;
		else if (strcmp(dir, "status") == 0)
			r->status = atoi(arg);
		else if (strcmp(dir, "retry-after") == 0)
			snprintf(r->retry_after, sizeof r->retry_after, "%s", arg);
		else if (strcmp(dir, "fail") == 0) {
			r->fail_n = atoi(arg);
			r->fail_status = strcmp(arg2, "reset") == 0 ? 0 : atoi(arg2);
		} else if (strcmp(dir, "redirect") == 0) {
			r->redirect_status = atoi(arg);
			snprintf(r->redirect, sizeof r->redirect, "%s", arg2);
		} else if (strcmp(dir, "last-modified") == 0)
			snprintf(r->last_modified, sizeof r->last_modified, "%s%s%s",
			    arg, *arg2 ? " " : "", arg2);
		else if (strcmp(dir, "etag") == 0)
			snprintf(r->etag, sizeof r->etag, "%s", arg);
		else if (strcmp(dir, "charset") == 0)
			snprintf(r->content_type, sizeof r->content_type,
			    "text/html; charset=%s", arg);
		else if (strcmp(dir, "content-type") == 0)
			snprintf(r->content_type, sizeof r->content_type, "%s%s%s",
			    arg, *arg2 ? " " : "", arg2);
		else if (strcmp(dir, "body-size") == 0)
			r->body_size = atol(arg);
		else if (strcmp(dir, "endless") == 0)
			r->endless = 1;
		else if (strcmp(dir, "slow") == 0)
			r->slow_ms = atoi(arg);
		else if (strcmp(dir, "cut") == 0)
			r->cut = atol(arg);
		else if (strcmp(dir, "announce") == 0)
			snprintf(r->announce, sizeof r->announce, "%.20s", arg);
		else if (strcmp(dir, "gzip") == 0)
			r->gzip = 1;
		else if (strcmp(dir, "gzip-bomb") == 0)
			r->gzip_bomb = atol(arg);
		else
			fprintf(stderr, "fixsrv: %s: unknown directive '%s'\n", file, dir);
	}
	fclose(f);
}

static const char *
mime_type(const char *file)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html" }, { ".htm", "text/html" },
		{ ".php", "text/html" }, { ".aspx", "text/html" },
		{ ".txt", "text/plain" }, { ".pdf", "application/pdf" },
		{ ".doc", "application/msword" },
		{ ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ ".xls", "application/vnd.ms-excel" },
		{ ".css", "text/css" }, { ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".svg", "image/svg+xml" }, { ".json", "application/json" },
	};
	const char *base = strrchr(file, '/'), *dot;

	base = base ? base + 1 : file;
	if ((dot = strrchr(base, '.')) == NULL || strchr(dot, '?') != NULL)
		return "text/html";
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	if (strcmp(base, "robots.txt") == 0)
		return "text/plain";
	return "application/octet-stream";
}

/* Read a whole file into buf; -1 if absent or not a regular file. */
static int
read_file(const char *path, struct evbuffer *buf)
{
	struct stat sb;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) || sb.st_size > MAX_FILE) {
		close(fd);
		return -1;
	}
	if (sb.st_size == 0) {
		close(fd);
		return 0;
	}
	/* evbuffer_add_file takes ownership of fd. */
	return evbuffer_add_file(buf, fd, 0, sb.st_size);
}

static void
gzip_buffer(struct evbuffer *in, long zeros, struct evbuffer *out)
{
	z_stream z;
	unsigned char obuf[16384];
	static unsigned char zbuf[65536];
	size_t inlen = evbuffer_get_length(in);
	unsigned char *data = inlen ? evbuffer_pullup(in, -1) : zbuf;
	int flush;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		fatalx("deflateInit2");
	do {
		if (zeros > 0) {
			z.next_in = zbuf;
			z.avail_in = zeros > (long)sizeof zbuf ? sizeof zbuf : (uInt)zeros;
			zeros -= z.avail_in;
			flush = zeros > 0 ? Z_NO_FLUSH : Z_FINISH;
		} else {
			z.next_in = data;
			z.avail_in = (uInt)inlen;
			inlen = 0;
			flush = Z_FINISH;
		}
		do {
			z.next_out = obuf;
			z.avail_out = sizeof obuf;
			deflate(&z, flush);
			evbuffer_add(out, obuf, sizeof obuf - z.avail_out);
		} while (z.avail_out == 0);
	} while (flush != Z_FINISH);
	deflateEnd(&z);
}

static void
close_cb(struct evhttp_connection *evcon, void *arg)
{
	struct pending *p = arg;

	(void)evcon;
	/*
	 * A client that hangs up on an unanswered request leaves the request
	 * detached from its connection (evhttp_connection_incoming_fail):
	 * then it is ours to free. Otherwise evhttp frees it.
	 */
	if (p->req != NULL && evhttp_request_get_connection(p->req) == NULL)
		evhttp_request_free(p->req);
	p->req = NULL;
	p->evcon = NULL;
	pending_free(p);
}

static void
pending_free(struct pending *p)
{
	for (struct pending **pp = &p->srv->held; *pp != NULL; pp = &(*pp)->held_next)
		if (*pp == p) {
			*pp = p->held_next;
			break;
		}
	if (p->hs != NULL)
		p->hs->inflight--;
	if (p->evcon != NULL)
		evhttp_connection_set_closecb(p->evcon, NULL, NULL);
	if (p->timer != NULL)
		event_free(p->timer);
	if (p->body != NULL)
		evbuffer_free(p->body);
	free(p);
}

/* The reply is out: forget the request, keep the connection. */
static void
complete(struct pending *p)
{
	pending_free(p);
}

/* Drop the connection without (finishing) a reply; from a timer, never inside evhttp. */
static void
reset_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pending *p = arg;
	struct evhttp_connection *evcon = p->evcon;

	(void)fd;
	(void)what;
	/* closing the connection frees p through close_cb */
	if (evcon != NULL)
		evhttp_connection_free(evcon);
	else
		pending_free(p);
}

static void
schedule(struct pending *p, void (*cb)(evutil_socket_t, short, void *), int ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	if (p->timer != NULL)
		event_free(p->timer);
	p->timer = evtimer_new(p->srv->base, cb, p);
	evtimer_add(p->timer, &tv);
}

static void
trickle_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pending *p = arg;
	struct evbuffer *chunk;
	struct bufferevent *bev;
	size_t n;

	(void)fd;
	(void)what;
	if (p->req == NULL)
		return;
	bev = evhttp_connection_get_bufferevent(p->evcon);
	if (p->r.endless) {
		static char data[16384];

		if (data[0] == '\0')
			memset(data, 'x', sizeof data);
		/* Keep the socket fed but bounded, whatever the client's pace. */
		if (evbuffer_get_length(bufferevent_get_output(bev)) < 256 * 1024) {
			chunk = evbuffer_new();
			evbuffer_add(chunk, "<p>", 3);
			evbuffer_add(chunk, data, sizeof data);
			evbuffer_add(chunk, "</p>\n", 5);
			evhttp_send_reply_chunk(p->req, chunk);
			evbuffer_free(chunk);
		}
		schedule(p, trickle_cb, 1);
		return;
	}
	n = evbuffer_get_length(p->body);
	if (p->r.cut > 0 && p->sent >= p->r.cut) {
		/* Let the bytes already queued reach the client first. */
		if (evbuffer_get_length(bufferevent_get_output(bev)) > 0) {
			schedule(p, trickle_cb, 1);
			return;
		}
		reset_cb(-1, 0, p);
		return;
	}
	if (n == 0) {
		evhttp_send_reply_end(p->req);
		complete(p);
		return;
	}
	if (n > CHUNK && p->r.slow_ms > 0)
		n = CHUNK;
	if (p->r.cut > 0 && (long)n > p->r.cut - p->sent)
		n = (size_t)(p->r.cut - p->sent);
	chunk = evbuffer_new();
	evbuffer_remove_buffer(p->body, chunk, n);
	p->sent += (long)n;
	evhttp_send_reply_chunk(p->req, chunk);
	evbuffer_free(chunk);
	schedule(p, trickle_cb, p->r.slow_ms > 0 ? p->r.slow_ms : 1);
}

static void
delay_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	respond(arg);
}

static void
send_simple(struct pending *p, int code, const char *text)
{
	struct evbuffer *b = evbuffer_new();

	evbuffer_add_printf(b, "<html><body><h1>%d %s</h1></body></html>\n", code, text);
	evhttp_add_header(evhttp_request_get_output_headers(p->req),
	    "Content-Type", "text/html; charset=utf-8");
	evhttp_send_reply(p->req, code, text, b);
	evbuffer_free(b);
	complete(p);
}

static const char *
reason(int code)
{
	switch (code) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 308: return "Permanent Redirect";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

/* Build the body of a file reply; 0 or -1 when there is nothing to serve. */
static int
load_body(struct pending *p, const char *file, struct evbuffer *body)
{
	if (p->r.body_size > 0) {
		static const char unit[] = "<p>Nội dung trang thử nghiệm.</p>\n";
		long left = p->r.body_size;

		evbuffer_add_printf(body, "<html><body>\n");
		left -= 13;
		while (left > 0) {
			long n = left < (long)sizeof unit - 1 ? left : (long)sizeof unit - 1;

			evbuffer_add(body, unit, (size_t)n);
			left -= n;
		}
		return 0;
	}
	if (p->r.gzip_bomb > 0)
		return 0;
	return read_file(file, body);
}

/* Answer now, as the rules say. */
static void
respond(struct pending *p)
{
	struct evhttp_request *req = p->req;
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	const char *uri = evhttp_request_get_uri(req), *h;
	struct evhttp_uri *u = evhttp_uri_parse(uri);
	const char *host = evhttp_request_get_host(req);
	char *path = NULL, *file = NULL;
	struct evbuffer *body = NULL;
	int code = 200;

	if (u == NULL || host == NULL) {
		evhttp_uri_free(u);
		send_simple(p, 400, "Bad Request");
		return;
	}
	path = evhttp_uridecode(evhttp_uri_get_path(u) ? evhttp_uri_get_path(u) : "/", 0, NULL);
	if (p->r.redirect_status != 0) {
		evhttp_add_header(out, "Location", p->r.redirect);
		send_simple(p, p->r.redirect_status, reason(p->r.redirect_status));
		goto done;
	}
	if (p->r.last_modified[0] != '\0') {
		evhttp_add_header(out, "Last-Modified", p->r.last_modified);
		if ((h = evhttp_find_header(in, "If-Modified-Since")) != NULL &&
		    curl_getdate(h, NULL) >= curl_getdate(p->r.last_modified, NULL)) {
			evhttp_send_reply(req, 304, "Not Modified", NULL);
			complete(p);
			goto done;
		}
	}
	if (p->r.etag[0] != '\0') {
		evhttp_add_header(out, "ETag", p->r.etag);
		if ((h = evhttp_find_header(in, "If-None-Match")) != NULL &&
		    strstr(h, p->r.etag) != NULL) {
			evhttp_send_reply(req, 304, "Not Modified", NULL);
			complete(p);
			goto done;
		}
	}
	if (p->r.retry_after[0] != '\0')
		evhttp_add_header(out, "Retry-After", p->r.retry_after);
	if (p->r.status != 0)
		code = p->r.status;

	body = evbuffer_new();
	if (strstr(path, "/../") != NULL || strcmp(path, "/..") == 0 ||
	    memchr(path, '\0', strlen(path)) != NULL) {
		send_simple(p, 400, "Bad Request");
		goto done;
	}
	{
		const char *q = evhttp_uri_get_query(u);
		size_t len = strlen(path);

		file = xasprintf("%s/%s%s%s%s", p->srv->root, host, path,
		    len > 0 && path[len - 1] == '/' ? "index.html" : "",
		    "");
		if (q != NULL) {
			/* Portals built on index.php?id=12 keep such pages as "index.php?id=12". */
			char *qfile = xasprintf("%s?%s", file, q);

			if (access(qfile, R_OK) == 0) {
				free(file);
				file = qfile;
			} else
				free(qfile);
		}
	}
	if (!p->r.endless && load_body(p, file, body) == -1) {
		struct stat sb;

		if (stat(file, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			char *loc = xasprintf("%s/", path);

			evhttp_add_header(out, "Location", loc);
			free(loc);
			send_simple(p, 301, "Moved Permanently");
			goto done;
		}
		send_simple(p, code != 200 ? code : 404, reason(code != 200 ? code : 404));
		goto done;
	}
	evhttp_add_header(out, "Content-Type", p->r.content_type[0] ?
	    p->r.content_type : mime_type(file));
	if (p->r.gzip || p->r.gzip_bomb > 0) {
		struct evbuffer *z = evbuffer_new();

		gzip_buffer(body, p->r.gzip_bomb, z);
		evbuffer_free(body);
		body = z;
		evhttp_add_header(out, "Content-Encoding", "gzip");
	}
	if (p->r.endless) {
		evhttp_send_reply_start(req, code, reason(code));
		p->started = 1;
		schedule(p, trickle_cb, 0);
	} else if (p->r.slow_ms > 0 || p->r.cut > 0 || p->r.announce[0]) {
		char len[32];

		snprintf(len, sizeof len, "%zu", evbuffer_get_length(body));
		if (p->r.announce[0]) {
			/* The body, then the connection closed: the length was a lie. */
			p->r.cut = (long)evbuffer_get_length(body);
			snprintf(len, sizeof len, "%s", p->r.announce);
		}
		evhttp_add_header(out, "Content-Length", len);
		evhttp_send_reply_start(req, code, reason(code));
		p->started = 1;
		p->body = body;
		body = NULL;
		schedule(p, trickle_cb, 0);
	} else {
		evhttp_send_reply(req, code, reason(code), body);
		complete(p);
	}
done:
	if (body != NULL)
		evbuffer_free(body);
	evhttp_uri_free(u);
	free(path);
	free(file);
}

static void
control(struct server *srv, struct evhttp_request *req, const char *path)
{
	struct evbuffer *b = evbuffer_new();

	if (strcmp(path, "/_fixsrv/stats") == 0) {
		for (int i = 0; i < srv->nhosts; i++)
			evbuffer_add_printf(b, "%s %ld %d %d\n", srv->hosts[i].host,
			    srv->hosts[i].requests, srv->hosts[i].inflight,
			    srv->hosts[i].max_inflight);
	} else if (strcmp(path, "/_fixsrv/log") == 0) {
		evbuffer_add(b, srv->log.data ? srv->log.data : "", srv->log.len);
	} else if (strcmp(path, "/_fixsrv/held") == 0) {
		int n = 0;

		for (struct pending *h = srv->held; h != NULL; h = h->held_next)
			n++;
		evbuffer_add_printf(b, "%d\n", n);
	} else if (strcmp(path, "/_fixsrv/release") == 0) {
		/* Answer each held request as its other rules say. */
		while (srv->held != NULL) {
			struct pending *h = srv->held;

			srv->held = h->held_next;
			h->held_next = NULL;
			respond(h);
		}
	} else if (strcmp(path, "/_fixsrv/reset") == 0) {
		for (int i = 0; i < srv->nhosts; i++) {
			srv->hosts[i].requests = 0;
			srv->hosts[i].max_inflight = srv->hosts[i].inflight;
		}
		while (srv->counts != NULL) {
			struct path_count *next = srv->counts->next;

			free(srv->counts->key);
			free(srv->counts);
			srv->counts = next;
		}
		buf_free(&srv->log);
	}
	evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
	    "text/plain; charset=utf-8");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void
request_cb(struct evhttp_request *req, void *arg)
{
	struct server *srv = arg;
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	const char *uri = evhttp_request_get_uri(req);
	const char *rawhost = evhttp_request_get_host(req);
	struct evhttp_uri *u = evhttp_uri_parse(uri);
	char host[256], *path, *rules;
	struct pending *p;
	const char *ua, *inm, *ims;
	long n;

	if (u == NULL || rawhost == NULL) {
		if (u != NULL)
			evhttp_uri_free(u);	/* libevent 2.1 crashes on NULL */
		evhttp_send_error(req, 400, "Bad Request");
		return;
	}
	snprintf(host, sizeof host, "%s", rawhost);
	for (char *c = host; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	path = evhttp_uridecode(evhttp_uri_get_path(u) ? evhttp_uri_get_path(u) : "/", 0, NULL);
	evhttp_uri_free(u);
	if (strncmp(path, "/_fixsrv/", 9) == 0) {
		control(srv, req, path);
		free(path);
		return;
	}
	ua = evhttp_find_header(in, "User-Agent");
	inm = evhttp_find_header(in, "If-None-Match");
	ims = evhttp_find_header(in, "If-Modified-Since");
	buf_printf(&srv->log, "%s\t%s\t%s\t%s\t%s\t%s\n", host, uri, ua ? ua : "-",
	    inm ? inm : "-", ims ? ims : "-",
	    evhttp_find_header(in, "Accept-Encoding") ? evhttp_find_header(in, "Accept-Encoding") : "-");

	p = xcalloc(1, sizeof *p);
	p->srv = srv;
	p->req = req;
	p->evcon = evhttp_request_get_connection(req);
	p->hs = host_stats(srv, host);
	p->hs->requests++;
	if (++p->hs->inflight > p->hs->max_inflight)
		p->hs->max_inflight = p->hs->inflight;
	evhttp_connection_set_closecb(p->evcon, close_cb, p);

	rules = xasprintf("%s/_rules", srv->root);
	read_rules(rules, path, &p->r);
	free(rules);
	rules = xasprintf("%s/%s/_rules", srv->root, host);
	read_rules(rules, path, &p->r);
	free(rules);
	n = count_request(srv, host, path);
	free(path);

	if (p->r.fail_n > 0 && n <= p->r.fail_n) {
		if (p->r.fail_status == 0)
			schedule(p, reset_cb, 0);
		else {
			/* a failing 429 or 503 carries the Retry-After of the rules */
			if (p->r.retry_after[0] != '\0')
				evhttp_add_header(evhttp_request_get_output_headers(req),
				    "Retry-After", p->r.retry_after);
			send_simple(p, p->r.fail_status, reason(p->r.fail_status));
		}
		return;
	}
	if (p->r.hang)
		return;	/* until the client gives up */
	if (p->r.hold) {
		p->held_next = srv->held;
		srv->held = p;
		return;	/* until /_fixsrv/release */
	}
	if (p->r.delay_ms > 0) {
		schedule(p, delay_cb, p->r.delay_ms);
		return;
	}
	respond(p);
}

static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	event_base_loopexit(arg, NULL);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "port", required_argument, NULL, 'p' },
		{ "listen", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct server srv;
	struct evhttp_bound_socket *bound;
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	struct event *sigterm, *sigint;
	const char *addr = "127.0.0.1";
	int port = 0, ch;
	char root[PATH_MAX];

	memset(&srv, 0, sizeof srv);
	while ((ch = getopt_long(argc, argv, "r:p:l:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (realpath(optarg, root) == NULL)
				fatal("%s", optarg);
			srv.root = root;
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'l':
			addr = optarg;
			break;
		default:
			fprintf(stderr, "usage: fixsrv --root DIR [--listen ADDR] [--port N]\n");
			return 2;
		}
	}
	if (srv.root == NULL) {
		fprintf(stderr, "usage: fixsrv --root DIR [--listen ADDR] [--port N]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	srv.base = event_base_new();
	srv.http = evhttp_new(srv.base);
	evhttp_set_allowed_methods(srv.http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
	evhttp_set_gencb(srv.http, request_cb, &srv);
	if ((bound = evhttp_bind_socket_with_handle(srv.http, addr, (ev_uint16_t)port)) == NULL)
		fatal("bind %s:%d", addr, port);
	if (getsockname(evhttp_bound_socket_get_fd(bound), (struct sockaddr *)&sin, &len) == -1)
		fatal("getsockname");
	sigterm = evsignal_new(srv.base, SIGTERM, signal_cb, srv.base);
	sigint = evsignal_new(srv.base, SIGINT, signal_cb, srv.base);
	evsignal_add(sigterm, NULL);
	evsignal_add(sigint, NULL);
	printf("%d\n", ntohs(sin.sin_port));
	fflush(stdout);
	event_base_dispatch(srv.base);

	event_free(sigterm);
	event_free(sigint);
	evhttp_free(srv.http);
	event_base_free(srv.base);
	for (int i = 0; i < srv.nhosts; i++)
		free(srv.hosts[i].host);
	while (srv.counts != NULL) {
		struct path_count *next = srv.counts->next;

		free(srv.counts->key);
		free(srv.counts);
		srv.counts = next;
	}
	buf_free(&srv.log);
	return 0;
}

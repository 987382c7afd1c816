/*
 * front.c: the dashboard's gate. libevent 2.1's evhttp takes any client for
 * as long as it likes: a header trickled a byte at a time, a 9 KB header, an
 * HTTP/1.1 request without Host, two Content-Lengths, a half-close after
 * pipelined requests (answered once), and as many connections as there are
 * descriptors. So the listener is ours: each connection must send a whole
 * request head within FRONT_HEAD_TIMEOUT and FRONT_MAX_HEAD bytes; the head
 * is checked (request line, one Host, one Content-Length, no
 * Transfer-Encoding) and only then written, with its body, to a socket pair
 * whose other end evhttp serves as an ordinary connection. Replies come back
 * the same way and are counted (their Content-Length, HEAD, 1xx/204/304), so
 * a client that half-closes still gets every answer. This scans request
 * heads for their end and a few fields: evhttp stays the HTTP parser.
 *
 * At FRONT_MAX_CONNS the oldest connection with nothing in flight is closed
 * for a new one, so a flood of idle connections never shuts out a client.
 */
#include "front.h"

#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <event2/util.h>

#include "log.h"
#include "xmalloc.h"

/* Reply bytes queued for a client before evhttp's side waits. */
#define FRONT_MAX_QUEUED	(1024 * 1024)

const char *const dash_security_headers[] = {
	"Content-Security-Policy", "default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
	    "base-uri 'none'",
	"X-Content-Type-Options", "nosniff",
	"Referrer-Policy", "no-referrer",
	"X-Frame-Options", "DENY",
	NULL,
};

enum fstate {
	F_HEAD,		/* reading a request head */
	F_BODY,		/* forwarding a request body */
	F_CLOSING,	/* flushing the last reply, then closing */
};

/* One client connection. */
struct fconn {
	struct front		*fr;
	struct bufferevent	*client;
	struct bufferevent	*inner;		/* our end of evhttp's socket pair, or NULL */
	struct sockaddr_storage	 sa;
	socklen_t		 salen;
	struct event		*timer;
	enum fstate		 state;
	size_t			 body_left;	/* request body bytes still to forward */
	bool			 client_eof;	/* the client half-closed */
	int			 refuse;	/* an error reply owed after those in flight */
	int			 inflight;	/* requests inside evhttp */
	bool			 heads[FRONT_PIPELINE];	/* each one a HEAD? (ring) */
	int			 first;		/* ring index of the oldest */
	bool			 in_body;	/* reading a reply body */
	size_t			 reply_left;
	TAILQ_ENTRY(fconn)	 entry;		/* oldest first */
};

struct front {
	struct event_base	*base;
	struct evhttp		*http;
	struct evconnlistener	*l;
	char			*dir;		/* private (0700): only we reach evhttp */
	struct sockaddr_un	 inner_sa;	/* evhttp's own socket in it */
	TAILQ_HEAD(, fconn)	 conns;
	size_t			 n;
};

static void front_parse(struct fconn *);

static void
fconn_free(struct fconn *c)
{
	TAILQ_REMOVE(&c->fr->conns, c, entry);
	c->fr->n--;
	if (c->inner != NULL)
		bufferevent_free(c->inner);
	bufferevent_free(c->client);
	event_free(c->timer);
	free(c);
}

/* Start the clock for a request head (or for the last reply's flush). */
static void
fconn_arm(struct fconn *c)
{
	struct timeval tv = { FRONT_HEAD_TIMEOUT, 0 };

	evtimer_add(c->timer, &tv);
}

/* All replies are out: no more from us; the client's EOF (or the timer) ends it. */
static void
fconn_shut(struct fconn *c)
{
	struct timeval now = { 0, 0 };

	if (c->client_eof) {
		evtimer_add(c->timer, &now);	/* freed from the loop */
		return;
	}
	shutdown(bufferevent_getfd(c->client), SHUT_WR);
}

/*
 * Close once the output is flushed: a lingering close, reading and dropping
 * what the client still sends, so that its unread bytes do not make the
 * kernel reset the connection and lose our last reply.
 */
static void
fconn_close(struct fconn *c)
{
	c->state = F_CLOSING;
	if (c->inner != NULL) {
		bufferevent_free(c->inner);
		c->inner = NULL;
	}
	evbuffer_drain(bufferevent_get_input(c->client),
	    evbuffer_get_length(bufferevent_get_input(c->client)));
	if (!c->client_eof)
		bufferevent_enable(c->client, EV_READ);
	fconn_arm(c);
	if (evbuffer_get_length(bufferevent_get_output(c->client)) == 0)
		fconn_shut(c);
}

static const char *
reason(int code)
{
	switch (code) {
	case 400: return "Bad Request";
	case 408: return "Request Timeout";
	case 413: return "Content Too Large";
	case 431: return "Request Header Fields Too Large";
	case 503: return "Service Unavailable";
	}
	return "Error";
}

/* Answer code with our headers and close: now, or after the replies in flight. */
static void
fconn_refuse(struct fconn *c, int code)
{
	struct evbuffer *out = bufferevent_get_output(c->client);
	const char *text = code == 413 ? "Yêu cầu quá lớn.\n" :
	    code == 431 ? "Phần đầu yêu cầu quá lớn.\n" :
	    code == 503 ? "Máy chủ đang bận, xin thử lại sau.\n" : "Yêu cầu không hợp lệ.\n";

	log_debug("front: refusing a request: %d", code);
	if (c->inflight > 0) {
		bufferevent_disable(c->client, EV_READ);
		c->refuse = code;
		return;
	}
	evbuffer_add_printf(out, "HTTP/1.1 %d %s\r\n", code, reason(code));
	for (size_t i = 0; dash_security_headers[i] != NULL; i += 2)
		evbuffer_add_printf(out, "%s: %s\r\n", dash_security_headers[i],
		    dash_security_headers[i + 1]);
	evbuffer_add_printf(out, "Content-Type: text/plain; charset=utf-8\r\n"
	    "Cache-Control: no-store\r\nConnection: close\r\nContent-Length: %zu\r\n"
	    "\r\n%s", strlen(text), text);
	fconn_close(c);
}

/* The value of a header line after "name:", trimmed; length in *len. */
static const char *
field_value(const char *line, size_t linelen, size_t namelen, size_t *len)
{
	const char *v = line + namelen + 1, *end = line + linelen;

	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*len = (size_t)(end - v);
	return v;
}

/*
 * Check a request head (len bytes, ending with its empty line): 0 and
 * *is_head, *body, or the status to refuse it with.
 */
static int
check_head(const char *h, size_t len, bool *is_head, size_t *body)
{
	const char *p = h, *end = h + len, *eol, *sp1, *sp2;
	int hosts = 0, http11;
	bool have_cl = false;
	size_t cl = 0;

	if ((eol = memchr(p, '\n', len)) == NULL)
		return 400;
	/* METHOD SP TARGET SP HTTP/1.x */
	for (sp1 = p; sp1 < eol && isupper((unsigned char)*sp1); sp1++)
		;
	if (sp1 == p || sp1 >= eol || *sp1 != ' ')
		return 400;
	if ((sp2 = memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1))) == NULL || sp2 == sp1 + 1)
		return 400;
	if ((size_t)(eol - sp2) < 9 || strncmp(sp2 + 1, "HTTP/1.", 7) != 0 ||
	    (sp2[8] != '0' && sp2[8] != '1') ||
	    !(sp2 + 9 == eol || (sp2 + 10 == eol && sp2[9] == '\r')))
		return 400;
	http11 = sp2[8] == '1';
	*is_head = sp1 - p == 4 && strncmp(p, "HEAD", 4) == 0;
	for (p = eol + 1; p < end; p = eol + 1) {
		const char *colon, *v;
		size_t linelen, namelen, vlen;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			return 400;
		linelen = (size_t)(eol - p);
		if (linelen == 0 || (linelen == 1 && *p == '\r'))
			break;		/* the empty line */
		if (*p == ' ' || *p == '\t')
			return 400;	/* obsolete line folding */
		if ((colon = memchr(p, ':', linelen)) == NULL || colon == p)
			return 400;
		namelen = (size_t)(colon - p);
		for (const char *q = p; q < colon; q++)
			if (*q == ' ' || *q == '\t' || (unsigned char)*q <= 32 || *q == 127)
				return 400;
		v = field_value(p, linelen, namelen, &vlen);
		if (namelen == 4 && strncasecmp(p, "Host", 4) == 0)
			hosts++;
		else if (namelen == 17 && strncasecmp(p, "Transfer-Encoding", 17) == 0)
			return 400;	/* no chunked bodies here */
		else if (namelen == 14 && strncasecmp(p, "Content-Length", 14) == 0) {
			size_t n = 0;

			if (vlen == 0 || vlen > 12)
				return vlen > 12 ? 413 : 400;
			for (size_t i = 0; i < vlen; i++) {
				if (!isdigit((unsigned char)v[i]))
					return 400;
				n = n * 10 + (size_t)(v[i] - '0');
			}
			if (have_cl && n != cl)
				return 400;	/* conflicting lengths: smuggling */
			have_cl = true;
			cl = n;
		}
	}
	if (hosts > 1 || (http11 && hosts == 0))
		return 400;
	if (cl > FRONT_MAX_BODY)
		return 413;
	*body = cl;
	return 0;
}

/* Where the request head at the start of buf ends (after its empty line), or -1. */
static ssize_t
head_end(struct evbuffer *buf)
{
	struct evbuffer_ptr crlf = evbuffer_search(buf, "\r\n\r\n", 4, NULL);
	struct evbuffer_ptr lf = evbuffer_search(buf, "\n\n", 2, NULL);

	if (crlf.pos != -1 && (lf.pos == -1 || crlf.pos < lf.pos))
		return (ssize_t)crlf.pos + 4;
	if (lf.pos != -1)
		return (ssize_t)lf.pos + 2;
	return -1;
}

static void inner_read_cb(struct bufferevent *, void *);
static void inner_event_cb(struct bufferevent *, short, void *);
static void client_write_cb(struct bufferevent *, void *);

/* The connection to evhttp, made on the first request; false if out of descriptors. */
static bool
fconn_inner(struct fconn *c)
{
	int fd;

	if (c->inner != NULL)
		return true;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("front: socket");
		return false;
	}
	c->inner = bufferevent_socket_new(c->fr->base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (c->inner == NULL)
		fatalx("bufferevent_socket_new");
	bufferevent_setcb(c->inner, inner_read_cb, NULL, inner_event_cb, c);
	/* libevent 2.1 moves 4 KiB a read by default: a 1 MB page took 250 callbacks. */
	bufferevent_set_max_single_read(c->inner, FRONT_MAX_QUEUED);
	bufferevent_enable(c->inner, EV_READ | EV_WRITE);
	/* What is written before the connection is made waits in the buffer. */
	if (bufferevent_socket_connect(c->inner, (struct sockaddr *)&c->fr->inner_sa,
	    (int)sizeof c->fr->inner_sa) == -1) {
		log_warn("front: connect to %s", c->fr->inner_sa.sun_path);
		bufferevent_free(c->inner);
		c->inner = NULL;
		return false;
	}
	return true;
}

/*
 * Write a checked request head to evhttp with the client's address in
 * FRONT_CLIENT_HEADER (evhttp sees only our socket pair); a header of that
 * name sent by the client is dropped, so only the front can say it.
 */
static void
forward_head(struct fconn *c, const char *head, size_t len)
{
	struct evbuffer *out = bufferevent_get_output(c->inner);
	char host[NI_MAXHOST] = "?";
	size_t hl = strlen(FRONT_CLIENT_HEADER);
	const char *p = head, *end = head + len, *nl;
	bool first = true;

	if (c->salen == 0 || getnameinfo((struct sockaddr *)&c->sa, c->salen, host,
	    sizeof host, NULL, 0, NI_NUMERICHOST) != 0)
		snprintf(host, sizeof host, "?");
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end - 1;
		if (!first && (size_t)(nl - p) > hl && strncasecmp(p, FRONT_CLIENT_HEADER, hl) == 0 &&
		    p[hl] == ':')
			continue;
		evbuffer_add(out, p, (size_t)(nl - p) + 1);
		if (first)
			evbuffer_add_printf(out, "%s: %s\r\n", FRONT_CLIENT_HEADER, host);
		first = false;
	}
}

/* Pass whole request heads (and their bodies) to evhttp, as far as they go. */
static void
front_parse(struct fconn *c)
{
	struct evbuffer *in = bufferevent_get_input(c->client);
	char head[FRONT_MAX_HEAD];
	bool is_head = false;
	size_t body = 0, avail;
	ssize_t end;
	int code;

	for (;;) {
		if (c->state == F_CLOSING || c->refuse != 0)
			return;
		if (c->state == F_BODY) {
			avail = evbuffer_get_length(in);
			if (avail > c->body_left)
				avail = c->body_left;
			evbuffer_remove_buffer(in, bufferevent_get_output(c->inner), avail);
			if ((c->body_left -= avail) > 0)
				return;
			c->state = F_HEAD;
		}
		/* Blank lines before a request are allowed (RFC 9112 2.2). */
		while (evbuffer_get_length(in) > 0) {
			unsigned char ch;

			evbuffer_copyout(in, &ch, 1);
			if (ch != '\r' && ch != '\n')
				break;
			evbuffer_drain(in, 1);
		}
		avail = evbuffer_get_length(in);
		if (avail == 0)
			break;
		if (c->inflight == FRONT_PIPELINE) {
			bufferevent_disable(c->client, EV_READ);	/* until a reply is out */
			return;
		}
		if ((end = head_end(in)) == -1) {
			if (avail > FRONT_MAX_HEAD)
				fconn_refuse(c, 431);
			break;
		}
		if ((size_t)end > FRONT_MAX_HEAD) {
			fconn_refuse(c, 431);
			return;
		}
		evbuffer_copyout(in, head, (size_t)end);
		if ((code = check_head(head, (size_t)end, &is_head, &body)) != 0) {
			fconn_refuse(c, code);
			return;
		}
		if (!fconn_inner(c)) {
			fconn_refuse(c, 503);
			return;
		}
		forward_head(c, head, (size_t)end);
		evbuffer_drain(in, (size_t)end);
		c->heads[(c->first + c->inflight) % FRONT_PIPELINE] = is_head;
		c->inflight++;
		evtimer_del(c->timer);	/* evhttp's own timeout runs now */
		if (body > 0) {
			c->state = F_BODY;
			c->body_left = body;
		}
	}
	if (c->client_eof && c->inflight == 0)
		fconn_close(c);
}

/* A reply is through: next request, the owed error, or the end. */
static void
reply_done(struct fconn *c)
{
	c->first = (c->first + 1) % FRONT_PIPELINE;
	if (--c->inflight > 0) {
		if (c->state != F_CLOSING && c->refuse == 0 && !c->client_eof)
			bufferevent_enable(c->client, EV_READ);
		front_parse(c);
		return;
	}
	/* Nothing inside evhttp: let its connection go; the next request opens another. */
	bufferevent_free(c->inner);
	c->inner = NULL;
	if (c->refuse != 0) {
		int code = c->refuse;

		c->refuse = 0;
		fconn_refuse(c, code);
	} else if (c->client_eof)
		fconn_close(c);
	else if (c->state != F_CLOSING) {
		fconn_arm(c);
		bufferevent_enable(c->client, EV_READ);
		front_parse(c);
	}
}

/* evhttp answered: relay to the client, counting whole replies. */
static void
inner_read_cb(struct bufferevent *bev, void *arg)
{
	struct fconn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer *out = bufferevent_get_output(c->client);

	while (c->inner != NULL && c->inflight > 0 && evbuffer_get_length(in) > 0) {
		if (!c->in_body) {
			struct evbuffer_ptr e = evbuffer_search(in, "\r\n\r\n", 4, NULL);
			char *h, *cl;
			int code = 0;
			bool nobody;

			if (e.pos == -1)
				return;
			h = xmalloc((size_t)e.pos + 5);
			evbuffer_remove(in, h, (size_t)e.pos + 4);
			h[e.pos + 4] = '\0';
			sscanf(h, "HTTP/1.%*d %d", &code);
			evbuffer_add(out, h, (size_t)e.pos + 4);
			nobody = c->heads[c->first] || code / 100 == 1 || code == 204 ||
			    code == 304;
			c->reply_left = SIZE_MAX;	/* no length: until evhttp closes */
			for (cl = h; (cl = strchr(cl, '\n')) != NULL; cl++)
				if (strncasecmp(cl + 1, "Content-Length:", 15) == 0)
					c->reply_left = (size_t)strtoull(cl + 16, NULL, 10);
			free(h);
			if (code / 100 == 1)
				continue;	/* an interim reply: the final one follows */
			if (nobody)
				c->reply_left = 0;
			c->in_body = true;
		}
		if (c->reply_left > 0) {
			size_t n = evbuffer_get_length(in);

			if (n > c->reply_left)
				n = c->reply_left;
			evbuffer_remove_buffer(in, out, n);
			c->reply_left -= n;
		}
		if (c->reply_left > 0)
			break;
		c->in_body = false;
		reply_done(c);
		if (c->state == F_CLOSING)
			return;		/* c may be freed */
	}
	if (c->inner != NULL &&
	    evbuffer_get_length(out) > FRONT_MAX_QUEUED)
		bufferevent_disable(c->inner, EV_READ);	/* a slow reader: wait */
}

/* evhttp closed its side (Connection: close, or an error of its own). */
static void
inner_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct fconn *c = arg;

	(void)bev;
	if (what & BEV_EVENT_CONNECTED)
		return;
	fconn_close(c);
}

static void
client_read_cb(struct bufferevent *bev, void *arg)
{
	struct fconn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);

	if (c->state == F_CLOSING)
		evbuffer_drain(in, evbuffer_get_length(in));
	else
		front_parse(c);
}

/* The client's output drained: close if that was the last reply, or read more replies. */
static void
client_write_cb(struct bufferevent *bev, void *arg)
{
	struct fconn *c = arg;

	(void)bev;
	if (c->state == F_CLOSING)
		fconn_shut(c);
	else if (c->inner != NULL)
		bufferevent_enable(c->inner, EV_READ);
}

static void
client_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct fconn *c = arg;

	(void)bev;
	if (c->state == F_CLOSING && (what & BEV_EVENT_EOF) &&
	    evbuffer_get_length(bufferevent_get_output(c->client)) > 0) {
		c->client_eof = true;	/* half-closed: the reply still goes out */
		return;
	}
	if ((what & BEV_EVENT_EOF) && !(what & BEV_EVENT_ERROR) &&
	    c->state != F_CLOSING) {
		/* A half-close: every request already sent still gets its answer. */
		c->client_eof = true;
		front_parse(c);
		return;
	}
	fconn_free(c);
}

/* A request head not sent in time, or a last reply nobody reads: drop the client. */
static void
timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fconn *c = arg;

	(void)fd;
	(void)what;
	if (c->state != F_CLOSING)
		log_debug("front: dropping a client too slow to send its request");
	fconn_free(c);
}

static void
accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct front *fr = arg;
	struct fconn *c, *old;

	(void)l;
	if (fr->n >= FRONT_MAX_CONNS) {
		/* Full: the oldest connection with nothing in flight makes room. */
		TAILQ_FOREACH(old, &fr->conns, entry)
			if (old->inflight == 0 && old->state == F_HEAD)
				break;
		if (old == NULL) {
			evutil_closesocket(fd);
			return;
		}
		fconn_free(old);
	}
	/* Replies are relayed in pieces as evhttp writes them: without this, Nagle's
	 * algorithm and the client's delayed ACK held each reply about 40 ms. */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &(int){ 1 }, sizeof(int));
	c = xcalloc(1, sizeof *c);
	c->fr = fr;
	if (salen > 0 && (size_t)salen <= sizeof c->sa) {
		memcpy(&c->sa, sa, (size_t)salen);
		c->salen = (socklen_t)salen;
	}
	c->client = bufferevent_socket_new(fr->base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (c->client != NULL)	/* 16 KiB a write by default */
		bufferevent_set_max_single_write(c->client, FRONT_MAX_QUEUED);
	c->timer = evtimer_new(fr->base, timer_cb, c);
	if (c->client == NULL || c->timer == NULL)
		fatalx("front: cannot set up a connection");
	bufferevent_setcb(c->client, client_read_cb, client_write_cb, client_event_cb, c);
	/* Reading stops at a head and a body's worth until they are passed on. */
	bufferevent_setwatermark(c->client, EV_READ, 0, FRONT_MAX_HEAD + FRONT_MAX_BODY);
	bufferevent_enable(c->client, EV_READ | EV_WRITE);
	TAILQ_INSERT_TAIL(&fr->conns, c, entry);
	fr->n++;
	fconn_arm(c);
}

/*
 * evhttp's own listening socket: a Unix socket in a fresh 0700 directory, so
 * that no one but this process (and root) gets past the front.
 */
static int
front_inner_listen(struct front *fr, char **cause)
{
	const char *tmp = getenv("RUNTIME_DIRECTORY");
	int fd;

	if (tmp == NULL || *tmp == '\0' || strchr(tmp, ':') != NULL)
		tmp = getenv("TMPDIR");
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	fr->dir = xasprintf("%s/tctt-dashboard.XXXXXX", tmp);
	if (mkdtemp(fr->dir) == NULL) {
		*cause = xasprintf("%s: %s", fr->dir, strerror(errno));
		free(fr->dir);
		fr->dir = NULL;
		return -1;
	}
	fr->inner_sa.sun_family = AF_UNIX;
	if ((size_t)snprintf(fr->inner_sa.sun_path, sizeof fr->inner_sa.sun_path,
	    "%s/http", fr->dir) >= sizeof fr->inner_sa.sun_path) {
		*cause = xasprintf("%s: path too long for a socket", fr->dir);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&fr->inner_sa, sizeof fr->inner_sa) == -1 ||
	    listen(fd, FRONT_BACKLOG) == -1 || evhttp_accept_socket(fr->http, fd) == -1) {
		*cause = xasprintf("%s: %s", fr->inner_sa.sun_path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return 0;
}

struct front *
front_new(struct event_base *base, struct evhttp *http, const char *host,
    int port, char **cause)
{
	struct front *fr;
	struct evutil_addrinfo hints, *ai = NULL;
	char portstr[16];
	int rc;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = EVUTIL_AI_PASSIVE | EVUTIL_AI_NUMERICSERV;
	snprintf(portstr, sizeof portstr, "%d", port);
	if ((rc = evutil_getaddrinfo(*host != '\0' ? host : NULL, portstr, &hints,
	    &ai)) != 0) {
		*cause = xasprintf("%s: %s", host, evutil_gai_strerror(rc));
		return NULL;
	}
	fr = xcalloc(1, sizeof *fr);
	fr->base = base;
	fr->http = http;
	TAILQ_INIT(&fr->conns);
	if (front_inner_listen(fr, cause) == -1) {
		evutil_freeaddrinfo(ai);
		front_free(fr);
		return NULL;
	}
	fr->l = evconnlistener_new_bind(base, accept_cb, fr, LEV_OPT_CLOSE_ON_FREE |
	    LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_EXEC, FRONT_BACKLOG, ai->ai_addr,
	    (int)ai->ai_addrlen);
	evutil_freeaddrinfo(ai);
	if (fr->l == NULL) {
		*cause = xasprintf("%s:%d: %s", host, port,
		    evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
		front_free(fr);
		return NULL;
	}
	return fr;
}

struct evconnlistener *
front_listener(struct front *fr)
{
	return fr->l;
}

void
front_free(struct front *fr)
{
	struct fconn *c;

	if (fr == NULL)
		return;
	while ((c = TAILQ_FIRST(&fr->conns)) != NULL)
		fconn_free(c);
	if (fr->l != NULL)
		evconnlistener_free(fr->l);
	if (fr->dir != NULL) {
		if (fr->inner_sa.sun_path[0] != '\0')
			unlink(fr->inner_sa.sun_path);
		rmdir(fr->dir);
		free(fr->dir);
	}
	free(fr);
}

/*
 * fetch-curl.c: the fetch engine's transfers. libcurl's multi-socket API on
 * the libevent loop, in the order of curl's docs/examples/hiperfifo.c; one
 * easy handle per attempt (reused), retries with backoff, body limits,
 * redirect loops.
 */
#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "fetch-int.h"
#include "log.h"
#include "netguard.h"
#include "url.h"

static void fetch_check_multi_info(struct fetcher *);

/* An easy handle, reused when one is idle; give it back with fetch_easy_put. */
static CURL *
fetch_easy_get(struct fetcher *f)
{
	CURL *e;

	if (f->npool > 0)
		return f->pool[--f->npool];
	if ((e = curl_easy_init()) == NULL)
		fatalx("curl_easy_init");
	return e;
}

/* Keep e (out of the multi) for another transfer, or free it. */
void
fetch_easy_put(struct fetcher *f, CURL *e)
{
	if (f->npool < (size_t)f->cfg->concurrency) {
		curl_easy_reset(e);
		f->pool[f->npool++] = e;
	} else
		curl_easy_cleanup(e);
}

/* Forget the redirects seen by the last attempt. */
void
fetch_hops_clear(struct ftask *t)
{
	for (int i = 0; i < t->nhops; i++)
		free(t->hops[i]);
	t->nhops = 0;
	free(t->location);
	t->location = NULL;
	free(t->loop);
	t->loop = NULL;
	free(t->refused);
	t->refused = NULL;
}

/* A result for t with err and an optional cause; what the transfer got is moved in. */
struct fetch_result *
fetch_result_new(struct ftask *t, enum fetch_error err, const char *cause)
{
	struct fetch_result *res = xcalloc(1, sizeof *res);
	struct curl_header *hdr;
	char *s;

	res->url = xstrdup(t->url);
	res->err = err;
	res->attempts = t->attempts;
	res->truncated = t->truncated;
	res->error = err != FETCH_OK ? xstrdup(cause ? cause : fetch_error_name(err)) : NULL;
	if (t->started > 0)
		res->seconds = fetch_now() - t->started;
	if (t->easy != NULL) {
		s = NULL;
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &res->status);
		if (curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK &&
		    s != NULL)
			res->final_url = xstrdup(s);
		s = NULL;
		if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &s) == CURLE_OK &&
		    s != NULL)
			res->content_type = xstrdup(s);
		if (curl_easy_header(t->easy, "ETag", 0, CURLH_HEADER, -1, &hdr) ==
		    CURLHE_OK)
			res->etag = xstrdup(hdr->value);
		if (curl_easy_header(t->easy, "Last-Modified", 0, CURLH_HEADER, -1,
		    &hdr) == CURLHE_OK)
			res->last_modified = xstrdup(hdr->value);
	}
	if (res->final_url == NULL)
		res->final_url = xstrdup(t->url);
	res->not_modified = res->status == 304 &&
	    (t->etag != NULL || t->last_modified != NULL);
	res->len = t->body.len;
	res->body = (unsigned char *)buf_steal(&t->body);
	return res;
}

/*
 * Before the first bytes of a body: room for what Content-Length announces,
 * so that the body is not copied at each doubling and its buffer is not
 * twice its size while the page waits. The length is the server's word: at
 * most max_bytes and BODY_RESERVE_MAX are taken on it; a longer body (or a
 * compressed one) grows as its bytes come.
 */
static void
reserve_body(struct ftask *t, size_t max)
{
	curl_off_t cl = -1;

	if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) != CURLE_OK ||
	    cl <= 0)
		return;
	if (max > BODY_RESERVE_MAX)
		max = BODY_RESERVE_MAX;
	buf_reserve_exact(&t->body, (uint64_t)cl < max ? (size_t)cl : max);
}

/* libcurl's write callback: keep at most max_bytes of the decoded body. */
static size_t
fetch_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct ftask *t = arg;
	size_t n = size * nmemb, max;

	max = t->is_robots ? ROBOTS_MAX_BYTES : (size_t)t->f->cfg->max_bytes;
	if (t->body.cap == 0)
		reserve_body(t, max);
	if (max > 0 && t->body.len + n > max) {
		size_t keep = max - t->body.len;

		buf_add(&t->body, data, keep);
		t->f->stats.bytes += keep;
		t->truncated = true;
		return 0;	/* stop the transfer: CURLE_WRITE_ERROR */
	}
	buf_add(&t->body, data, n);
	t->f->stats.bytes += n;
	return n;
}

/* Location resolved against the URL being fetched; NULL if unusable; caller frees. */
static char *
fetch_resolve(const char *base, const char *location)
{
	return url_resolve(base, location, 0);
}

/*
 * A redirect's target host: its connection counts among the owner's
 * (fetch-keep.c). Not robots.txt's: it has no owner that will be done.
 */
static void
keep_target_host(struct ftask *t, const char *url)
{
	char *host = NULL, *path = NULL;

	if (t->is_robots)
		return;
	if (fetch_parse_url(url, &host, &path) == 0)
		fetch_keep_host(t->f, t->owner, host);
	free(host);
	free(path);
}

/*
 * libcurl's header callback: at the end of each redirect's headers, stop a
 * redirect back to a URL this attempt already visited (a loop).
 */
static size_t
fetch_header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct ftask *t = arg;
	size_t n = size * nmemb;
	long status = 0;
	char *cur = NULL, *next;

	if (n > 9 && strncasecmp(data, "Location:", 9) == 0) {
		size_t a = 9, b = n;

		while (a < b && (data[a] == ' ' || data[a] == '\t'))
			a++;
		while (b > a && (data[b - 1] == '\r' || data[b - 1] == '\n' ||
		    data[b - 1] == ' '))
			b--;
		free(t->location);
		t->location = xstrndup(data + a, b - a);
		return n;
	}
	if (!(n == 2 && data[0] == '\r') && !(n == 1 && data[0] == '\n'))
		return n;
	/* The end of one response's headers. */
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &cur);
	if (status < 300 || status > 399 || t->location == NULL || cur == NULL ||
	    t->nhops > FETCH_MAX_REDIRS) {
		free(t->location);
		t->location = NULL;
		return n;
	}
	t->hops[t->nhops++] = xstrdup(cur);
	next = fetch_resolve(cur, t->location);
	free(t->location);
	t->location = NULL;
	if (next == NULL)
		return n;
	for (int i = 0; i < t->nhops; i++) {
		if (strcmp(t->hops[i], next) == 0) {
			t->loop = next;
			return 0;	/* stop: CURLE_WRITE_ERROR */
		}
	}
	keep_target_host(t, next);
	free(next);
	return n;
}

/*
 * CURLOPT_OPENSOCKETFUNCTION: every socket of a transfer, with the address
 * it is about to connect to (after DNS, per redirect): refuse what netguard
 * forbids, so no byte reaches an inside address.
 */
static curl_socket_t
fetch_opensocket_cb(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct ftask *t = arg;
	char *url = NULL, *why;

	if (purpose == CURLSOCKTYPE_IPCXN) {
		curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
		if ((why = netguard_check(t->f->guard, url, &a->addr)) != NULL) {
			free(t->refused);
			t->refused = why;
			return CURL_SOCKET_BAD;
		}
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* A new easy handle for t's next attempt; false (and t finished) on failure. */
static bool
fetch_easy_setup(struct ftask *t)
{
	struct fetcher *f = t->f;
	const struct config *cfg = f->cfg;
	long ms = (long)(cfg->timeout * 1000);
	CURL *e = fetch_easy_get(f);
	CURLcode rc = CURLE_OK;

	t->easy = e;
	curl_slist_free_all(t->headers);
	t->headers = NULL;
	if (t->etag != NULL) {
		char *h = xasprintf("If-None-Match: %s", t->etag);

		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (t->last_modified != NULL) {
		char *h = xasprintf("If-Modified-Since: %s", t->last_modified);

		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
#define SET(opt, val) do { if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, val); } while (0)
	SET(CURLOPT_URL, t->url);
	SET(CURLOPT_PRIVATE, t);
	SET(CURLOPT_WRITEFUNCTION, fetch_write_cb);
	SET(CURLOPT_WRITEDATA, t);
	SET(CURLOPT_HEADERFUNCTION, fetch_header_cb);
	SET(CURLOPT_HEADERDATA, t);
	SET(CURLOPT_ERRORBUFFER, t->errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRS);
	SET(CURLOPT_TIMEOUT_MS, ms);
	SET(CURLOPT_CONNECTTIMEOUT_MS, ms);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_USERAGENT, cfg->user_agent);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	/* The configuration decides about proxies, not the environment. */
	SET(CURLOPT_PROXY, cfg->proxy != NULL ? cfg->proxy : "");
	if (f->connect_to != NULL)
		SET(CURLOPT_CONNECT_TO, f->connect_to);
	if (f->resolve != NULL)
		SET(CURLOPT_RESOLVE, f->resolve);
	if (f->guard != NULL) {
		SET(CURLOPT_OPENSOCKETFUNCTION, fetch_opensocket_cb);
		SET(CURLOPT_OPENSOCKETDATA, t);
	}
	if (t->headers != NULL)
		SET(CURLOPT_HTTPHEADER, t->headers);
#undef SET
	if (rc != CURLE_OK) {
		char *cause = xasprintf("curl_easy_setopt: %s", curl_easy_strerror(rc));

		log_warnx("fetch: %s: %s", t->url, cause);
		fetch_finish(t, fetch_result_new(t, FETCH_OTHER, cause));
		free(cause);
		return false;
	}
	return true;
}

/* Start one attempt of t on host h (already out of any list). */
void
fetch_start(struct fetcher *f, struct ftask *t)
{
	CURLMcode mc;

	t->attempts++;
	if (t->started == 0)
		t->started = fetch_now();
	buf_free(&t->body);
	t->truncated = false;
	t->errbuf[0] = '\0';
	fetch_hops_clear(t);
	if (!fetch_easy_setup(t))
		return;
	f->stats.requests++;
	mc = curl_multi_add_handle(f->multi, t->easy);
	if (fetch_mcode_bad("curl_multi_add_handle", mc)) {
		fetch_finish(t, fetch_result_new(t, FETCH_OTHER,
		    curl_multi_strerror(mc)));
		return;
	}
	t->state = FTASK_RUNNING;
	TAILQ_INSERT_TAIL(&f->running, t, entry);
	f->nrunning++;
	t->host->inflight++;
}

/* The class of a failed transfer. */
static enum fetch_error
fetch_classify(CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:
		return FETCH_OK;
	case CURLE_OPERATION_TIMEDOUT:
		return FETCH_TIMEOUT;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
		return FETCH_CONNECT;
	case CURLE_TOO_MANY_REDIRECTS:
		return FETCH_REDIRECTS;
	default:
		return FETCH_OTHER;
	}
}

/* Seconds to wait before attempt t->attempts + 1, given Retry-After ra (or 0). */
static double
fetch_backoff(const struct fetcher *f, const struct ftask *t, double ra)
{
	double timeout = (double)f->cfg->timeout;
	double base = timeout / 20, wait;

	/* A small base, from the timeout: 50 ms for 1 s, capped at 1 s. */
	if (base > 1)
		base = 1;
	wait = base;
	for (int i = 1; i < t->attempts && wait < RETRY_AFTER_MAX; i++)
		wait *= 2;
	if (ra > 0) {
		double cap = timeout < RETRY_AFTER_MAX ? timeout : RETRY_AFTER_MAX;

		if (ra > cap)
			ra = cap;
		if (ra > wait)
			wait = ra;
	}
	return wait;
}

/* A retry's wait is over: back to the head of its host's queue. */
static void
fetch_retry_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ftask *t = arg;
	struct fetcher *f = t->f;

	(void)fd;
	(void)what;
	TAILQ_REMOVE(&f->waiting, t, entry);
	t->state = FTASK_QUEUED;
	fetch_host_wake(f, t->host);
	TAILQ_INSERT_HEAD(&t->host->queue, t, entry);
	fetch_dispatch(f);
	fetch_deliver(f);
}

/* Take t's easy handle out of the multi and free it. */
void
fetch_easy_drop(struct fetcher *f, struct ftask *t)
{
	fetch_mcode_bad("curl_multi_remove_handle",
	    curl_multi_remove_handle(f->multi, t->easy));
	fetch_easy_put(f, t->easy);
	t->easy = NULL;
}

/* Count what the transfer of easy moved: connections it opened, bytes received. */
void
fetch_count_transfer(struct fetcher *f, CURL *easy)
{
	long conns = 0, hdr = 0;
	curl_off_t body = 0;

	if (curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &conns) == CURLE_OK && conns > 0)
		f->stats.connects += (uint64_t)conns;
	if (curl_easy_getinfo(easy, CURLINFO_HEADER_SIZE, &hdr) == CURLE_OK && hdr > 0)
		f->stats.wire_bytes += (uint64_t)hdr;
	if (curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &body) == CURLE_OK && body > 0)
		f->stats.wire_bytes += (uint64_t)body;
}

/* A transfer of t ended with rc: retry it, or finish it. */
static void
fetch_transfer_done(struct fetcher *f, struct ftask *t, CURLcode rc)
{
	enum fetch_error err = fetch_classify(rc);
	long status = 0;
	curl_off_t ra = 0;
	struct fetch_result *res;
	struct timeval tv;

	TAILQ_REMOVE(&f->running, t, entry);
	f->nrunning--;
	t->host->inflight--;
	fetch_count_transfer(f, t->easy);
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_WRITE_ERROR && t->truncated)
		err = FETCH_OK;
	if (t->loop != NULL)
		err = FETCH_REDIRECTS;
	/* A forbidden address stays forbidden: no retry. */
	if (rc != CURLE_OK && t->refused != NULL)
		err = FETCH_OTHER;
	if (t->is_robots) {
		fetch_mcode_bad("curl_multi_remove_handle",
		    curl_multi_remove_handle(f->multi, t->easy));
		fetch_robots_done(f, t, rc, status);
		return;
	}
	if (((err == FETCH_TIMEOUT || err == FETCH_CONNECT) ||
	    (err == FETCH_OK && (status == 429 || status >= 500))) &&
	    t->attempts <= f->cfg->retries) {
		curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &ra);
		tv = fetch_tv(fetch_backoff(f, t, (double)ra));
		log_debug("fetch: %s: attempt %d: %s, status %ld; retry in %ld.%03lds",
		    t->url, t->attempts, curl_easy_strerror(rc), status,
		    (long)tv.tv_sec, (long)tv.tv_usec / 1000);
		fetch_easy_drop(f, t);
		t->state = FTASK_WAITING;
		TAILQ_INSERT_TAIL(&f->waiting, t, entry);
		if (t->retry_ev == NULL)
			t->retry_ev = evtimer_new(f->base, fetch_retry_cb, t);
		evtimer_add(t->retry_ev, &tv);
		return;
	}
	fetch_mcode_bad("curl_multi_remove_handle",
	    curl_multi_remove_handle(f->multi, t->easy));
	if (t->loop != NULL) {
		char *cause = xasprintf("redirect loop back to %s", t->loop);

		res = fetch_result_new(t, err, cause);
		free(cause);
	} else if (rc != CURLE_OK && t->refused != NULL)
		res = fetch_result_new(t, err, t->refused);
	else if (err == FETCH_REDIRECTS)
		res = fetch_result_new(t, err, "more than 5 redirects");
	else
		res = fetch_result_new(t, err, t->errbuf[0] ? t->errbuf :
		    curl_easy_strerror(rc));
	fetch_easy_put(f, t->easy);
	t->easy = NULL;
	if (t->loop != NULL)
		fetch_host_error(t->host, "redirect loop", res->error);
	else if (rc != CURLE_OK && t->refused != NULL)
		fetch_host_error(t->host, "forbidden address", res->error);
	else if (err != FETCH_OK)
		fetch_host_error(t->host, curl_easy_strerror(rc), res->error);
	else if (status >= 500 || status == 429) {
		char *what = xasprintf("HTTP %ld", status);

		fetch_host_error(t->host, what, t->url);
		free(what);
	}
	log_debug("fetch: %s: %s, status %ld, %zu bytes%s, %d attempts", t->url,
	    fetch_error_name(err), res->status, res->len,
	    res->truncated ? " (truncated)" : "", res->attempts);
	fetch_finish(t, res);
}

/* Read libcurl's messages about finished transfers, then refill the slots. */
static void
fetch_check_multi_info(struct fetcher *f)
{
	CURLMsg *msg;
	int left;

	fetch_keep_apply(f);	/* a redirect may have brought a host in */
	while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
		CURL *easy;
		CURLcode rc;
		struct ftask *t = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		/* msg is invalid once the handle is removed: copy first. */
		easy = msg->easy_handle;
		rc = msg->data.result;
		curl_easy_getinfo(easy, CURLINFO_PRIVATE, &t);
		fetch_transfer_done(f, t, rc);
	}
	fetch_dispatch(f);
	fetch_deliver(f);
}

/* libevent saw activity on a socket of libcurl's. */
static void
fetch_sock_event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fsock *s = arg;
	struct fetcher *f = s->f;	/* s may be freed inside socket_action */
	int action = 0, running;

	if (what & EV_READ)
		action |= CURL_CSELECT_IN;
	if (what & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	fetch_mcode_bad("curl_multi_socket_action",
	    curl_multi_socket_action(f->multi, fd, action, &running));
	fetch_check_multi_info(f);
}

/* libcurl's timeout expired. */
static void
fetch_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fetcher *f = arg;
	int running;

	(void)fd;
	(void)what;
	fetch_mcode_bad("curl_multi_socket_action",
	    curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running));
	fetch_check_multi_info(f);
}

/* CURLMOPT_TIMERFUNCTION: arm, re-arm or stop our one timer. */
static int
fetch_multi_timer_cb(CURLM *multi, long timeout_ms, void *arg)
{
	struct fetcher *f = arg;
	struct timeval tv;

	(void)multi;
	if (timeout_ms == -1) {
		evtimer_del(f->timer);
		return 0;
	}
	/* 0 means now: a zero timer runs it at the loop's next turn, never from inside libcurl. */
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	evtimer_add(f->timer, &tv);
	return 0;
}

/* CURLMOPT_SOCKETFUNCTION: watch a socket as libcurl asks. */
static int
fetch_sock_cb(CURL *easy, curl_socket_t fd, int what, void *arg, void *sockp)
{
	struct fetcher *f = arg;
	struct fsock *s = sockp;
	short events;

	(void)easy;
	if (what == CURL_POLL_REMOVE) {
		if (s != NULL) {
			event_del(s->ev);
			event_free(s->ev);
			TAILQ_REMOVE(&f->socks, s, entry);
			free(s);
			fetch_mcode_bad("curl_multi_assign",
			    curl_multi_assign(f->multi, fd, NULL));
		}
		return 0;
	}
	if (s == NULL) {
		s = xcalloc(1, sizeof *s);
		s->f = f;
		s->fd = fd;
		s->ev = event_new(f->base, fd, 0, fetch_sock_event_cb, s);
		TAILQ_INSERT_TAIL(&f->socks, s, entry);
		fetch_mcode_bad("curl_multi_assign",
		    curl_multi_assign(f->multi, fd, s));
	}
	events = EV_PERSIST;
	if (what != CURL_POLL_IN)
		events |= EV_WRITE;
	if (what != CURL_POLL_OUT)
		events |= EV_READ;
	/* Never re-assign a pending event. */
	event_del(s->ev);
	event_assign(s->ev, f->base, fd, events, fetch_sock_event_cb, s);
	event_add(s->ev, NULL);
	return 0;
}

void
fetch_multi_init(struct fetcher *f)
{
	CURLMcode mc = CURLM_OK;

	TAILQ_INIT(&f->socks);
	f->pool = xcalloc((size_t)f->cfg->concurrency, sizeof *f->pool);
	if ((f->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init");
	f->timer = evtimer_new(f->base, fetch_timer_cb, f);
#define MSET(opt, val) do { if (mc == CURLM_OK) mc = curl_multi_setopt(f->multi, opt, val); } while (0)
	MSET(CURLMOPT_SOCKETFUNCTION, fetch_sock_cb);
	MSET(CURLMOPT_SOCKETDATA, f);
	MSET(CURLMOPT_TIMERFUNCTION, fetch_multi_timer_cb);
	MSET(CURLMOPT_TIMERDATA, f);
	/*
	 * Room for the connections in use and as many idle: the passes in
	 * flight are bounded (sched_max_passes), so their hosts' connections
	 * are reused, also when a pass goes to a second host (a redirect,
	 * documents kept elsewhere); a bigger cache only holds hosts whose
	 * pass is over; fetch-keep.c lowers it while the passes in flight use
	 * fewer hosts.
	 */
	MSET(CURLMOPT_MAXCONNECTS, (long)f->cfg->concurrency * 2);
	f->maxconnects = f->keep_want = (long)f->cfg->concurrency * 2;
#undef MSET
	if (mc != CURLM_OK)
		fatalx("curl_multi_setopt: %s", curl_multi_strerror(mc));
}

void
fetch_multi_free(struct fetcher *f)
{
	struct fsock *s;

	fetch_mcode_bad("curl_multi_cleanup", curl_multi_cleanup(f->multi));
	f->multi = NULL;
	while (f->npool > 0)
		curl_easy_cleanup(f->pool[--f->npool]);
	free(f->pool);
	/* Sockets libcurl never asked us to forget. */
	while ((s = TAILQ_FIRST(&f->socks)) != NULL) {
		TAILQ_REMOVE(&f->socks, s, entry);
		event_free(s->ev);
		free(s);
	}
	event_free(f->timer);
}

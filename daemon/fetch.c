/*
 * fetch.c: the fetch engine. libcurl's multi-socket API on one libevent loop
 * (curl's docs/examples/hiperfifo.c pattern), per-host queues served
 * round-robin, retries with backoff, robots.txt and Crawl-delay.
 */
#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "config.h"
#include "fetch.h"
#include "log.h"
#include "robots.h"
#include "xmalloc.h"

#define FETCH_MAX_REDIRS	5
#define ROBOTS_MAX_BYTES	(512 * 1024)
#define CRAWL_DELAY_MAX		60.0	/* seconds; a larger Crawl-delay is cut */
#define RETRY_AFTER_MAX		60.0	/* seconds; also capped at timeout */

enum ftask_state {
	FTASK_QUEUED,		/* in its host's queue */
	FTASK_RUNNING,		/* an easy handle in the multi */
	FTASK_WAITING,		/* backing off before a retry */
	FTASK_DONE,		/* result ready, in the done list */
};

enum frobots_state {
	FROBOTS_NONE,		/* not read this pass */
	FROBOTS_FETCHING,
	FROBOTS_READY,
};

struct fhost;

/* One request (or an internal robots.txt fetch) until its callback ran. */
struct ftask {
	struct fetcher		*f;
	struct fhost		*host;
	enum ftask_state	 state;
	bool			 is_robots;
	char			*url;
	char			*path;		/* path and query, for robots.txt */
	char			*etag;
	char			*last_modified;
	const void		*owner;
	fetch_done_cb		 cb;
	void			*arg;

	CURL			*easy;
	struct curl_slist	*headers;
	struct buf		 body;
	bool			 truncated;
	char			*location;	/* Location of the response being read */
	char			*hops[FETCH_MAX_REDIRS + 1];	/* URLs this attempt visited */
	int			 nhops;
	char			*loop;		/* where a redirect loop closed */
	int			 attempts;
	double			 started;	/* monotonic seconds, first attempt */
	struct event		*retry_ev;
	char			 errbuf[CURL_ERROR_SIZE];
	struct fetch_result	*res;		/* when FTASK_DONE */
	TAILQ_ENTRY(ftask)	 entry;		/* in the list of its state */
};
TAILQ_HEAD(ftask_list, ftask);

/* An error already logged for a host, and how often it happened since. */
struct ferror_seen {
	char			*what;
	unsigned long		 count;
	struct ferror_seen	*next;
};

/* One host: its queue, slots in use, robots.txt rules and logged errors. */
struct fhost {
	char			*name;		/* lower case */
	struct ftask_list	 queue;
	int			 inflight;
	enum frobots_state	 robots_state;
	struct robots		*robots;
	double			 next_start;	/* Crawl-delay: not before this */
	struct ferror_seen	*errors;
	TAILQ_ENTRY(fhost)	 entry;
};

/* libevent state of one socket libcurl asked us to watch. */
struct fsock {
	struct fetcher		*f;
	curl_socket_t		 fd;
	struct event		*ev;
	TAILQ_ENTRY(fsock)	 entry;
};

struct fetcher {
	struct event_base	*base;
	const struct config	*cfg;
	CURLM			*multi;
	struct event		*timer;		/* libcurl's timeout */
	struct event		*kick;		/* deferred dispatch and delivery */
	struct event		*wake;		/* the next Crawl-delay expiry */
	struct curl_slist	*connect_to;
	CURL			**pool;		/* idle easy handles, for reuse */
	size_t			 npool;
	char			*agent;		/* robots.txt product token */
	TAILQ_HEAD(, fhost)	 hosts;		/* round-robin order */
	size_t			 nhosts;
	struct ftask_list	 running;
	struct ftask_list	 waiting;
	struct ftask_list	 done;
	TAILQ_HEAD(, fsock)	 socks;
	int			 nrunning;
	size_t			 pending;	/* caller's requests not yet delivered */
	struct fetch_stats	 stats;
};

static void fetch_check_multi_info(struct fetcher *);
static void fetch_dispatch(struct fetcher *);
static void fetch_deliver(struct fetcher *);

/* Monotonic time in seconds. */
static double
fetch_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A timeval for seconds s (not negative). */
static struct timeval
fetch_tv(double s)
{
	struct timeval tv;

	if (s < 0)
		s = 0;
	tv.tv_sec = (time_t)s;
	tv.tv_usec = (suseconds_t)((s - (double)tv.tv_sec) * 1e6);
	return tv;
}

const char *
fetch_error_name(enum fetch_error err)
{
	switch (err) {
	case FETCH_OK:		return "ok";
	case FETCH_TIMEOUT:	return "timeout";
	case FETCH_CONNECT:	return "connect";
	case FETCH_REDIRECTS:	return "redirects";
	case FETCH_ROBOTS:	return "robots";
	case FETCH_CANCELLED:	return "cancelled";
	case FETCH_OTHER:	return "other";
	}
	return "other";
}

/* Log a CURLMcode failure of call; true when there was one. */
static bool
fetch_mcode_bad(const char *call, CURLMcode mc)
{
	if (mc == CURLM_OK)
		return false;
	log_warnx("fetch: %s: %s", call, curl_multi_strerror(mc));
	return true;
}

/* Log what once for host h, and only count it afterwards. */
static void
fetch_host_error(struct fhost *h, const char *what, const char *detail)
{
	struct ferror_seen *e;

	for (e = h->errors; e != NULL; e = e->next) {
		if (strcmp(e->what, what) == 0) {
			e->count++;
			return;
		}
	}
	e = xcalloc(1, sizeof *e);
	e->what = xstrdup(what);
	e->count = 1;
	e->next = h->errors;
	h->errors = e;
	log_warnx("fetch: %s: %s (%s); repeats are counted, not logged", h->name,
	    what, detail);
}

/* Log how often each error of h repeated, and forget them. */
static void
fetch_host_errors_flush(struct fhost *h)
{
	while (h->errors != NULL) {
		struct ferror_seen *e = h->errors;

		if (e->count > 1)
			log_info("fetch: %s: %s happened %lu times", h->name,
			    e->what, e->count);
		h->errors = e->next;
		free(e->what);
		free(e);
	}
}

/* The host named name, created at the tail of the round-robin if new; borrowed. */
static struct fhost *
fetch_host_get(struct fetcher *f, const char *name)
{
	struct fhost *h;

	TAILQ_FOREACH(h, &f->hosts, entry)
		if (strcmp(h->name, name) == 0)
			return h;
	h = xcalloc(1, sizeof *h);
	h->name = xstrdup(name);
	TAILQ_INIT(&h->queue);
	TAILQ_INSERT_TAIL(&f->hosts, h, entry);
	f->nhosts++;
	return h;
}

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
static void
fetch_easy_put(struct fetcher *f, CURL *e)
{
	if (f->npool < (size_t)f->cfg->concurrency) {
		curl_easy_reset(e);
		f->pool[f->npool++] = e;
	} else
		curl_easy_cleanup(e);
}

/* Forget the redirects seen by the last attempt. */
static void
fetch_hops_clear(struct ftask *t)
{
	for (int i = 0; i < t->nhops; i++)
		free(t->hops[i]);
	t->nhops = 0;
	free(t->location);
	t->location = NULL;
	free(t->loop);
	t->loop = NULL;
}

/* Free a task and what it holds (not its result, if delivered). */
static void
fetch_task_free(struct ftask *t)
{
	fetch_hops_clear(t);
	if (t->easy != NULL)
		fetch_easy_put(t->f, t->easy);
	curl_slist_free_all(t->headers);
	if (t->retry_ev != NULL)
		event_free(t->retry_ev);
	buf_free(&t->body);
	free(t->url);
	free(t->path);
	free(t->etag);
	free(t->last_modified);
	if (t->res != NULL)
		fetch_result_free(t->res);
	free(t);
}

/* A result for t with err and an optional cause; what the transfer got is moved in. */
static struct fetch_result *
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

/* t is over: park its result for delivery from the loop. */
static void
fetch_finish(struct ftask *t, struct fetch_result *res)
{
	struct fetcher *f = t->f;

	t->state = FTASK_DONE;
	t->res = res;
	if (res->err == FETCH_OK)
		f->stats.pages++;
	else
		f->stats.errors++;
	TAILQ_INSERT_TAIL(&f->done, t, entry);
}

/* Run the callbacks of finished tasks, oldest first. */
static void
fetch_deliver(struct fetcher *f)
{
	struct ftask *t;

	while ((t = TAILQ_FIRST(&f->done)) != NULL) {
		struct fetch_result *res = t->res;
		fetch_done_cb cb = t->cb;
		void *arg = t->arg;

		TAILQ_REMOVE(&f->done, t, entry);
		t->res = NULL;
		fetch_task_free(t);
		f->pending--;
		cb(res, arg);
	}
}

/* Schedule dispatch and delivery from the loop, soon. */
static void
fetch_kick(struct fetcher *f)
{
	event_active(f->kick, EV_TIMEOUT, 0);
}

/* Deferred dispatch: new requests, retries, Crawl-delay expiries. */
static void
fetch_kick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fetcher *f = arg;

	(void)fd;
	(void)what;
	fetch_dispatch(f);
	fetch_deliver(f);
}

/* libcurl's write callback: keep at most max_bytes of the decoded body. */
static size_t
fetch_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct ftask *t = arg;
	size_t n = size * nmemb, max;

	max = t->is_robots ? ROBOTS_MAX_BYTES : (size_t)t->f->cfg->max_bytes;
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
	CURLU *u = curl_url();
	char *s = NULL, *out = NULL;

	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, location, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK)
		out = xstrdup(s);
	curl_free(s);
	curl_url_cleanup(u);
	return out;
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
	free(next);
	return n;
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
static void
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

/* Start fetching robots.txt for h, at the origin of url. */
static void
fetch_robots_start(struct fetcher *f, struct fhost *h, const char *url)
{
	CURLU *u = curl_url();
	struct ftask *t;
	char *rurl = NULL;

	h->robots_state = FROBOTS_FETCHING;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_PATH, "/robots.txt", 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_QUERY, NULL, 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_USER, NULL, 0) != CURLUE_OK ||
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &rurl, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		h->robots = robots_allow_all();
		h->robots_state = FROBOTS_READY;
		return;
	}
	curl_url_cleanup(u);
	t = xcalloc(1, sizeof *t);
	t->f = f;
	t->host = h;
	t->is_robots = true;
	t->url = xstrdup(rurl);
	curl_free(rurl);
	log_debug("fetch: %s", t->url);
	fetch_start(f, t);
	if (t->state == FTASK_DONE) {
		/* could not even start: allow all */
		TAILQ_REMOVE(&f->done, t, entry);
		f->stats.errors--;
		fetch_task_free(t);
		h->robots = robots_allow_all();
		h->robots_state = FROBOTS_READY;
	}
}

/* The robots.txt transfer t ended with rc and status: read its rules. */
static void
fetch_robots_done(struct fetcher *f, struct ftask *t, CURLcode rc, long status)
{
	struct fhost *h = t->host;

	if ((rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && t->truncated)) &&
	    status >= 200 && status < 300) {
		h->robots = robots_parse(t->body.data ? t->body.data : "",
		    t->body.len, f->agent);
		log_debug("fetch: %s: robots.txt read, crawl-delay %g", h->name,
		    robots_crawl_delay(h->robots));
	} else {
		h->robots = robots_allow_all();
		if (rc != CURLE_OK)
			fetch_host_error(h, "robots.txt unreachable, allowing all",
			    t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
		else if (status >= 500) {
			char *d = xasprintf("HTTP %ld", status);

			fetch_host_error(h, "robots.txt failed, allowing all", d);
			free(d);
		}
	}
	h->robots_state = FROBOTS_READY;
	fetch_task_free(t);
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
	TAILQ_INSERT_HEAD(&t->host->queue, t, entry);
	fetch_dispatch(f);
	fetch_deliver(f);
}

/* Take t's easy handle out of the multi and free it. */
static void
fetch_easy_drop(struct fetcher *f, struct ftask *t)
{
	fetch_mcode_bad("curl_multi_remove_handle",
	    curl_multi_remove_handle(f->multi, t->easy));
	fetch_easy_put(f, t->easy);
	t->easy = NULL;
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
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_WRITE_ERROR && t->truncated)
		err = FETCH_OK;
	if (t->loop != NULL)
		err = FETCH_REDIRECTS;
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
	} else if (err == FETCH_REDIRECTS)
		res = fetch_result_new(t, err, "more than 5 redirects");
	else
		res = fetch_result_new(t, err, t->errbuf[0] ? t->errbuf :
		    curl_easy_strerror(rc));
	fetch_easy_put(f, t->easy);
	t->easy = NULL;
	if (t->loop != NULL)
		fetch_host_error(t->host, "redirect loop", res->error);
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
	/* 0 means now: run it from the loop, never from inside libcurl. */
	if (timeout_ms == 0)
		timeout_ms = 1;
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

/*
 * Give host h a turn: start its next request if a slot, robots.txt and
 * Crawl-delay allow. True when something happened; *wake is lowered to
 * the time a Crawl-delay ends.
 */
static bool
fetch_host_turn(struct fetcher *f, struct fhost *h, double now, double *wake)
{
	struct ftask *t = TAILQ_FIRST(&h->queue);
	double delay;

	if (t == NULL || h->inflight >= f->cfg->per_host)
		return false;
	if (f->cfg->robots) {
		if (h->robots_state == FROBOTS_NONE) {
			fetch_robots_start(f, h, t->url);
			return true;
		}
		if (h->robots_state == FROBOTS_FETCHING)
			return false;
		if (!robots_allowed(h->robots, t->path)) {
			TAILQ_REMOVE(&h->queue, t, entry);
			fetch_finish(t, fetch_result_new(t, FETCH_ROBOTS,
			    "disallowed by robots.txt"));
			return true;
		}
	}
	if (h->next_start > now) {
		if (*wake == 0 || h->next_start < *wake)
			*wake = h->next_start;
		return false;
	}
	TAILQ_REMOVE(&h->queue, t, entry);
	log_debug("fetch: %s", t->url);
	fetch_start(f, t);
	if ((delay = robots_crawl_delay(h->robots)) > 0)
		h->next_start = now + (delay < CRAWL_DELAY_MAX ? delay : CRAWL_DELAY_MAX);
	return true;
}

/* Fill free slots, one request per host in turn, until nothing more can start. */
static void
fetch_dispatch(struct fetcher *f)
{
	double now = fetch_now(), wake = 0;
	bool progress = true;

	while (progress && f->nrunning < f->cfg->concurrency) {
		struct fhost *h, *next;
		size_t n = f->nhosts;

		progress = false;
		for (h = TAILQ_FIRST(&f->hosts); h != NULL && n > 0; h = next, n--) {
			next = TAILQ_NEXT(h, entry);
			if (f->nrunning >= f->cfg->concurrency)
				break;
			if (fetch_host_turn(f, h, now, &wake)) {
				progress = true;
				/* served: to the back of the round */
				TAILQ_REMOVE(&f->hosts, h, entry);
				TAILQ_INSERT_TAIL(&f->hosts, h, entry);
			}
		}
	}
	if (wake > 0) {
		struct timeval tv = fetch_tv(wake - now + 0.001);

		evtimer_add(f->wake, &tv);
	}
}

struct fetcher *
fetcher_new(struct event_base *base, const struct config *cfg)
{
	struct fetcher *f = xcalloc(1, sizeof *f);
	CURLMcode mc = CURLM_OK;

	f->base = base;
	f->cfg = cfg;
	TAILQ_INIT(&f->hosts);
	TAILQ_INIT(&f->running);
	TAILQ_INIT(&f->waiting);
	TAILQ_INIT(&f->done);
	TAILQ_INIT(&f->socks);
	f->agent = robots_agent_token(cfg->user_agent);
	f->pool = xcalloc((size_t)cfg->concurrency, sizeof *f->pool);
	for (size_t i = 0; i < cfg->n_connect_to; i++)
		f->connect_to = curl_slist_append(f->connect_to, cfg->connect_to[i]);
	if ((f->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init");
	f->timer = evtimer_new(base, fetch_timer_cb, f);
	f->kick = event_new(base, -1, 0, fetch_kick_cb, f);
	f->wake = evtimer_new(base, fetch_kick_cb, f);
#define MSET(opt, val) do { if (mc == CURLM_OK) mc = curl_multi_setopt(f->multi, opt, val); } while (0)
	MSET(CURLMOPT_SOCKETFUNCTION, fetch_sock_cb);
	MSET(CURLMOPT_SOCKETDATA, f);
	MSET(CURLMOPT_TIMERFUNCTION, fetch_multi_timer_cb);
	MSET(CURLMOPT_TIMERDATA, f);
	MSET(CURLMOPT_MAXCONNECTS, (long)cfg->concurrency * 16);
#undef MSET
	if (mc != CURLM_OK)
		fatalx("curl_multi_setopt: %s", curl_multi_strerror(mc));
	return f;
}

/* Finish t as cancelled, out of whatever list or transfer it is in. */
static void
fetch_cancel_task(struct fetcher *f, struct ftask *t, struct ftask_list *to)
{
	switch (t->state) {
	case FTASK_QUEUED:
		TAILQ_REMOVE(&t->host->queue, t, entry);
		break;
	case FTASK_RUNNING:
		TAILQ_REMOVE(&f->running, t, entry);
		f->nrunning--;
		t->host->inflight--;
		fetch_easy_drop(f, t);
		break;
	case FTASK_WAITING:
		TAILQ_REMOVE(&f->waiting, t, entry);
		evtimer_del(t->retry_ev);
		break;
	case FTASK_DONE:
		return;
	}
	if (t->is_robots) {
		t->host->robots_state = FROBOTS_NONE;
		fetch_task_free(t);
		return;
	}
	t->state = FTASK_DONE;
	t->res = fetch_result_new(t, FETCH_CANCELLED, "cancelled");
	f->stats.errors++;
	TAILQ_INSERT_TAIL(to, t, entry);
}

/* Cancel the tasks matching owner (all when all is true) into list to. */
static void
fetch_cancel_into(struct fetcher *f, const void *owner, bool all,
    struct ftask_list *to)
{
	struct fhost *h;
	struct ftask *t, *next;

	TAILQ_FOREACH(h, &f->hosts, entry) {
		for (t = TAILQ_FIRST(&h->queue); t != NULL; t = next) {
			next = TAILQ_NEXT(t, entry);
			if (all || t->owner == owner)
				fetch_cancel_task(f, t, to);
		}
	}
	for (t = TAILQ_FIRST(&f->running); t != NULL; t = next) {
		next = TAILQ_NEXT(t, entry);
		if (all || (!t->is_robots && t->owner == owner))
			fetch_cancel_task(f, t, to);
	}
	for (t = TAILQ_FIRST(&f->waiting); t != NULL; t = next) {
		next = TAILQ_NEXT(t, entry);
		if (all || t->owner == owner)
			fetch_cancel_task(f, t, to);
	}
}

/* Deliver the cancelled tasks of list, now. */
static void
fetch_deliver_list(struct fetcher *f, struct ftask_list *list)
{
	struct ftask *t;

	while ((t = TAILQ_FIRST(list)) != NULL) {
		struct fetch_result *res = t->res;
		fetch_done_cb cb = t->cb;
		void *arg = t->arg;

		TAILQ_REMOVE(list, t, entry);
		t->res = NULL;
		fetch_task_free(t);
		f->pending--;
		cb(res, arg);
	}
}

void
fetcher_cancel(struct fetcher *f, const void *owner)
{
	struct ftask_list cancelled;

	TAILQ_INIT(&cancelled);
	fetch_cancel_into(f, owner, false, &cancelled);
	/* Synchronously, so the owner may free its state right after. */
	fetch_deliver_list(f, &cancelled);
	if (f->nrunning < f->cfg->concurrency)
		fetch_kick(f);
}

void
fetcher_free(struct fetcher *f)
{
	struct ftask_list cancelled;
	struct fhost *h;
	struct fsock *s;

	if (f == NULL)
		return;
	TAILQ_INIT(&cancelled);
	fetch_cancel_into(f, NULL, true, &cancelled);
	fetch_deliver(f);
	fetch_deliver_list(f, &cancelled);
	fetch_mcode_bad("curl_multi_cleanup", curl_multi_cleanup(f->multi));
	while (f->npool > 0)
		curl_easy_cleanup(f->pool[--f->npool]);
	free(f->pool);
	while ((s = TAILQ_FIRST(&f->socks)) != NULL) {
		TAILQ_REMOVE(&f->socks, s, entry);
		event_free(s->ev);
		free(s);
	}
	while ((h = TAILQ_FIRST(&f->hosts)) != NULL) {
		TAILQ_REMOVE(&f->hosts, h, entry);
		fetch_host_errors_flush(h);
		robots_free(h->robots);
		free(h->name);
		free(h);
	}
	event_free(f->timer);
	event_free(f->kick);
	event_free(f->wake);
	curl_slist_free_all(f->connect_to);
	free(f->agent);
	free(f);
}

/* Split url into its lower-case host and its path with query; -1 if not http(s). */
static int
fetch_parse_url(const char *url, char **host, char **path)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *h = NULL, *p = NULL, *q = NULL;
	int rc = -1;

	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PATH, &p, 0) == CURLUE_OK) {
		if (curl_url_get(u, CURLUPART_QUERY, &q, 0) != CURLUE_OK)
			q = NULL;
		*host = xstrdup(h);
		for (char *c = *host; *c != '\0'; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		*path = xasprintf("%s%s%s", p, q ? "?" : "", q ? q : "");
		rc = 0;
	}
	curl_free(scheme);
	curl_free(h);
	curl_free(p);
	curl_free(q);
	curl_url_cleanup(u);
	return rc;
}

void
fetch_submit(struct fetcher *f, const struct fetch_request *req,
    fetch_done_cb cb, void *arg)
{
	struct ftask *t = xcalloc(1, sizeof *t);
	char *host = NULL;

	t->f = f;
	t->url = xstrdup(req->url);
	t->etag = xstrdup0(req->etag);
	t->last_modified = xstrdup0(req->last_modified);
	t->owner = req->owner;
	t->cb = cb;
	t->arg = arg;
	f->pending++;
	if (fetch_parse_url(t->url, &host, &t->path) == -1) {
		fetch_finish(t, fetch_result_new(t, FETCH_OTHER,
		    "not an absolute http(s) URL"));
	} else {
		t->host = fetch_host_get(f, host);
		t->state = FTASK_QUEUED;
		TAILQ_INSERT_TAIL(&t->host->queue, t, entry);
		free(host);
	}
	fetch_kick(f);
}

void
fetcher_new_pass(struct fetcher *f)
{
	struct fhost *h;

	TAILQ_FOREACH(h, &f->hosts, entry) {
		fetch_host_errors_flush(h);
		if (h->robots_state != FROBOTS_READY)
			continue;
		robots_free(h->robots);
		h->robots = NULL;
		h->robots_state = FROBOTS_NONE;
	}
}

size_t
fetcher_pending(const struct fetcher *f)
{
	return f->pending;
}

void
fetcher_stats(const struct fetcher *f, struct fetch_stats *out)
{
	*out = f->stats;
}

void
fetch_result_free(struct fetch_result *res)
{
	if (res == NULL)
		return;
	free(res->url);
	free(res->final_url);
	free(res->content_type);
	free(res->etag);
	free(res->last_modified);
	free(res->body);
	free(res->error);
	free(res);
}

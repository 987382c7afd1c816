/*
 * fetch.c: the fetch engine's queues. Requests wait per host and are served
 * round-robin across hosts (per_host and concurrency slots, Crawl-delay),
 * after the host's robots.txt; fetch-curl.c runs the transfers.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "fetch-int.h"
#include "log.h"
#include "netguard.h"
#include "robots.h"
#include "url.h"

/* Monotonic time in seconds. */
double
fetch_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A timeval for seconds s (not negative). */
struct timeval
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
bool
fetch_mcode_bad(const char *call, CURLMcode mc)
{
	if (mc == CURLM_OK)
		return false;
	log_warnx("fetch: %s: %s", call, curl_multi_strerror(mc));
	return true;
}

/* Log what once for host h, and only count it afterwards. */
void
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

/* Idle host h gets a request again: back to the tail of the round-robin. */
void
fetch_host_wake(struct fetcher *f, struct fhost *h)
{
	if (!h->idle)
		return;
	TAILQ_REMOVE(&f->idle, h, entry);
	f->nidle--;
	h->idle = false;
	TAILQ_INSERT_TAIL(&f->hosts, h, entry);
	f->nhosts++;
}

/* Free host h (in no list; no task points to it). */
static void
fetch_host_free(struct fhost *h)
{
	fetch_host_errors_flush(h);
	robots_free(h->robots);
	free(h->name);
	free(h);
}

/*
 * The host named name, in the round-robin (at its tail if it was idle or
 * new), for a task about to be queued; borrowed. Both lists are short:
 * the hosts of the passes in flight, and at most fetch_idle_cap idle ones.
 */
static struct fhost *
fetch_host_get(struct fetcher *f, const char *name)
{
	struct fhost *h;

	TAILQ_FOREACH(h, &f->hosts, entry)
		if (strcmp(h->name, name) == 0)
			return h;
	TAILQ_FOREACH(h, &f->idle, entry)
		if (strcmp(h->name, name) == 0)
			break;
	if (h == NULL) {
		h = xcalloc(1, sizeof *h);
		h->name = xstrdup(name);
		TAILQ_INIT(&h->queue);
		TAILQ_INSERT_TAIL(&f->hosts, h, entry);
		f->nhosts++;
	} else
		fetch_host_wake(f, h);
	return h;
}

/* How many idle hosts keep their state: a few beyond the transfers in flight. */
static size_t
fetch_idle_cap(const struct fetcher *f)
{
	size_t cap = 2 * (size_t)f->cfg->concurrency;

	return cap > FETCH_IDLE_HOSTS ? cap : FETCH_IDLE_HOSTS;
}

/*
 * Host h has nothing queued: out of the round-robin, into the idle list;
 * past its cap, the least recently used idle host no task points to is
 * forgotten (its robots.txt is read again if it comes back).
 */
static void
fetch_host_rest(struct fetcher *f, struct fhost *h)
{
	struct fhost *old;

	if (h->idle || !TAILQ_EMPTY(&h->queue))
		return;
	TAILQ_REMOVE(&f->hosts, h, entry);
	f->nhosts--;
	h->idle = true;
	TAILQ_INSERT_TAIL(&f->idle, h, entry);
	f->nidle++;
	while (f->nidle > fetch_idle_cap(f)) {
		TAILQ_FOREACH(old, &f->idle, entry)
			if (old->tasks == 0)
				break;
		if (old == NULL)
			break;	/* all busy (retries, transfers): keep them for now */
		TAILQ_REMOVE(&f->idle, old, entry);
		f->nidle--;
		fetch_host_free(old);
	}
}

/* Free a task and what it holds (not its result, if delivered). */
static void
fetch_task_free(struct ftask *t)
{
	fetch_hops_clear(t);
	if (t->host != NULL)
		t->host->tasks--;
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

/* t is over: park its result for delivery from the loop. */
void
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
void
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

/* Start fetching robots.txt for h, at the origin of url. */
static void
fetch_robots_start(struct fetcher *f, struct fhost *h, const char *url)
{
	struct ftask *t;
	char *rurl;

	h->robots_state = FROBOTS_FETCHING;
	if ((rurl = url_robots(url)) == NULL) {
		h->robots = robots_allow_all();
		h->robots_state = FROBOTS_READY;
		return;
	}
	t = xcalloc(1, sizeof *t);
	t->f = f;
	t->host = h;
	h->tasks++;
	t->is_robots = true;
	t->url = rurl;
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
void
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
		/*
		 * Logged under the transfer's own error, so the page that fails
		 * the same way next is counted, not logged again: one warning
		 * for an unreachable host. A refused address says so.
		 */
		if (rc != CURLE_OK && t->refused != NULL)
			fetch_host_error(h, "forbidden address", t->refused);
		else if (rc != CURLE_OK)
			fetch_host_error(h, curl_easy_strerror(rc),
			    t->errbuf[0] ? t->errbuf : "robots.txt");
		else if (status >= 500) {
			char *d = xasprintf("HTTP %ld", status);

			fetch_host_error(h, "robots.txt failed, allowing all", d);
			free(d);
		}
	}
	h->robots_state = FROBOTS_READY;
	fetch_task_free(t);
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
void
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
			fetch_host_rest(f, h);
		}
	}
	if (wake > 0) {
		struct timeval tv = fetch_tv(wake - now + 0.001);

		evtimer_add(f->wake, &tv);
	}
}

void
fetcher_resolve(struct fetcher *f, const char *entry)
{
	struct curl_slist *l = curl_slist_append(f->resolve, entry);

	if (l == NULL)
		fatalx("out of memory");
	f->resolve = l;
}

struct fetcher *
fetcher_new(struct event_base *base, const struct config *cfg)
{
	struct fetcher *f = xcalloc(1, sizeof *f);

	f->base = base;
	f->cfg = cfg;
	TAILQ_INIT(&f->hosts);
	TAILQ_INIT(&f->idle);
	TAILQ_INIT(&f->running);
	TAILQ_INIT(&f->waiting);
	TAILQ_INIT(&f->done);
	f->agent = robots_agent_token(cfg->user_agent);
	for (size_t i = 0; i < cfg->n_connect_to; i++)
		f->connect_to = curl_slist_append(f->connect_to, cfg->connect_to[i]);
	f->guard = netguard_new(cfg);
	f->kick = event_new(base, -1, 0, fetch_kick_cb, f);
	f->wake = evtimer_new(base, fetch_kick_cb, f);
	fetch_multi_init(f);
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
	struct fhost *h, *hnext;
	struct ftask *t, *next;

	for (h = TAILQ_FIRST(&f->hosts); h != NULL; h = hnext) {
		hnext = TAILQ_NEXT(h, entry);
		for (t = TAILQ_FIRST(&h->queue); t != NULL; t = next) {
			next = TAILQ_NEXT(t, entry);
			if (all || t->owner == owner)
				fetch_cancel_task(f, t, to);
		}
		fetch_host_rest(f, h);
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

	if (f == NULL)
		return;
	TAILQ_INIT(&cancelled);
	fetch_cancel_into(f, NULL, true, &cancelled);
	fetch_deliver(f);
	fetch_deliver_list(f, &cancelled);
	fetch_multi_free(f);
	while ((h = TAILQ_FIRST(&f->hosts)) != NULL) {
		TAILQ_REMOVE(&f->hosts, h, entry);
		fetch_host_free(h);
	}
	while ((h = TAILQ_FIRST(&f->idle)) != NULL) {
		TAILQ_REMOVE(&f->idle, h, entry);
		fetch_host_free(h);
	}
	event_free(f->kick);
	event_free(f->wake);
	curl_slist_free_all(f->connect_to);
	netguard_free(f->guard);
	curl_slist_free_all(f->resolve);
	free(f->agent);
	free(f->owners);
	free(f);
}

int
fetch_parse_url(const char *url, char **host, char **path)
{
	struct url_parts u;

	if (url_parse(url, URL_WEB, &u) == -1)
		return -1;
	*host = xstrdup(u.host);
	*path = xasprintf("%s%s%s", u.path ? u.path : "/", u.query ? "?" : "",
	    u.query ? u.query : "");
	url_parts_free(&u);
	return 0;
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
		t->host->tasks++;
		fetch_keep_host(f, t->owner, host);
		fetch_keep_apply(f);
		t->state = FTASK_QUEUED;
		TAILQ_INSERT_TAIL(&t->host->queue, t, entry);
		free(host);
	}
	fetch_kick(f);
}

/* Forget h's robots.txt rules and logged errors. */
static void
fetch_host_new_pass(struct fhost *h)
{
	fetch_host_errors_flush(h);
	if (h->robots_state != FROBOTS_READY)
		return;
	robots_free(h->robots);
	h->robots = NULL;
	h->robots_state = FROBOTS_NONE;
}

void
fetcher_new_pass(struct fetcher *f)
{
	struct fhost *h;

	TAILQ_FOREACH(h, &f->hosts, entry)
		fetch_host_new_pass(h);
	TAILQ_FOREACH(h, &f->idle, entry)
		fetch_host_new_pass(h);
}

size_t
fetcher_pending(const struct fetcher *f)
{
	return f->pending;
}

struct event_base *
fetcher_base(const struct fetcher *f)
{
	return f->base;
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

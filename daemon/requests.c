/* requests.c: picking up the re-checks the secretariat asks for on the dashboard. */
#include "requests.h"

#include <stdlib.h>

#include <event2/event.h>

#include "log.h"
#include "store-corr.h"
#include "store-dash.h"
#include "xmalloc.h"

/* How often the database is looked at: a request is picked up within this. */
#define REQUESTS_EVERY	1

struct requests {
	struct event		*ev;
	struct store *const	*st;
	int64_t			(*now)(void *);
	requests_want_cb	 want;
	void			*arg;
	int64_t			 version;
	bool			 waiting;	/* read again even if nothing was written */
};

/* Read the waiting requests and hand each unit to want. */
static void
requests_read(struct requests *rq)
{
	char **ids, *cause;
	size_t n;

	if (store_recheck_waiting(*rq->st, &ids, &n, &cause) == -1) {
		log_warnx("re-check requests: %s", cause);
		free(cause);
		return;
	}
	rq->waiting = false;
	for (size_t i = 0; i < n; i++) {
		if (!rq->want(ids[i], rq->arg)) {
			rq->waiting = true;	/* busy now: ask again next second */
		} else if (store_recheck_mark(*rq->st, ids[i], false, rq->now(rq->arg),
		    &cause) == -1) {
			log_warnx("re-check requests: %s", cause);
			free(cause);
		} else
			log_info("%s: re-check asked for by the secretariat", ids[i]);
		free(ids[i]);
	}
	free(ids);
}

static void
requests_cb(evutil_socket_t fd, short what, void *arg)
{
	struct requests *rq = arg;
	struct timeval tv = { REQUESTS_EVERY, 0 };
	int64_t version;
	char *cause;

	(void)fd;
	(void)what;
	if (store_data_version(*rq->st, &version, &cause) == -1) {
		log_warnx("re-check requests: %s", cause);
		free(cause);
	} else if (version != rq->version || rq->waiting) {
		rq->version = version;
		requests_read(rq);
	}
	evtimer_add(rq->ev, &tv);
}

struct requests *
requests_new(struct event_base *base, struct store *const *st,
    int64_t (*now)(void *), requests_want_cb want, void *arg)
{
	struct requests *rq = xcalloc(1, sizeof *rq);
	struct timeval tv = { 0, 0 };

	rq->st = st;
	rq->now = now;
	rq->want = want;
	rq->arg = arg;
	rq->version = -1;
	if ((rq->ev = evtimer_new(base, requests_cb, rq)) == NULL)
		fatalx("evtimer_new");
	evtimer_add(rq->ev, &tv);
	return rq;
}

void
requests_free(struct requests *rq)
{
	if (rq == NULL)
		return;
	event_free(rq->ev);
	free(rq);
}

void
requests_done(struct requests *rq, const char *unit_id)
{
	char *cause;

	if (store_recheck_mark(*rq->st, unit_id, true, rq->now(rq->arg), &cause) == -1) {
		log_warnx("re-check requests: %s", cause);
		free(cause);
	}
}

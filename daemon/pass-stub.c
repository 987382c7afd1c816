/* TEMPORARY STUB: delete when daemon/pass.c / daemon/fetch.c land. */
/*
 * pass-stub.c: a pass that checks nothing. It completes from the loop (a
 * 0 ms timer) with every criterion not_checked and stores nothing, so the
 * daemon's scheduling, signals and systemd protocol run before the crawler.
 */
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "config.h"
#include "pass.h"
#include "xmalloc.h"

/* Tests look for this symbol to know that passes store nothing yet. */
extern const int tctt_pass_is_stub;
const int tctt_pass_is_stub = 1;

struct event_base *fetcher_stub_base(const struct fetcher *f);

struct pass {
	struct event		*ev;
	char			*unit_id;
	int64_t			 now;
	pass_done_cb		 cb;
	void			*arg;
};

/* The 0 ms timer: report an empty result, then free the pass. */
static void
pass_stub_done_cb(int fd, short what, void *arg)
{
	struct pass *p = arg;
	struct pass_result pr;

	(void)fd;
	(void)what;
	memset(&pr, 0, sizeof pr);
	pr.started_at = pr.finished_at = p->now;
	p->cb(p->unit_id, &pr, -1, p->arg);
	event_free(p->ev);
	free(p->unit_id);
	free(p);
}

struct pass *
pass_start(struct fetcher *f, struct store *st, const struct config *cfg,
    const struct unit_conf *unit, int64_t now, pass_done_cb cb, void *arg)
{
	struct pass *p = xcalloc(1, sizeof *p);
	struct timeval tv = { 0, 0 };

	(void)st;
	(void)cfg;
	p->unit_id = xstrdup(unit->id);
	p->now = now;
	p->cb = cb;
	p->arg = arg;
	p->ev = evtimer_new(fetcher_stub_base(f), pass_stub_done_cb, p);
	evtimer_add(p->ev, &tv);
	return p;
}

void
pass_cancel(struct pass *p)
{
	event_free(p->ev);
	free(p->unit_id);
	free(p);
}

/*
 * once.c: `tcttd --once`: one pass over every unit (or one), stored, then
 * exit. Passes run as the daemon runs them: at most sched_max_passes at a
 * time, the next unit starting when one ends, so memory and the connections
 * in use stay bounded however many units there are.
 */
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "clock.h"
#include "config.h"
#include "fetch.h"
#include "log.h"
#include "pass.h"
#include "schedule.h"
#include "stagecpu.h"
#include "store.h"
#include "tcttd.h"
#include "worker.h"

struct once_state {
	struct event_base	*base;
	struct fetcher		*f;
	struct worker		*w;
	struct store		*st;
	const struct config	*cfg;
	const char		*unit_id;	/* only this one, or NULL */
	int64_t			 now;
	size_t			 next;		/* index of the next unit to start */
	size_t			 running;
	size_t			 most;		/* passes running at once, at most */
	size_t			 max;		/* sched_max_passes */
	size_t			 passes;	/* finished */
	size_t			 failed;	/* passes that could not be stored */
	bool			 starting;	/* inside once_fill */
	long			 pages;		/* pages loaded, for stage_report */
};

static void once_fill(struct once_state *);

static void
once_done_cb(const char *unit_id, const struct pass_result *pr, int save_rc,
    void *arg)
{
	struct once_state *os = arg;
	int ok = 0;

	os->pages += pr->pages;
	for (int c = 0; c < CRIT_COUNT; c++)
		ok += pr->v[c].status == ST_OK;
	if (save_rc == -1)
		os->failed++;
	else if (!pr->reachable)
		log_notice("%s: unreachable (%s)", unit_id,
		    pr->v[0].note ? pr->v[0].note : "?");
	else
		log_info("%s: %d/%d criteria ok, %d pages", unit_id, ok,
		    CRIT_COUNT, pr->pages);
	os->running--;
	os->passes++;
	once_fill(os);
	/* Inside once_fill (a pass over at once), the units left are still to start. */
	if (os->running == 0 && !os->starting)
		event_base_loopbreak(os->base);
}

/*
 * Start passes until max run or no unit is left. A pass over at once (bad
 * URL) calls once_done_cb from inside pass_start: that call only counts.
 */
static void
once_fill(struct once_state *os)
{
	const struct config *cfg = os->cfg;

	if (os->starting)
		return;
	os->starting = true;
	while (os->running < os->max && os->next < cfg->n_units) {
		const struct unit_conf *u = &cfg->units[os->next++];

		if (os->unit_id != NULL && strcmp(u->id, os->unit_id) != 0)
			continue;
		if (++os->running > os->most)
			os->most = os->running;
		pass_start(os->f, os->w, os->st, cfg, u, os->now, once_done_cb, os);
	}
	os->starting = false;
}

int
tcttd_once(const struct config *cfg, const char *unit_id)
{
	struct once_state os = { 0 };
	struct fetch_stats fs;
	char *cause;

	os.cfg = cfg;
	os.unit_id = unit_id;
	os.now = clock_now();
	os.max = sched_max_passes(cfg->concurrency, cfg->per_host);
	if (store_open(cfg->database, 0, &os.st, &cause) == -1 ||
	    store_sync_units(os.st, cfg, os.now, &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		store_close(os.st);
		return 1;
	}
	store_checkpoint_apart(os.st);
	os.base = event_base_new();
	if (os.base == NULL)
		fatalx("cannot create the event loop");
	os.f = fetcher_new(os.base, cfg);
	os.w = worker_new(os.base, cfg->workers);
	once_fill(&os);
	if (os.running > 0)
		event_base_dispatch(os.base);
	worker_free(os.w);	/* its thread's CPU counts in stage_report once it ends */
	stage_report(os.pages);
	fetcher_stats(os.f, &fs);
	/* The bench and the tests read this line. */
	log_info("%zu passes, at most %zu at once; %llu requests over %llu "
	    "connections, %llu bytes received", os.passes, os.most,
	    (unsigned long long)fs.requests, (unsigned long long)fs.connects,
	    (unsigned long long)fs.wire_bytes);
	fetcher_free(os.f);
	event_base_free(os.base);
	store_close(os.st);
	if (os.failed > 0) {
		log_errx("%zu passes could not be stored", os.failed);
		return 1;
	}
	return 0;
}

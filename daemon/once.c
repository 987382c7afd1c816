/* once.c: `tcttd --once`: one pass over every unit (or one), stored, then exit. */
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "clock.h"
#include "config.h"
#include "fetch.h"
#include "log.h"
#include "pass.h"
#include "stagecpu.h"
#include "store.h"
#include "tcttd.h"

struct once_state {
	struct event_base	*base;
	size_t			 running;
	size_t			 failed;	/* passes that could not be stored */
	long			 pages;		/* pages loaded, for stage_report */
};

static void
once_done_cb(const char *unit_id, const struct pass_result *pr, int stored,
    void *arg)
{
	struct once_state *os = arg;
	int ok = 0;

	os->pages += pr->pages;
	for (int c = 0; c < CRIT_COUNT; c++)
		ok += pr->v[c].status == ST_OK;
	if (stored == -1)
		os->failed++;
	else if (!pr->reachable)
		log_notice("%s: unreachable (%s)", unit_id,
		    pr->v[0].note ? pr->v[0].note : "?");
	else
		log_info("%s: %d/%d criteria ok, %d pages", unit_id, ok,
		    CRIT_COUNT, pr->pages);
	if (--os->running == 0)
		event_base_loopbreak(os->base);
}

int
tcttd_once(const struct config *cfg, const char *unit_id)
{
	struct once_state os = { 0 };
	struct fetcher *f;
	struct store *st;
	char *cause;
	int64_t now = clock_now();

	if (store_open(cfg->database, 0, &st, &cause) == -1 ||
	    store_sync_units(st, cfg, now, &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		store_close(st);
		return 1;
	}
	os.base = event_base_new();
	if (os.base == NULL)
		fatalx("cannot create the event loop");
	f = fetcher_new(os.base, cfg);
	for (size_t i = 0; i < cfg->n_units; i++) {
		const struct unit_conf *u = &cfg->units[i];

		if (unit_id != NULL && strcmp(u->id, unit_id) != 0)
			continue;
		os.running++;
		/* pass_start returns NULL when the pass is already over (bad URL). */
		pass_start(f, st, cfg, u, now, once_done_cb, &os);
	}
	if (os.running > 0)
		event_base_dispatch(os.base);
	stage_report(os.pages);
	fetcher_free(f);
	event_base_free(os.base);
	store_close(st);
	if (os.failed > 0) {
		log_errx("%zu passes could not be stored", os.failed);
		return 1;
	}
	return 0;
}

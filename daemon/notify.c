/* notify.c: the notices' part of the daemon's schedule: daily reminders, weekly digest, retries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "notify.h"
#include "store-dash.h"
#include "store-notice.h"

/*
 * A fresh database (no digest, no pass yet) has nothing to report: no digest
 * of an empty week right after the first start.
 */
static bool
nothing_yet(struct store *st, const char *last_week)
{
	struct pass_metrics pm;
	char *cause = NULL;

	if (last_week != NULL)
		return false;
	if (store_pass_metrics(st, &pm, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return false;
	}
	return pm.passes == 0;
}

int
notify_record(const struct config *cfg, struct store *st, int64_t now,
    struct notify_sched *sched)
{
	char day[16], week[16], *last = NULL, *cause = NULL;
	int rc = 0;

	clock_date(now, day, sizeof day);
	if (strcmp(day, sched->round_day) != 0) {
		if (notify_round(cfg, st, now, false) == -1)
			rc = -1;
		else
			snprintf(sched->round_day, sizeof sched->round_day, "%s", day);
	}
	if (store_digest_last(st, &last, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		rc = -1;
	} else if (digest_due(cfg, last, now, week, sizeof week) && !nothing_yet(st, last) &&
	    digest_run(cfg, st, now, week, false) == -1)
		rc = -1;
	free(last);
	return rc;
}

int
notify_tick(const struct config *cfg, struct store *st, int64_t now,
    struct notify_sched *sched)
{
	int rc = notify_record(cfg, st, now, sched);

	if (notices_flush(cfg, st, now) == -1)
		rc = -1;
	return rc;
}

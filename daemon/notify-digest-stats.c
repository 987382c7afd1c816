/* notify-digest-stats.c: the figures of the weekly digest, from current verdicts and history. */
#include "notify-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "notify.h"
#include "store-notice.h"
#include "xmalloc.h"

/* Each criterion's status in force at t: the newest stretch begun by then. */
static void
status_at(const struct history_entry *h, size_t n, int64_t t,
    enum status out[CRIT_COUNT])
{
	bool seen[CRIT_COUNT] = { false };

	for (int c = 0; c < CRIT_COUNT; c++)
		out[c] = ST_NOT_CHECKED;
	for (size_t i = 0; i < n; i++) {
		if (seen[h[i].crit] || h[i].first_seen > t)
			continue;
		seen[h[i].crit] = true;
		out[h[i].crit] = h[i].v.status;
	}
}

/*
 * True when the unit was checked and reachable: no criterion of counted is
 * unreachable, and all are known (now) or at least one is (a week ago: a
 * criterion added since, by a newer tcttd, was not checked then).
 */
static bool
statuses_known(const enum status st[CRIT_COUNT], crit_set counted, bool then)
{
	int known = 0, n = 0;

	for (int c = 0; c < CRIT_COUNT; c++) {
		if (!CRIT_IN(counted, c))
			continue;
		if (st[c] == ST_UNREACHABLE)
			return false;
		known += st[c] != ST_NOT_CHECKED;
		n++;
	}
	return then ? known > 0 : known == n;
}

/* Fill one unit's figures from its history. */
static int
unit_figures(const struct config *cfg, struct store *st, int64_t now,
    struct digest_unit *du, char **cause)
{
	const struct unit_state *u = du->u;
	struct history_entry *h;
	enum status cur[CRIT_COUNT];
	size_t n;

	if (store_history(st, u->id, &h, &n, cause) == -1)
		return -1;
	status_at(h, n, now - DIGEST_WEEK, du->then);
	for (int c = 0; c < CRIT_COUNT; c++) {
		cur[c] = u->v[c].status;
		if (!CRIT_IN(cfg->criteria, c))
			continue;
		du->n_now++;
		du->ok_now += cur[c] == ST_OK;
		du->n_then += du->then[c] != ST_NOT_CHECKED;
		du->cmp_now += du->then[c] != ST_NOT_CHECKED && cur[c] == ST_OK;
		du->ok_then += du->then[c] == ST_OK;
		if (!remind_status_fails(cur[c]))
			continue;
		int64_t since = remind_failing_since(h, n, (enum criterion)c, &u->v[c]);

		du->failing++;
		if (du->lag_since == 0 || since < du->lag_since)
			du->lag_since = since;
		if (now - since >= cfg->remind_after)
			du->remind_due = true;
	}
	du->comparable = statuses_known(cur, cfg->criteria, false) &&
	    statuses_known(du->then, cfg->criteria, true);
	history_free(h, n);
	return 0;
}

int
digest_stats_build(const struct config *cfg, struct store *st, int64_t now,
    const char *week, struct digest_stats *ds, char **cause)
{
	memset(ds, 0, sizeof *ds);
	snprintf(ds->week, sizeof ds->week, "%s", week);
	ds->now = now;
	ds->counted = cfg->criteria;
	ds->n_counted = crit_set_size(cfg->criteria);
	if (store_units(st, false, &ds->units, &ds->n, cause) == -1)
		return -1;
	ds->du = xcalloc(ds->n ? ds->n : 1, sizeof *ds->du);
	for (size_t i = 0; i < ds->n; i++) {
		struct digest_unit *du = &ds->du[i];
		bool then_checked = false;

		du->u = &ds->units[i];
		if (unit_figures(cfg, st, now, du, cause) == -1) {
			digest_stats_clear(ds);
			return -1;
		}
		for (int c = 0; c < CRIT_COUNT; c++) {
			if (!CRIT_IN(cfg->criteria, c))
				continue;
			ds->counts[du->u->v[c].status]++;
			ds->failing[c] += remind_status_fails(du->u->v[c].status);
			then_checked |= du->then[c] != ST_NOT_CHECKED;
		}
		if (du->u->checked_at != 0) {
			ds->checked_now++;
			ds->ok_now += du->ok_now;
			ds->crit_now += du->n_now;
			ds->compliant_now += du->ok_now == du->n_now;
		}
		/* A week ago, over the criteria judged then (those added since were not). */
		if (then_checked) {
			ds->checked_then++;
			ds->ok_then += du->ok_then;
			ds->crit_then += du->n_then;
			ds->compliant_then += du->ok_then == du->n_then;
		}
	}
	if (store_notices_between(st, NOTICE_REMINDER, NULL, now - DIGEST_WEEK,
	    now + 1, &ds->reminders, &ds->n_reminders, cause) == -1) {
		digest_stats_clear(ds);
		return -1;
	}
	return 0;
}

int
digest_share(const struct digest_stats *ds, bool then)
{
	int crits = then ? ds->crit_then : ds->crit_now;
	int ok = then ? ds->ok_then : ds->ok_now;

	if (crits == 0)
		return -1;
	return (int)((ok * 1000L + crits / 2) / crits);
}

void
digest_stats_clear(struct digest_stats *ds)
{
	unit_states_free(ds->units, ds->n);
	free(ds->du);
	notices_free(ds->reminders, ds->n_reminders);
	memset(ds, 0, sizeof *ds);
}

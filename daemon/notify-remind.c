/* notify-remind.c: reminder notices to lagging units: who is due, and the --remind mode. */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "notify-letter.h"
#include "log.h"
#include "notify.h"
#include "store-notice.h"
#include "store.h"
#include "tcttd.h"
#include "xmalloc.h"

bool
remind_status_fails(enum status st)
{
	return st == ST_STALE || st == ST_MISSING;
}

int64_t
remind_failing_since(const struct history_entry *h, size_t n,
    enum criterion crit, const struct verdict *cur)
{
	int64_t since = cur->since;

	/* Newest first: walk back through stretches that were not ok. */
	for (size_t i = 0; i < n; i++) {
		if (h[i].crit != crit)
			continue;
		if (h[i].v.status == ST_OK || h[i].v.status == ST_NOT_CHECKED)
			break;
		if (h[i].v.since != 0 && h[i].v.since < since)
			since = h[i].v.since;
		if (h[i].first_seen != 0 && h[i].first_seen < since)
			since = h[i].first_seen;
	}
	return since;
}

/*
 * Record (or print) the reminder for u if one is due at now. Returns 1 when
 * one was made, 0 when none is due, -1 on error.
 */
static int
remind_unit(const struct config *cfg, struct store *st,
    const struct unit_state *u, int64_t now, bool dry_run)
{
	const struct unit_conf *uc = config_unit(cfg, u->id);
	struct remind_item items[CRIT_COUNT];
	struct history_entry *h = NULL;
	struct notice *prev = NULL, nt;
	struct letter l = { 0 };
	size_t n = 0, nh = 0, nprev = 0, count = 0;
	int64_t episode = now, last = 0;
	bool due = false;
	char *cause, day[16];
	int rc;

	if (uc == NULL)
		return 0;
	/* Only the criteria [rules] criteria counts are reminded of. */
	for (int c = 0; c < CRIT_COUNT; c++)
		if (CRIT_IN(cfg->criteria, c) && remind_status_fails(u->v[c].status))
			n++;
	if (n == 0)
		return 0;
	if (store_history(st, u->id, &h, &nh, &cause) == -1)
		goto fail;
	n = 0;
	for (int c = 0; c < CRIT_COUNT; c++) {
		if (!CRIT_IN(cfg->criteria, c) || !remind_status_fails(u->v[c].status))
			continue;
		items[n].crit = (enum criterion)c;
		items[n].v = &u->v[c];
		items[n].failing_since = remind_failing_since(h, nh,
		    (enum criterion)c, &u->v[c]);
		if (now - items[n].failing_since >= cfg->remind_after)
			due = true;
		if (items[n].failing_since < episode)
			episode = items[n].failing_since;
		n++;
	}
	history_free(h, nh);
	if (!due)
		return 0;
	if (uc->email == NULL) {
		log_warnx("unit %s lags (%zu criteria) but has no e-mail address: "
		    "no reminder", u->id, n);
		return 0;
	}
	if (store_notices_between(st, NOTICE_REMINDER, u->id, 0, now + 1, &prev,
	    &nprev, &cause) == -1)
		goto fail;
	for (size_t i = 0; i < nprev; i++) {
		if (prev[i].created_at > last)
			last = prev[i].created_at;
		if (prev[i].created_at >= episode)
			count++;
	}
	notices_free(prev, nprev);
	if (last != 0 && now - last < cfg->remind_every) {
		log_debug("unit %s: reminded at %lld, not again before %lld", u->id,
		    (long long)last, (long long)(last + cfg->remind_every));
		return 0;
	}

	memset(&nt, 0, sizeof nt);
	nt.kind = NOTICE_REMINDER;
	nt.unit_id = u->id;
	nt.round_key = xasprintf("reminder:%s:%s", u->id, clock_date(now, day, sizeof day));
	nt.mail_to = uc->email;
	nt.mail_cc = (int)count + 1 > cfg->escalate_after ? cfg->secretariat : NULL;
	nt.created_at = now;
	remind_letter(cfg, u, items, n, (int)count + 1, nt.mail_cc != NULL, now, &l);
	letter_to_notice(cfg, &l, u->name, now, &nt);
	if (dry_run) {
		notice_print(stdout, &nt);
		rc = 1;
	} else if ((rc = store_notice_add(st, &nt, &cause)) == -1) {
		free(nt.round_key);
		free(nt.message);
		letter_clear(&l);
		goto fail;
	} else if (rc == 1)
		log_info("unit %s: reminder %d recorded (%zu criteria%s)", u->id,
		    (int)count + 1, n, nt.mail_cc != NULL ? ", secretariat copied" : "");
	free(nt.round_key);
	free(nt.message);
	letter_clear(&l);
	return rc;
fail:
	log_warnx("%s", cause);
	free(cause);
	return -1;
}

int
notify_round(const struct config *cfg, struct store *st, int64_t now,
    bool dry_run)
{
	struct unit_state *units;
	size_t n;
	char *cause;
	int made = 0, rc;

	if (store_units(st, false, &units, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = remind_unit(cfg, st, &units[i], now, dry_run)) == -1) {
			unit_states_free(units, n);
			return -1;
		}
		made += rc;
	}
	unit_states_free(units, n);
	return made;
}

int
tcttd_remind(const struct config *cfg, bool dry_run)
{
	int64_t now = clock_now();
	struct store *st;
	char *cause;
	int made, left = 0;

	if (store_open(cfg->database, dry_run ? STORE_READONLY : 0, &st,
	    &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		return 1;
	}
	if ((made = notify_round(cfg, st, now, dry_run)) >= 0 && !dry_run)
		left = notices_flush(cfg, st, now);
	store_close(st);
	if (made < 0 || left < 0)
		return 1;
	log_info("reminder round: %d reminder%s%s", made, made == 1 ? "" : "s",
	    dry_run ? " (dry run, nothing sent or recorded)" : "");
	if (left > 0)
		log_warnx("%d notice%s not delivered yet; they will be retried",
		    left, left == 1 ? "" : "s");
	return left > 0 ? 1 : 0;
}

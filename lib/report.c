/*
 * report.c: the figures of a report, from the history stretches. A verdict
 * holds from the check that saw it until the next check, and at most one
 * [daemon] interval after it was last seen: a day no verdict covers is a day
 * "not checked". A day's status is the one in force at its end.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "dates.h"
#include "store-notice.h"
#include "store-corr.h"
#include "store-report.h"
#include "xmalloc.h"

/* Local midnight at the start of day ymd. */
static int64_t
day_start(int ymd)
{
	struct tm tm = { .tm_year = ymd / 10000 - 1900, .tm_mon = ymd / 100 % 100 - 1,
	    .tm_mday = ymd % 100, .tm_isdst = -1 };

	return (int64_t)mktime(&tm);
}

/* The day number (since 1970-01-01) of a time, in local time. */
static int64_t
day_of(int64_t t)
{
	return date_days(date_of_time(t));
}

/* YYYYMMDD of a day number. */
static int
ymd_of_day(int64_t day)
{
	time_t tt = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&tt, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* Position of a unit kind in the report's order; unknown kinds last. */
static int
kind_rank(const char *kind)
{
	for (int i = UNIT_DEPARTMENT; i <= UNIT_COMMUNE; i++)
		if (kind != NULL && strcmp(kind, unit_kind_name((enum unit_kind)i)) == 0)
			return i;
	return UNIT_COMMUNE + 1;
}

static int
unit_cmp(const void *a, const void *b)
{
	const struct report_unit *x = a, *y = b;
	int kx = kind_rank(x->u->kind), ky = kind_rank(y->u->kind);

	if (kx != ky)
		return kx < ky ? -1 : 1;
	return strcmp(x->u->id, y->u->id);
}

/* The context of one build: the period in times and days. */
struct period {
	int64_t		 start, end;	/* [start, end): times */
	int64_t		 day0;		/* day number of the first day */
	int		 days;
	int64_t		 hold;		/* how long a verdict holds after it was last seen */
};

/*
 * Fill day[] (p->days entries) with crit's status on each day of the period,
 * from h (newest first); ST_NOT_CHECKED where no verdict holds.
 */
static void
crit_days(const struct period *p, const struct history_entry *h, size_t n,
    enum criterion crit, enum status *day)
{
	int64_t next_first = INT64_MAX;	/* first_seen of the next newer stretch */

	for (int i = 0; i < p->days; i++)
		day[i] = ST_NOT_CHECKED;
	/* Newest first: a newer stretch's days are set already and win. */
	for (size_t i = 0; i < n; i++) {
		int64_t from, until, d0, d1;

		if (h[i].crit != crit)
			continue;
		from = h[i].first_seen;
		until = h[i].last_seen + p->hold;
		if (until > next_first)
			until = next_first;
		next_first = from;
		if (until > p->end)
			until = p->end;
		if (from >= p->end || until <= p->start || until <= from)
			continue;
		if (from < p->start)
			from = p->start;
		d0 = day_of(from) - p->day0;
		d1 = day_of(until - 1) - p->day0;
		for (int64_t d = d0 < 0 ? 0 : d0; d <= d1 && d < p->days; d++)
			if (day[d] == ST_NOT_CHECKED)
				day[d] = h[i].v.status;
	}
}

/*
 * The stretch of crit in force at t (newest first_seen <= t), or NULL. Only
 * when it was seen within hold of t.
 */
static const struct history_entry *
stretch_at(const struct period *p, const struct history_entry *h, size_t n,
    enum criterion crit, int64_t t)
{
	for (size_t i = 0; i < n; i++) {
		if (h[i].crit != crit || h[i].first_seen > t)
			continue;
		return h[i].last_seen + p->hold >= t ? &h[i] : NULL;
	}
	return NULL;
}

/* Start of the unbroken run, ending at t, of stretches whose status is in the set (mask of 1 << status). */
static int64_t
run_since(const struct history_entry *h, size_t n, enum criterion crit, int64_t t,
    unsigned mask)
{
	int64_t since = 0;

	for (size_t i = 0; i < n; i++) {
		if (h[i].crit != crit || h[i].first_seen > t)
			continue;
		if (!(mask & 1u << h[i].v.status))
			break;
		since = h[i].first_seen;
	}
	return since;
}

static bool
failing(enum status st)
{
	return st == ST_STALE || st == ST_MISSING;
}

/* One unit's figures from its history. */
static void
unit_figures(const struct period *p, const struct history_entry *h, size_t n,
    struct report_unit *ru, enum status *day)
{
	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct history_entry *e;

		crit_days(p, h, n, (enum criterion)c, day);
		for (int i = 0; i < p->days; i++) {
			ru->ok_days[c] += day[i] == ST_OK;
			ru->unchecked_days[c] += day[i] == ST_NOT_CHECKED;
			if (c == 0)
				ru->unreachable_days += day[i] == ST_UNREACHABLE;
		}
		e = stretch_at(p, h, n, (enum criterion)c, p->end - 1);
		ru->end[c] = e != NULL ? e->v.status : ST_NOT_CHECKED;
		if (failing(ru->end[c])) {
			int64_t since = run_since(h, n, (enum criterion)c, p->end - 1,
			    1u << ST_STALE | 1u << ST_MISSING | 1u << ST_UNREACHABLE);

			if (ru->lag_since == 0 || since < ru->lag_since)
				ru->lag_since = since;
		}
	}
	if (ru->end[0] == ST_UNREACHABLE)
		ru->unreachable_since = run_since(h, n, (enum criterion)0, p->end - 1,
		    1u << ST_UNREACHABLE);
}

/*
 * When what the reminder at t asked for was fixed: every criterion failing
 * at t ok again (the first ok stretch after t of each); 0 when one is not by
 * the period's end, -1 when nothing was failing at t.
 */
static int64_t
fixed_at(const struct period *p, const struct history_entry *h, size_t n, int64_t t)
{
	int64_t fixed = -1;

	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct history_entry *e = stretch_at(p, h, n, (enum criterion)c, t);
		int64_t ok = 0;

		if (e == NULL || !failing(e->v.status))
			continue;
		for (size_t i = 0; i < n; i++)
			if ((int)h[i].crit == c && h[i].v.status == ST_OK &&
			    h[i].first_seen > t && h[i].first_seen < p->end)
				ok = h[i].first_seen;	/* newest first: the last one kept is the first */
		if (ok == 0)
			return 0;
		if (ok > fixed)
			fixed = ok;
	}
	return fixed;
}

static int
int64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sent reminders of the period, each with its unit's index. */
static int
load_reminders(struct store *st, const struct period *p, struct report *rep,
    char **cause)
{
	struct notice *nt;
	size_t n;

	if (store_notices_between(st, NOTICE_REMINDER, NULL, p->start, p->end, &nt,
	    &n, cause) == -1)
		return -1;
	rep->rem = xcalloc(n ? n : 1, sizeof *rep->rem);
	for (size_t i = 0; i < n; i++) {
		if (nt[i].state != NOTICE_SENT || nt[i].unit_id == NULL)
			continue;
		for (size_t u = 0; u < rep->n; u++) {
			if (strcmp(rep->ru[u].u->id, nt[i].unit_id) == 0) {
				rep->rem[rep->nrem].unit = u;
				rep->rem[rep->nrem++].at = nt[i].created_at;
				break;
			}
		}
	}
	notices_free(nt, n);
	return 0;
}

/* Median and longest time to a fix, and the longest still open. */
static void
fix_figures(const struct period *p, struct report *rep)
{
	int64_t *d = xcalloc(rep->nrem ? rep->nrem : 1, sizeof *d);
	size_t n = 0;

	for (size_t i = 0; i < rep->nrem; i++) {
		const struct report_reminder *r = &rep->rem[i];

		if (r->fixed_at > 0)
			d[n++] = r->fixed_at - r->at;
		else if (r->fixed_at == 0) {
			rep->nrem_open++;
			if (p->end - r->at > rep->open_longest)
				rep->open_longest = p->end - r->at;
		}
	}
	rep->nrem_fixed = n;
	if (n > 0) {
		qsort(d, n, sizeof *d, int64_cmp);
		rep->fix_median = n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
		rep->fix_longest = d[n - 1];
	}
	free(d);
}

/*
 * Units of the configuration the database does not know yet (the daemon has
 * not run since they were added): in the report, never checked.
 */
static void
add_config_units(const struct config *cfg, struct report *rep)
{
	size_t known = rep->nunits;

	for (size_t i = 0; i < cfg->n_units; i++) {
		const struct unit_conf *uc = &cfg->units[i];
		struct unit_state *u;
		size_t j;

		for (j = 0; j < known && strcmp(rep->units[j].id, uc->id) != 0; j++)
			;
		if (j < known)
			continue;
		rep->units = xreallocarray(rep->units, rep->nunits + 1, sizeof *rep->units);
		u = &rep->units[rep->nunits++];
		memset(u, 0, sizeof *u);
		u->id = xstrdup(uc->id);
		u->name = xstrdup(uc->name);
		u->kind = xstrdup(unit_kind_name(uc->kind));
		u->url = xstrdup(uc->url);
		u->email = xstrdup0(uc->email);
	}
}

/* Everything for the period [from, to] (days, YYYYMMDD), ending no later than now. */
static int
build(const struct config *cfg, struct store *st, int from, int to, int64_t now,
    int stats_year, struct report *rep, char **cause)
{
	struct period p;
	enum status *day;
	size_t keep = 0;

	memset(rep, 0, sizeof *rep);
	rep->year = stats_year;
	rep->from = from;
	rep->to = to;
	p.start = day_start(from);
	p.end = day_start(ymd_of_day(date_days(to) + 1));
	if (now < p.end) {
		p.end = now + 1;
		rep->partial = true;
	}
	p.day0 = date_days(from);
	p.days = rep->days = (int)(date_days(to) - p.day0 + 1);
	p.hold = cfg->interval;
	if (store_units(st, true, &rep->units, &rep->nunits, cause) == -1)
		return -1;
	add_config_units(cfg, rep);
	if (store_report_stats(st, stats_year, &rep->stats, &rep->nstats, cause) == -1) {
		report_clear(rep);
		return -1;
	}
	rep->ru = xcalloc(rep->nunits ? rep->nunits : 1, sizeof *rep->ru);
	/* Units archived before the period are not part of it. */
	for (size_t i = 0; i < rep->nunits; i++)
		if (rep->units[i].archived_at == 0 || rep->units[i].archived_at >= p.start)
			rep->ru[keep++].u = &rep->units[i];
	rep->n = keep;
	qsort(rep->ru, rep->n, sizeof *rep->ru, unit_cmp);
	if (load_reminders(st, &p, rep, cause) == -1) {
		report_clear(rep);
		return -1;
	}
	day = xcalloc((size_t)p.days, sizeof *day);
	for (size_t i = 0; i < rep->n; i++) {
		struct report_unit *ru = &rep->ru[i];
		struct history_entry *h;
		size_t nh;

		if (store_history(st, ru->u->id, &h, &nh, cause) == -1) {
			free(day);
			report_clear(rep);
			return -1;
		}
		unit_figures(&p, h, nh, ru, day);
		for (int c = 0; c < CRIT_COUNT; c++)
			rep->has_data |= ru->unchecked_days[c] < p.days;
		for (size_t r = 0; r < rep->nrem; r++)
			if (rep->rem[r].unit == i)
				rep->rem[r].fixed_at = fixed_at(&p, h, nh, rep->rem[r].at);
		for (size_t s = 0; s < rep->nstats; s++)
			if (strcmp(rep->stats[s].unit_id, ru->u->id) == 0)
				ru->stats = &rep->stats[s];
		history_free(h, nh);
	}
	free(day);
	fix_figures(&p, rep);
	return 0;
}

int
report_build_year(const struct config *cfg, struct store *st, int year,
    int64_t now, struct report *rep, char **cause)
{
	int today = date_of_time(now), to = year * 10000 + 1231;

	memset(rep, 0, sizeof *rep);
	if (year < REPORT_YEAR_MIN || year > REPORT_YEAR_MAX) {
		*cause = xasprintf("year %d is out of range (%d-%d)", year,
		    REPORT_YEAR_MIN, REPORT_YEAR_MAX);
		return -1;
	}
	if (year > today / 10000) {
		*cause = xasprintf("year %d has not begun", year);
		return -1;
	}
	if (to > today)
		to = today;
	return build(cfg, st, year * 10000 + 101, to, now, year, rep, cause);
}

int
report_build_week(const struct config *cfg, struct store *st, const char *week,
    int64_t now, struct report *rep, char **cause)
{
	int today = date_of_time(now);
	int from = ymd_of_day(date_days(today) - 6);
	int rc = build(cfg, st, from, today, now, today / 10000, rep, cause);

	if (rc == 0)
		snprintf(rep->week, sizeof rep->week, "%s", week);
	return rc;
}

void
report_clear(struct report *rep)
{
	unit_states_free(rep->units, rep->nunits);
	free(rep->ru);
	free(rep->rem);
	yearly_stats_free(rep->stats, rep->nstats);
	memset(rep, 0, sizeof *rep);
}

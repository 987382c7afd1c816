/* test_schedule.c: the scheduling rules, the scheduler's store functions, and history's size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "config.h"
#include "schedule.h"
#include "store-sched.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

#define DAY	86400
#define T0	1795914000	/* Sunday 2026-11-29 08:00 +07:00 */

static char ids[100][32];

/* n units named u00, u01, ...; next and last zero. */
static struct sched_unit *
units(size_t n)
{
	struct sched_unit *u = xcalloc(n, sizeof *u);

	for (size_t i = 0; i < n; i++) {
		snprintf(ids[i], sizeof ids[i], "u%02zu", i);
		u[i].id = ids[i];
	}
	return u;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The phases of the units' slots, sorted. Caller frees. */
static int64_t *
phases(const struct sched_unit *u, size_t n, int64_t interval)
{
	int64_t *p = xcalloc(n, sizeof *p);

	for (size_t i = 0; i < n; i++)
		p[i] = ((u[i].next % interval) + interval) % interval;
	qsort(p, n, sizeof *p, cmp_i64);
	return p;
}

Test(schedule, new_units_are_spread_evenly_and_go_first)
{
	struct sched_unit *u = units(40);
	int64_t *p;
	size_t overdue = sched_plan(u, 40, T0, DAY);

	cr_expect_eq(overdue, 40, "never checked units are all overdue");
	p = phases(u, 40, DAY);
	for (size_t i = 0; i < 40; i++) {
		int64_t gap = i + 1 < 40 ? p[i + 1] - p[i] : p[0] + DAY - p[i];

		cr_expect(gap >= DAY / 40 - 1 && gap <= DAY / 40 + 1,
		    "gap %zu is %lld", i, (long long)gap);
	}
	/* A fresh install is checked at once (the daemon bounds it by its concurrency). */
	for (size_t i = 0; i < 40; i++) {
		cr_expect(u[i].dirty);
		cr_expect(u[i].next >= T0 && u[i].next < T0 + DAY);
		cr_expect_eq(u[i].due, T0, "due %zu", i);
	}
	free(p);
	free(u);
}

Test(schedule, never_checked_first_then_most_overdue)
{
	struct sched_unit *u = units(5);
	size_t overdue;

	/* u00..u02 checked before, slots passed (u02 the most overdue); u03, u04 never checked. */
	u[0].last = T0 - 2 * DAY;
	u[0].next = T0 - 3600;
	u[1].last = T0 - 2 * DAY;
	u[1].next = T0 - 600;
	u[2].last = T0 - 3 * DAY;
	u[2].next = T0 - DAY;
	overdue = sched_plan(u, 5, T0, DAY);
	cr_expect_eq(overdue, 5);
	/* Never checked: at once; the overdue ones spread, the most overdue first. */
	cr_expect_eq(u[3].due, T0);
	cr_expect_eq(u[4].due, T0);
	cr_expect_eq(u[2].due, T0);
	cr_expect_eq(u[0].due, T0 + 60);
	cr_expect_eq(u[1].due, T0 + 120);
	cr_expect(!u[0].dirty && !u[1].dirty && !u[2].dirty,
	    "overdue units keep their slot (phase)");
	free(u);
}

Test(schedule, scheduled_units_keep_slot_with_small_jitter)
{
	struct sched_unit *u = units(3);
	int64_t span = DAY / (4 * 3) > SCHED_MAX_JITTER ? SCHED_MAX_JITTER : DAY / 12;

	for (int i = 0; i < 3; i++) {
		u[i].last = T0 - 3600;
		u[i].next = T0 + 1000 * (i + 1);
	}
	u[1].running = true;
	u[1].due = 42;
	cr_expect_eq(sched_plan(u, 3, T0, DAY), 0);
	for (int i = 0; i < 3; i += 2) {
		cr_expect(!u[i].dirty);
		cr_expect_eq(u[i].next, T0 + 1000 * (i + 1));
		cr_expect(u[i].due >= u[i].next && u[i].due < u[i].next + span);
		cr_expect_eq(u[i].due - u[i].next,
		    sched_jitter(u[i].id, u[i].next, DAY, 3), "jitter is deterministic");
	}
	cr_expect_eq(u[1].due, 42, "a running unit is left alone");
	free(u);
}

Test(schedule, new_unit_fills_the_widest_gap)
{
	struct sched_unit *u = units(4);

	u[0].last = u[1].last = u[2].last = T0 - 3600;
	u[0].next = T0 + 100;
	u[1].next = T0 + 100 + DAY / 4;
	u[2].next = T0 + 100 + DAY / 2;
	sched_plan(u, 4, T0, DAY);
	cr_expect(u[3].dirty && !u[0].dirty);
	cr_expect_eq(((u[3].next - T0 - 100) % DAY + DAY) % DAY, 3 * DAY / 4);
	free(u);
}

Test(schedule, slot_far_ahead_is_reassigned_when_interval_shrinks)
{
	struct sched_unit *u = units(2);

	u[0].last = u[1].last = T0 - 60;
	u[0].next = T0 + 20 * DAY;	/* from an interval of 30d */
	u[1].next = T0 + 600;
	sched_plan(u, 2, T0, 3600);
	cr_expect(u[0].dirty && !u[1].dirty);
	cr_expect(u[0].next >= T0 && u[0].next <= T0 + 3600);
	free(u);
}

Test(schedule, next_slot_keeps_phase_and_spacing)
{
	int64_t slot = T0 + 1234, next;

	/* On time, late, very late, early (a catch-up ran before the slot). */
	int64_t done[] = { slot + 30, slot + 5 * 3600, slot + 3 * DAY, slot - 4 * 3600 };

	for (size_t i = 0; i < sizeof done / sizeof done[0]; i++) {
		next = sched_next_slot(slot, done[i], DAY);
		cr_expect_eq(((next - slot) % DAY + DAY) % DAY, 0);
		cr_expect(next >= done[i] + DAY / 2 && next < done[i] + DAY + DAY / 2,
		    "case %zu: next in %lld s", i, (long long)(next - done[i]));
	}
	cr_expect_eq(sched_slot_at_or_after(5, 105, 100), 105);
	cr_expect_eq(sched_slot_at_or_after(5, 106, 100), 205);
	cr_expect_eq(sched_slot_at_or_after(-95, 0, 100), 5);
}

/*
 * Two weeks of a daemon: 40 units, one pass at a time lasting 0-20 minutes.
 * Each unit is checked once a day and starts never crowd into one hour.
 */
Test(schedule, simulated_weeks_have_no_pile_up)
{
	enum { N = 40, DAYS = 14, STEP = 30 };
	struct sched_unit *u = units(N);
	int per_unit[N] = { 0 }, per_hour[DAYS * 24] = { 0 };
	int64_t now, busy_until = 0;
	size_t running = N;
	int max_hour = 0;

	sched_plan(u, N, T0, DAY);
	for (now = T0; now < T0 + DAYS * DAY; now += STEP) {
		if (running != N && now >= busy_until) {
			struct sched_unit *r = &u[running];

			r->running = false;
			r->last = now;
			r->next = sched_next_slot(r->next, now, DAY);
			r->due = r->next + sched_jitter(r->id, r->next, DAY, N);
			running = N;
		}
		if (running != N)
			continue;
		for (size_t i = 0; i < N; i++) {
			if (u[i].due <= now) {
				u[i].running = true;
				running = i;
				busy_until = now + (int64_t)((i * 7919 + (size_t)now) % 1200);
				per_unit[i]++;
				per_hour[(now - T0) / 3600]++;
				break;
			}
		}
	}
	for (size_t i = 0; i < N; i++)
		cr_expect(per_unit[i] >= DAYS - 1 && per_unit[i] <= DAYS + 1,
		    "unit %zu checked %d times in %d days", i, per_unit[i], DAYS);
	/* After the first day's catch-up, N/24 ~ 1.7 an hour is the even rate. */
	for (int h = 24; h < DAYS * 24; h++)
		if (per_hour[h] > max_hour)
			max_hour = per_hour[h];
	cr_expect(max_hour <= 4, "%d passes started in one hour", max_hour);
	free(u);
}

Test(schedule, catch_up_after_long_downtime_is_spread)
{
	struct sched_unit *u = units(40);
	int64_t later = T0 + 3 * DAY;

	sched_plan(u, 40, T0, DAY);
	for (size_t i = 0; i < 40; i++) {
		u[i].last = u[i].due + 100;
		u[i].next = sched_next_slot(u[i].next, u[i].last, DAY);
		u[i].dirty = false;
	}
	cr_expect_eq(sched_plan(u, 40, later, DAY), 40);
	for (size_t i = 0; i < 40; i++) {
		int ahead = 0;

		cr_expect(u[i].due >= later && u[i].due < later + 3600);
		for (size_t j = 0; j < 40; j++)
			ahead += u[j].due < u[i].due;
		/* Each starts after every unit more overdue than itself. */
		for (size_t j = 0; j < 40; j++)
			if (u[j].next < u[i].next)
				cr_expect(u[j].due < u[i].due);
		cr_expect(!u[i].dirty);
	}
	free(u);
}

Test(schedule, bounds_and_weekly_times)
{
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	cr_expect_eq(sched_max_passes(16, 2), 8);
	cr_expect_eq(sched_max_passes(1, 2), 1);
	cr_expect_eq(sched_max_passes(0, 0), 1);
	cr_expect_eq(sched_catchup_window(DAY), 3600);
	cr_expect_eq(sched_catchup_window(60), 15);
	cr_expect_eq(sched_jitter("a", 1, 10, 100), 0, "no room for jitter");
	/* Mon 07:00 from Sunday 08:00; from Monday 07:00 itself, next week. */
	cr_expect_eq(sched_next_weekly(T0, 1, 7 * 60), 1795996800);
	cr_expect_eq(sched_next_weekly(1795996800, 1, 7 * 60), 1796601600);
	cr_expect_eq(sched_next_weekly(1795996800 - 1, 1, 7 * 60), 1795996800);
	cr_expect_eq(sched_next_weekly(T0, 0, 9 * 60), T0 + 3600, "later today");
}

static struct config *
load_conf(const char *text)
{
	struct config *cfg;
	char *cause;

	if (config_load_string("t.conf", text, &cfg, &cause) == -1)
		cr_assert_fail("%s", cause);
	return cfg;
}

static struct store *
open_store(const char *path)
{
	struct store *st;
	char *cause = NULL;

	if (store_open(path, 0, &st, &cause) == -1)
		cr_assert_fail("store_open: %s", cause);
	return st;
}

/* A pass with all five verdicts ok and the same evidence every time. */
static void
save_ok(struct store *st, const char *id, int64_t t)
{
	struct pass_result pr;
	char *cause = NULL;

	memset(&pr, 0, sizeof pr);
	pr.started_at = t - 20;
	pr.finished_at = t;
	pr.reachable = true;
	pr.pages = 12;
	pr.bytes = 300000;
	for (int c = 0; c < CRIT_COUNT; c++) {
		pr.v[c].status = ST_OK;
		pr.v[c].url = xstrdup("https://sotuphap.laichau.gov.vn/tiep-can-thong-tin/danh-muc.pdf");
		pr.v[c].date = xstrdup("2026-03-02");
		pr.v[c].note = xstrdup("Có chuyên mục tiếp cận thông tin");
	}
	if (store_save_pass(st, id, &pr, &cause) == -1)
		cr_assert_fail("%s", cause);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
}

Test(schedule, store_keeps_slots_and_last_checks)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir), *cause = NULL;
	struct config *cfg = load_conf(
	    "[unit:b]\nname = B\nkind = agency\nurl = http://b/\n"
	    "[unit:a]\nname = A\nkind = agency\nurl = http://a/\n"
	    "[unit:c]\nname = C\nkind = agency\nurl = http://c/\n");
	struct config *cfg2 = load_conf(
	    "[unit:a]\nname = A\nkind = agency\nurl = http://a/\n"
	    "[unit:b]\nname = B\nkind = agency\nurl = http://b/\n");
	struct store *st = open_store(path);
	struct sched_row *rows;
	size_t n;

	cr_assert_eq(store_sync_units(st, cfg, T0, &cause), 0);
	cr_assert_eq(store_sched_load(st, &rows, &n, &cause), 0);
	cr_assert_eq(n, 3);
	cr_expect_str_eq(rows[0].id, "a");
	cr_expect_eq(rows[0].next_check_at, 0);
	cr_expect_eq(rows[0].last_checked_at, 0);
	sched_rows_free(rows, n);

	cr_expect_eq(store_set_next_check(st, "a", T0 + 500, &cause), 0);
	save_ok(st, "a", T0 - 100);
	save_ok(st, "a", T0 - 50);
	cr_assert_eq(store_sync_units(st, cfg2, T0, &cause), 0);
	store_close(st);

	st = open_store(path);
	cr_assert_eq(store_sched_load(st, &rows, &n, &cause), 0);
	cr_assert_eq(n, 2, "the archived unit is not scheduled");
	cr_expect_eq(rows[0].next_check_at, T0 + 500);
	cr_expect_eq(rows[0].last_checked_at, T0 - 50);
	cr_expect_str_eq(rows[1].id, "b");
	sched_rows_free(rows, n);
	store_close(st);
	config_free(cfg);
	config_free(cfg2);
	free(path);
	free(dir);
}

Test(schedule, prune_keeps_each_units_latest_pass)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir), *cause = NULL;
	struct config *cfg = load_conf(
	    "[unit:a]\nname = A\nkind = agency\nurl = http://a/\n"
	    "[unit:b]\nname = B\nkind = agency\nurl = http://b/\n");
	struct store *st = open_store(path);
	struct unit_state *us;
	size_t n;

	cr_assert_eq(store_sync_units(st, cfg, T0, &cause), 0);
	for (int d = 200; d > 0; d--)
		save_ok(st, "a", T0 - d * DAY);
	save_ok(st, "b", T0 - 150 * DAY);	/* b's only pass is old */
	cr_expect_eq(store_prune_passes(st, T0 - STORE_PASS_KEEP, &cause),
	    200 - 90, "a's passes older than 90 days go");
	cr_expect_eq(store_prune_passes(st, T0 - STORE_PASS_KEEP, &cause), 0);
	cr_assert_eq(store_units(st, false, &us, &n, &cause), 0);
	cr_assert_eq(n, 2);
	cr_expect_eq(us[0].checked_at, T0 - DAY);
	cr_expect_eq(us[1].checked_at, T0 - 150 * DAY, "b keeps its latest pass");
	cr_expect_eq(us[1].v[CRIT_SECTION].status, ST_OK);
	cr_expect_eq(us[0].v[CRIT_SECTION].since, T0 - 200 * DAY,
	    "verdict stretches are untouched");
	unit_states_free(us, n);
	store_close(st);
	config_free(cfg);
	free(path);
	free(dir);
}

static long long file_size(const char *path);

Test(schedule, kept_wal_files_let_readers_open_after_the_writer_closes)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir), *cause = NULL;
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	struct config *cfg = load_conf("[unit:a]\nname = A\nkind = agency\nurl = http://a/\n");
	struct store *st = open_store(path);

	cr_assert_eq(store_keep_wal(st, &cause), 0);
	cr_assert_eq(store_sync_units(st, cfg, T0, &cause), 0);
	save_ok(st, "a", T0);
	store_close(st);
	cr_expect(file_size(shm) > 0, "-shm kept");
	cr_expect(file_size(wal) >= 0 && access(wal, F_OK) == 0, "-wal kept");
	cr_expect(file_size(wal) <= 1048576);
	cr_assert_eq(store_open(path, STORE_READONLY, &st, &cause), 0, "%s", cause);
	store_close(st);
	config_free(cfg);
	free(wal);
	free(shm);
	free(path);
	free(dir);
}

static long long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/*
 * A year of daily checks of 100 unchanged units (36,500 store_save_pass
 * calls, each its own transaction) with the daemon's daily pruning: the file
 * must stay within a few MB.
 */
Test(schedule, a_year_of_unchanged_checks_stays_small)
{
	enum { UNITS = 100, DAYS = 365 };
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir), *cause = NULL;
	struct buf conf = { 0 };
	struct config *cfg;
	struct store *st;
	long long before, after;
	char id[32];

	for (int i = 0; i < UNITS; i++)
		buf_printf(&conf, "[unit:unit-%03d]\nname = Đơn vị %d\nkind = commune\n"
		    "url = http://unit-%03d.example/\n", i, i, i);
	cfg = load_conf(conf.data);
	st = open_store(path);
	cr_assert_eq(store_sync_units(st, cfg, T0, &cause), 0);
	store_close(st);
	before = file_size(path);
	st = open_store(path);
	for (int d = 0; d < DAYS; d++) {
		int64_t day = T0 + (int64_t)d * DAY;

		for (int i = 0; i < UNITS; i++) {
			snprintf(id, sizeof id, "unit-%03d", i);
			save_ok(st, id, day + i * 600);
		}
		cr_assert_neq(store_prune_passes(st, day - STORE_PASS_KEEP, &cause), -1);
	}
	store_close(st);	/* checkpoints the WAL into the file */
	after = file_size(path);
	fprintf(stderr, "history size: %d units x %d days: %lld -> %lld bytes "
	    "(+%.2f MB)\n", UNITS, DAYS, before, after,
	    (double)(after - before) / 1e6);
	cr_expect(after - before < 3 * 1000 * 1000, "grew by %lld bytes",
	    after - before);
	buf_free(&conf);
	config_free(cfg);
	free(path);
	free(dir);
}

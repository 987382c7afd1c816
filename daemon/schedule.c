/* schedule.c: slots spread over the interval, catch-up after downtime, weekly times. */
#include "schedule.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "xmalloc.h"

/* x modulo m, in [0, m). */
static int64_t
mod_pos(int64_t x, int64_t m)
{
	int64_t r = x % m;

	return r < 0 ? r + m : r;
}

int64_t
sched_slot_at_or_after(int64_t phase, int64_t t, int64_t interval)
{
	return t + mod_pos(phase - t, interval);
}

int64_t
sched_next_slot(int64_t slot, int64_t done, int64_t interval)
{
	int64_t phase = slot != 0 ? mod_pos(slot, interval) : mod_pos(done, interval);

	return sched_slot_at_or_after(phase, done + interval / 2, interval);
}

int64_t
sched_catchup_window(int64_t interval)
{
	int64_t w = interval / 4;

	return w > 3600 ? 3600 : w;
}

size_t
sched_max_passes(int concurrency, int per_host)
{
	int n = per_host > 0 ? concurrency / per_host : concurrency;

	return n < 1 ? 1 : (size_t)n;
}

int64_t
sched_jitter(const char *id, int64_t slot, int64_t interval, size_t n)
{
	unsigned char le[8];
	uint64_t h;
	int64_t span = interval / (4 * (int64_t)(n > 0 ? n : 1));

	if (span > SCHED_MAX_JITTER)
		span = SCHED_MAX_JITTER;
	if (span < 1)
		return 0;
	for (int i = 0; i < 8; i++)
		le[i] = (unsigned char)(((uint64_t)slot >> (8 * i)) & 0xff);
	h = hash_fnv1a64_more(hash_fnv1a64_str(id), le, sizeof le);
	return (int64_t)(h % (uint64_t)span);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The gap after the g-th of k sorted phases, wrapping around. */
static int64_t
gap_len(const int64_t *old, size_t k, size_t g, int64_t interval)
{
	return g + 1 < k ? old[g + 1] - old[g] : old[0] + interval - old[g];
}

/*
 * m new phases spread into the gaps between the existing ones (sorted,
 * k of them): each goes where it leaves the widest sub-gap, then each gap's
 * share is spaced evenly. Returns them in time order from anchor; caller frees.
 */
static int64_t *
new_phases(const int64_t *old, size_t k, size_t m, int64_t anchor,
    int64_t interval)
{
	int64_t *out = xcalloc(m > 0 ? m : 1, sizeof *out);
	size_t *count, best, j = 0;

	if (k == 0) {
		for (size_t i = 0; i < m; i++)
			out[i] = mod_pos(anchor + (int64_t)i * interval / (int64_t)m,
			    interval);
		return out;
	}
	count = xcalloc(k, sizeof *count);
	for (size_t i = 0; i < m; i++) {
		best = 0;
		for (size_t g = 1; g < k; g++)
			if (gap_len(old, k, g, interval) * (int64_t)(count[best] + 1) >
			    gap_len(old, k, best, interval) * (int64_t)(count[g] + 1))
				best = g;
		count[best]++;
	}
	for (size_t g = 0; g < k; g++) {
		int64_t len = gap_len(old, k, g, interval);

		for (size_t c = 1; c <= count[g]; c++)
			out[j++] = mod_pos(old[g] + len * (int64_t)c /
			    (int64_t)(count[g] + 1), interval);
	}
	free(count);
	/* Time order from anchor, so the first units listed get the first slots. */
	for (size_t i = 0; i < m; i++)
		out[i] = mod_pos(out[i] - anchor, interval);
	qsort(out, m, sizeof *out, cmp_i64);
	for (size_t i = 0; i < m; i++)
		out[i] = mod_pos(out[i] + anchor, interval);
	return out;
}

/* Give slots to the units lacking one. */
static void
assign_slots(struct sched_unit *u, size_t n, int64_t now, int64_t interval)
{
	int64_t *old = xcalloc(n > 0 ? n : 1, sizeof *old), *fresh;
	size_t k = 0, m = 0, j = 0;

	for (size_t i = 0; i < n; i++) {
		if (u[i].next != 0 && u[i].next > now + interval && !u[i].running)
			u[i].next = 0;	/* the interval shrank, or the clock went back */
		if (u[i].next != 0)
			old[k++] = mod_pos(u[i].next, interval);
		else
			m++;
	}
	if (m == 0) {
		free(old);
		return;
	}
	qsort(old, k, sizeof *old, cmp_i64);
	fresh = new_phases(old, k, m, mod_pos(now, interval), interval);
	for (size_t i = 0; i < n; i++) {
		if (u[i].next != 0)
			continue;
		u[i].next = sched_slot_at_or_after(fresh[j++],
		    u[i].last != 0 ? u[i].last + interval / 2 : now, interval);
		u[i].dirty = true;
	}
	free(fresh);
	free(old);
}

struct overdue {
	size_t	 idx;
	bool	 never;
	int64_t	 next;
};

/* Never-checked first, then the most overdue, then input order. */
static int
cmp_overdue(const void *a, const void *b)
{
	const struct overdue *x = a, *y = b;

	if (x->never != y->never)
		return x->never ? -1 : 1;
	if (!x->never && x->next != y->next)
		return x->next < y->next ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

size_t
sched_plan(struct sched_unit *u, size_t n, int64_t now, int64_t interval)
{
	struct overdue *od;
	size_t k = 0, i;
	int64_t step;

	if (interval < 1)
		interval = 1;
	assign_slots(u, n, now, interval);
	od = xcalloc(n > 0 ? n : 1, sizeof *od);
	for (i = 0; i < n; i++) {
		if (u[i].running)
			continue;
		if (u[i].last == 0 || u[i].next < now) {
			od[k].idx = i;
			od[k].never = u[i].last == 0;
			od[k].next = u[i].next;
			k++;
		} else
			u[i].due = u[i].next + sched_jitter(u[i].id, u[i].next,
			    interval, n);
	}
	qsort(od, k, sizeof *od, cmp_overdue);
	/*
	 * Never-checked units (a fresh install, a unit just added) are due at
	 * once: the daemon starts them as its concurrency allows. Only units
	 * checked before and now overdue (after downtime) are spread, the most
	 * overdue first.
	 */
	for (i = 0; i < k && od[i].never; i++)
		u[od[i].idx].due = now;
	step = k > i ? sched_catchup_window(interval) / (int64_t)(k - i) : 0;
	if (step > SCHED_CATCHUP_STEP)
		step = SCHED_CATCHUP_STEP;
	for (size_t j = 0; i < k; i++, j++)
		u[od[i].idx].due = now + (int64_t)j * step;
	free(od);
	return k;
}

int64_t
sched_next_weekly(int64_t now, int wday, int minute)
{
	time_t t = (time_t)now, at;
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday += (wday - tm.tm_wday + 7) % 7;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	at = mktime(&tm);
	if ((int64_t)at <= now) {
		localtime_r(&t, &tm);
		tm.tm_mday += (wday - tm.tm_wday + 7) % 7 + 7;
		tm.tm_hour = minute / 60;
		tm.tm_min = minute % 60;
		tm.tm_sec = 0;
		tm.tm_isdst = -1;
		at = mktime(&tm);
	}
	return (int64_t)at;
}

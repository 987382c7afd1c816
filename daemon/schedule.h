/*
 * schedule.h: when each unit is checked. Pure functions of their inputs (no
 * clock, no I/O), so every rule is unit-tested.
 *
 * Every unit owns a slot: a phase within the interval, kept as the time of
 * its next regular check (unit.next_check_at), so it survives restarts.
 * Phases are spread evenly (new units fill the widest gaps); a unit is checked
 * once per interval at its slot plus a small deterministic jitter. Units never
 * checked, and units whose slot passed while the daemon was down, are overdue:
 * never-checked ones (a fresh install, a unit just added) are due at once,
 * started as the daemon's concurrency allows; the others are spread over a
 * catch-up window, the most overdue first.
 */
#ifndef TCTT_SCHEDULE_H
#define TCTT_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sched_unit {
	const char	*id;		/* borrowed */
	int64_t		 next;		/* slot of the next regular check; 0: none yet */
	int64_t		 last;		/* when its last pass ended; 0: never checked */
	int64_t		 due;		/* set by sched_plan: when to start it */
	bool		 running;	/* a pass is in flight: sched_plan skips it */
	bool		 dirty;		/* next changed and should be persisted */
};

/* Longest spacing between two catch-up checks, in seconds. */
#define SCHED_CATCHUP_STEP	60
/* Largest jitter added to a slot, in seconds. */
#define SCHED_MAX_JITTER	300

/*
 * Give every unit lacking one (or holding one further than an interval
 * ahead) a slot, marking it dirty, and set every idle unit's due time.
 * Returns how many units are overdue (in catch-up).
 */
size_t sched_plan(struct sched_unit *u, size_t n, int64_t now, int64_t interval);

/* The slot after a pass that ended at done: the first one at least half an interval later. */
int64_t sched_next_slot(int64_t slot, int64_t done, int64_t interval);

/* The smallest time >= t that is congruent to phase modulo interval. */
int64_t sched_slot_at_or_after(int64_t phase, int64_t t, int64_t interval);

/* Deterministic jitter in [0, min(interval / 4n, SCHED_MAX_JITTER)) for id's slot. */
int64_t sched_jitter(const char *id, int64_t slot, int64_t interval, size_t n);

/* The window over which overdue units are spread: a quarter interval, at most an hour. */
int64_t sched_catchup_window(int64_t interval);

/* How many passes may run at once: enough to keep the fetcher busy, at least one. */
size_t sched_max_passes(int concurrency, int per_host);

/*
 * The next local time after now that falls on weekday wday (0 = Sunday) at
 * minute minutes after midnight; the weekly digest's schedule.
 */
int64_t sched_next_weekly(int64_t now, int wday, int minute);

#endif

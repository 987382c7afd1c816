/*
 * notify.h: reminders to lagging units and the weekly digest, for the
 * command line (--remind, --digest) and for the daemon's own schedule.
 * Every notice is recorded pending before it is sent (round_key makes that
 * idempotent), then notices_flush delivers it and marks it sent.
 */
#ifndef TCTT_NOTIFY_H
#define TCTT_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "criteria.h"

struct config;
struct history_entry;
struct notice;
struct store;
struct verdict;

/* notify.c: what the daemon's loop calls, e.g. every few minutes. */
struct notify_sched {
	char	 round_day[16];	/* local date of the last reminder round, "" if none */
};
/*
 * At most one reminder round per local day, the digest when due, then a
 * flush of pending notices. sched is the caller's, zeroed at start.
 * Returns 0, or -1 when the database failed.
 */
int notify_tick(const struct config *cfg, struct store *st, int64_t now,
    struct notify_sched *sched);
/* notify_tick without the flush: the round and the digest, recorded. */
int notify_record(const struct config *cfg, struct store *st, int64_t now,
    struct notify_sched *sched);

/* notify-deliver.c */
/*
 * Deliver every pending notice due at now (SMTP, or the outbox without
 * smtp_url); a transient failure is retried later with backoff, a 5xx
 * rejection marks the notice failed. Returns how many due notices were not
 * delivered, or -1 when the database failed.
 */
int notices_flush(const struct config *cfg, struct store *st, int64_t now);
/*
 * notices_flush in two halves, for delivery away from the loop (mailer.c):
 * deliver n once (MAIL_SENT, MAIL_RETRY or MAIL_REJECTED with *cause, caller
 * frees), then record that outcome (0 delivered, 1 not, -1 db error).
 */
int notice_deliver(const struct config *cfg, const struct notice *n, char **cause);
int notice_record(const struct config *cfg, struct store *st,
    const struct notice *n, int rc, const char *cause, int64_t now);
/* Print a notice readably (decoded headers, plain text body) for --dry-run. */
void notice_print(FILE *f, const struct notice *n);
/* Seconds to wait after the attempts-th failed try. */
int64_t notice_backoff(int attempts);

/* notify-remind.c */
/*
 * One reminder round at now: record a reminder for each unit due one (or,
 * with dry_run, print it and record nothing). Does not send: call
 * notices_flush. Returns the number of reminders, or -1 on error.
 */
int notify_round(const struct config *cfg, struct store *st, int64_t now,
    bool dry_run);
/*
 * When crit's current failure (cur, stale or missing) began: the start of the
 * unbroken stretch of history without ok. h is store_history's, newest first.
 */
int64_t remind_failing_since(const struct history_entry *h, size_t n,
    enum criterion crit, const struct verdict *cur);
/* True when the status is one a unit is reminded about (stale, missing). */
bool remind_status_fails(enum status st);

/* notify-digest.c */
/* The ISO week of t in local time, "2026-W48". */
void digest_week(int64_t t, char *week, size_t size);
/*
 * True when a digest is due at now: the latest scheduled time (cfg's weekday
 * and minute, local time) at or before now falls in an ISO week other than
 * last_week (the latest digest's, NULL if none); week gets that week.
 */
bool digest_due(const struct config *cfg, const char *last_week, int64_t now,
    char *week, size_t size);
/*
 * Build the digest of week at now and record it (or, with dry_run, print it).
 * Returns 1 recorded, 0 already recorded for that week (or printed), -1 on error.
 */
int digest_run(const struct config *cfg, struct store *st, int64_t now,
    const char *week, bool dry_run);

#endif

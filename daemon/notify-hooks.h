/* TEMPORARY: delete with notify-hooks.c when daemon/notify.h lands, and include "notify.h" in daemon.c. */
/*
 * notify-hooks.h: what the daemon loop calls for reminders, notice retries
 * and the weekly digest. The real functions belong to daemon/notify.h (another
 * developer's); until they exist, weak definitions that do nothing stand in,
 * and a strong definition elsewhere replaces them at link time.
 */
#ifndef TCTT_NOTIFY_HOOKS_H
#define TCTT_NOTIFY_HOOKS_H

#include <stdint.h>

struct config;
struct store;

/* One reminder round at now; 0, or -1 with *cause (caller frees). */
int notify_round(const struct config *cfg, struct store *st, int64_t now,
    char **cause);
/* Send the notices still pending or failed; 0, or -1 with *cause. */
int notices_flush(const struct config *cfg, struct store *st, int64_t now,
    char **cause);
/* 1 when this week's digest is due and not yet made, else 0. */
int digest_due(const struct config *cfg, struct store *st, int64_t now);
/* Build, record and send this week's digest; 0, or -1 with *cause. */
int digest_run(const struct config *cfg, struct store *st, int64_t now,
    char **cause);

#endif

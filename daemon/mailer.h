/*
 * mailer.h: delivering the daemon's notices without blocking its loop. The
 * SMTP exchanges run in a child process (a stalled mail server can take a
 * minute a notice); the loop reads each outcome from a pipe and records it.
 */
#ifndef TCTT_MAILER_H
#define TCTT_MAILER_H

#include <stdbool.h>
#include <stdint.h>

struct config;
struct event_base;
struct mailer;
struct store;

/* A mailer on base; caller frees with mailer_free. */
struct mailer *mailer_new(struct event_base *base);
/*
 * Deliver the notices due at now in a child process, unless one is still
 * at it (then once it is done). cfg and st are borrowed until the child's
 * outcomes are recorded: keep them, or call mailer_stop before freeing them.
 */
void mailer_flush(struct mailer *m, const struct config *cfg,
    struct store *st, int64_t now);
/* A child is delivering. */
bool mailer_busy(const struct mailer *m);
/* Stop a child still delivering, record what it reported, reap it. */
void mailer_stop(struct mailer *m);
void mailer_free(struct mailer *m);

#endif

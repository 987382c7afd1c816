/* pass.h: one pass over one unit: best-first crawl, extraction, judgement, storage. */
#ifndef TCTT_PASS_H
#define TCTT_PASS_H

#include <stdint.h>

#include "store.h"

struct config;
struct event_base;
struct fetcher;
struct unit_conf;
struct pass;
struct worker;

/* Runs once when the pass is over; pr is borrowed (already stored when save_rc == 0). */
typedef void (*pass_done_cb)(const char *unit_id, const struct pass_result *pr,
    int save_rc, void *arg);

/*
 * Start checking unit with fetcher f on its loop, each page processed by
 * worker w (NULL: on the loop); the result is saved to st in one
 * transaction, then cb runs. cfg, unit, st, f and w are borrowed and must
 * outlive the pass. now is the pass's notion of today (clock_now()).
 */
struct pass *pass_start(struct fetcher *f, struct worker *w, struct store *st,
    const struct config *cfg, const struct unit_conf *unit, int64_t now,
    pass_done_cb cb, void *arg);
/* Stop a pass early: nothing is stored, cb does not run. */
void pass_cancel(struct pass *p);

#endif

/*
 * requests.h: the secretariat's re-check requests, read from the database the
 * dashboard writes them to. A cheap look at PRAGMA data_version every second
 * tells when anything was written; only then (or while a request still waits)
 * is the request table read.
 */
#ifndef TCTT_REQUESTS_H
#define TCTT_REQUESTS_H

#include <stdbool.h>
#include <stdint.h>

struct event_base;
struct requests;
struct store;

/* A unit asked for: true when its pass will start now (the request is then marked picked). */
typedef bool (*requests_want_cb)(const char *unit_id, void *arg);

/* Watch *st (the pointer is read each time: a reload may replace the store). */
struct requests *requests_new(struct event_base *base, struct store *const *st,
    int64_t (*now)(void *), requests_want_cb want, void *arg);
void requests_free(struct requests *rq);
/* A pass of unit_id ended: its picked requests are done. */
void requests_done(struct requests *rq, const char *unit_id);

#endif

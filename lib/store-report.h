/* store-report.h: what the reports read beyond units and history: the yearly statistics of requests. */
#ifndef TCTT_STORE_REPORT_H
#define TCTT_STORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct yearly_stats;	/* store-corr.h */

/* The rows of year (unit_id set), by unit ID. Caller frees with yearly_stats_free. */
int store_report_stats(struct store *st, int year, struct yearly_stats **out,
    size_t *n, char **cause);

#endif

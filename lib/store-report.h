/* store-report.h: what the reports read beyond units and history: the yearly statistics of requests. */
#ifndef TCTT_STORE_REPORT_H
#define TCTT_STORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* One unit's statistics of requests for information in one year (SPEC "Corrections"). */
struct report_year_stats {
	char		*unit_id;	/* owned */
	int		 year;
	int64_t		 received;
	int64_t		 provided_full;
	int64_t		 provided_part;
	int64_t		 refused;
	int64_t		 transferred;
	int64_t		 overdue;
	int64_t		 updated_at;
	char		*updated_by;	/* owned */
};

/* The rows of year, by unit ID. Caller frees with report_year_stats_free. */
int store_report_stats(struct store *st, int year, struct report_year_stats **out,
    size_t *n, char **cause);
void report_year_stats_free(struct report_year_stats *s, size_t n);

#endif

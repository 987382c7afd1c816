/* store-dash.h: the read queries only the dashboard needs (trend, notices, digests, metrics). */
#ifndef TCTT_STORE_DASH_H
#define TCTT_STORE_DASH_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* The share of units compliant (score 100) in one week, by each unit's last pass of that week. */
struct trend_week {
	char		 monday[11];	/* YYYY-MM-DD, local time */
	int		 units;		/* units checked that week */
	int		 compliant;
};

/* One notice row; strings owned, may be NULL. */
struct notice_row {
	int64_t		 id;
	char		*kind;		/* reminder | digest */
	char		*unit_id;
	char		*unit_name;
	char		*mail_to;
	char		*mail_cc;
	char		*subject;
	char		*body_text;
	char		*state;		/* pending | sent | failed */
	int		 attempts;
	int64_t		 created_at;
	int64_t		 sent_at;	/* 0 when not sent */
	char		*error;
};

/* One weekly digest; notice fields are empty when it has no notice row. */
struct digest_row {
	int64_t		 id;
	char		*week;
	int64_t		 created_at;
	char		*stats;		/* JSON text, may be NULL */
	struct notice_row notice;
};

/* Totals over the pass table, for /metrics. */
struct pass_metrics {
	int64_t		 passes;
	int64_t		 pages;
	int64_t		 bytes;
	int64_t		 errors;
	int64_t		 unreachable;	/* passes that could not reach the home page */
	int64_t		 last_finished_at;	/* 0 when no pass yet */
	int64_t		 last_duration;	/* seconds, of the most recent pass */
};

/* The last max weeks, oldest first; caller frees *out with free(). */
int store_trend(struct store *st, int max, struct trend_week **out, size_t *n,
    char **cause);
/* Newest notices first, of one unit or all (unit_id NULL); caller frees with notice_rows_free. */
int store_notices(struct store *st, const char *unit_id, int limit,
    struct notice_row **out, size_t *n, char **cause);
void notice_row_clear(struct notice_row *r);
void notice_rows_free(struct notice_row *r, size_t n);
/* Newest digests first; caller frees with digest_rows_free. */
int store_digests(struct store *st, int limit, struct digest_row **out,
    size_t *n, char **cause);
/* One digest; 1 found (caller clears with digest_row_clear), 0 absent, -1 error. */
int store_digest(struct store *st, int64_t id, struct digest_row *out,
    char **cause);
void digest_row_clear(struct digest_row *r);
void digest_rows_free(struct digest_row *r, size_t n);
/* A number that changes whenever another connection commits (PRAGMA data_version). */
int store_data_version(struct store *st, int64_t *out, char **cause);
int store_pass_metrics(struct store *st, struct pass_metrics *out, char **cause);

#endif

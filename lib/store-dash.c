/* store-dash.c: the dashboard's read queries: weekly trend, notices, digests, pass metrics. */
#include "store-int.h"
#include "store-dash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/*
 * Each unit's last pass of each week (weeks start on Monday, local time),
 * then per week how many of those passes had every criterion ok.
 */
static const char trend_sql[] =
    "WITH w AS (SELECT unit_id, id, finished_at, score, date(finished_at,"
    "   'unixepoch', 'localtime', 'weekday 0', '-6 days') AS wk FROM pass),"
    " p AS (SELECT wk, score, ROW_NUMBER() OVER (PARTITION BY unit_id, wk"
    "   ORDER BY finished_at DESC, id DESC) AS rn FROM w)"
    " SELECT wk, COUNT(*), SUM(score >= 100) FROM p WHERE rn = 1"
    " GROUP BY wk ORDER BY wk DESC LIMIT ?1";

int
store_trend(struct store *st, int max, struct trend_week **out, size_t *n,
    char **cause)
{
	struct trend_week *list = NULL;
	size_t count = 0;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, trend_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *wk = (const char *)sqlite3_column_text(s, 0);

		list = xreallocarray(list, count + 1, sizeof *list);
		memset(&list[count], 0, sizeof list[count]);
		if (wk != NULL)
			snprintf(list[count].monday, sizeof list[count].monday, "%s", wk);
		list[count].units = sqlite3_column_int(s, 1);
		list[count].compliant = sqlite3_column_int(s, 2);
		count++;
	}
	if (rc != SQLITE_DONE) {
		free(list);
		return store_fail(st, "read trend", cause);
	}
	/* Oldest first, as a chart reads. */
	for (size_t i = 0; i < count / 2; i++) {
		struct trend_week t = list[i];

		list[i] = list[count - 1 - i];
		list[count - 1 - i] = t;
	}
	*out = list;
	*n = count;
	return 0;
}

#define NOTICE_COLS \
    "n.id, n.kind, n.unit_id, u.name, n.mail_to, n.mail_cc, n.subject," \
    " n.body_text, n.state, n.attempts, n.created_at, n.sent_at, n.error"

/* Fill r from the NOTICE_COLS starting at column col. */
static void
read_notice_cols(sqlite3_stmt *s, int col, struct notice_row *r)
{
	r->id = sqlite3_column_int64(s, col);
	r->kind = store_col_text(s, col + 1);
	r->unit_id = store_col_text(s, col + 2);
	r->unit_name = store_col_text(s, col + 3);
	r->mail_to = store_col_text(s, col + 4);
	r->mail_cc = store_col_text(s, col + 5);
	r->subject = store_col_text(s, col + 6);
	r->body_text = store_col_text(s, col + 7);
	r->state = store_col_text(s, col + 8);
	r->attempts = sqlite3_column_int(s, col + 9);
	r->created_at = sqlite3_column_int64(s, col + 10);
	r->sent_at = sqlite3_column_int64(s, col + 11);
	r->error = store_col_text(s, col + 12);
}

static void
read_notice_row(sqlite3_stmt *s, void *elem)
{
	read_notice_cols(s, 0, elem);
}

int
store_notices(struct store *st, const char *unit_id, int limit,
    struct notice_row **out, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT " NOTICE_COLS " FROM notice n LEFT JOIN unit u ON u.id = n.unit_id"
	    " WHERE ?1 IS NULL OR n.unit_id = ?1"
	    " ORDER BY n.created_at DESC, n.id DESC LIMIT ?2";
	sqlite3_stmt *s;
	bool failed;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	sqlite3_bind_int(s, 2, limit);
	*out = store_read_rows(s, sizeof **out, read_notice_row, n, &failed);
	if (failed) {
		notice_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, "read notices", cause);
	}
	return 0;
}

void
notice_row_clear(struct notice_row *r)
{
	free(r->kind);
	free(r->unit_id);
	free(r->unit_name);
	free(r->mail_to);
	free(r->mail_cc);
	free(r->subject);
	free(r->body_text);
	free(r->state);
	free(r->error);
	memset(r, 0, sizeof *r);
}

void
notice_rows_free(struct notice_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		notice_row_clear(&r[i]);
	free(r);
}

static const char digests_sql[] =
    "SELECT d.id, d.week, d.created_at, d.stats, " NOTICE_COLS
    " FROM digest d LEFT JOIN notice n ON n.id = d.notice_id"
    " LEFT JOIN unit u ON u.id = n.unit_id"
    " WHERE ?1 IS NULL OR d.id = ?1 ORDER BY d.week DESC, d.id DESC LIMIT ?2";

static void
read_digest_row(sqlite3_stmt *s, void *elem)
{
	struct digest_row *d = elem;

	d->id = sqlite3_column_int64(s, 0);
	d->week = store_col_text(s, 1);
	d->created_at = sqlite3_column_int64(s, 2);
	d->stats = store_col_text(s, 3);
	read_notice_cols(s, 4, &d->notice);
}

/* Digests (all, or the one with id when id > 0). */
static int
query_digests(struct store *st, int64_t id, int limit, struct digest_row **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s;
	bool failed;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, digests_sql, cause)) == NULL)
		return -1;
	if (id > 0)
		sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, limit);
	*out = store_read_rows(s, sizeof **out, read_digest_row, n, &failed);
	if (failed) {
		digest_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, "read digests", cause);
	}
	return 0;
}

int
store_digests(struct store *st, int limit, struct digest_row **out, size_t *n,
    char **cause)
{
	return query_digests(st, 0, limit, out, n, cause);
}

int
store_digest(struct store *st, int64_t id, struct digest_row *out, char **cause)
{
	struct digest_row *list;
	size_t n;

	memset(out, 0, sizeof *out);
	if (id <= 0)
		return 0;
	if (query_digests(st, id, 1, &list, &n, cause) == -1)
		return -1;
	if (n == 0) {
		free(list);
		return 0;
	}
	*out = list[0];
	free(list);
	return 1;
}

void
digest_row_clear(struct digest_row *r)
{
	free(r->week);
	free(r->stats);
	notice_row_clear(&r->notice);
	memset(r, 0, sizeof *r);
}

void
digest_rows_free(struct digest_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		digest_row_clear(&r[i]);
	free(r);
}

int
store_pass_metrics(struct store *st, struct pass_metrics *out, char **cause)
{
	static const char totals_sql[] =
	    "SELECT COUNT(*), TOTAL(pages), TOTAL(bytes), TOTAL(errors),"
	    " TOTAL(reachable = 0) FROM pass";
	static const char last_sql[] =
	    "SELECT finished_at, finished_at - started_at FROM pass"
	    " ORDER BY finished_at DESC, id DESC LIMIT 1";
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if ((s = store_stmt(st, totals_sql, cause)) == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, "read pass totals", cause);
	out->passes = sqlite3_column_int64(s, 0);
	out->pages = (int64_t)sqlite3_column_double(s, 1);
	out->bytes = (int64_t)sqlite3_column_double(s, 2);
	out->errors = (int64_t)sqlite3_column_double(s, 3);
	out->unreachable = (int64_t)sqlite3_column_double(s, 4);
	sqlite3_reset(s);
	if ((s = store_stmt(st, last_sql, cause)) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->last_finished_at = sqlite3_column_int64(s, 0);
		out->last_duration = sqlite3_column_int64(s, 1);
	} else if (rc != SQLITE_DONE)
		return store_fail(st, "read last pass", cause);
	sqlite3_reset(s);
	return 0;
}

int
store_data_version(struct store *st, int64_t *out, char **cause)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, "read data version", cause);
	*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

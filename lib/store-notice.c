/* store-notice.c: all SQL for notices and digests. */
#include "store-int.h"
#include "store-notice.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define NOTICE_COLS \
    "id, kind, unit_id, round_key, mail_to, mail_cc, subject, message," \
    " body_text, body_html, state, attempts, next_attempt_at, created_at," \
    " sent_at, error"

static const char *kind_names[] = { "reminder", "digest" };
static const char *state_names[] = { "pending", "sent", "failed" };

const char *
notice_kind_name(enum notice_kind kind)
{
	return kind_names[kind];
}

const char *
notice_state_name(enum notice_state state)
{
	return state_names[state];
}

/* Read the NOTICE_COLS of the current row into n. */
static void
read_notice(sqlite3_stmt *s, struct notice *n)
{
	const char *kind = (const char *)sqlite3_column_text(s, 1);
	const char *state = (const char *)sqlite3_column_text(s, 10);

	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(s, 0);
	n->kind = kind != NULL && strcmp(kind, "digest") == 0 ?
	    NOTICE_DIGEST : NOTICE_REMINDER;
	n->unit_id = store_col_text(s, 2);
	n->round_key = store_col_text(s, 3);
	n->mail_to = store_col_text(s, 4);
	n->mail_cc = store_col_text(s, 5);
	n->subject = store_col_text(s, 6);
	n->message = store_col_text(s, 7);
	n->body_text = store_col_text(s, 8);
	n->body_html = store_col_text(s, 9);
	n->state = NOTICE_PENDING;
	for (int i = 0; i < 3; i++)
		if (state != NULL && strcmp(state, state_names[i]) == 0)
			n->state = (enum notice_state)i;
	n->attempts = sqlite3_column_int(s, 11);
	n->next_attempt_at = sqlite3_column_int64(s, 12);
	n->created_at = sqlite3_column_int64(s, 13);
	n->sent_at = sqlite3_column_int64(s, 14);
	n->error = store_col_text(s, 15);
}

/* Collect every row of a prepared, bound statement. */
static int
read_notices(struct store *st, sqlite3_stmt *s, struct notice **out,
    size_t *count, char **cause)
{
	struct notice *list = NULL;
	size_t n = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		list = xreallocarray(list, n + 1, sizeof *list);
		read_notice(s, &list[n++]);
	}
	if (rc != SQLITE_DONE) {
		notices_free(list, n);
		return store_fail(st, "read notices", cause);
	}
	*out = list;
	*count = n;
	return 0;
}

/* The insert, within the caller's transaction or not; 1 inserted, 0 known, -1. */
static int
insert_notice(struct store *st, struct notice *n, char **cause)
{
	static const char sql[] =
	    "INSERT INTO notice (kind, unit_id, round_key, mail_to, mail_cc,"
	    " subject, message, body_text, body_html, state, attempts,"
	    " next_attempt_at, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending', 0, ?10, ?10)"
	    " ON CONFLICT(round_key) DO NOTHING";
	sqlite3_stmt *s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, notice_kind_name(n->kind));
	store_bind_text(s, 2, n->unit_id);
	store_bind_text(s, 3, n->round_key);
	store_bind_text(s, 4, n->mail_to);
	store_bind_text(s, 5, n->mail_cc);
	store_bind_text(s, 6, n->subject);
	store_bind_text(s, 7, n->message);
	store_bind_text(s, 8, n->body_text);
	store_bind_text(s, 9, n->body_html);
	sqlite3_bind_int64(s, 10, n->created_at);
	if (store_step_write(st, s) != SQLITE_DONE)
		return store_fail(st, "record notice", cause);
	if (sqlite3_changes(st->db) == 0)
		return 0;
	n->id = sqlite3_last_insert_rowid(st->db);
	n->state = NOTICE_PENDING;
	n->next_attempt_at = n->created_at;
	return 1;
}

int
store_notice_add(struct store *st, struct notice *n, char **cause)
{
	return insert_notice(st, n, cause);
}

int
store_digest_add(struct store *st, const char *week, const char *stats,
    struct notice *n, char **cause)
{
	static const char sql[] =
	    "INSERT INTO digest (week, created_at, notice_id, stats)"
	    " VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *s;
	int rc;

	if (store_begin(st, cause) == -1)
		return -1;
	if ((rc = insert_notice(st, n, cause)) != 1) {
		store_rollback(st);
		return rc;
	}
	if ((s = store_stmt(st, sql, cause)) == NULL)
		goto fail;
	store_bind_text(s, 1, week);
	sqlite3_bind_int64(s, 2, n->created_at);
	sqlite3_bind_int64(s, 3, n->id);
	store_bind_text(s, 4, stats);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_fail(st, "record digest", cause);
		goto fail;
	}
	if (store_commit(st, cause) == -1)
		goto fail;
	return 1;
fail:
	store_rollback(st);
	return -1;
}

int
store_notices_due(struct store *st, int64_t now, struct notice **out,
    size_t *count, char **cause)
{
	static const char sql[] =
	    "SELECT " NOTICE_COLS " FROM notice WHERE state = 'pending'"
	    " AND COALESCE(next_attempt_at, 0) <= ?1 ORDER BY created_at, id";
	sqlite3_stmt *s;

	*out = NULL;
	*count = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	return read_notices(st, s, out, count, cause);
}

int
store_notices_between(struct store *st, enum notice_kind kind,
    const char *unit_id, int64_t from, int64_t to, struct notice **out,
    size_t *count, char **cause)
{
	static const char sql[] =
	    "SELECT " NOTICE_COLS " FROM notice WHERE kind = ?1"
	    " AND (?2 IS NULL OR unit_id = ?2) AND created_at >= ?3"
	    " AND created_at < ?4 ORDER BY created_at, id";
	sqlite3_stmt *s;

	*out = NULL;
	*count = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, notice_kind_name(kind));
	store_bind_text(s, 2, unit_id);
	sqlite3_bind_int64(s, 3, from);
	sqlite3_bind_int64(s, 4, to);
	return read_notices(st, s, out, count, cause);
}

/* Set a notice's state, attempts, times and error. */
static int
update_notice(struct store *st, int64_t id, const char *state, int attempts,
    int64_t next_at, int64_t sent_at, const char *error, char **cause)
{
	static const char sql[] =
	    "UPDATE notice SET state = ?2, attempts = ?3, next_attempt_at = ?4,"
	    " sent_at = ?5, error = ?6 WHERE id = ?1";
	sqlite3_stmt *s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, state);
	sqlite3_bind_int(s, 3, attempts);
	if (next_at != 0)
		sqlite3_bind_int64(s, 4, next_at);
	if (sent_at != 0)
		sqlite3_bind_int64(s, 5, sent_at);
	store_bind_text(s, 6, error);
	if (store_step_write(st, s) != SQLITE_DONE)
		return store_fail(st, "update notice", cause);
	return 0;
}

int
store_notice_sent(struct store *st, int64_t id, int attempts, int64_t at,
    char **cause)
{
	return update_notice(st, id, "sent", attempts, 0, at, NULL, cause);
}

int
store_notice_retry(struct store *st, int64_t id, int attempts, int64_t next_at,
    const char *error, char **cause)
{
	return update_notice(st, id, "pending", attempts, next_at, 0, error, cause);
}

int
store_notice_failed(struct store *st, int64_t id, int attempts,
    const char *error, char **cause)
{
	return update_notice(st, id, "failed", attempts, 0, 0, error, cause);
}

int
store_digest_last(struct store *st, char **week, char **cause)
{
	static const char sql[] =
	    "SELECT week FROM digest ORDER BY created_at DESC, id DESC LIMIT 1";
	sqlite3_stmt *s;
	int rc;

	*week = NULL;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*week = store_col_text(s, 0);
	else if (rc != SQLITE_DONE)
		return store_fail(st, "read digest", cause);
	sqlite3_reset(s);
	return 0;
}

void
notice_clear(struct notice *n)
{
	free(n->unit_id);
	free(n->round_key);
	free(n->mail_to);
	free(n->mail_cc);
	free(n->subject);
	free(n->message);
	free(n->body_text);
	free(n->body_html);
	free(n->error);
	memset(n, 0, sizeof *n);
}

void
notices_free(struct notice *n, size_t count)
{
	for (size_t i = 0; i < count; i++)
		notice_clear(&n[i]);
	free(n);
}

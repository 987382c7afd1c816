/*
 * store-corr.c: the secretariat's corrections. This file owns every write the
 * dashboard makes (the corr_* functions: request tables and the audit log,
 * one transaction each with its audit row); the daemon reads the requests
 * and marks re-checks done, and keeps the evidence archive.
 */
#include "store-int.h"
#include "store-corr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "clock.h"
#include "store-sched.h"
#include "xmalloc.h"

int
corr_open(const char *path, struct store **out, char **cause)
{
	struct store *st = xcalloc(1, sizeof *st);
	sqlite3_stmt *s;

	*out = NULL;
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		store_fail(st, "open for writing", cause);
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		store_fail(st, "read schema version", cause);
		store_close(st);
		return -1;
	}
	st->version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (st->version != STORE_SCHEMA_VERSION) {
		*cause = xasprintf("%s: schema version %d, expected %d (run tcttd once "
		    "to migrate it)", path, st->version, STORE_SCHEMA_VERSION);
		store_close(st);
		return -1;
	}
	/* Never delete the WAL files on close: tcttd keeps them, and a sandbox may pin them. */
	if (store_exec(st, "PRAGMA foreign_keys = ON", cause) == -1 ||
	    store_keep_wal(st, cause) == -1) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

int
corr_secret(struct store *st, char **hex, char **cause)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'csrf_secret'";
	sqlite3_stmt *s;
	int rc;

	*hex = NULL;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*hex = store_col_text(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read the form secret", cause);
	if (*hex == NULL || strlen(*hex) < 32) {
		free(*hex);
		*hex = NULL;
		*cause = xasprintf("%s: no form secret (run tcttd once to make it)", st->path);
		return -1;
	}
	return 0;
}

/* Append one audit row within the caller's transaction. */
static int
audit_add(struct store *st, const struct corr_who *w, const char *outcome,
    const char *old, const char *new, int64_t now, char **cause)
{
	static const char sql[] =
	    "INSERT INTO audit_log (at, user, client, action, outcome, unit_id,"
	    " criterion, old_value, new_value, reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	store_bind_text(s, 2, w->user != NULL ? w->user : "");
	store_bind_text(s, 3, w->client);
	store_bind_text(s, 4, w->action);
	store_bind_text(s, 5, outcome);
	store_bind_text(s, 6, w->unit_id);
	store_bind_text(s, 7, w->criterion);
	store_bind_text(s, 8, old);
	store_bind_text(s, 9, new);
	store_bind_text(s, 10, w->reason);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, "write the audit log", cause);
	return 0;
}

/* Step a write statement; 0 or -1 with *cause. */
static int
step_done(struct store *st, sqlite3_stmt *s, const char *what, char **cause)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, what, cause);
	return 0;
}

/* Commit, or roll back and return -1. */
static int
finish_tx(struct store *st, int rc, char **cause)
{
	if (rc == 0 && store_commit(st, cause) == 0)
		return 0;
	store_rollback(st);
	return -1;
}

int
corr_refused(struct store *st, const struct corr_who *w, const char *asked,
    int64_t now, char **cause)
{
	if (store_begin(st, cause) == -1)
		return -1;
	return finish_tx(st, audit_add(st, w, "refused", NULL, asked, now, cause), cause);
}

int
corr_recheck(struct store *st, const struct corr_who *w, int64_t now, char **cause)
{
	static const char sql[] =
	    "INSERT INTO recheck_request (unit_id, requested_at, requested_by)"
	    " VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s;
	int rc = -1;

	if (store_begin(st, cause) == -1)
		return -1;
	if ((s = store_stmt(st, sql, cause)) != NULL) {
		store_bind_text(s, 1, w->unit_id);
		sqlite3_bind_int64(s, 2, now);
		store_bind_text(s, 3, w->user);
		if (step_done(st, s, "queue a re-check", cause) == 0)
			rc = audit_add(st, w, "done", NULL, "yêu cầu kiểm tra lại", now, cause);
	}
	return finish_tx(st, rc, cause);
}

int
corr_hint(struct store *st, const struct corr_who *w, const char *url,
    const char *note, int64_t now, char **cause)
{
	static const char sql[] =
	    "INSERT INTO hint (unit_id, criterion, url, note, created_at, created_by)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *s;
	char *new;
	int rc = -1;

	if (store_begin(st, cause) == -1)
		return -1;
	if ((s = store_stmt(st, sql, cause)) != NULL) {
		store_bind_text(s, 1, w->unit_id);
		store_bind_text(s, 2, w->criterion);
		store_bind_text(s, 3, url);
		store_bind_text(s, 4, note);
		sqlite3_bind_int64(s, 5, now);
		store_bind_text(s, 6, w->user);
		if (step_done(st, s, "save a hint", cause) == 0) {
			new = xasprintf("%s%s%s", url, note != NULL && *note ? " — " : "",
			    note != NULL ? note : "");
			rc = audit_add(st, w, "done", NULL, new, now, cause);
			free(new);
		}
	}
	return finish_tx(st, rc, cause);
}

static const char manual_now_sql[] =
    "SELECT id, status, until FROM manual_verdict WHERE id = (SELECT MAX(id)"
    "  FROM manual_verdict WHERE unit_id = ?1 AND criterion = ?2)"
    " AND revoked_at IS NULL AND until >= ?3";

/*
 * The manual verdict of w's criterion in force on today: 1 with its id and
 * "status đến until" in *text (caller frees), 0 none, -1 error.
 */
static int
manual_in_force(struct store *st, const struct corr_who *w, const char *today,
    int64_t *id, char **text, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*text = NULL;
	if ((s = store_stmt(st, manual_now_sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, w->unit_id);
	store_bind_text(s, 2, w->criterion);
	store_bind_text(s, 3, today);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*text = xasprintf("%s đến %s", sqlite3_column_text(s, 1),
		    sqlite3_column_text(s, 2));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read manual verdicts", cause);
	return rc == SQLITE_ROW;
}

int
corr_verdict(struct store *st, const struct corr_who *w, enum status status,
    const char *until, int64_t now, char **cause)
{
	static const char sql[] =
	    "INSERT INTO manual_verdict (unit_id, criterion, status, reason, set_by,"
	    " set_at, until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *s;
	char today[16], *old = NULL, *new;
	int64_t id;
	int rc = -1;

	clock_date(now, today, sizeof today);
	if (store_begin(st, cause) == -1)
		return -1;
	if (manual_in_force(st, w, today, &id, &old, cause) != -1 &&
	    (s = store_stmt(st, sql, cause)) != NULL) {
		store_bind_text(s, 1, w->unit_id);
		store_bind_text(s, 2, w->criterion);
		store_bind_text(s, 3, status_name(status));
		store_bind_text(s, 4, w->reason);
		store_bind_text(s, 5, w->user);
		sqlite3_bind_int64(s, 6, now);
		store_bind_text(s, 7, until);
		if (step_done(st, s, "save a manual verdict", cause) == 0) {
			new = xasprintf("%s đến %s", status_name(status), until);
			rc = audit_add(st, w, "done", old, new, now, cause);
			free(new);
		}
	}
	free(old);
	return finish_tx(st, rc, cause);
}

int
corr_revoke(struct store *st, const struct corr_who *w, int64_t now, char **cause)
{
	static const char sql[] =
	    "UPDATE manual_verdict SET revoked_at = ?2, revoked_by = ?3,"
	    " revoke_reason = ?4 WHERE id = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *s;
	char today[16], *old = NULL;
	int64_t id = 0;
	int found, rc = -1;

	clock_date(now, today, sizeof today);
	if (store_begin(st, cause) == -1)
		return -1;
	found = manual_in_force(st, w, today, &id, &old, cause);
	if (found == 0) {
		store_rollback(st);
		return 0;
	}
	if (found == 1 && (s = store_stmt(st, sql, cause)) != NULL) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, now);
		store_bind_text(s, 3, w->user);
		store_bind_text(s, 4, w->reason);
		if (step_done(st, s, "revoke a manual verdict", cause) == 0)
			rc = audit_add(st, w, "done", old, "thu hồi", now, cause);
	}
	free(old);
	return finish_tx(st, rc, cause) == 0 ? 1 : -1;
}

/* The figures as one line for the audit log (caller frees). */
static char *
stats_text(const struct yearly_stats *y)
{
	return xasprintf("năm %d: tiếp nhận %lld, cung cấp toàn bộ %lld, một phần %lld, "
	    "từ chối %lld, chuyển %lld, quá hạn %lld", y->year, (long long)y->received,
	    (long long)y->provided_full, (long long)y->provided_part,
	    (long long)y->refused, (long long)y->transferred, (long long)y->overdue);
}

void
store_read_stats(sqlite3_stmt *s, void *elem)
{
	struct yearly_stats *y = elem;

	memset(y, 0, sizeof *y);
	y->year = sqlite3_column_int(s, 0);
	y->received = sqlite3_column_int64(s, 1);
	y->provided_full = sqlite3_column_int64(s, 2);
	y->provided_part = sqlite3_column_int64(s, 3);
	y->refused = sqlite3_column_int64(s, 4);
	y->transferred = sqlite3_column_int64(s, 5);
	y->overdue = sqlite3_column_int64(s, 6);
	y->updated_at = sqlite3_column_int64(s, 7);
	y->updated_by = store_col_text(s, 8);
	if (sqlite3_column_count(s) > 9)
		y->unit_id = store_col_text(s, 9);
}

int
corr_stats(struct store *st, const struct corr_who *w,
    const struct yearly_stats *ys, int64_t now, char **cause)
{
	static const char get[] =
	    "SELECT year, received, provided_full, provided_part, refused, transferred,"
	    " overdue, updated_at, updated_by FROM yearly_stats"
	    " WHERE unit_id = ?1 AND year = ?2";
	static const char put[] =
	    "INSERT OR REPLACE INTO yearly_stats (unit_id, year, received,"
	    " provided_full, provided_part, refused, transferred, overdue,"
	    " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	struct yearly_stats old = { 0 };
	sqlite3_stmt *s;
	char *oldt = NULL, *newt;
	int rc = -1, step;

	if (store_begin(st, cause) == -1)
		return -1;
	if ((s = store_stmt(st, get, cause)) == NULL)
		return finish_tx(st, -1, cause);
	store_bind_text(s, 1, w->unit_id);
	sqlite3_bind_int(s, 2, ys->year);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		store_read_stats(s, &old);
		oldt = stats_text(&old);
		free(old.updated_by);
	}
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail(st, "read yearly statistics", cause);
		free(oldt);
		return finish_tx(st, -1, cause);
	}
	if ((s = store_stmt(st, put, cause)) != NULL) {
		store_bind_text(s, 1, w->unit_id);
		sqlite3_bind_int(s, 2, ys->year);
		sqlite3_bind_int64(s, 3, ys->received);
		sqlite3_bind_int64(s, 4, ys->provided_full);
		sqlite3_bind_int64(s, 5, ys->provided_part);
		sqlite3_bind_int64(s, 6, ys->refused);
		sqlite3_bind_int64(s, 7, ys->transferred);
		sqlite3_bind_int64(s, 8, ys->overdue);
		sqlite3_bind_int64(s, 9, now);
		store_bind_text(s, 10, w->user);
		if (step_done(st, s, "save yearly statistics", cause) == 0) {
			newt = stats_text(ys);
			rc = audit_add(st, w, "done", oldt, newt, now, cause);
			free(newt);
		}
	}
	free(oldt);
	return finish_tx(st, rc, cause);
}

int
store_apply_manual(struct store *st, struct unit_state *list, size_t count,
    const char *id, char **cause)
{
	static const char sql[] =
	    "SELECT m.unit_id, m.criterion, m.status, m.set_by, m.reason, m.until,"
	    " m.set_at FROM manual_verdict m WHERE m.id IN (SELECT MAX(id)"
	    "  FROM manual_verdict WHERE ?1 IS NULL OR unit_id = ?1"
	    "  GROUP BY unit_id, criterion)"
	    " AND m.revoked_at IS NULL AND m.until >= ?2 ORDER BY m.unit_id";
	sqlite3_stmt *s;
	char today[16];
	size_t at = 0;
	int rc, c, stn;

	for (size_t i = 0; i < count; i++)
		for (c = 0; c < CRIT_COUNT; c++)
			list[i].auto_status[c] = list[i].v[c].status;
	/* Expiry is automatic: a verdict past its last day is simply not read. */
	clock_date(clock_now(), today, sizeof today);
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, id);
	store_bind_text(s, 2, today);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *uid = (const char *)sqlite3_column_text(s, 0);
		struct unit_state *u;

		while (at < count && uid != NULL && strcmp(list[at].id, uid) < 0)
			at++;
		if (at == count || uid == NULL || strcmp(list[at].id, uid) != 0)
			continue;
		if ((c = criterion_from_id((const char *)sqlite3_column_text(s, 1))) < 0 ||
		    (stn = status_from_name((const char *)sqlite3_column_text(s, 2))) < 0)
			continue;
		u = &list[at];
		manual_verdict_clear(&u->manual[c]);
		u->manual[c].status = (enum status)stn;
		u->manual[c].by = store_col_text(s, 3);
		u->manual[c].reason = store_col_text(s, 4);
		u->manual[c].until = store_col_text(s, 5);
		u->manual[c].at = sqlite3_column_int64(s, 6);
		u->v[c].status = (enum status)stn;
		u->score = verdicts_score(u->v, u->counted);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "read manual verdicts", cause);
	return 0;
}

void
manual_verdict_clear(struct manual_verdict *m)
{
	free(m->by);
	free(m->reason);
	free(m->until);
	memset(m, 0, sizeof *m);
}

static void
read_audit_row(sqlite3_stmt *s, void *elem)
{
	struct audit_row *a = elem;

	a->id = sqlite3_column_int64(s, 0);
	a->at = sqlite3_column_int64(s, 1);
	a->user = store_col_text(s, 2);
	a->client = store_col_text(s, 3);
	a->action = store_col_text(s, 4);
	a->outcome = store_col_text(s, 5);
	a->unit_id = store_col_text(s, 6);
	a->criterion = store_col_text(s, 7);
	a->old_value = store_col_text(s, 8);
	a->new_value = store_col_text(s, 9);
	a->reason = store_col_text(s, 10);
}

int
store_audit(struct store *st, const char *unit_id, int limit,
    struct audit_row **out, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT id, at, user, client, action, outcome, unit_id, criterion,"
	    " old_value, new_value, reason FROM audit_log"
	    " WHERE ?1 IS NULL OR unit_id = ?1 ORDER BY id DESC LIMIT ?2";
	sqlite3_stmt *s;
	bool failed;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	sqlite3_bind_int(s, 2, limit);
	*out = store_read_rows(s, sizeof **out, read_audit_row, n, &failed);
	if (failed) {
		audit_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, "read the audit log", cause);
	}
	return 0;
}

void
audit_rows_free(struct audit_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].user);
		free(r[i].client);
		free(r[i].action);
		free(r[i].outcome);
		free(r[i].unit_id);
		free(r[i].criterion);
		free(r[i].old_value);
		free(r[i].new_value);
		free(r[i].reason);
	}
	free(r);
}

static void
read_hint_row(sqlite3_stmt *s, void *elem)
{
	struct hint_row *h = elem;

	h->id = sqlite3_column_int64(s, 0);
	h->criterion = store_col_text(s, 1);
	h->url = store_col_text(s, 2);
	h->note = store_col_text(s, 3);
	h->by = store_col_text(s, 4);
	h->at = sqlite3_column_int64(s, 5);
}

int
store_hints(struct store *st, const char *unit_id, struct hint_row **out,
    size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT id, criterion, url, note, created_by, created_at FROM hint"
	    " WHERE unit_id = ?1 ORDER BY id";
	sqlite3_stmt *s;
	bool failed;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	*out = store_read_rows(s, sizeof **out, read_hint_row, n, &failed);
	if (failed) {
		hint_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, "read hints", cause);
	}
	return 0;
}

void
hint_rows_free(struct hint_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].criterion);
		free(r[i].url);
		free(r[i].note);
		free(r[i].by);
	}
	free(r);
}

int
store_yearly_stats(struct store *st, const char *unit_id,
    struct yearly_stats **out, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT year, received, provided_full, provided_part, refused, transferred,"
	    " overdue, updated_at, updated_by FROM yearly_stats WHERE unit_id = ?1"
	    " ORDER BY year DESC";
	sqlite3_stmt *s;
	bool failed;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	*out = store_read_rows(s, sizeof **out, store_read_stats, n, &failed);
	if (failed) {
		yearly_stats_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, "read yearly statistics", cause);
	}
	return 0;
}

void
yearly_stats_free(struct yearly_stats *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(y[i].unit_id);
		free(y[i].updated_by);
	}
	free(y);
}

int
store_recheck_pending(struct store *st, const char *unit_id, char **cause)
{
	static const char sql[] =
	    "SELECT 1 FROM recheck_request WHERE unit_id = ?1 AND done_at IS NULL LIMIT 1";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read re-check requests", cause);
	return rc == SQLITE_ROW;
}

static void
read_text_row(sqlite3_stmt *s, void *elem)
{
	*(char **)elem = store_col_text(s, 0);
}

int
store_recheck_waiting(struct store *st, char ***ids, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT DISTINCT unit_id FROM recheck_request WHERE done_at IS NULL"
	    " ORDER BY unit_id";
	sqlite3_stmt *s;
	bool failed;

	*ids = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	*ids = store_read_rows(s, sizeof **ids, read_text_row, n, &failed);
	if (failed) {
		for (size_t i = 0; i < *n; i++)
			free((*ids)[i]);
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_fail(st, "read re-check requests", cause);
	}
	return 0;
}

int
store_recheck_mark(struct store *st, const char *unit_id, bool done, int64_t now,
    char **cause)
{
	static const char picked[] =
	    "UPDATE recheck_request SET picked_at = ?2 WHERE unit_id = ?1"
	    " AND picked_at IS NULL";
	static const char finished[] =
	    "UPDATE recheck_request SET done_at = ?2 WHERE unit_id = ?1"
	    " AND picked_at IS NOT NULL AND done_at IS NULL";
	sqlite3_stmt *s;

	if ((s = store_stmt(st, done ? finished : picked, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, now);
	return step_done(st, s, "mark re-check requests", cause);
}

int
store_archive_has(struct store *st, const char *sha256, char **cause)
{
	static const char sql[] = "SELECT 1 FROM evidence_archive WHERE sha256 = ?1";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, sha256);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read the evidence archive", cause);
	return rc == SQLITE_ROW;
}

int
store_archive_put(struct store *st, const char *sha256, const char *ctype,
    const void *body, size_t len, int64_t now, char **cause)
{
	static const char touch[] =
	    "UPDATE evidence_archive SET last_seen = ?2 WHERE sha256 = ?1";
	static const char insert[] =
	    "INSERT OR IGNORE INTO evidence_archive (sha256, content_type, size, body,"
	    " first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
	sqlite3_stmt *s;
	void *z;
	size_t zlen;

	/* Stored once: an unchanged page only moves last_seen. */
	if ((s = store_stmt(st, touch, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, sha256);
	sqlite3_bind_int64(s, 2, now);
	if (step_done(st, s, "archive evidence", cause) == -1)
		return -1;
	if (sqlite3_changes(st->db) > 0 || body == NULL)
		return 0;
	z = archive_deflate(body, len, &zlen);
	if ((s = store_stmt(st, insert, cause)) == NULL) {
		free(z);
		return -1;
	}
	store_bind_text(s, 1, sha256);
	store_bind_text(s, 2, ctype);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)len);
	sqlite3_bind_blob64(s, 4, z, zlen, free);
	sqlite3_bind_int64(s, 5, now);
	return step_done(st, s, "archive evidence", cause);
}

int
store_archive_get(struct store *st, const char *sha256, char **ctype,
    void **body, size_t *len, char **cause)
{
	static const char sql[] =
	    "SELECT content_type, size, body FROM evidence_archive WHERE sha256 = ?1";
	sqlite3_stmt *s;
	int rc;

	*ctype = NULL;
	*body = NULL;
	*len = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, sha256);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		sqlite3_int64 size = sqlite3_column_int64(s, 1);

		if (size >= 0 && (*body = archive_inflate(sqlite3_column_blob(s, 2),
		    (size_t)sqlite3_column_bytes(s, 2), (size_t)size)) != NULL) {
			*ctype = store_col_text(s, 0);
			*len = (size_t)size;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read the evidence archive", cause);
	if (rc == SQLITE_ROW && *body == NULL) {
		*cause = xasprintf("%s: archived evidence %s is damaged", st->path, sha256);
		return -1;
	}
	return rc == SQLITE_ROW;
}

int
store_archive_prune(struct store *st, int64_t before, int64_t *dropped,
    char **cause)
{
	static const char sql[] = "DELETE FROM evidence_archive WHERE last_seen < ?1";
	sqlite3_stmt *s;

	*dropped = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, before);
	if (step_done(st, s, "prune the evidence archive", cause) == -1)
		return -1;
	*dropped = sqlite3_changes(st->db);
	return 0;
}

int
store_archive_bytes(struct store *st, int64_t *bytes, char **cause)
{
	static const char sql[] =
	    "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM evidence_archive";
	sqlite3_stmt *s;
	int rc;

	*bytes = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*bytes = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, "measure the evidence archive", cause);
	return 0;
}

/* store-read.c: reading units, current verdicts and history; the fetch cache. */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char units_sql[] =
    "SELECT u.id, u.name, u.kind, u.url, u.email, u.archived_at,"
    " p.finished_at, p.reachable, p.score, p.counted"
    " FROM unit u LEFT JOIN pass p ON p.id ="
    "  (SELECT id FROM pass WHERE unit_id = u.id ORDER BY finished_at DESC, id DESC LIMIT 1)"
    " WHERE (?1 OR u.archived_at IS NULL) AND (?2 IS NULL OR u.id = ?2)"
    " ORDER BY u.id";

/* The latest verdict of each criterion of each unit (or of unit ?1), in unit order. */
static const char current_sql[] =
    "SELECT v.unit_id, v.criterion, v.status, v.url, v.date, v.note, v.sha256,"
    " v.since FROM verdict v WHERE v.id IN (SELECT MAX(id) FROM verdict"
    "  WHERE ?1 IS NULL OR unit_id = ?1 GROUP BY unit_id, criterion)"
    " ORDER BY v.unit_id";

static void
read_verdict_cols(sqlite3_stmt *s, int col, struct verdict *v)
{
	int st = status_from_name((const char *)sqlite3_column_text(s, col));

	v->status = st < 0 ? ST_NOT_CHECKED : (enum status)st;
	v->url = store_col_text(s, col + 1);
	v->date = store_col_text(s, col + 2);
	v->note = store_col_text(s, col + 3);
	v->sha256 = store_col_text(s, col + 4);
	v->since = sqlite3_column_int64(s, col + 5);
}

/*
 * Fill the units' current verdicts with one statement, merging by ID: both
 * lists are in unit ID order. Two statements in all, whatever the number of
 * units, so the dashboard's 1,000-unit overview stays cheap.
 */
static int
read_current(struct store *st, struct unit_state *list, size_t count,
    const char *id, char **cause)
{
	sqlite3_stmt *s;
	size_t at = 0;
	int rc, c;

	if ((s = store_stmt(st, current_sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *uid = (const char *)sqlite3_column_text(s, 0);

		while (at < count && uid != NULL && strcmp(list[at].id, uid) < 0)
			at++;
		if (at == count || uid == NULL || strcmp(list[at].id, uid) != 0)
			continue;	/* a unit not asked for (archived) */
		if ((c = criterion_from_id((const char *)sqlite3_column_text(s, 1))) < 0)
			continue;
		verdict_clear(&list[at].v[c]);
		read_verdict_cols(s, 2, &list[at].v[c]);
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, "read verdicts", cause);
	return 0;
}

static void
read_unit_row(sqlite3_stmt *s, void *elem)
{
	struct unit_state *u = elem;

	u->id = store_col_text(s, 0);
	u->name = store_col_text(s, 1);
	u->kind = store_col_text(s, 2);
	u->url = store_col_text(s, 3);
	u->email = store_col_text(s, 4);
	u->archived_at = sqlite3_column_int64(s, 5);
	u->checked_at = sqlite3_column_int64(s, 6);
	u->reachable = sqlite3_column_int(s, 7) != 0;
	u->score = sqlite3_column_int(s, 8);
	u->counted = crit_set_parse((const char *)sqlite3_column_text(s, 9));
}

/* Units, then their verdicts; call within a read transaction. */
static int
query_units_tx(struct store *st, bool archived, const char *id,
    struct unit_state **out, size_t *n, char **cause)
{
	struct unit_state *list;
	size_t count;
	sqlite3_stmt *s;
	bool failed;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, units_sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, archived);
	store_bind_text(s, 2, id);
	list = store_read_rows(s, sizeof *list, read_unit_row, &count, &failed);
	if (failed) {
		unit_states_free(list, count);
		return store_fail(st, "read units", cause);
	}
	if (read_current(st, list, count, id, cause) == -1 ||
	    store_apply_manual(st, list, count, id, cause) == -1) {
		unit_states_free(list, count);
		return -1;
	}
	*out = list;
	*n = count;
	return 0;
}

/* One read transaction, so a pass committed meanwhile is seen whole or not at all. */
static int
query_units(struct store *st, bool archived, const char *id,
    struct unit_state **out, size_t *n, char **cause)
{
	int rc;

	*out = NULL;
	*n = 0;
	if (store_exec(st, "BEGIN", cause) == -1)
		return -1;
	rc = query_units_tx(st, archived, id, out, n, cause);
	if (store_exec(st, "COMMIT", rc == 0 ? cause : NULL) == -1 && rc == 0) {
		unit_states_free(*out, *n);
		*out = NULL;
		*n = 0;
		rc = -1;
	}
	store_rollback(st);
	return rc;
}

int
store_units(struct store *st, bool include_archived, struct unit_state **out,
    size_t *n, char **cause)
{
	return query_units(st, include_archived, NULL, out, n, cause);
}

int
store_unit(struct store *st, const char *id, struct unit_state *out,
    char **cause)
{
	struct unit_state *list;
	size_t n;

	if (query_units(st, true, id, &list, &n, cause) == -1)
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
unit_state_clear(struct unit_state *u)
{
	free(u->id);
	free(u->name);
	free(u->kind);
	free(u->url);
	free(u->email);
	for (int c = 0; c < CRIT_COUNT; c++) {
		verdict_clear(&u->v[c]);
		manual_verdict_clear(&u->manual[c]);
	}
	memset(u, 0, sizeof *u);
}

void
unit_states_free(struct unit_state *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		unit_state_clear(&u[i]);
	free(u);
}

int
store_history(struct store *st, const char *unit_id, struct history_entry **out,
    size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT criterion, status, url, date, note, sha256, since,"
	    " first_seen, last_seen FROM verdict WHERE unit_id = ?1"
	    " ORDER BY first_seen DESC, id DESC";
	struct history_entry *list = NULL;
	size_t count = 0;
	sqlite3_stmt *s;
	int rc, c;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((c = criterion_from_id((const char *)sqlite3_column_text(s, 0))) < 0)
			continue;
		list = xreallocarray(list, count + 1, sizeof *list);
		memset(&list[count], 0, sizeof list[count]);
		list[count].crit = (enum criterion)c;
		read_verdict_cols(s, 1, &list[count].v);
		list[count].first_seen = sqlite3_column_int64(s, 7);
		list[count].last_seen = sqlite3_column_int64(s, 8);
		count++;
	}
	if (rc != SQLITE_DONE) {
		history_free(list, count);
		return store_fail(st, "read history", cause);
	}
	*out = list;
	*n = count;
	return 0;
}

void
history_free(struct history_entry *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		verdict_clear(&h[i].v);
	free(h);
}

int
store_get_fetch_state(struct store *st, const char *url, struct fetch_state *out,
    char **cause)
{
	static const char sql[] =
	    "SELECT etag, last_modified, content_hash, extracted, status,"
	    " fetched_at FROM fetch_state WHERE url = ?1";
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(st, "read fetch state", cause);
	out->etag = store_col_text(s, 0);
	out->last_modified = store_col_text(s, 1);
	out->content_hash = store_col_text(s, 2);
	out->extracted_len = (size_t)sqlite3_column_bytes(s, 3);
	if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
		out->extracted = xmalloc(out->extracted_len);
		memcpy(out->extracted, sqlite3_column_blob(s, 3), out->extracted_len);
	}
	out->status = sqlite3_column_int(s, 4);
	out->fetched_at = sqlite3_column_int64(s, 5);
	sqlite3_reset(s);
	return 1;
}

int
store_get_validators(struct store *st, const char *url, char **etag,
    char **last_modified, char **cause)
{
	static const char sql[] =
	    "SELECT etag, last_modified FROM fetch_state"
	    " WHERE url = ?1 AND extracted IS NOT NULL";
	sqlite3_stmt *s;
	int rc;

	*etag = *last_modified = NULL;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(st, "read fetch state", cause);
	*etag = store_col_text(s, 0);
	*last_modified = store_col_text(s, 1);
	sqlite3_reset(s);
	return 1;
}

int
store_put_fetch_states(struct store *st, const char *unit_id, char *const *urls,
    const struct fetch_state *fs, size_t n, char **cause)
{
	if (n == 0)
		return 0;
	if (store_begin(st, cause) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (store_put_fetch_state(st, unit_id, urls[i], &fs[i], cause) == -1) {
			store_rollback(st);
			return -1;
		}
	if (store_commit(st, cause) == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
store_put_fetch_state(struct store *st, const char *unit_id, const char *url,
    const struct fetch_state *fs, char **cause)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO fetch_state (url, unit_id, etag, last_modified,"
	    " content_hash, extracted, status, fetched_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	store_bind_text(s, 2, unit_id);
	store_bind_text(s, 3, fs->etag);
	store_bind_text(s, 4, fs->last_modified);
	store_bind_text(s, 5, fs->content_hash);
	/* Not copied (tens of KiB): fs outlives the step, and the binding is cleared after it. */
	if (fs->extracted != NULL)
		sqlite3_bind_blob(s, 6, fs->extracted, (int)fs->extracted_len,
		    SQLITE_STATIC);
	sqlite3_bind_int(s, 7, fs->status);
	sqlite3_bind_int64(s, 8, fs->fetched_at);
	if ((rc = store_step_write(st, s)) != SQLITE_DONE)
		store_fail(st, "save fetch state", cause);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
fetch_state_clear(struct fetch_state *fs)
{
	free(fs->etag);
	free(fs->last_modified);
	free(fs->content_hash);
	free(fs->extracted);
	memset(fs, 0, sizeof *fs);
}

/* store.c: opening, migrating and writing the database; units, passes and verdicts. */
#include "store-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "xmalloc.h"

/*
 * migrations[i] takes a database from user_version i to i + 1. Version 1 was
 * the first layout (one result row per check); version 2 keeps history as
 * stretches of unchanged verdicts so the file grows with changes, not checks.
 */
static const char *migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE unit ("
	"  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,"
	"  url TEXT NOT NULL, email TEXT);"
	"CREATE TABLE result ("
	"  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES unit(id),"
	"  criterion TEXT NOT NULL, status TEXT NOT NULL, url TEXT, date TEXT,"
	"  note TEXT, checked_at INTEGER NOT NULL);",

	/* 1 -> 2 */
	"ALTER TABLE unit ADD COLUMN archived_at INTEGER;"
	"ALTER TABLE unit ADD COLUMN next_check_at INTEGER;"
	"CREATE TABLE pass ("
	"  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES unit(id),"
	"  started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL,"
	"  reachable INTEGER NOT NULL, score INTEGER NOT NULL,"
	"  pages INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0,"
	"  errors INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX pass_unit ON pass(unit_id, finished_at);"
	"CREATE TABLE verdict ("
	"  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES unit(id),"
	"  criterion TEXT NOT NULL, status TEXT NOT NULL, url TEXT, date TEXT,"
	"  note TEXT, sha256 TEXT, since INTEGER NOT NULL,"
	"  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL);"
	"CREATE INDEX verdict_unit ON verdict(unit_id, criterion, id);"
	"INSERT INTO pass (unit_id, started_at, finished_at, reachable, score)"
	"  SELECT unit_id, checked_at, checked_at,"
	"    SUM(status <> 'unreachable') > 0, 20 * SUM(status = 'ok')"
	"  FROM result GROUP BY unit_id, checked_at;"
	"INSERT INTO verdict (unit_id, criterion, status, url, date, note, since,"
	"    first_seen, last_seen)"
	"  SELECT unit_id, criterion, status, url, date, note, checked_at,"
	"    checked_at, checked_at FROM result ORDER BY checked_at, id;"
	"DROP TABLE result;"
	"CREATE TABLE fetch_state ("
	"  url TEXT PRIMARY KEY, unit_id TEXT, etag TEXT, last_modified TEXT,"
	"  content_hash TEXT, status INTEGER, fetched_at INTEGER, extracted BLOB);"
	"CREATE TABLE notice ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'digest')),"
	"  unit_id TEXT REFERENCES unit(id),"
	"  round_key TEXT NOT NULL UNIQUE,"
	"  mail_to TEXT NOT NULL, mail_cc TEXT, subject TEXT NOT NULL,"
	"  message TEXT NOT NULL, body_text TEXT, body_html TEXT,"
	"  state TEXT NOT NULL DEFAULT 'pending'"
	"    CHECK (state IN ('pending', 'sent', 'failed')),"
	"  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,"
	"  created_at INTEGER NOT NULL, sent_at INTEGER, error TEXT);"
	"CREATE INDEX notice_unit ON notice(unit_id, created_at);"
	"CREATE TABLE digest ("
	"  id INTEGER PRIMARY KEY, week TEXT NOT NULL UNIQUE,"
	"  created_at INTEGER NOT NULL, notice_id INTEGER REFERENCES notice(id),"
	"  stats TEXT);"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);",

	/*
	 * 2 -> 3: nine criteria, Decree 13 Art. 11(1) adding four. A pass records
	 * the criteria its score counted, so earlier scores (over the first five)
	 * keep their meaning; the four have no verdict yet, so read as not_checked.
	 */
	"ALTER TABLE pass ADD COLUMN counted TEXT;"
	"UPDATE pass SET counted ="
	"  'section regulation public_catalog conditional_catalog focal_point';",

	/*
	 * 3 -> 4: the secretariat's corrections (store-corr.c). The dashboard
	 * writes only these request tables and the append-only audit log; the
	 * secret that signs its form tokens is made here, once.
	 */
	"CREATE TABLE recheck_request ("
	"  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES unit(id),"
	"  requested_at INTEGER NOT NULL, requested_by TEXT NOT NULL,"
	"  picked_at INTEGER, done_at INTEGER);"
	"CREATE INDEX recheck_open ON recheck_request(unit_id, done_at);"
	"CREATE TABLE hint ("
	"  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES unit(id),"
	"  criterion TEXT NOT NULL, url TEXT NOT NULL, note TEXT,"
	"  created_at INTEGER NOT NULL, created_by TEXT NOT NULL);"
	"CREATE INDEX hint_unit ON hint(unit_id, id);"
	"CREATE TABLE manual_verdict ("
	"  id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES unit(id),"
	"  criterion TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,"
	"  set_by TEXT NOT NULL, set_at INTEGER NOT NULL, until TEXT NOT NULL,"
	"  revoked_at INTEGER, revoked_by TEXT, revoke_reason TEXT);"
	"CREATE INDEX manual_unit ON manual_verdict(unit_id, criterion, id);"
	"CREATE TABLE IF NOT EXISTS yearly_stats(unit_id TEXT NOT NULL,"
	" year INTEGER NOT NULL, received INTEGER NOT NULL,"
	" provided_full INTEGER NOT NULL, provided_part INTEGER NOT NULL,"
	" refused INTEGER NOT NULL, transferred INTEGER NOT NULL,"
	" overdue INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
	" updated_by TEXT NOT NULL, PRIMARY KEY(unit_id, year));"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT NOT NULL,"
	"  client TEXT, action TEXT NOT NULL, outcome TEXT NOT NULL,"
	"  unit_id TEXT, criterion TEXT, old_value TEXT, new_value TEXT,"
	"  reason TEXT);"
	"CREATE INDEX audit_unit ON audit_log(unit_id, id);"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
	"  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
	"  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
	"CREATE TABLE evidence_archive ("
	"  sha256 TEXT PRIMARY KEY, content_type TEXT, size INTEGER NOT NULL,"
	"  body BLOB NOT NULL, first_seen INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL);"
	"INSERT OR IGNORE INTO meta (key, value)"
	"  VALUES ('csrf_secret', lower(hex(randomblob(32))));",
};

/*
 * The page size of a new file (an existing one keeps its own). A cache row
 * holds an extraction of tens of KiB: in 16 KiB pages it is written, and
 * copied by each WAL checkpoint, in a quarter of the system calls 4 KiB
 * pages take (measured: the store's CPU per page -25% to -35%); 64 KiB pages
 * cost more again, every small commit rewriting whole pages.
 */
#define STORE_PAGE_SIZE	"16384"
/*
 * The page cache of a writing connection, in KiB (SQLite's default is 2,000).
 * What tcttd writes are cache rows read back once per pass, and the tables
 * it reads are small: 1 MiB costs no measurable time and keeps its peak
 * memory about 1 MiB lower.
 */
#define STORE_CACHE_KIB	"1024"

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
    "one migration per schema version");

int
store_fail(struct store *st, const char *what, char **cause)
{
	if (cause != NULL)
		*cause = xasprintf("%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
	return -1;
}

/*
 * Outside a transaction, a statement left stepped holds a read snapshot; once
 * another process commits, a write from this connection fails at once with
 * "database is locked" (SQLITE_BUSY_SNAPSHOT), whatever the busy timeout.
 * Before writing, end every such read.
 */
static void
release_reads(struct store *st)
{
	sqlite3_stmt *s = NULL;

	if (!sqlite3_get_autocommit(st->db))
		return;
	while ((s = sqlite3_next_stmt(st->db, s)) != NULL)
		if (sqlite3_stmt_busy(s))
			sqlite3_reset(s);
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql, char **cause)
{
	sqlite3_stmt *s;
	int i;

	for (i = 0; i < st->nstmts; i++) {
		if (st->stmts[i].sql == sql) {
			s = st->stmts[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			if (!sqlite3_stmt_readonly(s))
				release_reads(st);
			return s;
		}
	}
	if (st->nstmts == STORE_MAX_STMTS)
		fatalx("store: too many prepared statements");
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK) {
		store_fail(st, "prepare", cause);
		return NULL;
	}
	st->stmts[st->nstmts].sql = sql;
	st->stmts[st->nstmts].stmt = s;
	st->nstmts++;
	if (!sqlite3_stmt_readonly(s))
		release_reads(st);
	return s;
}

int
store_exec(struct store *st, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", st->path, err ? err : "error");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

void *
store_read_rows(sqlite3_stmt *s, size_t size, void (*read_row)(sqlite3_stmt *, void *),
    size_t *n, bool *failed)
{
	char *list = NULL;
	size_t count = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? 2 * cap : 16;
			list = xreallocarray(list, cap, size);
		}
		memset(list + count * size, 0, size);
		read_row(s, list + count * size);
		count++;
	}
	sqlite3_reset(s);
	*n = count;
	*failed = rc != SQLITE_DONE;
	return list;
}

void
store_release(struct store *st, sqlite3_stmt *keep)
{
	sqlite3_stmt *s = NULL;

	while ((s = sqlite3_next_stmt(st->db, s)) != NULL)
		if (s != keep && sqlite3_stmt_busy(s))
			sqlite3_reset(s);
}

/* True for "database is locked" and its kinds (SQLITE_BUSY_SNAPSHOT...). */
static bool
is_busy(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* Run sql (BEGIN IMMEDIATE, COMMIT), again while another process holds the lock. */
static int
exec_retry(struct store *st, const char *sql, char **cause)
{
	int rc;

	for (int i = 0;; i++) {
		/* No statement of ours may keep an old snapshot into a write. */
		store_release(st, NULL);
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if (!is_busy(rc) || i + 1 == STORE_BUSY_TRIES)
			break;
	}
	return store_fail(st, sql, cause);
}

int
store_step_write(struct store *st, sqlite3_stmt *s)
{
	int rc;

	for (int i = 0;; i++) {
		rc = sqlite3_step(s);
		/* Inside a transaction the caller rolls back and decides. */
		if (!is_busy(rc) || i + 1 == STORE_BUSY_TRIES ||
		    !sqlite3_get_autocommit(st->db))
			return rc;
		sqlite3_reset(s);
		store_release(st, s);
	}
}

int
store_begin(struct store *st, char **cause)
{
	release_reads(st);
	return exec_retry(st, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *st, char **cause)
{
	int rc = exec_retry(st, "COMMIT", cause);

	store_release(st, NULL);
	return rc;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	store_release(st, NULL);
}

static int
read_version(struct store *st, int *version, char **cause)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, "read schema version", cause);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return store_fail(st, "read schema version", cause);
	}
	*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/* Apply every migration the file lacks, each in its own transaction. */
static int
migrate(struct store *st, char **cause)
{
	char pragma[64];
	int v;

	if (read_version(st, &v, cause) == -1)
		return -1;
	if (v > STORE_SCHEMA_VERSION) {
		*cause = xasprintf("%s: schema version %d is newer than this "
		    "program's (%d)", st->path, v, STORE_SCHEMA_VERSION);
		return -1;
	}
	for (; v < STORE_SCHEMA_VERSION; v++) {
		if (store_begin(st, cause) == -1)
			return -1;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (store_exec(st, migrations[v], cause) == -1 ||
		    store_exec(st, pragma, cause) == -1) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st, cause) == -1) {
			store_rollback(st);
			return -1;
		}
	}
	st->version = v;
	return 0;
}

/* For tests: create a database at an older schema version. */
int store_create_at_version(const char *path, int version, char **cause);

int
store_create_at_version(const char *path, int version, char **cause)
{
	struct store st = { 0 };
	char pragma[64];
	int rc = 0;

	st.path = (char *)(uintptr_t)path;
	if (sqlite3_open(path, &st.db) != SQLITE_OK)
		rc = store_fail(&st, "open", cause);
	for (int v = 0; rc == 0 && v < version; v++) {
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (store_exec(&st, migrations[v], cause) == -1 ||
		    store_exec(&st, pragma, cause) == -1)
			rc = -1;
	}
	sqlite3_close(st.db);
	return rc;
}

int
store_open(const char *path, int flags, struct store **out, char **cause)
{
	struct store *st = xcalloc(1, sizeof *st);
	int oflags;

	*out = NULL;
	st->path = xstrdup(path);
	st->readonly = (flags & STORE_READONLY) != 0;
	oflags = st->readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		store_fail(st, "open", cause);
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	if (st->readonly) {
		if (read_version(st, &st->version, cause) == -1) {
			store_close(st);
			return -1;
		}
		if (st->version != STORE_SCHEMA_VERSION) {
			*cause = xasprintf("%s: schema version %d, expected %d "
			    "(run tcttd once to migrate it)", path, st->version,
			    STORE_SCHEMA_VERSION);
			store_close(st);
			return -1;
		}
	} else if (store_exec(st, "PRAGMA page_size = " STORE_PAGE_SIZE, cause) == -1 ||
	    store_exec(st, "PRAGMA journal_mode = WAL", cause) == -1 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL", cause) == -1 ||
	    store_exec(st, "PRAGMA cache_size = -" STORE_CACHE_KIB, cause) == -1 ||
	    store_exec(st, "PRAGMA foreign_keys = ON", cause) == -1 ||
	    migrate(st, cause) == -1) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

int
store_schema_version(struct store *st)
{
	return st->version;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_checkpoint_stop(st);
	for (int i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int
store_sync_units(struct store *st, const struct config *cfg, int64_t now,
    char **cause)
{
	static const char upsert[] =
	    "INSERT INTO unit (id, name, kind, url, email, archived_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, NULL)"
	    " ON CONFLICT(id) DO UPDATE SET name = ?2, kind = ?3, url = ?4,"
	    " email = ?5, archived_at = NULL";
	static const char mark[] =
	    "UPDATE unit SET archived_at = ?1 WHERE archived_at IS NULL";
	sqlite3_stmt *s;

	if (store_begin(st, cause) == -1)
		return -1;
	/* Archive all, then bring back those still configured. */
	if ((s = store_stmt(st, mark, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, now);
	if (sqlite3_step(s) != SQLITE_DONE)
		goto fail_db;
	for (size_t i = 0; i < cfg->n_units; i++) {
		const struct unit_conf *u = &cfg->units[i];

		if ((s = store_stmt(st, upsert, cause)) == NULL)
			goto fail;
		store_bind_text(s, 1, u->id);
		store_bind_text(s, 2, u->name);
		store_bind_text(s, 3, unit_kind_name(u->kind));
		store_bind_text(s, 4, u->url);
		store_bind_text(s, 5, u->email);
		if (sqlite3_step(s) != SQLITE_DONE)
			goto fail_db;
	}
	return store_commit(st, cause);
fail_db:
	store_fail(st, "sync units", cause);
fail:
	store_rollback(st);
	return -1;
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Save one criterion's verdict within the pass's transaction. */
static int
save_verdict(struct store *st, const char *unit_id, enum criterion c,
    struct verdict *v, int64_t now, char **cause)
{
	static const char latest[] =
	    "SELECT id, status, url, date, note, sha256, since FROM verdict"
	    " WHERE unit_id = ?1 AND criterion = ?2 ORDER BY id DESC LIMIT 1";
	static const char touch[] =
	    "UPDATE verdict SET last_seen = ?2 WHERE id = ?1";
	static const char insert[] =
	    "INSERT INTO verdict (unit_id, criterion, status, url, date, note,"
	    " sha256, since, first_seen, last_seen)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
	const char *crit = crit_info(c)->id;
	sqlite3_stmt *s;
	int64_t id = 0, since = now;
	bool same = false;

	if ((s = store_stmt(st, latest, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	store_bind_text(s, 2, crit);
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		id = sqlite3_column_int64(s, 0);
		if (strcmp((const char *)sqlite3_column_text(s, 1),
		    status_name(v->status)) == 0) {
			since = sqlite3_column_int64(s, 6);
			same = str_eq((const char *)sqlite3_column_text(s, 2), v->url) &&
			    str_eq((const char *)sqlite3_column_text(s, 3), v->date) &&
			    str_eq((const char *)sqlite3_column_text(s, 4), v->note) &&
			    str_eq((const char *)sqlite3_column_text(s, 5), v->sha256);
		}
		break;
	case SQLITE_DONE:
		break;
	default:
		return store_fail(st, "read verdict", cause);
	}
	sqlite3_reset(s);	/* no read left open past the commit */
	v->since = since;
	if (same) {
		if ((s = store_stmt(st, touch, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, now);
	} else {
		if ((s = store_stmt(st, insert, cause)) == NULL)
			return -1;
		store_bind_text(s, 1, unit_id);
		store_bind_text(s, 2, crit);
		store_bind_text(s, 3, status_name(v->status));
		store_bind_text(s, 4, v->url);
		store_bind_text(s, 5, v->date);
		store_bind_text(s, 6, v->note);
		store_bind_text(s, 7, v->sha256);
		sqlite3_bind_int64(s, 8, since);
		sqlite3_bind_int64(s, 9, now);
	}
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, "save verdict", cause);
	return 0;
}

int
store_save_pass(struct store *st, const char *unit_id, struct pass_result *pr,
    char **cause)
{
	static const char insert[] =
	    "INSERT INTO pass (unit_id, started_at, finished_at, reachable, score,"
	    " pages, bytes, errors, counted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	struct buf counted = { 0 };
	sqlite3_stmt *s;

	if (store_begin(st, cause) == -1)
		return -1;
	if ((s = store_stmt(st, insert, cause)) == NULL)
		goto fail;
	store_bind_text(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, pr->started_at);
	sqlite3_bind_int64(s, 3, pr->finished_at);
	sqlite3_bind_int(s, 4, pr->reachable);
	sqlite3_bind_int(s, 5, verdicts_score(pr->v, pr->counted));
	sqlite3_bind_int(s, 6, pr->pages);
	sqlite3_bind_int64(s, 7, pr->bytes);
	sqlite3_bind_int(s, 8, pr->errors);
	for (int c = 0; c < CRIT_COUNT; c++)
		if (pr->counted == 0 || CRIT_IN(pr->counted, c))
			buf_printf(&counted, "%s%s", counted.len ? " " : "", crit_info(c)->id);
	store_bind_text(s, 9, counted.data);
	buf_free(&counted);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_fail(st, "save pass", cause);
		goto fail;
	}
	for (int c = 0; c < CRIT_COUNT; c++)
		if (save_verdict(st, unit_id, (enum criterion)c, &pr->v[c],
		    pr->finished_at, cause) == -1)
			goto fail;
	if (store_commit(st, cause) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
verdicts_score(const struct verdict v[CRIT_COUNT], crit_set counted)
{
	int ok = 0, n = 0;

	if (counted == 0)
		counted = CRIT_ALL;
	for (int c = 0; c < CRIT_COUNT; c++)
		if (CRIT_IN(counted, c)) {
			ok += v[c].status == ST_OK;
			n++;
		}
	return ok * 100 / n;
}

void
verdict_clear(struct verdict *v)
{
	free(v->url);
	free(v->date);
	free(v->note);
	free(v->sha256);
	memset(v, 0, sizeof *v);
}

void
verdict_copy(struct verdict *dst, const struct verdict *src)
{
	dst->status = src->status;
	dst->url = xstrdup0(src->url);
	dst->date = xstrdup0(src->date);
	dst->note = xstrdup0(src->note);
	dst->sha256 = xstrdup0(src->sha256);
	dst->since = src->since;
}

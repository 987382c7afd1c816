/* test_store.c: the database: creation, migration, history, reopen, concurrent readers. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "config.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

int store_create_at_version(const char *path, int version, char **cause);

static struct store *
open_ok(const char *path, int flags)
{
	struct store *st;
	char *cause = NULL;

	if (store_open(path, flags, &st, &cause) == -1)
		cr_assert_fail("store_open: %s", cause);
	return st;
}

static struct config *
two_units(void)
{
	struct config *cfg;
	char *cause;

	if (config_load_string("t.conf",
	    "[unit:stp]\nname = Sở Tư pháp\nkind = department\nurl = http://stp.demo/\nemail = stp@demo.vn\n"
	    "[unit:syt]\nname = Sở Y tế\nkind = department\nurl = http://syt.demo/\n",
	    &cfg, &cause) == -1)
		cr_assert_fail("%s", cause);
	return cfg;
}

static void
fill(struct pass_result *pr, int64_t t, enum status st, const char *url)
{
	memset(pr, 0, sizeof *pr);
	pr->started_at = t - 5;
	pr->finished_at = t;
	pr->reachable = st != ST_UNREACHABLE;
	pr->pages = 3;
	for (int c = 0; c < CRIT_COUNT; c++) {
		pr->v[c].status = st;
		pr->v[c].url = url ? xstrdup(url) : NULL;
		pr->v[c].note = xstrdup("ghi chú");
	}
}

static void
clear(struct pass_result *pr)
{
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr->v[c]);
}

static long
count_rows(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long n = -1;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

Test(store, fresh_create_is_wal_and_current)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir);
	struct store *st = open_ok(path, 0);

	cr_expect_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	cr_expect_eq(count_rows(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	{
		sqlite3 *db;
		sqlite3_stmt *s;

		sqlite3_open(path, &db);
		sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL);
		cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
		cr_expect_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	/* 16 KiB pages: a cache row of tens of KiB in a few writes (store.c). */
	cr_expect_eq(count_rows(path, "PRAGMA page_size"), 16384);
	free(path);
	free(dir);
}

Test(store, history_grows_with_changes_not_checks)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir);
	struct store *st = open_ok(path, 0);
	struct config *cfg = two_units();
	struct pass_result pr;
	struct unit_state u;
	char *cause = NULL;

	cr_assert_eq(store_sync_units(st, cfg, 1000, &cause), 0, "%s", cause);
	for (int day = 0; day < 30; day++) {
		fill(&pr, 100000 + day * 86400, ST_MISSING, NULL);
		cr_assert_eq(store_save_pass(st, "stp", &pr, &cause), 0, "%s", cause);
		cr_expect_eq(pr.v[0].since, 100000, "since stays at the first day");
		clear(&pr);
	}
	fill(&pr, 100000 + 30 * 86400, ST_OK, "http://stp.demo/tiep-can-thong-tin");
	cr_assert_eq(store_save_pass(st, "stp", &pr, &cause), 0);
	cr_expect_eq(pr.v[0].since, 100000 + 30 * 86400);
	clear(&pr);
	store_close(st);
	cr_expect_eq(count_rows(path, "SELECT COUNT(*) FROM verdict"), 2 * CRIT_COUNT);
	cr_expect_eq(count_rows(path, "SELECT COUNT(*) FROM pass"), 31);

	st = open_ok(path, STORE_READONLY);
	cr_assert_eq(store_unit(st, "stp", &u, &cause), 1);
	cr_expect_eq(u.v[CRIT_SECTION].status, ST_OK);
	cr_expect_str_eq(u.v[CRIT_SECTION].url, "http://stp.demo/tiep-can-thong-tin");
	cr_expect_eq(u.score, 100);
	cr_expect_eq(u.checked_at, 100000 + 30 * 86400);
	unit_state_clear(&u);
	{
		struct history_entry *h;
		size_t n;

		cr_assert_eq(store_history(st, "stp", &h, &n, &cause), 0);
		cr_expect_eq(n, 2 * CRIT_COUNT);
		cr_expect_eq(h[0].v.status, ST_OK, "newest first");
		cr_expect_eq(h[n - 1].first_seen, 100000);
		cr_expect_eq(h[n - 1].last_seen, 100000 + 29 * 86400);
		history_free(h, n);
	}
	cr_assert_eq(store_unit(st, "syt", &u, &cause), 1);
	cr_expect_eq(u.checked_at, 0, "never checked");
	cr_expect_eq(u.v[0].status, ST_NOT_CHECKED);
	unit_state_clear(&u);
	cr_expect_eq(store_unit(st, "nope", &u, &cause), 0);
	store_close(st);
	config_free(cfg);
	free(path);
	free(dir);
}

Test(store, removed_unit_is_archived_with_history)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir);
	struct store *st = open_ok(path, 0);
	struct config *cfg = two_units(), *one;
	struct unit_state *list, u;
	struct pass_result pr;
	size_t n;
	char *cause;

	cr_assert_eq(store_sync_units(st, cfg, 1000, &cause), 0);
	fill(&pr, 2000, ST_OK, "http://syt.demo/x");
	cr_assert_eq(store_save_pass(st, "syt", &pr, &cause), 0);
	clear(&pr);
	cr_assert_eq(config_load_string("t.conf",
	    "[unit:stp]\nname = Sở Tư pháp (mới)\nkind = department\nurl = http://stp.demo/\n",
	    &one, &cause), 0);
	cr_assert_eq(store_sync_units(st, one, 3000, &cause), 0);
	cr_assert_eq(store_units(st, false, &list, &n, &cause), 0);
	cr_expect_eq(n, 1);
	cr_expect_str_eq(list[0].name, "Sở Tư pháp (mới)");
	unit_states_free(list, n);
	cr_assert_eq(store_unit(st, "syt", &u, &cause), 1);
	cr_expect_eq(u.archived_at, 3000);
	cr_expect_eq(u.v[0].status, ST_OK, "history kept");
	unit_state_clear(&u);
	/* Back in the configuration: active again, history intact. */
	cr_assert_eq(store_sync_units(st, cfg, 4000, &cause), 0);
	cr_assert_eq(store_unit(st, "syt", &u, &cause), 1);
	cr_expect_eq(u.archived_at, 0);
	unit_state_clear(&u);
	store_close(st);
	config_free(cfg);
	config_free(one);
	free(path);
	free(dir);
}

Test(store, migrates_from_version_1)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/old.db", dir);
	char *cause = NULL;
	sqlite3 *db;
	struct store *st;
	struct unit_state u;

	cr_assert_eq(store_create_at_version(path, 1, &cause), 0, "%s", cause);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db,
	    "INSERT INTO unit VALUES ('stp', 'Sở Tư pháp', 'department', 'http://stp.demo/', NULL);"
	    "INSERT INTO result (unit_id, criterion, status, url, date, note, checked_at) VALUES"
	    " ('stp', 'section', 'missing', NULL, NULL, 'cũ', 1000),"
	    " ('stp', 'section', 'ok', 'http://stp.demo/tctt', NULL, 'mới', 2000),"
	    " ('stp', 'public_catalog', 'stale', 'http://stp.demo/dm.pdf', '2020-01-01', NULL, 2000);",
	    NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);

	st = open_ok(path, 0);
	cr_expect_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_eq(store_unit(st, "stp", &u, &cause), 1);
	cr_expect_eq(u.v[CRIT_SECTION].status, ST_OK);
	cr_expect_str_eq(u.v[CRIT_SECTION].url, "http://stp.demo/tctt");
	cr_expect_eq(u.v[CRIT_PUBLIC_CATALOG].status, ST_STALE);
	cr_expect_str_eq(u.v[CRIT_PUBLIC_CATALOG].date, "2020-01-01");
	cr_expect_eq(u.checked_at, 2000);
	cr_expect_eq(u.score, 20);
	unit_state_clear(&u);
	store_close(st);
	/* Reopening a current file changes nothing. */
	st = open_ok(path, 0);
	cr_expect_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	cr_expect_eq(count_rows(path, "SELECT COUNT(*) FROM verdict"), 3);
	free(path);
	free(dir);
}

Test(store, migrates_from_version_2_five_criteria_history_kept_four_not_checked)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/v2.db", dir);
	char *cause = NULL;
	sqlite3 *db;
	struct store *st;
	struct unit_state u;
	struct history_entry *h;
	struct pass_result pr;
	size_t n;

	/* A database as tcttd left it before the four items: five verdicts, score over five. */
	cr_assert_eq(store_create_at_version(path, 2, &cause), 0, "%s", cause);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db,
	    "INSERT INTO unit (id, name, kind, url) VALUES ('stp', 'Sở Tư pháp', 'department',"
	    " 'http://stp.demo/');"
	    "INSERT INTO pass (unit_id, started_at, finished_at, reachable, score)"
	    " VALUES ('stp', 900, 1000, 1, 100);"
	    "INSERT INTO verdict (unit_id, criterion, status, url, date, note, since,"
	    " first_seen, last_seen) VALUES"
	    " ('stp', 'section', 'ok', 'http://stp.demo/tctt', NULL, 'n', 1000, 1000, 1000),"
	    " ('stp', 'regulation', 'ok', 'http://stp.demo/qc.pdf', '2026-01-02', 'n', 1000, 1000, 1000),"
	    " ('stp', 'public_catalog', 'ok', 'http://stp.demo/dm.pdf', '2026-03-04', 'n', 1000, 1000, 1000),"
	    " ('stp', 'conditional_catalog', 'ok', 'http://stp.demo/dk.pdf', '2026-03-04', 'n', 1000, 1000, 1000),"
	    " ('stp', 'focal_point', 'ok', 'http://stp.demo/tctt', NULL, 'n', 1000, 1000, 1000);",
	    NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);

	st = open_ok(path, 0);
	cr_expect_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_eq(store_unit(st, "stp", &u, &cause), 1);
	cr_expect_eq(u.score, 100, "the old score stands");
	cr_expect_eq(u.counted, 0x1fu, "and says it counted the five");
	for (int c = 0; c < CRIT_COUNT; c++)
		cr_expect_eq(u.v[c].status, c <= CRIT_FOCAL_POINT ? ST_OK : ST_NOT_CHECKED,
		    "%s", crit_info((enum criterion)c)->id);
	cr_expect_str_eq(u.v[CRIT_PUBLIC_CATALOG].date, "2026-03-04");
	unit_state_clear(&u);

	/* The first pass of nine: the five go on (since kept), the four start now. */
	memset(&pr, 0, sizeof pr);
	pr.started_at = 1900;
	pr.finished_at = 2000;
	pr.reachable = true;
	pr.v[CRIT_SECTION].url = xstrdup("http://stp.demo/tctt");
	pr.v[CRIT_REGULATION].url = xstrdup("http://stp.demo/qc.pdf");
	pr.v[CRIT_REGULATION].date = xstrdup("2026-01-02");
	pr.v[CRIT_PUBLIC_CATALOG].url = xstrdup("http://stp.demo/dm.pdf");
	pr.v[CRIT_PUBLIC_CATALOG].date = xstrdup("2026-03-04");
	pr.v[CRIT_CONDITIONAL_CATALOG].url = xstrdup("http://stp.demo/dk.pdf");
	pr.v[CRIT_CONDITIONAL_CATALOG].date = xstrdup("2026-03-04");
	pr.v[CRIT_FOCAL_POINT].url = xstrdup("http://stp.demo/tctt");
	for (int c = 0; c < CRIT_COUNT; c++) {
		pr.v[c].status = c == CRIT_FORMS ? ST_MISSING : ST_OK;
		if (c <= CRIT_FOCAL_POINT)
			pr.v[c].note = xstrdup("n");
	}
	cr_assert_eq(store_save_pass(st, "stp", &pr, &cause), 0, "%s", cause);
	cr_expect_eq(pr.v[CRIT_SECTION].since, 1000, "unchanged since the old pass");
	cr_expect_eq(pr.v[CRIT_FORMS].since, 2000);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
	cr_assert_eq(store_unit(st, "stp", &u, &cause), 1);
	cr_expect_eq(u.score, 88, "8 of the nine");
	cr_expect_eq(u.counted, CRIT_ALL);
	cr_expect_eq(u.v[CRIT_FORMS].status, ST_MISSING);
	unit_state_clear(&u);
	cr_assert_eq(store_history(st, "stp", &h, &n, &cause), 0);
	cr_expect_eq(n, (size_t)CRIT_COUNT, "five stretches extended, four begun");
	history_free(h, n);
	store_close(st);
	cr_expect_eq(count_rows(path, "SELECT COUNT(*) FROM pass WHERE counted ="
	    " 'section regulation public_catalog conditional_catalog focal_point'"), 1);
	free(path);
	free(dir);
}

Test(store, refuses_newer_schema_and_readonly_old_one)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/new.db", dir);
	char *cause = NULL;
	struct store *st;
	sqlite3 *db;

	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	cr_expect_eq(store_open(path, 0, &st, &cause), -1);
	cr_expect(strstr(cause, "newer") != NULL, "%s", cause);
	free(cause);
	cr_expect_eq(store_open(path, STORE_READONLY, &st, &cause), -1);
	free(cause);
	free(path);
	free(dir);
}

Test(store, reader_sees_consistent_data_while_writer_writes)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir);
	struct store *st = open_ok(path, 0), *ro;
	struct config *cfg = two_units();
	struct pass_result pr;
	char *cause;
	pid_t pid;
	int status;

	cr_assert_eq(store_sync_units(st, cfg, 1000, &cause), 0);
	fill(&pr, 2000, ST_MISSING, NULL);
	cr_assert_eq(store_save_pass(st, "stp", &pr, &cause), 0);
	clear(&pr);
	store_close(st);

	/* A writer process saves 200 passes alternating all-ok and all-missing. */
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		st = open_ok(path, 0);
		for (int i = 0; i < 200; i++) {
			fill(&pr, 3000 + i, i % 2 ? ST_MISSING : ST_OK, i % 2 ? NULL : "http://x/");
			if (store_save_pass(st, "stp", &pr, &cause) == -1)
				_exit(1);
			clear(&pr);
		}
		store_close(st);
		_exit(0);
	}
	/* The reader never sees a half-written pass: the five agree. */
	ro = open_ok(path, STORE_READONLY);
	for (int i = 0; i < 200; i++) {
		struct unit_state u;

		cr_assert_eq(store_unit(ro, "stp", &u, &cause), 1, "%s", cause);
		for (int c = 1; c < CRIT_COUNT; c++)
			cr_assert_eq(u.v[c].status, u.v[0].status, "torn read at %d", i);
		cr_assert_eq(u.score, u.v[0].status == ST_OK ? 100 : 0);
		unit_state_clear(&u);
	}
	store_close(ro);
	waitpid(pid, &status, 0);
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	config_free(cfg);
	free(path);
	free(dir);
}

Test(store, fetch_state_roundtrip)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir);
	struct store *st = open_ok(path, 0);
	struct fetch_state fs = { 0 }, got;
	char *cause;

	cr_expect_eq(store_get_fetch_state(st, "http://a/", &got, &cause), 0);
	fs.etag = xstrdup("\"abc\"");
	fs.last_modified = xstrdup("Tue, 01 Sep 2026 10:00:00 GMT");
	fs.content_hash = xstrdup("00ff");
	fs.extracted = xmalloc(10);
	memcpy(fs.extracted, "blob\0data", 10);
	fs.extracted_len = 10;
	fs.status = 200;
	fs.fetched_at = 42;
	cr_assert_eq(store_put_fetch_state(st, "u", "http://a/", &fs, &cause), 0);
	cr_assert_eq(store_get_fetch_state(st, "http://a/", &got, &cause), 1);
	cr_expect_str_eq(got.etag, "\"abc\"");
	cr_expect_str_eq(got.last_modified, fs.last_modified);
	cr_expect_eq(got.extracted_len, 10);
	cr_expect_eq(memcmp(got.extracted, "blob\0data", 10), 0);
	cr_expect_eq(got.fetched_at, 42);
	fetch_state_clear(&got);
	{
		char *etag, *lm;

		cr_assert_eq(store_get_validators(st, "http://a/", &etag, &lm, &cause), 1);
		cr_expect_str_eq(etag, "\"abc\"");
		cr_expect_str_eq(lm, fs.last_modified);
		free(etag);
		free(lm);
		/* Validators are only worth sending when an extraction can be reused. */
		free(fs.extracted);
		fs.extracted = NULL;
		cr_assert_eq(store_put_fetch_state(st, "u", "http://b/", &fs, &cause), 0);
		cr_expect_eq(store_get_validators(st, "http://b/", &etag, &lm, &cause), 0);
		cr_expect_null(etag);
	}
	fetch_state_clear(&fs);
	store_close(st);
	free(path);
	free(dir);
}

/* `since` is when the status last changed: new evidence under the same status keeps it. */
Test(store, since_follows_the_status_not_the_evidence)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir);
	struct store *st = open_ok(path, 0);
	struct config *cfg = two_units();
	struct pass_result pr;
	char *cause = NULL;
	static const struct { int64_t t; enum status st; const char *url; int64_t since; } steps[] = {
		{ 100000, ST_OK, "http://stp.demo/a", 100000 },
		{ 200000, ST_OK, "http://stp.demo/b", 100000 },	/* new evidence, same status */
		{ 300000, ST_UNREACHABLE, "http://stp.demo/", 300000 },
		{ 400000, ST_OK, "http://stp.demo/b", 400000 },
	};

	cr_assert_eq(store_sync_units(st, cfg, 1000, &cause), 0, "%s", cause);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		fill(&pr, steps[i].t, steps[i].st, steps[i].url);
		cr_assert_eq(store_save_pass(st, "stp", &pr, &cause), 0, "%s", cause);
		cr_expect_eq(pr.v[CRIT_SECTION].since, steps[i].since, "step %zu", i);
		clear(&pr);
	}
	store_close(st);
	cr_expect_eq(count_rows(path, "SELECT COUNT(*) FROM verdict WHERE criterion = 'section'"), 4,
	    "each change of evidence is history");
	config_free(cfg);
	free(path);
	free(dir);
}

/*
 * The WAL is checkpointed by a thread of the store's, not inside the commit
 * that fills it (on tcttd's event loop): rows written past SQLite's 1,000
 * WAL pages reach the database file through that thread, whole.
 */
Test(store, the_wal_is_checkpointed_by_a_thread_of_its_own, .timeout = 60)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/t.db", dir), *cause = NULL;
	struct store *st = open_ok(path, 0);
	struct fetch_state fs[8];
	char *urls[8];
	struct stat sb;

	store_checkpoint_apart(st);
	cr_expect_eq(store_checkpoints_wait(st, 0), 0, "nothing to checkpoint yet");
	/* 20 MiB of cache rows in 40 commits: past 1,000 pages of 16 KiB. */
	for (int round = 0; round < 40; round++) {
		for (int i = 0; i < 8; i++) {
			memset(&fs[i], 0, sizeof fs[i]);
			fs[i].etag = xasprintf("\"%d-%d\"", round, i);
			fs[i].extracted_len = 64 * 1024;
			fs[i].extracted = xmalloc(fs[i].extracted_len);
			memset(fs[i].extracted, 'a' + i, fs[i].extracted_len);
			fs[i].status = 200;
			urls[i] = xasprintf("http://a.demo/%d/%d", round, i);
		}
		cr_assert_eq(store_put_fetch_states(st, "u", urls, fs, 8, &cause), 0, "%s", cause);
		for (int i = 0; i < 8; i++) {
			fetch_state_clear(&fs[i]);
			free(urls[i]);
		}
	}
	cr_expect_geq(store_checkpoints_wait(st, 1), 1);
	cr_assert_eq(stat(path, &sb), 0);
	cr_expect_gt(sb.st_size, 8 * 1024 * 1024, "the rows are in the database file: %lld",
	    (long long)sb.st_size);
	cr_assert_eq(store_get_fetch_state(st, "http://a.demo/39/7", &fs[0], &cause), 1);
	cr_expect_str_eq(fs[0].etag, "\"39-7\"");
	cr_expect_eq(fs[0].extracted_len, 64 * 1024);
	fetch_state_clear(&fs[0]);
	store_close(st);
	cr_expect_eq(count_rows(path, "SELECT count(*) FROM fetch_state"), 320);
	cr_expect_eq(count_rows(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	free(path);
	free(dir);
}

/*
 * test_proc.c: the daemon's promises about stopping, crashing and downtime,
 * with real processes: the tcttd binary, fixture portals (fixsrv), the SMTP
 * server (smtpd.py), and the database file. Timing is made by the test
 * (held requests, a held write lock, a held SMTP reply), never guessed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <jansson.h>
#include <sqlite3.h>

#include "clock.h"
#include "config.h"
#include "criteria.h"
#include "dashfix.h"
#include "dproc.h"
#include "health.h"
#include "smtp.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

/* n units u0..u(n-1) with header after [daemon]; returns the file's path (caller frees). */
static char *
write_conf(const char *dir, const char *db, const char *header, int n, int port)
{
	struct buf b = { 0 };
	char *path;

	buf_printf(&b, "[daemon]\ndatabase = %s\nconnect_to = ::127.0.0.1:%d\n%s",
	    db, port, header);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "[unit:u%d]\nname = Đơn vị %d\nkind = commune\n"
		    "url = http://u%d.test/\nemail = u%d@test.vn\n", i, i, i, i);
	path = test_write_file(dir, "t.conf", b.data);
	buf_free(&b);
	return path;
}

/* Portals for units u0..u(n-1): a home page linking to an access-to-information section. */
static void
portals(const char *root, int n)
{
	for (int i = 0; i < n; i++) {
		char *name = xasprintf("u%d.test/index.html", i);

		free(test_write_file(root, name,
		    "<html><head><meta charset=utf-8><title>Cổng thông tin</title></head><body>"
		    "<ul><li><a href=\"/tiep-can-thong-tin/\">Tiếp cận thông tin</a></li></ul>"
		    "</body></html>"));
		free(name);
		name = xasprintf("u%d.test/tiep-can-thong-tin/index.html", i);
		free(test_write_file(root, name,
		    "<html><body><h1>Chuyên mục tiếp cận thông tin</h1>"
		    "<p>Đầu mối cung cấp thông tin: Văn phòng, điện thoại 0213 3876 543</p>"
		    "</body></html>"));
		free(name);
	}
}

static void
expect_intact(const char *db)
{
	char *ok = sql_text(db, "PRAGMA integrity_check");

	cr_expect_str_eq(ok, "ok");
	free(ok);
}

/* The fixture server's count of held requests. */
static int
fixsrv_held(struct fixsrv *fs)
{
	long status;
	char *body = http_get(fs->port, "fixsrv", "/_fixsrv/held", &status);
	int n = body != NULL ? atoi(body) : -1;

	cr_assert_eq(status, 200);
	free(body);
	return n;
}

static void
fixsrv_release(struct fixsrv *fs)
{
	long status;

	free(http_get(fs->port, "fixsrv", "/_fixsrv/release", &status));
	cr_assert_eq(status, 200);
}

/* Wait (reading the daemon's output meanwhile) until cond(arg) holds; false after the bound. */
static bool
await(struct dproc *dp, bool (*cond)(void *), void *arg)
{
	for (long long end = dproc_ms() + DPROC_WAIT_MS; !cond(arg);) {
		if (dproc_ms() >= end)
			return false;
		dproc_pump(dp, 20);
	}
	return true;
}

static bool
one_held_cb(void *arg)
{
	return fixsrv_held(arg) == 1;
}

/*
 * Is process pid sleeping in nanosleep? The daemon sleeps nowhere else than
 * in SQLite's busy handler (its loop waits in epoll): its write is waiting
 * for the lock.
 */
static bool
in_busy_sleep_cb(void *arg)
{
	char *path = xasprintf("/proc/%ld/syscall", (long)*(pid_t *)arg);
	FILE *f = fopen(path, "r");
	long nr = -1;

	free(path);
	if (f == NULL)
		return false;
	if (fscanf(f, "%ld", &nr) != 1)
		nr = -1;
	fclose(f);
#ifdef SYS_nanosleep
	if (nr == SYS_nanosleep)
		return true;
#endif
	return nr == SYS_clock_nanosleep;
}

/* Has process pid taken delivery of SIGTERM (none pending, to the thread or the process)? */
static bool
sigterm_delivered_cb(void *arg)
{
	char *path = xasprintf("/proc/%ld/status", (long)*(pid_t *)arg), line[256];
	FILE *f = fopen(path, "r");
	unsigned long long mask;
	bool pending = false, dead = false;

	free(path);
	cr_assert_not_null(f);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "State:\tZ", 8) == 0)
			dead = true;	/* it died of it */
		if ((sscanf(line, "SigPnd: %llx", &mask) == 1 ||
		    sscanf(line, "ShdPnd: %llx", &mask) == 1) &&
		    (mask & (1ULL << (SIGTERM - 1))) != 0)
			pending = true;
	}
	fclose(f);
	return dead || !pending;
}

/*
 * Bring the daemon to a pass whose write waits for a lock this test holds:
 * the section page is held by fixsrv until the lock is taken, then released.
 * Returns the test's connection, inside BEGIN IMMEDIATE.
 */
static sqlite3 *
pass_write_pending(struct dproc *dp, struct fixsrv *fs, const char *db)
{
	sqlite3 *lk;

	cr_assert(dproc_wait(dp, false, "READY=1", 1), "%s", dp->log.data);
	cr_assert(await(dp, one_held_cb, fs), "the section page is never asked for: %s",
	    dp->log.data);
	cr_assert_eq(sqlite3_open(db, &lk), SQLITE_OK);
	sqlite3_busy_timeout(lk, 5000);
	cr_assert_eq(sqlite3_exec(lk, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK,
	    "%s", sqlite3_errmsg(lk));
	fixsrv_release(fs);
	cr_assert(await(dp, in_busy_sleep_cb, &dp->pid), "the pass's write never waits: %s",
	    dp->log.data);
	cr_assert(strstr(dp->log.data, "u0: checked in") == NULL, "%s", dp->log.data);
	kill(dp->pid, SIGTERM);
	cr_assert(await(dp, sigterm_delivered_cb, &dp->pid));
	return lk;
}

/*
 * SIGTERM while a pass's write waits for the lock: the write is finished
 * (SPEC: "SIGTERM finishes the writes under way and exits 0"), the pass is
 * stored whole, and the daemon exits 0.
 */
Test(proc, sigterm_during_a_pass_write_finishes_it_and_exits_0, .timeout = 120)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *conf;
	struct fixsrv fs;
	struct dproc dp;
	sqlite3 *lk;

	portals(root, 1);
	free(test_write_file(root, "u0.test/_rules", "/tiep-can-thong-tin/* hold\n"));
	fixsrv_start(&fs, root);
	conf = write_conf(dir, db, "interval = 1h\ntimeout = 60s\n", 1, fs.port);
	dproc_start(&dp, dir, conf, 0);
	lk = pass_write_pending(&dp, &fs, db);
	/* The lock goes while SIGTERM waits in the loop: the write proceeds. */
	cr_assert_eq(sqlite3_exec(lk, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(lk);
	cr_expect_eq(dproc_stop(&dp, 0), 0, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "u0: checked in") != NULL, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "not stored") == NULL, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "stopping") != NULL, "%s", dp.log.data);
	expect_intact(db);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass WHERE unit_id = 'u0'"), 1);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM verdict WHERE unit_id = 'u0'"
	    " AND first_seen = (SELECT finished_at FROM pass WHERE unit_id = 'u0')"),
	    CRIT_COUNT, "the pass is stored whole");
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/*
 * SIGTERM while a pass's write waits for a lock that is never given up: the
 * write fails as a whole (nothing of the pass stored), the daemon still exits
 * 0, and the next start checks the unit and stores its pass whole.
 */
Test(proc, sigterm_during_a_write_that_cannot_finish_stores_nothing_then_restart_completes,
    .timeout = 180)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *conf;
	struct fixsrv fs;
	struct dproc dp;
	sqlite3 *lk;

	portals(root, 1);
	free(test_write_file(root, "u0.test/_rules", "/tiep-can-thong-tin/* hold\n"));
	fixsrv_start(&fs, root);
	conf = write_conf(dir, db, "interval = 1h\ntimeout = 60s\n", 1, fs.port);
	dproc_start(&dp, dir, conf, 0);
	lk = pass_write_pending(&dp, &fs, db);
	/* The store gives up after its busy retries (3 x 5 s). */
	cr_assert(dproc_wait_ms(&dp, true, "u0: cannot store the pass", 1, 60000), "%s",
	    dp.log.data);
	cr_assert_eq(sqlite3_exec(lk, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(lk);
	cr_expect_eq(dproc_stop(&dp, 0), 0, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "u0: checked in") != NULL &&
	    strstr(dp.log.data, "results not stored") != NULL, "%s", dp.log.data);
	expect_intact(db);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass"), 0, "nothing of the pass");
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM verdict"), 0, "nothing of the pass");
	dproc_free(&dp);

	free(test_write_file(root, "u0.test/_rules", ""));
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, true, "u0: checked in", 1), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "not stored") == NULL, "%s", dp.log.data);
	expect_intact(db);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass WHERE unit_id = 'u0'"), 1);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM verdict WHERE unit_id = 'u0'"),
	    CRIT_COUNT, "the pass is stored whole");
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

static bool
smtp_held_cb(void *arg)
{
	char *path = xasprintf("%s/_held", ((struct smtpd *)arg)->dir);
	bool held = access(path, F_OK) == 0;

	free(path);
	return held;
}

/* How many of the server's messages carry Message-ID id. */
static int
count_message_id(struct smtpd *sm, const char *id)
{
	int n = 0;

	for (int i = 1; i <= smtpd_count(sm); i++) {
		json_t *m = smtpd_message(sm, i);

		n += strcmp(json_str(m, "headers", "message_id"), id) == 0;
		json_decref(m);
	}
	return n;
}

/* Digest at Mon 07:00 over SMTP to port; returns the configuration's path. */
static char *
mail_conf(const char *dir, const char *db, int smtp_port, int www_port)
{
	char *head = xasprintf("interval = 1h\ntimeout = 5s\nretries = 0\n[notify]\n"
	    "smtp_url = smtp://127.0.0.1:%d\ndigest = Mon 07:00\n[daemon]\n", smtp_port);
	char *conf = write_conf(dir, db, head, 2, www_port);

	free(head);
	return conf;
}

/*
 * SIGKILL after the SMTP server has accepted the digest and before the
 * daemon learns it: the restarted daemon sends it again, once, with the
 * same Message-ID, and marks it sent; later starts and rounds never again.
 */
Test(proc, sigkill_between_smtp_acceptance_and_marking_sent_resends_once, .timeout = 180)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *conf, *hold, *bin = test_bin("tcttd");
	char *id, *out, *err;
	struct fixsrv fs;
	struct smtpd sm;
	struct dproc dp;
	siginfo_t si;
	json_t *m;

	portals(root, 2);
	fixsrv_start(&fs, root);
	memset(&sm, 0, sizeof sm);
	smtpd_start(&sm, 0);
	hold = xasprintf("%s/_hold", sm.dir);
	free(test_write_file(sm.dir, "_hold", ""));
	conf = mail_conf(dir, db, sm.port, fs.port);
	/* Two seconds before the digest's time; a pass exists, so a digest is due. */
	setenv("TCTT_NOW", "2026-11-30T06:59:58+07:00", 1);
	dproc_seed_pass(conf, "u0", 1795914000 - 86400);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_assert(await(&dp, smtp_held_cb, &sm), "the digest never reaches the server: %s",
	    dp.log.data);
	/* Dead (not yet reaped) before the server answers: nobody can record the 250. */
	kill(dp.pid, SIGKILL);
	cr_assert_eq(waitid(P_PID, (id_t)dp.pid, &si, WEXITED | WNOWAIT), 0);
	/* The 250 goes to the orphaned delivering child, which holds the log pipe till it ends. */
	unlink(hold);
	cr_expect_eq(dproc_stop(&dp, SIGKILL), 128 + SIGKILL);
	dproc_free(&dp);
	cr_assert_eq(smtpd_count(&sm), 1);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM notice WHERE round_key ="
	    " 'digest:2026-W49' AND state = 'pending'"), 1, "recorded before it was sent");
	m = smtpd_message(&sm, 1);
	id = xstrdup(json_str(m, "headers", "message_id"));
	json_decref(m);

	/* Restarted: sent again, once, and marked sent. */
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, true, "notice digest:2026-W49: sent to", 1), "%s",
	    dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	dproc_free(&dp);
	cr_expect_eq(smtpd_count(&sm), 2);
	cr_expect_eq(count_message_id(&sm, id), 2, "resent with the same Message-ID");
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM notice WHERE round_key ="
	    " 'digest:2026-W49' AND state = 'sent'"), 1);

	/* More rounds by hand: nothing pending, nothing sent. */
	for (int i = 0; i < 2; i++) {
		const char *argv[] = { bin, "-c", conf, i == 0 ? "--digest" : "--remind", NULL };

		cr_expect_eq(run_cmd(argv, &out, &err), 0, "%s", err);
		free(out);
		free(err);
	}
	/* A week later the daemon's next digest round: a new digest, the old one never again. */
	setenv("TCTT_NOW", "2026-12-07T06:59:58+07:00", 1);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, true, "notice digest:2026-W50: sent to", 1), "%s",
	    dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "digest:2026-W49") == NULL, "%s", dp.log.data);
	cr_expect_eq(smtpd_count(&sm), 3);
	cr_expect_eq(count_message_id(&sm, id), 2, "never resent twice");
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM notice WHERE state <> 'sent'"), 0);
	expect_intact(db);
	unsetenv("TCTT_NOW");
	dproc_free(&dp);
	smtpd_free(&sm);
	fixsrv_stop(&fs);
	free(id);
	free(hold);
	free(bin);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/*
 * A daemon restarted after a week down (TCTT_NOW: day 0, then day 7): every
 * unit is overdue, checked once (not once per missed interval), the most
 * overdue first, the others spread over the catch-up window; the digest
 * missed while down goes out once, for the current week only.
 */
Test(proc, restart_after_a_week_down_catches_up_as_spec_says, .timeout = 180)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *conf, *outbox = xasprintf("%s/outbox", dir);
	char *head, *order[3], *bin = test_bin("tcttd"), *out, *err, *msg;
	const char *argv[] = { bin, "-c", NULL, "--digest", NULL };
	struct fixsrv fs;
	struct dproc dp;
	int64_t day7;
	long long t[3];

	portals(root, 3);
	fixsrv_start(&fs, root);
	/* interval 2m: a catch-up window of 30 s, 10 s between overdue units. */
	head = xasprintf("interval = 2m\ntimeout = 5s\nretries = 0\n[notify]\n"
	    "outbox = %s\ndigest = Mon 07:00\n[daemon]\n", outbox);
	conf = write_conf(dir, db, head, 3, fs.port);
	argv[2] = conf;

	/* Day 0, Monday 08:00: every unit checked; the week's digest sent by hand. */
	setenv("TCTT_NOW", "2026-11-23T08:00:00+07:00", 1);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_assert(dproc_wait(&dp, true, "checked in", 3), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	dproc_free(&dp);
	cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	free(out);
	free(err);
	cr_assert_eq(sql_int(db, "SELECT COUNT(*) FROM notice WHERE round_key = 'digest:2026-W48'"
	    " AND state = 'sent'"), 1);
	/* Most overdue first: the earliest slot missed. */
	for (int i = 0; i < 3; i++) {
		char *sql = xasprintf("SELECT id FROM unit ORDER BY next_check_at, id"
		    " LIMIT 1 OFFSET %d", i);

		order[i] = sql_text(db, sql);
		cr_assert_not_null(order[i]);
		free(sql);
	}

	/* Day 7, Monday 08:00: a week down, the digest of 07:00 missed. */
	setenv("TCTT_NOW", "2026-11-30T08:00:00+07:00", 1);
	cr_assert_eq(clock_parse_iso8601("2026-11-30T08:00:00+07:00", &day7), 0);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "3 of 3 units overdue or never checked: catching up") != NULL,
	    "%s", dp.log.data);
	/* Spread: one unit due now, the others later. */
	cr_expect(dproc_wait(&dp, false, "STATUS=checking 1/3 units, 0 waiting", 1), "%s",
	    dp.notes.data);
	for (int i = 0; i < 3; i++) {
		char *what = xasprintf("%s: starting a pass", order[i]);

		cr_expect(dproc_wait_ms(&dp, true, what, 1, 60000), "in order, %s: %s", what,
		    dp.log.data);
		free(what);
	}
	cr_expect(dproc_wait(&dp, true, "checked in", 1), "%s", dp.log.data);
	/* The missed digest, at the first notices round (30 s after the start). */
	cr_expect(dproc_wait_ms(&dp, true, "notice digest:2026-W49: written to the outbox", 1,
	    60000), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);

	/* Each unit once since the restart, at times spread apart (by the daemon's clock). */
	for (int i = 0; i < 3; i++) {
		char *sql = xasprintf("SELECT started_at FROM pass WHERE unit_id = '%s'"
		    " AND started_at >= %lld", order[i], (long long)day7);

		t[i] = sql_int(db, sql);
		free(sql);
	}
	msg = xasprintf("SELECT COUNT(*) FROM pass WHERE started_at >= %lld", (long long)day7);
	cr_expect_eq(sql_int(db, msg), 3, "one pass a unit, not one a missed interval");
	free(msg);
	/* (The daemon's clock counts whole seconds: a step of 10 s shows as 9 or more.) */
	cr_expect_leq(t[0], day7 + 9, "the most overdue at once");
	cr_expect_geq(t[1], t[0] + 9, "then the next, 10 s later");
	cr_expect_geq(t[2], t[1] + 9);
	/* One digest for the week down: this week's, none for the days missed. */
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM digest"), 2);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM notice WHERE kind = 'digest'"
	    " AND state = 'sent'"), 2);
	msg = sql_text(db, "SELECT subject FROM notice WHERE round_key = 'digest:2026-W49'");
	cr_expect(msg != NULL && strstr(msg, "49/2026") != NULL, "%s", msg);
	free(msg);
	expect_intact(db);
	unsetenv("TCTT_NOW");
	for (int i = 0; i < 3; i++)
		free(order[i]);
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(head);
	free(bin);
	free(outbox);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/* A private mount namespace with a tmpfs of size bytes at path; false if the system refuses. */
static bool
small_disk(const char *path, const char *size)
{
	char *opts = xasprintf("size=%s,mode=0700", size);
	bool ok = unshare(CLONE_NEWNS) == 0 &&
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
	    mkdir(path, 0700) == 0 && mount("tmpfs", path, "tmpfs", 0, opts) == 0;

	free(opts);
	return ok;
}

/* Fill the file system holding path until it has no room left; returns the filler's name. */
static char *
fill_disk(const char *dir)
{
	char *path = xasprintf("%s/filler", dir), chunk[4096];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ssize_t w;

	cr_assert_geq(fd, 0);
	memset(chunk, 'x', sizeof chunk);
	while ((w = write(fd, chunk, sizeof chunk)) > 0)
		;
	cr_assert_eq(errno, ENOSPC, "%s", strerror(errno));
	close(fd);
	return path;
}

/*
 * A full disk (a small tmpfs in this test's own mount namespace): the
 * daemon names the cause, keeps running and says so in STATUS=, the database
 * stays intact, and once there is room again it stores passes, then and
 * after a restart.
 */
Test(proc, full_disk_gives_a_clear_error_an_intact_database_and_recovery, .timeout = 180)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *disk = xasprintf("%s/disk", dir), *db = xasprintf("%s/tctt.db", disk);
	char *conf, *filler, *why;
	struct fixsrv fs;
	struct dproc dp;
	long long before;

	/* CI runs as root on a fresh machine: mounting a tmpfs is allowed there. */
	cr_assert(small_disk(disk, "2m"), "cannot mount a small tmpfs: %s", strerror(errno));
	portals(root, 1);
	fixsrv_start(&fs, root);
	conf = write_conf(dir, db, "interval = 2s\ntimeout = 5s\nretries = 0\n", 1, fs.port);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_assert(dproc_wait(&dp, true, "u0: checked in", 1), "%s", dp.log.data);

	filler = fill_disk(disk);
	cr_expect(dproc_wait_ms(&dp, false, "STATUS=store failing:", 1, 60000), "%s",
	    dp.notes.data);
	cr_expect(strstr(dp.log.data, "database or disk is full") != NULL, "a clear cause: %s",
	    dp.log.data);
	expect_intact(db);
	/* The health file is rewritten in place, so /healthz sees it even on a full disk. */
	why = health_failure(db);
	cr_expect(why != NULL && strstr(why, "passes in a row not stored") != NULL, "%s", why);
	free(why);

	unlink(filler);
	cr_expect(dproc_wait_ms(&dp, true, "the store works again", 1, 60000), "%s",
	    dp.log.data);
	cr_expect_null(health_failure(db));
	cr_expect(dproc_wait(&dp, true, "u0: checked in", 1), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	dproc_free(&dp);
	expect_intact(db);
	before = sql_int(db, "SELECT COUNT(*) FROM pass");
	cr_expect_geq(before, 2);

	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, true, "u0: checked in", 1), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "not stored") == NULL, "%s", dp.log.data);
	expect_intact(db);
	cr_expect_gt(sql_int(db, "SELECT COUNT(*) FROM pass"), before);
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(filler);
	free(conf);
	free(db);
	free(disk);
	free(root);
	free(dir);
}

/*
 * /healthz sees the daemon's store failing: the dashboard only reads the
 * database, so the daemon says so in its health file beside it (health.h).
 * Here a trigger refuses the daemon's passes (as a full disk or a broken
 * file would); once it is gone, /healthz is well again.
 */
Test(proc, healthz_sees_the_daemons_store_failing_then_recovering, .timeout = 180)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *body;
	struct fixsrv fs;
	struct dproc dp;
	struct dashsrv ds;
	long status;

	portals(root, 1);
	fixsrv_start(&fs, root);
	memset(&ds, 0, sizeof ds);
	ds.dir = xstrdup(dir);
	ds.db = xstrdup(db);
	ds.conf = write_conf(dir, db, "interval = 2s\ntimeout = 5s\nretries = 0\n", 1, fs.port);
	dproc_start(&dp, dir, ds.conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	cr_assert(dproc_wait(&dp, true, "u0: checked in", 1), "%s", dp.log.data);
	dashsrv_start(&ds);
	body = dash_http(ds.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200, "%s", body);
	free(body);

	sql_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON pass"
	    " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	cr_assert(dproc_wait(&dp, false, "STATUS=store failing:", 1), "%s", dp.notes.data);
	body = dash_http(ds.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 503, "%s", body);
	cr_expect(body != NULL && strstr(body, "the daemon cannot store its results: "
	    "1 passes in a row not stored since ") != NULL, "%s", body);
	free(body);

	sql_exec(db, "DROP TRIGGER refuse");
	cr_assert(dproc_wait(&dp, true, "the store works again", 1), "%s", dp.log.data);
	body = dash_http(ds.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200, "%s", body);
	cr_expect_str_eq(body, "ok\n");
	free(body);

	/* A daemon stopped while failing, then started again: well until it fails. */
	dproc_skip(&dp);
	sql_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON pass"
	    " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	cr_assert(dproc_wait(&dp, false, "STATUS=store failing:", 1), "%s", dp.notes.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	dproc_free(&dp);
	body = dash_http(ds.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 503, "the last word of the daemon: %s", body);
	free(body);
	sql_exec(db, "DROP TRIGGER refuse");
	dproc_start(&dp, dir, ds.conf, 0);
	cr_assert(dproc_wait(&dp, false, "READY=1", 1), "%s", dp.log.data);
	body = dash_http(ds.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200, "%s", body);
	free(body);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	dproc_free(&dp);
	dashsrv_stop(&ds);
	fixsrv_stop(&fs);
	free(db);
	free(root);
	free(dir);
}

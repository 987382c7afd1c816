/*
 * test_daemon.c: the scheduler loop. In process through the daemon_ops seam
 * (a fake pass that stores real results), and from outside: the real tcttd
 * binary with a notify socket this test owns (READY=1 is the readiness
 * signal), signals, and SIGKILL in the middle of its work.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <event2/event.h>
#include <sqlite3.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include "config.h"
#include "daemon.h"
#include "dproc.h"
#include "smtp.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"


/* ---- in process, through the seam ---- */

struct fake_pass {
	struct event		*ev;
	const struct unit_conf	*unit;
	struct store		*st;
	int64_t			 now;
	pass_done_cb		 cb;
	void			*arg;
};

static struct {
	int	 started, finished, cancelled, inflight, max_inflight;
	int	 stop_after;	/* raise SIGTERM after this many finished passes */
	int	 stop_units;	/* or once units u0.. each finished stop_rounds passes */
	int	 stop_rounds;
	int	 per_unit[8];	/* passes finished, by unit number */
	int	 never_finish;
} fk;

/* True once units u0..u(stop_units-1) each finished stop_rounds passes. */
static bool
rounds_done(void)
{
	if (fk.stop_units == 0)
		return false;
	for (int i = 0; i < fk.stop_units; i++)
		if (fk.per_unit[i] < fk.stop_rounds)
			return false;
	return true;
}

/* The fake pass's end: store five ok verdicts like a real pass would. */
static void
fake_done_cb(int fd, short what, void *arg)
{
	struct fake_pass *p = arg;
	struct pass_result pr;
	char *cause = NULL;
	int save_rc;

	(void)fd;
	(void)what;
	memset(&pr, 0, sizeof pr);
	pr.started_at = p->now;
	pr.finished_at = p->now + 1;
	pr.reachable = true;
	pr.pages = 1;
	for (int c = 0; c < CRIT_COUNT; c++)
		pr.v[c].status = ST_OK;
	save_rc = store_save_pass(p->st, p->unit->id, &pr, &cause);
	free(cause);
	fk.inflight--;
	fk.finished++;
	if (p->unit->id[0] == 'u' && atoi(p->unit->id + 1) < 8)
		fk.per_unit[atoi(p->unit->id + 1)]++;
	p->cb(p->unit->id, &pr, save_rc, p->arg);
	event_free(p->ev);
	free(p);
	if (fk.finished == fk.stop_after || rounds_done())
		raise(SIGTERM);
}

/* Start a fake pass that ends 50 ms later. */
static void *
fake_start(struct event_base *base, struct fetcher *f, struct worker *w,
    struct store *st, const struct config *cfg, const struct unit_conf *unit,
    int64_t now, pass_done_cb cb, void *arg)
{
	struct fake_pass *p = xcalloc(1, sizeof *p);
	struct timeval tv = { 0, 50000 };

	(void)f;
	(void)w;
	(void)cfg;
	p->unit = unit;
	p->st = st;
	p->now = now;
	p->cb = cb;
	p->arg = arg;
	p->ev = evtimer_new(base, fake_done_cb, p);
	if (!fk.never_finish)
		evtimer_add(p->ev, &tv);
	fk.started++;
	if (++fk.inflight > fk.max_inflight)
		fk.max_inflight = fk.inflight;
	if (fk.never_finish && fk.started == 3)
		raise(SIGTERM);
	return p;
}

/* Cancel: nothing stored, no callback. */
static void
fake_cancel(void *arg)
{
	struct fake_pass *p = arg;

	fk.cancelled++;
	fk.inflight--;
	event_free(p->ev);
	free(p);
}

static const struct daemon_ops fake_ops = { fake_start, fake_cancel };

/* n units u0..u(n-1) with header prepended; returns the file's path (caller frees). */
static char *
write_conf(const char *dir, const char *name, const char *header, int first,
    int n, int port)
{
	struct buf b = { 0 };
	char *path;

	buf_printf(&b, "[daemon]\ndatabase = %s/tctt.db\n%s", dir, header);
	if (port > 0)
		buf_printf(&b, "connect_to = ::127.0.0.1:%d\n", port);
	for (int i = first; i < first + n; i++)
		buf_printf(&b, "[unit:u%d]\nname = Đơn vị %d\nkind = commune\n"
		    "url = http://u%d.test/\nemail = u%d@test.vn\n", i, i, i, i);
	path = test_write_file(dir, name, b.data);
	buf_free(&b);
	return path;
}

Test(daemon_loop, bounded_passes_then_a_second_round)
{
	char *dir = test_tmpdir();
	char *conf = write_conf(dir, "t.conf",
	    "interval = 2s\nconcurrency = 2\nper_host = 1\n", 0, 6, 0);
	char *db = xasprintf("%s/tctt.db", dir);

	/*
	 * Stop once every unit has had two passes, not after twelve: the clock
	 * is real and counts whole seconds, so a unit whose first pass began a
	 * second later is due a second later, and under load one due early
	 * may come round a third time first. A third pass, never a fourth.
	 */
	memset(&fk, 0, sizeof fk);
	fk.stop_units = 6;
	fk.stop_rounds = 2;
	fk.stop_after = 24;	/* a safety net: the test ends even if the rounds never do */
	cr_expect_eq(daemon_run(conf, dproc_load(conf), &fake_ops), 0);
	cr_expect_eq(fk.max_inflight, 2, "concurrency / per_host passes at a time");
	cr_expect_eq(fk.started, fk.finished + fk.cancelled);
	cr_expect_geq(fk.finished, 12);
	cr_expect_eq(sql_int(db, "SELECT COUNT(DISTINCT unit_id) FROM pass"), 6);
	cr_expect_eq(sql_int(db, "SELECT MIN(n) FROM (SELECT COUNT(*) n FROM pass"
	    " GROUP BY unit_id)"), 2, "every unit checked twice");
	cr_expect_leq(sql_int(db, "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM pass"
	    " GROUP BY unit_id)"), 3, "no unit checked a fourth time before all had two");
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM unit WHERE next_check_at"
	    " IS NULL"), 0, "every unit's next check is kept");
	free(db);
	free(conf);
	free(dir);
}

Test(daemon_loop, sigterm_cancels_passes_in_flight)
{
	char *dir = test_tmpdir();
	/* An interval so short that the catch-up window is nil: all start at once. */
	char *conf = write_conf(dir, "t.conf", "interval = 3s\n", 0, 3, 0);
	char *db = xasprintf("%s/tctt.db", dir);

	memset(&fk, 0, sizeof fk);
	fk.never_finish = 1;
	cr_expect_eq(daemon_run(conf, dproc_load(conf), &fake_ops), 0);
	cr_expect_eq(fk.started, 3);
	cr_expect_eq(fk.cancelled, 3);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass"), 0);
	free(db);
	free(conf);
	free(dir);
}

/* ---- the real binary ---- */

/* A small portal: a home page linking to an access-to-information section. */
static void
write_portal(const char *root, const char *host)
{
	char *name = xasprintf("%s/index.html", host), *p;

	p = test_write_file(root, name,
	    "<html><head><meta charset=utf-8><title>Cổng thông tin</title></head><body>"
	    "<ul><li><a href=\"/tiep-can-thong-tin/\">Tiếp cận thông tin</a></li></ul>"
	    "</body></html>");
	free(p);
	free(name);
	name = xasprintf("%s/tiep-can-thong-tin/index.html", host);
	p = test_write_file(root, name,
	    "<html><body><h1>Chuyên mục tiếp cận thông tin</h1>"
	    "<p><a href=\"/qc.pdf\">Quy chế cung cấp thông tin</a></p>"
	    "<p>Đầu mối cung cấp thông tin: Văn phòng, điện thoại 0213 3876 543</p>"
	    "</body></html>");
	free(p);
	free(name);
}

/* Fixture portals for units u0..u(n-1). */
static void
portals(const char *root, int n)
{
	for (int i = 0; i < n; i++) {
		char *host = xasprintf("u%d.test", i);

		write_portal(root, host);
		free(host);
	}
}

Test(tcttd_bin, ready_status_watchdog_stopping_exit_0)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	struct fixsrv fs;
	struct dproc dp;
	char *conf;

	portals(root, 2);
	fixsrv_start(&fs, root);
	conf = write_conf(dir, "t.conf", "interval = 1h\n", 0, 2, fs.port);
	dproc_start(&dp, dir, conf, 400000);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "no READY=1: %s", dp.log.data);
	/* Never-checked units are checked at once, within the concurrency. */
	cr_expect(dproc_wait(&dp, 0, "STATUS=checking 2/2 units", 1), "%s",
	    dp.notes.data);
	cr_expect(dproc_wait(&dp, 0, "STATUS=idle: 2 units, next check", 1),
	    "%s", dp.notes.data);
	cr_expect(dproc_wait(&dp, 0, "WATCHDOG=1", 3), "no watchdog pings");
	cr_expect(dproc_wait(&dp, 1, "u0: checked in", 1), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	cr_expect(strstr(dp.notes.data, "STOPPING=1") != NULL);
	cr_expect(strstr(dp.log.data, "<6>serving 2 units") != NULL,
	    "journald priorities: %s", dp.log.data);
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(root);
	free(dir);
}

Test(tcttd_bin, short_interval_checks_every_unit_again)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir);
	struct fixsrv fs;
	struct dproc dp;
	char *conf;

	portals(root, 3);
	fixsrv_start(&fs, root);
	conf = write_conf(dir, "t.conf", "interval = 3s\ntimeout = 2s\nretries = 0\n",
	    0, 3, fs.port);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);
	/* Every unit once, then again a round later. */
	cr_expect(dproc_wait(&dp, 1, "checked in", 6), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM unit WHERE next_check_at"
	    " IS NULL"), 0);
	/* Each check is stored: one pass row per unit and check. */
	cr_expect_eq(sql_int(db, "SELECT COUNT(DISTINCT unit_id) FROM pass"), 3);
	cr_expect_geq(sql_int(db, "SELECT MIN(n) FROM (SELECT COUNT(*) n"
	    " FROM pass GROUP BY unit_id)"), 2);
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

Test(tcttd_bin, sighup_applies_a_good_config_and_refuses_a_bad_one)
{
	char *dir = test_tmpdir(), *db = xasprintf("%s/tctt.db", dir), *conf, *s;
	struct dproc dp;
	struct config *cfg;
	struct store *st;
	struct unit_state us;
	char *cause = NULL;

	conf = write_conf(dir, "t.conf", "interval = 1h\n", 0, 2, 0);
	dproc_seed_pass(conf, "u0", 1795914000);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);

	/* Good: u0 removed, u2 added. */
	free(write_conf(dir, "t.conf", "interval = 2h\n", 1, 2, 0));
	kill(dp.pid, SIGHUP);
	cr_expect(dproc_wait(&dp, 0, "RELOADING=1", 1), "%s", dp.notes.data);
	cr_expect(dproc_wait(&dp, 0, "READY=1", 1));
	cr_expect(dproc_wait(&dp, 1, "configuration reloaded: 2 units, interval 7200s", 1),
	    "%s", dp.log.data);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM unit WHERE archived_at IS NULL"
	    " AND id IN ('u1', 'u2')"), 2);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM unit WHERE archived_at IS NOT NULL"
	    " AND id = 'u0'"), 1, "a removed unit is archived");

	/* Bad: refused with its line, the running configuration kept. */
	s = test_write_file(dir, "t.conf", "[daemon]\ninterval = soon\n[unit:x]\n");
	free(s);
	kill(dp.pid, SIGHUP);
	cr_expect(dproc_wait(&dp, 0, "RELOADING=1", 1));
	cr_expect(dproc_wait(&dp, 0, "READY=1", 1));
	cr_expect(dproc_wait(&dp, 1, "reload refused", 1), "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "t.conf:2: interval: bad duration 'soon'") != NULL,
	    "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "<3>") != NULL, "errors at error priority");
	/* Still serving the good one: a further good reload works too. */
	free(write_conf(dir, "t.conf", "interval = 2h\n", 1, 3, 0));
	kill(dp.pid, SIGHUP);
	cr_expect(dproc_wait(&dp, 1, "configuration reloaded: 3 units", 1), "%s",
	    dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);

	/* History of the archived unit survived. */
	s = xasprintf("%s/t.conf", dir);
	cfg = dproc_load(s);
	cr_assert_eq(store_open(db, STORE_READONLY, &st, &cause), 0, "%s", cause);
	memset(&us, 0, sizeof us);
	cr_assert_eq(store_unit(st, "u0", &us, &cause), 1);
	cr_expect_eq(us.checked_at, 1795914000);
	cr_expect_neq(us.archived_at, 0);
	cr_expect_eq(us.v[CRIT_SECTION].status, ST_OK);
	unit_state_clear(&us);
	store_close(st);
	config_free(cfg);
	free(s);
	dproc_free(&dp);
	free(conf);
	free(db);
	free(dir);
}

Test(tcttd_bin, sigkill_then_restart_keeps_history)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *ok;
	struct fixsrv fs;
	struct dproc dp;
	char *conf;

	portals(root, 3);
	fixsrv_start(&fs, root);
	conf = write_conf(dir, "t.conf", "interval = 1h\n", 0, 3, fs.port);
	dproc_seed_pass(conf, "u0", 1795000000);
	dproc_seed_pass(conf, "u1", 1795000000);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, 1, "checked in", 1), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGKILL), 128 + SIGKILL);
	dproc_free(&dp);

	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "restart: %s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	ok = sql_text(db, "PRAGMA integrity_check");
	cr_expect_str_eq(ok, "ok");
	free(ok);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass WHERE finished_at = 1795000000"), 2,
	    "earlier passes kept");
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM verdict WHERE first_seen = 1795000000"),
	    2 * CRIT_COUNT, "earlier verdicts kept");
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/*
 * SIGKILL while a pass crawls a slow portal; after a restart the database is
 * sound, earlier results are there and the unit's pass runs again to its end.
 */
Test(tcttd_bin, sigkill_mid_pass_then_the_pass_resumes)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *ok, *s;
	struct fixsrv fs;
	struct dproc dp;
	char *conf;

	/* One unit, so no schedule order can make the test wait for another. */
	portals(root, 1);
	/* The section page never answers: the pass is surely mid-way when killed. */
	s = test_write_file(root, "u0.test/_rules", "/tiep-can-thong-tin/* hang\n");
	free(s);
	fixsrv_start(&fs, root);
	conf = write_conf(dir, "t.conf", "interval = 1h\ntimeout = 10s\n", 0, 1,
	    fs.port);
	dproc_seed_pass(conf, "u0", 1795000000);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);
	cr_assert(dproc_wait(&dp, 1, "u0: starting a pass", 1), "%s", dp.log.data);
	cr_assert(dproc_wait(&dp, 1, "fetch: http://u0.test/tiep-can-thong-tin/\n", 1),
	    "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGKILL), 128 + SIGKILL);
	cr_expect(strstr(dp.log.data, "u0: checked in") == NULL, "killed mid-pass");
	dproc_free(&dp);

	ok = sql_text(db, "PRAGMA integrity_check");
	cr_expect_str_eq(ok, "ok");
	free(ok);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass WHERE unit_id = 'u0'"), 1,
	    "the killed pass stored nothing");

	/* The portal answers again; the restarted daemon checks the unit to its end. */
	s = test_write_file(root, "u0.test/_rules", "");
	free(s);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, 1, "u0: checked in", 1), "the pass resumes: %s",
	    dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	ok = sql_text(db, "PRAGMA integrity_check");
	cr_expect_str_eq(ok, "ok");
	free(ok);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass WHERE unit_id = 'u0'"), 2);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass WHERE finished_at = 1795000000"), 1,
	    "the earlier pass is kept");
	cr_expect_geq(sql_int(db, "SELECT COUNT(*) FROM verdict WHERE first_seen = 1795000000"),
	    CRIT_COUNT, "earlier verdicts kept");
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

Test(tcttd_bin, unusable_database_exits_1)
{
	char *dir = test_tmpdir(), *bin = test_bin("tcttd"), *conf, *out, *err;
	const char *argv[4];

	conf = test_write_file(dir, "t.conf", "[daemon]\ndatabase = /nonexistent/dir/t.db\n"
	    "[unit:a]\nname = A\nkind = agency\nurl = http://a.test/\n");
	argv[0] = bin;
	argv[1] = "-c";
	argv[2] = conf;
	argv[3] = NULL;
	cr_expect_eq(run_cmd_journal(argv, &out, &err), 1);
	cr_expect(strstr(err, "<3>cannot start: /nonexistent/dir/t.db") != NULL,
	    "%s", err);
	free(out);
	free(err);
	free(conf);
	free(bin);
	free(dir);
}

/*
 * Another process writing the database (tcttd --once by hand, the test
 * writer below) while the daemon works: the daemon holds no read
 * transaction between its own statements, so every later write of its
 * succeeds, over many rounds.
 */
Test(tcttd_bin, another_process_writing_never_locks_the_daemon_out)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *bin = test_bin("tcttd");
	struct fixsrv fs;
	struct dproc dp;
	char *conf;
	pid_t writer;
	int status;
	long long before;

	portals(root, 2);
	fixsrv_start(&fs, root);
	conf = write_conf(dir, "t.conf", "interval = 2s\ntimeout = 2s\nretries = 0\n",
	    0, 2, fs.port);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);
	cr_assert(dproc_wait(&dp, 1, "checked in", 2), "%s", dp.log.data);

	/* A writer process: many short transactions on the same file. */
	writer = test_fork();
	cr_assert_neq(writer, -1);
	if (writer == 0) {
		struct config *cfg = dproc_load(conf);
		struct store *st;
		char *cause = NULL;
		int bad = 0;

		if (store_open(cfg->database, 0, &st, &cause) == -1)
			_exit(2);
		for (int i = 0; i < 300 && bad == 0; i++) {
			struct pass_result pr;

			memset(&pr, 0, sizeof pr);
			pr.started_at = 1795000000 + i;
			pr.finished_at = pr.started_at + 1;
			pr.reachable = true;
			for (int c = 0; c < CRIT_COUNT; c++)
				pr.v[c].status = i % 2 ? ST_OK : ST_MISSING;
			if (store_save_pass(st, "u1", &pr, &cause) == -1) {
				fprintf(stderr, "writer: %s\n", cause);
				bad = 1;
			}
		}
		store_close(st);
		config_free(cfg);
		_exit(bad);
	}
	/* And the by-hand run the README suggests, a few times. */
	for (int i = 0; i < 4; i++) {
		const char *argv[] = { bin, "-c", conf, "--once", "--unit", "u0", NULL };
		char *out, *err;

		cr_expect_eq(run_cmd(argv, &out, &err), 0, "%s", err);
		free(out);
		free(err);
	}
	cr_assert_eq(waitpid(writer, &status, 0), writer);
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer failed");
	/* The daemon's own writes after all that: two more rounds, all stored. */
	dproc_pump(&dp, 0);
	dp.log_seen = dp.log.len;
	before = sql_int(db, "SELECT COUNT(*) FROM pass WHERE started_at NOT BETWEEN 1795000000 AND 1795001000");
	cr_expect(dproc_wait(&dp, 1, "checked in", 4), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "locked") == NULL, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "not stored") == NULL, "%s", dp.log.data);
	cr_expect_geq(sql_int(db, "SELECT COUNT(*) FROM pass WHERE started_at NOT BETWEEN 1795000000 AND 1795001000"),
	    before + 3, "the daemon's passes are stored");
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(bin);
	free(db);
	free(root);
	free(dir);
}

/*
 * A store that refuses the daemon's writes (here a trigger stands for a full
 * disk or a broken file) shows in STATUS=, and the status clears once it works.
 */
Test(tcttd_bin, store_failure_shows_in_status_then_clears)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir);
	struct fixsrv fs;
	struct dproc dp;
	char *conf;

	portals(root, 1);
	fixsrv_start(&fs, root);
	conf = write_conf(dir, "t.conf", "interval = 2s\ntimeout = 2s\nretries = 0\n",
	    0, 1, fs.port);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);
	cr_assert(dproc_wait(&dp, 1, "u0: checked in", 1), "%s", dp.log.data);
	sql_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON pass"
	    " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	cr_expect(dproc_wait(&dp, 0, "STATUS=store failing: 1 passes in a row not stored", 1),
	    "%s", dp.notes.data);
	cr_expect(strstr(dp.log.data, "refused by the test") != NULL, "%s", dp.log.data);
	sql_exec(db, "DROP TRIGGER refuse");
	cr_expect(dproc_wait(&dp, 1, "the store works again", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, 0, "STATUS=idle: 1 units", 1), "%s", dp.notes.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	dproc_free(&dp);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/* A TCP socket on 127.0.0.1 that listens and never accepts: the kernel completes connections, nobody speaks. */
static int
silent_server(int *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	cr_assert_eq(listen(fd, 8), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	*port = ntohs(sa.sin_port);
	return fd;
}

/* Units whose digest falls 2 s after the daemon's start (TCTT_NOW: Monday 06:59:58). */
static char *
digest_conf(const char *dir, int smtp_port, int www_port)
{
	char *head = xasprintf("interval = 2s\ntimeout = 2s\nretries = 0\n[notify]\n"
	    "smtp_url = smtp://127.0.0.1:%d\ndigest = Mon 07:00\n[daemon]\n", smtp_port);
	char *conf = write_conf(dir, "t.conf", head, 0, 2, www_port);

	free(head);
	setenv("TCTT_NOW", "2026-11-30T06:59:58+07:00", 1);
	return conf;
}

/* A daemon whose digest is due at once, with a mail server that accepts and never answers. */
struct stalled {
	char		*dir, *root, *db, *conf;
	struct fixsrv	 fs;
	struct dproc	 dp;
	int		 lfd;	/* the silent server's listening socket */
};

static void
stalled_start(struct stalled *t)
{
	int port;

	t->dir = test_tmpdir();
	t->root = xasprintf("%s/www", t->dir);
	t->db = xasprintf("%s/tctt.db", t->dir);
	portals(t->root, 2);
	fixsrv_start(&t->fs, t->root);
	t->lfd = silent_server(&port);
	t->conf = digest_conf(t->dir, port, t->fs.port);
	dproc_seed_pass(t->conf, "u0", 1795914000 - 86400);
	dproc_start(&t->dp, t->dir, t->conf, 400000);
}

/* After the daemon has stopped: the digest is still pending; free all. */
static void
stalled_end(struct stalled *t)
{
	cr_expect_eq(sql_int(t->db, "SELECT COUNT(*) FROM notice WHERE state = 'pending'"
	    " AND round_key LIKE 'digest:%'"), 1, "the digest stays pending");
	close(t->lfd);
	dproc_free(&t->dp);
	fixsrv_stop(&t->fs);
	unsetenv("TCTT_NOW");
	free(t->conf);
	free(t->db);
	free(t->root);
	free(t->dir);
}

/*
 * A mail server that accepts and never answers blocks neither crawling nor
 * the watchdog: notices are delivered by a child process; SIGTERM still
 * stops the daemon at once, and the notice stays pending for a later try.
 */
Test(tcttd_bin, stalled_smtp_server_blocks_neither_crawl_nor_watchdog)
{
	struct stalled t;
	struct dproc *dp = &t.dp;
	struct pollfd pfd;

	stalled_start(&t);
	cr_assert(dproc_wait(dp, 0, "READY=1", 1), "%s", dp->log.data);
	/* The digest's delivery has connected to the silent server. */
	pfd.fd = t.lfd;
	pfd.events = POLLIN;
	for (int64_t end = dproc_ms() + DPROC_WAIT_MS; poll(&pfd, 1, 0) != 1;) {
		cr_assert_lt(dproc_ms(), end, "no SMTP connection: %s", dp->log.data);
		dproc_pump(dp, 50);	/* a daemon whose notifications are not read blocks */
	}
	dproc_pump(dp, 0);
	dp->log_seen = dp->log.len;
	dp->notes_seen = dp->notes.len;
	cr_expect(dproc_wait(dp, 1, "checked in", 3), "crawling goes on: %s", dp->log.data);
	cr_expect(dproc_wait(dp, 0, "WATCHDOG=1", 5), "the watchdog goes on");
	cr_expect_eq(dproc_stop(dp, SIGTERM), 0, "%s", dp->log.data);
	stalled_end(&t);
}

/*
 * The mailer child dies with the daemon (SIGKILL, say from the watchdog): it
 * does not go on talking to a stalled server for a minute, holding the
 * daemon's stderr, and what it did not report stays pending for the restart.
 */
Test(tcttd_bin, mailer_child_dies_with_the_daemon, .timeout = 120)
{
	const char *mark = "delivering 1 notice in process ", *p;
	struct stalled t;
	struct dproc *dp = &t.dp;
	struct pollfd pfd;
	int status;
	long child;

	stalled_start(&t);
	cr_assert(dproc_wait(dp, 1, mark, 1), "%s", dp->log.data);
	p = strstr(dp->log.data, mark);
	cr_assert_not_null(p);
	child = strtol(p + strlen(mark), NULL, 10);
	cr_assert_gt(child, 1);
	pfd.fd = (int)syscall(SYS_pidfd_open, (pid_t)child, 0);
	cr_assert_geq(pfd.fd, 0, "pidfd_open %ld: %s", child, strerror(errno));
	pfd.events = POLLIN;
	kill(dp->pid, SIGKILL);
	waitpid(dp->pid, &status, 0);
	/* Readable when the child has exited; the SMTP timeout is 60 s, the bound 20 s. */
	cr_expect_eq(poll(&pfd, 1, DPROC_WAIT_MS), 1, "the mailer child outlived the daemon");
	close(pfd.fd);
	close(dp->sock);
	if (dp->err != -1)
		close(dp->err);
	stalled_end(&t);
}

/* With a working mail server, the child's delivery is recorded: sent once, marked sent. */
Test(tcttd_bin, notices_delivered_off_the_loop_are_marked_sent)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir);
	char *db = xasprintf("%s/tctt.db", dir), *conf;
	struct fixsrv fs;
	struct smtpd sm;
	struct dproc dp;

	portals(root, 2);
	fixsrv_start(&fs, root);
	memset(&sm, 0, sizeof sm);
	smtpd_start(&sm, 0);
	conf = digest_conf(dir, sm.port, fs.port);
	dproc_seed_pass(conf, "u0", 1795914000 - 86400);
	dproc_start(&dp, dir, conf, 0);
	cr_assert(dproc_wait(&dp, 0, "READY=1", 1), "%s", dp.log.data);
	cr_expect(dproc_wait(&dp, 1, "notice digest:2026-W49: sent to", 1), "%s", dp.log.data);
	cr_expect_eq(dproc_stop(&dp, SIGTERM), 0, "%s", dp.log.data);
	cr_expect_eq(smtpd_count(&sm), 1);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"
	    " AND round_key = 'digest:2026-W49' AND attempts = 1"), 1);
	smtpd_stop(&sm);
	smtpd_free(&sm);
	dproc_free(&dp);
	fixsrv_stop(&fs);
	unsetenv("TCTT_NOW");
	free(conf);
	free(db);
	free(root);
	free(dir);
}

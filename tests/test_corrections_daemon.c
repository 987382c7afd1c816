/*
 * test_corrections_daemon.c: the real tcttd and tctt-dashboard on one
 * database: a hinted document that no page links to is found after "re-check
 * now", its body archived and served; and both write the database for many
 * rounds without "database is locked" on either side.
 */
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <sqlite3.h>

#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

#define WAIT_MS	30000	/* a bound on waiting for an event, never a sleep */
#define EDITOR	"vanphong:mật khẩu biên tập"

/* A running tcttd and what it logged. */
struct daemon_proc {
	pid_t		 pid;
	int		 err;
	struct buf	 log;
	size_t		 seen;
};

static void
daemon_start(struct daemon_proc *dp, const char *conf)
{
	char *bin = test_bin("tcttd");
	int pfd[2];

	memset(dp, 0, sizeof *dp);
	cr_assert_eq(pipe2(pfd, O_CLOEXEC), 0);
	dp->pid = test_fork();
	cr_assert_neq(dp->pid, -1);
	if (dp->pid == 0) {
		dup2(pfd[1], 2);
		setenv("TCTT_NOW", "1795914000", 1);
		execl(bin, "tcttd", "-v", "-c", conf, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	dp->err = pfd[0];
	free(bin);
}

static int64_t
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read the log for at most ms. */
static void
daemon_pump(struct daemon_proc *dp, int ms)
{
	struct pollfd pfd = { dp->err, POLLIN, 0 };
	char chunk[4096];
	ssize_t n;

	if (dp->err == -1 || poll(&pfd, 1, ms) <= 0)
		return;
	if ((n = read(dp->err, chunk, sizeof chunk)) > 0)
		buf_add(&dp->log, chunk, (size_t)n);
	else {
		close(dp->err);
		dp->err = -1;
	}
}

/* Wait until what appears in the log past what earlier waits consumed; false on timeout. */
static bool
daemon_wait(struct daemon_proc *dp, const char *what)
{
	int64_t end = ms_now() + WAIT_MS;
	const char *hit;

	for (;;) {
		if (dp->log.data != NULL && (hit = strstr(dp->log.data + dp->seen, what)) != NULL) {
			dp->seen = (size_t)(hit - dp->log.data) + strlen(what);
			return true;
		}
		if (ms_now() >= end)
			return false;
		daemon_pump(dp, 100);
	}
}

/* SIGTERM and reap; the exit status. */
static int
daemon_stop(struct daemon_proc *dp)
{
	int status;

	kill(dp->pid, SIGTERM);
	while (dp->err != -1)
		daemon_pump(dp, 1000);
	waitpid(dp->pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static char *
editor_line(void)
{
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], *line;

	cr_assert(crypt_gensalt_rn("$y$", 1, NULL, 0, salt, sizeof salt) != NULL);
	line = xasprintf("vanphong:%s:editor\n", crypt_rn("mật khẩu biên tập", salt, cd,
	    (int)sizeof *cd));
	free(cd);
	return line;
}

/* Portals u0..u(n-1).test: a home page and a section with a focal point, no regulation. */
static void
portals(const char *root, int n)
{
	for (int i = 0; i < n; i++) {
		char *name = xasprintf("u%d.test/index.html", i);

		free(test_write_file(root, name, "<html><head><meta charset=utf-8><title>Cổng"
		    "</title></head><body><ul><li><a href=\"/tiep-can-thong-tin/\">Tiếp cận "
		    "thông tin</a></li></ul></body></html>"));
		free(name);
		name = xasprintf("u%d.test/tiep-can-thong-tin/index.html", i);
		free(test_write_file(root, name, "<html><head><meta charset=utf-8></head><body>"
		    "<h1>Chuyên mục tiếp cận thông tin</h1><p>Đầu mối cung cấp thông tin: Văn "
		    "phòng, điện thoại 0213 3876 543</p></body></html>"));
		free(name);
	}
}

/* The dashboard and daemon configuration for n units; caller frees. */
static char *
write_conf(const char *dir, int port, int n, const char *extra)
{
	char *line = editor_line(), *users = test_write_file(dir, "users", line);
	struct buf b = { 0 };
	char *path;

	buf_printf(&b, "[daemon]\ndatabase = %s/tctt.db\nconnect_to = ::127.0.0.1:%d\n"
	    "retries = 0\ntimeout = 5s\n%s[dashboard]\nusers_file = %s\n", dir, port,
	    extra, users);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "[unit:u%d]\nname = Đơn vị %d\nkind = commune\n"
		    "url = http://u%d.test/\n", i, i, i);
	path = test_write_file(dir, "tctt.conf", b.data);
	buf_free(&b);
	free(users);
	free(line);
	return path;
}

static size_t
sink_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	buf_add(arg, data, size * nmemb);
	return size * nmemb;
}

/* POST form to the dashboard as the editor, from its own origin; the status. */
static long
post(int port, const char *path, const char *form)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = NULL;
	struct buf b = { 0 };
	char *url = xasprintf("http://127.0.0.1:%d%s", port, path);
	char *origin = xasprintf("Origin: http://127.0.0.1:%d", port);
	long status = 0;

	hdr = curl_slist_append(hdr, origin);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_USERPWD, EDITOR);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	buf_free(&b);
	free(url);
	free(origin);
	return status;
}

/* The editor's form token from unit u0's page; caller frees. */
static char *
token(int port)
{
	long status;
	char *b = dash_http(port, "GET", "/unit/u0", EDITOR, NULL, &status, NULL);
	const char *mark = "name=\"csrf\" value=\"", *p = strstr(b, mark);
	char *t;

	cr_assert_not_null(p, "no form: %ld %s", status, b);
	p += strlen(mark);
	t = xstrndup(p, strcspn(p, "\""));
	free(b);
	return t;
}

/* One text from SQL, or NULL; caller frees. */
static char *
sql_text(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;

	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The dashboard on conf (a dashsrv that owns copies of the strings). */
static void
dash_start(struct dashsrv *s, const char *dir, const char *conf)
{
	memset(s, 0, sizeof *s);
	s->dir = xstrdup(dir);
	s->conf = xstrdup(conf);
	s->db = xasprintf("%s/tctt.db", dir);
	dashsrv_start(s);
}

#define HINT_URL "http://vanban.test/luu-tru/qc-2026.html"
#define HINT_BODY "<html><head><meta charset=utf-8><title>Quy chế cung cấp thông tin " \
    "của UBND xã</title></head><body><h1>Quy chế cung cấp thông tin</h1><p>Ban hành " \
    "ngày 12/03/2026</p></body></html>"

Test(corrections_daemon, hinted_document_found_after_recheck_archived_and_served,
    .timeout = 120)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir), *conf, *db, *tok;
	char *form, *v, *b, *sha, *path;
	struct daemon_proc dp;
	struct dashsrv s;
	struct fixsrv fs;
	long status;

	portals(root, 1);
	/* On another host, linked from nowhere: only the hint leads there. */
	free(test_write_file(root, "vanban.test/luu-tru/qc-2026.html", HINT_BODY));
	free(test_write_file(root, "vanban.test/tin-tuc.html", "<html><head><meta "
	    "charset=utf-8><title>Tin tức</title></head><body><p>Lễ hội mùa xuân</p>"
	    "</body></html>"));
	fixsrv_start(&fs, root);
	conf = write_conf(dir, fs.port, 1, "interval = 24h\n");
	db = xasprintf("%s/tctt.db", dir);
	daemon_start(&dp, conf);
	cr_assert(daemon_wait(&dp, "u0: checked in"), "%s", dp.log.data);
	v = sql_text(db, "SELECT status FROM verdict WHERE unit_id = 'u0' AND"
	    " criterion = 'regulation' ORDER BY id DESC LIMIT 1");
	cr_expect_str_eq(v, "missing");
	free(v);

	dash_start(&s, dir, conf);
	tok = token(s.port);
	form = xasprintf("csrf=%s&criterion=regulation&url=http%%3A%%2F%%2Fvanban.test%%2F"
	    "luu-tru%%2Fqc-2026.html&note=%%C4%%90%%C6%%A1n+v%%E1%%BB%%8B+tr%%E1%%BA%%A3+l%%E1%%BB%%9Di",
	    tok);
	cr_expect_eq(post(s.port, "/unit/u0/hint", form), 303);
	free(form);
	/* A hint to a page that is not the catalog never makes it ok. */
	form = xasprintf("csrf=%s&criterion=public_catalog&url=http%%3A%%2F%%2Fvanban.test"
	    "%%2Ftin-tuc.html", tok);
	cr_expect_eq(post(s.port, "/unit/u0/hint", form), 303);
	free(form);
	form = xasprintf("csrf=%s", tok);
	cr_expect_eq(post(s.port, "/unit/u0/recheck", form), 303);
	free(form);
	/* The daemon looks every second; the second pass is the answer. */
	cr_expect(daemon_wait(&dp, "u0: re-check asked for by the secretariat"), "%s",
	    dp.log.data);
	cr_assert(daemon_wait(&dp, "u0: checked in"), "%s", dp.log.data);

	v = sql_text(db, "SELECT status || ' ' || url || ' ' || note FROM verdict WHERE"
	    " unit_id = 'u0' AND criterion = 'regulation' ORDER BY id DESC LIMIT 1");
	cr_expect(v != NULL && strncmp(v, "ok " HINT_URL " ", 4 + strlen(HINT_URL)) == 0,
	    "%s", v);
	cr_expect(v != NULL && strstr(v, "Bằng chứng từ địa chỉ do Văn phòng gợi ý") != NULL,
	    "%s", v);
	free(v);
	v = sql_text(db, "SELECT status FROM verdict WHERE unit_id = 'u0' AND"
	    " criterion = 'public_catalog' ORDER BY id DESC LIMIT 1");
	cr_expect_str_eq(v, "missing");
	free(v);
	v = sql_text(db, "SELECT COUNT(*) FROM recheck_request WHERE done_at IS NULL");
	cr_expect_str_eq(v, "0");
	free(v);
	b = dash_http(s.port, "GET", "/unit/u0", EDITOR, NULL, &status, NULL);
	cr_expect(strstr(b, "đang chờ kiểm tra lại") == NULL);
	cr_expect(strstr(b, ">bản lưu</a>") != NULL);
	free(b);

	/* The document's body, archived once, served as it was. */
	sha = sql_text(db, "SELECT sha256 FROM verdict WHERE unit_id = 'u0' AND"
	    " criterion = 'regulation' ORDER BY id DESC LIMIT 1");
	cr_assert_not_null(sha);
	path = xasprintf("/evidence/%s", sha);
	b = dash_http(s.port, "GET", path, EDITOR, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	cr_expect_str_eq(b, HINT_BODY);
	free(b);
	free(path);
	free(sha);
	free(tok);
	dashsrv_stop(&s);
	cr_expect_eq(daemon_stop(&dp), 0, "%s", dp.log.data);
	buf_free(&dp.log);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

Test(corrections_daemon, both_write_concurrently_without_locking, .timeout = 240)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/www", dir), *conf, *tok, *form;
	struct daemon_proc dp;
	struct dashsrv s;
	struct fixsrv fs;
	int rounds = 0, passes = 0;
	const char *hit;
	static const char *const forms[] = {
		"/recheck", "",
		"/hint", "&criterion=regulation&url=http%3A%2F%2Fvanban.test%2Fx",
		"/verdict", "&criterion=section&status=ok&reason=v&until=2027-01-01",
		"/verdict/revoke", "&criterion=section&reason=r",
		"/stats", "&year=2026&received=3&provided_full=1&provided_part=1"
		    "&refused=0&transferred=0&overdue=0",
	};

	portals(root, 4);
	fixsrv_start(&fs, root);
	/* Passes back to back: every unit due every two seconds. */
	conf = write_conf(dir, fs.port, 3, "interval = 2s\n");
	daemon_start(&dp, conf);
	cr_assert(daemon_wait(&dp, "checked in"), "%s", dp.log.data);
	dash_start(&s, dir, conf);
	s.keep_log = 1;
	tok = token(s.port);
	/* Many rounds of every action while passes store their results. */
	while (rounds < 20 || passes < 9) {
		for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i += 2) {
			char *path = xasprintf("/unit/u%d%s", rounds % 3, forms[i]);
			long st;

			form = xasprintf("csrf=%s%s", tok, forms[i + 1]);
			st = post(s.port, path, form);
			cr_assert(st == 303 || (st == 400 && strstr(path, "revoke") != NULL),
			    "%s: %ld", path, st);
			free(form);
			free(path);
		}
		rounds++;
		daemon_pump(&dp, 0);
		while (dp.log.data != NULL &&
		    (hit = strstr(dp.log.data + dp.seen, "checked in")) != NULL) {
			dp.seen = (size_t)(hit - dp.log.data) + strlen("checked in");
			passes++;
		}
		cr_assert_lt(rounds, 5000, "the daemon stopped checking: %s", dp.log.data);
	}
	free(tok);
	dashsrv_stop(&s);
	cr_expect_eq(daemon_stop(&dp), 0, "%s", dp.log.data);
	free(test_write_file(dir, "tcttd.log", dp.log.data));
	cr_expect(strstr(dp.log.data, "locked") == NULL, "see %s/tcttd.log", dir);
	cr_expect(strstr(dp.log.data, "cannot store") == NULL, "%s", dp.log.data);
	cr_expect(strstr(dp.log.data, "not stored") == NULL, "%s", dp.log.data);
	cr_expect(strstr(s.log, "locked") == NULL, "%s", s.log);
	cr_expect(strstr(s.log, "cannot") == NULL, "%s", s.log);
	free(s.log);
	buf_free(&dp.log);
	fixsrv_stop(&fs);
	free(conf);
	free(root);
	free(dir);
}

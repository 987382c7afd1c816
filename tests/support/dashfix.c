/* dashfix.c: the dashboard tests' fixture database and server process. */
#include "dashfix.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <sqlite3.h>

#include "config.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

#define EVIL_NAME "<script>alert(\"x\")</script> Sở 'Độc' & hại"
#define EVIL_NOTE "note <img src=x onerror=alert(1)> \"quoted\""

static const char fix_units[] =
    "[unit:stp]\nname = Sở Tư pháp\nkind = department\nurl = https://sotuphap.demo/\n"
    "email = stp@demo.vn\n"
    "[unit:syt]\nname = Sở Y tế\nkind = department\nurl = https://syt.demo/\n"
    "[unit:bql]\nname = Ban Quản lý các khu kinh tế\nkind = agency\nurl = https://bql.demo/\n"
    "[unit:tamduong]\nname = UBND huyện Tam Đường\nkind = district\nurl = https://tamduong.demo/\n"
    "[unit:evil]\nname = " EVIL_NAME "\nkind = commune\nurl = https://evil.demo/\n"
    "[unit:never]\nname = UBND xã Chưa Kiểm\nkind = commune\nurl = https://never.demo/\n";

/* One pass at time t where criteria get sts[] and evidence url. */
static void
save_pass(struct store *st, const char *id, int64_t t, const enum status sts[CRIT_COUNT],
    const char *url, const char *note)
{
	struct pass_result pr;
	char *cause;
	bool reachable = false;

	memset(&pr, 0, sizeof pr);
	pr.started_at = t - 12;
	pr.finished_at = t;
	pr.pages = 7;
	pr.bytes = 70000;
	pr.errors = 1;
	for (int c = 0; c < CRIT_COUNT; c++) {
		reachable |= sts[c] != ST_UNREACHABLE;
		pr.v[c].status = sts[c];
		pr.v[c].url = url != NULL ? xstrdup(url) : NULL;
		pr.v[c].date = xstrdup("2026-10-02");
		pr.v[c].note = xstrdup(note);
	}
	pr.reachable = reachable;
	if (store_save_pass(st, id, &pr, &cause) == -1)
		cr_assert_fail("store_save_pass: %s", cause);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
}

static void
exec_sql(const char *db, const char *sql)
{
	sqlite3 *h;
	char *err = NULL;

	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		cr_assert_fail("%s: %s", sql, err);
	sqlite3_close(h);
}

/* The fixture's passes: four weeks, every kind of status. */
static void
fill_db(const char *path)
{
#define NINE(x)	{ x, x, x, x, x, x, x, x, x }
	_Static_assert(CRIT_COUNT == 9, "one status per criterion below");
	static const enum status all_ok[CRIT_COUNT] = NINE(ST_OK);
	static const enum status stale[CRIT_COUNT] = { ST_OK, ST_OK, ST_STALE, ST_OK, ST_OK,
	    ST_OK, ST_OK, ST_OK, ST_OK };
	static const enum status missing[CRIT_COUNT] = { ST_OK, ST_MISSING, ST_OK, ST_MISSING, ST_OK,
	    ST_OK, ST_OK, ST_MISSING, ST_OK };
	static const enum status down[CRIT_COUNT] = NINE(ST_UNREACHABLE);
#undef NINE
	struct config *cfg, *old;
	struct store *st;
	char *cause;
	int64_t week = 7 * 86400, t0 = DASHFIX_NOW - 4 * week;

	if (config_load_string("fix.conf", fix_units, &cfg, &cause) == -1)
		cr_assert_fail("%s", cause);
	if (store_open(path, 0, &st, &cause) == -1)
		cr_assert_fail("%s", cause);
	/* A unit since removed from the configuration: archived, never shown. */
	if (config_load_string("old.conf", "[unit:old]\nname = Đơn vị cũ\nkind = agency\n"
	    "url = https://old.demo/\n", &old, &cause) == -1 ||
	    store_sync_units(st, old, t0 - 86400, &cause) == -1)
		cr_assert_fail("%s", cause);
	save_pass(st, "old", t0 - 86000, all_ok, "https://old.demo/x", "cũ");
	config_free(old);
	if (store_sync_units(st, cfg, t0, &cause) == -1)
		cr_assert_fail("%s", cause);
	for (int w = 0; w < 4; w++) {
		int64_t t = t0 + w * week + 3600;

		save_pass(st, "stp", t, all_ok, "https://sotuphap.demo/tiep-can-thong-tin", "Có chuyên mục");
		save_pass(st, "syt", t, w < 2 ? all_ok : stale, "https://syt.demo/danh-muc.pdf",
		    "Danh mục cũ");
		save_pass(st, "bql", t, missing, NULL, "Không tìm thấy");
		save_pass(st, "tamduong", t, w < 3 ? all_ok : down, "https://tamduong.demo/tctt",
		    "Không kết nối được");
		save_pass(st, "evil", t, missing, "javascript:alert(document.cookie)", EVIL_NOTE);
	}
	store_close(st);
	config_free(cfg);
	exec_sql(path,
	    "INSERT INTO notice (kind, unit_id, round_key, mail_to, mail_cc, subject, message,"
	    " body_text, body_html, state, attempts, created_at, sent_at, error) VALUES"
	    " ('reminder', 'bql', 'r1', 'bql@demo.vn', NULL, 'Nhắc nhở: công khai Quy chế',"
	    "  '<m1@demo>', 'Kính gửi Ban Quản lý', NULL, 'sent', 1, 1795500000, 1795500060, NULL),"
	    " ('reminder', 'evil', 'r2', 'x@demo.vn', 'vanphong@demo.vn',"
	    "  '<script>alert(1)</script> nhắc', '<m2@demo>', 'x', NULL, 'failed', 3, 1795600000,"
	    "  NULL, '<b>smtp</b> lỗi'),"
	    " ('digest', NULL, 'd1', 'vanphong@demo.vn', NULL, 'Báo cáo tuần 48/2026',"
	    "  '<m3@demo>', 'Tỉ lệ đạt: 20%. <script>bad()</script>', '<p>Tỉ lệ</p>', 'sent', 1,"
	    "  1795700000, 1795700100, NULL);"
	    "INSERT INTO digest (week, created_at, notice_id, stats) VALUES"
	    " ('2026-W48', 1795700000, 3, '{\"compliant\": 1}');");
}

void
dashfix_setup(struct dashsrv *s, const char *users_line, int db_exists)
{
	char *text;

	memset(s, 0, sizeof *s);
	s->dir = test_tmpdir();
	s->db = xasprintf("%s/tctt.db", s->dir);
	if (db_exists)
		fill_db(s->db);
	if (users_line != NULL) {
		char *uf = test_write_file(s->dir, "users", users_line);

		text = xasprintf("[daemon]\ndatabase = %s\n[dashboard]\nusers_file = %s\n%s",
		    s->db, uf, fix_units);
		free(uf);
	} else
		text = xasprintf("[daemon]\ndatabase = %s\n%s", s->db, fix_units);
	s->conf = test_write_file(s->dir, "tctt.conf", text);
	free(text);
}

void
dashsrv_start(struct dashsrv *s)
{
	char *bin = test_bin("tctt-dashboard");
	struct buf line = { 0 };
	const char *mark = "listening on 127.0.0.1:", *p;
	int pfd[2];
	char c;

	cr_assert_eq(pipe(pfd), 0);
	s->pid = test_fork();
	cr_assert_neq(s->pid, -1);
	if (s->pid == 0) {
		dup2(pfd[1], 2);
		close(pfd[0]);
		close(pfd[1]);
		setenv("TCTT_NOW", "1795914000", 1);
		execl(bin, "tctt-dashboard", "-c", s->conf, "--listen", "127.0.0.1:0",
		    s->verbose ? "-v" : (char *)NULL, (char *)NULL);
		_exit(127);
	}
	free(bin);
	close(pfd[1]);
	s->errfd = pfd[0];
	/* Read stderr lines until the bound address: the readiness signal. */
	for (;;) {
		cr_assert_eq(read(s->errfd, &c, 1), 1, "dashboard died: %s",
		    line.data ? line.data : "");
		if (c != '\n') {
			buf_putc(&line, c);
			continue;
		}
		if ((p = strstr(line.data, mark)) != NULL) {
			s->port = atoi(p + strlen(mark));
			break;
		}
		line.len = 0;
		line.data[0] = '\0';
	}
	buf_free(&line);
	cr_assert_gt(s->port, 0);
}

void
dashsrv_stop(struct dashsrv *s)
{
	struct buf rest = { 0 };
	char chunk[4096];
	ssize_t n;
	int status;

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		while ((n = read(s->errfd, chunk, sizeof chunk)) > 0)
			buf_add(&rest, chunk, (size_t)n);
		close(s->errfd);
		waitpid(s->pid, &status, 0);
		cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "dashboard exited with status %d: %s", status, rest.data ? rest.data : "");
		if (s->keep_log)
			s->log = buf_steal(&rest);
		buf_free(&rest);
		s->pid = 0;
	}
	free(s->dir);
	free(s->conf);
	free(s->db);
}

static size_t
dash_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	buf_add(arg, data, size * nmemb);
	return size * nmemb;
}

char *
dash_http(int port, const char *method, const char *path, const char *userpwd,
    const char *extra_header, long *status, char **headers)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = NULL;
	struct buf b = { 0 }, h = { 0 };
	char *url = xasprintf("http://127.0.0.1:%d%s", port, path);

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, dash_write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, dash_write_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (userpwd != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERPWD, userpwd);
	}
	if (extra_header != NULL) {
		hdr = curl_slist_append(hdr, extra_header);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	}
	*status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	free(url);
	if (headers != NULL)
		*headers = buf_steal(&h);
	buf_free(&h);
	return buf_steal(&b);
}

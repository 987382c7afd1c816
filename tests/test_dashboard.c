/* test_dashboard.c: the real tctt-dashboard over HTTP: pages, filters, API, headers, methods. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "dashfix.h"
#include "export.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

/* GET path and expect status; body returned, caller frees. */
static char *
get_expect(struct dashsrv *s, const char *path, long want)
{
	long status;
	char *body = dash_http(s->port, "GET", path, NULL, NULL, &status, NULL);

	cr_assert_eq(status, want, "GET %s: %ld, want %ld: %.300s", path, status, want, body);
	return body;
}

/* Position of needle in hay, or -1. */
static long
pos(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	return p == NULL ? -1 : p - hay;
}

Test(dashboard, overview_matrix_totals_and_trend, .timeout = 60)
{
	struct dashsrv s;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = get_expect(&s, "/", 200);
	cr_expect(strstr(b, "<html lang=\"vi\">") != NULL);
	cr_expect(strstr(b, "class=\"skip\" href=\"#main\"") != NULL);
	cr_expect(strstr(b, "<caption>Kết quả theo đơn vị và tiêu chí") != NULL);
	cr_expect(strstr(b, "<th scope=\"col\" rowspan=\"2\">Đơn vị</th>") != NULL);
	/* Nine columns, the section's four other items grouped under one heading. */
	cr_expect(strstr(b, "<th scope=\"colgroup\" colspan=\"4\" class=\"group\">"
	    "Nội dung khác của chuyên mục") != NULL, "%s", b);
	for (int c = 0; c < CRIT_COUNT; c++) {
		char *h = xasprintf("<abbr title=\"%s\">%s</abbr>", crit_info((enum criterion)c)->label,
		    crit_info((enum criterion)c)->short_label);

		cr_expect(strstr(b, h) != NULL, "%s", h);
		free(h);
	}
	cr_expect_null(strstr(b, "không tính điểm"), "all nine count by default");
	cr_expect(strstr(b, "<a href=\"/unit/stp\">Sở Tư pháp</a>") != NULL);
	/* Totals: stp ok; syt stale; bql and evil missing; tamduong unreachable; one never checked. */
	cr_expect(strstr(b, "<span class=\"num\">1</span> Đạt đủ 9 tiêu chí") != NULL, "%s", b);
	cr_expect(strstr(b, "<span class=\"num\">1</span> Có danh mục chưa cập nhật") != NULL);
	cr_expect(strstr(b, "<span class=\"num\">2</span> Còn thiếu tiêu chí") != NULL);
	cr_expect(strstr(b, "<span class=\"num\">1</span> Không truy cập được") != NULL);
	cr_expect(strstr(b, "<span class=\"num\">1</span> Chưa kiểm tra") != NULL);
	/* Badges carry text and an icon; failures say since when, in dd/mm/yyyy. */
	cr_expect(strstr(b, "aria-hidden=\"true\">✓</span> Đạt</span>") != NULL);
	cr_expect(strstr(b, "<span class=\"since\">từ ") != NULL);
	cr_expect(strstr(b, "Số liệu đến 29/11/2026 08:00") != NULL);
	/* The trend: four weeks, inline SVG, and its numbers in a table. */
	cr_expect(strstr(b, "<svg class=\"chart\"") != NULL);
	cr_expect(strstr(b, "<rect ") != NULL);
	cr_expect(strstr(b, "<td class=\"num\">3</td><td class=\"num\">5</td><td class=\"num\">60%</td>") != NULL,
	    "first weeks: stp, syt, tamduong of 5");
	cr_expect(strstr(b, "<td class=\"num\">1</td><td class=\"num\">5</td><td class=\"num\">20%</td>") != NULL,
	    "last week: only stp");
	free(b);
	dashsrv_stop(&s);
}

Test(dashboard, filters_search_and_sort, .timeout = 60)
{
	struct dashsrv s;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = get_expect(&s, "/?kind=huyen-xa", 200);
	cr_expect(strstr(b, "/unit/tamduong") != NULL);
	cr_expect(strstr(b, "/unit/stp") == NULL);
	cr_expect(strstr(b, "<option value=\"huyen-xa\" selected>") != NULL);
	free(b);
	b = get_expect(&s, "/?kind=so-ban-nganh", 200);
	cr_expect(strstr(b, "/unit/stp") != NULL && strstr(b, "/unit/bql") != NULL);
	cr_expect(strstr(b, "/unit/tamduong") == NULL);
	free(b);
	/* Search folds case and Vietnamese marks. */
	b = get_expect(&s, "/?q=TU+PHAP", 200);
	cr_expect(strstr(b, "/unit/stp") != NULL);
	cr_expect(strstr(b, "/unit/syt") == NULL);
	cr_expect(strstr(b, "value=\"TU PHAP\"") != NULL);
	free(b);
	b = get_expect(&s, "/?q=tam+%C4%91u%E1%BB%9Dng", 200);
	cr_expect(strstr(b, "/unit/tamduong") != NULL);
	free(b);
	/* Score: lowest first; lag: oldest failure first. */
	b = get_expect(&s, "/?sort=score", 200);
	cr_expect(pos(b, "/unit/bql") < pos(b, "/unit/syt"));
	cr_expect(pos(b, "/unit/syt") < pos(b, "/unit/stp"));
	free(b);
	b = get_expect(&s, "/?sort=lag", 200);
	cr_expect(pos(b, "/unit/bql") < pos(b, "/unit/tamduong"));
	cr_expect(pos(b, "/unit/syt") < pos(b, "/unit/tamduong"));
	cr_expect(pos(b, "/unit/tamduong") < pos(b, "/unit/stp"));
	free(b);
	/* A hostile query is echoed escaped. */
	b = get_expect(&s, "/?q=%22%3E%3Cscript%3E", 200);
	cr_expect(strstr(b, "<script>") == NULL);
	cr_expect(strstr(b, "value=\"&quot;&gt;&lt;script&gt;\"") != NULL);
	free(b);
	dashsrv_stop(&s);
}

Test(dashboard, unit_page, .timeout = 60)
{
	struct dashsrv s;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = get_expect(&s, "/unit/syt", 200);
	cr_expect(strstr(b, "<h1>Sở Y tế</h1>") != NULL);
	cr_expect(strstr(b, "<a href=\"https://syt.demo/danh-muc.pdf\"") != NULL);
	cr_expect(strstr(b, "02/10/2026") != NULL, "evidence date in dd/mm/yyyy");
	cr_expect(strstr(b, "Danh mục cũ") != NULL);
	cr_expect(strstr(b, "<ol class=\"timeline\">") != NULL);
	cr_expect(strstr(b, "Chưa cập nhật") != NULL);
	free(b);
	b = get_expect(&s, "/unit/bql", 200);
	cr_expect(strstr(b, "Nhắc nhở: công khai Quy chế") != NULL, "reminders sent to it");
	cr_expect(strstr(b, "Đã gửi") != NULL);
	free(b);
	free(get_expect(&s, "/unit/nope", 404));
	free(get_expect(&s, "/unit/..%2Fetc", 404));
	free(get_expect(&s, "/unit/STP", 404));
	free(get_expect(&s, "/unit/", 404));
	free(get_expect(&s, "/unit/stp/x", 404));
	dashsrv_stop(&s);
}

Test(dashboard, hostile_text_is_escaped_everywhere, .timeout = 60)
{
	static const char *paths[] = { "/", "/unit/evil", "/notices", "/digests",
	    "/digests/1", "/?sort=lag" };
	struct dashsrv s;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		char *b = get_expect(&s, paths[i], 200);

		cr_expect(strstr(b, "<script") == NULL, "%s has raw script", paths[i]);
		cr_expect(strstr(b, "<img") == NULL, "%s has raw img", paths[i]);
		cr_expect(strstr(b, "<b>") == NULL, "%s has raw markup", paths[i]);
		cr_expect(strstr(b, "href=\"javascript:") == NULL, "%s links javascript:", paths[i]);
		free(b);
	}
	{
		char *b = get_expect(&s, "/unit/evil", 200);

		cr_expect(strstr(b, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Sở "
		    "&#39;Độc&#39; &amp; hại") != NULL, "%s", b);
		cr_expect(strstr(b, "note &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;") != NULL);
		cr_expect(strstr(b, "javascript:alert(document.cookie) <em>(địa chỉ không an toàn") != NULL);
		free(b);
	}
	dashsrv_stop(&s);
}

Test(dashboard, notices_and_digests, .timeout = 60)
{
	struct dashsrv s;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = get_expect(&s, "/notices", 200);
	cr_expect(strstr(b, "Nhắc nhở: công khai Quy chế") != NULL);
	cr_expect(strstr(b, "Gửi lỗi") != NULL);
	cr_expect(strstr(b, "&lt;b&gt;smtp&lt;/b&gt; lỗi") != NULL);
	cr_expect(strstr(b, "Đồng gửi: vanphong@demo.vn") != NULL);
	free(b);
	b = get_expect(&s, "/digests", 200);
	cr_expect(strstr(b, "<a href=\"/digests/1\">2026-W48</a>") != NULL);
	free(b);
	b = get_expect(&s, "/digests/1", 200);
	cr_expect(strstr(b, "<h1>Báo cáo tuần 48/2026</h1>") != NULL);
	cr_expect(strstr(b, "Tỉ lệ đạt: 20%. &lt;script&gt;bad()&lt;/script&gt;") != NULL);
	free(b);
	free(get_expect(&s, "/digests/2", 404));
	free(get_expect(&s, "/digests/0", 404));
	free(get_expect(&s, "/digests/1x", 404));
	free(get_expect(&s, "/digests/99999999999999999999999", 404));
	dashsrv_stop(&s);
}

Test(dashboard, api_is_the_export, .timeout = 60)
{
	struct dashsrv s;
	struct store *st;
	struct unit_state *u;
	size_t n;
	char *cause, *b, *want;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	cr_assert_eq(store_open(s.db, STORE_READONLY, &st, &cause), 0);
	cr_assert_eq(store_units(st, false, &u, &n, &cause), 0);
	b = get_expect(&s, "/api/v1/units", 200);
	want = export_json(u, n, 1795914000);
	cr_expect_str_eq(b, want);
	free(b);
	free(want);
	b = get_expect(&s, "/export.csv", 200);
	want = export_csv(u, n);
	cr_expect_str_eq(b, want);
	free(b);
	free(want);
	unit_states_free(u, n);
	store_close(st);
	b = get_expect(&s, "/metrics", 200);
	cr_expect(strstr(b, "# TYPE tctt_units gauge\n") != NULL);
	cr_expect(strstr(b, "tctt_units{status=\"ok\"} 1\n") != NULL, "%s", b);
	cr_expect(strstr(b, "tctt_units{status=\"missing\"} 2\n") != NULL);
	cr_expect(strstr(b, "tctt_units{status=\"unreachable\"} 1\n") != NULL);
	cr_expect(strstr(b, "tctt_criteria{criterion=\"regulation\",status=\"missing\"} 2\n") != NULL);
	cr_expect(strstr(b, "tctt_passes_total 21\n") != NULL);
	cr_expect(strstr(b, "tctt_pages_fetched_total 147\n") != NULL);
	cr_expect(strstr(b, "tctt_fetch_errors_total 21\n") != NULL);
	cr_expect(strstr(b, "tctt_last_pass_duration_seconds 12\n") != NULL);
	cr_expect(strstr(b, "tctt_last_pass_timestamp_seconds 1795312800\n") != NULL);
	free(b);
	b = get_expect(&s, "/healthz", 200);
	cr_expect_str_eq(b, "ok\n");
	free(b);
	dashsrv_stop(&s);
}

Test(dashboard, headers_methods_and_limits, .timeout = 60)
{
	static const char *methods[] = { "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE" };
	struct dashsrv s;
	long status;
	char *b, *h, *big;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = dash_http(s.port, "GET", "/", NULL, NULL, &status, &h);
	cr_expect_eq(status, 200);
	cr_expect(strstr(h, "Content-Security-Policy: default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'") != NULL, "%s", h);
	cr_expect(strstr(h, "X-Content-Type-Options: nosniff") != NULL);
	cr_expect(strstr(h, "Referrer-Policy: no-referrer") != NULL);
	cr_expect(strstr(h, "Content-Type: text/html; charset=utf-8") != NULL);
	free(b);
	free(h);
	b = dash_http(s.port, "GET", "/static/style.css", NULL, NULL, &status, &h);
	cr_expect_eq(status, 200);
	cr_expect(strstr(h, "Content-Type: text/css") != NULL);
	cr_expect(strstr(b, "@media print") != NULL);
	cr_expect(strstr(b, ":focus-visible") != NULL);
	free(b);
	free(h);
	b = dash_http(s.port, "HEAD", "/", NULL, NULL, &status, &h);
	cr_expect_eq(status, 200);
	cr_expect_str_eq(b, "");
	free(b);
	free(h);
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		b = dash_http(s.port, methods[i], "/", NULL, NULL, &status, &h);
		cr_expect_eq(status, 405, "%s: %ld", methods[i], status);
		cr_expect(strstr(h, "Allow: GET, HEAD") != NULL);
		cr_expect(strstr(h, "X-Content-Type-Options: nosniff") != NULL);
		free(b);
		free(h);
	}
	b = dash_http(s.port, "GET", "/nothing/here", NULL, NULL, &status, &h);
	cr_expect_eq(status, 404);
	cr_expect(strstr(h, "Content-Security-Policy:") != NULL);
	free(b);
	free(h);
	free(get_expect(&s, "/%00", 400));
	/* Headers beyond the bound are refused, and the server lives on. */
	big = xmalloc(40000);
	memcpy(big, "X-Big: ", 7);
	memset(big + 7, 'a', 40000 - 8);
	big[40000 - 1] = '\0';
	b = dash_http(s.port, "GET", "/", NULL, big, &status, &h);
	cr_expect_eq(status, 431, "oversized headers: %ld", status);
	cr_expect(h != NULL && strstr(h, "Content-Security-Policy:") != NULL, "%s", h);
	free(b);
	free(h);
	free(big);
	free(get_expect(&s, "/healthz", 200));
	dashsrv_stop(&s);
}

Test(dashboard, no_database_yet, .timeout = 60)
{
	struct dashsrv s;
	char *b;
	long status;

	dashfix_setup(&s, NULL, 0);
	dashsrv_start(&s);
	b = get_expect(&s, "/healthz", 200);
	cr_expect(strncmp(b, "ok", 2) == 0);
	free(b);
	b = dash_http(s.port, "GET", "/", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 503);
	cr_expect(strstr(b, "Chưa có dữ liệu") != NULL);
	free(b);
	free(get_expect(&s, "/unit/stp", 503));
	dashsrv_stop(&s);
}

Test(dashboard, archived_units_stay_hidden_but_reachable, .timeout = 60)
{
	struct dashsrv s;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = get_expect(&s, "/", 200);
	cr_expect(strstr(b, "/unit/old") == NULL);
	free(b);
	b = get_expect(&s, "/api/v1/units", 200);
	cr_expect(strstr(b, "\"old\"") == NULL);
	free(b);
	b = get_expect(&s, "/unit/old", 200);
	cr_expect(strstr(b, "Đơn vị không còn trong cấu hình từ") != NULL);
	free(b);
	dashsrv_stop(&s);
}

/* Save one pass for unit id with every criterion at status st, through the store API. */
static void
write_pass(const char *db, const char *id, int64_t t, enum status st)
{
	struct store *w;
	struct pass_result pr;
	char *cause;

	cr_assert_eq(store_open(db, 0, &w, &cause), 0);
	memset(&pr, 0, sizeof pr);
	pr.started_at = t - 1;
	pr.finished_at = t;
	pr.reachable = true;
	for (int c = 0; c < CRIT_COUNT; c++)
		pr.v[c].status = st;
	cr_assert_eq(store_save_pass(w, id, &pr, &cause), 0);
	store_close(w);
}

Test(dashboard, sees_writes_while_tcttd_writes, .timeout = 60)
{
	struct dashsrv s;
	sqlite3 *w;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = get_expect(&s, "/", 200);
	cr_expect(strstr(b, "<span class=\"num\">1</span> Đạt đủ 9 tiêu chí") != NULL);
	free(b);
	/* A writer holding its transaction open does not block reading (WAL). */
	cr_assert_eq(sqlite3_open(s.db, &w), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(w, "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('k', 'v')",
	    NULL, NULL, NULL), SQLITE_OK);
	free(get_expect(&s, "/", 200));
	cr_assert_eq(sqlite3_exec(w, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	write_pass(s.db, "bql", DASHFIX_NOW - 60, ST_OK);
	b = get_expect(&s, "/", 200);
	cr_expect(strstr(b, "<span class=\"num\">2</span> Đạt đủ 9 tiêu chí") != NULL,
	    "a committed pass shows at once");
	free(b);
	b = get_expect(&s, "/metrics", 200);
	cr_expect(strstr(b, "tctt_units{status=\"ok\"} 2\n") != NULL);
	free(b);
	dashsrv_stop(&s);
}

Test(dashboard, database_appearing_later_and_sigint, .timeout = 60)
{
	struct dashsrv s, full;
	char *b;
	long status;

	dashfix_setup(&s, NULL, 0);
	dashsrv_start(&s);
	free(dash_http(s.port, "GET", "/", NULL, NULL, &status, NULL));
	cr_expect_eq(status, 503);
	/* tcttd creates the database: the next request finds it. */
	dashfix_setup(&full, NULL, 1);
	cr_assert_eq(rename(full.db, s.db), 0);
	b = get_expect(&s, "/", 200);
	cr_expect(strstr(b, "Sở Tư pháp") != NULL);
	free(b);
	kill(s.pid, SIGINT);
	s.pid = -s.pid;
	{
		int st;

		waitpid(-s.pid, &st, 0);
		cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "SIGINT: status %d", st);
	}
	close(s.errfd);
	s.pid = 0;
	dashsrv_stop(&s);
	dashsrv_stop(&full);
}

/* The fixture with stp's forms missing, and rules (NULL: none) at the top of its config. */
static void
setup_forms_missing(struct dashsrv *s, const char *rules)
{
	sqlite3 *w;

	dashfix_setup(s, NULL, 1);
	cr_assert_eq(sqlite3_open(s->db, &w), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(w, "INSERT INTO verdict (unit_id, criterion, status, note, since,"
	    " first_seen, last_seen) VALUES ('stp', 'forms', 'missing', 'Không thấy mẫu',"
	    " 1795900000, 1795900000, 1795900000)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	if (rules != NULL) {
		FILE *f = fopen(s->conf, "r");
		struct buf t = { 0 };
		char *conf;
		int ch;

		cr_assert_not_null(f);
		buf_puts(&t, rules);
		while ((ch = fgetc(f)) != EOF)
			buf_putc(&t, (char)ch);
		fclose(f);
		conf = test_write_file(s->dir, "tctt.conf", t.data);
		free(conf);
		buf_free(&t);
	}
	dashsrv_start(s);
}

Test(dashboard, rules_criteria_choose_what_counts_all_nine_shown)
{
	struct dashsrv s;
	char *b;

	setup_forms_missing(&s, NULL);
	b = get_expect(&s, "/", 200);
	cr_expect(strstr(b, "<span class=\"num\">0</span> Đạt đủ 9 tiêu chí") != NULL,
	    "stp fails the forms: %s", b);
	free(b);
	dashsrv_stop(&s);

	setup_forms_missing(&s, "[rules]\ncriteria = section regulation public_catalog "
	    "conditional_catalog focal_point\n");
	b = get_expect(&s, "/", 200);
	cr_expect(strstr(b, "<span class=\"num\">1</span> Đạt đủ 5 tiêu chí") != NULL, "%s", b);
	/* The four still shown, marked as not counted. */
	cr_expect(strstr(b, "<th scope=\"col\" class=\"not-counted\"><abbr title=\"Mẫu phiếu yêu "
	    "cầu cung cấp thông tin (không tính vào điểm)\">Biểu mẫu</abbr>") != NULL, "%s", b);
	cr_expect(strstr(b, "<th scope=\"col\" rowspan=\"2\"><abbr title=\"Đầu mối cung cấp "
	    "thông tin\">Đầu mối</abbr></th>") != NULL);
	free(b);
	dashsrv_stop(&s);
}

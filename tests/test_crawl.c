/*
 * test_crawl.c: SPEC.md's crawl promises, checked on the fixture server's
 * request log while the real tcttd --once crawls: it stops early once all
 * five criteria are settled, stays on the unit's host, sends our user_agent,
 * obeys robots.txt for our agent, and keeps within max_depth and max_pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "criteria.h"
#include "support.h"
#include "xmalloc.h"

#define UA	"tctt-audit/1.0 (+mailto:vanphong@laichau.gov.vn)"

/* Run tcttd -c conf --once; stderr is logged on failure. */
static int
crawl_once(const char *conf)
{
	char *bin = test_bin("tcttd"), *out, *err;
	const char *argv[] = { bin, "-c", conf, "--once", NULL };
	int rc;

	setenv("TCTT_NOW", "2026-11-29T08:00:00+07:00", 1);
	rc = run_cmd(argv, &out, &err);
	if (rc != 0)
		cr_log_info("tcttd exited %d: %s", rc, err);
	free(out);
	free(err);
	free(bin);
	return rc;
}

/* Requests the fixture server logged for host whose URI starts with prefix ("" for all). */
static int
crawl_count(const char *log, const char *host, const char *prefix)
{
	char *copy = xstrdup(log), *line, *save = NULL;
	int n = 0;

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');

		if (tab == NULL || (size_t)(tab - line) != strlen(host) ||
		    strncmp(line, host, strlen(host)) != 0)
			continue;
		n += strncmp(tab + 1, prefix, strlen(prefix)) == 0;
	}
	free(copy);
	return n;
}

/* Every logged request carries exactly user-agent ua. */
static bool
crawl_all_ua(const char *log, const char *ua, int *lines)
{
	char *copy = xstrdup(log), *line, *save = NULL;
	bool ok = true;

	*lines = 0;
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f1 = strchr(line, '\t'), *f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
		char *f3 = f2 ? strchr(f2 + 1, '\t') : NULL;

		(*lines)++;
		if (f3 == NULL || (size_t)(f3 - f2 - 1) != strlen(ua) ||
		    strncmp(f2 + 1, ua, strlen(ua)) != 0)
			ok = false;
	}
	free(copy);
	return ok;
}

/* The status of unit id's criterion crit in the JSON export of conf. */
static char *
crawl_status(const char *conf, const char *id, const char *crit)
{
	char *bin = test_bin("tctt-dashboard"), *out, *err, *st = NULL;
	const char *argv[] = { bin, "-c", conf, "--export", "json", NULL };
	json_t *doc, *u;
	json_error_t jerr;
	size_t i;

	cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "%s", jerr.text);
	json_array_foreach(json_object_get(doc, "units"), i, u)
		if (strcmp(json_string_value(json_object_get(u, "id")), id) == 0)
			st = xstrdup(json_string_value(json_object_get(json_object_get(
			    json_object_get(u, "criteria"), crit), "status")));
	json_decref(doc);
	free(out);
	free(err);
	free(bin);
	cr_assert_not_null(st, "%s %s", id, crit);
	return st;
}

/* A compliant portal on a.test with twenty news pages and a tempting link to b.test. */
static void
crawl_portal_a(const char *root)
{
	struct buf home = { 0 };

	buf_puts(&home, "<html><body><nav><ul><li><a href=\"/tctt/\">Tiếp cận thông tin</a></li>"
	    "<li><a href=\"http://b.test/tiep-can-thong-tin/\">Tiếp cận thông tin của tỉnh</a></li>"
	    "</ul></nav><ul>");
	for (int i = 0; i < 20; i++)
		buf_printf(&home, "<li><a href=\"/tin/%d.html\">Tin số %d</a></li>", i, i);
	buf_puts(&home, "</ul></body></html>");
	free(test_write_file(root, "a.test/index.html", home.data));
	buf_free(&home);
	for (int i = 0; i < 20; i++) {
		char name[64];

		snprintf(name, sizeof name, "a.test/tin/%d.html", i);
		free(test_write_file(root, name, "<html><body><p>Tin.</p></body></html>"));
	}
	free(test_write_file(root, "a.test/tctt/index.html",
	    "<html><body><h1>Tiếp cận thông tin</h1><ul>"
	    "<li><a href=\"/qc.pdf\">Quy chế cung cấp thông tin</a> (01/03/2026)</li>"
	    "<li><a href=\"/dmck.pdf\">Danh mục thông tin phải được công khai</a> (01/10/2026)</li>"
	    "<li><a href=\"/dmdk.pdf\">Danh mục thông tin được tiếp cận có điều kiện</a> (01/10/2026)</li>"
	    "<li><a href=\"/tin/0.html\">Tin số 0</a></li>"
	    "</ul><h2>Đầu mối cung cấp thông tin</h2><p>Văn phòng Sở, điện thoại 0213 3876 225.</p>"
	    "<p>Tiếp nhận yêu cầu cung cấp thông tin qua thư điện tử: yeucau@a.test</p>"
	    "<p>Tiếp nhận phản ánh, kiến nghị: điện thoại 0213 3876 226</p>"
	    "<p>Mẫu số 01a: Phiếu yêu cầu cung cấp thông tin <a href=\"/m01a.doc\">Tải về</a></p>"
	    "<h2>Hướng dẫn yêu cầu cung cấp thông tin</h2><p>Người yêu cầu điền phiếu theo mẫu "
	    "và gửi qua thư điện tử hoặc trực tiếp tại Văn phòng Sở.</p>"
	    "</body></html>"));
	free(test_write_file(root, "a.test/m01a.doc", "form 01a"));
	free(test_write_file(root, "a.test/qc.pdf", "%PDF-1.4 qc"));
	free(test_write_file(root, "a.test/dmck.pdf", "%PDF-1.4 dmck"));
	free(test_write_file(root, "a.test/dmdk.pdf", "%PDF-1.4 dmdk"));
	free(test_write_file(root, "b.test/tiep-can-thong-tin/index.html",
	    "<html><body><h1>Tiếp cận thông tin</h1></body></html>"));
}

/* c.test: robots.txt forbids the section to our agent only. */
static void
crawl_portal_c(const char *root)
{
	free(test_write_file(root, "c.test/robots.txt",
	    "User-agent: *\nDisallow:\n\nUser-agent: tctt-audit\nDisallow: /private/\n"));
	free(test_write_file(root, "c.test/index.html",
	    "<html><body><nav><a href=\"/private/tctt.html\">Tiếp cận thông tin</a>"
	    "<a href=\"/gioi-thieu.html\">Giới thiệu</a></nav></body></html>"));
	free(test_write_file(root, "c.test/private/tctt.html",
	    "<html><body><h1>Tiếp cận thông tin</h1></body></html>"));
	free(test_write_file(root, "c.test/gioi-thieu.html", "<html><body><p>Giới thiệu.</p></body></html>"));
}

Test(crawl, stops_when_settled_stays_on_host_user_agent_and_robots)
{
	char *root = test_tmpdir(), *dir = test_tmpdir(), *text, *conf, *log, *st;
	struct fixsrv fs;
	long status;
	int lines;

	crawl_portal_a(root);
	crawl_portal_c(root);
	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "concurrency = 4\nper_host = 1\ntimeout = 5s\nretries = 0\nuser_agent = " UA "\n"
	    "[unit:a]\nname = A\nkind = agency\nurl = http://a.test/\n"
	    "[unit:c]\nname = C\nkind = agency\nurl = http://c.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	cr_assert_eq(crawl_once(conf), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);

	/* a.test: robots.txt, home, section, four documents; then it stops. */
	cr_expect_eq(crawl_count(log, "a.test", "/tin/"), 0,
	    "no news page once all nine are settled:\n%s", log);
	cr_expect_eq(crawl_count(log, "a.test", ""), 7, "%s", log);
	cr_expect_eq(crawl_count(log, "a.test", "/robots.txt"), 1);
	for (int c = 0; c < CRIT_COUNT; c++) {
		const char *id = crit_info((enum criterion)c)->id;

		st = crawl_status(conf, "a", id);
		cr_expect_str_eq(st, "ok", "%s", id);
		free(st);
	}
	/* It stays on the unit's host, however relevant the label elsewhere. */
	cr_expect_eq(crawl_count(log, "b.test", ""), 0, "%s", log);

	/* Our user_agent on every request, robots.txt included. */
	cr_expect(crawl_all_ua(log, UA, &lines), "%s", log);
	cr_expect_gt(lines, 6);

	/* robots = yes (the default): our agent's group is obeyed, the page never fetched. */
	cr_expect_eq(crawl_count(log, "c.test", "/robots.txt"), 1, "%s", log);
	cr_expect_eq(crawl_count(log, "c.test", "/private/"), 0, "%s", log);
	cr_expect_eq(crawl_count(log, "c.test", "/gioi-thieu.html"), 1, "%s", log);
	st = crawl_status(conf, "c", "section");
	cr_expect_str_eq(st, "missing", "a page robots.txt forbids is not evidence");
	free(st);
	free(log);

	/* robots = no: the page is fetched and the section found. */
	free(http_get(fs.port, "control", "/_fixsrv/reset", &status));
	free(text);
	free(conf);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "robots = no\ntimeout = 5s\nretries = 0\nuser_agent = " UA "\n"
	    "[unit:c]\nname = C\nkind = agency\nurl = http://c.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	cr_assert_eq(crawl_once(conf), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);
	cr_expect_eq(crawl_count(log, "c.test", "/robots.txt"), 0, "%s", log);
	cr_expect_eq(crawl_count(log, "c.test", "/private/tctt.html"), 1, "%s", log);
	st = crawl_status(conf, "c", "section");
	cr_expect_str_eq(st, "ok");
	free(st);
	free(log);
	fixsrv_stop(&fs);
	free(text);
	free(conf);
	free(root);
	free(dir);
}

Test(crawl, max_depth_and_max_pages)
{
	char *root = test_tmpdir(), *dir = test_tmpdir(), *text, *conf, *log;
	struct buf wide = { 0 };
	struct fixsrv fs;
	long status;

	/* d.test: a chain / -> /l1 -> /l2 -> /l3 -> /l4 */
	free(test_write_file(root, "d.test/index.html",
	    "<html><body><a href=\"/l1.html\">Trang 1</a></body></html>"));
	for (int i = 1; i <= 4; i++) {
		char name[32], *body = xasprintf("<html><body><a href=\"/l%d.html\">Trang %d</a>"
		    "</body></html>", i + 1, i + 1);

		snprintf(name, sizeof name, "d.test/l%d.html", i);
		free(test_write_file(root, name, body));
		free(body);
	}
	/* e.test: ten pages linked from the home page */
	buf_puts(&wide, "<html><body><ul>");
	for (int i = 0; i < 10; i++) {
		char name[32];

		buf_printf(&wide, "<li><a href=\"/p%d.html\">Trang %d</a></li>", i, i);
		snprintf(name, sizeof name, "e.test/p%d.html", i);
		free(test_write_file(root, name, "<html><body><p>x</p></body></html>"));
	}
	buf_puts(&wide, "</ul></body></html>");
	free(test_write_file(root, "e.test/index.html", wide.data));
	buf_free(&wide);

	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "robots = no\nmax_depth = 2\nmax_pages = 4\ntimeout = 5s\nretries = 0\n"
	    "[unit:d]\nname = D\nkind = agency\nurl = http://d.test/\n"
	    "[unit:e]\nname = E\nkind = agency\nurl = http://e.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	cr_assert_eq(crawl_once(conf), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);
	/* Links followed two deep from the home page: /, /l1, /l2; never /l3. */
	cr_expect_eq(crawl_count(log, "d.test", "/l2.html"), 1, "%s", log);
	cr_expect_eq(crawl_count(log, "d.test", "/l3.html"), 0, "%s", log);
	cr_expect_eq(crawl_count(log, "d.test", ""), 3, "%s", log);
	/* Four pages for one unit in one pass, the home page included. */
	cr_expect_eq(crawl_count(log, "e.test", ""), 4, "%s", log);
	free(log);
	fixsrv_stop(&fs);
	free(text);
	free(conf);
	free(root);
	free(dir);
}

/*
 * The unit's host is where its home page lives: when the configured address
 * redirects (http://r.test/ -> http://www.r.test/), the crawl follows the
 * portal there (the configured host stays its own too) and still never
 * leaves the two.
 */
Test(crawl, home_page_redirect_moves_the_units_host)
{
	char *root = test_tmpdir(), *dir = test_tmpdir(), *text, *conf, *log, *st;
	struct fixsrv fs;
	long status;

	free(test_write_file(root, "r.test/_rules", "/ redirect 301 http://www.r.test/\n"));
	free(test_write_file(root, "www.r.test/index.html",
	    "<html><body><nav><a href=\"/tctt/\">Tiếp cận thông tin</a>"
	    "<a href=\"http://other.test/tctt/\">Tiếp cận thông tin (tỉnh)</a></nav></body></html>"));
	free(test_write_file(root, "www.r.test/tctt/index.html",
	    "<html><body><h1>Tiếp cận thông tin</h1><ul>"
	    "<li><a href=\"/qc.pdf\">Quy chế cung cấp thông tin</a> (01/03/2026)</li></ul>"
	    "<h2>Đầu mối cung cấp thông tin</h2><p>Văn phòng, điện thoại 0213 3876 225.</p>"
	    "</body></html>"));
	free(test_write_file(root, "www.r.test/qc.pdf", "%PDF-1.4 qc"));
	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "robots = no\ntimeout = 5s\nretries = 0\n"
	    "[unit:r]\nname = R\nkind = agency\nurl = http://r.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	cr_assert_eq(crawl_once(conf), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);
	st = crawl_status(conf, "r", "section");
	cr_expect_str_eq(st, "ok", "%s", log);
	free(st);
	st = crawl_status(conf, "r", "focal_point");
	cr_expect_str_eq(st, "ok");
	free(st);
	cr_expect_eq(crawl_count(log, "www.r.test", "/qc.pdf"), 1, "%s", log);
	cr_expect_eq(crawl_count(log, "other.test", ""), 0, "%s", log);
	free(log);
	fixsrv_stop(&fs);
	free(text);
	free(conf);
	free(root);
	free(dir);
}

/* The URIs host was asked for, in order, one per line. */
static char *
crawl_order(const char *log, const char *host)
{
	char *copy = xstrdup(log), *line, *save = NULL;
	struct buf out = { 0 };

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t'), *end;

		if (tab == NULL || (size_t)(tab - line) != strlen(host) ||
		    strncmp(line, host, strlen(host)) != 0)
			continue;
		end = strchr(tab + 1, '\t');
		buf_printf(&out, "%.*s\n", (int)(end ? end - tab - 1 : (ptrdiff_t)strlen(tab + 1)),
		    tab + 1);
	}
	free(copy);
	buf_puts(&out, "");
	return buf_steal(&out);
}

/*
 * Every page repeats the site's menu, written the same or otherwise: each
 * page is fetched once, in the order of the priority its link had when
 * first seen (a link seen again with a better label keeps its place), and
 * what the menu leads off the host or to a feed is never fetched.
 */
Test(crawl, a_menu_on_every_page_keeps_the_order_of_the_first_offers)
{
	static const char menu[] = "<nav><a href=\"/a.html\">Giới thiệu</a>"
	    "<a href=\"/b.html#top\">Tin tức</a><a href=\"http://www.g.test/x.html\">Khác</a>"
	    "<a href=\"/feed/\">RSS</a><a href=\"mailto:vp@g.test\">Thư</a></nav>";
	static const char *const pages[][2] = {
		{ "g.test/index.html", "<p><a href=\"/c.html\">Ảnh hoạt động</a></p>" },
		{ "g.test/a.html", "<p><a href=\"/b.html\">Tiếp cận thông tin</a>"
		    "<a href=\"/d.html\">Tiếp cận thông tin</a></p>" },
		{ "g.test/b.html", "<p><a href=\"/e.html\">Tin số 1</a><a href=\"/A.html\">Giới thiệu</a></p>" },
		{ "g.test/c.html", "<p><a href=\"/a.html#2\">Giới thiệu</a><a href=\"/e.html\">Tin</a></p>" },
		{ "g.test/d.html", "<p>Trang.</p>" },
		{ "g.test/e.html", "<p><a href=\"/b.html\">Tiếp cận thông tin</a></p>" },
		{ "g.test/A.html", "<p>Trang.</p>" },
	};
	char *root = test_tmpdir(), *dir = test_tmpdir(), *text, *conf, *log, *order;
	struct fixsrv fs;
	long status;

	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char *body = xasprintf("<html><body>%s%s</body></html>", menu, pages[i][1]);

		free(test_write_file(root, pages[i][0], body));
		free(body);
	}
	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "robots = no\nper_host = 1\ntimeout = 5s\nretries = 0\n"
	    "[unit:g]\nname = G\nkind = agency\nurl = http://g.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	cr_assert_eq(crawl_once(conf), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);
	order = crawl_order(log, "g.test");
	/*
	 * d.html's label names the section: it goes before b.html, seen first
	 * as "Tin tức". b.html is a candidate section by a.html's label, so
	 * its links (e.html, A.html) go before c.html, queued earlier.
	 */
	cr_expect_str_eq(order, "/\n/a.html\n/d.html\n/b.html\n/e.html\n/A.html\n/c.html\n",
	    "%s", log);
	cr_expect_eq(crawl_count(log, "www.g.test", ""), 0, "%s", log);
	free(order);
	free(log);
	fixsrv_stop(&fs);
	free(text);
	free(conf);
	free(root);
	free(dir);
}

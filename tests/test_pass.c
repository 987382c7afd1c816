/*
 * test_pass.c: `tcttd --once` end to end: the real binary crawls fixture
 * portals served by fixsrv over HTTP, judges them and stores the verdicts;
 * the export is compared with the expected verdicts written beside them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <event2/event.h>
#include <jansson.h>
#include <sqlite3.h>

#include "config.h"
#include "dproc.h"
#include "extract.h"
#include "fetch.h"
#include "pass.h"
#include "store-corr.h"
#include "store.h"
#include "support.h"
#include "worker.h"
#include "xmalloc.h"

#define TODAY "2026-11-29T08:00:00+07:00"

/* Replace every "from" in s by "to"; caller frees. */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct buf b = { 0 };
	const char *p;

	while ((p = strstr(s, from)) != NULL) {
		buf_add(&b, s, (size_t)(p - s));
		buf_puts(&b, to);
		s = p + strlen(from);
	}
	buf_puts(&b, s);
	return buf_steal(&b);
}


/* Run tcttd with args after -c conf at TODAY; returns its exit status. */
static int
tcttd(const char *conf, const char *a1, const char *a2, const char *a3)
{
	char *bin = test_bin("tcttd"), *out, *err;
	const char *argv[] = { bin, "-c", conf, a1, a2, a3, NULL };
	int rc;

	setenv("TCTT_NOW", TODAY, 1);
	rc = run_cmd(argv, &out, &err);
	if (rc != 0)
		cr_log_info("tcttd exited %d: %s", rc, err);
	free(out);
	free(err);
	free(bin);
	return rc;
}

/* The export of conf's database, parsed. */
static json_t *
export(const char *conf)
{
	char *bin = test_bin("tctt-dashboard"), *out, *err;
	const char *argv[] = { bin, "-c", conf, "--export", "json", NULL };
	json_error_t jerr;
	json_t *doc;

	cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "%s", jerr.text);
	free(out);
	free(err);
	free(bin);
	return doc;
}

static json_t *
find_unit(json_t *doc, const char *id)
{
	json_t *units = json_object_get(doc, "units"), *u;
	size_t i;

	json_array_foreach(units, i, u)
		if (strcmp(json_string_value(json_object_get(u, "id")), id) == 0)
			return u;
	return NULL;
}

/* "ok-full.test" -> "ok-full-test" */
static char *
host_id(const char *host)
{
	char *id = xstrdup(host);

	for (char *p = id; *p; p++)
		if (*p == '.')
			*p = '-';
	return id;
}

/*
 * tcttd --once over HTTP on every portal of tests/SUB/ (served by fixsrv, with
 * the daemon keys of conf_extra), each verdict compared with tests/SUB/expected.txt.
 */
static void
fixtures_over_http(const char *sub, const char *conf_extra, int min_checked)
{
	char *root = test_srcdir(sub), *exp = xasprintf("%s/expected.txt", root);
	char *dir = test_tmpdir(), *text = test_read_file(exp, NULL), *line, *save = NULL;
	struct buf conf = { 0 }, hosts = { 0 };
	struct fixsrv fs;
	char *confpath;
	json_t *doc;
	int checked = 0, failed = 0;

	fixsrv_start(&fs, root);
	buf_printf(&conf, "[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 30s\nretries = 1\n%s", dir, fs.port, conf_extra);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char host[128], crit[64], status[32], date[32], path[512];

		if (line[0] == '#' || sscanf(line, "%127s %63s %31s %31s %511s", host,
		    crit, status, date, path) != 5)
			continue;
		if (strstr(hosts.data ? hosts.data : "", host) == NULL) {
			char *id = host_id(host);

			buf_printf(&hosts, " %s ", host);
			buf_printf(&conf, "[unit:%s]\nname = %s\nkind = agency\nurl = http://%s/\n",
			    id, host, host);
			free(id);
		}
	}
	free(text);
	confpath = test_write_file(dir, "t.conf", conf.data);
	cr_assert_eq(tcttd(confpath, "--once", NULL, NULL), 0);
	doc = export(confpath);

	text = test_read_file(exp, NULL);
	save = NULL;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char host[128], crit[64], status[32], date[32], path[512], *id;
		json_t *u, *c;
		const char *gs, *gd, *gu;

		if (line[0] == '#' || sscanf(line, "%127s %63s %31s %31s %511s", host,
		    crit, status, date, path) != 5)
			continue;
		id = host_id(host);
		u = find_unit(doc, id);
		cr_assert_not_null(u, "%s", id);
		c = json_object_get(json_object_get(u, "criteria"), crit);
		gs = json_string_value(json_object_get(c, "status"));
		gd = json_string_value(json_object_get(c, "date"));
		gu = json_string_value(json_object_get(c, "url"));
		checked++;
		if (strcmp(gs, status) != 0 ||
		    (strcmp(date, "-") != 0 && (gd == NULL || strcmp(gd, date) != 0)) ||
		    (strcmp(path, "-") != 0 && (gu == NULL ||
		    strlen(gu) < strlen(path) || strcmp(gu + strlen(gu) - strlen(path), path) != 0))) {
			failed++;
			cr_log_error("%s %s: expected %s %s %s, got %s %s %s", host, crit,
			    status, date, path, gs, gd ? gd : "-", gu ? gu : "-");
		}
		free(id);
	}
	cr_expect_geq(checked, min_checked);
	cr_expect_eq(failed, 0, "%d of %d fixture verdicts differ over HTTP", failed, checked);
	json_decref(doc);
	free(text);
	fixsrv_stop(&fs);
	buf_free(&conf);
	buf_free(&hosts);
	free(confpath);
	free(root);
	free(exp);
	free(dir);
}

Test(pass, fixture_province_over_http)
{
	fixtures_over_http("province", "", 51);
}

/* The same verdicts with the pages processed on the loop (workers = 0) as on the worker thread. */
Test(pass, fixture_province_over_http_without_the_worker_thread)
{
	fixtures_over_http("province", "workers = 0\n", 51);
}

/* Portals rendered by real CMSs (tests/realcms/), with the crawl budget of the demo and conf/tctt.conf. */
Test(pass, real_cms_portals_over_http)
{
	fixtures_over_http("realcms", "max_pages = 60\nmax_depth = 4\n", 55);
}

Test(pass, demo_province_matches_expected)
{
	char *root = test_srcdir("../conf/demo/portals"), *confsrc = test_srcdir("../conf/demo/tctt.conf");
	char *expsrc = test_srcdir("../conf/demo/EXPECTED.md");
	char *dir = test_tmpdir(), *text = test_read_file(confsrc, NULL), *conf, *tmp, *port, *db;
	char *exp = test_read_file(expsrc, NULL), *line, *save = NULL, *confpath;
	struct fixsrv fs;
	json_t *doc;
	int checked = 0;

	fixsrv_start(&fs, root);
	port = xasprintf("127.0.0.1:%d", fs.port);
	db = xasprintf("%s/demo", dir);
	mkdir(db, 0755);
	tmp = replace_all(text, "127.0.0.1:18080", port);
	conf = replace_all(tmp, "build/demo", db);
	confpath = test_write_file(dir, "demo.conf", conf);
	cr_assert_eq(tcttd(confpath, "--once", NULL, NULL), 0);
	doc = export(confpath);
	/* The summary table: | `id` | host | section | ... | guidance | score |, criteria in table order */
	_Static_assert(CRIT_COUNT == 9, "EXPECTED.md has a column per criterion");
	for (line = strtok_r(exp, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char id[64], st[CRIT_COUNT][32];
		json_t *u;

		if (sscanf(line, "| `%63[a-z0-9-]` | %*s | %31[a-z*] | %31[a-z*] | %31[a-z*] | "
		    "%31[a-z*] | %31[a-z*] | %31[a-z*] | %31[a-z*] | %31[a-z*] | %31[a-z*] |", id,
		    st[0], st[1], st[2], st[3], st[4], st[5], st[6], st[7], st[8]) != 1 + CRIT_COUNT)
			continue;
		u = find_unit(doc, id);
		cr_assert_not_null(u, "%s", id);
		for (int c = 0; c < CRIT_COUNT; c++) {
			const char *crit = crit_info((enum criterion)c)->id;
			const char *want = st[c][0] == '*' ? st[c] + 2 : st[c];
			char w[32];
			const char *got = json_string_value(json_object_get(json_object_get(
			    json_object_get(u, "criteria"), crit), "status"));

			snprintf(w, sizeof w, "%s", want);
			w[strcspn(w, "*")] = '\0';
			cr_expect_str_eq(got, w, "%s %s", id, crit);
			checked++;
		}
	}
	cr_expect_eq(checked, 19 * CRIT_COUNT);
	json_decref(doc);
	fixsrv_stop(&fs);
	free(root);
	free(confsrc);
	free(expsrc);
	free(text);
	free(tmp);
	free(conf);
	free(port);
	free(db);
	free(exp);
	free(confpath);
	free(dir);
}

/* A small portal whose pages carry validators. */
static char *
small_portal(void)
{
	char *root = test_tmpdir();

	free(test_write_file(root, "a.test/index.html",
	    "<html><body><nav><ul><li><a href=\"/tctt/\">Tiếp cận thông tin</a></li></ul></nav>"
	    "<p>Trang chủ</p></body></html>"));
	free(test_write_file(root, "a.test/tctt/index.html",
	    "<html><body><nav><ul><li><a href=\"/tctt/\">Tiếp cận thông tin</a></li></ul></nav>"
	    "<h1>Tiếp cận thông tin</h1><ul>"
	    "<li><a href=\"/qc.pdf\">Quy chế cung cấp thông tin cho công dân</a> (01/03/2026)</li>"
	    "<li><a href=\"/dmck.pdf\">Danh mục thông tin phải được công khai</a> (01/10/2026)</li>"
	    "<li><a href=\"/dmdk.pdf\">Danh mục thông tin được tiếp cận có điều kiện</a> (01/10/2026)</li>"
	    "</ul><h2>Đầu mối cung cấp thông tin</h2>"
	    "<p>Văn phòng là đầu mối cung cấp thông tin. Điện thoại: 0213 3876 225.</p>"
	    "<p>Tiếp nhận yêu cầu cung cấp thông tin qua thư điện tử: yeucau@a.test</p>"
	    "<p>Tiếp nhận phản ánh, kiến nghị về cung cấp thông tin: điện thoại 0213 3876 226</p>"
	    "<p><a href=\"/m01a.doc\">Mẫu số 01a: Phiếu yêu cầu cung cấp thông tin</a></p>"
	    "<p><a href=\"/hd.pdf\">Hướng dẫn khai thác thông tin</a></p>"
	    "</body></html>"));
	free(test_write_file(root, "a.test/m01a.doc", "form 01a"));
	free(test_write_file(root, "a.test/hd.pdf", "%PDF-1.4 huong dan"));
	free(test_write_file(root, "a.test/qc.pdf", "%PDF-1.4 quy che"));
	free(test_write_file(root, "a.test/dmck.pdf", "%PDF-1.4 dmck"));
	free(test_write_file(root, "a.test/dmdk.pdf", "%PDF-1.4 dmdk"));
	free(test_write_file(root, "a.test/_rules",
	    "* etag \"v1\"\n* last-modified Mon, 02 Nov 2026 10:00:00 GMT\n"));
	return root;
}

static char *
small_conf(const char *dir, int port)
{
	char *text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 3s\nretries = 0\n"
	    "[unit:a]\nname = Đơn vị A\nkind = agency\nurl = http://a.test/\n"
	    "[unit:b]\nname = Đơn vị B\nkind = agency\nurl = http://b.test/\n", dir, port);
	char *path = test_write_file(dir, "t.conf", text);

	free(text);
	return path;
}

static const char *
status_of(json_t *doc, const char *id, const char *crit)
{
	return json_string_value(json_object_get(json_object_get(json_object_get(
	    find_unit(doc, id), "criteria"), crit), "status"));
}

Test(pass, second_pass_revalidates_and_history_does_not_grow)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *log, *db;
	struct fixsrv fs;
	struct store *st;
	struct unit_state u;
	struct history_entry *h;
	size_t n1, n2;
	char *cause;
	json_t *doc;
	long status;

	fixsrv_start(&fs, root);
	conf = small_conf(dir, fs.port);
	db = xasprintf("%s/t.db", dir);
	cr_assert_eq(tcttd(conf, "--once", "--unit", "a"), 0);
	doc = export(conf);
	for (int c = 0; c < CRIT_COUNT; c++) {
		const char *id = crit_info((enum criterion)c)->id;

		cr_expect_str_eq(status_of(doc, "a", id), "ok", "%s", id);
	}
	cr_expect_str_eq(status_of(doc, "b", "section"), "not_checked", "--unit checks one unit");
	json_decref(doc);
	cr_assert_eq(store_open(db, STORE_READONLY, &st, &cause), 0);
	cr_assert_eq(store_history(st, "a", &h, &n1, &cause), 0);
	history_free(h, n1);
	store_close(st);

	free(http_get(fs.port, "control", "/_fixsrv/reset", &status));
	cr_assert_eq(tcttd(conf, "--once", "--unit", "a"), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);
	cr_expect(strstr(log, "\t\"v1\"\t") != NULL, "no If-None-Match on the second pass:\n%s", log);
	free(log);
	cr_assert_eq(store_open(db, STORE_READONLY, &st, &cause), 0);
	cr_assert_eq(store_history(st, "a", &h, &n2, &cause), 0);
	cr_expect_eq(n2, n1, "an unchanged portal adds no history rows");
	history_free(h, n2);
	cr_assert_eq(store_unit(st, "a", &u, &cause), 1);
	cr_expect_eq(u.score, 100, "304 pages judged from the cached extraction");
	unit_state_clear(&u);
	store_close(st);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

Test(pass, unreachable_portal_keeps_last_good_evidence)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *db;
	struct fixsrv fs;
	struct store *st;
	struct history_entry *h;
	size_t n;
	char *cause;
	json_t *doc;
	int ok_rows = 0;

	fixsrv_start(&fs, root);
	conf = small_conf(dir, fs.port);
	db = xasprintf("%s/t.db", dir);
	cr_assert_eq(tcttd(conf, "--once", "--unit", "a"), 0);
	free(test_write_file(root, "a.test/_rules", "* status 503\n"));
	setenv("TCTT_NOW", "2026-11-30T08:00:00+07:00", 1);
	{
		char *bin = test_bin("tcttd"), *out, *err;
		const char *argv[] = { bin, "-c", conf, "--once", NULL };

		cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
		free(out);
		free(err);
		free(bin);
	}
	doc = export(conf);
	cr_expect_str_eq(status_of(doc, "a", "section"), "unreachable");
	cr_expect_str_eq(status_of(doc, "a", "focal_point"), "unreachable");
	cr_expect(json_is_false(json_object_get(find_unit(doc, "a"), "reachable")));
	cr_expect_str_eq(status_of(doc, "b", "regulation"), "unreachable",
	    "a host that is not served at all");
	json_decref(doc);
	cr_assert_eq(store_open(db, STORE_READONLY, &st, &cause), 0);
	cr_assert_eq(store_history(st, "a", &h, &n, &cause), 0);
	for (size_t i = 0; i < n; i++)
		ok_rows += h[i].v.status == ST_OK && h[i].v.url != NULL;
	cr_expect_eq(ok_rows, CRIT_COUNT, "the last good evidence stays in history");
	history_free(h, n);
	store_close(st);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/* The score of unit a after one pass over the small portal with its forms gone, under rules. */
static long
score_without_forms(const char *rules)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *text;
	struct fixsrv fs;
	json_t *doc;
	long score;

	free(test_write_file(root, "a.test/_rules", "/m01a.doc status 404\n"));
	fixsrv_start(&fs, root);
	text = xasprintf("%s[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 3s\nretries = 0\n[unit:a]\nname = A\nkind = agency\nurl = http://a.test/\n",
	    rules, dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	cr_assert_eq(tcttd(conf, "--once", NULL, NULL), 0);
	doc = export(conf);
	cr_expect_str_eq(status_of(doc, "a", "forms"), "missing", "judged and shown either way");
	cr_expect_str_eq(status_of(doc, "a", "guidance"), "ok");
	score = (long)json_integer_value(json_object_get(find_unit(doc, "a"), "score"));
	json_decref(doc);
	fixsrv_stop(&fs);
	free(text);
	free(conf);
	free(root);
	free(dir);
	return score;
}

Test(pass, score_counts_the_criteria_of_rules)
{
	cr_expect_eq(score_without_forms(""), 88, "8 of the nine by default");
	cr_expect_eq(score_without_forms("[rules]\ncriteria = section regulation public_catalog "
	    "conditional_catalog focal_point guidance\n"), 100, "the forms do not count");
}

/* Run SQL on the database at path. */
static void
db_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK, "%s", err);
	sqlite3_close(db);
}

/* Lines of the fixture server's log for host a.test and uri. */
static int
log_count(const char *log, const char *uri, bool conditional)
{
	char *copy = xstrdup(log), *line, *save = NULL;
	int n = 0;

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char host[64], u[256], ua[256], inm[64];

		if (sscanf(line, "%63[^\t]\t%255[^\t]\t%255[^\t]\t%63[^\t]", host, u, ua,
		    inm) != 4 || strcmp(host, "a.test") != 0 || strcmp(u, uri) != 0)
			continue;
		n += conditional == (strcmp(inm, "-") != 0);
	}
	free(copy);
	return n;
}

/*
 * A 304 whose cached extraction cannot be used (here: made by an older
 * extractor) is fetched again without validators, judged, and its cache row
 * rewritten, instead of counting as a failure until the ETag changes.
 */
Test(pass, unusable_cached_extraction_is_fetched_again)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *log, *db, *sql;
	struct fixsrv fs;
	struct store *st;
	struct unit_state u;
	struct fetch_state fst;
	struct extracted *ex;
	char *cause;
	long status;

	fixsrv_start(&fs, root);
	conf = small_conf(dir, fs.port);
	db = xasprintf("%s/t.db", dir);
	cr_assert_eq(tcttd(conf, "--once", "--unit", "a"), 0);
	/* The blobs of the extractor before this one. */
	sql = xasprintf("UPDATE fetch_state SET extracted = X'54435831' || X'%02x000000'"
	    " || substr(extracted, 9)", EXTRACT_VERSION - 1);
	db_exec(db, sql);
	free(sql);
	free(http_get(fs.port, "control", "/_fixsrv/reset", &status));
	cr_assert_eq(tcttd(conf, "--once", "--unit", "a"), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);
	cr_expect_eq(log_count(log, "/", true), 1, "revalidated first:\n%s", log);
	cr_expect_eq(log_count(log, "/", false), 1, "then fetched without validators:\n%s", log);
	free(log);
	cr_assert_eq(store_open(db, STORE_READONLY, &st, &cause), 0);
	cr_assert_eq(store_unit(st, "a", &u, &cause), 1);
	cr_expect(u.reachable, "a 304 with an unusable cache is not a failure");
	cr_expect_eq(u.score, 100);
	unit_state_clear(&u);
	cr_assert_eq(store_get_fetch_state(st, "http://a.test/", &fst, &cause), 1);
	ex = extract_deserialize(fst.extracted, fst.extracted_len, &cause);
	cr_expect_not_null(ex, "the cache row is rewritten by this extractor: %s", cause);
	extracted_free(ex);
	fetch_state_clear(&fst);
	store_close(st);

	/* A third pass revalidates again and needs no second request. */
	free(http_get(fs.port, "control", "/_fixsrv/reset", &status));
	cr_assert_eq(tcttd(conf, "--once", "--unit", "a"), 0);
	log = http_get(fs.port, "control", "/_fixsrv/log", &status);
	cr_expect_eq(log_count(log, "/", true), 1, "%s", log);
	cr_expect_eq(log_count(log, "/", false), 0, "%s", log);
	free(log);
	fixsrv_stop(&fs);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

static void
count_done_cb(const char *unit_id, const struct pass_result *pr, int save_rc, void *arg)
{
	int *calls = arg;

	(void)unit_id;
	cr_expect_not(pr->reachable);
	cr_expect_eq(save_rc, 0);
	(*calls)++;
}

/* A pass over at once (a home URL the crawler cannot use) is stored and reported, and freed once. */
Test(pass, bad_home_url_finishes_at_once_without_use_after_free)
{
	char *dir = test_tmpdir(), *db = xasprintf("%s/t.db", dir), *text, *cause = NULL;
	struct config *cfg;
	struct store *st;
	struct event_base *base = event_base_new();
	struct fetcher *f;
	int calls = 0;

	text = xasprintf("[daemon]\ndatabase = %s\n[unit:a]\nname = A\nkind = agency\n"
	    "url = http://a.test/\n", db);
	cr_assert_eq(config_load_string("t.conf", text, &cfg, &cause), 0, "%s", cause);
	/* What the configuration check lets through but the frontier refuses. */
	free(cfg->units[0].url);
	cfg->units[0].url = xstrdup("ftp://a.test/");
	cr_assert_eq(store_open(db, 0, &st, &cause), 0, "%s", cause);
	cr_assert_eq(store_sync_units(st, cfg, 1, &cause), 0, "%s", cause);
	f = fetcher_new(base, cfg);
	cr_expect_null(pass_start(f, NULL, st, cfg, &cfg->units[0], 1, count_done_cb, &calls));
	cr_expect_eq(calls, 1);
	fetcher_free(f);
	event_base_free(base);
	store_close(st);
	config_free(cfg);
	free(text);
	free(db);
	free(dir);
}

/* A page cut at max_bytes is still read and judged: what came before the cut counts. */
Test(pass, page_cut_by_max_bytes_is_still_judged)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *db, *page, *text;
	struct buf pad = { 0 };
	struct fixsrv fs;
	struct store *st;
	struct unit_state u;
	char *cause;

	/* The section page, then 64 KiB of filler the crawler never needs. */
	text = xasprintf("%s/a.test/tctt/index.html", root);
	page = test_read_file(text, NULL);
	free(text);
	buf_puts(&pad, page);
	buf_puts(&pad, "<p>");
	for (int i = 0; i < 64 * 1024 / 16; i++)
		buf_puts(&pad, "phần đệm thêm. ");
	buf_puts(&pad, "</p>");
	buf_putc(&pad, '\0');
	free(test_write_file(root, "a.test/tctt/index.html", pad.data));
	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 3s\nretries = 0\nmax_bytes = 8K\n"
	    "[unit:a]\nname = Đơn vị A\nkind = agency\nurl = http://a.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	db = xasprintf("%s/t.db", dir);
	cr_assert_eq(tcttd(conf, "--once", NULL, NULL), 0);
	cr_assert_eq(store_open(db, STORE_READONLY, &st, &cause), 0);
	cr_assert_eq(store_unit(st, "a", &u, &cause), 1);
	cr_expect(u.reachable);
	cr_expect_eq(u.score, 100, "the cut page's criteria are judged");
	unit_state_clear(&u);
	store_close(st);
	fixsrv_stop(&fs);
	buf_free(&pad);
	free(page);
	free(text);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/*
 * Many units: `tcttd --once` runs at most concurrency / per_host passes at
 * once (the daemon's rule, sched_max_passes), so each unit's connections are
 * reused for its pages instead of being pushed out of the cache by the
 * other units' hosts.
 */
Test(pass, many_units_bounded_passes_reuse_connections)
{
	char *root = test_tmpdir(), *dir = test_tmpdir(), *conf, *bin = test_bin("tcttd");
	struct buf b = { 0 };
	struct fixsrv fs;
	unsigned long passes = 0, most = 0, requests = 0, conns = 0;
	const char *line;
	char *out, *err;
	int rc;

	for (int h = 0; h < 30; h++) {
		char *path = xasprintf("u%d.test/index.html", h);

		free(test_write_file(root, path, "<html><body><a href='/p1.html'>1</a>"
		    "<a href='/p2.html'>2</a><a href='/p3.html'>3</a><a href='/p4.html'>4</a>"
		    "<a href='/p5.html'>5</a></body></html>"));
		free(path);
		for (int p = 1; p <= 5; p++) {
			path = xasprintf("u%d.test/p%d.html", h, p);
			free(test_write_file(root, path, "<html><body><p>Trang tin.</p></body></html>"));
			free(path);
		}
	}
	fixsrv_start(&fs, root);
	buf_printf(&b, "[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "concurrency = 4\nper_host = 2\nrobots = no\ntimeout = 30s\nretries = 0\n", dir, fs.port);
	for (int h = 0; h < 30; h++)
		buf_printf(&b, "[unit:u%d]\nname = Đơn vị %d\nkind = commune\nurl = http://u%d.test/\n",
		    h, h, h);
	conf = test_write_file(dir, "t.conf", b.data);
	{
		const char *argv[] = { bin, "-c", conf, "--once", NULL };

		setenv("TCTT_NOW", TODAY, 1);
		rc = run_cmd(argv, &out, &err);
	}
	cr_assert_eq(rc, 0, "%s", err);
	line = strstr(err, " passes, at most ");
	cr_assert_not_null(line, "%s", err);
	while (line > err && line[-1] >= '0' && line[-1] <= '9')
		line--;
	cr_assert_eq(sscanf(line, "%lu passes, at most %lu at once; %lu requests over %lu",
	    &passes, &most, &requests, &conns), 4, "%s", line);
	cr_expect_eq(passes, 30);
	cr_expect_eq(most, 2, "concurrency / per_host passes at once");
	cr_expect_eq(requests, 30 * 6);
	cr_expect_leq(conns, 30 * 2, "%lu connections for %lu requests", conns, requests);
	fixsrv_stop(&fs);
	buf_free(&b);
	free(out);
	free(err);
	free(conf);
	free(bin);
	free(root);
	free(dir);
}

/*
 * A page of the unit (not its home page) that redirects to another host is
 * not followed there: the crawl stays on the unit's host (SPEC), so what
 * the other host serves is never evidence, and its links are not crawled.
 */
Test(pass, a_page_redirecting_to_another_host_is_not_followed)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *db, *text, *page;
	struct fixsrv fs;
	struct store *st;
	struct unit_state u;
	char *cause;
	long requests = 0;
	int max_inflight;

	/* The section moved to other.test, with its documents. */
	text = xasprintf("%s/a.test/tctt/index.html", root);
	page = test_read_file(text, NULL);
	free(text);
	free(test_write_file(root, "other.test/tctt/index.html", page));
	free(test_write_file(root, "other.test/qc.pdf", "%PDF-1.4 quy che"));
	free(test_write_file(root, "a.test/_rules",
	    "/tctt/ redirect 302 http://other.test/tctt/\n"));
	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 3s\nretries = 0\n"
	    "[unit:a]\nname = Đơn vị A\nkind = agency\nurl = http://a.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	db = xasprintf("%s/t.db", dir);
	cr_assert_eq(tcttd(conf, "--once", NULL, NULL), 0);
	cr_assert_eq(store_open(db, STORE_READONLY, &st, &cause), 0);
	cr_assert_eq(store_unit(st, "a", &u, &cause), 1);
	cr_expect(u.reachable);
	cr_expect_neq(u.v[CRIT_SECTION].status, ST_OK, "the section is off the unit's host");
	for (int c = 0; c < CRIT_COUNT; c++)
		cr_expect(u.v[c].url == NULL || strstr(u.v[c].url, "other.test") == NULL,
		    "%s: %s", crit_info((enum criterion)c)->id, u.v[c].url);
	/* At most the redirect's own target was asked for; none of its links. */
	fixsrv_host_stats(&fs, "other.test", &requests, &max_inflight);
	cr_expect_leq(requests, 1);
	unit_state_clear(&u);
	store_close(st);
	fixsrv_stop(&fs);
	free(page);
	free(text);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/*
 * A hinted URL of the unit's host that redirects to another host is
 * followed: the secretariat's hints may lead anywhere (SPEC "Corrections").
 */
Test(pass, a_hint_redirecting_to_another_host_is_followed)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *db, *text;
	char *bin = test_bin("tcttd"), *out, *err, *cause = NULL;
	const char *argv[] = { bin, "-v", "-c", NULL, "--once", NULL };
	struct corr_who w = { .user = "t", .client = "127.0.0.1", .action = "hint",
	    .unit_id = "a", .criterion = "regulation" };
	struct fixsrv fs;
	struct store *st;

	free(test_write_file(root, "other.test/vb/quy-che.html",
	    "<html><body><h1>Quy chế cung cấp thông tin</h1></body></html>"));
	free(test_write_file(root, "a.test/_rules",
	    "/quy-che redirect 302 http://other.test/vb/quy-che.html\n"));
	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 30s\nretries = 0\n"
	    "[unit:a]\nname = Đơn vị A\nkind = agency\nurl = http://a.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	db = xasprintf("%s/t.db", dir);
	cr_assert_eq(tcttd(conf, "--once", NULL, NULL), 0);
	cr_assert_eq(store_open(db, 0, &st, &cause), 0, "%s", cause);
	cr_assert_eq(corr_hint(st, &w, "http://a.test/quy-che", NULL, 1795914000, &cause), 0,
	    "%s", cause);
	store_close(st);
	argv[3] = conf;
	setenv("TCTT_NOW", TODAY, 1);
	cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(err, "hinted http://a.test/quy-che") != NULL, "%s", err);
	cr_expect(strstr(err, "not followed") == NULL, "%s", err);
	fixsrv_stop(&fs);
	free(out);
	free(err);
	free(bin);
	free(text);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

/*
 * A pass that cannot be stored keeps none of its cache rows: were they kept,
 * its pages would answer 304 next time and their bodies, never archived,
 * could not become evidence.
 */
Test(pass, a_pass_not_stored_keeps_no_cache_rows)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *db, *text;
	struct fixsrv fs;

	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 30s\nretries = 0\n"
	    "[unit:a]\nname = Đơn vị A\nkind = agency\nurl = http://a.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	db = xasprintf("%s/t.db", dir);
	cr_assert_eq(tcttd(conf, "--once", NULL, NULL), 0);
	sql_exec(db, "DELETE FROM fetch_state; DELETE FROM evidence_archive;"
	    "CREATE TRIGGER refuse BEFORE INSERT ON pass"
	    " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	cr_assert_eq(tcttd(conf, "--once", NULL, NULL), 1, "the pass is not stored");
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM fetch_state"), 0);
	sql_exec(db, "DROP TRIGGER refuse");
	cr_assert_eq(tcttd(conf, "--once", NULL, NULL), 0);
	cr_expect_gt(sql_int(db, "SELECT COUNT(*) FROM evidence_archive"), 0,
	    "the next pass fetched the bodies again and archived its evidence");
	fixsrv_stop(&fs);
	free(text);
	free(conf);
	free(db);
	free(root);
	free(dir);
}

static void
never_done_cb(const char *unit_id, const struct pass_result *pr, int save_rc, void *arg)
{
	int *calls = arg;

	(void)unit_id;
	(void)pr;
	(void)save_rc;
	(*calls)++;
}

/*
 * A pass cancelled while the worker holds some of its pages takes them back
 * and frees them (LSan), never calls back, and stores nothing but whole
 * cache rows of the pages it had finished.
 */
Test(pass, cancelled_while_the_worker_holds_its_pages, .timeout = 60)
{
	char *root = test_srcdir("province"), *dir = test_tmpdir(), *db, *text, *cause = NULL;
	struct config *cfg;
	struct store *st;
	struct event_base *base = event_base_new();
	struct fetcher *f;
	struct worker *w;
	struct pass *p;
	struct fixsrv fs;
	int calls = 0;

	fixsrv_start(&fs, root);
	db = xasprintf("%s/t.db", dir);
	text = xasprintf("[daemon]\ndatabase = %s\nconnect_to = ::127.0.0.1:%d\nper_host = 4\n"
	    "[unit:a]\nname = A\nkind = agency\nurl = http://ok-full.test/\n", db, fs.port);
	cr_assert_eq(config_load_string("t.conf", text, &cfg, &cause), 0, "%s", cause);
	cr_assert_eq(store_open(db, 0, &st, &cause), 0, "%s", cause);
	cr_assert_eq(store_sync_units(st, cfg, 1, &cause), 0, "%s", cause);
	f = fetcher_new(base, cfg);
	w = worker_new(base, 1);
	p = pass_start(f, w, st, cfg, &cfg->units[0], 1, never_done_cb, &calls);
	cr_assert_not_null(p);
	/* Until a fetched page is at the worker (queued, in hand, or done and not called back). */
	while (worker_pending(w) == 0 && calls == 0)
		cr_assert_eq(event_base_loop(base, EVLOOP_ONCE), 0);
	cr_assert_eq(calls, 0, "the pass ended before any page reached the worker");
	pass_cancel(p);
	cr_expect_eq(worker_pending(w), 0, "the worker holds nothing of the pass");
	worker_free(w);
	fetcher_free(f);
	event_base_free(base);
	cr_expect_eq(calls, 0);
	store_close(st);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM pass"), 0);
	cr_expect_eq(sql_int(db, "SELECT COUNT(*) FROM fetch_state WHERE extracted IS NULL"), 0);
	fixsrv_stop(&fs);
	config_free(cfg);
	free(text);
	free(db);
	free(dir);
	free(root);
}

/* tcttd --once with TCTT_STAGE_CPU=1 and conf; the stage line's parse and other-threads figures. */
static void
stage_line(const char *conf, double *parse, double *others)
{
	char *bin = test_bin("tcttd"), *out, *err, *line;
	const char *argv[] = { bin, "-c", conf, "--once", NULL };

	setenv("TCTT_NOW", TODAY, 1);
	setenv("TCTT_STAGE_CPU", "1", 1);
	cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	unsetenv("TCTT_STAGE_CPU");
	line = strstr(err, "cpu us per page over");
	cr_assert_not_null(line, "%s", err);
	cr_assert_not_null(strstr(line, " parse "), "%s", line);
	*parse = strtod(strstr(line, " parse ") + 7, NULL);
	cr_assert_not_null(strstr(line, "on other threads "), "%s", line);
	*others = strtod(strstr(line, "on other threads ") + 17, NULL);
	free(out);
	free(err);
	free(bin);
}

/* The stage figures count the worker thread's CPU: libxml2's parse runs only there. */
Test(pass, stage_cpu_counts_the_worker_thread)
{
	char *root = small_portal(), *dir = test_tmpdir(), *conf, *text;
	struct fixsrv fs;
	double parse, others;

	fixsrv_start(&fs, root);
	for (int workers = 1; workers >= 0; workers--) {
		text = xasprintf("[daemon]\ndatabase = %s/t%d.db\nconnect_to = ::127.0.0.1:%d\n"
		    "workers = %d\n[unit:a]\nname = A\nkind = agency\nurl = http://a.test/\n",
		    dir, workers, fs.port, workers);
		conf = test_write_file(dir, "t.conf", text);
		stage_line(conf, &parse, &others);
		cr_expect_gt(parse, 0, "workers = %d: the parse is counted", workers);
		if (workers == 1)
			cr_expect_gt(others, 0, "the worker's CPU is counted");
		else
			cr_expect_eq(others, 0, "no other thread");
		free(text);
		free(conf);
	}
	fixsrv_stop(&fs);
	free(root);
	free(dir);
}

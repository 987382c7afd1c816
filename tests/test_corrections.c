/*
 * test_corrections.c: the secretariat's actions over HTTP against the real
 * tctt-dashboard: each action done, each refusal (viewer, token, origin,
 * values, expired verdict), the export's manual fields, the audit log's
 * triggers, the evidence archive served as it was seen.
 */
#include <crypt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <jansson.h>
#include <sqlite3.h>

#include "config.h"
#include "dashboard.h"
#include "dashfix.h"
#include "store-corr.h"
#include "support.h"
#include "xmalloc.h"

#define EDITOR	"vanphong:mật khẩu biên tập"
#define VIEWER	"xem:chỉ xem thôi"

/* "name:$y$...:role\n" for password; caller frees. */
static char *
user_line(const char *name, const char *password, const char *role)
{
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], *line;
	const char *h;

	cr_assert(crypt_gensalt_rn("$y$", 1, NULL, 0, salt, sizeof salt) != NULL);
	h = crypt_rn(password, salt, cd, (int)sizeof *cd);
	cr_assert(h != NULL);
	line = role != NULL ? xasprintf("%s:%s:%s\n", name, h, role) :
	    xasprintf("%s:%s\n", name, h);
	free(cd);
	return line;
}

/* A dashboard with an editor and a viewer. */
static void
start_with_roles(struct dashsrv *s)
{
	char *e = user_line("vanphong", "mật khẩu biên tập", "editor");
	char *v = user_line("xem", "chỉ xem thôi", NULL);
	char *both = xasprintf("%s%s", e, v);

	dashfix_setup(s, both, 1);
	free(e);
	free(v);
	free(both);
	dashsrv_start(s);
}

static size_t
sink_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	buf_add(arg, data, size * nmemb);
	return size * nmemb;
}

/*
 * POST form (already encoded) to path as userpwd, with header (an Origin or
 * Referer, or NULL for none); body returned (caller frees), status and headers.
 */
static char *
post(struct dashsrv *s, const char *path, const char *userpwd, const char *header,
    const char *form, long *status, char **headers)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = NULL;
	struct buf b = { 0 }, h = { 0 };
	char *url = xasprintf("http://127.0.0.1:%d%s", s->port, path);

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, sink_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	curl_easy_setopt(c, CURLOPT_USERPWD, userpwd);
	if (header != NULL)
		hdr = curl_slist_append(hdr, header);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	*status = 0;
	cr_assert_eq(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	free(url);
	if (headers != NULL)
		*headers = buf_steal(&h);
	buf_free(&h);
	return buf_steal(&b);
}

/* The Origin header a browser on the dashboard's page sends; caller frees. */
static char *
origin(struct dashsrv *s)
{
	return xasprintf("Origin: http://127.0.0.1:%d", s->port);
}

/* The form token on the unit page for userpwd (caller frees); NULL when there is no form. */
static char *
token(struct dashsrv *s, const char *userpwd)
{
	long status;
	char *b = dash_http(s->port, "GET", "/unit/stp", userpwd, NULL, &status, NULL);
	const char *mark = "name=\"csrf\" value=\"", *p = strstr(b, mark);
	char *t = NULL;

	cr_assert_eq(status, 200);
	if (p != NULL) {
		p += strlen(mark);
		t = xstrndup(p, strcspn(p, "\""));
	}
	free(b);
	return t;
}

/* Post as the editor from our own page, with a good token; the status. */
static long
act(struct dashsrv *s, const char *path, const char *fields, char **headers)
{
	char *tok = token(s, EDITOR), *o = origin(s);
	char *form = xasprintf("csrf=%s&%s", tok, fields);
	long status;

	free(post(s, path, EDITOR, o, form, &status, headers));
	free(tok);
	free(o);
	free(form);
	return status;
}

static long long
sql_int(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Run sql; the sqlite result code and its message in *err (caller frees). */
static int
sql_exec(const char *db, const char *sql, char **err)
{
	sqlite3 *h;
	char *e = NULL;
	int rc;

	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	rc = sqlite3_exec(h, sql, NULL, NULL, &e);
	*err = xstrdup(e != NULL ? e : "");
	sqlite3_free(e);
	sqlite3_close(h);
	return rc;
}

/* Every write the dashboard can make, counted. */
static long long
writes(const char *db)
{
	return sql_int(db, "SELECT (SELECT COUNT(*) FROM recheck_request) +"
	    " (SELECT COUNT(*) FROM hint) + (SELECT COUNT(*) FROM manual_verdict) +"
	    " (SELECT COUNT(*) FROM manual_verdict WHERE revoked_at IS NOT NULL) +"
	    " (SELECT COUNT(*) FROM yearly_stats)");
}

Test(corrections, recheck_done_and_shown_as_waiting, .timeout = 60)
{
	struct dashsrv s;
	char *h, *b;
	long status;

	start_with_roles(&s);
	cr_expect_eq(act(&s, "/unit/stp/recheck", "x=1", &h), 303);
	cr_expect(strstr(h, "Location: /unit/stp\r\n") != NULL, "%s", h);
	free(h);
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM recheck_request WHERE unit_id = 'stp'"
	    " AND requested_by = 'vanphong' AND done_at IS NULL"), 1);
	b = dash_http(s.port, "GET", "/unit/stp", VIEWER, NULL, &status, NULL);
	cr_expect(strstr(b, "đang chờ kiểm tra lại") != NULL);
	cr_expect(strstr(b, "name=\"csrf\"") == NULL, "a viewer gets no forms");
	cr_expect(strstr(b, "Nhật ký điều chỉnh") != NULL);
	free(b);
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'recheck'"
	    " AND outcome = 'done' AND user = 'vanphong' AND client = '127.0.0.1'"
	    " AND unit_id = 'stp'"), 1);
	b = dash_http(s.port, "GET", "/audit", VIEWER, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	cr_expect(strstr(b, "Kiểm tra lại") != NULL && strstr(b, "vanphong") != NULL);
	free(b);
	dashsrv_stop(&s);
}

Test(corrections, refusals_change_nothing, .timeout = 90)
{
	struct dashsrv s;
	char *tok, *o, *form, *b, *evil_ref;
	long status;
	long long before;

	start_with_roles(&s);
	before = writes(s.db);
	cr_expect_null(token(&s, VIEWER), "a viewer's page has no form");
	tok = token(&s, EDITOR);
	cr_assert_not_null(tok);
	o = origin(&s);
	form = xasprintf("csrf=%s", tok);

	/* A viewer, even with an editor's token. */
	b = post(&s, "/unit/stp/recheck", VIEWER, o, form, &status, NULL);
	cr_expect_eq(status, 403);
	cr_expect(strstr(b, "chỉ có quyền xem") != NULL, "%s", b);
	free(b);
	/* No token, a wrong one, another user's. */
	free(post(&s, "/unit/stp/recheck", EDITOR, o, "x=1", &status, NULL));
	cr_expect_eq(status, 403);
	b = post(&s, "/unit/stp/recheck", EDITOR, o, "csrf=00ff", &status, NULL);
	cr_expect_eq(status, 403);
	cr_expect(strstr(b, "Mã xác nhận") != NULL, "%s", b);
	free(b);
	/* Cross-origin, and neither Origin nor Referer. */
	b = post(&s, "/unit/stp/recheck", EDITOR, "Origin: http://evil.example", form,
	    &status, NULL);
	cr_expect_eq(status, 403);
	cr_expect(strstr(b, "không xuất phát từ trang") != NULL, "%s", b);
	free(b);
	evil_ref = xasprintf("Referer: http://127.0.0.1:%d.evil.example/unit/stp", s.port);
	free(post(&s, "/unit/stp/recheck", EDITOR, evil_ref, form, &status, NULL));
	cr_expect_eq(status, 403);
	free(evil_ref);
	free(post(&s, "/unit/stp/recheck", EDITOR, NULL, form, &status, NULL));
	cr_expect_eq(status, 403);
	/* A GET never acts; an unknown unit is 404. */
	free(dash_http(s.port, "GET", "/unit/stp/recheck", EDITOR, NULL, &status, NULL));
	cr_expect_eq(status, 404);
	free(post(&s, "/unit/nope/recheck", EDITOR, o, form, &status, NULL));
	cr_expect_eq(status, 404);
	free(post(&s, "/unit/stp%2Fx/recheck", EDITOR, o, form, &status, NULL));
	cr_expect_eq(status, 404);

	/* Bad values. */
	static const char *const bad[][2] = {
		{ "/unit/stp/hint", "criterion=section&url=javascript:alert(1)" },
		{ "/unit/stp/hint", "criterion=section&url=%2Frelative" },
		{ "/unit/stp/hint", "criterion=nope&url=http%3A%2F%2Fa.vn%2F" },
		{ "/unit/stp/verdict", "criterion=section&status=ok&reason=x&until=2030-01-01" },
		{ "/unit/stp/verdict", "criterion=section&status=ok&reason=x&until=2026-11-28" },
		{ "/unit/stp/verdict", "criterion=section&status=ok&reason=x&until=2027-02-30" },
		{ "/unit/stp/verdict", "criterion=section&status=ok&reason=+&until=2027-01-01" },
		{ "/unit/stp/verdict", "criterion=section&status=unreachable&reason=x&until=2027-01-01" },
		{ "/unit/stp/verdict/revoke", "criterion=section&reason=kh%C3%B4ng+c%C3%B3" },
		{ "/unit/stp/stats", "year=2026&received=5&provided_full=4&provided_part=2"
		    "&refused=0&transferred=0&overdue=0" },
		{ "/unit/stp/stats", "year=2026&received=-1&provided_full=0&provided_part=0"
		    "&refused=0&transferred=0&overdue=0" },
		{ "/unit/stp/stats", "year=2026&received=1.5&provided_full=0&provided_part=0"
		    "&refused=0&transferred=0&overdue=0" },
		{ "/unit/stp/stats", "year=2024&received=1&provided_full=0&provided_part=0"
		    "&refused=0&transferred=0&overdue=0" },
		{ "/unit/stp/stats", "year=2026&received=1&provided_full=0&provided_part=0"
		    "&refused=0&transferred=0" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *f = xasprintf("csrf=%s&%s", tok, bad[i][1]);

		free(post(&s, bad[i][0], EDITOR, o, f, &status, NULL));
		cr_expect_eq(status, 400, "%s %s: %ld", bad[i][0], bad[i][1], status);
		free(f);
	}
	/* The refusal names the statuses by the labels the dashboard shows (SPEC: stale is "Chưa cập nhật"). */
	char *f = xasprintf("csrf=%s&criterion=section&status=unreachable&reason=x&until=2027-01-01", tok);
	b = post(&s, "/unit/stp/verdict", EDITOR, o, f, &status, NULL);
	cr_expect_eq(status, 400);
	cr_expect(strstr(b, "Chưa cập nhật (stale)") != NULL && strstr(b, "Quá hạn") == NULL, "%s", b);
	free(b);
	free(f);
	/* Not a form at all. */
	free(post(&s, "/unit/stp/recheck", EDITOR, "Content-Type: text/plain", form,
	    &status, NULL));
	cr_expect_eq(status, 400);

	cr_expect_eq(writes(s.db), before, "a refusal changes nothing");
	cr_expect_geq(sql_int(s.db, "SELECT COUNT(*) FROM audit_log WHERE outcome = 'refused'"),
	    20, "each refusal is in the audit log");
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM audit_log WHERE outcome = 'refused'"
	    " AND user = 'xem' AND action = 'recheck'"), 1);
	free(tok);
	free(o);
	free(form);
	dashsrv_stop(&s);
}

/* The criterion object of unit id in the JSON export (a new reference). */
static json_t *
export_crit(struct dashsrv *s, const char *id, const char *crit)
{
	long status;
	char *b = dash_http(s->port, "GET", "/api/v1/units", VIEWER, NULL, &status, NULL);
	json_error_t err;
	json_t *doc = json_loads(b, 0, &err), *u, *c = NULL;
	size_t i;

	cr_assert_not_null(doc, "%s", err.text);
	json_array_foreach(json_object_get(doc, "units"), i, u)
		if (strcmp(json_string_value(json_object_get(u, "id")), id) == 0)
			c = json_incref(json_object_get(json_object_get(u, "criteria"), crit));
	json_decref(doc);
	free(b);
	cr_assert_not_null(c);
	return c;
}

/* The score of unit id in the JSON export. */
static int
export_score(struct dashsrv *s, const char *id)
{
	long status;
	char *b = dash_http(s->port, "GET", "/api/v1/units", VIEWER, NULL, &status, NULL);
	json_error_t err;
	json_t *doc = json_loads(b, 0, &err), *u;
	size_t i;
	int score = -1;

	cr_assert_not_null(doc, "%s", err.text);
	json_array_foreach(json_object_get(doc, "units"), i, u)
		if (strcmp(json_string_value(json_object_get(u, "id")), id) == 0)
			score = (int)json_integer_value(json_object_get(u, "score"));
	json_decref(doc);
	free(b);
	return score;
}

Test(corrections, manual_verdict_export_revoke_and_expiry, .timeout = 60)
{
	struct dashsrv s;
	json_t *c, *m;
	char *b, *err;
	long status;
	int score0;

	start_with_roles(&s);
	score0 = export_score(&s, "bql");
	/* bql misses its regulation; the secretariat saw it on paper. */
	c = export_crit(&s, "bql", "regulation");
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "missing");
	cr_expect(json_is_null(json_object_get(c, "manual")));
	json_decref(c);
	cr_expect_eq(act(&s, "/unit/bql/verdict", "criterion=regulation&status=ok"
	    "&reason=C%C3%B4ng+v%C4%83n+s%E1%BB%91+12&until=2027-11-29", NULL), 303);
	c = export_crit(&s, "bql", "regulation");
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "ok");
	cr_expect_str_eq(json_string_value(json_object_get(c, "auto_status")), "missing");
	m = json_object_get(c, "manual");
	cr_assert(json_is_object(m));
	cr_expect_str_eq(json_string_value(json_object_get(m, "status")), "ok");
	cr_expect_str_eq(json_string_value(json_object_get(m, "by")), "vanphong");
	cr_expect_str_eq(json_string_value(json_object_get(m, "reason")), "Công văn số 12");
	cr_expect_str_eq(json_string_value(json_object_get(m, "until")), "2027-11-29");
	cr_expect_str_eq(json_string_value(json_object_get(m, "at")), "2026-11-29T08:00:00+07:00");
	json_decref(c);
	/* The CSV carries the same: status, the crawler's, then the manual verdict. */
	b = dash_http(s.port, "GET", "/export.csv", VIEWER, NULL, &status, NULL);
	cr_expect(strstr(b, ",regulation,ok,") != NULL && strstr(b, ",missing,ok,vanphong,"
	    "Công văn số 12,2026-11-29T08:00:00+07:00,2027-11-29\r\n") != NULL, "%s", b);
	free(b);
	/* Both statuses on the page; the score counts the manual one. */
	b = dash_http(s.port, "GET", "/unit/bql", VIEWER, NULL, &status, NULL);
	cr_expect(strstr(b, "Kết luận thủ công của vanphong") != NULL);
	cr_expect(strstr(b, "Kết quả tự động") != NULL);
	free(b);
	cr_expect_gt(export_score(&s, "bql"), score0, "the manual ok counts in the score");
	cr_expect_eq(act(&s, "/unit/bql/verdict/revoke", "criterion=regulation"
	    "&reason=nh%E1%BA%A7m", NULL), 303);
	c = export_crit(&s, "bql", "regulation");
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "missing");
	cr_expect(json_is_null(json_object_get(c, "manual")));
	json_decref(c);
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'revoke'"
	    " AND old_value = 'ok đến 2027-11-29' AND new_value = 'thu hồi'"), 1);

	/* A verdict whose last day has passed is no longer in force, and cannot be revoked. */
	cr_expect_eq(sql_exec(s.db, "INSERT INTO manual_verdict (unit_id, criterion, status,"
	    " reason, set_by, set_at, until) VALUES ('bql', 'conditional_catalog', 'ok', 'cũ',"
	    " 'vanphong', 1790000000, '2026-11-28')", &err), SQLITE_OK, "%s", err);
	free(err);
	c = export_crit(&s, "bql", "conditional_catalog");
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "missing");
	cr_expect(json_is_null(json_object_get(c, "manual")));
	json_decref(c);
	cr_expect_eq(act(&s, "/unit/bql/verdict/revoke", "criterion=conditional_catalog&reason=x",
	    NULL), 400);
	dashsrv_stop(&s);
}

Test(corrections, hint_and_yearly_statistics, .timeout = 60)
{
	struct dashsrv s;
	char *b;
	long status;

	start_with_roles(&s);
	cr_expect_eq(act(&s, "/unit/syt/hint", "criterion=public_catalog"
	    "&url=https%3A%2F%2Fkhac.vn%2Fdanh-muc.pdf&note=%C4%90%C6%A1n+v%E1%BB%8B+b%C3%A1o",
	    NULL), 303);
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM hint WHERE unit_id = 'syt' AND"
	    " criterion = 'public_catalog' AND url = 'https://khac.vn/danh-muc.pdf'"
	    " AND note = 'Đơn vị báo'"), 1);
	cr_expect_eq(act(&s, "/unit/syt/stats", "year=2026&received=12&provided_full=7"
	    "&provided_part=2&refused=1&transferred=2&overdue=1", NULL), 303);
	cr_expect_eq(act(&s, "/unit/syt/stats", "year=2026&received=13&provided_full=8"
	    "&provided_part=2&refused=1&transferred=2&overdue=0", NULL), 303);
	cr_expect_eq(sql_int(s.db, "SELECT received * 1000 + provided_full FROM yearly_stats"
	    " WHERE unit_id = 'syt' AND year = 2026 AND updated_by = 'vanphong'"), 13008);
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'stats'"
	    " AND old_value LIKE 'năm 2026: tiếp nhận 12,%' AND new_value LIKE"
	    " 'năm 2026: tiếp nhận 13,%'"), 1);
	b = dash_http(s.port, "GET", "/unit/syt", VIEWER, NULL, &status, NULL);
	cr_expect(strstr(b, "https://khac.vn/danh-muc.pdf") != NULL);
	cr_expect(strstr(b, "<th scope=\"row\">2026</th><td>13</td><td>8</td>") != NULL);
	free(b);
	dashsrv_stop(&s);
}

Test(corrections, audit_log_refuses_update_and_delete, .timeout = 60)
{
	struct dashsrv s;
	char *err;

	start_with_roles(&s);
	cr_expect_eq(act(&s, "/unit/stp/recheck", "x=1", NULL), 303);
	cr_expect_neq(sql_exec(s.db, "UPDATE audit_log SET user = 'ai-đó'", &err), SQLITE_OK);
	cr_expect(strstr(err, "append-only") != NULL, "%s", err);
	free(err);
	cr_expect_neq(sql_exec(s.db, "DELETE FROM audit_log", &err), SQLITE_OK);
	cr_expect(strstr(err, "append-only") != NULL, "%s", err);
	free(err);
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM audit_log WHERE user = 'vanphong'"), 1);
	dashsrv_stop(&s);
}

Test(corrections, archived_evidence_served_exactly_and_sandboxed, .timeout = 60)
{
	static const char body[] = "<html><script>alert(document.cookie)</script>\0bytes\xff";
	struct dashsrv s;
	struct store *st;
	char *cause = NULL, *h, *b, *path, *sha = NULL, *err;
	long status;
	CURL *c;
	struct buf got = { 0 }, hdr = { 0 };

	start_with_roles(&s);
	/* What tcttd archives after a pass, evidence of stp's section. */
	cr_assert_eq(store_open(s.db, 0, &st, &cause), 0, "%s", cause);
	sha = xstrdup("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	cr_assert_eq(store_archive_put(st, sha, "text/html; charset=utf-8", body,
	    sizeof body - 1, DASHFIX_NOW, &cause), 0, "%s", cause);
	store_close(st);
	cr_assert_eq(sql_exec(s.db, "UPDATE verdict SET sha256 ="
	    " '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'"
	    " WHERE unit_id = 'stp' AND criterion = 'section'", &err), SQLITE_OK, "%s", err);
	free(err);
	b = dash_http(s.port, "GET", "/unit/stp", VIEWER, NULL, &status, NULL);
	cr_expect(strstr(b, "<a class=\"archived\" href=\"/evidence/9f86d081884c7d659a2feaa0"
	    "c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\">bản lưu</a>") != NULL);
	free(b);

	path = xasprintf("http://127.0.0.1:%d/evidence/%s", s.port, sha);
	c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, path);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, sink_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hdr);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_USERPWD, VIEWER);
	cr_assert_eq(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	cr_expect_eq(status, 200);
	cr_expect_eq(got.len, sizeof body - 1);
	cr_expect(got.len == sizeof body - 1 && memcmp(got.data, body, got.len) == 0,
	    "byte-identical");
	cr_expect(strstr(hdr.data, "Content-Type: text/html; charset=utf-8\r\n") != NULL, "%s", hdr.data);
	cr_expect(strstr(hdr.data, "Content-Disposition: attachment") != NULL, "%s", hdr.data);
	cr_expect(strstr(hdr.data, "Content-Security-Policy: sandbox\r\n") != NULL, "%s", hdr.data);
	cr_expect(strstr(hdr.data, "X-Content-Type-Options: nosniff\r\n") != NULL);
	buf_free(&got);
	buf_free(&hdr);
	free(path);

	free(dash_http(s.port, "GET", "/evidence/0000000000000000000000000000000000000000"
	    "000000000000000000000000", VIEWER, NULL, &status, NULL));
	cr_expect_eq(status, 404);
	free(dash_http(s.port, "GET", "/evidence/..%2f..%2fetc%2fpasswd", VIEWER, NULL,
	    &status, &h));
	cr_expect_eq(status, 404);
	free(h);
	free(sha);
	dashsrv_stop(&s);
}

Test(corrections, failed_logins_logged_and_slowed_per_address, .timeout = 60)
{
	struct dashsrv s;
	long status;

	start_with_roles(&s);
	for (int i = 0; i < 5; i++) {
		/* The front says who the client is: a client cannot name another address. */
		free(dash_http(s.port, "GET", "/", "vanphong:sai",
		    i == 0 ? "X-Tctt-Client: 203.0.113.9" : NULL, &status, NULL));
		cr_expect_eq(status, 401);
	}
	/* Now even the right password waits: the address is slowed down. */
	free(dash_http(s.port, "GET", "/", EDITOR, NULL, &status, NULL));
	cr_expect_eq(status, 429);
	free(dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL));
	cr_expect_eq(status, 200);
	s.keep_log = 1;
	dashsrv_stop(&s);
	cr_expect(strstr(s.log, "authentication failure from 127.0.0.1 (failure 5)") != NULL,
	    "%s", s.log);
	cr_expect(strstr(s.log, "authentication refused from 127.0.0.1: too many failures")
	    != NULL, "%s", s.log);
	cr_expect(strstr(s.log, "203.0.113.9") == NULL, "%s", s.log);
	free(s.log);
}

Test(corrections, without_users_file_nothing_changes, .timeout = 60)
{
	struct dashsrv s;
	long status;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	free(dash_http(s.port, "POST", "/unit/stp/recheck", NULL, NULL, &status, NULL));
	cr_expect_eq(status, 405);
	b = dash_http(s.port, "GET", "/unit/stp", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	cr_expect(strstr(b, "<form") == NULL);
	cr_expect(strstr(b, "Nhật ký điều chỉnh") == NULL);
	free(b);
	cr_expect_eq(sql_int(s.db, "SELECT COUNT(*) FROM audit_log"), 0);
	dashsrv_stop(&s);
}

Test(corrections_browser, forms_and_audit_have_no_axe_violations, .timeout = 120)
{
	char *script = test_srcdir("browser/axe.js"), *bindir = test_bin("");
	char *outdir = xasprintf("%s/..", bindir);
	char *modules = xasprintf("%s/../browser/node_modules", bindir);
	char *base, *out, *err;
	struct dashsrv s;
	int rc;

	if (access(modules, F_OK) != 0)
		cr_assert_fail("%s missing: tests/browser/setup.sh (run by tests/run.sh) "
		    "installs puppeteer-core and axe-core", modules);
	setenv("NODE_PATH", modules, 1);
	setenv("AXE_USER", EDITOR, 1);
	start_with_roles(&s);
	/* Something in every section: a waiting re-check, a hint, a verdict, figures, refusals. */
	cr_expect_eq(act(&s, "/unit/syt/recheck", "x=1", NULL), 303);
	cr_expect_eq(act(&s, "/unit/syt/hint", "criterion=section&url=https%3A%2F%2Fsyt.demo%2Fx",
	    NULL), 303);
	cr_expect_eq(act(&s, "/unit/syt/verdict", "criterion=public_catalog&status=ok"
	    "&reason=%C4%90%C3%A3+xem&until=2027-01-01", NULL), 303);
	cr_expect_eq(act(&s, "/unit/syt/stats", "year=2026&received=2&provided_full=1"
	    "&provided_part=0&refused=1&transferred=0&overdue=0", NULL), 303);
	cr_expect_eq(act(&s, "/unit/syt/stats", "year=1999&received=2&provided_full=1"
	    "&provided_part=0&refused=1&transferred=0&overdue=0", NULL), 400);
	base = xasprintf("http://127.0.0.1:%d", s.port);
	{
		const char *argv[] = { "/usr/bin/node", script, base, outdir, "/unit/syt",
		    "/audit", NULL };

		rc = run_cmd(argv, &out, &err);
	}
	unsetenv("AXE_USER");
	cr_expect_eq(rc, 0, "axe: %s\n%s", out, err);
	cr_expect(strstr(out, "/unit/syt: 0 violations") != NULL, "%s", out);
	cr_expect(strstr(out, "/audit: 0 violations") != NULL, "%s", out);
	free(out);
	free(err);
	dashsrv_stop(&s);
	free(base);
	free(modules);
	free(outdir);
	free(bindir);
	free(script);
}

Test(corrections, manual_verdict_counts_for_reminders, .timeout = 60)
{
	struct dashsrv s;
	char *bin = test_bin("tcttd"), *out, *err;
	const char *argv[] = { bin, "-c", NULL, "--remind", "--dry-run", NULL };

	start_with_roles(&s);
	argv[2] = s.conf;
	setenv("TCTT_NOW", "1795914000", 1);
	cr_expect_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(out, "reminder:stp:") == NULL, "stp is all ok: %s", out);
	free(out);
	free(err);
	/* The secretariat finds stp's regulation withdrawn: the reminder goes out. */
	cr_expect_eq(act(&s, "/unit/stp/verdict", "criterion=regulation&status=missing"
	    "&reason=%C4%90%C3%A3+g%E1%BB%A1&until=2027-01-01", NULL), 303);
	cr_expect_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(out, "reminder:stp:2026-11-29") != NULL, "%s\n%s", out, err);
	free(out);
	free(err);
	unsetenv("TCTT_NOW");
	free(bin);
	dashsrv_stop(&s);
}

Test(corrections, roles_and_archive_days_are_read)
{
	char *dir = test_tmpdir(), *p, *cause = NULL;
	struct users *u;
	struct config *cfg;

	p = test_write_file(dir, "users", "a:$y$j9T$x$y:editor\nb:$y$j9T$x$y\nc:$y$j9T$x$y:viewer\n");
	cr_expect_eq(users_load(p, &u, &cause), 0, "%s", cause);
	users_free(u);
	free(p);
	p = test_write_file(dir, "bad", "a:$y$j9T$x$y:admin\n");
	cr_expect_eq(users_load(p, &u, &cause), -1);
	cr_expect(strstr(cause, "bad:1: role must be viewer or editor") != NULL, "%s", cause);
	free(cause);
	free(p);
	cr_assert_eq(config_load_string("t.conf", "[daemon]\narchive_days = 90\n", &cfg, &cause),
	    0, "%s", cause);
	cr_expect_eq(cfg->archive_days, 90);
	config_free(cfg);
	cr_assert_eq(config_load_string("t.conf", "", &cfg, &cause), 0, "%s", cause);
	cr_expect_eq(cfg->archive_days, 730);
	config_free(cfg);
	cr_expect_eq(config_load_string("t.conf", "[daemon]\narchive_days = 0\n", &cfg,
	    &cause), -1);
	free(cause);
	free(dir);
}

Test(corrections, archive_keeps_one_copy_and_forgets_after_archive_days)
{
	char *dir = test_tmpdir(), *db = xasprintf("%s/a.db", dir), *cause = NULL, *ctype;
	static const char sha[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	struct store *st;
	int64_t bytes, bytes2, dropped;
	void *body;
	size_t len;

	cr_assert_eq(store_open(db, 0, &st, &cause), 0, "%s", cause);
	cr_assert_eq(store_archive_put(st, sha, "application/pdf", "%PDF-1.4 x", 10, 1000,
	    &cause), 0, "%s", cause);
	cr_assert_eq(store_archive_bytes(st, &bytes, &cause), 0);
	/* Seen again: stored once, only last_seen moves. */
	cr_assert_eq(store_archive_put(st, sha, "application/pdf", "%PDF-1.4 x", 10, 5000,
	    &cause), 0);
	cr_assert_eq(store_archive_put(st, sha, NULL, NULL, 0, 9000, &cause), 0);
	cr_assert_eq(store_archive_bytes(st, &bytes2, &cause), 0);
	cr_expect_eq(bytes2, bytes);
	cr_expect_eq(store_archive_get(st, sha, &ctype, &body, &len, &cause), 1);
	cr_expect_eq(len, 10);
	cr_expect_str_eq(ctype, "application/pdf");
	free(ctype);
	free(body);
	cr_assert_eq(store_archive_prune(st, 8999, &dropped, &cause), 0);
	cr_expect_eq(dropped, 0, "last seen at 9000");
	cr_assert_eq(store_archive_prune(st, 9001, &dropped, &cause), 0);
	cr_expect_eq(dropped, 1);
	cr_expect_eq(store_archive_has(st, sha, &cause), 0);
	store_close(st);
	free(db);
	free(dir);
}

/* test_dashboard_cache.c: the rendered-page cache: invalidation on writes, keys, HEAD, gzip, auth. */
#include <crypt.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "criteria.h"
#include "dashboard.h"
#include "dashfix.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

/* The dashboard's request log so far (it runs with -v); caller frees. */
static char *
read_log(struct dashsrv *s)
{
	struct buf b = { 0 };
	char chunk[4096];
	ssize_t n;
	int fl = fcntl(s->errfd, F_GETFL);

	fcntl(s->errfd, F_SETFL, fl | O_NONBLOCK);
	while ((n = read(s->errfd, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, (size_t)n);
	fcntl(s->errfd, F_SETFL, fl);
	return buf_steal(&b);
}

/* GET path: 200 expected; body returned, caller frees. */
static char *
get200(struct dashsrv *s, const char *path)
{
	long status;
	char *b = dash_http(s->port, "GET", path, NULL, NULL, &status, NULL);

	cr_assert_eq(status, 200, "GET %s: %ld", path, status);
	return b;
}

/* The log line of the last request was ("GET path 200 (from cache)") or was not a cache hit. */
static void
expect_hit(struct dashsrv *s, const char *path, bool hit)
{
	char *log = read_log(s), *want = xasprintf("GET %s 200%s\n", path,
	    hit ? " (from cache)" : "");

	cr_expect(strstr(log, want) != NULL, "want '%s' in: %s", want, log);
	if (!hit)
		cr_expect(strstr(log, "(from cache)") == NULL, "%s: no hit in: %s", path, log);
	free(want);
	free(log);
}

/* One pass for unit id with every criterion at st, committed through the store API, as tcttd does. */
static void
commit_pass(const char *db, const char *id, int64_t t, enum status st)
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

Test(dashboard_cache, a_committed_pass_shows_on_the_next_request, .timeout = 60)
{
	static const char *paths[] = { "/", "/unit/bql", "/export.csv", "/api/v1/units",
	    "/notices", "/digests" };
	char *before[6], *b;
	struct dashsrv s;

	dashfix_setup(&s, NULL, 1);
	s.verbose = 1;
	dashsrv_start(&s);
	free(read_log(&s));
	for (size_t i = 0; i < 6; i++) {
		before[i] = get200(&s, paths[i]);
		expect_hit(&s, paths[i], false);
		b = get200(&s, paths[i]);
		expect_hit(&s, paths[i], true);
		cr_expect_str_eq(b, before[i], "%s: the cached copy is the page", paths[i]);
		free(b);
	}
	cr_expect(strstr(before[0], "<span class=\"num\">1</span> Đạt đủ 9 tiêu chí") != NULL);
	/* tcttd commits while the dashboard runs: every page is built again. */
	commit_pass(s.db, "bql", DASHFIX_NOW - 60, ST_OK);
	for (size_t i = 0; i < 6; i++) {
		b = get200(&s, paths[i]);
		expect_hit(&s, paths[i], false);
		if (i < 4)
			cr_expect_str_neq(b, before[i], "%s: shows the new pass", paths[i]);
		free(b);
		free(before[i]);
	}
	b = get200(&s, "/");
	expect_hit(&s, "/", true);
	cr_expect(strstr(b, "<span class=\"num\">2</span> Đạt đủ 9 tiêu chí") != NULL);
	free(b);
	/* Not cached: the health check and the metrics. */
	for (int i = 0; i < 2; i++) {
		free(get200(&s, "/metrics"));
		expect_hit(&s, "/metrics", false);
		free(get200(&s, "/healthz"));
		expect_hit(&s, "/healthz", false);
	}
	dashsrv_stop(&s);
}

Test(dashboard_cache, query_variants_are_distinct_pages, .timeout = 60)
{
	struct dashsrv s;
	char *all, *dep, *com, *b;

	dashfix_setup(&s, NULL, 1);
	s.verbose = 1;
	dashsrv_start(&s);
	all = get200(&s, "/");
	dep = get200(&s, "/?kind=department&sort=score");
	expect_hit(&s, "/?kind=department&sort=score", false);
	com = get200(&s, "/?kind=commune");
	expect_hit(&s, "/?kind=commune", false);
	cr_expect_str_neq(all, dep);
	cr_expect_str_neq(dep, com);
	cr_expect_str_neq(all, com);
	/* Parameter order does not matter; parameters no page reads do not either. */
	b = get200(&s, "/?sort=score&kind=department");
	expect_hit(&s, "/?sort=score&kind=department", true);
	cr_expect_str_eq(b, dep);
	free(b);
	b = get200(&s, "/?utm=x");
	expect_hit(&s, "/?utm=x", true);
	cr_expect_str_eq(b, all);
	free(b);
	/* A search is its own page; so is each unit. */
	b = get200(&s, "/?q=t%C6%B0%20ph%C3%A1p");
	expect_hit(&s, "/?q=t%C6%B0%20ph%C3%A1p", false);
	cr_expect(strstr(b, "Sở Tư pháp") != NULL);
	cr_expect_str_neq(b, all);
	free(b);
	free(get200(&s, "/unit/stp"));
	free(get200(&s, "/unit/bql"));
	expect_hit(&s, "/unit/bql", false);
	free(all);
	free(dep);
	free(com);
	dashsrv_stop(&s);
}

/* curl's header callback: append to a buf. */
static size_t
hdr_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	buf_add(arg, data, size * nmemb);
	return size * nmemb;
}

/* The header lines of h that must not differ between two replies (all but Date and length). */
static char *
stable_headers(const char *h)
{
	struct buf b = { 0 };
	const char *p = h, *nl;

	for (; (nl = strstr(p, "\r\n")) != NULL; p = nl + 2)
		if (strncasecmp(p, "Date:", 5) != 0 && strncasecmp(p, "Content-Length:", 15) != 0)
			buf_add(&b, p, (size_t)(nl + 2 - p));
	return buf_steal(&b);
}

Test(dashboard_cache, head_get_and_gzip_on_one_connection, .timeout = 60)
{
	struct dashsrv s;
	struct buf body = { 0 }, hdr = { 0 };
	char *url, *first, *h1, *h2, *plain;
	long status, connects;
	CURL *c;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	/* The miss and the hit carry the same headers. */
	first = dash_http(s.port, "GET", "/export.csv", NULL, NULL, &status, &h1);
	free(dash_http(s.port, "GET", "/export.csv", NULL, NULL, &status, &h2));
	plain = stable_headers(h1);
	free(h1);
	h1 = stable_headers(h2);
	cr_expect_str_eq(h1, plain);
	cr_expect(strstr(plain, "Content-Security-Policy: default-src 'none'") != NULL);
	cr_expect(strstr(plain, "Vary: Accept-Encoding\r\n") != NULL);
	free(h1);
	free(h2);
	free(plain);
	plain = get200(&s, "/?sort=lag");

	/* HEAD first (it fills the cache), then GET, on one kept-alive connection. */
	c = curl_easy_init();
	url = xasprintf("http://127.0.0.1:%d/?sort=lag", s.port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, hdr_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, hdr_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hdr);
	for (int round = 0; round < 2; round++) {
		const char *enc = round == 0 ? NULL : "gzip";
		char *want;

		curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, enc);
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
		cr_assert_eq(curl_easy_perform(c), CURLE_OK);
		cr_expect_eq(body.len, 0);
		if (enc == NULL) {
			want = xasprintf("Content-Length: %zu\r\n", strlen(plain));
			cr_expect(strstr(hdr.data, want) != NULL, "HEAD says the GET's length: %s",
			    hdr.data);
			free(want);
		} else
			cr_expect(strstr(hdr.data, "Content-Encoding: gzip\r\n") != NULL, "%s",
			    hdr.data);
		hdr.len = 0;
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
		cr_assert_eq(curl_easy_perform(c), CURLE_OK);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
		cr_expect_eq(status, 200);
		cr_expect_eq(connects, 0, "the connection was reused after HEAD");
		buf_putc(&body, '\0');
		cr_expect_str_eq(body.data, plain, "round %d: the GET after HEAD is the page", round);
		cr_expect((strstr(hdr.data, "Content-Encoding: gzip\r\n") != NULL) == (enc != NULL),
		    "%s", hdr.data);
		cr_expect(strstr(hdr.data, "Vary: Accept-Encoding\r\n") != NULL);
		body.len = hdr.len = 0;
	}
	curl_easy_cleanup(c);
	free(url);
	buf_free(&body);
	buf_free(&hdr);
	free(plain);
	free(first);
	dashsrv_stop(&s);
}

/* "name:$y$..." for password; caller frees. */
static char *
cache_user(const char *name, const char *password)
{
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], *line;

	cr_assert(crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) != NULL);
	line = xasprintf("%s:%s\n", name, crypt_rn(password, salt, cd, (int)sizeof *cd));
	free(cd);
	return line;
}

Test(dashboard_cache, login_is_checked_before_the_cache, .timeout = 60)
{
	char *u1 = cache_user("vanphong", "một"), *u2 = cache_user("thanhtra", "hai");
	char *users = xasprintf("%s%s", u1, u2), *a, *b;
	struct dashsrv s;
	long status;

	dashfix_setup(&s, users, 1);
	dashsrv_start(&s);
	a = dash_http(s.port, "GET", "/", "vanphong:một", NULL, &status, NULL);
	cr_expect_eq(status, 200);
	/* The same bytes for another user: no page holds per-user content. */
	b = dash_http(s.port, "GET", "/", "thanhtra:hai", NULL, &status, NULL);
	cr_expect_eq(status, 200);
	cr_expect_str_eq(a, b);
	free(b);
	b = dash_http(s.port, "GET", "/", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 401);
	cr_expect(strstr(b, "Sở Tư pháp") == NULL, "a cached page without login");
	free(b);
	b = dash_http(s.port, "GET", "/", "vanphong:hai", NULL, &status, NULL);
	cr_expect_eq(status, 401);
	free(b);
	free(a);
	free(users);
	free(u1);
	free(u2);
	dashsrv_stop(&s);
}

Test(dashboard_cache, accept_encoding)
{
	cr_expect(dash_accepts_gzip("gzip"));
	cr_expect(dash_accepts_gzip("gzip, deflate, br"));
	cr_expect(dash_accepts_gzip("br;q=1.0, GZIP;q=0.5"));
	cr_expect(dash_accepts_gzip("deflate, x-gzip"));
	cr_expect(dash_accepts_gzip("gzip;q=0.001"));
	cr_expect(!dash_accepts_gzip(NULL));
	cr_expect(!dash_accepts_gzip(""));
	cr_expect(!dash_accepts_gzip("identity"));
	cr_expect(!dash_accepts_gzip("gzipped, br"));
	cr_expect(!dash_accepts_gzip("gzip;q=0"));
	cr_expect(!dash_accepts_gzip("gzip;q=0.000, br"));
	cr_expect(!dash_accepts_gzip("br, gzip ; q=0"));
}

Test(dashboard_cache, gzip_round_trip)
{
	const char *text = "<p>Danh mục thông tin phải được công khai</p>\n";
	size_t zlen;
	char *z = dash_gzip(text, strlen(text), &zlen);

	cr_assert_not_null(z);
	cr_expect(zlen > 18 && (unsigned char)z[0] == 0x1f && (unsigned char)z[1] == 0x8b);
	free(z);
}

/* test_dashboard_assets.c: what a browser fetches besides pages: the icon, the stylesheet (never
 * gzipped), and /metrics gzipped for Prometheus without Vary. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <zlib.h>

#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	buf_add(arg, data, size * nmemb);
	return size * nmemb;
}

/* GET path with Accept-Encoding: gzip, untouched: the raw body in *body, headers returned. */
static char *
get_raw(int port, const char *path, struct buf *body, long *status)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = curl_slist_append(NULL, "Accept-Encoding: gzip");
	struct buf h = { 0 };
	char *url = xasprintf("http://127.0.0.1:%d%s", port, path);

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	*status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	free(url);
	buf_puts(&h, "");
	return buf_steal(&h);
}

static bool
has_header(const char *headers, const char *line)
{
	for (const char *p = headers; (p = strchr(p, '\n')) != NULL; p++)
		if (strncasecmp(p + 1, line, strlen(line)) == 0)
			return true;
	return false;
}

/* The gunzipped data; caller frees. */
static char *
gunzip(const struct buf *z)
{
	z_stream s = { 0 };
	char out[1 << 16];
	int rc;

	cr_assert_eq(inflateInit2(&s, 15 + 16), Z_OK);
	s.next_in = (Bytef *)z->data;
	s.avail_in = (uInt)z->len;
	s.next_out = (Bytef *)out;
	s.avail_out = sizeof out - 1;
	rc = inflate(&s, Z_FINISH);
	cr_assert_eq(rc, Z_STREAM_END, "not a whole gzip stream: %d", rc);
	out[s.total_out] = '\0';
	inflateEnd(&s);
	return xstrdup(out);
}

Test(dashboard_assets, favicon_stylesheet_and_metrics, .timeout = 60)
{
	struct dashsrv s;
	struct buf b = { 0 };
	long status;
	char *h, *plain, *text;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);

	/* A real 16×16 icon, not a 404 in every browser console. */
	h = get_raw(s.port, "/favicon.ico", &b, &status);
	cr_expect_eq(status, 200);
	cr_expect(has_header(h, "Content-Type: image/x-icon"), "%s", h);
	cr_expect(has_header(h, "Cache-Control: max-age="), "%s", h);
	cr_assert_eq(b.len, 1150);
	cr_expect(memcmp(b.data, "\0\0\1\0\1\0\20\20", 8) == 0, "ICO header, one 16×16 image");
	free(h);
	buf_free(&b);

	/* The stylesheet is never gzipped (it is cached for an hour, and no cache must Vary). */
	h = get_raw(s.port, "/static/style.css", &b, &status);
	cr_expect_eq(status, 200);
	cr_expect(!has_header(h, "Content-Encoding:"), "%s", h);
	cr_expect(!has_header(h, "Vary:"), "%s", h);
	buf_puts(&b, "");
	cr_expect(strncmp(b.data, "/* tctt-dashboard", 17) == 0);
	free(h);
	buf_free(&b);

	/* /metrics: gzipped when asked, no-store so without Vary, the same text inside. */
	plain = dash_http(s.port, "GET", "/metrics", NULL, NULL, &status, &h);
	cr_expect(!has_header(h, "Content-Encoding:"), "%s", h);
	free(h);
	h = get_raw(s.port, "/metrics", &b, &status);
	cr_expect_eq(status, 200);
	cr_expect(has_header(h, "Content-Encoding: gzip"), "%s", h);
	cr_expect(!has_header(h, "Vary:"), "%s", h);
	cr_expect(has_header(h, "Cache-Control: no-store"), "%s", h);
	text = gunzip(&b);
	cr_expect_str_eq(text, plain);
	cr_expect(strstr(text, "# TYPE tctt_units gauge\n") != NULL);
	free(text);
	free(plain);
	free(h);
	buf_free(&b);
	dashsrv_stop(&s);
}

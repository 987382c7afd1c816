/* test_fixsrv.c: the fixture server itself behaves as the tests built on it assume. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "support.h"
#include "xmalloc.h"

static char *root;
static struct fixsrv fs;

static void
setup(void)
{
	root = test_tmpdir();
	free(test_write_file(root, "a.demo/index.html", "<html><body>Trang chủ A</body></html>"));
	free(test_write_file(root, "a.demo/tin/1.html", "<p>Tin 1</p>"));
	free(test_write_file(root, "a.demo/index.php?id=5", "<p>Mục 5</p>"));
	free(test_write_file(root, "b.demo/index.html", "B"));
	free(test_write_file(root, "a.demo/_rules",
	    "/flaky fail 2 503\n"
	    "/flaky status 200\n"
	    "/busy status 429\n"
	    "/busy retry-after 7\n"
	    "/loop redirect 302 /loop\n"
	    "/cached.html etag \"v1\"\n"
	    "/cached.html last-modified Tue, 01 Sep 2026 10:00:00 GMT\n"
	    "/big body-size 100000\n"
	    "/legacy.html charset windows-1258\n"
	    "/slow delay 300\n"));
	free(test_write_file(root, "a.demo/flaky", "ok now"));
	free(test_write_file(root, "a.demo/cached.html", "cached"));
	free(test_write_file(root, "a.demo/legacy.html", "x"));
	free(test_write_file(root, "a.demo/slow", "slow"));
	fixsrv_start(&fs, root);
}

static void
teardown(void)
{
	fixsrv_stop(&fs);
	free(root);
}

TestSuite(fixsrv, .init = setup, .fini = teardown);

Test(fixsrv, serves_per_host_and_query_files)
{
	long st;
	char *b;

	b = http_get(fs.port, "a.demo", "/", &st);
	cr_expect_eq(st, 200);
	cr_expect(strstr(b, "Trang chủ A") != NULL);
	free(b);
	b = http_get(fs.port, "b.demo", "/", &st);
	cr_expect_str_eq(b, "B");
	free(b);
	b = http_get(fs.port, "a.demo", "/index.php?id=5", &st);
	cr_expect_str_eq(b, "<p>Mục 5</p>");
	free(b);
	b = http_get(fs.port, "a.demo", "/nothing", &st);
	cr_expect_eq(st, 404);
	free(b);
	b = http_get(fs.port, "a.demo", "/tin", &st);
	cr_expect_eq(st, 301, "a directory redirects to its slash form");
	free(b);
	b = http_get(fs.port, "a.demo", "/../../etc/passwd", &st);
	cr_expect_neq(st, 200);
	free(b);
}

Test(fixsrv, fails_first_requests_then_succeeds)
{
	long st;
	char *b;

	for (int i = 0; i < 2; i++) {
		b = http_get(fs.port, "a.demo", "/flaky", &st);
		cr_expect_eq(st, 503);
		free(b);
	}
	b = http_get(fs.port, "a.demo", "/flaky", &st);
	cr_expect_eq(st, 200);
	cr_expect_str_eq(b, "ok now");
	free(b);
}

static size_t
header_cb(char *data, size_t size, size_t n, void *arg)
{
	buf_add(arg, data, size * n);
	return size * n;
}

static size_t
discard_cb(char *data, size_t size, size_t n, void *arg)
{
	(void)data;
	*(size_t *)arg += size * n;
	return size * n;
}

/* A request with extra headers; returns the response headers (caller frees). */
static char *
get_headers(const char *path, const char *extra, long *status, size_t *bodylen)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, "Host: a.demo");
	struct buf hb = { 0 };
	char *url = xasprintf("http://127.0.0.1:%d%s", fs.port, path);

	if (extra)
		h = curl_slist_append(h, extra);
	*bodylen = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hb);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, bodylen);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	cr_assert_eq(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	free(url);
	return buf_steal(&hb);
}

Test(fixsrv, headers_and_conditional_requests)
{
	long st;
	size_t len;
	char *h;

	h = get_headers("/busy", NULL, &st, &len);
	cr_expect_eq(st, 429);
	cr_expect(strstr(h, "Retry-After: 7") != NULL, "%s", h);
	free(h);
	h = get_headers("/loop", NULL, &st, &len);
	cr_expect_eq(st, 302);
	cr_expect(strstr(h, "Location: /loop") != NULL);
	free(h);
	h = get_headers("/cached.html", NULL, &st, &len);
	cr_expect_eq(st, 200);
	cr_expect(strstr(h, "ETag: \"v1\"") != NULL, "%s", h);
	cr_expect(strstr(h, "Last-Modified: Tue, 01 Sep 2026 10:00:00 GMT") != NULL);
	free(h);
	h = get_headers("/cached.html", "If-None-Match: \"v1\"", &st, &len);
	cr_expect_eq(st, 304);
	free(h);
	h = get_headers("/cached.html", "If-Modified-Since: Tue, 01 Sep 2026 10:00:00 GMT", &st, &len);
	cr_expect_eq(st, 304);
	free(h);
	h = get_headers("/big", NULL, &st, &len);
	cr_expect_eq(len, 100000);
	free(h);
	h = get_headers("/legacy.html", NULL, &st, &len);
	cr_expect(strstr(h, "Content-Type: text/html; charset=windows-1258") != NULL, "%s", h);
	free(h);
}

Test(fixsrv, counts_requests_and_in_flight_per_host)
{
	CURLM *m = curl_multi_init();
	CURL *e[3];
	struct curl_slist *h = curl_slist_append(NULL, "Host: a.demo");
	char *url = xasprintf("http://127.0.0.1:%d/slow", fs.port);
	size_t sink = 0;
	long requests;
	int running, most;

	/* Three delayed requests at once: the server sees three in flight. */
	for (int i = 0; i < 3; i++) {
		e[i] = curl_easy_init();
		curl_easy_setopt(e[i], CURLOPT_URL, url);
		curl_easy_setopt(e[i], CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(e[i], CURLOPT_WRITEFUNCTION, discard_cb);
		curl_easy_setopt(e[i], CURLOPT_WRITEDATA, &sink);
		curl_multi_add_handle(m, e[i]);
	}
	do {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	} while (running);
	cr_assert_eq(fixsrv_host_stats(&fs, "a.demo", &requests, &most), 0);
	cr_expect_eq(requests, 3);
	cr_expect_eq(most, 3);
	cr_expect_eq(sink, 12);
	for (int i = 0; i < 3; i++) {
		curl_multi_remove_handle(m, e[i]);
		curl_easy_cleanup(e[i]);
	}
	curl_multi_cleanup(m);
	curl_slist_free_all(h);
	free(url);
}

/* Send a raw request line to the fixture server; the first bytes of the reply (caller frees). */
static char *
raw_request(int port, const char *req)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	char reply[64] = "";
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ssize_t n;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	cr_assert_eq(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	n = read(fd, reply, sizeof reply - 1);
	reply[n > 0 ? n : 0] = '\0';
	close(fd);
	return xstrdup(reply);
}

Test(fixsrv, survives_a_path_it_cannot_parse)
{
	char *r = raw_request(fs.port, "GET /a\"b HTTP/1.1\r\nHost: a.demo\r\n"
	    "Connection: close\r\n\r\n");
	long st;

	cr_expect(strncmp(r, "HTTP/1.1 400", 12) == 0, "%s", r);
	free(r);
	free(http_get(fs.port, "a.demo", "/", &st));
	cr_expect_eq(st, 200, "the server lives on");
}

/* test_fetch.c: the fetch engine against the fixture server's faults, and robots.txt rules. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <event2/event.h>

#include "config.h"
#include "fetch.h"
#include "robots.h"
#include "support.h"
#include "xmalloc.h"

#define UNIT "[unit:stp]\nname = Sở Tư pháp\nkind = department\nurl = http://a.demo/\n"
#define MAXREQ 128

static char *root;
static struct fixsrv fs;
static int closed_port;

/* A loopback port nobody listens on. */
static int
free_port(void)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

static void
setup(void)
{
	char name[64], text[64];

	root = test_tmpdir();
	free(test_write_file(root, "a.demo/index.html", "<html><body>Trang A</body></html>"));
	free(test_write_file(root, "a.demo/flaky", "ok now"));
	free(test_write_file(root, "a.demo/busy", "not busy now"));
	free(test_write_file(root, "a.demo/cached.html", "cached"));
	free(test_write_file(root, "a.demo/zipped.html", "<p>nén gzip</p>"));
	free(test_write_file(root, "b.demo/final.html", "final"));
	free(test_write_file(root, "a.demo/c7", "end of chain"));
	{
		struct buf b = { 0 };
		char chunk[4096];

		for (int i = 0; i < 4096; i++)
			chunk[i] = (char)('a' + i % 26);
		buf_add(&b, chunk, sizeof chunk);
		free(test_write_file(root, "a.demo/slow.html", b.data));
		free(test_write_file(root, "a.demo/cut.html", b.data));
		for (int i = 0; i < 9; i++)
			buf_add(&b, chunk, sizeof chunk);
		free(test_write_file(root, "a.demo/slower.html", b.data));
		buf_free(&b);
	}
	free(test_write_file(root, "a.demo/_rules",
	    "/hang hang\n"
	    "/slow.html slow 50\n"
	    "/slower.html slow 200\n"
	    "/flaky fail 2 503\n"
	    "/busy fail 1 429\n"
	    "/busy retry-after 1\n"
	    "/down status 503\n"
	    "/reset fail 9 reset\n"
	    "/r1 redirect 302 /r2\n"
	    "/r2 redirect 301 http://b.demo/r3\n"
	    "/loop redirect 302 /loop\n"
	    "/l1 redirect 301 http://b.demo/l2\n"
	    "/big body-size 100000\n"
	    "/endless endless\n"
	    "/zipped.html gzip\n"
	    "/bomb gzip-bomb 20000000\n"
	    "/cut.html cut 500\n"
	    "/cached.html etag \"v1\"\n"
	    "/cached.html last-modified Tue, 01 Sep 2026 10:00:00 GMT\n"
	    "/c1 redirect 302 /c2\n/c2 redirect 302 /c3\n/c3 redirect 302 /c4\n"
	    "/c4 redirect 302 /c5\n/c5 redirect 302 /c6\n/c6 redirect 302 /c7\n"
	    "/ftp redirect 302 ftp://a.demo/x\n"));
	free(test_write_file(root, "b.demo/_rules", "/r3 redirect 302 /final.html\n"
	    "/l2 redirect 302 http://a.demo/l1\n"));
	/* Delayed hosts for the per-host limit, and one that hangs. */
	for (int h = 0; h < 3; h++) {
		for (int i = 0; i < 8; i++) {
			snprintf(name, sizeof name, "d%d.demo/p%d.html", h, i);
			snprintf(text, sizeof text, "page %d of d%d", i, h);
			free(test_write_file(root, name, text));
		}
		snprintf(name, sizeof name, "d%d.demo/_rules", h);
		free(test_write_file(root, name, "/p* delay 150\n"));
	}
	free(test_write_file(root, "hang.demo/_rules", "* hang\n"));
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "fast.demo/p%d.html", i);
		free(test_write_file(root, name, "fast"));
	}
	/* robots.txt: our group beats "*"; Allow beats a shorter Disallow. */
	free(test_write_file(root, "r.demo/robots.txt",
	    "User-agent: *\nDisallow: /\n\n"
	    "User-agent: otherbot\nUser-agent: TCTT\n"
	    "Disallow: /private\nAllow: /private/ok\nCrawl-delay: 1\n"));
	free(test_write_file(root, "r.demo/a.html", "a"));
	free(test_write_file(root, "r.demo/b.html", "b"));
	free(test_write_file(root, "r.demo/private/x.html", "secret"));
	free(test_write_file(root, "r.demo/private/ok.html", "ok"));
	free(test_write_file(root, "e.demo/_rules", "/robots.txt status 500\n"));
	free(test_write_file(root, "e.demo/a.html", "a"));
	fixsrv_start(&fs, root);
	closed_port = free_port();
}

static void
teardown(void)
{
	fixsrv_stop(&fs);
	free(root);
}

TestSuite(fetch, .init = setup, .fini = teardown, .timeout = 30);

/* A configuration reaching every *.demo host on the fixture server; caller frees. */
static struct config *
demo_cfg(const char *daemon_keys)
{
	struct config *cfg = NULL;
	char *cause = NULL;
	char *text = xasprintf("[daemon]\nconnect_to = closed.demo:80:127.0.0.1:%d\n"
	    "connect_to = ::127.0.0.1:%d\n%s\n" UNIT, closed_port, fs.port,
	    daemon_keys);

	if (config_load_string("t.conf", text, &cfg, &cause) == -1)
		cr_assert_fail("config: %s", cause);
	free(text);
	return cfg;
}

/* One fetcher on its own loop, and what came back. */
struct run {
	struct event_base	*base;
	struct fetcher		*f;
	struct fetch_result	*res[MAXREQ];
	int			 order[MAXREQ];	/* indexes, in callback order */
	size_t			 expect, got;
	struct event		*guard;
};

struct slot {
	struct run	*run;
	int		 i;
};

static struct slot slots[MAXREQ];

static void
done_cb(struct fetch_result *res, void *arg)
{
	struct slot *s = arg;
	struct run *r = s->run;

	cr_assert_null(r->res[s->i], "callback ran twice for %d", s->i);
	r->res[s->i] = res;
	r->order[r->got++] = s->i;
	if (r->got == r->expect)
		event_base_loopbreak(r->base);
}

static void
guard_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	cr_assert_fail("the fetches did not end in time");
}

static void
run_init(struct run *r, const struct config *cfg)
{
	struct timeval tv = { 25, 0 };

	memset(r, 0, sizeof *r);
	r->base = event_base_new();
	r->f = fetcher_new(r->base, cfg);
	r->guard = evtimer_new(r->base, guard_cb, NULL);
	evtimer_add(r->guard, &tv);
}

/* Submit request i (owner tagged with owner). */
static void
run_submit(struct run *r, int i, const char *url, const char *etag,
    const char *lm, const void *owner)
{
	struct fetch_request req = { url, etag, lm, owner };

	slots[i].run = r;
	slots[i].i = i;
	r->expect++;
	fetch_submit(r->f, &req, done_cb, &slots[i]);
}

/* A page a.html on each host PREFIX0.demo to PREFIX(n-1).demo. */
static void
write_hosts(const char *prefix, int n)
{
	for (int h = 0; h < n; h++) {
		char *path = xasprintf("%s%d.demo/a.html", prefix, h);

		free(test_write_file(root, path, "a"));
		free(path);
	}
}

/* Submit those pages from slot i on, host h's by &owners[h]; the next free slot. */
static int
submit_hosts(struct run *r, int i, const char *prefix, int n, int *owners)
{
	for (int h = 0; h < n; h++) {
		char *url = xasprintf("http://%s%d.demo/a.html", prefix, h);

		run_submit(r, i++, url, NULL, NULL, &owners[h]);
		free(url);
	}
	return i;
}

/* Drive the loop until every submitted request's callback ran. */
static void
run_loop(struct run *r)
{
	if (r->got < r->expect)
		event_base_dispatch(r->base);
	cr_assert_eq(r->got, r->expect);
	cr_assert_eq(fetcher_pending(r->f), 0);
}

static void
run_free(struct run *r)
{
	fetcher_free(r->f);
	for (int i = 0; i < MAXREQ; i++)
		fetch_result_free(r->res[i]);
	event_free(r->guard);
	event_base_free(r->base);
}

/* Fetch one URL with cfg keys; caller frees the result. */
static struct fetch_result *
fetch_one(const char *keys, const char *url, const char *etag, const char *lm)
{
	struct config *cfg = demo_cfg(keys);
	struct run r;
	struct fetch_result *res;

	run_init(&r, cfg);
	run_submit(&r, 0, url, etag, lm, NULL);
	run_loop(&r);
	res = r.res[0];
	r.res[0] = NULL;
	run_free(&r);
	config_free(cfg);
	return res;
}

/* The fixture server's request log; caller frees. */
static char *
server_log(void)
{
	long st;

	return http_get(fs.port, "control", "/_fixsrv/log", &st);
}

/* How many logged requests contain s. */
static int
log_count(const char *log, const char *s)
{
	int n = 0;

	for (const char *p = log; (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(fetch, page_user_agent_and_encoding)
{
	struct config *cfg = demo_cfg("");
	struct fetch_result *res = fetch_one("", "http://a.demo/", NULL, NULL);
	char *log = server_log(), *line;

	cr_expect_eq(res->err, FETCH_OK, "%s", res->error);
	cr_expect_eq(res->status, 200);
	cr_expect_str_eq((char *)res->body, "<html><body>Trang A</body></html>");
	cr_expect_eq(res->len, strlen("<html><body>Trang A</body></html>"));
	cr_expect_str_eq(res->final_url, "http://a.demo/");
	cr_expect_str_eq(res->url, "http://a.demo/");
	cr_expect(strncmp(res->content_type, "text/html", 9) == 0);
	cr_expect_eq(res->attempts, 1);
	cr_expect_null(res->error);
	/* robots.txt was asked for (404: allow all), with our User-Agent. */
	line = xasprintf("a.demo\t/robots.txt\t%s\t", cfg->user_agent);
	cr_expect_eq(log_count(log, line), 1, "%s", log);
	free(line);
	line = xasprintf("a.demo\t/\t%s\t-\t-\t", cfg->user_agent);
	cr_expect_eq(log_count(log, line), 1, "%s", log);
	cr_expect(strstr(strstr(log, line), "gzip") != NULL, "Accept-Encoding: %s", log);
	free(line);
	free(log);
	fetch_result_free(res);
	config_free(cfg);
}

Test(fetch, refused_is_retried_and_logged_once)
{
	struct config *cfg = demo_cfg("retries = 1\n");
	char *dir = test_tmpdir(), *path = xasprintf("%s/stderr", dir);
	FILE *errf = fopen(path, "w+");
	int saved = dup(2);
	struct run r;
	struct fetch_stats st;
	char text[4096];
	size_t n;

	fflush(stderr);
	dup2(fileno(errf), 2);
	run_init(&r, cfg);
	for (int i = 0; i < 3; i++) {
		char *url = xasprintf("http://closed.demo/p%d", i);

		run_submit(&r, i, url, NULL, NULL, NULL);
		free(url);
	}
	run_loop(&r);
	fetcher_stats(r.f, &st);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	for (int i = 0; i < 3; i++) {
		cr_expect_eq(r.res[i]->err, FETCH_CONNECT, "%d: %s", i,
		    fetch_error_name(r.res[i]->err));
		cr_expect_eq(r.res[i]->attempts, 2);
		cr_expect_eq(r.res[i]->status, 0);
		cr_expect_not_null(r.res[i]->error);
		cr_expect_str_eq((char *)r.res[i]->body, "");
	}
	cr_expect_eq(st.errors, 3);
	cr_expect_eq(st.pages, 0);
	/* robots.txt once, then 3 pages twice each */
	cr_expect_eq(st.requests, 7);
	run_free(&r);
	rewind(errf);
	n = fread(text, 1, sizeof text - 1, errf);
	text[n] = '\0';
	fclose(errf);
	cr_expect_eq(log_count(text, "closed.demo: Couldn't connect"), 1, "%s", text);
	/* robots.txt failed the same way: one warning for the host, not two. */
	cr_expect_eq(log_count(text, "closed.demo: "), 1, "%s", text);
	free(path);
	free(dir);
	config_free(cfg);
}

Test(fetch, hang_times_out)
{
	double t0 = mono();
	struct fetch_result *res = fetch_one("timeout = 1s\nretries = 0\nrobots = no\n",
	    "http://a.demo/hang", NULL, NULL);
	double took = mono() - t0;

	cr_expect_eq(res->err, FETCH_TIMEOUT, "%s", fetch_error_name(res->err));
	cr_expect_str_eq(fetch_error_name(res->err), "timeout");
	/*
	 * Never before the timeout; no upper bound on a loaded machine: the
	 * run's 25 s guard fails a timeout that is not the configured one.
	 */
	cr_expect(took >= 0.9, "took %.2fs", took);
	cr_expect(res->seconds >= 0.9, "seconds %.2f", res->seconds);
	fetch_result_free(res);
}

Test(fetch, slow_body_within_and_beyond_timeout)
{
	struct fetch_result *res = fetch_one("timeout = 1s\nretries = 0\n",
	    "http://a.demo/slow.html", NULL, NULL);

	cr_expect_eq(res->err, FETCH_OK, "%s", res->error);
	cr_expect_eq(res->len, 4096);
	cr_expect(!res->truncated);
	fetch_result_free(res);
	res = fetch_one("timeout = 1s\nretries = 0\n", "http://a.demo/slower.html",
	    NULL, NULL);
	cr_expect_eq(res->err, FETCH_TIMEOUT, "%s", fetch_error_name(res->err));
	fetch_result_free(res);
}

Test(fetch, retries_5xx_until_200)
{
	struct fetch_result *res = fetch_one("timeout = 1s\nretries = 2\n",
	    "http://a.demo/flaky", NULL, NULL);

	cr_expect_eq(res->err, FETCH_OK);
	cr_expect_eq(res->status, 200);
	cr_expect_eq(res->attempts, 3);
	cr_expect_str_eq((char *)res->body, "ok now");
	fetch_result_free(res);
	/* Always 503: after the retries, the last response is the result. */
	res = fetch_one("timeout = 1s\nretries = 1\n", "http://a.demo/down", NULL, NULL);
	cr_expect_eq(res->err, FETCH_OK);
	cr_expect_eq(res->status, 503);
	cr_expect_eq(res->attempts, 2);
	fetch_result_free(res);
	/* Reset before any reply: a connection error, retried. */
	res = fetch_one("timeout = 1s\nretries = 2\n", "http://a.demo/reset", NULL, NULL);
	cr_expect_eq(res->err, FETCH_CONNECT, "%s", fetch_error_name(res->err));
	cr_expect_eq(res->attempts, 3);
	fetch_result_free(res);
}

Test(fetch, honours_retry_after)
{
	double t0 = mono();
	struct fetch_result *res = fetch_one("timeout = 3s\nretries = 1\n",
	    "http://a.demo/busy", NULL, NULL);
	double took = mono() - t0;

	cr_expect_eq(res->err, FETCH_OK);
	cr_expect_eq(res->status, 200);
	cr_expect_eq(res->attempts, 2);
	/* The retry waited for Retry-After (never sooner); a busy machine may add to it. */
	cr_expect(took >= 1.0, "took %.2fs for Retry-After: 1", took);
	fetch_result_free(res);
}

Test(fetch, redirects_chain_loop_and_limit)
{
	struct fetch_result *res = fetch_one("", "http://a.demo/r1", NULL, NULL);

	cr_expect_eq(res->err, FETCH_OK);
	cr_expect_str_eq(res->final_url, "http://b.demo/final.html");
	cr_expect_str_eq(res->url, "http://a.demo/r1");
	cr_expect_str_eq((char *)res->body, "final");
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/loop", NULL, NULL);
	cr_expect_eq(res->err, FETCH_REDIRECTS, "%s", fetch_error_name(res->err));
	cr_expect_eq(res->attempts, 1);
	cr_expect_str_eq(res->error, "redirect loop back to http://a.demo/loop");
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/l1", NULL, NULL);
	cr_expect_eq(res->err, FETCH_REDIRECTS, "%s", fetch_error_name(res->err));
	cr_expect_str_eq(res->error, "redirect loop back to http://a.demo/l1");
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/c1", NULL, NULL);
	cr_expect_eq(res->err, FETCH_REDIRECTS, "6 redirects: %s", fetch_error_name(res->err));
	cr_expect_str_eq(res->error, "more than 5 redirects");
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/c2", NULL, NULL);
	cr_expect_eq(res->err, FETCH_OK, "5 redirects: %s", fetch_error_name(res->err));
	cr_expect_str_eq((char *)res->body, "end of chain");
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/ftp", NULL, NULL);
	cr_expect_eq(res->err, FETCH_OTHER, "to ftp: %s", fetch_error_name(res->err));
	fetch_result_free(res);
}

Test(fetch, max_bytes_cuts_big_endless_and_bombs)
{
	const char *keys = "max_bytes = 10K\ntimeout = 5s\n";
	struct fetch_result *res = fetch_one(keys, "http://a.demo/big", NULL, NULL);
	struct fetch_stats st;

	cr_expect_eq(res->err, FETCH_OK);
	cr_expect(res->truncated);
	cr_expect_eq(res->len, 10240);
	cr_expect_eq(strlen((char *)res->body), 10240);
	cr_expect(strncmp((char *)res->body, "<html><body>", 12) == 0);
	fetch_result_free(res);
	res = fetch_one(keys, "http://a.demo/endless", NULL, NULL);
	cr_expect_eq(res->err, FETCH_OK);
	cr_expect(res->truncated);
	cr_expect_eq(res->len, 10240);
	fetch_result_free(res);
	res = fetch_one(keys, "http://a.demo/bomb", NULL, NULL);
	cr_expect_eq(res->err, FETCH_OK, "%s", res->error);
	cr_expect(res->truncated);
	cr_expect_eq(res->len, 10240);
	cr_expect_eq(res->body[0], '\0');
	fetch_result_free(res);
	res = fetch_one(keys, "http://a.demo/zipped.html", NULL, NULL);
	cr_expect_eq(res->err, FETCH_OK);
	cr_expect(!res->truncated);
	cr_expect_str_eq((char *)res->body, "<p>nén gzip</p>");
	fetch_result_free(res);
	(void)st;
}

Test(fetch, mid_body_reset)
{
	struct fetch_result *res = fetch_one("timeout = 2s\nretries = 1\n",
	    "http://a.demo/cut.html", NULL, NULL);

	cr_expect_eq(res->err, FETCH_CONNECT, "%s", fetch_error_name(res->err));
	cr_expect_eq(res->attempts, 2);
	cr_expect(res->len <= 500);
	fetch_result_free(res);
}

Test(fetch, conditional_get)
{
	struct fetch_result *res = fetch_one("", "http://a.demo/cached.html", NULL, NULL);
	char *log;

	cr_expect_eq(res->status, 200);
	cr_expect_str_eq(res->etag, "\"v1\"");
	cr_expect_str_eq(res->last_modified, "Tue, 01 Sep 2026 10:00:00 GMT");
	cr_expect(!res->not_modified);
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/cached.html", "\"v1\"", NULL);
	cr_expect_eq(res->err, FETCH_OK);
	cr_expect_eq(res->status, 304);
	cr_expect(res->not_modified);
	cr_expect_eq(res->len, 0);
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/cached.html", NULL,
	    "Tue, 01 Sep 2026 10:00:00 GMT");
	cr_expect(res->not_modified);
	fetch_result_free(res);
	res = fetch_one("", "http://a.demo/cached.html", "\"v0\"",
	    "Mon, 01 Jun 2026 10:00:00 GMT");
	cr_expect_eq(res->status, 200, "a changed page is sent again");
	cr_expect(!res->not_modified);
	fetch_result_free(res);
	log = server_log();
	cr_expect(strstr(log, "/cached.html\t") != NULL);
	cr_expect(strstr(log, "\t\"v1\"\t-\t") != NULL, "If-None-Match: %s", log);
	cr_expect(strstr(log, "\t-\tTue, 01 Sep 2026 10:00:00 GMT\t") != NULL,
	    "If-Modified-Since: %s", log);
	free(log);
}

Test(fetch, per_host_limit_and_fair_queue)
{
	struct config *cfg = demo_cfg("concurrency = 16\nper_host = 2\nrobots = no\n");
	struct run r;
	int i = 0;

	run_init(&r, cfg);
	for (int p = 0; p < 8; p++) {
		for (int h = 0; h < 3; h++) {
			char *url = xasprintf("http://d%d.demo/p%d.html", h, p);

			run_submit(&r, i++, url, NULL, NULL, NULL);
			free(url);
		}
	}
	run_loop(&r);
	for (int k = 0; k < i; k++)
		cr_expect_eq(r.res[k]->err, FETCH_OK);
	for (int h = 0; h < 3; h++) {
		char host[32];
		long requests;
		int most;

		snprintf(host, sizeof host, "d%d.demo", h);
		cr_assert_eq(fixsrv_host_stats(&fs, host, &requests, &most), 0);
		cr_expect_eq(requests, 8);
		cr_expect_eq(most, 2, "%s had %d in flight", host, most);
	}
	run_free(&r);
	config_free(cfg);
}

Test(fetch, hanging_host_costs_only_its_slots)
{
	struct config *cfg = demo_cfg("concurrency = 4\nper_host = 2\ntimeout = 2s\n"
	    "retries = 0\nrobots = no\n");
	struct run r;
	int i = 0;

	run_init(&r, cfg);
	/* The hanging host's requests come first; the fast host must not wait for them. */
	for (int k = 0; k < 4; k++) {
		char *url = xasprintf("http://hang.demo/p%d", k);

		run_submit(&r, i++, url, NULL, NULL, NULL);
		free(url);
	}
	for (int k = 0; k < 10; k++) {
		char *url = xasprintf("http://fast.demo/p%d.html", k);

		run_submit(&r, i++, url, NULL, NULL, NULL);
		free(url);
	}
	run_loop(&r);
	for (int k = 0; k < 10; k++)
		cr_expect_geq(r.order[k], 4, "fast pages first, got %d at %d", r.order[k], k);
	for (int k = 0; k < 4; k++)
		cr_expect_eq(r.res[k]->err, FETCH_TIMEOUT);
	run_free(&r);
	config_free(cfg);
}

Test(fetch, robots_disallow_and_crawl_delay)
{
	struct config *cfg = demo_cfg("per_host = 2\n");
	const char *urls[] = {
		"http://r.demo/a.html", "http://r.demo/private/x.html",
		"http://r.demo/private/ok.html", "http://r.demo/b.html",
	};
	struct run r;
	double t0 = mono(), took;
	char *log;

	run_init(&r, cfg);
	for (int i = 0; i < 4; i++)
		run_submit(&r, i, urls[i], NULL, NULL, NULL);
	run_loop(&r);
	took = mono() - t0;
	cr_expect_eq(r.res[0]->err, FETCH_OK);
	cr_expect_eq(r.res[1]->err, FETCH_ROBOTS);
	cr_expect_str_eq(fetch_error_name(r.res[1]->err), "robots");
	cr_expect_eq(r.res[1]->attempts, 0);
	cr_expect_eq(r.res[2]->err, FETCH_OK);
	cr_expect_str_eq((char *)r.res[2]->body, "ok");
	cr_expect_eq(r.res[3]->err, FETCH_OK);
	/* Three pages, one second apart at least (a lower bound cannot flake). */
	cr_expect(took >= 2.0, "took %.2fs", took);
	log = server_log();
	cr_expect_eq(log_count(log, "r.demo\t/robots.txt\t"), 1, "%s", log);
	cr_expect_eq(log_count(log, "/private/x.html"), 0, "%s", log);
	free(log);

	/* A new pass reads robots.txt again. */
	fetcher_new_pass(r.f);
	run_submit(&r, 4, "http://r.demo/a.html", NULL, NULL, NULL);
	run_loop(&r);
	cr_expect_eq(r.res[4]->err, FETCH_OK);
	log = server_log();
	cr_expect_eq(log_count(log, "r.demo\t/robots.txt\t"), 2, "%s", log);
	free(log);
	run_free(&r);
	config_free(cfg);
}

Test(fetch, robots_5xx_allows_all_and_robots_off)
{
	struct fetch_result *res = fetch_one("", "http://e.demo/a.html", NULL, NULL);
	char *log;

	cr_expect_eq(res->err, FETCH_OK);
	fetch_result_free(res);
	res = fetch_one("robots = no\n", "http://r.demo/private/x.html", NULL, NULL);
	cr_expect_eq(res->err, FETCH_OK);
	cr_expect_str_eq((char *)res->body, "secret");
	fetch_result_free(res);
	log = server_log();
	cr_expect_eq(log_count(log, "r.demo\t/robots.txt\t"), 0, "%s", log);
	free(log);
}

Test(fetch, cancel_and_free)
{
	struct config *cfg = demo_cfg("timeout = 5s\nrobots = no\nper_host = 1\n");
	struct run r;
	int mine, other;

	run_init(&r, cfg);
	run_submit(&r, 0, "http://hang.demo/1", NULL, NULL, &mine);
	run_submit(&r, 1, "http://hang.demo/2", NULL, NULL, &mine);
	run_submit(&r, 2, "http://fast.demo/p1.html", NULL, NULL, &other);
	run_submit(&r, 3, "not a url", NULL, NULL, &other);
	run_submit(&r, 4, "ftp://a.demo/x", NULL, NULL, &other);
	cr_expect_eq(fetcher_pending(r.f), 5);
	cr_expect_eq(r.got, 0, "callbacks run later, from the loop");
	r.expect = 3;
	event_base_dispatch(r.base);
	cr_expect_eq(r.res[2]->err, FETCH_OK);
	cr_expect_eq(r.res[3]->err, FETCH_OTHER);
	cr_expect_eq(r.res[4]->err, FETCH_OTHER);
	cr_expect_eq(fetcher_pending(r.f), 2);
	/* One in flight, one queued behind per_host = 1: both cancelled now. */
	fetcher_cancel(r.f, &mine);
	cr_expect_eq(r.got, 5);
	cr_expect_eq(r.res[0]->err, FETCH_CANCELLED);
	cr_expect_eq(r.res[1]->err, FETCH_CANCELLED);
	cr_expect_eq(fetcher_pending(r.f), 0);
	/* fetcher_free cancels what is left. */
	run_submit(&r, 5, "http://hang.demo/3", NULL, NULL, NULL);
	fetcher_free(r.f);
	r.f = NULL;
	cr_expect_eq(r.got, 6);
	cr_expect_eq(r.res[5]->err, FETCH_CANCELLED);
	for (int i = 0; i < MAXREQ; i++)
		fetch_result_free(r.res[i]);
	event_free(r.guard);
	event_base_free(r.base);
	config_free(cfg);
}

Test(fetch, error_names)
{
	cr_expect_str_eq(fetch_error_name(FETCH_OK), "ok");
	cr_expect_str_eq(fetch_error_name(FETCH_CONNECT), "connect");
	cr_expect_str_eq(fetch_error_name(FETCH_REDIRECTS), "redirects");
	cr_expect_str_eq(fetch_error_name(FETCH_CANCELLED), "cancelled");
	cr_expect_str_eq(fetch_error_name(FETCH_OTHER), "other");
}

/* robots.txt rules alone */

Test(robots, groups_longest_match_and_wildcards)
{
	const char *txt =
	    "# comment\n"
	    "User-agent: *\n"
	    "Disallow: /\n"
	    "\n"
	    "User-agent: Googlebot\n"
	    "User-agent: tctt/2.0\n"
	    "Disallow: /a\n"
	    "Allow: /a/b\n"
	    "Disallow: /*.pdf$\n"
	    "Disallow: /x*/y\n"
	    "Allow: /same\n"
	    "Disallow: /same\n"
	    "Disallow:\n"
	    "Crawl-delay: 2.5\n";
	struct robots *r = robots_parse(txt, strlen(txt), "tctt");

	cr_expect(robots_allowed(r, "/"));
	cr_expect(!robots_allowed(r, "/a"));
	cr_expect(!robots_allowed(r, "/a/c"));
	cr_expect(robots_allowed(r, "/a/b/c"));
	cr_expect(!robots_allowed(r, "/doc.pdf"));
	cr_expect(robots_allowed(r, "/doc.pdf?x=1"));
	cr_expect(!robots_allowed(r, "/xx/zz/y"));
	cr_expect(robots_allowed(r, "/xx/zz"));
	cr_expect(robots_allowed(r, "/same"), "Allow wins a tie");
	cr_expect_float_eq(robots_crawl_delay(r), 2.5, 1e-9);
	robots_free(r);

	r = robots_parse(txt, strlen(txt), "otherbot");
	cr_expect(!robots_allowed(r, "/"), "the * group");
	cr_expect_float_eq(robots_crawl_delay(r), 0, 1e-9);
	robots_free(r);

	r = robots_parse("garbage\n\0more", 14, "tctt");
	cr_expect(robots_allowed(r, "/anything"));
	robots_free(r);
	cr_expect(robots_allowed(NULL, "/"));
}

Test(robots, agent_token)
{
	char *t = robots_agent_token("tctt/1.0 (+mailto:x@y)");

	cr_expect_str_eq(t, "tctt");
	free(t);
	t = robots_agent_token("Mozilla");
	cr_expect_str_eq(t, "Mozilla");
	free(t);
}

Test(fetch, big_site_does_not_starve_a_small_one)
{
	struct config *cfg = demo_cfg("concurrency = 2\nper_host = 2\nrobots = no\n");
	struct run r;
	int pos = -1;

	run_init(&r, cfg);
	for (int p = 0; p < 8; p++) {
		char *url = xasprintf("http://d0.demo/p%d.html", p);

		run_submit(&r, p, url, NULL, NULL, NULL);
		free(url);
	}
	run_submit(&r, 8, "http://fast.demo/p0.html", NULL, NULL, NULL);
	run_loop(&r);
	for (int k = 0; k < 9; k++)
		if (r.order[k] == 8)
			pos = k;
	cr_expect(pos >= 0 && pos <= 2, "the small site's page came back as #%d of 9", pos);
	run_free(&r);
	config_free(cfg);
}

Test(fetch, proxy_is_used)
{
	struct config *cfg = NULL;
	char *cause = NULL, *log;
	char *text = xasprintf("[daemon]\nproxy = http://127.0.0.1:%d\nrobots = no\n" UNIT,
	    fs.port);
	struct run r;

	if (config_load_string("t.conf", text, &cfg, &cause) == -1)
		cr_assert_fail("config: %s", cause);
	free(text);
	run_init(&r, cfg);
	run_submit(&r, 0, "http://a.demo/", NULL, NULL, NULL);
	run_loop(&r);
	cr_expect_eq(r.res[0]->err, FETCH_OK, "%s", r.res[0]->error);
	cr_expect_str_eq((char *)r.res[0]->body, "<html><body>Trang A</body></html>");
	log = server_log();
	cr_expect(strstr(log, "a.demo\thttp://a.demo/\t") != NULL, "absolute URI via proxy: %s", log);
	free(log);
	run_free(&r);
	config_free(cfg);
}

/*
 * Without owners (NULL counts for two hosts) concurrency connections are
 * kept: a host served long ago needs a new connection, the last one served
 * reuses its own.
 */
Test(fetch, connection_cache_is_bounded_and_reused)
{
	struct config *cfg = demo_cfg("concurrency = 2\nper_host = 1\nrobots = no\n");
	struct fetch_stats st;
	struct run r;
	uint64_t before;
	int i = 0;

	for (int h = 0; h < 10; h++) {
		char *path = xasprintf("c%d.demo/a.html", h);

		free(test_write_file(root, path, "a"));
		free(path);
	}
	run_init(&r, cfg);
	for (int h = 0; h < 10; h++) {
		char *url = xasprintf("http://c%d.demo/a.html", h);

		run_submit(&r, i++, url, NULL, NULL, NULL);
		free(url);
	}
	run_loop(&r);
	fetcher_stats(r.f, &st);
	cr_expect_eq(st.connects, 10, "one connection a host");
	before = st.connects;
	run_submit(&r, i++, "http://c9.demo/a.html", NULL, NULL, NULL);
	run_loop(&r);
	fetcher_stats(r.f, &st);
	cr_expect_eq(st.connects, before, "the last host's connection is reused");
	run_submit(&r, i++, "http://c0.demo/a.html", NULL, NULL, NULL);
	run_loop(&r);
	fetcher_stats(r.f, &st);
	cr_expect_eq(st.connects, before + 1, "the first host's connection was not kept");
	for (int k = 0; k < i; k++)
		cr_expect_eq(r.res[k]->err, FETCH_OK);
	cr_expect_gt(st.wire_bytes, 0);
	run_free(&r);
	config_free(cfg);
}

/*
 * What the fetcher keeps about hosts with nothing queued is bounded
 * (FETCH_IDLE_HOSTS, or 2 x concurrency): a host served long ago is
 * forgotten, its robots.txt read again; the last host served is not.
 */
Test(fetch, idle_hosts_are_bounded)
{
	struct config *cfg = demo_cfg("concurrency = 2\nper_host = 1\n");
	const int n = FETCH_IDLE_HOSTS + 2;
	struct run r;
	char *log;
	int i = 0;

	cr_assert_lt(n + 2, MAXREQ);
	for (int h = 0; h < n; h++) {
		char *path = xasprintf("i%d.demo/a.html", h);

		free(test_write_file(root, path, "a"));
		free(path);
	}
	run_init(&r, cfg);
	for (int h = 0; h < n; h++) {
		char *url = xasprintf("http://i%d.demo/a.html", h);

		run_submit(&r, i++, url, NULL, NULL, NULL);
		free(url);
		run_loop(&r);	/* one host after the other */
	}
	run_submit(&r, i++, "http://i0.demo/a.html", NULL, NULL, NULL);
	run_loop(&r);
	run_submit(&r, i++, "http://i1.demo/a.html", NULL, NULL, NULL);
	run_submit(&r, i++, "http://i1.demo/a.html", NULL, NULL, NULL);
	run_loop(&r);
	for (int k = 0; k < i; k++)
		cr_expect_eq(r.res[k]->err, FETCH_OK);
	log = server_log();
	cr_expect_eq(log_count(log, "i0.demo\t/robots.txt\t"), 2, "forgotten, read again");
	cr_expect_eq(log_count(log, "i1.demo\t/robots.txt\t"), 2, "forgotten, read again once");
	cr_expect_eq(log_count(log, "i9.demo\t/robots.txt\t"), 1);
	free(log);
	run_free(&r);
	config_free(cfg);
}

/*
 * Pages that redirect to another host, as many in flight as concurrency:
 * each transfer holds a connection to both hosts, and the cache keeps
 * them all, so after the first round no connection is made again.
 */
Test(fetch, connections_to_a_redirect_target_are_kept_too)
{
	struct config *cfg = demo_cfg("concurrency = 2\nper_host = 2\nrobots = no\n");
	struct fetch_stats st;
	struct run r;
	uint64_t first = 0;
	int i = 0;

	free(test_write_file(root, "rx.demo/_rules", "/p* redirect 301 http://ry.demo/final.html\n"));
	free(test_write_file(root, "ry.demo/final.html", "<p>final</p>"));
	run_init(&r, cfg);
	for (int round = 0; round < 5; round++) {
		for (int k = 0; k < 2; k++) {
			char *url = xasprintf("http://rx.demo/p%d", i);

			run_submit(&r, i++, url, NULL, NULL, NULL);
			free(url);
		}
		run_loop(&r);
		fetcher_stats(r.f, &st);
		if (round == 0)
			first = st.connects;
	}
	cr_expect_eq(st.connects, first, "%llu connections after the first round's %llu",
	    (unsigned long long)st.connects, (unsigned long long)first);
	for (int k = 0; k < i; k++)
		cr_expect_eq(r.res[k]->err, FETCH_OK);
	run_free(&r);
	config_free(cfg);
}

/*
 * A server may announce any Content-Length: what is reserved for the body
 * before its bytes come is bounded (BODY_RESERVE_MAX), whatever max_bytes
 * allows, so a lying length of 64 GiB is a short page, not "out of memory".
 */
Test(fetch, a_lying_content_length_reserves_little)
{
	struct config *cfg = demo_cfg("max_bytes = 64G\nrobots = no\n");
	struct run r;

	free(test_write_file(root, "liar.demo/_rules", "/x announce 68719476736\n"));
	free(test_write_file(root, "liar.demo/x", "<p>hello</p>"));
	run_init(&r, cfg);
	run_submit(&r, 0, "http://liar.demo/x", NULL, NULL, NULL);
	run_loop(&r);
	cr_expect_neq(r.res[0]->err, FETCH_OK, "the body ended short of its length");
	run_free(&r);
	config_free(cfg);
}

/*
 * The cache keeps connections for the hosts of owners not done (a pass in
 * flight), between concurrency and 2 x concurrency: once every owner is
 * done, the connections they used go first, down to concurrency; with
 * the owners still in flight all 2 x concurrency would stay.
 */
Test(fetch, connections_of_owners_done_go_first)
{
	struct config *cfg = demo_cfg("concurrency = 2\nper_host = 1\nrobots = no\n");
	struct fetch_stats st;
	struct run r;
	int owners[10], later, i = 0;
	uint64_t before;

	write_hosts("d", 10);
	run_init(&r, cfg);
	i = submit_hosts(&r, i, "d", 10, owners);
	run_loop(&r);
	for (int h = 0; h < 10; h++)
		fetcher_owner_done(r.f, &owners[h]);
	fetcher_stats(r.f, &st);
	before = st.connects;
	/* Each connection given back closes the oldest idle one past the bound. */
	run_submit(&r, i++, "http://d9.demo/a.html", NULL, NULL, &later);
	run_loop(&r);
	run_submit(&r, i++, "http://d8.demo/a.html", NULL, NULL, &later);
	run_loop(&r);
	fetcher_stats(r.f, &st);
	cr_expect_eq(st.connects, before, "the last two hosts' connections are reused");
	run_submit(&r, i++, "http://d7.demo/a.html", NULL, NULL, &later);
	run_loop(&r);
	fetcher_stats(r.f, &st);
	cr_expect_eq(st.connects, before + 1, "a done owner's third last host was not kept");
	for (int k = 0; k < i; k++)
		cr_expect_eq(r.res[k]->err, FETCH_OK);
	fetcher_owner_done(r.f, &later);
	run_free(&r);
	config_free(cfg);
}

/*
 * Owners in flight raise what is kept above concurrency, per_host for each
 * of their hosts: four live owners on four hosts keep four connections
 * where concurrency alone would keep two.
 */
Test(fetch, live_owners_keep_their_hosts_connections)
{
	struct config *cfg = demo_cfg("concurrency = 2\nper_host = 1\nrobots = no\n");
	struct fetch_stats st;
	struct run r;
	int owners[4], i = 0;
	uint64_t before;

	write_hosts("e", 4);
	run_init(&r, cfg);
	i = submit_hosts(&r, i, "e", 4, owners);
	run_loop(&r);
	fetcher_stats(r.f, &st);
	before = st.connects;
	for (int h = 0; h < 4; h++) {
		char *url = xasprintf("http://e%d.demo/a.html", h);

		run_submit(&r, i++, url, NULL, NULL, &owners[h]);
		free(url);
		run_loop(&r);
	}
	fetcher_stats(r.f, &st);
	cr_expect_eq(st.connects, before, "%llu connections made again",
	    (unsigned long long)(st.connects - before));
	for (int k = 0; k < i; k++)
		cr_expect_eq(r.res[k]->err, FETCH_OK);
	for (int h = 0; h < 4; h++)
		fetcher_owner_done(r.f, &owners[h]);
	run_free(&r);
	config_free(cfg);
}

/*
 * test_dashboard_limits.c: the dashboard as an HTTP server facing hostile
 * clients (SPEC "Operations": 8 KiB of request line and headers, 64 KiB of
 * body, timeouts for idle and slow clients, capped connections) and its
 * health check, on the real binary over loopback.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "config.h"
#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

/* A database the dashboard opened but can no longer read answers 503, with the cause. */
Test(dashboard_limits, healthz_fails_when_the_database_cannot_be_read, .timeout = 300)
{
	struct dashsrv s;
	sqlite3 *db;
	long status;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	free(b);
	cr_assert_eq(sqlite3_open(s.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	cr_assert_eq(sqlite3_exec(db, "DROP TABLE pass", NULL, NULL, NULL), SQLITE_OK,
	    "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	b = dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 503, "%s", b);
	cr_expect(strstr(b, "cannot read the database") != NULL && strstr(b, "pass") != NULL,
	    "%s", b);
	free(b);
	dashsrv_stop(&s);
}

/* A TCP connection to the dashboard on loopback. */
static int
dial(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	cr_assert_neq(fd, -1, "%s", strerror(errno));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0, "%s", strerror(errno));
	return fd;
}

/* Read until the server closes (20 s at most, then fail); caller frees. */
static char *
read_to_close(int fd)
{
	struct buf b = { 0 };
	struct pollfd pfd = { fd, POLLIN, 0 };
	char chunk[8192];
	ssize_t n;

	buf_add(&b, "", 0);
	for (;;) {
		cr_assert_eq(poll(&pfd, 1, 20000), 1, "the server neither answered nor closed: %s",
		    b.data);
		if ((n = read(fd, chunk, sizeof chunk)) <= 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

/* Send req (len bytes) on a new connection, half-close, read all; caller frees. */
static char *
exchange(int port, const char *req, size_t len)
{
	int fd = dial(port);
	char *r;

	cr_assert_eq(write(fd, req, len), (ssize_t)len);
	shutdown(fd, SHUT_WR);
	r = read_to_close(fd);
	close(fd);
	return r;
}

/* Replies in r ("HTTP/1.1 " at a line start). */
static int
count_replies(const char *r)
{
	int n = 0;

	for (const char *p = r; (p = strstr(p, "HTTP/1.1 ")) != NULL; p++)
		n += p == r || p[-1] == '\n';
	return n;
}

/* An error reply: the status wanted, and the headers every reply of ours carries. */
static void
expect_error(const char *r, const char *status, const char *what)
{
	cr_expect(strncmp(r, status, strlen(status)) == 0, "%s: %.300s", what, r);
	cr_expect(strstr(r, "\r\nContent-Security-Policy: default-src 'none'") != NULL,
	    "%s: no CSP: %.600s", what, r);
	cr_expect(strstr(r, "\r\nX-Content-Type-Options: nosniff") != NULL, "%s", what);
	cr_expect(strstr(r, "\r\nX-Frame-Options: DENY") != NULL, "%s", what);
}

/* GET / with a header block of about size bytes; caller frees. */
static char *
big_request(size_t size)
{
	struct buf b = { 0 };

	buf_puts(&b, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
	while (b.len + 40 < size)
		buf_puts(&b, "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
	buf_puts(&b, "\r\n");
	buf_putc(&b, '\0');
	return buf_steal(&b);
}

Test(dashboard_limits, request_heads_are_checked, .timeout = 300)
{
	static const char no_host[] = "GET /healthz HTTP/1.1\r\n\r\n";
	static const char two_lengths[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n"
	    "Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef";
	static const char chunked[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
	static const char big_body[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n"
	    "Content-Length: 70000\r\n\r\n";
	static const char bad_line[] = "GET /healthz\r\nHost: x\r\n\r\n";
	static const char http10[] = "GET /healthz HTTP/1.0\r\n\r\n";
	static const char post[] = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
	struct dashsrv s;
	char *req, *r;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	req = big_request(9 * 1024);
	r = exchange(s.port, req, strlen(req));
	cr_expect(strncmp(r, "HTTP/1.1 431", 12) == 0 || strncmp(r, "HTTP/1.1 400", 12) == 0,
	    "a 9 KiB head: %.200s", r);
	expect_error(r, "HTTP/1.1 4", "9 KiB head");
	free(r);
	free(req);
	req = big_request(8000);
	r = exchange(s.port, req, strlen(req));
	cr_expect(strncmp(r, "HTTP/1.1 200", 12) == 0, "a head under 8 KiB: %.200s", r);
	free(r);
	free(req);
	r = exchange(s.port, no_host, sizeof no_host - 1);
	expect_error(r, "HTTP/1.1 400", "HTTP/1.1 without Host");
	free(r);
	r = exchange(s.port, two_lengths, sizeof two_lengths - 1);
	expect_error(r, "HTTP/1.1 400", "conflicting Content-Length");
	free(r);
	r = exchange(s.port, chunked, sizeof chunked - 1);
	expect_error(r, "HTTP/1.1 400", "Transfer-Encoding");
	free(r);
	r = exchange(s.port, big_body, sizeof big_body - 1);
	expect_error(r, "HTTP/1.1 413", "a 70,000-byte body");
	free(r);
	r = exchange(s.port, bad_line, sizeof bad_line - 1);
	expect_error(r, "HTTP/1.1 400", "a request line without version");
	free(r);
	r = exchange(s.port, http10, sizeof http10 - 1);
	cr_expect(strncmp(r, "HTTP/1.0 200", 12) == 0 || strncmp(r, "HTTP/1.1 200", 12) == 0,
	    "HTTP/1.0 needs no Host: %.200s", r);
	free(r);
	r = exchange(s.port, post, sizeof post - 1);
	expect_error(r, "HTTP/1.1 405", "POST");
	free(r);
	dashsrv_stop(&s);
}

/* Four pipelined requests and a half-close: four answers, in order. */
Test(dashboard_limits, pipelined_requests_then_half_close_get_every_answer, .timeout = 300)
{
	static const char req[] =
	    "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
	    "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
	    "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
	    "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
	struct dashsrv s;
	char *r, *p;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	r = exchange(s.port, req, sizeof req - 1);
	cr_expect_eq(count_replies(r), 4, "%s", r);
	p = strstr(r, "HTTP/1.1 404");
	cr_expect(p != NULL && strstr(r, "HTTP/1.1 200") < p, "in order: %.2000s", r);
	cr_expect(strstr(r, "\r\n\r\nok\n") != NULL);
	free(r);
	dashsrv_stop(&s);
}

/* A client trickling its header a byte at a time is dropped after the header timeout. */
Test(dashboard_limits, trickling_client_is_dropped, .timeout = 300)
{
	static const char part[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
	struct dashsrv s;
	struct pollfd pfd;
	int fd, sent = 0;
	char ch;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	fd = dial(s.port);
	cr_assert_eq(write(fd, part, sizeof part - 1), (ssize_t)(sizeof part - 1));
	pfd.fd = fd;
	pfd.events = POLLIN;
	/* One byte each 300 ms, until the server closes (or 40 s: not dropped). */
	while (poll(&pfd, 1, 300) == 0) {
		cr_assert_lt(sent, 40000 / 300, "a trickling client was never dropped");
		if (write(fd, "a", 1) != 1)
			break;
		sent++;
	}
	cr_expect_leq(read(fd, &ch, 1), 0, "dropped, not answered");
	cr_log_info("trickling client dropped after %d bytes (~%d ms)", sent, sent * 300);
	close(fd);
	dashsrv_stop(&s);
}

static int64_t
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * 1,500 idle and 200 slow connections: a normal request is still answered,
 * and the server keeps at most FRONT_MAX_CONNS open (it closes the oldest
 * idle ones to make room).
 */
Test(dashboard_limits, flood_of_idle_and_slow_connections, .timeout = 400)
{
	enum { IDLE = 1500, SLOW = 200, CAP = 1024 };
	static const char part[] = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: a";
	static int fds[IDLE + SLOW];
	struct pollfd *pfds;
	struct dashsrv s;
	int64_t t0, ms;
	int closed = 0;
	long status;
	char *b;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	for (int i = 0; i < IDLE + SLOW; i++) {
		fds[i] = dial(s.port);
		if (i >= IDLE)
			cr_assert_eq(write(fds[i], part, sizeof part - 1), (ssize_t)(sizeof part - 1));
	}
	t0 = ms_now();
	b = dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	ms = ms_now() - t0;
	cr_expect_eq(status, 200, "a normal request through the flood: %s", b);
	cr_log_info("answered in %lld ms through %d idle and %d slow connections",
	    (long long)ms, IDLE, SLOW);
	free(b);
	/* The server closed the oldest idle ones beyond its cap. */
	pfds = xcalloc(IDLE + SLOW, sizeof *pfds);
	for (int64_t end = ms_now() + 20000; closed < IDLE + SLOW - CAP && ms_now() < end;) {
		closed = 0;
		for (int i = 0; i < IDLE + SLOW; i++) {
			pfds[i].fd = fds[i];
			pfds[i].events = POLLIN;
			pfds[i].revents = 0;
		}
		poll(pfds, IDLE + SLOW, 200);
		for (int i = 0; i < IDLE + SLOW; i++)
			closed += (pfds[i].revents & (POLLIN | POLLHUP)) != 0;
	}
	cr_expect_geq(closed, IDLE + SLOW - CAP, "open connections are capped: %d of %d closed",
	    closed, IDLE + SLOW);
	for (int i = 0; i < IDLE + SLOW; i++)
		close(fds[i]);
	free(pfds);
	b = dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	free(b);
	dashsrv_stop(&s);
}

/* The dashboard's database descriptors are open read-only: it cannot write, whatever the file's mode. */
Test(dashboard_limits, database_is_opened_read_only, .timeout = 300)
{
	struct dashsrv s;
	char dirpath[64], link[PATH_MAX], path[PATH_MAX], *b;
	long status;
	int seen = 0;
	DIR *dir;
	struct dirent *de;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	b = dash_http(s.port, "GET", "/", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	free(b);
	snprintf(dirpath, sizeof dirpath, "/proc/%ld/fd", (long)s.pid);
	cr_assert_not_null(dir = opendir(dirpath));
	while ((de = readdir(dir)) != NULL) {
		char info[512], line[256];
		ssize_t n;
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dirpath, de->d_name);
		if ((n = readlink(path, link, sizeof link - 1)) <= 0)
			continue;
		link[n] = '\0';
		/* The database itself (its -wal and -shm are SQLite's to map). */
		if (strcmp(link, s.db) != 0)
			continue;
		snprintf(info, sizeof info, "/proc/%ld/fdinfo/%s", (long)s.pid, de->d_name);
		cr_assert_not_null(f = fopen(info, "r"));
		while (fgets(line, sizeof line, f) != NULL) {
			unsigned long flags;

			if (sscanf(line, "flags: %lo", &flags) == 1) {
				cr_expect_eq(flags & O_ACCMODE, (unsigned long)O_RDONLY,
				    "%s open with flags %lo", link, flags);
				seen++;
			}
		}
		fclose(f);
	}
	closedir(dir);
	cr_expect_geq(seen, 1, "the database is open");
	dashsrv_stop(&s);
}

/* With no [dashboard] listen, the dashboard binds to loopback only. */
Test(dashboard_limits, listener_defaults_to_loopback)
{
	struct config *cfg;
	char *cause = NULL;

	cr_assert_eq(config_load_string("t.conf", "[unit:a]\nname = A\nkind = agency\n"
	    "url = http://a.test/\n", &cfg, &cause), 0, "%s", cause);
	cr_expect_str_eq(cfg->listen, "127.0.0.1:8080");
	config_free(cfg);
}

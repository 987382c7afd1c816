/* test_dashboard_hostile.c: the real tctt-dashboard under raw, malformed and abusive HTTP. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

/* A TCP connection to the dashboard on loopback. */
static int
hostile_connect(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	cr_assert_neq(fd, -1);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	return fd;
}

/* Send raw bytes, read until the server closes (10 s at most); caller frees. */
static char *
hostile_raw(int port, const char *req, size_t len)
{
	struct buf b = { 0 };
	struct pollfd pfd;
	char chunk[8192];
	ssize_t n;
	int fd = hostile_connect(port);

	cr_assert_eq(write(fd, req, len), (ssize_t)len);
	buf_add(&b, "", 0);
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 10000) == 1 && (n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	return buf_steal(&b);
}

Test(dashboard_hostile, head_reply_has_no_body)
{
	static const char req[] =
	    "HEAD /unit/stp HTTP/1.1\r\nHost: x\r\n\r\n"
	    "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	struct dashsrv s;
	char *r, *end, *get;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	r = hostile_raw(s.port, req, sizeof req - 1);
	cr_assert(strncmp(r, "HTTP/1.1 200", 12) == 0, "%.200s", r);
	end = strstr(r, "\r\n\r\n");
	cr_assert_not_null(end);
	*end = '\0';
	/* The length a GET would have, and then at once the next reply. */
	cr_expect(strstr(r, "Content-Length: ") != NULL, "%s", r);
	get = end + 4;
	cr_expect(strncmp(get, "HTTP/1.1 200", 12) == 0, "HEAD sent a body: %.200s", get);
	cr_expect(strstr(get, "\r\n\r\nok\n") != NULL, "%.500s", get);
	free(r);
	dashsrv_stop(&s);
}

/* Lines of text holding needle. */
static int
count_lines(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

Test(dashboard_hostile, out_of_descriptors_pauses_accept_and_recovers)
{
	struct pollfd pfd;
	struct rlimit rl, low;
	struct dashsrv s;
	struct buf err = { 0 };
	char chunk[8192], *b;
	int fds[100], flags;
	ssize_t n;
	long status;

	dashfix_setup(&s, NULL, 1);
	/* The dashboard gets 64 descriptors; this process keeps its own. */
	cr_assert_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	low = rl;
	low.rlim_cur = 64;
	cr_assert_eq(setrlimit(RLIMIT_NOFILE, &low), 0);
	dashsrv_start(&s);
	cr_assert_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		fds[i] = hostile_connect(s.port);
	/* Await the dashboard running out of descriptors: its first complaint. */
	buf_add(&err, "", 0);
	pfd.fd = s.errfd;
	pfd.events = POLLIN;
	while (count_lines(err.data, "cannot accept") == 0) {
		cr_assert_eq(poll(&pfd, 1, 20000), 1, "never out of descriptors: %s", err.data);
		cr_assert_gt(n = read(s.errfd, chunk, sizeof chunk - 1), 0);
		buf_add(&err, chunk, (size_t)n);
		buf_putc(&err, '\0');
		err.len--;
	}
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		close(fds[i]);
	/* Answered only once the pause is over: whatever it logged meanwhile is in the pipe. */
	b = dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	free(b);
	flags = fcntl(s.errfd, F_GETFL);
	fcntl(s.errfd, F_SETFL, flags | O_NONBLOCK);
	while (err.len < 1000000 && (n = read(s.errfd, chunk, sizeof chunk)) > 0)
		buf_add(&err, chunk, (size_t)n);
	buf_putc(&err, '\0');
	fcntl(s.errfd, F_SETFL, flags);
	cr_expect_leq(count_lines(err.data, "accept"), 3, "no spinning: %.2000s", err.data);
	buf_free(&err);
	dashsrv_stop(&s);
}

Test(dashboard_hostile, unreadable_database_is_an_error_not_no_data)
{
	struct dashsrv s;
	long status;
	char *b, *junk;

	dashfix_setup(&s, NULL, 0);
	junk = xmalloc(8192);
	for (size_t i = 0; i < 8191; i++)
		junk[i] = (char)('a' + i % 26);
	junk[8191] = '\0';
	free(test_write_file(s.dir, "tctt.db", junk));
	free(junk);
	dashsrv_start(&s);
	b = dash_http(s.port, "GET", "/", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 500);
	cr_expect(strstr(b, "Không đọc được cơ sở dữ liệu") != NULL, "%s", b);
	cr_expect(strstr(b, "not a database") != NULL, "the cause is shown: %s", b);
	cr_expect(strstr(b, "Chưa có dữ liệu") == NULL, "%s", b);
	free(b);
	b = dash_http(s.port, "GET", "/unit/stp", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 500);
	free(b);
	b = dash_http(s.port, "GET", "/api/v1/units", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 500);
	cr_expect_str_eq(b, "cannot read the database\n");
	free(b);
	b = dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 503);
	cr_expect(strstr(b, "not a database") != NULL, "%s", b);
	free(b);
	dashsrv_stop(&s);
}

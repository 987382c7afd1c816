/*
 * test_dashboard_limits.c: the dashboard as an HTTP server facing hostile
 * clients (SPEC "Operations": 8 KiB of request line and headers, 64 KiB of
 * body, timeouts for idle and slow clients, capped connections) and its
 * health check, on the real binary over loopback.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

/* A database the dashboard opened but can no longer read answers 503, with the cause. */
Test(dashboard_limits, healthz_fails_when_the_database_cannot_be_read, .timeout = 60)
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

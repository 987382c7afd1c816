/* dproc.c: driving the real tcttd binary from a test (see dproc.h). */
#include "dproc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "config.h"
#include "criteria.h"
#include "store.h"
#include "support.h"

void
dproc_start(struct dproc *dp, const char *dir, const char *conf, long wd_usec)
{
	struct sockaddr_un sa;
	char *bin = test_bin("tcttd"), *sock = xasprintf("%s/notify", dir);
	int pfd[2];

	memset(dp, 0, sizeof *dp);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	cr_assert_lt(strlen(sock), sizeof sa.sun_path);
	strcpy(sa.sun_path, sock);
	unlink(sock);
	dp->sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	cr_assert_geq(dp->sock, 0);
	cr_assert_eq(bind(dp->sock, (struct sockaddr *)&sa, sizeof sa), 0, "%s",
	    strerror(errno));
	cr_assert_eq(pipe2(pfd, O_CLOEXEC), 0);
	dp->pid = test_fork();
	cr_assert_neq(dp->pid, -1);
	if (dp->pid == 0) {
		char pid[32];

		dup2(pfd[1], 2);
		/* As systemd runs it: stderr is the journal's stream, lines carry "<N>". */
		test_journal_stream(2);
		setenv("NOTIFY_SOCKET", sock, 1);
		if (wd_usec > 0) {
			snprintf(pid, sizeof pid, "%ld", (long)getpid());
			setenv("WATCHDOG_PID", pid, 1);
			snprintf(pid, sizeof pid, "%ld", wd_usec);
			setenv("WATCHDOG_USEC", pid, 1);
		}
		execl(bin, "tcttd", "-v", "-c", conf, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	dp->err = pfd[0];
	free(bin);
	free(sock);
}

void
dproc_pump(struct dproc *dp, int ms)
{
	struct pollfd fds[2] = { { dp->sock, POLLIN, 0 }, { dp->err, POLLIN, 0 } };
	char chunk[4096];
	ssize_t n;

	if (poll(fds, dp->err == -1 ? 1 : 2, ms) <= 0)
		return;
	if (fds[0].revents & POLLIN) {
		n = recv(dp->sock, chunk, sizeof chunk - 1, 0);
		if (n > 0) {
			buf_add(&dp->notes, chunk, (size_t)n);
			buf_putc(&dp->notes, '\n');
		}
	}
	if (dp->err != -1 && (fds[1].revents & (POLLIN | POLLHUP))) {
		n = read(dp->err, chunk, sizeof chunk);
		if (n > 0)
			buf_add(&dp->log, chunk, (size_t)n);
		else {
			close(dp->err);
			dp->err = -1;
		}
	}
}

long long
dproc_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool
dproc_wait(struct dproc *dp, bool log, const char *what, int count)
{
	return dproc_wait_ms(dp, log, what, count, DPROC_WAIT_MS);
}

bool
dproc_wait_ms(struct dproc *dp, bool log, const char *what, int count, int ms)
{
	long long end = dproc_ms() + ms;
	struct buf *b = log ? &dp->log : &dp->notes;
	size_t *seen = log ? &dp->log_seen : &dp->notes_seen;

	for (;;) {
		const char *p = b->data != NULL ? b->data + *seen : "";
		const char *hit = NULL;
		int found = 0;

		while ((p = strstr(p, what)) != NULL) {
			hit = p;
			p += strlen(what);
			if (++found == count)
				break;
		}
		if (found == count && hit != NULL) {
			*seen = (size_t)(hit - b->data) + strlen(what);
			return true;
		}
		if (dproc_ms() >= end)
			return false;
		dproc_pump(dp, 100);
	}
}

void
dproc_skip(struct dproc *dp)
{
	dproc_pump(dp, 0);
	dp->log_seen = dp->log.len;
	dp->notes_seen = dp->notes.len;
}

int
dproc_stop(struct dproc *dp, int sig)
{
	int status;

	kill(dp->pid, sig);
	while (dp->err != -1)
		dproc_pump(dp, 1000);
	waitpid(dp->pid, &status, 0);
	dproc_pump(dp, 0);
	close(dp->sock);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

void
dproc_free(struct dproc *dp)
{
	buf_free(&dp->notes);
	buf_free(&dp->log);
}

struct config *
dproc_load(const char *path)
{
	struct config *cfg;
	char *cause;

	if (config_load(path, &cfg, &cause) == -1)
		cr_assert_fail("%s", cause);
	return cfg;
}

void
dproc_seed_pass(const char *conf, const char *id, int64_t t)
{
	struct config *cfg = dproc_load(conf);
	struct store *st;
	struct pass_result pr;
	char *cause = NULL;

	if (store_open(cfg->database, 0, &st, &cause) == -1 ||
	    store_sync_units(st, cfg, t, &cause) == -1)
		cr_assert_fail("%s", cause);
	memset(&pr, 0, sizeof pr);
	pr.started_at = t - 10;
	pr.finished_at = t;
	pr.reachable = true;
	for (int c = 0; c < CRIT_COUNT; c++) {
		pr.v[c].status = c == CRIT_SECTION ? ST_OK : ST_MISSING;
		pr.v[c].note = xstrdup("lần kiểm tra trước");
	}
	if (store_save_pass(st, id, &pr, &cause) == -1)
		cr_assert_fail("%s", cause);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
	store_close(st);
	config_free(cfg);
}

long long
sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v = -1;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s",
	    sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

char *
sql_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *v = NULL;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s",
	    sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

void
sql_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK, "%s", err);
	sqlite3_close(db);
}

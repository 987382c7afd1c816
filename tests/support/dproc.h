/* dproc.h: the real tcttd binary as a child of a test: its notify socket, its log, its database. */
#ifndef TCTT_TEST_DPROC_H
#define TCTT_TEST_DPROC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "xmalloc.h"

#define DPROC_WAIT_MS	20000	/* a bound on waiting for an event, never a sleep */

struct dproc {
	pid_t		 pid;
	int		 sock;		/* our notify socket */
	int		 err;		/* its stderr */
	struct buf	 notes;		/* datagrams received, one a line */
	struct buf	 log;
	size_t		 notes_seen;	/* what earlier waits consumed */
	size_t		 log_seen;
};

/* Start tcttd -v -c conf with NOTIFY_SOCKET in dir (and a watchdog when wd_usec > 0). */
void dproc_start(struct dproc *dp, const char *dir, const char *conf, long wd_usec);
/* Read what is there on the socket and the log pipe, waiting at most ms. */
void dproc_pump(struct dproc *dp, int ms);
/*
 * Wait until what appears count times in the notifications (log false) or
 * the log (log true) past what earlier waits consumed; consume it. False on
 * timeout (DPROC_WAIT_MS).
 */
bool dproc_wait(struct dproc *dp, bool log, const char *what, int count);
/* The same with a bound of ms milliseconds. */
bool dproc_wait_ms(struct dproc *dp, bool log, const char *what, int count, int ms);
/* Everything read so far is consumed: later waits see only what comes next. */
void dproc_skip(struct dproc *dp);
/* Send sig and reap: the exit status, or 128 + signal. The log stays readable. */
int dproc_stop(struct dproc *dp, int sig);
void dproc_free(struct dproc *dp);
/* Milliseconds of CLOCK_MONOTONIC, for bounds on waiting. */
long long dproc_ms(void);

struct config;
/* The configuration at path; fails the test with the cause when it is refused. */
struct config *dproc_load(const char *path);
/* Store one earlier pass of unit id finished at t, as if a previous run had made it. */
void dproc_seed_pass(const char *conf, const char *id, int64_t t);

/* One integer from SQL on the database at path (read-only), -1 if no row. */
long long sql_int(const char *path, const char *sql);
/* Text of the first column of the first row (caller frees), NULL if no row. */
char *sql_text(const char *path, const char *sql);
/* Run sql on the database at path, read-write. */
void sql_exec(const char *path, const char *sql);

#endif

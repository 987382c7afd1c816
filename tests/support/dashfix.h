/* dashfix.h: a fixture database and a running tctt-dashboard for the dashboard's tests. */
#ifndef TCTT_DASHFIX_H
#define TCTT_DASHFIX_H

#include <stdint.h>
#include <sys/types.h>

/* "Now" of the fixture: 2026-11-29T08:00:00+07:00. */
#define DASHFIX_NOW	INT64_C(1795914000)

/* A running dashboard and the files it uses. */
struct dashsrv {
	pid_t	 pid;
	int	 port;
	int	 errfd;		/* its stderr, drained at stop */
	char	*dir;
	char	*conf;
	char	*db;
	int	 verbose;	/* set before dashsrv_start: run with -v (request log) */
	int	 keep_log;	/* set before dashsrv_stop: keep its stderr in log */
	char	*log;		/* its stderr after dashsrv_stop when keep_log; caller frees */
};

/*
 * Build the fixture in a fresh directory: units with hostile names, notes and
 * URLs, passes over several weeks, notices and a digest. users_line, when not
 * NULL, is written to a users_file ("name:hash"). db_exists false leaves the
 * database absent.
 */
void dashfix_setup(struct dashsrv *s, const char *users_line, int db_exists);
/* Start build/asan/tctt-dashboard on 127.0.0.1:0; waits for its "listening on" line. */
void dashsrv_start(struct dashsrv *s);
/* SIGTERM; expects exit status 0. Frees the strings. */
void dashsrv_stop(struct dashsrv *s);

/* One HTTP exchange; body returned (caller frees), headers into *headers (caller frees, may be NULL). */
char *dash_http(int port, const char *method, const char *path, const char *userpwd,
    const char *extra_header, long *status, char **headers);

#endif

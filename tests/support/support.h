/* support.h: what the tests share: temporary dirs, the fixture server, running binaries. */
#ifndef TCTT_TEST_SUPPORT_H
#define TCTT_TEST_SUPPORT_H

#include <stddef.h>
#include <sys/types.h>

/* A fresh temporary directory; caller frees the string (the tree stays for post-mortems). */
char *test_tmpdir(void);
/* Write text to dir/name (creating parent dirs); returns the path, caller frees. */
char *test_write_file(const char *dir, const char *name, const char *text);
/* The whole of the file at path, NUL-terminated; its length in *len when len is not NULL. Caller frees. */
char *test_read_file(const char *path, size_t *len);
/* Path of a built binary ("tcttd", "tctt-dashboard", "fixsrv"); caller frees. */
char *test_bin(const char *name);
/* The repository's tests/ directory (for fixture trees); caller frees. */
char *test_srcdir(const char *sub);

/*
 * Start argv[0] (an absolute path) with stdout on a pipe and wait for its
 * first line, its port: the readiness signal. Returns the port (0 if none).
 */
int spawn_port_server(const char *const argv[], pid_t *pid);

/* A fixture server (tests/fixsrv) serving root on an ephemeral loopback port. */
struct fixsrv {
	pid_t	 pid;
	int	 port;
};
/* Start it and wait for its port line; aborts the test on failure. */
void fixsrv_start(struct fixsrv *fs, const char *root);
void fixsrv_stop(struct fixsrv *fs);
/* GET http://127.0.0.1:PORT/path with Host: host; body returned (caller frees), status in *status. */
char *http_get(int port, const char *host, const char *path, long *status);
/* The fixture server's per-host stats: requests and most in flight at once (-1 if unseen). */
int fixsrv_host_stats(struct fixsrv *fs, const char *host, long *requests,
    int *max_inflight);

/*
 * fork(2) for helpers of a test: the child is killed when the test process
 * dies, so a failed assertion never leaves servers running (or holding the
 * runner's output open).
 */
pid_t test_fork(void);

/* Run argv with stdout and stderr captured (caller frees both); returns exit status, or 128+signal. */
int run_cmd(const char *const argv[], char **out, char **err);
/* run_cmd with stderr as systemd's journal stream (JOURNAL_STREAM names it): "<N>" priorities. */
int run_cmd_journal(const char *const argv[], char **out, char **err);
/* Set JOURNAL_STREAM to fd's device and inode, as systemd does for a service's stderr. */
void test_journal_stream(int fd);

#endif

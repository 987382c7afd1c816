/* support.c: helpers shared by the tests; they drive real processes and sockets. */
#include "support.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "xmalloc.h"

pid_t
test_fork(void)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);	/* the test died before prctl */
	}
	return pid;
}

char *
test_tmpdir(void)
{
	const char *base = getenv("TCTT_TEST_TMP");
	char *tmpl = xasprintf("%s/tctt-test.XXXXXX", base ? base : "/tmp");

	if (mkdtemp(tmpl) == NULL)
		cr_assert_fail("mkdtemp: %s", strerror(errno));
	return tmpl;
}

static void
mkdirs(char *path)
{
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	}
}

char *
test_write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f;

	mkdirs(path);
	if ((f = fopen(path, "w")) == NULL)
		cr_assert_fail("%s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
	return path;
}

char *
test_read_file(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		cr_assert_fail("%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	return buf_steal(&b);
}

char *
test_bin(const char *name)
{
	const char *dir = getenv("TCTT_BUILD");

	return xasprintf("%s/%s", dir ? dir : "build/asan", name);
}

char *
test_srcdir(const char *sub)
{
	const char *dir = getenv("TCTT_TESTS");

	return xasprintf("%s/%s", dir ? dir : "tests", sub);
}

int
spawn_port_server(const char *const argv[], pid_t *pid)
{
	char line[32];
	int pfd[2];
	size_t len = 0;

	cr_assert_eq(pipe(pfd), 0);
	*pid = test_fork();
	cr_assert_neq(*pid, -1);
	if (*pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		/* execv takes char *const[] for historical reasons only. */
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(pfd[1]);
	/* Its first line is the port: reading it is the readiness signal. */
	while (len < sizeof line - 1 && read(pfd[0], line + len, 1) == 1 &&
	    line[len] != '\n')
		len++;
	line[len] = '\0';
	close(pfd[0]);
	return atoi(line);
}

void
fixsrv_start(struct fixsrv *fs, const char *root)
{
	char *bin = test_bin("fixsrv");
	const char *argv[] = { bin, "--root", root, NULL };

	fs->port = spawn_port_server(argv, &fs->pid);
	free(bin);
	cr_assert_gt(fs->port, 0, "fixsrv did not start");
}

void
fixsrv_stop(struct fixsrv *fs)
{
	int status;

	if (fs->pid <= 0)
		return;
	kill(fs->pid, SIGTERM);
	waitpid(fs->pid, &status, 0);
	fs->pid = 0;
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "fixsrv exited badly (status %d)", status);
}

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	buf_add(arg, data, size * nmemb);
	return size * nmemb;
}

char *
http_get(int port, const char *host, const char *path, long *status)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = NULL;
	struct buf b = { 0 };
	char *url = xasprintf("http://127.0.0.1:%d%s", port, path);
	char *h = xasprintf("Host: %s", host);

	hdr = curl_slist_append(hdr, h);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	*status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	free(url);
	free(h);
	return buf_steal(&b);
}

int
fixsrv_host_stats(struct fixsrv *fs, const char *host, long *requests,
    int *max_inflight)
{
	long status;
	char *body = http_get(fs->port, "control", "/_fixsrv/stats", &status);
	char *line, *save = NULL;
	int rc = -1;

	for (line = strtok_r(body, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char h[256];
		long req;
		int now, most;

		if (sscanf(line, "%255s %ld %d %d", h, &req, &now, &most) == 4 &&
		    strcmp(h, host) == 0) {
			*requests = req;
			*max_inflight = most;
			rc = 0;
		}
	}
	free(body);
	return rc;
}

void
test_journal_stream(int fd)
{
	struct stat sb;
	char v[64];

	if (fstat(fd, &sb) == -1)
		abort();
	snprintf(v, sizeof v, "%ju:%ju", (uintmax_t)sb.st_dev, (uintmax_t)sb.st_ino);
	setenv("JOURNAL_STREAM", v, 1);
}

/* Drain both pipes concurrently so a chatty child never blocks. */
static int
run_cmd_as(const char *const argv[], char **out, char **err, bool journal)
{
	int po[2], pe[2], status;
	struct buf bo = { 0 }, be = { 0 };
	struct pollfd fds[2];
	pid_t pid;
	char chunk[4096];

	cr_assert_eq(pipe(po), 0);
	cr_assert_eq(pipe(pe), 0);
	pid = test_fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		dup2(devnull, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		if (journal)
			test_journal_stream(2);
		else
			unsetenv("JOURNAL_STREAM");
		/* execv takes char *const[] for historical reasons only. */
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	fds[0].fd = po[0];
	fds[1].fd = pe[0];
	fds[0].events = fds[1].events = POLLIN;
	while (fds[0].fd != -1 || fds[1].fd != -1) {
		if (poll(fds, 2, -1) == -1 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			ssize_t n;

			if (fds[i].fd == -1 || fds[i].revents == 0)
				continue;
			n = read(fds[i].fd, chunk, sizeof chunk);
			if (n <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
			} else
				buf_add(i == 0 ? &bo : &be, chunk, (size_t)n);
		}
	}
	waitpid(pid, &status, 0);
	if (out != NULL)
		*out = buf_steal(&bo);
	if (err != NULL)
		*err = buf_steal(&be);
	buf_free(&bo);
	buf_free(&be);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int
run_cmd(const char *const argv[], char **out, char **err)
{
	return run_cmd_as(argv, out, err, false);
}

int
run_cmd_journal(const char *const argv[], char **out, char **err)
{
	return run_cmd_as(argv, out, err, true);
}

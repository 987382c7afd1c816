/*
 * document-run.c: an extractor (pdftotext) in a child process, so that a
 * hostile document never runs in the daemon. The child gets the document on
 * fd 3 (a memfd), limits on CPU, address space, files and core dumps, and is
 * killed with the daemon. Its stdout comes back through a pipe read from the
 * event loop, its exit through a pidfd on the same loop, and a timer kills it
 * when it takes too long: the loop never waits for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/event.h>

#include "child.h"
#include "document.h"
#include "xmalloc.h"

#define FD_FLOOR	10	/* our fds are moved above the child's 0-3 */
#define POLL_USEC	20000	/* reaping without a pidfd: how often waitpid is tried */

struct doc_child {
	struct event_base	*base;
	pid_t			 pid;
	int			 out_fd;	/* read end of the child's stdout, -1 closed */
	int			 pid_fd;	/* -1: reaped by polling */
	struct event		*ev_out;
	struct event		*ev_exit;
	struct event		*ev_timeout;
	size_t			 max;
	bool			 exited;
	struct buf		 out;
	struct doc_child_result	 r;
	doc_child_cb		 cb;
	void			*arg;
};

static uint64_t		 children;
static long		 max_rss_kb;
static int		 live, max_live;	/* children not yet reaped */
static uint64_t		 cpu_us;		/* user + system time of the reaped children */

void
doc_stats(struct doc_stats *out)
{
	out->children = children;
	out->max_rss_kb = max_rss_kb;
	out->max_running = max_live;
	out->cpu_us = cpu_us;
}

int
doc_child_running(void)
{
	return live;
}

void
doc_child_result_clear(struct doc_child_result *r)
{
	free(r->out);
	free(r->error);
	memset(r, 0, sizeof *r);
}

/* fd moved to FD_FLOOR or above, close-on-exec; the old one closed. -1 on failure. */
static int
lift_fd(int fd)
{
	int n;

	if (fd < 0)
		return -1;
	n = fcntl(fd, F_DUPFD_CLOEXEC, FD_FLOOR);
	close(fd);
	return n;
}

/*
 * In the child, between vfork and exec: only system calls, since it runs in
 * the daemon's memory. mask: the signal mask to exec with. Never returns.
 */
static void
child_exec(const char *const argv[], int in_fd, int out_fd, const struct doc_limits *lim,
    const sigset_t *mask)
{
	static char *const envp[] = { "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", NULL };
	struct rlimit cpu = { (rlim_t)lim->seconds, (rlim_t)lim->seconds + 1 };
	struct rlimit as = { (rlim_t)lim->memory, (rlim_t)lim->memory };
	struct rlimit zero = { 0, 0 };
	struct rlimit fsize = { 1 << 20, 1 << 20 };
	struct rlimit nofile = { 64, 64 };
	int null;

	if (child_start(mask) == -1)
		_exit(127);
	signal(SIGPIPE, SIG_DFL);	/* the daemon ignores it; pdftotext should die of it */
	if ((null = open("/dev/null", O_RDWR)) == -1 || dup2(null, 0) == -1 ||
	    dup2(null, 2) == -1 || dup2(out_fd, 1) == -1 || dup2(in_fd, 3) == -1)
		_exit(127);
	if (close_range(4, ~0U, 0) == -1)
		for (int fd = 4; fd < 65536; fd++)
			close(fd);
	if (setrlimit(RLIMIT_CPU, &cpu) == -1 || setrlimit(RLIMIT_AS, &as) == -1 ||
	    setrlimit(RLIMIT_CORE, &zero) == -1 || setrlimit(RLIMIT_FSIZE, &fsize) == -1 ||
	    setrlimit(RLIMIT_NOFILE, &nofile) == -1)
		_exit(127);
	execve(argv[0], (char *const *)(uintptr_t)argv, envp);
	_exit(127);
}

/*
 * Start the extractor; its pid, or -1 with errno. vfork, not fork: a fork of
 * the daemon copies its page tables and makes every page it writes afterwards
 * fault (about 20 ms a document at 100 MB of RSS). Signals stay blocked until
 * the child has reset their handlers.
 */
static pid_t
spawn(const char *const argv[], int in_fd, int out_fd, const struct doc_limits *lim)
{
	sigset_t old;
	pid_t pid;

	child_block_signals(&old);
	if ((pid = vfork()) == 0)
		child_exec(argv, in_fd, out_fd, lim, &old);
	child_parent_resume(&old);
	return pid;
}

/* Reap the child if it is gone; true when it was. */
static bool
try_reap(struct doc_child *c, int flags)
{
	struct rusage ru;
	int status;
	pid_t w;

	do
		w = wait4(c->pid, &status, flags, &ru);
	while (w == -1 && errno == EINTR);
	if (w != c->pid)
		return false;
	c->exited = true;
	live--;
	c->r.status = status;
	c->r.max_rss_kb = ru.ru_maxrss;
	cpu_us += (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	    (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
	if (ru.ru_maxrss > max_rss_kb)
		max_rss_kb = ru.ru_maxrss;
	return true;
}

static void
child_free(struct doc_child *c)
{
	if (c->ev_out != NULL)
		event_free(c->ev_out);
	if (c->ev_exit != NULL)
		event_free(c->ev_exit);
	if (c->ev_timeout != NULL)
		event_free(c->ev_timeout);
	if (c->out_fd != -1)
		close(c->out_fd);
	if (c->pid_fd != -1)
		close(c->pid_fd);
	buf_free(&c->out);
	doc_child_result_clear(&c->r);
	free(c);
}

/* Stop reading the child's output. */
static void
close_out(struct doc_child *c)
{
	if (c->ev_out != NULL) {
		event_free(c->ev_out);
		c->ev_out = NULL;
	}
	if (c->out_fd != -1) {
		close(c->out_fd);
		c->out_fd = -1;
	}
}

/* When the child is reaped and its output read, hand the result over and free c. */
static void
maybe_finish(struct doc_child *c)
{
	struct doc_child_result r;

	if (!c->exited || c->out_fd != -1)
		return;
	r = c->r;
	memset(&c->r, 0, sizeof c->r);
	r.started = true;
	r.len = c->out.len;
	buf_add(&c->out, "", 0);
	r.out = buf_steal(&c->out);
	c->cb(&r, c->arg);
	doc_child_result_clear(&r);
	child_free(c);
}

static void
child_out_cb(evutil_socket_t fd, short what, void *arg)
{
	struct doc_child *c = arg;
	char chunk[16384];
	ssize_t n;

	(void)what;
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0)
			break;
		if (c->out.len + (size_t)n > c->max) {
			/* More text than any document we judge: stop it now. */
			buf_add(&c->out, chunk, c->max - c->out.len);
			c->r.too_big = true;
			kill(c->pid, SIGKILL);
			break;
		}
		buf_add(&c->out, chunk, (size_t)n);
	}
	close_out(c);
	maybe_finish(c);
}

static void
child_exit_cb(evutil_socket_t fd, short what, void *arg)
{
	struct doc_child *c = arg;

	(void)fd;
	(void)what;
	if (!try_reap(c, WNOHANG))
		return;	/* polling, and not yet */
	event_free(c->ev_exit);
	c->ev_exit = NULL;
	if (c->ev_timeout != NULL) {
		event_free(c->ev_timeout);
		c->ev_timeout = NULL;
	}
	maybe_finish(c);
}

static void
child_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct doc_child *c = arg;

	(void)fd;
	(void)what;
	c->r.timed_out = true;
	kill(c->pid, SIGKILL);
	/* The pipe may be held open no longer: the exit callback finishes. */
}

struct doc_child *
doc_child_run(struct event_base *base, const char *const argv[], const void *input,
    size_t len, const struct doc_limits *lim, doc_child_cb cb, void *arg,
    struct doc_child_result *r)
{
	struct doc_child *c;
	struct timeval tv = { (time_t)lim->seconds, 0 }, poll = { 0, POLL_USEC };
	int in_fd, pfd[2] = { -1, -1 };
	const char *failed = NULL;
	size_t off = 0;

	memset(r, 0, sizeof *r);
	if ((in_fd = lift_fd(memfd_create("tctt-doc", MFD_CLOEXEC))) == -1)
		failed = "memfd_create";
	while (failed == NULL && off < len) {
		ssize_t n = write(in_fd, (const char *)input + off, len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			failed = "write";
		else
			off += (size_t)n;
	}
	if (failed == NULL && lseek(in_fd, 0, SEEK_SET) == -1)
		failed = "lseek";
	if (failed == NULL && pipe(pfd) == -1)
		failed = "pipe";
	if (failed == NULL && ((pfd[0] = lift_fd(pfd[0])) == -1 ||
	    (pfd[1] = lift_fd(pfd[1])) == -1))
		failed = "fcntl";
	if (failed != NULL) {
		r->error = xasprintf("%s: %s", failed, strerror(errno));
		goto fail;
	}
	c = xcalloc(1, sizeof *c);
	c->base = base;
	c->max = lim->output;
	c->cb = cb;
	c->arg = arg;
	c->pid_fd = -1;
	if ((c->pid = spawn(argv, in_fd, pfd[1], lim)) == -1) {
		r->error = xasprintf("vfork: %s", strerror(errno));
		free(c);
		goto fail;
	}
	children++;
	if (++live > max_live)
		max_live = live;
	close(in_fd);
	close(pfd[1]);
	c->out_fd = pfd[0];
	evutil_make_socket_nonblocking(c->out_fd);
	c->pid_fd = lift_fd((int)syscall(SYS_pidfd_open, c->pid, 0));
	c->ev_out = event_new(base, c->out_fd, EV_READ | EV_PERSIST, child_out_cb, c);
	c->ev_exit = c->pid_fd != -1 ?
	    event_new(base, c->pid_fd, EV_READ | EV_PERSIST, child_exit_cb, c) :
	    event_new(base, -1, EV_PERSIST, child_exit_cb, c);
	c->ev_timeout = evtimer_new(base, child_timeout_cb, c);
	if (c->ev_out == NULL || c->ev_exit == NULL || c->ev_timeout == NULL)
		fatalx("event_new failed");
	event_add(c->ev_out, NULL);
	event_add(c->ev_exit, c->pid_fd != -1 ? NULL : &poll);
	event_add(c->ev_timeout, &tv);
	return c;
fail:
	if (in_fd != -1)
		close(in_fd);
	if (pfd[0] != -1)
		close(pfd[0]);
	if (pfd[1] != -1)
		close(pfd[1]);
	return NULL;
}

void
doc_child_cancel(struct doc_child *c)
{
	if (c == NULL)
		return;
	/* SIGKILL cannot be caught: the wait below is short. */
	if (!c->exited) {
		kill(c->pid, SIGKILL);
		(void)try_reap(c, 0);
	}
	child_free(c);
}

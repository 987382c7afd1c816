/*
 * mailer.c: notices delivered by a child process. The loop reads the due
 * notices, forks; the child only talks SMTP (or writes the outbox) and
 * writes one line an outcome, "INDEX RC CAUSE\n", to a pipe; the loop
 * records each outcome as it arrives. The child never touches the database
 * (an SQLite connection must not cross a fork), so it needs no lock and
 * a child killed halfway leaves the notices it did not report pending: at
 * most the one being sent goes out again, with the same Message-ID.
 */
#include "mailer.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/event.h>

#include "child.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "store-notice.h"
#include "worker.h"
#include "xmalloc.h"

struct mailer {
	struct event_base	*base;
	pid_t			 pid;		/* the child, or 0 */
	int			 fd;		/* its outcomes */
	struct event		*ev;
	struct buf		 in;		/* outcomes not yet a whole line */
	const struct config	*cfg;		/* borrowed for one batch */
	struct store		*st;
	int64_t			 now;
	struct notice		*list;		/* the batch */
	size_t			 n;
	bool			 again;		/* asked to flush while busy */
};

static void mailer_read_cb(evutil_socket_t, short, void *);

struct mailer *
mailer_new(struct event_base *base)
{
	struct mailer *m = xcalloc(1, sizeof *m);

	m->base = base;
	m->fd = -1;
	return m;
}

bool
mailer_busy(const struct mailer *m)
{
	return m->pid != 0;
}

/* The child: deliver each notice, report each outcome; never returns. */
static void __attribute__((noreturn))
mailer_child(int fd, const struct config *cfg, const struct notice *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *cause = NULL, *line;
		int rc = notice_deliver(cfg, &list[i], &cause);
		size_t len, off = 0;

		if (cause != NULL)
			for (char *p = cause; *p; p++)
				if (*p == '\n' || *p == '\r')
					*p = ' ';
		line = xasprintf("%zu %d %s\n", i, rc, cause != NULL ? cause : "");
		len = strlen(line);
		while (off < len) {
			ssize_t w = write(fd, line + off, len - off);

			if (w == -1 && errno == EINTR)
				continue;
			if (w <= 0)
				_exit(1);
			off += (size_t)w;
		}
		free(line);
		free(cause);
	}
	_exit(0);
}

/* Record the whole lines read so far. */
static void
mailer_record(struct mailer *m)
{
	char *line, *nl;

	while (m->in.len > 0 && (nl = memchr(m->in.data, '\n', m->in.len)) != NULL) {
		size_t used = (size_t)(nl - m->in.data) + 1, i;
		int rc, off = 0;

		*nl = '\0';
		line = m->in.data;
		if (sscanf(line, "%zu %d %n", &i, &rc, &off) >= 2 && off > 0 && i < m->n)
			notice_record(m->cfg, m->st, &m->list[i], rc,
			    *(line + off) != '\0' ? line + off : NULL, m->now);
		else
			log_warnx("mailer: a garbled outcome from the child: %s", line);
		memmove(m->in.data, m->in.data + used, m->in.len - used);
		m->in.len -= used;
	}
}

/* The child is gone: reap it and forget the batch. */
static void
mailer_done(struct mailer *m)
{
	int status;

	mailer_record(m);
	event_free(m->ev);
	m->ev = NULL;
	close(m->fd);
	m->fd = -1;
	while (waitpid(m->pid, &status, 0) == -1 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		log_warnx("mailer: the delivering child ended with status %d%s", status,
		    WIFSIGNALED(status) ? " (killed)" : "");
	m->pid = 0;
	buf_free(&m->in);
	notices_free(m->list, m->n);
	m->list = NULL;
	m->n = 0;
}

static void
mailer_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct mailer *m = arg;
	char chunk[4096];
	ssize_t r;

	(void)what;
	r = read(fd, chunk, sizeof chunk);
	if (r == -1 && (errno == EINTR || errno == EAGAIN))
		return;
	if (r > 0) {
		buf_add(&m->in, chunk, (size_t)r);
		mailer_record(m);
		return;
	}
	/* End of file: the child has finished (or died). */
	mailer_done(m);
	if (m->again) {
		m->again = false;
		mailer_flush(m, m->cfg, m->st, m->now);
	}
}

void
mailer_flush(struct mailer *m, const struct config *cfg, struct store *st,
    int64_t now)
{
	struct notice *list;
	size_t n;
	char *cause = NULL;
	sigset_t old;
	int pfd[2];

	if (m->pid != 0) {
		m->again = true;
		return;
	}
	if (store_notices_due(st, now, &list, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return;
	}
	if (n == 0) {
		free(list);
		return;
	}
	if (pipe2(pfd, O_CLOEXEC) == -1) {
		log_warn("mailer: pipe");
		notices_free(list, n);
		return;
	}
	fflush(stderr);
	worker_pause_fork();
	child_block_signals(&old);
	if ((m->pid = fork()) == -1) {
		log_warn("mailer: fork");
		m->pid = 0;
		child_parent_resume(&old);
		worker_resume_fork();
		close(pfd[0]);
		close(pfd[1]);
		notices_free(list, n);
		return;
	}
	if (m->pid == 0) {
		if (child_start(&old) == -1)
			_exit(1);
		signal(SIGPIPE, SIG_IGN);	/* a server that hangs up is a cause, not a death */
		close(pfd[0]);
		mailer_child(pfd[1], cfg, list, n);
	}
	child_parent_resume(&old);
	worker_resume_fork();
	close(pfd[1]);
	log_debug("mailer: delivering %zu notice%s in process %ld", n, n == 1 ? "" : "s",
	    (long)m->pid);
	m->fd = pfd[0];
	m->cfg = cfg;
	m->st = st;
	m->now = now;
	m->list = list;
	m->n = n;
	m->ev = event_new(m->base, m->fd, EV_READ | EV_PERSIST, mailer_read_cb, m);
	event_add(m->ev, NULL);
}

void
mailer_stop(struct mailer *m)
{
	char chunk[4096];
	ssize_t r;

	m->again = false;
	if (m->pid == 0)
		return;
	kill(m->pid, SIGTERM);
	/* What it reported before it died is recorded. */
	while ((r = read(m->fd, chunk, sizeof chunk)) != 0) {
		if (r > 0)
			buf_add(&m->in, chunk, (size_t)r);
		else if (errno != EINTR)
			break;
	}
	mailer_done(m);
}

void
mailer_free(struct mailer *m)
{
	if (m == NULL)
		return;
	mailer_stop(m);
	free(m);
}

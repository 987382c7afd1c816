/*
 * evidence.c: the pass's side of the evidence archive (lib/store-corr.c
 * keeps it). Most bodies a pass holds are never evidence, and sixteen passes
 * at once held ~7 MB of them: they wait in an unlinked temporary file (in
 * TMPDIR, else /var/tmp: on disk where /tmp may be tmpfs, i.e. memory, and
 * private to tcttd.service), read back only for the verdicts. Without such
 * a file they wait in memory, as before.
 */
#include "evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "store-corr.h"
#include "xmalloc.h"

/* Bodies a pass holds at most while it waits for its verdicts. */
#define EVIDENCE_MAX_HELD	(32 * 1024 * 1024)

struct held {
	char	*sha256;
	char	*ctype;
	void	*body;		/* NULL when it waits in the file, at off */
	off_t	 off;
	size_t	 len;
};

struct evidence_set {
	struct held	*list;
	size_t		 n;
	size_t		 bytes;		/* held in all */
	size_t		 in_memory;	/* of which in memory */
	int		 fd;		/* the temporary file; -1 none yet, -2 none to be had */
	off_t		 end;
};

struct evidence_set *
evidence_new(void)
{
	struct evidence_set *es = xcalloc(1, sizeof(struct evidence_set));

	es->fd = -1;
	return es;
}

/* The pass's temporary file, opened on first use; -1 when there is none. */
static int
spill_fd(struct evidence_set *es)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (es->fd != -1)
		return es->fd < 0 ? -1 : es->fd;
	if (dir == NULL || *dir == '\0')
		dir = "/var/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd == -1 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
		/* A file system without O_TMPFILE: a named file, unlinked at once. */
		path = xasprintf("%s/tcttd-evidence.XXXXXX", dir);
		if ((fd = mkostemp(path, O_CLOEXEC)) != -1)
			unlink(path);
		free(path);
	}
	if (fd == -1) {
		log_debug("evidence: no temporary file in %s (%s): bodies wait in memory", dir,
		    strerror(errno));
		es->fd = -2;
		return -1;
	}
	return es->fd = fd;
}

/* Write all of body at off; false on any failure. */
static bool
spill_write(int fd, const void *body, size_t len, off_t off)
{
	const char *p = body;

	while (len > 0) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return true;
}

/* h's body read back from the file (caller frees), or NULL with errno. */
static void *
spill_read(int fd, const struct held *h)
{
	char *buf = xmalloc(h->len > 0 ? h->len : 1);
	size_t got = 0;

	while (got < h->len) {
		ssize_t n = pread(fd, buf + got, h->len - got, h->off + (off_t)got);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			free(buf);
			return NULL;
		}
		got += (size_t)n;
	}
	return buf;
}

size_t
evidence_in_memory(const struct evidence_set *es)
{
	return es->in_memory;
}

void
evidence_free(struct evidence_set *es)
{
	if (es == NULL)
		return;
	for (size_t i = 0; i < es->n; i++) {
		free(es->list[i].sha256);
		free(es->list[i].ctype);
		free(es->list[i].body);
	}
	free(es->list);
	if (es->fd >= 0)
		close(es->fd);
	free(es);
}

/* The body held for sha256, or NULL. */
static struct held *
find(struct evidence_set *es, const char *sha256)
{
	for (size_t i = 0; i < es->n; i++)
		if (strcmp(es->list[i].sha256, sha256) == 0)
			return &es->list[i];
	return NULL;
}

void
evidence_seen(struct evidence_set *es, struct store *st, const char *sha256,
    const char *ctype, const void *body, size_t len)
{
	struct held *h;
	char *cause;
	int rc, fd;

	if (sha256 == NULL || find(es, sha256) != NULL)
		return;
	/* Already archived: an unchanged portal costs nothing but its digest. */
	if ((rc = store_archive_has(st, sha256, &cause)) == -1) {
		log_warnx("evidence archive: %s", cause);
		free(cause);
	}
	if (rc != 0 || es->bytes + len > EVIDENCE_MAX_HELD)
		return;
	es->list = xreallocarray(es->list, es->n + 1, sizeof *es->list);
	h = &es->list[es->n++];
	h->sha256 = xstrdup(sha256);
	h->ctype = xstrdup0(ctype);
	h->body = NULL;
	h->len = len;
	es->bytes += len;
	if ((fd = spill_fd(es)) != -1 && spill_write(fd, body, len, es->end)) {
		h->off = es->end;
		es->end += (off_t)len;
		return;
	}
	/* No file, or it is full: this one waits in memory. */
	h->body = xmalloc(len > 0 ? len : 1);
	memcpy(h->body, body, len);
	es->in_memory += len;
}

void
evidence_archive(struct evidence_set *es, struct store *st,
    const struct verdict v[CRIT_COUNT], int64_t now, const char *unit_id)
{
	char *cause;
	void *read = NULL;

	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct held *h;
		const void *body;
		bool dup = false;

		if (v[c].sha256 == NULL)
			continue;
		for (int k = 0; k < c; k++)
			dup |= v[k].sha256 != NULL && strcmp(v[k].sha256, v[c].sha256) == 0;
		if (dup)
			continue;
		h = find(es, v[c].sha256);
		body = h != NULL ? h->body : NULL;
		if (h != NULL && body == NULL && (body = read = spill_read(es->fd, h)) == NULL)
			log_warnx("%s: evidence archive: %s read back: %s", unit_id, h->sha256,
			    strerror(errno));
		/* Without the body (a 304, or archived before) only last_seen moves. */
		if (store_archive_put(st, v[c].sha256, h != NULL ? h->ctype : NULL, body,
		    body != NULL ? h->len : 0, now, &cause) == -1) {
			log_warnx("%s: evidence archive: %s", unit_id, cause);
			free(cause);
		}
		free(read);
		read = NULL;
	}
}

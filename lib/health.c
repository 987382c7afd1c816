/*
 * health.c: the health file beside the database (see health.h). It has a
 * fixed size and is rewritten in place with one pwrite(2): a full disk
 * (the likeliest reason writes fail) leaves no room for a new file to
 * rename into place, but overwriting blocks the file already has needs none.
 */
#include "health.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

#define FAILING	"failing: "

struct health {
	int	 fd;
};

/* DATABASE.health; caller frees. */
static char *
health_path(const char *database)
{
	return xasprintf("%s.health", database);
}

struct health *
health_open(const char *database, char **cause)
{
	char *path = health_path(database);
	struct health *h;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	h = xcalloc(1, sizeof *h);
	h->fd = fd;
	if (health_set(h, NULL) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(path);
		health_close(h);
		return NULL;
	}
	free(path);
	return h;
}

int
health_set(struct health *h, const char *text)
{
	char rec[HEALTH_SIZE];
	size_t len;
	ssize_t w;

	/* One line, padded with spaces to the fixed size, ending in a newline. */
	memset(rec, ' ', sizeof rec);
	if (text == NULL)
		memcpy(rec, "ok", 2);
	else {
		len = strlen(FAILING) + strlen(text);
		if (len > sizeof rec - 1)
			len = sizeof rec - 1;
		memcpy(rec, FAILING, strlen(FAILING));
		memcpy(rec + strlen(FAILING), text, len - strlen(FAILING));
		for (size_t i = 0; i < len; i++)
			if (rec[i] == '\n')
				rec[i] = ' ';
	}
	rec[sizeof rec - 1] = '\n';
	w = pwrite(h->fd, rec, sizeof rec, 0);
	if (w == (ssize_t)sizeof rec)
		return 0;
	if (w >= 0)
		errno = ENOSPC;
	return -1;
}

void
health_close(struct health *h)
{
	if (h == NULL)
		return;
	close(h->fd);
	free(h);
}

char *
health_failure(const char *database)
{
	char *path = health_path(database), rec[HEALTH_SIZE + 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	free(path);
	if (fd == -1)
		return NULL;
	n = pread(fd, rec, HEALTH_SIZE, 0);
	close(fd);
	if (n <= (ssize_t)strlen(FAILING) || strncmp(rec, FAILING, strlen(FAILING)) != 0)
		return NULL;
	while (n > 0 && (rec[n - 1] == ' ' || rec[n - 1] == '\n'))
		n--;
	rec[n] = '\0';
	return xstrdup(rec + strlen(FAILING));
}

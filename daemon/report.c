/* report.c: tcttd --report YEAR [-o FILE]: the yearly report as .docx, to a file or stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "log.h"
#include "report.h"
#include "store.h"
#include "tcttd.h"
#include "xmalloc.h"

/* Write all of data to fd; 0 or -1 with errno. */
static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write data to path through a temporary file renamed over it: never half a document. */
static int
write_file(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd, rc = -1;

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) == -1) {
		log_warn("%s", tmp);
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) == -1 || fsync(fd) == -1)
		log_warn("%s", tmp);
	else if (close(fd) == -1)
		log_warn("%s", tmp);
	else if (rename(tmp, path) == -1)
		log_warn("%s", path);
	else
		rc = 0;
	if (rc == -1) {
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

int
tcttd_report(const struct config *cfg, int year, const char *out_path)
{
	struct store *st;
	char *cause, *doc;
	size_t len;
	int rc;

	if (store_open(cfg->database, 0, &st, &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		return 1;
	}
	rc = report_docx_year(cfg, st, year, clock_now(), &doc, &len, &cause);
	store_close(st);
	if (rc == -1) {
		log_errx("report %d: %s", year, cause);
		free(cause);
		return 1;
	}
	if (out_path != NULL)
		rc = write_file(out_path, doc, len);
	else if ((rc = write_all(STDOUT_FILENO, doc, len)) == -1)
		log_warn("stdout");
	free(doc);
	if (rc == 0 && out_path != NULL)
		log_info("report %d written to %s (%zu bytes)", year, out_path, len);
	return rc == 0 ? 0 : 1;
}

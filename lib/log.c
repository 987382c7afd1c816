/*
 * log.c: messages to stderr. When stderr is the journal, each line starts
 * with journald's "<N>" priority and no name (journald adds "tcttd[52]:");
 * otherwise (a hand-run, a pipe, a file) with the program's name and no "<N>".
 */
#include "log.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/stat.h>

static int log_level = LOG_INFO;
static const char *log_name;
static int log_journal = -1;	/* stderr is the journal: 1 yes, 0 no, -1 not looked yet */

/*
 * systemd's rule (systemd.exec(5), JOURNAL_STREAM): stderr is the journal's
 * stream when the variable's "DEV:INODE" names stderr's own device and inode.
 * A child that inherited the variable but not the stream fails the check.
 */
bool
log_stderr_is_journal(void)
{
	const char *env = getenv("JOURNAL_STREAM");
	uintmax_t dev, ino;
	struct stat sb;
	int n = 0;

	if (env == NULL || sscanf(env, "%ju:%ju%n", &dev, &ino, &n) != 2 ||
	    env[n] != '\0' || fstat(STDERR_FILENO, &sb) == -1)
		return false;
	return (uintmax_t)sb.st_dev == dev && (uintmax_t)sb.st_ino == ino;
}

void
log_set_level(int level)
{
	log_level = level;
}

void
log_set_name(const char *name)
{
	log_name = name;
	log_journal = log_stderr_is_journal();
}

/* One fprintf per message so concurrent writers do not interleave lines. */
static void
log_emit(int pri, const char *errstr, const char *fmt, va_list ap)
{
	char msg[2048];

	if (pri > log_level)
		return;
	if (log_journal == -1)
		log_journal = log_stderr_is_journal();
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* Crawled text may reach a message: keep one message on one line. */
	for (char *p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (log_journal)
		fprintf(stderr, "<%d>%s%s%s\n", pri, msg, errstr ? ": " : "",
		    errstr ? errstr : "");
	else
		fprintf(stderr, "%s%s%s%s%s\n", log_name ? log_name : "",
		    log_name ? ": " : "", msg, errstr ? ": " : "", errstr ? errstr : "");
}

void
log_vmsg(int pri, const char *fmt, va_list ap)
{
	int saved = errno;

	log_emit(pri, NULL, fmt, ap);
	errno = saved;
}

#define LOG_FN(fn, pri)					\
void								\
fn(const char *fmt, ...)					\
{								\
	va_list ap;						\
	int saved = errno;					\
								\
	va_start(ap, fmt);					\
	log_emit(pri, NULL, fmt, ap);				\
	va_end(ap);						\
	errno = saved;						\
}

LOG_FN(log_debug, LOG_DEBUG)
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_notice, LOG_NOTICE)
LOG_FN(log_warnx, LOG_WARNING)
LOG_FN(log_errx, LOG_ERR)

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	log_emit(LOG_WARNING, strerror(saved), fmt, ap);
	va_end(ap);
	errno = saved;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	log_emit(LOG_ERR, strerror(saved), fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(LOG_ERR, NULL, fmt, ap);
	va_end(ap);
	exit(1);
}

void
log_errx_lines(const char *text)
{
	const char *p = text, *nl;

	for (; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		if (nl > p)
			log_errx("%.*s", (int)(nl - p), p);
	}
}

/* log.c: messages to stderr with "<N>" priority prefixes that journald understands. */
#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

static int log_level = LOG_INFO;
static const char *log_name;

void
log_set_level(int level)
{
	log_level = level;
}

void
log_set_name(const char *name)
{
	log_name = name;
}

/* One fprintf per message so concurrent writers do not interleave lines. */
static void
log_emit(int pri, const char *errstr, const char *fmt, va_list ap)
{
	char msg[2048];

	if (pri > log_level)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* Crawled text may reach a message: keep one message on one line. */
	for (char *p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (errstr != NULL)
		fprintf(stderr, "<%d>%s%s%s: %s\n", pri, log_name ? log_name : "",
		    log_name ? ": " : "", msg, errstr);
	else
		fprintf(stderr, "<%d>%s%s%s\n", pri, log_name ? log_name : "",
		    log_name ? ": " : "", msg);
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

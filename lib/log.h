/* log.h: one logging API for both binaries; stderr, with sd-daemon priority prefixes when it is the journal. */
#ifndef TCTT_LOG_H
#define TCTT_LOG_H

#include <stdarg.h>
#include <stdbool.h>

#define TCTT_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Set the minimum priority printed (LOG_DEBUG shows everything); default LOG_INFO. */
void log_set_level(int level);
/*
 * Set the program name written before messages when stderr is not the journal
 * (borrowed, must outlive logging), and look again whether stderr is the journal.
 */
void log_set_name(const char *name);
/* Whether stderr is the journal's stream (JOURNAL_STREAM names its device and inode). */
bool log_stderr_is_journal(void);

void log_debug(const char *fmt, ...) TCTT_PRINTF(1, 2);
void log_info(const char *fmt, ...) TCTT_PRINTF(1, 2);
void log_notice(const char *fmt, ...) TCTT_PRINTF(1, 2);
void log_warnx(const char *fmt, ...) TCTT_PRINTF(1, 2);
/* Like log_warnx, appending ": strerror(errno)". errno is preserved. */
void log_warn(const char *fmt, ...) TCTT_PRINTF(1, 2);
void log_errx(const char *fmt, ...) TCTT_PRINTF(1, 2);
/* Every line of text (a configuration's errors, say) at error priority. */
void log_errx_lines(const char *text);
/* Log at error priority with strerror(errno) and exit(1). */
_Noreturn void fatal(const char *fmt, ...) TCTT_PRINTF(1, 2);
/* Log at error priority and exit(1). */
_Noreturn void fatalx(const char *fmt, ...) TCTT_PRINTF(1, 2);
/* Log at an explicit syslog priority (LOG_ERR ... LOG_DEBUG). */
void log_vmsg(int pri, const char *fmt, va_list ap) TCTT_PRINTF(2, 0);

#endif

/* sdnotify.c: a thin layer over sd_notify(3) and sd_watchdog_enabled(3). */
#include "sdnotify.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <systemd/sd-daemon.h>


void
sdn_send(const char *state)
{
	int rc = sd_notify(0, state);

	if (rc < 0)
		log_debug("sd_notify %s: %s", state, strerror(-rc));
}

void
sdn_status(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof msg, "STATUS=");
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	sdn_send(msg);
}

void
sdn_reloading(void)
{
	struct timespec ts;
	char msg[96];

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(msg, sizeof msg, "RELOADING=1\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000ULL);
	sdn_send(msg);
}

uint64_t
sdn_watchdog_usec(void)
{
	uint64_t usec = 0;

	if (sd_watchdog_enabled(0, &usec) <= 0)
		return 0;
	return usec;
}

/* sdnotify.h: telling systemd how the daemon is doing (libsystemd's sd_notify). */
#ifndef TCTT_SDNOTIFY_H
#define TCTT_SDNOTIFY_H

#include <stdint.h>

#include "log.h"

/* Send state ("READY=1", "STOPPING=1" ...); a no-op outside systemd. */
void sdn_send(const char *state);
/* Send "STATUS=" followed by the formatted text. */
void sdn_status(const char *fmt, ...) TCTT_PRINTF(1, 2);
/* "RELOADING=1" with MONOTONIC_USEC=, as systemd 253+ asks of reloads. */
void sdn_reloading(void);
/* The watchdog period in microseconds, 0 when systemd expects no pings. */
uint64_t sdn_watchdog_usec(void);

#endif

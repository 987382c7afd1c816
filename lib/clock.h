/* clock.h: the current time (which tests may set) and the time formats tctt writes. */
#ifndef TCTT_CLOCK_H
#define TCTT_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Seconds since the epoch. When the environment has TCTT_NOW (seconds since
 * the epoch, or YYYY-MM-DDTHH:MM:SS±HH:MM), that fixed time is returned, so
 * tests and demos control "today".
 */
int64_t clock_now(void);

/* Make local time Asia/Ho_Chi_Minh unless TZ says otherwise. */
void clock_init_tz(void);

/* "2026-11-29T08:00:00+07:00" in local time; returns buf. */
char *clock_iso8601(int64_t t, char *buf, size_t size);
/* "2026-11-29" in local time; returns buf. */
char *clock_date(int64_t t, char *buf, size_t size);
/* "29/11/2026" (Vietnamese order) in local time; returns buf. */
char *clock_date_vn(int64_t t, char *buf, size_t size);
/* Parse "YYYY-MM-DDTHH:MM:SS" with Z, ±HH:MM or nothing (local); -1 if bad. */
int clock_parse_iso8601(const char *s, int64_t *out);

#endif

/* clock.c: one source of "now" and the date formats of exports and pages. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

void
clock_init_tz(void)
{
	/* The province's local time; an operator's TZ still wins. */
	if (getenv("TZ") == NULL)
		setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
}

int
clock_parse_iso8601(const char *s, int64_t *out)
{
	struct tm tm;
	int n = 0, oh = 0, om = 0;
	char sign = 0;
	const char *rest;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
		return -1;
	rest = s + n;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if (*rest == '\0') {
		tm.tm_isdst = -1;
		if ((t = mktime(&tm)) == (time_t)-1)
			return -1;
		*out = t;
		return 0;
	}
	if (strcmp(rest, "Z") == 0)
		sign = '+';
	else if ((rest[0] == '+' || rest[0] == '-') &&
	    sscanf(rest + 1, "%2d:%2d%n", &oh, &om, &n) == 2 && rest[1 + n] == '\0')
		sign = rest[0];
	else
		return -1;
	t = timegm(&tm);
	*out = (int64_t)t - (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	return 0;
}

int64_t
clock_now(void)
{
	const char *env = getenv("TCTT_NOW");
	int64_t t;
	char *end;

	if (env == NULL || *env == '\0')
		return (int64_t)time(NULL);
	t = strtoll(env, &end, 10);
	if (*end == '\0')
		return t;
	if (clock_parse_iso8601(env, &t) == 0)
		return t;
	fatalx("TCTT_NOW: bad time '%s'", env);
}

char *
clock_iso8601(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	long off;

	localtime_r(&tt, &tm);
	off = tm.tm_gmtoff;
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
	return buf;
}

char *
clock_date(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
	return buf;
}

char *
clock_date_vn(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, size, "%d/%m/%Y", &tm);
	return buf;
}

/*
 * dates.h: dates in the forms used in Vietnam (SPEC "Dates and stale"):
 * 12/8/2026, 12-08-2026, 12.08.2026, 12 - 08 - 2026, ngày 12 tháng 8 năm 2026,
 * with or without weekday and time around them. A date is an int YYYYMMDD
 * (20261129); 0 means none.
 */
#ifndef TCTT_DATES_H
#define TCTT_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True for a real calendar day (no 31/02; 29/02 only in leap years). */
bool date_valid(int y, int m, int d);
/* Days since 1970-01-01 of a YYYYMMDD date. */
int64_t date_days(int ymd);
/* The local (TZ) date of a time. */
int date_of_time(int64_t t);
/* "2026-11-29" into buf (at least 11 bytes); returns buf. */
char *date_iso(int ymd, char *buf, size_t size);
/* "29/11/2026" into buf; returns buf. */
char *date_vn(int ymd, char *buf, size_t size);

/* Every valid date in folded text, in order, at most max into out; returns how many. */
size_t dates_scan(const char *folded, int *out, size_t max);
/* Dates in folded text that follow a label ("cap nhat", "ngay ban hanh", "ngay dang"...). */
size_t dates_scan_labelled(const char *folded, int *out, size_t max);
/* The most recent of n dates not after today; 0 if none. */
int dates_latest(const int *dates, size_t n, int today);
/* The most recent date in raw text (any charset-decoded UTF-8) not after today; 0 if none. */
int dates_latest_in(const char *text, int today);
/* Date of an HTTP date (Last-Modified); 0 if unparsable. */
int dates_http(const char *value);

#endif

/* dates.c: finding and checking dates in Vietnamese text. */
#include "dates.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "fold.h"

/* Words (folded) after which a date is the document's own: published, issued, updated. */
static const char *const date_labels[] = {
	"cap nhat", "ngay ban hanh", "ban hanh ngay", "ban hanh", "ngay dang",
	"dang luc", "dang ngay", "thoi gian dang", "ngay xuat ban", "ngay tao",
	"ngay ky", "ngay cong bo", "cong bo ngay", NULL,
};

#define LABEL_REACH	48	/* bytes after a label in which its date must start */

bool
date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int max;

	if (y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

int64_t
date_days(int ymd)
{
	/* Howard Hinnant's days_from_civil. */
	int64_t y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
date_of_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

char *
date_iso(int ymd, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
	return buf;
}

char *
date_vn(int ymd, char *buf, size_t size)
{
	snprintf(buf, size, "%02d/%02d/%04d", ymd % 100, ymd / 100 % 100, ymd / 10000);
	return buf;
}

/* Read 1..maxd digits at *pp (no more digits may follow); returns the value or -1. */
static int
dates_num(const char **pp, int mind, int maxd)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (isdigit((unsigned char)*p) && n <= maxd) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n < mind || n > maxd)
		return -1;
	*pp = p;
	return v;
}

/* Skip spaces. */
static const char *
dates_ws(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Skip word w (folded) and the spaces after it; NULL if not there. */
static const char *
dates_word(const char *p, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(p, w, n) != 0 || isalnum((unsigned char)p[n]))
		return NULL;
	return dates_ws(p + n);
}

/* Try to read a date at p (which starts a number); on success set *ymd and *end. */
static bool
dates_at(const char *p, int *ymd, const char **end)
{
	const char *q = p, *r;
	int a, b, c;
	char sep;

	if ((a = dates_num(&q, 1, 4)) < 0)
		return false;
	if (q - p == 4) {
		/* ISO 2026-11-29, as in <time datetime>. */
		if (*q != '-')
			return false;
		q++;
		if ((b = dates_num(&q, 2, 2)) < 0 || *q != '-')
			return false;
		q++;
		if ((c = dates_num(&q, 2, 2)) < 0 || !date_valid(a, b, c))
			return false;
		*ymd = a * 10000 + b * 100 + c;
		*end = q;
		return true;
	}
	if (q - p > 2)
		return false;
	r = dates_ws(q);
	if (*r == '/' || *r == '-' || *r == '.') {
		/* 12/8/2026, 12-08-2026, 12.08.2026, 12 - 08 - 2026 */
		sep = *r;
		r = dates_ws(r + 1);
		if ((b = dates_num(&r, 1, 2)) < 0)
			return false;
		r = dates_ws(r);
		if (*r != sep)
			return false;
		r = dates_ws(r + 1);
		if ((c = dates_num(&r, 4, 4)) < 0)
			return false;
	} else {
		/* (ngay) 12 thang 8 (,) nam 2026 */
		if ((r = dates_word(r, "thang")) == NULL ||
		    (b = dates_num(&r, 1, 2)) < 0)
			return false;
		r = dates_ws(r);
		if (*r == ',')
			r = dates_ws(r + 1);
		if ((r = dates_word(r, "nam")) == NULL ||
		    (c = dates_num(&r, 4, 4)) < 0)
			return false;
	}
	if (!date_valid(c, b, a))
		return false;
	*ymd = c * 10000 + b * 100 + a;
	*end = r;
	return true;
}

/* Find the first date starting in [p, p + reach) (reach 0: anywhere); sets *end. */
static int
dates_next(const char *start, const char *p, size_t reach, const char **end)
{
	const char *lim = reach ? p + strnlen(p, reach) : NULL;
	int ymd;

	for (; *p && (lim == NULL || p < lim); p++) {
		if (!isdigit((unsigned char)*p))
			continue;
		if (p > start && (isdigit((unsigned char)p[-1]) ||
		    isalpha((unsigned char)p[-1]) ||
		    ((p[-1] == '/' || p[-1] == '.') && p - 1 > start &&
		    isdigit((unsigned char)p[-2]))))
			continue;	/* inside a longer number or word */
		if (dates_at(p, &ymd, end) && !isalnum((unsigned char)**end))
			return ymd;
	}
	*end = p;
	return 0;
}

size_t
dates_scan(const char *folded, int *out, size_t max)
{
	const char *p = folded, *end;
	size_t n = 0;
	int ymd;

	while (n < max && (ymd = dates_next(folded, p, 0, &end)) != 0) {
		out[n++] = ymd;
		p = end;
	}
	return n;
}

size_t
dates_scan_labelled(const char *folded, int *out, size_t max)
{
	const char *ends[64];
	size_t n = 0;

	if (max > 64)
		max = 64;
	for (int i = 0; date_labels[i] != NULL && n < max; i++) {
		const char *p = folded, *end;
		size_t ll = strlen(date_labels[i]), k;

		while (n < max && (p = strstr(p, date_labels[i])) != NULL) {
			int ymd;

			if ((p == folded || !isalnum((unsigned char)p[-1])) &&
			    !isalnum((unsigned char)p[ll]) &&
			    (ymd = dates_next(folded, p + ll, LABEL_REACH, &end)) != 0) {
				/* Two labels ("ngay ban hanh", "ban hanh") may name one date. */
				for (k = 0; k < n && ends[k] != end; k++)
					;
				if (k == n) {
					ends[n] = end;
					out[n++] = ymd;
				}
			}
			p += ll;
		}
	}
	return n;
}

int
dates_latest(const int *dates, size_t n, int today)
{
	int best = 0;

	for (size_t i = 0; i < n; i++)
		if (dates[i] <= today && dates[i] > best)
			best = dates[i];
	return best;
}

int
dates_latest_in(const char *text, int today)
{
	char *f = fold_str(text);
	int d[64];
	size_t n = dates_scan(f, d, 64);

	free(f);
	return dates_latest(d, n, today);
}

int
dates_http(const char *value)
{
	time_t t;

	if (value == NULL || (t = curl_getdate(value, NULL)) == -1)
		return 0;
	return date_of_time((int64_t)t);
}

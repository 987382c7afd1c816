/* gzip.c: Content-Encoding gzip for the dashboard's replies: negotiation and compression (zlib). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "dashboard.h"
#include "log.h"

bool
dash_accepts_gzip(const char *accept_encoding)
{
	const char *p = accept_encoding;

	while (p != NULL && *p != '\0') {
		size_t len;
		const char *q, *end = strchr(p, ',');

		if (end == NULL)
			end = p + strlen(p);
		p += strspn(p, " \t");
		len = strcspn(p, " \t;,");
		if ((len == 4 && strncasecmp(p, "gzip", 4) == 0) ||
		    (len == 6 && strncasecmp(p, "x-gzip", 6) == 0)) {
			/* "gzip;q=0" (or 0.0, 0.00...) refuses it. */
			q = memchr(p, ';', (size_t)(end - p));
			if (q == NULL)
				return true;
			q += 1 + strspn(q + 1, " \t");
			if (strncasecmp(q, "q=", 2) != 0)
				return true;
			q += 2;
			if (*q != '0')
				return true;
			for (q++, q += *q == '.'; q < end && *q == '0'; q++)
				;
			return !(q == end || *q == ' ' || *q == '\t' || *q == ';');
		}
		p = *end == ',' ? end + 1 : end;
	}
	return false;
}

char *
dash_gzip(const char *data, size_t len, size_t *outlen)
{
	z_stream z = { 0 };
	uLong cap;
	char *out;

	/* 15 + 16: a gzip header and trailer around the deflate stream. */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		log_warnx("deflateInit2 failed");
		return NULL;
	}
	cap = deflateBound(&z, (uLong)len);
	out = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		log_warnx("deflate failed");
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*outlen = z.total_out;
	deflateEnd(&z);
	return out;
}

/* extract-charset.c: which charset a page is in, and converting it to UTF-8 with iconv. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "fold.h"
#include "xmalloc.h"

/* Copy the charset value starting at p (after "charset=") into buf; true if any. */
static bool
charset_value(const char *p, const char *end, char *buf, size_t size)
{
	size_t n = 0;

	while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
		p++;
	while (p < end && n + 1 < size && (isalnum((unsigned char)*p) ||
	    *p == '-' || *p == '_' || *p == '.' || *p == ':'))
		buf[n++] = *p++;
	buf[n] = '\0';
	return n > 0;
}

/* Find "charset" (any case) in [p, end); returns the byte after its '=' or NULL. */
static const char *
charset_find(const char *p, const char *end)
{
	for (; p + 8 <= end; p++) {
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (p < end && *p == ' ')
			p++;
		if (p < end && *p == '=')
			return p + 1;
	}
	return NULL;
}

const char *
extract_charset(const char *content_type, const void *body, size_t len,
    char *buf, size_t size)
{
	const char *b = body, *end, *p, *q;

	if (content_type != NULL &&
	    (p = charset_find(content_type, content_type + strlen(content_type))) &&
	    charset_value(p, content_type + strlen(content_type), buf, size))
		return buf;
	if (len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0)
		return "UTF-8";
	if (len >= 2 && (memcmp(b, "\xff\xfe", 2) == 0 || memcmp(b, "\xfe\xff", 2) == 0))
		return "UTF-16";
	/* <meta charset=...> or <meta http-equiv content="...; charset=..."> in the first 8 KiB. */
	end = b + (len < 8192 ? len : 8192);
	for (p = b; p < end && (p = memmem(p, (size_t)(end - p), "<meta", 5)) != NULL; p = q) {
		const char *c;

		p += 5;
		if ((q = memchr(p, '>', (size_t)(end - p))) == NULL)
			q = end;
		if ((c = charset_find(p, q)) != NULL && charset_value(c, q, buf, size))
			return buf;
	}
	return "UTF-8";
}

const char *
extract_utf8_view(const char *charset, const void *body, size_t len, size_t *outlen,
    char **owned)
{
	const char *s = body;
	size_t n = len;

	*owned = NULL;
	if (strcasecmp(charset, "utf-8") == 0 || strcasecmp(charset, "utf8") == 0) {
		if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (utf8_valid_prefix(s, n) == n) {
			*outlen = n;
			return s;
		}
	}
	*owned = extract_to_utf8(charset, body, len, outlen);
	return *owned;
}

char *
extract_to_utf8(const char *charset, const void *body, size_t len, size_t *outlen)
{
	struct buf b = { 0 };
	char *in = (char *)(uintptr_t)body, *s;
	size_t inleft = len;
	iconv_t cd;

	if (strcasecmp(charset, "utf-8") == 0 || strcasecmp(charset, "utf8") == 0 ||
	    (cd = iconv_open("UTF-8", charset)) == (iconv_t)-1) {
		if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) {
			in += 3;
			len -= 3;
		}
		s = utf8_sanitize(in, len);
		*outlen = strlen(s);
		return s;
	}
	buf_add(&b, "", 0);
	while (inleft > 0) {
		char out[4096], *op = out;
		size_t outleft = sizeof out;
		size_t r = iconv(cd, &in, &inleft, &op, &outleft);

		buf_add(&b, out, (size_t)(op - out));
		if (r == (size_t)-1 && errno != E2BIG) {
			/* A byte the charset does not have: mark it and go on. */
			buf_puts(&b, "\xef\xbf\xbd");
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	{
		char out[64], *op = out;
		size_t outleft = sizeof out;

		iconv(cd, NULL, NULL, &op, &outleft);	/* flush a pending base letter */
		buf_add(&b, out, (size_t)(op - out));
	}
	iconv_close(cd);
	s = utf8_sanitize(b.data, b.len);
	buf_free(&b);
	*outlen = strlen(s);
	return s;
}

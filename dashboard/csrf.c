/*
 * csrf.c: what makes a form post the user's own: a token that is an HMAC of
 * the user and the hour under the database's secret, and a same-origin check
 * of Origin (or Referer) against Host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "dashboard.h"

/* A token is good for its hour and the next. */
#define CSRF_WINDOW	3600

/* The token of user for window w (caller frees). */
static char *
token_at(const char *secret, const char *user, int64_t w)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	char *msg = xasprintf("tctt-form\n%s\n%lld", user, (long long)w);
	struct buf b = { 0 };

	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)msg, strlen(msg), mac, &len) == NULL)
		fatalx("HMAC failed");
	free(msg);
	for (unsigned int i = 0; i < len; i++)
		buf_printf(&b, "%02x", mac[i]);
	return buf_steal(&b);
}

char *
csrf_token(const char *secret, const char *user, int64_t now)
{
	return token_at(secret, user, now / CSRF_WINDOW);
}

/* Compare in time that depends only on the lengths. */
static bool
same_ct(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

bool
csrf_check(const char *secret, const char *user, const char *token, int64_t now)
{
	bool ok = false;

	if (secret == NULL || user == NULL || token == NULL)
		return false;
	for (int64_t w = now / CSRF_WINDOW; w >= now / CSRF_WINDOW - 1 && !ok; w--) {
		char *want = token_at(secret, user, w);

		ok = same_ct(want, token);
		free(want);
	}
	return ok;
}

/* The host[:port] of an http(s) URL or origin, compared with host; false when none. */
static bool
origin_is(const char *url, const char *host)
{
	const char *p, *end;
	size_t len;

	if (strncasecmp(url, "http://", 7) == 0)
		p = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		p = url + 8;
	else
		return false;
	end = p + strcspn(p, "/?#");
	len = (size_t)(end - p);
	return len > 0 && len == strlen(host) && strncasecmp(p, host, len) == 0;
}

bool
csrf_same_origin(const char *host, const char *origin, const char *referer)
{
	if (host == NULL || *host == '\0')
		return false;
	/* A browser sends Origin with a form post; Referer is the fallback. */
	if (origin != NULL)
		return origin_is(origin, host);
	return referer != NULL && origin_is(referer, host);
}

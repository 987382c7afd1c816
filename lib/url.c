/* url.c: URLs through libcurl's URL API (never by hand), and "HOST:PORT" strings. */
#include "url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "log.h"
#include "xmalloc.h"

struct url {
	CURLU	*cu;
};

static unsigned int
curl_flags(int flags)
{
	return (flags & URL_ANY_SCHEME ? CURLU_NON_SUPPORT_SCHEME : 0) |
	    (flags & URL_ENCODE ? CURLU_URLENCODE : 0);
}

/* Part of cu, as our own string (NULL when absent). */
static char *
part(CURLU *cu, CURLUPart what, unsigned int flags)
{
	char *s = NULL, *out = NULL;

	if (curl_url_get(cu, what, &s, flags) == CURLUE_OK && s != NULL)
		out = xstrdup(s);
	curl_free(s);
	return out;
}

static bool
is_web(const char *scheme, const char *host)
{
	return scheme != NULL && (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) &&
	    host != NULL && *host != '\0';
}

/* The whole URL of cu without its fragment (caller frees), NULL under flags' refusal. */
static char *
whole(CURLU *cu, int flags)
{
	if (curl_url_set(cu, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK)
		return NULL;
	if (flags & URL_WEB) {
		/* libcurl's own strings, not copied: only looked at. */
		char *scheme = NULL, *host = NULL;
		bool web = curl_url_get(cu, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		    curl_url_get(cu, CURLUPART_HOST, &host, 0) == CURLUE_OK && is_web(scheme, host);

		curl_free(scheme);
		curl_free(host);
		if (!web)
			return NULL;
	}
	return part(cu, CURLUPART_URL, 0);
}

int
url_parse(const char *s, int flags, struct url_parts *out)
{
	CURLU *cu = curl_url();

	memset(out, 0, sizeof *out);
	if (cu == NULL)
		fatalx("out of memory");
	if (curl_url_set(cu, CURLUPART_URL, s, curl_flags(flags)) != CURLUE_OK) {
		curl_url_cleanup(cu);
		return -1;
	}
	out->scheme = part(cu, CURLUPART_SCHEME, 0);
	out->host = part(cu, CURLUPART_HOST, 0);
	for (char *p = out->host; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	out->port = part(cu, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	out->path = part(cu, CURLUPART_PATH, 0);
	out->query = part(cu, CURLUPART_QUERY, 0);
	out->user = part(cu, CURLUPART_USER, 0);
	out->password = part(cu, CURLUPART_PASSWORD, 0);
	out->url = whole(cu, 0);
	curl_url_cleanup(cu);
	if ((flags & URL_WEB) && !is_web(out->scheme, out->host)) {
		url_parts_free(out);
		return -1;
	}
	return 0;
}

void
url_parts_free(struct url_parts *p)
{
	free(p->url);
	free(p->scheme);
	free(p->host);
	free(p->port);
	free(p->path);
	free(p->query);
	free(p->user);
	free(p->password);
	memset(p, 0, sizeof *p);
}

struct url *
url_new(const char *s, int flags)
{
	struct url *u = xcalloc(1, sizeof *u);

	if ((u->cu = curl_url()) == NULL)
		fatalx("out of memory");
	if (curl_url_set(u->cu, CURLUPART_URL, s, curl_flags(flags)) != CURLUE_OK) {
		url_free(u);
		return NULL;
	}
	return u;
}

void
url_free(struct url *u)
{
	if (u == NULL)
		return;
	curl_url_cleanup(u->cu);
	free(u);
}

int
url_set(struct url *u, const char *ref)
{
	CURLU *next = curl_url_dup(u->cu);

	if (next == NULL)
		fatalx("out of memory");
	if (curl_url_set(next, CURLUPART_URL, ref, 0) != CURLUE_OK) {
		curl_url_cleanup(next);
		return -1;
	}
	curl_url_cleanup(u->cu);
	u->cu = next;
	return 0;
}

char *
url_resolve_in(const struct url *base, const char *ref, int flags)
{
	CURLU *cu = curl_url_dup(base->cu);
	char *out = NULL;

	if (cu == NULL)
		fatalx("out of memory");
	if (curl_url_set(cu, CURLUPART_URL, ref, curl_flags(flags)) == CURLUE_OK)
		out = whole(cu, flags);
	curl_url_cleanup(cu);
	return out;
}

char *
url_resolve(const char *base, const char *ref, int flags)
{
	struct url *u = url_new(base, 0);
	char *out;

	if (u == NULL)
		return NULL;
	out = url_resolve_in(u, ref, flags);
	url_free(u);
	return out;
}

char *
url_robots(const char *url)
{
	CURLU *cu = curl_url();
	char *out = NULL;

	if (cu == NULL)
		fatalx("out of memory");
	if (curl_url_set(cu, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_PATH, "/robots.txt", 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_QUERY, NULL, 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK)
		out = whole(cu, 0);
	curl_url_cleanup(cu);
	return out;
}

int
url_split_hostport(const char *s, char **host, int *port)
{
	const char *colon, *start = s, *end;
	char *digits_end;
	long p;

	if (*s == '[') {
		if ((end = strchr(s, ']')) == NULL || end == s + 1 || end[1] != ':')
			return -1;
		start = s + 1;
		colon = end + 1;
	} else {
		if ((colon = strchr(s, ':')) == NULL || strchr(colon + 1, ':') != NULL ||
		    colon == s || memchr(s, '[', (size_t)(colon - s)) != NULL ||
		    memchr(s, ']', (size_t)(colon - s)) != NULL)
			return -1;
		end = colon;
	}
	if (!isdigit((unsigned char)colon[1]) || strlen(colon + 1) > 5)
		return -1;
	p = strtol(colon + 1, &digits_end, 10);
	if (*digits_end != '\0' || p > 65535)
		return -1;
	*host = xstrndup(start, (size_t)(end - start));
	*port = (int)p;
	return 0;
}

const char *
url_field(const char *s, char *field, size_t size)
{
	size_t n = 0;
	bool bracket = false;

	for (; *s != '\0'; s++) {
		if (*s == '[')
			bracket = true;
		else if (*s == ']')
			bracket = false;
		else if (*s == ':' && !bracket)
			break;
		if (n + 1 >= size)
			return NULL;
		field[n++] = *s;
	}
	field[n] = '\0';
	return s;
}

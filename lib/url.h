/*
 * url.h: every URL is parsed here, by libcurl's URL API, and every
 * "HOST:PORT" too (the listen address, connect_to's fields).
 */
#ifndef TCTT_URL_H
#define TCTT_URL_H

#include <stdbool.h>
#include <stddef.h>

/* Flags of url_parse, url_new and url_resolve_in. */
#define URL_WEB		0x01	/* refuse all but http(s) with a host */
#define URL_ANY_SCHEME	0x02	/* accept schemes libcurl cannot fetch (smtp...) */
#define URL_ENCODE	0x04	/* percent-encode spaces and the like instead of refusing */

/* The parts of a URL; any may be NULL when absent. url_parts_free frees them. */
struct url_parts {
	char	*url;		/* the whole URL without its fragment, normalized by libcurl */
	char	*scheme;	/* lower case */
	char	*host;		/* lower case; an IPv6 address keeps its brackets */
	char	*port;		/* the scheme's default when the URL names none */
	char	*path;		/* "/" at least */
	char	*query;
	char	*user;
	char	*password;
};

/* Parse s into *out (zeroed first); 0, or -1 when it is not a URL under flags (*out empty). */
int url_parse(const char *s, int flags, struct url_parts *out);
void url_parts_free(struct url_parts *p);

/* A parsed URL kept to resolve many references against (a page and its <base>). */
struct url;
/* NULL when s is not a URL. Caller frees with url_free. */
struct url *url_new(const char *s, int flags);
void url_free(struct url *u);
/* Point u at ref resolved against it (a <base href>); -1 leaves u as it was. */
int url_set(struct url *u, const char *ref);
/*
 * ref resolved against base, without fragment (caller frees); NULL when
 * unusable under flags. The same as libcurl gives, from a memo of this
 * thread's last references when it can (url.c): base keeps its text for it.
 */
char *url_resolve_in(struct url *base, const char *ref, int flags);
/* What this thread's memo of url_resolve_in holds and did (for tests). */
struct url_memo_stats {
	size_t	 hits, misses;
	size_t	 entries, bytes;	/* held now */
	size_t	 max_entries, max_bytes;	/* the bounds of both, fixed */
};
struct url_memo_stats url_memo_stats(void);
/* The same from a base given as text. */
char *url_resolve(const char *base, const char *ref, int flags);
/* The robots.txt URL of url's origin (caller frees), or NULL. */
char *url_robots(const char *url);

/*
 * Split "HOST:PORT" or "[V6]:PORT" (an IPv6 address needs its brackets: at
 * which colon would "::1:80" split?) into *host (caller frees, without the
 * brackets) and *port (0 to 65535, digits only). -1 when s is not one.
 */
int url_split_hostport(const char *s, char **host, int *port);
/*
 * connect_to's fields ("HOST:PORT:HOST:PORT", curl's CURLOPT_CONNECT_TO):
 * copy s up to the first colon outside brackets into field and return where
 * it stopped (at that colon or the end); NULL when the field is size bytes or more.
 */
const char *url_field(const char *s, char *field, size_t size);

#endif

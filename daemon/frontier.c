/*
 * frontier.c: best-first URL queue with de-duplication, kept small by design
 * (max_pages is small). Every page of a site links the same menus, so most
 * links are offered again and again: an offered string is remembered with
 * its answer, and offered again it is refused without being parsed.
 */
#include "frontier.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "hash.h"
#include "url.h"
#include "xmalloc.h"

/*
 * Remembered strings with what is known of each (seen_kind): a string can be
 * a normalised URL already queued, a string offered whose normalised form is
 * (most are both: links come normalised), or a string refused for good.
 */
#define SEEN_NORM	0x01	/* a normalised URL queued once: never again */
#define SEEN_RAW	0x02	/* offered; its normalised form is SEEN_NORM */
#define SEEN_BAD	0x04	/* offered; not an http(s) URL */
#define SEEN_OFFHOST	0x08	/* offered (not as a hint); off the host(s) known then */
#define SEEN_SKIP	0x10	/* offered as a link (depth > 0); frontier_skips */
/* Strings remembered only for their answer, at most (each pass holds its frontier). */
#define FRONTIER_MAX_OFFERS	1024

struct entry {
	char	*url;
	int	 depth;
	int	 priority;
	unsigned long seq;	/* FIFO among equal priorities */
};

struct frontier {
	char		*host;
	char		*host2;		/* where the home page redirected to, or NULL */
	struct entry	*queue;
	size_t		 nqueue;
	size_t		 cap;
	size_t		 max_queued;
	char		**seen;		/* open-addressing set of strings (above) */
	unsigned char	*seen_kind;	/* SEEN_* of each */
	size_t		 seen_cap;
	size_t		 nseen;
	size_t		 noffers;	/* strings held only for their answer */
	size_t		 parses;	/* URLs parsed by add (frontier_parses) */
	unsigned long	 seq;
};

/* Host of url, lower-cased; caller frees; NULL when not an http(s) URL. */
static char *
url_host(const char *url)
{
	struct url_parts u;
	char *out;

	if (url_parse(url, URL_WEB, &u) == -1)
		return NULL;
	out = u.host;
	u.host = NULL;
	url_parts_free(&u);
	return out;
}

struct frontier *
frontier_new(const char *home_url, size_t max_queued)
{
	struct frontier *fr = xcalloc(1, sizeof *fr);

	fr->host = url_host(home_url);
	fr->max_queued = max_queued;
	fr->seen_cap = 256;
	fr->seen = xcalloc(fr->seen_cap, sizeof *fr->seen);
	fr->seen_kind = xcalloc(fr->seen_cap, sizeof *fr->seen_kind);
	return fr;
}

void
frontier_free(struct frontier *fr)
{
	if (fr == NULL)
		return;
	for (size_t i = 0; i < fr->nqueue; i++)
		free(fr->queue[i].url);
	free(fr->queue);
	for (size_t i = 0; i < fr->seen_cap; i++)
		free(fr->seen[i]);
	free(fr->seen);
	free(fr->seen_kind);
	free(fr->host);
	free(fr->host2);
	free(fr);
}

/* Slot of s in the seen table: where it is, or the empty slot where it goes. */
static size_t
seen_slot(const struct frontier *fr, const char *s)
{
	size_t i;

	for (i = (size_t)hash_str(s) & (fr->seen_cap - 1); fr->seen[i] != NULL;
	    i = (i + 1) & (fr->seen_cap - 1))
		if (strcmp(fr->seen[i], s) == 0)
			break;
	return i;
}

/* What is known of string s (SEEN_*), 0 when nothing. */
static unsigned
seen_kind(const struct frontier *fr, const char *s)
{
	size_t i = seen_slot(fr, s);

	return fr->seen[i] != NULL ? fr->seen_kind[i] : 0;
}

/*
 * Mark string s with kind; a new string is copied, unless it is held only
 * for an answer and FRONTIER_MAX_OFFERS are (it is then forgotten, and
 * parsed again when offered again).
 */
static void
seen_mark(struct frontier *fr, const char *s, unsigned kind)
{
	size_t i;

	if (fr->nseen * 2 >= fr->seen_cap) {
		char **old = fr->seen;
		unsigned char *oldk = fr->seen_kind;
		size_t oldcap = fr->seen_cap;

		fr->seen_cap *= 2;
		fr->seen = xcalloc(fr->seen_cap, sizeof *fr->seen);
		fr->seen_kind = xcalloc(fr->seen_cap, sizeof *fr->seen_kind);
		for (size_t j = 0; j < oldcap; j++)
			if (old[j] != NULL) {
				i = seen_slot(fr, old[j]);
				fr->seen[i] = old[j];
				fr->seen_kind[i] = oldk[j];
			}
		free(old);
		free(oldk);
	}
	i = seen_slot(fr, s);
	if (fr->seen[i] == NULL) {
		if (!(kind & SEEN_NORM)) {
			if (fr->noffers >= FRONTIER_MAX_OFFERS)
				return;
			fr->noffers++;
		}
		fr->seen[i] = xstrdup(s);
		fr->nseen++;
	} else if ((kind & SEEN_NORM) && !(fr->seen_kind[i] & SEEN_NORM))
		fr->noffers--;	/* held for its answer until now, and queued now */
	fr->seen_kind[i] |= (unsigned char)kind;
}

void
frontier_add_host(struct frontier *fr, const char *url)
{
	char *host = url_host(url);

	if (host == NULL || (fr->host != NULL && strcmp(host, fr->host) == 0)) {
		free(host);
		return;
	}
	free(fr->host2);
	fr->host2 = host;
	/* What was off the host may be on it now. */
	for (size_t i = 0; i < fr->seen_cap; i++)
		fr->seen_kind[i] &= (unsigned char)~SEEN_OFFHOST;
}

/*
 * url without its fragment (caller frees) when it is http(s) on the
 * frontier's host; else NULL, and *offhost tells whether it was only the
 * host. One parse for both questions: it runs per link.
 */
static char *
same_host_normalized(const struct frontier *fr, const char *url, bool any_host,
    bool *offhost)
{
	struct url_parts u;
	char *out = NULL;

	*offhost = false;
	if (fr->host == NULL || url_parse(url, URL_WEB, &u) == -1)
		return NULL;
	if (any_host || strcmp(u.host, fr->host) == 0 ||
	    (fr->host2 != NULL && strcasecmp(u.host, fr->host2) == 0)) {
		out = u.url;
		u.url = NULL;
	} else
		*offhost = true;
	url_parts_free(&u);
	return out;
}

/* Query keys whose links only switch the look, count a click, search, or reply to a comment. */
static const char *const skip_keys[] = { "nvvithemever", "nv_redirect", "langinterface",
	"print", "replytocom", "share", "s", "author", "feed", "redirect_to", "keyword",
	"searchword", "searchphrase", NULL };
/* Path parts of such links (lower case). */
static const char *const skip_paths[] = { "/banners/click", "/banner/click", "/print/",
	"/print.html", "/in-an/", "/feed/", "/feeds/", "/rss/", "/rss.xml", ".rss", "/atom/",
	"wp-login.php", "wp-register.php", "xmlrpc.php", "/wp-json/", "/wp-admin/",
	"/users/login", "/users/register", "/users/lostpass", "/users/lostactive",
	"/login", "/dang-nhap", "/dang-ky", "/register", "/search/", "/tim-kiem",
	"/seek/", "/calendar", "/lich-cong-tac", "/author/", "/trackback/", "/cdn-cgi/",
	"/comments/feed", "/sendmail/", "/savefile/", NULL };

/* Is the path a date archive: /2026/, /2026/09/, /2026/09/15/ (then perhaps /page/N/)? */
static bool
date_archive(const char *path)
{
	const char *p = path;
	int parts = 0;

	while (*p == '/' && parts < 3) {
		int n = 0;

		for (p++; isdigit((unsigned char)p[n]); n++)
			;
		if (!((parts == 0 && n == 4) || (parts > 0 && n == 2)))
			break;
		p += n;
		parts++;
	}
	if (parts == 0)
		return false;
	return *p == '\0' || strcmp(p, "/") == 0 || strncmp(p, "/page/", 6) == 0;
}

bool
frontier_skips(const char *url)
{
	char *u = xstrdup(url), *path, *query;
	bool skip = false;

	for (char *c = u; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if ((path = strstr(u, "://")) != NULL)
		path = strchr(path + 3, '/');
	if (path == NULL) {
		free(u);
		return false;
	}
	if ((query = strchr(path, '?')) != NULL)
		*query++ = '\0';
	for (int i = 0; skip_paths[i] && !skip; i++)
		skip = strstr(path, skip_paths[i]) != NULL;
	skip = skip || date_archive(path);
	while (query != NULL && *query && !skip) {
		char *amp = strchr(query, '&'), *eq;

		if (amp != NULL)
			*amp = '\0';
		if ((eq = strchr(query, '=')) != NULL)
			*eq = '\0';
		for (int i = 0; skip_keys[i] && !skip; i++)
			skip = strcmp(query, skip_keys[i]) == 0;
		/* WordPress's month archive ?m=202609; NukeViet's theme switch ?nvvithemever=... */
		if (!skip && eq != NULL && strcmp(query, "m") == 0 && strlen(eq + 1) >= 6 &&
		    strspn(eq + 1, "0123456789") == strlen(eq + 1))
			skip = true;
		query = amp ? amp + 1 : NULL;
	}
	free(u);
	return skip;
}

bool
frontier_on_host(const struct frontier *fr, const char *url)
{
	bool offhost;
	char *norm = same_host_normalized(fr, url, false, &offhost);
	bool on = norm != NULL;

	free(norm);
	return on;
}

/*
 * The kinds of remembered string that refuse an offer: an offer as a hint
 * (any_host) or of the home page (depth 0) is not refused for being off the
 * host or a link not followed.
 */
static unsigned
refusing_kinds(int depth, bool any_host)
{
	/* Not SEEN_NORM alone: a normalised URL offered is parsed once, in case it moves again. */
	unsigned kinds = SEEN_RAW | SEEN_BAD;

	if (!any_host)
		kinds |= SEEN_OFFHOST | (depth > 0 ? SEEN_SKIP : 0);
	return kinds;
}

/* Queue url (any host when any_host) unless seen or the queue is full. */
static bool
add(struct frontier *fr, const char *url, int depth, int priority, bool any_host)
{
	char *norm;
	bool offhost;

	/* Offered before and refused for good, or its URL queued already: no parse. */
	if (seen_kind(fr, url) & refusing_kinds(depth, any_host))
		return false;
	fr->parses++;
	if ((norm = same_host_normalized(fr, url, any_host, &offhost)) == NULL) {
		seen_mark(fr, url, offhost ? SEEN_OFFHOST : SEEN_BAD);
		return false;
	}
	/* A hinted URL is the secretariat's choice: followed whatever it looks like. */
	if (!any_host && depth > 0 && frontier_skips(norm)) {
		seen_mark(fr, url, SEEN_SKIP);
		free(norm);
		return false;
	}
	if (seen_kind(fr, norm) & SEEN_NORM) {
		seen_mark(fr, url, SEEN_RAW);
		free(norm);
		return false;
	}
	if (fr->nqueue >= fr->max_queued) {
		free(norm);
		return false;
	}
	seen_mark(fr, norm, SEEN_NORM);
	seen_mark(fr, url, SEEN_RAW);
	if (fr->nqueue == fr->cap) {
		fr->cap = fr->cap ? fr->cap * 2 : 64;
		fr->queue = xreallocarray(fr->queue, fr->cap, sizeof *fr->queue);
	}
	fr->queue[fr->nqueue].url = norm;
	fr->queue[fr->nqueue].depth = depth;
	fr->queue[fr->nqueue].priority = priority;
	fr->queue[fr->nqueue].seq = fr->seq++;
	fr->nqueue++;
	return true;
}

bool
frontier_refuses(const struct frontier *fr, const char *url, int depth)
{
	return (seen_kind(fr, url) & refusing_kinds(depth, false)) != 0;
}

size_t
frontier_parses(const struct frontier *fr)
{
	return fr->parses;
}

bool
frontier_add(struct frontier *fr, const char *url, int depth, int priority)
{
	return add(fr, url, depth, priority, false);
}

bool
frontier_add_hint(struct frontier *fr, const char *url, int depth, int priority)
{
	return add(fr, url, depth, priority, true);
}

char *
frontier_pop(struct frontier *fr, int *depth)
{
	size_t best = 0;
	char *url;

	if (fr->nqueue == 0)
		return NULL;
	for (size_t i = 1; i < fr->nqueue; i++) {
		const struct entry *a = &fr->queue[i], *b = &fr->queue[best];

		if (a->priority > b->priority ||
		    (a->priority == b->priority && a->seq < b->seq))
			best = i;
	}
	url = fr->queue[best].url;
	*depth = fr->queue[best].depth;
	fr->queue[best] = fr->queue[--fr->nqueue];
	return url;
}

size_t
frontier_queued(const struct frontier *fr)
{
	return fr->nqueue;
}

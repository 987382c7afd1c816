/* frontier.c: best-first URL queue with de-duplication, kept small by design (max_pages is small). */
#include "frontier.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "hash.h"
#include "url.h"
#include "xmalloc.h"

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
	char		**seen;		/* open-addressing set of normalised URLs */
	size_t		 seen_cap;
	size_t		 nseen;
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
	free(fr->host);
	free(fr->host2);
	free(fr);
}

/* Insert into the seen set; false when already there. Takes ownership of url. */
static bool
seen_insert(struct frontier *fr, char *url)
{
	size_t i;

	if (fr->nseen * 2 >= fr->seen_cap) {
		char **old = fr->seen;
		size_t oldcap = fr->seen_cap;

		fr->seen_cap *= 2;
		fr->seen = xcalloc(fr->seen_cap, sizeof *fr->seen);
		fr->nseen = 0;
		for (size_t j = 0; j < oldcap; j++)
			if (old[j] != NULL)
				seen_insert(fr, old[j]);
		free(old);
	}
	for (i = (size_t)hash_fnv1a64_str(url) & (fr->seen_cap - 1); fr->seen[i] != NULL;
	    i = (i + 1) & (fr->seen_cap - 1)) {
		if (strcmp(fr->seen[i], url) == 0) {
			free(url);
			return false;
		}
	}
	fr->seen[i] = url;
	fr->nseen++;
	return true;
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
}

/*
 * url without its fragment (caller frees) when it is http(s) on the
 * frontier's host; else NULL. One parse for both questions: it runs per link.
 */
static char *
same_host_normalized(const struct frontier *fr, const char *url, bool any_host)
{
	struct url_parts u;
	char *out = NULL;

	if (fr->host == NULL || url_parse(url, URL_WEB, &u) == -1)
		return NULL;
	if (any_host || strcmp(u.host, fr->host) == 0 ||
	    (fr->host2 != NULL && strcasecmp(u.host, fr->host2) == 0)) {
		out = u.url;
		u.url = NULL;
	}
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
	char *norm = same_host_normalized(fr, url, false);
	bool on = norm != NULL;

	free(norm);
	return on;
}

/* Queue url (any host when any_host) unless seen or the queue is full. */
static bool
add(struct frontier *fr, const char *url, int depth, int priority, bool any_host)
{
	char *norm;

	if ((norm = same_host_normalized(fr, url, any_host)) == NULL)
		return false;
	/* A hinted URL is the secretariat's choice: followed whatever it looks like. */
	if (!any_host && depth > 0 && frontier_skips(norm)) {
		free(norm);
		return false;
	}
	if (fr->nqueue >= fr->max_queued) {
		free(norm);
		return false;
	}
	if (!seen_insert(fr, xstrdup(norm))) {
		free(norm);
		return false;
	}
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

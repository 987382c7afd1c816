/* frontier.h: the crawl's best-first queue of URLs on one host, each URL once. */
#ifndef TCTT_FRONTIER_H
#define TCTT_FRONTIER_H

#include <stdbool.h>
#include <stddef.h>

struct frontier;

/* A frontier for the host of home_url (borrowed); caller frees with frontier_free. */
struct frontier *frontier_new(const char *home_url, size_t max_queued);
void frontier_free(struct frontier *fr);

/*
 * Offer url (absolute) found at depth with priority (higher first). It is
 * queued unless it is off the host, not http(s), already seen, a link not
 * worth following (frontier_skips; depth > 0 only), or the queue is full.
 * Returns true when queued.
 */
bool frontier_add(struct frontier *fr, const char *url, int depth, int priority);
/*
 * Would frontier_add(url, depth) surely refuse url, as offered before? Known
 * without parsing it; false when it must be parsed to tell.
 */
bool frontier_refuses(const struct frontier *fr, const char *url, int depth);
/* How many offered URLs had to be parsed (the others were known): for tests. */
size_t frontier_parses(const struct frontier *fr);
/* Offer a URL the secretariat hinted at: like frontier_add, on any host. */
bool frontier_add_hint(struct frontier *fr, const char *url, int depth, int priority);
/*
 * Is url a link that only changes the page's look or counts a click, or a
 * machine's view of the site (SPEC "The crawl"): theme or language switches,
 * print views, banner-click counters, log-in, RSS and feeds, calendars and
 * date archives, search, comment replies, author pages?
 */
bool frontier_skips(const char *url);
/* Pop the best URL: returns it (caller frees) and its depth, or NULL when empty. */
char *frontier_pop(struct frontier *fr, int *depth);
size_t frontier_queued(const struct frontier *fr);
/* The home page moved to url's host (a redirect): that host is the unit's too. url borrowed. */
void frontier_add_host(struct frontier *fr, const char *url);
/* Is url on the unit's host (or where its home page redirected to)? */
bool frontier_on_host(const struct frontier *fr, const char *url);

#endif

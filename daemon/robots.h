/* robots.h: robots.txt (RFC 9309) rules for one user agent: Allow/Disallow, longest match, Crawl-delay. */
#ifndef TCTT_ROBOTS_H
#define TCTT_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

struct robots;

/*
 * Parse a robots.txt body for agent (our product token, e.g. "tctt"): the
 * groups naming it, else the "*" groups. Never fails (garbage allows all).
 * text is borrowed; caller frees the result with robots_free.
 */
struct robots *robots_parse(const char *text, size_t len, const char *agent);
/* Rules that allow everything (missing or unreadable robots.txt); caller frees. */
struct robots *robots_allow_all(void);
/* Whether path ("/a/b?q", borrowed) may be fetched; NULL rules allow all. */
bool robots_allowed(const struct robots *r, const char *path);
/* Crawl-delay in seconds for our group, 0 when none. */
double robots_crawl_delay(const struct robots *r);
void robots_free(struct robots *r);
/* The product token of a User-Agent string ("tctt/1.0 (+x)" gives "tctt"); caller frees. */
char *robots_agent_token(const char *user_agent);

#endif

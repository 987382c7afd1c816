/*
 * template.h: learning a site's page template (SPEC "Page chrome"): a block
 * whose text recurs on 3 or more pages of a host, and on at least half of the
 * pages read from it, is the template's (header, sidebar, footer), not a
 * page's own content. A per-host count of block signatures: no second parse.
 */
#ifndef TCTT_TEMPLATE_H
#define TCTT_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEMPLATE_MIN_PAGES	3

struct template;

struct template *template_new(void);
void template_free(struct template *t);
/* The signature of a block's text. */
uint64_t template_sig(const char *text);
/* Count one page read from the host of url, with its blocks' signatures (borrowed; repeats count once). */
void template_add_page(struct template *t, const char *url, const uint64_t *sigs, size_t n);
/* Pages of url's host holding the block of signature sig. */
int template_count(const struct template *t, const char *url, uint64_t sig);
/* Pages counted for url's host. */
int template_pages(const struct template *t, const char *url);
/* Is the block of signature sig, on a page of url's host, part of that host's template? */
bool template_chrome(const struct template *t, const char *url, uint64_t sig);

#endif

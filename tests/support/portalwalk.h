/* portalwalk.h: a fixture portal judged offline, as the crawler would judge it (portalwalk.c). */
#ifndef TCTT_PORTALWALK_H
#define TCTT_PORTALWALK_H

#include <stdint.h>

#include "store.h"

struct config;

/* Walk root/host best-first from its home page, at most max_pages; fills v (caller clears); returns pages read. */
int walk_portal(const char *root, const char *host, int64_t now,
    const struct config *cfg, int max_pages, struct verdict v[CRIT_COUNT]);

/*
 * Judge every portal of tests/SUB/ offline (at most max_pages each) on
 * 2026-11-29 and check each verdict of tests/SUB/expected.txt ("host criterion
 * status date evidence-path"), with criterion's expectations.
 */
void portal_expect(const char *sub, int max_pages, int min_hosts, int min_checked);

#endif

/*
 * fetch-keep.c: how many connections libcurl keeps open (CURLMOPT_MAXCONNECTS).
 *
 * About as many as the live owners (a unit's pass) use: per_host for each
 * host they went to, between concurrency and 2 x concurrency. Past that,
 * each connection given back closes the idle one unused the longest, which
 * is mostly one of a pass over: libcurl picks by age, not by owner, so a
 * live pass that waited long (Crawl-delay, a document read) may lose its
 * own. Keeping every pass's connections would cost more: before each
 * request libcurl checks every idle connection of the request's bundle (one
 * per host, but one for all behind a proxy or a connect_to target) with a
 * poll(). An owner counts for at most FETCH_OWNER_HOSTS hosts: its portal
 * and one other (a redirect's target, documents kept elsewhere); past
 * FETCH_OWNERS_MAX owners not done, all 2 x concurrency are kept.
 */
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "fetch-int.h"
#include "hash.h"
#include "xmalloc.h"

/* What MAXCONNECTS should be now; fetch_keep_apply sets it. */
static void
keep_update(struct fetcher *f)
{
	long c = f->cfg->concurrency, per = f->cfg->per_host > 0 ? f->cfg->per_host : 1;
	long hosts = 0, want;

	for (size_t i = 0; i < f->nowners; i++)
		hosts += f->owners[i].nhosts;
	want = f->owners_full ? 2 * c : hosts * per;
	f->keep_want = want < c ? c : want > 2 * c ? 2 * c : want;
}

void
fetch_keep_apply(struct fetcher *f)
{
	if (f->keep_want != f->maxconnects &&
	    curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, f->keep_want) == CURLM_OK)
		f->maxconnects = f->keep_want;
}

void
fetch_keep_host(struct fetcher *f, const void *owner, const char *host)
{
	uint64_t h = hash_str(host);
	struct fowner *o = NULL;

	for (size_t i = 0; i < f->nowners && o == NULL; i++)
		if (f->owners[i].owner == owner)
			o = &f->owners[i];
	if (o == NULL) {
		if (f->nowners == FETCH_OWNERS_MAX) {
			f->owners_full = true;
			keep_update(f);
			return;
		}
		if (f->owners == NULL)
			f->owners = xreallocarray(NULL, FETCH_OWNERS_MAX, sizeof *f->owners);
		o = &f->owners[f->nowners++];
		o->owner = owner;
		o->nhosts = 0;
	}
	for (int i = 0; i < o->nhosts; i++)
		if (o->host[i] == h)
			return;
	if (o->nhosts == FETCH_OWNER_HOSTS)
		return;
	o->host[o->nhosts++] = h;
	keep_update(f);
}

void
fetcher_owner_done(struct fetcher *f, const void *owner)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nowners; i++) {
		if (f->owners[i].owner != owner)
			continue;
		f->owners[i] = f->owners[--f->nowners];
		f->owners_full = false;
		keep_update(f);
		fetch_keep_apply(f);
		return;
	}
}

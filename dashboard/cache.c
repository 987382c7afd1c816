/*
 * cache.c: rendered replies kept until the database changes. Keyed by
 * dash_route_key (path, the query parameters that matter, the time step);
 * all of it is dropped when PRAGMA data_version moves (tcttd committed), and
 * it holds at most CACHE_ENTRIES replies and CACHE_BYTES bytes, least recently
 * used out first. Pages carry no per-user content, so one copy serves every
 * user; authentication is checked before the cache is asked.
 */
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "log.h"
#include "store-dash.h"

#define CACHE_ENTRIES	32
#define CACHE_BYTES	((size_t)32 << 20)

/* What the cache holds; one per process. */
struct dash_cache {
	bool			 valid;
	int64_t			 version;	/* data_version the entries were built at */
	struct cache_entry	*e[CACHE_ENTRIES];
	size_t			 n;
	size_t			 bytes;		/* bodies, gzipped bodies and keys */
	uint64_t		 tick;		/* last use, for LRU */
};

struct cache_blob *
cache_blob_new(char *data, size_t len)
{
	struct cache_blob *b = xmalloc(sizeof *b);

	b->refs = 1;
	b->data = data;
	b->len = len;
	return b;
}

void
cache_blob_unref(struct cache_blob *b)
{
	if (b != NULL && --b->refs == 0) {
		free(b->data);
		free(b);
	}
}

/* The bytes an entry counts for. */
static size_t
entry_bytes(const struct cache_entry *e)
{
	return strlen(e->key) + e->body->len + (e->gz != NULL ? e->gz->len : 0);
}

/* Drop entry i (the blobs live on while replies still hold them). */
static void
entry_drop(struct dash_cache *c, size_t i)
{
	struct cache_entry *e = c->e[i];

	c->bytes -= entry_bytes(e);
	cache_blob_unref(e->body);
	cache_blob_unref(e->gz);
	free(e->key);
	free(e);
	c->e[i] = c->e[--c->n];
}

/* Drop everything. */
static void
cache_clear(struct dash_cache *c)
{
	while (c->n > 0)
		entry_drop(c, c->n - 1);
	c->valid = false;
}

void
dash_cache_free(struct dash *d)
{
	if (d->cache != NULL) {
		cache_clear(d->cache);
		free(d->cache);
		d->cache = NULL;
	}
}

/* Evict least recently used entries, sparing keep, until need more bytes and one more entry fit; false if they cannot. */
static bool
cache_make_room(struct dash_cache *c, size_t need, const struct cache_entry *keep,
    bool new_entry)
{
	if (need > CACHE_BYTES)
		return false;
	while ((new_entry && c->n >= CACHE_ENTRIES) || c->bytes + need > CACHE_BYTES) {
		size_t lru = c->n;

		for (size_t i = 0; i < c->n; i++)
			if (c->e[i] != keep && (lru == c->n || c->e[i]->used < c->e[lru]->used))
				lru = i;
		if (lru == c->n)
			return false;
		entry_drop(c, lru);
	}
	return true;
}

/* The cache, emptied when the database changed since it was filled; NULL when there is no database. */
static struct dash_cache *
cache_current(struct dash *d)
{
	struct store *st = dash_store(d);
	struct dash_cache *c;
	int64_t version;
	char *cause;

	if (st == NULL)
		return NULL;
	if (d->cache == NULL)
		d->cache = xcalloc(1, sizeof *d->cache);
	c = d->cache;
	if (store_data_version(st, &version, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		cache_clear(c);
		return NULL;
	}
	if (!c->valid || version != c->version) {
		if (c->n > 0)
			log_debug("data version %lld: %zu cached pages dropped",
			    (long long)version, c->n);
		cache_clear(c);
		c->version = version;
		c->valid = true;
	}
	return c;
}

struct cache_entry *
dash_cache_get(struct dash *d, const char *key)
{
	struct dash_cache *c = cache_current(d);

	for (size_t i = 0; c != NULL && i < c->n; i++) {
		if (strcmp(c->e[i]->key, key) == 0) {
			c->e[i]->used = ++c->tick;
			return c->e[i];
		}
	}
	return NULL;
}

struct cache_entry *
dash_cache_put(struct dash *d, const char *key, struct dash_req *r)
{
	struct dash_cache *c = d->cache;
	struct cache_entry *e;
	size_t need = strlen(key) + r->body.len;

	/* Only a 200 built at the version dash_cache_get checked. */
	if (c == NULL || !c->valid || r->code != 200 || !cache_make_room(c, need, NULL, true))
		return NULL;
	e = xcalloc(1, sizeof *e);
	e->key = xstrdup(key);
	e->code = r->code;
	e->ctype = r->ctype;
	e->cache = r->cache;
	e->body = cache_blob_new(NULL, r->body.len);
	e->body->data = buf_steal(&r->body);
	e->used = ++c->tick;
	c->e[c->n++] = e;
	c->bytes += need;
	return e;
}

struct cache_blob *
dash_cache_gzip(struct dash *d, struct cache_entry *e)
{
	struct dash_cache *c = d->cache;
	char *z;
	size_t zlen;

	if (e->gz != NULL || e->no_gz)
		return e->gz;
	if (c == NULL || (z = dash_gzip(e->body->data, e->body->len, &zlen)) == NULL)
		return NULL;
	if (!cache_make_room(c, zlen, e, false)) {
		/* Too big to keep beside this entry: serve it uncompressed, never retry. */
		log_debug("gzipped %s (%zu bytes) not kept", e->key, zlen);
		free(z);
		e->no_gz = true;
		return NULL;
	}
	e->gz = cache_blob_new(z, zlen);
	c->bytes += zlen;
	return e->gz;
}

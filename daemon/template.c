/* template.c: counting block signatures per host, to tell a site's template from a page's content. */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xmalloc.h"

struct slot {
	uint64_t	 key;		/* host hash mixed with the block signature; 0 empty */
	int		 pages;		/* pages of the host holding the block */
	int		 last;		/* the page (1-based, per template) that counted it last */
};

struct host {
	uint64_t	 h;
	int		 pages;
};

struct template {
	struct slot	*tab;
	size_t		 cap, n;	/* cap a power of two */
	struct host	*hosts;
	size_t		 n_hosts;
	int		 page;		/* pages counted so far, all hosts */
};

uint64_t
template_sig(const char *text)
{
	uint64_t h = hash_str(text);	/* blocks run to hundreds of bytes: eight at a step */

	return h ? h : 1;
}

/* Hash of url's host (between "//" and the next '/', ':', '?' or '#'). */
static uint64_t
host_hash(const char *url)
{
	const char *p = strstr(url, "//"), *e;

	p = p ? p + 2 : url;
	e = p + strcspn(p, "/:?#");
	return hash_fnv1a64(p, (size_t)(e - p)) | 1;
}

static uint64_t
slot_key(uint64_t host, uint64_t sig)
{
	uint64_t k = (host * 0x9e3779b97f4a7c15ULL) ^ sig;

	return k ? k : 1;
}

struct template *
template_new(void)
{
	return xcalloc(1, sizeof(struct template));
}

void
template_free(struct template *t)
{
	if (t == NULL)
		return;
	free(t->tab);
	free(t->hosts);
	free(t);
}

/* The slot of key (empty when absent). */
static struct slot *
find(const struct template *t, uint64_t key)
{
	size_t i;

	if (t->cap == 0)
		return NULL;
	for (i = key & (t->cap - 1); t->tab[i].key != 0 && t->tab[i].key != key;
	    i = (i + 1) & (t->cap - 1))
		;
	return &t->tab[i];
}

static void
grow(struct template *t)
{
	struct slot *old = t->tab;
	size_t oldcap = t->cap;

	t->cap = t->cap ? t->cap * 2 : 1024;
	t->tab = xcalloc(t->cap, sizeof *t->tab);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != 0)
			*find(t, old[i].key) = old[i];
	free(old);
}

/* The counter of pages read from host h, made when new. */
static struct host *
host_of(struct template *t, uint64_t h)
{
	for (size_t i = 0; i < t->n_hosts; i++)
		if (t->hosts[i].h == h)
			return &t->hosts[i];
	t->hosts = xreallocarray(t->hosts, t->n_hosts + 1, sizeof *t->hosts);
	t->hosts[t->n_hosts] = (struct host){ h, 0 };
	return &t->hosts[t->n_hosts++];
}

void
template_add_page(struct template *t, const char *url, const uint64_t *sigs, size_t n)
{
	uint64_t h = host_hash(url);

	host_of(t, h)->pages++;
	t->page++;
	for (size_t i = 0; i < n; i++) {
		uint64_t key = slot_key(h, sigs[i]);
		struct slot *s;

		if (2 * (t->n + 1) > t->cap)
			grow(t);
		s = find(t, key);
		if (s->key == 0) {
			s->key = key;
			t->n++;
		}
		if (s->last != t->page) {
			s->last = t->page;
			s->pages++;
		}
	}
}

int
template_pages(const struct template *t, const char *url)
{
	uint64_t h = host_hash(url);

	for (size_t i = 0; i < t->n_hosts; i++)
		if (t->hosts[i].h == h)
			return t->hosts[i].pages;
	return 0;
}

int
template_count(const struct template *t, const char *url, uint64_t sig)
{
	const struct slot *s = find(t, slot_key(host_hash(url), sig));

	return s == NULL || s->key == 0 ? 0 : s->pages;
}

bool
template_chrome(const struct template *t, const char *url, uint64_t sig)
{
	int n = template_count(t, url, sig);

	return n >= TEMPLATE_MIN_PAGES && 2 * n >= template_pages(t, url);
}

/* url.c: URLs through libcurl's URL API (never by hand), and "HOST:PORT" strings. */
#include "url.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "hash.h"
#include "log.h"
#include "xmalloc.h"

/*
 * The kinds of relative reference, by how libcurl joins them to a base
 * (concat_url in lib/urlapi.c, 7.88): "//host/x", "/x", "?x", and the rest.
 */
enum { REF_NET, REF_ROOT, REF_QUERY, REF_PATH, REF_KINDS };

struct url {
	CURLU	*cu;
	/*
	 * For url_resolve_in's memo: cu's URL as libcurl writes it before
	 * joining a relative reference to it (curl_url_get under text_flags),
	 * and how much of it each kind of reference depends on. NULL until a
	 * reference asks, and again once url_set moves cu.
	 */
	char	*text;
	unsigned text_flags;
	size_t	 reach[REF_KINDS];
	uint64_t reach_hash[REF_KINDS];
};

static unsigned int
curl_flags(int flags)
{
	return (flags & URL_ANY_SCHEME ? CURLU_NON_SUPPORT_SCHEME : 0) |
	    (flags & URL_ENCODE ? CURLU_URLENCODE : 0);
}

/* Part of cu, as our own string (NULL when absent). */
static char *
part(CURLU *cu, CURLUPart what, unsigned int flags)
{
	char *s = NULL, *out = NULL;

	if (curl_url_get(cu, what, &s, flags) == CURLUE_OK && s != NULL)
		out = xstrdup(s);
	curl_free(s);
	return out;
}

static bool
is_web(const char *scheme, const char *host)
{
	return scheme != NULL && (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) &&
	    host != NULL && *host != '\0';
}

/* The whole URL of cu without its fragment (caller frees), NULL under flags' refusal. */
static char *
whole(CURLU *cu, int flags)
{
	if (curl_url_set(cu, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK)
		return NULL;
	if (flags & URL_WEB) {
		/* libcurl's own strings, not copied: only looked at. */
		char *scheme = NULL, *host = NULL;
		bool web = curl_url_get(cu, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		    curl_url_get(cu, CURLUPART_HOST, &host, 0) == CURLUE_OK && is_web(scheme, host);

		curl_free(scheme);
		curl_free(host);
		if (!web)
			return NULL;
	}
	return part(cu, CURLUPART_URL, 0);
}

int
url_parse(const char *s, int flags, struct url_parts *out)
{
	CURLU *cu = curl_url();

	memset(out, 0, sizeof *out);
	if (cu == NULL)
		fatalx("out of memory");
	if (curl_url_set(cu, CURLUPART_URL, s, curl_flags(flags)) != CURLUE_OK) {
		curl_url_cleanup(cu);
		return -1;
	}
	out->scheme = part(cu, CURLUPART_SCHEME, 0);
	out->host = part(cu, CURLUPART_HOST, 0);
	for (char *p = out->host; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	out->port = part(cu, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	out->path = part(cu, CURLUPART_PATH, 0);
	out->query = part(cu, CURLUPART_QUERY, 0);
	out->user = part(cu, CURLUPART_USER, 0);
	out->password = part(cu, CURLUPART_PASSWORD, 0);
	out->url = whole(cu, 0);
	curl_url_cleanup(cu);
	if ((flags & URL_WEB) && !is_web(out->scheme, out->host)) {
		url_parts_free(out);
		return -1;
	}
	return 0;
}

void
url_parts_free(struct url_parts *p)
{
	free(p->url);
	free(p->scheme);
	free(p->host);
	free(p->port);
	free(p->path);
	free(p->query);
	free(p->user);
	free(p->password);
	memset(p, 0, sizeof *p);
}

struct url *
url_new(const char *s, int flags)
{
	struct url *u = xcalloc(1, sizeof *u);

	if ((u->cu = curl_url()) == NULL)
		fatalx("out of memory");
	if (curl_url_set(u->cu, CURLUPART_URL, s, curl_flags(flags)) != CURLUE_OK) {
		url_free(u);
		return NULL;
	}
	return u;
}

/* Forget u's text (url.text). */
static void
forget_text(struct url *u)
{
	curl_free(u->text);
	u->text = NULL;
}

void
url_free(struct url *u)
{
	if (u == NULL)
		return;
	forget_text(u);
	curl_url_cleanup(u->cu);
	free(u);
}

int
url_set(struct url *u, const char *ref)
{
	CURLU *next = curl_url_dup(u->cu);

	if (next == NULL)
		fatalx("out of memory");
	if (curl_url_set(next, CURLUPART_URL, ref, 0) != CURLUE_OK) {
		curl_url_cleanup(next);
		return -1;
	}
	curl_url_cleanup(u->cu);
	u->cu = next;
	forget_text(u);
	return 0;
}

/* ref resolved against base by libcurl itself: url_resolve_in without its memo. */
static char *
resolve_by_curl(const struct url *base, const char *ref, int flags)
{
	CURLU *cu = curl_url_dup(base->cu);
	char *out = NULL;

	if (cu == NULL)
		fatalx("out of memory");
	if (curl_url_set(cu, CURLUPART_URL, ref, curl_flags(flags)) == CURLUE_OK)
		out = whole(cu, flags);
	curl_url_cleanup(cu);
	return out;
}

/*
 * The memo of url_resolve_in. A portal's pages link the same menus, so the
 * same references come back page after page, each a libcurl dup, parse and
 * rebuild (~20k instructions). What libcurl's result depends on:
 * - a reference with a scheme ("http://...", Curl_is_absolute_url) is parsed
 *   on its own: the base plays no part;
 * - any other is joined to the base's URL as curl_url_get writes it
 *   (url.text), of which concat_url keeps only a prefix (base_reach): up to
 *   the host for "/x", up to the last '/' before any '?' for "x" or "../x",
 *   up to the '?' for "?x", the scheme for "//host";
 * - and the flags.
 * So the key is (flags, that prefix, the reference), compared in full: a base
 * on another page of the same site shares the entries. Each thread has its
 * own memo (no locks; the worker thread and the loop both extract), a fixed
 * table of MEMO_SETS x MEMO_WAYS entries of at most MEMO_ENTRY_MAX bytes,
 * freed when the thread ends: its memory is flat, whatever is crawled.
 * The cuts are libcurl 7.88's (Debian 12); tests/test_url_memo.c checks every
 * answer against libcurl itself, so a libcurl that joins otherwise fails there.
 */
#define MEMO_SETS	512
#define MEMO_WAYS	4
#define MEMO_ENTRY_MAX	320	/* bytes of prefix, reference and result in one entry */
#define SCHEME_SURE	16	/* schemes libcurl takes (up to 40 characters) that we trust as such */

struct memo_entry {
	uint64_t	 hash;
	char		*key;		/* prefix, NUL, reference, NUL, result, NUL; NULL: free */
	unsigned short	 prefix_len, ref_len, out_len;
	int		 flags;
	bool		 has_out;	/* false: libcurl refused (NULL) */
};

struct memo {
	struct memo_entry set[MEMO_SETS][MEMO_WAYS];
	unsigned char	 next[MEMO_SETS];	/* the way replaced next */
	struct url_memo_stats stats;
};

static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

static void
memo_free_cb(void *arg)
{
	struct memo *m = arg;

	for (size_t i = 0; i < MEMO_SETS; i++)
		for (size_t j = 0; j < MEMO_WAYS; j++)
			free(m->set[i][j].key);
	free(m);
}

static void
memo_key_make(void)
{
	if (pthread_key_create(&memo_key, memo_free_cb) != 0)
		fatalx("pthread_key_create failed");
}

/* This thread's memo (made on first use). */
static struct memo *
memo_get(void)
{
	struct memo *m;

	if (pthread_once(&memo_once, memo_key_make) != 0)
		fatalx("pthread_once failed");
	if ((m = pthread_getspecific(memo_key)) == NULL) {
		m = xcalloc(1, sizeof *m);
		if (pthread_setspecific(memo_key, m) != 0)
			fatalx("pthread_setspecific failed");
	}
	return m;
}

/*
 * Does libcurl surely take ref as absolute: a scheme (letters, digits, '+',
 * '-', '.') and a colon, as Curl_is_absolute_url without scheme guessing?
 * Only schemes of under SCHEME_SURE characters say yes; a longer one goes
 * through the base like any relative reference, which is only a finer key.
 */
static bool
absolute(const char *ref)
{
	size_t i = 0;

	for (; i < SCHEME_SURE; i++) {
		unsigned char c = (unsigned char)ref[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
			break;
	}
	return i > 0 && i < SCHEME_SURE && ref[i] == ':';
}

static int
ref_kind(const char *ref)
{
	if (ref[0] == '/')
		return ref[1] == '/' ? REF_NET : REF_ROOT;
	return ref[0] == '?' ? REF_QUERY : REF_PATH;
}

/*
 * How many bytes of text concat_url keeps to join a reference of kind k:
 * it cuts text there (its "protsep" and "pathsep") and reads no further.
 */
static size_t
base_reach(const char *text, int k)
{
	const char *prot = strstr(text, "//"), *cut, *slash;

	prot = prot != NULL ? prot + 2 : text;
	switch (k) {
	case REF_NET:
		return (size_t)(prot - text);
	case REF_ROOT:
		return (size_t)(prot - text) + strcspn(prot, "/?");
	default:
		cut = prot + strcspn(prot, "?");
		if (k == REF_PATH && (slash = memrchr(prot, '/', (size_t)(cut - prot))) != NULL)
			cut = slash;
		return (size_t)(cut - text);
	}
}

/* base's text under curl flags cf (url.text), made when missing; NULL when libcurl has none. */
static const char *
base_text(struct url *base, unsigned cf)
{
	CURLU *cu;

	if (base->text != NULL && base->text_flags == cf)
		return base->text;
	forget_text(base);
	/* On a copy, as curl_url_set does it (and a get may rewrite a handle's host). */
	if ((cu = curl_url_dup(base->cu)) == NULL)
		fatalx("out of memory");
	if (curl_url_get(cu, CURLUPART_URL, &base->text, cf) != CURLUE_OK) {
		curl_free(base->text);
		base->text = NULL;
	}
	curl_url_cleanup(cu);
	if (base->text == NULL)
		return NULL;
	base->text_flags = cf;
	for (int k = 0; k < REF_KINDS; k++) {
		base->reach[k] = base_reach(base->text, k);
		base->reach_hash[k] = hash_mem(base->text, base->reach[k], (uint64_t)k + 1);
	}
	return base->text;
}

char *
url_resolve_in(struct url *base, const char *ref, int flags)
{
	struct memo *m = memo_get();
	struct memo_entry *set, *e;
	const char *text = "", *out;
	size_t prefix = 0, rlen = strlen(ref), olen, size;
	uint64_t h = 0;
	char *res;

	if (!absolute(ref)) {
		int k = ref_kind(ref);

		if ((text = base_text(base, curl_flags(flags))) == NULL)
			return resolve_by_curl(base, ref, flags);
		prefix = base->reach[k];
		h = base->reach_hash[k];
	}
	if (prefix + rlen + 2 > MEMO_ENTRY_MAX)
		return resolve_by_curl(base, ref, flags);
	h = hash_mem(ref, rlen, h ^ ((uint64_t)(unsigned)flags << 32));
	set = m->set[h & (MEMO_SETS - 1)];
	for (int i = 0; i < MEMO_WAYS; i++) {
		e = &set[i];
		if (e->key != NULL && e->hash == h && e->flags == flags &&
		    e->prefix_len == prefix && e->ref_len == rlen &&
		    memcmp(e->key, text, prefix) == 0 &&
		    memcmp(e->key + prefix + 1, ref, rlen) == 0) {
			m->stats.hits++;
			return e->has_out ? xstrdup(e->key + prefix + rlen + 2) : NULL;
		}
	}
	m->stats.misses++;
	res = resolve_by_curl(base, ref, flags);
	out = res != NULL ? res : "";
	olen = strlen(out);
	if ((size = prefix + rlen + olen + 3) > MEMO_ENTRY_MAX)
		return res;
	/* A free way, or the next one in turn. */
	e = NULL;
	for (int i = 0; i < MEMO_WAYS && e == NULL; i++)
		if (set[i].key == NULL)
			e = &set[i];
	if (e == NULL) {
		unsigned char *next = &m->next[h & (MEMO_SETS - 1)];

		e = &set[*next];
		*next = (unsigned char)((*next + 1) % MEMO_WAYS);
		m->stats.bytes -= (size_t)e->prefix_len + e->ref_len + e->out_len + 3;
		m->stats.entries--;
		free(e->key);
	}
	e->key = xmalloc(size);
	memcpy(e->key, text, prefix);
	e->key[prefix] = '\0';
	memcpy(e->key + prefix + 1, ref, rlen + 1);
	memcpy(e->key + prefix + rlen + 2, out, olen + 1);
	e->hash = h;
	e->flags = flags;
	e->prefix_len = (unsigned short)prefix;
	e->ref_len = (unsigned short)rlen;
	e->out_len = (unsigned short)olen;
	e->has_out = res != NULL;
	m->stats.entries++;
	m->stats.bytes += size;
	return res;
}

struct url_memo_stats
url_memo_stats(void)
{
	struct url_memo_stats st = memo_get()->stats;

	st.max_entries = MEMO_SETS * MEMO_WAYS;
	st.max_bytes = st.max_entries * MEMO_ENTRY_MAX;
	return st;
}

char *
url_resolve(const char *base, const char *ref, int flags)
{
	struct url *u = url_new(base, 0);
	char *out;

	if (u == NULL)
		return NULL;
	out = url_resolve_in(u, ref, flags);
	url_free(u);
	return out;
}

char *
url_robots(const char *url)
{
	CURLU *cu = curl_url();
	char *out = NULL;

	if (cu == NULL)
		fatalx("out of memory");
	if (curl_url_set(cu, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_PATH, "/robots.txt", 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_QUERY, NULL, 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK)
		out = whole(cu, 0);
	curl_url_cleanup(cu);
	return out;
}

int
url_split_hostport(const char *s, char **host, int *port)
{
	const char *colon, *start = s, *end;
	char *digits_end;
	long p;

	if (*s == '[') {
		if ((end = strchr(s, ']')) == NULL || end == s + 1 || end[1] != ':')
			return -1;
		start = s + 1;
		colon = end + 1;
	} else {
		if ((colon = strchr(s, ':')) == NULL || strchr(colon + 1, ':') != NULL ||
		    colon == s || memchr(s, '[', (size_t)(colon - s)) != NULL ||
		    memchr(s, ']', (size_t)(colon - s)) != NULL)
			return -1;
		end = colon;
	}
	if (!isdigit((unsigned char)colon[1]) || strlen(colon + 1) > 5)
		return -1;
	p = strtol(colon + 1, &digits_end, 10);
	if (*digits_end != '\0' || p > 65535)
		return -1;
	*host = xstrndup(start, (size_t)(end - start));
	*port = (int)p;
	return 0;
}

const char *
url_field(const char *s, char *field, size_t size)
{
	size_t n = 0;
	bool bracket = false;

	for (; *s != '\0'; s++) {
		if (*s == '[')
			bracket = true;
		else if (*s == ']')
			bracket = false;
		else if (*s == ':' && !bracket)
			break;
		if (n + 1 >= size)
			return NULL;
		field[n++] = *s;
	}
	field[n] = '\0';
	return s;
}

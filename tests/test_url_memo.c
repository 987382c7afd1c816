/*
 * test_url_memo.c: url_resolve_in answers from its memo exactly what libcurl
 * gives: tricky references against many bases, each compared with a fresh
 * CURLU that resolves it the way url.c did before it had a memo.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "url.h"
#include "xmalloc.h"

/*
 * Bases that share prefixes in every way the memo's key cuts them: the same
 * host, directory, file with another query, fragments and queries holding
 * slashes, no path at all, user, port, IPv6, escapes, upper case.
 */
static const char *const bases[] = {
	"http://a.test/",
	"http://a.test/dir/page.html",
	"http://a.test/dir/other.html",
	"http://a.test/dir/page.html?x=1",
	"http://a.test/dir/page.html?x=1/2/3",
	"http://a.test/dir/page.html?x=1/2#f",
	"http://a.test/dir/page.html#frag/with/slash",
	"http://a.test/dir/page.html#f?g/h",
	"http://a.test/dir/sub/page.html",
	"http://a.test/dir/sub/",
	"http://a.test/dir",
	"http://a.test",
	"http://a.test?x=/y/z",
	"http://a.test#/y/z",
	"http://a.test/a/b/c/d/e/f/g.html",
	"http://a.test/a%20b/c d/e.html",
	"http://a.test/dir/page.html?",
	"http://a.test/%7Euser/x;p=1/y",
	"http://a.test:80/dir/page.html",
	"http://a.test:8080/dir/page.html",
	"https://a.test/dir/page.html",
	"HTTP://A.Test/Dir/Page.html",
	"http://user:pw@a.test/dir/page.html",
	"http://user@a.test/dir/",
	"http://[::1]:8080/a/b",
	"http://127.0.0.1/a/b",
	"http://xn--x-mfa.test/a/b",
	"http://b.test/dir/page.html",
	"ftp://a.test/pub/x/",
	"http://a.test/dir//x//y",
	"http://a.test/./dir/../dir/page.html",
};

/* References to resolve: dots, queries, fragments, hosts, schemes, escapes, spaces, bytes. */
static const char *const refs[] = {
	"", "/", "//", "///", "///x", "//b.test", "//b.test/x?y#z", "//user@b.test:81/p",
	"//[::1]/x", "//xã.test/x", "/x", "/x/", "/x/../y", "/./x", "/../x", "/x?", "/x?y/z",
	"/x#y/z", "/?x", "/#x", "x", "x/", "./x", "../x", "../../x", "../../../../../../../x",
	".", "..", "./", "../", "./.", "x/./y/../z", "x/../../y", "....//x", ".../x", "a..b",
	".x", "..x", "?", "?q", "?q=1/2", "?q#f", "?/x", "?x/../y", "#", "#f", "#f/g", "x#f/g",
	"x?y/z", "../x?y#z", "./?x", "../?x", "x y", " x", "x ", "x  y/ z?a b#c d", "x%20y",
	"%2e%2e/x", "%2E/x", "%", "%zz", "%00x", "\\x", "\\\\b.test\\x", "x\\y", "..\\x",
	"x\ty", "x\ny", "x\x7f", "xã/é", "/xã", "?ã=é", "http://b.test", "HTTP://B.TEST/X",
	"hTTpS://b.test:443/x", "https://b.test:8443", "http:x", "http:/x", "http:", "http://",
	"http://b.test/a/../b/./c", "http://b.test?x", "http://b.test#x", "http://xã.test/",
	"http://[::1]/x", "http://b.test:99999/", "http://u:p@b.test/", "ftp://b.test/f",
	"FTP://b.test/f", "mailto:a@b.test", "javascript:void(0)", "data:,x", "tel:1", "a:b",
	"1x:y", "c:\\x", "x:", ":x", "x.y+z-w:v", "0123456789abcdef:x", "0123456789abcde:x",
	"0123456789abcdefghijklmnopqrstuvwxyzABCD:x", "0123456789abcdefghijklmnopqrstuvwxyzABCDE:x",
	"0123456789abcdefghijklmnopqrstuvwxyzABC:x", "x.html?a=1&b=2", "x;y", "*", "@x", "x@y",
	"x:80", "[x]", "{x}", "x|y", "x^y", "`x`", "\"x\"", "'x'", "<x>",
};

/* The flags url.c's callers use: extraction's, redirects', and the rest. */
static const int flagsets[] = {
	URL_WEB | URL_ENCODE | URL_ANY_SCHEME, 0, URL_WEB, URL_ENCODE, URL_ANY_SCHEME,
};

/* libcurl flags of url.c's flags (as url.c maps them). */
static unsigned
curl_flags_of(int flags)
{
	return (flags & URL_ANY_SCHEME ? CURLU_NON_SUPPORT_SCHEME : 0) |
	    (flags & URL_ENCODE ? CURLU_URLENCODE : 0);
}

/*
 * ref resolved against base (made as url_new(base, URL_ENCODE) makes it,
 * then moved by base_href as url_set moves it, when not NULL) by a fresh
 * CURLU, without a memo: what url_resolve_in gave before it had one.
 */
static char *
curl_resolves(const char *base, const char *base_href, const char *ref, int flags)
{
	CURLU *cu = curl_url();
	char *out = NULL, *s = NULL, *scheme = NULL, *host = NULL;
	bool ok;

	cr_assert_not_null(cu);
	cr_assert_eq(curl_url_set(cu, CURLUPART_URL, base, CURLU_URLENCODE), CURLUE_OK, "%s", base);
	if (base_href != NULL)
		cr_assert_eq(curl_url_set(cu, CURLUPART_URL, base_href, 0), CURLUE_OK);
	ok = curl_url_set(cu, CURLUPART_URL, ref, curl_flags_of(flags)) == CURLUE_OK &&
	    curl_url_set(cu, CURLUPART_FRAGMENT, NULL, 0) == CURLUE_OK;
	if (ok && (flags & URL_WEB))
		ok = curl_url_get(cu, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		    curl_url_get(cu, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
		    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) && *host != '\0';
	if (ok && curl_url_get(cu, CURLUPART_URL, &s, 0) == CURLUE_OK)
		out = xstrdup(s);
	curl_free(s);
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(cu);
	return out;
}

/* Does url_resolve_in on u give what curl_resolves gives? Counts the answers compared. */
static size_t
expect_alike(struct url *u, const char *base, const char *base_href, const char *ref, int flags)
{
	char *got = url_resolve_in(u, ref, flags), *want = curl_resolves(base, base_href, ref, flags);

	if (want == NULL)
		cr_expect_null(got, "base %s, ref \"%s\", flags %d: %s, curl refuses", base, ref,
		    flags, got);
	else if (got == NULL)
		cr_expect_not_null(got, "base %s, ref \"%s\", flags %d: refused, curl gives %s",
		    base, ref, flags, want);
	else
		cr_expect_str_eq(got, want, "base %s, ref \"%s\", flags %d", base, ref, flags);
	free(got);
	free(want);
	return 1;
}

/* Every reference against every base under every flag set, twice over (the second from the memo). */
static void *
every_ref_against_every_base(void *arg)
{
	size_t *compared = arg;

	for (int round = 0; round < 2; round++)
		for (size_t f = 0; f < sizeof flagsets / sizeof flagsets[0]; f++)
			for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++) {
				struct url *u = url_new(bases[b], URL_ENCODE);

				cr_assert_not_null(u, "%s", bases[b]);
				for (size_t r = 0; r < sizeof refs / sizeof refs[0]; r++)
					*compared += expect_alike(u, bases[b], NULL, refs[r], flagsets[f]);
				url_free(u);
			}
	return NULL;
}

Test(url_memo, tricky_references_resolve_as_libcurl_resolves_them, .timeout = 120)
{
	size_t compared = 0;
	struct url_memo_stats st;

	every_ref_against_every_base(&compared);
	st = url_memo_stats();
	cr_expect_gt(compared, 20000);
	/* Most came from the memo: the second round, and the bases that share a prefix. */
	cr_expect_gt(st.hits, compared / 2, "%zu hits of %zu", st.hits, compared);
}

/*
 * The memo is shared by the pages of a site: "/x" from one page is the
 * answer on another; a page in another directory, site or scheme is not.
 */
Test(url_memo, pages_of_a_site_share_answers_and_no_others)
{
	static const struct { const char *base, *ref, *want; bool hit; } steps[] = {
		{ "http://s.test/a/one.html", "/menu.html", "http://s.test/menu.html", false },
		{ "http://s.test/b/two.html?p=1", "/menu.html", "http://s.test/menu.html", true },
		{ "http://s.test:81/a/one.html", "/menu.html", "http://s.test:81/menu.html", false },
		{ "https://s.test/a/one.html", "/menu.html", "https://s.test/menu.html", false },
		{ "http://s.test/a/one.html", "next.html", "http://s.test/a/next.html", false },
		{ "http://s.test/a/two.html", "next.html", "http://s.test/a/next.html", true },
		{ "http://s.test/b/two.html", "next.html", "http://s.test/b/next.html", false },
		{ "http://s.test/a/one.html", "?p=2", "http://s.test/a/one.html?p=2", false },
		{ "http://s.test/a/two.html", "?p=2", "http://s.test/a/two.html?p=2", false },
		{ "http://s.test/a/two.html?p=1", "?p=2", "http://s.test/a/two.html?p=2", true },
		{ "http://t.test/c/", "http://s.test/x", "http://s.test/x", false },
		{ "http://u.test/", "http://s.test/x", "http://s.test/x", true },
	};

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct url *u = url_new(steps[i].base, URL_ENCODE);
		size_t hits = url_memo_stats().hits;
		char *got = url_resolve_in(u, steps[i].ref, URL_WEB | URL_ENCODE);

		cr_expect_str_eq(got, steps[i].want, "%s + %s", steps[i].base, steps[i].ref);
		cr_expect_eq(url_memo_stats().hits - hits, steps[i].hit ? 1u : 0u,
		    "%s + %s: %s", steps[i].base, steps[i].ref, steps[i].hit ? "a hit" : "a miss");
		free(got);
		url_free(u);
	}
}

/* A <base href> moves the base: what was remembered for the page's own URL no longer applies. */
Test(url_memo, a_base_href_moves_what_references_join)
{
	static const char *const hrefs[] = { "http://b.test/base/", "/other/dir/x.html?q=1",
		"../up/", "https://c.test", "//d.test/e/f" };
	static const char *const some[] = { "x", "../x", "/x", "?y", "//e.test/z", "http://f.test/" };

	for (size_t i = 0; i < sizeof hrefs / sizeof hrefs[0]; i++) {
		struct url *u = url_new("http://a.test/dir/page.html", URL_ENCODE);

		for (size_t r = 0; r < sizeof some / sizeof some[0]; r++)
			expect_alike(u, "http://a.test/dir/page.html", NULL, some[r], URL_WEB);
		cr_assert_eq(url_set(u, hrefs[i]), 0, "%s", hrefs[i]);
		for (size_t r = 0; r < sizeof some / sizeof some[0]; r++)
			expect_alike(u, "http://a.test/dir/page.html", hrefs[i], some[r], URL_WEB);
		url_free(u);
	}
}

/*
 * Random references built from the pieces that matter to a join, against
 * every base, in an order that mixes bases (a fixed seed: the same every run).
 */
Test(url_memo, random_references_resolve_as_libcurl_resolves_them, .timeout = 120)
{
	static const char *const pieces[] = { "a", "b", "/", "//", "..", "../", ".", "./", "?",
		"#", "%2e", "%2F", " ", "\\", "x.html", "é", ":", "=", "&", ";", "@", "http:",
		"HTTP://", "s.test", "%" };
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	size_t n = sizeof bases / sizeof bases[0];
	struct url *u[sizeof bases / sizeof bases[0]];
	char ref[128];

	for (size_t b = 0; b < n; b++)
		cr_assert_not_null(u[b] = url_new(bases[b], URL_ENCODE));
	for (int i = 0; i < 6000; i++) {
		size_t len = 0, b;
		int k;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		k = 1 + (int)((seed >> 33) % 6);
		for (int j = 0; j < k; j++) {
			const char *p;

			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			p = pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
			if (len + strlen(p) < sizeof ref) {
				memcpy(ref + len, p, strlen(p));
				len += strlen(p);
			}
		}
		ref[len] = '\0';
		/* Each reference against three bases, and once more later on (from the memo). */
		for (int t = 0; t < 3; t++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			b = (size_t)((seed >> 33) % n);
			expect_alike(u[b], bases[b], NULL, ref, URL_WEB | URL_ENCODE | URL_ANY_SCHEME);
		}
	}
	for (size_t b = 0; b < n; b++)
		url_free(u[b]);
}

/* The memo holds a fixed number of entries of bounded size, whatever it is fed. */
Test(url_memo, memory_stays_bounded)
{
	struct url *u = url_new("http://a.test/dir/page.html", URL_ENCODE);
	struct url_memo_stats st;
	char ref[700];

	for (int i = 0; i < 20000; i++) {
		char *got;

		/* Short ones, and some too long to be kept. */
		if (i % 10 == 0)
			snprintf(ref, sizeof ref, "/%0600d", i);
		else
			snprintf(ref, sizeof ref, "/p%d.html", i);
		got = url_resolve_in(u, ref, URL_WEB | URL_ENCODE);
		cr_assert_not_null(got);
		cr_assert_eq(strncmp(got, "http://a.test/", 14), 0);
		cr_assert_str_eq(got + 13, ref);
		free(got);
	}
	st = url_memo_stats();
	cr_expect_eq(st.entries, st.max_entries, "full, no more");
	cr_expect_leq(st.bytes, st.max_bytes);
	cr_expect_leq(st.max_bytes, 1024 * 1024, "a fixed table under 1 MiB");
	url_free(u);
}

/* Each thread has its own memo (the worker and the loop both extract), freed when it ends. */
Test(url_memo, threads_have_their_own_memo, .timeout = 120)
{
	pthread_t t;
	size_t compared = 0, before = url_memo_stats().entries;

	cr_assert_eq(pthread_create(&t, NULL, every_ref_against_every_base, &compared), 0);
	cr_assert_eq(pthread_join(t, NULL), 0);
	cr_expect_gt(compared, 20000);
	cr_expect_eq(url_memo_stats().entries, before, "the thread's memo was its own");
}

/* test_hash.c: FNV-1a against the published test vectors, and its users; the tables' hash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "hash.h"
#include "template.h"

/* From the FNV reference page's test suite (fnv1a64 of the strings, without NUL). */
static const struct { const char *s; uint64_t h; } vectors[] = {
	{ "", 0xcbf29ce484222325ULL },
	{ "a", 0xaf63dc4c8601ec8cULL },
	{ "b", 0xaf63df4c8601f1a5ULL },
	{ "foobar", 0x85944171f73967e8ULL },
};

Test(hash, fnv1a64_published_vectors)
{
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		const char *s = vectors[i].s;

		cr_expect_eq(hash_fnv1a64_str(s), vectors[i].h, "\"%s\"", s);
		cr_expect_eq(hash_fnv1a64(s, strlen(s)), vectors[i].h, "\"%s\"", s);
		cr_expect_eq(hash_fnv1a64_more(hash_fnv1a64("foo", 3), "bar", 3),
		    0x85944171f73967e8ULL, "hashing in two steps is hashing at once");
	}
}

/*
 * A block's template signature is the tables' hash of its text (it was FNV-1a,
 * byte by byte: 1.6% of tcttd's instructions), never 0 (an empty slot).
 */
Test(hash, template_signature_is_the_table_hash)
{
	cr_expect_eq(template_sig("foobar"), hash_str("foobar"));
	cr_expect_eq(template_sig("a"), hash_str("a"));
	cr_expect_neq(template_sig(""), 0);
}

/* The tables' hash: the string and memory forms agree, seeds and lengths matter. */
Test(hash, table_hash_forms_agree_and_seed_matters)
{
	static const char text[] = "http://h0.bench/p12.html?x=1&y=2#frag";

	for (size_t n = 0; n < sizeof text; n++) {
		char *s = strndup(text, n);

		cr_expect_eq(hash_str(s), hash_mem(text, n, 0), "%zu bytes", n);
		cr_expect_neq(hash_mem(text, n, 0), hash_mem(text, n, 1), "%zu bytes", n);
		/* A byte more, even a NUL, is another key. */
		cr_expect_neq(hash_mem(text, n, 0), hash_mem(text, n + 1, 0), "%zu bytes", n);
		free(s);
	}
}

/*
 * Tables mask the low bits: URLs that differ in one character anywhere
 * (a host number, a page number, the last byte of a word) spread over them.
 */
Test(hash, table_hash_spreads_similar_urls_over_low_bits)
{
	enum { BUCKETS = 4096, KEYS = 100000 };
	static unsigned load[BUCKETS];
	unsigned max = 0;
	char url[96];

	for (int i = 0; i < KEYS; i++) {
		if (i % 2)
			snprintf(url, sizeof url, "http://h%d.bench/p%d.html", i % 1000, i / 1000);
		else
			snprintf(url, sizeof url, "https://www.example.vn/tin-tuc/bai-viet-%08d", i);
		load[hash_str(url) & (BUCKETS - 1)]++;
	}
	for (int b = 0; b < BUCKETS; b++)
		if (load[b] > max)
			max = load[b];
	/* About 24 each; a uniform hash's fullest bucket holds about 45. */
	cr_expect_lt(max, 60, "fullest bucket %u", max);
}

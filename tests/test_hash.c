/* test_hash.c: the one FNV-1a against the published test vectors, and its users. */
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

/* A block's template signature is FNV-1a of its text (it had 1469598103934665603 as basis). */
Test(hash, template_signature_is_fnv1a64)
{
	cr_expect_eq(template_sig("foobar"), 0x85944171f73967e8ULL);
	cr_expect_eq(template_sig("a"), 0xaf63dc4c8601ec8cULL);
}

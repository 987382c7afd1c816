/* hash.c: 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/), the one copy. */
#include "hash.h"

#define FNV1A64_PRIME	0x100000001b3ULL

uint64_t
hash_fnv1a64_more(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * FNV1A64_PRIME;
	return h;
}

uint64_t
hash_fnv1a64(const void *p, size_t n)
{
	return hash_fnv1a64_more(HASH_FNV1A64_BASIS, p, n);
}

uint64_t
hash_fnv1a64_str(const char *s)
{
	uint64_t h = HASH_FNV1A64_BASIS;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * FNV1A64_PRIME;
	return h;
}

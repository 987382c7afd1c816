/*
 * hash.c: 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/), and
 * hash_mem for tables: FNV-1a multiplies once per byte, one after the other
 * (about 4 cycles a byte); hash_mem mixes eight bytes per 64x64->128-bit
 * multiply, folded high into low as wyhash does, so every input bit reaches
 * the low bits a table masks.
 */
#include "hash.h"

#include <string.h>

#define FNV1A64_PRIME	0x100000001b3ULL
#define MIX_K1		0xa0761d6478bd642fULL	/* wyhash's constants */
#define MIX_K2		0xe7037ed1a0b428dbULL

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

/* The 128-bit product of a and b, its halves xored. */
static inline uint64_t
mix(uint64_t a, uint64_t b)
{
	unsigned __int128 r = (unsigned __int128)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t
hash_mem(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *b = p;
	uint64_t h = seed ^ MIX_K1, w;
	size_t len = n;

	for (; n >= 8; n -= 8, b += 8) {
		memcpy(&w, b, 8);
		h = mix(h ^ w, MIX_K2);
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, b, n);
		h = mix(h ^ w, MIX_K2);
	}
	return mix(h ^ len, MIX_K1);
}

uint64_t
hash_str(const char *s)
{
	return hash_mem(s, strlen(s), 0);
}

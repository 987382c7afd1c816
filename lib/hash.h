/*
 * hash.h: the non-cryptographic hashes, never stored: 64-bit FNV-1a (the
 * schedule's jitter, whose values must not move, and the judge's URL hashes)
 * and hash_str/hash_mem, eight bytes at a step, for tables keyed by strings
 * (URL memo, frontier, block signatures).
 */
#ifndef TCTT_HASH_H
#define TCTT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's 64-bit offset basis: the hash of no bytes. */
#define HASH_FNV1A64_BASIS	0xcbf29ce484222325ULL

/* Continue hash h (HASH_FNV1A64_BASIS to start) over n bytes of p. */
uint64_t hash_fnv1a64_more(uint64_t h, const void *p, size_t n);
/* FNV-1a of n bytes of p. */
uint64_t hash_fnv1a64(const void *p, size_t n);
/* FNV-1a of the NUL-terminated string s, without its NUL. */
uint64_t hash_fnv1a64_str(const char *s);

/* Table hash of n bytes of p under seed (0, or another hash to combine with). */
uint64_t hash_mem(const void *p, size_t n, uint64_t seed);
/* hash_mem of the NUL-terminated string s, without its NUL, seed 0. */
uint64_t hash_str(const char *s);

#endif

/* hash.h: the one non-cryptographic hash, 64-bit FNV-1a (for tables and signatures, never stored). */
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

#endif

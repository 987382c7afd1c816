/* fuzz.h: what the libFuzzer targets share. */
#ifndef TCTT_FUZZ_H
#define TCTT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property of the code under test: its failure is a finding, like a crash. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)

/*
 * The bytes up to the first NUL (or n), as a string; not strndup, which may
 * read the unterminated input whole (ASan's strict_string_checks).
 */
static inline char *
text_of(const void *data, size_t n)
{
	const char *nul = memchr(data, '\0', n);
	size_t len = nul != NULL ? (size_t)(nul - (const char *)data) : n;
	char *s = xmalloc(len + 1);

	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

#endif

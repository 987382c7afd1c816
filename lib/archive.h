/* archive.h: the evidence archive's compression (zlib), kept apart from the SQL. */
#ifndef TCTT_ARCHIVE_H
#define TCTT_ARCHIVE_H

#include <stddef.h>

/* data compressed (caller frees) with its length in *outlen. */
void *archive_deflate(const void *data, size_t len, size_t *outlen);
/* The size bytes that z (zlen bytes) holds (caller frees); NULL when z is not exactly that. */
void *archive_inflate(const void *z, size_t zlen, size_t size);

#endif

/* archive.c: compressing evidence bodies for the archive with zlib. */
#include "archive.h"

#include <stdlib.h>

#include <zlib.h>

#include "xmalloc.h"

void *
archive_deflate(const void *data, size_t len, size_t *outlen)
{
	uLongf zlen = compressBound((uLong)len);
	unsigned char *z = xmalloc(zlen > 0 ? zlen : 1);

	if (compress2(z, &zlen, data, (uLong)len, Z_BEST_COMPRESSION) != Z_OK)
		fatalx("archive: compress2 failed");	/* only out of memory */
	*outlen = zlen;
	return z;
}

void *
archive_inflate(const void *z, size_t zlen, size_t size)
{
	unsigned char *out = xmalloc(size > 0 ? size : 1);
	uLongf got = (uLongf)size;

	if (uncompress(out, &got, z, (uLong)zlen) != Z_OK || got != size) {
		free(out);
		return NULL;
	}
	return out;
}

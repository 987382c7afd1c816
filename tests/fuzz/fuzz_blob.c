/* fuzz_blob.c: libFuzzer target: any bytes as a cached extraction read back from the database. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "extract.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extracted *ex, *again;
	char *cause = NULL;
	void *blob;
	size_t len;

	if ((ex = extract_deserialize(data, size, &cause)) == NULL) {
		free(cause);
		return 0;
	}
	/* What was accepted must write out and read back. */
	extract_serialize(ex, &blob, &len);
	if ((again = extract_deserialize(blob, len, &cause)) == NULL)
		abort();
	if (again->n_links != ex->n_links || again->n_blocks != ex->n_blocks ||
	    strcmp(again->content, ex->content) != 0)
		abort();
	extracted_free(again);
	free(blob);
	extracted_free(ex);
	return 0;
}

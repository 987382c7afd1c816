/* fuzz_extract.c: libFuzzer target: any bytes as a page, then its blob read back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "extract.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the declared charset, as a header would. */
	static const char *const ctypes[] = { NULL, "text/html", "text/html; charset=windows-1258",
		"text/html; charset=utf-16", "text/html; charset=bogus", "application/pdf" };
	struct extracted *ex, *back;
	void *blob;
	size_t len;
	char *cause = NULL;

	if (size == 0)
		return 0;
	ex = extract_page("http://fuzz.test/a/b.html", ctypes[data[0] % 6], data + 1, size - 1);
	extract_serialize(ex, &blob, &len);
	back = extract_deserialize(blob, len, &cause);
	if (back == NULL)
		abort();	/* our own blob must read back */
	extracted_free(back);
	free(blob);
	extracted_free(ex);
	/* And the bytes as a hostile blob. */
	back = extract_deserialize(data, size, &cause);
	extracted_free(back);
	free(cause);
	return 0;
}

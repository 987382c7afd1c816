/*
 * fuzz_document.c: libFuzzer target: any bytes as a DOCX (libzip, bounded
 * inflation, libxml2) and as an extractor's text output (TCVN3 conversion,
 * title and own date).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "document.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL, *text, *title = NULL;
	int date = 0;

	text = doc_docx_text(data, size, 1 << 20, &cause);
	if (text == NULL && cause == NULL)
		abort();	/* a failure always says why */
	free(text);
	free(cause);
	doc_text_info((const char *)data, size, 20261129, &title, &date);
	if (title == NULL || date > 20261129 || strlen(title) > 300)
		abort();
	free(title);
	(void)doc_text_empty((const char *)data, size);
	free(doc_legacy_to_unicode((const char *)data, size));
	return 0;
}

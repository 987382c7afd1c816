/* fuzz_config.c: libFuzzer target for the configuration parser (any bytes, never a crash). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "config.h"
#include "xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	struct config *cfg;
	char *cause = NULL;

	memcpy(text, data, size);
	text[size] = '\0';	/* config_load rejects NUL bytes before this point */
	if (config_load_string("fuzz.conf", text, &cfg, &cause) == 0)
		config_free(cfg);
	else
		free(cause);
	free(text);
	return 0;
}

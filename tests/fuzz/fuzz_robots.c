/* fuzz_robots.c: libFuzzer target: any bytes as robots.txt, then paths checked against it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "robots.h"
#include "xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "/", "/a/b?c=d", "/tiep-can-thong-tin/",
		"/*$", "" };
	struct robots *r = robots_parse((const char *)data, size, "tctt");
	char *last;

	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		(void)robots_allowed(r, paths[i]);
	/* The input's last line as a path too: patterns meet hostile paths. */
	last = text_of(data, size);
	(void)robots_allowed(r, strrchr(last, '\n') != NULL ? strrchr(last, '\n') + 1 : last);
	free(last);
	(void)robots_crawl_delay(r);
	robots_free(r);
	return 0;
}

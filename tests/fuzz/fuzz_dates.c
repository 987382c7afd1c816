/* fuzz_dates.c: libFuzzer target: any bytes folded, then searched for dates, labelled or not. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "dates.h"
#include "fold.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *f = fold_mem((const char *)data, size);
	int d[64];
	size_t n = dates_scan(f, d, 64);

	for (size_t i = 0; i < n; i++)
		if (!date_valid(d[i] / 10000, d[i] / 100 % 100, d[i] % 100))
			abort();
	n = dates_scan_labelled(f, d, 64);
	(void)dates_latest(d, n, 20261129);
	(void)fold_word_count(f);
	(void)fold_has(f, "tiep can thong tin");
	free(f);
	return 0;
}

/*
 * extractbench.c: the cost and the output of extract_page, without the
 * network. Reads each file given (a page of a fixture portal: its URL is
 * http://HOST/PATH, HOST the last path component ending in .test or .bench),
 * then:
 *   extractbench -n N FILE...   extracts them all N times and prints
 *                               "pages P cpu_us_per_page U";
 *   extractbench FILE...        prints "HASH LEN FILE" per file, HASH the
 *                               FNV-1a of its extract_serialize blob, so two
 *                               builds' outputs can be compared with diff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "hash.h"
#include "log.h"
#include "xmalloc.h"

/* The URL a fixture file is served at. Caller frees. */
static char *
url_of(const char *path)
{
	const char *host = NULL, *rest = NULL, *p;
	char *url;

	for (p = path; p != NULL && *p != '\0'; p = strchr(p, '/'), p = p ? p + 1 : NULL) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if ((n > 5 && memcmp(p + n - 5, ".test", 5) == 0) ||
		    (n > 6 && memcmp(p + n - 6, ".bench", 6) == 0)) {
			host = p;
			rest = p + n;
		}
	}
	if (host == NULL) {
		if ((p = strrchr(path, '/')) == NULL)
			p = path;
		else
			p++;
		if (asprintf(&url, "http://fixture.test/%s", p) < 0)
			fatalx("out of memory");
		return url;
	}
	if (asprintf(&url, "http://%.*s%s", (int)(rest - host), host,
	    *rest ? rest : "/") < 0)
		fatalx("out of memory");
	return url;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (f == NULL)
		fatal("%s", path);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

int
main(int argc, char **argv)
{
	int rounds = 0, first = 1;
	size_t nfiles, pages = 0;
	char **bodies, **urls;
	size_t *lens;
	struct timespec t0, t1;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		rounds = atoi(argv[2]);
		first = 3;
	}
	nfiles = (size_t)(argc - first);
	bodies = xcalloc(nfiles + 1, sizeof *bodies);
	urls = xcalloc(nfiles + 1, sizeof *urls);
	lens = xcalloc(nfiles + 1, sizeof *lens);
	for (size_t i = 0; i < nfiles; i++) {
		bodies[i] = slurp(argv[first + (int)i], &lens[i]);
		urls[i] = url_of(argv[first + (int)i]);
	}
	if (rounds == 0) {
		for (size_t i = 0; i < nfiles; i++) {
			struct extracted *ex = extract_page(urls[i], NULL, bodies[i], lens[i]);
			void *blob;
			size_t len;

			extract_serialize(ex, &blob, &len);
			printf("%016llx %zu %s\n", (unsigned long long)hash_fnv1a64(blob, len),
			    len, argv[first + (int)i]);
			free(blob);
			extracted_free(ex);
		}
	} else {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < nfiles; i++, pages++)
				extracted_free(extract_page(urls[i], NULL, bodies[i], lens[i]));
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
		printf("pages %zu cpu_us_per_page %.1f\n", pages,
		    ((double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3) /
		    (double)(pages ? pages : 1));
	}
	for (size_t i = 0; i < nfiles; i++) {
		free(bodies[i]);
		free(urls[i]);
	}
	free(bodies);
	free(urls);
	free(lens);
	return 0;
}

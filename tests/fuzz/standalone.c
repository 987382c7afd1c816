/*
 * standalone.c: a main for a fuzz target without libFuzzer, built with the
 * suite's compiler and sanitizers: runs the target once on every file named
 * (or in every directory named) and prints how many. tests/test_fuzz_corpus.c
 * runs each target over its kept corpus this way, so a regression on any kept
 * input fails `make test`.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "xmalloc.h"

/* Run the target on the file at path: 0, or -1 when it cannot be read. */
static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	uint8_t *data;
	size_t n;

	if (f == NULL || fstat(fileno(f), &st) == -1) {
		perror(path);
		if (f != NULL)
			fclose(f);
		return -1;
	}
	/* Exactly the file's size, so ASan sees any read past the input. */
	data = xmalloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	n = fread(data, 1, (size_t)st.st_size, f);
	fclose(f);
	if (n != (size_t)st.st_size) {
		fprintf(stderr, "%s: short read\n", path);
		free(data);
		return -1;
	}
	LLVMFuzzerTestOneInput(data, n);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	long done = 0;

	for (int i = 1; i < argc; i++) {
		struct dirent **ents;
		struct stat st;
		int n;

		if (stat(argv[i], &st) == -1 || !S_ISDIR(st.st_mode)) {
			if (run_file(argv[i]) == -1)
				return 1;
			done++;
			continue;
		}
		if ((n = scandir(argv[i], &ents, NULL, alphasort)) == -1) {
			perror(argv[i]);
			return 1;
		}
		for (int j = 0; j < n; j++) {
			char *path = xasprintf("%s/%s", argv[i], ents[j]->d_name);

			if (ents[j]->d_name[0] != '.') {
				if (run_file(path) == -1)
					return 1;
				done++;
			}
			free(path);
			free(ents[j]);
		}
		free(ents);
	}
	printf("%ld inputs\n", done);
	return 0;
}

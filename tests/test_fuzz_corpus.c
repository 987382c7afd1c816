/*
 * test_fuzz_corpus.c: every fuzz target (tests/fuzz/fuzz_*.c, built with a
 * plain main as build/asan/fuzz_NAME) run once over each input of its kept
 * corpus tests/fuzz/corpus-NAME, under the suite's sanitizers: an input that
 * once found a crash, or a property broken since, fails here. `make fuzz`
 * explores further.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "xmalloc.h"

/* Files in dir, dot files aside. */
static long
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long n = 0;

	cr_assert_not_null(d, "no corpus %s", dir);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void
run_corpus(const char *name)
{
	char *bin = xasprintf("fuzz_%s", name), *path = test_bin(bin);
	char *sub = xasprintf("fuzz/corpus-%s", name), *dir = test_srcdir(sub);
	const char *argv[] = { path, dir, NULL };
	char *out = NULL, *err = NULL, *want;
	long n = count_files(dir);
	int rc;

	cr_assert_gt(n, 0, "corpus %s is empty", dir);
	/*
	 * As under libFuzzer, an input is exactly its bytes, unterminated: strndup(s, n)
	 * on it is valid C (robots_parse does it) but strict_string_checks reads it as a string.
	 */
	setenv("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0:exitcode=99", 1);
	rc = run_cmd(argv, &out, &err);
	cr_expect_eq(rc, 0, "%s on its corpus: exit %d\n%s", bin, rc, err);
	want = xasprintf("%ld inputs\n", n);
	cr_expect_str_eq(out, want);
	free(want);
	free(out);
	free(err);
	free(dir);
	free(sub);
	free(path);
	free(bin);
}

Test(fuzz_corpus, extract)
{
	run_corpus("extract");
}

Test(fuzz_corpus, document)
{
	run_corpus("document");
}

Test(fuzz_corpus, dates)
{
	run_corpus("dates");
}

Test(fuzz_corpus, blob)
{
	run_corpus("blob");
}

Test(fuzz_corpus, robots)
{
	run_corpus("robots");
}

Test(fuzz_corpus, config)
{
	run_corpus("config");
}

Test(fuzz_corpus, mail)
{
	run_corpus("mail");
}

Test(fuzz_corpus, dashboard)
{
	run_corpus("dashboard");
}


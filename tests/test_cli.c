/* test_cli.c: the binaries' command lines, exit statuses and configuration checks. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "version.h"

static int
run2(const char *bin, const char *a1, const char *a2, const char *a3,
    char **out, char **err)
{
	char *path = test_bin(bin);
	const char *argv[] = { path, a1, a2, a3, NULL };
	int rc = run_cmd(argv, out, err);

	free(path);
	return rc;
}

Test(cli, help_and_version)
{
	const char *bins[] = { "tcttd", "tctt-dashboard" };

	for (int i = 0; i < 2; i++) {
		char *out, *err;

		cr_expect_eq(run2(bins[i], "--help", NULL, NULL, &out, &err), 0);
		cr_expect(strstr(out, "usage:") != NULL);
		free(out);
		free(err);
		cr_expect_eq(run2(bins[i], "-V", NULL, NULL, &out, &err), 0);
		cr_expect(strstr(out, TCTT_VERSION) != NULL);
		free(out);
		free(err);
		cr_expect_eq(run2(bins[i], "--bogus", NULL, NULL, &out, &err), 2);
		free(out);
		free(err);
		cr_expect_eq(run2(bins[i], NULL, NULL, NULL, &out, &err), 2,
		    "no -c is bad usage");
		cr_expect(strstr(err, "-c FILE") != NULL);
		free(out);
		free(err);
	}
}

Test(cli, shipped_configurations_check)
{
	char *conf = test_srcdir("../conf/tctt.conf"), *demo = test_srcdir("../conf/demo/tctt.conf");
	char *out, *err;

	cr_expect_eq(run2("tcttd", "-c", conf, "--check", &out, &err), 0, "%s", err);
	free(out);
	free(err);
	cr_expect_eq(run2("tcttd", "-c", demo, "--check", &out, &err), 0, "%s", err);
	free(out);
	free(err);
	free(conf);
	free(demo);
}

Test(cli, bad_configuration_exits_2_naming_lines)
{
	char *dir = test_tmpdir();
	char *conf = test_write_file(dir, "bad.conf",
	    "[daemon]\ninterval = abc\n[unit:a]\nname = A\nkind = agency\n");
	char *out, *err;

	cr_expect_eq(run2("tcttd", "-c", conf, "--check", &out, &err), 2);
	cr_expect(strstr(err, "bad.conf:2: interval: bad duration 'abc'") != NULL, "%s", err);
	cr_expect(strstr(err, "bad.conf:3: unit 'a' has no url") != NULL, "%s", err);
	free(out);
	free(err);
	cr_expect_eq(run2("tctt-dashboard", "-c", conf, "--export", &out, &err), 2);
	free(out);
	free(err);
	free(conf);
	free(dir);
}

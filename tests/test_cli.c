/* test_cli.c: the binaries' command lines, exit statuses and configuration checks. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "version.h"
#include "xmalloc.h"

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
	/* Run by hand: the program's name, no raw priorities. */
	cr_expect(strncmp(err, "tcttd: ", 7) == 0 && strstr(err, "\ntcttd: ") != NULL &&
	    strchr(err, '<') == NULL, "%s", err);
	free(out);
	free(err);
	cr_expect_eq(run2("tctt-dashboard", "-c", conf, "--export", &out, &err), 2);
	free(out);
	free(err);
	/* Each at error priority in the journal, for `journalctl -p err`; journald adds the name. */
	{
		char *tcttd = test_bin("tcttd"), *dash = test_bin("tctt-dashboard");
		const char *argv[] = { tcttd, "-c", conf, "--check", NULL };
		const char *dargv[] = { dash, "-c", conf, NULL };

		cr_expect_eq(run_cmd_journal(argv, &out, &err), 2);
		cr_expect(strncmp(err, "<3>", 3) == 0 && strstr(err, "\n<3>") != NULL &&
		    strstr(err, "bad.conf:3:") != NULL && strstr(err, "<3>tcttd") == NULL,
		    "%s", err);
		free(out);
		free(err);
		cr_expect_eq(run_cmd_journal(dargv, &out, &err), 2);
		cr_expect(strstr(err, "<3>") != NULL && strstr(err, "bad duration") != NULL &&
		    strstr(err, "<3>tctt-dashboard") == NULL, "%s", err);
		free(out);
		free(err);
		free(tcttd);
		free(dash);
	}
	free(conf);
	free(dir);
}

/* run2 with up to five arguments; out and err freed here, err checked for want. */
static int
cli_run5(const char *bin, const char *const args[5], const char *want)
{
	char *path = test_bin(bin), *out, *err;
	const char *argv[7] = { path };
	int rc;

	for (int i = 0; i < 5; i++)
		argv[i + 1] = args[i];
	rc = run_cmd(argv, &out, &err);
	if (want != NULL)
		cr_expect(strstr(err, want) != NULL, "expected \"%s\" in: %s", want, err);
	free(out);
	free(err);
	free(path);
	return rc;
}

Test(cli, short_and_long_help_and_version)
{
	const char *bins[] = { "tcttd", "tctt-dashboard" };

	for (int i = 0; i < 2; i++) {
		char *out, *err;

		cr_expect_eq(run2(bins[i], "-h", NULL, NULL, &out, &err), 0);
		cr_expect(strncmp(out, "usage:", 6) == 0, "%s", out);
		free(out);
		free(err);
		cr_expect_eq(run2(bins[i], "--version", NULL, NULL, &out, &err), 0);
		cr_expect(strstr(out, bins[i]) != NULL && strstr(out, TCTT_VERSION) != NULL,
		    "%s", out);
		free(out);
		free(err);
	}
}

Test(cli, bad_usage_exits_2)
{
	char *dir = test_tmpdir();
	char *text = xasprintf("[daemon]\ndatabase = %s/t.db\n[unit:stp]\nname = STP\n"
	    "kind = department\nurl = http://stp.test/\n", dir);
	char *conf = test_write_file(dir, "ok.conf", text);

	cr_expect_eq(cli_run5("tcttd", (const char *[]){ "-c", conf, "--once", "--unit", "nope" },
	    "no unit 'nope'"), 2, "--unit with an unknown ID");
	cr_expect_eq(cli_run5("tcttd", (const char *[]){ "-c", conf, "--unit", "stp", NULL },
	    "--unit goes with --once"), 2);
	cr_expect_eq(cli_run5("tcttd", (const char *[]){ "-c", conf, "--dry-run", NULL, NULL },
	    "--dry-run"), 2);
	cr_expect_eq(cli_run5("tcttd", (const char *[]){ "-c", conf, "--once", "--digest", NULL },
	    "exclude each other"), 2);
	cr_expect_eq(cli_run5("tcttd", (const char *[]){ "-c", conf, "extra", NULL, NULL },
	    "unexpected argument"), 2);
	cr_expect_eq(cli_run5("tctt-dashboard", (const char *[]){ "-c", conf, "--export", "xml", NULL },
	    "json, csv or xlsx"), 2);
	cr_expect_eq(cli_run5("tctt-dashboard", (const char *[]){ "-c", conf, "--export", "json",
	    "--listen" }, NULL), 2, "--listen without its argument");
	cr_expect_eq(cli_run5("tctt-dashboard", (const char *[]){ "-c", conf, "--listen", "nowhere",
	    NULL }, "nowhere"), 2, "a bad --listen address is bad usage");
	free(conf);
	free(text);
	free(dir);
}

Test(cli, bad_or_missing_configuration_exits_2_for_both)
{
	char *dir = test_tmpdir();
	char *conf = test_write_file(dir, "bad.conf", "[daemon]\nmax_pages = many\n");
	char *none = xasprintf("%s/none.conf", dir);

	cr_expect_eq(cli_run5("tcttd", (const char *[]){ "-c", conf, NULL, NULL, NULL },
	    "bad.conf:2: max_pages: bad value 'many'"), 2, "the daemon refuses to start");
	cr_expect_eq(cli_run5("tctt-dashboard", (const char *[]){ "-c", conf, NULL, NULL, NULL },
	    "bad.conf:2: max_pages"), 2);
	cr_expect_eq(cli_run5("tctt-dashboard", (const char *[]){ "-c", conf, "--export", "json", NULL },
	    "bad.conf:2: max_pages"), 2);
	cr_expect_eq(cli_run5("tcttd", (const char *[]){ "-c", none, "--check", NULL, NULL },
	    "none.conf"), 2);
	cr_expect_eq(cli_run5("tctt-dashboard", (const char *[]){ "-c", none, "--export", "csv", NULL },
	    "none.conf"), 2);
	free(none);
	free(conf);
	free(dir);
}

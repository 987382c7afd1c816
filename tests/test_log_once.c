/*
 * test_log_once.c: an unreachable host is one warning a pass, not one for
 * robots.txt and another for its home page.
 */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "xmalloc.h"

Test(log_once, unreachable_host_warns_once_a_pass)
{
	char *dir = test_tmpdir(), *bin = test_bin("tcttd"), *conf, *text, *out, *err;
	int warnings = 0;

	/* Port 1 on loopback: nothing listens, the connection is refused at once. */
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:1\n"
	    "retries = 0\n[unit:a]\nname = A\nkind = agency\nurl = http://a.test/\n", dir);
	conf = test_write_file(dir, "t.conf", text);
	{
		const char *argv[] = { bin, "-c", conf, "--once", NULL };

		setenv("TCTT_NOW", "2026-11-29T08:00:00+07:00", 1);
		cr_assert_eq(run_cmd_journal(argv, &out, &err), 0, "%s", err);
	}
	for (const char *p = err; (p = strstr(p, "<4>")) != NULL; p += 3)
		warnings++;
	cr_expect_eq(warnings, 1, "%s", err);
	cr_expect(strstr(err, "a: unreachable") != NULL, "%s", err);
	free(out);
	free(err);
	free(text);
	free(conf);
	free(bin);
	free(dir);
}

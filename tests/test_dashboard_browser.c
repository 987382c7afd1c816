/* test_dashboard_browser.c: the pages in headless chromium: axe-core finds zero violations, and
 * every page fits a 375 px phone screen. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

Test(dashboard_browser, axe_finds_no_violations, .timeout = 300)
{
	char *script = test_srcdir("browser/axe.js"), *bindir = test_bin("");
	char *outdir = xasprintf("%s/..", bindir);
	char *modules = xasprintf("%s/../browser/node_modules", bindir);
	char *base, *out, *err;
	struct dashsrv s;
	int rc;

	if (access(modules, F_OK) != 0)
		cr_assert_fail("%s missing: tests/browser/setup.sh (run by tests/run.sh) "
		    "installs puppeteer-core and axe-core", modules);
	setenv("NODE_PATH", modules, 1);
	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	base = xasprintf("http://127.0.0.1:%d", s.port);
	{
		/* Every kind of page: the overview, a unit with and without reminders, with
		 * hostile text, never checked, the lists and a digest. */
		const char *argv[] = { "/usr/bin/node", script, base, outdir, "/",
		    "/unit/syt", "/unit/evil", "/unit/never", "/notices", "/digests",
		    "/digests/1", "/reports", "/reports/2026", NULL };

		rc = run_cmd(argv, &out, &err);
	}
	cr_expect_eq(rc, 0, "axe: %s\n%s", out, err);
	cr_expect(strstr(out, "/: 0 violations") != NULL, "%s", out);
	cr_expect(strstr(out, "/unit/syt: 0 violations") != NULL, "%s", out);
	cr_expect(strstr(out, "/reports/2026: 0 violations") != NULL, "%s", out);
	/* Phones: every page fits 375 px; the matrix keeps its first column in view. */
	cr_expect(strstr(out, "/: 375 px wide at 375 px") != NULL, "%s", out);
	cr_expect(strstr(out, "/unit/evil: 375 px wide at 375 px") != NULL, "%s", out);
	cr_expect(strstr(out, "/: matrix scrolled ") != NULL, "%s", out);
	free(out);
	free(err);
	dashsrv_stop(&s);
	free(base);
	free(modules);
	free(outdir);
	free(bindir);
	free(script);
}

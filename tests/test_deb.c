/* test_deb.c: make deb, install, tcttd --check, purge (tests/deb-test.sh), where it can run:
 * as root with dpkg-buildpackage (scripts/deps.sh test installs it), as on CI's machine. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "support.h"
#include "xmalloc.h"

Test(deb, builds_installs_checks_and_purges, .timeout = 900)
{
	char *script = test_srcdir("deb-test.sh"), *out, *err;
	const char *argv[] = { "/bin/sh", script, NULL };
	int rc;

	if (geteuid() != 0 || access("/usr/bin/dpkg-buildpackage", X_OK) != 0) {
		free(script);
		cr_skip_test("needs root and dpkg-buildpackage");
	}
	rc = run_cmd(argv, &out, &err);
	cr_expect_eq(rc, 0, "deb-test.sh:\n%s\n%s", out, err);
	cr_expect(strstr(out, "ok: make deb:") != NULL, "%s", out);
	cr_expect(strstr(out, "ok: tcttd --check on /etc/tctt/tctt.conf") != NULL, "%s", out);
	cr_expect(strstr(out, "ok: purged:") != NULL, "%s%s", out, err);
	free(out);
	free(err);
	free(script);
}

/*
 * test_units.c: the systemd units as installed (paths as `make install`
 * writes them), checked by systemd-analyze verify when it is there, and the
 * promises a unit file makes: no restart loop on a bad configuration, a
 * reload that checks the file first, a dashboard that really cannot write
 * the state directory (a static user: no DynamicUser bind mount).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "support.h"
#include "xmalloc.h"

/* The unit's text; caller frees. */
static char *
unit_text(const char *name)
{
	char *path = test_srcdir(name), *text = test_read_file(path, NULL);

	free(path);
	return text;
}

/* True when a line of text is exactly line. */
static bool
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; (p = strstr(p, line)) != NULL; p += n)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

Test(units, promises_of_the_unit_files)
{
	char *d = unit_text("../systemd/tcttd.service");
	char *w = unit_text("../systemd/tctt-dashboard.service");
	char *u = unit_text("../systemd/tctt.sysusers");
	const char *check, *kill;

	cr_expect(has_line(d, "RestartPreventExitStatus=2"), "tcttd restarts on a bad config");
	cr_expect(has_line(w, "RestartPreventExitStatus=2"));
	check = strstr(d, "\nExecReload=/usr/sbin/tcttd -c /etc/tctt/tctt.conf --check\n");
	kill = strstr(d, "\nExecReload=/bin/kill -HUP $MAINPID\n");
	cr_expect(check != NULL && kill != NULL && check < kill, "reload checks the file first");
	cr_expect_null(strstr(d, "\nDynamicUser=yes"));
	cr_expect_null(strstr(w, "\nDynamicUser=yes"), "a bind-mounted state dir stays writable");
	cr_expect(has_line(w, "ReadOnlyPaths=/var/lib/tctt"));
	cr_expect_null(strstr(w, "\nStateDirectory="), "StateDirectory= would make it writable");
	cr_expect(has_line(d, "User=tctt") && has_line(w, "User=tctt"));
	cr_expect(has_line(u, "u tctt - \"tctt compliance checker\" /var/lib/tctt"));
	free(d);
	free(w);
	free(u);
}

Test(units, systemd_analyze_verify)
{
	const char *names[] = { "tcttd.service", "tctt-dashboard.service" };
	char *dir = test_tmpdir(), *bin = test_bin(""), *out, *err;
	const char *argv[6] = { "/usr/bin/systemd-analyze", "verify", "--man=no" };

	if (access(argv[0], X_OK) != 0)
		cr_skip_test("systemd-analyze is not installed");
	for (int i = 0; i < 2; i++) {
		char *src = xasprintf("../systemd/%s", names[i]), *text = unit_text(src);
		struct buf b = { 0 };
		const char *p = text, *q;

		/* What make install does: the binaries where they are. */
		while ((q = strstr(p, "/usr/sbin/")) != NULL) {
			buf_add(&b, p, (size_t)(q - p));
			buf_puts(&b, bin);
			p = q + strlen("/usr/sbin/");
		}
		buf_puts(&b, p);
		buf_putc(&b, '\0');
		free(test_write_file(dir, names[i], b.data));
		buf_free(&b);
		free(text);
		free(src);
	}
	argv[3] = xasprintf("%s/%s", dir, names[0]);
	argv[4] = xasprintf("%s/%s", dir, names[1]);
	cr_expect_eq(run_cmd(argv, &out, &err), 0, "%s%s", out, err);
	cr_expect_null(strstr(err, "ignoring"), "a key systemd does not take: %s", err);
	free(out);
	free(err);
	free((char *)(uintptr_t)argv[3]);
	free((char *)(uintptr_t)argv[4]);
	free(bin);
	free(dir);
}

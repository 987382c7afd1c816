/* test_config_hostile.c: configuration files that are not what they seem, and URLs with secrets. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "config.h"
#include "support.h"
#include "xmalloc.h"

Test(config_hostile, only_regular_files_are_read)
{
	char *dir = test_tmpdir(), *link = xasprintf("%s/zero.conf", dir);
	char *fifo = xasprintf("%s/fifo.conf", dir), *cause = NULL;
	struct config *cfg;

	cr_assert_eq(symlink("/dev/zero", link), 0);
	cr_expect_eq(config_load(link, &cfg, &cause), -1);
	cr_expect(strstr(cause, "zero.conf: not a regular file") != NULL, "%s", cause);
	free(cause);
	/* A FIFO with no writer would block the daemon's SIGHUP for ever. */
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	alarm(10);	/* unfixed, open() blocks: the alarm ends the test as a crash */
	cr_expect_eq(config_load(fifo, &cfg, &cause), -1);
	alarm(0);
	cr_expect(strstr(cause, "fifo.conf: not a regular file") != NULL, "%s", cause);
	free(cause);
	cr_expect_eq(config_load(dir, &cfg, &cause), -1);
	cr_expect(strstr(cause, "not a regular file") != NULL, "%s", cause);
	free(cause);
	free(fifo);
	free(link);
	free(dir);
}

Test(config_hostile, unit_url_with_credentials_is_refused)
{
	static const char text[] = "[unit:a]\nname = A\nkind = agency\n"
	    "url = https://admin:s3cret@a.test/\n"
	    "[unit:b]\nname = B\nkind = agency\nurl = http://user@b.test/\n"
	    "[unit:c]\nname = C\nkind = agency\nurl = http://c.test/p?u=x@y\n";
	struct config *cfg;
	char *cause = NULL;

	cr_assert_eq(config_load_string("t.conf", text, &cfg, &cause), -1);
	cr_expect(strstr(cause, "t.conf:4: url: a URL must not hold a user name or password")
	    != NULL, "%s", cause);
	cr_expect(strstr(cause, "t.conf:8:") != NULL, "%s", cause);
	cr_expect(strstr(cause, "t.conf:12:") == NULL, "an @ in the query is fine: %s", cause);
	cr_expect(strstr(cause, "s3cret") == NULL, "the secret is not echoed: %s", cause);
	free(cause);
}

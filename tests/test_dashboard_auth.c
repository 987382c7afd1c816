/* test_dashboard_auth.c: HTTP Basic authentication with yescrypt hashes, and its parser. */
#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "dashboard.h"
#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

/* "name:$y$..." for password; caller frees. */
static char *
user_line(const char *name, const char *password)
{
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], *line;
	const char *h;

	cr_assert(crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) != NULL);
	h = crypt_rn(password, salt, cd, (int)sizeof *cd);
	cr_assert(h != NULL && strncmp(h, "$y$", 3) == 0);
	line = xasprintf("# operators\n%s:%s\n", name, h);
	free(cd);
	return line;
}

Test(dashboard_auth, basic_auth_guards_all_but_healthz, .timeout = 60)
{
	struct dashsrv s;
	long status;
	char *line = user_line("vanphong", "mật-khẩu đúng"), *b, *h;

	dashfix_setup(&s, line, 1);
	free(line);
	dashsrv_start(&s);
	b = dash_http(s.port, "GET", "/", NULL, NULL, &status, &h);
	cr_expect_eq(status, 401);
	cr_expect(strstr(h, "WWW-Authenticate: Basic realm=\"tctt\"") != NULL, "%s", h);
	cr_expect(strstr(b, "Sở Tư pháp") == NULL, "no data without login");
	free(b);
	free(h);
	static const char *guarded[] = { "/api/v1/units", "/export.csv", "/metrics",
	    "/unit/stp", "/notices", "/digests/1", "/static/style.css", "/nope" };
	for (size_t i = 0; i < sizeof guarded / sizeof guarded[0]; i++) {
		free(dash_http(s.port, "GET", guarded[i], NULL, NULL, &status, NULL));
		cr_expect_eq(status, 401, "%s: %ld", guarded[i], status);
	}
	free(dash_http(s.port, "GET", "/", "vanphong:sai", NULL, &status, NULL));
	cr_expect_eq(status, 401);
	free(dash_http(s.port, "GET", "/", "khach:mật-khẩu đúng", NULL, &status, NULL));
	cr_expect_eq(status, 401);
	free(dash_http(s.port, "GET", "/", NULL, "Authorization: Basic !!!!", &status, NULL));
	cr_expect_eq(status, 401);
	free(dash_http(s.port, "GET", "/", NULL, "Authorization: Bearer x", &status, NULL));
	cr_expect_eq(status, 401);
	b = dash_http(s.port, "GET", "/", "vanphong:mật-khẩu đúng", NULL, &status, NULL);
	cr_expect_eq(status, 200);
	cr_expect(strstr(b, "Sở Tư pháp") != NULL);
	free(b);
	b = dash_http(s.port, "GET", "/healthz", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	free(b);
	dashsrv_stop(&s);
}

Test(dashboard_auth, users_file_errors)
{
	char *dir = test_tmpdir(), *p, *cause = NULL;
	struct users *u;

	p = test_write_file(dir, "bad", "vanphong plain-password\n");
	cr_expect_eq(users_load(p, &u, &cause), -1);
	cr_expect(strstr(cause, "bad:1:") != NULL, "%s", cause);
	free(cause);
	free(p);
	p = test_write_file(dir, "empty", "# nobody\n");
	cr_expect_eq(users_load(p, &u, &cause), -1);
	free(cause);
	free(p);
	p = xasprintf("%s/absent", dir);
	cr_expect_eq(users_load(p, &u, &cause), -1);
	free(cause);
	free(p);
	free(dir);
}

Test(dashboard_auth, check_in_process)
{
	char *dir = test_tmpdir(), *line = user_line("a", "pw"), *p, *cause;
	struct users *u;

	p = test_write_file(dir, "users", line);
	cr_assert_eq(users_load(p, &u, &cause), 0);
	cr_expect(users_check(u, "Basic YTpwdw=="));		/* a:pw */
	cr_expect(users_check(u, "basic   YTpwdw=="));
	cr_expect(!users_check(u, "Basic YTpwdw="));
	cr_expect(!users_check(u, "Basic YTpweA=="));		/* a:px */
	cr_expect(!users_check(u, "Basic YTo="));		/* a: */
	cr_expect(!users_check(u, "Basic YXB3"));		/* apw, no colon */
	cr_expect(!users_check(u, "Basic YQBwdw=="));		/* embedded NUL */
	cr_expect(!users_check(u, "Basic =YTpwdw="));
	cr_expect(!users_check(u, NULL));
	users_free(u);
	free(p);
	free(line);
	free(dir);
}

/* test_url.c: lib/url.c, the one parser of URLs and of "HOST:PORT". */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support.h"
#include "url.h"
#include "xmalloc.h"

Test(url, host_port_splits_ipv6_only_in_brackets)
{
	static const struct { const char *s, *host; int port; } good[] = {
		{ "127.0.0.1:8080", "127.0.0.1", 8080 },
		{ "localhost:0", "localhost", 0 },
		{ "[::1]:8080", "::1", 8080 },
		{ "[fe80::1%eth0]:65535", "fe80::1%eth0", 65535 },
		{ "0.0.0.0:9000", "0.0.0.0", 9000 },
	};
	/* "::1" was read as host "::", port 1: every address, on port 1. */
	static const char *const bad[] = { "::1", "::1:8080", "[::1]", "[::1]:", "[::1]x:80",
		"[]:80", "localhost", "localhost:", ":80", "h:65536", "h:+80", "h:-1", "h:8080x",
		"h: 80", "h:000080", "a]:80", "[a:80", "" };
	char *host;
	int port;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		cr_expect_eq(url_split_hostport(good[i].s, &host, &port), 0, "%s", good[i].s);
		cr_expect_str_eq(host, good[i].host);
		cr_expect_eq(port, good[i].port);
		free(host);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_eq(url_split_hostport(bad[i], &host, &port), -1, "%s", bad[i]);
}

Test(url, connect_to_fields_split_at_colons_outside_brackets)
{
	char f[4][64];
	const char *p = "a.test:80:[::1]:8081";

	for (int i = 0; i < 4; i++) {
		p = url_field(p, f[i], sizeof f[i]);
		cr_assert_not_null(p);
		if (*p == ':')
			p++;
	}
	cr_expect_str_eq(f[0], "a.test");
	cr_expect_str_eq(f[1], "80");
	cr_expect_str_eq(f[2], "[::1]");
	cr_expect_str_eq(f[3], "8081");
	cr_expect_null(url_field("a-much-too-long-host", f[0], 8));
}

Test(url, parts_resolve_and_robots)
{
	struct url_parts u;
	struct url *base;
	char *s;

	cr_expect_eq(url_parse("http://a.test/a b", URL_WEB, &u), -1, "a space, unencoded");
	cr_assert_eq(url_parse("https://User:pw@WWW.Example.vn/a/b?x=1#frag", URL_WEB, &u), 0);
	cr_expect_str_eq(u.scheme, "https");
	cr_expect_str_eq(u.host, "www.example.vn");
	cr_expect_str_eq(u.port, "443");
	cr_expect_str_eq(u.path, "/a/b");
	cr_expect_str_eq(u.query, "x=1");
	cr_expect_str_eq(u.user, "User");
	cr_expect_str_eq(u.url, "https://User:pw@WWW.Example.vn/a/b?x=1");
	url_parts_free(&u);
	cr_expect_eq(url_parse("smtp://mail.example.vn", URL_WEB, &u), -1);
	cr_expect_eq(url_parse("smtp://mail.example.vn", URL_ANY_SCHEME, &u), 0);
	url_parts_free(&u);
	cr_expect_eq(url_parse("/relative", 0, &u), -1);

	base = url_new("http://a.test/dir/page.html", URL_ENCODE);
	cr_assert_not_null(base);
	s = url_resolve_in(base, "../x y.pdf#p2", URL_WEB | URL_ENCODE | URL_ANY_SCHEME);
	cr_expect_str_eq(s, "http://a.test/x%20y.pdf");
	free(s);
	cr_expect_null(url_resolve_in(base, "ftp://a.test/f", URL_WEB | URL_ANY_SCHEME));
	cr_expect_eq(url_set(base, "http://b.test/base/"), 0, "a <base href>");
	s = url_resolve_in(base, "doc", URL_WEB);
	cr_expect_str_eq(s, "http://b.test/base/doc");
	free(s);
	url_free(base);
	s = url_resolve("http://a.test/p?q=1", "/moved#top", 0);
	cr_expect_str_eq(s, "http://a.test/moved");
	free(s);
	s = url_robots("https://u:p@a.test:8443/x/y?z=1#f");
	cr_expect_str_eq(s, "https://a.test:8443/robots.txt");
	free(s);
}

/* "--listen ::1" once bound every address on port 1; now it is refused, exit 2. */
Test(url, dashboard_refuses_an_unbracketed_ipv6_listen_address, .timeout = 60)
{
	char *dir = test_tmpdir(), *bin = test_bin("tctt-dashboard"), *text, *conf, *out, *err;

	text = xasprintf("[daemon]\ndatabase = %s/t.db\n[unit:a]\nname = A\nkind = agency\n"
	    "url = http://a.test/\n", dir);
	conf = test_write_file(dir, "t.conf", text);
	{
		const char *argv[] = { bin, "-c", conf, "--listen", "::1", NULL };

		cr_expect_eq(run_cmd(argv, &out, &err), 2);
		cr_expect(strstr(err, "bad listen address '::1'") != NULL, "%s", err);
		free(out);
		free(err);
	}
	free(text);
	free(conf);
	free(bin);
	free(dir);
}

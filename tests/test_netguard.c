/*
 * test_netguard.c: SPEC "Operations": the crawler never connects to a
 * loopback, private, link-local, multicast or unspecified address unless
 * allow_private = yes or connect_to maps the host; the check is on the
 * address connected to, so DNS names and odd spellings of 127.0.0.1 are
 * refused too, and the page counts as unreachable with a note why.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <event2/event.h>
#include <jansson.h>

#include "config.h"
#include "fetch.h"
#include "netguard.h"
#include "support.h"
#include "xmalloc.h"

/* The class netguard gives to a textual address. */
static const char *
class_of(const char *addr)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;

	memset(&sin, 0, sizeof sin);
	memset(&sin6, 0, sizeof sin6);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		return netguard_class((struct sockaddr *)&sin);
	}
	cr_assert_eq(inet_pton(AF_INET6, addr, &sin6.sin6_addr), 1, "%s", addr);
	sin6.sin6_family = AF_INET6;
	return netguard_class((struct sockaddr *)&sin6);
}

Test(netguard, address_classes)
{
	static const struct { const char *addr, *cls; } cases[] = {
		{ "127.0.0.1", "loopback" }, { "127.255.0.9", "loopback" },
		{ "10.0.0.1", "private" }, { "172.16.0.1", "private" },
		{ "172.31.255.255", "private" }, { "192.168.1.1", "private" },
		{ "100.64.0.1", "private" }, { "169.254.169.254", "link-local" },
		{ "0.0.0.0", "unspecified" }, { "224.0.0.1", "multicast" },
		{ "255.255.255.255", "reserved" }, { "::", "unspecified" },
		{ "::1", "loopback" }, { "fc00::1", "private" }, { "fd12:3456::1", "private" },
		{ "fe80::1", "link-local" }, { "ff02::1", "multicast" },
		{ "::ffff:127.0.0.1", "loopback" }, { "::ffff:10.1.2.3", "private" },
		{ "64:ff9b::a9fe:a9fe", "link-local" },
		{ "8.8.8.8", NULL }, { "172.32.0.1", NULL }, { "172.15.255.255", NULL },
		{ "100.128.0.1", NULL }, { "192.169.0.1", NULL }, { "2001:db8::1", NULL },
		{ "::ffff:8.8.8.8", NULL }, { "203.113.131.1", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = class_of(cases[i].addr);

		if (cases[i].cls == NULL)
			cr_expect_null(got, "%s: %s", cases[i].addr, got);
		else
			cr_expect(got != NULL && strcmp(got, cases[i].cls) == 0, "%s: %s, want %s",
			    cases[i].addr, got ? got : "public", cases[i].cls);
	}
}

struct one {
	struct event_base	*base;
	struct fetch_result	*res;
};

static void
one_cb(struct fetch_result *res, void *arg)
{
	struct one *o = arg;

	o->res = res;
	event_base_loopbreak(o->base);
}

/* Fetch url with a fetcher of cfg text keys (and an optional resolve entry); caller frees. */
static struct fetch_result *
fetch_with(const char *keys, const char *resolve, const char *url)
{
	struct config *cfg;
	struct one o = { 0 };
	struct fetcher *f;
	struct fetch_request req = { url, NULL, NULL, NULL };
	char *cause = NULL, *text;

	text = xasprintf("[daemon]\ntimeout = 3s\nretries = 2\n%s\n[unit:a]\nname = A\n"
	    "kind = agency\nurl = http://a.test/\n", keys);
	cr_assert_eq(config_load_string("t.conf", text, &cfg, &cause), 0, "%s", cause);
	free(text);
	o.base = event_base_new();
	f = fetcher_new(o.base, cfg);
	if (resolve != NULL)
		fetcher_resolve(f, resolve);
	fetch_submit(f, &req, one_cb, &o);
	event_base_dispatch(o.base);
	fetcher_free(f);
	event_base_free(o.base);
	config_free(cfg);
	cr_assert_not_null(o.res);
	return o.res;
}

/* A portal tree served for 127.0.0.1 and a.test. */
static char *
portal(int *port, struct fixsrv *fs)
{
	char *root = test_tmpdir();

	free(test_write_file(root, "127.0.0.1/index.html", "<p>inside</p>"));
	free(test_write_file(root, "a.test/index.html", "<p>a</p>"));
	fixsrv_start(fs, root);
	*port = fs->port;
	{
		char *rules = xasprintf("/go redirect 302 http://127.0.0.1:%d/\n", fs->port);

		free(test_write_file(root, "a.test/_rules", rules));
		free(rules);
	}
	return root;
}

/* Expect res refused as a cls address, in one attempt and without a byte sent. */
static void
expect_refused(struct fetch_result *res, const char *cls, const char *what)
{
	cr_expect_neq(res->err, FETCH_OK, "%s: fetched (status %ld)", what, res->status);
	cr_expect(res->error != NULL && strstr(res->error, cls) != NULL &&
	    strstr(res->error, "allow_private") != NULL, "%s: cause %s", what,
	    res->error ? res->error : "(none)");
	cr_expect_eq(res->attempts, 1, "%s: a refusal is not retried", what);
}

/* Requests for host (NULL: any) the fixture server saw since its last reset. */
static int
served_host(struct fixsrv *fs, const char *host)
{
	long status;
	char *log = http_get(fs->port, "control", "/_fixsrv/log", &status);
	int n = 0;

	for (char *p = log; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
		n += host == NULL || (strncmp(p, host, strlen(host)) == 0 &&
		    p[strlen(host)] == '\t');
	free(log);
	free(http_get(fs->port, "control", "/_fixsrv/reset", &status));
	return n;
}

static int
served(struct fixsrv *fs)
{
	return served_host(fs, NULL);
}

Test(netguard, loopback_spellings_are_refused)
{
	struct fixsrv fs;
	int port;
	char *root = portal(&port, &fs);
	const char *hosts[] = { "127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1",
	    "0.0.0.0", "[::1]", "[::ffff:127.0.0.1]" };
	const char *cls[] = { "loopback", "loopback", "loopback", "loopback", "unspecified",
	    "loopback", "loopback" };

	served(&fs);
	for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
		char *url = xasprintf("http://%s:%d/", hosts[i], port);
		struct fetch_result *res = fetch_with("", NULL, url);

		expect_refused(res, cls[i], url);
		fetch_result_free(res);
		free(url);
	}
	cr_expect_eq(served(&fs), 0, "no request reached the loopback server");
	fixsrv_stop(&fs);
	free(root);
}

Test(netguard, dns_name_resolving_inside_is_refused)
{
	struct fetch_result *res;

	res = fetch_with("", "intranet.test:80:10.1.2.3", "http://intranet.test/");
	expect_refused(res, "10.1.2.3 (private address", "intranet.test -> 10.1.2.3");
	fetch_result_free(res);
	res = fetch_with("", "meta.test:80:169.254.169.254", "http://meta.test/latest/");
	expect_refused(res, "link-local", "meta.test -> 169.254.169.254");
	fetch_result_free(res);
}

Test(netguard, redirect_to_loopback_is_refused_mapped_host_allowed)
{
	struct fixsrv fs;
	int port;
	char *root = portal(&port, &fs), *keys = NULL;
	struct fetch_result *res;

	keys = xasprintf("connect_to = a.test:80:127.0.0.1:%d", port);
	res = fetch_with(keys, NULL, "http://a.test/");
	cr_expect_eq(res->err, FETCH_OK, "a host mapped by connect_to: %s", res->error);
	cr_expect_eq(res->status, 200);
	fetch_result_free(res);
	served(&fs);
	res = fetch_with(keys, NULL, "http://a.test/go");
	expect_refused(res, "127.0.0.1 (loopback address", "redirect to 127.0.0.1");
	cr_expect_eq(served_host(&fs, "127.0.0.1"), 0, "nothing reached the redirect's target");
	fetch_result_free(res);
	free(keys);
	fixsrv_stop(&fs);
	free(root);
}

Test(netguard, allow_private_allows)
{
	struct fixsrv fs;
	int port;
	char *root = portal(&port, &fs), *url = NULL;
	struct fetch_result *res;

	url = xasprintf("http://127.0.0.1:%d/", port);
	res = fetch_with("allow_private = yes", NULL, url);
	cr_expect_eq(res->err, FETCH_OK, "%s", res->error);
	cr_expect_eq(res->status, 200);
	fetch_result_free(res);
	free(url);
	fixsrv_stop(&fs);
	free(root);
}

/* End to end: a unit whose portal is 127.0.0.1 is unreachable, and the note says why. */
Test(netguard, unit_on_loopback_is_unreachable_with_a_note)
{
	struct fixsrv fs;
	int port;
	char *root = portal(&port, &fs), *dir = test_tmpdir(), *text, *conf;
	char *bin = test_bin("tcttd"), *dash = test_bin("tctt-dashboard"), *out, *err;
	json_t *doc, *u, *c;
	json_error_t jerr;
	size_t i;
	const char *note;

	text = xasprintf("[daemon]\ndatabase = %s/t.db\ntimeout = 3s\nretries = 0\n"
	    "[unit:a]\nname = A\nkind = agency\nurl = http://127.0.0.1:%d/\n", dir, port);
	conf = test_write_file(dir, "t.conf", text);
	setenv("TCTT_NOW", "2026-11-29T08:00:00+07:00", 1);
	{
		const char *argv[] = { bin, "-c", conf, "--once", NULL };

		cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
		free(out);
		free(err);
	}
	{
		const char *argv[] = { dash, "-c", conf, "--export", "json", NULL };

		cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
		free(err);
	}
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc);
	json_array_foreach(json_object_get(doc, "units"), i, u) {
		cr_expect(json_is_false(json_object_get(u, "reachable")));
		c = json_object_get(json_object_get(u, "criteria"), "section");
		cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "unreachable");
		note = json_string_value(json_object_get(c, "note"));
		cr_expect(note != NULL && strstr(note, "loopback") != NULL, "note: %s",
		    note ? note : "(none)");
	}
	cr_expect_eq(served(&fs), 0);
	json_decref(doc);
	free(out);
	free(text);
	free(conf);
	free(bin);
	free(dash);
	fixsrv_stop(&fs);
	free(root);
	free(dir);
}

/* test_demo.c: the shipped configurations load, and the demo province has a portal tree per unit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "config.h"
#include "support.h"
#include "xmalloc.h"

/* The demo unit whose portal is deliberately not served (conf/demo/EXPECTED.md). */
#define DEMO_UNSERVED	"socongthuong.laichau.demo"

/* Load a configuration of the repository; aborts the test on error. Caller frees with config_free. */
static struct config *
demo_load(const char *sub)
{
	char *path = test_srcdir(sub), *cause = NULL;
	struct config *cfg = NULL;

	if (config_load(path, &cfg, &cause) == -1)
		cr_assert_fail("%s", cause);
	free(path);
	return cfg;
}

/* The host of an http(s) URL; caller frees. */
static char *
demo_url_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *copy;

	cr_assert_not_null(u);
	cr_assert_eq(curl_url_set(u, CURLUPART_URL, url, 0), CURLUE_OK, "%s", url);
	cr_assert_eq(curl_url_get(u, CURLUPART_HOST, &host, 0), CURLUE_OK, "%s", url);
	copy = xstrdup(host);
	curl_free(host);
	curl_url_cleanup(u);
	return copy;
}

/* How many units of cfg are of kind. */
static size_t
demo_count_kind(const struct config *cfg, enum unit_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < cfg->n_units; i++)
		if (cfg->units[i].kind == kind)
			n++;
	return n;
}

Test(demo, demo_configuration_loads)
{
	struct config *cfg = demo_load("../conf/demo/tctt.conf");

	cr_expect_eq(cfg->n_units, 19);
	cr_expect_str_eq(cfg->database, "build/demo/tctt.db");
	cr_expect_str_eq(cfg->outbox, "build/demo/outbox");
	cr_expect_str_eq(cfg->listen, "127.0.0.1:8080");
	cr_expect_null(cfg->smtp_url, "the demo never sends mail");
	cr_assert_eq(cfg->n_connect_to, 2);
	cr_expect_str_eq(cfg->connect_to[1], "::127.0.0.1:18080");
	for (size_t i = 0; i < cfg->n_units; i++) {
		const struct unit_conf *u = &cfg->units[i];

		cr_expect_not_null(u->email, "demo unit %s has no email", u->id);
		cr_expect(strncmp(u->url, "http://", 7) == 0, "%s: %s", u->id, u->url);
	}
	cr_expect_eq(demo_count_kind(cfg, UNIT_DISTRICT), 1);
	cr_expect_eq(demo_count_kind(cfg, UNIT_COMMUNE), 7);
	config_free(cfg);
}

Test(demo, every_demo_unit_has_a_portal_tree_and_an_expectation)
{
	struct config *cfg = demo_load("../conf/demo/tctt.conf");
	char *root = test_srcdir("../conf/demo/portals"), *expected_path;
	FILE *f;
	char *expected = NULL;
	size_t len = 0;
	int unserved = 0;

	expected_path = test_srcdir("../conf/demo/EXPECTED.md");
	f = fopen(expected_path, "r");
	cr_assert_not_null(f, "%s", expected_path);
	cr_assert_neq(getdelim(&expected, &len, '\0', f), -1);
	fclose(f);
	for (size_t i = 0; i < cfg->n_units; i++) {
		const struct unit_conf *u = &cfg->units[i];
		char *host = demo_url_host(u->url);
		char *dir = xasprintf("%s/%s", root, host);
		char *tag = xasprintf("### `%s`:", u->id);
		struct stat sb;

		if (strcmp(host, DEMO_UNSERVED) == 0) {
			unserved++;
			cr_expect_neq(stat(dir, &sb), 0, "%s must stay unserved", dir);
		} else {
			cr_expect_eq(stat(dir, &sb), 0, "no portal tree %s for unit %s", dir, u->id);
			cr_expect(S_ISDIR(sb.st_mode), "%s", dir);
		}
		cr_expect(strstr(expected, tag) != NULL, "EXPECTED.md has no section for %s", u->id);
		free(tag);
		free(dir);
		free(host);
	}
	cr_expect_eq(unserved, 1);
	free(expected);
	free(expected_path);
	free(root);
	config_free(cfg);
}

Test(demo, real_configuration_lists_the_province)
{
	struct config *cfg = demo_load("../conf/tctt.conf");

	/* 14 departments and agencies, and since 1 July 2025 the 38 communes and wards. */
	cr_expect_eq(cfg->n_units, 52);
	cr_expect_eq(demo_count_kind(cfg, UNIT_COMMUNE), 38);
	cr_expect_eq(demo_count_kind(cfg, UNIT_DISTRICT), 0, "the district level is gone");
	cr_expect_str_eq(cfg->database, "/var/lib/tctt/tctt.db");
	cr_expect_str_eq(cfg->listen, "127.0.0.1:8080");
	cr_expect_eq(cfg->n_connect_to, 0);
	cr_assert_not_null(config_unit(cfg, "stp"));
	cr_expect_str_eq(config_unit(cfg, "stp")->url, "https://sotuphap.laichau.gov.vn/");
	cr_expect_not_null(config_unit(cfg, "p-doan-ket"));
	cr_expect_not_null(config_unit(cfg, "x-sin-ho"));
	config_free(cfg);
}

/* Every served demo portal answers its home page (the 503 one with 503) through the fixture server. */
Test(demo, fixture_server_serves_every_demo_home_page)
{
	struct config *cfg = demo_load("../conf/demo/tctt.conf");
	char *root = test_srcdir("../conf/demo/portals");
	struct fixsrv fs;

	fixsrv_start(&fs, root);
	for (size_t i = 0; i < cfg->n_units; i++) {
		char *host = demo_url_host(cfg->units[i].url), *body;
		long status = 0;

		if (strcmp(host, DEMO_UNSERVED) != 0) {
			body = http_get(fs.port, host, "/", &status);
			cr_expect_eq(status, strcmp(host, "sokhcn.laichau.demo") == 0 ? 503 : 200,
			    "%s: %ld", host, status);
			cr_expect(strstr(body, "<html") != NULL, "%s: no page", host);
			free(body);
		}
		free(host);
	}
	/* A page built as index.php?...: fixsrv keeps it as a file named so. */
	{
		long status = 0;
		char *body = http_get(fs.port, "sotuphap.laichau.demo",
		    "/index.php?option=com_content&view=category&id=20", &status);

		cr_expect_eq(status, 200);
		cr_expect(strstr(body, "Quy chế cung cấp thông tin") != NULL);
		free(body);
	}
	fixsrv_stop(&fs);
	free(root);
	config_free(cfg);
}

/*
 * test_province.c: the fixture province (tests/province/, servable by fixsrv)
 * judged offline: each portal tree is walked best-first from its index.html
 * with the judge's own priorities, as the crawler does over HTTP, and every
 * verdict is compared with tests/province/expected.txt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "clock.h"
#include "config.h"
#include "extract.h"
#include "judge.h"
#include "portalwalk.h"
#include "support.h"
#include "xmalloc.h"

Test(province, every_fixture_portal_is_judged_as_expected)
{
	portal_expect("province", 200, 15, 75);
}

Test(province_http, trees_are_servable_by_fixsrv)
{
	char *root = test_srcdir("province"), *body;
	struct fixsrv fs;
	long status;

	fixsrv_start(&fs, root);
	body = http_get(fs.port, "ok-full.test", "/tiep-can-thong-tin/", &status);
	cr_expect_eq(status, 200);
	cr_expect(body && strstr(body, "Đầu mối cung cấp thông tin") != NULL);
	free(body);
	body = http_get(fs.port, "cp1258-header.test", "/tctt.html", &status);
	cr_expect_eq(status, 200);
	free(body);
	body = http_get(fs.port, "unreachable.test", "/", &status);
	cr_expect_eq(status, 503);
	free(body);
	fixsrv_stop(&fs);
	free(root);
}

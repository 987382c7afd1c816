/* test_dashboard_parts.c: the dashboard's pieces in process: folding, links, badges, chart. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "criteria.h"
#include "dashboard.h"
#include "store-dash.h"
#include "xmalloc.h"

Test(dashboard_parts, links_only_for_http)
{
	struct buf b = { 0 };

	page_link(&b, "https://a.vn/x?a=1&b=\"2\"", NULL);
	cr_expect_str_eq(b.data, "<a href=\"https://a.vn/x?a=1&amp;b=&quot;2&quot;\" "
	    "rel=\"noopener noreferrer nofollow\">https://a.vn/x?a=1&amp;b=&quot;2&quot;</a>");
	buf_free(&b);
	page_link(&b, "javascript:alert('x')", NULL);
	cr_expect(strstr(b.data, "<a") == NULL);
	cr_expect(strstr(b.data, "javascript:alert(&#39;x&#39;)") != NULL);
	buf_free(&b);
	page_link(&b, "JaVaScRiPt:x", "t");
	cr_expect(strstr(b.data, "href") == NULL);
	buf_free(&b);
}

Test(dashboard_parts, badges_and_dates)
{
	struct buf b = { 0 };

	page_badge(&b, ST_MISSING);
	cr_expect_str_eq(b.data, "<span class=\"badge st-missing\"><span class=\"icon\" "
	    "aria-hidden=\"true\">✗</span> Thiếu</span>");
	buf_free(&b);
	page_isodate(&b, "2026-08-12");
	cr_expect_str_eq(b.data, "12/08/2026");
	buf_free(&b);
	page_isodate(&b, "<b>");
	cr_expect_str_eq(b.data, "&lt;b&gt;");
	buf_free(&b);
	page_badge(&b, 42);
	cr_expect(strstr(b.data, "Chưa kiểm tra") != NULL);
	buf_free(&b);
}

Test(dashboard_parts, trend_chart)
{
	struct trend_week w[2] = { { "2026-11-16", 4, 1 }, { "2026-11-23", 4, 4 } };
	struct buf b = { 0 };

	svg_trend(&b, w, 2);
	cr_expect(strstr(b.data, "<svg class=\"chart\"") != NULL);
	cr_expect(strstr(b.data, "role=\"img\"") != NULL);
	cr_expect(strstr(b.data, "Tuần từ 16/11/2026: 25% (1/4)") != NULL);
	cr_expect(strstr(b.data, "Tuần từ 23/11/2026: 100% (4/4)") != NULL);
	cr_expect(strstr(b.data, "style=") == NULL, "no inline style (CSP)");
	buf_free(&b);
}

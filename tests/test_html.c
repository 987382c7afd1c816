/* test_html.c: the escaping every page and e-mail relies on. */
#include <stdlib.h>

#include <criterion/criterion.h>

#include "html.h"

Test(html, escapes_markup_quotes_and_keeps_utf8)
{
	char *s = html_escaped("<script>alert('x')</script> & \"Sở Tư pháp\"");

	cr_expect_str_eq(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Sở Tư pháp&quot;");
	free(s);
	s = html_escaped("");
	cr_expect_str_eq(s, "");
	free(s);
}

Test(html, only_http_urls_are_links)
{
	cr_expect(html_safe_url("https://sotuphap.laichau.gov.vn/tctt"));
	cr_expect(html_safe_url("HTTP://a.vn/"));
	cr_expect(!html_safe_url("javascript:alert(1)"));
	cr_expect(!html_safe_url(" javascript:alert(1)"));
	cr_expect(!html_safe_url("data:text/html,<b>"));
	cr_expect(!html_safe_url("http://a.vn/\nx"));
	cr_expect(!html_safe_url(NULL));
}

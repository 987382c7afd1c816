/*
 * test_realcms.c: portals rendered by real content-management systems
 * (tests/realcms/, mirrored by make-wp.sh) judged offline with the crawl's
 * budget (max_pages = 60), each verdict compared with
 * tests/realcms/expected.txt. test_pass.c judges the same trees over HTTP.
 */
#include <criterion/criterion.h>

#include "portalwalk.h"

Test(realcms, every_real_cms_portal_is_judged_as_expected)
{
	portal_expect("realcms", 60, 11, 55);
}

/* test_robots_hostile.c: robots.txt files built to cost time or memory cost little. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>

#include "robots.h"
#include "xmalloc.h"

/* Seconds of CPU time since some fixed point. */
static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(robots_hostile, many_wildcards_match_in_linear_time)
{
	static const char txt[] = "User-agent: *\n"
	    "Disallow: /*a*a*a*a*a*a*b\n"
	    "Disallow: /*a*a*$x\n";
	struct robots *r = robots_parse(txt, strlen(txt), "tctt");
	char path[2048];
	double t0;

	/* Backtracking into every star took seconds here, and hours a few bytes later. */
	path[0] = '/';
	memset(path + 1, 'a', 70);
	path[71] = '\0';
	t0 = cpu_seconds();
	cr_expect(robots_allowed(r, path), "no b, no $x: allowed");
	cr_assert_lt(cpu_seconds() - t0, 0.5, "matching took %.2f s", cpu_seconds() - t0);
	path[1] = 'b';
	memset(path + 2, 'a', sizeof path - 3);
	path[sizeof path - 1] = '\0';
	cr_expect(robots_allowed(r, path));
	path[sizeof path - 2] = 'b';
	cr_expect(!robots_allowed(r, path), "a final b after six a's: disallowed");
	cr_expect_lt(cpu_seconds() - t0, 0.5, "matching took %.2f s", cpu_seconds() - t0);
	robots_free(r);
}

Test(robots_hostile, wildcards_and_anchor_keep_their_meaning)
{
	static const char txt[] = "User-agent: *\n"
	    "Disallow: /a*b$\nDisallow: /**c*d\nDisallow: /$\nAllow: /e*\nDisallow: /e*f$\n"
	    "Disallow: /x$y\n";
	struct robots *r = robots_parse(txt, strlen(txt), "tctt");

	cr_expect(!robots_allowed(r, "/ab"));
	cr_expect(!robots_allowed(r, "/axxbxb"));
	cr_expect(robots_allowed(r, "/axxbx"));
	cr_expect(!robots_allowed(r, "/cd"));
	cr_expect(!robots_allowed(r, "/zzczzdzz"));
	cr_expect(robots_allowed(r, "/dc"));
	cr_expect(!robots_allowed(r, "/"));
	cr_expect(robots_allowed(r, "/e"));
	cr_expect(!robots_allowed(r, "/eeff"));
	cr_expect(robots_allowed(r, "/eeffg"));
	cr_expect(!robots_allowed(r, "/x$y/z"), "a $ inside is literal");
	cr_expect(robots_allowed(r, "/xy"));
	robots_free(r);
}

Test(robots_hostile, half_a_megabyte_of_rules_parses_quickly)
{
	static const char group[] = "User-agent: *\nDisallow: /private\n";
	size_t n = 512 * 1024 / (sizeof group - 1), len = n * (sizeof group - 1);
	char *txt = xmalloc(len + 1);
	struct robots *r;
	double t0;

	for (size_t i = 0; i < n; i++)
		memcpy(txt + i * (sizeof group - 1), group, sizeof group - 1);
	txt[len] = '\0';
	t0 = cpu_seconds();
	r = robots_parse(txt, len, "tctt");
	cr_expect_lt(cpu_seconds() - t0, 1.0, "parsing took %.2f s", cpu_seconds() - t0);
	cr_expect(!robots_allowed(r, "/private/x"));
	cr_expect(robots_allowed(r, "/public"));
	robots_free(r);
	free(txt);
}

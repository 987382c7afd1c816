/* test_frontier.c: the crawl queue: best first, each URL once, never off the host. */
#include <stdio.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include "frontier.h"

Test(frontier, best_first_each_once_same_host)
{
	struct frontier *fr = frontier_new("http://STP.demo/", 100);
	char *u;
	int depth;

	cr_expect(frontier_add(fr, "http://stp.demo/", 0, 0));
	cr_expect(!frontier_add(fr, "http://stp.demo/#top", 1, 5), "fragment is the same page");
	cr_expect(frontier_add(fr, "http://stp.demo/tin-tuc", 1, 1));
	cr_expect(frontier_add(fr, "http://stp.demo/tiep-can-thong-tin", 1, 50));
	cr_expect(!frontier_add(fr, "http://other.demo/tiep-can-thong-tin", 1, 99));
	cr_expect(!frontier_add(fr, "mailto:a@stp.demo", 1, 99));
	cr_expect(!frontier_add(fr, "javascript:void(0)", 1, 99));
	cr_expect(!frontier_add(fr, "ftp://stp.demo/x", 1, 99));
	cr_expect_eq(frontier_queued(fr), 3);
	u = frontier_pop(fr, &depth);
	cr_expect_str_eq(u, "http://stp.demo/tiep-can-thong-tin");
	cr_expect_eq(depth, 1);
	free(u);
	u = frontier_pop(fr, &depth);
	cr_expect_str_eq(u, "http://stp.demo/tin-tuc");
	free(u);
	u = frontier_pop(fr, &depth);
	cr_expect_str_eq(u, "http://stp.demo/");
	free(u);
	cr_expect_null(frontier_pop(fr, &depth));
	cr_expect(!frontier_add(fr, "http://stp.demo/tin-tuc", 2, 1), "seen stays seen");
	frontier_free(fr);
}

Test(frontier, bounded)
{
	struct frontier *fr = frontier_new("http://a.demo/", 10);
	char url[64];
	int added = 0;

	for (int i = 0; i < 5000; i++) {
		snprintf(url, sizeof url, "http://a.demo/p%d", i);
		added += frontier_add(fr, url, 1, i % 7);
	}
	cr_expect_eq(added, 10);
	frontier_free(fr);
}

Test(frontier, home_redirect_adds_its_host_only)
{
	struct frontier *fr = frontier_new("http://r.demo/", 100);

	cr_expect(!frontier_add(fr, "http://www.r.demo/a", 1, 1));
	frontier_add_host(fr, "https://WWW.r.demo/");
	cr_expect(frontier_add(fr, "http://www.r.demo/a", 1, 1));
	cr_expect(frontier_add(fr, "http://r.demo/b", 1, 1), "the configured host stays");
	cr_expect(!frontier_add(fr, "http://other.demo/c", 1, 1));
	frontier_add_host(fr, "http://r.demo/x");
	cr_expect(frontier_add(fr, "http://www.r.demo/z", 1, 1), "the home host again changes nothing");
	frontier_free(fr);
}

Test(frontier, links_that_only_change_the_look_or_count_a_click_are_not_followed)
{
	static const char *const skipped[] = {
		"http://xa.test/?nvvithemever=d&nv_redirect=L3RpZXAtY2FuLXRob25nLXRpbi8",
		"http://xa.test/banners/click/?id=3&s=abc", "http://xa.test/news/print/tin-1.html",
		"http://xa.test/?language=en&langinterface=en", "http://xa.test/feeds/tiep-can-thong-tin/",
		"http://xa.test/feed/", "http://xa.test/comments/feed/", "http://xa.test/rss/",
		"http://xa.test/wp-login.php?redirect_to=x", "http://xa.test/users/login/",
		"http://xa.test/2026/09/", "http://xa.test/2026/09/15/", "http://xa.test/?m=202609",
		"http://xa.test/?s=tiep+can", "http://xa.test/seek/?q=a", "http://xa.test/tim-kiem/",
		"http://xa.test/thong-bao/?replytocom=2#respond", "http://xa.test/author/admin/",
		"http://xa.test/?author=1", NULL };
	static const char *const kept[] = {
		"http://xa.test/tiep-can-thong-tin/", "http://xa.test/tiep-can-thong-tin/page-2/",
		"http://xa.test/chuyen-muc/tiep-can-thong-tin/page/2/",
		"http://xa.test/news/tiep-can-thong-tin/quy-che-12.html?download=1&id=0",
		"http://xa.test/2026/09/15/danh-muc-thong-tin/", "http://xa.test/index.php?language=vi&nv=news",
		"http://xa.test/?page_id=12", "http://xa.test/laws/detail/QD-231/", NULL };
	struct frontier *fr = frontier_new("http://xa.test/", 100);

	for (int i = 0; skipped[i]; i++) {
		cr_expect(frontier_skips(skipped[i]), "%s", skipped[i]);
		cr_expect(!frontier_add(fr, skipped[i], 1, 100), "%s", skipped[i]);
	}
	for (int i = 0; kept[i]; i++)
		cr_expect(!frontier_skips(kept[i]), "%s", kept[i]);
	cr_expect(frontier_add(fr, "http://xa.test/?m=202609", 0, 0), "the home page itself is never refused");
	frontier_free(fr);
}

/* Pop everything: the URLs in order, one per line. */
static char *
drain(struct frontier *fr)
{
	char *out = calloc(1, 1), *u, *next;
	int depth;

	while ((u = frontier_pop(fr, &depth)) != NULL) {
		if (asprintf(&next, "%s%s\n", out, u) == -1)
			abort();
		free(out);
		free(u);
		out = next;
	}
	return out;
}

/*
 * Pages of a site repeat its menus: a string offered again is answered
 * without a parse, and the answer is the one a parse would give: the queue,
 * its order and its priorities are those of the first offer of each URL,
 * nothing is lost, and what changes an answer (a new host, a hint, the home
 * page, room in the queue) is still heard.
 */
Test(frontier, links_offered_again_are_not_parsed_again_and_change_nothing)
{
	static const char *const menu[] = { "http://m.demo/a", "http://m.demo/b#top",
		"http://M.demo/c", "http://m.demo/feed/", "mailto:x@m.demo",
		"http://www.m.demo/d", "http://other.demo/e", NULL };
	struct frontier *fr = frontier_new("http://m.demo/", 100);
	size_t parses;
	char *order;

	cr_expect(frontier_add(fr, "http://m.demo/", 0, 1000));
	for (int i = 0; menu[i]; i++)
		frontier_add(fr, menu[i], 1, 10 + i);
	parses = frontier_parses(fr);
	cr_expect_eq(parses, 8);
	/* The same menu on 25 pages, each page offering it at other priorities. */
	for (int page = 0; page < 25; page++)
		for (int i = 0; menu[i]; i++) {
			cr_expect(frontier_refuses(fr, menu[i], 2), "%s", menu[i]);
			cr_expect(!frontier_add(fr, menu[i], 2, 100 - i), "%s", menu[i]);
		}
	/* Written otherwise, a URL is parsed, and still seen. */
	cr_expect(!frontier_refuses(fr, "http://m.demo/b", 2));
	cr_expect(!frontier_add(fr, "http://m.demo/b", 2, 500), "the same page as b#top");
	cr_expect(!frontier_add(fr, "http://m.demo/a#x", 2, 500), "the same page as a");
	cr_expect_eq(frontier_parses(fr), parses + 2);
	cr_expect_eq(frontier_queued(fr), 4);
	order = drain(fr);
	cr_expect_str_eq(order, "http://m.demo/\nhttp://M.demo/c\nhttp://m.demo/b\n"
	    "http://m.demo/a\n", "the first offer's priorities");
	free(order);

	/* The home page moved to www.m.demo: a link refused as off the host is on it now. */
	cr_expect(frontier_refuses(fr, "http://www.m.demo/d", 1));
	frontier_add_host(fr, "http://www.m.demo/");
	cr_expect(!frontier_refuses(fr, "http://www.m.demo/d", 1));
	cr_expect(frontier_add(fr, "http://www.m.demo/d", 1, 1));
	cr_expect(!frontier_add(fr, "http://other.demo/e", 1, 1));
	cr_expect(!frontier_add(fr, "mailto:x@m.demo", 1, 1));
	/* A link not followed is still the home page, or a hint, when offered as one. */
	cr_expect(!frontier_refuses(fr, "http://m.demo/feed/", 0));
	cr_expect(frontier_add_hint(fr, "http://m.demo/feed/", 1, 1));
	cr_expect(frontier_add_hint(fr, "http://other.demo/e", 1, 1));
	order = drain(fr);
	cr_expect_str_eq(order, "http://www.m.demo/d\nhttp://m.demo/feed/\nhttp://other.demo/e\n");
	free(order);
	frontier_free(fr);
}

/* A URL refused while the queue was full is queued once there is room. */
Test(frontier, a_link_refused_by_a_full_queue_is_heard_again)
{
	struct frontier *fr = frontier_new("http://q.demo/", 2);
	char *u;
	int depth;

	cr_expect(frontier_add(fr, "http://q.demo/1", 1, 1));
	cr_expect(frontier_add(fr, "http://q.demo/2", 1, 1));
	cr_expect(!frontier_add(fr, "http://q.demo/3", 1, 1), "full");
	cr_expect(!frontier_refuses(fr, "http://q.demo/3", 1));
	free(frontier_pop(fr, &depth));
	cr_expect(frontier_add(fr, "http://q.demo/3", 1, 9));
	u = frontier_pop(fr, &depth);
	cr_expect_str_eq(u, "http://q.demo/3");
	free(u);
	frontier_free(fr);
}

/* Every page of a big site has a different link: they are all queued, each once. */
Test(frontier, many_distinct_links_are_all_kept)
{
	struct frontier *fr = frontier_new("http://w.demo/", 100000);
	char url[64];
	int added = 0;

	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 5000; i++) {
			snprintf(url, sizeof url, "http://w.demo/p%d#%d", i, round);
			added += frontier_add(fr, url, 1, 0);
		}
	cr_expect_eq(added, 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(url, sizeof url, "http://w.demo/p%d", i);
		cr_expect(!frontier_add(fr, url, 1, 0));
	}
	cr_expect_eq(frontier_queued(fr), 5000);
	frontier_free(fr);
}

/* test_judge.c: each criterion's row, link priorities, settling, unreachable, digests, bounds. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>

#include "clock.h"
#include "config.h"
#include "extract.h"
#include "judge.h"
#include "judge-int.h"
#include "xmalloc.h"

#define HOME	"http://u.test/"

/* A judge on 2026-11-29 with catalogs stale after 365 days. */
static struct judge *
new_judge(void)
{
	struct config cfg;
	int64_t now;

	memset(&cfg, 0, sizeof cfg);
	cfg.public_catalog_max_age = cfg.conditional_catalog_max_age = 365 * 86400;
	cr_assert_eq(clock_parse_iso8601("2026-11-29T09:00:00+07:00", &now), 0);
	return judge_new(HOME, now, &cfg);
}

/* Feed page url with body html (status 200). */
static void
feed(struct judge *j, const char *url, const char *html)
{
	struct extracted *ex = extract_page(url, "text/html", html, strlen(html));
	char *sha = judge_sha256_hex(html, strlen(html));

	judge_add_page(j, &(struct judge_page){ .url = url, .status = 200, .ex = ex,
	    .sha256 = sha });
	extracted_free(ex);
	free(sha);
}

/* Feed a failed page. */
static void
feed_status(struct judge *j, const char *url, long status)
{
	judge_add_page(j, &(struct judge_page){ .url = url, .status = status });
}

/* Verdicts of j, then free j. */
static void
decide(struct judge *j, struct verdict v[CRIT_COUNT])
{
	judge_verdicts(j, v);
	judge_free(j);
}

static void
clear(struct verdict v[CRIT_COUNT])
{
	for (int i = 0; i < CRIT_COUNT; i++)
		verdict_clear(&v[i]);
}

#define MENU(x)	"<html><body><nav><a href=\"/\">Trang chủ</a>" x "</nav><div class=\"content\">"
#define END	"</div><footer>Đầu mối liên hệ: 0213 3876 543</footer></body></html>"

Test(judge, section_short_navigation_label_whose_page_loads)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>") END);
	feed(j, "http://u.test/tctt", MENU("") "<p>Chuyên mục</p>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_SECTION].status, ST_OK, "%s", v[CRIT_SECTION].note);
	cr_expect_str_eq(v[CRIT_SECTION].url, "http://u.test/tctt");
	cr_expect(strstr(v[CRIT_SECTION].note, "Tiếp cận thông tin") != NULL);
	cr_expect_eq(strlen(v[CRIT_SECTION].sha256), 64);
	cr_expect_null(v[CRIT_SECTION].date);
	clear(v);
}

Test(judge, section_not_from_headlines_long_labels_or_dead_pages)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("<a href=\"/dead\">Tiếp cận thông tin</a>")
	    "<ul><li><a href=\"/n1\">Triển khai Luật Tiếp cận thông tin</a></li>"
	    "<li><a href=\"/n2\">Bảo đảm quyền tiếp cận thông tin</a> 12/11/2026</li>"
	    "<li><a href=\"/n3\">Sở tổ chức tọa đàm về bảo đảm quyền tiếp cận thông tin của người dân</a></li></ul>" END);
	feed_status(j, "http://u.test/dead", 404);
	feed(j, "http://u.test/n1", "<p>x</p>");
	feed(j, "http://u.test/n2", "<p>x</p>");
	feed(j, "http://u.test/n3", "<p>x</p>");
	decide(j, v);
	cr_expect_eq(v[CRIT_SECTION].status, ST_MISSING);
	cr_expect(strstr(v[CRIT_SECTION].note, "HTTP 404") != NULL, "%s", v[CRIT_SECTION].note);
	clear(v);
}

/* The section's navigation label: 8 words (SECTION_MAX_WORDS) still count, 9 do not. */
Test(judge, section_label_of_eight_words_counts_nine_do_not)
{
	static const char *labels[] = {
		"Chuyên mục tiếp cận thông tin của tỉnh",		/* 8 words */
		"Chuyên mục tiếp cận thông tin của Ủy ban",	/* 9 words */
	};

	for (int i = 0; i < 2; i++) {
		struct judge *j = new_judge();
		struct verdict v[CRIT_COUNT];
		char *home = xasprintf(MENU("<a href=\"/tctt\">%s</a>") END, labels[i]);

		feed(j, HOME, home);
		feed(j, "http://u.test/tctt", MENU("") "<p>Chuyên mục</p>" END);
		decide(j, v);
		cr_expect_eq(v[CRIT_SECTION].status, i == 0 ? ST_OK : ST_MISSING, "%s: %s",
		    labels[i], v[CRIT_SECTION].note);
		clear(v);
		free(home);
	}
}

Test(judge, regulation_about_providing_information_not_working_rules)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("") "<p><a href=\"/lv.pdf\">Quy chế làm việc</a></p>"
	    "<p><a href=\"/bc.pdf\">Quy chế phát ngôn và cung cấp thông tin cho báo chí</a></p>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_REGULATION].status, ST_MISSING);
	cr_expect(strstr(v[CRIT_REGULATION].note, "không được tính") != NULL, "%s", v[CRIT_REGULATION].note);
	clear(v);
	j = new_judge();
	feed(j, HOME, MENU("") "<p><a href=\"/qc.pdf\">QUY CHẾ cung cấp thông tin</a> ban hành ngày 3/2/2020</p>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_REGULATION].status, ST_OK, "regulation_max_age 0: never stale");
	cr_expect_str_eq(v[CRIT_REGULATION].date, "2020-02-03");
	cr_expect_null(v[CRIT_REGULATION].sha256, "not fetched: no digest");
	clear(v);
}

Test(judge, public_catalog_words_and_exclusions)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("") "<p><a href=\"/a\">Danh mục văn bản thông tin công khai</a></p>"
	    "<p><a href=\"/b\">Danh mục thông tin tiếp cận có điều kiện</a></p>"
	    "<p><a href=\"/c\">Thông tin công khai</a></p>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_PUBLIC_CATALOG].status, ST_MISSING, "%s", v[CRIT_PUBLIC_CATALOG].url);
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_OK);
	clear(v);
	j = new_judge();
	feed(j, HOME, MENU("") "<p><a href=\"/d\">Danh mục tiếp cận thông tin công khai</a> 01/12/2025</p>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_PUBLIC_CATALOG].status, ST_OK, "%s", v[CRIT_PUBLIC_CATALOG].note);
	cr_expect_str_eq(v[CRIT_PUBLIC_CATALOG].date, "2025-12-01");
	clear(v);
}

Test(judge, catalog_dates_stale_future_and_last_modified)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("") "<table><tr><td>Danh mục thông tin phải được công khai</td>"
	    "<td>28/11/2025</td><td><a href=\"/a.pdf\">Tải về</a></td></tr>"
	    "<tr><td>Danh mục thông tin được tiếp cận có điều kiện</td><td>30/11/2026</td>"
	    "<td><a href=\"/b.pdf\">b.pdf</a></td></tr></table>" END);
	judge_add_page(j, &(struct judge_page){ .url = "http://u.test/b.pdf", .status = 200,
	    .ex = NULL, .last_modified = "Sun, 01 Nov 2026 00:00:00 GMT" });
	decide(j, v);
	cr_expect_eq(v[CRIT_PUBLIC_CATALOG].status, ST_STALE, "366 days old");
	cr_expect_str_eq(v[CRIT_PUBLIC_CATALOG].date, "2025-11-28");
	/* A page that did not load (ex NULL) is a dead link: the conditional catalog is missing. */
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_MISSING);
	clear(v);
	j = new_judge();
	feed(j, HOME, MENU("") "<p><a href=\"/b.pdf\">Danh mục thông tin có điều kiện</a> sửa 30/11/2026</p>" END);
	{
		struct extracted *ex = extract_page("http://u.test/b.pdf", "application/pdf", "%PDF", 4);

		judge_add_page(j, &(struct judge_page){ .url = "http://u.test/b.pdf", .status = 200,
		    .ex = ex, .last_modified = "Sun, 01 Nov 2026 00:00:00 GMT", .sha256 = "ab" });
		extracted_free(ex);
	}
	decide(j, v);
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_OK);
	cr_expect_str_eq(v[CRIT_CONDITIONAL_CATALOG].date, "2026-11-01", "the future date is ignored");
	cr_expect(strstr(v[CRIT_CONDITIONAL_CATALOG].note, "Last-Modified") != NULL);
	cr_expect_str_eq(v[CRIT_CONDITIONAL_CATALOG].sha256, "ab");
	clear(v);
}

Test(judge, focal_point_in_section_with_contact_not_footer)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>") END);
	feed(j, "http://u.test/tctt", MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>")
	    "<p>Đầu mối: Văn phòng Sở</p>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_SECTION].status, ST_OK);
	cr_expect_eq(v[CRIT_FOCAL_POINT].status, ST_MISSING, "%s", v[CRIT_FOCAL_POINT].note);
	clear(v);
	j = new_judge();
	feed(j, HOME, MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>") END);
	feed(j, "http://u.test/tctt", MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>")
	    "<p><a href=\"/dm\">Đầu mối</a></p>" END);
	feed(j, "http://u.test/dm", "<h2>ĐẦU MỐI CUNG CẤP THÔNG TIN</h2><p>Ông A</p><p>Thư điện tử: a.b@so.gov.vn</p>");
	decide(j, v);
	cr_expect_eq(v[CRIT_FOCAL_POINT].status, ST_OK, "%s", v[CRIT_FOCAL_POINT].note);
	cr_expect_str_eq(v[CRIT_FOCAL_POINT].url, "http://u.test/dm");
	clear(v);
}

Test(judge, link_priorities_put_relevant_links_first)
{
	struct judge *j = new_judge();
	struct ext_link rel = { .url = "http://u.test/x", .label = "Danh mục thông tin công khai", .around = "" };
	struct ext_link url = { .url = "http://u.test/tiep-can-thong-tin/", .label = "Mục 3", .around = "" };
	struct ext_link word = { .url = "http://u.test/y", .label = "Quy chế", .around = "" };
	struct ext_link gen = { .url = "http://u.test/z", .label = "Tải về", .around = "Danh mục thông tin có điều kiện" };
	struct ext_link other = { .url = "http://u.test/news/1", .label = "Thời tiết hôm nay", .around = "" };

	cr_expect_gt(judge_link_priority(j, HOME, &rel), judge_link_priority(j, HOME, &url));
	cr_expect_gt(judge_link_priority(j, HOME, &url), judge_link_priority(j, HOME, &word));
	cr_expect_gt(judge_link_priority(j, HOME, &word), judge_link_priority(j, HOME, &other));
	cr_expect_eq(judge_link_priority(j, HOME, &gen), judge_link_priority(j, HOME, &rel));
	cr_expect_eq(judge_link_priority(j, HOME, &other), 0);
	judge_free(j);
}

Test(judge, settled_once_all_nine_ok_and_fetched)
{
	struct judge *j = new_judge();

	feed(j, HOME, MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>") END);
	cr_expect(!judge_settled(j));
	feed(j, "http://u.test/tctt", MENU("") "<ul><li><a href=\"/qc\">Quy chế cung cấp thông tin</a></li>"
	    "<li><a href=\"/a\">Danh mục thông tin phải được công khai</a> 01/11/2026</li>"
	    "<li><a href=\"/b\">Danh mục thông tin có điều kiện</a> 01/11/2026</li></ul>"
	    "<p>Đầu mối: bà C, 0912.345.678</p><p>Tiếp nhận yêu cầu cung cấp thông tin, phản ánh, "
	    "kiến nghị: tctt@u.test</p><p><a href=\"/m\">Mẫu số 01a</a></p><h3>Hướng dẫn tiếp cận "
	    "thông tin</h3><p>Người yêu cầu điền Phiếu yêu cầu và gửi qua thư điện tử nói trên.</p>" END);
	cr_expect(!judge_settled(j), "evidence not fetched yet");
	feed(j, "http://u.test/m", "<p>x</p>");
	feed(j, "http://u.test/qc", "<p>x</p>");
	feed(j, "http://u.test/a", "<p>x</p>");
	cr_expect(!judge_settled(j));
	feed(j, "http://u.test/b", "<p>x</p>");
	cr_expect(judge_settled(j));
	cr_expect_eq(judge_pages(j), 6);
	judge_free(j);
}

Test(judge, unreachable_and_digest)
{
	struct verdict v[CRIT_COUNT];
	char *h = judge_sha256_hex("abc", 3);

	judge_unreachable(v, HOME, "connection refused");
	for (int i = 0; i < CRIT_COUNT; i++) {
		cr_expect_eq(v[i].status, ST_UNREACHABLE);
		cr_expect(strstr(v[i].note, "connection refused") != NULL);
	}
	clear(v);
	cr_expect_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	free(h);
}

/*
 * A hostile unit: 200 pages of 2,000 links each, 40,000 of them distinct
 * candidates. What the judge keeps, and so its verdict's work (pairs of
 * candidates), stays bounded: at most JUDGE_MAX_CANDS candidates in an index
 * that never grows.
 */
Test(judge, a_hostile_unit_stays_cheap)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];
	struct extracted *ex[20];

	for (int k = 0; k < 20; k++) {
		struct buf b = { 0 };

		buf_puts(&b, "<html><body><ul>");
		for (int i = 0; i < 1000; i++)
			buf_printf(&b, "<li><a href=\"/p%d-%d\">Tiếp cận thông tin</a> "
			    "<a href=\"/d%d-%d\">Danh mục thông tin công khai</a></li>",
			    k, i, k, i);
		buf_puts(&b, "</ul></body></html>");
		ex[k] = extract_page(HOME, "text/html", b.data, b.len);
		buf_free(&b);
	}
	for (int p = 0; p < 200; p++) {
		char *url = xasprintf("http://u.test/p0-%d", p);

		judge_add_page(j, &(struct judge_page){ .url = p == 0 ? HOME : url,
		    .status = 200, .ex = ex[p % 20] });
		free(url);
		if (p % 20 == 0)
			(void)judge_settled(j);
	}
	cr_expect_eq(j->n_pages, 200);
	cr_expect_leq(j->n_cands, 2000, "candidates kept: %zu", j->n_cands);
	cr_expect_leq(j->n_cands, JUDGE_MAX_CANDS);
	cr_expect_eq(j->ctab_cap, 4096, "the candidates' index never grows");
	decide(j, v);
	cr_expect_eq(v[CRIT_SECTION].status, ST_OK);
	clear(v);
	for (int k = 0; k < 20; k++)
		extracted_free(ex[k]);
}

/* [rules]: each dated criterion's max_age comes from the configuration; 0 is never stale. */
Test(judge, rules_max_ages_as_configured)
{
	struct config cfg;
	struct verdict v[CRIT_COUNT];
	struct judge *j;
	int64_t now;

	memset(&cfg, 0, sizeof cfg);
	cfg.regulation_max_age = 365 * 86400;
	cfg.public_catalog_max_age = 0;
	cfg.conditional_catalog_max_age = 30 * 86400;
	cr_assert_eq(clock_parse_iso8601("2026-11-29T09:00:00+07:00", &now), 0);
	j = judge_new(HOME, now, &cfg);
	feed(j, HOME, MENU("") "<ul>"
	    "<li><a href=\"/qc.pdf\">Quy chế cung cấp thông tin</a> 02/01/2019</li>"
	    "<li><a href=\"/a.pdf\">Danh mục thông tin phải được công khai</a> 01/01/2010</li>"
	    "<li><a href=\"/b.pdf\">Danh mục thông tin có điều kiện</a> 29/10/2026</li>"
	    "</ul>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_REGULATION].status, ST_STALE, "regulation_max_age = 365d");
	cr_expect_str_eq(v[CRIT_REGULATION].date, "2019-01-02");
	cr_expect_eq(v[CRIT_PUBLIC_CATALOG].status, ST_OK, "public_catalog_max_age = 0: never stale");
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_STALE, "31 days > 30d");
	clear(v);
	cfg.conditional_catalog_max_age = 31 * 86400;
	j = judge_new(HOME, now, &cfg);
	feed(j, HOME, MENU("") "<p><a href=\"/b.pdf\">Danh mục thông tin có điều kiện</a> 29/10/2026</p>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_OK, "31 days is not older than 31d");
	clear(v);
}

/* "Chi tiết", "Download": the smallest block around the link stands for a generic label. */
Test(judge, generic_labels_take_the_block_around_them)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("") "<table>"
	    "<tr><td>Danh mục thông tin phải được công khai</td><td>05/05/2026</td>"
	    "<td><a href=\"/a.pdf\">Chi tiết</a></td></tr>"
	    "<tr><td>Danh mục thông tin được tiếp cận có điều kiện</td><td>06/06/2026</td>"
	    "<td><a href=\"/b.pdf\">Download</a></td></tr></table>" END);
	decide(j, v);
	cr_expect_eq(v[CRIT_PUBLIC_CATALOG].status, ST_OK, "%s", v[CRIT_PUBLIC_CATALOG].note);
	cr_expect_str_eq(v[CRIT_PUBLIC_CATALOG].url, "http://u.test/a.pdf");
	cr_expect_str_eq(v[CRIT_PUBLIC_CATALOG].date, "2026-05-05");
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_OK, "%s", v[CRIT_CONDITIONAL_CATALOG].note);
	cr_expect_str_eq(v[CRIT_CONDITIONAL_CATALOG].url, "http://u.test/b.pdf");
	cr_expect_str_eq(v[CRIT_CONDITIONAL_CATALOG].date, "2026-06-06");
	clear(v);
}

/*
 * A date elsewhere on the listing page (the header's today, a labelled update
 * of the listing, the next item's date) is not the catalog's: with none of its
 * own the catalog is undated, or dated by its document's Last-Modified.
 */
Test(judge, a_date_elsewhere_on_the_listing_page_is_not_the_catalogs)
{
	static const char listing[] = MENU("") "<div class=\"header\">Thứ Hai, 29/11/2026</div>"
	    "<p>Cập nhật: 28/11/2026</p><ul>"
	    "<li><a href=\"/a.pdf\">Danh mục thông tin phải được công khai</a></li>"
	    "<li><a href=\"/n.html\">Hội nghị tổng kết</a> 20/11/2026</li>"
	    "<li><a href=\"/b.pdf\">Danh mục thông tin được tiếp cận có điều kiện</a></li></ul>" END;
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];
	struct extracted *ex;

	feed(j, HOME, listing);
	ex = extract_page("http://u.test/a.pdf", "application/pdf", "%PDF", 4);
	judge_add_page(j, &(struct judge_page){ .url = "http://u.test/a.pdf", .status = 200,
	    .ex = ex, .sha256 = "aa" });
	judge_add_page(j, &(struct judge_page){ .url = "http://u.test/b.pdf", .status = 200,
	    .ex = ex, .sha256 = "bb", .last_modified = "Tue, 10 Mar 2020 02:00:00 GMT" });
	extracted_free(ex);
	decide(j, v);
	cr_expect_eq(v[CRIT_PUBLIC_CATALOG].status, ST_OK);
	cr_expect_null(v[CRIT_PUBLIC_CATALOG].date, "got %s", v[CRIT_PUBLIC_CATALOG].date);
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_STALE);
	cr_expect_str_eq(v[CRIT_CONDITIONAL_CATALOG].date, "2020-03-10", "Last-Modified, not the page's dates");
	clear(v);
}

/* A theme's page: its header, menu and footer in plain divs, as many CMS themes write them. */
#define TPL(x)	"<html><body><div class=\"header-top\"><a href=\"/\">Trang chủ</a> " \
	"<a href=\"/tctt\">Tiếp cận thông tin</a> <a href=\"/lh\">Liên hệ</a></div>" \
	"<div class=\"main-content border-bottom-news\">" x "</div>" \
	"<div class=\"bottom-info\"><p>Đầu mối liên hệ: Văn phòng, điện thoại 0213 3876 543</p></div></body></html>"

Test(judge, site_template_learnt_from_repeated_blocks_is_not_a_focal_point)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, TPL("<p>Tin tức</p>"));
	feed(j, "http://u.test/tctt", TPL("<p><a href=\"/qc\">Quy chế cung cấp thông tin</a></p>"));
	feed(j, "http://u.test/lh", TPL("<p>Trụ sở UBND xã</p>"));
	feed(j, "http://u.test/qc", TPL("<h1>Quy chế cung cấp thông tin</h1><p>Ban hành ngày 02/03/2026.</p>"));
	decide(j, v);
	cr_expect_eq(v[CRIT_SECTION].status, ST_OK);
	cr_expect_eq(v[CRIT_FOCAL_POINT].status, ST_MISSING, "the footer on every page: %s",
	    v[CRIT_FOCAL_POINT].note);
	clear(v);
	/* The same block on the section page alone is the section's own. */
	j = new_judge();
	feed(j, HOME, TPL("<p>Tin tức</p>"));
	feed(j, "http://u.test/tctt", TPL("<h2>Đầu mối cung cấp thông tin</h2><p>Bà B, 0912 345 678</p>"));
	feed(j, "http://u.test/lh", TPL("<p>Trụ sở UBND xã</p>"));
	decide(j, v);
	cr_expect_eq(v[CRIT_FOCAL_POINT].status, ST_OK, "%s", v[CRIT_FOCAL_POINT].note);
	cr_expect_str_eq(v[CRIT_FOCAL_POINT].url, "http://u.test/tctt");
	cr_expect(strstr(v[CRIT_FOCAL_POINT].note, "0912 345 678") != NULL, "%s", v[CRIT_FOCAL_POINT].note);
	clear(v);
}

Test(judge, a_text_date_always_wins_over_last_modified)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];
	const char *title = "Quyết định số 231/QĐ-UBND ngày 01/10/2024 ban hành Danh mục thông tin "
	    "được tiếp cận có điều kiện";
	char *page = xasprintf("<html><head><title>%s</title></head><body><h1>%s</h1>"
	    "<p>Nội dung.</p></body></html>", title, title);
	struct extracted *ex = extract_page("http://u.test/qd", "text/html", page, strlen(page));

	feed(j, HOME, MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>") END);
	feed(j, "http://u.test/tctt", MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>")
	    "<p><a href=\"/qd\">Danh mục thông tin được tiếp cận có điều kiện</a></p>"
	    "<p><a href=\"/dk2.pdf\">Danh mục thông tin có điều kiện (bản cũ)</a></p>" END);
	/* CMSs send "now" (NukeViet: now minus a day) as Last-Modified for every dynamic page. */
	judge_add_page(j, &(struct judge_page){ .url = "http://u.test/qd", .status = 200, .ex = ex,
	    .last_modified = "Sat, 28 Nov 2026 02:00:00 GMT" });
	extracted_free(ex);
	ex = extract_page("http://u.test/dk2.pdf", "application/pdf", "%PDF", 4);
	judge_add_page(j, &(struct judge_page){ .url = "http://u.test/dk2.pdf", .status = 200,
	    .ex = ex, .last_modified = "Sat, 28 Nov 2026 02:00:00 GMT" });
	extracted_free(ex);
	decide(j, v);
	cr_expect_eq(v[CRIT_CONDITIONAL_CATALOG].status, ST_STALE, "%s", v[CRIT_CONDITIONAL_CATALOG].note);
	cr_expect_str_eq(v[CRIT_CONDITIONAL_CATALOG].date, "2024-10-01");
	cr_expect_str_eq(v[CRIT_CONDITIONAL_CATALOG].url, "http://u.test/qd");
	cr_expect(strstr(v[CRIT_CONDITIONAL_CATALOG].note, "Last-Modified") == NULL);
	clear(v);
	free(page);
}

Test(judge, a_notice_titled_as_the_focal_point_is_one_block)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];
	struct buf b = { 0 };

	buf_puts(&b, "<html><head><title>Thông báo về đầu mối cung cấp thông tin</title></head><body>"
	    "<nav><a href=\"/\">Trang chủ</a></nav><article><h1>Thông báo về đầu mối cung cấp thông tin</h1>");
	for (int i = 0; i < 6; i++)
		buf_puts(&b, "<p>Căn cứ Luật Tiếp cận thông tin số 104/2016/QH13 và Nghị định số "
		    "13/2018/NĐ-CP quy định chi tiết và biện pháp thi hành Luật, Ủy ban nhân dân xã thông báo.</p>");
	buf_puts(&b, "<p>Ông Lò Văn Minh, công chức Văn phòng - Thống kê.</p><p>0213 3876 543</p>"
	    "</article><footer>UBND xã</footer></body></html>");
	feed(j, HOME, MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>") END);
	feed(j, "http://u.test/tctt", MENU("<a href=\"/tctt\">Tiếp cận thông tin</a>")
	    "<p><a href=\"/tb\">Thông báo về đầu mối cung cấp thông tin</a></p>" END);
	feed(j, "http://u.test/tb", b.data);
	decide(j, v);
	cr_expect_eq(v[CRIT_FOCAL_POINT].status, ST_OK, "%s", v[CRIT_FOCAL_POINT].note);
	cr_expect_str_eq(v[CRIT_FOCAL_POINT].url, "http://u.test/tb");
	clear(v);
	buf_free(&b);
}

Test(judge, pagination_of_the_section_is_read_early)
{
	struct judge *j = new_judge();
	struct ext_link next = { .url = "http://u.test/tiep-can-thong-tin/page-2/", .label = "2",
	    .around = "1 2 3 Sau" };
	struct ext_link wp = { .url = "http://u.test/chuyen-muc/tctt/page/2/", .label = "Trang sau",
	    .around = "" };
	struct ext_link news = { .url = "http://u.test/tin-tuc/page-2/", .label = "2", .around = "" };

	feed(j, HOME, MENU("<a href=\"/tiep-can-thong-tin/\">Tiếp cận thông tin</a>"
	    "<a href=\"/chuyen-muc/tctt/\">TCTT</a>") END);
	cr_expect_geq(judge_link_priority(j, "http://u.test/tiep-can-thong-tin/", &next), 95);
	cr_expect_geq(judge_link_priority(j, "http://u.test/tiep-can-thong-tin/page-2/",
	    &(struct ext_link){ .url = "http://u.test/tiep-can-thong-tin/page-3/", .label = "3",
	    .around = "" }), 95, "page 3 from page 2");
	cr_expect_lt(judge_link_priority(j, "http://u.test/tin-tuc/", &news), 95, "news pages are not");
	feed(j, "http://u.test/chuyen-muc/tctt/", MENU("") "<p>Danh mục</p>" END);
	cr_expect_geq(judge_link_priority(j, "http://u.test/chuyen-muc/tctt/", &wp), 95,
	    "WordPress's /page/2/");
	judge_free(j);
}

Test(judge, the_sections_later_pages_are_the_section)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, MENU("<a href=\"/tiep-can-thong-tin/\">Tiếp cận thông tin</a>") END);
	feed(j, "http://u.test/tiep-can-thong-tin/", MENU("<a href=\"/tiep-can-thong-tin/\">Tiếp cận thông tin</a>")
	    "<p><a href=\"/tin-1.html\">Công khai ngân sách</a></p><p><a href=\"/tiep-can-thong-tin/page-2/\">2</a></p>" END);
	feed(j, "http://u.test/tiep-can-thong-tin/page-2/", MENU("")
	    "<p><a href=\"/tb.html\">Thông báo đầu mối cung cấp thông tin</a></p>" END);
	feed(j, "http://u.test/tb.html", "<html><head><title>Thông báo đầu mối cung cấp thông tin</title></head>"
	    "<body><h1>Thông báo đầu mối cung cấp thông tin</h1><p>Văn phòng UBND xã.</p>"
	    "<p>Điện thoại: 0213.3876.543</p></body></html>");
	decide(j, v);
	cr_expect_eq(v[CRIT_FOCAL_POINT].status, ST_OK, "%s", v[CRIT_FOCAL_POINT].note);
	cr_expect_str_eq(v[CRIT_FOCAL_POINT].url, "http://u.test/tb.html");
	clear(v);
}

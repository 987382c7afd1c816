/* test_extract.c: reading pages: charsets, labels, blocks, regions, URLs, bounds, blobs. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "extract.h"
#include "fold.h"
#include "xmalloc.h"

/* Extract a NUL-terminated page. */
static struct extracted *
ex_of(const char *url, const char *ctype, const char *html)
{
	return extract_page(url, ctype, html, strlen(html));
}

/* The link whose URL ends with tail, or NULL. */
static const struct ext_link *
link_to(const struct extracted *ex, const char *tail)
{
	size_t tl = strlen(tail);

	for (size_t i = 0; i < ex->n_links; i++) {
		size_t ul = strlen(ex->links[i].url);

		if (ul >= tl && strcmp(ex->links[i].url + ul - tl, tail) == 0)
			return &ex->links[i];
	}
	return NULL;
}

/* Does the folded s equal want? */
static bool
folds_to(const char *s, const char *want)
{
	char *f = fold_str(s);
	bool r = strcmp(f, want) == 0;

	free(f);
	return r;
}

static const char page[] =
    "<!DOCTYPE html><html><head><title>Sở Tư pháp  tỉnh</title>"
    "<base href=\"http://stp.test/sub/\"><script>var x='<a href=/no>';</script></head><body>"
    "<header>Thứ Hai, 29/11/2026 <a href=\"/\">Trang chủ</a></header>"
    "<div role=\"navigation\"><ul class=\"main-menu\"><li><a href=\"tiep-can-thong-tin\">Tiếp cận <b>thông tin</b></a></li></ul></div>"
    "<div class=\"content\"><h2>Đầu mối cung cấp thông tin</h2>"
    "<p>Ông Nguyễn Văn A</p><p>Điện thoại: 0213 3876 543</p>"
    "<table><tr><td>Danh mục thông tin phải được công khai</td><td>15/06/2026</td>"
    "<td><a href=\"files/dm.pdf#page=2\">Tải về</a></td></tr></table>"
    "<p>Ngày cập nhật: 20/06/2026</p>"
    "<a href=\"a b.html\"><img src=x.png alt=\"Quy chế cung cấp thông tin\"></a>"
    "<a href=\"t.html\" title=\"Theo tiêu đề\"></a>"
    "<a href=\"javascript:void(0)\">js</a><a href=\"mailto:a@b.vn\">mail</a><a href=\"#top\">top</a>"
    "<style>.x{}</style></div>"
    "<footer>Liên hệ đầu mối: 0213 111 222</footer></body></html>";

Test(extract, links_labels_blocks_and_regions)
{
	struct extracted *ex = ex_of("http://stp.test/index.html", "text/html", page);
	const struct ext_link *l;

	cr_assert(ex->html);
	cr_expect_str_eq(ex->title, "Sở Tư pháp tỉnh");
	cr_expect_eq(ex->n_links, 5);
	cr_assert((l = link_to(ex, "/")) != NULL);
	cr_expect(l->nav);
	cr_assert((l = link_to(ex, "/sub/tiep-can-thong-tin")) != NULL);	/* <base> */
	cr_expect_str_eq(l->label, "Tiếp cận thông tin");
	cr_expect(l->nav);
	cr_assert((l = link_to(ex, "/sub/files/dm.pdf")) != NULL);	/* no fragment */
	cr_expect_str_eq(l->label, "Tải về");
	cr_expect(strstr(l->around, "Danh mục thông tin phải được công khai") != NULL);
	cr_expect(strstr(l->around, "15/06/2026") != NULL);
	cr_expect(!l->nav);
	cr_assert((l = link_to(ex, "/sub/a%20b.html")) != NULL);
	cr_expect_str_eq(l->label, "Quy chế cung cấp thông tin");
	cr_assert((l = link_to(ex, "/sub/t.html")) != NULL);
	cr_expect_str_eq(l->label, "Theo tiêu đề");
	/* Content: no header, menu, footer, script or style. */
	cr_expect(strstr(ex->content, "29/11/2026") == NULL);
	cr_expect(strstr(ex->content, "111 222") == NULL);
	cr_expect(strstr(ex->content, "var x") == NULL);
	cr_expect(strstr(ex->content, "Ông Nguyễn Văn A") != NULL);
	/* A heading and the text under it make one block. */
	bool found = false;
	for (size_t i = 0; i < ex->n_blocks; i++)
		if (strstr(ex->blocks[i], "Đầu mối") && strstr(ex->blocks[i], "0213 3876 543"))
			found = true;
	cr_expect(found);
	cr_expect_eq(ex->n_headings, 1);
	cr_expect_eq(ex->n_dates, 1);
	cr_expect_eq(ex->dates[0], 20260620);
	extracted_free(ex);
}

Test(extract, windows_1258_from_header_and_meta)
{
	/* "Tiếp cận thông tin" in windows-1258 with separate tone bytes (0xEC acute, 0xF2 dot below). */
	const char body[] = "<html><head><title>Ti\xea\xecp c\xe2\xf2n th\xf4ng tin</title></head>"
	    "<body><p>\xd0\xe2\xecu m\xf4\xeci</p></body></html>";
	const char meta[] = "<html><head><meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=windows-1258\"><title>Ti\xea\xecp c\xe2\xf2n th\xf4ng tin</title></head></html>";
	const char meta5[] = "<html><head><meta charset='windows-1258'><title>Ti\xea\xecp c\xe2\xf2n th\xf4ng tin</title></head></html>";
	struct extracted *ex = ex_of("http://a.test/", "text/html; charset=windows-1258", body);

	cr_expect(folds_to(ex->title, "tiep can thong tin"), "title %s", ex->title);
	cr_expect(folds_to(ex->title, "tiep can thong tin"));
	cr_expect(folds_to(ex->content, "dau moi"), "content %s", ex->content);
	{
		char *a = fold_str(ex->title), *b = fold_str("Tiếp cận thông tin");
		cr_expect_str_eq(a, b);
		free(a);
		free(b);
	}
	extracted_free(ex);
	ex = ex_of("http://a.test/", "text/html", meta);
	cr_expect(folds_to(ex->title, "tiep can thong tin"), "title %s", ex->title);
	extracted_free(ex);
	ex = ex_of("http://a.test/", NULL, meta5);
	cr_expect(folds_to(ex->title, "tiep can thong tin"), "title %s", ex->title);
	extracted_free(ex);
}

Test(extract, charset_choice)
{
	char buf[64];

	cr_expect_str_eq(extract_charset("text/html; charset=\"ISO-8859-1\"", "<meta charset=utf-8>", 20, buf, sizeof buf), "ISO-8859-1");
	cr_expect_str_eq(extract_charset("text/html", "<meta charset=windows-1258>", 27, buf, sizeof buf), "windows-1258");
	cr_expect_str_eq(extract_charset(NULL, "<p>x</p>", 8, buf, sizeof buf), "UTF-8");
}

Test(extract, broken_markup_and_bad_bytes)
{
	const char bad[] = "<html><body><p>Quy ch\xff\xfe\xe1 <a href=\"x.html\">Danh m\xe1\xbb\xa5" "c<div><td></tr></table></li>"
	    "<a href=/y>unclosed <b><i>nested";
	struct extracted *ex = ex_of("http://a.test/d/", NULL, bad);

	cr_expect(ex->n_links == 2);
	cr_expect(strstr(ex->content, "Quy ch") != NULL);
	extracted_free(ex);
	ex = extract_page("http://a.test/", "text/html; charset=nonexistent-cs", "\0\0<p>x", 6);
	cr_expect(ex->html);
	extracted_free(ex);
	ex = extract_page("not a url", NULL, "<a href=x>y</a>", 15);
	cr_expect_eq(ex->n_links, 0);
	extracted_free(ex);
}

Test(extract, documents_are_not_parsed)
{
	struct extracted *ex = extract_page("http://a.test/x.pdf", "application/pdf", "%PDF-1.4", 8);

	cr_expect(!ex->html);
	cr_expect_eq(ex->n_links, 0);
	extracted_free(ex);
	ex = extract_page("http://a.test/x", NULL, "%PDF-1.4", 8);
	cr_expect(!ex->html);
	extracted_free(ex);
}

Test(extract, huge_page_is_bounded)
{
	struct buf b = { 0 };
	struct extracted *ex;

	buf_puts(&b, "<html><body><div>");
	while (b.len < 5 * 1024 * 1024)
		buf_puts(&b, "<a href=\"/p\">Xem</a> 01/01/2026 ");
	buf_puts(&b, "</div></body></html>");
	ex = extract_page("http://a.test/", "text/html", b.data, b.len);
	cr_expect_eq(ex->n_links, EXTRACT_MAX_LINKS);
	cr_expect_leq(strlen(ex->content), EXTRACT_MAX_CONTENT);
	for (size_t i = 0; i < ex->n_links; i++)
		cr_expect_leq(strlen(ex->links[i].around), EXTRACT_MAX_AROUND);
	extracted_free(ex);
	buf_free(&b);
}

Test(extract, blob_round_trip_and_hostile_blobs)
{
	struct extracted *ex = ex_of("http://stp.test/index.html", "text/html", page), *back;
	void *blob;
	size_t len;
	char *cause = NULL;

	extract_serialize(ex, &blob, &len);
	back = extract_deserialize(blob, len, &cause);
	cr_assert(back != NULL, "%s", cause);
	cr_expect_str_eq(back->url, ex->url);
	cr_expect_str_eq(back->title, ex->title);
	cr_expect_str_eq(back->content, ex->content);
	cr_assert_eq(back->n_links, ex->n_links);
	for (size_t i = 0; i < ex->n_links; i++) {
		cr_expect_str_eq(back->links[i].url, ex->links[i].url);
		cr_expect_str_eq(back->links[i].label, ex->links[i].label);
		cr_expect_str_eq(back->links[i].around, ex->links[i].around);
		cr_expect_eq(back->links[i].nav, ex->links[i].nav);
	}
	cr_expect_eq(back->n_blocks, ex->n_blocks);
	cr_expect_eq(back->n_headings, ex->n_headings);
	cr_expect_eq(back->n_dates, ex->n_dates);
	cr_expect_eq(back->has_form, ex->has_form);
	extracted_free(back);
	/* Every truncation, and flipped bytes, are refused or read safely. */
	for (size_t n = 0; n < len; n++) {
		back = extract_deserialize(blob, n, &cause);
		cr_expect(back == NULL);
		free(cause);
		cause = NULL;
	}
	for (size_t n = 4; n < len; n += 7) {
		unsigned char *c = xmalloc(len);

		memcpy(c, blob, len);
		c[n] ^= 0xff;
		back = extract_deserialize(c, len, &cause);
		/* Refused with a cause, or read whole: then it writes out and reads back. */
		if (back == NULL)
			cr_expect(cause != NULL && strncmp(cause, "bad extracted blob: ", 20) == 0,
			    "byte %zu: %s", n, cause ? cause : "(no cause)");
		else {
			void *again;
			size_t alen;
			struct extracted *re;

			extract_serialize(back, &again, &alen);
			re = extract_deserialize(again, alen, NULL);
			cr_expect_not_null(re, "byte %zu: accepted but not written back", n);
			if (re != NULL)
				cr_expect_str_eq(re->content, back->content);
			extracted_free(re);
			free(again);
		}
		extracted_free(back);
		free(cause);
		cause = NULL;
		free(c);
	}
	cr_expect(extract_deserialize("TCX2\xff\xff\xff\xff", 8, &cause) == NULL);
	free(cause);
	free(blob);
	extracted_free(ex);
}

Test(extract, input_form_in_content_not_search_box_nor_menu)
{
	static const struct {
		const char	*html;
		bool		 form;
	} cases[] = {
		{ "<main><form action=\"/gui\"><input name=\"ten\"><textarea name=\"nd\"></textarea>"
		  "</form></main>", true },
		{ "<form><input type=\"text\" name=\"a\"><input type=\"email\" name=\"b\"></form>", true },
		{ "<form role=\"search\"><input name=\"q\"><input name=\"r\"></form>", false },
		{ "<form><input type=\"search\" name=\"q\"><input name=\"x\"></form>", false },
		{ "<form><input name=\"q\"><button>Tìm</button></form>", false },
		{ "<nav><form><input name=\"a\"><textarea></textarea></form></nav>", false },
		{ "<p>Không có biểu mẫu</p>", false },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct extracted *ex = ex_of("http://u.test/", "text/html", cases[i].html);
		void *blob;
		size_t len;
		struct extracted *back;

		cr_expect_eq(ex->has_form, cases[i].form, "%s", cases[i].html);
		extract_serialize(ex, &blob, &len);
		back = extract_deserialize(blob, len, NULL);
		cr_assert_not_null(back);
		cr_expect_eq(back->has_form, cases[i].form, "blob: %s", cases[i].html);
		extracted_free(back);
		free(blob);
		extracted_free(ex);
	}
}

Test(extract, blob_of_another_extractor_version_is_refused)
{
	struct extracted *ex = ex_of("http://stp.test/index.html", "text/html", page);
	unsigned char *blob;
	void *v;
	size_t len;
	char *cause = NULL;

	extract_serialize(ex, &v, &len);
	blob = v;
	cr_assert_gt(len, 8);
	cr_expect_eq(blob[4] | blob[5] << 8 | blob[6] << 16 | blob[7] << 24, EXTRACT_VERSION,
	    "the blob carries the extractor's version after the magic");
	blob[4] = (unsigned char)(EXTRACT_VERSION - 1);
	cr_expect_null(extract_deserialize(blob, len, &cause));
	cr_assert_not_null(cause);
	cr_expect(strstr(cause, "version") != NULL, "%s", cause);
	free(cause);
	free(blob);
	extracted_free(ex);
}

/* Has the extracted page the date ymd among its own? */
static bool
has_date(const struct extracted *ex, int ymd)
{
	for (size_t i = 0; i < ex->n_dates; i++)
		if (ex->dates[i] == ymd)
			return true;
	return false;
}

Test(extract, chrome_is_told_by_structure_not_by_class_names)
{
	/* Twenty Twenty-One's <body class="has-main-navigation">, NukeViet's content columns. */
	static const char html[] =
	    "<html><head><title>Danh mục</title></head><body class=\"home has-main-navigation\">"
	    "<div id=\"page\" class=\"site\"><header id=\"masthead\"><a href=\"/\">UBND xã</a>"
	    "<nav><a href=\"/tctt/\">Tiếp cận thông tin</a></nav></header>"
	    "<div class=\"col-md-18 margin-bottom-lg\"><div class=\"border-bottom-news\">"
	    "<table><tr><td>Ngày ban hành</td><td>10/04/2026</td></tr></table>"
	    "<h3>Đầu mối cung cấp thông tin</h3><p>Điện thoại: 0213 3876 543</p>"
	    "<a href=\"/dm.pdf\">Danh mục thông tin phải được công khai</a></div></div>"
	    "<aside class=\"widget-area\"><p>Liên hệ: 0213 3876 500</p><a href=\"/w\">Bài viết</a></aside>"
	    "<div role=\"contentinfo\">Bản quyền 2026</div></div></body></html>";
	struct extracted *ex = ex_of("http://xa.test/", "text/html", html);
	const struct ext_link *l;

	cr_expect(strstr(ex->content, "Đầu mối cung cấp thông tin") != NULL, "%s", ex->content);
	cr_expect(has_date(ex, 20260410), "label and date in separate cells of one row");
	cr_assert((l = link_to(ex, "/dm.pdf")) != NULL);
	cr_expect(!l->nav, "a class containing \"bottom\" or \"nav\" is not chrome");
	cr_assert((l = link_to(ex, "/tctt/")) != NULL);
	cr_expect(l->nav);
	cr_assert((l = link_to(ex, "/w")) != NULL);
	cr_expect(l->nav, "<aside> is a sidebar");
	cr_expect(strstr(ex->content, "0213 3876 500") == NULL, "sidebar text is not content");
	cr_expect(strstr(ex->content, "Bản quyền") == NULL, "role=contentinfo is the footer");
	extracted_free(ex);
}

Test(extract, lists_of_other_articles_and_comments_are_not_content)
{
	static const char html[] =
	    "<html><head><title>Danh mục thông tin được tiếp cận có điều kiện</title></head><body>"
	    "<div class=\"news_column\"><h1>Danh mục thông tin được tiếp cận có điều kiện</h1>"
	    "<p>Ngày cập nhật: 02/03/2025</p><p>Nội dung danh mục.</p></div>"
	    "<div class=\"news_column\"><p class=\"h3\"><strong>Những tin mới hơn</strong></p>"
	    "<ul class=\"related\"><li><a href=\"/a.html\">Tin A</a> Cập nhật: 20/11/2026</li></ul>"
	    "<div><span>Các tin khác</span></div><ul><li><a href=\"/b.html\">Tin B</a> "
	    "Ngày đăng: 19/11/2026</li></ul></div>"
	    "<div class=\"optabarea\"><div class=\"tptabtitle\"><ul><li><a href=\"#n1\">Những tin mới hơn</a></li>"
	    "<li><a href=\"#n2\">Những tin cũ hơn</a></li></ul></div><div class=\"tptabcontent\">"
	    "<ul class=\"related\"><li><a href=\"/c.html\"><h4>Tin C</h4></a> Ngày ban hành: 18/11/2026</li>"
	    "</ul></div></div>"
	    "<div id=\"comments\"><h2 class=\"comments-title\">Một bình luận ở “Danh mục”</h2>"
	    "<ol><li>Nguyễn Văn An, cập nhật lúc 25/11/2026</li></ol></div></body></html>";
	struct extracted *ex = ex_of("http://xa.test/dm.html", "text/html", html);
	const struct ext_link *l;

	cr_expect(has_date(ex, 20250302));
	cr_expect(!has_date(ex, 20261120), "a newer article's date");
	cr_expect(!has_date(ex, 20261119));
	cr_expect(!has_date(ex, 20261118), "tabs of NukeViet's newer and older articles");
	cr_expect(!has_date(ex, 20261125), "a comment's date");
	cr_expect(strstr(ex->content, "Tin A") == NULL);
	cr_assert((l = link_to(ex, "/a.html")) != NULL, "its links are still read");
	cr_expect(strstr(l->around, "20/11/2026") != NULL);
	extracted_free(ex);
}

Test(extract, own_dates_title_headline_publication_line_hidden_iso)
{
	static const char titled[] =
	    "<html><head><title>Quyết định số 231&amp;#x002F;QĐ-UBND ngày 01/10/2024 ban hành Danh mục"
	    "</title></head><body><h1>Quyết định số 231&#x002F;QĐ-UBND ngày 01/10/2024</h1>"
	    "<p>Văn bản ngày 05/05/2023 được thay thế.</p></body></html>";
	static const char clock[] =
	    "<html><body><h2>Danh mục thông tin phải được công khai</h2>"
	    "<p><em class=\"fa fa-clock-o\"></em> Thứ ba - 15/09/2026 09:17</p>"
	    "<p>Theo Luật ngày 06/04/2016.</p>"
	    "<table><tr><td>Danh mục</td><td>20/11/2026 08:00:00 AM</td></tr></table></body></html>";
	static const char iso[] =
	    "<html><body><h1>Danh mục</h1><span class=\"hidden\" itemprop=\"datePublished\">"
	    "2026-09-15T09:17:00+07:00</span><footer class=\"entry-footer\"></footer>"
	    "<p>Nội dung</p></body></html>";
	struct extracted *ex = ex_of("http://xa.test/qd.html", "text/html", titled);

	cr_expect(has_date(ex, 20241001), "the title and headline's date");
	cr_expect(!has_date(ex, 20230505), "not a date in the text");
	cr_expect_str_eq(ex->title, "Quyết định số 231/QĐ-UBND ngày 01/10/2024 ban hành Danh mục");
	cr_expect_str_eq(ex->headings[0], "Quyết định số 231/QĐ-UBND ngày 01/10/2024");
	extracted_free(ex);
	ex = ex_of("http://xa.test/dm.html", "text/html", clock);
	cr_expect(has_date(ex, 20260915), "the publication line under the headline");
	cr_expect(!has_date(ex, 20160406));
	cr_expect(!has_date(ex, 20261120), "a table row is not a publication line");
	extracted_free(ex);
	ex = ex_of("http://xa.test/iso.html", "text/html", iso);
	cr_expect(has_date(ex, 20260915), "a hidden ISO datePublished");
	extracted_free(ex);
}

Test(extract, hidden_addresses_breadcrumbs_and_feed_titles)
{
	static const char html[] =
	    "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" "
	    "title=\"UBND xã - Tiếp cận thông tin\" href=\"/feeds/tiep-can-thong-tin/\"></head><body>"
	    "<div class=\"breadcrumbs-wrap\" style=\"display:none\"><a href=\"/tiep-can-thong-tin/\">"
	    "Tiếp cận thông tin</a></div>"
	    "<h2>Đầu mối cung cấp thông tin</h2><p>Email: <a href=\"/cdn-cgi/l/email-protection\" "
	    "class=\"__cf_email__\" data-cfemail=\"5a2c2a1a3639742c34\">[email&#160;protected]</a></p>"
	    "<p>Hoặc: <joomla-hidden-mail is-link=\"1\" is-email=\"1\" first=\"dmFucGhvbmc=\" "
	    "last=\"bGFpY2hhdS5nb3Yudm4=\" text=\"\" base=\"\">Địa chỉ email này đang được bảo vệ"
	    "</joomla-hidden-mail></p></body></html>";
	struct extracted *ex = ex_of("http://xa.test/", "text/html", html);

	cr_expect(strstr(ex->content, "vp@lc.vn") != NULL, "%s", ex->content);
	cr_expect(strstr(ex->content, "vanphong@laichau.gov.vn") != NULL, "%s", ex->content);
	cr_expect(strstr(ex->content, "protected") == NULL);
	cr_expect(link_to(ex, "/tiep-can-thong-tin/") != NULL, "a breadcrumb hidden until a script shows it");
	cr_expect(link_to(ex, "/feeds/tiep-can-thong-tin/") == NULL, "a feed's <link> is no link to follow");
	extracted_free(ex);
}

Test(extract, an_faq_answer_is_content)
{
	static const char html[] =
	    "<html><body><h1>Hỏi đáp</h1><div class=\"faq\"><p><strong>Hỏi:</strong> Ai là đầu mối?</p>"
	    "<div><strong>Trả lời:</strong><p>Văn phòng là đầu mối cung cấp thông tin, ĐT 0213 3876 543.</p></div>"
	    "</div></body></html>";
	struct extracted *ex = ex_of("http://xa.test/faq.html", "text/html", html);

	cr_expect(strstr(ex->content, "0213 3876 543") != NULL, "%s", ex->content);
	extracted_free(ex);
}

/* A body already valid UTF-8 is parsed where it lies; any other is copied and mended. */
Test(extract, valid_utf8_is_not_copied)
{
	static const char ok[] = "\xef\xbb\xbfTi\xe1\xba\xbfp c\xe1\xba\xadn", bad[] = "a\xff" "b\0c";
	char *owned;
	const char *t;
	size_t n;

	t = extract_utf8_view("UTF-8", ok, sizeof ok - 1, &n, &owned);
	cr_expect_null(owned);
	cr_expect_eq(t, ok + 3, "after the BOM, in the body itself");
	cr_expect_eq(n, sizeof ok - 4);
	t = extract_utf8_view("utf-8", bad, sizeof bad - 1, &n, &owned);
	cr_assert_not_null(owned);
	cr_expect_str_eq(t, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c");
	cr_expect_eq(n, strlen(t));
	free(owned);
	t = extract_utf8_view("windows-1258", "Vi\xd2t", 4, &n, &owned);
	cr_assert_not_null(owned, "another charset is always converted");
	free(owned);
	cr_expect_eq(utf8_valid_prefix("ab\xe1\xba", 4), 2, "a cut sequence is not valid");
}

Test(extract, repeated_hrefs_resolve_alike)
{
	/* The second of each is answered from the page's memo of hrefs: the same URL, or none. */
	struct extracted *ex = ex_of("http://m.test/a/b.html", NULL,
	    "<html><head><base href=\"/c/\"></head><body>"
	    "<a href=\"x.html#1\">Một</a><a href=\" x.html#1 \">Hai</a>"
	    "<a href=\"ftp://m.test/f\">ftp</a><a href=\"ftp://m.test/f\">ftp</a>"
	    "<a href=\"x.html#2\">Ba</a></body></html>");

	cr_assert_eq(ex->n_links, 3);
	for (size_t i = 0; i < 3; i++)
		cr_expect_str_eq(ex->links[i].url, "http://m.test/c/x.html");
	cr_expect_str_eq(ex->links[1].label, "Hai");
	extracted_free(ex);
}

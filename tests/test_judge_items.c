/* test_judge_items.c: request and complaint channels, forms, guidance, each rule and trap of SPEC.md. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "clock.h"
#include "config.h"
#include "extract.h"
#include "judge.h"
#include "xmalloc.h"

#define HOME	"http://u.test/"
#define SEC	"http://u.test/tctt"

/* A judge on 2026-11-29. */
static struct judge *
new_judge(void)
{
	int64_t now;

	cr_assert_eq(clock_parse_iso8601("2026-11-29T09:00:00+07:00", &now), 0);
	return judge_new(HOME, now, NULL);
}

/* Feed url with body as content type ct (status 200). */
static void
feed_as(struct judge *j, const char *url, const char *ct, const char *body)
{
	struct extracted *ex = extract_page(url, ct, body, strlen(body));
	char *sha = judge_sha256_hex(body, strlen(body));

	judge_add_page(j, &(struct judge_page){ .url = url, .status = 200, .ex = ex,
	    .sha256 = sha });
	extracted_free(ex);
	free(sha);
}

static void
feed(struct judge *j, const char *url, const char *html)
{
	feed_as(j, url, "text/html", html);
}

/* A document that loads (its text is not read here). */
static void
feed_doc(struct judge *j, const char *url)
{
	feed_as(j, url, "application/pdf", "%PDF-1.4\n");
}

static void
feed_status(struct judge *j, const char *url, long status)
{
	judge_add_page(j, &(struct judge_page){ .url = url, .status = status });
}

#define MENU	"<html><body><nav><a href=\"/\">Trang chủ</a><a href=\"/tctt\">Tiếp cận thông tin</a>" \
		"<a href=\"/lien-he\">Liên hệ</a></nav><main>"
#define END	"</main><footer><p>Tiếp nhận yêu cầu cung cấp thông tin, phản ánh, kiến nghị: " \
		"vanphong@u.test, điện thoại 0213 3876 543</p></footer></body></html>"

/* Home and a section page holding body; the judge is returned for more pages. */
static struct judge *
with_section(const char *body)
{
	struct judge *j = new_judge();
	char *sec = xasprintf(MENU "%s" END, body);

	feed(j, HOME, MENU "<p>Tin tức</p>" END);
	feed(j, SEC, sec);
	free(sec);
	return j;
}

/* The verdict of crit (caller clears), freeing j. */
static struct verdict
verdict_of(struct judge *j, enum criterion crit)
{
	struct verdict v[CRIT_COUNT], out;

	judge_verdicts(j, v);
	judge_free(j);
	out = v[crit];
	for (int c = 0; c < CRIT_COUNT; c++)
		if (c != (int)crit)
			verdict_clear(&v[c]);
	return out;
}

#define EXPECT(v, st, crit)	cr_expect_eq((v).status, st, "%s: %s", crit_info(crit)->id, (v).note)

Test(judge_items, request_channel_block_with_email_in_section)
{
	struct verdict v = verdict_of(with_section(
	    "<h3>Tiếp nhận yêu cầu cung cấp thông tin</h3><p>Tổ chức, công dân gửi yêu cầu "
	    "qua thư điện tử: tiepnhan@stp.u.test</p>"), CRIT_REQUEST_CHANNEL);

	EXPECT(v, ST_OK, CRIT_REQUEST_CHANNEL);
	cr_expect_str_eq(v.url, SEC);
	cr_expect(strstr(v.note, "tiepnhan@stp.u.test") != NULL, "%s", v.note);
	cr_expect_null(v.date);
	verdict_clear(&v);
}

Test(judge_items, request_channel_email_only_in_footer_is_missing)
{
	struct verdict v = verdict_of(with_section("<p>Danh mục thông tin phải được công khai</p>"),
	    CRIT_REQUEST_CHANNEL);

	EXPECT(v, ST_MISSING, CRIT_REQUEST_CHANNEL);
	verdict_clear(&v);
}

Test(judge_items, focal_point_email_counts_only_when_it_receives_requests)
{
	struct verdict v = verdict_of(with_section("<p>Đầu mối cung cấp thông tin: ông Lò Văn A, "
	    "thư điện tử: loa@u.test</p>"), CRIT_REQUEST_CHANNEL);

	EXPECT(v, ST_MISSING, CRIT_REQUEST_CHANNEL);
	verdict_clear(&v);
	v = verdict_of(with_section("<p>Đầu mối cung cấp thông tin, tiếp nhận yêu cầu cung cấp "
	    "thông tin: ông Lò Văn A, thư điện tử: loa@u.test</p>"), CRIT_REQUEST_CHANNEL);
	EXPECT(v, ST_OK, CRIT_REQUEST_CHANNEL);
	verdict_clear(&v);
}

Test(judge_items, contact_page_or_suggestion_box_is_not_a_request_channel)
{
	struct judge *j = with_section("<p>Hòm thư góp ý: mọi ý kiến góp ý xin gửi về gopy@u.test</p>"
	    "<p><a href=\"/lien-he-tctt\">Liên hệ</a></p>");
	struct verdict v;

	feed(j, "http://u.test/lien-he-tctt", MENU "<h2>Liên hệ</h2><p>Thư điện tử: lienhe@u.test</p>"
	    "<form action=\"/send\"><input name=\"ten\"><input type=\"email\" name=\"e\">"
	    "<textarea name=\"nd\"></textarea></form>" END);
	v = verdict_of(j, CRIT_REQUEST_CHANNEL);
	EXPECT(v, ST_MISSING, CRIT_REQUEST_CHANNEL);
	verdict_clear(&v);
}

Test(judge_items, request_channel_by_online_form_that_loads)
{
	static const char block[] = "<p>Gửi yêu cầu cung cấp thông tin trực tuyến "
	    "<a href=\"/gui-yeu-cau\">tại đây</a></p>";
	struct judge *j = with_section(block);
	struct verdict v;

	feed(j, "http://u.test/gui-yeu-cau", MENU "<h2>Phiếu yêu cầu</h2><form action=\"/send\">"
	    "<input name=\"ho_ten\"><textarea name=\"noi_dung\"></textarea></form>" END);
	v = verdict_of(j, CRIT_REQUEST_CHANNEL);
	EXPECT(v, ST_OK, CRIT_REQUEST_CHANNEL);
	cr_expect_str_eq(v.url, SEC, "the page holding the block");
	cr_expect(strstr(v.note, "http://u.test/gui-yeu-cau") != NULL, "%s", v.note);
	verdict_clear(&v);
	/* A page with only the portal's search box is no form. */
	j = with_section(block);
	feed(j, "http://u.test/gui-yeu-cau", MENU "<form role=\"search\"><input type=\"search\" "
	    "name=\"q\"></form><p>Đang xây dựng</p>" END);
	v = verdict_of(j, CRIT_REQUEST_CHANNEL);
	EXPECT(v, ST_MISSING, CRIT_REQUEST_CHANNEL);
	verdict_clear(&v);
	/* A form that does not load. */
	j = with_section(block);
	feed_status(j, "http://u.test/gui-yeu-cau", 404);
	v = verdict_of(j, CRIT_REQUEST_CHANNEL);
	EXPECT(v, ST_MISSING, CRIT_REQUEST_CHANNEL);
	cr_expect(strstr(v.note, "HTTP 404") != NULL, "%s", v.note);
	verdict_clear(&v);
	/* A public service portal link counts without a fetch. */
	v = verdict_of(with_section("<p>Gửi yêu cầu cung cấp thông tin qua "
	    "<a href=\"https://dichvucong.laichau.gov.vn/yeu-cau\">Cổng dịch vụ công</a></p>"),
	    CRIT_REQUEST_CHANNEL);
	EXPECT(v, ST_OK, CRIT_REQUEST_CHANNEL);
	verdict_clear(&v);
}

Test(judge_items, channel_on_a_page_outside_the_section_is_missing)
{
	struct judge *j = with_section("<p>Danh mục</p>");
	struct verdict v;

	feed(j, "http://u.test/gioi-thieu", MENU "<p>Tiếp nhận yêu cầu cung cấp thông tin: "
	    "yc@u.test</p>" END);
	v = verdict_of(j, CRIT_REQUEST_CHANNEL);
	EXPECT(v, ST_MISSING, CRIT_REQUEST_CHANNEL);
	cr_expect(strstr(v.note, "không thuộc chuyên mục") != NULL, "%s", v.note);
	verdict_clear(&v);
}

Test(judge_items, complaint_channel_on_section_any_block_elsewhere_about_information)
{
	struct judge *j;
	struct verdict v = verdict_of(with_section("<p>Tiếp nhận phản ánh, kiến nghị: điện thoại "
	    "0213 3876 111</p>"), CRIT_COMPLAINT_CHANNEL);

	EXPECT(v, ST_OK, CRIT_COMPLAINT_CHANNEL);
	verdict_clear(&v);
	/* Linked from the section, about administrative procedures: not it. */
	j = with_section("<p><a href=\"/pakn\">Phản ánh kiến nghị</a></p>");
	feed(j, "http://u.test/pakn", MENU "<p>Tiếp nhận phản ánh, kiến nghị về quy định hành chính, "
	    "thủ tục hành chính: pakn@u.test</p>" END);
	v = verdict_of(j, CRIT_COMPLAINT_CHANNEL);
	EXPECT(v, ST_MISSING, CRIT_COMPLAINT_CHANNEL);
	cr_expect(strstr(v.note, "cung cấp thông tin") != NULL, "%s", v.note);
	verdict_clear(&v);
	/* Linked from the section, about information: it. */
	j = with_section("<p><a href=\"/pakn\">Phản ánh kiến nghị</a></p>");
	feed(j, "http://u.test/pakn", MENU "<p>Phản ánh, kiến nghị, khiếu nại, tố cáo về việc cung cấp "
	    "thông tin xin gửi về: khieunai@u.test</p>" END);
	v = verdict_of(j, CRIT_COMPLAINT_CHANNEL);
	EXPECT(v, ST_OK, CRIT_COMPLAINT_CHANNEL);
	cr_expect_str_eq(v.url, "http://u.test/pakn");
	cr_expect(strstr(v.note, "khieunai@u.test") != NULL, "%s", v.note);
	verdict_clear(&v);
	/* A generic suggestion box names none of the four words. */
	v = verdict_of(with_section("<p>Hòm thư góp ý: gopy@u.test</p>"), CRIT_COMPLAINT_CHANNEL);
	EXPECT(v, ST_MISSING, CRIT_COMPLAINT_CHANNEL);
	verdict_clear(&v);
}

#define FORMS_TABLE \
	"<table><tr><td>Mẫu số 01a</td><td>Phiếu yêu cầu cung cấp thông tin (cá nhân)</td>" \
	"<td><a href=\"/f/m1.doc\">Tải về</a></td></tr>" \
	"<tr><td>Mẫu số 01b</td><td>Phiếu yêu cầu cung cấp thông tin (tổ chức)</td>" \
	"<td><a href=\"/f/m2.doc\">Tải về</a></td></tr>" \
	"<tr><td>Mẫu số 02</td><td>Thông báo về việc từ chối</td><td><a href=\"/f/m3.doc\">Tải về</a></td></tr>" \
	"<tr><td>Mẫu số 06</td><td>Sổ theo dõi</td><td><a href=\"/f/m4.doc\">Tải về</a></td></tr></table>"

Test(judge_items, forms_behind_generic_labels_note_lists_those_found)
{
	struct judge *j = with_section(FORMS_TABLE);
	struct verdict v;

	feed_doc(j, "http://u.test/f/m1.doc");
	feed_doc(j, "http://u.test/f/m2.doc");
	feed_doc(j, "http://u.test/f/m3.doc");
	feed_doc(j, "http://u.test/f/m4.doc");
	v = verdict_of(j, CRIT_FORMS);
	EXPECT(v, ST_OK, CRIT_FORMS);
	cr_expect_str_eq(v.url, "http://u.test/f/m1.doc", "form 01a is the evidence");
	cr_expect(strstr(v.note, "các mẫu tìm thấy: 01a, 01b, 02, 06") != NULL, "%s", v.note);
	verdict_clear(&v);
}

Test(judge_items, form_link_that_does_not_load_is_missing)
{
	struct judge *j = with_section("<ul><li>Mẫu số 01a: Phiếu yêu cầu cung cấp thông tin "
	    "<a href=\"/f/m1.doc\">Tải về</a></li></ul>");
	struct verdict v;

	feed_status(j, "http://u.test/f/m1.doc", 404);
	v = verdict_of(j, CRIT_FORMS);
	EXPECT(v, ST_MISSING, CRIT_FORMS);
	cr_expect(strstr(v.note, "HTTP 404") != NULL, "%s", v.note);
	cr_expect_str_eq(v.url, "http://u.test/f/m1.doc");
	verdict_clear(&v);
	/* A form outside the section is not it either. */
	j = with_section("<p>Danh mục</p>");
	feed(j, "http://u.test/van-ban", MENU "<p><a href=\"/f/m1.doc\">Mẫu số 01a</a></p>" END);
	feed_doc(j, "http://u.test/f/m1.doc");
	v = verdict_of(j, CRIT_FORMS);
	EXPECT(v, ST_MISSING, CRIT_FORMS);
	verdict_clear(&v);
}

Test(judge_items, guidance_written_on_the_section_page_counts)
{
	struct verdict v = verdict_of(with_section("<h3>Hướng dẫn thực hiện yêu cầu cung cấp thông tin</h3>"
	    "<p>Công dân điền Phiếu yêu cầu theo Mẫu số 01a, gửi trực tiếp, qua bưu điện hoặc thư "
	    "điện tử; đơn vị trả lời trong 15 ngày làm việc.</p>"), CRIT_GUIDANCE);

	EXPECT(v, ST_OK, CRIT_GUIDANCE);
	cr_expect_str_eq(v.url, SEC);
	verdict_clear(&v);
}

Test(judge_items, guidance_link_in_section)
{
	struct judge *j = with_section("<p><a href=\"/hd.pdf\">Hướng dẫn khai thác thông tin</a></p>");
	struct verdict v;

	feed_doc(j, "http://u.test/hd.pdf");
	v = verdict_of(j, CRIT_GUIDANCE);
	EXPECT(v, ST_OK, CRIT_GUIDANCE);
	cr_expect_str_eq(v.url, "http://u.test/hd.pdf");
	verdict_clear(&v);
}

Test(judge_items, guidance_about_tax_or_land_does_not_count)
{
	struct judge *j = with_section("<p><a href=\"/hd1\">Hướng dẫn cung cấp thông tin quyết toán "
	    "thuế thu nhập cá nhân</a></p><p><a href=\"/hd2\">Hướng dẫn thủ tục cấp giấy chứng nhận "
	    "quyền sử dụng đất theo yêu cầu</a></p>");
	struct verdict v;

	feed(j, "http://u.test/hd1", MENU "<h1>Hướng dẫn quyết toán thuế</h1>" END);
	feed(j, "http://u.test/hd2", MENU "<h1>Thủ tục đất đai</h1>" END);
	v = verdict_of(j, CRIT_GUIDANCE);
	EXPECT(v, ST_MISSING, CRIT_GUIDANCE);
	cr_expect(strstr(v.note, "không được tính") != NULL, "%s", v.note);
	verdict_clear(&v);
}

Test(judge_items, all_four_count_towards_choosing_the_section)
{
	struct judge *j = new_judge();
	struct verdict v[CRIT_COUNT];

	feed(j, HOME, "<html><body><nav><a href=\"/cu\">Tiếp cận thông tin</a>"
	    "<a href=\"/moi\">Chuyên mục tiếp cận thông tin</a></nav></body></html>");
	feed(j, "http://u.test/cu", "<p>Đang cập nhật</p>");
	feed(j, "http://u.test/moi", "<p>Tiếp nhận yêu cầu cung cấp thông tin: yc@u.test</p>");
	judge_verdicts(j, v);
	judge_free(j);
	cr_expect_str_eq(v[CRIT_SECTION].url, "http://u.test/moi", "%s", v[CRIT_SECTION].note);
	EXPECT(v[CRIT_REQUEST_CHANNEL], ST_OK, CRIT_REQUEST_CHANNEL);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&v[c]);
}

/* notify-remind-letter.c: the official reminder to a lagging unit, in Vietnamese: text and HTML in one walk. */
#include "notify-letter.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "html.h"
#include "store.h"

#define REMIND_SUBJECT	"V/v đôn đốc thực hiện Luật Tiếp cận thông tin"
#define REMIND_BASIS \
    "Luật Tiếp cận thông tin số 104/2016/QH13 và Nghị định số 13/2018/NĐ-CP " \
    "ngày 23/01/2018 của Chính phủ quy định chi tiết và biện pháp thi hành " \
    "Luật Tiếp cận thông tin"

/* What is wrong with one criterion, in words (no trailing period). */
static void
add_problem(struct letter_out *o, const struct remind_item *it)
{
	const char *label = crit_info(it->crit)->label;

	if (it->v->status == ST_STALE) {
		letter_printf(o, "%s đã quá thời hạn cập nhật", label);
		if (it->v->date != NULL) {
			letter_puts(o, " (ngày mới nhất tìm thấy: ");
			letter_date(o, it->v->date);
			letter_puts(o, ")");
		}
	} else
		letter_printf(o, "Không tìm thấy %s trên Cổng/Trang thông tin "
		    "điện tử của đơn vị", label);
}

/* One failing criterion: a numbered item in text, a list item in HTML. */
static void
add_item(struct letter_out *o, size_t num, const struct remind_item *it)
{
	const struct crit_info *ci = crit_info(it->crit);
	char day[16];

	buf_printf(&o->text, "\n%zu. ", num);
	buf_puts(&o->html, "<li><p><strong>");
	letter_puts(o, ci->label);
	letter_markup(o, ": ", "</strong>: ");
	letter_printf(o, "%s (từ ngày %s)", status_label(it->v->status),
	    clock_date_vn(it->failing_since, day, sizeof day));
	letter_markup(o, "\n   - ", "</p>\n<ul>\n<li>");
	letter_puts(o, "Hiện trạng: ");
	add_problem(o, it);
	letter_markup(o, ".\n", ".</li>\n");
	if (it->v->note != NULL) {
		letter_markup(o, "   - ", "<li>");
		letter_printf(o, "Ghi nhận khi kiểm tra: %s", it->v->note);
		letter_markup(o, "\n", "</li>\n");
	}
	if (it->v->url != NULL) {
		letter_markup(o, "   - ", "<li>");
		letter_puts(o, "Tài liệu tìm thấy: ");
		letter_link(o, it->v->url);
		if (it->v->date != NULL) {
			letter_puts(o, ", ngày ");
			letter_date(o, it->v->date);
		}
		letter_markup(o, "\n", "</li>\n");
	}
	letter_markup(o, "   - ", "<li>");
	letter_printf(o, "Căn cứ pháp lý: %s.", ci->basis);
	letter_markup(o, "\n   - ", "</li>\n<li>");
	letter_printf(o, "Đề nghị: %s", ci->todo);
	letter_markup(o, "\n", "</li>\n</ul></li>\n");
}

/* The letter's body, plain text and HTML fragment, in one walk. */
static void
remind_body(struct letter_out *o, const struct unit_state *u,
    const struct remind_item *items, size_t n, int nth, bool escalated,
    const char *issuer, const struct config *cfg, int64_t now)
{
	char day[16];

	letter_markup(o, "", "<div class=\"tctt-reminder\">\n<p><strong>");
	letter_puts(o, "Kính gửi:");
	letter_markup(o, " ", "</strong> ");
	letter_puts(o, u->name);
	letter_markup(o, "\n\n", "</p>\n<p>");
	letter_printf(o, "Thực hiện %s, %s theo dõi việc công khai thông tin trên "
	    "Cổng/Trang thông tin điện tử của các cơ quan, đơn vị.", REMIND_BASIS, issuer);
	letter_markup(o, "\n\n", "</p>\n<p>");
	letter_printf(o, "Kết quả kiểm tra ngày %s đối với trang ",
	    clock_date_vn(u->checked_at ? u->checked_at : now, day, sizeof day));
	letter_link(o, u->url);
	letter_printf(o, " cho thấy đơn vị còn %zu nội dung chưa đáp ứng yêu cầu:", n);
	letter_markup(o, "\n", "</p>\n<ol>\n");
	for (size_t i = 0; i < n; i++)
		add_item(o, i + 1, &items[i]);
	letter_markup(o, "\n", "</ol>\n<p>");
	letter_printf(o, "%s đề nghị %s khẩn trương khắc phục các nội dung trên. "
	    "Mọi vướng mắc xin liên hệ %s, thư điện tử: ", issuer, u->name, issuer);
	letter_mailto(o, cfg->secretariat);
	letter_markup(o, ".\n", ".</p>\n");
	if (nth > 1) {
		letter_markup(o, "\n", "<p>");
		letter_printf(o, "Đây là văn bản đôn đốc lần thứ %d.%s", nth,
		    escalated ? " Bản sao gửi Văn phòng để theo dõi." : "");
		letter_markup(o, "\n", "</p>\n");
	}
	letter_markup(o, "\n", "<p>");
	letter_puts(o, "Trân trọng./.");
	letter_markup(o, "\n\n", "</p>\n<p><strong>");
	letter_puts(o, issuer);
	letter_markup(o, "\n\n-- \n", "</strong></p>\n<p><small>");
	letter_puts(o, "Thư này do hệ thống theo dõi việc thực hiện Luật Tiếp cận "
	    "thông tin (tctt) gửi tự động.");
	letter_markup(o, "\n", "</small></p>\n</div>\n");
}

void
remind_letter(const struct config *cfg, const struct unit_state *u,
    const struct remind_item *items, size_t n, int nth, bool escalated,
    int64_t now, struct letter *out)
{
	char *issuer = letter_issuer(cfg);
	struct letter_out o = { 0 };

	if (nth > 1)
		out->subject = xasprintf("%s (lần %d)", REMIND_SUBJECT, nth);
	else
		out->subject = xstrdup(REMIND_SUBJECT);
	remind_body(&o, u, items, n, nth, escalated, issuer, cfg, now);
	out->text = buf_steal(&o.text);
	out->html = buf_steal(&o.html);
	free(issuer);
}

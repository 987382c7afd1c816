/* notify-remind-letter.c: the official reminder to a lagging unit, in Vietnamese. */
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
add_problem(struct buf *b, const struct remind_item *it)
{
	const char *label = crit_info(it->crit)->label;

	if (it->v->status == ST_STALE) {
		buf_printf(b, "%s đã quá thời hạn cập nhật", label);
		if (it->v->date != NULL) {
			buf_puts(b, " (ngày mới nhất tìm thấy: ");
			letter_add_date(b, it->v->date);
			buf_puts(b, ")");
		}
	} else
		buf_printf(b, "Không tìm thấy %s trên Cổng/Trang thông tin "
		    "điện tử của đơn vị", label);
}

/* The plain-text body. */
static char *
remind_text(const struct unit_state *u, const struct remind_item *items,
    size_t n, int nth, bool escalated, const char *issuer,
    const struct config *cfg, int64_t now)
{
	struct buf b = { 0 };
	char day[16];

	buf_printf(&b, "Kính gửi: %s\n\n", u->name);
	buf_printf(&b, "Thực hiện %s, %s theo dõi việc công khai thông tin trên "
	    "Cổng/Trang thông tin điện tử của các cơ quan, đơn vị.\n\n",
	    REMIND_BASIS, issuer);
	buf_printf(&b, "Kết quả kiểm tra ngày %s đối với trang %s cho thấy đơn "
	    "vị còn %zu nội dung chưa đáp ứng yêu cầu:\n",
	    clock_date_vn(u->checked_at ? u->checked_at : now, day, sizeof day),
	    u->url, n);
	for (size_t i = 0; i < n; i++) {
		const struct remind_item *it = &items[i];
		const struct crit_info *ci = crit_info(it->crit);

		buf_printf(&b, "\n%zu. %s: %s (từ ngày %s)\n", i + 1, ci->label,
		    status_label(it->v->status),
		    clock_date_vn(it->failing_since, day, sizeof day));
		buf_puts(&b, "   - Hiện trạng: ");
		add_problem(&b, it);
		buf_puts(&b, ".\n");
		if (it->v->note != NULL)
			buf_printf(&b, "   - Ghi nhận khi kiểm tra: %s\n", it->v->note);
		if (it->v->url != NULL) {
			buf_printf(&b, "   - Tài liệu tìm thấy: %s", it->v->url);
			if (it->v->date != NULL) {
				buf_puts(&b, ", ngày ");
				letter_add_date(&b, it->v->date);
			}
			buf_puts(&b, "\n");
		}
		buf_printf(&b, "   - Căn cứ pháp lý: %s.\n", ci->basis);
		buf_printf(&b, "   - Đề nghị: %s\n", ci->todo);
	}
	buf_printf(&b, "\n%s đề nghị %s khẩn trương khắc phục các nội dung trên. "
	    "Mọi vướng mắc xin liên hệ %s, thư điện tử: %s.\n", issuer, u->name,
	    issuer, cfg->secretariat);
	if (nth > 1)
		buf_printf(&b, "\nĐây là văn bản đôn đốc lần thứ %d.%s\n", nth,
		    escalated ? " Bản sao gửi Văn phòng để theo dõi." : "");
	buf_printf(&b, "\nTrân trọng./.\n\n%s\n\n-- \nThư này do hệ thống theo dõi "
	    "việc thực hiện Luật Tiếp cận thông tin (tctt) gửi tự động.\n", issuer);
	return buf_steal(&b);
}

/* A link when url is http(s), else the escaped text. */
static void
add_link(struct buf *b, const char *url)
{
	if (html_safe_url(url)) {
		buf_puts(b, "<a href=\"");
		html_escape(b, url);
		buf_puts(b, "\">");
		html_escape(b, url);
		buf_puts(b, "</a>");
	} else
		html_escape(b, url);
}

/* The HTML fragment: the same content as the text. */
static char *
remind_html(const struct unit_state *u, const struct remind_item *items,
    size_t n, int nth, bool escalated, const char *issuer,
    const struct config *cfg, int64_t now)
{
	struct buf b = { 0 }, t = { 0 };
	char day[16];

	buf_puts(&b, "<div class=\"tctt-reminder\">\n<p><strong>Kính gửi:</strong> ");
	html_escape(&b, u->name);
	buf_puts(&b, "</p>\n<p>Thực hiện ");
	html_escape(&b, REMIND_BASIS);
	buf_puts(&b, ", ");
	html_escape(&b, issuer);
	buf_puts(&b, " theo dõi việc công khai thông tin trên Cổng/Trang thông tin "
	    "điện tử của các cơ quan, đơn vị.</p>\n<p>Kết quả kiểm tra ngày ");
	html_escape(&b, clock_date_vn(u->checked_at ? u->checked_at : now, day,
	    sizeof day));
	buf_puts(&b, " đối với trang ");
	add_link(&b, u->url);
	buf_printf(&b, " cho thấy đơn vị còn %zu nội dung chưa đáp ứng yêu cầu:</p>\n<ol>\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct remind_item *it = &items[i];
		const struct crit_info *ci = crit_info(it->crit);

		buf_puts(&b, "<li><p><strong>");
		html_escape(&b, ci->label);
		buf_puts(&b, "</strong>: ");
		html_escape(&b, status_label(it->v->status));
		buf_puts(&b, " (từ ngày ");
		html_escape(&b, clock_date_vn(it->failing_since, day, sizeof day));
		buf_puts(&b, ")</p>\n<ul>\n<li>Hiện trạng: ");
		add_problem(&t, it);
		html_escape(&b, t.data);
		buf_free(&t);
		buf_puts(&b, ".</li>\n");
		if (it->v->note != NULL) {
			buf_puts(&b, "<li>Ghi nhận khi kiểm tra: ");
			html_escape(&b, it->v->note);
			buf_puts(&b, "</li>\n");
		}
		if (it->v->url != NULL) {
			buf_puts(&b, "<li>Tài liệu tìm thấy: ");
			add_link(&b, it->v->url);
			if (it->v->date != NULL) {
				buf_puts(&b, ", ngày ");
				letter_add_date(&t, it->v->date);
				html_escape(&b, t.data);
				buf_free(&t);
			}
			buf_puts(&b, "</li>\n");
		}
		buf_puts(&b, "<li>Căn cứ pháp lý: ");
		html_escape(&b, ci->basis);
		buf_puts(&b, ".</li>\n<li>Đề nghị: ");
		html_escape(&b, ci->todo);
		buf_puts(&b, "</li>\n</ul></li>\n");
	}
	buf_puts(&b, "</ol>\n<p>");
	html_escape(&b, issuer);
	buf_puts(&b, " đề nghị ");
	html_escape(&b, u->name);
	buf_puts(&b, " khẩn trương khắc phục các nội dung trên. Mọi vướng mắc xin liên hệ ");
	html_escape(&b, issuer);
	buf_puts(&b, ", thư điện tử: <a href=\"mailto:");
	html_escape(&b, cfg->secretariat);
	buf_puts(&b, "\">");
	html_escape(&b, cfg->secretariat);
	buf_puts(&b, "</a>.</p>\n");
	if (nth > 1)
		buf_printf(&b, "<p>Đây là văn bản đôn đốc lần thứ %d.%s</p>\n", nth,
		    escalated ? " Bản sao gửi Văn phòng để theo dõi." : "");
	buf_puts(&b, "<p>Trân trọng./.</p>\n<p><strong>");
	html_escape(&b, issuer);
	buf_puts(&b, "</strong></p>\n<p><small>Thư này do hệ thống theo dõi việc thực "
	    "hiện Luật Tiếp cận thông tin (tctt) gửi tự động.</small></p>\n</div>\n");
	return buf_steal(&b);
}

void
remind_letter(const struct config *cfg, const struct unit_state *u,
    const struct remind_item *items, size_t n, int nth, bool escalated,
    int64_t now, struct letter *out)
{
	char *issuer = letter_issuer(cfg);

	if (nth > 1)
		out->subject = xasprintf("%s (lần %d)", REMIND_SUBJECT, nth);
	else
		out->subject = xstrdup(REMIND_SUBJECT);
	out->text = remind_text(u, items, n, nth, escalated, issuer, cfg, now);
	out->html = remind_html(u, items, n, nth, escalated, issuer, cfg, now);
	free(issuer);
}

/* page-notices.c: the notices sent, the weekly digests, and one digest as it was sent. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "html.h"
#include "log.h"
#include "store-dash.h"

#define LIST_LIMIT 500

/* A notice's kind in Vietnamese; borrowed. */
static const char *
notice_kind(const char *kind)
{
	if (kind != NULL && strcmp(kind, "reminder") == 0)
		return "Nhắc nhở";
	if (kind != NULL && strcmp(kind, "digest") == 0)
		return "Báo cáo tuần";
	return kind != NULL ? kind : "—";
}

/* The recipient cell: to, and cc when there is one. */
static void
recipients(struct buf *b, const struct notice_row *n)
{
	html_escape(b, n->mail_to != NULL ? n->mail_to : "—");
	if (n->mail_cc != NULL && *n->mail_cc != '\0') {
		buf_puts(b, "<br>Đồng gửi: ");
		html_escape(b, n->mail_cc);
	}
}

void
page_notices(struct dash_req *r)
{
	struct store *st = dash_store(r->d);
	struct notice_row *nr;
	struct buf *b = &r->body;
	size_t n;
	char *cause;

	if (st == NULL) {
		page_no_data(r);
		return;
	}
	if (store_notices(st, NULL, LIST_LIMIT, &nr, &n, &cause) == -1) {
		page_db_error(r, cause);
		return;
	}
	page_begin(b, "Thông báo", "notices");
	buf_puts(b, "<h1>Thông báo nhắc nhở và báo cáo đã gửi</h1>\n");
	if (n == 0)
		buf_puts(b, "<p>Chưa có thông báo nào.</p>\n");
	else {
		page_scroll_begin(b, "Bảng thông báo (cuộn ngang)");
		buf_printf(b, "<table>\n<caption>%zu thông báo "
		    "gần nhất</caption>\n<thead><tr><th scope=\"col\">Ngày tạo</th>"
		    "<th scope=\"col\">Loại</th><th scope=\"col\">Đơn vị</th>"
		    "<th scope=\"col\">Tiêu đề</th><th scope=\"col\">Người nhận</th>"
		    "<th scope=\"col\">Trạng thái</th><th scope=\"col\">Số lần gửi</th>"
		    "<th scope=\"col\">Ngày gửi</th></tr></thead>\n<tbody>\n", n);
	}
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, "<tr><td>");
		page_datetime(b, nr[i].created_at);
		buf_puts(b, "</td><td>");
		html_escape(b, notice_kind(nr[i].kind));
		buf_puts(b, "</td><td>");
		if (nr[i].unit_id != NULL) {
			buf_puts(b, "<a href=\"/unit/");
			html_escape(b, nr[i].unit_id);
			buf_puts(b, "\">");
			html_escape(b, nr[i].unit_name != NULL ? nr[i].unit_name : nr[i].unit_id);
			buf_puts(b, "</a>");
		} else
			buf_puts(b, "—");
		buf_puts(b, "</td><th scope=\"row\">");
		html_escape(b, nr[i].subject);
		buf_puts(b, "</th><td>");
		recipients(b, &nr[i]);
		buf_puts(b, "</td><td>");
		html_escape(b, page_notice_state(nr[i].state));
		if (nr[i].error != NULL && *nr[i].error != '\0') {
			buf_puts(b, "<br><span class=\"error\">");
			html_escape(b, nr[i].error);
			buf_puts(b, "</span>");
		}
		buf_printf(b, "</td><td class=\"num\">%d</td><td>", nr[i].attempts);
		page_datetime(b, nr[i].sent_at);
		buf_puts(b, "</td></tr>\n");
	}
	if (n > 0) {
		buf_puts(b, "</tbody>\n</table>\n");
		page_scroll_end(b);
	}
	page_end(b);
	notice_rows_free(nr, n);
}

void
page_digests(struct dash_req *r)
{
	struct store *st = dash_store(r->d);
	struct digest_row *d;
	struct buf *b = &r->body;
	size_t n;
	char *cause;

	if (st == NULL) {
		page_no_data(r);
		return;
	}
	if (store_digests(st, LIST_LIMIT, &d, &n, &cause) == -1) {
		page_db_error(r, cause);
		return;
	}
	page_begin(b, "Báo cáo tuần", "digests");
	buf_puts(b, "<h1>Báo cáo tuần</h1>\n");
	if (n == 0)
		buf_puts(b, "<p>Chưa có báo cáo tuần nào.</p>\n");
	else {
		page_scroll_begin(b, "Bảng báo cáo tuần (cuộn ngang)");
		buf_puts(b, "<table>\n<caption>Các báo cáo tuần gửi Văn phòng</caption>\n"
		    "<thead><tr><th scope=\"col\">Tuần</th><th scope=\"col\">Ngày lập</th>"
		    "<th scope=\"col\">Tiêu đề</th><th scope=\"col\">Trạng thái</th>"
		    "</tr></thead>\n<tbody>\n");
	}
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "<tr><th scope=\"row\"><a href=\"/digests/%lld\">",
		    (long long)d[i].id);
		html_escape(b, d[i].week);
		buf_puts(b, "</a></th><td>");
		page_date(b, d[i].created_at);
		buf_puts(b, "</td><td>");
		html_escape(b, d[i].notice.subject != NULL ? d[i].notice.subject : "—");
		buf_puts(b, "</td><td>");
		html_escape(b, page_notice_state(d[i].notice.state));
		buf_puts(b, "</td></tr>\n");
	}
	if (n > 0) {
		buf_puts(b, "</tbody>\n</table>\n");
		page_scroll_end(b);
	}
	page_end(b);
	digest_rows_free(d, n);
}

void
page_digest(struct dash_req *r, const char *idstr)
{
	struct store *st;
	struct digest_row d;
	struct buf *b = &r->body;
	long long id;
	char *end, *cause;
	int rc;

	errno = 0;
	id = strtoll(idstr, &end, 10);
	if (*idstr < '1' || *idstr > '9' || *end != '\0' || errno != 0) {
		page_error(r, 404, "Không có báo cáo này.");
		return;
	}
	if ((st = dash_store(r->d)) == NULL) {
		page_no_data(r);
		return;
	}
	if ((rc = store_digest(st, id, &d, &cause)) == -1) {
		page_db_error(r, cause);
		return;
	}
	if (rc == 0) {
		page_error(r, 404, "Không có báo cáo này.");
		return;
	}
	page_begin(b, "Báo cáo tuần", "digests");
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/digests\">Báo cáo tuần</a> › tuần ");
	html_escape(b, d.week);
	buf_puts(b, "</p>\n<h1>");
	html_escape(b, d.notice.subject != NULL ? d.notice.subject : d.week);
	buf_puts(b, "</h1>\n<dl class=\"facts\">\n<dt>Tuần</dt><dd>");
	html_escape(b, d.week);
	buf_puts(b, "</dd>\n<dt>Ngày lập</dt><dd>");
	page_datetime(b, d.created_at);
	buf_puts(b, "</dd>\n<dt>Người nhận</dt><dd>");
	recipients(b, &d.notice);
	buf_puts(b, "</dd>\n<dt>Trạng thái</dt><dd>");
	html_escape(b, page_notice_state(d.notice.state));
	buf_puts(b, "</dd>\n<dt>Ngày gửi</dt><dd>");
	page_datetime(b, d.notice.sent_at);
	buf_puts(b, "</dd>\n</dl>\n<h2>Nội dung đã gửi</h2>\n");
	if (d.notice.body_text != NULL) {
		buf_puts(b, "<pre class=\"mail\">");
		html_escape(b, d.notice.body_text);
		buf_puts(b, "</pre>\n");
	} else
		buf_puts(b, "<p>Báo cáo này chưa có nội dung.</p>\n");
	page_end(b);
	digest_row_clear(&d);
}

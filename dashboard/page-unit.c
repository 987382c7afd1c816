/* page-unit.c: one unit: each criterion with its evidence, the history, the reminders sent. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "criteria.h"
#include "dashboard.h"
#include "html.h"
#include "log.h"
#include "store-dash.h"

#define UNIT_NOTICES 100

/* Unit IDs are [a-z0-9-]+ (SPEC.md); anything else cannot name a unit. */
static bool
valid_id(const char *id)
{
	size_t len = strlen(id);

	if (len == 0 || len > 64)
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == len;
}

/* The unit's facts as a description list. */
static void
facts(struct buf *b, const struct unit_state *u, crit_set counted)
{
	buf_puts(b, "<dl class=\"facts\">\n<dt>Loại đơn vị</dt><dd>");
	html_escape(b, page_kind_label(u->kind));
	buf_puts(b, "</dd>\n<dt>Cổng thông tin</dt><dd>");
	page_link(b, u->url, NULL);
	buf_puts(b, "</dd>\n<dt>Thư điện tử</dt><dd>");
	html_escape(b, u->email != NULL ? u->email : "—");
	buf_puts(b, "</dd>\n<dt>Kiểm tra lần cuối</dt><dd>");
	page_datetime(b, u->checked_at);
	if (u->checked_at != 0 && !u->reachable)
		buf_puts(b, " (không truy cập được)");
	buf_puts(b, "</dd>\n<dt>Điểm</dt><dd>");
	if (u->checked_at != 0)
		buf_printf(b, "%d%% tiêu chí đạt (trên %d tiêu chí được tính điểm)", u->score,
		    crit_set_size(u->counted));
	else
		buf_puts(b, "—");
	buf_puts(b, "</dd>\n<dt>Tình trạng chung</dt><dd>");
	page_badge(b, unit_overall(u, counted));
	buf_puts(b, "</dd>\n");
	if (u->archived_at != 0) {
		buf_puts(b, "<dt>Lưu trữ</dt><dd>Đơn vị không còn trong cấu hình từ ");
		page_date(b, u->archived_at);
		buf_puts(b, "</dd>\n");
	}
	buf_puts(b, "</dl>\n");
}

/* The current verdicts, one row per criterion. */
static void
criteria_table(struct buf *b, struct store *st, const struct unit_state *u)
{
	page_scroll_begin(b, "Bảng kết quả hiện tại theo tiêu chí (cuộn ngang)");
	buf_puts(b, "<table>\n<caption>Kết quả hiện tại theo "
	    "tiêu chí</caption>\n<thead><tr><th scope=\"col\">Tiêu chí</th>"
	    "<th scope=\"col\">Trạng thái</th><th scope=\"col\">Bằng chứng</th>"
	    "<th scope=\"col\">Ngày của văn bản</th><th scope=\"col\">Ghi chú</th>"
	    "<th scope=\"col\">Từ ngày</th></tr></thead>\n<tbody>\n");
	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct crit_info *ci = crit_info((enum criterion)c);
		const struct verdict *v = &u->v[c];
		bool checked = u->checked_at != 0;

		buf_puts(b, "<tr><th scope=\"row\">");
		html_escape(b, ci->label);
		buf_puts(b, "<br><span class=\"basis\">");
		html_escape(b, ci->basis);
		buf_puts(b, "</span></th>\n<td>");
		corr_status_cell(b, u, c);
		buf_puts(b, "</td>\n<td class=\"url\">");
		page_link(b, checked ? v->url : NULL, NULL);
		if (checked)
			corr_archive_link(b, st, v);
		buf_puts(b, "</td>\n<td>");
		page_isodate(b, checked ? v->date : NULL);
		buf_puts(b, "</td>\n<td>");
		html_escape(b, checked && v->note != NULL ? v->note : "—");
		buf_puts(b, "</td>\n<td>");
		page_date(b, checked ? v->since : 0);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
	page_scroll_end(b);
}

/* The history, newest first, as a timeline of stretches. */
static void
timeline(struct buf *b, struct store *st, const char *id)
{
	struct history_entry *h;
	size_t n;
	char *cause;

	buf_puts(b, "<section aria-labelledby=\"hist-h\">\n<h2 id=\"hist-h\">Lịch sử</h2>\n");
	if (store_history(st, id, &h, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		buf_puts(b, "<p>Không đọc được lịch sử.</p>\n</section>\n");
		return;
	}
	if (n == 0)
		buf_puts(b, "<p>Chưa có lượt kiểm tra nào.</p>\n");
	else
		buf_puts(b, "<ol class=\"timeline\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, "<li><p class=\"when\">");
		page_date(b, h[i].first_seen);
		if (h[i].last_seen != h[i].first_seen) {
			buf_puts(b, " – ");
			page_date(b, h[i].last_seen);
		}
		buf_puts(b, "</p>\n<p><strong>");
		html_escape(b, crit_info(h[i].crit)->label);
		buf_puts(b, "</strong>: ");
		page_badge(b, (int)h[i].v.status);
		if (h[i].v.note != NULL) {
			buf_puts(b, " – ");
			html_escape(b, h[i].v.note);
		}
		if (h[i].v.url != NULL) {
			buf_puts(b, "<br>Bằng chứng: ");
			page_link(b, h[i].v.url, NULL);
		}
		buf_puts(b, "</p></li>\n");
	}
	if (n > 0)
		buf_puts(b, "</ol>\n");
	buf_puts(b, "</section>\n");
	history_free(h, n);
}

/* The reminders sent (or queued) to the unit. */
static void
reminders(struct buf *b, struct store *st, const char *id)
{
	struct notice_row *nr;
	size_t n;
	char *cause;

	buf_puts(b, "<section aria-labelledby=\"rem-h\">\n<h2 id=\"rem-h\">"
	    "Thông báo nhắc nhở đã gửi</h2>\n");
	if (store_notices(st, id, UNIT_NOTICES, &nr, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		buf_puts(b, "<p>Không đọc được danh sách thông báo.</p>\n</section>\n");
		return;
	}
	if (n == 0)
		buf_puts(b, "<p>Chưa có thông báo nào gửi đơn vị này.</p>\n");
	else {
		page_scroll_begin(b, "Bảng thông báo gửi đơn vị (cuộn ngang)");
		buf_puts(b, "<table>\n<caption>Thông báo gửi đơn vị</caption>\n<thead><tr>"
		    "<th scope=\"col\">Ngày tạo</th><th scope=\"col\">Tiêu đề</th>"
		    "<th scope=\"col\">Người nhận</th><th scope=\"col\">Trạng thái</th>"
		    "<th scope=\"col\">Ngày gửi</th></tr></thead>\n<tbody>\n");
	}
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, "<tr><td>");
		page_date(b, nr[i].created_at);
		buf_puts(b, "</td><th scope=\"row\">");
		html_escape(b, nr[i].subject);
		buf_puts(b, "</th><td>");
		html_escape(b, nr[i].mail_to);
		if (nr[i].mail_cc != NULL && *nr[i].mail_cc != '\0') {
			buf_puts(b, "<br>Đồng gửi: ");
			html_escape(b, nr[i].mail_cc);
		}
		buf_puts(b, "</td><td>");
		html_escape(b, page_notice_state(nr[i].state));
		buf_puts(b, "</td><td>");
		page_date(b, nr[i].sent_at);
		buf_puts(b, "</td></tr>\n");
	}
	if (n > 0) {
		buf_puts(b, "</tbody>\n</table>\n");
		page_scroll_end(b);
	}
	buf_puts(b, "</section>\n");
	notice_rows_free(nr, n);
}

void
page_unit(struct dash_req *r, const char *id)
{
	struct store *st;
	struct unit_state u;
	char *cause;
	int rc;

	if (!valid_id(id)) {
		page_error(r, 404, "Không có đơn vị này.");
		return;
	}
	if ((st = dash_store(r->d)) == NULL) {
		page_no_data(r);
		return;
	}
	if ((rc = store_unit(st, id, &u, &cause)) == -1) {
		page_db_error(r, cause);
		return;
	}
	if (rc == 0) {
		page_error(r, 404, "Không có đơn vị này.");
		return;
	}
	page_begin(&r->body, u.name, NULL);
	buf_puts(&r->body, "<p class=\"crumbs\"><a href=\"/\">Tổng quan</a> › đơn vị</p>\n<h1>");
	html_escape(&r->body, u.name);
	buf_puts(&r->body, "</h1>\n");
	facts(&r->body, &u, r->d->cfg->criteria);
	criteria_table(&r->body, st, &u);
	if (r->d->users != NULL)
		corr_unit_sections(r, st, &u);
	timeline(&r->body, st, u.id);
	reminders(&r->body, st, u.id);
	page_end(&r->body);
	unit_state_clear(&u);
}

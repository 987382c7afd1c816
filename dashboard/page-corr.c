/*
 * page-corr.c: the secretariat's corrections as pages: both statuses where a
 * manual verdict is in force, the archived copies of evidence, the waiting
 * re-check, hints, yearly statistics, the audit log (/audit and per unit) and,
 * for editors, the forms (plain HTML, no script) that post to actions.c.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "criteria.h"
#include "dashboard.h"
#include "dates.h"
#include "html.h"
#include "log.h"
#include "store-corr.h"

#define AUDIT_PAGE_ROWS	500
#define AUDIT_UNIT_ROWS	50

void
corr_status_cell(struct buf *b, const struct unit_state *u, int c)
{
	const struct manual_verdict *m = &u->manual[c];
	bool checked = u->checked_at != 0;

	if (m->status == ST_NOT_CHECKED) {
		page_badge(b, checked ? (int)u->v[c].status : ST_NOT_CHECKED);
		return;
	}
	page_badge(b, (int)m->status);
	buf_puts(b, "<p class=\"manual\">Kết luận thủ công của ");
	html_escape(b, m->by);
	buf_puts(b, ", hiệu lực đến ");
	page_isodate(b, m->until);
	buf_puts(b, ": ");
	html_escape(b, m->reason);
	buf_puts(b, "</p><p class=\"manual\">Kết quả tự động: ");
	page_badge(b, checked ? (int)u->auto_status[c] : ST_NOT_CHECKED);
	buf_puts(b, "</p>");
}

/* True for 64 lowercase hex digits. */
static bool
valid_sha(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

void
corr_archive_link(struct buf *b, struct store *st, const struct verdict *v)
{
	char *cause;
	int rc;

	if (v->sha256 == NULL || !valid_sha(v->sha256))
		return;
	if ((rc = store_archive_has(st, v->sha256, &cause)) == -1) {
		log_warnx("%s", cause);
		free(cause);
	}
	if (rc == 1)
		buf_printf(b, " <a class=\"archived\" href=\"/evidence/%s\">bản lưu</a>",
		    v->sha256);
}

/* A criterion picker for a form. */
static void
crit_select(struct buf *b, const char *form)
{
	buf_printf(b, "<p><label for=\"%s-crit\">Tiêu chí</label>\n"
	    "<select id=\"%s-crit\" name=\"criterion\" required>\n", form, form);
	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct crit_info *ci = crit_info((enum criterion)c);

		buf_puts(b, "<option value=\"");
		html_escape(b, ci->id);
		buf_puts(b, "\">");
		html_escape(b, ci->label);
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select></p>\n");
}

/* The start of a form posting to /unit/ID/action, with its token. */
static void
form_begin(struct buf *b, const char *id, const char *action, const char *token,
    const char *legend)
{
	buf_printf(b, "<form method=\"post\" action=\"/unit/%s/%s\" class=\"action\">\n"
	    "<fieldset><legend>%s</legend>\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"", id, action, legend);
	html_escape(b, token);
	buf_puts(b, "\">\n");
}

/* The editor's forms. */
static void
forms(struct buf *b, const struct unit_state *u, const char *token, int64_t now)
{
	char today[16], limit[16];
	int t = date_of_time(now);

	date_iso(t, today, sizeof today);
	date_iso(t + 10000, limit, sizeof limit);
	buf_puts(b, "<section aria-labelledby=\"act-h\">\n<h2 id=\"act-h\">"
	    "Điều chỉnh của Văn phòng</h2>\n");
	form_begin(b, u->id, "recheck", token, "Kiểm tra lại ngay");
	buf_puts(b, "<p>Hệ thống sẽ kiểm tra lại cổng thông tin của đơn vị trong vòng "
	    "một phút.</p>\n<p><button type=\"submit\">Kiểm tra lại ngay</button></p>\n"
	    "</fieldset></form>\n");

	form_begin(b, u->id, "hint", token, "Gợi ý địa chỉ bằng chứng");
	crit_select(b, "hint");
	buf_puts(b, "<p><label for=\"hint-url\">Địa chỉ (http:// hoặc https://)</label>\n"
	    "<input id=\"hint-url\" name=\"url\" type=\"url\" required maxlength=\"2000\">"
	    "</p>\n<p><label for=\"hint-note\">Ghi chú</label>\n"
	    "<textarea id=\"hint-note\" name=\"note\" rows=\"2\" maxlength=\"1000\">"
	    "</textarea></p>\n<p>Lần kiểm tra sau sẽ tải địa chỉ này trước và đánh giá "
	    "theo cùng quy tắc; gợi ý không tự làm tiêu chí đạt.</p>\n"
	    "<p><button type=\"submit\">Gửi gợi ý</button></p>\n</fieldset></form>\n");

	form_begin(b, u->id, "verdict", token, "Kết luận thủ công");
	crit_select(b, "verdict");
	buf_puts(b, "<p><label for=\"verdict-status\">Kết luận</label>\n"
	    "<select id=\"verdict-status\" name=\"status\" required>\n");
	static const enum status choices[] = { ST_OK, ST_STALE, ST_MISSING };
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		buf_printf(b, "<option value=\"%s\">%s</option>\n", status_name(choices[i]),
		    status_label(choices[i]));
	buf_printf(b, "</select></p>\n<p><label for=\"verdict-reason\">Lý do</label>\n"
	    "<textarea id=\"verdict-reason\" name=\"reason\" rows=\"2\" required "
	    "maxlength=\"1000\"></textarea></p>\n"
	    "<p><label for=\"verdict-until\">Hiệu lực đến ngày (tối đa một năm)</label>\n"
	    "<input id=\"verdict-until\" name=\"until\" type=\"date\" required "
	    "min=\"%s\" max=\"%s\"></p>\n"
	    "<p><button type=\"submit\">Ghi kết luận</button></p>\n</fieldset></form>\n",
	    today, limit);

	form_begin(b, u->id, "verdict/revoke", token, "Thu hồi kết luận thủ công");
	crit_select(b, "revoke");
	buf_puts(b, "<p><label for=\"revoke-reason\">Lý do thu hồi</label>\n"
	    "<textarea id=\"revoke-reason\" name=\"reason\" rows=\"2\" required "
	    "maxlength=\"1000\"></textarea></p>\n"
	    "<p><button type=\"submit\">Thu hồi</button></p>\n</fieldset></form>\n");

	form_begin(b, u->id, "stats", token, "Số liệu tiếp nhận, giải quyết yêu cầu trong năm");
	buf_printf(b, "<p><label for=\"stats-year\">Năm</label>\n<input id=\"stats-year\" "
	    "name=\"year\" type=\"number\" required min=\"%d\" max=\"%d\" value=\"%d\"></p>\n",
	    t / 10000 - 1, t / 10000, t / 10000);
	static const char *const fields[][2] = {
		{ "received", "Số yêu cầu đã nhận" },
		{ "provided_full", "Cung cấp toàn bộ" },
		{ "provided_part", "Cung cấp một phần" },
		{ "refused", "Từ chối" },
		{ "transferred", "Chuyển cơ quan khác" },
		{ "overdue", "Quá hạn giải quyết" },
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		buf_printf(b, "<p><label for=\"stats-%s\">%s</label>\n<input id=\"stats-%s\" "
		    "name=\"%s\" type=\"number\" required min=\"0\" step=\"1\" value=\"0\"></p>\n",
		    fields[i][0], fields[i][1], fields[i][0], fields[i][0]);
	buf_puts(b, "<p><button type=\"submit\">Lưu số liệu</button></p>\n</fieldset></form>\n"
	    "</section>\n");
}

/* A Vietnamese name of an audited action. */
static const char *
action_label(const char *a)
{
	static const char *const names[][2] = {
		{ "recheck", "Kiểm tra lại" }, { "hint", "Gợi ý" },
		{ "verdict", "Kết luận thủ công" }, { "revoke", "Thu hồi kết luận" },
		{ "stats", "Số liệu năm" },
	};

	for (size_t i = 0; a != NULL && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(a, names[i][0]) == 0)
			return names[i][1];
	return a != NULL ? a : "—";
}

/* The audit rows as a table. */
static void
audit_table(struct buf *b, const struct audit_row *a, size_t n, bool with_unit)
{
	if (n == 0) {
		buf_puts(b, "<p>Chưa có thao tác nào.</p>\n");
		return;
	}
	page_scroll_begin(b, "Nhật ký thao tác");
	buf_puts(b, "<table>\n<caption>Nhật ký thao tác "
	    "(không sửa, không xoá được)</caption>\n<thead><tr><th scope=\"col\">Thời điểm"
	    "</th><th scope=\"col\">Người dùng</th><th scope=\"col\">Địa chỉ</th>"
	    "<th scope=\"col\">Thao tác</th><th scope=\"col\">Kết quả</th>");
	if (with_unit)
		buf_puts(b, "<th scope=\"col\">Đơn vị</th>");
	buf_puts(b, "<th scope=\"col\">Tiêu chí</th><th scope=\"col\">Trước</th>"
	    "<th scope=\"col\">Sau</th><th scope=\"col\">Lý do</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		int c = a[i].criterion != NULL ? criterion_from_id(a[i].criterion) : -1;

		buf_puts(b, "<tr><td>");
		page_datetime(b, a[i].at);
		buf_puts(b, "</td><td>");
		html_escape(b, a[i].user);
		buf_puts(b, "</td><td>");
		html_escape(b, a[i].client != NULL ? a[i].client : "—");
		buf_puts(b, "</td><th scope=\"row\">");
		html_escape(b, action_label(a[i].action));
		buf_puts(b, "</th><td>");
		html_escape(b, a[i].outcome != NULL && strcmp(a[i].outcome, "done") == 0 ?
		    "Đã thực hiện" : "Bị từ chối");
		buf_puts(b, "</td>");
		if (with_unit) {
			buf_puts(b, "<td>");
			if (a[i].unit_id != NULL) {
				buf_puts(b, "<a href=\"/unit/");
				html_escape(b, a[i].unit_id);
				buf_puts(b, "\">");
				html_escape(b, a[i].unit_id);
				buf_puts(b, "</a>");
			} else
				buf_puts(b, "—");
			buf_puts(b, "</td>");
		}
		buf_puts(b, "<td>");
		html_escape(b, c >= 0 ? crit_info((enum criterion)c)->label : "—");
		buf_puts(b, "</td><td>");
		html_escape(b, a[i].old_value != NULL ? a[i].old_value : "—");
		buf_puts(b, "</td><td>");
		html_escape(b, a[i].new_value != NULL ? a[i].new_value : "—");
		buf_puts(b, "</td><td>");
		html_escape(b, a[i].reason != NULL ? a[i].reason : "—");
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</div>\n");
}

/* The hints given for the unit. */
static void
hints(struct buf *b, struct store *st, const char *id)
{
	struct hint_row *h;
	size_t n;
	char *cause;

	if (store_hints(st, id, &h, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return;
	}
	if (n > 0) {
		buf_puts(b, "<section aria-labelledby=\"hint-h\">\n<h2 id=\"hint-h\">"
		    "Địa chỉ gợi ý</h2>\n<ul>\n");
		for (size_t i = 0; i < n; i++) {
			int c = criterion_from_id(h[i].criterion);

			buf_puts(b, "<li>");
			html_escape(b, c >= 0 ? crit_info((enum criterion)c)->label : h[i].criterion);
			buf_puts(b, ": ");
			page_link(b, h[i].url, NULL);
			if (h[i].note != NULL && *h[i].note != '\0') {
				buf_puts(b, " – ");
				html_escape(b, h[i].note);
			}
			buf_puts(b, " (");
			html_escape(b, h[i].by);
			buf_puts(b, ", ");
			page_date(b, h[i].at);
			buf_puts(b, ")</li>\n");
		}
		buf_puts(b, "</ul>\n</section>\n");
	}
	hint_rows_free(h, n);
}

/* The unit's yearly figures. */
static void
stats(struct buf *b, struct store *st, const char *id)
{
	struct yearly_stats *y;
	size_t n;
	char *cause;

	if (store_yearly_stats(st, id, &y, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return;
	}
	buf_puts(b, "<section aria-labelledby=\"stats-h\">\n<h2 id=\"stats-h\">"
	    "Số liệu yêu cầu cung cấp thông tin theo năm</h2>\n");
	if (n == 0)
		buf_puts(b, "<p>Đơn vị chưa có số liệu nào được nhập.</p>\n");
	else {
		page_scroll_begin(b, "Số liệu theo năm");
		buf_puts(b, "<table>\n<caption>Số liệu theo năm"
		    "</caption>\n<thead><tr><th scope=\"col\">Năm</th><th scope=\"col\">"
		    "Đã nhận</th><th scope=\"col\">Cung cấp toàn bộ</th><th scope=\"col\">"
		    "Một phần</th><th scope=\"col\">Từ chối</th><th scope=\"col\">Chuyển"
		    "</th><th scope=\"col\">Quá hạn</th><th scope=\"col\">Cập nhật</th>"
		    "</tr></thead>\n<tbody>\n");
	}
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "<tr><th scope=\"row\">%d</th><td>%lld</td><td>%lld</td>"
		    "<td>%lld</td><td>%lld</td><td>%lld</td><td>%lld</td><td>", y[i].year,
		    (long long)y[i].received, (long long)y[i].provided_full,
		    (long long)y[i].provided_part, (long long)y[i].refused,
		    (long long)y[i].transferred, (long long)y[i].overdue);
		html_escape(b, y[i].updated_by);
		buf_puts(b, ", ");
		page_datetime(b, y[i].updated_at);
		buf_puts(b, "</td></tr>\n");
	}
	if (n > 0)
		buf_puts(b, "</tbody>\n</table>\n</div>\n");
	buf_puts(b, "</section>\n");
	yearly_stats_free(y, n);
}

void
corr_unit_sections(struct dash_req *r, struct store *st, const struct unit_state *u)
{
	struct buf *b = &r->body;
	struct audit_row *a;
	size_t n;
	char *cause, *token;
	int pending;

	if ((pending = store_recheck_pending(st, u->id, &cause)) == -1) {
		log_warnx("%s", cause);
		free(cause);
	}
	if (pending == 1)
		buf_puts(b, "<p class=\"pending\" role=\"status\">Trạng thái: đang chờ kiểm "
		    "tra lại theo yêu cầu của Văn phòng.</p>\n");
	hints(b, st, u->id);
	stats(b, st, u->id);
	buf_puts(b, "<section aria-labelledby=\"audit-h\">\n<h2 id=\"audit-h\">"
	    "Nhật ký điều chỉnh</h2>\n<p><a href=\"/audit\">Nhật ký của mọi đơn vị</a></p>\n");
	if (store_audit(st, u->id, AUDIT_UNIT_ROWS, &a, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		buf_puts(b, "<p>Không đọc được nhật ký.</p>\n");
	} else {
		audit_table(b, a, n, false);
		audit_rows_free(a, n);
	}
	buf_puts(b, "</section>\n");
	if ((token = action_token(r)) != NULL) {
		forms(b, u, token, r->now);
		free(token);
	}
}

void
page_audit(struct dash_req *r)
{
	struct store *st;
	struct audit_row *a;
	size_t n;
	char *cause;

	if ((st = dash_store(r->d)) == NULL) {
		page_no_data(r);
		return;
	}
	if (store_audit(st, NULL, AUDIT_PAGE_ROWS, &a, &n, &cause) == -1) {
		page_db_error(r, cause);
		return;
	}
	page_begin(&r->body, "Nhật ký điều chỉnh", "audit");
	buf_puts(&r->body, "<h1>Nhật ký điều chỉnh</h1>\n<p>Mọi thao tác của Văn phòng "
	    "(kiểm tra lại, gợi ý, kết luận thủ công, số liệu) và mọi thao tác bị từ chối, "
	    "mới nhất trước.</p>\n");
	audit_table(&r->body, a, n, true);
	page_end(&r->body);
	audit_rows_free(a, n);
}

/* A content type safe to send back as a header: printable ASCII only. */
static bool
header_safe(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 200)
		return false;
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			return false;
	return true;
}

void
page_evidence(struct dash_req *r, const char *sha)
{
	struct store *st;
	char *ctype, *cause;
	void *body;
	size_t len;
	int rc;

	if (!valid_sha(sha)) {
		page_error(r, 404, "Không có bản lưu này.");
		return;
	}
	if ((st = dash_store(r->d)) == NULL) {
		page_no_data(r);
		return;
	}
	if ((rc = store_archive_get(st, sha, &ctype, &body, &len, &cause)) == -1) {
		page_db_error(r, cause);
		return;
	}
	if (rc == 0) {
		page_error(r, 404, "Không có bản lưu này.");
		return;
	}
	free(r->extra);
	r->extra = xasprintf("attachment; filename=\"%s\"", sha);
	r->disposition = r->extra;
	/* As it was seen, but never live in our origin: a download, sandboxed. */
	r->csp = "sandbox";
	r->ctype = ctype != NULL && header_safe(ctype) ? ctype : "application/octet-stream";
	r->cache = "private, max-age=86400";
	buf_add(&r->body, body, len);
	free(body);
	/* r->ctype must outlive this call: keep the type in the body's allocation's neighbour. */
	if (r->ctype == ctype) {
		char *both = xasprintf("%s%c%s", r->extra, '\0', ctype);

		free(r->extra);
		r->extra = both;
		r->disposition = both;
		r->ctype = both + strlen(both) + 1;
	}
	free(ctype);
}

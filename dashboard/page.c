/* page.c: the page frame (skip link, navigation, footer) and the pieces pages share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "config.h"
#include "criteria.h"
#include "dashboard.h"
#include "html.h"

/* The navigation: path, label, key. */
static const struct {
	const char	*href;
	const char	*label;
	const char	*key;
} nav_items[] = {
	{ "/", "Tổng quan", "overview" },
	{ "/notices", "Thông báo nhắc nhở", "notices" },
	{ "/digests", "Báo cáo tuần", "digests" },
	{ "/reports", "Báo cáo năm", "reports" },
	{ "/export.xlsx", "Tải Excel", "xlsx" },
	{ "/export.csv", "Tải CSV", "csv" },
	{ "/api/v1/units", "Dữ liệu JSON", "json" },
};

void
page_begin(struct buf *b, const char *title, const char *nav)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>");
	html_escape(b, title);
	buf_puts(b, " – Giám sát tiếp cận thông tin</title>\n"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
	    "</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">Chuyển đến nội dung chính</a>\n"
	    "<header class=\"site\">\n<p class=\"brand\">Giám sát thực hiện "
	    "Luật Tiếp cận thông tin</p>\n"
	    "<nav aria-label=\"Điều hướng chính\"><ul>\n");
	for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
		bool cur = nav != NULL && strcmp(nav, nav_items[i].key) == 0;

		buf_printf(b, "<li><a href=\"%s\"%s>%s</a></li>\n", nav_items[i].href,
		    cur ? " aria-current=\"page\"" : "", nav_items[i].label);
	}
	buf_puts(b, "</ul></nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void
page_end(struct buf *b)
{
	buf_puts(b, "</main>\n<footer class=\"site\"><p>Văn phòng UBND tỉnh – "
	    "theo dõi việc công khai thông tin theo Luật Tiếp cận thông tin "
	    "2016 và Nghị định 13/2018/NĐ-CP.</p></footer>\n</body>\n</html>\n");
}

void
page_scroll_begin(struct buf *b, const char *label)
{
	buf_puts(b, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_escape(b, label);
	buf_puts(b, "\">\n");
}

void
page_scroll_end(struct buf *b)
{
	buf_puts(b, "</div>\n");
}

void
page_badge(struct buf *b, int status)
{
	static const char *icons[] = {
		[ST_NOT_CHECKED] = "–",
		[ST_OK] = "✓",
		[ST_STALE] = "↻",
		[ST_MISSING] = "✗",
		[ST_UNREACHABLE] = "⚠",
	};

	if (status < ST_NOT_CHECKED || status > ST_UNREACHABLE)
		status = ST_NOT_CHECKED;
	buf_printf(b, "<span class=\"badge st-%s\"><span class=\"icon\" "
	    "aria-hidden=\"true\">%s</span> %s</span>",
	    status_name((enum status)status), icons[status],
	    status_label((enum status)status));
}

void
page_date(struct buf *b, int64_t t)
{
	char d[16];

	if (t == 0)
		buf_puts(b, "—");
	else
		html_escape(b, clock_date_vn(t, d, sizeof d));
}

void
page_datetime(struct buf *b, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char d[32];

	if (t == 0 || localtime_r(&tt, &tm) == NULL) {
		buf_puts(b, "—");
		return;
	}
	strftime(d, sizeof d, "%d/%m/%Y %H:%M", &tm);
	html_escape(b, d);
}

void
page_isodate(struct buf *b, const char *ymd)
{
	int y, m, d, n = 0;

	if (ymd == NULL || *ymd == '\0')
		buf_puts(b, "—");
	else if (sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && ymd[n] == '\0')
		buf_printf(b, "%02d/%02d/%04d", d, m, y);
	else
		html_escape(b, ymd);
}

void
page_link(struct buf *b, const char *url, const char *text)
{
	if (url == NULL || *url == '\0') {
		buf_puts(b, "—");
		return;
	}
	if (!html_safe_url(url)) {
		buf_puts(b, "<span class=\"unsafe\">");
		html_escape(b, url);
		buf_puts(b, " <em>(địa chỉ không an toàn, không mở)</em></span>");
		return;
	}
	buf_puts(b, "<a href=\"");
	html_escape(b, url);
	buf_puts(b, "\" rel=\"noopener noreferrer nofollow\">");
	html_escape(b, text != NULL ? text : url);
	buf_puts(b, "</a>");
}

void
page_db_error(struct dash_req *r, char *cause)
{
	log_warnx("%s", cause);
	free(cause);
	page_error(r, 500, "Không đọc được cơ sở dữ liệu.");
}

void
page_error(struct dash_req *r, int code, const char *message)
{
	r->code = code;
	r->ctype = "text/html; charset=utf-8";
	r->body.len = 0;
	if (r->body.data != NULL)
		r->body.data[0] = '\0';
	page_begin(&r->body, "Lỗi", NULL);
	buf_printf(&r->body, "<h1>Lỗi %d</h1>\n<p>", code);
	html_escape(&r->body, message);
	buf_puts(&r->body, "</p>\n<p><a href=\"/\">Về trang tổng quan</a></p>\n");
	page_end(&r->body);
}

void
page_no_data(struct dash_req *r)
{
	if (r->d->open_error != NULL) {
		r->code = 500;
		page_begin(&r->body, "Lỗi", NULL);
		buf_puts(&r->body, "<h1>Không đọc được cơ sở dữ liệu</h1>\n<p>Tệp cơ sở "
		    "dữ liệu có nhưng không đọc được (hỏng, không phải cơ sở dữ liệu "
		    "SQLite, hoặc của phiên bản mới hơn). Chi tiết: <code>");
		html_escape(&r->body, r->d->open_error);
		buf_puts(&r->body, "</code></p>\n");
		page_end(&r->body);
		return;
	}
	r->code = 503;
	page_begin(&r->body, "Chưa có dữ liệu", NULL);
	buf_puts(&r->body, "<h1>Chưa có dữ liệu</h1>\n<p>Cơ sở dữ liệu chưa "
	    "được tạo hoặc chưa đọc được: dịch vụ kiểm tra (tcttd) chưa chạy "
	    "lần nào. Trang sẽ có dữ liệu sau lượt kiểm tra đầu tiên.</p>\n");
	page_end(&r->body);
}

const char *
page_notice_state(const char *state)
{
	if (state == NULL)
		return "—";
	if (strcmp(state, "sent") == 0)
		return "Đã gửi";
	if (strcmp(state, "pending") == 0)
		return "Đang chờ gửi";
	if (strcmp(state, "failed") == 0)
		return "Gửi lỗi";
	return state;
}

const char *
page_kind_label(const char *kind)
{
	for (int i = UNIT_DEPARTMENT; kind != NULL && i <= UNIT_COMMUNE; i++)
		if (strcmp(kind, unit_kind_name((enum unit_kind)i)) == 0)
			return unit_kind_label((enum unit_kind)i);
	return kind != NULL ? kind : "—";
}

int
unit_overall(const struct unit_state *u, crit_set counted)
{
	bool missing = false, stale = false;

	if (u->checked_at == 0)
		return ST_NOT_CHECKED;
	if (!u->reachable)
		return ST_UNREACHABLE;
	for (int c = 0; c < CRIT_COUNT; c++) {
		if (!CRIT_IN(counted, c))
			continue;
		missing |= u->v[c].status == ST_MISSING || u->v[c].status == ST_UNREACHABLE ||
		    u->v[c].status == ST_NOT_CHECKED;
		stale |= u->v[c].status == ST_STALE;
	}
	return missing ? ST_MISSING : stale ? ST_STALE : ST_OK;
}

int64_t
unit_lag_since(const struct unit_state *u)
{
	int64_t since = 0;

	if (u->checked_at == 0)
		return 0;
	for (int c = 0; c < CRIT_COUNT; c++)
		if (u->v[c].status != ST_OK && u->v[c].since != 0 &&
		    (since == 0 || u->v[c].since < since))
			since = u->v[c].since;
	return since;
}

/* page-overview.c: the unit × criterion matrix, totals, filters and the weekly trend. */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "criteria.h"
#include "dashboard.h"
#include "fold.h"
#include "html.h"
#include "log.h"
#include "store-dash.h"

/* The kind filter: value, label, kinds it keeps (NULL: all). */
static const struct {
	const char	*value;
	const char	*label;
	const char	*kinds[3];
} kind_filters[] = {
	{ "", "Tất cả", { NULL } },
	{ "so-ban-nganh", "Sở, ban, ngành", { "department", "agency", NULL } },
	{ "huyen-xa", "Huyện, xã", { "district", "commune", NULL } },
	{ "department", "Sở", { "department", NULL } },
	{ "agency", "Ban, ngành", { "agency", NULL } },
	{ "district", "Huyện, thành phố", { "district", NULL } },
	{ "commune", "Xã, phường", { "commune", NULL } },
};

/* The sort orders the form offers. */
static const struct {
	const char	*value;
	const char	*label;
} sort_options[] = {
	{ "name", "Tên đơn vị" },
	{ "score", "Điểm (thấp trước)" },
	{ "lag", "Chậm lâu nhất trước" },
};

/* The filter index for value; 0 (all) when unknown. */
static size_t
kind_filter(const char *value)
{
	for (size_t i = 0; value != NULL && i < sizeof kind_filters / sizeof kind_filters[0]; i++)
		if (strcmp(value, kind_filters[i].value) == 0)
			return i;
	return 0;
}

/* True when kind passes kind filter f. */
static bool
kind_matches(size_t f, const char *kind)
{
	if (kind_filters[f].kinds[0] == NULL)
		return true;
	for (int i = 0; kind_filters[f].kinds[i] != NULL; i++)
		if (kind != NULL && strcmp(kind, kind_filters[f].kinds[i]) == 0)
			return true;
	return false;
}

/* By name (bytewise), then ID. */
static int
by_name_cb(const void *a, const void *b)
{
	const struct unit_state *const *x = a, *const *y = b;
	int c = strcmp((*x)->name, (*y)->name);

	return c != 0 ? c : strcmp((*x)->id, (*y)->id);
}

/* Lowest score first; never checked before all. */
static int
by_score_cb(const void *a, const void *b)
{
	const struct unit_state *const *x = a, *const *y = b;
	int sx = (*x)->checked_at ? (*x)->score : -1, sy = (*y)->checked_at ? (*y)->score : -1;

	return sx != sy ? (sx < sy ? -1 : 1) : by_name_cb(a, b);
}

/* Longest failing first; units with nothing failing last. */
static int
by_lag_cb(const void *a, const void *b)
{
	const struct unit_state *const *x = a, *const *y = b;
	int64_t lx = unit_lag_since(*x), ly = unit_lag_since(*y);

	if (lx == 0)
		lx = INT64_MAX;
	if (ly == 0)
		ly = INT64_MAX;
	return lx != ly ? (lx < ly ? -1 : 1) : by_name_cb(a, b);
}

/* The totals over all units (not just the filtered ones). */
static void
totals(struct buf *b, const struct unit_state *u, size_t n, crit_set counted)
{
	static const struct {
		int		 st;
		const char	*label;
	} rows[] = {
		{ ST_OK, NULL },	/* "Đạt đủ N tiêu chí" */
		{ ST_STALE, "Có danh mục chưa cập nhật" },
		{ ST_MISSING, "Còn thiếu tiêu chí" },
		{ ST_UNREACHABLE, "Không truy cập được" },
		{ ST_NOT_CHECKED, "Chưa kiểm tra" },
	};
	size_t count[ST_COUNT] = { 0 };

	for (size_t i = 0; i < n; i++)
		count[unit_overall(&u[i], counted)]++;
	buf_printf(b, "<section aria-labelledby=\"totals-h\">\n"
	    "<h2 id=\"totals-h\">Tổng hợp (%zu đơn vị)</h2>\n<ul class=\"totals\">\n", n);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (rows[i].st == ST_NOT_CHECKED && count[ST_NOT_CHECKED] == 0)
			continue;
		buf_printf(b, "<li class=\"total st-%s\"><span class=\"num\">%zu</span> ",
		    status_name((enum status)rows[i].st), count[rows[i].st]);
		if (rows[i].st == ST_OK)
			buf_printf(b, "Đạt đủ %d tiêu chí", crit_set_size(counted));
		else
			buf_puts(b, rows[i].label);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

/* The GET form: kind, search, sort; values echoed escaped. */
static void
filter_form(struct buf *b, size_t kf, const char *q, const char *sort)
{
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\">\n"
	    "<div><label for=\"f-kind\">Loại đơn vị</label>\n"
	    "<select id=\"f-kind\" name=\"kind\">\n");
	for (size_t i = 0; i < sizeof kind_filters / sizeof kind_filters[0]; i++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>\n", kind_filters[i].value,
		    i == kf ? " selected" : "", kind_filters[i].label);
	buf_puts(b, "</select></div>\n<div><label for=\"f-q\">Tìm theo tên</label>\n"
	    "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"");
	html_escape(b, q);
	buf_puts(b, "\"></div>\n<div><label for=\"f-sort\">Sắp xếp</label>\n"
	    "<select id=\"f-sort\" name=\"sort\">\n");
	for (size_t i = 0; i < sizeof sort_options / sizeof sort_options[0]; i++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>\n", sort_options[i].value,
		    strcmp(sort, sort_options[i].value) == 0 ? " selected" : "",
		    sort_options[i].label);
	buf_puts(b, "</select></div>\n<div><button type=\"submit\">Lọc</button></div>\n</form>\n");
}

/* One row of the matrix. */
static void
matrix_row(struct buf *b, const struct unit_state *u)
{
	buf_puts(b, "<tr>\n<th scope=\"row\"><a href=\"/unit/");
	html_escape(b, u->id);
	buf_puts(b, "\">");
	html_escape(b, u->name);
	buf_puts(b, "</a><br><span class=\"kind\">");
	html_escape(b, page_kind_label(u->kind));
	buf_puts(b, "</span></th>\n");
	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct verdict *v = &u->v[c];
		int st = u->checked_at ? (int)v->status : ST_NOT_CHECKED;

		buf_puts(b, "<td>");
		page_badge(b, st);
		if (st != ST_OK && st != ST_NOT_CHECKED && v->since != 0) {
			buf_puts(b, "<br><span class=\"since\">từ ");
			page_date(b, v->since);
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</td>\n");
	}
	if (u->checked_at)
		buf_printf(b, "<td class=\"num\">%d%%</td>\n<td>", u->score);
	else
		buf_puts(b, "<td class=\"num\">—</td>\n<td>");
	page_date(b, u->checked_at);
	buf_puts(b, "</td>\n</tr>\n");
}

/* One criterion's column heading; rowspan 2 when it has no group above it. */
static void
matrix_heading(struct buf *b, enum criterion c, bool counts, bool grouped)
{
	const struct crit_info *ci = crit_info(c);

	buf_printf(b, "<th scope=\"col\"%s%s><abbr title=\"", grouped ? "" : " rowspan=\"2\"",
	    counts ? "" : " class=\"not-counted\"");
	html_escape(b, ci->label);
	if (!counts)
		buf_puts(b, " (không tính vào điểm)");
	buf_puts(b, "\">");
	html_escape(b, ci->short_label);
	buf_puts(b, "</abbr>");
	if (!counts)
		buf_puts(b, "<span class=\"nc\"> (không tính điểm)</span>");
	buf_puts(b, "</th>\n");
}

/*
 * The matrix's two heading rows: the section's other items (Decree 13 Art.
 * 11(1)) are grouped under one heading, the rest span both rows.
 */
static void
matrix_head(struct buf *b, crit_set counted)
{
	int items = 0;

	buf_puts(b, "<thead><tr><th scope=\"col\" rowspan=\"2\">Đơn vị</th>\n");
	for (int c = 0; c < CRIT_COUNT; c++) {
		if (crit_info((enum criterion)c)->in_section)
			items++;
		else
			matrix_heading(b, (enum criterion)c, CRIT_IN(counted, c), false);
	}
	if (items > 0)
		buf_printf(b, "<th scope=\"colgroup\" colspan=\"%d\" class=\"group\">"
		    "Nội dung khác của chuyên mục <span class=\"basis\">(khoản 1 Điều 11 "
		    "Nghị định 13/2018/NĐ-CP)</span></th>\n", items);
	buf_puts(b, "<th scope=\"col\" rowspan=\"2\">Điểm</th>\n<th scope=\"col\" "
	    "rowspan=\"2\">Kiểm tra lần cuối</th></tr>\n<tr>");
	for (int c = 0; c < CRIT_COUNT; c++)
		if (crit_info((enum criterion)c)->in_section)
			matrix_heading(b, (enum criterion)c, CRIT_IN(counted, c), true);
	buf_puts(b, "</tr></thead>\n");
}

/* The matrix of the units that pass the filters, sorted. */
static void
matrix(struct buf *b, const struct unit_state *units, size_t n, size_t kf,
    const char *q, const char *sort, crit_set counted)
{
	const struct unit_state **rows = xcalloc(n + 1, sizeof *rows);
	char *fq = fold_str(q);
	size_t shown = 0;

	for (size_t i = 0; i < n; i++) {
		if (!kind_matches(kf, units[i].kind))
			continue;
		if (*fq != '\0') {
			char *fname = fold_str(units[i].name);
			bool hit = strstr(fname, fq) != NULL;

			free(fname);
			if (!hit)
				continue;
		}
		rows[shown++] = &units[i];
	}
	qsort(rows, shown, sizeof *rows, strcmp(sort, "score") == 0 ? by_score_cb :
	    strcmp(sort, "lag") == 0 ? by_lag_cb : by_name_cb);
	page_scroll_begin(b, "Bảng kết quả theo đơn vị và tiêu chí (cuộn ngang)");
	buf_puts(b, "<table class=\"matrix\">\n<caption>"
	    "Kết quả theo đơn vị và tiêu chí");
	if (shown != n)
		buf_printf(b, " (%zu trên %zu đơn vị theo bộ lọc)", shown, n);
	buf_puts(b, "</caption>\n");
	matrix_head(b, counted);
	buf_puts(b, "<tbody>\n");
	for (size_t i = 0; i < shown; i++)
		matrix_row(b, rows[i]);
	if (shown == 0)
		buf_printf(b, "<tr><td colspan=\"%d\">Không có đơn vị nào phù hợp "
		    "bộ lọc.</td></tr>\n", CRIT_COUNT + 3);
	buf_puts(b, "</tbody>\n</table>\n");
	page_scroll_end(b);
	free(fq);
	free(rows);
}

/* The trend section: chart and, for screen readers and print, its numbers. */
static void
trend(struct buf *b, const struct trend_week *w, size_t n)
{
	buf_puts(b, "<section aria-labelledby=\"trend-h\">\n<h2 id=\"trend-h\">"
	    "Tỉ lệ đơn vị đạt đủ tiêu chí theo tuần</h2>\n");
	if (n == 0)
		buf_puts(b, "<p>Chưa có lượt kiểm tra nào.</p>\n");
	else {
		buf_puts(b, "<figure class=\"trend\">\n");
		svg_trend(b, w, n);
		buf_puts(b, "<figcaption>Tỉ lệ đơn vị đạt đủ các tiêu chí được tính điểm, theo lượt "
		    "kiểm tra cuối cùng của mỗi đơn vị trong tuần.</figcaption>\n"
		    "</figure>\n<details><summary>Số liệu theo tuần</summary>\n"
		    "<table><caption>Tỉ lệ đạt theo tuần</caption>\n<thead><tr>"
		    "<th scope=\"col\">Tuần bắt đầu</th><th scope=\"col\">Đơn vị đạt</th>"
		    "<th scope=\"col\">Đơn vị được kiểm tra</th><th scope=\"col\">Tỉ lệ</th>"
		    "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			buf_puts(b, "<tr><th scope=\"row\">");
			page_isodate(b, w[i].monday);
			buf_printf(b, "</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
			    "<td class=\"num\">%d%%</td></tr>\n", w[i].compliant, w[i].units,
			    w[i].units ? w[i].compliant * 100 / w[i].units : 0);
		}
		buf_puts(b, "</tbody></table>\n</details>\n");
	}
	buf_puts(b, "</section>\n");
}

void
page_overview(struct dash_req *r)
{
	const struct unit_state *units;
	const struct trend_week *w;
	const char *q = dash_param(r, "q"), *sort = dash_param(r, "sort");
	size_t n, nw, kf = kind_filter(dash_param(r, "kind"));
	int code;

	if ((code = dash_data(r->d, &units, &n, &w, &nw)) == 503 ||
	    (code == 500 && r->d->open_error != NULL)) {
		page_no_data(r);
		return;
	}
	if (code != 200) {
		page_error(r, 500, "Không đọc được cơ sở dữ liệu.");
		return;
	}
	if (sort == NULL || (strcmp(sort, "score") != 0 && strcmp(sort, "lag") != 0))
		sort = "name";
	page_begin(&r->body, "Tổng quan", "overview");
	buf_puts(&r->body, "<h1>Tổng quan việc công khai thông tin</h1>\n<p class=\"asof\">"
	    "Số liệu đến ");
	page_datetime(&r->body, r->now);
	buf_puts(&r->body, ".</p>\n");
	totals(&r->body, units, n, r->d->cfg->criteria);
	trend(&r->body, w, nw);
	buf_puts(&r->body, "<section aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">"
	    "Chi tiết theo đơn vị</h2>\n");
	filter_form(&r->body, kf, q, sort);
	matrix(&r->body, units, n, kf, q, sort, r->d->cfg->criteria);
	buf_puts(&r->body, "</section>\n");
	page_end(&r->body);
}

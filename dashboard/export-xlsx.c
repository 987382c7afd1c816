/*
 * export-xlsx.c: the results as an Excel workbook (libxlsxwriter), for the secretariat's staff:
 * a sheet of units × criteria with Vietnamese statuses in their colours, and a sheet of the
 * evidence, one row per unit and criterion; dates are real dates, the header row and the first
 * column stay in place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "criteria.h"
#include "dashboard.h"
#include "fold.h"
#include "xmalloc.h"

/* Excel's limit for one cell's text is 32767 characters; keep well under it in bytes. */
#define CELL_MAX	30000

/* The formats of one workbook (owned by it). */
struct xlsx_fmt {
	lxw_format	*head;
	lxw_format	*date;
	lxw_format	*datetime;
	lxw_format	*link;
	lxw_format	*status[ST_UNREACHABLE + 1];
};

/* The dashboard's badge colours (dashboard/assets.c .st-*): fill, then text. */
static const uint32_t status_colours[ST_UNREACHABLE + 1][2] = {
	[ST_NOT_CHECKED] = { 0xF6F6F6, 0x4A4A4A },
	[ST_OK] = { 0xE3F3E6, 0x0A5A1C },
	[ST_STALE] = { 0xFFF3CD, 0x5C3D00 },
	[ST_MISSING] = { 0xFDE8EA, 0x8A1020 },
	[ST_UNREACHABLE] = { 0xEDEDED, 0x333333 },
};

static void
fmt_init(lxw_workbook *wb, struct xlsx_fmt *f)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xEEF2F6);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
	f->date = workbook_add_format(wb);
	format_set_num_format(f->date, "dd/mm/yyyy");
	f->datetime = workbook_add_format(wb);
	format_set_num_format(f->datetime, "dd/mm/yyyy hh:mm");
	f->link = workbook_add_format(wb);
	format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
	format_set_font_color(f->link, 0x0B4F8A);
	for (int s = ST_NOT_CHECKED; s <= ST_UNREACHABLE; s++) {
		f->status[s] = workbook_add_format(wb);
		format_set_bg_color(f->status[s], status_colours[s][0]);
		format_set_font_color(f->status[s], status_colours[s][1]);
		format_set_border(f->status[s], LXW_BORDER_THIN);
	}
}

/* Text from the database into a cell: valid UTF-8 (bad bytes become U+FFFD), cut to fit. */
static void
put_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *fmt)
{
	char *clean;
	size_t len;

	if (s == NULL || *s == '\0')
		return;
	len = strlen(s);
	if (len > CELL_MAX) {
		len = CELL_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	clean = utf8_sanitize(s, len);
	worksheet_write_string(ws, row, col, clean, fmt);
	free(clean);
}

/* A link when url is http(s) and Excel takes it, else the URL as text. */
static void
put_url(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *url,
    const struct xlsx_fmt *f)
{
	if (url == NULL || *url == '\0')
		return;
	if ((strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0) &&
	    strlen(url) < 2000 && strpbrk(url, " \"<>") == NULL &&
	    worksheet_write_url(ws, row, col, url, f->link) == LXW_NO_ERROR)
		return;
	put_text(ws, row, col, url, NULL);
}

/* t (seconds) as a local date and time cell; nothing for 0. */
static void
put_time(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t t, bool with_time,
    const struct xlsx_fmt *f)
{
	time_t tt = (time_t)t;
	struct tm tm;
	lxw_datetime dt;

	if (t == 0 || localtime_r(&tt, &tm) == NULL)
		return;
	dt = (lxw_datetime){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    with_time ? tm.tm_hour : 0, with_time ? tm.tm_min : 0, 0 };
	worksheet_write_datetime(ws, row, col, &dt, with_time ? f->datetime : f->date);
}

/* A YYYY-MM-DD date as a date cell; anything else as text. */
static void
put_ymd(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *ymd,
    const struct xlsx_fmt *f)
{
	lxw_datetime dt = { 0 };
	char end;

	if (ymd == NULL || *ymd == '\0')
		return;
	if (sscanf(ymd, "%4d-%2d-%2d%c", &dt.year, &dt.month, &dt.day, &end) == 3 &&
	    dt.year >= 1900 && dt.year <= 9999 && dt.month >= 1 && dt.month <= 12 &&
	    dt.day >= 1 && dt.day <= 31)
		worksheet_write_datetime(ws, row, col, &dt, f->date);
	else
		put_text(ws, row, col, ymd, NULL);
}

/* A row of headers, frozen with the first column. */
static void
put_head(lxw_worksheet *ws, const char *const *names, size_t n, const struct xlsx_fmt *f)
{
	for (size_t c = 0; c < n; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, names[c], f->head);
	worksheet_freeze_panes(ws, 1, 1);
}

static enum status
shown_status(const struct unit_state *u, int c)
{
	return u->checked_at != 0 ? u->v[c].status : ST_NOT_CHECKED;
}

/* Sheet 1: one row per unit, one column per criterion. */
static void
sheet_matrix(lxw_workbook *wb, const struct unit_state *units, size_t n,
    crit_set counted, const struct xlsx_fmt *f)
{
	static const char *const fixed[] = { "Đơn vị", "Loại", "Cổng thông tin",
	    "Kiểm tra lúc", "Điểm (%)", "Tình trạng chung" };
	const lxw_col_t nfixed = sizeof fixed / sizeof fixed[0];
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Tổng hợp");

	put_head(ws, fixed, nfixed, f);
	for (int c = 0; c < CRIT_COUNT; c++)
		worksheet_write_string(ws, 0, nfixed + (lxw_col_t)c,
		    crit_info((enum criterion)c)->label, f->head);
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 16, NULL);
	worksheet_set_column(ws, 2, 2, 36, NULL);
	worksheet_set_column(ws, 3, 3, 17, NULL);
	worksheet_set_column(ws, 4, 5, 12, NULL);
	worksheet_set_column(ws, nfixed, nfixed + CRIT_COUNT - 1, 20, NULL);
	worksheet_set_row(ws, 0, 45, NULL);
	for (size_t i = 0; i < n; i++) {
		const struct unit_state *u = &units[i];
		lxw_row_t row = (lxw_row_t)i + 1;
		int overall = unit_overall(u, counted);

		put_text(ws, row, 0, u->name, NULL);
		put_text(ws, row, 1, page_kind_label(u->kind), NULL);
		put_url(ws, row, 2, u->url, f);
		put_time(ws, row, 3, u->checked_at, true, f);
		if (u->checked_at != 0)
			worksheet_write_number(ws, row, 4, u->score, NULL);
		worksheet_write_string(ws, row, 5, status_label((enum status)overall),
		    f->status[overall]);
		for (int c = 0; c < CRIT_COUNT; c++) {
			enum status st = shown_status(u, c);

			worksheet_write_string(ws, row, nfixed + (lxw_col_t)c, status_label(st),
			    f->status[st]);
		}
	}
	if (n > 0)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, nfixed + CRIT_COUNT - 1);
}

/* Sheet 2: the evidence, one row per unit and criterion. */
static void
sheet_evidence(lxw_workbook *wb, const struct unit_state *units, size_t n,
    const struct xlsx_fmt *f)
{
	static const char *const head[] = { "Đơn vị", "Tiêu chí", "Trạng thái",
	    "Tài liệu, trang", "Ngày của tài liệu", "Trạng thái từ ngày", "Ghi chú",
	    "Căn cứ pháp lý" };
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Bằng chứng");
	lxw_row_t row = 1;

	put_head(ws, head, sizeof head / sizeof head[0], f);
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 36, NULL);
	worksheet_set_column(ws, 2, 2, 18, NULL);
	worksheet_set_column(ws, 3, 3, 50, NULL);
	worksheet_set_column(ws, 4, 5, 14, NULL);
	worksheet_set_column(ws, 6, 7, 60, NULL);
	for (size_t i = 0; i < n; i++) {
		const struct unit_state *u = &units[i];
		bool checked = u->checked_at != 0;

		for (int c = 0; c < CRIT_COUNT; c++, row++) {
			const struct crit_info *ci = crit_info((enum criterion)c);
			const struct verdict *v = &u->v[c];
			enum status st = shown_status(u, c);

			put_text(ws, row, 0, u->name, NULL);
			put_text(ws, row, 1, ci->label, NULL);
			worksheet_write_string(ws, row, 2, status_label(st), f->status[st]);
			if (!checked)
				continue;
			put_url(ws, row, 3, v->url, f);
			put_ymd(ws, row, 4, v->date, f);
			put_time(ws, row, 5, v->since, false, f);
			put_text(ws, row, 6, v->note, NULL);
			put_text(ws, row, 7, ci->basis, NULL);
		}
	}
	if (row > 1)
		worksheet_autofilter(ws, 0, 0, row - 1, 7);
}

/* Append the file at path to out; 0, or -1 with errno. */
static int
slurp(const char *path, struct buf *out)
{
	char chunk[16384];
	size_t n;
	FILE *f;
	int rc;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

int
export_xlsx(const struct unit_state *units, size_t n, crit_set counted, int64_t now,
    struct buf *out, char **cause)
{
	const char *dir = getenv("TMPDIR") != NULL && *getenv("TMPDIR") != '\0' ?
	    getenv("TMPDIR") : "/tmp";
	char *path = xasprintf("%s/tctt-export-XXXXXX", dir);
	lxw_workbook_options opts = { .tmpdir = (char *)(uintptr_t)dir };
	lxw_doc_properties props = { 0 };
	struct xlsx_fmt f;
	lxw_workbook *wb;
	lxw_error err;
	int fd, rc = 0;

	/* libxlsxwriter writes only to a named file: one of our own, read back, then removed. */
	if ((fd = mkstemp(path)) == -1) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(path);
		return -1;
	}
	close(fd);
	if ((wb = workbook_new_opt(path, &opts)) == NULL) {
		*cause = xasprintf("%s: cannot start a workbook", path);
		unlink(path);
		free(path);
		return -1;
	}
	props.title = "Kết quả kiểm tra thực hiện Luật Tiếp cận thông tin";
	props.author = "tctt";
	props.created = (time_t)now;
	workbook_set_properties(wb, &props);
	fmt_init(wb, &f);
	sheet_matrix(wb, units, n, counted, &f);
	sheet_evidence(wb, units, n, &f);
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		*cause = xasprintf("%s: %s", path, lxw_strerror(err));
		rc = -1;
	} else if (slurp(path, out) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = -1;
	}
	unlink(path);
	free(path);
	return rc;
}

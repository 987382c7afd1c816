/* report-text.c: the report in Vietnamese, as the document model both renderings share. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dates.h"
#include "store-corr.h"
#include "store-report.h"
#include "xmalloc.h"

/* Units listed under "lagging longest". */
#define LAGGING_MAX	10

char *
report_percent(int permille, char *buf, size_t size)
{
	if (permille % 10 == 0)
		snprintf(buf, size, "%d%%", permille / 10);
	else
		snprintf(buf, size, "%d,%d%%", permille / 10, permille % 10);
	return buf;
}

/* part of whole in per mille, rounded half up. */
static int
permille(long part, long whole)
{
	return whole <= 0 ? 0 : (int)((part * 1000 + whole / 2) / whole);
}

/* "1.234.567": Vietnamese thousands separators. */
static char *
fmt_int(int64_t n, char *buf, size_t size)
{
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
	len = strlen(digits);
	if (n < 0 && o + 1 < size)
		buf[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = '.';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* A duration in days, one decimal with a comma: "55,5 ngày". */
static char *
fmt_days(int64_t secs, char *buf, size_t size)
{
	int64_t tenths = (secs * 10 + 43200) / 86400;

	if (tenths % 10 == 0)
		snprintf(buf, size, "%lld ngày", (long long)(tenths / 10));
	else
		snprintf(buf, size, "%lld,%lld ngày", (long long)(tenths / 10),
		    (long long)(tenths % 10));
	return buf;
}

/* "29/11/2026" of a time, local. */
static char *
fmt_date(int64_t t, char *buf, size_t size)
{
	return date_vn(date_of_time(t), buf, size);
}

static struct rdoc_block *
add_block(struct rdoc *doc, enum rdoc_kind kind)
{
	struct rdoc_block *b;

	doc->blocks = xreallocarray(doc->blocks, doc->n + 1, sizeof *doc->blocks);
	b = &doc->blocks[doc->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static void add_text(struct rdoc *, enum rdoc_kind, const char *, ...) TCTT_PRINTF(3, 4);

static void
add_text(struct rdoc *doc, enum rdoc_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_block(doc, kind)->text = xvasprintf(fmt, ap);
	va_end(ap);
}

/* A table of cols columns (widths in per mille) with one header row; rows are added with add_row. */
static struct rdoc_table *
add_table(struct rdoc *doc, size_t cols, const int *widths, const bool *numeric)
{
	struct rdoc_table *t = &add_block(doc, RD_TABLE)->t;

	t->cols = cols;
	t->header_rows = 1;
	t->widths = xcalloc(cols, sizeof *t->widths);
	t->numeric = xcalloc(cols, sizeof *t->numeric);
	memcpy(t->widths, widths, cols * sizeof *widths);
	if (numeric != NULL)
		memcpy(t->numeric, numeric, cols * sizeof *numeric);
	return t;
}

/* A new row of empty cells; returns the row's first cell. */
static char **
add_row(struct rdoc_table *t)
{
	t->cells = xreallocarray(t->cells, (t->rows + 1) * t->cols, sizeof *t->cells);
	memset(&t->cells[t->rows * t->cols], 0, t->cols * sizeof *t->cells);
	return &t->cells[t->rows++ * t->cols];
}

static void cell(char **row, size_t col, const char *fmt, ...) TCTT_PRINTF(3, 4);

static void
cell(char **row, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(row[col]);
	row[col] = xvasprintf(fmt, ap);
	va_end(ap);
}

/*
 * Widths of a unit table: STT, the unit's name, one narrow column per
 * criterion, then extra columns of extra_width each.
 */
static void
unit_widths(int *w, size_t extra, int extra_width)
{
	int name = 260, rest;

	w[0] = 70;
	rest = 1000 - w[0] - name - (int)extra * extra_width;
	w[1] = name + rest % CRIT_COUNT;
	for (int c = 0; c < CRIT_COUNT; c++)
		w[2 + c] = rest / CRIT_COUNT;
	for (size_t i = 0; i < extra; i++)
		w[2 + CRIT_COUNT + i] = extra_width;
}

/* The period in words: "năm 2026", "tuần 48 năm 2026" (ISO week 2026-W48). */
static char *
period_name(const struct report *rep)
{
	int y, w, n = 0;

	if (sscanf(rep->week, "%4d-W%2d%n", &y, &w, &n) == 2 && rep->week[n] == '\0')
		return xasprintf("tuần %d năm %d", w, y);
	if (rep->week[0] != '\0')
		return xasprintf("tuần %s", rep->week);
	return xasprintf("năm %d", rep->year);
}

/* The criteria legend under a units x criteria table. */
static void
legend(struct rdoc *doc)
{
	struct buf b = { 0 };

	buf_puts(&b, "Ghi chú: ");
	for (int c = 0; c < CRIT_COUNT; c++)
		buf_printf(&b, "%s(%d) %s", c ? "; " : "", c + 1,
		    crit_info((enum criterion)c)->label);
	buf_puts(&b, ".");
	add_block(doc, RD_NOTE)->text = buf_steal(&b);
}

static void
header_row(struct rdoc_table *t, const char *last, const char *last2)
{
	char **row = add_row(t);

	cell(row, 0, "STT");
	cell(row, 1, "Cơ quan, đơn vị");
	for (int c = 0; c < CRIT_COUNT; c++)
		cell(row, 2 + (size_t)c, "(%d)", c + 1);
	if (last != NULL)
		cell(row, 2 + CRIT_COUNT, "%s", last);
	if (last2 != NULL)
		cell(row, 3 + CRIT_COUNT, "%s", last2);
}

/* 1. The situation at the period's end: units x criteria. */
static void
section_end(struct rdoc *doc, const struct report *rep, const char *end_day, int num)
{
	int widths[CRIT_COUNT + 3];
	bool numeric[CRIT_COUNT + 3];
	size_t all_ok = 0, lagging = 0, unreachable = 0, unchecked = 0;
	struct rdoc_table *t;

	add_text(doc, RD_HEADING, "%d. Tình hình công khai thông tin %s ngày %s", num,
	    rep->partial ? "tại" : "đến hết", end_day);
	for (size_t i = 0; i < rep->n; i++) {
		const struct report_unit *ru = &rep->ru[i];
		int ok = 0;

		for (int c = 0; c < CRIT_COUNT; c++)
			ok += ru->end[c] == ST_OK;
		if (ru->end[0] == ST_NOT_CHECKED)
			unchecked++;
		else if (ru->end[0] == ST_UNREACHABLE)
			unreachable++;
		else if (ok == CRIT_COUNT)
			all_ok++;
		else
			lagging++;
	}
	add_text(doc, RD_PARA, "%s ngày %s, trong số %zu cơ quan, đơn vị được theo "
	    "dõi: %zu đơn vị đạt đủ %d tiêu chí; %zu đơn vị còn thiếu hoặc chưa cập "
	    "nhật thông tin; %zu đơn vị không truy cập được cổng thông tin; %zu đơn "
	    "vị chưa được kiểm tra. Kết quả từng đơn vị như sau:",
	    rep->partial ? "Tại" : "Đến hết", end_day, rep->n, all_ok, CRIT_COUNT,
	    lagging, unreachable, unchecked);
	unit_widths(widths, 1, 90);
	for (size_t i = 0; i < CRIT_COUNT + 3; i++)
		numeric[i] = i == CRIT_COUNT + 2;
	t = add_table(doc, CRIT_COUNT + 3, widths, numeric);
	header_row(t, "Số tiêu chí đạt", NULL);
	for (size_t i = 0; i < rep->n; i++) {
		const struct report_unit *ru = &rep->ru[i];
		char **row = add_row(t);
		int ok = 0;

		cell(row, 0, "%zu", i + 1);
		cell(row, 1, "%s", ru->u->name);
		for (int c = 0; c < CRIT_COUNT; c++) {
			cell(row, 2 + (size_t)c, "%s", status_label(ru->end[c]));
			ok += ru->end[c] == ST_OK;
		}
		cell(row, 2 + CRIT_COUNT, "%d/%d", ok, CRIT_COUNT);
	}
	legend(doc);
}

/* 2. The share of the period each criterion was ok. */
static void
section_shares(struct rdoc *doc, const struct report *rep, const char *pname, int num)
{
	int widths[CRIT_COUNT + 3];
	struct rdoc_table *t;
	char pct[16];
	bool numeric[CRIT_COUNT + 3];

	add_text(doc, RD_HEADING, "%d. Tỷ lệ thời gian đạt yêu cầu của từng tiêu chí "
	    "trong %s", num, pname);
	add_text(doc, RD_PARA, "Tỷ lệ là số ngày tiêu chí đạt yêu cầu trên tổng số "
	    "%d ngày của kỳ báo cáo. Mỗi ngày được tính theo kết quả kiểm tra còn "
	    "hiệu lực vào cuối ngày đó (một kết quả có hiệu lực đến lần kiểm tra sau, "
	    "không quá một chu kỳ kiểm tra); ngày không có kết quả kiểm tra nào được "
	    "tính là chưa kiểm tra, không tính là đạt.", rep->days);
	unit_widths(widths, 1, 100);
	for (size_t i = 0; i < CRIT_COUNT + 3; i++)
		numeric[i] = i >= 2;
	t = add_table(doc, CRIT_COUNT + 3, widths, numeric);
	header_row(t, "Số ngày chưa kiểm tra", NULL);
	for (size_t i = 0; i < rep->n; i++) {
		const struct report_unit *ru = &rep->ru[i];
		char **row = add_row(t);
		int lo = rep->days, hi = 0;

		cell(row, 0, "%zu", i + 1);
		cell(row, 1, "%s", ru->u->name);
		for (int c = 0; c < CRIT_COUNT; c++) {
			cell(row, 2 + (size_t)c, "%s", report_percent(permille(
			    ru->ok_days[c], rep->days), pct, sizeof pct));
			if (ru->unchecked_days[c] < lo)
				lo = ru->unchecked_days[c];
			if (ru->unchecked_days[c] > hi)
				hi = ru->unchecked_days[c];
		}
		if (lo == hi)
			cell(row, 2 + CRIT_COUNT, "%d", hi);
		else
			cell(row, 2 + CRIT_COUNT, "%d–%d", lo, hi);
	}
	legend(doc);
}

/* 3. Reminders and how long the fixes took. */
static void
section_reminders(struct rdoc *doc, const struct report *rep, int num)
{
	static const int widths[] = { 70, 450, 160, 160, 160 };
	static const bool numeric[] = { false, false, true, true, true };
	struct rdoc_table *t;
	size_t units = 0;
	char a[32], b[32];

	add_text(doc, RD_HEADING, "%d. Nhắc nhở và thời gian khắc phục", num);
	for (size_t i = 0; i < rep->n; i++) {
		for (size_t r = 0; r < rep->nrem; r++) {
			if (rep->rem[r].unit == i) {
				units++;
				break;
			}
		}
	}
	if (rep->nrem == 0) {
		add_text(doc, RD_PARA, "Trong kỳ báo cáo không có thư nhắc nhở nào được gửi.");
		return;
	}
	add_text(doc, RD_PARA, "Trong kỳ báo cáo đã gửi %zu thư nhắc nhở đến %zu cơ quan, "
	    "đơn vị còn thiếu hoặc chưa cập nhật thông tin.", rep->nrem, units);
	if (rep->nrem_fixed > 0)
		add_text(doc, RD_PARA, "Có %zu trường hợp đã khắc phục (mọi tiêu chí được "
		    "nhắc đều đạt trở lại); thời gian từ khi nhắc nhở đến khi khắc phục: "
		    "trung vị %s, dài nhất %s.", rep->nrem_fixed,
		    fmt_days(rep->fix_median, a, sizeof a),
		    fmt_days(rep->fix_longest, b, sizeof b));
	else
		add_text(doc, RD_PARA, "Chưa có trường hợp nào khắc phục sau khi được nhắc nhở.");
	if (rep->nrem_open > 0)
		add_text(doc, RD_PARA, "Có %zu trường hợp chưa khắc phục đến cuối kỳ, lâu "
		    "nhất đã %s kể từ khi nhắc nhở.", rep->nrem_open,
		    fmt_days(rep->open_longest, a, sizeof a));
	if (rep->nrem_fixed + rep->nrem_open < rep->nrem)
		add_text(doc, RD_PARA, "Có %zu thư nhắc nhở gửi khi chưa có kết quả kiểm tra "
		    "nào cho thấy thiếu sót (không tính thời gian khắc phục).",
		    rep->nrem - rep->nrem_fixed - rep->nrem_open);
	t = add_table(doc, 5, widths, numeric);
	{
		char **row = add_row(t);

		cell(row, 0, "STT");
		cell(row, 1, "Cơ quan, đơn vị");
		cell(row, 2, "Số thư nhắc nhở");
		cell(row, 3, "Đã khắc phục");
		cell(row, 4, "Khắc phục lâu nhất");
	}
	for (size_t i = 0, k = 0; i < rep->n; i++) {
		size_t sent = 0, fixed = 0;
		int64_t longest = -1;
		char **row;

		for (size_t r = 0; r < rep->nrem; r++) {
			if (rep->rem[r].unit != i)
				continue;
			sent++;
			if (rep->rem[r].fixed_at > 0) {
				fixed++;
				if (rep->rem[r].fixed_at - rep->rem[r].at > longest)
					longest = rep->rem[r].fixed_at - rep->rem[r].at;
			}
		}
		if (sent == 0)
			continue;
		row = add_row(t);
		cell(row, 0, "%zu", ++k);
		cell(row, 1, "%s", rep->ru[i].u->name);
		cell(row, 2, "%zu", sent);
		cell(row, 3, "%zu", fixed);
		cell(row, 4, "%s", longest >= 0 ? fmt_days(longest, a, sizeof a) : "—");
	}
}

/* 4. Units lagging longest at the period's end. */
static void
section_lagging(struct rdoc *doc, const struct report *rep, const char *end_day,
    int num)
{
	static const int widths[] = { 70, 320, 330, 150, 130 };
	static const bool numeric[] = { false, false, false, true, true };
	const struct report_unit *pick[LAGGING_MAX];
	size_t n = 0, total = 0;
	struct rdoc_table *t;
	char d[16];

	add_text(doc, RD_HEADING, "%d. Đơn vị chậm khắc phục lâu nhất", num);
	/* Oldest failures first: a selection of the LAGGING_MAX smallest lag_since. */
	for (size_t i = 0; i < rep->n; i++) {
		const struct report_unit *ru = &rep->ru[i];
		size_t at;

		if (ru->lag_since == 0)
			continue;
		total++;
		for (at = n; at > 0 && (pick[at - 1]->lag_since > ru->lag_since ||
		    (pick[at - 1]->lag_since == ru->lag_since && pick[at - 1] > ru)); at--)
			;
		if (at >= LAGGING_MAX)
			continue;
		if (n < LAGGING_MAX)
			n++;
		memmove(&pick[at + 1], &pick[at], (n - 1 - at) * sizeof *pick);
		pick[at] = ru;
	}
	if (n == 0) {
		add_text(doc, RD_PARA, "Đến ngày %s không có đơn vị nào còn thiếu hoặc chưa "
		    "cập nhật thông tin.", end_day);
		return;
	}
	add_text(doc, RD_PARA, "Đến ngày %s có %zu đơn vị còn thiếu hoặc chưa cập nhật "
	    "thông tin; %s đơn vị chậm khắc phục lâu nhất:", end_day, total,
	    total > n ? "dưới đây là" : "gồm các");
	t = add_table(doc, 5, widths, numeric);
	{
		char **row = add_row(t);

		cell(row, 0, "STT");
		cell(row, 1, "Cơ quan, đơn vị");
		cell(row, 2, "Tiêu chí chưa đạt");
		cell(row, 3, "Chưa đạt từ ngày");
		cell(row, 4, "Số ngày");
	}
	for (size_t i = 0; i < n; i++) {
		struct buf b = { 0 };
		char **row = add_row(t);

		for (int c = 0; c < CRIT_COUNT; c++)
			if (pick[i]->end[c] == ST_STALE || pick[i]->end[c] == ST_MISSING)
				buf_printf(&b, "%s(%d) %s", b.len ? "; " : "", c + 1,
				    status_label(pick[i]->end[c]));
		cell(row, 0, "%zu", i + 1);
		cell(row, 1, "%s", pick[i]->u->name);
		cell(row, 2, "%s", b.data);
		cell(row, 3, "%s", fmt_date(pick[i]->lag_since, d, sizeof d));
		cell(row, 4, "%lld", (long long)(date_days(rep->to) -
		    date_days(date_of_time(pick[i]->lag_since))));
		buf_free(&b);
	}
}

/* 5. Portals that could not be reached, and for how long. */
static void
section_unreachable(struct rdoc *doc, const struct report *rep, int num)
{
	static const int widths[] = { 70, 290, 290, 130, 220 };
	static const bool numeric[] = { false, false, false, true, false };
	struct rdoc_table *t = NULL;
	char d[16];
	size_t k = 0;

	add_text(doc, RD_HEADING, "%d. Cổng thông tin không truy cập được", num);
	for (size_t i = 0; i < rep->n; i++) {
		const struct report_unit *ru = &rep->ru[i];
		char **row;

		if (ru->unreachable_days == 0 && ru->unreachable_since == 0)
			continue;
		if (t == NULL) {
			add_text(doc, RD_PARA, "Các cổng thông tin sau không truy cập được "
			    "(không tải được trang chủ sau các lần thử lại) trong kỳ:");
			t = add_table(doc, 5, widths, numeric);
			row = add_row(t);
			cell(row, 0, "STT");
			cell(row, 1, "Cơ quan, đơn vị");
			cell(row, 2, "Địa chỉ cổng thông tin");
			cell(row, 3, "Số ngày không truy cập được");
			cell(row, 4, "Tình trạng cuối kỳ");
		}
		row = add_row(t);
		cell(row, 0, "%zu", ++k);
		cell(row, 1, "%s", ru->u->name);
		cell(row, 2, "%s", ru->u->url);
		cell(row, 3, "%d", ru->unreachable_days);
		if (ru->unreachable_since != 0)
			cell(row, 4, "Vẫn không truy cập được (từ ngày %s)",
			    fmt_date(ru->unreachable_since, d, sizeof d));
		else
			cell(row, 4, "Đã truy cập lại được");
	}
	if (t == NULL)
		add_text(doc, RD_PARA, "Trong kỳ báo cáo, cổng thông tin của các cơ quan, "
		    "đơn vị đã kiểm tra đều truy cập được.");
}

/* 6. The yearly statistics of requests, and the units that entered none. */
static void
section_requests(struct rdoc *doc, const struct report *rep, int num)
{
	static const int widths[] = { 70, 270, 110, 110, 110, 110, 110, 110 };
	static const bool numeric[] = { false, false, true, true, true, true, true, true };
	static const char *heads[] = { "STT", "Cơ quan, đơn vị", "Yêu cầu tiếp nhận",
	    "Cung cấp toàn bộ", "Cung cấp một phần", "Từ chối", "Chuyển yêu cầu",
	    "Quá hạn" };
	int64_t total[6] = { 0 };
	struct rdoc_table *t = NULL;
	struct buf none = { 0 };
	size_t k = 0, nnone = 0;
	char n[32];

	add_text(doc, RD_HEADING, "%d. Thống kê yêu cầu cung cấp thông tin năm %d", num,
	    rep->year);
	for (size_t i = 0; i < rep->n; i++) {
		const struct report_unit *ru = &rep->ru[i];
		const struct yearly_stats *s = ru->stats;
		int64_t v[6];
		char **row;

		if (s == NULL) {
			buf_printf(&none, "%s%s", nnone++ ? "; " : "", ru->u->name);
			continue;
		}
		if (t == NULL) {
			t = add_table(doc, 8, widths, numeric);
			row = add_row(t);
			for (size_t c = 0; c < 8; c++)
				cell(row, c, "%s", heads[c]);
		}
		v[0] = s->received;
		v[1] = s->provided_full;
		v[2] = s->provided_part;
		v[3] = s->refused;
		v[4] = s->transferred;
		v[5] = s->overdue;
		row = add_row(t);
		cell(row, 0, "%zu", ++k);
		cell(row, 1, "%s", ru->u->name);
		for (size_t c = 0; c < 6; c++) {
			cell(row, 2 + c, "%s", fmt_int(v[c], n, sizeof n));
			total[c] += v[c];
		}
	}
	if (t != NULL) {
		char **row = add_row(t);

		cell(row, 1, "Tổng cộng");
		for (size_t c = 0; c < 6; c++)
			cell(row, 2 + c, "%s", fmt_int(total[c], n, sizeof n));
	}
	if (t == NULL)
		add_text(doc, RD_PARA, "Chưa có cơ quan, đơn vị nào nhập số liệu thống kê "
		    "yêu cầu cung cấp thông tin năm %d.", rep->year);
	else if (nnone == 0)
		add_text(doc, RD_PARA, "Tất cả cơ quan, đơn vị đã nhập số liệu.");
	else
		add_text(doc, RD_PARA, "Các cơ quan, đơn vị chưa nhập số liệu (%zu): %s.",
		    nnone, none.data);
	buf_free(&none);
}

void
report_doc(const struct config *cfg, const struct report *rep, struct rdoc *doc)
{
	char *pname = period_name(rep), from[16], to[16];
	int num = 0;

	memset(doc, 0, sizeof *doc);
	doc->parent = xstrdup0(cfg->report_parent);
	doc->issuer = xstrdup(cfg->report_issuer);
	doc->number = xasprintf("Số: .../BC-%s", cfg->report_symbol);
	doc->place_date = xasprintf("%s, ngày ... tháng ... năm ...", cfg->report_place);
	doc->doc_type = xstrdup("BÁO CÁO");
	doc->subject = xasprintf("Kết quả theo dõi việc công khai thông tin theo Luật "
	    "Tiếp cận thông tin %s", pname);
	date_vn(rep->from, from, sizeof from);
	date_vn(rep->to, to, sizeof to);

	add_text(doc, RD_PARA, "Thực hiện Luật Tiếp cận thông tin năm 2016 và Nghị định "
	    "số 13/2018/NĐ-CP ngày 23/01/2018 của Chính phủ quy định chi tiết và biện "
	    "pháp thi hành Luật Tiếp cận thông tin, việc công khai thông tin trên cổng "
	    "thông tin điện tử của %zu cơ quan, đơn vị được theo dõi định kỳ bằng hệ "
	    "thống kiểm tra tự động. Kết quả %s (từ ngày %s đến ngày %s%s) như sau:",
	    rep->n, pname, from, to, rep->partial ? ", số liệu tính đến ngày lập báo cáo" : "");
	if (!rep->has_data) {
		add_text(doc, RD_PARA, "Trong kỳ báo cáo, hệ thống chưa có kết quả kiểm tra "
		    "nào đối với các cơ quan, đơn vị (chưa kiểm tra lần nào trong khoảng "
		    "thời gian này), nên chưa có số liệu về tình hình công khai thông tin, "
		    "nhắc nhở và khắc phục.");
		if (rep->nstats > 0)
			section_requests(doc, rep, ++num);
	} else {
		section_end(doc, rep, to, ++num);
		section_shares(doc, rep, pname, ++num);
		section_reminders(doc, rep, ++num);
		section_lagging(doc, rep, to, ++num);
		section_unreachable(doc, rep, ++num);
		section_requests(doc, rep, ++num);
	}
	add_text(doc, RD_PARA, "Trên đây là báo cáo kết quả theo dõi việc công khai thông "
	    "tin theo Luật Tiếp cận thông tin %s./.", pname);

	doc->nrecipients = cfg->n_report_recipients;
	doc->recipients = xcalloc(doc->nrecipients ? doc->nrecipients : 1,
	    sizeof *doc->recipients);
	for (size_t i = 0; i < doc->nrecipients; i++)
		doc->recipients[i] = xasprintf("- %s%s", cfg->report_recipients[i],
		    i + 1 < doc->nrecipients ? ";" : ".");
	doc->signer = xstrdup(cfg->report_signer);
	free(pname);
}

void
rdoc_clear(struct rdoc *doc)
{
	free(doc->parent);
	free(doc->issuer);
	free(doc->number);
	free(doc->place_date);
	free(doc->doc_type);
	free(doc->subject);
	for (size_t i = 0; i < doc->n; i++) {
		struct rdoc_block *b = &doc->blocks[i];

		free(b->text);
		for (size_t c = 0; c < b->t.rows * b->t.cols; c++)
			free(b->t.cells[c]);
		free(b->t.cells);
		free(b->t.widths);
		free(b->t.numeric);
	}
	free(doc->blocks);
	for (size_t i = 0; i < doc->nrecipients; i++)
		free(doc->recipients[i]);
	free(doc->recipients);
	free(doc->signer);
	memset(doc, 0, sizeof *doc);
}

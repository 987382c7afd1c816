/* test_dates.c: dates in Vietnamese forms, validation, labels, HTTP dates. */
#include <stdlib.h>

#include <criterion/criterion.h>

#include "dates.h"
#include "fold.h"

#define TODAY	20261129

/* The dates in raw text, folded first; returns how many into out. */
static size_t
scan(const char *text, int *out, size_t max)
{
	char *f = fold_str(text);
	size_t n = dates_scan(f, out, max);

	free(f);
	return n;
}

/* The one date of text (0 when there is not exactly one). */
static int
one(const char *text)
{
	int d[4];

	return scan(text, d, 4) == 1 ? d[0] : 0;
}

Test(dates, every_form_of_spec)
{
	cr_expect_eq(one("12/8/2026"), 20260812);
	cr_expect_eq(one("12-08-2026"), 20260812);
	cr_expect_eq(one("12.08.2026"), 20260812);
	cr_expect_eq(one("12 - 08 - 2026"), 20260812);
	cr_expect_eq(one("ngày 12 tháng 8 năm 2026"), 20260812);
	cr_expect_eq(one("NGÀY 12 THÁNG 8 NĂM 2026"), 20260812);
	cr_expect_eq(one("Thứ năm - 17/07/2025 16:02"), 20250717);
	cr_expect_eq(one("Thứ Hai, 29/11/2026"), 20261129);
	cr_expect_eq(one("Đăng lúc: 17:00:00 02/01/2024"), 20240102);
	cr_expect_eq(one("Cập nhật lần cuối: 08:30 22-11-2026"), 20261122);
	cr_expect_eq(one("ngày 5 tháng 10 năm 2026"), 20261005);
	cr_expect_eq(one("Hà Nội, ngày 05 tháng 10, năm 2026"), 20261005);
	cr_expect_eq(one("<time>2026-03-01</time>"), 20260301);
}

Test(dates, invalid_days_and_numbers_are_not_dates)
{
	int d[4];

	cr_expect_eq(scan("31/02/2026", d, 4), 0);
	cr_expect_eq(scan("29/02/2026", d, 4), 0);
	cr_expect_eq(one("29/02/2024"), 20240229);
	cr_expect_eq(scan("29/02/2100", d, 4), 0);
	cr_expect_eq(one("29/02/2000"), 20000229);
	cr_expect_eq(scan("12/13/2026", d, 4), 0);
	cr_expect_eq(scan("0/1/2026 1/0/2026", d, 4), 0);
	cr_expect_eq(scan("Số 123/2026/QĐ-UBND", d, 4), 0);
	cr_expect_eq(scan("12/08/20267", d, 4), 0);
	cr_expect_eq(scan("112/08/2026", d, 4), 0);
	cr_expect_eq(scan("12/08-2026", d, 4), 0);
	cr_expect_eq(scan("1.2.3.2026", d, 4), 0);
	cr_expect_eq(scan("Nghị định 13/2018/NĐ-CP", d, 4), 0);
	cr_expect_eq(scan("tel 0213.3876.543", d, 4), 0);
	cr_expect_eq(scan("12 tháng 8", d, 4), 0);
}

Test(dates, several_dates_and_the_latest_not_in_the_future)
{
	int d[8];
	size_t n = scan("Ban hành 01/02/2025, sửa 3-4-2026; hiệu lực 01/01/2027", d, 8);

	cr_assert_eq(n, 3);
	cr_expect_eq(d[0], 20250201);
	cr_expect_eq(d[1], 20260403);
	cr_expect_eq(d[2], 20270101);
	cr_expect_eq(dates_latest(d, n, TODAY), 20260403);
	cr_expect_eq(dates_latest(d, 0, TODAY), 0);
	cr_expect_eq(dates_latest_in("30/11/2026 và 29/11/2026", TODAY), 20261129);
	cr_expect_eq(dates_latest_in("không có ngày", TODAY), 0);
}

Test(dates, labelled_dates)
{
	char *f = fold_str("Thứ Hai, 29/11/2026 | Trang chủ | Danh mục. Ngày cập nhật: 15/06/2026. "
	    "Người ký 01/01/2020. Ngày ban hành: ngày 3 tháng 2 năm 2026");
	int d[8];
	size_t n = dates_scan_labelled(f, d, 8);

	cr_assert_eq(n, 2);
	cr_expect_eq(dates_latest(d, n, TODAY), 20260615);
	free(f);
	f = fold_str("Cập nhật lần cuối: 08:30 22-11-2026");
	cr_expect_eq(dates_scan_labelled(f, d, 8), 1);
	cr_expect_eq(d[0], 20261122);
	free(f);
	f = fold_str("Cập nhật thông tin về các hoạt động của đơn vị trong năm nay và 12/12/2012");
	cr_expect_eq(dates_scan_labelled(f, d, 8), 0);	/* too far from its label */
	free(f);
}

Test(dates, calendar_helpers_and_http_dates)
{
	char buf[16];

	cr_expect(date_valid(2024, 2, 29));
	cr_expect(!date_valid(2026, 4, 31));
	cr_expect_eq(date_days(19700101), 0);
	cr_expect_eq(date_days(20261129) - date_days(20251129), 365);
	cr_expect_str_eq(date_iso(20260812, buf, sizeof buf), "2026-08-12");
	cr_expect_str_eq(date_vn(20260812, buf, sizeof buf), "12/08/2026");
	/* 20:00 GMT is the next day in Hồ Chí Minh time (run.sh sets TZ). */
	cr_expect_eq(dates_http("Wed, 21 Oct 2026 20:00:00 GMT"), 20261022);
	cr_expect_eq(dates_http("Wed, 21 Oct 2026 07:28:00 GMT"), 20261021);
	cr_expect_eq(dates_http("garbage"), 0);
	cr_expect_eq(dates_http(NULL), 0);
}

/* test_notify_items.c: the nine criteria in reminders and the digest; [rules] criteria chooses those that count. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>
#include <sqlite3.h>

#include "config.h"
#include "criteria.h"
#include "notify.h"
#include "notify_fixture.h"
#include "support.h"
#include "xmalloc.h"

#define FIVE	"section regulation public_catalog conditional_catalog focal_point"

static void
expect_has(const char *hay, const char *needle)
{
	cr_expect(hay != NULL && strstr(hay, needle) != NULL,
	    "expected \"%s\" in:\n%s", needle, hay ? hay : "(null)");
}

/* One text column of the fixture's database; caller frees. */
static char *
row_text(struct nfix *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *out = NULL;

	cr_assert_eq(sqlite3_open(f->cfg->database, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		out = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	cr_assert_not_null(out, "%s", sql);
	return out;
}

Test(notify_items, reminder_names_each_missing_item_with_its_legal_basis)
{
	struct nfix f;
	char *text;

	nfix_open(&f, 0, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "OOOOOMOMO");
	nfix_pass(&f, "stp", f.t0 - DAY, "OOOOOMOMO");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	text = row_text(&f, "SELECT body_text FROM notice WHERE kind = 'reminder'");
	expect_has(text, "còn 2 nội dung chưa đáp ứng yêu cầu");
	expect_has(text, "1. Địa chỉ tiếp nhận yêu cầu cung cấp thông tin qua mạng điện tử: Thiếu");
	expect_has(text, "2. Mẫu phiếu yêu cầu cung cấp thông tin: Thiếu");
	expect_has(text, "Căn cứ pháp lý: Khoản 1 Điều 11 Nghị định 13/2018/NĐ-CP.");
	expect_has(text, "Căn cứ pháp lý: Điều 5 và khoản 1 Điều 11 Nghị định 13/2018/NĐ-CP.");
	expect_has(text, crit_info(CRIT_FORMS)->todo);
	cr_expect_null(strstr(text, crit_info(CRIT_GUIDANCE)->label), "ok items are not listed");
	free(text);
	nfix_close(&f);
}

Test(notify_items, criteria_not_counted_trigger_no_reminder_nor_digest_count)
{
	struct nfix f;
	char *stats_s;
	json_t *stats;

	nfix_open(&f, 0, "\n[rules]\ncriteria = " FIVE "\n");
	cr_assert_eq(f.cfg->criteria, 0x1fu);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "OOOOOMMMM");
	nfix_pass(&f, "stp", f.t0 - DAY, "OOOOOMMMM");
	cr_expect_eq(notify_round(f.cfg, f.st, f.t0, false), 0, "only the five count");
	cr_assert_eq(digest_run(f.cfg, f.st, f.t0, "2026-W45", false), 1);
	stats_s = row_text(&f, "SELECT stats FROM digest");
	stats = json_loads(stats_s, 0, NULL);
	cr_assert_not_null(stats);
	cr_expect_eq(json_integer_value(json_object_get(stats, "compliant_units")), 1);
	cr_expect_eq(json_integer_value(json_object_get(json_object_get(stats, "counts"),
	    "missing")), 0);
	cr_expect_null(json_object_get(json_object_get(stats, "failing_by_criterion"), "forms"));
	json_decref(stats);
	free(stats_s);
	nfix_close(&f);
	/* Counted (the default), the same history is a reminder and counts in the digest. */
	nfix_open(&f, 0, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "OOOOOMMMM");
	nfix_pass(&f, "stp", f.t0 - DAY, "OOOOOMMMM");
	cr_expect_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	cr_assert_eq(digest_run(f.cfg, f.st, f.t0, "2026-W45", false), 1);
	stats_s = row_text(&f, "SELECT stats FROM digest");
	stats = json_loads(stats_s, 0, NULL);
	cr_expect_eq(json_integer_value(json_object_get(stats, "compliant_units")), 0);
	cr_expect_eq(json_integer_value(json_object_get(json_object_get(stats,
	    "failing_by_criterion"), "forms")), 1);
	json_decref(stats);
	free(stats_s);
	nfix_close(&f);
}

Test(notify_items, a_week_across_the_upgrade_compares_the_criteria_judged_then)
{
	struct nfix f;
	char *stats_s, *text;
	json_t *stats;

	nfix_open(&f, 0, NULL);
	/* A week ago an older tcttd judged five; now nine are. */
	nfix_pass(&f, "stp", f.t0 - 10 * DAY, "OOOOO----");
	nfix_pass(&f, "sxd", f.t0 - 10 * DAY, "OOOOO----");
	nfix_pass(&f, "stp", f.t0 - DAY, "OOOOOMOOO");
	nfix_pass(&f, "sxd", f.t0 - DAY, "OMOOOOOOO");
	cr_assert_eq(digest_run(f.cfg, f.st, f.t0, "2026-W45", false), 1);
	stats_s = row_text(&f, "SELECT stats FROM digest");
	stats = json_loads(stats_s, 0, NULL);
	cr_assert_not_null(stats);
	cr_expect_eq(json_integer_value(json_object_get(stats, "compliant_units_prev")), 2,
	    "all five judged then were ok");
	cr_expect_eq(json_array_size(json_object_get(stats, "improved")), 0);
	cr_expect_eq(json_array_size(json_object_get(stats, "regressed")), 1, "%s", stats_s);
	cr_expect_str_eq(json_string_value(json_array_get(json_object_get(stats, "regressed"), 0)),
	    "sxd");
	json_decref(stats);
	free(stats_s);
	text = row_text(&f, "SELECT body_text FROM notice WHERE kind = 'digest'");
	expect_has(text, "Sở Xây dựng (sxd), từ 5 xuống 4 tiêu chí đạt: "
	    "Quy chế nội bộ về tổ chức cung cấp thông tin: Đạt → Thiếu\n");
	free(text);
	nfix_close(&f);
}

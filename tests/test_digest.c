/* test_digest.c: the weekly digest's figures and words, and when it is due. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>
#include <sqlite3.h>

#include "clock.h"
#include "config.h"
#include "notify.h"
#include "notify_fixture.h"
#include "smtp.h"
#include "xmalloc.h"

static void
expect_has(const char *hay, const char *needle)
{
	cr_expect(hay != NULL && strstr(hay, needle) != NULL,
	    "expected \"%s\" in:\n%s", needle, hay ? hay : "(null)");
}

/* Column col of the one row sql returns, as text; caller frees. */
static char *
row_text(struct nfix *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *out = NULL;

	cr_assert_eq(sqlite3_open_v2(f->cfg->database, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		out = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	cr_assert_not_null(out, "no row for %s", sql);
	return out;
}

/* The JSON array of strings as "a,b,c". Caller frees. */
static char *
ids(json_t *a)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < json_array_size(a); i++)
		buf_printf(&b, "%s%s", i ? "," : "", json_string_value(json_array_get(a, i)));
	return buf_steal(&b);
}

static void
expect_ids(json_t *stats, const char *key, const char *want)
{
	char *got = ids(json_object_get(stats, key));

	cr_expect_str_eq(got, want, "%s", key);
	free(got);
}

/*
 * A week from t0 to now = t0 + 7 days: stp improves (7 -> 9 ok), sxd regresses
 * (9 -> 7: the regulation and the request channel), snv becomes unreachable, syt (no e-mail) lags since t0 - 30 days,
 * stc is never checked; stp was reminded on t0 + 1 day.
 */
static int64_t
build_week(struct nfix *f)
{
	int64_t now = f->t0 + 7 * DAY;

	nfix_pass(f, "stp", f->t0 - 20 * DAY, "OMSOOOOOO");
	nfix_pass(f, "stp", f->t0, "OMSOOOOOO");
	nfix_pass(f, "sxd", f->t0 - 10 * DAY, "OOOOOOOOO");
	nfix_pass(f, "snv", f->t0 - 10 * DAY, "OOOOOOOOO");
	nfix_pass(f, "syt", f->t0 - 30 * DAY, "MMMMMMMMM");
	cr_assert_eq(notify_round(f->cfg, f->st, f->t0 + DAY, false), 1);
	cr_assert_eq(notices_flush(f->cfg, f->st, f->t0 + DAY), 0);
	nfix_pass(f, "stp", now - DAY, "OOOOOOOOO");
	nfix_pass(f, "sxd", now - DAY, "OMOOOMOOO");
	nfix_pass(f, "snv", now - DAY, "UUUUUUUUU");
	nfix_pass(f, "syt", now - DAY, "MMMMMMMMM");
	return now;
}

Test(digest, content_against_a_fixture_week)
{
	struct nfix f;
	int64_t now;
	char *stats_s, *text, *html, *path;
	json_t *stats, *counts, *lag, *m;
	json_error_t jerr;

	nfix_open(&f, 0, NULL);
	now = build_week(&f);
	cr_assert_eq(digest_run(f.cfg, f.st, now, "2026-W46", false), 1);
	cr_expect_eq(digest_run(f.cfg, f.st, now + 3600, "2026-W46", false), 0,
	    "one digest per week");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM digest WHERE week = '2026-W46'"
	    " AND notice_id = (SELECT id FROM notice WHERE kind = 'digest'"
	    " AND round_key = 'digest:2026-W46' AND mail_to = 'vanphong@laichau.gov.vn'"
	    " AND state = 'pending')"), 1);

	stats_s = row_text(&f, "SELECT stats FROM digest");
	stats = json_loads(stats_s, 0, &jerr);
	cr_assert_not_null(stats, "%s: %s", stats_s, jerr.text);
	counts = json_object_get(stats, "counts");
	cr_expect_eq(json_integer_value(json_object_get(counts, "ok")), 16);
	cr_expect_eq(json_integer_value(json_object_get(counts, "missing")), 11);
	cr_expect_eq(json_integer_value(json_object_get(counts, "stale")), 0);
	cr_expect_eq(json_integer_value(json_object_get(counts, "unreachable")), 9);
	cr_expect_eq(json_integer_value(json_object_get(counts, "not_checked")), 9);
	cr_expect_eq(json_integer_value(json_object_get(stats, "units")), 5);
	cr_expect_eq(json_integer_value(json_object_get(stats, "checked")), 4);
	cr_expect_eq(json_integer_value(json_object_get(stats, "compliant_units")), 1);
	cr_expect_eq(json_integer_value(json_object_get(stats, "compliant_units_prev")), 2);
	cr_expect_eq(json_integer_value(json_object_get(stats, "ok_permille")), 444);
	cr_expect_eq(json_integer_value(json_object_get(stats, "ok_permille_prev")), 694);
	expect_ids(stats, "improved", "stp");
	expect_ids(stats, "regressed", "sxd");
	expect_ids(stats, "unreachable", "snv");
	expect_ids(stats, "no_email", "syt");
	lag = json_object_get(stats, "lagging");
	cr_expect_eq(json_array_size(lag), 2);
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(lag, 0), "id")), "syt");
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(lag, 0), "since")),
	    "2026-10-03");
	cr_expect_eq(json_integer_value(json_object_get(json_object_get(stats,
	    "reminders"), "sent")), 1);
	json_decref(stats);
	free(stats_s);

	text = row_text(&f, "SELECT body_text FROM notice WHERE kind = 'digest'");
	expect_has(text, "TỔNG HỢP TUẦN 46/2026 (đến ngày 09/11/2026)");
	expect_has(text, "Đơn vị đã được kiểm tra: 4/5");
	expect_has(text, "Đơn vị đạt đủ 9 tiêu chí: 1 (tuần trước: 2)");
	expect_has(text, "Tỷ lệ tiêu chí đạt: 44,4% (tuần trước: 69,4%; giảm 25,0 điểm %)");
	expect_has(text, "Số tiêu chí theo trạng thái: Đạt 16, Chưa cập nhật 0, Thiếu 11, "
	    "Không truy cập được 9, Chưa kiểm tra 9");
	expect_has(text, "Số đơn vị chưa đạt theo từng tiêu chí: Chuyên mục 1, Quy chế 2, "
	    "DM công khai 1, DM có điều kiện 1, Đầu mối 1, Nhận yêu cầu 2, Phản ánh 1, "
	    "Biểu mẫu 1, Hướng dẫn 1");
	expect_has(text, "2. Đơn vị tiến bộ so với tuần trước (1)\n"
	    "   - Sở Tư pháp (stp), từ 7 lên 9 tiêu chí đạt: "
	    "Quy chế nội bộ về tổ chức cung cấp thông tin: Thiếu → Đạt; "
	    "Danh mục thông tin phải được công khai: Chưa cập nhật → Đạt\n");
	expect_has(text, "3. Đơn vị giảm kết quả so với tuần trước (1)\n"
	    "   - Sở Xây dựng (sxd), từ 9 xuống 7 tiêu chí đạt");
	expect_has(text, "4. Đơn vị chậm thực hiện lâu nhất (2)\n"
	    "   - Sở Y tế (syt): 9 tiêu chí chưa đạt, từ ngày 03/10/2026 (37 ngày); "
	    "chưa có địa chỉ thư điện tử\n"
	    "   - Sở Xây dựng (sxd): 2 tiêu chí chưa đạt, từ ngày 08/11/2026 (1 ngày)\n");
	expect_has(text, "5. Cổng/Trang thông tin điện tử không truy cập được (1)\n"
	    "   - Sở Nội vụ (snv): http://sonoivu.laichau.demo/, từ ngày 08/11/2026\n");
	expect_has(text, "6. Văn bản đôn đốc trong tuần (1)\n"
	    "   - 03/11/2026: Sở Tư pháp (stp), gửi stp@laichau.gov.vn - đã gửi\n");
	expect_has(text, "7. Đơn vị cần đôn đốc nhưng chưa có địa chỉ thư điện tử (1)\n"
	    "   - Sở Y tế (syt)\n");
	free(text);
	html = row_text(&f, "SELECT body_html FROM notice WHERE kind = 'digest'");
	cr_expect(strncmp(html, "<div class=\"tctt-digest\">", 25) == 0);
	expect_has(html, "<h1>TỔNG HỢP TUẦN 46/2026 (đến ngày 09/11/2026)</h1>");
	cr_expect_null(strstr(strstr(html, "<h1>") + 4, "<h1>"), "one <h1>");
	expect_has(html, "<h2>Đơn vị tiến bộ so với tuần trước (1)</h2>");
	expect_has(html, "<li><strong>Sở Tư pháp</strong> (stp), từ 7 lên 9");
	cr_expect_null(strstr(html, "<html"), "a fragment the dashboard can embed");
	free(html);

	cr_assert_eq(notices_flush(f.cfg, f.st, now), 0);
	path = xasprintf("%s/outbox/digest-2026-W46.eml", f.dir);
	m = mail_decode_file(path);
	cr_expect_str_eq(json_str(m, "headers", "subject"),
	    "Tổng hợp tuần 46/2026: tình hình thực hiện Luật Tiếp cận thông tin");
	cr_expect_str_eq(json_str(m, "headers", "to"), "vanphong@laichau.gov.vn");
	expect_has(json_str(m, "html", NULL), "<h2>Số liệu chung</h2>");
	json_decref(m);
	free(path);
	nfix_close(&f);
}

Test(digest, rejected_reminder_is_shown)
{
	struct smtpd s = { 0 };
	struct nfix f;
	char *text;

	smtpd_start(&s, 0);
	nfix_open(&f, s.port, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "MMMMM");
	smtpd_reject(&s, "550 5.1.1 <stp@laichau.gov.vn>: Recipient address rejected");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	cr_assert_eq(notices_flush(f.cfg, f.st, f.t0), 1);
	cr_assert_eq(digest_run(f.cfg, f.st, f.t0 + DAY, "2026-W45", false), 1);
	text = row_text(&f, "SELECT body_text FROM notice WHERE kind = 'digest'");
	expect_has(text, "Sở Tư pháp (stp), gửi stp@laichau.gov.vn - bị từ chối (");
	expect_has(text, "Recipient address rejected");
	free(text);
	nfix_close(&f);
	smtpd_free(&s);
}

Test(digest, due_follows_the_weekly_schedule)
{
	struct config *cfg;
	char *cause = NULL, week[16];
	int64_t t;

	cr_assert_eq(config_load_string("t.conf", "[notify]\ndigest = Mon 07:00\n",
	    &cfg, &cause), 0, "%s", cause);
	cr_assert_eq(clock_parse_iso8601("2026-11-09T06:59:00+07:00", &t), 0);
	cr_expect(!digest_due(cfg, "2026-W45", t, week, sizeof week));
	cr_expect_str_eq(week, "2026-W45", "before 07:00 the slot is last Monday's");
	cr_expect(digest_due(cfg, "2026-W44", t, week, sizeof week));
	cr_expect(digest_due(cfg, NULL, t, week, sizeof week), "no digest yet");
	cr_assert_eq(clock_parse_iso8601("2026-11-09T07:00:00+07:00", &t), 0);
	cr_expect(digest_due(cfg, "2026-W45", t, week, sizeof week));
	cr_expect_str_eq(week, "2026-W46");
	cr_expect(!digest_due(cfg, "2026-W46", t + 3 * DAY, week, sizeof week));
	cr_expect(!digest_due(cfg, "2026-W47", t, week, sizeof week),
	    "a later digest (sent by hand) is not followed by an older one");
	/* Year boundary: 2026-12-28 is in 2026-W53, 2027-01-04 in 2027-W01. */
	cr_assert_eq(clock_parse_iso8601("2027-01-04T08:00:00+07:00", &t), 0);
	cr_expect(digest_due(cfg, "2026-W53", t, week, sizeof week));
	cr_expect_str_eq(week, "2027-W01");
	config_free(cfg);
}

Test(digest, daemon_tick_reminds_daily_and_digests_weekly)
{
	struct notify_sched sched = { "" };
	struct nfix f;

	nfix_open(&f, 0, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "MMMMM");
	/* Monday 2 Nov, 08:00 to Tuesday 10 Nov, every 6 hours. */
	for (int64_t t = f.t0; t <= f.t0 + 8 * DAY; t += 6 * 3600)
		cr_assert_eq(notify_tick(f.cfg, f.st, t, &sched), 0);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE kind = 'reminder'"), 2,
	    "days 0 and 7");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM digest"), 2, "weeks 45 and 46");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state <> 'sent'"), 0);
	nfix_close(&f);
}

/* A fresh database: no digest of an empty week at the first start; one once results exist. */
Test(digest, fresh_database_sends_no_empty_digest)
{
	struct notify_sched sched = { "" };
	struct nfix f;

	nfix_open(&f, 0, NULL);
	cr_assert_eq(notify_tick(f.cfg, f.st, f.t0, &sched), 0);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM digest"), 0, "nothing to report yet");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice"), 0);
	nfix_pass(&f, "stp", f.t0 + 600, "OMMMM");
	cr_assert_eq(notify_tick(f.cfg, f.st, f.t0 + 3600, &sched), 0);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM digest"), 1);
	nfix_close(&f);
}

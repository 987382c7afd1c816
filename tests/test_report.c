/*
 * test_report.c: the yearly report (tcttd --report, the dashboard's
 * /reports/YEAR and /reports/YEAR.docx) and the digest's .docx attachment,
 * against a prepared year of history in a real SQLite file. Every .docx is
 * read back with python-docx (tests/report/docx_dump.py); the expected
 * figures are worked out by hand in the comments, not by the code under test.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <jansson.h>
#include <sqlite3.h>

#include "clock.h"
#include "config.h"
#include "criteria.h"
#include "dashfix.h"
#include "docx.h"
#include "dates.h"
#include "notify.h"
#include "report.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

struct rfix {
	char		*dir;
	char		*conf;
	char		*db;
	struct config	*cfg;
	struct store	*st;
};

/* The units, in the report's order (all departments: by ID). */
static const char *const unit_names[] = {
	"Sở Nội vụ",				/* snv */
	"Sở Văn hóa, Thể thao & Du lịch <VHTTDL>",	/* stc: hostile characters, never checked */
	"Sở Tư pháp",				/* stp */
	"Sở Y tế",				/* syt */
};

static void
rfix_open(struct rfix *f)
{
	struct buf b = { 0 };
	char *cause = NULL;

	memset(f, 0, sizeof *f);
	f->dir = test_tmpdir();
	f->db = xasprintf("%s/tctt.db", f->dir);
	buf_printf(&b, "[daemon]\ndatabase = %s\ninterval = 24h\n\n"
	    "[notify]\noutbox = %s/outbox\n"
	    "from = Văn phòng UBND tỉnh Lai Châu <vanphong@laichau.gov.vn>\n"
	    "secretariat = vanphong@laichau.gov.vn\n\n"
	    "[report]\nparent = ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nissuer = VĂN PHÒNG\n"
	    "symbol = VP\nplace = Lai Châu\nsigner = CHÁNH VĂN PHÒNG\n"
	    "recipient = UBND tỉnh (để báo cáo)\nrecipient = Bộ Tư pháp\n"
	    "recipient = Lưu: VT, KSTT\n\n", f->db, f->dir);
	buf_printf(&b,
	    "[unit:stp]\nname = %s\nkind = department\nurl = http://sotuphap.laichau.demo/\n"
	    "email = stp@laichau.gov.vn\n"
	    "[unit:syt]\nname = %s\nkind = department\nurl = http://soyte.laichau.demo/\n"
	    "email = syt@laichau.gov.vn\n"
	    "[unit:snv]\nname = %s\nkind = department\nurl = http://sonoivu.laichau.demo/\n"
	    "email = snv@laichau.gov.vn\n"
	    "[unit:stc]\nname = %s\nkind = department\nurl = http://vhttdl.laichau.demo/\n",
	    unit_names[2], unit_names[3], unit_names[0], unit_names[1]);
	f->conf = test_write_file(f->dir, "tctt.conf", b.data);
	buf_free(&b);
	if (config_load(f->conf, &f->cfg, &cause) == -1)
		cr_assert_fail("config: %s", cause);
	if (store_open(f->db, 0, &f->st, &cause) == -1)
		cr_assert_fail("store: %s", cause);
	cr_assert_eq(store_sync_units(f->st, f->cfg, 1767200000, &cause), 0);
}

static void
rfix_close(struct rfix *f)
{
	store_close(f->st);
	config_free(f->cfg);
	free(f->dir);
	free(f->conf);
	free(f->db);
}

/* 08:00 local on day ymd. */
static int64_t
at8(int ymd)
{
	char iso[32];
	int64_t t;

	snprintf(iso, sizeof iso, "%04d-%02d-%02dT08:00:00+07:00", ymd / 10000,
	    ymd / 100 % 100, ymd % 100);
	cr_assert_eq(clock_parse_iso8601(iso, &t), 0);
	return t;
}

/* The next day of ymd. */
static int
next_day(int ymd)
{
	return date_of_time(at8(ymd) + 86400);
}

/* One pass at t: every criterion st, except crit odd (if >= 0) which is odd_st. */
static void
pass(struct rfix *f, const char *unit, int64_t t, enum status st, int odd,
    enum status odd_st)
{
	struct pass_result pr;
	char *cause = NULL;

	memset(&pr, 0, sizeof pr);
	pr.started_at = t - 60;
	pr.finished_at = t;
	pr.reachable = st != ST_UNREACHABLE;
	for (int c = 0; c < CRIT_COUNT; c++) {
		pr.v[c].status = c == odd ? odd_st : st;
		if (pr.v[c].status == ST_OK)
			pr.v[c].url = xasprintf("http://%s.demo/c%d", unit, c);
	}
	if (store_save_pass(f->st, unit, &pr, &cause) == -1)
		cr_assert_fail("save pass: %s", cause);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
}

static int
crit(const char *id)
{
	int c = criterion_from_id(id);

	cr_assert_geq(c, 0, "%s", id);
	return c;
}

static void
sql(struct rfix *f, const char *text)
{
	sqlite3 *db;
	char *err = NULL;

	cr_assert_eq(sqlite3_open(f->db, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, text, NULL, NULL, &err), SQLITE_OK, "%s: %s", text, err);
	sqlite3_close(db);
}

static void
reminder(struct rfix *f, const char *unit, int ymd, const char *state)
{
	char *q = xasprintf("INSERT INTO notice (kind, unit_id, round_key, mail_to, subject,"
	    " message, state, created_at, sent_at) VALUES ('reminder', '%s',"
	    " 'reminder:%s:%d', '%s@laichau.gov.vn', 'Nhắc nhở', 'x', '%s', %lld, %lld)",
	    unit, unit, ymd, unit, state, (long long)at8(ymd), (long long)at8(ymd));

	sql(f, q);
	free(q);
}

/*
 * The year 2026, a pass every day at 08:00 (interval 24h):
 * - stp: all ok, but public_catalog missing from 1 Jan to 31 Mar (90 days),
 *   ok from 1 Apr: 275/365 days = 75,3%; the others 100%. Reminded on
 *   20 Jan and 20 Feb (both sent), fixed on 1 Apr at 08:00: 71 and 40 days,
 *   median 55,5, longest 71.
 * - syt: first checked 1 Jul (181 days not checked: 31+28+31+30+31+30), all
 *   ok from then (184 days = 50,4%), except focal_point missing from 1 Dec:
 *   153 days ok (31+31+30+31+30) = 41,9%; lagging since 01/12/2026, 30 days
 *   by 31 Dec. Reminded on 20 Dec (sent), not fixed: open 11 days 16 hours
 *   by the year's end = 11,7 days.
 * - snv: all ok, but unreachable from 1 Oct to 10 Oct: 355/365 = 97,3%,
 *   10 days unreachable, reachable again. A reminder still pending does not
 *   count; one sent on 6 Oct, while nothing but unreachable was on record,
 *   counts as sent but has no time to a fix.
 * - stc: never checked: 0%, 365 days not checked.
 * Statistics of requests for 2026: stp and snv; syt only for 2025.
 */
static void
build_year(struct rfix *f)
{
	int pc = crit("public_catalog"), fp = crit("focal_point");

	for (int d = 20260101; d <= 20261231; d = next_day(d)) {
		pass(f, "stp", at8(d), ST_OK, pc, d < 20260401 ? ST_MISSING : ST_OK);
		if (d >= 20260701)
			pass(f, "syt", at8(d), ST_OK, fp, d < 20261201 ? ST_OK : ST_MISSING);
		pass(f, "snv", at8(d), d >= 20261001 && d <= 20261010 ? ST_UNREACHABLE :
		    ST_OK, -1, ST_OK);
	}
	reminder(f, "stp", 20260120, "sent");
	reminder(f, "stp", 20260220, "sent");
	reminder(f, "syt", 20261220, "sent");
	reminder(f, "snv", 20261005, "pending");
	reminder(f, "snv", 20261006, "sent");
	sql(f, "INSERT INTO yearly_stats VALUES"
	    " ('stp', 2026, 12, 8, 2, 1, 1, 0, 1790000000, 'vanphong'),"
	    " ('snv', 2026, 1500, 1400, 50, 30, 15, 5, 1790000000, 'vanphong'),"
	    " ('syt', 2025, 7, 7, 0, 0, 0, 0, 1760000000, 'vanphong')");
}

/* docx_dump.py's JSON of a .docx (or, with eml, of the .docx attached to it, saved as path). */
static json_t *
dump_docx(const char *path, const char *eml)
{
	char *script = test_srcdir("report/docx_dump.py"), *out = NULL, *err = NULL;
	const char *argv_docx[] = { "/usr/bin/python3", script, path, NULL };
	const char *argv_eml[] = { "/usr/bin/python3", script, "--eml", eml, path, NULL };
	json_error_t jerr;
	json_t *j;
	int rc;

	rc = run_cmd(eml != NULL ? argv_eml : argv_docx, &out, &err);
	cr_assert_eq(rc, 0, "docx_dump.py: %s", err);
	j = json_loads(out, 0, &jerr);
	cr_assert_not_null(j, "%s: %s", jerr.text, out);
	free(script);
	free(out);
	free(err);
	return j;
}

/* All paragraphs' text joined by newlines; caller frees. */
static char *
all_text(json_t *d)
{
	struct buf b = { 0 };
	json_t *ps = json_object_get(d, "paragraphs"), *ts = json_object_get(d, "tables");

	for (size_t i = 0; i < json_array_size(ps); i++)
		buf_printf(&b, "%s\n", json_string_value(json_object_get(json_array_get(ps, i), "text")));
	for (size_t i = 0; i < json_array_size(ts); i++) {
		json_t *rows = json_object_get(json_array_get(ts, i), "rows");

		for (size_t r = 0; r < json_array_size(rows); r++)
			for (size_t c = 0; c < json_array_size(json_array_get(rows, r)); c++)
				buf_printf(&b, "%s\n", json_string_value(json_array_get(
				    json_array_get(rows, r), c)));
	}
	return buf_steal(&b);
}

static void
expect_has(const char *hay, const char *needle)
{
	cr_expect(hay != NULL && strstr(hay, needle) != NULL, "expected \"%s\" in:\n%s",
	    needle, hay ? hay : "(null)");
}

/* The table whose first row's cell col is head; NULL if none. Borrowed. */
static json_t *
table_with(json_t *d, size_t col, const char *head)
{
	json_t *ts = json_object_get(d, "tables");

	for (size_t i = 0; i < json_array_size(ts); i++) {
		json_t *rows = json_object_get(json_array_get(ts, i), "rows");
		const char *s = json_string_value(json_array_get(json_array_get(rows, 0), col));

		if (s != NULL && strcmp(s, head) == 0)
			return json_array_get(ts, i);
	}
	return NULL;
}

static const char *
cell(json_t *t, size_t row, size_t col)
{
	const char *s = json_string_value(json_array_get(json_array_get(
	    json_object_get(t, "rows"), row), col));

	return s != NULL ? s : "(none)";
}

static size_t
nrows(json_t *t)
{
	return json_array_size(json_object_get(t, "rows"));
}

/* The Decree 30 frame: page, font, national title, motto, issuing body, placeholders. */
static void
check_frame(json_t *d, const char *subject)
{
	json_t *page = json_object_get(d, "page");
	char *text = all_text(d);

	cr_expect_eq(json_real_value(json_object_get(page, "width")), 210.0);
	cr_expect_eq(json_real_value(json_object_get(page, "height")), 297.0);
	cr_expect(json_real_value(json_object_get(page, "top")) >= 20 &&
	    json_real_value(json_object_get(page, "top")) <= 25);
	cr_expect(json_real_value(json_object_get(page, "bottom")) >= 20 &&
	    json_real_value(json_object_get(page, "bottom")) <= 25);
	cr_expect(json_real_value(json_object_get(page, "left")) >= 30 &&
	    json_real_value(json_object_get(page, "left")) <= 35);
	cr_expect(json_real_value(json_object_get(page, "right")) >= 15 &&
	    json_real_value(json_object_get(page, "right")) <= 20);
	cr_expect_str_eq(json_string_value(json_object_get(d, "font")), "Times New Roman");
	cr_expect(json_number_value(json_object_get(d, "size_pt")) >= 13 &&
	    json_number_value(json_object_get(d, "size_pt")) <= 14);
	expect_has(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	expect_has(text, "Độc lập - Tự do - Hạnh phúc");
	expect_has(text, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nVĂN PHÒNG");
	expect_has(text, "Số: .../BC-VP");
	expect_has(text, "Lai Châu, ngày ... tháng ... năm ...");
	expect_has(text, "BÁO CÁO\n");
	expect_has(text, subject);
	expect_has(text, "Nơi nhận:\n- UBND tỉnh (để báo cáo);\n- Bộ Tư pháp;\n- Lưu: VT, KSTT.");
	expect_has(text, "CHÁNH VĂN PHÒNG");
	free(text);
}

/* Run tcttd --report year -o out at now; returns its exit status, stderr into *err. */
static int
run_report(struct rfix *f, const char *now, const char *year, const char *out, char **err)
{
	char *bin = test_bin("tcttd"), *o = NULL;
	const char *argv[] = { bin, "-c", f->conf, "--report", year, "-o", out, NULL };
	int rc;

	setenv("TCTT_NOW", now, 1);
	if (out == NULL)
		argv[5] = NULL;
	rc = run_cmd(argv, &o, err);
	free(o);
	free(bin);
	return rc;
}

Test(report, year_figures_against_a_prepared_history, .timeout = 120)
{
	struct rfix f;
	char *out, *err = NULL, *text;
	json_t *d, *t;
	int pc, fp;

	rfix_open(&f);
	build_year(&f);
	pc = crit("public_catalog");
	fp = crit("focal_point");
	out = xasprintf("%s/bao-cao-2026.docx", f.dir);
	cr_assert_eq(run_report(&f, "2027-01-15T08:00:00+07:00", "2026", out, &err), 0,
	    "%s", err);
	d = dump_docx(out, NULL);
	check_frame(d, "Kết quả theo dõi việc công khai thông tin theo Luật Tiếp cận "
	    "thông tin năm 2026");
	text = all_text(d);
	for (size_t i = 0; i < 4; i++)
		expect_has(text, unit_names[i]);
	expect_has(text, "từ ngày 01/01/2026 đến ngày 31/12/2026");

	/* 1. At the year's end: 4 units x (STT, name, criteria, count), header repeated. */
	t = table_with(d, 2 + CRIT_COUNT, "Số tiêu chí đạt");
	cr_assert_not_null(t);
	cr_expect_eq(nrows(t), 5);
	cr_expect_eq(json_array_size(json_array_get(json_object_get(t, "rows"), 0)),
	    (size_t)CRIT_COUNT + 3);
	cr_expect(json_is_true(json_array_get(json_object_get(t, "header"), 0)));
	cr_expect(json_is_false(json_array_get(json_object_get(t, "header"), 1)));
	for (size_t i = 0; i < 4; i++)
		cr_expect_str_eq(cell(t, i + 1, 1), unit_names[i]);
	cr_expect_str_eq(cell(t, 3, 2 + (size_t)pc), "Đạt");
	cr_expect_str_eq(cell(t, 4, 2 + (size_t)fp), "Thiếu");
	cr_expect_str_eq(cell(t, 2, 2), "Chưa kiểm tra");
	{
		char full[16], syt[16], none[16];

		snprintf(full, sizeof full, "%d/%d", CRIT_COUNT, CRIT_COUNT);
		snprintf(syt, sizeof syt, "%d/%d", CRIT_COUNT - 1, CRIT_COUNT);
		snprintf(none, sizeof none, "0/%d", CRIT_COUNT);
		cr_expect_str_eq(cell(t, 1, 2 + CRIT_COUNT), full);
		cr_expect_str_eq(cell(t, 3, 2 + CRIT_COUNT), full);
		cr_expect_str_eq(cell(t, 4, 2 + CRIT_COUNT), syt);
		cr_expect_str_eq(cell(t, 2, 2 + CRIT_COUNT), none);
	}

	/* 2. Shares of the year, worked out above. */
	t = table_with(d, 2 + CRIT_COUNT, "Số ngày chưa kiểm tra");
	cr_assert_not_null(t);
	cr_expect_eq(nrows(t), 5);
	for (int c = 0; c < CRIT_COUNT; c++) {
		cr_expect_str_eq(cell(t, 1, 2 + (size_t)c), "97,3%", "snv %d", c);
		cr_expect_str_eq(cell(t, 2, 2 + (size_t)c), "0%", "stc %d", c);
		cr_expect_str_eq(cell(t, 3, 2 + (size_t)c), c == pc ? "75,3%" : "100%", "stp %d", c);
		cr_expect_str_eq(cell(t, 4, 2 + (size_t)c), c == fp ? "41,9%" : "50,4%", "syt %d", c);
	}
	cr_expect_str_eq(cell(t, 1, 2 + CRIT_COUNT), "0");
	cr_expect_str_eq(cell(t, 2, 2 + CRIT_COUNT), "365");
	cr_expect_str_eq(cell(t, 3, 2 + CRIT_COUNT), "0");
	cr_expect_str_eq(cell(t, 4, 2 + CRIT_COUNT), "181");

	/*
	 * 3. Reminders: four sent to three units; median 55,5, longest 71; one
	 * open 11,7 days; one with nothing failing on record.
	 */
	expect_has(text, "đã gửi 4 thư nhắc nhở đến 3 cơ quan, đơn vị");
	expect_has(text, "Có 2 trường hợp đã khắc phục");
	expect_has(text, "trung vị 55,5 ngày, dài nhất 71 ngày");
	expect_has(text, "Có 1 trường hợp chưa khắc phục đến cuối kỳ, lâu nhất đã 11,7 ngày");
	expect_has(text, "Có 1 thư nhắc nhở gửi khi chưa có kết quả kiểm tra nào cho thấy thiếu sót");
	t = table_with(d, 2, "Số thư nhắc nhở");
	cr_assert_not_null(t);
	cr_expect_eq(nrows(t), 4);
	cr_expect_str_eq(cell(t, 1, 1), "Sở Nội vụ");
	cr_expect_str_eq(cell(t, 1, 2), "1");
	cr_expect_str_eq(cell(t, 1, 4), "—");
	cr_expect_str_eq(cell(t, 2, 1), "Sở Tư pháp");
	cr_expect_str_eq(cell(t, 2, 2), "2");
	cr_expect_str_eq(cell(t, 2, 3), "2");
	cr_expect_str_eq(cell(t, 2, 4), "71 ngày");
	cr_expect_str_eq(cell(t, 3, 1), "Sở Y tế");
	cr_expect_str_eq(cell(t, 3, 3), "0");

	/* 4. Lagging: syt since 01/12/2026, 30 days. */
	t = table_with(d, 3, "Chưa đạt từ ngày");
	cr_assert_not_null(t);
	cr_expect_eq(nrows(t), 2);
	cr_expect_str_eq(cell(t, 1, 1), "Sở Y tế");
	cr_expect_str_eq(cell(t, 1, 3), "01/12/2026");
	cr_expect_str_eq(cell(t, 1, 4), "30");

	/* 5. Unreachable: snv, 10 days, reachable again. */
	t = table_with(d, 3, "Số ngày không truy cập được");
	cr_assert_not_null(t);
	cr_expect_eq(nrows(t), 2);
	cr_expect_str_eq(cell(t, 1, 1), "Sở Nội vụ");
	cr_expect_str_eq(cell(t, 1, 2), "http://sonoivu.laichau.demo/");
	cr_expect_str_eq(cell(t, 1, 3), "10");
	cr_expect_str_eq(cell(t, 1, 4), "Đã truy cập lại được");

	/* 6. Requests: snv and stp, the total; syt's 2025 row is not 2026's. */
	t = table_with(d, 2, "Yêu cầu tiếp nhận");
	cr_assert_not_null(t);
	cr_expect_eq(nrows(t), 4);
	cr_expect_str_eq(cell(t, 1, 1), "Sở Nội vụ");
	cr_expect_str_eq(cell(t, 1, 2), "1.500");
	cr_expect_str_eq(cell(t, 2, 1), "Sở Tư pháp");
	cr_expect_str_eq(cell(t, 2, 2), "12");
	cr_expect_str_eq(cell(t, 3, 1), "Tổng cộng");
	cr_expect_str_eq(cell(t, 3, 2), "1.512");
	cr_expect_str_eq(cell(t, 3, 3), "1.408");
	cr_expect_str_eq(cell(t, 3, 7), "5");
	expect_has(text, "Các cơ quan, đơn vị chưa nhập số liệu (2): Sở Văn hóa, Thể thao & "
	    "Du lịch <VHTTDL>; Sở Y tế.");
	free(text);
	json_decref(d);
	free(err);
	free(out);
	rfix_close(&f);
}

/* Run argv through /bin/sh -c; the exit status. */
static int
shell(const char *cmd, char **err)
{
	const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	char *out = NULL;
	int rc = run_cmd(argv, &out, err);

	free(out);
	return rc;
}

/* s without white space; caller frees (pdftotext spaces letters of justified lines). */
static char *
squeeze(const char *s)
{
	struct buf b = { 0 };

	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n\f", *s) == NULL)
			buf_putc(&b, *s);
	return buf_steal(&b);
}


/*
 * LibreOffice opens the .docx and prints it to PDF (the text of every unit
 * in it); the first page is kept as PNG for a person to look at
 * (build/test-tmp/.../page-1.png).
 */
static void
check_pdf(const char *dir, const char *docx, const char *const *names, size_t n)
{
	char *cmd, *err = NULL, *pdf, *txt, *flat, *base;
	size_t len;

	cr_assert_eq(access("/usr/bin/soffice", X_OK), 0, "LibreOffice is missing: "
	    "run scripts/deps.sh test (libreoffice-writer-nogui)");
	base = xstrdup(strrchr(docx, '/') + 1);
	*strrchr(base, '.') = '\0';
	cmd = xasprintf("cd '%s' && HOME='%s' /usr/bin/soffice -env:UserInstallation=file://%s/lo"
	    " --headless --norestore --convert-to pdf --outdir '%s' '%s' >/dev/null 2>&1;"
	    " pdftotext -enc UTF-8 '%s/%s.pdf' '%s/%s.txt' && pdftoppm -png -r 70 -f 1 -l 1"
	    " '%s/%s.pdf' '%s/page'", dir, dir, dir, dir, docx, dir, base, dir, base,
	    dir, base, dir);
	cr_assert_eq(shell(cmd, &err), 0, "%s: %s", cmd, err);
	free(cmd);
	pdf = xasprintf("%s/%s.txt", dir, base);
	txt = test_read_file(pdf, &len);
	flat = squeeze(txt);
	for (size_t i = 0; i < n; i++) {
		char *want = squeeze(names[i]);

		cr_expect(strstr(flat, want) != NULL, "PDF lacks %s:\n%s", names[i], txt);
		free(want);
	}
	{
		char *motto = squeeze("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");

		cr_expect(strstr(flat, motto) != NULL, "%s", txt);
		free(motto);
	}
	free(flat);
	free(txt);
	free(pdf);
	free(base);
	free(err);
}

Test(report, libreoffice_prints_it, .timeout = 240)
{
	struct rfix f;
	char *out, *err = NULL;

	rfix_open(&f);
	build_year(&f);
	out = xasprintf("%s/bao-cao-2026.docx", f.dir);
	cr_assert_eq(run_report(&f, "2027-01-15T08:00:00+07:00", "2026", out, &err), 0,
	    "%s", err);
	check_pdf(f.dir, out, unit_names, 4);
	free(err);
	free(out);
	rfix_close(&f);
}

Test(report, a_year_without_data_is_a_short_honest_report, .timeout = 60)
{
	struct rfix f;
	char *out, *out2, *cmd, *err = NULL, *text, *bin = test_bin("tcttd"), *a, *b;
	size_t alen, blen;
	json_t *d;

	rfix_open(&f);
	build_year(&f);
	out = xasprintf("%s/bao-cao-2024.docx", f.dir);
	cr_assert_eq(run_report(&f, "2026-11-29T08:00:00+07:00", "2024", out, &err), 0,
	    "%s", err);
	d = dump_docx(out, NULL);
	check_frame(d, "Luật Tiếp cận thông tin năm 2024");
	text = all_text(d);
	expect_has(text, "từ ngày 01/01/2024 đến ngày 31/12/2024");
	expect_has(text, "hệ thống chưa có kết quả kiểm tra nào");
	expect_has(text, "của 4 cơ quan, đơn vị");
	cr_expect_eq(json_array_size(json_object_get(d, "tables")), 2,
	    "only the heading and the signature: no tables of figures");
	cr_expect_null(strstr(text, "Tỷ lệ"));
	free(text);
	json_decref(d);

	/* Without -o the same bytes go to stdout; a later "now" changes nothing. */
	out2 = xasprintf("%s/stdout.docx", f.dir);
	cmd = xasprintf("TCTT_NOW=2027-03-01T10:00:00+07:00 '%s' -c '%s' --report 2024 > '%s'",
	    bin, f.conf, out2);
	cr_assert_eq(shell(cmd, &err), 0, "%s", err);
	a = test_read_file(out, &alen);
	b = test_read_file(out2, &blen);
	cr_expect_eq(alen, blen);
	cr_expect(alen == blen && memcmp(a, b, alen) == 0, "same data, same bytes");
	free(a);
	free(b);
	free(cmd);
	free(out2);

	/* A year not begun, or not a year: bad usage. */
	free(err);
	cr_expect_eq(run_report(&f, "2026-11-29T08:00:00+07:00", "2027", out, &err), 2);
	expect_has(err, "2027: that year has not begun");
	free(err);
	cr_expect_eq(run_report(&f, "2026-11-29T08:00:00+07:00", "26", out, &err), 2);
	expect_has(err, "expected a year");
	free(err);
	free(bin);
	free(out);
	rfix_close(&f);
}

Test(report, dashboard_serves_the_same_document_and_a_printable_page, .timeout = 120)
{
	struct rfix f;
	struct dashsrv s = { 0 };
	char *out, *err = NULL, *cmd, *path, *body, *headers = NULL, *a, *b, *css;
	size_t alen, blen;
	long status;

	rfix_open(&f);
	build_year(&f);
	store_close(f.st);
	f.st = NULL;
	/* The dashboard's "now" is DASHFIX_NOW, 29/11/2026: the year so far. */
	out = xasprintf("%s/tcttd-2026.docx", f.dir);
	cr_assert_eq(run_report(&f, "1795914000", "2026", out, &err), 0, "%s", err);
	s.dir = xstrdup(f.dir);
	s.conf = xstrdup(f.conf);
	s.db = xstrdup(f.db);
	dashsrv_start(&s);

	path = xasprintf("%s/dash-2026.docx", f.dir);
	cmd = xasprintf("curl -sS -D '%s/h.txt' -o '%s' http://127.0.0.1:%d/reports/2026.docx",
	    f.dir, path, s.port);
	free(err);
	cr_assert_eq(shell(cmd, &err), 0, "%s", err);
	free(cmd);
	a = test_read_file(out, &alen);
	b = test_read_file(path, &blen);
	cr_expect(alen > 0 && alen == blen && memcmp(a, b, alen) == 0,
	    "the dashboard's .docx is tcttd's, byte for byte (%zu, %zu)", alen, blen);
	free(a);
	free(b);
	{
		char *hp = xasprintf("%s/h.txt", f.dir);

		headers = test_read_file(hp, &alen);
		free(hp);
	}
	expect_has(headers, "200");
	expect_has(headers, "Content-Type: application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document");
	expect_has(headers, "Content-Disposition: attachment; filename=\"bao-cao-tctt-2026.docx\"");
	free(headers);

	body = dash_http(s.port, "GET", "/reports/2026", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	expect_has(body, "<link rel=\"stylesheet\" href=\"/static/report.css\">");
	expect_has(body, RDOC_NATION);
	expect_has(body, "Độc lập - Tự do - Hạnh phúc");
	expect_has(body, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU");
	expect_has(body, "Sở Văn hóa, Thể thao &amp; Du lịch &lt;VHTTDL&gt;");
	cr_expect_null(strstr(body, "<VHTTDL>"), "a unit's name reaches the page unescaped");
	expect_has(body, "<thead>");
	expect_has(body, "href=\"/reports/2026.docx\"");
	expect_has(body, "đến ngày 29/11/2026");
	free(body);
	css = dash_http(s.port, "GET", "/static/report.css", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	expect_has(css, "@page { size: A4; margin: 20mm 10mm 20mm 18mm; }");
	expect_has(css, "@media print");
	expect_has(css, "thead { display: table-header-group; }");
	free(css);
	body = dash_http(s.port, "GET", "/reports", NULL, NULL, &status, NULL);
	cr_expect_eq(status, 200);
	expect_has(body, "href=\"/reports/2025.docx\"");
	free(body);
	for (int i = 0; i < 4; i++) {
		static const char *bad[] = { "/reports/2027", "/reports/2027.docx",
		    "/reports/2026.pdf", "/reports/1999" };

		body = dash_http(s.port, "GET", bad[i], NULL, NULL, &status, NULL);
		cr_expect_eq(status, 404, "%s", bad[i]);
		free(body);
	}
	dashsrv_stop(&s);
	free(path);
	free(err);
	free(out);
	store_open(f.db, 0, &f.st, &err);
	rfix_close(&f);
}

/* The one .eml of dir whose name starts with prefix; caller frees. */
static char *
one_eml(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *path = NULL;

	cr_assert_not_null(d, "%s", dir);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 &&
		    strstr(e->d_name, ".eml") != NULL) {
			cr_assert_null(path, "more than one .eml in %s", dir);
			path = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	cr_assert_not_null(path, "no .eml in %s", dir);
	return path;
}

Test(report, the_digest_attaches_its_week_as_docx, .timeout = 240)
{
	struct rfix f;
	char week[16], *outbox, *eml, *docx, *text, name[64];
	int64_t now = at8(20261228);
	json_t *d, *t, *mime;
	int fp = crit("focal_point");

	rfix_open(&f);
	build_year(&f);
	digest_week(now, week, sizeof week);
	cr_assert_eq(digest_run(f.cfg, f.st, now, week, false), 1);
	cr_assert_eq(notices_flush(f.cfg, f.st, now), 0);
	outbox = xasprintf("%s/outbox", f.dir);
	eml = one_eml(outbox, "digest");
	docx = xasprintf("%s/digest.docx", f.dir);
	d = dump_docx(docx, eml);
	mime = json_object_get(d, "mime");
	cr_expect_str_eq(json_string_value(json_array_get(mime, 0)), "multipart/mixed");
	cr_expect_str_eq(json_string_value(json_array_get(mime, 1)), "multipart/alternative");
	cr_expect_str_eq(json_string_value(json_array_get(mime, 2)), "text/plain");
	cr_expect_str_eq(json_string_value(json_array_get(mime, 3)), "text/html");
	cr_expect_str_eq(json_string_value(json_array_get(mime, 4)),
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	snprintf(name, sizeof name, "bao-cao-tuan-%s.docx", week);
	cr_expect_str_eq(json_string_value(json_array_get(json_object_get(d, "attachments"), 0)),
	    name);

	/* The week 22-28/12/2026: syt's focal point missing all of it, the rest ok. */
	{
		char *subject = xasprintf("Luật Tiếp cận thông tin tuần %d năm 2026",
		    atoi(week + 6));

		check_frame(d, subject);
		free(subject);
	}
	text = all_text(d);
	for (size_t i = 0; i < 4; i++)
		expect_has(text, unit_names[i]);
	expect_has(text, "từ ngày 22/12/2026 đến ngày 28/12/2026");
	expect_has(text, "tổng số 7 ngày");
	expect_has(text, "Trong kỳ báo cáo không có thư nhắc nhở nào được gửi.");
	t = table_with(d, 2 + CRIT_COUNT, "Số ngày chưa kiểm tra");
	cr_assert_not_null(t);
	cr_expect_eq(nrows(t), 5);
	for (int c = 0; c < CRIT_COUNT; c++) {
		cr_expect_str_eq(cell(t, 1, 2 + (size_t)c), "100%", "snv %d", c);
		cr_expect_str_eq(cell(t, 2, 2 + (size_t)c), "0%", "stc %d", c);
		cr_expect_str_eq(cell(t, 3, 2 + (size_t)c), "100%", "stp %d", c);
		cr_expect_str_eq(cell(t, 4, 2 + (size_t)c), c == fp ? "0%" : "100%", "syt %d", c);
	}
	cr_expect_str_eq(cell(t, 2, 2 + CRIT_COUNT), "7");
	t = table_with(d, 3, "Chưa đạt từ ngày");
	cr_assert_not_null(t);
	cr_expect_str_eq(cell(t, 1, 3), "01/12/2026");
	cr_expect_str_eq(cell(t, 1, 4), "27");
	free(text);
	json_decref(d);
	check_pdf(f.dir, docx, unit_names, 4);
	free(docx);
	free(eml);
	free(outbox);
	rfix_close(&f);
}

/* Hostile text reaches the document as XML allows it: escaped, control characters as spaces, bad bytes as U+FFFD. */
Test(report, docx_text_is_escaped_and_valid, .timeout = 60)
{
	static const struct docx_page page = { 20, 20, 30, 15 };
	static const int widths[] = { 300, 700 };
	struct docx *d = docx_new("t\x01<&>", &page);
	char *dir = test_tmpdir(), *path = xasprintf("%s/h.docx", dir), *data = NULL, *cause = NULL;
	size_t len = 0;
	json_t *j, *ps, *times;
	FILE *f;

	docx_para(d, NULL, DOCX_LEFT, "a\x01" "b <w:t>&amp;</w:t> \xff\xfe end\xef\xbf\xbe.", 0);
	docx_table_begin(d, 2, widths, true);
	docx_row_begin(d, true);
	docx_cell(d, "]]><x>", DOCX_LEFT, DOCX_BOLD);
	docx_cell(d, "\"'", DOCX_RIGHT, 0);
	docx_row_end(d);
	docx_table_end(d);
	cr_assert_eq(docx_finish(d, &data, &len, &cause), 0, "%s", cause);
	docx_free(d);
	cr_assert_not_null(f = fopen(path, "wb"));
	cr_assert_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	j = dump_docx(path, NULL);
	ps = json_object_get(j, "paragraphs");
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(ps, 0), "text")),
	    "a b <w:t>&amp;</w:t> \xef\xbf\xbd\xef\xbf\xbd end\xef\xbf\xbd.");
	cr_expect_str_eq(cell(json_array_get(json_object_get(j, "tables"), 0), 0, 0), "]]><x>");
	cr_expect_str_eq(cell(json_array_get(json_object_get(j, "tables"), 0), 0, 1), "\"'");
	cr_expect_str_eq(json_string_value(json_object_get(j, "title")), "t <&>");
	/* Every part stored at the same fixed time, whatever the clock. */
	times = json_object_get(j, "zip_times");
	cr_expect_eq(json_array_size(times), 1);
	cr_expect_str_eq(json_string_value(json_array_get(times, 0)), "1980-01-01 12:00");
	cr_expect_str_eq(json_string_value(json_array_get(json_object_get(j, "zip_names"), 0)),
	    "[Content_Types].xml");
	json_decref(j);
	free(data);
	free(path);
	free(dir);
}

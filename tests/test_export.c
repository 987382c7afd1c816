/* test_export.c: the JSON and CSV exports keep SPEC.md's exact format. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "clock.h"
#include "config.h"
#include "export.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

/* A database with one checked unit and one never checked; returns its path. */
static char *
make_db(const char *dir, char **confpath)
{
	char *db = xasprintf("%s/t.db", dir);
	char *text = xasprintf("[daemon]\ndatabase = %s\n"
	    "[unit:stp]\nname = Sở Tư pháp\nkind = department\nurl = https://sotuphap.laichau.gov.vn/\n"
	    "[unit:xa-a]\nname = UBND xã \"A\", <b>\nkind = commune\nurl = http://xa-a.vn/\n", db);
	struct config *cfg;
	struct store *st;
	struct pass_result pr;
	char *cause;
	int64_t t;

	*confpath = test_write_file(dir, "t.conf", text);
	free(text);
	cr_assert_eq(config_load(*confpath, &cfg, &cause), 0);
	cr_assert_eq(store_open(db, 0, &st, &cause), 0);
	cr_assert_eq(store_sync_units(st, cfg, 1000, &cause), 0);
	cr_assert_eq(clock_parse_iso8601("2026-10-02T09:00:00+07:00", &t), 0);
	memset(&pr, 0, sizeof pr);
	pr.started_at = t - 60;
	pr.finished_at = t;
	pr.reachable = true;
	for (int c = 0; c < CRIT_COUNT; c++)
		pr.v[c].status = c != CRIT_FOCAL_POINT ? ST_OK : ST_MISSING;
	pr.v[CRIT_SECTION].url = xstrdup("https://sotuphap.laichau.gov.vn/tiep-can-thong-tin");
	pr.v[CRIT_SECTION].note = xstrdup("Nhãn menu \"Tiếp cận thông tin\"");
	pr.v[CRIT_PUBLIC_CATALOG].date = xstrdup("2026-09-15");
	pr.v[CRIT_FOCAL_POINT].note = xstrdup("=HYPERLINK(\"x\")");
	cr_assert_eq(store_save_pass(st, "stp", &pr, &cause), 0);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
	store_close(st);
	config_free(cfg);
	return db;
}

static char *
run_export(const char *conf, const char *format, int *rc)
{
	char *bin = test_bin("tctt-dashboard"), *out, *err;
	const char *argv[] = { bin, "-c", conf, "--export", format, NULL };

	setenv("TCTT_NOW", "2026-11-29T08:00:00+07:00", 1);
	*rc = run_cmd(argv, &out, &err);
	cr_expect_str_eq(err, "", "stderr: %s", err);
	free(err);
	free(bin);
	return out;
}

Test(export, json_matches_spec)
{
	char *dir = test_tmpdir(), *conf, *db = make_db(dir, &conf), *out;
	json_error_t jerr;
	json_t *doc, *u, *c;
	int rc;

	out = run_export(conf, "json", &rc);
	cr_assert_eq(rc, 0);
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "bad JSON: %s\n%s", jerr.text, out);
	cr_expect_str_eq(json_string_value(json_object_get(doc, "generated_at")),
	    "2026-11-29T08:00:00+07:00");
	cr_assert_eq(json_array_size(json_object_get(doc, "units")), 2);
	u = json_array_get(json_object_get(doc, "units"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(u, "id")), "stp");
	cr_expect_str_eq(json_string_value(json_object_get(u, "name")), "Sở Tư pháp");
	cr_expect_str_eq(json_string_value(json_object_get(u, "kind")), "department");
	cr_expect_str_eq(json_string_value(json_object_get(u, "checked_at")), "2026-10-02T09:00:00+07:00");
	cr_expect(json_is_true(json_object_get(u, "reachable")));
	cr_expect_eq(json_integer_value(json_object_get(u, "score")), 88, "8 of 9");
	c = json_object_get(json_object_get(u, "criteria"), "section");
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "ok");
	cr_expect_str_eq(json_string_value(json_object_get(c, "url")),
	    "https://sotuphap.laichau.gov.vn/tiep-can-thong-tin");
	cr_expect(json_is_null(json_object_get(c, "date")));
	cr_expect_str_eq(json_string_value(json_object_get(c, "since")), "2026-10-02");
	c = json_object_get(json_object_get(u, "criteria"), "public_catalog");
	cr_expect_str_eq(json_string_value(json_object_get(c, "date")), "2026-09-15");
	c = json_object_get(json_object_get(u, "criteria"), "focal_point");
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "missing");
	cr_expect_eq(json_object_size(json_object_get(u, "criteria")), CRIT_COUNT);

	u = json_array_get(json_object_get(doc, "units"), 1);
	cr_expect_str_eq(json_string_value(json_object_get(u, "name")), "UBND xã \"A\", <b>");
	cr_expect(json_is_null(json_object_get(u, "checked_at")));
	c = json_object_get(json_object_get(u, "criteria"), "regulation");
	cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "not_checked");
	json_decref(doc);
	free(out);
	free(db);
	free(conf);
	free(dir);
}

Test(export, csv_one_row_per_unit_and_criterion)
{
	char *dir = test_tmpdir(), *conf, *db = make_db(dir, &conf), *out;
	int rc, rows = 0;

	out = run_export(conf, "csv", &rc);
	cr_assert_eq(rc, 0);
	for (char *p = out; *p; p++)
		rows += *p == '\n';
	cr_expect_eq(rows, 1 + 2 * CRIT_COUNT);
	cr_expect(strncmp(out, "id,name,kind,url,checked_at,reachable,score,criterion,"
	    "status,evidence_url,date,since,note,auto_status,manual_status,manual_by,"
	    "manual_reason,manual_at,manual_until\r\n", 164) == 0, "%s", out);
	cr_expect(strstr(out, "stp,Sở Tư pháp,department,https://sotuphap.laichau.gov.vn/,"
	    "2026-10-02T09:00:00+07:00,true,88,section,ok,"
	    "https://sotuphap.laichau.gov.vn/tiep-can-thong-tin,,2026-10-02,"
	    "\"Nhãn menu \"\"Tiếp cận thông tin\"\"\",ok,,,,,\r\n") != NULL, "%s", out);
	cr_expect(strstr(out, "\"UBND xã \"\"A\"\", <b>\"") != NULL);
	/* A formula from a crawled page never runs in a spreadsheet. */
	cr_expect(strstr(out, ",\"'=HYPERLINK(\"\"x\"\")\",") != NULL, "%s", out);
	free(out);
	free(db);
	free(conf);
	free(dir);
}

Test(export, missing_database_is_a_runtime_error)
{
	char *dir = test_tmpdir();
	char *text = xasprintf("[daemon]\ndatabase = %s/none.db\n", dir);
	char *conf = test_write_file(dir, "t.conf", text);
	char *bin = test_bin("tctt-dashboard"), *out, *err;
	const char *argv[] = { bin, "-c", conf, "--export", "json", NULL };

	cr_expect_eq(run_cmd(argv, &out, &err), 1);
	cr_expect(strstr(err, "none.db") != NULL, "%s", err);
	free(out);
	free(err);
	free(bin);
	free(conf);
	free(text);
	free(dir);
}

/* The keys of object o, in order, joined by commas; caller frees. */
static char *
export_keys(json_t *o)
{
	struct buf b = { 0 };
	const char *k;
	json_t *v;

	buf_puts(&b, "");
	json_object_foreach(o, k, v) {
		(void)v;
		buf_printf(&b, "%s%s", b.len ? "," : "", k);
	}
	return buf_steal(&b);
}

Test(export, json_shape_is_exactly_the_spec)
{
	char *dir = test_tmpdir(), *conf, *db = make_db(dir, &conf), *out, *keys, *want_crits;
	json_error_t jerr;
	json_t *doc, *u, *c;
	const char *k;
	size_t i;
	int rc;
	struct buf wb = { 0 };

	/* The criteria in the table's order (tests/test_criteria.c ties it to SPEC's list). */
	for (int n = 0; n < CRIT_COUNT; n++)
		buf_printf(&wb, "%s%s", n ? "," : "", crit_info((enum criterion)n)->id);
	want_crits = wb.data;
	out = run_export(conf, "json", &rc);
	cr_assert_eq(rc, 0);
	doc = json_loads(out, JSON_DECODE_ANY, &jerr);
	cr_assert_not_null(doc, "%s", jerr.text);
	keys = export_keys(doc);
	cr_expect_str_eq(keys, "generated_at,units");
	free(keys);
	json_array_foreach(json_object_get(doc, "units"), i, u) {
		keys = export_keys(u);
		cr_expect_str_eq(keys, "id,name,kind,url,checked_at,reachable,score,criteria");
		free(keys);
		cr_expect(json_is_integer(json_object_get(u, "score")));
		keys = export_keys(json_object_get(u, "criteria"));
		cr_expect_str_eq(keys, want_crits);
		free(keys);
		json_object_foreach(json_object_get(u, "criteria"), k, c) {
			keys = export_keys(c);
			cr_expect_str_eq(keys, "status,url,date,since,note,auto_status,manual", "%s", k);
			free(keys);
		}
	}
	/* The unit never checked: checked_at null, every status not_checked, no evidence. */
	u = json_array_get(json_object_get(doc, "units"), 1);
	cr_expect(json_is_null(json_object_get(u, "checked_at")));
	cr_expect_eq(json_integer_value(json_object_get(u, "score")), 0);
	json_object_foreach(json_object_get(u, "criteria"), k, c) {
		cr_expect_str_eq(json_string_value(json_object_get(c, "status")), "not_checked", "%s", k);
		cr_expect(json_is_null(json_object_get(c, "url")), "%s", k);
		cr_expect(json_is_null(json_object_get(c, "date")), "%s", k);
		cr_expect(json_is_null(json_object_get(c, "since")), "%s", k);
	}
	json_decref(doc);
	free(out);
	out = run_export(conf, "csv", &rc);
	cr_assert_eq(rc, 0);
	for (int n = 0; n < CRIT_COUNT; n++) {
		char *row = xasprintf("http://xa-a.vn/,,,0,%s,not_checked,,,,,not_checked,,,,,\r\n",
		    crit_info((enum criterion)n)->id);

		cr_expect(strstr(out, row) != NULL, "%s not in:\n%s", row, out);
		free(row);
	}
	free(out);
	free(want_crits);
	free(db);
	free(conf);
	free(dir);
}

/* --export xlsx into a file; its dump by tests/xlsx-dump.py (openpyxl). */
static json_t *
export_xlsx_dump(const char *conf, const char *dir)
{
	char *bin = test_bin("tctt-dashboard"), *path = xasprintf("%s/out.xlsx", dir);
	char *script = test_srcdir("xlsx-dump.py"), *out, *err;
	const char *argv[] = { "/bin/sh", "-c", "exec \"$0\" -c \"$1\" --export xlsx >\"$2\"",
	    bin, conf, path, NULL };
	const char *dump[] = { "/usr/bin/python3", script, path, NULL };
	json_error_t jerr;
	json_t *doc;

	setenv("TCTT_NOW", "2026-11-29T08:00:00+07:00", 1);
	cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	cr_expect_str_eq(err, "");
	free(out);
	free(err);
	cr_assert_eq(run_cmd(dump, &out, &err), 0, "openpyxl: %s", err);
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "%s", jerr.text);
	free(out);
	free(err);
	free(script);
	free(path);
	free(bin);
	return doc;
}

/* Cell (row, col) of a dumped sheet; NULL when empty. Borrowed. */
static json_t *
xcell(json_t *sheet, size_t row, size_t col)
{
	return json_array_get(json_array_get(json_object_get(sheet, "rows"), row), col);
}

static const char *
xstr(json_t *sheet, size_t row, size_t col, const char *key)
{
	return json_string_value(json_object_get(xcell(sheet, row, col), key));
}

Test(export, xlsx_opens_in_openpyxl_with_vietnamese_statuses_and_dates)
{
	char *dir = test_tmpdir(), *conf, *db = make_db(dir, &conf);
	json_t *doc = export_xlsx_dump(conf, dir), *m, *e;
	size_t row;

	cr_assert_eq(json_array_size(json_object_get(doc, "sheets")), 2);
	m = json_array_get(json_object_get(doc, "sheets"), 0);
	e = json_array_get(json_object_get(doc, "sheets"), 1);
	cr_expect_str_eq(json_string_value(json_object_get(m, "title")), "Tổng hợp");
	cr_expect_str_eq(json_string_value(json_object_get(e, "title")), "Bằng chứng");
	/* Header row and first column stay in place. */
	cr_expect_str_eq(json_string_value(json_object_get(m, "freeze")), "B2");
	cr_expect_str_eq(json_string_value(json_object_get(e, "freeze")), "B2");

	/* Units × criteria: a header per criterion, from the criteria table. */
	cr_expect_str_eq(xstr(m, 0, 0, "v"), "Đơn vị");
	for (int c = 0; c < CRIT_COUNT; c++)
		cr_expect_str_eq(xstr(m, 0, 6 + (size_t)c, "v"), crit_info((enum criterion)c)->label);
	cr_expect_eq(json_array_size(json_object_get(m, "rows")), 3, "a header and two units");
	cr_expect_str_eq(xstr(m, 1, 0, "v"), "Sở Tư pháp");
	cr_expect_str_eq(xstr(m, 1, 1, "v"), "Sở");
	cr_expect_str_eq(xstr(m, 1, 2, "link"), "https://sotuphap.laichau.gov.vn/");
	cr_expect_str_eq(xstr(m, 1, 3, "type"), "d", "checked_at is a real date");
	cr_expect_str_eq(xstr(m, 1, 3, "v"), "2026-10-02T09:00:00");
	cr_expect_eq(json_integer_value(json_object_get(xcell(m, 1, 4), "v")), 88, "8 of the nine, as the JSON export");
	cr_expect_str_eq(xstr(m, 1, 6 + CRIT_SECTION, "v"), "Đạt");
	cr_expect_str_eq(xstr(m, 1, 6 + CRIT_SECTION, "fill"), "FFE3F3E6", "ok is green");
	cr_expect_str_eq(xstr(m, 1, 6 + CRIT_FOCAL_POINT, "v"), "Thiếu");
	cr_expect_str_eq(xstr(m, 1, 6 + CRIT_FOCAL_POINT, "fill"), "FFFDE8EA", "missing is red");
	cr_expect_str_eq(xstr(m, 2, 0, "v"), "UBND xã \"A\", <b>");
	cr_expect_str_eq(xstr(m, 2, 1, "v"), "Xã, phường");
	cr_expect(json_is_null(xcell(m, 2, 3)), "never checked: no date");
	cr_expect_str_eq(xstr(m, 2, 6 + CRIT_REGULATION, "v"), "Chưa kiểm tra");

	/* The evidence: one row per unit and criterion. */
	cr_expect_eq(json_array_size(json_object_get(e, "rows")), 1 + 2 * CRIT_COUNT);
	row = 1 + CRIT_SECTION;
	cr_expect_str_eq(xstr(e, row, 1, "v"), crit_info(CRIT_SECTION)->label);
	cr_expect_str_eq(xstr(e, row, 2, "v"), "Đạt");
	cr_expect_str_eq(xstr(e, row, 3, "link"), "https://sotuphap.laichau.gov.vn/tiep-can-thong-tin");
	cr_expect_str_eq(xstr(e, row, 5, "v"), "2026-10-02T00:00:00", "since, a date");
	cr_expect_str_eq(xstr(e, row, 6, "v"), "Nhãn menu \"Tiếp cận thông tin\"");
	row = 1 + CRIT_PUBLIC_CATALOG;
	cr_expect_str_eq(xstr(e, row, 4, "type"), "d");
	cr_expect_str_eq(xstr(e, row, 4, "v"), "2026-09-15T00:00:00");
	cr_expect_str_eq(xstr(e, row, 4, "fmt"), "dd/mm/yyyy");
	/* A formula from a crawled page is text, never a formula. */
	row = 1 + CRIT_FOCAL_POINT;
	cr_expect_str_eq(xstr(e, row, 6, "type"), "s");
	cr_expect_str_eq(xstr(e, row, 6, "v"), "=HYPERLINK(\"x\")");
	cr_expect_str_eq(xstr(e, 1 + CRIT_COUNT, 0, "v"), "UBND xã \"A\", <b>");
	cr_expect_str_eq(xstr(e, 1 + CRIT_COUNT, 2, "v"), "Chưa kiểm tra");
	json_decref(doc);
	free(db);
	free(conf);
	free(dir);
}

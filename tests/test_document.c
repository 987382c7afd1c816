/*
 * test_document.c: documents read as evidence (SPEC "Documents"). The text
 * rules (title, own date) on their own; the DOCX reader on the generated
 * fixtures, a zip bomb included; then `tcttd --once` over HTTP with fixsrv
 * serving tests/documents (written by make-documents.py): catalogs dated only
 * inside a DOCX and a PDF, a scan, hostile documents, a 304 not re-read, and
 * a Word 97-2003 .doc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <event2/event.h>
#include <jansson.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "document.h"
#include "extract.h"
#include "judge.h"
#include "store-corr.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

#define TODAY		"2026-11-29T08:00:00+07:00"
#define TODAY_YMD	20261129


/* Title and date of text. */
static void
info(const char *text, char **title, int *date)
{
	doc_text_info(text, strlen(text), TODAY_YMD, title, date);
}

Test(document, signing_line_is_the_date_not_the_dates_cited)
{
	char *title;
	int date;

	info("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	    "Độc lập - Tự do - Hạnh phúc\nSố: 231/QĐ-UBND\n\n"
	    "Lai Châu, ngày 15 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\n"
	    "Ban hành Danh mục thông tin phải được công khai\n"
	    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
	    "Căn cứ Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;\n"
	    "Căn cứ Kế hoạch số 9/KH-UBND ngày 20 tháng 6 năm 2026;\n", &title, &date);
	cr_expect_eq(date, 20260315, "got %d", date);
	cr_expect_str_eq(title, "QUYẾT ĐỊNH Ban hành Danh mục thông tin phải được công khai");
	free(title);
}

Test(document, issue_date_of_an_attached_catalog)
{
	char *title;
	int date;

	info("SỞ TƯ PHÁP\n\nDANH MỤC THÔNG TIN ĐƯỢC TIẾP CẬN CÓ ĐIỀU KIỆN\n"
	    "(Ban hành kèm theo Quyết định số 45/QĐ-STP ngày 15/3/2026 của Giám đốc Sở)\n"
	    "Căn cứ Nghị định số 13/2018/NĐ-CP ngày 23 tháng 01 năm 2018;\n"
	    "STT Tên thông tin\n1 Thông tin ngày 01/11/2026\n", &title, &date);
	cr_expect_eq(date, 20260315, "got %d", date);
	cr_expect_str_eq(title, "DANH MỤC THÔNG TIN ĐƯỢC TIẾP CẬN CÓ ĐIỀU KIỆN");
	free(title);
}

Test(document, dates_cut_by_the_layout_are_joined)
{
	char *title;
	int date;

	info("UBND TỈNH LAI CHÂU\nLai Châu, ngày\n15 tháng 3 năm 2026\nQUYẾT ĐỊNH\n"
	    "Ban hành Quy chế cung cấp thông tin\n", &title, &date);
	cr_expect_eq(date, 20260315, "signing line over two lines: got %d", date);
	free(title);
	info("UBND PHƯỜNG 1\nPhường 1, ngày 09 tháng 9 năm 2025\nKẾ HOẠCH\n"
	    "Căn cứ Luật ngày 06/4/2016;\n", &title, &date);
	cr_expect_eq(date, 20250909, "a place name ending in a number: got %d", date);
	free(title);
	info("DANH MỤC THÔNG TIN PHẢI ĐƯỢC CÔNG KHAI\n(Ban hành kèm theo Quyết định số 45/QĐ-STP\n"
	    "ngày 02/9/2025 của Giám đốc Sở)\nCăn cứ Luật ngày 06/4/2016;\n", &title, &date);
	cr_expect_eq(date, 20250902, "issue line over two lines: got %d", date);
	cr_expect_str_eq(title, "DANH MỤC THÔNG TIN PHẢI ĐƯỢC CÔNG KHAI");
	free(title);
}

Test(document, title_stops_where_the_body_begins)
{
	char *title;
	int date;

	info("THÔNG BÁO\nVề việc phân công đầu mối cung cấp\nthông tin của Sở\n"
	    "Sở Tư pháp thông báo: Văn phòng Sở là đầu mối.\n", &title, &date);
	cr_expect_str_eq(title, "THÔNG BÁO Về việc phân công đầu mối cung cấp thông tin của Sở");
	free(title);
	info("DANH MỤC THÔNG TIN PHẢI ĐƯỢC\nCÔNG KHAI\nNăm 2026\n", &title, &date);
	cr_expect_str_eq(title, "DANH MỤC THÔNG TIN PHẢI ĐƯỢC CÔNG KHAI Năm 2026");
	free(title);
	info("QUYẾT ĐỊNH\nDanh mục thông tin được tiếp cận có điều kiện\n", &title, &date);
	cr_expect_str_eq(title, "QUYẾT ĐỊNH Danh mục thông tin được tiếp cận có điều kiện");
	free(title);
}

Test(document, no_own_date_means_none)
{
	char *title;
	int date;

	/* Only cited dates: the document has no date of its own, and a future one never counts. */
	info("Hướng dẫn khai thác thông tin\n"
	    "Căn cứ Luật Tiếp cận thông tin ngày 06 tháng 4 năm 2016;\n"
	    "Lai Châu, ngày 01 tháng 01 năm 2027\n", &title, &date);
	cr_expect_eq(date, 0, "got %d", date);
	cr_expect_str_eq(title, "Hướng dẫn khai thác thông tin");
	free(title);
}

Test(document, tcvn3_text_is_converted_and_unicode_left_alone)
{
	/* "lai châu, ngày 20 tháng 5 năm 2026" and "danh mục thông tin" in TCVN3 bytes, read as Latin-1. */
	const char *t3 = "lai ch\xc2\xa9u, ng\xc2\xb5y 20 th\xc2\xb8ng 5 n\xc2\xa8m 2026\n"
	    "danh m\xc3\xb4""c th\xc2\xabng tin";
	char *u = doc_legacy_to_unicode(t3, strlen(t3));

	cr_assert_not_null(u);
	cr_expect_str_eq(u, "lai châu, ngày 20 tháng 5 năm 2026\ndanh mục thông tin");
	free(u);
	cr_expect_null(doc_legacy_to_unicode("Danh mục thông tin", strlen("Danh mục thông tin")));
	/* French with Latin-1 accents is not TCVN3. */
	cr_expect_null(doc_legacy_to_unicode("Le caf\xc3\xa9 \xc3\xa0 Paris", 17));
}

Test(document, scan_text_is_empty)
{
	cr_expect(doc_text_empty("\f\n \f", 4));
	cr_expect(!doc_text_empty("Quy chế cung cấp thông tin", 26));
}

Test(document, docx_text_from_the_fixture)
{
	char *path = test_srcdir("documents/docs.test/files/dm-cong-khai.docx"), *body, *text,
	    *cause, *title;
	size_t len;
	int date;

	body = test_read_file(path, &len);
	text = doc_docx_text(body, len, 2U << 20, &cause);
	cr_assert_not_null(text, "%s", cause);
	doc_text_info(text, strlen(text), TODAY_YMD, &title, &date);
	cr_expect_eq(date, 20240315, "got %d from:\n%s", date, text);
	cr_expect(strstr(title, "Danh mục thông tin phải được công khai") != NULL, "%s", title);
	free(title);
	free(text);
	free(body);
	free(path);
}

Test(document, docx_zip_bomb_is_refused_at_the_bound)
{
	char *path = test_srcdir("documents/hostile.test/files/dmdk.docx"), *body, *text, *cause;
	size_t len;

	body = test_read_file(path, &len);
	cr_assert_lt(len, 2U << 20, "the bomb is small on the wire");
	text = doc_docx_text(body, len, 2U << 20, &cause);
	cr_expect_null(text);
	cr_expect(cause != NULL && strstr(cause, "bom nén") != NULL, "%s", cause);
	free(cause);
	free(text);
	/* Not a zip at all. */
	text = doc_docx_text("PK\x03\x04 word/document.xml", 22, 1024, &cause);
	cr_expect_null(text);
	cr_expect_not_null(cause);
	free(cause);
	free(body);
	free(path);
}

/* What a child run gave, and whether the loop's timer ran before it ended. */
struct run_seen {
	struct event_base	*base;
	struct doc_child_result	 r;
	bool			 done;
	bool			 timer_fired;
	bool			 timer_before_done;
};

static void
run_seen_cb(struct doc_child_result *r, void *arg)
{
	struct run_seen *s = arg;

	s->r = *r;
	memset(r, 0, sizeof *r);	/* ours now */
	s->done = true;
	s->timer_before_done = s->timer_fired;
	event_base_loopbreak(s->base);
}

static void
tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct run_seen *s = arg;

	(void)fd;
	(void)what;
	s->timer_fired = true;
}

/* Run argv as the extractor would run, with lim; the loop also has a 10 ms timer. */
static void
run_child(const char *const argv[], const struct doc_limits *lim, struct run_seen *s)
{
	struct timeval tv = { 0, 10000 };
	struct event *tick;
	struct doc_child_result r;

	memset(s, 0, sizeof *s);
	s->base = event_base_new();
	tick = evtimer_new(s->base, tick_cb, s);
	evtimer_add(tick, &tv);
	cr_assert_not_null(doc_child_run(s->base, argv, "%PDF-1.4", 8, lim, run_seen_cb, s, &r),
	    "%s", r.error ? r.error : "?");
	event_base_dispatch(s->base);
	cr_assert(s->done);
	event_free(tick);
	event_base_free(s->base);
}

Test(document, a_spinning_extractor_is_killed_and_the_loop_stays_free, .timeout = 30)
{
	const char *argv[] = { "/bin/sh", "-c", "while :; do :; done", NULL };
	struct doc_limits lim = { .seconds = 1, .memory = 256 << 20, .output = 1 << 16 };
	struct run_seen s;

	run_child(argv, &lim, &s);
	cr_expect(s.r.timed_out || (WIFSIGNALED(s.r.status) && WTERMSIG(s.r.status) == SIGXCPU),
	    "killed by the timer or the CPU limit (status %d)", s.r.status);
	cr_expect(s.timer_before_done, "the loop ran other events while the child spun");
	doc_child_result_clear(&s.r);
}

Test(document, an_extractor_that_floods_is_cut_at_the_output_bound, .timeout = 30)
{
	const char *argv[] = { "/usr/bin/yes", "Quy chế cung cấp thông tin", NULL };
	struct doc_limits lim = { .seconds = 10, .memory = 256 << 20, .output = 1 << 16 };
	struct run_seen s;

	run_child(argv, &lim, &s);
	cr_expect(s.r.too_big);
	cr_expect_eq(s.r.len, (size_t)1 << 16);
	cr_expect(!s.r.timed_out, "stopped at the bound, not by the timer");
	doc_child_result_clear(&s.r);
}

Test(document, the_extractor_address_space_is_limited, .timeout = 30)
{
	/* 600 MB asked for under a 256 MB limit: the allocation fails in the child. */
	const char *argv[] = { "/usr/bin/python3", "-c",
	    "b = bytearray(600 * 1024 * 1024); print('allocated')", NULL };
	struct doc_limits lim = { .seconds = 10, .memory = 256 << 20, .output = 1 << 16 };
	struct run_seen s;

	run_child(argv, &lim, &s);
	cr_expect(!(WIFEXITED(s.r.status) && WEXITSTATUS(s.r.status) == 0),
	    "the child could not allocate beyond RLIMIT_AS");
	cr_expect(strstr(s.r.out, "allocated") == NULL);
	doc_child_result_clear(&s.r);
}

Test(document, a_document_first_seen_is_judged_by_its_title)
{
	struct judge *j = judge_new("http://x.test/", 1795914000, NULL);	/* 2026-11-29 */
	struct extracted *ex = extract_page("http://x.test/dm.pdf", "application/pdf", "%PDF-1.4", 8);
	struct judge_page pg = { .url = "http://x.test/dm.pdf", .status = 200 };
	struct verdict v[CRIT_COUNT];

	/* A hinted document, fetched before any link named a candidate. */
	ex->doc = DOC_READ;
	free(ex->title);
	ex->title = xstrdup("QUYẾT ĐỊNH Ban hành Danh mục thông tin phải được công khai");
	ex->dates = xcalloc(1, sizeof *ex->dates);
	ex->dates[ex->n_dates++] = 20261002;
	pg.ex = ex;
	judge_add_page(j, &pg);
	judge_verdicts(j, v);
	cr_expect_eq(v[CRIT_PUBLIC_CATALOG].status, ST_OK, "%s", v[CRIT_PUBLIC_CATALOG].note);
	cr_expect_str_eq(v[CRIT_PUBLIC_CATALOG].date ? v[CRIT_PUBLIC_CATALOG].date : "",
	    "2026-10-02");
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&v[c]);
	extracted_free(ex);
	judge_free(j);
}

struct capped {
	struct event_base	*base;
	int			 left;
};

static void
capped_done_cb(void *arg)
{
	struct capped *c = arg;

	if (--c->left == 0)
		event_base_loopbreak(c->base);
}

Test(document, at_most_four_extractors_run_at_once_the_rest_wait, .timeout = 60)
{
	char *dir = test_tmpdir(), *text, *wrap, *pdfpath, *body;
	struct doc_limits lim;
	struct doc_stats ds;
	struct extracted *ex[6];
	struct capped c = { .left = 6 };
	size_t len;

	text = xstrdup("#!/bin/sh\nsleep 0.2\nexec /usr/bin/pdftotext \"$@\"\n");
	wrap = test_write_file(dir, "slow", text);
	chmod(wrap, 0755);
	setenv("TCTT_PDFTOTEXT", wrap, 1);
	pdfpath = test_srcdir("documents/cache.test/files/dmck.pdf");
	body = test_read_file(pdfpath, &len);
	doc_limits_default(&lim, 10);
	c.base = event_base_new();
	for (int i = 0; i < 6; i++) {
		ex[i] = extract_page("http://x.test/a.pdf", "application/pdf", body, len);
		cr_assert_not_null(doc_read(c.base, &lim, ex[i], "application/pdf", body, len,
		    TODAY_YMD, capped_done_cb, &c));
	}
	free(body);	/* the waiting ones hold their own copy */
	event_base_dispatch(c.base);
	cr_expect_eq(c.left, 0);
	doc_stats(&ds);
	cr_expect_eq(ds.max_running, 4, "four at once, then the two others: %d", ds.max_running);
	cr_expect_eq(ds.children, 6);
	for (int i = 0; i < 6; i++) {
		cr_expect_eq(ex[i]->n_dates, 1);
		cr_expect_eq(ex[i]->n_dates ? ex[i]->dates[0] : 0, 20261002);
		extracted_free(ex[i]);
	}
	unsetenv("TCTT_PDFTOTEXT");
	event_base_free(c.base);
	free(pdfpath);
	free(wrap);
	free(text);
	free(dir);
}

/* Run tcttd -c conf --once at TODAY; returns its exit status. */
static int
tcttd_once(const char *conf)
{
	char *bin = test_bin("tcttd"), *out, *err;
	const char *argv[] = { bin, "-c", conf, "--once", NULL };
	int rc;

	setenv("TCTT_NOW", TODAY, 1);
	rc = run_cmd(argv, &out, &err);
	if (rc != 0)
		cr_log_info("tcttd exited %d: %s", rc, err);
	free(out);
	free(err);
	free(bin);
	return rc;
}

/* The export of conf's database, parsed. */
static json_t *
export(const char *conf)
{
	char *bin = test_bin("tctt-dashboard"), *out, *err;
	const char *argv[] = { bin, "-c", conf, "--export", "json", NULL };
	json_error_t jerr;
	json_t *doc;

	cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "%s", jerr.text);
	free(out);
	free(err);
	free(bin);
	return doc;
}

/* Field of criterion crit of the only unit ("" when null). */
static const char *
field(json_t *doc, const char *crit, const char *name)
{
	json_t *u = json_array_get(json_object_get(doc, "units"), 0);
	const char *s = json_string_value(json_object_get(json_object_get(
	    json_object_get(u, "criteria"), crit), name));

	return s ? s : "";
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* A config for one unit at http://host/ served by fixsrv on port. Caller frees. */
static char *
one_unit_conf(const char *dir, int port, const char *host, const char *timeout)
{
	char *text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = %s\nretries = 0\n[unit:u]\nname = Sở Tư pháp\nkind = department\n"
	    "url = http://%s/\n", dir, port, timeout, host);
	char *path = test_write_file(dir, "t.conf", text);

	free(text);
	return path;
}

/* An extractor that logs each run to log, spins on a PDF marked TCTT-SPIN, else runs pdftotext. */
static char *
wrapper(const char *dir, const char *log)
{
	char *text = xasprintf("#!/bin/sh\necho run >>%s\n"
	    "if grep -q TCTT-SPIN /dev/fd/3; then while :; do :; done; fi\n"
	    "exec /usr/bin/pdftotext \"$@\"\n", log);
	char *path = test_write_file(dir, "pdftotext-wrapper", text);

	chmod(path, 0755);
	free(text);
	return path;
}

/* Lines in a file (0 when it does not exist). */
static int
lines_of(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, c;

	if (f == NULL)
		return 0;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

Test(document, catalogs_dated_inside_docx_and_pdf_and_a_scan_noted, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *conf;
	struct fixsrv fs;
	json_t *doc;

	unsetenv("TCTT_PDFTOTEXT");
	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "docs.test", "10s");
	cr_assert_eq(tcttd_once(conf), 0);
	doc = export(conf);
	/* A generic "Tải về" link: the DOCX's own title makes it the catalog, its signing line dates it. */
	cr_expect_str_eq(field(doc, "public_catalog", "status"), "stale", "%s",
	    field(doc, "public_catalog", "note"));
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2024-03-15");
	cr_expect(ends_with(field(doc, "public_catalog", "url"), "/files/dm-cong-khai.docx"));
	cr_expect(strstr(field(doc, "public_catalog", "note"), "ghi trong văn bản") != NULL,
	    "%s", field(doc, "public_catalog", "note"));
	/* The PDF's issue date, not Last-Modified (today) nor the dates it cites. */
	cr_expect_str_eq(field(doc, "conditional_catalog", "status"), "ok");
	cr_expect_str_eq(field(doc, "conditional_catalog", "date"), "2026-03-15", "%s",
	    field(doc, "conditional_catalog", "note"));
	/* A scan is evidence by its link, and its note says it is a scan. */
	cr_expect_str_eq(field(doc, "regulation", "status"), "ok");
	cr_expect(ends_with(field(doc, "regulation", "url"), "/files/qc-scan.pdf"));
	cr_expect(strstr(field(doc, "regulation", "note"), "bản quét") != NULL, "%s",
	    field(doc, "regulation", "note"));
	json_decref(doc);
	fixsrv_stop(&fs);
	free(conf);
	free(root);
	free(dir);
}

Test(document, hostile_documents_leave_the_daemon_running_with_clear_notes, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *conf, *log, *wrap;
	struct fixsrv fs;
	json_t *doc;

	log = xasprintf("%s/runs.log", dir);
	wrap = wrapper(dir, log);
	setenv("TCTT_PDFTOTEXT", wrap, 1);
	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "hostile.test", "2s");
	cr_assert_eq(tcttd_once(conf), 0, "the daemon survives hostile documents");
	unsetenv("TCTT_PDFTOTEXT");
	doc = export(conf);
	cr_expect_str_eq(field(doc, "section", "status"), "ok");
	cr_expect_str_eq(field(doc, "focal_point", "status"), "ok");
	/* Evidence by their links all the same, each with why it could not be read. */
	cr_expect_str_eq(field(doc, "public_catalog", "status"), "ok");
	cr_expect(strstr(field(doc, "public_catalog", "note"), "đã dừng") != NULL,
	    "the spinning extractor is stopped: %s", field(doc, "public_catalog", "note"));
	cr_expect_str_eq(field(doc, "conditional_catalog", "status"), "ok");
	cr_expect(strstr(field(doc, "conditional_catalog", "note"), "bom nén") != NULL,
	    "%s", field(doc, "conditional_catalog", "note"));
	cr_expect_str_eq(field(doc, "regulation", "status"), "ok");
	cr_expect(ends_with(field(doc, "regulation", "url"), "/files/qc.pdf"));
	cr_expect(strstr(field(doc, "regulation", "note"), "không đọc được nội dung") != NULL,
	    "the truncated PDF: %s", field(doc, "regulation", "note"));
	cr_expect_geq(lines_of(log), 3, "every PDF went to the extractor");
	json_decref(doc);
	fixsrv_stop(&fs);
	free(conf);
	free(wrap);
	free(log);
	free(root);
	free(dir);
}

Test(document, a_document_answering_304_is_not_read_again, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *conf, *log, *wrap, *flog;
	const char *line;
	struct fixsrv fs;
	json_t *doc;
	long status;

	log = xasprintf("%s/runs.log", dir);
	wrap = wrapper(dir, log);
	setenv("TCTT_PDFTOTEXT", wrap, 1);
	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "cache.test", "10s");
	cr_assert_eq(tcttd_once(conf), 0);
	cr_expect_eq(lines_of(log), 1, "the PDF is read once");
	doc = export(conf);
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2026-10-02", "%s",
	    field(doc, "public_catalog", "note"));
	json_decref(doc);
	free(http_get(fs.port, "control", "/_fixsrv/reset", &status));
	cr_assert_eq(tcttd_once(conf), 0);
	unsetenv("TCTT_PDFTOTEXT");
	flog = http_get(fs.port, "control", "/_fixsrv/log", &status);
	line = strstr(flog, "/files/dmck.pdf\t");
	cr_expect(line != NULL && strstr(line, "\t\"v1\"\t") != NULL &&
	    strstr(line, "\t\"v1\"\t") < strchr(line, '\n'),
	    "the PDF was revalidated with If-None-Match:\n%s", flog);
	cr_expect_eq(lines_of(log), 1, "a document that answers 304 is not read again");
	doc = export(conf);
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2026-10-02",
	    "its date comes from the cached reading: %s", field(doc, "public_catalog", "note"));
	json_decref(doc);
	fixsrv_stop(&fs);
	free(flog);
	free(conf);
	free(wrap);
	free(log);
	free(root);
	free(dir);
}

Test(document, word_97_doc_read_in_a_child_for_its_title_and_date, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *conf;
	struct fixsrv fs;
	json_t *doc;

	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "legacy.test", "10s");
	cr_assert_eq(tcttd_once(conf), 0);
	doc = export(conf);
	/* Behind "Tải về" in a row that names nothing: only the .doc's own title says what it is. */
	cr_expect_str_eq(field(doc, "regulation", "status"), "ok", "%s",
	    field(doc, "regulation", "note"));
	cr_expect(ends_with(field(doc, "regulation", "url"), "/files/qc-03.doc"));
	cr_expect_str_eq(field(doc, "regulation", "date"), "2025-01-10", "%s",
	    field(doc, "regulation", "note"));
	/* A PDF typed in TCVN3 ("danh môc th«ng tin"): read once converted to Unicode. */
	cr_expect_str_eq(field(doc, "public_catalog", "status"), "ok", "%s",
	    field(doc, "public_catalog", "note"));
	cr_expect(ends_with(field(doc, "public_catalog", "url"), "/files/dm-88.pdf"));
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2026-05-20", "%s",
	    field(doc, "public_catalog", "note"));
	json_decref(doc);
	fixsrv_stop(&fs);
	free(conf);
	free(root);
	free(dir);
}

Test(document, documents_count_toward_max_pages, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *text, *conf;
	struct fixsrv fs;
	long requests;
	int inflight;

	fixsrv_start(&fs, root);
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 10s\nretries = 0\nrobots = no\nmax_pages = 3\n[unit:u]\nname = U\n"
	    "kind = agency\nurl = http://docs.test/\n", dir, fs.port);
	conf = test_write_file(dir, "t.conf", text);
	cr_assert_eq(tcttd_once(conf), 0);
	cr_assert_eq(fixsrv_host_stats(&fs, "docs.test", &requests, &inflight), 0);
	/* The home page, the section, and one of its three documents. */
	cr_expect_eq(requests, 3, "requests: %ld", requests);
	fixsrv_stop(&fs);
	free(text);
	free(conf);
	free(root);
	free(dir);
}

Test(document, a_notice_naming_the_focal_point_with_a_contact_is_one, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *conf;
	struct fixsrv fs;
	json_t *doc;

	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "notice.test", "10s");
	cr_assert_eq(tcttd_once(conf), 0);
	doc = export(conf);
	cr_expect_str_eq(field(doc, "focal_point", "status"), "ok", "%s",
	    field(doc, "focal_point", "note"));
	cr_expect(ends_with(field(doc, "focal_point", "url"), "/files/tb-15.pdf"));
	json_decref(doc);
	fixsrv_stop(&fs);
	free(conf);
	free(root);
	free(dir);
}

Test(document, sigterm_while_a_document_is_read_stops_the_child_and_exits_cleanly, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *conf, *wrap, *fifo, *text;
	char *bin = test_bin("tcttd"), *log, line[64] = "";
	struct fixsrv fs;
	pid_t pid;
	int status, fd;
	ssize_t n;

	fifo = xasprintf("%s/started", dir);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	/* The extractor says it started (the FIFO is the readiness signal), then spins. */
	text = xasprintf("#!/bin/sh\necho started >%s\nwhile :; do :; done\n", fifo);
	wrap = test_write_file(dir, "spin", text);
	chmod(wrap, 0755);
	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "docs.test", "30s");
	log = xasprintf("%s/tcttd.log", dir);
	pid = test_fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		int lfd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(lfd, 2);
		setenv("TCTT_PDFTOTEXT", wrap, 1);
		execl(bin, "tcttd", "-c", conf, (char *)NULL);
		_exit(127);
	}
	fd = open(fifo, O_RDONLY);	/* blocks until the extractor runs */
	cr_assert_geq(fd, 0);
	n = read(fd, line, sizeof line - 1);
	close(fd);
	cr_expect_gt(n, 0);
	cr_expect(strncmp(line, "started", 7) == 0);
	kill(pid, SIGTERM);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "SIGTERM mid-reading: clean exit, no leak (status %d)", status);
	/* The spinning child was killed with the pass, not left behind. */
	free(text);
	text = xasprintf("pgrep -f '^/bin/sh %s' >/dev/null", wrap);
	cr_expect_neq(system(text), 0, "the extractor was stopped");
	fixsrv_stop(&fs);
	free(text);
	free(log);
	free(conf);
	free(wrap);
	free(fifo);
	free(bin);
	free(root);
	free(dir);
}

/*
 * SPEC "Documents": only a document that may be evidence is read: its link is
 * a candidate, or says nothing by itself ("Tải về"), so that its own title
 * may make it one. A link that names some other document is not read.
 */
Test(document, only_documents_that_may_be_evidence_are_read, .timeout = 60)
{
	char *dir = test_tmpdir(), *root = xasprintf("%s/root", dir), *conf, *log, *wrap, *index;
	char *dmck = test_srcdir("documents/cache.test/files/dmck.pdf");
	char *dmdk = test_srcdir("documents/docs.test/files/dm-dieu-kien.pdf");
	const char *names[] = { "tai-ve.pdf", "dieu-kien.pdf", "khen-thuong.pdf" };
	struct fixsrv fs;
	json_t *doc;

	index = test_write_file(root, "pick.test/index.html",
	    "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sở Tư pháp"
	    "</title></head><body><main><h1>Văn bản</h1><table>"
	    "<tr><td>Biểu mẫu đính kèm</td><td><a href=\"/files/tai-ve.pdf\">Tải về</a></td></tr>"
	    "<tr><td><a href=\"/files/dieu-kien.pdf\">Danh mục thông tin được tiếp cận có "
	    "điều kiện</a></td></tr>"
	    "<tr><td><a href=\"/files/khen-thuong.pdf\">Quyết định số 12/QĐ-UBND về việc "
	    "khen thưởng tập thể</a></td></tr></table></main></body></html>");
	for (int i = 0; i < 3; i++) {
		char *to = xasprintf("%s/pick.test/files/%s", root, names[i]);

		char *files = xasprintf("%s/pick.test/files", root);

		cr_assert(mkdir(files, 0755) == 0 || errno == EEXIST);
		cr_assert_eq(symlink(i == 1 ? dmdk : dmck, to), 0, "%s", to);
		free(files);
		free(to);
	}
	log = xasprintf("%s/runs.log", dir);
	wrap = wrapper(dir, log);
	setenv("TCTT_PDFTOTEXT", wrap, 1);
	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "pick.test", "10s");
	cr_assert_eq(tcttd_once(conf), 0);
	unsetenv("TCTT_PDFTOTEXT");
	cr_expect_eq(lines_of(log), 2, "the candidate and the one behind \"Tải về\" are read, "
	    "not the decision on awards: %d runs", lines_of(log));
	doc = export(conf);
	/* Behind "Tải về": its own title makes it the public catalog, its signing line dates it. */
	cr_expect(ends_with(field(doc, "public_catalog", "url"), "/files/tai-ve.pdf"), "%s",
	    field(doc, "public_catalog", "url"));
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2026-10-02", "%s",
	    field(doc, "public_catalog", "note"));
	/* A candidate by its link, dated by its text. */
	cr_expect(ends_with(field(doc, "conditional_catalog", "url"), "/files/dieu-kien.pdf"),
	    "%s", field(doc, "conditional_catalog", "url"));
	cr_expect_str_eq(field(doc, "conditional_catalog", "date"), "2026-03-15", "%s",
	    field(doc, "conditional_catalog", "note"));
	json_decref(doc);
	fixsrv_stop(&fs);
	free(index);
	free(conf);
	free(wrap);
	free(log);
	free(dmck);
	free(dmdk);
	free(root);
	free(dir);
}

/* One integer from sql over the database at path (a text: 1 when it is "ok"). */
static long
db_long(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long v = -1;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s",
	    sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_type(s, 0) == SQLITE_TEXT ?
		    strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0 :
		    (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/*
 * A unit's cache rows are written in one transaction (pass.c): a crash in the
 * middle of its pass, here tcttd killed by the extractor it started, leaves
 * none of that pass's rows, never half of them, and a whole database; the
 * next pass fetches and judges as if nothing had happened.
 */
Test(document, a_crash_mid_pass_leaves_the_cache_whole, .timeout = 60)
{
	char *root = test_srcdir("documents"), *dir = test_tmpdir(), *conf, *killer, *db;
	char *bin = test_bin("tcttd"), *out, *err;
	const char *argv[] = { NULL, "-c", NULL, "--once", NULL };
	struct fixsrv fs;
	json_t *doc;

	killer = test_write_file(dir, "pdftotext-killer", "#!/bin/sh\nkill -KILL $PPID\nexit 1\n");
	chmod(killer, 0755);
	db = xasprintf("%s/t.db", dir);
	fixsrv_start(&fs, root);
	conf = one_unit_conf(dir, fs.port, "docs.test", "10s");
	setenv("TCTT_PDFTOTEXT", killer, 1);
	setenv("TCTT_NOW", TODAY, 1);
	argv[0] = bin;
	argv[2] = conf;
	cr_assert_eq(run_cmd(argv, &out, &err), 128 + SIGKILL,
	    "tcttd is killed while it reads a PDF");
	unsetenv("TCTT_PDFTOTEXT");
	free(out);
	free(err);
	cr_expect_eq(db_long(db, "PRAGMA integrity_check"), 1);
	cr_expect_eq(db_long(db, "SELECT COUNT(*) FROM fetch_state"), 0,
	    "the pages read before the crash were to be written with the pass's last rows");
	cr_expect_eq(db_long(db, "SELECT COUNT(*) FROM pass"), 0);
	cr_assert_eq(tcttd_once(conf), 0);
	cr_expect_gt(db_long(db, "SELECT COUNT(*) FROM fetch_state"), 0);
	doc = export(conf);
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2024-03-15", "%s",
	    field(doc, "public_catalog", "note"));
	cr_expect_str_eq(field(doc, "conditional_catalog", "date"), "2026-03-15", "%s",
	    field(doc, "conditional_catalog", "note"));
	cr_expect_str_eq(field(doc, "regulation", "status"), "ok");
	json_decref(doc);
	fixsrv_stop(&fs);
	free(conf);
	free(killer);
	free(bin);
	free(db);
	free(root);
	free(dir);
}

/*
 * late.test: a unit whose one PDF (a catalog dated 2026-10-02) lies at
 * /files/qd.pdf, its home page given; pdftotext runs are logged in lt->log.
 */
struct late {
	char		*dir, *root, *pdf, *to, *log, *wrap;
	struct fixsrv	 fs;
};

static void
late_start(struct late *lt, const char *rules, const char *home)
{
	lt->dir = test_tmpdir();
	lt->root = xasprintf("%s/root", lt->dir);
	if (rules != NULL)
		free(test_write_file(lt->root, "late.test/_rules", rules));
	free(test_write_file(lt->root, "late.test/index.html", home));
	free(test_write_file(lt->root, "late.test/files/.keep", ""));
	lt->pdf = test_srcdir("documents/cache.test/files/dmck.pdf");
	lt->to = xasprintf("%s/late.test/files/qd.pdf", lt->root);
	cr_assert_eq(symlink(lt->pdf, lt->to), 0, "%s", lt->to);
	lt->log = xasprintf("%s/runs.log", lt->dir);
	lt->wrap = wrapper(lt->dir, lt->log);
	setenv("TCTT_PDFTOTEXT", lt->wrap, 1);
	fixsrv_start(&lt->fs, lt->root);
}

static void
late_stop(struct late *lt)
{
	unsetenv("TCTT_PDFTOTEXT");
	fixsrv_stop(&lt->fs);
	free(lt->wrap);
	free(lt->log);
	free(lt->to);
	free(lt->pdf);
	free(lt->root);
	free(lt->dir);
}

#define LATE_PAGE(title, body) "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">" \
	"<title>" title "</title></head><body><main>" body "</main></body></html>"

/*
 * A document left unread (a decision on awards) that a later pass finds behind
 * "Tải về": its 304 is not enough, it is fetched again and read.
 */
Test(document, an_unread_document_wanted_later_is_fetched_again_and_read, .timeout = 60)
{
	struct late lt;
	char *conf;
	json_t *doc;
	long status;

	late_start(&lt, "/files/* etag \"v1\"\n", LATE_PAGE("Sở Tư pháp",
	    "<p><a href=\"/files/qd.pdf\">Quyết định số 231/QĐ-UBND về việc khen thưởng</a></p>"));
	conf = one_unit_conf(lt.dir, lt.fs.port, "late.test", "10s");
	cr_assert_eq(tcttd_once(conf), 0);
	cr_expect_eq(lines_of(lt.log), 0, "a decision on awards is not read");
	free(test_write_file(lt.root, "late.test/index.html", LATE_PAGE("Sở Tư pháp",
	    "<p>Văn bản đính kèm: <a href=\"/files/qd.pdf\">Tải về</a></p>")));
	free(http_get(lt.fs.port, "control", "/_fixsrv/reset", &status));
	cr_assert_eq(tcttd_once(conf), 0);
	cr_expect_eq(lines_of(lt.log), 1, "behind \"Tải về\" now: read");
	doc = export(conf);
	cr_expect(ends_with(field(doc, "public_catalog", "url"), "/files/qd.pdf"), "%s",
	    field(doc, "public_catalog", "note"));
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2026-10-02");
	json_decref(doc);
	free(conf);
	late_stop(&lt);
}

/* How many times the PDF is read over two passes, the second hinted at hint_url. */
static int
hinted_document_reads(const char *hint_url)
{
	struct late lt;
	struct store *st;
	struct corr_who w = { .user = "t", .client = "127.0.0.1", .action = "hint",
	    .unit_id = "u", .criterion = "public_catalog" };
	char *conf, *db, *cause = NULL;
	int runs;

	late_start(&lt, NULL, LATE_PAGE("Sở Tư pháp", "<p>Tin tức</p>"));
	conf = one_unit_conf(lt.dir, lt.fs.port, "late.test", "10s");
	cr_assert_eq(tcttd_once(conf), 0);
	db = xasprintf("%s/t.db", lt.dir);
	cr_assert_eq(store_open(db, 0, &st, &cause), 0, "%s", cause);
	cr_assert_eq(corr_hint(st, &w, hint_url, NULL, 1795914000, &cause), 0, "%s", cause);
	store_close(st);
	cr_assert_eq(tcttd_once(conf), 0);
	runs = lines_of(lt.log);
	free(conf);
	free(db);
	late_stop(&lt);
	return runs;
}

Test(document, a_hinted_document_is_read, .timeout = 60)
{
	cr_expect_eq(hinted_document_reads("http://late.test/files/qd.pdf"), 1);
}

Test(document, a_hint_typed_with_a_fragment_is_read_too, .timeout = 60)
{
	cr_expect_eq(hinted_document_reads("http://late.test/files/qd.pdf#page=2"), 1);
}

/*
 * A document fetched while nothing wanted it (its link says only its number),
 * then linked as "Tải về" from a page judged later in the same pass, is read
 * before the pass ends: the verdict must not wait for the next pass.
 */
Test(document, a_document_wanted_later_in_the_same_pass_is_read, .timeout = 60)
{
	struct late lt;
	char *conf, *text;
	json_t *doc;

	late_start(&lt, NULL, LATE_PAGE("Sở Tư pháp",
	    "<p><a href=\"/files/qd.pdf\">Quyết định số 231/QĐ-UBND</a></p>"
	    "<p><a href=\"/trang.html\">Trang hai</a></p>"));
	free(test_write_file(lt.root, "late.test/trang.html", LATE_PAGE("Trang",
	    "<p>Văn bản đính kèm: <a href=\"/files/qd.pdf\">Tải về</a></p>")));
	text = xasprintf("[daemon]\ndatabase = %s/t.db\nconnect_to = ::127.0.0.1:%d\n"
	    "timeout = 10s\nretries = 0\nper_host = 1\n[unit:u]\nname = Sở Tư pháp\n"
	    "kind = department\nurl = http://late.test/\n", lt.dir, lt.fs.port);
	conf = test_write_file(lt.dir, "t.conf", text);
	cr_assert_eq(tcttd_once(conf), 0);
	cr_expect_eq(lines_of(lt.log), 1, "behind \"Tải về\" on a later page: read in this pass");
	doc = export(conf);
	cr_expect_str_eq(field(doc, "public_catalog", "date"), "2026-10-02", "%s",
	    field(doc, "public_catalog", "note"));
	json_decref(doc);
	free(conf);
	free(text);
	late_stop(&lt);
}

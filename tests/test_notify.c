/* test_notify.c: reminders and their delivery, against a real SMTP server on loopback. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <jansson.h>

#include "clock.h"
#include "criteria.h"
#include "mail.h"
#include "notify.h"
#include "notify_fixture.h"
#include "smtp.h"
#include "support.h"
#include "xmalloc.h"

#define SECRETARIAT "vanphong@laichau.gov.vn"

static void
expect_has(const char *hay, const char *needle)
{
	cr_expect(hay != NULL && strstr(hay, needle) != NULL,
	    "expected \"%s\" in:\n%s", needle, hay ? hay : "(null)");
}

Test(notify, reminder_over_smtp_decodes_to_vietnamese)
{
	struct smtpd s = { 0 };
	struct nfix f;
	json_t *m, *rcpt;
	const char *text, *html;

	smtpd_start(&s, 0);
	nfix_open(&f, s.port, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "OMSOO");
	nfix_pass(&f, "stp", f.t0 - DAY, "OMSOO");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	cr_assert_eq(notices_flush(f.cfg, f.st, f.t0), 0);
	cr_assert_eq(smtpd_count(&s), 1);

	m = smtpd_message(&s, 1);
	cr_expect_str_eq(json_str(m, "envelope", "mail_from"), SECRETARIAT);
	rcpt = json_object_get(json_object_get(m, "envelope"), "rcpt_tos");
	cr_expect_eq(json_array_size(rcpt), 1);
	cr_expect_str_eq(json_string_value(json_array_get(rcpt, 0)), "stp@laichau.gov.vn");
	cr_expect_str_eq(json_str(m, "headers", "subject"),
	    "V/v đôn đốc thực hiện Luật Tiếp cận thông tin");
	cr_expect(strncmp(json_str(m, "raw_subject", NULL), "=?UTF-8?B?", 10) == 0,
	    "subject is RFC 2047 encoded: %s", json_str(m, "raw_subject", NULL));
	cr_expect_str_eq(json_str(m, "headers", "from"),
	    "Văn phòng UBND tỉnh Lai Châu <vanphong@laichau.gov.vn>");
	cr_expect_str_eq(json_str(m, "headers", "to"), "Sở Tư pháp <stp@laichau.gov.vn>");
	cr_expect_null(json_str(m, "headers", "cc"), "first reminder: no copy");
	cr_expect_str_eq(json_str(m, "headers", "date"), "Mon, 2 Nov 2026 08:00:00 +0700");
	cr_expect(strncmp(json_str(m, "headers", "message_id"), "<tctt.reminder.stp.", 19) == 0);
	cr_expect_str_eq(json_str(m, "headers", "mime_version"), "1.0");
	cr_expect_str_eq(json_str(m, "content_type", NULL), "multipart/alternative");
	cr_expect_eq(json_array_size(json_object_get(m, "defects")), 0);
	cr_expect(json_is_true(json_object_get(m, "header_ascii")));
	cr_expect(json_is_true(json_object_get(m, "crlf")));
	cr_expect_leq(json_integer_value(json_object_get(m, "max_header_line")), 78);
	cr_expect_str_eq(json_str(json_array_get(json_object_get(m, "parts"), 0),
	    "encoding", NULL), "quoted-printable");

	text = json_str(m, "text", NULL);
	expect_has(text, "Kính gửi: Sở Tư pháp\n");
	expect_has(text, "còn 2 nội dung chưa đáp ứng yêu cầu");
	expect_has(text, "1. Quy chế nội bộ về tổ chức cung cấp thông tin: Thiếu (từ ngày 13/10/2026)");
	expect_has(text, "2. Danh mục thông tin phải được công khai: Chưa cập nhật (từ ngày 13/10/2026)");
	expect_has(text, "Tài liệu tìm thấy: http://stp.demo/danh-muc-2.pdf, ngày 10/01/2025");
	expect_has(text, crit_info(CRIT_REGULATION)->basis);
	expect_has(text, crit_info(CRIT_REGULATION)->todo);
	expect_has(text, crit_info(CRIT_PUBLIC_CATALOG)->todo);
	expect_has(text, "thư điện tử: " SECRETARIAT);
	cr_expect_null(strstr(text, crit_info(CRIT_SECTION)->label), "ok criteria are not listed");
	html = json_str(m, "html", NULL);
	expect_has(html, "<strong>Kính gửi:</strong> Sở Tư pháp");
	expect_has(html, "&lt;b&gt;Danh mục&lt;/b&gt; cũ hơn 365 ngày");
	cr_expect_null(strstr(html, "<b>Danh mục</b>"), "crawled text is escaped");
	expect_has(html, "<a href=\"http://stp.demo/danh-muc-2.pdf\">");
	json_decref(m);

	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"
	    " AND attempts = 1 AND round_key = 'reminder:stp:2026-11-02'"
	    " AND mail_to = 'stp@laichau.gov.vn' AND sent_at IS NOT NULL"
	    " AND body_html LIKE '<div class=\"tctt-reminder\">%'"), 1);
	nfix_close(&f);
	smtpd_free(&s);
}

Test(notify, remind_every_and_escalation_over_days)
{
	struct nfix f;

	nfix_open(&f, 0, NULL);
	for (int d = 0; d <= 55; d++) {
		int64_t t = f.t0 + d * DAY;

		/* stp lags, is compliant on days 37-39, then lags again. */
		nfix_pass(&f, "stp", t, d >= 37 && d < 40 ? "OOOOO" : "OMOOO");
		nfix_pass(&f, "sxd", t, "UUUUU");
		nfix_pass(&f, "snv", t, "OOOOO");
		nfix_pass(&f, "syt", t, "MMMMM");
		cr_assert_geq(notify_round(f.cfg, f.st, t + 3600, false), 0);
		cr_assert_eq(notices_flush(f.cfg, f.st, t + 3600), 0);
	}
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE unit_id <> 'stp'"), 0,
	    "unreachable, compliant, unchecked and mail-less units get none");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE kind = 'reminder'"), 5);
	{
		/* Days of the reminders and whether the secretariat was copied. */
		static const long days[] = { 14, 21, 28, 35, 54 };
		static const int cc[] = { 0, 0, 1, 1, 0 };

		for (int i = 0; i < 5; i++) {
			char *sql = xasprintf("SELECT COUNT(*) FROM notice WHERE"
			    " created_at = %lld AND (mail_cc IS NOT NULL) = %d",
			    (long long)(f.t0 + days[i] * DAY + 3600), cc[i]);

			cr_expect_eq(nfix_count(&f, sql), 1, "reminder on day %ld (cc %d)",
			    days[i], cc[i]);
			free(sql);
		}
	}
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"), 5);
	{
		char *p = xasprintf("%s/outbox/reminder-stp-2026-11-30.eml", f.dir);
		json_t *m = mail_decode_file(p);

		cr_expect_str_eq(json_str(m, "headers", "cc"), SECRETARIAT);
		cr_expect_str_eq(json_str(m, "headers", "subject"),
		    "V/v đôn đốc thực hiện Luật Tiếp cận thông tin (lần 3)");
		expect_has(json_str(m, "text", NULL), "Đây là văn bản đôn đốc lần thứ 3.");
		json_decref(m);
		free(p);
	}
	nfix_close(&f);
}

Test(notify, restart_between_record_and_send_sends_once)
{
	struct smtpd s = { 0 };
	struct nfix f;
	char *cause = NULL;

	smtpd_start(&s, 0);
	nfix_open(&f, s.port, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "MMMMM");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'pending'"), 1);
	/* The process dies here; a new one opens the database. */
	store_close(f.st);
	cr_assert_eq(store_open(f.cfg->database, 0, &f.st, &cause), 0);
	cr_expect_eq(notify_round(f.cfg, f.st, f.t0 + 600, false), 0, "recorded once");
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0 + 600), 0);
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0 + 1200), 0);
	cr_expect_eq(smtpd_count(&s), 1);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"), 1);
	nfix_close(&f);
	smtpd_free(&s);
}

Test(notify, server_down_then_up_delivers_once)
{
	struct smtpd s = { 0 };
	struct nfix f;
	int port;
	char *sql;

	smtpd_start(&s, 0);
	port = s.port;
	smtpd_stop(&s);
	nfix_open(&f, port, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "OOMOO");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0), 1, "server down: not delivered");
	sql = xasprintf("SELECT COUNT(*) FROM notice WHERE state = 'pending' AND"
	    " attempts = 1 AND next_attempt_at = %lld AND error IS NOT NULL",
	    (long long)(f.t0 + notice_backoff(1)));
	cr_expect_eq(nfix_count(&f, sql), 1);
	free(sql);
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0 + 60), 0, "not due again yet");
	cr_expect_eq(nfix_count(&f, "SELECT attempts FROM notice"), 1);

	smtpd_start(&s, port);
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0 + notice_backoff(1)), 0);
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0 + DAY), 0);
	cr_expect_eq(smtpd_count(&s), 1);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"
	    " AND attempts = 2"), 1);
	cr_expect_lt(notice_backoff(1), notice_backoff(2));
	cr_expect_eq(notice_backoff(40), 6 * 3600, "backoff is capped");
	nfix_close(&f);
	smtpd_free(&s);
}

Test(notify, temporary_rejection_retries_permanent_one_fails)
{
	struct smtpd s = { 0 };
	struct nfix f;

	smtpd_start(&s, 0);
	nfix_open(&f, s.port, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "MMMMM");
	smtpd_reject(&s, "451 4.3.0 Try again later");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0), 1);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'pending'"
	    " AND error LIKE '%451%'"), 1);
	smtpd_reject(&s, "550 5.1.1 Mailbox unavailable");
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0 + DAY), 1);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'failed'"
	    " AND attempts = 2 AND error LIKE '%550%'"), 1);
	smtpd_reject(&s, NULL);
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0 + 2 * DAY), 0, "failed is final");
	cr_expect_eq(smtpd_count(&s), 0);
	nfix_close(&f);
	smtpd_free(&s);
}

Test(notify, outbox_files_without_smtp_url)
{
	struct nfix f;
	char *dir, *path;
	struct dirent *e;
	DIR *d;
	json_t *m;
	int files = 0;

	nfix_open(&f, 0, NULL);
	nfix_pass(&f, "stp", f.t0 - 15 * DAY, "OOOSO");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	cr_assert_eq(notices_flush(f.cfg, f.st, f.t0), 0);
	dir = xasprintf("%s/outbox", f.dir);
	cr_assert_not_null(d = opendir(dir));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && (e->d_name[1] == '\0' ||
		    (e->d_name[1] == '.' && e->d_name[2] == '\0')))
			continue;
		files++;
		cr_expect_str_eq(e->d_name, "reminder-stp-2026-11-02.eml",
		    "no temporary file left behind");
	}
	closedir(d);
	cr_expect_eq(files, 1);
	path = xasprintf("%s/reminder-stp-2026-11-02.eml", dir);
	m = mail_decode_file(path);
	cr_expect_str_eq(json_str(m, "headers", "subject"),
	    "V/v đôn đốc thực hiện Luật Tiếp cận thông tin");
	expect_has(json_str(m, "text", NULL), "Danh mục thông tin được tiếp cận có điều kiện");
	cr_expect_eq(json_array_size(json_object_get(m, "defects")), 0);
	json_decref(m);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"), 1);
	free(path);
	free(dir);
	nfix_close(&f);
}

Test(notify, dry_run_records_nothing)
{
	struct nfix f;

	char *dir = test_tmpdir(), *path = xasprintf("%s/stdout", dir), *out;
	const char *head = "=== reminder:stp:2026-11-02 (reminder, not sent: dry run)\n";
	FILE *fp;
	long len;
	int saved;

	nfix_open(&f, 0, NULL);
	nfix_pass(&f, "stp", f.t0 - 15 * DAY, "MOOOO");
	/* What a dry run prints is the reminder it would send: capture it in a file. */
	fflush(stdout);
	saved = dup(1);
	cr_assert_not_null(fp = fopen(path, "w+"));
	dup2(fileno(fp), 1);
	cr_expect_eq(notify_round(f.cfg, f.st, f.t0, true), 1);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	out = xcalloc(1, (size_t)len + 1);
	cr_assert_eq(fread(out, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	cr_expect(strncmp(out, head, strlen(head)) == 0, "%s", out);
	expect_has(out, "\nTo: stp@laichau.gov.vn\n");
	expect_has(out, "\nSubject: V/v đôn đốc thực hiện Luật Tiếp cận thông tin\n");
	expect_has(out, "Kính gửi: Sở Tư pháp");
	/* Only the failing criterion (the section) is reminded of. */
	expect_has(out, "\n1. Chuyên mục tiếp cận thông tin: Thiếu");
	cr_expect(strstr(out, "Quy chế") == NULL, "%s", out);
	cr_expect(strstr(out, "\nCc:") == NULL, "first reminder: no copy");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice"), 0);
	nfix_close(&f);
	free(out);
	free(path);
	free(dir);
}

Test(mail, long_vietnamese_headers_and_bodies_round_trip)
{
	char *dir = test_tmpdir(), *path, *msg, *text;
	struct buf b = { 0 };
	struct mail m;
	json_t *j;
	const char *subject = "Thông báo về việc đôn đốc cập nhật Danh mục thông tin "
	    "phải được công khai và Danh mục thông tin được tiếp cận có điều kiện "
	    "của các cơ quan, đơn vị trên địa bàn tỉnh Lai Châu năm 2026";

	for (int i = 0; i < 30; i++)
		buf_puts(&b, "Tiếp cận thông tin=");
	buf_puts(&b, "\n.dòng bắt đầu bằng dấu chấm\ndòng có khoảng trắng cuối   \n"
	    "a\tb\n\n");
	for (int i = 0; i < 200; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\n");
	text = buf_steal(&b);
	memset(&m, 0, sizeof m);
	m.from = "\"Văn phòng UBND tỉnh\" <vp@laichau.gov.vn>";
	m.to = "a@b.vn";
	m.to_name = "Ban Quản lý, khu kinh tế";
	m.subject = subject;
	m.text = text;
	m.id_key = "test:1";
	m.date = 1790000000;
	msg = mail_build(&m);
	path = test_write_file(dir, "m.eml", msg);
	j = mail_decode_file(path);
	cr_expect_str_eq(json_str(j, "headers", "subject"), subject);
	cr_expect_str_eq(json_str(j, "headers", "from"), "Văn phòng UBND tỉnh <vp@laichau.gov.vn>");
	cr_expect_str_eq(json_str(j, "headers", "to"), "Ban Quản lý, khu kinh tế <a@b.vn>");
	cr_expect_str_eq(json_str(j, "content_type", NULL), "text/plain");
	cr_expect_str_eq(json_str(j, "text", NULL), text);
	cr_expect_leq(json_integer_value(json_object_get(j, "max_header_line")), 78);
	cr_expect(json_is_true(json_object_get(j, "header_ascii")));
	cr_expect_eq(json_array_size(json_object_get(j, "defects")), 0);
	for (char *line = msg; *line != '\0'; ) {
		char *end = strstr(line, "\r\n");

		cr_assert_not_null(end);
		cr_expect_leq(end - line, 76, "line too long: %.*s", (int)(end - line), line);
		line = end + 2;
	}
	json_decref(j);
	free(msg);
	free(path);
	free(text);
	free(dir);
}

Test(mail, addresses_and_plain_subjects)
{
	char *s;
	struct buf b = { 0 };

	s = mail_addr("Văn phòng <vp@a.vn>");
	cr_expect_str_eq(s, "vp@a.vn");
	free(s);
	s = mail_addr("vp@a.vn");
	cr_expect_str_eq(s, "vp@a.vn");
	free(s);
	s = mail_display_name("\"Văn phòng\" <vp@a.vn>");
	cr_expect_str_eq(s, "Văn phòng");
	free(s);
	cr_expect_null(mail_display_name("vp@a.vn"));
	mail_encode_words(&b, "Weekly digest", 9);
	cr_expect_str_eq(b.data, "Weekly digest");
	buf_free(&b);
	mail_encode_words(&b, "=?x?= looks encoded", 9);
	cr_expect(strncmp(b.data, "=?UTF-8?B?", 10) == 0);
	buf_free(&b);
}

/*
 * Found by fuzz_mail: a long ASCII display name was written as it was, one
 * header line of any length (RFC 5322 allows 998 at most, 78 wanted); now it
 * is folded as encoded words like any other and still reads back whole.
 */
Test(mail, long_ascii_display_name_is_folded)
{
	char *dir = test_tmpdir(), *path, *msg, *name, *want;
	struct buf b = { 0 };
	struct mail m;
	json_t *j;

	for (int i = 0; i < 60; i++)
		buf_puts(&b, "Department of Justice ");
	buf_puts(&b, "Lai Chau");
	name = buf_steal(&b);
	memset(&m, 0, sizeof m);
	m.from = "vp@laichau.gov.vn";
	m.to = "a@b.vn";
	m.to_name = name;
	m.subject = "Weekly digest";
	m.text = "text\n";
	m.id_key = "test:2";
	m.date = 1790000000;
	msg = mail_build(&m);
	path = test_write_file(dir, "m.eml", msg);
	j = mail_decode_file(path);
	want = xasprintf("%s <a@b.vn>", name);
	cr_expect_str_eq(json_str(j, "headers", "to"), want);
	cr_expect_leq(json_integer_value(json_object_get(j, "max_header_line")), 78);
	cr_expect_eq(json_array_size(json_object_get(j, "defects")), 0);
	json_decref(j);
	free(want);
	free(msg);
	free(path);
	free(name);
	free(dir);
}

Test(notify, password_is_never_sent_without_tls)
{
	struct smtpd s = { 0 };
	struct nfix f;
	char *extra, *pw;

	smtpd_start(&s, 0);
	pw = test_write_file(s.dir, "../smtp-password", "s3cret\n");
	extra = xasprintf("smtp_user = tctt\nsmtp_password_file = %s\n", pw);
	nfix_open(&f, s.port, extra);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "MMMMM");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	/* The test server offers no STARTTLS: with a user set, nothing is sent. */
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0), 1);
	cr_expect_eq(smtpd_count(&s), 0);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'pending'"
	    " AND attempts = 1 AND error IS NOT NULL"), 1);
	nfix_close(&f);
	free(extra);
	free(pw);
	smtpd_free(&s);
}

/*
 * Encoded words end between words of the subject, so a client that shows
 * each word apart never cuts one ("Du lịc h"); together they are the subject.
 */
Test(notify, encoded_words_split_between_words)
{
	static const char *subjects[] = {
		"Nhắc nhở: Sở Du lịch tỉnh Lai Châu chưa công khai danh mục thông tin",
		"Báo cáo tuần 2026-W48: 12/20 đơn vị tuân thủ Luật Tiếp cận thông tin",
		"Ủy ban nhân dân xã Nậm Hàng huyện Mường Tè: nhắc lần thứ ba",
	};

	for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
		struct buf b = { 0 }, whole = { 0 };
		const char *p;
		int words = 0;

		mail_encode_words(&b, subjects[i], strlen("Subject: "));
		for (p = b.data; (p = strstr(p, "=?UTF-8?B?")) != NULL; words++) {
			const char *end = strstr(p + 10, "?=");
			unsigned char out[128];
			int n;

			cr_assert_not_null(end);
			n = EVP_DecodeBlock(out, (const unsigned char *)p + 10, (int)(end - p - 10));
			cr_assert_gt(n, 0);
			while (n > 0 && out[n - 1] == '\0')	/* base64 padding */
				n--;
			buf_add(&whole, out, (size_t)n);
			p = end + 2;
			if (*p != '\0')
				cr_expect_eq(out[n - 1], ' ', "word %d of \"%s\" ends inside a word: "
				    "\"%.*s\"", words, subjects[i], n, out);
		}
		cr_expect_gt(words, 1);
		buf_putc(&whole, '\0');
		cr_expect_str_eq(whole.data, subjects[i]);
		buf_free(&b);
		buf_free(&whole);
	}
}

/*
 * Under systemd the password comes as a credential (LoadCredential=): read
 * from $CREDENTIALS_DIRECTORY under the file's name, even when the file
 * itself cannot be read by the service's user.
 */
Test(notify, password_file_read_from_systemd_credentials)
{
	struct smtpd s = { 0 };
	struct nfix f;
	char *extra, *creds;

	smtpd_start(&s, 0);
	creds = test_tmpdir();
	free(test_write_file(creds, "smtp-password", "s3cret\n"));
	setenv("CREDENTIALS_DIRECTORY", creds, 1);
	extra = xstrdup("smtp_user = tctt\nsmtp_password_file = /nonexistent/tctt/smtp-password\n");
	nfix_open(&f, s.port, extra);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "MMMMM");
	cr_assert_eq(notify_round(f.cfg, f.st, f.t0, false), 1);
	/* The password was read: what stops it now is the missing STARTTLS. */
	cr_expect_eq(notices_flush(f.cfg, f.st, f.t0), 1);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE error IS NOT NULL"
	    " AND error NOT LIKE '%smtp-password%'"), 1, "the credential was not used");
	unsetenv("CREDENTIALS_DIRECTORY");
	nfix_close(&f);
	free(extra);
	free(creds);
	smtpd_free(&s);
}

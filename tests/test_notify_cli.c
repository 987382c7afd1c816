/* test_notify_cli.c: tcttd --remind and --digest, the real binary, against a real SMTP server. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "notify_fixture.h"
#include "smtp.h"
#include "support.h"
#include "xmalloc.h"

/* Run tcttd -c conf with mode (and --dry-run); returns the exit status. */
static int
tcttd(struct nfix *f, const char *mode, bool dry_run, char **out, char **err)
{
	char *bin = test_bin("tcttd");
	const char *argv[] = { bin, "-c", f->conf_path, mode,
	    dry_run ? "--dry-run" : NULL, NULL };
	int rc = run_cmd(argv, out, err);

	free(bin);
	return rc;
}

static void
expect_has(const char *hay, const char *needle)
{
	cr_expect(hay != NULL && strstr(hay, needle) != NULL,
	    "expected \"%s\" in:\n%s", needle, hay ? hay : "(null)");
}

Test(notify_cli, remind_and_digest_with_the_binary)
{
	struct smtpd s = { 0 };
	struct nfix f;
	char *out, *err;
	json_t *m;

	smtpd_start(&s, 0);
	nfix_open(&f, s.port, NULL);
	nfix_pass(&f, "stp", f.t0 - 20 * DAY, "OMSOO");
	nfix_pass(&f, "syt", f.t0 - 20 * DAY, "MMMMM");
	store_close(f.st);
	f.st = NULL;
	setenv("TCTT_NOW", "2026-11-02T09:00:00+07:00", 1);

	cr_expect_eq(tcttd(&f, "--remind", true, &out, &err), 0, "%s", err);
	expect_has(out, "To: stp@laichau.gov.vn\n");
	expect_has(out, "Subject: V/v đôn đốc thực hiện Luật Tiếp cận thông tin\n");
	expect_has(out, "Kính gửi: Sở Tư pháp");
	expect_has(err, "unit syt lags (5 criteria) but has no e-mail address");
	free(out);
	free(err);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice"), 0, "dry run records nothing");
	cr_expect_eq(smtpd_count(&s), 0, "dry run sends nothing");

	cr_expect_eq(tcttd(&f, "--remind", false, &out, &err), 0, "%s", err);
	free(out);
	free(err);
	cr_expect_eq(smtpd_count(&s), 1);
	cr_expect_eq(tcttd(&f, "--remind", false, &out, &err), 0, "%s", err);
	free(out);
	free(err);
	cr_expect_eq(smtpd_count(&s), 1, "the same round again sends nothing");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"), 1);

	cr_expect_eq(tcttd(&f, "--digest", true, &out, &err), 0, "%s", err);
	expect_has(out, "TỔNG HỢP TUẦN 45/2026");
	free(out);
	free(err);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM digest"), 0);
	cr_expect_eq(tcttd(&f, "--digest", false, &out, &err), 0, "%s", err);
	free(out);
	free(err);
	cr_expect_eq(tcttd(&f, "--digest", false, &out, &err), 0, "%s", err);
	free(out);
	free(err);
	cr_assert_eq(smtpd_count(&s), 2, "one digest for the week");
	m = smtpd_message(&s, 2);
	cr_expect_str_eq(json_str(m, "headers", "subject"),
	    "Tổng hợp tuần 45/2026: tình hình thực hiện Luật Tiếp cận thông tin");
	expect_has(json_str(m, "text", NULL), "Sở Y tế (syt)");
	json_decref(m);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM digest WHERE week = '2026-W45'"), 1);

	/* A week later the server is down: the run fails, the reminder waits. */
	smtpd_stop(&s);
	setenv("TCTT_NOW", "2026-11-09T09:00:00+07:00", 1);
	cr_expect_eq(tcttd(&f, "--remind", false, &out, &err), 1);
	expect_has(err, "not delivered");
	free(out);
	free(err);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'pending'"
	    " AND round_key = 'reminder:stp:2026-11-09'"), 1);
	smtpd_start(&s, s.port);
	setenv("TCTT_NOW", "2026-11-09T10:00:00+07:00", 1);
	cr_expect_eq(tcttd(&f, "--remind", false, &out, &err), 0, "%s", err);
	free(out);
	free(err);
	cr_expect_eq(smtpd_count(&s), 3);
	nfix_close(&f);
	smtpd_free(&s);
}

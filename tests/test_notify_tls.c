/* test_notify_tls.c: delivery over STARTTLS and smtps to a server whose certificate comes from
 * a private CA, named by [notify] smtp_ca_file, with a login; refused without that CA. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "config.h"
#include "mail.h"
#include "notify.h"
#include "notify_fixture.h"
#include "smtp.h"
#include "support.h"
#include "xmalloc.h"

/* Every criterion missing, however many there are. */
#define ALL_MISSING	"MMMMMMMMMMMMMMMM"

/* A TLS server (mode "starttls" or "smtps") that wants the login tctt:s3cret. */
static void
tls_server(struct smtpd *s, const char *certs, const char *mode, char **cert, char **key)
{
	*cert = xasprintf("%s/server.pem", certs);
	*key = xasprintf("%s/server.key", certs);
	s->tls = mode;
	s->cert = *cert;
	s->key = *key;
	s->login = "tctt:s3cret";
	smtpd_start(s, 0);
}

/* One reminder queued and flushed through scheme://127.0.0.1:port with the login and ca (may
 * be NULL); returns what notices_flush returned. */
static int
send_one(struct nfix *f, const char *scheme, int port, const char *ca)
{
	char *dir = test_tmpdir(), *pw, *extra;
	int rc;

	pw = test_write_file(dir, "smtp-password", "s3cret\n");
	extra = xasprintf("smtp_url = %s://127.0.0.1:%d\nsmtp_user = tctt\n"
	    "smtp_password_file = %s\n%s%s%s", scheme, port, pw,
	    ca ? "smtp_ca_file = " : "", ca ? ca : "", ca ? "\n" : "");
	nfix_open(f, 0, extra);
	nfix_pass(f, "stp", f->t0 - 20 * DAY, ALL_MISSING);
	cr_assert_eq(notify_round(f->cfg, f->st, f->t0, false), 1);
	rc = notices_flush(f->cfg, f->st, f->t0);
	free(extra);
	free(pw);
	free(dir);
	return rc;
}

/* Delivered over TLS after a login, to stp. */
static void
expect_delivered(struct smtpd *s)
{
	json_t *m;

	cr_assert_eq(smtpd_count(s), 1);
	m = smtpd_message(s, 1);
	cr_expect(json_is_true(json_object_get(json_object_get(m, "envelope"), "tls")),
	    "the message went over TLS");
	cr_expect_str_eq(json_str(m, "envelope", "login"), "tctt");
	cr_expect_str_eq(json_str(m, "headers", "subject"),
	    "V/v đôn đốc thực hiện Luật Tiếp cận thông tin");
	json_decref(m);
}

static void
delivered_with_ca(const char *mode, const char *scheme)
{
	struct smtpd s = { 0 };
	struct nfix f = { 0 };
	char *certs = tls_make_certs(), *cert, *key, *ca = xasprintf("%s/ca.pem", certs);

	tls_server(&s, certs, mode, &cert, &key);
	cr_expect_eq(send_one(&f, scheme, s.port, ca), 0);
	expect_delivered(&s);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'sent'"), 1);
	nfix_close(&f);
	smtpd_free(&s);
	free(cert);
	free(key);
	free(ca);
	free(certs);
}

Test(notify_tls, starttls_with_private_ca_and_login)
{
	delivered_with_ca("starttls", "smtp");
}

Test(notify_tls, smtps_with_private_ca_and_login)
{
	delivered_with_ca("smtps", "smtps");
}

/* Without the CA (the system's bundle) or with another CA: nothing sent, a clear error kept. */
static void
refused(const char *mode, const char *scheme, bool other_ca)
{
	struct smtpd s = { 0 };
	struct nfix f = { 0 };
	char *certs = tls_make_certs(), *cert, *key;
	char *ca = other_ca ? xasprintf("%s/other-ca.pem", certs) : NULL;

	tls_server(&s, certs, mode, &cert, &key);
	cr_expect_eq(send_one(&f, scheme, s.port, ca), 1, "one send failed");
	cr_expect_eq(smtpd_count(&s), 0);
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE state = 'pending'"
	    " AND attempts = 1 AND error LIKE '%SSL certificate problem%'"), 1,
	    "the notice waits, with the certificate problem as its error");
	cr_expect_eq(nfix_count(&f, "SELECT COUNT(*) FROM notice WHERE"
	    " error LIKE '%name its bundle in [notify] smtp_ca_file%'"), other_ca ? 0 : 1,
	    "without smtp_ca_file the error says where a private CA goes");
	nfix_close(&f);
	smtpd_free(&s);
	free(cert);
	free(key);
	free(ca);
	free(certs);
}

Test(notify_tls, starttls_refused_without_the_ca)
{
	refused("starttls", "smtp", false);
}

Test(notify_tls, smtps_refused_without_the_ca)
{
	refused("smtps", "smtps", false);
}

Test(notify_tls, smtps_refused_with_another_ca)
{
	refused("smtps", "smtps", true);
}

Test(notify_tls, starttls_refused_with_another_ca)
{
	refused("starttls", "smtp", true);
}

/* smtp_ca_file is checked when the configuration is read: a missing file, or one with no
 * certificate, is a configuration error naming the line. */
Test(notify_tls, ca_file_is_validated)
{
	char *dir = test_tmpdir(), *junk = test_write_file(dir, "junk.pem", "not a certificate\n");
	struct config *cfg = NULL;
	char *text, *cause = NULL;

	text = xasprintf("[notify]\nsecretariat = a@b.vn\nsmtp_ca_file = %s/none.pem\n", dir);
	cr_expect_eq(config_load_string("t.conf", text, &cfg, &cause), -1);
	cr_expect(cause != NULL && strstr(cause, "t.conf:3: [notify] smtp_ca_file") != NULL &&
	    strstr(cause, "No such file or directory") != NULL, "%s", cause);
	free(cause);
	free(text);
	cause = NULL;
	text = xasprintf("[notify]\nsecretariat = a@b.vn\nsmtp_ca_file = %s\n", junk);
	cr_expect_eq(config_load_string("t.conf", text, &cfg, &cause), -1);
	cr_expect(cause != NULL && strstr(cause, "t.conf:3:") != NULL &&
	    strstr(cause, "no PEM certificate") != NULL, "%s", cause);
	free(cause);
	free(text);
	cause = NULL;
	text = xasprintf("[notify]\nsecretariat = a@b.vn\nsmtp_ca_file = %s\n", dir);
	cr_expect_eq(config_load_string("t.conf", text, &cfg, &cause), -1);
	cr_expect(cause != NULL && strstr(cause, "not a regular file") != NULL, "%s", cause);
	free(cause);
	free(text);
	free(junk);
	free(dir);
}

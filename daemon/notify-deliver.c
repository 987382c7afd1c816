/* notify-deliver.c: delivering recorded notices, with retries and backoff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "store-notice.h"
#include "xmalloc.h"

/* After this many failed tries a notice is given up as failed. */
#define NOTICE_MAX_ATTEMPTS	24
#define NOTICE_BACKOFF_FIRST	300
#define NOTICE_BACKOFF_MAX	(6 * 3600)

int64_t
notice_backoff(int attempts)
{
	int64_t d = NOTICE_BACKOFF_FIRST;

	for (int i = 1; i < attempts && d < NOTICE_BACKOFF_MAX; i++)
		d *= 2;
	return d < NOTICE_BACKOFF_MAX ? d : NOTICE_BACKOFF_MAX;
}

/* The outbox file name of a notice: its round key, ':' and '/' made '-'; caller frees. */
static char *
outbox_name(const struct notice *n)
{
	char *name = xasprintf("%s.eml", n->round_key);

	for (char *p = name; *p != '\0'; p++)
		if (*p == ':' || *p == '/' || *p == ' ')
			*p = '-';
	return name;
}

int
notice_deliver(const struct config *cfg, const struct notice *n, char **cause)
{
	char *name;
	int rc;

	if (cfg->smtp_url != NULL)
		return mail_send(cfg, n->mail_to, n->mail_cc, n->message, cause);
	name = outbox_name(n);
	rc = mail_outbox_write(cfg->outbox, name, n->message, cause);
	free(name);
	return rc;
}

int
notice_record(const struct config *cfg, struct store *st,
    const struct notice *n, int rc, const char *cause, int64_t now)
{
	char *dberr = NULL;
	int attempts = n->attempts + 1, db;

	if (rc == MAIL_SENT) {
		log_info("notice %s: %s to %s%s%s", n->round_key,
		    cfg->smtp_url != NULL ? "sent" : "written to the outbox",
		    n->mail_to, n->mail_cc != NULL ? ", cc " : "",
		    n->mail_cc != NULL ? n->mail_cc : "");
		db = store_notice_sent(st, n->id, attempts, now, &dberr);
	} else if (rc == MAIL_REJECTED || attempts >= NOTICE_MAX_ATTEMPTS) {
		log_warnx("notice %s to %s failed for good after %d attempt%s: %s",
		    n->round_key, n->mail_to, attempts, attempts == 1 ? "" : "s",
		    cause);
		db = store_notice_failed(st, n->id, attempts, cause, &dberr);
	} else {
		int64_t next = now + notice_backoff(attempts);
		char when[32];

		log_warnx("notice %s to %s not delivered (attempt %d), next try %s: %s",
		    n->round_key, n->mail_to, attempts,
		    clock_iso8601(next, when, sizeof when), cause);
		db = store_notice_retry(st, n->id, attempts, next, cause, &dberr);
	}
	if (db == -1) {
		log_warnx("%s", dberr);
		free(dberr);
		return -1;
	}
	return rc == MAIL_SENT ? 0 : 1;
}

/* Try one notice once; record the outcome. Returns 0 delivered, 1 not, -1 db error. */
static int
flush_one(const struct config *cfg, struct store *st, struct notice *n,
    int64_t now)
{
	char *cause = NULL;
	int rc = notice_deliver(cfg, n, &cause);

	rc = notice_record(cfg, st, n, rc, cause, now);
	free(cause);
	return rc;
}

int
notices_flush(const struct config *cfg, struct store *st, int64_t now)
{
	struct notice *list;
	size_t n;
	char *cause;
	int undelivered = 0, rc;

	if (store_notices_due(st, now, &list, &n, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = flush_one(cfg, st, &list[i], now)) == -1) {
			notices_free(list, n);
			return -1;
		}
		undelivered += rc;
	}
	notices_free(list, n);
	return undelivered;
}

void
notice_print(FILE *f, const struct notice *n)
{
	fprintf(f, "=== %s (%s, not sent: dry run)\n", n->round_key,
	    notice_kind_name(n->kind));
	fprintf(f, "To: %s\n", n->mail_to);
	if (n->mail_cc != NULL)
		fprintf(f, "Cc: %s\n", n->mail_cc);
	fprintf(f, "Subject: %s\n\n%s\n", n->subject, n->body_text);
}

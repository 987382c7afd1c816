/* notify-digest.c: the weekly digest for the secretariat: when it is due, recording it, --digest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "config.h"
#include "notify-int.h"
#include "log.h"
#include "notify.h"
#include "report.h"
#include "store-notice.h"
#include "tcttd.h"
#include "xmalloc.h"

void
digest_week(int64_t t, char *week, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(week, size, "%G-W%V", &tm);
}

/* The latest scheduled digest time at or before now, in local time. */
static int64_t
digest_slot(const struct config *cfg, int64_t now)
{
	time_t tt = (time_t)now, slot;
	struct tm tm;

	localtime_r(&tt, &tm);
	tm.tm_mday -= (tm.tm_wday - cfg->digest_wday + 7) % 7;
	tm.tm_hour = cfg->digest_minute / 60;
	tm.tm_min = cfg->digest_minute % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	slot = mktime(&tm);
	if ((int64_t)slot > now) {
		tm.tm_mday -= 7;
		tm.tm_isdst = -1;
		slot = mktime(&tm);
	}
	return (int64_t)slot;
}

bool
digest_due(const struct config *cfg, const char *last_week, int64_t now,
    char *week, size_t size)
{
	digest_week(digest_slot(cfg, now), week, size);
	/* "YYYY-Www" sorts as time does. */
	return last_week == NULL || strcmp(week, last_week) > 0;
}

int
digest_run(const struct config *cfg, struct store *st, int64_t now,
    const char *week, bool dry_run)
{
	struct digest_stats ds;
	struct letter l = { 0 };
	struct notice nt;
	char *cause = NULL, *stats;
	int rc;

	if (digest_stats_build(cfg, st, now, week, &ds, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	digest_letter(cfg, &ds, &l);
	/* The week's figures as a report the secretariat can edit and file. */
	if (report_docx_week(cfg, st, week, now, &l.attach, &l.attach_len, &cause) == -1) {
		log_warnx("digest %s: no .docx attached: %s", week, cause);
		free(cause);
		cause = NULL;
	} else
		l.attach_name = xasprintf("bao-cao-tuan-%s.docx", week);
	stats = digest_stats_json(&ds);
	digest_stats_clear(&ds);

	memset(&nt, 0, sizeof nt);
	nt.kind = NOTICE_DIGEST;
	nt.round_key = xasprintf("digest:%s", week);
	nt.mail_to = cfg->secretariat;
	nt.created_at = now;
	letter_to_notice(cfg, &l, NULL, now, &nt);
	if (dry_run) {
		notice_print(stdout, &nt);
		rc = 0;
	} else if ((rc = store_digest_add(st, week, stats, &nt, &cause)) == -1) {
		log_warnx("%s", cause);
		free(cause);
	} else if (rc == 1)
		log_info("digest for %s recorded", week);
	else
		log_info("digest for %s was recorded before; not again", week);
	free(nt.round_key);
	free(nt.message);
	free(stats);
	letter_clear(&l);
	return rc;
}

int
tcttd_digest(const struct config *cfg, bool dry_run)
{
	int64_t now = clock_now();
	struct store *st;
	char week[16], *cause;
	int rc, left = 0;

	if (store_open(cfg->database, dry_run ? STORE_READONLY : 0, &st,
	    &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		return 1;
	}
	digest_week(now, week, sizeof week);
	if ((rc = digest_run(cfg, st, now, week, dry_run)) >= 0 && !dry_run)
		left = notices_flush(cfg, st, now);
	store_close(st);
	if (rc < 0 || left < 0)
		return 1;
	if (left > 0)
		log_warnx("%d notice%s not delivered yet; they will be retried",
		    left, left == 1 ? "" : "s");
	return left > 0 ? 1 : 0;
}

/* notify_fixture.h: a province of five units with a history, for the notice tests. */
#ifndef TCTT_NOTIFY_FIXTURE_H
#define TCTT_NOTIFY_FIXTURE_H

#include <stdint.h>

#include "config.h"
#include "store.h"

#define DAY 86400

struct nfix {
	char		*dir;
	char		*conf_path;
	struct config	*cfg;
	struct store	*st;
	int64_t		 t0;	/* Monday 2 Nov 2026, 08:00 local */
};

/*
 * Units: stp (email), syt (no email), sxd (email), snv (email), stc (email,
 * never checked). smtp_port 0 means no smtp_url (outbox). extra is appended
 * to [notify]. The store is open and synced.
 */
void nfix_open(struct nfix *f, int smtp_port, const char *extra);
void nfix_close(struct nfix *f);
/*
 * One pass over unit at t; statuses has a letter per criterion in enum
 * order: O ok, S stale, M missing, U unreachable, - not checked. Criteria past its end are
 * ok (unreachable when the last letter is U).
 */
void nfix_pass(struct nfix *f, const char *unit, int64_t t, const char *statuses);
/* One integer from SQL run on the fixture's database. */
long nfix_count(struct nfix *f, const char *sql);

#endif

/* notify-int.h: what the notify-digest*.c files share; no other module includes it. */
#ifndef TCTT_NOTIFY_INT_H
#define TCTT_NOTIFY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "criteria.h"
#include "notify-letter.h"
#include "store.h"

struct config;
struct notice;

#define DIGEST_STATUSES	ST_COUNT
#define DIGEST_WEEK	(7 * 86400)

/* One unit now and a week ago. */
struct digest_unit {
	const struct unit_state	*u;		/* borrowed from digest_stats.units */
	enum status		 then[CRIT_COUNT];	/* in force a week ago */
	int			 ok_now, ok_then;	/* among the criteria counted */
	int			 n_now, n_then;	/* criteria counted, and of them known a week ago */
	int			 cmp_now;	/* ok now among those known a week ago: moves compare it */
	bool			 comparable;	/* checked and reachable both times */
	int			 failing;	/* stale or missing now */
	int64_t			 lag_since;	/* oldest failure's start, 0 if none */
	bool			 remind_due;	/* failing for remind_after or more */
};

struct digest_stats {
	char			 week[16];
	int64_t			 now;
	struct unit_state	*units;		/* owned */
	size_t			 n;
	struct digest_unit	*du;		/* n of them, owned */
	crit_set		 counted;	/* [rules] criteria */
	int			 n_counted;	/* how many */
	int			 counts[DIGEST_STATUSES];	/* criteria counted, by status now */
	int			 failing[CRIT_COUNT];	/* units failing each criterion counted now */
	int			 checked_now, checked_then;	/* units */
	int			 compliant_now, compliant_then;	/* units all ok */
	int			 ok_now, ok_then;	/* ok criteria of checked units */
	int			 crit_now, crit_then;	/* criteria they are among */
	struct notice		*reminders;	/* created this week, owned */
	size_t			 n_reminders;
};

/* notify-digest-stats.c: gather st's state at now. 0 or -1 with *cause. */
int digest_stats_build(const struct config *cfg, struct store *st, int64_t now,
    const char *week, struct digest_stats *ds, char **cause);
void digest_stats_clear(struct digest_stats *ds);
/* Per mille of ok criteria among checked units' (now or a week ago); -1 if none checked. */
int digest_share(const struct digest_stats *ds, bool then);

/* notify-digest-letter.c: the letter to the secretariat, and the stats JSON (caller frees). */
void digest_letter(const struct config *cfg, const struct digest_stats *ds,
    struct letter *out);
char *digest_stats_json(const struct digest_stats *ds);

#endif

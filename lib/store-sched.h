/* store-sched.h: what the daemon's scheduler keeps in the database (SQL in store-sched.c). */
#ifndef TCTT_STORE_SCHED_H
#define TCTT_STORE_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* A configured (not archived) unit as the scheduler sees it. */
struct sched_row {
	char		*id;
	int64_t		 next_check_at;	/* 0 when none was stored */
	int64_t		 last_checked_at; /* end of its latest pass, 0 if never */
};

/* Pass rows younger than this are kept; older ones are pruned daily. */
#define STORE_PASS_KEEP	(90 * 86400)

/* The configured units, sorted by ID. Caller frees with sched_rows_free. */
int store_sched_load(struct store *st, struct sched_row **out, size_t *n,
    char **cause);
void sched_rows_free(struct sched_row *rows, size_t n);
/* Remember when a unit's next regular check is due. */
int store_set_next_check(struct store *st, const char *unit_id, int64_t at,
    char **cause);
/*
 * Delete pass rows that ended before before, except each unit's latest
 * (current state comes from it; trends come from verdict stretches).
 * Returns the number of rows deleted, or -1 with *cause.
 */
int store_prune_passes(struct store *st, int64_t before, char **cause);

/*
 * Keep the -wal and -shm files when the writer closes the database, so that
 * a reader on a read-only mount (tctt-dashboard.service) can still open it.
 */
int store_keep_wal(struct store *st, char **cause);

#endif

/*
 * store.h: the SQLite database both binaries share. All SQL lives in
 * store*.c; other modules see only these types and functions.
 */
#ifndef TCTT_STORE_H
#define TCTT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "criteria.h"

struct config;
struct store;

#define STORE_SCHEMA_VERSION 4

/* One criterion's verdict with its evidence. All strings owned, may be NULL. */
struct verdict {
	enum status	 status;
	char		*url;		/* evidence document or page */
	char		*date;		/* evidence date, YYYY-MM-DD */
	char		*note;		/* why, in Vietnamese */
	char		*sha256;	/* of the evidence document, hex */
	int64_t		 since;		/* when the status last changed (set by the store) */
};

/* What one pass over one unit found. */
struct pass_result {
	int64_t		 started_at;
	int64_t		 finished_at;
	bool		 reachable;
	int		 pages;
	int64_t		 bytes;
	int		 errors;
	crit_set	 counted;	/* [rules] criteria: those the score counts; 0 all */
	struct verdict	 v[CRIT_COUNT];
};

/* A manual verdict in force (store-corr.c); status ST_NOT_CHECKED when none. Strings owned. */
struct manual_verdict {
	enum status	 status;
	char		*by;
	char		*reason;
	char		*until;		/* YYYY-MM-DD, the last day in force */
	int64_t		 at;
};

/* A unit and its current verdicts, as exports, pages and notices show it. */
struct unit_state {
	char		*id;
	char		*name;
	char		*kind;
	char		*url;
	char		*email;		/* NULL when none */
	int64_t		 archived_at;	/* 0 while in the configuration */
	int64_t		 checked_at;	/* 0 when never checked */
	bool		 reachable;
	int		 score;		/* share of ok criteria, 0-100 */
	crit_set	 counted;	/* the criteria that score counted (older passes: the five) */
	struct verdict	 v[CRIT_COUNT];	/* ST_NOT_CHECKED when never checked; a manual verdict's status when one is in force */
	enum status	 auto_status[CRIT_COUNT];	/* the crawler's, whatever a manual verdict says */
	struct manual_verdict manual[CRIT_COUNT];
};

/* One stretch of time during which a criterion's verdict did not change. */
struct history_entry {
	enum criterion	 crit;
	struct verdict	 v;
	int64_t		 first_seen;
	int64_t		 last_seen;
};

/* Cached HTTP validators and what was extracted from one URL. */
struct fetch_state {
	char		*etag;
	char		*last_modified;
	char		*content_hash;
	void		*extracted;	/* opaque to the store */
	size_t		 extracted_len;
	int		 status;	/* HTTP status of the last fetch */
	int64_t		 fetched_at;
};

#define STORE_READONLY	0x1

/*
 * Open (creating and migrating unless STORE_READONLY) the database at path.
 * Returns 0, or -1 with *cause (caller frees).
 */
int store_open(const char *path, int flags, struct store **out, char **cause);
void store_close(struct store *st);
/*
 * From now on, checkpoint st's WAL on a thread of its own (store-ckpt.c),
 * not inside the commit that fills it, on the caller's thread (tcttd's event
 * loop); store_close stops it. When the thread cannot be had, a warning says
 * so and SQLite checkpoints in the commits as before.
 */
void store_checkpoint_apart(struct store *st);
/* Stop that thread (SQLite checkpoints in the commits again); store_close does. */
void store_checkpoint_stop(struct store *st);
/* Wait until the thread has run n checkpoints; how many it has (0 without the thread). */
unsigned long store_checkpoints_wait(struct store *st, unsigned long n);
/* The schema version found in the file (after migration). */
int store_schema_version(struct store *st);

/* Make the unit table match cfg: add and update units, archive removed ones. */
int store_sync_units(struct store *st, const struct config *cfg, int64_t now,
    char **cause);

/*
 * Record one pass over a unit in one transaction. A verdict identical to the
 * current one only moves its last_seen; a changed one adds a history row.
 * The since of each verdict in pr is set.
 */
int store_save_pass(struct store *st, const char *unit_id,
    struct pass_result *pr, char **cause);

/* Units with current verdicts, sorted by ID. Caller frees with unit_states_free. */
int store_units(struct store *st, bool include_archived,
    struct unit_state **out, size_t *n, char **cause);
/* One unit (also archived); returns 1 found, 0 absent, -1 error. */
int store_unit(struct store *st, const char *id, struct unit_state *out,
    char **cause);
void unit_state_clear(struct unit_state *u);
void unit_states_free(struct unit_state *u, size_t n);

/* A unit's history, newest first. Caller frees with history_free. */
int store_history(struct store *st, const char *unit_id,
    struct history_entry **out, size_t *n, char **cause);
void history_free(struct history_entry *h, size_t n);

/* Returns 1 and fills out (caller frees with fetch_state_clear), 0 if none, -1 on error. */
int store_get_fetch_state(struct store *st, const char *url,
    struct fetch_state *out, char **cause);
/*
 * The validators of url when an extraction is cached for it (what a
 * conditional request needs, without the blob): 1 and *etag,
 * *last_modified (caller frees, may be NULL), 0 if none, -1 on error.
 */
int store_get_validators(struct store *st, const char *url, char **etag,
    char **last_modified, char **cause);
int store_put_fetch_state(struct store *st, const char *unit_id,
    const char *url, const struct fetch_state *fs, char **cause);
/*
 * n fetch states of unit_id (urls[i]'s is fs[i]) in one transaction: all or
 * none, and one commit instead of n.
 */
int store_put_fetch_states(struct store *st, const char *unit_id,
    char *const *urls, const struct fetch_state *fs, size_t n, char **cause);
void fetch_state_clear(struct fetch_state *fs);

void verdict_clear(struct verdict *v);
void manual_verdict_clear(struct manual_verdict *m);
/* Deep copy; dst is overwritten, not freed. */
void verdict_copy(struct verdict *dst, const struct verdict *src);
/* Share of ok verdicts among the criteria of counted (0: all), 0-100. */
int verdicts_score(const struct verdict v[CRIT_COUNT], crit_set counted);

#endif

/*
 * store-corr.h: the secretariat's corrections in the database: re-check
 * requests, hints, manual verdicts, yearly statistics, the append-only audit
 * log and the evidence archive. The dashboard writes through the corr_*
 * functions only, each in one transaction with its audit row; everything else
 * here is read by both binaries or written by the daemon.
 */
#ifndef TCTT_STORE_CORR_H
#define TCTT_STORE_CORR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Who acts, from where, on what: one audit row. Borrowed strings, NULL when not relevant. */
struct corr_who {
	const char	*user;
	const char	*client;	/* the peer's address */
	const char	*action;	/* recheck, hint, verdict, revoke, stats */
	const char	*unit_id;
	const char	*criterion;
	const char	*reason;
};

/* One unit's yearly figures on requests for information (the letter's point 5). */
struct yearly_stats {
	char		*unit_id;	/* owned; NULL when read for one unit */
	int		 year;
	int64_t		 received;
	int64_t		 provided_full;
	int64_t		 provided_part;
	int64_t		 refused;
	int64_t		 transferred;
	int64_t		 overdue;
	int64_t		 updated_at;
	char		*updated_by;	/* owned */
};

/* One audit row; strings owned, may be NULL. */
struct audit_row {
	int64_t		 id;
	int64_t		 at;
	char		*user;
	char		*client;
	char		*action;
	char		*outcome;	/* done | refused */
	char		*unit_id;
	char		*criterion;
	char		*old_value;
	char		*new_value;
	char		*reason;
};

/* One hint; strings owned. */
struct hint_row {
	int64_t		 id;
	char		*criterion;
	char		*url;
	char		*note;
	char		*by;
	int64_t		 at;
};

/*
 * The dashboard's one writing connection: read-write on an existing database
 * at the current schema (tcttd creates and migrates it). 0, or -1 with *cause.
 */
int corr_open(const char *path, struct store **out, char **cause);
/* The secret that signs form tokens (hex, caller frees); -1 with *cause. */
int corr_secret(struct store *st, char **hex, char **cause);

/* Record a refused action (outcome "refused", new_value what was asked). */
int corr_refused(struct store *st, const struct corr_who *w, const char *asked,
    int64_t now, char **cause);
/* Queue a re-check of w->unit_id. */
int corr_recheck(struct store *st, const struct corr_who *w, int64_t now, char **cause);
/* Add a hint for w->criterion of w->unit_id. */
int corr_hint(struct store *st, const struct corr_who *w, const char *url,
    const char *note, int64_t now, char **cause);
/* Set a manual verdict in force through until (YYYY-MM-DD), replacing one in force. */
int corr_verdict(struct store *st, const struct corr_who *w, enum status status,
    const char *until, int64_t now, char **cause);
/* Revoke the manual verdict in force; 1 done, 0 none in force (nothing written), -1 error. */
int corr_revoke(struct store *st, const struct corr_who *w, int64_t now, char **cause);
/* Set one unit's figures for ys->year (updated_at and updated_by are set here). */
int corr_stats(struct store *st, const struct corr_who *w,
    const struct yearly_stats *ys, int64_t now, char **cause);

/* Reads. Newest audit rows first, of one unit or all; caller frees with audit_rows_free. */
int store_audit(struct store *st, const char *unit_id, int limit,
    struct audit_row **out, size_t *n, char **cause);
void audit_rows_free(struct audit_row *r, size_t n);
/* A unit's hints, oldest first; caller frees with hint_rows_free. */
int store_hints(struct store *st, const char *unit_id, struct hint_row **out,
    size_t *n, char **cause);
void hint_rows_free(struct hint_row *r, size_t n);
/* A unit's yearly figures, newest year first; caller frees with yearly_stats_free. */
int store_yearly_stats(struct store *st, const char *unit_id,
    struct yearly_stats **out, size_t *n, char **cause);
void yearly_stats_free(struct yearly_stats *y, size_t n);
/* 1 when a re-check of unit_id is asked for and not done yet, 0 if not, -1 error. */
int store_recheck_pending(struct store *st, const char *unit_id, char **cause);

/* The daemon's side. Units with a re-check not yet done (caller frees each and the array). */
int store_recheck_waiting(struct store *st, char ***ids, size_t *n, char **cause);
/* A pass started for unit_id's waiting requests (picked) or ended (done). */
int store_recheck_mark(struct store *st, const char *unit_id, bool done,
    int64_t now, char **cause);

/* The evidence archive: keep body (len bytes) under its sha256 (hex), compressed, once; body NULL: only mark it seen. */
int store_archive_put(struct store *st, const char *sha256, const char *ctype,
    const void *body, size_t len, int64_t now, char **cause);
/* 1 and the exact bytes (caller frees) and content type (caller frees, may be NULL), 0 unknown, -1 error. */
int store_archive_get(struct store *st, const char *sha256, char **ctype,
    void **body, size_t *len, char **cause);
/* 1 when sha256 is archived, 0 if not, -1 error. */
int store_archive_has(struct store *st, const char *sha256, char **cause);
/* Drop bodies last seen before before; how many in *dropped. */
int store_archive_prune(struct store *st, int64_t before, int64_t *dropped,
    char **cause);
/* Bytes the archive holds (compressed), for the benchmark. */
int store_archive_bytes(struct store *st, int64_t *bytes, char **cause);

#endif

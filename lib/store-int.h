/* store-int.h: what the store*.c files share; no other module includes it. */
#ifndef TCTT_STORE_INT_H
#define TCTT_STORE_INT_H

#include <stdbool.h>

#include <sqlite3.h>

#include "store.h"

#define STORE_MAX_STMTS 128
/* How long one statement waits for another process's lock, and how often it tries. */
#define STORE_BUSY_MS	5000
#define STORE_BUSY_TRIES 3

struct store {
	sqlite3		*db;
	char		*path;
	bool		 readonly;
	int		 version;
	struct {
		const char	*sql;	/* a string literal, compared by address */
		sqlite3_stmt	*stmt;
	} stmts[STORE_MAX_STMTS];
	int		 nstmts;
	struct store_ckpt *ckpt;	/* the checkpoint thread (store-ckpt.c), or NULL */
};

/*
 * The prepared statement for sql (a string literal), reset and unbound;
 * NULL with *cause set when it cannot be prepared. Borrowed.
 */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, char **cause);
/* Run SQL without results; 0 or -1 with *cause. */
int store_exec(struct store *st, const char *sql, char **cause);
/* *cause = "what: sqlite's message"; returns -1. */
int store_fail(struct store *st, const char *what, char **cause);
/* Bind text or NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *text);
/* Column text copied (caller frees), NULL stays NULL. */
char *store_col_text(sqlite3_stmt *s, int i);
/*
 * Step the bound statement s to its end, each row read by read_row into a
 * new zeroed element of size bytes; s is reset. Returns the array (NULL when
 * no row) with its length in *n, also when a step failed (*failed), for the
 * caller to free.
 */
/*
 * A yearly_stats from the columns year, received, provided_full,
 * provided_part, refused, transferred, overdue, updated_at, updated_by, in
 * this order (and unit_id tenth, when the query has it).
 */
void store_read_stats(sqlite3_stmt *s, void *elem);
void *store_read_rows(sqlite3_stmt *s, size_t size,
    void (*read_row)(sqlite3_stmt *, void *), size_t *n, bool *failed);
/*
 * Reset every statement still holding a read (but keep): a connection must
 * never sit on an old snapshot, or another process's write locks it out.
 */
void store_release(struct store *st, sqlite3_stmt *keep);
/* sqlite3_step for a write outside a transaction, tried again on "database is locked". */
int store_step_write(struct store *st, sqlite3_stmt *s);
/* BEGIN IMMEDIATE; waits for and retries another process's lock. */
int store_begin(struct store *st, char **cause);
int store_commit(struct store *st, char **cause);
void store_rollback(struct store *st);

/*
 * store-corr.c: put the manual verdicts in force today over the crawler's in
 * list (count units, in ID order; only unit id when not NULL), keeping the
 * crawler's status in auto_status and scoring again. Within the read transaction.
 */
int store_apply_manual(struct store *st, struct unit_state *list, size_t count,
    const char *id, char **cause);

#endif

/*
 * store-ckpt.c: WAL checkpoints on a thread of their own. SQLite runs a
 * checkpoint inside the commit that makes the WAL long: it copies the WAL's
 * pages into the database file and syncs both, on tcttd's event loop. Here
 * that commit only wakes a thread, which checkpoints through a connection
 * of its own (SQLite's "checkpoint in a separate thread"); the loop goes on.
 * Crash safety is the WAL's own: a checkpoint may stop anywhere.
 */
#include "store-int.h"

#include <pthread.h>
#include <stdlib.h>

#include "log.h"
#include "xmalloc.h"

/* WAL pages past which a commit wakes the thread (SQLite's default for its own checkpoints). */
#define CKPT_PAGES	1000

struct store_ckpt {
	sqlite3		*db;		/* the thread's own connection */
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	bool		 wanted;	/* under mu */
	bool		 stop;		/* under mu */
	unsigned long	 done;		/* checkpoints run, under mu */
};

/* After each commit of the store's connection, on its thread: wake the checkpointer. */
static int
ckpt_hook_cb(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store_ckpt *c = arg;

	(void)db;
	(void)name;
	if (pages < CKPT_PAGES)
		return SQLITE_OK;
	pthread_mutex_lock(&c->mu);
	c->wanted = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return SQLITE_OK;
}

static void *
ckpt_main(void *arg)
{
	struct store_ckpt *c = arg;
	int rc;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->wanted && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->stop)
			break;
		c->wanted = false;
		pthread_mutex_unlock(&c->mu);
		/*
		 * PASSIVE: it never waits for readers or the writer, and copies
		 * what it can; the next commit wakes it again for the rest.
		 */
		rc = sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		/* Busy: another process checkpoints meanwhile, which is as good. */
		if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
			log_warnx("checkpoint: %s", sqlite3_errstr(rc));
		pthread_mutex_lock(&c->mu);
		c->done++;
		pthread_cond_broadcast(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

void
store_checkpoint_apart(struct store *st)
{
	struct store_ckpt *c;
	sqlite3_stmt *s;
	int limit = -1;

	if (st->ckpt != NULL || st->readonly)
		return;
	c = xcalloc(1, sizeof *c);
	/*
	 * A read first: a connection knows the file is in WAL mode once it has
	 * read it. This thread only saves the loop time: when it cannot be had,
	 * SQLite goes on checkpointing inside the commits, as without it.
	 */
	if (sqlite3_open_v2(st->path, &c->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(c->db, STORE_BUSY_MS) != SQLITE_OK ||
	    sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_master", NULL, NULL,
	    NULL) != SQLITE_OK) {
		log_warnx("%s: no checkpoint thread (checkpoints stay in the commits): %s",
		    st->path, sqlite3_errmsg(c->db));
		sqlite3_close(c->db);
		free(c);
		return;
	}
	/* The WAL is cut back as the store's own connection would (store_keep_wal). */
	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_size_limit", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		limit = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (limit >= 0) {
		char *sql = xasprintf("PRAGMA journal_size_limit = %d", limit);

		sqlite3_exec(c->db, sql, NULL, NULL, NULL);
		free(sql);
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
		log_warnx("%s: no checkpoint thread (checkpoints stay in the commits): "
		    "cannot start it", st->path);
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		sqlite3_close(c->db);
		free(c);
		return;
	}
	/* Replaces SQLite's checkpoint inside the commit (sqlite3_wal_autocheckpoint). */
	sqlite3_wal_hook(st->db, ckpt_hook_cb, c);
	st->ckpt = c;
}

unsigned long
store_checkpoints_wait(struct store *st, unsigned long n)
{
	struct store_ckpt *c = st->ckpt;
	unsigned long done;

	if (c == NULL)
		return 0;
	pthread_mutex_lock(&c->mu);
	while (c->done < n)
		pthread_cond_wait(&c->cv, &c->mu);
	done = c->done;
	pthread_mutex_unlock(&c->mu);
	return done;
}

void
store_checkpoint_stop(struct store *st)
{
	struct store_ckpt *c = st->ckpt;

	if (c == NULL)
		return;
	sqlite3_wal_autocheckpoint(st->db, CKPT_PAGES);	/* SQLite's own again */
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	sqlite3_close(c->db);
	free(c);
	st->ckpt = NULL;
}

/* store-sched.c: the scheduler's columns and the pruning of old pass rows. */
#include "store-int.h"

#include <stdlib.h>
#include <string.h>

#include "store-sched.h"
#include "xmalloc.h"

int
store_sched_load(struct store *st, struct sched_row **out, size_t *n,
    char **cause)
{
	static const char sql[] =
	    "SELECT u.id, u.next_check_at,"
	    " (SELECT MAX(finished_at) FROM pass WHERE unit_id = u.id)"
	    " FROM unit u WHERE u.archived_at IS NULL ORDER BY u.id";
	struct sched_row *rows = NULL;
	size_t count = 0;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows = xreallocarray(rows, count + 1, sizeof *rows);
		rows[count].id = store_col_text(s, 0);
		rows[count].next_check_at = sqlite3_column_int64(s, 1);
		rows[count].last_checked_at = sqlite3_column_int64(s, 2);
		count++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		sched_rows_free(rows, count);
		return store_fail(st, "read schedule", cause);
	}
	*out = rows;
	*n = count;
	return 0;
}

void
sched_rows_free(struct sched_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].id);
	free(rows);
}

int
store_set_next_check(struct store *st, const char *unit_id, int64_t at,
    char **cause)
{
	static const char sql[] = "UPDATE unit SET next_check_at = ?2 WHERE id = ?1";
	sqlite3_stmt *s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, unit_id);
	sqlite3_bind_int64(s, 2, at);
	if (store_step_write(st, s) != SQLITE_DONE)
		return store_fail(st, "save next check", cause);
	return 0;
}

int
store_prune_passes(struct store *st, int64_t before, char **cause)
{
	static const char sql[] =
	    "DELETE FROM pass WHERE finished_at < ?1 AND id <>"
	    " (SELECT p.id FROM pass p WHERE p.unit_id = pass.unit_id"
	    "  ORDER BY p.finished_at DESC, p.id DESC LIMIT 1)";
	sqlite3_stmt *s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, before);
	if (store_step_write(st, s) != SQLITE_DONE)
		return store_fail(st, "prune passes", cause);
	return sqlite3_changes(st->db);
}

int
store_keep_wal(struct store *st, char **cause)
{
	int on = 1;

	if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL,
	    &on) != SQLITE_OK)
		return store_fail(st, "keep the WAL files", cause);
	/* A kept WAL is cut back to 1 MB after each checkpoint. */
	return store_exec(st, "PRAGMA journal_size_limit = 1048576", cause);
}

/* store-report.c: the SQL of the reports (the yearly statistics of requests). */
#include "store-int.h"
#include "store-report.h"
#include "store-corr.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

int
store_report_stats(struct store *st, int year, struct yearly_stats **out,
    size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT unit_id, received, provided_full, provided_part, refused,"
	    " transferred, overdue, updated_at, updated_by FROM yearly_stats"
	    " WHERE year = ?1 ORDER BY unit_id";
	struct yearly_stats *list = NULL;
	size_t count = 0;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, year);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct yearly_stats *r;

		list = xreallocarray(list, count + 1, sizeof *list);
		r = &list[count++];
		memset(r, 0, sizeof *r);
		r->unit_id = store_col_text(s, 0);
		r->year = year;
		r->received = sqlite3_column_int64(s, 1);
		r->provided_full = sqlite3_column_int64(s, 2);
		r->provided_part = sqlite3_column_int64(s, 3);
		r->refused = sqlite3_column_int64(s, 4);
		r->transferred = sqlite3_column_int64(s, 5);
		r->overdue = sqlite3_column_int64(s, 6);
		r->updated_at = sqlite3_column_int64(s, 7);
		r->updated_by = store_col_text(s, 8);
		if (r->unit_id == NULL)
			r->unit_id = xstrdup("");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		yearly_stats_free(list, count);
		return store_fail(st, "read yearly statistics", cause);
	}
	*out = list;
	*n = count;
	return 0;
}

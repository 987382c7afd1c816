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
	    "SELECT year, received, provided_full, provided_part, refused,"
	    " transferred, overdue, updated_at, updated_by, unit_id FROM yearly_stats"
	    " WHERE year = ?1 ORDER BY unit_id";
	sqlite3_stmt *s;
	bool failed;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, year);
	*out = store_read_rows(s, sizeof **out, store_read_stats, n, &failed);
	if (failed) {
		yearly_stats_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, "read yearly statistics", cause);
	}
	for (size_t i = 0; i < *n; i++)
		if ((*out)[i].unit_id == NULL)
			(*out)[i].unit_id = xstrdup("");
	return 0;
}

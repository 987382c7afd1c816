/*
 * health.h: the daemon's word on its own store, for the dashboard's
 * /healthz. The dashboard only reads the database, so it cannot see that
 * the daemon's writes fail; the daemon says so in a small file beside the
 * database (DATABASE.health), which the dashboard reads.
 */
#ifndef TCTT_HEALTH_H
#define TCTT_HEALTH_H

#include <stddef.h>

#define HEALTH_SIZE	1024	/* the file's fixed size: rewritten in place, even on a full disk */

struct health;

/* Create (or take over) database's health file saying "ok"; NULL with *cause on failure. */
struct health *health_open(const char *database, char **cause);
/* Say text ("store failing since ..."), or "ok" when text is NULL; -1 with errno on failure. */
int health_set(struct health *h, const char *text);
void health_close(struct health *h);
/*
 * What the daemon last said for database: NULL when all is well or nothing
 * was said (no daemon yet, an old one), else the failure (caller frees).
 */
char *health_failure(const char *database);

#endif

/* TEMPORARY: delete when daemon/notify.h lands (TODO: the real reminder and digest hooks). */
/* notify-hooks.c: weak do-nothing stand-ins for the notify.h functions. */
#include "notify-hooks.h"

#define WEAK __attribute__((weak))

WEAK int
notify_round(const struct config *cfg, struct store *st, int64_t now,
    char **cause)
{
	(void)cfg;
	(void)st;
	(void)now;
	(void)cause;
	return 0;
}

WEAK int
notices_flush(const struct config *cfg, struct store *st, int64_t now,
    char **cause)
{
	(void)cfg;
	(void)st;
	(void)now;
	(void)cause;
	return 0;
}

WEAK int
digest_due(const struct config *cfg, struct store *st, int64_t now)
{
	(void)cfg;
	(void)st;
	(void)now;
	return 0;
}

WEAK int
digest_run(const struct config *cfg, struct store *st, int64_t now,
    char **cause)
{
	(void)cfg;
	(void)st;
	(void)now;
	(void)cause;
	return 0;
}

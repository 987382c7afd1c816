/* pass.c: one pass over the units (crawl, judge, store). */
#include "config.h"
#include "log.h"
#include "tcttd.h"

int
tcttd_once(const struct config *cfg, const char *unit_id)
{
	(void)cfg;
	(void)unit_id;
	log_errx("--once is not implemented yet");
	return 1;
}

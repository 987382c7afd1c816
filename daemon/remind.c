/* remind.c: reminder notices to lagging units. */
#include "config.h"
#include "log.h"
#include "tcttd.h"

int
tcttd_remind(const struct config *cfg, bool dry_run)
{
	(void)cfg;
	(void)dry_run;
	log_errx("--remind is not implemented yet");
	return 1;
}

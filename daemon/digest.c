/* digest.c: the weekly digest for the secretariat. */
#include "config.h"
#include "log.h"
#include "tcttd.h"

int
tcttd_digest(const struct config *cfg, bool dry_run)
{
	(void)cfg;
	(void)dry_run;
	log_errx("--digest is not implemented yet");
	return 1;
}

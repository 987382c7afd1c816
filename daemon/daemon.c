/* daemon.c: the long-running scheduler loop. */
#include "config.h"
#include "log.h"
#include "tcttd.h"

int
tcttd_serve(const char *config_path, struct config *cfg)
{
	(void)config_path;
	config_free(cfg);
	log_errx("daemon mode is not implemented yet");
	return 1;
}

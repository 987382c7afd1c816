/* server.c: the evhttp server and its routes. */
#include "config.h"
#include "dashboard.h"
#include "log.h"

int
dashboard_serve(const struct config *cfg, const char *listen)
{
	(void)cfg;
	(void)listen;
	log_errx("serving is not implemented yet");
	return 1;
}

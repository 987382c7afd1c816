/* dashboard.h: the dashboard's parts; main.c picks one. */
#ifndef TCTT_DASHBOARD_H
#define TCTT_DASHBOARD_H

struct config;

/* server.c: serve HTTP on listen (ADDR:PORT) until SIGTERM; exit status. */
int dashboard_serve(const struct config *cfg, const char *listen);

#endif

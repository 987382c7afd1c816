/* tcttd.h: the daemon's modes, each in its own file; main.c picks one. */
#ifndef TCTT_TCTTD_H
#define TCTT_TCTTD_H

#include <stdbool.h>

struct config;

/* Each returns the process exit status: 0 success, 1 runtime failure. */

/* once.c: one full pass over all units, or only unit_id when not NULL. */
int tcttd_once(const struct config *cfg, const char *unit_id);
/* notify-remind.c: one reminder round now; dry_run prints instead of sending. */
int tcttd_remind(const struct config *cfg, bool dry_run);
/* notify-digest.c: build and send this week's digest now. */
int tcttd_digest(const struct config *cfg, bool dry_run);
/* report.c: the yearly report of year as .docx, into out_path (NULL: stdout). */
int tcttd_report(const struct config *cfg, int year, const char *out_path);
/* daemon.c: run the scheduler loop until SIGTERM; takes ownership of cfg. */
int tcttd_serve(const char *config_path, struct config *cfg);

#endif

/* daemon.h: the scheduler loop, with a seam through which tests replace the pass. */
#ifndef TCTT_DAEMON_H
#define TCTT_DAEMON_H

#include <stdint.h>

#include "pass.h"

struct config;
struct event_base;
struct fetcher;
struct store;
struct unit_conf;
struct worker;

/*
 * How the loop checks one unit. start returns a handle for cancel; cb runs
 * exactly once, later, from the loop (never from within start), unless the
 * pass is cancelled. Everything passed is borrowed until cb or cancel.
 */
struct daemon_ops {
	void	*(*start)(struct event_base *base, struct fetcher *f,
		    struct worker *w, struct store *st, const struct config *cfg,
		    const struct unit_conf *unit, int64_t now, pass_done_cb cb,
		    void *arg);
	void	 (*cancel)(void *pass);
};

/* pass_start and pass_cancel. */
extern const struct daemon_ops daemon_default_ops;

/*
 * Run the loop until SIGTERM or SIGINT; takes ownership of cfg, which SIGHUP
 * replaces by a fresh read of config_path. Returns the exit status.
 */
int daemon_run(const char *config_path, struct config *cfg,
    const struct daemon_ops *ops);

#endif

/*
 * daemon.c: the long-running loop. One libevent base carries the passes (and
 * the fetcher under them), the schedule timer, signals (SIGHUP reload,
 * SIGTERM/SIGINT stop), systemd's watchdog, the reminder and digest rounds
 * and the daily pruning of old pass rows.
 *
 * Everything runs on this one thread but a page's extraction (worker.h,
 * which calls back on the loop): a pass writes its results in one
 * transaction from a loop callback, so when a signal's callback runs no write
 * is under way, and stopping only has to cancel the passes still crawling.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "clock.h"
#include "config.h"
#include "daemon.h"
#include "fetch.h"
#include "health.h"
#include "log.h"
#include "mailer.h"
#include "notify.h"
#include "requests.h"
#include "schedule.h"
#include "sdnotify.h"
#include "store-corr.h"
#include "store-sched.h"
#include "store.h"
#include "tcttd.h"
#include "worker.h"
#include "xmalloc.h"

#define NOTIFY_FIRST	30		/* seconds after start of the first reminder round */
#define NOTIFY_EVERY	3600		/* then hourly: rounds are idempotent */
#define PRUNE_FIRST	60
#define PRUNE_EVERY	86400
#define TIMER_MAX	600		/* re-check the schedule at least this often */

struct daemon;

/* One configured unit: its schedule and the pass in flight, if any. */
struct run {
	struct daemon		*d;
	size_t			 idx;
	const struct unit_conf	*conf;		/* borrowed from d->cfg */
	void			*pass;		/* in flight, or NULL */
	int64_t			 started;
	bool			 recheck;	/* due because the secretariat asked */
};

struct daemon {
	struct event_base	*base;
	const struct daemon_ops	*ops;
	char			*config_path;
	struct config		*cfg;
	struct store		*st;
	struct fetcher		*fetcher;
	struct worker		*worker;	/* processes the pages fetched */
	struct mailer		*mailer;	/* notices, delivered off the loop */
	struct health		*health;	/* the store's state, for the dashboard's /healthz */

	struct sched_unit	*su;		/* n of them, parallel to runs */
	struct run		*runs;
	size_t			 n;
	size_t			 running;
	size_t			 max_passes;
	uint64_t		 passes;	/* finished since start */

	struct event		*ev_sched;
	struct event		*ev_watchdog;
	struct event		*ev_notify;
	struct event		*ev_digest;
	struct event		*ev_prune;
	struct event		*ev_sig[3];
	struct requests		*requests;	/* the secretariat's re-checks */
	struct timeval		 watchdog_tv;
	struct notify_sched	 nsched;	/* notify_tick's memory */
	bool			 stopping;
	int64_t			 last_tick;	/* when the schedule last ran */
	unsigned		 store_failures;	/* passes not stored in a row */
	int64_t			 store_failing_since;

	bool			 fixed_clock;	/* TCTT_NOW set: now0 + elapsed */
	int64_t			 now0;
	struct timespec		 mono0;
};

static void daemon_schedule_soon(struct daemon *d);

/* The daemon's notion of now: the wall clock, or TCTT_NOW advanced by elapsed time. */
static int64_t
daemon_now(const struct daemon *d)
{
	struct timespec ts;

	if (!d->fixed_clock)
		return clock_now();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return d->now0 + (int64_t)(ts.tv_sec - d->mono0.tv_sec);
}

/* Arm ev for secs seconds from now. */
static void
arm(struct event *ev, int64_t secs)
{
	struct timeval tv;

	if (secs < 0)
		secs = 0;
	tv.tv_sec = (time_t)secs;
	tv.tv_usec = 0;
	evtimer_add(ev, &tv);
}

/* Log every line of a multi-line cause at error priority, then free it. */
static void
log_cause(const char *what, char *cause)
{
	char *line, *save = NULL;

	for (line = strtok_r(cause, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		log_errx("%s: %s", what, line);
	free(cause);
}

/* Tell systemd (and the journal, at debug) what the loop is doing. */
static void
daemon_status(struct daemon *d)
{
	int64_t now = daemon_now(d), next = 0;
	size_t waiting = 0;
	char when[40];

	for (size_t i = 0; i < d->n; i++) {
		if (d->su[i].running)
			continue;
		if (d->su[i].due <= now)
			waiting++;
		if (next == 0 || d->su[i].due < next)
			next = d->su[i].due;
	}
	/* A store that refuses every write must not look healthy. */
	if (d->store_failures > 0)
		sdn_status("store failing: %u passes in a row not stored since %s"
		    " (see the journal); %zu/%zu units checking",
		    d->store_failures, clock_iso8601(d->store_failing_since, when,
		    sizeof when), d->running, d->n);
	else if (d->running > 0)
		sdn_status("checking %zu/%zu units, %zu waiting; %llu passes since start",
		    d->running, d->n, waiting, (unsigned long long)d->passes);
	else if (next != 0)
		sdn_status("idle: %zu units, next check %s; %llu passes since start",
		    d->n, clock_iso8601(next, when, sizeof when),
		    (unsigned long long)d->passes);
	else
		sdn_status("idle: no units configured");
}

/* Say in the health file whether passes are being stored (health.h). */
static void
daemon_health(struct daemon *d)
{
	char when[40], *text = NULL;

	if (d->health == NULL)
		return;
	if (d->store_failures > 0)
		text = xasprintf("%u passes in a row not stored since %s (see the journal)",
		    d->store_failures, clock_iso8601(d->store_failing_since, when,
		    sizeof when));
	if (health_set(d->health, text) == -1)
		log_warn("cannot write the health file");
	free(text);
}

/* Persist the slots sched_plan changed. */
static void
daemon_save_slots(struct daemon *d)
{
	char *cause;

	for (size_t i = 0; i < d->n; i++) {
		if (!d->su[i].dirty)
			continue;
		if (store_set_next_check(d->st, d->su[i].id, d->su[i].next,
		    &cause) == -1)
			log_cause("schedule", cause);
		d->su[i].dirty = false;
	}
}

/* Free the unit arrays (no pass may be in flight). */
static void
daemon_clear_units(struct daemon *d)
{
	free(d->su);
	free(d->runs);
	d->su = NULL;
	d->runs = NULL;
	d->n = 0;
}

/* What a unit's schedule keeps across a reload even when no pass was stored. */
struct carry {
	char	*id;
	int64_t	 last;
};

/* Remember when each unit was last checked; caller frees with carry_free. */
static struct carry *
carry_save(const struct daemon *d, size_t *n)
{
	struct carry *c = xcalloc(d->n > 0 ? d->n : 1, sizeof *c);

	for (size_t i = 0; i < d->n; i++) {
		c[i].id = xstrdup(d->su[i].id);
		c[i].last = d->su[i].last;
	}
	*n = d->n;
	return c;
}

/* Free what carry_save returned. */
static void
carry_free(struct carry *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].id);
	free(c);
}

/*
 * Read the configured units' schedule from the store and plan it; carry
 * (borrowed, may be NULL) holds what the loop knew before a reload.
 */
static int
daemon_load_units(struct daemon *d, const struct carry *carry, size_t ncarry,
    char **cause)
{
	struct sched_row *rows;
	size_t n, k = 0, overdue;

	if (store_sched_load(d->st, &rows, &n, cause) == -1)
		return -1;
	daemon_clear_units(d);
	d->su = xcalloc(n > 0 ? n : 1, sizeof *d->su);
	d->runs = xcalloc(n > 0 ? n : 1, sizeof *d->runs);
	for (size_t i = 0; i < n; i++) {
		const struct unit_conf *uc = config_unit(d->cfg, rows[i].id);

		if (uc == NULL)
			continue;	/* not synced: cannot happen after store_sync_units */
		d->su[k].id = uc->id;
		d->su[k].next = rows[i].next_check_at;
		d->su[k].last = rows[i].last_checked_at;
		for (size_t j = 0; j < ncarry; j++)
			if (strcmp(carry[j].id, uc->id) == 0 &&
			    carry[j].last > d->su[k].last)
				d->su[k].last = carry[j].last;
		d->runs[k].d = d;
		d->runs[k].idx = k;
		d->runs[k].conf = uc;
		k++;
	}
	sched_rows_free(rows, n);
	d->n = k;
	d->max_passes = sched_max_passes(d->cfg->concurrency, d->cfg->per_host);
	overdue = sched_plan(d->su, d->n, daemon_now(d), d->cfg->interval);
	daemon_save_slots(d);
	if (overdue > 0)
		log_info("%zu of %zu units overdue or never checked: catching up, "
		    "%zu at a time", overdue, d->n, d->max_passes);
	return 0;
}

/* A pass ended: record the unit's next slot and let the schedule go on. */
static void
daemon_pass_done_cb(const char *unit_id, const struct pass_result *pr,
    int save_rc, void *arg)
{
	struct run *r = arg;
	struct daemon *d = r->d;
	struct sched_unit *u = &d->su[r->idx];
	int64_t now = daemon_now(d);
	char *cause;

	r->pass = NULL;
	u->running = false;
	d->running--;
	d->passes++;
	u->last = now;
	u->next = sched_next_slot(u->next, now, d->cfg->interval);
	u->due = u->next + sched_jitter(u->id, u->next, d->cfg->interval, d->n);
	if (store_set_next_check(d->st, u->id, u->next, &cause) == -1)
		log_cause("schedule", cause);
	if (r->recheck && save_rc == 0)
		requests_done(d->requests, unit_id);
	r->recheck = false;
	if (save_rc != 0) {
		if (d->store_failures++ == 0)
			d->store_failing_since = now;
		daemon_health(d);
		log_warnx("%s: checked in %llds, results not stored",
		    unit_id, (long long)(now - r->started));
	} else {
		if (d->store_failures > 0) {
			unsigned n = d->store_failures;

			/* The health file first: whoever reads the log may ask /healthz. */
			d->store_failures = 0;
			daemon_health(d);
			log_notice("the store works again after %u passes not stored", n);
		}
		log_info("%s: checked in %llds: score %d, %s, %d pages, %d errors",
		    unit_id, (long long)(now - r->started), verdicts_score(pr->v, pr->counted),
		    pr->reachable ? "reachable" : "unreachable", pr->pages,
		    pr->errors);
	}
	daemon_schedule_soon(d);
}

/* Order of starting: earliest due first. */
static int
cmp_due(const void *a, const void *b)
{
	const struct sched_unit *x = *(const struct sched_unit *const *)a;
	const struct sched_unit *y = *(const struct sched_unit *const *)b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Start what is due (within max_passes), then sleep until the next due time. */
static void
daemon_schedule(struct daemon *d)
{
	struct sched_unit **due;
	int64_t now = daemon_now(d), next = -1;
	size_t k = 0;

	if (d->stopping)
		return;
	/* The loop never sleeps longer than TIMER_MAX: a bigger gap is a suspend or a clock jump. */
	if (d->last_tick != 0 && (now - d->last_tick > 2 * TIMER_MAX ||
	    now < d->last_tick - 60)) {
		log_notice("the clock jumped by %llds: planning again",
		    (long long)(now - d->last_tick));
		sched_plan(d->su, d->n, now, d->cfg->interval);
		daemon_save_slots(d);
	}
	d->last_tick = now;
	due = xcalloc(d->n > 0 ? d->n : 1, sizeof *due);
	for (size_t i = 0; i < d->n; i++)
		if (!d->su[i].running && d->su[i].due <= now)
			due[k++] = &d->su[i];
	qsort(due, k, sizeof *due, cmp_due);
	for (size_t j = 0; j < k && d->running < d->max_passes; j++) {
		struct run *r = &d->runs[due[j] - d->su];
		void *p;

		log_debug("%s: starting a pass", r->conf->id);
		r->started = now;
		due[j]->running = true;
		d->running++;
		p = d->ops->start(d->base, d->fetcher, d->worker, d->st, d->cfg,
		    r->conf, now, daemon_pass_done_cb, r);
		/* Robust to a pass that ends within start: its callback already ran. */
		if (due[j]->running)
			r->pass = p;
	}
	free(due);
	if (d->running < d->max_passes) {
		for (size_t i = 0; i < d->n; i++)
			if (!d->su[i].running && (next == -1 || d->su[i].due < next))
				next = d->su[i].due;
	}
	if (next != -1)
		arm(d->ev_sched, next - now > TIMER_MAX ? TIMER_MAX : next - now);
	else
		evtimer_del(d->ev_sched);
	daemon_status(d);
}

/* The schedule timer. */
static void
daemon_sched_cb(int fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	daemon_schedule(arg);
}

/* A re-check asked for: make the unit due now unless a pass of it is running. */
static bool
daemon_recheck_cb(const char *unit_id, void *arg)
{
	struct daemon *d = arg;

	for (size_t i = 0; i < d->n; i++) {
		if (strcmp(d->su[i].id, unit_id) != 0)
			continue;
		if (d->su[i].running || d->stopping)
			return false;
		d->su[i].due = daemon_now(d);
		d->runs[i].recheck = true;
		daemon_schedule_soon(d);
		return true;
	}
	return false;	/* not configured (any more): it waits for a configuration that has it */
}

/* daemon_now for requests.c. */
static int64_t
daemon_now_cb(void *arg)
{
	return daemon_now(arg);
}

/* Run the schedule from the loop, not from inside a pass's callback. */
static void
daemon_schedule_soon(struct daemon *d)
{
	if (!d->stopping)
		arm(d->ev_sched, 0);
}

/* Cancel every pass in flight; their units stay due. */
static void
daemon_cancel_all(struct daemon *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->runs[i].pass == NULL)
			continue;
		d->ops->cancel(d->runs[i].pass);
		d->runs[i].pass = NULL;
		d->su[i].running = false;
		d->running--;
		log_info("%s: pass cancelled", d->su[i].id);
	}
}

/* SIGHUP: read the configuration again; a bad one is refused and the old one kept. */
static void
daemon_reload(struct daemon *d)
{
	struct config *cfg;
	struct store *st = d->st;
	struct carry *carry;
	size_t ncarry;
	char *cause;

	sdn_reloading();
	log_info("reloading %s", d->config_path);
	if (config_load(d->config_path, &cfg, &cause) == -1) {
		log_cause("reload refused, keeping the running configuration", cause);
		goto done;
	}
	if (strcmp(cfg->database, d->cfg->database) != 0 &&
	    (store_open(cfg->database, 0, &st, &cause) == -1 ||
	    store_keep_wal(st, &cause) == -1)) {
		if (st != d->st)
			store_close(st);
		log_cause("reload refused, keeping the running configuration", cause);
		config_free(cfg);
		goto done;
	}
	if (store_sync_units(st, cfg, daemon_now(d), &cause) == -1) {
		log_cause("reload refused, keeping the running configuration", cause);
		if (st != d->st)
			store_close(st);
		config_free(cfg);
		goto done;
	}
	/* Passes, the fetcher, the worker and the mailer borrow the old configuration: restart them. */
	daemon_cancel_all(d);
	mailer_stop(d->mailer);
	carry = carry_save(d, &ncarry);
	fetcher_free(d->fetcher);
	worker_free(d->worker);
	if (st != d->st) {
		store_close(d->st);
		/* Another database: its own health file, and a fresh count. */
		health_close(d->health);
		if ((d->health = health_open(cfg->database, &cause)) == NULL)
			log_cause("/healthz will not see the store failing", cause);
		d->store_failures = 0;
	}
	d->st = st;
	store_checkpoint_apart(d->st);	/* a no-op when it has its thread already */
	config_free(d->cfg);
	d->cfg = cfg;
	d->fetcher = fetcher_new(d->base, d->cfg);
	d->worker = worker_new(d->base, d->cfg->workers);
	if (daemon_load_units(d, carry, ncarry, &cause) == -1)
		log_cause("reload", cause);
	carry_free(carry, ncarry);
	log_info("configuration reloaded: %zu units, interval %llds", d->n,
	    (long long)d->cfg->interval);
done:
	sdn_send("READY=1");
	daemon_schedule_soon(d);
}

/* SIGTERM, SIGINT: stop starting work, cancel the passes crawling, leave the loop. */
static void
daemon_stop(struct daemon *d, int sig)
{
	if (d->stopping)
		return;
	d->stopping = true;
	sdn_send("STOPPING=1");
	log_info("%s: stopping (%zu passes in flight cancelled)", strsignal(sig),
	    d->running);
	daemon_cancel_all(d);
	mailer_stop(d->mailer);
	event_base_loopbreak(d->base);
}

/* Every signal the loop handles. */
static void
daemon_signal_cb(int sig, short what, void *arg)
{
	(void)what;
	if (sig == SIGHUP)
		daemon_reload(arg);
	else
		daemon_stop(arg, sig);
}

/* WATCHDOG=1 at half the period systemd asked for, from the loop itself. */
static void
daemon_watchdog_cb(int fd, short what, void *arg)
{
	struct daemon *d = arg;

	(void)fd;
	(void)what;
	sdn_send("WATCHDOG=1");
	evtimer_add(d->ev_watchdog, &d->watchdog_tv);
}

/* Reminders (once a local day), the weekly digest when due (also after downtime), retries. */
static void
daemon_notify(struct daemon *d)
{
	int64_t now = daemon_now(d);

	if (notify_record(d->cfg, d->st, now, &d->nsched) == -1)
		log_errx("notices: the database failed; trying again later");
	mailer_flush(d->mailer, d->cfg, d->st, now);
}

/* The digest's weekly timer: on time, not at the next hourly tick. */
static void
daemon_digest_cb(int fd, short what, void *arg)
{
	struct daemon *d = arg;
	int64_t now = daemon_now(d);

	(void)fd;
	(void)what;
	daemon_notify(d);
	arm(d->ev_digest, sched_next_weekly(now, d->cfg->digest_wday,
	    d->cfg->digest_minute) - now);
}

/* Hourly: a reminder round when the day is new, retries of unsent notices, a missed digest. */
static void
daemon_notify_cb(int fd, short what, void *arg)
{
	struct daemon *d = arg;

	(void)fd;
	(void)what;
	daemon_notify(d);
	arm(d->ev_notify, NOTIFY_EVERY);
}

/* Daily: forget pass rows older than STORE_PASS_KEEP so the file stays small. */
static void
daemon_prune_cb(int fd, short what, void *arg)
{
	struct daemon *d = arg;
	char *cause;
	int64_t dropped;
	int n;

	(void)fd;
	(void)what;
	if ((n = store_prune_passes(d->st, daemon_now(d) - STORE_PASS_KEEP,
	    &cause)) == -1)
		log_cause("prune", cause);
	else if (n > 0)
		log_info("pruned %d pass rows older than %d days", n,
		    STORE_PASS_KEEP / 86400);
	if (store_archive_prune(d->st, daemon_now(d) - (int64_t)d->cfg->archive_days *
	    86400, &dropped, &cause) == -1)
		log_cause("prune the evidence archive", cause);
	else if (dropped > 0)
		log_info("dropped %lld archived bodies unseen for %d days",
		    (long long)dropped, d->cfg->archive_days);
	arm(d->ev_prune, PRUNE_EVERY);
}

/* Open the store, sync the units, build the loop; 0 or -1 with *cause. */
static int
daemon_init(struct daemon *d, char **cause)
{
	static const int sigs[] = { SIGHUP, SIGTERM, SIGINT };
	uint64_t wd;
	char *hcause = NULL;

	if (store_open(d->cfg->database, 0, &d->st, cause) == -1 ||
	    store_keep_wal(d->st, cause) == -1)
		return -1;
	store_checkpoint_apart(d->st);
	if (store_sync_units(d->st, d->cfg, daemon_now(d), cause) == -1)
		return -1;
	/* A fresh start has stored nothing yet: what an earlier run said is forgotten. */
	if ((d->health = health_open(d->cfg->database, &hcause)) == NULL) {
		log_warnx("/healthz will not see the store failing: %s", hcause);
		free(hcause);
	}
	if ((d->base = event_base_new()) == NULL) {
		*cause = xstrdup("cannot create the event loop");
		return -1;
	}
	d->fetcher = fetcher_new(d->base, d->cfg);
	d->worker = worker_new(d->base, d->cfg->workers);
	d->mailer = mailer_new(d->base);
	if (daemon_load_units(d, NULL, 0, cause) == -1)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	for (size_t i = 0; i < 3; i++) {
		d->ev_sig[i] = evsignal_new(d->base, sigs[i], daemon_signal_cb, d);
		evsignal_add(d->ev_sig[i], NULL);
	}
	d->ev_sched = evtimer_new(d->base, daemon_sched_cb, d);
	d->ev_notify = evtimer_new(d->base, daemon_notify_cb, d);
	d->ev_digest = evtimer_new(d->base, daemon_digest_cb, d);
	d->ev_prune = evtimer_new(d->base, daemon_prune_cb, d);
	d->requests = requests_new(d->base, &d->st, daemon_now_cb, daemon_recheck_cb, d);
	arm(d->ev_notify, NOTIFY_FIRST);
	arm(d->ev_prune, PRUNE_FIRST);
	arm(d->ev_digest, sched_next_weekly(daemon_now(d), d->cfg->digest_wday,
	    d->cfg->digest_minute) - daemon_now(d));
	if ((wd = sdn_watchdog_usec()) > 0) {
		d->watchdog_tv.tv_sec = (time_t)(wd / 2 / 1000000);
		d->watchdog_tv.tv_usec = (suseconds_t)(wd / 2 % 1000000);
		d->ev_watchdog = evtimer_new(d->base, daemon_watchdog_cb, d);
		evtimer_add(d->ev_watchdog, &d->watchdog_tv);
		sdn_send("WATCHDOG=1");
	}
	return 0;
}

/* Free everything; no pass may be in flight. */
static void
daemon_free(struct daemon *d)
{
	struct event *evs[] = { d->ev_sched, d->ev_watchdog, d->ev_notify,
	    d->ev_digest, d->ev_prune, d->ev_sig[0], d->ev_sig[1], d->ev_sig[2] };

	for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++)
		if (evs[i] != NULL)
			event_free(evs[i]);
	requests_free(d->requests);
	if (d->fetcher != NULL)
		fetcher_free(d->fetcher);
	worker_free(d->worker);
	mailer_free(d->mailer);
	health_close(d->health);
	daemon_clear_units(d);
	store_close(d->st);
	if (d->base != NULL)
		event_base_free(d->base);
	config_free(d->cfg);
	free(d->config_path);
}

int
daemon_run(const char *config_path, struct config *cfg,
    const struct daemon_ops *ops)
{
	struct daemon d;
	char *cause = NULL;

	memset(&d, 0, sizeof d);
	d.ops = ops;
	d.cfg = cfg;
	d.config_path = xstrdup(config_path);
	d.fixed_clock = getenv("TCTT_NOW") != NULL && *getenv("TCTT_NOW") != '\0';
	d.now0 = clock_now();
	clock_gettime(CLOCK_MONOTONIC, &d.mono0);
	if (daemon_init(&d, &cause) == -1) {
		log_cause("cannot start", cause);
		sdn_send("STOPPING=1");
		daemon_free(&d);
		return 1;
	}
	log_info("serving %zu units from %s: interval %llds, %zu passes at a time",
	    d.n, d.cfg->database, (long long)d.cfg->interval, d.max_passes);
	sdn_send("READY=1");
	daemon_schedule(&d);
	event_base_dispatch(d.base);
	daemon_free(&d);
	log_info("stopped");
	return 0;
}

/* The default pass: the crawler of pass.h. */
static void *
daemon_pass_start(struct event_base *base, struct fetcher *f, struct worker *w,
    struct store *st, const struct config *cfg, const struct unit_conf *unit,
    int64_t now, pass_done_cb cb, void *arg)
{
	(void)base;
	return pass_start(f, w, st, cfg, unit, now, cb, arg);
}

/* The default cancel: pass_cancel. */
static void
daemon_pass_cancel(void *p)
{
	pass_cancel(p);
}

const struct daemon_ops daemon_default_ops = {
	daemon_pass_start,
	daemon_pass_cancel,
};

int
tcttd_serve(const char *config_path, struct config *cfg)
{
	return daemon_run(config_path, cfg, &daemon_default_ops);
}

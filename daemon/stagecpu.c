/* stagecpu.c: CPU time of the per-page work by stage (stagecpu.h). */
#include "stagecpu.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

static pthread_once_t	measuring_once = PTHREAD_ONCE_INIT;
static bool		measuring;
/* Each thread counts its own CPU (CLOCK_THREAD_CPUTIME_ID)... */
static _Thread_local int64_t	spent[STAGE_COUNT];
static _Thread_local int64_t	last;	/* the thread's CPU at the last switch, ns */
static _Thread_local enum stage	cur = STAGE_FETCH;
/* ...and adds it here when it ends (stage_thread_end), for stage_report. */
static pthread_mutex_t	ended_mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t		ended[STAGE_COUNT];
static int64_t		ended_total;

static const char *const stage_names[STAGE_COUNT] = {
	"fetch", "parse", "extract+fold", "judge", "hash", "store",
};

/* Read TCTT_STAGE_CPU (pthread_once). */
static void
measuring_read(void)
{
	const char *e = getenv("TCTT_STAGE_CPU");

	measuring = e != NULL && strcmp(e, "1") == 0;
}

/* Charge the CPU since the last switch to the current stage. */
static void
charge(void)
{
	struct timespec ts;
	int64_t now;

	if (pthread_once(&measuring_once, measuring_read) != 0)
		fatalx("pthread_once failed");
	if (!measuring || clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == -1)
		return;
	now = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	if (last != 0)
		spent[cur] += now - last;
	last = now;
}

enum stage
stage_enter(enum stage s)
{
	enum stage prev = cur;

	charge();
	cur = s;
	return prev;
}

void
stage_leave(enum stage prev)
{
	charge();
	cur = prev;
}

void
stage_thread_end(void)
{
	charge();
	if (!measuring)
		return;
	pthread_mutex_lock(&ended_mu);
	for (int s = 0; s < STAGE_COUNT; s++) {
		ended[s] += spent[s];
		ended_total += spent[s];
		spent[s] = 0;
	}
	pthread_mutex_unlock(&ended_mu);
}

void
stage_report(long pages)
{
	int64_t total = 0, all[STAGE_COUNT], others;
	char line[512];
	size_t o = 0;

	charge();
	if (!measuring || pages <= 0)
		return;
	pthread_mutex_lock(&ended_mu);
	for (int s = 0; s < STAGE_COUNT; s++)
		all[s] = spent[s] + ended[s];
	others = ended_total;
	pthread_mutex_unlock(&ended_mu);
	for (int s = 0; s < STAGE_COUNT; s++) {
		total += all[s];
		o += (size_t)snprintf(line + o, sizeof line - o, " %s %.1f", stage_names[s],
		    (double)all[s] / 1e3 / (double)pages);
	}
	log_info("cpu us per page over %ld pages:%s total %.1f, of which on other threads %.1f",
	    pages, line, (double)total / 1e3 / (double)pages,
	    (double)others / 1e3 / (double)pages);
}

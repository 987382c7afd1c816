/* stagecpu.c: CPU time of the per-page work by stage (stagecpu.h). */
#include "stagecpu.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

static int		measuring = -1;	/* -1: the environment not read yet */
static int64_t		spent[STAGE_COUNT];
static int64_t		last;		/* the thread's CPU at the last switch, ns */
static enum stage	cur = STAGE_FETCH;

static const char *const stage_names[STAGE_COUNT] = {
	"fetch", "parse", "extract+fold", "judge", "hash", "store",
};

/* Charge the CPU since the last switch to the current stage. */
static void
charge(void)
{
	struct timespec ts;
	int64_t now;

	if (measuring < 0) {
		const char *e = getenv("TCTT_STAGE_CPU");

		measuring = e != NULL && strcmp(e, "1") == 0;
	}
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
stage_report(long pages)
{
	int64_t total = 0;
	char line[512];
	size_t o = 0;

	charge();
	if (!measuring || pages <= 0)
		return;
	for (int s = 0; s < STAGE_COUNT; s++) {
		total += spent[s];
		o += (size_t)snprintf(line + o, sizeof line - o, " %s %.1f", stage_names[s],
		    (double)spent[s] / 1e3 / (double)pages);
	}
	log_info("cpu us per page over %ld pages:%s total %.1f", pages, line,
	    (double)total / 1e3 / (double)pages);
}

/*
 * stagecpu.h: CPU time of the per-page work by stage, for make bench. Off
 * unless TCTT_STAGE_CPU=1 is in the environment (each reading of the thread's
 * CPU clock is a system call); then `tcttd --once` logs, at the end, the CPU
 * microseconds per page of each stage, over every thread: each counts its
 * own CPU, and a thread other than the loop's adds it up when it ends.
 */
#ifndef TCTT_STAGECPU_H
#define TCTT_STAGECPU_H

#include <stdint.h>

enum stage {
	STAGE_FETCH,	/* everything else: libcurl, libevent, the crawl's bookkeeping */
	STAGE_PARSE,	/* libxml2's HTML parse */
	STAGE_EXTRACT,	/* the tree walk, text, links, folding (extract.c, the judge's folds) */
	STAGE_JUDGE,	/* judge_add_page and the links' priorities */
	STAGE_HASH,	/* SHA-256 of the body */
	STAGE_STORE,	/* SQLite: validators, cached extractions, the pass's verdicts */
	STAGE_COUNT
};

/*
 * From now on the CPU goes to stage s, until stage_leave with what this
 * returns (stages nest: a fold inside the judge counts as extract+fold).
 */
enum stage stage_enter(enum stage s);
void stage_leave(enum stage prev);
/* A thread that used stages ends: its CPU counts in stage_report from now on. */
void stage_thread_end(void);
/*
 * Log the µs per page of each stage over pages pages (when measuring): the
 * calling thread's and those of the threads ended.
 */
void stage_report(long pages);

#endif

/*
 * worker.h: a fetched page's processing on a second thread. What needs no
 * shared state (libxml2's parse and the tree walk, the body's SHA-256, the
 * cache blob) runs on ONE worker thread while the event loop goes on
 * fetching, judging and storing. One queue each way: the loop submits a
 * job, the worker processes jobs in order and queues them back, and the loop
 * (woken through an eventfd watched on its event_base) runs each job's
 * callback. Nothing else crosses threads: the judge, the frontier and SQLite
 * stay on the loop.
 *
 * Ownership at each hand-off:
 * - worker_submit: the job's memory and its res (with the body) belong to
 *   the worker until the callback; the loop does not touch them meanwhile.
 * - the callback: job->res and whatever the worker made (job->ex,
 *   job->sha256, job->blob) belong to the callee, which frees them
 *   (page_job_clear frees the lot); the job's own memory goes back to the
 *   submitter.
 *
 * The loop never waits for the worker: when WORKER_MAX_JOBS jobs, or
 * WORKER_MAX_BYTES of their bodies, are out already, the next is processed
 * at once on the loop, as with no thread. So both cores work when both are
 * free, a busy machine costs no stall, and what waits (bodies and their
 * extractions) is bounded whatever the pages' size.
 */
#ifndef TCTT_WORKER_H
#define TCTT_WORKER_H

#include <stdbool.h>
#include <stddef.h>

struct event_base;
struct extracted;
struct fetch_result;
struct judge_folds;
struct page_job;
struct worker;

/*
 * Jobs submitted and not called back, at most, and their bodies' bytes; past
 * either worker_submit processes at once. 32 jobs is two transfers per pass
 * at the default concurrency: the worker then takes nearly all the parsing
 * (4 left it a fifth); the bytes keep big pages from piling up.
 */
#define WORKER_MAX_JOBS		32
#define WORKER_MAX_BYTES	(2 * 1024 * 1024)

/* cancelled: worker_cancel or worker_free took the job back; its outputs may be NULL. */
typedef void (*page_job_cb)(struct page_job *job, bool cancelled, void *arg);

/* One fetched page to process. */
struct page_job {
	/* In, set by the submitter. */
	struct fetch_result	*res;		/* final_url, content_type, body, len are read */
	bool			 want_blob;	/* make the cache blob too (a page, not a document) */
	/* Out, made by the worker (NULL when cancelled before it ran). */
	struct extracted	*ex;		/* extract_page */
	char			*sha256;	/* of the body, hex */
	void			*blob;		/* extract_serialize of ex, when wanted and ex->html */
	size_t			 blob_len;
	struct judge_folds	*folds;		/* judge_fold_page of a page, when the worker kept up; or NULL */
	/* The worker's. */
	const void		*owner;
	page_job_cb		 cb;
	void			*arg;
	struct page_job		*next;
};

/*
 * A worker on base. threads 0: no thread, worker_submit processes at once
 * (as the daemon did before); 1: one worker thread. Caller frees with
 * worker_free.
 */
struct worker *worker_new(struct event_base *base, int threads);
/*
 * Stop the thread (after the job it is on) and join it; the jobs not yet
 * called back are, cancelled, before it returns. NULL is fine.
 */
void worker_free(struct worker *w);

/*
 * Process job->res (see above for who owns what); cb(job, false, arg) runs
 * exactly once, later, from the loop, or before this returns when the job
 * is processed at once (threads 0, w NULL, or WORKER_MAX_JOBS out already).
 * owner tags the job for worker_cancel.
 */
void worker_submit(struct worker *w, struct page_job *job, const void *owner,
    page_job_cb cb, void *arg);
/*
 * Take back every job tagged owner, waiting for the one being processed, and
 * run their callbacks with cancelled true before returning: afterwards the
 * worker holds nothing of owner's. Safe from a page_job_cb.
 */
void worker_cancel(struct worker *w, const void *owner);

/* True while the worker thread processes a job. */
bool worker_busy(struct worker *w);
/* Jobs submitted and not called back yet, on the worker or waiting for the loop. */
size_t worker_pending(const struct worker *w);

/*
 * Around a fork() not followed by exec (the mailer): the worker finishes
 * the page in hand and takes no other until worker_resume_fork, so the child
 * inherits no library lock held by the thread. No-ops without a thread.
 */
void worker_pause_fork(void);
void worker_resume_fork(void);

/* Free what a called-back job holds (res and the outputs) and zero them. */
void page_job_clear(struct page_job *job);

#endif

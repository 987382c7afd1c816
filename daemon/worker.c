/*
 * worker.c: a fetched page's processing on a second thread (worker.h). The
 * worker takes jobs from the todo queue in order, processes one outside the
 * lock, and puts it on the done queue; the loop is woken through an eventfd
 * and calls the jobs back one by one. One mutex guards both queues.
 *
 * What the worker runs must be thread-safe, and is: extract_page (libxml2,
 * initialised here before the thread starts; its parser context is the
 * thread's own, freed as it exits; iconv handles and libcurl URL handles are
 * per call), fold_mem (its table filled here first: fold_init),
 * OpenSSL's digest, the cache blob, and the stage counters (per thread).
 */
#include "worker.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include <event2/event.h>
#include <libxml/parser.h>

#include "extract.h"
#include "fetch.h"
#include "fold.h"
#include "judge.h"
#include "log.h"
#include "stagecpu.h"
#include "xmalloc.h"

/* A FIFO of jobs. */
struct job_queue {
	struct page_job	*head;
	struct page_job	**tail;
};

struct worker {
	struct event_base	*base;
	bool			 threaded;
	/* The loop's only. */
	struct event		*ev;		/* efd readable: jobs done */
	size_t			 outstanding;	/* submitted, not called back; ev is added while > 0 */
	size_t			 out_bytes;	/* their bodies' bytes */
	/* Shared, under mu. */
	int			 efd;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 todo_cv;	/* a job queued, or stop */
	pthread_cond_t		 idle_cv;	/* the job in hand was put on done */
	struct job_queue	 todo;
	struct job_queue	 done;
	struct page_job		*running;	/* the job in hand, on neither queue */
	bool			 stop;
	bool			 paused;	/* worker_pause: take no job */
};

/*
 * The process's threaded worker, for worker_pause_fork: a fork taken while
 * the thread is inside a library (OpenSSL, libxml2) may leave the child a
 * lock held forever. The loop's thread sets it; one worker at a time.
 */
static struct worker *fork_worker;

static void
queue_init(struct job_queue *q)
{
	q->head = NULL;
	q->tail = &q->head;
}

static void
queue_push(struct job_queue *q, struct page_job *job)
{
	job->next = NULL;
	*q->tail = job;
	q->tail = &job->next;
}

static struct page_job *
queue_pop(struct job_queue *q)
{
	struct page_job *job = q->head;

	if (job != NULL && (q->head = job->next) == NULL)
		q->tail = &q->head;
	return job;
}

/* Move the jobs of owner from q to the end of out, in order. */
static void
queue_take(struct job_queue *q, const void *owner, struct job_queue *out)
{
	struct page_job **pp = &q->head, *job;

	while ((job = *pp) != NULL) {
		if (job->owner != owner) {
			pp = &job->next;
			continue;
		}
		*pp = job->next;
		queue_push(out, job);
	}
	q->tail = pp;
}

/*
 * The page's processing, on whichever thread: what needs no shared state.
 * fold: the judge's folds too (judge_fold_page), else the judge makes them.
 */
static void
process(struct page_job *job, bool fold)
{
	const struct fetch_result *res = job->res;
	enum stage st;

	st = stage_enter(STAGE_EXTRACT);
	job->ex = extract_page(res->final_url, res->content_type, res->body, res->len);
	if (fold)
		job->folds = judge_fold_page(job->ex);
	stage_leave(st);
	st = stage_enter(STAGE_HASH);
	job->sha256 = judge_sha256_hex(res->body, res->len);
	stage_leave(st);
	/* A document's extraction changes when it is read (pass.c): its blob is made then. */
	if (job->want_blob && job->ex->html) {
		st = stage_enter(STAGE_STORE);
		extract_serialize(job->ex, &job->blob, &job->blob_len);
		stage_leave(st);
	}
}

/* The worker thread: process jobs until told to stop. */
static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct page_job *job;
	uint64_t one = 1;
	bool wake, fold;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->stop && (w->paused || w->todo.head == NULL))
			pthread_cond_wait(&w->todo_cv, &w->mu);
		if (w->stop)
			break;
		job = w->running = queue_pop(&w->todo);
		/*
		 * The judge's folds are made here only while the worker keeps up
		 * (nothing else waits): the loop and the worker are both busy, and
		 * the folds go to whichever has time (the loop makes them otherwise).
		 */
		fold = w->todo.head == NULL;
		pthread_mutex_unlock(&w->mu);
		process(job, fold);
		pthread_mutex_lock(&w->mu);
		w->running = NULL;
		wake = w->done.head == NULL;	/* else the loop has a wake-up coming */
		queue_push(&w->done, job);
		pthread_cond_broadcast(&w->idle_cv);
		/* Under mu: worker_free closes efd only after the join. */
		if (wake && write(w->efd, &one, sizeof one) != (ssize_t)sizeof one &&
		    errno != EAGAIN)
			fatal("worker: eventfd");
	}
	pthread_mutex_unlock(&w->mu);
	extract_thread_end();
	stage_thread_end();
	return NULL;
}

/* Give job back to its submitter. */
static void
deliver(struct worker *w, struct page_job *job, bool cancelled)
{
	if (--w->outstanding == 0)
		event_del(w->ev);
	w->out_bytes -= job->res->len;
	job->cb(job, cancelled, job->arg);
}

/* The loop, woken: call back the jobs done, one at a time (a callback may cancel others). */
static void
worker_done_cb(int fd, short what, void *arg)
{
	struct worker *w = arg;
	struct page_job *job;
	uint64_t n;

	(void)what;
	if (read(fd, &n, sizeof n) == -1 && errno != EAGAIN)
		fatal("worker: eventfd");
	for (;;) {
		pthread_mutex_lock(&w->mu);
		job = queue_pop(&w->done);
		pthread_mutex_unlock(&w->mu);
		if (job == NULL)
			break;
		deliver(w, job, false);
	}
}

struct worker *
worker_new(struct event_base *base, int threads)
{
	struct worker *w = xcalloc(1, sizeof *w);
	sigset_t all, old;
	int rc;

	w->base = base;
	w->efd = -1;
	queue_init(&w->todo);
	queue_init(&w->done);
	if (threads <= 0)
		return w;
	w->threaded = true;
	if ((w->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1)
		fatal("eventfd");
	if ((w->ev = event_new(base, w->efd, EV_READ | EV_PERSIST, worker_done_cb, w)) == NULL)
		fatalx("event_new failed");
	if ((rc = pthread_mutex_init(&w->mu, NULL)) != 0 ||
	    (rc = pthread_cond_init(&w->todo_cv, NULL)) != 0 ||
	    (rc = pthread_cond_init(&w->idle_cv, NULL)) != 0)
		fatalx("worker: %s", strerror(rc));
	/* What the thread will use, set up while there is only this one. */
	xmlInitParser();
	fold_init();
	/* Signals stay the loop's: the thread starts with all blocked. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->thread, NULL, worker_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		fatalx("cannot start the worker thread: %s", strerror(rc));
	fork_worker = w;
	return w;
}

void
worker_free(struct worker *w)
{
	struct page_job *job;

	if (w == NULL)
		return;
	if (fork_worker == w)
		fork_worker = NULL;
	if (w->threaded) {
		pthread_mutex_lock(&w->mu);
		w->stop = true;
		pthread_cond_signal(&w->todo_cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
		/* Alone now: what is left goes back, done or not. */
		while ((job = queue_pop(&w->done)) != NULL)
			deliver(w, job, true);
		while ((job = queue_pop(&w->todo)) != NULL)
			deliver(w, job, true);
		event_free(w->ev);
		close(w->efd);
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->todo_cv);
		pthread_cond_destroy(&w->idle_cv);
	}
	free(w);
}

void
worker_submit(struct worker *w, struct page_job *job, const void *owner,
    page_job_cb cb, void *arg)
{
	job->ex = NULL;
	job->sha256 = NULL;
	job->blob = NULL;
	job->blob_len = 0;
	job->folds = NULL;
	job->owner = owner;
	job->cb = cb;
	job->arg = arg;
	if (w == NULL || !w->threaded || w->outstanding >= WORKER_MAX_JOBS ||
	    w->out_bytes + job->res->len > WORKER_MAX_BYTES) {
		process(job, false);	/* on the loop: the judge folds as it reads */
		cb(job, false, arg);
		return;
	}
	if (w->outstanding++ == 0)
		event_add(w->ev, NULL);
	w->out_bytes += job->res->len;
	pthread_mutex_lock(&w->mu);
	queue_push(&w->todo, job);
	pthread_cond_signal(&w->todo_cv);
	pthread_mutex_unlock(&w->mu);
}

void
worker_cancel(struct worker *w, const void *owner)
{
	struct job_queue took, queued;
	struct page_job *job;

	if (w == NULL || !w->threaded)
		return;
	queue_init(&took);
	queue_init(&queued);
	pthread_mutex_lock(&w->mu);
	/* Off the queue first, or the worker would take them one by one while we wait. */
	queue_take(&w->todo, owner, &queued);
	/* The job in hand cannot be stopped: a page's processing is short and bounded. */
	while (w->running != NULL && w->running->owner == owner)
		pthread_cond_wait(&w->idle_cv, &w->mu);
	queue_take(&w->done, owner, &took);
	pthread_mutex_unlock(&w->mu);
	while ((job = queue_pop(&took)) != NULL)
		deliver(w, job, true);
	while ((job = queue_pop(&queued)) != NULL)
		deliver(w, job, true);
}

bool
worker_busy(struct worker *w)
{
	bool busy;

	if (w == NULL || !w->threaded)
		return false;
	pthread_mutex_lock(&w->mu);
	busy = w->running != NULL;
	pthread_mutex_unlock(&w->mu);
	return busy;
}

size_t
worker_pending(const struct worker *w)
{
	return w != NULL ? w->outstanding : 0;
}

void
page_job_clear(struct page_job *job)
{
	fetch_result_free(job->res);
	extracted_free(job->ex);
	free(job->sha256);
	free(job->blob);
	judge_folds_free(job->folds);
	job->res = NULL;
	job->ex = NULL;
	job->sha256 = NULL;
	job->blob = NULL;
	job->blob_len = 0;
	job->folds = NULL;
}

void
worker_pause_fork(void)
{
	struct worker *w = fork_worker;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->paused = true;
	while (w->running != NULL)
		pthread_cond_wait(&w->idle_cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
}

void
worker_resume_fork(void)
{
	struct worker *w = fork_worker;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->paused = false;
	pthread_cond_signal(&w->todo_cv);
	pthread_mutex_unlock(&w->mu);
}

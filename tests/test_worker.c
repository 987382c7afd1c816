/*
 * test_worker.c: the worker thread (daemon/worker.h) on a real event loop,
 * with the province's fixture pages: what it makes equals the processing on
 * the loop, jobs come back in order on the loop's thread, and cancelling or
 * freeing gives every job back (LSan checks nothing is left).
 */
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <event2/event.h>

#include "extract.h"
#include "fetch.h"
#include "judge.h"
#include "support.h"
#include "worker.h"
#include "xmalloc.h"

#define MAX_PAGES	128

/* The fixture pages, as fetch results. */
struct pages {
	struct fetch_result	*res[MAX_PAGES];
	size_t			 n;
};

/* A fetch result for the file at path, as if fetched from url. */
static struct fetch_result *
page_result(const char *path, const char *url)
{
	struct fetch_result *res = xcalloc(1, sizeof *res);

	res->url = xstrdup(url);
	res->final_url = xstrdup(url);
	res->status = 200;
	res->content_type = xstrdup("text/html");
	res->body = (unsigned char *)test_read_file(path, &res->len);
	return res;
}

/* Every index.html and tctt.html of tests/province. */
static void
load_pages(struct pages *pg)
{
	char *root = test_srcdir("province");
	DIR *d = opendir(root);
	struct dirent *e;

	cr_assert_not_null(d, "%s", root);
	pg->n = 0;
	while ((e = readdir(d)) != NULL && pg->n + 2 <= MAX_PAGES) {
		static const char *const files[] = { "index.html", "tctt.html" };

		if (e->d_name[0] == '.' || strstr(e->d_name, ".test") == NULL)
			continue;
		for (size_t i = 0; i < 2; i++) {
			char *path = xasprintf("%s/%s/%s", root, e->d_name, files[i]);
			char *url = xasprintf("http://%s/%s", e->d_name, files[i]);
			FILE *f = fopen(path, "rb");

			if (f != NULL) {
				fclose(f);
				pg->res[pg->n++] = page_result(path, url);
			}
			free(path);
			free(url);
		}
	}
	closedir(d);
	free(root);
	cr_assert_geq(pg->n, 20, "fixture pages found: %zu", pg->n);
}

/* What the worker made of job equals the same processing done here. */
static void
expect_processed(const struct page_job *job)
{
	const struct fetch_result *res = job->res;
	struct extracted *ex = extract_page(res->final_url, res->content_type, res->body,
	    res->len);
	char *sha = judge_sha256_hex(res->body, res->len);
	void *a, *b;
	size_t alen, blen;

	cr_assert_not_null(job->ex);
	cr_expect_str_eq(job->sha256, sha);
	extract_serialize(ex, &a, &alen);
	extract_serialize(job->ex, &b, &blen);
	cr_expect(alen == blen && memcmp(a, b, alen) == 0, "%s: same extraction", res->url);
	/* The judge's folds (judge_fold_page), when made there, are a page's, never a document's. */
	cr_expect(job->folds == NULL || job->ex->html, "%s: the judge's folds", res->url);
	if (job->want_blob) {
		cr_assert_not_null(job->blob, "%s", res->url);
		cr_expect(job->blob_len == alen && memcmp(job->blob, a, alen) == 0,
		    "%s: same blob", res->url);
	} else
		cr_expect_null(job->blob);
	free(a);
	free(b);
	free(sha);
	extracted_free(ex);
}

struct run {
	pthread_t	 loop;		/* the thread that runs the loop */
	size_t		 back;		/* callbacks so far */
	size_t		 cancelled;
	size_t		 cancelled_processed;	/* cancelled, yet processed first */
	size_t		 order_errors;	/* called back before a job submitted earlier */
	size_t		 wrong_thread;
	size_t		 next;		/* the lowest index expected next */
	size_t		 folded;	/* came back with the judge's folds */
	struct page_job	*jobs;
	bool		 check;		/* compare with the processing on this thread */
};

static void
job_cb(struct page_job *job, bool cancelled, void *arg)
{
	struct run *r = arg;
	size_t i = (size_t)(job - r->jobs);

	if (!pthread_equal(pthread_self(), r->loop))
		r->wrong_thread++;
	if (cancelled) {
		r->cancelled++;
		if (job->ex != NULL)
			r->cancelled_processed++;
	}
	else {
		if (i < r->next)
			r->order_errors++;
		r->next = i + 1;
		if (r->check)
			expect_processed(job);
	}
	r->back++;
	r->folded += job->folds != NULL;
	page_job_clear(job);
}

/* Room for a job per page, for pg's pages. */
static void
run_init(struct run *r, const struct pages *pg, bool check)
{
	memset(r, 0, sizeof *r);
	r->loop = pthread_self();
	r->jobs = xcalloc(pg->n, sizeof *r->jobs);
	r->check = check;
}

/* Submit page i of pg as job i of r (want_blob on every other page). */
static void
submit(struct worker *w, struct pages *pg, size_t i, struct run *r, const void *owner)
{
	r->jobs[i].res = pg->res[i];
	r->jobs[i].want_blob = i % 2 == 0;
	pg->res[i] = NULL;	/* the job's now */
	worker_submit(w, &r->jobs[i], owner, job_cb, r);
}

/*
 * Pages come back in order, on the loop's thread, processed as the loop
 * would; past WORKER_MAX_JOBS out, a page is processed at once, so the loop
 * never waits and the queue stays bounded. With every job back the loop has
 * nothing left to wait for and returns.
 */
Test(worker, pages_come_back_in_order_on_the_loop_as_processed_inline)
{
	struct event_base *base = event_base_new();
	struct worker *w = worker_new(base, 1);
	struct pages pg;
	struct run r;
	size_t i = 0;

	load_pages(&pg);
	run_init(&r, &pg, true);
	while (i < pg.n) {
		size_t first = i;

		for (; i < pg.n && i - first < WORKER_MAX_JOBS; i++)
			submit(w, &pg, i, &r, &r);
		cr_expect_eq(r.back, first, "never called back from inside worker_submit");
		cr_expect_eq(worker_pending(w), i - first);
		if (i < pg.n) {
			submit(w, &pg, i++, &r, &r);
			cr_expect_eq(r.back, first + 1, "one job past the bound: processed at once");
			r.next = first;	/* it came first; the queued ones follow in order */
		}
		cr_assert_eq(event_base_dispatch(base), 1, "the loop ends when every job is back");
		cr_expect_eq(r.back, i);
		cr_expect_eq(worker_pending(w), 0);
	}
	cr_expect_eq(r.cancelled, 0);
	cr_expect_eq(r.order_errors, 0);
	cr_expect_eq(r.wrong_thread, 0);
	worker_free(w);
	event_base_free(base);
	free(r.jobs);
}

/*
 * A page the worker takes with nothing else waiting comes back with the
 * judge's folds (the worker keeps up, the loop need not fold it); one
 * processed at once on the loop comes back without.
 */
Test(worker, a_page_alone_comes_back_with_the_judges_folds)
{
	struct event_base *base = event_base_new();
	struct worker *w = worker_new(base, 1);
	struct pages pg;
	struct run r;
	size_t html = 0;

	load_pages(&pg);
	run_init(&r, &pg, true);
	for (size_t i = 0; i < 4; i++) {
		html += pg.res[i]->content_type == NULL ||
		    strncmp(pg.res[i]->content_type, "text/html", 9) == 0;
		submit(w, &pg, i, &r, &r);
		cr_assert_eq(event_base_dispatch(base), 1);
		cr_expect_eq(r.back, i + 1);
	}
	cr_assert_gt(html, 0);
	cr_expect_eq(r.folded, html, "every page taken alone has its folds");
	worker_free(w);
	w = worker_new(base, 0);
	r.folded = 0;
	submit(w, &pg, 4, &r, &r);
	cr_expect_eq(r.back, 5);
	cr_expect_eq(r.folded, 0, "processed on the loop: the judge folds");
	worker_free(w);
	event_base_free(base);
	free(r.jobs);
	for (size_t i = 5; i < pg.n; i++)
		fetch_result_free(pg.res[i]);
}

/* Without a thread (workers = 0) a page is processed and called back at once. */
Test(worker, no_thread_processes_at_once)
{
	struct event_base *base = event_base_new();
	struct worker *w = worker_new(base, 0);
	struct pages pg;
	struct run r;

	load_pages(&pg);
	run_init(&r, &pg, true);
	for (size_t i = 0; i < pg.n; i++) {
		submit(w, &pg, i, &r, &r);
		cr_expect_eq(r.back, i + 1);
	}
	cr_expect_eq(r.order_errors, 0);
	cr_expect_eq(worker_pending(w), 0);
	worker_free(w);
	event_base_free(base);
	free(r.jobs);
}

/*
 * worker_cancel gives back every job of its owner (queued, in hand or done)
 * before it returns, cancelled; the other owner's come back as usual.
 */
Test(worker, cancel_takes_back_every_job_of_its_owner)
{
	struct event_base *base = event_base_new();
	struct worker *w = worker_new(base, 1);
	struct pages pg;
	struct run a, b;
	size_t i = 0, na = 0, nb = 0;

	load_pages(&pg);
	run_init(&a, &pg, false);
	run_init(&b, &pg, true);
	while (i < pg.n) {
		size_t first = i;

		/* Half a's, half b's, then a cancelled at once: wherever its jobs are. */
		for (; i < pg.n && i - first < WORKER_MAX_JOBS; i++) {
			if (i % 2 == 0) {
				submit(w, &pg, i, &a, &a);
				na++;
			} else {
				submit(w, &pg, i, &b, &b);
				nb++;
			}
		}
		b.next = first + 1;
		worker_cancel(w, &a);
		cr_expect_eq(a.back, na, "all of a's jobs back before worker_cancel returns");
		cr_expect_eq(worker_pending(w), nb - b.back);
		cr_assert_eq(event_base_dispatch(base), 1);
		cr_expect_eq(b.back, nb);
	}
	cr_expect_eq(a.cancelled, na);
	cr_expect_eq(b.cancelled, 0);
	cr_expect_eq(a.wrong_thread + b.wrong_thread, 0);
	worker_free(w);
	event_base_free(base);
	free(a.jobs);
	free(b.jobs);
}

/* worker_free joins the thread and gives back, cancelled, every job not called back. */
Test(worker, free_gives_back_every_job_left)
{
	struct event_base *base = event_base_new();
	struct worker *w = worker_new(base, 1);
	struct pages pg;
	struct run r;

	size_t n;

	load_pages(&pg);
	n = pg.n < WORKER_MAX_JOBS ? pg.n : WORKER_MAX_JOBS;
	run_init(&r, &pg, false);
	for (size_t i = 0; i < n; i++)
		submit(w, &pg, i, &r, &r);
	worker_free(w);
	cr_expect_eq(r.back, n);
	cr_expect_eq(r.cancelled, n);
	cr_expect_eq(r.wrong_thread, 0);
	event_base_free(base);
	free(r.jobs);
	for (size_t i = n; i < pg.n; i++)
		fetch_result_free(pg.res[i]);
}

/* n synthetic pages of about size bytes each. */
static void
make_pages(struct pages *pg, size_t n, size_t size)
{
	cr_assert_leq(n, MAX_PAGES);
	memset(pg, 0, sizeof *pg);
	for (pg->n = 0; pg->n < n; pg->n++) {
		struct fetch_result *res = xcalloc(1, sizeof *res);
		struct buf b = { 0 };

		buf_puts(&b, "<html><head><title>Trang</title></head><body><p>");
		while (b.len < size)
			buf_puts(&b, "Công khai thông tin theo Luật Tiếp cận thông tin. ");
		buf_puts(&b, "</p></body></html>");
		res->url = xasprintf("http://pages.test/%zu.html", pg->n);
		res->final_url = xstrdup(res->url);
		res->content_type = xstrdup("text/html; charset=utf-8");
		res->status = 200;
		res->len = b.len;
		res->body = (unsigned char *)buf_steal(&b);
		pg->res[pg->n] = res;
	}
}

/*
 * Submit pg's pages; expect the first `queued` to wait for the worker and the
 * others to be processed at once, then every one back through the loop.
 */
static void
expect_bound(struct pages *pg, size_t queued)
{
	struct event_base *base = event_base_new();
	struct worker *w = worker_new(base, 1);
	struct run r;

	run_init(&r, pg, true);
	for (size_t i = 0; i < pg->n; i++)
		submit(w, pg, i, &r, &r);
	cr_expect_eq(r.back, pg->n - queued, "past the bound, processed at once");
	cr_expect_eq(worker_pending(w), queued);
	r.next = 0;
	cr_assert_eq(event_base_dispatch(base), 1);
	cr_expect_eq(r.back, pg->n);
	cr_expect_eq(worker_pending(w), 0);
	cr_expect_eq(r.wrong_thread, 0);
	worker_free(w);
	event_base_free(base);
	free(r.jobs);
}

/* At most WORKER_MAX_JOBS pages wait for the worker. */
Test(worker, a_page_past_the_job_bound_is_processed_at_once)
{
	struct pages pg;

	make_pages(&pg, WORKER_MAX_JOBS + 3, 1000);
	expect_bound(&pg, WORKER_MAX_JOBS);
}

/* Big pages are bounded by their bytes: past WORKER_MAX_BYTES out, processed at once. */
Test(worker, big_bodies_past_the_byte_bound_are_processed_at_once)
{
	struct pages pg;

	make_pages(&pg, 3, WORKER_MAX_BYTES / 2 + 1);
	expect_bound(&pg, 1);
}

/*
 * worker_cancel takes its owner's queued pages off the queue before it waits
 * for the one in hand: they come back unprocessed, and the loop waits for
 * one page at most, not for the whole queue.
 */
Test(worker, cancel_does_not_process_the_queued_pages_first)
{
	struct event_base *base = event_base_new();
	struct worker *w = worker_new(base, 1);
	struct pages pg;
	struct run r;

	make_pages(&pg, 12, 100000);
	run_init(&r, &pg, false);
	for (size_t i = 0; i < pg.n; i++)
		submit(w, &pg, i, &r, &r);
	cr_assert_eq(r.back, 0, "all twelve queued");
	/* A state to reach, not a time to wait: the worker has the first page in hand. */
	while (!worker_busy(w))
		sched_yield();
	worker_cancel(w, &r);
	cr_expect_eq(r.back, pg.n);
	cr_expect_eq(r.cancelled, pg.n);
	cr_expect_leq(r.cancelled_processed, 1, "only the page in hand was processed (%zu were)",
	    r.cancelled_processed);
	worker_free(w);
	event_base_free(base);
	free(r.jobs);
}

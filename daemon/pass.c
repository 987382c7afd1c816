/*
 * pass.c: one pass over one unit. A best-first crawl on the unit's host
 * (frontier.c) through the shared fetcher, each page extracted (extract.c,
 * on the worker thread when there is one: worker.h),
 * each PDF or DOCX read (document.c, in the background: the request stays in
 * flight meanwhile), and fed to the judge (judge.c), until all are settled or
 * max_pages / max_depth run out; then the verdicts are stored in one
 * transaction. Pages unchanged since the last pass (304) reuse what was
 * extracted from them then. URLs the secretariat hinted at go right after the
 * home page, on any host, and the bodies behind the verdicts are archived
 * (evidence.c).
 */
#include "pass.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "dates.h"
#include "document.h"
#include "evidence.h"
#include "extract.h"
#include "fetch.h"
#include "frontier.h"
#include "judge.h"
#include "log.h"
#include "stagecpu.h"
#include "store-corr.h"
#include "url.h"
#include "worker.h"
#include "xmalloc.h"

/* Links queued per pass at most: the frontier is scanned linearly. */
#define PASS_MAX_QUEUED	5000
/* Unread documents a pass looks at again at its end, at most (reread_wanted). */
#define PASS_MAX_UNREAD	64
/* The home page goes first, whatever the judge thinks of other links. */
#define PRIO_HOME	1000000
/* Hinted URLs right after it. */
#define PRIO_HINT	(PRIO_HOME - 1)
/*
 * Cache rows are written together, one transaction for a unit's pages (a
 * commit per page cost more than the row); past this many bytes of rows
 * waiting, they are written at once, so that a pass holds little.
 */
#define PASS_CACHE_BYTES	(128 * 1024)

struct pass {
	struct fetcher		*f;
	struct worker		*w;
	struct store		*st;
	const struct config	*cfg;
	const struct unit_conf	*unit;
	int64_t			 now;
	int64_t			 started_at;
	struct judge		*judge;
	struct frontier		*fr;
	int			 inflight;	/* requests, pages at the worker, documents read */
	int			 requested;	/* pages asked for, counts toward max_pages */
	int			 pages;		/* pages that loaded */
	int			 errors;
	int64_t			 bytes;
	bool			 home_failed;
	char			*why;		/* why the home page failed */
	bool			 cancelled;
	bool			 done;
	struct pass_req		*docs;		/* requests whose document is being read */
	pass_done_cb		 cb;
	void			*arg;
	struct evidence_set	*ev;		/* bodies that may become evidence */
	struct hint_row		*hints;		/* their URLs normalized as the frontier's */
	size_t			 nhints;
	/* Documents left unread, for a second look at the end (reread_wanted). */
	char			**unread;
	size_t			 nunread;
	/* Cache rows not written yet (flush_cache): a crash loses them, never half of one. */
	char			**pend_urls;
	struct fetch_state	*pend;
	size_t			 npend;
	size_t			 pend_bytes;
};

/* One request of a pass in flight. */
struct pass_req {
	struct pass	*p;
	char		*url;
	char		*etag;		/* validators sent, when an extraction is cached */
	char		*last_modified;
	int		 depth;
	bool		 home;
	bool		 refetched;	/* asked again without validators after a 304 */
	bool		 wanted;	/* a document asked again to be read */
	/* While its document is read (document.h): what the fetch gave. */
	struct doc_job	*doc;
	struct fetch_result *res;
	struct extracted *ex;
	char		*sha256;
	struct pass_req	*next;		/* in pass->docs */
	struct page_job	 job;		/* its page at the worker (worker.h) */
};

static bool pump(struct pass *);
static bool reread_wanted(struct pass *);
static void pass_fetch_cb(struct fetch_result *, void *);
static void page_processed_cb(struct page_job *, bool, void *);

/* Write the cache rows waiting, in one transaction. */
static void
flush_cache(struct pass *p)
{
	enum stage st;
	char *cause = NULL;

	if (p->npend == 0)
		return;
	st = stage_enter(STAGE_STORE);
	if (store_put_fetch_states(p->st, p->unit->id, p->pend_urls, p->pend, p->npend,
	    &cause) == -1) {
		log_warnx("%s: %s", p->unit->id, cause);
		free(cause);
	}
	stage_leave(st);
	for (size_t i = 0; i < p->npend; i++) {
		free(p->pend_urls[i]);
		fetch_state_clear(&p->pend[i]);
	}
	p->npend = 0;
	p->pend_bytes = 0;
}

static void
pass_free(struct pass *p)
{
	for (size_t i = 0; i < p->npend; i++) {
		free(p->pend_urls[i]);
		fetch_state_clear(&p->pend[i]);
	}
	free(p->pend_urls);
	free(p->pend);
	judge_free(p->judge);
	frontier_free(p->fr);
	evidence_free(p->ev);
	hint_rows_free(p->hints, p->nhints);
	for (size_t i = 0; i < p->nunread; i++)
		free(p->unread[i]);
	free(p->unread);
	free(p->why);
	free(p);
}

/* A verdict whose evidence the secretariat pointed to says so: the crawl did not find it alone. */
static void
note_hints(struct pass *p, struct verdict v[CRIT_COUNT])
{
	for (int c = 0; c < CRIT_COUNT; c++) {
		char *note;

		if (v[c].url == NULL)
			continue;
		for (size_t i = 0; i < p->nhints; i++) {
			if (strcmp(p->hints[i].url, v[c].url) != 0)
				continue;
			note = xasprintf("%s%sBằng chứng từ địa chỉ do Văn phòng gợi ý.",
			    v[c].note != NULL ? v[c].note : "", v[c].note != NULL ? " " : "");
			free(v[c].note);
			v[c].note = note;
			break;
		}
	}
}

/* Store the verdicts and tell the caller; p is freed. */
static void
finish(struct pass *p)
{
	struct pass_result pr;
	char *cause = NULL;
	int save_rc;
	enum stage st;

	p->done = true;
	memset(&pr, 0, sizeof pr);
	pr.started_at = p->started_at;
	pr.finished_at = clock_now();
	if (pr.finished_at < p->started_at)
		pr.finished_at = p->started_at;
	pr.reachable = !p->home_failed;
	pr.pages = p->pages;
	pr.bytes = p->bytes;
	pr.errors = p->errors;
	if (p->home_failed)
		judge_unreachable(pr.v, p->unit->url, p->why);
	else {
		judge_verdicts(p->judge, pr.v);
		note_hints(p, pr.v);
	}
	pr.counted = p->cfg->criteria;
	st = stage_enter(STAGE_STORE);
	save_rc = store_save_pass(p->st, p->unit->id, &pr, &cause);
	stage_leave(st);
	/*
	 * The cache rows waiting go after the verdicts and their evidence: a
	 * page whose row is kept answers 304 next time, with no body left to
	 * archive. When the pass is not stored they are dropped (pass_free).
	 */
	if (save_rc == -1) {
		log_errx("%s: cannot store the pass: %s", p->unit->id, cause);
		free(cause);
	} else {
		evidence_archive(p->ev, p->st, pr.v, pr.finished_at, p->unit->id);
		flush_cache(p);
	}
	/* Before the callback starts the next pass: its hosts then count, not ours. */
	fetcher_owner_done(p->f, p);
	if (p->cb != NULL)
		p->cb(p->unit->id, &pr, save_rc, p->arg);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
	pass_free(p);
}

/* The extraction of a 304 page, from the cache; NULL when the cache is unusable. */
static struct extracted *
cached_extract(struct pass *p, const char *url, char **sha256)
{
	struct fetch_state fs;
	struct extracted *ex = NULL;
	char *cause = NULL;
	enum stage st = stage_enter(STAGE_STORE);
	int got = store_get_fetch_state(p->st, url, &fs, &cause);

	stage_leave(st);
	*sha256 = NULL;
	if (got != 1) {
		free(cause);
		return NULL;
	}
	if (fs.extracted != NULL &&
	    (ex = extract_deserialize(fs.extracted, fs.extracted_len, &cause)) == NULL) {
		log_warnx("%s: cached extraction of %s unusable: %s", p->unit->id, url, cause);
		free(cause);
	}
	if (ex != NULL) {
		*sha256 = fs.content_hash;
		fs.content_hash = NULL;
	}
	fetch_state_clear(&fs);
	return ex;
}

/*
 * Is a fetched page's extraction cached (cache_extract)? When it came with
 * validators, or replace: the row holds an unusable extraction, rewritten
 * even without them (then the next pass asks unconditionally).
 */
static bool
cache_wanted(const struct fetch_result *res, bool replace)
{
	return res->etag != NULL || res->last_modified != NULL || replace;
}

/*
 * Remember validators and extraction of a fetched page for the next pass's
 * 304, when cache_wanted. blob: ex serialised already (the worker's), taken;
 * NULL: serialised here.
 */
static void
cache_extract(struct pass *p, const struct fetch_result *res,
    const struct extracted *ex, const char *sha256, bool replace, void *blob,
    size_t blob_len)
{
	struct fetch_state *fs;
	enum stage st;

	if (!cache_wanted(res, replace)) {
		free(blob);
		return;	/* nothing to revalidate with */
	}
	p->pend = xreallocarray(p->pend, p->npend + 1, sizeof *p->pend);
	p->pend_urls = xreallocarray(p->pend_urls, p->npend + 1, sizeof *p->pend_urls);
	p->pend_urls[p->npend] = xstrdup(res->url);
	fs = &p->pend[p->npend++];
	memset(fs, 0, sizeof *fs);
	fs->etag = xstrdup0(res->etag);
	fs->last_modified = xstrdup0(res->last_modified);
	fs->content_hash = xstrdup0(sha256);
	fs->status = (int)res->status;
	fs->fetched_at = p->now;
	if (blob != NULL) {
		fs->extracted = blob;
		fs->extracted_len = blob_len;
	} else {
		st = stage_enter(STAGE_STORE);
		extract_serialize(ex, &fs->extracted, &fs->extracted_len);
		stage_leave(st);
	}
	p->pend_bytes += fs->extracted_len + strlen(res->url);
	if (p->pend_bytes >= PASS_CACHE_BYTES)
		flush_cache(p);
}

static bool
ok_status(long status)
{
	return status >= 200 && status < 300;
}

/* Queue the links of a page for the crawl, best first. */
static void
queue_links(struct pass *p, const struct extracted *ex, int depth)
{
	if (!ex->html || depth >= p->cfg->max_depth)
		return;
	/*
	 * ex is the page judge_add_page was given last: its folds are reused.
	 * Most links are the site's menus, offered on every page: a link the
	 * frontier refuses already needs no priority.
	 */
	for (size_t i = 0; i < ex->n_links; i++)
		if (!frontier_refuses(p->fr, ex->links[i].url, depth + 1))
			frontier_add(p->fr, ex->links[i].url, depth + 1,
			    judge_page_link_priority(p->judge, i));
}

/* Ask for rq's page again, unconditionally; it keeps its place in max_pages. */
static void
refetch(struct pass *p, struct pass_req *rq)
{
	struct fetch_request req;

	free(rq->etag);
	free(rq->last_modified);
	rq->etag = rq->last_modified = NULL;
	rq->refetched = true;
	memset(&req, 0, sizeof req);
	req.url = rq->url;
	req.owner = p;
	p->inflight++;
	fetch_submit(p->f, &req, pass_fetch_cb, rq);
}

static void page_done(struct pass_req *, struct fetch_result *, struct extracted *,
    char *, bool);

static void
pass_req_free(struct pass_req *rq)
{
	free(rq->etag);
	free(rq->last_modified);
	free(rq->url);
	free(rq);
}

/* A document's reading is over: cache it with its page and go on. */
static void
pass_doc_cb(void *arg)
{
	struct pass_req *rq = arg, **pp;
	struct pass *p = rq->p;

	for (pp = &p->docs; *pp != rq; pp = &(*pp)->next)
		;
	*pp = rq->next;
	rq->doc = NULL;
	p->inflight--;
	if (rq->ex->doc_note != NULL)
		log_info("%s: %s: %s", p->unit->id, rq->res->url, rq->ex->doc_note);
	cache_extract(p, rq->res, rq->ex, rq->sha256, rq->refetched, NULL, 0);
	page_done(rq, rq->res, rq->ex, rq->sha256, true);
}

/* Did the secretariat hint at url (as the frontier writes it)? */
static bool
hinted(const struct pass *p, const char *url)
{
	for (size_t i = 0; i < p->nhints; i++)
		if (strcmp(p->hints[i].url, url) == 0)
			return true;
	return false;
}

/*
 * Is the document rq fetched worth reading (SPEC "Documents": evidence or a
 * candidate)? The home page, a hinted URL, or one the judge wants: a link to
 * it is a candidate or says nothing by itself.
 */
static bool
doc_wanted(const struct pass *p, const struct pass_req *rq, const char *final_url)
{
	return rq->wanted || rq->home || judge_wants_document(p->judge, rq->url) ||
	    judge_wants_document(p->judge, final_url) || hinted(p, rq->url);
}

/*
 * A fresh PDF or DOCX is read before it is judged, when wanted (else it is
 * marked unread); true when that goes on in the background (the request
 * stays in flight, pass_doc_cb resumes it).
 */
static bool
read_document(struct pass_req *rq, struct fetch_result *res, struct extracted *ex,
    char *sha256)
{
	struct pass *p = rq->p;
	struct doc_limits lim;

	if (ex->html || !doc_is_document(res->content_type, res->body, res->len))
		return false;
	if (!doc_wanted(p, rq, res->final_url)) {
		ex->doc = DOC_UNREAD;
		/* A page judged later may still link to it as a candidate. */
		if (!rq->wanted && p->nunread < PASS_MAX_UNREAD) {
			p->unread = xreallocarray(p->unread, p->nunread + 1, sizeof *p->unread);
			p->unread[p->nunread++] = xstrdup(rq->url);
		}
		return false;
	}
	doc_limits_default(&lim, p->cfg->timeout);
	rq->res = res;
	rq->ex = ex;
	rq->sha256 = sha256;
	rq->doc = doc_read(fetcher_base(p->f), &lim, ex, res->content_type, res->body,
	    res->len, date_of_time(p->now), pass_doc_cb, rq);
	if (rq->doc == NULL) {
		if (ex->doc_note != NULL)
			log_info("%s: %s: %s", p->unit->id, res->url, ex->doc_note);
		return false;
	}
	rq->next = p->docs;
	p->docs = rq;
	p->inflight++;	/* until pass_doc_cb: the pass cannot finish under it */
	return true;
}

static void
pass_fetch_cb(struct fetch_result *res, void *arg)
{
	struct pass_req *rq = arg;
	struct pass *p = rq->p;
	struct extracted *ex = NULL;
	char *sha256 = NULL;
	bool loaded;

	p->inflight--;
	if (p->cancelled) {
		if (p->inflight == 0)
			pass_free(p);
		goto out;
	}
	p->bytes += (int64_t)res->len;
	/*
	 * A page of the unit's host that redirects to another host is not
	 * followed there: the crawl stays on the unit's host, as for links.
	 * (The home page may move, hints may be anywhere.)
	 */
	if (res->err == FETCH_OK && !rq->home && !hinted(p, rq->url) &&
	    frontier_on_host(p->fr, rq->url) &&
	    !frontier_on_host(p->fr, res->final_url)) {
		log_debug("%s: %s redirects off the unit's host to %s: not followed",
		    p->unit->id, rq->url, res->final_url);
		fetch_result_free(res);
		pass_req_free(rq);
		pump(p);
		return;
	}
	if (res->err == FETCH_OK && res->not_modified)
		ex = cached_extract(p, rq->url, &sha256);
	if (ex != NULL && ex->doc == DOC_UNREAD && !rq->refetched &&
	    doc_wanted(p, rq, res->final_url)) {
		/* Unread last time, wanted now: its body is needed. */
		log_debug("%s: %s is wanted now: fetching it again to read it", p->unit->id,
		    res->url);
		extracted_free(ex);
		free(sha256);
		fetch_result_free(res);
		refetch(p, rq);
		return;
	}
	if (res->err == FETCH_OK && res->not_modified && ex == NULL && !rq->refetched) {
		/* The cached extraction is gone or unusable: fetch again without validators. */
		log_debug("%s: 304 for %s without a usable cached extraction: fetching again",
		    p->unit->id, res->url);
		fetch_result_free(res);
		refetch(p, rq);
		return;
	}
	loaded = res->err == FETCH_OK && (ok_status(res->status) ||
	    (res->not_modified && ex != NULL));
	if (loaded && ex == NULL) {
		/* Extracted, hashed and serialised off the loop: page_processed_cb goes on. */
		rq->job.res = res;
		rq->job.want_blob = cache_wanted(res, rq->refetched);
		p->inflight++;	/* until page_processed_cb */
		worker_submit(p->w, &rq->job, p, page_processed_cb, rq);
		return;
	}
	page_done(rq, res, ex, sha256, loaded);
	return;
out:
	fetch_result_free(res);
	pass_req_free(rq);
}

/* A fresh page processed (worker.h): keep its body as evidence, read it if a document, cache it, judge it. */
static void
page_processed_cb(struct page_job *job, bool cancelled, void *arg)
{
	struct pass_req *rq = arg;
	struct pass *p = rq->p;
	enum stage st;

	p->inflight--;
	if (cancelled || p->cancelled) {
		page_job_clear(job);
		pass_req_free(rq);
		if (p->cancelled && p->inflight == 0)
			pass_free(p);
		return;
	}
	st = stage_enter(STAGE_STORE);
	evidence_seen(p->ev, p->st, job->sha256, job->res->content_type, job->res->body,
	    job->res->len);
	stage_leave(st);
	/* A document's blob is never made by the worker: nothing to free when it is read. */
	if (read_document(rq, job->res, job->ex, job->sha256))
		return;
	cache_extract(p, job->res, job->ex, job->sha256, rq->refetched, job->blob,
	    job->blob_len);
	/* rq, with job in it, is freed there. */
	page_done(rq, job->res, job->ex, job->sha256, true);
}

/* Judge a fetched (or failed) page and queue its links; rq, res, ex and sha256 are freed. */
static void
page_done(struct pass_req *rq, struct fetch_result *res, struct extracted *ex,
    char *sha256, bool loaded)
{
	struct pass *p = rq->p;
	struct judge_page pg;

	if (loaded)
		p->pages++;
	else if (res->err != FETCH_ROBOTS)
		p->errors++;
	if (rq->home && !loaded) {
		p->home_failed = true;
		p->why = res->err != FETCH_OK ? xasprintf("%s", res->error ? res->error :
		    fetch_error_name(res->err)) : xasprintf("HTTP %ld", res->status);
	}
	memset(&pg, 0, sizeof pg);
	pg.url = rq->url;
	pg.final_url = strcmp(res->final_url, res->url) != 0 ? res->final_url : NULL;
	pg.status = loaded ? (res->not_modified ? 200 : res->status) : res->status;
	pg.ex = loaded ? ex : NULL;
	pg.sha256 = sha256;
	pg.last_modified = res->last_modified;
	/* The worker's folds of ex (page_processed_cb), else none: the judge takes them. */
	pg.folds = rq->job.folds;
	rq->job.folds = NULL;
	if (rq->home && loaded)
		frontier_add_host(p->fr, res->final_url);
	if (!p->home_failed) {
		enum stage st = stage_enter(STAGE_JUDGE);

		judge_add_page(p->judge, &pg);
		if (loaded)
			queue_links(p, ex, rq->depth);
		stage_leave(st);
	} else
		judge_folds_free(pg.folds);
	if (ex != NULL)
		extracted_free(ex);
	free(sha256);
	fetch_result_free(res);
	pass_req_free(rq);
	pump(p);
}

/*
 * Keep up to per_host requests of this pass in flight; finish when there is
 * nothing left. True when the pass finished (p is freed).
 */
static bool
pump(struct pass *p)
{
	struct fetch_request req;
	struct pass_req *rq;
	char *cause = NULL;
	int depth;
	enum stage st;

	while (!p->home_failed && p->inflight < p->cfg->per_host &&
	    p->requested < p->cfg->max_pages && !judge_settled(p->judge)) {
		char *url = frontier_pop(p->fr, &depth);

		if (url == NULL)
			break;
		rq = xcalloc(1, sizeof *rq);
		rq->p = p;
		rq->url = url;
		rq->depth = depth;
		rq->home = p->requested == 0;
		memset(&req, 0, sizeof req);
		req.url = url;
		req.owner = p;
		/*
		 * Revalidate only what we can reuse: an extraction in the cache.
		 * Only the validators are read now; the blob is read on a 304, so
		 * queued requests hold no extraction.
		 */
		st = stage_enter(STAGE_STORE);
		if (store_get_validators(p->st, url, &rq->etag, &rq->last_modified,
		    &cause) == -1) {
			log_warnx("%s: %s", p->unit->id, cause);
			free(cause);
			cause = NULL;
		}
		stage_leave(st);
		req.etag = rq->etag;
		req.last_modified = rq->last_modified;
		p->requested++;
		p->inflight++;
		fetch_submit(p->f, &req, pass_fetch_cb, rq);
	}
	if (p->inflight == 0 && !p->done && !reread_wanted(p)) {
		finish(p);
		return true;
	}
	return false;
}

struct pass *
pass_start(struct fetcher *f, struct worker *w, struct store *st,
    const struct config *cfg, const struct unit_conf *unit, int64_t now,
    pass_done_cb cb, void *arg)
{
	struct pass *p = xcalloc(1, sizeof *p);
	char *cause = NULL;

	p->f = f;
	p->w = w;
	p->st = st;
	p->cfg = cfg;
	p->unit = unit;
	p->now = now;
	p->started_at = now;
	p->cb = cb;
	p->arg = arg;
	p->judge = judge_new(unit->url, now, cfg);
	p->fr = frontier_new(unit->url, PASS_MAX_QUEUED);
	p->ev = evidence_new();
	if (!frontier_add(p->fr, unit->url, 0, PRIO_HOME)) {
		log_errx("%s: bad home URL %s", unit->id, unit->url);
		p->home_failed = true;
		p->why = xstrdup("địa chỉ cổng thông tin không hợp lệ");
	}
	if (store_hints(st, unit->id, &p->hints, &p->nhints, &cause) == -1) {
		log_warnx("%s: hints: %s", unit->id, cause);
		free(cause);
	}
	/* As typed in the dashboard; compared below with URLs as the frontier writes them. */
	for (size_t i = 0; i < p->nhints; i++) {
		struct url_parts u;

		if (url_parse(p->hints[i].url, URL_WEB, &u) == 0) {
			free(p->hints[i].url);
			p->hints[i].url = u.url;
			u.url = NULL;
			url_parts_free(&u);
		}
	}
	/* At max_depth: the hinted page is judged, its links are not followed. */
	for (size_t i = 0; i < p->nhints; i++)
		if (frontier_add_hint(p->fr, p->hints[i].url, cfg->max_depth, PRIO_HINT))
			log_debug("%s: hinted %s", unit->id, p->hints[i].url);
	/* fetch_submit never calls back at once: only a pass over at once (bad URL) is freed here. */
	if (pump(p))
		return NULL;
	return p;
}

void
pass_cancel(struct pass *p)
{
	if (p == NULL || p->done)
		return;
	p->cancelled = true;
	fetcher_owner_done(p->f, p);	/* it submits nothing more */
	flush_cache(p);	/* what was fetched is good for the next pass */
	while (p->docs != NULL) {
		struct pass_req *rq = p->docs;

		p->docs = rq->next;
		doc_cancel(rq->doc);
		extracted_free(rq->ex);
		free(rq->sha256);
		fetch_result_free(rq->res);
		pass_req_free(rq);
		p->inflight--;
	}
	/* The pages at the worker come back, cancelled, now; the pass is held meanwhile. */
	p->inflight++;
	worker_cancel(p->w, p);
	if (--p->inflight == 0) {
		pass_free(p);
		return;
	}
	fetcher_cancel(p->f, p);
}

/*
 * At the end of the crawl, documents left unread that a page judged since
 * links to as a candidate (or "Tải về") are fetched again, once, and read:
 * whether one is wanted is known only when every page has been seen. True
 * when any was asked for.
 */
static bool
reread_wanted(struct pass *p)
{
	struct fetch_request req;
	bool asked = false;

	for (size_t i = 0; i < p->nunread; i++) {
		struct pass_req *rq;

		if (p->cancelled || p->home_failed ||
		    !judge_wants_document(p->judge, p->unread[i])) {
			free(p->unread[i]);
			continue;
		}
		rq = xcalloc(1, sizeof *rq);
		rq->p = p;
		rq->url = p->unread[i];
		rq->depth = p->cfg->max_depth;
		rq->wanted = true;
		rq->refetched = true;	/* no validators: the body is needed */
		memset(&req, 0, sizeof req);
		req.url = rq->url;
		req.owner = p;
		p->inflight++;
		fetch_submit(p->f, &req, pass_fetch_cb, rq);
		asked = true;
	}
	p->nunread = 0;
	return asked;
}

/*
 * judge.h: the criteria of SPEC.md judged over one unit's pages. The
 * crawl feeds each fetched page (judge_add_page), asks which links to fetch
 * first (judge_link_priority) and whether it may stop (judge_settled), then
 * takes the verdicts (judge_verdicts). Pure: no network, no clock ("now" is
 * given). The rules themselves are rows of lib/criteria.c.
 */
#ifndef TCTT_JUDGE_H
#define TCTT_JUDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct config;
struct ext_link;
struct extracted;
struct judge;
struct judge_folds;

/* One fetched (or failed) page. Everything borrowed for the call only, but folds. */
struct judge_page {
	const char		*url;		/* as requested: what links point to */
	const char		*final_url;	/* after redirects; NULL when the same */
	long			 status;	/* HTTP status; 0 when no response */
	const struct extracted	*ex;		/* NULL when nothing was read */
	const char		*sha256;	/* hex digest of the body, or NULL */
	const char		*last_modified;	/* HTTP header, or NULL */
	/* judge_fold_page(ex) made beforehand, or NULL (judge_add_page folds); taken, never borrowed. */
	struct judge_folds	*folds;
};

/*
 * The texts of HTML page ex the judge reads, folded and hashed ahead, for
 * judge_add_page (NULL for a document). Pure and thread-safe once fold_init
 * ran: the worker thread makes them, so the event loop need not.
 */
struct judge_folds *judge_fold_page(const struct extracted *ex);
/* NULL is fine. */
void judge_folds_free(struct judge_folds *f);

/*
 * A judge for the unit whose home page is home_url, on the day of now; the
 * max_age keys of cfg are read now (cfg NULL: never stale). Caller frees.
 */
struct judge *judge_new(const char *home_url, int64_t now, const struct config *cfg);
void judge_free(struct judge *j);

/* Take what matters from a page; pg and what it points to stay the caller's. */
void judge_add_page(struct judge *j, const struct judge_page *pg);
/* How soon to fetch link l, found on page from_url: higher first; 0 for an ordinary link. */
int judge_link_priority(const struct judge *j, const char *from_url,
    const struct ext_link *l);
/*
 * judge_link_priority of link i of the HTML page last added, found on it, on
 * the texts judge_add_page folded: its extracted must still be the caller's.
 */
int judge_page_link_priority(struct judge *j, size_t i);
/*
 * Is the document at url worth reading (SPEC "Documents"): a link to it on a
 * page added so far is a candidate for a criterion, or says nothing by
 * itself ("Tải về", "Xem", a file name...)?
 */
bool judge_wants_document(const struct judge *j, const char *url);
/* True when all are ok and their evidence was fetched: the crawl may stop. */
bool judge_settled(const struct judge *j);
/* The verdicts (since left 0); caller frees each with verdict_clear. */
void judge_verdicts(const struct judge *j, struct verdict v[CRIT_COUNT]);
/* Pages added so far. */
int judge_pages(const struct judge *j);

/* All unreachable because the home page could not be fetched (why: the cause). */
void judge_unreachable(struct verdict v[CRIT_COUNT], const char *home_url,
    const char *why);
/* SHA-256 of len bytes as 64 hex digits. Caller frees. */
char *judge_sha256_hex(const void *data, size_t len);

#endif

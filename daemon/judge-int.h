/* judge-int.h: the judge's state, shared by judge.c (reading pages) and judge-verdict.c (deciding). */
#ifndef TCTT_JUDGE_INT_H
#define TCTT_JUDGE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "criteria.h"

struct extracted;
struct verdict;

#define JUDGE_MAX_CANDS		2000	/* candidates kept for one unit */
#define SECTION_MAX_WORDS	8
#define SECTION_MAX_PAGES	16	/* a section page and its next pages, as read */

/* A page the crawl fetched (or failed to). */
struct jpage {
	char		*url;
	char		*final_url;	/* NULL when the same */
	bool		 loaded;	/* 2xx (or 304) */
	long		 status;
	bool		 html;
	bool		 has_form;	/* an input form in its own content */
	char		*sha256;
	int		 lm_date;	/* date of Last-Modified, 0 none */
	int		 content_date;	/* latest labelled content date not in the future */
	char		*title;		/* what the page is titled, for notes */
	int		 doc;		/* a document's reading (enum doc_state), 0 for a page */
	char		*doc_note;	/* why the document could not be read, or NULL */
	uint64_t	*out;		/* hashes of the URLs it links to, sorted */
	size_t		 n_out;
	uint64_t	*out_nav;	/* the same for links in its header, menu, footer */
	size_t		 n_out_nav;
	struct fblock	*focal;		/* its blocks naming the đầu mối with a contact */
	size_t		 n_focal;
	uint64_t	*contact_sigs;	/* when titled as a focal-point notice: its blocks with a contact */
	size_t		 n_contact;
};

/* A block of a page that may be a focal point, told from the site's template at verdict time. */
struct fblock {
	uint64_t	 sig;		/* template_sig of its text */
	char		*text;
};

/*
 * What of an HTML page the judge reads depends on its text alone: folded
 * (fold.h) and hashed by judge_fold_page, on the worker thread when the page
 * came through it, else by judge_add_page. pfold takes these fields over.
 */
struct judge_folds {
	const struct extracted *ex;	/* what they were made of */
	char		*head;		/* title, then " — " and the first heading */
	char		*fhead;		/* head folded */
	char		**blocks;	/* ex->blocks folded */
	char		**labels;	/* ex->links[i].label folded */
	bool		*generic;	/* labels[i] says nothing by itself (generic()) */
	/* template_add_page's: template_sig of each block, then each link's URL hash ^ LINK_SIG. */
	uint64_t	*sigs;
	size_t		 n_blocks, n_links;
};

/*
 * One page's texts folded once (fold.h) for judge.c and judge-items.c: taken
 * by judge_add_page, kept until the next page or judge_free, so that
 * judge_page_link_priority reads the same folds. The blocks around links are
 * folded on first use (most links need none).
 */
struct pfold {
	const struct extracted *ex;	/* borrowed: the caller's until its links are queued */
	char		*url;		/* the page's URL (final) */
	char		*head;		/* as in struct judge_folds */
	char		*fhead;
	char		**blocks;
	char		**labels;
	char		**arounds;	/* ex->links[i].around folded, NULL until pfold_around */
	bool		*generic;
	uint64_t	*sigs;
	size_t		 n_blocks, n_links;	/* kept: ex is gone when they are freed */
};

/* Something that may be a criterion's evidence: a link, a titled page, a block. */
struct cand {
	enum criterion	 crit;
	char		*url;		/* the evidence */
	char		*via;		/* the page it was found on */
	char		*label;		/* the words that matched, as written */
	int		 date;		/* latest date in label or block, 0 none */
	bool		 date_in_label;
	bool		 nav;		/* a navigation link */
	bool		 page;		/* the page itself is titled so (or holds the block) */
	int		 seq;		/* order found */
	/* The section's items (judge-items.c): */
	char		*addr;		/* the address a channel gives, NULL none */
	bool		 form_link;	/* a channel by a link to an online form: url is the form */
	bool		 info;		/* a complaint channel that speaks of information */
	bool		 weak;		/* noted (another form of Art. 5) but not evidence by itself */
	char		 form_no[4];	/* "01a", "02"...: the form a link names, "" none */
};

struct judge {
	char		*home;
	int		 today;		/* YYYYMMDD */
	int64_t		 max_age[CRIT_COUNT];	/* seconds, 0 never stale */
	struct jpage	*pages;
	size_t		 n_pages;
	size_t		*ptab;		/* open addressing: URL -> page index + 1 (0 empty) */
	size_t		 ptab_cap;	/* a power of two */
	size_t		 ptab_n;
	struct cand	*cands;
	size_t		 n_cands;
	size_t		*ctab;		/* index of cands by identity: index + 1 (0 empty) */
	size_t		 ctab_cap;
	char		*excluded[CRIT_COUNT];	/* first label refused by an exclusion, for notes */
	struct template	*tpl;		/* the sites' templates, learnt from the pages read */
	int		 seq;
	struct pfold	 cur;		/* the page last added, folded */
	uint64_t	*want;		/* open addressing: hashes of URLs worth reading (0 empty) */
	size_t		 want_cap;	/* a power of two */
	size_t		 want_n;
};

/* judge.c */
/* The page fetched as url (requested or final), or NULL. */
const struct jpage *judge_page_of(const struct judge *j, const char *url);
/* Does page p link to url, other than through the site-wide menu? */
bool judge_links_to(const struct judge *j, const struct jpage *p, const char *url);
/* Is page p the page at url? */
bool judge_page_is(const struct jpage *p, const char *url);
/* Record a candidate (copied), merging with one of the same criterion and URL. */
void judge_add_cand(struct judge *j, const struct cand *c);
/* 1: folded text matches crit's row; 0: no; -1: it would but an exclusion refuses it. */
int judge_match(enum criterion crit, const char *f);
/* Does folded text give a phone number or an e-mail address? */
bool judge_has_contact(const char *f);
/* Note the first label an exclusion refused for crit. */
void judge_note_excluded(struct judge *j, enum criterion crit, const char *label);

/* Link i's block of the current page, folded (on first use). */
const char *pfold_around(struct pfold *f, size_t i);

/* judge-items.c: request and complaint channels, forms, guidance (Decree 13 Art. 11(1)) */
/* Read an HTML page's blocks and links for them, on the folds of j->cur (judge_add_page). */
void judge_items_page(struct judge *j, const char *url, const struct extracted *ex);
/* Is crit one of them (judged by judge_items_verdict)? */
bool judge_is_item(enum criterion crit);
/* Decide crit given the chosen section page sec (NULL none); fills v. */
void judge_items_verdict(const struct judge *j, enum criterion crit,
    const struct jpage *sec, struct verdict *v);
/* The section page sec and the pages of it read (page-2/, page/2/, ?page=2), at most max, into out. */
size_t judge_section_pages(const struct judge *j, const struct jpage *sec,
    const struct jpage **out, size_t max);
/*
 * The text of page p's focal-point block that is its own (not the site's template), or NULL;
 * *repeated: the best one is also on another page (too few pages read to tell).
 */
const char *judge_focal_text(const struct judge *j, const struct jpage *p, bool *repeated);

#endif

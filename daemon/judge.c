/* judge.c: reading each page of a unit for evidence of the criteria (the rules: lib/criteria.c). */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "config.h"
#include "contact.h"
#include "dates.h"
#include "document.h"
#include "extract.h"
#include "fold.h"
#include "hash.h"
#include "judge.h"
#include "judge-int.h"
#include "stagecpu.h"
#include "template.h"
#include "xmalloc.h"

/* Labels that say nothing by themselves; the block around the link stands for them. */
static const char *const generic_labels[] = {
	"chi tiet", "xem", "xem chi tiet", "tai ve", "tai xuong", "download",
	"xem tiep", "doc tiep", "xem them", "tai day", "bam vao day", "click here",
	"here", "link", "dinh kem", "file dinh kem", "tep dinh kem", "van ban dinh kem",
	"xem file", "tai file", "tai tep", "xem van ban", "tap tin", "file", "pdf",
	"doc", "docx", "more", "view", NULL,
};

/* Extensions that make a label a file name. */
static const char *const file_exts[] = { ".pdf", ".doc", ".docx", ".xls", ".xlsx",
	".zip", ".rar", ".odt", ".ods", ".ppt", ".pptx", ".txt", ".jpg", ".png", NULL };

#define PRIO_PAGINATION	95	/* the next pages of the section or a relevant listing */

/* Mixed into a link's URL hash to make its template signature, apart from blocks'. */
#define LINK_SIG	0x6c696e6b5f736967ULL

bool
judge_page_is(const struct jpage *p, const char *url)
{
	return strcmp(p->url, url) == 0 ||
	    (p->final_url != NULL && strcmp(p->final_url, url) == 0);
}

const struct jpage *
judge_page_of(const struct judge *j, const char *url)
{
	size_t i;

	if (j->ptab_cap == 0)
		return NULL;
	for (i = hash_fnv1a64_str(url) & (j->ptab_cap - 1); j->ptab[i] != 0;
	    i = (i + 1) & (j->ptab_cap - 1)) {
		const struct jpage *p = &j->pages[j->ptab[i] - 1];

		if (judge_page_is(p, url))
			return p;
	}
	return NULL;
}

/* Index page number ix (0-based) under url, a loaded page winning over a failed one. */
static void
ptab_put(struct judge *j, const char *url, size_t ix)
{
	size_t i;

	if (2 * (j->ptab_n + 1) > j->ptab_cap) {
		size_t *old = j->ptab;

		j->ptab_cap = j->ptab_cap ? j->ptab_cap * 2 : 64;
		j->ptab = xcalloc(j->ptab_cap, sizeof *j->ptab);
		j->ptab_n = 0;
		free(old);
		/* Rehash: put every page known so far again, in order. */
		for (size_t p = 0; p <= ix; p++) {
			ptab_put(j, j->pages[p].url, p);
			if (j->pages[p].final_url)
				ptab_put(j, j->pages[p].final_url, p);
		}
	}
	for (i = hash_fnv1a64_str(url) & (j->ptab_cap - 1); j->ptab[i] != 0;
	    i = (i + 1) & (j->ptab_cap - 1)) {
		const struct jpage *p = &j->pages[j->ptab[i] - 1];

		if (judge_page_is(p, url)) {
			/* A page loaded wins over a failed one, a document read over one unread. */
			if (!p->loaded || p->doc == DOC_UNREAD)
				j->ptab[i] = ix + 1;
			return;
		}
	}
	j->ptab[i] = ix + 1;
	j->ptab_n++;
}

/* Is hash h in the sorted array a of n? */
static bool
hash_in(const uint64_t *a, size_t n, uint64_t h)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid] == h)
			return true;
		if (a[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool
judge_links_to(const struct judge *j, const struct jpage *p, const char *url)
{
	uint64_t h = hash_fnv1a64_str(url);
	const struct jpage *home;

	if (hash_in(p->out, p->n_out, h)) {
		const char *pu = p->final_url ? p->final_url : p->url;
		int n = template_count(j->tpl, pu, h ^ LINK_SIG);

		/*
		 * A link on most pages of the site is its menu, however the theme marks it
		 * up (on a few pages read: on more than half of them, the home page's too).
		 */
		if (!template_chrome(j->tpl, pu, h ^ LINK_SIG) &&
		    !(n >= 2 && 2 * n > template_pages(j->tpl, pu)))
			return true;
	} else if (!hash_in(p->out_nav, p->n_out_nav, h))
		return false;
	/* A menu link the home page has too is the site's menu, not the page's own. */
	home = judge_page_of(j, j->home);
	return home == NULL || home == p ||
	    !(hash_in(home->out, home->n_out, h) || hash_in(home->out_nav, home->n_out_nav, h));
}

/* A phrase of the criteria's rows (crit_info), with its length. */
struct phrase {
	const char	*s;
	size_t		 len;
};

#define PHRASES_MAX	512	/* phrases and alternatives of all rows together */

/*
 * Every row's require and exclude lists split once ("a|b" into a and b, each
 * NUL-terminated), so that matching, done for every text of every page, only
 * searches. A requirement is a run of alternatives ended by one with s NULL;
 * each list ends with an empty run. Exclusions and hints: one list each,
 * ended by s NULL.
 */
static struct {
	struct phrase	 p[PHRASES_MAX];
	char		 pool[PHRASES_MAX * 32];
	const struct phrase *require[CRIT_COUNT];
	const struct phrase *exclude[CRIT_COUNT];
	const struct phrase *hints;	/* every row's hints, in one list */
} phrase_tab;
static pthread_once_t phrase_once = PTHREAD_ONCE_INIT;

/* Add phrase s (n bytes) to the table; s NULL ends a run. */
static void
phrase_put(size_t *np, size_t *pool, const char *s, size_t n)
{
	struct phrase *ph;

	if (*np >= PHRASES_MAX || *pool + n + 1 > sizeof phrase_tab.pool)
		fatalx("criteria: too many phrases");
	ph = &phrase_tab.p[(*np)++];
	ph->s = NULL;
	ph->len = n;
	if (s == NULL)
		return;
	memcpy(phrase_tab.pool + *pool, s, n);
	phrase_tab.pool[*pool + n] = '\0';
	ph->s = phrase_tab.pool + *pool;
	*pool += n + 1;
}

static void
phrase_fill(void)
{
	size_t np = 0, pool = 0;

	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		const struct crit_info *ci = crit_info(crit);

		phrase_tab.require[crit] = &phrase_tab.p[np];
		for (const char *const *req = ci->require; req && *req; req++) {
			const char *p = *req, *bar;

			while ((bar = strchr(p, '|')) != NULL) {
				phrase_put(&np, &pool, p, (size_t)(bar - p));
				p = bar + 1;
			}
			phrase_put(&np, &pool, p, strlen(p));
			phrase_put(&np, &pool, NULL, 0);
		}
		phrase_put(&np, &pool, NULL, 0);
		phrase_tab.exclude[crit] = &phrase_tab.p[np];
		for (const char *const *ex = ci->exclude; ex && *ex; ex++)
			phrase_put(&np, &pool, *ex, strlen(*ex));
		phrase_put(&np, &pool, NULL, 0);
	}
	phrase_tab.hints = &phrase_tab.p[np];
	for (int crit = 0; crit < CRIT_COUNT; crit++)
		for (const char *const *h = crit_info(crit)->hints; h && *h; h++)
			phrase_put(&np, &pool, *h, strlen(*h));
	phrase_put(&np, &pool, NULL, 0);
}

/* The table, filled on first use. */
static void
phrase_init(void)
{
	if (pthread_once(&phrase_once, phrase_fill) != 0)
		fatalx("pthread_once failed");
}

/* Does folded text satisfy the required phrases (runs of alternatives: either)? */
static bool
has_all(const char *f, const struct phrase *req)
{
	while (req->s != NULL) {
		bool any = false;

		for (; req->s != NULL; req++)
			if (!any && fold_has_n(f, req->s, req->len))
				any = true;
		if (!any)
			return false;
		req++;	/* past the run's end */
	}
	return true;
}

/* Does folded text hold any excluded phrase? */
static bool
has_any(const char *f, const struct phrase *ex)
{
	for (; ex->s != NULL; ex++)
		if (fold_has_n(f, ex->s, ex->len))
			return true;
	return false;
}

/* 1: folded text matches crit's row; 0: no; -1: it would but an exclusion refuses it. */
static int
matches(enum criterion crit, const char *f)
{
	phrase_init();
	if (!has_all(f, phrase_tab.require[crit]))
		return 0;
	return has_any(f, phrase_tab.exclude[crit]) ? -1 : 1;
}

/* Is a folded label generic ("Xem", "Tải về", a file name, nothing)? */
static bool
generic(const char *f)
{
	size_t n = strlen(f);
	char core[64];
	size_t i, o = 0;

	if (fold_word_count(f) == 0)
		return true;
	for (i = 0; file_exts[i]; i++) {
		size_t e = strlen(file_exts[i]);

		if (n > e && strcmp(f + n - e, file_exts[i]) == 0 && fold_word_count(f) <= 6)
			return true;
	}
	/* Drop punctuation around the words: "[Xem chi tiết]", "Tải về >>". */
	for (i = 0; f[i] && o + 1 < sizeof core; i++)
		if (isalnum((unsigned char)f[i]) || f[i] == ' ' || (unsigned char)f[i] >= 0x80)
			core[o++] = f[i];
	core[o] = '\0';
	while (o > 0 && core[o - 1] == ' ')
		core[--o] = '\0';
	for (i = 0; core[i] == ' '; i++)
		;
	for (int k = 0; generic_labels[k]; k++)
		if (strcmp(core + i, generic_labels[k]) == 0)
			return true;
	return false;
}

/* Note url as worth reading, should it be a document. */
static void
want_add(struct judge *j, const char *url)
{
	uint64_t h = hash_fnv1a64_str(url) | 1;	/* never 0, the empty slot */
	size_t i;

	if (2 * (j->want_n + 1) > j->want_cap) {
		uint64_t *old = j->want;
		size_t cap = j->want_cap;

		j->want_cap = cap ? cap * 2 : 64;
		j->want = xcalloc(j->want_cap, sizeof *j->want);
		j->want_n = 0;
		for (size_t k = 0; k < cap; k++)
			if (old[k] != 0) {
				for (i = old[k] & (j->want_cap - 1); j->want[i] != 0;
				    i = (i + 1) & (j->want_cap - 1))
					;
				j->want[i] = old[k];
				j->want_n++;
			}
		free(old);
	}
	for (i = h & (j->want_cap - 1); j->want[i] != 0; i = (i + 1) & (j->want_cap - 1))
		if (j->want[i] == h)
			return;
	j->want[i] = h;
	j->want_n++;
}

bool
judge_wants_document(const struct judge *j, const char *url)
{
	uint64_t h = hash_fnv1a64_str(url) | 1;

	if (j->want_cap == 0)
		return false;
	for (size_t i = h & (j->want_cap - 1); j->want[i] != 0; i = (i + 1) & (j->want_cap - 1))
		if (j->want[i] == h)
			return true;
	return false;
}

/* Hash of a candidate's identity: criterion, URL, and whether it is the page itself. */
static uint64_t
cand_key(const struct cand *c)
{
	return hash_fnv1a64_str(c->url) ^ ((uint64_t)c->crit * 0x9e3779b97f4a7c15ULL) ^
	    (c->page ? 0x51ed27ULL : 0);
}

/* Slot of c's identity in the candidate index (empty slot when new). */
static size_t
ctab_slot(const struct judge *j, const struct cand *c)
{
	size_t i;

	for (i = cand_key(c) & (j->ctab_cap - 1); j->ctab[i] != 0;
	    i = (i + 1) & (j->ctab_cap - 1)) {
		const struct cand *o = &j->cands[j->ctab[i] - 1];

		if (o->crit == c->crit && o->page == c->page && strcmp(o->url, c->url) == 0)
			break;
	}
	return i;
}

/* Record a candidate, merging with one for the same criterion and URL. */
static void
add_cand(struct judge *j, const struct cand *c)
{
	struct cand *o;
	size_t i;

	if (j->ctab_cap == 0) {
		/* Room for every candidate at half load: never grows. */
		j->ctab_cap = 4096;
		j->ctab = xcalloc(j->ctab_cap, sizeof *j->ctab);
	}
	if (!c->page)
		want_add(j, c->url);	/* a link that is a candidate: its document is read */
	i = ctab_slot(j, c);
	if (j->ctab[i] != 0) {
		o = &j->cands[j->ctab[i] - 1];
		o->nav |= c->nav;
		if (c->date > o->date) {
			o->date = c->date;
			o->date_in_label = c->date_in_label;
			free(o->label);
			o->label = text_squeeze(c->label, 160);
		}
		return;
	}
	if (j->n_cands >= JUDGE_MAX_CANDS)
		return;
	j->cands = xreallocarray(j->cands, j->n_cands + 1, sizeof *j->cands);
	o = &j->cands[j->n_cands];
	*o = *c;
	o->url = xstrdup(c->url);
	o->via = xstrdup(c->via);
	o->label = text_squeeze(c->label, 160);
	o->addr = xstrdup0(c->addr);
	o->seq = j->seq++;
	j->ctab[i] = ++j->n_cands;
}

/* Note the first label an exclusion refused for crit. */
static void
note_excluded(struct judge *j, enum criterion crit, const char *label)
{
	if (j->excluded[crit] == NULL)
		j->excluded[crit] = text_squeeze(label, 160);
}

/* The latest date in the folded texts, not after today; *in_a: found in a. */
static int
latest_of(const struct judge *j, const char *a, const char *b, bool *in_a)
{
	int d[32];
	size_t n = dates_scan(a, d, 32);
	int da = dates_latest(d, n, j->today), db;

	n = b ? dates_scan(b, d, 32) : 0;
	db = dates_latest(d, n, j->today);
	*in_a = da != 0 && da >= db;
	return da > db ? da : db;
}

/* Does folded text hold one of the table's hint words of any criterion? */
static bool
hinted(const char *f)
{
	phrase_init();
	return has_any(f, phrase_tab.hints);
}

/* Does folded URL text hold one of the table's URL hints of any criterion? */
static bool
url_hinted(const char *furl)
{
	for (int crit = 0; crit < CRIT_COUNT; crit++)
		for (const char *const *h = crit_info(crit)->url_hints; h && *h; h++)
			if (strstr(furl, *h) != NULL)
				return true;
	return false;
}

/* Read link i of the current page (url) for candidates. */
static void
judge_link(struct judge *j, const char *url, size_t i)
{
	const struct ext_link *l = &j->cur.ex->links[i];
	const char *flabel = j->cur.labels[i], *faround = NULL;
	bool gen = j->cur.generic[i];
	const char *eff = gen ? l->around : l->label, *feff;
	struct cand c = { .url = l->url, .via = (char *)(uintptr_t)url, .nav = l->nav };

	if (gen)
		want_add(j, l->url);	/* its block or its own title may make it evidence */
	/* The block around is read only when it may matter (most links match nothing). */
	if (gen || hinted(flabel))
		faround = pfold_around(&j->cur, i);
	else {
		for (int crit = 0; crit < CRIT_COUNT && faround == NULL; crit++)
			if (crit_info(crit)->scope != SCOPE_BLOCK && matches(crit, flabel) != 0)
				faround = pfold_around(&j->cur, i);
		if (faround == NULL)
			return;
	}
	feff = gen ? faround : flabel;
	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		const struct crit_info *ci = crit_info(crit);
		int m;

		if (ci->scope != SCOPE_NAV_LABEL && ci->scope != SCOPE_TITLE)
			continue;
		if (ci->scope == SCOPE_NAV_LABEL) {
			/* A navigation label: the link's own short text, not a block or headline. */
			if (gen || (m = matches(crit, flabel)) == 0)
				continue;
			int d[1];

			/* A content link dated beside it is a news headline. */
			if (m < 0 || fold_word_count(flabel) > SECTION_MAX_WORDS ||
			    (!l->nav && dates_scan(faround, d, 1) > 0)) {
				note_excluded(j, crit, l->label);
				continue;
			}
			c.label = (char *)(uintptr_t)l->label;
			c.date = 0;
		} else {
			if ((m = matches(crit, feff)) == 0)
				continue;
			if (m < 0) {
				note_excluded(j, crit, eff);
				continue;
			}
			c.label = (char *)(uintptr_t)eff;
			c.date = latest_of(j, feff, gen ? NULL : faround, &c.date_in_label);
			c.date_in_label &= !gen;
		}
		c.crit = crit;
		add_cand(j, &c);
	}
}

/*
 * Is the page itself titled as one of the SCOPE_TITLE criteria, or does it
 * hold a SCOPE_BLOCK block? block_sigs: the template signature of each block.
 */
static void
judge_page_text(struct judge *j, struct jpage *p, const char *url, const struct extracted *ex,
    const uint64_t *block_sigs)
{
	const char *f = j->cur.fhead, *head = j->cur.head;
	bool titled;

	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		struct cand c = { .crit = crit, .url = (char *)(uintptr_t)url,
		    .via = (char *)(uintptr_t)url, .page = true };
		int m;

		if (crit_info(crit)->scope != SCOPE_TITLE || (m = matches(crit, f)) == 0)
			continue;
		if (m < 0) {
			note_excluded(j, crit, head);
			continue;
		}
		c.label = (char *)(uintptr_t)head;
		add_cand(j, &c);
	}
	/* An article or notice titled as the đầu mối: the contact anywhere in its body counts. */
	titled = matches(CRIT_FOCAL_POINT, f) == 1;
	for (size_t i = 0; i < ex->n_blocks; i++) {
		uint64_t sig = block_sigs[i];
		int m;

		f = j->cur.blocks[i];
		if ((m = matches(CRIT_FOCAL_POINT, f)) == 1 && contact_has(f)) {
			p->focal = xreallocarray(p->focal, p->n_focal + 1, sizeof *p->focal);
			p->focal[p->n_focal++] = (struct fblock){ sig, xstrdup(ex->blocks[i]) };
		} else if (m == 1)
			note_excluded(j, CRIT_FOCAL_POINT, ex->blocks[i]);
		else if (titled && contact_has(f)) {
			p->contact_sigs = xreallocarray(p->contact_sigs, p->n_contact + 1,
			    sizeof *p->contact_sigs);
			p->contact_sigs[p->n_contact++] = sig;
		}
	}
	if (p->n_focal > 0 || p->n_contact > 0) {
		struct cand c = { .crit = CRIT_FOCAL_POINT, .url = (char *)(uintptr_t)url,
		    .via = (char *)(uintptr_t)url, .page = true,
		    .label = p->n_focal > 0 ? p->focal[0].text : (char *)(uintptr_t)head };

		add_cand(j, &c);
	}
}

const char *
judge_focal_text(const struct judge *j, const struct jpage *p, bool *repeated)
{
	const char *url = p->final_url ? p->final_url : p->url, *got = NULL;

	/* A block found on this page only is surely its own; one repeated on too few pages to tell comes after. */
	*repeated = false;
	/* A document is its own: a notice titled with the đầu mối, its contact in its text (judge_document). */
	if (!p->html)
		return p->title;
	for (size_t i = 0; i < p->n_focal; i++) {
		if (template_chrome(j->tpl, url, p->focal[i].sig))
			continue;
		if (template_count(j->tpl, url, p->focal[i].sig) <= 1)
			return p->focal[i].text;
		if (got == NULL)
			got = p->focal[i].text;
	}
	for (size_t i = 0; i < p->n_contact; i++) {
		if (template_chrome(j->tpl, url, p->contact_sigs[i]))
			continue;
		if (template_count(j->tpl, url, p->contact_sigs[i]) <= 1)
			return p->title;
		if (got == NULL)
			got = p->title;
	}
	*repeated = got != NULL;
	return got;
}

/*
 * A document read (document.h) is a candidate by its own title for each
 * criterion whose link to it said nothing: its link and block come first.
 * A notice titled with the đầu mối that gives a contact in its text is a
 * focal point block, as an article would be.
 */
static void
judge_document(struct judge *j, const char *url, const struct extracted *ex)
{
	char *f;

	if (ex->doc != DOC_READ || *ex->title == '\0')
		return;
	f = fold_str(ex->title);
	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		struct cand c = { .crit = crit, .url = (char *)(uintptr_t)url,
		    .via = (char *)(uintptr_t)url, .page = true, .label = ex->title };
		struct cand link = c;
		int m;

		link.page = false;
		if (crit_info(crit)->scope != SCOPE_TITLE || (m = matches(crit, f)) == 0 ||
		    (j->ctab_cap != 0 && j->ctab[ctab_slot(j, &link)] != 0))
			continue;
		if (m < 0)
			note_excluded(j, crit, ex->title);
		else
			add_cand(j, &c);
	}
	if (matches(CRIT_FOCAL_POINT, f) == 1) {
		struct cand c = { .crit = CRIT_FOCAL_POINT, .url = (char *)(uintptr_t)url,
		    .via = (char *)(uintptr_t)url, .page = true, .label = ex->title };
		char *body = fold_str(ex->content);

		if (contact_has(body))
			add_cand(j, &c);
		else
			note_excluded(j, CRIT_FOCAL_POINT, ex->title);
		free(body);
	}
	free(f);
}

/* Forget the current page's folds. */
static void
pfold_clear(struct pfold *f)
{
	for (size_t i = 0; i < f->n_blocks; i++)
		free(f->blocks[i]);
	for (size_t i = 0; i < f->n_links; i++) {
		free(f->labels[i]);
		free(f->arounds[i]);
	}
	free(f->blocks);
	free(f->labels);
	free(f->arounds);
	free(f->generic);
	free(f->sigs);
	free(f->url);
	free(f->head);
	free(f->fhead);
	memset(f, 0, sizeof *f);
}

struct judge_folds *
judge_fold_page(const struct extracted *ex)
{
	struct judge_folds *f;
	struct buf t = { 0 };
	size_t n = 0;

	if (ex == NULL || !ex->html)
		return NULL;
	f = xcalloc(1, sizeof *f);
	f->ex = ex;
	f->n_blocks = ex->n_blocks;
	f->n_links = ex->n_links;
	buf_puts(&t, ex->title);
	if (ex->n_headings > 0) {
		buf_puts(&t, " \xe2\x80\x94 ");
		buf_puts(&t, ex->headings[0]);
	}
	f->head = buf_steal(&t);
	f->fhead = fold_str(f->head);
	f->blocks = xreallocarray(NULL, ex->n_blocks + 1, sizeof *f->blocks);
	f->sigs = xreallocarray(NULL, ex->n_blocks + ex->n_links + 1, sizeof *f->sigs);
	for (size_t i = 0; i < ex->n_blocks; i++) {
		f->blocks[i] = fold_str(ex->blocks[i]);
		f->sigs[n++] = template_sig(ex->blocks[i]);
	}
	f->labels = xreallocarray(NULL, ex->n_links + 1, sizeof *f->labels);
	f->generic = xreallocarray(NULL, ex->n_links + 1, sizeof *f->generic);
	/* Each link's label is read by judge_link, judge_items_page and for its priority. */
	for (size_t i = 0; i < ex->n_links; i++) {
		f->labels[i] = fold_str(ex->links[i].label);
		f->generic[i] = generic(f->labels[i]);
		f->sigs[n++] = hash_fnv1a64_str(ex->links[i].url) ^ LINK_SIG;
	}
	return f;
}

void
judge_folds_free(struct judge_folds *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n_blocks; i++)
		free(f->blocks[i]);
	for (size_t i = 0; i < f->n_links; i++)
		free(f->labels[i]);
	free(f->blocks);
	free(f->labels);
	free(f->generic);
	free(f->sigs);
	free(f->head);
	free(f->fhead);
	free(f);
}

/*
 * Make HTML page ex (at url) the current one, on its folds pre (taken;
 * made here when NULL or of another extraction).
 */
static void
pfold_build(struct pfold *f, const char *url, const struct extracted *ex,
    struct judge_folds *pre)
{
	pfold_clear(f);
	if (pre != NULL && (pre->ex != ex || pre->n_blocks != ex->n_blocks ||
	    pre->n_links != ex->n_links)) {
		judge_folds_free(pre);
		pre = NULL;
	}
	if (pre == NULL)
		pre = judge_fold_page(ex);
	f->ex = ex;
	f->url = xstrdup(url);
	f->head = pre->head;
	f->fhead = pre->fhead;
	f->blocks = pre->blocks;
	f->labels = pre->labels;
	f->generic = pre->generic;
	f->sigs = pre->sigs;
	f->n_blocks = pre->n_blocks;
	f->n_links = pre->n_links;
	f->arounds = xcalloc(ex->n_links + 1, sizeof *f->arounds);
	free(pre);
}

const char *
pfold_around(struct pfold *f, size_t i)
{
	if (f->arounds[i] == NULL)
		f->arounds[i] = fold_str(f->ex->links[i].around);
	return f->arounds[i];
}

/* Order hashes. */
static int
hash_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

struct judge *
judge_new(const char *home_url, int64_t now, const struct config *cfg)
{
	struct judge *j = xcalloc(1, sizeof *j);

	j->home = xstrdup(home_url);
	j->tpl = template_new();
	j->today = date_of_time(now);
	for (int crit = 0; crit < CRIT_COUNT; crit++)
		j->max_age[crit] = crit_max_age(cfg, crit);
	return j;
}

void
judge_free(struct judge *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->n_pages; i++) {
		free(j->pages[i].url);
		free(j->pages[i].final_url);
		free(j->pages[i].sha256);
		free(j->pages[i].title);
		free(j->pages[i].doc_note);
		free(j->pages[i].out);
		free(j->pages[i].out_nav);
		for (size_t k = 0; k < j->pages[i].n_focal; k++)
			free(j->pages[i].focal[k].text);
		free(j->pages[i].focal);
		free(j->pages[i].contact_sigs);
	}
	pfold_clear(&j->cur);
	free(j->want);
	template_free(j->tpl);
	free(j->pages);
	free(j->ptab);
	for (size_t i = 0; i < j->n_cands; i++) {
		free(j->cands[i].url);
		free(j->cands[i].via);
		free(j->cands[i].label);
		free(j->cands[i].addr);
	}
	free(j->cands);
	free(j->ctab);
	for (int i = 0; i < CRIT_COUNT; i++)
		free(j->excluded[i]);
	free(j->home);
	free(j);
}

void
judge_add_page(struct judge *j, const struct judge_page *pg)
{
	const struct extracted *ex = pg->ex;
	struct jpage *p;
	const char *url = pg->final_url ? pg->final_url : pg->url;
	enum stage st;

	pfold_clear(&j->cur);
	j->pages = xreallocarray(j->pages, j->n_pages + 1, sizeof *j->pages);
	p = &j->pages[j->n_pages++];
	memset(p, 0, sizeof *p);
	p->url = xstrdup(pg->url);
	if (pg->final_url != NULL && strcmp(pg->final_url, pg->url) != 0)
		p->final_url = xstrdup(pg->final_url);
	p->status = pg->status;
	p->loaded = ex != NULL && ((pg->status >= 200 && pg->status < 300) ||
	    pg->status == 304);
	p->sha256 = xstrdup0(pg->sha256);
	p->lm_date = dates_http(pg->last_modified);
	if (p->lm_date > j->today)
		p->lm_date = 0;
	ptab_put(j, p->url, j->n_pages - 1);
	if (p->final_url != NULL)
		ptab_put(j, p->final_url, j->n_pages - 1);
	if (!p->loaded) {
		judge_folds_free(pg->folds);
		return;
	}
	p->html = ex->html;
	p->has_form = ex->has_form;
	p->title = xstrdup(ex->title);
	p->content_date = dates_latest(ex->dates, ex->n_dates, j->today);
	if (ex->html) {
		st = stage_enter(STAGE_EXTRACT);
		pfold_build(&j->cur, url, ex, pg->folds);
		stage_leave(st);
	} else
		judge_folds_free(pg->folds);
	p->out = xreallocarray(NULL, ex->n_links, sizeof *p->out);
	p->out_nav = xreallocarray(NULL, ex->n_links, sizeof *p->out_nav);
	for (size_t i = 0; i < ex->n_links; i++) {
		uint64_t h = ex->html ? j->cur.sigs[ex->n_blocks + i] ^ LINK_SIG :
		    hash_fnv1a64_str(ex->links[i].url);

		if (ex->links[i].nav)
			p->out_nav[p->n_out_nav++] = h;
		else
			p->out[p->n_out++] = h;
	}
	qsort(p->out, p->n_out, sizeof *p->out, hash_cmp);
	qsort(p->out_nav, p->n_out_nav, sizeof *p->out_nav, hash_cmp);
	p->doc = ex->doc;
	p->doc_note = xstrdup0(ex->doc_note);
	if (!ex->html) {
		judge_document(j, url, ex);
		return;
	}
	/* The site's template: its blocks, and the links it repeats (menus). */
	template_add_page(j->tpl, url, j->cur.sigs, ex->n_blocks + ex->n_links);
	judge_page_text(j, p, url, ex, j->cur.sigs);
	for (size_t i = 0; i < ex->n_links; i++)
		judge_link(j, url, i);
	judge_items_page(j, url, ex);
}

/*
 * Is url a page of the listing at from: the listing's path followed by
 * "page-N/" or "page/N/" (NukeViet, WordPress), or the same path with a query
 * page=N or paged=N? from may itself be one of the listing's pages.
 */
static bool
pagination_of(const char *from, const char *url)
{
	char *base = xstrndup(from, strcspn(from, "?#")), *pg;
	size_t fl, ul = strcspn(url, "?#");
	bool r = false;

	if ((pg = strstr(base, "/page-")) != NULL || (pg = strstr(base, "/page/")) != NULL)
		pg[1] = '\0';
	fl = strlen(base);
	if (fl > 0 && base[fl - 1] == '/')
		fl--;
	if (ul > fl && strncmp(url, base, fl) == 0) {
		const char *tail = url + fl;

		if (strncmp(tail, "/page-", 6) == 0 || strncmp(tail, "/page/", 6) == 0)
			r = isdigit((unsigned char)tail[6]);
		else if ((*tail == '?' || (tail[0] == '/' && tail[1] == '?')) &&
		    (strstr(tail, "page=") != NULL || strstr(tail, "paged=") != NULL))
			r = true;
	}
	free(base);
	return r;
}

size_t
judge_section_pages(const struct judge *j, const struct jpage *sec, const struct jpage **out,
    size_t max)
{
	size_t n = 0;

	out[n++] = sec;
	for (size_t i = 0; i < j->n_pages && n < max; i++) {
		const struct jpage *p = &j->pages[i];

		if (p != sec && p->loaded && p->html && (pagination_of(sec->url, p->url) ||
		    (sec->final_url != NULL && pagination_of(sec->final_url, p->url))))
			out[n++] = p;
	}
	return n;
}

/*
 * How soon to fetch l, on its folded label; its block is folded when the
 * label is generic (through cur, as link li, when given).
 */
static int
link_priority(const struct judge *j, const char *from_url, const struct ext_link *l,
    const char *flabel, struct pfold *cur, size_t li)
{
	char *furl = fold_str(l->url), *faround = NULL;
	const char *feff = flabel;
	int score = 0;

	if (cur != NULL ? cur->generic[li] : generic(flabel))
		feff = cur != NULL ? pfold_around(cur, li) : (faround = fold_str(l->around));
	for (int crit = 0; crit < CRIT_COUNT; crit++)
		if (crit_info(crit)->scope != SCOPE_BLOCK && matches(crit, feff) == 1)
			score = score > 100 ? score : 100;
	if (score < 80 && url_hinted(furl))
		score = 80;
	if (score < 50 && hinted(feff))
		score = 50;
	/* Pages a section candidate links to may hold the focal point. */
	for (size_t i = 0; i < j->n_cands && from_url; i++)
		if (j->cands[i].crit == CRIT_SECTION && strcmp(j->cands[i].url, from_url) == 0) {
			score += 30;
			/* Its next pages list the rest of its documents: read them early. */
			if (pagination_of(from_url, l->url))
				score = score > PRIO_PAGINATION ? score : PRIO_PAGINATION;
			break;
		}
	/* The next page of a relevant listing's next page is as relevant as the listing. */
	if (from_url != NULL && pagination_of(from_url, l->url)) {
		char *ffrom = fold_str(from_url);

		if (url_hinted(ffrom))
			score = score > PRIO_PAGINATION ? score : PRIO_PAGINATION;
		free(ffrom);
	}
	if (score > 0 && l->nav)
		score += 5;
	free(furl);
	free(faround);
	return score;
}

int
judge_link_priority(const struct judge *j, const char *from_url, const struct ext_link *l)
{
	char *flabel = fold_str(l->label);
	int score = link_priority(j, from_url, l, flabel, NULL, 0);

	free(flabel);
	return score;
}

int
judge_page_link_priority(struct judge *j, size_t i)
{
	return link_priority(j, j->cur.url, &j->cur.ex->links[i], j->cur.labels[i], &j->cur, i);
}

int
judge_pages(const struct judge *j)
{
	return (int)j->n_pages;
}

char *
judge_sha256_hex(const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *hex;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1)
		fatalx("EVP_Digest sha256 failed");
	hex = xmalloc(2 * n + 1);
	for (unsigned int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}

/* The helpers judge-items.c shares. */
void
judge_add_cand(struct judge *j, const struct cand *c)
{
	add_cand(j, c);
}

int
judge_match(enum criterion crit, const char *f)
{
	return matches(crit, f);
}

bool
judge_has_contact(const char *f)
{
	return contact_has(f);
}

void
judge_note_excluded(struct judge *j, enum criterion crit, const char *label)
{
	note_excluded(j, crit, label);
}

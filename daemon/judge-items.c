/*
 * judge-items.c: the items Decree 13 Art. 11(1) puts in the section besides
 * the catalogs and the focal point: the address for requests over the
 * network, the channel for complaints, the request forms, the guidance.
 * Each is looked for in the section or a page it links to (SPEC.md, "The
 * criteria"); the phrases are rows of lib/criteria.c.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "fold.h"
#include "judge.h"
#include "judge-int.h"
#include "xmalloc.h"

/* Extensions of documents: a link to one is a file, never an online form. */
static const char *const doc_exts[] = { ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt",
	".zip", ".rar", NULL };

/* Forms of Decree 13 Art. 5 a note may list, in order. */
static const char *const form_nos[] = { "01a", "01b", "01c", "02", "03", "04", "05", "06", NULL };

/* Blocks that speak of information, for a complaint channel outside the section page. */
static const char *const about_info[] = { "thong tin", NULL };
/* ...but a channel for administrative procedures is not about access to information. */
static const char *const about_procedures[] = { "thu tuc hanh chinh", "quy dinh hanh chinh",
	"dich vu cong", NULL };
static const char *const about_access[] = { "tiep can thong tin", "cung cap thong tin", NULL };

bool
judge_is_item(enum criterion crit)
{
	enum crit_scope s = crit_info(crit)->scope;

	return s == SCOPE_CHANNEL || s == SCOPE_FORM_LINK || s == SCOPE_SECTION_TITLE;
}

/* Does folded text hold any phrase of the NULL-terminated list? */
static bool
has_one(const char *f, const char *const *list)
{
	for (; *list; list++)
		if (fold_has(f, *list))
			return true;
	return false;
}

/* The first e-mail address written in s, into out; false when none. */
static bool
find_email(const char *s, char *out, size_t size)
{
	for (const char *at = strchr(s, '@'); at != NULL; at = strchr(at + 1, '@')) {
		const char *b = at, *e = at + 1, *dot = NULL;

		while (b > s && (isalnum((unsigned char)b[-1]) || strchr("._%+-", b[-1])))
			b--;
		while (isalnum((unsigned char)*e) || *e == '.' || *e == '-') {
			if (*e == '.' && isalpha((unsigned char)e[1]))
				dot = e;
			e++;
		}
		while (e > at && e[-1] == '.')
			e--;
		if (b < at && dot != NULL && dot > at + 1 && dot < e && (size_t)(e - b) < size) {
			memcpy(out, b, (size_t)(e - b));
			out[e - b] = '\0';
			return true;
		}
	}
	return false;
}

/* Does folded text give a postal address ("địa chỉ: số 12 ...", "... phường ...")? */
static bool
has_postal(const char *f)
{
	const char *p = strstr(f, "dia chi");

	if (p == NULL)
		return false;
	for (p += 7; *p && p < strstr(f, "dia chi") + 80; p++)
		if (isdigit((unsigned char)*p))
			return true;
	return false;
}

/* Is url a document (PDF, Word...) by its path? */
static bool
is_document(const char *url)
{
	size_t n = strcspn(url, "?#");

	for (int i = 0; doc_exts[i]; i++) {
		size_t e = strlen(doc_exts[i]);

		if (n > e && strncasecmp(url + n - e, doc_exts[i], e) == 0)
			return true;
	}
	return false;
}

/* Is url on a public service portal (dichvucong...), whose forms count without a fetch? */
static bool
is_public_service(const char *url)
{
	const char *h = strstr(url, "://");
	size_t n;

	if (h == NULL)
		return false;
	h += 3;
	n = strcspn(h, "/:?#");
	for (const char *p = h; p + 10 <= h + n; p++)
		if (strncasecmp(p, "dichvucong", 10) == 0)
			return true;
	return false;
}

/* The form a folded label names ("mau so 01a", "mau 02"), into no; false when none. */
static bool
form_number(const char *f, char no[4])
{
	for (const char *p = strstr(f, "mau"); p != NULL; p = strstr(p + 1, "mau")) {
		const char *q = p + 3;
		char got[4];
		size_t n = 0;

		if (p > f && isalnum((unsigned char)p[-1]))
			continue;
		if (strncmp(q, " so", 3) == 0)
			q += 3;
		while (*q == ' ' || *q == ':' || *q == '.')
			q++;
		while (n < 2 && isdigit((unsigned char)q[n]))
			n++;
		if (n != 2)
			continue;
		memcpy(got, q, n);
		if (isalpha((unsigned char)q[n]) && !isalnum((unsigned char)q[n + 1])) {
			got[n] = q[n];
			n++;
		} else if (isalnum((unsigned char)q[n]))
			continue;
		got[n] = '\0';
		for (int i = 0; form_nos[i]; i++)
			if (strcmp(got, form_nos[i]) == 0) {
				memcpy(no, got, n + 1);
				return true;
			}
	}
	return false;
}

/* Blocks of page url that give a channel: one candidate per criterion and page, the best block. */
static void
channel_blocks(struct judge *j, const char *url, const struct extracted *ex)
{
	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		struct cand best = { 0 };
		char addr[256], bestaddr[256];
		bool have = false;

		if (crit_info(crit)->scope != SCOPE_CHANNEL)
			continue;
		for (size_t i = 0; i < ex->n_blocks; i++) {
			const char *f = j->cur.blocks[i];
			bool info;

			if (judge_match(crit, f) != 1)
				continue;
			if (find_email(ex->blocks[i], addr, sizeof addr))
				;
			else if (crit == CRIT_COMPLAINT_CHANNEL &&
			    (judge_has_contact(f) || has_postal(f)))
				snprintf(addr, sizeof addr, "%s", "");
			else {
				/* Speaks of it but gives no address: noted, may still have a form link. */
				judge_note_excluded(j, crit, ex->blocks[i]);
				continue;
			}
			info = has_one(f, about_info) &&
			    (!has_one(f, about_procedures) || has_one(f, about_access));
			if (!have || (info && !best.info)) {
				best = (struct cand){ .crit = crit, .url = (char *)(uintptr_t)url,
				    .via = (char *)(uintptr_t)url, .page = true,
				    .label = ex->blocks[i], .info = info };
				memcpy(bestaddr, addr, sizeof bestaddr);
				have = true;
			}
		}
		if (have) {
			best.addr = *bestaddr ? bestaddr : NULL;
			judge_add_cand(j, &best);
		}
	}
}

/* Link i of the current page (url): a form, a guidance, or a channel's online form. */
static void
item_link(struct judge *j, const char *url, size_t i)
{
	const struct ext_link *l = &j->cur.ex->links[i];
	const char *flabel = j->cur.labels[i], *faround = NULL;
	bool gen = j->cur.generic[i], portal = is_public_service(l->url);
	const char *feff, *eff = gen ? l->around : l->label;
	struct cand c = { .url = l->url, .via = (char *)(uintptr_t)url, .nav = l->nav,
	    .label = (char *)(uintptr_t)eff };
	int m;

	/* The block around is folded only when it may matter (most links match nothing). */
	if (gen || portal)
		faround = pfold_around(&j->cur, i);
	feff = gen ? faround : flabel;
	/* Forms: the label (or its block when generic) names one. */
	if ((m = judge_match(CRIT_FORMS, feff)) == 1 || form_number(feff, c.form_no)) {
		c.crit = CRIT_FORMS;
		c.weak = m != 1;
		if (m == 1 && c.form_no[0] == '\0')
			(void)form_number(feff, c.form_no);
		judge_add_cand(j, &c);
		c.weak = false;
		c.form_no[0] = '\0';
	}
	if ((m = judge_match(CRIT_GUIDANCE, feff)) == 1) {
		c.crit = CRIT_GUIDANCE;
		judge_add_cand(j, &c);
	} else if (m < 0)
		judge_note_excluded(j, CRIT_GUIDANCE, eff);
	/*
	 * A channel by an online form: the link's label speaks of it, or the label
	 * is generic ("tại đây") or the link goes to a public service portal, and
	 * its block does. A "Liên hệ" link beside it is not it.
	 */
	if (!l->nav && !is_document(l->url)) {
		for (int crit = 0; crit < CRIT_COUNT; crit++) {
			if (crit_info(crit)->scope != SCOPE_CHANNEL ||
			    judge_match(crit, portal ? faround : feff) != 1)
				continue;
			if (faround == NULL)
				faround = pfold_around(&j->cur, i);
			c.crit = crit;
			c.label = l->around[0] ? l->around : l->label;
			c.form_link = true;
			c.info = has_one(faround, about_info) &&
			    (!has_one(faround, about_procedures) || has_one(faround, about_access));
			judge_add_cand(j, &c);
		}
	}
}

void
judge_items_page(struct judge *j, const char *url, const struct extracted *ex)
{
	const char *f;
	int m;

	/* Guidance: the page titled so, or a block of text on it that is one. */
	if ((m = judge_match(CRIT_GUIDANCE, j->cur.fhead)) == 1) {
		struct cand c = { .crit = CRIT_GUIDANCE, .url = (char *)(uintptr_t)url,
		    .via = (char *)(uintptr_t)url, .page = true, .label = j->cur.head };

		judge_add_cand(j, &c);
	} else if (m < 0)
		judge_note_excluded(j, CRIT_GUIDANCE, j->cur.head);
	for (size_t i = 0; i < ex->n_blocks; i++) {
		struct cand c = { .crit = CRIT_GUIDANCE, .url = (char *)(uintptr_t)url,
		    .via = (char *)(uintptr_t)url, .page = true, .label = ex->blocks[i] };

		/* A guidance text starts by saying so ("Hướng dẫn ..."), not a word in passing. */
		f = j->cur.blocks[i];
		if (strncmp(f, "huong dan", 9) == 0 && fold_word_count(f) >= 12) {
			if ((m = judge_match(CRIT_GUIDANCE, f)) == 1)
				judge_add_cand(j, &c);
			else if (m < 0)
				judge_note_excluded(j, CRIT_GUIDANCE, ex->blocks[i]);
		}
	}
	channel_blocks(j, url, ex);
	for (size_t i = 0; i < ex->n_links; i++)
		item_link(j, url, i);
}

/* Is the page at url the section sec, or a page sec links to (not through the site menu)? */
static bool
in_section(const struct judge *j, const struct jpage *sec, const char *url)
{
	const struct jpage *p;

	if (sec == NULL)
		return false;
	if (judge_page_is(sec, url) || judge_links_to(j, sec, url))
		return true;
	p = judge_page_of(j, url);
	return p != NULL && (judge_links_to(j, sec, p->url) ||
	    (p->final_url != NULL && judge_links_to(j, sec, p->final_url)));
}

/* A label quoted for a note, shortened. */
static void
quote(struct buf *b, const char *s)
{
	char *t = text_squeeze(s, 120);

	buf_printf(b, "“%s%s”", t, strlen(s) > strlen(t) ? "…" : "");
	free(t);
}

/* The page at url if fetched and loaded; *bad when fetched and failed. */
static const struct jpage *
loaded(const struct judge *j, const char *url, bool *bad)
{
	const struct jpage *p = judge_page_of(j, url);

	*bad = p != NULL && !p->loaded;
	return p != NULL && p->loaded ? p : NULL;
}

/* Why a candidate was refused, for the note when nothing qualifies (first one kept). */
struct refusal {
	const struct cand	*c;
	const char		*why;		/* Vietnamese, after the candidate's description */
	long			 status;	/* HTTP status when it did not load */
};

/* Refuse c with why, unless one is already noted. */
static void
refuse(struct refusal *r, const struct cand *c, const char *why, long status)
{
	if (r->c == NULL) {
		r->c = c;
		r->why = why;
		r->status = status;
	}
}

/* Fill v as ok with evidence url and the sha256 of its page. */
static void
ok_verdict(const struct judge *j, struct verdict *v, const char *url, struct buf *note)
{
	const struct jpage *p = judge_page_of(j, url);

	v->status = ST_OK;
	v->url = xstrdup(url);
	if (p != NULL)
		v->sha256 = xstrdup0(p->sha256);
	buf_putc(note, '.');
	v->note = buf_steal(note);
}

/* Fill v as missing, saying why from the first refusal. */
static void
missing_verdict(const struct judge *j, enum criterion crit, struct verdict *v,
    const struct refusal *r)
{
	struct buf b = { 0 };

	v->status = ST_MISSING;
	if (r->c != NULL) {
		buf_puts(&b, r->c->page ? "Khối " : "Liên kết ");
		quote(&b, r->c->label);
		buf_printf(&b, " tại %s ", r->c->via);
		buf_puts(&b, r->why);
		if (r->status != 0)
			buf_printf(&b, " (HTTP %ld)", r->status);
		v->url = xstrdup(r->c->form_link || !r->c->page ? r->c->url : r->c->via);
	} else {
		buf_printf(&b, "Không tìm thấy %s trong chuyên mục tiếp cận thông tin (%zu trang đã đọc)",
		    crit_info(crit)->label, j->n_pages);
		if (j->excluded[crit] != NULL) {
			buf_puts(&b, "; ");
			quote(&b, j->excluded[crit]);
			buf_puts(&b, crit_info(crit)->scope == SCOPE_CHANNEL ?
			    " không nêu địa chỉ tiếp nhận" : " không được tính");
		}
	}
	buf_putc(&b, '.');
	v->note = buf_steal(&b);
}

/* A channel: a block in the section (or a page it links to) giving an address or an online form. */
static void
channel_verdict(const struct judge *j, enum criterion crit, const struct jpage *sec,
    struct verdict *v)
{
	struct refusal r = { 0 };
	const struct cand *best = NULL;
	int best_rank = 0;

	for (size_t i = 0; i < j->n_cands; i++) {
		const struct cand *c = &j->cands[i];
		bool on_section, bad;
		int rank;

		if (c->crit != crit)
			continue;
		if (!in_section(j, sec, c->via)) {
			refuse(&r, c, "nhưng trang này không thuộc chuyên mục tiếp cận thông tin", 0);
			continue;
		}
		on_section = judge_page_is(sec, c->via);
		/* Elsewhere, a complaint channel must be about information, not procedures. */
		if (crit == CRIT_COMPLAINT_CHANNEL && !on_section && !c->info) {
			refuse(&r, c, "không nói về phản ánh, kiến nghị về việc cung cấp thông tin", 0);
			continue;
		}
		if (c->form_link) {
			const struct jpage *t = loaded(j, c->url, &bad);

			if (!is_public_service(c->url) && (t == NULL || !t->has_form)) {
				if (bad)
					refuse(&r, c, "dẫn tới biểu mẫu nhưng trang không mở được",
					    judge_page_of(j, c->url)->status);
				continue;
			}
		}
		rank = 1 + on_section * 2 + (c->addr != NULL);
		if (rank > best_rank) {
			best = c;
			best_rank = rank;
		}
	}
	if (best == NULL) {
		missing_verdict(j, crit, v, &r);
		return;
	}
	struct buf b = { 0 };

	buf_puts(&b, best->form_link ? "Liên kết trong khối " : "Khối ");
	quote(&b, best->label);
	buf_printf(&b, " tại %s nêu %s: ", best->via, crit == CRIT_REQUEST_CHANNEL ?
	    "địa chỉ tiếp nhận yêu cầu cung cấp thông tin" :
	    "nơi tiếp nhận phản ánh, kiến nghị");
	if (best->form_link)
		buf_printf(&b, "biểu mẫu trực tuyến %s", best->url);
	else if (best->addr != NULL)
		buf_printf(&b, "thư điện tử %s", best->addr);
	else
		buf_puts(&b, "số điện thoại hoặc địa chỉ liên hệ");
	ok_verdict(j, v, best->via, &b);
}

/* Forms: a link naming form 01a (or the request form) whose target loads; the note lists all found. */
static void
forms_verdict(const struct judge *j, const struct jpage *sec, struct verdict *v)
{
	struct refusal r = { 0 };
	const struct cand *best = NULL;
	bool found[sizeof form_nos / sizeof form_nos[0]] = { false };

	for (size_t i = 0; i < j->n_cands; i++) {
		const struct cand *c = &j->cands[i];
		bool bad;

		if (c->crit != CRIT_FORMS)
			continue;
		if (!in_section(j, sec, c->via)) {
			if (!c->weak)
				refuse(&r, c, "nhưng trang này không thuộc chuyên mục tiếp cận thông tin", 0);
			continue;
		}
		if (loaded(j, c->url, &bad) == NULL) {
			if (bad && !c->weak)
				refuse(&r, c, "dẫn tới biểu mẫu nhưng tệp không tải được",
				    judge_page_of(j, c->url)->status);
			continue;
		}
		for (int k = 0; form_nos[k]; k++)
			if (strcmp(c->form_no, form_nos[k]) == 0)
				found[k] = true;
		if (c->weak)
			continue;
		if (best == NULL || (strcmp(c->form_no, "01a") == 0 && strcmp(best->form_no, "01a") != 0))
			best = c;
	}
	if (best == NULL) {
		missing_verdict(j, CRIT_FORMS, v, &r);
		return;
	}
	struct buf b = { 0 };
	const char *sep = "";

	buf_puts(&b, "Liên kết ");
	quote(&b, best->label);
	buf_printf(&b, " trên %s dẫn tới biểu mẫu tải được", best->via);
	for (int k = 0; form_nos[k]; k++)
		if (found[k]) {
			buf_printf(&b, "%s%s", *sep ? sep : "; các mẫu tìm thấy: ", form_nos[k]);
			sep = ", ";
		}
	if (*sep == '\0')
		buf_puts(&b, "; không ghi số hiệu mẫu");
	ok_verdict(j, v, best->url, &b);
}

/* Guidance: a link or page titled so, in the section or a page it links to, or text on the section. */
static void
guidance_verdict(const struct judge *j, const struct jpage *sec, struct verdict *v)
{
	struct refusal r = { 0 };
	const struct cand *best = NULL;

	for (size_t i = 0; i < j->n_cands; i++) {
		const struct cand *c = &j->cands[i];
		bool bad;

		if (c->crit != CRIT_GUIDANCE)
			continue;
		if (!in_section(j, sec, c->page ? c->url : c->via)) {
			refuse(&r, c, "nhưng trang này không thuộc chuyên mục tiếp cận thông tin", 0);
			continue;
		}
		if (!c->page && loaded(j, c->url, &bad) == NULL && bad) {
			refuse(&r, c, "dẫn tới hướng dẫn nhưng trang không mở được",
			    judge_page_of(j, c->url)->status);
			continue;
		}
		if (best == NULL || (!best->page && c->page && judge_page_is(sec, c->url)))
			best = c;
	}
	if (best == NULL) {
		missing_verdict(j, CRIT_GUIDANCE, v, &r);
		return;
	}
	struct buf b = { 0 };

	if (best->page && judge_page_is(sec, best->url)) {
		buf_puts(&b, "Chuyên mục có nội dung hướng dẫn ");
		quote(&b, best->label);
	} else if (best->page) {
		buf_puts(&b, "Trang ");
		quote(&b, best->label);
		buf_printf(&b, " tại %s", best->url);
	} else {
		buf_puts(&b, "Liên kết ");
		quote(&b, best->label);
		buf_printf(&b, " trên %s", best->via);
	}
	ok_verdict(j, v, best->url, &b);
}

void
judge_items_verdict(const struct judge *j, enum criterion crit, const struct jpage *sec,
    struct verdict *v)
{
	switch (crit_info(crit)->scope) {
	case SCOPE_CHANNEL:
		channel_verdict(j, crit, sec, v);
		break;
	case SCOPE_FORM_LINK:
		forms_verdict(j, sec, v);
		break;
	case SCOPE_SECTION_TITLE:
		guidance_verdict(j, sec, v);
		break;
	default:
		abort();
	}
}

/* judge-verdict.c: choosing each criterion's evidence among the candidates, and saying why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "document.h"
#include "fold.h"
#include "judge.h"
#include "judge-int.h"
#include "xmalloc.h"

/* What was chosen for one criterion. */
struct pick {
	const struct cand	*c;
	const char		*label;		/* the words quoted for it; NULL: the candidate's */
	bool			 repeated;	/* its block is on other pages too */
	const struct jpage	*target;	/* the evidence page if fetched */
	int			 date;
	const char		*date_src;	/* where the date was read, Vietnamese */
	enum status		 st;
	int			 related;	/* other criteria a section holds or links to */
};

/* The evidence page of c if fetched; *bad set when it was fetched and did not load. */
static const struct jpage *
target_of(const struct judge *j, const struct cand *c, bool *bad)
{
	const struct jpage *p = judge_page_of(j, c->url);

	*bad = p != NULL && !p->loaded;
	return p != NULL && p->loaded ? p : NULL;
}

/* The date read from text for candidate c: its link's label or block, or its page's own content. */
static int
text_date(const struct cand *c, const struct jpage *target)
{
	int d = c->date;

	if (target == NULL || target->content_date == 0)
		return d;
	if (target->html && target->content_date > d)
		d = target->content_date;
	/* A document's own date (signing line, issue date) only when its link and block have none. */
	else if (!target->html && d == 0)
		d = target->content_date;
	return d;
}

/*
 * Fill the date, its source and the status of a pick for a dated criterion.
 * lm_ok: no page or document standing for the criterion has a date in its
 * text, so HTTP Last-Modified may stand in (CMSs send "now" for every page).
 */
static void
date_pick(const struct judge *j, struct pick *pk, bool lm_ok)
{
	const struct cand *c = pk->c;
	int64_t max = j->max_age[c->crit];

	pk->st = ST_OK;
	if (!crit_info(c->crit)->dated)
		return;
	pk->date = c->date;
	if (c->date != 0)
		pk->date_src = c->date_in_label ? "nhãn liên kết" : "khối quanh liên kết";
	if (text_date(c, pk->target) > pk->date) {
		pk->date = pk->target->content_date;
		pk->date_src = pk->target->html ? "ngày ghi trong nội dung trang" :
		    "ngày ký, ban hành ghi trong văn bản";
	}
	if (pk->date == 0 && lm_ok && pk->target != NULL && pk->target->lm_date != 0) {
		pk->date = pk->target->lm_date;
		pk->date_src = "Last-Modified của máy chủ";
	}
	if (pk->date != 0 && max > 0 &&
	    (date_days(j->today) - date_days(pk->date)) * 86400 > max)
		pk->st = ST_STALE;
}

/* Does the section page s hold or link to candidate c (itself, a link on it, or one hop further)? */
static bool
related(const struct judge *j, const struct jpage *s, const struct cand *c)
{
	const struct jpage *via;

	if (judge_page_is(s, c->url) || judge_page_is(s, c->via) ||
	    judge_links_to(j, s, c->url))
		return true;
	via = judge_page_of(j, c->via);
	return via != NULL && (judge_links_to(j, s, via->url) ||
	    (via->final_url != NULL && judge_links_to(j, s, via->final_url)));
}

/* Is candidate c (of a criterion other than section) usable evidence? */
static bool
usable(const struct judge *j, const struct cand *c)
{
	bool bad;

	if (c->crit == CRIT_SECTION)
		return false;
	(void)target_of(j, c, &bad);
	return !bad;
}

/* Choose the section: a qualifying page that loads, holding or linking to the most other evidence. */
static void
pick_section(const struct judge *j, struct pick *pk, const struct cand **dead)
{
	*dead = NULL;
	memset(pk, 0, sizeof *pk);
	for (size_t i = 0; i < j->n_cands; i++) {
		const struct cand *c = &j->cands[i];
		const struct jpage *t;
		bool bad, seen[CRIT_COUNT] = { false };
		int n = 0;

		if (c->crit != CRIT_SECTION)
			continue;
		if ((t = target_of(j, c, &bad)) == NULL) {
			if (bad && *dead == NULL)
				*dead = c;
			continue;
		}
		for (size_t k = 0; k < j->n_cands; k++) {
			const struct cand *o = &j->cands[k];

			if (!seen[o->crit] && usable(j, o) && related(j, t, o)) {
				seen[o->crit] = true;
				n++;
			}
		}
		if (pk->c == NULL || n > pk->related ||
		    (n == pk->related && c->nav && !pk->c->nav)) {
			pk->c = c;
			pk->target = t;
			pk->related = n;
			pk->st = ST_OK;
		}
	}
}

/* Is pick a better than b (both usable, same criterion)? */
static bool
better(const struct pick *a, const struct pick *b, bool a_rel, bool b_rel)
{
	/* A document whose date was read beats one whose date is unknown, fresh as that may look. */
	if (crit_info(a->c->crit)->dated && (a->date != 0) != (b->date != 0))
		return a->date != 0;
	if (a->st != b->st)
		return a->st == ST_OK;
	if (a->repeated != b->repeated)
		return !a->repeated;
	if (a_rel != b_rel)
		return a_rel;
	if (a->date != b->date)
		return a->date > b->date;
	if ((a->target != NULL) != (b->target != NULL))
		return a->target != NULL;
	return a->c->seq < b->c->seq;
}

/* Choose the evidence of a criterion judged by title, or by block (sec: the chosen section page). */
static void
pick_other(const struct judge *j, enum criterion crit, const struct jpage *sec,
    struct pick *pk, const struct cand **dead, const struct cand **outside)
{
	bool pk_rel = false, lm_ok = true, out_repeated = false;
	const struct jpage *secp[SECTION_MAX_PAGES];
	size_t n_secp = sec != NULL ? judge_section_pages(j, sec, secp, SECTION_MAX_PAGES) : 0;

	memset(pk, 0, sizeof *pk);
	*dead = *outside = NULL;
	/* A date read from text, anywhere for this criterion, wins over every header date. */
	for (size_t i = 0; i < j->n_cands && lm_ok; i++) {
		const struct cand *c = &j->cands[i];
		bool bad;

		if (c->crit == crit && text_date(c, target_of(j, c, &bad)) != 0)
			lm_ok = false;
	}
	for (size_t i = 0; i < j->n_cands; i++) {
		const struct cand *c = &j->cands[i];
		struct pick p = { .c = c };
		bool bad, rel;

		if (c->crit != crit)
			continue;
		p.target = target_of(j, c, &bad);
		if (bad) {
			if (*dead == NULL)
				*dead = c;
			continue;
		}
		rel = sec != NULL && related(j, sec, c);
		if (crit == CRIT_FOCAL_POINT && c->page) {
			const struct jpage *hp = judge_page_of(j, c->url);

			/* A block the site repeats on its pages (a footer's contact) is its template's. */
			if (hp == NULL || (p.label = judge_focal_text(j, hp, &p.repeated)) == NULL)
				continue;
		}
		if (crit_info(crit)->scope == SCOPE_BLOCK) {
			bool in = false;

			/* In the section (its later pages too) or a page it links to, nowhere else. */
			for (size_t k = 0; k < n_secp && !in; k++)
				in = judge_page_is(secp[k], c->url) || judge_links_to(j, secp[k], c->url) ||
				    (p.target != NULL && (judge_links_to(j, secp[k], p.target->url) ||
				    (p.target->final_url && judge_links_to(j, secp[k], p.target->final_url))));
			if (!in) {
				if (*outside == NULL || (out_repeated && !p.repeated)) {
					*outside = c;
					out_repeated = p.repeated;
				}
				continue;
			}
		}
		date_pick(j, &p, lm_ok);
		if (pk->c == NULL || better(&p, pk, rel, pk_rel)) {
			*pk = p;
			pk_rel = rel;
		}
	}
}

/* A label quoted for a note, shortened. */
static void
quote(struct buf *b, const char *s)
{
	char *t = text_squeeze(s, 120);

	buf_printf(b, "“%s%s”", t, strlen(s) > strlen(t) ? "…" : "");
	free(t);
}

/* Fill verdict v from pick pk (its note started in note). */
static void
fill(const struct judge *j, struct verdict *v, const struct pick *pk, struct buf *note)
{
	char d[16];

	v->status = pk->st;
	v->url = xstrdup(pk->c->url);
	if (pk->target != NULL)
		v->sha256 = xstrdup0(pk->target->sha256);
	if (crit_info(pk->c->crit)->dated) {
		if (pk->date != 0) {
			v->date = xstrdup(date_iso(pk->date, d, sizeof d));
			buf_printf(note, "; ngày %s, đọc từ %s", date_vn(pk->date, d, sizeof d),
			    pk->date_src);
			if (pk->st == ST_STALE)
				buf_printf(note, ", đã quá %lld ngày chưa cập nhật",
				    (long long)(j->max_age[pk->c->crit] / 86400));
		} else
			buf_puts(note, "; không tìm thấy ngày cập nhật");
	}
	if (pk->target != NULL && pk->target->doc == DOC_SCAN)
		buf_puts(note, "; tệp PDF là bản quét (ảnh), không có lớp văn bản nên máy "
		    "không đọc được, cần đăng bản đọc được bằng máy");
	else if (pk->target != NULL && pk->target->doc == DOC_FAILED)
		buf_printf(note, "; không đọc được nội dung văn bản: %s",
		    pk->target->doc_note ? pk->target->doc_note : "không rõ lỗi");
	buf_putc(note, '.');
	v->note = buf_steal(note);
}

/* Note for a criterion with no usable evidence. */
static void
missing(const struct judge *j, enum criterion crit, struct verdict *v,
    const struct cand *dead, const struct cand *outside)
{
	struct buf b = { 0 };

	v->status = ST_MISSING;
	if (outside != NULL) {
		buf_puts(&b, "Có khối nêu đầu mối kèm liên hệ tại ");
		buf_puts(&b, outside->url);
		buf_puts(&b, " nhưng trang này không thuộc chuyên mục tiếp cận thông tin");
		v->url = xstrdup(outside->url);
	} else if (dead != NULL) {
		const struct jpage *p = judge_page_of(j, dead->url);

		buf_puts(&b, "Liên kết ");
		quote(&b, dead->label);
		buf_printf(&b, " trên %s dẫn tới %s nhưng trang không mở được (HTTP %ld)",
		    dead->via, dead->url, p ? p->status : 0L);
		v->url = xstrdup(dead->url);
	} else {
		buf_printf(&b, "Không tìm thấy %s trên %zu trang đã đọc",
		    crit_info(crit)->label, j->n_pages);
		if (j->excluded[crit] != NULL) {
			buf_puts(&b, "; ");
			quote(&b, j->excluded[crit]);
			buf_puts(&b, crit_info(crit)->scope == SCOPE_BLOCK ?
			    " nêu đầu mối nhưng không có số điện thoại hay thư điện tử" :
			    " không được tính");
		}
	}
	buf_putc(&b, '.');
	v->note = buf_steal(&b);
}

/* Decide every criterion; fills v (caller clears). */
void
judge_verdicts(const struct judge *j, struct verdict v[CRIT_COUNT])
{
	struct pick sec, pk;
	const struct cand *dead, *outside;

	memset(v, 0, CRIT_COUNT * sizeof *v);
	pick_section(j, &sec, &dead);
	if (sec.c != NULL) {
		struct buf b = { 0 };

		buf_puts(&b, "Liên kết ");
		quote(&b, sec.c->label);
		buf_printf(&b, " %strên %s dẫn tới chuyên mục; chuyên mục chứa hoặc liên kết tới %d/%d tiêu chí còn lại",
		    sec.c->nav ? "ở thanh điều hướng " : "", sec.c->via, sec.related, CRIT_COUNT - 1);
		fill(j, &v[CRIT_SECTION], &sec, &b);
	} else
		missing(j, CRIT_SECTION, &v[CRIT_SECTION], dead, NULL);
	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		struct buf b = { 0 };

		if (crit == CRIT_SECTION)
			continue;
		if (judge_is_item(crit)) {
			judge_items_verdict(j, crit, sec.target, &v[crit]);
			continue;
		}
		pick_other(j, crit, sec.target, &pk, &dead, &outside);
		if (pk.c == NULL) {
			missing(j, crit, &v[crit], dead, outside);
			continue;
		}
		if (crit_info(crit)->scope == SCOPE_BLOCK) {
			buf_puts(&b, "Khối ");
			quote(&b, pk.label ? pk.label : pk.c->label);
			buf_printf(&b, " tại %s nêu đầu mối kèm liên hệ", pk.c->url);
		} else if (pk.c->page) {
			buf_puts(&b, pk.target != NULL && !pk.target->html ?
			    "Văn bản có tiêu đề " : "Trang có tiêu đề ");
			quote(&b, pk.c->label);
		} else {
			buf_puts(&b, "Liên kết ");
			quote(&b, pk.c->label);
			buf_printf(&b, " trên %s", pk.c->via);
		}
		fill(j, &v[crit], &pk, &b);
	}
}

bool
judge_settled(const struct judge *j)
{
	struct verdict v[CRIT_COUNT];
	bool done = true;

	judge_verdicts(j, v);
	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		const struct jpage *p;
		bool repeated = false;

		/* ok, and its evidence fetched (for its date and digest). */
		if (v[crit].status != ST_OK || (p = judge_page_of(j, v[crit].url)) == NULL)
			done = false;
		/* A focal block seen on other pages too may be the site's footer: read on until the template tells. */
		else if (crit == CRIT_FOCAL_POINT && judge_focal_text(j, p, &repeated) != NULL && repeated)
			done = false;
		verdict_clear(&v[crit]);
	}
	return done;
}

void
judge_unreachable(struct verdict v[CRIT_COUNT], const char *home_url, const char *why)
{
	for (int crit = 0; crit < CRIT_COUNT; crit++) {
		memset(&v[crit], 0, sizeof v[crit]);
		v[crit].status = ST_UNREACHABLE;
		v[crit].url = xstrdup0(home_url);
		v[crit].note = xasprintf("Không truy cập được trang chủ %s: %s.",
		    home_url ? home_url : "", why ? why : "không rõ lỗi");
	}
}

/* extract.c: walking a page's libxml2 tree into what the judge reads. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "contact.h"
#include "dates.h"
#include "extract-parse.h"
#include "extract.h"
#include "fold.h"
#include "stagecpu.h"
#include "url.h"
#include "xmalloc.h"

#define WALK_MAX_DEPTH	400
#define HEADING_REACH	800	/* bytes of text under a heading that join its block */
#define GATHER_BUDGET	4000	/* nodes visited to gather one label or block */
#define PUBLINE_MAX	120	/* bytes of a publication line ("Thứ ba - 15/09/2026 09:17") */
#define PUBLINE_REACH	3	/* paragraphs after the headline that may be it */
#define LIST_TITLE_MAX	120	/* bytes of a list's title ("Tin liên quan") */

/* The walk's state; one per page. */
struct walk {
	struct extracted *ex;
	struct url	*base;		/* the page URL or its <base>; NULL when unusable */
	struct buf	 para;		/* the paragraph being read */
	bool		 para_heading;
	bool		 para_nav;
	int		 in_heading;	/* inside h1-h6 */
	struct buf	 block;		/* the block being built (a heading and what follows) */
	bool		 block_heading;
	bool		 block_unsqueezed;	/* holds decoded references: squeeze it again */
	struct buf	 content;
	size_t		 links_cap, blocks_cap;
	bool		 links_full;
	int		 own[EXTRACT_MAX_DATES];	/* the page's own dates: publication line, datePublished */
	size_t		 n_own;
	bool		 headline_seen;	/* a content heading was read */
	int		 pub_paras;	/* paragraphs read after it, looking for the publication line */
	bool		 time_seen;	/* the first <time datetime> in the content was read */
	int		 head_parent;	/* walk depth of the container of the heading being read */
	int		 block_parent;	/* the same for the heading whose block is being built */
};

/*
 * Does element name equal n (case-insensitive; libxml2 lower-cases HTML names anyway)?
 * name is lower case: its first letter is compared first, as most tests fail there.
 */
static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    tolower((unsigned char)n->name[0]) == (unsigned char)name[0] &&
	    strcasecmp((const char *)n->name, name) == 0;
}

/* What an element is to the walk (tag_flags). */
enum {
	T_SKIPPED	= 1 << 0,	/* its text is not shown: script, style, head... */
	T_BLOCKY	= 1 << 1,	/* ends a paragraph */
	T_HEADING	= 1 << 2,	/* h1-h6 */
	T_SPACER	= 1 << 3,	/* separates words without ending a paragraph */
	T_TIGHT		= 1 << 4,	/* a link's block: li, tr, p... (around_of) */
	T_LOOSE		= 1 << 5,	/* a link's fallback block: td, th, div (around_of) */
	T_TITLISH	= 1 << 6,	/* may title a list of other articles (titles_list) */
};

/* The elements with any of those flags, sorted by name (strcmp) for bsearch. */
static const struct tag {
	const char	*name;
	unsigned	 flags;
} tags[] = {
	{ "address", T_BLOCKY },
	{ "article", T_BLOCKY },
	{ "aside", T_BLOCKY },
	{ "b", T_TITLISH },
	{ "blockquote", T_BLOCKY },
	{ "body", T_BLOCKY },
	{ "br", T_SPACER },
	{ "button", T_SPACER },
	{ "caption", T_BLOCKY | T_TIGHT | T_TITLISH },
	{ "center", T_BLOCKY },
	{ "dd", T_BLOCKY | T_TIGHT },
	{ "div", T_BLOCKY | T_LOOSE | T_TITLISH },
	{ "dl", T_BLOCKY },
	{ "dt", T_BLOCKY | T_TIGHT | T_TITLISH },
	{ "fieldset", T_BLOCKY },
	{ "figcaption", T_BLOCKY },
	{ "figure", T_BLOCKY },
	{ "footer", T_BLOCKY },
	{ "form", T_BLOCKY },
	{ "h1", T_BLOCKY | T_HEADING | T_TIGHT | T_TITLISH },
	{ "h2", T_BLOCKY | T_HEADING | T_TIGHT | T_TITLISH },
	{ "h3", T_BLOCKY | T_HEADING | T_TIGHT | T_TITLISH },
	{ "h4", T_BLOCKY | T_HEADING | T_TIGHT | T_TITLISH },
	{ "h5", T_BLOCKY | T_HEADING | T_TIGHT | T_TITLISH },
	{ "h6", T_BLOCKY | T_HEADING | T_TIGHT | T_TITLISH },
	{ "head", T_SKIPPED },
	{ "header", T_BLOCKY | T_TITLISH },
	{ "hr", T_BLOCKY },
	{ "iframe", T_SKIPPED },
	{ "img", T_SPACER },
	{ "input", T_SPACER },
	{ "label", T_SPACER },
	{ "legend", T_TITLISH },
	{ "li", T_BLOCKY | T_TIGHT },
	{ "main", T_BLOCKY },
	{ "nav", T_BLOCKY },
	{ "noscript", T_SKIPPED },
	{ "object", T_SKIPPED },
	{ "ol", T_BLOCKY },
	{ "p", T_BLOCKY | T_TIGHT | T_TITLISH },
	{ "pre", T_BLOCKY },
	{ "script", T_SKIPPED },
	{ "section", T_BLOCKY },
	{ "select", T_SKIPPED },
	{ "span", T_TITLISH },
	{ "strong", T_TITLISH },
	{ "style", T_SKIPPED },
	{ "svg", T_SKIPPED },
	{ "table", T_BLOCKY },
	{ "tbody", T_BLOCKY },
	{ "td", T_SPACER | T_LOOSE },
	{ "template", T_SKIPPED },
	{ "tfoot", T_BLOCKY },
	{ "th", T_SPACER | T_LOOSE },
	{ "thead", T_BLOCKY },
	{ "tr", T_BLOCKY | T_TIGHT },
	{ "ul", T_BLOCKY },
};

static int
tag_cmp(const void *key, const void *t)
{
	return strcasecmp(key, ((const struct tag *)t)->name);
}

/* The T_* flags of node n: 0 for other elements and for text. */
static unsigned
tag_flags(const xmlNode *n)
{
	const struct tag *t;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	t = bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
	return t != NULL ? t->flags : 0;
}

/* Attribute value of n (libxml2 memory, free with xmlFree), or NULL. */
static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/*
 * Is element n (outside any article or main) the portal's header, menu, sidebar or footer?
 * Told by structure only (HTML5 elements, ARIA roles): class names are the theme's styling
 * ("border-bottom-news", "has-main-navigation") and decide nothing; blocks repeated across
 * the site are found by template learning (template.c).
 */
static bool
nav_region(const xmlNode *n)
{
	static const char *const roles[] = { "navigation", "banner", "contentinfo", "menu",
		"menubar", "complementary", "search", NULL };
	char *v;
	bool r = false;

	if (is(n, "nav") || is(n, "header") || is(n, "footer") || is(n, "aside"))
		return true;
	if ((v = attr(n, "role")) != NULL) {
		for (int i = 0; roles[i] && !r; i++)
			r = strcasecmp(v, roles[i]) == 0;
		xmlFree(v);
	}
	return r;
}

/*
 * Numeric character references left in text decoded in place: NukeViet stores
 * titles as its request filter leaves them ("&#x002F;" for "/") and escapes
 * them again, so the page shows "Quyết định 231&#x002F;QĐ-UBND". True if any was.
 */
static bool
unescape_numeric(char *s)
{
	char *o = s;
	const char *p = s;

	if (strstr(s, "&#") == NULL)
		return false;
	while (*p) {
		unsigned long cp = 0;
		const char *q = p + 2;
		int digits = 0;
		bool hex = p[0] == '&' && p[1] == '#' && (p[2] == 'x' || p[2] == 'X');

		if (p[0] == '&' && p[1] == '#') {
			q += hex;
			for (; digits < 8 && (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q));
			    q++, digits++)
				cp = cp * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)*q) ?
				    *q - '0' : tolower((unsigned char)*q) - 'a' + 10);
		}
		if (digits == 0 || *q != ';' || cp < 0x20 || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff)) {
			*o++ = *p++;
			continue;
		}
		/* UTF-8 is never longer than the reference it replaces ("&#xH;" >= 5 bytes for 1-4). */
		if (cp < 0x80)
			*o++ = (char)cp;
		else if (cp < 0x800) {
			*o++ = (char)(0xc0 | (cp >> 6));
			*o++ = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			*o++ = (char)(0xe0 | (cp >> 12));
			*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
			*o++ = (char)(0x80 | (cp & 0x3f));
		} else {
			*o++ = (char)(0xf0 | (cp >> 18));
			*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
			*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
			*o++ = (char)(0x80 | (cp & 0x3f));
		}
		p = q + 1;
	}
	*o = '\0';
	return o != p;
}

/*
 * Text squeezed (text_squeeze) and its leftover numeric references decoded;
 * *decoded (if not NULL) tells whether any was, as it may bring white space back.
 * Caller frees.
 */
static char *
squeeze(const char *s, size_t max, bool *decoded)
{
	char *t = text_squeeze(s, max);
	bool d = unescape_numeric(t);

	if (decoded != NULL)
		*decoded = d;
	return t;
}

/* Gather the visible text under n into b, up to max bytes and *budget nodes. */
static void
gather(const xmlNode *n, struct buf *b, size_t max, int *budget, int depth)
{
	for (const xmlNode *c = n->children; c && b->len < max && *budget > 0; c = c->next) {
		unsigned flags;

		(*budget)--;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				buf_puts(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE && depth < WALK_MAX_DEPTH &&
		    !((flags = tag_flags(c)) & T_SKIPPED)) {
			bool sp = flags & (T_BLOCKY | T_SPACER);

			if (sp)
				buf_putc(b, ' ');
			gather(c, b, max, budget, depth + 1);
			if (sp)
				buf_putc(b, ' ');
		}
	}
}

/* The squeezed visible text under n, at most max bytes. Caller frees. */
static char *
text_of(const xmlNode *n, size_t max)
{
	struct buf b = { 0 };
	int budget = GATHER_BUDGET;
	char *s;

	buf_add(&b, "", 0);
	gather(n, &b, max * 2, &budget, 0);
	s = squeeze(b.data, max, NULL);
	buf_free(&b);
	return s;
}

/* First attribute name among img descendants of n that is non-empty; caller frees. */
static char *
img_attr(const xmlNode *n, const char *name, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		char *v, *s;

		if (c->type != XML_ELEMENT_NODE || depth > 20)
			continue;
		if (is(c, "img") && (v = attr(c, name)) != NULL) {
			s = squeeze(v, EXTRACT_MAX_LABEL, NULL);
			xmlFree(v);
			if (*s)
				return s;
			free(s);
		}
		if ((s = img_attr(c, name, depth + 1)) != NULL)
			return s;
	}
	return NULL;
}

/* Links under n, counting up to 2. */
static int
count_links(const xmlNode *n, int depth)
{
	int k = 0;

	for (const xmlNode *c = n->children; c && k < 2; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || depth > 40)
			continue;
		k += is(c, "a") ? 1 : count_links(c, depth + 1);
	}
	return k;
}

/* The text of the smallest block around a link: li, tr, p..., else a short td or div. */
static char *
around_of(const xmlNode *a)
{
	const xmlNode *n;
	char *s;

	for (n = a->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (tag_flags(n) & T_TIGHT)
			return text_of(n, EXTRACT_MAX_AROUND);
		if (is(n, "body") || is(n, "table") || is(n, "ul") || is(n, "ol"))
			break;
	}
	for (n = a->parent; n && n->type == XML_ELEMENT_NODE && !is(n, "body"); n = n->parent) {
		if (!(tag_flags(n) & T_LOOSE))
			continue;
		/* A fallback block must be small and hold only this link, or a page-wide div would lend its dates. */
		if (count_links(n, 0) > 1)
			break;
		s = text_of(n, EXTRACT_MAX_AROUND + 1);
		if (strlen(s) <= 400)
			return s;
		free(s);
		break;
	}
	return xstrdup("");
}

/* Note a date of the page's own (its publication line, datePublished). */
static void
own_date(struct walk *w, int ymd)
{
	for (size_t i = 0; i < w->n_own; i++)
		if (w->own[i] == ymd)
			return;
	if (ymd != 0 && w->n_own < EXTRACT_MAX_DATES)
		w->own[w->n_own++] = ymd;
}

/* The date of an ISO 8601 value ("2026-09-15T09:17:00+07:00"), 0 if none. */
static int
iso_date(const char *v)
{
	int y, m, d;

	while (v && isspace((unsigned char)*v))
		v++;
	if (v == NULL || strlen(v) < 10 || !isdigit((unsigned char)v[0]) || v[4] != '-' ||
	    v[7] != '-' || sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3 || !date_valid(y, m, d))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* The dates in a short text (a title, a publication line) as the page's own. */
static void
own_dates_in(struct walk *w, const char *text)
{
	char *f = fold_str(text);
	int d[8];
	size_t n = dates_scan(f, d, 8);

	for (size_t i = 0; i < n; i++)
		own_date(w, d[i]);
	free(f);
}

/*
 * Does folded text title a list of other articles or the comments ("Tin liên quan",
 * "Những tin mới hơn", "Các tin khác", "Bài viết mới", "Một bình luận ở “…”")?
 * What follows such a title brings other documents' dates: not the page's content.
 */
static bool
list_title(const char *f)
{
	static const char *const titles[] = { "tin lien quan", "bai viet lien quan",
		"cac bai viet lien quan", "cac tin lien quan", "nhung tin moi hon",
		"nhung tin cu hon", "tin moi hon", "tin cu hon", "cac tin khac", "tin khac",
		"cac bai viet khac", "bai viet khac", "cac tin bai khac", "tin bai khac",
		"tin cung chuyen muc", "cac tin cung chuyen muc", "bai viet moi",
		"bai viet moi nhat", "tin moi", "tin moi nhat", "tin moi dang",
		"tin da dua", "cac tin da dua", "tin doc nhieu", "tin doc nhieu nhat",
		"doc nhieu nhat", "xem nhieu nhat", "tin xem nhieu", "binh luan",
		"cac binh luan", "y kien ban doc", "de lai binh luan",
		"de lai mot binh luan", "gui binh luan", "huy tra loi",
		"dieu huong bai viet", "bai truoc", "bai sau", "bai viet truoc",
		"bai viet sau", "bai viet tiep theo", "related posts",
		"leave a reply", "post navigation", NULL };
	/* Not "Trả lời" nor "Ý kiến": an FAQ's answer or a consultation is a page's own text. */
	char core[LIST_TITLE_MAX + 1];
	size_t n = 0;

	/* Letters and spaces only: "Tin liên quan:", "» Các tin khác", "Bình luận (2)". */
	for (const char *p = f; *p && n < LIST_TITLE_MAX; p++)
		if (isalpha((unsigned char)*p) || (*p == ' ' && n > 0 && core[n - 1] != ' '))
			core[n++] = *p;
	while (n > 0 && core[n - 1] == ' ')
		n--;
	core[n] = '\0';
	/* One title, or a strip of them (NukeViet's tabs "Những tin mới hơn | Những tin cũ hơn"). */
	for (const char *p = core; *p; ) {
		size_t best = 0;

		for (int i = 0; titles[i]; i++) {
			size_t k = strlen(titles[i]);

			if (k > best && strncmp(p, titles[i], k) == 0 && (p[k] == ' ' || p[k] == '\0'))
				best = k;
		}
		if (best == 0)
			break;
		p += best;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return true;
	}
	/* WordPress: "Một bình luận ở “…”", "3 bình luận ở “…”"; "Một suy nghĩ về “…”". */
	return (strncmp(f, "mot ", 4) == 0 || isdigit((unsigned char)*f)) &&
	    (fold_has(f, "binh luan") || fold_has(f, "suy nghi ve") || fold_has(f, "thoughts on"));
}

/* Is element c a short title of a list of other articles? Cheap: a few nodes, a little text. */
static bool
titles_list(const xmlNode *c)
{
	struct buf b = { 0 };
	int budget = 24;
	char *f;
	bool r;

	if (!(tag_flags(c) & T_TITLISH))
		return false;
	buf_add(&b, "", 0);
	gather(c, &b, LIST_TITLE_MAX, &budget, 0);
	if (b.len >= LIST_TITLE_MAX || budget <= 0) {
		buf_free(&b);
		return false;
	}
	f = fold_str(b.data);
	r = *f != '\0' && list_title(f);
	free(f);
	buf_free(&b);
	return r;
}

/* An address hidden from spambots in element c (Cloudflare, Joomla), decoded; NULL if none. Caller frees. */
static char *
hidden_email(const xmlNode *c)
{
	char *v, *a, *out = NULL;

	if ((v = attr(c, "data-cfemail")) != NULL) {
		out = contact_cfemail(v);
		xmlFree(v);
	} else if (is(c, "a") && (v = attr(c, "href")) != NULL) {
		const char *h = strstr(v, "/cdn-cgi/l/email-protection#");

		if (h != NULL)
			out = contact_cfemail(h + strlen("/cdn-cgi/l/email-protection#"));
		xmlFree(v);
	} else if (is(c, "joomla-hidden-mail") && (v = attr(c, "first")) != NULL) {
		if ((a = attr(c, "last")) != NULL) {
			out = contact_joomla(v, a);
			xmlFree(a);
		}
		xmlFree(v);
	}
	return out;
}

/* The page's own date an element states: <time datetime>, itemprop datePublished and the like. */
static void
element_date(struct walk *w, const xmlNode *c)
{
	char *v = NULL, *ip;

	if (is(c, "time") && !w->time_seen) {
		w->time_seen = true;
		v = attr(c, "datetime");
	} else if ((ip = attr(c, "itemprop")) != NULL) {
		if (strcmp(ip, "datePublished") == 0 || strcmp(ip, "dateModified") == 0 ||
		    strcmp(ip, "dateCreated") == 0 || strcmp(ip, "uploadDate") == 0) {
			if ((v = attr(c, "content")) == NULL && (v = attr(c, "datetime")) == NULL) {
				char *t = text_of(c, 64);

				own_dates_in(w, t);
				own_date(w, iso_date(t));
				free(t);
			}
		}
		xmlFree(ip);
	}
	if (v != NULL) {
		own_date(w, iso_date(v));
		xmlFree(v);
	}
}

/* Resolve squeezed href h against the base; absolute http(s) URL without fragment, or NULL. Caller frees. */
static char *
resolve_squeezed(struct walk *w, const char *h)
{
	char *out;

	if (w->base == NULL || *h == '\0' || *h == '#' ||
	    strncasecmp(h, "javascript:", 11) == 0 || strncasecmp(h, "mailto:", 7) == 0 ||
	    strncasecmp(h, "tel:", 4) == 0 || strncasecmp(h, "data:", 5) == 0)
		return NULL;
	out = url_resolve_in(w->base, h, URL_WEB | URL_ENCODE | URL_ANY_SCHEME);
	if (out != NULL && strlen(out) > EXTRACT_MAX_URL) {
		free(out);
		out = NULL;
	}
	return out;
}

/* Resolve href against the base (resolve_squeezed). Caller frees. */
static char *
resolve(struct walk *w, const char *href)
{
	char *h = text_squeeze(href, EXTRACT_MAX_URL), *out;

	out = resolve_squeezed(w, h);
	free(h);
	return out;
}

/* Record link element a. */
static void
add_link(struct walk *w, const xmlNode *a, bool nav)
{
	struct extracted *ex = w->ex;
	struct ext_link *l;
	char *href, *url, *label, *t;

	if (ex->n_links >= EXTRACT_MAX_LINKS || (href = attr(a, "href")) == NULL)
		return;
	url = resolve(w, href);
	xmlFree(href);
	if (url == NULL)
		return;
	label = text_of(a, EXTRACT_MAX_LABEL);
	if (*label == '\0') {
		free(label);
		if ((label = img_attr(a, "alt", 0)) == NULL) {
			if ((t = attr(a, "title")) != NULL) {
				label = squeeze(t, EXTRACT_MAX_LABEL, NULL);
				xmlFree(t);
			} else if ((label = img_attr(a, "title", 0)) == NULL)
				label = xstrdup("");
		}
	}
	if (ex->n_links == w->links_cap) {
		w->links_cap = w->links_cap ? w->links_cap * 2 : 64;
		ex->links = xreallocarray(ex->links, w->links_cap, sizeof *ex->links);
	}
	l = &ex->links[ex->n_links++];
	l->url = url;
	l->label = label;
	l->around = around_of(a);
	l->nav = nav;
}

/* Close the block being built. */
static void
push_block(struct walk *w)
{
	struct extracted *ex = w->ex;

	if (w->block.len > 0 && ex->n_blocks < EXTRACT_MAX_BLOCKS) {
		if (ex->n_blocks == w->blocks_cap) {
			w->blocks_cap = w->blocks_cap ? w->blocks_cap * 2 : 32;
			ex->blocks = xreallocarray(ex->blocks, w->blocks_cap, sizeof *ex->blocks);
		}
		/* Paragraphs squeezed already, joined by single spaces: only cut to size. */
		if (w->block_unsqueezed)
			ex->blocks[ex->n_blocks++] = text_squeeze(w->block.data, EXTRACT_MAX_BLOCK);
		else {
			text_clip(w->block.data, w->block.len, EXTRACT_MAX_BLOCK);
			ex->blocks[ex->n_blocks++] = buf_steal(&w->block);
		}
	}
	buf_free(&w->block);
	w->block_heading = false;
	w->block_unsqueezed = false;
}

/*
 * Is text a publication line: a date with at most a few words around it
 * ("Thứ ba - 15/09/2026 09:17", "Đăng ngày 15/09/2026 | admin"), not a
 * sentence or a table row that happens to hold one?
 */
static bool
publine(const char *text)
{
	char *f = fold_str(text);
	int d[1], words = 0;
	bool r = dates_scan(f, d, 1) == 1;

	for (const char *p = f; *p && r; p++)
		if (isalpha((unsigned char)*p) && (p == f || !isalnum((unsigned char)p[-1])))
			words++;
	free(f);
	return r && words <= 5;
}

/* End the paragraph being read: into content and blocks, unless in a nav region. */
static void
flush_para(struct walk *w)
{
	char *p;
	bool decoded;

	if (w->para.len == 0)
		return;
	p = squeeze(w->para.data, EXTRACT_MAX_BLOCK, &decoded);
	buf_free(&w->para);
	if (*p == '\0') {
		free(p);
		return;
	}
	if (w->para_nav) {
		push_block(w);
		free(p);
		return;
	}
	if (w->content.len + strlen(p) + 1 <= EXTRACT_MAX_CONTENT) {
		if (w->content.len > 0)
			buf_putc(&w->content, '\n');
		buf_puts(&w->content, p);
	}
	if (w->para_heading) {
		/*
		 * The headline's dates are the page's own ("Quyết định số 231/QĐ-UBND ngày
		 * 01/10/2024 ..."), and so is a short dated line just under it.
		 */
		if (!w->headline_seen)
			own_dates_in(w, p);
		w->block_parent = w->head_parent;
		w->pub_paras = w->headline_seen ? PUBLINE_REACH : 0;
		w->headline_seen = true;
		push_block(w);
		buf_puts(&w->block, p);
		w->block_unsqueezed = decoded;
		w->block_heading = true;
		if (w->ex->n_headings < EXTRACT_MAX_HEADINGS) {
			w->ex->headings = xreallocarray(w->ex->headings,
			    w->ex->n_headings + 1, sizeof *w->ex->headings);
			w->ex->headings[w->ex->n_headings++] = xstrdup(p);
		}
		free(p);
		return;
	}
	if (w->headline_seen && w->pub_paras < PUBLINE_REACH) {
		w->pub_paras++;
		if (strlen(p) <= PUBLINE_MAX && publine(p)) {
			own_dates_in(w, p);	/* "Thứ ba - 15/09/2026 09:17", "Đăng ngày 15/09/2026" */
			w->pub_paras = PUBLINE_REACH;
		}
	}
	if (w->block_heading && w->block.len + strlen(p) < HEADING_REACH) {
		buf_putc(&w->block, ' ');
		buf_puts(&w->block, p);
		w->block_unsqueezed |= decoded;
	} else {
		push_block(w);
		buf_puts(&w->block, p);
		w->block_unsqueezed = decoded;
		push_block(w);
	}
	free(p);
}

/* Does form n ask for more than a search: a textarea, or two or more text fields, no search role? */
static bool
input_form(const xmlNode *n, int *fields, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 64; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "textarea"))
			*fields += 2;
		else if (is(c, "input")) {
			char *type = attr(c, "type");

			if (type != NULL && strcasecmp(type, "search") == 0)
				*fields -= 100;
			else if (type == NULL || strcasecmp(type, "text") == 0 ||
			    strcasecmp(type, "email") == 0 || strcasecmp(type, "tel") == 0)
				(*fields)++;
			xmlFree(type);
		}
		input_form(c, fields, depth + 1);
	}
	return *fields >= 2;
}

/*
 * The walk depth of the container whose text is "under" heading c, found at
 * depth: its parent, or higher while the parent holds nothing but the heading
 * (<div class="title"><h3>Đầu mối</h3></div><div>...</div>).
 */
static int
heading_container(const xmlNode *c, int depth)
{
	const xmlNode *n = c;

	for (int up = 0; up < 3 && depth > 1 && n->parent != NULL; up++) {
		for (const xmlNode *s = n->parent->children; s; s = s->next) {
			if (s == n || s->type == XML_COMMENT_NODE)
				continue;
			if (s->type == XML_TEXT_NODE && s->content != NULL &&
			    strspn((const char *)s->content, " \t\r\n") == strlen((const char *)s->content))
				continue;
			return depth;
		}
		n = n->parent;
		depth--;
	}
	return depth;
}

/*
 * Walk the children of n; nav: inside a header/menu/sidebar/footer; art: inside
 * article/main; other: inside a list of other articles or the comments (its
 * links are read, its text is not the page's).
 */
static void
walk(struct walk *w, const xmlNode *n, bool nav, bool art, bool other, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		char *mail;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && w->para.len < EXTRACT_MAX_BLOCK * 2) {
				if (w->para.len == 0) {
					w->para_nav = nav || other;
					w->para_heading = w->in_heading > 0;
				}
				buf_puts(&w->para, (const char *)c->content);
			}
			continue;
		}
		unsigned flags = tag_flags(c);

		if (c->type != XML_ELEMENT_NODE || (flags & T_SKIPPED) ||
		    depth >= WALK_MAX_DEPTH)
			continue;
		bool block = flags & T_BLOCKY, head = flags & T_HEADING;
		bool cnav = nav || is(c, "nav") || (!art && nav_region(c));
		bool cart = art || is(c, "article") || is(c, "main");

		if (block)
			flush_para(w);
		else if ((flags & T_SPACER) && w->para.len > 0)
			buf_putc(&w->para, ' ');
		if (!other && !nav && titles_list(c))
			other = true;	/* this title and the rest of its container */
		if ((mail = hidden_email(c)) != NULL) {
			/* The address as written, instead of "[email protected]" or a script's notice. */
			if (w->para.len == 0) {
				w->para_nav = cnav || other;
				w->para_heading = w->in_heading > 0;
			}
			buf_printf(&w->para, " %s ", mail);
			free(mail);
			continue;
		}
		if (!cnav && !other)
			element_date(w, c);
		if (is(c, "a"))
			add_link(w, c, cnav);
		if (is(c, "form") && !cnav && !w->ex->has_form) {
			char *role = attr(c, "role");
			int fields = 0;

			w->ex->has_form = (role == NULL || strcasecmp(role, "search") != 0) &&
			    input_form(c, &fields, 0);
			xmlFree(role);
		}
		if (head && w->in_heading == 0)
			w->head_parent = heading_container(c, depth);
		w->in_heading += head;
		walk(w, c, cnav, cart, other, depth + 1);
		w->in_heading -= head;
		if (block)
			flush_para(w);
	}
	/* A heading's block ends with its container: a footer is not "under" a page's last heading. */
	if (w->block_heading && w->block_parent >= depth) {
		flush_para(w);
		push_block(w);
	}
}

/* The document's <title> and <base href> (searched in head, shallowly). */
static void
read_head(struct walk *w, const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || depth > 6)
			continue;
		if (is(c, "title") && *w->ex->title == '\0') {
			free(w->ex->title);
			w->ex->title = text_of(c, EXTRACT_MAX_LABEL);
		} else if (is(c, "base") && w->base != NULL) {
			char *href = attr(c, "href"), *b;

			if (href != NULL && (b = resolve(w, href)) != NULL) {
				url_set(w->base, b);
				free(b);
			}
			xmlFree(href);
		} else if (is(c, "meta")) {
			/* <meta property="article:published_time" content="2026-09-15T09:17:00+07:00"> */
			char *prop = attr(c, "property"), *v;

			if (prop != NULL && (strcmp(prop, "article:published_time") == 0 ||
			    strcmp(prop, "article:modified_time") == 0) &&
			    (v = attr(c, "content")) != NULL) {
				own_date(w, iso_date(v));
				xmlFree(v);
			}
			xmlFree(prop);
			element_date(w, c);
		} else if (!is(c, "body"))
			read_head(w, c, depth + 1);
	}
}

/* Is this content type (or, without one, this body) something other than HTML? */
static bool
not_html(const char *content_type, const char *body, size_t len)
{
	if (len >= 4 && memcmp(body, "%PDF", 4) == 0)
		return true;
	if (len >= 4 && memcmp(body, "PK\x03\x04", 4) == 0)
		return true;	/* docx, xlsx, zip */
	if (len >= 4 && memcmp(body, "\xd0\xcf\x11\xe0", 4) == 0)
		return true;	/* doc, xls */
	if (content_type == NULL || *content_type == '\0')
		return false;
	return strncasecmp(content_type, "text/html", 9) != 0 &&
	    strncasecmp(content_type, "application/xhtml", 17) != 0;
}

struct extracted *
extract_page(const char *url, const char *content_type, const void *body, size_t len)
{
	struct extracted *ex = xcalloc(1, sizeof *ex);
	struct walk w = { .ex = ex };
	char csbuf[64], *owned, *folded;
	const char *text;
	const char *cs;
	size_t tlen;
	htmlDocPtr doc;
	int dates[EXTRACT_MAX_DATES];
	enum stage st;

	ex->url = xstrdup(url);
	ex->title = xstrdup("");
	ex->content = xstrdup("");
	if (not_html(content_type, body, len))
		return ex;
	ex->html = true;
	cs = extract_charset(content_type, body, len, csbuf, sizeof csbuf);
	text = extract_utf8_view(cs, body, len, &tlen, &owned);
	if (tlen > INT32_MAX)
		tlen = INT32_MAX;
	st = stage_enter(STAGE_PARSE);
	doc = extract_parse(text, (int)tlen, url);
	stage_leave(st);
	free(owned);
	if (doc == NULL)
		return ex;
	w.base = url_new(url, URL_ENCODE);
	if (xmlDocGetRootElement(doc) != NULL) {
		read_head(&w, xmlDocGetRootElement(doc), 0);
		walk(&w, xmlDocGetRootElement(doc), false, false, false, 0);
	}
	flush_para(&w);
	push_block(&w);
	free(ex->content);
	buf_add(&w.content, "", 0);
	ex->content = buf_steal(&w.content);
	folded = fold_str(ex->content);
	ex->n_dates = dates_scan_labelled(folded, dates, EXTRACT_MAX_DATES);
	own_dates_in(&w, ex->title);
	for (size_t i = 0; i < w.n_own && ex->n_dates < EXTRACT_MAX_DATES; i++)
		dates[ex->n_dates++] = w.own[i];
	ex->dates = xreallocarray(NULL, ex->n_dates, sizeof *ex->dates);
	memcpy(ex->dates, dates, ex->n_dates * sizeof *dates);
	free(folded);
	buf_free(&w.para);
	url_free(w.base);
	xmlFreeDoc(doc);
	return ex;
}

void
extracted_free(struct extracted *ex)
{
	if (ex == NULL)
		return;
	free(ex->url);
	free(ex->title);
	for (size_t i = 0; i < ex->n_headings; i++)
		free(ex->headings[i]);
	free(ex->headings);
	for (size_t i = 0; i < ex->n_links; i++) {
		free(ex->links[i].url);
		free(ex->links[i].label);
		free(ex->links[i].around);
	}
	free(ex->links);
	for (size_t i = 0; i < ex->n_blocks; i++)
		free(ex->blocks[i]);
	free(ex->blocks);
	free(ex->content);
	free(ex->dates);
	free(ex->doc_note);
	free(ex);
}

/* extract.c: walking a page's libxml2 tree into what the judge reads. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "dates.h"
#include "extract.h"
#include "fold.h"
#include "xmalloc.h"

#define WALK_MAX_DEPTH	400
#define HEADING_REACH	800	/* bytes of text under a heading that join its block */
#define GATHER_BUDGET	4000	/* nodes visited to gather one label or block */

/* The walk's state; one per page. */
struct walk {
	struct extracted *ex;
	CURLU		*base;		/* the page URL or its <base>; NULL when unusable */
	struct buf	 para;		/* the paragraph being read */
	bool		 para_heading;
	bool		 para_nav;
	int		 in_heading;	/* inside h1-h6 */
	struct buf	 block;		/* the block being built (a heading and what follows) */
	bool		 block_heading;
	struct buf	 content;
	size_t		 links_cap, blocks_cap;
	bool		 links_full;
};

/* Does element name equal n (case-insensitive; libxml2 lower-cases HTML names anyway)? */
static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

/* Is n one of the names in the NULL-terminated list? */
static bool
is_any(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (is(n, *names))
			return true;
	return false;
}

static const char *const skipped[] = { "script", "style", "noscript", "template",
	"select", "svg", "object", "iframe", "head", NULL };
static const char *const blocky[] = { "p", "div", "li", "ul", "ol", "tr", "table",
	"tbody", "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "section",
	"article", "aside", "header", "footer", "nav", "main", "form", "blockquote",
	"pre", "dl", "dd", "dt", "address", "figure", "figcaption", "center",
	"fieldset", "hr", "caption", "body", NULL };
static const char *const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };
static const char *const spacers[] = { "td", "th", "br", "img", "input", "button",
	"label", NULL };

/* Attribute value of n (libxml2 memory, free with xmlFree), or NULL. */
static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Does one token of a class or id value hint at the portal's header, menu or footer? */
static bool
nav_hint(const char *v)
{
	static const char *const inside[] = { "menu", "nav", "header", "footer",
		"banner", NULL };
	static const char *const whole[] = { "top", "bottom", "topbar", "bottombar", NULL };
	char tok[64];
	size_t n;

	while (*v) {
		for (n = 0; isalnum((unsigned char)*v) && n + 1 < sizeof tok; v++)
			tok[n++] = (char)tolower((unsigned char)*v);
		tok[n] = '\0';
		while (isalnum((unsigned char)*v))	/* rest of an over-long token */
			v++;
		while (*v && !isalnum((unsigned char)*v))
			v++;
		for (int i = 0; inside[i]; i++)
			if (strstr(tok, inside[i]) != NULL)
				return true;
		for (int i = 0; whole[i]; i++)
			if (strcmp(tok, whole[i]) == 0)
				return true;
	}
	return false;
}

/* Is element n (outside any article or main) a header, menu or footer region? */
static bool
nav_region(const xmlNode *n)
{
	static const char *const hints[] = { "class", "id", NULL };
	char *v;

	if (is(n, "nav") || is(n, "header") || is(n, "footer"))
		return true;
	if ((v = attr(n, "role")) != NULL) {
		bool r = strcmp(v, "navigation") == 0 || strcmp(v, "banner") == 0 ||
		    strcmp(v, "contentinfo") == 0 || strcmp(v, "menu") == 0;

		xmlFree(v);
		if (r)
			return true;
	}
	for (int i = 0; hints[i]; i++) {
		if ((v = attr(n, hints[i])) != NULL) {
			bool r = nav_hint(v);

			xmlFree(v);
			if (r)
				return true;
		}
	}
	return false;
}

/* Gather the visible text under n into b, up to max bytes and *budget nodes. */
static void
gather(const xmlNode *n, struct buf *b, size_t max, int *budget, int depth)
{
	for (const xmlNode *c = n->children; c && b->len < max && *budget > 0; c = c->next) {
		(*budget)--;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				buf_puts(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE && !is_any(c, skipped) &&
		    depth < WALK_MAX_DEPTH) {
			bool sp = is_any(c, blocky) || is_any(c, spacers);

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
	s = text_squeeze(b.data, max);
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
			s = text_squeeze(v, EXTRACT_MAX_LABEL);
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
	static const char *const tight[] = { "li", "tr", "p", "dd", "dt", "caption",
		"h1", "h2", "h3", "h4", "h5", "h6", NULL };
	static const char *const loose[] = { "td", "th", "div", NULL };
	const xmlNode *n;
	char *s;

	for (n = a->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (is_any(n, tight))
			return text_of(n, EXTRACT_MAX_AROUND);
		if (is(n, "body") || is(n, "table") || is(n, "ul") || is(n, "ol"))
			break;
	}
	for (n = a->parent; n && n->type == XML_ELEMENT_NODE && !is(n, "body"); n = n->parent) {
		if (!is_any(n, loose))
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

/* Resolve href against the base; absolute http(s) URL without fragment, or NULL. Caller frees. */
static char *
resolve(struct walk *w, const char *href)
{
	CURLU *u;
	char *got = NULL, *scheme = NULL, *out = NULL;
	char *h = text_squeeze(href, EXTRACT_MAX_URL);

	if (w->base == NULL || *h == '\0' || *h == '#' ||
	    strncasecmp(h, "javascript:", 11) == 0 || strncasecmp(h, "mailto:", 7) == 0 ||
	    strncasecmp(h, "tel:", 4) == 0 || strncasecmp(h, "data:", 5) == 0) {
		free(h);
		return NULL;
	}
	u = curl_url_dup(w->base);
	if (u != NULL && curl_url_set(u, CURLUPART_URL, h, CURLU_URLENCODE |
	    CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) &&
	    curl_url_get(u, CURLUPART_URL, &got, 0) == CURLUE_OK &&
	    strlen(got) <= EXTRACT_MAX_URL)
		out = xstrdup(got);
	curl_free(got);
	curl_free(scheme);
	curl_url_cleanup(u);
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
				label = text_squeeze(t, EXTRACT_MAX_LABEL);
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
		ex->blocks[ex->n_blocks++] = text_squeeze(w->block.data, EXTRACT_MAX_BLOCK);
	}
	buf_free(&w->block);
	w->block_heading = false;
}

/* End the paragraph being read: into content and blocks, unless in a nav region. */
static void
flush_para(struct walk *w)
{
	char *p;

	if (w->para.len == 0)
		return;
	p = text_squeeze(w->para.data, EXTRACT_MAX_BLOCK);
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
		push_block(w);
		buf_puts(&w->block, p);
		w->block_heading = true;
		if (w->ex->n_headings < EXTRACT_MAX_HEADINGS) {
			w->ex->headings = xreallocarray(w->ex->headings,
			    w->ex->n_headings + 1, sizeof *w->ex->headings);
			w->ex->headings[w->ex->n_headings++] = xstrdup(p);
		}
	} else if (w->block_heading && w->block.len + strlen(p) < HEADING_REACH) {
		buf_putc(&w->block, ' ');
		buf_puts(&w->block, p);
	} else {
		push_block(w);
		buf_puts(&w->block, p);
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

/* Walk the children of n; nav: inside a header/menu/footer; art: inside article/main. */
static void
walk(struct walk *w, const xmlNode *n, bool nav, bool art, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && w->para.len < EXTRACT_MAX_BLOCK * 2) {
				if (w->para.len == 0) {
					w->para_nav = nav;
					w->para_heading = w->in_heading > 0;
				}
				buf_puts(&w->para, (const char *)c->content);
			}
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || is_any(c, skipped) ||
		    depth >= WALK_MAX_DEPTH)
			continue;
		bool block = is_any(c, blocky), head = is_any(c, headings);
		bool cnav = nav || is(c, "nav") || (!art && nav_region(c));
		bool cart = art || is(c, "article") || is(c, "main");

		if (block)
			flush_para(w);
		else if (is_any(c, spacers) && w->para.len > 0)
			buf_putc(&w->para, ' ');
		if (is(c, "a"))
			add_link(w, c, cnav);
		if (is(c, "form") && !cnav && !w->ex->has_form) {
			char *role = attr(c, "role");
			int fields = 0;

			w->ex->has_form = (role == NULL || strcasecmp(role, "search") != 0) &&
			    input_form(c, &fields, 0);
			xmlFree(role);
		}
		w->in_heading += head;
		walk(w, c, cnav, cart, depth + 1);
		w->in_heading -= head;
		if (block)
			flush_para(w);
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
				curl_url_set(w->base, CURLUPART_URL, b, 0);
				free(b);
			}
			xmlFree(href);
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
	char csbuf[64], *text, *folded;
	const char *cs;
	size_t tlen;
	htmlDocPtr doc;
	int dates[EXTRACT_MAX_DATES];

	ex->url = xstrdup(url);
	ex->title = xstrdup("");
	ex->content = xstrdup("");
	if (not_html(content_type, body, len))
		return ex;
	ex->html = true;
	cs = extract_charset(content_type, body, len, csbuf, sizeof csbuf);
	text = extract_to_utf8(cs, body, len, &tlen);
	if (tlen > INT32_MAX)
		tlen = INT32_MAX;
	doc = htmlReadMemory(text, (int)tlen, url, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_COMPACT);
	free(text);
	if (doc == NULL)
		return ex;
	if ((w.base = curl_url()) != NULL &&
	    curl_url_set(w.base, CURLUPART_URL, url, CURLU_URLENCODE) != CURLUE_OK) {
		curl_url_cleanup(w.base);
		w.base = NULL;
	}
	if (xmlDocGetRootElement(doc) != NULL) {
		read_head(&w, xmlDocGetRootElement(doc), 0);
		walk(&w, xmlDocGetRootElement(doc), false, false, 0);
	}
	flush_para(&w);
	push_block(&w);
	free(ex->content);
	buf_add(&w.content, "", 0);
	ex->content = buf_steal(&w.content);
	folded = fold_str(ex->content);
	ex->n_dates = dates_scan_labelled(folded, dates, EXTRACT_MAX_DATES);
	ex->dates = xreallocarray(NULL, ex->n_dates, sizeof *ex->dates);
	memcpy(ex->dates, dates, ex->n_dates * sizeof *dates);
	free(folded);
	buf_free(&w.para);
	curl_url_cleanup(w.base);
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

/*
 * test_extract_parse.c: the parser context each thread keeps from page to
 * page (daemon/extract-parse.c) gives what a fresh parse gives, page after
 * page of other charsets and shapes, and keeps little.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "extract-parse.h"
#include "extract.h"
#include "xmalloc.h"

struct page {
	const char	*ctype;
	char		*body;
	size_t		 len;
};

#define N_PAGES	16

/* Pages unlike each other: charsets, byte order marks, bad bytes, odd starts, many names. */
static void
pages_make(struct page *p)
{
	static const struct {
		const char	*ctype;
		const char	*body;
		size_t		 len;	/* 0: strlen */
	} fixed[] = {
		{ "text/html; charset=utf-8", "<html><head><title>Tiêu đề</title></head><body>"
		    "<h1>Công khai</h1>\n  <p>Ngày 15/09/2026 &#160; <a href=\"/a\">Liên kết</a></p>"
		    "<div> <span>ab</span>  </div></body></html>", 0 },
		{ "text/html; charset=windows-1258", "<title>Th\xf4ng b\xe1o</title><p>Vi\xd2\xea.t"
		    " Nam <a href='/b'>ti\xea\xec\xe1p</a></p>", 0 },
		{ NULL, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
		    "<p>caf\xe9 na\xefve <b>x</b></p>", 0 },
		{ NULL, "\xff\xfe<\0p\0>\0x\0\xe9\0<\0/\0p\0>\0", 20 },
		{ NULL, "\xef\xbb\xbf\xef\xbb\xbf<p>two byte order marks</p>", 0 },
		{ NULL, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body><p>x\xc3\xa9</p>", 0 },
		{ "text/html", "<p>a\0b\0<i>c</i>\xc3(\xff</p><h2>x</h2>", 24 },
		{ NULL, "<meta charset=\"utf-16\"><ul><li><a href=\"/c\">\xc3\xa9</a></li></ul>", 0 },
		{ NULL, "   \n\t <!-- c --><?pi x?><table><tr><td>1<td>2</table><p>unclosed", 0 },
		{ NULL, "\0\0\0<html>", 9 },
		{ NULL, "<", 0 },
	};
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		size_t len = fixed[i].len ? fixed[i].len : strlen(fixed[i].body);

		p[i].ctype = fixed[i].ctype;
		p[i].body = xmalloc(len + 1);
		memcpy(p[i].body, fixed[i].body, len);
		p[i].body[len] = '\0';
		p[i].len = len;
	}
	/* More element and attribute names than a context keeps, then blank runs of every length. */
	buf_puts(&b, "<html><body>");
	for (int k = 0; k < 1500; k++)
		buf_printf(&b, "<x%d a%d=\"v\">t</x%d>", k, k, k);
	buf_puts(&b, "</body></html>");
	p[i].ctype = "text/html";
	p[i].len = b.len;
	p[i++].body = buf_steal(&b);
	buf_puts(&b, "<p>");
	for (int k = 0; k < 600; k++)
		buf_printf(&b, "<b>%d</b>%*s\n", k, k % 59 + 1, "");
	p[i].ctype = "text/html";
	p[i].len = b.len;
	p[i++].body = buf_steal(&b);
	/* Deeper than libxml2 goes. */
	for (int k = 0; k < 2000; k++)
		buf_puts(&b, "<div>");
	buf_puts(&b, "deep");
	p[i].ctype = "text/html";
	p[i].len = b.len;
	p[i++].body = buf_steal(&b);
	for (; i < N_PAGES; i++) {
		buf_printf(&b, "<html><body><h2>Trang %zu</h2><p>một hai  ba\n</p>"
		    "<a href=\"/p%zu\">x</a></body></html>", i, i);
		p[i].ctype = NULL;
		p[i].len = b.len;
		p[i].body = buf_steal(&b);
	}
}

static void
pages_free(struct page *p)
{
	for (size_t i = 0; i < N_PAGES; i++)
		free(p[i].body);
}

/* The cache blob of page p, extracted on this thread's context as it is. */
static char *
blob_of(const struct page *p, size_t *len)
{
	struct extracted *ex = extract_page("http://parse.test/d/p.html", p->ctype, p->body, p->len);
	void *blob;

	extract_serialize(ex, &blob, len);
	extracted_free(ex);
	return blob;
}

/* Does page i give, on the context as it is, what it gives on a fresh one? */
static void
check_like_fresh(const struct page *p, size_t i, const char *order)
{
	size_t len, flen;
	char *blob = blob_of(&p[i], &len), *fresh;

	extract_thread_end();
	fresh = blob_of(&p[i], &flen);
	cr_expect(len == flen && memcmp(blob, fresh, len) == 0,
	    "page %zu (%s): the kept context gives another extraction than a fresh one", i, order);
	free(blob);
	free(fresh);
}

Test(extract_parse, a_kept_context_gives_what_a_fresh_one_gives)
{
	struct page p[N_PAGES];
	size_t *lens = xcalloc(N_PAGES, sizeof *lens);
	char **blobs = xcalloc(N_PAGES, sizeof *blobs);

	pages_make(p);
	/* Each page on a fresh context... */
	for (size_t i = 0; i < N_PAGES; i++) {
		extract_thread_end();
		blobs[i] = blob_of(&p[i], &lens[i]);
	}
	/* ...then all in a row on one context, forwards, backwards, and each after every other. */
	extract_thread_end();
	for (size_t i = 0; i < N_PAGES; i++) {
		size_t len;
		char *blob = blob_of(&p[i], &len);

		cr_expect(len == lens[i] && memcmp(blob, blobs[i], len) == 0,
		    "page %zu, read after pages 0-%zu on one context, differs", i, i);
		free(blob);
	}
	for (size_t i = N_PAGES; i-- > 0;)
		check_like_fresh(p, i, "backwards");
	/* After the pages that change the most: other charsets, many names, depth. */
	for (size_t i = 0; i < N_PAGES; i++)
		for (size_t j = 1; j < N_PAGES; j += 2) {
			size_t len;

			free(blob_of(&p[j], &len));
			check_like_fresh(p, i, "after another");
		}
	extract_thread_end();
	for (size_t i = 0; i < N_PAGES; i++)
		free(blobs[i]);
	free(blobs);
	free(lens);
	pages_free(p);
}

/* htmlReadMemory's options, as extract.c had them before it kept a context. */
#define READ_OPTIONS	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
	HTML_PARSE_NONET | HTML_PARSE_COMPACT)

/* The tree of doc, as libxml2 writes it. Caller frees. */
static char *
dump(htmlDocPtr doc, int *len)
{
	xmlChar *out = NULL;

	cr_assert_not_null(doc);
	htmlDocDumpMemoryFormat(doc, &out, len, 0);
	cr_assert_not_null(out);
	return (char *)out;
}

Test(extract_parse, the_tree_is_htmlReadMemorys)
{
	struct page p[N_PAGES];

	pages_make(p);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < N_PAGES; i++) {
			char csbuf[64], *owned, *want, *got;
			const char *cs = extract_charset(p[i].ctype, p[i].body, p[i].len, csbuf,
			    sizeof csbuf);
			size_t tlen;
			const char *text = extract_utf8_view(cs, p[i].body, p[i].len, &tlen, &owned);
			htmlDocPtr a = htmlReadMemory(text, (int)tlen, "http://parse.test/", "UTF-8",
			    READ_OPTIONS);
			htmlDocPtr b = extract_parse(text, (int)tlen, "http://parse.test/");
			int wlen, glen;

			if (a == NULL) {
				cr_expect_null(b, "page %zu: a document where htmlReadMemory has none", i);
				xmlFreeDoc(b);
				free(owned);
				continue;
			}
			want = dump(a, &wlen);
			got = dump(b, &glen);
			cr_expect(wlen == glen && memcmp(want, got, (size_t)wlen) == 0,
			    "page %zu: the tree differs from htmlReadMemory's:\n%.300s\n---\n%.300s",
			    i, want, got);
			xmlFree(want);
			xmlFree(got);
			xmlFreeDoc(a);
			xmlFreeDoc(b);
			free(owned);
		}
	extract_thread_end();
	pages_free(p);
}

Test(extract_parse, a_context_keeps_few_names)
{
	struct page p[N_PAGES];
	size_t len, ordinary;

	pages_make(p);
	extract_thread_end();
	free(blob_of(&p[0], &len));
	ordinary = extract_parse_dict_size();
	cr_expect(ordinary > 0 && ordinary < 200, "a page's names: %zu", ordinary);
	/* The page of 3,000 names fills the dictionary; the next page starts a new one. */
	free(blob_of(&p[11], &len));
	cr_expect_gt(extract_parse_dict_size(), 3000);
	free(blob_of(&p[0], &len));
	cr_expect_eq(extract_parse_dict_size(), ordinary);
	extract_thread_end();
	cr_expect_eq(extract_parse_dict_size(), 0);
	pages_free(p);
}

/* Extract on a thread of its own, which frees its context as it ends. */
static void *
thread_main(void *arg)
{
	struct page *p = arg;
	size_t len;

	for (size_t i = 0; i < N_PAGES; i++)
		free(blob_of(&p[i], &len));
	cr_expect_gt(extract_parse_dict_size(), 0);
	extract_thread_end();
	return NULL;
}

Test(extract_parse, each_thread_has_its_own_context)
{
	struct page p[N_PAGES];
	pthread_t t[2];
	size_t len;

	pages_make(p);
	extract_thread_end();
	free(blob_of(&p[0], &len));
	for (int k = 0; k < 2; k++)
		cr_assert_eq(pthread_create(&t[k], NULL, thread_main, p), 0);
	for (int k = 0; k < 2; k++)
		pthread_join(t[k], NULL);
	/* This thread's context was not theirs: still here, still one page's names. */
	cr_expect(extract_parse_dict_size() > 0 && extract_parse_dict_size() < 200);
	extract_thread_end();
	pages_free(p);
}

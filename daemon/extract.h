/*
 * extract.h: what the judge needs from a fetched page, read with libxml2's
 * HTML parser in the page's charset: title, headings, links with labels and
 * the block around them, visible content text, text blocks, labelled dates.
 * Everything is bounded (EXTRACT_MAX_*), so a hostile page costs little.
 */
#ifndef TCTT_EXTRACT_H
#define TCTT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#define EXTRACT_MAX_LINKS	3000		/* links kept per page, first ones */
#define EXTRACT_MAX_BLOCKS	2000
#define EXTRACT_MAX_HEADINGS	32
#define EXTRACT_MAX_DATES	32
#define EXTRACT_MAX_CONTENT	(256 * 1024)	/* bytes of content text */
#define EXTRACT_MAX_LABEL	300
#define EXTRACT_MAX_BLOCK	2000		/* bytes of one block's text */
#define EXTRACT_MAX_AROUND	600		/* bytes of the block around a link */
#define EXTRACT_MAX_URL		2048

/* One link. Strings are UTF-8 with white space collapsed; owned by the extracted page. */
struct ext_link {
	char	*url;		/* absolute http(s), without fragment */
	char	*label;		/* text, else img alt, else title; may be "" */
	char	*around;	/* text of the smallest block around it (li, tr, p...), may be "" */
	bool	 nav;		/* inside the portal's header, menu or footer */
};

struct extracted {
	char		*url;		/* the page's URL (final, after redirects) */
	bool		 html;		/* false: a document (PDF...) with no text read */
	char		*title;		/* <title>, "" if none */
	char		**headings;	/* h1-h6 outside header/menu/footer, in order */
	size_t		 n_headings;
	struct ext_link	*links;
	size_t		 n_links;
	char		**blocks;	/* content blocks: a heading plus the text under it, or a paragraph */
	size_t		 n_blocks;
	char		*content;	/* visible text outside header/menu/footer */
	int		*dates;		/* labelled dates in the content (YYYYMMDD), future ones too */
	size_t		 n_dates;
	bool		 has_form;	/* a <form> in its own content that is not a search box */
	/* A document (PDF, DOCX) read by document.c: title and dates are its own. */
	int		 doc;		/* enum doc_state; 0 (DOC_NONE) for a page */
	char		*doc_note;	/* why it could not be read, or NULL */
};

/*
 * Extract a fetched body. url is the page's final URL, content_type the HTTP
 * header or NULL. Never fails: a broken page gives what could be read.
 * Caller frees with extracted_free.
 */
struct extracted *extract_page(const char *url, const char *content_type,
    const void *body, size_t len);
void extracted_free(struct extracted *ex);
/*
 * extract_page keeps a libxml2 parser context per thread, from page to page:
 * a thread that extracted frees its own with this before it exits.
 */
void extract_thread_end(void);

/*
 * The extractor's version, written into every cached blob: bump it whenever
 * extract*.c changes what it produces, so that blobs made by the old code are
 * refused and unchanged pages are fetched and extracted again.
 */
#define EXTRACT_VERSION	3

/* A blob for fetch_state.extracted; caller frees *out. */
void extract_serialize(const struct extracted *ex, void **out, size_t *len);
/* Read a blob back, checking every bound; NULL with *cause (caller frees) if bad. */
struct extracted *extract_deserialize(const void *blob, size_t len, char **cause);

/* The charset name to read a body in (HTTP header, then <meta>, then UTF-8); static or in buf. */
const char *extract_charset(const char *content_type, const void *body,
    size_t len, char *buf, size_t size);
/* The body converted to valid UTF-8 from charset (bad bytes become U+FFFD). Caller frees. */
char *extract_to_utf8(const char *charset, const void *body, size_t len,
    size_t *outlen);
/*
 * The same, without a copy when the body is valid UTF-8 already (*owned NULL:
 * the result is body, or after its BOM); else *owned is the copy to free.
 */
const char *extract_utf8_view(const char *charset, const void *body, size_t len,
    size_t *outlen, char **owned);

#endif

/*
 * extract-blob.c: an extracted page as bytes for fetch_state.extracted, and
 * back. Layout: "TCX1", the extractor's version (u32), then fields in a fixed order; a string is a u32
 * length and its bytes, a list a u32 count then its items, a date an i32
 * (little endian). The reader trusts nothing: every length is checked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "extract.h"
#include "fold.h"
#include "xmalloc.h"

#define BLOB_MAGIC	"TCX2"

/* Bytes of a string in a blob (NULL as ""). */
static size_t
str_size(const char *s)
{
	return 4 + (s ? strlen(s) : 0);
}

/* Write a u32, little endian, at *p and move past it. */
static void
put_u32(unsigned char **p, uint32_t v)
{
	unsigned char *c = *p;

	c[0] = v & 0xff;
	c[1] = (v >> 8) & 0xff;
	c[2] = (v >> 16) & 0xff;
	c[3] = v >> 24;
	*p += 4;
}

/* Write a string (NULL as "") and move past it. */
static void
put_str(unsigned char **p, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u32(p, (uint32_t)n);
	if (n > 0)
		memcpy(*p, s, n);
	*p += n;
}

/* Write a flag byte. */
static void
put_flag(unsigned char **p, bool v)
{
	*(*p)++ = v ? 1 : 0;
}

/* The blob's size: it is made in one allocation, not grown as it is written. */
static size_t
blob_size(const struct extracted *ex)
{
	size_t n = 4 + 4 + str_size(ex->url) + 1 + str_size(ex->title) + 4;

	for (size_t i = 0; i < ex->n_headings; i++)
		n += str_size(ex->headings[i]);
	n += 4;
	for (size_t i = 0; i < ex->n_links; i++)
		n += str_size(ex->links[i].url) + str_size(ex->links[i].label) +
		    str_size(ex->links[i].around) + 1;
	n += 4;
	for (size_t i = 0; i < ex->n_blocks; i++)
		n += str_size(ex->blocks[i]);
	n += str_size(ex->content) + 4 + 4 * ex->n_dates + 1 + 4 + str_size(ex->doc_note);
	return n;
}

void
extract_serialize(const struct extracted *ex, void **out, size_t *len)
{
	size_t size = blob_size(ex);
	unsigned char *blob = xmalloc(size + 1), *p = blob;

	memcpy(p, BLOB_MAGIC, 4);
	p += 4;
	put_u32(&p, EXTRACT_VERSION);
	put_str(&p, ex->url);
	put_flag(&p, ex->html);
	put_str(&p, ex->title);
	put_u32(&p, (uint32_t)ex->n_headings);
	for (size_t i = 0; i < ex->n_headings; i++)
		put_str(&p, ex->headings[i]);
	put_u32(&p, (uint32_t)ex->n_links);
	for (size_t i = 0; i < ex->n_links; i++) {
		put_str(&p, ex->links[i].url);
		put_str(&p, ex->links[i].label);
		put_str(&p, ex->links[i].around);
		put_flag(&p, ex->links[i].nav);
	}
	put_u32(&p, (uint32_t)ex->n_blocks);
	for (size_t i = 0; i < ex->n_blocks; i++)
		put_str(&p, ex->blocks[i]);
	put_str(&p, ex->content);
	put_u32(&p, (uint32_t)ex->n_dates);
	for (size_t i = 0; i < ex->n_dates; i++)
		put_u32(&p, (uint32_t)ex->dates[i]);
	put_flag(&p, ex->has_form);
	put_u32(&p, (uint32_t)ex->doc);
	put_str(&p, ex->doc_note);
	if ((size_t)(p - blob) != size)
		fatalx("extract_serialize: %zu bytes written, %zu sized", (size_t)(p - blob), size);
	*p = '\0';
	*len = size;
	*out = blob;
}

/* A cursor over a blob; err set on the first bad read (later reads return nothing). */
struct rd {
	const unsigned char	*p;
	size_t			 left;
	const char		*err;
};

/* Read a u32. */
static uint32_t
get_u32(struct rd *r)
{
	uint32_t v;

	if (r->err || r->left < 4) {
		r->err = r->err ? r->err : "truncated";
		return 0;
	}
	v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
	    (uint32_t)r->p[3] << 24;
	r->p += 4;
	r->left -= 4;
	return v;
}

/* Read a flag byte. */
static bool
get_flag(struct rd *r)
{
	if (r->err || r->left < 1) {
		r->err = r->err ? r->err : "truncated";
		return false;
	}
	r->left--;
	return *r->p++ != 0;
}

/* Read a string of at most max bytes, made valid UTF-8. Caller frees; never NULL. */
static char *
get_str(struct rd *r, size_t max)
{
	uint32_t n = get_u32(r);
	char *s;

	if (!r->err && (n > max || n > r->left))
		r->err = n > max ? "string too long" : "truncated";
	if (r->err)
		return xstrdup("");
	s = utf8_sanitize((const char *)r->p, n);
	r->p += n;
	r->left -= n;
	return s;
}

/* Read a count of at most max items, each at least min bytes. */
static size_t
get_count(struct rd *r, size_t max, size_t min)
{
	uint32_t n = get_u32(r);

	if (!r->err && (n > max || (size_t)n * min > r->left))
		r->err = "bad count";
	return r->err ? 0 : n;
}

struct extracted *
extract_deserialize(const void *blob, size_t len, char **cause)
{
	struct rd r = { .p = blob, .left = len };
	struct extracted *ex = xcalloc(1, sizeof *ex);
	size_t n;
	uint32_t version;

	if (blob == NULL || len < 4 || memcmp(blob, BLOB_MAGIC, 4) != 0) {
		ex->url = xstrdup("");
		r.err = "not an extracted page";
		goto bad;
	}
	r.p += 4;
	r.left -= 4;
	/* A blob of another extractor would hide what this one finds. */
	if ((version = get_u32(&r)) != EXTRACT_VERSION && r.err == NULL)
		r.err = "made by another version of the extractor";
	ex->url = get_str(&r, EXTRACT_MAX_URL);
	ex->html = get_flag(&r);
	ex->title = get_str(&r, EXTRACT_MAX_LABEL * 4);
	n = get_count(&r, EXTRACT_MAX_HEADINGS, 4);
	ex->headings = xcalloc(n, sizeof *ex->headings);
	for (; ex->n_headings < n; ex->n_headings++)
		ex->headings[ex->n_headings] = get_str(&r, EXTRACT_MAX_BLOCK * 4);
	n = get_count(&r, EXTRACT_MAX_LINKS, 13);
	ex->links = xcalloc(n, sizeof *ex->links);
	for (; ex->n_links < n; ex->n_links++) {
		struct ext_link *l = &ex->links[ex->n_links];

		l->url = get_str(&r, EXTRACT_MAX_URL);
		l->label = get_str(&r, EXTRACT_MAX_LABEL * 4);
		l->around = get_str(&r, EXTRACT_MAX_AROUND * 4);
		l->nav = get_flag(&r);
	}
	n = get_count(&r, EXTRACT_MAX_BLOCKS, 4);
	ex->blocks = xcalloc(n, sizeof *ex->blocks);
	for (; ex->n_blocks < n; ex->n_blocks++)
		ex->blocks[ex->n_blocks] = get_str(&r, EXTRACT_MAX_BLOCK * 4);
	ex->content = get_str(&r, EXTRACT_MAX_CONTENT * 4);
	n = get_count(&r, EXTRACT_MAX_DATES, 4);
	ex->dates = xcalloc(n, sizeof *ex->dates);
	for (; ex->n_dates < n; ex->n_dates++)
		ex->dates[ex->n_dates] = (int)get_u32(&r);
	ex->has_form = get_flag(&r);
	if (r.err == NULL) {
		char *note;

		ex->doc = (int)get_u32(&r);
		if (!r.err && (ex->doc < DOC_NONE || ex->doc > DOC_UNREAD))
			r.err = "bad document state";
		note = get_str(&r, EXTRACT_MAX_BLOCK * 4);
		if (*note != '\0')
			ex->doc_note = note;
		else
			free(note);
	}
	if (!r.err && r.left != 0)
		r.err = "trailing bytes";
	if (r.err == NULL)
		return ex;
bad:
	if (ex->title == NULL)
		ex->title = xstrdup("");
	if (ex->content == NULL)
		ex->content = xstrdup("");
	extracted_free(ex);
	if (cause != NULL)
		*cause = xasprintf("bad extracted blob: %s", r.err);
	return NULL;
}

/* fold.c: folding text for matching, through utf8proc (no hand-made tables). */
#include "fold.h"

#include <string.h>

#include <utf8proc.h>

#include "xmalloc.h"

char *
utf8_sanitize(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	struct buf b = { 0 };
	size_t i = 0;

	buf_add(&b, "", 0);
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
			if (p[i] == 0)
				buf_puts(&b, "\xef\xbf\xbd");
			else
				buf_putc(&b, (char)p[i]);
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			buf_puts(&b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		buf_add(&b, p + i, (size_t)n);
		i += (size_t)n;
	}
	return buf_steal(&b);
}

/* Replace the d-like letters utf8proc keeps (đ U+0111, ð U+00F0) by d, in place; returns new length. */
static size_t
fold_dstroke(char *s, size_t len)
{
	size_t i, o;

	for (i = o = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i + 1 < len && ((c == 0xc4 && (unsigned char)s[i + 1] == 0x91) ||
		    (c == 0xc3 && (unsigned char)s[i + 1] == 0xb0))) {
			s[o++] = 'd';
			i++;
		} else
			s[o++] = s[i];
	}
	return o;
}

/* Is c ASCII white space? */
static bool
fold_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

char *
text_squeeze(const char *s, size_t max)
{
	struct buf b = { 0 };
	bool sp = false;

	buf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)s; *p && b.len <= max; p++) {
		if (fold_space(*p) || (p[0] == 0xc2 && p[1] == 0xa0)) {
			if (p[0] == 0xc2)
				p++;
			sp = b.len > 0;
			continue;
		}
		if (sp)
			buf_putc(&b, ' ');
		sp = false;
		buf_putc(&b, (char)*p);
	}
	if (b.len > max) {
		b.len = max;
		/* Back off to a character boundary. */
		while (b.len > 0 && ((unsigned char)b.data[b.len] & 0xc0) == 0x80)
			b.len--;
		while (b.len > 0 && b.data[b.len - 1] == ' ')
			b.len--;
		b.data[b.len] = '\0';
	}
	return buf_steal(&b);
}

char *
fold_mem(const char *s, size_t len)
{
	char *clean = utf8_sanitize(s, len), *out;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	size_t i, o, m;

	n = utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)strlen(clean),
	    &mapped, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
	    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE |
	    UTF8PROC_STRIPCC | UTF8PROC_LUMP);
	free(clean);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			fatalx("utf8proc: out of memory");
		return xstrdup("");	/* cannot happen on sanitised input */
	}
	m = fold_dstroke((char *)mapped, (size_t)n);
	out = xmalloc(m + 1);
	for (i = o = 0; i < m; i++) {
		if (fold_space(mapped[i])) {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
		} else
			out[o++] = (char)mapped[i];
	}
	if (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	free(mapped);
	return out;
}

char *
fold_str(const char *s)
{
	return s == NULL ? xstrdup("") : fold_mem(s, strlen(s));
}

/* A byte of a word: ASCII letter or digit, or any byte of a non-ASCII character. */
static bool
fold_wordc(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

bool
fold_has(const char *hay, const char *phrase)
{
	size_t pl = strlen(phrase);
	const char *p = hay;

	if (pl == 0)
		return false;
	while ((p = strstr(p, phrase)) != NULL) {
		bool before = p == hay || !fold_wordc((unsigned char)p[-1]) ||
		    !fold_wordc((unsigned char)phrase[0]);
		bool after = !fold_wordc((unsigned char)p[pl]) ||
		    !fold_wordc((unsigned char)phrase[pl - 1]);

		if (before && after)
			return true;
		p++;
	}
	return false;
}

int
fold_word_count(const char *folded)
{
	int n = 0;
	bool in = false;

	for (const unsigned char *p = (const unsigned char *)folded; *p; p++) {
		if (fold_wordc(*p)) {
			if (!in)
				n++;
			in = true;
		} else
			in = false;
	}
	return n;
}

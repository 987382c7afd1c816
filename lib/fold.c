/* fold.c: folding text for matching, through utf8proc (no hand-made tables). */
#include "fold.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "xmalloc.h"

/*
 * The code point at p (len > 0 bytes, p[0] not ASCII) into *cp and its length,
 * or a value <= 0 if invalid: utf8proc_iterate, with the two- and three-byte
 * letters of Vietnamese (U+0080-U+07FF, U+1000-U+CFFF, U+E000-U+FFFF: no
 * surrogates, no overlongs) read inline, as they are most of a page's text.
 */
static inline utf8proc_ssize_t
utf8_next(const utf8proc_uint8_t *p, size_t len, utf8proc_int32_t *cp)
{
	if (p[0] >= 0xc2 && p[0] <= 0xdf && len >= 2 && (p[1] & 0xc0) == 0x80) {
		*cp = (utf8proc_int32_t)((p[0] & 0x1f) << 6 | (p[1] & 0x3f));
		return 2;
	}
	if (((p[0] >= 0xe1 && p[0] <= 0xec) || p[0] == 0xee || p[0] == 0xef) && len >= 3 &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		*cp = (utf8proc_int32_t)((p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f));
		return 3;
	}
	return utf8proc_iterate(p, (utf8proc_ssize_t)len, cp);
}

size_t
utf8_valid_prefix(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			uint64_t v, bad;

			/*
			 * The ASCII bytes up to the next other byte or NUL, eight at a time
			 * (markup and Vietnamese words have runs of them): bad marks the
			 * bytes that are not, the lowest one exactly.
			 */
			if (len - i >= 8) {
				memcpy(&v, p + i, 8);
				bad = (v & 0x8080808080808080ULL) |
				    ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL);
				if (bad == 0) {
					i += 8;
					continue;
				}
				if (__builtin_ctzll(bad) >= 8) {
					i += (size_t)__builtin_ctzll(bad) / 8;
					continue;
				}
			}
#endif
			if (p[i] == 0)
				break;
			i++;
			continue;
		}
		n = utf8_next(p + i, len - i, &cp);
		if (n <= 0)
			break;
		i += (size_t)n;
	}
	return i;
}

char *
utf8_sanitize(const char *s, size_t len)
{
	struct buf b = { 0 };
	size_t i = 0;

	buf_reserve(&b, len);
	b.data[0] = '\0';
	while (i < len) {
		/* The valid run copied at once (most text is one run), then U+FFFD for the bad byte. */
		size_t run = utf8_valid_prefix(s + i, len - i);

		buf_add(&b, s + i, run);
		i += run;
		if (i < len) {
			buf_puts(&b, "\xef\xbf\xbd");
			i++;
		}
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

/* Bytes that end a run text_squeeze copies as it is: NUL, white space, the lead of NBSP. */
static const bool squeeze_stop[256] = {
	[0] = true, [' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
	['\f'] = true, ['\v'] = true, [0xc2] = true,
};

size_t
text_clip(char *s, size_t len, size_t max)
{
	if (len > max) {
		len = max;
		/* Back off to a character boundary. */
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
		while (len > 0 && s[len - 1] == ' ')
			len--;
	}
	s[len] = '\0';
	return len;
}

char *
text_squeeze(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 2), o = 0;
	/* Never longer than s, and the loop stops past max + 2. */
	char *out = xmalloc(n + 3);
	bool sp = false;
	const unsigned char *p = (const unsigned char *)s;

	while (*p && o <= max) {
		/* White space or NBSP: squeeze_stop holds both, and a lone 0xc2 lead. */
		if (squeeze_stop[*p] && (p[0] != 0xc2 || p[1] == 0xa0)) {
			p += p[0] == 0xc2 ? 2 : 1;
			sp = o > 0;
			continue;
		}
		if (sp)
			out[o++] = ' ';
		sp = false;
		out[o++] = (char)*p++;
		/* The rest of a run of plain bytes, without the tests above. */
		while (o <= max && !squeeze_stop[*p])
			out[o++] = (char)*p++;
	}
	text_clip(out, o, max);
	return out;
}

/* The options of the fold (fold.h), as utf8proc knows them. */
#define FOLD_OPTIONS	(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | \
    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_STRIPCC | \
    UTF8PROC_LUMP)
/* Code points whose fold is remembered (the rest is computed each time). */
#define FOLD_MEMO	0x10000

/*
 * One code point folded: up to 14 bytes of UTF-8, len bytes; len
 * FOLD_SPACED | n: n bytes, of which some white space; FOLD_LONG: too long.
 */
struct fold_memo {
	unsigned char	len;
	char		s[15];
};
#define FOLD_SPACED	0x40
#define FOLD_LONG	0xfe

/*
 * Folds of the code points below FOLD_MEMO (1 MiB), all filled at once by
 * the first fold (about 1 ms), then only read: the daemon folds on its loop
 * and on its worker thread (worker.c) at the same time.
 */
static struct fold_memo fold_memo[FOLD_MEMO];
static pthread_once_t fold_memo_once = PTHREAD_ONCE_INIT;

/*
 * Append the fold of code point cp to b, exactly as utf8proc_map with
 * FOLD_OPTIONS maps it (decomposition, case fold, marks and ignorables
 * dropped, lumping; then its new-line and control rule: line ends, VT, FF
 * and TAB become a space, other controls go) and with đ and ð as d.
 * Marks are stripped, so canonical reordering never applies; CR LF giving one
 * space instead of two does not matter, as white space collapses afterwards.
 */
static void
fold_cp_slow(struct buf *b, utf8proc_int32_t cp)
{
	utf8proc_int32_t d[32];
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n;
	int bound = 0;

	n = utf8proc_decompose_char(cp, d, 32, FOLD_OPTIONS, &bound);
	if (n < 0 || n > 32)
		fatalx("utf8proc_decompose_char(U+%04X): %ld", (unsigned)cp, (long)n);
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		utf8proc_int32_t c = d[i];

		if (c == 0x0a || c == 0x0d || c == 0x85 || c == 0x0b || c == 0x0c || c == 0x09)
			c = ' ';
		else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
			continue;
		if (c == 0x0111 || c == 0x00f0)
			c = 'd';
		buf_add(b, u, (size_t)utf8proc_encode_char(c, u));
	}
}

/* Fill the memo (pthread_once). */
static void
fold_memo_fill(void)
{
	struct buf t = { 0 };

	for (utf8proc_int32_t cp = 0; cp < FOLD_MEMO; cp++) {
		struct fold_memo *m = &fold_memo[cp];

		t.len = 0;
		fold_cp_slow(&t, cp);
		if (t.len < sizeof m->s) {
			bool spaced = false;

			memcpy(m->s, t.data != NULL ? t.data : "", t.len);
			for (size_t i = 0; i < t.len; i++)
				spaced |= fold_space((unsigned char)t.data[i]);
			m->len = (unsigned char)(t.len | (spaced ? FOLD_SPACED : 0));
		} else
			m->len = FOLD_LONG;
	}
	buf_free(&t);
}

void
fold_init(void)
{
	if (pthread_once(&fold_memo_once, fold_memo_fill) != 0)
		fatalx("pthread_once failed");
}

/*
 * Append n bytes of a fold to b, white space collapsed as it goes: a space
 * only after a byte that is not one, so never first nor doubled.
 */
static void
fold_put_spaced(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	for (size_t i = 0; i < n; i++) {
		if (!fold_space((unsigned char)s[i]))
			b->data[b->len++] = s[i];
		else if (b->len > 0 && b->data[b->len - 1] != ' ')
			b->data[b->len++] = ' ';
	}
}

/* Append the fold of cp, through the memo (filled: fold_init), white space collapsed. */
static inline void
fold_cp(struct buf *b, utf8proc_int32_t cp)
{
	struct fold_memo *m = cp < FOLD_MEMO ? &fold_memo[cp] : NULL;

	if (m != NULL && m->len < FOLD_SPACED) {
		/* fold_mem keeps sizeof m->s bytes free: no call, no check. */
		memcpy(b->data + b->len, m->s, sizeof m->s);
		b->len += m->len;
	} else if (m != NULL && m->len != FOLD_LONG)
		fold_put_spaced(b, m->s, m->len & ~FOLD_SPACED);
	else {
		struct buf t = { 0 };

		fold_cp_slow(&t, cp);
		fold_put_spaced(b, t.data, t.len);
		buf_free(&t);
	}
}

/* The fold of each printable ASCII byte but space (itself, lower-cased); 0: another rule. */
static const unsigned char ascii_fold[128] = {
#define R4(c)	(c), (c) + 1, (c) + 2, (c) + 3
#define R16(c)	R4(c), R4((c) + 4), R4((c) + 8), R4((c) + 12)
	[0x21] = 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d,
	0x2e, 0x2f, R16(0x30), 0x40, R16('a'), R4('a' + 16), R4('a' + 20), 'y', 'z', 0x5b,
	0x5c, 0x5d, 0x5e, 0x5f, R16(0x60), R4(0x70), R4(0x74), R4(0x78), 0x7c, 0x7d, 0x7e,
#undef R16
#undef R4
};

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * Eight ASCII bytes at v, printable or space, that fold to themselves
 * lower-cased with no space to collapse: none has the high bit or is below
 * 0x20 or DEL, no two spaces are adjacent, and the first is not a space
 * unless after (nonempty) a byte that is not one. The tests are the usual
 * SWAR ones, exact for "any"; spaces are found exactly.
 */
static inline bool
ascii_plain8(uint64_t v, bool space_ok)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t t, sp;

	if (((v | ((v - 0x20 * ones) & ~v) | (v + ones)) & highs) != 0)
		return false;
	/* Spaces: 0x80 in each byte of v that is 0x20 (no high bits: no carries). */
	t = v ^ (0x20 * ones);
	sp = ~((t + 0x7f * ones) | t) & highs;
	return (sp & (sp >> 8)) == 0 && (space_ok || (sp & 0x80) == 0);
}

/* The eight bytes of ascii_plain8 with A-Z lower-cased. */
static inline uint64_t
ascii_lower8(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	/* High bit of each byte: >= 'A', and > 'Z'; no carry, every byte < 0x7f. */
	uint64_t ge_a = v + (0x80 - 'A') * ones, gt_z = v + (0x7f - 'Z') * ones;

	return v | ((ge_a & ~gt_z & highs) >> 2);
}
#endif

char *
fold_mem(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	struct buf b = { 0 };
	size_t i = 0, retry = 0;

	fold_init();
	buf_reserve(&b, len + sizeof fold_memo[0].s);
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;
		unsigned char c = p[i];

		/* Room for one memo entry, copied whole, or eight bytes, and the NUL. */
		if (b.cap - b.len < sizeof fold_memo[0].s + 1)
			buf_reserve(&b, b.len + sizeof fold_memo[0].s);
		if (c < 0x80) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/*
			 * Eight plain ASCII bytes at once (markup, English, numbers); not
			 * tried again for eight bytes when they were not (Vietnamese text).
			 */
			if (i >= retry && len - i >= 8) {
				uint64_t v;

				memcpy(&v, p + i, 8);
				if (ascii_plain8(v, b.len > 0 && b.data[b.len - 1] != ' ')) {
					v = ascii_lower8(v);
					memcpy(b.data + b.len, &v, 8);
					b.len += 8;
					i += 8;
					continue;
				}
				retry = i + 8;
			}
#endif
			/* ASCII: the memo, inlined for the printable bytes and space. */
			i++;
			if (ascii_fold[c] != 0)
				b.data[b.len++] = (char)ascii_fold[c];
			else if (c == ' ') {
				if (b.len > 0 && b.data[b.len - 1] != ' ')
					b.data[b.len++] = ' ';
			} else
				fold_cp(&b, c == 0 ? 0xfffd : c);	/* NUL: as utf8_sanitize */
			continue;
		}
		n = utf8_next(p + i, len - i, &cp);
		if (n <= 0) {
			cp = 0xfffd;	/* invalid: as utf8_sanitize */
			n = 1;
		}
		fold_cp(&b, cp);
		i += (size_t)n;
	}
	/* White space was collapsed on the way: only a last space to trim. */
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		b.len--;
	b.data[b.len] = '\0';
	return b.data;
}

/* The fold through utf8proc_map on the whole text: what fold_mem must equal (tests). */
char *
fold_mem_reference(const char *s, size_t len)
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
	return fold_has_n(hay, phrase, strlen(phrase));
}

bool
fold_has_n(const char *hay, const char *phrase, size_t pl)
{
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

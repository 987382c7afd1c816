/*
 * document-vn.c: text typed in the legacy TCVN3 (ABC) encoding, as old
 * documents in .VnTime fonts still are. Their extracted text comes out as
 * Latin-1 letters ("Danh môc th«ng tin"): each code point is one TCVN3 byte.
 * glibc's iconv reads those bytes as TCVN 5712 (of which TCVN3 is the upper
 * half); the conversion is kept only when it makes Vietnamese words appear.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "fold.h"
#include "xmalloc.h"

#define VN_MIN_MARKS	4	/* TCVN3 letters needed before a conversion is tried */

/* Common words of administrative texts, folded, counted before and after. */
static const char *const vn_words[] = { "thong tin", "ngay", "thang", "nam", "quyet dinh",
	"cong khai", "danh muc", "cua", "ve viec", "uy ban", "nhan dan", "duoc", NULL };

/* Is Latin-1 code point c a TCVN3 Vietnamese letter (ă â ê ô ơ ư đ, a with tones)? */
static bool
tcvn3_mark(unsigned c)
{
	return (c >= 0xa8 && c <= 0xae) || (c >= 0xb5 && c <= 0xb9);
}

/* How many of vn_words folded text holds. */
static int
vn_score(const char *text, size_t len)
{
	char *f = fold_mem(text, len);
	int n = 0;

	for (int i = 0; vn_words[i] != NULL; i++)
		n += fold_has(f, vn_words[i]);
	free(f);
	return n;
}

/* The code points of UTF-8 text as bytes, if all are below 0x100 and enough are TCVN3 letters. */
static char *
latin1_bytes(const char *s, size_t len, size_t *out)
{
	char *b = xmalloc(len + 1);
	size_t n = 0, marks = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;

		if (c < 0x80)
			cp = c;
		else if ((c == 0xc2 || c == 0xc3) && i + 1 < len &&
		    ((unsigned char)s[i + 1] & 0xc0) == 0x80) {
			cp = ((unsigned)(c & 0x1f) << 6) | ((unsigned char)s[++i] & 0x3f);
			marks += tcvn3_mark(cp);
		} else {
			free(b);	/* a code point beyond Latin-1: Unicode text */
			return NULL;
		}
		b[n++] = (char)cp;
	}
	if (marks < VN_MIN_MARKS) {
		free(b);
		return NULL;
	}
	*out = n;
	return b;
}

char *
doc_legacy_to_unicode(const char *text, size_t len)
{
	size_t n, in_left, out_left, cap;
	char *bytes = latin1_bytes(text, len, &n), *in, *out, *res;
	iconv_t cd;

	if (bytes == NULL)
		return NULL;
	if ((cd = iconv_open("UTF-8", "TCVN5712-1")) == (iconv_t)-1) {
		free(bytes);
		return NULL;
	}
	cap = 4 * n + 1;	/* a TCVN byte is at most 3 UTF-8 bytes */
	res = xmalloc(cap);
	in = bytes;
	in_left = n;
	out = res;
	out_left = cap - 1;
	while (in_left > 0) {
		if (iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1)
			break;
		if (errno != EILSEQ && errno != EINVAL)
			break;
		in++;	/* a byte TCVN 5712 does not define: skipped */
		in_left--;
	}
	iconv(cd, NULL, NULL, &out, &out_left);
	iconv_close(cd);
	*out = '\0';
	free(bytes);
	if (vn_score(res, (size_t)(out - res)) <= vn_score(text, len)) {
		free(res);
		return NULL;
	}
	return res;
}

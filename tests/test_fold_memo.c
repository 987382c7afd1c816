/* test_fold_memo.c: the memoised fold equals utf8proc_map's over every code point, random text and portal pages. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <utf8proc.h>

#include "fold.h"
#include "support.h"
#include "xmalloc.h"

/* fold_mem and fold_mem_reference agree on len bytes of s. */
static void
expect_same(const char *s, size_t len, const char *what)
{
	char *fast = fold_mem(s, len), *ref = fold_mem_reference(s, len);

	cr_assert_str_eq(fast, ref, "%s", what);
	free(fast);
	free(ref);
}

Test(fold_memo, every_code_point_folds_as_utf8proc_maps_it, .timeout = 60)
{
	char s[16];
	utf8proc_uint8_t u[4];

	/* The first round fills the memo (U+0000-U+FFFF), the second reads it. */
	for (int round = 0; round < 2; round++) {
		for (utf8proc_int32_t cp = 0; cp <= (round == 0 ? 0x10ffff : 0xffff); cp++) {
			utf8proc_ssize_t n;
			char what[32];

			if (cp >= 0xd800 && cp <= 0xdfff)
				continue;	/* not UTF-8: the invalid-bytes test covers them */
			n = utf8proc_encode_char(cp, u);
			s[0] = 'A';
			memcpy(s + 1, u, (size_t)n);
			s[n + 1] = 'b';
			snprintf(what, sizeof what, "U+%04X", (unsigned)cp);
			expect_same(s, (size_t)n + 2, what);
		}
	}
}

Test(fold_memo, random_text_folds_as_utf8proc_maps_it)
{
	static const char *const pieces[] = {
		"a", "Z", "0", " ", "\t", "\r\n", "\n", "\r", "\v", "\f", "\x01", "\x7f",
		"\xc2\x85", "\xc2\xa0", "\xe2\x80\xa8", "\xe2\x80\x8b", "đ", "Đ", "ð", "Ð",
		"Tiếp cận", "THÔNG TIN", "Quy chế", "e\xcc\x81", "\xcc\x81", "\xcc\xa3\xcc\x81",
		"ﬁ", "½", "①", "ǅ", "ß", "İ", "한", "\xef\xbf\xbd", "\xff", "\xc3", "\xe1\xbb",
		"\xed\xa0\x80", "\0", "😀", "Ⅻ", "\xef\xbb\xbf", "–", "—", "‘’", "…",
	};
	const size_t np = sizeof pieces / sizeof pieces[0];
	unsigned seed = 12345;

	for (int t = 0; t < 3000; t++) {
		struct buf b = { 0 };
		int n = 1 + (int)(seed % 24);
		char what[32];

		for (int i = 0; i < n; i++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 8) % np];
			buf_add(&b, p, *p == '\0' ? 1 : strlen(p));
		}
		snprintf(what, sizeof what, "string %d", t);
		expect_same(b.data, b.len, what);
		buf_free(&b);
	}
}

/*
 * fold_mem takes eight plain ASCII bytes at once: every ASCII byte, at every
 * place in such a run and next to it (white space, controls, DEL, the ends of
 * the ranges it tests: ' ', '!', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', '~'),
 * among Vietnamese letters and spaces, must fold as utf8proc_map folds it.
 */
Test(fold_memo, ascii_runs_fold_as_utf8proc_maps_them)
{
	static const char *const around[] = { "", " ", "ệ", "Đ", "\t\n", "\xc2\xa0", "\xff" };
	unsigned seed = 777;
	char what[64];

	for (int c = 0; c < 0x80; c++)
		for (int at = 0; at < 17; at++)
			for (size_t k = 0; k < sizeof around / sizeof around[0]; k++) {
				struct buf b = { 0 };

				buf_puts(&b, around[k]);
				for (int i = 0; i < 24; i++)
					buf_putc(&b, (char)(i == at ? c : "AbZ!~@[`{az09Q"[i % 14]));
				buf_puts(&b, around[k]);
				/* NUL too: fold_mem reads len bytes, not a C string. */
				if (c == 0)
					b.data[strlen(around[k]) + (size_t)at] = '\0';
				snprintf(what, sizeof what, "byte 0x%02x at %d around %zu", c, at, k);
				expect_same(b.data, b.len, what);
				buf_free(&b);
			}
	/* Random runs of ASCII, Vietnamese and white space, long enough for many runs of eight. */
	for (int t = 0; t < 2000; t++) {
		struct buf b = { 0 };
		int n = 1 + (int)(seed % 200);

		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			switch ((seed >> 8) % 6) {
			case 0:
				buf_puts(&b, "Ủy ban nhân dân ");
				break;
			case 1:
				buf_puts(&b, "  \r\n\t ");
				break;
			default:
				buf_putc(&b, (char)((seed >> 16) % 0x80));
				break;
			}
		}
		snprintf(what, sizeof what, "random ASCII string %d", t);
		expect_same(b.data, b.len, what);
		buf_free(&b);
	}
}

/* Compare the folds of every file under dir (recursively). */
static void
fold_tree(const char *dir, int *files)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	cr_assert_not_null(d, "%s", dir);
	while ((de = readdir(d)) != NULL) {
		char *path;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		cr_assert_eq(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode))
			fold_tree(path, files);
		else if (S_ISREG(st.st_mode) && st.st_size < 4 * 1024 * 1024) {
			FILE *f = fopen(path, "rb");
			char *data = xmalloc((size_t)st.st_size + 1);

			cr_assert_not_null(f);
			cr_assert_eq(fread(data, 1, (size_t)st.st_size, f), (size_t)st.st_size);
			fclose(f);
			expect_same(data, (size_t)st.st_size, path);
			free(data);
			(*files)++;
		}
		free(path);
	}
	closedir(d);
}

Test(fold_memo, portal_pages_fold_as_utf8proc_maps_them)
{
	char *province = test_srcdir("province"), *demo = test_srcdir("../conf/demo/portals");
	int files = 0;

	fold_tree(province, &files);
	fold_tree(demo, &files);
	cr_expect_gt(files, 50);
	free(province);
	free(demo);
}

/* utf8_valid_prefix as it was: utf8proc_iterate on every code point (utf8_next's reference). */
static size_t
valid_prefix_reference(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
			if (p[i] == 0)
				break;
			i++;
			continue;
		}
		if ((n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp)) <= 0)
			break;
		i += (size_t)n;
	}
	return i;
}

Test(fold_memo, byte_sequences_are_valid_as_utf8proc_says)
{
	/* Every lead byte and second byte, third bytes on and around the continuation range. */
	static const unsigned char thirds[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f,
		0xa0, 0xbf, 0xc0, 0xff };
	char s[12];

	for (int b0 = 0x80; b0 <= 0xff; b0++)
		for (int b1 = 0; b1 <= 0xff; b1++)
			for (size_t t = 0; t < sizeof thirds; t++) {
				/* After ASCII, so the eight-byte path reads it too; then cut short. */
				memcpy(s, "abcdefgh", 8);
				s[8] = (char)b0;
				s[9] = (char)b1;
				s[10] = (char)thirds[t];
				s[11] = (char)0x80;
				for (size_t len = 9; len <= 12; len++)
					cr_assert_eq(utf8_valid_prefix(s, len), valid_prefix_reference(s, len),
					    "%02x %02x %02x, %zu bytes", b0, b1, thirds[t], len);
			}
}

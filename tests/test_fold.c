/* test_fold.c: folding text for matching (NFC/NFD, case, marks, đ, spaces, bad bytes). */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "fold.h"

/* Fold s and compare with want. */
static void
expect_fold(const char *s, const char *want)
{
	char *f = fold_str(s);

	cr_expect_str_eq(f, want, "fold(\"%s\")", s);
	free(f);
}

Test(fold, nfc_nfd_case_and_marks_fold_alike)
{
	/* NFC */
	expect_fold("TIẾP CẬN THÔNG TIN", "tiep can thong tin");
	/* NFD: base letters followed by combining marks */
	expect_fold("TIE\xcc\x82\xcc\x81P CA\xcc\x82\xcc\xa3N THO\xcc\x82NG TIN", "tiep can thong tin");
	expect_fold("Tie\xcc\x82\xcc\x81p ca\xcc\x82\xcc\xa3n tho\xcc\x82ng tin", "tiep can thong tin");
	expect_fold("Tiep can thong tin", "tiep can thong tin");
	expect_fold("Đầu mối cung cấp thông tin", "dau moi cung cap thong tin");
	expect_fold("ĐẦU MỐI", "dau moi");
	expect_fold("\xc3\x90\xe1\xba\xa6U M\xe1\xbb\x90I", "dau moi");	/* Ð (U+00D0) for Đ */
	expect_fold("Quy chế làm việc", "quy che lam viec");
	expect_fold("Danh mục thông tin phải được công khai", "danh muc thong tin phai duoc cong khai");
	expect_fold("Ứng dụng ưu tiên ở Sơn La", "ung dung uu tien o son la");
}

Test(fold, white_space_collapses)
{
	expect_fold("  Tiếp\tcận\n\n thông\xc2\xa0tin  ", "tiep can thong tin");
	expect_fold("a\xe2\x80\x83" "b", "a b");	/* em space */
	expect_fold("thông\xc2\xadtin", "thongtin");	/* soft hyphen is ignorable */
	expect_fold("", "");
	expect_fold(NULL, "");
}

Test(fold, invalid_utf8_is_replaced_not_fatal)
{
	char *f = fold_mem("ab\xff\xfe" "c\xc3", 6);
	char *s;

	cr_expect(strstr(f, "ab") == f);
	cr_expect(strchr(f, 'c') != NULL);
	free(f);
	s = utf8_sanitize("a\0b\xed\xa0\x80", 6);	/* NUL and a surrogate */
	cr_expect_str_eq(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	f = fold_mem("\xc0\xaf\xe0\x80\xaf", 5);	/* overlong '/' */
	cr_expect(strchr(f, '/') == NULL);
	free(f);
}

Test(fold, phrases_match_on_word_boundaries)
{
	cr_expect(fold_has("chuyen muc tiep can thong tin", "tiep can thong tin"));
	cr_expect(fold_has("tiep can thong tin", "tiep can thong tin"));
	cr_expect(fold_has("(tiep can thong tin)", "tiep can thong tin"));
	cr_expect(!fold_has("tiep can thong tinh", "tiep can thong tin"));
	cr_expect(!fold_has("xtiep can thong tin", "tiep can thong tin"));
	cr_expect(fold_has("danh muc: x", "danh muc"));
	cr_expect(!fold_has("anything", ""));
	cr_expect(fold_has("a quy che b quy chet", "quy che"));
}

Test(fold, words_are_counted)
{
	cr_expect_eq(fold_word_count("tiep can thong tin"), 4);
	cr_expect_eq(fold_word_count(" - tiep-can, thong tin 2026 "), 5);
	cr_expect_eq(fold_word_count(""), 0);
}

Test(fold, squeeze_collapses_and_cuts_on_characters)
{
	char *s = text_squeeze("  Tiếp \n cận  ", 100);

	cr_expect_str_eq(s, "Tiếp cận");
	free(s);
	s = text_squeeze("Tiếp cận", 3);	/* "Ti" + first byte of ế would be cut */
	cr_expect_str_eq(s, "Ti");
	free(s);
}

Test(fold, clip_cuts_squeezed_text_as_squeeze_does)
{
	/* Cut points on ASCII, inside a multibyte letter, and just after a space. */
	static const char *const texts[] = { "Tiếp cận thông tin", "a b", "ế", "Đ ế ạ x",
		"Quyết định 231/QĐ-UBND ngày 01/10/2024", "" };

	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		size_t len = strlen(texts[t]);

		for (size_t max = 0; max <= len + 1; max++) {
			char *want = text_squeeze(texts[t], max), *got = strdup(texts[t]);
			size_t n = text_clip(got, len, max);

			cr_expect_str_eq(got, want, "clip(\"%s\", %zu)", texts[t], max);
			cr_expect_eq(n, strlen(want));
			free(want);
			free(got);
		}
	}
}

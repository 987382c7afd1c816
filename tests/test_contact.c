/* test_contact.c: phone numbers and e-mail addresses as offices write them, hidden ones too. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "contact.h"
#include "fold.h"

/* contact_has on the folded text. */
static bool
has(const char *text)
{
	char *f = fold_str(text);
	bool r = contact_has(f);

	free(f);
	return r;
}

Test(contact, phones_every_way_offices_write_them)
{
	static const char *const yes[] = { "ĐT: (0213) 3876 543", "Điện thoại: 0213.3876.543",
		"SĐT 02133 876 543", "Di động 0912 345 678", "Tel: +84 213 3876 543",
		"0213 3876 543", "Điện thoại:0213-3876-543", "ĐT (0213)3876543", NULL };
	static const char *const no[] = { "Quyết định số 231/QĐ-UBND ngày 01/10/2024",
		"ngày 15.09.2026", "Mã số thuế 5400123456789", "năm 2026, 12 nhóm thông tin",
		"Luật số 104/2016/QH13", NULL };

	for (int i = 0; yes[i]; i++)
		cr_expect(has(yes[i]), "%s", yes[i]);
	for (int i = 0; no[i]; i++)
		cr_expect(!has(no[i]), "%s", no[i]);
}

Test(contact, emails_plain_and_spelled_out)
{
	static const char *const yes[] = { "Email: vanphong@laichau.gov.vn",
		"Thư điện tử: vanphong[at]laichau.gov.vn", "vanphong (a) laichau.gov.vn",
		"vanphong@laichau.gov[.]vn", "vanphong(at)laichau(dot)gov(dot)vn", NULL };
	static const char *const no[] = { "Email: đang cập nhật", "@laichau", "a@b",
		"vanphong[at] trụ sở", NULL };

	for (int i = 0; yes[i]; i++)
		cr_expect(has(yes[i]), "%s", yes[i]);
	for (int i = 0; no[i]; i++)
		cr_expect(!has(no[i]), "%s", no[i]);
}

Test(contact, cloudflare_and_joomla_cloaking_decoded)
{
	char *s;

	/* "vp@lc.vn" XOR 0x5a, key first, as Cloudflare's email-decode.min.js reads it. */
	s = contact_cfemail("5a2c2a1a3639742c34");
	cr_assert_not_null(s);
	cr_expect_str_eq(s, "vp@lc.vn");
	free(s);
	cr_expect_null(contact_cfemail("5a2c2"), "odd length");
	cr_expect_null(contact_cfemail("zz2c2a"), "not hex");
	cr_expect_null(contact_cfemail("5a5a"), "decodes to a NUL");
	s = contact_joomla("dmFucGhvbmc=", "bGFpY2hhdS5nb3Yudm4=");
	cr_assert_not_null(s);
	cr_expect_str_eq(s, "vanphong@laichau.gov.vn");
	free(s);
	cr_expect_null(contact_joomla("!!!", "bGFpY2hhdS5nb3Yudm4="));
	cr_expect_null(contact_joomla("", ""));
}

/* test_config_report.c: the [report] section: defaults, every key, and its errors with their lines. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "config.h"
#include "xmalloc.h"

#define UNIT "[unit:stp]\nname = Sở Tư pháp\nkind = department\nurl = https://sotuphap.laichau.gov.vn/\n"

Test(config_report, defaults)
{
	struct config *cfg = NULL;
	char *cause = NULL;

	cr_assert_eq(config_load_string("t.conf", UNIT, &cfg, &cause), 0, "%s", cause);
	cr_expect_str_eq(cfg->report_parent, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU");
	cr_expect_str_eq(cfg->report_issuer, "VĂN PHÒNG");
	cr_expect_str_eq(cfg->report_symbol, "VP");
	cr_expect_str_eq(cfg->report_place, "Lai Châu");
	cr_expect_str_eq(cfg->report_signer, "CHÁNH VĂN PHÒNG");
	cr_assert_eq(cfg->n_report_recipients, 3);
	cr_expect_str_eq(cfg->report_recipients[2], "Lưu: VT");
	config_free(cfg);
}

Test(config_report, every_key)
{
	struct config *cfg = NULL;
	char *cause = NULL;

	cr_assert_eq(config_load_string("t.conf",
	    "[report]\nparent =\nissuer = SỞ TƯ PHÁP TỈNH ĐIỆN BIÊN\nsymbol = STP-ĐB\n"
	    "place = Điện Biên ; the province's capital\nsigner = GIÁM ĐỐC\n"
	    "recipient = UBND tỉnh\nrecipient = Lưu: VT\n" UNIT, &cfg, &cause), 0, "%s", cause);
	cr_expect_null(cfg->report_parent, "an empty parent means none");
	cr_expect_str_eq(cfg->report_issuer, "SỞ TƯ PHÁP TỈNH ĐIỆN BIÊN");
	cr_expect_str_eq(cfg->report_symbol, "STP-ĐB");
	cr_expect_str_eq(cfg->report_place, "Điện Biên");
	cr_expect_str_eq(cfg->report_signer, "GIÁM ĐỐC");
	cr_assert_eq(cfg->n_report_recipients, 2, "the recipients given replace the defaults");
	cr_expect_str_eq(cfg->report_recipients[0], "UBND tỉnh");
	cr_expect_str_eq(cfg->report_recipients[1], "Lưu: VT");
	config_free(cfg);
}

Test(config_report, errors_name_their_lines)
{
	struct config *cfg = NULL;
	char *cause = NULL;
	char long_title[200];

	memset(long_title, 'A', 130);
	long_title[130] = '\0';
	char *text = xasprintf("[report]\n"
	    "symbol = vp\n"			/* 2: lower case */
	    "issuer =\n"			/* 3: empty */
	    "signer = %s\n"			/* 4: too long */
	    "colour = red\n"			/* 5: unknown */
	    "place = Lai Châu\n"
	    "place = Điện Biên\n"		/* 7: duplicate */
	    "symbol = BC/VP\n"			/* 8: a slash, and a duplicate */
	    UNIT, long_title);
	cr_assert_eq(config_load_string("t.conf", text, &cfg, &cause), -1);
	cr_assert_null(cfg);
	cr_expect(strstr(cause, "t.conf:2: symbol: bad symbol 'vp'") != NULL, "%s", cause);
	cr_expect(strstr(cause, "t.conf:3: issuer: bad text") != NULL, "%s", cause);
	cr_expect(strstr(cause, "t.conf:4: signer: bad text") != NULL, "%s", cause);
	cr_expect(strstr(cause, "t.conf:5: unknown key 'colour'") != NULL, "%s", cause);
	cr_expect(strstr(cause, "t.conf:7: duplicate key 'place'") != NULL, "%s", cause);
	cr_expect(strstr(cause, "t.conf:8: duplicate key 'symbol'") != NULL, "%s", cause);
	free(cause);
	free(text);
}

Test(config_report, too_many_recipients)
{
	struct config *cfg = NULL;
	char *cause = NULL;
	char text[4096] = "[report]\n";

	for (int i = 0; i < 21; i++)
		strcat(text, "recipient = Sở\n");
	strcat(text, UNIT);
	cr_assert_eq(config_load_string("t.conf", text, &cfg, &cause), -1);
	cr_expect(strstr(cause, "t.conf:22: recipient: more than 20 recipients") != NULL,
	    "%s", cause);
	free(cause);
}

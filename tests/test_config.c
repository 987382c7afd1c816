/* test_config.c: every accepted form of tctt.conf and every error it reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "config.h"

static struct config *
load_ok(const char *text)
{
	struct config *cfg = NULL;
	char *cause = NULL;

	if (config_load_string("t.conf", text, &cfg, &cause) == -1)
		cr_assert_fail("unexpected error: %s", cause);
	return cfg;
}

/* Load text that must fail; returns the error text (caller frees). */
static char *
load_err(const char *text)
{
	struct config *cfg = NULL;
	char *cause = NULL;

	cr_assert_eq(config_load_string("t.conf", text, &cfg, &cause), -1,
	    "accepted: %s", text);
	cr_assert_null(cfg);
	cr_assert_not_null(cause);
	return cause;
}

#define UNIT "[unit:stp]\nname = Sở Tư pháp\nkind = department\nurl = https://sotuphap.laichau.gov.vn/\n"

Test(config, defaults_match_spec)
{
	struct config *cfg = load_ok(UNIT);

	cr_expect_str_eq(cfg->database, "/var/lib/tctt/tctt.db");
	cr_expect_eq(cfg->interval, 86400);
	cr_expect_eq(cfg->concurrency, 16);
	cr_expect_eq(cfg->per_host, 2);
	cr_expect_eq(cfg->timeout, 30);
	cr_expect_eq(cfg->retries, 2);
	cr_expect_eq(cfg->max_pages, 200);
	cr_expect_eq(cfg->max_depth, 4);
	cr_expect_eq(cfg->max_bytes, 5 * 1024 * 1024);
	cr_expect(cfg->robots);
	cr_expect_eq(cfg->public_catalog_max_age, 365 * 86400);
	cr_expect_eq(cfg->conditional_catalog_max_age, 365 * 86400);
	cr_expect_eq(cfg->regulation_max_age, 0);
	cr_expect_null(cfg->smtp_url);
	cr_expect_str_eq(cfg->outbox, "/var/lib/tctt/outbox");
	cr_expect_eq(cfg->remind_after, 14 * 86400);
	cr_expect_eq(cfg->remind_every, 7 * 86400);
	cr_expect_eq(cfg->escalate_after, 3);
	cr_expect_eq(cfg->digest_wday, 1);
	cr_expect_eq(cfg->digest_minute, 7 * 60);
	cr_expect_str_eq(cfg->listen, "127.0.0.1:8080");
	cr_expect_null(cfg->users_file);
	cr_expect_null(cfg->proxy);
	cr_expect(strncmp(cfg->user_agent, "tctt/", 5) == 0);
	cr_expect_eq(cfg->n_units, 1);
	cr_expect_str_eq(cfg->units[0].name, "Sở Tư pháp");
	cr_expect_eq(cfg->units[0].kind, UNIT_DEPARTMENT);
	cr_expect_null(cfg->units[0].email);
	cr_expect_str_eq(cfg->from, "Văn phòng UBND tỉnh <vanphong@example.gov.vn>");
	cr_expect_str_eq(cfg->secretariat, "vanphong@example.gov.vn");
	cr_expect_null(cfg->smtp_user);
	cr_expect_null(cfg->smtp_password_file);
	cr_expect_eq(cfg->n_connect_to, 0);
	cr_expect(strstr(cfg->user_agent, "vanphong@example.gov.vn") != NULL,
	    "the contact address: %s", cfg->user_agent);
	config_free(cfg);
}

/* Only " ;" starts a comment: a ';' inside a value is kept. */
Test(config, rules_criteria_default_all_nine_or_the_list_given)
{
	struct config *cfg = load_ok(UNIT);

	cr_expect_eq(cfg->criteria, CRIT_ALL);
	cr_expect_eq(crit_set_size(cfg->criteria), 9);
	config_free(cfg);
	cfg = load_ok("[rules]\ncriteria = focal_point, section   forms ; the three\n" UNIT);
	cr_expect_eq(cfg->criteria, (1u << CRIT_SECTION) | (1u << CRIT_FOCAL_POINT) |
	    (1u << CRIT_FORMS));
	config_free(cfg);
}

Test(config, semicolon_inside_a_value_is_kept)
{
	struct config *cfg = load_ok("[daemon]\nuser_agent = tctt/1;x (+mailto:a@b.vn) ; ours\n" UNIT);

	cr_expect_str_eq(cfg->user_agent, "tctt/1;x (+mailto:a@b.vn)");
	config_free(cfg);
}

Test(config, every_key)
{
	struct config *cfg = load_ok(
	    "# comment\n; another\n"
	    "[daemon]\n"
	    "database = /tmp/t.db\n"
	    "interval = 12h           ; inline comment\n"
	    "concurrency = 32\n"
	    "per_host = 4\n"
	    "timeout = 45s\n"
	    "retries = 3\n"
	    "max_pages = 50\n"
	    "max_depth = 2\n"
	    "max_bytes = 512K\n"
	    "robots = no\n"
	    "user_agent = tctt/test (+mailto:a@b.vn)\n"
	    "connect_to = a.demo:80:127.0.0.1:8080\n"
	    "connect_to = ::127.0.0.1:9090\n"
	    "proxy = http://127.0.0.1:3128\n"
	    "[rules]\n"
	    "public_catalog_max_age = 180d\n"
	    "conditional_catalog_max_age = 30d\n"
	    "regulation_max_age = 0\n"
	    "[notify]\n"
	    "smtp_url = smtp://127.0.0.1:2525\n"
	    "smtp_user = vp\n"
	    "smtp_password_file = /etc/tctt/smtp.pw\n"
	    "from = Văn phòng UBND tỉnh <vanphong@laichau.gov.vn>\n"
	    "secretariat = vanphong@laichau.gov.vn\n"
	    "outbox = /tmp/outbox\n"
	    "remind_after = 7d\n"
	    "remind_every = 2d\n"
	    "escalate_after = 5\n"
	    "digest = Fri 16:30\n"
	    "[dashboard]\n"
	    "listen = 0.0.0.0:9000\n"
	    "users_file = /etc/tctt/users\n"
	    "  " UNIT
	    "email = sotuphap@laichau.gov.vn\n"
	    "[unit:xa-ban-lang]\nname = UBND xã Bản Lang\nkind = commune\n"
	    "url = http://banlang.laichau.gov.vn/\n");

	cr_expect_str_eq(cfg->database, "/tmp/t.db");
	cr_expect_eq(cfg->interval, 12 * 3600);
	cr_expect_eq(cfg->concurrency, 32);
	cr_expect_eq(cfg->per_host, 4);
	cr_expect_eq(cfg->timeout, 45);
	cr_expect_eq(cfg->retries, 3);
	cr_expect_eq(cfg->max_pages, 50);
	cr_expect_eq(cfg->max_depth, 2);
	cr_expect_eq(cfg->max_bytes, 512 * 1024);
	cr_expect(!cfg->robots);
	cr_expect_str_eq(cfg->user_agent, "tctt/test (+mailto:a@b.vn)");
	cr_assert_eq(cfg->n_connect_to, 2);
	cr_expect_str_eq(cfg->connect_to[0], "a.demo:80:127.0.0.1:8080");
	cr_expect_str_eq(cfg->connect_to[1], "::127.0.0.1:9090");
	cr_expect_str_eq(cfg->proxy, "http://127.0.0.1:3128");
	cr_expect_eq(cfg->public_catalog_max_age, 180 * 86400);
	cr_expect_eq(cfg->conditional_catalog_max_age, 30 * 86400);
	cr_expect_eq(cfg->regulation_max_age, 0);
	cr_expect_str_eq(cfg->smtp_url, "smtp://127.0.0.1:2525");
	cr_expect_str_eq(cfg->smtp_user, "vp");
	cr_expect_str_eq(cfg->smtp_password_file, "/etc/tctt/smtp.pw");
	cr_expect_str_eq(cfg->from, "Văn phòng UBND tỉnh <vanphong@laichau.gov.vn>");
	cr_expect_str_eq(cfg->secretariat, "vanphong@laichau.gov.vn");
	cr_expect_str_eq(cfg->outbox, "/tmp/outbox");
	cr_expect_eq(cfg->remind_after, 7 * 86400);
	cr_expect_eq(cfg->remind_every, 2 * 86400);
	cr_expect_eq(cfg->escalate_after, 5);
	cr_expect_eq(cfg->digest_wday, 5);
	cr_expect_eq(cfg->digest_minute, 16 * 60 + 30);
	cr_expect_str_eq(cfg->listen, "0.0.0.0:9000");
	cr_expect_str_eq(cfg->users_file, "/etc/tctt/users");
	cr_assert_eq(cfg->n_units, 2);
	cr_expect_str_eq(cfg->units[0].email, "sotuphap@laichau.gov.vn");
	cr_expect_eq(cfg->units[1].kind, UNIT_COMMUNE);
	cr_expect_str_eq(config_unit(cfg, "xa-ban-lang")->name, "UBND xã Bản Lang");
	cr_expect_null(config_unit(cfg, "none"));
	config_free(cfg);
}

Test(config, value_forms)
{
	int64_t n;
	bool b;

	cr_expect_eq(config_parse_duration("30s", &n), 0);
	cr_expect_eq(n, 30);
	cr_expect_eq(config_parse_duration("5m", &n), 0);
	cr_expect_eq(n, 300);
	cr_expect_eq(config_parse_duration("24h", &n), 0);
	cr_expect_eq(n, 86400);
	cr_expect_eq(config_parse_duration("7d", &n), 0);
	cr_expect_eq(n, 7 * 86400);
	cr_expect_eq(config_parse_duration("0", &n), 0);
	cr_expect_eq(n, 0);
	cr_expect_eq(config_parse_duration("abc", &n), -1);
	cr_expect_eq(config_parse_duration("-5s", &n), -1);
	cr_expect_eq(config_parse_duration("5x", &n), -1);
	cr_expect_eq(config_parse_duration("5ss", &n), -1);
	cr_expect_eq(config_parse_duration("99999999999999999999d", &n), -1);
	cr_expect_eq(config_parse_size("512K", &n), 0);
	cr_expect_eq(n, 512 * 1024);
	cr_expect_eq(config_parse_size("5M", &n), 0);
	cr_expect_eq(n, 5 * 1024 * 1024);
	cr_expect_eq(config_parse_size("5MB", &n), 0);
	cr_expect_eq(config_parse_size("100", &n), 0);
	cr_expect_eq(n, 100);
	cr_expect_eq(config_parse_size("5Q", &n), -1);
	cr_expect_eq(config_parse_size("M", &n), -1);
	cr_expect_eq(config_parse_bool("yes", &b), 0);
	cr_expect(b);
	cr_expect_eq(config_parse_bool("Off", &b), 0);
	cr_expect(!b);
	cr_expect_eq(config_parse_bool("maybe", &b), -1);
}

/* Arrays, not pointers: Criterion runs each case in a fresh process image. */
struct bad_case {
	char	text[256];
	char	expect[128];	/* substring of the error */
};

ParameterizedTestParameters(config, errors)
{
	static struct bad_case cases[] = {
		{ "[daemon]\ninterval = abc\n" UNIT, "t.conf:2: interval: bad duration 'abc'" },
		{ "[daemon]\nper_host = 0\n" UNIT, "t.conf:2: per_host: bad value '0'" },
		{ "[daemon]\nconcurrency = 2\nper_host = 3\n" UNIT, "t.conf:3: [daemon] per_host (3) is more than concurrency (2)" },
		{ "[daemon]\nmax_bytes = lots\n" UNIT, "t.conf:2: max_bytes: bad size 'lots'" },
		{ "[daemon]\nrobots = perhaps\n" UNIT, "t.conf:2: robots: bad value 'perhaps'" },
		{ "[daemon]\nconnect_to = nonsense\n" UNIT, "t.conf:2: connect_to: bad value" },
		{ "[daemon]\nretries = 2 3\n" UNIT, "t.conf:2: retries: bad value" },
		{ "[daemon]\ninterval = 0\n" UNIT, "t.conf:2: [daemon] interval must be more than 0" },
		{ "[daemon]\ncolour = blue\n" UNIT, "t.conf:2: unknown key 'colour'" },
		{ "[daemon]\ntimeout = 1s\ntimeout = 2s\n" UNIT, "t.conf:3: duplicate key 'timeout'" },
		{ "[deamon]\ninterval = 1h\n" UNIT, "t.conf:1: unknown section [deamon]" },
		{ "[daemon\n" UNIT, "t.conf:1: section header '[daemon' lacks ']'" },
		{ "interval = 1h\n" UNIT, "t.conf:1: 'interval' is outside any section" },
		{ "[daemon]\njust words\n" UNIT, "t.conf:2: expected 'key = value'" },
		{ "[notify]\nsmtp_url = http://mail\n" UNIT, "t.conf:2: smtp_url:" },
		{ "[notify]\nsecretariat = nobody\n" UNIT, "t.conf:2: secretariat: 'nobody' is not an e-mail address" },
		{ "[notify]\nfrom = Văn phòng <broken\n" UNIT, "t.conf:2: from:" },
		{ "[notify]\ndigest = Someday 7:00\n" UNIT, "t.conf:2: digest: bad time" },
		{ "[notify]\ndigest = Mon 25:00\n" UNIT, "t.conf:2: digest: bad time" },
		{ "[notify]\ndigest = Monkey 07:00\n" UNIT, "t.conf:2: digest: bad time" },
		{ "[notify]\nsmtp_user = vp\n" UNIT, "t.conf:2: [notify] smtp_user is set but smtp_password_file is not" },
		{ "[dashboard]\nlisten = localhost\n" UNIT, "t.conf:2: listen: bad address" },
		{ "[dashboard]\nlisten = 127.0.0.1:99999\n" UNIT, "t.conf:2: listen: bad address" },
		{ "[unit:stp]\nname = A\nkind = department\nurl = sotuphap.laichau.gov.vn\n", "t.conf:4: url: 'sotuphap.laichau.gov.vn' is not a URL (no scheme)" },
		{ "[unit:stp]\nname = A\nkind = department\nurl = ftp://x.vn/\n", "t.conf:4: url: 'ftp://x.vn/' has an unsupported scheme" },
		{ "[unit:stp]\nname = A\nkind = department\n", "t.conf:1: unit 'stp' has no url" },
		{ "[unit:stp]\nkind = department\nurl = http://a.vn/\n", "t.conf:1: unit 'stp' has no name" },
		{ "[unit:stp]\nname = A\nkind = ministry\nurl = http://a.vn/\n", "t.conf:3: kind: unknown kind 'ministry'" },
		{ "[unit:stp]\nname = A\nkind = agency\nurl = http://a.vn/\nemail = no-at-sign\n", "t.conf:5: email: 'no-at-sign' is not an e-mail address" },
		{ "[unit:Sở]\nname = A\nkind = agency\nurl = http://a.vn/\n", "t.conf:1: bad unit ID" },
		{ "[unit:a_b]\nname = A\nkind = agency\nurl = http://a.vn/\n", "t.conf:1: bad unit ID 'a_b'" },
		{ UNIT UNIT, "t.conf:5: duplicate unit ID 'stp' (first defined on line 1)" },
		{ "[unit:stp]\nname = \xff\xfe\nkind = agency\nurl = http://a.vn/\n", "t.conf:2: name: value is not valid UTF-8" },
		{ "[unit:stp]\nname = \nkind = agency\nurl = http://a.vn/\n", "t.conf:2: name must not be empty" },
		{ UNIT "colour = red\n", "t.conf:5: unknown key 'colour'" },
		{ "[daemon]\nper_host = 20\n" UNIT, "t.conf:2: [daemon] per_host (20) is more than concurrency (16)" },
		{ "[daemon]\ntimeout = 0s\n" UNIT, "t.conf:2: [daemon] timeout must be more than 0" },
		{ "[notify]\nremind_every = 0\n" UNIT, "t.conf:2: [notify] remind_every must be more than 0" },
		{ "[notify]\nsmtp_host = mail\n" UNIT, "t.conf:2: unknown key 'smtp_host'" },
		{ "[dashboard]\nport = 8080\n" UNIT, "t.conf:2: unknown key 'port'" },
		{ "[rules]\nsection_max_age = 1d\n" UNIT, "t.conf:2: unknown key 'section_max_age'" },
		{ "[rules]\npublic_catalog_max_age = 1y\n" UNIT, "t.conf:2: public_catalog_max_age: bad duration '1y'" },
		{ "[unit:]\nname = A\nkind = agency\nurl = http://a.vn/\n", "t.conf:1: bad unit ID ''" },
		{ "[notify]\nescalate_after = -1\n" UNIT, "t.conf:2: escalate_after: bad value '-1'" },
		{ "[rules]\ncriteria = section forms fourms\n" UNIT,
		  "t.conf:2: criteria: unknown criterion 'fourms' (expected some of: section" },
		{ "[rules]\n\ncriteria = forms, forms\n" UNIT, "t.conf:3: criteria: 'forms' is listed twice" },
		{ "[rules]\ncriteria =\n" UNIT, "t.conf:2: criteria: no criterion listed" },
	};

	return cr_make_param_array(struct bad_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, config, errors)
{
	char *cause = load_err(c->text);

	cr_expect(strstr(cause, c->expect) != NULL, "expected \"%s\" in \"%s\"",
	    c->expect, cause);
	free(cause);
}

Test(config, all_errors_in_one_run)
{
	char *cause = load_err(
	    "[daemon]\n"
	    "interval = abc\n"		/* 2 */
	    "per_host = 0\n"		/* 3 */
	    "[unit:a]\nname = A\nkind = agency\n"	/* 4: no url */
	    "[unit:a]\nname = B\n"	/* 7: duplicate */
	    "[bogus]\n");		/* 9 */
	int lines = 0;

	for (const char *p = cause; *p; p++)
		lines += *p == '\n';
	cr_expect_eq(lines + 1, 5, "got: %s", cause);
	cr_expect(strstr(cause, "t.conf:2:") != NULL);
	cr_expect(strstr(cause, "t.conf:3:") != NULL);
	cr_expect(strstr(cause, "t.conf:4: unit 'a' has no url") != NULL);
	cr_expect(strstr(cause, "t.conf:7: duplicate unit ID 'a'") != NULL);
	cr_expect(strstr(cause, "t.conf:9: unknown section [bogus]") != NULL);
	free(cause);
}

Test(config, long_line_is_an_error_not_a_split)
{
	char text[1024];

	snprintf(text, sizeof text, "[unit:a]\nname = %0300d\nkind = agency\nurl = http://a.vn/\n", 0);
	char *cause = load_err(text);

	cr_expect(strstr(cause, "t.conf:2: line too long") != NULL, "%s", cause);
	free(cause);
}

Test(config, crlf_bom_and_indent)
{
	struct config *cfg = load_ok("\xef\xbb\xbf[daemon]\r\n  interval = 1h\r\n\tretries = 1\r\n"
	    "[unit:a] ; first unit\r\nname = A ; with comment\r\nkind = agency\r\nurl = http://a.vn/\r\n");

	cr_expect_eq(cfg->interval, 3600);
	cr_expect_eq(cfg->retries, 1);
	cr_expect_str_eq(cfg->units[0].name, "A");
	config_free(cfg);
}

Test(config, missing_file)
{
	struct config *cfg;
	char *cause;

	cr_assert_eq(config_load("/nonexistent/tctt.conf", &cfg, &cause), -1);
	cr_expect(strstr(cause, "/nonexistent/tctt.conf") != NULL);
	free(cause);
}

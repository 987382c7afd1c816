/* config.c: parse and check tctt.conf; every error is reported with its line, all in one run. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "url.h"
#include "version.h"
#include "xmalloc.h"

#define CONFIG_MAX_SIZE	(4 * 1024 * 1024)

enum key_type {
	K_STR,		/* any text, required non-empty */
	K_OPTSTR,	/* any text; empty means unset (NULL) */
	K_PATH,		/* an absolute or relative path, non-empty */
	K_OPTPATH,
	K_DURATION,
	K_SIZE,
	K_INT,
	K_BOOL,
	K_URL,		/* http:// or https:// */
	K_SMTPURL,	/* smtp:// or smtps://, or empty */
	K_PROXY,	/* libcurl proxy string, or empty */
	K_EMAIL,
	K_MAILBOX,	/* "Name <addr>" or addr */
	K_LISTEN,
	K_DIGEST,
	K_CONNECT_TO,
	K_KIND,
	K_CRITERIA,	/* criterion ids separated by blanks or commas */
	K_TITLE,	/* a line of a document's heading: text without control characters */
	K_OPTTITLE,	/* the same; empty means none (NULL) */
	K_SYMBOL,	/* a document symbol: capitals, digits and '-' */
	K_RECIPIENT,	/* repeatable */
};

struct key_def {
	const char	*name;
	enum key_type	 type;
	size_t		 offset;	/* into struct config or struct unit_conf */
	int		 min, max;	/* for K_INT */
	bool		 required;	/* for unit keys */
};

#define C(f) offsetof(struct config, f)
#define U(f) offsetof(struct unit_conf, f)

/* Keyword tables, sorted by name within each section. */
static const struct key_def daemon_keys[] = {
	{ "allow_private", K_BOOL, C(allow_private), 0, 0, false },

	{ "archive_days", K_INT, C(archive_days), 1, 36500, false },
	{ "concurrency", K_INT, C(concurrency), 1, 4096, false },
	{ "connect_to", K_CONNECT_TO, 0, 0, 0, false },
	{ "database", K_PATH, C(database), 0, 0, false },
	{ "interval", K_DURATION, C(interval), 0, 0, false },
	{ "max_bytes", K_SIZE, C(max_bytes), 0, 0, false },
	{ "max_depth", K_INT, C(max_depth), 0, 100, false },
	{ "max_pages", K_INT, C(max_pages), 1, 100000, false },
	{ "per_host", K_INT, C(per_host), 1, 64, false },
	{ "proxy", K_PROXY, C(proxy), 0, 0, false },
	{ "retries", K_INT, C(retries), 0, 20, false },
	{ "robots", K_BOOL, C(robots), 0, 0, false },
	{ "timeout", K_DURATION, C(timeout), 0, 0, false },
	{ "user_agent", K_STR, C(user_agent), 0, 0, false },
	{ "workers", K_INT, C(workers), 0, 1, false },
};
static const struct key_def rules_keys[] = {
	{ "conditional_catalog_max_age", K_DURATION, C(conditional_catalog_max_age), 0, 0, false },
	{ "criteria", K_CRITERIA, C(criteria), 0, 0, false },
	{ "public_catalog_max_age", K_DURATION, C(public_catalog_max_age), 0, 0, false },
	{ "regulation_max_age", K_DURATION, C(regulation_max_age), 0, 0, false },
};
static const struct key_def notify_keys[] = {
	{ "digest", K_DIGEST, 0, 0, 0, false },
	{ "escalate_after", K_INT, C(escalate_after), 0, 1000, false },
	{ "from", K_MAILBOX, C(from), 0, 0, false },
	{ "outbox", K_PATH, C(outbox), 0, 0, false },
	{ "remind_after", K_DURATION, C(remind_after), 0, 0, false },
	{ "remind_every", K_DURATION, C(remind_every), 0, 0, false },
	{ "secretariat", K_EMAIL, C(secretariat), 0, 0, false },
	{ "smtp_ca_file", K_OPTPATH, C(smtp_ca_file), 0, 0, false },
	{ "smtp_password_file", K_OPTPATH, C(smtp_password_file), 0, 0, false },
	{ "smtp_url", K_SMTPURL, C(smtp_url), 0, 0, false },
	{ "smtp_user", K_OPTSTR, C(smtp_user), 0, 0, false },
};
static const struct key_def dashboard_keys[] = {
	{ "listen", K_LISTEN, C(listen), 0, 0, false },
	{ "users_file", K_OPTPATH, C(users_file), 0, 0, false },
};
static const struct key_def report_keys[] = {
	{ "issuer", K_TITLE, C(report_issuer), 0, 0, false },
	{ "parent", K_OPTTITLE, C(report_parent), 0, 0, false },
	{ "place", K_TITLE, C(report_place), 0, 0, false },
	{ "recipient", K_RECIPIENT, 0, 0, 0, false },
	{ "signer", K_TITLE, C(report_signer), 0, 0, false },
	{ "symbol", K_SYMBOL, C(report_symbol), 0, 0, false },
};
static const struct key_def unit_keys[] = {
	{ "email", K_EMAIL, U(email), 0, 0, false },
	{ "kind", K_KIND, U(kind), 0, 0, true },
	{ "name", K_STR, U(name), 0, 0, true },
	{ "url", K_URL, U(url), 0, 0, true },
};

#define NKEYS(t) (sizeof(t) / sizeof((t)[0]))
#define MAX_KEYS 16

enum section {
	SEC_NONE,
	SEC_DAEMON,
	SEC_RULES,
	SEC_NOTIFY,
	SEC_DASHBOARD,
	SEC_REPORT,
	SEC_UNIT,
	SEC_BAD,	/* unknown or invalid: its keys are ignored, the header was reported */
};

struct parse_ctx {
	const char	*path;
	const char	*text;		/* the whole file */
	size_t		 pos;
	int		 lineno;
	struct config	*cfg;
	struct buf	 errors;
	int		 nerrors;
	enum section	 section;
	struct unit_conf *unit;		/* current [unit:ID], NULL if a duplicate */
	bool		 recipients_given;	/* a [report] recipient was read */
	int		 seen[SEC_BAD][MAX_KEYS];	/* line of each key given, 0 if not */
	int		 unit_seen[MAX_KEYS];
};

static void config_error(struct parse_ctx *, int, const char *, ...)
    TCTT_PRINTF(3, 4);

/* Record one error at line (0: no line). */
static void
config_error(struct parse_ctx *ctx, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (line > 0)
		buf_printf(&ctx->errors, "%s:%d: %s\n", ctx->path, line, msg);
	else
		buf_printf(&ctx->errors, "%s: %s\n", ctx->path, msg);
	free(msg);
	ctx->nerrors++;
}

/* Quote a value for an error message, short and on one line; caller frees. */
static char *
quote(const char *s)
{
	struct buf b = { 0 };
	size_t i;

	buf_putc(&b, '\'');
	for (i = 0; s[i] != '\0' && i < 80; i++)
		buf_putc(&b, (unsigned char)s[i] < 0x20 ? '?' : s[i]);
	if (s[i] != '\0')
		buf_puts(&b, "...");
	buf_putc(&b, '\'');
	return buf_steal(&b);
}

int
config_parse_duration(const char *s, int64_t *out)
{
	char *end;
	long long n;
	int64_t mult;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || n < 0)
		return -1;
	switch (*end) {
	case '\0':
	case 's':
		mult = 1;
		break;
	case 'm':
		mult = 60;
		break;
	case 'h':
		mult = 3600;
		break;
	case 'd':
		mult = 86400;
		break;
	case 'w':
		mult = 7 * 86400;
		break;
	default:
		return -1;
	}
	if (*end != '\0' && end[1] != '\0')
		return -1;
	if (n > INT64_MAX / mult / 1000)	/* leave room for milliseconds */
		return -1;
	*out = n * mult;
	return 0;
}

int
config_parse_size(const char *s, int64_t *out)
{
	char *end;
	long long n;
	int64_t mult;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || n < 0)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case '\0':
	case 'B':
		mult = 1;
		break;
	case 'K':
		mult = 1024;
		break;
	case 'M':
		mult = 1024 * 1024;
		break;
	case 'G':
		mult = 1024 * 1024 * 1024;
		break;
	default:
		return -1;
	}
	if (*end != '\0' && end[1] != '\0' &&
	    !(toupper((unsigned char)end[1]) == 'B' && end[2] == '\0'))
		return -1;
	if (n > INT64_MAX / mult)
		return -1;
	*out = n * mult;
	return 0;
}

int
config_parse_bool(const char *s, bool *out)
{
	static const char *yes[] = { "yes", "true", "on", "1" };
	static const char *no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* Check an http(s) URL with libcurl's parser; returns NULL or a static reason. */
static const char *
check_url(const char *s, const char *scheme1, const char *scheme2)
{
	struct url_parts u;
	const char *why = NULL;

	if (strstr(s, "://") == NULL)
		return "is not a URL (no scheme)";
	if (url_parse(s, URL_ANY_SCHEME, &u) == -1)
		return "is not a valid URL";
	if (u.scheme == NULL || (strcmp(u.scheme, scheme1) != 0 && strcmp(u.scheme, scheme2) != 0))
		why = "has an unsupported scheme";
	else if (u.host == NULL || *u.host == '\0')
		why = "has no host";
	url_parts_free(&u);
	return why;
}

/* Does the URL carry a user name or password (shown everywhere a unit's URL is)? */
static bool
url_has_userinfo(const char *s)
{
	struct url_parts u;
	bool has;

	if (url_parse(s, URL_ANY_SCHEME, &u) == -1)
		return false;
	has = u.user != NULL || u.password != NULL;
	url_parts_free(&u);
	return has;
}

/* A plain address: local@domain, printable ASCII, no spaces or brackets. */
static bool
valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return false;
	if (strchr(at + 1, '.') == NULL && strcmp(at + 1, "localhost") != 0)
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[]\\,;:\"", *p) != NULL)
			return false;
	return true;
}

/* "Name <addr>" or "addr". */
static bool
valid_mailbox(const char *s)
{
	const char *lt = strrchr(s, '<');
	char *addr;
	bool ok;

	if (lt == NULL)
		return valid_email(s);
	if (s[strlen(s) - 1] != '>')
		return false;
	addr = xstrndup(lt + 1, strlen(lt + 1) - 1);
	ok = valid_email(addr);
	free(addr);
	return ok;
}

static bool
valid_port(const char *s, bool allow_empty)
{
	char *end;
	long n;

	if (*s == '\0')
		return allow_empty;
	if (!isdigit((unsigned char)*s))
		return false;
	n = strtol(s, &end, 10);
	return *end == '\0' && n >= 1 && n <= 65535;
}

static bool
valid_listen(const char *s)
{
	char *host;
	int port;

	if (url_split_hostport(s, &host, &port) == -1)
		return false;
	free(host);
	return port > 0;
}

static bool
valid_connect_to(const char *s)
{
	char f[4][256];
	const char *p = s;

	for (int i = 0; i < 4; i++) {
		p = url_field(p, f[i], sizeof f[i]);
		if (p == NULL || (i < 3 && *p != ':') || (i == 3 && *p != '\0'))
			return false;
		if (i < 3)
			p++;
	}
	return valid_port(f[1], true) && valid_port(f[3], true);
}

static int
parse_digest(const char *s, int *wday, int *minute)
{
	static const char *days[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
	static const char *full[] = { "sunday", "monday", "tuesday", "wednesday",
	    "thursday", "friday", "saturday" };
	char day[16];
	int h, m, n = 0;

	if (sscanf(s, "%15s %2d:%2d%n", day, &h, &m, &n) != 3 || s[n] != '\0')
		return -1;
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	for (int i = 0; i < 7; i++) {
		if (strcasecmp(day, days[i]) == 0 || strcasecmp(day, full[i]) == 0) {
			*wday = i;
			*minute = h * 60 + m;
			return 0;
		}
	}
	return -1;
}

static int
parse_kind(const char *s, enum unit_kind *out)
{
	static const char *names[] = { "department", "agency", "district", "commune" };

	for (int i = 0; i < 4; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum unit_kind)i;
			return 0;
		}
	}
	return -1;
}

const char *
unit_kind_name(enum unit_kind kind)
{
	static const char *names[] = { "department", "agency", "district", "commune" };

	return (unsigned)kind < 4 ? names[kind] : "?";
}

const char *
unit_kind_label(enum unit_kind kind)
{
	static const char *labels[] = { "Sở", "Ban, ngành", "Huyện, thành phố", "Xã, phường" };

	return (unsigned)kind < 4 ? labels[kind] : "?";
}

static bool
valid_unit_id(const char *id)
{
	if (*id == '\0' || strlen(id) > 64)
		return false;
	for (const char *p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

static bool
valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		size_t n;
		unsigned int c;

		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			n = 1;
			c = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			n = 2;
			c = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			n = 3;
			c = *p & 0x07;
		} else
			return false;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) ||
		    (n == 3 && (c < 0x10000 || c > 0x10ffff)) ||
		    (c >= 0xd800 && c <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

/* Longest heading line, in characters (the report's header column is narrow). */
#define TITLE_MAX	120
#define RECIPIENTS_MAX	20

/* One line of printable text, at most TITLE_MAX characters (valid UTF-8 is checked before). */
static bool
valid_title(const char *s)
{
	size_t chars = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		chars += (*p & 0xc0) != 0x80;
	}
	return chars <= TITLE_MAX;
}

/* "VP", "UBND", "VP-KSTT": ASCII capitals, digits and '-', or Đ; at most 20 bytes. */
static bool
valid_symbol(const char *s)
{
	if (*s == '\0' || *s == '-' || strlen(s) > 20)
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		if (strncmp(p, "Đ", strlen("Đ")) == 0) {
			p += strlen("Đ") - 1;
			continue;
		}
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	}
	return true;
}

static void
free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static const struct key_def *
find_key(const struct key_def *keys, size_t n, const char *name, size_t *index)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, keys[mid].name);

		if (c == 0) {
			*index = mid;
			return &keys[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static void
set_string(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

/* A list of criterion ids ("section forms ..."): each known, none twice, at least one. */
static void
parse_criteria(struct parse_ctx *ctx, const struct key_def *k, const char *value,
    crit_set *out)
{
	char *copy = xstrdup(value), *save = NULL;
	crit_set set = 0;
	bool bad = false;

	for (char *w = strtok_r(copy, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		int c = criterion_from_id(w);
		char *q = quote(w);

		if (c < 0) {
			struct buf known = { 0 };

			for (int i = 0; i < CRIT_COUNT; i++)
				buf_printf(&known, "%s%s", i ? " " : "", crit_info(i)->id);
			config_error(ctx, ctx->lineno, "%s: unknown criterion %s (expected some of: %s)",
			    k->name, q, known.data);
			buf_free(&known);
			bad = true;
		} else if (CRIT_IN(set, c)) {
			config_error(ctx, ctx->lineno, "%s: %s is listed twice", k->name, q);
			bad = true;
		} else
			set |= (crit_set)1 << c;
		free(q);
	}
	free(copy);
	if (!bad && set == 0)
		config_error(ctx, ctx->lineno, "%s: no criterion listed (expected some of "
		    "the nine, e.g. section regulation public_catalog)", k->name);
	else if (!bad)
		*out = set;
}

/* Convert one value and set it in the struct at base; reports its own errors. */
static void
set_key_value(struct parse_ctx *ctx, const struct key_def *k, void *base,
    const char *value)
{
	struct config *cfg = ctx->cfg;
	char *q = quote(value);
	int64_t n;
	bool b;
	const char *why;

	switch (k->type) {
	case K_STR:
	case K_PATH:
		if (*value == '\0')
			config_error(ctx, ctx->lineno, "%s must not be empty", k->name);
		else
			set_string((char **)((char *)base + k->offset), value);
		break;
	case K_OPTSTR:
	case K_OPTPATH:
		free(*(char **)((char *)base + k->offset));
		*(char **)((char *)base + k->offset) = *value ? xstrdup(value) : NULL;
		break;
	case K_DURATION:
		if (config_parse_duration(value, &n) == -1)
			config_error(ctx, ctx->lineno, "%s: bad duration %s "
			    "(expected a number and s, m, h or d, e.g. 30s, 24h, 7d)",
			    k->name, q);
		else
			*(int64_t *)((char *)base + k->offset) = n;
		break;
	case K_SIZE:
		if (config_parse_size(value, &n) == -1 || n == 0)
			config_error(ctx, ctx->lineno, "%s: bad size %s "
			    "(expected a number and K or M, e.g. 512K, 5M)", k->name, q);
		else
			*(int64_t *)((char *)base + k->offset) = n;
		break;
	case K_INT: {
		char *end;
		long v;

		errno = 0;
		v = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || errno != 0 ||
		    v < k->min || v > k->max)
			config_error(ctx, ctx->lineno, "%s: bad value %s "
			    "(expected a whole number from %d to %d)", k->name, q,
			    k->min, k->max);
		else
			*(int *)((char *)base + k->offset) = (int)v;
		break;
	}
	case K_BOOL:
		if (config_parse_bool(value, &b) == -1)
			config_error(ctx, ctx->lineno, "%s: bad value %s "
			    "(expected yes or no)", k->name, q);
		else
			*(bool *)((char *)base + k->offset) = b;
		break;
	case K_URL:
		if ((why = check_url(value, "http", "https")) != NULL)
			config_error(ctx, ctx->lineno, "%s: %s %s (expected "
			    "http:// or https://)", k->name, q, why);
		else if (url_has_userinfo(value))
			config_error(ctx, ctx->lineno, "%s: a URL must not hold a user "
			    "name or password (they would be shown and logged)", k->name);
		else
			set_string((char **)((char *)base + k->offset), value);
		break;
	case K_SMTPURL:
		if (*value == '\0') {
			free(cfg->smtp_url);
			cfg->smtp_url = NULL;
		} else if ((why = check_url(value, "smtp", "smtps")) != NULL)
			config_error(ctx, ctx->lineno, "%s: %s %s (expected "
			    "smtp:// or smtps://)", k->name, q, why);
		else
			set_string(&cfg->smtp_url, value);
		break;
	case K_PROXY:
		free(cfg->proxy);
		cfg->proxy = NULL;
		if (*value != '\0' && strchr(value, ' ') != NULL)
			config_error(ctx, ctx->lineno, "%s: bad proxy %s", k->name, q);
		else if (*value != '\0')
			cfg->proxy = xstrdup(value);
		break;
	case K_EMAIL:
		if (!valid_email(value))
			config_error(ctx, ctx->lineno, "%s: %s is not an e-mail "
			    "address (expected name@domain)", k->name, q);
		else
			set_string((char **)((char *)base + k->offset), value);
		break;
	case K_MAILBOX:
		if (!valid_mailbox(value))
			config_error(ctx, ctx->lineno, "%s: %s is not an e-mail "
			    "address (expected name@domain or Name <name@domain>)",
			    k->name, q);
		else
			set_string((char **)((char *)base + k->offset), value);
		break;
	case K_LISTEN:
		if (!valid_listen(value))
			config_error(ctx, ctx->lineno, "%s: bad address %s "
			    "(expected ADDR:PORT, e.g. 127.0.0.1:8080)", k->name, q);
		else
			set_string(&cfg->listen, value);
		break;
	case K_DIGEST:
		if (parse_digest(value, &cfg->digest_wday, &cfg->digest_minute) == -1)
			config_error(ctx, ctx->lineno, "%s: bad time %s "
			    "(expected a weekday and HH:MM, e.g. Mon 07:00)", k->name, q);
		break;
	case K_CONNECT_TO:
		if (!valid_connect_to(value))
			config_error(ctx, ctx->lineno, "%s: bad value %s (expected "
			    "HOST:PORT:CONNECT-HOST:CONNECT-PORT)", k->name, q);
		else {
			cfg->connect_to = xreallocarray(cfg->connect_to,
			    cfg->n_connect_to + 1, sizeof *cfg->connect_to);
			cfg->connect_to[cfg->n_connect_to++] = xstrdup(value);
		}
		break;
	case K_CRITERIA:
		parse_criteria(ctx, k, value, (crit_set *)((char *)base + k->offset));
		break;
	case K_OPTTITLE:
		if (*value == '\0') {
			free(*(char **)((char *)base + k->offset));
			*(char **)((char *)base + k->offset) = NULL;
			break;
		}
		/* FALLTHROUGH */
	case K_TITLE:
	case K_RECIPIENT:
		if (*value == '\0' || !valid_title(value))
			config_error(ctx, ctx->lineno, "%s: bad text %s (expected one "
			    "line of at most %d characters)", k->name, q, TITLE_MAX);
		else if (k->type != K_RECIPIENT)
			set_string((char **)((char *)base + k->offset), value);
		else if (cfg->n_report_recipients == RECIPIENTS_MAX)
			config_error(ctx, ctx->lineno, "%s: more than %d recipients",
			    k->name, RECIPIENTS_MAX);
		else {
			if (!ctx->recipients_given) {
				/* The first one given replaces the default list. */
				free_strings(cfg->report_recipients, cfg->n_report_recipients);
				cfg->report_recipients = NULL;
				cfg->n_report_recipients = 0;
				ctx->recipients_given = true;
			}
			cfg->report_recipients = xreallocarray(cfg->report_recipients,
			    cfg->n_report_recipients + 1, sizeof *cfg->report_recipients);
			cfg->report_recipients[cfg->n_report_recipients++] = xstrdup(value);
		}
		break;
	case K_SYMBOL:
		if (!valid_symbol(value))
			config_error(ctx, ctx->lineno, "%s: bad symbol %s (expected "
			    "capital letters, digits and '-', e.g. VP or UBND)", k->name, q);
		else
			set_string((char **)((char *)base + k->offset), value);
		break;
	case K_KIND:
		if (parse_kind(value, (enum unit_kind *)((char *)base + k->offset)) == -1)
			config_error(ctx, ctx->lineno, "%s: unknown kind %s (expected "
			    "department, agency, district or commune)", k->name, q);
		break;
	}
	free(q);
}

/* libinih calls this for each name = value. */
static int
handler_cb(void *user, const char *section, const char *name, const char *value)
{
	struct parse_ctx *ctx = user;
	const struct key_def *keys = NULL, *k;
	size_t nkeys = 0, index;
	int *seen;
	void *base = ctx->cfg;

	(void)section;	/* the reader tracked the section, with its line */
	switch (ctx->section) {
	case SEC_NONE:
		config_error(ctx, ctx->lineno, "'%s' is outside any section", name);
		return 1;
	case SEC_BAD:
		return 1;
	case SEC_DAEMON:
		keys = daemon_keys, nkeys = NKEYS(daemon_keys);
		break;
	case SEC_RULES:
		keys = rules_keys, nkeys = NKEYS(rules_keys);
		break;
	case SEC_NOTIFY:
		keys = notify_keys, nkeys = NKEYS(notify_keys);
		break;
	case SEC_DASHBOARD:
		keys = dashboard_keys, nkeys = NKEYS(dashboard_keys);
		break;
	case SEC_REPORT:
		keys = report_keys, nkeys = NKEYS(report_keys);
		break;
	case SEC_UNIT:
		keys = unit_keys, nkeys = NKEYS(unit_keys);
		if (ctx->unit == NULL)
			return 1;	/* duplicate unit, already reported */
		base = ctx->unit;
		break;
	}
	if ((k = find_key(keys, nkeys, name, &index)) == NULL) {
		char *q = quote(name);

		config_error(ctx, ctx->lineno, "unknown key %s in this section", q);
		free(q);
		return 1;
	}
	if (!valid_utf8(value)) {
		config_error(ctx, ctx->lineno, "%s: value is not valid UTF-8", name);
		return 1;
	}
	seen = ctx->section == SEC_UNIT ? ctx->unit_seen : ctx->seen[ctx->section];
	if (seen[index] && k->type != K_CONNECT_TO && k->type != K_RECIPIENT) {
		config_error(ctx, ctx->lineno, "duplicate key '%s'", name);
		return 1;
	}
	seen[index] = ctx->lineno;
	set_key_value(ctx, k, base, value);
	return 1;
}

/* Before a new section starts or at the end: check the unit just finished. */
static void
finish_unit(struct parse_ctx *ctx)
{
	if (ctx->section != SEC_UNIT || ctx->unit == NULL)
		return;
	for (size_t i = 0; i < NKEYS(unit_keys); i++)
		if (unit_keys[i].required && !ctx->unit_seen[i])
			config_error(ctx, ctx->unit->line, "unit '%s' has no %s",
			    ctx->unit->id, unit_keys[i].name);
}

/* Handle a "[...]" line; trimmed is the line without surrounding blanks. */
static void
begin_section(struct parse_ctx *ctx, const char *trimmed)
{
	size_t len = strlen(trimmed);
	char *name, *q;

	finish_unit(ctx);
	ctx->unit = NULL;
	memset(ctx->unit_seen, 0, sizeof ctx->unit_seen);
	if (trimmed[len - 1] != ']') {
		q = quote(trimmed);
		config_error(ctx, ctx->lineno, "section header %s lacks ']'", q);
		free(q);
		ctx->section = SEC_BAD;
		return;
	}
	name = xstrndup(trimmed + 1, len - 2);
	if (strcmp(name, "daemon") == 0)
		ctx->section = SEC_DAEMON;
	else if (strcmp(name, "rules") == 0)
		ctx->section = SEC_RULES;
	else if (strcmp(name, "notify") == 0)
		ctx->section = SEC_NOTIFY;
	else if (strcmp(name, "dashboard") == 0)
		ctx->section = SEC_DASHBOARD;
	else if (strcmp(name, "report") == 0)
		ctx->section = SEC_REPORT;
	else if (strncmp(name, "unit:", 5) == 0) {
		const char *id = name + 5;
		struct config *cfg = ctx->cfg;

		ctx->section = SEC_UNIT;
		q = quote(id);
		if (!valid_unit_id(id)) {
			config_error(ctx, ctx->lineno, "bad unit ID %s (expected "
			    "lowercase letters, digits and '-')", q);
			ctx->section = SEC_BAD;
		} else if (config_unit(cfg, id) != NULL) {
			config_error(ctx, ctx->lineno, "duplicate unit ID %s "
			    "(first defined on line %d)", q, config_unit(cfg, id)->line);
		} else {
			cfg->units = xreallocarray(cfg->units, cfg->n_units + 1,
			    sizeof *cfg->units);
			ctx->unit = &cfg->units[cfg->n_units++];
			memset(ctx->unit, 0, sizeof *ctx->unit);
			ctx->unit->id = xstrdup(id);
			ctx->unit->line = ctx->lineno;
		}
		free(q);
	} else {
		q = quote(name);
		config_error(ctx, ctx->lineno, "unknown section [%s]", name);
		free(q);
		ctx->section = SEC_BAD;
	}
	free(name);
}

/* Cut " ; comment" from a section header, as libinih does for values. */
static void
strip_inline_comment(char *s)
{
	char *p;

	for (p = s + 1; *p != '\0'; p++) {
		if (*p == ';' && (p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	}
	while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		*--p = '\0';
}

/*
 * libinih's line reader. We feed it one line at a time so that we know the
 * line number, catch what it would silently mangle (overlong lines, stray
 * text) and track sections ourselves. Leading blanks are removed so an
 * indented line is never taken as a continuation of the previous value.
 */
static char *
reader_cb(char *str, int num, void *stream)
{
	struct parse_ctx *ctx = stream;
	const char *line = ctx->text + ctx->pos, *nl;
	size_t len, skip;
	char *trimmed;

	if (*line == '\0')
		return NULL;
	ctx->lineno++;
	nl = strchr(line, '\n');
	len = nl ? (size_t)(nl - line) : strlen(line);
	ctx->pos += len + (nl ? 1 : 0);
	if (len > 0 && line[len - 1] == '\r')
		len--;
	for (skip = 0; skip < len && (line[skip] == ' ' || line[skip] == '\t'); skip++)
		;
	line += skip;
	len -= skip;
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	str[0] = '\0';
	if (len == 0 || line[0] == '#' || line[0] == ';')
		return str;
	if (len + 2 > (size_t)num) {
		config_error(ctx, ctx->lineno, "line too long (%zu characters, at "
		    "most %d)", len, num - 2);
		return str;
	}
	trimmed = xstrndup(line, len);
	if (trimmed[0] == '[') {
		strip_inline_comment(trimmed);
		begin_section(ctx, trimmed);
	}
	else if (strpbrk(trimmed, "=:") == NULL) {
		char *q = quote(trimmed);

		config_error(ctx, ctx->lineno, "expected 'key = value', got %s", q);
		free(q);
	} else if (strcspn(trimmed, "=:") == 0) {
		config_error(ctx, ctx->lineno, "missing key before '='");
	} else {
		/* inih would split at ':' too: keep '=' the only delimiter we need. */
		memcpy(str, trimmed, len + 1);
	}
	free(trimmed);
	return str;
}

static void
config_defaults(struct config *cfg)
{
	cfg->database = xstrdup("/var/lib/tctt/tctt.db");
	cfg->interval = 24 * 3600;
	cfg->concurrency = 16;
	cfg->per_host = 2;
	cfg->workers = 1;
	cfg->timeout = 30;
	cfg->retries = 2;
	cfg->max_pages = 200;
	cfg->archive_days = 730;
	cfg->max_depth = 4;
	cfg->max_bytes = 5 * 1024 * 1024;
	cfg->robots = true;
	cfg->public_catalog_max_age = 365 * 86400;
	cfg->conditional_catalog_max_age = 365 * 86400;
	cfg->regulation_max_age = 0;
	cfg->criteria = CRIT_ALL;
	cfg->from = xstrdup("Văn phòng UBND tỉnh <vanphong@example.gov.vn>");
	cfg->secretariat = xstrdup("vanphong@example.gov.vn");
	cfg->outbox = xstrdup("/var/lib/tctt/outbox");
	cfg->remind_after = 14 * 86400;
	cfg->remind_every = 7 * 86400;
	cfg->escalate_after = 3;
	cfg->digest_wday = 1;
	cfg->digest_minute = 7 * 60;
	cfg->listen = xstrdup("127.0.0.1:8080");
	cfg->report_parent = xstrdup("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU");
	cfg->report_issuer = xstrdup("VĂN PHÒNG");
	cfg->report_symbol = xstrdup("VP");
	cfg->report_place = xstrdup("Lai Châu");
	cfg->report_signer = xstrdup("CHÁNH VĂN PHÒNG");
	cfg->n_report_recipients = 3;
	cfg->report_recipients = xcalloc(3, sizeof *cfg->report_recipients);
	cfg->report_recipients[0] = xstrdup("UBND tỉnh (để báo cáo)");
	cfg->report_recipients[1] = xstrdup("Sở Tư pháp (để phối hợp)");
	cfg->report_recipients[2] = xstrdup("Lưu: VT");
}

/* The line where key name of a section's table was given; 0 if it was not. */
static int
key_line(const struct parse_ctx *ctx, enum section sec, const struct key_def *keys,
    size_t n, const char *name)
{
	size_t index;

	return find_key(keys, n, name, &index) != NULL ? ctx->seen[sec][index] : 0;
}

/* Why the CA bundle at path is unusable, or NULL: a readable regular file holding a PEM
 * certificate. Caller frees. */
static char *
ca_file_problem(const char *path)
{
	char chunk[4096];
	struct stat sb;
	bool pem = false;
	size_t n;
	FILE *f;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return xstrdup(strerror(errno));
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) || (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return xstrdup("not a regular file");
	}
	/* A marker cut by a chunk boundary is found in the next, which starts a little earlier. */
	while (!pem && (n = fread(chunk, 1, sizeof chunk - 1, f)) > 0) {
		chunk[n] = '\0';
		pem = strstr(chunk, "-----BEGIN CERTIFICATE-----") != NULL;
		if (n == sizeof chunk - 1 && fseek(f, -32, SEEK_CUR) == -1)
			break;
	}
	fclose(f);
	return pem ? NULL : xstrdup("no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
}

/* Checks that span keys; each error names the line of the key at fault. */
static void
config_check(struct parse_ctx *ctx)
{
	struct config *cfg = ctx->cfg;
	int line;

#define DLINE(k) key_line(ctx, SEC_DAEMON, daemon_keys, NKEYS(daemon_keys), (k))
#define NLINE(k) key_line(ctx, SEC_NOTIFY, notify_keys, NKEYS(notify_keys), (k))
	if (cfg->interval == 0)
		config_error(ctx, DLINE("interval"), "[daemon] interval must be more than 0");
	if (cfg->timeout == 0)
		config_error(ctx, DLINE("timeout"), "[daemon] timeout must be more than 0");
	if (cfg->per_host > cfg->concurrency) {
		line = DLINE("per_host") > DLINE("concurrency") ? DLINE("per_host") :
		    DLINE("concurrency");
		config_error(ctx, line, "[daemon] per_host (%d) is more than "
		    "concurrency (%d)", cfg->per_host, cfg->concurrency);
	}
	if (cfg->remind_every == 0)
		config_error(ctx, NLINE("remind_every"), "[notify] remind_every must be more than 0");
	if (cfg->smtp_user != NULL && cfg->smtp_password_file == NULL)
		config_error(ctx, NLINE("smtp_user"), "[notify] smtp_user is set but "
		    "smtp_password_file is not");
	if (cfg->smtp_ca_file != NULL) {
		char *why = ca_file_problem(cfg->smtp_ca_file);

		if (why != NULL)
			config_error(ctx, NLINE("smtp_ca_file"), "[notify] smtp_ca_file %s: %s",
			    cfg->smtp_ca_file, why);
		free(why);
	}
#undef DLINE
#undef NLINE
	if (cfg->user_agent == NULL)
		cfg->user_agent = xasprintf("tctt/%s (+mailto:%s)", TCTT_VERSION,
		    cfg->secretariat);
}

int
config_load_string(const char *path, const char *text, struct config **out,
    char **cause)
{
	struct parse_ctx ctx;
	int rc;

	memset(&ctx, 0, sizeof ctx);
	ctx.path = path;
	ctx.text = text;
	ctx.cfg = xcalloc(1, sizeof *ctx.cfg);
	ctx.cfg->path = xstrdup(path);
	config_defaults(ctx.cfg);
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		ctx.pos = 3;
	rc = ini_parse_stream(reader_cb, &ctx, handler_cb, &ctx);
	if (rc > 0)
		config_error(&ctx, rc, "syntax error");
	else if (rc < 0)
		config_error(&ctx, 0, "cannot parse (%d)", rc);
	finish_unit(&ctx);
	config_check(&ctx);
	if (ctx.nerrors > 0) {
		config_free(ctx.cfg);
		if (ctx.errors.len > 0 && ctx.errors.data[ctx.errors.len - 1] == '\n')
			ctx.errors.data[--ctx.errors.len] = '\0';
		*cause = buf_steal(&ctx.errors);
		*out = NULL;
		return -1;
	}
	buf_free(&ctx.errors);
	*out = ctx.cfg;
	return 0;
}

int
config_load(const char *path, struct config **out, char **cause)
{
	struct buf b = { 0 };
	struct stat sb = { 0 };
	char chunk[8192];
	size_t n;
	FILE *f;
	int fd, rc;

	*out = NULL;
	/* Non-blocking open, then a regular file only: a FIFO or a device would hang or never end. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 || fstat(fd, &sb) == -1 ||
	    !S_ISREG(sb.st_mode) || (f = fdopen(fd, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, fd != -1 && !S_ISREG(sb.st_mode) ?
		    "not a regular file" : strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > CONFIG_MAX_SIZE)
			break;
	}
	if (ferror(f) || b.len > CONFIG_MAX_SIZE || memchr(b.data ? b.data : "", 0, b.len)) {
		*cause = xasprintf("%s: %s", path, ferror(f) ? strerror(errno) :
		    b.len > CONFIG_MAX_SIZE ? "file too large" : "file contains NUL bytes");
		fclose(f);
		buf_free(&b);
		return -1;
	}
	fclose(f);
	rc = config_load_string(path, b.data ? b.data : "", out, cause);
	buf_free(&b);
	return rc;
}

const struct unit_conf *
config_unit(const struct config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->n_units; i++)
		if (strcmp(cfg->units[i].id, id) == 0)
			return &cfg->units[i];
	return NULL;
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->database);
	free(cfg->user_agent);
	for (size_t i = 0; i < cfg->n_connect_to; i++)
		free(cfg->connect_to[i]);
	free(cfg->connect_to);
	free(cfg->proxy);
	free(cfg->smtp_url);
	free(cfg->smtp_user);
	free(cfg->smtp_password_file);
	free(cfg->smtp_ca_file);
	free(cfg->from);
	free(cfg->secretariat);
	free(cfg->outbox);
	free(cfg->listen);
	free(cfg->users_file);
	free(cfg->report_parent);
	free(cfg->report_issuer);
	free(cfg->report_symbol);
	free(cfg->report_place);
	free(cfg->report_signer);
	free_strings(cfg->report_recipients, cfg->n_report_recipients);
	for (size_t i = 0; i < cfg->n_units; i++) {
		free(cfg->units[i].id);
		free(cfg->units[i].name);
		free(cfg->units[i].url);
		free(cfg->units[i].email);
	}
	free(cfg->units);
	free(cfg);
}

/*
 * fuzz_dashboard.c: libFuzzer target: any bytes as what a client sends the
 * dashboard, through the functions that read it, with the properties they promise.
 * The first byte picks the part:
 *   0 a request head, as the front filter checks it (front.c check_head);
 *   1 two request targets, as request_cb reads them (evhttp's URI parser,
 *     path decoding, query parsing), then the route, the page cache's key
 *     (equal keys only for equal requests) and the action a POST names;
 *   2 a form post's body and the checks of its fields (actions.c);
 *   3 an Authorization value's base64 (auth.c);
 *   4 Host, Origin and Referer, and a form token (csrf.c).
 * The static functions are reached by including their files.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../dashboard/front.c"
#include "../../dashboard/actions.c"
#include "../../dashboard/auth.c"
#include "../../dashboard/routes.c"
#include "../../dashboard/csrf.c"

#define NOW		1796000000	/* 2026-12-01 */

/* The head as the front sees it: up to its empty line, when it has one. */
static void
fuzz_head(const char *h, size_t len)
{
	struct evbuffer *buf = evbuffer_new();
	ssize_t end;
	bool is_head = false;
	size_t body = 0;
	int rc;

	evbuffer_add(buf, h, len);
	if ((end = head_end(buf)) != -1) {
		const char *head = (const char *)evbuffer_pullup(buf, end);

		rc = check_head(head, (size_t)end, &is_head, &body);
		CHECK(rc == 0 || rc == 400 || rc == 413);
		if (rc == 0) {
			CHECK(body <= FRONT_MAX_BODY);
			CHECK(!is_head || strncmp(head, "HEAD ", 5) == 0);
			CHECK(memmem(head, (size_t)end, " HTTP/1.", 8) != NULL);
		}
	}
	evbuffer_free(buf);
}

/* One request target read as request_cb reads it: 0 and *path (caller frees), or -1. */
static int
read_target(const char *target, struct evhttp_uri **uri, char **path, struct evkeyvalq *query)
{
	const char *rawpath, *rawquery;
	size_t plen = 0;

	*path = NULL;
	TAILQ_INIT(query);
	if ((*uri = evhttp_uri_parse_with_flags(target, EVHTTP_URI_NONCONFORMANT)) == NULL)
		return -1;
	rawpath = evhttp_uri_get_path(*uri);
	rawquery = evhttp_uri_get_query(*uri);
	if (rawpath == NULL || *rawpath != '/' ||
	    (*path = evhttp_uridecode(rawpath, 0, &plen)) == NULL ||
	    strlen(*path) != plen ||
	    (rawquery != NULL && evhttp_parse_query_str(rawquery, query) == -1))
		return -1;
	/* A POST names an action by its raw path, then by its decoded one. */
	if (action_route(rawpath)) {
		char *id;
		int a = parse_route(*path, &id);

		if (a != -1) {
			char *again = xasprintf("/unit/%s%s", id, actions[a].suffix);

			CHECK(*id != '\0' && strchr(id, '/') == NULL);
			CHECK(strcmp(again, *path) == 0);
			free(again);
		}
		free(id);
	}
	return 0;
}

/* Two targets: their page cache keys are equal only when the requests are the same to the page. */
static void
fuzz_targets(const char *data, size_t len, bool editor)
{
	const char *nl = memchr(data, '\n', len);
	char *t[2], *path[2], *key[2];
	struct evhttp_uri *uri[2];
	struct evkeyvalq query[2];
	int ok[2];

	t[0] = xstrndup(data, nl != NULL ? (size_t)(nl - data) : len);
	t[1] = nl != NULL ? xstrndup(nl + 1, len - (size_t)(nl - data) - 1) : xstrdup("/");
	for (int i = 0; i < 2; i++) {
		struct dash_req r = { .now = NOW, .editor = editor };

		key[i] = NULL;
		if ((ok[i] = read_target(t[i], &uri[i], &path[i], &query[i])) == 0) {
			r.path = path[i];
			r.query = &query[i];
			key[i] = dash_route_key(&r);
			(void)find_route(path[i]);
		}
	}
	if (key[0] != NULL && key[1] != NULL && strcmp(key[0], key[1]) == 0) {
		const struct route *rt = find_route(path[0]);

		CHECK(strcmp(path[0], path[1]) == 0);
		for (int i = 0; rt != NULL && rt->params[i] != NULL; i++) {
			const char *a = evhttp_find_header(&query[0], rt->params[i]);
			const char *b = evhttp_find_header(&query[1], rt->params[i]);

			CHECK((a == NULL) == (b == NULL));
			CHECK(a == NULL || strcmp(a, b) == 0);
		}
	}
	for (int i = 0; i < 2; i++) {
		if (uri[i] != NULL)
			evhttp_uri_free(uri[i]);
		evhttp_clear_headers(&query[i]);
		free(path[i]);
		free(key[i]);
		free(t[i]);
	}
}

/* A form post's body: every field through the checks an action applies. */
static void
fuzz_form(const char *body)
{
	struct dash_req r = { .now = NOW };
	struct post p = { .r = &r };
	struct evkeyvalq *form = &p.form;
	struct evkeyval *kv;
	const char *until;
	int ymd, c;

	TAILQ_INIT(form);
	if (evhttp_parse_query_str(body, form) == 0) {
		TAILQ_FOREACH(kv, form, next) {
			const char *v = kv->value;

			if (good_text(v, FORM_MAX_TEXT, false))
				for (const char *q = v; *q != '\0'; q++)
					CHECK((unsigned char)*q >= 0x20 && *q != 0x7f);
			/* As libcurl parses it: "https:/host" is its https://host. */
			if (good_url(v))
				CHECK((strncasecmp(v, "http:", 5) == 0 ||
				    strncasecmp(v, "https:", 6) == 0) &&
				    strpbrk(v, " \r\n\t\"<>") == NULL);
		}
		if ((ymd = until_field(&p, &until)) != 0) {
			CHECK(date_valid(ymd / 10000, ymd / 100 % 100, ymd % 100));
			CHECK(ymd >= date_of_time(NOW) && ymd <= date_of_time(NOW) + 10000);
		}
		CHECK(count_field(&p, "count", STATS_MAX) <= STATS_MAX);
		(void)text_field(&p, "reason", FORM_MAX_TEXT);
		if (crit_field(&p, &c) != NULL)
			CHECK(c >= 0);
	}
	evhttp_clear_headers(form);
}

/* An Authorization value's base64: what decodes has no NUL; what we encode decodes back. */
static void
fuzz_base64(const char *s)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct buf enc = { 0 };
	size_t len = strlen(s);
	char *out;

	if (base64_decode(s, &out) == 0)
		free(out);
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;

		if (i + 1 < len)
			v |= (unsigned)(unsigned char)s[i + 1] << 8;
		if (i + 2 < len)
			v |= (unsigned char)s[i + 2];
		buf_putc(&enc, b64[v >> 18 & 63]);
		buf_putc(&enc, b64[v >> 12 & 63]);
		buf_putc(&enc, i + 1 < len ? b64[v >> 6 & 63] : '=');
		buf_putc(&enc, i + 2 < len ? b64[v & 63] : '=');
	}
	buf_putc(&enc, '\0');
	CHECK(base64_decode(enc.data, &out) == 0);
	CHECK(strcmp(out, s) == 0);
	free(out);
	buf_free(&enc);
}

/* Same origin only when Origin (or Referer) is http(s)://Host with nothing but a path after. */
static void
fuzz_origin(const char *data, size_t len)
{
	char *f[3];
	const char *p = data, *end = data + len, *seen, *rest;
	char *token;

	for (int i = 0; i < 3; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		f[i] = xstrndup(p, nl != NULL ? (size_t)(nl - p) : (size_t)(end - p));
		p = nl != NULL ? nl + 1 : end;
	}
	if (csrf_same_origin(f[0], *f[1] != '\0' ? f[1] : NULL, f[2])) {
		seen = *f[1] != '\0' ? f[1] : f[2];
		rest = strstr(seen, "://");
		CHECK(*f[0] != '\0' && rest != NULL);
		CHECK(strncasecmp(seen, "http://", 7) == 0 || strncasecmp(seen, "https://", 8) == 0);
		rest += 3;
		CHECK(strncasecmp(rest, f[0], strlen(f[0])) == 0);
		CHECK(strchr("/?#", rest[strlen(f[0])]) != NULL);
	}
	(void)dash_accepts_gzip(f[0]);
	/* The third field as a form token: good only when it is the hour's or the last hour's. */
	token = csrf_token("secret", f[0], NOW);
	CHECK(csrf_check("secret", f[0], token, NOW));
	CHECK(csrf_check("secret", f[0], token, NOW + CSRF_WINDOW));
	CHECK(!csrf_check("secret", f[0], token, NOW + 2 * CSRF_WINDOW));
	if (csrf_check("secret", f[0], f[2], NOW)) {
		char *prev = csrf_token("secret", f[0], NOW - CSRF_WINDOW);

		CHECK(strcmp(f[2], token) == 0 || strcmp(f[2], prev) == 0);
		free(prev);
	}
	free(token);
	for (int i = 0; i < 3; i++)
		free(f[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;
	size_t len = size - 1;
	char *z;

	if (size == 0 || size > 16384)
		return 0;
	z = text_of(s, len);	/* up to a NUL, as a C string */
	switch (data[0] % 6) {
	case 0:
		fuzz_head(s, len);
		break;
	case 1:
	case 2:
		fuzz_targets(z, strlen(z), data[0] % 6 == 2);
		break;
	case 3:
		fuzz_form(z);
		break;
	case 4:
		fuzz_base64(z);
		break;
	case 5:
		fuzz_origin(z, strlen(z));
		break;
	}
	free(z);
	return 0;
}

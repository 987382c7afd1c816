/*
 * fuzz_mail.c: libFuzzer target: any bytes as the words of a message (subject,
 * display names, text and HTML bodies), built by mail_build and then read back:
 * no bare CR or LF, no header but ours (no injection), header lines within 78
 * characters, encoded words within 75 that split between words and never inside
 * a UTF-8 character, and every header and body decoding back to what was given.
 *
 * Input: one byte of flags (bit 0: a Cc, bit 1: an HTML part, bit 2: an
 * attachment), then subject, recipient's name, sender's name, text and HTML,
 * separated by NUL bytes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mail.h"
#include "xmalloc.h"

#define ADDR		"tctt@laichau.gov.vn"

static int
b64_value(char c)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c != '\0' ? strchr(b64, c) : NULL;

	return p != NULL ? (int)(p - b64) : -1;
}

/* Append the base64 text s (n characters, padded) decoded; aborts when malformed. */
static void
b64_decode(struct buf *out, const char *s, size_t n)
{
	unsigned acc = 0;
	int bits = 0;

	CHECK(n % 4 == 0);
	for (size_t i = 0; i < n; i++) {
		int v;

		if (s[i] == '=') {
			CHECK(i >= n - 2);
			continue;
		}
		CHECK((v = b64_value(s[i])) >= 0);
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (char)(acc >> bits & 0xff));
		}
	}
}

/* True when s[0..n) is valid UTF-8 (lead and continuation bytes only, no range checks). */
static bool
utf8_whole(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = s[i] < 0x80 ? 1 : s[i] >= 0xf0 ? 4 : s[i] >= 0xe0 ? 3 :
		    s[i] >= 0xc0 ? 2 : 0;

		if (k == 0 || i + k > n)
			return false;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xc0) != 0x80)
				return false;
		i += k;
	}
	return true;
}

/*
 * Decode a header value that is either plain text or encoded words separated by
 * folding ("\r\n "); check each word's length and where it was cut. Caller frees.
 */
static char *
decode_words(const char *v, size_t len, bool valid_utf8)
{
	static const char open[] = "=?UTF-8?B?";
	struct buf out = { 0 };
	const char *p = v, *end = v + len;

	if (len < strlen(open) || strncmp(v, open, strlen(open)) != 0) {
		CHECK(memchr(v, '\r', len) == NULL && memchr(v, '\n', len) == NULL);
		buf_add(&out, v, len);
		buf_putc(&out, '\0');
		return buf_steal(&out);
	}
	while (p < end) {
		const char *q, *close;
		size_t start = out.len;

		CHECK((size_t)(end - p) > strlen(open) && strncmp(p, open, strlen(open)) == 0);
		q = p + strlen(open);
		close = strstr(q, "?=");
		CHECK(close != NULL && close + 2 <= end);
		CHECK(close + 2 - p <= 75);		/* RFC 2047 */
		b64_decode(&out, q, (size_t)(close - q));
		p = close + 2;
		if (p < end) {
			/*
			 * Not the last word: of valid UTF-8, it ends after a space or
			 * holds none, and ends with a whole character.
			 */
			const char *w = out.data + start;
			size_t wl = out.len - start;

			CHECK(wl > 0);
			CHECK(!valid_utf8 || w[wl - 1] == ' ' || memchr(w, ' ', wl) == NULL);
			CHECK(!valid_utf8 || utf8_whole((const unsigned char *)w, wl));
			CHECK(end - p >= 3 && strncmp(p, "\r\n ", 3) == 0);
			p += 3;
		}
	}
	buf_putc(&out, '\0');
	return buf_steal(&out);
}

/* The value of header name in the head (folding kept), its length in *len; NULL when absent. */
static const char *
header(const char *head, const char *name, size_t *len)
{
	size_t nl = strlen(name);

	for (const char *p = head; *p != '\0'; p = strstr(p, "\r\n") + 2) {
		if (strncmp(p, name, nl) == 0 && p[nl] == ':' && p[nl + 1] == ' ') {
			const char *v = p + nl + 2, *e = v;

			/* Up to a CRLF not followed by a continuation. */
			while ((e = strstr(e, "\r\n")) != NULL && (e[2] == ' ' || e[2] == '\t'))
				e += 2;
			CHECK(e != NULL);
			*len = (size_t)(e - v);
			return v;
		}
	}
	return NULL;
}

/* A "Name <addr>" or "addr" header: its name decoded (caller frees) or NULL; addr checked. */
static char *
mailbox_name(const char *v, size_t len, const char *addr, bool valid_utf8)
{
	size_t al = strlen(addr);
	size_t nl;

	if (len == al && strncmp(v, addr, al) == 0)
		return NULL;
	CHECK(len > al + 3 && v[len - 1] == '>' && strncmp(v + len - 1 - al, addr, al) == 0 &&
	    v[len - al - 2] == '<' && v[len - al - 3] == ' ');
	nl = len - al - 3;
	if (nl >= 2 && strncmp(v + nl - 2, "\r\n", 2) == 0)
		nl -= 2;	/* folded before <addr> */
	return decode_words(v, nl, valid_utf8);
}

/* The quoted-printable body starting at p, up to the next boundary line, decoded; caller frees. */
static char *
decode_qp(const char *p)
{
	struct buf out = { 0 };
	size_t col = 0;

	while (*p != '\0' && strncmp(p, "--=_tctt_", 9) != 0) {
		if (p[0] == '\r' && p[1] == '\n') {
			buf_putc(&out, '\n');
			p += 2;
			col = 0;
			continue;
		}
		CHECK(++col <= 76);
		if (*p == '=') {
			if (p[1] == '\r' && p[2] == '\n') {
				p += 3;		/* soft line break */
				col = 0;
				continue;
			}
			CHECK(strchr("0123456789ABCDEF", p[1]) != NULL && p[1] != '\0');
			CHECK(strchr("0123456789ABCDEF", p[2]) != NULL && p[2] != '\0');
			buf_putc(&out, (char)strtol((char[]){ p[1], p[2], '\0' }, NULL, 16));
			col += 2;
			CHECK(col <= 76);
			p += 3;
			continue;
		}
		CHECK(*p >= 32 && *p <= 126 ? true : *p == '\t' || *p == ' ');
		buf_putc(&out, *p++);
	}
	buf_putc(&out, '\0');
	return buf_steal(&out);
}

/* The text as the body should read back: CRLF as LF, ending in LF unless empty. */
static char *
expected_body(const char *text)
{
	struct buf out = { 0 };

	for (const char *p = text; *p != '\0'; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			buf_putc(&out, *p);
	if (out.len > 0 && out.data[out.len - 1] != '\n')
		buf_putc(&out, '\n');
	buf_putc(&out, '\0');
	return buf_steal(&out);
}

/* The part of type ctype (after its headers) decoded, compared with what was given. */
static void
check_part(const char *msg, bool multipart, const char *ctype, const char *given)
{
	char *want = expected_body(given), *got;
	const char *p = strstr(msg, "\r\n\r\n");

	/* A single part starts after the head; else after its boundary ("=_" is never in a body). */
	if (multipart) {
		while ((p = strstr(p, "\r\n--=_tctt_")) != NULL &&
		    strncmp(strstr(p + 2, "\r\n") + 2, ctype, strlen(ctype)) != 0)
			p += 2;
		CHECK(p != NULL && (p = strstr(p, "\r\n\r\n")) != NULL);
	}
	CHECK(p != NULL);
	got = decode_qp(p + 4);
	CHECK(strcmp(got, want) == 0);
	free(got);
	free(want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const allowed[] = { "Date", "From", "To", "Cc", "Subject",
		"Message-ID", "MIME-Version", "Auto-Submitted", "Content-Type",
		"Content-Transfer-Encoding" };
	char *field[5] = { NULL }, *msg, *head, *name, *from;
	const char *v, *p;
	struct mail m;
	size_t len, nf = 0;
	unsigned flags;
	int seen[sizeof allowed / sizeof allowed[0]] = { 0 };

	if (size == 0)
		return 0;
	flags = data[0];
	for (size_t i = 1, start = 1; i <= size && nf < 5; i++) {
		if (i == size || data[i] == '\0') {
			field[nf++] = text_of(data + start, i - start);
			start = i + 1;
		}
	}
	for (; nf < 5; nf++)
		field[nf] = xstrdup("");
	from = *field[2] != '\0' ? xasprintf("%s <" ADDR ">", field[2]) : xstrdup(ADDR);

	memset(&m, 0, sizeof m);
	m.from = from;
	m.to = "vanphong@sotuphap.laichau.gov.vn";
	m.to_name = *field[1] != '\0' ? field[1] : NULL;
	m.cc = flags & 1 ? "ubnd@laichau.gov.vn" : NULL;
	m.subject = field[0];
	m.text = field[3];
	m.html = flags & 2 ? field[4] : NULL;
	m.id_key = "remind:sotuphap:2026-11-29";
	m.date = 1796000000;
	if (flags & 4) {
		m.attach = data;
		m.attach_len = size;
		m.attach_name = "bao-cao.docx";
		m.attach_type = "application/octet-stream";
	}
	msg = mail_build(&m);

	/* Every CR begins a CRLF and every LF ends one. */
	for (p = msg; *p != '\0'; p++) {
		if (*p == '\r')
			CHECK(p[1] == '\n');
		if (*p == '\n')
			CHECK(p > msg && p[-1] == '\r');
	}
	/* The head: our headers only, each once, lines of at most 78 characters. */
	p = strstr(msg, "\r\n\r\n");
	CHECK(p != NULL);
	head = xstrndup(msg, (size_t)(p - msg) + 2);
	for (const char *l = head; *l != '\0'; l = strstr(l, "\r\n") + 2) {
		size_t ll = (size_t)(strstr(l, "\r\n") - l);

		CHECK(ll <= 78);
		if (*l == ' ' || *l == '\t')
			continue;
		for (size_t i = 0; i <= sizeof allowed / sizeof allowed[0]; i++) {
			CHECK(i < sizeof allowed / sizeof allowed[0]);	/* a header not ours */
			if (strncmp(l, allowed[i], strlen(allowed[i])) == 0 &&
			    l[strlen(allowed[i])] == ':') {
				seen[i]++;
				break;
			}
		}
	}
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		CHECK(seen[i] == (i == 3 ? m.cc != NULL : i == 9 ? m.html == NULL && m.attach == NULL : 1));

	/* Each header reads back as given. */
	v = header(head, "Subject", &len);
	CHECK(v != NULL);
	name = decode_words(v, len, utf8_whole((const unsigned char *)m.subject,
	    strlen(m.subject)));
	CHECK(strcmp(name, m.subject) == 0);
	free(name);

	v = header(head, "To", &len);
	CHECK(v != NULL);
	name = mailbox_name(v, len, m.to, m.to_name != NULL &&
	    utf8_whole((const unsigned char *)m.to_name, strlen(m.to_name)));
	CHECK((name == NULL) == (m.to_name == NULL));
	CHECK(name == NULL || strcmp(name, m.to_name) == 0);
	free(name);

	v = header(head, "From", &len);
	CHECK(v != NULL);
	{
		char *want = mail_display_name(from);

		name = mailbox_name(v, len, ADDR, want != NULL &&
		    utf8_whole((const unsigned char *)want, strlen(want)));
		CHECK((name == NULL) == (want == NULL));
		CHECK(name == NULL || strcmp(name, want) == 0);
		free(name);
		free(want);
	}

	/* The bodies read back as given. */
	check_part(msg, m.html != NULL || m.attach != NULL, "Content-Type: text/plain", m.text);
	if (m.html != NULL)
		check_part(msg, true, "Content-Type: text/html", m.html);

	free(head);
	free(msg);
	free(from);
	for (size_t i = 0; i < 5; i++)
		free(field[i]);
	return 0;
}

/* mail.c: building MIME messages: RFC 2047 headers, quoted-printable UTF-8 bodies. */
#include "mail.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xmalloc.h"

/* Raw bytes per encoded word: 52 base64 characters, a word of 64. */
#define WORD_BYTES	39
/* Longest quoted-printable line before its soft break. */
#define QP_LINE		75

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Append the base64 of len bytes at p. */
static void
base64_add(struct buf *b, const unsigned char *p, size_t len)
{
	char q[4];

	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;

		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < len ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < len ? b64[v & 63] : '=';
		buf_add(b, q, 4);
	}
}

/* True when s can stand in a header as it is (ASCII words, no encoded-word look-alike). */
static bool
header_plain(const char *s, bool phrase)
{
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < ' ' || c >= 0x7f)
			return false;
		if (phrase && strchr("()<>[]:;@\\,.\"", c) != NULL)
			return false;
	}
	return strstr(s, "=?") == NULL;
}

/* Length of the UTF-8 sequence starting with c (1 for stray bytes). */
static size_t
utf8_len(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/*
 * Append s as encoded words, folded. A word ends after a space of s when one
 * fits (clients that show each encoded word apart then never cut a word:
 * "Du lịc h"), else at a UTF-8 character's end, never inside one.
 */
static void
encode_words(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	bool first = true;

	while (left > 0) {
		size_t n = 0, k, space = 0;

		while (n < left) {
			k = utf8_len(p[n]);
			if (n + k > left)
				k = left - n;
			if (n > 0 && n + k > WORD_BYTES)
				break;
			n += k;
			if (p[n - 1] == ' ')
				space = n;
		}
		if (n < left && space > 0)
			n = space;
		if (!first)
			buf_puts(b, "\r\n ");
		buf_puts(b, "=?UTF-8?B?");
		base64_add(b, p, n);
		buf_puts(b, "?=");
		p += n;
		left -= n;
		first = false;
	}
}

void
mail_encode_words(struct buf *b, const char *s, size_t first_line_used)
{
	if (header_plain(s, false) && first_line_used + strlen(s) <= 78)
		buf_puts(b, s);
	else
		encode_words(b, s);
}

char *
mail_addr(const char *mailbox)
{
	const char *lt = strrchr(mailbox, '<'), *gt;

	if (lt == NULL || (gt = strchr(lt, '>')) == NULL)
		return xstrdup(mailbox);
	return xstrndup(lt + 1, (size_t)(gt - lt - 1));
}

char *
mail_display_name(const char *mailbox)
{
	const char *lt = strrchr(mailbox, '<'), *end;

	if (lt == NULL)
		return NULL;
	while (*mailbox == ' ' || *mailbox == '"')
		mailbox++;
	for (end = lt; end > mailbox && (end[-1] == ' ' || end[-1] == '"'); end--)
		;
	return end > mailbox ? xstrndup(mailbox, (size_t)(end - mailbox)) : NULL;
}

/* Length of the last line of b so far. */
static size_t
line_used(const struct buf *b)
{
	size_t i = b->len;

	while (i > 0 && b->data[i - 1] != '\n')
		i--;
	return b->len - i;
}

/* Append "Name <addr>" with the name encoded (folding before <addr> if long), or just addr. */
static void
add_mailbox(struct buf *b, const char *name, const char *addr)
{
	if (name != NULL && *name != '\0') {
		/* Plain only when it fits the line: a long ASCII name is folded as words. */
		if (header_plain(name, true) && line_used(b) + strlen(name) <= 78)
			buf_puts(b, name);
		else
			encode_words(b, name);
		if (line_used(b) + 3 + strlen(addr) > 78)
			buf_puts(b, "\r\n");
		buf_printf(b, " <%s>", addr);
	} else
		buf_puts(b, addr);
}

/* Append text as quoted-printable, \n becoming CRLF. */
static void
qp_add(struct buf *b, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		char enc[4];
		size_t n;
		bool eol = p[1] == '\n' || p[1] == '\0' ||
		    (p[1] == '\r' && p[2] == '\n');

		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n') {
			buf_puts(b, "\r\n");
			col = 0;
			continue;
		}
		if ((*p >= 33 && *p <= 126 && *p != '=') ||
		    ((*p == ' ' || *p == '\t') && !eol)) {
			enc[0] = (char)*p;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[*p >> 4];
			enc[2] = hex[*p & 15];
			n = 3;
		}
		/* Leave room for the soft break's "=" unless the line ends here. */
		if (col + n > (eol ? QP_LINE + 1 : QP_LINE)) {
			buf_puts(b, "=\r\n");
			col = 0;
		}
		buf_add(b, enc, n);
		col += n;
	}
	if (col > 0)
		buf_puts(b, "\r\n");
}

/* RFC 5322 date in local time, English names whatever the locale. */
static void
add_date(struct buf *b, int64_t t)
{
	static const char *days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;
	long off;

	localtime_r(&tt, &tm);
	off = tm.tm_gmtoff;
	buf_printf(b, "%s, %d %s %04d %02d:%02d:%02d %c%02ld%02ld", days[tm.tm_wday],
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
}

/* Append key with every byte outside [A-Za-z0-9.-_] turned into '.'. */
static void
add_atom(struct buf *b, const char *key)
{
	for (const char *p = key; *p != '\0'; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			c = '.';
		buf_putc(b, c);
	}
}

/* A part's headers and quoted-printable body. */
static void
add_part(struct buf *b, const char *type, const char *body)
{
	buf_printf(b, "Content-Type: %s; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", type);
	qp_add(b, body);
}

/* The text part, or the text and HTML as multipart/alternative. */
static void
add_body(struct buf *b, const struct mail *m, unsigned long h)
{
	if (m->html == NULL) {
		add_part(b, "text/plain", m->text);
		return;
	}
	/* "=_" never occurs in quoted-printable text or base64, so the boundary is safe. */
	buf_printf(b, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"=_tctt_%lx\"\r\n\r\n", h);
	buf_printf(b, "--=_tctt_%lx\r\n", h);
	add_part(b, "text/plain", m->text);
	buf_printf(b, "--=_tctt_%lx\r\n", h);
	add_part(b, "text/html", m->html);
	buf_printf(b, "--=_tctt_%lx--\r\n", h);
}

/* The attachment's headers and its bytes in base64, lines of 76 characters. */
static void
add_attachment(struct buf *b, const struct mail *m)
{
	const unsigned char *p = m->attach;

	buf_printf(b, "Content-Type: %s;\r\n name=\"", m->attach_type);
	add_atom(b, m->attach_name);
	buf_puts(b, "\"\r\nContent-Transfer-Encoding: base64\r\n"
	    "Content-Disposition: attachment;\r\n filename=\"");
	add_atom(b, m->attach_name);
	buf_puts(b, "\"\r\n\r\n");
	for (size_t i = 0; i < m->attach_len; i += 57) {
		base64_add(b, p + i, m->attach_len - i < 57 ? m->attach_len - i : 57);
		buf_puts(b, "\r\n");
	}
}

char *
mail_build(const struct mail *m)
{
	struct buf b = { 0 };
	char *from_addr = mail_addr(m->from), *from_name = mail_display_name(m->from);
	const char *domain = strchr(from_addr, '@');
	unsigned long h = 5381;

	for (const char *p = m->id_key; *p != '\0'; p++)
		h = h * 33 + (unsigned char)*p;
	buf_puts(&b, "Date: ");
	add_date(&b, m->date);
	buf_puts(&b, "\r\nFrom: ");
	add_mailbox(&b, from_name, from_addr);
	buf_puts(&b, "\r\nTo: ");
	add_mailbox(&b, m->to_name, m->to);
	if (m->cc != NULL)
		buf_printf(&b, "\r\nCc: %s", m->cc);
	buf_puts(&b, "\r\nSubject: ");
	mail_encode_words(&b, m->subject, strlen("Subject: "));
	buf_puts(&b, "\r\nMessage-ID: <tctt.");
	add_atom(&b, m->id_key);
	buf_printf(&b, ".%lld@%s>\r\n", (long long)m->date,
	    domain != NULL ? domain + 1 : "localhost");
	buf_puts(&b, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n");
	if (m->attach == NULL) {
		add_body(&b, m, h);
	} else {
		/* The text (and its HTML alternative) first, then the attachment. */
		buf_printf(&b, "Content-Type: multipart/mixed;\r\n"
		    " boundary=\"=_tctt_m%lx\"\r\n\r\n"
		    "This is a multipart message in MIME format.\r\n\r\n", h);
		buf_printf(&b, "--=_tctt_m%lx\r\n", h);
		add_body(&b, m, h);
		buf_printf(&b, "--=_tctt_m%lx\r\n", h);
		add_attachment(&b, m);
		buf_printf(&b, "--=_tctt_m%lx--\r\n", h);
	}
	free(from_addr);
	free(from_name);
	return buf_steal(&b);
}

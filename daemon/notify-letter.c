/* notify-letter.c: what reminders and digests share: the dual writer, the issuer, dates, the HTML document. */
#include "notify-letter.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "html.h"
#include "mail.h"
#include "store-notice.h"

void
letter_clear(struct letter *l)
{
	free(l->subject);
	free(l->text);
	free(l->html);
	free(l->attach);
	free(l->attach_name);
	memset(l, 0, sizeof *l);
}

char *
letter_issuer(const struct config *cfg)
{
	char *name = mail_display_name(cfg->from);

	return name != NULL ? name : xstrdup("Văn phòng UBND tỉnh");
}

void
letter_puts(struct letter_out *o, const char *s)
{
	buf_puts(&o->text, s);
	html_escape(&o->html, s);
}

void
letter_printf(struct letter_out *o, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	letter_puts(o, s);
	free(s);
}

void
letter_markup(struct letter_out *o, const char *text, const char *html)
{
	buf_puts(&o->text, text);
	buf_puts(&o->html, html);
}

void
letter_link(struct letter_out *o, const char *url)
{
	buf_puts(&o->text, url);
	if (html_safe_url(url)) {
		buf_puts(&o->html, "<a href=\"");
		html_escape(&o->html, url);
		buf_puts(&o->html, "\">");
		html_escape(&o->html, url);
		buf_puts(&o->html, "</a>");
	} else
		html_escape(&o->html, url);
}

void
letter_mailto(struct letter_out *o, const char *addr)
{
	buf_puts(&o->text, addr);
	buf_puts(&o->html, "<a href=\"mailto:");
	html_escape(&o->html, addr);
	buf_puts(&o->html, "\">");
	html_escape(&o->html, addr);
	buf_puts(&o->html, "</a>");
}

void
letter_date(struct letter_out *o, const char *ymd)
{
	int y, m, d, n = 0;

	if (ymd != NULL && sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    ymd[n] == '\0')
		letter_printf(o, "%02d/%02d/%04d", d, m, y);
	else if (ymd != NULL)
		letter_puts(o, ymd);
}

char *
letter_html_document(const char *title, const char *fragment)
{
	struct buf b = { 0 };

	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	html_escape(&b, title);
	buf_puts(&b, "</title>\n</head>\n<body>\n");
	buf_puts(&b, fragment);
	buf_puts(&b, "</body>\n</html>\n");
	return buf_steal(&b);
}

void
letter_to_notice(const struct config *cfg, const struct letter *l,
    const char *to_name, int64_t now, struct notice *nt)
{
	char *doc = letter_html_document(l->subject, l->html);
	struct mail m;

	nt->subject = l->subject;
	nt->body_text = l->text;
	nt->body_html = l->html;
	memset(&m, 0, sizeof m);
	m.from = cfg->from;
	m.to = nt->mail_to;
	m.to_name = to_name;
	m.cc = nt->mail_cc;
	m.subject = l->subject;
	m.text = l->text;
	m.html = doc;
	m.id_key = nt->round_key;
	m.date = now;
	if (l->attach != NULL) {
		m.attach = l->attach;
		m.attach_len = l->attach_len;
		m.attach_name = l->attach_name;
		m.attach_type = "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document";
	}
	nt->message = mail_build(&m);
	free(doc);
}

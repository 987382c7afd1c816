/* notify-letter.h: the Vietnamese text (plain and HTML) of reminders and digests. */
#ifndef TCTT_NOTIFY_LETTER_H
#define TCTT_NOTIFY_LETTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "criteria.h"
#include "xmalloc.h"

struct config;
struct notice;
struct unit_state;
struct verdict;

/* A letter: all owned; free with letter_clear. html is a fragment (no <html>). */
struct letter {
	char	*subject;
	char	*text;
	char	*html;
	char	*attach;	/* a .docx attached, or NULL */
	size_t	 attach_len;
	char	*attach_name;
};

/* One failing criterion of a reminder. v borrowed. */
struct remind_item {
	enum criterion		 crit;
	const struct verdict	*v;
	int64_t			 failing_since;
};

/*
 * A letter's two renderings, written at once in one walk so they cannot
 * drift apart: plain text, and HTML where all text is escaped.
 */
struct letter_out {
	struct buf	 text;
	struct buf	 html;
};

/* notify-letter.c */
void letter_clear(struct letter *l);
/* Text to both renderings; escaped in HTML. */
void letter_puts(struct letter_out *o, const char *s);
/* Formatted text to both; escaped in HTML. */
void letter_printf(struct letter_out *o, const char *fmt, ...) TCTT_PRINTF(2, 3);
/* Where the two differ: text to the text, html (markup, not escaped) to the HTML. */
void letter_markup(struct letter_out *o, const char *text, const char *html);
/* A URL: itself in text; in HTML a link when http(s), else escaped text. */
void letter_link(struct letter_out *o, const char *url);
/* A mail address: itself in text, a mailto: link in HTML. */
void letter_mailto(struct letter_out *o, const char *addr);
/* The sender's display name ("Văn phòng UBND tỉnh"); caller frees. */
char *letter_issuer(const struct config *cfg);
/* "2026-08-12" as "12/08/2026" to both renderings; other text as is. */
void letter_date(struct letter_out *o, const char *ymd);
/* A whole HTML document around fragment, for the e-mail's HTML part; caller frees. */
char *letter_html_document(const char *title, const char *fragment);
/*
 * Put letter l (borrowed) into nt: subject and bodies, and the message from
 * cfg's sender to nt's mail_to (display name to_name, or NULL) and mail_cc,
 * identified by nt's round_key. nt->message is the caller's to free.
 */
void letter_to_notice(const struct config *cfg, const struct letter *l,
    const char *to_name, int64_t now, struct notice *nt);

/* notify-remind-letter.c: the reminder to u, the nth one, listing items. */
void remind_letter(const struct config *cfg, const struct unit_state *u,
    const struct remind_item *items, size_t n, int nth, bool escalated,
    int64_t now, struct letter *out);

#endif

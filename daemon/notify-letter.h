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

/* notify-letter.c */
void letter_clear(struct letter *l);
/* The sender's display name ("Văn phòng UBND tỉnh"); caller frees. */
char *letter_issuer(const struct config *cfg);
/* "2026-08-12" as "12/08/2026" appended; other text as is. */
void letter_add_date(struct buf *b, const char *ymd);
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

/*
 * mail.h: e-mail as tctt sends it: MIME building (multipart/alternative,
 * UTF-8 bodies in quoted-printable, RFC 2047 headers, an attachment in a
 * multipart/mixed around them), SMTP delivery through
 * libcurl, and the outbox of .eml files used when no SMTP server is set.
 */
#ifndef TCTT_MAIL_H
#define TCTT_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "xmalloc.h"

struct config;

/* What one message says. All borrowed. */
struct mail {
	const char	*from;		/* "Name <addr>" or addr */
	const char	*to;		/* addr */
	const char	*to_name;	/* display name of to, or NULL */
	const char	*cc;		/* addr, or NULL */
	const char	*subject;	/* UTF-8 */
	const char	*text;		/* UTF-8, lines end in \n */
	const char	*html;		/* UTF-8, or NULL for text only */
	const char	*id_key;	/* unique per message; goes into Message-ID */
	int64_t		 date;
	const void	*attach;	/* an attachment's bytes, or NULL for none */
	size_t		 attach_len;
	const char	*attach_name;	/* its file name, ASCII */
	const char	*attach_type;	/* its content type */
};

/* The RFC 5322 text of m, lines ending in CRLF; caller frees. */
char *mail_build(const struct mail *m);

/* The address of a "Name <addr>" or "addr" mailbox; caller frees. */
char *mail_addr(const char *mailbox);
/* The display name of a "Name <addr>" mailbox, or NULL; caller frees. */
char *mail_display_name(const char *mailbox);
/* Append s as a header value: as is when plain ASCII, else RFC 2047 encoded words. */
void mail_encode_words(struct buf *b, const char *s, size_t first_line_used);

/* Results of mail_send and mail_outbox_write. */
#define MAIL_SENT	 0
#define MAIL_RETRY	-1	/* transient: server down, 4xx, I/O error */
#define MAIL_REJECTED	-2	/* permanent: 5xx */

/*
 * Send message (the RFC 5322 text) through cfg->smtp_url from the address of
 * cfg->from to to and cc (cc may be NULL). Returns MAIL_SENT, or MAIL_RETRY or
 * MAIL_REJECTED with *cause (caller frees).
 */
int mail_send(const struct config *cfg, const char *to, const char *cc,
    const char *message, char **cause);
/*
 * Write message to dir/name atomically (temporary file in dir, fsync,
 * rename), creating dir if needed. Returns MAIL_SENT or MAIL_RETRY with *cause.
 */
int mail_outbox_write(const char *dir, const char *name, const char *message,
    char **cause);

#endif

/*
 * store-notice.h: notices (reminders and digests) as the database keeps them:
 * recorded pending before sending, then sent or failed. SQL is in store-notice.c.
 */
#ifndef TCTT_STORE_NOTICE_H
#define TCTT_STORE_NOTICE_H

#include <stddef.h>
#include <stdint.h>

struct store;

enum notice_kind {
	NOTICE_REMINDER,
	NOTICE_DIGEST,
};

enum notice_state {
	NOTICE_PENDING,
	NOTICE_SENT,
	NOTICE_FAILED,
};

/* One row of the notice table. Strings owned, may be NULL where the column allows. */
struct notice {
	int64_t			 id;
	enum notice_kind	 kind;
	char			*unit_id;	/* NULL for a digest */
	char			*round_key;	/* "reminder:UNIT:YYYY-MM-DD", "digest:YYYY-Www" */
	char			*mail_to;	/* addresses, no display names */
	char			*mail_cc;
	char			*subject;
	char			*message;	/* the full RFC 5322 text */
	char			*body_text;
	char			*body_html;
	enum notice_state	 state;
	int			 attempts;
	int64_t			 next_attempt_at;
	int64_t			 created_at;
	int64_t			 sent_at;
	char			*error;
};

/* "reminder", "digest"; "pending", "sent", "failed". */
const char *notice_kind_name(enum notice_kind kind);
const char *notice_state_name(enum notice_state state);

/*
 * Record n as pending, due at once. Returns 1 with n->id set, 0 when a notice
 * with its round_key exists already (nothing written), -1 with *cause.
 */
int store_notice_add(struct store *st, struct notice *n, char **cause);
/* Record a digest's notice and its digest row (week, stats JSON) in one transaction; as above. */
int store_digest_add(struct store *st, const char *week, const char *stats,
    struct notice *n, char **cause);
/* Pending notices due at now, oldest first. Caller frees with notices_free. */
int store_notices_due(struct store *st, int64_t now, struct notice **out,
    size_t *count, char **cause);
/* Notices of kind created in [from, to), oldest first; unit_id NULL for all units. */
int store_notices_between(struct store *st, enum notice_kind kind,
    const char *unit_id, int64_t from, int64_t to, struct notice **out,
    size_t *count, char **cause);
int store_notice_sent(struct store *st, int64_t id, int attempts, int64_t at,
    char **cause);
/* Still pending: tried attempts times, next try at next_at, the last error. */
int store_notice_retry(struct store *st, int64_t id, int attempts,
    int64_t next_at, const char *error, char **cause);
int store_notice_failed(struct store *st, int64_t id, int attempts,
    const char *error, char **cause);
/* The week ("2026-W48") of the latest digest, or NULL; caller frees. */
int store_digest_last(struct store *st, char **week, char **cause);

void notice_clear(struct notice *n);
void notices_free(struct notice *n, size_t count);

#endif

/* evidence.c: the pass's side of the evidence archive (lib/store-corr.c keeps it). */
#include "evidence.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "store-corr.h"
#include "xmalloc.h"

/* Bodies a pass holds at most while it waits for its verdicts. */
#define EVIDENCE_MAX_HELD	(32 * 1024 * 1024)

struct held {
	char	*sha256;
	char	*ctype;
	void	*body;
	size_t	 len;
};

struct evidence_set {
	struct held	*list;
	size_t		 n;
	size_t		 bytes;
};

struct evidence_set *
evidence_new(void)
{
	return xcalloc(1, sizeof(struct evidence_set));
}

void
evidence_free(struct evidence_set *es)
{
	if (es == NULL)
		return;
	for (size_t i = 0; i < es->n; i++) {
		free(es->list[i].sha256);
		free(es->list[i].ctype);
		free(es->list[i].body);
	}
	free(es->list);
	free(es);
}

/* The body held for sha256, or NULL. */
static struct held *
find(struct evidence_set *es, const char *sha256)
{
	for (size_t i = 0; i < es->n; i++)
		if (strcmp(es->list[i].sha256, sha256) == 0)
			return &es->list[i];
	return NULL;
}

void
evidence_seen(struct evidence_set *es, struct store *st, const char *sha256,
    const char *ctype, const void *body, size_t len)
{
	struct held *h;
	char *cause;
	int rc;

	if (sha256 == NULL || find(es, sha256) != NULL)
		return;
	/* Already archived: an unchanged portal costs nothing but its digest. */
	if ((rc = store_archive_has(st, sha256, &cause)) == -1) {
		log_warnx("evidence archive: %s", cause);
		free(cause);
	}
	if (rc != 0 || es->bytes + len > EVIDENCE_MAX_HELD)
		return;
	es->list = xreallocarray(es->list, es->n + 1, sizeof *es->list);
	h = &es->list[es->n++];
	h->sha256 = xstrdup(sha256);
	h->ctype = xstrdup0(ctype);
	h->body = xmalloc(len > 0 ? len : 1);
	memcpy(h->body, body, len);
	h->len = len;
	es->bytes += len;
}

void
evidence_archive(struct evidence_set *es, struct store *st,
    const struct verdict v[CRIT_COUNT], int64_t now, const char *unit_id)
{
	char *cause;

	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct held *h;
		bool dup = false;

		if (v[c].sha256 == NULL)
			continue;
		for (int k = 0; k < c; k++)
			dup |= v[k].sha256 != NULL && strcmp(v[k].sha256, v[c].sha256) == 0;
		if (dup)
			continue;
		h = find(es, v[c].sha256);
		/* Without the body (a 304, or archived before) only last_seen moves. */
		if (store_archive_put(st, v[c].sha256, h != NULL ? h->ctype : NULL,
		    h != NULL ? h->body : NULL, h != NULL ? h->len : 0, now, &cause) == -1) {
			log_warnx("%s: evidence archive: %s", unit_id, cause);
			free(cause);
		}
	}
}

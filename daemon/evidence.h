/*
 * evidence.h: what a pass keeps for the evidence archive: the bodies it
 * fetched (only those not archived yet), until the verdicts say which of them
 * are evidence; those are then archived, once per SHA-256.
 */
#ifndef TCTT_EVIDENCE_H
#define TCTT_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct evidence_set;

struct evidence_set *evidence_new(void);
void evidence_free(struct evidence_set *es);
/* A body fetched with digest sha256 (hex) and content type ctype (may be NULL); copied when not archived yet. */
void evidence_seen(struct evidence_set *es, struct store *st, const char *sha256,
    const char *ctype, const void *body, size_t len);
/* Bytes of held bodies in memory (the others wait in a temporary file). */
size_t evidence_in_memory(const struct evidence_set *es);
/* Archive the bodies behind the verdicts (or mark them seen again). */
void evidence_archive(struct evidence_set *es, struct store *st,
    const struct verdict v[CRIT_COUNT], int64_t now, const char *unit_id);

#endif

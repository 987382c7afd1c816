/* export.h: the JSON and CSV exports of SPEC.md ("Export"). */
#ifndef TCTT_EXPORT_H
#define TCTT_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* The SPEC.md JSON document for units at time now; caller frees. */
char *export_json(const struct unit_state *units, size_t n, int64_t now);
/* One CSV row per unit and criterion, with a header row; caller frees. */
char *export_csv(const struct unit_state *units, size_t n);

#endif

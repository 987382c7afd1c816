/*
 * criteria.h: the nine criteria of SPEC.md and the statuses a verdict can
 * have. lib/criteria.c holds the one table every part of tctt reads: names,
 * legal bases, phrases, where evidence may be found, dates and max ages.
 */
#ifndef TCTT_CRITERIA_H
#define TCTT_CRITERIA_H

#include <stdbool.h>
#include <stdint.h>

struct config;

enum criterion {
	CRIT_SECTION,
	CRIT_REGULATION,
	CRIT_PUBLIC_CATALOG,
	CRIT_CONDITIONAL_CATALOG,
	CRIT_FOCAL_POINT,
	CRIT_REQUEST_CHANNEL,
	CRIT_COMPLAINT_CHANNEL,
	CRIT_FORMS,
	CRIT_GUIDANCE,
	CRIT_COUNT
};

enum status {
	ST_NOT_CHECKED,
	ST_OK,
	ST_STALE,
	ST_MISSING,
	ST_UNREACHABLE,
	ST_COUNT
};

/* Where the judge looks for a criterion's evidence (daemon/judge*.c). */
enum crit_scope {
	SCOPE_NAV_LABEL,	/* a short navigation label to a page that loads */
	SCOPE_TITLE,		/* a link's label or a page's title */
	SCOPE_BLOCK,		/* a text block with contact details, in the section or a page it links to */
	SCOPE_CHANNEL,		/* a block giving an address (e-mail, form...), in the section or a page it links to */
	SCOPE_FORM_LINK,	/* a link to a form document that loads, in the section or a page it links to */
	SCOPE_SECTION_TITLE,	/* a link or page titled so, in the section or a page it links to, or text on the section */
};

/* What every part of tctt needs to know about a criterion. */
struct crit_info {
	const char	*id;		/* "public_catalog": stable, used in JSON and SQL */
	const char	*label;		/* Vietnamese name shown to people */
	const char	*short_label;	/* a column heading: "DM công khai" */
	const char	*basis;		/* legal basis, Vietnamese */
	const char	*todo;		/* what the unit must do, Vietnamese */
	/* How it is judged; phrases are folded (lib/fold.h), matched on word boundaries. */
	const char *const *require;	/* NULL-terminated; all must appear; "a|b": either */
	const char *const *exclude;	/* NULL-terminated; none may appear */
	const char *const *hints;	/* folded words in a label that make a link worth fetching early */
	const char *const *url_hints;	/* the same in a URL */
	enum crit_scope	 scope;
	bool		 in_section;	/* one of the section's items (Decree 13 Art. 11(1)) */
	bool		 dated;		/* its date is read; stale after max_age */
	/* The max_age that applies (seconds, 0 never stale); NULL when not dated. */
	int64_t		(*max_age)(const struct config *cfg);
};

/* Borrowed; crit must be < CRIT_COUNT. */
const struct crit_info *crit_info(enum criterion crit);
/* Returns -1 when id names no criterion. */
int criterion_from_id(const char *id);
/* The max_age of crit under cfg in seconds; 0 (never stale) when undated or cfg is NULL. */
int64_t crit_max_age(const struct config *cfg, enum criterion crit);

/* A set of criteria, bit 1 << crit each. */
typedef uint32_t crit_set;
#define CRIT_ALL	((crit_set)((1u << CRIT_COUNT) - 1))
#define CRIT_IN(set, crit)	(((set) >> (crit)) & 1u)
/* How many criteria set holds. */
int crit_set_size(crit_set set);
/* The set named by a list of ids separated by spaces (unknown ids skipped); NULL: all. */
crit_set crit_set_parse(const char *ids);

/* "ok", "stale", "missing", "unreachable", "not_checked". */
const char *status_name(enum status st);
/* Vietnamese label: "Đạt", "Chưa cập nhật", "Thiếu", "Không truy cập được", "Chưa kiểm tra". */
const char *status_label(enum status st);
/* Returns -1 when name names no status. */
int status_from_name(const char *name);

#endif

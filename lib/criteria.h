/* criteria.h: the five criteria of SPEC.md and the statuses a verdict can have. */
#ifndef TCTT_CRITERIA_H
#define TCTT_CRITERIA_H

#include <stdbool.h>

enum criterion {
	CRIT_SECTION,
	CRIT_REGULATION,
	CRIT_PUBLIC_CATALOG,
	CRIT_CONDITIONAL_CATALOG,
	CRIT_FOCAL_POINT,
	CRIT_COUNT
};

enum status {
	ST_NOT_CHECKED,
	ST_OK,
	ST_STALE,
	ST_MISSING,
	ST_UNREACHABLE,
};

/* Where the judge looks for a criterion's evidence (daemon/judge.c). */
enum crit_scope {
	SCOPE_NAV_LABEL,	/* a short navigation label to a page that loads */
	SCOPE_TITLE,		/* a link's label or a page's title */
	SCOPE_BLOCK,		/* a text block with contact details, in the section or a page it links to */
};

/* What every part of tctt needs to know about a criterion. */
struct crit_info {
	const char	*id;		/* "public_catalog": stable, used in JSON and SQL */
	const char	*label;		/* Vietnamese name shown to people */
	const char	*basis;		/* legal basis, Vietnamese */
	const char	*todo;		/* what the unit must do, Vietnamese */
	/* How it is judged; phrases are folded (lib/fold.h), matched on word boundaries. */
	const char *const *require;	/* NULL-terminated; all must appear; "a|b": either */
	const char *const *exclude;	/* NULL-terminated; none may appear */
	enum crit_scope	 scope;
	bool		 dated;		/* its date is read; stale after max_age */
	long		 max_age_off;	/* offsetof the max_age in struct config; -1 none */
};

/* Borrowed; crit must be < CRIT_COUNT. */
const struct crit_info *crit_info(enum criterion crit);
/* Returns -1 when id names no criterion. */
int criterion_from_id(const char *id);

/* "ok", "stale", "missing", "unreachable", "not_checked". */
const char *status_name(enum status st);
/* Vietnamese label: "Đạt", "Quá hạn", "Thiếu", "Không truy cập được", "Chưa kiểm tra". */
const char *status_label(enum status st);
/* Returns -1 when name names no status. */
int status_from_name(const char *name);

#endif

/* config.h: the INI configuration of SPEC.md, parsed with libinih and fully validated. */
#ifndef TCTT_CONFIG_H
#define TCTT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "criteria.h"

enum unit_kind {
	UNIT_DEPARTMENT,
	UNIT_AGENCY,
	UNIT_DISTRICT,
	UNIT_COMMUNE,
};

struct unit_conf {
	char		*id;
	char		*name;
	enum unit_kind	 kind;
	char		*url;
	char		*email;		/* NULL when not given */
	int		 line;		/* line of the [unit:ID] header */
};

struct config {
	char		*path;

	/* [daemon] */
	char		*database;
	int64_t		 interval;	/* seconds */
	int		 concurrency;
	int		 per_host;
	int		 workers;	/* threads processing fetched pages: 0 or 1 */
	int64_t		 timeout;	/* seconds */
	int		 retries;
	int		 max_pages;
	int		 max_depth;
	int64_t		 max_bytes;
	bool		 robots;
	char		*user_agent;
	char		**connect_to;	/* n_connect_to entries */
	size_t		 n_connect_to;
	char		*proxy;		/* NULL when empty */
	bool		 allow_private;	/* may connect to loopback, private, link-local */

	int		 archive_days;	/* how long archived evidence bodies are kept */

	/* [rules], seconds; 0 means never stale */
	int64_t		 public_catalog_max_age;
	int64_t		 conditional_catalog_max_age;
	int64_t		 regulation_max_age;
	crit_set	 criteria;	/* those that count in score, reminders, digest */

	/* [notify] */
	char		*smtp_url;	/* NULL: write to outbox */
	char		*smtp_user;
	char		*smtp_password_file;
	char		*smtp_ca_file;	/* CA bundle for the server's certificate; NULL: the system's */
	char		*from;
	char		*secretariat;
	char		*outbox;
	int64_t		 remind_after;
	int64_t		 remind_every;
	int		 escalate_after;
	int		 digest_wday;	/* 0 = Sunday ... 6 = Saturday */
	int		 digest_minute;	/* minutes after local midnight */

	/* [dashboard] */
	char		*listen;
	char		*users_file;	/* NULL: no authentication */

	/* [report]: the issuing body and the frame of the yearly report (Decree 30/2020) */
	char		*report_parent;	/* governing body, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" */
	char		*report_issuer;	/* issuing body, "VĂN PHÒNG" */
	char		*report_symbol;	/* after "BC-" in the number line, "VP" */
	char		*report_place;	/* before the date line's "ngày", "Lai Châu" */
	char		*report_signer;	/* signature block title, "CHÁNH VĂN PHÒNG" */
	char		**report_recipients;	/* "Nơi nhận:" lines, n_report_recipients of them */
	size_t		 n_report_recipients;

	struct unit_conf *units;
	size_t		 n_units;
};

/*
 * Read and check FILE. On success returns 0 and a config the caller frees
 * with config_free. On failure returns -1 and *cause (caller frees) holds
 * every error found, one "FILE:LINE: what is wrong" per line.
 */
int config_load(const char *path, struct config **out, char **cause);
/* Parse text as if it were the file named path (for tests and fuzzing). */
int config_load_string(const char *path, const char *text,
    struct config **out, char **cause);
void config_free(struct config *cfg);

/* Find a unit by ID; borrowed, NULL if absent. */
const struct unit_conf *config_unit(const struct config *cfg, const char *id);

/* Value parsers shared with other modules; return 0 or -1 on bad input. */
int config_parse_duration(const char *s, int64_t *out);
int config_parse_size(const char *s, int64_t *out);
int config_parse_bool(const char *s, bool *out);

const char *unit_kind_name(enum unit_kind kind);
/* The kind's Vietnamese name ("Sở, ban, ngành" ...); borrowed. */
const char *unit_kind_label(enum unit_kind kind);

#endif

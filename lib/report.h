/*
 * report.h: the report on the units' implementation of the Law (SPEC
 * "Reports"): the figures of a period from the history (report.c), the
 * Vietnamese text as a small document model (report-text.c), and that model
 * as an administrative .docx per Decree 30/2020/NĐ-CP (report-docx.c). The
 * dashboard renders the same model as a printable page.
 */
#ifndef TCTT_REPORT_H
#define TCTT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "criteria.h"
#include "store.h"

struct config;
struct yearly_stats;

/* Years a report may be asked for. */
#define REPORT_YEAR_MIN	2000
#define REPORT_YEAR_MAX	2100

/* One unit over the period. */
struct report_unit {
	const struct unit_state	*u;		/* borrowed from report.units */
	int			 ok_days[CRIT_COUNT];
	int			 unchecked_days[CRIT_COUNT];
	int			 unreachable_days;	/* days the portal could not be reached */
	enum status		 end[CRIT_COUNT];	/* on the period's last day */
	int64_t			 lag_since;	/* start of the oldest failure at the end; 0 none */
	int64_t			 unreachable_since;	/* unreachable at the end: since when; 0 not */
	const struct yearly_stats *stats;	/* borrowed; NULL when none entered */
};

/* One reminder of the period and when what it asked for was fixed. */
struct report_reminder {
	size_t			 unit;		/* index into report.ru */
	int64_t			 at;
	int64_t			 fixed_at;	/* 0 when not fixed by the period's end, -1 when
						   no failure was on record when it was sent */
};

struct report {
	int			 year;		/* of the statistics of requests */
	int			 from, to;	/* first and last day, YYYYMMDD, local */
	int			 days;		/* in [from, to] */
	bool			 partial;	/* the period is not over: it ends today */
	bool			 has_data;	/* some unit was checked in the period */
	char			 week[16];	/* "2026-W48" for a weekly report, else "" */
	struct unit_state	*units;		/* owned, nunits of them */
	size_t			 nunits;
	struct report_unit	*ru;		/* the n units of the period, owned; kind order, then ID */
	size_t			 n;
	struct report_reminder	*rem;		/* owned, oldest first */
	size_t			 nrem;
	size_t			 nrem_fixed;
	size_t			 nrem_open;	/* not fixed by the period's end */
	int64_t			 fix_median;	/* seconds, of the fixed ones */
	int64_t			 fix_longest;
	int64_t			 open_longest;	/* longest not fixed by the end */
	struct yearly_stats *stats;	/* owned */
	size_t			 nstats;
};

/*
 * The figures of year at now: the whole year, or up to today when now falls
 * in it. 0, or -1 with *cause (caller frees). Clear with report_clear.
 */
int report_build_year(const struct config *cfg, struct store *st, int year,
    int64_t now, struct report *rep, char **cause);
/* The figures of the seven days up to now, for the weekly digest ("2026-W48"). */
int report_build_week(const struct config *cfg, struct store *st,
    const char *week, int64_t now, struct report *rep, char **cause);
void report_clear(struct report *rep);

/* The document model: what both renderings show, in order. */
enum rdoc_kind {
	RD_HEADING,	/* a numbered section heading */
	RD_PARA,	/* body text */
	RD_NOTE,	/* a smaller explanatory line */
	RD_TABLE,
};

/* A table: rows x cols cells, the first header_rows of them repeated on each page. */
struct rdoc_table {
	size_t		 cols, rows, header_rows;
	char		**cells;	/* rows * cols, owned */
	int		*widths;	/* cols, per mille of the text width */
	bool		*numeric;	/* cols: right-aligned figures */
};

struct rdoc_block {
	enum rdoc_kind	 kind;
	char		*text;		/* RD_HEADING, RD_PARA, RD_NOTE */
	struct rdoc_table t;		/* RD_TABLE */
};

/* The report as a document: its administrative frame and its body. All owned. */
struct rdoc {
	char		*parent;	/* governing body, may be NULL */
	char		*issuer;
	char		*number;	/* "Số: .../BC-VP" */
	char		*place_date;	/* "Lai Châu, ngày ... tháng ... năm ..." */
	char		*doc_type;	/* "BÁO CÁO" */
	char		*subject;
	struct rdoc_block *blocks;
	size_t		 n;
	char		**recipients;	/* "- UBND tỉnh (để báo cáo);" */
	size_t		 nrecipients;
	char		*signer;
};

/* The national title and motto, the same on every document. */
#define RDOC_NATION	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define RDOC_MOTTO	"Độc lập - Tự do - Hạnh phúc"

/* report-text.c: the Vietnamese document of rep. Clear with rdoc_clear. */
void report_doc(const struct config *cfg, const struct report *rep, struct rdoc *doc);
void rdoc_clear(struct rdoc *doc);
/* "12,5%" from per mille 125 (Vietnamese decimal comma); buf of 16 bytes at least. */
char *report_percent(int permille, char *buf, size_t size);

/* report-docx.c: doc as a .docx: 0 with *out (caller frees) and *len, or -1 with *cause. */
int report_docx(const struct rdoc *doc, char **out, size_t *len, char **cause);

/*
 * Both at once, for tcttd --report, the dashboard and the digest: the .docx
 * of year (or of the week, when week is not NULL) at now.
 */
int report_docx_year(const struct config *cfg, struct store *st, int year,
    int64_t now, char **out, size_t *len, char **cause);
int report_docx_week(const struct config *cfg, struct store *st,
    const char *week, int64_t now, char **out, size_t *len, char **cause);

#endif

/* dashboard.h: the dashboard's parts: server, routes, pages, authentication, assets. */
#ifndef TCTT_DASHBOARD_H
#define TCTT_DASHBOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"
#include "xmalloc.h"

struct config;
struct dash_cache;
struct dash_data;
struct evhttp_request;
struct evkeyvalq;
struct trend_week;
struct users;

/* The server's state, shared by every request; one per process. */
struct dash {
	const struct config	*cfg;		/* borrowed */
	struct store		*store;		/* NULL until the database can be opened */
	int64_t			 open_failed_at; /* last failed open, to log it once */
	char			*open_error;	/* why an existing database cannot be opened, or NULL */
	struct users		*users;		/* NULL: no authentication */
	struct dash_data	*data;		/* data.c's cache */
	struct store		*corr;		/* actions.c's writing connection, NULL until needed */
	char			*secret;	/* the form tokens' key, read with corr */
	struct dash_cache	*cache;		/* cache.c's rendered pages */
};

/* One request as the routes see it, and the reply they build. */
struct dash_req {
	struct dash		*d;
	const char		*path;		/* decoded path, borrowed */
	struct evkeyvalq	*query;		/* borrowed */
	int64_t			 now;
	int			 code;		/* HTTP status, 200 unless set */
	const char		*ctype;		/* Content-Type, a literal */
	const char		*cache;		/* Cache-Control, a literal */
	char			 filename[64];	/* not empty: sent as an attachment of that name */
	struct buf		 body;
	const char		*user;		/* logged in, or NULL without users_file */
	bool			 editor;	/* may act (actions.c) */
	const char		*client;	/* the peer's address */
	struct evhttp_request	*req;		/* borrowed, for actions.c */
	const char		*location;	/* a 303's target (owned by the route's caller via extra) */
	char			*extra;		/* owned: freed with the request */
	const char		*disposition;	/* Content-Disposition, or NULL */
	const char		*csp;		/* Content-Security-Policy instead of the pages', or NULL */
	/* An uncached reply that is gzipped when the client accepts it: no-store, so no
	 * cache needs Vary (/metrics; the stylesheet never, it is cached for an hour). */
	bool			 gzip;
};

/* server.c: serve HTTP on listen (ADDR:PORT) until SIGTERM; exit status. */
int dashboard_serve(const struct config *cfg, const char *listen);
/* The store, opened read-only on first use; NULL when there is no database yet. Borrowed. */
struct store *dash_store(struct dash *d);
/* A query parameter's value, or NULL; borrowed. */
const char *dash_param(struct dash_req *r, const char *name);

/*
 * data.c: the current units (borrowed, until the next call) and, when trend is
 * not NULL, the weekly trend, oldest first. Returns 200, or 503 when there is
 * no database yet, or 500 when it cannot be read.
 */
int dash_data(struct dash *d, const struct unit_state **units, size_t *n,
    const struct trend_week **trend, size_t *ntrend);
void dash_data_free(struct dash *d);

/* routes.c: fill r's reply for r->path (GET or HEAD). */
void dash_route(struct dash_req *r);
/*
 * The page cache's key for r (caller frees): the path, the query parameters
 * the route reads and the time step it shows; NULL when the route is not cached.
 */
char *dash_route_key(struct dash_req *r);

/* cache.c: a reference-counted body, shared by the cache and replies in flight. */
struct cache_blob {
	unsigned	 refs;
	char		*data;		/* owned */
	size_t		 len;
};
/* One cached reply. */
struct cache_entry {
	char			*key;
	int			 code;
	const char		*ctype;		/* a literal */
	const char		*cache;		/* Cache-Control, a literal or NULL */
	struct cache_blob	*body;
	struct cache_blob	*gz;		/* gzipped body, made on first demand */
	bool			 no_gz;		/* too big to keep gzipped as well */
	uint64_t		 used;
};
/* A blob of data (taken over) with one reference; caller unrefs. */
struct cache_blob *cache_blob_new(char *data, size_t len);
void cache_blob_unref(struct cache_blob *b);
/* The entry for key (borrowed until the next cache call), after dropping everything if the database changed; NULL on a miss. */
struct cache_entry *dash_cache_get(struct dash *d, const char *key);
/* Keep r's reply (its body moves into the entry) under key, when it is a 200 and fits; the entry (borrowed) or NULL. */
struct cache_entry *dash_cache_put(struct dash *d, const char *key, struct dash_req *r);
/* The entry's gzipped body (borrowed), made and kept on first demand; NULL when it cannot be kept. */
struct cache_blob *dash_cache_gzip(struct dash *d, struct cache_entry *e);
void dash_cache_free(struct dash *d);

/* gzip.c: true when an Accept-Encoding value accepts gzip. */
bool dash_accepts_gzip(const char *accept_encoding);
/* data gzipped (caller frees), its length in *outlen; NULL on failure. */
char *dash_gzip(const char *data, size_t len, size_t *outlen);

/* page.c: the frame and the pieces every page shares. */
void page_begin(struct buf *b, const char *title, const char *nav);
void page_end(struct buf *b);
/*
 * A box that scrolls sideways what is too wide for a phone (a table), reachable and
 * scrollable from the keyboard, named label (literal) for screen readers; then its end.
 */
void page_scroll_begin(struct buf *b, const char *label);
void page_scroll_end(struct buf *b);
/* A status badge: icon and text, not colour alone. */
void page_badge(struct buf *b, int status);
/* dd/mm/yyyy in local time, or "—" for 0. */
void page_date(struct buf *b, int64_t t);
/* dd/mm/yyyy HH:MM in local time, or "—" for 0. */
void page_datetime(struct buf *b, int64_t t);
/* A YYYY-MM-DD date as dd/mm/yyyy (other text escaped as is; NULL gives "—"). */
void page_isodate(struct buf *b, const char *ymd);
/* A link when url is http(s), else the URL as escaped text marked unsafe. */
void page_link(struct buf *b, const char *url, const char *text);
/* Fill r with an error page. */
void page_error(struct dash_req *r, int code, const char *message);
/* A store call failed: log cause (freed here) and answer 500. */
void page_db_error(struct dash_req *r, char *cause);
/* Fill r with the "no data yet" page, or the error when the database exists but is unreadable. */
void page_no_data(struct dash_req *r);
/* A notice's state in Vietnamese ("Đã gửi"...); borrowed. */
const char *page_notice_state(const char *state);
/* A unit kind's Vietnamese name from its config name ("department"...); borrowed. */
const char *page_kind_label(const char *kind);

/*
 * Overall status of a unit over the criteria counted ([rules] criteria):
 * ST_NOT_CHECKED, ST_UNREACHABLE, ST_MISSING, ST_STALE or ST_OK.
 */
int unit_overall(const struct unit_state *u, crit_set counted);
/* The earliest since among the unit's failing criteria; 0 when none fails. */
int64_t unit_lag_since(const struct unit_state *u);

/* page-overview.c, page-unit.c, page-notices.c: the HTML pages. */
void page_overview(struct dash_req *r);
void page_unit(struct dash_req *r, const char *id);
void page_notices(struct dash_req *r);
void page_digests(struct dash_req *r);
void page_digest(struct dash_req *r, const char *id);

/* page-report.c: the yearly report, /reports (the years), /reports/YEAR (printable) and /reports/YEAR.docx. */
void page_reports(struct dash_req *r);
void page_report(struct dash_req *r, const char *rest);
void asset_report_css(struct dash_req *r);

/* api.c: machine-readable routes. */
void api_units(struct dash_req *r);
void api_csv(struct dash_req *r);
void api_xlsx(struct dash_req *r);
void api_healthz(struct dash_req *r);
void api_metrics(struct dash_req *r);

/*
 * export-xlsx.c: the units at now as an Excel workbook (units × criteria, and the evidence),
 * appended to out; 0, or -1 with *cause (caller frees).
 */
/* counted: the criteria of [rules] criteria, for each unit's overall status. */
int export_xlsx(const struct unit_state *units, size_t n, crit_set counted, int64_t now,
    struct buf *out, char **cause);

/* svg.c: the weekly share compliant as an inline SVG chart (no script). */
void svg_trend(struct buf *b, const struct trend_week *w, size_t n);

/* assets.c: the stylesheet, embedded in the binary. */
void asset_style(struct dash_req *r);
/* /favicon.ico: a small icon, so browsers do not log a 404 on every page. */
void asset_favicon(struct dash_req *r);


/* csrf.c: the form token of user at now (caller frees), and its check. */
char *csrf_token(const char *secret, const char *user, int64_t now);
bool csrf_check(const char *secret, const char *user, const char *token, int64_t now);
/* True when Origin, or without it Referer, names host (the Host header). */
bool csrf_same_origin(const char *host, const char *origin, const char *referer);

/* actions.c: the editors' form posts (the only writes the dashboard makes). */
/* True when path is one of the action routes (POST /unit/ID/...). */
bool action_route(const char *path);
/* Handle a POST to an action route; fills r's reply. */
void dash_action(struct dash_req *r);
/* The form token for r's user (caller frees); NULL when r cannot act. */
char *action_token(struct dash_req *r);
/* Close the writing connection. */
void actions_free(struct dash *d);

/* page-corr.c: the corrections on the unit page, and /audit. */
/* The status cell of criterion c: the status in force, and both when a manual verdict is. */
void corr_status_cell(struct buf *b, const struct unit_state *u, int c);
/* The "bản lưu" link of an evidence when its body is archived. */
void corr_archive_link(struct buf *b, struct store *st, const struct verdict *v);
/* The waiting re-check notice, hints, statistics, audit and (for editors) the forms. */
void corr_unit_sections(struct dash_req *r, struct store *st, const struct unit_state *u);
void page_audit(struct dash_req *r);
/* GET /evidence/SHA256: the archived bytes, as an attachment in a sandbox. */
void page_evidence(struct dash_req *r, const char *sha);

/* auth.c: HTTP Basic users from users_file ("name:crypt-hash" lines). */
/* Load path; 0, or -1 with *cause (caller frees). */
int users_load(const char *path, struct users **out, char **cause);
void users_free(struct users *u);
/* True when the Authorization header value names a user with the right password. */
bool users_check(const struct users *u, const char *authorization);
/*
 * Log in from addr at now: 0 with the user's *name (borrowed) and role; 1
 * refused (a failure is logged and counted against addr); -1 addr must wait
 * *retry_after seconds after too many failures, the password unchecked.
 */
int users_login(struct users *u, const char *authorization, const char *addr,
    int64_t now, const char **name, bool *editor, int64_t *retry_after);

#endif

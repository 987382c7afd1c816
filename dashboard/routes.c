/* routes.c: which path is which page, and which replies the page cache may keep. */
#include <string.h>

#include "dashboard.h"

/*
 * A route with a fixed path. cached: the reply depends only on the database,
 * the query parameters named in params (NULL-terminated) and, when now_step
 * is not 0, on the request time in steps of now_step seconds.
 */
struct route {
	const char	*path;
	void		(*fn)(struct dash_req *);
	bool		 cached;
	int		 now_step;
	const char	*params[4];
};

static const struct route routes[] = {
	/* The overview shows "now" to the minute; the JSON export to the second. */
	{ "/", page_overview, true, 60, { "kind", "q", "sort", NULL } },
	{ "/notices", page_notices, true, 0, { NULL } },
	{ "/audit", page_audit, true, 0, { NULL } },
	{ "/digests", page_digests, true, 0, { NULL } },
	{ "/api/v1/units", api_units, true, 1, { NULL } },
	{ "/export.csv", api_csv, true, 0, { NULL } },
	{ "/export.xlsx", api_xlsx, true, 0, { NULL } },
	{ "/healthz", api_healthz, false, 0, { NULL } },
	{ "/metrics", api_metrics, false, 0, { NULL } },
	{ "/static/style.css", asset_style, false, 0, { NULL } },
	{ "/static/report.css", asset_report_css, false, 0, { NULL } },
	{ "/reports", page_reports, false, 0, { NULL } },
	{ "/favicon.ico", asset_favicon, false, 0, { NULL } },
};

/* The rest of path after prefix when it starts with it and the rest is non-empty; else NULL. */
static const char *
after(const char *path, const char *prefix)
{
	size_t len = strlen(prefix);

	if (strncmp(path, prefix, len) != 0 || path[len] == '\0')
		return NULL;
	return path + len;
}

/* The fixed route for path, or NULL. */
static const struct route *
find_route(const char *path)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (strcmp(path, routes[i].path) == 0)
			return &routes[i];
	return NULL;
}

void
dash_route(struct dash_req *r)
{
	const struct route *rt;
	const char *rest;

	if ((rt = find_route(r->path)) != NULL)
		rt->fn(r);
	else if ((rest = after(r->path, "/unit/")) != NULL)
		page_unit(r, rest);
	else if ((rest = after(r->path, "/digests/")) != NULL)
		page_digest(r, rest);
	else if ((rest = after(r->path, "/evidence/")) != NULL)
		page_evidence(r, rest);
	else if ((rest = after(r->path, "/reports/")) != NULL)
		page_report(r, rest);
	else
		page_error(r, 404, "Không tìm thấy trang này.");
}

char *
dash_route_key(struct dash_req *r)
{
	const struct route *rt = find_route(r->path);
	struct buf k = { 0 };

	if (rt == NULL && after(r->path, "/unit/") == NULL &&
	    after(r->path, "/digests/") == NULL)
		return NULL;
	if (rt != NULL && !rt->cached)
		return NULL;
	/* An editor's unit page carries a form token of its own; a manual verdict ends with a day. */
	if (rt == NULL && r->editor)
		return NULL;
	/* Lengths before values: no value can fake a separator. */
	buf_printf(&k, "%zu:%s", strlen(r->path), r->path);
	for (int i = 0; rt != NULL && rt->params[i] != NULL; i++) {
		const char *v = dash_param(r, rt->params[i]);

		if (v == NULL)
			buf_printf(&k, " %s-", rt->params[i]);
		else
			buf_printf(&k, " %s=%zu:%s", rt->params[i], strlen(v), v);
	}
	if (rt != NULL && rt->now_step > 0)
		buf_printf(&k, " t=%lld", (long long)(r->now / rt->now_step));
	else if (rt == NULL)
		buf_printf(&k, " d=%lld", (long long)(r->now / 3600));
	return buf_steal(&k);
}

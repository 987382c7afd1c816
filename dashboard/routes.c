/* routes.c: which path is which page; anything else is 404. */
#include <string.h>

#include "dashboard.h"

/* A route with a fixed path. */
struct route {
	const char	*path;
	void		(*fn)(struct dash_req *);
};

static const struct route routes[] = {
	{ "/", page_overview },
	{ "/notices", page_notices },
	{ "/digests", page_digests },
	{ "/api/v1/units", api_units },
	{ "/export.csv", api_csv },
	{ "/healthz", api_healthz },
	{ "/metrics", api_metrics },
	{ "/static/style.css", asset_style },
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

void
dash_route(struct dash_req *r)
{
	const char *rest;

	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strcmp(r->path, routes[i].path) == 0) {
			routes[i].fn(r);
			return;
		}
	}
	if ((rest = after(r->path, "/unit/")) != NULL)
		page_unit(r, rest);
	else if ((rest = after(r->path, "/digests/")) != NULL)
		page_digest(r, rest);
	else
		page_error(r, 404, "Không tìm thấy trang này.");
}

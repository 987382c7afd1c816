/* TEMPORARY STUB: delete when daemon/pass.c / daemon/fetch.c land. */
/*
 * fetch-stub.c: no-op fetch engine so the daemon loop links and runs before
 * the real engine exists. It fetches nothing: every request is refused.
 */
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "xmalloc.h"

struct fetcher {
	struct event_base	*base;
};

/* For pass-stub.c only: the loop the stub fetcher runs on; borrowed. */
struct event_base *fetcher_stub_base(const struct fetcher *f);

struct event_base *
fetcher_stub_base(const struct fetcher *f)
{
	return f->base;
}

struct fetcher *
fetcher_new(struct event_base *base, const struct config *cfg)
{
	struct fetcher *f = xcalloc(1, sizeof *f);

	(void)cfg;
	f->base = base;
	return f;
}

void
fetcher_free(struct fetcher *f)
{
	free(f);
}

void
fetch_submit(struct fetcher *f, const struct fetch_request *req,
    fetch_done_cb cb, void *arg)
{
	struct fetch_result *res = xcalloc(1, sizeof *res);

	(void)f;
	res->url = xstrdup(req->url);
	res->final_url = xstrdup(req->url);
	res->err = FETCH_OTHER;
	res->body = (unsigned char *)xstrdup("");
	res->error = xstrdup("fetch engine not built yet (stub)");
	cb(res, arg);
}

void
fetcher_cancel(struct fetcher *f, const void *owner)
{
	(void)f;
	(void)owner;
}

void
fetcher_new_pass(struct fetcher *f)
{
	(void)f;
}

size_t
fetcher_pending(const struct fetcher *f)
{
	(void)f;
	return 0;
}

void
fetcher_stats(const struct fetcher *f, struct fetch_stats *out)
{
	(void)f;
	memset(out, 0, sizeof *out);
}

void
fetch_result_free(struct fetch_result *res)
{
	if (res == NULL)
		return;
	free(res->url);
	free(res->final_url);
	free(res->content_type);
	free(res->etag);
	free(res->last_modified);
	free(res->body);
	free(res->error);
	free(res);
}

const char *
fetch_error_name(enum fetch_error err)
{
	static const char *names[] = { "ok", "timeout", "connect", "redirects",
	    "robots", "cancelled", "other" };

	return (unsigned)err < sizeof names / sizeof names[0] ? names[err] : "other";
}

/* api.c: the JSON, CSV and Excel exports, the health check and the Prometheus metrics. */
#include <stdlib.h>

#include "config.h"
#include "criteria.h"
#include "dashboard.h"
#include "export.h"
#include "health.h"
#include "log.h"
#include "store-dash.h"

/* The units (borrowed), or NULL with r filled with the error. */
static const struct unit_state *
read_units(struct dash_req *r, size_t *n)
{
	const struct unit_state *units;
	int code = dash_data(r->d, &units, n, NULL, NULL);

	if (code == 200)
		return units;
	r->code = code;
	r->ctype = "text/plain; charset=utf-8";
	buf_puts(&r->body, code == 503 ? "no data yet\n" : "cannot read the database\n");
	return NULL;
}

void
api_units(struct dash_req *r)
{
	const struct unit_state *units;
	size_t n;
	char *s;

	if ((units = read_units(r, &n)) == NULL)
		return;
	s = export_json(units, n, r->now);
	r->ctype = "application/json; charset=utf-8";
	buf_puts(&r->body, s);
	free(s);
}

void
api_csv(struct dash_req *r)
{
	const struct unit_state *units;
	size_t n;
	char *s;

	if ((units = read_units(r, &n)) == NULL)
		return;
	s = export_csv(units, n);
	r->ctype = "text/csv; charset=utf-8";
	buf_puts(&r->body, s);
	free(s);
}

/*
 * Healthy: the database opens and answers a read; a file that opens but
 * cannot be read (locked for good, corrupt) is not "ok".
 */
void
api_xlsx(struct dash_req *r)
{
	const struct unit_state *units;
	size_t n;
	char *cause;

	if ((units = read_units(r, &n)) == NULL)
		return;
	if (export_xlsx(units, n, r->d->cfg->criteria, r->now, &r->body, &cause) == -1) {
		log_warnx("export.xlsx: %s", cause);
		free(cause);
		buf_free(&r->body);
		r->code = 500;
		r->ctype = "text/plain; charset=utf-8";
		buf_puts(&r->body, "cannot build the workbook\n");
		return;
	}
	r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

void
api_healthz(struct dash_req *r)
{
	struct store *st = dash_store(r->d);
	struct pass_metrics pm;
	char *cause = NULL, *failure;

	r->ctype = "text/plain; charset=utf-8";
	if (st != NULL && store_pass_metrics(st, &pm, &cause) == -1) {
		r->code = 503;
		buf_printf(&r->body, "cannot read the database: %s\n", cause);
		free(cause);
	} else if ((failure = health_failure(r->d->cfg->database)) != NULL) {
		/* The daemon says its writes fail (lib/health.h): the data is going stale. */
		r->code = 503;
		buf_printf(&r->body, "the daemon cannot store its results: %s\n", failure);
		free(failure);
	} else if (st != NULL)
		buf_puts(&r->body, "ok\n");
	else if (r->d->open_error != NULL) {
		r->code = 503;
		buf_printf(&r->body, "cannot read the database: %s\n", r->d->open_error);
	} else
		buf_puts(&r->body, "ok (no data yet)\n");
}

/* One metric's HELP and TYPE lines. */
static void
metric_head(struct buf *b, const char *name, const char *type, const char *help)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void
api_metrics(struct dash_req *r)
{
	const struct unit_state *units;
	struct pass_metrics pm;
	struct buf *b = &r->body;
	size_t n, by_unit[ST_COUNT] = { 0 };
	size_t by_crit[CRIT_COUNT][ST_COUNT] = { { 0 } };
	char *cause;

	if ((units = read_units(r, &n)) == NULL)
		return;
	if (store_pass_metrics(r->d->store, &pm, &cause) == -1) {
		page_db_error(r, cause);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		by_unit[unit_overall(&units[i], r->d->cfg->criteria)]++;
		for (int c = 0; c < CRIT_COUNT; c++)
			by_crit[c][units[i].checked_at ? units[i].v[c].status : ST_NOT_CHECKED]++;
	}
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	r->gzip = true;
	metric_head(b, "tctt_units", "gauge", "Units by overall status "
	    "(ok: all the criteria counted ok; otherwise the worst one).");
	for (int s = ST_NOT_CHECKED; s < ST_COUNT; s++)
		buf_printf(b, "tctt_units{status=\"%s\"} %zu\n",
		    status_name((enum status)s), by_unit[s]);
	metric_head(b, "tctt_criteria", "gauge", "Current verdicts by criterion and status.");
	for (int c = 0; c < CRIT_COUNT; c++)
		for (int s = ST_NOT_CHECKED; s < ST_COUNT; s++)
			buf_printf(b, "tctt_criteria{criterion=\"%s\",status=\"%s\"} %zu\n",
			    crit_info((enum criterion)c)->id, status_name((enum status)s),
			    by_crit[c][s]);
	metric_head(b, "tctt_last_pass_timestamp_seconds", "gauge",
	    "When the most recent pass over a unit finished.");
	buf_printf(b, "tctt_last_pass_timestamp_seconds %lld\n", (long long)pm.last_finished_at);
	metric_head(b, "tctt_last_pass_duration_seconds", "gauge",
	    "How long the most recent pass over a unit took.");
	buf_printf(b, "tctt_last_pass_duration_seconds %lld\n", (long long)pm.last_duration);
	metric_head(b, "tctt_passes_total", "counter", "Passes recorded.");
	buf_printf(b, "tctt_passes_total %lld\n", (long long)pm.passes);
	metric_head(b, "tctt_pages_fetched_total", "counter", "Pages fetched by all passes.");
	buf_printf(b, "tctt_pages_fetched_total %lld\n", (long long)pm.pages);
	metric_head(b, "tctt_bytes_fetched_total", "counter", "Bytes fetched by all passes.");
	buf_printf(b, "tctt_bytes_fetched_total %lld\n", (long long)pm.bytes);
	metric_head(b, "tctt_fetch_errors_total", "counter", "Fetch errors in all passes.");
	buf_printf(b, "tctt_fetch_errors_total %lld\n", (long long)pm.errors);
	metric_head(b, "tctt_unreachable_passes_total", "counter",
	    "Passes that could not reach the unit's home page.");
	buf_printf(b, "tctt_unreachable_passes_total %lld\n", (long long)pm.unreachable);
}

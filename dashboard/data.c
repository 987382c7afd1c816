/*
 * data.c: the units and the weekly trend, read once per change of the database
 * (PRAGMA data_version moves when tcttd commits) and shared by the requests.
 */
#include <stdlib.h>

#include "clock.h"
#include "dashboard.h"
#include "log.h"
#include "store-dash.h"

#define DATA_TREND_WEEKS 12

/* What the cache holds; one per process. */
struct dash_data {
	bool			 valid;
	int64_t			 version;
	int64_t			 hour;		/* a manual verdict ends with a day: read again hourly */
	struct unit_state	*units;
	size_t			 n;
	struct trend_week	*trend;
	size_t			 ntrend;
};

/* Drop what the cache holds. */
static void
data_clear(struct dash_data *dd)
{
	unit_states_free(dd->units, dd->n);
	free(dd->trend);
	*dd = (struct dash_data){ 0 };
}

void
dash_data_free(struct dash *d)
{
	if (d->data != NULL) {
		data_clear(d->data);
		free(d->data);
		d->data = NULL;
	}
}

int
dash_data(struct dash *d, const struct unit_state **units, size_t *n,
    const struct trend_week **trend, size_t *ntrend)
{
	struct store *st = dash_store(d);
	struct dash_data *dd;
	int64_t version;
	char *cause;

	if (st == NULL)
		return d->open_error != NULL ? 500 : 503;
	if (d->data == NULL)
		d->data = xcalloc(1, sizeof *d->data);
	dd = d->data;
	if (store_data_version(st, &version, &cause) == -1)
		goto fail;
	if (!dd->valid || version != dd->version || clock_now() / 3600 != dd->hour) {
		data_clear(dd);
		if (store_units(st, false, &dd->units, &dd->n, &cause) == -1)
			goto fail;
		if (store_trend(st, DATA_TREND_WEEKS, &dd->trend, &dd->ntrend, &cause) == -1)
			goto fail;
		dd->version = version;
		dd->hour = clock_now() / 3600;
		dd->valid = true;
		log_debug("read %zu units (data version %lld)", dd->n, (long long)version);
	}
	*units = dd->units;
	*n = dd->n;
	if (trend != NULL) {
		*trend = dd->trend;
		*ntrend = dd->ntrend;
	}
	return 200;
fail:
	log_warnx("%s", cause);
	free(cause);
	data_clear(dd);
	return 500;
}

/* export.c: units and verdicts as JSON (jansson) and CSV (RFC 4180). */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clock.h"
#include "fold.h"
#include "xmalloc.h"

/*
 * s as a JSON string: jansson refuses invalid UTF-8 (and the field would
 * vanish), so bad bytes from the database become U+FFFD. NULL gives null.
 */
static json_t *
json_str_or_null(const char *s)
{
	json_t *j;
	char *clean;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	clean = utf8_sanitize(s, strlen(s));
	j = json_string(clean);
	free(clean);
	return j != NULL ? j : json_null();
}

static json_t *
json_time_or_null(int64_t t, bool date_only)
{
	char buf[40];

	if (t == 0)
		return json_null();
	return json_string(date_only ? clock_date(t, buf, sizeof buf) :
	    clock_iso8601(t, buf, sizeof buf));
}

/* A manual verdict in force as {status, by, reason, at, until}, or null. */
static json_t *
manual_json(const struct manual_verdict *m)
{
	json_t *o;

	if (m->status == ST_NOT_CHECKED)
		return json_null();
	o = json_object();
	json_object_set_new(o, "status", json_string(status_name(m->status)));
	json_object_set_new(o, "by", json_str_or_null(m->by));
	json_object_set_new(o, "reason", json_str_or_null(m->reason));
	json_object_set_new(o, "at", json_time_or_null(m->at, false));
	json_object_set_new(o, "until", json_str_or_null(m->until));
	return o;
}

static json_t *
unit_json(const struct unit_state *u)
{
	json_t *o = json_object(), *crit = json_object();
	bool checked = u->checked_at != 0;

	json_object_set_new(o, "id", json_str_or_null(u->id));
	json_object_set_new(o, "name", json_str_or_null(u->name));
	json_object_set_new(o, "kind", json_str_or_null(u->kind));
	json_object_set_new(o, "url", json_str_or_null(u->url));
	json_object_set_new(o, "checked_at", json_time_or_null(u->checked_at, false));
	json_object_set_new(o, "reachable", checked ? json_boolean(u->reachable) : json_null());
	json_object_set_new(o, "score", json_integer(checked ? u->score : 0));
	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct verdict *v = &u->v[c];
		json_t *j = json_object();

		json_object_set_new(j, "status", json_string(status_name(
		    checked ? v->status : ST_NOT_CHECKED)));
		json_object_set_new(j, "url", json_str_or_null(checked ? v->url : NULL));
		json_object_set_new(j, "date", json_str_or_null(checked ? v->date : NULL));
		json_object_set_new(j, "since", json_time_or_null(checked ? v->since : 0, true));
		json_object_set_new(j, "note", json_str_or_null(checked ? v->note : NULL));
		json_object_set_new(j, "auto_status", json_string(status_name(
		    checked ? u->auto_status[c] : ST_NOT_CHECKED)));
		json_object_set_new(j, "manual", manual_json(&u->manual[c]));
		json_object_set_new(crit, crit_info((enum criterion)c)->id, j);
	}
	json_object_set_new(o, "criteria", crit);
	return o;
}

char *
export_json(const struct unit_state *units, size_t n, int64_t now)
{
	json_t *doc = json_object(), *list = json_array();
	char buf[40], *s, *out;

	json_object_set_new(doc, "generated_at",
	    json_string(clock_iso8601(now, buf, sizeof buf)));
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, unit_json(&units[i]));
	json_object_set_new(doc, "units", list);
	s = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	json_decref(doc);
	if (s == NULL)
		fatalx("export: cannot encode JSON");
	out = xasprintf("%s\n", s);
	free(s);
	return out;
}

/* One CSV field; a leading =, +, - or @ is neutralised so spreadsheets do not run it. */
static void
csv_field(struct buf *b, const char *s, bool last)
{
	bool formula, quote;

	if (s == NULL)
		s = "";
	formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
	buf_puts(b, last ? "\r\n" : ",");
}

char *
export_csv(const struct unit_state *units, size_t n)
{
	struct buf b = { 0 };
	char checked[40], since[16], score[8];

	/* The manual verdict's columns come last, so scripts reading by position still work. */
	buf_puts(&b, "id,name,kind,url,checked_at,reachable,score,criterion,"
	    "status,evidence_url,date,since,note,auto_status,manual_status,manual_by,"
	    "manual_reason,manual_at,manual_until\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct unit_state *u = &units[i];
		bool ok = u->checked_at != 0;

		if (ok)
			clock_iso8601(u->checked_at, checked, sizeof checked);
		snprintf(score, sizeof score, "%d", ok ? u->score : 0);
		for (int c = 0; c < CRIT_COUNT; c++) {
			const struct verdict *v = &u->v[c];
			const struct manual_verdict *m = &u->manual[c];
			bool manual = m->status != ST_NOT_CHECKED;
			char at[40];

			csv_field(&b, u->id, false);
			csv_field(&b, u->name, false);
			csv_field(&b, u->kind, false);
			csv_field(&b, u->url, false);
			csv_field(&b, ok ? checked : "", false);
			csv_field(&b, ok ? (u->reachable ? "true" : "false") : "", false);
			csv_field(&b, score, false);
			csv_field(&b, crit_info((enum criterion)c)->id, false);
			csv_field(&b, status_name(ok ? v->status : ST_NOT_CHECKED), false);
			csv_field(&b, ok ? v->url : NULL, false);
			csv_field(&b, ok ? v->date : NULL, false);
			csv_field(&b, ok && v->since ? clock_date(v->since, since,
			    sizeof since) : NULL, false);
			csv_field(&b, ok ? v->note : NULL, false);
			csv_field(&b, status_name(ok ? u->auto_status[c] : ST_NOT_CHECKED), false);
			csv_field(&b, manual ? status_name(m->status) : NULL, false);
			csv_field(&b, manual ? m->by : NULL, false);
			csv_field(&b, manual ? m->reason : NULL, false);
			csv_field(&b, manual ? clock_iso8601(m->at, at, sizeof at) : NULL, false);
			csv_field(&b, manual ? m->until : NULL, true);
		}
	}
	return buf_steal(&b);
}

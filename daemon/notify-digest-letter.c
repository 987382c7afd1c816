/* notify-digest-letter.c: the weekly digest in words (plain text and HTML) and as JSON figures. */
#include "notify-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clock.h"
#include "config.h"
#include "html.h"
#include "store-notice.h"
#include "xmalloc.h"

/* Units shown in "lagging longest". */
#define DIGEST_LAGGING	10

/* A section heading: numbered in text, <h2> in HTML; opens the list. */
static void
out_section(struct letter_out *o, int num, const char *title, int count)
{
	if (count >= 0)
		buf_printf(&o->text, "\n%d. %s (%d)\n", num, title, count);
	else
		buf_printf(&o->text, "\n%d. %s\n", num, title);
	buf_puts(&o->html, "<h2>");
	html_escape(&o->html, title);
	if (count >= 0)
		buf_printf(&o->html, " (%d)", count);
	buf_puts(&o->html, "</h2>\n<ul>\n");
}

/* Open a list item. */
static void
out_item_start(struct letter_out *o)
{
	buf_puts(&o->text, "   - ");
	buf_puts(&o->html, "<li>");
}

/* Close a list item. */
static void
out_item_end(struct letter_out *o)
{
	buf_puts(&o->text, "\n");
	buf_puts(&o->html, "</li>\n");
}

/* Close a section's list, saying "none" when it was empty. */
static void
out_section_end(struct letter_out *o, int count)
{
	if (count == 0) {
		out_item_start(o);
		letter_puts(o, "Không có.");
		out_item_end(o);
	}
	buf_puts(&o->html, "</ul>\n");
}

/* "63,5%" from per mille. */
static void
out_share(struct letter_out *o, int permille)
{
	if (permille < 0)
		letter_puts(o, "chưa có số liệu");
	else
		letter_printf(o, "%d,%d%%", permille / 10, permille % 10);
}

/* "Sở Tư pháp (stp)". */
static void
out_unit(struct letter_out *o, const struct unit_state *u)
{
	buf_printf(&o->text, "%s (%s)", u->name, u->id);
	buf_puts(&o->html, "<strong>");
	html_escape(&o->html, u->name);
	buf_puts(&o->html, "</strong> (");
	html_escape(&o->html, u->id);
	buf_puts(&o->html, ")");
}

/* A time as its local date, "09/11/2026". */
static void
out_date(struct letter_out *o, int64_t t)
{
	char day[16];

	letter_puts(o, clock_date_vn(t, day, sizeof day));
}

/* The general figures. */
static void
section_figures(struct letter_out *o, const struct digest_stats *ds)
{
	int now = digest_share(ds, false), then = digest_share(ds, true);
	bool first = true;

	out_section(o, 1, "Số liệu chung", -1);
	out_item_start(o);
	letter_printf(o, "Đơn vị đã được kiểm tra: %d/%zu", ds->checked_now, ds->n);
	out_item_end(o);
	out_item_start(o);
	letter_printf(o, "Đơn vị đạt đủ %d tiêu chí: %d (tuần trước: %d)", ds->n_counted,
	    ds->compliant_now, ds->compliant_then);
	out_item_end(o);
	out_item_start(o);
	letter_puts(o, "Tỷ lệ tiêu chí đạt: ");
	out_share(o, now);
	letter_puts(o, " (tuần trước: ");
	out_share(o, then);
	if (now >= 0 && then >= 0) {
		int d = now - then;

		if (d == 0)
			letter_puts(o, "; không thay đổi");
		else
			letter_printf(o, "; %s %d,%d điểm %%", d > 0 ? "tăng" : "giảm",
			    abs(d) / 10, abs(d) % 10);
	}
	letter_puts(o, ")");
	out_item_end(o);
	out_item_start(o);
	letter_puts(o, "Số tiêu chí theo trạng thái: ");
	for (int s = ST_OK; ; s = (s + 1) % DIGEST_STATUSES) {
		letter_printf(o, "%s%s %d", first ? "" : ", ", status_label((enum status)s),
		    ds->counts[s]);
		first = false;
		if (s == ST_NOT_CHECKED)
			break;
	}
	out_item_end(o);
	out_item_start(o);
	letter_puts(o, "Số đơn vị chưa đạt theo từng tiêu chí: ");
	first = true;
	for (int c = 0; c < CRIT_COUNT; c++) {
		if (!CRIT_IN(ds->counted, c))
			continue;
		letter_printf(o, "%s%s %d", first ? "" : ", ",
		    crit_info((enum criterion)c)->short_label, ds->failing[c]);
		first = false;
	}
	out_item_end(o);
	out_section_end(o, -1);
}

/* The criteria whose status changed in a week: "label: old → new; ...". */
static void
out_changes(struct letter_out *o, const struct digest_unit *du)
{
	const char *sep = ": ";

	for (int c = 0; c < CRIT_COUNT; c++) {
		/* Unchanged, or not judged a week ago (added by a newer tcttd since). */
		if (du->then[c] == du->u->v[c].status || du->then[c] == ST_NOT_CHECKED)
			continue;
		letter_printf(o, "%s%s: %s → %s", sep, crit_info((enum criterion)c)->label,
		    status_label(du->then[c]), status_label(du->u->v[c].status));
		sep = "; ";
	}
}

/* Units that improved (sign > 0) or regressed (sign < 0). */
static void
section_moves(struct letter_out *o, const struct digest_stats *ds, int num,
    int sign)
{
	int count = 0;

	for (size_t i = 0; i < ds->n; i++) {
		const struct digest_unit *du = &ds->du[i];

		count += du->comparable && (du->cmp_now - du->ok_then) * sign > 0;
	}
	out_section(o, num, sign > 0 ? "Đơn vị tiến bộ so với tuần trước" :
	    "Đơn vị giảm kết quả so với tuần trước", count);
	for (size_t i = 0; i < ds->n; i++) {
		const struct digest_unit *du = &ds->du[i];

		if (!du->comparable || (du->cmp_now - du->ok_then) * sign <= 0)
			continue;
		out_item_start(o);
		out_unit(o, du->u);
		letter_printf(o, ", từ %d %s %d tiêu chí đạt", du->ok_then,
		    sign > 0 ? "lên" : "xuống", du->cmp_now);
		out_changes(o, du);
		out_item_end(o);
	}
	out_section_end(o, count);
}

/* qsort: oldest failure first, then by ID. */
static int
lag_cmp_cb(const void *a, const void *b)
{
	const struct digest_unit *x = *(const struct digest_unit *const *)a;
	const struct digest_unit *y = *(const struct digest_unit *const *)b;

	if (x->lag_since != y->lag_since)
		return x->lag_since < y->lag_since ? -1 : 1;
	return strcmp(x->u->id, y->u->id);
}

/* The units whose oldest failing criterion is oldest; fills order, returns its length. */
static size_t
lagging_order(const struct digest_stats *ds, const struct digest_unit **order)
{
	size_t n = 0;

	for (size_t i = 0; i < ds->n; i++)
		if (ds->du[i].failing > 0)
			order[n++] = &ds->du[i];
	qsort(order, n, sizeof *order, lag_cmp_cb);
	return n > DIGEST_LAGGING ? DIGEST_LAGGING : n;
}

/* The units lagging longest. */
static void
section_lagging(struct letter_out *o, const struct digest_stats *ds, int num)
{
	const struct digest_unit **order = xcalloc(ds->n + 1, sizeof *order);
	size_t n = lagging_order(ds, order);

	out_section(o, num, "Đơn vị chậm thực hiện lâu nhất", (int)n);
	for (size_t i = 0; i < n; i++) {
		const struct digest_unit *du = order[i];

		out_item_start(o);
		out_unit(o, du->u);
		letter_printf(o, ": %d tiêu chí chưa đạt, từ ngày ", du->failing);
		out_date(o, du->lag_since);
		letter_printf(o, " (%lld ngày)", (long long)((ds->now - du->lag_since) / 86400));
		if (du->u->email == NULL)
			letter_puts(o, "; chưa có địa chỉ thư điện tử");
		out_item_end(o);
	}
	out_section_end(o, (int)n);
	free(order);
}

/* Portals that could not be fetched at the last check. */
static void
section_unreachable(struct letter_out *o, const struct digest_stats *ds, int num)
{
	int count = 0;

	for (size_t i = 0; i < ds->n; i++)
		count += ds->units[i].checked_at != 0 && !ds->units[i].reachable;
	out_section(o, num, "Cổng/Trang thông tin điện tử không truy cập được", count);
	for (size_t i = 0; i < ds->n; i++) {
		const struct unit_state *u = &ds->units[i];

		if (u->checked_at == 0 || u->reachable)
			continue;
		out_item_start(o);
		out_unit(o, u);
		letter_puts(o, ": ");
		letter_puts(o, u->url);
		letter_puts(o, ", từ ngày ");
		out_date(o, u->v[0].since);
		out_item_end(o);
	}
	out_section_end(o, count);
}

/* Reminders recorded in the last seven days and what became of them. */
static void
section_reminders(struct letter_out *o, const struct digest_stats *ds, int num)
{
	static const char *states[] = { "đang chờ gửi", "đã gửi", "bị từ chối" };

	out_section(o, num, "Văn bản đôn đốc trong tuần", (int)ds->n_reminders);
	for (size_t i = 0; i < ds->n_reminders; i++) {
		const struct notice *nt = &ds->reminders[i];
		const struct unit_state *u = NULL;

		for (size_t j = 0; j < ds->n; j++)
			if (nt->unit_id != NULL && strcmp(ds->units[j].id, nt->unit_id) == 0)
				u = &ds->units[j];
		out_item_start(o);
		out_date(o, nt->created_at);
		letter_puts(o, ": ");
		if (u != NULL)
			out_unit(o, u);
		else
			letter_puts(o, nt->unit_id != NULL ? nt->unit_id : "?");
		letter_printf(o, ", gửi %s", nt->mail_to);
		if (nt->mail_cc != NULL)
			letter_printf(o, ", bản sao %s", nt->mail_cc);
		letter_printf(o, " - %s", states[nt->state]);
		if (nt->state == NOTICE_FAILED && nt->error != NULL)
			letter_printf(o, " (%s)", nt->error);
		out_item_end(o);
	}
	out_section_end(o, (int)ds->n_reminders);
}

/* Units due a reminder that have no address to send it to. */
static void
section_no_email(struct letter_out *o, const struct digest_stats *ds, int num)
{
	int count = 0;

	for (size_t i = 0; i < ds->n; i++)
		count += ds->du[i].remind_due && ds->units[i].email == NULL;
	out_section(o, num, "Đơn vị cần đôn đốc nhưng chưa có địa chỉ thư điện tử",
	    count);
	for (size_t i = 0; i < ds->n; i++) {
		if (!ds->du[i].remind_due || ds->units[i].email != NULL)
			continue;
		out_item_start(o);
		out_unit(o, &ds->units[i]);
		out_item_end(o);
	}
	out_section_end(o, count);
}

void
digest_letter(const struct config *cfg, const struct digest_stats *ds,
    struct letter *out)
{
	struct letter_out o = { { 0 }, { 0 } };
	char *issuer = letter_issuer(cfg);
	int year = 0, wk = 0;

	sscanf(ds->week, "%d-W%d", &year, &wk);
	out->subject = xasprintf("Tổng hợp tuần %d/%d: tình hình thực hiện Luật "
	    "Tiếp cận thông tin", wk, year);
	/* The document's title is its one <h1>; the sections are <h2>. */
	buf_puts(&o.html, "<div class=\"tctt-digest\">\n<h1>");
	letter_printf(&o, "TỔNG HỢP TUẦN %d/%d (đến ngày ", wk, year);
	out_date(&o, ds->now);
	letter_puts(&o, ")");
	buf_puts(&o.html, "</h1>\n<p>");
	buf_puts(&o.text, "\n\n");
	letter_printf(&o, "Tình hình công khai thông tin theo Luật Tiếp cận thông tin "
	    "trên Cổng/Trang thông tin điện tử của %zu cơ quan, đơn vị.", ds->n);
	buf_puts(&o.html, "</p>\n");
	buf_puts(&o.text, "\n");
	section_figures(&o, ds);
	section_moves(&o, ds, 2, 1);
	section_moves(&o, ds, 3, -1);
	section_lagging(&o, ds, 4);
	section_unreachable(&o, ds, 5);
	section_reminders(&o, ds, 6);
	section_no_email(&o, ds, 7);
	buf_printf(&o.text, "\n%s\n\n-- \nThư này do hệ thống theo dõi việc thực hiện "
	    "Luật Tiếp cận thông tin (tctt) gửi tự động.\n", issuer);
	buf_puts(&o.html, "<p><strong>");
	html_escape(&o.html, issuer);
	buf_puts(&o.html, "</strong></p>\n<p><small>Thư này do hệ thống theo dõi việc "
	    "thực hiện Luật Tiếp cận thông tin (tctt) gửi tự động.</small></p>\n</div>\n");
	out->text = buf_steal(&o.text);
	out->html = buf_steal(&o.html);
	free(issuer);
}

/* A JSON array of the IDs of units for which pick is true. */
static json_t *
unit_ids(const struct digest_stats *ds, bool (*pick)(const struct digest_stats *, size_t))
{
	json_t *a = json_array();

	for (size_t i = 0; i < ds->n; i++)
		if (pick(ds, i))
			json_array_append_new(a, json_string(ds->units[i].id));
	return a;
}

/* Unit pickers for unit_ids(). */
static bool
pick_improved(const struct digest_stats *ds, size_t i)
{
	return ds->du[i].comparable && ds->du[i].cmp_now > ds->du[i].ok_then;
}

static bool
pick_regressed(const struct digest_stats *ds, size_t i)
{
	return ds->du[i].comparable && ds->du[i].cmp_now < ds->du[i].ok_then;
}

static bool
pick_unreachable(const struct digest_stats *ds, size_t i)
{
	return ds->units[i].checked_at != 0 && !ds->units[i].reachable;
}

static bool
pick_no_email(const struct digest_stats *ds, size_t i)
{
	return ds->du[i].remind_due && ds->units[i].email == NULL;
}

char *
digest_stats_json(const struct digest_stats *ds)
{
	const struct digest_unit **order = xcalloc(ds->n + 1, sizeof *order);
	size_t nlag = lagging_order(ds, order);
	json_t *root = json_object(), *counts = json_object(), *lag = json_array();
	json_t *rem = json_object(), *failing = json_object();
	int states[3] = { 0 };
	char iso[40], day[16];
	char *s;

	for (int st = 0; st < DIGEST_STATUSES; st++)
		json_object_set_new(counts, status_name((enum status)st),
		    json_integer(ds->counts[st]));
	for (int c = 0; c < CRIT_COUNT; c++)
		if (CRIT_IN(ds->counted, c))
			json_object_set_new(failing, crit_info((enum criterion)c)->id,
			    json_integer(ds->failing[c]));
	for (size_t i = 0; i < nlag; i++)
		json_array_append_new(lag, json_pack("{s:s, s:s, s:i}",
		    "id", order[i]->u->id,
		    "since", clock_date(order[i]->lag_since, day, sizeof day),
		    "failing", order[i]->failing));
	for (size_t i = 0; i < ds->n_reminders; i++)
		states[ds->reminders[i].state]++;
	json_object_set_new(rem, "total", json_integer((json_int_t)ds->n_reminders));
	for (int i = 0; i < 3; i++)
		json_object_set_new(rem, notice_state_name((enum notice_state)i),
		    json_integer(states[i]));
	json_object_set_new(root, "week", json_string(ds->week));
	json_object_set_new(root, "generated_at",
	    json_string(clock_iso8601(ds->now, iso, sizeof iso)));
	json_object_set_new(root, "units", json_integer((json_int_t)ds->n));
	json_object_set_new(root, "checked", json_integer(ds->checked_now));
	json_object_set_new(root, "counts", counts);
	json_object_set_new(root, "failing_by_criterion", failing);
	json_object_set_new(root, "compliant_units", json_integer(ds->compliant_now));
	json_object_set_new(root, "compliant_units_prev", json_integer(ds->compliant_then));
	json_object_set_new(root, "ok_permille", digest_share(ds, false) < 0 ?
	    json_null() : json_integer(digest_share(ds, false)));
	json_object_set_new(root, "ok_permille_prev", digest_share(ds, true) < 0 ?
	    json_null() : json_integer(digest_share(ds, true)));
	json_object_set_new(root, "improved", unit_ids(ds, pick_improved));
	json_object_set_new(root, "regressed", unit_ids(ds, pick_regressed));
	json_object_set_new(root, "lagging", lag);
	json_object_set_new(root, "unreachable", unit_ids(ds, pick_unreachable));
	json_object_set_new(root, "no_email", unit_ids(ds, pick_no_email));
	json_object_set_new(root, "reminders", rem);
	s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	free(order);
	if (s == NULL)
		fatalx("json_dumps failed");
	/* jansson's malloc, handed over as ours. */
	{
		char *copy = xstrdup(s);

		free(s);
		return copy;
	}
}

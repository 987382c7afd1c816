/*
 * actions.c: the editors' form posts: re-check now, hint, manual verdict and
 * its revocation, yearly statistics. Each is checked in the same order (role,
 * origin, token, values) and refused with 403 or 400 and nothing changed but
 * the audit row; a done one answers 303 to the unit's page. Every write goes
 * through lib/store-corr.c on the one writing connection this file owns.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "clock.h"
#include "config.h"
#include "dashboard.h"
#include "dates.h"
#include "html.h"
#include "log.h"
#include "store-corr.h"
#include "url.h"

#define FORM_MAX_URL	2000
#define FORM_MAX_TEXT	1000	/* bytes of a reason or a note */
#define STATS_MAX	1000000000LL

enum action { ACT_RECHECK, ACT_HINT, ACT_VERDICT, ACT_REVOKE, ACT_STATS };

static const struct {
	const char	*suffix;	/* after /unit/ID */
	const char	*name;		/* in the audit log */
} actions[] = {
	[ACT_RECHECK] = { "/recheck", "recheck" },
	[ACT_HINT] = { "/hint", "hint" },
	[ACT_VERDICT] = { "/verdict", "verdict" },
	[ACT_REVOKE] = { "/verdict/revoke", "revoke" },
	[ACT_STATS] = { "/stats", "stats" },
};
#define NACTIONS ((int)(sizeof actions / sizeof actions[0]))

/* Split /unit/ID/ACTION: the action and the ID (caller frees); -1 when not one. */
static int
parse_route(const char *path, char **id)
{
	const char *p, *slash;

	*id = NULL;
	if (strncmp(path, "/unit/", 6) != 0)
		return -1;
	p = path + 6;
	if ((slash = strchr(p, '/')) == NULL || slash == p)
		return -1;
	for (int a = 0; a < NACTIONS; a++) {
		if (strcmp(slash, actions[a].suffix) == 0) {
			*id = xstrndup(p, (size_t)(slash - p));
			return a;
		}
	}
	return -1;
}

bool
action_route(const char *path)
{
	char *id;
	int a = parse_route(path, &id);

	free(id);
	return a != -1;
}

/* The writing connection, opened on first use; NULL (logged) when it cannot be. */
static struct store *
corr_store(struct dash *d)
{
	char *cause;

	if (d->corr != NULL)
		return d->corr;
	if (corr_open(d->cfg->database, &d->corr, &cause) == -1) {
		log_warnx("cannot write requests: %s", cause);
		free(cause);
		return NULL;
	}
	log_info("database %s opened for the secretariat's requests", d->cfg->database);
	return d->corr;
}

/* The token key, read once. */
static const char *
secret(struct dash *d)
{
	struct store *st;
	char *cause;

	if (d->secret != NULL)
		return d->secret;
	if ((st = dash_store(d)) == NULL)
		return NULL;
	if (corr_secret(st, &d->secret, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return NULL;
	}
	return d->secret;
}

char *
action_token(struct dash_req *r)
{
	const char *key;

	if (!r->editor || r->user == NULL || (key = secret(r->d)) == NULL)
		return NULL;
	return csrf_token(key, r->user, r->now);
}

void
actions_free(struct dash *d)
{
	store_close(d->corr);
	d->corr = NULL;
	if (d->secret != NULL)
		explicit_bzero(d->secret, strlen(d->secret));
	free(d->secret);
	d->secret = NULL;
}

/* One post being handled. */
struct post {
	struct dash_req		*r;
	enum action		 act;
	char			*unit_id;
	struct evkeyvalq	 form;
	struct corr_who		 who;
};

/* A form field, or NULL. */
static const char *
field(struct post *p, const char *name)
{
	return evhttp_find_header(&p->form, name);
}

/* Refuse with code and a Vietnamese message; the refusal is audited. */
static void
refuse(struct post *p, int code, const char *message)
{
	struct store *st;
	char *cause, *asked;

	log_info("%s by %s from %s on %s refused: %d", actions[p->act].name,
	    p->r->user != NULL ? p->r->user : "?", p->r->client, p->unit_id, code);
	if ((st = corr_store(p->r->d)) != NULL) {
		asked = xasprintf("%d %s", code, message);
		if (p->who.reason == NULL)
			p->who.reason = field(p, "reason");
		if (corr_refused(st, &p->who, asked, p->r->now, &cause) == -1) {
			log_warnx("%s", cause);
			free(cause);
		}
		free(asked);
	}
	page_error(p->r, code, message);
}

/* Text with no control characters (tabs and newlines allowed in long text), at most max bytes. */
static bool
good_text(const char *s, size_t max, bool multiline)
{
	size_t len = strlen(s);

	if (len > max)
		return false;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((*c < 0x20 && !(multiline && (*c == '\n' || *c == '\r' ||
		    *c == '\t'))) || *c == 0x7f)
			return false;
	return true;
}

/* A required, non-blank text field; NULL when missing or bad. */
static const char *
text_field(struct post *p, const char *name, size_t max)
{
	const char *s = field(p, name);
	const char *q;

	if (s == NULL || !good_text(s, max, true))
		return NULL;
	for (q = s; *q != '\0' && isspace((unsigned char)*q); q++)
		;
	return *q == '\0' ? NULL : s;
}

/* The criterion field: its ID (borrowed) and number; NULL when not a criterion. */
static const char *
crit_field(struct post *p, int *c)
{
	const char *s = field(p, "criterion");

	if (s == NULL || (*c = criterion_from_id(s)) < 0)
		return NULL;
	return crit_info((enum criterion)*c)->id;
}

/* An absolute http(s) URL with a host, as libcurl parses it. */
static bool
good_url(const char *s)
{
	struct url_parts u;

	if (strlen(s) > FORM_MAX_URL || !good_text(s, FORM_MAX_URL, false) ||
	    strpbrk(s, " \"<>\\^`{|}") != NULL)
		return false;
	if (url_parse(s, URL_WEB, &u) == -1)
		return false;
	url_parts_free(&u);
	return true;
}

/* A non-negative integer of at most max, digits only; -1 when not. */
static long long
count_field(struct post *p, const char *name, long long max)
{
	const char *s = field(p, name);
	long long v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 12)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v <= max ? v : -1;
}

/* until as YYYY-MM-DD from today to a year ahead; its YYYYMMDD or 0 when not. */
static int
until_field(struct post *p, const char **text)
{
	const char *s = field(p, "until");
	int y, m, d, n = 0, today, ymd;

	*text = s;
	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[8]) ||
	    !date_valid(y, m, d))
		return 0;
	ymd = y * 10000 + m * 100 + d;
	today = date_of_time(p->r->now);
	if (ymd < today || ymd > today + 10000)
		return 0;
	return ymd;
}

/* Send the unit's page as 303 See Other. */
static void
see_unit(struct post *p)
{
	struct dash_req *r = p->r;

	free(r->extra);
	r->extra = xasprintf("/unit/%s", p->unit_id);
	r->location = r->extra;
	r->code = 303;
	buf_puts(&r->body, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	    "<title>Đã ghi nhận</title></head><body><p>Đã ghi nhận. <a href=\"");
	html_escape(&r->body, r->extra);
	buf_puts(&r->body, "\">Về trang đơn vị</a></p></body></html>\n");
}

/* Run the checked action; 0 done, or -1 after filling r's refusal or error. */
static int
perform(struct post *p, struct store *st)
{
	const char *url, *note, *until;
	struct yearly_stats ys = { 0 };
	long long f[7];
	char *cause = NULL;
	int c, rc = 0, st_no;

	switch (p->act) {
	case ACT_RECHECK:
		rc = corr_recheck(st, &p->who, p->r->now, &cause);
		break;
	case ACT_HINT:
		if ((p->who.criterion = crit_field(p, &c)) == NULL) {
			refuse(p, 400, "Tiêu chí không hợp lệ.");
			return -1;
		}
		url = field(p, "url");
		if (url == NULL || !good_url(url)) {
			refuse(p, 400, "Địa chỉ gợi ý phải là một địa chỉ http:// hoặc "
			    "https:// đầy đủ.");
			return -1;
		}
		note = field(p, "note");
		if (note != NULL && !good_text(note, FORM_MAX_TEXT, true)) {
			refuse(p, 400, "Ghi chú quá dài hoặc có ký tự không hợp lệ.");
			return -1;
		}
		p->who.reason = note;
		rc = corr_hint(st, &p->who, url, note, p->r->now, &cause);
		break;
	case ACT_VERDICT:
		if ((p->who.criterion = crit_field(p, &c)) == NULL) {
			refuse(p, 400, "Tiêu chí không hợp lệ.");
			return -1;
		}
		st_no = field(p, "status") != NULL ? status_from_name(field(p, "status")) : -1;
		if (st_no != ST_OK && st_no != ST_STALE && st_no != ST_MISSING) {
			/* The labels the dashboard shows, so the message cannot drift from them. */
			char *msg = xasprintf("Kết luận phải là %s (ok), %s (stale) hoặc %s (missing).",
			    status_label(ST_OK), status_label(ST_STALE), status_label(ST_MISSING));

			refuse(p, 400, msg);
			free(msg);
			return -1;
		}
		if ((p->who.reason = text_field(p, "reason", FORM_MAX_TEXT)) == NULL) {
			refuse(p, 400, "Cần ghi lý do của kết luận thủ công.");
			return -1;
		}
		if (until_field(p, &until) == 0) {
			refuse(p, 400, "Ngày hết hiệu lực phải có dạng NNNN-TT-NN, từ hôm "
			    "nay đến tối đa một năm sau.");
			return -1;
		}
		rc = corr_verdict(st, &p->who, (enum status)st_no, until, p->r->now, &cause);
		break;
	case ACT_REVOKE:
		if ((p->who.criterion = crit_field(p, &c)) == NULL) {
			refuse(p, 400, "Tiêu chí không hợp lệ.");
			return -1;
		}
		if ((p->who.reason = text_field(p, "reason", FORM_MAX_TEXT)) == NULL) {
			refuse(p, 400, "Cần ghi lý do thu hồi.");
			return -1;
		}
		if ((rc = corr_revoke(st, &p->who, p->r->now, &cause)) == 0) {
			refuse(p, 400, "Tiêu chí này không có kết luận thủ công nào "
			    "đang có hiệu lực.");
			return -1;
		}
		rc = rc == 1 ? 0 : -1;
		break;
	case ACT_STATS: {
		static const char *names[] = { "year", "received", "provided_full",
		    "provided_part", "refused", "transferred", "overdue" };
		int this_year = date_of_time(p->r->now) / 10000;

		for (size_t i = 0; i < 7; i++) {
			if ((f[i] = count_field(p, names[i], STATS_MAX)) < 0) {
				refuse(p, 400, "Số liệu phải là số nguyên không âm.");
				return -1;
			}
		}
		/* The law took effect in 2018; a year's figures stay open until the next year's report. */
		if (f[0] < 2018 || f[0] > this_year || f[0] < this_year - 1) {
			refuse(p, 400, "Chỉ nhập được số liệu của năm nay hoặc năm trước.");
			return -1;
		}
		if (f[2] + f[3] + f[4] + f[5] > f[1] || f[6] > f[1]) {
			refuse(p, 400, "Số yêu cầu đã xử lý (cung cấp toàn bộ, một phần, từ "
			    "chối, chuyển) và số quá hạn không được vượt số yêu cầu đã nhận.");
			return -1;
		}
		memset(&ys, 0, sizeof ys);
		ys.year = (int)f[0];
		ys.received = f[1];
		ys.provided_full = f[2];
		ys.provided_part = f[3];
		ys.refused = f[4];
		ys.transferred = f[5];
		ys.overdue = f[6];
		rc = corr_stats(st, &p->who, &ys, p->r->now, &cause);
		break;
	}
	}
	if (rc == -1) {
		log_warnx("%s", cause);
		free(cause);
		page_error(p->r, 500, "Không ghi được yêu cầu vào cơ sở dữ liệu; xin thử lại.");
		return -1;
	}
	return 0;
}

/* The body as form fields; -1 when it is not a form. */
static int
read_form(struct post *p)
{
	struct evhttp_request *req = p->r->req;
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	const char *ctype = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Content-Type");
	size_t len = evbuffer_get_length(in);
	char *body;
	int rc;

	if (ctype == NULL || strncasecmp(ctype, "application/x-www-form-urlencoded", 33) != 0 ||
	    (ctype[33] != '\0' && ctype[33] != ';'))
		return -1;
	body = xmalloc(len + 1);
	evbuffer_copyout(in, body, len);
	body[len] = '\0';
	rc = strlen(body) == len ? evhttp_parse_query_str(body, &p->form) : -1;
	free(body);
	return rc;
}

void
dash_action(struct dash_req *r)
{
	struct evkeyvalq *h = evhttp_request_get_input_headers(r->req);
	struct post p = { .r = r };
	struct store *st;
	const char *key;

	int act;

	TAILQ_INIT(&p.form);
	r->ctype = "text/html; charset=utf-8";
	/* The raw path named an action; the decoded one must too ("%2F" in an ID). */
	if ((act = parse_route(r->path, &p.unit_id)) == -1) {
		page_error(r, 404, "Không tìm thấy trang này.");
		goto out;
	}
	p.act = (enum action)act;
	p.who.user = r->user;
	p.who.client = r->client;
	p.who.action = actions[p.act].name;
	p.who.unit_id = p.unit_id;
	if (config_unit(r->d->cfg, p.unit_id) == NULL) {
		page_error(r, 404, "Không có đơn vị này.");
		goto out;
	}
	if (dash_store(r->d) == NULL || (st = corr_store(r->d)) == NULL) {
		page_error(r, 503, "Chưa có cơ sở dữ liệu; chưa thể ghi yêu cầu.");
		goto out;
	}
	if (read_form(&p) == -1) {
		refuse(&p, 400, "Biểu mẫu gửi lên không hợp lệ.");
		goto out;
	}
	if (!r->editor) {
		refuse(&p, 403, "Tài khoản của bạn chỉ có quyền xem, không được "
		    "thay đổi kết quả.");
		goto out;
	}
	if (!csrf_same_origin(evhttp_find_header(h, "Host"),
	    evhttp_find_header(h, "Origin"), evhttp_find_header(h, "Referer"))) {
		refuse(&p, 403, "Yêu cầu không xuất phát từ trang của hệ thống nên "
		    "không được thực hiện.");
		goto out;
	}
	if ((key = secret(r->d)) == NULL ||
	    !csrf_check(key, r->user, field(&p, "csrf"), r->now)) {
		refuse(&p, 403, "Mã xác nhận của biểu mẫu thiếu, sai hoặc đã hết hạn; "
		    "hãy tải lại trang rồi gửi lại.");
		goto out;
	}
	if (perform(&p, st) == 0) {
		log_info("%s by %s from %s on %s", actions[p.act].name, r->user,
		    r->client, p.unit_id);
		see_unit(&p);
	}
out:
	evhttp_clear_headers(&p.form);
	free(p.unit_id);
}

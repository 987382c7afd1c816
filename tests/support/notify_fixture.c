/* notify_fixture.c: the province the notice tests share (see notify_fixture.h). */
#include "notify_fixture.h"

#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "clock.h"
#include "support.h"
#include "xmalloc.h"

void
nfix_open(struct nfix *f, int smtp_port, const char *extra)
{
	struct buf b = { 0 };
	char *cause = NULL;

	memset(f, 0, sizeof *f);
	f->dir = test_tmpdir();
	cr_assert_eq(clock_parse_iso8601("2026-11-02T08:00:00+07:00", &f->t0), 0);
	buf_printf(&b, "[daemon]\ndatabase = %s/tctt.db\n\n[notify]\n", f->dir);
	if (smtp_port != 0)
		buf_printf(&b, "smtp_url = smtp://127.0.0.1:%d\n", smtp_port);
	buf_printf(&b, "outbox = %s/outbox\n"
	    "from = Văn phòng UBND tỉnh Lai Châu <vanphong@laichau.gov.vn>\n"
	    "secretariat = vanphong@laichau.gov.vn\n"
	    "remind_after = 14d\nremind_every = 7d\nescalate_after = 2\n%s\n",
	    f->dir, extra != NULL ? extra : "");
	buf_puts(&b,
	    "[unit:stp]\nname = Sở Tư pháp\nkind = department\n"
	    "url = http://sotuphap.laichau.demo/\nemail = stp@laichau.gov.vn\n"
	    "[unit:syt]\nname = Sở Y tế\nkind = department\n"
	    "url = http://soyte.laichau.demo/\n"
	    "[unit:sxd]\nname = Sở Xây dựng\nkind = department\n"
	    "url = http://soxaydung.laichau.demo/\nemail = sxd@laichau.gov.vn\n"
	    "[unit:snv]\nname = Sở Nội vụ\nkind = department\n"
	    "url = http://sonoivu.laichau.demo/\nemail = snv@laichau.gov.vn\n"
	    "[unit:stc]\nname = Sở Tài chính\nkind = department\n"
	    "url = http://sotaichinh.laichau.demo/\nemail = stc@laichau.gov.vn\n");
	f->conf_path = test_write_file(f->dir, "tctt.conf", b.data);
	buf_free(&b);
	if (config_load(f->conf_path, &f->cfg, &cause) == -1)
		cr_assert_fail("config: %s", cause);
	if (store_open(f->cfg->database, 0, &f->st, &cause) == -1)
		cr_assert_fail("store: %s", cause);
	cr_assert_eq(store_sync_units(f->st, f->cfg, f->t0 - 30 * DAY, &cause), 0);
}

void
nfix_close(struct nfix *f)
{
	store_close(f->st);
	config_free(f->cfg);
	free(f->conf_path);
	free(f->dir);
	memset(f, 0, sizeof *f);
}

void
nfix_pass(struct nfix *f, const char *unit, int64_t t, const char *statuses)
{
	struct pass_result pr;
	char *cause = NULL;

	memset(&pr, 0, sizeof pr);
	pr.started_at = t - 60;
	pr.finished_at = t;
	pr.reachable = statuses[0] != 'U';
	pr.pages = 10;
	for (int c = 0; c < CRIT_COUNT; c++) {
		struct verdict *v = &pr.v[c];
		size_t len = strlen(statuses);
		char letter = (size_t)c < len ? statuses[c] : statuses[len - 1] == 'U' ? 'U' : 'O';

		switch (letter) {
		case 'O':
			v->status = ST_OK;
			v->url = xasprintf("http://%s.demo/c%d", unit, c);
			break;
		case 'S':
			v->status = ST_STALE;
			v->url = xasprintf("http://%s.demo/danh-muc-%d.pdf", unit, c);
			v->date = xstrdup("2025-01-10");
			v->note = xstrdup("<b>Danh mục</b> cũ hơn 365 ngày");
			break;
		case '-':
			v->status = ST_NOT_CHECKED;	/* a criterion an older tcttd did not judge */
			break;
		case 'M':
			v->status = ST_MISSING;
			v->note = xstrdup("Không thấy liên kết nào phù hợp");
			break;
		default:
			v->status = ST_UNREACHABLE;
			v->note = xstrdup("Kết nối bị từ chối");
			break;
		}
	}
	if (store_save_pass(f->st, unit, &pr, &cause) == -1)
		cr_assert_fail("save pass: %s", cause);
	for (int c = 0; c < CRIT_COUNT; c++)
		verdict_clear(&pr.v[c]);
}

long
nfix_count(struct nfix *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long n = -1;

	cr_assert_eq(sqlite3_open_v2(f->cfg->database, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s",
	    sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

/*
 * dashdb.c: build a benchmark database through the store API: N units, eight
 * weekly passes each, statuses drawn from a fixed seed. Usage: dashdb DB CONF N
 * (CONF, the matching configuration, is written too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "store.h"
#include "xmalloc.h"

#define WEEKS 8

int
main(int argc, char **argv)
{
	static const char *kinds[] = { "department", "agency", "district", "commune" };
	static const enum status pick[] = { ST_OK, ST_OK, ST_OK, ST_OK, ST_STALE, ST_MISSING };
	struct config *cfg;
	struct store *st;
	struct buf text = { 0 };
	unsigned seed = 42;
	int64_t now = 1795914000, week = 7 * 86400;
	char *cause;
	FILE *f;
	int n;

	if (argc != 4 || (n = atoi(argv[3])) <= 0) {
		fprintf(stderr, "usage: dashdb DB CONF N\n");
		return 2;
	}
	buf_printf(&text, "[daemon]\ndatabase = %s\n", argv[1]);
	for (int i = 0; i < n; i++)
		buf_printf(&text, "[unit:u%04d]\nname = Đơn vị số %d – Ủy ban nhân dân xã Tiếp Cận\n"
		    "kind = %s\nurl = https://u%04d.laichau.demo/\n", i, i, kinds[i % 4], i);
	if ((f = fopen(argv[2], "w")) == NULL || fputs(text.data, f) < 0 || fclose(f) != 0)
		fatal("%s", argv[2]);
	if (config_load_string(argv[2], text.data, &cfg, &cause) == -1 ||
	    store_open(argv[1], 0, &st, &cause) == -1 ||
	    store_sync_units(st, cfg, now - WEEKS * week, &cause) == -1)
		fatalx("%s", cause);
	for (int w = 0; w < WEEKS; w++) {
		for (int i = 0; i < n; i++) {
			struct pass_result pr;

			memset(&pr, 0, sizeof pr);
			pr.finished_at = now - (WEEKS - w) * week + 60 * i;
			pr.started_at = pr.finished_at - 20;
			pr.reachable = rand_r(&seed) % 40 != 0;
			pr.pages = 12;
			for (int c = 0; c < CRIT_COUNT; c++) {
				pr.v[c].status = pr.reachable ?
				    pick[rand_r(&seed) % (w < 4 ? 6 : 5)] : ST_UNREACHABLE;
				pr.v[c].url = xasprintf("https://u%04d.laichau.demo/tctt/%d", i, c);
				pr.v[c].date = xstrdup("2026-09-01");
				pr.v[c].note = xstrdup("Tìm thấy trong chuyên mục");
			}
			if (store_save_pass(st, cfg->units[i].id, &pr, &cause) == -1)
				fatalx("%s", cause);
			for (int c = 0; c < CRIT_COUNT; c++)
				verdict_clear(&pr.v[c]);
		}
	}
	store_close(st);
	config_free(cfg);
	buf_free(&text);
	return 0;
}

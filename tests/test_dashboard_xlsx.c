/* test_dashboard_xlsx.c: GET /export.xlsx from the running dashboard opens in openpyxl. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "criteria.h"
#include "dashfix.h"
#include "support.h"
#include "xmalloc.h"

Test(dashboard_xlsx, export_xlsx_is_a_workbook_of_every_unit, .timeout = 60)
{
	struct dashsrv s;
	char *path, *url, *script, *out, *err;
	json_error_t jerr;
	json_t *doc, *m, *e, *rows;
	bool evil = false;
	size_t i;

	dashfix_setup(&s, NULL, 1);
	dashsrv_start(&s);
	path = xasprintf("%s/export.xlsx", s.dir);
	url = xasprintf("http://127.0.0.1:%d/export.xlsx", s.port);
	script = test_srcdir("xlsx-dump.py");
	{
		const char *argv[] = { "/usr/bin/curl", "-sS", "--noproxy", "*", "-o", path,
		    "-w", "%{http_code} %{content_type}", url, NULL };

		cr_assert_eq(run_cmd(argv, &out, &err), 0, "%s", err);
		cr_expect_str_eq(out, "200 application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet");
		free(out);
		free(err);
	}
	{
		const char *argv[] = { "/usr/bin/python3", script, path, NULL };

		cr_assert_eq(run_cmd(argv, &out, &err), 0, "openpyxl: %s", err);
	}
	doc = json_loads(out, 0, &jerr);
	cr_assert_not_null(doc, "%s", jerr.text);
	m = json_array_get(json_object_get(doc, "sheets"), 0);
	e = json_array_get(json_object_get(doc, "sheets"), 1);
	cr_expect_str_eq(json_string_value(json_object_get(m, "freeze")), "B2");
	rows = json_object_get(m, "rows");
	/* The fixture's six units in the configuration, under the header. */
	cr_expect_eq(json_array_size(rows), 7);
	json_array_foreach(rows, i, m) {
		const char *name = json_string_value(json_object_get(json_array_get(m, 0), "v"));

		evil |= name != NULL && strcmp(name,
		    "<script>alert(\"x\")</script> Sở 'Độc' & hại") == 0;
	}
	cr_expect(evil, "a hostile name is kept as text, intact");
	cr_expect_eq(json_array_size(json_object_get(e, "rows")), 1 + 6 * CRIT_COUNT);
	json_decref(doc);
	free(out);
	free(err);
	free(script);
	free(url);
	free(path);
	dashsrv_stop(&s);
}

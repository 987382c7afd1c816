/* test_export_hostile.c: the exports keep every field, whatever bytes the database holds. */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "export.h"
#include "store.h"
#include "xmalloc.h"

Test(export_hostile, invalid_utf8_is_replaced_not_dropped)
{
	struct unit_state u;
	json_t *doc, *ju, *jc;
	json_error_t err;
	char *s;

	memset(&u, 0, sizeof u);
	u.id = xstrdup("bad");
	u.name = xstrdup("S\xe1\xbb\x9f \xff\xfe Y t\xe1");
	u.kind = xstrdup("agency");
	u.url = xstrdup("http://bad.test/\xc0\xaf");
	u.checked_at = 1795914000;
	u.reachable = true;
	for (int c = 0; c < CRIT_COUNT; c++) {
		u.v[c].status = ST_MISSING;
		u.v[c].note = xstrdup("ghi ch\xfa");
		u.v[c].url = xstrdup("http://bad.test/\xed\xa0\x80");
	}
	s = export_json(&u, 1, 1795914000);
	doc = json_loads(s, 0, &err);
	cr_assert_not_null(doc, "%s: %s", err.text, s);
	ju = json_array_get(json_object_get(doc, "units"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(ju, "name")),
	    "S\xe1\xbb\x9f \xef\xbf\xbd\xef\xbf\xbd Y t\xef\xbf\xbd");
	cr_expect_not_null(json_string_value(json_object_get(ju, "url")), "%s", s);
	jc = json_object_get(json_object_get(ju, "criteria"), "section");
	cr_expect_str_eq(json_string_value(json_object_get(jc, "note")), "ghi ch\xef\xbf\xbd");
	cr_expect_not_null(json_string_value(json_object_get(jc, "url")), "%s", s);
	json_decref(doc);
	free(s);
	unit_state_clear(&u);
}

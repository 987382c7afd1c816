/* test_criteria.c: the table of criteria is SPEC's list, whole and consistent. */
#include <criterion/criterion.h>
#include <string.h>

#include "config.h"
#include "criteria.h"

/* SPEC.md "The criteria", in its order: the one copy of the list in the tests. */
static const char *const spec_ids[] = { "section", "regulation", "public_catalog",
	"conditional_catalog", "focal_point", "request_channel", "complaint_channel", "forms",
	"guidance" };

Test(criteria, table_is_specs_list_in_order)
{
	cr_assert_eq(CRIT_COUNT, sizeof spec_ids / sizeof spec_ids[0]);
	for (int c = 0; c < CRIT_COUNT; c++) {
		const struct crit_info *ci = crit_info((enum criterion)c);

		cr_expect_str_eq(ci->id, spec_ids[c]);
		cr_expect_eq(criterion_from_id(spec_ids[c]), c);
		cr_expect(ci->label && *ci->label && ci->short_label && *ci->short_label, "%s", ci->id);
		cr_expect(ci->basis && *ci->basis && ci->todo && *ci->todo, "%s", ci->id);
		cr_expect(ci->require && ci->require[0], "%s", ci->id);
		cr_expect_eq(ci->dated, ci->max_age != NULL, "%s", ci->id);
	}
	cr_expect_eq(criterion_from_id("nope"), -1);
}

Test(criteria, max_age_reads_the_rules_key_of_each_dated_criterion)
{
	struct config cfg = { .public_catalog_max_age = 11, .conditional_catalog_max_age = 22,
	    .regulation_max_age = 33 };

	cr_expect_eq(crit_max_age(&cfg, CRIT_PUBLIC_CATALOG), 11);
	cr_expect_eq(crit_max_age(&cfg, CRIT_CONDITIONAL_CATALOG), 22);
	cr_expect_eq(crit_max_age(&cfg, CRIT_REGULATION), 33);
	cr_expect_eq(crit_max_age(&cfg, CRIT_SECTION), 0);
	cr_expect_eq(crit_max_age(&cfg, CRIT_FOCAL_POINT), 0);
	cr_expect_eq(crit_max_age(NULL, CRIT_PUBLIC_CATALOG), 0);
}

Test(criteria, statuses_round_trip)
{
	for (int s = 0; s < ST_COUNT; s++)
		cr_expect_eq(status_from_name(status_name((enum status)s)), s);
	cr_expect_str_eq(status_name(ST_COUNT), "?");
	cr_expect_eq(status_from_name("fresh"), -1);
}

/*
 * test_evidence.c: the bodies a pass holds for the evidence archive wait in a
 * temporary file, not in memory, and the verdicts' bodies reach the archive
 * whole, from the file or, without one, from memory.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "judge.h"
#include "store-corr.h"
#include "support.h"
#include "xmalloc.h"

#define NBODIES	3

struct fixture {
	char		*dir;
	struct store	*st;
	char		*body[NBODIES];
	char		*sha[NBODIES];
};

static void
fixture_open(struct fixture *fx)
{
	char *path, *cause = NULL;

	fx->dir = test_tmpdir();
	path = xasprintf("%s/t.db", fx->dir);
	cr_assert_eq(store_open(path, 0, &fx->st, &cause), 0, "%s", cause ? cause : "");
	free(path);
	for (int i = 0; i < NBODIES; i++) {
		fx->body[i] = xasprintf("<html><body><p>Trang %d: công khai thông tin.</p>%0*d</body></html>",
		    i, 4000 * (i + 1), 0);
		fx->sha[i] = judge_sha256_hex(fx->body[i], strlen(fx->body[i]));
	}
}

static void
fixture_close(struct fixture *fx)
{
	for (int i = 0; i < NBODIES; i++) {
		free(fx->body[i]);
		free(fx->sha[i]);
	}
	store_close(fx->st);
	free(fx->dir);
}

/* Hold every body, archive body 1 as a verdict's evidence; returns the bytes held in memory. */
static size_t
hold_and_archive(struct fixture *fx)
{
	struct evidence_set *es = evidence_new();
	struct verdict v[CRIT_COUNT];
	size_t in_memory;

	for (int i = 0; i < NBODIES; i++)
		evidence_seen(es, fx->st, fx->sha[i], "text/html", fx->body[i], strlen(fx->body[i]));
	in_memory = evidence_in_memory(es);
	memset(v, 0, sizeof v);
	v[0].sha256 = fx->sha[1];
	v[3].sha256 = fx->sha[1];	/* twice: archived once */
	evidence_archive(es, fx->st, v, 1764000000, "u");
	evidence_free(es);
	return in_memory;
}

/* The archive holds body 1, whole, and nothing of the others. */
static void
expect_archived(struct fixture *fx)
{
	char *ctype = NULL, *cause = NULL;
	void *body = NULL;
	size_t len = 0;

	cr_assert_eq(store_archive_get(fx->st, fx->sha[1], &ctype, &body, &len, &cause), 1,
	    "%s", cause ? cause : "not archived");
	cr_expect_eq(len, strlen(fx->body[1]));
	cr_expect(len == strlen(fx->body[1]) && memcmp(body, fx->body[1], len) == 0,
	    "the archived body is the one held");
	cr_expect_str_eq(ctype, "text/html");
	free(ctype);
	free(body);
	cr_expect_eq(store_archive_has(fx->st, fx->sha[0], &cause), 0);
	cr_expect_eq(store_archive_has(fx->st, fx->sha[2], &cause), 0);
}

Test(evidence, held_bodies_wait_in_a_file_not_in_memory)
{
	struct fixture fx;

	fixture_open(&fx);
	setenv("TMPDIR", fx.dir, 1);
	cr_expect_eq(hold_and_archive(&fx), 0, "no body held in memory");
	expect_archived(&fx);
	fixture_close(&fx);
}

Test(evidence, without_a_temporary_directory_bodies_wait_in_memory)
{
	struct fixture fx;
	size_t all = 0;
	char *missing;

	fixture_open(&fx);
	missing = xasprintf("%s/no-such-dir", fx.dir);
	setenv("TMPDIR", missing, 1);
	for (int i = 0; i < NBODIES; i++)
		all += strlen(fx.body[i]);
	cr_expect_eq(hold_and_archive(&fx), all, "every body held in memory");
	expect_archived(&fx);
	free(missing);
	fixture_close(&fx);
}

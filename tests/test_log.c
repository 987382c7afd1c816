/*
 * test_log.c: "<N>" priorities only when stderr is the journal (JOURNAL_STREAM
 * names stderr's device and inode, systemd's rule), the program's name only
 * when it is not (journald already writes "tcttd[52]:").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "log.h"
#include "support.h"
#include "xmalloc.h"

/* Log two lines with stderr on a fresh file; return what was written (caller frees). */
static char *
logged(const char *journal_stream_of)
{
	char *dir = test_tmpdir(), *path = xasprintf("%s/stderr", dir), *text;
	FILE *f = fopen(path, "w+");
	int saved = dup(2);
	long n;

	cr_assert_not_null(f);
	fflush(stderr);
	cr_assert_neq(dup2(fileno(f), 2), -1);
	unsetenv("JOURNAL_STREAM");
	if (journal_stream_of != NULL) {
		int fd = strcmp(journal_stream_of, "stderr") == 0 ? 2 :
		    open(journal_stream_of, O_RDONLY);

		test_journal_stream(fd);
		if (fd != 2)
			close(fd);
	}
	log_set_name("tcttd");
	log_info("checking %d/%d units", 2, 2);
	errno = ENOENT;
	log_warn("cannot read %s", "x.pdf");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = ftell(f);
	text = xmalloc((size_t)n + 1);
	rewind(f);
	cr_assert_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	unsetenv("JOURNAL_STREAM");
	free(path);
	free(dir);
	return text;
}

Test(log, hand_run_has_the_name_and_no_priority)
{
	char *t = logged(NULL);

	cr_expect_str_eq(t, "tcttd: checking 2/2 units\n"
	    "tcttd: cannot read x.pdf: No such file or directory\n");
	free(t);
}

Test(log, journal_has_the_priority_and_no_name)
{
	char *t = logged("stderr");

	cr_expect_str_eq(t, "<6>checking 2/2 units\n"
	    "<4>cannot read x.pdf: No such file or directory\n");
	free(t);
}

/* A child that inherited JOURNAL_STREAM but writes elsewhere is not the journal. */
Test(log, journal_stream_naming_another_file_is_not_the_journal)
{
	char *t = logged("/dev/null");

	cr_expect_str_eq(t, "tcttd: checking 2/2 units\n"
	    "tcttd: cannot read x.pdf: No such file or directory\n");
	free(t);
}

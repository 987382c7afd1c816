/*
 * document.c: reading a fetched PDF or DOCX into its struct extracted: which
 * reader, with which limits, and what its outcome means for the judge (read,
 * a scan, or not readable and why).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "document.h"
#include "extract.h"
#include "xmalloc.h"

#define PDFTOTEXT	"/usr/bin/pdftotext"
#define DOC_PAGES	"10"			/* pages of a PDF read: title and date are on the first */
#define DOC_MEMORY	(512LL << 20)		/* address space of the extractor */
#define DOC_OUTPUT	(2U << 20)		/* bytes of text (or DOCX XML) read */
#define DOC_SECONDS_MAX	30

struct doc_job {
	struct extracted	*ex;
	int			 today;
	int64_t			 seconds;	/* the time limit, for the note */
	struct doc_child	*child;
	doc_done_cb		 cb;
	void			*arg;
};

void
doc_limits_default(struct doc_limits *lim, int64_t timeout)
{
	lim->seconds = timeout > 0 && timeout < DOC_SECONDS_MAX ? timeout : DOC_SECONDS_MAX;
	lim->memory = DOC_MEMORY;
	lim->output = DOC_OUTPUT;
}

/* Does the body start like a PDF (within the first KiB, as readers allow)? */
static bool
is_pdf(const char *content_type, const void *body, size_t len)
{
	if (memmem(body, len < 1024 ? len : 1024, "%PDF-", 5) != NULL)
		return true;
	return content_type != NULL && strncasecmp(content_type, "application/pdf", 15) == 0;
}

/* Is the body a zip holding word/document.xml (the name is in the central directory)? */
static bool
is_docx(const void *body, size_t len)
{
	return len >= 4 && memcmp(body, "PK\x03\x04", 4) == 0 &&
	    memmem(body, len, "word/document.xml", 17) != NULL;
}

bool
doc_is_document(const char *content_type, const void *body, size_t len)
{
	return is_pdf(content_type, body, len) || is_docx(body, len);
}

/* Mark ex unreadable, saying why. */
static void
set_failed(struct extracted *ex, char *why)
{
	ex->doc = DOC_FAILED;
	free(ex->doc_note);
	ex->doc_note = why;
}

/* Title and date of a read document's text into ex. */
static void
set_text(struct extracted *ex, const char *text, size_t len, int today)
{
	char *title;
	int date;

	doc_text_info(text, len, today, &title, &date);
	ex->doc = DOC_READ;
	free(ex->title);
	ex->title = title;
	free(ex->dates);
	ex->dates = xcalloc(1, sizeof *ex->dates);
	ex->n_dates = 0;
	if (date != 0)
		ex->dates[ex->n_dates++] = date;
}

/* What the PDF child's outcome means. */
static void
pdf_result(struct extracted *ex, const struct doc_child_result *r, int today,
    int64_t seconds)
{
	if (!r->started)
		set_failed(ex, xasprintf("không chạy được trình đọc PDF: %s", r->error));
	else if (r->timed_out)
		set_failed(ex, xasprintf("đọc tệp PDF quá %lld giây, đã dừng",
		    (long long)seconds));
	else if (WIFSIGNALED(r->status) && (WTERMSIG(r->status) == SIGXCPU ||
	    WTERMSIG(r->status) == SIGKILL) && !r->too_big)
		set_failed(ex, xstrdup("đọc tệp PDF vượt giới hạn thời gian CPU, đã dừng"));
	else if (WIFSIGNALED(r->status) && !r->too_big)
		set_failed(ex, xasprintf("trình đọc PDF bị dừng (tín hiệu %d): tệp hỏng "
		    "hoặc vượt giới hạn bộ nhớ", WTERMSIG(r->status)));
	else if (!doc_text_empty(r->out, r->len))
		set_text(ex, r->out, r->len, today);
	else if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0)
		ex->doc = DOC_SCAN;
	else if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 127)
		set_failed(ex, xstrdup("không chạy được trình đọc PDF (pdftotext)"));
	else
		set_failed(ex, xasprintf("tệp PDF hỏng hoặc không đọc được "
		    "(pdftotext thoát với mã %d)", WIFEXITED(r->status) ?
		    WEXITSTATUS(r->status) : -1));
}

static void
pdf_done_cb(struct doc_child_result *r, void *arg)
{
	struct doc_job *job = arg;

	pdf_result(job->ex, r, job->today, job->seconds);
	job->cb(job->arg);
	free(job);
}

struct doc_job *
doc_read(struct event_base *base, const struct doc_limits *lim, struct extracted *ex,
    const char *content_type, const void *body, size_t len, int today,
    doc_done_cb cb, void *arg)
{
	const char *env = getenv("TCTT_PDFTOTEXT");
	const char *argv[] = { env != NULL && *env != '\0' ? env : PDFTOTEXT, "-q",
		"-enc", "UTF-8", "-eol", "unix", "-l", DOC_PAGES, "/dev/fd/3", "-", NULL };
	struct doc_child_result r;
	struct doc_job *job;

	if (!is_pdf(content_type, body, len)) {
		char *cause, *text = doc_docx_text(body, len, lim->output, &cause);

		if (text == NULL)
			set_failed(ex, xasprintf("tệp DOCX không đọc được: %s", cause));
		else if (doc_text_empty(text, strlen(text)))
			set_failed(ex, xstrdup("tệp DOCX không có chữ"));
		else
			set_text(ex, text, strlen(text), today);
		free(text);
		free(cause);
		return NULL;
	}
	if (access(argv[0], X_OK) == -1) {
		set_failed(ex, xasprintf("chưa cài trình đọc PDF %s (gói poppler-utils)", argv[0]));
		return NULL;
	}
	job = xcalloc(1, sizeof *job);
	job->ex = ex;
	job->today = today;
	job->cb = cb;
	job->arg = arg;
	job->seconds = lim->seconds;
	job->child = doc_child_run(base, argv, body, len, lim, pdf_done_cb, job, &r);
	if (job->child == NULL) {
		pdf_result(ex, &r, today, lim->seconds);
		doc_child_result_clear(&r);
		free(job);
		return NULL;
	}
	return job;
}

void
doc_cancel(struct doc_job *job)
{
	if (job == NULL)
		return;
	doc_child_cancel(job->child);
	free(job);
}

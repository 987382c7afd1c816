/*
 * document.c: reading a fetched PDF, DOCX or DOC into its struct extracted: which
 * reader, with which limits, and what its outcome means for the judge (read,
 * a scan, or not readable and why).
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "document.h"
#include "extract.h"
#include "fold.h"
#include "xmalloc.h"

#define DOC_PAGES	"10"			/* pages of a PDF read: title and date are on the first */
#define DOC_MEMORY	(512LL << 20)		/* address space of the extractor */
#define DOC_OUTPUT	(2U << 20)		/* bytes of text (or DOCX XML) read */
#define DOC_SECONDS_MAX	30
#define DOC_CONTENT	(64 * 1024)		/* bytes of text kept (cached) for the judge */
#define DOC_MAX_CHILDREN 4			/* extractors running at once, all passes together */

struct extractor;

struct doc_job {
	struct extracted	*ex;
	const struct extractor	*x;
	int			 today;
	struct doc_child	*child;		/* NULL while it waits its turn */
	doc_done_cb		 cb;
	void			*arg;
	/* What starting it needs, kept while it waits. */
	struct event_base	*base;
	struct doc_limits	 lim;
	void			*body;
	size_t			 len;
	struct doc_job		*next;		/* in the waiting queue */
};

/* Readings waiting for a child, oldest first. */
static struct doc_job	*waiting, **waiting_tail = &waiting;

static void start_waiting(void);

void
doc_limits_default(struct doc_limits *lim, int64_t timeout)
{
	lim->seconds = timeout > 0 && timeout < DOC_SECONDS_MAX ? timeout : DOC_SECONDS_MAX;
	lim->memory = DOC_MEMORY;
	lim->output = DOC_OUTPUT;
}

/* An extractor run in a child process: what it reads and how it is called. */
struct extractor {
	const char	*kind;		/* "PDF", "DOC": for notes */
	const char	*path;		/* absolute */
	const char	*env;		/* names another path (tests), or NULL */
	const char	*package;	/* Debian's, for the note when it is missing */
	const char	*args[12];	/* after the path, NULL-ended; the document is /dev/fd/3 */
	bool		 scans;		/* no text means a scan (else: an empty file) */
};

static const struct extractor pdf_extractor = {
	"PDF", "/usr/bin/pdftotext", "TCTT_PDFTOTEXT", "poppler-utils",
	{ "-q", "-enc", "UTF-8", "-eol", "unix", "-l", DOC_PAGES, "/dev/fd/3", "-" }, true,
};
/* Word 97-2003: catdoc writes its text (stored as UTF-16) in UTF-8, unwrapped. */
static const struct extractor doc_extractor = {
	"DOC", "/usr/bin/catdoc", "TCTT_CATDOC", "catdoc",
	{ "-d", "utf-8", "-w", "/dev/fd/3" }, false,
};

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

/* Is the body an OLE2 file with a WordDocument stream (Word 97-2003, not Excel)? */
static bool
is_doc(const void *body, size_t len)
{
	static const char stream[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";

	return len >= 8 && memcmp(body, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0 &&
	    memmem(body, len, stream, sizeof stream - 1) != NULL;
}

bool
doc_is_document(const char *content_type, const void *body, size_t len)
{
	return is_pdf(content_type, body, len) || is_docx(body, len) || is_doc(body, len);
}

/* Mark ex unreadable, saying why. */
static void
set_failed(struct extracted *ex, char *why)
{
	ex->doc = DOC_FAILED;
	free(ex->doc_note);
	ex->doc_note = why;
}

/* Title, date and (the start of) the text of a read document into ex. */
static void
set_text(struct extracted *ex, const char *text, size_t len, int today)
{
	char *title, *uni = doc_legacy_to_unicode(text, len);
	int date;

	if (uni != NULL) {
		text = uni;
		len = strlen(uni);
	}
	doc_text_info(text, len, today, &title, &date);
	ex->doc = DOC_READ;
	free(ex->content);
	ex->content = utf8_sanitize(text, len < DOC_CONTENT ? len : DOC_CONTENT);
	free(uni);
	free(ex->title);
	ex->title = title;
	free(ex->dates);
	ex->dates = xcalloc(1, sizeof *ex->dates);
	ex->n_dates = 0;
	if (date != 0)
		ex->dates[ex->n_dates++] = date;
}

/* The path of extractor x (its environment variable first). */
static const char *
extractor_path(const struct extractor *x)
{
	const char *env = x->env ? getenv(x->env) : NULL;

	return env != NULL && *env != '\0' ? env : x->path;
}

/* What the child's outcome means. */
static void
child_result(struct extracted *ex, const struct extractor *x,
    const struct doc_child_result *r, int today, int64_t seconds)
{
	const char *k = x->kind;

	if (!r->started)
		set_failed(ex, xasprintf("không chạy được trình đọc %s: %s", k, r->error));
	else if (r->timed_out)
		set_failed(ex, xasprintf("đọc tệp %s quá %lld giây, đã dừng", k,
		    (long long)seconds));
	else if (WIFSIGNALED(r->status) && (WTERMSIG(r->status) == SIGXCPU ||
	    WTERMSIG(r->status) == SIGKILL) && !r->too_big)
		set_failed(ex, xasprintf("đọc tệp %s vượt giới hạn thời gian CPU, đã dừng", k));
	else if (WIFSIGNALED(r->status) && !r->too_big)
		set_failed(ex, xasprintf("trình đọc %s bị dừng (tín hiệu %d): tệp hỏng "
		    "hoặc vượt giới hạn bộ nhớ", k, WTERMSIG(r->status)));
	else if (!doc_text_empty(r->out, r->len))
		set_text(ex, r->out, r->len, today);
	else if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0) {
		if (x->scans)
			ex->doc = DOC_SCAN;
		else
			set_failed(ex, xasprintf("tệp %s không có chữ", k));
	} else if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 127)
		set_failed(ex, xasprintf("không chạy được trình đọc %s (%s)", k,
		    extractor_path(x)));
	else
		set_failed(ex, xasprintf("tệp %s hỏng hoặc không đọc được "
		    "(trình đọc thoát với mã %d)", k, WIFEXITED(r->status) ?
		    WEXITSTATUS(r->status) : -1));
}

static void
job_free(struct doc_job *job)
{
	free(job->body);
	free(job);
}

static void
child_done_cb(struct doc_child_result *r, void *arg)
{
	struct doc_job *job = arg;

	child_result(job->ex, job->x, r, job->today, job->lim.seconds);
	job->cb(job->arg);
	job_free(job);
	start_waiting();
}

/* Start job's child; false (ex filled with why) when it cannot start. */
static bool
start_job(struct doc_job *job)
{
	const char *argv[13];
	struct doc_child_result r;
	size_t n = 0;

	argv[n++] = extractor_path(job->x);
	for (size_t i = 0; job->x->args[i] != NULL; i++)
		argv[n++] = job->x->args[i];
	argv[n] = NULL;
	job->child = doc_child_run(job->base, argv, job->body, job->len, &job->lim,
	    child_done_cb, job, &r);
	if (job->child != NULL)
		return true;
	child_result(job->ex, job->x, &r, job->today, job->lim.seconds);
	doc_child_result_clear(&r);
	return false;
}

/* Start waiting readings while there is room; one that cannot start is over at once. */
static void
start_waiting(void)
{
	while (waiting != NULL && doc_child_running() < DOC_MAX_CHILDREN) {
		struct doc_job *job = waiting;

		if ((waiting = job->next) == NULL)
			waiting_tail = &waiting;
		if (start_job(job))
			continue;
		job->cb(job->arg);
		job_free(job);
	}
}

/* Read a DOCX now: bounded, in the daemon (no parser of our own runs on hostile zip or XML). */
static void
read_docx(struct extracted *ex, const void *body, size_t len, size_t max, int today)
{
	char *cause, *text = doc_docx_text(body, len, max, &cause);

	if (text == NULL)
		set_failed(ex, xasprintf("tệp DOCX không đọc được: %s", cause));
	else if (doc_text_empty(text, strlen(text)))
		set_failed(ex, xstrdup("tệp DOCX không có chữ"));
	else
		set_text(ex, text, strlen(text), today);
	free(text);
	free(cause);
}

struct doc_job *
doc_read(struct event_base *base, const struct doc_limits *lim, struct extracted *ex,
    const char *content_type, const void *body, size_t len, int today,
    doc_done_cb cb, void *arg)
{
	const struct extractor *x;
	struct doc_job *job;

	if (is_pdf(content_type, body, len))
		x = &pdf_extractor;
	else if (is_doc(body, len))
		x = &doc_extractor;
	else {
		read_docx(ex, body, len, lim->output, today);
		return NULL;
	}
	if (access(extractor_path(x), X_OK) == -1) {
		set_failed(ex, xasprintf("chưa cài trình đọc %s %s (gói %s)", x->kind,
		    extractor_path(x), x->package));
		return NULL;
	}
	job = xcalloc(1, sizeof *job);
	job->ex = ex;
	job->x = x;
	job->today = today;
	job->cb = cb;
	job->arg = arg;
	job->base = base;
	job->lim = *lim;
	if (doc_child_running() < DOC_MAX_CHILDREN && waiting == NULL) {
		/* The body goes to the child's memfd now: no copy kept. */
		job->body = (void *)(uintptr_t)body;
		job->len = len;
		if (!start_job(job)) {
			free(job);
			return NULL;
		}
		job->body = NULL;
		return job;
	}
	job->body = xmalloc(len > 0 ? len : 1);
	memcpy(job->body, body, len);
	job->len = len;
	*waiting_tail = job;
	waiting_tail = &job->next;
	return job;
}

void
doc_cancel(struct doc_job *job)
{
	struct doc_job **pp;

	if (job == NULL)
		return;
	if (job->child == NULL) {
		for (pp = &waiting; *pp != job; pp = &(*pp)->next)
			;
		if ((*pp = job->next) == NULL)
			waiting_tail = pp;
		job_free(job);
		return;
	}
	doc_child_cancel(job->child);
	job_free(job);
	start_waiting();
}

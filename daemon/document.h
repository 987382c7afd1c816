/*
 * document.h: reading a fetched document (SPEC "Documents"). A PDF is read by
 * poppler-utils' pdftotext in a child process with CPU, memory, time and
 * output limits, its output watched from the event loop; a DOCX's
 * word/document.xml is read with libzip (bounded) and libxml2. From the text
 * come the document's title and its own date (the signing line or issue
 * date, not dates it cites), which go into its struct extracted: title,
 * dates[0], and doc/doc_note.
 */
#ifndef TCTT_DOCUMENT_H
#define TCTT_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct event_base;
struct extracted;

/* What reading a document gave (struct extracted's doc field). */
enum doc_state {
	DOC_NONE,	/* not a document we read (HTML, an image, a spreadsheet...) */
	DOC_READ,	/* text read: title and date taken from it when found */
	DOC_SCAN,	/* a PDF without a text layer: an image, not machine-readable */
	DOC_FAILED,	/* could not be read: doc_note says why */
	DOC_UNREAD,	/* a document no criterion pointed at: not read (SPEC "Documents") */
};

/* Limits of one reading. */
struct doc_limits {
	int64_t		 seconds;	/* wall-clock and CPU time of the child */
	int64_t		 memory;	/* the child's address space (RLIMIT_AS), bytes */
	size_t		 output;	/* bytes of text kept (PDF output, DOCX XML) */
};

/* Default limits for a transfer timeout of timeout seconds. */
void doc_limits_default(struct doc_limits *lim, int64_t timeout);

/* Is this body a document we read (a PDF, a DOCX)? */
bool doc_is_document(const char *content_type, const void *body, size_t len);

/* Runs once when the reading is over; ex has been filled. */
typedef void (*doc_done_cb)(void *arg);
struct doc_job;

/*
 * Read body (a document, per doc_is_document) into ex (borrowed; must live
 * until cb, or doc_cancel). Returns NULL when done already (a DOCX, or a PDF
 * whose child could not start: ex is filled, cb never runs); otherwise a job
 * whose cb runs later from base's loop. body is copied. today (YYYYMMDD)
 * bounds the dates taken. At most DOC_MAX_CHILDREN extractors run at once,
 * whatever the number of passes; the others wait their turn in order.
 */
struct doc_job *doc_read(struct event_base *base, const struct doc_limits *lim,
    struct extracted *ex, const char *content_type, const void *body, size_t len,
    int today, doc_done_cb cb, void *arg);
/* Stop a reading: the child is killed and reaped in the background; cb never runs. */
void doc_cancel(struct doc_job *job);

/* Cost of the readings so far, for make bench. */
struct doc_stats {
	uint64_t	 children;	/* extractor processes run */
	long		 max_rss_kb;	/* the largest child's peak resident set */
	int		 max_running;	/* most children alive at once */
	uint64_t	 cpu_us;	/* CPU time (user + system) of the children, µs */
};
void doc_stats(struct doc_stats *out);

/* document-text.c: the title and own date of a document's text (UTF-8, any size). */
void doc_text_info(const char *text, size_t len, int today, char **title, int *date);
/* Does the text hold no words (a PDF that is only images)? */
bool doc_text_empty(const char *text, size_t len);
/* document-vn.c: text typed in TCVN3 (ABC) converted to Unicode; NULL when it is not. Caller frees. */
char *doc_legacy_to_unicode(const char *text, size_t len);

/* document-docx.c: word/document.xml's paragraphs, one a line, at most max bytes of XML
   read; NULL and *cause (caller frees both) when it cannot. */
char *doc_docx_text(const void *body, size_t len, size_t max, char **cause);

/* document-run.c: run argv[0] (absolute path) with fd 3 reading input, stdout piped back. */
struct doc_child;
struct doc_child_result {
	bool		 started;
	bool		 timed_out;
	bool		 too_big;	/* output cut at the limit */
	int		 status;	/* wait status */
	char		*out;		/* NUL-terminated, may hold anything */
	size_t		 len;
	long		 max_rss_kb;
	char		*error;		/* why it did not start */
};
typedef void (*doc_child_cb)(struct doc_child_result *r, void *arg);
/* Start the child; NULL with r filled (started false) when it cannot start. */
struct doc_child *doc_child_run(struct event_base *base, const char *const argv[],
    const void *input, size_t len, const struct doc_limits *lim,
    doc_child_cb cb, void *arg, struct doc_child_result *r);
void doc_child_cancel(struct doc_child *c);
/* Children started and not yet reaped. */
int doc_child_running(void);
void doc_child_result_clear(struct doc_child_result *r);

#endif

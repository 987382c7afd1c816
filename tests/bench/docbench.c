/*
 * docbench.c: the cost of reading documents (make bench). Reads each file
 * given N times through daemon/document.c as tcttd does (a PDF in a
 * pdftotext child, a DOCX with libzip and libxml2), C at once on one event
 * loop, and prints "documents D seconds S docs_per_s R child_peak_rss_kb K
 * children C child_cpu_ms M failed F" (M: CPU time per child, which a busy
 * machine does not inflate as it does the wall-clock rate).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "document.h"
#include "extract.h"
#include "xmalloc.h"

struct bench {
	struct event_base	*base;
	char			**bodies;
	size_t			*lens;
	int			 nfiles;
	int			 total;		/* readings to do */
	int			 started;
	int			 running;
	int			 failed;
	int			 conc;
	struct doc_limits	 lim;
};

static void start(struct bench *);

struct one {
	struct bench		*b;
	struct extracted	*ex;
};

static void
finish_one(struct one *o)
{
	struct bench *b = o->b;

	if (o->ex->doc == DOC_FAILED)
		b->failed++;
	extracted_free(o->ex);
	free(o);
	b->running--;
	start(b);
	if (b->running == 0)
		event_base_loopbreak(b->base);
}

static void
one_done_cb(void *arg)
{
	finish_one(arg);
}

/* Keep conc readings going. */
static void
start(struct bench *b)
{
	while (b->running < b->conc && b->started < b->total) {
		int i = b->started++ % b->nfiles;
		struct one *o = xcalloc(1, sizeof *o);

		o->b = b;
		o->ex = extract_page("http://bench/doc", NULL, b->bodies[i], b->lens[i]);
		b->running++;
		if (doc_read(b->base, &b->lim, o->ex, NULL, b->bodies[i], b->lens[i],
		    20261129, one_done_cb, o) == NULL)
			finish_one(o);
	}
}

static char *
slurp(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

int
main(int argc, char **argv)
{
	struct bench b = { .conc = 2 };
	struct doc_stats ds;
	struct timespec t0, t1;
	double secs;
	int ch, n = 20;

	while ((ch = getopt(argc, argv, "n:c:")) != -1) {
		if (ch == 'n')
			n = atoi(optarg);
		else if (ch == 'c')
			b.conc = atoi(optarg);
		else {
			fprintf(stderr, "usage: docbench [-n N] [-c CONC] FILE...\n");
			return 2;
		}
	}
	b.nfiles = argc - optind;
	if (b.nfiles <= 0 || n <= 0 || b.conc <= 0) {
		fprintf(stderr, "usage: docbench [-n N] [-c CONC] FILE...\n");
		return 2;
	}
	b.bodies = xcalloc((size_t)b.nfiles, sizeof *b.bodies);
	b.lens = xcalloc((size_t)b.nfiles, sizeof *b.lens);
	for (int i = 0; i < b.nfiles; i++)
		b.bodies[i] = slurp(argv[optind + i], &b.lens[i]);
	b.total = n * b.nfiles;
	doc_limits_default(&b.lim, 30);
	if ((b.base = event_base_new()) == NULL)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	start(&b);
	if (b.running > 0)
		event_base_dispatch(b.base);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	doc_stats(&ds);
	printf("documents %d seconds %.3f docs_per_s %.1f child_peak_rss_kb %ld children %llu "
	    "child_cpu_ms %.1f failed %d\n", b.total, secs, secs > 0 ? b.total / secs : 0.0,
	    ds.max_rss_kb, (unsigned long long)ds.children,
	    ds.children ? (double)ds.cpu_us / 1000.0 / (double)ds.children : 0.0, b.failed);
	for (int i = 0; i < b.nfiles; i++)
		free(b.bodies[i]);
	free(b.bodies);
	free(b.lens);
	event_base_free(b.base);
	return 0;
}

/*
 * fetchbench.c: fetch every URL of a list through the fetch engine, parse each
 * page with libxml2's HTML parser, and print pages/s, bytes/s and peak RSS.
 * Not a test: scripts/bench.sh runs it next to curl --parallel.
 *
 *   fetchbench -u URLFILE -n CONCURRENCY -p PER_HOST -t CONNECT_TO [-r yes|no] [-x]
 *
 * -x skips the parsing, to see the engine alone.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <curl/curl.h>
#include <event2/event.h>
#include <libxml/HTMLparser.h>

#include "config.h"
#include "fetch.h"
#include "log.h"
#include "xmalloc.h"

/* Totals over all results. */
struct bench {
	struct event_base	*base;
	size_t			 expect, got, ok, errors, truncated, parsed;
	bool			 parse;
	unsigned long long	 bytes;
};

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One result: parse it as a crawler would, count it, free it. */
static void
bench_done_cb(struct fetch_result *res, void *arg)
{
	struct bench *b = arg;

	b->got++;
	if (res->err == FETCH_OK && res->status == 200) {
		htmlDocPtr doc = NULL;

		b->ok++;
		b->bytes += res->len;
		b->truncated += res->truncated;
		if (b->parse)
			doc = htmlReadMemory((const char *)res->body, (int)res->len,
		    res->final_url, NULL, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
		if (doc != NULL) {
			b->parsed++;
			xmlFreeDoc(doc);
		}
	} else {
		if (b->errors++ < 5)
			log_warnx("%s: %s %ld %s", res->url, fetch_error_name(res->err),
			    res->status, res->error ? res->error : "");
	}
	fetch_result_free(res);
	if (b->got == b->expect)
		event_base_loopbreak(b->base);
}

/* The URLs of file, one a line; caller frees each and the array. */
static char **
bench_read_urls(const char *file, size_t *n)
{
	FILE *f = fopen(file, "r");
	char line[4096], **urls = NULL;

	if (f == NULL)
		fatal("%s", file);
	*n = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		urls = xreallocarray(urls, *n + 1, sizeof *urls);
		urls[(*n)++] = xstrdup(line);
	}
	fclose(f);
	return urls;
}

int
main(int argc, char **argv)
{
	const char *urlfile = NULL, *connect_to = "", *robots = "no";
	int conc = 16, per_host = 2, ch;
	bool noparse = false;
	struct config *cfg;
	struct fetcher *f;
	struct fetch_stats st;
	struct bench b;
	struct rusage ru;
	char *text, *cause = NULL, **urls;
	size_t n;
	double t0, secs;

	while ((ch = getopt(argc, argv, "u:n:p:t:r:x")) != -1) {
		switch (ch) {
		case 'u': urlfile = optarg; break;
		case 'n': conc = atoi(optarg); break;
		case 'p': per_host = atoi(optarg); break;
		case 't': connect_to = optarg; break;
		case 'r': robots = optarg; break;
		case 'x': noparse = true; break;
		default:
			fprintf(stderr, "usage: fetchbench -u URLFILE [-n CONC] [-p PER_HOST] "
			    "[-t CONNECT_TO] [-r yes|no] [-x]\n");
			return 2;
		}
	}
	if (urlfile == NULL) {
		fprintf(stderr, "fetchbench: -u URLFILE is required\n");
		return 2;
	}
	log_set_name("fetchbench");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	text = xasprintf("[daemon]\nconcurrency = %d\nper_host = %d\ntimeout = 30s\n"
	    "retries = 0\nrobots = %s\n%s%s\n"
	    "[unit:bench]\nname = bench\nkind = department\nurl = http://h0.bench/\n",
	    conc, per_host, robots, *connect_to ? "connect_to = " : "", connect_to);
	if (config_load_string("fetchbench.conf", text, &cfg, &cause) == -1)
		fatalx("%s", cause);
	free(text);
	urls = bench_read_urls(urlfile, &n);

	memset(&b, 0, sizeof b);
	b.base = event_base_new();
	b.expect = n;
	b.parse = !noparse;
	f = fetcher_new(b.base, cfg);
	t0 = bench_now();
	for (size_t i = 0; i < n; i++) {
		struct fetch_request req = { urls[i], NULL, NULL, NULL };

		fetch_submit(f, &req, bench_done_cb, &b);
	}
	if (n > 0)
		event_base_dispatch(b.base);
	secs = bench_now() - t0;
	fetcher_stats(f, &st);
	fetcher_free(f);
	getrusage(RUSAGE_SELF, &ru);

	printf("pages %zu ok %zu parsed %zu errors %zu truncated %zu requests %llu\n",
	    b.got, b.ok, b.parsed, b.errors, b.truncated,
	    (unsigned long long)st.requests);
	printf("seconds %.3f pages/s %.1f bytes/s %.0f MB/s %.2f peak_rss_kb %ld\n",
	    secs, (double)b.ok / secs, (double)b.bytes / secs,
	    (double)b.bytes / secs / 1e6, ru.ru_maxrss);

	for (size_t i = 0; i < n; i++)
		free(urls[i]);
	free(urls);
	event_base_free(b.base);
	config_free(cfg);
	xmlCleanupParser();
	curl_global_cleanup();
	return b.errors > 0 ? 1 : 0;
}

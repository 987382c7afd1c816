/*
 * fetch.h: the fetch engine. One libevent loop drives libcurl's multi-socket
 * API (the pattern of curl's docs/examples/hiperfifo.c); requests are queued
 * per host, at most per_host in flight to one host and concurrency in all,
 * served round-robin across hosts so one big site never starves the others.
 * Connections are kept for the hosts of owners not done, between concurrency
 * and 2 x concurrency (fetch-keep.c), and the state of
 * hosts with nothing queued for at most FETCH_IDLE_HOSTS of them: the
 * fetcher's memory does not grow with the number of hosts it has served.
 */
#ifndef TCTT_FETCH_H
#define TCTT_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct config;
struct event_base;
struct fetcher;

/* Hosts with nothing queued whose state (robots.txt rules, errors seen) is kept, at least. */
#define FETCH_IDLE_HOSTS	64

enum fetch_error {
	FETCH_OK,		/* a response came (any status: see status) */
	FETCH_TIMEOUT,		/* connect or transfer took longer than timeout */
	FETCH_CONNECT,		/* refused, reset, unreachable, DNS failure */
	FETCH_REDIRECTS,	/* more than 5 redirects, or a loop */
	FETCH_ROBOTS,		/* robots.txt disallows it; never fetched */
	FETCH_CANCELLED,	/* fetcher_cancel or fetcher_free while queued */
	FETCH_OTHER,		/* anything else (bad URL, TLS, protocol) */
};

struct fetch_request {
	const char	*url;		/* absolute http(s) URL; copied */
	const char	*etag;		/* for If-None-Match, or NULL; copied */
	const char	*last_modified;	/* for If-Modified-Since, or NULL; copied */
	const void	*owner;		/* opaque tag for fetcher_cancel; may be NULL */
};

/* The outcome of one request, after retries. Owned by the callee of fetch_done_cb. */
struct fetch_result {
	char		*url;		/* as requested */
	char		*final_url;	/* after redirects (== url when none) */
	enum fetch_error err;
	long		 status;	/* HTTP status of the last response, 0 if none */
	bool		 not_modified;	/* 304 to a conditional request */
	bool		 truncated;	/* body cut at max_bytes */
	char		*content_type;	/* header value or NULL */
	char		*etag;		/* response validators, or NULL */
	char		*last_modified;
	unsigned char	*body;		/* decoded body, NUL-terminated, never NULL */
	size_t		 len;		/* bytes in body, without the NUL */
	double		 seconds;	/* total time, retries included */
	int		 attempts;
	char		*error;		/* human-readable cause when err != FETCH_OK */
};

typedef void (*fetch_done_cb)(struct fetch_result *res, void *arg);

/*
 * A fetcher on base using the [daemon] keys of cfg (concurrency, per_host,
 * timeout, retries, max_bytes, robots, user_agent, connect_to, proxy).
 * cfg is borrowed and must outlive the fetcher. Caller frees with fetcher_free.
 */
struct fetcher *fetcher_new(struct event_base *base, const struct config *cfg);
/*
 * Cancels everything queued or in flight (callbacks run with FETCH_CANCELLED,
 * before it returns). Not from inside a fetch_done_cb.
 */
void fetcher_free(struct fetcher *f);

/* Queue a request; cb runs exactly once, later, from the event loop. */
void fetch_submit(struct fetcher *f, const struct fetch_request *req,
    fetch_done_cb cb, void *arg);
/*
 * Cancel every request tagged owner (cb runs with FETCH_CANCELLED before it
 * returns, so the owner may free its state right after). Safe from a callback.
 */
void fetcher_cancel(struct fetcher *f, const void *owner);
/*
 * owner will submit nothing more: its hosts no longer count in how many
 * connections are kept open (fetch-keep.c).
 */
void fetcher_owner_done(struct fetcher *f, const void *owner);
/*
 * Answer for a name as DNS would (CURLOPT_RESOLVE syntax "HOST:PORT:ADDR");
 * for tests, which cannot change the machine's resolver.
 */
void fetcher_resolve(struct fetcher *f, const char *entry);
/* Forget robots.txt rules, so that the next pass reads them again. */
void fetcher_new_pass(struct fetcher *f);
/* Requests queued plus in flight. */
size_t fetcher_pending(const struct fetcher *f);
/* The loop the fetcher runs on (borrowed), for work that follows a fetch. */
struct event_base *fetcher_base(const struct fetcher *f);

/* Counters since fetcher_new, for logs, STATUS= and /metrics. */
struct fetch_stats {
	uint64_t	 requests;	/* transfers started, retries included */
	uint64_t	 pages;		/* results delivered with FETCH_OK */
	uint64_t	 bytes;		/* body bytes received */
	uint64_t	 errors;	/* results delivered with another err */
	uint64_t	 connects;	/* connections opened (CURLINFO_NUM_CONNECTS) */
	uint64_t	 wire_bytes;	/* headers and bodies received, as sent */
};
void fetcher_stats(const struct fetcher *f, struct fetch_stats *out);

void fetch_result_free(struct fetch_result *res);
/* "timeout", "connect", ...; static. */
const char *fetch_error_name(enum fetch_error err);

#endif

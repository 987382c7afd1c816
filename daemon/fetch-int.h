/* fetch-int.h: what fetch.c (queues, hosts, robots.txt) and fetch-curl.c (transfers) share. */
#ifndef TCTT_FETCH_INT_H
#define TCTT_FETCH_INT_H

#include <sys/queue.h>

#include <stdbool.h>
#include <stdint.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "fetch.h"
#include "xmalloc.h"

#define FETCH_MAX_REDIRS	5
#define ROBOTS_MAX_BYTES	(512 * 1024)
#define BODY_RESERVE_MAX	(1024 * 1024)	/* reserved at most for a body before its bytes come */
#define CRAWL_DELAY_MAX		60.0	/* seconds; a larger Crawl-delay is cut */
#define RETRY_AFTER_MAX		60.0	/* seconds; also capped at timeout */

enum ftask_state {
	FTASK_QUEUED,		/* in its host's queue */
	FTASK_RUNNING,		/* an easy handle in the multi */
	FTASK_WAITING,		/* backing off before a retry */
	FTASK_DONE,		/* result ready, in the done list */
};

enum frobots_state {
	FROBOTS_NONE,		/* not read this pass */
	FROBOTS_FETCHING,
	FROBOTS_READY,
};

struct fhost;

/* One request (or an internal robots.txt fetch) until its callback ran. */
struct ftask {
	struct fetcher		*f;
	struct fhost		*host;
	enum ftask_state	 state;
	bool			 is_robots;
	char			*url;
	char			*path;		/* path and query, for robots.txt */
	char			*etag;
	char			*last_modified;
	const void		*owner;
	fetch_done_cb		 cb;
	void			*arg;

	CURL			*easy;
	struct curl_slist	*headers;
	struct buf		 body;
	bool			 truncated;
	char			*location;	/* Location of the response being read */
	char			*hops[FETCH_MAX_REDIRS + 1];	/* URLs this attempt visited */
	int			 nhops;
	char			*loop;		/* where a redirect loop closed */
	char			*refused;	/* why netguard refused an address */
	int			 attempts;
	double			 started;	/* monotonic seconds, first attempt */
	struct event		*retry_ev;
	char			 errbuf[CURL_ERROR_SIZE];
	struct fetch_result	*res;		/* when FTASK_DONE */
	TAILQ_ENTRY(ftask)	 entry;		/* in the list of its state */
};
TAILQ_HEAD(ftask_list, ftask);

/* An error already logged for a host, and how often it happened since. */
struct ferror_seen {
	char			*what;
	unsigned long		 count;
	struct ferror_seen	*next;
};

/* One host: its queue, slots in use, robots.txt rules and logged errors. */
struct fhost {
	char			*name;		/* lower case */
	struct ftask_list	 queue;
	int			 inflight;
	enum frobots_state	 robots_state;
	struct robots		*robots;
	double			 next_start;	/* Crawl-delay: not before this */
	struct ferror_seen	*errors;
	int			 tasks;		/* tasks pointing here, in any state */
	bool			 idle;		/* in the idle list (nothing queued) */
	TAILQ_ENTRY(fhost)	 entry;
};
TAILQ_HEAD(fhost_list, fhost);

/* The hosts one owner's requests went to (fetch-keep.c). */
#define FETCH_OWNER_HOSTS	2
#define FETCH_OWNERS_MAX	256
struct fowner {
	const void		*owner;
	uint64_t		 host[FETCH_OWNER_HOSTS];	/* hash_str of the names */
	int			 nhosts;
};

/* libevent state of one socket libcurl asked us to watch. */
struct fsock {
	struct fetcher		*f;
	curl_socket_t		 fd;
	struct event		*ev;
	TAILQ_ENTRY(fsock)	 entry;
};

struct fetcher {
	struct event_base	*base;
	const struct config	*cfg;
	CURLM			*multi;
	struct event		*timer;		/* libcurl's timeout */
	struct event		*kick;		/* deferred dispatch and delivery */
	struct event		*wake;		/* the next Crawl-delay expiry */
	struct curl_slist	*connect_to;
	struct netguard		*guard;		/* NULL: any address */
	struct curl_slist	*resolve;	/* fetcher_resolve's entries */
	CURL			**pool;		/* idle easy handles, for reuse */
	size_t			 npool;
	char			*agent;		/* robots.txt product token */
	struct fhost_list	 hosts;		/* with requests queued, round-robin order */
	size_t			 nhosts;
	struct fhost_list	 idle;		/* nothing queued, least recently used first */
	size_t			 nidle;
	struct ftask_list	 running;
	struct ftask_list	 waiting;
	struct ftask_list	 done;
	TAILQ_HEAD(, fsock)	 socks;
	int			 nrunning;
	size_t			 pending;	/* caller's requests not yet delivered */
	struct fetch_stats	 stats;
	struct fowner		*owners;	/* owners not done (fetch-keep.c) */
	size_t			 nowners;
	bool			 owners_full;	/* one more could not be counted */
	long			 maxconnects;	/* CURLMOPT_MAXCONNECTS as set */
	long			 keep_want;	/* what it should be (fetch-keep.c) */
};

/*
 * fetch-keep.c: count host for owner's requests; fetch_keep_apply sets
 * MAXCONNECTS to follow, never from inside a libcurl callback (libcurl
 * refuses a multi call there).
 */
void		 fetch_keep_host(struct fetcher *, const void *owner, const char *host);
void		 fetch_keep_apply(struct fetcher *);

/* fetch.c */
/* Split url into its lower-case host and its path with query; -1 if not http(s). */
int		 fetch_parse_url(const char *url, char **host, char **path);
/* Monotonic time in seconds. */
double		 fetch_now(void);
/* A timeval for seconds s (not negative). */
struct timeval	 fetch_tv(double s);
/* Log a CURLMcode failure of call; true when there was one. */
bool		 fetch_mcode_bad(const char *call, CURLMcode mc);
/* Log what once for host h, and only count it afterwards. */
void		 fetch_host_error(struct fhost *h, const char *what, const char *detail);
/* t is over: park its result (taken) for delivery from the loop. */
void		 fetch_finish(struct ftask *t, struct fetch_result *res);
/* Idle host h gets a request again: back into the round-robin. */
void		 fetch_host_wake(struct fetcher *f, struct fhost *h);
/* Count what the transfer of easy moved (connections, bytes). */
void		 fetch_count_transfer(struct fetcher *f, CURL *easy);
/* Fill free slots, one request per host in turn. */
void		 fetch_dispatch(struct fetcher *f);
/* Run the callbacks of finished tasks, oldest first. */
void		 fetch_deliver(struct fetcher *f);
/* The robots.txt transfer t ended with rc and status: read its rules; frees t. */
void		 fetch_robots_done(struct fetcher *f, struct ftask *t, CURLcode rc,
		     long status);

/* fetch-curl.c */
/* The multi handle of f and its libevent glue; fatal on failure. */
void		 fetch_multi_init(struct fetcher *f);
/* Clean up the multi (no transfer left), its sockets and idle handles. */
void		 fetch_multi_free(struct fetcher *f);
/* Keep e (out of the multi) for another transfer, or free it. */
void		 fetch_easy_put(struct fetcher *f, CURL *e);
/* Take t's easy handle out of the multi and give it back. */
void		 fetch_easy_drop(struct fetcher *f, struct ftask *t);
/* Forget the redirects seen by the last attempt. */
void		 fetch_hops_clear(struct ftask *t);
/* A result for t (caller frees); what the transfer got is moved in. */
struct fetch_result *fetch_result_new(struct ftask *t, enum fetch_error err,
		     const char *cause);
/* Start one attempt of t (out of any list); on failure t is finished. */
void		 fetch_start(struct fetcher *f, struct ftask *t);

#endif

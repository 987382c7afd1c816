/*
 * front.h: the dashboard's gate in front of evhttp. It accepts the
 * connections itself and hands evhttp only whole, well-formed request heads
 * within SPEC's limits, relaying the replies back; see front.c.
 */
#ifndef TCTT_FRONT_H
#define TCTT_FRONT_H

#include <sys/socket.h>

struct event_base;
struct evhttp;
struct evconnlistener;
struct front;

/* The header in which the front tells evhttp the client's address. */
#define FRONT_CLIENT_HEADER	"X-Tctt-Client"
#define FRONT_MAX_HEAD		8192	/* request line and headers */
#define FRONT_MAX_BODY		65536
#define FRONT_HEAD_TIMEOUT	10	/* seconds to send a whole request head */
#define FRONT_MAX_CONNS		1024	/* open client connections */
#define FRONT_BACKLOG		4096
#define FRONT_PIPELINE		16	/* requests of one connection inside evhttp */

/* The reply headers every answer carries (name, value pairs; NULL-terminated). */
extern const char *const dash_security_headers[];

/*
 * Listen on host:port (backlog FRONT_BACKLOG) and pass requests to http.
 * NULL with *cause (caller frees) when it cannot listen. Caller frees.
 */
struct front *front_new(struct event_base *base, struct evhttp *http,
    const char *host, int port, char **cause);
struct evconnlistener *front_listener(struct front *fr);
void front_free(struct front *fr);

#endif

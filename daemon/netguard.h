/*
 * netguard.h: where the crawler may connect (SPEC "Operations"): never to a
 * loopback, private, link-local, multicast or unspecified address, unless
 * allow_private = yes or connect_to maps the URL's host (the operator's
 * choice). Asked with the address actually connected to, after DNS.
 */
#ifndef TCTT_NETGUARD_H
#define TCTT_NETGUARD_H

#include <sys/socket.h>

struct config;
struct netguard;

/* The guard for cfg's [daemon] keys; NULL when every address is allowed. Caller frees. */
struct netguard *netguard_new(const struct config *cfg);
void netguard_free(struct netguard *g);
/*
 * NULL when url (the URL being fetched) may connect to sa; else why not
 * ("127.0.0.1 is a loopback address ..."), caller frees.
 */
char *netguard_check(const struct netguard *g, const char *url,
    const struct sockaddr *sa);
/* "loopback", "private", "link-local", "multicast", "unspecified", "reserved" or NULL (public). */
const char *netguard_class(const struct sockaddr *sa);

#endif

/*
 * netguard.c: the crawler's address policy. A unit's URL, a redirect or a
 * link must not turn the daemon into a probe of the machine or its network
 * (server-side request forgery): the fetcher asks here for every socket it
 * opens, with the address DNS gave, so names pointing inside and odd
 * spellings of 127.0.0.1 (2130706433, 0177.0.0.1) meet the same check.
 */
#include "netguard.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "config.h"
#include "url.h"
#include "xmalloc.h"

/* One connect_to entry's source: host ("" for any) and port (0 for any). */
struct netguard_map {
	char	*host;
	long	 port;
};

struct netguard {
	struct netguard_map	*maps;
	size_t			 nmaps;
};

struct netguard *
netguard_new(const struct config *cfg)
{
	struct netguard *g;

	/*
	 * Allowed by the operator; or through a proxy, which is the one
	 * address connected to and resolves the names itself.
	 */
	if (cfg->allow_private || cfg->proxy != NULL)
		return NULL;
	g = xcalloc(1, sizeof *g);
	g->maps = xcalloc(cfg->n_connect_to + 1, sizeof *g->maps);
	for (size_t i = 0; i < cfg->n_connect_to; i++) {
		/* The configuration checked the entry: each field fits. */
		char host[256] = "", port[16] = "";
		const char *p = url_field(cfg->connect_to[i], host, sizeof host);

		if (p != NULL && *p == ':')
			url_field(p + 1, port, sizeof port);
		g->maps[g->nmaps].host = xstrdup(host);
		g->maps[g->nmaps].port = port[0] ? strtol(port, NULL, 10) : 0;
		g->nmaps++;
	}
	return g;
}

void
netguard_free(struct netguard *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->nmaps; i++)
		free(g->maps[i].host);
	free(g->maps);
	free(g);
}

/* The class of an IPv4 address (host order). */
static const char *
class4(uint32_t a)
{
	if ((a >> 24) == 0)
		return "unspecified";		/* 0/8, "this network" */
	if ((a >> 24) == 127)
		return "loopback";
	if ((a >> 24) == 10 || (a >> 20) == 0xac1 || (a >> 16) == 0xc0a8)
		return "private";		/* 10/8, 172.16/12, 192.168/16 */
	if ((a >> 22) == (100 << 2 | 1))
		return "private";		/* 100.64/10, carrier-grade NAT */
	if ((a >> 16) == 0xa9fe)
		return "link-local";		/* 169.254/16, cloud metadata */
	if ((a >> 28) == 0xe)
		return "multicast";		/* 224/4 */
	if ((a >> 28) == 0xf)
		return "reserved";		/* 240/4 and broadcast */
	return NULL;
}

const char *
netguard_class(const struct sockaddr *sa)
{
	const unsigned char *b;
	static const unsigned char zero[16];

	if (sa->sa_family == AF_INET)
		return class4(ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr));
	if (sa->sa_family != AF_INET6)
		return "unknown";
	b = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
	if (memcmp(b, zero, 16) == 0)
		return "unspecified";
	if (memcmp(b, zero, 15) == 0 && b[15] == 1)
		return "loopback";
	/* IPv4-mapped (::ffff:0:0/96), IPv4-compatible and NAT64 (64:ff9b::/96): the IPv4 inside. */
	if ((memcmp(b, zero, 10) == 0 && b[10] == 0xff && b[11] == 0xff) ||
	    memcmp(b, zero, 12) == 0 ||
	    (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b &&
	    memcmp(b + 4, zero, 8) == 0))
		return class4((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
		    (uint32_t)b[14] << 8 | b[15]);
	if ((b[0] & 0xfe) == 0xfc)
		return "private";		/* fc00::/7 */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return "link-local";		/* fe80::/10 */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
		return "private";		/* fec0::/10, old site-local */
	if (b[0] == 0xff)
		return "multicast";
	return NULL;
}

/* True when a connect_to entry maps url's host and port. */
static bool
mapped(const struct netguard *g, const char *url)
{
	struct url_parts u;
	bool found = false;

	if (url == NULL || url_parse(url, 0, &u) == -1)
		return false;
	if (u.host != NULL && u.port != NULL) {
		long p = strtol(u.port, NULL, 10);

		for (size_t i = 0; i < g->nmaps && !found; i++)
			found = (g->maps[i].host[0] == '\0' ||
			    strcasecmp(g->maps[i].host, u.host) == 0) &&
			    (g->maps[i].port == 0 || g->maps[i].port == p);
	}
	url_parts_free(&u);
	return found;
}

char *
netguard_check(const struct netguard *g, const char *url,
    const struct sockaddr *sa)
{
	char addr[INET6_ADDRSTRLEN] = "?";
	const char *cls;

	if (g == NULL || (cls = netguard_class(sa)) == NULL || mapped(g, url))
		return NULL;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    addr, sizeof addr);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    addr, sizeof addr);
	return xasprintf("refused to connect to %s (%s address; allow_private = no)",
	    addr, cls);
}

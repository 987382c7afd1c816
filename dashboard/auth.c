/*
 * auth.c: HTTP Basic authentication against "name:crypt-hash[:role]" lines,
 * verified with libcrypt; failed log-ins are logged and slowed per address.
 */
#include <crypt.h>
#include <stdbool.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dashboard.h"
#include "log.h"

/* Checked when the user is unknown, so both cases cost one hash. */
#define DUMMY_HASH "$y$j9T$F5Jx5fExrKuJdljLirh6o1$6zxe/8VuT.CCLkZQyDrRvOkHfziSJ9RABVZALv3O71/"

/* After this many failures from one address, it waits before trying again. */
#define AUTH_FREE_FAILURES	5
#define AUTH_MAX_WAIT		900	/* seconds */
#define AUTH_FORGET		3600	/* a quiet address is forgotten after this */
#define AUTH_ADDRESSES		1024	/* addresses remembered at most */

struct user {
	char	*name;
	char	*hash;
	bool	 editor;
};

/* Failed log-ins from one address. */
struct failures {
	char	 addr[64];
	int	 count;
	int64_t	 last;
};

struct users {
	struct user	*list;
	size_t		 n;
	struct failures	 fail[AUTH_ADDRESSES];
};

int
users_load(const char *path, struct users **out, char **cause)
{
	struct users *u = xcalloc(1, sizeof *u);
	char *line = NULL, *colon, *role;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0;
	FILE *f;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(u);
		return -1;
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if ((colon = strchr(line, ':')) == NULL || colon == line ||
		    colon[1] != '$') {
			*cause = xasprintf("%s:%d: want name:crypt-hash", path, lineno);
			free(line);
			fclose(f);
			users_free(u);
			return -1;
		}
		/* A crypt hash never holds ':', so a third field is the role. */
		if ((role = strchr(colon + 1, ':')) != NULL) {
			*role++ = '\0';
			if (strcmp(role, "viewer") != 0 && strcmp(role, "editor") != 0) {
				*cause = xasprintf("%s:%d: role must be viewer or editor",
				    path, lineno);
				free(line);
				fclose(f);
				users_free(u);
				return -1;
			}
		}
		u->list = xreallocarray(u->list, u->n + 1, sizeof *u->list);
		u->list[u->n].name = xstrndup(line, (size_t)(colon - line));
		u->list[u->n].hash = xstrdup(colon + 1);
		u->list[u->n].editor = role != NULL && strcmp(role, "editor") == 0;
		u->n++;
	}
	free(line);
	fclose(f);
	if (u->n == 0) {
		*cause = xasprintf("%s: no users", path);
		users_free(u);
		return -1;
	}
	*out = u;
	return 0;
}

void
users_free(struct users *u)
{
	if (u == NULL)
		return;
	for (size_t i = 0; i < u->n; i++) {
		free(u->list[i].name);
		explicit_bzero(u->list[i].hash, strlen(u->list[i].hash));
		free(u->list[i].hash);
	}
	free(u->list);
	free(u);
}

/* Decode base64 text into out (caller frees, NUL-terminated); -1 if malformed. */
static int
base64_decode(const char *in, char **out)
{
	static const char alpha[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = strlen(in), o = 0;
	unsigned acc = 0;
	int bits = 0;
	char *s;

	if (len % 4 != 0)
		return -1;
	s = xmalloc(len / 4 * 3 + 1);
	for (size_t i = 0; i < len; i++) {
		const char *p;

		if (in[i] == '=') {
			/* Padding only at the end. */
			if (i < len - 2 || (i == len - 2 && in[len - 1] != '='))
				goto bad;
			break;
		}
		if ((p = strchr(alpha, in[i])) == NULL || in[i] == '\0')
			goto bad;
		acc = (acc << 6) | (unsigned)(p - alpha);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			s[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	s[o] = '\0';
	if (strlen(s) != o)
		goto bad;	/* an embedded NUL */
	*out = s;
	return 0;
bad:
	free(s);
	return -1;
}

/* Compare two strings in time that depends only on their lengths. */
static bool
equal_ct(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* The user the Authorization value proves, or NULL. */
static const struct user *
users_verify(const struct users *u, const char *authorization)
{
	struct crypt_data *cd;
	const struct user *who = NULL;
	const char *hash = DUMMY_HASH, *p;
	char *cred, *colon, *res;
	bool ok;

	if (authorization == NULL || strncasecmp(authorization, "Basic ", 6) != 0)
		return NULL;
	for (p = authorization + 6; *p == ' '; p++)
		;
	if (strlen(p) > 1024 || base64_decode(p, &cred) == -1)
		return NULL;
	if ((colon = strchr(cred, ':')) == NULL) {
		free(cred);
		return NULL;
	}
	*colon = '\0';
	for (size_t i = 0; i < u->n; i++) {
		if (strcmp(u->list[i].name, cred) == 0) {
			hash = u->list[i].hash;
			who = &u->list[i];
		}
	}
	cd = xcalloc(1, sizeof *cd);
	res = crypt_rn(colon + 1, hash, cd, (int)sizeof *cd);
	ok = res != NULL && res[0] != '*' && equal_ct(res, hash) && who != NULL;
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	explicit_bzero(cred, strlen(colon + 1) + (size_t)(colon - cred) + 1);
	free(cred);
	return ok ? who : NULL;
}

bool
users_check(const struct users *u, const char *authorization)
{
	return u == NULL || users_verify(u, authorization) != NULL;
}

/* The failures slot of addr, made (evicting the stalest) when make is set; NULL if none. */
static struct failures *
failures_of(struct users *u, const char *addr, bool make)
{
	struct failures *stalest = &u->fail[0];

	for (size_t i = 0; i < AUTH_ADDRESSES; i++) {
		if (u->fail[i].count > 0 && strcmp(u->fail[i].addr, addr) == 0)
			return &u->fail[i];
		if (u->fail[i].count == 0 || u->fail[i].last < stalest->last)
			stalest = &u->fail[i];
		if (stalest->count == 0)
			break;
	}
	if (!make)
		return NULL;
	memset(stalest, 0, sizeof *stalest);
	snprintf(stalest->addr, sizeof stalest->addr, "%s", addr);
	return stalest;
}

/* Seconds addr must still wait after its failures at now; 0 when it may try. */
static int64_t
failures_wait(const struct failures *f, int64_t now)
{
	int64_t wait;
	int over;

	if (f == NULL || f->count < AUTH_FREE_FAILURES)
		return 0;
	over = f->count - AUTH_FREE_FAILURES;
	wait = over >= 10 ? AUTH_MAX_WAIT : (int64_t)60 << over;
	if (wait > AUTH_MAX_WAIT)
		wait = AUTH_MAX_WAIT;
	return f->last + wait > now ? f->last + wait - now : 0;
}

int
users_login(struct users *u, const char *authorization, const char *addr,
    int64_t now, const char **name, bool *editor, int64_t *retry_after)
{
	struct failures *f = failures_of(u, addr, false);
	const struct user *who;

	*name = NULL;
	*editor = false;
	*retry_after = 0;
	if (f != NULL && now - f->last > AUTH_FORGET)
		f->count = 0;
	if ((*retry_after = failures_wait(f, now)) > 0) {
		log_warnx("authentication refused from %s: too many failures, "
		    "retry after %llds", addr, (long long)*retry_after);
		return -1;
	}
	if ((who = users_verify(u, authorization)) != NULL) {
		if (f != NULL)
			f->count = 0;
		*name = who->name;
		*editor = who->editor;
		return 0;
	}
	if (authorization == NULL)
		return 1;	/* not a try: the browser asks for the password next */
	f = failures_of(u, addr, true);
	f->count++;
	f->last = now;
	/* One line fail2ban can match: "authentication failure from <HOST>". */
	log_warnx("authentication failure from %s (failure %d)", addr, f->count);
	return 1;
}

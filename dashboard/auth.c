/* auth.c: HTTP Basic authentication against "name:crypt-hash" lines, verified with libcrypt. */
#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dashboard.h"

/* Checked when the user is unknown, so both cases cost one hash. */
#define DUMMY_HASH "$y$j9T$F5Jx5fExrKuJdljLirh6o1$6zxe/8VuT.CCLkZQyDrRvOkHfziSJ9RABVZALv3O71/"

struct user {
	char	*name;
	char	*hash;
};

struct users {
	struct user	*list;
	size_t		 n;
};

int
users_load(const char *path, struct users **out, char **cause)
{
	struct users *u = xcalloc(1, sizeof *u);
	char *line = NULL, *colon;
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
		u->list = xreallocarray(u->list, u->n + 1, sizeof *u->list);
		u->list[u->n].name = xstrndup(line, (size_t)(colon - line));
		u->list[u->n].hash = xstrdup(colon + 1);
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

bool
users_check(const struct users *u, const char *authorization)
{
	struct crypt_data *cd;
	const char *hash = DUMMY_HASH, *p;
	char *cred, *colon, *res;
	bool found = false, ok;

	if (u == NULL)
		return true;
	if (authorization == NULL || strncasecmp(authorization, "Basic ", 6) != 0)
		return false;
	for (p = authorization + 6; *p == ' '; p++)
		;
	if (strlen(p) > 1024 || base64_decode(p, &cred) == -1)
		return false;
	if ((colon = strchr(cred, ':')) == NULL) {
		free(cred);
		return false;
	}
	*colon = '\0';
	for (size_t i = 0; i < u->n; i++) {
		if (strcmp(u->list[i].name, cred) == 0) {
			hash = u->list[i].hash;
			found = true;
		}
	}
	cd = xcalloc(1, sizeof *cd);
	res = crypt_rn(colon + 1, hash, cd, (int)sizeof *cd);
	ok = res != NULL && res[0] != '*' && equal_ct(res, hash) && found;
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	explicit_bzero(cred, strlen(colon + 1) + (size_t)(colon - cred) + 1);
	free(cred);
	return ok;
}

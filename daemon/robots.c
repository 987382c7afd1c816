/* robots.c: parse robots.txt (RFC 9309) and answer whether a path may be fetched. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "robots.h"
#include "xmalloc.h"

struct robots_rule {
	char	*pattern;	/* path pattern with '*' and a final '$' */
	size_t	 len;		/* its length: the longest match wins */
	bool	 allow;
};

struct robots {
	struct robots_rule *rules;
	size_t		 n;
	double		 delay;
};

/* Which groups the lines being read belong to. */
struct robots_group {
	bool	 ours;		/* names our token */
	bool	 star;		/* names "*" */
	bool	 in_agents;	/* still reading its User-agent lines */
};

/* Rules of one kind (ours or "*") collected while parsing. */
struct robots_set {
	struct robots_rule *rules;
	size_t		 n, cap;
	double		 delay;
	bool		 seen;	/* a group of this kind exists */
};

char *
robots_agent_token(const char *user_agent)
{
	size_t n = strcspn(user_agent, "/ \t");

	return xstrndup(user_agent, n);
}

struct robots *
robots_allow_all(void)
{
	return xcalloc(1, sizeof(struct robots));
}

/* Trim spaces at both ends of s in place; returns the new start. */
static char *
robots_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Append a rule to set (the array grows by doubling: a big file stays linear). */
static void
robots_add_rule(struct robots_set *set, const char *value, bool allow)
{
	struct robots_rule *rr;

	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->rules = xreallocarray(set->rules, set->cap, sizeof *set->rules);
	}
	rr = &set->rules[set->n++];
	rr->pattern = xstrdup(value);
	rr->len = strlen(value);
	rr->allow = allow;
}

/* Free the rules of set. */
static void
robots_set_free(struct robots_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->rules[i].pattern);
	free(set->rules);
}

/* Apply one "key: value" line to the current group. */
static void
robots_line(struct robots_group *g, struct robots_set *ours,
    struct robots_set *star, const char *agent, const char *key, char *value)
{
	bool allow;

	if (strcasecmp(key, "user-agent") == 0) {
		size_t n = strcspn(value, "/ \t");

		if (!g->in_agents)
			g->ours = g->star = false;
		g->in_agents = true;
		if (n == 1 && value[0] == '*')
			g->star = star->seen = true;
		else if (n > 0 && n == strlen(agent) && strncasecmp(value, agent, n) == 0)
			g->ours = ours->seen = true;
		return;
	}
	g->in_agents = false;
	if (strcasecmp(key, "crawl-delay") == 0) {
		char *end;
		double d = strtod(value, &end);

		if (end == value || d < 0 || d != d)
			return;
		if (g->ours)
			ours->delay = d;
		if (g->star)
			star->delay = d;
		return;
	}
	if (strcasecmp(key, "allow") == 0)
		allow = true;
	else if (strcasecmp(key, "disallow") == 0)
		allow = false;
	else
		return;
	if (*value == '\0')	/* "Disallow:" with nothing disallows nothing */
		return;
	if (g->ours)
		robots_add_rule(ours, value, allow);
	if (g->star)
		robots_add_rule(star, value, allow);
}

struct robots *
robots_parse(const char *text, size_t len, const char *agent)
{
	struct robots_set ours = { 0 }, star = { 0 }, *use;
	struct robots_group g = { false, false, false };
	struct robots *r = robots_allow_all();
	char *copy = xstrndup(text, len), *line, *save = NULL;

	for (line = strtok_r(copy, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		char *colon, *key, *value;

		line[strcspn(line, "#")] = '\0';
		if ((colon = strchr(line, ':')) == NULL)
			continue;
		*colon = '\0';
		key = robots_trim(line);
		value = robots_trim(colon + 1);
		robots_line(&g, &ours, &star, agent, key, value);
	}
	free(copy);
	use = ours.seen ? &ours : &star;
	r->rules = use->rules;
	r->n = use->n;
	r->delay = use->delay;
	use->rules = NULL;
	use->n = 0;
	robots_set_free(&ours);
	robots_set_free(&star);
	return r;
}

/*
 * Does pattern match a prefix of path ('*' any run, final '$' the end)? Only
 * the last '*' seen is ever backtracked to, so a hostile pattern of many
 * stars costs O(pattern x path), not exponential time.
 */
static bool
robots_match(const char *pat, const char *path)
{
	const char *star = NULL, *resume = NULL;

	for (;;) {
		if (*pat == '*') {
			while (*pat == '*')
				pat++;
			star = pat;
			resume = path;
			continue;
		}
		if (*pat == '\0')
			return true;
		if (*pat == '$' && pat[1] == '\0') {
			if (*path == '\0')
				return true;
		} else if (*path != '\0' && *path == *pat) {
			pat++;
			path++;
			continue;
		}
		/* Mismatch: let the last star swallow one more character. */
		if (star == NULL || *resume == '\0')
			return false;
		pat = star;
		path = ++resume;
	}
}

bool
robots_allowed(const struct robots *r, const char *path)
{
	const struct robots_rule *best = NULL;

	if (r == NULL)
		return true;
	for (size_t i = 0; i < r->n; i++) {
		const struct robots_rule *rr = &r->rules[i];

		if (!robots_match(rr->pattern, path))
			continue;
		/* The longest pattern wins; on a tie, Allow wins. */
		if (best == NULL || rr->len > best->len ||
		    (rr->len == best->len && rr->allow && !best->allow))
			best = rr;
	}
	return best == NULL || best->allow;
}

double
robots_crawl_delay(const struct robots *r)
{
	return r != NULL ? r->delay : 0;
}

void
robots_free(struct robots *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->rules[i].pattern);
	free(r->rules);
	free(r);
}

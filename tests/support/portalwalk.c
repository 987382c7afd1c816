/*
 * portalwalk.c: a fixture portal tree (as tests/fixsrv serves it, with its
 * _rules) judged offline: walked best-first from its home page with the
 * judge's own priorities and the crawl's own link filter, as tcttd does over
 * HTTP. Shared by the fixture provinces' tests (test_province.c, test_realcms.c).
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "clock.h"
#include "config.h"

#include "extract.h"
#include "frontier.h"
#include "judge.h"
#include "portalwalk.h"
#include "support.h"
#include "xmalloc.h"

#define WALK_MAX_DEPTH	4

/* A link waiting to be fetched. */
struct todo {
	char	*url;
	int	 depth;
	int	 prio;
	int	 seq;
};

/* One fixture response, as fixsrv would give it. */
struct fixpage {
	long	 status;
	char	*body;
	size_t	 len;
	char	*ctype;
	char	*lastmod;
	char	*location;	/* a redirect's target */
};

/* Read a whole file; NULL if absent. Caller frees. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char tmp[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

/* Apply the host's _rules (status, charset, content-type, last-modified) for path. */
static void
apply_rules(const char *root, const char *host, const char *path, struct fixpage *fp)
{
	char *rp = xasprintf("%s/%s/_rules", root, host), line[512];
	FILE *f = fopen(rp, "r");

	free(rp);
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		char pat[256], dir[64], arg[256] = "";

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%255s %63s %255[^\n]", pat, dir, arg) < 2 ||
		    fnmatch(pat, path, 0) != 0)
			continue;
		if (strcmp(dir, "status") == 0)
			fp->status = atol(arg);
		else if (strcmp(dir, "charset") == 0) {
			free(fp->ctype);
			fp->ctype = xasprintf("text/html; charset=%s", arg);
		} else if (strcmp(dir, "content-type") == 0) {
			free(fp->ctype);
			fp->ctype = xstrdup(arg);
		} else if (strcmp(dir, "last-modified") == 0) {
			free(fp->lastmod);
			fp->lastmod = xstrdup(arg);
		} else if (strcmp(dir, "redirect") == 0) {
			char loc[256];

			if (sscanf(arg, "%ld %255s", &fp->status, loc) == 2) {
				free(fp->location);
				fp->location = xstrdup(loc);
			}
		}
	}
	fclose(f);
}

/* "Fetch" url from the tree of host under root. */
static void
fix_fetch(const char *root, const char *host, const char *url, struct fixpage *fp)
{
	CURLU *u = curl_url();
	char *h = NULL, *path = NULL, *query = NULL, *file;
	struct stat sb;

	memset(fp, 0, sizeof *fp);
	fp->status = 404;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK ||
	    strcmp(h, host) != 0 || strstr(path, "..") != NULL)
		goto out;
	file = xasprintf("%s/%s%s%s", root, host, path,
	    path[strlen(path) - 1] == '/' ? "index.html" : "");
	if (stat(file, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		char *f2 = xasprintf("%s/index.html", file);

		free(file);
		file = f2;
	}
	/* As fixsrv: a page of index.php?id=12 is kept as "index.php?id=12" when there is one. */
	if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK) {
		char *qf = xasprintf("%s?%s", file, query);

		if (stat(qf, &sb) == 0) {
			free(file);
			file = qf;
		} else
			free(qf);
	}
	if ((fp->body = slurp(file, &fp->len)) != NULL) {
		fp->status = 200;
		fp->ctype = xstrdup(strstr(file, ".pdf") ? "application/pdf" : "text/html");
	}
	free(file);
	apply_rules(root, host, path, fp);
out:
	curl_free(h);
	curl_free(path);
	curl_free(query);
	curl_url_cleanup(u);
}

/* Is url on host (http)? */
static bool
on_host(const char *url, const char *host)
{
	size_t n = strlen(host);

	return strncmp(url, "http://", 7) == 0 && strncmp(url + 7, host, n) == 0 &&
	    (url[7 + n] == '/' || url[7 + n] == '\0' || url[7 + n] == ':');
}

int
walk_portal(const char *root, const char *host, int64_t now,
    const struct config *cfg, int max_pages, struct verdict v[CRIT_COUNT])
{
	char *home = xasprintf("http://%s/", host);
	struct judge *j = judge_new(home, now, cfg);
	/* The same pages with their folds made ahead, as the daemon's worker makes them. */
	struct judge *j2 = judge_new(home, now, cfg);
	struct verdict v2[CRIT_COUNT];
	struct todo *q = xcalloc(1, sizeof *q);
	char **seen = xcalloc(1, sizeof *seen);
	size_t nq = 1, nseen = 1;
	int pages = 0, seq = 0;

	q[0] = (struct todo){ xstrdup(home), 0, 0, seq++ };
	seen[0] = xstrdup(home);
	while (nq > 0 && pages < max_pages && !judge_settled(j)) {
		size_t best = 0;
		struct fixpage fp;
		struct extracted *ex = NULL;
		char *sha = NULL, *final = NULL;

		for (size_t i = 1; i < nq; i++)
			if (q[i].prio > q[best].prio || (q[i].prio == q[best].prio &&
			    (q[i].depth < q[best].depth || (q[i].depth == q[best].depth &&
			    q[i].seq < q[best].seq))))
				best = i;
		struct todo t = q[best];
		q[best] = q[--nq];
		fix_fetch(root, host, t.url, &fp);
		pages++;
		/* A redirect on the same host is followed, as libcurl does; the page keeps both URLs. */
		for (int hops = 0; (fp.status == 301 || fp.status == 302) && fp.location &&
		    hops < 5; hops++) {
			char *to = fp.location[0] == '/' ? xasprintf("http://%s%s", host, fp.location) :
			    xstrdup(fp.location);

			free(fp.body);
			free(fp.ctype);
			free(fp.lastmod);
			free(fp.location);
			fix_fetch(root, host, to, &fp);
			free(final);
			final = to;
		}
		if (pages == 1 && fp.status >= 500) {
			judge_unreachable(v, home, "HTTP 503");
			free(fp.body);
			free(fp.ctype);
			free(fp.lastmod);
			free(fp.location);
			free(final);
			free(t.url);
			goto done;
		}
		if (fp.status == 200) {
			ex = extract_page(final ? final : t.url, fp.ctype, fp.body, fp.len);
			sha = judge_sha256_hex(fp.body, fp.len);
		}
		judge_add_page(j, &(struct judge_page){ .url = t.url, .final_url = final,
		    .status = fp.status, .ex = ex, .sha256 = sha, .last_modified = fp.lastmod });
		judge_add_page(j2, &(struct judge_page){ .url = t.url, .final_url = final,
		    .status = fp.status, .ex = ex, .sha256 = sha, .last_modified = fp.lastmod,
		    .folds = judge_fold_page(ex) });
		cr_expect_eq(judge_settled(j), judge_settled(j2), "%s: settled alike", t.url);
		for (size_t i = 0; ex && i < ex->n_links && t.depth < WALK_MAX_DEPTH; i++) {
			const struct ext_link *l = &ex->links[i];
			size_t k;

			if (!on_host(l->url, host) || frontier_skips(l->url))
				continue;
			for (k = 0; k < nseen && strcmp(seen[k], l->url) != 0; k++)
				;
			if (k < nseen)
				continue;
			seen = xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen++] = xstrdup(l->url);
			if (ex->html)
				cr_expect_eq(judge_page_link_priority(j2, i),
				    judge_link_priority(j, final ? final : t.url, l),
				    "%s: the same priority on the folds made ahead", l->url);
			q = xreallocarray(q, nq + 1, sizeof *q);
			q[nq++] = (struct todo){ xstrdup(l->url), t.depth + 1,
			    judge_link_priority(j, final ? final : t.url, l), seq++ };
		}
		extracted_free(ex);
		free(sha);
		free(fp.body);
		free(fp.ctype);
		free(fp.lastmod);
		free(fp.location);
		free(final);
		free(t.url);
	}
	judge_verdicts(j, v);
	memset(v2, 0, sizeof v2);
	judge_verdicts(j2, v2);
	for (int c = 0; c < CRIT_COUNT; c++) {
		cr_expect_eq(v[c].status, v2[c].status, "%s %d: the same verdict on folds made ahead",
		    host, c);
		cr_expect_str_eq(v[c].url ? v[c].url : "-", v2[c].url ? v2[c].url : "-");
		cr_expect_str_eq(v[c].date ? v[c].date : "-", v2[c].date ? v2[c].date : "-");
		cr_expect_str_eq(v[c].note ? v[c].note : "-", v2[c].note ? v2[c].note : "-");
		cr_expect_str_eq(v[c].sha256 ? v[c].sha256 : "-", v2[c].sha256 ? v2[c].sha256 : "-");
		verdict_clear(&v2[c]);
	}
done:
	for (size_t i = 0; i < nq; i++)
		free(q[i].url);
	free(q);
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	judge_free(j);
	judge_free(j2);
	free(home);
	return pages;
}


void
portal_expect(const char *sub, int max_pages, int min_hosts, int min_checked)
{
	char *root = test_srcdir(sub), *path = xasprintf("%s/expected.txt", root);
	FILE *f = fopen(path, "r");
	char line[512], cur[128] = "";
	struct verdict v[CRIT_COUNT];
	struct config cfg;
	int64_t now;
	int checked = 0, hosts = 0;

	cr_assert(f != NULL, "%s", path);
	cr_assert_eq(clock_parse_iso8601("2026-11-29T09:00:00+07:00", &now), 0);
	memset(&cfg, 0, sizeof cfg);
	cfg.public_catalog_max_age = cfg.conditional_catalog_max_age = 365 * 86400;
	memset(v, 0, sizeof v);
	while (fgets(line, sizeof line, f) != NULL) {
		char host[128], crit[64], status[32], date[16], ev[256] = "-";
		int c;

		if (line[0] == '#' || sscanf(line, "%127s %63s %31s %15s %255s", host, crit,
		    status, date, ev) < 4)
			continue;
		if (strcmp(host, cur) != 0) {
			for (int i = 0; i < CRIT_COUNT; i++)
				verdict_clear(&v[i]);
			snprintf(cur, sizeof cur, "%s", host);
			walk_portal(root, host, now, &cfg, max_pages, v);
			hosts++;
		}
		cr_assert((c = criterion_from_id(crit)) >= 0, "%s", crit);
		cr_expect_str_eq(status_name(v[c].status), status, "%s %s: %s, note: %s",
		    host, crit, status_name(v[c].status), v[c].note ? v[c].note : "");
		cr_expect_str_eq(v[c].date ? v[c].date : "-", date, "%s %s date, note: %s",
		    host, crit, v[c].note ? v[c].note : "");
		if (strcmp(ev, "-") != 0) {
			char *want = xasprintf("http://%s%s", host, ev);

			cr_expect_str_eq(v[c].url ? v[c].url : "-", want, "%s %s evidence, note: %s",
			    host, crit, v[c].note ? v[c].note : "");
			free(want);
		}
		cr_expect(v[c].note != NULL && *v[c].note, "%s %s has a note", host, crit);
		if (v[c].status == ST_OK)
			cr_expect(v[c].sha256 == NULL || strlen(v[c].sha256) == 64);
		checked++;
	}
	for (int i = 0; i < CRIT_COUNT; i++)
		verdict_clear(&v[i]);
	fclose(f);
	cr_expect_geq(hosts, min_hosts);
	cr_expect_geq(checked, min_checked);
	free(path);
	free(root);
}

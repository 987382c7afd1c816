/* mail-send.c: delivering a built message: SMTP through libcurl, or an .eml file in the outbox. */
#include "mail.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "xmalloc.h"

#define SMTP_TIMEOUT	60L

/* The upload's position in the message. */
struct mail_upload {
	const char	*data;
	size_t		 left;
};

/* The last line the server said, for error messages. */
struct mail_reply {
	char	 line[256];
};

/* Keep the last line the server sent. */
static int
mail_debug_cb(CURL *c, curl_infotype type, char *data, size_t size, void *arg)
{
	struct mail_reply *r = arg;
	size_t n = size;

	(void)c;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	while (n > 0 && (data[n - 1] == '\r' || data[n - 1] == '\n'))
		n--;
	if (n >= sizeof r->line)
		n = sizeof r->line - 1;
	memcpy(r->line, data, n);
	r->line[n] = '\0';
	return 0;
}

/* Hand libcurl the next piece of the message. */
static size_t
mail_read_cb(char *out, size_t size, size_t nmemb, void *arg)
{
	struct mail_upload *up = arg;
	size_t n = size * nmemb;

	if (n > up->left)
		n = up->left;
	memcpy(out, up->data, n);
	up->data += n;
	up->left -= n;
	return n;
}

/*
 * The first line of path, without its newline; NULL with *cause on error.
 * Under systemd, a credential of the file's name (LoadCredential=) is read
 * instead: the service's user need not be able to read path. Caller frees.
 */
static char *
read_password(const char *path, char **cause)
{
	const char *creds = getenv("CREDENTIALS_DIRECTORY"), *base = strrchr(path, '/');
	char line[1024], *cred = NULL;
	FILE *f;
	size_t n;

	if (creds != NULL && *creds != '\0') {
		cred = xasprintf("%s/%s", creds, base != NULL ? base + 1 : path);
		if (access(cred, F_OK) == 0)
			path = cred;
	}
	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(cred);
		return NULL;
	}
	free(cred);
	if (fgets(line, sizeof line, f) == NULL)
		line[0] = '\0';
	fclose(f);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return xstrdup(line);
}

int
mail_send(const struct config *cfg, const char *to, const char *cc,
    const char *message, char **cause)
{
	struct mail_upload up = { message, strlen(message) };
	struct curl_slist *rcpt = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	struct mail_reply reply = { "" };
	char *from = mail_addr(cfg->from), *sender, *password = NULL;
	long code = 0;
	CURLcode rc;
	CURL *c;

	if (cfg->smtp_user != NULL &&
	    (password = read_password(cfg->smtp_password_file, cause)) == NULL) {
		free(from);
		return MAIL_RETRY;
	}
	if ((c = curl_easy_init()) == NULL)
		fatalx("curl_easy_init failed");
	sender = xasprintf("<%s>", from);
	rcpt = curl_slist_append(rcpt, to);
	if (cc != NULL)
		rcpt = curl_slist_append(rcpt, cc);
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.left);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, SMTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, mail_debug_cb);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, &reply);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	/* smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when offered,
	 * and insists on it before sending a password. */
	curl_easy_setopt(c, CURLOPT_USE_SSL,
	    cfg->smtp_user != NULL ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	/* A province's own server often has a certificate from a private CA: trust that CA
	 * instead of the system's, and never skip verification. */
	if (cfg->smtp_ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, cfg->smtp_ca_file);
	if (cfg->smtp_user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, password);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	free(sender);
	free(from);
	if (password != NULL) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	if (rc == CURLE_OK)
		return MAIL_SENT;
	if (code >= 400 && *reply.line != '\0')
		*cause = xasprintf("%s: server said \"%s\"", cfg->smtp_url, reply.line);
	else
		*cause = xasprintf("%s: %s%s", cfg->smtp_url,
		    *errbuf != '\0' ? errbuf : curl_easy_strerror(rc),
		    rc == CURLE_PEER_FAILED_VERIFICATION && cfg->smtp_ca_file == NULL ?
		    " (a certificate from a private CA: name its bundle in [notify] smtp_ca_file)" :
		    "");
	/* A wrong password is the operator's to fix, not the message's: retry. */
	if (code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED)
		return MAIL_REJECTED;
	return MAIL_RETRY;
}

/* mkdir -p; 0 or -1 with errno. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;

	for (char *q = p + 1; *q != '\0'; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0750) == -1 && errno != EEXIST)
			rc = -1;
		*q = '/';
	}
	if (rc == 0 && mkdir(p, 0750) == -1 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

int
mail_outbox_write(const char *dir, const char *name, const char *message,
    char **cause)
{
	char *tmp = xasprintf("%s/.tmp-XXXXXX", dir), *path = xasprintf("%s/%s", dir, name);
	size_t len = strlen(message), off = 0;
	int fd, dfd;
	bool ok;

	if (make_dirs(dir) == -1 || (fd = mkstemp(tmp)) == -1) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(tmp);
		free(path);
		return MAIL_RETRY;
	}
	while (off < len) {
		ssize_t n = write(fd, message + off, len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	ok = off == len && fchmod(fd, 0640) == 0 && fsync(fd) == 0;
	if (close(fd) == -1)
		ok = false;
	if (!ok || rename(tmp, path) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno != 0 ? errno : EIO));
		unlink(tmp);
		free(tmp);
		free(path);
		return MAIL_RETRY;
	}
	/* Make the rename itself durable. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(path);
	return MAIL_SENT;
}

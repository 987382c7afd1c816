/* smtp.c: driving tests/smtpd.py, a real SMTP server on loopback, from the tests. */
#include "smtp.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "support.h"
#include "xmalloc.h"

void
smtpd_start(struct smtpd *s, int port)
{
	char *script = test_srcdir("smtpd.py"), portarg[16];
	const char *argv[16] = { "/usr/bin/python3", script, "--dir", NULL,
	    "--port", portarg, NULL };
	int argc = 6;

	if (s->dir == NULL)
		s->dir = test_tmpdir();
	argv[3] = s->dir;
	if (s->tls != NULL) {
		argv[argc++] = "--tls";
		argv[argc++] = s->tls;
		argv[argc++] = "--cert";
		argv[argc++] = s->cert;
		argv[argc++] = "--key";
		argv[argc++] = s->key;
	}
	if (s->login != NULL) {
		argv[argc++] = "--login";
		argv[argc++] = s->login;
	}
	argv[argc] = NULL;
	snprintf(portarg, sizeof portarg, "%d", port);
	/* The port line is printed once listening. */
	s->port = spawn_port_server(argv, &s->pid);
	free(script);
	cr_assert_gt(s->port, 0, "smtpd.py did not start");
}

char *
tls_make_certs(void)
{
	char *dir = test_tmpdir(), *script = test_srcdir("make-certs.sh"), *out, *err;
	const char *argv[] = { "/bin/sh", script, dir, NULL };

	cr_assert_eq(run_cmd(argv, &out, &err), 0, "make-certs.sh: %s", err);
	free(script);
	free(out);
	free(err);
	return dir;
}

void
smtpd_stop(struct smtpd *s)
{
	int status;

	if (s->pid <= 0)
		return;
	kill(s->pid, SIGTERM);
	waitpid(s->pid, &status, 0);
	s->pid = 0;
}

void
smtpd_free(struct smtpd *s)
{
	smtpd_stop(s);
	free(s->dir);
	s->dir = NULL;
}

void
smtpd_reject(struct smtpd *s, const char *line)
{
	char *path = xasprintf("%s/_reject", s->dir);

	if (line == NULL)
		unlink(path);
	else
		free(test_write_file(s->dir, "_reject", line));
	free(path);
}

int
smtpd_count(struct smtpd *s)
{
	DIR *d = opendir(s->dir);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		n += len > 5 && strcmp(e->d_name + len - 5, ".json") == 0;
	}
	closedir(d);
	return n;
}

/* Run smtpd.py --decode path and parse its output. */
json_t *
mail_decode_file(const char *path)
{
	char *script = test_srcdir("smtpd.py"), *out, *err;
	const char *argv[] = { "/usr/bin/python3", script, "--decode", path, NULL };
	json_error_t jerr;
	json_t *j;

	cr_assert_eq(run_cmd(argv, &out, &err), 0, "decode %s: %s", path, err);
	j = json_loads(out, 0, &jerr);
	cr_assert_not_null(j, "decode %s: %s", path, jerr.text);
	free(script);
	free(out);
	free(err);
	return j;
}

json_t *
smtpd_message(struct smtpd *s, int n)
{
	char *path = xasprintf("%s/%03d.json", s->dir, n);
	json_error_t jerr;
	json_t *j = json_load_file(path, 0, &jerr);

	cr_assert_not_null(j, "%s: %s", path, jerr.text);
	free(path);
	return j;
}

const char *
json_str(json_t *obj, const char *key1, const char *key2)
{
	json_t *v = json_object_get(obj, key1);

	if (key2 != NULL)
		v = json_object_get(v, key2);
	return json_string_value(v);
}

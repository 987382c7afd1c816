/* smtp.h: the test SMTP server (tests/smtpd.py on loopback) and decoded messages. */
#ifndef TCTT_TEST_SMTP_H
#define TCTT_TEST_SMTP_H

#include <sys/types.h>

#include <jansson.h>

struct smtpd {
	pid_t	 pid;
	int	 port;
	char	*dir;		/* where messages land; owned */
	/* Set before smtpd_start, all borrowed: TLS ("starttls" or "smtps") with
	 * cert and key files, and the one login accepted ("user:password"). */
	const char *tls;
	const char *cert, *key;
	const char *login;
};

/* Start on port (0: any) saving into a fresh directory; waits for its port line. */
void smtpd_start(struct smtpd *s, int port);
/* Make a private CA and a server certificate for 127.0.0.1 in a fresh directory
 * (tests/make-certs.sh: ca.pem, server.pem, server.key, other-ca.pem); caller frees. */
char *tls_make_certs(void);
/* Stop it (the directory stays; smtpd_free frees the name). */
void smtpd_stop(struct smtpd *s);
void smtpd_free(struct smtpd *s);
/* Make it answer DATA with line ("451 4.3.0 Try later"), or accept again (NULL). */
void smtpd_reject(struct smtpd *s, const char *line);
/* Messages received so far. */
int smtpd_count(struct smtpd *s);
/* The decoded JSON of message n (1-based); caller json_decref()s. */
json_t *smtpd_message(struct smtpd *s, int n);
/* An RFC 5322 file decoded by Python's email package; caller json_decref()s. */
json_t *mail_decode_file(const char *path);
/* A string member of obj, or of obj[key1][key2]; NULL if absent. Borrowed. */
const char *json_str(json_t *obj, const char *key1, const char *key2);

#endif

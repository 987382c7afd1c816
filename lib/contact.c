/* contact.c: phone numbers and e-mail addresses in folded text, and the markup that hides addresses. */
#include "contact.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Spellings of "@" and "." that keep an address from spambots (folded text). */
static const char *const at_words[] = { "[at]", "(at)", "{at}", " [at] ", " (at) ",
	" at ", "(a)", " (a) ", "[a-cong]", " [a cong] ", NULL };
static const char *const dot_words[] = { "[.]", "(.)", "[dot]", "(dot)", " dot ", NULL };

static bool
local_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-' || c == '+';
}

/* Length of the domain at p: labels and dots (or spelled-out dots), with at least one dot before a TLD. */
static size_t
domain_len(const char *p)
{
	const char *q = p;
	bool dot = false;

	while (*q) {
		size_t n = 0;

		if (isalnum((unsigned char)*q) || *q == '-') {
			q++;
			continue;
		}
		if (*q == '.' && isalpha((unsigned char)q[1])) {
			dot = true;
			q++;
			continue;
		}
		for (int i = 0; dot_words[i]; i++) {
			size_t k = strlen(dot_words[i]);

			if (strncmp(q, dot_words[i], k) == 0 && isalpha((unsigned char)q[k])) {
				n = k;
				break;
			}
		}
		if (n == 0)
			break;
		dot = true;
		q += n;
	}
	return dot && q > p + 2 ? (size_t)(q - p) : 0;
}

bool
contact_has_email(const char *f)
{
	for (const char *p = f; *p; p++) {
		size_t at = 0;

		if (p == f || !local_char((unsigned char)p[-1]))
			continue;
		if (*p == '@')
			at = 1;
		else
			for (int i = 0; at_words[i]; i++) {
				size_t k = strlen(at_words[i]);

				if (strncmp(p, at_words[i], k) == 0) {
					at = k;
					break;
				}
			}
		if (at > 0 && domain_len(p + at) > 0)
			return true;
	}
	return false;
}

/* A phone number starting at p: 9 to 12 digits from 0, +84 or (0, grouped by spaces, dots, dashes. */
static bool
phone_at(const char *f, const char *p)
{
	const char *q = p;
	int digits = 0;

	if (!(*p == '0' || (*p == '+' && p[1] == '8' && p[2] == '4') || (*p == '(' && p[1] == '0')))
		return false;
	if (p > f && (isalnum((unsigned char)p[-1]) || p[-1] == '/' || p[-1] == '.'))
		return false;
	while (*q && (isdigit((unsigned char)*q) || *q == ' ' || *q == '.' || *q == '-' ||
	    *q == '(' || *q == ')' || *q == '+')) {
		if (isdigit((unsigned char)*q))
			digits++;
		/* A space or separator that is not followed by more digits ends the number. */
		if (!isdigit((unsigned char)*q) && *q != '(' && *q != '+' &&
		    !(isdigit((unsigned char)q[1]) || q[1] == '(' ||
		    (q[1] == ' ' && isdigit((unsigned char)q[2]))))
			break;
		q++;
	}
	/* A date "15.09.2026" or a decree number is not a phone: phones are 9 to 12 digits. */
	return digits >= 9 && digits <= 12 && !isalpha((unsigned char)*q) && *q != '/';
}

bool
contact_has(const char *f)
{
	for (const char *p = f; *p; p++)
		if (phone_at(f, p))
			return true;
	return contact_has_email(f);
}

char *
contact_cfemail(const char *hex)
{
	size_t n = strlen(hex);
	unsigned key, c;
	char *out, *o;

	if (n < 4 || n % 2 != 0 || n > 512)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)hex[i]))
			return NULL;
#define HEXV(ch) (unsigned)(isdigit((unsigned char)(ch)) ? (ch) - '0' : tolower((unsigned char)(ch)) - 'a' + 10)
	key = HEXV(hex[0]) * 16 + HEXV(hex[1]);
	o = out = xmalloc(n / 2);
	for (size_t i = 2; i < n; i += 2) {
		c = (HEXV(hex[i]) * 16 + HEXV(hex[i + 1])) ^ key;
		if (c < 0x20 || c >= 0x7f) {
			free(out);
			return NULL;
		}
		*o++ = (char)c;
	}
#undef HEXV
	*o = '\0';
	return out;
}

/* Base64 of s decoded as printable ASCII; NULL if malformed. Caller frees. */
static char *
b64_text(const char *s)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(s), o = 0;
	unsigned acc = 0;
	int bits = 0;
	char *out;

	if (n == 0 || n > 512)
		return NULL;
	out = xmalloc(n + 1);
	for (size_t i = 0; i < n && s[i] != '='; i++) {
		const char *k = strchr(alphabet, s[i]);

		if (k == NULL || s[i] == '\0') {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (unsigned)(k - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o] = (char)((acc >> bits) & 0xff);
			if ((unsigned char)out[o] < 0x20 || (unsigned char)out[o] >= 0x7f) {
				free(out);
				return NULL;
			}
			o++;
		}
	}
	out[o] = '\0';
	return out;
}

char *
contact_joomla(const char *first_b64, const char *last_b64)
{
	char *a = b64_text(first_b64), *b = b64_text(last_b64), *out = NULL;

	if (a != NULL && b != NULL && *a && *b)
		out = xasprintf("%s@%s", a, b);
	free(a);
	free(b);
	return out;
}

/*
 * contact.h: contact details as offices write them (SPEC "focal_point"):
 * phone numbers in any grouping ("(0213) 3876 543", "0213.3876.543",
 * "0912 345 678", "+84 213 3876 543"), e-mail addresses, and addresses hidden
 * from spambots (name[at]domain, name (a) domain, name@domain[.]vn, and the
 * markup schemes Cloudflare's data-cfemail and <joomla-hidden-mail>).
 */
#ifndef TCTT_CONTACT_H
#define TCTT_CONTACT_H

#include <stdbool.h>

/* Does folded text give a phone number or an e-mail address (plain or spelled out)? */
bool contact_has(const char *folded);
/* Does folded text give an e-mail address (plain or spelled out)? */
bool contact_has_email(const char *folded);
/* Cloudflare's data-cfemail (hex, XORed with its first byte) decoded; NULL if malformed. Caller frees. */
char *contact_cfemail(const char *hex);
/* A <joomla-hidden-mail>'s address from its base64 "first" and "last" parts; NULL if malformed. Caller frees. */
char *contact_joomla(const char *first_b64, const char *last_b64);

#endif

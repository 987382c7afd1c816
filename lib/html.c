/* html.c: escaping for HTML output; crawled text is hostile and passes through here. */
#include "html.h"

#include <string.h>
#include <strings.h>

void
html_escape(struct buf *b, const char *s)
{
	const char *run;

	if (s == NULL)
		return;
	for (run = s; *s != '\0'; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

char *
html_escaped(const char *s)
{
	struct buf b = { 0 };

	html_escape(&b, s);
	return buf_steal(&b);
}

bool
html_safe_url(const char *url)
{
	if (url == NULL)
		return false;
	for (const char *p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

/* html.h: the one escaping function for every byte of HTML tctt produces (pages and e-mail). */
#ifndef TCTT_HTML_H
#define TCTT_HTML_H

#include <stdbool.h>

#include "xmalloc.h"

/* Append s escaped for HTML text or a quoted attribute (& < > " '). NULL appends nothing. */
void html_escape(struct buf *b, const char *s);
/* Escaped copy; caller frees. */
char *html_escaped(const char *s);
/* True when url may become a link: http:// or https:// only (never javascript:, data:...). */
bool html_safe_url(const char *url);

#endif

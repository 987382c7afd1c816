/* fold.c: search text folded like the criteria's matching: case, Vietnamese marks, đ. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "dashboard.h"

char *
dash_fold(const char *s)
{
	utf8proc_uint8_t *mapped = NULL;
	struct buf b = { 0 };

	if (s == NULL)
		return xstrdup("");
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) < 0)
		return xstrdup(s);
	/* đ (U+0111) has no mark to strip: fold it to d by hand. */
	for (const char *p = (const char *)mapped; *p != '\0'; p++) {
		if ((unsigned char)p[0] == 0xc4 && (unsigned char)p[1] == 0x91) {
			buf_putc(&b, 'd');
			p++;
		} else
			buf_putc(&b, *p);
	}
	free(mapped);
	return buf_steal(&b);
}

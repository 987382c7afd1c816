/* xmalloc.h: allocation that aborts on out-of-memory, and a growable string buffer. */
#ifndef TCTT_XMALLOC_H
#define TCTT_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

#include "log.h"

/* All return memory the caller frees; none returns NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* xstrdup that passes NULL through. */
char *xstrdup0(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) TCTT_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) TCTT_PRINTF(1, 0);

/* A NUL-terminated growable byte string. Zero-initialise to start empty. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

/* Grow b so that need more bytes (and the NUL) fit without another allocation. */
void buf_reserve(struct buf *b, size_t need);
/* Room for need more bytes, exactly (no doubling): for a size known in advance. */
void buf_reserve_exact(struct buf *b, size_t need);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) TCTT_PRINTF(2, 3);
/* Take the string out (caller frees; never NULL) and leave b empty. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

#endif

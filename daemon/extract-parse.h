/*
 * extract-parse.h: libxml2's HTML parse for extract.c, through a parser
 * context each thread keeps (extract-parse.c). extract_thread_end (extract.h)
 * frees the calling thread's.
 */
#ifndef TCTT_EXTRACT_PARSE_H
#define TCTT_EXTRACT_PARSE_H

#include <libxml/HTMLparser.h>

/*
 * Parse len bytes of UTF-8 text as HTML, url the document's base; as
 * htmlReadMemory with extract.c's options. NULL if len is 0 or out of memory.
 * Caller frees with xmlFreeDoc, on this thread (the tree uses the context's
 * dictionary, which holds a reference of its own).
 */
htmlDocPtr extract_parse(const char *text, int len, const char *url);
/* Strings in this thread's parser dictionary (0: no context): what a context keeps. */
size_t extract_parse_dict_size(void);

#endif

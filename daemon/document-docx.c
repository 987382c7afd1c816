/*
 * document-docx.c: the text of a DOCX (a zip of XML). libzip opens the
 * archive from memory; word/document.xml is inflated at most max bytes, so a
 * zip bomb costs no more than an honest large file; libxml2 reads it without
 * a DTD, entities or the network, and each w:p becomes a line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "document.h"
#include "xmalloc.h"

#define DOCX_MAIN	"word/document.xml"
#define DOCX_MAX_DEPTH	256

/* Is n the WordprocessingML element name (any prefix)? */
static bool
is_w(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Append the text of n's runs to b; a paragraph ends its line. */
static void
walk(const xmlNode *n, struct buf *b, int depth)
{
	if (depth > DOCX_MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "t") || is_w(c, "delText")) {
			if (is_w(c, "delText"))
				continue;	/* deleted in a tracked change */
			for (const xmlNode *t = c->children; t; t = t->next)
				if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE)
					buf_puts(b, (const char *)t->content);
		} else if (is_w(c, "tab"))
			buf_putc(b, '\t');
		else if (is_w(c, "br") || is_w(c, "cr"))
			buf_putc(b, '\n');
		else if (c->type == XML_ELEMENT_NODE) {
			walk(c, b, depth + 1);
			if (is_w(c, "p"))
				buf_putc(b, '\n');
		}
	}
}

/* The XML of word/document.xml, at most max bytes; NULL with *cause. */
static char *
read_main(zip_t *z, size_t max, size_t *len, char **cause)
{
	zip_file_t *zf;
	struct buf b = { 0 };
	char chunk[16384];
	zip_int64_t n;

	if ((zf = zip_fopen(z, DOCX_MAIN, 0)) == NULL) {
		*cause = xasprintf("không có %s (%s)", DOCX_MAIN, zip_strerror(z));
		return NULL;
	}
	/* Read no further than max, whatever the archive claims the size is. */
	while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		if (b.len + (size_t)n > max) {
			*cause = xasprintf("%s giải nén vượt quá %zu byte (nghi là bom nén)",
			    DOCX_MAIN, max);
			zip_fclose(zf);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	if (n < 0) {
		*cause = xasprintf("%s hỏng: %s", DOCX_MAIN, zip_file_strerror(zf));
		zip_fclose(zf);
		buf_free(&b);
		return NULL;
	}
	zip_fclose(zf);
	*len = b.len;
	buf_add(&b, "", 0);
	return buf_steal(&b);
}

char *
doc_docx_text(const void *body, size_t len, size_t max, char **cause)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *xml;
	size_t xlen = 0;
	xmlDocPtr doc;
	struct buf b = { 0 };

	*cause = NULL;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(body, len, 0, &ze)) == NULL ||
	    (z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		*cause = xasprintf("không mở được tệp nén: %s", zip_error_strerror(&ze));
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	xml = read_main(z, max, &xlen, cause);
	zip_discard(z);
	if (xml == NULL)
		return NULL;
	/* A real DOCX never has a DTD: one is refused, so no entity can expand. */
	if (memmem(xml, xlen, "<!DOCTYPE", 9) != NULL || memmem(xml, xlen, "<!ENTITY", 8) != NULL) {
		*cause = xasprintf("%s có khai báo DTD (không hợp lệ)", DOCX_MAIN);
		free(xml);
		return NULL;
	}
	doc = xmlReadMemory(xml, xlen > INT32_MAX ? INT32_MAX : (int)xlen, DOCX_MAIN, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER |
	    XML_PARSE_COMPACT);
	free(xml);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		*cause = xasprintf("%s không phải XML đọc được", DOCX_MAIN);
		xmlFreeDoc(doc);
		return NULL;
	}
	walk(xmlDocGetRootElement(doc), &b, 0);
	xmlFreeDoc(doc);
	buf_add(&b, "", 0);
	return buf_steal(&b);
}

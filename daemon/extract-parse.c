/*
 * extract-parse.c: libxml2's HTML parse of a page, through one parser
 * context per thread kept from page to page. htmlReadMemory builds a context
 * (its dictionary, stacks, SAX handler) and frees it for every page; here it
 * is reset instead, and its dictionary also holds the tree's names and the
 * blank runs between tags, which each page would otherwise copy into its own
 * mallocs. A context is renewed after PARSER_MAX_PAGES pages or once its
 * dictionary holds PARSER_MAX_NAMES strings (a hostile page can bring many),
 * so what it keeps stays small whatever the pages.
 */
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "extract-parse.h"
#include "extract.h"

#define PARSER_MAX_PAGES	1000
#define PARSER_MAX_NAMES	2000

/* The options of every parse: what a broken page gives, without messages or network. */
#define PARSER_OPTIONS	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
	HTML_PARSE_NONET | HTML_PARSE_COMPACT)

static _Thread_local htmlParserCtxtPtr	parser;
static _Thread_local unsigned		parser_pages;

void
extract_thread_end(void)
{
	if (parser == NULL)
		return;
	htmlFreeParserCtxt(parser);
	parser = NULL;
	parser_pages = 0;
}

size_t
extract_parse_dict_size(void)
{
	return parser != NULL ? xmlDictSize(parser->dict) : 0;
}

/* This thread's context, new if there was none or it has served enough. */
static htmlParserCtxtPtr
parser_get(void)
{
	if (parser != NULL && (parser_pages >= PARSER_MAX_PAGES ||
	    xmlDictSize(parser->dict) >= PARSER_MAX_NAMES))
		extract_thread_end();
	if (parser == NULL)
		parser = htmlNewParserCtxt();
	parser_pages++;
	return parser;
}

htmlDocPtr
extract_parse(const char *text, int len, const char *url)
{
	htmlParserCtxtPtr ctxt;
	xmlParserInputBufferPtr buf;
	xmlParserInputPtr in;
	xmlCharEncodingHandlerPtr utf8;
	htmlDocPtr doc;

	/* As htmlReadMemory: nothing to parse is no document. */
	if (text == NULL || len <= 0 || (ctxt = parser_get()) == NULL)
		return NULL;
	/* htmlCtxtReadMemory's steps, with the tree's strings in the context's dictionary. */
	htmlCtxtReset(ctxt);
	if ((buf = xmlParserInputBufferCreateMem(text, len, XML_CHAR_ENCODING_NONE)) == NULL)
		return NULL;
	if ((in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE)) == NULL) {
		xmlFreeParserInputBuffer(buf);
		return NULL;
	}
	inputPush(ctxt, in);
	htmlCtxtUseOptions(ctxt, PARSER_OPTIONS);
	ctxt->dictNames = 1;	/* htmlCtxtUseOptions clears it; the tree then shares the dictionary */
	ctxt->html = 1;
	/*
	 * The text is valid UTF-8 already (extract_utf8_view), so it is read as
	 * is: htmlReadMemory's "UTF-8" encoder would only copy it once more.
	 * Unless its first bytes make htmlParseDocument switch encodings (a byte
	 * order mark, "<?xm", what looks like UTF-16 or UCS-4): there the text
	 * goes through the encoder as with htmlReadMemory, which leaves that
	 * switch nothing to convert. Either way a <meta> charset changes nothing
	 * (input->encoding is set).
	 */
	if (xmlDetectCharEncoding((const unsigned char *)text, len) != XML_CHAR_ENCODING_NONE &&
	    (utf8 = xmlFindCharEncodingHandler("UTF-8")) != NULL)
		xmlSwitchToEncoding(ctxt, utf8);
	ctxt->charset = XML_CHAR_ENCODING_UTF8;
	xmlFree((xmlChar *)(uintptr_t)ctxt->input->encoding);
	ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	if (url != NULL && ctxt->input->filename == NULL)
		ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)url);
	htmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	/* The copy of the text goes now, not at the next page: a big page must not stay. */
	while ((in = inputPop(ctxt)) != NULL)
		xmlFreeInputStream(in);
	return doc;
}

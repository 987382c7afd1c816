/* docx.c: word/document.xml through libxml2's text writer, zipped with libzip around the template. */
#include "docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "docx-template.h"
#include "fold.h"
#include "xmalloc.h"

#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define A4_W	11906	/* twips */
#define A4_H	16838
#define MAX_COLS 32
/* How far a layout table reaches into the left and right margins, mm. */
#define LAYOUT_OUTDENT_LEFT	12
#define LAYOUT_OUTDENT_RIGHT	5

/* libxml2 takes const xmlChar * for what it only reads. */
#define XC (const xmlChar *)

struct docx {
	xmlBufferPtr		 buf;
	xmlTextWriterPtr	 w;
	char			*title;
	struct docx_page	 page;
	int			 text_width;	/* twips */
	int			 widths[MAX_COLS];	/* of the open table, twips */
	size_t			 ncols;
	size_t			 col;		/* next cell of the open row */
	bool			 header_row;	/* the open row is a header row */
	int			 cell_width;	/* of the open cell, 0 outside */
	bool			 failed;	/* a writer call failed (out of memory) */
};

static int
mm_to_twips(int mm)
{
	return (int)((long)mm * 1440 * 10 / 254);
}

/* Check a writer call's result. */
static void
chk(struct docx *d, int rc)
{
	if (rc < 0)
		d->failed = true;
}

static void
start(struct docx *d, const char *name)
{
	chk(d, xmlTextWriterStartElement(d->w, XC name));
}

static void
end(struct docx *d)
{
	chk(d, xmlTextWriterEndElement(d->w));
}

static void
attr(struct docx *d, const char *name, const char *value)
{
	chk(d, xmlTextWriterWriteAttribute(d->w, XC name, XC value));
}

static void
attr_int(struct docx *d, const char *name, int value)
{
	char n[32];

	snprintf(n, sizeof n, "%d", value);
	attr(d, name, n);
}

/* <name w:val="value"/> */
static void
val(struct docx *d, const char *name, const char *value)
{
	start(d, name);
	if (value != NULL)
		attr(d, "w:val", value);
	end(d);
}

static void
val_int(struct docx *d, const char *name, int value)
{
	char n[32];

	snprintf(n, sizeof n, "%d", value);
	val(d, name, n);
}

static char *xml_text(const char *s);

struct docx *
docx_new(const char *title, const struct docx_page *pg)
{
	struct docx *d = xcalloc(1, sizeof *d);

	d->title = xml_text(title);
	d->page = *pg;
	d->text_width = A4_W - mm_to_twips(pg->left) - mm_to_twips(pg->right);
	if ((d->buf = xmlBufferCreate()) == NULL ||
	    (d->w = xmlNewTextWriterMemory(d->buf, 0)) == NULL)
		fatalx("docx: out of memory");
	chk(d, xmlTextWriterStartDocument(d->w, NULL, "UTF-8", "yes"));
	start(d, "w:document");
	attr(d, "xmlns:w", W_NS);
	attr(d, "xmlns:r", R_NS);
	start(d, "w:body");
	return d;
}

void
docx_free(struct docx *d)
{
	if (d == NULL)
		return;
	if (d->w != NULL)
		xmlFreeTextWriter(d->w);
	if (d->buf != NULL)
		xmlBufferFree(d->buf);
	free(d->title);
	free(d);
}

int
docx_text_width(const struct docx *d)
{
	return d->text_width;
}

void
docx_p_begin(struct docx *d, const char *style, enum docx_align align, int flags)
{
	static const char *aligns[] = { "left", "center", "right", "both" };

	start(d, "w:p");
	start(d, "w:pPr");
	if (style != NULL)
		val(d, "w:pStyle", style);
	if (flags & DOCX_KEEP_NEXT)
		val(d, "w:keepNext", NULL);
	if (flags & DOCX_INDENT) {
		start(d, "w:ind");
		attr_int(d, "w:firstLine", mm_to_twips(10));
		end(d);
	}
	val(d, "w:jc", aligns[align]);
	end(d);
}

void
docx_p_end(struct docx *d)
{
	end(d);
}

/*
 * Text as XML 1.0 allows it: valid UTF-8 (bad bytes become U+FFFD), control
 * characters and the non-characters U+FFFE/U+FFFF as spaces. Caller frees.
 */
static char *
xml_text(const char *s)
{
	char *t = utf8_sanitize(s, strlen(s));

	for (unsigned char *p = (unsigned char *)t; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\n' && *p != '\t')
			*p = ' ';
		else if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
			memcpy(p, "\xef\xbf\xbd", 3);
			p += 2;
		}
	}
	return t;
}

void
docx_run(struct docx *d, const char *text, int flags, int size)
{
	char *t = xml_text(text), *p = t;

	start(d, "w:r");
	if ((flags & (DOCX_BOLD | DOCX_ITALIC | DOCX_UNDERLINE)) || size > 0) {
		start(d, "w:rPr");
		if (flags & DOCX_BOLD)
			val(d, "w:b", NULL);
		if (flags & DOCX_ITALIC)
			val(d, "w:i", NULL);
		/* The schema's order: sz before u. */
		if (size > 0) {
			val_int(d, "w:sz", size);
			val_int(d, "w:szCs", size);
		}
		if (flags & DOCX_UNDERLINE)
			val(d, "w:u", "single");
		end(d);
	}
	/* Lines become breaks, tabs tabs; the rest is text the writer escapes. */
	for (;;) {
		size_t n = strcspn(p, "\n\t");

		if (n > 0) {
			char c = p[n];

			p[n] = '\0';
			start(d, "w:t");
			attr(d, "xml:space", "preserve");
			chk(d, xmlTextWriterWriteString(d->w, XC p));
			end(d);
			p[n] = c;
		}
		p += n;
		if (*p == '\0')
			break;
		val(d, *p == '\n' ? "w:br" : "w:tab", NULL);
		p++;
	}
	end(d);
	free(t);
}

void
docx_para(struct docx *d, const char *style, enum docx_align align,
    const char *text, int flags)
{
	docx_p_begin(d, style, align, flags);
	if (text != NULL && *text != '\0')
		docx_run(d, text, flags, 0);
	docx_p_end(d);
}

void
docx_rule(struct docx *d, int permille)
{
	int width = d->cell_width > 0 ? d->cell_width : d->text_width;
	int side = (int)((long)width * (1000 - permille) / 2000);

	start(d, "w:p");
	start(d, "w:pPr");
	start(d, "w:pBdr");
	start(d, "w:top");
	attr(d, "w:val", "single");
	attr(d, "w:sz", "6");
	attr(d, "w:space", "1");
	attr(d, "w:color", "000000");
	end(d);
	end(d);
	start(d, "w:spacing");
	attr(d, "w:before", "0");
	attr(d, "w:after", "0");
	attr(d, "w:line", "120");
	attr(d, "w:lineRule", "exact");
	end(d);
	start(d, "w:ind");
	attr_int(d, "w:left", side);
	attr_int(d, "w:right", side);
	end(d);
	start(d, "w:rPr");
	val(d, "w:sz", "4");
	end(d);
	end(d);
	end(d);
}

void
docx_table_begin(struct docx *d, size_t ncols, const int *widths, bool borders)
{
	/*
	 * A layout table (the document's heading) reaches into the margins, as
	 * the official templates do, so "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	 * keeps to one line.
	 */
	int outdent = borders ? 0 : mm_to_twips(LAYOUT_OUTDENT_LEFT);
	int width = borders ? d->text_width : d->text_width + outdent +
	    mm_to_twips(LAYOUT_OUTDENT_RIGHT);

	if (ncols == 0 || ncols > MAX_COLS)
		fatalx("docx: a table of %zu columns", ncols);
	d->ncols = ncols;
	start(d, "w:tbl");
	start(d, "w:tblPr");
	val(d, "w:tblStyle", borders ? "TableGrid" : "TableLayout");
	start(d, "w:tblW");
	attr_int(d, "w:w", width);
	attr(d, "w:type", "dxa");
	end(d);
	if (outdent > 0) {
		start(d, "w:tblInd");
		attr_int(d, "w:w", -outdent);
		attr(d, "w:type", "dxa");
		end(d);
	}
	start(d, "w:tblLayout");
	attr(d, "w:type", "fixed");
	end(d);
	end(d);
	start(d, "w:tblGrid");
	for (size_t i = 0; i < ncols; i++) {
		d->widths[i] = (int)((long)width * widths[i] / 1000);
		start(d, "w:gridCol");
		attr_int(d, "w:w", d->widths[i]);
		end(d);
	}
	end(d);
}

void
docx_row_begin(struct docx *d, bool header)
{
	start(d, "w:tr");
	start(d, "w:trPr");
	val(d, "w:cantSplit", NULL);
	if (header)
		val(d, "w:tblHeader", NULL);
	end(d);
	d->col = 0;
	d->header_row = header;
}

void
docx_cell_begin(struct docx *d, int span)
{
	int width = 0;

	if (span < 1)
		span = 1;
	for (int i = 0; i < span && d->col < d->ncols; i++)
		width += d->widths[d->col++];
	d->cell_width = width;
	start(d, "w:tc");
	start(d, "w:tcPr");
	start(d, "w:tcW");
	attr_int(d, "w:w", width);
	attr(d, "w:type", "dxa");
	end(d);
	if (span > 1)
		val_int(d, "w:gridSpan", span);
	end(d);
}

void
docx_cell_end(struct docx *d)
{
	end(d);
	d->cell_width = 0;
}

void
docx_cell(struct docx *d, const char *text, enum docx_align align, int flags)
{
	docx_cell_begin(d, 1);
	/* A header row stays on the page of the first row under it. */
	docx_para(d, "TableText", align, text, flags | (d->header_row ? DOCX_KEEP_NEXT : 0));
	docx_cell_end(d);
}

void
docx_row_end(struct docx *d)
{
	end(d);
}

void
docx_table_end(struct docx *d)
{
	end(d);
	d->ncols = 0;
	/* Word needs a paragraph between a table and what follows. */
	docx_para(d, "Small", DOCX_LEFT, NULL, 0);
}

/* The section properties: A4 portrait, the margins, the page number from the second page. */
static void
write_sect(struct docx *d)
{
	start(d, "w:sectPr");
	start(d, "w:headerReference");
	attr(d, "w:type", "default");
	attr(d, "r:id", "rId3");
	end(d);
	start(d, "w:pgSz");
	attr_int(d, "w:w", A4_W);
	attr_int(d, "w:h", A4_H);
	end(d);
	start(d, "w:pgMar");
	attr_int(d, "w:top", mm_to_twips(d->page.top));
	attr_int(d, "w:right", mm_to_twips(d->page.right));
	attr_int(d, "w:bottom", mm_to_twips(d->page.bottom));
	attr_int(d, "w:left", mm_to_twips(d->page.left));
	attr(d, "w:header", "720");
	attr(d, "w:footer", "720");
	attr(d, "w:gutter", "0");
	end(d);
	val(d, "w:titlePg", NULL);
	end(d);
}

/* docProps/core.xml with the title, through its own writer. NULL on failure; caller frees. */
static char *
core_props(const char *title, size_t *len)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w;
	char *out = NULL;
	int rc = 0;

	if (buf == NULL || (w = xmlNewTextWriterMemory(buf, 0)) == NULL)
		fatalx("docx: out of memory");
	rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes");
	rc |= xmlTextWriterStartElement(w, XC "cp:coreProperties");
	rc |= xmlTextWriterWriteAttribute(w, XC "xmlns:cp", BAD_CAST
	    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
	rc |= xmlTextWriterWriteAttribute(w, XC "xmlns:dc",
	    XC "http://purl.org/dc/elements/1.1/");
	rc |= xmlTextWriterWriteElement(w, XC "dc:title", XC title);
	rc |= xmlTextWriterWriteElement(w, XC "dc:creator", XC "tctt");
	rc |= xmlTextWriterWriteElement(w, XC "dc:language", XC "vi-VN");
	rc |= xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	if (rc >= 0) {
		*len = (size_t)xmlBufferLength(buf);
		out = xmalloc(*len + 1);
		memcpy(out, xmlBufferContent(buf), *len);
		out[*len] = '\0';
	}
	xmlBufferFree(buf);
	return out;
}

/* Add one part from memory (borrowed until zip_close) with the fixed time. */
static int
zip_part(zip_t *za, const char *name, const void *data, size_t len, time_t mtime)
{
	zip_source_t *s = zip_source_buffer(za, data, len, 0);
	zip_int64_t idx;

	if (s == NULL)
		return -1;
	if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return -1;
	}
	if (zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0)
		return -1;
	return zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9);
}

/*
 * 1980-01-01 noon in local time: libzip stores local DOS times, so this is
 * the same stored time in every time zone, and the same bytes for the same
 * document.
 */
static time_t
fixed_mtime(void)
{
	struct tm tm = { .tm_year = 80, .tm_mon = 0, .tm_mday = 1, .tm_hour = 12,
	    .tm_isdst = -1 };

	return mktime(&tm);
}

/* Zip the parts into memory: 0 and *out, *len, or -1 with *cause. */
static int
zip_all(const char *const *names, const char *const *data, const size_t *lens,
    size_t n, char **out, size_t *len, char **cause)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t zst;
	zip_t *za;
	time_t mtime = fixed_mtime();

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto fail_ze;
	if ((za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		goto fail_ze;
	}
	zip_source_keep(src);
	for (size_t i = 0; i < n; i++) {
		if (zip_part(za, names[i], data[i], lens[i], mtime) == -1) {
			*cause = xasprintf("docx: %s: %s", names[i], zip_strerror(za));
			zip_discard(za);
			zip_source_free(src);
			return -1;
		}
	}
	if (zip_close(za) == -1) {
		*cause = xasprintf("docx: zip: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	if (zip_source_stat(src, &zst) == -1 || !(zst.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(src) == -1) {
		*cause = xasprintf("docx: zip: %s", zip_error_strerror(zip_source_error(src)));
		zip_source_free(src);
		return -1;
	}
	*out = xmalloc(zst.size + 1);
	if (zip_source_read(src, *out, zst.size) != (zip_int64_t)zst.size) {
		*cause = xasprintf("docx: zip: %s", zip_error_strerror(zip_source_error(src)));
		zip_source_close(src);
		zip_source_free(src);
		free(*out);
		*out = NULL;
		return -1;
	}
	*len = (size_t)zst.size;
	zip_source_close(src);
	zip_source_free(src);
	return 0;
fail_ze:
	*cause = xasprintf("docx: zip: %s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return -1;
}

int
docx_finish(struct docx *d, char **out, size_t *len, char **cause)
{
	const char *names[DOCX_TEMPLATE_PARTS + 2], *data[DOCX_TEMPLATE_PARTS + 2];
	size_t lens[DOCX_TEMPLATE_PARTS + 2], n = 0, core_len = 0;
	char *core;
	int rc;

	*out = NULL;
	*len = 0;
	write_sect(d);
	end(d);		/* w:body */
	end(d);		/* w:document */
	chk(d, xmlTextWriterEndDocument(d->w));
	xmlFreeTextWriter(d->w);
	d->w = NULL;
	if (d->failed) {
		*cause = xstrdup("docx: cannot write the document (out of memory)");
		return -1;
	}
	if ((core = core_props(d->title, &core_len)) == NULL) {
		*cause = xstrdup("docx: cannot write the document properties");
		return -1;
	}
	for (size_t i = 0; i < DOCX_TEMPLATE_PARTS; i++) {
		names[n] = docx_template[i].name;
		data[n] = docx_template[i].text;
		lens[n++] = strlen(docx_template[i].text);
	}
	names[n] = "word/document.xml";
	data[n] = (const char *)xmlBufferContent(d->buf);
	lens[n++] = (size_t)xmlBufferLength(d->buf);
	names[n] = "docProps/core.xml";
	data[n] = core;
	lens[n++] = core_len;
	rc = zip_all(names, data, lens, n, out, len, cause);
	free(core);
	return rc;
}

/*
 * docx.h: an editable Word document (Office Open XML) written with libxml2's
 * text writer (so every text is escaped) and zipped with libzip. The parts
 * that never change (styles, settings, relationships) are the text template
 * of docx-template.c; this module writes word/document.xml around them.
 * The same content always gives the same bytes (fixed zip timestamps).
 */
#ifndef TCTT_DOCX_H
#define TCTT_DOCX_H

#include <stdbool.h>
#include <stddef.h>

struct docx;

enum docx_align {
	DOCX_LEFT,
	DOCX_CENTER,
	DOCX_RIGHT,
	DOCX_BOTH,	/* justified */
};

/* Run and paragraph looks, or-ed together. */
#define DOCX_BOLD	0x01
#define DOCX_ITALIC	0x02
#define DOCX_UNDERLINE	0x04
#define DOCX_KEEP_NEXT	0x08	/* paragraph: keep with the next one */
#define DOCX_INDENT	0x10	/* paragraph: first line indented 1 cm (body text) */

/* The page: A4 portrait, margins in millimetres. */
struct docx_page {
	int	 top, bottom, left, right;
};

/* A new empty document on page pg; title goes into its properties. Caller frees with docx_free. */
struct docx *docx_new(const char *title, const struct docx_page *pg);
void docx_free(struct docx *d);

/*
 * A paragraph: begin, runs, end. style is a style ID of the template
 * ("Normal", "Heading", "TableText", "Small") or NULL for Normal; size is in
 * half points (28 = 14 pt), 0 for the style's.
 */
void docx_p_begin(struct docx *d, const char *style, enum docx_align align, int flags);
void docx_run(struct docx *d, const char *text, int flags, int size);
void docx_p_end(struct docx *d);
/* A whole paragraph of one run. */
void docx_para(struct docx *d, const char *style, enum docx_align align,
    const char *text, int flags);

/*
 * A table of ncols columns whose widths are given in per mille of the text
 * width; borders false for a layout table (the document's heading).
 */
void docx_table_begin(struct docx *d, size_t ncols, const int *widths, bool borders);
/* A row; header rows are repeated at the top of each page the table spans. */
void docx_row_begin(struct docx *d, bool header);
/* A cell holding paragraphs (docx_p_begin ... or docx_para); span columns wide. */
void docx_cell_begin(struct docx *d, int span);
void docx_cell_end(struct docx *d);
/* A cell of one paragraph of text in the TableText style. */
void docx_cell(struct docx *d, const char *text, enum docx_align align, int flags);
void docx_row_end(struct docx *d);
void docx_table_end(struct docx *d);

/* A short horizontal rule, centred, permille of its cell's (or the text's) width long. */
void docx_rule(struct docx *d, int permille);
/* The text width in twips (1/1440 inch), for tables within tables. */
int docx_text_width(const struct docx *d);

/*
 * Close the document and zip it: 0 and *out (caller frees), *len; or -1 with
 * *cause (caller frees). d is spent (docx_free it).
 */
int docx_finish(struct docx *d, char **out, size_t *len, char **cause);

#endif

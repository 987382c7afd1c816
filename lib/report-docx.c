/*
 * report-docx.c: the report as an administrative document per Decree
 * 30/2020/NĐ-CP, Appendix I: A4, margins 20/20/30/15 mm, Times New Roman; the
 * issuing body beside the national title and motto, the number and the
 * place and date for the clerk to fill, the document type and subject
 * centred, the body, then "Nơi nhận" beside the signature block.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "docx.h"
#include "xmalloc.h"

/* Sizes in half points. */
#define PT12	24
#define PT13	26
#define PT14	28

/* A centred paragraph of one run in the heading style. */
static void
head_line(struct docx *d, const char *text, int flags, int size)
{
	docx_p_begin(d, "HeaderText", DOCX_CENTER, 0);
	docx_run(d, text, flags, size);
	docx_p_end(d);
}

/* Issuing body | national title and motto; number | place and date. */
static void
frame_top(struct docx *d, const struct rdoc *doc)
{
	static const int widths[] = { 450, 550 };

	docx_table_begin(d, 2, widths, false);
	docx_row_begin(d, false);
	docx_cell_begin(d, 1);
	if (doc->parent != NULL)
		head_line(d, doc->parent, 0, PT12);
	head_line(d, doc->issuer, DOCX_BOLD, PT12);
	docx_rule(d, 350);
	docx_cell_end(d);
	docx_cell_begin(d, 1);
	head_line(d, RDOC_NATION, DOCX_BOLD, PT12);
	head_line(d, RDOC_MOTTO, DOCX_BOLD, PT13);
	docx_rule(d, 500);
	docx_cell_end(d);
	docx_row_end(d);
	docx_row_begin(d, false);
	docx_cell_begin(d, 1);
	head_line(d, doc->number, 0, PT13);
	docx_cell_end(d);
	docx_cell_begin(d, 1);
	head_line(d, doc->place_date, DOCX_ITALIC, PT14);
	docx_cell_end(d);
	docx_row_end(d);
	docx_table_end(d);

	docx_para(d, NULL, DOCX_CENTER, NULL, 0);
	docx_p_begin(d, "HeaderText", DOCX_CENTER, DOCX_KEEP_NEXT);
	docx_run(d, doc->doc_type, DOCX_BOLD, PT14);
	docx_p_end(d);
	docx_p_begin(d, "HeaderText", DOCX_CENTER, DOCX_KEEP_NEXT);
	docx_run(d, doc->subject, DOCX_BOLD, PT14);
	docx_p_end(d);
	docx_rule(d, 250);
	docx_para(d, NULL, DOCX_CENTER, NULL, 0);
}

static void
table(struct docx *d, const struct rdoc_table *t)
{
	docx_table_begin(d, t->cols, t->widths, true);
	for (size_t r = 0; r < t->rows; r++) {
		bool head = r < t->header_rows;

		docx_row_begin(d, head);
		for (size_t c = 0; c < t->cols; c++) {
			const char *text = t->cells[r * t->cols + c];
			enum docx_align align = head || c == 0 ? DOCX_CENTER :
			    t->numeric[c] ? DOCX_RIGHT : DOCX_LEFT;

			docx_cell(d, text != NULL ? text : "", align, head ? DOCX_BOLD : 0);
		}
		docx_row_end(d);
	}
	docx_table_end(d);
}

/* "Nơi nhận:" and its list | the signer's title, room to sign, the name left blank. */
static void
frame_bottom(struct docx *d, const struct rdoc *doc)
{
	static const int widths[] = { 500, 500 };

	docx_table_begin(d, 2, widths, false);
	docx_row_begin(d, false);
	docx_cell_begin(d, 1);
	docx_p_begin(d, "Small", DOCX_LEFT, 0);
	docx_run(d, "Nơi nhận:", DOCX_BOLD | DOCX_ITALIC, PT12);
	docx_p_end(d);
	for (size_t i = 0; i < doc->nrecipients; i++)
		docx_para(d, "Small", DOCX_LEFT, doc->recipients[i], 0);
	docx_cell_end(d);
	docx_cell_begin(d, 1);
	head_line(d, doc->signer, DOCX_BOLD, PT14);
	for (int i = 0; i < 4; i++)
		docx_para(d, "HeaderText", DOCX_CENTER, NULL, 0);
	docx_cell_end(d);
	docx_row_end(d);
	docx_table_end(d);
}

int
report_docx(const struct rdoc *doc, char **out, size_t *len, char **cause)
{
	static const struct docx_page page = { .top = 20, .bottom = 20, .left = 30,
	    .right = 15 };
	char *title = xasprintf("%s %s", doc->doc_type, doc->subject);
	struct docx *d = docx_new(title, &page);
	int rc;

	free(title);
	frame_top(d, doc);
	for (size_t i = 0; i < doc->n; i++) {
		const struct rdoc_block *b = &doc->blocks[i];

		switch (b->kind) {
		case RD_HEADING:
			docx_para(d, "Heading1", DOCX_BOTH, b->text, DOCX_INDENT | DOCX_KEEP_NEXT);
			break;
		case RD_PARA:
			/* A paragraph that introduces a table stays with it. */
			docx_para(d, NULL, DOCX_BOTH, b->text, DOCX_INDENT |
			    (i + 1 < doc->n && doc->blocks[i + 1].kind == RD_TABLE ?
			    DOCX_KEEP_NEXT : 0));
			break;
		case RD_NOTE:
			docx_p_begin(d, "Small", DOCX_BOTH, 0);
			docx_run(d, b->text, DOCX_ITALIC, 0);
			docx_p_end(d);
			docx_para(d, "Small", DOCX_LEFT, NULL, 0);
			break;
		case RD_TABLE:
			table(d, &b->t);
			break;
		}
	}
	docx_para(d, NULL, DOCX_LEFT, NULL, 0);
	frame_bottom(d, doc);
	rc = docx_finish(d, out, len, cause);
	docx_free(d);
	return rc;
}

/* Build, write, clear: the figures, the text, the .docx. */
static int
docx_of(const struct config *cfg, struct report *rep, char **out, size_t *len,
    char **cause)
{
	struct rdoc doc;
	int rc;

	report_doc(cfg, rep, &doc);
	rc = report_docx(&doc, out, len, cause);
	rdoc_clear(&doc);
	report_clear(rep);
	return rc;
}

int
report_docx_year(const struct config *cfg, struct store *st, int year,
    int64_t now, char **out, size_t *len, char **cause)
{
	struct report rep;

	if (report_build_year(cfg, st, year, now, &rep, cause) == -1)
		return -1;
	return docx_of(cfg, &rep, out, len, cause);
}

int
report_docx_week(const struct config *cfg, struct store *st, const char *week,
    int64_t now, char **out, size_t *len, char **cause)
{
	struct report rep;

	if (report_build_week(cfg, st, week, now, &rep, cause) == -1)
		return -1;
	return docx_of(cfg, &rep, out, len, cause);
}

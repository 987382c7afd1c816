/*
 * page-report.c: the yearly report on the dashboard: /reports lists the
 * years; /reports/YEAR is the report as a printable page (A4, its own print
 * stylesheet); /reports/YEAR.docx is the editable Word document, the same
 * bytes tcttd --report writes for the same data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dates.h"
#include "dashboard.h"
#include "html.h"
#include "report.h"
#include "xmalloc.h"

#define DOCX_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/* Years offered on /reports: this one and the ones before. */
#define REPORT_YEARS_SHOWN 5

static const char report_css[] =
"/* The report page: an administrative document (Decree 30/2020/NĐ-CP), on screen and on A4. */\n"
"/* Text within 20/15/20/30 mm margins; the page box is wider so the heading may reach into them. */\n"
"@page { size: A4; margin: 20mm 10mm 20mm 18mm; }\n"
"html { background: #e8e8e8; color: #000; }\n"
"body { margin: 0; font-family: \"Times New Roman\", \"Liberation Serif\", Tinos, serif;"
" font-size: 14pt; line-height: 1.3; }\n"
".bar { font-family: \"Noto Sans\", \"DejaVu Sans\", Arial, sans-serif; font-size: 1rem;"
" background: #0b3a63; color: #fff; padding: .5rem 1rem; }\n"
".bar a { color: #fff; margin-right: 1.25rem; }\n"
".bar p { margin: .25rem 0 0; }\n"
".sheet { background: #fff; max-width: 210mm; margin: 1rem auto; padding: 20mm 15mm 20mm 30mm;"
" box-sizing: border-box; }\n"
"/* As in the .docx, the heading reaches into the margins so the national title keeps to one line. */\n"
".frame { display: grid; grid-template-columns: 45% 55%; text-align: center; margin: 0 -5mm 0 -12mm; }\n"
".frame p { margin: 0; }\n"
".frame .small, .frame .nation { font-size: 12pt; }\n"
".frame .motto { font-size: 13pt; font-weight: bold; }\n"
".frame .rule { border-top: 1px solid #000; margin: 2px auto 0; }\n"
".frame .r35 { width: 35%; }\n"
".frame .r50 { width: 50%; }\n"
".frame .number { font-size: 13pt; margin-top: .5rem; }\n"
".frame .date { font-style: italic; margin-top: .5rem; }\n"
"h1 { font-size: 14pt; text-align: center; margin: 1.5rem 0 .25rem; }\n"
"h1 span { display: block; }\n"
"h1 + .rule { border-top: 1px solid #000; width: 25%; margin: 0 auto 1rem; }\n"
"h2 { font-size: 14pt; margin: .5rem 0 .25rem; text-indent: 10mm; break-after: avoid; }\n"
".sheet > p { text-align: justify; text-indent: 10mm; margin: 0 0 6pt; }\n"
".sheet > p.note { font-size: 11pt; font-style: italic; text-indent: 0; }\n"
"/* On a phone a wide table scrolls in its box; on paper it is whole. */\n"
".scroll { overflow-x: auto; }\n"
"@media print { .scroll { overflow: visible; } }\n"
"table.data { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 0 0 6pt; }\n"
"table.data th, table.data td { border: 1px solid #000; padding: 1px 3px; vertical-align: top;"
" overflow-wrap: break-word; }\n"
"table.data th { font-weight: bold; text-align: center; }\n"
"table.data td.num { text-align: right; white-space: nowrap; }\n"
"table.data td.stt { text-align: center; width: 2.5em; }\n"
"table.data thead { display: table-header-group; }\n"
"table.data tr { break-inside: avoid; }\n"
".sign { display: grid; grid-template-columns: 50% 50%; margin-top: 1rem; }\n"
".sign p { margin: 0; }\n"
".sign .to { font-size: 12pt; font-weight: bold; font-style: italic; }\n"
".sign .small { font-size: 11pt; }\n"
".sign .signer { text-align: center; font-weight: bold; min-height: 30mm; }\n"
"@media print {\n"
"  html { background: #fff; }\n"
"  .bar { display: none; }\n"
"  .sheet { margin: 0; padding: 0 5mm 0 12mm; max-width: none; }\n"
"}\n";

void
asset_report_css(struct dash_req *r)
{
	r->ctype = "text/css; charset=utf-8";
	r->cache = "public, max-age=3600";
	buf_puts(&r->body, report_css);
}

/* The current year of the request's now. */
static int
this_year(const struct dash_req *r)
{
	return date_of_time(r->now) / 10000;
}

void
page_reports(struct dash_req *r)
{
	int year = this_year(r);

	page_begin(&r->body, "Báo cáo năm", "reports");
	buf_puts(&r->body, "<h1>Báo cáo năm</h1>\n<p>Báo cáo kết quả theo dõi việc công "
	    "khai thông tin theo Luật Tiếp cận thông tin, trình bày theo thể thức văn bản "
	    "hành chính (Nghị định 30/2020/NĐ-CP). Bản Word (.docx) để chỉnh sửa, ghi số, "
	    "ngày và trình ký; bản xem trên trình duyệt để in (khổ A4).</p>\n<ul>\n");
	for (int y = year; y > year - REPORT_YEARS_SHOWN && y >= REPORT_YEAR_MIN; y--)
		buf_printf(&r->body, "<li>Năm %d%s: <a href=\"/reports/%d\">xem và in</a>"
		    " · <a href=\"/reports/%d.docx\">tải bản Word (.docx)</a></li>\n", y,
		    y == year ? " (đến hôm nay)" : "", y, y);
	buf_puts(&r->body, "</ul>\n");
	page_end(&r->body);
}

/* Text in a tag with a class, escaped. */
static void
tagged(struct buf *b, const char *tag, const char *cls, const char *text)
{
	buf_printf(b, "<%s class=\"%s\">", tag, cls);
	html_escape(b, text);
	buf_printf(b, "</%s>\n", tag);
}

/* One table, in a box of its own named label (unique on the page) that scrolls on a phone. */
static void
html_table(struct buf *b, const struct rdoc_table *t, const char *label)
{
	page_scroll_begin(b, label);
	buf_puts(b, "<table class=\"data\">\n<thead>\n");
	for (size_t r = 0; r < t->rows; r++) {
		bool head = r < t->header_rows;

		if (r == t->header_rows)
			buf_puts(b, "</thead>\n<tbody>\n");
		buf_puts(b, "<tr>");
		for (size_t c = 0; c < t->cols; c++) {
			const char *text = t->cells[r * t->cols + c];

			if (head)
				buf_puts(b, "<th scope=\"col\">");
			else
				buf_printf(b, "<td%s>", c == 0 ? " class=\"stt\"" :
				    t->numeric[c] ? " class=\"num\"" : "");
			html_escape(b, text != NULL ? text : "");
			buf_puts(b, head ? "</th>" : "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, t->rows > t->header_rows ? "</tbody>\n</table>\n" :
	    "</thead>\n</table>\n");
	page_scroll_end(b);
}

/* The document as HTML: the same model as the .docx, every text through html_escape. */
static void
html_doc(struct buf *b, const struct rdoc *doc, int year)
{
	const char *heading = NULL;
	int ntables = 0;

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_escape(b, doc->doc_type);
	buf_puts(b, " ");
	html_escape(b, doc->subject);
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"/static/report.css\">\n"
	    "</head>\n<body>\n<nav class=\"bar\" aria-label=\"Điều hướng\">"
	    "<a href=\"/\">Tổng quan</a><a href=\"/reports\">Các báo cáo năm</a>");
	buf_printf(b, "<a href=\"/reports/%d.docx\">Tải bản Word (.docx)</a>", year);
	buf_puts(b, "<p>In trang này (Ctrl+P) trên khổ A4; thanh này không được in.</p>"
	    "</nav>\n<main class=\"sheet\">\n<div class=\"frame\">\n<div>\n");
	if (doc->parent != NULL)
		tagged(b, "p", "small", doc->parent);
	buf_puts(b, "<p class=\"small\"><strong>");
	html_escape(b, doc->issuer);
	buf_puts(b, "</strong></p>\n<div class=\"rule r35\"></div>\n"
	    "</div>\n<div>\n");
	buf_puts(b, "<p class=\"nation\"><strong>");
	html_escape(b, RDOC_NATION);
	buf_puts(b, "</strong></p>\n");
	tagged(b, "p", "motto", RDOC_MOTTO);
	buf_puts(b, "<div class=\"rule r50\"></div>\n</div>\n");
	tagged(b, "p", "number", doc->number);
	tagged(b, "p", "date", doc->place_date);
	buf_puts(b, "</div>\n<h1><span>");
	html_escape(b, doc->doc_type);
	buf_puts(b, "</span><span>");
	html_escape(b, doc->subject);
	buf_puts(b, "</span></h1>\n<div class=\"rule\"></div>\n");
	for (size_t i = 0; i < doc->n; i++) {
		const struct rdoc_block *blk = &doc->blocks[i];

		switch (blk->kind) {
		case RD_HEADING:
			heading = blk->text;
			buf_puts(b, "<h2>");
			html_escape(b, blk->text);
			buf_puts(b, "</h2>\n");
			break;
		case RD_PARA:
			buf_puts(b, "<p>");
			html_escape(b, blk->text);
			buf_puts(b, "</p>\n");
			break;
		case RD_NOTE:
			tagged(b, "p", "note", blk->text);
			break;
		case RD_TABLE: {
			char *label = xasprintf("Bảng %d%s%s", ++ntables, heading ? ": " : "",
			    heading ? heading : "");

			html_table(b, &blk->t, label);
			free(label);
			break;
		}
		}
	}
	buf_puts(b, "<div class=\"sign\">\n<div>\n<p class=\"to\">Nơi nhận:</p>\n");
	for (size_t i = 0; i < doc->nrecipients; i++)
		tagged(b, "p", "small", doc->recipients[i]);
	buf_puts(b, "</div>\n");
	tagged(b, "p", "signer", doc->signer);
	buf_puts(b, "</div>\n</main>\n</body>\n</html>\n");
}

/* "2026" or "2026.docx" into *year and *docx; -1 when rest is neither or the year is not one to report. */
static int
parse_rest(const struct dash_req *r, const char *rest, int *year, bool *docx)
{
	size_t i;

	*year = 0;
	for (i = 0; i < 4 && rest[i] >= '0' && rest[i] <= '9'; i++)
		*year = *year * 10 + (rest[i] - '0');
	if (i != 4)
		return -1;
	if (rest[4] == '\0')
		*docx = false;
	else if (strcmp(rest + 4, ".docx") == 0)
		*docx = true;
	else
		return -1;
	return *year >= REPORT_YEAR_MIN && *year <= this_year(r) ? 0 : -1;
}

void
page_report(struct dash_req *r, const char *rest)
{
	struct store *st;
	struct report rep;
	struct rdoc doc;
	char *cause = NULL, *data;
	size_t len;
	bool docx;
	int year;

	if (parse_rest(r, rest, &year, &docx) == -1) {
		page_error(r, 404, "Không có báo cáo này (năm chưa bắt đầu hoặc "
		    "địa chỉ không đúng).");
		return;
	}
	if ((st = dash_store(r->d)) == NULL) {
		page_no_data(r);
		return;
	}
	if (docx) {
		if (report_docx_year(r->d->cfg, st, year, r->now, &data, &len,
		    &cause) == -1) {
			page_db_error(r, cause);
			return;
		}
		buf_add(&r->body, data, len);
		free(data);
		r->ctype = DOCX_TYPE;
		snprintf(r->filename, sizeof r->filename, "bao-cao-tctt-%d.docx", year);
		return;
	}
	if (report_build_year(r->d->cfg, st, year, r->now, &rep, &cause) == -1) {
		page_db_error(r, cause);
		return;
	}
	report_doc(r->d->cfg, &rep, &doc);
	html_doc(&r->body, &doc, year);
	rdoc_clear(&doc);
	report_clear(&rep);
}

/* svg.c: the weekly share compliant as an inline SVG bar chart, drawn by the server. */
#include <stdio.h>

#include "dashboard.h"
#include "html.h"
#include "store-dash.h"

#define SVG_W		640
#define SVG_H		220
#define SVG_LEFT	44
#define SVG_BOTTOM	30
#define SVG_TOP		24

void
svg_trend(struct buf *b, const struct trend_week *w, size_t n)
{
	int plot_w = SVG_W - SVG_LEFT - 8, plot_h = SVG_H - SVG_BOTTOM - SVG_TOP;
	int slot = n > 0 ? plot_w / (int)n : plot_w, bar = slot * 3 / 5;
	int last = n > 0 && w[n - 1].units > 0 ? w[n - 1].compliant * 100 / w[n - 1].units : 0;

	buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
	    "role=\"img\" aria-labelledby=\"trend-title trend-desc\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">\n"
	    "<title id=\"trend-title\">Tỉ lệ đơn vị đạt theo tuần</title>\n"
	    "<desc id=\"trend-desc\">%zu tuần; tuần gần nhất %d%% đơn vị đạt đủ "
	    "các tiêu chí được tính điểm.</desc>\n", SVG_W, SVG_H, n, last);
	/* Grid lines and their labels every 25 %. */
	for (int p = 0; p <= 100; p += 25) {
		int y = SVG_TOP + plot_h - plot_h * p / 100;

		buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#8a8a8a\" stroke-width=\"1\"%s/>\n"
		    "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
		    "fill=\"#1a1a1a\">%d%%</text>\n", SVG_LEFT, y, SVG_W - 8, y,
		    p == 0 ? "" : " stroke-dasharray=\"3 3\"", SVG_LEFT - 6, y + 4, p);
	}
	for (size_t i = 0; i < n; i++) {
		int pct = w[i].units > 0 ? w[i].compliant * 100 / w[i].units : 0;
		int h = plot_h * pct / 100, x = SVG_LEFT + (int)i * slot + (slot - bar) / 2;
		int y = SVG_TOP + plot_h - h, d = 0, m = 0, yr = 0;

		sscanf(w[i].monday, "%4d-%2d-%2d", &yr, &m, &d);
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"#1f5f99\"><title>Tuần từ %02d/%02d/%04d: %d%% (%d/%d)</title>"
		    "</rect>\n", x, y, bar, h, d, m, yr, pct, w[i].compliant, w[i].units);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "text-anchor=\"middle\" fill=\"#1a1a1a\">%02d/%02d</text>\n",
		    x + bar / 2, SVG_H - SVG_BOTTOM + 16, d, m);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "text-anchor=\"middle\" fill=\"#1a1a1a\">%d%%</text>\n",
		    x + bar / 2, y - 4, pct);
	}
	buf_puts(b, "</svg>\n");
}

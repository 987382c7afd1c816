/* assets.c: the stylesheet and the icon, embedded so the dashboard works with no internet (no CDN). */
#include <stdint.h>
#include <string.h>

#include "dashboard.h"

static const char style_css[] =
"/* tctt-dashboard: screen and print. Colours meet WCAG AA on their backgrounds. */\n"
":root { --ink: #1a1a1a; --muted: #4a4a4a; --link: #0b4f8a; --line: #8a8a8a; }\n"
"* { box-sizing: border-box; }\n"
"html { font-family: \"Noto Sans\", \"DejaVu Sans\", \"Segoe UI\", Arial, sans-serif;"
" font-size: 100%; line-height: 1.5; color: var(--ink); background: #fff; }\n"
"body { margin: 0; }\n"
"a { color: var(--link); }\n"
"a:hover { text-decoration-thickness: 2px; }\n"
":focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px;"
" box-shadow: 0 0 0 6px #ffd23f; }\n"
".skip { position: absolute; left: -10000px; top: 0; background: #fff; padding: .5rem 1rem;"
" z-index: 10; }\n"
".skip:focus { left: 1rem; top: 1rem; }\n"
"header.site { background: #0b3a63; color: #fff; padding: .5rem 1rem; }\n"
"header.site .brand { margin: 0 0 .25rem; font-weight: bold; }\n"
"header.site ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;"
" gap: .25rem 1.25rem; }\n"
"header.site a { color: #fff; }\n"
"header.site a[aria-current=page] { font-weight: bold; text-decoration-thickness: 3px; }\n"
"header.site :focus-visible { outline-color: #fff; }\n"
"main { padding: 1rem; max-width: 90rem; margin: 0 auto; }\n"
/* Phones: a long word or URL wraps rather than widening the page. */
"header.site, main, footer.site { overflow-wrap: break-word; }\n"
"main:focus { outline: none; }\n"
"h1 { font-size: 1.6rem; margin: .5rem 0; }\n"
"h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }\n"
".asof, .kind, .since, .basis, .crumbs { color: var(--muted); }\n"
".kind, .since, .basis { font-size: .875rem; font-weight: normal; }\n"
".totals { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .75rem; }\n"
".total { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .9rem;"
" min-width: 11rem; }\n"
".total .num { display: block; font-size: 1.8rem; font-weight: bold; }\n"
".filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end;"
" margin: .5rem 0 1rem; }\n"
".filters label { display: block; font-weight: bold; font-size: .9rem; }\n"
"input, select, button { font: inherit; padding: .3rem .5rem; border: 1px solid #595959;"
" border-radius: .25rem; background: #fff; color: var(--ink); }\n"
"button { background: #0b4f8a; color: #fff; border-color: #0b4f8a; cursor: pointer; }\n"
".scroll { overflow-x: auto; }\n"
/* The unit names stay in view while the matrix scrolls sideways. */
".matrix tbody th, .matrix thead th:first-child { position: sticky; left: 0; z-index: 1;"
" box-shadow: inset -2px 0 #8a8a8a; }\n"
".matrix tbody th { background: #fff; }\n"
"table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }\n"
"caption { text-align: left; font-weight: bold; padding: .25rem 0; }\n"
"th, td { border: 1px solid #b0b0b0; padding: .35rem .5rem; text-align: left;"
" vertical-align: top; }\n"
"thead th { background: #eef2f6; }\n"
"tbody th { font-weight: normal; }\n"
"tbody th a { font-weight: bold; }\n"
".matrix { font-size: .9rem; }\n"
".matrix thead th { vertical-align: bottom; }\n"
".matrix thead th.group { text-align: center; vertical-align: top;"
" border-bottom: 3px solid #0b4f8a; }\n"
".matrix th.not-counted, .nc { color: var(--muted); }\n"
".nc { display: block; font-size: .8rem; font-weight: normal; }\n"
".matrix tbody th { min-width: 9rem; }\n"
".matrix td { min-width: 5rem; }\n"
".matrix .badge { white-space: normal; }\n"
"td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
"td.url { word-break: break-all; }\n"
"abbr { text-decoration: none; }\n"
".badge { display: inline-block; white-space: nowrap; border-radius: .3rem;"
" padding: 0 .4rem; border: 1px solid; font-size: .875rem; }\n"
".badge .icon { font-weight: bold; }\n"
".st-ok { background: #e3f3e6; color: #0a5a1c; border-color: #0a5a1c; }\n"
".st-stale { background: #fff3cd; color: #5c3d00; border-color: #8a5a00; }\n"
".st-missing { background: #fde8ea; color: #8a1020; border-color: #8a1020; }\n"
".st-unreachable { background: #ededed; color: #333; border-color: #333;"
" border-style: dashed; }\n"
".st-not_checked { background: #f6f6f6; color: #4a4a4a; border-color: #767676; }\n"
".total.st-ok, .total.st-stale, .total.st-missing, .total.st-unreachable,"
" .total.st-not_checked { border-width: 1px 1px 1px 6px; }\n"
".unsafe { color: #8a1020; word-break: break-all; }\n"
".error { color: #8a1020; }\n"
"figure.trend { margin: 0; max-width: 48rem; }\n"
"svg.chart { display: block; height: auto; }\n"
"figcaption { color: var(--muted); font-size: .9rem; }\n"
"details { margin: .5rem 0; }\n"
"summary { cursor: pointer; color: var(--link); }\n"
"dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr);"
" gap: .25rem 1rem; }\n"
"dl.facts dd { overflow-wrap: anywhere; }\n"
"dl.facts dt { font-weight: bold; }\n"
"dl.facts dd { margin: 0; }\n"
"ol.timeline { list-style: none; padding-left: 1rem; border-left: 3px solid #0b4f8a; }\n"
"ol.timeline li { margin: 0 0 .75rem; padding-left: .5rem; }\n"
"ol.timeline p { margin: 0; }\n"
"ol.timeline .when { font-weight: bold; color: var(--muted); }\n"
"pre.mail { white-space: pre-wrap; border: 1px solid #b0b0b0; padding: 1rem;"
" background: #fafafa; font-family: inherit; }\n"
"footer.site { border-top: 1px solid #b0b0b0; padding: .5rem 1rem; color: var(--muted);"
" font-size: .875rem; }\n"
"@media (max-width: 30rem) {\n"
"  fieldset { min-width: 0; }\n"
"  fieldset input, fieldset select, fieldset textarea { max-width: 100%; box-sizing: border-box; }\n"
"  main { padding: .75rem; }\n"
"  dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0; }\n"
"  dl.facts dd { margin-bottom: .5rem; }\n"
"  .total { min-width: 0; flex: 1 1 8rem; }\n"
/* A table scrolls in its box rather than squeezing its columns to a word each. */
"  .scroll > table { min-width: 34rem; }\n"
"  .filters > div, .filters input, .filters select { max-width: 100%; }\n"
"}\n"
"@media print {\n"
"  header.site nav, .skip, form.filters, footer.site { display: none; }\n"
"  header.site { background: none; color: #000; padding: 0; }\n"
"  body, html { font-size: 10pt; }\n"
"  main { padding: 0; max-width: none; }\n"
"  a { color: #000; text-decoration: none; }\n"
"  td.url a::after { content: \" (\" attr(href) \")\"; }\n"
"  .scroll { overflow: visible; }\n"
"  .matrix tbody th, .matrix thead th:first-child { position: static; box-shadow: none; }\n"
"  table { page-break-inside: auto; }\n"
"  tr, li { page-break-inside: avoid; }\n"
"  thead { display: table-header-group; }\n"
"  @page { size: A4 landscape; margin: 1cm; }\n"
"  .matrix { font-size: 8pt; }\n"
"  .badge { border-width: 1px; background: none !important; color: #000 !important; }\n"
"  details > *:not(summary) { display: block; }\n"
"}\n";

void
asset_style(struct dash_req *r)
{
	r->ctype = "text/css; charset=utf-8";
	r->cache = "max-age=3600";
	buf_add(&r->body, style_css, sizeof style_css - 1);
}

#define ICON_SIDE	16
#define ICON_SIZE	(6 + 16 + 40 + ICON_SIDE * ICON_SIDE * 4 + ICON_SIDE * 4)

/* Squared distance from (x, y) to the segment (ax, ay)-(bx, by). */
static double
segment_distance2(double x, double y, double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay;
	double t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);

	t = t < 0 ? 0 : t > 1 ? 1 : t;
	dx = x - (ax + t * dx);
	dy = y - (ay + t * dy);
	return dx * dx + dy * dy;
}

static uint8_t *
put_le(uint8_t *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

/* A 16×16 .ico: a white tick on the header's blue, drawn once (32-bit BMP inside). */
static const uint8_t *
favicon(void)
{
	static uint8_t ico[ICON_SIZE];
	static bool made;
	uint8_t *p = ico;

	if (made)
		return ico;
	p = put_le(p, 0, 2);			/* reserved */
	p = put_le(p, 1, 2);			/* an icon */
	p = put_le(p, 1, 2);			/* one image */
	*p++ = ICON_SIDE;
	*p++ = ICON_SIDE;
	*p++ = 0;				/* no palette */
	*p++ = 0;
	p = put_le(p, 1, 2);			/* planes */
	p = put_le(p, 32, 2);			/* bits per pixel */
	p = put_le(p, ICON_SIZE - 22, 4);	/* image bytes */
	p = put_le(p, 22, 4);			/* image offset */
	p = put_le(p, 40, 4);			/* BITMAPINFOHEADER */
	p = put_le(p, ICON_SIDE, 4);
	p = put_le(p, 2 * ICON_SIDE, 4);	/* colour and mask, stacked */
	p = put_le(p, 1, 2);
	p = put_le(p, 32, 2);
	p = put_le(p, 0, 4);			/* uncompressed */
	p = put_le(p, ICON_SIDE * ICON_SIDE * 4, 4);
	memset(p, 0, 16);			/* resolution, palette: none */
	p += 16;
	for (int row = ICON_SIDE - 1; row >= 0; row--) {	/* bottom-up */
		for (int col = 0; col < ICON_SIDE; col++) {
			double x = col + .5, y = row + .5;
			bool tick = segment_distance2(x, y, 3.5, 8.5, 6.5, 11.5) < 1.7 ||
			    segment_distance2(x, y, 6.5, 11.5, 12.5, 4.5) < 1.7;

			/* BGRA: white, or #0b3a63 */
			p = put_le(p, tick ? 0xFFFFFFFFu : 0xFF0B3A63u, 4);
		}
	}
	memset(p, 0, ICON_SIDE * 4);		/* AND mask: all opaque */
	made = true;
	return ico;
}

void
asset_favicon(struct dash_req *r)
{
	r->ctype = "image/x-icon";
	r->cache = "max-age=86400";
	buf_add(&r->body, favicon(), ICON_SIZE);
}

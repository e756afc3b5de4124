/*
 * pdf.c - report_pdf(): the report's blocks (report.h) laid out on A4 pages
 * with Pango and drawn by Cairo's PDF surface. Pango shapes the text (so
 * Cyrillic, Uzbek Latin's ʻ and any script DejaVu covers come out right) and
 * Cairo embeds subsets of the fonts used; the text stays real text that
 * pdftotext and screen readers can extract. Lines break across pages one by
 * one; a heading never ends a page.
 */
#include "render/report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "records/date.h"
#include "util/util.h"

#define PAGE_W 595.0 /* A4 in points */
#define PAGE_H 842.0
#define MARGIN 56.0

struct pdf {
	cairo_t *cr;
	double y;
	int page;
	const char *title, *audience;
};

static void footer(struct pdf *p)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans 7.5");
	pango_layout_set_font_description(l, fd);
	char text[512];
	snprintf(text, sizeof(text), "%s — for %s — page %d", p->title, p->audience, p->page);
	pango_layout_set_text(l, text, -1);
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN + 18);
	pango_cairo_show_layout(p->cr, l);
	cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Draws text from the current y, wrapping within the page from x = indent. */
static void flow(struct pdf *p, const char *text, const char *font, double indent)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN - indent) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double h = (double)logical.height / PANGO_SCALE;
		if (p->y + h > PAGE_H - MARGIN)
			new_page(p);
		int baseline = pango_layout_iter_get_baseline(it);
		cairo_move_to(p->cr, MARGIN + indent + (double)logical.x / PANGO_SCALE,
		              p->y + (double)(baseline - logical.y) / PANGO_SCALE);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pango_font_description_free(fd);
	g_object_unref(l);
}

/* A long value without spaces (a hash, a key) is set in a narrower monospaced
 * font, so that it stays on one line and pdftotext gives it back whole. */
static bool is_token(const char *s)
{
	return s && strlen(s) > 32 && !strchr(s, ' ');
}

static void heading(struct pdf *p, const char *text, const char *font, double before)
{
	p->y += before;
	if (p->y + 60 > PAGE_H - MARGIN)
		new_page(p);
	flow(p, text, font, 0);
	p->y += 4;
}

static void text_at(cairo_t *cr, double x, double y, const char *text, const char *font, bool right)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, text, -1);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(cr, right ? x - w : x, y - (double)h / 2);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
}

/* The timeline chart drawn with Cairo, as the SVG of timeline.c draws it. */
static void chart(struct pdf *p, const json_t *items)
{
	json_t *types = json_array();
	long first = 0, last = 0;
	size_t dated = 0, i, j;
	json_t *it, *t;
	json_array_foreach(items, i, it)
	{
		struct date_value v;
		long d;
		const char *ds = json_string_value(json_object_get(it, "date"));
		if (!ds || date_parse(ds, &v) || date_parse_day(v.from, &d)) {
			error_clear();
			continue;
		}
		first = dated && first < d ? first : d;
		last = dated && last > d ? last : d;
		dated++;
		const char *ty = json_string_value(json_object_get(it, "type"));
		bool seen = false;
		json_array_foreach(types, j, t) seen = seen || !strcmp(json_string_value(t), ty);
		if (!seen)
			json_array_append_new(types, json_string(ty));
	}
	if (!dated) {
		json_decref(types);
		flow(p, "No dated events.", "DejaVu Sans Oblique 9", 0);
		return;
	}
	long pad = (last - first) / 20 + 5;
	first -= pad;
	last += pad;
	double row = 18, left = MARGIN + 110, right = PAGE_W - MARGIN;
	double h = (double)json_array_size(types) * row + 24;
	if (p->y + h > PAGE_H - MARGIN)
		new_page(p);
	double top = p->y;
	json_array_foreach(types, j, t)
	{
		double y = top + (double)j * row + row / 2;
		cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
		text_at(p->cr, left - 6, y, json_string_value(t), "DejaVu Sans 8", true);
		cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
		cairo_new_path(p->cr);
		cairo_move_to(p->cr, left, y);
		cairo_line_to(p->cr, right, y);
		cairo_stroke(p->cr);
	}
	double axis = top + (double)json_array_size(types) * row;
	cairo_set_source_rgb(p->cr, 0.45, 0.45, 0.45);
	cairo_new_path(p->cr);
	cairo_move_to(p->cr, left, axis);
	cairo_line_to(p->cr, right, axis);
	cairo_stroke(p->cr);
	int y0, y1, m, d;
	date_from_days(first, &y0, &m, &d);
	date_from_days(last, &y1, &m, &d);
	int step = (y1 - y0) / 8 + 1;
	for (int y = y0 + 1; y <= y1; y += step) {
		double x = left + (double)(date_to_days(y, 1, 1) - first) * (right - left) /
		                      (double)(last - first);
		char label[8];
		snprintf(label, sizeof(label), "%d", y);
		cairo_new_path(p->cr);
		cairo_move_to(p->cr, x, axis);
		cairo_line_to(p->cr, x, axis + 4);
		cairo_stroke(p->cr);
		text_at(p->cr, x - 10, axis + 12, label, "DejaVu Sans 7", false);
	}
	static const double colours[][3] = {{0.11, 0.25, 0.45}, {0.70, 0.15, 0.12},
	                                    {0.18, 0.49, 0.20}, {0.56, 0.14, 0.67},
	                                    {0.76, 0.33, 0.0},  {0.0, 0.41, 0.36}};
	json_array_foreach(items, i, it)
	{
		struct date_value v;
		long dd;
		const char *ds = json_string_value(json_object_get(it, "date"));
		if (!ds || date_parse(ds, &v) || date_parse_day(v.from, &dd)) {
			error_clear();
			continue;
		}
		size_t rowi = 0;
		json_array_foreach(types, j,
		                   t) if (!strcmp(json_string_value(t),
		                                  json_string_value(json_object_get(it, "type"))))
		    rowi = j;
		const double *c = colours[rowi % ARRAY_SIZE(colours)];
		cairo_set_source_rgba(p->cr, c[0], c[1], c[2], 0.8);
		double x = left + (double)(dd - first) * (right - left) / (double)(last - first);
		cairo_new_path(p->cr);
		cairo_arc(p->cr, x, top + (double)rowi * row + row / 2, 4, 0, 6.2832);
		cairo_fill(p->cr);
	}
	cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
	p->y = axis + 24;
	json_decref(types);
}

int report_pdf(const json_t *blocks, const char *title, const char *audience, const char *path)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	cairo_status_t created = cairo_surface_status(s);
	if (created != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return error_set(VG_EIO, "cannot write the PDF %s: %s", path,
		                 cairo_status_to_string(created));
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Vigil");
	struct pdf p = {
	    .cr = cairo_create(s), .y = MARGIN, .page = 1, .title = title, .audience = audience};
	cairo_set_source_rgb(p.cr, 0.1, 0.1, 0.1);
	size_t i, j;
	json_t *b, *x;
	json_array_foreach(blocks, i, b)
	{
		const char *key = json_object_iter_key(json_object_iter((json_t *)b));
		json_t *v = json_object_iter_value(json_object_iter((json_t *)b));
		if (!strcmp(key, "h1"))
			heading(&p, json_string_value(v), "DejaVu Sans Bold 17", 0);
		else if (!strcmp(key, "h2"))
			heading(&p, json_string_value(v), "DejaVu Sans Bold 13", 12);
		else if (!strcmp(key, "h3"))
			heading(&p, json_string_value(v), "DejaVu Sans Bold 10.5", 6);
		else if (!strcmp(key, "p")) {
			flow(&p, json_string_value(v), "DejaVu Serif 10", 0);
			p.y += 6;
		} else if (!strcmp(key, "note")) {
			flow(&p, json_string_value(v), "DejaVu Sans Oblique 8.5", 0);
			p.y += 6;
		} else if (!strcmp(key, "kv")) {
			json_array_foreach(v, j, x)
			{
				if (p.y + 14 > PAGE_H - MARGIN)
					new_page(&p);
				double y0 = p.y;
				flow(&p, json_string_value(json_array_get(x, 0)),
				     "DejaVu Sans Bold 9", 0);
				double y1 = p.y;
				p.y = y0;
				const char *value = json_string_value(json_array_get(x, 1));
				flow(&p, value,
				     is_token(value) ? "DejaVu Sans Mono 6.5" : "DejaVu Sans 9",
				     100);
				if (p.y < y1 && p.y >= y0)
					p.y = y1;
			}
			p.y += 6;
		} else if (!strcmp(key, "ul")) {
			json_array_foreach(v, j, x)
			{
				if (p.y + 14 > PAGE_H - MARGIN)
					new_page(&p);
				double y0 = p.y;
				flow(&p, "•", "DejaVu Sans 9.5", 4);
				p.y = y0;
				flow(&p, json_string_value(x), "DejaVu Sans 9.5", 16);
				p.y += 2;
			}
			p.y += 4;
		} else if (!strcmp(key, "timeline")) {
			chart(&p, v);
		}
	}
	footer(&p);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	/* Drop the font map and Cairo's font caches (and the fontconfig patterns
	 * they hold) now that the PDF is written, so that nothing is left
	 * allocated (the ASan build's leak check); the next use makes new ones. */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
	if (st != CAIRO_STATUS_SUCCESS)
		return error_set(VG_EIO, "cannot write the PDF %s: %s", path,
		                 cairo_status_to_string(st));
	return 0;
}

#include "render/timeline.h"

#include "records/date.h"
#include "render/html.h"
#include "util/util.h"

#define WIDTH  720
#define LEFT   170
#define RIGHT  20
#define ROW    28
#define TOP    16
#define AXIS_H 30

static const char *const colours[] = {"#1d3f72", "#b3261e", "#2e7d32", "#8e24aa",
                                      "#c25400", "#00695c", "#5d4037", "#37474f"};

void timeline_svg(struct strbuf *sb, const json_t *items, const char *title_text)
{
	json_t *types = json_array();
	long first = 0, last = 0;
	size_t dated = 0, undated = 0, i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		struct date_value v;
		const char *d = json_string_value(json_object_get(it, "date"));
		long days;
		if (!d || date_parse(d, &v) || date_parse_day(v.from, &days)) {
			error_clear();
			undated++;
			continue;
		}
		if (!dated || days < first)
			first = days;
		if (!dated || days > last)
			last = days;
		dated++;
		const char *t = json_string_value(json_object_get(it, "type"));
		bool seen = false;
		size_t j;
		json_t *x;
		json_array_foreach(types, j, x) seen = seen || !strcmp(json_string_value(x), t);
		if (!seen)
			json_array_append_new(types, json_string(t));
	}
	size_t rows = json_array_size(types);
	int height = TOP + (int)(rows ? rows : 1) * ROW + AXIS_H;
	html_addf(sb,
	          "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
	          "height=\"%d\" role=\"img\" aria-labelledby=\"tl-title tl-desc\" "
	          "font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">"
	          "<title id=\"tl-title\">%s</title><desc id=\"tl-desc\">%zu dated items in %zu "
	          "types%R</desc>",
	          WIDTH, height, WIDTH, height, title_text, dated, rows,
	          undated ? "; undated items are not drawn" : "");
	if (!dated) {
		html_raw(sb, "</svg>");
		json_decref(types);
		return;
	}
	/* A little room on both sides so that marks at the ends show whole. */
	long span = last - first;
	long pad = span / 20 + 5;
	first -= pad;
	last += pad;
	span = last - first;
	int plot_w = WIDTH - LEFT - RIGHT;
	int axis_y = TOP + (int)rows * ROW;
	size_t j;
	json_t *t;
	json_array_foreach(types, j, t)
	{
		int y = TOP + (int)j * ROW + ROW / 2;
		html_addf(sb,
		          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1b1b1b\">%s</text>"
		          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>",
		          LEFT - 8, y + 4, json_string_value(t), LEFT, y, WIDTH - RIGHT, y);
	}
	html_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#767676\"/>", LEFT,
	          axis_y, WIDTH - RIGHT, axis_y);
	/* Year ticks; when the span is under two years, month ticks. */
	int y0, m0, d0, y1, m1, d1;
	date_from_days(first, &y0, &m0, &d0);
	date_from_days(last, &y1, &m1, &d1);
	bool months = y1 - y0 < 2;
	int labels = 0;
	for (int y = y0; y <= y1; y++) {
		for (int m = 1; m <= 12; m++) {
			if (!months && m > 1)
				break;
			long days = date_to_days(y, m, 1);
			if (days < first || days > last)
				continue;
			int x = LEFT + (int)((days - first) * plot_w / (span ? span : 1));
			html_addf(
			    sb,
			    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#767676\"/>", x,
			    axis_y, x, axis_y + 5);
			/* Label at most about ten ticks. */
			int step = months ? (y1 - y0 + 1) * 12 / 10 + 1 : (y1 - y0 + 1) / 10 + 1;
			if (labels++ % step == 0) {
				if (months)
					html_addf(sb,
					          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
					          "fill=\"#1b1b1b\">%d-%R%d</text>",
					          x, axis_y + 18, y, m < 10 ? "0" : "", m);
				else
					html_addf(sb,
					          "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
					          "fill=\"#1b1b1b\">%d</text>",
					          x, axis_y + 18, y);
			}
		}
	}
	json_array_foreach(items, i, it)
	{
		struct date_value v;
		const char *d = json_string_value(json_object_get(it, "date"));
		long days;
		if (!d || date_parse(d, &v) || date_parse_day(v.from, &days)) {
			error_clear();
			continue;
		}
		const char *type = json_string_value(json_object_get(it, "type"));
		size_t row = 0;
		json_array_foreach(types, j, t) if (!strcmp(json_string_value(t), type)) row = j;
		int x = LEFT + (int)((days - first) * plot_w / (span ? span : 1));
		int y = TOP + (int)row * ROW + ROW / 2;
		struct strbuf when = STRBUF_INIT;
		date_format_human(d, &when);
		html_addf(sb,
		          "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\" fill-opacity=\"0.8\">"
		          "<title>%s: %s</title></circle>",
		          x, y, colours[row % ARRAY_SIZE(colours)], when.buf,
		          json_string_value(json_object_get(it, "title")));
		strbuf_release(&when);
	}
	html_raw(sb, "</svg>");
	json_decref(types);
}

/*
 * timeline.h - the timeline chart as SVG, drawn by Vigil: one row per type of
 * event (from the acts' types: threat, insult, surveillance, ..., and the
 * complaints filed), one mark per dated item, on a time axis from the first
 * to the last date with year ticks. Undated items are left out (and counted
 * in the chart's description). The caller decides what may be shown (see
 * redact.h) and passes only that. Appends to a caller-owned buffer.
 */
#ifndef VIGIL_TIMELINE_H
#define VIGIL_TIMELINE_H

#include <jansson.h>

#include "util/strbuf.h"

/* items: array of {"date": DATE, "type": label, "title": text}. title_text
 * names the chart for screen readers. */
void timeline_svg(struct strbuf *sb, const json_t *items, const char *title_text);

#endif

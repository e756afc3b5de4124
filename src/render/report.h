/*
 * report.h - the case report for a lawyer or a rapporteur: the defender and
 * relatives, the timeline chart, events with their acts and alleged
 * perpetrators, complaints and their answers and deadlines, the evidence files
 * with their SHA-256 and chain of custody, the flagged messages (worst first,
 * scores and review; text only for an audience that may see it), statements,
 * and the latest signed checkpoint (model keys of casemodel_evidence()).
 *
 * The report is built once as a list of blocks (JSON: {"h1"|"h2"|"p"|"note":
 * text}, {"kv": [[label, value], ...]}, {"ul": [text, ...]}, {"timeline":
 * items}) and then written as HTML (report_html, through html.h and the page
 * frame with the reader controls, stylesheet inlined so it is one file) or as
 * PDF (report_pdf, Cairo + Pango with DejaVu fonts embedded, so Cyrillic and
 * Uzbek Latin come out as real text).
 *
 * What an audience may see is decided by redact.h: by default anything above
 * the audience refuses the report with the list; with redact_omit set, it is
 * left out and listed in the report's last section. Evidence items and flagged
 * messages have levels nobody can change (redact.h): what of them the
 * audience may not see is always left out and listed, never refused. Input: the case model of
 * cli/casemodel.h. One thread.
 */
#ifndef VIGIL_REPORT_H
#define VIGIL_REPORT_H

#include <stdbool.h>

#include <jansson.h>

#include "render/redact.h"
#include "util/strbuf.h"

/* The most flagged messages a report lists (worst first); it says how many more. */
#define REPORT_MAX_FLAGS 100

int report_build(const json_t *model, struct redact *r, bool leave_out, const char *today,
                 json_t **blocks);
void report_html(const json_t *blocks, const char *title, const char *today, struct strbuf *sb);
int report_pdf(const json_t *blocks, const char *title, const char *audience, const char *path);

#endif

/*
 * draft.h - the first draft of a statement, written from a case's facts that
 * the public may see (redact.h decides; what it leaves out is noted in the
 * struct redact's "omitted" list): who the defender is and her work, what
 * happened when, what was asked of the authorities and whether they answered,
 * the international standards that apply, and the demands (protect,
 * investigate, bring to justice). Kinds: joint, urgent-appeal, letter, un;
 * languages: en, ru. Input: the case model of cli/casemodel.h. The output is
 * Markdown for a person to edit. Pure; caller-owned buffers.
 */
#ifndef VIGIL_DRAFT_H
#define VIGIL_DRAFT_H

#include <jansson.h>

#include "render/redact.h"
#include "util/strbuf.h"

int draft_statement(const json_t *model, const char *kind, const char *lang, struct redact *r,
                    struct strbuf *title, struct strbuf *body);

#endif

/*
 * un.h - a case laid out in the fields the UN Special Rapporteur on human
 * rights defenders asks for (../shared/reference/domain.md §4): the victim
 * (name, age, sex, profession, residence, organisation, the nature of the
 * human rights work), the violations (date, place, description, link to the
 * work), the alleged perpetrators (and, for non-state actors, links to the
 * state), the steps taken with the national authorities and their outcome,
 * and the consent of the victim or family. Without recorded consent there is
 * no submission. Every record shown is cleared by redact.h for the chosen
 * audience; optional sensitive fields above it (address, birth date, place)
 * are left out and listed. Input: the case model of cli/casemodel.h.
 */
#ifndef VIGIL_UN_H
#define VIGIL_UN_H

#include <jansson.h>

#include "render/redact.h"
#include "util/strbuf.h"

/* The submission as JSON (caller owns *out). today: YYYY-MM-DD, for the age. */
int un_submission(const json_t *model, const json_t *statement, const char *today, struct redact *r,
                  json_t **out);
/* The same as text a caseworker pastes into the UN's online form. */
void un_format_text(const json_t *sub, struct strbuf *sb);

#endif

/*
 * casemodel.h - gathers one case's records into the JSON model that the
 * renderers (statement drafts, UN export, reports) read, so that render/ runs
 * no SQL. The model, owned by the caller:
 *   {"case": rec, "defender": person,
 *    "relatives": [{"relationship": rel, "person": person}],
 *    "events": [event + "acts": [act + "victim": person-rec-or-id,
 *                                      "involvements": [inv + "perpetrator_rec"]]],
 *    "complaints": [complaint + "authority_rec": org],
 *    "statements": [...], "references": [records cited by the statements, else all],
 *    "org": {id: record}}
 * Records are copies; retracted ones are left out. One thread.
 */
#ifndef VIGIL_CASEMODEL_H
#define VIGIL_CASEMODEL_H

#include <jansson.h>

struct vault;

int casemodel_load(struct vault *v, const char *case_id, json_t **out);
/* Adds the records a statement body cites (render/cite.h) to cited, keyed
 * "kind:id" (a complaint with its "authority_rec"); missing ones are left
 * out, and rendering then names them. */
int casemodel_cited(struct vault *v, const char *body, json_t *cited);

#endif

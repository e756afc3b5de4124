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
/* Adds to each complaint of the model its "deadline" as of today
 * (YYYY-MM-DD): {due, status, days_overdue, explanation, cite}, from the
 * deadlines module (deadlines/complaint_status.h). */
int casemodel_deadlines(struct vault *v, json_t *model, const char *today);
/* The same for an array of complaint records. */
int casemodel_complaint_deadlines(struct vault *v, json_t *complaints, const char *today);
/*
 * Adds what the evidence, detection and ledger modules hold about the case:
 *   "evidence": [item of evidence_get() + "custody": [change log entries]],
 *   "flags": [flags_list() entries of the case that passed the threshold,
 *             worst first, at most max_flags (0: all)], "flags_total": n,
 *   "checkpoint": {origin, size, root (base64), root_hex, key_name, key_id,
 *                  file} of the latest signed checkpoint, its signature
 *                  checked with the vault's key (absent when there is none).
 */
int casemodel_evidence(struct vault *v, json_t *model, size_t max_flags);
/* Adds the records a statement body cites (render/cite.h) to cited, keyed
 * "kind:id" (a complaint with its "authority_rec"); missing ones are left
 * out, and rendering then names them. */
int casemodel_cited(struct vault *v, const char *body, json_t *cited);

#endif

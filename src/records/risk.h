/*
 * risk.h - each case's risk picture (domain.md section 3: risk = threats x
 * vulnerabilities / capacities): three checklists of short texts and the risk
 * level a person set, with who and when. Stored as one JSON object per case
 * ({"level", "threats": [], "vulnerabilities": [], "capacities": [], "note",
 * "set_at", "set_by"}); every change goes to the change log (op "risk", kind
 * "case"). Writes run inside the caller's transaction; returned json_t are new
 * references the caller decrefs.
 */
#ifndef VIGIL_RISK_H
#define VIGIL_RISK_H

#include <jansson.h>

struct vault;

extern const char *const risk_levels[4]; /* low, medium, high, severe */

/* The case's risk picture, or an empty object when none was recorded. */
int risk_get(struct vault *v, const char *case_id, json_t **out);
/* Replaces the picture (the caller merges); the case must exist. */
int risk_put(struct vault *v, const char *case_id, json_t *data);

#endif

/*
 * alerts.h - warnings computed from a case's records, each with the rule that
 * fired and the records behind it, and the risk level Vigil suggests
 * (domain.md section 3). The rules are pure functions over a "bundle" of the
 * case's records (alerts_bundle_load() reads it from the vault), so each can
 * be tested with records built in memory:
 *
 *   repeated-surveillance      surveillance acts naming the same vehicle,
 *                              person or place on ALERT_SURV_DAYS or more days
 *                              within ALERT_SURV_WINDOW days
 *   escalating-threats         a threat more severe than every earlier one
 *                              (threat < threat.relatives < threat.death), or
 *                              twice as many threat days in the last 30 days as
 *                              in the 30 before (at least 3)
 *   threats-naming-relatives   threats against a relative of the defender
 *                              (relationship records) or of type threat.relatives
 *   threat-after-public-action a threat or other hostile act 1 to
 *                              ALERT_AFTER_DAYS days after a complaint was filed
 *                              or a statement published
 *   complaint-overdue          a complaint whose answer is overdue
 *
 * Records dated after `today` are ignored, so that a past day can be replayed.
 * Returned json_t are new references; functions are thread-safe except the
 * loader, which uses the vault.
 */
#ifndef VIGIL_ALERTS_H
#define VIGIL_ALERTS_H

#include <jansson.h>

struct vault;

#define ALERT_SURV_DAYS   3
#define ALERT_SURV_WINDOW 14
#define ALERT_AFTER_DAYS  14
#define ALERT_NEW_DAYS    7

/* bundle: {"case": {...}, "events", "acts", "involvements", "relationships",
 * "complaints" (evaluations from complaint_status.h), "statements": [...]}.
 * *out: an array of {rule, level (warning|high), case, title, records [ids],
 * date (the latest day behind it, YYYY-MM-DD), new (within ALERT_NEW_DAYS)}. */
void alerts_compute(const json_t *bundle, long today, json_t **out);

/* Reads one case's bundle from the vault (with complaint evaluations). */
int alerts_bundle_load(struct vault *v, const char *case_id, long today, json_t **out);

/* The suggested level from the recorded checklists and the alerts:
 * {level, score, reason}. risk is the case's picture (risk.h). */
json_t *risk_suggest(const json_t *risk, const json_t *alerts);

#endif

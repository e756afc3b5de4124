/*
 * complaint_status.h - a complaint's deadline as the vault knows it: loads the
 * rule for its jurisdiction and kind of appeal, the calendars, and its steps
 * (complaint_steps.h, plus the record's own response and response_date), and
 * runs deadline_compute(). Reads only; not thread-safe (uses the vault).
 */
#ifndef VIGIL_COMPLAINT_STATUS_H
#define VIGIL_COMPLAINT_STATUS_H

#include <jansson.h>

struct vault;

/* How many days ahead counts as "due soon". */
#define COMPLAINT_SOON_DAYS 7

/* Evaluates one complaint record as of today (days since 1970). *out is a new
 * object: id, case, authority, authority_name, jurisdiction, kind, filed,
 * received, due (YYYY-MM-DD or null), due_earliest, status, days_overdue,
 * days_left, explanation, rule {...} (null when there is none) and steps. */
int complaint_evaluate(struct vault *v, json_t *complaint, long today, json_t **out);

/* Evaluates the complaints of a case (or all, case_id NULL), most urgent
 * first: overdue (longest first), due today, due soon, pending, unknown, done. */
int complaints_evaluate_all(struct vault *v, const char *case_id, long today, json_t **out);

/* Today: the text (YYYY-MM-DD) if given, else the local date. */
int today_parse(const char *text, long *day);

#endif

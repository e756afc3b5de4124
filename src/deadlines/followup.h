/*
 * followup.h - the follow-up letter to an authority that has not answered a
 * complaint, in English, Russian or Uzbek. The words are data: the letter is
 * data/templates/follow-up.<lang>.txt with {{placeholders}} (a line starting
 * "?overdue " is kept only when the deadline has passed), and the citation in
 * the letter's language comes from data/templates/citations.tsv (rule id,
 * language, text), falling back to the English short citation. Dates, terms
 * and day counts are spelt in the language here. Pure functions apart from
 * followup_load(), which reads the data folder. Thread-safe.
 */
#ifndef VIGIL_FOLLOWUP_H
#define VIGIL_FOLLOWUP_H

#include <stdbool.h>

#include <jansson.h>

#include "deadlines/deadlines.h"
#include "util/strbuf.h"

/* en, ru, uz */
bool followup_lang_known(const char *lang);
/* "27 May 2024", "27 мая 2024 г.", "2024-yil 27-may". */
void followup_date(const char *lang, long day, struct strbuf *out);
/* A term after "within": "15 days", "15 дней", "1 месяца", "15 kun". */
void followup_term(const char *lang, int n, enum dl_unit unit, struct strbuf *out);
/* A count of days late: "9 days", "9 дней", "21 день", "9 kun". */
void followup_days(const char *lang, long n, struct strbuf *out);

/* Fills the template: {{name}} takes the string value of facts[name]; a line
 * starting "?NAME " is kept (without the marker) only when facts[NAME] is
 * true. An unknown placeholder is an error naming it. */
int followup_render(const char *tmpl, const json_t *facts, struct strbuf *out);

/* The facts of a letter from a complaint evaluation (complaint_status.h) and
 * the complaint record: authority, by, reference, filed, due, term, cite,
 * days_overdue, request, today, overdue. cite_text is the citation in the
 * language, or NULL for the English short form. New reference. */
json_t *followup_facts(const char *lang, const json_t *eval, const json_t *complaint,
                       const char *by_name, long today, const char *cite_text);

/* Reads the template and the citation of rule_id (may be NULL) for lang. */
int followup_load(const char *lang, const char *rule_id, struct strbuf *tmpl, struct strbuf *cite);

#endif

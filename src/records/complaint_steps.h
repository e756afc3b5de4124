/*
 * complaint_steps.h - what happened to a complaint after it was filed:
 * acknowledged, extended (with or without notice), forwarded to another body,
 * answered, refused, no reply. Steps are appended, never edited (a mistaken
 * step is corrected by a later one); each is written to the change log in the
 * same transaction. A step is a JSON object: kind, date (YYYY-MM-DD), and as
 * they apply note, to (an org id or a name), until (the new due date an
 * extension notice gave), notice (true/false), answer (an evidence id or the
 * text of the answer), at and by (when and by whom it was recorded).
 * Writes run inside the caller's transaction. Returned json_t are new
 * references the caller decrefs.
 */
#ifndef VIGIL_COMPLAINT_STEPS_H
#define VIGIL_COMPLAINT_STEPS_H

#include <jansson.h>

struct vault;

/* Checks and appends a step to the complaint (which must exist). */
int complaint_step_add(struct vault *v, const char *complaint_id, json_t *step);
/* The complaint's steps, oldest first (by date, then as recorded). */
int complaint_steps_list(struct vault *v, const char *complaint_id, json_t **out);

#endif

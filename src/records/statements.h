/*
 * statements.h - the versions of a statement's text. A draft made by `vigil
 * statement draft` is version 1; every add or edit that changes the title or
 * body keeps the new text as the next version, so that what was approved can
 * be told from what was published. Versions are never changed or removed;
 * each is also written to the change log (op "version"). Writes happen inside
 * the caller's transaction. Returned json_t are the caller's.
 */
#ifndef VIGIL_STATEMENTS_H
#define VIGIL_STATEMENTS_H

#include <jansson.h>

struct vault;

/* Keeps title and body as the next version unless they equal the latest one;
 * *version_out (may be NULL) gets the latest version number either way. */
int statements_version_add(struct vault *v, const char *statement_id, const char *case_id,
                           const char *title, const char *body, const char *note, int *version_out);
/* [{version, at, actor, note, title, body}], oldest first. */
int statements_versions(struct vault *v, const char *statement_id, json_t **out);

#endif

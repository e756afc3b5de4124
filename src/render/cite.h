/*
 * cite.h - records cited in a statement's Markdown body, so that a fact is
 * written once: {{event:ID}}, {{complaint:ID}}, {{reference:ID}} and
 * {{person:ID}} are replaced when the statement is rendered by the record's
 * words ("Followed by a white Chevrolet Nexia-3 (26 May 2024)", "the complaint
 * of 27 May 2024 to the Prosecutor General’s Office (no reply)", the quoted
 * paragraph of a standard with its source, a person's name). Each cited record
 * passes through redact.h like any other shown record.
 *
 * cite_each() finds the citations (for the caller to fetch the records);
 * cite_expand() writes the body with them replaced, taking the records from
 * an object keyed "kind:id". Replacement text is escaped for Markdown. Pure.
 */
#ifndef VIGIL_CITE_H
#define VIGIL_CITE_H

#include <jansson.h>

#include "render/redact.h"
#include "util/strbuf.h"

/* Calls fn(kind, id, arg) for each well-formed citation; stops at a nonzero return. */
int cite_each(const char *body, int (*fn)(const char *kind, const char *id, void *arg), void *arg);
/* The fields of a cited record of kind that its replacement shows (NULL-terminated). */
const char *const *cite_fields(const char *kind);
/* Replaces the citations; a record missing from cited is an error naming it.
 * r (may be NULL) is told about every record shown. */
int cite_expand(const char *body, const json_t *cited, struct redact *r, const char *statement_id,
                struct strbuf *out);

#endif

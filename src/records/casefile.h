/*
 * casefile.h - Vigil's case file: a JSON document that holds records of every
 * kind, documented in docs/case-file.md:
 *   {"format": "vigil-case-file", "version": 1,
 *    "persons": [...], "organisations": [...], ..., "statements": [...]}
 * Loading checks every record as records_add() does; a record whose id is
 * already in the vault with the same content is skipped, with other content it
 * is a conflict. Loading writes inside the caller's transaction, so a file
 * with one bad record changes nothing. Dumping writes the same shape, sorted
 * and indented, so that load -> dump -> load -> dump gives the same bytes.
 */
#ifndef VIGIL_CASEFILE_H
#define VIGIL_CASEFILE_H

#include <jansson.h>

struct vault;

struct casefile_stats {
	size_t added, unchanged;
};

int casefile_load(struct vault *v, json_t *doc, struct casefile_stats *stats);
/* case_id NULL dumps the whole vault. */
int casefile_dump(struct vault *v, const char *case_id, json_t **out);

#endif

/*
 * records.h - the case records (after HURIDOCS Events Standard Formats) and the
 * change log; the only module with SQL (the evidence, ledger and message
 * modules keep theirs in files of this folder too), so that a second backend
 * is one folder, not a rewrite.
 *
 * A record is a JSON object (Jansson): "id", the fields its kind declares in
 * kinds.c, "confidentiality" (public | partners | restricted, default
 * restricted), "field_confidentiality" (a level for each sensitive field that
 * is set, default restricted) and, once retracted, "retracted" {at, by,
 * reason}. Every field is checked against its kind's descriptor (type, dates,
 * vocabularies, references to other records) before anything is written.
 *
 * Writes happen inside the caller's transaction (vault_begin/commit) and each
 * appends one entry to the change log in the same transaction. Records are
 * never deleted. Returned json_t are new references the caller decrefs.
 */
#ifndef VIGIL_RECORDS_H
#define VIGIL_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <sqlite3.h>

#include "util/strbuf.h"

struct vault;

enum field_type {
	FIELD_TEXT,     /* one line */
	FIELD_LONGTEXT, /* paragraphs, Markdown allowed */
	FIELD_DATE,     /* see date.h */
	FIELD_BOOL,
	FIELD_INT,
	FIELD_REF,      /* the id of a record of kind `target` */
	FIELD_REFLIST,  /* ids of records of kind `target` */
	FIELD_VOCAB,    /* a code from data/vocab/<target>.tsv */
	FIELD_CHOICE,   /* one of the words in `target`, separated by | */
	FIELD_TEXTLIST, /* several one-line texts */
};

#define FIELD_REQUIRED  1u
#define FIELD_SENSITIVE 2u /* carries its own confidentiality level */
#define FIELD_PARENT    4u /* the record this one belongs to (event of an act, ...) */

struct field_desc {
	const char *name;
	enum field_type type;
	unsigned flags;
	const char *target;
	const char *help;
};

struct kind_desc {
	const char *name;        /* "person": the CLI command and the change log's kind */
	const char *plural;      /* "persons": the key in a case file */
	const char *id_prefix;   /* ids made by Vigil: person-1, person-2, ... */
	const char *title_field; /* what lists show */
	const char *sort_field;  /* a date field lists are ordered by, or NULL */
	const char *help;
	const struct field_desc *fields;
	size_t nfields;
};

extern const char *const confidentiality_levels[3];

/* The kinds in dependency order: a kind refers only to kinds before it. */
extern const struct kind_desc *const records_kinds[];
extern const size_t records_nkinds;
const struct kind_desc *records_kind(const char *name);
const struct field_desc *records_field(const struct kind_desc *k, const char *name);
/* The case a kind belongs to is found through its parent chain. */
bool records_kind_in_case(const struct kind_desc *k);

int records_schema_create(struct vault *v);
/* A database's PRAGMA user_version (its schema's version); what names the
 * work in the error message. */
int records_user_version(sqlite3 *db, int *out, const char *what);
/* Checks the schema version; migrates older vaults when writable. */
int records_schema_check(struct vault *v);

/* Validates rec against its kind (without writing); names the field on error. */
int records_validate(struct vault *v, const struct kind_desc *k, json_t *rec);

/* Fills in the defaults records_add() would: restricted record and sensitive fields. */
void records_fill_defaults(const struct kind_desc *k, json_t *rec);

int records_get(struct vault *v, const struct kind_desc *k, const char *id, json_t **out);
bool records_exists(struct vault *v, const struct kind_desc *k, const char *id);

struct record_filter {
	const char *case_id;   /* only records of this case */
	const char *parent_id; /* only children of this record */
	bool include_retracted;
};
/* A JSON array of records, ordered by date (when the kind has one), then id. */
int records_list(struct vault *v, const struct kind_desc *k, const struct record_filter *f,
                 json_t **out);

/* Shared by the SQL files of this module: prepare with the error translated, and bind
 * a text that may be NULL (bound as SQL NULL). */
int records_prepare(struct vault *v, const char *sql, sqlite3_stmt **st);
void records_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A row callback of the *_each functions that gathers rows into a JSON
 * array (arr), for their *_list forms; steals o. */
int records_json_append(void *arr, json_t *o);

/* Steps st to its end, parsing column col of each row as JSON into a new array, and
 * finalizes st; what names the work in an error. For the SQL files of this module. */
int records_collect_json(struct vault *v, sqlite3_stmt *st, int col, const char *what,
                         json_t **out);

/* Adds rec (steals nothing; fills in the id when missing and the defaults);
 * the new id is left in rec's "id". */
int records_add(struct vault *v, const struct kind_desc *k, json_t *rec);
/* Sets the fields in changes (null removes an optional field). */
int records_edit(struct vault *v, const struct kind_desc *k, const char *id, json_t *changes);
int records_retract(struct vault *v, const struct kind_desc *k, const char *id, const char *reason);

/* The records a case's records name, by kind ({"person": {"id": true}, ...}), with the
 * relationships of those persons and the relatives they bring. */
int records_case_members(struct vault *v, const char *case_id, json_t **ids_by_kind);

/* The change log. Each entry is canonical JSON; entry bytes are what the ledger hashes. */
int changelog_append(struct vault *v, const char *op, const char *kind, const char *id,
                     const char *case_id, json_t *data, int64_t *seq_out);
/* Entries (objects with seq, at, actor, op, kind, id, case, data), oldest first;
 * case_id NULL for all. */
int changelog_list(struct vault *v, const char *case_id, json_t **out);
int64_t changelog_count(struct vault *v);

/* Canonical JSON: sorted keys, compact, UTF-8. Caller frees. */
char *json_canonical(const json_t *j);
/* The current time as YYYY-MM-DDTHH:MM:SSZ (VIGIL_NOW overrides, for tests). */
void records_now(char out[21]);

#endif

/*
 * evidence_store.h - the SQL of the evidence store (tables evidence and
 * evidence_link, see schema.c) and of the ledger's reads of the change log.
 * The evidence module (src/evidence/) owns the files and the crypto; this
 * file only reads and writes rows. Writes happen inside the caller's
 * transaction. Returned json_t are new references; strings are the caller's.
 */
#ifndef VIGIL_EVIDENCE_STORE_H
#define VIGIL_EVIDENCE_STORE_H

#include <stdint.h>

#include <jansson.h>

struct vault;

/* 1 and *id_out (caller frees) when an item has this SHA-256, 0 when none. */
int evstore_find_sha(struct vault *v, const char *sha_hex, char **id_out);
/* A fresh id, evidence-N. Caller frees. */
char *evstore_new_id(struct vault *v);
/* Inserts an item; data is its metadata object (id, sha256, size, ...). */
int evstore_insert(struct vault *v, const char *id, const char *sha_hex, const char *blob,
                   uint64_t size, const char *case_id, json_t *data);
/* The item's metadata with "links" [{kind, id}] added; VG_ENOTFOUND names the id. */
int evstore_get(struct vault *v, const char *id, json_t **out);
/* The blob (store file name) of an item. Caller frees. */
int evstore_blob(struct vault *v, const char *id, char **blob_out);
/* Items of a case (its own, or linked to a record of the case), or all. */
int evstore_list(struct vault *v, const char *case_id, json_t **out);
/* Adds a link; 1 when it was there already. */
int evstore_link(struct vault *v, const char *id, const char *kind, const char *record_id);
/* An object blob -> item id for every item. */
int evstore_blobs(struct vault *v, json_t **out);
/* Change log entries (parsed) of kind "evidence" for one id, oldest first. */
int evstore_custody(struct vault *v, const char *id, json_t **out);
uint64_t evstore_total_bytes(struct vault *v);

/* The change log's raw entry bytes, for the ledger: calls fn for every entry
 * with seq in [from, to) in order (seq counts from 1; to = 0 means all). */
int changelog_each_entry(struct vault *v, int64_t from, int64_t to,
                         int (*fn)(void *arg, int64_t seq, const void *entry, size_t len),
                         void *arg);

/* The database's own checks: SQLite's integrity_check (which reads every page,
 * so SQLCipher checks every page's HMAC) and, on SQLCipher 4 and later,
 * cipher_integrity_check. Each problem is appended to problems as a string. */
void db_integrity_problems(struct vault *v, json_t *problems);
/* A read transaction, so that what verify reads is one consistent state
 * (writers wait until it ends). */
int db_read_begin(struct vault *v);
void db_read_end(struct vault *v);

#endif

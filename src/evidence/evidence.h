/*
 * evidence.h - the encrypted evidence store.
 *
 * A file added to the vault is read once, in bounded memory: its SHA-256 is
 * computed as it is read and its bytes are encrypted with libsodium's
 * secretstream (XChaCha20-Poly1305, 1 MiB chunks, the last one tagged FINAL)
 * under the VAULT_SUBKEY_EVIDENCE sub-key. The ciphertext is stored as
 * <vault>/evidence/<name>, where name is the hex of BLAKE2b-256 keyed with
 * VAULT_SUBKEY_EVIDENCE_NAMES over the SHA-256, so that the store's file names
 * reveal nothing about the content. The same content is stored once.
 *
 * File format: "VIGILEV1" (8 bytes), the secretstream header (24 bytes), then
 * chunks of up to EVIDENCE_CHUNK plaintext bytes plus 17 bytes of tag each.
 *
 * Transactions: every function that changes something must be called inside
 * the caller's open write transaction (vault_begin) and appends a custody
 * event to the change log (kind "evidence", ops collect, link, extract,
 * export). A new file is written to a temporary name, fsynced and renamed
 * into place; if the transaction is then rolled back, the file is removed
 * again (an SQLite rollback hook), so that a rollback leaves no unknown file.
 * Only a crash between the rename and the commit can leave one; `vigil
 * verify` reports it.
 *
 * Returned json_t are new references the caller decrefs; strings are the
 * caller's to free. One thread per vault.
 */
#ifndef VIGIL_EVIDENCE_H
#define VIGIL_EVIDENCE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

struct vault;

#define EVIDENCE_MAGIC     "VIGILEV1"
#define EVIDENCE_MAGIC_LEN 8
#define EVIDENCE_CHUNK     (1u << 20)

struct evidence_meta {
	const char *case_id;       /* may be NULL */
	const char *description;   /* may be NULL */
	const char *source;        /* a URL or a text; may be NULL */
	const char *captured_at;   /* when it was captured; may be NULL */
	const char *captured_by;   /* who captured it; may be NULL */
	const char *original_name; /* NULL = the base name of the path */
	const char *media_type;    /* NULL = detect from the content (libmagic) */
};

/* Progress of a long operation: called now and then with the bytes done. */
typedef void (*evidence_progress_fn)(void *arg, uint64_t done, uint64_t total);

/* Adds the file at path (see above). *id_out (caller frees; may be NULL)
 * gets the new id, or the id of the item that already holds this content,
 * in which case *was_new (may be NULL) is false and nothing is written. */
int evidence_add_file(struct vault *v, const char *path, const struct evidence_meta *meta,
                      char **id_out, bool *was_new);
/* The same for an open file descriptor read to its end (a pipe is fine);
 * meta->original_name is required. */
int evidence_add_fd(struct vault *v, int fd, const struct evidence_meta *meta,
                    evidence_progress_fn progress, void *parg, char **id_out, bool *was_new);

/* Sealing bytes that come in pieces (an export being parsed as it is read):
 * a thread of the sealer's own hashes and encrypts them while the caller goes
 * on; the caller's thread does everything else. start needs no transaction;
 * finish needs the write transaction, like evidence_add_fd, and gives the same
 * results, with the SHA-256 and the byte count of all that was written. finish
 * and abort free the sealer (abort removes what was written; NULL is fine).
 * media_type NULL: detected from the first chunk. */
struct evidence_sealer;
int evidence_sealer_start(struct vault *v, const char *media_type, struct evidence_sealer **out);
void evidence_sealer_write(struct evidence_sealer *s, const void *data, size_t len);
int evidence_sealer_finish(struct vault *v, struct evidence_sealer *s,
                           const struct evidence_meta *meta, unsigned char sha[32], uint64_t *bytes,
                           char **id_out, bool *was_new);
void evidence_sealer_abort(struct evidence_sealer *s);

/* One item: {id, sha256, size, media_type, original_name, case?, description?,
 * source?, captured_at?, captured_by?, added_at, added_by, links: [{kind, id}]}. */
int evidence_get(struct vault *v, const char *id, json_t **out);
/* All items (of one case when case_id is set), in the order they were added. */
int evidence_list(struct vault *v, const char *case_id, json_t **out);
/* Links an item to a record (kind event, act, complaint, ...); a custody event. */
int evidence_link(struct vault *v, const char *id, const char *kind, const char *record_id);
/* The custody events of an item (change log entries), oldest first. */
int evidence_custody(struct vault *v, const char *id, json_t **out);
/* Decrypts an item into out_fd, checking every tag and the SHA-256 (so that a
 * damaged file fails, naming the item; what was written is then incomplete). */
int evidence_decrypt_fd(struct vault *v, const char *id, int out_fd, evidence_progress_fn progress,
                        void *parg);
/* The same, handing each plaintext chunk (in order) to sink; a non-zero
 * return from sink stops and is returned. */
int evidence_decrypt_cb(struct vault *v, const char *id,
                        int (*sink)(void *arg, const unsigned char *m, size_t len), void *sarg);
/* A byte range of an item's plaintext. */
struct evidence_range {
	uint64_t offset, length;
};
/* Reads ranges of an item (sorted by offset; they may overlap) without
 * decrypting the whole file: only the chunks that hold them are decrypted,
 * each checked against its own authentication tag (under a state that comes
 * from the tags of the chunks before it, which are read but not decrypted;
 * `vigil verify` checks whole files). sink gets each range's bytes, possibly in several pieces,
 * in order, with the range's index; a non-zero return stops and is returned.
 * A range past the item's end fails. */
int evidence_read_ranges(struct vault *v, const char *id, const struct evidence_range *ranges,
                         size_t n,
                         int (*sink)(void *arg, size_t i, const unsigned char *m, size_t len),
                         void *sarg);
/* Decrypts to a new file (mode 0600; removed on failure) and records an
 * "extract" custody event (to: path, purpose). Needs a write transaction. */
int evidence_extract(struct vault *v, const char *id, const char *out_path, const char *purpose);
/* Appends a custody event of any op ("export", "share") for an item. */
int evidence_custody_event(struct vault *v, const char *id, const char *op, json_t *data);

/* Checks one stored file: it decrypts with valid tags to the end and has the
 * recorded SHA-256 and size. Sets the error naming the item on failure. */
int evidence_check(struct vault *v, const char *id, evidence_progress_fn progress, void *parg);
/* The names of the files in <vault>/evidence/ that no item refers to (a JSON
 * array of file names), and the ids of items whose file is missing. */
int evidence_stray_files(struct vault *v, json_t **unknown, json_t **missing);
/* Total plaintext bytes of all items. */
uint64_t evidence_total_bytes(struct vault *v);

/* The store's file name for a SHA-256 (hex, 64 chars + NUL). */
void evidence_blob_name(struct vault *v, const unsigned char sha[32], char out[65]);

#endif

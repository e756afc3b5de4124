/*
 * verify.h - `vigil verify`: checks everything a vault holds and reports each
 * failure by item: the database's integrity (SQLCipher's page HMACs and
 * SQLite's integrity_check), the change log's Merkle root against the latest
 * signed checkpoint, every earlier checkpoint's signature and consistency,
 * every evidence file (tags, SHA-256, size, its collect entry), and that no
 * evidence or checkpoint file is missing or unknown.
 *
 * Failures are appended to a JSON array of {"item", "message"}; the function
 * returns 0 when it could run to the end (failures or not) and a negative
 * error only when it could not check at all. One thread per vault.
 */
#ifndef VIGIL_VERIFY_H
#define VIGIL_VERIFY_H

#include <stdint.h>

#include <jansson.h>

struct vault;

struct verify_stats {
	uint64_t entries;     /* change log entries */
	uint64_t checkpoints; /* checkpoint files checked */
	uint64_t items;       /* evidence items checked */
	uint64_t bytes;       /* evidence bytes decrypted and hashed */
};

typedef void (*verify_progress_fn)(void *arg, uint64_t done, uint64_t total, uint64_t items);

/* Appends {"item", "message"} to failures; bytes that are not UTF-8 in the
 * item or the message are shown escaped (\xNN), never dropped. Also for
 * bundle checks (src/evidence/bundle.c). */
void verify_failf(json_t *failures, const char *item, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int vault_verify(struct vault *v, json_t *failures, struct verify_stats *stats,
                 verify_progress_fn progress, void *parg);

#endif

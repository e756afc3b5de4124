/*
 * ledger.h - the tamper-evident ledger: every change log entry (records and
 * custody events alike) is a leaf of an RFC 9162 Merkle tree (merkle.h); the
 * vault's Ed25519 key, derived from the VAULT_SUBKEY_SIGNING_SEED sub-key so
 * that the private key never leaves the vault, signs checkpoints in the C2SP
 * tlog-checkpoint format as C2SP signed notes:
 *
 *     <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key id || signature)>\n
 *
 * The key name and origin are "vigil.vault/" + the first 16 hex digits of
 * SHA-256(public key); key id = SHA-256(name || 0x0A || 0x01 || public key)[:4].
 * Checkpoints are kept as <vault>/checkpoints/<size, 12 digits>.checkpoint.
 *
 * Leaf arrays and strings are the caller's to free. One thread per vault.
 */
#ifndef VIGIL_LEDGER_H
#define VIGIL_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "ledger/merkle.h"

struct vault;

#define LEDGER_NAME_MAX 64

struct ledger_key {
	uint8_t pk[32];
	uint8_t sk[64]; /* zero when only the public key is known */
	char name[LEDGER_NAME_MAX];
	uint8_t keyid[4];
};

/* The vault's signing key; wipe it with ledger_key_wipe(). */
void ledger_key(struct vault *v, struct ledger_key *k);
/* A verification-only key from a public key. */
void ledger_key_public(const uint8_t pk[32], struct ledger_key *k);
void ledger_key_wipe(struct ledger_key *k);
/* The signed-note verifier key string: name+hex(key id)+base64(0x01 || pk). */
char *ledger_verifier_key(const struct ledger_key *k);
char *ledger_base64(const void *data, size_t len);
/* Parses base64 of exactly want bytes; false when it is not. */
bool ledger_unbase64(const char *s, size_t slen, void *out, size_t want);

/* The leaf hashes of all change log entries, in order (leaf i = entry seq i+1). */
int ledger_leaves(struct vault *v, merkle_hash **leaves, uint64_t *n);

struct checkpoint {
	uint64_t size;
	merkle_hash root;
};

/* The signed note for a tree head (k must hold the private key). */
char *checkpoint_sign(const struct ledger_key *k, uint64_t size, const merkle_hash root);
/* Parses a signed checkpoint and verifies its signature by k; the error
 * names what is wrong (what names the file). */
int checkpoint_verify(const char *text, size_t len, const struct ledger_key *k, const char *what,
                      struct checkpoint *out);

/* Writes a checkpoint for the current change log unless the latest one has
 * that size already; *path_out (may be NULL) gets its path, caller frees. */
int ledger_checkpoint(struct vault *v, char **path_out, bool *written);
/* The checkpoint files, sorted by tree size: a JSON array of full paths. */
int ledger_checkpoint_files(struct vault *v, json_t **out);
/* Reads and verifies one checkpoint file with the vault's key. */
int ledger_checkpoint_read(struct vault *v, const char *path, struct checkpoint *out,
                           char **text_out);

/* The database seal: SQLCipher 3 leaves some bytes of each page (padding in
 * the reserved area) outside its page HMAC, so after every change the whole
 * vault.db file is sealed with a keyed BLAKE2b (key from the signing seed,
 * personalised "vigil-db-seal") into checkpoints/database.seal, and verify
 * checks it. Format 2 (written now): the file's 16 MiB segments hashed on
 * their own, on every processor, and the seal a hash of the size and those
 * hashes; format 1 (one hash over the file) is still checked. */
#define LEDGER_SEAL_NAME "database.seal"
int ledger_seal_write(struct vault *v);
/* 0 when the seal matches vault.db; VG_EVERIFY naming the file otherwise. */
int ledger_seal_check(struct vault *v);

/* What main runs after every command that may have changed the vault (and
 * what a long-running writer runs after each commit): under the database's
 * write lock, a new checkpoint when the log grew, and a fresh seal. */
int ledger_after_change(struct vault *v);

#endif

/*
 * vault.h - a vault is a folder: vault.header (plain: format version, Argon2id
 * parameters and salt, the wrapped master key), vault.db (SQLCipher), and
 * evidence/ and checkpoints/ for the evidence and ledger modules.
 *
 * Keys: Argon2id(passphrase, salt) gives a key-encryption key that unwraps a
 * random 32-byte master key (XChaCha20-Poly1305), so `vigil passwd` rewrites
 * only the header. Sub-keys for the database, the evidence store and the
 * signing key are derived from the master key with crypto_kdf. All key
 * material lives in sodium_malloc'ed (locked, guarded) memory and is wiped on
 * vault_close().
 *
 * A struct vault is owned by the caller and used from one thread at a time.
 */
#ifndef VIGIL_VAULT_H
#define VIGIL_VAULT_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "util/strbuf.h"

/* Format 2 adds the database page size to the header (format 1: 1024 bytes).
 * New vaults get 16 KiB pages (4 KiB until schema 8's version; those keep
 * theirs): SQLCipher encrypts and authenticates each page on its own, so
 * larger pages mean fewer of those and fewer system calls (docs/import.md). */
#define VAULT_FORMAT       2
#define VAULT_PAGE_SIZE    16384
#define VAULT_PAGE_SIZE_V1 1024
#define VAULT_KEY_BYTES    32
#define VAULT_HEADER_NAME  "vault.header"
#define VAULT_DB_NAME      "vault.db"

enum vault_kdf_level { VAULT_KDF_INTERACTIVE, VAULT_KDF_MODERATE, VAULT_KDF_SENSITIVE };

/* Sub-key ids for vault_subkey(); appended, never renumbered. */
enum vault_subkey_id {
	VAULT_SUBKEY_DATABASE = 1,
	VAULT_SUBKEY_EVIDENCE = 2,
	VAULT_SUBKEY_EVIDENCE_NAMES = 3,
	VAULT_SUBKEY_SIGNING_SEED = 4,
	VAULT_SUBKEY_AGENT = 5,
	VAULT_SUBKEY_SEARCH = 6,
};

/* Told once whether the vault's open write transaction was saved (commit) or
 * not (rollback, a failed commit, or the vault closed in the middle of it):
 * for what is kept beside the database and must follow it, such as the
 * search index and the evidence files a change wrote. */
#define VAULT_FOLLOWERS 4

struct vault_follower {
	void (*done)(void *arg, bool committed);
	void *arg;
};

struct vault {
	char *path;
	sqlite3 *db;
	unsigned char *master; /* VAULT_KEY_BYTES, sodium_malloc'ed */
	bool writable;
	char *actor;   /* who is acting, for the change log */
	int page_size; /* of the databases: each page is encrypted on its own */
	/* of the open transaction, told in the order they were added */
	struct vault_follower followers[VAULT_FOLLOWERS];
	size_t nfollowers;
	/* a change was rolled back: SQLCipher re-encrypts the pages it restores,
	 * so the database's bytes may differ though its content does not */
	bool rolled_back;
};

/* Where the passphrase comes from, in this order: file, environment, terminal. */
struct passphrase_source {
	const char *file;   /* --passphrase-file */
	const char *env;    /* name of the variable, normally VIGIL_PASSPHRASE */
	const char *prompt; /* shown on the terminal */
	bool confirm;       /* ask twice on a terminal (init, passwd) */
};

/* Resolves --vault, VIGIL_VAULT, $XDG_DATA_HOME/vigil/vault; caller frees. */
char *vault_default_path(const char *flag);

int kdf_level_parse(const char *name, enum vault_kdf_level *out);

/* Creates a vault in path (which must be missing or empty). */
int vault_create(const char *path, enum vault_kdf_level level, const struct passphrase_source *src,
                 struct vault *out);
/* Opens a vault. Read-only opens never write the vault's records (only
 * derived data beside them: see vault_open_side). */
int vault_open(const char *path, bool writable, const struct passphrase_source *src,
               struct vault *out);
void vault_close(struct vault *v);
/* Rewraps the master key under a new passphrase; nothing else changes. */
int vault_change_passphrase(struct vault *v, const struct passphrase_source *newsrc,
                            enum vault_kdf_level level, bool keep_level);
/* Derives a sub-key (VAULT_KEY_BYTES) into out. */
void vault_subkey(const struct vault *v, enum vault_subkey_id id, unsigned char *out);

/* Write transactions: BEGIN IMMEDIATE, so that a second writer waits (up to a
 * few seconds) and then gets VG_EBUSY, "vault busy". */
int vault_begin(struct vault *v);
int vault_commit(struct vault *v);
void vault_rollback(struct vault *v);
/* Registers what must follow the open transaction; the same done and arg
 * twice count once. Fails (VG_EINTERNAL) when VAULT_FOLLOWERS are already there. */
int vault_follow(struct vault *v, void (*done)(void *arg, bool committed), void *arg);
/* Whether done is registered for the open transaction, with arg (or with
 * any, when arg is NULL). */
bool vault_followed_by(const struct vault *v, void (*done)(void *arg, bool committed),
                       const void *arg);

/* Opens name, a database file of its own in the vault folder, encrypted
 * with sub-key id, for one thread: derived data such as the search index,
 * which a second thread can write while the vault's own connection is busy.
 * It is opened for writing (and made when missing) even when the vault was
 * opened read-only: it holds nothing that cannot be made again from the
 * vault. A file that does not open with the key is VG_EDB. */
int vault_open_side(struct vault *v, const char *name, enum vault_subkey_id id, sqlite3 **out);

/* Translates an SQLite result into the error enum, with context. */
int vault_db_error(sqlite3 *db, int rc, const char *what);

/* Reads a passphrase from the source into sb (caller wipes it). */
int passphrase_read(const struct passphrase_source *src, struct strbuf *sb);

#endif

/*
 * search.h - the full-text index of imported messages (FTS4, unicode61
 * without diacritics: Russian, Uzbek in both scripts, English).
 *
 * The index is kept in a database file of its own, search.db in the vault
 * folder, encrypted with a sub-key of the vault's key, so that an import can
 * build it on a second thread while the vault's own connection stores the
 * messages (one SQLite database has one writer at a time). It holds no text,
 * only the index (a contentless FTS4 table keyed by the message's row id),
 * and a mark: the highest message row indexed and that row's content hash.
 *
 * The index is derived data. Its transaction follows the vault's (see
 * vault_follow): committed after the vault's commit, rolled back with it. A
 * crash between the two commits, a deleted or damaged search.db, or a vault
 * restored from a backup leaves a mark that does not fit the messages:
 * search_sync() then indexes what is missing, or starts again from nothing.
 *
 * A struct search_indexer belongs to the thread that started it; its own
 * thread does the indexing. Not for two indexers on one vault at a time.
 */
#ifndef VIGIL_SEARCH_H
#define VIGIL_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vault/vault.h"

#define SEARCH_DB_NAME "search.db"

/* Called now and then while search_sync indexes many messages. */
typedef void (*search_progress_fn)(void *arg, int64_t done, int64_t total);

/* Makes the index cover every message of the vault (a vault opened
 * read-only too: the index is not the vault's record). */
int search_sync(struct vault *v, search_progress_fn progress, void *arg);

/* The row ids (mid) of the messages that match an FTS4 query, in increasing
 * order, after bringing the index up to date (search_sync, with progress);
 * *ids is the caller's to free. A malformed query is VG_EUSAGE. */
int search_match(struct vault *v, const char *query, search_progress_fn progress, void *arg,
                 int64_t **ids, size_t *n);

struct search_indexer;

/* Inside the vault's write transaction: brings the index up to date, opens
 * its transaction (which then follows the vault's) and starts the thread. */
int search_indexer_start(struct vault *v, struct search_indexer **out);
/* Queues one message's text (copied; empty texts are skipped). Fails when the
 * indexing thread has failed. */
int search_indexer_add(struct search_indexer *x, int64_t mid, const char *text, size_t len);
/* Waits until everything queued is indexed and records the mark; still
 * inside the transaction. On failure the caller rolls the vault back. */
int search_indexer_finish(struct search_indexer *x);
/* What the vault's transaction calls at its end (vault_follow): commits or
 * rolls back the index's, stops the thread and frees the indexer. */
void search_indexer_done(void *x, bool committed);

#endif

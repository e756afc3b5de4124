/*
 * import.h - what every chat import shares: opening the export, the import
 * record, counting messages by type and outcome, hashing and linking media
 * files from the export folder, and the summary. One import_ctx per import,
 * owned by the caller, used from one thread.
 */
#ifndef VIGIL_IMPORT_H
#define VIGIL_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "ingest/jsonstream.h"
#include "records/messages.h"
#include "util/term.h"
#include "vault/vault.h"

struct import_ctx {
	struct vault *v;
	struct msgstore *ms;
	char *path; /* the export file */
	char *dir;  /* the folder media paths are relative to */
	const char *case_id;
	const char *source; /* "telegram", "whatsapp" */
	int fd;
	uint64_t size;
	int64_t import_id;
	struct progress progress;
	struct jsonstream *js; /* while parsing JSON, for the progress bar */
	double started;
	uint64_t chats, seen, added, versions, duplicates;
	uint64_t media_present, media_missing, media_refused;
	json_t *by_type; /* type -> count of messages seen */
	json_t *summary; /* after import_finish */
	char last_media[512], last_sha[65];
	int64_t last_size;
	char *last_evidence; /* evidence id of last_media */
	/* sealing the export as evidence while it is parsed (telegram), or NULL:
	 * import_finish then stores the file after the fact (whatsapp) */
	struct evidence_sealer *sealer;
	/* the vault's files put on disk as they grow (util/writeback.h) */
	struct writeback *writeback;
};

/* Finds the export: path, or path/default_name when path is a folder; opens it. */
int import_prepare(struct import_ctx *ic, struct vault *v, const char *path,
                   const char *default_name, const char *case_id);
/* Inside the transaction: checks the case, opens the store, starts the record. */
int import_begin(struct import_ctx *ic, struct vault *v, const char *source);
void import_count(struct import_ctx *ic, const char *type, enum msg_added added);
/* Links a media reference: a path in the export folder (stored in the
 * evidence store, status "stored"), or Telegram's "(File not included ...)"
 * sentence or a file that is not there (status "missing", with the reason). */
int import_media(struct import_ctx *ic, int64_t mid, const char *role, const char *ref);
/* Starts sealing the export as evidence in a thread of its own, fed with the
 * bytes as they are read (import_seal_chunk, a js_chunk_fn). */
int import_seal_start(struct import_ctx *ic);
void import_seal_chunk(void *ic, const unsigned char *data, size_t len);
/* Stores the export file as evidence (finishing the sealer, which must have
 * been fed the whole file; else reading the file again, whose SHA-256 the
 * caller gives in sha), records its hash and the summary (extra is stolen and
 * merged). */
int import_finish(struct import_ctx *ic, const unsigned char *sha, json_t *extra);
void import_release(struct import_ctx *ic);

/* Fills in "source" of the messages in list (from msgstore_list) that have
 * "source_bytes": their original bytes, read from the export stored as
 * evidence (one pass over each export's chunks that hold them), as JSON. */
int import_read_sources(struct vault *v, json_t *list);

#endif

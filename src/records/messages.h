/*
 * messages.h - imported chat messages (Telegram, WhatsApp) in the vault:
 * imports, chats, senders and their aliases, messages with their entities
 * and media; their full-text index is search.h's.
 *
 * A message's identity is its chat key + message id. Adding a message whose
 * content (text, edit time, media) is already stored is a duplicate and adds
 * nothing; different content for the same identity is stored as the next
 * version, so an edited message keeps every version seen.
 *
 * Writers run inside the caller's transaction (vault_begin). A struct
 * msgstore holds prepared statements for one vault and one thread; the
 * caller owns it and frees it with msgstore_close().
 */
#ifndef VIGIL_MESSAGES_H
#define VIGIL_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "vault/vault.h"

#define MSG_HASH_BYTES 16

struct msg_entity_in {
	const char *type;
	uint32_t offset, length; /* UTF-16 code units */
	const char *href, *user_id;
};

struct msg_in {
	const char *chat_key; /* from msgstore_chat() */
	int64_t msg_id;
	const char *type;
	int64_t date; /* unix time */
	const char *date_local;
	bool date_is_local;                   /* only a local time was in the file */
	int64_t edited;                       /* 0: not edited */
	const char *sender_ext, *sender_name; /* sender_ext NULL: no sender */
	const char *from_id;
	int64_t reply_to; /* 0: none */
	const char *reply_peer, *forwarded_from, *saved_from, *via_bot, *action, *media_type;
	const char *text;
	size_t text_len;
	const char *raw; /* a JSON copy of the source; NULL when src_length is set */
	size_t raw_len;
	uint64_t src_offset, src_length; /* the bytes in the export; length 0: none */
	const struct msg_entity_in *entities;
	size_t nentities;
	unsigned char hash[MSG_HASH_BYTES]; /* of the content that makes a version */
};

enum msg_added { MSG_NEW, MSG_NEW_VERSION, MSG_DUPLICATE };

struct msgstore;

int msgstore_open(struct vault *v, struct msgstore **out);
void msgstore_close(struct msgstore *ms);
/* Starts an import record; the hash and summary come at the end. */
int msgstore_import_begin(struct msgstore *ms, const char *source, const char *path,
                          const char *case_id, int64_t *import_id);
int msgstore_import_finish(struct msgstore *ms, int64_t import_id, const char *sha256,
                           uint64_t size, const char *evidence_id, json_t *summary);
/* Records a chat; writes its key ("telegram:ID") into key (64 bytes). */
int msgstore_chat(struct msgstore *ms, const char *source, const char *ext_id, const char *name,
                  const char *type, const char *case_id, char key[64]);
/* Adds one message; *mid is its row (0 for a duplicate). */
int msgstore_add(struct msgstore *ms, int64_t import_id, const struct msg_in *m,
                 enum msg_added *added, int64_t *mid);
/* Links a media file to a message: status "stored" or "missing" (with reason). */
int msgstore_media(struct msgstore *ms, int64_t mid, const char *role, const char *path,
                   const char *status, const char *reason, const char *sha256, int64_t size,
                   const char *evidence_id);
/* Counts all stored message versions. */
int msgstore_count(struct vault *v, int64_t *out);

struct msg_filter {
	const char *chat;   /* chat name, id or key */
	const char *from;   /* sender name, external id or sender number */
	int64_t since;      /* unix time, inclusive; 0: none */
	int64_t until;      /* unix time, exclusive; 0: none */
	const char *search; /* FTS4 query */
	/* told while an index that is behind catches up before a search (or NULL) */
	void (*search_progress)(void *arg, int64_t done, int64_t total);
	void *search_progress_arg;
};
/* Messages matching the filter, oldest first, as JSON objects (caller owns).
 * A message stored with a JSON copy of its source has it as "source"; one
 * stored as a place in its export has "source_bytes": {offset, length} in the
 * evidence named by "evidence" instead (import_read_sources() reads them). */
int msgstore_list(struct vault *v, const struct msg_filter *f, json_t **out);
/* The same one at a time, in bounded memory: fn owns each message it is given;
 * a non-zero return from fn stops the listing and is returned. */
typedef int (*msg_row_fn)(void *arg, json_t *msg);
int msgstore_each(struct vault *v, const struct msg_filter *f, msg_row_fn fn, void *arg);
/* Senders with their aliases and links. */
int msgstore_senders(struct vault *v, json_t **out);
/* Links a sender (number or external id) to a person, or marks it a perpetrator. */
int msgstore_sender_link(struct vault *v, const char *sender, const char *person_id,
                         bool perpetrator);

#endif

/*
 * telegram.h - reads a Telegram Desktop "machine-readable JSON" export (one
 * chat, or the whole account with chats.list and left_chats.list) from a
 * jsonstream and hands each chat and message to callbacks, in file order, in
 * bounded memory: only the current message is held.
 *
 * Every message also gives where its object lies in the input (offset and
 * length in bytes), so that the original bytes, every field among them, can
 * be read back from the stored export. Entity offsets and lengths are in
 * UTF-16 code units, as Telegram counts them.
 *
 * The structs passed to callbacks and their strings belong to the parser and
 * are valid only during the call. Not thread-safe per parse.
 */
#ifndef VIGIL_TELEGRAM_H
#define VIGIL_TELEGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/jsonstream.h"
#include "util/strbuf.h"

/* The scalar fields kept in columns (all fields stay in the original bytes). */
enum tg_field {
	TGF_DATE,
	TGF_DATE_UNIXTIME,
	TGF_EDITED,
	TGF_EDITED_UNIXTIME,
	TGF_FROM,
	TGF_FROM_ID,
	TGF_AUTHOR,
	TGF_FORWARDED_FROM,
	TGF_SAVED_FROM,
	TGF_REPLY_TO_MESSAGE_ID,
	TGF_REPLY_TO_PEER_ID,
	TGF_VIA_BOT,
	TGF_ACTOR,
	TGF_ACTOR_ID,
	TGF_ACTION,
	TGF_PHOTO,
	TGF_FILE,
	TGF_THUMBNAIL,
	TGF_FILE_NAME,
	TGF_MEDIA_TYPE,
	TGF_MIME_TYPE,
	TGF_DURATION_SECONDS,
	TGF_COUNT
};
extern const char *const tg_field_names[TGF_COUNT];

struct tg_entity {
	const char *type;
	uint32_t offset, length; /* UTF-16 code units */
	const char *href;        /* text_link */
	const char *user_id;     /* mention_name */
	const char *text;        /* the part's own text */
};

struct tg_chat {
	int64_t id;
	const char *name; /* NULL when null or missing */
	const char *type;
	bool left; /* from left_chats */
};

#define TG_VERSION_HASH_BYTES 16

struct tg_message {
	const struct tg_chat *chat;
	uint64_t index;  /* 0-based, over the whole file */
	uint64_t offset; /* byte offset of the message object */
	int64_t id;
	const char *type;
	const char *f[TGF_COUNT]; /* NULL when missing or null */
	bool from_id_int;         /* from_id or actor_id was an old bare integer */
	int64_t date;             /* unix time: date_unixtime, else date read as UTC */
	bool date_local_only;     /* no date_unixtime in the file */
	int64_t edited;           /* 0 when not edited */
	const char *text;         /* concatenated plain text */
	size_t text_len;
	const struct tg_entity *entities;
	size_t nentities;
	uint64_t length; /* bytes of the message object, from offset */
	/* BLAKE2b of what makes a version of the message (type, text, edit
	 * time, media, action): computed here, on the parser's thread, so that
	 * the thread that writes the vault need not */
	unsigned char version_hash[TG_VERSION_HASH_BYTES];
};

struct tg_callbacks {
	int (*chat)(void *arg, const struct tg_chat *chat); /* before its messages */
	int (*message)(void *arg, const struct tg_message *m);
	void *arg;
};

struct tg_stats {
	uint64_t chats, chats_skipped, messages;
	struct strbuf
	    sections_skipped; /* names of account sections not imported, comma-separated */
};

/* only_chat: a name or decimal id, or NULL for every chat. Errors name the
 * byte offset and the message index. */
int telegram_parse(struct jsonstream *js, const char *only_chat, const struct tg_callbacks *cb,
                   struct tg_stats *stats);
/* Parses "YYYY-MM-DDTHH:MM:SS" as UTC; -1 if malformed. */
int64_t tg_parse_local_date(const char *s);
/* UTF-16 code units in a UTF-8 string. */
size_t tg_utf16_len(const char *s, size_t n);

#endif

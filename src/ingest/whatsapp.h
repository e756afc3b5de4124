/*
 * whatsapp.h - reads the "Export chat" text of WhatsApp for Android
 * ("31/12/2023, 23:59 - Name: text") and iOS ("[31/12/2023, 23:59:59] Name:
 * text"), with 12- or 24-hour times, day/month or month/day order (decided
 * for the whole file: a first number above 12 means day first, a second
 * above 12 month first, else day first), multi-line messages, system lines
 * (no sender), "<Media omitted>" / "image omitted" and attachments
 * ("NAME (file attached)", "<attached: NAME>").
 *
 * WhatsApp gives messages no ids; a message's id is a 62-bit hash of its
 * time, sender and how many messages with that same time and sender came
 * before it in the file, so that an overlapping later export finds the same
 * ids. Times are local, without a zone: they are read as UTC and flagged.
 *
 * The input is in memory; the structs given to the callback are valid only
 * during the call. Not thread-safe per parse.
 */
#ifndef VIGIL_WHATSAPP_H
#define VIGIL_WHATSAPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wa_message {
	uint64_t line;   /* 1-based line of the header */
	uint64_t offset; /* byte offset of the header line in the text */
	int64_t id;
	int64_t date;        /* local time read as UTC */
	char date_local[48]; /* YYYY-MM-DDTHH:MM:SS */
	const char *sender;  /* NULL for a system line */
	const char *text;
	size_t text_len;
	const char *attachment; /* a file name, or NULL */
	bool media_omitted;     /* the export left the media out */
	bool edited;            /* "<This message was edited>" */
};

struct wa_callbacks {
	int (*message)(void *arg, const struct wa_message *m);
	void *arg;
};

struct wa_stats {
	uint64_t messages, system, lines;
	bool day_first;
	bool year_first; /* dates written year, month, day */
};

/* Errors (VG_EFORMAT) name the line; text before the first header is refused. */
int whatsapp_parse(const char *data, size_t len, const char *name, const struct wa_callbacks *cb,
                   struct wa_stats *stats);

#endif

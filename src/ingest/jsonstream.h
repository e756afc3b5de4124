/*
 * jsonstream.h - a pull tokenizer for large JSON files (Telegram exports).
 *
 * The caller asks for one token at a time with js_next(); strings and numbers
 * are decoded into js->str (NUL-terminated, owned by the stream, valid until
 * the next call). Memory is bounded: a fixed read buffer, the current string
 * (at most max_string bytes) and one bit per nesting level (at most
 * max_depth). Besides RFC 8259 it accepts the `\xHH` escape that Telegram
 * Desktop writes for control characters. Errors name the byte offset of the
 * problem in the input. A stream is used from one thread at a time.
 */
#ifndef VIGIL_JSONSTREAM_H
#define VIGIL_JSONSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/strbuf.h"

enum js_tok {
	JS_END = 0, /* the top-level value is complete and only whitespace follows */
	JS_OBJ_BEGIN,
	JS_OBJ_END,
	JS_ARR_BEGIN,
	JS_ARR_END,
	JS_KEY, /* a member name, in str */
	JS_STRING,
	JS_NUMBER, /* its text in str */
	JS_TRUE,
	JS_FALSE,
	JS_NULL,
};

#define JS_MAX_DEPTH_LIMIT 256

/* Called with each chunk as it is read (to hash the raw bytes). */
typedef void (*js_chunk_fn)(void *arg, const unsigned char *data, size_t len);

struct jsonstream {
	int fd;             /* -1 for memory input */
	const char *name;   /* for messages */
	unsigned char *buf; /* read buffer (or the caller's memory) */
	size_t cap, len, pos;
	uint64_t base; /* input offset of buf[0] */
	bool eof, owns_buf;
	js_chunk_fn on_chunk;
	void *chunk_arg;
	struct strbuf str;
	uint64_t tok_offset; /* input offset where the last token began */
	size_t max_string;
	int max_depth;
	int depth;
	unsigned char stack[JS_MAX_DEPTH_LIMIT / 8]; /* bit set: object */
	int state;
	bool done;
};

/* Reads from fd (not closed by the stream); name is used in error messages. */
void js_init_fd(struct jsonstream *js, int fd, const char *name, js_chunk_fn fn, void *arg);
/* Reads from memory that the caller keeps alive. */
void js_init_mem(struct jsonstream *js, const void *data, size_t len, const char *name);
void js_release(struct jsonstream *js);
/* The next token; 0 or a negative error (VG_EFORMAT with the offset, VG_EIO). */
int js_next(struct jsonstream *js, enum js_tok *tok);
/* Skips the rest of a value whose first token was just returned. */
int js_skip(struct jsonstream *js, enum js_tok first);
/* Reads the rest of a value whose first token was just returned into a new
 * Jansson value (*out, the caller's): Telegram's \xHH escapes read as U+00HH,
 * numbers as integers when they are integers that fit, else as reals. */
int js_read_json(struct jsonstream *js, enum js_tok first, json_t **out);
/* Bytes consumed so far. */
uint64_t js_offset(const struct jsonstream *js);
const char *js_tok_name(enum js_tok t);

#endif

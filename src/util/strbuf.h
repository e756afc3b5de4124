/*
 * strbuf.h - the one growable byte buffer for building strings.
 * After strbuf_init() buf is never NULL and always NUL-terminated, so it can be
 * handed to C string functions; it may also hold binary data (len counts it).
 * The caller owns the struct; strbuf_release() frees the bytes, strbuf_detach()
 * hands them over. A buffer that held a secret is cleared with strbuf_wipe().
 * Not thread-safe per buffer.
 */
#ifndef VIGIL_STRBUF_H
#define VIGIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		strbuf_empty, 0, 0                                                                 \
	}
extern char strbuf_empty[];

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Zeroes the bytes (also those past len) before releasing them. */
void strbuf_wipe(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void strbuf_add_hex(struct strbuf *sb, const unsigned char *data, size_t len);
/* Removes trailing whitespace. */
void strbuf_rtrim(struct strbuf *sb);

#endif

/* jsonstream.c - see jsonstream.h. */
#include "ingest/jsonstream.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/util.h"

#define JS_BUF (1u << 20)

enum { ST_VALUE, ST_ARR_FIRST, ST_OBJ_FIRST, ST_KEY, ST_COLON, ST_AFTER };

static void init_common(struct jsonstream *js, const char *name)
{
	js->name = name ? name : "input";
	js->pos = 0;
	js->base = 0;
	strbuf_init(&js->str, 256);
	js->tok_offset = 0;
	js->max_string = 64u << 20;
	js->max_depth = 128;
	js->depth = 0;
	memset(js->stack, 0, sizeof(js->stack));
	js->state = ST_VALUE;
	js->done = false;
	js->on_chunk = NULL;
	js->chunk_arg = NULL;
}

void js_init_fd(struct jsonstream *js, int fd, const char *name, js_chunk_fn fn, void *arg)
{
	init_common(js, name);
	js->fd = fd;
	js->cap = JS_BUF;
	js->buf = xmalloc(JS_BUF);
	js->owns_buf = true;
	js->len = 0;
	js->eof = false;
	js->on_chunk = fn;
	js->chunk_arg = arg;
}

void js_init_mem(struct jsonstream *js, const void *data, size_t len, const char *name)
{
	init_common(js, name);
	js->fd = -1;
	js->buf = (unsigned char *)(uintptr_t)data;
	js->cap = js->len = len;
	js->owns_buf = false;
	js->eof = true;
}

void js_release(struct jsonstream *js)
{
	if (js->owns_buf)
		free(js->buf);
	js->buf = NULL;
	strbuf_release(&js->str);
}

uint64_t js_offset(const struct jsonstream *js)
{
	return js->base + js->pos;
}

const char *js_tok_name(enum js_tok t)
{
	static const char *const names[] = {"end of input", "'{'",    "'}'",      "'['",
	                                    "']'",          "a name", "a string", "a number",
	                                    "true",         "false",  "null"};
	return (unsigned)t < ARRAY_SIZE(names) ? names[t] : "?";
}

/* Makes at least one unread byte available; returns 0 at the end of input. */
static int fill(struct jsonstream *js)
{
	if (js->pos < js->len)
		return 1;
	if (js->eof)
		return 0;
	js->base += js->len;
	js->pos = js->len = 0;
	for (;;) {
		ssize_t n = read(js->fd, js->buf, js->cap);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return error_set(VG_EIO, "%s: read failed at byte %llu: %s", js->name,
			                 (unsigned long long)js->base, strerror(errno));
		if (n == 0) {
			js->eof = true;
			return 0;
		}
		js->len = (size_t)n;
		if (js->on_chunk)
			js->on_chunk(js->chunk_arg, js->buf, js->len);
		return 1;
	}
}

static int fail(struct jsonstream *js, uint64_t off, const char *what)
{
	return error_set(VG_EFORMAT, "%s: not valid JSON at byte %llu: %s", js->name,
	                 (unsigned long long)off, what);
}

static int truncated(struct jsonstream *js)
{
	return error_set(VG_EFORMAT,
	                 "%s: the file ends at byte %llu in the middle of the data "
	                 "(truncated export?)",
	                 js->name, (unsigned long long)js_offset(js));
}

static int skip_ws(struct jsonstream *js)
{
	for (;;) {
		int r = fill(js);
		if (r <= 0)
			return r;
		while (js->pos < js->len) {
			unsigned char c = js->buf[js->pos];
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
				return 1;
			js->pos++;
		}
	}
}

static int getc_js(struct jsonstream *js, int *c)
{
	int r = fill(js);
	if (r < 0)
		return r;
	if (r == 0)
		return truncated(js);
	*c = js->buf[js->pos++];
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int read_hex(struct jsonstream *js, int ndigits, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < ndigits; i++) {
		int c = 0, rc = getc_js(js, &c);
		if (rc)
			return rc;
		int h = hexval(c);
		if (h < 0)
			return fail(js, js_offset(js) - 1, "a bad hex digit in an escape");
		v = v * 16 + (unsigned)h;
	}
	*out = v;
	return 0;
}

static void put_utf8(struct strbuf *sb, unsigned cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(sb, b, n);
}

static int escape_char(struct jsonstream *js, int c)
{
	int rc;
	unsigned cp = 0; /* read_hex sets it; -O3 cannot see that */
	switch (c) {
	case '"':
	case '\\':
	case '/':
		strbuf_addch(&js->str, c);
		return 0;
	case 'b':
		strbuf_addch(&js->str, '\b');
		return 0;
	case 'f':
		strbuf_addch(&js->str, '\f');
		return 0;
	case 'n':
		strbuf_addch(&js->str, '\n');
		return 0;
	case 'r':
		strbuf_addch(&js->str, '\r');
		return 0;
	case 't':
		strbuf_addch(&js->str, '\t');
		return 0;
	case 'x': /* Telegram Desktop's escape for control characters */
		rc = read_hex(js, 2, &cp);
		if (rc)
			return rc;
		put_utf8(&js->str, cp);
		return 0;
	case 'u':
		rc = read_hex(js, 4, &cp);
		if (rc)
			return rc;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			/* a high surrogate: a low one should follow */
			int r = fill(js);
			if (r < 0)
				return r;
			if (r > 0 && js->buf[js->pos] == '\\') {
				js->pos++;
				int c2 = 0;
				rc = getc_js(js, &c2);
				if (rc)
					return rc;
				if (c2 == 'u') {
					unsigned lo = 0; /* as cp */
					rc = read_hex(js, 4, &lo);
					if (rc)
						return rc;
					if (lo >= 0xDC00 && lo <= 0xDFFF) {
						put_utf8(&js->str, 0x10000 + ((cp - 0xD800) << 10) +
						                       (lo - 0xDC00));
						return 0;
					}
					put_utf8(&js->str, 0xFFFD);
					if (lo >= 0xD800 && lo <= 0xDFFF)
						lo = 0xFFFD;
					put_utf8(&js->str, lo);
					return 0;
				}
				/* another escape: put the replacement, then handle it */
				put_utf8(&js->str, 0xFFFD);
				return escape_char(js, c2);
			}
			put_utf8(&js->str, 0xFFFD);
			return 0;
		}
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			cp = 0xFFFD;
		put_utf8(&js->str, cp);
		return 0;
	default:
		return fail(js, js_offset(js) - 2, "an unknown escape in a string");
	}
}

static int read_escape(struct jsonstream *js)
{
	int c = 0, rc = getc_js(js, &c);
	if (rc)
		return rc;
	return escape_char(js, c);
}

/* Reads a string body; the opening quote was consumed. */
static int read_string(struct jsonstream *js)
{
	strbuf_reset(&js->str);
	for (;;) {
		int r = fill(js);
		if (r < 0)
			return r;
		if (r == 0)
			return truncated(js);
		const unsigned char *p = js->buf + js->pos, *end = js->buf + js->len;
		const unsigned char *s = p;
		while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
			p++;
		strbuf_add(&js->str, s, (size_t)(p - s));
		js->pos = (size_t)(p - js->buf);
		if (js->str.len > js->max_string)
			return fail(js, js->tok_offset, "a string longer than the limit");
		if (p == end)
			continue;
		js->pos++;
		if (*p == '"')
			return 0;
		if (*p == '\\') {
			/* an escape split over a refill works because getc_js refills */
			int rc = read_escape(js);
			if (rc)
				return rc;
			continue;
		}
		return fail(js, js_offset(js) - 1, "a raw control character in a string");
	}
}

static int read_number(struct jsonstream *js, int first)
{
	strbuf_reset(&js->str);
	strbuf_addch(&js->str, first);
	for (;;) {
		int r = fill(js);
		if (r < 0)
			return r;
		if (r == 0)
			break;
		int c = js->buf[js->pos];
		if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' ||
		      c == '-'))
			break;
		strbuf_addch(&js->str, c);
		js->pos++;
		if (js->str.len > 512)
			return fail(js, js->tok_offset, "a number that is too long");
	}
	/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
	const char *s = js->str.buf;
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return fail(js, js->tok_offset, "a malformed number");
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return fail(js, js->tok_offset, "a malformed number");
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return fail(js, js->tok_offset, "a malformed number");
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s)
		return fail(js, js->tok_offset, "a malformed number");
	return 0;
}

static int read_literal(struct jsonstream *js, const char *word)
{
	for (const char *w = word + 1; *w; w++) {
		int c = 0, rc = getc_js(js, &c);
		if (rc)
			return rc;
		if (c != *w)
			return fail(js, js->tok_offset,
			            "an unknown word (not true, false or null)");
	}
	return 0;
}

static bool in_object(const struct jsonstream *js)
{
	int d = js->depth - 1;
	return (js->stack[d / 8] >> (d % 8)) & 1;
}

static int push(struct jsonstream *js, bool object)
{
	if (js->depth >= js->max_depth)
		return fail(js, js->tok_offset, "nested deeper than the limit");
	int d = js->depth++;
	if (object)
		js->stack[d / 8] |= (unsigned char)(1u << (d % 8));
	else
		js->stack[d / 8] &= (unsigned char)~(1u << (d % 8));
	js->state = object ? ST_OBJ_FIRST : ST_ARR_FIRST;
	return 0;
}

static void after_value(struct jsonstream *js)
{
	if (js->depth == 0)
		js->done = true;
	js->state = ST_AFTER;
}

int js_next(struct jsonstream *js, enum js_tok *tok)
{
	for (;;) {
		int r = skip_ws(js);
		if (r < 0)
			return r;
		js->tok_offset = js_offset(js);
		if (js->done) {
			if (r == 0) {
				*tok = JS_END;
				return 0;
			}
			return fail(js, js->tok_offset, "more data after the end of the document");
		}
		if (r == 0) {
			if (js->tok_offset == 0)
				return error_set(VG_EFORMAT, "%s: the file is empty", js->name);
			return truncated(js);
		}
		int c = js->buf[js->pos++];
		switch (js->state) {
		case ST_COLON:
			if (c != ':')
				return fail(js, js->tok_offset, "expected ':' after a name");
			js->state = ST_VALUE;
			continue;
		case ST_AFTER:
			if (c == ',') {
				js->state = in_object(js) ? ST_KEY : ST_VALUE;
				continue;
			}
			if (c == '}' || c == ']') {
				if ((c == '}') != in_object(js))
					return fail(js, js->tok_offset,
					            "a closing bracket that does not match");
				js->depth--;
				after_value(js);
				*tok = c == '}' ? JS_OBJ_END : JS_ARR_END;
				return 0;
			}
			return fail(js, js->tok_offset, "expected ',' or a closing bracket");
		case ST_OBJ_FIRST:
			if (c == '}') {
				js->depth--;
				after_value(js);
				*tok = JS_OBJ_END;
				return 0;
			}
			/* fall through */
		case ST_KEY:
			if (c != '"')
				return fail(js, js->tok_offset, "expected a name in quotes");
			r = read_string(js);
			if (r)
				return r;
			js->state = ST_COLON;
			*tok = JS_KEY;
			return 0;
		case ST_ARR_FIRST:
			if (c == ']') {
				js->depth--;
				after_value(js);
				*tok = JS_ARR_END;
				return 0;
			}
			/* fall through */
		default: /* ST_VALUE */
			switch (c) {
			case '{':
				*tok = JS_OBJ_BEGIN;
				return push(js, true);
			case '[':
				*tok = JS_ARR_BEGIN;
				return push(js, false);
			case '"':
				r = read_string(js);
				*tok = JS_STRING;
				break;
			case 't':
				r = read_literal(js, "true");
				*tok = JS_TRUE;
				break;
			case 'f':
				r = read_literal(js, "false");
				*tok = JS_FALSE;
				break;
			case 'n':
				r = read_literal(js, "null");
				*tok = JS_NULL;
				break;
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					r = read_number(js, c);
					*tok = JS_NUMBER;
					break;
				}
				return fail(js, js->tok_offset, "expected a value");
			}
			if (r)
				return r;
			after_value(js);
			return 0;
		}
	}
}

int js_skip(struct jsonstream *js, enum js_tok first)
{
	if (first != JS_OBJ_BEGIN && first != JS_ARR_BEGIN)
		return 0;
	int level = 1;
	while (level > 0) {
		enum js_tok t;
		int rc = js_next(js, &t);
		if (rc)
			return rc;
		if (t == JS_OBJ_BEGIN || t == JS_ARR_BEGIN)
			level++;
		else if (t == JS_OBJ_END || t == JS_ARR_END)
			level--;
	}
	return 0;
}

static json_t *js_number(const char *s)
{
	if (!strpbrk(s, ".eE")) {
		errno = 0;
		char *end;
		long long v = strtoll(s, &end, 10);
		if (!errno && !*end)
			return json_integer(v);
	}
	return json_real(strtod(s, NULL));
}

int js_read_json(struct jsonstream *js, enum js_tok first, json_t **out)
{
	*out = NULL;
	switch (first) {
	case JS_STRING:
		*out = json_stringn_nocheck(js->str.buf, js->str.len);
		return 0;
	case JS_NUMBER:
		*out = js_number(js->str.buf);
		return 0;
	case JS_TRUE:
		*out = json_true();
		return 0;
	case JS_FALSE:
		*out = json_false();
		return 0;
	case JS_NULL:
		*out = json_null();
		return 0;
	case JS_OBJ_BEGIN:
	case JS_ARR_BEGIN:
		break;
	default:
		return error_set(VG_EFORMAT, "%s: at byte %" PRIu64 ": expected a value, not %s",
		                 js->name, js->tok_offset, js_tok_name(first));
	}
	bool obj = first == JS_OBJ_BEGIN;
	json_t *v = obj ? json_object() : json_array();
	char *key = NULL;
	for (;;) {
		enum js_tok t;
		int rc = js_next(js, &t);
		if (!rc && (t == JS_OBJ_END || t == JS_ARR_END))
			break;
		if (!rc && obj) {
			/* t is JS_KEY: the tokenizer allows nothing else here */
			key = xstrndup(js->str.buf, js->str.len);
			rc = js_next(js, &t);
		}
		json_t *item = NULL;
		if (!rc)
			rc = js_read_json(js, t, &item);
		if (rc) {
			free(key);
			json_decref(v);
			return rc;
		}
		if (obj)
			json_object_set_new_nocheck(v, key, item);
		else
			json_array_append_new(v, item);
		free(key);
		key = NULL;
	}
	*out = v;
	return 0;
}

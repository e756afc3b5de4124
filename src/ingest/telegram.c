/* telegram.c - see telegram.h. */
#include "ingest/telegram.h"

#include <errno.h>
#include <inttypes.h>

#include <sodium.h>

#include "util/util.h"

const char *const tg_field_names[TGF_COUNT] = {
    "date",
    "date_unixtime",
    "edited",
    "edited_unixtime",
    "from",
    "from_id",
    "author",
    "forwarded_from",
    "saved_from",
    "reply_to_message_id",
    "reply_to_peer_id",
    "via_bot",
    "actor",
    "actor_id",
    "action",
    "photo",
    "file",
    "thumbnail",
    "file_name",
    "media_type",
    "mime_type",
    "duration_seconds",
};

#define NOSTR        ((size_t)-1)
#define MAX_ENTITIES 100000

struct ent_off {
	size_t type, href, user_id, text;
	uint32_t offset, length;
};

struct parser {
	struct jsonstream *js;
	const char *only_chat;
	const struct tg_callbacks *cb;
	struct tg_stats *stats;
	struct strbuf pool; /* NUL-terminated strings of the current message */
	struct strbuf text;
	struct ent_off *ents;
	size_t nents, ents_cap;
	struct tg_entity *out_ents;
	size_t out_cap;
	uint64_t index;
	bool matched_any;
};

size_t tg_utf16_len(const char *s, size_t n)
{
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			u += c >= 0xF0 ? 2 : 1;
	}
	return u;
}

int64_t tg_parse_local_date(const char *s)
{
	int y, mo, d, h, mi, se;
	char tail;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &tail) != 6)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	/* days from civil (Howard Hinnant's algorithm) */
	int yy = y - (mo <= 2);
	int era = (yy >= 0 ? yy : yy - 399) / 400;
	unsigned yoe = (unsigned)(yy - era * 400);
	unsigned doy = (unsigned)((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = (int64_t)era * 146097 + (int64_t)doe - 719468;
	return days * 86400 + h * 3600 + mi * 60 + se;
}

static size_t pool_add(struct parser *p, const char *s, size_t n)
{
	size_t at = p->pool.len;
	strbuf_add(&p->pool, s, n);
	strbuf_addch(&p->pool, 0);
	return at;
}

static int next(struct parser *p, enum js_tok *t)
{
	int rc = js_next(p->js, t);
	if (rc)
		return rc;
	return 0;
}

/* --- a message --------------------------------------------------------- */

static int msg_error(struct parser *p, uint64_t off, const char *what)
{
	return error_set(VG_EFORMAT, "%s: message %" PRIu64 " (at byte %" PRIu64 ") %s",
	                 p->js->name, p->index, off, what);
}

static bool is_scalar(enum js_tok t)
{
	return t == JS_STRING || t == JS_NUMBER || t == JS_TRUE || t == JS_FALSE || t == JS_NULL;
}

static int add_entity(struct parser *p, const struct ent_off *e)
{
	if (p->nents >= MAX_ENTITIES)
		return msg_error(p, p->js->tok_offset, "has more text parts than the limit");
	if (p->nents == p->ents_cap) {
		p->ents_cap = p->ents_cap ? p->ents_cap * 2 : 16;
		p->ents = xrealloc(p->ents, p->ents_cap * sizeof(*p->ents));
	}
	p->ents[p->nents++] = *e;
	return 0;
}

/* One part of a text array: a string or {type, text, href, user_id, ...}. */
static int text_part(struct parser *p, enum js_tok t)
{
	if (t == JS_STRING) {
		strbuf_add(&p->text, p->js->str.buf, p->js->str.len);
		return 0;
	}
	if (t != JS_OBJ_BEGIN)
		return msg_error(p, p->js->tok_offset,
		                 "has a text part that is neither a string nor "
		                 "an object");
	struct ent_off e = {NOSTR, NOSTR, NOSTR, NOSTR, 0, 0};
	size_t start = p->text.len;
	bool have_text = false;
	for (;;) {
		int rc = next(p, &t);
		if (rc)
			return rc;
		if (t == JS_OBJ_END)
			break;
		size_t *slot = NULL;
		bool is_text = false;
		if (!strcmp(p->js->str.buf, "type"))
			slot = &e.type;
		else if (!strcmp(p->js->str.buf, "text"))
			is_text = true;
		else if (!strcmp(p->js->str.buf, "href"))
			slot = &e.href;
		else if (!strcmp(p->js->str.buf, "user_id"))
			slot = &e.user_id;
		rc = next(p, &t);
		if (rc)
			return rc;
		if (is_text) {
			if (t != JS_STRING)
				return msg_error(p, p->js->tok_offset,
				                 "has a text part whose text is not "
				                 "a string");
			strbuf_add(&p->text, p->js->str.buf, p->js->str.len);
			have_text = true;
		} else if (slot && (t == JS_STRING || t == JS_NUMBER)) {
			*slot = pool_add(p, p->js->str.buf, p->js->str.len);
		} else {
			rc = js_skip(p->js, t);
			if (rc)
				return rc;
		}
	}
	if (e.type == NOSTR || !have_text)
		return msg_error(p, p->js->tok_offset, "has a text part without type or text");
	e.offset = (uint32_t)tg_utf16_len(p->text.buf, start);
	e.length = (uint32_t)tg_utf16_len(p->text.buf + start, p->text.len - start);
	e.text = pool_add(p, p->text.buf + start, p->text.len - start);
	if (!strcmp(p->pool.buf + e.type, "plain"))
		return 0;
	return add_entity(p, &e);
}

static int read_text(struct parser *p, enum js_tok t)
{
	if (t == JS_STRING) {
		strbuf_add(&p->text, p->js->str.buf, p->js->str.len);
		return 0;
	}
	if (t != JS_ARR_BEGIN)
		return msg_error(p, p->js->tok_offset,
		                 "has a text that is neither a string nor a list");
	for (;;) {
		int rc = next(p, &t);
		if (rc)
			return rc;
		if (t == JS_ARR_END)
			return 0;
		rc = text_part(p, t);
		if (rc)
			return rc;
	}
}

static int parse_int64(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		return -1;
	*out = v;
	return 0;
}

/* The content that makes a version: type, edit time, media, action, text. */
static void version_hash(struct tg_message *m)
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, TG_VERSION_HASH_BYTES);
	const char *parts[] = {
	    m->type, m->f[TGF_EDITED_UNIXTIME] ? m->f[TGF_EDITED_UNIXTIME] : m->f[TGF_EDITED],
	    m->f[TGF_PHOTO], m->f[TGF_FILE], m->f[TGF_ACTION]};
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		crypto_generichash_update(&h, (const unsigned char *)(parts[i] ? parts[i] : ""),
		                          parts[i] ? strlen(parts[i]) + 1 : 1);
	crypto_generichash_update(&h, (const unsigned char *)m->text, m->text_len);
	crypto_generichash_final(&h, m->version_hash, TG_VERSION_HASH_BYTES);
}

static int read_message(struct parser *p, struct tg_chat *chat)
{
	uint64_t off = p->js->tok_offset;
	strbuf_reset(&p->pool);
	strbuf_reset(&p->text);
	p->nents = 0;
	size_t fields[TGF_COUNT];
	for (size_t i = 0; i < TGF_COUNT; i++)
		fields[i] = NOSTR;
	size_t type = NOSTR;
	bool have_id = false, from_id_int = false;
	int64_t id = 0;
	for (;;) {
		enum js_tok t;
		int rc = next(p, &t);
		if (rc)
			return rc;
		if (t == JS_OBJ_END)
			break;
		char key[32];
		size_t klen = p->js->str.len < sizeof(key) ? p->js->str.len : 0;
		memcpy(key, p->js->str.buf, klen);
		key[klen] = '\0';
		uint64_t voff = js_offset(p->js);
		rc = next(p, &t);
		if (rc)
			return rc;
		if (!strcmp(key, "id")) {
			if (t != JS_NUMBER || parse_int64(p->js->str.buf, &id))
				return msg_error(p, voff, "has an id that is not an integer");
			have_id = true;
		} else if (!strcmp(key, "type")) {
			if (t != JS_STRING)
				return msg_error(p, voff, "has a type that is not a string");
			type = pool_add(p, p->js->str.buf, p->js->str.len);
		} else if (!strcmp(key, "text")) {
			rc = read_text(p, t);
			if (rc)
				return rc;
		} else {
			size_t i = 0;
			while (i < TGF_COUNT && strcmp(key, tg_field_names[i]))
				i++;
			if (i < TGF_COUNT && is_scalar(t)) {
				if (t == JS_STRING || t == JS_NUMBER)
					fields[i] = pool_add(p, p->js->str.buf, p->js->str.len);
				if ((i == TGF_FROM_ID || i == TGF_ACTOR_ID) && t == JS_NUMBER)
					from_id_int = true;
			} else {
				rc = js_skip(p->js, t);
				if (rc)
					return rc;
			}
		}
	}
	if (!have_id)
		return msg_error(p, off, "has no id");
	if (type == NOSTR)
		return msg_error(p, off, "has no type");
	struct tg_message m = {0};
	m.chat = chat;
	m.index = p->index;
	m.offset = off;
	m.id = id;
	m.type = p->pool.buf + type;
	for (size_t i = 0; i < TGF_COUNT; i++)
		m.f[i] = fields[i] == NOSTR ? NULL : p->pool.buf + fields[i];
	m.from_id_int = from_id_int;
	int64_t v;
	if (m.f[TGF_DATE_UNIXTIME] && !parse_int64(m.f[TGF_DATE_UNIXTIME], &v)) {
		m.date = v;
	} else if (m.f[TGF_DATE] && (v = tg_parse_local_date(m.f[TGF_DATE])) >= 0) {
		m.date = v;
		m.date_local_only = true;
	} else if (strcmp(m.type, "unsupported") != 0) {
		return msg_error(p, off, "has no readable date (date or date_unixtime)");
	}
	if (m.f[TGF_EDITED_UNIXTIME] && !parse_int64(m.f[TGF_EDITED_UNIXTIME], &v))
		m.edited = v;
	else if (m.f[TGF_EDITED] && (v = tg_parse_local_date(m.f[TGF_EDITED])) >= 0)
		m.edited = v;
	m.text = p->text.buf;
	m.text_len = p->text.len;
	if (p->nents > p->out_cap) {
		p->out_cap = p->nents;
		p->out_ents = xrealloc(p->out_ents, p->out_cap * sizeof(*p->out_ents));
	}
	for (size_t i = 0; i < p->nents; i++) {
		const struct ent_off *e = &p->ents[i];
		struct tg_entity *o = &p->out_ents[i];
		o->type = p->pool.buf + e->type;
		o->offset = e->offset;
		o->length = e->length;
		o->href = e->href == NOSTR ? NULL : p->pool.buf + e->href;
		o->user_id = e->user_id == NOSTR ? NULL : p->pool.buf + e->user_id;
		o->text = p->pool.buf + e->text;
	}
	m.entities = p->out_ents;
	m.nentities = p->nents;
	m.length = js_offset(p->js) - off;
	version_hash(&m);
	p->stats->messages++;
	int rc = p->cb->message ? p->cb->message(p->cb->arg, &m) : 0;
	p->index++;
	return rc;
}

/* --- chats ------------------------------------------------------------- */

static bool chat_wanted(struct parser *p, const struct tg_chat *c)
{
	if (!p->only_chat)
		return true;
	if (c->name && !strcmp(c->name, p->only_chat))
		return true;
	char idbuf[32];
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, c->id);
	return !strcmp(idbuf, p->only_chat);
}

static int read_messages(struct parser *p, struct tg_chat *chat, bool have_id)
{
	enum js_tok t;
	uint64_t off = p->js->tok_offset;
	int rc = next(p, &t);
	if (rc)
		return rc;
	if (t != JS_ARR_BEGIN)
		return error_set(VG_EFORMAT, "%s: at byte %" PRIu64 ": messages is not a list",
		                 p->js->name, off);
	if (!have_id)
		return error_set(VG_EFORMAT,
		                 "%s: at byte %" PRIu64 ": a chat's messages come before its id; "
		                 "Telegram Desktop writes the id first, so this is not its export",
		                 p->js->name, off);
	bool wanted = chat_wanted(p, chat);
	if (wanted) {
		p->matched_any = true;
		p->stats->chats++;
		if (p->cb->chat && (rc = p->cb->chat(p->cb->arg, chat)))
			return rc;
	} else {
		p->stats->chats_skipped++;
	}
	for (;;) {
		rc = next(p, &t);
		if (rc)
			return rc;
		if (t == JS_ARR_END)
			return 0;
		if (t != JS_OBJ_BEGIN)
			return msg_error(p, p->js->tok_offset, "is not an object");
		if (!wanted) {
			rc = js_skip(p->js, t);
			p->index++;
		} else {
			rc = read_message(p, chat);
		}
		if (rc)
			return rc;
	}
}

struct chat_hdr {
	struct strbuf name, type;
	bool has_name, has_id;
	struct tg_chat c;
};

/* Reads the members of a chat object after '{'; messages are streamed. */
static int read_chat_members(struct parser *p, struct chat_hdr *h, bool top, bool *saw_messages,
                             bool *saw_chats)
{
	for (;;) {
		enum js_tok t;
		int rc = next(p, &t);
		if (rc)
			return rc;
		if (t == JS_OBJ_END)
			return 0;
		char key[64];
		snprintf(key, sizeof(key), "%s",
		         p->js->str.len < sizeof(key) ? p->js->str.buf : "?");
		uint64_t off = js_offset(p->js);
		if (!strcmp(key, "messages")) {
			h->c.name = h->has_name ? h->name.buf : NULL;
			h->c.type = h->type.buf;
			*saw_messages = true;
			rc = read_messages(p, &h->c, h->has_id);
			if (rc)
				return rc;
			continue;
		}
		if (top && (!strcmp(key, "chats") || !strcmp(key, "left_chats"))) {
			*saw_chats = true;
			rc = next(p, &t);
			if (rc)
				return rc;
			if (t != JS_OBJ_BEGIN)
				return error_set(VG_EFORMAT,
				                 "%s: at byte %" PRIu64 ": %s is not an object",
				                 p->js->name, off, key);
			bool left = key[0] == 'l';
			for (;;) {
				rc = next(p, &t);
				if (rc)
					return rc;
				if (t == JS_OBJ_END)
					break;
				bool is_list = !strcmp(p->js->str.buf, "list");
				rc = next(p, &t);
				if (rc)
					return rc;
				if (!is_list) {
					rc = js_skip(p->js, t);
					if (rc)
						return rc;
					continue;
				}
				if (t != JS_ARR_BEGIN)
					return error_set(VG_EFORMAT,
					                 "%s: at byte %" PRIu64
					                 ": %s.list is not a list",
					                 p->js->name, p->js->tok_offset, key);
				for (;;) {
					rc = next(p, &t);
					if (rc)
						return rc;
					if (t == JS_ARR_END)
						break;
					if (t != JS_OBJ_BEGIN)
						return error_set(
						    VG_EFORMAT,
						    "%s: at byte %" PRIu64
						    ": an entry of %s.list is not an object",
						    p->js->name, p->js->tok_offset, key);
					struct chat_hdr sub = {
					    STRBUF_INIT, STRBUF_INIT, false, false, {0}};
					sub.c.left = left;
					bool sm = false, sc = false;
					rc = read_chat_members(p, &sub, false, &sm, &sc);
					strbuf_release(&sub.name);
					strbuf_release(&sub.type);
					if (rc)
						return rc;
				}
			}
			continue;
		}
		rc = next(p, &t);
		if (rc)
			return rc;
		if (!strcmp(key, "name") && (t == JS_STRING || t == JS_NULL)) {
			strbuf_reset(&h->name);
			h->has_name = t == JS_STRING;
			if (t == JS_STRING)
				strbuf_add(&h->name, p->js->str.buf, p->js->str.len);
		} else if (!strcmp(key, "type") && t == JS_STRING) {
			strbuf_reset(&h->type);
			strbuf_add(&h->type, p->js->str.buf, p->js->str.len);
		} else if (!strcmp(key, "id")) {
			if (t != JS_NUMBER || parse_int64(p->js->str.buf, &h->c.id))
				return error_set(VG_EFORMAT,
				                 "%s: at byte %" PRIu64
				                 ": the chat id is not an integer",
				                 p->js->name, off);
			h->has_id = true;
		} else {
			if (top && t == JS_OBJ_BEGIN) {
				if (p->stats->sections_skipped.len)
					strbuf_adds(&p->stats->sections_skipped, ", ");
				strbuf_adds(&p->stats->sections_skipped, key);
			}
			rc = js_skip(p->js, t);
			if (rc)
				return rc;
		}
	}
}

int telegram_parse(struct jsonstream *js, const char *only_chat, const struct tg_callbacks *cb,
                   struct tg_stats *stats)
{
	struct parser p = {0};
	p.js = js;
	p.only_chat = only_chat;
	p.cb = cb;
	p.stats = stats;
	strbuf_init(&p.pool, 1024);
	strbuf_init(&p.text, 1024);
	struct chat_hdr top = {STRBUF_INIT, STRBUF_INIT, false, false, {0}};
	enum js_tok t;
	int rc = next(&p, &t);
	if (!rc && t != JS_OBJ_BEGIN)
		rc =
		    error_set(VG_EFORMAT,
		              "%s: not a Telegram Desktop export: the file holds %s, not an object",
		              js->name, js_tok_name(t));
	bool saw_messages = false, saw_chats = false;
	if (!rc)
		rc = read_chat_members(&p, &top, true, &saw_messages, &saw_chats);
	if (!rc)
		rc = next(&p, &t);
	if (!rc && !saw_messages && !saw_chats)
		rc = error_set(VG_EFORMAT,
		               "%s: valid JSON but not a Telegram Desktop export: it has no "
		               "\"messages\" and no \"chats\"; export with the format "
		               "\"Machine-readable JSON\"",
		               js->name);
	if (!rc && only_chat && !p.matched_any)
		rc = error_set(VG_ENOTFOUND, "%s: no chat named or numbered '%s' in the export",
		               js->name, only_chat);
	strbuf_release(&top.name);
	strbuf_release(&top.type);
	strbuf_release(&p.pool);
	strbuf_release(&p.text);
	free(p.ents);
	free(p.out_ents);
	return rc;
}

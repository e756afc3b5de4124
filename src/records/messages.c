/* messages.c - see messages.h. */
#include "records/messages.h"

#include <inttypes.h>

#include "records/records.h"
#include "records/search.h"
#include "util/util.h"

enum {
	ST_IMPORT_BEGIN,
	ST_IMPORT_FINISH,
	ST_CHAT_UPSERT,
	ST_SENDER_INS,
	ST_SENDER_GET,
	ST_ALIAS_INS,
	ST_MSG_FIND,
	ST_MSG_INS,
	ST_ENT_INS,
	ST_MEDIA_INS,
	ST_CHAT_HAS,
	ST_COUNT
};

static const char *const sql[ST_COUNT] = {
    "INSERT INTO msg_import(source, path, sha256, size, case_id, at) VALUES(?,?,'',0,?,?)",
    "UPDATE msg_import SET sha256=?, size=?, evidence_id=?, summary=? WHERE import_id=?",
    "INSERT OR REPLACE INTO msg_chat(chat_key, source, ext_id, name, type, case_id) "
    "VALUES(?,?,?,?,?,coalesce(?, (SELECT case_id FROM msg_chat WHERE chat_key=?1)))",
    "INSERT OR IGNORE INTO msg_sender(source, ext_id) VALUES(?,?)",
    "SELECT sender_id FROM msg_sender WHERE source=? AND ext_id=?",
    "INSERT OR IGNORE INTO msg_alias(sender_id, name) VALUES(?,?)",
    "SELECT max(version), sum(content_hash=?3) FROM message WHERE chat_key=?1 AND msg_id=?2",
    "INSERT INTO message(chat_key, msg_id, version, type, date, date_local, date_is_local,"
    " edited, sender_id, from_name, from_id, reply_to, reply_peer, forwarded_from, saved_from,"
    " via_bot, action, media_type, text, raw, content_hash, import_id, src_off, src_len)"
    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO msg_entity(mid, idx, type, off, len, href, user_id) VALUES(?,?,?,?,?,?,?)",
    /* a plain INSERT: media are linked only to a message version just added,
     * and OR REPLACE would make SQLite keep a statement journal (every page
     * the statement touches copied and encrypted once more) */
    "INSERT INTO msg_media(mid, role, path, status, reason, sha256, size, "
    "evidence_id) VALUES(?,?,?,?,?,?,?,?)",
    "SELECT 1 FROM message WHERE chat_key=? LIMIT 1",
};

/* A bounded memo of strings already written in this import (a sender's row
 * id by its account, or a sender+name alias), so that most messages need no
 * lookup or INSERT OR IGNORE for them. Past MEMO_MAX entries it stops
 * remembering and the database is asked as before. */
#define MEMO_SLOTS 8192
#define MEMO_MAX   (MEMO_SLOTS / 2)

struct memo {
	char *key[MEMO_SLOTS];
	int64_t tag[MEMO_SLOTS]; /* part of the identity, with key */
	int64_t val[MEMO_SLOTS];
	size_t n;
};

static uint64_t memo_hash(const char *s, int64_t tag)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)tag;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of key + tag: where it is (*found) or would go. */
static size_t memo_slot(const struct memo *m, const char *key, int64_t tag, bool *found)
{
	size_t i = (size_t)(memo_hash(key, tag) & (MEMO_SLOTS - 1));
	while (m->key[i] && (m->tag[i] != tag || strcmp(m->key[i], key)))
		i = (i + 1) & (MEMO_SLOTS - 1);
	*found = m->key[i] != NULL;
	return i;
}

static void memo_put(struct memo *m, size_t slot, const char *key, int64_t tag, int64_t val)
{
	if (m->n >= MEMO_MAX)
		return;
	m->key[slot] = xstrdup(key);
	m->tag[slot] = tag;
	m->val[slot] = val;
	m->n++;
}

static void memo_clear(struct memo *m)
{
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		free(m->key[i]);
	memset(m, 0, sizeof(*m));
}

struct msgstore {
	struct vault *v;
	sqlite3_stmt *st[ST_COUNT];
	char source[16];
	/* senders: key the account (ext id), val its sender_id; aliases: key
	 * the name, val the sender_id it belongs to */
	struct memo senders, aliases;
	/* The current chat had no message before this import began, and every
	 * message id of it stored so far is at most max_id: a larger id (the
	 * order Telegram writes them in) cannot be stored yet and needs no lookup. */
	/* Indexes the messages of this import for search on a thread of its
	 * own (search.h); owned by the vault's transaction, not by this. */
	struct search_indexer *ix;
	bool chat_fresh;
	char fresh_key[64];
	int64_t max_id;
};

/* The indexer lives as long as the transaction it was started in. */
static bool indexing(struct msgstore *ms)
{
	return ms->ix && vault_followed_by(ms->v, search_indexer_done, ms->ix);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int run(struct msgstore *ms, int which, const char *what)
{
	sqlite3_stmt *st = ms->st[which];
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		return vault_db_error(ms->v->db, s, what);
	return 0;
}

int msgstore_open(struct vault *v, struct msgstore **out)
{
	struct msgstore *ms = xcalloc(1, sizeof(*ms));
	ms->v = v;
	/* A large import is one transaction whose pages are mostly appended, so
	 * that a larger cache buys little (measured: 4, 16 and 48 MB cost the same
	 * CPU time on 200,000 messages); 16 MB leaves room under the 100 MB bound. */
	sqlite3_exec(v->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
	for (int i = 0; i < ST_COUNT; i++) {
		int s = sqlite3_prepare_v2(v->db, sql[i], -1, &ms->st[i], NULL);
		if (s != SQLITE_OK) {
			int rc = vault_db_error(v->db, s, "preparing the message store");
			msgstore_close(ms);
			return rc;
		}
	}
	*out = ms;
	return 0;
}

void msgstore_close(struct msgstore *ms)
{
	if (!ms)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(ms->st[i]);
	memo_clear(&ms->senders);
	memo_clear(&ms->aliases);
	free(ms);
}

int msgstore_import_begin(struct msgstore *ms, const char *source, const char *path,
                          const char *case_id, int64_t *import_id)
{
	char now[21];
	records_now(now);
	sqlite3_stmt *st = ms->st[ST_IMPORT_BEGIN];
	bind_str(st, 1, source);
	bind_str(st, 2, path);
	bind_str(st, 3, case_id);
	bind_str(st, 4, now);
	int rc = run(ms, ST_IMPORT_BEGIN, "recording the import");
	if (rc)
		return rc;
	*import_id = sqlite3_last_insert_rowid(ms->v->db);
	/* one indexer per transaction: a second import in it is indexed by
	 * the next search or import */
	if (!vault_followed_by(ms->v, search_indexer_done, NULL))
		rc = search_indexer_start(ms->v, &ms->ix);
	return rc;
}

int msgstore_import_finish(struct msgstore *ms, int64_t import_id, const char *sha256,
                           uint64_t size, const char *evidence_id, json_t *summary)
{
	int rc = indexing(ms) ? search_indexer_finish(ms->ix) : 0;
	if (rc)
		return rc;
	char *s = json_dumps(summary, JSON_COMPACT | JSON_SORT_KEYS);
	sqlite3_stmt *st = ms->st[ST_IMPORT_FINISH];
	bind_str(st, 1, sha256);
	sqlite3_bind_int64(st, 2, (int64_t)size);
	bind_str(st, 3, evidence_id);
	bind_str(st, 4, s);
	sqlite3_bind_int64(st, 5, import_id);
	rc = run(ms, ST_IMPORT_FINISH, "recording the import");
	free(s);
	if (rc)
		return rc;
	char idbuf[32];
	snprintf(idbuf, sizeof(idbuf), "import-%" PRId64, import_id);
	json_t *data = json_deep_copy(summary);
	json_object_set_new(data, "sha256", json_string(sha256));
	rc = changelog_append(ms->v, "import", "message-import", idbuf, NULL, data, NULL);
	json_decref(data);
	return rc;
}

int msgstore_chat(struct msgstore *ms, const char *source, const char *ext_id, const char *name,
                  const char *type, const char *case_id, char key[64])
{
	snprintf(key, 64, "%s:%s", source, ext_id);
	sqlite3_stmt *st = ms->st[ST_CHAT_UPSERT];
	bind_str(st, 1, key);
	bind_str(st, 2, source);
	bind_str(st, 3, ext_id);
	bind_str(st, 4, name);
	bind_str(st, 5, type);
	bind_str(st, 6, case_id);
	if (strcmp(ms->source, source)) {
		memo_clear(&ms->senders);
		memo_clear(&ms->aliases);
	}
	snprintf(ms->source, sizeof(ms->source), "%s", source);
	int rc = run(ms, ST_CHAT_UPSERT, "recording a chat");
	if (rc)
		return rc;
	/* a chat seen again (even earlier in this import) is not fresh */
	st = ms->st[ST_CHAT_HAS];
	bind_str(st, 1, key);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		return vault_db_error(ms->v->db, s, "looking up a chat");
	ms->chat_fresh = s == SQLITE_DONE;
	snprintf(ms->fresh_key, sizeof(ms->fresh_key), "%s", key);
	ms->max_id = INT64_MIN;
	return 0;
}

static int sender_id(struct msgstore *ms, const char *ext, const char *name, int64_t *out)
{
	bool found;
	size_t slot = memo_slot(&ms->senders, ext, 0, &found);
	if (found) {
		*out = ms->senders.val[slot];
	} else {
		sqlite3_stmt *st = ms->st[ST_SENDER_INS];
		bind_str(st, 1, ms->source);
		bind_str(st, 2, ext);
		int rc = run(ms, ST_SENDER_INS, "recording a sender");
		if (rc)
			return rc;
		st = ms->st[ST_SENDER_GET];
		bind_str(st, 1, ms->source);
		bind_str(st, 2, ext);
		int s = sqlite3_step(st);
		*out = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (s != SQLITE_ROW)
			return vault_db_error(ms->v->db, s, "reading a sender");
		memo_put(&ms->senders, slot, ext, 0, *out);
	}
	if (name) {
		slot = memo_slot(&ms->aliases, name, *out, &found);
		if (found)
			return 0;
		sqlite3_stmt *st = ms->st[ST_ALIAS_INS];
		sqlite3_bind_int64(st, 1, *out);
		bind_str(st, 2, name);
		int rc = run(ms, ST_ALIAS_INS, "recording a sender's name");
		if (!rc)
			memo_put(&ms->aliases, slot, name, *out, 0);
		return rc;
	}
	return 0;
}

/* The stored versions of a message: the highest, and whether one has this content. */
static int find_versions(struct msgstore *ms, const struct msg_in *m, int64_t *version,
                         int64_t *same)
{
	*version = *same = 0;
	if (ms->chat_fresh && m->msg_id > ms->max_id && !strcmp(m->chat_key, ms->fresh_key))
		return 0;
	sqlite3_stmt *st = ms->st[ST_MSG_FIND];
	bind_str(st, 1, m->chat_key);
	sqlite3_bind_int64(st, 2, m->msg_id);
	sqlite3_bind_blob(st, 3, m->hash, MSG_HASH_BYTES, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*version = sqlite3_column_int64(st, 0);
		*same = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (s != SQLITE_ROW)
		return vault_db_error(ms->v->db, s, "looking up a message");
	return 0;
}

int msgstore_add(struct msgstore *ms, int64_t import_id, const struct msg_in *m,
                 enum msg_added *added, int64_t *mid)
{
	int64_t version, same;
	int rc = find_versions(ms, m, &version, &same);
	if (rc)
		return rc;
	*mid = 0;
	if (same > 0) {
		*added = MSG_DUPLICATE;
		return 0;
	}
	*added = version ? MSG_NEW_VERSION : MSG_NEW;
	int64_t sid = 0;
	if (m->sender_ext) {
		rc = sender_id(ms, m->sender_ext, m->sender_name, &sid);
		if (rc)
			return rc;
	}
	sqlite3_stmt *st = ms->st[ST_MSG_INS];
	int i = 1;
	bind_str(st, i++, m->chat_key);
	sqlite3_bind_int64(st, i++, m->msg_id);
	sqlite3_bind_int64(st, i++, version + 1);
	bind_str(st, i++, m->type);
	sqlite3_bind_int64(st, i++, m->date);
	bind_str(st, i++, m->date_local);
	sqlite3_bind_int(st, i++, m->date_is_local);
	if (m->edited)
		sqlite3_bind_int64(st, i++, m->edited);
	else
		sqlite3_bind_null(st, i++);
	if (sid)
		sqlite3_bind_int64(st, i++, sid);
	else
		sqlite3_bind_null(st, i++);
	bind_str(st, i++, m->sender_name);
	bind_str(st, i++, m->from_id);
	if (m->reply_to)
		sqlite3_bind_int64(st, i++, m->reply_to);
	else
		sqlite3_bind_null(st, i++);
	bind_str(st, i++, m->reply_peer);
	bind_str(st, i++, m->forwarded_from);
	bind_str(st, i++, m->saved_from);
	bind_str(st, i++, m->via_bot);
	bind_str(st, i++, m->action);
	bind_str(st, i++, m->media_type);
	sqlite3_bind_text(st, i++, m->text, (int)m->text_len, SQLITE_STATIC);
	sqlite3_bind_text(st, i++, m->raw ? m->raw : "", m->raw ? (int)m->raw_len : 0,
	                  SQLITE_STATIC);
	sqlite3_bind_blob(st, i++, m->hash, MSG_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(st, i++, import_id);
	if (m->src_length) {
		sqlite3_bind_int64(st, i++, (int64_t)m->src_offset);
		sqlite3_bind_int64(st, i++, (int64_t)m->src_length);
	} else {
		sqlite3_bind_null(st, i++);
		sqlite3_bind_null(st, i++);
	}
	rc = run(ms, ST_MSG_INS, "storing a message");
	if (rc)
		return rc;
	*mid = sqlite3_last_insert_rowid(ms->v->db);
	if (m->msg_id > ms->max_id && !strcmp(m->chat_key, ms->fresh_key))
		ms->max_id = m->msg_id;
	for (size_t k = 0; k < m->nentities; k++) {
		const struct msg_entity_in *e = &m->entities[k];
		st = ms->st[ST_ENT_INS];
		sqlite3_bind_int64(st, 1, *mid);
		sqlite3_bind_int64(st, 2, (int64_t)k);
		bind_str(st, 3, e->type);
		sqlite3_bind_int64(st, 4, e->offset);
		sqlite3_bind_int64(st, 5, e->length);
		bind_str(st, 6, e->href);
		bind_str(st, 7, e->user_id);
		rc = run(ms, ST_ENT_INS, "storing a message's entities");
		if (rc)
			return rc;
	}
	if (indexing(ms))
		rc = search_indexer_add(ms->ix, *mid, m->text, m->text_len);
	return rc;
}

int msgstore_media(struct msgstore *ms, int64_t mid, const char *role, const char *path,
                   const char *status, const char *reason, const char *sha256, int64_t size,
                   const char *evidence_id)
{
	sqlite3_stmt *st = ms->st[ST_MEDIA_INS];
	sqlite3_bind_int64(st, 1, mid);
	bind_str(st, 2, role);
	bind_str(st, 3, path);
	bind_str(st, 4, status);
	bind_str(st, 5, reason);
	bind_str(st, 6, sha256);
	if (size >= 0)
		sqlite3_bind_int64(st, 7, size);
	else
		sqlite3_bind_null(st, 7);
	bind_str(st, 8, evidence_id);
	return run(ms, ST_MEDIA_INS, "linking a media file");
}

int msgstore_count(struct vault *v, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT count(*) FROM message", &st);
	if (rc)
		return rc;
	int s = sqlite3_step(st);
	*out = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return s == SQLITE_ROW ? 0 : vault_db_error(v->db, s, "counting messages");
}

static json_t *col_json(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return json_null();
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	default:
		return json_stringn((const char *)sqlite3_column_text(st, i),
		                    (size_t)sqlite3_column_bytes(st, i));
	}
}

static int add_children(struct vault *v, json_t *msg, int64_t mid, sqlite3_stmt *ent,
                        sqlite3_stmt *med)
{
	json_t *ents = json_array();
	sqlite3_bind_int64(ent, 1, mid);
	int s;
	while ((s = sqlite3_step(ent)) == SQLITE_ROW) {
		json_t *e = json_pack("{s:o, s:o, s:o}", "type", col_json(ent, 0), "offset",
		                      col_json(ent, 1), "length", col_json(ent, 2));
		if (sqlite3_column_type(ent, 3) != SQLITE_NULL)
			json_object_set_new(e, "href", col_json(ent, 3));
		if (sqlite3_column_type(ent, 4) != SQLITE_NULL)
			json_object_set_new(e, "user_id", col_json(ent, 4));
		json_array_append_new(ents, e);
	}
	sqlite3_reset(ent);
	json_object_set_new(msg, "entities", ents);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "reading entities");
	json_t *media = json_array();
	sqlite3_bind_int64(med, 1, mid);
	while ((s = sqlite3_step(med)) == SQLITE_ROW) {
		static const char *const names[] = {"role",   "path", "status",     "reason",
		                                    "sha256", "size", "evidence_id"};
		json_t *m = json_object();
		for (int i = 0; i < 7; i++)
			if (sqlite3_column_type(med, i) != SQLITE_NULL)
				json_object_set_new(m, names[i], col_json(med, i));
		json_array_append_new(media, m);
	}
	sqlite3_reset(med);
	json_object_set_new(msg, "media", media);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "reading media links");
	return 0;
}

/* The messages that match a search, as the temporary table search_hit of
 * the vault's connection (kept in memory: no file holds what was sought). */
static int search_hits(struct vault *v, const struct msg_filter *f)
{
	int64_t *ids;
	size_t n;
	int rc = search_match(v, f->search, f->search_progress, f->search_progress_arg, &ids, &n);
	if (rc)
		return rc;
	int s = sqlite3_exec(v->db,
	                     "PRAGMA temp_store = MEMORY;"
	                     "CREATE TEMP TABLE IF NOT EXISTS search_hit(mid INTEGER PRIMARY KEY);"
	                     "DELETE FROM temp.search_hit;",
	                     NULL, NULL, NULL);
	sqlite3_stmt *st = NULL;
	if (s == SQLITE_OK)
		s = sqlite3_prepare_v2(v->db, "INSERT INTO temp.search_hit(mid) VALUES(?)", -1, &st,
		                       NULL);
	for (size_t i = 0; s == SQLITE_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		s = sqlite3_step(st);
		sqlite3_reset(st);
		if (s == SQLITE_DONE)
			s = SQLITE_OK;
	}
	sqlite3_finalize(st);
	free(ids);
	return s == SQLITE_OK ? 0 : vault_db_error(v->db, s, "searching messages");
}

int msgstore_each(struct vault *v, const struct msg_filter *f, msg_row_fn fn, void *arg)
{
	if (f->search) {
		int rc = search_hits(v, f);
		if (rc)
			return rc;
	}
	struct strbuf q = STRBUF_INIT;
	strbuf_adds(&q, "SELECT m.mid, m.chat_key, c.name, m.msg_id, m.version, m.type, m.date,"
	                " m.date_local, m.edited, m.sender_id, m.from_name, m.from_id, m.reply_to,"
	                " m.reply_peer, m.forwarded_from, m.saved_from, m.via_bot, m.action,"
	                " m.media_type, m.text, m.raw, m.date_is_local,"
	                " (SELECT evidence_id FROM msg_import i WHERE i.import_id = m.import_id),"
	                " m.src_off, m.src_len"
	                " FROM message m LEFT JOIN msg_chat c ON c.chat_key = m.chat_key WHERE 1");
	if (f->chat)
		strbuf_adds(&q, " AND (c.name = ?1 OR c.ext_id = ?1 OR c.chat_key = ?1)");
	if (f->from)
		strbuf_adds(&q,
		            " AND (m.sender_id IN (SELECT sender_id FROM msg_alias WHERE name = ?2"
		            " UNION SELECT sender_id FROM msg_sender WHERE ext_id = ?2"
		            " OR CAST(sender_id AS TEXT) = ?2) OR m.from_name = ?2)");
	if (f->since)
		strbuf_adds(&q, " AND m.date >= ?3");
	if (f->until)
		strbuf_adds(&q, " AND m.date < ?4");
	if (f->search)
		strbuf_adds(&q, " AND m.mid IN (SELECT mid FROM temp.search_hit)");
	strbuf_adds(&q, " ORDER BY m.date, m.chat_key, m.msg_id, m.version");
	sqlite3_stmt *st = NULL, *ent = NULL, *med = NULL;
	int rc = records_prepare(v, q.buf, &st);
	strbuf_release(&q);
	if (!rc)
		rc = records_prepare(
		    v,
		    "SELECT type, off, len, href, user_id FROM msg_entity WHERE mid=? ORDER BY idx",
		    &ent);
	if (!rc)
		rc = records_prepare(
		    v,
		    "SELECT role, path, status, reason, sha256, size, evidence_id FROM msg_media"
		    " WHERE mid=? ORDER BY role",
		    &med);
	if (rc) {
		sqlite3_finalize(st);
		sqlite3_finalize(ent);
		return rc;
	}
	bind_str(st, 1, f->chat);
	bind_str(st, 2, f->from);
	sqlite3_bind_int64(st, 3, f->since);
	sqlite3_bind_int64(st, 4, f->until);
	static const char *const names[] = {"mid",
	                                    "chat",
	                                    "chat_name",
	                                    "id",
	                                    "version",
	                                    "type",
	                                    "date",
	                                    "date_local",
	                                    "edited",
	                                    "sender",
	                                    "from",
	                                    "from_id",
	                                    "reply_to",
	                                    "reply_to_peer_id",
	                                    "forwarded_from",
	                                    "saved_from",
	                                    "via_bot",
	                                    "action",
	                                    "media_type",
	                                    "text"};
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *m = json_object();
		for (int i = 0; i < (int)ARRAY_SIZE(names); i++)
			if (i == 19 || sqlite3_column_type(st, i) != SQLITE_NULL)
				json_object_set_new(m, names[i], col_json(st, i));
		json_object_set_new(m, "date_is_local", json_boolean(sqlite3_column_int(st, 21)));
		/* the export this version was read from, as evidence */
		json_object_set_new(m, "evidence", col_json(st, 22));
		if (sqlite3_column_bytes(st, 20) == 0 &&
		    sqlite3_column_type(st, 24) != SQLITE_NULL) {
			/* the original bytes, in the export stored as evidence */
			json_object_set_new(m, "source_bytes",
			                    json_pack("{s:o, s:o}", "offset", col_json(st, 23),
			                              "length", col_json(st, 24)));
		} else {
			json_t *raw = json_loadb((const char *)sqlite3_column_text(st, 20),
			                         (size_t)sqlite3_column_bytes(st, 20), 0, NULL);
			json_object_set_new(m, "source", raw ? raw : json_null());
		}
		rc = add_children(v, m, sqlite3_column_int64(st, 0), ent, med);
		if (rc) {
			json_decref(m);
			break;
		}
		rc = fn(arg, m);
		if (rc)
			break;
	}
	if (!rc && s != SQLITE_DONE && s != SQLITE_ROW)
		rc = vault_db_error(v->db, s, "listing messages");
	sqlite3_finalize(st);
	sqlite3_finalize(ent);
	sqlite3_finalize(med);
	return rc;
}

int msgstore_list(struct vault *v, const struct msg_filter *f, json_t **out)
{
	json_t *arr = json_array();
	int rc = msgstore_each(v, f, records_json_append, arr);
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int msgstore_senders(struct vault *v, json_t **out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(
	    v,
	    "SELECT s.sender_id, s.source, s.ext_id, s.person_id, s.perpetrator,"
	    " (SELECT group_concat(name, char(10)) FROM msg_alias a WHERE a.sender_id ="
	    " s.sender_id), (SELECT count(*) FROM message m WHERE m.sender_id = s.sender_id)"
	    " FROM msg_sender s ORDER BY s.sender_id",
	    &st);
	if (rc)
		return rc;
	json_t *arr = json_array();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *names = json_array();
		const char *al = (const char *)sqlite3_column_text(st, 5);
		while (al && *al) {
			const char *nl = strchr(al, '\n');
			size_t n = nl ? (size_t)(nl - al) : strlen(al);
			json_array_append_new(names, json_stringn(al, n));
			al += n + (nl ? 1 : 0);
		}
		json_t *o =
		    json_pack("{s:o, s:o, s:o, s:o, s:b, s:o, s:o}", "sender", col_json(st, 0),
		              "source", col_json(st, 1), "ext_id", col_json(st, 2), "person",
		              col_json(st, 3), "perpetrator", sqlite3_column_int(st, 4), "names",
		              names, "messages", col_json(st, 6));
		json_array_append_new(arr, o);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		json_decref(arr);
		return vault_db_error(v->db, s, "listing senders");
	}
	*out = arr;
	return 0;
}

int msgstore_sender_link(struct vault *v, const char *sender, const char *person_id,
                         bool perpetrator)
{
	sqlite3_stmt *st;
	int rc =
	    records_prepare(v,
	                    "SELECT sender_id FROM msg_sender WHERE CAST(sender_id AS TEXT) = ?1"
	                    " OR ext_id = ?1",
	                    &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, sender, -1, SQLITE_STATIC);
	int64_t sid = 0;
	int n = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		sid = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "reading senders");
	if (n == 0)
		return error_set(VG_ENOTFOUND, "no sender '%s'; see 'vigil sender list'", sender);
	if (n > 1)
		return error_set(VG_EINVALID,
		                 "'%s' names %d senders; use the sender number from "
		                 "'vigil sender list'",
		                 sender, n);
	if (person_id && !records_exists(v, records_kind("person"), person_id))
		return error_set(VG_ENOTFOUND, "no person '%s'; see 'vigil person list'",
		                 person_id);
	rc = records_prepare(v,
	                     person_id
	                         ? "UPDATE msg_sender SET person_id = ?2 WHERE sender_id = ?1"
	                         : "UPDATE msg_sender SET perpetrator = 1 WHERE sender_id = ?1",
	                     &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	if (person_id)
		sqlite3_bind_text(st, 2, person_id, -1, SQLITE_STATIC);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "linking a sender");
	char idbuf[32];
	snprintf(idbuf, sizeof(idbuf), "sender-%" PRId64, sid);
	json_t *data = person_id ? json_pack("{s:s}", "person", person_id)
	                         : json_pack("{s:b}", "perpetrator", perpetrator);
	rc = changelog_append(v, "link", "message-sender", idbuf, NULL, data, NULL);
	json_decref(data);
	return rc;
}

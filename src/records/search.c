/* search.c - see search.h. */
#include "records/search.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <unistd.h>

#include "records/messages.h"
#include "records/records.h"
#include "util/util.h"

/* user_version of search.db; any other is made again from nothing.
 * 2: matchinfo=fts3, i.e. without FTS4's per-document sizes and totals, which
 * only ranking needs (results are listed by date): an index 15 % smaller and
 * a B-tree insert less per message. */
#define SEARCH_FORMAT 2
#define STR_(x)       #x
#define STR(x)        STR_(x)

static const char schema[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS message_fts USING fts4(content=\"\", matchinfo=fts3, text,"
    "  tokenize=unicode61 \"remove_diacritics=1\");"
    "CREATE TABLE IF NOT EXISTS mark(one INTEGER PRIMARY KEY CHECK (one = 1),"
    "  upto INTEGER NOT NULL, hash BLOB);"
    "PRAGMA user_version = " STR(SEARCH_FORMAT) ";";

static int side_exec(sqlite3 *db, const char *sql, const char *what)
{
	int s = sqlite3_exec(db, sql, NULL, NULL, NULL);
	return s == SQLITE_OK ? 0 : vault_db_error(db, s, what);
}

static void side_remove(struct vault *v)
{
	static const char *const names[] = {SEARCH_DB_NAME, SEARCH_DB_NAME "-journal"};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", v->path, names[i]);
		unlink(p.buf);
		strbuf_release(&p);
	}
}

/* Opens search.db with its tables. One that does not open with the vault's
 * key, or was written in another format, is made again: it is derived data. */
static int side_open(struct vault *v, sqlite3 **out)
{
	*out = NULL;
	for (int attempt = 0;; attempt++) {
		sqlite3 *db;
		int rc = vault_open_side(v, SEARCH_DB_NAME, VAULT_SUBKEY_SEARCH, &db);
		int version = 0;
		if (!rc)
			rc = records_user_version(db, &version, "reading the search index");
		if (!rc && version == 0)
			rc = side_exec(db, schema, "setting up the search index");
		if (!rc && version != 0 && version != SEARCH_FORMAT)
			rc = error_set(VG_EDB, "the search index has format %d", version);
		if (!rc) {
			*out = db;
			return 0;
		}
		sqlite3_close(db);
		if (error_code() != VG_EDB || attempt > 0) {
			error_prefix("the search index %s/%s (made again from the messages when "
			             "deleted): ",
			             v->path, SEARCH_DB_NAME);
			return rc;
		}
		side_remove(v);
	}
}

/* --- the mark: how far the index goes ------------------------------------ */

struct mark {
	int64_t upto;
	unsigned char hash[MSG_HASH_BYTES];
	bool has_hash;
};

/* A mark from a query whose one row (if any) is the row id and its hash. */
static int query_mark(sqlite3 *db, const char *sql, const char *what, struct mark *m)
{
	memset(m, 0, sizeof(*m));
	sqlite3_stmt *st;
	int s = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (s != SQLITE_OK)
		return vault_db_error(db, s, what);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		m->upto = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == MSG_HASH_BYTES) {
			memcpy(m->hash, sqlite3_column_blob(st, 1), MSG_HASH_BYTES);
			m->has_hash = true;
		}
	}
	sqlite3_finalize(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0 : vault_db_error(db, s, what);
}

static int read_mark(sqlite3 *db, struct mark *m)
{
	return query_mark(db, "SELECT upto, hash FROM mark", "reading the search index", m);
}

static int write_mark(sqlite3 *db, const struct mark *m)
{
	sqlite3_stmt *st;
	int s = sqlite3_prepare_v2(
	    db, "INSERT OR REPLACE INTO mark(one, upto, hash) VALUES(1, ?, ?)", -1, &st, NULL);
	if (s != SQLITE_OK)
		return vault_db_error(db, s, "updating the search index");
	sqlite3_bind_int64(st, 1, m->upto);
	if (m->has_hash)
		sqlite3_bind_blob(st, 2, m->hash, MSG_HASH_BYTES, SQLITE_STATIC);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : vault_db_error(db, s, "updating the search index");
}

/* The mark the vault's messages would give: its last row and that row's hash. */
static int vault_mark(struct vault *v, struct mark *m)
{
	return query_mark(v->db, "SELECT mid, content_hash FROM message ORDER BY mid DESC LIMIT 1",
	                  "reading messages", m);
}

/* Whether the index's mark still names a message of the vault as it was
 * when indexed (same row, same content). */
static int mark_fits(struct vault *v, const struct mark *m, bool *fits)
{
	*fits = m->upto == 0;
	if (m->upto == 0)
		return 0;
	sqlite3_stmt *st;
	int s = sqlite3_prepare_v2(v->db, "SELECT content_hash FROM message WHERE mid = ?", -1, &st,
	                           NULL);
	if (s != SQLITE_OK)
		return vault_db_error(v->db, s, "reading messages");
	sqlite3_bind_int64(st, 1, m->upto);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*fits = m->has_hash && sqlite3_column_bytes(st, 0) == MSG_HASH_BYTES &&
		        !memcmp(sqlite3_column_blob(st, 0), m->hash, MSG_HASH_BYTES);
	sqlite3_finalize(st);
	return s == SQLITE_ROW || s == SQLITE_DONE ? 0
	                                           : vault_db_error(v->db, s, "reading messages");
}

static bool marks_equal(const struct mark *a, const struct mark *b)
{
	return a->upto == b->upto && a->has_hash == b->has_hash &&
	       !memcmp(a->hash, b->hash, MSG_HASH_BYTES);
}

/* --- bringing the index up to date ---------------------------------------- */

static int insert_prepare(sqlite3 *db, sqlite3_stmt **st)
{
	int s = sqlite3_prepare_v2(db, "INSERT INTO message_fts(docid, text) VALUES(?, ?)", -1, st,
	                           NULL);
	return s == SQLITE_OK ? 0 : vault_db_error(db, s, "indexing messages for search");
}

static int insert_one(sqlite3 *db, sqlite3_stmt *st, int64_t mid, const char *text, size_t len)
{
	sqlite3_bind_int64(st, 1, mid);
	sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
	int s = sqlite3_step(st);
	sqlite3_reset(st);
	return s == SQLITE_DONE ? 0 : vault_db_error(db, s, "indexing messages for search");
}

/* Inside the index's write transaction: indexes the messages after its mark,
 * from nothing when the mark no longer fits the vault. */
static int catch_up(struct vault *v, sqlite3 *db, search_progress_fn progress, void *arg)
{
	struct mark have, want;
	bool fits;
	int rc = read_mark(db, &have);
	if (!rc)
		rc = vault_mark(v, &want);
	if (!rc)
		rc = mark_fits(v, &have, &fits);
	if (rc || marks_equal(&have, &want))
		return rc;
	if (!fits || have.upto > want.upto) {
		rc = side_exec(db, "DROP TABLE message_fts", "starting the search index again");
		if (!rc)
			rc = side_exec(db, schema, "starting the search index again");
		have.upto = 0;
	}
	sqlite3_stmt *rd = NULL, *ins = NULL;
	int s = sqlite3_prepare_v2(v->db,
	                           "SELECT mid, text FROM message WHERE mid > ? AND text != ''"
	                           " ORDER BY mid",
	                           -1, &rd, NULL);
	if (!rc && s != SQLITE_OK)
		rc = vault_db_error(v->db, s, "reading messages");
	if (!rc)
		rc = insert_prepare(db, &ins);
	if (!rc) {
		sqlite3_bind_int64(rd, 1, have.upto);
		int64_t done = 0, total = want.upto - have.upto;
		while (!rc && (s = sqlite3_step(rd)) == SQLITE_ROW) {
			int64_t mid = sqlite3_column_int64(rd, 0);
			const char *text = (const char *)sqlite3_column_text(rd, 1);
			rc = insert_one(db, ins, mid, text, (size_t)sqlite3_column_bytes(rd, 1));
			if (progress && (++done & 4095) == 0)
				progress(arg, mid - have.upto, total);
		}
		if (!rc && s != SQLITE_DONE)
			rc = vault_db_error(v->db, s, "reading messages");
	}
	sqlite3_finalize(rd);
	sqlite3_finalize(ins);
	if (!rc)
		rc = write_mark(db, &want);
	return rc;
}

/* search_sync on an open index. */
static int sync_open(struct vault *v, sqlite3 *db, search_progress_fn progress, void *arg)
{
	struct mark have, want;
	int rc = read_mark(db, &have);
	if (!rc)
		rc = vault_mark(v, &want);
	if (!rc && !marks_equal(&have, &want)) {
		rc = side_exec(db, "BEGIN IMMEDIATE", "updating the search index");
		if (!rc) {
			rc = catch_up(v, db, progress, arg);
			if (!rc)
				rc = side_exec(db, "COMMIT", "updating the search index");
			if (rc)
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		}
	}
	return rc;
}

int search_sync(struct vault *v, search_progress_fn progress, void *arg)
{
	sqlite3 *db;
	int rc = side_open(v, &db);
	if (!rc)
		rc = sync_open(v, db, progress, arg);
	sqlite3_close(db);
	return rc;
}

int search_match(struct vault *v, const char *query, search_progress_fn progress, void *arg,
                 int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3 *db;
	int rc = side_open(v, &db);
	if (!rc)
		rc = sync_open(v, db, progress, arg);
	if (rc) {
		sqlite3_close(db);
		return rc;
	}
	sqlite3_stmt *st;
	int s = sqlite3_prepare_v2(
	    db, "SELECT docid FROM message_fts WHERE message_fts MATCH ? ORDER BY docid", -1, &st,
	    NULL);
	if (s != SQLITE_OK) {
		rc = vault_db_error(db, s, "searching messages");
		sqlite3_close(db);
		return rc;
	}
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	size_t cap = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (s != SQLITE_DONE) {
		/* FTS4 reports a malformed query as a plain SQLite error */
		rc = error_set(VG_EUSAGE, "cannot search for '%s': %s; quote words with \"...\"",
		               query, sqlite3_errmsg(db));
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

/* --- the indexer's thread ------------------------------------------------- */

/* Texts travel to the thread in batches: records of a mid, a length and the
 * bytes, back to back. A few batches at most are in flight. */
enum { NBATCH = 3, BATCH_BYTES = 1 << 20 };

struct search_indexer {
	struct vault *v;
	sqlite3 *db;
	sqlite3_stmt *ins;
	pthread_t thread;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t ready, space;
	struct strbuf batch[NBATCH];
	size_t head, count; /* batch[head..head+count) are full, for the thread */
	size_t fill;        /* the batch the caller fills (its own, not locked) */
	bool closing;       /* no more batches come */
	bool finished;      /* search_indexer_finish wrote the mark */
	/* the thread's outcome; failed is read by the caller without the lock */
	_Atomic bool failed;
	enum vg_error code;
	char *message;
};

struct record {
	int64_t mid;
	uint64_t len;
};

static int index_batch(struct search_indexer *x, const struct strbuf *b)
{
	for (size_t at = 0; at < b->len;) {
		struct record r;
		memcpy(&r, b->buf + at, sizeof(r));
		at += sizeof(r);
		int rc = insert_one(x->db, x->ins, r.mid, b->buf + at, r.len);
		if (rc)
			return rc;
		at += r.len;
	}
	return 0;
}

static void *indexer_main(void *arg)
{
	struct search_indexer *x = arg;
	pthread_mutex_lock(&x->mu);
	for (;;) {
		while (!x->count && !x->closing)
			pthread_cond_wait(&x->ready, &x->mu);
		if (!x->count)
			break;
		struct strbuf *b = &x->batch[x->head];
		pthread_mutex_unlock(&x->mu);
		if (!x->failed && index_batch(x, b)) {
			x->code = error_code();
			x->message = xstrdup(error_message());
			x->failed = true;
		}
		pthread_mutex_lock(&x->mu);
		strbuf_reset(b);
		x->head = (x->head + 1) % NBATCH;
		x->count--;
		pthread_cond_signal(&x->space);
	}
	pthread_mutex_unlock(&x->mu);
	return NULL;
}

static int indexer_failure(struct search_indexer *x)
{
	return error_set(x->code, "%s", x->message ? x->message : "indexing failed");
}

/* Hands the batch being filled to the thread; waits for room for the next. */
static void hand_over(struct search_indexer *x)
{
	pthread_mutex_lock(&x->mu);
	x->count++;
	pthread_cond_signal(&x->ready);
	while (x->count == NBATCH)
		pthread_cond_wait(&x->space, &x->mu);
	pthread_mutex_unlock(&x->mu);
	x->fill = (x->fill + 1) % NBATCH;
}

static void indexer_stop(struct search_indexer *x)
{
	if (!x->started)
		return;
	pthread_mutex_lock(&x->mu);
	if (x->batch[x->fill].len)
		x->count++;
	x->closing = true;
	pthread_cond_signal(&x->ready);
	pthread_mutex_unlock(&x->mu);
	pthread_join(x->thread, NULL);
	x->started = false;
}

static void indexer_free(struct search_indexer *x)
{
	indexer_stop(x);
	sqlite3_finalize(x->ins);
	sqlite3_close(x->db);
	for (int i = 0; i < NBATCH; i++)
		strbuf_wipe(&x->batch[i]);
	pthread_mutex_destroy(&x->mu);
	pthread_cond_destroy(&x->ready);
	pthread_cond_destroy(&x->space);
	free(x->message);
	free(x);
}

/* The vault's transaction ended: the index's ends the same way. */
void search_indexer_done(void *arg, bool committed)
{
	struct search_indexer *x = arg;
	indexer_stop(x);
	if (!committed || !x->finished || x->failed ||
	    sqlite3_exec(x->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		/* not saved: the next search indexes what the vault holds */
		sqlite3_exec(x->db, "ROLLBACK", NULL, NULL, NULL);
	indexer_free(x);
}

int search_indexer_start(struct vault *v, struct search_indexer **out)
{
	*out = NULL;
	struct search_indexer *x = xcalloc(1, sizeof(*x));
	x->v = v;
	pthread_mutex_init(&x->mu, NULL);
	pthread_cond_init(&x->ready, NULL);
	pthread_cond_init(&x->space, NULL);
	for (int i = 0; i < NBATCH; i++)
		strbuf_init(&x->batch[i], 0);
	int rc = side_open(v, &x->db);
	if (!rc)
		rc = side_exec(x->db, "BEGIN IMMEDIATE", "updating the search index");
	if (!rc)
		rc = catch_up(v, x->db, NULL, NULL);
	if (!rc)
		rc = insert_prepare(x->db, &x->ins);
	if (!rc && pthread_create(&x->thread, NULL, indexer_main, x) != 0)
		rc = error_set(VG_EIO, "cannot start a thread to index messages: %s",
		               strerror(errno));
	if (rc) {
		if (x->db)
			sqlite3_exec(x->db, "ROLLBACK", NULL, NULL, NULL);
		indexer_free(x);
		return rc;
	}
	x->started = true;
	rc = vault_follow(v, search_indexer_done, x);
	if (rc) {
		search_indexer_done(x, false);
		return rc;
	}
	*out = x;
	return 0;
}

int search_indexer_add(struct search_indexer *x, int64_t mid, const char *text, size_t len)
{
	if (x->failed)
		return indexer_failure(x);
	if (!len)
		return 0;
	if (len > INT_MAX)
		return error_set(VG_EINVALID, "message %" PRId64 " is too long to index", mid);
	struct record r = {mid, len};
	struct strbuf *b = &x->batch[x->fill];
	strbuf_add(b, &r, sizeof(r));
	strbuf_add(b, text, len);
	if (b->len >= BATCH_BYTES)
		hand_over(x);
	return 0;
}

int search_indexer_finish(struct search_indexer *x)
{
	indexer_stop(x);
	if (x->failed)
		return indexer_failure(x);
	struct mark m;
	int rc = vault_mark(x->v, &m);
	if (!rc)
		rc = write_mark(x->db, &m);
	x->finished = !rc;
	return rc;
}

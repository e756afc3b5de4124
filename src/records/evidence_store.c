/*
 * evidence_store.c - rows of the evidence store and raw reads of the change
 * log for the ledger (see evidence_store.h).
 */
#include "records/evidence_store.h"

#include <inttypes.h>

#include "records/records.h"
#include "util/util.h"
#include "vault/vault.h"

static int parse_json(sqlite3_stmt *st, int col, json_t **out)
{
	json_error_t err;
	*out = json_loadb((const char *)sqlite3_column_blob(st, col),
	                  (size_t)sqlite3_column_bytes(st, col), 0, &err);
	if (!*out)
		return error_set(VG_EDB, "a stored evidence row is not valid JSON: %s", err.text);
	return 0;
}

int evstore_find_sha(struct vault *v, const char *sha_hex, char **id_out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT id FROM evidence WHERE sha256 = ?", &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, sha_hex);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*id_out = xstrdup((const char *)sqlite3_column_text(st, 0));
		rc = 1;
	} else if (s != SQLITE_DONE) {
		rc = vault_db_error(v->db, s, "looking up evidence");
	}
	sqlite3_finalize(st);
	return rc;
}

char *evstore_new_id(struct vault *v)
{
	sqlite3_stmt *st;
	int64_t n = 0;
	if (!records_prepare(v, "SELECT count(*) FROM evidence", &st)) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	for (;;) {
		struct strbuf id = STRBUF_INIT;
		strbuf_addf(&id, "evidence-%" PRId64, ++n);
		if (records_prepare(v, "SELECT 1 FROM evidence WHERE id = ?", &st))
			return strbuf_detach(&id, NULL);
		records_bind_text(st, 1, id.buf);
		int s = sqlite3_step(st);
		sqlite3_finalize(st);
		if (s != SQLITE_ROW)
			return strbuf_detach(&id, NULL);
		strbuf_release(&id);
	}
}

int evstore_insert(struct vault *v, const char *id, const char *sha_hex, const char *blob,
                   uint64_t size, const char *case_id, json_t *data)
{
	char *bytes = json_canonical(data);
	sqlite3_stmt *st;
	int rc = records_prepare(v,
	                         "INSERT INTO evidence(id, sha256, blob, size, case_id, data) "
	                         "VALUES(?,?,?,?,?,?)",
	                         &st);
	if (!rc) {
		records_bind_text(st, 1, id);
		records_bind_text(st, 2, sha_hex);
		records_bind_text(st, 3, blob);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)size);
		records_bind_text(st, 5, case_id);
		records_bind_text(st, 6, bytes);
		int s = sqlite3_step(st);
		if (s != SQLITE_DONE)
			rc = vault_db_error(v->db, s, "recording evidence");
		sqlite3_finalize(st);
	}
	free(bytes);
	return rc;
}

static int links_of(struct vault *v, const char *id, json_t *item)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v,
	                         "SELECT kind, record_id FROM evidence_link WHERE evidence_id = ? "
	                         "ORDER BY rowid",
	                         &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, id);
	json_t *links = json_array();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(links,
		                      json_pack("{s:s, s:s}", "kind", sqlite3_column_text(st, 0),
		                                "id", sqlite3_column_text(st, 1)));
	sqlite3_finalize(st);
	json_object_set_new(item, "links", links);
	return s == SQLITE_DONE ? 0 : vault_db_error(v->db, s, "reading evidence links");
}

int evstore_get(struct vault *v, const char *id, json_t **out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT data FROM evidence WHERE id = ?", &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		rc = parse_json(st, 0, out);
	else if (s == SQLITE_DONE)
		rc = error_set(VG_ENOTFOUND, "no evidence with id '%s'; see 'vigil evidence list'",
		               id);
	else
		rc = vault_db_error(v->db, s, "reading evidence");
	sqlite3_finalize(st);
	if (!rc) {
		rc = links_of(v, id, *out);
		if (rc) {
			json_decref(*out);
			*out = NULL;
		}
	}
	return rc;
}

int evstore_blob(struct vault *v, const char *id, char **blob_out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT blob FROM evidence WHERE id = ?", &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		*blob_out = xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (s == SQLITE_DONE)
		rc = error_set(VG_ENOTFOUND, "no evidence with id '%s'; see 'vigil evidence list'",
		               id);
	else
		rc = vault_db_error(v->db, s, "reading evidence");
	sqlite3_finalize(st);
	return rc;
}

int evstore_list(struct vault *v, const char *case_id, json_t **out)
{
	sqlite3_stmt *st;
	int rc =
	    records_prepare(v,
	                    case_id ? "SELECT id, data FROM evidence e WHERE e.case_id = ?1 OR "
	                              "EXISTS(SELECT 1 FROM evidence_link l JOIN record r ON "
	                              "r.kind = l.kind AND r.id = l.record_id WHERE "
	                              "l.evidence_id = e.id AND r.case_id = ?1) ORDER BY rowid"
	                            : "SELECT id, data FROM evidence ORDER BY rowid",
	                    &st);
	if (rc)
		return rc;
	if (case_id)
		records_bind_text(st, 1, case_id);
	*out = json_array();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *item;
		rc = parse_json(st, 1, &item);
		if (!rc)
			rc = links_of(v, (const char *)sqlite3_column_text(st, 0), item);
		if (rc)
			break;
		json_array_append_new(*out, item);
	}
	if (!rc && s != SQLITE_DONE)
		rc = vault_db_error(v->db, s, "listing evidence");
	sqlite3_finalize(st);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

int evstore_link(struct vault *v, const char *id, const char *kind, const char *record_id)
{
	sqlite3_stmt *st;
	int rc =
	    records_prepare(v,
	                    "SELECT 1 FROM evidence_link WHERE evidence_id = ? AND kind = ? AND "
	                    "record_id = ?",
	                    &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, id);
	records_bind_text(st, 2, kind);
	records_bind_text(st, 3, record_id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s == SQLITE_ROW)
		return 1;
	rc = records_prepare(
	    v, "INSERT INTO evidence_link(evidence_id, kind, record_id) VALUES(?,?,?)", &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, id);
	records_bind_text(st, 2, kind);
	records_bind_text(st, 3, record_id);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? 0 : vault_db_error(v->db, s, "linking evidence");
}

int evstore_blobs(struct vault *v, json_t **out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT blob, id FROM evidence ORDER BY rowid", &st);
	if (rc)
		return rc;
	*out = json_object();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		json_object_set_new(*out, (const char *)sqlite3_column_text(st, 0),
		                    json_string((const char *)sqlite3_column_text(st, 1)));
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		json_decref(*out);
		*out = NULL;
		return vault_db_error(v->db, s, "listing evidence files");
	}
	return 0;
}

int evstore_custody(struct vault *v, const char *id, json_t **out)
{
	sqlite3_stmt *st;
	int rc =
	    records_prepare(v,
	                    "SELECT entry FROM changelog WHERE kind = 'evidence' AND record_id = ? "
	                    "ORDER BY seq",
	                    &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, id);
	return records_collect_json(v, st, 0, "reading the custody chain", out);
}

uint64_t evstore_total_bytes(struct vault *v)
{
	sqlite3_stmt *st;
	uint64_t n = 0;
	if (records_prepare(v, "SELECT total(size) FROM evidence", &st))
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int changelog_each_entry(struct vault *v, int64_t from, int64_t to,
                         int (*fn)(void *arg, int64_t seq, const void *entry, size_t len),
                         void *arg)
{
	sqlite3_stmt *st;
	int rc = records_prepare(
	    v,
	    "SELECT seq, entry FROM changelog WHERE seq >= ? AND (? = 0 OR seq < ?) "
	    "ORDER BY seq",
	    &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	sqlite3_bind_int64(st, 3, to);
	int s;
	int64_t expect = from;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(st, 0);
		if (seq != expect) {
			rc = error_set(VG_EVERIFY,
			               "change log entry %" PRId64
			               " is missing (the next one is %" PRId64 ")",
			               expect, seq);
			break;
		}
		expect++;
		rc = fn(arg, seq, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1));
		if (rc)
			break;
	}
	if (!rc && s != SQLITE_DONE)
		rc = vault_db_error(v->db, s, "reading the change log");
	sqlite3_finalize(st);
	return rc;
}

/* Appends a problem; a message that is not UTF-8 is still a problem. */
static void add_problem(json_t *problems, json_t *msg)
{
	if (!msg)
		msg = json_string("the database is damaged (its message is not readable text)");
	json_array_append_new(problems, msg);
}

static void pragma_rows(struct vault *v, const char *sql, json_t *problems)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(v->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		add_problem(problems,
		            json_sprintf("%s could not run: %s", sql, sqlite3_errmsg(v->db)));
		return;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(st, 0);
		if (row && strcmp(row, "ok") != 0)
			add_problem(problems, json_string(row));
	}
	if (rc != SQLITE_DONE)
		add_problem(problems, json_sprintf("the database is damaged: %s (%s)",
		                                   sqlite3_errmsg(v->db), sql));
	sqlite3_finalize(st);
}

void db_integrity_problems(struct vault *v, json_t *problems)
{
	sqlite3_stmt *st;
	int major = 0;
	if (sqlite3_prepare_v2(v->db, "PRAGMA cipher_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			major = atoi((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	/* SQLCipher 3.4 has no cipher_integrity_check (an unknown pragma does
	 * nothing), but integrity_check reads every page of every table and of
	 * the free list, and SQLCipher checks each page's HMAC as it reads it. */
	if (major >= 4)
		pragma_rows(v, "PRAGMA cipher_integrity_check", problems);
	pragma_rows(v, "PRAGMA integrity_check", problems);
}

int db_read_begin(struct vault *v)
{
	int rc = sqlite3_exec(v->db, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : vault_db_error(v->db, rc, "starting to read the vault");
}

void db_read_end(struct vault *v)
{
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
}

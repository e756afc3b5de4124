#include "records/statements.h"

#include "records/records.h"
#include "util/util.h"
#include "vault/vault.h"

static const char *col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

int statements_versions(struct vault *v, const char *statement_id, json_t **out)
{
	sqlite3_stmt *st;
	int s = sqlite3_prepare_v2(v->db,
	                           "SELECT version, at, actor, note, title, body FROM "
	                           "statement_version WHERE statement_id = ? ORDER BY version",
	                           -1, &st, NULL);
	if (s != SQLITE_OK)
		return vault_db_error(v->db, s, "reading a statement's versions");
	sqlite3_bind_text(st, 1, statement_id, -1, SQLITE_TRANSIENT);
	*out = json_array();
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *ver = json_pack("{s:i, s:s, s:s, s:s, s:s}", "version",
		                        sqlite3_column_int(st, 0), "at", col(st, 1), "actor",
		                        col(st, 2), "title", col(st, 4), "body", col(st, 5));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			json_object_set_new(ver, "note", json_string(col(st, 3)));
		json_array_append_new(*out, ver);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		json_decref(*out);
		*out = NULL;
		return vault_db_error(v->db, s, "reading a statement's versions");
	}
	return 0;
}

int statements_version_add(struct vault *v, const char *statement_id, const char *case_id,
                           const char *title, const char *body, const char *note, int *version_out)
{
	json_t *all;
	int rc = statements_versions(v, statement_id, &all);
	if (rc)
		return rc;
	size_t n = json_array_size(all);
	json_t *last = n ? json_array_get(all, n - 1) : NULL;
	int version = (int)n;
	if (last &&
	    !strcmp(json_string_value(json_object_get(last, "title")), title ? title : "") &&
	    !strcmp(json_string_value(json_object_get(last, "body")), body ? body : "")) {
		json_decref(all);
		if (version_out)
			*version_out = version;
		return 0;
	}
	json_decref(all);
	version++;
	char now[21];
	records_now(now);
	sqlite3_stmt *st;
	int s =
	    sqlite3_prepare_v2(v->db,
	                       "INSERT INTO statement_version(statement_id, version, at, actor, "
	                       "note, title, body) VALUES(?,?,?,?,?,?,?)",
	                       -1, &st, NULL);
	if (s != SQLITE_OK)
		return vault_db_error(v->db, s, "keeping a statement's version");
	sqlite3_bind_text(st, 1, statement_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, v->actor ? v->actor : "", -1, SQLITE_TRANSIENT);
	if (note)
		sqlite3_bind_text(st, 5, note, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, title ? title : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, body ? body : "", -1, SQLITE_TRANSIENT);
	s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "keeping a statement's version");
	json_t *data = json_pack("{s:i, s:s?}", "version", version, "note", note);
	rc = changelog_append(v, "version", "statement", statement_id, case_id, data, NULL);
	json_decref(data);
	if (!rc && version_out)
		*version_out = version;
	return rc;
}

/*
 * schema.c - the database schema as a list of migrations. Migration i takes a
 * vault from user_version i to i+1; a new table or column is a new entry at the
 * end, never an edit of an old one, so that every vault ever made upgrades.
 */
#include "records/records.h"
#include "util/util.h"
#include "vault/vault.h"

static const char *const migrations[] = {
    /* 0 -> 1: records, references between them, the change log. */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE record(kind TEXT NOT NULL, id TEXT NOT NULL, case_id TEXT,"
    "  parent_id TEXT, sort_key TEXT NOT NULL DEFAULT '', retracted INTEGER NOT NULL DEFAULT 0,"
    "  data TEXT NOT NULL, PRIMARY KEY(kind, id));"
    "CREATE INDEX record_case ON record(case_id, kind);"
    "CREATE INDEX record_parent ON record(parent_id, kind);"
    "CREATE TABLE record_ref(kind TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL,"
    "  to_kind TEXT NOT NULL, to_id TEXT NOT NULL);"
    "CREATE INDEX record_ref_from ON record_ref(kind, id);"
    "CREATE INDEX record_ref_to ON record_ref(to_kind, to_id);"
    "CREATE TABLE changelog(seq INTEGER PRIMARY KEY, case_id TEXT, kind TEXT NOT NULL,"
    "  record_id TEXT NOT NULL, entry BLOB NOT NULL);"
    "CREATE INDEX changelog_case ON changelog(case_id);"
    "CREATE INDEX changelog_record ON changelog(kind, record_id);"
    "CREATE TRIGGER changelog_no_update BEFORE UPDATE ON changelog"
    "  BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;"
    "CREATE TRIGGER changelog_no_delete BEFORE DELETE ON changelog"
    "  BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;",
    /* 1 -> 2: what happened to a complaint after it was filed (complaint_steps.c),
     * and each case's risk picture (risk.c). */
    "CREATE TABLE complaint_step(seq INTEGER PRIMARY KEY, complaint_id TEXT NOT NULL,"
    "  case_id TEXT, date TEXT NOT NULL, data TEXT NOT NULL);"
    "CREATE INDEX complaint_step_complaint ON complaint_step(complaint_id, date);"
    "CREATE TABLE risk_assessment(case_id TEXT PRIMARY KEY, data TEXT NOT NULL);",
    /* 2 -> 3: the versions of a statement's text, kept as a person edits a draft. */
    "CREATE TABLE statement_version(statement_id TEXT NOT NULL, version INTEGER NOT NULL,"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, note TEXT, title TEXT NOT NULL,"
    "  body TEXT NOT NULL, PRIMARY KEY(statement_id, version));",
};

static int user_version(sqlite3 *db, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return vault_db_error(db, rc, "reading the schema version");
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : vault_db_error(db, rc, "reading the schema version");
}

static int migrate(struct vault *v, int from)
{
	int rc = vault_begin(v);
	if (rc)
		return rc;
	for (size_t i = (size_t)from; i < ARRAY_SIZE(migrations); i++) {
		int src = sqlite3_exec(v->db, migrations[i], NULL, NULL, NULL);
		if (src != SQLITE_OK) {
			rc = vault_db_error(v->db, src, "upgrading the vault's schema");
			vault_rollback(v);
			return rc;
		}
	}
	char pragma[64];
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %zu", ARRAY_SIZE(migrations));
	int src = sqlite3_exec(v->db, pragma, NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		rc = vault_db_error(v->db, src, "upgrading the vault's schema");
		vault_rollback(v);
		return rc;
	}
	return vault_commit(v);
}

int records_schema_create(struct vault *v)
{
	return migrate(v, 0);
}

int records_schema_check(struct vault *v)
{
	int version;
	int rc = user_version(v->db, &version);
	if (rc)
		return rc;
	if (version > (int)ARRAY_SIZE(migrations))
		return error_set(
		    VG_EVERSION,
		    "the vault at %s was written by a newer Vigil (schema %d, this one "
		    "knows %zu); upgrade Vigil to open it",
		    v->path, version, ARRAY_SIZE(migrations));
	if (version == (int)ARRAY_SIZE(migrations))
		return 0;
	if (!v->writable)
		return error_set(VG_EVERSION,
		                 "the vault at %s was made by an older Vigil; run 'vigil upgrade' "
		                 "once to bring it up to date",
		                 v->path);
	return migrate(v, version);
}

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
    /* 2 -> 3: the evidence store (files in evidence/, named by blob). */
    "CREATE TABLE evidence(id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE,"
    "  blob TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, case_id TEXT, data TEXT NOT NULL);"
    "CREATE INDEX evidence_case ON evidence(case_id);"
    "CREATE TABLE evidence_link(evidence_id TEXT NOT NULL, kind TEXT NOT NULL,"
    "  record_id TEXT NOT NULL, PRIMARY KEY(evidence_id, kind, record_id));"
    "CREATE INDEX evidence_link_to ON evidence_link(kind, record_id);",
    /* 3 -> 4: imported chat messages (src/records/messages.c). */
    "CREATE TABLE msg_import(import_id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
    "  path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, case_id TEXT,"
    "  evidence_id TEXT, at TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '{}');"
    "CREATE TABLE msg_chat(chat_key TEXT PRIMARY KEY, source TEXT NOT NULL, ext_id TEXT NOT NULL,"
    "  name TEXT, type TEXT, case_id TEXT);"
    "CREATE TABLE msg_sender(sender_id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
    "  ext_id TEXT NOT NULL, person_id TEXT, perpetrator INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE(source, ext_id));"
    "CREATE TABLE msg_alias(sender_id INTEGER NOT NULL, name TEXT NOT NULL,"
    "  UNIQUE(sender_id, name));"
    "CREATE TABLE message(mid INTEGER PRIMARY KEY, chat_key TEXT NOT NULL, msg_id INTEGER NOT NULL,"
    "  version INTEGER NOT NULL, type TEXT NOT NULL, date INTEGER, date_local TEXT,"
    "  date_is_local INTEGER NOT NULL DEFAULT 0, edited INTEGER, sender_id INTEGER,"
    "  from_name TEXT, from_id TEXT, reply_to INTEGER, reply_peer TEXT, forwarded_from TEXT,"
    "  saved_from TEXT, via_bot TEXT, action TEXT, media_type TEXT, text TEXT NOT NULL,"
    "  raw TEXT NOT NULL, content_hash BLOB NOT NULL, import_id INTEGER NOT NULL,"
    "  UNIQUE(chat_key, msg_id, version));"
    "CREATE INDEX message_date ON message(date);"
    "CREATE INDEX message_sender ON message(sender_id);"
    "CREATE TABLE msg_entity(mid INTEGER NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL,"
    "  off INTEGER NOT NULL, len INTEGER NOT NULL, href TEXT, user_id TEXT,"
    "  PRIMARY KEY(mid, idx));"
    "CREATE TABLE msg_media(mid INTEGER NOT NULL, role TEXT NOT NULL, path TEXT NOT NULL,"
    "  status TEXT NOT NULL, reason TEXT, sha256 TEXT, size INTEGER, evidence_id TEXT,"
    "  PRIMARY KEY(mid, role));"
    "CREATE VIRTUAL TABLE message_fts USING fts4(content=\"message\", text,"
    "  tokenize=unicode61 \"remove_diacritics=1\");",
    /* 4 -> 5: the detector's scores of messages and a person's review
     * (src/records/flags.c). */
    "CREATE TABLE msg_flag(mid INTEGER PRIMARY KEY, model TEXT NOT NULL, abusive REAL NOT NULL,"
    "  flagged INTEGER NOT NULL, rank REAL NOT NULL, scores TEXT NOT NULL, spans TEXT NOT NULL,"
    "  scored_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', note TEXT,"
    "  reviewed_by TEXT, reviewed_at TEXT, event_id TEXT);"
    "CREATE INDEX msg_flag_rank ON msg_flag(rank);",
    /* 5 -> 6: the versions of a statement's text, kept as a person edits a draft. */
    "CREATE TABLE statement_version(statement_id TEXT NOT NULL, version INTEGER NOT NULL,"
    "  at TEXT NOT NULL, actor TEXT NOT NULL, note TEXT, title TEXT NOT NULL,"
    "  body TEXT NOT NULL, PRIMARY KEY(statement_id, version));",
    /* 6 -> 7: where a message's original bytes lie in the export it came from
     * (stored as evidence; see msg_import.evidence_id), so that they need not
     * be copied into message.raw, which stays '' for such rows. */
    "ALTER TABLE message ADD COLUMN src_off INTEGER;"
    "ALTER TABLE message ADD COLUMN src_len INTEGER;",
    /* 7 -> 8: the search index moves to a database of its own (search.db,
     * src/records/search.c), which the next search builds again. */
    "DROP TABLE IF EXISTS message_fts;",
};

int records_user_version(sqlite3 *db, int *out, const char *what)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return vault_db_error(db, rc, what);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : vault_db_error(db, rc, what);
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
	int rc = records_user_version(v->db, &version, "reading the schema version");
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

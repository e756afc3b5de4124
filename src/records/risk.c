/*
 * risk.c - the SQL of each case's risk picture (risk.h).
 */
#include "records/records.h"
#include "records/risk.h"
#include "util/util.h"
#include "vault/vault.h"

const char *const risk_levels[4] = {"low", "medium", "high", "severe"};

int risk_get(struct vault *v, const char *case_id, json_t **out)
{
	sqlite3_stmt *st;
	int src = sqlite3_prepare_v2(v->db, "SELECT data FROM risk_assessment WHERE case_id = ?",
	                             -1, &st, NULL);
	if (src != SQLITE_OK)
		return vault_db_error(v->db, src, "reading a risk assessment");
	sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
	int rc = 0;
	json_t *data = NULL;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		json_error_t jerr;
		data = json_loads((const char *)sqlite3_column_text(st, 0), 0, &jerr);
		if (!data)
			rc = error_set(VG_EDB, "the risk assessment of %s is not JSON: %s", case_id,
			               jerr.text);
	} else if (src == SQLITE_DONE) {
		data = json_object();
	} else {
		rc = vault_db_error(v->db, src, "reading a risk assessment");
	}
	sqlite3_finalize(st);
	if (!rc)
		*out = data;
	return rc;
}

int risk_put(struct vault *v, const char *case_id, json_t *data)
{
	if (!records_exists(v, records_kind("case"), case_id))
		return error_set(VG_ENOTFOUND, "no case '%s'; 'vigil case list' shows the cases",
		                 case_id);
	char *text = json_canonical(data);
	sqlite3_stmt *st;
	int rc = 0;
	int src = sqlite3_prepare_v2(
	    v->db, "INSERT OR REPLACE INTO risk_assessment(case_id, data) VALUES(?,?)", -1, &st,
	    NULL);
	if (src != SQLITE_OK) {
		rc = vault_db_error(v->db, src, "saving a risk assessment");
	} else {
		sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
		src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			rc = vault_db_error(v->db, src, "saving a risk assessment");
		sqlite3_finalize(st);
	}
	free(text);
	if (!rc)
		rc = changelog_append(v, "risk", "case", case_id, case_id, data, NULL);
	return rc;
}

/*
 * complaint_steps.c - the SQL of complaint steps (complaint_steps.h).
 */
#include "deadlines/deadlines.h"
#include "records/complaint_steps.h"
#include "records/date.h"
#include "records/records.h"
#include "util/util.h"
#include "vault/vault.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int check_step(struct vault *v, const char *complaint_id, json_t *step)
{
	const char *kind = str(step, "kind");
	const char *date = str(step, "date");
	long day;
	if (!kind || dl_step_kind_parse(kind) < 0)
		return error_set(VG_EINVALID,
		                 "a step of complaint %s needs --kind acknowledged, extended, "
		                 "forwarded, answered, refused or no-reply, not '%s'",
		                 complaint_id, kind ? kind : "");
	if (!date || date_parse_day(date, &day)) {
		error_clear();
		return error_set(VG_EINVALID,
		                 "a step of complaint %s needs --date YYYY-MM-DD, not '%s'",
		                 complaint_id, date ? date : "");
	}
	const char *until = str(step, "until");
	if (until && date_parse_day(until, &day)) {
		error_clear();
		return error_set(VG_EINVALID, "--until takes YYYY-MM-DD, not '%s'", until);
	}
	if (until && strcmp(kind, "extended"))
		return error_set(VG_EUSAGE, "--until belongs to an 'extended' step only");
	const char *to = str(step, "to");
	if (!strcmp(kind, "forwarded") && !to)
		return error_set(VG_EUSAGE,
		                 "a forwarded step needs --to ORG (an org id or a name)");
	if (to && strcmp(kind, "forwarded"))
		return error_set(VG_EUSAGE, "--to belongs to a 'forwarded' step only");
	const char *answer = str(step, "answer");
	if (answer && strcmp(kind, "answered") && strcmp(kind, "refused"))
		return error_set(VG_EUSAGE,
		                 "--answer belongs to an 'answered' or 'refused' step only");
	(void)v;
	return 0;
}

int complaint_step_add(struct vault *v, const char *complaint_id, json_t *step)
{
	json_t *rec;
	int rc = records_get(v, records_kind("complaint"), complaint_id, &rec);
	if (rc)
		return rc;
	rc = check_step(v, complaint_id, step);
	if (rc) {
		json_decref(rec);
		return rc;
	}
	const char *case_id = str(rec, "case");
	char now[21];
	records_now(now);
	/* A step loaded from a case file keeps when and by whom it was recorded. */
	if (!json_is_string(json_object_get(step, "at")))
		json_object_set_new(step, "at", json_string(now));
	if (!json_is_string(json_object_get(step, "by")))
		json_object_set_new(step, "by", json_string(v->actor));
	if (!strcmp(str(step, "kind"), "extended") && !json_object_get(step, "notice"))
		json_object_set_new(step, "notice", json_true());
	char *data = json_canonical(step);
	sqlite3_stmt *st;
	int src =
	    sqlite3_prepare_v2(v->db,
	                       "INSERT INTO complaint_step(complaint_id, case_id, date, data) "
	                       "VALUES(?,?,?,?)",
	                       -1, &st, NULL);
	if (src != SQLITE_OK) {
		rc = vault_db_error(v->db, src, "preparing a complaint step");
	} else {
		sqlite3_bind_text(st, 1, complaint_id, -1, SQLITE_TRANSIENT);
		if (case_id)
			sqlite3_bind_text(st, 2, case_id, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 2);
		sqlite3_bind_text(st, 3, str(step, "date"), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, data, -1, SQLITE_TRANSIENT);
		src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			rc = vault_db_error(v->db, src, "saving a complaint step");
		sqlite3_finalize(st);
	}
	free(data);
	if (!rc)
		rc = changelog_append(v, "step", "complaint", complaint_id, case_id, step, NULL);
	json_decref(rec);
	return rc;
}

int complaint_steps_list(struct vault *v, const char *complaint_id, json_t **out)
{
	sqlite3_stmt *st;
	int src = sqlite3_prepare_v2(v->db,
	                             "SELECT data FROM complaint_step WHERE complaint_id = ? "
	                             "ORDER BY date, seq",
	                             -1, &st, NULL);
	if (src != SQLITE_OK)
		return vault_db_error(v->db, src, "reading complaint steps");
	sqlite3_bind_text(st, 1, complaint_id, -1, SQLITE_TRANSIENT);
	json_t *list = json_array();
	int rc = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		json_error_t jerr;
		json_t *step = json_loads((const char *)sqlite3_column_text(st, 0), 0, &jerr);
		if (!step) {
			rc = error_set(VG_EDB, "a step of complaint %s is not JSON: %s",
			               complaint_id, jerr.text);
			break;
		}
		json_array_append_new(list, step);
	}
	if (!rc && src != SQLITE_DONE)
		rc = vault_db_error(v->db, src, "reading complaint steps");
	sqlite3_finalize(st);
	if (rc) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/*
 * flags.c - SQL of the detector's scores and reviews (see flags.h).
 */
#include <sqlite3.h>

#include "records/flags.h"
#include "records/records.h"
#include "util/util.h"

#define PENDING_WHERE                                                                              \
	" FROM message m LEFT JOIN msg_chat c ON c.chat_key = m.chat_key"                          \
	" LEFT JOIN msg_flag f ON f.mid = m.mid"                                                   \
	" WHERE (f.mid IS NULL OR f.model <> ?1) AND (?2 IS NULL OR c.case_id = ?2)"               \
	" AND (?3 = 0 OR m.date >= ?3)"

int flags_pending_count(struct vault *v, const char *model, const char *case_id, int64_t since,
                        uint64_t *count)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT count(*)" PENDING_WHERE, &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, model);
	records_bind_text(st, 2, case_id);
	sqlite3_bind_int64(st, 3, since);
	int s = sqlite3_step(st);
	*count = s == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return s == SQLITE_ROW ? 0 : vault_db_error(v->db, s, "counting messages to score");
}

int flags_pending(struct vault *v, const char *model, const char *case_id, int64_t since,
                  int64_t after, size_t limit, json_t **out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v,
	                         "SELECT m.mid, m.text, c.case_id" PENDING_WHERE
	                         " AND m.mid > ?4 ORDER BY m.mid LIMIT ?5",
	                         &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, model);
	records_bind_text(st, 2, case_id);
	sqlite3_bind_int64(st, 3, since);
	sqlite3_bind_int64(st, 4, after);
	sqlite3_bind_int64(st, 5, (int64_t)limit);
	json_t *a = json_array();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *cid = (const char *)sqlite3_column_text(st, 2);
		json_array_append_new(
		    a, json_pack("{s:I, s:s, s:s?}", "mid", (json_int_t)sqlite3_column_int64(st, 0),
		                 "text", (const char *)sqlite3_column_text(st, 1), "case", cid));
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		json_decref(a);
		return vault_db_error(v->db, s, "listing messages to score");
	}
	*out = a;
	return 0;
}

struct flag_writer {
	struct vault *v;
	sqlite3_stmt *update, *insert;
	char at[32];
};

int flags_writer_open(struct vault *v, struct flag_writer **out)
{
	struct flag_writer *w = xcalloc(1, sizeof(*w));
	w->v = v;
	records_now(w->at);
	/* an UPDATE first keeps an earlier review when a new model rescores */
	int rc = records_prepare(
	    v,
	    "UPDATE msg_flag SET model=?2, abusive=?3, flagged=?4, rank=?5, scores=?6,"
	    " spans=?7, scored_at=?8 WHERE mid=?1",
	    &w->update);
	if (!rc)
		rc = records_prepare(
		    v,
		    "INSERT INTO msg_flag(mid, model, abusive, flagged, rank, scores,"
		    " spans, scored_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
		    &w->insert);
	if (rc) {
		flags_writer_close(w);
		return rc;
	}
	*out = w;
	return 0;
}

void flags_writer_close(struct flag_writer *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->update);
	sqlite3_finalize(w->insert);
	free(w);
}

int flags_store(struct flag_writer *w, int64_t mid, const char *model, double abusive, bool flagged,
                double rank, json_t *scores, json_t *spans)
{
	char *js = json_dumps(scores, JSON_COMPACT | JSON_SORT_KEYS);
	char *jp = json_dumps(spans, JSON_COMPACT);
	int rc = 0;
	for (int pass = 0; pass < 2; pass++) {
		sqlite3_stmt *st = pass ? w->insert : w->update;
		sqlite3_bind_int64(st, 1, mid);
		records_bind_text(st, 2, model);
		sqlite3_bind_double(st, 3, abusive);
		sqlite3_bind_int(st, 4, flagged);
		sqlite3_bind_double(st, 5, rank);
		records_bind_text(st, 6, js);
		records_bind_text(st, 7, jp);
		records_bind_text(st, 8, w->at);
		int s = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (s != SQLITE_DONE) {
			rc = vault_db_error(w->v->db, s, "storing a message's scores");
			break;
		}
		if (pass == 0 && sqlite3_changes(w->v->db) > 0)
			break; /* updated */
	}
	free(js);
	free(jp);
	return rc;
}

int flags_each(struct vault *v, const struct flag_filter *f, flag_row_fn fn, void *arg)
{
	sqlite3_stmt *st;
	int rc = records_prepare(
	    v,
	    "SELECT f.mid, f.abusive, f.flagged, f.scores, f.spans, f.status, f.note,"
	    " m.text, m.date, m.from_name, c.name, c.case_id FROM msg_flag f"
	    " JOIN message m ON m.mid = f.mid"
	    " LEFT JOIN msg_chat c ON c.chat_key = m.chat_key"
	    " WHERE (?1 IS NULL OR c.case_id = ?1) AND (?2 OR f.flagged)"
	    " ORDER BY f.rank DESC, f.mid",
	    &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, f->case_id);
	sqlite3_bind_int(st, 2, f->all || f->category || f->min > 0);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *scores = json_loads((const char *)sqlite3_column_text(st, 3), 0, NULL);
		json_t *spans = json_loads((const char *)sqlite3_column_text(st, 4), 0, NULL);
		double abusive = sqlite3_column_double(st, 1);
		double key =
		    f->category ? json_number_value(json_object_get(scores, f->category)) : abusive;
		if (key < f->min || (f->category && f->min <= 0 && key <= 0)) {
			json_decref(scores);
			json_decref(spans);
			continue;
		}
		json_t *o = json_pack(
		    "{s:I, s:f, s:b, s:o, s:o, s:s, s:s?, s:s, s:I, s:s?, s:s?, s:s?}", "mid",
		    (json_int_t)sqlite3_column_int64(st, 0), "abusive", abusive, "flagged",
		    sqlite3_column_int(st, 2), "scores", scores ? scores : json_object(), "spans",
		    spans ? spans : json_array(), "status",
		    (const char *)sqlite3_column_text(st, 5), "note",
		    (const char *)sqlite3_column_text(st, 6), "text",
		    (const char *)sqlite3_column_text(st, 7), "date",
		    (json_int_t)sqlite3_column_int64(st, 8), "from",
		    (const char *)sqlite3_column_text(st, 9), "chat",
		    (const char *)sqlite3_column_text(st, 10), "case",
		    (const char *)sqlite3_column_text(st, 11));
		rc = fn(arg, o);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	if (!rc && s != SQLITE_DONE)
		rc = vault_db_error(v->db, s, "listing flags");
	return rc;
}

int flags_list(struct vault *v, const struct flag_filter *f, json_t **out)
{
	json_t *a = json_array();
	int rc = flags_each(v, f, records_json_append, a);
	if (rc) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}

int flags_review(struct vault *v, int64_t mid, const char *status, const char *note)
{
	if (strcmp(status, "confirmed") && strcmp(status, "rejected"))
		return error_set(VG_EUSAGE, "a review is 'confirm' or 'reject'");
	char at[32];
	records_now(at);
	sqlite3_stmt *st;
	int rc =
	    records_prepare(v,
	                    "UPDATE msg_flag SET status=?2, note=?3, reviewed_by=?4, reviewed_at=?5"
	                    " WHERE mid=?1",
	                    &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, mid);
	records_bind_text(st, 2, status);
	records_bind_text(st, 3, note);
	records_bind_text(st, 4, v->actor);
	records_bind_text(st, 5, at);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "recording a review");
	if (sqlite3_changes(v->db) == 0)
		return error_set(VG_ENOTFOUND,
		                 "message %lld has not been scored; run 'vigil scan' first",
		                 (long long)mid);
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)mid);
	json_t *data = json_pack("{s:s, s:s?}", "status", status, "note", note);
	rc = changelog_append(v, "review", "message", id, NULL, data, NULL);
	json_decref(data);
	return rc;
}

int flags_get(struct vault *v, int64_t mid, json_t **out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(
	    v,
	    "SELECT f.mid, f.status, f.scores, m.text, m.date, m.date_local,"
	    " m.date_is_local, m.from_name, c.name, c.case_id, f.model, f.event_id,"
	    " (SELECT evidence_id FROM msg_import i WHERE i.import_id = m.import_id)"
	    " FROM msg_flag f JOIN message m ON m.mid = f.mid"
	    " LEFT JOIN msg_chat c ON c.chat_key = m.chat_key WHERE f.mid = ?1",
	    &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, mid);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		json_t *scores = json_loads((const char *)sqlite3_column_text(st, 2), 0, NULL);
		const char *local =
		    sqlite3_column_int(st, 6) ? (const char *)sqlite3_column_text(st, 5) : NULL;
		*out = json_pack(
		    "{s:I, s:s, s:o, s:s, s:I, s:s?, s:s?, s:s?, s:s?, s:s, s:s?, s:s?}", "mid",
		    (json_int_t)mid, "status", (const char *)sqlite3_column_text(st, 1), "scores",
		    scores ? scores : json_object(), "text",
		    (const char *)sqlite3_column_text(st, 3), "date",
		    (json_int_t)sqlite3_column_int64(st, 4), "date_local", local, "from",
		    (const char *)sqlite3_column_text(st, 7), "chat",
		    (const char *)sqlite3_column_text(st, 8), "case",
		    (const char *)sqlite3_column_text(st, 9), "model",
		    (const char *)sqlite3_column_text(st, 10), "event",
		    (const char *)sqlite3_column_text(st, 11), "evidence",
		    (const char *)sqlite3_column_text(st, 12));
	}
	sqlite3_finalize(st);
	if (s == SQLITE_DONE)
		return error_set(VG_ENOTFOUND,
		                 "message %lld has not been scored; run 'vigil scan' first",
		                 (long long)mid);
	if (s != SQLITE_ROW)
		return vault_db_error(v->db, s, "reading a flagged message");
	return 0;
}

int flags_promoted(struct vault *v, int64_t mid, const char *event_id, const char *act_id,
                   const char *case_id)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "UPDATE msg_flag SET event_id=?2 WHERE mid=?1", &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, mid);
	records_bind_text(st, 2, event_id);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "recording a promotion");
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)mid);
	json_t *data = json_pack("{s:s, s:s}", "event", event_id, "act", act_id);
	rc = changelog_append(v, "promote", "message", id, case_id, data, NULL);
	json_decref(data);
	return rc;
}

#include "records/records.h"

#include <ctype.h>
#include <time.h>

#include "records/date.h"
#include "records/vocab.h"
#include "util/util.h"
#include "vault/vault.h"

#define MAX_TEXT (1u << 20)

/* ---- small helpers ---- */

char *json_canonical(const json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	if (!s)
		xmalloc((size_t)-1);
	return s;
}

void records_now(char out[21])
{
	const char *fixed = getenv("VIGIL_NOW");
	if (fixed && strlen(fixed) == 20) {
		memcpy(out, fixed, 21);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int records_prepare(struct vault *v, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(v->db, sql, -1, st, NULL);
	return rc == SQLITE_OK ? 0 : vault_db_error(v->db, rc, "preparing a query");
}

void records_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int records_json_append(void *arr, json_t *o)
{
	json_array_append_new(arr, o);
	return 0;
}

static const char *json_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool level_valid(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(confidentiality_levels); i++)
		if (s && !strcmp(s, confidentiality_levels[i]))
			return true;
	return false;
}

static bool id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return false;
	return true;
}

/* ---- validation ---- */

static int field_error(const struct kind_desc *k, const char *id, const struct field_desc *f,
                       const char *why)
{
	return error_set(VG_EINVALID, "%s %s: field %s: %s", k->name, id ? id : "(new)", f->name,
	                 why);
}

static int check_ref(struct vault *v, const struct kind_desc *k, const char *id,
                     const struct field_desc *f, const json_t *val)
{
	const char *ref = json_string_value(val);
	if (!ref)
		return field_error(k, id, f, "must be the id of a record (a string)");
	const struct kind_desc *target = records_kind(f->target);
	if (!records_exists(v, target, ref)) {
		struct strbuf why = STRBUF_INIT;
		strbuf_addf(&why, "no %s with id '%s'; see 'vigil %s list'", target->name, ref,
		            target->name);
		int rc = field_error(k, id, f, why.buf);
		strbuf_release(&why);
		return rc;
	}
	return 0;
}

static int check_field(struct vault *v, const struct kind_desc *k, const char *id,
                       const struct field_desc *f, const json_t *val)
{
	struct strbuf why = STRBUF_INIT;
	int rc = 0;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_LONGTEXT: {
		const char *s = json_string_value(val);
		if (!s)
			rc = field_error(k, id, f, "must be text");
		else if (json_string_length(val) > MAX_TEXT)
			rc = field_error(k, id, f, "longer than 1 MB");
		else if (strlen(s) != json_string_length(val))
			rc = field_error(k, id, f, "contains a NUL character");
		else if (f->type == FIELD_TEXT && strchr(s, '\n'))
			rc = field_error(k, id, f, "must be one line");
		break;
	}
	case FIELD_DATE: {
		struct date_value d;
		if (!json_is_string(val))
			rc = field_error(k, id, f, "must be a date in text, e.g. \"2024-05-25\"");
		else if (date_parse(json_string_value(val), &d)) {
			strbuf_adds(&why, error_message());
			rc = field_error(k, id, f, why.buf);
		}
		break;
	}
	case FIELD_BOOL:
		if (!json_is_boolean(val))
			rc = field_error(k, id, f, "must be true or false");
		break;
	case FIELD_INT:
		if (!json_is_integer(val))
			rc = field_error(k, id, f, "must be a whole number");
		break;
	case FIELD_REF:
		rc = check_ref(v, k, id, f, val);
		break;
	case FIELD_REFLIST:
	case FIELD_TEXTLIST: {
		if (!json_is_array(val)) {
			rc = field_error(k, id, f, "must be a list");
			break;
		}
		size_t i;
		json_t *item;
		json_array_foreach(val, i, item)
		{
			if (f->type == FIELD_REFLIST)
				rc = check_ref(v, k, id, f, item);
			else if (!json_is_string(item) || strchr(json_string_value(item), '\n'))
				rc = field_error(k, id, f, "must be a list of one-line texts");
			if (rc)
				break;
		}
		break;
	}
	case FIELD_VOCAB:
		if (!json_is_string(val))
			rc = field_error(k, id, f, "must be a vocabulary code (text)");
		else if (vocab_check(f->target, json_string_value(val))) {
			strbuf_adds(&why, error_message());
			rc = field_error(k, id, f, why.buf);
		}
		break;
	case FIELD_CHOICE:
		if (!json_is_string(val) || !word_in_list(f->target, '|', json_string_value(val))) {
			strbuf_addf(&why, "must be one of %s", f->target);
			rc = field_error(k, id, f, why.buf);
		}
		break;
	}
	strbuf_release(&why);
	return rc;
}

int records_validate(struct vault *v, const struct kind_desc *k, json_t *rec)
{
	if (!json_is_object(rec))
		return error_set(VG_EINVALID, "a %s must be a JSON object", k->name);
	const char *id = json_str(rec, "id");
	if (json_object_get(rec, "id") && (!id || !id_valid(id)))
		return error_set(VG_EINVALID,
		                 "%s: id must be 1-64 letters, digits, '.', '_' or '-'", k->name);
	const char *key;
	json_t *val;
	json_object_foreach(rec, key, val)
	{
		if (!strcmp(key, "id") || !strcmp(key, "field_confidentiality") ||
		    !strcmp(key, "retracted"))
			continue;
		if (!strcmp(key, "confidentiality")) {
			if (!level_valid(json_string_value(val)))
				return error_set(VG_EINVALID,
				                 "%s %s: confidentiality must be public, partners "
				                 "or restricted",
				                 k->name, id ? id : "(new)");
			continue;
		}
		const struct field_desc *f = records_field(k, key);
		if (!f)
			return error_set(VG_EINVALID,
			                 "%s %s: unknown field '%s'; 'vigil %s add --help' lists "
			                 "the fields",
			                 k->name, id ? id : "(new)", key, k->name);
		int rc = check_field(v, k, id, f, val);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < k->nfields; i++) {
		if ((k->fields[i].flags & FIELD_REQUIRED) &&
		    !json_object_get(rec, k->fields[i].name))
			return error_set(VG_EINVALID, "%s %s: the required field %s is missing",
			                 k->name, id ? id : "(new)", k->fields[i].name);
	}
	json_t *fc = json_object_get(rec, "field_confidentiality");
	if (fc) {
		if (!json_is_object(fc))
			return error_set(VG_EINVALID,
			                 "%s %s: field_confidentiality must be an object", k->name,
			                 id ? id : "(new)");
		json_object_foreach(fc, key, val)
		{
			const struct field_desc *f = records_field(k, key);
			if (!f || !(f->flags & FIELD_SENSITIVE))
				return error_set(
				    VG_EINVALID,
				    "%s %s: field_confidentiality names '%s', which is "
				    "not a sensitive field of a %s",
				    k->name, id ? id : "(new)", key, k->name);
			if (!json_object_get(rec, key))
				return error_set(
				    VG_EINVALID,
				    "%s %s: field_confidentiality names '%s', which is "
				    "not set",
				    k->name, id ? id : "(new)", key);
			if (!level_valid(json_string_value(val)))
				return error_set(
				    VG_EINVALID,
				    "%s %s: the level of %s must be public, partners or "
				    "restricted",
				    k->name, id ? id : "(new)", key);
		}
	}
	json_t *r = json_object_get(rec, "retracted");
	if (r && (!json_is_object(r) || !json_str(r, "reason") || !json_str(r, "at")))
		return error_set(VG_EINVALID,
		                 "%s %s: retracted must be {\"at\", \"by\", \"reason\"}", k->name,
		                 id ? id : "(new)");
	return 0;
}

/* Fills the defaults: record and sensitive fields restricted unless said. */
void records_fill_defaults(const struct kind_desc *k, json_t *rec)
{
	if (!json_object_get(rec, "confidentiality"))
		json_object_set_new(rec, "confidentiality", json_string("restricted"));
	json_t *fc = json_object_get(rec, "field_confidentiality");
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field_desc *f = &k->fields[i];
		if (!(f->flags & FIELD_SENSITIVE) || !json_object_get(rec, f->name))
			continue;
		if (!fc) {
			fc = json_object();
			json_object_set_new(rec, "field_confidentiality", fc);
		}
		if (!json_object_get(fc, f->name))
			json_object_set_new(fc, f->name, json_string("restricted"));
	}
}

/* ---- reading ---- */

bool records_exists(struct vault *v, const struct kind_desc *k, const char *id)
{
	sqlite3_stmt *st;
	if (!k || records_prepare(v, "SELECT 1 FROM record WHERE kind = ? AND id = ?", &st))
		return false;
	records_bind_text(st, 1, k->name);
	records_bind_text(st, 2, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static int row_to_json(sqlite3_stmt *st, int col, json_t **out)
{
	json_error_t err;
	*out = json_loadb((const char *)sqlite3_column_text(st, col),
	                  (size_t)sqlite3_column_bytes(st, col), 0, &err);
	if (!*out)
		return error_set(VG_EDB, "a stored record is not valid JSON: %s", err.text);
	return 0;
}

int records_get(struct vault *v, const struct kind_desc *k, const char *id, json_t **out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT data FROM record WHERE kind = ? AND id = ?", &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, k->name);
	records_bind_text(st, 2, id);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		rc = row_to_json(st, 0, out);
	else if (s == SQLITE_DONE)
		rc = error_set(VG_ENOTFOUND, "no %s with id '%s'; see 'vigil %s list'", k->name, id,
		               k->name);
	else
		rc = vault_db_error(v->db, s, "reading a record");
	sqlite3_finalize(st);
	return rc;
}

int records_list(struct vault *v, const struct kind_desc *k, const struct record_filter *f,
                 json_t **out)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_adds(&sql, "SELECT data FROM record WHERE kind = ?1");
	if (f && f->case_id)
		strbuf_adds(&sql, " AND case_id = ?2");
	if (f && f->parent_id)
		strbuf_adds(&sql, " AND parent_id = ?3");
	if (!f || !f->include_retracted)
		strbuf_adds(&sql, " AND retracted = 0");
	strbuf_adds(&sql, " ORDER BY sort_key, rowid");
	sqlite3_stmt *st;
	int rc = records_prepare(v, sql.buf, &st);
	strbuf_release(&sql);
	if (rc)
		return rc;
	records_bind_text(st, 1, k->name);
	if (f && f->case_id)
		records_bind_text(st, 2, f->case_id);
	if (f && f->parent_id)
		records_bind_text(st, 3, f->parent_id);
	return records_collect_json(v, st, 0, "listing records", out);
}

int records_collect_json(struct vault *v, sqlite3_stmt *st, int col, const char *what, json_t **out)
{
	*out = json_array();
	int s, rc = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *item;
		rc = row_to_json(st, col, &item);
		if (rc)
			break;
		json_array_append_new(*out, item);
	}
	if (!rc && s != SQLITE_DONE)
		rc = vault_db_error(v->db, s, what);
	sqlite3_finalize(st);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- writing ---- */

static const struct field_desc *parent_field(const struct kind_desc *k)
{
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].flags & FIELD_PARENT)
			return &k->fields[i];
	return NULL;
}

/* The case a record belongs to, through its parent chain; NULL for none. */
static char *case_of(struct vault *v, const struct kind_desc *k, json_t *rec)
{
	if (!strcmp(k->name, "case"))
		return xstrdup(json_str(rec, "id"));
	const struct field_desc *pf = parent_field(k);
	if (!pf || !records_kind_in_case(k) || !json_str(rec, pf->name))
		return NULL;
	sqlite3_stmt *st;
	if (records_prepare(v, "SELECT case_id FROM record WHERE kind = ? AND id = ?", &st))
		return NULL;
	records_bind_text(st, 1, pf->target);
	records_bind_text(st, 2, json_str(rec, pf->name));
	char *out = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static int next_id(struct vault *v, const struct kind_desc *k, struct strbuf *out)
{
	sqlite3_stmt *st;
	int rc = records_prepare(v, "SELECT count(*) FROM record WHERE kind = ?", &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, k->name);
	long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	do {
		strbuf_reset(out);
		strbuf_addf(out, "%s-%ld", k->id_prefix, ++n);
	} while (records_exists(v, k, out->buf));
	return 0;
}

static int write_refs(struct vault *v, const struct kind_desc *k, json_t *rec)
{
	const char *id = json_str(rec, "id");
	sqlite3_stmt *del, *ins;
	int rc = records_prepare(v, "DELETE FROM record_ref WHERE kind = ? AND id = ?", &del);
	if (rc)
		return rc;
	records_bind_text(del, 1, k->name);
	records_bind_text(del, 2, id);
	int s = sqlite3_step(del);
	sqlite3_finalize(del);
	if (s != SQLITE_DONE)
		return vault_db_error(v->db, s, "updating references");
	rc = records_prepare(
	    v, "INSERT INTO record_ref(kind, id, field, to_kind, to_id) VALUES(?,?,?,?,?)", &ins);
	if (rc)
		return rc;
	for (size_t i = 0; i < k->nfields && !rc; i++) {
		const struct field_desc *f = &k->fields[i];
		json_t *val = json_object_get(rec, f->name);
		if (!val || (f->type != FIELD_REF && f->type != FIELD_REFLIST))
			continue;
		json_t *one = json_array();
		if (f->type == FIELD_REF)
			json_array_append(one, val);
		else
			json_array_extend(one, val);
		size_t j;
		json_t *item;
		json_array_foreach(one, j, item)
		{
			sqlite3_reset(ins);
			records_bind_text(ins, 1, k->name);
			records_bind_text(ins, 2, id);
			records_bind_text(ins, 3, f->name);
			records_bind_text(ins, 4, f->target);
			records_bind_text(ins, 5, json_string_value(item));
			s = sqlite3_step(ins);
			if (s != SQLITE_DONE) {
				rc = vault_db_error(v->db, s, "saving references");
				break;
			}
		}
		json_decref(one);
	}
	sqlite3_finalize(ins);
	return rc;
}

static void sort_key_of(const struct kind_desc *k, json_t *rec, struct strbuf *out)
{
	struct date_value d;
	const char *s = k->sort_field ? json_str(rec, k->sort_field) : NULL;
	if (s && !date_parse(s, &d))
		strbuf_addf(out, "%s %s", d.from, d.time);
	else if (k->sort_field)
		strbuf_adds(out, "9999"); /* undated records come last */
	error_clear();
}

/* Inserts or replaces the row for rec; insert fails if the id exists. */
static int store(struct vault *v, const struct kind_desc *k, json_t *rec, bool insert,
                 char **case_out)
{
	const struct field_desc *pf = parent_field(k);
	char *case_id = case_of(v, k, rec);
	char *data = json_canonical(rec);
	struct strbuf sort = STRBUF_INIT;
	sort_key_of(k, rec, &sort);
	sqlite3_stmt *st;
	int rc = records_prepare(
	    v,
	    insert ? "INSERT INTO record(kind, id, case_id, parent_id, sort_key, "
	             "retracted, data) VALUES(?1,?2,?3,?4,?5,?6,?7)"
	           : "UPDATE record SET case_id = ?3, parent_id = ?4, sort_key = ?5, "
	             "retracted = ?6, data = ?7 WHERE kind = ?1 AND id = ?2",
	    &st);
	if (!rc) {
		records_bind_text(st, 1, k->name);
		records_bind_text(st, 2, json_str(rec, "id"));
		records_bind_text(st, 3, case_id);
		records_bind_text(st, 4, pf ? json_str(rec, pf->name) : NULL);
		records_bind_text(st, 5, sort.buf);
		sqlite3_bind_int(st, 6, json_object_get(rec, "retracted") != NULL);
		records_bind_text(st, 7, data);
		int s = sqlite3_step(st);
		if ((s & 0xff) == SQLITE_CONSTRAINT)
			rc = error_set(VG_EEXISTS, "a %s with id '%s' already exists", k->name,
			               json_str(rec, "id"));
		else if (s != SQLITE_DONE)
			rc = vault_db_error(v->db, s, "saving a record");
		sqlite3_finalize(st);
	}
	if (!rc)
		rc = write_refs(v, k, rec);
	free(data);
	strbuf_release(&sort);
	if (!rc && case_out)
		*case_out = case_id;
	else
		free(case_id);
	return rc;
}

int records_add(struct vault *v, const struct kind_desc *k, json_t *rec)
{
	int rc = records_validate(v, k, rec);
	if (rc)
		return rc;
	if (!json_object_get(rec, "id")) {
		struct strbuf id = STRBUF_INIT;
		rc = next_id(v, k, &id);
		if (!rc)
			json_object_set_new(rec, "id", json_string(id.buf));
		strbuf_release(&id);
		if (rc)
			return rc;
	}
	records_fill_defaults(k, rec);
	char *case_id = NULL;
	rc = store(v, k, rec, true, &case_id);
	if (!rc)
		rc = changelog_append(v, "add", k->name, json_str(rec, "id"), case_id, rec, NULL);
	free(case_id);
	return rc;
}

int records_edit(struct vault *v, const struct kind_desc *k, const char *id, json_t *changes)
{
	json_t *rec;
	int rc = records_get(v, k, id, &rec);
	if (rc)
		return rc;
	if (json_object_get(rec, "retracted")) {
		rc = error_set(VG_EINVALID,
		               "%s %s was retracted and cannot be edited; add a new one", k->name,
		               id);
		goto out;
	}
	const char *key;
	json_t *val;
	json_t *changed = json_array();
	json_object_foreach(changes, key, val)
	{
		if (!strcmp(key, "id") || !strcmp(key, "retracted")) {
			rc = error_set(VG_EINVALID, "%s %s: the %s cannot be edited", k->name, id,
			               key);
			json_decref(changed);
			goto out;
		}
		if (json_is_null(val)) {
			json_object_del(rec, key);
			json_t *fc = json_object_get(rec, "field_confidentiality");
			if (fc)
				json_object_del(fc, key);
		} else if (!strcmp(key, "field_confidentiality") && json_is_object(val)) {
			json_t *fc = json_object_get(rec, key);
			if (!fc)
				json_object_set(rec, key, val);
			else
				json_object_update(fc, val);
		} else {
			json_object_set(rec, key, val);
		}
		json_array_append_new(changed, json_string(key));
	}
	json_t *fc = json_object_get(rec, "field_confidentiality");
	if (fc && json_object_size(fc) == 0)
		json_object_del(rec, "field_confidentiality");
	rc = records_validate(v, k, rec);
	if (!rc) {
		records_fill_defaults(k, rec);
		char *case_id = NULL;
		rc = store(v, k, rec, false, &case_id);
		if (!rc) {
			json_t *data = json_pack("{s:O, s:o}", "record", rec, "changed", changed);
			rc = changelog_append(v, "edit", k->name, id, case_id, data, NULL);
			json_decref(data);
		} else {
			json_decref(changed);
		}
		free(case_id);
	} else {
		json_decref(changed);
	}
out:
	json_decref(rec);
	return rc;
}

int records_retract(struct vault *v, const struct kind_desc *k, const char *id, const char *reason)
{
	if (!reason || !*reason)
		return error_set(VG_EUSAGE, "say why with --reason TEXT; the record stays in the "
		                            "history");
	json_t *rec;
	int rc = records_get(v, k, id, &rec);
	if (rc)
		return rc;
	if (json_object_get(rec, "retracted")) {
		json_decref(rec);
		return error_set(VG_EINVALID, "%s %s is already retracted", k->name, id);
	}
	char now[21];
	records_now(now);
	json_object_set_new(
	    rec, "retracted",
	    json_pack("{s:s, s:s, s:s}", "at", now, "by", v->actor, "reason", reason));
	char *case_id = NULL;
	rc = store(v, k, rec, false, &case_id);
	if (!rc)
		rc = changelog_append(v, "retract", k->name, id, case_id,
		                      json_object_get(rec, "retracted"), NULL);
	free(case_id);
	json_decref(rec);
	return rc;
}

/* ---- case membership ---- */

static void member_mark(json_t *set, const char *kind, const char *id)
{
	json_t *of = json_object_get(set, kind);
	if (!of) {
		of = json_object();
		json_object_set_new(set, kind, of);
	}
	json_object_set_new(of, id, json_true());
}

int records_case_members(struct vault *v, const char *case_id, json_t **out)
{
	sqlite3_stmt *st;
	int rc =
	    records_prepare(v,
	                    "SELECT DISTINCT r.to_kind, r.to_id FROM record_ref r JOIN record c "
	                    "ON c.kind = r.kind AND c.id = r.id WHERE c.case_id = ?",
	                    &st);
	if (rc)
		return rc;
	records_bind_text(st, 1, case_id);
	*out = json_object();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		member_mark(*out, (const char *)sqlite3_column_text(st, 0),
		            (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		goto fail;
	/* Relatives: a relationship touching a member person brings it and the other person. */
	rc = records_prepare(v,
	                     "SELECT a.id, a.to_id, b.to_id FROM record_ref a JOIN record_ref b "
	                     "ON b.kind = a.kind AND b.id = a.id AND b.field <> a.field "
	                     "WHERE a.kind = 'relationship' AND a.to_kind = 'person'",
	                     &st);
	if (rc)
		goto fail_rc;
	json_t *persons = json_object_get(*out, "person");
	json_t *found = json_array();
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *mine = (const char *)sqlite3_column_text(st, 1);
		if (persons && json_object_get(persons, mine))
			json_array_append_new(found, json_pack("[s,s]", sqlite3_column_text(st, 0),
			                                       sqlite3_column_text(st, 2)));
	}
	sqlite3_finalize(st);
	size_t i;
	json_t *pair;
	json_array_foreach(found, i, pair)
	{
		member_mark(*out, "relationship", json_string_value(json_array_get(pair, 0)));
		member_mark(*out, "person", json_string_value(json_array_get(pair, 1)));
	}
	json_decref(found);
	if (s == SQLITE_DONE)
		return 0;
fail:
	rc = vault_db_error(v->db, s, "finding a case's records");
fail_rc:
	json_decref(*out);
	*out = NULL;
	return rc;
}

/* ---- the change log ---- */

int changelog_append(struct vault *v, const char *op, const char *kind, const char *id,
                     const char *case_id, json_t *data, int64_t *seq_out)
{
	int64_t seq = changelog_count(v) + 1;
	char now[21];
	records_now(now);
	json_t *entry =
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:O}", "seq", (json_int_t)seq, "at", now,
	              "actor", v->actor, "op", op, "kind", kind, "id", id, "data", data);
	if (case_id)
		json_object_set_new(entry, "case", json_string(case_id));
	char *bytes = json_canonical(entry);
	json_decref(entry);
	sqlite3_stmt *st;
	int rc = records_prepare(v,
	                         "INSERT INTO changelog(seq, case_id, kind, record_id, entry) "
	                         "VALUES(?,?,?,?,?)",
	                         &st);
	if (!rc) {
		sqlite3_bind_int64(st, 1, seq);
		records_bind_text(st, 2, case_id);
		records_bind_text(st, 3, kind);
		records_bind_text(st, 4, id);
		sqlite3_bind_blob(st, 5, bytes, (int)strlen(bytes), SQLITE_TRANSIENT);
		int s = sqlite3_step(st);
		if (s != SQLITE_DONE)
			rc = vault_db_error(v->db, s, "writing the change log");
		sqlite3_finalize(st);
	}
	free(bytes);
	if (!rc && seq_out)
		*seq_out = seq;
	return rc;
}

int64_t changelog_count(struct vault *v)
{
	sqlite3_stmt *st;
	if (records_prepare(v, "SELECT max(seq) FROM changelog", &st))
		return 0;
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return n;
}

int changelog_list(struct vault *v, const char *case_id, json_t **out)
{
	json_t *members = NULL;
	int rc = 0;
	if (case_id) {
		rc = records_case_members(v, case_id, &members);
		if (rc)
			return rc;
	}
	sqlite3_stmt *st;
	rc = records_prepare(
	    v, "SELECT entry, case_id, kind, record_id FROM changelog ORDER BY seq", &st);
	if (rc) {
		json_decref(members);
		return rc;
	}
	*out = json_array();
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (case_id) {
			const char *c = (const char *)sqlite3_column_text(st, 1);
			const char *kind = (const char *)sqlite3_column_text(st, 2);
			const char *id = (const char *)sqlite3_column_text(st, 3);
			json_t *of_kind = json_object_get(members, kind);
			bool related =
			    (c && !strcmp(c, case_id)) || (of_kind && json_object_get(of_kind, id));
			if (!related)
				continue;
		}
		json_t *e;
		rc = row_to_json(st, 0, &e);
		if (rc)
			break;
		json_array_append_new(*out, e);
	}
	if (!rc && s != SQLITE_DONE)
		rc = vault_db_error(v->db, s, "reading the change log");
	sqlite3_finalize(st);
	json_decref(members);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

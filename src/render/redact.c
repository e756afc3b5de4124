#include "render/redact.h"

#include "records/records.h"
#include "util/util.h"

int redact_audience_parse(const char *name, enum audience *out)
{
	for (int i = 0; i < 3; i++)
		if (name && !strcmp(name, confidentiality_levels[i])) {
			*out = (enum audience)i;
			return 0;
		}
	return error_set(VG_EUSAGE, "unknown audience '%s'; use public, partners or restricted",
	                 name ? name : "");
}

const char *redact_audience_name(enum audience a)
{
	return confidentiality_levels[a];
}

static int level_of(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, confidentiality_levels[i]))
			return i;
	return AUDIENCE_RESTRICTED;
}

/*
 * Kinds of other modules that no command gives a level: what they are when
 * they carry no "confidentiality" of their own, and their fields that are
 * restricted unless "field_confidentiality" says otherwise.
 *  - evidence: an evidence item (its SHA-256, names, capture data, custody):
 *    restricted, as any record without a level.
 *  - message: a flagged message. The detector's result (date, scores,
 *    review status) is for partners; what the message says and who sent it,
 *    in which chat, and a reviewer's note are evidence: restricted.
 *  - checkpoint: a signed tree head (a count and a hash, nothing of any
 *    record): public, so that anyone can check a later bundle against it.
 */
static const struct {
	const char *kind;
	int level;
	const char *sensitive[5];
} fixed_kinds[] = {
    {"evidence", AUDIENCE_RESTRICTED, {NULL}},
    {"message", AUDIENCE_PARTNERS, {"text", "from", "chat", "note", NULL}},
    {"checkpoint", AUDIENCE_PUBLIC, {NULL}},
};

static int fixed_kind(const char *kind)
{
	for (size_t i = 0; kind && i < ARRAY_SIZE(fixed_kinds); i++)
		if (!strcmp(kind, fixed_kinds[i].kind))
			return (int)i;
	return -1;
}

bool redact_kind_fixed(const char *kind)
{
	return fixed_kind(kind) >= 0;
}

static int record_level(const char *kind, const json_t *rec)
{
	const char *own = json_string_value(json_object_get(rec, "confidentiality"));
	int k = fixed_kind(kind);
	if (!own && k >= 0)
		return fixed_kinds[k].level;
	return level_of(own);
}

int redact_record_level(const json_t *rec)
{
	return record_level(NULL, rec);
}

static bool field_is_sensitive(const char *kind, const char *field)
{
	int fk = fixed_kind(kind);
	if (fk >= 0) {
		for (const char *const *f = fixed_kinds[fk].sensitive; *f; f++)
			if (!strcmp(*f, field))
				return true;
		return false;
	}
	const struct kind_desc *k = kind ? records_kind(kind) : NULL;
	const struct field_desc *f = k ? records_field(k, field) : NULL;
	return f && (f->flags & FIELD_SENSITIVE);
}

int redact_field_level(const char *kind, const json_t *rec, const char *field)
{
	int level = record_level(kind, rec);
	json_t *fc = json_object_get(rec, "field_confidentiality");
	json_t *own = json_object_get(fc, field);
	int flevel = AUDIENCE_PUBLIC;
	if (own)
		flevel = level_of(json_string_value(own));
	else if (field_is_sensitive(kind, field))
		flevel = AUDIENCE_RESTRICTED;
	return flevel > level ? flevel : level;
}

void redact_init(struct redact *r, enum audience audience)
{
	r->audience = audience;
	r->leaks = json_array();
	r->omitted = json_array();
}

void redact_release(struct redact *r)
{
	json_decref(r->leaks);
	json_decref(r->omitted);
	r->leaks = r->omitted = NULL;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void note(json_t *list, const char *kind, const json_t *rec, const char *field, int level)
{
	const char *id = json_string_value(json_object_get(rec, "id"));
	/* One entry per record and field, however often an output shows it. */
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e)
	{
		if (!strcmp(json_string_value(json_object_get(e, "kind")), kind) &&
		    !strcmp(json_string_value(json_object_get(e, "id")), id ? id : "?") &&
		    same(json_string_value(json_object_get(e, "field")), field))
			return;
	}
	json_t *entry = json_pack("{s:s, s:s, s:s}", "kind", kind, "id", id ? id : "?", "level",
	                          level < 0 ? "retracted" : confidentiality_levels[level]);
	if (field)
		json_object_set_new(entry, "field", json_string(field));
	json_array_append_new(list, entry);
}

bool redact_may_show(const struct redact *r, const json_t *rec)
{
	return !json_object_get(rec, "retracted") && redact_record_level(rec) <= (int)r->audience;
}

bool redact_record_ok(const struct redact *r, const char *kind, const json_t *rec)
{
	return !json_object_get(rec, "retracted") && record_level(kind, rec) <= (int)r->audience;
}

bool redact_field_ok(const struct redact *r, const char *kind, const json_t *rec, const char *field)
{
	return redact_record_ok(r, kind, rec) &&
	       redact_field_level(kind, rec, field) <= (int)r->audience;
}

static bool is_meta_key(const char *key)
{
	return !strcmp(key, "id") || !strcmp(key, "confidentiality") ||
	       !strcmp(key, "field_confidentiality") || !strcmp(key, "retracted");
}

bool redact_show(struct redact *r, const char *kind, const json_t *rec, const char *const *fields)
{
	if (json_object_get(rec, "retracted")) {
		note(r->leaks, kind, rec, NULL, -1);
		return false;
	}
	int level = record_level(kind, rec);
	if (level > (int)r->audience) {
		note(r->leaks, kind, rec, NULL, level);
		return false;
	}
	bool ok = true;
	if (fields) {
		for (const char *const *f = fields; *f; f++) {
			if (!json_object_get(rec, *f))
				continue;
			int fl = redact_field_level(kind, rec, *f);
			if (fl > (int)r->audience) {
				note(r->leaks, kind, rec, *f, fl);
				ok = false;
			}
		}
		return ok;
	}
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)rec, key, val)
	{
		if (is_meta_key(key))
			continue;
		int fl = redact_field_level(kind, rec, key);
		if (fl > (int)r->audience) {
			note(r->leaks, kind, rec, key, fl);
			ok = false;
		}
	}
	return ok;
}

void redact_omit(struct redact *r, const char *kind, const json_t *rec, const char *field)
{
	note(r->omitted, kind, rec, field,
	     field ? redact_field_level(kind, rec, field) : record_level(kind, rec));
}

int redact_finish(const struct redact *r, const char *what)
{
	size_t n = json_array_size(r->leaks);
	if (n == 0)
		return 0;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *e;
	json_array_foreach(r->leaks, i, e)
	{
		const char *field = json_string_value(json_object_get(e, "field"));
		strbuf_addf(&sb, "%s%s %s%s%s is %s", i ? "; " : "",
		            json_string_value(json_object_get(e, "kind")),
		            json_string_value(json_object_get(e, "id")), field ? " field " : "",
		            field ? field : "", json_string_value(json_object_get(e, "level")));
	}
	int rc = error_set(VG_ELEAK,
	                   "refusing to publish %s for the %s audience: it would show %zu "
	                   "thing%s above that level: %s; leave them out, or mark them %s "
	                   "if they may be shown",
	                   what, confidentiality_levels[r->audience], n, n == 1 ? "" : "s", sb.buf,
	                   confidentiality_levels[r->audience]);
	strbuf_release(&sb);
	return rc;
}

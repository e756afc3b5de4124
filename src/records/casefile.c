#include "records/casefile.h"

#include "records/records.h"
#include "util/util.h"

#define CASEFILE_FORMAT  "vigil-case-file"
#define CASEFILE_VERSION 1

static bool same_record(json_t *a, json_t *b)
{
	char *x = json_canonical(a), *y = json_canonical(b);
	bool same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

int casefile_load(struct vault *v, json_t *doc, struct casefile_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	if (!json_is_object(doc))
		return error_set(VG_EFORMAT, "a case file is a JSON object with \"format\": \"%s\"",
		                 CASEFILE_FORMAT);
	const char *fmt = json_string_value(json_object_get(doc, "format"));
	if (!fmt || strcmp(fmt, CASEFILE_FORMAT))
		return error_set(VG_EFORMAT, "not a Vigil case file: \"format\" must be \"%s\"",
		                 CASEFILE_FORMAT);
	json_t *ver = json_object_get(doc, "version");
	if (!json_is_integer(ver) || json_integer_value(ver) < 1)
		return error_set(VG_EFORMAT, "the case file has no valid \"version\"");
	if (json_integer_value(ver) > CASEFILE_VERSION)
		return error_set(VG_EVERSION,
		                 "the case file has version %lld; this Vigil reads up to %d; "
		                 "upgrade Vigil",
		                 (long long)json_integer_value(ver), CASEFILE_VERSION);
	const char *key;
	json_t *val;
	json_object_foreach(doc, key, val)
	{
		if (!strcmp(key, "format") || !strcmp(key, "version"))
			continue;
		const struct kind_desc *k = records_kind(key);
		if (!k || strcmp(k->plural, key))
			return error_set(VG_EFORMAT, "unknown section \"%s\" in the case file",
			                 key);
		if (!json_is_array(val))
			return error_set(VG_EFORMAT, "section \"%s\" must be a list", key);
	}
	for (size_t i = 0; i < records_nkinds; i++) {
		const struct kind_desc *k = records_kinds[i];
		json_t *list = json_object_get(doc, k->plural);
		size_t j;
		json_t *rec;
		json_array_foreach(list, j, rec)
		{
			const char *id = json_string_value(json_object_get(rec, "id"));
			if (!json_is_object(rec) || !id)
				return error_set(VG_EFORMAT, "%s[%zu]: each record needs an \"id\"",
				                 k->plural, j);
			json_t *have = NULL;
			if (records_exists(v, k, id)) {
				int rc = records_get(v, k, id, &have);
				if (rc)
					return rc;
				json_t *copy = json_deep_copy(rec);
				int vrc = records_validate(v, k, copy);
				records_fill_defaults(k, copy);
				bool same = !vrc && same_record(have, copy);
				json_decref(copy);
				json_decref(have);
				if (!same)
					return error_set(VG_ECONFLICT,
					                 "%s[%zu]: a %s with id '%s' is already in "
					                 "the vault with other content; change one "
					                 "of the ids",
					                 k->plural, j, k->name, id);
				stats->unchanged++;
				continue;
			}
			json_t *copy = json_deep_copy(rec);
			int rc = records_add(v, k, copy);
			json_decref(copy);
			if (rc) {
				error_prefix("%s[%zu]: ", k->plural, j);
				return rc;
			}
			stats->added++;
		}
	}
	return 0;
}

static bool marked(json_t *set, const char *kind, const char *id)
{
	return id && json_object_get(json_object_get(set, kind), id);
}

int casefile_dump(struct vault *v, const char *case_id, json_t **out)
{
	json_t *members = NULL;
	int rc = 0;
	if (case_id) {
		if (!records_exists(v, records_kind("case"), case_id))
			return error_set(VG_ENOTFOUND,
			                 "no case with id '%s'; see 'vigil case list'", case_id);
		rc = records_case_members(v, case_id, &members);
		if (rc)
			return rc;
	}
	json_t *doc =
	    json_pack("{s:s, s:i}", "format", CASEFILE_FORMAT, "version", CASEFILE_VERSION);
	for (size_t i = 0; i < records_nkinds && !rc; i++) {
		const struct kind_desc *k = records_kinds[i];
		struct record_filter f = {.include_retracted = true};
		bool by_case = case_id && records_kind_in_case(k);
		if (by_case)
			f.case_id = case_id;
		json_t *list;
		rc = records_list(v, k, &f, &list);
		if (rc)
			break;
		if (case_id && !by_case) {
			json_t *kept = json_array();
			size_t j;
			json_t *rec;
			json_array_foreach(list, j, rec)
			{
				if (marked(members, k->name,
				           json_string_value(json_object_get(rec, "id"))))
					json_array_append(kept, rec);
			}
			json_decref(list);
			list = kept;
		}
		if (json_array_size(list))
			json_object_set_new(doc, k->plural, list);
		else
			json_decref(list);
	}
	json_decref(members);
	if (rc) {
		json_decref(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

#include "records/casefile.h"

#include "records/complaint_steps.h"
#include "records/records.h"
#include "records/risk.h"
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

/* A step or risk picture equal to one already there is skipped, so that loading the
 * same file twice changes nothing. */
static bool step_present(json_t *steps, json_t *step)
{
	size_t i;
	json_t *have;
	json_array_foreach(steps, i, have)
	{
		if (same_record(have, step))
			return true;
	}
	return false;
}

static int load_extras(struct vault *v, json_t *doc, struct casefile_stats *stats)
{
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(doc, "complaint_steps"), i, item)
	{
		const char *cid = json_string_value(json_object_get(item, "complaint"));
		if (!json_is_object(item) || !cid)
			return error_set(VG_EFORMAT, "complaint_steps[%zu]: needs \"complaint\"",
			                 i);
		json_t *step = json_deep_copy(item);
		json_object_del(step, "complaint");
		json_t *steps = NULL;
		int rc = complaint_steps_list(v, cid, &steps);
		if (!rc && step_present(steps, step))
			stats->unchanged++;
		else if (!rc && !(rc = complaint_step_add(v, cid, step)))
			stats->added++;
		json_decref(steps);
		json_decref(step);
		if (rc) {
			error_prefix("complaint_steps[%zu]: ", i);
			return rc;
		}
	}
	json_array_foreach(json_object_get(doc, "risk"), i, item)
	{
		const char *cid = json_string_value(json_object_get(item, "case"));
		if (!json_is_object(item) || !cid)
			return error_set(VG_EFORMAT, "risk[%zu]: needs \"case\"", i);
		json_t *data = json_deep_copy(item);
		json_object_del(data, "case");
		json_t *have = NULL;
		int rc = risk_get(v, cid, &have);
		if (!rc && same_record(have, data))
			stats->unchanged++;
		else if (!rc && !(rc = risk_put(v, cid, data)))
			stats->added++;
		json_decref(have);
		json_decref(data);
		if (rc) {
			error_prefix("risk[%zu]: ", i);
			return rc;
		}
	}
	return 0;
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
		if (!strcmp(key, "complaint_steps") || !strcmp(key, "risk")) {
			if (!json_is_array(val))
				return error_set(VG_EFORMAT, "section \"%s\" must be a list", key);
			continue;
		}
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
	return load_extras(v, doc, stats);
}

static bool marked(json_t *set, const char *kind, const char *id)
{
	return id && json_object_get(json_object_get(set, kind), id);
}

/* Complaint steps and risk pictures of the records already in doc. */
static int dump_extras(struct vault *v, json_t *doc)
{
	json_t *steps = json_array(), *risks = json_array();
	size_t i;
	json_t *rec;
	int rc = 0;
	json_array_foreach(json_object_get(doc, "complaints"), i, rec)
	{
		const char *id = json_string_value(json_object_get(rec, "id"));
		json_t *list = NULL;
		rc = complaint_steps_list(v, id, &list);
		if (rc)
			break;
		size_t j;
		json_t *step;
		json_array_foreach(list, j, step)
		{
			json_object_set_new(step, "complaint", json_string(id));
			json_array_append(steps, step);
		}
		json_decref(list);
	}
	json_array_foreach(json_object_get(doc, "cases"), i, rec)
	{
		if (rc)
			break;
		const char *id = json_string_value(json_object_get(rec, "id"));
		json_t *risk = NULL;
		rc = risk_get(v, id, &risk);
		if (!rc && json_object_size(risk)) {
			json_object_set_new(risk, "case", json_string(id));
			json_array_append(risks, risk);
		}
		json_decref(risk);
	}
	if (!rc && json_array_size(steps))
		json_object_set(doc, "complaint_steps", steps);
	if (!rc && json_array_size(risks))
		json_object_set(doc, "risk", risks);
	json_decref(steps);
	json_decref(risks);
	return rc;
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
	if (!rc)
		rc = dump_extras(v, doc);
	if (rc) {
		json_decref(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

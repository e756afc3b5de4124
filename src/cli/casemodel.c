#include "cli/casemodel.h"

#include "deadlines/complaint_status.h"
#include "evidence/evidence.h"
#include "ledger/ledger.h"
#include "records/flags.h"
#include "records/records.h"
#include "render/cite.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_t *get(struct vault *v, const char *kind, const char *id)
{
	json_t *r = NULL;
	if (id && records_get(v, records_kind(kind), id, &r))
		error_clear();
	if (r && json_object_get(r, "retracted")) {
		json_decref(r);
		r = NULL;
	}
	return r;
}

static int list(struct vault *v, const char *kind, const char *case_id, const char *parent,
                json_t **out)
{
	struct record_filter f = {.case_id = case_id, .parent_id = parent};
	return records_list(v, records_kind(kind), &f, out);
}

int casemodel_load(struct vault *v, const char *case_id, json_t **out)
{
	json_t *c;
	int rc = records_get(v, records_kind("case"), case_id, &c);
	if (rc)
		return rc;
	json_t *m = json_pack("{s:o, s:[], s:{}}", "case", c, "relatives", "org");
	json_t *def = get(v, "person", str(c, "defender"));
	if (def) {
		json_object_set_new(m, "defender", def);
		json_t *rels = NULL;
		struct record_filter f = {0};
		rc = records_list(v, records_kind("relationship"), &f, &rels);
		size_t i;
		json_t *rel;
		json_array_foreach(rels, i, rel)
		{
			if (!str(rel, "related") || strcmp(str(rel, "related"), str(def, "id")))
				continue;
			json_t *p = get(v, "person", str(rel, "person"));
			if (p)
				json_array_append_new(
				    json_object_get(m, "relatives"),
				    json_pack("{s:O, s:o}", "relationship", rel, "person", p));
		}
		json_decref(rels);
	}
	json_t *events = NULL, *complaints = NULL, *statements = NULL;
	if (!rc)
		rc = list(v, "event", case_id, NULL, &events);
	size_t i, j, k;
	json_t *ev, *act, *inv;
	json_array_foreach(events, i, ev)
	{
		json_t *acts = NULL;
		if (!rc)
			rc = list(v, "act", NULL, str(ev, "id"), &acts);
		json_array_foreach(acts, j, act)
		{
			json_t *victim = get(v, "person", str(act, "victim"));
			if (victim)
				json_object_set_new(act, "victim_rec", victim);
			json_t *invs = NULL;
			if (!rc)
				rc = list(v, "involvement", NULL, str(act, "id"), &invs);
			json_array_foreach(invs, k, inv)
			{
				json_t *p = get(v, "person", str(inv, "perpetrator"));
				if (p)
					json_object_set_new(inv, "perpetrator_rec", p);
			}
			if (invs)
				json_object_set_new(act, "involvements", invs);
		}
		if (acts)
			json_object_set_new(ev, "acts", acts);
	}
	if (!rc)
		rc = list(v, "complaint", case_id, NULL, &complaints);
	json_array_foreach(complaints, i, ev)
	{
		json_t *org = get(v, "org", str(ev, "authority"));
		if (org)
			json_object_set_new(ev, "authority_rec", org);
	}
	if (!rc)
		rc = list(v, "statement", case_id, NULL, &statements);
	json_t *refs = json_array(), *seen = json_object();
	json_array_foreach(statements, i, ev)
	{
		json_t *id;
		json_array_foreach(json_object_get(ev, "references"), j, id)
		{
			if (json_object_get(seen, json_string_value(id)))
				continue;
			json_t *r = get(v, "reference", json_string_value(id));
			if (r) {
				json_object_set_new(seen, json_string_value(id), json_true());
				json_array_append_new(refs, r);
			}
		}
		json_array_foreach(json_object_get(ev, "signatories"), j, id)
		{
			json_t *o = get(v, "org", json_string_value(id));
			if (o)
				json_object_set_new(json_object_get(m, "org"),
				                    json_string_value(id), o);
		}
	}
	if (!rc && json_array_size(refs) == 0) {
		json_decref(refs);
		refs = NULL;
		rc = records_list(v, records_kind("reference"), NULL, &refs);
	}
	json_decref(seen);
	json_object_set_new(m, "events", events ? events : json_array());
	json_object_set_new(m, "complaints", complaints ? complaints : json_array());
	json_object_set_new(m, "statements", statements ? statements : json_array());
	json_object_set_new(m, "references", refs ? refs : json_array());
	if (rc) {
		json_decref(m);
		return rc;
	}
	*out = m;
	return 0;
}

struct cite_ctx {
	struct vault *v;
	json_t *cited;
};

static int fetch_cited(const char *kind, const char *id, void *arg)
{
	struct cite_ctx *c = arg;
	char key[100];
	snprintf(key, sizeof(key), "%s:%s", kind, id);
	if (json_object_get(c->cited, key))
		return 0;
	json_t *rec = get(c->v, kind, id);
	if (!rec)
		return 0;
	if (!strcmp(kind, "complaint")) {
		json_t *org = get(c->v, "org", str(rec, "authority"));
		if (org)
			json_object_set_new(rec, "authority_rec", org);
	}
	json_object_set_new(c->cited, key, rec);
	return 0;
}

int casemodel_cited(struct vault *v, const char *body, json_t *cited)
{
	struct cite_ctx c = {v, cited};
	return cite_each(body, fetch_cited, &c);
}

int casemodel_deadlines(struct vault *v, json_t *model, const char *today)
{
	return casemodel_complaint_deadlines(v, json_object_get(model, "complaints"), today);
}

int casemodel_complaint_deadlines(struct vault *v, json_t *complaints, const char *today)
{
	long day;
	int rc = today_parse(today, &day);
	size_t i;
	json_t *c;
	json_array_foreach(complaints, i, c)
	{
		if (rc)
			break;
		json_t *ev = NULL;
		rc = complaint_evaluate(v, c, day, &ev);
		if (rc)
			break;
		json_t *rule = json_object_get(ev, "rule");
		json_object_set_new(
		    c, "deadline",
		    json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?}", "due", json_object_get(ev, "due"),
		              "status", json_object_get(ev, "status"), "days_overdue",
		              json_object_get(ev, "days_overdue"), "explanation",
		              json_object_get(ev, "explanation"), "cite",
		              json_is_object(rule) ? json_object_get(rule, "cite") : json_null()));
		json_decref(ev);
	}
	return rc;
}

static int latest_checkpoint(struct vault *v, json_t *model)
{
	json_t *files = NULL;
	int rc = ledger_checkpoint_files(v, &files);
	const char *path = json_string_value(json_array_get(files, json_array_size(files) - 1));
	if (rc || !path) {
		json_decref(files);
		return rc;
	}
	struct checkpoint cp;
	char *text = NULL;
	rc = ledger_checkpoint_read(v, path, &cp, &text);
	if (!rc) {
		struct ledger_key k;
		ledger_key(v, &k);
		char *root = ledger_base64(cp.root, sizeof(cp.root));
		struct strbuf hex = STRBUF_INIT, kid = STRBUF_INIT;
		strbuf_add_hex(&hex, cp.root, sizeof(cp.root));
		strbuf_add_hex(&kid, k.keyid, sizeof(k.keyid));
		const char *slash = strrchr(path, '/');
		json_object_set_new(model, "checkpoint",
		                    json_pack("{s:s%, s:I, s:s, s:s, s:s, s:s, s:s}", "origin",
		                              text, strcspn(text, "\n"), "size",
		                              (json_int_t)cp.size, "root", root, "root_hex",
		                              hex.buf, "key_name", k.name, "key_id", kid.buf,
		                              "file", slash ? slash + 1 : path));
		ledger_key_wipe(&k);
		strbuf_release(&hex);
		strbuf_release(&kid);
		free(root);
		free(text);
	}
	json_decref(files);
	return rc;
}

int casemodel_evidence(struct vault *v, json_t *model, size_t max_flags)
{
	const char *case_id = str(json_object_get(model, "case"), "id");
	json_t *items = NULL, *flags = NULL;
	int rc = evidence_list(v, case_id, &items);
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *custody = NULL;
		if (!rc)
			rc = evidence_custody(v, str(it, "id"), &custody);
		if (custody)
			json_object_set_new(it, "custody", custody);
	}
	struct flag_filter f = {.case_id = case_id};
	if (!rc)
		rc = flags_list(v, &f, &flags);
	if (!rc) {
		json_object_set_new(model, "flags_total",
		                    json_integer((json_int_t)json_array_size(flags)));
		if (max_flags && json_array_size(flags) > max_flags) {
			json_t *head = json_array();
			for (i = 0; i < max_flags; i++)
				json_array_append(head, json_array_get(flags, i));
			json_decref(flags);
			flags = head;
		}
	}
	if (!rc)
		rc = latest_checkpoint(v, model);
	json_object_set_new(model, "evidence", items ? items : json_array());
	json_object_set_new(model, "flags", flags ? flags : json_array());
	return rc;
}

#include "render/un.h"

#include "records/date.h"
#include "records/vocab.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A required part of the submission: the audience must be allowed to see it. */
static const char *must(struct redact *r, const char *kind, const json_t *rec, const char *f)
{
	if (!rec || !json_object_get(rec, f))
		return NULL;
	const char *one[] = {f, NULL};
	return redact_show(r, kind, rec, one) ? str(rec, f) : NULL;
}

/* An optional sensitive part: left out (and listed) when above the audience. */
static const char *may(struct redact *r, const char *kind, const json_t *rec, const char *f)
{
	if (!rec || !json_object_get(rec, f))
		return NULL;
	if (!redact_field_ok(r, kind, rec, f)) {
		redact_omit(r, kind, rec, f);
		return NULL;
	}
	return str(rec, f);
}

/* Appends s to the array of strings unless it is there. */
static void add_once(json_t *arr, const char *s)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) if (!strcmp(json_string_value(x), s)) return;
	json_array_append_new(arr, json_string(s));
}

static bool same_perpetrator(const json_t *a, const json_t *b)
{
	const char *keys[] = {"alias", "description", "type"};
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const char *x = str(a, keys[i]), *y = str(b, keys[i]);
		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y)))
			return false;
	}
	return true;
}

static json_t *human_date(const char *d)
{
	if (!d)
		return json_null();
	struct strbuf sb = STRBUF_INIT;
	date_format_human(d, &sb);
	json_t *j = json_string(sb.buf);
	strbuf_release(&sb);
	return j;
}

static json_t *age(const char *birth, const char *today)
{
	struct date_value b;
	if (!birth || !today || date_parse(birth, &b)) {
		error_clear();
		return json_null();
	}
	int by = atoi(b.from), bm = atoi(b.from + 5), bd = atoi(b.from + 8);
	int ty = atoi(today), tm = atoi(today + 5), td = atoi(today + 8);
	int years = ty - by - (tm < bm || (tm == bm && td < bd));
	return json_integer(years);
}

int un_submission(const json_t *m, const json_t *st, const char *today, struct redact *r,
                  json_t **out)
{
	const json_t *c = json_object_get(m, "case");
	const json_t *p = json_object_get(m, "defender");
	const char *consent = must(r, "case", c, "consent");
	if (!json_object_get(c, "consent"))
		return error_set(VG_EINVALID,
		                 "case %s records no consent for a UN submission; ask the defender "
		                 "(or the family), then: vigil case edit %s --consent 'TEXT' "
		                 "--consent-date DATE",
		                 str(c, "id"), str(c, "id"));
	if (!p)
		return error_set(VG_EINVALID, "case %s names no defender; set --defender first",
		                 str(c, "id"));
	const char *kind = str(st, "kind");
	json_t *sub = json_object();
	json_object_set_new(sub, "procedure",
	                    json_string(kind && !strcmp(kind, "urgent-appeal") ? "urgent appeal"
	                                : kind && !strcmp(kind, "un")          ? "urgent appeal"
	                                                              : "allegation letter"));
	json_object_set_new(
	    sub, "statement",
	    json_pack("{s:s?, s:s?}", "id", str(st, "id"), "title", str(st, "title")));
	/* The victim. */
	const char *addr = may(r, "person", p, "address");
	const char *country = must(r, "person", p, "country");
	json_t *victim = json_pack(
	    "{s:s?, s:o, s:s?, s:s?, s:s?, s:s, s:s?}", "name", must(r, "person", p, "name"), "age",
	    age(may(r, "person", p, "birth_date"), today), "sex", must(r, "person", p, "sex"),
	    "profession", must(r, "person", p, "occupation"), "residence", addr ? addr : country,
	    "organisation", "not recorded in Vigil: add it to the submission", "human_rights_work",
	    must(r, "person", p, "biography"));
	json_object_set_new(sub, "victim", victim);
	/* The violations and the alleged perpetrators. */
	json_t *viol = json_array(), *perps = json_array();
	size_t i, j, k;
	json_t *ev, *act, *inv;
	json_array_foreach(json_object_get(m, "events"), i, ev)
	{
		const char *one[] = {"title", "date", "description", NULL};
		if (!redact_show(r, "event", ev, one))
			continue;
		json_t *types = json_array(), *victims = json_array();
		json_array_foreach(json_object_get(ev, "acts"), j, act)
		{
			const char *two[] = {"type", "victim", NULL};
			if (!redact_show(r, "act", act, two))
				continue;
			add_once(types, vocab_label("act-types", str(act, "type")));
			const json_t *vrec = json_object_get(act, "victim_rec");
			const char *vname = vrec ? must(r, "person", vrec, "name") : NULL;
			if (vname)
				add_once(victims, vname);
			json_array_foreach(json_object_get(act, "involvements"), k, inv)
			{
				const char *f3[] = {"alias", "description", "perpetrator_type",
				                    "certainty", NULL};
				if (!redact_show(r, "involvement", inv, f3))
					continue;
				const char *ptype = str(inv, "perpetrator_type");
				bool state = ptype && (!strncmp(ptype, "state", 5) ||
				                       !strcmp(ptype, "police") ||
				                       !strcmp(ptype, "official"));
				json_t *perp = json_pack(
				    "{s:s?, s:s?, s:s?, s:s?, s:s?}", "alias", str(inv, "alias"),
				    "description", str(inv, "description"), "type",
				    ptype ? vocab_label("perpetrator-types", ptype) : NULL,
				    "certainty", str(inv, "certainty"), "links_to_state",
				    state ? NULL : "not recorded: say what is known");
				bool dup = false;
				size_t x;
				json_t *y;
				json_array_foreach(perps, x, y) dup =
				    dup || same_perpetrator(y, perp);
				if (dup)
					json_decref(perp);
				else
					json_array_append_new(perps, perp);
			}
		}
		json_array_append_new(
		    viol, json_pack("{s:s?, s:o, s:s?, s:s?, s:o, s:o}", "title", str(ev, "title"),
		                    "date", human_date(str(ev, "date")), "place",
		                    may(r, "event", ev, "place"), "description",
		                    str(ev, "description"), "types", types, "victims", victims));
	}
	json_object_set_new(sub, "violations", viol);
	json_object_set_new(sub, "link_to_work", json_string(must(r, "case", c, "summary")));
	json_object_set_new(sub, "alleged_perpetrators", perps);
	/* Steps taken with the national authorities. */
	json_t *steps = json_array();
	json_array_foreach(json_object_get(m, "complaints"), i, ev)
	{
		const char *f4[] = {"type",     "authority",     "date_filed", "request",
		                    "response", "response_date", NULL};
		if (!redact_show(r, "complaint", ev, f4))
			continue;
		const json_t *org = json_object_get(ev, "authority_rec");
		const char *resp = str(ev, "response");
		json_array_append_new(
		    steps,
		    json_pack("{s:s?, s:s?, s:o, s:s?, s:s, s:o}", "type",
		              vocab_label("intervention-types", str(ev, "type")), "authority",
		              org ? must(r, "org", org, "name") : str(ev, "authority"), "date",
		              human_date(str(ev, "date_filed")), "request", str(ev, "request"),
		              "outcome", resp ? vocab_label("response-types", resp) : "no reply",
		              "outcome_date", human_date(str(ev, "response_date"))));
		const char *dl = str(json_object_get(ev, "deadline"), "explanation");
		if (dl)
			json_object_set_new(json_array_get(steps, json_array_size(steps) - 1),
			                    "deadline", json_string(dl));
	}
	json_object_set_new(sub, "national_remedies", steps);
	json_object_set_new(sub, "consent",
	                    json_pack("{s:s?, s:o}", "given", consent, "date",
	                              human_date(must(r, "case", c, "consent_date"))));
	int rc = redact_finish(r, "the UN submission");
	if (rc) {
		json_decref(sub);
		return rc;
	}
	*out = sub;
	return 0;
}

static void line(struct strbuf *sb, const char *label, const json_t *v)
{
	if (json_is_string(v))
		strbuf_addf(sb, "   %s: %s\n", label, json_string_value(v));
	else if (json_is_integer(v))
		strbuf_addf(sb, "   %s: %lld\n", label, (long long)json_integer_value(v));
	else
		strbuf_addf(sb, "   %s: (not recorded)\n", label);
}

void un_format_text(const json_t *s, struct strbuf *sb)
{
	const json_t *v = json_object_get(s, "victim");
	strbuf_addf(sb,
	            "Submission to the UN Special Rapporteur on the situation of human rights "
	            "defenders\nProcedure asked for: %s\n\n1. The victim\n",
	            str(s, "procedure"));
	line(sb, "Name", json_object_get(v, "name"));
	line(sb, "Age", json_object_get(v, "age"));
	line(sb, "Sex", json_object_get(v, "sex"));
	line(sb, "Profession", json_object_get(v, "profession"));
	line(sb, "Residence", json_object_get(v, "residence"));
	line(sb, "Organisation and its head", json_object_get(v, "organisation"));
	line(sb, "Nature of the human rights work", json_object_get(v, "human_rights_work"));
	strbuf_adds(sb, "\n2. The violations\n");
	size_t i, j;
	json_t *e, *x;
	json_array_foreach(json_object_get(s, "violations"), i, e)
	{
		strbuf_addf(sb, "   %zu) %s\n", i + 1, str(e, "title"));
		line(sb, "  Date", json_object_get(e, "date"));
		line(sb, "  Place", json_object_get(e, "place"));
		line(sb, "  Description", json_object_get(e, "description"));
		struct strbuf t = STRBUF_INIT;
		json_array_foreach(json_object_get(e, "types"), j, x)
		    strbuf_addf(&t, "%s%s", j ? ", " : "", json_string_value(x));
		json_array_foreach(json_object_get(e, "victims"), j, x)
		    strbuf_addf(&t, "%s%s", j ? ", " : " against ", json_string_value(x));
		json_t *tj = json_string(t.buf);
		line(sb, "  Violations", t.len ? tj : NULL);
		json_decref(tj);
		strbuf_release(&t);
	}
	line(sb, "How the violations relate to the human rights work",
	     json_object_get(s, "link_to_work"));
	strbuf_adds(sb, "\n3. The alleged perpetrators\n");
	json_array_foreach(json_object_get(s, "alleged_perpetrators"), i, e)
	{
		struct strbuf who = STRBUF_INIT;
		if (str(e, "alias"))
			strbuf_addf(&who, "account “%s”", str(e, "alias"));
		if (str(e, "description"))
			strbuf_addf(&who, "%s%s", who.len ? ", " : "", str(e, "description"));
		strbuf_addf(sb, "   - %s%s%s (%s); links to the state: %s\n", who.buf,
		            str(e, "type") ? " — " : "", str(e, "type") ? str(e, "type") : "",
		            str(e, "certainty") ? str(e, "certainty") : "certainty not recorded",
		            str(e, "links_to_state") ? str(e, "links_to_state") : "a state actor");
		strbuf_release(&who);
	}
	strbuf_adds(sb, "\n4. Steps taken with the national authorities\n");
	json_array_foreach(json_object_get(s, "national_remedies"), i, e)
	{
		strbuf_addf(sb, "   - %s: %s to %s", str(e, "date") ? str(e, "date") : "undated",
		            str(e, "type"), str(e, "authority"));
		const char *req = str(e, "request");
		size_t rl = req ? strlen(req) : 0;
		if (req)
			strbuf_addf(sb, ", asking: %.*s",
			            (int)(rl && req[rl - 1] == '.' ? rl - 1 : rl), req);
		strbuf_addf(sb, ". Outcome: %s%s%s\n", str(e, "outcome"),
		            str(e, "outcome_date") ? ", " : "",
		            str(e, "outcome_date") ? str(e, "outcome_date") : "");
		if (str(e, "deadline"))
			strbuf_addf(sb, "     Deadline: %s\n", str(e, "deadline"));
	}
	const json_t *c = json_object_get(s, "consent");
	strbuf_adds(sb, "\n5. Consent\n");
	line(sb, "Given", json_object_get(c, "given"));
	line(sb, "Date", json_object_get(c, "date"));
}

/*
 * complaint_status.c - evaluates complaints from the vault (complaint_status.h).
 */
#include <time.h>

#include "deadlines/complaint_status.h"
#include "deadlines/deadlines.h"
#include "records/complaint_steps.h"
#include "records/date.h"
#include "records/records.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int today_parse(const char *text, long *day)
{
	if (text) {
		if (date_parse_day(text, day)) {
			error_clear();
			return error_set(VG_EUSAGE,
			                 "--today and VIGIL_TODAY take YYYY-MM-DD, not '%s'", text);
		}
		return 0;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	*day = date_to_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/* The first day a date field can mean, or -1. */
static long first_day(const char *text)
{
	struct date_value dv;
	long d;
	if (!text || date_parse(text, &dv) || date_parse_day(dv.from, &d)) {
		error_clear();
		return -1;
	}
	return d;
}

/* The last day a date field can mean (the safe end for "overdue": never
 * earlier than the law allows); *vague when it is not one exact day. */
static long last_day(const char *text, bool *vague)
{
	struct date_value dv;
	long d;
	if (!text || date_parse(text, &dv) || date_parse_day(dv.to, &d)) {
		error_clear();
		return -1;
	}
	if (dv.precision != DATE_DAY || dv.approximate || dv.is_range)
		*vague = true;
	return d;
}

static json_t *day_json(long day)
{
	if (day < 0)
		return json_null();
	char iso[16];
	date_format_day(day, iso);
	return json_string(iso);
}

static json_t *rule_json(const struct dl_rule *r, const char *kind)
{
	struct strbuf term = STRBUF_INIT, id = STRBUF_INIT;
	dl_term_text(r->term, r->unit, &term);
	for (const char *p = r->country; *p; p++)
		strbuf_addch(&id,
		             (*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : (*p == ' ' ? '-' : *p));
	strbuf_addf(&id, "/%s", kind);
	json_t *j =
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "id", id.buf, "term", term.buf,
	              "citation", r->citation, "cite", r->cite, "checked", r->checked, "status",
	              r->status, "verified", dl_rule_verified(r), "note", r->note);
	static const char *const units[] = {"unknown", "calendar-days", "working-days", "months"};
	json_object_set_new(j, "term_n", json_integer(r->term));
	json_object_set_new(j, "unit", json_string(units[r->unit]));
	strbuf_release(&term);
	strbuf_release(&id);
	return j;
}

/* The steps from the table, plus the record's response when no step says it. */
static int gather_steps(struct vault *v, json_t *complaint, json_t **out)
{
	json_t *steps;
	int rc = complaint_steps_list(v, str(complaint, "id"), &steps);
	if (rc)
		return rc;
	const char *resp = str(complaint, "response");
	const char *rdate = str(complaint, "response_date");
	if (resp && rdate && dl_step_kind_parse(resp) >= 0 && strcmp(resp, "no-reply")) {
		bool have = false;
		size_t i;
		json_t *s;
		json_array_foreach(steps, i, s) if (!strcmp(str(s, "kind"), resp)) have = true;
		long d = first_day(rdate);
		if (!have && d >= 0) {
			char iso[16];
			date_format_day(d, iso);
			json_t *s2 = json_pack("{s:s, s:s, s:s}", "kind", resp, "date", iso, "note",
			                       "from the complaint's response field");
			/* keep date order */
			size_t at = json_array_size(steps);
			json_array_foreach(steps, i,
			                   s) if (strcmp(str(s, "date"), iso) > 0 && at > i) at = i;
			json_array_insert_new(steps, at, s2);
		}
	}
	*out = steps;
	return 0;
}

int complaint_evaluate(struct vault *v, json_t *complaint, long today, json_t **out)
{
	const char *kind = str(complaint, "type");
	const char *juris = str(complaint, "jurisdiction");
	const char *authority = str(complaint, "authority");
	json_t *org = NULL;
	char case_country[64] = "";
	if (authority && !records_get(v, records_kind("org"), authority, &org)) {
		if (!juris)
			juris = str(org, "country");
	}
	error_clear();
	if (!juris) {
		json_t *c = NULL;
		if (str(complaint, "case") &&
		    !records_get(v, records_kind("case"), str(complaint, "case"), &c)) {
			snprintf(case_country, sizeof(case_country), "%s",
			         str(c, "country") ? str(c, "country") : "");
			if (*case_country)
				juris = case_country;
			json_decref(c);
		}
		error_clear();
	}
	struct dl_rule rule;
	int found = dl_rule_load(juris, kind, &rule);
	if (found < 0) {
		json_decref(org);
		return found;
	}
	json_t *steps;
	int rc = gather_steps(v, complaint, &steps);
	if (rc) {
		json_decref(org);
		return rc;
	}
	bool vague_filed = false, vague_received = false;
	long filed = last_day(str(complaint, "date_filed"), &vague_filed);
	long received = last_day(str(complaint, "date_received"), &vague_received);
	int from_year, to_year, m, d;
	date_from_days(filed >= 0 ? filed : today, &from_year, &m, &d);
	date_from_days(today, &to_year, &m, &d);
	if (to_year < from_year)
		to_year = from_year;
	if (to_year > from_year + 5)
		to_year = from_year + 5;
	struct dl_calendars cals = {0};
	if (found && rule.unit == DL_WORKING_DAYS)
		rc = dl_calendars_load(rule.country, from_year, to_year + 1, &cals);
	if (rc) {
		json_decref(org);
		json_decref(steps);
		return rc;
	}
	size_t n = json_array_size(steps);
	struct dl_step *st = xcalloc(n ? n : 1, sizeof(*st));
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_array_get(steps, i);
		st[i].kind = (enum dl_step_kind)dl_step_kind_parse(str(s, "kind"));
		st[i].date = first_day(str(s, "date"));
		st[i].until = first_day(str(s, "until"));
		st[i].notice = !json_is_false(json_object_get(s, "notice"));
		const char *to = str(s, "to");
		st[i].to = to;
		json_t *toorg = NULL;
		if (to && !records_get(v, records_kind("org"), to, &toorg)) {
			json_object_set(s, "to_name", json_object_get(toorg, "name"));
			st[i].to = str(s, "to_name");
			json_decref(toorg);
		}
		error_clear();
	}
	struct dl_input in = {.rule = found ? &rule : NULL,
	                      .cals = &cals,
	                      .filed = filed,
	                      .received = received,
	                      .steps = st,
	                      .nsteps = n,
	                      .today = today,
	                      .soon_days = COMPLAINT_SOON_DAYS};
	struct dl_result res;
	if (filed < 0) {
		memset(&res, 0, sizeof(res));
		strbuf_init(&res.explanation, 64);
		res.status = DL_NO_RULE;
		res.due = res.due_earliest = -1;
		strbuf_adds(&res.explanation, "no date filed: no deadline can be computed");
	} else {
		deadline_compute(&in, &res);
		const char *vague = received >= 0 ? (vague_received ? "date_received" : NULL)
		                                  : (vague_filed ? "date_filed" : NULL);
		if (vague) {
			struct strbuf h = STRBUF_INIT;
			date_format_human(str(complaint, vague), &h);
			strbuf_addf(
			    &res.explanation,
			    " (%s is only known as %s: counted from the last day it can mean)",
			    !strcmp(vague, "date_filed") ? "the filing date"
			                                 : "the date of receipt",
			    h.buf);
			strbuf_release(&h);
		}
	}
	json_t *j = json_object();
	json_object_set_new(j, "id", json_string(str(complaint, "id")));
	json_object_set_new(
	    j, "case", str(complaint, "case") ? json_string(str(complaint, "case")) : json_null());
	json_object_set_new(j, "authority", authority ? json_string(authority) : json_null());
	json_object_set_new(j, "authority_name",
	                    str(org, "name") ? json_string(str(org, "name")) : json_null());
	json_object_set_new(j, "jurisdiction", juris ? json_string(juris) : json_null());
	json_object_set_new(j, "kind", kind ? json_string(kind) : json_null());
	json_object_set_new(j, "filed", json_string(str(complaint, "date_filed")));
	json_object_set_new(j, "received", received >= 0 ? day_json(received) : json_null());
	json_object_set_new(j, "due", day_json(res.due));
	json_object_set_new(j, "due_earliest", day_json(res.due_earliest));
	json_object_set_new(j, "status", json_string(dl_status_name(res.status)));
	json_object_set_new(j, "days_overdue", json_integer(res.days_overdue));
	json_object_set_new(j, "days_left", json_integer(res.days_left));
	json_object_set_new(j, "extended", json_boolean(res.extended));
	json_object_set_new(j, "explanation", json_string(res.explanation.buf));
	json_object_set_new(j, "rule",
	                    found ? rule_json(&rule, kind ? kind : "complaint") : json_null());
	json_object_set_new(j, "steps", steps);
	dl_result_release(&res);
	free(st);
	free((void *)cals.cal);
	json_decref(org);
	*out = j;
	return 0;
}

static int rank(const json_t *e)
{
	static const char *const order[] = {"overdue",          "due-today", "due-soon",
	                                    "calendar-unknown", "pending",   "no-rule",
	                                    "answered-late",    "refused",   "answered"};
	const char *s = str(e, "status");
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		if (s && !strcmp(s, order[i]))
			return (int)i;
	return (int)ARRAY_SIZE(order);
}

static int urgency_cmp(const void *pa, const void *pb)
{
	const json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int ra = rank(a), rb = rank(b);
	if (ra != rb)
		return ra - rb;
	if (ra == 0) {
		json_int_t da = json_integer_value(json_object_get(a, "days_overdue"));
		json_int_t db = json_integer_value(json_object_get(b, "days_overdue"));
		if (da != db)
			return da > db ? -1 : 1;
	}
	const char *da = str(a, "due_earliest"), *db = str(b, "due_earliest");
	int c = strcmp(da ? da : "9999", db ? db : "9999");
	return c ? c : strcmp(str(a, "id"), str(b, "id"));
}

int complaints_evaluate_all(struct vault *v, const char *case_id, long today, json_t **out)
{
	struct record_filter f = {.case_id = case_id};
	json_t *list;
	int rc = records_list(v, records_kind("complaint"), &f, &list);
	if (rc)
		return rc;
	size_t n = json_array_size(list);
	json_t **items = xcalloc(n ? n : 1, sizeof(*items));
	size_t got = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = complaint_evaluate(v, json_array_get(list, i), today, &items[got]);
		if (!rc)
			got++;
	}
	json_decref(list);
	qsort(items, got, sizeof(*items), urgency_cmp);
	json_t *res = json_array();
	for (size_t i = 0; i < got; i++)
		json_array_append_new(res, items[i]);
	free(items);
	if (rc) {
		json_decref(res);
		return rc;
	}
	*out = res;
	return 0;
}

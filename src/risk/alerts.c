/*
 * alerts.c - the alert rules and the suggested risk level (alerts.h).
 */
#include <ctype.h>

#include "deadlines/complaint_status.h"
#include "records/date.h"
#include "records/records.h"
#include "records/risk.h"
#include "risk/alerts.h"
#include "util/util.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const json_t *by_id(const json_t *arr, const char *id)
{
	size_t i;
	json_t *r;
	json_array_foreach(arr, i, r) if (id && str(r, "id") && !strcmp(str(r, "id"), id)) return r;
	return NULL;
}

/* The day a date field means, when it names one day; else -1. */
static long exact_day(const char *text)
{
	struct date_value dv;
	long d;
	if (!text || date_parse(text, &dv) || dv.precision != DATE_DAY ||
	    date_parse_day(dv.from, &d)) {
		error_clear();
		return -1;
	}
	return d;
}

static long act_day(const json_t *act, const json_t *b)
{
	long d = exact_day(str(act, "date"));
	if (d < 0) {
		const json_t *ev = by_id(json_object_get(b, "events"), str(act, "event"));
		d = exact_day(str(ev, "date"));
	}
	return d;
}

static bool type_is(const char *type, const char *prefix)
{
	size_t n = strlen(prefix);
	return type && !strncmp(type, prefix, n) && (type[n] == '\0' || type[n] == '.');
}

static bool hostile(const char *type)
{
	static const char *const kinds[] = {
	    "threat",         "surveillance",     "physical-assault",    "raid",
	    "break-in",       "arbitrary-arrest", "judicial-harassment", "online-harassment",
	    "smear",          "doxxing",          "blackmail",           "family-harassment",
	    "digital-attack", "abduction",        "attack-property"};
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (type_is(type, kinds[i]))
			return true;
	return false;
}

static void iso(long day, char out[16])
{
	date_format_day(day, out);
}

static void human_day(long day, struct strbuf *sb)
{
	char d[16];
	iso(day, d);
	date_format_human(d, sb);
}

static void add_alert(json_t *out, const json_t *b, const char *rule, const char *level,
                      const char *title, json_t *records, long date, long today)
{
	char d[16];
	iso(date, d);
	json_t *c = json_object_get(b, "case");
	json_array_append_new(out, json_pack("{s:s, s:s, s:s?, s:s, s:o, s:s, s:b}", "rule", rule,
	                                     "level", level, "case", str(c, "id"), "title", title,
	                                     "records", records, "date", d, "new",
	                                     date <= today && today - date <= ALERT_NEW_DAYS));
}

/* What names the perpetrator or the place of an act, lower-cased. */
static void act_key(const json_t *act, const json_t *b, struct strbuf *key, struct strbuf *label)
{
	size_t i;
	json_t *inv;
	const char *k = NULL;
	json_array_foreach(json_object_get(b, "involvements"), i, inv)
	{
		if (!str(inv, "act") || strcmp(str(inv, "act"), str(act, "id")))
			continue;
		k = str(inv, "description");
		if (!k)
			k = str(inv, "alias");
		if (!k)
			k = str(inv, "perpetrator");
		if (k)
			break;
	}
	if (!k) {
		const json_t *ev = by_id(json_object_get(b, "events"), str(act, "event"));
		k = str(ev, "place");
		if (!k)
			k = str(ev, "title");
	}
	if (!k)
		k = "(unknown)";
	strbuf_adds(label, k);
	for (const char *p = k; *p; p++)
		strbuf_addch(key, tolower((unsigned char)*p));
}

struct surv {
	const json_t *act;
	long day;
	char *key;
	char *label;
};

static int surv_cmp(const void *pa, const void *pb)
{
	const struct surv *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->day < b->day ? -1 : a->day > b->day;
}

static void rule_repeated_surveillance(const json_t *b, long today, json_t *out)
{
	const json_t *acts = json_object_get(b, "acts");
	size_t n = json_array_size(acts), m = 0;
	struct surv *s = xcalloc(n ? n : 1, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		const json_t *a = json_array_get(acts, i);
		long d = act_day(a, b);
		if (!type_is(str(a, "type"), "surveillance") || d < 0 || d > today)
			continue;
		struct strbuf key = STRBUF_INIT, label = STRBUF_INIT;
		act_key(a, b, &key, &label);
		s[m++] =
		    (struct surv){a, d, strbuf_detach(&key, NULL), strbuf_detach(&label, NULL)};
	}
	qsort(s, m, sizeof(*s), surv_cmp);
	for (size_t i = 0; i < m;) {
		size_t j = i;
		while (j < m && !strcmp(s[j].key, s[i].key))
			j++;
		/* the largest set of distinct days within the window */
		size_t best_lo = i, best_hi = i, best_days = 0;
		for (size_t lo = i; lo < j; lo++) {
			size_t days = 0, hi = lo;
			long prev = -1;
			for (size_t k = lo; k < j && s[k].day - s[lo].day < ALERT_SURV_WINDOW;
			     k++) {
				if (s[k].day != prev)
					days++;
				prev = s[k].day;
				hi = k;
			}
			if (days > best_days) {
				best_days = days;
				best_lo = lo;
				best_hi = hi;
			}
		}
		if (best_days >= ALERT_SURV_DAYS) {
			struct strbuf t = STRBUF_INIT;
			json_t *recs = json_array();
			strbuf_addf(&t, "repeated surveillance: %s on %zu days within %ld days (",
			            s[i].label, best_days, s[best_hi].day - s[best_lo].day + 1);
			for (size_t k = best_lo; k <= best_hi; k++) {
				if (k > best_lo)
					strbuf_adds(&t, k == best_hi ? " and " : ", ");
				human_day(s[k].day, &t);
				json_array_append_new(recs, json_string(str(s[k].act, "id")));
				if (str(s[k].act, "event"))
					json_array_append_new(recs,
					                      json_string(str(s[k].act, "event")));
			}
			strbuf_adds(&t, ")");
			add_alert(out, b, "repeated-surveillance", "high", t.buf, recs,
			          s[best_hi].day, today);
			strbuf_release(&t);
		}
		i = j;
	}
	for (size_t i = 0; i < m; i++) {
		free(s[i].key);
		free(s[i].label);
	}
	free(s);
}

static int threat_severity(const char *type)
{
	if (type_is(type, "threat.death"))
		return 3;
	if (type_is(type, "threat.relatives"))
		return 2;
	return 1;
}

static void rule_escalating_threats(const json_t *b, long today, json_t *out)
{
	const json_t *acts = json_object_get(b, "acts");
	size_t i;
	json_t *a;
	size_t n = json_array_size(acts), m = 0;
	struct surv *t = xcalloc(n ? n : 1, sizeof(*t));
	json_array_foreach(acts, i, a)
	{
		long d = act_day(a, b);
		if (type_is(str(a, "type"), "threat") && d >= 0 && d <= today)
			t[m++] = (struct surv){a, d, (char *)"", NULL};
	}
	qsort(t, m, sizeof(*t), surv_cmp);
	/* severity: a day's threat more severe than every threat of the days before */
	const json_t *worst = NULL, *earlier = m ? t[0].act : NULL;
	long worst_day = -1, first_day = m ? t[0].day : -1;
	int max_before = 0;
	for (size_t k = 0; k < m;) {
		size_t e = k;
		int day_max = 0;
		const json_t *day_worst = NULL;
		for (; e < m && t[e].day == t[k].day; e++) {
			int sev = threat_severity(str(t[e].act, "type"));
			if (sev > day_max) {
				day_max = sev;
				day_worst = t[e].act;
			}
		}
		if (k > 0 && day_max > max_before) {
			worst = day_worst;
			worst_day = t[k].day;
		}
		if (day_max > max_before)
			max_before = day_max;
		k = e;
	}
	if (worst) {
		struct strbuf title = STRBUF_INIT;
		strbuf_addf(&title, "escalating threats: a %s on ",
		            threat_severity(str(worst, "type")) == 3 ? "death threat"
		                                                     : "threat against relatives");
		human_day(worst_day, &title);
		strbuf_adds(&title, " after lesser threats since ");
		human_day(first_day, &title);
		add_alert(out, b, "escalating-threats", "high", title.buf,
		          json_pack("[s,s]", str(earlier, "id"), str(worst, "id")), worst_day,
		          today);
		strbuf_release(&title);
	}
	/* frequency: distinct threat days in the last 30 days against the 30 before */
	size_t recent = 0, before = 0;
	long last = -1, latest = -1;
	json_t *recs = json_array();
	for (size_t k = 0; k < m; k++) {
		if (t[k].day == last)
			continue;
		last = t[k].day;
		if (today - t[k].day < 30) {
			recent++;
			latest = t[k].day;
			json_array_append_new(recs, json_string(str(t[k].act, "id")));
		} else if (today - t[k].day < 60) {
			before++;
		}
	}
	if (recent >= 3 && recent >= 2 * before) {
		struct strbuf title = STRBUF_INIT;
		strbuf_addf(
		    &title,
		    "escalating threats: threats on %zu days in the last 30 days, against %zu "
		    "in the 30 days before",
		    recent, before);
		add_alert(out, b, "escalating-threats", "high", title.buf, recs, latest, today);
		strbuf_release(&title);
	} else {
		json_decref(recs);
	}
	free(t);
}

static void rule_threats_relatives(const json_t *b, long today, json_t *out)
{
	const char *defender = str(json_object_get(b, "case"), "defender");
	size_t i, j;
	json_t *a, *r;
	json_t *recs = json_array();
	struct strbuf who = STRBUF_INIT;
	long latest = -1;
	json_array_foreach(json_object_get(b, "acts"), i, a)
	{
		const char *type = str(a, "type");
		const char *victim = str(a, "victim");
		long d = act_day(a, b);
		if (!type_is(type, "threat") || (d > today))
			continue;
		const char *relation = type_is(type, "threat.relatives") ? "relatives" : NULL;
		const json_t *via = NULL;
		json_array_foreach(json_object_get(b, "relationships"), j, r)
		{
			const char *p = str(r, "person"), *q = str(r, "related");
			if (!defender || !victim || !p || !q)
				continue;
			if ((!strcmp(p, victim) && !strcmp(q, defender)) ||
			    (!strcmp(q, victim) && !strcmp(p, defender))) {
				relation = str(r, "type");
				via = r;
				break;
			}
		}
		if (!relation)
			continue;
		json_array_append_new(recs, json_string(str(a, "id")));
		if (via)
			json_array_append_new(recs, json_string(str(via, "id")));
		const json_t *pv = by_id(json_object_get(b, "persons"), victim);
		strbuf_addf(&who, "%s%s", who.len ? ", " : "",
		            str(pv, "name") ? str(pv, "name")
		            : victim        ? victim
		                            : relation);
		if (d > latest)
			latest = d;
	}
	if (json_array_size(recs)) {
		struct strbuf title = STRBUF_INIT;
		strbuf_addf(&title, "threats naming relatives of the defender: %s", who.buf);
		add_alert(out, b, "threats-naming-relatives", "high", title.buf, recs,
		          latest >= 0 ? latest : today, today);
		strbuf_release(&title);
	} else {
		json_decref(recs);
	}
	strbuf_release(&who);
}

static void rule_after_public_action(const json_t *b, long today, json_t *out)
{
	/* public actions: complaints filed, statements published */
	struct action {
		const char *id;
		long day;
		const char *what;
	};
	size_t na = 0, cap = json_array_size(json_object_get(b, "complaints")) +
	                     json_array_size(json_object_get(b, "statements")) + 1;
	struct action *acts = xcalloc(cap, sizeof(*acts));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(b, "complaints"), i, x)
	{
		long d = exact_day(str(x, "filed"));
		if (d >= 0 && d <= today)
			acts[na++] = (struct action){str(x, "id"), d, "complaint"};
	}
	json_array_foreach(json_object_get(b, "statements"), i, x)
	{
		long d = exact_day(str(x, "date"));
		if (d >= 0 && d <= today)
			acts[na++] = (struct action){str(x, "id"), d, "statement"};
	}
	json_array_foreach(json_object_get(b, "acts"), i, x)
	{
		long d = act_day(x, b);
		if (!hostile(str(x, "type")) || d < 0 || d > today)
			continue;
		/* the closest public action before it */
		const struct action *best = NULL;
		for (size_t k = 0; k < na; k++) {
			long gap = d - acts[k].day;
			if (gap >= 1 && gap <= ALERT_AFTER_DAYS &&
			    (!best || acts[k].day > best->day))
				best = &acts[k];
		}
		if (!best)
			continue;
		json_t *recs = json_array();
		struct strbuf title = STRBUF_INIT;
		strbuf_addf(&title, "%s ", str(x, "type"));
		human_day(d, &title);
		strbuf_addf(&title, ", %ld day%s after the %s of ", d - best->day,
		            d - best->day == 1 ? "" : "s", best->what);
		human_day(best->day, &title);
		json_array_append_new(recs, json_string(str(x, "id")));
		size_t count = 0;
		for (size_t k = 0; k < na; k++)
			if (acts[k].day == best->day && !strcmp(acts[k].what, best->what)) {
				json_array_append_new(recs, json_string(acts[k].id));
				count++;
			}
		if (count > 1)
			strbuf_addf(&title, " (%zu %ss that day)", count, best->what);
		add_alert(out, b, "threat-after-public-action", "warning", title.buf, recs, d,
		          today);
		strbuf_release(&title);
	}
	free(acts);
}

static void rule_complaints_overdue(const json_t *b, long today, json_t *out)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(b, "complaints"), i, c)
	{
		if (strcmp(str(c, "status"), "overdue"))
			continue;
		struct strbuf title = STRBUF_INIT;
		strbuf_addf(&title, "complaint to %s overdue: %s",
		            str(c, "authority_name") ? str(c, "authority_name")
		                                     : str(c, "authority"),
		            str(c, "explanation"));
		long due;
		if (!str(c, "due") || date_parse_day(str(c, "due"), &due)) {
			error_clear();
			due = today;
		}
		add_alert(out, b, "complaint-overdue", "warning", title.buf,
		          json_pack("[s]", str(c, "id")), due + 1, today);
		strbuf_release(&title);
	}
}

void alerts_compute(const json_t *bundle, long today, json_t **out)
{
	json_t *a = json_array();
	rule_repeated_surveillance(bundle, today, a);
	rule_escalating_threats(bundle, today, a);
	rule_threats_relatives(bundle, today, a);
	rule_after_public_action(bundle, today, a);
	rule_complaints_overdue(bundle, today, a);
	*out = a;
}

static int list_kind(struct vault *v, const char *kind, const char *case_id, json_t *bundle,
                     const char *key)
{
	struct record_filter f = {.case_id = case_id};
	json_t *l;
	int rc = records_list(v, records_kind(kind), &f, &l);
	if (!rc)
		json_object_set_new(bundle, key, l);
	return rc;
}

int alerts_bundle_load(struct vault *v, const char *case_id, long today, json_t **out)
{
	json_t *c;
	int rc = records_get(v, records_kind("case"), case_id, &c);
	if (rc)
		return rc;
	json_t *b = json_object();
	json_object_set_new(b, "case", c);
	rc = list_kind(v, "event", case_id, b, "events");
	if (!rc)
		rc = list_kind(v, "act", case_id, b, "acts");
	if (!rc)
		rc = list_kind(v, "involvement", case_id, b, "involvements");
	if (!rc)
		rc = list_kind(v, "statement", case_id, b, "statements");
	if (!rc)
		rc = list_kind(v, "relationship", NULL, b, "relationships");
	if (!rc)
		rc = list_kind(v, "person", NULL, b, "persons");
	json_t *complaints = NULL;
	if (!rc)
		rc = complaints_evaluate_all(v, case_id, today, &complaints);
	if (!rc)
		json_object_set_new(b, "complaints", complaints);
	if (rc) {
		json_decref(b);
		return rc;
	}
	*out = b;
	return 0;
}

json_t *risk_suggest(const json_t *risk, const json_t *alerts)
{
	size_t threats = json_array_size(json_object_get(risk, "threats"));
	size_t vulns = json_array_size(json_object_get(risk, "vulnerabilities"));
	size_t caps = json_array_size(json_object_get(risk, "capacities"));
	size_t high = 0, warn = 0;
	size_t i;
	json_t *a;
	json_array_foreach(alerts, i, a)
	{
		if (!strcmp(str(a, "level"), "high"))
			high++;
		else
			warn++;
	}
	double t = (double)threats + 2.0 * (double)high + (double)warn;
	double score = t * (1.0 + (double)vulns) / (1.0 + (double)caps);
	const char *level = score < 1.0    ? risk_levels[0]
	                    : score < 4.0  ? risk_levels[1]
	                    : score < 10.0 ? risk_levels[2]
	                                   : risk_levels[3];
	struct strbuf why = STRBUF_INIT;
	strbuf_addf(&why,
	            "threats %zu recorded + %zu high alerts x2 + %zu warnings = %.0f; x (1 + %zu "
	            "vulnerabilities) / (1 + %zu capacities) = %.1f",
	            threats, high, warn, t, vulns, caps, score);
	json_t *j = json_pack("{s:s, s:f, s:s}", "level", level, "score", score, "reason", why.buf);
	strbuf_release(&why);
	return j;
}

/* Unit tests for the alert rules and the suggested risk level (src/risk/alerts.c),
 * on records built in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "records/date.h"
#include "risk/alerts.h"
#include "util/util.h"

static long D(const char *iso)
{
	long d;
	assert_int_equal(date_parse_day(iso, &d), 0);
	return d;
}

static json_t *bundle(void)
{
	return json_pack("{s:{s:s, s:s}, s:[], s:[], s:[], s:[], s:[], s:[], s:[]}", "case", "id",
	                 "case-1", "defender", "def", "events", "acts", "involvements",
	                 "relationships", "complaints", "statements", "persons");
}

static void event(json_t *b, const char *id, const char *date, const char *place)
{
	json_t *e = json_pack("{s:s, s:s, s:s}", "id", id, "case", "case-1", "title", "t");
	if (date)
		json_object_set_new(e, "date", json_string(date));
	if (place)
		json_object_set_new(e, "place", json_string(place));
	json_array_append_new(json_object_get(b, "events"), e);
}

static void act(json_t *b, const char *id, const char *ev, const char *victim, const char *type,
                const char *who)
{
	json_array_append_new(json_object_get(b, "acts"),
	                      json_pack("{s:s, s:s, s:s, s:s}", "id", id, "event", ev, "victim",
	                                victim, "type", type));
	if (who) {
		char inv[64];
		snprintf(inv, sizeof(inv), "inv-%s", id);
		json_array_append_new(
		    json_object_get(b, "involvements"),
		    json_pack("{s:s, s:s, s:s}", "id", inv, "act", id, "description", who));
	}
}

/* The alerts of one rule. */
static size_t count(json_t *b, const char *today, const char *rule, json_t **first)
{
	json_t *alerts;
	alerts_compute(b, D(today), &alerts);
	size_t n = 0, i;
	json_t *a;
	if (first)
		*first = NULL;
	json_array_foreach(alerts, i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "rule")), rule))
			continue;
		if (!n && first)
			*first = json_incref(a);
		n++;
	}
	json_decref(alerts);
	return n;
}

static bool has_record(json_t *alert, const char *id)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(alert, "records"), i,
	                   r) if (!strcmp(json_string_value(r), id)) return true;
	return false;
}

static void test_repeated_surveillance(void **state)
{
	(void)state;
	json_t *b = bundle();
	const char *days[] = {"2024-05-26", "2024-05-27", "2024-05-29"};
	for (int i = 0; i < 3; i++) {
		char ev[32], ac[32];
		snprintf(ev, sizeof(ev), "ev-%d", i);
		snprintf(ac, sizeof(ac), "act-%d", i);
		event(b, ev, days[i], NULL);
		act(b, ac, ev, "def", "surveillance.following", "Occupants of a white Nexia");
	}
	json_t *a;
	assert_int_equal(count(b, "2024-06-20", "repeated-surveillance", &a), 1);
	assert_true(has_record(a, "act-0") && has_record(a, "act-2") && has_record(a, "ev-1"));
	assert_non_null(
	    strstr(json_string_value(json_object_get(a, "title")), "on 3 days within 4 days"));
	assert_string_equal(json_string_value(json_object_get(a, "date")), "2024-05-29");
	json_decref(a);
	/* On 28 May only two days had happened. */
	assert_int_equal(count(b, "2024-05-28", "repeated-surveillance", NULL), 0);
	json_decref(b);

	/* Spread over more than the window: no alert. */
	b = bundle();
	const char *far[] = {"2024-05-01", "2024-05-12", "2024-05-30"};
	for (int i = 0; i < 3; i++) {
		char ev[32], ac[32];
		snprintf(ev, sizeof(ev), "ev-%d", i);
		snprintf(ac, sizeof(ac), "act-%d", i);
		event(b, ev, far[i], NULL);
		act(b, ac, ev, "def", "surveillance", "a grey van");
	}
	assert_int_equal(count(b, "2024-06-20", "repeated-surveillance", NULL), 0);
	json_decref(b);

	/* Three different cars on three days: no alert; the same place: alert. */
	b = bundle();
	const char *cars[] = {"a red car", "a blue car", "a green car"};
	for (int i = 0; i < 3; i++) {
		char ev[32], ac[32];
		snprintf(ev, sizeof(ev), "ev-%d", i);
		snprintf(ac, sizeof(ac), "act-%d", i);
		event(b, ev, days[i], "outside her office");
		act(b, ac, ev, "def", "surveillance", cars[i]);
	}
	assert_int_equal(count(b, "2024-06-20", "repeated-surveillance", NULL), 0);
	json_decref(b);
	b = bundle();
	for (int i = 0; i < 3; i++) {
		char ev[32], ac[32];
		snprintf(ev, sizeof(ev), "ev-%d", i);
		snprintf(ac, sizeof(ac), "act-%d", i);
		event(b, ev, days[i], "Outside her office");
		act(b, ac, ev, "def", "surveillance", NULL);
	}
	assert_int_equal(count(b, "2024-06-20", "repeated-surveillance", NULL), 1);
	json_decref(b);
}

static void test_escalating_threats(void **state)
{
	(void)state;
	json_t *b = bundle();
	event(b, "ev-1", "2024-05-01", NULL);
	event(b, "ev-2", "2024-05-10", NULL);
	act(b, "t-1", "ev-1", "def", "threat", NULL);
	act(b, "t-2", "ev-2", "def", "threat", NULL);
	assert_int_equal(count(b, "2024-08-20", "escalating-threats", NULL), 0);
	act(b, "t-3", "ev-2", "def", "threat.death", NULL);
	json_t *a;
	assert_int_equal(count(b, "2024-08-20", "escalating-threats", &a), 1);
	assert_true(has_record(a, "t-3") && has_record(a, "t-1"));
	assert_non_null(strstr(json_string_value(json_object_get(a, "title")), "death threat"));
	json_decref(a);
	/* A death threat on the first day is not an escalation. */
	json_decref(b);
	b = bundle();
	event(b, "ev-1", "2024-05-01", NULL);
	act(b, "t-1", "ev-1", "def", "threat.death", NULL);
	act(b, "t-2", "ev-1", "def", "threat", NULL);
	assert_int_equal(count(b, "2024-08-20", "escalating-threats", NULL), 0);
	json_decref(b);
	/* Frequency: threats on 3 days in the last 30, none before. */
	b = bundle();
	event(b, "ev-1", "2024-06-01", NULL);
	event(b, "ev-2", "2024-06-08", NULL);
	event(b, "ev-3", "2024-06-15", NULL);
	act(b, "t-1", "ev-1", "def", "threat", NULL);
	act(b, "t-2", "ev-2", "def", "threat", NULL);
	act(b, "t-3", "ev-3", "def", "threat", NULL);
	assert_int_equal(count(b, "2024-06-20", "escalating-threats", &a), 1);
	assert_non_null(strstr(json_string_value(json_object_get(a, "title")), "on 3 days"));
	json_decref(a);
	/* ... but not when they were as frequent before. */
	event(b, "ev-4", "2024-05-10", NULL);
	event(b, "ev-5", "2024-05-12", NULL);
	act(b, "t-4", "ev-4", "def", "threat", NULL);
	act(b, "t-5", "ev-5", "def", "threat", NULL);
	assert_int_equal(count(b, "2024-06-20", "escalating-threats", NULL), 0);
	json_decref(b);
}

static void test_threats_relatives(void **state)
{
	(void)state;
	json_t *b = bundle();
	event(b, "ev-1", "2024-05-25", NULL);
	act(b, "t-def", "ev-1", "def", "threat", NULL);
	act(b, "i-son", "ev-1", "son", "insult", NULL);
	json_array_append_new(json_object_get(b, "relationships"),
	                      json_pack("{s:s, s:s, s:s, s:s}", "id", "rel-son", "person", "son",
	                                "type", "son", "related", "def"));
	json_array_append_new(json_object_get(b, "persons"),
	                      json_pack("{s:s, s:s}", "id", "son", "name", "Her son"));
	/* a threat against the defender and an insult against the son: no alert */
	assert_int_equal(count(b, "2024-06-20", "threats-naming-relatives", NULL), 0);
	act(b, "t-son", "ev-1", "son", "threat", NULL);
	json_t *a;
	assert_int_equal(count(b, "2024-06-20", "threats-naming-relatives", &a), 1);
	assert_true(has_record(a, "t-son") && has_record(a, "rel-son"));
	assert_false(has_record(a, "t-def"));
	assert_non_null(strstr(json_string_value(json_object_get(a, "title")), "Her son"));
	json_decref(a);
	json_decref(b);
	/* The act type alone says so. */
	b = bundle();
	event(b, "ev-1", "2024-05-25", NULL);
	act(b, "t-rel", "ev-1", "def", "threat.relatives", NULL);
	assert_int_equal(count(b, "2024-06-20", "threats-naming-relatives", NULL), 1);
	json_decref(b);
}

static void test_after_public_action(void **state)
{
	(void)state;
	json_t *b = bundle();
	json_array_append_new(
	    json_object_get(b, "complaints"),
	    json_pack("{s:s, s:s, s:s}", "id", "c-1", "filed", "2024-05-27", "status", "pending"));
	event(b, "ev-before", "2024-05-25", NULL);
	act(b, "t-before", "ev-before", "def", "threat", NULL);
	event(b, "ev-late", "2024-06-30", NULL);
	act(b, "t-late", "ev-late", "def", "threat", NULL);
	event(b, "ev-ins", "2024-05-29", NULL);
	act(b, "insult", "ev-ins", "def", "insult", NULL);
	assert_int_equal(count(b, "2024-07-20", "threat-after-public-action", NULL), 0);
	event(b, "ev-after", "2024-05-30", NULL);
	act(b, "t-after", "ev-after", "def", "threat", NULL);
	json_t *a;
	assert_int_equal(count(b, "2024-07-20", "threat-after-public-action", &a), 1);
	assert_true(has_record(a, "t-after") && has_record(a, "c-1"));
	assert_non_null(
	    strstr(json_string_value(json_object_get(a, "title")), "3 days after the complaint"));
	json_decref(a);
	/* A statement counts as a public action too. */
	json_array_append_new(json_object_get(b, "statements"),
	                      json_pack("{s:s, s:s}", "id", "st-1", "date", "2024-06-25"));
	assert_int_equal(count(b, "2024-07-20", "threat-after-public-action", NULL), 2);
	/* Replayed on a day before the threat: nothing yet. */
	assert_int_equal(count(b, "2024-05-29", "threat-after-public-action", NULL), 0);
	json_decref(b);
}

static void test_complaints_overdue_and_suggestion(void **state)
{
	(void)state;
	json_t *b = bundle();
	json_array_append_new(json_object_get(b, "complaints"),
	                      json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", "c-1", "filed",
	                                "2024-05-27", "due", "2024-06-11", "status", "overdue",
	                                "explanation", "x"));
	json_array_append_new(json_object_get(b, "complaints"),
	                      json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", "c-2", "filed",
	                                "2024-06-10", "due", "2024-06-25", "status", "pending",
	                                "explanation", "y"));
	json_t *a;
	assert_int_equal(count(b, "2024-06-20", "complaint-overdue", &a), 1);
	assert_true(has_record(a, "c-1"));
	json_decref(a);

	json_t *alerts;
	alerts_compute(b, D("2024-06-20"), &alerts);
	json_t *risk = json_object();
	json_t *s = risk_suggest(risk, alerts);
	assert_string_equal(json_string_value(json_object_get(s, "level")), "medium");
	json_decref(s);
	json_t *none = json_array();
	s = risk_suggest(risk, none);
	assert_string_equal(json_string_value(json_object_get(s, "level")), "low");
	json_decref(s);
	json_decref(risk);
	risk = json_pack("{s:[s,s,s], s:[s], s:[]}", "threats", "a", "b", "c", "vulnerabilities",
	                 "lives alone", "capacities");
	s = risk_suggest(risk, alerts);
	assert_string_equal(json_string_value(json_object_get(s, "level")), "high");
	json_decref(s);
	json_object_set_new(risk, "capacities", json_pack("[s,s,s,s]", "a", "b", "c", "d"));
	s = risk_suggest(risk, alerts);
	assert_string_equal(json_string_value(json_object_get(s, "level")), "medium");
	json_decref(s);
	json_decref(risk);
	json_decref(none);
	json_decref(alerts);
	json_decref(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_repeated_surveillance),
	    cmocka_unit_test(test_escalating_threats),
	    cmocka_unit_test(test_threats_relatives),
	    cmocka_unit_test(test_after_public_action),
	    cmocka_unit_test(test_complaints_overdue_and_suggestion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

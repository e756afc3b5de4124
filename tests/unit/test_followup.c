/* Unit tests for the follow-up letters (src/deadlines/followup.c), in the
 * three languages, with the real templates of data/templates/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deadlines/followup.h"
#include "records/date.h"
#include "util/util.h"

static long D(const char *iso)
{
	long d;
	assert_int_equal(date_parse_day(iso, &d), 0);
	return d;
}

/* An evaluation as complaint_status.c makes it for the seed's complaint. */
static json_t *seed_eval(const char *status, long overdue)
{
	return json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:{s:s, s:s, s:I, s:s}}", "id",
	    "complaint-prosecutor-general", "authority_name", "Prosecutor General’s Office",
	    "filed", "2024-05-27", "due", "2024-06-11", "due_earliest", "2024-06-11", "status",
	    status, "days_overdue", (json_int_t)overdue, "rule", "id", "uzbekistan/complaint",
	    "cite", "art. 28 of Law ZRU-445", "term_n", (json_int_t)15, "unit", "calendar-days");
}

static char *letter(const char *lang, const char *status, long overdue, const char *ref)
{
	struct strbuf tmpl = STRBUF_INIT, cite = STRBUF_INIT, out = STRBUF_INIT;
	assert_int_equal(followup_load(lang, "uzbekistan/complaint", &tmpl, &cite), 0);
	json_t *eval = seed_eval(status, overdue);
	json_t *rec = json_pack("{s:s}", "request", "Identify and prosecute “LONDON”.");
	if (ref)
		json_object_set_new(rec, "reference_number", json_string(ref));
	json_t *facts = followup_facts(lang, eval, rec, "Klara Sakharova", D("2024-06-20"),
	                               cite.len ? cite.buf : NULL);
	assert_int_equal(followup_render(tmpl.buf, facts, &out), 0);
	json_decref(eval);
	json_decref(rec);
	json_decref(facts);
	strbuf_release(&tmpl);
	strbuf_release(&cite);
	return strbuf_detach(&out, NULL);
}

static void test_english(void **state)
{
	(void)state;
	char *l = letter("en", "overdue", 9, "12/345");
	assert_non_null(strstr(l, "To: Prosecutor General’s Office"));
	assert_non_null(strstr(l, "On 27 May 2024 I filed a complaint"));
	assert_non_null(strstr(l, "(reference no. 12/345)"));
	assert_non_null(strstr(l, "Under art. 28 of Law ZRU-445 of 11 September 2017"));
	assert_non_null(strstr(l, "within 15 days; the answer was due by 11 June 2024"));
	assert_non_null(strstr(l, "the deadline passed 9 days ago"));
	assert_non_null(strstr(l, "I ask you to answer"));
	assert_null(strstr(l, "{{"));
	assert_null(strstr(l, "?overdue"));
	assert_null(strstr(l, "not yet received"));
	free(l);
	l = letter("en", "due-soon", 0, NULL);
	assert_non_null(strstr(l, "I have not yet received an answer"));
	assert_null(strstr(l, "deadline passed"));
	assert_null(strstr(l, "reference no."));
	free(l);
}

static void test_russian(void **state)
{
	(void)state;
	char *l = letter("ru", "overdue", 9, "12/345");
	assert_non_null(strstr(l, "Кому: Prosecutor General’s Office"));
	assert_non_null(strstr(l, "Тема: повторное обращение по жалобе от 27 мая 2024 г."));
	assert_non_null(strstr(l, "(рег. № 12/345)"));
	assert_non_null(strstr(l, "Согласно статье 28 Закона Республики Узбекистан № ЗРУ-445"));
	assert_non_null(strstr(l, "в течение 15 дней"));
	assert_non_null(strstr(l, "не позднее 11 июня 2024 г.\n"));
	assert_non_null(strstr(l, "срок истёк 9 дней назад"));
	assert_non_null(strstr(l, "Прошу безотлагательно ответить"));
	assert_null(strstr(l, "{{"));
	free(l);
	l = letter("ru", "overdue", 21, NULL);
	assert_non_null(strstr(l, "срок истёк 21 день назад"));
	free(l);
	l = letter("ru", "overdue", 3, NULL);
	assert_non_null(strstr(l, "срок истёк 3 дня назад"));
	free(l);
}

static void test_uzbek(void **state)
{
	(void)state;
	char *l = letter("uz", "overdue", 9, "12/345");
	assert_non_null(strstr(l, "Kimga: Prosecutor General’s Office"));
	assert_non_null(strstr(l, "2024-yil 27-may kuni"));
	assert_non_null(strstr(l, "(ro‘yxat raqami 12/345)"));
	assert_non_null(strstr(l, "O‘RQ-445-son Qonunning 28-moddasiga muvofiq"));
	assert_non_null(strstr(l, "15 kun ichida"));
	assert_non_null(strstr(l, "2024-yil 11-iyungacha"));
	assert_non_null(strstr(l, "muddat 9 kun oldin o‘tib ketdi"));
	assert_null(strstr(l, "{{"));
	free(l);
}

static void test_terms_and_dates(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	followup_term("ru", 1, DL_MONTHS, &sb);
	assert_string_equal(sb.buf, "1 месяца");
	strbuf_reset(&sb);
	followup_term("ru", 14, DL_WORKING_DAYS, &sb);
	assert_string_equal(sb.buf, "14 рабочих дней");
	strbuf_reset(&sb);
	followup_term("uz", 14, DL_WORKING_DAYS, &sb);
	assert_string_equal(sb.buf, "14 ish kuni");
	strbuf_reset(&sb);
	followup_term("en", 1, DL_MONTHS, &sb);
	assert_string_equal(sb.buf, "1 month");
	strbuf_reset(&sb);
	followup_days("ru", 11, &sb);
	assert_string_equal(sb.buf, "11 дней");
	strbuf_reset(&sb);
	followup_days("ru", 22, &sb);
	assert_string_equal(sb.buf, "22 дня");
	strbuf_reset(&sb);
	followup_date("uz", D("2025-12-08"), &sb);
	assert_string_equal(sb.buf, "2025-yil 8-dekabr");
	strbuf_release(&sb);
}

static void test_render_errors(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	json_t *facts = json_pack("{s:s, s:b}", "a", "A", "on", 0);
	assert_int_equal(followup_render("x {{a}} y\n?on hidden\nend\n", facts, &out), 0);
	assert_string_equal(out.buf, "x A y\nend\n");
	strbuf_reset(&out);
	assert_true(followup_render("{{nope}}", facts, &out) < 0);
	assert_non_null(strstr(error_message(), "nope"));
	error_clear();
	assert_true(followup_render("{{a", facts, &out) < 0);
	error_clear();
	struct strbuf t = STRBUF_INIT, c = STRBUF_INIT;
	assert_true(followup_load("fr", NULL, &t, &c) < 0);
	error_clear();
	json_decref(facts);
	strbuf_release(&out);
	strbuf_release(&t);
	strbuf_release(&c);
}

int main(void)
{
	char path[4096];
	const char *src = getenv("VIGIL_SOURCE");
	snprintf(path, sizeof(path), "%s/data", src ? src : VIGIL_SOURCE_DIR);
	setenv("VIGIL_DATA_DIR", path, 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_english),       cmocka_unit_test(test_russian),
	    cmocka_unit_test(test_uzbek),         cmocka_unit_test(test_terms_and_dates),
	    cmocka_unit_test(test_render_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

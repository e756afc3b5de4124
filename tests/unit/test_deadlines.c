/* Unit tests for the deadline arithmetic (src/deadlines/deadlines.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deadlines/deadlines.h"
#include "records/date.h"
#include "util/util.h"

static long D(const char *iso)
{
	long d;
	assert_int_equal(date_parse_day(iso, &d), 0);
	return d;
}

static void assert_day(long day, const char *iso)
{
	char buf[16];
	date_format_day(day, buf);
	assert_string_equal(buf, iso);
}

#define UZ_LINE                                                                                    \
	"complaint,application\t15\tcalendar-days\treceipt\t-\t+1 months\tyes\t?\tLaw ZRU-445 of " \
	"11.09.2017, art. 28\tart. 28 of Law ZRU-445\t2026-11-29\tread\tnote"
#define KZ_LINE                                                                                    \
	"complaint\t15\tworking-days\treceipt\t-\t=2 months\tyes\tyes\tAPPC art. 76\tart. 76 of "  \
	"the "                                                                                     \
	"APPC\t2026-11-29\tread"
#define RU_LINE                                                                                    \
	"complaint\t30\tcalendar-days\tregistration\t3 calendar-days\t+30 "                        \
	"calendar-days\tyes\t?\t59-FZ "                                                            \
	"arts. 8, 12\tart. 12 of Federal Law 59-FZ\t2026-11-29\tread"
#define UZ_CRIME                                                                                   \
	"crime-report\t10\tcalendar-days\treceipt\t-\t?\t?\t?\tCPC art. 329\tart. 329 of the "     \
	"CPC\t2026-11-29\tunverified"
#define MONTH_LINE                                                                                 \
	"proposal\t1\tmonths\treceipt\t-\t?\tyes\t?\tZRU-445 art. 28\tart. 28 of Law "             \
	"ZRU-445\t2026-11-29\tread"

static struct dl_rule rule(const char *country, const char *line)
{
	struct dl_rule r;
	assert_int_equal(dl_rule_parse(country, line, &r), 0);
	return r;
}

static void compute(const struct dl_rule *r, const struct dl_calendars *cals, const char *filed,
                    const char *received, const struct dl_step *steps, size_t n, const char *today,
                    struct dl_result *out)
{
	struct dl_input in = {.rule = r,
	                      .cals = cals,
	                      .filed = D(filed),
	                      .received = received ? D(received) : -1,
	                      .steps = steps,
	                      .nsteps = n,
	                      .today = D(today),
	                      .soon_days = 7};
	deadline_compute(&in, out);
}

/* The seed case: 27 May 2024, Uzbekistan, no reply. */
static void test_seed_uzbekistan(void **state)
{
	(void)state;
	struct dl_rule r = rule("Uzbekistan", UZ_LINE);
	struct dl_result res;
	compute(&r, NULL, "2024-05-27", NULL, NULL, 0, "2024-06-20", &res);
	assert_day(res.due, "2024-06-11");
	assert_int_equal(res.status, DL_OVERDUE);
	assert_int_equal(res.days_overdue, 9);
	assert_non_null(strstr(res.explanation.buf,
	                       "15 days from 27 May 2024 under art. 28 of Law ZRU-445: due 11 June "
	                       "2024; no reply — 9 days overdue"));
	assert_non_null(strstr(res.explanation.buf, "date of receipt unknown"));
	dl_result_release(&res);

	compute(&r, NULL, "2024-05-27", NULL, NULL, 0, "2024-06-05", &res);
	assert_int_equal(res.status, DL_DUE_SOON);
	assert_int_equal(res.days_left, 6);
	dl_result_release(&res);
	compute(&r, NULL, "2024-05-27", NULL, NULL, 0, "2024-06-11", &res);
	assert_int_equal(res.status, DL_DUE_TODAY);
	dl_result_release(&res);
	compute(&r, NULL, "2024-05-27", NULL, NULL, 0, "2024-05-28", &res);
	assert_int_equal(res.status, DL_PENDING);
	dl_result_release(&res);

	/* Received later than filed: the clock starts at receipt, no note. */
	compute(&r, NULL, "2024-05-27", "2024-05-30", NULL, 0, "2024-06-20", &res);
	assert_day(res.due, "2024-06-14");
	assert_null(strstr(res.explanation.buf, "receipt unknown"));
	dl_result_release(&res);
}

static void test_month_ends_and_leap_years(void **state)
{
	(void)state;
	struct dl_rule r = rule("Uzbekistan", MONTH_LINE);
	struct dl_result res;
	compute(&r, NULL, "2024-01-31", "2024-01-31", NULL, 0, "2024-01-31", &res);
	assert_day(res.due, "2024-02-29"); /* leap year */
	dl_result_release(&res);
	compute(&r, NULL, "2023-01-31", "2023-01-31", NULL, 0, "2023-01-31", &res);
	assert_day(res.due, "2023-02-28");
	dl_result_release(&res);
	compute(&r, NULL, "2024-12-15", "2024-12-15", NULL, 0, "2024-12-15", &res);
	assert_day(res.due, "2025-01-15"); /* across the year */
	dl_result_release(&res);
	compute(&r, NULL, "2024-03-31", "2024-03-31", NULL, 0, "2024-03-31", &res);
	assert_day(res.due, "2024-04-30");
	assert_non_null(strstr(res.explanation.buf, "1 month from 31 March 2024"));
	dl_result_release(&res);
	/* Calendar days across the end of February. */
	struct dl_rule uz = rule("Uzbekistan", UZ_LINE);
	compute(&uz, NULL, "2024-02-20", "2024-02-20", NULL, 0, "2024-02-20", &res);
	assert_day(res.due, "2024-03-06");
	dl_result_release(&res);
	compute(&uz, NULL, "2023-02-20", "2023-02-20", NULL, 0, "2023-02-20", &res);
	assert_day(res.due, "2023-03-07");
	dl_result_release(&res);
}

static struct dl_calendar kz_calendar(void)
{
	struct dl_calendar c;
	assert_int_equal(dl_calendar_parse("Kazakhstan", 2024,
	                                   "# test\nstatus\tcomplete\nweekend\tsat sun\n"
	                                   "2024-03-08\tholiday\tWomen's Day\n"
	                                   "2024-03-21\tholiday\tNauryz\n"
	                                   "2024-03-22\tholiday\tNauryz\n"
	                                   "2024-03-16\tworkday\tmoved\n",
	                                   &c),
	                 0);
	return c;
}

static void test_working_days_weekends_holidays(void **state)
{
	(void)state;
	struct dl_rule r = rule("Kazakhstan", KZ_LINE);
	struct dl_calendar c = kz_calendar();
	struct dl_calendars cals = {&c, 1};
	struct dl_result res;
	/* Friday 1 March 2024: 15 working days skip weekends, 8, 21 and 22 March and
	 * count Saturday 16 March, made a working day. */
	compute(&r, &cals, "2024-03-01", "2024-03-01", NULL, 0, "2024-03-01", &res);
	assert_day(res.due, "2024-03-26");
	assert_false(res.calendar_partial);
	dl_result_release(&res);
	/* Over Nauryz (21, 22 off) and a Saturday made a working day (16). */
	compute(&r, &cals, "2024-03-14", "2024-03-14", NULL, 0, "2024-03-14", &res);
	/* 15 Fri(1) 16 Sat work(2) 18-20 (3-5) 25-29 (6-10) 1-5 Apr (11-15) */
	assert_day(res.due, "2024-04-05");
	dl_result_release(&res);
	bool known = true;
	assert_false(dl_is_working_day(&cals, D("2024-03-08"), &known, NULL));
	assert_true(dl_is_working_day(&cals, D("2024-03-16"), &known, NULL));
	assert_false(dl_is_working_day(&cals, D("2024-03-17"), &known, NULL));
	assert_true(known);
}

static void test_calendar_unknown(void **state)
{
	(void)state;
	struct dl_rule r = rule("Kazakhstan", KZ_LINE);
	struct dl_calendar c = kz_calendar();
	struct dl_calendars cals = {&c, 1};
	struct dl_result res;
	compute(&r, &cals, "2026-03-02", "2026-03-02", NULL, 0, "2026-04-01", &res);
	assert_int_equal(res.status, DL_CALENDAR_UNKNOWN);
	assert_int_equal(res.due, -1);
	assert_day(res.due_earliest, "2026-03-23");
	assert_non_null(strstr(res.explanation.buf, "calendar unknown for Kazakhstan 2026"));
	dl_result_release(&res);
	/* Calendar days need no calendar. */
	struct dl_rule uz = rule("Uzbekistan", UZ_LINE);
	compute(&uz, NULL, "2026-03-02", NULL, NULL, 0, "2026-03-03", &res);
	assert_int_equal(res.status, DL_PENDING);
	dl_result_release(&res);
}

static void test_filed_on_holiday(void **state)
{
	(void)state;
	struct dl_rule kz = rule("Kazakhstan", KZ_LINE);
	struct dl_calendar c = kz_calendar();
	struct dl_calendars cals = {&c, 1};
	struct dl_result a, b;
	/* Filed on the holiday of 8 March (a Friday): working days count from the next
	 * working day, so it ends where a complaint of Thursday 7 March + 1 would. */
	compute(&kz, &cals, "2024-03-08", "2024-03-08", NULL, 0, "2024-03-08", &a);
	compute(&kz, &cals, "2024-03-07", "2024-03-07", NULL, 0, "2024-03-07", &b);
	assert_day(a.due, "2024-04-01");
	assert_day(b.due, "2024-04-01");
	dl_result_release(&a);
	dl_result_release(&b);
	/* Calendar-day rules count from the day of receipt, holiday or not. */
	struct dl_rule uz = rule("Uzbekistan", UZ_LINE);
	struct dl_calendar uzc;
	assert_int_equal(
	    dl_calendar_parse("Uzbekistan", 2024,
	                      "status\tpartial\nweekend\tsat sun\n2024-03-21\tholiday\tNavruz\n",
	                      &uzc),
	    0);
	struct dl_calendars ucals = {&uzc, 1};
	compute(&uz, &ucals, "2024-03-21", "2024-03-21", NULL, 0, "2024-03-22", &a);
	assert_day(a.due, "2024-04-05");
	assert_false(a.calendar_partial); /* calendar days never looked at it */
	dl_result_release(&a);
}

static void test_extensions(void **state)
{
	(void)state;
	struct dl_rule uz = rule("Uzbekistan", UZ_LINE);
	struct dl_result res;
	/* With notice, no date: the longest extension (1 more month). */
	struct dl_step ext = {
	    .kind = DL_STEP_EXTENDED, .date = D("2024-06-05"), .until = -1, .notice = true};
	compute(&uz, NULL, "2024-05-27", "2024-05-27", &ext, 1, "2024-06-20", &res);
	assert_day(res.due, "2024-07-11");
	assert_true(res.extended);
	assert_int_equal(res.status, DL_PENDING);
	assert_non_null(strstr(res.explanation.buf,
	                       "due 11 June 2024, extended at most with notice to 11 July 2024"));
	dl_result_release(&res);
	/* With notice and a date inside the limit. */
	ext.until = D("2024-06-26");
	compute(&uz, NULL, "2024-05-27", "2024-05-27", &ext, 1, "2024-06-20", &res);
	assert_day(res.due, "2024-06-26");
	assert_int_equal(res.status, DL_DUE_SOON);
	dl_result_release(&res);
	/* A date beyond the limit is cut to the limit. */
	ext.until = D("2024-09-01");
	compute(&uz, NULL, "2024-05-27", "2024-05-27", &ext, 1, "2024-06-20", &res);
	assert_day(res.due, "2024-07-11");
	assert_non_null(strstr(res.explanation.buf, "beyond the longest extension"));
	dl_result_release(&res);
	/* Without notice where the law needs it: no extension. */
	ext.until = D("2024-06-26");
	ext.notice = false;
	compute(&uz, NULL, "2024-05-27", "2024-05-27", &ext, 1, "2024-06-20", &res);
	assert_day(res.due, "2024-06-11");
	assert_false(res.extended);
	assert_int_equal(res.status, DL_OVERDUE);
	assert_non_null(strstr(res.explanation.buf, "without notice"));
	dl_result_release(&res);
	/* A total limit counts from the start (Kazakhstan: at most 2 months). */
	struct dl_rule kz = rule("Kazakhstan", KZ_LINE);
	struct dl_calendar c = kz_calendar();
	struct dl_calendars cals = {&c, 1};
	struct dl_step kext = {
	    .kind = DL_STEP_EXTENDED, .date = D("2024-03-10"), .until = -1, .notice = true};
	compute(&kz, &cals, "2024-03-01", "2024-03-01", &kext, 1, "2024-03-10", &res);
	assert_day(res.due, "2024-05-01");
	dl_result_release(&res);
}

static void test_forwarded_and_registration(void **state)
{
	(void)state;
	struct dl_rule uz = rule("Uzbekistan", UZ_LINE);
	struct dl_result res;
	struct dl_step fw = {.kind = DL_STEP_FORWARDED,
	                     .date = D("2024-06-03"),
	                     .until = -1,
	                     .to = "the Tashkent city prosecutor"};
	compute(&uz, NULL, "2024-05-27", NULL, &fw, 1, "2024-06-20", &res);
	assert_day(res.due, "2024-06-18");
	assert_int_equal(res.days_overdue, 2);
	assert_non_null(strstr(res.explanation.buf,
	                       "forwarded to the Tashkent city prosecutor on 3 June 2024"));
	assert_null(strstr(res.explanation.buf, "receipt unknown"));
	dl_result_release(&res);
	/* Russia: 30 days from registration, at the latest 3 days after receipt. */
	struct dl_rule ru = rule("Russia", RU_LINE);
	compute(&ru, NULL, "2024-06-01", "2024-06-01", NULL, 0, "2024-06-02", &res);
	assert_day(res.start, "2024-06-04");
	assert_day(res.due, "2024-07-04");
	assert_non_null(strstr(res.explanation.buf,
	                       "registration at the latest 3 days after receipt on 1 June 2024"));
	dl_result_release(&res);
}

static void test_answers_and_unverified(void **state)
{
	(void)state;
	struct dl_rule uz = rule("Uzbekistan", UZ_LINE);
	struct dl_result res;
	struct dl_step steps[2] = {
	    {.kind = DL_STEP_ACKNOWLEDGED, .date = D("2024-05-28"), .until = -1},
	    {.kind = DL_STEP_ANSWERED, .date = D("2024-06-15"), .until = -1},
	};
	compute(&uz, NULL, "2024-05-27", NULL, steps, 2, "2024-06-20", &res);
	assert_int_equal(res.status, DL_ANSWERED_LATE);
	assert_int_equal(res.days_overdue, 4);
	dl_result_release(&res);
	steps[1].date = D("2024-06-10");
	compute(&uz, NULL, "2024-05-27", NULL, steps, 2, "2024-06-20", &res);
	assert_int_equal(res.status, DL_ANSWERED);
	dl_result_release(&res);
	steps[1].kind = DL_STEP_REFUSED;
	compute(&uz, NULL, "2024-05-27", NULL, steps, 2, "2024-06-20", &res);
	assert_int_equal(res.status, DL_REFUSED);
	dl_result_release(&res);

	struct dl_rule crime = rule("Uzbekistan", UZ_CRIME);
	assert_false(dl_rule_verified(&crime));
	compute(&crime, NULL, "2024-05-27", NULL, NULL, 0, "2024-06-20", &res);
	assert_day(res.due, "2024-06-06");
	assert_non_null(strstr(res.explanation.buf, "[rule unverified"));
	dl_result_release(&res);

	compute(NULL, NULL, "2024-05-27", NULL, NULL, 0, "2024-06-20", &res);
	assert_int_equal(res.status, DL_NO_RULE);
	dl_result_release(&res);
	struct dl_rule tj =
	    rule("Tajikistan",
	         "complaint\t?\t?\t?\t-\t?\t?\t?\tLaw No. 1339\tLaw No. 1339\t2026-11-29\tunknown");
	compute(&tj, NULL, "2024-05-27", NULL, NULL, 0, "2024-06-20", &res);
	assert_int_equal(res.status, DL_NO_RULE);
	assert_non_null(strstr(res.explanation.buf, "no known term"));
	dl_result_release(&res);
}

static void test_rule_parse_errors(void **state)
{
	(void)state;
	struct dl_rule r;
	assert_true(dl_rule_parse("X", "complaint\t15", &r) < 0);
	error_clear();
	assert_true(dl_rule_parse("X",
	                          "complaint\t15\tfortnights\treceipt\t-\t-\t?\t?\tc\tc\td\tread",
	                          &r) < 0);
	error_clear();
	assert_true(
	    dl_rule_parse("X", "complaint\t15\tcalendar-days\treceipt\t-\t*3\t?\t?\tc\tc\td\tread",
	                  &r) < 0);
	error_clear();
}

/* The real data files load (with VIGIL_DATA_DIR pointing at the source tree). */
static void test_data_files(void **state)
{
	(void)state;
	const char *countries[] = {"Uzbekistan", "Kazakhstan", "Kyrgyzstan", "Russia",
	                           "Belarus",    "Azerbaijan", "Ukraine"};
	for (size_t i = 0; i < ARRAY_SIZE(countries); i++) {
		struct dl_rule r;
		assert_int_equal(dl_rule_load(countries[i], "complaint", &r), 1);
		assert_true(r.term > 0);
	}
	struct dl_rule r;
	assert_int_equal(dl_rule_load("Uzbekistan", "application", &r), 1);
	assert_int_equal(dl_rule_load("Uzbekistan", "crime-report", &r), 1);
	assert_false(dl_rule_verified(&r));
	assert_int_equal(dl_rule_load("Russia", "crime-report", &r), 1);
	assert_int_equal(r.term, 3);
	assert_int_equal(dl_rule_load("Narnia", "complaint", &r), 0);
	struct dl_calendars cals;
	assert_int_equal(dl_calendars_load("Uzbekistan", 2023, 2026, &cals), 0);
	assert_int_equal(cals.n, 2);
	bool known = true, partial = false;
	assert_false(dl_is_working_day(&cals, D("2024-03-21"), &known, &partial));
	assert_true(partial);
	assert_true(known);
	dl_is_working_day(&cals, D("2026-03-23"), &known, &partial);
	assert_false(known);
	free((void *)cals.cal);
}

int main(void)
{
	char path[4096];
	const char *src = getenv("VIGIL_SOURCE");
	snprintf(path, sizeof(path), "%s/data", src ? src : VIGIL_SOURCE_DIR);
	setenv("VIGIL_DATA_DIR", path, 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seed_uzbekistan),
	    cmocka_unit_test(test_month_ends_and_leap_years),
	    cmocka_unit_test(test_working_days_weekends_holidays),
	    cmocka_unit_test(test_calendar_unknown),
	    cmocka_unit_test(test_filed_on_holiday),
	    cmocka_unit_test(test_extensions),
	    cmocka_unit_test(test_forwarded_and_registration),
	    cmocka_unit_test(test_answers_and_unverified),
	    cmocka_unit_test(test_rule_parse_errors),
	    cmocka_unit_test(test_data_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

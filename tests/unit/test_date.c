/* Dates as HURIDOCS records them: parsing, ranges, calendar arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "records/date.h"
#include "util/util.h"

static void test_exact_month_year(void **state)
{
	(void)state;
	struct date_value d;
	assert_int_equal(date_parse("2024-05-25", &d), 0);
	assert_string_equal(d.from, "2024-05-25");
	assert_string_equal(d.to, "2024-05-25");
	assert_int_equal(d.precision, DATE_DAY);
	assert_int_equal(date_parse("2024-02", &d), 0);
	assert_string_equal(d.from, "2024-02-01");
	assert_string_equal(d.to, "2024-02-29");
	assert_int_equal(date_parse("2023-02", &d), 0);
	assert_string_equal(d.to, "2023-02-28");
	assert_int_equal(date_parse("2017", &d), 0);
	assert_string_equal(d.from, "2017-01-01");
	assert_string_equal(d.to, "2017-12-31");
	assert_int_equal(d.precision, DATE_YEAR);
}

static void test_approximate_range_time(void **state)
{
	(void)state;
	struct date_value d;
	assert_int_equal(date_parse("~2024-05-25", &d), 0);
	assert_true(d.approximate);
	assert_int_equal(date_parse("2024-05-26/2024-05-29", &d), 0);
	assert_true(d.is_range);
	assert_string_equal(d.from, "2024-05-26");
	assert_string_equal(d.to, "2024-05-29");
	assert_int_equal(date_parse("2019/2021-03", &d), 0);
	assert_string_equal(d.to, "2021-03-31");
	assert_int_equal(date_parse("2024-05-25T14:03", &d), 0);
	assert_string_equal(d.time, "14:03");
	assert_int_equal(date_parse("2024-05-25T14:03:59", &d), 0);
	assert_string_equal(d.time, "14:03:59");
}

static void test_rejects(void **state)
{
	(void)state;
	struct date_value d;
	const char *bad[] = {"",
	                     "2024-13",
	                     "2024-00-10",
	                     "2023-02-29",
	                     "24-05-01",
	                     "2024-5-1",
	                     "2024-05-32",
	                     "tomorrow",
	                     "2024-05-29/2024-05-26",
	                     "2024-05-25T25:00",
	                     "2024-05-25T12",
	                     "2024-05-25/2024-05-26T10:00",
	                     "0999"};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(date_parse(bad[i], &d), -VG_EINVALID);
		assert_non_null(strstr(error_message(), bad[i][0] ? bad[i] : "''"));
	}
}

static void test_days_and_weekdays(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(1970, 1, 1), 0);
	long d = date_to_days(2024, 5, 27);
	assert_int_equal(date_weekday(d), 0); /* a Monday */
	assert_int_equal(date_weekday(date_to_days(2024, 6, 11)), 1);
	char out[16];
	date_format_day(d + 15, out);
	assert_string_equal(out, "2024-06-11");
	date_format_day(date_to_days(2024, 2, 28) + 1, out);
	assert_string_equal(out, "2024-02-29");
	date_format_day(date_to_days(2100, 2, 28) + 1, out);
	assert_string_equal(out, "2100-03-01");
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	long parsed;
	assert_int_equal(date_parse_day("2024-06-20", &parsed), 0);
	assert_int_equal(parsed, date_to_days(2024, 6, 20));
	assert_int_equal(date_parse_day("2024-06", &parsed), -VG_EINVALID);
}

static void test_human(void **state)
{
	(void)state;
	const char *cases[][2] = {
	    {"2024-05-25", "25 May 2024"},
	    {"2024-05", "May 2024"},
	    {"2019", "2019"},
	    {"~2024-05-25", "about 25 May 2024"},
	    {"2024-05-26/2024-05-29", "26\u201329 May 2024"},
	    {"2024-05-30/2024-06-02", "30 May 2024 \u2013 2 June 2024"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		date_format_human(cases[i][0], &sb);
		assert_string_equal(sb.buf, cases[i][1]);
		strbuf_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exact_month_year),
	    cmocka_unit_test(test_approximate_range_time),
	    cmocka_unit_test(test_rejects),
	    cmocka_unit_test(test_days_and_weekdays),
	    cmocka_unit_test(test_human),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

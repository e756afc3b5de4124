/* The growable buffer: always terminated, binary-safe, formatted appends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "util/util.h"

static void test_basics(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	strbuf_adds(&sb, "abc");
	strbuf_addch(&sb, 'd');
	strbuf_addf(&sb, "-%d-%s", 42, "x");
	assert_string_equal(sb.buf, "abcd-42-x");
	assert_int_equal(sb.len, 9);
	strbuf_add(&sb, "\0z", 2);
	assert_int_equal(sb.len, 11);
	assert_int_equal(sb.buf[9], '\0');
	assert_int_equal(sb.buf[11], '\0');
	strbuf_setlen(&sb, 3);
	assert_string_equal(sb.buf, "abc");
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
	assert_int_equal(sb.len, 0);
	assert_non_null(sb.buf);
}

static void test_growth_and_detach(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 10000; i++)
		strbuf_addf(&sb, "%04d", i % 10000);
	assert_int_equal(sb.len, 40000);
	assert_memory_equal(sb.buf + 39996, "9999", 4);
	size_t len;
	char *p = strbuf_detach(&sb, &len);
	assert_int_equal(len, 40000);
	assert_int_equal(p[len], '\0');
	free(p);
	assert_string_equal(sb.buf, "");
	p = strbuf_detach(&sb, NULL); /* an empty buffer detaches as an owned "" */
	assert_string_equal(p, "");
	free(p);
}

static void test_hex_trim_wipe(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	const unsigned char bytes[] = {0x00, 0xab, 0xff};
	strbuf_add_hex(&sb, bytes, sizeof(bytes));
	assert_string_equal(sb.buf, "00abff");
	strbuf_adds(&sb, " \t\n");
	strbuf_rtrim(&sb);
	assert_string_equal(sb.buf, "00abff");
	strbuf_wipe(&sb);
	assert_int_equal(sb.len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_basics),
	    cmocka_unit_test(test_growth_and_detach),
	    cmocka_unit_test(test_hex_trim_wipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of the streaming JSON tokenizer and the Telegram helpers: the
 * escapes Telegram writes, surrogate pairs, byte offsets in errors, the caps
 * on depth and string length, and UTF-16 lengths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest/jsonstream.h"
#include "ingest/telegram.h"
#include "util/util.h"

/* Tokenizes s; returns the error code (0) and leaves the last string in out. */
static int run(const char *s, struct strbuf *out, int *ntok)
{
	struct jsonstream js;
	js_init_mem(&js, s, strlen(s), "t");
	js.max_depth = 4;
	js.max_string = 16;
	enum js_tok t;
	int rc, n = 0;
	while ((rc = js_next(&js, &t)) == 0 && t != JS_END) {
		n++;
		if (out && (t == JS_STRING || t == JS_KEY)) {
			strbuf_reset(out);
			strbuf_add(out, js.str.buf, js.str.len);
		}
	}
	js_release(&js);
	if (ntok)
		*ntok = n;
	return rc;
}

static void test_escapes(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(run("[\"a\\x01b\"]", &sb, NULL), 0);
	assert_memory_equal(sb.buf, "a\001b", 3);
	assert_int_equal(run("[\"\\u2028\\ud83d\\ude21\"]", &sb, NULL), 0);
	assert_string_equal(sb.buf, "\xe2\x80\xa8\xf0\x9f\x98\xa1");
	assert_int_equal(run("[\"\\ud83dx\"]", &sb, NULL), 0); /* a lone surrogate */
	assert_string_equal(sb.buf, "\xef\xbf\xbdx");
	assert_int_equal(run("[\"\\ud83d\\n\"]", &sb, NULL), 0);
	assert_string_equal(sb.buf, "\xef\xbf\xbd\n");
	assert_int_equal(run("[\"\\\\x41\"]", &sb, NULL), 0); /* an escaped backslash, then x41 */
	assert_string_equal(sb.buf, "\\x41");
	strbuf_release(&sb);
}

static void test_structure(void **state)
{
	(void)state;
	int n;
	assert_int_equal(run(" {\"a\": [1, -2.5e3, true, false, null, {}]} \n", NULL, &n), 0);
	assert_int_equal(n, 12);
	assert_int_equal(run("[1,]", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("{\"a\" 1}", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("[1 2]", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("[01]", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("[1.]", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("[tru]", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("{]", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("[] []", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("", NULL, NULL), -VG_EFORMAT);
	assert_int_equal(run("[\"a\tb\"]", NULL, NULL), -VG_EFORMAT); /* a raw tab */
}

static void test_offsets_and_caps(void **state)
{
	(void)state;
	assert_int_equal(run("[1, 2, @]", NULL, NULL), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "at byte 7"));
	assert_int_equal(run("{\"a\": [1, 2", NULL, NULL), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "ends at byte 11"));
	assert_int_equal(run("[[[[1]]]]", NULL, NULL), 0);
	assert_int_equal(run("[[[[[1]]]]]", NULL, NULL), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "nested deeper"));
	assert_int_equal(run("[\"0123456789abcdefX\"]", NULL, NULL), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "longer than the limit"));
	assert_int_equal(run("[\"\\q\"]", NULL, NULL), -VG_EFORMAT);
	assert_non_null(strstr(error_message(), "at byte 2"));
}

static void test_telegram_helpers(void **state)
{
	(void)state;
	assert_int_equal(tg_utf16_len("a\xd0\xaf\xf0\x9f\x98\xa1", 7), 4); /* a, Я, 😡 (2 units) */
	assert_int_equal(tg_parse_local_date("1970-01-02T00:00:01"), 86401);
	assert_int_equal(tg_parse_local_date("2024-02-29T23:59:59"), 1709251199);
	assert_int_equal(tg_parse_local_date("2024-13-01T00:00:00"), -1);
	assert_int_equal(tg_parse_local_date("2024-01-01T00:00:00Z"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escapes),
	    cmocka_unit_test(test_structure),
	    cmocka_unit_test(test_offsets_and_caps),
	    cmocka_unit_test(test_telegram_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The escaping HTML writer and the one place that decides what may be published. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "render/html.h"
#include "render/page.h"
#include "render/redact.h"
#include "render/timeline.h"
#include "util/util.h"

static void test_escape(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	html_addf(&sb, "<p title=\"%s\">%s %d%%</p>", "a\"b'c", "<script>&", 5);
	assert_string_equal(sb.buf, "<p title=\"a&quot;b&#39;c\">&lt;script&gt;&amp; 5%</p>");
	strbuf_reset(&sb);
	html_addf(&sb, "%R|%s|%zu|%ld", "<b>", (const char *)NULL, (size_t)7, -3L);
	assert_string_equal(sb.buf, "<b>||7|-3");
	strbuf_release(&sb);
}

static void test_markdown_safe(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	html_markdown(&sb, "Hi *there*\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n");
	assert_non_null(strstr(sb.buf, "<em>there</em>"));
	assert_null(strstr(sb.buf, "<script"));
	assert_null(strstr(sb.buf, "javascript:"));
	strbuf_release(&sb);
}

static json_t *load(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	assert_non_null(j);
	return j;
}

/* A defender whose record is public but whose address was left at its default. */
static void test_restricted_address(void **state)
{
	(void)state;
	json_t *p = load("{\"id\":\"klara\",\"name\":\"Klara\",\"address\":\"Tashkent, street 1\","
	                 "\"confidentiality\":\"public\"}");
	struct redact r;
	redact_init(&r, AUDIENCE_PUBLIC);
	const char *name_only[] = {"name", NULL};
	assert_true(redact_show(&r, "person", p, name_only));
	assert_int_equal(redact_finish(&r, "page"), 0);
	assert_false(redact_show(&r, "person", p, NULL));
	assert_int_equal(redact_finish(&r, "page"), -VG_ELEAK);
	assert_non_null(strstr(error_message(), "person klara field address is restricted"));
	redact_release(&r);

	/* The address marked partners-only may reach partners, not the public. */
	json_object_set_new(p, "field_confidentiality", load("{\"address\":\"partners\"}"));
	redact_init(&r, AUDIENCE_PARTNERS);
	assert_true(redact_show(&r, "person", p, NULL));
	assert_int_equal(redact_finish(&r, "report"), 0);
	redact_release(&r);
	redact_init(&r, AUDIENCE_PUBLIC);
	assert_false(redact_show(&r, "person", p, NULL));
	assert_int_equal(redact_finish(&r, "report"), -VG_ELEAK);
	assert_non_null(strstr(error_message(), "field address is partners"));
	redact_release(&r);
	json_decref(p);
}

/* A relative kept restricted (the default when no level is given). */
static void test_restricted_relative(void **state)
{
	(void)state;
	json_t *son = load("{\"id\":\"klara-son\",\"name\":\"Timur\"}");
	json_t *rel = load("{\"id\":\"rel-son\",\"person\":\"klara-son\",\"type\":\"son\","
	                   "\"related\":\"klara\",\"confidentiality\":\"partners\"}");
	struct redact r;
	redact_init(&r, AUDIENCE_PUBLIC);
	assert_false(redact_may_show(&r, son));
	assert_false(redact_show(&r, "person", son, NULL));
	assert_false(redact_show(&r, "relationship", rel, NULL));
	/* Shown twice, listed once. */
	redact_show(&r, "person", son, NULL);
	assert_int_equal(json_array_size(r.leaks), 2);
	assert_int_equal(redact_finish(&r, "statement s-1"), -VG_ELEAK);
	const char *msg = error_message();
	assert_non_null(strstr(msg, "person klara-son is restricted"));
	assert_non_null(strstr(msg, "relationship rel-son is partners"));
	assert_null(strstr(msg, "Timur"));
	redact_release(&r);

	redact_init(&r, AUDIENCE_RESTRICTED);
	assert_true(redact_show(&r, "person", son, NULL));
	assert_true(redact_show(&r, "relationship", rel, NULL));
	assert_int_equal(redact_finish(&r, "report"), 0);
	redact_release(&r);
	json_decref(son);
	json_decref(rel);
}

/* Evidence (a kind of another module): its own levels apply; retracted never shows. */
static void test_evidence(void **state)
{
	(void)state;
	json_t *ev = load("{\"id\":\"ev-screens\",\"sha256\":\"ab\",\"filename\":\"chat.png\","
	                  "\"confidentiality\":\"partners\","
	                  "\"field_confidentiality\":{\"filename\":\"restricted\"}}");
	struct redact r;
	redact_init(&r, AUDIENCE_PARTNERS);
	const char *hash[] = {"sha256", NULL};
	assert_true(redact_show(&r, "evidence", ev, hash));
	assert_false(redact_field_ok(&r, "evidence", ev, "filename"));
	redact_omit(&r, "evidence", ev, "filename");
	assert_int_equal(json_array_size(r.omitted), 1);
	assert_int_equal(redact_finish(&r, "report"), 0);
	assert_false(redact_show(&r, "evidence", ev, NULL));
	assert_int_equal(redact_finish(&r, "report"), -VG_ELEAK);
	assert_non_null(
	    strstr(error_message(), "evidence ev-screens field filename is restricted"));
	redact_release(&r);

	json_object_set_new(ev, "confidentiality", json_string("public"));
	json_object_set_new(ev, "retracted", load("{\"reason\":\"wrong file\"}"));
	redact_init(&r, AUDIENCE_RESTRICTED);
	assert_false(redact_may_show(&r, ev));
	assert_false(redact_show(&r, "evidence", ev, hash));
	assert_int_equal(redact_finish(&r, "report"), -VG_ELEAK);
	assert_non_null(strstr(error_message(), "evidence ev-screens is retracted"));
	redact_release(&r);
	json_decref(ev);
}

/* Kinds of other modules that no command gives a level: a flagged message's
 * scores are for partners, its text restricted; evidence restricted; a
 * checkpoint public. An explicit level still wins. */
static void test_fixed_kinds(void **state)
{
	(void)state;
	json_t *msg = load("{\"id\":\"2\",\"abusive\":0.9,\"text\":\"threat\",\"from\":\"X\"}");
	json_t *ev = load("{\"id\":\"evidence-1\",\"sha256\":\"ab\"}");
	json_t *cp = load("{\"id\":\"000000000001.checkpoint\",\"root\":\"r\"}");
	assert_true(redact_kind_fixed("message"));
	assert_false(redact_kind_fixed("person"));
	struct redact r;
	redact_init(&r, AUDIENCE_PARTNERS);
	assert_true(redact_record_ok(&r, "message", msg));
	assert_true(redact_field_ok(&r, "message", msg, "abusive"));
	assert_false(redact_field_ok(&r, "message", msg, "text"));
	assert_false(redact_field_ok(&r, "message", msg, "from"));
	assert_false(redact_record_ok(&r, "evidence", ev));
	assert_true(redact_record_ok(&r, "checkpoint", cp));
	/* The general rule (no kind) keeps a record without a level restricted. */
	assert_false(redact_may_show(&r, msg));
	redact_release(&r);
	redact_init(&r, AUDIENCE_PUBLIC);
	assert_false(redact_record_ok(&r, "message", msg));
	assert_true(redact_record_ok(&r, "checkpoint", cp));
	assert_false(redact_show(&r, "message", msg, NULL));
	assert_int_equal(redact_finish(&r, "the report"), -VG_ELEAK);
	assert_non_null(strstr(error_message(), "message 2 is partners"));
	redact_release(&r);
	json_object_set_new(msg, "field_confidentiality", load("{\"text\":\"partners\"}"));
	redact_init(&r, AUDIENCE_PARTNERS);
	assert_true(redact_field_ok(&r, "message", msg, "text"));
	redact_release(&r);
	redact_init(&r, AUDIENCE_RESTRICTED);
	assert_true(redact_record_ok(&r, "evidence", ev));
	assert_true(redact_field_ok(&r, "message", msg, "from"));
	redact_release(&r);
	json_decref(msg);
	json_decref(ev);
	json_decref(cp);
}

static void test_audience_names(void **state)
{
	(void)state;
	enum audience a;
	assert_int_equal(redact_audience_parse("partners", &a), 0);
	assert_int_equal(a, AUDIENCE_PARTNERS);
	assert_int_equal(redact_audience_parse("everyone", &a), -VG_EUSAGE);
	json_t *p = load("{\"id\":\"x\",\"confidentiality\":\"bogus\"}");
	assert_int_equal(redact_record_level(p), AUDIENCE_RESTRICTED);
	json_decref(p);
}

/* The header's date in the seed's style: weekday, month, day. */
static void test_date_label(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	page_date_label(page_words("en"), "2024-10-04", &sb);
	assert_string_equal(sb.buf, "Fri, Oct 4");
	strbuf_reset(&sb);
	page_date_label(page_words("en"), "2024-05-27", &sb);
	assert_string_equal(sb.buf, "Mon, May 27");
	strbuf_reset(&sb);
	page_date_label(page_words("ru"), "2024-06-03", &sb);
	assert_string_equal(sb.buf, "Пн, 3 июня");
	strbuf_reset(&sb);
	page_date_label(page_words("en"), "2024-05", &sb);
	assert_string_equal(sb.buf, "May 2024");
	strbuf_reset(&sb);
	page_date_label(page_words("en"), NULL, &sb);
	assert_string_equal(sb.buf, "");
	page_date_label(page_words("en"), "not a date", &sb);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

/* The chart escapes what records say and leaves undated items out. */
static void test_timeline(void **state)
{
	(void)state;
	json_t *items =
	    load("[{\"date\":\"2024-05-25\",\"type\":\"Threat\",\"title\":\"<b>x</b>\"},"
	         "{\"date\":\"2024-05-27\",\"type\":\"Complaint filed\",\"title\":\"c\"},"
	         "{\"type\":\"Threat\",\"title\":\"undated\"}]");
	struct strbuf sb = STRBUF_INIT;
	timeline_svg(&sb, items, "T & T");
	assert_non_null(strstr(sb.buf, "<title id=\"tl-title\">T &amp; T</title>"));
	assert_non_null(strstr(sb.buf, "2 dated items in 2 types; undated items are not drawn"));
	assert_non_null(strstr(sb.buf, "&lt;b&gt;x&lt;/b&gt;"));
	assert_null(strstr(sb.buf, "<b>"));
	assert_null(strstr(sb.buf, "undated</title>"));
	size_t circles = 0;
	for (const char *p = sb.buf; (p = strstr(p, "<circle")); p++)
		circles++;
	assert_int_equal(circles, 2);
	strbuf_release(&sb);
	json_decref(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_markdown_safe),
	    cmocka_unit_test(test_restricted_address),
	    cmocka_unit_test(test_restricted_relative),
	    cmocka_unit_test(test_evidence),
	    cmocka_unit_test(test_fixed_kinds),
	    cmocka_unit_test(test_audience_names),
	    cmocka_unit_test(test_date_label),
	    cmocka_unit_test(test_timeline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

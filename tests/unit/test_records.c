/* Records against a real encrypted vault: validation, defaults, the change log,
 * retraction, and that the log cannot be rewritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>

#include "records/casefile.h"
#include "records/records.h"
#include "util/util.h"
#include "vault/vault.h"

struct fixture {
	char dir[64];
	struct vault v;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/vigil-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	setenv("VIGIL_PASSPHRASE", "unit", 1);
	struct passphrase_source src = {.env = "VIGIL_PASSPHRASE"};
	char path[128];
	snprintf(path, sizeof(path), "%s/vault", f->dir);
	if (vault_create(path, VAULT_KDF_INTERACTIVE, &src, &f->v))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	vault_close(&f->v);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void test_add_defaults_and_log(void **state)
{
	struct fixture *f = *state;
	const struct kind_desc *person = records_kind("person");
	json_t *p = json_pack("{s:s, s:s}", "name", "Ann", "address", "Street 1");
	assert_int_equal(vault_begin(&f->v), 0);
	assert_int_equal(records_add(&f->v, person, p), 0);
	assert_int_equal(vault_commit(&f->v), 0);
	assert_string_equal(json_string_value(json_object_get(p, "id")), "person-1");
	assert_string_equal(json_string_value(json_object_get(p, "confidentiality")), "restricted");
	assert_string_equal(json_string_value(json_object_get(
	                        json_object_get(p, "field_confidentiality"), "address")),
	                    "restricted");
	json_decref(p);
	assert_int_equal(changelog_count(&f->v), 1);
	json_t *log;
	assert_int_equal(changelog_list(&f->v, NULL, &log), 0);
	json_t *e = json_array_get(log, 0);
	assert_string_equal(json_string_value(json_object_get(e, "op")), "add");
	assert_string_equal(json_string_value(json_object_get(json_object_get(e, "data"), "name")),
	                    "Ann");
	json_decref(log);
}

static void test_validation_names_the_field(void **state)
{
	struct fixture *f = *state;
	const struct kind_desc *event = records_kind("event");
	json_t *e =
	    json_pack("{s:s, s:s, s:s}", "case", "missing", "title", "T", "date", "2024-05");
	assert_int_equal(records_validate(&f->v, event, e), -VG_EINVALID);
	assert_non_null(strstr(error_message(), "field case: no case with id 'missing'"));
	json_decref(e);
	const struct kind_desc *person = records_kind("person");
	json_t *p =
	    json_pack("{s:s, s:{s:s}}", "name", "B", "field_confidentiality", "phone", "public");
	assert_int_equal(records_validate(&f->v, person, p), -VG_EINVALID);
	assert_non_null(strstr(error_message(), "'phone', which is not set"));
	json_decref(p);
	p = json_pack("{s:s, s:s}", "name", "B", "occupation", "x");
	json_object_set_new(p, "deceased", json_string("yes"));
	assert_int_equal(records_validate(&f->v, person, p), -VG_EINVALID);
	assert_non_null(strstr(error_message(), "field deceased: must be true or false"));
	json_decref(p);
}

static void test_changelog_is_append_only(void **state)
{
	struct fixture *f = *state;
	json_t *p = json_pack("{s:s}", "name", "C");
	assert_int_equal(vault_begin(&f->v), 0);
	assert_int_equal(records_add(&f->v, records_kind("person"), p), 0);
	assert_int_equal(vault_commit(&f->v), 0);
	json_decref(p);
	assert_int_not_equal(
	    sqlite3_exec(f->v.db, "UPDATE changelog SET entry = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(f->v.db, "DELETE FROM changelog", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_equal(changelog_count(&f->v), 1);
}

static void test_retract_keeps_record(void **state)
{
	struct fixture *f = *state;
	const struct kind_desc *org = records_kind("org");
	json_t *o = json_pack("{s:s, s:s, s:s}", "id", "o1", "name", "NGO", "type", "ngo");
	assert_int_equal(vault_begin(&f->v), 0);
	assert_int_equal(records_add(&f->v, org, o), 0);
	assert_int_equal(records_retract(&f->v, org, "o1", ""), -VG_EUSAGE);
	assert_int_equal(records_retract(&f->v, org, "o1", "duplicate"), 0);
	assert_int_equal(vault_commit(&f->v), 0);
	json_decref(o);
	json_t *list;
	struct record_filter all = {.include_retracted = true}, live = {0};
	assert_int_equal(records_list(&f->v, org, &live, &list), 0);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	assert_int_equal(records_list(&f->v, org, &all, &list), 0);
	assert_int_equal(json_array_size(list), 1);
	json_decref(list);
	assert_int_equal(changelog_count(&f->v), 2);
}

static void test_reopen_wrong_passphrase(void **state)
{
	struct fixture *f = *state;
	char path[128];
	snprintf(path, sizeof(path), "%s/vault", f->dir);
	setenv("VIGIL_WRONG", "nope", 1);
	struct passphrase_source wrong = {.env = "VIGIL_WRONG"},
	                         right = {.env = "VIGIL_PASSPHRASE"};
	struct vault v;
	assert_int_equal(vault_open(path, false, &wrong, &v), -VG_EPASSPHRASE);
	assert_null(v.db);
	assert_int_equal(vault_open(path, false, &right, &v), 0);
	vault_close(&v);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_add_defaults_and_log, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_validation_names_the_field, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changelog_is_append_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_retract_keeps_record, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reopen_wrong_passphrase, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

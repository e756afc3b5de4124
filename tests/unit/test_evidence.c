/* Unit tests of the evidence store as other modules use it: adding inside
 * the caller's transaction, a rollback that leaves no file behind, content
 * stored once, and a round trip through decryption with the SHA-256 check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <sodium.h>
#include <unistd.h>

#include "evidence/evidence.h"
#include "ledger/ledger.h"
#include "ledger/verify.h"
#include "records/records.h"
#include "util/fileio.h"
#include "util/util.h"
#include "vault/vault.h"

#include "testvault.h"

static char dir[] = "/tmp/vigil-test-evidence.XXXXXX";
static struct vault v;
TESTVAULT_FIXTURES(dir, v)

static size_t count_files(void)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/vault/evidence", dir);
	DIR *d = opendir(p.buf);
	strbuf_release(&p);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void write_file(const char *name, const char *text)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/%s", dir, name);
	assert_int_equal(file_write_atomic(p.buf, text, strlen(text), 0600), 0);
	strbuf_release(&p);
}

static void test_needs_transaction(void **state)
{
	(void)state;
	write_file("a.txt", "alpha\n");
	char *p = path_of("a.txt");
	struct evidence_meta meta = {0};
	char *id = NULL;
	assert_int_equal(evidence_add_file(&v, p, &meta, &id, NULL), -VG_EINTERNAL);
	assert_null(id);
	free(p);
	assert_int_equal(count_files(), 0);
}

static void test_rollback_leaves_nothing(void **state)
{
	(void)state;
	write_file("b.txt", "bravo\n");
	char *p = path_of("b.txt");
	struct evidence_meta meta = {.description = "a note"};
	char *id = NULL;
	bool fresh = false;
	assert_int_equal(vault_begin(&v), 0);
	assert_int_equal(evidence_add_file(&v, p, &meta, &id, &fresh), 0);
	assert_true(fresh);
	assert_int_equal(count_files(), 1);
	vault_rollback(&v);
	assert_int_equal(count_files(), 0);
	free(id);
	json_t *items;
	assert_int_equal(evidence_list(&v, NULL, &items), 0);
	assert_int_equal(json_array_size(items), 0);
	json_decref(items);
	free(p);
}

static int collect(void *arg, const unsigned char *m, size_t len)
{
	strbuf_add(arg, m, len);
	return 0;
}

static void test_commit_dedupe_roundtrip(void **state)
{
	(void)state;
	write_file("c.txt", "charlie\n");
	write_file("d.txt", "charlie\n");
	char *c = path_of("c.txt"), *d = path_of("d.txt");
	struct evidence_meta meta = {.captured_by = "Klara", .media_type = "text/plain"};
	char *id1 = NULL, *id2 = NULL;
	bool fresh1 = false, fresh2 = true;
	int64_t before = changelog_count(&v);
	assert_int_equal(vault_begin(&v), 0);
	assert_int_equal(evidence_add_file(&v, c, &meta, &id1, &fresh1), 0);
	/* The same content again, in the same transaction: stored once. */
	assert_int_equal(evidence_add_file(&v, d, &meta, &id2, &fresh2), 0);
	assert_int_equal(vault_commit(&v), 0);
	assert_true(fresh1);
	assert_false(fresh2);
	assert_string_equal(id1, id2);
	assert_int_equal(count_files(), 1);
	assert_int_equal(changelog_count(&v), before + 1);

	json_t *item;
	assert_int_equal(evidence_get(&v, id1, &item), 0);
	assert_string_equal(json_string_value(json_object_get(item, "sha256")),
	                    "999d1d048ee9123272dd9b718680551c83e867935b47c2650e6906dc22674e47");
	json_decref(item);
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(evidence_decrypt_cb(&v, id1, collect, &out), 0);
	assert_string_equal(out.buf, "charlie\n");
	strbuf_release(&out);

	/* After a checkpoint and seal, the whole vault verifies. */
	assert_int_equal(ledger_after_change(&v), 0);
	json_t *failures = json_array();
	struct verify_stats st;
	assert_int_equal(vault_verify(&v, failures, &st, NULL, NULL), 0);
	assert_int_equal(json_array_size(failures), 0);
	assert_int_equal(st.items, 1);
	json_decref(failures);
	free(c);
	free(d);
	free(id1);
	free(id2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_needs_transaction),
	    cmocka_unit_test(test_rollback_leaves_nothing),
	    cmocka_unit_test(test_commit_dedupe_roundtrip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

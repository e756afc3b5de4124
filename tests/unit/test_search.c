/* Unit tests of the search index (search.db, built on its own thread during
 * an import): what a committed import adds is found, and a rolled-back one
 * leaves no trace; an index left behind by a crash between the two commits
 * catches up without indexing anything twice; a missing, damaged or foreign
 * search.db, or one that no longer fits a vault restored from a copy, is made
 * again from the messages; a vault opened read-only can still be searched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <inttypes.h>
#include <unistd.h>

#include "records/messages.h"
#include "records/search.h"
#include "util/fileio.h"
#include "util/util.h"
#include "vault/vault.h"

#include "testvault.h"

static char dir[] = "/tmp/vigil-test-search.XXXXXX";
static struct vault v;
TESTVAULT_FIXTURES(dir, v)

/* One import of n messages "<word> number <i>" into chat 7, ids from first;
 * committed or rolled back. */
static void import(const char *word, int first, int n, bool commit)
{
	struct msgstore *ms;
	int64_t imp;
	char key[64];
	assert_int_equal(vault_begin(&v), 0);
	assert_int_equal(msgstore_open(&v, &ms), 0);
	assert_int_equal(msgstore_import_begin(ms, "telegram", "result.json", NULL, &imp), 0);
	assert_int_equal(msgstore_chat(ms, "telegram", "7", "chat", "personal_chat", NULL, key), 0);
	for (int i = 0; i < n; i++) {
		char text[64];
		snprintf(text, sizeof(text), "%s number %d", word, first + i);
		struct msg_in m = {.chat_key = key,
		                   .msg_id = first + i,
		                   .type = "message",
		                   .date = 1700000000 + first + i,
		                   .text = text,
		                   .text_len = strlen(text),
		                   .raw = "{}",
		                   .raw_len = 2};
		memcpy(m.hash, &m.msg_id, sizeof(m.msg_id));
		memcpy(m.hash + 8, word, strlen(word) < 8 ? strlen(word) : 8);
		enum msg_added added;
		int64_t mid;
		assert_int_equal(msgstore_add(ms, imp, &m, &added, &mid), 0);
		assert_int_equal(added, MSG_NEW);
	}
	json_t *sum = json_object();
	assert_int_equal(msgstore_import_finish(ms, imp, "00", 0, NULL, sum), 0);
	json_decref(sum);
	msgstore_close(ms);
	if (commit)
		assert_int_equal(vault_commit(&v), 0);
	else
		vault_rollback(&v);
}

static size_t found(const char *query)
{
	assert_int_equal(search_sync(&v, NULL, NULL), 0);
	int64_t *ids;
	size_t n;
	assert_int_equal(search_match(&v, query, NULL, NULL, &ids, &n), 0);
	for (size_t i = 1; i < n; i++)
		assert_true(ids[i - 1] < ids[i]); /* each message once */
	free(ids);
	return n;
}

static void copy_file(const char *from, const char *to)
{
	char *a = path_of(from), *b = path_of(to);
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addf(&cmd, "cp '%s' '%s'", a, b);
	assert_int_equal(system(cmd.buf), 0);
	strbuf_release(&cmd);
	free(a);
	free(b);
}

static void test_commit_and_rollback(void **state)
{
	(void)state;
	import("alpha", 1, 50, true);
	char *p = path_of("vault/" SEARCH_DB_NAME);
	assert_true(file_exists(p));
	free(p);
	assert_int_equal(found("alpha"), 50);
	assert_int_equal(found("number"), 50);
	/* Russian and Uzbek words, case and diacritics folded */
	import("Угроза", 51, 3, true);
	import("oʻzbek", 54, 2, true);
	assert_int_equal(found("угроза"), 3);
	assert_int_equal(found("УГРОЗА"), 3);
	assert_int_equal(found("number"), 55);
	/* a rolled-back import leaves the index as it was */
	import("beta", 56, 20, false);
	assert_int_equal(found("beta"), 0);
	assert_int_equal(found("number"), 55);
	import("gamma", 56, 5, true);
	assert_int_equal(found("gamma"), 5);
	assert_int_equal(found("number"), 60);
	/* a malformed query is the user's to fix */
	int64_t *ids;
	size_t n;
	assert_int_not_equal(search_match(&v, "\"unclosed", NULL, NULL, &ids, &n), 0);
	assert_int_equal(error_code(), VG_EUSAGE);
}

static void test_catch_up_after_crash(void **state)
{
	(void)state;
	/* the index as it was before the last import: as if the process died
	 * between the vault's commit and the index's */
	copy_file("vault/" SEARCH_DB_NAME, "old-search.db");
	import("delta", 61, 10, true);
	copy_file("old-search.db", "vault/" SEARCH_DB_NAME);
	assert_int_equal(found("delta"), 10);
	assert_int_equal(found("number"), 70);
	/* the next import starts from an index that is behind, too */
	copy_file("old-search.db", "vault/" SEARCH_DB_NAME);
	import("epsilon", 71, 4, true);
	assert_int_equal(found("delta"), 10);
	assert_int_equal(found("epsilon"), 4);
	assert_int_equal(found("number"), 74);
}

static void test_made_again(void **state)
{
	(void)state;
	char *p = path_of("vault/" SEARCH_DB_NAME);
	/* missing */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(found("number"), 74);
	/* damaged, or written for another vault */
	static const char junk[8192] = "not a database at all";
	assert_int_equal(file_write_atomic(p, junk, sizeof(junk), 0600), 0);
	assert_int_equal(found("number"), 74);
	assert_int_equal(found("alpha"), 50);
	/* an index in another format (an older or newer Vigil's) */
	sqlite3 *db;
	assert_int_equal(vault_open_side(&v, SEARCH_DB_NAME, VAULT_SUBKEY_SEARCH, &db), 0);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(found("number"), 74);
	assert_int_equal(vault_open_side(&v, SEARCH_DB_NAME, VAULT_SUBKEY_SEARCH, &db), 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_not_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(p);
}

static void test_restored_vault(void **state)
{
	(void)state;
	/* the vault goes back to a copy taken before an import; the index saw
	 * that import, and the next one reuses its row numbers */
	vault_close(&v);
	copy_file("vault/" VAULT_DB_NAME, "old-vault.db");
	struct passphrase_source src = {.env = "VIGIL_PASSPHRASE"};
	char *vp = path_of("vault");
	assert_int_equal(vault_open(vp, true, &src, &v), 0);
	import("zeta", 75, 6, true);
	assert_int_equal(found("zeta"), 6);
	vault_close(&v);
	copy_file("old-vault.db", "vault/" VAULT_DB_NAME);
	assert_int_equal(vault_open(vp, true, &src, &v), 0);
	import("eta", 75, 6, true);
	assert_int_equal(found("zeta"), 0);
	assert_int_equal(found("eta"), 6);
	assert_int_equal(found("number"), 80);
	/* read-only: the index is still made when it is missing */
	vault_close(&v);
	char *p = path_of("vault/" SEARCH_DB_NAME);
	assert_int_equal(unlink(p), 0);
	free(p);
	assert_int_equal(vault_open(vp, false, &src, &v), 0);
	assert_int_equal(found("eta"), 6);
	free(vp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_commit_and_rollback),
	    cmocka_unit_test(test_catch_up_after_crash),
	    cmocka_unit_test(test_made_again),
	    cmocka_unit_test(test_restored_vault),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

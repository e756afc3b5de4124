/* Unit tests of the database seal (ledger_seal_write/check): a fresh seal
 * matches; over a file of several segments (the format-2 seal hashes 16 MiB
 * segments on several threads), a changed byte in any segment, a file one
 * byte shorter or longer, or a seal of the wrong format all fail; a format-1
 * seal that an older version wrote is still checked as format 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <fcntl.h>
#include <unistd.h>

#include "ledger/ledger.h"
#include "util/fileio.h"
#include "util/util.h"
#include "vault/vault.h"

#include "testvault.h"

static char dir[] = "/tmp/vigil-test-seal.XXXXXX";
static struct vault v;
static char *db, *seal;

static int setup(void **state)
{
	(void)state;
	if (testvault_create(dir, &v))
		return -1;
	db = testvault_path(dir, "vault/" VAULT_DB_NAME);
	seal = testvault_path(dir, "vault/checkpoints/" LEDGER_SEAL_NAME);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(db);
	free(seal);
	return testvault_remove(dir, &v);
}

static void flip(off_t at)
{
	int fd = open(db, O_RDWR);
	assert_true(fd >= 0);
	unsigned char c;
	assert_int_equal(pread(fd, &c, 1, at), 1);
	c ^= 0x01;
	assert_int_equal(pwrite(fd, &c, 1, at), 1);
	close(fd);
}

static void test_fresh_seal_matches(void **state)
{
	(void)state;
	assert_int_equal(ledger_seal_write(&v), 0);
	assert_int_equal(ledger_seal_check(&v), 0);
	struct strbuf text = STRBUF_INIT;
	assert_int_equal(file_read(seal, 4096, &text), 0);
	assert_true(!strncmp(text.buf, "vigil database seal 2\n", 22));
	strbuf_release(&text);
	flip(100);
	assert_int_equal(ledger_seal_check(&v), -VG_EVERIFY);
	flip(100);
	assert_int_equal(ledger_seal_check(&v), 0);
}

static void test_segments(void **state)
{
	(void)state;
	/* the file grown past three segments (the seal reads bytes, not pages) */
	off_t size = (off_t)50 << 20;
	assert_int_equal(truncate(db, size), 0);
	assert_int_equal(ledger_seal_write(&v), 0);
	assert_int_equal(ledger_seal_check(&v), 0);
	const off_t at[] = {0, (16 << 20) - 1, 16 << 20, (33 << 20) + 5, size - 1};
	for (size_t i = 0; i < ARRAY_SIZE(at); i++) {
		flip(at[i]);
		assert_int_equal(ledger_seal_check(&v), -VG_EVERIFY);
		flip(at[i]);
		assert_int_equal(ledger_seal_check(&v), 0);
	}
	assert_int_equal(truncate(db, size - 1), 0);
	assert_int_equal(ledger_seal_check(&v), -VG_EVERIFY);
	assert_int_equal(truncate(db, size + 1), 0);
	assert_int_equal(ledger_seal_check(&v), -VG_EVERIFY);
	assert_int_equal(truncate(db, size), 0);
	assert_int_equal(ledger_seal_check(&v), 0);
}

static void test_format_1(void **state)
{
	(void)state;
	/* the same seal line with the format changed no longer matches */
	struct strbuf text = STRBUF_INIT;
	assert_int_equal(file_read(seal, 4096, &text), 0);
	text.buf[20] = '1';
	assert_int_equal(file_write_atomic(seal, text.buf, text.len, 0600), 0);
	assert_int_equal(ledger_seal_check(&v), -VG_EVERIFY);
	strbuf_release(&text);
	/* a format-1 seal made as older versions made it: one keyed BLAKE2b over
	 * the file, personalised "vigil-db-seal" */
	unsigned char key[VAULT_KEY_BYTES], k2[crypto_generichash_blake2b_KEYBYTES];
	vault_subkey(&v, VAULT_SUBKEY_SIGNING_SEED, key);
	static const unsigned char personal[crypto_generichash_blake2b_PERSONALBYTES] =
	    "vigil-db-seal";
	crypto_generichash_blake2b_salt_personal(k2, sizeof(k2), NULL, 0, key, sizeof(key), NULL,
	                                         personal);
	struct strbuf file = STRBUF_INIT;
	assert_int_equal(file_read(db, (size_t)1 << 30, &file), 0);
	unsigned char mac[32];
	crypto_generichash(mac, sizeof(mac), (const unsigned char *)file.buf, file.len, k2,
	                   sizeof(k2));
	char hex[65];
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	struct strbuf v1 = STRBUF_INIT;
	strbuf_addf(&v1, "vigil database seal 1\n%zu\n%s\n", file.len, hex);
	assert_int_equal(file_write_atomic(seal, v1.buf, v1.len, 0600), 0);
	assert_int_equal(ledger_seal_check(&v), 0);
	flip(7);
	assert_int_equal(ledger_seal_check(&v), -VG_EVERIFY);
	flip(7);
	/* the next seal written is format 2 again */
	assert_int_equal(ledger_seal_write(&v), 0);
	assert_int_equal(ledger_seal_check(&v), 0);
	strbuf_release(&file);
	strbuf_release(&v1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fresh_seal_matches),
	    cmocka_unit_test(test_segments),
	    cmocka_unit_test(test_format_1),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

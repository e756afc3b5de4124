/* Unit tests of reading parts of stored evidence and of messages whose
 * source is a place in the export stored as evidence: ranges across chunk
 * boundaries, overlapping and at the end read back the original bytes; a
 * damaged chunk fails; a message stored the old way (a JSON copy in raw)
 * still lists its source; a new one reads its original bytes back (Telegram's
 * \xHH escapes included) as the same object. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include "evidence/evidence.h"
#include "ingest/import.h"
#include "records/evidence_store.h"
#include "records/messages.h"
#include "util/fileio.h"
#include "util/util.h"
#include "vault/vault.h"

#include "testvault.h"

static char dir[] = "/tmp/vigil-test-msgsource.XXXXXX";
static struct vault v;
TESTVAULT_FIXTURES(dir, v)

static char *add(const char *name, const void *data, size_t len)
{
	char *p = path_of(name);
	assert_int_equal(file_write_atomic(p, data, len, 0600), 0);
	struct evidence_meta meta = {0};
	char *id = NULL;
	assert_int_equal(vault_begin(&v), 0);
	assert_int_equal(evidence_add_file(&v, p, &meta, &id, NULL), 0);
	assert_int_equal(vault_commit(&v), 0);
	free(p);
	return id;
}

struct collect {
	struct strbuf out[8];
};

static int collect(void *arg, size_t i, const unsigned char *m, size_t len)
{
	struct collect *c = arg;
	strbuf_add(&c->out[i], m, len);
	return 0;
}

#define BIG (3 * EVIDENCE_CHUNK + 12345)

static void test_ranges(void **state)
{
	(void)state;
	unsigned char *data = xmalloc(BIG);
	for (size_t i = 0; i < BIG; i++)
		data[i] = (unsigned char)(i * 7 + i / 977);
	char *id = add("big.bin", data, BIG);
	const struct evidence_range r[] = {
	    {0, 10},
	    {EVIDENCE_CHUNK - 5, 10},         /* across the first boundary */
	    {EVIDENCE_CHUNK, 3},              /* overlapping the one before */
	    {2 * EVIDENCE_CHUNK - 100, 200},  /* past a chunk not read */
	    {EVIDENCE_CHUNK + 1, 2},          /* back into an earlier chunk */
	    {BIG - 20, 20},                   /* the end */
	    {EVIDENCE_CHUNK, EVIDENCE_CHUNK}, /* a whole chunk */
	};
	struct collect c;
	for (size_t i = 0; i < ARRAY_SIZE(r); i++)
		strbuf_init(&c.out[i], 0);
	assert_int_equal(evidence_read_ranges(&v, id, r, ARRAY_SIZE(r), collect, &c), 0);
	for (size_t i = 0; i < ARRAY_SIZE(r); i++) {
		assert_int_equal(c.out[i].len, r[i].length);
		assert_memory_equal(c.out[i].buf, data + r[i].offset, r[i].length);
		strbuf_release(&c.out[i]);
	}
	/* past the end */
	const struct evidence_range past = {BIG - 5, 10};
	strbuf_init(&c.out[0], 0);
	assert_int_equal(evidence_read_ranges(&v, id, &past, 1, collect, &c), -VG_EVERIFY);
	strbuf_release(&c.out[0]);
	/* a damaged chunk, and a damaged tag of a chunk before the one read (its
	 * first 8 bytes go into the next chunk's nonce) */
	char *blob = NULL;
	assert_int_equal(evstore_blob(&v, id, &blob), 0);
	struct strbuf bp = STRBUF_INIT;
	strbuf_addf(&bp, "%s/vault/evidence/%s", dir, blob);
	int fd = open(bp.buf, O_RDWR);
	assert_true(fd >= 0);
	const uint64_t header = 8 + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
	const uint64_t cchunk = EVIDENCE_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES;
	const uint64_t spots[] = {header + 2 * cchunk + 100, header + cchunk - 16};
	for (size_t i = 0; i < ARRAY_SIZE(spots); i++) {
		unsigned char b;
		assert_int_equal(pread(fd, &b, 1, (off_t)spots[i]), 1);
		b ^= 1;
		assert_int_equal(pwrite(fd, &b, 1, (off_t)spots[i]), 1);
		const struct evidence_range third = {2 * EVIDENCE_CHUNK + 10, 10};
		strbuf_init(&c.out[0], 0);
		assert_int_equal(evidence_read_ranges(&v, id, &third, 1, collect, &c), -VG_EVERIFY);
		strbuf_release(&c.out[0]);
		b ^= 1;
		assert_int_equal(pwrite(fd, &b, 1, (off_t)spots[i]), 1);
	}
	close(fd);
	strbuf_release(&bp);
	free(blob);
	free(id);
	free(data);
}

static void test_sources(void **state)
{
	(void)state;
	const char *exp = "{\"messages\": [\n"
	                  " {\"id\": 1, \"type\": \"message\", \"text\": \"old\"},\n"
	                  " {\"id\": 2, \"type\": \"message\", \"text\": \"a\\x01b\","
	                  " \"poll\": {\"answers\": [{\"chosen\": true}], \"n\": 2.5}}\n]}";
	char *ev = add("result.json", exp, strlen(exp));
	const char *m2 = strstr(exp, "{\"id\": 2");
	size_t m2len = (size_t)(strstr(m2, "}}") + 2 - m2);
	struct msgstore *ms;
	int64_t imp, mid;
	char key[64];
	enum msg_added added;
	assert_int_equal(vault_begin(&v), 0);
	assert_int_equal(msgstore_open(&v, &ms), 0);
	assert_int_equal(msgstore_import_begin(ms, "telegram", "result.json", NULL, &imp), 0);
	assert_int_equal(msgstore_chat(ms, "telegram", "5", "chat", "personal_chat", NULL, key), 0);
	/* as an older Vigil stored every message: a JSON copy in raw */
	struct msg_in a = {.chat_key = key, .msg_id = 1, .type = "message", .date = 100};
	a.text = "old";
	a.text_len = 3;
	a.raw = "{\"id\":1,\"type\":\"message\",\"text\":\"old\"}";
	a.raw_len = strlen(a.raw);
	a.hash[0] = 1;
	assert_int_equal(msgstore_add(ms, imp, &a, &added, &mid), 0);
	/* as it is stored now: a place in the export */
	struct msg_in b = {.chat_key = key, .msg_id = 2, .type = "message", .date = 200};
	b.text = "a\001b";
	b.text_len = 3;
	b.src_offset = (uint64_t)(m2 - exp);
	b.src_length = m2len;
	b.hash[0] = 2;
	assert_int_equal(msgstore_add(ms, imp, &b, &added, &mid), 0);
	json_t *sum = json_object();
	assert_int_equal(msgstore_import_finish(ms, imp, "00", strlen(exp), ev, sum), 0);
	json_decref(sum);
	msgstore_close(ms);
	assert_int_equal(vault_commit(&v), 0);

	struct msg_filter f = {0};
	json_t *list = NULL;
	assert_int_equal(msgstore_list(&v, &f, &list), 0);
	assert_int_equal(json_array_size(list), 2);
	json_t *old = json_array_get(list, 0), *now = json_array_get(list, 1);
	json_t *want_old = json_loads(a.raw, 0, NULL);
	assert_true(json_equal(json_object_get(old, "source"), want_old));
	assert_null(json_object_get(now, "source"));
	json_t *at = json_object_get(now, "source_bytes");
	assert_int_equal(json_integer_value(json_object_get(at, "offset")), m2 - exp);
	assert_int_equal(json_integer_value(json_object_get(at, "length")), m2len);
	assert_int_equal(import_read_sources(&v, list), 0);
	json_t *want = json_loads("{\"id\": 2, \"type\": \"message\", \"text\": \"a\\u0001b\","
	                          " \"poll\": {\"answers\": [{\"chosen\": true}], \"n\": 2.5}}",
	                          0, NULL);
	assert_non_null(want);
	assert_true(json_equal(json_object_get(now, "source"), want));
	assert_true(json_equal(json_object_get(old, "source"), want_old));
	json_decref(want);
	json_decref(want_old);
	json_decref(list);
	free(ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ranges),
	    cmocka_unit_test(test_sources),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

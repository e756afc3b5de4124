/*
 * ledger.c - signing keys, checkpoints as C2SP signed notes (see ledger.h).
 */
#include "ledger/ledger.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "records/evidence_store.h"
#include "records/records.h"
#include "util/fileio.h"
#include "util/util.h"
#include "vault/vault.h"

#define EM_DASH "\xe2\x80\x94"

static void key_finish(struct ledger_key *k)
{
	uint8_t h[32];
	char hexs[17];
	crypto_hash_sha256(h, k->pk, 32);
	sodium_bin2hex(hexs, sizeof(hexs), h, 8);
	snprintf(k->name, sizeof(k->name), "vigil.vault/%s", hexs);
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)k->name, strlen(k->name));
	crypto_hash_sha256_update(&st, (const uint8_t *)"\n\x01", 2);
	crypto_hash_sha256_update(&st, k->pk, 32);
	crypto_hash_sha256_final(&st, h);
	memcpy(k->keyid, h, 4);
}

void ledger_key(struct vault *v, struct ledger_key *k)
{
	uint8_t seed[VAULT_KEY_BYTES];
	vault_subkey(v, VAULT_SUBKEY_SIGNING_SEED, seed);
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
	sodium_memzero(seed, sizeof(seed));
	key_finish(k);
}

void ledger_key_public(const uint8_t pk[32], struct ledger_key *k)
{
	memset(k, 0, sizeof(*k));
	memcpy(k->pk, pk, 32);
	key_finish(k);
}

void ledger_key_wipe(struct ledger_key *k)
{
	sodium_memzero(k, sizeof(*k));
}

char *ledger_base64(const void *data, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(n);
	sodium_bin2base64(out, n, data, len, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

bool ledger_unbase64(const char *s, size_t slen, void *out, size_t want)
{
	size_t got = 0;
	const char *end;
	if (sodium_base642bin(out, want, s, slen, NULL, &got, &end,
	                      sodium_base64_VARIANT_ORIGINAL) != 0)
		return false;
	return got == want && end == s + slen;
}

char *ledger_verifier_key(const struct ledger_key *k)
{
	uint8_t raw[33] = {1};
	memcpy(raw + 1, k->pk, 32);
	char *b64 = ledger_base64(raw, sizeof(raw));
	char idhex[9];
	sodium_bin2hex(idhex, sizeof(idhex), k->keyid, 4);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s+%s+%s", k->name, idhex, b64);
	free(b64);
	return strbuf_detach(&sb, NULL);
}

struct leaves_acc {
	merkle_hash *h;
	size_t n, cap;
};

static int add_leaf(void *arg, int64_t seq, const void *entry, size_t len)
{
	(void)seq;
	struct leaves_acc *a = arg;
	xgrow((void **)&a->h, &a->cap, a->n + 1, sizeof(merkle_hash));
	merkle_leaf_hash(entry, len, a->h[a->n++]);
	return 0;
}

int ledger_leaves(struct vault *v, merkle_hash **leaves, uint64_t *n)
{
	struct leaves_acc a = {0};
	int rc = changelog_each_entry(v, 1, 0, add_leaf, &a);
	if (rc) {
		free(a.h);
		*leaves = NULL;
		*n = 0;
		return rc;
	}
	*leaves = a.h;
	*n = a.n;
	return 0;
}

static void body_text(struct strbuf *sb, const char *origin, uint64_t size, const merkle_hash root)
{
	char *b64 = ledger_base64(root, MERKLE_HASH);
	strbuf_addf(sb, "%s\n%" PRIu64 "\n%s\n", origin, size, b64);
	free(b64);
}

char *checkpoint_sign(const struct ledger_key *k, uint64_t size, const merkle_hash root)
{
	struct strbuf sb = STRBUF_INIT;
	body_text(&sb, k->name, size, root);
	uint8_t sig[4 + crypto_sign_BYTES];
	memcpy(sig, k->keyid, 4);
	crypto_sign_detached(sig + 4, NULL, (const uint8_t *)sb.buf, sb.len, k->sk);
	char *b64 = ledger_base64(sig, sizeof(sig));
	strbuf_addf(&sb, "\n" EM_DASH " %s %s\n", k->name, b64);
	free(b64);
	return strbuf_detach(&sb, NULL);
}

int checkpoint_verify(const char *text, size_t len, const struct ledger_key *k, const char *what,
                      struct checkpoint *out)
{
	if (memchr(text, 0, len))
		return error_set(VG_EVERIFY, "checkpoint %s contains a NUL byte", what);
	const char *sep = NULL;
	for (size_t i = 0; i + 1 < len; i++)
		if (text[i] == '\n' && text[i + 1] == '\n') {
			sep = text + i;
			break;
		}
	if (!sep)
		return error_set(VG_EVERIFY, "checkpoint %s is not a signed note (no blank line)",
		                 what);
	size_t body_len = (size_t)(sep - text) + 1;
	/* The body: origin, size, root, no extension lines. */
	struct strbuf body = STRBUF_INIT;
	strbuf_add(&body, text, body_len);
	int rc = 0;
	size_t lines = 0;
	for (size_t i = 0; i < body.len; i++)
		lines += body.buf[i] == '\n';
	if (lines != 3) {
		rc =
		    error_set(VG_EVERIFY,
		              "checkpoint %s must have three lines (origin, size, root) before its "
		              "signatures, not %zu",
		              what, lines);
		goto out;
	}
	char *l1 = body.buf, *l2 = strchr(l1, '\n');
	*l2++ = 0;
	char *l3 = strchr(l2, '\n');
	*l3++ = 0;
	body.buf[body.len - 1] = 0;
	if (strcmp(l1, k->name) != 0) {
		rc = error_set(VG_EVERIFY, "checkpoint %s is for the log '%s', not '%s'", what, l1,
		               k->name);
		goto out;
	}
	char *end;
	errno = 0;
	unsigned long long size = strtoull(l2, &end, 10);
	if (!*l2 || *end || errno || (l2[0] == '0' && l2[1]) || l2[0] == '-' || l2[0] == '+') {
		rc = error_set(VG_EVERIFY, "checkpoint %s has a damaged tree size '%s'", what, l2);
		goto out;
	}
	if (!ledger_unbase64(l3, strlen(l3), out->root, MERKLE_HASH)) {
		rc = error_set(VG_EVERIFY, "checkpoint %s has a damaged root hash", what);
		goto out;
	}
	out->size = size;
	/* Signature lines: at least one by k, and it must hold. */
	const char *p = sep + 2, *stop = text + len;
	bool good = false;
	if (p >= stop || stop[-1] != '\n') {
		rc = error_set(VG_EVERIFY, "checkpoint %s has no signature line", what);
		goto out;
	}
	while (p < stop) {
		const char *nl = memchr(p, '\n', (size_t)(stop - p));
		size_t ll = (size_t)(nl - p);
		size_t dl = strlen(EM_DASH " ");
		const char *sp = ll > dl ? memchr(p + dl, ' ', ll - dl) : NULL;
		if (ll <= dl || memcmp(p, EM_DASH " ", dl) != 0 || !sp) {
			rc = error_set(VG_EVERIFY, "checkpoint %s has a damaged signature line",
			               what);
			goto out;
		}
		size_t nl_len = (size_t)(sp - (p + dl));
		uint8_t sig[4 + crypto_sign_BYTES];
		bool named = nl_len == strlen(k->name) && !memcmp(p + dl, k->name, nl_len);
		bool decoded = ledger_unbase64(sp + 1, (size_t)(nl - sp - 1), sig, sizeof(sig));
		if (named && decoded && !memcmp(sig, k->keyid, 4)) {
			if (crypto_sign_verify_detached(sig + 4, (const uint8_t *)text, body_len,
			                                k->pk) != 0) {
				rc = error_set(VG_EVERIFY,
				               "checkpoint %s: the signature of %s does not hold",
				               what, k->name);
				goto out;
			}
			good = true;
		} else if (named) {
			rc = error_set(VG_EVERIFY, "checkpoint %s has a damaged signature by %s",
			               what, k->name);
			goto out;
		}
		p = nl + 1;
	}
	if (!good)
		rc = error_set(VG_EVERIFY, "checkpoint %s is not signed by %s", what, k->name);
out:
	strbuf_release(&body);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ledger_checkpoint_files(struct vault *v, json_t **out)
{
	struct strbuf dir = STRBUF_INIT;
	strbuf_addf(&dir, "%s/checkpoints", v->path);
	DIR *d = opendir(dir.buf);
	if (!d) {
		int rc = error_set(VG_EVERIFY, "the checkpoints folder %s cannot be read: %s",
		                   dir.buf, strerror(errno));
		strbuf_release(&dir);
		return rc;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if ((e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, ".."))) ||
		    !strcmp(e->d_name, LEDGER_SEAL_NAME))
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof(char *));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), cmp_str);
	*out = json_array();
	for (size_t i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", dir.buf, names[i]);
		json_array_append_new(*out, json_string(p.buf));
		strbuf_release(&p);
		free(names[i]);
	}
	free(names);
	strbuf_release(&dir);
	return 0;
}

int ledger_checkpoint_read(struct vault *v, const char *path, struct checkpoint *out,
                           char **text_out)
{
	struct strbuf text = STRBUF_INIT;
	int rc = file_read(path, 1 << 16, &text);
	if (!rc) {
		struct ledger_key k;
		ledger_key(v, &k);
		rc = checkpoint_verify(text.buf, text.len, &k, path, out);
		if (!rc) {
			/* Signatures are deterministic: the file must be exactly what
			 * this vault writes for that tree head, byte for byte. */
			char *again = checkpoint_sign(&k, out->size, out->root);
			if (strlen(again) != text.len || memcmp(again, text.buf, text.len) != 0)
				rc = error_set(VG_EVERIFY,
				               "checkpoint %s has bytes this vault did not write",
				               path);
			free(again);
		}
		ledger_key_wipe(&k);
	}
	if (!rc && text_out)
		*text_out = strbuf_detach(&text, NULL);
	else
		strbuf_release(&text);
	return rc;
}

int ledger_checkpoint(struct vault *v, char **path_out, bool *written)
{
	if (path_out)
		*path_out = NULL;
	if (written)
		*written = false;
	merkle_hash *leaves;
	uint64_t n;
	int rc = ledger_leaves(v, &leaves, &n);
	if (rc)
		return rc;
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/checkpoints/%012" PRIu64 ".checkpoint", v->path, n);
	if (!file_exists(path.buf)) {
		merkle_hash root;
		merkle_root(leaves, n, root);
		struct ledger_key k;
		ledger_key(v, &k);
		char *note = checkpoint_sign(&k, n, root);
		ledger_key_wipe(&k);
		rc = file_write_atomic(path.buf, note, strlen(note), 0600);
		free(note);
		if (!rc && written)
			*written = true;
	}
	free(leaves);
	if (!rc && path_out)
		*path_out = strbuf_detach(&path, NULL);
	strbuf_release(&path);
	return rc;
}

/* The seal's own key, so that it never reuses the signing seed as is. */
static void seal_key(struct vault *v, uint8_t k2[crypto_generichash_blake2b_KEYBYTES])
{
	uint8_t key[VAULT_KEY_BYTES];
	vault_subkey(v, VAULT_SUBKEY_SIGNING_SEED, key);
	static const uint8_t personal[crypto_generichash_blake2b_PERSONALBYTES] = "vigil-db-seal";
	crypto_generichash_blake2b_salt_personal(k2, crypto_generichash_blake2b_KEYBYTES, NULL, 0,
	                                         key, sizeof(key), NULL, personal);
	sodium_memzero(key, sizeof(key));
}

/* Format 1: one keyed BLAKE2b over the whole file. Still read, to check the
 * seals that older versions wrote. */
static int seal_v1(int fd, const uint8_t *k2, uint8_t mac[32], uint64_t *size)
{
	crypto_generichash_blake2b_state st;
	crypto_generichash_blake2b_init(&st, k2, crypto_generichash_blake2b_KEYBYTES, 32);
	unsigned char buf[65536];
	ssize_t n;
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		crypto_generichash_blake2b_update(&st, buf, (size_t)n);
		*size += (uint64_t)n;
	}
	crypto_generichash_blake2b_final(&st, mac, 32);
	return 0;
}

/* Format 2: the file in segments of SEAL_SEGMENT bytes, each with a keyed
 * BLAKE2b of its own (its index as salt), hashed on every processor (up to
 * SEAL_THREADS): the seal is written after every change, and one hash over a
 * database of hundreds of megabytes kept the user waiting. The seal is a
 * keyed BLAKE2b of the file's size and the segments' hashes in order. */
#define SEAL_SEGMENT (16u << 20)
#define SEAL_THREADS 4

struct seal_job {
	int fd;
	const uint8_t *key;
	uint64_t size, nseg;
	uint8_t (*leaf)[32];
	_Atomic uint64_t next;
	_Atomic int err; /* errno of a failed read */
};

static void *seal_worker(void *arg)
{
	struct seal_job *j = arg;
	static const uint8_t personal[crypto_generichash_blake2b_PERSONALBYTES] = "vigil-seal-seg";
	unsigned char *buf = xmalloc(1 << 20);
	for (uint64_t i; !j->err && (i = atomic_fetch_add(&j->next, 1)) < j->nseg;) {
		uint8_t salt[crypto_generichash_blake2b_SALTBYTES] = {0};
		for (int b = 0; b < 8; b++)
			salt[b] = (uint8_t)(i >> (8 * b));
		crypto_generichash_blake2b_state st;
		crypto_generichash_blake2b_init_salt_personal(
		    &st, j->key, crypto_generichash_blake2b_KEYBYTES, 32, salt, personal);
		uint64_t off = i * SEAL_SEGMENT;
		uint64_t end = off + SEAL_SEGMENT < j->size ? off + SEAL_SEGMENT : j->size;
		while (off < end) {
			size_t want = end - off < (1u << 20) ? (size_t)(end - off) : (1u << 20);
			ssize_t n = pread(j->fd, buf, want, (off_t)off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) { /* a read error, or the file shrank under us */
				j->err = n < 0 ? errno : EIO;
				break;
			}
			crypto_generichash_blake2b_update(&st, buf, (size_t)n);
			off += (uint64_t)n;
		}
		crypto_generichash_blake2b_final(&st, j->leaf[i], 32);
	}
	free(buf);
	return NULL;
}

static int seal_v2(int fd, const uint8_t *k2, uint8_t mac[32], uint64_t *size)
{
	struct stat stt;
	if (fstat(fd, &stt) != 0)
		return -1;
	struct seal_job j = {.fd = fd, .key = k2, .size = (uint64_t)stt.st_size};
	j.nseg = (j.size + SEAL_SEGMENT - 1) / SEAL_SEGMENT;
	j.leaf = xmalloc((j.nseg ? j.nseg : 1) * sizeof(*j.leaf));
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t helpers = cpus > 1 ? (uint64_t)cpus - 1 : 0;
	if (helpers > SEAL_THREADS - 1)
		helpers = SEAL_THREADS - 1;
	if (helpers + 1 > j.nseg)
		helpers = j.nseg ? j.nseg - 1 : 0;
	pthread_t th[SEAL_THREADS];
	uint64_t started = 0;
	while (started < helpers && pthread_create(&th[started], NULL, seal_worker, &j) == 0)
		started++;
	seal_worker(&j);
	for (uint64_t t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	static const uint8_t personal[crypto_generichash_blake2b_PERSONALBYTES] = "vigil-seal-root";
	crypto_generichash_blake2b_state st;
	crypto_generichash_blake2b_init_salt_personal(&st, k2, crypto_generichash_blake2b_KEYBYTES,
	                                              32, NULL, personal);
	uint8_t le[8];
	for (int b = 0; b < 8; b++)
		le[b] = (uint8_t)(j.size >> (8 * b));
	crypto_generichash_blake2b_update(&st, le, sizeof(le));
	crypto_generichash_blake2b_update(&st, (const uint8_t *)j.leaf, j.nseg * sizeof(*j.leaf));
	crypto_generichash_blake2b_final(&st, mac, 32);
	free(j.leaf);
	*size = j.size;
	if (j.err) {
		errno = j.err;
		return -1;
	}
	return 0;
}

#define SEAL_FORMAT 2

static int seal_compute(struct vault *v, int format, uint8_t mac[32], uint64_t *size)
{
	uint8_t k2[crypto_generichash_blake2b_KEYBYTES];
	seal_key(v, k2);
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", v->path, VAULT_DB_NAME);
	int rc = 0;
	int fd = open(path.buf, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (format == 1 ? seal_v1(fd, k2, mac, size) : seal_v2(fd, k2, mac, size)))
		rc = error_set(VG_EIO, "cannot read %s: %s", path.buf, strerror(errno));
	if (fd >= 0)
		close(fd);
	sodium_memzero(k2, sizeof(k2));
	strbuf_release(&path);
	return rc;
}

static void seal_text(struct strbuf *sb, int format, const uint8_t mac[32], uint64_t size)
{
	char hexs[65];
	sodium_bin2hex(hexs, sizeof(hexs), mac, 32);
	strbuf_addf(sb, "vigil database seal %d\n%" PRIu64 "\n%s\n", format, size, hexs);
}

int ledger_seal_write(struct vault *v)
{
	uint8_t mac[32];
	uint64_t size;
	int rc = seal_compute(v, SEAL_FORMAT, mac, &size);
	if (rc)
		return rc;
	struct strbuf text = STRBUF_INIT, path = STRBUF_INIT;
	seal_text(&text, SEAL_FORMAT, mac, size);
	strbuf_addf(&path, "%s/checkpoints/%s", v->path, LEDGER_SEAL_NAME);
	struct strbuf old = STRBUF_INIT;
	if (file_read(path.buf, 4096, &old) || old.len != text.len ||
	    memcmp(old.buf, text.buf, text.len) != 0)
		rc = file_write_atomic(path.buf, text.buf, text.len, 0600);
	error_clear();
	strbuf_release(&old);
	strbuf_release(&text);
	strbuf_release(&path);
	return rc;
}

int ledger_seal_check(struct vault *v)
{
	struct strbuf text = STRBUF_INIT, path = STRBUF_INIT, got = STRBUF_INIT;
	strbuf_addf(&path, "%s/checkpoints/%s", v->path, LEDGER_SEAL_NAME);
	bool missing = file_read(path.buf, 4096, &got) != 0;
	/* a seal an older version wrote is checked the way it was made */
	int format = !missing && !strncmp(got.buf, "vigil database seal 1\n", 22) ? 1 : SEAL_FORMAT;
	uint8_t mac[32];
	uint64_t size;
	int rc = seal_compute(v, format, mac, &size);
	if (rc) {
		strbuf_release(&got);
		strbuf_release(&path);
		return rc;
	}
	seal_text(&text, format, mac, size);
	if (missing)
		rc = error_set(VG_EVERIFY,
		               "the database seal %s is missing; if the last command was "
		               "interrupted and the other checks pass, run 'vigil checkpoint'",
		               path.buf);
	else if (got.len != text.len || memcmp(got.buf, text.buf, text.len) != 0)
		rc = error_set(VG_EVERIFY,
		               "%s/%s does not match its seal %s: the file was changed outside "
		               "Vigil (or the last command was interrupted; then run 'vigil "
		               "checkpoint')",
		               v->path, VAULT_DB_NAME, path.buf);
	strbuf_release(&got);
	strbuf_release(&text);
	strbuf_release(&path);
	return rc;
}

int ledger_after_change(struct vault *v)
{
	/* The write lock keeps another writer from committing between our
	 * reading the database and writing its seal. */
	int rc = vault_begin(v);
	if (rc)
		return rc;
	rc = ledger_checkpoint(v, NULL, NULL);
	if (!rc)
		rc = ledger_seal_write(v);
	if (rc)
		vault_rollback(v);
	else
		rc = vault_commit(v);
	return rc;
}
